"""Optimistic concurrency for edit forms (badinput15 #1).

An edit form carries the version its record had when the form was opened (`updated_at`, ISO text, in a
hidden field). The service's write claims that version with one conditional UPDATE inside its transaction:
if someone saved the record since, nothing is written and the caller says so, instead of the second
save silently writing the first one's fields back (a lost update). The one refusal (`stale_error`) names what the
other user changed, field by field, in the same words for every app: `Change`s read from the audit records
(`audit_changes`, `audit_stale_error`) or, in the registry, from its FieldChange history, named by one reader (`change_lines`).

A version is signed for its record (security18 #3): a form could otherwise post any well-formed time, or "new", and
be shown the record's last twenty changes with their old values and authors. The signature (a keyed HMAC of the
record's model, id and time) is checked only where history is read (`since`): a conditional UPDATE needs no
signature (it claims nothing but the exact time the row carries), so an unsigned or foreign version still refuses a
stale save, naming no change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from jianfu.core.errors import ConflictError
from jianfu.core.labels import field_label, value_label

SIGNED = "~"   # between a version's time and its signature (an ISO time never holds it)


def _signature(obj: models.Model, iso: str) -> str:
    return salted_hmac("jianfu.core.versioning", f"{obj._meta.label_lower}:{obj.pk}:{iso}").hexdigest()[:24]


def version_at(obj: models.Model, when: dt.datetime) -> str:
    """The version of `obj` as it was at `when`, signed for `obj`."""
    iso = when.isoformat()
    return f"{iso}{SIGNED}{_signature(obj, iso)}"


def version_of(obj: models.Model) -> str:
    """The version token an edit form carries for `obj`."""
    stamp = getattr(obj, "updated_at", None)
    return version_at(obj, stamp) if stamp else ""


def parse_version(version: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(str(version).partition(SIGNED)[0])
    except (TypeError, ValueError):
        return None


def signed_for(obj: models.Model, version: str) -> bool:
    """True if `version` was given for `obj` by `version_of` / `version_at` (not typed, nor another record's)."""
    iso, mark, signature = str(version).partition(SIGNED)
    return bool(mark) and obj.pk is not None and constant_time_compare(signature, _signature(obj, iso))


def claim_version(obj: models.Model, version: str) -> bool:
    """True if the row still carries `version` (its updated_at is bumped, so a concurrent claim of the same
    version fails); False when it was saved since, or the token is not a version. Call inside the write's
    transaction: the conditional UPDATE is atomic on SQLite and PostgreSQL alike."""
    when = parse_version(version)
    if when is None:
        return False
    manager = type(obj)._default_manager
    return manager.filter(pk=obj.pk, updated_at=when).update(updated_at=timezone.now()) == 1


MAX_LINES = 20   # the changes a refusal names at most

NEW = "new"   # the version an edit form carries when the record it would create does not exist yet
# how old a record "new" may still name: a form opened before the record existed is one opened since shortly before
# it was made; posted to an older record, "new" would list its whole history (security18 #3)
NEW_WITHIN = dt.timedelta(days=1)


def since(version: str, *, field: str, record: models.Model, new_allowed: bool = False) -> Q | None:
    """Which history rows are "since" a form's `version`, as a filter on their time `field` (`created_at`,
    `changed_at`): the one three-way reading for every history reader (the audit records' `audit_changes`, the
    registry's FieldChange history). `NEW` (a form opened before the record existed) → every row, `Q()`, only where
    the caller says a form of this kind creates the record (`new_allowed`) and `record` was made within NEW_WITHIN
    (its `created_at`; one without is taken as old), else None; a version signed for `record` → the rows after it;
    anything else — no version, text that is none (security17), a time typed or signed for another record
    (security18 #3) — → None, no one's history."""
    if version == NEW:
        made = getattr(record, "created_at", None)
        recent = made is not None and made >= timezone.now() - NEW_WITHIN
        return Q() if new_allowed and recent else None
    when = parse_version(version)
    if when is None or not signed_for(record, version):
        return None
    return Q(**{f"{field}__gt": when})


def _shown(value: object, names: Mapping[str, str] | None = None) -> str:
    """A stored value as the form shows it: `names` (the field's choices) turn codes into labels ("junior" → 初中)."""
    if value in (None, "", []):
        return "—"
    names = names or {}
    if isinstance(value, list):
        value = "、".join(str(names.get(str(v), v)) for v in value)
    else:
        value = names.get(str(value), value)
    text = str(value)
    return text if len(text) <= 30 else text[:30] + "…"


@dataclass(frozen=True)
class Change:
    """One field another user changed since a form was opened, as a history records it (the stored values)."""

    field: str
    old: object
    new: object
    who: str
    when: dt.datetime
    by: int | None = None   # the author's account pk (None: the system): tells the poster's own saves from others'


def who(user: Any) -> str:
    """How a change names its author: the account's name (its 姓名, display_name — pages said "dept_hrss 于…",
    newuser24), else its login; 系统 for no account."""
    if user is None:
        return str(_("系统"))
    return str(getattr(user, "display_name", "") or user.get_full_name() or user.username)


def audit_changes(obj: models.Model, version: str, *, actions: Iterable[str] = (), action_prefix: str = "",
                  object_type: str = "", versioned: models.Model | None = None, new_allowed: bool = False,
                  actor: Any = None, carried: Mapping[str, object] | None = None) -> list[Change]:
    """What others saved on `obj` since the form's `version`, read from its audit records (`actions`, or every action
    starting with `action_prefix`), oldest first. A record's changes are {field: [old, new]}, or hold them under
    "fields" (where the other keys are not pairs); other keys are left out.

    The save that produced `version` writes its audit record just after its `updated_at`, so that record is
    "after" the version too: a record carrying {"version": <the version its save produced>} equal to the form's
    is the form's own starting point and is left out (fix-back16: a profile form opened after the demo load
    listed the demo load's changes).

    `versioned`: the record whose version the form carries when it is not `obj` (a profile's form, its key person's
    records; `since` reads its `created_at` for NEW); `new_allowed`: as `since`.

    `actor` and `carried` (field → the value the refused post holds; compared as the audit record stores it,
    `audit.as_stored`): a change `actor` made that wrote the very value the post holds is the form's own earlier save
    (back and 保存 again, or a double click whose two posts both loaded the record first) and is left out — it was
    listed as another's change (mend19c #1; the registry's FieldChange history reads the same rule, mend19b #3). Field
    by field, as the registry's: a change of the same account to another value (another tab) is still named."""
    from jianfu.core.audit import as_stored
    from jianfu.core.models import AuditRecord

    mine = getattr(actor, "pk", None) if getattr(actor, "is_authenticated", False) else None
    own = {field: as_stored(value) for field, value in (carried or {}).items()} if mine is not None else {}
    rows = AuditRecord.objects.filter(object_type=object_type or obj._meta.label_lower, object_id=str(obj.pk))
    actions = list(actions)
    if actions:
        rows = rows.filter(action__in=actions)
    if action_prefix:
        rows = rows.filter(action__startswith=action_prefix)
    after = since(version, field="created_at", record=versioned or obj, new_allowed=new_allowed)
    if after is None:
        return []
    rows = rows.filter(after)
    found: list[Change] = []
    # the poster's own changes are told apart field by field in the stored JSON (not in SQL), so records are read
    # lazily until MAX_LINES + 1 others' changes are found: a slice of records first would let the poster's own saves
    # fill it and cut off another's later change, the refusal then saying "您…已经保存过" (cr19b #1)
    for record in rows.select_related("actor").order_by("created_at", "id").iterator(chunk_size=MAX_LINES + 1):
        if len(found) > MAX_LINES:
            break
        if not isinstance(record.changes, dict) or (version and record.changes.get("version") == version):
            continue
        pairs = record.changes.get("fields", record.changes)
        if not isinstance(pairs, dict):
            continue
        author = who(record.actor) if record.actor else (record.actor_name or str(_("系统")))
        by_poster = mine is not None and record.actor_id == mine
        found.extend(Change(field=field, old=pair[0], new=pair[1], who=author, when=record.created_at,
                            by=record.actor_id)
                     for field, pair in pairs.items() if isinstance(pair, list) and len(pair) == 2
                     and not (by_poster and field in own and pair[1] == own[field]))
    return found


def audit_stale_error(current: models.Model, version: str, *, actor: Any, carried: Mapping[str, object],
                      audited: models.Model | None = None, actions: Iterable[str] = (), action_prefix: str = "",
                      new_allowed: bool = False, labels: Mapping[str, str] | None = None,
                      choices: Mapping[str, Mapping[str, str]] | None = None, model: str = "") -> ConflictError:
    """The refusal of a stale save of `current` whose history is in audit records (`audited`'s, default `current`'s;
    `actions`, `action_prefix`, `new_allowed` as `audit_changes`): others' changes since the form's `version` named,
    the form's own earlier save (`actor`, `carried`) left out; when the only saves since are the form's own, it says
    so instead of naming the poster as "对方" (`stale_error`'s `yours`), as the registry's refusal does."""
    actions = list(actions)
    where: dict[str, Any] = {"actions": actions, "action_prefix": action_prefix, "new_allowed": new_allowed,
                             "versioned": current if audited is not None else None}
    obj = audited if audited is not None else current
    others = audit_changes(obj, version, actor=actor, carried=carried, **where)
    return stale_error(current, others, labels=labels, choices=choices, model=model,
                       yours=posters_own(others, actor=actor, saved_since=lambda: bool(audit_changes(obj, version,
                                                                                                      **where))))


def posters_own(others: Sequence[Change], *, actor: Any, saved_since: Callable[[], bool]) -> bool:
    """Whether a stale save's refusal tells the poster the saves since were their own (`stale_error`'s `yours`), the
    one decision for every history (the audit records', the registry's FieldChange rows; each reader passes what it
    read): `others`, the changes since the form's version less the form's own earlier save (`carried`), are none
    while something was saved since (`saved_since`, read only then: a double submit), or every one of them is by
    the posting account — a masked phone or ID number is never taken for the form's own (its mask cannot tell the
    number apart), so a double submit holding one lists it, by the poster (mend19d #3). An anonymous poster owns
    nothing."""
    if not others:
        return saved_since()
    mine = getattr(actor, "pk", None) if getattr(actor, "is_authenticated", False) else None
    return mine is not None and all(c.by == mine for c in others)


def change_lines(changes: Iterable[Change], *, labels: Mapping[str, str] | None = None,
                 choices: Mapping[str, Mapping[str, str]] | None = None, model: str = "") -> list[str]:
    """The `change_line`s of `changes` (oldest first, at most MAX_LINES), in one of two namings:

    - `labels` (a form's fields → their labels): only those fields, in the form's order within one save (not the
      stored dict's: PostgreSQL's jsonb keeps no key order), values as the form shows them (`_shown`, codes named
      by `choices`: field → code → label; nothing is "—");
    - `model` (a model label, "registry.person"): every field, named and valued by `jianfu.core.labels` (nothing
      is empty)."""
    choices = choices or {}
    lines: list[str] = []
    if labels is not None:
        order = {field: i for i, field in enumerate(labels)}
        ordered = sorted((c for c in changes if c.field in order), key=lambda c: (c.when, order[c.field]))
        for c in ordered:
            names = choices.get(c.field)
            lines.append(change_line(field=labels[c.field], old=_shown(c.old, names), new=_shown(c.new, names),
                                     who=c.who, when=c.when))
    else:
        for c in changes:
            old, new = ("" if v in (None, "None") else str(v) for v in (c.old, c.new))
            lines.append(change_line(field=field_label(model, c.field), old=value_label(model, c.field, old),
                                     new=value_label(model, c.field, new), who=c.who, when=c.when))
    return lines[:MAX_LINES]


def change_line(*, field: str, old: str, new: str, who: str, when: dt.datetime) -> str:
    """One change another user made since the form was opened: "联系电话：“…”改为“…”（张三，12-05 09:30）" — the
    field's label and the values' display (`jianfu.core.labels`), never internal names."""
    return _("%(field)s：“%(old)s”改为“%(new)s”（%(who)s，%(when)s）") % {
        "field": field, "old": old, "new": new, "who": who, "when": timezone.localtime(when).strftime("%m-%d %H:%M")}


def stale_error(current: models.Model, changes: Iterable[Change], *, labels: Mapping[str, str] | None = None,
                choices: Mapping[str, Mapping[str, str]] | None = None, model: str = "",
                yours: bool = False) -> ConflictError:
    """"Someone saved this since you opened it" — the one refusal of a stale save, in every app — naming what they
    changed (`changes`: `audit_changes`, or the registry's FieldChange history, named by `change_lines`);
    `details["version"]` is the record's current version, for the form to carry on its next save. `yours`: the saves
    since were all the poster's own (posted twice; `posters_own` decides), which is said instead of "他人"/"对方"."""
    lines = change_lines(changes, labels=labels, choices=choices, model=model)
    if yours:
        message = _("您在打开表单之后已经保存过这条记录（可能是重复提交），本次没有保存。")
        if lines:
            message += _("您保存过的修改：") + "；".join(lines) + "。"
    else:
        message = _("该记录已被他人修改（在您打开表单之后），本次没有保存。")
        if lines:
            message += _("对方修改了：") + "；".join(lines) + "。"
    message += _("您填写的内容已保留，请核对后再次保存。")
    return ConflictError(message, code="stale", details={"changes": lines, "version": version_of(current)})
