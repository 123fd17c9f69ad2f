"""fix-ui17a #5 (a new user on a 390 px phone, session 17): a document's conclusion link (修改后通过, 76 × 17 px) on the
document list and the document page is a tap target (.tap: ≥ 40 px tall on a phone, static/css/jianfu.css)."""

from __future__ import annotations

import pytest

from jianfu.review.services import review_submit

pytestmark = pytest.mark.django_db
DRAFT = ("XX县住房和城乡建设局关于开展危房排查的通知\n一、工作安排\n各村每周报送危房排查照片。\n"
         "二、工作措施\n（一）考核实行千分制，考核结果每月排名通报。\n三、其他事项\n无。\n")


def test_the_conclusion_links_are_tap_targets(world):
    review = review_submit(actor=world.users["dept_housing"], text=DRAFT)
    client = world.client("dept_housing")
    link = f'<a class="tap" href="/review/reviews/{review.pk}/">{review.conclusion}</a>'
    assert link in client.get("/review/").content.decode()
    assert link in client.get(f"/review/documents/{review.version.document_id}/").content.decode()
