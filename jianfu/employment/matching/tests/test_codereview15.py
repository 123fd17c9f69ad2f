"""codereview15 #1 and #7 (session 15): the major reader's pattern cannot backtrack exponentially, and a clock time
followed at once by a unit word ("月休", "包吃住") keeps its minutes and its range."""

from __future__ import annotations

import time

import pytest

from jianfu.employment.matching.hours import job_hours
from jianfu.employment.matching.parse import required_major, seeker_major


@pytest.mark.parametrize("text", ["学的是" + "电气及" * 300 + "专业户", "及" * 2000 + "专业户", "会计或" * 500 + "专业合作社"])
def test_a_failing_major_match_is_linear(text):
    started = time.process_time()
    assert seeker_major(text) == (frozenset(), "")
    assert required_major(text) == ("", "")
    assert time.process_time() - started < 1.0      # was 1.3 s at 60 characters, doubling every 3 more


def test_majors_with_separators_still_read():
    assert seeker_major("电气及自动化专业") == (frozenset({"机电"}), "电气及自动化")
    assert required_major("要求会计或财务管理专业")[0] == "财会"


@pytest.mark.parametrize(("text", "ranges"), [
    ("早8点到晚6点半月休4天", ((8.0, 18.5),)),
    ("早8点到晚6点半，月休4天", ((8.0, 18.5),)),
    ("早8点到晚6点包吃住", ((8.0, 18.0),)),
    ("8-12月", ()),
    ("只能做到8月底", ()),
])
def test_a_unit_after_a_clock_time_starts_the_next_phrase(text, ranges):
    assert job_hours(text).ranges == ranges
