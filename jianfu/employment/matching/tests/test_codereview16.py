"""codereview16 #1 (session 16): "或者" reads one way only in the major reader's pattern, so a failing match of many
"或者" returns at once instead of doubling its work with each."""

from __future__ import annotations

import signal
from contextlib import contextmanager

import pytest

from jianfu.employment.matching.parse import required_major, seeker_major


class _TooSlow(Exception):
    pass


@contextmanager
def _alarm(seconds: float):
    """Raise _TooSlow when the block runs longer than `seconds` (the regex engine checks signals as it steps)."""

    def ring(*_):
        raise _TooSlow

    before = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)


@pytest.mark.parametrize(
    "text",
    [
        "机电或者" * 30 + "专业户",
        "要求" + "会计或者" * 40 + "专业合作社",
        "或者" * 500 + "专业村",
        "机电或者者" * 30 + "专业队",
    ],
)
def test_many_huozhe_before_a_failing_major_do_not_hang(text):
    # before the fix k=22 took 57 s and every "或者" doubled it: k=30 would take hours
    with _alarm(1.0):
        assert required_major(text) == ("", "")
        assert seeker_major(text) == (frozenset(), "")


@pytest.mark.parametrize(
    ("text", "family", "phrase"),
    [
        ("要求会计或者财务管理专业", "财会", "会计或者财务管理专业"),
        ("要求会计或财务管理专业", "财会", "会计或财务管理专业"),
    ],
)
def test_huozhe_still_separates_majors(text, family, phrase):
    assert required_major(text) == (family, phrase)
