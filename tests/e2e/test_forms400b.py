"""Session 31 (forms400b): an event action refused on the event page answered a redirect and the typed reason was
gone. Now Chromium gets the page again (400) with the reason still in the box, the refusal beside it and the box
focused; corrected, the same form goes through."""

from __future__ import annotations

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect


def test_a_refused_return_comes_back_400_with_the_reason_typed(phone, world):
    from jianfu.core.models import AuditRecord
    from jianfu.dispatch.models import Event
    from jianfu.dispatch.tests.factories import event_in

    event = event_in(world)   # dispatched to 林业局
    page = phone("dept_forestry")
    page.goto(f"/dispatch/events/{event.pk}/", timeout=60_000)
    # the browser holds fewer than 4 characters (minlength, dispatch33); 2 among spaces pass it, and the service,
    # which counts what is left once they are stripped, refuses them
    page.fill("#id_reason", "  不归  ")
    before = (Event.objects.filter(pk=event.pk).values_list("status", "department_code").get(),
              AuditRecord.objects.count())
    with page.expect_response(lambda r: r.url.endswith(f"/dispatch/events/{event.pk}/return/")) as answer:
        page.get_by_role("button", name="退回").click()
    page.wait_for_load_state()
    assert answer.value.status == 400
    expect(page.locator("#id_reason_error")).to_have_text("退回理由至少需要 4 个字。")
    expect(page.locator("#id_reason")).to_have_value("  不归  ")   # as typed
    expect(page.locator("#id_reason")).to_be_focused()
    expect(page.locator(".alert-error")).to_have_count(0)   # said once, beside the box (fix-cr31b #2)
    assert fits_the_phone(page)
    shot(page, "s31_event_return_refused_400")
    assert (Event.objects.filter(pk=event.pk).values_list("status", "department_code").get(),
            AuditRecord.objects.count()) == before
    page.fill("#id_reason", "不归本局，属于住建职责")
    page.get_by_role("button", name="退回").click()
    expect(page.locator(".alert-success")).to_have_text(f"事件 {event.number} 已退回县指挥中心。")   # dmend32 #8
    assert page.url.endswith("/dispatch/")
    assert Event.objects.filter(pk=event.pk).values_list("status", "department_code").get() == ("reported", "")
