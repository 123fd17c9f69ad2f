"""直通车's lock before action (session 11, N10) in Chromium at 390 px: a handler's action is refused with the Chinese
message and changes nothing until this session has unlocked with the passphrase — a request made before unlocking,
and a page left open in a tab after 锁定 in another — and after unlocking the same action is done."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import fits_the_phone, shot
from tests.e2e.test_directline import expect

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
REFUSED = "请先用直通车口令解锁，阅读反映内容后再办理。"
TEXT = "乡里要求村干部每天在三个政务应用里打卡，并按打卡率排名通报。"


@pytest.fixture
def handler_key(world):
    from jianfu.directline.tests.factories import county_key_with_handler

    return county_key_with_handler(world)


def state(report):
    """What an action would change: the report's status, its messages, the report's audit trail (an unlock is
    audited too, on its own)."""
    from jianfu.core.models import AuditRecord
    from jianfu.directline.models import Message

    report.refresh_from_db()
    return (report.status, Message.objects.filter(report=report).count(),
            list(AuditRecord.objects.filter(action__startswith="directline.report.").order_by("pk").values_list("action", flat=True)))


def post_from_the_page(page, path: str, **fields) -> None:
    """A POST the page itself did not offer (as a stale tab, a bookmarklet or a script would send it), with the
    page's CSRF token."""
    page.evaluate("""([path, fields]) => {
        const form = document.createElement('form');
        form.method = 'post';
        form.action = path;
        const token = document.querySelector('input[name=csrfmiddlewaretoken]').value;
        for (const [name, value] of Object.entries({csrfmiddlewaretoken: token, ...fields})) {
            const input = document.createElement('input');
            input.type = 'hidden'; input.name = name; input.value = value;
            form.appendChild(input);
        }
        document.body.appendChild(form);
        form.submit();
    }""", [path, fields])


def unlock(page) -> None:
    from jianfu.directline.tests.factories import PASSPHRASE

    page.get_by_role("link", name="解锁", exact=True).click()
    page.fill("#id_passphrase", PASSPHRASE)
    page.get_by_role("button", name="解锁").click()


def test_an_action_before_unlocking_is_refused_and_changes_nothing_after_unlocking_it_is_done(phone, world,
                                                                                           handler_key):
    from jianfu.directline.tests.factories import submitted

    report, _code = submitted(TEXT)
    before = state(report)
    assert before[0] == "new"
    handler = phone("county_office")
    handler.goto(f"/directline/{report.pk}/")
    expect(handler.locator(".alert-info")).to_contain_text("内容已加密")
    expect(handler.locator("#act-locked")).to_have_text("解锁并阅读反映内容后才能受理、提问或办结。")
    expect(handler.get_by_role("button", name="受理")).to_have_count(0)      # no action is offered locked
    expect(handler.locator("body")).not_to_contain_text(TEXT)

    # 受理 sent anyway, before unlocking: refused with the reason, nothing changed
    post_from_the_page(handler, f"/directline/{report.pk}/act/accept/")
    expect(handler.locator(".alert-error")).to_have_text(REFUSED)
    expect(handler.locator("p strong").first).to_have_text("待受理")
    assert state(report) == before
    assert fits_the_phone(handler)
    shot(handler, "directline-action-refused-locked")

    # unlocked, the report reads and the actions are offered; locked again from another tab, the open page's
    # 受理 is refused the same way
    unlock(handler)
    # the refused action answered with the report's page at the action's address: unlocking from it comes back to
    # the report, not to the action (a GET of which is refused)
    expect(handler).to_have_url(re.compile(rf"/directline/{report.pk}/$"))
    handler.goto(f"/directline/{report.pk}/")
    expect(handler.locator("section.card")).to_contain_text(TEXT)
    other_tab = handler.context.new_page()
    other_tab.goto("/directline/")
    other_tab.get_by_role("button", name="锁定").click()
    expect(other_tab.get_by_role("link", name="解锁以阅读内容")).to_be_visible()
    # back to the handler's tab: headless Chromium may not paint a tab behind another one, and a screenshot of it
    # then waits for a frame that never comes
    other_tab.close()
    handler.bring_to_front()
    handler.get_by_role("button", name="受理").click()
    expect(handler.locator(".alert-error")).to_have_text(REFUSED)
    expect(handler.locator(".alert-info")).to_contain_text("内容已加密")
    assert state(report) == before

    # unlocked again: 受理 is done, then a question to the reporter
    unlock(handler)
    handler.goto(f"/directline/{report.pk}/")
    handler.get_by_role("button", name="受理").click()
    expect(handler.locator("p strong").first).to_have_text("核查中")
    expect(handler.locator(".alert-error")).to_have_count(0)
    handler.fill("#id_q", "请问是哪三个政务应用？")
    handler.get_by_role("button", name="提问").click()
    expect(handler.locator("p strong").first).to_have_text("待反映人补充")
    expect(handler.locator("ol.timeline")).to_contain_text("请问是哪三个政务应用？")
    assert state(report) == ("awaiting_reporter", 1, ["directline.report.accept", "directline.report.ask"])
    assert fits_the_phone(handler)
    shot(handler, "directline-action-after-unlock")
