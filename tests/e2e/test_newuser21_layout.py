"""newuser21's phone findings in Chromium at 390 × 844: #2 /monitor/index/'s 负担来自哪些单位 (396 px in a 358 px box)
and #3 /reports/burden/'s 多张报表都要的数据元素 and 各村（社区）报送中的自动与手工单元格 are cards, no element of
those pages wider than the screen; #9 the links a thumb must hit are at least 44 px tall (the catalogue's version in
force, 下一页, 显示全部岗位 and the recent imports on /employment/postings/, an error page's 返回上一页 · 回到工作台, job
titles on /jobs/ and 推荐岗位, breadcrumbs, the village names on /villages/)."""

from __future__ import annotations

import pytest

from jianfu.monitor.tests.test_index_own_villages import burdens  # noqa: F401  (a fixture)
from tests.e2e import test_daily_tasks
from tests.e2e.conftest import PHONE, fits_the_phone, shot
from tests.e2e.test_daily_tasks import catalogue  # noqa: F401  (a fixture)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect

# every visible element of <main> whose box reaches past the screen's edges (a card list's header is clipped to 1 px
# on a phone, its cells are not seen: left out)
WIDER = """() => [...document.querySelectorAll('main *')].filter(el => {
  const r = el.getBoundingClientRect();
  return r.width > 0 && !el.closest('table.cards thead') && (r.left < -1 || r.right > window.innerWidth + 1);
}).map(el => el.tagName + '.' + el.className + ' ' + (el.innerText || '').slice(0, 30))"""
NO_SIDEWAYS = "[...document.querySelectorAll('.table-wrap')].every(w => w.scrollWidth <= w.clientWidth)"


def _cards(page, selector: str) -> list[dict]:
    """The rows of a card list: each a box inside the screen, its header row hidden."""
    assert page.locator(f"{selector} thead").bounding_box()["width"] <= 1
    boxes = [row.bounding_box() for row in page.locator(f"{selector} tbody tr").all()]
    assert boxes and all(b["x"] >= 0 and b["x"] + b["width"] <= PHONE["width"] for b in boxes), (selector, boxes)
    return boxes


def _heights(page, selector: str) -> list[int]:
    links = page.locator(selector)
    assert links.count() >= 1, selector
    return [round(link.bounding_box()["height"]) for link in links.all()]


def test_the_index_lists_the_units_behind_the_burden_as_cards(phone, world, burdens):  # noqa: F811
    # burdens: March 2025, 林业局 7.0 h, 住房和城乡建设局 1.2 h, 民政局 0.7 h across the county's villages
    page = phone("county_office")
    page.goto("/monitor/index/?year=2025", timeout=60_000)
    assert len(_cards(page, "#issuers")) == 3
    expect(page.locator("#issuers td.card-title")).to_have_text(["林业局", "住房和城乡建设局", "民政局"])
    expect(page.locator("#issuers td.key")).to_have_text(["7.0", "1.2", "0.7"])
    first = page.locator("#issuers tbody tr").first
    rank, title, hours = (first.locator(f"td.{c}").bounding_box() for c in ("rank", "card-title", "key"))
    assert abs(rank["y"] - title["y"]) < 4 and hours["y"] >= title["y"] + title["height"] - 1   # "1. 林业局", hours under
    label = first.locator("td.key").evaluate("el => getComputedStyle(el, '::before').content")
    assert label == '"各村合计（小时，全年）："', label
    assert page.evaluate(WIDER) == []
    assert page.evaluate(NO_SIDEWAYS)
    assert fits_the_phone(page)
    shot(page, "newuser21-index-issuers")


def test_the_burden_page_has_no_table_wider_than_the_phone(phone, world):
    from jianfu.reports import services
    from jianfu.reports.catalog import forms_load
    from jianfu.reports.models import Template

    forms_load(actor=None)
    services.submission_generate(actor=world.users["village_b"], template=Template.objects.get(code="mz_dibao_tekun"),
                                 org_code=world.village_b.code, period="202503")
    page = phone("county_office")
    page.goto("/reports/burden/", timeout=60_000)
    for table in ("#burden-templates", "#burden-shared", "#burden-villages"):
        _cards(page, table)
    expect(page.locator("#burden-villages td.card-title")).to_have_text(["璋嘉村委会"])
    labels = page.locator("#burden-villages td.num").evaluate_all(
        "els => els.map(e => getComputedStyle(e, '::before').content + e.innerText)")
    assert labels == ['"报表份数："1', '"自动填入单元格："10', '"手工填报单元格："5'], labels
    # a shared element's card: its name, then 类型 and 报表数 side by side, then the forms that use it in full width
    total = page.locator("#burden-shared tbody tr", has=page.locator("td.card-title", has_text="总人口")).first
    kind, count, forms = (total.locator("td").nth(i).bounding_box() for i in (1, 2, 3))
    assert abs(kind["y"] - count["y"]) < 4 and forms["y"] > kind["y"]
    assert forms["height"] < 100, forms       # the four forms' names in a few lines, not a word a line
    assert page.evaluate(WIDER) == []
    assert page.evaluate(NO_SIDEWAYS)
    assert fits_the_phone(page)
    shot(page, "newuser21-burden")


def test_the_small_links_are_a_thumbs_height(phone, world, catalogue):  # noqa: F811
    from jianfu.employment.models import PostingImport
    from jianfu.employment.tests.factories import TOWN, key_person_in, person_in, posting_in

    for n in range(31):   # two pages of 30
        posting_in(TOWN, title=f"分拣工{n}")
    batch = PostingImport.objects.create(org_code=TOWN, original_name="岗位.xlsx", status="failed",
                                         errors=[{"row": 2, "column": "月薪", "message": "x"}])
    office = phone("county_office")
    office.goto("/dispatch/catalogue/", timeout=60_000)
    measured = {"当前生效": _heights(office, "main p a.tap")}
    office.goto("/employment/postings/", timeout=60_000)
    measured["下一页"] = _heights(office, ".pagination a")
    measured["最近的导入"] = _heights(office, "#recent-imports a")
    office.goto(f"/employment/postings/?batch={batch.pk}", timeout=60_000)
    measured["回到该批次 · 显示全部岗位"] = _heights(office, "#batch-filter a")
    office.goto("/employment/postings/import/", timeout=60_000)
    measured["breadcrumb"] = _heights(office, ".breadcrumb a")
    office.goto("/dispatch/events/999999/", timeout=60_000)
    expect(office.locator("main p.taps a")).to_have_text(["返回上一页", "回到工作台"])
    measured["返回上一页 · 回到工作台"] = _heights(office, "main p.taps a")
    kp = key_person_in(person=person_in(name="林小梅"), profile={"places": ["county"]})
    village = phone("village_a")
    village.goto(f"/employment/people/{kp.pk}/jobs/", timeout=60_000)
    measured["推荐岗位"] = _heights(village, ".job-match strong a")
    citizen = phone(None)
    citizen.goto("/employment/jobs/", timeout=60_000)
    measured["job titles"] = _heights(citizen, ".job-card a.job-title")
    citizen.goto("/villages/?q=曲木", timeout=60_000)
    measured["villages"] = _heights(citizen, "details[open] a.tap")
    assert {name: min(h) for name, h in measured.items()} == {name: max(44, min(h)) for name, h in measured.items()}, \
        measured
    for page in (office, village, citizen):
        assert page.evaluate(WIDER) == [] and fits_the_phone(page)
