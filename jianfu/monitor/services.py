"""Writes of the burden monitor. Every function is keyword-only, atomic and audited; a refused or failed
call leaves nothing behind. Who may write which ledger row:

- a department files what it causes: the issuer is always its own department; the target is its county
  or a unit in it;
- a township or village records what it received: the target is its own unit (or one below it), the
  issuer is whoever caused it; it may change only rows it recorded itself;
- the county office (MONITOR_MANAGE) files and corrects anything in its county.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import hashlib
from collections.abc import Callable
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.db.models import Case, F, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.accounts.models import User
from jianfu.accounts.roles import Capability
from jianfu.accounts.scoping import Scope, scope_for
from jianfu.core import formtokens
from jianfu.core.audit import audit_record
from jianfu.core.errors import (
    ApplicationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    one_refusal,
)
from jianfu.core.pii import mask_audit_text
from jianfu.core.queueing import enqueue_quietly
from jianfu.core.uploads import TooLarge, read_within, too_large_message
from jianfu.core.versioning import audit_stale_error, claim_version, version_of
from jianfu.monitor import ledgers
from jianfu.monitor.models import (
    LEDGER_MODELS,
    Finding,
    FindingSource,
    FindingsRefresh,
    FindingStatus,
    LedgerKind,
    LedgerRow,
    LedgerUpload,
    Notice,
    NoticeCase,
    NoticeRead,
    NoticeStatus,
    ProblemCategory,
    RecordedAs,
    RectificationStatus,
    Rule,
    RuleSwitch,
    Severity,
)
from jianfu.monitor.rules import engine
from jianfu.orgs import codes
from jianfu.orgs.models import OrgUnit, UnitKind
from jianfu.orgs.names import abbreviates, without_committee

if TYPE_CHECKING:
    from jianfu.review.models import Review

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024  # the review readers' limit: the same file can be reviewed


def county_of(code: str) -> str:
    """450521200206 → 450521000000; a department code 450521000000D01 → 450521000000."""
    return code[:6] + "000000" if code and len(code) >= 6 else ""


# -------------------------------------------------------------------------------------- units

# During a bulk write (an import of thousands of rows naming the same few units) unit look-ups are
# memoised for that call only; a context variable keeps concurrent requests apart.
@dataclasses.dataclass
class _WriteCache:
    units: dict[str, OrgUnit | None] = dataclasses.field(default_factory=dict)     # code → active unit or None
    named: dict[tuple[str, str], OrgUnit] = dataclasses.field(default_factory=dict)  # (text, county code) → unit
    county_names: dict[str, str] = dataclasses.field(default_factory=dict)         # county code → its name


_UNIT_CACHE: ContextVar[_WriteCache | None] = ContextVar("monitor_unit_cache", default=None)


def _active_unit(code: str) -> OrgUnit | None:
    cache = _UNIT_CACHE.get()
    if cache is not None and code in cache.units:
        return cache.units[code]
    unit: OrgUnit | None = OrgUnit.objects.filter(code=code, is_active=True).first() if code else None
    if cache is not None:
        cache.units[code] = unit
    return unit


def _county_name(county_code: str) -> str:
    """The county's name, looked up once per bulk write (an import's unresolved names all ask for it)."""
    code = county_code[:6] + "000000"
    cache = _UNIT_CACHE.get()
    if cache is not None and code in cache.county_names:
        return cache.county_names[code]
    name: str = OrgUnit.objects.filter(code=code).values_list("name", flat=True).first() or ""
    if cache is not None:
        cache.county_names[code] = name
    return name


def _without_own_county(text: str, county_code: str) -> str:
    """A name said with the writer's own county before it ("县…", "本县…", "合浦县…") without it: a county-level unit is
    registered without it. Another county's name stays (its unit is not the writer's county's)."""
    if not county_code:
        return text
    county = _county_name(county_code)
    for prefix in filter(None, (county, "本县", "县")):
        if text.startswith(prefix) and len(text) > len(prefix):
            return text[len(prefix):]
    return text


def resolve_unit(text: str, *, county_code: str, field: str, label: str, town_code: str = "") -> OrgUnit:
    """An org unit named by its code or its full name (a name is looked up in the county first). `town_code`: the
    township the burden fell in (the target's); a village names that township's stations as it says them — "派出所",
    "司法所", "卫生院" — and means its own township's (newuser15 F8)."""
    text = (text or "").strip()
    if not text:
        raise ApplicationError(_("请填写%(l)s。") % {"l": label}, code="required", field=field)
    cache = _UNIT_CACHE.get()
    cached = cache.named.get((text, county_code + town_code)) if cache is not None else None
    if cached is not None:
        return cached
    unit = _active_unit(text)
    if unit is None:
        by_name = list(OrgUnit.objects.filter(name=text, is_active=True)[:20])
        bare = _without_own_county(text, county_code)
        if not by_name and bare != text:
            # "县农业农村局", "合浦县农业农村局" for the writer's county's 农业农村局 (never another county's: "灵山县…"
            # is not stripped, and the name is looked up in the writer's county only)
            by_name = list(OrgUnit.objects.filter(name=bare, is_active=True, code__startswith=county_code[:6])[:20])
        local = [u for u in by_name if county_code and u.code.startswith(county_code[:6])]
        candidates = local or by_name
        if len(candidates) > 1 and town_code:
            # one name under several townships ("派出所" registered under each): the one of the burden's township
            near = [u for u in candidates if u.parent_code == town_code]
            candidates = near if len(near) == 1 else candidates
        if not candidates and county_code:
            candidates = _villages_as_spoken(bare, county_code, town_code)
        if not candidates and town_code:
            candidates = _town_stations(text, town_code)
        if not candidates and county_code:
            candidates = _departments_abbreviated(bare, county_code)
            if len(candidates) > 1:
                # "农业局" may be 农业农村局 or 农业机械化服务局: ask, never guess
                raise ApplicationError(
                    _("%(l)s“%(t)s”可能是：%(names)s。请填写全称或单位代码。")
                    % {"l": label, "t": text[:40], "names": "、".join(f"{u.name}（{u.code}）" for u in candidates)},
                    code="ambiguous_unit", field=field)
            if len(candidates) == 1:
                # one department answers, but a short form is not a name: "工商局" (the old 工商行政管理局, now
                # 市场监督管理局) reads as 工业和信息化商务局, and an issuer written wrong ranks the wrong department.
                # Proposed, never written silently: the cadre confirms by writing the full name (diffreview13 D10)
                only = candidates[0]
                raise ApplicationError(
                    _("%(l)s“%(t)s”不是单位全称，是指“%(name)s”（%(code)s）吗？是，请改填全称“%(name)s”；"
                      "不是，请填写正确单位的全称或代码。")
                    % {"l": label, "t": text[:40], "name": only.name, "code": only.code},
                    code="confirm_unit", field=field)
        if len(candidates) == 1:
            unit = candidates[0]
        elif len(candidates) > 1:
            raise ApplicationError(_("%(l)s“%(t)s”有重名，请改填单位代码。") % {"l": label, "t": text[:40]},
                                   code="ambiguous_unit", field=field)
    if unit is None:
        message = _("未知的%(l)s“%(t)s”：请填写系统中已有单位的代码或全称。") % {"l": label, "t": text[:40]}
        close = _closest_units(text, county_code, town_code)
        if close:
            message += _("相近的单位：%(names)s。") % {"names": "、".join(close)}
        raise ApplicationError(message, code="unknown_unit", field=field)
    if cache is not None:
        cache.named[(text, county_code + town_code)] = unit
    return unit


def _villages_as_spoken(text: str, county_code: str, town_code: str) -> list[OrgUnit]:
    """A village or community of the county named as people write it, without its committee: "曲木村" for 曲木村委会,
    "廉东社区" for 廉东社区居委会 (tryout28 #9: a department's meeting ledger naming 曲木村 was refused, where the
    employment import reads the same words). Several of one name: the burden's township's, else all (the caller asks
    for the code)."""
    if len(text) < 3 or not text.endswith(("村", "社区", "嘎查")):
        return []
    found = [u for u in OrgUnit.objects.filter(code__startswith=county_code[:6], is_active=True, kind=UnitKind.VILLAGE,
                                               name__startswith=text)[:50]
             if without_committee(u.name) == text]
    if len(found) > 1 and town_code:
        near = [u for u in found if u.parent_code == town_code]
        found = near if len(near) == 1 else found
    return found


_TOWN_SUFFIXES = ("街道办事处", "街道", "镇", "乡")


def _town_forms(name: str) -> list[str]:
    """曲樟乡 → [曲樟乡, 曲樟]: how a township's name begins the name of one of its stations (曲樟派出所, 曲樟乡司法所)."""
    forms = [name]
    for suffix in _TOWN_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            forms.append(name[: -len(suffix)])
            break
    return forms


def _without_town(text: str, forms: list[str]) -> str:
    for form in forms:
        if text.startswith(form) and len(text) > len(form):
            return text[len(form):]
    return text


def _town_stations(text: str, town_code: str) -> list[OrgUnit]:
    """The township's stations (乡镇站所: departments hung under the town in the org tree, `orgs.services.
    department_create`) that `text` names with or without the township's name: "派出所", "曲樟派出所" and "曲樟乡派出所"
    all name 曲樟乡's 曲樟派出所. Several answering is left to the caller (ambiguous)."""
    town = _active_unit(town_code)
    if town is None or town.kind != UnitKind.TOWN:
        return []
    forms = _town_forms(town.name)
    bare = _without_town(text, forms)
    stations = OrgUnit.objects.filter(parent_code=town_code, kind=UnitKind.DEPARTMENT, is_active=True).order_by("code")
    return [u for u in stations[:200] if _without_town(u.name, forms) == bare]


# A township station is run by a county department; when the township's station is not in the org tree yet, the
# refusal proposes the department (a 派出所 is 公安局's, a 司法所 司法局's …), by its registered name.
STATION_DEPARTMENTS = {
    "派出所": "公安局", "司法所": "司法局", "财政所": "财政局", "卫生院": "卫生健康局", "自然资源所": "自然资源局",
    "国土所": "自然资源局", "市场监管所": "市场监督管理局", "林业站": "林业局", "水利站": "水利局", "税务所": "税务局",
}


def _closest_units(text: str, county_code: str, town_code: str, limit: int = 5) -> list[str]:
    """Up to `limit` names of the county's units (the county, its townships and departments, stations included) that
    look like `text` — containing it, or close by difflib — the burden's township's first; for the refusal."""
    if not county_code:
        return []
    units = list(OrgUnit.objects.filter(code__startswith=county_code[:6], is_active=True,
                                        kind__in=(UnitKind.COUNTY, UnitKind.TOWN, UnitKind.DEPARTMENT))
                 .order_by("code").values_list("code", "name")[:3000])
    bare = _without_own_county(text, county_code)
    containing = [(code, name) for code, name in units if bare in name]
    runs = next((dept for station, dept in STATION_DEPARTMENTS.items() if bare.endswith(station)), "")
    containing += [(code, name) for code, name in units
                   if runs and "D" in code and _without_own_county(name, county_code) == runs]
    names = [name for _code, name in units]
    close = set(difflib.get_close_matches(bare, names, n=limit, cutoff=0.6))
    chosen = containing + [(code, name) for code, name in units if name in close and (code, name) not in containing]
    chosen.sort(key=lambda row: (not (town_code and row[0].startswith(town_code + "D")), row[0]))
    return list(dict.fromkeys(name for _code, name in chosen))[:limit]


def _departments_abbreviated(short: str, county_code: str) -> list[OrgUnit]:
    """The county's active departments that `short` abbreviates ("生态局" → 生态环境局; `orgs.names.abbreviates`),
    by their registered names — the org registry's, never a list of this code's own. A department of another county
    is never one of them."""
    if len(short) < 3:
        return []
    departments = OrgUnit.objects.filter(kind=UnitKind.DEPARTMENT, is_active=True, code__startswith=county_code[:6])
    return [u for u in departments.order_by("code")[:2000]
            if abbreviates(short, _without_own_county(u.name, county_code))]


def unit_level(unit: OrgUnit) -> str:
    if unit.kind == UnitKind.DEPARTMENT:
        parent = _active_unit(unit.parent_code)
        return parent.kind if parent else "county"
    return "village" if unit.kind == UnitKind.GRID else unit.kind


# ------------------------------------------------------------------------------------ ledgers

def _placement(scope: Scope, *, actor: User, kind: str, values: dict[str, Any]) -> dict[str, Any]:
    """Decide issuer, target unit and `recorded_as` for a new row from who is writing. The target and the issuer are
    each looked up even when the other is wrong: one import names every unknown unit of a row at once (newuser26 #1:
    "不存在的局" was reported only after "火星" had been fixed), as `ledgers.clean_fields` names every bad cell."""
    issuer: OrgUnit | None = None
    failed: dict[str, ApplicationError] = {}
    if scope.is_department:
        issuer = _active_unit(scope.department_code)
        if issuer is None:
            raise PermissionDeniedError(_("本部门在组织架构中已停用，不能填报。"), code="inactive_unit")
        if values.get("issuer") and values["issuer"] not in (issuer.code, issuer.name):
            raise PermissionDeniedError(_("部门只能填报本部门造成的事项，不能代其他单位填报。"),
                                        code="other_issuer")
        target_code = values.get("target") or (issuer.parent_code if kind != LedgerKind.PLAQUE else "")
        recorded_as = RecordedAs.ISSUER
    else:
        manager = scope.can(Capability.MONITOR_MANAGE)
        target_code = values.get("target") or ("" if scope.is_all else scope.unit_code)
        recorded_as = RecordedAs.ISSUER if manager else RecordedAs.BEARER
    target: OrgUnit | None = None
    try:
        target = _target(scope, kind=kind, target_code=target_code)
    except PermissionDeniedError:
        raise
    except ApplicationError as exc:
        failed["target"] = exc
    # without a target, the issuer is looked up in the writer's county (a station name then cannot be the township's)
    county = county_of(target.code) if target is not None else county_of(scope.unit_code or "")
    if issuer is None:
        try:
            issuer = resolve_unit(values.get("issuer") or "", county_code=county, field="issuer",
                                  label=_("提出要求的单位"), town_code=town_of(target) if target is not None else "")
        except PermissionDeniedError:
            raise
        except ApplicationError as exc:
            failed["issuer"] = exc
    if failed:
        raise _every_error(failed)
    return {"issuer": issuer, "target": target, "recorded_as": recorded_as, "county": county}


def _target(scope: Scope, *, kind: str, target_code: str) -> OrgUnit:
    if target_code and not target_code.isdigit():
        # a name ("曲樟乡", "曲木村委会"), looked up in the writer's county
        target_code = resolve_unit(target_code, county_code=county_of(scope.unit_code or ""),
                                   field="target", label=_("被要求的单位")).code
    target = _active_unit(target_code) if target_code else None
    if target is not None and target.kind == UnitKind.GRID:
        target = _active_unit(target.parent_code)  # a grid's burden is its village's
    if target is None or target.kind == UnitKind.DEPARTMENT:
        raise ApplicationError(_("请填写有效的被要求的单位（县、乡镇或村的代码）。"), code="invalid_target", field="target")
    if not scope.covers(target.code):
        raise ApplicationError(_("被要求的单位“%(n)s”不在您的管辖范围内。") % {"n": target.name},
                               code="target_out_of_scope", field="target")
    if kind == LedgerKind.PLAQUE and target.kind != UnitKind.VILLAGE:
        raise ApplicationError(_("牌子台账按村（社区）登记：被要求的单位应为村或社区。"), code="invalid_target", field="target")
    return target


def _every_error(failed: dict[str, ApplicationError], order: list[str] | None = None) -> ApplicationError:
    """One error naming each field's own (the shape `ledgers.clean_fields` raises: `details["fields"]` field → message,
    `details["cells"]` an import's quoted line), in the columns' `order`: a single failure keeps its own code.
    The first reason of a field stays (`one_refusal`): a cell refused for itself (a 101-character 提出要求的单位) is
    left out of the partial values, so the unit lookup then misses it too ("请填写提出要求的单位") — not its fault
    (sec26 #2)."""
    error = one_refusal(failed, order=order or (), code="invalid", wrap_one=True)
    assert error is not None   # `failed` is never empty here
    error.details["cells"] = {cell: line for exc in failed.values()
                              for cell, line in (exc.details.get("cells") or {}).items()}
    return error


def town_of(unit: OrgUnit) -> str:
    """The township a town or village belongs to (its division code's first nine digits), else ""."""
    return unit.code[:9] + "000" if unit.kind in (UnitKind.TOWN, UnitKind.VILLAGE) else ""


def _specific(kind: str, values: dict[str, Any], *, county: str) -> dict[str, Any]:
    """Model fields of the ledger-specific values (codes resolved, cross-field checks). `values` may lack a field
    whose cell was wrong (`_build` still looks the units up): its checks are then left to that cell's error."""
    names = {spec.name for spec in ledgers.SPECIFIC[kind]}
    out = {k: v for k, v in values.items() if k in names}
    if kind == LedgerKind.MEETING and "duration_minutes" in out \
            and out.get("speech_minutes", 0) > out["duration_minutes"]:
        raise ApplicationError(_("“主要讲话时长”不能超过“会议时长”。"), code="invalid", field="speech_minutes")
    if kind == LedgerKind.SECONDMENT and "from_unit" in out:
        source = resolve_unit(out.pop("from_unit"), county_code=county, field="from_unit", label=_("借出单位"))
        out["from_unit_code"], out["from_unit_level"] = source.code, unit_level(source)
    if kind == LedgerKind.DOCUMENT:
        out.pop("review", None)
    return out


def _link_review(actor: User, review_id: int | None) -> Review | None:
    if not review_id:
        return None
    from jianfu.review import selectors as review_selectors

    try:
        return review_selectors.review_get(user=actor, pk=review_id)
    except (NotFoundError, PermissionDeniedError) as exc:
        raise ApplicationError(_("找不到编号为 %(n)d 的一致性评估记录，或您无权引用它。") % {"n": review_id},
                               code="unknown_review", field="review") from exc


def _document_length(data: bytes, filename: str) -> int:
    from jianfu.review.engine import ReviewInputError, readers
    from jianfu.review.engine.structure import body_length

    if len(data) > MAX_ATTACHMENT_BYTES:
        raise _too_large(len(data), MAX_ATTACHMENT_BYTES)
    try:
        source = readers.read_bytes(data, filename)
    except ReviewInputError as exc:
        raise ApplicationError(exc.message, code=exc.code, field="file") from exc
    return body_length(source.paragraphs)


def _too_large(size: int | TooLarge, limit: int, subject: str | None = None) -> ApplicationError:
    return ApplicationError(too_large_message(subject or _("附件"), limit=limit, size=size), code="too_large",
                            field="file")


def attachment_size_check(size: int | None) -> None:
    if size is not None and size > MAX_ATTACHMENT_BYTES:
        raise _too_large(size, MAX_ATTACHMENT_BYTES)


def read_upload(upload: Any, *, limit: int = MAX_ATTACHMENT_BYTES, subject: str | None = None) -> bytes:
    """An uploaded file's bytes, refused over `limit` by the core rule: unread by its declared size, else after no
    more than one byte past the limit (the whole file was read before its length was checked); the refusal names
    `subject` (an attachment unless told) and its size only when it declared one."""
    try:
        return read_within(upload, limit=limit)
    except TooLarge as exc:
        raise _too_large(exc, limit, subject) from None


def _build(*, actor: User, scope: Scope, kind: str, raw: dict[str, Any]) -> Any:
    """A new ledger row, unsaved. Every fault of the row is raised at once — its cells, its units (target, issuer, a
    secondment's lending unit) and the cross-field checks — so an import lists the whole row in one upload
    (newuser26 #1: the units were looked up only once every cell was right, and stopped at the first unknown one)."""
    failed: dict[str, ApplicationError] = {}
    try:
        values = ledgers.clean_fields(kind, raw)
    except ApplicationError as exc:
        if "fields" not in exc.details:
            raise
        failed["cells"] = exc
        # the cells that are right, to look their units up all the same
        values = ledgers.clean_fields(kind, {k: v for k, v in raw.items() if k not in exc.details["fields"]},
                                      partial=True)
    placed: dict[str, Any] | None = None
    try:
        placed = _placement(scope, actor=actor, kind=kind, values=values)
    except PermissionDeniedError:
        raise
    except ApplicationError as exc:
        failed["units"] = exc
    county = placed["county"] if placed is not None else county_of(scope.unit_code or "")
    specific: dict[str, Any] = {}
    try:
        specific = _specific(kind, values, county=county)
    except ApplicationError as exc:
        failed["specific"] = exc
    if failed:
        raise _every_error(failed, order=[spec.name for spec in ledgers.fields_of(kind)])
    assert placed is not None
    if kind == LedgerKind.MEETING and specific.get("level") is None:
        specific["level"] = unit_level(placed["issuer"])     # left empty: the issuer's level (mend33 #2)
    model = LEDGER_MODELS[kind]
    row: Any = model(org_code=placed["target"].code, county_code=placed["county"],
                     issuer_code=placed["issuer"].code, issuer_name=placed["issuer"].name, date=values["date"],
                     title=values["title"], note=values["note"], recorded_as=placed["recorded_as"], recorded_by=actor,
                     **specific)
    if kind == LedgerKind.DOCUMENT:
        row.review = _link_review(actor, values.get("review"))
    return row


def ledger_create_from_form(*, form_token: object, actor: User, kind: str, data: dict[str, Any],
                            file_data: bytes | None = None, filename: str = "") -> tuple[Any, bool]:
    """The web form's ledger_create: (row, True) when recorded now, (the row that form recorded, False) when the same
    form — its one-time token — was posted before: a double click or a replay records one meeting, not four, so the
    burden index counts it once (badinput15 #2; formtokens, as the dispatch form)."""
    model = LEDGER_MODELS.get(kind)
    if model is None:
        raise NotFoundError(_("找不到该台账。"))
    form_key = formtokens.required_key(form_token)
    # the same token with other content (back, a changed title, 提交 again) is not a repeat: refused as an expired
    # form, nothing recorded, never answered with the first row (ADR 0036; cr18 #3)
    content_key = formtokens.content_key(form_token, {
        "kind": kind, "data": data, "filename": filename or "",
        "file": formtokens.upload_digest(file_data, limit=MAX_ATTACHMENT_BYTES) if file_data is not None else None})
    # the row answered to a replay is the poster's own: another account's token is an expired form (security17 #2)
    return formtokens.once(model._default_manager, form_key, lambda: ledger_create(
        actor=actor, kind=kind, data=data, file_data=file_data, filename=filename, form_key=form_key or None,
        form_content_key=content_key or None),
        own=lambda row: row.recorded_by_id == actor.pk and formtokens.same_content(row, content_key))


def document_length(data: bytes, filename: str) -> int:
    """A document's length in 字 (its file read as the review reads it: a PDF of 20 MB takes seconds), refused with
    the reader's reason: what the API computes before its create transaction (security19 #4)."""
    return _document_length(data, filename)


def ledger_create(*, actor: User, kind: str, data: dict[str, Any], file_data: bytes | None = None,
                  filename: str = "", form_key: str | None = None, form_content_key: str | None = None,
                  length: int | None = None) -> Any:
    """One ledger row. For a document, an uploaded file (.docx/.pdf/.txt) gives its length in 字 (`length`:
    `document_length` of the same file, computed by the caller outside its transaction, else here)."""
    scope = scope_for(actor)
    scope.require(Capability.MONITOR_RECORD)
    row = _build(actor=actor, scope=scope, kind=kind, raw=data)
    row.form_key = form_key
    row.form_content_key = form_content_key
    if kind == LedgerKind.DOCUMENT and file_data is not None:
        row.length = length if length is not None else _document_length(file_data, filename)
        row.filename = filename[:255]
    with transaction.atomic():
        if kind == LedgerKind.DOCUMENT and file_data is not None:
            row.file.save(filename or "document", ContentFile(file_data), save=False)
        row.save()
        audit_record(actor=actor, action=f"monitor.{kind}.create", obj=row,
                     changes={"issuer": row.issuer_code, "title": mask_audit_text(row.title), "date": row.date})
        _schedule_refresh(row.county_code, row.date.year)
    return row


def _writable(*, actor: User, scope: Scope, kind: str, pk: int, lock: bool = True) -> Any:
    scope.require(Capability.MONITOR_RECORD)
    model = LEDGER_MODELS.get(kind)
    if model is None:
        raise NotFoundError(_("找不到该台账。"))
    rows = model._default_manager.select_for_update() if lock else model._default_manager.all()
    row = scope.get(rows, field="org_code", department_field="issuer_code", pk=pk)
    if scope.can(Capability.MONITOR_MANAGE):
        return row
    if scope.is_department:
        if row.recorded_as != RecordedAs.ISSUER:
            raise PermissionDeniedError(_("该记录由被要求的单位记录，部门不能修改；如有异议请联系县减负办。"),
                                        code="not_recorder")
        return row
    if row.recorded_as != RecordedAs.BEARER or (row.org_code != scope.unit_code and row.recorded_by_id != actor.pk):
        raise PermissionDeniedError(_("您只能修改本单位记录的事项。"), code="not_recorder")
    return row


def ledger_writable(*, actor: User, kind: str, pk: int) -> Any:
    """The row if `actor` may change or delete it (the same rule as the writes, without a lock), else the refusal
    the write would raise: what a confirmation page checks before it asks."""
    return _writable(actor=actor, scope=scope_for(actor), kind=kind, pk=pk, lock=False)


class _Stale(Exception):
    """The version an edit form was opened with is no longer the row's (raised inside the write's transaction).
    `carried`: what the refused post holds, field by field (`audit_stale_error` leaves out the changes of the form's
    own earlier save: the ones that wrote these values)."""

    def __init__(self, carried: dict[str, Any]) -> None:
        super().__init__()
        self.carried = carried


def _ledger_labels(kind: str) -> dict[str, str]:
    labels = {spec.name: str(spec.label) for spec in ledgers.fields_of(kind)}
    if "from_unit" in labels:
        labels["from_unit_code"] = labels["from_unit"]
    return labels


def _audit_value(value: Any) -> Any:
    """A changed value as the audit log keeps it: a text's ID and phone numbers masked (security35 #3)."""
    if isinstance(value, dict):
        return {k: _audit_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_audit_value(v) for v in value]
    return mask_audit_text(value) if isinstance(value, str) else value


def ledger_update(*, actor: User, kind: str, pk: int, data: dict[str, Any], version: str | None = None) -> Any:
    """Change the fields given in `data` (issuer and target stay: delete and re-file to move a row).

    `version` (an edit form's, `jianfu.core.versioning`): a change to a row saved since the form was opened is
    refused with ConflictError (code "stale", naming what the other save changed), writing nothing; None (the API)
    writes as before (badinput16 #3)."""
    try:
        return _ledger_update(actor=actor, kind=kind, pk=pk, data=data, version=version)
    except _Stale as stale:
        row = LEDGER_MODELS[kind]._default_manager.get(pk=pk)
        raise audit_stale_error(row, version or "", actor=actor, carried=stale.carried,
                                actions=[f"monitor.{kind}.update"], labels=_ledger_labels(kind)) from None


def _ledger_update(*, actor: User, kind: str, pk: int, data: dict[str, Any], version: str | None) -> Any:
    scope = scope_for(actor)
    values = ledgers.clean_fields(kind, data, partial=True)
    values.pop("issuer", None)
    values.pop("target", None)
    with transaction.atomic():
        row = _writable(actor=actor, scope=scope, kind=kind, pk=pk)
        if kind == LedgerKind.MEETING and "level" in values and values["level"] is None:
            issuer = _active_unit(row.issuer_code)     # the level left empty on an edit: the issuer's, as on a new row
            values["level"] = unit_level(issuer) if issuer else row.level
        # badinput31 #4: an API PATCH naming another unit answered 200 with the row where it was (the schema leaves
        # the two out, the web form does not send them): refused naming the field, nothing of the PATCH written.
        # The row's own unit, named as a new row names it (code, name, a village as spoken), is no move (fixcr31a #2)
        for spec in ledgers.COMMON:
            text = str(data.get(spec.name) or "").strip() if spec.name in ("issuer", "target") else ""
            if text and not _names_own_unit(scope, kind=kind, row=row, field=spec.name, text=text):
                raise ApplicationError(_("“%(label)s”不能修改；要改为其他单位，请删除这条记录后重新填报。")
                                       % {"label": spec.label}, code="invalid", field=spec.name)
        before = {}
        specific = _specific(kind, {**_current(row, kind), **values}, county=row.county_code) if values else {}
        assigned = {**{k: values[k] for k in ("date", "title", "note") if k in values}, **specific}
        for name, value in assigned.items():
            if getattr(row, name) != value:
                before[name] = getattr(row, name)
                setattr(row, name, value)
        # what the post holds for the fields it posted (the specific ones are completed from the row), as the
        # update's audit record names them: the unit posted as from_unit is stored as its code and level
        posted = set(values) | ({"from_unit_code", "from_unit_level"} if "from_unit" in values else set())
        carried = {name: value for name, value in assigned.items() if name in posted}
        if kind == LedgerKind.DOCUMENT and "review" in values:
            review = _link_review(actor, values["review"])
            carried["review"] = review.pk if review else None
            if row.review_id != (review.pk if review else None):
                before["review"] = row.review_id
                row.review = review
        if before:
            if version is not None and not claim_version(row, version):
                raise _Stale(carried)
            row.save()
            audit_record(actor=actor, action=f"monitor.{kind}.update", obj=row,
                         changes={**{k: _audit_value([v, getattr(row, k if k != "review" else "review_id")])
                                     for k, v in before.items()},
                                  "version": version_of(row)})   # the version this save gave it (`audit_changes`)
            _schedule_refresh(row.county_code, row.date.year)
            if "date" in before:
                _schedule_refresh(row.county_code, before["date"].year)
    return row


def _names_own_unit(scope: Scope, *, kind: str, row: Any, field: str, text: str) -> bool:
    """Whether `text`, given as an update's issuer or target, is the row's own issuer or target unit — resolved the
    way `_placement` resolves a new row's (the target in the writer's scope, a grid as its village; the issuer in the
    row's county, a township's station by the target's township). A name that resolves to nothing, or to two
    units, is not the row's own."""
    try:
        if field == "target":
            return bool(_target(scope, kind=kind, target_code=text).code == row.org_code)
        target = _active_unit(row.org_code)
        issuer = resolve_unit(text, county_code=row.county_code, field="issuer", label=_("提出要求的单位"),
                              town_code=town_of(target) if target is not None else "")
    except ApplicationError:
        return False
    return bool(issuer.code == row.issuer_code)


def _current(row: Any, kind: str) -> dict[str, Any]:
    out = {}
    for spec in ledgers.SPECIFIC[kind]:
        if spec.name == "from_unit":
            out["from_unit"] = row.from_unit_code
        elif spec.name == "review":
            continue
        else:
            out[spec.name] = getattr(row, spec.name)
    return out


def ledger_delete(*, actor: User, kind: str, pk: int) -> None:
    scope = scope_for(actor)
    with transaction.atomic():
        row = _writable(actor=actor, scope=scope, kind=kind, pk=pk)
        audit_record(actor=actor, action=f"monitor.{kind}.delete", obj=row,
                     changes={"issuer": row.issuer_code, "title": mask_audit_text(row.title), "date": row.date})
        county, year = row.county_code, row.date.year
        row.delete()
        _schedule_refresh(county, year)


# B02: importing an export back doubled a village's meetings (5 → 10), and the same file uploaded twice gave
# identical rows — rows that feed findings and the burden index. A ledger row is the same burden as another when
# it landed on the same unit (`org_code`), was caused by the same unit (`issuer_code`) on the same date under the
# same title, and — where the ledger says what it is beside its title — is the same thing: the unit lent
# (secondment), where the plaque hangs, the kind of activity or demand. Who recorded it (`recorded_as`) is not
# part of it: a village re-importing its export holds rows a department filed, and they are the same burden.
NATURAL_KEY_EXTRA: dict[str, tuple[str, ...]] = {
    LedgerKind.DOCUMENT: (), LedgerKind.MEETING: (), LedgerKind.INSPECTION: (), LedgerKind.APP: (),
    LedgerKind.SECONDMENT: ("from_unit_code",), LedgerKind.PLAQUE: ("placement",),
    LedgerKind.ACTIVITY: ("activity_kind",), LedgerKind.DEMAND: ("demand_kind",),
}
MAX_LISTED_ROWS = 20  # row numbers named in the notice; the rest counted


def natural_key_fields(kind: str) -> tuple[str, ...]:
    return ("org_code", "issuer_code", "date", "title", *NATURAL_KEY_EXTRA[kind])


def _row_numbers(numbers: list[int], total: int) -> str:
    """"2、3、…、21等 1050", for 第 … 行 to enclose (fix-cr30: it said "等 1050 行 行与台账中…")."""
    listed = "、".join(str(n) for n in numbers[:MAX_LISTED_ROWS])
    return listed if total <= MAX_LISTED_ROWS else listed + _("等 %(n)d") % {"n": total}


def skipped_rows_text(in_ledger: list[int], in_file: list[tuple[int, int]], *, in_ledger_count: int | None = None,
                      in_file_count: int | None = None) -> str:
    """Which rows an import skipped as duplicates, in words ("第 a、b 行与台账中已有记录相同；第 c 行与第 a 行相同"; ""
    when none): the import's notice and the audit log (labels._skipped_rows) say them alike. The counts: how many
    there were when the lists hold only the first of them (the audit record keeps 1,000 of each)."""
    in_ledger_count = len(in_ledger) if in_ledger_count is None else in_ledger_count
    in_file_count = len(in_file) if in_file_count is None else in_file_count
    parts = []
    if in_ledger_count:
        parts.append(_("第 %(rows)s 行与台账中已有记录相同") % {"rows": _row_numbers(in_ledger, in_ledger_count)})
    if in_file_count:
        shown = "、".join(_("第 %(n)d 行与第 %(m)d 行相同") % {"n": n, "m": m} for n, m in in_file[:MAX_LISTED_ROWS])
        if in_file_count > MAX_LISTED_ROWS:
            shown += _("等 %(n)d 行与本文件前面的行相同") % {"n": in_file_count}
        parts.append(shown)
    return "；".join(parts)


@dataclasses.dataclass(frozen=True)
class LedgerImport:
    """What an import wrote (`rows`) and which of the file's rows it skipped as duplicates: `in_ledger`, the row
    numbers identical to a row already in the ledger; `in_file`, (row number, the earlier row of the same file)."""

    rows: list[LedgerRow]
    in_ledger: list[int] = dataclasses.field(default_factory=list)
    in_file: list[tuple[int, int]] = dataclasses.field(default_factory=list)

    @property
    def imported(self) -> int:
        return len(self.rows)

    @property
    def skipped(self) -> int:
        return len(self.in_ledger) + len(self.in_file)

    def notice(self) -> str:
        """"跳过重复 N 行（第 a、b 行与台账中已有记录相同；第 c 行与第 a 行相同）", or "" when none was skipped."""
        if not self.skipped:
            return ""
        which = skipped_rows_text(self.in_ledger, self.in_file)
        return _("跳过重复 %(n)d 行（%(which)s）") % {"n": self.skipped, "which": which}


def ledger_import(*, actor: User, kind: str, data: bytes, filename: str) -> LedgerImport:
    """Import an xlsx of rows (the template from `xlsx.template`). Every row is checked first;
    one bad row refuses the whole file with the row number, column and reason. A row identical to one
    already in the ledger, or to an earlier row of the file (`natural_key_fields`), is skipped and named in
    the result: importing an export back, or the same file twice, writes nothing new."""
    from jianfu.monitor.xlsx import read_rows

    scope_for(actor).require(Capability.MONITOR_RECORD)
    return _bulk_write(actor=actor, kind=kind, rows=read_rows(kind, data, filename), source=filename,
                       skip_duplicates=True)


def ledger_import_from_form(*, form_token: object, actor: User, kind: str, data: bytes,
                            filename: str) -> tuple[LedgerUpload, LedgerImport | None]:
    """The 从 Excel 导入 form: (its upload, what it imported) when imported now; (the upload that form made, None) when
    the same form — its one-time token — is posted again with the same file for the same ledger (a double tap, back
    then 导入): imported once, audited once (fix30b #3). No well-formed token: refused before the file is parsed (the
    view has already read the upload; ADR 0035); the same token with another file or ledger, or from another account:
    an expired form (ADR 0036)."""
    form_key = formtokens.required_key(form_token)
    content_key = formtokens.content_key(form_token, {"kind": kind, "name": filename,
                                                      "file": hashlib.sha256(data).hexdigest()})
    done: list[LedgerImport] = []

    def create() -> LedgerUpload:
        done.append(ledger_import(actor=actor, kind=kind, data=data, filename=filename))
        return LedgerUpload.objects.create(**{
            "kind": kind, "source": filename[:200], "imported": done[0].imported, "skipped": done[0].skipped,
            "created_by": actor, "form_key": form_key, "form_content_key": content_key})

    upload, created = formtokens.once(LedgerUpload.objects, form_key, create, content_key=content_key,
                                      own=lambda u: u.created_by_id == actor.pk)
    return upload, done[0] if created else None


def ledger_bulk_create(*, actor: User, kind: str, rows: list[tuple[int, dict[str, Any]]],
                       source: str = "") -> list[LedgerRow]:
    """Many rows at once (API batches, the demo): all valid and written in one transaction,
    or none, with every bad row named (`rows` are (row number, raw fields))."""
    return _bulk_write(actor=actor, kind=kind, rows=rows, source=source, skip_duplicates=False).rows


def _bulk_write(*, actor: User, kind: str, rows: list[tuple[int, dict[str, Any]]], source: str,
                skip_duplicates: bool) -> LedgerImport:
    scope = scope_for(actor)
    scope.require(Capability.MONITOR_RECORD)
    built: list[tuple[int, LedgerRow]] = []
    errors: list[str] = []
    labels = {spec.name: spec.label for spec in ledgers.fields_of(kind)}
    token = _UNIT_CACHE.set(_WriteCache())
    try:
        for number, raw in rows:
            try:
                built.append((number, _build(actor=actor, scope=scope, kind=kind, raw=raw)))
            except ApplicationError as exc:
                # one line a faulty cell, each "第 n 行「column」：“what was typed”why。" (newuser22 #4: a row with
                # two faulty cells was one line without its columns, and neither quoted the value typed)
                fields = exc.details.get("fields") or {exc.field or "": exc.message}
                cells = exc.details.get("cells") or ({exc.field: exc.details["cell"]} if "cell" in exc.details else {})
                row = _("第 %(n)d 行") % {"n": number}
                if all(labels.get(name) for name in fields):
                    errors.extend(f"{row}「{labels[name]}」：{cells.get(name) or message}"
                                  for name, message in fields.items())
                else:
                    errors.append(f"{row}：{exc.message}")
                if len(errors) >= 50:
                    break
    finally:
        _UNIT_CACHE.reset(token)
    if errors:
        raise ApplicationError(_("导入失败，未写入任何记录。请修改以下问题后重新导入：\n") + "\n".join(errors),
                               code="import_invalid", field="file", details={"errors": errors})
    model = LEDGER_MODELS[kind]
    with transaction.atomic():
        if skip_duplicates:
            _lock_units(kind, {row.org_code for _n, row in built})
        result = _without_duplicates(kind, built) if skip_duplicates else LedgerImport([row for _n, row in built])
        model._default_manager.bulk_create(result.rows, batch_size=500)
        changes: dict[str, Any] = {"rows": result.imported, "source": source,
                                   "ids": [r.pk for r in result.rows][:1000]}
        if skip_duplicates:
            # the first 1,000 of each kept, and how many there were (a 20,000-row file may skip them all: fix-cr30)
            changes["duplicates"] = {"count": result.skipped,
                                     "in_ledger": result.in_ledger[:1000], "in_ledger_count": len(result.in_ledger),
                                     "in_file": [list(pair) for pair in result.in_file[:1000]],
                                     "in_file_count": len(result.in_file)}
        audit_record(actor=actor, action=f"monitor.{kind}.import", object_type=model._meta.label_lower,
                     object_repr=source[:200], org_code=scope.unit_code, changes=changes)
        for county, year in {(r.county_code, r.date.year) for r in result.rows}:
            _schedule_refresh(county, year, bulk=True)
    return result


def _import_lock_key(kind: str, org_code: str) -> int:
    """A stable signed 64-bit advisory-lock key for one ledger of one unit (Python's `hash` differs per process)."""
    return _advisory_key(f"jianfu.monitor.import:{kind}:{org_code}")


def _advisory_key(name: str) -> int:
    digest = hashlib.sha256(name.encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def _lock_county_year(county_code: str, year: int) -> None:
    """Inside an evaluation's transaction, before it reads anything: wait for any other evaluation of the same
    county-year to commit, so two never insert the same engine findings (security22 #5: two single saves, two
    workers, duplicate findings on PostgreSQL). PostgreSQL: a transaction-level advisory lock; SQLite: its IMMEDIATE
    transactions already hold the one write lock (see `_lock_units`)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_advisory_key(f"jianfu.monitor.evaluate:{county_code}:{year}")])


def _lock_units(kind: str, org_codes: set[str]) -> None:
    """Inside the writer's transaction, before the duplicate check: wait for any other import into the same ledger
    of the same units to commit, so two submits of one file (a double click, two tabs) write it once
    (codereview15 #6). PostgreSQL: a transaction-level advisory lock per (ledger, unit), taken in key order so two
    imports never wait on each other. SQLite: its IMMEDIATE transactions (config/database.py) already hold the one
    write lock from the first statement, which serialises the two writers."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for key in sorted(_import_lock_key(kind, code) for code in org_codes):
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def _without_duplicates(kind: str, built: list[tuple[int, LedgerRow]]) -> LedgerImport:
    """`built` less the rows already in the ledger and the repeats of an earlier row of the same file (B02).
    Read inside the writer's transaction under `_lock_units`, so two identical files imported at the same instant
    write once (still no unique constraint: a county may hold honest twins entered by hand)."""
    if not built:
        return LedgerImport([])
    fields = natural_key_fields(kind)
    model = LEDGER_MODELS[kind]
    dates = [row.date for _n, row in built]
    existing = set(model._default_manager.filter(
        org_code__in={row.org_code for _n, row in built}, date__gte=min(dates), date__lte=max(dates),
    ).values_list(*fields))
    first_of: dict[tuple[Any, ...], int] = {}
    out = LedgerImport([])
    for number, row in built:
        key = tuple(getattr(row, name) for name in fields)
        if key in existing:
            out.in_ledger.append(number)
        elif key in first_of:
            out.in_file.append((number, first_of[key]))
        else:
            first_of[key] = number
            out.rows.append(row)
    return out


# ------------------------------------------------------------------ debounced re-evaluation

# A re-evaluation costs about 0.5 s at county-year size, so writes do not each cause one: a write
# marks its county-year stale (`FindingsRefresh`) and at most one task per county-year is queued.
# A single save (a form, the API's one row, a delete, a rule change) queues its task with no delay: the person
# who saved waits for the check, which takes a fraction of a second (fix-monitor21: 13.5-44 s of "正在检查…" for one
# meeting). A bulk write (an import, an API batch, the demo) starts a burst: its task runs once no bulk write came
# for REFRESH_QUIET, or REFRESH_MAX_WAIT after it was queued — and a save during the burst rides on that task.
REFRESH_QUIET = dt.timedelta(seconds=20)
REFRESH_MAX_WAIT = dt.timedelta(minutes=3)
REFRESH_STALE = dt.timedelta(minutes=15)  # a queued task not run by then was lost: queue again
# A task with nothing to wait for (no burst under way) is taken within a second or two; one that has not claimed its
# marker a minute after it was due was lost — a worker killed as it took it (e2e22: kill -9 before the claim left
# "正在检查…" up to REFRESH_STALE + the sweep's 5 minutes, and the next save queued nothing). Queued again, a task
# that was only late runs once anyway: the claim is conditional, the second finds nothing to do.
REFRESH_LOST = dt.timedelta(minutes=1)
# A queue that is only slow (a backlog, one busy worker) looks the same as a lost task: its marker stays queued and
# overdue, and every writer's commit and every sweep queued another check of it (mend23a: "lost queued check
# re-queued after 1 min", again each pass). Once queued again, a county-year is not queued again for this long
# while no task has claimed it (`FindingsRefresh.requeued_at`; a claim clears it): a lost task is still replaced a
# minute after it was due, and a slow queue gets one extra check per ten minutes, not one per pass.
REFRESH_REQUEUE_EVERY = dt.timedelta(minutes=10)
# The rows' rhythm (mend22b #4): a program posting single rows one at a time (the API, in a loop) sends no bulk write,
# so each of its saves queued a check of its own (500 posts, 500 checks). A single save that comes within RAPID_GAP of
# the county-year's previous write extends a run of rapid saves (`FindingsRefresh.rapid`); from the RAPID_SAVES-th of
# a run on, the save counts as a bulk write (it starts or extends the burst), so the rest of the loop rides on one
# task. A person saving a form does not save three rows within seconds: their save is checked at once, as before.
RAPID_GAP = dt.timedelta(seconds=3)
RAPID_SAVES = 3


def _schedule_refresh(county_code: str, year: int, *, bulk: bool = False) -> None:
    """Inside the writer's transaction: mark the county-year stale (a `bulk` write also starts or extends
    its burst); after commit, queue one task unless one is queued already. A rolled-back write marks nothing."""
    now = timezone.now()
    marker = FindingsRefresh.objects.filter(county_code=county_code, year=year)
    bump: dict[str, Any] = {"requested": F("requested") + 1, "requested_at": now}
    if bulk:
        bump["burst_at"] = now
    else:
        # one UPDATE reads the previous write's time as it was (every SET sees the old row): a save soon after the
        # last write extends the run of rapid saves, and one that makes it RAPID_SAVES long is a bulk write
        soon = Q(requested_at__gte=now - RAPID_GAP)
        bump["rapid"] = Case(When(soon, then=F("rapid") + 1), default=Value(1))
        bump["burst_at"] = Case(When(soon & Q(rapid__gte=RAPID_SAVES - 1), then=Value(now)), default=F("burst_at"))
    if not marker.update(**bump):
        try:
            with transaction.atomic():
                FindingsRefresh.objects.create(county_code=county_code, year=year, requested=1, requested_at=now,
                                               burst_at=now if bulk else None, rapid=0 if bulk else 1)
        except IntegrityError:  # a concurrent writer created it first
            marker.update(**bump)
    transaction.on_commit(lambda: _enqueue_refresh(FindingsRefresh.objects.filter(county_code=county_code,
                                                                                  year=year)))


def _schedule_rule_refresh(county_code: str) -> None:
    """A rule changed (edited, added, deleted, switched): every year of the county is judged again —
    the years it has findings or has been evaluated in, and this one."""
    years = set(Finding.objects.filter(county_code=county_code).values_list("year", flat=True).distinct())
    years |= set(FindingsRefresh.objects.filter(county_code=county_code).values_list("year", flat=True))
    years.add(timezone.localdate().year)
    for year in sorted(years):
        _schedule_refresh(county_code, year)


def _refresh_delay(burst_at: dt.datetime | None, now: dt.datetime) -> float:
    """Seconds until a county-year's burst is over (REFRESH_QUIET after its last bulk write); 0 with no burst."""
    if burst_at is None:
        return 0.0
    return max((burst_at + REFRESH_QUIET - now).total_seconds(), 0.0)


def _overdue(now: dt.datetime) -> Q:
    """Markers whose queued task should have claimed them REFRESH_LOST ago: it was due at once (no burst), when its
    burst went quiet, or at the latest REFRESH_MAX_WAIT after it was queued."""
    late = now - REFRESH_LOST
    due_long_ago = (Q(burst_at__isnull=True) | Q(burst_at__lt=late - REFRESH_QUIET)
                    | Q(queued_at__lt=late - REFRESH_MAX_WAIT))
    return Q(queued=True, queued_at__lt=late) & due_long_ago


def _enqueue_refresh(markers: QuerySet[FindingsRefresh]) -> int:
    """Queue a task for each stale marker with none queued (or one queued so long ago that it was
    lost): at once, or when its burst is over. The conditional UPDATE makes two writers, or a writer and the
    sweep, queue one task — so a save during a burst, whose task is queued, queues nothing more."""
    from jianfu.monitor import tasks

    now = timezone.now()
    queued = 0
    requeue = ((Q(queued_at__lt=now - REFRESH_STALE) | _overdue(now))
               & (Q(requeued_at__isnull=True) | Q(requeued_at__lte=now - REFRESH_REQUEUE_EVERY)))
    stale = markers.filter(requested__gt=F("done")).filter(Q(queued=False) | requeue)
    for pk, county_code, year, burst_at in stale.values_list("pk", "county_code", "year", "burst_at"):
        # a marker still queued is queued again: remember when, which holds off the next re-queue
        if stale.filter(pk=pk).update(queued=True, queued_at=now, requeued_at=Case(
                When(queued=True, then=Value(now)), default=F("requeued_at"))):
            # the queue is down: the write has committed, so never answer it with a 500 (logged once, ops29 #2)
            if not enqueue_quietly(functools.partial(tasks.enqueue_refresh, county_code, year,
                                                     delay=_refresh_delay(burst_at, now)),
                                   what=f"the re-evaluation of {county_code}/{year}",
                                   recovery="the next write or the findings sweep queues it again",
                                   errors=(Exception,)):
                stale.model.objects.filter(pk=pk).update(queued=False)  # the next write or the sweep retries
                continue
            queued += 1
    return queued


def findings_refresh_sweep() -> int:
    """Periodic: queue every county-year left stale — a worker killed mid-run, a task lost with its
    queue, a commit whose process died before queueing. Returns how many were queued."""
    return _enqueue_refresh(FindingsRefresh.objects.all())


def findings_refresh_run(*, county_code: str, year: int, wait: bool = True) -> float | int | None:
    """The queued task's body. Returns seconds to wait (a float: writes are still coming; the
    caller queues itself again), the number of findings (an int: it ran), or None (nothing to do).
    `wait=False` runs at once (an immediate queue has no later)."""
    now = timezone.now()
    with transaction.atomic():
        marker = FindingsRefresh.objects.select_for_update().filter(county_code=county_code, year=year).first()
        if marker is None or marker.requested <= marker.done:
            FindingsRefresh.objects.filter(county_code=county_code, year=year).update(queued=False, requeued_at=None)
            return None
        # a burst goes on while bulk writes keep coming; single saves alone never make the task wait
        quiet_until = marker.burst_at + REFRESH_QUIET if marker.burst_at else now
        deadline = (marker.queued_at or now) + REFRESH_MAX_WAIT
        if wait and marker.queued and now < quiet_until and now < deadline:
            return max((min(quiet_until, deadline) - now).total_seconds(), 0.1)
        generation = marker.requested
        # claimed: a write from now on queues a new task, so the last write is never missed
        FindingsRefresh.objects.filter(pk=marker.pk).update(queued=False, queued_at=None, requeued_at=None)
    with transaction.atomic():
        n = findings_evaluate(actor=None, county_code=county_code, year=year)
        FindingsRefresh.objects.filter(pk=marker.pk, done__lt=generation).update(done=generation,
                                                                                runs=F("runs") + 1)
    return n


# ----------------------------------------------------------------------------------- findings

def rules_seed() -> int:
    """(Re)create the national rules of `rules.seed` — idempotent; migration 0002 does the same on
    a new database. Returns how many were created."""
    from jianfu.monitor.rules.seed import SEED_RULES

    created = 0
    with transaction.atomic():
        for spec in SEED_RULES:
            _rule, new = Rule.objects.get_or_create(county_code="", code=spec["code"], defaults={
                "name": spec["name"], "ledger": spec["ledger"], "check_name": spec["check"],
                "threshold": spec.get("threshold"), "params": spec.get("params", {}), "citation": spec["citation"],
                "scope": spec.get("scope", ""), "severity": spec["severity"], "enabled": spec.get("enabled", True)})
            created += new
        if created:
            audit_record(actor=None, action="monitor.rules.seed", object_type="monitor.rule",
                         object_repr="seed", changes={"created": created})
    return created


def rules_in_force(county_code: str) -> list[Rule]:
    """National rules not switched off by the county, and the county's own enabled rules."""
    switches = dict(RuleSwitch.objects.filter(county_code=county_code).values_list("rule_id", "enabled"))
    rules = []
    for rule in Rule.objects.filter(county_code__in=["", county_code]).order_by("code"):
        enabled = switches.get(rule.pk, rule.enabled) if not rule.county_code else rule.enabled
        if enabled:
            rules.append(rule)
    return rules


def rule_spec(rule: Rule) -> engine.RuleSpec:
    return engine.RuleSpec(code=rule.code, name=rule.name, ledger=rule.ledger, check=rule.check_name,
                           threshold=rule.threshold, params=rule.params or {}, severity=rule.severity,
                           citation=rule.citation)


def findings_evaluate(*, actor: User | None, county_code: str, year: int) -> int:
    """Run every rule in force over the county's ledgers of `year` and bring the rule engine's
    findings of that county-year up to date (findings recorded by hand or from the direct line are
    not touched). A finding found again (same rule, row and unit) is kept as it is, with its triage
    status; only new findings are inserted, gone ones deleted and changed texts updated — so the
    re-run after each ledger change writes little. Returns the number of findings now in force."""
    with transaction.atomic():
        _lock_county_year(county_code, year)
        return _evaluate(actor=actor, county_code=county_code, year=year)


def _evaluate(*, actor: User | None, county_code: str, year: int) -> int:
    """`findings_evaluate`'s work, under its county-year lock (read committed: it sees what the one before wrote)."""
    from jianfu.monitor.selectors import ledger_rows_for_rules

    rules = rules_in_force(county_code)
    by_code = {r.code: r for r in rules}
    ledgers_now, previous = ledger_rows_for_rules(county_code=county_code, year=year)
    hits = engine.evaluate([rule_spec(r) for r in rules], ledgers_now, year=year, previous=previous)
    # plain tuples until something must be written: a county-year has tens of thousands of findings
    compared = ("issuer_code", "issuer_name", "severity", "summary", "month", "category", "row_id", "org_code")
    grouped = {r.code: engine.GROUPED_BY.get(r.check_name) for r in rules}

    def key(rule_code: str, ledger: str, values: dict[str, Any]) -> tuple[Any, ...]:
        # a per-row finding is its row; a count is its group (see engine.GROUPED_BY)
        fields = grouped.get(rule_code) or ("row_id", "org_code")
        return (rule_code, ledger, *(values[f] for f in fields))

    wanted: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for hit in hits:
        values = {"issuer_code": hit.issuer_code, "issuer_name": hit.issuer_name, "severity": hit.severity,
                  "summary": hit.summary, "category": by_code[hit.rule_code].name[:40],
                  # a state carried over from an earlier year (an app still in use) counts from January
                  "month": hit.date.month if hit.date.year == year else 1,
                  "row_id": hit.row_id or hit.row_ids[-1],  # a count names the last row it counted
                  "org_code": hit.org_code}
        wanted[key(hit.rule_code, hit.ledger, values)] = tuple(values[f] for f in compared)
    in_force = len(wanted)
    with transaction.atomic():
        existing = Finding.objects.select_for_update().filter(county_code=county_code, year=year,
                                                              source=FindingSource.ENGINE)
        gone, changed = [], []
        for pk, rule_code, ledger, *values in existing.values_list("id", "rule_code", "ledger", *compared):
            new = wanted.pop(key(rule_code, ledger, dict(zip(compared, values, strict=True))), None) \
                if rule_code in grouped else None
            if new is None:
                gone.append(pk)
            elif tuple(values) != new:
                changed.append(Finding(pk=pk, **dict(zip(compared, new, strict=True))))
        for i in range(0, len(gone), 500):
            Finding.objects.filter(pk__in=gone[i:i + 500]).delete()
        Finding.objects.bulk_update(changed, fields=list(compared), batch_size=500)
        _insert_findings([{"county_code": county_code, "rule_id": by_code[k[0]].pk, "rule_code": k[0], "ledger": k[1],
                           "year": year, **dict(zip(compared, values, strict=True))} for k, values in wanted.items()])
        audit_record(actor=actor, action="monitor.findings.evaluate", object_type="monitor.finding",
                     object_repr=f"{county_code} {year}", org_code=county_code,
                     changes={"rules": len(rules), "added": len(wanted), "removed": len(gone),
                              "updated": len(changed)})
    return in_force


FINDING_COLUMNS = ("created_at", "updated_at", "county_code", "org_code", "issuer_code", "issuer_name", "rule_id",
                   "rule_code", "category", "ledger", "row_id", "severity", "summary", "year", "month", "status",
                   "source", "source_ref", "resolution", "created_by_id")


def _insert_findings(rows: list[dict[str, Any]]) -> None:
    """Insert engine findings with one executemany: a first evaluation writes tens of thousands, and
    the ORM's per-value preparation cost five times the insert itself (bench_monitor)."""
    if not rows:
        return
    connection = transaction.get_connection()
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    defaults = {"created_at": now, "updated_at": now, "status": FindingStatus.OPEN, "source": FindingSource.ENGINE,
                "source_ref": "", "resolution": "", "created_by_id": None}
    table = connection.ops.quote_name(Finding._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in FINDING_COLUMNS)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(FINDING_COLUMNS))})"
    with connection.cursor() as cursor:
        for i in range(0, len(rows), 2000):
            cursor.executemany(sql, [tuple(r[c] if c in r else defaults[c] for c in FINDING_COLUMNS)
                                     for r in rows[i:i + 2000]])


def finding_record_manual(*, actor: User, issuer_code: str, category: str, summary: str, source: str,
                          source_ref: str, rule: Rule | None = None, org_code: str = "",
                          severity: str = Severity.MEDIUM) -> Finding:
    """A finding recorded by hand by the county office — e.g. a direct-line report triaged into a
    ledger finding (`source="directline"`, `source_ref` the report's internal id; never anything
    about the reporter). `rule` optionally names the rule the problem falls under."""
    scope = scope_for(actor)
    scope.require(Capability.MONITOR_MANAGE)
    if source not in FindingSource.values or source == FindingSource.ENGINE:
        raise ApplicationError(_("问题来源“%(s)s”无效。") % {"s": source}, code="invalid", field="source")
    if severity not in Severity.values:
        raise ApplicationError(_("严重程度无效。"), code="invalid", field="severity")
    county = county_of(scope.unit_code) if not scope.is_all else ""
    # the issuer may sit above the county (a city bureau): any known unit; the finding is the county's
    issuer = resolve_unit(issuer_code, county_code=county, field="issuer_code", label=_("责任单位"))
    county = county or county_of(issuer.parent_code if issuer.kind == UnitKind.DEPARTMENT else issuer.code)
    org_code = org_code or county
    if not scope.covers(org_code):
        raise ApplicationError(_("被要求的单位不在您的管辖范围内。"), code="out_of_scope", field="org_code")
    summary_spec = ledgers.FieldSpec("summary", _("问题摘要"), "text", required=True, max_length=2000)
    summary = ledgers.clean_value(summary_spec, summary)
    category = ledgers.clean_value(ledgers.FieldSpec("category", _("问题类别"), required=True, max_length=40), category)
    source_ref = ledgers.clean_value(ledgers.FieldSpec("source_ref", _("来源编号"), max_length=64), source_ref)
    if rule is not None and rule.county_code not in ("", county):
        raise ApplicationError(_("所选规则不属于本县。"), code="invalid", field="rule")
    today = timezone.localdate()
    with transaction.atomic():
        finding = Finding.objects.create(
            county_code=county, org_code=org_code, issuer_code=issuer.code, issuer_name=issuer.name, rule=rule,
            rule_code=rule.code if rule else "", category=category, ledger=rule.ledger if rule else "",
            severity=severity, summary=summary, year=today.year, month=today.month, source=source,
            source_ref=source_ref, created_by=actor)
        audit_record(actor=actor, action="monitor.finding.record", obj=finding,
                     changes={"source": source, "source_ref": source_ref, "issuer": issuer.code,
                              "rule": rule.code if rule else ""})
    return finding


# One table of allowed transitions; one guarded service per transition.
FINDING_TRANSITIONS: dict[str, set[str]] = {
    FindingStatus.OPEN: {FindingStatus.CONFIRMED, FindingStatus.DISMISSED},
    FindingStatus.CONFIRMED: {FindingStatus.RECTIFIED},
    FindingStatus.DISMISSED: {FindingStatus.OPEN},
    FindingStatus.RECTIFIED: set(),
}


def _finding_move(*, actor: User, pk: int, to: str, note: str) -> Finding:
    scope = scope_for(actor)
    scope.require(Capability.MONITOR_MANAGE)
    note = ledgers.clean_value(ledgers.FieldSpec("note", _("处理说明"), "text", max_length=2000), note)
    with transaction.atomic():
        finding: Finding = scope.get(Finding.objects.select_for_update(), field="county_code", pk=pk)
        if to not in FINDING_TRANSITIONS[finding.status]:
            raise ApplicationError(_("该问题当前状态为“%(s)s”，不能改为“%(t)s”。")
                                   % {"s": finding.get_status_display(), "t": FindingStatus(to).label},
                                   code="invalid_transition")
        if to == FindingStatus.DISMISSED and not note:
            # a rule finding is what the issuer is measured by: setting one aside takes a reason, kept with the
            # finding and in its audit trail, as dismissing a review finding does (newuser13 V13)
            raise ApplicationError(_("请写明不属于问题的理由。"), code="required", field="note")
        before = finding.status
        finding.status = to
        if note or to == FindingStatus.OPEN:
            # reopened, the finding no longer carries the reason it was set aside (its history still does)
            finding.resolution = note
        finding.save(update_fields=["status", "resolution", "updated_at"])
        audit_record(actor=actor, action=f"monitor.finding.{to}", obj=finding,
                     changes={"status": [before, to], "note": mask_audit_text(note)})
    return finding


def finding_confirm(*, actor: User, pk: int, note: str = "") -> Finding:
    return _finding_move(actor=actor, pk=pk, to=FindingStatus.CONFIRMED, note=note)


def finding_dismiss(*, actor: User, pk: int, note: str = "") -> Finding:
    return _finding_move(actor=actor, pk=pk, to=FindingStatus.DISMISSED, note=note)


def finding_reopen(*, actor: User, pk: int, note: str = "") -> Finding:
    return _finding_move(actor=actor, pk=pk, to=FindingStatus.OPEN, note=note)


def finding_rectify(*, actor: User, pk: int, note: str = "") -> Finding:
    return _finding_move(actor=actor, pk=pk, to=FindingStatus.RECTIFIED, note=note)


# -------------------------------------------------------------------------------------- rules

def _county_of_manager(scope: Scope) -> str:
    scope.require(Capability.MONITOR_MANAGE)
    county = county_of(scope.unit_code) if scope.unit_code else ""
    if not county or codes.division_level(county) != 3 or not scope.covers(county):
        raise ApplicationError(_("本地规则、本县通报按县管理：请使用县减负办账号操作。"), code="county_required")
    return county


def _cleaned(specs: tuple[ledgers.FieldSpec, ...], data: dict[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """Typed values of `specs` from `data` (only those present when `partial`), errors in Chinese
    naming the field."""
    return {spec.name: ledgers.clean_value(spec, data.get(spec.name)) for spec in specs
            if not partial or spec.name in data}


def _cleaned_every(specs: tuple[ledgers.FieldSpec, ...], data: dict[str, Any], *, partial: bool = False,
                   checks: tuple[tuple[str, Callable[[dict[str, Any]], None]], ...] = ()) -> dict[str, Any]:
    """`_cleaned`, but every field's error at once, as the ledger form gives them (`ledgers.clean_fields`;
    fix-monitor26b #3: a notice case's form told one bad field per submit). `checks` are (field, check) run as well
    with the values cleaned so far, each raising its fields' errors. One error is raised as it is; several as one
    naming each (`one_refusal`: `details["fields"]`: field → its message, in the order of `specs` then `checks`)."""
    # a check named as a field would overwrite that field's error in `failed` (cr27 #15): a programming error
    assert not {name for name, _check in checks} & {spec.name for spec in specs}, "a check is named as a field"
    values: dict[str, Any] = {}
    failed: dict[str, ApplicationError] = {}   # by the spec's or the check's name (unique)
    for spec in specs:
        if partial and spec.name not in data:
            continue
        try:
            values[spec.name] = ledgers.clean_value(spec, data.get(spec.name))
        except ApplicationError as exc:
            failed[spec.name] = exc
    for name, check in checks:
        try:
            check(values)
        except ApplicationError as exc:
            failed[name] = exc
    refused = one_refusal(failed, code="invalid")
    if refused is not None:
        raise refused
    return values


def _changes(obj: Any, values: dict[str, Any]) -> dict[str, list[Any]]:
    """Set `values` on `obj`; {field: [before, after]} of what really changed (for the audit)."""
    changed = {}
    for name, value in values.items():
        if getattr(obj, name) != value:
            changed[name] = [getattr(obj, name), value]
            setattr(obj, name, value)
    return changed


def rule_fields() -> tuple[ledgers.FieldSpec, ...]:
    return (
        ledgers.FieldSpec("code", _("规则编号"), required=True, max_length=40),
        ledgers.FieldSpec("name", _("规则名称"), required=True, max_length=100),
        ledgers.FieldSpec("citation", _("依据"), "text", required=True, max_length=2000),
        ledgers.FieldSpec("scope", _("适用范围"), max_length=200),
        ledgers.FieldSpec("threshold", _("阈值"), "int", maximum=10**9),
        ledgers.FieldSpec("severity", _("严重程度"), "choice", choices=tuple((k, str(v)) for k, v in Severity.choices)),
    )


def _rule_validated(values: dict[str, Any], *, check: str) -> None:
    spec = engine.RuleSpec(code=values["code"], name=values["name"], ledger=CHECK_LEDGERS[check], check=check,
                           threshold=values["threshold"], severity=values["severity"])
    try:
        engine.validate(spec)
    except engine.RuleError as exc:
        raise ApplicationError(str(exc), code="invalid_rule", field="threshold") from exc


def rule_create(*, actor: User, data: dict[str, Any]) -> Rule:
    """A county's local rule: one of the engine's checks with the county's own threshold (e.g. a
    province's 4+4 plaque standard: outside ≤ 4, inside ≤ 4)."""
    scope = scope_for(actor)
    county = _county_of_manager(scope)
    values = _cleaned(rule_fields(), data)
    values["severity"] = values["severity"] or Severity.MEDIUM
    check = str(data.get("check") or "")
    if check not in engine.CHECKS or check not in CHECK_LEDGERS:
        raise ApplicationError(_("请选择检查方法。"), code="invalid", field="check")
    _rule_validated(values, check=check)
    if Rule.objects.filter(county_code__in=["", county], code=values["code"]).exists():
        raise ApplicationError(_("规则编号“%(c)s”已存在。") % {"c": values["code"]}, code="duplicate", field="code")
    with transaction.atomic():
        rule = Rule.objects.create(ledger=CHECK_LEDGERS[check], check_name=check, county_code=county, created_by=actor,
                                   **values)
        audit_record(actor=actor, action="monitor.rule.create", obj=rule, org_code=county,
                     changes={"check": check, "threshold": values["threshold"]})
        _schedule_rule_refresh(county)
    return rule


def _own_rule(scope: Scope, pk: int) -> tuple[Rule, str]:
    """A rule of the manager's county, locked. A national rule is read-only (it can be switched off)."""
    county = _county_of_manager(scope)
    rule = Rule.objects.select_for_update().filter(pk=pk, county_code__in=["", county]).first()
    if rule is None:
        raise NotFoundError(_("找不到该规则。"))
    if not rule.county_code:
        raise PermissionDeniedError(_("全国规则不能修改或删除；如本县不适用，可将其停用。"), code="national_rule")
    return rule, county


def rule_update(*, actor: User, pk: int, data: dict[str, Any]) -> Rule:
    """Change a local rule's name, threshold, citation, scope or severity (its code and check stay:
    findings and direct-line triage refer to them). Findings are re-evaluated."""
    scope = scope_for(actor)
    values = _cleaned(rule_fields(), data, partial=True)
    values.pop("code", None)
    with transaction.atomic():
        rule, county = _own_rule(scope, pk)
        if "severity" in values:
            values["severity"] = values["severity"] or rule.severity
        _rule_validated({"code": rule.code, "name": rule.name, "threshold": rule.threshold,
                         "severity": rule.severity, **values}, check=rule.check_name)
        changed = _changes(rule, values)
        if changed:
            rule.save()
            audit_record(actor=actor, action="monitor.rule.update", obj=rule, org_code=county, changes=changed)
            _schedule_rule_refresh(county)
    return rule


def _rule_references(rule: Rule) -> list[str]:
    """What would be orphaned by deleting `rule`, as Chinese reasons (empty: it may go).

    The direct line refers to a rule by its id in a text field (no foreign key; it sits above the
    monitor), so it is asked through the app registry."""
    from django.apps import apps

    reasons = []
    kept = Finding.objects.filter(rule=rule).exclude(source=FindingSource.ENGINE, status=FindingStatus.OPEN).count()
    if kept:
        reasons.append(_("%(n)d 个已处理或人工登记的问题引用该规则") % {"n": kept})
    if apps.is_installed("jianfu.directline"):
        report = apps.get_model("directline", "Report")
        triaged = report.objects.filter(rule_ref=str(rule.pk)).count()
        if triaged:
            reasons.append(_("%(n)d 件直通车反映已纳入该规则") % {"n": triaged})
    return reasons


def rule_delete(*, actor: User, pk: int) -> None:
    """Delete a local rule with its untriaged engine findings (they are derived: the next evaluation
    would remove them anyway). Refused, with the reason, while anything the office decided refers to
    it — a confirmed, dismissed or rectified finding, a manual finding, a direct-line report: switch
    it off instead, which keeps them."""
    scope = scope_for(actor)
    with transaction.atomic():
        rule, county = _own_rule(scope, pk)
        reasons = _rule_references(rule)
        if reasons:
            raise ApplicationError(_("不能删除规则“%(c)s”：%(r)s。如不再适用，请停用该规则。")
                                   % {"c": rule.code, "r": "；".join(reasons)}, code="rule_referenced")
        derived = Finding.objects.filter(rule=rule)
        removed = derived.count()
        audit_record(actor=actor, action="monitor.rule.delete", obj=rule, org_code=county,
                     changes={"code": rule.code, "check": rule.check_name, "threshold": rule.threshold,
                              "findings_removed": removed})
        derived.delete()
        rule.delete()
        _schedule_rule_refresh(county)


def rule_toggle(*, actor: User, pk: int, enabled: bool) -> Rule:
    """Switch a rule on or off for the county (a national rule through a per-county switch)."""
    scope = scope_for(actor)
    county = _county_of_manager(scope)
    with transaction.atomic():
        rule = Rule.objects.filter(pk=pk, county_code__in=["", county]).first()
        if rule is None:
            raise NotFoundError(_("找不到该规则。"))
        if rule.county_code:
            before = rule.enabled
            rule.enabled = enabled
            rule.save(update_fields=["enabled", "updated_at"])
        else:
            switch, _created = RuleSwitch.objects.get_or_create(county_code=county, rule=rule,
                                                                defaults={"enabled": enabled, "changed_by": actor})
            before = switch.enabled if not _created else rule.enabled
            switch.enabled, switch.changed_by = enabled, actor
            switch.save()
        audit_record(actor=actor, action="monitor.rule.toggle", obj=rule, org_code=county,
                     changes={"enabled": [before, enabled]})
        _schedule_rule_refresh(county)
    return rule


CHECK_LEDGERS = {
    "doc_length_max": "document", "doc_unreviewed": "document", "doc_review_score_min": "document",
    "doc_report_back": "document", "count_over_last_year": "document",
    "meeting_speech_max": "meeting", "meeting_duration_max": "meeting", "meeting_comprehensive_per_year": "meeting",
    "meeting_principals": "meeting", "meeting_relayed": "meeting",
    "inspection_unplanned": "inspection", "inspection_comprehensive_per_year": "inspection",
    "inspection_materials_max": "inspection", "inspection_onsite_month_max": "inspection",
    "app_forbidden_features": "app", "app_per_owner_max": "app", "app_unfiled": "app", "app_repeat_filling": "app",
    "secondment_from_below": "secondment", "secondment_months_max": "secondment", "secondment_unapproved": "secondment",
    "plaques_outside_max": "plaque", "plaques_inside_max": "plaque",
    "activity_unapproved": "activity", "activity_fees_max": "activity", "demand_not_listed": "demand",
}


# ------------------------------------------------------------------------------------ notices
# The county office keeps its own county's notices and cases (create, edit, delete, move a case's
# rectification on); central, provincial and municipal notices are public documents: read-only.

def notice_fields() -> tuple[ledgers.FieldSpec, ...]:
    return (
        ledgers.FieldSpec("title", _("标题"), required=True),
        ledgers.FieldSpec("issuer", _("通报机关"), required=True, max_length=120),
        ledgers.FieldSpec("batch", _("批次"), max_length=40),
        ledgers.FieldSpec("date", _("通报日期"), "date", required=True),
        ledgers.FieldSpec("body", _("正文"), "text", max_length=20000),
    )


def case_fields() -> tuple[ledgers.FieldSpec, ...]:
    return (
        ledgers.FieldSpec("place", _("地方或单位"), required=True, max_length=120),
        ledgers.FieldSpec("category", _("问题类别"), "choice", required=True,
                          choices=tuple((k, str(v)) for k, v in ProblemCategory.choices)),
        ledgers.FieldSpec("summary", _("问题摘要"), "text", required=True, max_length=4000),
    )


def _own_notice(county: str, pk: int) -> Notice:
    notice = Notice.objects.select_for_update().filter(pk=pk, county_code=county).first()
    if notice is None:
        raise NotFoundError(_("找不到该通报，或不是本县的通报（上级通报只读）。"))
    return notice


def _own_case(county: str, pk: int) -> NoticeCase:
    case = NoticeCase.objects.select_for_update().select_related("notice").filter(
        pk=pk, notice__county_code=county).first()
    if case is None:
        raise NotFoundError(_("找不到该案例，或不是本县通报的案例（上级通报只读）。"))
    return case


def notice_create_from_form(*, actor: User, data: dict[str, Any], form_token: object) -> tuple[Notice, bool]:
    """`notice_create` from the web form: (notice, True) when saved now, (the draft the same form — its one-time
    token — saved before, False) for back then 提交, a double click or two posts at once (fix-back16). A post
    without a well-formed token is refused and saves nothing (`formtokens.required_key`, ADR 0035).

    Looked up over every notice (the key is unique): the token of another account's notice was looked for among the
    poster's own only, missed, and its insert hit the unique key (a 500, security18 #6); it is an expired form now,
    nothing saved, as the other create forms answer it (security17 #2, #4)."""
    form_key = formtokens.required_key(form_token)
    # the same token with other content is refused as an expired form, saving nothing (ADR 0036; cr18 #3)
    content_key = formtokens.content_key(form_token, {"data": data})
    return formtokens.once(Notice.objects, form_key,
                           lambda: notice_create(actor=actor, data=data, form_key=form_key,
                                                 form_content_key=content_key),
                           own=lambda notice: (notice.created_by_id == actor.pk
                                               and formtokens.same_content(notice, content_key)))


def notice_create(*, actor: User, data: dict[str, Any], form_key: str | None = None,
                  form_content_key: str | None = None) -> Notice:
    """A county-level typical-problem notice (the county office's own 通报), as a draft: only the county office sees it
    until `notice_publish`."""
    scope = scope_for(actor)
    county = _county_of_manager(scope)
    values = _cleaned(notice_fields(), data)
    with transaction.atomic():
        notice = Notice.objects.create(level="county", county_code=county, created_by=actor,
                                       status=NoticeStatus.DRAFT, form_key=form_key or None,
                                       form_content_key=form_content_key or None, **values)
        audit_record(actor=actor, action="monitor.notice.create", obj=notice, org_code=county,
                     changes={"title": values["title"], "status": NoticeStatus.DRAFT})
    return notice


def notice_publish(*, actor: User, pk: int) -> Notice:
    """发布: a draft of the county's own becomes visible to everyone who reads notices (villages, townships,
    departments). Refused for a notice with neither cases nor body text (a half-written notice), and for one already
    published (a second click or a stale page: nothing moves twice)."""
    scope = scope_for(actor)
    county = _county_of_manager(scope)
    with transaction.atomic():
        notice = _own_notice(county, pk)
        if notice.status == NoticeStatus.PUBLISHED:
            raise ConflictError(_("该通报已经发布，无需重复发布。"), code="already_published")
        cases = notice.cases.count()
        if not cases and not notice.body.strip():
            raise ApplicationError(_("这份通报还没有正文，也没有通报案例，不能发布；请先填写“正文”或添加案例。"),
                                   code="notice_empty", field="body")
        notice.status = NoticeStatus.PUBLISHED
        notice.published_at = timezone.now()
        notice.save(update_fields=["status", "published_at", "updated_at"])
        audit_record(actor=actor, action="monitor.notice.publish", obj=notice, org_code=county,
                     changes={"status": [NoticeStatus.DRAFT, NoticeStatus.PUBLISHED], "cases": cases})
    return notice


def notice_mark_read(*, actor: User, notice: Notice) -> bool:
    """The account opened a published notice (its page, mend31 #2): it leaves the account's 未读的典型问题通报 on the
    工作台. A draft is not marked (only its county office sees one); opening it again changes nothing. No audit record —
    opening a page changes no business fact (as `dispatch.services.event_seen_by_reporter`). Returns whether a mark was
    made."""
    if not getattr(actor, "is_authenticated", False) or notice.status != NoticeStatus.PUBLISHED:
        return False
    # two tabs opening it at once: the unique constraint keeps one row, and get_or_create reads back the other tab's
    # (fixcr31a #3: `bulk_create(ignore_conflicts=True)` returned the unsaved object either way, a mark "made" twice)
    _, created = NoticeRead.objects.get_or_create(notice=notice, user=actor)
    return created


def notice_update(*, actor: User, pk: int, data: dict[str, Any], version: str | None = None) -> Notice:
    """Change the title, issuer, batch, date or body of one of the county's notices (a draft or published).
    `version` as in ledger_update (an edit form's: a stale save is refused, naming what changed; badinput16 #3)."""
    scope = scope_for(actor)
    county = _county_of_manager(scope)
    values = _cleaned(notice_fields(), data, partial=True)
    stale = False
    with transaction.atomic():
        notice = _own_notice(county, pk)
        first_move = notice.cases.exclude(rectification_date=None).order_by("rectification_date") \
            .values_list("rectification_date", flat=True).first()
        if "date" in values and first_move and values["date"] > first_move:
            raise ApplicationError(_("“通报日期”不能晚于其案例的整改情况日期（%(d)s）。") % {"d": first_move},
                                   code="invalid", field="date")
        changed = _changes(notice, values)
        if changed and version is not None and not claim_version(notice, version):
            stale = True
        elif changed:
            notice.save()
            audit_record(actor=actor, action="monitor.notice.update", obj=notice, org_code=county,
                         changes={**changed, "version": version_of(notice)})   # the version it gave (`audit_changes`)
    if stale:
        current = Notice.objects.get(pk=pk)
        labels = {spec.name: str(spec.label) for spec in notice_fields()}
        raise audit_stale_error(current, version or "", actor=actor, carried=values, actions=["monitor.notice.update"],
                                labels=labels)
    return notice


def notice_delete(*, actor: User, pk: int) -> None:
    """Delete one of the county's notices. Refused while it still has cases (no cascade: each case
    carries its own rectification record, so they are deleted one by one, each audited)."""
    scope = scope_for(actor)
    county = _county_of_manager(scope)
    with transaction.atomic():
        notice = _own_notice(county, pk)
        cases = notice.cases.count()
        if cases:
            raise ApplicationError(_("该通报下还有 %(n)d 个案例，不能删除；请先删除其中的案例。") % {"n": cases},
                                   code="notice_has_cases")
        audit_record(actor=actor, action="monitor.notice.delete", obj=notice, org_code=county,
                     changes={"title": notice.title, "date": notice.date, "batch": notice.batch})
        notice.delete()


def _recount(notice: Notice) -> None:
    notice.declared_cases = notice.cases.count()
    notice.save(update_fields=["declared_cases", "updated_at"])


def notice_case_add_from_form(*, actor: User, notice_pk: int, data: dict[str, Any],
                              form_token: object) -> tuple[NoticeCase, bool]:
    """`notice_case_add` from the notice page's 添加案例 form: (case, True) when added now, (the case the same form — its
    one-time token — added before, False) for a double click, back then 添加 or two posts at once (fix-monitor26b #1:
    a double click added the case twice). A post without a well-formed token, the token again with other content, or
    another account's token, is refused as an expired form and adds nothing (ADR 0035, 0036; sec26 #3), as a notice's
    and a ledger row's are."""
    form_key = formtokens.required_key(form_token)
    content_key = formtokens.content_key(form_token, {"notice": notice_pk, "data": data})
    county = _county_of_manager(scope_for(actor))
    return formtokens.once(NoticeCase.objects, form_key,
                           lambda: notice_case_add(actor=actor, notice_pk=notice_pk, data=data, form_key=form_key,
                                                   form_content_key=content_key),
                           # looked up over every case (the key is unique): another county's case is never answered
                           own=lambda case: (case.notice_id == notice_pk and case.created_by_id == actor.pk
                                             and Notice.objects.filter(pk=notice_pk, county_code=county).exists()
                                             and formtokens.same_content(case, content_key)))


def notice_case_add(*, actor: User, notice_pk: int, data: dict[str, Any], form_key: str | None = None,
                    form_content_key: str | None = None) -> NoticeCase:
    scope = scope_for(actor)
    county = _county_of_manager(scope)
    rectification = str(data.get("rectification") or RectificationStatus.UNKNOWN)

    def known_rectification(_values: dict[str, Any]) -> None:
        if rectification not in RectificationStatus.values:
            raise ApplicationError(_("整改情况无效。"), code="invalid", field="rectification")

    values = _cleaned_every(case_fields(), data, checks=(("rectification", known_rectification),))
    with transaction.atomic():
        notice = _own_notice(county, notice_pk)
        case = NoticeCase.objects.create(notice=notice, rectification=rectification, form_key=form_key or None,
                                         form_content_key=form_content_key or None, created_by=actor, **values)
        _recount(notice)
        audit_record(actor=actor, action="monitor.notice.case_add", obj=case, org_code=county,
                     changes={"notice": notice.pk, "category": values["category"], "rectification": rectification})
    return case


def notice_case_update(*, actor: User, pk: int, data: dict[str, Any]) -> NoticeCase:
    """Change a case's place, category or summary (its rectification moves by `notice_case_rectify`)."""
    scope = scope_for(actor)
    county = _county_of_manager(scope)
    values = _cleaned_every(case_fields(), data, partial=True)
    with transaction.atomic():
        case = _own_case(county, pk)
        changed = _changes(case, values)
        if changed:
            case.save()
            audit_record(actor=actor, action="monitor.notice.case_update", obj=case, org_code=county,
                         changes=_audit_value(changed))
    return case


def notice_case_delete(*, actor: User, pk: int) -> None:
    scope = scope_for(actor)
    county = _county_of_manager(scope)
    with transaction.atomic():
        case = _own_case(county, pk)
        notice = Notice.objects.select_for_update().get(pk=case.notice_id)
        audit_record(actor=actor, action="monitor.notice.case_delete", obj=case, org_code=county,
                     changes={"notice": notice.pk, "place": case.place, "category": case.category,
                              "rectification": case.rectification})
        case.delete()
        _recount(notice)


# 未公布 (a notice that did not say) may be corrected to any state; then 未整改 → 整改中 → 已整改, and an
# accepted rectification found wanting goes back to 整改中 (with a note saying why).
RECTIFICATION_TRANSITIONS: dict[str, set[str]] = {
    RectificationStatus.UNKNOWN: {RectificationStatus.PENDING, RectificationStatus.ONGOING, RectificationStatus.DONE},
    RectificationStatus.PENDING: {RectificationStatus.ONGOING, RectificationStatus.DONE},
    RectificationStatus.ONGOING: {RectificationStatus.DONE},
    RectificationStatus.DONE: {RectificationStatus.ONGOING},
}


def notice_case_rectify(*, actor: User, pk: int, to: str, date: Any, note: str = "",
                        expected: str = "") -> NoticeCase:
    """Move a case's rectification on (see RECTIFICATION_TRANSITIONS), with the date it happened and
    a note. `expected`, when given, is the state the user saw: if someone moved it meanwhile the
    move is refused rather than applied twice (a conditional UPDATE either way)."""
    scope = scope_for(actor)
    county = _county_of_manager(scope)

    def chosen(_values: dict[str, Any]) -> None:
        errors: dict[str, str] = {}
        if to not in RectificationStatus.values or to == RectificationStatus.UNKNOWN:
            errors["to"] = _("请选择整改情况。")
        if expected and expected not in RectificationStatus.values:
            # B14: a bad `expected` was reported against `to` (or as someone else's change): it is named itself
            errors["expected"] = _("“页面上看到的当前整改情况”（expected）无效：应为 %(c)s 之一，或不填。") % {
                "c": "、".join(RectificationStatus.values)}
        if errors:
            raise ApplicationError("".join(errors.values()), code="invalid", field=next(iter(errors)),
                                   details={"fields": errors})

    def allowed(values: dict[str, Any]) -> None:
        # what the case's state allows, for the fields that are right themselves
        errors: dict[str, ApplicationError] = {}
        if to in RectificationStatus.values and to != RectificationStatus.UNKNOWN \
                and to not in RECTIFICATION_TRANSITIONS[current]:
            errors["to"] = ApplicationError(_("该案例当前为“%(s)s”，不能改为“%(t)s”。") % {
                "s": case.get_rectification_display(), "t": RectificationStatus(to).label},
                code="invalid_transition", field="to")
        if current == RectificationStatus.DONE and "note" in values and not values["note"]:
            errors["note"] = ApplicationError(_("退回“整改中”时请在“整改说明”中写明原因。"), code="required", field="note")
        when = values.get("date")
        if when is not None and when < case.notice.date:
            errors["date"] = ApplicationError(_("“整改情况日期”不能早于通报日期（%(d)s）。") % {"d": case.notice.date},
                                              code="invalid", field="date")
        elif when is not None and case.rectification_date and when < case.rectification_date:
            errors["date"] = ApplicationError(_("“整改情况日期”不能早于上一次记录的日期（%(d)s）。")
                                              % {"d": case.rectification_date}, code="invalid", field="date")
        refused = one_refusal(errors, code="invalid")
        if refused is not None:
            raise refused

    with transaction.atomic():
        case = _own_case(county, pk)
        current = case.rectification
        if expected in RectificationStatus.values and expected != current:
            raise ApplicationError(_("该案例的整改情况已被改为“%(s)s”，请刷新后再操作。")
                                   % {"s": case.get_rectification_display()}, code="stale")
        # every field's error at once, what the case's state allows included (fix-monitor26b #3): the date, the
        # note, the choice
        cleaned = _cleaned_every((ledgers.FieldSpec("date", _("整改情况日期"), "date", required=True),
                                  ledgers.FieldSpec("note", _("整改说明"), "text", max_length=2000)),
                                 {"date": date, "note": note}, checks=(("to", chosen), ("state", allowed)))
        when, note = cleaned["date"], cleaned["note"]
        moved = NoticeCase.objects.filter(pk=case.pk, rectification=current).update(
            rectification=to, rectification_date=when, rectification_note=note, updated_at=timezone.now())
        if not moved:  # pragma: no cover - the row is locked above; the guard is for databases without locks
            raise ApplicationError(_("该案例的整改情况已被他人修改，请刷新后再操作。"), code="stale")
        audit_record(actor=actor, action="monitor.notice.case_rectify", obj=case, org_code=county,
                     changes={"rectification": [current, to], "date": when, "note": note})
        case.refresh_from_db()
    return case
