"""newuser16 #11: the county's 基层负担指数 listed every village in one table (15,700 px and 3,313 links on a 390 px
phone). The villages now sit under their townships, each a section of its own (folded on a phone, open on a wider
screen by `details[data-open-wide]`); the figures and links are the same."""

from __future__ import annotations

import re

import pytest

from jianfu.monitor import selectors
from jianfu.monitor.tests.test_index_own_villages import QUMU, ZHANGJIA, burdens  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_county_villages_sit_under_their_townships(world, burdens):  # noqa: F811
    data = selectors.burden_index_page(user=world.users["county_office"], year=2025)
    page = world.client("county_office").get("/monitor/index/?year=2025").content.decode()
    sections = re.findall(r'<details class="card town-villages" id="villages-(\d{9})" data-open-wide><summary>([^<]+) '
                          r'<span class="muted">(\d+) 个村（社区）</span></summary>', page)
    towns = {t["code"][:9]: t["name"] for t in data["towns"]}
    expected = {}
    for v in data["villages"]:
        expected[v["code"][:9]] = expected.get(v["code"][:9], 0) + 1
    assert [(code, name, int(n)) for code, name, n in sections] == [
        (code, towns[code], n) for code, n in sorted(expected.items())]
    assert len(sections) >= 2
    quzhang = page[page.index('id="villages-450521200"'):]
    quzhang = quzhang[:quzhang.index("</details>")]
    assert f'<a href="/monitor/index/{QUMU}/3/?year=2025">5.0</a>' in quzhang
    assert f'<a href="/monitor/index/{ZHANGJIA}/3/?year=2025">3.3</a>' in quzhang
    # every village once, in one section only
    assert sum(int(n) for _c, _n, n in sections) == len(data["villages"])
    assert page.count("<table") == page.count("</table>")


def test_phone_tap_targets_are_in_the_stylesheet_for_phones_only():
    from pathlib import Path

    css = (Path(__file__).resolve().parents[3] / "static" / "css" / "jianfu.css").read_text(encoding="utf-8")
    block = css[css.index("/* newuser16 #11"):]
    assert "@media (max-width: 600px) {\n  .nav-toggle { min-width:44px; min-height:44px; }\n" \
           "  .breadcrumb a, a.tap, a[href^=\"tel:\"], button.link { display:inline-flex; align-items:center; " \
           "min-height:44px; }\n}" in block
    js = (Path(__file__).resolve().parents[3] / "static" / "js" / "jianfu.js").read_text(encoding="utf-8")
    assert 'window.matchMedia("(min-width: 601px)").matches' in js and "details[data-open-wide]" in js
