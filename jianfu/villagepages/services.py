"""Writes of the public village pages: the village edits and submits its service list, the township
approves or returns it. Keyword-only, atomic, audited, one guarded service per transition."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.accounts.models import User
from jianfu.accounts.roles import Capability
from jianfu.accounts.scoping import scope_for
from jianfu.core.audit import audit_record
from jianfu.core.contacts import is_reachable
from jianfu.core.errors import ApplicationError, NotFoundError, one_refusal
from jianfu.core.text import clean_text as core_clean_text
from jianfu.orgs.models import OrgUnit
from jianfu.villagepages.models import ServiceItem, ServiceList
from jianfu.villagepages.selectors import field_label
from jianfu.villagepages.workflow import EDITABLE, WORKFLOW, Action, Status

MAX_ITEMS = 60
ITEM_FIELDS = {"name": 100, "place": 100, "hours": 100, "materials": 1000, "time_limit": 60, "basis": 200}
# an item's key that a client may leave out to keep the same-named item's current value: 依据 came in session 33, and a
# client written before it sends items without it; a full replacement saved every 依据 empty (fixcr33c). A key sent as
# "" or null still empties it.
KEPT_WHEN_ABSENT = ("basis",)
HEADER_FIELDS = {"office_address": 200, "office_hours": 200, "office_phone": 40, "note": 1000}


def clean_text(value: object, *, limit: int, label: str) -> str:
    """One line of public text: the one clean-text rule of every input (`core.text.clean_text`: control and
    invisible format characters out) and tabs out, NFC, trimmed, within `limit`."""
    text = core_clean_text(str(value or "")).replace("\t", "")
    text = unicodedata.normalize("NFC", text).strip()
    if len(text) > limit:
        raise ApplicationError(_("%(label)s过长（%(n)d 字），不能超过 %(max)d 字。") % {"label": label, "n": len(text),
                                                                           "max": limit},
                               code="too_long", field=label)
    return text


def _village(code: str) -> OrgUnit:
    unit: OrgUnit | None = OrgUnit.objects.filter(code=code or "", kind="village", is_active=True).first()
    if unit is None:
        raise NotFoundError(_("找不到该村（社区）。"))
    return unit


def _audit(actor: User, service_list: ServiceList, action: str, **changes: object) -> None:
    audit_record(actor=actor, action=f"villagepages.list.{action}", obj=service_list, changes=changes)


def list_open_or_create(*, actor: User, village_code: str) -> ServiceList:
    """The village's editable (or submitted) version; a new draft copied from the public one if none."""
    unit = _village(village_code)
    scope_for(actor).require_write(unit.code, Capability.VILLAGE_PAGE_EDIT)
    with transaction.atomic():
        current = ServiceList.objects.select_for_update().filter(
            org_code=unit.code, status__in=(*EDITABLE, Status.SUBMITTED)).first()
        if current is not None:
            return current
        public = ServiceList.objects.filter(org_code=unit.code, status=Status.APPROVED).first()
        number = (ServiceList.objects.filter(org_code=unit.code).aggregate(n=Max("number"))["n"] or 0) + 1
        draft = ServiceList.objects.create(
            org_code=unit.code, number=number, status=Status.DRAFT,
            **({name: getattr(public, name) for name in HEADER_FIELDS} if public else {}))
        if public:
            ServiceItem.objects.bulk_create([
                ServiceItem(service_list=draft, position=item.position,
                            **{name: getattr(item, name) for name in ITEM_FIELDS})
                for item in public.items.all()])
        _audit(actor, draft, "create", copied_from=public.number if public else None)
    return draft


# What a resident needs of an item to act on it; a draft may lack them, a version sent for review may not
ESSENTIAL_ITEM_FIELDS = ("name", "place", "materials", "time_limit")


def _item_labels() -> dict[str, str]:
    return {name: field_label(ServiceItem, name) for name in ITEM_FIELDS}


def _missing_errors(rows: Sequence[tuple[int, Mapping[str, object]]]) -> dict[int, dict[str, str]]:
    """{item number: {field: message}} for each essential part an item lacks."""
    labels = _item_labels()
    errors: dict[int, dict[str, str]] = {}
    for number, row in rows:
        for name in ESSENTIAL_ITEM_FIELDS:
            if not str(row.get(name) or "").strip():
                errors.setdefault(number, {})[name] = _("请填写%(label)s。") % {"label": labels[name]}
    return errors


def _raise_incomplete(errors: dict[int, dict[str, str]]) -> None:
    """One error naming every incomplete item and its missing parts; `details["items"]` says which field."""
    if not errors:
        return
    labels = _item_labels()
    parts = [_("第 %(n)d 项缺%(what)s") % {"n": n, "what": "、".join(labels[f] for f in fields)}
             for n, fields in sorted(errors.items())]
    raise ApplicationError(_("提交乡镇审核前请补全：%(parts)s。") % {"parts": "；".join(parts)}, code="incomplete",
                           field="items", details={"items": errors})


def _clean_items(items: list[dict[str, object]]) -> list[tuple[int, Mapping[str, object]]]:
    """The form's rows cleaned, each with its position in `items` (empty rows dropped). Every bad part of every row
    is refused at once, by number, so that a cadre mends them in one go (V07: a second save found the second)."""
    item_labels = _item_labels()
    numbered: list[tuple[int, Mapping[str, object]]] = []
    problems: dict[int, dict[str, str]] = {}
    first_code = ""
    for index, item in enumerate(items, start=1):
        row: dict[str, object] = {}
        for name, limit in ITEM_FIELDS.items():
            if name in KEPT_WHEN_ABSENT and name not in item:
                continue    # list_update keeps the same-named item's current value
            value = item.get(name, "")
            if value is not None and not isinstance(value, str):
                # B10: an API body's ["a"], {"x": 1}, 5 or true was saved as its Python text ("['a']", "True")
                problems.setdefault(index, {})[name] = _("%(label)s应为文字，收到%(what)s。") % {
                    "label": item_labels[name], "what": _json_kind(value)}
                first_code = first_code or "invalid"
                row[name] = ""
                continue
            try:
                row[name] = clean_text(item.get(name, ""), limit=limit, label=item_labels[name])
            except ApplicationError as exc:
                problems.setdefault(index, {})[name] = exc.message
                first_code = first_code or exc.code
                row[name] = str(item.get(name, "") or "")
        if not any(str(v).strip() for v in row.values()):
            continue  # an empty row of the form
        name_text = str(row["name"])
        if not name_text.strip():
            problems.setdefault(index, {})["name"] = _("请填写服务事项名称。")
            first_code = first_code or "required"
        elif "<" in name_text or ">" in name_text:
            # a name is a plain line on a public page and a printed poster: markup is never meant
            problems.setdefault(index, {})["name"] = _("服务事项名称不能包含“<”“>”等标记符号。")
            first_code = first_code or "invalid"
        numbered.append((index, row))
    if problems:
        first = min(problems)
        message = "；".join(_("第 %(n)d 项：%(msg)s") % {"n": n, "msg": msg.rstrip("。")}
                           for n in sorted(problems) for msg in problems[n].values()) + "。"
        raise ApplicationError(message, code=first_code, field=f"items[{first}].{next(iter(problems[first]))}",
                               details={"items": problems})
    return numbered


def _json_kind(value: object) -> str:
    if isinstance(value, bool):
        return _("true/false")
    if isinstance(value, int | float):
        return _("数字 %(v)s") % {"v": value}
    if isinstance(value, list | tuple):
        return _("列表")
    if isinstance(value, dict):
        return _("对象")
    return type(value).__name__


def list_items_check(*, items: list[dict[str, object]]) -> None:
    """Refuse items that could not be submitted (a missing part), numbered as the form shows them; writes nothing."""
    _raise_incomplete(_missing_errors(_clean_items(items)))


def _clean_form(header: Mapping[str, object], items: list[dict[str, object]]
                ) -> tuple[dict[str, str], list[Mapping[str, object]]]:
    """The header and the rows cleaned. Every bad field of the header and of every row is refused at once
    (newuser26 #2: a 说明 too long hid a bad 办公电话 until the next save): the message names them all,
    `details["fields"]` maps each header field to its own, `details["items"]` each row's (as `_clean_items`)."""
    failed: list[ApplicationError] = []   # each naming its header field (`clean_text` names the label)
    clean_header: dict[str, str] = {}
    for name, limit in HEADER_FIELDS.items():
        try:
            clean_header[name] = clean_text(header.get(name, ""), limit=limit, label=field_label(ServiceList, name))
        except ApplicationError as exc:
            failed.append(ApplicationError(exc.message, code=exc.code, field=name))
            clean_header[name] = ""
    if clean_header["office_phone"] and not is_reachable(clean_header["office_phone"], email=False):
        # the number is printed on the public page and the poster: one nobody can call is worse than none
        failed.append(ApplicationError(_("办公电话“%(value)s”不是可以拨通的号码：请填写 11 位手机号或带区号的固定电话，也可以不填。")
                                       % {"value": clean_header["office_phone"][:20]}, code="invalid",
                                       field="office_phone"))
    refused = one_refusal(failed, wrap_one=True)
    try:
        rows = [row for _n, row in _clean_items(items)]
    except ApplicationError as exc:
        if refused is None:
            raise
        raise ApplicationError(refused.message + exc.message, code=refused.code, field=refused.field,
                               details={**refused.details, "items": exc.details.get("items", {})}) from None
    if refused is not None:
        raise refused
    return clean_header, rows


def list_update(*, actor: User, service_list: ServiceList, header: dict[str, object],
                items: list[dict[str, object]]) -> ServiceList:
    """Replace the header and the items of an editable version (all or nothing). A draft may lack an item's
    essential parts (`list_items_check` and `list_submit` refuse that); the numbers in the errors are the
    positions in `items`, as the form shows them."""
    scope_for(actor).require_write(service_list.org_code, Capability.VILLAGE_PAGE_EDIT)
    clean_header, rows = _clean_form(header, items)
    if len(rows) > MAX_ITEMS:
        raise ApplicationError(_("事项过多（%(n)d 项），最多 %(max)d 项。") % {"n": len(rows), "max": MAX_ITEMS},
                               code="too_many", field="items")
    with transaction.atomic():
        locked = ServiceList.objects.select_for_update().get(pk=service_list.pk)
        if locked.status not in EDITABLE:
            raise ApplicationError(_("清单当前状态为「%(s)s」，不能修改。") % {"s": Status(locked.status).label},
                                   code="wrong_state", field="status")
        ServiceList.objects.filter(pk=locked.pk).update(updated_at=timezone.now(), **clean_header)
        # the n-th row of a name keeps the n-th current item of that name's values (`KEPT_WHEN_ABSENT`): looked up by
        # name alone, two items of one name both took the last one's 依据 (fixcr34b #6)
        current: dict[str, list[ServiceItem]] = {}
        for item in locked.items.order_by("position", "id"):
            current.setdefault(item.name, []).append(item)
        before = [current[str(row["name"])].pop(0) if current.get(str(row["name"])) else None for row in rows]
        ServiceItem.objects.filter(service_list=locked).delete()
        ServiceItem.objects.bulk_create([ServiceItem(service_list=locked, position=i, **{
            **{name: getattr(was, name) if was is not None else "" for name in KEPT_WHEN_ABSENT}, **row})
            for i, (row, was) in enumerate(zip(rows, before, strict=True), start=1)])
        _audit(actor, locked, "update", items=len(rows))
    service_list.refresh_from_db()
    return service_list


def _move(service_list: ServiceList, action: str, **fields: object) -> str:
    to = WORKFLOW.move(ServiceList.objects, service_list.pk, action, service_list.status,
                       updated_at=timezone.now(), **fields)
    before = service_list.status
    service_list.status = to
    for name, value in fields.items():
        setattr(service_list, name, value)
    return before


def list_submit(*, actor: User, service_list: ServiceList) -> ServiceList:
    scope_for(actor).require_write(service_list.org_code, Capability.VILLAGE_PAGE_EDIT)
    items = list(service_list.items.all())
    if not items:
        raise ApplicationError(_("清单还没有任何服务事项，不能提交。"), code="empty", field="items")
    _raise_incomplete(_missing_errors([(n, {name: getattr(item, name) for name in ITEM_FIELDS})
                                       for n, item in enumerate(items, start=1)]))
    with transaction.atomic():
        before = _move(service_list, Action.SUBMIT, submitted_at=timezone.now(), review_note="")
        _audit(actor, service_list, "submit", status=[before, service_list.status])
    return service_list


def list_withdraw(*, actor: User, service_list: ServiceList) -> ServiceList:
    scope_for(actor).require_write(service_list.org_code, Capability.VILLAGE_PAGE_EDIT)
    with transaction.atomic():
        before = _move(service_list, Action.WITHDRAW)
        _audit(actor, service_list, "withdraw", status=[before, service_list.status])
    return service_list


def list_approve(*, actor: User, service_list: ServiceList, note: str = "") -> ServiceList:
    """The township publishes the version; the previously public one is superseded."""
    scope_for(actor).require_write(service_list.org_code, Capability.VILLAGE_PAGE_APPROVE)
    note = clean_text(note, limit=500, label=_("审核意见"))
    with transaction.atomic():
        for old in ServiceList.objects.select_for_update().filter(org_code=service_list.org_code,
                                                                   status=Status.APPROVED):
            _move(old, Action.SUPERSEDE)
            _audit(actor, old, "supersede", status=[Status.APPROVED, Status.SUPERSEDED])
        before = _move(service_list, Action.APPROVE, decided_at=timezone.now(), decided_by=actor, review_note=note)
        _audit(actor, service_list, "approve", status=[before, service_list.status], note=note)
    return service_list


def list_return(*, actor: User, service_list: ServiceList, note: str) -> ServiceList:
    scope_for(actor).require_write(service_list.org_code, Capability.VILLAGE_PAGE_APPROVE)
    note = clean_text(note, limit=500, label=_("退回原因"))
    if not note:
        raise ApplicationError(_("请写明退回原因。"), code="required", field="note")
    with transaction.atomic():
        before = _move(service_list, Action.RETURN, decided_at=timezone.now(), decided_by=actor, review_note=note)
        _audit(actor, service_list, "return", status=[before, service_list.status], note=note)
    return service_list
