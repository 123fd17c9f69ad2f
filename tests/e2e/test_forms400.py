"""Session 31 (forms400): a refused form answers 400 and Chromium still shows it whole — the reason beside the field,
what was typed — and the corrected post goes through once (the refusal spent no token). No form re-rendered on a
refusal is posted by htmx: the only hx-post controls are the 查看完整号码 buttons, which answer the number (200) or an
error page (403/404), and htmx 2's default leaves a 4xx unswapped (base.html configures no responseHandling). What a
400 page must keep is its htmx working: the person page after a refused 服务记录 (400) still reveals the phone."""

from __future__ import annotations

import re

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect

UNEMPLOYED_DATE = "登记失业人员请填写失业认定日期；未办理失业登记的，请取消勾选“登记失业人员”。"


def test_a_refused_take_in_comes_back_400_with_the_reason_and_the_typing(phone, world):
    """A plain form: 纳入帮扶 without the 认定 date of a ticked 登记失业人员."""
    from jianfu.core.models import AuditRecord
    from jianfu.employment.models import KeyPerson
    from jianfu.employment.tests.factories import person_in

    person = person_in(name="黄秀梅")              # unemployed in the registry: 登记失业人员 comes ticked
    page = phone("village_a")
    page.goto(f"/employment/people/add/?person={person.pk}", timeout=60_000)
    page.fill("#id_major", "电子商务")
    before = (KeyPerson.objects.count(), AuditRecord.objects.count())
    with page.expect_response(lambda r: "/employment/people/add/" in r.url and r.request.method == "POST") as answer:
        page.get_by_role("button", name="纳入帮扶").click()
    page.wait_for_load_state()
    assert answer.value.status == 400
    expect(page.locator("#id_unemployment_registered_on_error")).to_have_text(UNEMPLOYED_DATE)
    expect(page.locator("#form-errors")).to_contain_text("未能纳入，请按提示修改：")
    expect(page.locator("#id_major")).to_have_value("电子商务")
    expect(page.locator('input[name="groups"][value="is_registered_unemployed"]')).to_be_checked()
    assert fits_the_phone(page)
    shot(page, "s31_take_in_refused_400")
    assert (KeyPerson.objects.count(), AuditRecord.objects.count()) == before
    page.fill("#id_unemployment_registered_on", "2026-11-02")
    page.get_by_role("button", name="纳入帮扶").click()
    expect(page.locator(".alert-success")).to_have_text("已纳入就业帮扶。下一步：填写求职意向。")
    kp = KeyPerson.objects.get(person=person)
    assert page.url.endswith(f"/employment/people/{kp.pk}/profile/")
    assert (KeyPerson.objects.count(), kp.major) == (before[0] + 1, "电子商务")


def test_htmx_still_works_on_a_page_that_came_back_400(phone, world):
    """The person page after a refused 服务记录 (an amount the service refuses; 400): its htmx 查看完整号码 still
    swaps the number in."""
    from jianfu.core.models import AuditRecord
    from jianfu.employment.models import ServiceRecord
    from jianfu.employment.tests.factories import key_person_in, person_in

    kp = key_person_in(person=person_in(name="陈美玲"))
    page = phone("village_a")
    page.goto(f"/employment/people/{kp.pk}/")
    page.get_by_text("登记培训或补贴").click()
    form = page.locator(f'form[action="/employment/people/{kp.pk}/services/"]')
    form.locator("#id_kind").select_option("training")
    form.locator("#id_title").fill("电工培训")
    form.locator("#id_amount").fill("一千")   # the browser lets it through; the service refuses it
    with page.expect_response(lambda r: r.url.endswith(f"/employment/people/{kp.pk}/services/")) as answer:
        form.get_by_role("button", name="保存").click()
    page.wait_for_load_state()
    assert answer.value.status == 400
    expect(page.get_by_role("alert").first).to_have_text("服务记录没有保存：「金额（元）」金额应为数字（元）。")
    expect(page.locator("#id_title")).to_have_value("电工培训")
    assert ServiceRecord.objects.count() == 0
    reveals = AuditRecord.objects.filter(action="pii.reveal").count()
    with page.expect_response(lambda r: r.url.endswith(f"/employment/people/{kp.pk}/reveal/")) as revealed:
        page.locator("#pii-phone").get_by_role("button", name="查看完整号码（将记录）").click()
    assert revealed.value.status == 200
    expect(page.locator("#pii-phone")).to_have_text(re.compile(r"^\s*138\d{8}\s*$"))
    assert AuditRecord.objects.filter(action="pii.reveal").count() == reveals + 1
    shot(page, "s31_person_page_400_htmx_reveal")
