"""Session 13's fixes of a new user's leftovers, in Chromium at 390 px:
- U03: a grid worker's workbench says which of their reports changed status (事件编号, 新状态, 时间, 查看); opening
  the event clears it;
- U10: a postings file refused for duplicate rows alone offers 跳过这些重复行，导入其余 N 条; the batch then lists
  the rows it skipped."""

from __future__ import annotations

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect
catalogue = test_daily_tasks.catalogue   # the fixture: the 12-matter catalogue in force in 合浦县
LAND = "曲木村两户村民为后山一块林地的界线吵起来了，双方都拿出了林权证，请林业部门确认权属"


def test_the_reporter_sees_on_the_workbench_what_became_of_the_report(phone, world, catalogue):
    from jianfu.dispatch import services

    grid = phone("grid_a")
    grid.set_default_navigation_timeout(60_000)
    event = services.event_report(actor=world.users["grid_a"], text=LAND, org_code="450521200206001", source="grid")
    services.event_seen_by_reporter(actor=world.users["grid_a"], event=event)
    grid.goto("/")
    expect(grid.locator("h1")).to_have_text("工作台")
    expect(grid.locator("#updates-dispatch")).to_have_count(0)

    services.event_accept(actor=world.users["dept_forestry"], event=event)   # the department signs for it
    event.refresh_from_db()
    grid.goto("/")
    news = grid.locator("#updates-dispatch")
    expect(news.locator("h2")).to_have_text("我上报的事件有新进展 1")
    row = news.locator("tbody tr")
    expect(row).to_have_count(1)
    # the code and, since session 15 (newuser15 F14), the start of what was reported
    expect(row.locator("td").nth(0)).to_contain_text(event.number)
    summary = row.locator(".update-summary").inner_text().rstrip("…")
    assert len(summary) >= 10 and event.text.startswith(summary)
    expect(row.locator("td").nth(1)).to_have_text("已签收")   # one status word (dmend32 #7)
    assert fits_the_phone(grid)
    shot(grid, "workbench-reporter-news")

    row.get_by_role("link", name="查看").click()
    expect(grid.locator("h1")).to_contain_text(event.number)
    grid.goto("/")
    expect(grid.locator("h1")).to_have_text("工作台")
    expect(grid.locator("#updates-dispatch")).to_have_count(0)


def test_a_file_refused_for_duplicates_alone_imports_the_rest_when_asked(phone, world, tmp_path):
    from jianfu.employment.models import Posting
    from jianfu.employment.tests.test_postings import good, xlsx

    path = tmp_path / "岗位.xlsx"
    rows = [good(n) for n in range(1, 9)] + [good(2, 编号="J22"), good(5, 编号="J55")]   # rows 10, 11 repeat 3, 6
    path.write_bytes(xlsx(rows).getvalue())
    office = phone("county_office")
    office.set_default_navigation_timeout(60_000)
    office.goto("/employment/postings/import/")
    office.set_input_files("#id_file", str(path))
    office.get_by_role("button", name="上传并导入").click()
    status = office.locator("#import-status")
    expect(status.locator(".badge")).to_have_text("有错误，未入库", timeout=25_000)
    expect(status.locator("#duplicates-only")).to_contain_text("文件共 10 行，其中 2 行与其他行或已登记的岗位重复")
    expect(status.locator("tbody tr")).to_have_count(2)
    expect(status.locator("tbody tr").first).to_contain_text("与第3行是同一岗位")
    assert Posting.objects.count() == 0
    assert fits_the_phone(office)
    shot(office, "postings-import-duplicates-offer")

    office.get_by_role("button", name="跳过这些重复行，导入其余 8 条").click()
    expect(status.locator(".badge")).to_have_text("已入库", timeout=25_000)
    expect(status).to_contain_text("入库岗位 8 个")
    expect(office.locator(".alert-success")).to_contain_text("已选择跳过 2 行重复的岗位，其余 8 行正在导入。")
    skipped = status.locator("#skipped-rows tbody tr")
    expect(skipped).to_have_count(2)
    expect(skipped.first.locator("td").nth(0)).to_have_text("第10行")
    expect(skipped.first.locator("td").nth(1)).to_have_text("第3行")
    assert Posting.objects.count() == 8
    assert fits_the_phone(office)
    shot(office, "postings-import-duplicates-skipped")


def test_a_year_in_progress_reads_to_date_on_the_index(phone, world):
    """R07: in July, an app in use since March weighs on March–July only; the months to come read "—"."""
    import datetime as dt
    from unittest import mock

    from jianfu.monitor import services

    services.ledger_bulk_create(actor=world.users["county_office"], kind="app", rows=[
        (2, {"date": "2026-03-02", "title": "打卡App", "issuer": "林业局", "target": "450521000000", "check_in": "是"})])
    office = phone("county_office")
    office.set_default_navigation_timeout(60_000)
    with mock.patch("django.utils.timezone.localdate", return_value=dt.date(2026, 7, 15)):
        office.goto("/monitor/index/?year=2026")
        expect(office.locator("#to-date-note")).to_contain_text("今年累计（1—7月）：只计已经过去的月份")
        row = office.locator("tr", has=office.locator('a[href="/monitor/index/450521200206/3/?year=2026"]'))
        cells = row.locator("td.num")
        expect(cells).to_have_count(13)
        expect(cells.nth(8)).to_have_text("—")      # August
        expect(cells.nth(0)).to_have_text("18.5")   # 今年累计 (first since newuser20 #2): March–July, 5 × 3.7 h
        shot(office, "monitor-index-to-date")
