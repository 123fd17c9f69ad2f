"""A posting that is two trades at once ("客服打包员", "收银兼理货", "保安兼保洁", a 综合岗 that is driver plus clerk) is read
as two occupation codes (issue 8, session 10): a seeker of either trade finds it — in the kernel, the numpy reference,
the blocks of the single query and of the batch, and the exact floor — its demands are those of both trades, and the
explanation names both. Before, it was read as one trade, and a seeker of the other never saw it."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from jianfu.employment.matching import Gazetteer, Job, Matcher, Seeker, synth
from jianfu.employment.matching import matcher as matcher_module
from jianfu.employment.matching.batch import batch_top, exact_top_for_jobs, exact_top_for_seekers
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.features import OCC_INDEX, job_occupations
from jianfu.employment.matching.matcher import score_block, score_block_numpy
from jianfu.employment.matching.parse import infer_job_demands, is_generic_title, posting_trades, title_trades

GAZ = Gazetteer.builtin()
PACKING, SERVICE, CASHIER, STOCK, GUARD, CLEANER = "6-28-02", "4-04-01", "4-01-02", "4-02-03", "4-07-01", "4-09-01"


# ------------------------------------------------------------------------------------------------------ reading

@pytest.mark.parametrize(("title", "codes"), [
    ("客服打包员", (PACKING, SERVICE)),             # a compound title: two duties side by side
    ("收银兼理货", (CASHIER, STOCK)),
    ("保安兼保洁", (GUARD, CLEANER)),
    ("服务员兼收银", ("4-03-02", CASHIER)),
    ("司机兼装卸", ("4-02-01", "4-02-06")),
    ("出纳文员", ("3-01-01", "2-06-01")),          # of equal words, the head (named last) first: a clerk who keeps cash
    ("拣货打包员", (PACKING, STOCK)),
    ("电工/焊工", ("6-31-01", "6-18-01")),          # of equal parts, the one named first first
    ("保洁员（公益性岗位）", (CLEANER, "4-09-05")),   # the kind of post in brackets: a second code
    ("普工（包装）", (PACKING,)),                   # a duty in brackets on a helper word: as 包装普工 (session 11)
    # one trade
    ("打包员", (PACKING,)),
    ("电焊工", ("6-18-01",)),                      # one word read whole: not 电工 + 焊工
    ("销售经理", ("4-01-04",)),
    ("厨师（兼采购）", ("4-03-01",)),               # a side duty in brackets names no second trade
    ("保安（酒店）", (GUARD,)),                     # a workplace in brackets qualifies the title
    ("文员（仓库）", ("3-01-01",)),
    ("收银员（超市）", (CASHIER,)),
    ("包装工（电商仓库）", (PACKING,)),
    ("客服（抖音电商）", (SERVICE,)),                # the title's own words give the first trade, not the bracket
    ("厨师兼采购", ("4-03-01", "4-01-06")),         # said as two duties, two trades, the one named first first
    ("保洁兼职", (CLEANER,)),                      # 兼职 is part-time, not "and"
    ("电子厂普工", ("6-25-01",)),                  # a workplace before the trade qualifies it
    ("冷库搬运工", ("4-02-06",)),
    ("景区巡逻保安", (GUARD,)),
    ("对虾分级包装工", (PACKING,)),                # a product before the trade
    ("帮厨杂工", ("4-03-03",)),                    # a helper word beside a trade is that trade's helper
    ("司机兼杂工", ("4-02-01",)),
    ("包装普工", (PACKING,)),                      # 普工 is a helper word, no head: a packer (and no second trade)
    ("综合岗", ()),
])
def test_title_trades(title, codes):
    assert title_trades(title) == codes


@pytest.mark.parametrize(("bracketed", "outside", "codes"), [
    ("普工（包装）", "包装普工", (PACKING,)),
    ("普工（分拣）", "分拣普工", (STOCK,)),
    ("杂工（厨房）", "厨房杂工", ("4-03-03",)),
    ("杂工（包装）", "包装杂工", (PACKING,)),
    ("操作工（注塑）", "注塑操作工", ("6-28-01",)),
    ("普工（电子厂）", "电子厂普工", ("6-25-01",)),
    ("学徒（厨师）", "厨师学徒", ("4-03-01",)),
])
def test_a_bracket_naming_the_work_on_a_helper_word_reads_as_the_same_words_outside(bracketed, outside, codes):
    """Session 10 left "普工（包装）" reading as 普工 while "包装普工" read as 包装工: on a generic title the bracket is the
    kind of work, and reads as if written in front of it; the posting reads the title, not its description."""
    assert title_trades(bracketed) == title_trades(outside) == codes
    assert not is_generic_title(bracketed)
    assert job_occupations(Job(id="J", title=bracketed, description="负责搬运货物")) == codes


@pytest.mark.parametrize(("title", "codes", "generic"), [
    ("保安（酒店）", (GUARD,), False),               # a trade of its own: the bracket is its workplace
    ("客服（抖音电商）", (SERVICE,), False),
    ("普工（长白班）", ("6-28-01",), False),          # a bracket naming no work leaves the helper word as it was
    ("杂工（长白班）", ("6-29-06",), True),
    ("杂工（公益性岗位）", ("6-29-06",), True),        # the kind of post, not the kind of work
    ("厨师（兼采购）", ("4-03-01",), False),
])
def test_brackets_that_name_no_kind_of_work_read_as_before(title, codes, generic):
    assert (title_trades(title), is_generic_title(title)) == (codes, generic)


def test_a_long_title_is_read_for_two_trades_in_its_first_words_only():
    # a pasted wall of text in the title column: the first trade as before, a second only from the first 60 characters
    assert title_trades("保安" + "，" * 60 + "兼保洁") == (GUARD,)
    assert title_trades("保安兼保洁" + "，" * 100_000) == (GUARD, CLEANER)


def test_a_generic_title_is_read_by_its_description():
    assert is_generic_title("综合岗") and is_generic_title("储备干部") and is_generic_title("杂工")
    assert not is_generic_title("客服打包员") and not is_generic_title("综合岗司机")
    # driver plus clerk: the description's trade, and driving because a driving licence is required
    assert posting_trades("综合岗", "开公司小车接送客户、跑银行税务、采购零星物品,空闲时协助行政", frozenset({"C1"})) == \
        ("3-01-01", "4-02-01")
    assert posting_trades("储备干部", "门店理货、收银、排班,一年内培养为店长") == ("4-01-01", CASHIER)
    # a second trade weighing less than half the first is not read (电子 from "电子商务专业")
    assert posting_trades("储备干部", "入职先在仓库轮岗:收发货、库存盘点、WMS系统录单、车辆调度,半年后定岗仓库主管助理 "
                                      "大专及以上,物流管理、电子商务专业优先") == (STOCK,)
    # the generic word's own trade when the description names none; a title that names a trade keeps it
    assert posting_trades("杂工", "") == ("6-29-06",)
    assert posting_trades("客服打包员", "开车送货") == (PACKING, SERVICE)


def test_a_code_chosen_on_the_form_keeps_the_titles_second_trade():
    assert job_occupations(Job(id="J", title="客服打包员", occupation_codes=(PACKING,))) == (PACKING, SERVICE)
    assert job_occupations(Job(id="J", title="客服打包员", occupation_codes=(SERVICE,))) == (SERVICE, PACKING)
    # a chosen code the title does not name: the office's choice alone
    assert job_occupations(Job(id="J", title="客服打包员", occupation_codes=(GUARD,))) == (GUARD,)


# ------------------------------------------------------------------------------------------------------ scoring

def _pair_parts(jobs: list[Job], seekers: list[Seeker], part: str) -> np.ndarray:
    m = Matcher(jobs=jobs, seekers=seekers, gazetteer=GAZ)
    weights = {k: 0.0 for k in m.weights} | {part: 1.0}
    return score_block_numpy(m.S, np.arange(len(seekers)), m.svec, m.J, np.arange(len(jobs)), m.jvec, weights,
                             None).scores


def test_the_occupation_part_is_the_better_of_the_two_trades():
    jobs = [Job(id="J1", title="客服打包员", place="廉州镇"), Job(id="J2", title="收银兼理货", place="廉州镇"),
            Job(id="J3", title="打包员", place="廉州镇")]
    seekers = [Seeker(id="S1", age=30, desired="打包", residence="廉州镇"),
               Seeker(id="S2", age=30, desired="电商客服", residence="廉州镇"),
               Seeker(id="S3", age=30, desired="超市营业员", residence="廉州镇")]
    occ = _pair_parts(jobs, seekers, "occ")
    # 打包 and 客服 both fit 客服打包员 fully; before, 客服 fitted it 0 (packing alone)
    assert occ[0, 0] == pytest.approx(1.0) and occ[1, 0] == pytest.approx(1.0)
    assert occ[1, 2] == pytest.approx(0.0)
    # relations count through either trade: 营业员 ↔ 收银员 0.7 (the first), 包装 ↔ 仓储 (理货) 0.5 (the second)
    assert occ[2, 1] == pytest.approx(0.7)
    assert occ[0, 1] == pytest.approx(0.5)


def test_a_two_trade_posting_asks_what_both_trades_ask():
    job = Job(id="J", title="客服打包员", place="廉州镇", age="18-45岁",
              description="上午回复买家消息、处理售后,下午打包发货、贴单")
    packer_who_cannot_hear = Seeker(id="A", age=30, desired="打包", residence="廉州镇", notes="听力残疾")
    clerk_who_cannot_stand = Seeker(id="B", age=30, desired="客服", residence="廉州镇", notes="不能久站")
    clerk = Seeker(id="C", age=30, desired="客服", residence="廉州镇")
    seekers = [packer_who_cannot_hear, clerk_who_cannot_stand, clerk]
    m = Matcher(jobs=[job], seekers=seekers, gazetteer=GAZ)
    # the union of the demands (客服: the phone, HEARING; 打包: STANDING) whichever trade the seeker asked for
    assert [m.violates(s, job) for s in seekers] == [True, True, False]
    assert [violations(s, job, GAZ) for s in seekers] == [["limits:HEARING"], ["limits:STANDING"], []]
    assert [r.seeker_id for r in m.seekers_for(job)] == ["C"]
    assert [r.job_id for r in m.jobs_for(packer_who_cannot_hear)] == []


@pytest.mark.heavy  # evaluation-sized: `make test-heavy`, not `make test` (ADR 0045)
def test_kernel_numpy_oracle_and_exact_floor_agree_with_two_trade_postings():
    from jianfu.employment.matching import kernel

    titles = ["客服打包员", "收银兼理货", "保安兼保洁", "服务员兼收银", "司机兼装卸", "拣货打包员"]
    jobs = list(synth.jobs(240, seed=41))
    for i in range(0, len(jobs), 3):           # a third of the postings of two trades
        jobs[i] = dataclasses.replace(jobs[i], title=titles[i % len(titles)])
    seekers = list(synth.seekers(200, seed=42))
    m = Matcher(jobs=jobs, seekers=seekers, gazetteer=GAZ)
    assert (m.J.occ2 >= 0).sum() >= 80
    si, ji = np.arange(len(seekers)), np.arange(len(jobs))
    reference = score_block_numpy(m.S, si, m.svec, m.J, ji, m.jvec, m.weights, None).scores
    if kernel.AVAILABLE:
        fused = score_block(m.S, si, m.svec, m.J, ji, m.jvec, m.weights, None).scores
        assert (np.isfinite(fused) == np.isfinite(reference)).all()
        finite = np.isfinite(reference)
        assert np.abs(fused[finite] - reference[finite]).max() < 1e-5
    oracle = np.array([[not violations(s, j, GAZ) for j in jobs] for s in seekers[:40]])
    assert (oracle == np.isfinite(reference[:40])).all()
    # the small-input paths are exact: the batch's lists are the single queries' lists, both directions
    result = batch_top(m, k=10)
    for s, row in zip(seekers, result.seeker_jobs, strict=True):
        assert [m.J.ids[j] for j in row if j >= 0] == [r.job_id for r in m.jobs_for(s)]
    for j, row in zip(jobs, result.job_seekers, strict=True):
        assert [m.S.ids[s] for s in row if s >= 0] == [r.seeker_id for r in m.seekers_for(j)]
    # the blocked batch against the exact floor, as with one-trade postings
    blocked = batch_top(m, k=10, exact_below=0)
    exact, _ = exact_top_for_seekers(m, si)
    found = sum(len(set(a[a >= 0]) & set(e[e >= 0])) for a, e in zip(blocked.seeker_jobs, exact, strict=True))
    assert found / int((exact >= 0).sum()) >= 0.95
    exact_j, _ = exact_top_for_jobs(m, ji)
    found_j = sum(len(set(a[a >= 0]) & set(e[e >= 0])) for a, e in zip(blocked.job_seekers, exact_j, strict=True))
    assert found_j / int((exact_j >= 0).sum()) >= 0.95


# ------------------------------------------------------------------------------------------------------ blocking

def _far() -> tuple[list[Job], list[Seeker]]:
    """A 客服打包员 post in 东莞 and seekers of the county who go anywhere ("哪里都行"; "外出" alone is outside the county
    since emp-left34): far away, the blocks hold only a seeker's own
    trade, so the posting is found by a 客服 seeker only through its second trade."""
    jobs = [Job(id="J1", title="客服打包员", place="广东东莞", wage="5000", age="18-45岁"),
            Job(id="J2", title="打包员", place="廉州镇", wage="3000", age="18-45岁")]
    seekers = [Seeker(id="S1", age=30, desired="电商客服", residence="廉州镇", places="哪里都行"),
               Seeker(id="S2", age=30, desired="打包", residence="廉州镇", places="哪里都行"),
               Seeker(id="S3", age=30, desired="保安", residence="廉州镇", places="哪里都行")]
    return jobs, seekers


@pytest.mark.parametrize("processes", [1, 2])
def test_the_blocked_batch_finds_a_two_trade_posting_for_a_seeker_of_either_trade(monkeypatch, processes):
    from jianfu.employment.matching import batch

    # the blocks alone (no completion pass): the far posting reaches a 客服 seeker only through `occ2`
    monkeypatch.setattr(batch, "_complete_needy_seekers", lambda *a, **k: 0)
    monkeypatch.setattr(batch, "_complete_needy_jobs", lambda *a, **k: 0)
    jobs, seekers = _far()
    m = Matcher(jobs=jobs, seekers=seekers, gazetteer=GAZ)
    result = batch_top(m, k=3, exact_below=0, processes=processes)
    found = {m.S.ids[s]: [m.J.ids[j] for j in row if j >= 0] for s, row in enumerate(result.seeker_jobs)}
    assert found == {"S1": ["J1"], "S2": ["J2", "J1"], "S3": []}
    assert sorted(m.S.ids[s] for s in result.job_seekers[0] if s >= 0) == ["S1", "S2"]
    m.job_occ2[:] = -1                          # blocks by the first trade only: the 客服 seeker loses it
    result = batch_top(m, k=3, exact_below=0, processes=1)
    assert [m.J.ids[j] for j in result.seeker_jobs[0] if j >= 0] == []


def test_the_blocked_single_query_finds_a_two_trade_posting_for_a_seeker_of_either_trade(monkeypatch):
    monkeypatch.setattr(matcher_module, "ONLINE_BLOCKED_ABOVE", 1)      # the blocked path of a large job board
    jobs, seekers = _far()
    m = Matcher(jobs=jobs, seekers=seekers, gazetteer=GAZ)
    # (the county's 打包员 comes from the completion over the seeker's own county, run when the blocks found some but
    # too little; a seeker whose blocks hold nothing at all gets nothing, as before)
    assert [r.job_id for r in m.jobs_for(seekers[0])] == ["J1", "J2"]
    assert [r.job_id for r in m.jobs_for(seekers[1])] == ["J2", "J1"]
    assert [r.job_id for r in m.jobs_for(seekers[2])] == []
    assert m.J.occ[0] == OCC_INDEX[PACKING] and m.J.occ2[0] == OCC_INDEX[SERVICE]
    m._block_occ2[:] = -1                      # blocks by the first trade only: the 客服 seeker loses the far post
    assert [r.job_id for r in m.jobs_for(seekers[0])] == []


# ------------------------------------------------------------------------------------------------------ explanation

def test_the_explanation_names_both_trades_and_the_one_that_fits():
    jobs, seekers = _far()
    m = Matcher(jobs=jobs, seekers=seekers, gazetteer=GAZ)
    packer = next(r for r in m.jobs_for(seekers[1]) if r.job_id == "J1")
    assert packer.met[0] == "岗位包含客服和包装工两项工作，与求职意向“打包”相符"
    clerk = m.jobs_for(seekers[0])[0]
    assert clerk.met[0] == "岗位包含客服和包装工两项工作，与求职意向“电商客服”相符"
    assert clerk.reasons.startswith("为何推荐：岗位包含客服和包装工两项工作，与求职意向“电商客服”相符；")
    # related through the second trade; neither trade fitting is said as such
    job = Job(id="J", title="收银兼理货", place="廉州镇")
    near = Seeker(id="A", age=30, desired="打包", residence="廉州镇")
    other = Seeker(id="B", age=30, desired="保安", residence="廉州镇")
    m = Matcher(jobs=[job], seekers=[near, other], gazetteer=GAZ)
    assert m.jobs_for(near)[0].met[0] == "岗位包含收银员和仓储管理员两项工作，其中仓储管理员与求职意向“打包”相近"
    assert "岗位包含收银员和仓储管理员两项工作，均与求职意向“保安”不同" in m.jobs_for(other)[0].unmet


def test_a_public_welfare_post_asks_only_what_its_words_say():
    # a 公益性岗位's work is fitted to people hard to place: the road trade's usual lifting is not asked of it
    assert title_trades("乡村道路养护员（公益性岗位）") == ("6-29-09", "4-09-05")
    assert infer_job_demands("清理村道边杂草、疏通排水沟", ("4-09-05", "6-29-09")) == frozenset()
    assert "HEAVY" in infer_job_demands("修路", ("6-29-09",))
    assert infer_job_demands("需搬运重物", ("4-09-05", "6-29-09")) == frozenset({"HEAVY"})


def test_a_public_welfare_post_is_explained_as_the_kind_of_post_not_a_second_job():
    job = Job(id="J", title="保洁员（公益性岗位）", place="廉州镇")
    cleaner = Seeker(id="A", age=50, desired="搞卫生", residence="廉州镇")
    welfare = Seeker(id="B", age=50, desired="村里的公益岗", residence="廉州镇")
    m = Matcher(jobs=[job], seekers=[cleaner, welfare], gazetteer=GAZ)
    assert m.jobs_for(cleaner)[0].met[0] == "公益性岗位（保洁员），与求职意向“搞卫生”相符"
    assert m.jobs_for(welfare)[0].met[0] == "公益性岗位（保洁员），与求职意向“村里的公益岗”相符"


def test_the_fitting_trade_is_chosen_one_way_only():
    """D9: explain's one caller (`Matcher._recommend`) always passed `matcher.OCC_SIM`, so `_two_trades`' second
    way of choosing (by the kind of fit, with no `occ_sim`) never ran. It is gone and `occ_sim` is required: a
    caller without the kernel's table is a type error, not a description that could disagree with the score.
    `features.job_occupation`, used by tests only, is gone too (`job_occupations` is what the matcher reads)."""
    import inspect

    from jianfu.employment.matching import explain, features

    assert inspect.signature(explain.explain).parameters["occ_sim"].default is inspect.Parameter.empty
    assert not hasattr(explain, "_FIT_ORDER")
    assert not hasattr(features, "job_occupation")
