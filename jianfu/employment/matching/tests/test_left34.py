"""Session 34 (emp-left34): readings blind34's read left, each a rule of how posts and seekers are written, tested in
own sentences (none of any split's rows) beside a look-alike that must not fire: an end of work said alone past 22:00
is night work; a post stating its start after 春节 fits a seeker who goes only then a little better; the 执业药师's
licence is not the 药师 职称; a nurse's 职称 (护师, 主管护师) holds the 护士执业证书; "外出" said alone is outside the county."""

import pytest

from jianfu.employment.matching import Job, Seeker, matcher
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.features import PLACE_SLOTS
from jianfu.employment.matching.parse import (
    AFTER_SPRING_FIT,
    CERT_BITS,
    CERTIFICATES,
    LICENSED_PHARMACIST,
    NOT_CERTIFICATES,
    end_said_alone,
    held_certificates,
    infer_job_demands,
    infer_seeker_limits,
    overnight,
    parse_required_certificates,
)
from jianfu.employment.matching.tests.two_paths import GAZ, both_paths, offered, takers

pytestmark = pytest.mark.usefixtures("ages_in_2026")


def seeker(sid: str, *, notes: str = "", desired: str = "服装车位", certificates: str = "无",
           experience: str = "车位3年") -> Seeker:
    return Seeker(id=sid, age=35, gender="女", residence="石康镇", desired=desired, places="县内", notes=notes,
                  certificates=certificates, education="大专", wage="4000", experience=experience)


def post(jid: str, *, description: str = "车缝衣服，计件。", title: str = "服装车位", certificates: str = "无",
         employer: str = "某制衣有限公司") -> Job:
    return Job(id=jid, title=title, employer=employer, place="廉州镇", description=description, age="18-50周岁",
               wage="4000-6000", certificates=certificates, education="不限", benefits="包住")


def lift(s: Seeker, jobs: list[Job], *, kernel: bool, monkeypatch: pytest.MonkeyPatch) -> dict[str, float]:
    """Each posting's score for `s` less its score with no weight for what a posting prefers."""
    monkeypatch.setattr(matcher, "USE_KERNEL", kernel)
    scored = [{r.job_id: r.score for r in matcher.Matcher(jobs=jobs, seekers=[s], gazetteer=GAZ, weights=w).jobs_for(s)}
              for w in (None, {"pref": 0.0})]
    return {j: round(scored[0][j] - scored[1][j], 4) for j in scored[0]}


# ------------------------------------------------------------------------- 1. an evening running late is night work


def test_an_end_said_alone_is_placed_on_the_clock() -> None:
    # overtime to eleven at night, a late shift into the small hours, a stated time one leaves at
    assert [end_said_alone(t) for t in ("旺季要加班到晚上11点", "晚班到凌晨2点", "22:30才下班")] == [23.0, 26.0, 22.5]
    # look-alikes: home by the evening, a bare hour that may be the morning's, overtime left to the worker
    assert [end_said_alone(t) for t in ("晚上7点半下班", "加班到10点", "自愿加班到23:30")] == [19.5, 0.0, 0.0]


def test_work_ending_after_ten_at_night_is_night_work_and_before_it_is_not() -> None:
    for late in ("旺季要加班到晚上11点", "晚班到凌晨2点", "下午3点到晚上11点", "长白班，忙时加班到23:30"):
        assert "NIGHT" in infer_job_demands(late), late
    for day in ("晚上7点半下班", "工作到晚上九点", "加班到22:00", "加班到10点", "自愿加班到23:30", "朝八晚六，长白班"):
        assert "NIGHT" not in infer_job_demands(day), day
    # an evening to 23:00 leaves the night at home ("晚上要回家睡" takes it); one past midnight does not
    assert (overnight("旺季要加班到晚上11点"), overnight("晚班到凌晨2点")) == (False, True)


@both_paths
def test_a_seeker_refusing_nights_is_not_sent_where_overtime_runs_to_eleven(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    nights_refused = seeker("N", notes="不上夜班")
    anyone = seeker("A")
    late = post("LATE", description="车缝衣服，计件；赶单时加班到晚上11点。")
    evening = post("EVE", description="车缝衣服，计件；一般晚上8点半下班。")
    assert "NIGHT" in infer_seeker_limits("不上夜班")
    assert takers(late, [nights_refused, anyone], kernel=kernel, monkeypatch=monkeypatch) == ["A"]
    assert takers(evening, [nights_refused, anyone], kernel=kernel, monkeypatch=monkeypatch) == ["A", "N"]
    assert (violations(nights_refused, late, GAZ), violations(nights_refused, evening, GAZ)) == (["limits:NIGHT"], [])


# ------------------------------------------------------------------------- 2. a start after 春节 stated


@both_paths
def test_a_post_starting_after_spring_ranks_up_for_an_after_spring_seeker_only(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    late = seeker("L", notes="要在家过完年才出去")
    anyone = seeker("A")
    after = post("AFT", description="车缝衣服，计件；春节后统一开工。")
    silent = post("SIL", description="车缝衣服，计件。")
    assert CERT_BITS[AFTER_SPRING_FIT].word == 4 and AFTER_SPRING_FIT in NOT_CERTIFICATES      # never shown as held
    assert matcher.DEFAULT_WEIGHTS["pref"] == 0.012
    assert lift(late, [after, silent], kernel=kernel, monkeypatch=monkeypatch) == {"AFT": 0.012, "SIL": 0.0}
    assert lift(anyone, [after, silent], kernel=kernel, monkeypatch=monkeypatch) == {"AFT": 0.0, "SIL": 0.0}   # no words
    assert offered(late, [after, silent], kernel=kernel, monkeypatch=monkeypatch) == ["AFT", "SIL"]   # neither refused


# ------------------------------------------------------------------------- 4. 执业药师 and the nurses' 职称


def test_the_licensed_pharmacist_is_not_the_pharmacist_title() -> None:
    assert CERT_BITS[LICENSED_PHARMACIST].word == 4 and CERT_BITS[LICENSED_PHARMACIST].bit == 1 << 2
    assert len(CERTIFICATES) == 229      # emp-read34's 202 + the licence and the spring fit (the fifth word's bits 2, 3); emp-read35's three (56–54); emp-left35: five (4–8 of the fifth); emp-left36: seventeen (9–25)
    assert parse_required_certificates("须持执业药师注册证，注册到本店") == (frozenset({LICENSED_PHARMACIST}), frozenset())
    assert parse_required_certificates("有执业药师证者优先") == (frozenset(), frozenset({LICENSED_PHARMACIST}))
    # a licence rewarded is not asked ("…者另加补贴", "持证者每月加300元"); one asked with a bonus beside it still is
    assert parse_required_certificates("药学专业；有执业药师证者另加补贴") == (frozenset(), frozenset({LICENSED_PHARMACIST}))
    assert parse_required_certificates("持电工证者每月加300元") == (frozenset(), frozenset({"电工证"}))
    assert parse_required_certificates("须持电工证，有的加300") == (frozenset({"电工证"}), frozenset())
    assert LICENSED_PHARMACIST in held_certificates("执业药师（中药学类）")
    # passed and not yet registered: held, as a doctor's 资格 is
    assert LICENSED_PHARMACIST in held_certificates("执业药师职业资格证书（今年考过，还没注册）")
    # look-alikes: the hospital 职称 of either grade, and the exam not sat
    for title in ("药师（初级职称）", "主管药师", "药士", "执业药师资格在考"):
        assert LICENSED_PHARMACIST not in held_certificates(title), title


def test_a_nurse_title_holds_the_nurses_licence() -> None:
    for title in ("护师", "主管护师（中级）", "护理学初级（师）"):
        assert "护士资格证" in held_certificates(title), title
    # look-alikes: a carer's and a pharmacist's titles, a title being sat
    for other in ("养老护理员证", "药师（初级职称）", "护师职称在考"):
        assert "护士资格证" not in held_certificates(other), other


@both_paths
def test_a_drugstore_asking_the_licence_and_a_ward_asking_the_nurses_licence(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    titled = seeker("T", desired="药店药师", certificates="药师（初级职称）", experience="医院药房5年")
    licensed = seeker("P", desired="药店药师", certificates="执业药师注册证", experience="药店3年")
    drugstore = post("DS", title="驻店执业药师", description="处方审核，用药咨询。", certificates="须持执业药师注册证",
                     employer="某大药房")
    assert takers(drugstore, [titled, licensed], kernel=kernel, monkeypatch=monkeypatch) == ["P"]
    assert violations(titled, drugstore, GAZ) == ["certificate"]
    nurse = seeker("N", desired="病房护士", certificates="主管护师", experience="病房护士12年")
    untitled = seeker("U", desired="病房护士", certificates="护理专业毕业证", experience="护理实习1年")
    ward = post("W", title="病房护士", description="病区护理，白班。", certificates="须持护士执业证书", employer="某医院")
    assert takers(ward, [nurse, untitled], kernel=kernel, monkeypatch=monkeypatch) == ["N"]
    assert (violations(nurse, ward, GAZ), violations(untitled, ward, GAZ)) == ([], ["certificate"])


# ------------------------------------------------------------------------- 3. "外出" alone: outside the home county


def test_going_out_said_alone_is_every_known_place_outside_the_county() -> None:
    level, named = GAZ.acceptable("外出", home="450521111")     # a 石康镇 seeker
    assert level == 0 and len(named) == 22 and PLACE_SLOTS == 24
    # the prefecture's other districts, the province's other prefectures, the other provinces — not the county
    assert {"450502", "450503", "450512", "4507", "4501", "44", "35"} <= set(named)
    assert not any(c.startswith("450521") or c in ("45", "4505") for c in named)
    # look-alikes: beside the own town (emp-left36: that town or outside the county, not anywhere), offered as fine,
    # anywhere said beside it
    assert [GAZ.acceptable(t, home="450521111")[0] for t in ("本镇、外出", "外出也行", "外出哪里都行")] == [1, 5, 5]


@both_paths
def test_a_going_out_seeker_is_not_sent_to_the_county_but_to_qinzhou(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    out = Seeker(id="O", age=35, gender="女", residence="石康镇", desired="服装车位", places="外出", certificates="无",
                 education="初中", wage="4000", experience="车位3年")
    either = Seeker(id="E", age=35, gender="女", residence="石康镇", desired="服装车位", places="本镇、外出",
                    certificates="无", education="初中", wage="4000", experience="车位3年")
    county = post("C")
    qinzhou = Job(id="Q", title="服装车位", employer="某制衣有限公司", place="钦州", description="车缝衣服，计件。",
                  age="18-50周岁", wage="4000-6000", certificates="无", education="不限", benefits="包住")
    assert offered(out, [county, qinzhou], kernel=kernel, monkeypatch=monkeypatch) == ["Q"]
    # emp-left36: "本镇、外出" is the own town (石康镇) or outside the county — not the county seat
    assert offered(either, [county, qinzhou], kernel=kernel, monkeypatch=monkeypatch) == ["Q"]
    assert (violations(out, county, GAZ), violations(out, qinzhou, GAZ)) == (["place"], [])
