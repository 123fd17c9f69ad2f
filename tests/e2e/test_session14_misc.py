"""Session 14 (branch fix-misc14), newuser14's findings in Chromium at 390 px: a refresh after a 直通车 answer sends
nothing twice (N01); 删除案例 / 删除通报 ask first (N04); 保存手工项 names the automatic figures that changed (N05);
a returned event tells the grid worker it waits at the county centre (N08); 保存并提交乡镇审核 says it was sent (N14).
Session 15 (fix-left15): deleting a local rule or a ledger row asks first as well."""

from __future__ import annotations

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
catalogue = test_daily_tasks.catalogue   # the fixture: the 12-matter catalogue in force in 合浦县
FORESTRY = "450521000000D02"
ANSWER = "是县里某局的“美丽合浦”App，群里口头通知的，没有文件。"


def expect(locator):
    from playwright.sync_api import expect as pw_expect

    return pw_expect(locator)


def test_directline_answer_then_refresh_sends_once(phone, world):
    from jianfu.directline.models import Message, Report
    from jianfu.directline.tests.factories import county_key_with_handler, submitted
    from jianfu.directline.workflow import Status

    county_key_with_handler(world)
    report, code = submitted()
    Report.objects.filter(pk=report.pk).update(status=Status.AWAITING_REPORTER)
    reporter = phone(None)
    reporter.goto("/directline/public/follow/")
    reporter.fill("#id_code", code)
    reporter.get_by_role("button", name="查看").click()
    reporter.fill("#id_answer", ANSWER)
    reporter.get_by_role("button", name="发送").click()
    expect(reporter.locator(".alert-success")).to_have_text("已发送。")
    assert code not in reporter.url
    reporter.reload()  # the browser posts the same form again
    expect(reporter.locator(".alert-info")).to_have_text("这条回复已经发送过，没有重复发送。")
    expect(reporter.locator("ol.timeline li")).to_have_count(1)
    assert Message.objects.filter(report=report).count() == 1
    assert fits_the_phone(reporter)
    shot(reporter, "s14-directline-refresh-once")


@pytest.mark.parametrize("javascript", [True, False])
def test_monitor_delete_case_and_notice_ask_first(phone, world, javascript):
    from jianfu.monitor import services
    from jianfu.monitor.models import Notice, NoticeCase

    office = world.users["county_office"]
    notice = services.notice_create(actor=office, data={"title": "关于形式主义典型问题的通报", "issuer": "合浦县减负办",
                                                        "date": "2025-03-01"})
    services.notice_case_add(actor=office, notice_pk=notice.pk, data={
        "place": "某局", "category": "fingertip", "summary": "要求村干部每日打卡", "rectification": "pending"})
    page = phone("county_office", java_script_enabled=javascript)
    page.on("dialog", lambda dialog: pytest.fail(f"unexpected dialog: {dialog.message}"))
    page.goto(f"/monitor/notices/{notice.pk}/")
    page.get_by_role("button", name="删除案例").click()
    expect(page.locator("#confirm-delete")).to_contain_text("确定从通报“关于形式主义典型问题的通报”中删除这个案例吗？")
    assert NoticeCase.objects.count() == 1
    assert fits_the_phone(page)
    shot(page, f"s14-monitor-confirm-case-{'js' if javascript else 'nojs'}")
    page.get_by_role("link", name="取消").click()
    expect(page.get_by_role("button", name="删除案例")).to_be_visible()
    assert NoticeCase.objects.count() == 1
    page.get_by_role("button", name="删除案例").click()
    page.get_by_role("button", name="确定删除").click()
    expect(page.locator("body")).to_contain_text("已删除案例。")
    assert NoticeCase.objects.count() == 0
    page.get_by_role("button", name="删除通报").click()
    expect(page.locator("#confirm-delete")).to_contain_text("确定删除这份通报吗？删除后不能恢复。")
    assert Notice.objects.filter(pk=notice.pk).exists()
    page.get_by_role("button", name="确定删除").click()
    expect(page.locator("body")).to_contain_text("已删除通报。")
    assert not Notice.objects.filter(pk=notice.pk).exists()


@pytest.mark.parametrize("javascript", [True, False])
def test_monitor_delete_local_rule_and_ledger_row_ask_first(phone, world, javascript):
    """Session 15: the two monitor deletes N04 left out — a county's local rule, a ledger row — ask first too."""
    from jianfu.monitor import services
    from jianfu.monitor.models import LedgerPlaque, Rule

    office = world.users["county_office"]
    rule = services.rule_create(actor=office, data={"code": "GX-PLAQUE-4", "name": "外部挂牌不超过4块",
                                                    "check": "plaques_outside_max", "threshold": "4",
                                                    "citation": "某省村级组织挂牌规范（4+4）"})
    page = phone("county_office", java_script_enabled=javascript)
    page.on("dialog", lambda dialog: pytest.fail(f"unexpected dialog: {dialog.message}"))
    page.goto("/monitor/rules/")
    page.get_by_role("button", name="删除", exact=True).click()
    expect(page.locator("#confirm-delete")).to_contain_text("确定删除这条本地规则吗？删除后不能恢复")
    expect(page.locator("#confirm-delete")).to_contain_text("GX-PLAQUE-4 外部挂牌不超过4块")
    assert Rule.objects.filter(pk=rule.pk).exists()
    assert fits_the_phone(page)
    shot(page, f"s15-monitor-confirm-rule-{'js' if javascript else 'nojs'}")
    page.get_by_role("link", name="取消").click()
    expect(page.get_by_role("button", name="删除", exact=True)).to_be_visible()
    assert Rule.objects.filter(pk=rule.pk).exists()
    page.get_by_role("button", name="删除", exact=True).click()
    page.get_by_role("button", name="确定删除").click()
    expect(page.locator("body")).to_contain_text("已删除本地规则。")
    assert not Rule.objects.filter(pk=rule.pk).exists()

    row = services.ledger_create(actor=world.users["village_a"], kind="plaque", data={
        "date": "2025-05-01", "title": "某某示范村", "issuer": "450521000000D02", "placement": "outside"})
    village = phone("village_a", java_script_enabled=javascript)
    village.on("dialog", lambda dialog: pytest.fail(f"unexpected dialog: {dialog.message}"))
    village.goto(f"/monitor/ledgers/plaque/{row.pk}/")
    village.get_by_role("button", name="删除", exact=True).click()
    expect(village.locator("#confirm-delete")).to_contain_text("确定删除这条记录吗？删除后不能恢复，检查结果将重新计算。")
    expect(village.locator("#confirm-delete")).to_contain_text("2025-05-01 某某示范村")
    assert LedgerPlaque.objects.filter(pk=row.pk).exists()
    assert fits_the_phone(village)
    shot(village, f"s15-monitor-confirm-ledger-{'js' if javascript else 'nojs'}")
    village.get_by_role("link", name="取消").click()
    expect(village.locator("h1")).to_have_text("某某示范村")
    village.get_by_role("button", name="删除", exact=True).click()
    village.get_by_role("button", name="确定删除").click()
    expect(village.locator("body")).to_contain_text("已删除。")
    assert not LedgerPlaque.objects.filter(pk=row.pk).exists()


def test_reports_save_names_the_automatic_figure_that_changed(phone, world):
    import datetime as dt

    from jianfu.registry.models import Person
    from jianfu.reports import services
    from jianfu.reports.catalog import forms_load
    from jianfu.reports.models import Template

    forms_load(actor=None)
    village = world.village_a.code
    for name in ("甲", "乙"):
        Person.objects.create(org_code=village, name=name, gender="M", birth_date=dt.date(1960, 1, 1), is_dibao=True)
    sub = services.submission_generate(actor=world.users["village_a"], template=Template.objects.get(
        code="mz_dibao_tekun"), org_code=village, period="202506")
    page = phone("village_a")
    page.goto(f"/reports/submissions/{sub.pk}/", timeout=60_000)
    # the registry moves while the page is open
    Person.objects.create(org_code=village, name="丙", gender="M", birth_date=dt.date(1961, 1, 1), is_dibao=True)
    page.fill("#cell-dibao_fund", "12500")
    page.get_by_role("button", name="保存手工项").click()
    expect(page.locator(".alert-success")).to_have_text("已保存手工填报项。")
    expect(page.locator(".alert-warning").filter(has_text="打开本页后台账数据有变化")).to_have_text(
        "打开本页后台账数据有变化，2 项自动取数已随保存更新：低保对象人数 2 → 3；其中：老年人 2 → 3。请核对更新后的数值。")
    assert fits_the_phone(page)
    shot(page, "s14-reports-save-changed")


def test_a_returned_event_waits_for_manual_dispatch_on_the_grid_workers_page(phone, world, catalogue):
    from jianfu.dispatch import services

    event = services.event_report(actor=world.users["grid_a"], org_code="450521200206001", source="grid",
                                  text="曲木村两户村民为后山一块林地的界线吵起来了，双方都拿出了林权证，请林业部门确认权属")
    assert event.department_code == FORESTRY
    dept = phone("dept_forestry")
    dept.goto(f"/dispatch/events/{event.pk}/", timeout=60_000)
    dept.fill("#id_reason", "界线争议属乡镇调处，不属于本部门职责")
    dept.get_by_role("button", name="退回", exact=True).click()
    expect(dept.locator(".alert-success")).to_have_text(f"事件 {event.number} 已退回县指挥中心。")   # dmend32 #8
    grid = phone("grid_a")
    grid.goto(f"/dispatch/events/{event.pk}/")
    expect(grid.locator("#department")).to_have_text("待人工分派（已退回县指挥中心）")
    expect(grid.locator("#due-at")).to_have_text("派发给承办部门后起算")
    assert fits_the_phone(grid)
    shot(grid, "s14-dispatch-returned-grid")


def test_village_page_submit_says_it_was_sent(phone, world):
    from jianfu.villagepages.models import ServiceList

    village = phone("village_a")
    village.goto("/villages/manage/450521200206/edit/")
    village.fill("#id_office_address", "曲木村党群服务中心一楼")
    village.fill("#id_office_hours", "工作日 8:00—17:30")
    village.fill("#id_office_phone", "0779-7201234")
    village.fill("#i0n", "城乡居民医疗保险参保登记")
    village.fill("#i0p", "便民服务大厅 1 号窗口")
    village.fill("#i0m", "身份证、户口簿")
    village.fill("#i0t", "即时办结")
    village.get_by_role("button", name="保存", exact=True).click()
    expect(village.locator(".alert-success")).to_have_text("已保存为草稿，尚未提交乡镇审核。")
    village.get_by_role("button", name="保存并提交乡镇审核").click()
    expect(village.locator(".alert-success")).to_have_text("已提交乡镇（街道）审核。")
    assert ServiceList.objects.get(org_code="450521200206").status == "submitted"
    assert fits_the_phone(village)
    shot(village, "s14-villagepage-submitted")
