"""The review page as the trial's reader saw it: each heading printed once."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db

DRAFT = ("XX县住房和城乡建设局关于开展危房排查的通知\n一、工作安排\n（一）各村按照职责做好日常工作。\n"
         "二、工作措施\n（一）考核实行千分制，考核结果每月排名通报。\n（二）各村安排专人负责危房巡查。")


def test_a_heading_printed_as_the_clause_above_is_not_printed_again(world):
    from jianfu.review.services import review_submit

    review = review_submit(actor=world.users["dept_housing"], text=DRAFT)
    ranking = review.findings.filter(matched__contains="排名").first()
    assert ranking is not None
    page = world.client("county_office").get(f"/review/reviews/{review.pk}/").content.decode()
    clause = re.search(rf'<div class="rv-clause" id="clause-{ranking.clause_index}">(.*?)</div>', page, re.S).group(1)
    # the clause right above is "二、工作措施" itself: no second "二、工作措施" as the finding's heading
    assert '<div class="rv-heading">' not in clause
    assert '<div class="rv-heading">二、工作措施' not in page and "<p>二、工作措施</p>" in page
