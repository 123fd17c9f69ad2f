"""newuser21 #8: the A4 poster downloaded as service-list-450521200206.pdf; the header now names it as the page's
link does (曲木村委会服务清单海报.pdf, RFC 5987 filename*), with that ASCII name kept for an old client, and the PDF
still opens in the browser (inline)."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from jianfu.core.downloads import content_disposition
from jianfu.villagepages.tests.factories import QUMU, list_in
from jianfu.villagepages.workflow import Status


@pytest.mark.django_db
def test_the_poster_is_named_in_chinese_with_an_ascii_fallback(world):
    list_in(QUMU, status=Status.APPROVED)
    response = world.client(None).get(f"/villages/{QUMU}/poster.pdf")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f"inline; filename=\"service-list-{QUMU}.pdf\"; filename*=UTF-8''{quote('曲木村委会服务清单海报.pdf', safe='')}")
    page = world.client(None).get(f"/villages/{QUMU}/").content.decode()
    assert f'href="/villages/{QUMU}/poster.pdf" download="曲木村委会服务清单海报.pdf"' in page


def test_a_fallback_that_is_not_plain_ascii_is_not_used():
    assert content_disposition("海报.pdf", inline=True, fallback='a"b.pdf') == (
        "inline; filename=\"download.pdf\"; filename*=UTF-8''%E6%B5%B7%E6%8A%A5.pdf")
    assert content_disposition("海报.pdf", fallback="poster-1.pdf") == (
        "attachment; filename=\"poster-1.pdf\"; filename*=UTF-8''%E6%B5%B7%E6%8A%A5.pdf")
