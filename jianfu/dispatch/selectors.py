"""Reads of 网格通, scoped inside (departments: what is addressed to them; others: their subtree).

`user=None` is the public read used by Open311: it must name an `org_prefix` (the deployment's or the
client's county) and callers show only public fields."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeAlias

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.accounts.roles import Capability
from jianfu.core.errors import NotFoundError
from jianfu.dispatch import access
from jianfu.dispatch.access import Actor
from jianfu.dispatch.cases import number_filter
from jianfu.dispatch.models import CatalogueVersion, Event, Matter, TimelineEntry, WhistleSummons
from jianfu.dispatch.routing import DEFAULT_CATALOGUE_THRESHOLD, DEFAULT_THRESHOLD
from jianfu.dispatch.workflow import (
    CLOCK_STATUSES,
    OPEN_STATUSES,
    PUBLIC_CLOSED,
    Action,
    Status,
    dispatch_note,
)
from jianfu.orgs.codes import subtree_q

IDENTITY_WITHHELD = "（群众要求保密）"
# A router suggestion named for the dispatcher (see routing_suggestions).
Suggestion: TypeAlias = dict[str, object]


def event_list(*, user: Actor = None, org_prefix: str | None = None, status: str | None = None,
               statuses: Iterable[str] | None = None, department_code: str | None = None,
               matter_code: str | None = None, matter_codes: Iterable[str] | None = None,
               since: dt.datetime | None = None, until: dt.datetime | None = None,
               queue: bool = False, overdue: bool = False, ids: Iterable[int] | None = None, q: str = "",
               extension_pending: bool = False, due_soon: bool = False) -> QuerySet[Event]:
    qs = Event.objects.select_related("matter")
    if user is None:
        if not org_prefix:
            return qs.none()
    else:
        qs = access.events_visible(qs, user)
    if org_prefix:
        qs = qs.filter(subtree_q(org_prefix, "org_code"))
    if status:
        qs = qs.filter(status=status)
    if statuses:
        qs = qs.filter(status__in=list(statuses))
    if department_code:
        qs = qs.filter(department_code=department_code)
    if matter_code:
        qs = qs.filter(matter__code=matter_code)
    if matter_codes:
        qs = qs.filter(matter__code__in=list(matter_codes))
    if since:
        qs = qs.filter(created_at__gte=since)
    if until:
        qs = qs.filter(created_at__lte=until)
    if queue:
        qs = qs.filter(status=Status.REPORTED)
    if overdue:
        qs = qs.filter(status__in=CLOCK_STATUSES, due_at__lt=timezone.now())
    if due_soon:  # reminded of its deadline, not yet past it: the department's 即将到期 (newuser32a #1)
        qs = qs.filter(status__in=[Status.ACCEPTED, Status.IN_PROGRESS], due_at__gte=timezone.now(), reminded=True)
    if extension_pending:  # 申请延期 waiting for the township (subquery: no duplicate rows)
        from jianfu.dispatch.models import ExtensionRequest

        qs = qs.filter(pk__in=ExtensionRequest.objects.filter(state=ExtensionRequest.State.PENDING)
                       .values("event_id"))
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    if q:
        # either number of the case finds it (the citizen quotes the 受理编号 on the phone); else text
        by_number = number_filter(q)
        qs = qs.filter(by_number if by_number is not None else Q(text__icontains=q) | Q(address__icontains=q))
    return qs.order_by("-id")


def event_get(*, user: Actor = None, pk: object, org_prefix: str | None = None) -> Event:
    try:
        number = int(pk) if isinstance(pk, (str, int)) else None
    except ValueError:
        number = None
    if number is None:
        raise NotFoundError(_("事件不存在或您无权查看。"))
    event = Event.objects.select_related("matter", "catalogue_version").filter(pk=number).first()
    if event is None:
        raise NotFoundError(_("事件不存在或您无权查看。"))
    if user is None:
        if not org_prefix or not event.org_code.startswith(org_prefix):
            raise NotFoundError(_("事件不存在或您无权查看。"))
    else:
        access.require_visible(user, event)
        if org_prefix and not event.org_code.startswith(org_prefix):
            raise NotFoundError(_("事件不存在或您无权查看。"))
    return event


def event_get_by_token(*, token: str) -> Event:
    event = Event.objects.filter(feedback_token=token).first() if token else None
    if event is None:
        # say what to do, not only that it failed (newuser21 #13)
        raise NotFoundError(_("办理进度链接无效或不完整：请核对链接是否与提交反映后保存的完全一致。也可以在“查询办理进度”中"
                              "输入受理编号和提交时留下的手机号码；没有留手机号码的，输入提交后办理进度页上显示的 8 位查询码。"))
    return event


def event_public_status(event: Event) -> str:
    return "closed" if event.status in PUBLIC_CLOSED else "open"


@dataclass(frozen=True)
class TimelineRow:
    """One timeline entry as a reader is shown it: what the event page and the API's timeline read, copied, so a
    reader's view is never written back (a blanked `note` on the model entry would erase the stored reason on a later
    `.save()`). ``note_withheld``: a department's 退回 reason the reader may not read (`note` is then "")."""

    at: dt.datetime
    action: str
    actor_label: str
    from_status: str
    to_status: str
    note: str
    public: bool
    note_withheld: bool = False


def event_timeline(*, user: Actor = None, event: Event, public_only: bool = False) -> list[TimelineRow]:
    """The event's timeline as `user` may read it (the web's event page and the API's timeline alike), read-only rows:
    the public entries only for the public (`user=None`) or with `public_only`; a department's 退回 reason blanked,
    with ``note_withheld`` set, for an account that may see the event but not the reason (`may_read_return_reason`)."""
    if user is not None:
        access.require_visible(user, event)
    qs = TimelineEntry.objects.filter(event=event).order_by("at", "id")
    if public_only or user is None:
        qs = qs.filter(public=True)
    reads_reason = user is None or may_read_return_reason(user, event)   # the public never gets a return (internal)
    rows = []
    for entry in qs:
        withheld = not reads_reason and entry.action == Action.RETURN and bool(entry.note)
        rows.append(TimelineRow(at=entry.at, action=entry.action, actor_label=entry.actor_label,
                                from_status=entry.from_status, to_status=entry.to_status,
                                note="" if withheld else note_in_words(_as_recorded(entry)), public=entry.public,
                                note_withheld=withheld))
    return rows


# The system's records before mend24 carried the router's bare probability: "系统无法确定承办部门（置信度 0.48），转县指挥
# 中心人工分派。", "系统按职责清单派发至林业局（置信度 0.87）。". Stored rows are left as written; they are read without it
# (newuser24 #1: the queue still showed "置信度 0.48" on the demo's older events).
_OLD_CONFIDENCE = re.compile(r"（置信度 [0-9]+(?:\.[0-9]+)?）")


def note_in_words(note: str) -> str:
    """A timeline note as a dispatcher reads it: a pre-mend24 "（置信度 0.48）" left out."""
    return _OLD_CONFIDENCE.sub("", note) if note and "置信度" in note else note


_CATALOGUE_DISPATCH = re.compile(r"^系统按职责清单派发至(.+?)(（置信度 [0-9.]+）)?。$")


def _as_recorded(entry: TimelineEntry) -> str:
    """A stored 系统按职责清单派发 note read as its record says the event went (dmend32 #5): a report that named its
    matter (`data["mode"]` "reporter") or the learned router's. Stored rows are left as written."""
    mode = (entry.data or {}).get("mode") if isinstance(entry.data, dict) else None
    if entry.action != Action.DISPATCH or mode not in ("reporter", "learned") or not entry.note:
        return entry.note
    found = _CATALOGUE_DISPATCH.match(entry.note)
    if found is None:
        return entry.note
    return dispatch_note(mode, found.group(1))


def may_read_return_reason(user: Actor, event: Event) -> bool:
    """Whether `user` reads a department's 退回 reason on `event` (which `user` may see): the dispatch desk over the
    event's place (it decides where the event goes next: the queue and the confirm page name the reason too) and a
    department that sees the event (the one the event was sent to since, or one summoned or invited to assist: they
    share the handling). The grid worker and village cadre who reported it, and the township, see that it was
    returned and by whom — the move is theirs to know, the reason stays internal (docs/dispatch.md, U03), as the
    409 of a dispatch back and the confirm page keep it from them (security17 #5, security18 #4). Those two are gated
    by the right to dispatch the event (`access.require_covers`: DISPATCH over its place, never a department), a
    narrower rule than this one, which they imply: the dispatch they guard is refused to a department that reads the
    reason here, so they keep their own gate."""
    if access.department_code(user):
        return access.event_is_visible(user, event)
    return access.can(user, Capability.DISPATCH) and access.covers(user, event.org_code)


def reporter_display(event: Event, user: Actor) -> tuple[str, str]:
    """(name, contact) as `user` may see them: a citizen who asked for it is hidden from departments."""
    if event.withhold_identity and access.department_code(user):
        return IDENTITY_WITHHELD, IDENTITY_WITHHELD
    return event.reporter_name, event.reporter_contact


def catalogue_in_force(county_code: str, on: dt.date | None = None) -> CatalogueVersion | None:
    """The published catalogue version of a county effective on `on` (today by default)."""
    on = on or timezone.localdate()
    return (CatalogueVersion.objects
            .filter(org_code=county_code[:6].ljust(12, "0"), state=CatalogueVersion.State.PUBLISHED,
                    effective_from__lte=on)
            .filter(Q(effective_to__isnull=True) | Q(effective_to__gt=on))
            .order_by("-effective_from", "-number").first())


def catalogue_versions(*, county_code: str) -> QuerySet[CatalogueVersion]:
    return CatalogueVersion.objects.filter(org_code=county_code.ljust(12, "0")[:12]).order_by("-number")


def matter_list_active(*, county_code: str, on: dt.date | None = None,
                       group: str | None = None) -> QuerySet[Matter]:
    """The matters of the catalogue version in force for a county (what Open311 calls services)."""
    version = catalogue_in_force(county_code, on)
    if version is None:
        return Matter.objects.none()
    qs = Matter.objects.filter(version=version, active=True)
    if group:
        qs = qs.filter(group=group)
    return qs.order_by("group", "code")


def matter_get_active(*, county_code: str, code: str, on: dt.date | None = None) -> Matter:
    matter = matter_list_active(county_code=county_code, on=on).filter(code=code).first()
    if matter is None:
        raise NotFoundError(_("未知的事项编码「%(code)s」。") % {"code": str(code)[:40]}, field="matter_code")
    return matter


def summons_for(*, user: Actor) -> QuerySet[WhistleSummons]:
    dept = access.department_code(user)
    if not dept:
        return WhistleSummons.objects.none()
    return (WhistleSummons.objects.filter(department_code=dept).select_related("whistle__event")
            .order_by("checked_in_at", "whistle__checkin_deadline"))


def open_statuses() -> tuple[str, ...]:
    return tuple(s.value for s in OPEN_STATUSES)


def queue_reasons(events: Iterable[Event], *, user: Actor) -> dict[int, dict[str, str]]:
    """Why each of `events` (the queue's page) waits for a person: the latest 退回 (its reason and the returning
    department) or the system's note when routing could not decide — one query for the page. The reason is read by
    the one rule (`may_read_return_reason`): the queue is the dispatch desk's (DISPATCH over its place), which reads
    every reason it lists; the rule is still asked, so the queue cannot drift from the event page and the API."""
    events = list(events)
    reads = {event.pk for event in events if may_read_return_reason(user, event)}
    out: dict[int, dict[str, str]] = {}
    rows = (TimelineEntry.objects.filter(event_id__in=[event.pk for event in events], action__in=("return", "queue"))
            .order_by("event_id", "-at", "-id").values_list("event_id", "action", "note", "data"))
    for event_id, action, note, data in rows:
        if event_id not in out:
            returned = action == Action.RETURN
            out[event_id] = {"note": note_in_words(note) if event_id in reads or not returned else "",
                             "department_code": (data or {}).get("department", "") if returned else ""}
    return out


# A suggestion the router scores below this probability is no evidence for a department (newuser16 #4: "水利局 · 水土
#流失 0.00" offered in one tap for a leaking flat): the queue does not offer it as a button. The catalogue's softmax
# spreads 1.0 over some 200 matters, so an unrelated department gets well under 1%; one with a real cue gets 10%+.
SUGGESTION_FLOOR = 0.05


# How sure the router is of a department, in words for the dispatcher (mend24 #1: the queue showed "部门得分 0.43" and
# the record "置信度 0.38", two numbers nobody could act on). The bars are the router's own (docs/routing.md
# "Thresholds"): at the catalogue's threshold (0.76) it dispatches on its own, at the learned model's (0.5) that model
# does and the department is more likely than all the others together; below, down to SUGGESTION_FLOOR, a hint only.
STRENGTH_SURE, STRENGTH_LIKELY, STRENGTH_HINT = "sure", "likely", "hint"


def learned_threshold() -> float:
    """The learned model's score from which this deployment's router dispatches on its own (routing_bridge)."""
    return float(getattr(settings, "JIANFU_ROUTING_THRESHOLD", DEFAULT_THRESHOLD))


def catalogue_threshold() -> float:
    """The catalogue's score (a matter's, else a department's summed) from which the router dispatches on its own."""
    value = getattr(settings, "JIANFU_ROUTING_CATALOGUE_THRESHOLD", None)
    return float(DEFAULT_CATALOGUE_THRESHOLD if value is None else value)


def strength_bars() -> tuple[float, float]:
    """(把握较大 from, 有一定把握 from): the scores from which this deployment's router would dispatch by itself."""
    sure = catalogue_threshold()
    return sure, min(learned_threshold(), sure)


def strength(score: object) -> str:
    """STRENGTH_SURE / _LIKELY / _HINT for a router's score (a probability), "" for none stored."""
    if not isinstance(score, int | float) or isinstance(score, bool):
        return ""
    sure, likely = strength_bars()
    return STRENGTH_SURE if score >= sure else STRENGTH_LIKELY if score >= likely else STRENGTH_HINT


def strength_label(key: str) -> str:
    return {STRENGTH_SURE: _("把握较大"), STRENGTH_LIKELY: _("有一定把握"), STRENGTH_HINT: _("仅供参考")}.get(key, "")


# the suggestions a queue card offers at most: dispatch.css shows the picked one's 派发 button for .pick-0 … .pick-4
# only (fix-cr32b #8: a sixth was a radio whose button never showed)
MAX_SUGGESTIONS = 5


def routing_suggestions(events: Iterable[Event]) -> list[tuple[Event, list[Suggestion], list[str]]]:
    """The router's suggestions stored with each waiting event (top departments, each with its best
    matter), named for the dispatcher: (event, [{department_code, department_name, matter_code,
    matter_name, score, strength, strength_label}], [names of the departments that returned it]). Events come
    already scoped from the caller. Left out of the suggestions: a department that is not an active department unit (e.g. a
    learned label), since nobody could dispatch to it, and a department that returned the event — it
    has said the event is not its job, so proposing it again in one tap sends the event round in a
    circle; and a suggestion scored below ``SUGGESTION_FLOOR`` (no evidence: the page says 无可靠建议). At most
    ``MAX_SUGGESTIONS``, the router's first (its order: the most likely first). Every
    waiting event is listed (possibly with no suggestion): the page offers all departments beside them. Three
    queries whatever the number of events."""
    from jianfu.orgs.models import OrgUnit, UnitKind

    events = [e for e in events if not e.department_code]
    candidates = {e.pk: [c for c in (e.routing_candidates or []) if isinstance(c, dict) and c.get("department")]
                  for e in events}
    returned: dict[int, list[str]] = {}
    for event_id, data in (TimelineEntry.objects.filter(event_id__in=[e.pk for e in events], action="return")
                           .order_by("at", "id").values_list("event_id", "data")):
        code = (data or {}).get("department")
        if code and code not in returned.setdefault(event_id, []):
            returned[event_id].append(code)
    dept_codes = {c["department"] for cs in candidates.values() for c in cs} | {
        c for codes in returned.values() for c in codes}
    versions = {e.catalogue_version_id for e in events if candidates[e.pk]}
    departments = dict(OrgUnit.objects.filter(code__in=dept_codes, kind=UnitKind.DEPARTMENT, is_active=True)
                       .values_list("code", "name"))
    matters: dict[tuple[int | None, object], str] = {
        (v, code): name for v, code, name in Matter.objects.filter(version_id__in=versions)
        .values_list("version_id", "code", "name")}
    out: list[tuple[Event, list[Suggestion], list[str]]] = []
    for event in events:
        refused = returned.get(event.pk, [])
        named: list[Suggestion] = [
            {"department_code": c["department"], "department_name": departments[c["department"]],
             "matter_code": c.get("matter") or "",
             "matter_name": matters.get((event.catalogue_version_id, c.get("matter")), ""),
             "score": c.get("score"), "strength": strength(c.get("score")),
             "strength_label": strength_label(strength(c.get("score")))}
            for c in candidates[event.pk] if c["department"] in departments and c["department"] not in refused
            and not below_floor(c.get("score"))][:MAX_SUGGESTIONS]
        out.append((event, named, [departments.get(code, code) for code in refused]))
    return out


def weak_suggestions(event: Event) -> bool:
    """Whether the router left suggestions for `event` too weak to offer (below ``SUGGESTION_FLOOR``): with none
    left to offer, the queue says 无可靠建议 rather than 暂无系统建议."""
    return any(below_floor(c.get("score")) for c in (event.routing_candidates or []) if isinstance(c, dict))


def below_floor(score: object) -> bool:
    """A stored score under ``SUGGESTION_FLOOR`` (a candidate stored without a score is kept: nothing says it is weak)."""
    return isinstance(score, int | float) and score < SUGGESTION_FLOOR


def return_to_confirm(event: Event, department_code: str, matter_code: str) -> tuple[str, TimelineEntry | None]:
    """(the department a dispatch of `event` sends it to — `department_code`, else the lead department of
    `matter_code` —, that department's latest 退回 of the event when it waits for a dispatch, else None). A dispatch
    back to a department that returned the event ("不属于本部门职责") sends it round in a circle unless the dispatcher
    means it: the web asks on a confirm page, the API wants `"confirm": true` (newuser16 #4, fix-left17b #6)."""
    target = department_code
    if not department_code and matter_code:
        version = event.catalogue_version or catalogue_in_force(event.county_code)
        matter = version.matters.filter(code=matter_code).first() if version else None
        target = matter.department_code if matter else ""
    return target, None if event.department_code else department_return(event, target)


def department_name(code: str) -> str:
    """A department's name (its code when unknown)."""
    from jianfu.orgs.models import OrgUnit

    name: str | None = OrgUnit.objects.filter(code=code).values_list("name", flat=True).first()
    return name or code


def department_return(event: Event, department_code: str) -> TimelineEntry | None:
    """The latest 退回 of `event` by `department_code` (its reason in ``note``), or None: the dispatcher who sends
    a returned event back to the department that returned it is asked first (newuser16 #4). `event` comes
    already scoped from the caller."""
    if not department_code:
        return None
    return (TimelineEntry.objects.filter(event=event, action="return", data__department=department_code)
            .order_by("-at", "-id").first())


REPORTER_UPDATES_SHOWN = 5
REPORTER_UPDATE_SUMMARY = 30   # characters of the description beside the number, the ellipsis included


def _summary(text: str, limit: int = REPORTER_UPDATE_SUMMARY) -> str:
    """The description on one line, cut to `limit` characters with "…" (not Django's Truncator: its zh-hans
    catalogue ends with "...", three characters more)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def reporter_updates(*, user: Actor, limit: int = REPORTER_UPDATES_SHOWN) -> tuple[int, list[dict[str, object]]]:
    """What became of the events `user` reported (U03): those whose status changed — by someone else — since the
    reporter last opened them, newest change first, as (count, the first `limit`: event, status, the change's
    action and time). Only events the account may still see (the one scoping rule) and reported by it."""
    from django.db.models import F, Max
    from django.db.models.functions import Coalesce

    if user is None or not getattr(user, "is_authenticated", False):
        return 0, []
    me = user.pk
    # every status change, a department's return included (its reason is internal, not the move: the reporter reads
    # on the event's timeline that it was returned and by whom, not why — may_read_return_reason)
    changed = ~Q(timeline__to_status="") & ~Q(timeline__to_status=F("timeline__from_status")) & ~Q(timeline__actor_id=me)
    qs = (event_list(user=user).filter(reporter_id=me)
          .annotate(last_change=Max("timeline__at", filter=changed))
          .filter(last_change__gt=Coalesce("reporter_seen_at", "created_at")))
    count = qs.count()
    if not count:
        return 0, []
    events = list(qs.order_by("-last_change", "-id")[:limit])
    last: dict[int, TimelineEntry] = {}
    for entry in (TimelineEntry.objects.filter(event__in=events).exclude(to_status="")
                  .exclude(to_status=F("from_status")).exclude(actor_id=me).order_by("at", "id")):
        last[entry.event_id] = entry  # the latest status change of each
    rows: list[dict[str, object]] = []
    for event in events:
        latest = last.get(event.pk)
        rows.append({"event": event, "number": event.number,   # the number the event page shows staff
                     # which matter it is, without opening it (newuser15 F14)
                     "summary": _summary(event.text),
                     "status": event.get_status_display(), "action": _news_action(event, latest),
                     "at": event.last_change})  # annotated above
    return count, rows


# The moves whose name says more than the status they leave (待分派 after a 退回, 处理中 after 重新办理, 已派发 after a
# 转派); after any other the status word alone says it — "已关闭（办结）" read as two statuses (dmend32 #7).
_NEWS_ACTIONS = (Action.RETURN, Action.REOPEN, Action.TRANSFER)


def _news_action(event: Event, latest: TimelineEntry | None) -> str:
    """The move beside the reporter's news (its status word), when it adds to it: one of `_NEWS_ACTIONS` that led to
    the status the event is in."""
    if latest is None or latest.action not in _NEWS_ACTIONS or latest.to_status != event.status:
        return ""
    return _action_label(latest.action)


def _action_label(action: str) -> str:
    try:
        return str(Action(action).label)
    except ValueError:
        return ""
