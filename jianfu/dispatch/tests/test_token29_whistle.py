"""fix-token29: the event page's 吹哨 form carries the house's one-time form_token (ADR 0035). A second post of the
same form (a double tap, a retry after a timeout, back then 吹哨) summoned the same departments a second time: two
whistles, two summons each, two audit rows. Now it is answered with the first whistle; a post without a token is
refused with nothing written; the same token with another 事由 is an expired form (ADR 0036).

The event page's other forms without a token were checked to refuse their second post (see
scripts/post_forms_without_token.py's allow-list): 反馈/评价 (the event is no longer 已办结), 重新交办 (no longer
办结/关闭), 申请延期 (one pending request), 协办 (the department already assists), 考核评价 (one rating a department)."""

from __future__ import annotations

import pytest

from jianfu.core.formtokens import FORM_EXPIRED as EXPIRED
from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.dispatch.models import (
    DepartmentRating,
    EventAssist,
    ExtensionRequest,
    Feedback,
    Whistle,
    WhistleSummons,
)
from jianfu.dispatch.tests.factories import FORESTRY, HOUSING, event_in

pytestmark = pytest.mark.django_db


def _whistles() -> tuple[int, int, int]:
    return (Whistle.objects.count(), WhistleSummons.objects.count(),
            AuditRecord.objects.filter(action="dispatch.whistle.blow").count())


def test_the_whistle_form_carries_a_token_and_two_identical_posts_summon_once(world, catalogue):
    event = event_in(world, status="accepted")
    town = world.client("town_quzhang")
    page = town.get(f"/dispatch/events/{event.pk}/").content.decode()
    assert page.count('<input type="hidden" name="form_token" value="') == 1
    form = {"departments": [HOUSING, FORESTRY], "reason": "需要住建、林业部门联合处置", "checkin_hours": "24",
            "form_token": token_new()}
    first = town.post(f"/dispatch/events/{event.pk}/whistle/", form)
    second = town.post(f"/dispatch/events/{event.pk}/whistle/", form)
    assert (first.status_code, first["Location"]) == (302, f"/dispatch/events/{event.pk}/")
    assert (second.status_code, second["Location"]) == (302, f"/dispatch/events/{event.pk}/")
    assert _whistles() == (1, 2, 1)
    assert "该表单已提交过，没有重复吹哨。" in town.get(f"/dispatch/events/{event.pk}/").content.decode()
    # the same token kept across the back button (form_token_back) is the same form
    back = {**form, "form_token": token_new(), "form_token_back": form["form_token"]}
    assert town.post(f"/dispatch/events/{event.pk}/whistle/", back).status_code == 302
    assert _whistles() == (1, 2, 1)


def test_a_whistle_without_a_token_or_with_a_reused_one_writes_nothing(world, catalogue):
    event = event_in(world, status="accepted")
    town = world.client("town_quzhang")
    form = {"departments": [HOUSING], "reason": "需要住建部门联合处置", "checkin_hours": "24"}
    r = town.post(f"/dispatch/events/{event.pk}/whistle/", form)
    # the event page again, a 400, not a redirect (forms400b)
    assert r.status_code == 400
    assert _whistles() == (0, 0, 0)
    page = r.content.decode()
    assert EXPIRED in page
    assert "需要住建部门联合处置</textarea>" in page   # what was typed comes back (newuser15 F11)
    forged = {**form, "form_token": "short"}
    assert town.post(f"/dispatch/events/{event.pk}/whistle/", forged).status_code == 400
    assert _whistles() == (0, 0, 0)
    token = token_new()
    assert town.post(f"/dispatch/events/{event.pk}/whistle/", {**form, "form_token": token}).status_code == 302
    assert _whistles() == (1, 1, 1)
    # the same token with another 事由: not a repeat, an expired form, nothing more written
    other = {**form, "reason": "另一件事需要住建部门", "form_token": token}
    refused = town.post(f"/dispatch/events/{event.pk}/whistle/", other)
    assert refused.status_code == 400
    assert _whistles() == (1, 1, 1)
    assert EXPIRED in refused.content.decode() and "另一件事需要住建部门</textarea>" in refused.content.decode()


def test_the_event_forms_left_without_a_token_refuse_their_second_post(world, catalogue):
    """The allow-list's reasons, checked: each form posted twice writes one row."""
    resolved, to_reopen = event_in(world, status="resolved"), event_in(world, status="resolved")
    reporter, town = world.client("grid_a"), world.client("town_quzhang")
    for _ in range(2):
        town.post(f"/dispatch/events/{resolved.pk}/rate/", {"score": "4", "comment": "及时"})
        reporter.post(f"/dispatch/events/{resolved.pk}/feedback/", {"score": "5"})
        reporter.post(f"/dispatch/events/{to_reopen.pk}/reopen/", {"reason": "问题依旧"})
    assert DepartmentRating.objects.filter(event=resolved).count() == 1
    assert Feedback.objects.filter(event=resolved).count() == 1
    to_reopen.refresh_from_db()
    assert (to_reopen.reopen_count, to_reopen.timeline.filter(action="reopen").count()) == (1, 1)
    accepted = event_in(world, status="accepted")
    forestry = world.client("dept_forestry")
    for _ in range(2):
        forestry.post(f"/dispatch/events/{accepted.pk}/extension/", {"workdays": "3", "reason": "需等待鉴定结果"})
        forestry.post(f"/dispatch/events/{accepted.pk}/assist/", {"department_code": HOUSING, "note": "核查房屋"})
    assert ExtensionRequest.objects.filter(event=accepted).count() == 1
    assert EventAssist.objects.filter(event=accepted).count() == 1
