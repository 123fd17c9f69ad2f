"""Writes of 网格通. Keyword-only, atomic, audited; each workflow transition is one function.

A transition moves the row with a conditional UPDATE (`WHERE id = … AND status = <from>`): when two
people accept the same event at once exactly one UPDATE matches, the other gets a ConflictError and
writes nothing (no timeline entry, no audit record).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, TypeAlias, TypeVar, cast

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.accounts.models import User
from jianfu.accounts.roles import Capability, Role
from jianfu.accounts.scoping import scope_for
from jianfu.core import crypto, formtokens, outbound
from jianfu.core.audit import audit_record
from jianfu.core.contacts import is_reachable
from jianfu.core.errors import (
    ApplicationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    one_refusal,
)
from jianfu.core.pii import mask_phone, pii_reveal
from jianfu.core.queueing import enqueue_quietly
from jianfu.core.storedfiles import undone_on_error, written
from jianfu.core.text import clean_text
from jianfu.core.thumbnails import thumbnail_name, thumbnail_save
from jianfu.dispatch import access, deadlines
from jianfu.dispatch.access import Actor
from jianfu.dispatch.cases import case_number_next
from jianfu.dispatch.models import (
    CatalogueVersion,
    DepartmentProfile,
    DepartmentRating,
    Event,
    EventAssist,
    EventPhoto,
    ExtensionRequest,
    Feedback,
    Matter,
    PendingNotice,
    RoutingFeedback,
    Source,
    TimelineEntry,
    Urgency,
    Whistle,
    WhistleSummons,
)
from jianfu.dispatch.notifications import CONTACT_PURPOSE, event_contact  # noqa: F401 - part of this API
from jianfu.dispatch.photos import (
    MAX_PHOTO_BYTES,
    MAX_PHOTOS,
    CleanPhoto,
    Upload,
    clean_photos,
)
from jianfu.dispatch.selectors import (
    below_floor,
    catalogue_in_force,  # noqa: F401 - part of this API
)
from jianfu.dispatch.similarity import DUPLICATE_WINDOW_DAYS, best_match
from jianfu.dispatch.workflow import OPEN_STATUSES, WORKFLOW, Action, Status, dispatch_note, target_status
from jianfu.orgs.codes import subtree_q
from jianfu.orgs.models import OrgUnit, UnitKind

log = logging.getLogger(__name__)
MAX_TEXT = 5000
MIN_TEXT = 2
DEFAULT_WORKDAYS = 5
DEFAULT_URGENT_HOURS = 24
REPORTABLE_KINDS = (UnitKind.COUNTY, UnitKind.TOWN, UnitKind.VILLAGE, UnitKind.GRID)


# ---------------------------------------------------------------------------------------------
# helpers


def county_of(code: str) -> str:
    return code[:6].ljust(12, "0")


def town_of(code: str) -> str:
    return code[:9].ljust(12, "0")


class _System:
    """The actor of what the platform does by itself (automatic dispatch, duplicate hints)."""

    name = "系统"
    is_authenticated = False
    pk = None


SYSTEM = _System()
# Who a timeline entry names: a person (see access.Actor) or the platform itself.
EventActor: TypeAlias = "Actor | _System"
# JSON kept with an event (timeline data, audit changes, columns set by a move).
Fields: TypeAlias = dict[str, object]


def _user(actor: EventActor) -> User | None:
    return actor if isinstance(actor, User) and actor.is_authenticated else None


def _label(actor: EventActor) -> str:
    user = _user(actor)
    if user is None:
        return getattr(actor, "name", "") or _("群众")
    unit = user.org_unit
    who = getattr(user, "display_name", "") or user.username
    return f"{unit.name} {who}" if unit is not None else who


def _timeline(event: Event, *, actor: EventActor, action: str, note: str = "", frm: str = "", to: str = "",
              data: Fields | None = None, public: bool = True, at: dt.datetime | None = None) -> TimelineEntry:
    entry = _timeline_entry(event, actor=actor, action=action, note=note, frm=frm, to=to, data=data,
                            public=public, at=at)
    entry.save(force_insert=True)
    return entry


def _clean_text(value: object, *, field: str, label: str, required: bool = True, max_len: int = MAX_TEXT,
                min_len: int = 0) -> str:
    # the one clean-text rule of every input (also for a caller that bypasses the forms): controls, bidi overrides
    # and invisible format characters (U+200B …) out (N12, session 14)
    text = clean_text("" if value is None else str(value)).strip()
    if required and not text:
        raise ApplicationError(_("请填写%(label)s。") % {"label": label}, code="required", field=field)
    if len(text) > max_len:
        raise ApplicationError(_("%(label)s不能超过 %(max)d 个字（现为 %(n)d 个字）。")
                               % {"label": label, "max": max_len, "n": len(text)}, code="too_long", field=field)
    if text and len(text) < min_len:
        raise ApplicationError(_("%(label)s至少需要 %(min)d 个字。") % {"label": label, "min": min_len},
                               code="too_short", field=field)
    return text


def _coordinate(value: object, *, field: str, low: int, high: int, label: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(clean_text(str(value)).strip())
    except (InvalidOperation, ValueError):
        raise ApplicationError(_("%(label)s必须是数字。") % {"label": label}, code="invalid", field=field) from None
    if not number.is_finite() or number < low or number > high:
        raise ApplicationError(_("%(label)s必须在 %(low)d 到 %(high)d 之间。") % {"label": label, "low": low, "high": high},
                               code="out_of_range", field=field)
    return number.quantize(Decimal("0.000001"))


def _whole_number(value: object) -> int:
    """`value` (a form's text, a JSON number) as an int; 0 — outside every range checked here — when it is none."""
    if not isinstance(value, (str, bytes, int, float, Decimal)):
        return 0
    try:
        return int(value)
    except ValueError:
        return 0


def _stars(score: object) -> int:
    """A rating's score 1–5 from a form or JSON: no choice (the forms preselect none since newuser22 #5, so tapping
    提交评价 unchosen no longer records 5 = 满意) and anything outside 1–5 are refused, nothing saved."""
    if score is None or (isinstance(score, str) and not score.strip()):
        raise ApplicationError(_("请选择评分（1–5 分）后再提交评价。"), code="required", field="score")
    stars = _whole_number(score)
    if not 1 <= stars <= 5:
        raise ApplicationError(_("评分必须是 1 到 5 之间的整数。"), code="invalid", field="score")
    return stars


def _deadline_fields(event: Event, start: dt.datetime) -> Fields:
    matter = event.matter
    if event.urgency == Urgency.URGENT:
        hours = matter.urgent_hours if matter and matter.urgent_hours else DEFAULT_URGENT_HOURS
        due = deadlines.due_at(start, hours=hours)
        return {"due_at": due, "remind_at": deadlines.remind_at(start, due, hours=hours),
                "county_escalation_at": deadlines.county_escalation_at(due, hours=hours),
                "reminded": False, "escalation_level": 0}
    days = matter.time_limit_days if matter and matter.time_limit_days else DEFAULT_WORKDAYS
    due = deadlines.due_at(start, workdays=days)
    return {"due_at": due, "remind_at": deadlines.remind_at(start, due),
            "county_escalation_at": deadlines.county_escalation_at(due),
            "reminded": False, "escalation_level": 0}


_NO_DEADLINE: Fields = {"due_at": None, "remind_at": None, "county_escalation_at": None, "reminded": False,
                "escalation_level": 0}


def _move(event: Event, action: str, *, actor: EventActor, note: str = "", updates: Mapping[str, object] | None = None,
          data: Fields | None = None, public: bool = True) -> Event:
    """Apply one transition from the event's *known* status, or refuse without writing anything."""
    frm = event.status
    now = timezone.now()
    updates = dict(updates or {})
    to = WORKFLOW.move(Event.objects, event.pk, action, frm, updated_at=now, **updates)
    for key, value in updates.items():
        if not hasattr(value, "resolve_expression"):
            setattr(event, key, value)
    event.status = to
    event.updated_at = now
    if any(hasattr(v, "resolve_expression") for v in updates.values()):
        event.refresh_from_db()
    _timeline(event, actor=actor, action=action, note=note, frm=frm, to=to, data=data, public=public, at=now)
    audit_record(actor=_user(actor), action=f"dispatch.event.{action}", obj=event,
                 changes={"status": [frm, to], **({"note": note[:500]} if note else {}), **(data or {})})
    return event


def _lock(event_or_pk: Event | int) -> Event:
    pk = event_or_pk.pk if isinstance(event_or_pk, Event) else event_or_pk
    event = Event.objects.select_for_update(of=("self",)).select_related("matter").filter(pk=pk).first()
    if event is None:
        raise NotFoundError(_("事件不存在或您无权查看。"))
    if isinstance(event_or_pk, Event) and event_or_pk.status != event.status:
        # The caller decided on a stale copy: refuse rather than act on a state they did not see.
        raise ConflictError(_("事件已被他人处理，当前状态为「%(status)s」，请刷新后重试。")
                            % {"status": Status(event.status).label}, code="conflict", field="status")
    if isinstance(event_or_pk, Event):
        # Keep working on the caller's instance, so it reflects what the service did.
        for f in Event._meta.concrete_fields:
            setattr(event_or_pk, f.attname, getattr(event, f.attname))
        event_or_pk.matter = event.matter
        return event_or_pk
    return event


def _department(code: str, county_code: str) -> OrgUnit:
    unit: OrgUnit | None = OrgUnit.objects.filter(code=code, kind=UnitKind.DEPARTMENT, is_active=True).first()
    if unit is None or not unit.code.startswith(county_code[:6]):
        raise ApplicationError(_not_ours(code, county_code), code="unknown_department", field="department")
    return unit


def _not_ours(code: str, county_code: str) -> str:
    """The refusal of a department the county's events cannot go to (another county's, a stopped one, no unit at
    all: a forged form or API call), naming it by its name — with its county when another county's — else "该部门";
    the posted code was shown as it came (mend21 #3)."""
    name: str | None = OrgUnit.objects.filter(code=code).values_list("name", flat=True).first()
    if not name:
        return _("该部门不是本县在用的承办部门，请从列表中选择。")
    if not code.startswith(county_code[:6]):
        county: str | None = OrgUnit.objects.filter(code=county_of(code)).values_list("name", flat=True).first()
        name = (county or "") + name
    return _("「%(name)s」不是本县在用的承办部门，请从列表中选择。") % {"name": name}


def _on_commit_notify(kind: str, event_id: int, **extra: object) -> None:
    """After commit, hand the messages an event change causes to the worker (one enqueue; in the request, one INSERT
    of a `PendingNotice` in the change's own transaction, so a task lost with a killed worker is run again by the
    periodic `tasks.pending_notices_task`: badinput32 #2). If the queue is unreachable they are queued inline instead
    (`enqueue_quietly` logs the failure once, on `jianfu.queue`: ops29 #2)."""
    notice_id = PendingNotice.objects.create(kind=kind, event_id=event_id, extra=extra).pk

    def send() -> None:
        from jianfu.dispatch import tasks

        if not enqueue_quietly(lambda: tasks.notify_event_task(kind, event_id, notice_id=notice_id, **extra),
                               what=f"notify_event({kind}, {event_id})", recovery="running it inline instead",
                               errors=(Exception,)):
            # the queue is down: do it here rather than lose the messages
            tasks.notify_event(kind, event_id, notice_id=notice_id, **extra)
            PendingNotice.objects.filter(pk=notice_id).delete()

    transaction.on_commit(send)


# ---------------------------------------------------------------------------------------------
# reporting


@dataclass(frozen=True)
class RoutedAhead:
    """A report's routing decision made before its create transaction (`event_route_ahead`): routing takes tens of ms
    (an e5 pass), which on SQLite held the write lock. `event_report` uses it only for the same text and the same
    catalogue version, unchanged; else it routes itself."""

    version_key: tuple[int, object]
    text: str
    decision: Any
    failed: bool


def _routing_key(version: Any) -> tuple[int, object]:
    return version.pk, version.updated_at


def event_route_ahead(*, actor: Actor, text: object, org_code: object,
                      matter_code: object = None) -> RoutedAhead | None:
    """What `event_report` would route the report to, worked out with nothing written: the API runs it before its
    create transaction and passes it as `ahead`. None when the report names its matter, has no catalogue in force,
    or would be refused (the report refuses it, in its order). The actor's area is checked first, cheaply: nothing
    is routed for a place `actor` does not cover (cr20b #3 — a reporter of one county had the model work on another
    county's reports before `event_report` refused them); `event_report` then refuses it or routes it itself."""
    if matter_code not in (None, ""):
        return None
    code = str(org_code or "").strip()
    if not code.isdigit() or not access.covers(actor, code):
        return None
    try:
        cleaned = _clean_text(text, field="text", label=_("事件描述"), min_len=MIN_TEXT)
    except ApplicationError:
        return None
    version = catalogue_in_force(county_of(code))
    if version is None:
        return None
    decision, failed = _route(version, cleaned)
    return RoutedAhead(_routing_key(version), cleaned, decision, failed)


def _route(version: Any, text: str) -> tuple[Any, bool]:
    """(the router's decision, False), or (None, True) when routing failed: a broken model must not stop people
    reporting, a person dispatches instead."""
    from jianfu.dispatch.routing_bridge import router_for

    try:
        return router_for(version).route(text), False
    except Exception:
        log.exception("routing failed for county %s", version.org_code)
        return None, True


_T = TypeVar("_T")


def _checked(refusals: list[ApplicationError], check: Callable[[], _T], default: _T) -> _T:
    """What `check` returns; when it refuses, its refusal added to `refusals` (raised with the others by
    `_refuse_all`) and `default` instead."""
    try:
        return check()
    except ApplicationError as exc:
        refusals.append(exc)
        return default


def _refuse_all(refusals: Sequence[ApplicationError]) -> None:
    """Raise what `refusals` say, as one error naming every field's (`core.errors.one_refusal`; the monitor's
    ledger forms' shape), with the first refusal's code; nothing when there are none."""
    refused = one_refusal(refusals)
    if refused is not None:
        raise refused


def event_report(*, actor: Actor, text: object, org_code: str | None, source: str, matter_code: object = None,
                 latitude: object = None, longitude: object = None, urgency: str = "normal", address: object = "",
                 photos: Iterable[Upload] | None = (), reporter_name: object = "", reporter_contact: object = "",
                 withhold_identity: bool = False, attributes: Mapping[str, object] | None = None,
                 client: object = None, place: OrgUnit | None = None, form_key: str | None = None,
                 form_content_key: str | None = None, ahead: RoutedAhead | None = None) -> Event:
    """Take in one report: validate everything first, then write the event, its photos, its routing
    and its duplicate link in one transaction. Routed with the catalogue version in force.

    `place` may pass the OrgUnit of `org_code` when the caller has already read it (Open311 does);
    it is used only when it is that unit and reportable. The hot path (a report naming its matter)
    costs five statements inside the transaction: the duplicate check, the event, its timeline
    entries (one INSERT) and its two audit records — the event is written already dispatched, since
    nobody else can see it before commit."""
    # every field's error at once (newuser26 #2: an empty form said only 请填写事件描述, its 发生地 came on the next try):
    # each check's refusal is kept, and one error names them all (`_refuse_all`)
    refusals: list[ApplicationError] = []

    def checked(check: Callable[[], _T], default: _T) -> _T:
        return _checked(refusals, check, default)

    text = checked(lambda: _clean_text(text, field="text", label=_("事件描述"), min_len=MIN_TEXT), "")
    if source not in Source.values:
        raise ApplicationError(_("未知的上报来源。"), code="invalid", field="source")
    if urgency not in Urgency.values:
        refusals.append(ApplicationError(_("紧急程度只能是“一般”或“紧急”。"), code="invalid", field="urgency"))
    address = checked(lambda: _clean_text(address, field="address", label=_("地址"), required=False, max_len=300), "")
    reporter_name = checked(lambda: _clean_text(reporter_name, field="reporter_name", label=_("姓名"), required=False,
                                                max_len=100), "")
    # the citizen's form labels the box 联系电话: its refusals say the same word (mend34 #6)
    contact_label = _("联系电话") if source == Source.CITIZEN else _("联系方式")
    reporter_contact = checked(lambda: _clean_text(reporter_contact, field="reporter_contact", label=contact_label,
                                                   required=False, max_len=100), "")
    if source == Source.CITIZEN and reporter_contact and not is_reachable(reporter_contact):
        # a citizen who leaves a contact wants to be called back: a number nobody can call loses that
        refusals.append(ApplicationError(_("联系电话“%(value)s”不是可以联系到的号码：请填写 11 位手机号、带区号的固定电话或电子邮箱，"
                                           "也可以不填。") % {"value": reporter_contact[:20]}, code="invalid",
                                         field="reporter_contact"))
    lat = checked(lambda: _coordinate(latitude, field="latitude", low=-90, high=90, label=_("纬度")), None)
    lon = checked(lambda: _coordinate(longitude, field="longitude", low=-180, high=180, label=_("经度")), None)
    if (lat is None) != (lon is None) and not any(r.field in ("latitude", "longitude") for r in refusals):
        refusals.append(ApplicationError(_("经度和纬度需要同时填写。"), code="invalid",
                                         field="latitude" if lat is None else "longitude"))
    attributes = dict(attributes or {})
    try:
        if len(json.dumps(attributes, ensure_ascii=False)) > 10_000:
            raise ApplicationError(_("附加信息过长。"), code="too_long", field="attributes")
    except TypeError:
        raise ApplicationError(_("附加信息格式不正确。"), code="invalid", field="attributes") from None
    code = (org_code or "").strip()
    if not (place is not None and place.code == code and place.kind in REPORTABLE_KINDS and place.is_active):
        place = OrgUnit.objects.filter(code=code, kind__in=REPORTABLE_KINDS, is_active=True).first()
    if place is None:
        refusals.append(ApplicationError(_("请选择事件发生的村（社区）或网格。"), code="invalid", field="org_code"))
    _refuse_all(refusals)
    assert place is not None   # refused above when none (for the type checker)
    staff_user = actor if access.is_staff_user(actor) else None
    staff = staff_user is not None
    if staff_user is not None:
        access.require_reporter(actor)
        if not access.covers(actor, code):
            raise PermissionDeniedError(_("您只能上报本辖区内的事件。"), code="out_of_scope", field="org_code")
    elif source in (Source.GRID, Source.VILLAGE, Source.TOWN):
        raise PermissionDeniedError(_("请先登录。"), code="login_required")
    county = county_of(code)
    matter = None
    if matter_code not in (None, ""):
        # one statement: the matter of the version in force, with its department's name
        matter = _matter_in_force(county, str(matter_code))
        if matter is None:
            raise ApplicationError(_("未知的事项编码「%(code)s」。") % {"code": str(matter_code)[:40]},
                                   code="unknown_matter", field="matter_code")
        version = None
    else:
        version = catalogue_in_force(county)
    cleaned = clean_photos(photos)  # before any write: a bad photo leaves nothing behind

    decision = None
    routing_failed = False
    if matter is None and version is not None:
        from jianfu.dispatch.routing.routers import TOO_LITTLE_CONTENT
        from jianfu.dispatch.routing.text import MIN_CONTENT_CHARS

        if ahead is not None and ahead.version_key == _routing_key(version) and ahead.text == text:
            decision, routing_failed = ahead.decision, ahead.failed   # routed before the caller's transaction
        else:
            decision, routing_failed = _route(version, text)

    # Where it goes: (department, matter, mode, confidence, candidates) or a note for the dispatch centre.
    department_code, mode, queue_note = "", "", ""
    chosen: Matter | None = None
    confidence: float | None = None
    cands: list[dict[str, object]] = []
    dept_name: str | None = ""
    if matter is not None:
        department_code, chosen, mode, confidence = matter.department_code, matter, "reporter", 1.0
        dept_name = getattr(matter, "department_name", None) or _dept_name(department_code)
    elif decision is not None:
        # the top departments with their best matter (what the dispatch queue offers), else the candidates
        cands = [{"matter": c.matter_code, "department": c.department, "score": round(c.score, 4)}
                 for c in (decision.suggestions or decision.candidates)]
        # the matter shown and counted with the event: the router's, else (a department-level decision, e.g.
        # the learned router's) the best-scored matter of the department it chose
        if decision.department and decision.matter_code:
            chosen = Matter.objects.filter(version=version, code=decision.matter_code).first()
        elif decision.department:
            best = next((c["matter"] for c in cands if c["department"] == decision.department and c["matter"]), "")
            chosen = Matter.objects.filter(version=version, code=best, department_code=decision.department).first()
        mode, confidence = decision.mode, decision.confidence
        routed = decision.department or ""
        dept_name = _active_dept_name(routed) if routed else None
        if dept_name is not None:
            department_code = routed
        elif decision.reason == TOO_LITTLE_CONTENT:
            queue_note = (_("内容过少，看不出反映的是什么事项（去掉网页代码和“测试”等字样后不足 %(n)d 个汉字），"
                            "未自动派发，转县指挥中心人工分派；可联系报告人补充。") % {"n": MIN_CONTENT_CHARS})
        elif routed:   # the router named a unit that is no active department of the county (a learned label)
            queue_note = _("系统选出的承办部门不在本县启用的部门中，未自动派发，转县指挥中心人工分派。")
        elif any(not below_floor(c["score"]) for c in cands):
            # in words, not "置信度 0.38" (mend24 #1); no promise of suggestions: the queue shows those it still
            # offers (inactive and returning departments dropped, codereview24 #6)
            queue_note = _("系统无法确定应由哪个部门办理，未自动派发，转县指挥中心人工分派。")
        else:
            queue_note = _("系统看不出应由哪个部门办理，未自动派发，转县指挥中心人工分派。")
    else:
        queue_note = (_("自动分派暂不可用，转县指挥中心人工分派。") if routing_failed
                      else _("本县尚无生效的职责清单，转县指挥中心人工分派。"))

    now = timezone.now()
    event = Event(
        org_code=code, county_code=county, text=text, urgency=urgency, source=source, address=address,
        latitude=lat, longitude=lon, attributes=attributes, reporter=_user(actor),
        reporter_name=reporter_name or (_label(actor) if staff else ""),
        reporter_contact=mask_contact(reporter_contact),
        reporter_contact_cipher=crypto.encrypt(reporter_contact, purpose=CONTACT_PURPOSE) if reporter_contact else "",
        withhold_identity=bool(withhold_identity) and not staff,
        client_id=str(getattr(client, "pk", "") or client or "")[:64],
        catalogue_version_id=matter.version_id if matter is not None else getattr(version, "pk", None),
        routing_mode=mode, routing_confidence=confidence, routing_candidates=cands, matter=chosen,
        form_key=form_key or None, form_content_key=form_content_key or None)
    if department_code:
        event.status = Status.DISPATCHED
        event.department_code = department_code
        event.dispatched_at = now
        for key, value in _deadline_fields(event, now).items():
            setattr(event, key, value)

    # no savepoint when nested (Open311 adds its submission in the same transaction): every check that
    # can fail ran above, so an error in here aborts the whole transaction anyway — and deletes the photos it wrote
    with undone_on_error(), transaction.atomic(savepoint=False):
        duplicate = _find_duplicate(text, code, now)
        if duplicate is not None:
            event.suspected_duplicate_of_id = duplicate[0]
        event.case_number = case_number_next(county, now)
        event.save(force_insert=True)
        _save_photos(event, cleaned, stage=EventPhoto.Stage.REPORT)
        entries = [_timeline_entry(event, actor=actor, action=Action.REPORT, to=Status.REPORTED, at=now,
                                   note=_("%(source)s") % {"source": Source(source).label})]
        if duplicate is not None:
            match_id, score = duplicate
            entries.append(_timeline_entry(
                event, actor=SYSTEM, action="duplicate_suspected", public=False, at=now,
                note=_("与 WG%(id)08d 相似（相似度 %(s).2f），请调度员确认是否合并。") % {"id": match_id, "s": score},
                data={"other": match_id, "score": round(score, 3)}))
        if department_code:
            # the note is public (the citizen's track page, Open311 status_notes): the routing confidence stays with
            # the staff (the event's own field and this entry's data)
            data = {"department": department_code, "matter": getattr(chosen, "code", ""), "mode": mode,
                    "confidence": round(confidence, 4) if confidence is not None else None}
            entries.append(_timeline_entry(
                event, actor=SYSTEM, action=Action.DISPATCH, frm=Status.REPORTED, to=Status.DISPATCHED, at=now,
                note=dispatch_note(mode, dept_name or ""), data=data))
        else:
            entries.append(_timeline_entry(event, actor=SYSTEM, action="queue", public=False, at=now,
                                           note=queue_note))
        TimelineEntry.objects.bulk_create(entries)
        # the object as reported, then the dispatch: the same two records as a report followed by _move
        audit_record(actor=_user(actor), action="dispatch.event.report", obj=event,
                     changes={"source": source, "urgency": urgency, "photos": len(cleaned),
                              "client": event.client_id})
        if department_code:
            audit_record(actor=None, action=f"dispatch.event.{Action.DISPATCH}", obj=event,
                         changes={"status": [Status.REPORTED, Status.DISPATCHED], **data})
        _on_commit_notify("dispatched" if department_code else "queued", event.pk)
    return event



form_token_new = formtokens.token_new   # a one-time token for one rendering of the citizens' form
form_token_valid = formtokens.valid


# How long the same words from the same browser session count as the same report (the back button with
# JavaScript off: the re-fetched form carries a new token and no kept one, but the browser puts the text back).
SAME_SESSION_REPLAY = dt.timedelta(hours=2)
# How long the same account's report of the same words at the same place is that report, whatever its token and photos
# (newuser22 #1: back after a shrunk photo, 提交 twice, filed a second case). The API's retry window (ADR 0036).
SAME_REPORT_WINDOW = dt.timedelta(seconds=formtokens.API_REPEAT_SECONDS)


def _photo_digests(photos: Sequence[Upload] | None) -> list[str | None]:
    """The report's photos for its content key, each hashed only within the size `clean_photo` lets through: an
    oversized one is refused by it, unread, right after (it was hashed whole first: mend19c #2, as mend19b #2 for the
    other forms); more photos than the form takes are refused by count, none of them read."""
    return formtokens.upload_digests(list(photos or ()), limit=MAX_PHOTO_BYTES, most=MAX_PHOTOS)


def _same_report(kwargs: Mapping[str, Any], *, reporter_id: int | None, filed_here: Sequence[int],
                 within: dt.timedelta) -> Event | None:
    """The case a report form's post repeats whatever its token and photos (newuser22 #1): the same place, words,
    urgency and address, filed within `within` by the same account (signed in) or, for a citizen, by this browser
    session (`filed_here`). None for anyone else: another account's or another session's case is never named."""
    if reporter_id is not None:
        mine = Event.objects.filter(reporter_id=reporter_id)
    elif filed_here:
        mine = Event.objects.filter(pk__in=list(filed_here), reporter__isnull=True)
    else:
        return None
    text = clean_text("" if kwargs.get("text") is None else str(kwargs["text"])).strip()
    address = clean_text("" if kwargs.get("address") is None else str(kwargs["address"])).strip()
    if not text:
        return None
    found: Event | None = mine.filter(
        text=text, org_code=str(kwargs.get("org_code") or "").strip(), address=address,
        urgency=kwargs.get("urgency") or Urgency.NORMAL, created_at__gte=timezone.now() - within,
    ).order_by("-pk").first()
    return found


def event_report_from_form(*, form_token: object, filed_here: Sequence[int] = (),
                           **kwargs: Any) -> tuple[Event, bool]:
    """A report from the citizens' form: (event, True) when filed now, (the case filed earlier, False) when the
    same form — its one-time token — was posted before (the back button, then 提交 again), or when a case this
    browser session filed (`filed_here`, its pks) in the last two hours has the same place and the same words
    (the back button with JavaScript off, where no token survives). A post without a well-formed token is refused
    and files nothing (`formtokens.required_key`, ADR 0035)."""
    key = formtokens.required_key(form_token)
    # the case answered to a replay is one the same reporter filed (signed in: that account; the citizens' form: a
    # citizen's); another account's token is an expired form, naming no case (security17 #2)
    reporter_id = getattr(_user(kwargs.get("actor")), "pk", None)

    # the same token with another report (back, the words or place changed, 提交 again; the next person at a shared
    # computer) is not a repeat: an expired form, nothing filed, never answered with the first case (ADR 0036; cr18 #3)
    content_key = formtokens.content_key(form_token, {
        name: (_photo_digests(value) if name == "photos" else value)
        for name, value in kwargs.items() if name not in ("actor", "client", "place")})

    def own(event: Event) -> bool:
        return event.reporter_id == reporter_id and formtokens.same_content(event, content_key)

    try:
        earlier = formtokens.earlier(Event.objects, key, own=own)
    except ApplicationError:
        # the token's case with other content: when only the photos differ — a file box is empty after 返回 or a
        # refused page, and a photo the page shrank is not the file the browser puts back (newuser22 #1) — it is the
        # same report, answered with its case; any other change is still an expired form, nothing filed
        same = _same_report(kwargs, reporter_id=reporter_id, filed_here=filed_here, within=SAME_REPORT_WINDOW)
        if same is None:
            raise
        return same, False
    if earlier is not None:
        return earlier, False
    # a new token with the same words (the page refused or re-fetched, JavaScript off): the same account's report of
    # the last minutes, or this browser session's case of the last two hours, is that report (newuser22 #1)
    same = _same_report(kwargs, reporter_id=reporter_id, filed_here=filed_here,
                        within=SAME_REPORT_WINDOW if reporter_id is not None else SAME_SESSION_REPLAY)
    if same is not None:
        return same, False
    # the same token posted twice at once: the other request filed it first, and this one answers with it
    event, filed = formtokens.create_once(Event.objects, key, lambda: event_report(
        **kwargs, form_key=key or None, form_content_key=content_key or None))
    if not filed and not own(event):
        raise formtokens.expired()
    return event, filed


def _matter_in_force(county: str, matter_code: str) -> Matter | None:
    """The active matter `matter_code` of the county's catalogue version in force (the same rule as
    `catalogue_in_force`), with its department's name as `department_name`, in one statement.

    Raw SQL because this runs for every report and composing it with the ORM (two subqueries) cost
    more CPU than the database spends answering it."""
    on = timezone.localdate()
    sql = (f"SELECT m.*, (SELECT o.name FROM {OrgUnit._meta.db_table} o WHERE o.code = m.department_code "
           f"LIMIT 1) AS department_name FROM {Matter._meta.db_table} m WHERE m.code = %s AND m.active = %s "
           f"AND m.version_id = (SELECT v.id FROM {CatalogueVersion._meta.db_table} v WHERE v.org_code = %s "
           f"AND v.state = %s AND v.effective_from <= %s AND (v.effective_to IS NULL OR v.effective_to > %s) "
           f"ORDER BY v.effective_from DESC, v.number DESC LIMIT 1) LIMIT 1")
    rows = list(Matter.objects.raw(sql, [matter_code, True, county_of(county), CatalogueVersion.State.PUBLISHED,
                                         on, on]))
    return rows[0] if rows else None


def _timeline_entry(event: Event, *, actor: EventActor, action: str, note: str = "", frm: str = "", to: str = "",
                    data: Fields | None = None, public: bool = True, at: dt.datetime | None = None) -> TimelineEntry:
    return TimelineEntry(
        event=event, org_code=event.org_code, at=at or timezone.now(), actor=_user(actor),
        actor_label=_label(actor)[:100], action=action, from_status=frm, to_status=to, note=note,
        data=data or {}, public=public)


def _dept_name(code: str) -> str:
    """The department's name (its code when unknown)."""
    name: str | None = OrgUnit.objects.filter(code=code).values_list("name", flat=True).first()
    return name or code


def _active_dept_name(code: str) -> str | None:
    """The name of `code` if it is an active department, else None — one statement for both the
    check and the name."""
    name: str | None = OrgUnit.objects.filter(code=code, kind=UnitKind.DEPARTMENT, is_active=True).values_list(
        "name", flat=True).first()
    return name


def _find_duplicate(text: str, org_code: str, now: dt.datetime) -> tuple[int, float] | None:
    """(id, score) of the most similar open event of the same village reported in the last
    DUPLICATE_WINDOW_DAYS, or None."""
    since = now - dt.timedelta(days=DUPLICATE_WINDOW_DAYS)
    rows = list(Event.objects.filter(subtree_q(org_code[:12]), status__in=OPEN_STATUSES, created_at__gte=since,
                                     merged_into__isnull=True)
                .order_by("-id").values_list("id", "text")[:200])
    match_id, score = best_match(text, rows)
    return (match_id, score) if match_id is not None else None


# ---------------------------------------------------------------------------------------------
# dispatch centre


def event_dispatch(*, actor: Actor, event: Event | int, department_code: str = "", matter_code: str = "", note: str = "") -> Event:
    """A dispatcher sends a waiting event to a department (by matter or directly). Where it differs
    from what the router proposed, the correction is kept as training data."""
    with transaction.atomic():
        event = _lock(event)
        access.require_covers(actor, event, Capability.DISPATCH)
        note = _clean_text(note, field="note", label=_("说明"), required=False, max_len=1000)
        matter = None
        if matter_code:
            version = event.catalogue_version or catalogue_in_force(event.county_code)
            matter = Matter.objects.filter(version=version, code=matter_code).first() if version else None
            if matter is None:
                raise ApplicationError(_("未知的事项编码「%(code)s」。") % {"code": matter_code[:40]},
                                       code="unknown_matter", field="matter_code")
            department_code = department_code or matter.department_code
        if not department_code:
            raise ApplicationError(_("请选择承办部门或事项。"), code="required", field="department")
        _department(department_code, event.county_code)
        predicted = (event.routing_candidates or [{}])[0] if event.routing_candidates else {}
        RoutingFeedback.objects.create(
            event=event, org_code=event.org_code, created_by=_user(actor), text=event.text,
            kind=(RoutingFeedback.Kind.CONFIRM
                  if predicted.get("department") == department_code and (not matter or predicted.get("matter") == matter.code)
                  else RoutingFeedback.Kind.CORRECTION),
            predicted_matter_code=predicted.get("matter", "") or "",
            predicted_department_code=predicted.get("department", "") or "",
            matter_code=matter.code if matter else "", department_code=department_code, reason=note)
        now = timezone.now()
        event.matter = matter
        _move(event, Action.DISPATCH, actor=actor, note=note or _("人工派发至%(dept)s。") % {"dept": _dept_name(department_code)},
              updates={"department_code": department_code, "matter": matter, "routing_mode": "manual",
                       "dispatched_at": now, **_deadline_fields(event, now)},
              data={"department": department_code, "matter": matter.code if matter else ""})
        _on_commit_notify("dispatched", event.pk)
    return event


def event_duplicate_dismiss(*, actor: Actor, event: Event | int) -> Event:
    with transaction.atomic():
        event = _lock(event)
        access.require_covers(actor, event, Capability.DISPATCH)
        if event.suspected_duplicate_of_id is None:
            raise ApplicationError(_("该事件没有待确认的疑似重复。"), code="invalid")
        other = event.suspected_duplicate_of_id
        Event.objects.filter(pk=event.pk).update(suspected_duplicate_of=None, updated_at=timezone.now())
        event.suspected_duplicate_of_id = None
        _timeline(event, actor=actor, action="duplicate_dismissed", public=False,
                  note=_("调度员确认与 WG%(id)08d 不是重复事件。") % {"id": other})
        audit_record(actor=actor, action="dispatch.event.duplicate_dismiss", obj=event, changes={"other": other})
    return event


def event_merge(*, actor: Actor, event: Event | int, into: Event | int) -> Event:
    """A dispatcher confirms `event` duplicates `into`: `event` is closed as merged, its reporter
    follows `into`'s outcome."""
    with transaction.atomic():
        event = _lock(event)
        target = Event.objects.select_for_update().filter(pk=getattr(into, "pk", into)).first()
        access.require_covers(actor, event, Capability.DISPATCH)
        if target is None or not access.event_is_visible(actor, target):
            raise NotFoundError(_("要合并到的事件不存在或您无权查看。"), field="into")
        if target.pk == event.pk:
            raise ApplicationError(_("不能把事件合并到它自己。"), code="invalid", field="into")
        if target.status == Status.MERGED:
            raise ApplicationError(_("目标事件本身已被合并，请合并到它的主事件。"), code="invalid", field="into")
        _move(event, Action.MERGE, actor=actor, note=_("确认为 %(n)s 的重复事件，已合并。") % {"n": target.number},
              updates={"merged_into": target, "suspected_duplicate_of": None, **_NO_DEADLINE},
              data={"into": target.pk})
        _timeline(target, actor=actor, action="merged_in", public=False,
                  note=_("%(n)s 作为重复事件并入本事件。") % {"n": event.number}, data={"from": event.pk})
    return event


# ---------------------------------------------------------------------------------------------
# department handling


def event_accept(*, actor: Actor, event: Event | int, note: str = "") -> Event:
    """签收, with an optional note kept on the timeline entry (the API took a note and dropped it: badinput16 #9d)."""
    with transaction.atomic():
        event = _lock(event)
        access.require_department_of(actor, event)
        note = _clean_text(note, field="note", label=_("说明"), required=False, max_len=2000)
        _move(event, Action.ACCEPT, actor=actor, note=note, updates={"accepted_at": timezone.now()})
    return event


def event_start(*, actor: Actor, event: Event | int, note: str = "") -> Event:
    with transaction.atomic():
        event = _lock(event)
        access.require_department_of(actor, event)
        note = _clean_text(note, field="note", label=_("说明"), required=False, max_len=2000)
        _move(event, Action.START, actor=actor, note=note)
    return event


def event_resolve(*, actor: Actor, event: Event | int, resolution: str,
                  photos: Iterable[Upload] | None = (), unreported_reason: str = "") -> Event:
    """办结, with the photos that show the result (checked before anything is written).

    While a department summoned by a 吹哨 has not reported, 办结 needs a stated reason (kept as an
    internal timeline entry for the township): refusing outright would let one absent department hold
    an event open for ever, and saying nothing would hide that the joint handling never happened."""
    if isinstance(event, Event):   # the right first, before any photo is decoded (mend21); again under the lock
        access.require_department_of(actor, event)
    cleaned = clean_photos(photos)
    with undone_on_error(), transaction.atomic():   # a failure after the photos were written deletes them
        event = _lock(event)
        access.require_department_of(actor, event)
        resolution = _clean_text(resolution, field="resolution", label=_("办理结果"), min_len=2)
        unreported = list(WhistleSummons.objects.filter(whistle__event=event, whistle__closed_at__isnull=True,
                                                        checked_in_at__isnull=True)
                          .order_by("department_code").values_list("department_code", flat=True).distinct())
        if unreported:
            names = "、".join(_dept_name(code) for code in unreported)
            if not str(unreported_reason or "").strip():
                raise ApplicationError(
                    _("吹哨召集的%(names)s尚未报到：请说明未报到的情况后再办结。") % {"names": names},
                    code="unreported_whistle", field="unreported_reason")
            unreported_reason = _clean_text(unreported_reason, field="unreported_reason",
                                            label=_("未报到情况说明"), min_len=4, max_len=1000)
        now = timezone.now()
        overdue = bool(event.due_at and now > event.due_at)
        updates = {"resolved_at": now, "resolution": resolution, "reminded": True}
        if overdue:
            updates["was_overdue"] = True
        _move(event, Action.RESOLVE, actor=actor, note=resolution, updates=updates,
              data={"photos": len(cleaned)} if cleaned else None)
        if unreported:
            _timeline(event, actor=actor, action="resolve_unreported", public=False,
                      note=_("%(names)s未报到即办结：%(reason)s") % {"names": names, "reason": unreported_reason},
                      data={"departments": unreported})
        _save_photos(event, cleaned, stage=EventPhoto.Stage.RESOLVE)
        _on_commit_notify("resolved", event.pk)
    return event


def _save_photos(event: Event, cleaned: list[CleanPhoto], *, stage: str) -> None:
    """Each photo stored, its thumbnail beside it (`thumbnail_name`), for the event page (fix-photo21); each file
    `written` before its row, so the caller's `undone_on_error` deletes it if the transaction fails (security23 F6)."""
    for photo in cleaned:
        # a report's files keep the names they had before resolution photos existed
        tag = "" if stage == EventPhoto.Stage.REPORT else f"{stage}-"
        stored = EventPhoto(
            event=event, org_code=event.org_code, content_type=photo.content_type, width=photo.width,
            height=photo.height, size=len(photo.content), sha256=photo.sha256, stage=stage)
        stored.image.save(f"{event.pk}-{tag}{photo.sha256[:12]}.{photo.extension}", ContentFile(photo.content),
                          save=False)
        written(stored.image.storage, stored.image.name)
        if photo.thumbnail:
            thumb = thumbnail_name(stored.image.name)
            written(stored.image.storage, thumb)
            thumbnail_save(stored.image.storage, thumb, photo.thumbnail)
        stored.save(force_insert=True)


def event_return(*, actor: Actor, event: Event | int, reason: str) -> Event:
    """退回: the department says the event is not its job; it goes back to the dispatch centre and the
    router learns that this text does not belong to this department."""
    with transaction.atomic():
        event = _lock(event)
        dept = access.require_department_of(actor, event)
        reason = _clean_text(reason, field="reason", label=_("退回理由"), min_len=4, max_len=1000)
        RoutingFeedback.objects.create(
            event=event, org_code=event.org_code, created_by=_user(actor), kind=RoutingFeedback.Kind.RETURN,
            text=event.text, predicted_matter_code=event.matter.code if event.matter else "",
            predicted_department_code=dept, reason=reason)
        _move(event, Action.RETURN, actor=actor, note=reason, public=False,  # a department's reason is internal
              updates={"department_code": "", "matter": None, "dispatched_at": None, "accepted_at": None,
                       "return_count": F("return_count") + 1, **_NO_DEADLINE},
              data={"department": dept})
        _on_commit_notify("queued", event.pk)
    return event


# ---------------------------------------------------------------------------------------------
# 申请延期, 转派, 协办


MAX_EXTENSION_WORKDAYS = 30


def event_extension_request(*, actor: Actor, event: Event | int, workdays: object, reason: str) -> ExtensionRequest:
    """The handling department asks for `workdays` more working days; the deadline moves only when
    the township (or county office) approves."""
    with transaction.atomic():
        event = _lock(event)
        dept = access.require_department_of(actor, event)
        target_status(Action.EXTEND_REQUEST, event.status)
        reason = _clean_text(reason, field="reason", label=_("延期理由"), min_len=4, max_len=1000)
        days = _whole_number(workdays)
        if not 1 <= days <= MAX_EXTENSION_WORKDAYS:
            raise ApplicationError(_("延长的工作日数必须在 1 到 %(n)d 之间。") % {"n": MAX_EXTENSION_WORKDAYS},
                                   code="invalid", field="workdays")
        if ExtensionRequest.objects.filter(event=event, state=ExtensionRequest.State.PENDING).exists():
            raise ApplicationError(_("已有一份延期申请在等待审批。"), code="duplicate", field="workdays")
        base = event.due_at or timezone.now()
        new_due = deadlines.due_at(base, workdays=days)
        request = ExtensionRequest.objects.create(
            event=event, org_code=event.org_code, department_code=dept, requested_by=_user(actor), reason=reason,
            workdays=days, old_due_at=event.due_at, new_due_at=new_due)
        _move(event, Action.EXTEND_REQUEST, actor=actor, public=False,
              note=_("申请延期 %(d)d 个工作日（至 %(due)s）：%(r)s")
              % {"d": days, "due": timezone.localtime(new_due).strftime("%Y-%m-%d %H:%M"), "r": reason},
              data={"extension": request.pk, "workdays": days})
    return request


def event_extension_decide(*, actor: Actor, event: Event | int, approve: bool, note: str = "") -> ExtensionRequest:
    """The township (or county office) over the event's place approves or refuses the pending
    request. Approval moves the deadline, its reminder and escalation times, and says so publicly."""
    with transaction.atomic():
        event = _lock(event)
        access.require_covers(actor, event, Capability.RATE_DEPARTMENTS)
        action = Action.EXTEND_APPROVE if approve else Action.EXTEND_REFUSE
        target_status(action, event.status)
        note = _clean_text(note, field="note", label=_("审批意见"), required=not approve, min_len=2, max_len=1000)
        request = (ExtensionRequest.objects.select_for_update()
                   .filter(event=event, state=ExtensionRequest.State.PENDING).first())
        if request is None:
            raise ApplicationError(_("没有待审批的延期申请。"), code="wrong_state", field="status")
        now = timezone.now()
        request.state = ExtensionRequest.State.APPROVED if approve else ExtensionRequest.State.REFUSED
        request.decided_by, request.decided_at, request.decision_note = _user(actor), now, note
        request.save(update_fields=["state", "decided_by", "decided_at", "decision_note", "updated_at"])
        if approve:
            due = request.new_due_at
            updates = {"due_at": due, "remind_at": deadlines.remind_at(now, due),
                       "county_escalation_at": deadlines.county_escalation_at(due), "reminded": False,
                       "escalation_level": 0}
            old = timezone.localtime(request.old_due_at).strftime("%Y-%m-%d %H:%M") if request.old_due_at else "—"
            _move(event, action, actor=actor, updates=updates,
                  note=_("同意延期：办理期限由 %(old)s 延至 %(new)s。%(n)s")
                  % {"old": old, "new": timezone.localtime(due).strftime("%Y-%m-%d %H:%M"), "n": note},
                  data={"extension": request.pk, "due_at": due.isoformat()})
        else:
            _move(event, action, actor=actor, public=False, note=_("驳回延期申请：%(n)s") % {"n": note},
                  data={"extension": request.pk})
    return request


def event_transfer(*, actor: Actor, event: Event | int, department_code: str, reason: str) -> Event:
    """转派: the handling department hands the event straight to the department that owns it (it
    does not go back to the dispatch queue); the new department gets a fresh deadline, and the
    router learns the correction."""
    with transaction.atomic():
        event = _lock(event)
        dept = access.require_department_of(actor, event)
        target_status(Action.TRANSFER, event.status)
        reason = _clean_text(reason, field="reason", label=_("转派理由"), min_len=4, max_len=1000)
        department_code = (department_code or "").strip()
        if not department_code:
            raise ApplicationError(_("请选择转派的部门。"), code="required", field="department")
        if department_code == dept:
            raise ApplicationError(_("不能转派给本部门。"), code="invalid", field="department")
        target = _department(department_code, event.county_code)
        RoutingFeedback.objects.create(
            event=event, org_code=event.org_code, created_by=_user(actor), kind=RoutingFeedback.Kind.CORRECTION,
            text=event.text, predicted_matter_code=event.matter.code if event.matter else "",
            predicted_department_code=dept, department_code=department_code, reason=reason)
        now = timezone.now()
        deadline = _deadline_fields(event, now)
        due = cast(dt.datetime, deadline["due_at"])   # `Fields` values are objects; `_deadline_fields` sets a datetime
        _move(event, Action.TRANSFER, actor=actor,
              note=_("由%(from)s转派至%(to)s：%(r)s") % {"from": _dept_name(dept), "to": target.name, "r": reason},
              updates={"department_code": department_code, "matter": None, "dispatched_at": now,
                       "accepted_at": None, **deadline},
              data={"from": dept, "department": department_code, "reason": reason})
        # its own message (dispatch33): the receiving department reads who transferred it, why, and its new deadline —
        # this transfer's, stored with the notice: read when it is sent, A→B→C in quick succession (or a notice run
        # late by `pending_notices_task`) told C twice about B→C (fixcr33c)
        _on_commit_notify("transferred", event.pk, transfer={
            "from": dept, "to": department_code, "reason": reason, "who": _label(actor)[:100],
            "due": timezone.localtime(due).strftime("%Y-%m-%d %H:%M")})
    return event


def event_assist_invite(*, actor: Actor, event: Event | int, department_code: str, note: str) -> EventAssist:
    """协办: the handling department involves another one; that department then sees the event.
    The lead department keeps the event and its deadline."""
    with transaction.atomic():
        event = _lock(event)
        dept = access.require_department_of(actor, event)
        target_status(Action.ASSIST, event.status)
        note = _clean_text(note, field="note", label=_("协办事项"), min_len=2, max_len=1000)
        department_code = (department_code or "").strip()
        if not department_code or department_code == dept:
            raise ApplicationError(_("请选择另一个部门协办。"), code="invalid", field="department")
        target = _department(department_code, event.county_code)
        if EventAssist.objects.filter(event=event, department_code=department_code).exists():
            raise ApplicationError(_("%(d)s已在协办。") % {"d": target.name}, code="duplicate", field="department")
        assist = EventAssist.objects.create(event=event, org_code=event.org_code, department_code=department_code,
                                            invited_by=_user(actor), note=note)
        _move(event, Action.ASSIST, actor=actor, public=False,
              note=_("邀请%(d)s协办：%(n)s") % {"d": target.name, "n": note},
              data={"department": department_code})
    return assist


# ---------------------------------------------------------------------------------------------
# reporter feedback, reopen


def _may_give_feedback(actor: Actor, event: Event, token: str | None) -> bool:
    if token and token == event.feedback_token:
        return True
    user = _user(actor)
    if user is not None and event.reporter_id == user.pk:
        return True
    # 回访: township / county staff record a reporter's answer given by phone.
    return access.is_staff_user(actor) and actor.role in (Role.TOWNSHIP, Role.COUNTY_OFFICE, Role.ADMIN) \
        and access.covers(actor, event.org_code)


def event_feedback(*, actor: Actor, event: Event | int, score: object, satisfied: bool | None = None, comment: str = "",
                   token: str | None = None) -> Event:
    """The reporter rates the resolution: satisfied → closed; unsatisfied → reopened to the same
    department with a fresh deadline."""
    with transaction.atomic():
        event = _lock(event)
        if not _may_give_feedback(actor, event, token):
            raise NotFoundError(_("事件不存在或您无权查看。"))
        # the score and the comment refused together, as the report form's fields (newuser26 #2)
        refusals: list[ApplicationError] = []
        stars, comment = _checked(refusals, lambda: _stars(score), 0), _checked(refusals, lambda: _clean_text(
            comment, field="comment", label=_("意见"), required=False, max_len=1000), "")
        _refuse_all(refusals)
        satisfied = stars >= 3 if satisfied is None else bool(satisfied)
        if event.status != Status.RESOLVED:
            raise ApplicationError(_("事件尚未办结，暂不能评价。"), code="wrong_state", field="status")
        Feedback.objects.create(event=event, org_code=event.org_code, department_code=event.department_code,
                                score=stars, satisfied=satisfied, comment=comment, round=event.reopen_count)
        # the record says the score and the verdict, and the comment after them (newuser32a #2: a comment stood for
        # the whole rating, and the 4 分 the reporter gave was on no page)
        verdict = (_("上报人评价：满意（%(s)d 分）。") if satisfied
                   else _("上报人评价：不满意（%(s)d 分），重新办理。")) % {"s": stars}
        note = verdict + (_("意见：%(c)s") % {"c": comment} if comment else "")
        if satisfied:
            _move(event, Action.CLOSE, actor=actor, note=note,
                  updates={"closed_at": timezone.now()}, data={"score": stars})
        else:
            now = timezone.now()
            _move(event, Action.REOPEN, actor=actor, note=note,
                  updates={"reopen_count": F("reopen_count") + 1, "resolved_at": None,
                           **_deadline_fields(event, now)}, data={"score": stars})
            _on_commit_notify("reopened", event.pk)
    return event


def event_reopen(*, actor: Actor, event: Event | int, reason: str, token: str | None = None) -> Event:
    """An unsatisfied reporter reopens a resolved or closed event."""
    with transaction.atomic():
        event = _lock(event)
        if not _may_give_feedback(actor, event, token):
            raise NotFoundError(_("事件不存在或您无权查看。"))
        reason = _clean_text(reason, field="reason", label=_("重办理由"), min_len=2, max_len=1000)
        now = timezone.now()
        _move(event, Action.REOPEN, actor=actor, note=reason,
              updates={"reopen_count": F("reopen_count") + 1, "resolved_at": None, "closed_at": None,
                       **_deadline_fields(event, now)})
        _on_commit_notify("reopened", event.pk)
    return event


def event_rate_department(*, actor: Actor, event: Event | int, score: object, comment: str = "", department_code: str = "") -> DepartmentRating:
    """考核评价: the township rates a department's handling of an event in its area."""
    with transaction.atomic():
        event = _lock(event)
        access.require_covers(actor, event, Capability.RATE_DEPARTMENTS)
        dept = department_code or event.department_code
        summoned = set(WhistleSummons.objects.filter(whistle__event=event).values_list("department_code", flat=True))
        summoned |= set(EventAssist.objects.filter(event=event).values_list("department_code", flat=True))
        if not dept or (dept != event.department_code and dept not in summoned):
            raise ApplicationError(_("只能评价承办、协办或报到的部门。"), code="invalid", field="department")
        if event.status not in (Status.RESOLVED, Status.CLOSED):
            raise ApplicationError(_("事件办结后才能评价部门。"), code="wrong_state", field="status")
        stars = _stars(score)
        comment = _clean_text(comment, field="comment", label=_("评语"), required=False, max_len=1000)
        if DepartmentRating.objects.filter(event=event, department_code=dept).exists():
            raise ApplicationError(_("已评价过该部门的办理情况。"), code="duplicate", field="department")
        rating = DepartmentRating.objects.create(event=event, org_code=town_of(event.org_code), department_code=dept,
                                                 rated_by=_user(actor), score=stars, comment=comment)
        _timeline(event, actor=actor, action="rate", public=False,
                  note=_("乡镇评价%(dept)s：%(s)d 分。%(c)s") % {"dept": _dept_name(dept), "s": stars, "c": comment})
        audit_record(actor=actor, action="dispatch.event.rate_department", obj=event,
                     changes={"department": dept, "score": stars})
    return rating


# ---------------------------------------------------------------------------------------------
# 吹哨报到


WHISTLE_DEFAULT_HOURS = 24


def whistle_blow_from_form(*, form_token: object, actor: Actor, event: Event, department_codes: Sequence[str],
                           reason: str, checkin_hours: object = WHISTLE_DEFAULT_HOURS) -> tuple[Whistle, bool]:
    """The event page's 吹哨 form: (whistle, True) when blown now, (the whistle that form blew, False) when the same
    form — its one-time token — was posted before (a double tap, a retry after a timeout, back then 吹哨 again): the
    departments are summoned once, not twice (fix-token29). A post without a well-formed token is refused, nothing
    written (`formtokens.required_key`, ADR 0035); the same token with other departments, another 事由 or hours,
    another event or from another account is an expired form (ADR 0036). Who may blow first: a user without the
    right is refused (403), not told the form expired (fix-cr29 #5); `whistle_blow` checks again on the locked row."""
    access.require_covers(actor, event, Capability.WHISTLE)
    form_key = formtokens.required_key(form_token)
    content_key = formtokens.content_key(form_token, {
        "event": event.pk, "departments": [str(c) for c in department_codes], "reason": reason,
        "checkin_hours": str(checkin_hours)})
    blower = getattr(_user(actor), "pk", None)
    return formtokens.once(Whistle.objects, form_key,
                           lambda: whistle_blow(actor=actor, event=event, department_codes=department_codes,
                                                reason=reason, checkin_hours=checkin_hours, form_key=form_key,
                                                form_content_key=content_key),
                           own=lambda w: w.event_id == event.pk and w.blown_by_id == blower
                           and formtokens.same_content(w, content_key))


def _whistle_departments(codes: list[str], county_code: str) -> None:
    if len(codes) < 1:
        raise ApplicationError(_("请至少选择一个报到部门。"), code="required", field="departments")
    if len(codes) > 20:
        raise ApplicationError(_("一次最多召集 20 个部门。"), code="invalid", field="departments")
    for code in codes:
        _department(code, county_code)


def _checkin_hours(value: object) -> int:
    hours = _whole_number(value)
    if not 1 <= hours <= 168:
        raise ApplicationError(_("报到时限必须在 1 到 168 小时之间。"), code="invalid", field="checkin_hours")
    return hours


def whistle_blow(*, actor: Actor, event: Event | int, department_codes: Iterable[str] | None, reason: str,
                 checkin_hours: object = WHISTLE_DEFAULT_HOURS, form_key: str | None = None,
                 form_content_key: str | None = None) -> Whistle:
    with transaction.atomic():
        event = _lock(event)
        access.require_covers(actor, event, Capability.WHISTLE)
        if event.status not in OPEN_STATUSES:
            raise ApplicationError(_("事件已办结或关闭，不能吹哨。"), code="wrong_state", field="status")
        # every field's refusal at once (dmend32 #2: no department and no 事由 said only 请填写吹哨事由 first)
        refusals: list[ApplicationError] = []
        # (事由 first: the page opens at its box, the first refused input that takes the focus)
        reason = _checked(refusals, lambda: _clean_text(reason, field="reason", label=_("吹哨事由"), min_len=4,
                                                        max_len=2000), "")
        codes = list(dict.fromkeys(c for c in (department_codes or []) if c))
        _checked(refusals, lambda: _whistle_departments(codes, event.county_code), None)
        hours = _checked(refusals, lambda: _checkin_hours(checkin_hours), 0)
        _refuse_all(refusals)
        # the form's keys (not editable: passed as a mapping, as monitor's notices do)
        keys: dict[str, Any] = {"form_key": form_key or None, "form_content_key": form_content_key or None}
        whistle = Whistle.objects.create(event=event, org_code=town_of(event.org_code), blown_by=_user(actor),
                                         reason=reason, checkin_deadline=timezone.now() + dt.timedelta(hours=hours),
                                         **keys)
        WhistleSummons.objects.bulk_create([WhistleSummons(whistle=whistle, department_code=c) for c in codes])
        _timeline(event, actor=actor, action="whistle", public=False,  # internal coordination, never published
                  note=_("吹哨召集：%(depts)s，%(h)d 小时内报到。事由：%(r)s")
                  % {"depts": "、".join(_dept_name(c) for c in codes), "h": hours, "r": reason},
                  data={"whistle": whistle.pk, "departments": codes})
        audit_record(actor=actor, action="dispatch.whistle.blow", obj=event,
                     changes={"whistle": whistle.pk, "departments": codes, "hours": hours})
        _on_commit_notify("whistle", event.pk, whistle_id=whistle.pk)
    return whistle


def whistle_checkin(*, actor: Actor, summons: WhistleSummons, part: str = "") -> WhistleSummons:
    """报到: the summoned department checks in (and may record its part at once)."""
    with transaction.atomic():
        summons = WhistleSummons.objects.select_for_update(of=("self",)).select_related("whistle__event").get(pk=summons.pk)
        access.require(actor, Capability.EVENT_HANDLE)
        dept = access.department_code(actor)
        if dept != summons.department_code:
            raise NotFoundError(_("报到通知不存在或不是发给您所在部门的。"))
        if summons.checked_in_at is not None:
            raise ApplicationError(_("您的部门已经报到。"), code="wrong_state", field="status")
        part = _clean_text(part, field="part", label=_("承担工作"), required=False, max_len=2000)
        now = timezone.now()
        updated = WhistleSummons.objects.filter(pk=summons.pk, checked_in_at__isnull=True).update(
            checked_in_at=now, checked_in_by=_user(actor), part=part)
        if updated != 1:
            raise ConflictError(_("您的部门已经报到。"))
        summons.checked_in_at, summons.part = now, part
        late = now > summons.whistle.checkin_deadline
        _timeline(summons.whistle.event, actor=actor, action="checkin", public=False,
                  note=(_("%(dept)s报到（超时）。%(p)s") if late else _("%(dept)s报到。%(p)s"))
                  % {"dept": _dept_name(dept), "p": part}, data={"summons": summons.pk, "late": late})
        audit_record(actor=actor, action="dispatch.whistle.checkin", obj=summons.whistle.event,
                     changes={"summons": summons.pk, "late": late})
    return summons


def whistle_record_part(*, actor: Actor, summons: WhistleSummons, part: str) -> WhistleSummons:
    with transaction.atomic():
        summons = WhistleSummons.objects.select_for_update(of=("self",)).select_related("whistle__event").get(pk=summons.pk)
        access.require(actor, Capability.EVENT_HANDLE)
        if access.department_code(actor) != summons.department_code:
            raise NotFoundError(_("报到通知不存在或不是发给您所在部门的。"))
        if summons.checked_in_at is None:
            raise ApplicationError(_("请先报到，再填写承担的工作。"), code="wrong_state", field="status")
        part = _clean_text(part, field="part", label=_("承担工作"), min_len=2, max_len=2000)
        WhistleSummons.objects.filter(pk=summons.pk).update(part=part)
        summons.part = part
        _timeline(summons.whistle.event, actor=actor, action="whistle_part", public=False,
                  note=_("%(dept)s：%(p)s") % {"dept": _dept_name(summons.department_code), "p": part})
        audit_record(actor=actor, action="dispatch.whistle.part", obj=summons.whistle.event,
                     changes={"summons": summons.pk})
    return summons


# ---------------------------------------------------------------------------------------------
# department notification settings


def department_profile_update(*, actor: Actor, department_code: str, notify_email: str = "", notify_sms: str = "",
                              notify_webhook: str = "") -> DepartmentProfile:
    from django.core.exceptions import ValidationError
    from django.core.validators import URLValidator, validate_email

    access.require(actor, Capability.CATALOGUE_MANAGE)
    if not scope_for(actor).covers(department_code):
        raise NotFoundError(_("部门不存在或您无权查看。"))
    try:
        if notify_email:
            validate_email(notify_email)
    except ValidationError:
        raise ApplicationError(_("邮箱格式不正确。"), field="notify_email") from None
    try:
        if notify_webhook:
            URLValidator(schemes=["https", "http"])(notify_webhook)
    except ValidationError:
        raise ApplicationError(_("Webhook 地址格式不正确。"), field="notify_webhook") from None
    if notify_webhook and outbound.refusal(notify_webhook):      # security35 #2: no SSRF into the county's network
        raise ApplicationError(_("通知 Webhook：地址不能指向本机、内网、链路本地或云元数据地址，也须能解析；"
                                 "内部接收端须由管理员在设置 JIANFU_WEBHOOK_ALLOWED_HOSTS 中列明。"),
                               field="notify_webhook")
    with transaction.atomic():
        profile, _created = DepartmentProfile.objects.update_or_create(
            org_code=department_code,
            defaults={"notify_email": notify_email, "notify_sms": notify_sms[:20], "notify_webhook": notify_webhook})
        audit_record(actor=actor, action="dispatch.department.notify_settings", obj=profile, org_code=department_code,
                     changes={"email": bool(notify_email), "sms": bool(notify_sms), "webhook": bool(notify_webhook)})
    return profile


def mask_contact(contact: str) -> str:
    """138****5678 for a phone number, z***@example.com for an email address, else the first character."""
    contact = (contact or "").strip()
    if not contact:
        return ""
    if "@" in contact:
        local, _at, domain = contact.partition("@")
        return f"{local[:1]}***@{domain}"
    digits = "".join(ch for ch in contact if ch.isdigit())
    if len(digits) >= 7:
        return mask_phone(digits)
    return contact[:1] + "*" * (len(contact) - 1)


def event_contact_reveal(*, actor: Actor, event: Event) -> str:
    """The clear contact for staff who must call the reporter back; audited. Departments never get a
    withheld identity, and need PII_REVEAL like everyone else."""
    scope = scope_for(actor)
    may = scope.can(Capability.PII_REVEAL) and scope.covers(event.org_code) and not (
        event.withhold_identity and scope.is_department)
    return pii_reveal(actor=actor, obj=event, field="reporter_contact", value=event_contact(event), may_reveal=may)


def event_seen_by_reporter(*, actor: Actor, event: Event) -> bool:
    """The reporter opened their event (U03): its status changes up to now leave their workbench. Only the event's
    own reporter marks it (anyone else opening it changes nothing); no audit record — opening a page changes no
    business fact, and the read itself is not personal data. Returns whether the mark moved."""
    if actor is None or not getattr(actor, "is_authenticated", False) or event.reporter_id != actor.pk:
        return False
    return bool(Event.objects.filter(pk=event.pk, reporter_id=actor.pk).update(reporter_seen_at=timezone.now()))
