"""Session 27 (emp-read27): blind27 read after its one run — a county 人社局's desk for older and over-age workers
(45–72), the 2025 retirement reform, pensioners. The reading: a labour contract, which neither a worker drawing a 职工
pension nor one past the statutory retirement age signs, against a posting whose own words ask it ("退休人员勿扰",
"须签订劳动合同", 劳务派遣), and a post only for pensioners ("只招已退休人员", "需提供退休证").
Own sentences, none of blind27's rows: for each reading one that must fire and a look-alike that must not, in the
kernel, the numpy path and the oracle (`constraints.violations`) alike. Fairness is tested as a reading: age and a
pension bar nothing where the posting does not make them a condition."""

import contextlib
import io

import pytest

from jianfu.employment.matching import Job, Seeker, pensions
from jianfu.employment.matching import evaluate as ev
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.matcher import Matcher
from jianfu.employment.matching.parse import (
    CERT_BITS,
    LABOUR_CONTRACT,
    PENSION_LEVELS,
    PENSIONER,
    CertBit,
    ages_counted_in,
    licences_at_age,
    parse_age_range,
    parse_required_certificates,
    reform_retirement_months,
    retirement_caps,
    sex_age_caps,
    statutory_age_range,
)
from jianfu.employment.matching.tests.two_paths import GAZ, both_paths, takers

pytestmark = pytest.mark.usefixtures("ages_in_2026")


def seeker(sid: str, age: int, *, gender: str = "男", category: str = "", notes: str = "") -> Seeker:
    return Seeker(id=sid, age=age, gender=gender, residence="廉州镇", desired="门卫、保安", places="县城", notes=notes,
                  certificates="无", category=category, education="初中", wage="2500")


def post(jid: str, title: str, description: str = "", *, age: str = "不限", benefits: str = "") -> Job:
    return Job(id=jid, title=title, employer="合浦某公司", place="廉州镇", description=description, age=age,
               wage="2500-3000", certificates="无", benefits=benefits)


def broken(s: Seeker, j: Job) -> list[str]:
    return violations(s, j, GAZ)


def test_the_pension_levels_take_the_third_words_next_bits() -> None:
    assert [CERT_BITS[n] for n in PENSION_LEVELS] == [CertBit(2, 1 << 59), CertBit(2, 1 << 60)]


def test_a_pension_is_read_from_the_rows_own_words() -> None:
    assert pensions.draws_pension("已退休（原县化肥厂工人）", "", "")
    assert pensions.draws_pension("", "有退休金，一个月两千多", "")
    assert pensions.draws_pension("", "", "特殊工种提前退休")
    # a 城乡居民 pension is no 职工 pension; not yet retired is no pension; 退休后 is a time, not a status
    assert not pensions.draws_pension("超龄人员（领城乡居民养老金）", "", "")
    assert not pensions.draws_pension("", "还没退休，社保在交", "")
    assert not pensions.draws_pension("", "没有退休金", "")
    assert not pensions.draws_pension("", "", "爱人退休后我们回了老家")


def test_past_the_reform_age_for_every_birth_month_the_age_allows() -> None:
    # a man of 61 in 2026 was born 1964-12 to 1965-12: his age is at most 60 and 3 months (1965-12: 1 + 11 // 4)
    assert [pensions.certainly_past_retirement("男", a, 2026) for a in (59, 60, 61)] == [False, False, True]
    # a woman on the wider track (原55): 56 is past, 55 depends on her month
    assert [pensions.certainly_past_retirement("女", a, 2026) for a in (54, 55, 56)] == [False, False, True]
    # the ramp reaches 63 for men born from 1976-09: a man of 62 in 2037 (born 1974-12 to 1975-12) may be inside it
    assert pensions.certainly_past_retirement("男", 62, 2037) is False
    assert pensions.certainly_past_retirement("", 70, 2026) is False        # unknown sex breaks nothing


@both_paths
def test_a_posting_asking_a_labour_contract_refuses_pensioners_and_the_over_age(
    kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    contract = post("J1", "门卫", "厂门值守，只上白班。须签订劳动合同、缴纳社保。")
    no_retirees = post("J2", "保安员", "夜间巡楼。退休人员勿扰。")
    dispatch = post("J3", "仓管员（劳务派遣）", "派遣到物流园，签两年派遣合同。")
    people = [seeker("S1", 58), seeker("S2", 57, notes="有退休金"), seeker("S3", 64, category="超龄人员"),
              seeker("S4", 60)]           # S4: exactly 60, no birth month — may be inside the reform's age
    for job in (contract, no_retirees, dispatch):
        assert [broken(p, job) for p in people] == [[], ["pension:" + LABOUR_CONTRACT],
                                                    ["pension:" + LABOUR_CONTRACT], []], job.title
        assert takers(job, people, kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S4"], job.title


@both_paths
def test_a_contract_offered_or_retirees_taken_refuses_nobody(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    offered = post("J1", "商场保安", "岗亭值守，白班。", benefits="签劳动合同，缴五险")     # a benefit, not a condition
    taken = post("J2", "巡逻保安（劳务派遣）", "派遣到工业小区巡逻。", benefits="接受退休人员，签劳务协议")
    over_age = post("J3", "治安巡查", "步行巡查。", age="男65周岁以下（超龄签劳务协议）")
    people = [seeker("S1", 58), seeker("S2", 57, notes="有退休金"), seeker("S3", 64, category="超龄人员")]
    for job in (offered, taken, over_age):
        assert [broken(p, job) for p in people] == [[], [], []], job.title
        assert takers(job, people, kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2", "S3"], job.title


@both_paths
def test_a_post_only_for_pensioners_asks_a_stated_pension(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    only = post("J1", "宿舍管理员", "登记、巡查。只招已退休人员，需带退休证，签劳务协议。")
    rehire = post("J2", "出纳（退休返聘）", "现金收付、跑银行。退休人员优先。")       # a title and a preference ask nothing
    people = [seeker("S1", 58), seeker("S2", 57, notes="有退休金"), seeker("S3", 64, category="超龄人员（领城乡居民养老金）")]
    assert [broken(p, only) for p in people] == [["pension:" + PENSIONER], [], ["pension:" + PENSIONER]]
    assert takers(only, people, kernel=kernel, monkeypatch=monkeypatch) == ["S2"]
    assert [broken(p, rehire) for p in people] == [[], [], []]
    assert takers(rehire, people, kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2", "S3"]


def test_age_and_a_pension_never_move_a_score_on_a_post_open_to_all() -> None:
    job = post("J1", "门卫", "白班，坐门卫室。")
    people = [seeker("S1", 58), seeker("S2", 58, notes="有退休金"), seeker("S3", 58, category="超龄人员")]
    scores = {r.seeker_id: r.score for r in Matcher(jobs=[job], seekers=people, gazetteer=GAZ).seekers_for(job)}
    assert len(scores) == 3 and len(set(scores.values())) == 1


# ------------------------------------------------------------------------------------ the 2025 retirement reform


def test_the_statutory_age_is_read_at_the_reforms_edge() -> None:
    # a man of exactly 60 in 2026 was born 1965-12 to 1966-12: some are inside the reform's 60 and some months, so the
    # phrase admits 60 and refuses 61; a woman on the wider track admits 55; before the reform 59 and 54
    assert retirement_caps(2026) == {"男": 60, "女": 55}
    assert retirement_caps(2024) == {"男": 59, "女": 54}
    assert retirement_caps(2030) == {"男": 61, "女": 56}
    assert reform_retirement_months("男", 1966, 9) == 60 * 12 + 6          # 1 + (20 // 4)
    assert reform_retirement_months("男", 1980, 1) == 63 * 12              # the ramp's end
    assert reform_retirement_months("男", 1964, 12) == 60 * 12             # born before it: unchanged
    assert parse_age_range("法定退休年龄以内") == (None, 60)
    assert sex_age_caps("未达法定退休年龄") == {"男": 60, "女": 55}


@both_paths
def test_a_man_of_60_without_a_birth_month_is_not_refused_by_the_statutory_age(
    kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    job = post("J1", "门卫", "厂门值守，白班。", age="法定退休年龄以内")
    people = [seeker("S1", 60), seeker("S2", 61), seeker("S3", 55, gender="女"), seeker("S4", 56, gender="女")]
    assert [bool(broken(p, job)) for p in people] == [False, True, False, True]
    assert takers(job, people, kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S3"]


# ------------------------------------------------------------------------------------ the ages the law sets a driver


def test_a_licence_class_said_to_do_as_well_is_an_alternative() -> None:
    assert parse_required_certificates("B2驾照（A2也可）") == (frozenset({"B2"}), frozenset())
    assert parse_required_certificates("A2驾照，B2也行") == (frozenset({"B2"}), frozenset())
    assert parse_required_certificates("须持A2驾照") == (frozenset({"A2"}), frozenset())
    # not a licence class: the certificates stay as they were
    assert parse_required_certificates("须持健康证，电工证也可") == (frozenset({"健康证", "电工证"}), frozenset())


def test_an_a_or_b_licence_drives_as_c1_from_63() -> None:
    b2 = frozenset({"B2", "C1", "C2"})
    assert licences_at_age(b2, 62) == b2
    assert licences_at_age(b2, 63) == frozenset({"C1", "C2"})
    assert licences_at_age(frozenset({"A1", "B1", "B2", "A3", "C1", "C2"}), 70) == frozenset({"C1", "C2"})
    assert licences_at_age(frozenset({"C1", "C2", "电工证"}), 72) == frozenset({"C1", "C2", "电工证"})
    assert licences_at_age(b2, None) == b2


@both_paths
def test_a_school_bus_binds_its_statutes_ages_and_a_truck_its_licence_age(
    kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    def driver(sid: str, age: int, licence: str) -> Seeker:
        return Seeker(id=sid, age=age, gender="男", residence="廉州镇", desired="司机", places="县城", notes="",
                      certificates=licence, category="", education="初中", wage="4000")

    bus = Job(id="J1", title="校车司机", employer="合浦某幼儿园", place="廉州镇", description="早晚接送幼儿", age="",
              wage="3800", certificates="C1及以上驾照")
    van = Job(id="J2", title="面包车送货司机", employer="合浦某公司", place="廉州镇", description="送货", age="",
              wage="3800", certificates="C1驾照")
    truck = Job(id="J3", title="货车司机", employer="合浦某公司", place="廉州镇", description="拉货", age="",
                wage="5000", certificates="B2驾照")
    people = [driver("S1", 52, "驾驶证B2"), driver("S2", 61, "驾驶证A1"), driver("S3", 64, "驾驶证B2")]
    assert [bool(broken(p, bus)) for p in people] == [False, True, True]
    assert takers(bus, people, kernel=kernel, monkeypatch=monkeypatch) == ["S1"]
    assert [broken(p, truck) for p in people] == [[], [], ["certificate"]]
    assert takers(truck, people, kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2"]
    assert [broken(p, van) for p in people] == [[], [], []]          # the C1 a 64-year-old keeps
    assert takers(van, people, kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2", "S3"]
    assert statutory_age_range("校车驾驶员", (None, None)) == (25, 60)
    assert statutory_age_range("校车随车照管员", (None, 65)) == (None, 65)      # not the driver


# ------------------------------------------------------------------------------------------------ the split


def test_blind27_after_its_reading() -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        seekers, jobs, qrels = ev.load_split("blind27")
    with ages_counted_in(ev.EVAL_YEAR):
        m = Matcher(jobs=jobs, seekers=seekers, gazetteer=GAZ, year=ev.EVAL_YEAR, today=ev.EVAL_DATE)
        rows = ev.summary(ev.per_query(ev.matcher_ranker(m), qrels))
    # first run (the session's starting code 51d8ce90): 0.885 / 0.901 (NDCG@10, seekers / postings); after its reading
    # (emp-read27): 0.925 / 0.952; with emp-fix27's ages on a posting's start merged: 0.91971 / 0.95812; emp-mend27 (the
    # retirement date against the start, sleeping at home, an ache a wish's reason, a 叉车证 the employer has sat):
    # 0.92852 / 0.96247; emp-read30 (blind30 read: its hours and evening readings, docs/matching.md "Session 30"): 0.93059 /
    # 0.96247
    assert (round(rows["seekers"][0], 5), round(rows["jobs"][0], 5)) == (0.93059, 0.96247)
