"""Session 14: readings dev5's errors showed to be general (issue 8). Own sentences, none of dev5's rows verbatim:
shifts accepted are no night limit; an elder's health is not the seeker's; a number before 月/号 is no clock hour; a
level of education preferred is no requirement."""

import pytest

from jianfu.employment.matching import hours
from jianfu.employment.matching.parse import infer_seeker_limits, parse_education


@pytest.mark.parametrize(("text", "limits"), [
    ("白班晚班都可以", set()),
    ("两班倒也行，工资高就好", set()),
    ("白天夜班都能做", set()),
    ("只上白班", {"NIGHT"}),                       # as before
    ("白班，夜班不上", {"NIGHT"}),
    ("爸爸身体不好，不想走远", set()),             # the father's health, not the seeker's
    ("老伴身体差，要回家做饭", {"AWAY"}),           # the duty stays ("要回家"), the health is the spouse's
    ("自己身体不好", {"HEAVY"}),                    # as before
])
def test_accepted_shifts_and_others_health_are_no_limit(text, limits):
    assert infer_seeker_limits(text) == frozenset(limits)


@pytest.mark.parametrize(("text", "busy"), [
    ("只能干到9月初，电脑会一点", 0),               # a month, not nine o'clock
    ("最多做到15号", 0),
    ("只能做到3点", 0b111111111111111111000000000000000000000011111111),   # as before: from 15:00
])
def test_a_number_before_a_date_word_is_no_clock(text, busy):
    assert hours.seeker_busy(text) == busy


@pytest.mark.parametrize(("text", "level"), [
    ("初中以上（有大专学历者优先）", 2),
    ("高中，本科更好", 3),
    ("中专以上优先", 0),                           # only a preference: no requirement
    ("大专及以上", 4),                             # as before
])
def test_a_level_preferred_is_no_requirement(text, level):
    assert parse_education(text) == level


@pytest.mark.parametrize(("title", "code"), [
    ("外观检验员", "6-25-02"),            # the line's quality check, not a lab's test
    ("目检员（电子厂）", "6-25-02"),
    ("设备技术员", "6-18-02"),
    ("机加工操作员", "6-18-02"),
])
def test_factory_letters_titles_are_read_to_their_trade(title, code):
    from jianfu.employment.matching import Job
    from jianfu.employment.matching.features import job_occupations

    assert job_occupations(Job(id="J", title=title))[0] == code
