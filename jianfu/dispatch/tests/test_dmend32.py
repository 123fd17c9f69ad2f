"""dmend32: the dispatch pages a new user stumbled on (newuser32a's walk at 390 px).

#1 the queue's suggestion is picked, then sent by the one 派发 button naming its department (one tap dispatched);
#2 a refused 吹哨 says every field's reason at once; #3 申请延期 / 退回 say their 4-character minimum beforehand;
#4 an event with no 事项 says 未定事项, the catalogue on its own line; #5 a report naming its matter reads the same in
the header and the timeline; #6 a late 办结 stays 已办结（超期 N 个工作日）; #7 the reporter's news in one status word,
the rating called 评价; #8 a 退回 names the event and lands where the department was."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.core.formtokens import token_new
from jianfu.dispatch import selectors, services
from jianfu.dispatch.deadlines import BEIJING
from jianfu.dispatch.models import TimelineEntry
from jianfu.dispatch.tests.factories import FORESTRY, HOUSING, event_in, snapshot
from jianfu.dispatch.workflow import Action, Status

pytestmark = pytest.mark.django_db


def _card(page: str, event) -> str:
    block = page[page.index(f'id="suggest-{event.pk}"'):]
    return block[:block.index("</form>\n</div>")]


def test_a_queue_suggestion_is_picked_then_sent_by_the_button_naming_its_department(world, catalogue):
    event = event_in(world, status=Status.REPORTED, catalogue_version=catalogue, routing_mode="none",
                     routing_candidates=[{"matter": "LY-001", "department": FORESTRY, "score": 0.6},
                                         {"matter": "ZJ-001", "department": HOUSING, "score": 0.35}])
    card = _card(world.client("county_office").get("/dispatch/queue/").content.decode(), event)
    # no form that sends a suggestion in the tap that picks it: the options are radios, the buttons name departments
    assert '<input type="hidden" name="department_code"' not in card and "点击即派发" not in card
    assert card.count('<input type="radio" class="pick') == 2
    assert card.count('<button type="submit" class="send') == 2
    assert (f'<button type="submit" class="send send-0" name="suggestion" value="{FORESTRY}|LY-001">派发给林业局'
            '</button>') in card
    assert (f'<button type="submit" class="send send-1" name="suggestion" value="{HOUSING}|ZJ-001">'
            '派发给住房和城乡建设局</button>') in card
    assert '<p class="muted pick-first">请先点选一项建议。</p>' in card
    # the picked one's button, as the browser posts it (the radio's index beside it)
    response = world.client("county_office").post(f"/dispatch/events/{event.pk}/dispatch/", {
        "pick": "1", "suggestion": f"{HOUSING}|ZJ-001", "next": "queue"})
    assert (response.status_code, response["Location"]) == (302, "/dispatch/queue/")
    event.refresh_from_db()
    assert (event.status, event.department_code, event.matter.code) == (Status.DISPATCHED, HOUSING, "ZJ-001")


def test_a_refused_whistle_names_every_fields_reason_at_once(world):
    event = event_in(world)
    before = snapshot(event)
    response = world.client("town_quzhang").post(f"/dispatch/events/{event.pk}/whistle/", {
        "reason": "", "checkin_hours": "24", "form_token": token_new()})
    page = response.content.decode()
    assert response.status_code == 400
    assert '<ul class="errorlist" id="id_wdepts_error"><li>请至少选择一个报到部门。</li></ul>' in page
    assert '<ul class="errorlist" id="id_wreason_error"><li>请填写吹哨事由。</li></ul>' in page
    assert 'id="id_whours_error"' not in page and 'class="alert alert-error"' not in page
    # the page opens at 事由's box (the first refused input that takes the focus), once
    assert page.count(" autofocus") == 1
    assert ('<textarea id="id_wreason" name="reason" maxlength="2000" required aria-invalid="true" '
            'aria-describedby="id_wreason_error" autofocus></textarea>') in page
    assert snapshot(event) == before


def test_the_whistle_service_refuses_every_field_at_once(world):
    from jianfu.core.errors import ApplicationError

    event = event_in(world)
    with pytest.raises(ApplicationError) as refused:
        services.whistle_blow(actor=world.users["town_quzhang"], event=event, department_codes=[], reason="",
                              checkin_hours=500)
    assert refused.value.details == {"fields": {"reason": "请填写吹哨事由。", "departments": "请至少选择一个报到部门。",
                                                "checkin_hours": "报到时限必须在 1 到 168 小时之间。"}}
    assert event.whistles.count() == 0


def test_extension_and_return_say_their_minimum_beside_the_box_beforehand(world):
    event = event_in(world, status=Status.ACCEPTED)
    page = world.client("dept_forestry").get(f"/dispatch/events/{event.pk}/").content.decode()
    assert ('<label for="id_xreason">延期理由 <span class="muted min-len">（至少 4 个字）</span></label>') in page
    assert ('<label for="id_reason">退回理由（不属于本部门职责） <span class="muted min-len">（至少 4 个字）</span>'
            '</label>') in page


def test_an_event_with_no_matter_says_so_and_names_the_catalogue_apart(world, catalogue):
    event = event_in(world, status=Status.REPORTED, catalogue_version=catalogue, routing_mode="none")
    page = world.client("grid_a").get(f"/dispatch/events/{event.pk}/").content.decode()
    assert '<dd id="matter">未定事项</dd>' in page
    assert f'<dt>职责清单</dt><dd id="catalogue" class="muted">{catalogue}</dd>' in page


def test_a_report_naming_its_matter_reads_the_same_in_the_header_and_the_timeline(world, catalogue):
    event = services.event_report(actor=world.users["grid_a"], org_code="450521200206001", source="grid",
                                  text="曲木村两户村民为后山林地界线争吵，双方都有林权证", matter_code="LY-001")
    assert (event.routing_mode, event.timeline.get(action=Action.DISPATCH).note) == (
        "reporter", "按上报人选定的事项派发至林业局。")
    page = world.client("grid_a").get(f"/dispatch/events/{event.pk}/").content.decode()
    assert "（上报人选定事项）" in page and "按上报人选定的事项派发至林业局。" in page
    assert "系统按职责清单派发" not in page
    # a row written before reads as its record says (left as written)
    entry = event.timeline.get(action=Action.DISPATCH)
    TimelineEntry.objects.filter(pk=entry.pk).update(note="系统按职责清单派发至林业局（置信度 1.00）。")
    assert [r.note for r in selectors.event_timeline(user=world.users["grid_a"], event=event)
            if r.action == Action.DISPATCH] == ["按上报人选定的事项派发至林业局。"]
    assert TimelineEntry.objects.get(pk=entry.pk).note == "系统按职责清单派发至林业局（置信度 1.00）。"


@pytest.mark.parametrize(("resolved", "badge"), [
    (dt.datetime(2026, 3, 5, 10, 0), '<span class="badge badge-bad" id="resolved-late">已办结（超期 3 个工作日）</span>'),
    (dt.datetime(2026, 3, 2, 18, 0), '<span class="badge badge-bad" id="resolved-late">已办结（超期不足 1 个工作日）</span>'),
    (dt.datetime(2026, 3, 2, 16, 0), None),
])
def test_a_late_resolution_stays_overdue_on_the_page(world, resolved, badge):
    due = dt.datetime(2026, 3, 2, 17, 0, tzinfo=BEIJING)   # a Monday
    event = event_in(world, status=Status.CLOSED, due_at=due, resolved_at=resolved.replace(tzinfo=BEIJING))
    page = world.client("grid_a").get(f"/dispatch/events/{event.pk}/").content.decode()
    if badge is None:
        assert 'id="resolved-late"' not in page and "超期" not in page
    else:
        assert badge in page


def test_the_reporters_news_says_one_status_word_and_the_rating_is_called_so(world):
    event = event_in(world, status=Status.IN_PROGRESS)
    services.event_resolve(actor=world.users["dept_forestry"], event=event, resolution="已现场调解，双方签字认可")
    services.event_feedback(actor=world.users["grid_a"], event=event, score=4, comment="")
    returned = event_in(world, text="另一件事，不归林业局")
    services.event_return(actor=world.users["dept_forestry"], event=returned, reason="不属于本部门职责")
    _count, rows = selectors.reporter_updates(user=world.users["grid_a"])
    assert [(r["number"], r["status"], r["action"]) for r in rows] == [
        (returned.number, "待分派", "退回"), (event.number, "已关闭", "")]
    page = world.client("grid_a").get(f"/dispatch/events/{event.pk}/").content.decode()
    assert ('<li data-action="close"><time>' in page
            and '<span class="badge badge-info">评价</span> <strong>' in page)
    assert '<span class="badge badge-info">关闭</span>' not in page


def test_a_return_names_the_event_and_lands_on_the_list_it_was_opened_from(world):
    event = event_in(world)
    client = world.client("dept_forestry")
    listed = "/dispatch/?status=dispatched&mine=1"
    page = client.get(f"/dispatch/events/{event.pk}/", HTTP_REFERER=f"http://testserver{listed}").content.decode()
    assert '<input type="hidden" name="next" value="/dispatch/?status=dispatched&amp;mine=1">' in page
    response = client.post(f"/dispatch/events/{event.pk}/return/", {"reason": "不属于本部门职责", "next": listed})
    assert (response.status_code, response["Location"]) == (302, listed)
    assert f"事件 {event.number} 已退回县指挥中心。" in client.get(listed).content.decode()


@pytest.mark.parametrize("posted", ["https://evil.example/dispatch/", "//evil.example/", "/dispatch/events/1/",
                                    "/accounts/logout/", ""])
def test_a_return_lands_on_the_event_list_when_it_came_from_elsewhere(world, posted):
    event = event_in(world)
    response = world.client("dept_forestry").post(f"/dispatch/events/{event.pk}/return/",
                                                  {"reason": "不属于本部门职责", "next": posted})
    assert (response.status_code, response["Location"]) == (302, "/dispatch/")
