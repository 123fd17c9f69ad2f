"""Writes of 就业帮扶. Keyword-only, atomic, audited in the same transaction; side effects on commit.

Key persons stand on registry persons (never a copy): creating one takes a registry person the actor may
see; its status moves only along `workflow.KEY_TRANSITIONS`, one guarded function per move, each leaving a
`StatusChange` row and an audit record, and keeping the registry's `employment_status` in step (with the
registry's own change log) so 一表同享's employment forms stay right without anyone typing them again.
Postings and their import live in `postings.py`; visit rules and the scan in `visits.py`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, overload

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.accounts.scoping import scope_for
from jianfu.core import formtokens, versioning
from jianfu.core.audit import audit_record
from jianfu.core.cleaning import refuse_too_long
from jianfu.core.errors import ApplicationError, ConflictError, NotFoundError
from jianfu.core.queueing import enqueue_on_commit
from jianfu.core.text import clean_text, has_markup, misplaced_comma, without_thousands
from jianfu.core.versioning import claim_version
from jianfu.employment import access, parsing
from jianfu.employment.matching import parse
from jianfu.employment.models import (
    KEY_GROUP_FIELDS,
    Hardship,
    KeyPerson,
    KeyStatus,
    Limit,
    Place,
    Posting,
    PostingStatus,
    Referral,
    ReferralStatus,
    SeekerProfile,
    ServiceKind,
    ServiceOutcome,
    ServiceRecord,
    StatusChange,
    UnemploymentGround,
    VisitTask,
)
from jianfu.employment.workflow import (
    ACTIVE_STATUSES,
    KEY_TRANSITIONS,
    PLACED_STATUSES,
    REFERRAL_OPEN,
    REFERRAL_TRANSITIONS,
)
from jianfu.registry import selectors as registry_selectors
from jianfu.registry.ledger.values import age_on, local_today
from jianfu.registry.models import EmploymentStatus, FieldChange, Person
from jianfu.registry.services import record_changes

if TYPE_CHECKING:
    from jianfu.accounts.models import User

DateInput = dt.date | str | None  # a date, its ISO text (a form or API field), or nothing

# What the registry's employment_status becomes for each key-person status (None: left as it is).
REGISTRY_STATUS: dict[str, str | None] = {
    KeyStatus.UNEMPLOYED: EmploymentStatus.UNEMPLOYED,
    KeyStatus.REFERRED: EmploymentStatus.UNEMPLOYED,
    KeyStatus.INTERVIEWING: EmploymentStatus.UNEMPLOYED,
    KeyStatus.EMPLOYED: EmploymentStatus.EMPLOYED,
    KeyStatus.FLEXIBLE: EmploymentStatus.FLEXIBLE,
    KeyStatus.EXITED: None,
}
KEY_FIELDS = (*KEY_GROUP_FIELDS, "unemployment_registered_on", "unemployment_ground", "graduation_year", "major",
              "hardship", "work_capacity", "note")


def today() -> dt.date:
    return local_today()


def plain_text(value: object) -> str:
    """Free text as typed or pasted (from a chat, a sheet, another system), by the house rule
    (`core.text.clean_text`: control characters dropped, a vertical tab or form feed from Word/WPS kept as a
    line break), DEL dropped too, surrounding blanks stripped."""
    return clean_text(str(value or "")).replace("\x7f", "").strip()


def markup_message(label: str) -> str:
    """A profile field refused for a web page's markup (`core.text.has_markup`, the posting import's rule): the phone
    form and the seeker import say it alike, each with its own name of the field."""
    return _("%(field)s含有网页代码（<…>），请只填写文字") % {"field": label}


# the profile's free text, by the phone form's names: a wish or history holding markup was stored (tryout26 #3)
_PROFILE_TEXT_LABELS = {"desired_text": "求职意向", "certificates": "技能证书", "experience": "工作经历",
                        "wage": "期望月薪", "limits_note": "其他限制"}


@overload
def _date(value: DateInput, field: str, *, default: dt.date) -> dt.date: ...


@overload
def _date(value: DateInput, field: str, *, default: None = None) -> dt.date | None: ...


def _date(value: DateInput, field: str, *, default: dt.date | None = None) -> dt.date | None:
    if value in (None, ""):
        return default
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ApplicationError(_("日期格式应为 年-月-日（如 2025-03-01）。"), code="invalid_date", field=field) from None


# A training or subsidy record (badinput15 #10): booked up to three months ahead (a course already scheduled), and
# back-filled up to ten years (older help is not the office's current work); outside that a date is a typing slip.
SERVICE_DAYS_AHEAD = 90
SERVICE_YEARS_BACK = 10
# The most one record's 金额（元） may be, by its kind (session 33, emp-product33 #2; it was 1,000,000 for every kind, so
# "12000000" typed for "1200.00" was refused but "120000" for "1200" was stored). Each is a few times the largest sum the
# public policy pays one person under that heading, so a real record is never refused and an extra zero or two usually
# is. 职业技能培训: a training subsidy is a few hundred to a few thousand yuan a course (by the level certified). 社保补贴:
# two-thirds or so of the contributions of a 灵活就业 person or a hired key-group worker, for at most 3 years (5 near
# retirement) — some 5,000–8,000 a year, under 40,000 in all. 岗位补贴: a 公益性岗位's pay at about the minimum wage (about
# 2,000 a month) for at most 3 years, about 72,000. 一次性创业补贴: a one-off sum of 5,000–10,000 (20,000 at most where a
# county tops it up).
SERVICE_AMOUNT_MAX = {
    ServiceKind.TRAINING: 20_000,
    ServiceKind.SOCIAL_INSURANCE_SUBSIDY: 50_000,
    ServiceKind.POST_SUBSIDY: 100_000,
    ServiceKind.STARTUP_SUBSIDY: 30_000,
}


def date_in_window(value: dt.date, *, field: str, label: str, earliest: dt.date, latest: dt.date) -> dt.date:
    """`value` unless it is before `earliest` or after `latest`: then the field's error, naming it and the bound."""
    if value > latest:
        raise ApplicationError(_("%(label)s不能晚于%(date)s。") % {"label": label, "date": latest.isoformat()},
                               code="invalid_date", field=field)
    if value < earliest:
        raise ApplicationError(_("%(label)s不能早于%(date)s。") % {"label": label, "date": earliest.isoformat()},
                               code="invalid_date", field=field)
    return value


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:   # 29 February
        return day.replace(year=day.year - years, day=28)


def _clean_key_fields(data: Mapping[str, Any], *, on: dt.date) -> dict[str, object]:
    out: dict[str, object] = {}
    for field in KEY_GROUP_FIELDS:
        if field in data:
            out[field] = bool(data[field])
    if "unemployment_registered_on" in data:
        d = _date(data["unemployment_registered_on"], "unemployment_registered_on")
        if d and d > on:
            raise ApplicationError(_("失业认定日期不能晚于今天。"), field="unemployment_registered_on")
        out["unemployment_registered_on"] = d
    if "unemployment_ground" in data:
        ground = data["unemployment_ground"] or ""
        if ground and ground not in UnemploymentGround.values:
            raise ApplicationError(_("失业认定原因无效。"), field="unemployment_ground")
        out["unemployment_ground"] = ground
    if "graduation_year" in data:
        year = data["graduation_year"]
        if year in (None, ""):
            out["graduation_year"] = None
        else:
            try:
                year = int(year)
            except (TypeError, ValueError):
                raise ApplicationError(_("毕业年份应为四位数字。"), field="graduation_year") from None
            if not 1980 <= year <= on.year + 1:
                raise ApplicationError(_("毕业年份应在1980年到%(y)d年之间。") % {"y": on.year + 1},
                                       field="graduation_year")
            out["graduation_year"] = year
    if "hardship" in data:
        values = [h for h in (data["hardship"] or []) if h]
        bad = [h for h in values if h not in Hardship.values]
        if bad:
            raise ApplicationError(_("就业困难类别“%(v)s”无效。") % {"v": bad[0]}, field="hardship")
        out["hardship"] = sorted(set(values))
    for field, limit in (("major", 60), ("work_capacity", 200), ("note", 500)):
        if field in data:
            text = plain_text(data[field])
            if len(text) > limit:
                raise ApplicationError(_("内容过长（最多%(n)d字）。") % {"n": limit}, field=field)
            out[field] = text
    return out


def _check_groups(kp: KeyPerson) -> None:
    if not any(getattr(kp, f) for f in KEY_GROUP_FIELDS):
        raise ApplicationError(_("请至少选择一个重点群体类别。"), code="no_group", field="groups")
    if kp.is_graduate and not kp.graduation_year:
        raise ApplicationError(_("高校毕业生请填写毕业年份。"), field="graduation_year")
    if kp.is_registered_unemployed and not kp.unemployment_registered_on:
        raise ApplicationError(_("登记失业人员请填写失业认定日期。"), field="unemployment_registered_on")


# the working ages are the core's (`matching.parse`): one rule for the sheets, the forms and the API
MIN_WORKING_AGE, MAX_HELP_AGE = parse.MIN_WORKING_AGE, parse.MAX_AGE


def _check_working_age(person: Person, *, on: dt.date) -> None:
    """Employment help is for people of working age: a child (a wrong pick in the registry, or a wrong
    birth date) is refused with the reason, and so is a person past eighty. No birth date: not checked."""
    if person.birth_date is None:
        return
    age = age_on(person.birth_date, on)
    if age < MIN_WORKING_AGE:
        raise ApplicationError(_("该人员未满%(n)d周岁（法定最低就业年龄，《劳动法》第十五条），不能纳入就业帮扶。") % {"n": MIN_WORKING_AGE},
                               code="age_out_of_range", field="person")
    if age >= MAX_HELP_AGE:
        raise ApplicationError(_("该人员已满%(n)d周岁，不在就业帮扶的年龄范围内。") % {"n": MAX_HELP_AGE}, code="age_out_of_range",
                               field="person")


def _sync_registry(*, actor: User, person: Person, status: str) -> None:
    """Keep registry_person.employment_status in step, with the registry's own change log."""
    new = REGISTRY_STATUS.get(status)
    if new is None or person.employment_status == new:
        return
    old = person.employment_status
    Person.objects.filter(pk=person.pk).update(employment_status=new, updated_at=timezone.now())
    person.employment_status = new
    record_changes(actor=actor, obj=person, model="person", changes={"employment_status": (old, new)},
                   source=FieldChange.Source.SYSTEM)


def _schedule_scan(key_person_id: int) -> None:
    """The person's visit tasks after a change: the moot ones cancelled now, in the change's transaction (the page
    the change returns to must not show them: newuser19 #4); new ones made by the scan on the task queue."""
    from jianfu.employment import tasks, visits

    visits.cancel_tasks_no_longer_due(key_person_id)
    enqueue_on_commit(lambda: tasks.visit_scan_person_task(key_person_id),
                      what=f"the visit scan of key person {key_person_id}", recovery="the hourly visit scan makes them")


def key_person_create_from_form(*, form_token: object, actor: User, person_id: int, data: Mapping[str, Any]
                                ) -> tuple[KeyPerson, bool]:
    """The 纳入帮扶 form's key_person_create: (key person, True) when taken in now, (the one that form took in, False)
    when the same form — its one-time token — was posted before or at the same instant (a double tap, back then
    纳入帮扶): one key person and one answer, the repeat's. A post without a well-formed token is refused, nothing
    written (`formtokens.required_key`, ADR 0035).

    The earlier row is looked up over every key person (the key is unique), and answered only when it is the same
    form's: the same person with the same groups and fields, in the poster's scope. The token posted by another
    account, for another person, or with other groups is refused as an expired form, nothing written — not answered
    with someone else's key person while the poster's own is dropped (security18 #2)."""
    form_key = formtokens.required_key(form_token)
    content_key = formtokens.content_key(form_token, {"person": person_id, "data": data})

    def own(kp: KeyPerson) -> bool:
        return (kp.person_id == person_id and access.may_write_person(actor, kp)
                and formtokens.same_content(kp, content_key) and _taken_in_by(kp, actor))

    try:
        return formtokens.once(KeyPerson.objects, form_key, lambda: key_person_create(
            actor=actor, person_id=person_id, data=data, form_key=form_key, form_content_key=content_key), own=own)
    except ApplicationError as exc:
        # the twin post took the person in first: its unique person refused this one as a duplicate
        twin = formtokens.earlier(KeyPerson.objects, form_key, own=own) if exc.code == "duplicate" else None
        if twin is None:
            raise
        return twin, False


def _taken_in_by(kp: KeyPerson, actor: User) -> bool:
    """Whether `actor` is the account that took `kp` in: its take-in audit record names the actor (a key person has
    no created_by). Another account that may write the person, reposting a token it never sent, is not (cr18 #6)."""
    from jianfu.core.models import AuditRecord

    return AuditRecord.objects.filter(action="employment.keyperson.create", object_type=KeyPerson._meta.label_lower,
                                      object_id=str(kp.pk), actor_id=actor.pk).exists()


def key_person_create(*, actor: User, person_id: int, data: Mapping[str, Any], status: str = KeyStatus.UNEMPLOYED,
                      identified_on: dt.date | None = None, form_key: str | None = None,
                      form_content_key: str | None = None) -> KeyPerson:
    """Take a registry person into employment help. Another village's person is not found (404)."""
    person = registry_selectors.person_get(user=actor, pk=person_id)   # scoped: REGISTRY_READ + subtree/grid
    on = identified_on or today()
    if KeyPerson.objects.filter(person=person).exists():
        raise ApplicationError(_("%(name)s已在就业帮扶名单中。") % {"name": person.name}, code="duplicate",
                               field="person")
    if status not in (KeyStatus.UNEMPLOYED, KeyStatus.EMPLOYED, KeyStatus.FLEXIBLE):
        raise ApplicationError(_("新纳入人员的状态只能是失业、已就业或灵活就业。"), field="status")
    _check_working_age(person, on=on)
    kp = KeyPerson(person=person, org_code=person.org_code, grid_code=person.grid_code, status=status,
                   status_since=on, identified_on=on, form_key=form_key or None,
                   form_content_key=form_content_key or None)   # placed_on: a person taken in already working was not placed
    for field, value in _clean_key_fields(data, on=on).items():
        setattr(kp, field, value)
    if person.is_veteran and "is_veteran" not in data:
        kp.is_veteran = True
    _check_groups(kp)
    access.require_person_write(actor, kp)
    try:
        _key_person_write(actor=actor, kp=kp, person=person, status=status, on=on)
    except IntegrityError:
        # Two requests passed the check above at once: the unique person is the guard (badinput15 #5).
        if not KeyPerson.objects.filter(person=person).count():
            raise
        raise ApplicationError(_("%(name)s已在就业帮扶名单中。") % {"name": person.name}, code="duplicate",
                               field="person") from None
    return kp


def _key_person_write(*, actor: User, kp: KeyPerson, person: Person, status: str, on: dt.date) -> None:
    with transaction.atomic():
        kp.save()
        StatusChange.objects.create(key_person=kp, org_code=kp.org_code, from_status="", to_status=status, on=on,
                                    is_registered_unemployed=kp.is_registered_unemployed,
                                    note=_("纳入就业帮扶"), actor=actor if actor.is_authenticated else None)
        _sync_registry(actor=actor, person=person, status=status)
        audit_record(actor=actor, action="employment.keyperson.create", obj=kp,
                     changes={"person": person.pk, "status": status, "groups": kp.groups})
        _schedule_scan(kp.pk)


def key_groups_check(*, data: Mapping[str, Any], on: dt.date | None = None) -> None:
    """The checks `key_person_create` makes of the groups and their dates, without writing: a sheet's
    validation pass reports them beside every other row's errors (not only after the next upload)."""
    on = on or today()
    kp = KeyPerson()
    for field, value in _clean_key_fields(data, on=on).items():
        setattr(kp, field, value)
    _check_groups(kp)


class _Stale(Exception):
    """The version an edit form was opened with is no longer the record's (raised inside the write's transaction).
    `carried`: what the refused post holds, field by field (`versioning.audit_changes` leaves out the changes of the
    form's own earlier save: the ones that wrote these values)."""

    def __init__(self, carried: Mapping[str, object] | None = None) -> None:
        super().__init__()
        self.carried = dict(carried or {})


def key_person_update(*, actor: User, key_person: KeyPerson, data: Mapping[str, Any],
                      version: str | None = None) -> dict[str, tuple[object, object]]:
    """`version` (an edit form's, `jianfu.core.versioning`): refused with ConflictError (code "stale") when the
    record was saved since the form was opened, as the registry's edits are; None (the API) writes as before."""
    access.require_person_write(actor, key_person)
    cleaned = _clean_key_fields(data, on=today())
    changes = {f: (getattr(key_person, f), v) for f, v in cleaned.items() if getattr(key_person, f) != v}
    if not changes:
        return {}
    for field, (_old, new) in changes.items():
        setattr(key_person, field, new)
    _check_groups(key_person)
    try:
        with transaction.atomic():
            if version is not None and not claim_version(key_person, version):
                raise _Stale
            _key_person_update_write(actor=actor, key_person=key_person, changes=changes)
    except _Stale:
        # what the post holds as the update's audit record stores it (`_key_person_update_write`: str of each value)
        raise versioning.audit_stale_error(
            KeyPerson.objects.get(pk=key_person.pk), version or "", actor=actor,
            carried={field: str(value) for field, value in cleaned.items()}, action_prefix="employment.keyperson.",
            model=KeyPerson._meta.label_lower) from None
    return changes


def _key_person_update_write(*, actor: User, key_person: KeyPerson, changes: dict[str, tuple[object, object]]) -> None:
    with transaction.atomic():
        key_person.save()
        if "is_registered_unemployed" in changes:
            # the history carries the group (失业人员再就业人数 is counted from it): it follows the person's record
            StatusChange.objects.filter(key_person=key_person).update(
                is_registered_unemployed=key_person.is_registered_unemployed)
        audit_record(actor=actor, action="employment.keyperson.update", obj=key_person,
                     changes={k: [str(a), str(b)] for k, (a, b) in changes.items()})


# ---------------------------------------------------------------- status transitions (one per move)

def _transition(*, actor: User, key_person: KeyPerson, target: str, on: DateInput, note: str = "",
                checked: bool = False) -> KeyPerson:
    """`checked`: the caller has already checked the actor's right to this move (a referral's 已推荐, which the
    county's 人社局 may make without writing the person otherwise: `access.require_refer`)."""
    if not checked:
        access.require_person_write(actor, key_person)
    on = _date(on, "on", default=today())
    if on > today():
        raise ApplicationError(_("日期不能晚于今天。"), field="on")
    with transaction.atomic():
        locked = KeyPerson.objects.select_for_update().select_related("person").get(pk=key_person.pk)
        if target not in KEY_TRANSITIONS.get(locked.status, frozenset()):
            raise ConflictError(_("当前状态“%(from)s”不能改为“%(to)s”。")
                                % {"from": KeyStatus(locked.status).label, "to": KeyStatus(target).label},
                                code="invalid_transition")
        if on < locked.status_since:
            raise ApplicationError(_("日期不能早于上一状态的日期（%(d)s）。") % {"d": locked.status_since},
                                   field="on")
        old = locked.status
        locked.status, locked.status_since = target, on
        if target in PLACED_STATUSES and old in ACTIVE_STATUSES:
            # 就业日期 is the day of the latest move into work from looking for it — what 本期新实现就业 counts, on the
            # dashboard (from the status history) and in the 一表同享 element (from this column) alike; 灵活就业 → 已就业
            # is no placement
            locked.placed_on = on
        locked.save(update_fields=["status", "status_since", "placed_on", "updated_at"])
        StatusChange.objects.create(key_person=locked, org_code=locked.org_code, from_status=old, to_status=target,
                                    on=on, is_registered_unemployed=locked.is_registered_unemployed,
                                    note=(note or "")[:200], actor=actor if actor.is_authenticated else None)
        _sync_registry(actor=actor, person=locked.person, status=target)
        audit_record(actor=actor, action=f"employment.keyperson.{target}", obj=locked,
                     changes={"status": [old, target], "on": on.isoformat(), "note": note[:200]})
        _schedule_scan(locked.pk)
    key_person.refresh_from_db()
    return key_person


def key_person_refer(*, actor: User, key_person: KeyPerson, on: DateInput = None, note: str = "") -> KeyPerson:
    return _transition(actor=actor, key_person=key_person, target=KeyStatus.REFERRED, on=on, note=note)


def key_person_interview(*, actor: User, key_person: KeyPerson, on: DateInput = None, note: str = ""
                         ) -> KeyPerson:
    return _transition(actor=actor, key_person=key_person, target=KeyStatus.INTERVIEWING, on=on, note=note)


def key_person_place(*, actor: User, key_person: KeyPerson, flexible: bool = False, on: DateInput = None,
                     note: str = "") -> KeyPerson:
    target = KeyStatus.FLEXIBLE if flexible else KeyStatus.EMPLOYED
    return _transition(actor=actor, key_person=key_person, target=target, on=on, note=note)


def key_person_unemploy(*, actor: User, key_person: KeyPerson, on: DateInput = None, note: str = ""
                        ) -> KeyPerson:
    return _transition(actor=actor, key_person=key_person, target=KeyStatus.UNEMPLOYED, on=on, note=note)


def key_person_exit(*, actor: User, key_person: KeyPerson, on: DateInput = None, note: str = "") -> KeyPerson:
    if not (note or "").strip():
        raise ApplicationError(_("请写明退出原因（如迁出、退休、本人不再需要帮扶）。"), field="note")
    return _transition(actor=actor, key_person=key_person, target=KeyStatus.EXITED, on=on, note=note)


def _typed_note(move: Callable[..., KeyPerson]) -> Callable[..., KeyPerson]:
    """A move a person asks for on the person page (更新状态): the 说明 they typed is refused whole when the history's
    column cannot hold it, in the counter's words — it was cut at 200 unseen (fix-cr31b #4). Notes the system writes
    itself (a referral's employer and post) are not the person's typing and keep `_transition`'s cut."""

    def typed(*, note: str = "", **kw: Any) -> KeyPerson:
        note = refuse_too_long(note, limit=StatusChange._meta.get_field("note").max_length or 200, field="note")
        return move(note=note, **kw)

    return typed


TRANSITION_SERVICES: dict[str, Callable[..., KeyPerson]] = {
    "refer": _typed_note(key_person_refer), "interview": _typed_note(key_person_interview),
    "unemploy": _typed_note(key_person_unemploy), "exit": _typed_note(key_person_exit),
    "employ": _typed_note(lambda **kw: key_person_place(flexible=False, **kw)),
    "flexible": _typed_note(lambda **kw: key_person_place(flexible=True, **kw)),
}


# ---------------------------------------------------------------- job-seeker profile

# the profile's fields as its form names them, for "what the other save changed" (`versioning.change_lines`)
PROFILE_FIELDS = ("desired_text", "certificates", "experience", "education", "wage_input", "places", "limits",
                  "limits_note", "available_from")


def profile_labels() -> dict[str, str]:
    from jianfu.employment.forms import ProfileForm

    labels = {name: str(field.label) for name, field in ProfileForm.base_fields.items()}
    return {name: labels["wage" if name == "wage_input" else name] for name in PROFILE_FIELDS}


def profile_choices() -> dict[str, dict[str, str]]:
    """The profile's coded fields' labels (学历 "junior" → 初中, 地点, 限制), for the stale-save message."""
    from jianfu.employment.forms import ProfileForm

    return {name: {str(code): str(label) for code, label in field.choices}
            for name, field in ProfileForm.base_fields.items() if name in PROFILE_FIELDS and hasattr(field, "choices")}


def _profile_values(profile: SeekerProfile) -> dict[str, object]:
    return {name: getattr(profile, name) for name in PROFILE_FIELDS}


def profile_save(*, actor: User, key_person: KeyPerson, data: Mapping[str, Any],
                 keep_absent: bool = False, version: str | None = None) -> SeekerProfile:
    """Fill or change the profile. Free text is normalised by the matching core's parsers; a value they
    cannot read is refused with the field named (nothing saved). `keep_absent`: a key missing from `data`
    leaves that field as it is (the seeker import: a column the sheet does not have changes nothing);
    otherwise a missing key clears its field (the phone form sends every field).

    `version` (the edit form's, `jianfu.core.versioning`; `versioning.NEW` when the form was opened before there was
    a profile): a save over one made since the form was opened is refused with ConflictError (code "stale", naming
    what the other save changed), writing nothing (badinput16 #3); None (the import) writes as before."""
    access.require_person_write(actor, key_person)
    try:
        return _profile_save(actor=actor, key_person=key_person, data=data, keep_absent=keep_absent,
                             version=version)
    except _Stale as stale:
        current = SeekerProfile.objects.get(key_person_id=key_person.pk)
        # the profile form creates the profile: "new" (a form opened before it was made) names the saves since, of a
        # profile made within a day only (`versioning.since`, NEW_WITHIN)
        raise versioning.audit_stale_error(
            current, version or "", actor=actor, carried=stale.carried, audited=key_person,
            actions=["employment.profile.create", "employment.profile.update"], new_allowed=True,
            labels=profile_labels(), choices=profile_choices()) from None


def _profile_save(*, actor: User, key_person: KeyPerson, data: Mapping[str, Any], keep_absent: bool,
                  version: str | None) -> SeekerProfile:
    profile = getattr(key_person, "profile", None) or SeekerProfile(key_person=key_person,
                                                                     org_code=key_person.org_code)
    # the form was opened before the profile was made and a save made it since: refused below, once the post is read
    # (its values tell the form's own first save — back and 保存 again — from another's)
    made_since = version == versioning.NEW and profile.pk is not None
    before = _profile_values(profile) if profile.pk is not None else {}

    def given(key: str) -> bool:
        return not keep_absent or key in data

    for key, label in _PROFILE_TEXT_LABELS.items():
        if given(key) and has_markup(plain_text(data.get(key))):
            raise ApplicationError(markup_message(_(label)), field=key)
    desired = profile.desired_text
    if given("desired_text"):
        desired = plain_text(data.get("desired_text"))
        if len(desired) > 200:
            raise ApplicationError(_("求职意向过长（最多200字）。"), field="desired_text")
        profile.desired_text = desired
        profile.occupation_code, profile.occupation_name = parsing.occupation(desired)
    if given("certificates"):
        profile.certificates = parsing.certificates(data.get("certificates") or "")
    if given("experience"):
        experience = plain_text(data.get("experience"))
        if len(experience) > 500:
            raise ApplicationError(_("工作经历过长（最多500字）。"), field="experience")
        parsing.experience_years(experience, field="experience", seeker=True)   # "100年" is refused, not read as none
        profile.experience = experience
    if given("education") or profile.pk is None:
        profile.education = parsing.education(data.get("education") or key_person.person.education or "")
    if given("wage"):
        wage = (data.get("wage") or "").strip()
        if not (profile.pk is not None and wage and wage == profile.wage_input):
            # the form's own refill ("3000" for 3000–3000) sent back unchanged keeps the stored bounds (N16, session 14)
            profile.wage_min, profile.wage_max = parsing.wage(wage, field="wage", label=_("期望月薪"))
    if given("places"):
        places = [p for p in (data.get("places") or []) if p]
        bad = [p for p in places if p not in Place.values]
        if bad:
            raise ApplicationError(_("可接受工作地点“%(v)s”无效（本镇、县内、市内、外出）。") % {"v": bad[0]},
                                   field="places")
        profile.places = [p for p in Place.values if p in places]
    if given("limits"):
        limits = [x for x in (data.get("limits") or []) if x]
        bad = [x for x in limits if x not in Limit.values]
        if bad:
            raise ApplicationError(_("限制条件“%(v)s”无效。") % {"v": bad[0]}, field="limits")
        profile.limits = [x for x in Limit.values if x in limits]
    if given("limits_note"):
        limits_note = plain_text(data.get("limits_note"))
        if len(limits_note) > 200:   # refused whole, never cut (N07, session 14)
            raise ApplicationError(_("其他限制过长（最多200字）。"), field="limits_note")
        profile.limits_note = limits_note
    if given("available_from"):
        profile.available_from = _date(data.get("available_from"), "available_from")
    creating = profile.pk is None
    after = _profile_values(profile)
    # what the post holds for the fields it gives (the import's absent columns are not its values)
    carried = {name: value for name, value in after.items() if given("wage" if name == "wage_input" else name)}
    if made_since:
        raise _Stale(carried)
    fields = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v and (before or v not in ("", []))}
    try:
        with transaction.atomic():
            if version is not None and version != versioning.NEW and not creating and fields \
                    and not versioning.claim_version(profile, version):
                raise _Stale(carried)
            profile.save()
            audit_record(actor=actor, action="employment.profile.create" if creating else "employment.profile.update",
                         obj=key_person, changes={"desired": desired, "occupation": profile.occupation_code,
                                                  "certificates": profile.certificates, "places": profile.places,
                                                  "limits": profile.limits, "fields": fields,
                                                  # the version this save gives the profile (`audit_changes`)
                                                  "version": versioning.version_of(profile)})
    except IntegrityError:
        # two first saves at once (the one-to-one key_person): the other made the profile since the form was opened
        if creating and version is not None and SeekerProfile.objects.filter(key_person_id=key_person.pk).exists():
            raise _Stale(carried) from None
        raise
    return profile


# ---------------------------------------------------------------- referrals

def not_seeking(key_person: KeyPerson) -> str:
    """Why this person is not referred to jobs (their status is not one of those still looking for work), or "".
    Said up front on the person's page and their jobs page, whose 推荐 buttons are then hidden (newuser22 #2)."""
    if key_person.status in ACTIVE_STATUSES:
        return ""
    return _("该人员当前状态为“%(s)s”，不需要推荐岗位。") % {"s": key_person.get_status_display()}


def referral_check(*, actor: User, key_person: KeyPerson, posting: Posting) -> None:
    """What refuses a referral before anything is written (the scope and right, an open posting, a person still
    seeking, no earlier referral to it); the confirm page (确认推荐) is shown only when none does (newuser19 #3)."""
    access.require_refer(actor, key_person)
    if posting.status != PostingStatus.OPEN:
        raise ApplicationError(_("该岗位不在招聘中，不能推荐。"), code="posting_not_open", field="posting")
    if reason := not_seeking(key_person):
        raise ApplicationError(reason, code="not_seeking", field="key_person")
    if Referral.objects.filter(key_person=key_person, posting=posting).exists():
        raise ApplicationError(_("已向该岗位推荐过此人。"), code="duplicate", field="posting")


def referral_create_from_form(*, form_token: object, actor: User, key_person: KeyPerson, posting: Posting,
                              score: float | None = None, reasons: str = "") -> tuple[Referral, bool]:
    """The web's 确认推荐: (referral, True) when made now, (the referral that form made, False) when the same form —
    its one-time token — was posted before (a double click, back then 确认推荐 again): answered with the first, not
    "已向该岗位推荐过此人". The content is the person and the posting (the form's address), so the token posted for
    another pair, or by another account, is an expired form (ADR 0036)."""
    form_key = formtokens.required_key(form_token)
    return formtokens.once(Referral.objects, form_key,
                           lambda: referral_create(actor=actor, key_person=key_person, posting=posting, score=score,
                                                   reasons=reasons, form_key=form_key),
                           own=lambda r: r.key_person_id == key_person.pk and r.posting_id == posting.pk
                           and r.referred_by_id == actor.pk)


def referral_create(*, actor: User, key_person: KeyPerson, posting: Posting, score: float | None = None,
                    reasons: str = "", on: DateInput = None, form_key: str | None = None) -> Referral:
    """推荐就业: the person to an open posting; a 失业 person becomes 已推荐. Made by whoever writes the person, or by the
    county's 人社局 (ADR 0033), audited alike."""
    referral_check(actor=actor, key_person=key_person, posting=posting)
    on = _date(on, "on", default=today())
    with transaction.atomic():
        referral = Referral.objects.create(key_person=key_person, posting=posting, org_code=key_person.org_code,
                                           grid_code=key_person.grid_code, referred_on=on, score=score,
                                           reasons=(reasons or "")[:500], form_key=form_key or None,
                                           referred_by=actor if actor.is_authenticated else None)
        audit_record(actor=actor, action="employment.referral.create", obj=referral,
                     changes={"posting": posting.pk, "key_person": key_person.pk, "score": score})
        if key_person.status == KeyStatus.UNEMPLOYED:
            _transition(actor=actor, key_person=key_person, target=KeyStatus.REFERRED, on=on, checked=True,
                        note=_("推荐至%(org)s %(title)s") % {"org": posting.organisation.name, "title": posting.title})
    return referral


def referral_advance(*, actor: User, referral: Referral, status: str, reason: str = "", on: DateInput = None,
                     refused_by: str = "") -> Referral:
    """The employer's answer: applied → interviewed → hired / refused (with a reason). Moves the person too."""
    kp = referral.key_person
    access.require_person_write(actor, kp)
    if not status:   # the 结果 select's first line, 选择结果 (newuser32c #1): said so, not "无效"
        raise ApplicationError(_("请先选择结果（已投递、已面试、已录用或未成功）。"), field="status")
    if status not in ReferralStatus.values or status == ReferralStatus.ELSEWHERE:   # ELSEWHERE: set below only
        raise ApplicationError(_("推荐结果无效。"), field="status")
    # refused whole when over the column, in the counter's words: it was cut at 200 unseen (fix-cr31b #4); cleaned
    # before the reason is required, so a reason of invisible characters ("\u200b") is none (fixcr32 #5)
    reason = refuse_too_long(reason, limit=Referral._meta.get_field("refusal_reason").max_length or 200, field="reason")
    if status == ReferralStatus.REFUSED and not reason.strip():
        raise ApplicationError(_("请填写未成功的原因。"), field="reason")
    if refused_by not in ("", "seeker", "employer"):
        raise ApplicationError(_("请选择是求职者还是用人单位未接受。"), field="refused_by")
    # the day of the answer (emend32 #2): an interview of yesterday recorded today moved the person's 面试中 a day late
    on = _date(on, "on", default=today())
    if on > today():
        raise ApplicationError(_("结果日期不能晚于今天（%(d)s）。") % {"d": today().isoformat()},
                               code="invalid_date", field="on")
    if on < referral.referred_on:
        raise ApplicationError(_("结果日期不能早于推荐日期（%(d)s）。") % {"d": referral.referred_on.isoformat()},
                               code="invalid_date", field="on")
    with transaction.atomic():
        # one lock order, the person before any of their referrals: a hire moves the person (`_transition` locks them)
        # and closes their other referrals (`_close_other_referrals`), so two referrals of one person answered 已录用
        # at once, each holding its own referral first, waited on each other — a deadlock PostgreSQL aborts with a
        # 500 (cr28 #6). Now the second waits for the first and is refused: 当前为“已在他处就业”.
        KeyPerson.objects.select_for_update().filter(pk=kp.pk).first()
        locked = Referral.objects.select_for_update().get(pk=referral.pk)
        if status not in REFERRAL_TRANSITIONS.get(locked.status, frozenset()):
            raise ConflictError(_("推荐记录当前为“%(from)s”，不能改为“%(to)s”。")
                                % {"from": ReferralStatus(locked.status).label, "to": ReferralStatus(status).label},
                                code="invalid_transition")
        old = locked.status
        locked.status = status
        if status in (ReferralStatus.HIRED, ReferralStatus.REFUSED):
            locked.closed_on = on
        locked.refusal_reason = (reason or "")[:200] if status == ReferralStatus.REFUSED else ""
        locked.refused_by = refused_by if status == ReferralStatus.REFUSED else ""
        locked.save(update_fields=["status", "closed_on", "refusal_reason", "refused_by", "updated_at"])
        audit_record(actor=actor, action="employment.referral.advance", obj=locked,
                     changes={"status": [old, status], "reason": reason[:200], "refused_by": refused_by,
                              "on": on.isoformat()})
        kp.refresh_from_db()
        note = f"{referral.posting.organisation.name} {referral.posting.title}"
        # what the referral's new status does to the person: one block per status
        if status == ReferralStatus.INTERVIEWED and kp.status == KeyStatus.REFERRED:
            key_person_interview(actor=actor, key_person=kp, on=on, note=note)
        if status == ReferralStatus.HIRED:
            if kp.status in ACTIVE_STATUSES:
                key_person_place(actor=actor, key_person=kp, on=on, note=note)
            _close_other_referrals(actor=actor, hired=locked, on=on)
        if status == ReferralStatus.REFUSED and kp.status in (KeyStatus.REFERRED, KeyStatus.INTERVIEWING) and \
                not Referral.objects.filter(key_person=kp, status__in=REFERRAL_OPEN).exists():
            key_person_unemploy(actor=actor, key_person=kp, on=on, note=_("推荐未成功：%(r)s") % {"r": reason[:100]})
        if status in (ReferralStatus.HIRED, ReferralStatus.REFUSED):
            # its 回访 is answered: gone from the page this answer returns to, whether or not the person moved
            from jianfu.employment import visits

            visits.cancel_tasks_no_longer_due(kp.pk)
    referral.refresh_from_db()
    return referral


def _close_other_referrals(*, actor: User, hired: Referral, on: dt.date) -> None:
    """Hired through `hired`: the person's other open referrals are closed as 已在他处就业, each audited, so the
    other employers' postings and the person's page no longer read 已推荐 (tryout27 #10d). Inside the caller's
    transaction."""
    others = Referral.objects.select_for_update().filter(key_person_id=hired.key_person_id,
                                                         status__in=REFERRAL_OPEN).exclude(pk=hired.pk)
    where = f"{hired.posting.organisation.name} {hired.posting.title}"
    for other in others.select_related("posting"):
        old = other.status
        other.status, other.closed_on = ReferralStatus.ELSEWHERE, on
        other.save(update_fields=["status", "closed_on", "updated_at"])
        audit_record(actor=actor, action="employment.referral.elsewhere", obj=other,
                     changes={"status": [old, ReferralStatus.ELSEWHERE], "hired_at": where})


# ---------------------------------------------------------------- training and subsidies

def service_record_create_from_form(*, form_token: object, actor: User, key_person: KeyPerson, **fields: Any
                                    ) -> tuple[ServiceRecord, bool]:
    """The web form's service_record_create: (record, True) when recorded now, (the record that form recorded,
    False) when the same form — its one-time token — was posted before: a double click or a replay records one
    training or subsidy, not four (badinput15 #4; formtokens, as the dispatch form)."""
    form_key = formtokens.required_key(form_token)
    # the same token with another record (back, the title or amount changed, 提交 again) is not a repeat: an expired
    # form, nothing recorded, never answered with the first record (ADR 0036; cr18 #3)
    content_key = formtokens.content_key(form_token, {"key_person": key_person.pk, "fields": fields})
    # looked up over every record (the key is unique): the form replayed against another key person, or by another
    # account, is an expired form — not a 500 from the unique key, nor another person's record (security17 #2, #4)
    return formtokens.once(ServiceRecord.objects, form_key,
                           lambda: service_record_create(actor=actor, key_person=key_person, **fields,
                                                         form_key=form_key or None,
                                                         form_content_key=content_key or None),
                           own=lambda r: r.key_person_id == key_person.pk and r.recorded_by_id == actor.pk
                           and formtokens.same_content(r, content_key))


def service_record_create(*, actor: User, key_person: KeyPerson, kind: str, title: str, started_on: DateInput = None,
                          amount: object = None, outcome: str = ServiceOutcome.ONGOING,
                          form_key: str | None = None, form_content_key: str | None = None) -> ServiceRecord:
    access.require_person_write(actor, key_person)
    if kind not in ServiceKind.values:
        raise ApplicationError(_("服务类别无效。"), field="kind")
    if outcome not in ServiceOutcome.values:
        raise ApplicationError(_("结果无效。"), field="outcome")
    title = plain_text(title)
    if not title or len(title) > 100:
        raise ApplicationError(_("请填写项目名称（最多100字）。"), field="title")
    started_on = date_in_window(_date(started_on, "started_on", default=today()), field="started_on",
                                label=_("服务日期"), earliest=years_before(today(), SERVICE_YEARS_BACK),
                                latest=today() + dt.timedelta(days=SERVICE_DAYS_AHEAD))
    value = None
    if amount not in (None, ""):
        typed = clean_text(str(amount)).replace("元", "").strip()
        plain = without_thousands(typed)
        if plain is None:     # "1,5" or "12,00": no reader may guess which sum was meant (badinput33's rule)
            raise ApplicationError(_("金额（元）中的%(reason)s。") % {"reason": misplaced_comma(typed, _)},
                                   field="amount")
        try:
            value = Decimal(plain)
        except InvalidOperation:
            raise ApplicationError(_("金额应为数字（元）。"), field="amount") from None
        if value.is_nan():   # "NaN" parses as a Decimal but compares with nothing
            raise ApplicationError(_("金额应为数字（元）。"), field="amount")
        if value < 0:
            raise ApplicationError(_("金额（元）不能是负数（%(v)s）。") % {"v": f"{value:f}"}, field="amount")
        cap = SERVICE_AMOUNT_MAX[ServiceKind(kind)]
        if value > cap:
            raise ApplicationError(_("%(kind)s的金额（元）%(v)s超过上限（%(max)d元）：请核对是否多写了0。")
                                   % {"kind": ServiceKind(kind).label, "v": f"{value:f}", "max": cap}, field="amount")
        value = value.quantize(Decimal("0.01"))
    with transaction.atomic():
        record = ServiceRecord.objects.create(key_person=key_person, org_code=key_person.org_code,
                                              grid_code=key_person.grid_code, kind=kind, title=title,
                                              started_on=started_on, amount=value, outcome=outcome, form_key=form_key,
                                              form_content_key=form_content_key or None,
                                              recorded_by=actor if actor.is_authenticated else None)
        audit_record(actor=actor, action="employment.service.create", obj=record,
                     changes={"kind": kind, "title": title, "amount": str(value) if value is not None else None,
                              "outcome": outcome})
    return record


def service_record_set_outcome(*, actor: User, record: ServiceRecord, outcome: str) -> ServiceRecord:
    access.require_person_write(actor, record)
    if outcome not in ServiceOutcome.values:
        raise ApplicationError(_("结果无效。"), field="outcome")
    with transaction.atomic():
        old = record.outcome
        ServiceRecord.objects.filter(pk=record.pk).update(outcome=outcome)
        audit_record(actor=actor, action="employment.service.outcome", obj=record, changes={"outcome": [old, outcome]})
    record.refresh_from_db()
    return record


# ---------------------------------------------------------------- identifiers

def key_person_reveal(*, actor: User, key_person: KeyPerson, field: str) -> str:
    """The clear ID or phone number of the person, audited as the registry's reveal is (same action, same object)."""
    from jianfu.core.pii import pii_reveal
    from jianfu.registry.services import person_id_number, person_phone

    if field not in ("id_number", "phone"):
        raise ApplicationError(_("只能查看身份证号或电话。"), field="field")
    scope = scope_for(actor)
    if not (scope.reads_employment_people and scope.covers(access.target_of(scope, key_person))):
        raise NotFoundError(_("找不到该人员，或不在您的管辖范围内。"))
    person = key_person.person
    value = person_id_number(person) if field == "id_number" else person_phone(person)
    # PII_REVEAL, or the county's 人社局 for 就业帮扶's people (ADR 0030): audited alike (jianfu.core.pii)
    return pii_reveal(actor=actor, obj=person, field=field, value=value,
                      may_reveal=scope.reveals_employment_people)


def visit_task_phone_reveal(*, actor: User, task: VisitTask) -> str:
    """The clear phone number of the person to visit, audited like every reveal. Allowed to whoever may reveal
    it anyway (PII_REVEAL or the 人社局 (ADR 0030), in scope) and to the grid worker the open task is assigned to (ADR 0028)."""
    from jianfu.core.pii import pii_reveal
    from jianfu.registry.services import person_phone

    scope = scope_for(actor)
    if not scope.covers(access.target_of(scope, task)) or task.status != VisitTask.Status.DUE:
        raise NotFoundError(_("找不到该走访任务，或不在您的管辖范围内。"))
    person = task.key_person.person
    may = scope.reveals_employment_people or scope.may_reveal_for_visit(task.grid_code)
    return pii_reveal(actor=actor, obj=person, field="phone", value=person_phone(person), may_reveal=may)
