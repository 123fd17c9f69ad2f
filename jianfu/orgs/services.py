"""Writes to the hierarchy. Every function is atomic and audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.apps import apps
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone

from jianfu.core import formtokens
from jianfu.core.audit import audit_record
from jianfu.core.errors import ApplicationError, NotFoundError
from jianfu.orgs import codes
from jianfu.orgs.divisions import KIND_BY_LEVEL, DivisionRow
from jianfu.orgs.models import OrgUnit, UnitKind, UnitNameHistory


def divisions_load(*, rows: Iterable[DivisionRow], actor: AbstractBaseUser | None = None, batch_size: int = 5000,
                   progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Insert new units and rename changed ones; idempotent (a second load changes nothing).

    Runs in one transaction: a malformed file part-way leaves the table as it was."""
    created = renamed = unchanged = 0
    with transaction.atomic():
        batch: list[DivisionRow] = []

        def flush() -> None:
            nonlocal created, renamed, unchanged
            existing = dict(OrgUnit.objects.filter(code__in=[r.code for r in batch]).values_list("code", "name"))
            new = [OrgUnit(code=r.code, name=r.name, kind=KIND_BY_LEVEL[r.level], level=r.level,
                           parent_code=r.parent_code) for r in batch if r.code not in existing]
            OrgUnit.objects.bulk_create(new, batch_size=batch_size)
            created += len(new)
            changed = [r for r in batch if r.code in existing and existing[r.code] != r.name]
            for r in changed:
                OrgUnit.objects.filter(code=r.code).update(name=r.name)
            renamed += len(changed)
            unchanged += len(batch) - len(new) - len(changed)
            if progress:
                progress(len(batch))
            batch.clear()

        for row in rows:
            batch.append(row)
            if len(batch) >= batch_size:
                flush()
        if batch:
            flush()
        audit_record(actor=actor, action="orgs.divisions.load", object_type="orgs.orgunit",
                     changes={"created": created, "renamed": renamed, "unchanged": unchanged})
    return {"created": created, "renamed": renamed, "unchanged": unchanged}


def grid_create_from_form(*, form_token: object, actor: AbstractBaseUser, village_code: str, name: str
                          ) -> tuple[OrgUnit, bool]:
    """The unit page's 新增网格 form: (grid, True) when added now, (the grid that form added, False) when the same form
    — its one-time token — was posted before (a double tap added 第二网格 and 第三网格 of one name; fix-token29). No
    well-formed token: refused, nothing written (ADR 0035); the same token with another name or village: an expired
    form (ADR 0036). A grid has no creator column: the token, bound to the content, is the sender."""
    form_key = formtokens.required_key(form_token)
    content_key = formtokens.content_key(form_token, {"village": village_code, "name": name})
    return formtokens.once(OrgUnit.objects, form_key,
                           lambda: grid_create(actor=actor, village_code=village_code, name=name, form_key=form_key,
                                               form_content_key=content_key),
                           own=lambda g: g.parent_code == village_code and g.kind == UnitKind.GRID
                           and formtokens.same_content(g, content_key))


def grid_create(*, actor: AbstractBaseUser | None, village_code: str, name: str, number: int | None = None,
                form_key: str | None = None, form_content_key: str | None = None) -> OrgUnit:
    """Add a grid (网格) under a village; its code extends the village's by three digits."""
    name = (name or "").strip()
    if not name:
        raise ApplicationError("请填写网格名称。", field="name")
    with transaction.atomic():
        village = OrgUnit.objects.select_for_update().filter(code=village_code, kind=UnitKind.VILLAGE).first()
        if village is None:
            raise NotFoundError(f"找不到村/社区“{village_code}”。", field="village_code")
        if number is None:
            taken = OrgUnit.objects.filter(parent_code=village.code, kind=UnitKind.GRID).values_list("code", flat=True)
            number = max((int(c[12:]) for c in taken), default=0) + 1
        if not 1 <= number <= 999:
            raise ApplicationError("网格编号应在 1–999 之间。", field="number")
        code = f"{village.code}{number:03d}"
        if OrgUnit.objects.filter(code=code).exists():
            raise ApplicationError(f"网格代码 {code} 已存在。", field="number", code="duplicate")
        # the form's keys (not editable: passed as a mapping, as monitor's notices do)
        keys: dict[str, Any] = {"form_key": form_key or None, "form_content_key": form_content_key or None}
        grid = OrgUnit.objects.create(code=code, name=name, kind=UnitKind.GRID, level=6, parent_code=village.code,
                                      **keys)
        audit_record(actor=actor, action="orgs.grid.create", obj=grid)
    return grid


def department_create(*, actor: AbstractBaseUser | None, parent_code: str, name: str, short_code: str = "") -> OrgUnit:
    """Add a department (县直部门 or 乡镇站所) to a county or town."""
    name = (name or "").strip()
    if not name:
        raise ApplicationError("请填写部门名称。", field="name")
    with transaction.atomic():
        parent = OrgUnit.objects.select_for_update().filter(
            code=parent_code, kind__in=[UnitKind.COUNTY, UnitKind.TOWN]).first()
        if parent is None:
            raise NotFoundError("部门只能设在县级或乡镇级单位下。", field="parent_code")
        siblings = OrgUnit.objects.filter(parent_code=parent.code, kind=UnitKind.DEPARTMENT)
        if siblings.filter(name=name).exists():
            raise ApplicationError(f"“{parent.name}”下已有部门“{name}”。", field="name", code="duplicate")
        if short_code and siblings.filter(short_code=short_code).exists():
            raise ApplicationError(f"部门简码“{short_code}”已被使用。", field="short_code", code="duplicate")
        number = max((int(c[-2:]) for c in siblings.values_list("code", flat=True)), default=0) + 1
        if number > 99:
            raise ApplicationError("一个单位下最多 99 个部门。")
        dept = OrgUnit.objects.create(code=f"{parent.code}D{number:02d}", name=name, kind=UnitKind.DEPARTMENT,
                                      level=parent.level, parent_code=parent.code, short_code=short_code)
        audit_record(actor=actor, action="orgs.department.create", obj=dept)
    return dept


def unit_rename(*, actor: AbstractBaseUser | None, code: str, name: str, effective: dt.date) -> OrgUnit:
    name = (name or "").strip()
    if not name:
        raise ApplicationError("请填写新名称。", field="name")
    with transaction.atomic():
        unit: OrgUnit | None = OrgUnit.objects.select_for_update().filter(code=code).first()
        if unit is None:
            raise NotFoundError(f"找不到单位“{code}”。")
        old = unit.name
        UnitNameHistory.objects.create(unit=unit, name=old, valid_until=effective)
        unit.name = name
        unit.save(update_fields=["name", "updated_at"])
        audit_record(actor=actor, action="orgs.unit.rename", obj=unit,
                     changes={"name": [old, name], "effective": effective.isoformat()})
    return unit


def unit_retire(*, actor: AbstractBaseUser | None, code: str, effective: dt.date) -> OrgUnit:
    """Retire a unit that has no records left (merge it first if it has)."""
    with transaction.atomic():
        unit: OrgUnit | None = OrgUnit.objects.select_for_update().filter(code=code, is_active=True).first()
        if unit is None:
            raise NotFoundError(f"找不到有效单位“{code}”。")
        if OrgUnit.objects.filter(parent_code=code, is_active=True).exists():
            raise ApplicationError("该单位下仍有有效的下级单位，请先撤并下级单位。", code="has_children")
        remaining = _records_count(code)
        if remaining:
            raise ApplicationError(f"该单位仍有 {remaining} 条业务记录，请先合并到其他单位。", code="has_records")
        unit.is_active = False
        unit.retired_on = effective
        unit.save(update_fields=["is_active", "retired_on", "updated_at"])
        audit_record(actor=actor, action="orgs.unit.retire", obj=unit, changes={"effective": effective.isoformat()})
    return unit


def unit_merge(*, actor: AbstractBaseUser | None, source_code: str, target_code: str, effective: dt.date) -> dict[str, int]:
    """Merge one village (or grid) into another of the same kind: every record that carries the
    source's code (or one of its grids') moves to the target, grids are re-coded under the target,
    and the source is retired — one transaction, one audit record with the counts moved."""
    if source_code == target_code:
        raise ApplicationError("不能把单位合并到自身。", field="target_code")
    with transaction.atomic():
        source = OrgUnit.objects.select_for_update().filter(code=source_code, is_active=True).first()
        target = OrgUnit.objects.select_for_update().filter(code=target_code, is_active=True).first()
        if source is None or target is None:
            raise NotFoundError("找不到要合并的单位。")
        if source.kind != target.kind or source.kind not in (UnitKind.VILLAGE, UnitKind.GRID):
            raise ApplicationError("只能在同类的村/社区或网格之间合并。", code="kind_mismatch")
        moved: dict[str, int] = {}
        code_map = {source.code: target.code}
        if source.kind == UnitKind.VILLAGE:
            next_number = max((int(c[12:]) for c in OrgUnit.objects.filter(
                parent_code=target.code, kind=UnitKind.GRID).values_list("code", flat=True)), default=0)
            for grid in OrgUnit.objects.filter(parent_code=source.code, kind=UnitKind.GRID).order_by("code"):
                next_number += 1
                new_code = f"{target.code}{next_number:03d}"
                code_map[grid.code] = new_code
                OrgUnit.objects.filter(pk=grid.pk).update(code=new_code, parent_code=target.code)
        for old, new in code_map.items():
            for label, count in _move_records(old, new).items():
                moved[label] = moved.get(label, 0) + count
        source.is_active = False
        source.retired_on = effective
        source.merged_into_code = target.code
        source.save(update_fields=["is_active", "retired_on", "merged_into_code", "updated_at"])
        audit_record(actor=actor, action="orgs.unit.merge", obj=source,
                     changes={"into": target.code, "effective": effective.isoformat(), "codes": code_map,
                              "moved": moved})
    return moved


def _scoped_models() -> Iterator[tuple[type[Model], list[str]]]:
    """Every model that carries an `org_code` (or `grid_code`) — the records that belong to units."""
    for model in apps.get_models():
        names = {f.name for f in model._meta.get_fields() if getattr(f, "concrete", False)}
        fields = [f for f in ("org_code", "grid_code") if f in names]
        if fields and model is not OrgUnit and model._meta.label_lower != "core.auditrecord":
            yield model, fields


def _has_field(model: type[Model], name: str) -> bool:
    return any(f.name == name and getattr(f, "concrete", False) for f in model._meta.get_fields())


def _records_count(code: str) -> int:
    return sum(model._default_manager.filter(**{f: code}).count()
               for model, fields in _scoped_models() for f in fields)


def _move_records(old: str, new: str) -> dict[str, int]:
    """Moves every record of unit `old` to `new`. A bulk `update()` does not run `auto_now`, so `updated_at` is set
    here too: what reads `updated_at` to notice a change (the seeker index's `scope_stamp`, codereview15 #2) sees
    a moved record as written."""
    moved: dict[str, int] = {}
    now = timezone.now()
    for model, fields in _scoped_models():
        touch = {"updated_at": now} if _has_field(model, "updated_at") else {}
        for f in fields:
            try:
                with transaction.atomic():  # a savepoint, so the clash below is reported, not a 500
                    count = model._default_manager.filter(**{f: old}).update(**{f: new}, **touch)
            except IntegrityError:
                # e.g. both villages have household 0001, or a report for the same period
                raise ApplicationError(
                    f"无法合并：两个单位的“{model._meta.verbose_name}”有编号或期次重复的记录，"
                    "请先在原单位调整编号或处理重复记录。", code="merge_conflict") from None
            if count:
                moved[model._meta.label_lower] = moved.get(model._meta.label_lower, 0) + count
    return moved


def validate_code(code: str) -> str:
    try:
        return codes.normalise_code(code)
    except ValueError:
        raise ApplicationError(f"“{code}”不是有效的区划代码（应为 2/4/6/9/12 位数字）。", field="code") from None
