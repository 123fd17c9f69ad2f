"""codereview35c (the session's last review): a 学位 only preferred read as asked (M2), and a nurse's title still to
come cancelling the one held beside it (L1)."""

import pytest

from jianfu.employment.matching import civil
from jianfu.employment.matching.graduates import asks_degree


@pytest.mark.parametrize(("text", "asked"), [
    ("本科学历，有学士学位者优先", False),
    ("具有学士学位的优先考虑", False),
    ("取得学士学位者优先录用", False),
    ("学士学位者为佳", False),
    ("本科及以上，须取得学士学位", True),
    ("须取得学士学位，有工作经验者优先", True),      # the preference is the next clause's, not the degree's
    ("学位不限", False),
])
def test_a_degree_only_preferred_is_not_asked(text: str, asked: bool) -> None:
    assert asks_degree("本科", text) is asked


@pytest.mark.parametrize(("certificates", "lacked"), [
    ("主管护师在考，护师已取得", {civil.NURSE_TITLES[1]}),
    ("护师已取得，主管护师在考", {civil.NURSE_TITLES[1]}),
    ("护师在考", set(civil.NURSE_TITLES)),
    ("还没考护师", set(civil.NURSE_TITLES)),
    ("主管护师", set()),
])
def test_a_title_to_come_does_not_cancel_the_one_held_beside_it(certificates: str, lacked: set[str]) -> None:
    assert civil.seeker_lacks("", "", "", False, certificates) & set(civil.NURSE_TITLES) == lacked
