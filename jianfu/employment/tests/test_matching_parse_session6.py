"""A seeker (or a posting) saying "any is fine" in the wage, age, place or experience column: no expectation or
no limit, read as such rather than refused or misread (issue 8, session 6; blind5's row G-S33 "多少都行" was left
out, so her query scored 0)."""

from __future__ import annotations

import pytest

from jianfu.employment.matching.parse import Wage, parse_age, parse_age_range, parse_experience, parse_wage
from jianfu.employment.matching.places import Gazetteer

GAZ = Gazetteer.builtin()
DANGJIANG = "450521101"


@pytest.mark.parametrize("text", [
    "多少都行", "给多少都行", "都可以", "都行", "无所谓", "随便", "随意", "不挑", "不计较", "没要求", "无要求",
    "看着给", "看能力给", "按厂里规定", "按公司标准", "按当地标准", "听安排", "跟别人一样就行", "和大家差不多",
    "够生活就行", "能养家就行", "差不多就行",
])
def test_no_wage_expectation_is_unknown_not_refused(text):
    assert parse_wage(text) == Wage()


@pytest.mark.parametrize(("text", "wage"), [
    ("协商", Wage(negotiable=True)),
    ("好商量", Wage(negotiable=True)),
    ("三千就行", Wage(3000, None)),                      # an amount wins over the family
    ("三千以上都行", Wage(3000, None)),
    ("3000左右，多少都行", Wage(3000, 3000)),
    ("两千多就行", Wage(2000, None)),
])
def test_an_amount_is_still_read(text, wage):
    assert parse_wage(text) == wage


@pytest.mark.parametrize("text", ["很多钱", "好好干", "abc"])     # "看情况": in the family since session 14
def test_words_outside_the_family_are_still_refused(text):
    with pytest.raises(ValueError, match="无法识别的工资"):
        parse_wage(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("都可以", (None, None)), ("无所谓", (None, None)), ("没要求", (None, None)), ("随便", (None, None)),
    ("60岁以下都可以", (None, 60)), ("18-45岁，男女都可以", (18, 45)), ("18岁以上均可", (18, None)),
])
def test_posting_age_any_is_no_limit(text, expected):
    assert parse_age_range(text) == expected


@pytest.mark.parametrize("text", ["不详", "保密", "未知", "不清楚", "/"])
def test_seeker_age_left_open_is_unknown(text):
    assert parse_age(text) is None


def test_a_word_that_is_not_an_age_is_still_refused():
    with pytest.raises(ValueError, match="“四十多”是大致的说法"):      # session 11: saying how to write it
        parse_age("四十多")


@pytest.mark.parametrize(("text", "years"), [
    ("没做过", 0.0), ("从没做过", 0.0), ("没干过这行", 0.0), ("有没有经验都行", 0.0), ("有无经验均可", 0.0),
    ("不会可以教", 0.0), ("经验都可以", 0.0),
    ("做过", 0.5), ("干过两年", 2.0), ("没做过电工，做过三年普工", 3.0),      # years written win
])
def test_experience_said_absent_is_none(text, years):
    assert parse_experience(text, strict=True) == years


@pytest.mark.parametrize(("places", "notes", "expected"), [
    ("无所谓", "", (5, ())), ("都行", "", (5, ())), ("哪都行", "", (5, ())), ("不挑", "", (5, ())),
    ("去哪都行", "", (5, ())), ("远近都行", "", (5, ())), ("服从安排", "", (5, ())),
    # "都可以" after a place or a scope is "either of those", not anywhere
    ("北海市内都可以", "", (3, ())),
    ("本镇附近都可以", "", (1, ())),
    ("县内都行", "", (2, ())),
    # "北海市区" is the city's two districts, not the prefecture (session 8, emp-dev2); since session 15 (emp-dev15) a
    # district outside the county named beside a town no longer widens to the whole county: home, 廉州 and those
    ("北海市区、廉州都可以", "", (1, ("450521100", "450502", "450503"))),
    # a province named is that province or home, not anywhere
    ("去广东也行", "", (2, ("44",))),
    ("县内，去广东也行", "", (2, ("44",))),
    # the notes' "都可以" is about the work, not the place
    ("", "白班夜班都可以", (2, ())),
    ("都可以", "离家近", (1, ())),
])
def test_any_place_only_when_no_place_is_named(places, notes, expected):
    assert GAZ.acceptable(places, home=DANGJIANG, notes=notes) == expected


@pytest.mark.parametrize(("places", "home", "expected"), [
    # a seeker naming their own town ("廉州周边", "石康镇" said in 石康镇) means their town, not the county
    ("廉州周边", "450521100", (1, ())),
    ("廉州", "450521100", (1, ())),
    ("石康镇", "450521111", (1, ())),
    ("合浦县", "450521100", (2, ())),                      # their county named: the county
    # "县城" is the county seat (廉州镇, with the industrial park in it), a named town
    ("县城", "450521105", (1, ("450521100",))),
    ("县城", "450521100", (1, ())),
    ("本镇或者县城", "450521113", (1, ("450521100",))),
    ("县城或北海", "450521105", (3, ("450521100",))),
    ("县内", "450521105", (2, ())),
])
def test_own_town_and_county_seat(places, home, expected):
    assert GAZ.acceptable(places, home=home) == expected


def test_the_county_seat_alias_resolves_a_posting_too():
    assert GAZ.resolve("县城") == "450521100"


def test_family_in_the_notes_is_not_a_place():
    # "家里有老人" was read as "本村" (level 0), which shut out the county seat a 县城 seeker asked for
    assert GAZ.acceptable("县城", home="450521100", notes="家里有老人瘫痪在床，晚上要回家") == (1, ())
    assert GAZ.acceptable("", home="450521100", notes="只能在家做")[0] == 0


@pytest.mark.parametrize(("text", "codes"), [
    ("能干手工活", ["6-08-01"]), ("手工活，串珠子之类的", ["6-08-01"]), ("在家做的手工活", ["6-08-01"]),
    ("手工串珠", ["6-08-01"]), ("珍珠串珠工", ["6-08-01"]), ("手工组装", ["6-08-01", "6-25-01"]),
    ("电子厂组装", ["6-25-01"]),
])
def test_handwork_is_a_trade_of_its_own(text, codes):
    from jianfu.employment.matching.parse import normalise_occupation

    assert normalise_occupation(text) == codes
