"""newuser32c in Chromium at 390 × 844: a township officer answers a referral after the interview (the 结果 select offers
only 已录用 / 未成功, behind 选择结果) and sees the 备注 typed at 纳入帮扶; the county's 人社局 taps the dashboard's
在帮扶未就业 figure and gets the list it counts."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect


def test_a_referral_after_the_interview_is_answered_from_the_results_it_may_take(phone, world):
    from jianfu.employment.models import KeyStatus, Referral
    from jianfu.employment.tests.factories import key_person_in, person_in, posting_in

    kp = key_person_in(person=person_in(name="邢斌", gender="M"), status=KeyStatus.INTERVIEWING,
                       note="赶集时遇到\n电话打不通时找村委")
    referral = Referral.objects.create(key_person=kp, posting=posting_in(title="电子厂普工"), org_code=kp.org_code,
                                       grid_code=kp.grid_code, referred_on=dt.date.today(), status="interviewed")
    page = phone("town_quzhang")
    page.goto(f"/employment/people/{kp.pk}/", timeout=60_000)
    expect(page.locator("#kp-note th")).to_have_text("备注")
    assert page.locator("#kp-note td").inner_text() == "赶集时遇到\n电话打不通时找村委"   # line by line
    result = page.locator(f"#referral-status-{referral.pk}")
    expect(result.locator("option")).to_have_text(["选择结果", "已录用", "未成功"])
    expect(result).to_have_value("")
    assert fits_the_phone(page)
    shot(page, "newuser32c-referral-results")

    # nothing chosen: the browser asks for a result, nothing is posted
    page.get_by_role("button", name="记录", exact=True).click()
    assert page.evaluate(f"document.getElementById('referral-status-{referral.pk}').validity.valueMissing")
    assert Referral.objects.get(pk=referral.pk).status == "interviewed"

    result.select_option(label="未成功")
    page.locator(f"#refused-by-{referral.pk}").select_option(label="用人单位")
    page.locator(f"#referral-reason-{referral.pk}").fill("厂里说年龄超过45岁不要")
    page.get_by_role("button", name="记录", exact=True).click()
    expect(page.locator("td", has_text="未成功：")).to_have_text(re.compile(r"^\s*未成功：用人单位，厂里说年龄超过45岁不要\s*$"))
    assert Referral.objects.filter(pk=referral.pk).values_list("status", "refused_by", "refusal_reason").get() == (
        "refused", "employer", "厂里说年龄超过45岁不要")


def test_the_dashboard_figure_in_need_opens_the_list_it_counts(phone, world):
    from jianfu.employment.models import KeyStatus
    from jianfu.employment.tests.factories import hrss_account, key_person_in

    hrss_account(world)
    for status in (KeyStatus.UNEMPLOYED, KeyStatus.REFERRED, KeyStatus.INTERVIEWING, KeyStatus.EMPLOYED):
        key_person_in(status=status)
    page = phone("dept_hrss")
    page.goto("/employment/dashboard/", timeout=60_000)
    figure = page.locator("#stat-seeking")
    expect(figure).to_have_text("3")
    assert figure.bounding_box()["height"] >= 44
    assert fits_the_phone(page)
    figure.click()
    expect(page.locator("#status")).to_have_value("seeking")
    expect(page.locator("#status option:checked")).to_have_text("在帮扶未就业（失业、已推荐、面试中）")
    expect(page.locator("table.cards tbody tr")).to_have_count(3)
    expect(page.get_by_text(re.compile(r"共 3 条"))).to_have_count(1)
    assert fits_the_phone(page)
    shot(page, "newuser32c-dashboard-seeking-list")
