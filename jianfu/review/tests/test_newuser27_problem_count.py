"""One 问题数 for a review version (newuser27 #8): the document page counted every finding stored, dismissed ones
too, while the review page counted the findings that stand; both now say the count of `selectors.problem_counts`."""

from __future__ import annotations

import re

import pytest

from jianfu.review.models import Finding
from jianfu.review.selectors import problem_counts
from jianfu.review.services import finding_add, finding_dismiss, review_submit

DRAFT = """XX县住房和城乡建设局关于开展危房排查的通知
一、工作措施
（一）考核实行千分制，考核结果每月排名通报。
（二）实行一票否决。
（三）各村安排专人负责危房巡查。"""

pytestmark = pytest.mark.django_db


def shown_counts(world, review) -> tuple[str, str]:
    client = world.client("county_office")
    document = client.get(f"/review/documents/{review.version.document_id}/").content.decode()
    row = re.search(r"<td>第 1 版</td>.*?</tr>", document, re.S)[0]
    in_table = re.findall(r"<td>(\d+)</td>", row)[1]   # 得分, then 问题数
    page = client.get(f"/review/reviews/{review.pk}/").content.decode()
    return in_table, re.search(r"问题：(\d+)", page)[1]


def test_both_pages_count_the_findings_that_stand_after_a_dismissal_and_an_addition(world):
    office = world.users["county_office"]
    review = review_submit(actor=world.users["dept_housing"], text=DRAFT)
    engine = sorted(review.findings.values_list("rule_id", flat=True))
    assert len(engine) == 3
    assert shown_counts(world, review) == ("3", "3")
    veto = review.findings.get(rule_id="BR-INS-02")
    finding_dismiss(actor=office, review_id=review.pk, finding_id=veto.pk, reason="依据安全生产法保留的事项")
    assert shown_counts(world, review) == ("2", "2")
    finding_add(actor=office, review_id=review.pk, clause_index=4, rule_id="BR-DUTY-01", selection="安排专人",
                note="巡查不在村级履职清单内")
    assert Finding.objects.filter(review=review).count() == 4    # stored: 3 engine's (1 dismissed) + 1 added
    assert problem_counts(reviews=[review]) == {review.pk: 3}
    assert shown_counts(world, review) == ("3", "3")
