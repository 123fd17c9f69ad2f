"""newuser15 findings 2, 3, 5 and 8 in Chromium at 390 px: staff find a citizen's case by the 受理编号 the citizen
quotes; a fact shared by two reports, changed after one was sent, is flagged on that report and the 返贫 form refuses
more new households than monitored ones; the drafting department reads citations without "条号待核" and no rule code,
on the page and in the annotated Word; a village records "派出所" as who asked and means its township's station."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect
QUZHANG = "450521200000"


def test_staff_find_the_case_by_the_number_the_citizen_quotes(phone, world):
    from jianfu.dispatch.models import Source
    from jianfu.dispatch.tests.factories import event_in

    event_in(world, source=Source.CITIZEN, case_number="HP2612000024", text="村口的桥栏杆断了，小孩上学很危险")
    event_in(world, text="后山林地界线纠纷")
    page = phone("county_office")
    page.goto("/dispatch/", timeout=60_000)
    page.locator("input[name=q]").fill("hp 2612 000024")
    page.locator("input[name=q]").press("Enter")
    rows = page.locator("table.cards tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first.locator("td.card-title")).to_have_text("HP2612000024")   # one number, the citizen's (newuser23 #6)
    assert fits_the_phone(page)
    rows.first.get_by_role("link", name="HP2612000024").click()
    expect(page.locator("#case-number")).to_have_text("HP2612000024")
    shot(page, "nu15_case_number")


def test_a_sent_report_whose_shared_figure_changed_is_flagged(phone, world):
    from jianfu.reports import services
    from jianfu.reports.catalog import forms_load
    from jianfu.reports.models import Template

    forms_load(actor=None)
    village, code = world.users["village_a"], world.village_a.code
    rs = services.submission_generate(actor=village, template=Template.objects.get(code="rs_employment"),
                                      org_code=code, period="202611")
    rs = services.submission_fill(actor=village, submission=rs, values={"new_jobs": "2", "migrant_workers_out": "0"})
    rs = services.submission_submit(actor=village, submission=rs)
    ny = services.submission_generate(actor=village, template=Template.objects.get(code="nync_poverty_monitoring"),
                                      org_code=code, period="202611")
    page = phone("village_a")
    page.goto(f"/reports/submissions/{ny.pk}/", timeout=60_000)
    for key, value in (("monitor_new_households", "23"), ("monitor_cleared_households", "0"),
                       ("industry_support_households", "1"), ("microcredit_households", "0"),
                       ("migrant_workers_out", "9")):
        page.locator(f"#cell-{key}").fill(value)
    page.get_by_role("button", name="报送").click()
    expect(page.locator("#checks")).to_contain_text("「本期新识别监测对象户数」（23）不能大于「防返贫监测对象户数」（0）。")
    # kept (saved before 报送); "9.0" until finding 13 (counts shown as decimals) is fixed on another branch
    expect(page.locator("#cell-migrant_workers_out")).to_have_value(re.compile(r"^9(\.0)?$"))
    page.locator("#cell-monitor_new_households").fill("0")
    page.get_by_role("button", name="报送").click()
    expect(page.locator("h1")).to_have_text("巩固拓展脱贫攻坚成果防止返贫监测帮扶月报表")
    page.goto(f"/reports/submissions/{rs.pk}/")
    expect(page.locator("#shared-changed li")).to_have_text(
        "与《巩固拓展脱贫攻坚成果防止返贫监测帮扶月报表》共用的数据已变更：「外出务工人数」本表报送时为 0，现为 9。")
    assert fits_the_phone(page)
    shot(page, "nu15_shared_changed")
    town = phone("town_quzhang")
    town.goto(f"/reports/submissions/{rs.pk}/", timeout=60_000)
    expect(town.locator("#shared-changed")).to_contain_text("如以新数值为准，由乡镇退回村（社区）重新报送。")


def test_a_village_names_the_police_station_as_it_says_it(phone, world):
    from jianfu.monitor.models import LedgerDemand
    from jianfu.orgs.services import department_create

    station = department_create(actor=None, parent_code=QUZHANG, name="曲樟派出所")
    department_create(actor=None, parent_code="450521000000", name="财政局")
    page = phone("village_a")
    page.goto("/monitor/ledgers/demand/new/", timeout=60_000)
    assert page.locator("#units-issuer option").first.get_attribute("value") == "曲樟派出所"
    today = timezone.localdate().isoformat()
    page.locator("#id_date").fill(today)
    page.locator("#id_title").fill("要求开具无犯罪记录证明")
    page.locator("#id_issuer").fill("财政所")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("#form-error")).to_have_text(
        "未知的提出要求的单位“财政所”：请填写系统中已有单位的代码或全称。相近的单位：财政局。")
    expect(page.locator("#id_title")).to_have_value("要求开具无犯罪记录证明")
    assert LedgerDemand.objects.count() == 0
    page.locator("#id_issuer").fill("派出所")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("#form-error")).to_have_count(0)
    row = LedgerDemand.objects.get()
    assert (row.issuer_code, row.issuer_name, row.org_code) == (station.code, "曲樟派出所", world.village_a.code)
    assert fits_the_phone(page)


def test_the_drafting_department_reads_citations_without_notes_or_codes(phone, world):
    import io
    import zipfile

    from jianfu.review.services import review_submit

    review = review_submit(actor=world.users["dept_housing"], text=(
        "关于开展专项整治的通知\n一、工作力量\n（一）从各乡镇（街道）抽调工作人员到县专班集中办公。\n"))
    page = phone("dept_housing")
    page.goto(f"/review/reviews/{review.pk}/", timeout=60_000)
    finding = page.locator(".rv-finding").filter(has_text="从县及以下单位借调干部（高）")
    expect(finding).to_contain_text("依据：《整治形式主义为基层减负若干规定》第四部分“规范借调干部”"
                                    "（上级机关、单位原则上不得从县及以下单位借调干部）")
    body = page.locator("main").inner_text() if page.locator("main").count() else page.inner_text("body")
    assert "待核" not in body and "BR-" not in body
    assert fits_the_phone(page)
    docx = page.request.get(f"/review/reviews/{review.pk}/annotated.docx")
    assert docx.status == 200
    with zipfile.ZipFile(io.BytesIO(docx.body())) as archive:
        comments = archive.read("word/comments.xml").decode("utf-8")
    assert "【从县及以下单位借调干部｜高】" in comments
    assert "待核" not in comments and "（规则" not in comments and "BR-SEC" not in comments
