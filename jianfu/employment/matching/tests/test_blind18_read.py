"""Session 18 (emp-read18): blind18 read after its one run — certificates as a training desk writes them (a grade in
both its names, the N1 code, trades the vocabulary lacked, a certificate passed but not issued, paid training and work
first, a level asked), a piece rate with a monthly figure and a 24-hour shift. Own sentences, none of
blind18's rows verbatim: for each reading one that must fire and a look-alike that must not."""

import pytest

from jianfu.employment.matching import Gazetteer, Job, Seeker
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.parse import (
    MID_LEVEL,
    TRACTOR_LICENCE,
    Wage,
    below_mid_level,
    infer_job_demands,
    normalise_certificates,
    parse_required_certificates,
    parse_wage,
)

GAZ = Gazetteer.builtin()


# ------------------------------------------------------------------------------------------------ grades in both names


def test_a_trade_with_its_grade_in_both_names_is_a_certificate_held():
    assert normalise_certificates("保安员（三级/高级）") == frozenset({"保安员证"})
    assert normalise_certificates("养老护理员（初级、五级）") == frozenset({"养老护理员证"})


def test_a_trade_with_a_bracket_that_is_no_grade_is_not_a_certificate():
    # the look-alike: a trade and where it was learnt, no grade
    assert normalise_certificates("养老护理员（县职校培训）") == frozenset()


def test_a_carer_graded_in_both_names_meets_a_post_asking_for_the_certificate():
    seeker = Seeker(id="S1", age=40, residence="常乐镇", desired="养老院护理", certificates="养老护理员(四级/中级)",
                    places="常乐镇")
    post = Job(id="J1", title="护理员", place="常乐镇", age="18-55岁", certificates="须持养老护理员证上岗")
    assert violations(seeker, post, GAZ) == []


# ------------------------------------------------------------------------------------------------ N1, the forklift code


def test_the_n1_code_is_a_forklift_certificate():
    assert normalise_certificates("叉车（N1）") == frozenset({"叉车证"})
    assert parse_required_certificates("须持N1证件") == (frozenset({"叉车证"}), frozenset())


def test_another_special_equipment_code_is_not_a_forklift_certificate():
    # Q1 is a crane's code, not a forklift's
    assert normalise_certificates("起重机（Q1）") == frozenset()


# ------------------------------------------------------------------------------------------------ trades the vocabulary lacked


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("保育员（五级）", {"保育员证"}),
        ("中式面点师（初级）", {"面点师证"}),
        ("拖拉机驾驶证", {"农机驾驶证", TRACTOR_LICENCE}),   # not a road licence: no C1 (its kind since session 23)
        ("挖机操作证、C1驾照", {"挖掘机操作证", "C1", "C2"}),
    ],
)
def test_trades_a_training_desk_certifies_are_read(text, held):
    assert normalise_certificates(text) == frozenset(held)


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("育婴员（五级）", {"育婴员证"}),            # 育婴员 is not 保育员
        ("中式烹调师（初级）", {"厨师证"}),          # 烹调师 is not 面点师
        ("小车驾照", {"C1", "C2"}),                 # a car licence is no tractor's
        ("挖掘机培训结业证", set()),                  # a course finished is no 操作证
    ],
)
def test_their_look_alikes_stay_what_they_were(text, held):
    assert normalise_certificates(text) == frozenset(held)


def test_a_car_driver_does_not_meet_a_tractor_post_and_a_tractor_driver_does():
    post = Job(id="J1", title="农机手", place="石康镇", age="18-60岁", certificates="须持拖拉机驾驶证")
    car = Seeker(id="S1", age=35, residence="石康镇", desired="开农机", certificates="C1驾照", places="石康镇")
    tractor = Seeker(id="S2", age=35, residence="石康镇", desired="开农机", certificates="拖拉机和联合收割机驾驶证",
                     places="石康镇")
    assert violations(car, post, GAZ) == ["certificate"]
    assert violations(tractor, post, GAZ) == []


# ------------------------------------------------------------------------------------------------ passed, not issued


@pytest.mark.parametrize("text", ["育婴员（考完了，等证）", "保育员（考过了，证未发）", "焊工证（考完了，证还没发下来）"])
def test_a_certificate_passed_but_not_issued_is_not_held(text):
    assert normalise_certificates(text) == frozenset()


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("焊工证（2023年发）", {"焊工证"}),                         # issued: a date in the bracket
        # session 22 (emp-read22): the 应急管理 electrician's certificate is held as such besides "电工证"
        ("低压电工作业证（有效期至2029年），健康证", {"电工证", "电工作业证（应急管理）", "低压电工作业证（应急管理）", "健康证"}),
    ],
)
def test_a_certificate_with_a_bracket_of_its_own_is_held(text, held):
    assert normalise_certificates(text) == frozenset(held)


# ------------------------------------------------------------------------------------------------ paid training, work first


@pytest.mark.parametrize(
    "text",
    ["美容师证，可带薪培训", "须持保育员证，没有证的可以先上岗，半年内考取", "保育员证（可以先上岗后考证）"],
)
def test_paid_training_or_work_first_makes_a_certificate_optional(text):
    required, preferred = parse_required_certificates(text)
    assert required == frozenset()


@pytest.mark.parametrize(
    ("text", "required"),
    [
        ("须持保育员证，不提供带薪培训", {"保育员证"}),                # turned round
        ("须持保育员证，先上岗三个月为试用期", {"保育员证"}),           # "先上岗" of a trial, not of the certificate
    ],
)
def test_a_refusal_or_a_trial_leaves_the_certificate_required(text, required):
    assert parse_required_certificates(text)[0] == frozenset(required)


# ------------------------------------------------------------------------------------------------ piece rates


@pytest.mark.parametrize(
    ("text", "wage"),
    [
        ("计件每只3-5元，熟手月均3000-4200", Wage(3000, 4200, False, True)),
        ("按件计，一般能拿2800-3600", Wage(2800, 3600, False, True)),
        ("保底1800+计件，月均3200左右", Wage(3200, 3200, False, True)),
        ("计件每条8元", Wage(None, None, False, True)),           # a rate alone: paid by the piece, no month
        ("计件5毛一个", Wage(None, None, False, True)),
    ],
)
def test_a_piece_rate_is_read_by_its_monthly_figure_or_as_a_rate(text, wage):
    assert parse_wage(text) == wage


@pytest.mark.parametrize(
    ("text", "wage"),
    [
        ("保底1800+计件", Wage(1800, None, False, True)),         # no monthly figure: the floor, as before
        ("月均4000", Wage(4000, None, False, False)),             # a month, no piece rate
        ("时薪18元，月均4000+", Wage(3744, None, False, False)),  # an hourly wage, not a piece rate
    ],
)
def test_a_wage_without_a_piece_rate_and_a_monthly_figure_is_read_as_before(text, wage):
    assert parse_wage(text) == wage


def test_an_absurd_wage_without_a_piece_rate_is_still_unreadable():
    with pytest.raises(ValueError):
        parse_wage("每月20元")


# ------------------------------------------------------------------------------------------------ a level asked


def test_a_post_asking_for_the_middle_grade_requires_it():
    assert parse_required_certificates("须持育婴员证（中级/四级）") == (frozenset({"育婴员证", MID_LEVEL}), frozenset())
    # "或以上" is no alternative: the certificate stays required
    assert parse_required_certificates("须持保育员证（中级或以上）") == (frozenset({"保育员证", MID_LEVEL}), frozenset())
    # preferred, a level is no preference: every seeker who states no grade would hold it
    assert parse_required_certificates("高级厨师证优先") == (frozenset(), frozenset({"厨师证"}))


@pytest.mark.parametrize("text", ["须持育婴员证（初级/五级及以上）", "持保安员证", "健康证，英语四级"])
def test_a_post_asking_for_the_first_grade_or_none_requires_no_level(text):
    required, preferred = parse_required_certificates(text)
    assert MID_LEVEL not in required | preferred


@pytest.mark.parametrize(
    ("text", "below"),
    [
        ("育婴员（五级/初级）", True),
        ("初级厨师证、健康证", True),
        ("育婴员（四级/中级）", False),
        ("育婴员证", False),                            # no grade stated: unknown, meets it
        ("育婴员（初级）、保安员（三级/高级）", False),       # one at 中级 or above (one bit for every trade)
        ("育婴员（中级在考）、育婴员（初级）", True),          # a grade being sat is not held
    ],
)
def test_a_seeker_is_below_the_middle_grade_only_when_every_grade_stated_is_lower(text, below):
    assert below_mid_level(text) is below


def test_a_first_grade_carer_is_refused_a_middle_grade_post_and_a_middle_grade_carer_is_not():
    post = Job(id="J1", title="育婴员", place="廉州镇", age="20-50岁", certificates="须持育婴员证（中级/四级）")
    first = Seeker(id="S1", age=35, residence="廉州镇", desired="育婴员", certificates="育婴员（五级/初级）", places="县城")
    middle = Seeker(id="S2", age=35, residence="廉州镇", desired="育婴员", certificates="育婴员（四级/中级）", places="县城")
    assert violations(first, post, GAZ) == ["certificate"]
    assert violations(middle, post, GAZ) == []
    assert MID_LEVEL not in normalise_certificates("育婴员（四级/中级）")      # a level is never stored as held


# ------------------------------------------------------------------------------------------------ a 24-hour shift


@pytest.mark.parametrize("text", ["照护卧床老人，做一休一（24小时班）", "门岗，24小时在岗，轮休"])
def test_a_24_hour_shift_holds_a_night(text):
    assert "NIGHT" in infer_job_demands(text)


@pytest.mark.parametrize("text", ["便利店收银，门店24小时营业，白班8:00-17:00", "护理员，白班，宿舍24小时热水"])
def test_a_24_hour_shop_or_hot_water_is_no_night_shift(text):
    assert "NIGHT" not in infer_job_demands(text)


# ------------------------------------------------------------------------------------------------ a test's grade (cr18 #2)


@pytest.mark.parametrize(
    ("text", "below"),
    [
        ("初级厨师证、普通话二级甲等", True),             # Mandarin's 二级 is no trade grade
        ("育婴员证（初级）、英语四级", True),             # nor English's 四级
        ("育婴员（初级）、CET-6、计算机二级、C1驾照", True),
        ("养老护理员五级、初级", True),                  # a bare grade is its previous item's
        ("英语四级、普通话一级乙等", False),              # no trade grade stated: unknown, meets it
        ("初级厨师证、中级焊工", False),                  # a trade at 中级
        ("初级厨师证、高级技师", False),
    ],
)
def test_only_a_trade_certificate_s_grade_counts(text, below):
    assert below_mid_level(text) is below


def test_a_language_grade_does_not_meet_a_middle_grade_post():
    post = Job(id="J1", title="育婴员", place="廉州镇", age="20-50岁", certificates="持育婴员证（中级及以上）")
    first = Seeker(id="S1", age=35, residence="廉州镇", desired="育婴员", certificates="育婴员证（初级）、英语四级",
                   places="县城")
    middle = Seeker(id="S2", age=35, residence="廉州镇", desired="育婴员", certificates="育婴员证（中级）、英语四级",
                    places="县城")
    assert violations(first, post, GAZ) == ["certificate"]
    assert violations(middle, post, GAZ) == []
