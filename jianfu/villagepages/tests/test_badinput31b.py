"""badinput31b: bad input against the public village pages (docs/villagepages.md, "Session 31 (branch badinput31b)")."""

from __future__ import annotations

import io

import pdfplumber
import pytest

from jianfu.villagepages import services
from jianfu.villagepages.poster import cjk_font
from jianfu.villagepages.tests.factories import QUMU, snapshot

pytestmark = pytest.mark.django_db

# a materials list the form takes (887 characters, under its 1,000) of 249 short lines: 2,988 pt, four A4 pages tall
MANY_LINES = "\n".join(str(n) for n in range(1, 250))


def test_an_item_taller_than_a_page_continues_on_the_next_page_of_the_poster(world):
    """#1: the poster's table row of such an item was taller than a page and reportlab raised LayoutError — the public
    poster of the village answered 500 from the township's approval on."""
    village, town = world.users["village_a"], world.users["town_quzhang"]
    draft = services.list_open_or_create(actor=village, village_code=QUMU)
    services.list_update(actor=village, service_list=draft, header={"office_address": "曲木村党群服务中心"}, items=[
        {"name": "高龄津贴申请", "place": "便民服务大厅", "hours": "工作日", "materials": MANY_LINES, "time_limit": "15 个工作日"}])
    services.list_submit(actor=village, service_list=draft)
    services.list_approve(actor=town, service_list=draft)
    before = snapshot(QUMU)

    response = world.client(None).get(f"/villages/{QUMU}/poster.pdf")

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        assert len(pdf.pages) == 5
        last = pdf.pages[-1].extract_text()
    if cjk_font()[1]:   # a TrueType CJK font embedded: the text layer is real text
        assert "249" in last.split()
    assert world.client(None).get(f"/villages/{QUMU}/").status_code == 200
    assert snapshot(QUMU) == before
