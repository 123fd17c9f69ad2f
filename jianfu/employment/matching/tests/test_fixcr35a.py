"""Session 35 (fixcr35a): the code review's matcher findings on session 34's merges (codereview35a). Each: the
reviewer's inputs, read the way a 人社 clerk reads them, and look-alikes on both sides that keep their reading. Home town
石湾镇; the places offered are of posts in 廉州 (the county seat), 石湾, 钦州, 东莞, 浙江 and 深圳, by the kernel and the
numpy path alike, and `constraints.violations` agrees."""

import pytest

from jianfu.employment.matching import Job, Seeker, features, matcher
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.parse import (
    end_said_alone,
    held_certificates,
    parse_required_certificates,
    posting_starts_before_spring,
    seeker_needs_couple_room,
    seeker_starts_after_spring,
)
from jianfu.employment.matching.places import _SLOTS, said_as
from jianfu.employment.matching.tests.two_paths import GAZ, offered, takers

pytestmark = pytest.mark.usefixtures("ages_in_2026")

HOME = GAZ.resolve("石湾镇")
SEAT = "450521100"           # 廉州镇, the county seat (县城)
OTHER_PROVINCES = ("11", "31", "32", "33", "35", "43", "44", "46", "52", "53")
# "外出" alone: every place the gazetteer knows outside the county (emp-left34)
OUTSIDE = ("11", "31", "32", "33", "35", "43", "44", "4501", "4502", "4503", "4504", "450502", "450503", "450512", "4506",
           "4507", "4508", "4509", "4510", "46", "52", "53")
GUANGDONG_BUT_DONGGUAN = ("4401", "4403", "4404", "4405", "4406", "4407", "4408", "4409", "4412", "4413", "4418", "4420")


def seeker(sid: str, *, places: str = "县内", notes: str = "") -> Seeker:
    return Seeker(id=sid, age=30, gender="男", residence="石湾镇", desired="电子厂普工", places=places, notes=notes,
                  certificates="无", education="初中", wage="4000", experience="电子厂普工2年")


def post(jid: str, *, place: str = "廉州镇", description: str = "手机配件组装；长白班。") -> Job:
    return Job(id=jid, title="电子厂普工", employer="某电子有限公司", place=place, description=description,
               age="18-45周岁", wage="4000-5500", certificates="无", education="不限", benefits="包吃住")


JOBS = [post("HP_廉州"), post("SW_石湾", place="石湾镇"), post("QZ_钦州", place="钦州"),
        post("DG_东莞", place="广东东莞塘厦镇"), post("ZJ_浙江", place="浙江杭州"), post("SZ_深圳", place="广东深圳龙华区")]


def places_offered(places: str, monkeypatch: pytest.MonkeyPatch, notes: str = "") -> list[str]:
    """The posts offered to a seeker saying `places`: the same by the kernel, by numpy and by `violations`."""
    s = seeker("S", places=places, notes=notes)
    kernel = offered(s, JOBS, kernel=True, monkeypatch=monkeypatch)
    assert offered(s, JOBS, kernel=False, monkeypatch=monkeypatch) == kernel, places
    assert sorted(j.id for j in JOBS if not violations(s, j, GAZ)) == kernel, places
    return kernel


def test_the_slots_are_the_features_slots() -> None:
    assert _SLOTS == features.PLACE_SLOTS


# ------------------------------------------------------------------------- H1. the wish before a refusal, 除了X都不去


def test_a_refusal_after_a_wish_refuses_only_its_own_place(monkeypatch: pytest.MonkeyPatch) -> None:
    assert GAZ.acceptable("去东莞不去深圳", home=HOME) == (0, ("4419",))
    assert GAZ.acceptable("只去县城不去钦州", home=HOME) == (1, (SEAT,))
    assert GAZ.acceptable("不去深圳只去东莞", home=HOME) == (0, ("4419",))
    assert GAZ.acceptable("不去深圳去东莞", home=HOME) == (0, ("4419",))
    assert places_offered("去东莞不去深圳", monkeypatch) == ["DG_东莞"]
    assert places_offered("只去县城不去钦州", monkeypatch) == ["HP_廉州", "SW_石湾"]
    # look-alikes: the refusal alone, before or after the place, past (了), with 也/都, verb 考虑去
    for text in ("东莞不去", "不去东莞", "东莞不去了", "东莞也不去", "深圳东莞不去", "不考虑去东莞", "不去深圳，东莞也不去"):
        assert GAZ.acceptable(text, home=HOME) == (2, ()), text
    assert places_offered("东莞不去了", monkeypatch) == ["HP_廉州", "SW_石湾"]
    # several places in one cell: a list refused is every place of it (after the verb, or before it with 都/也), quotes
    for text in ("不去东莞、深圳", "东莞、深圳都不去", "“东莞”不去"):
        assert GAZ.acceptable(text, home=HOME) == (2, ()), text
    assert GAZ.acceptable("去“东莞”，不去“深圳”", home=HOME) == (0, ("4419",))
    assert GAZ.acceptable("钦州、东莞，不去深圳", home=HOME) == (0, ("4507", "4419"))
    assert places_offered("钦州、东莞，不去深圳", monkeypatch) == ["DG_东莞", "QZ_钦州"]


def test_all_but_one_place_refused_is_that_place_only(monkeypatch: pytest.MonkeyPatch) -> None:
    for text in ("除了县城哪都不去", "不去县城以外的地方", "县城以外的都不去", "除了县城以外哪里都不去", "除县城外都不考虑"):
        assert GAZ.acceptable(text, home=HOME) == (1, (SEAT,)), text
    for text in ("除了东莞不考虑别的", "除了东莞都不去", "除了东莞，别的地方都不去"):
        assert GAZ.acceptable(text, home=HOME) == (0, ("4419",)), text
    assert GAZ.acceptable("除了广东都不去", home=HOME) == (0, ("44",))
    assert places_offered("除了县城哪都不去", monkeypatch) == ["HP_廉州", "SW_石湾"]
    assert places_offered("除了东莞不考虑别的", monkeypatch) == ["DG_东莞"]
    assert places_offered("除了广东都不去", monkeypatch) == ["DG_东莞", "SZ_深圳"]
    # look-alikes: nowhere at all, and the place itself wished
    assert GAZ.acceptable("哪都不去", home=HOME) == (2, ())
    assert GAZ.acceptable("只去县城", home=HOME) == (1, (SEAT,))


# ------------------------------------------------------------------------- H2 / M5. 外出 refused


def test_outside_refused_caps_at_the_county(monkeypatch: pytest.MonkeyPatch) -> None:
    # the negation before the word (any modal between) or after it; past (不再), and 出去打工 the same
    for text in ("不打算外出", "无法外出", "外出不了", "不再外出", "没想外出", "不外出", "不想外出", "不能外出", "没有外出的打算",
                 "外出不方便", "不出去打工", "不能出去打工", "孩子小，不能外出"):
        assert GAZ.acceptable(text, home=HOME)[0] == 2, text
        assert GAZ.acceptable(text, home=HOME)[1] == (), text
    assert places_offered("不打算外出", monkeypatch) == ["HP_廉州", "SW_石湾"]
    assert places_offered("外出不了", monkeypatch) == ["HP_廉州", "SW_石湾"]
    # beside a nearer scope, it keeps that scope
    assert GAZ.acceptable("本镇，不外出", home=HOME) == (1, ())
    # look-alikes: 外出 wished is outside the county only; 出去打工 / 去外地 / 外地也行 accept outside (not "only")
    assert GAZ.acceptable("外出", home=HOME) == (0, OUTSIDE)
    assert GAZ.acceptable("想外出打工", home=HOME) == (0, OUTSIDE)
    for text in ("出去打工", "去外地", "外地也行", "外出也行"):
        assert GAZ.acceptable(text, home=HOME) == (5, ()), text
    assert places_offered("出去打工", monkeypatch) == sorted(j.id for j in JOBS)


# ------------------------------------------------------------------------- H3. a refusal beside 外出 / 省外


def test_a_refusal_beside_a_scope_is_applied_after_it(monkeypatch: pytest.MonkeyPatch) -> None:
    assert GAZ.acceptable("外出，不去广东", home=HOME) == (0, tuple(c for c in OUTSIDE if c != "44"))
    assert places_offered("外出，不去广东", monkeypatch) == ["QZ_钦州", "ZJ_浙江"]
    assert places_offered("外出，不去广东、浙江", monkeypatch) == ["QZ_钦州"]
    # the province kept: only the home province's places outside the county
    assert GAZ.acceptable("外出，不出省", home=HOME) == (0, tuple(c for c in OUTSIDE if c.startswith("45")))
    assert places_offered("外出，不出省", monkeypatch) == ["QZ_钦州"]
    # a city refused inside a province 省外 adds: the province's other cities (they fit the slots)
    assert GAZ.acceptable("不去东莞，省外", home=HOME) == \
        (0, tuple(sorted(set(OTHER_PROVINCES) - {"44"} | set(GUANGDONG_BUT_DONGGUAN))))
    assert places_offered("不去东莞，省外", monkeypatch) == ["SZ_深圳", "ZJ_浙江"]
    assert places_offered("省外，东莞不去", monkeypatch) == ["SZ_深圳", "ZJ_浙江"]
    # … 外出 adds too many for its other cities: the province is left out (a refused place is never offered)
    assert places_offered("外出，不去东莞", monkeypatch) == ["QZ_钦州", "ZJ_浙江"]
    # look-alikes: the scopes alone
    assert GAZ.acceptable("省外", home=HOME) == (0, OTHER_PROVINCES)
    assert places_offered("省外", monkeypatch) == ["DG_东莞", "SZ_深圳", "ZJ_浙江"]
    assert places_offered("外出", monkeypatch) == ["DG_东莞", "QZ_钦州", "SZ_深圳", "ZJ_浙江"]


# ------------------------------------------------------------------------- M8. a past stay names no place


def test_a_past_stay_names_no_place(monkeypatch: pytest.MonkeyPatch) -> None:
    assert GAZ.acceptable("以前在外地打工，现在想在本镇", home=HOME) == (1, ())
    assert places_offered("以前在外地打工，现在想在本镇", monkeypatch) == ["SW_石湾"]
    for notes in ("以前在东莞打工十年，现在腰不好", "去年在深圳", "从东莞回来了", "在东莞干过三年", "前几年在珠三角打过工",
                  "去过东莞", "外出过", "以前外出打工", "以前外出打工，现在不出去了"):
        assert GAZ.acceptable("", home=HOME, notes=notes) == (2, ()), notes
    assert GAZ.acceptable("县城", home=HOME, notes="以前在东莞打工十年") == (1, (SEAT,))
    # look-alikes: a wish after the past, in its clause or the next
    assert GAZ.acceptable("", home=HOME, notes="以前在东莞，还想回东莞") == (0, ("4419",))
    assert GAZ.acceptable("", home=HOME, notes="去年在深圳，今年想去东莞") == (0, ("4419",))
    assert GAZ.acceptable("想回来县城", home=HOME) == (1, (SEAT,))
    assert GAZ.acceptable("愿意过去东莞", home=HOME) == (0, ("4419",))


# ------------------------------------------------------------------------- L10. the seeker's words


def test_a_place_outside_adds_is_said_as_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    assert said_as("外出", "4507") == "外出"
    assert said_as("外出", "44") == "外出"
    assert said_as("外出，想去东莞", "4419") is None          # named by the seeker: its own name
    assert said_as("不外出", "4507") is None
    assert said_as("钦州", "4507") is None
    monkeypatch.setattr(matcher, "USE_KERNEL", False)

    def wished(places: str) -> dict[str, list[str]]:
        s = seeker("O", places=places)
        m = matcher.Matcher(jobs=JOBS, seekers=[s], gazetteer=GAZ)
        return {r.job_id: [p for p in r.met if "想去" in p] for r in m.jobs_for(s)}

    assert wished("外出") == {"DG_东莞": ["工作地点东莞，是本人想去的地方（外出）"],
                            "QZ_钦州": ["工作地点钦州，是本人想去的地方（外出）"],
                            "SZ_深圳": ["工作地点深圳，是本人想去的地方（外出）"],
                            "ZJ_浙江": ["工作地点杭州，是本人想去的地方（外出）"]}
    assert wished("省外，以前在东莞干过") == {"DG_东莞": ["工作地点东莞，是本人想去的地方（省外）"],
                                       "SZ_深圳": ["工作地点深圳，是本人想去的地方（省外）"],
                                       "ZJ_浙江": ["工作地点杭州，是本人想去的地方（省外）"]}
    assert wished("不去东莞，省外") == {"SZ_深圳": ["工作地点深圳，是本人想去的地方（省外）"],
                                    "ZJ_浙江": ["工作地点杭州，是本人想去的地方（省外）"]}
    assert wished("东莞") == {"DG_东莞": ["工作地点东莞，是本人想去的地方（东莞）"]}


# ------------------------------------------------------------------------- H4. a must beside a bonus


def test_a_certificate_said_a_must_stays_required_beside_a_bonus(monkeypatch: pytest.MonkeyPatch) -> None:
    for text, card in (("须持电工证，持证者另发补贴", "电工证"), ("必须有电工证，有证的另发补贴", "电工证"),
                       ("需持电工证，持证者另发补贴", "电工证"), ("须持电工证者另发补贴", "电工证"),
                       ("须持执业药师证，持证者每月另发补贴", "执业药师注册证书"),
                       ("须持执业药师证。持证者每月另发补贴", "执业药师注册证书")):
        assert parse_required_certificates(text) == (frozenset({card}), frozenset()), text
    # look-alikes: a bonus without a must, a real way round the card, and none asked
    for text in ("电工证，持证者另发补贴", "持电工证，持证者另发补贴", "电工证优先，持证者另发补贴",
                 "须持电工证，无证可培训"):
        assert parse_required_certificates(text) == (frozenset(), frozenset({"电工证"})), text
    assert parse_required_certificates("须持健康证，没有的可入职后办理") == (frozenset(), frozenset({"健康证"}))
    assert parse_required_certificates("无需电工证，持证者另发补贴") == (frozenset(), frozenset())
    none = Seeker(id="NONE", age=30, gender="女", residence="石湾镇", desired="电工", places="县内", certificates="无",
                  education="初中", wage="4000", experience="电工2年")
    held = Seeker(id="HELD", age=30, gender="女", residence="石湾镇", desired="电工", places="县内", certificates="电工证",
                  education="初中", wage="4000", experience="电工2年")
    job = Job(id="EL", title="电工", employer="某厂", place="廉州镇", description="设备维修；须持电工证，持证者另发补贴。",
              age="18-45周岁", wage="4000-5500", certificates="须持电工证，持证者另发补贴", education="不限", benefits="包住")
    for kernel in (True, False):
        assert offered(none, [job], kernel=kernel, monkeypatch=monkeypatch) == []
        assert offered(held, [job], kernel=kernel, monkeypatch=monkeypatch) == ["EL"]
    assert violations(none, job, GAZ) == ["certificate"]
    assert violations(held, job, GAZ) == []


# ------------------------------------------------------------------------- M6. a month's time, pay in 腊月


def test_a_months_time_or_pay_in_the_year_end_is_no_start_before_spring(monkeypatch: pytest.MonkeyPatch) -> None:
    for text in ("录用后一月内到岗", "通知后1月内到岗", "一个月内到岗", "录用后1个月内到岗", "腊月上班工资翻倍", "腊月到岗发双薪",
                 "不要求年前到岗", "无需腊月二十前到岗", "不必1月15日前到岗", "年前到岗不强制", "没有要求年前到岗"):
        assert posting_starts_before_spring(text) is False, text
    # look-alikes: a month or a date named, a start-by asked
    for text in ("1月份内到岗", "1月15日前到岗", "1月底前到岗", "腊月二十前到岗", "年前到岗", "要求年前到岗", "必须年前到岗",
                 "12月内到岗", "十二月底前进场"):
        assert posting_starts_before_spring(text) is True, text
    late = seeker("S", notes="要在家过完年才出去")
    for description, kept in (("手机配件组装；长白班；录用后一月内到岗。", ["J"]), ("手机配件组装；长白班；不要求年前到岗。", ["J"]),
                              ("手机配件组装；长白班；腊月上班工资翻倍。", ["J"]), ("手机配件组装；长白班；年前到岗。", [])):
        job = post("J", description=description)
        for kernel in (True, False):
            assert offered(late, [job], kernel=kernel, monkeypatch=monkeypatch) == kept, description
        assert violations(late, job, GAZ) == ([] if kept else ["start"]), description


# ------------------------------------------------------------------------- M7. overtime denied is no night


def test_overtime_denied_is_no_night_work(monkeypatch: pytest.MonkeyPatch) -> None:
    for text in ("长白班，不加班到晚上11点", "无需加班到晚上11点", "一般不会加班到晚上11点", "从不上班到凌晨1点", "不用加班到晚上11点"):
        assert end_said_alone(text) == 0, text
    for text, end in (("加班到晚上11点", 23), ("不包吃，加班到晚上11点", 23), ("不定时加班到晚上11点", 23), ("23:00下班", 23)):
        assert end_said_alone(text) == end, text
    day_only = seeker("N", notes="不上夜班")
    for description, kept in (("手机配件组装；长白班，不加班到晚上11点。", ["A", "N"]),
                              ("手机配件组装；长白班，一般不会加班到晚上11点。", ["A", "N"]),
                              ("手机配件组装；长白班，加班到晚上11点。", ["A"])):
        job = post("J", description=description)
        for kernel in (True, False):
            assert takers(job, [day_only, seeker("A")], kernel=kernel, monkeypatch=monkeypatch) == kept, description
        assert violations(day_only, job, GAZ) == ([] if "N" in kept else ["limits:NIGHT"]), description


# ------------------------------------------------------------------------- M8. a couple's room, 年后 denied, a start-by not asked


def test_a_wish_softened_or_denied_asks_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    for text in ("要夫妻房，没有也行", "要夫妻房，没有的话住宿舍也可以", "需要夫妻房，实在没有也能接受"):
        assert seeker_needs_couple_room(text) is False, text
    for text in ("要夫妻房", "要夫妻房，没有不去", "要夫妻房，没有就不去", "要夫妻房，包吃住也行"):
        assert seeker_needs_couple_room(text) is True, text
    for text in ("不一定年后才走", "不是年后才走", "也不是非得过完年再出去"):
        assert seeker_starts_after_spring(text) is False, text
    for text in ("年后才走", "过完年再出去"):
        assert seeker_starts_after_spring(text) is True, text
    cases = (("要夫妻房，没有也行", "无夫妻房，长白班。", ["J"]), ("要夫妻房", "无夫妻房，长白班。", []),
             ("不一定年后才走", "年前到岗，长白班。", ["J"]), ("年后才走", "年前到岗，长白班。", []),
             ("年后才走", "不必1月15日前到岗，长白班。", ["J"]), ("年后才走", "无需腊月二十前到岗，长白班。", ["J"]))
    for notes, description, kept in cases:
        s, job = seeker("S", notes=notes), post("J", description=description)
        for kernel in (True, False):
            assert offered(s, [job], kernel=kernel, monkeypatch=monkeypatch) == kept, (notes, description)
        assert (violations(s, job, GAZ) == []) == bool(kept), (notes, description)


# ------------------------------------------------------------------------- L9. a nurse's exam failed


def test_a_nurses_title_exam_failed_holds_no_licence(monkeypatch: pytest.MonkeyPatch) -> None:
    for text in ("护师资格考试没过", "护师考试未通过", "主管护师考试没考过"):
        assert "护士资格证" not in held_certificates(text), text
    for text in ("护师", "主管护师", "护士资格考试通过"):
        assert "护士资格证" in held_certificates(text), text
    failed = Seeker(id="F", age=30, gender="女", residence="石湾镇", desired="病房护士", places="县内",
                    certificates="护师资格考试没过", education="大专", wage="4000", experience="护理实习1年")
    ward = Job(id="W", title="病房护士", employer="某医院", place="廉州镇", description="病区护理，白班。", age="18-45周岁",
               wage="4000-5500", certificates="须持护士执业证书", education="不限", benefits="包住")
    for kernel in (True, False):
        assert offered(failed, [ward], kernel=kernel, monkeypatch=monkeypatch) == []
    assert violations(failed, ward, GAZ) == ["certificate"]
