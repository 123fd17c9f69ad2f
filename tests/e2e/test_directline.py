"""基层减负直通车 in Chromium at 390 px: an official reports with a phone number in the text, is warned,
removes it and sends, keeps the receipt code and later follows up with it; a handler unlocks, asks a
question, the reporter answers, the handler triages the report into a monitor finding, and the reporter
sees the outcome."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
TOWN, HOUSING = "450521200000", "450521000000D01"
CODE_RE = re.compile(r"[0-9A-Z]{4}(?:-[0-9A-Z]{4}){5}")
TEXT = "县住建局要求每个村每月报送 12 张危房排查照片，并在三个系统重复填报同一张台账。"


def expect(locator):
    from playwright.sync_api import expect as pw_expect

    return pw_expect(locator)


@pytest.fixture
def handler_key(world):
    from jianfu.directline.tests.factories import county_key_with_handler

    return county_key_with_handler(world)


def _follow(page, code: str):
    page.goto("/directline/public/follow/")
    page.fill("#id_code", code.lower().replace("-", " "))  # typed loosely, as people do
    page.get_by_role("button", name="查看").click()


def test_report_warned_code_question_answer_and_finding(phone, world, handler_key):
    from django.utils import timezone

    from jianfu.directline import services
    from jianfu.directline.models import Report
    from jianfu.directline.tests.factories import PASSPHRASE

    # An official (logged in, but anonymous on these pages) writes with a phone number in the text.
    official = phone("village_a")
    official.goto("/directline/public/report/")
    official.select_option("#id_place", TOWN)
    official.select_option("#id_category", "materials")
    official.fill("#id_text", TEXT + "有疑问可打我电话 13907791234。")
    official.get_by_role("button", name="匿名提交").click()
    expect(official.locator(".alert-warning")).to_contain_text("电话号码")
    expect(official.get_by_label("我已知晓，仍然发送")).to_be_visible()
    assert Report.objects.count() == 0
    assert fits_the_phone(official)
    shot(official, "directline-phone-warning")
    official.fill("#id_text", TEXT)  # removes the number and sends again
    official.get_by_role("button", name="匿名提交").click()
    expect(official.locator("h1")).to_contain_text("已收到您的反映")
    code = CODE_RE.search(official.locator(".receipt-code").inner_text()).group()
    assert fits_the_phone(official)
    shot(official, "directline-receipt-code")
    report = Report.objects.get()
    assert not report.contains_identifiers
    services.digest_send(slot=timezone.now())  # the next fixed-time digest releases it to the handlers

    # The handler unlocks and asks a question.
    handler = phone("county_office")
    handler.goto(f"/directline/{report.pk}/")
    expect(handler.locator(".alert-info")).to_contain_text("内容已加密")
    handler.get_by_role("link", name="解锁").click()
    handler.fill("#id_passphrase", PASSPHRASE)
    handler.get_by_role("button", name="解锁").click()
    expect(handler.locator("section.card")).to_contain_text("12 张危房排查照片")
    handler.fill("#id_q", "请问三个系统分别是哪三个？")
    handler.get_by_role("button", name="提问").click()
    expect(handler.locator("body")).to_contain_text("待反映人补充")
    assert fits_the_phone(handler)
    shot(handler, "directline-handler-asks")

    # The reporter follows up with the code and answers.
    _follow(official, code)
    expect(official.locator("ol.timeline")).to_contain_text("请问三个系统分别是哪三个？")
    official.fill("#id_answer", "住房安全鉴定系统、农村危房改造系统和乡镇自建的台账表。")
    official.get_by_role("button", name="发送").click()
    expect(official.locator(".alert-success")).to_contain_text("已发送")
    assert fits_the_phone(official)
    shot(official, "directline-reporter-answers")

    # The handler reads the answer and triages the report into a monitor finding.
    handler.goto(f"/directline/{report.pk}/")
    expect(handler.locator("ol.timeline")).to_contain_text("农村危房改造系统")
    handler.fill("#id_issuer", HOUSING)
    handler.fill("#id_summary", "住建局要求村级在三个系统重复填报危房排查台账")
    handler.get_by_role("button", name="转为监测问题").click()
    expect(handler.locator("body")).to_contain_text("已转为监测问题")
    assert fits_the_phone(handler)
    shot(handler, "directline-handler-finding")

    # The reporter sees the outcome.
    _follow(official, code)
    expect(official.locator("section.card")).to_contain_text("已作为减负监测问题登记并督促整改。")
    assert fits_the_phone(official)
    shot(official, "directline-reporter-outcome")
