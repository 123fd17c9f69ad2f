"""Session 34 (fixcr34c): the second code review's matcher findings on this session's readings (emp-read34's blind34
readings, fixcr34a). Each: the reviewer's inputs, and look-alikes on both sides that keep their reading."""

import pytest

from jianfu.employment.matching import constraints, features, matcher
from jianfu.employment.matching.parse import (
    ASSISTANT_PHYSICIAN,
    PHYSICIAN,
    VILLAGE_DOCTOR,
    held_certificates,
    posting_starts_before_spring,
    seeker_needs_couple_room,
    seeker_starts_after_spring,
)
from jianfu.employment.matching.places import fit_named
from jianfu.employment.matching.tests.test_blind34_read import broken, post, seeker
from jianfu.employment.matching.tests.two_paths import GAZ, both_paths, offered

pytestmark = pytest.mark.usefixtures("ages_in_2026")

HOME = GAZ.resolve("石湾镇")
# fixcr34c wrote these for 12 slots; emp-left34 raised `features.PLACE_SLOTS` to 24 ("外出" names 22 places). The
# fitting is tested at 12, where a real wish overflows, and the two paths with the features held to 12 slots.
SLOTS = 12
DELTA = ("4401", "4403", "4404", "4406", "4407", "4412", "4413", "4419", "4420")
OTHER_PROVINCES = ("11", "31", "32", "33", "35", "43", "44", "46", "52", "53")


# ------------------------------------------------------------------------- 1. 省外 / 珠三角 refused or past


def test_out_of_province_refused_or_past_or_inside_a_word_is_no_wish() -> None:
    # refused before or after: a ceiling at the province, as "不出省" (not "only outside it")
    for text in ("省外不去", "外省不去", "不考虑省外", "省外的不去", "省外不考虑"):
        assert GAZ.acceptable(text, home=HOME) == (4, ()), text
    # a past stay names no place wished: the default county
    for text in ("从省外回来了", "以前在省外，现在想回来"):
        assert GAZ.acceptable(text, home=HOME) == (2, ()), text
    # not a scope at all: a 小区 or an 工业区 with 外 after it
    assert GAZ.acceptable("小区外面的厂", home=HOME) == (2, ())
    assert GAZ.acceptable("工业区外", home=HOME) == (2, ())
    # look-alikes that stay a wish for outside the province only
    for text in ("省外", "区外", "出省打工", "想去外省", "去省外进厂"):
        assert GAZ.acceptable(text, home=HOME) == (0, OTHER_PROVINCES), text
    assert GAZ.acceptable("不想出省外", home=HOME) == (4, ())
    assert GAZ.acceptable("省外也行", home=HOME) == (5, ())


def test_the_delta_refused_is_not_the_delta_wished() -> None:
    assert GAZ.acceptable("不去珠三角", home=HOME) == (2, ())
    assert GAZ.acceptable("珠三角不去", home=HOME) == (2, ())
    assert GAZ.acceptable("不考虑珠三角", home=HOME) == (2, ())
    # look-alikes: wished, and wished beside the county
    assert GAZ.acceptable("去珠三角进厂", home=HOME) == (0, DELTA)
    assert GAZ.acceptable("珠三角", home=HOME) == (0, DELTA)
    assert GAZ.acceptable("县内、珠三角也行", home=HOME) == (2, DELTA)


def test_a_city_refused_is_not_the_city_wished() -> None:
    # the older bug of the same kind: "不去东莞" read as "only 东莞"
    assert GAZ.acceptable("不去东莞", home=HOME) == (2, ())
    assert GAZ.acceptable("东莞不去", home=HOME) == (2, ())
    assert GAZ.acceptable("东莞", home=HOME) == (0, ("4419",))
    assert GAZ.acceptable("想去东莞", home=HOME) == (0, ("4419",))


def test_a_past_stay_out_of_the_province_in_the_notes_says_nothing_of_places() -> None:
    # the blind34 pin (test_blind34_read.py) corrected: a past stay is no wish, so the seeker said nothing of places and
    # the default county applies — not anywhere
    assert GAZ.acceptable("", home=HOME, notes="前几年一直在省外干") == (2, ())
    # look-alike: a wish in the notes is still the scope word (anywhere, as before)
    assert GAZ.acceptable("", home=HOME, notes="想去省外") == (5, ())


@both_paths
def test_refusing_out_of_province_or_the_delta_keeps_the_county_post(kernel, monkeypatch) -> None:
    jobs = [post("HP", place="廉州镇"), post("DG", place="广东东莞塘厦镇")]
    for places in ("省外不去", "不去珠三角", "从省外回来了，想在县内"):
        s = seeker("S", places=places)
        assert offered(s, jobs, kernel=kernel, monkeypatch=monkeypatch) == ["HP"], places
        assert [broken(s, j) for j in jobs] == [[], ["place"]], places
    wished = seeker("W", places="珠三角")
    assert offered(wished, jobs, kernel=kernel, monkeypatch=monkeypatch) == ["DG"]


# ------------------------------------------------------------------------- 2. a couple's room not needed


def test_a_couple_room_negated_or_optional_is_no_demand() -> None:
    for text in ("不要夫妻房", "不需要夫妻房", "不一定要夫妻房", "要不要夫妻房都行", "不是必须要夫妻房", "单身一个人，不需要夫妻房",
                 "不用非得要夫妻房", "没必要要夫妻房"):
        assert not seeker_needs_couple_room(text), text
    # look-alikes that stay a demand
    for text in ("要夫妻房", "两口子一起，必须安排夫妻房", "须夫妻房", "不单身，要夫妻房", "以前住夫妻房，要夫妻房"):
        assert seeker_needs_couple_room(text), text


def test_a_single_seeker_without_need_of_a_couple_room_takes_a_post_with_none() -> None:
    none = post("NO", benefits="包住，宿舍四人间，不提供夫妻房")
    assert broken(seeker("S", notes="单身一个人，不需要夫妻房"), none) == []
    assert broken(seeker("N", notes="两口子一起，要夫妻房"), none) == ["couple_room"]


# ------------------------------------------------------------------------- 3. 年后 and 急招 in other senses


def test_after_spring_is_the_new_year_not_n_years_nor_past_nor_softened() -> None:
    for text in ("毕业两年后才出去打工", "半年后再出去", "一年后再出去", "去年是年后才出去的，今年随时可以",
                 "春节后再上班也行，年前也可以", "几年后再出去", "以前都是过完年才出去"):
        assert not seeker_starts_after_spring(text), text
    for text in ("年后才能上班", "过完年再去广东", "正月十五以后", "年前走不了", "今年年后才出去", "开春再出去"):
        assert seeker_starts_after_spring(text), text


def test_a_bare_urgent_hire_says_nothing_of_spring() -> None:
    for text in ("急招普工", "紧急招聘", "不急招", "6月急招", "长期急招", "急招保安，包吃住", "急招司机"):
        assert not posting_starts_before_spring(text), text
    for text in ("年前急招", "急招，年前到岗", "春节前到岗", "12月20日前到岗", "十二月内入职", "腊月二十前到岗",
                 "急招，1月15日前到岗"):
        assert posting_starts_before_spring(text), text


def test_a_seeker_going_out_after_graduation_years_takes_an_urgent_post() -> None:
    urgent = post("J", description="急招普工，长白班。")
    assert broken(seeker("S", notes="毕业两年后才出去打工，现在随时能走"), urgent) == []
    before = post("B", description="年前到岗，长白班。")
    assert broken(seeker("L", notes="过完年才出去"), before) == ["start"]


# ------------------------------------------------------------------------- 4. places past the slots


def test_many_places_collapse_to_their_province_not_dropped() -> None:
    many = ("3502", "3301", "3302", "3205", *DELTA)
    assert len(many) > SLOTS
    assert fit_named(5, many, SLOTS) == (5, ("3502", "3301", "3302", "3205", "44"))
    # places enclosed by another named one go first (nothing is lost)
    assert fit_named(0, DELTA + OTHER_PROVINCES, SLOTS) == (0, OTHER_PROVINCES)
    # within the slots nothing changes
    assert fit_named(0, DELTA, SLOTS) == (0, DELTA)
    # more provinces than slots: anywhere (wider, never narrower)
    assert fit_named(0, tuple(str(p) for p in range(11, 24)), SLOTS) == (5, ())


@both_paths
def test_the_matcher_and_violations_agree_past_the_slots(kernel, monkeypatch) -> None:
    monkeypatch.setattr(features, "PLACE_SLOTS", SLOTS)
    monkeypatch.setattr(constraints, "PLACE_SLOTS", SLOTS)
    s = seeker("S", places="厦门、杭州、宁波、苏州、珠三角")
    jobs = [post("ZS", place="广东中山小榄镇"), post("XM", place="福建厦门集美区"), post("HP", place="廉州镇")]
    assert offered(s, jobs, kernel=kernel, monkeypatch=monkeypatch) == ["XM", "ZS"]
    assert [broken(s, j) for j in jobs] == [[], [], ["place"]]
    s2 = seeker("S2", places="珠三角、省外")
    jobs2 = [post("FJ", place="福建厦门集美区"), post("ZJ", place="浙江杭州"), post("DG", place="广东东莞塘厦镇"), jobs[2]]
    assert offered(s2, jobs2, kernel=kernel, monkeypatch=monkeypatch) == ["DG", "FJ", "ZJ"]
    assert [broken(s2, j) for j in jobs2] == [[], [], [], ["place"]]


# ------------------------------------------------------------------------- 6. the words the seeker used


def test_the_place_reason_says_out_of_province_or_the_delta_as_said(monkeypatch) -> None:
    monkeypatch.setattr(matcher, "USE_KERNEL", False)
    jobs = [post("FJ", place="福建厦门集美区"), post("DG", place="广东东莞塘厦镇")]
    out = seeker("O", places="省外")
    delta = seeker("D", places="珠三角")
    city = seeker("C", places="厦门")
    m = matcher.Matcher(jobs=jobs, seekers=[out, delta, city], gazetteer=GAZ)
    said = {(sid, r.job_id): [p for p in r.met if "本人想去的地方" in p]
            for sid, s in (("O", out), ("D", delta), ("C", city)) for r in m.jobs_for(s)}
    assert said[("O", "FJ")] == ["工作地点厦门，是本人想去的地方（省外）"]
    assert said[("D", "DG")] == ["工作地点东莞，是本人想去的地方（珠三角）"]
    assert said[("C", "FJ")] == ["工作地点厦门，是本人想去的地方（厦门）"]


# ------------------------------------------------------------------------- 7. a vet's and a doctor's licence


def test_a_vet_and_a_doctors_licence_joined_by_and() -> None:
    doctor = {PHYSICIAN, ASSISTANT_PHYSICIAN, VILLAGE_DOCTOR}
    assert held_certificates("兽医和医师执业证") == doctor
    assert held_certificates("兽医及执业医师证书") == doctor
    # look-alikes: a vet's licence alone stays no doctor's
    assert held_certificates("兽医师执业证书") == frozenset()
    assert held_certificates("执业兽医师资格证") == frozenset()
