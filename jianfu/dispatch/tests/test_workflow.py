"""The event workflow: report → route → accept → resolve → feedback; returns, reopen, merge, refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from jianfu.core.errors import ApplicationError, ConflictError, NotFoundError, PermissionDeniedError
from jianfu.core.models import AuditRecord
from jianfu.dispatch import services
from jianfu.dispatch.models import Event, Feedback, RoutingFeedback, TimelineEntry
from jianfu.dispatch.tests.factories import FORESTRY, HOUSING, event_in, snapshot
from jianfu.dispatch.workflow import TRANSITIONS, Action, Status

LAND = "曲木村两户村民为后山一块林地的界线吵起来了，双方都拿出了林权证，请林业部门确认权属"


def report(world, text=LAND, user="grid_a", org="450521200206001", **kw):
    return services.event_report(actor=world.users[user], text=text, org_code=org, source="grid", **kw)


def test_seed_story_land_dispute_reaches_forestry(world, catalogue):
    event = report(world)
    event.refresh_from_db()
    assert event.status == Status.DISPATCHED
    assert event.department_code == FORESTRY
    # the router may settle on the matter (LY-001) or only on the department; both reach 林业局
    assert event.matter_id is None or event.matter.code == "LY-001"
    assert event.catalogue_version_id == catalogue.pk
    assert event.routing_mode == "catalogue"
    assert event.routing_confidence >= 0.3
    # LY-001 allows 20 working days (the default without a matter: 5), from the day after dispatch
    from jianfu.dispatch.deadlines import due_at
    assert event.due_at == due_at(event.dispatched_at, workdays=20 if event.matter_id else services.DEFAULT_WORKDAYS)
    assert list(event.timeline.values_list("action", "to_status")) == [("report", "reported"),
                                                                       ("dispatch", "dispatched")]
    assert AuditRecord.objects.filter(object_id=str(event.pk), action__startswith="dispatch.event.").count() == 2
    # the forestry bureau sees it, the housing bureau does not
    from jianfu.dispatch import selectors
    assert list(selectors.event_list(user=world.users["dept_forestry"]).values_list("pk", flat=True)) == [event.pk]
    assert list(selectors.event_list(user=world.users["dept_housing"])) == []
    assert list(selectors.event_list(user=world.users["village_a"]).values_list("pk", flat=True)) == [event.pk]
    assert list(selectors.event_list(user=world.users["village_b"])) == []


def test_full_cycle_to_closed_after_satisfied_feedback(world, catalogue):
    event = report(world)
    dept = world.users["dept_forestry"]
    services.event_accept(actor=dept, event=event)
    services.event_start(actor=dept, event=event, note="已联系双方")
    services.event_resolve(actor=dept, event=event, resolution="已出具林地权属证明，双方认可")
    services.event_feedback(actor=world.users["grid_a"], event=event, score=5, comment="满意")
    event.refresh_from_db()
    assert event.status == Status.CLOSED
    assert event.closed_at is not None
    assert [t for t in event.timeline.values_list("to_status", flat=True)] == [
        "reported", "dispatched", "accepted", "in_progress", "resolved", "closed"]
    assert Feedback.objects.get(event=event).satisfied is True


def test_unsatisfied_feedback_reopens_with_a_fresh_deadline(world, catalogue):
    event = event_in(world, status=Status.RESOLVED, due_in_hours=-100)
    services.event_feedback(actor=world.users["grid_a"], event=event, score=2, comment="没解决")
    event.refresh_from_db()
    assert event.status == Status.IN_PROGRESS
    assert event.reopen_count == 1
    assert event.due_at > timezone.now()
    assert event.escalation_level == 0
    assert Feedback.objects.get(event=event).satisfied is False


def test_concurrent_accept_only_one_wins(world, catalogue):
    event = event_in(world)
    first = Event.objects.get(pk=event.pk)      # two people load the same page
    second = Event.objects.get(pk=event.pk)
    services.event_accept(actor=world.users["dept_forestry"], event=first)
    with pytest.raises(ConflictError) as err:
        services.event_accept(actor=world.users["dept_forestry"], event=second)
    assert "已被他人处理" in err.value.message
    assert "已签收" in err.value.message
    assert TimelineEntry.objects.filter(event=event, action="accept").count() == 1
    assert AuditRecord.objects.filter(object_id=str(event.pk), action="dispatch.event.accept").count() == 1


def test_conditional_update_refuses_a_stale_status_even_without_the_lock(world, catalogue):
    """The UPDATE itself is guarded (WHERE status = from): a move from a status the row no longer has
    changes nothing."""
    event = event_in(world)
    Event.objects.filter(pk=event.pk).update(status=Status.ACCEPTED)
    stale = Event.objects.get(pk=event.pk)
    stale.status = Status.DISPATCHED
    from django.db import transaction
    with pytest.raises(ConflictError), transaction.atomic():
        services._move(stale, Action.ACCEPT, actor=world.users["dept_forestry"])
    assert Event.objects.get(pk=event.pk).status == Status.ACCEPTED
    assert TimelineEntry.objects.filter(event=event).count() == 0


def test_wrong_state_transition_is_refused_and_nothing_changes(world, catalogue):
    event = event_in(world)
    before = snapshot(event)
    with pytest.raises(ApplicationError) as err:
        services.event_resolve(actor=world.users["dept_forestry"], event=event, resolution="处理完毕")
    assert err.value.code == "wrong_state"
    assert err.value.message == "事件当前状态为「已派发」，不能办结。"
    assert snapshot(event) == before


def test_department_cannot_act_on_an_event_not_addressed_to_it(world, catalogue):
    event = event_in(world, department=FORESTRY)
    before = snapshot(event)
    with pytest.raises(NotFoundError):
        services.event_accept(actor=world.users["dept_housing"], event=event)
    with pytest.raises(PermissionDeniedError):
        services.event_accept(actor=world.users["town_quzhang"], event=event)
    assert snapshot(event) == before


def test_return_goes_back_to_dispatch_and_is_kept_as_training_data(world, catalogue):
    event = report(world, matter_code="LY-001")
    services.event_return(actor=world.users["dept_forestry"], event=event, reason="属于自然资源局土地权属，不属林地")
    event.refresh_from_db()
    assert (event.status, event.department_code, event.return_count, event.due_at) == (Status.REPORTED, "", 1, None)
    fb = RoutingFeedback.objects.get(event=event)
    assert (fb.kind, fb.predicted_department_code, fb.predicted_matter_code) == ("return", FORESTRY, "LY-001")
    # the dispatcher corrects it by hand: a correction row records predicted vs chosen
    services.event_dispatch(actor=world.users["county_office"], event=event, department_code=HOUSING, note="改派")
    event.refresh_from_db()
    assert (event.status, event.department_code, event.routing_mode) == (Status.DISPATCHED, HOUSING, "manual")
    correction = RoutingFeedback.objects.filter(event=event, kind="correction").get()
    assert correction.department_code == HOUSING


def test_short_return_reason_is_refused(world, catalogue):
    event = event_in(world)
    with pytest.raises(ApplicationError) as err:
        services.event_return(actor=world.users["dept_forestry"], event=event, reason="不是")
    assert err.value.field == "reason"
    assert Event.objects.get(pk=event.pk).status == Status.DISPATCHED


def test_low_confidence_waits_in_the_county_queue(world, catalogue, settings):
    settings.JIANFU_ROUTING_CATALOGUE_THRESHOLD = 0.999   # nothing is that certain: a person decides
    event = report(world, text="这个事情怎么办呢")
    event.refresh_from_db()
    assert event.status == Status.REPORTED
    assert event.department_code == ""
    assert event.routing_mode == "none"
    assert event.timeline.filter(action="queue").count() == 1


def test_duplicate_is_linked_not_merged_then_merged_by_dispatcher(world, catalogue):
    first = report(world)
    second = report(world, text="曲木村两户村民为后山林地的界线吵起来，双方都有林权证，请林业部门确认权属", user="village_a",
                    org="450521200206002")
    second.refresh_from_db()
    assert second.suspected_duplicate_of_id == first.pk
    assert second.status == Status.DISPATCHED          # still handled normally until a person decides
    other_village = report(world, text=LAND, user="town_quzhang", org="450521200201")
    assert Event.objects.get(pk=other_village.pk).suspected_duplicate_of_id is None
    services.event_merge(actor=world.users["county_office"], event=second, into=first.pk)
    second.refresh_from_db()
    assert (second.status, second.merged_into_id, second.suspected_duplicate_of_id) == (Status.MERGED, first.pk, None)
    assert TimelineEntry.objects.filter(event=first, action="merged_in").count() == 1


def test_old_open_event_is_not_a_duplicate_candidate(world, catalogue):
    first = report(world)
    Event.objects.filter(pk=first.pk).update(created_at=timezone.now() - dt.timedelta(days=8))
    second = report(world)
    assert Event.objects.get(pk=second.pk).suspected_duplicate_of_id is None


def test_the_transition_table_is_the_only_source(world):
    assert TRANSITIONS[(Action.ACCEPT, Status.DISPATCHED)] == Status.ACCEPTED
    assert (Action.ACCEPT, Status.REPORTED) not in TRANSITIONS
    assert {frm for (act, frm) in TRANSITIONS if act == Action.RETURN} == {Status.DISPATCHED, Status.ACCEPTED}


def test_township_rates_department_once(world, catalogue):
    event = event_in(world, status=Status.RESOLVED)
    rating = services.event_rate_department(actor=world.users["town_quzhang"], event=event, score=4, comment="及时")
    assert (rating.department_code, rating.org_code, rating.score) == (FORESTRY, "450521200000", 4)
    with pytest.raises(ApplicationError) as err:
        services.event_rate_department(actor=world.users["town_quzhang"], event=event, score=5)
    assert err.value.code == "duplicate"
    with pytest.raises(PermissionDeniedError):
        services.event_rate_department(actor=world.users["village_a"], event=event, score=5)


@pytest.mark.django_db(transaction=True)
def test_two_threads_accepting_at_once_make_one_transition(world):
    """Two requests racing for real (two threads, two connections): one accept, one clear refusal."""
    from jianfu.core.testing.race import Race, while_locked
    from jianfu.dispatch.tests.factories import event_in

    event = event_in(world)
    race = Race()

    def accept():
        mine = Event.objects.get(pk=event.pk)
        race.meet()
        while_locked(lambda: services.event_accept(actor=world.users["dept_forestry"], event=mine))
        return "ok"

    outcomes = race.run(accept, accept, join_timeout=30)
    assert sorted(o.message if isinstance(o, ConflictError) else repr(o) if isinstance(o, Exception) else o
                  for o in outcomes) == ["ok", "事件已被他人处理，当前状态为「已签收」，请刷新后重试。"]
    assert TimelineEntry.objects.filter(event=event, action="accept").count() == 1
    assert Event.objects.get(pk=event.pk).status == Status.ACCEPTED


def test_a_broken_router_sends_the_event_to_a_person(world, catalogue, monkeypatch):
    from jianfu.dispatch import routing_bridge as router

    def broken(version):
        raise ValueError("分派模型文件无法读取")

    monkeypatch.setattr(router, "router_for", broken)
    event = report(world)
    event.refresh_from_db()
    assert (event.status, event.department_code) == (Status.REPORTED, "")
    assert event.timeline.get(action="queue").note == "自动分派暂不可用，转县指挥中心人工分派。"


def test_warming_routes_once_so_the_first_event_pays_nothing_more(world, catalogue, monkeypatch):
    from jianfu.dispatch import routing_bridge
    from jianfu.dispatch.routing import HybridRouter

    routed: list[str] = []
    original = HybridRouter.route

    def spy(self, text, **kwargs):
        routed.append(text)
        return original(self, text, **kwargs)

    monkeypatch.setattr(HybridRouter, "route", spy)
    assert routing_bridge.warm_in_force() == 1
    assert routed == ["预热：小区路灯不亮"]  # jieba's dictionary, the engine and the vectorizers are loaded


def test_a_department_level_decision_stores_the_departments_best_matter(world, catalogue, monkeypatch):
    """The router may choose a department without a matter (its matters' summed scores); the event then
    carries the department's best-scored matter, not "—"."""
    from jianfu.dispatch import routing_bridge
    from jianfu.dispatch.routing.routers import Candidate, RoutingDecision

    class DepartmentOnly:
        def route(self, text):
            suggestions = (Candidate("LY-001", FORESTRY, 0.93), Candidate("ZJ-001", HOUSING, 0.05))
            return RoutingDecision(None, FORESTRY, 0.93, suggestions, "catalogue", suggestions)

    monkeypatch.setattr(routing_bridge, "router_for", lambda version: DepartmentOnly())
    event = report(world)
    event.refresh_from_db()
    assert (event.status, event.department_code, event.matter.code, event.routing_confidence) == (
        Status.DISPATCHED, FORESTRY, "LY-001", 0.93)


def test_resolving_while_a_whistled_department_has_not_reported_needs_a_reason(world):
    from jianfu.dispatch.models import WhistleSummons

    event = event_in(world, status=Status.IN_PROGRESS)
    whistle = services.whistle_blow(actor=world.users["town_quzhang"], event=event,
                                    department_codes=[FORESTRY, HOUSING], reason="需林业、住建联合现场处置")
    services.whistle_checkin(actor=world.users["dept_forestry"],
                             summons=WhistleSummons.objects.get(whistle=whistle, department_code=FORESTRY))
    before = snapshot(event)
    with pytest.raises(ApplicationError) as refused:
        services.event_resolve(actor=world.users["dept_forestry"], event=event, resolution="已处理完毕")
    assert (refused.value.code, refused.value.field) == ("unreported_whistle", "unreported_reason")
    assert refused.value.message == "吹哨召集的住房和城乡建设局尚未报到：请说明未报到的情况后再办结。"
    assert snapshot(event) == before
    event.refresh_from_db()
    services.event_resolve(actor=world.users["dept_forestry"], event=event, resolution="已处理完毕",
                           unreported_reason="住建局电话确认无需到场，结构无隐患")
    event.refresh_from_db()
    assert event.status == Status.RESOLVED
    entry = TimelineEntry.objects.get(event=event, action="resolve_unreported")
    assert (entry.public, entry.note, entry.data) == (
        False, "住房和城乡建设局未报到即办结：住建局电话确认无需到场，结构无隐患", {"departments": [HOUSING]})


def test_resolving_after_every_whistled_department_reported_needs_no_reason(world):
    from jianfu.dispatch.models import WhistleSummons

    event = event_in(world, status=Status.IN_PROGRESS)
    whistle = services.whistle_blow(actor=world.users["town_quzhang"], event=event,
                                    department_codes=[HOUSING], reason="需住建协助鉴定")
    services.whistle_checkin(actor=world.users["dept_housing"], summons=WhistleSummons.objects.get(whistle=whistle))
    services.event_resolve(actor=world.users["dept_forestry"], event=event, resolution="已处理完毕")
    assert not TimelineEntry.objects.filter(event=event, action="resolve_unreported").exists()
