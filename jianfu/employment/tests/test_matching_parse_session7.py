"""Session 7's review of session 6's readings (each a defect found by reading the diff): a duty description is not a
locals-only limit, "nowhere" is not "anywhere", the own town named in the notes narrows nothing, a decimal wage in
Chinese numerals, a Chinese-numeral age limit after "男女都可以", refusals of an optional certificate, dates and
mixed clauses in experience, and a contact cell's leftover words never become the public contact name."""

from __future__ import annotations

import pytest

from jianfu.employment.matching.parse import (
    NO_LOCAL_LIMIT,
    Wage,
    local_restriction,
    parse_age_range,
    parse_experience,
    parse_required_certificates,
    parse_wage,
)
from jianfu.employment.matching.places import Gazetteer
from jianfu.employment.postings import _phone_and_name

GAZ = Gazetteer.builtin()
DANGJIANG = "450521101"


@pytest.mark.parametrize(("text", "level"), [
    ("负责本社区居民楼道清扫", NO_LOCAL_LIMIT),          # the work described, not who may take it
    ("为本镇群众办理社保业务", NO_LOCAL_LIMIT),
    ("不限本镇户籍", NO_LOCAL_LIMIT),
    ("户籍不限，非本村村民也可", NO_LOCAL_LIMIT),
    ("本镇村民优先", NO_LOCAL_LIMIT),
    ("仅限本镇户籍，有经验者优先", 1),                   # the 优先 of the next clause is about experience
    ("本村村民，会开车优先", 0),
    ("公益性岗位（限本镇脱贫劳动力）", 1),
    ("岗位要求：本镇脱贫劳动力", 1),
    ("限本县户籍", 2),
    # the second review of session 7: opened after, or by more words before; a preference that is its own clause
    ("本镇户籍不限", NO_LOCAL_LIMIT), ("不要求本地户籍", NO_LOCAL_LIMIT), ("无需本地户籍", NO_LOCAL_LIMIT),
    ("本地户籍、外地户籍均可", NO_LOCAL_LIMIT), ("本村村民，优先录用", NO_LOCAL_LIMIT),
    ("本镇户籍，同等条件优先", NO_LOCAL_LIMIT),
    ("招本村村民，优先考虑脱贫户", 0),                  # this 优先 has its own object: the limit stands
])
def test_locals_only_limit(text, level):
    assert local_restriction(text) == level


@pytest.mark.parametrize(("places", "notes", "expected"), [
    ("哪都不去", "", (2, ())),                          # nowhere is not anywhere (the county, as before session 6)
    ("哪儿都不想去，就在家附近", "", (1, ())),
    ("", "不知道去哪找工作", (2, ())),
    ("本镇", "到处找过工作", (1, ())),
    ("哪里都行", "", (5, ())),
    ("去哪都可以", "", (5, ())),
    ("", "家住党江镇，上有老下有小", (2, ())),           # where she lives, not a wish
    ("党江镇", "", (1, ())),                            # the own town in the places column: that town
])
def test_scope_words(places, notes, expected):
    assert GAZ.acceptable(places, home=DANGJIANG, notes=notes) == expected


@pytest.mark.parametrize(("text", "wage"), [
    ("一点五万", Wage(15000, None)),
    ("月薪一点二万", Wage(12000, None)),
    ("两点五千", Wage(2500, None)),
    ("4000多一点", Wage(4000, None)),
    ("跟别人一样", Wage()),
])
def test_decimal_wages_in_chinese_numerals(text, wage):
    assert parse_wage(text) == wage


@pytest.mark.parametrize("text", ["男女都可以，四十五以下", "男女都行 四十五周岁以下", "四十五以下，都可以", "年龄都可以，四十五以下"])
def test_a_chinese_numeral_age_limit_after_any_gender(text):
    assert parse_age_range(text) == (None, 45)


@pytest.mark.parametrize("text", ["年龄不限，一般都行", "男女均可，年龄不限，五官端正", "不限年龄，一线操作工", "年龄不限，三班倒",
                                  "不限，男女两人"])
def test_no_age_limit_beside_numerals_that_are_not_ages(text):
    assert parse_age_range(text) == (None, None)


@pytest.mark.parametrize("text", ["须持电工证，不接受入职后办理", "须持电工证，不允许入职后补办", "须持电工证，没法提供培训"])
def test_a_refused_route_to_the_certificate_keeps_it_required(text):
    assert parse_required_certificates(text) == (frozenset({"电工证"}), frozenset())


def test_an_offered_route_still_makes_it_optional():
    assert parse_required_certificates("电工证，可入职后办理") == (frozenset(), frozenset({"电工证"}))


@pytest.mark.parametrize(("text", "years"), [
    ("三年前做过服务员", 0.5),                           # when, not how long
    ("十年前当过保安", 0.5),
    ("没做过电工，做过普工", 0.5),                        # one clause says some
    ("没干过这行，在电子厂做过普工", 0.5),
    ("没做过", 0.0),
    ("有没有经验都行", 0.0),
    ("从没做过，但会学", 0.0),                          # a bare "会" beside "none" is no experience
    ("没有经验，但会吃苦", 0.0),
    ("会开车，没经验", 0.0),
    ("做了三年前台", 3.0),
    ("做电焊5年后回乡", 5.0),
])
def test_experience_dates_and_clauses(text, years):
    assert parse_experience(text) == years


@pytest.mark.parametrize(("cell", "expected"), [
    ("王经理 13800138000", ("13800138000", "王经理")),
    ("电话：0779-7201234（李女士）", ("0779-7201234", "李女士")),
    ("王经理 13800138000 / 李经理 13900139000", ("13800138000", "")),   # two contacts: no name is guessed
    ("13800138000 微信同号", ("13800138000", "")),
    ("身份证450521199001011234 13800138000", ("13800138000", "")),     # an ID is never a public name
    ("0779-7201234转8012", ("0779-7201234", "")),
])
def test_contact_cell_name_only_when_it_is_a_name(cell, expected):
    assert _phone_and_name(cell) == expected


def test_a_shift_someone_else_works_is_not_asked_and_a_trade_name_asks_no_heights():
    # blind7's writer, after its one run: "夜班另有人值"; a 维修电工 posting that says nothing of heights
    from jianfu.employment.matching.parse import infer_job_demands, normalise_occupation

    assert "NIGHT" not in infer_job_demands("白班照顾老人起居，夜班另有人值")
    assert "NIGHT" in infer_job_demands("白班照顾老人起居，夜班轮值")
    assert "NIGHT" in infer_job_demands("夜班有专人带班，月薪5000")       # someone guides the night shift: still worked
    electrician = normalise_occupation("维修电工")[:1]
    assert "HEIGHT" not in infer_job_demands("车间设备维修，两班倒", electrician)
    assert "HEIGHT" in infer_job_demands("车间设备维修，需登高作业", electrician)
    assert "HEIGHT" in infer_job_demands("钢管搭设，日结", normalise_occupation("架子工")[:1])   # a scaffolder always climbs
