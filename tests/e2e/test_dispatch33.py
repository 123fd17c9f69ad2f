"""dispatch33 in Chromium at 390 × 844: a reason box of fewer than 4 characters is held by the browser (`minlength`)
before anything is posted — the minimum was said only in the service's refusal, after a round trip."""

from __future__ import annotations

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect


def test_a_two_character_return_reason_is_held_by_the_browser(phone, world):
    from jianfu.core.models import AuditRecord
    from jianfu.dispatch.models import Event
    from jianfu.dispatch.tests.factories import event_in

    event = event_in(world)   # dispatched to 林业局
    page = phone("dept_forestry")
    page.goto(f"/dispatch/events/{event.pk}/", timeout=60_000)
    expect(page.locator("label[for=id_reason] .min-len")).to_have_text("（至少 4 个字）")
    before = (Event.objects.filter(pk=event.pk).values_list("status", "department_code").get(),
              AuditRecord.objects.count())
    posted = []
    page.on("request", lambda r: posted.append(r.url) if r.method == "POST" else None)
    page.fill("#id_reason", "不归")
    page.get_by_role("button", name="退回").click()
    assert page.eval_on_selector("#id_reason", "e => e.validity.tooShort") is True
    expect(page.locator("#id_reason")).to_have_value("不归")
    assert page.url.endswith(f"/dispatch/events/{event.pk}/")
    assert posted == []
    assert fits_the_phone(page)
    shot(page, "dispatch33-return-too-short")
    assert (Event.objects.filter(pk=event.pk).values_list("status", "department_code").get(),
            AuditRecord.objects.count()) == before
    page.fill("#id_reason", "不归本局，属于住建职责")
    page.get_by_role("button", name="退回").click()
    expect(page.locator(".alert-success")).to_have_text(f"事件 {event.number} 已退回县指挥中心。")
    assert Event.objects.filter(pk=event.pk).values_list("status", "department_code").get() == ("reported", "")
