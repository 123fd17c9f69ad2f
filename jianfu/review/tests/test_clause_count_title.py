"""Session 16 (newuser16 #10): the document's title is kept as a clause (DOC rules read it) but not counted as one:
a title and six clauses say "条款：6", not 7."""

from __future__ import annotations

import pytest

from jianfu.review.engine import readers, review_text
from jianfu.review.engine.render import to_html
from jianfu.review.engine.structure import split

TEXT = """XX县住房和城乡建设局关于开展农村危房排查的通知
各乡镇人民政府：
现将有关事项通知如下。
一、排查范围
全县农村住房。
二、工作要求
请各乡镇于12月10日前报送排查情况。
"""


def test_the_title_is_not_counted_as_a_clause():
    doc = split(readers.read_text(TEXT))
    assert doc.title_index == 0 and len(doc.clauses) == 7
    assert doc.clause_count == 6
    assert "条款：6　" in to_html(review_text(TEXT))
    untitled = split(readers.read_text("一、排查范围\n全县农村住房。\n"))
    assert (untitled.title_index, untitled.clause_count) == (None, 2)


@pytest.mark.django_db
def test_the_review_page_counts_six(world):
    from jianfu.review.services import review_submit

    review = review_submit(actor=world.users["dept_housing"], text=TEXT)
    assert (review.clause_count, len(review.clauses)) == (6, 7)
    page = world.client("dept_housing").get(f"/review/reviews/{review.pk}/").content.decode()
    assert "条款：6　" in page
