"""Session 6 review of session 5's parser: a refusal right before an optional-making phrase keeps the certificate
required; counts of years written as counts are years of work, years written as years are dates."""

import pytest

from jianfu.employment.matching.parse import parse_experience, parse_required_certificates


@pytest.mark.parametrize(("text", "required", "preferred"), [
    ("须持电工证，公司没有提供培训", {"电工证"}, set()),
    ("须持电工证，不再提供培训", {"电工证"}, set()),
    ("须持电工证，无法提供培训", {"电工证"}, set()),
    ("须持电工证，不给培训", {"电工证"}, set()),
    ("须持焊工证，不培训上岗", {"焊工证"}, set()),
    ("须持焊工证，不能培训上岗", {"焊工证"}, set()),
    ("须持焊工证，经专业培训上岗", {"焊工证"}, set()),       # a rule that welders be trained, not an offer
    ("须持电工证，不可以由公司代办", {"电工证"}, set()),
    # the refusal must be right before the phrase: these still make the certificate optional
    ("须持焊工证，不会的可以培训上岗", set(), {"焊工证"}),
    ("健康证，未持证的可入职后办理", set(), {"健康证"}),
    ("须持健康证，没有的可入职后办理", set(), {"健康证"}),
    ("焊工证，经公司免费培训后上岗", set(), {"焊工证"}),
    ("须持电工证，可公司培训考取", set(), {"电工证"}),
    ("叉车证优先，不提供培训", set(), {"叉车证"}),
])
def test_a_refusal_keeps_a_certificate_required(text, required, preferred):
    assert parse_required_certificates(text) == (frozenset(required), frozenset(preferred))


@pytest.mark.parametrize(("text", "years"), [
    ("十年来一直做厨师", 10.0),
    ("做电焊5年后回乡", 5.0),
    ("做了十年在家带孩子", 10.0),
    ("开了8年到处跑车", 8.0),
    ("做过2年来料加工", 2.0),
    ("2015年去深圳打工，做了3年", 3.0),       # a four-digit year is a date
    ("18年去深圳做了两年", 2.0),              # two digits followed by what follows a date
    ("88年，去深圳打工", 0.0),                # two digits beyond any working life: a year, not refused
    ("95年出生，做过流水线", 0.5),
])
def test_counts_of_years_and_dates(text, years):
    assert parse_experience(text) == years
    assert parse_experience(text, strict=True) == years


def test_an_impossible_count_is_still_refused_in_the_sheets():
    assert parse_experience("做了100年") == 0.0
    with pytest.raises(ValueError, match="“100年”不是可能的工作年限（最多 60 年），请核实。"):
        parse_experience("做了100年", strict=True)


def test_a_certificate_name_inside_a_longer_one_is_not_read_again():
    from jianfu.employment.matching.parse import normalise_certificates

    assert parse_required_certificates("母婴护理员证") == (frozenset({"母婴护理证"}), frozenset())
    assert normalise_certificates("母婴护理员证") == frozenset({"母婴护理证"})
    assert parse_required_certificates("护理员证") == (frozenset({"养老护理员证"}), frozenset())


@pytest.mark.parametrize(("text", "demands"), [
    # no night; since session 13, day work only (DAYTIME) and, for a long day shift, a full day (FULL_DAY)
    ("坐着做，长白班早8点到晚6点，不加夜班", frozenset({"DAYTIME", "FULL_DAY"})),
    ("白班，不开夜班", frozenset({"DAYTIME"})),
    ("两班倒，上夜班", frozenset({"NIGHT"})),
    ("夜班有补贴，不加班", frozenset({"NIGHT"})),
])
def test_not_doing_a_night_shift_is_not_a_night_demand(text, demands):
    from jianfu.employment.matching.parse import infer_job_demands

    assert infer_job_demands(text) == demands


def test_a_home_help_for_old_people_is_domestic_work_not_nursing():
    from jianfu.employment.matching.parse import normalise_occupation

    assert normalise_occupation("助老员") == ["4-10-01"]
    assert normalise_occupation("养老护理员") == ["4-10-04"]
