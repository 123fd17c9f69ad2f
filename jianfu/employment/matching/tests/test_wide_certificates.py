"""Session 19 (emp-wide19): certificates in two int64 words. The first word was full (28 certificates, then flags,
majors and groups), so 家政服务员证, 美发师证, 美容师证, 茶艺师证 and the 专项职业能力证书 live in a second one
(`parse.CERT_BITS`); every hard-constraint check (the kernel's two, the numpy path, the batch) and the preferred score
read both words, and agree with the set-based oracle (`constraints.violations`)."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jianfu.employment.matching.matcher as matcher_module
from jianfu.employment.matching import Gazetteer, Job, Matcher, Seeker, kernel
from jianfu.employment.matching.batch import batch_top
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.matcher import score_block, score_block_numpy
from jianfu.employment.matching.parse import (
    ALL_BODY_BITS,
    ALL_SEX_CAP_BITS,
    ALL_TERM_BITS,
    CERT_BITS,
    CERT_SITTABLE,
    CERTIFICATES,
    CIVIL_LEVELS,
    COLD_STORE_ENTRY,
    EBIKE_OR_CAR,
    EVENING_TO_TEN,
    FARM_AND_DRONE,
    HEALTH_CARD_OBTAINABLE,
    HEALTH_TECH_TITLES,
    HOUSEHOLD_FREE,
    LABOUR_CONTRACT,
    MID_LEVEL,
    MINOR_LEVELS,
    NIGHTS_AWAY,
    NOT_INTERN_SEEKER,
    OWN_VEHICLE_BIT,
    PERIOD_UNSTATED_OK,
    RECORD_LEVELS,
    RIDE_HAIL_YEARS,
    VEHICLE_AND_RECORD,
    CertBit,
    certificate_names,
    certificate_words,
    normalise_certificates,
    parse_required_certificates,
)
from jianfu.employment.matching.venues import NOT_DRINKS_OK, VENUE_FLAGS

GAZ = Gazetteer.builtin()
NEW = ("家政服务员证", "美发师证", "美容师证", "茶艺师证", "专项职业能力证书")


def _salon(cert: str) -> Job:
    return Job("salon", title="美发师", place="廉州镇", certificates=cert, wage="5000-6000元",
               description="剪烫染，10:00-22:00")


def _stylist(sid: str, cert: str) -> Seeker:
    return Seeker(sid, age=26, gender="女", desired="美发", residence="廉州镇", places="县城", certificates=cert,
                  wage="3500")


# ------------------------------------------------------------------------------ where the bits are

def test_the_old_bits_stay_and_the_new_certificates_take_the_second_word():
    assert CERT_BITS["电工证"] == CertBit(0, 1)
    assert CERT_BITS["健康证"] == CertBit(0, 1 << 8)
    assert CERT_BITS["挖掘机操作证"] == CertBit(0, 1 << 26)
    assert CERT_BITS[MID_LEVEL] == CertBit(0, 1 << 27)
    assert [CERT_BITS[name] for name in NEW] == [CertBit(1, 1), CertBit(1, 2), CertBit(1, 4), CertBit(1, 8),
                                                 CertBit(1, 16)]
    # session 20: 直播销售员证, 电子商务师证 (bits 5, 6), the 专项's kinds (7–20); session 21 (emp-read21): 网约车驾驶员证,
    # its three years of driving and a post charging the worker (bits 21–23)
    # and session 22 (emp-read22): the building trades' certificates by issuer and the loader's (bits 24–39, full);
    # (emp-dev22, merged after) an e-bike, five kinds and five ages of a car, two records: the third word's bits 0–12
    # (`vehicles`): 24 + 28 + 16 + 13 = 81; session 23 (emp-read23): the 拖拉机 and 联合收割机 licences, three drone papers by
    # issuer, a cold store now and then, the 农药 training certificate and an e-bike or a car, the third word's bits 13–20: 89
    # session 24 (emp-read24): sixteen age caps of one sex and the household rule of a 公益性岗位, bits 21–37: 106
    # session 25 (emp-read25): fifteen record levels (`RECORD_LEVELS`, bits 38–52) and the motorcycle licence (53): 122
    # session 26 (emp-read26): a minor's barred workplaces and work, a student's 岗位实习 (`MINOR_LEVELS`, bits 54–57): 126
    # session 27 (emp-fix27): evening work to 22:00 (`EVENING_TO_TEN`, bit 58): 127; (emp-read27) a labour contract and a
    # pensioner's post (`PENSION_LEVELS`, bits 59–60): 129; (emp-mend27) a certificate the employer has sat, still
    # obtainable (`CERT_SITTABLE`, bit 61), and a night away from home (`NIGHTS_AWAY`, bit 62): 131; session 30 (emp-bits30)
    # the fourth word's bits 0–15 (`FOURTH_WORD`): 147
    # and bit 16 a flag, not a certificate (session 31, emp-window31: `PERIOD_UNSTATED_OK`): 148; its bits 17–52, the
    # public-sector conditions (emp-read31: `CIVIL_LEVELS`): 184; and the top bits 62, 61, 60 English, Vietnamese and 白话
    # (emp-lang31: `parse.TOP_OF_FOURTH_WORD`), 59, 58, 57 the employer's kind a seeker may refuse (酒店, 民宿, other than a
    # 饮品店; `venues`): 190; session 32 (emp-read32): bits 56, 55 the 高压电工作业 card and the R1 压力容器 card by 项目: 192
    # session 33: emp-left33's 低压, G1, 防爆电气 and Q2 cards by position, emp-read33's doctor's licences at the fifth
    # word's bits 62–59
    assert len(CERTIFICATES) == 229     # emp-read34: two held-by-default bits (58, 57 of the fifth word); emp-left34: bits 2, 3; emp-read35: 56–54; emp-left35: five (4–8 of the fifth); emp-left36: seventeen (9–25)
    assert [CERT_BITS[name] for name in FARM_AND_DRONE] == [CertBit(2, 1 << k) for k in range(13, 18)]
    assert [CERT_BITS[name] for name in VEHICLE_AND_RECORD] == [CertBit(2, 1 << k) for k in range(13)]
    assert certificate_words({"电工证", "美发师证", "专项职业能力证书", "不认识的证"}) == (1, 2 | 16, 0, 0, 0)
    assert certificate_words({"电工证", VEHICLE_AND_RECORD[0], VEHICLE_AND_RECORD[-1]}) == (1, 0, 1 | 1 << 12, 0, 0)
    assert certificate_names(1, 0, 1 << 12) == ["电工证", VEHICLE_AND_RECORD[-1]]
    assert certificate_names(1 | 1 << 31, 2 | 16) == ["电工证", "美发师证", "专项职业能力证书"]   # COLD_WATER_OK no name


@pytest.mark.parametrize(("text", "held"), [
    ("美发师（五级/初级）", {"美发师证"}),
    ("美容师证", {"美容师证"}),
    ("美容师培训结业证", set()),                      # a course finished is no certificate (blind18 convention 3)
    ("家政服务员（五级/初级）", {"家政服务员证"}),
    ("家政服务员培训结业证", {"家政培训证"}),      # no 家政服务员证; its training card since session 30 (emp-bits30)
    ("茶艺专项职业能力证书", {"专项职业能力证书", "专项（茶艺）"}),     # the 专项 (and its kind, session 20), not a 茶艺师 grade
    ("海产品加工专项职业能力证书、健康证", {"专项职业能力证书", "专项（水产品加工）", "健康证"}),
    ("茶艺师证（初级）", {"茶艺师证"}),
    ("理发证", {"美发师证"}),
])
def test_a_seeker_holds_what_the_county_training_desks_issue(text, held):
    assert normalise_certificates(text) == frozenset(held)


@pytest.mark.parametrize(("text", "required", "preferred"), [
    ("美发师证（初级以上）", {"美发师证"}, set()),
    ("美发师证（中级/四级）", {"美发师证", MID_LEVEL}, set()),
    ("有美发证优先", set(), {"美发师证"}),
    ("须持家政服务员证（初级及以上）", {"家政服务员证"}, set()),
    ("养老护理员证或家政服务员证均可", set(), {"养老护理员证", "家政服务员证"}),
    ("须持茶艺师证（初级以上）或茶艺专项能力证", set(), {"茶艺师证", "专项职业能力证书", "专项（茶艺）"}),
    ("须持海产品加工专项职业能力证", {"专项职业能力证书", "专项（水产品加工）"}, set()),
    ("美容师证优先，可带薪培训", set(), {"美容师证"}),
])
def test_a_posting_asks_for_them_as_it_writes_them(text, required, preferred):
    assert parse_required_certificates(text) == (frozenset(required), frozenset(preferred))


# ------------------------------------------------------------------------------ 美发师 ≠ 美容师, every path

@pytest.mark.parametrize("use_kernel", [True, False])
def test_a_hairdresser_post_refuses_a_beautician_and_admits_a_hairdresser(monkeypatch, use_kernel):
    if use_kernel and not kernel.AVAILABLE:
        pytest.skip("numba is not installed")
    monkeypatch.setattr(matcher_module, "USE_KERNEL", use_kernel)
    job = _salon("须持美发师证")
    beautician, hairdresser = _stylist("beauty", "美容师证"), _stylist("hair", "美发师（五级/初级）")
    assert violations(beautician, job, GAZ) == ["certificate"]
    assert violations(hairdresser, job, GAZ) == []
    m = Matcher(jobs=[job], seekers=[beautician, hairdresser], gazetteer=GAZ)
    assert m.J.cert_req[:, :2].tolist() == [[0, 2]]
    # above the certificates, every seeker holds the health conditions they state no limit against (emp-read19), and
    # above those the terms of a hire their window allows (emp-read20), and (emp-read21) an own car and three years of
    # driving, held by every seeker who says nothing against them
    held = ALL_TERM_BITS | ALL_BODY_BITS | OWN_VEHICLE_BIT | CERT_BITS[RIDE_HAIL_YEARS].bit
    assert m.S.certs[:, 1].tolist() == [held | 4, held | 2]
    # and (session 22, emp-dev22) an e-bike, any car's kind and age, no record, in the third word: held by who says
    # nothing against them
    vehicle_levels = certificate_words(frozenset(VEHICLE_AND_RECORD))[2]
    assert vehicle_levels == (1 << 13) - 1
    # and (session 23, emp-read23) a cold store entered now and then, held by who does not refuse it
    third_word = vehicle_levels | CERT_BITS[COLD_STORE_ENTRY].bit | CERT_BITS[EBIKE_OR_CAR].bit      # (and either vehicle)
    # and (session 24, emp-read24) every age cap of one sex they are not older than, and no household member on a 公益岗
    third_word |= ALL_SEX_CAP_BITS | CERT_BITS[HOUSEHOLD_FREE].bit
    # and (session 25, emp-read25) the record levels, held by who states no record against them
    third_word |= certificate_words(frozenset(RECORD_LEVELS))[2]
    # and (session 26, emp-read26) the minors' and students' levels, held by an adult who is no 职业学校 在校生
    third_word |= certificate_words(frozenset(MINOR_LEVELS))[2]
    # and (session 27, emp-fix27) evening work to 22:00, held by who is not kept to day work
    third_word |= CERT_BITS[EVENING_TO_TEN].bit
    # and (session 27, emp-read27) a labour contract, held by who states no pension and is not past the retirement age
    # (a pensioner's post only by a stated pension)
    third_word |= CERT_BITS[LABOUR_CONTRACT].bit
    # and (emp-mend27) a certificate the employer has sat, held by who is 60 or under, and a night away from home, held
    # by who does not say they must sleep at home
    third_word |= CERT_BITS[CERT_SITTABLE].bit | CERT_BITS[NIGHTS_AWAY].bit
    # the salon's 10:00-22:00 runs past ten hours: no student's 岗位实习 (session 26); and its evening to 22:00 (no night
    # since session 27) is no day work: no one else's bar
    # the fourth word (session 30, emp-bits30): a 健康证 that can be had, held by who does not say it cannot
    # and (session 31, emp-window31) a post silent on its term, held by who does not take only a stated period — which
    # the salon, silent on its term, requires
    period_open = CERT_BITS[PERIOD_UNSTATED_OK].bit
    # and (emp-lang31) the employer's kinds, held by who refuses none (`venues`) — the salon, no 饮品店, requiring one
    venue_flags = sum(CERT_BITS[name].bit for name in VENUE_FLAGS)
    fourth_word = CERT_BITS[HEALTH_CARD_OBTAINABLE].bit | period_open | venue_flags
    # and (session 31, emp-read31) the public-sector conditions, held by who states nothing against them (`civil`), but
    # the 卫生专业技术资格, held only where stated
    fourth_word |= certificate_words(frozenset(CIVIL_LEVELS) - set(HEALTH_TECH_TITLES))[3]
    # the fifth word (session 33, emp-left33): nothing the salon's pair names
    # and (session 34, emp-read34) a start before 春节 and no couple's room asked, held by who does not rule them out
    fifth_word = (1 << 58) | (1 << 57)
    # and (session 35, emp-read35) selling work, a 就业见习 place and the 学位, held by who does not rule them out
    fifth_word |= (1 << 56) | (1 << 55) | (1 << 54)
    # and (session 35, emp-left35) the 执业药师's two 类别 and a couple apart, held by who does not rule them out (the
    # 护理 职称, bits 4–5, held only where stated)
    fifth_word |= (1 << 6) | (1 << 7) | (1 << 8)
    # and (session 36, emp-left36) the nine 届 bits, social insurance optional, building sites and the 法律职业资格's A
    # class, held by who does not rule them out (the 主管 药学/检验 titles, bits 9–10, held only where stated)
    fifth_word |= sum(1 << k for k in range(11, 22)) | (1 << 25)
    assert m.S.certs[:, 2:].tolist() == [[third_word, fourth_word, fifth_word], [third_word, fourth_word, fifth_word]]
    assert m.J.cert_req[:, 2:].tolist() == [[CERT_BITS[NOT_INTERN_SEEKER].bit | CERT_BITS[EVENING_TO_TEN].bit,
                                             period_open | CERT_BITS[NOT_DRINKS_OK].bit, 0]]
    assert m.jobs_for(beautician) == []
    assert [r.job_id for r in m.jobs_for(hairdresser)] == ["salon"]
    assert [r.seeker_id for r in m.seekers_for(job)] == ["hair"]
    scores = score_block(m.S, np.arange(2), m.svec, m.J, np.arange(1), m.jvec, m.weights, None).scores
    assert np.isfinite(scores[:, 0]).tolist() == [False, True]


def test_the_kernels_feasibility_and_the_numpy_path_refuse_alike():
    if not kernel.AVAILABLE:
        pytest.skip("numba is not installed")
    job = _salon("须持美发师证")
    m = Matcher(jobs=[job], seekers=[_stylist("beauty", "美容师证"), _stylist("hair", "美发师证")], gazetteer=GAZ)
    ji = np.arange(1)
    assert [kernel.feasible(m.S, row, m.J, ji).tolist() for row in (0, 1)] == [[False], [True]]
    reference = score_block_numpy(m.S, np.arange(2), m.svec, m.J, ji, m.jvec, m.weights, None)
    assert reference.feasible is not None and reference.feasible[:, 0].tolist() == [False, True]


def test_a_bit_of_each_word_required_together_needs_both():
    job = Job("maid", title="住家保姆", place="廉州镇", certificates="须持健康证、家政服务员证", wage="4000-5000元")
    seekers = [Seeker(sid, age=40, gender="女", desired="保姆", residence="廉州镇", certificates=cert)
               for sid, cert in (("health", "健康证"), ("maid", "家政服务员证"), ("both", "健康证、家政服务员证"))]
    m = Matcher(jobs=[job], seekers=seekers, gazetteer=GAZ)
    assert m.J.cert_req[:, :2].tolist() == [[1 << 8, 1]]
    assert [violations(s, job, GAZ) for s in seekers] == [["certificate"], ["certificate"], []]
    assert [r.seeker_id for r in m.seekers_for(job)] == ["both"]
    assert [[r.job_id for r in m.jobs_for(s)] for s in seekers] == [[], [], ["maid"]]
    for fn in (score_block, score_block_numpy):
        scores = fn(m.S, np.arange(3), m.svec, m.J, np.arange(1), m.jvec, m.weights, None).scores
        assert np.isfinite(scores[:, 0]).tolist() == [False, False, True]
    result = batch_top(m, k=10, exact_below=0)
    assert [row[row >= 0].tolist() for row in result.seeker_jobs] == [[], [], [0]]


# ------------------------------------------------------------------------------ preferred, and the explanation

def test_a_preferred_certificate_of_the_second_word_scores_only_for_its_holders():
    job = Job("beauty", title="美容师", place="廉州镇", certificates="美容师证优先，可带薪培训", wage="3500-6000元")
    seekers = [_stylist("beautician", "美容师证"), _stylist("hairdresser", "美发师证"), _stylist("none", "")]
    m = Matcher(jobs=[job], seekers=seekers, gazetteer=GAZ)
    assert m.J.cert_pref[:, :2].tolist() == [[0, 4]]
    without = {**m.weights, "pref": 0.0}
    si, ji = np.arange(3), np.arange(1)
    for fn in (score_block, score_block_numpy):
        gained = fn(m.S, si, m.svec, m.J, ji, m.jvec, m.weights, None).scores[:, 0] - \
            fn(m.S, si, m.svec, m.J, ji, m.jvec, without, None).scores[:, 0]
        assert gained.tolist() == pytest.approx([m.weights["pref"], 0.0, 0.0], abs=1e-6)
    explained = {r.seeker_id: r for r in m.seekers_for(job)}
    assert "持有优先证书美容师证" in explained["beautician"].met
    assert "无优先证书美容师证" in explained["hairdresser"].unmet


def test_the_explanation_names_a_required_certificate_of_the_second_word():
    job = Job("tea", title="茶艺师", place="廉州镇", certificates="须持茶艺师证", wage="3500-4000元")
    seeker = Seeker("tea", age=23, gender="女", desired="茶艺师", residence="廉州镇", certificates="茶艺师证（初级）")
    (rec,) = Matcher(jobs=[job], seekers=[seeker], gazetteer=GAZ).jobs_for(seeker)
    assert "持有茶艺师证" in rec.met


# ------------------------------------------------------------------------------ property: kernel = oracle

NAMES = [name for name in CERTIFICATES if name != MID_LEVEL]
holder_st = st.tuples(st.sets(st.sampled_from(NAMES), max_size=4), st.booleans())      # (held, grades stated 初级)
asker_st = st.tuples(st.sets(st.sampled_from(NAMES), max_size=3), st.booleans())       # (required, 中级 asked)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(holder_st, min_size=1, max_size=4), st.lists(asker_st, min_size=1, max_size=4))
def test_for_any_certificates_the_kernel_refuses_what_the_oracle_refuses(holders, askers):
    seekers = [Seeker(f"S{k}", age=30, desired="美发", residence="廉州镇", places="县城",
                      certificates="、".join(sorted(held)) + ("（初级）" if low and held else ""))
               for k, (held, low) in enumerate(holders)]
    jobs = [Job(f"J{k}", title="美发师", place="廉州镇", wage="4000元",
                certificates=("须持" + "、".join(sorted(asked)) + ("（中级及以上）" if mid else "")) if asked else "")
            for k, (asked, mid) in enumerate(askers)]
    m = Matcher(jobs=jobs, seekers=seekers, gazetteer=GAZ)
    oracle = np.array([[violations(s, j, GAZ) == [] for j in jobs] for s in seekers])
    si, ji = np.arange(len(seekers)), np.arange(len(jobs))
    assert (np.isfinite(score_block_numpy(m.S, si, m.svec, m.J, ji, m.jvec, m.weights, None).scores) == oracle).all()
    if kernel.AVAILABLE:
        assert (np.isfinite(score_block(m.S, si, m.svec, m.J, ji, m.jvec, m.weights, None).scores) == oracle).all()
        assert (np.array([kernel.feasible(m.S, r, m.J, ji) for r in si]) == oracle).all()
    result = batch_top(m, k=10, exact_below=0)
    for r, row in enumerate(result.seeker_jobs):
        assert set(row[row >= 0].tolist()) == set(np.flatnonzero(oracle[r]).tolist())
