"""The burden monitor as a village cadre and a township see it, in Chromium at 390 px: 本月收到的要求 (what reached
the village this month, each with its minutes, and the total) and, N09, their own rows of 基层负担指数 — the
village's months linked to their traces, the township's villages in division-code order, never ranked."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect
COUNTY, QUZHANG, LIANZHOU = "450521000000", "450521200000", "450521100000"
QUMU, ZHANGJIA = "450521200206", "450521200201"


@pytest.fixture
def this_month(world):
    """Today: 曲木村 (village_a) received 24 + 150 + 180 + 30 = 384 minutes (6.4 h); 璋嘉村 354 (5.9 h)."""
    from jianfu.monitor import services

    office, today = world.users["county_office"], timezone.localdate().isoformat()
    services.ledger_bulk_create(actor=office, kind="document", rows=[
        (2, {"date": today, "title": "关于做好森林防火工作的通知", "issuer": "林业局", "target": COUNTY,
             "length": 3000}),                                                              # 15 + 3 × 3
        (3, {"date": today, "title": "廉州镇人居环境整治通知", "issuer": "住房和城乡建设局", "target": LIANZHOU,
             "length": 1000})])
    services.ledger_bulk_create(actor=office, kind="meeting", rows=[
        (2, {"date": today, "title": "全乡村书记森林防火培训会", "issuer": "林业局", "target": QUZHANG,
             "duration_minutes": "90", "village_secretaries_required": 1})])               # 90 + 60 travel
    services.ledger_bulk_create(actor=office, kind="inspection", rows=[
        (2, {"date": today, "title": "农村危房改造督查", "issuer": "住房和城乡建设局", "target": QUZHANG,
             "onsite_visits": 1, "forms_demanded": 2})])                                    # 120 + 2 × 30
    services.ledger_bulk_create(actor=world.users["village_a"], kind="demand", rows=[
        (2, {"date": today, "title": "开具林地权属证明", "issuer": "林业局", "demand_kind": "certificate",
             "times": 1})])                                                                 # 30
    services.ledger_bulk_create(actor=world.users["village_b"], kind="demand", rows=[
        (2, {"date": today, "title": "璋嘉村低保证明", "issuer": "住房和城乡建设局", "demand_kind": "certificate", "times": 3,
             "in_access_list": 1})])                                                        # on the list: 0


def open_from_the_menu(page, label: str) -> None:
    page.get_by_role("button", name="菜单").click()
    page.locator("#sidenav").get_by_role("link", name=label, exact=True).click()


def test_a_village_cadre_reads_what_reached_the_village_this_month_with_its_minutes(phone, world, this_month):
    today = timezone.localdate()
    page = phone("village_a")
    page.goto("/", timeout=60_000)
    open_from_the_menu(page, "减负监测台账")
    page.locator("#received-link").click()
    expect(page.locator("h1")).to_have_text(f"{today.year}年{today.month}月收到的要求")
    expect(page.locator("#received-total strong")).to_have_text("本月共 4 项，约 384 分钟（6.4 小时）")
    rows = page.locator("table.cards tbody tr")
    expect(rows).to_have_count(4)
    seen = [(r.locator("td.card-title").inner_text(), r.locator("td").nth(2).inner_text(),
             r.locator("td").nth(3).inner_text(), r.locator("td.minutes").inner_text()) for r in rows.all()]
    assert seen == [("关于做好森林防火工作的通知", "林业局", "合浦县", "24"),
                    ("全乡村书记森林防火培训会", "林业局", "曲樟乡", "150"),
                    ("农村危房改造督查", "住房和城乡建设局", "曲樟乡", "180"),
                    ("开具林地权属证明", "林业局", "曲木村委会", "30")]
    expect(page.locator("#received-document")).to_contain_text("（1，24 分钟）")
    expect(page.locator("#received-inspection")).to_contain_text("（1，180 分钟）")
    body = page.locator("main, body").first
    expect(body).not_to_contain_text("璋嘉村低保证明")                      # a sibling village's own demand
    expect(body).not_to_contain_text("廉州镇人居环境整治通知")              # another township's
    # only the village's own row opens its ledger page
    expect(page.locator("td.card-title a")).to_have_count(1)
    expect(page.locator("td.card-title a")).to_have_text("开具林地权属证明")
    assert fits_the_phone(page)
    shot(page, "monitor-received-village")


def test_a_village_cadre_finds_the_own_village_in_the_burden_index_and_its_trace(phone, world, this_month):
    today = timezone.localdate()
    page = phone("village_a")
    page.goto("/monitor/", timeout=60_000)
    open_from_the_menu(page, "基层负担指数")
    expect(page.locator("#own-village")).to_have_text("本村（社区）：曲木村委会")
    months = page.locator("#own-months tbody tr")
    expect(months).to_have_count(today.month)                            # this month first, then the months before
    expect(months.first.locator("td").first).to_have_text(f"{today.year}年{today.month}月")
    figure = months.first.get_by_role("link", name="6.4")              # the same 384 minutes as 本月收到的要求
    expect(page.locator("#own-months tfoot")).to_contain_text("6.4")
    body = page.locator("main, body").first
    expect(body).not_to_contain_text("璋嘉村委会")
    expect(body).not_to_contain_text("乡镇（所辖村平均）")
    assert fits_the_phone(page)
    shot(page, "monitor-index-own-village")
    figure.click()
    expect(page.locator("h1")).to_have_text(f"曲木村委会 {today.year}年{today.month}月：6.4 小时")
    titles = page.locator("tbody tr td:nth-child(3)")
    # largest first: the meeting 150, the inspection 120 and its forms 60, the certificate 30, the notice 24
    expect(titles).to_have_text(["全乡村书记森林防火培训会", "农村危房改造督查", "农村危房改造督查",
                                 "开具林地权属证明", "关于做好森林防火工作的通知"])
    expect(page.locator("tbody tr td:nth-child(5)")).to_have_text(["150.0", "120.0", "60.0", "30.0", "24.0"])
    expect(page.locator("tbody a")).to_have_text(["开具林地权属证明"])  # rows from above: named, not linked
    assert fits_the_phone(page)
    shot(page, "monitor-index-trace-village")
    # a sibling village's trace is not found
    response = page.goto(f"/monitor/index/{ZHANGJIA}/{today.month}/?year={today.year}")
    assert response.status == 404


def test_a_township_reads_its_villages_in_division_code_order(phone, world, this_month):
    today = timezone.localdate()
    page = phone("town_quzhang")
    page.goto(f"/monitor/index/?year={today.year}", timeout=60_000)
    expect(page.locator("body")).to_contain_text("按行政区划代码排列，不排名；本月在前。")
    villages = page.locator("#town-villages tbody tr")
    expect(villages.locator("td:first-child")).to_have_text(["璋嘉村委会", "曲木村委会"])   # …201 (5.9 h) first
    # the year's total first (newuser20 #2: it was off to the right on a phone), then this month
    expect(page.locator("#town-villages thead th").nth(2)).to_have_text(f"{today.month}月")
    expect(villages.nth(0).locator("td").nth(2)).to_have_text("5.9")
    expect(villages.nth(1).locator("td").nth(2)).to_have_text("6.4")
    villages.nth(1).get_by_role("link", name="6.4").click()
    expect(page.locator("h1")).to_have_text(f"曲木村委会 {today.year}年{today.month}月：6.4 小时")
    expect(page.locator("body")).not_to_contain_text("廉州镇某社区")
    assert fits_the_phone(page)
    shot(page, "monitor-index-township")


def test_received_and_the_index_link_each_other_and_ledger_labels_work_on_a_phone(phone, world, this_month):
    """Session 12: U06 — 本月收到的要求 says what the index adds and links the month's trace, which links back;
    U08 — tapping a ledger form's label ticks its box or focuses its field."""
    today = timezone.localdate()
    page = phone("village_a")
    page.goto("/monitor/received/", timeout=60_000)
    line = page.locator("#received-index")
    expect(line).to_contain_text(f"基层负担指数中本村 {today.year}年{today.month}月为 6.4 小时")
    expect(line).to_contain_text("在用的政务应用（0 分钟）和一表同享当月应报的报表（0 分钟）")
    assert fits_the_phone(page)
    line.get_by_role("link", name="查看指数构成").click()
    expect(page.locator("h1")).to_have_text(f"曲木村委会 {today.year}年{today.month}月：6.4 小时")
    page.locator("#trace-received").get_by_role("link", name=f"{today.month}月收到的要求").click()
    expect(page.locator("#received-total")).to_contain_text("约 384 分钟（6.4 小时）")
    page.goto("/monitor/ledgers/meeting/new/")
    page.get_by_text("视频会议", exact=True).click()
    expect(page.locator("#id_by_video")).to_be_checked()
    page.locator("label[for=id_title]").click()
    expect(page.locator("#id_title")).to_be_focused()
