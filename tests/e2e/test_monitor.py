"""The burden monitor in Chromium at 390 px (issue 9): the county office's dashboard, drill-down from a
finding to its ledger row, a case's 整改 moved on, a ledger exported; a department's bad meeting."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
COUNTY = "450521000000"


def expect(locator):
    from playwright.sync_api import expect as pw_expect

    return pw_expect(locator)


@pytest.fixture
def monitored(world):
    """A county-year with a finding (a 90-minute speech), a second meeting, and a county notice with
    one case not yet rectified."""
    from jianfu.monitor import services

    services.rules_seed()  # a transactional test database has lost the data migration's rules
    office = world.users["county_office"]
    for title, minutes, speech in (("森林防火推进会", 150, 90), ("林长制工作会", 60, 20)):
        services.ledger_create(actor=office, kind="meeting", data={
            "date": "2025-03-01", "title": title, "issuer": "林业局", "duration_minutes": str(minutes),
            "speech_minutes": str(speech)})
    services.findings_evaluate(actor=office, county_code=COUNTY, year=2025)
    notice = services.notice_create(actor=office, data={"title": "关于3起形式主义典型问题的通报",
                                                        "issuer": "合浦县减负办", "date": "2025-04-01"})
    case = services.notice_case_add(actor=office, notice_pk=notice.pk, data={
        "place": "县林业局", "category": "fingertip", "summary": "要求护林员每日在小程序打卡并排名通报",
        "rectification": "pending"})
    return notice, case


def test_county_office_dashboard_drill_down_rectification_and_export(phone, world, monitored, tmp_path):
    notice, case = monitored
    office = phone("county_office")
    office.set_default_navigation_timeout(60_000)  # the dashboard loads ECharts (1 MB) from a busy test server
    office.goto("/monitor/dashboard/?year=2025")
    expect(office.locator("h1")).to_contain_text("减负监测看板（2025）")
    expect(office.locator("#chart-rule canvas")).to_have_count(1)
    assert fits_the_phone(office)
    shot(office, "monitor-dashboard")
    # newuser23 #3: each town's 全年 is on screen without scrolling sideways (a card per town, the total first)
    total = office.locator("#town-index tbody tr").first.locator("td.key")
    expect(total).to_have_attribute("data-label", "全年")
    total.scroll_into_view_if_needed()
    box = total.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    wrap = office.locator("#town-index").evaluate("t => [t.parentElement.scrollWidth, t.parentElement.clientWidth]")
    assert wrap[0] <= wrap[1], wrap

    # drill down: rule → its findings → one finding → the ledger row behind it
    office.get_by_role("link", name="主要讲话不超过1小时").click()   # a rule by its name, not its code
    expect(office.locator("h1")).to_contain_text("减负问题（2025）")
    finding = office.locator("table.cards td.card-title a")
    expect(finding).to_have_count(1)
    assert fits_the_phone(office)
    shot(office, "monitor-findings")
    finding.click()
    expect(office.locator("h1")).to_have_text("主要讲话不超过1小时")   # the rule's name alone (newuser20 #6)
    expect(office.locator("#finding-rule small.muted")).to_have_text("P6-MTG-SPEECH")   # the code beside it, to cite it
    office.get_by_role("link", name="森林防火推进会").click()
    expect(office.locator("h1")).to_contain_text("森林防火推进会")
    expect(office.locator("body")).to_contain_text("90")
    assert fits_the_phone(office)
    shot(office, "monitor-ledger-row")

    # the case's 整改: 未整改 → 整改中, with the date and a note
    office.goto(f"/monitor/notices/{notice.pk}/")
    card = office.locator(f"#case-{case.pk}")
    expect(card.locator(".rectification")).to_have_text("未整改")
    card.locator("select[name=to]").select_option("ongoing")
    card.locator("input[name=date]").fill("2025-04-10")
    card.locator("input[name=note]").fill("已约谈，取消排名功能")
    card.get_by_role("button", name="更新整改情况").click()
    expect(office.locator(".alert-success")).to_contain_text("已更新整改情况")
    card = office.locator(f"#case-{case.pk}")
    expect(card.locator(".rectification")).to_have_text("整改中")
    expect(card).to_contain_text("2025-04-10")
    expect(card).to_contain_text("已约谈，取消排名功能")
    expect(card.locator("select[name=to] option")).to_have_text(["已整改"])
    assert fits_the_phone(office)
    shot(office, "monitor-case-rectified")

    # the meetings ledger, filtered to 2025, exported as the page lists it
    office.goto("/monitor/ledgers/meeting/?year=2025")
    expect(office.locator("table.cards tbody tr")).to_have_count(2)
    assert fits_the_phone(office)
    shot(office, "monitor-ledger-list")
    with office.expect_download() as info:
        office.get_by_role("link", name="导出 Excel").click()
    download = info.value
    assert download.suggested_filename == f"会议台账-2025-导出{timezone.localdate().isoformat()}.xlsx"
    saved = tmp_path / "export.xlsx"
    download.save_as(saved)
    rows = list(load_workbook(io.BytesIO(saved.read_bytes())).worksheets[0].iter_rows(values_only=True))
    assert rows[0][:5] == ("日期*", "名称*", "提出要求的单位", "被要求的单位", "备注")
    assert sorted(r[1] for r in rows[1:]) == ["林长制工作会", "森林防火推进会"]


def test_department_sees_the_chinese_error_with_its_input_kept(phone, world):
    from jianfu.monitor.models import LedgerMeeting

    dept = phone("dept_forestry")
    dept.goto("/monitor/ledgers/meeting/new/")
    # a new meeting starts as a business meeting (not the first choice of the list) at its issuer's level (mend33 #2)
    expect(dept.locator("select[name=meeting_kind]")).to_have_value("business")
    expect(dept.locator("select[name=level]")).to_have_value("")
    dept.fill("input[name=date]", "2025-03-01")
    dept.fill("input[name=title]", "森林防火调度会")
    dept.fill("input[name=duration_minutes]", "-30")
    dept.fill("input[name=speech_minutes]", "20")
    dept.check("input[name=relayed]")
    dept.get_by_role("button", name="保存").click()
    expect(dept.locator(".alert-error")).to_have_text("“会议时长（分钟）”不能为负数。")
    # what was typed is still there, and the field the error names is marked
    expect(dept.locator("input[name=title]")).to_have_value("森林防火调度会")
    expect(dept.locator("input[name=duration_minutes]")).to_have_value("-30")
    expect(dept.locator("input[name=speech_minutes]")).to_have_value("20")
    expect(dept.locator("input[name=relayed]")).to_be_checked()
    expect(dept.locator("[aria-invalid=true]")).to_have_count(1)
    expect(dept.locator("input[name=duration_minutes]")).to_have_attribute("aria-invalid", "true")
    assert fits_the_phone(dept)
    shot(dept, "monitor-meeting-error")
    assert LedgerMeeting.objects.count() == 0
    # corrected, it is filed
    dept.fill("input[name=duration_minutes]", "60")
    dept.get_by_role("button", name="保存").click()
    expect(dept.locator(".alert-success")).to_contain_text("已登记：森林防火调度会")
    assert LedgerMeeting.objects.values_list("duration_minutes", "level").get() == (60, "county")  # a county bureau's


def test_the_unit_field_offers_the_units_by_name_and_the_saved_row_names_its_unit(phone, world):
    """Session 7's fix: 造成单位 / 承受单位 are typed by name with the county's units offered (a datalist), and the
    saved ledger's page names the unit, not only its code."""
    from jianfu.monitor.models import LedgerMeeting

    office = phone("county_office")
    office.goto("/monitor/ledgers/meeting/new/")
    issuer = office.locator("input[name=issuer]")
    issuer.fill("林业")
    # what the browser offers under the field: the datalist's options that contain what was typed
    offered = issuer.evaluate("el => Array.from(el.list.options).map(o => o.value)"
                              ".filter(v => v.includes(el.value))")
    assert offered == ["林业局"]
    target = office.locator("input[name=target]")
    target.fill("曲木")
    assert target.evaluate("el => Array.from(el.list.options).map(o => o.value)"
                           ".filter(v => v.includes(el.value))") == ["曲木村委会"]
    issuer.fill("林业局")
    target.fill("曲木村委会")
    office.fill("input[name=date]", "2025-05-06")
    office.fill("input[name=title]", "护林员培训会")
    office.fill("input[name=duration_minutes]", "60")
    assert fits_the_phone(office)
    shot(office, "monitor-ledger-unit-datalist")
    office.get_by_role("button", name="保存").click()
    expect(office.locator(".alert-success")).to_contain_text("已登记：护林员培训会")
    row = LedgerMeeting.objects.get()
    assert (row.issuer_code, row.org_code) == ("450521000000D02", "450521200206")
    meta = office.locator("h1 + p.muted")
    expect(meta).to_contain_text("提出要求的单位：林业局")
    expect(meta).to_contain_text("被要求的单位：曲木村委会")
    assert fits_the_phone(office)
    shot(office, "monitor-ledger-unit-named")


def test_a_saved_ledger_row_shows_its_findings_when_the_check_is_done_without_a_reload(phone, world, monkeypatch):
    """The rule check runs in the background: the page said "请稍后刷新本页" and stayed so; it now asks again by itself
    and shows the result when the check is done."""
    from jianfu.monitor import services, tasks

    monkeypatch.setattr(tasks, "enqueue_refresh", lambda county, year, *, delay: None)   # queued, not yet run
    forestry = phone("dept_forestry")
    forestry.goto("/monitor/ledgers/meeting/new/")
    forestry.fill("input[name=date]", "2025-03-01")
    forestry.fill("input[name=title]", "森林防火会议")
    forestry.fill("input[name=duration_minutes]", "90")
    forestry.locator("select[name=meeting_kind]").select_option("business")
    forestry.get_by_role("button", name="保存").click()
    expect(forestry.locator("#checking")).to_be_visible()
    expect(forestry.locator("#checking")).to_contain_text("通常几秒内完成（批量导入后稍久），完成后本页自动显示结果。")
    page_url = forestry.url
    services.findings_refresh_run(county_code="450521000000", year=2025, wait=False)   # the worker's run
    expect(forestry.locator("#checking")).to_have_count(0, timeout=10_000)
    expect(forestry.locator("#ledger-findings")).to_contain_text("未发现问题。")
    assert forestry.url == page_url                                  # the same page, not reloaded by hand
    assert fits_the_phone(forestry)
    shot(forestry, "monitor-ledger-check-done")


def test_setting_a_finding_aside_asks_for_a_reason_and_shows_it(phone, world):
    """newuser13 V13: 不属于问题 with an empty 处理说明 is refused beside the box (the finding stays open); with a
    reason it is set aside and the reason shows on the finding and in its 处理记录."""
    from jianfu.monitor import services
    from jianfu.monitor.models import Finding

    services.rules_seed()
    finding = services.finding_record_manual(actor=world.users["county_office"], issuer_code="450521000000D02",
                                             category="文件", summary="《关于做好森林防火工作的通知》未经评估即印发。",
                                             source="manual", source_ref="")
    office = phone("county_office")
    office.set_viewport_size({"width": 1366, "height": 768})
    office.goto(f"/monitor/findings/{finding.pk}/", timeout=60_000)
    office.get_by_role("button", name="不属于问题").click()
    expect(office.locator("#note-error")).to_have_text("请写明不属于问题的理由。")
    finding.refresh_from_db()
    assert finding.status == "open"
    shot(office, "monitor-dismiss-needs-reason")
    office.locator("#finding-note").fill("系转发省林业局通知，已另行登记。")
    office.get_by_role("button", name="不属于问题").click()
    expect(office.locator(".alert-success")).to_contain_text("已更新问题状态")
    expect(office.locator("table")).to_contain_text("不属于问题：系转发省林业局通知，已另行登记。")
    expect(office.locator(".finding-history li").last).to_contain_text("county_office · 不属于问题：系转发省林业局通知，已另行登记。")
    assert Finding.objects.get(pk=finding.pk).status == "dismissed"
    shot(office, "monitor-dismissed-with-reason")
