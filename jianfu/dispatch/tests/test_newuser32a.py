"""newuser32a: a grid worker's three reports, the township's 吹哨, the housing department's day, the rating.

#1 a department's workbench count opens a list of the same events (待签收 3 opened 4: an event of 城管 it was only
   summoned to was among them; 即将到期 opened every 处理中 event), and a list opened filtered says so (the township's
   延期待批 list looked unfiltered and 筛选 dropped the filter);
#2 the rating's score is in the record when the reporter also writes a comment (the comment stood for it alone)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from jianfu.dispatch import services
from jianfu.dispatch.tests.factories import FORESTRY, HOUSING, event_in
from jianfu.dispatch.workflow import Status

pytestmark = pytest.mark.django_db


def _dispatch_todos(user) -> list[tuple[str, int, str]]:
    from jianfu.dispatch.workbench import todos

    return [(t.title, t.count, t.url) for t in todos(user)]


def _numbers_listed(page: str, *events) -> list[str]:
    return [e.number for e in events if e.number in page]


def test_a_departments_workbench_counts_open_lists_of_its_own_events(world):
    own = event_in(world, department=HOUSING, text="危房墙体倾斜，屋里住着老人")
    summoned = event_in(world, department=FORESTRY, text="水沟堵塞污水漫到路上")   # 林业局's, 住建 summoned to it
    services.whistle_blow(actor=world.users["town_quzhang"], event=summoned, department_codes=[HOUSING],
                          reason="需住建排查排水设施", checkin_hours=24)
    soon = event_in(world, department=HOUSING, status=Status.ACCEPTED, due_in_hours=10, reminded=True,
                    text="老屋屋顶局部坍塌")
    later = event_in(world, department=HOUSING, status=Status.IN_PROGRESS, due_in_hours=200, text="小区物业乱收费")
    housing = world.users["dept_housing"]
    todos = _dispatch_todos(housing)
    assert [t for t in todos if t[0] in ("待签收的事件", "即将到期的事件")] == [
        ("待签收的事件", 1, "/dispatch/?status=dispatched&mine=1"),
        ("即将到期的事件", 1, "/dispatch/?soon=1&mine=1"),
    ]
    client = world.client("dept_housing")
    page = client.get("/dispatch/", {"status": "dispatched", "mine": "1"}).content.decode()
    assert _numbers_listed(page, own, summoned) == [own.number]
    assert '<input type="checkbox" name="mine" value="1" checked>' in page
    assert 'href="/dispatch/export.xlsx?status=dispatched&amp;mine=1"' in page
    # without the tick the summoned event is listed too, as the department may open it to 报到
    page = client.get("/dispatch/", {"status": "dispatched"}).content.decode()
    assert _numbers_listed(page, own, summoned) == [own.number, summoned.number]
    page = client.get("/dispatch/", {"soon": "1", "mine": "1"}).content.decode()
    assert _numbers_listed(page, soon, later, own) == [soon.number]
    assert '<input type="checkbox" name="soon" value="1" checked>' in page


def test_mine_means_nothing_for_an_account_without_a_department(world):
    event = event_in(world, department=HOUSING)
    page = world.client("town_quzhang").get("/dispatch/", {"mine": "1"}).content.decode()
    assert event.number in page
    assert 'name="mine"' not in page
    assert 'href="/dispatch/export.xlsx"' in page


def test_the_pending_extensions_list_says_it_is_filtered_and_keeps_the_filter(world):
    waiting = event_in(world, status=Status.ACCEPTED, due_in_hours=48)
    other = event_in(world, status=Status.ACCEPTED, due_in_hours=48, text="另一件事")
    services.event_extension_request(actor=world.users["dept_forestry"], event=waiting, workdays=2,
                                     reason="等待第三方鉴定报告")
    town = world.client("town_quzhang")
    page = town.get("/dispatch/", {"extension": "pending"}).content.decode()
    assert _numbers_listed(page, waiting, other) == [waiting.number]
    assert '<input type="checkbox" name="extension" value="pending" checked>' in page
    page = town.get("/dispatch/").content.decode()
    assert _numbers_listed(page, waiting, other) == [waiting.number, other.number]
    assert '<input type="checkbox" name="extension" value="pending">' in page
    # a grid worker approves nothing: no such tick on its list
    assert 'name="extension"' not in world.client("grid_a").get("/dispatch/").content.decode()


@pytest.mark.parametrize(("score", "comment", "action", "note"), [
    (4, "护栏已换好，就是拖了一周多", "close", "上报人评价：满意（4 分）。意见：护栏已换好，就是拖了一周多"),
    (2, "护栏还是松的", "reopen", "上报人评价：不满意（2 分），重新办理。意见：护栏还是松的"),
    (5, "", "close", "上报人评价：满意（5 分）。"),
])
def test_the_reporters_score_is_in_the_record_with_the_comment(world, score, comment, action, note):
    event = event_in(world, status=Status.RESOLVED)
    services.event_feedback(actor=world.users["grid_a"], event=event, score=score, comment=comment)
    entry = event.timeline.filter(action=action).get()
    assert (entry.note, entry.data["score"]) == (note, score)
    page = world.client("grid_a").get(f"/dispatch/events/{event.pk}/").content.decode()
    assert note in page


def test_a_refused_rating_writes_no_record(world):
    event = event_in(world, status=Status.RESOLVED)
    before = event.timeline.count()
    response = world.client("grid_a").post(f"/dispatch/events/{event.pk}/feedback/",
                                           {"score": "", "comment": "护栏已换好"})
    assert response.status_code == 400
    event.refresh_from_db()
    assert (event.status, event.timeline.count(), event.feedback.count()) == (Status.RESOLVED, before, 0)


def test_the_due_soon_filter_leaves_out_overdue_and_unreminded_events(world):
    from jianfu.dispatch import selectors

    now = timezone.now()
    near = event_in(world, status=Status.IN_PROGRESS, due_at=now + dt.timedelta(hours=5), reminded=True)
    event_in(world, status=Status.IN_PROGRESS, due_at=now - dt.timedelta(hours=5), reminded=True)   # overdue
    event_in(world, status=Status.IN_PROGRESS, due_at=now + dt.timedelta(hours=5))                 # not reminded
    event_in(world, status=Status.RESOLVED, due_at=now + dt.timedelta(hours=5), reminded=True)     # done
    assert list(selectors.event_list(user=world.users["dept_forestry"], due_soon=True)) == [near]
