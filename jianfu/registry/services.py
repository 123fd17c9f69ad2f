"""Writes of the registry. Keyword-only, atomic, audited; every changed field of a person, household or
organisation leaves a FieldChange row (PII masked). The ledger import lives in `imports.py`; the synthetic
generator in `generation.py`; both are re-exported here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.accounts.models import User
from jianfu.accounts.roles import Capability
from jianfu.accounts.scoping import Scope, scope_for
from jianfu.core import crypto, formtokens, versioning
from jianfu.core.audit import audit_record
from jianfu.core.errors import ApplicationError, ConflictError, NotFoundError, UnavailableError
from jianfu.core.versioning import claim_version
from jianfu.orgs.models import OrgUnit, UnitKind
from jianfu.registry import sensitive
from jianfu.registry.ledger import values as V
from jianfu.registry.ledger.validate import AttributeSpec, parse_attribute
from jianfu.registry.models import (
    AttributeDefinition,
    DuplicateReview,
    FieldChange,
    Household,
    ImportBatch,
    ImportRow,
    MergeConflict,
    Organisation,
    Person,
)

# Who acts: an account, or None for the system (imports run by the worker, commands).
Actor = User | None

# Plain (non-PII) person fields a service may set; id_number and phone are handled apart.
PERSON_FIELDS = (
    "name", "gender", "birth_date", "birthplace_code", "ethnicity", "education", "political_status",
    "marital_status", "residence_status", "employment_status", "disability_category", "disability_grade",
    "is_dibao", "is_tekun", "is_orphan", "is_left_behind_child", "is_left_behind_elder", "is_veteran",
    "is_poverty_alleviated", "is_monitoring_target", "is_entitled_group", "health_insurance",
    "pension_insurance", "address", "status", "relation_to_head", "grid_code",
)
BOOL_FIELDS = tuple(f for f in PERSON_FIELDS if f.startswith("is_"))
ORG_FIELDS = ("name", "credit_code", "kind", "industry", "employees", "address", "is_active", "grid_code")

T = TypeVar("T")


def county_of(code: str) -> str:
    return code[:6].ljust(12, "0")


def scope_field(scope: Scope) -> str:
    """Grid workers see the records of their grid (grid_code); everyone else by village code."""
    # a department's unit code is 15 characters too (450521000000D31), but a department is no grid (ADR 0030)
    return ("grid_code" if scope.unit_code and len(scope.unit_code) == 15 and not scope.is_all
            and not scope.is_department else "org_code")


def _write_target(scope: Scope, obj_or_code: Any) -> str | None:
    """The unit a registry write is judged on: the grid for a grid worker's scope, else the village (one rule for
    `require_write` and `may_write`; fixcr33b L7: employment's page link copied it)."""
    if isinstance(obj_or_code, str):
        code, grid = obj_or_code[:12], (obj_or_code if len(obj_or_code) == 15 else None)
    else:
        code, grid = obj_or_code.org_code, getattr(obj_or_code, "grid_code", None)
    return grid if scope_field(scope) == "grid_code" else code


def require_write(actor: Actor, obj_or_code: str | Person | Household | Organisation) -> None:
    """The actor may change records of this unit (REGISTRY_WRITE and inside the scope), else 404/403."""
    scope = scope_for(actor)
    scope.require_write(_write_target(scope, obj_or_code), Capability.REGISTRY_WRITE)


def may_write(actor: Any, obj_or_code: Any) -> bool:
    """`require_write` as a question (a page's link or its "who may edit" line), by the same rule. `actor` as
    `scope_for` takes it (request.user, an anonymous one too); `obj_or_code` anything with `org_code` (and
    `grid_code`), or a unit's code."""
    scope = scope_for(actor)
    return scope.may_write(_write_target(scope, obj_or_code), Capability.REGISTRY_WRITE)


def _display(field: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class _Stale(Exception):
    """The version an edit form was opened with is no longer the record's (raised inside the write's transaction)."""


def _changes_since(obj: Person | Household | Organisation, model: str, version: str, *, actor: Actor | None = None,
                   carried: Mapping[str, str] | None = None) -> list[versioning.Change]:
    """What others changed on `obj` since the form's `version`, from its FieldChange history (PII masked), for
    `versioning.stale_error`.

    `actor` and `carried` (field → the value the refused post holds, as FieldChange stores it: `_stored`): a change
    `actor` made that the post carries — it wrote the very value the post holds — is the form's own earlier save
    (posted twice at once, or back and 保存 again) and is left out: it was listed as another's change (mend19b #3).
    A masked field is never carried (`_person_carried`): its masked value cannot tell the form's own number from
    another with the same mask."""
    rows = FieldChange.objects.filter(model=model, object_id=obj.pk).select_related("actor").order_by("changed_at", "id")
    after = versioning.since(version, field="changed_at", record=obj)   # a version signed for obj, else no history
    if after is None:
        return []
    rows = rows.filter(after)
    mine = getattr(actor, "pk", None) if getattr(actor, "is_authenticated", False) else None
    if mine is not None and carried:
        own = Q()
        for field, value in carried.items():
            own |= Q(field=field, new_value=value)
        rows = rows.exclude(Q(actor_id=mine) & own)
    return [versioning.Change(field=c.field, old=c.old_value, new=c.new_value, who=versioning.who(c.actor),
                              when=c.changed_at, by=c.actor_id) for c in rows[:versioning.MAX_LINES + 1]]


def _stale(current: Person | Organisation, model: str, version: str, *, actor: Actor,
           carried: Mapping[str, str]) -> ConflictError:
    """The refusal of a stale save of `current`: others' changes since the form's `version` named; when the only
    saves since are the form's own (a double submit), it says so instead of naming the poster as "对方"."""
    others = _changes_since(current, model, version, actor=actor, carried=carried)
    return versioning.stale_error(current, others, model=f"registry.{model}", yours=versioning.posters_own(
        others, actor=actor, saved_since=lambda: bool(_changes_since(current, model, version))))


def _stored(field: str, value: object) -> str:
    """A value as a FieldChange row stores it (PII masked)."""
    shown = _display(field, value)
    mask = sensitive.PII_FIELDS.get(field)
    return mask(shown) if mask else shown


def record_changes(*, actor: Actor, obj: Person | Household | Organisation, model: str, changes: Mapping[str, tuple[object, object]], source: str,
                   batch: ImportBatch | None = None) -> list[FieldChange]:
    """FieldChange rows for {field: (old, new)}; PII fields stored masked."""
    rows = []
    for field, (old, new) in changes.items():
        rows.append(FieldChange(org_code=obj.org_code, model=model, object_id=obj.pk, field=field,
                                old_value=_stored(field, old), new_value=_stored(field, new), source=source, batch=batch,
                                actor=actor if getattr(actor, "is_authenticated", False) else None))
    return FieldChange.objects.bulk_create(rows)


# ---------------------------------------------------------------- attribute definitions

# A decimal attribute's bounds when its definition does not state them (badinput16 #7); the definition form asks
DECIMAL_MAXIMUM = Decimal("1000000000")
DECIMAL_MAXIMUM_LIMIT = Decimal("999999999999")   # the largest maximum a definition may state (12 digits: the column
# keeps 18 digits, 6 of them decimals)
DECIMAL_PLACES = 2
DECIMAL_PLACES_LIMIT = 6
# An integer attribute's maximum when its definition does not state one, and the largest it may state (fix-left17):
# 0 ≤ value ≤ maximum, so a 12-digit 年龄 or "1e5" is refused rather than stored
INTEGER_MAXIMUM = 1_000_000_000
INTEGER_MAXIMUM_LIMIT = 1_000_000_000_000


def attribute_specs(org_code: str, applies_to: str = "person") -> list[AttributeSpec]:
    defs = AttributeDefinition.objects.filter(org_code=county_of(org_code), applies_to=applies_to, is_active=True)
    return [attribute_spec(d) for d in defs]


def attribute_spec(d: AttributeDefinition) -> AttributeSpec:
    """What the import and the forms check a definition's values against."""
    return AttributeSpec(d.key, d.label, d.type, tuple(d.choices or ()), d.required, *_decimal_bounds(d))


def _decimal_bounds(d: AttributeDefinition) -> tuple[Decimal | None, int | None]:
    if d.type == AttributeDefinition.Type.INTEGER:
        return Decimal(INTEGER_MAXIMUM) if d.maximum is None else d.maximum, None
    if d.type != AttributeDefinition.Type.DECIMAL:
        return None, None
    return (DECIMAL_MAXIMUM if d.maximum is None else d.maximum,
            DECIMAL_PLACES if d.decimals is None else d.decimals)


def clean_extra(org_code: str, extra: dict[str, Any], *, applies_to: str = "person", partial: bool = False
                ) -> dict[str, Any]:
    """Validate county-defined attributes; unknown keys are refused, required ones enforced."""
    specs = {s.key: s for s in attribute_specs(org_code, applies_to)}
    out = {}
    for key, raw in (extra or {}).items():
        spec = specs.get(key)
        if spec is None:
            raise ApplicationError(_("自定义属性“%(key)s”未定义。") % {"key": key}, code="unknown_attribute",
                                   field=f"extra_{key}")
        if V.is_blank(raw):
            continue
        try:
            out[key] = parse_attribute(spec, raw)
        except V.CellError as exc:
            raise ApplicationError(f"{spec.label}：{exc.reason}", code="invalid_attribute",
                                   field=f"extra_{key}") from None
    if not partial:
        for spec in specs.values():
            if spec.required and spec.key not in out:
                raise ApplicationError(_("%(label)s不能为空。") % {"label": spec.label}, code="required",
                                       field=f"extra_{spec.key}")
    return out


def attribute_define(*, actor: Actor, county_code: str, key: str, label: str, type: str,  # noqa: A002
                     choices: tuple[str, ...] | list[str] = (),
                     required: bool = False, applies_to: str = "person", maximum: Decimal | None = None,
                     decimals: int | None = None) -> AttributeDefinition:
    """`maximum` and `decimals`: a decimal's bounds (0 ≤ value ≤ maximum, at most `decimals` places), by default
    DECIMAL_MAXIMUM and DECIMAL_PLACES; other types have none."""
    scope = scope_for(actor)
    county = county_of(county_code)
    if not (scope.can(Capability.REPORT_DEFINE) and not scope.is_department and scope.covers(county)
            and (scope.is_all or len(scope.prefix or "") <= 6)):
        raise NotFoundError(_("找不到该单位，或您无权定义它的自定义属性。"))
    if type not in AttributeDefinition.Type.values:
        raise ApplicationError(_("未知的属性类型。"), field="type")
    choices = [c.strip() for c in choices if c and c.strip()]
    if type == AttributeDefinition.Type.CHOICE and not choices:
        raise ApplicationError(_("单选属性至少要有一个可选值。"), field="choices")
    if type == AttributeDefinition.Type.DECIMAL:
        maximum = DECIMAL_MAXIMUM if maximum is None else Decimal(maximum)
        decimals = DECIMAL_PLACES if decimals is None else decimals
        exponent = maximum.as_tuple().exponent   # an int for every finite decimal ("n"/"N"/"F" for NaN and infinity)
        if not isinstance(exponent, int) or not 0 < maximum <= DECIMAL_MAXIMUM_LIMIT \
                or -exponent > DECIMAL_PLACES_LIMIT:
            raise ApplicationError(_("最大值应大于0、不超过%(max)s，最多%(d)d位小数。")
                                   % {"max": f"{DECIMAL_MAXIMUM_LIMIT:f}", "d": DECIMAL_PLACES_LIMIT},
                                   field="maximum")
        if not 0 <= decimals <= DECIMAL_PLACES_LIMIT:
            raise ApplicationError(_("小数位数应为0到%(d)d。") % {"d": DECIMAL_PLACES_LIMIT}, field="decimals")
    elif type == AttributeDefinition.Type.INTEGER:
        maximum = Decimal(INTEGER_MAXIMUM) if maximum is None else Decimal(maximum)
        decimals = None
        if not 0 < maximum <= INTEGER_MAXIMUM_LIMIT or maximum != maximum.to_integral_value():
            raise ApplicationError(_("整数的最大值应为大于0、不超过%(max)d的整数。") % {"max": INTEGER_MAXIMUM_LIMIT},
                                   field="maximum")
        maximum = maximum.quantize(Decimal(1))
    else:
        maximum = decimals = None
    if AttributeDefinition.objects.filter(org_code=county, applies_to=applies_to, key=key).exists():
        raise ApplicationError(_("键“%(key)s”已存在。") % {"key": key}, field="key")
    with transaction.atomic():
        definition = AttributeDefinition.objects.create(org_code=county, applies_to=applies_to, key=key,
                                                        label=label, type=type, choices=choices,
                                                        required=required, maximum=maximum, decimals=decimals)
        audit_record(actor=actor, action="registry.attribute.define", obj=definition,
                     changes={"key": key, "label": label, "type": type, "choices": choices,
                              **({"maximum": maximum, "decimals": decimals} if maximum is not None else {})})
    return definition


def attribute_deactivate(*, actor: Actor, definition: AttributeDefinition) -> None:
    scope = scope_for(actor)
    if not (scope.can(Capability.REPORT_DEFINE) and not scope.is_department and scope.covers(definition.org_code)):
        raise NotFoundError(_("找不到该属性。"))
    with transaction.atomic():
        AttributeDefinition.objects.filter(pk=definition.pk).update(is_active=False)
        audit_record(actor=actor, action="registry.attribute.deactivate", obj=definition)


# ---------------------------------------------------------------- persons

def _check_village(code: str) -> None:
    if not OrgUnit.objects.filter(code=code, kind=UnitKind.VILLAGE, is_active=True).exists():
        raise ApplicationError(_("村（社区）代码%(code)s不存在。") % {"code": code}, field="org_code")


def _check_grid(org_code: str, grid_code: str | None) -> None:
    if grid_code and (not grid_code.startswith(org_code)
                      or not OrgUnit.objects.filter(code=grid_code, kind=UnitKind.GRID).exists()):
        raise ApplicationError(_("网格%(grid)s不属于该村（社区）。") % {"grid": grid_code}, field="grid_code")


def _apply_id(person: Person, number: str, *, actor: Actor = None) -> None:
    if not number:
        person.id_number_cipher, person.id_number_index, person.id_number_masked = "", None, ""
        return
    try:
        info = V.parse_id_number(number)
    except V.CellError as exc:
        raise ApplicationError(exc.reason, code="invalid_id_number", field="id_number") from None
    cipher, index, masked = sensitive.seal_id(info.number)
    clash = Person.objects.filter(id_number_index=index).exclude(pk=person.pk).first()
    if clash is not None:
        # Which village holds the number is said only to someone who may see that village.
        if actor is not None and scope_for(actor).covers(clash.org_code):
            message = _("该身份证号已登记（%(masked)s，所属村代码%(org)s）。") % {"masked": masked, "org": clash.org_code}
        else:
            message = _("该身份证号无法在本村登记，请联系乡镇核实。")   # security35 #4: not "registered elsewhere"
        raise ApplicationError(message, code="duplicate_id_number", field="id_number")
    person.id_number_cipher, person.id_number_index, person.id_number_masked = cipher, index, masked
    person.gender, person.birth_date, person.birthplace_code = info.gender, info.birth_date, info.birthplace_code


def _apply_phone(person: Person, phone: str) -> None:
    if not phone:
        person.phone_cipher, person.phone_index, person.phone_masked = "", None, ""
        return
    try:
        phone = V.parse_phone(phone)
    except V.CellError as exc:
        raise ApplicationError(exc.reason, field="phone") from None
    person.phone_cipher, person.phone_index, person.phone_masked = sensitive.seal_phone(phone)


def person_id_number(person: Person) -> str:
    return sensitive.open_id(person.id_number_cipher) if person.id_number_cipher else ""


def person_phone(person: Person) -> str:
    return sensitive.open_phone(person.phone_cipher) if person.phone_cipher else ""


# A search by a whole ID or phone number finds the person who holds it: a look-up of that number, which an account that
# may not reveal (a grid worker) could run for every value the mask hides — 150****7645 is 10,000 searches, ~17 minutes
# on one server — with nothing audited (security28 #2). Each is now audited and an account makes at most this many an
# hour (a cadre looking a caller up by phone makes a few a day).
NUMBER_SEARCHES_PER_HOUR = 60


class TooManyNumberSearches(ApplicationError):
    status_code = 429


def number_search_take(*, actor: Actor, q: str | None) -> str | None:
    """Before a person search: the field `q` is a whole number of (None: not one, nothing taken), counted against the
    account's hourly allowance — past it, refused (429) before the search runs; with the cache that counts it
    unreachable, refused too (503, Retry-After: limits fail closed, fix-cr29 #1) — a search by name still works."""
    from jianfu.core import ratelimits

    field = sensitive.searched_number(q)
    if field is None:
        return None
    hour, _into = ratelimits.window_of(3600)
    key = f"jianfu:registry:number-search:{getattr(actor, 'pk', None)}:{hour}"
    try:
        allowed = ratelimits.take(key, NUMBER_SEARCHES_PER_HOUR, 3600)   # one rule, fails closed (ops29 #1)
    except ratelimits.LimitUnavailable:
        raise UnavailableError(_("暂时无法按完整号码查找，请几分钟后再试，或先按姓名查找。"),
                               retry_after=ratelimits.RETRY_AFTER) from None
    if not allowed:
        raise TooManyNumberSearches(_("按完整的身份证号或手机号查找过于频繁（每小时最多%(n)d次），请稍后再试，或按姓名查找。")
                                    % {"n": NUMBER_SEARCHES_PER_HOUR}, code="throttled", field="q")
    return field


def number_search_record(*, actor: Actor, field: str | None, found: list[int]) -> None:
    """After a search by a whole number (`field` from `number_search_take`): audited as `pii.search` — which field and
    the persons it found, never the number."""
    if field is None:
        return
    scope = scope_for(actor)
    with transaction.atomic():
        audit_record(actor=actor, action="pii.search", object_type=Person._meta.label_lower,
                     object_id=",".join(str(pk) for pk in found)[:64], org_code=scope.unit_code or "",
                     changes={"field": field, "found": found})


# The earliest birth date a person form accepts: nobody alive was born before it (badinput15 #10).
EARLIEST_BIRTH = dt.date(1900, 1, 1)


def _validate_person(person: Person) -> None:
    if not person.name or not person.name.strip():
        raise ApplicationError(_("姓名不能为空。"), field="name")
    if person.birth_date is not None:
        if person.birth_date > V.local_today():
            raise ApplicationError(_("出生日期不能晚于今天。"), code="invalid_date", field="birth_date")
        if person.birth_date < EARLIEST_BIRTH:
            raise ApplicationError(_("出生日期不能早于1900-01-01。"), code="invalid_date", field="birth_date")
    if person.disability_grade is not None and not person.disability_category:
        raise ApplicationError(_("填写了残疾等级，但没有残疾类别。"), field="disability_grade")
    if person.disability_grade is not None and not 1 <= person.disability_grade <= 4:
        raise ApplicationError(_("残疾等级应为1至4级。"), field="disability_grade")


def person_create_from_form(*, form_token: object, actor: Actor, org_code: str, data: dict[str, Any]
                            ) -> tuple[Person, bool]:
    """The web form's person_create: (person, True) when registered now, (the person that form registered, False)
    when the same form — its one-time token — was posted before: a double click or a replay registers one person,
    also without an ID number to recognise the repeat by (badinput15 #3; formtokens, as the dispatch form)."""
    form_key = formtokens.required_key(form_token)
    # the same token with other content (back, another person typed in, 提交 again) is not a repeat: refused as an
    # expired form, nothing registered, never answered with the first person (ADR 0036; cr18 #3)
    content_key = formtokens.content_key(form_token, {"org_code": org_code, "data": data})
    in_scope = _in_scope_of(actor)
    return formtokens.once(Person.objects, form_key, lambda: person_create(
        actor=actor, org_code=org_code, data=data, form_key=form_key or None, form_content_key=content_key or None),
        own=lambda person: in_scope(person) and formtokens.same_content(person, content_key))


def _in_scope_of(actor: Actor) -> Callable[[Person | Household | Organisation], bool]:
    """Whether a record a replayed form token names is in the actor's registry scope: only then is it named
    (another village's token got “该表单已提交过，“璋嘉村张三”已登记”: security17 #2)."""
    def own(record: Person | Household | Organisation) -> bool:
        scope = scope_for(actor)
        return scope.covers(getattr(record, scope_field(scope)))
    return own


def person_create(*, actor: Actor, org_code: str, data: dict[str, Any], source: str = FieldChange.Source.WEB,
                  form_key: str | None = None, form_content_key: str | None = None) -> Person:
    scope = scope_for(actor)
    if not scope.covers(org_code) and not (data.get("grid_code") or "").startswith(org_code):
        raise NotFoundError(_("找不到该单位，或不在您的管辖范围内。"))
    _check_village(org_code)
    person = Person(org_code=org_code, form_key=form_key, form_content_key=form_content_key)
    for field in PERSON_FIELDS:
        if field in data and data[field] is not None:
            setattr(person, field, data[field])
    _check_grid(org_code, person.grid_code)
    _apply_id(person, data.get("id_number", ""), actor=actor)
    _apply_phone(person, data.get("phone", ""))
    person.extra = clean_extra(org_code, data.get("extra") or {})
    _validate_person(person)
    require_write(actor, person)
    with transaction.atomic():
        person.save()
        audit_record(actor=actor, action="registry.person.create", obj=person,
                     changes={"name": person.name, "id_number": person.id_number_masked})
    return person


def person_update(*, actor: Actor, person: Person, data: dict[str, Any], source: str = FieldChange.Source.WEB,
                  batch: ImportBatch | None = None, version: str | None = None) -> dict[str, tuple[object, object]]:
    """Apply `data` (any of PERSON_FIELDS, id_number, phone, extra); returns {field: (old, new)}.

    `version` (an edit form's, `jianfu.core.versioning`): refuse with ConflictError (`versioning.stale_error`) when the
    person was saved since the form was opened, writing nothing."""
    require_write(actor, person)
    changes: dict[str, tuple[object, object]] = {}
    for field in PERSON_FIELDS:
        if field in data:
            old, new = getattr(person, field), data[field]
            if field in ("grid_code",) and new == "":
                new = None
            if old != new:
                changes[field] = (old, new)
                setattr(person, field, new)
    if "grid_code" in changes:
        _check_grid(person.org_code, person.grid_code)
    if "id_number" in data:
        old = person_id_number(person)
        new = (data["id_number"] or "").strip().upper()
        if old != new:
            _apply_id(person, new, actor=actor)
            changes["id_number"] = (old, new)
    if "phone" in data:
        old = person_phone(person)
        try:
            new = V.parse_phone(data["phone"]) if data["phone"] else ""
        except V.CellError as exc:
            raise ApplicationError(exc.reason, code="invalid_phone", field="phone") from None
        if old != new:
            _apply_phone(person, new)
            changes["phone"] = (old, new)
    if "extra" in data:
        new_extra = {**person.extra, **clean_extra(person.org_code, data["extra"] or {}, partial=True)}
        for key in set(person.extra) | set(new_extra):
            if person.extra.get(key) != new_extra.get(key):
                changes[f"extra.{key}"] = (person.extra.get(key), new_extra.get(key))
        person.extra = new_extra
    _validate_person(person)
    if not changes:
        return changes
    require_write(actor, person)  # a grid move must stay inside the actor's scope
    try:
        _person_write(actor=actor, person=person, changes=changes, source=source, batch=batch, version=version)
    except _Stale:
        raise _stale(Person.objects.get(pk=person.pk), "person", version or "", actor=actor,
                     carried=_person_carried(person, data)) from None
    return changes


def _person_carried(person: Person, data: Mapping[str, Any]) -> dict[str, str]:
    """What a refused edit of `person` holds for the fields it posted (`data`), as FieldChange stores it — never a
    masked field (`sensitive.PII_FIELDS`: the ID and phone numbers): FieldChange keeps those masked, so another
    number with the same mask (139****2222), saved by the same account in another tab, would be taken for this form's
    own save and left unnamed (cr19b #2). Such a change is always named, the form's own phone save included."""
    carried = {field: _stored(field, getattr(person, field)) for field in PERSON_FIELDS
               if field in data and field not in sensitive.PII_FIELDS}
    if "extra" in data:
        carried.update({f"extra.{key}": _stored(f"extra.{key}", value) for key, value in person.extra.items()})
    return carried


def _person_write(*, actor: Actor, person: Person, changes: dict[str, tuple[object, object]], source: str,
                  batch: ImportBatch | None, version: str | None) -> None:
    with transaction.atomic():
        if version is not None and not claim_version(person, version):
            raise _Stale
        person.save()
        record_changes(actor=actor, obj=person, model="person", changes=changes, source=source, batch=batch)
        audit_record(actor=actor, action="registry.person.update", obj=person,
                     changes={k: [sensitive.PII_FIELDS[k](_display(k, a)), sensitive.PII_FIELDS[k](_display(k, b))]
                              if k in sensitive.PII_FIELDS else [_display(k, a), _display(k, b)]
                              for k, (a, b) in changes.items()})


def person_reveal(*, actor: Actor, person: Person, field: str) -> str:
    """The clear ID or phone number, audited (jianfu.core.pii)."""
    from jianfu.core.pii import pii_reveal

    scope = scope_for(actor)
    target = person.grid_code if scope_field(scope) == "grid_code" else person.org_code
    if not scope.covers(target):
        raise NotFoundError(_("找不到该记录，或不在您的管辖范围内。"))
    value = person_id_number(person) if field == "id_number" else person_phone(person)
    return pii_reveal(actor=actor, obj=person, field=field, value=value,
                      may_reveal=scope.can(Capability.PII_REVEAL))


# ---------------------------------------------------------------- households

def household_create_from_form(*, form_token: object, actor: Actor, org_code: str, **fields: Any
                               ) -> tuple[Household, bool]:
    """The web form's household_create: (household, True), or (the household that form created, False) when the
    same form — its one-time token — was posted before (as person_create_from_form)."""
    form_key = formtokens.required_key(form_token)
    # the same token with another household is an expired form, nothing created (ADR 0036; cr18 #3)
    content_key = formtokens.content_key(form_token, {"org_code": org_code, "data": fields})
    in_scope = _in_scope_of(actor)
    return _once_or_twin(Household.objects, form_key, lambda: household_create(
        actor=actor, org_code=org_code, form_key=form_key or None, form_content_key=content_key or None, **fields),
        own=lambda household: in_scope(household) and formtokens.same_content(household, content_key))


def _once_or_twin(found: Any, form_key: str, create: Callable[[], T], *, own: Callable[[Any], bool]
                  ) -> tuple[T, bool]:
    """formtokens.once, and a refusal of a form whose twin post stored its row meanwhile (“户编号…已存在”, the
    credit code's “已登记”) answers with that row too — the actor's own only (`own`), as formtokens.once."""
    try:
        return formtokens.once(found, form_key, create, own=own)
    except ApplicationError as exc:
        if exc.code == "form_expired":
            raise
        twin = formtokens.earlier(found, form_key, own=own)
        if twin is None:
            raise
        return twin, False


def household_create(*, actor: Actor, org_code: str, number: str, address: str = "", grid_code: str | None = None,
                     form_key: str | None = None, form_content_key: str | None = None) -> Household:
    require_write(actor, grid_code or org_code)  # a grid worker creates households in its grid
    _check_village(org_code)
    _check_grid(org_code, grid_code)
    number = (number or "").strip()
    if not number:
        raise ApplicationError(_("户编号不能为空。"), field="number")
    if Household.objects.filter(org_code=org_code, number=number).exists():
        raise ApplicationError(_("户编号%(n)s在本村已存在。") % {"n": number}, field="number")
    household = Household(org_code=org_code, number=number, address=address, grid_code=grid_code or None,
                          form_key=form_key, form_content_key=form_content_key)
    require_write(actor, household)
    with transaction.atomic():
        household.save()
        audit_record(actor=actor, action="registry.household.create", obj=household)
    return household


def household_add_member(*, actor: Actor, household: Household, person: Person, relation: str) -> None:
    require_write(actor, household)
    require_write(actor, person)
    if person.org_code != household.org_code:
        # person_id: the household form's box that named the person, so the refusal shows beside it (fix-cr32b #6)
        raise ApplicationError(_("只能把本村的人员加入本村的户。"), field="person_id")
    from jianfu.registry.models import RelationToHead

    if relation not in RelationToHead.values:
        raise ApplicationError(_("与户主关系无效。"), field="relation")
    with transaction.atomic():
        changes = {}
        if person.household_id != household.pk:
            changes["household"] = (person.household.number if person.household is not None else "", household.number)
        if person.relation_to_head != relation:
            changes["relation_to_head"] = (person.relation_to_head, relation)
        person.household, person.relation_to_head = household, relation
        person.save(update_fields=["household", "relation_to_head", "updated_at"])
        if relation == "head" and household.head_id != person.pk:
            old_head = household.head
            if old_head is not None and old_head.pk != person.pk:
                Person.objects.filter(pk=old_head.pk).update(relation_to_head="other", updated_at=timezone.now())
                record_changes(actor=actor, obj=old_head, model="person", source=FieldChange.Source.WEB,
                               changes={"relation_to_head": (old_head.relation_to_head, "other")})
            record_changes(actor=actor, obj=household, model="household", source=FieldChange.Source.WEB,
                           changes={"head": (old_head.name if old_head else "", person.name)})
            household.head = person
            household.save(update_fields=["head", "updated_at"])
        if changes:
            record_changes(actor=actor, obj=person, model="person", changes=changes, source=FieldChange.Source.WEB)
        audit_record(actor=actor, action="registry.household.member", obj=household,
                     changes={"person": person.pk, "relation": relation})


# ---------------------------------------------------------------- organisations

def organisation_create_from_form(*, form_token: object, actor: Actor, org_code: str, data: dict[str, Any]
                                  ) -> tuple[Organisation, bool]:
    """The web form's create: (organisation, True), or (the one that form created, False) when the same form — its
    one-time token — was posted before (as person_create_from_form)."""
    form_key = formtokens.required_key(form_token)
    # the same token with another organisation is an expired form, nothing registered (ADR 0036; cr18 #3)
    content_key = formtokens.content_key(form_token, {"org_code": org_code, "data": data})
    in_scope = _in_scope_of(actor)
    return _once_or_twin(Organisation.objects, form_key, lambda: organisation_save(
        actor=actor, org_code=org_code, data=data, form_key=form_key or None, form_content_key=content_key or None),
        own=lambda org: in_scope(org) and formtokens.same_content(org, content_key))


def organisation_save(*, actor: Actor, org_code: str, data: dict[str, Any], organisation: Organisation | None = None,
                      version: str | None = None, form_key: str | None = None,
                      form_content_key: str | None = None) -> Organisation:
    """Create (no `organisation`) or edit; `version` as in person_update (an edit form's, refused when stale);
    `form_key` (a create's) as in person_create."""
    require_write(actor, organisation or data.get("grid_code") or org_code)
    org = organisation or Organisation(org_code=org_code, form_key=form_key, form_content_key=form_content_key)
    if organisation is None:
        _check_village(org_code)
    changes = {}
    data = dict(data)
    if data.get("credit_code"):
        try:
            data["credit_code"] = V.parse_credit_code(data["credit_code"])
        except V.CellError as exc:
            raise ApplicationError(exc.reason, field="credit_code") from None
        clash = Organisation.objects.filter(credit_code=data["credit_code"]).exclude(pk=org.pk).first()
        if clash is not None:
            raise ApplicationError(_("统一社会信用代码已登记（%(name)s）。") % {"name": clash.name},
                                   field="credit_code")
    elif "credit_code" in data:
        data["credit_code"] = None
    for field in ORG_FIELDS:
        if field in data:
            new = data[field] if data[field] != "" or field != "grid_code" else None
            if getattr(org, field) != new:
                changes[field] = (getattr(org, field), new)
                setattr(org, field, new)
    if not org.name:
        raise ApplicationError(_("名称不能为空。"), field="name")
    _check_grid(org.org_code, org.grid_code)
    require_write(actor, org)
    try:
        with transaction.atomic():
            if organisation is not None and version is not None and changes and not claim_version(org, version):
                raise _Stale
            _organisation_write(actor=actor, org=org, organisation=organisation, changes=changes)
    except _Stale:
        raise _stale(Organisation.objects.get(pk=org.pk), "organisation", version or "", actor=actor,
                     carried={field: _stored(field, getattr(org, field)) for field in ORG_FIELDS if field in data}
                     ) from None
    return org


def _organisation_write(*, actor: Actor, org: Organisation, organisation: Organisation | None,
                        changes: dict[str, tuple[object, object]]) -> None:
    with transaction.atomic():
        org.save()
        if organisation is not None and changes:
            record_changes(actor=actor, obj=org, model="organisation", changes=changes, source=FieldChange.Source.WEB)
        audit_record(actor=actor, action="registry.organisation.update" if organisation else
                     "registry.organisation.create", obj=org,
                     changes={k: [_display(k, a), _display(k, b)] for k, (a, b) in changes.items()})


# ---------------------------------------------------------------- conflicts and duplicate reviews

def conflict_resolve(*, actor: Actor, conflict: MergeConflict, take_incoming: bool) -> None:
    require_write(actor, conflict.person)
    if conflict.status != MergeConflict.Status.PENDING:
        raise ApplicationError(_("该冲突已处理。"), code="already_decided")
    with transaction.atomic():
        updated = MergeConflict.objects.filter(pk=conflict.pk, status=MergeConflict.Status.PENDING).update(
            status=MergeConflict.Status.REPLACED if take_incoming else MergeConflict.Status.KEPT,
            decided_by=actor, decided_at=timezone.now())
        if not updated:
            raise ApplicationError(_("该冲突已处理。"), code="already_decided")
        if take_incoming:
            value = conflict_incoming(conflict)
            person_update(actor=actor, person=conflict.person, data={conflict.field: value},
                          source=FieldChange.Source.REVIEW, batch=conflict.batch)
        audit_record(actor=actor, action="registry.conflict.resolve", obj=conflict.person,
                     changes={"field": conflict.field, "take_incoming": take_incoming})


def conflict_incoming(conflict: MergeConflict) -> object:
    """The typed incoming value of a conflict (PII decrypted for applying, never for display)."""
    raw = conflict.incoming_value
    if conflict.field == "id_number":
        return sensitive.open_id(raw)
    if conflict.field == "phone":
        return sensitive.open_phone(raw)
    if conflict.field in BOOL_FIELDS:
        return raw == "1"
    if conflict.field == "birth_date":
        return dt.date.fromisoformat(raw) if raw else None
    if conflict.field == "disability_grade":
        return int(raw) if raw else None
    return raw


def conflict_display(conflict: MergeConflict) -> tuple[str, str]:
    """(current, incoming) as a person reads them: masked identifiers, 是/否, choice labels."""
    if conflict.field in sensitive.PII_FIELDS:
        mask = sensitive.PII_FIELDS[conflict.field]
        return conflict.current_value, mask(str(conflict_incoming(conflict)))
    if conflict.field in BOOL_FIELDS:
        return conflict.current_value, _("是") if conflict.incoming_value == "1" else _("否")
    choices = dict(_person_field(conflict.field).choices or []) if _person_field(conflict.field) else {}
    return (str(choices.get(conflict.current_value, conflict.current_value)),
            str(choices.get(conflict.incoming_value, conflict.incoming_value)))


def conflict_field_label(conflict: MergeConflict) -> str:
    field = _person_field(conflict.field)
    return str(field.verbose_name) if field is not None else conflict.field


def _person_field(name: str) -> Any:
    try:
        return Person._meta.get_field(name)
    except Exception:  # an extra (county-defined) attribute or an identifier
        return None


# ---------------------------------------------------------------- key rotation

ROTATED_COLUMNS = (
    (Person, "id_number_cipher", sensitive.ID_PURPOSE),
    (Person, "phone_cipher", sensitive.PHONE_PURPOSE),
    (ImportRow, "id_number_cipher", sensitive.ID_PURPOSE),
    (ImportRow, "phone_cipher", sensitive.PHONE_PURPOSE),
    (ImportRow, "raw_cipher", sensitive.RAW_PURPOSE),
    (DuplicateReview, "phone_cipher", sensitive.PHONE_PURPOSE),
)


def registry_rotate_keys(*, actor: Actor = None, batch_size: int = 2000,
                         progress: Callable[[str, int], None] | None = None) -> dict[str, int]:
    """Re-encrypt every registry ciphertext not made with the current field key. Each batch commits on
    its own (a token is valid under either key, so an interrupted run is safely resumed by running
    again). Conflicts holding PII (incoming ID/phone) are re-encrypted too. Returns counts per column."""
    current = crypto.key_ring().current_id
    counts: dict[str, int] = {}
    columns = [*ROTATED_COLUMNS]
    for model, column, purpose in columns:
        label = f"{model._meta.db_table}.{column}"
        stale = model._default_manager.exclude(**{column: ""}).exclude(**{f"{column}__startswith": f"{current}:"})
        done = 0
        while True:
            chunk = list(stale.order_by("pk").values_list("pk", column)[:batch_size])
            if not chunk:
                break
            with transaction.atomic():
                for pk, token in chunk:
                    model._default_manager.filter(pk=pk).update(**{column: crypto.reencrypt(token, purpose=purpose)})
            done += len(chunk)
            if progress:
                progress(label, done)
        counts[label] = done
    # conflicts: only the PII ones hold ciphertext
    done = 0
    for field, purpose in (("id_number", sensitive.ID_PURPOSE), ("phone", sensitive.PHONE_PURPOSE)):
        stale = MergeConflict.objects.filter(field=field).exclude(incoming_value="").exclude(
            incoming_value__startswith=f"{current}:")
        with transaction.atomic():
            for pk, token in stale.values_list("pk", "incoming_value"):
                MergeConflict.objects.filter(pk=pk).update(incoming_value=crypto.reencrypt(token, purpose=purpose))
                done += 1
    counts["registry_mergeconflict.incoming_value"] = done
    with transaction.atomic():
        audit_record(actor=actor, action="registry.keys.rotate", object_type="registry", object_id="keys",
                     object_repr=current, changes={"current_key": current, "counts": counts})
    return counts


def stale_cipher_count() -> int:
    current = crypto.key_ring().current_id
    total = 0
    for model, column, _purpose in ROTATED_COLUMNS:
        total += model.objects.exclude(**{column: ""}).exclude(**{f"{column}__startswith": f"{current}:"}).count()
    total += MergeConflict.objects.filter(Q(field="id_number") | Q(field="phone")).exclude(
        incoming_value="").exclude(incoming_value__startswith=f"{current}:").count()
    return total
