"""Session 30, a code review of certwords30: numba freezes a global into the machine code it caches and drops that
cache only when kernel.py changes, so the kernel's count of certificate words is written in kernel.py and held equal to
parse's (an import-time assert; this test says so where a reader of the tests looks)."""

import pytest

from jianfu.employment.matching import parse


def test_the_kernel_counts_the_words_parse_packs() -> None:
    kernel = pytest.importorskip("jianfu.employment.matching.kernel")
    assert kernel.CERT_WORDS == parse.CERT_WORDS == 5     # session 33 (emp-left33): the fifth word
