"""newuser13 in Chromium at 390 px, not logged in: the login page and a village's public page lead to the
protected direct line (V02) and to the report form with the village chosen (V10); the direct line counts a long
paste and refuses it whole instead of cutting it (V11); back after a public report and 提交 again shows the first
case instead of filing a second (V03)."""

from __future__ import annotations

import re

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect
catalogue = test_daily_tasks.catalogue   # the fixture: the 12-matter catalogue in force in 合浦县
QUMU, TOWN = "450521200206", "450521200000"
CODE_RE = re.compile(r"[0-9A-Z]{4}(?:-[0-9A-Z]{4}){5}")


def test_the_direct_line_is_found_from_the_login_page_and_counts_a_long_paste(phone, world):
    from jianfu.directline.models import Report
    from jianfu.directline.tests.factories import county_key_with_handler

    county_key_with_handler(world)
    reporter = phone(None)
    reporter.goto("/", timeout=60_000)
    reporter.locator("#citizen-entry").get_by_role("link", name=re.compile("^基层减负直通车")).click()
    expect(reporter.locator("h1")).to_have_text("基层减负直通车")
    expect(reporter.locator("label[for=id_text]")).to_have_text("反映内容（最多 5000 字）")
    reporter.select_option("#id_place", TOWN)
    reporter.select_option("#id_category", "meeting")
    long_text = "县某局要求每周上报台账。" * 500 + "多出来的最后一句话。"   # 6010 characters, as pasted
    reporter.fill("#id_text", long_text)
    counter = reporter.locator("#id_text + .char-count")
    expect(counter).to_have_text("已输入 6010 字，最多 5000 字，超出 1010 字，请删减")
    expect(counter).to_have_class(re.compile(r"\bover\b"))
    reporter.get_by_role("button", name="匿名提交").click()
    expect(reporter.locator(".alert-error")).to_have_text("内容过长（6010 字），请控制在 5000 字以内，可分两次反映。")
    assert reporter.input_value("#id_text") == long_text      # nothing lost: all of it, to shorten
    assert Report.objects.count() == 0
    assert fits_the_phone(reporter)
    shot(reporter, "directline-long-paste-refused")
    reporter.fill("#id_text", long_text[:4990])
    expect(counter).to_have_text("已输入 4990 字，最多 5000 字")
    reporter.get_by_role("button", name="匿名提交").click()
    expect(reporter.locator("h1")).to_contain_text("已收到您的反映")
    assert CODE_RE.search(reporter.content()) is not None and Report.objects.count() == 1


def test_a_village_page_opens_the_report_with_the_village_and_back_resubmit_files_once(phone, world, catalogue):
    from jianfu.dispatch.models import Event
    from jianfu.villagepages.tests.factories import list_in

    list_in(QUMU)
    citizen = phone(None)
    citizen.goto(f"/villages/{QUMU}/", timeout=60_000)
    entry = citizen.locator("#citizen-entry")
    expect(entry.locator("h2")).to_have_text("群众办事")
    expect(entry.get_by_role("link", name=re.compile("^基层减负直通车"))).to_have_attribute(
        "href", "/directline/public/report/")
    assert fits_the_phone(citizen)
    shot(citizen, "village-page-citizen-entries")
    entry.get_by_role("link", name="我要反映问题").click()
    expect(citizen.locator("h1")).to_have_text("群众反映问题")
    assert citizen.input_value("#id_town") == TOWN and citizen.input_value("#id_org_code") == QUMU
    citizen.fill("#id_text", "曲木村三队路灯坏了两个星期，晚上很黑。")
    token = citizen.input_value("input[name=form_token_back]")    # filled by the page's script
    assert token == citizen.input_value("input[name=form_token]") and len(token) == 43
    citizen.get_by_role("button", name="提交", exact=True).click()
    number = citizen.locator("#case-number").inner_text()
    track = citizen.url
    assert Event.objects.get().case_number == number

    citizen.go_back()                       # the form comes back filled, as the new user saw it
    expect(citizen.locator("h1")).to_have_text("群众反映问题")
    assert citizen.input_value("#id_text") == "曲木村三队路灯坏了两个星期，晚上很黑。"
    # the page was fetched again (a new token in it), but the browser put back the earlier visit's token with the text
    assert citizen.input_value("input[name=form_token]") != token
    assert citizen.input_value("input[name=form_token_back]") == token
    citizen.get_by_role("button", name="提交", exact=True).click()
    expect(citizen.locator(".messages .alert")).to_have_text(
        f"这份反映已经提交过，受理编号 {number}，没有重复受理。如要反映另一件事，请重新打开反映页面。")
    expect(citizen.locator("#case-number")).to_have_text(number)
    assert citizen.url == track and Event.objects.count() == 1
    shot(citizen, "public-report-replayed")


def test_with_javascript_off_back_and_resubmit_files_once(phone, world, catalogue):
    """The same replay with JavaScript off (no script keeps the token): the browser puts the words back, and the
    same words from the session that filed them show the first case."""
    from jianfu.dispatch.models import Event

    citizen = phone(None, java_script_enabled=False)
    citizen.goto(f"/dispatch/public/report/?village={QUMU}", timeout=60_000)
    assert citizen.input_value("#id_org_code") == QUMU
    assert citizen.input_value("input[name=form_token_back]") == ""     # no script to fill it
    citizen.fill("#id_text", "曲木村村口的水管爆了，水流了一地。")
    citizen.get_by_role("button", name="提交", exact=True).click()
    number = citizen.locator("#case-number").inner_text()
    track = citizen.url
    citizen.go_back()
    expect(citizen.locator("h1")).to_have_text("群众反映问题")
    assert citizen.input_value("#id_text") == "曲木村村口的水管爆了，水流了一地。"
    citizen.get_by_role("button", name="提交", exact=True).click()
    expect(citizen.locator(".messages .alert")).to_have_text(
        f"这份反映已经提交过，受理编号 {number}，没有重复受理。如要反映另一件事，请重新打开反映页面。")
    assert citizen.url == track and Event.objects.count() == 1


def test_every_error_of_the_citizens_form_shows_at_once(phone, world, catalogue):
    """newuser26 #2: an empty submit said only 请填写事件描述; the 发生地 error came on the next try. The form posted
    without the browser's own checks (an old browser, a form whose `required` a phone ignores): the description, the
    place and a bad contact told at once — each beside its field and all in the alert — nothing filed, the typed
    words kept."""
    from jianfu.dispatch.models import Event

    citizen = phone(None)
    citizen.goto("/dispatch/public/report/", timeout=60_000)
    citizen.fill("#id_reporter_name", "张三")
    citizen.fill("#id_reporter_contact", "abc<script>")
    citizen.evaluate("document.querySelector('form.phone-form').noValidate = true")
    citizen.get_by_role("button", name="提交", exact=True).click()
    text_error, place_error = "请填写事件描述。", "请选择事件发生的村（社区）或网格。"
    contact_error = "联系电话“abc<script>”不是可以联系到的号码：请填写 11 位手机号、带区号的固定电话或电子邮箱，也可以不填。"
    expect(citizen.locator(".alert-error")).to_have_text(text_error + contact_error + place_error)
    expect(citizen.locator(".field-error")).to_have_text([text_error, place_error, contact_error])
    for field, error in (("#id_text", "#err-text"), ("#id_org_code", "#err-org_code"),
                         ("#id_reporter_contact", "#err-reporter_contact")):
        assert citizen.get_attribute(field, "aria-invalid") == "true"
        assert citizen.get_attribute(field, "aria-describedby") == error[1:]
        # marked as refused, a textarea and a select as an input (they had no red border)
        assert citizen.eval_on_selector(field, "el => getComputedStyle(el).borderTopColor") == "rgb(192, 57, 43)"
    assert citizen.input_value("#id_reporter_name") == "张三"
    assert citizen.input_value("#id_reporter_contact") == "abc<script>"
    assert fits_the_phone(citizen)
    shot(citizen, "newuser26-public-report-errors")
    assert Event.objects.count() == 0
