"""fix-cr27 #15: the review page says its 问题数 from the findings it has loaded (`selectors.stands`), not by a second
count query; the document page's figure (`selectors.problem_counts`) stays the same one
(test_newuser27_problem_count.py)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jianfu.review.selectors import problem_counts
from jianfu.review.services import finding_dismiss, review_submit
from jianfu.review.tests.test_newuser27_problem_count import DRAFT

pytestmark = pytest.mark.django_db


def test_the_review_page_counts_its_problems_without_a_count_query(world):
    review = review_submit(actor=world.users["dept_housing"], text=DRAFT)
    veto = review.findings.get(rule_id="BR-INS-02")
    finding_dismiss(actor=world.users["county_office"], review_id=review.pk, finding_id=veto.pk,
                    reason="依据安全生产法保留的事项")
    client = world.client("county_office")
    with CaptureQueriesContext(connection) as queries:
        page = client.get(f"/review/reviews/{review.pk}/").content.decode()
    assert re.search(r"问题：(\d+)", page)[1] == "2"
    assert problem_counts(reviews=[review]) == {review.pk: 2}
    counted = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper() and "review_finding" in q["sql"]]
    assert counted == []
