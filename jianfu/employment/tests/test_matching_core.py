"""The matcher: hard constraints never broken in a top-10 (property test), both directions, reasons,
learning from outcomes, and the blocked batch against brute force."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jianfu.employment.matching import Gazetteer, Job, Matcher, Outcome, Recommendation, Seeker, synth
from jianfu.employment.matching.batch import batch_top, exact_top_for_jobs, exact_top_for_seekers
from jianfu.employment.matching.constraints import violations

GAZ = Gazetteer.builtin()
TOWNS = ["廉州镇", "党江镇", "白沙镇", "山口镇", "北海市区", "广东东莞", "火星基地", "党江镇、沙田镇", "北海市区、廉州镇"]
AGES = ["18-35周岁", "45岁以下", "18岁以上", "不限", "20-50岁", "40-60岁"]
CERTS = ["", "电工证", "叉车证", "健康证", "C1驾照", "健康证优先", "B2驾照", "须持健康证，没有的可入职后办理", "持A2或B2驾驶证"]
DESCRIPTIONS = ["流水线，两班倒", "长白班，可坐着", "搬运装卸，体力好", "高处作业", "出海捕捞", "接听电话", ""]
LIMITS = ["", "只上白班", "不能久站", "要接送孩子", "腰不好", "恐高", "晕船", "听力残疾"]
PLACES = ["本镇", "县内", "离家近就行", "北海市内", "外出", "广东东莞", ""]

job_st = st.builds(
    lambda i, title, age, cert, edu, wage, place, desc: Job(
        id=f"J{i}", title=title, age=age, certificates=cert, education=edu, wage=wage, place=place, description=desc),
    st.integers(0, 10**6), st.sampled_from(["电子厂普工", "叉车司机", "保洁", "电工", "剥虾工", "货车司机", "客服", "渔船船员"]),
    st.sampled_from(AGES), st.sampled_from(CERTS), st.sampled_from(["", "初中", "高中", "大专"]),
    st.sampled_from(["面议", "3000-4500元", "4千到5千", "150元/天"]), st.sampled_from(TOWNS),
    st.sampled_from(DESCRIPTIONS))
seeker_st = st.builds(
    lambda i, age, desire, cert, edu, home, places, notes: Seeker(
        id=f"S{i}", age=age, desired=desire, certificates=cert, education=edu, residence=home, places=places,
        notes=notes, wage="3500"),
    st.integers(0, 10**6), st.one_of(st.none(), st.integers(16, 70)),
    st.sampled_from(["想进厂", "叉车", "搞卫生", "电工", "什么都能干", "开货车", "剥虾", "", "想去东莞进厂", "在白沙镇找个保洁"]),
    st.sampled_from(CERTS[:5] + ["A2驾照"]), st.sampled_from(["", "小学", "初中", "高中", "大专"]),
    st.sampled_from(TOWNS[:4] + ["某某村"]), st.sampled_from(PLACES), st.sampled_from(LIMITS))


def _unique(items):
    seen, out = set(), []
    for x in items:
        if x.id not in seen:
            seen.add(x.id)
            out.append(x)
    return out


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(job_st, min_size=1, max_size=25), st.lists(seeker_st, min_size=1, max_size=12))
def test_no_top10_ever_breaks_a_hard_constraint(jobs, seekers):
    jobs, seekers = _unique(jobs), _unique(seekers)
    m = Matcher(jobs=jobs, seekers=seekers, gazetteer=GAZ)
    by_job = {j.id: j for j in jobs}
    by_seeker = {s.id: s for s in seekers}
    for s in seekers:
        for r in m.jobs_for(s, top=10):
            assert violations(s, by_job[r.job_id], GAZ) == [], (s, by_job[r.job_id])
    for j in jobs:
        for r in m.seekers_for(j, top=10):
            assert violations(by_seeker[r.seeker_id], j, GAZ) == [], (by_seeker[r.seeker_id], j)
    result = batch_top(m, k=10, exact_below=0)
    for si, row in enumerate(result.seeker_jobs):
        for ji in row[row >= 0]:
            assert violations(seekers[si], jobs[ji], GAZ) == []


def test_named_examples_of_the_issue():
    jobs = [Job("young", title="普工", age="18-35岁", place="廉州镇"),
            Job("line", title="流水线普工", age="18-60岁", place="廉州镇", description="全天站立流水线"),
            Job("seated", title="普工", age="18-60岁", place="廉州镇", description="长白班，坐着做")]
    fifty = Seeker("s50", age=50, desired="进厂", residence="廉州镇")
    sore = Seeker("sore", age=40, desired="进厂", residence="廉州镇", notes="不能久站")
    m = Matcher(jobs=jobs, seekers=[fifty, sore], gazetteer=GAZ)
    assert [r.job_id for r in m.jobs_for(fifty)] == ["line", "seated"] or \
        sorted(r.job_id for r in m.jobs_for(fifty)) == ["line", "seated"]
    assert [r.job_id for r in m.jobs_for(sore)] == ["seated"]
    assert m.violates(fifty, jobs[0]) and not m.violates(fifty, jobs[2])


def test_both_directions_and_the_reasons():
    jobs = [Job("J1", title="叉车司机", certificates="叉车证", age="20-50岁", wage="5000-6000元/月", place="廉州镇",
                experience="1年以上"),
            Job("J2", title="仓库分拣员", age="18-50岁", wage="3000元", place="廉州镇", description="长白班"),
            Job("J3", title="叉车司机", certificates="叉车证", age="20-30岁", wage="6000元", place="廉州镇")]
    s = Seeker("S1", age=35, education="高中", residence="廉州镇", desired="叉车司机", certificates="叉车操作证",
               experience="开叉车5年", wage="4500", places="县内")
    no_cert = Seeker("S2", age=35, residence="廉州镇", desired="叉车司机", wage="4500")
    m = Matcher(jobs=jobs, seekers=[s, no_cert], gazetteer=GAZ)
    recs = m.jobs_for(s)
    assert [r.job_id for r in recs] == ["J1", "J2"]
    first = recs[0]
    assert isinstance(first, Recommendation) and first.rank == 1 and first.seeker_id == "S1"
    assert first.met == ["求职意向相符（叉车司机）", "年龄35岁符合20–50岁", "持有叉车证",
                         "工作地点廉州镇（本镇），在可接受范围内", "月薪5000–6000元，达到期望4500元", "经验满足（岗位要求1年，本人5年）"]
    assert first.unmet == []
    assert first.reasons == "为何推荐：" + "；".join(first.met) + "。"
    second = recs[1]
    assert "月薪3000元，低于期望4500元" in second.unmet
    assert second.reasons.startswith("为何推荐：") and "。不足：" in second.reasons
    assert first.score > second.score
    # seekers for a posting: the one without the certificate is never proposed
    assert [r.seeker_id for r in m.seekers_for(jobs[0])] == ["S1"]
    assert [r.seeker_id for r in m.seekers_for(jobs[1])] == ["S1", "S2"] or \
        sorted(r.seeker_id for r in m.seekers_for(jobs[1])) == ["S1", "S2"]
    # a seeker not in the matcher's list is scored too; J1 asks for a year of experience they lack
    assert [r.job_id for r in m.jobs_for(Seeker("new", age=28, desired="开叉车", certificates="叉车证",
                                                   residence="廉州镇"))][:2] == ["J3", "J1"]


def test_outcomes_teach_the_matcher():
    jobs = [Job("near", title="保洁", place="白沙镇", wage="2500元"),
            Job("far", title="保洁", place="山口镇", wage="3000元"),
            Job("night", title="保洁", place="白沙镇", wage="2600元", description="夜班")]
    s = Seeker("S1", age=45, desired="保洁", residence="白沙镇", places="县内", wage="2000")
    plain = Matcher(jobs=jobs, seekers=[s], gazetteer=GAZ)
    assert sorted(r.job_id for r in plain.jobs_for(s)) == ["far", "near", "night"]
    taught = Matcher(jobs=jobs, seekers=[s], gazetteer=GAZ, outcomes=[
        Outcome("S1", "far", "refused", reason="太远了", by="seeker"),
        Outcome("S1", "night", "refused", reason="要上夜班", by="seeker")])
    assert [r.job_id for r in taught.jobs_for(s)] == ["near"]
    assert taught.S.max_level[0] == 1
    with pytest.raises(ValueError, match="未知的结果阶段"):
        Outcome("S1", "near", "maybe")


def test_outcomes_across_seekers_raise_an_occupation_pair():
    jobs = [Job("a", title="保安", place="廉州镇"), Job("b", title="保洁", place="廉州镇")]
    seekers = [Seeker(f"S{i}", age=40, desired="什么都能干", residence="廉州镇") for i in range(4)]
    hired = [Outcome(f"S{i}", "a", "hired") for i in range(1, 4)]
    m = Matcher(jobs=jobs, seekers=seekers, gazetteer=GAZ, outcomes=hired)
    top = m.jobs_for(seekers[0])
    assert "同类求职者在此类岗位上有面试或录用记录" in next(r for r in top if r.job_id == "a").met


def test_batch_agrees_with_brute_force_on_a_county():
    seekers = list(synth.seekers(300, seed=3))
    jobs = list(synth.jobs(300, seed=4))
    m = Matcher(jobs=jobs, seekers=seekers, gazetteer=GAZ)
    result = batch_top(m, k=10, exact_below=0)       # the blocked path, not the small-input exact one
    sample = np.arange(0, 300, 7)
    exact, exact_val = exact_top_for_seekers(m, sample)
    found = sum(len(set(a[a >= 0]) & set(e[e >= 0])) for a, e in zip(result.seeker_jobs[sample], exact, strict=True))
    total = int((exact >= 0).sum())
    assert found / total >= 0.95
    exact_j, _ = exact_top_for_jobs(m, sample)
    found_j = sum(len(set(a[a >= 0]) & set(e[e >= 0])) for a, e in zip(result.job_seekers[sample], exact_j, strict=True))
    assert found_j / int((exact_j >= 0).sum()) >= 0.8
    # the single query and the batch give the same lists (the same scores: equal scores may tie-break apart)
    for i in range(0, 300, 13):
        online = [r.score for r in m.jobs_for(seekers[i])]
        batch = [round(float(v), 4) for v in result.seeker_scores[i] if np.isfinite(v)]
        assert online == pytest.approx(batch, abs=2e-4)


def test_synth_is_seeded_and_varied():
    a = list(synth.seekers(50, seed=9, bad_rate=0.2))
    b = list(synth.seekers(50, seed=9, bad_rate=0.2))
    assert a == b
    assert len({s.desired for s in a}) > 15
    jobs = list(synth.jobs(200, seed=1))
    assert len({j.title for j in jobs}) > 30
    assert {"党江镇", "廉州镇"} & {j.place for j in jobs}


def test_fused_kernel_equals_the_numpy_reference():
    from jianfu.employment.matching import kernel
    from jianfu.employment.matching.matcher import score_block, score_block_numpy

    if not kernel.AVAILABLE:
        pytest.skip("numba is not installed: the numpy formulation is the only one")
    geo = synth.Geography.province(cities=2, counties=2, towns=3)
    seekers = list(synth.seekers(400, seed=5, geography=geo))
    jobs = list(synth.jobs(300, seed=6, geography=geo))
    outcomes = [Outcome(seekers[i].id, jobs[i].id, "hired") for i in range(0, 100, 3)] + \
        [Outcome(seekers[i].id, jobs[i + 1].id, "refused", reason="工资低") for i in range(0, 100, 7)]
    m = Matcher(jobs=jobs, seekers=seekers, outcomes=outcomes)
    si, ji = np.arange(400), np.arange(300)
    fused = score_block(m.S, si, m.svec, m.J, ji, m.jvec, m.weights, m.outcomes).scores
    reference = score_block_numpy(m.S, si, m.svec, m.J, ji, m.jvec, m.weights, m.outcomes).scores
    assert (np.isfinite(fused) == np.isfinite(reference)).all()
    finite = np.isfinite(reference)
    assert finite.sum() > 10_000
    assert np.abs(fused[finite] - reference[finite]).max() < 1e-5


def test_recommend_all_through_the_batch_gives_the_same_lists(monkeypatch):
    import jianfu.employment.matching.matcher as matcher_module

    m = Matcher(jobs=list(synth.jobs(150, seed=7)), seekers=list(synth.seekers(120, seed=8)), gazetteer=GAZ)
    one_by_one = sorted((r.seeker_id, r.rank, r.score) for r in m.recommend_all("seekers", top=5))
    monkeypatch.setattr(matcher_module, "BATCH_ABOVE_PAIRS", 0)
    batched = sorted((r.seeker_id, r.rank, r.score) for r in m.recommend_all("seekers", top=5))
    assert batched == one_by_one
    assert {r.reasons[:5] for r in m.recommend_all("jobs", top=2)} == {"为何推荐："}
    with pytest.raises(ValueError, match="未知的方向"):
        list(matcher_module.Matcher(jobs=[], seekers=[]).recommend_all("both"))


def test_forked_batch_and_the_fused_top_k_equal_the_numpy_batch(monkeypatch):
    import jianfu.employment.matching.matcher as matcher_module

    geo = synth.Geography.province(cities=2, counties=2, towns=3)
    m = Matcher(jobs=list(synth.jobs(400, seed=21, geography=geo)),
                seekers=list(synth.seekers(500, seed=22, geography=geo)))
    one = batch_top(m, k=10, exact_below=0, processes=1)
    two = batch_top(m, k=10, exact_below=0, processes=2)
    assert one.pairs_scored == two.pairs_scored > 0
    np.testing.assert_array_equal(one.seeker_scores, two.seeker_scores)
    np.testing.assert_array_equal(one.job_scores, two.job_scores)
    assert np.isfinite(one.seeker_scores[:, 0]).sum() > 400
    monkeypatch.setattr(matcher_module, "USE_KERNEL", False)
    reference = batch_top(m, k=10, exact_below=0, processes=1)
    np.testing.assert_allclose(one.seeker_scores, reference.seeker_scores, atol=1e-5)
    np.testing.assert_allclose(one.job_scores, reference.job_scores, atol=1e-5)


def test_synthetic_postings_are_coherent_with_their_title(monkeypatch):
    # the demo's job board is drawn from here: a 快递员 never asks for a forklift licence, a 叉车司机 always drives a
    # forklift, and the per-title details leave every other field as the sector's pools drew it
    jobs = list(synth.jobs(3000, seed=11))
    couriers = [j for j in jobs if j.title == "快递员"]
    forklift = [j for j in jobs if j.title == "叉车司机"]
    scaffolders = [j for j in jobs if j.title == "架子工"]
    assert couriers and forklift and scaffolders
    assert not any("叉车" in j.certificates or "叉车" in j.description for j in couriers)
    assert all("叉车证" in j.certificates and "叉车" in j.description for j in forklift)
    assert all("高处作业" in j.description for j in scaffolders)
    monkeypatch.setattr(synth, "ROLE_DETAILS", {})
    pooled = list(synth.jobs(3000, seed=11))
    assert any(a.description != b.description for a, b in zip(jobs, pooled, strict=True))
    assert [(j.id, j.title, j.employer, j.wage, j.place, j.age) for j in jobs] == [
        (j.id, j.title, j.employer, j.wage, j.place, j.age) for j in pooled]
