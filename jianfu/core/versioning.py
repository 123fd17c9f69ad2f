"""Optimistic concurrency for edit forms (badinput15 #1).

An edit form carries the version its record had when the form was opened (`updated_at`, ISO text, in a
hidden field). The service's write claims that version with one conditional UPDATE inside its transaction:
if someone saved the record since, nothing is written and the caller says so, instead of the second
save silently writing the first one's fields back (a lost update). The refusal (`stale_error`) names what the
other user changed, field by field, in the same words for every app (the registry reads its FieldChange history, the
employment app its audit records).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core.errors import ConflictError


def version_of(obj: models.Model) -> str:
    """The version token an edit form carries for `obj`."""
    stamp = getattr(obj, "updated_at", None)
    return stamp.isoformat() if stamp else ""


def parse_version(version: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(version)
    except (TypeError, ValueError):
        return None


def claim_version(obj: models.Model, version: str) -> bool:
    """True if the row still carries `version` (its updated_at is bumped, so a concurrent claim of the same
    version fails); False when it was saved since, or the token is not a version. Call inside the write's
    transaction: the conditional UPDATE is atomic on SQLite and PostgreSQL alike."""
    when = parse_version(version)
    if when is None:
        return False
    manager = type(obj)._default_manager
    return manager.filter(pk=obj.pk, updated_at=when).update(updated_at=timezone.now()) == 1


NEW = "new"   # the version an edit form carries when the record it would create does not exist yet


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


def changes_since(obj: models.Model, version: str, *, labels: Mapping[str, str], actions: Iterable[str] = (),
                  object_type: str = "", choices: Mapping[str, Mapping[str, str]] | None = None) -> list[str]:
    """What others saved on `obj` since the form's `version`, read from its audit records: one line per changed
    field named in `labels` ("标签：“旧”改为“新”（账号，时间）"), its values named by `choices` (field → code →
    label) where it has them. A record's changes are {field: [old, new]}, or hold them under "fields" (where the
    other keys are not pairs). At most 20 lines.

    The save that produced `version` writes its audit record just after its `updated_at`, so that record is
    "after" the version too: a record carrying {"version": <the version its save produced>} equal to the form's
    is the form's own starting point and is left out (fix-back16: a profile form opened after the demo load
    listed the demo load's changes)."""
    from jianfu.core.models import AuditRecord

    rows = AuditRecord.objects.filter(object_type=object_type or obj._meta.label_lower, object_id=str(obj.pk))
    actions = list(actions)
    if actions:
        rows = rows.filter(action__in=actions)
    since = parse_version(version)
    if since is not None:
        rows = rows.filter(created_at__gt=since)
    lines: list[str] = []
    choices = choices or {}
    for record in rows.order_by("created_at", "id")[:21]:
        if not isinstance(record.changes, dict) or (version and record.changes.get("version") == version):
            continue
        pairs = record.changes.get("fields", record.changes)
        # in the form's order (`labels`), not the stored dict's: PostgreSQL's jsonb keeps no key order
        for field in labels:
            change = pairs.get(field) if isinstance(pairs, dict) else None
            if not isinstance(change, list) or len(change) != 2:
                continue
            names = choices.get(field)
            lines.append(change_line(field=labels[field], old=_shown(change[0], names), new=_shown(change[1], names),
                                     who=record.actor_name or _("系统"), when=record.created_at))
    return lines[:20]


def change_line(*, field: str, old: str, new: str, who: str, when: dt.datetime) -> str:
    """One change another user made since the form was opened: "联系电话：“…”改为“…”（张三，12-05 09:30）" — the
    field's label and the values' display (`jianfu.core.labels`), never internal names."""
    return _("%(field)s：“%(old)s”改为“%(new)s”（%(who)s，%(when)s）") % {
        "field": field, "old": old, "new": new, "who": who, "when": timezone.localtime(when).strftime("%m-%d %H:%M")}


def stale_error(current: models.Model, lines: Iterable[str]) -> ConflictError:
    """"Someone saved this since you opened it", naming what they changed (`change_line`s, oldest first);
    `details["version"]` is the record's current version, for the form to carry on its next save."""
    lines = list(lines)
    message = _("该记录已被他人修改（在您打开表单之后），本次没有保存。")
    if lines:
        message += _("对方修改了：") + "；".join(lines) + "。"
    message += _("您填写的内容已保留，请核对后再次保存。")
    return ConflictError(message, code="stale", details={"changes": lines, "version": version_of(current)})


# the name badinput16's fix used (monitor ledgers and notices, the seeker profile): the same refusal
stale_conflict = stale_error
