"""The responsibility catalogue (职责清单): versions, editing, xlsx import/export, the default catalogue.

Versions: a county edits a *draft*; publishing gives it an effective date (and ends the previous
version the day before). Events keep the version they were routed with, so a later edit never
rewrites history. Matters of a published version are not edited in place: copy to a new draft.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.accounts.roles import Capability
from jianfu.core import formtokens
from jianfu.core.audit import audit_record
from jianfu.core.errors import ApplicationError, NotFoundError
from jianfu.core.officeprops import new_workbook
from jianfu.core.text import xlsx_clean
from jianfu.core.uploads import TooLarge, read_within, too_large_message
from jianfu.core.xlsxguard import (
    NOT_XLSX,
    UNREADABLE,
    SheetInfo,
    formula_without_value,
    formulas_by_row,
    sheet_info,
    workbook_bytes,
    xlsx_refusal,
)
from jianfu.dispatch import access
from jianfu.dispatch.models import CatalogueVersion, GrassrootsRole, Matter
from jianfu.orgs.models import OrgUnit, UnitKind

DEFAULT_CATALOGUE = Path(__file__).resolve().parent / "data" / "catalogue.yaml"
ROLE_BY_LABEL = {str(label): value for value, label in GrassrootsRole.choices} | {
    v: v for v in GrassrootsRole.values} | {"主责": "lead", "配合": "assist", "不承担": "none", "": "none"}
XLSX_COLUMNS = [
    ("code", "事项编码"), ("name", "事项名称"), ("group", "类别"), ("description", "事项说明"),
    ("keywords", "关键词"), ("examples", "典型表述"), ("department", "牵头部门"),
    ("cooperating", "配合部门"), ("grassroots_role", "基层职责"), ("time_limit_days", "办理时限（工作日）"),
    ("urgent_hours", "紧急时限（小时）"), ("legal_basis", "法律依据"),
]
_SPLIT = re.compile(r"[、,，;；\n]+")
CODE_RE = re.compile(r"^[A-Za-z0-9_.\-]{1,40}$")


def _county(code: str) -> str:
    return (code or "")[:6].ljust(12, "0")


def _require_manage(actor, county_code: str) -> None:
    if actor is None:  # management commands and the demo run as the system
        return
    access.require(actor, Capability.CATALOGUE_MANAGE)
    if not access.scope_for(actor).covers(county_code):
        raise NotFoundError(_("找不到该县的职责清单，或不在您的管辖范围内。"))


def safe_cell(value):
    """A value an xlsx cell can hold (`jianfu.core.text.xlsx_clean`: characters xlsx cannot hold removed, cut to
    Excel's cell limit). Text that would start a formula is made inert when the workbook is saved
    (`jianfu.core.xlsxguard.workbook_bytes`: a text cell with the quote prefix, no apostrophe added)."""
    return xlsx_clean(value)


# ---------------------------------------------------------------------------------------------
# departments


def departments_for(county_code: str) -> list[OrgUnit]:
    county = _county(county_code)
    return list(OrgUnit.objects.filter(parent_code=county, kind=UnitKind.DEPARTMENT, is_active=True).order_by("code"))


def ensure_departments(*, actor, county_code: str, departments: dict[str, str]) -> dict[str, str]:
    """Map catalogue department keys ("LY") to department units of the county, creating the missing
    ones (by short code, else by name). Returns {key: department code}."""
    from jianfu.orgs.services import department_create

    county = _county(county_code)
    existing = departments_for(county)
    by_short = {d.short_code: d.code for d in existing if d.short_code}
    by_name = {d.name: d.code for d in existing}
    mapping: dict[str, str] = {}
    for key, name in departments.items():
        code = by_short.get(key) or by_name.get(name)
        if code is None:
            code = department_create(actor=actor, parent_code=county, name=name, short_code=key).code
        elif key not in by_short:
            OrgUnit.objects.filter(code=code, short_code="").update(short_code=key)
        mapping[key] = code
    return mapping


def _department_lookup(county_code: str) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for d in departments_for(county_code):
        lookup[d.code] = d.code
        lookup[d.name] = d.code
        if d.short_code:
            lookup[d.short_code] = d.code
    return lookup


# ---------------------------------------------------------------------------------------------
# versions


def _next_number(county: str) -> int:
    return (CatalogueVersion.objects.filter(org_code=county).aggregate(n=Max("number"))["n"] or 0) + 1


def version_create_draft(*, actor, county_code: str, name: str = "", copy_from: CatalogueVersion | None = None,
                         notes: str = "", form_token: str = "") -> CatalogueVersion:
    """A new draft, empty or a copy of `copy_from`. `form_token`: the web form's one-time token — the same form
    posted again (three clicks at once made three drafts of 199 matters: badinput16 #9c) answers with the draft its
    first post made (`core.formtokens`)."""
    county = _county(county_code)
    _require_manage(actor, county)
    form_key = formtokens.key(form_token)
    # the same token with another draft (another version copied, another name) is not a repeat: an expired form,
    # nothing copied, never answered with the first draft (ADR 0036; cr18 #3)
    content_key = formtokens.content_key(form_token, {
        "county": county, "name": name, "notes": notes, "copy_from": getattr(copy_from, "pk", None)})
    user_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    # looked up over every version (the key is unique): another account's token is an expired form, naming no draft
    # and not a 500 from the unique key (security17 #2)
    version, _created = formtokens.once(
        CatalogueVersion.objects, form_key,
        lambda: _create_draft(actor=actor, county=county, name=name, copy_from=copy_from, notes=notes,
                              form_key=form_key, form_content_key=content_key),
        own=lambda v: v.org_code == county and v.created_by_id == user_id and formtokens.same_content(v, content_key))
    return version


def version_copy_from_form(*, actor, version: CatalogueVersion, form_token: object) -> CatalogueVersion:
    """复制为草稿 from a version's page: a post without a well-formed one-time token is refused and copies nothing,
    as every web create form (`formtokens.required_key`, ADR 0035; security17 #3)."""
    _require_manage(actor, _county(version.org_code))   # who may copy first: a refusal, not “表单已失效”
    formtokens.required_key(form_token)
    return version_create_draft(actor=actor, county_code=version.org_code, copy_from=version, name=version.name,
                                form_token=str(form_token))


def _create_draft(*, actor, county: str, name: str, copy_from: CatalogueVersion | None, notes: str,
                  form_key: str, form_content_key: str = "") -> CatalogueVersion:
    with transaction.atomic():
        number = _next_number(county)
        version = CatalogueVersion.objects.create(
            org_code=county, number=number, name=(name or _("职责清单"))[:200], notes=notes,
            created_by=actor if getattr(actor, "is_authenticated", False) else None, form_key=form_key or None,
            form_content_key=form_content_key or None)
        copied = 0
        if copy_from is not None:
            if copy_from.org_code != county:
                raise ApplicationError(_("只能复制本县的清单版本。"), field="copy_from")
            matters = [Matter(version=version, org_code=county, **{f: getattr(m, f) for f in _MATTER_FIELDS})
                       for m in copy_from.matters.all()]
            Matter.objects.bulk_create(matters)
            copied = len(matters)
        audit_record(actor=actor, action="dispatch.catalogue.create_draft", obj=version,
                     changes={"copied_from": getattr(copy_from, "pk", None), "matters": copied})
    return version


_MATTER_FIELDS = ("code", "name", "group", "description", "keywords", "examples", "department_code",
                  "cooperating_codes", "grassroots_role", "time_limit_days", "urgent_hours", "legal_basis", "active")


def version_publish(*, actor, version: CatalogueVersion, effective_from: dt.date | None = None) -> CatalogueVersion:
    _require_manage(actor, version.org_code)
    effective_from = effective_from or timezone.localdate()
    with transaction.atomic():
        version = CatalogueVersion.objects.select_for_update().get(pk=version.pk)
        if version.state != CatalogueVersion.State.DRAFT:
            raise ApplicationError(_("该版本已发布，不能重复发布。"), code="wrong_state")
        if not version.matters.filter(active=True).exists():
            raise ApplicationError(_("清单中没有任何启用的事项，不能发布。"), code="empty")
        later = CatalogueVersion.objects.filter(org_code=version.org_code, state=CatalogueVersion.State.PUBLISHED,
                                                effective_from__gt=effective_from)
        if later.exists():
            raise ApplicationError(_("生效日期不能早于已发布版本的生效日期。"), field="effective_from")
        CatalogueVersion.objects.filter(org_code=version.org_code, state=CatalogueVersion.State.PUBLISHED,
                                        effective_to__isnull=True).update(effective_to=effective_from)
        version.state = CatalogueVersion.State.PUBLISHED
        version.effective_from = effective_from
        version.save(update_fields=["state", "effective_from", "updated_at"])
        audit_record(actor=actor, action="dispatch.catalogue.publish", obj=version,
                     changes={"effective_from": effective_from.isoformat()})
        transaction.on_commit(lambda: _warm(version.pk))
    return version


def _warm(version_id: int) -> None:
    from jianfu.dispatch.tasks import warm_router

    warm_router(version_id)


# ---------------------------------------------------------------------------------------------
# matters


def _clean_matter(raw: dict, *, lookup: dict[str, str], where: str) -> dict:
    def err(field_label: str, reason: str):
        return ApplicationError(_("%(where)s「%(col)s」：%(reason)s") % {"where": where, "col": field_label, "reason": reason},
                                code="invalid", field=field_label)

    code = str(raw.get("code") or "").strip()
    if not CODE_RE.match(code):
        raise err(_("事项编码"), _("必须是 1 到 40 位字母、数字或 _.-"))
    name = str(raw.get("name") or "").strip()
    if not name or len(name) > 200:
        raise err(_("事项名称"), _("不能为空，且不超过 200 字"))
    dept_raw = str(raw.get("department") or "").strip()
    dept = lookup.get(dept_raw)
    if dept is None:
        raise err(_("牵头部门"), _("找不到部门「%(d)s」") % {"d": dept_raw[:50]})
    coop = []
    for item in _as_list(raw.get("cooperating")):
        code_ = lookup.get(item)
        if code_ is None:
            raise err(_("配合部门"), _("找不到部门「%(d)s」") % {"d": item[:50]})
        coop.append(code_)
    role = ROLE_BY_LABEL.get(str(raw.get("grassroots_role") or "").strip())
    if role is None:
        raise err(_("基层职责"), _("只能是 主责、配合 或 不承担"))

    def number(key, label, default, low, high):
        value = raw.get(key)
        if value in (None, ""):
            return default
        try:
            n = int(float(value))
        except (TypeError, ValueError, OverflowError):  # OverflowError: "1e999" reads as infinity
            raise err(label, _("必须是整数")) from None
        if not low <= n <= high:
            raise err(label, _("必须在 %(low)d 到 %(high)d 之间") % {"low": low, "high": high})
        return n

    keywords = [k[:50] for k in _as_list(raw.get("keywords"))][:100]
    examples = [e[:300] for e in _as_list(raw.get("examples"), split_commas=False)][:50]
    return {
        "code": code, "name": name, "group": str(raw.get("group") or "").strip()[:100],
        "description": str(raw.get("description") or "").strip()[:5000], "keywords": keywords, "examples": examples,
        "department_code": dept, "cooperating_codes": coop, "grassroots_role": role,
        "time_limit_days": number("time_limit_days", _("办理时限（工作日）"), 5, 1, 365),
        "urgent_hours": number("urgent_hours", _("紧急时限（小时）"), 24, 1, 720),
        "legal_basis": str(raw.get("legal_basis") or "").strip()[:5000],
    }


def _as_list(value, *, split_commas: bool = True) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, list | tuple):
        items = [str(v) for v in value]
    elif split_commas:
        items = _SPLIT.split(str(value))
    else:
        items = re.split(r"[\n；;]+", str(value))
    return [i.strip() for i in items if i and i.strip()]


def matter_save(*, actor, version: CatalogueVersion, data: dict, matter: Matter | None = None) -> Matter:
    """Create or edit one matter of a draft version."""
    _require_manage(actor, version.org_code)
    if version.state != CatalogueVersion.State.DRAFT:
        raise ApplicationError(_("已发布的清单不能直接修改，请先复制为新草稿。"), code="wrong_state")
    clean = _clean_matter(data, lookup=_department_lookup(version.org_code), where=_("事项"))
    with transaction.atomic():
        clash = Matter.objects.filter(version=version, code=clean["code"])
        if matter is not None:
            clash = clash.exclude(pk=matter.pk)
        if clash.exists():
            raise ApplicationError(_("事项编码「%(c)s」已存在。") % {"c": clean["code"]}, field="code", code="duplicate")
        if matter is None:
            matter = Matter.objects.create(version=version, org_code=version.org_code, **clean)
            action = "dispatch.matter.create"
        else:
            for k, v in clean.items():
                setattr(matter, k, v)
            matter.save()
            action = "dispatch.matter.update"
        CatalogueVersion.objects.filter(pk=version.pk).update(updated_at=timezone.now())
        audit_record(actor=actor, action=action, obj=matter, changes={"code": matter.code})
    return matter


def matter_set_active(*, actor, matter: Matter, active: bool) -> Matter:
    _require_manage(actor, matter.org_code)
    if matter.version.state != CatalogueVersion.State.DRAFT:
        raise ApplicationError(_("已发布的清单不能直接修改，请先复制为新草稿。"), code="wrong_state")
    with transaction.atomic():
        Matter.objects.filter(pk=matter.pk).update(active=active)
        matter.active = active
        audit_record(actor=actor, action="dispatch.matter.set_active", obj=matter, changes={"active": active})
    return matter


# ---------------------------------------------------------------------------------------------
# xlsx


def catalogue_export_xlsx(version: CatalogueVersion) -> bytes:
    names = dict(OrgUnit.objects.filter(kind=UnitKind.DEPARTMENT, parent_code=version.org_code)
                 .values_list("code", "name"))
    wb = new_workbook(title=_("职责清单"))
    ws = wb.active
    ws.title = "职责清单"
    ws.append([label for _k, label in XLSX_COLUMNS])
    for m in version.matters.order_by("group", "code"):
        ws.append([safe_cell(v) for v in (
            m.code, m.name, m.group, m.description, "、".join(m.keywords), "\n".join(m.examples),
            names.get(m.department_code, m.department_code),
            "、".join(names.get(c, c) for c in m.cooperating_codes), str(GrassrootsRole(m.grassroots_role).label),
            m.time_limit_days, m.urgent_hours, m.legal_basis)])
    for col, width in zip("ABCDEFGHIJKL", (12, 24, 12, 40, 30, 40, 16, 20, 8, 10, 10, 30), strict=True):
        ws.column_dimensions[col].width = width
    return workbook_bytes(wb)


MAX_IMPORT_BYTES = 10 * 2**20
MAX_IMPORT_ROWS = 5000


def catalogue_import_from_form(*, actor, county_code: str, file, name: str, form_token: object
                               ) -> tuple[CatalogueVersion, bool]:
    """导入职责清单 from the web form: (draft, True) when imported now, (the draft that form imported, False) when the
    same form — its one-time token — was posted again with the same file and name (a double tap, a retry after a
    timeout, back then 导入): one draft, not two of the same sheet (fix-token29). No well-formed token: refused before
    the file is read (ADR 0035); the same token with another file or name, or from another account: an expired form
    (ADR 0036), as 复制为草稿 (`version_create_draft`)."""
    county = _county(county_code)
    _require_manage(actor, county)   # who may import first: a refusal, not “表单已失效”
    form_key = formtokens.required_key(form_token)
    content_key = formtokens.content_key(form_token, {
        "county": county, "name": name, "file": formtokens.upload_digest(file, limit=MAX_IMPORT_BYTES)})
    user_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    return formtokens.once(
        CatalogueVersion.objects, form_key,
        lambda: catalogue_import_xlsx(actor=actor, county_code=county, file=file, name=name, form_key=form_key,
                                      form_content_key=content_key),
        content_key=content_key, own=lambda v: v.org_code == county and v.created_by_id == user_id)


def catalogue_import_xlsx(*, actor, county_code: str, file, name: str = "", form_key: str = "",
                          form_content_key: str = "") -> CatalogueVersion:
    """Read a whole xlsx into a new draft: every row is checked first; one bad row → nothing written,
    and the error names the row and column."""
    from openpyxl import load_workbook

    county = _county(county_code)
    _require_manage(actor, county)
    try:   # the one upload rule: over the limit by its declared size, unread; else read to limit + 1 at most
        data = read_within(file, limit=MAX_IMPORT_BYTES)
    except TooLarge as exc:   # its size shown only when it declared one: else it is the limit + 1 bytes read
        raise ApplicationError(too_large_message(_("文件"), limit=MAX_IMPORT_BYTES, size=exc),
                               field="file", code="too_large") from None
    unreadable = _("无法读取该文件，请上传 .xlsx 格式的职责清单。")
    refusal = xlsx_refusal(data)  # not a zip, or one that would unpack to more than memory holds
    if refusal:
        raise ApplicationError(unreadable if refusal == NOT_XLSX else refusal, field="file", code="invalid")
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise ApplicationError(unreadable, field="file", code="invalid") from None
    try:
        header, rows = _sheet_rows(wb)
        info = sheet_info(data, wb.worksheets[0].title)  # formulas saved without their result (a script's, WPS's)
    except UNREADABLE:  # a damaged sheet is only found while its rows are read
        raise ApplicationError(unreadable, field="file", code="invalid") from None
    finally:
        wb.close()
    # cleaning is outside the guard: a bad row is named by its row and column, and a bug in cleaning is a bug,
    # never "an unreadable file"
    cleaned = _catalogue_rows(header, rows, county, info)
    with transaction.atomic():
        # `_create_draft` as `version_create_draft` makes it, with the import form's keys (fix-token29)
        version = _create_draft(actor=actor, county=county, name=name or _("导入的职责清单"), copy_from=None, notes="",
                                form_key=form_key, form_content_key=form_content_key)
        Matter.objects.bulk_create([Matter(version=version, org_code=county, **c) for c in cleaned])
        audit_record(actor=actor, action="dispatch.catalogue.import", obj=version, changes={"matters": len(cleaned)})
    return version


def _sheet_rows(wb) -> tuple[list[str], list[tuple[int, tuple]]]:
    """Only the reading (where a damaged file shows): the first sheet's header and its non-empty rows with their
    numbers as the user sees them, one past the row limit at most."""
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = [str(c or "").strip() for c in next(rows, [])]
    out: list[tuple[int, tuple]] = []
    for number, row in enumerate(rows, start=2):
        if number - 1 > MAX_IMPORT_ROWS:
            out.append((number, ()))   # the marker of too many rows (refused by _catalogue_rows)
            break
        if not row or all(c in (None, "") for c in row):
            continue
        out.append((number, tuple(row)))
    return header, out


def _catalogue_rows(header: list[str], rows: list[tuple[int, tuple]], county: str,
                    info: SheetInfo | None = None) -> list[dict]:
    """Every row of the first sheet checked; the first bad one raises, naming its row and column (a formula saved
    without its result is named as one, not as an empty cell)."""
    index = {}
    for key, label in XLSX_COLUMNS:
        if label in header:
            index[key] = header.index(label)
    missing = [label for key, label in XLSX_COLUMNS if key in ("code", "name", "department") and key not in index]
    if missing:
        raise ApplicationError(_("表头缺少列：%(cols)s") % {"cols": "、".join(missing)}, field="file", code="invalid")
    lookup = _department_lookup(county)
    # a row whose cells are all such formulas reads as empty: they are looked at before the rows
    formulas = {n: cells for n, cells in formulas_by_row(info or SheetInfo(), index.values()).items() if n > 1}
    if formulas:
        number = min(formulas)
        column = dict(XLSX_COLUMNS)[{i: k for k, i in index.items()}[formulas[number][0]]]
        raise ApplicationError(formula_without_value(number, column) + "。", field=column,
                               code="formula")
    cleaned, seen = [], set()
    for number, row in rows:
        if number - 1 > MAX_IMPORT_ROWS:
            raise ApplicationError(_("最多导入 %(n)d 行。") % {"n": MAX_IMPORT_ROWS}, field="file")
        raw = {k: (row[i] if i < len(row) else None) for k, i in index.items()}
        raw = {k: (v.lstrip("'") if isinstance(v, str) else v) for k, v in raw.items()}
        clean = _clean_matter(raw, lookup=lookup, where=_("第 %(n)d 行") % {"n": number})
        if clean["code"] in seen:
            raise ApplicationError(_("第 %(n)d 行「事项编码」：%(c)s 重复") % {"n": number, "c": clean["code"]},
                                   field="事项编码", code="duplicate")
        seen.add(clean["code"])
        cleaned.append(clean)
    if not cleaned:
        raise ApplicationError(_("文件中没有事项。"), field="file", code="empty")
    return cleaned


# ---------------------------------------------------------------------------------------------
# the default catalogue


def catalogue_load_yaml(*, actor, county_code: str, path: Path | str | None = None,
                        effective_from: dt.date | None = None, publish: bool = True) -> CatalogueVersion:
    """Load a catalogue.yaml (the project's default one unless `path`) into a county: creates the
    missing departments, a new version with every matter, and publishes it."""
    from jianfu.dispatch.routing import CatalogueError
    from jianfu.dispatch.routing.catalogue import load_catalogue_file

    path = Path(path or DEFAULT_CATALOGUE)
    county = _county(county_code)
    if not OrgUnit.objects.filter(code=county, kind=UnitKind.COUNTY).exists():
        raise ApplicationError(_("找不到县级单位 %(c)s，请先导入区划代码。") % {"c": county}, field="county")
    try:
        loaded = load_catalogue_file(str(path))
    except CatalogueError as exc:
        raise ApplicationError(str(exc), field=getattr(exc, "field", None) or "file", code="invalid") from None
    with transaction.atomic():
        mapping = ensure_departments(actor=actor, county_code=county, departments=loaded.departments)
        # The version is named by the file's own title and version, which the event page shows to dispatchers;
        # never by the file's name (a file name means nothing to them; the audit record keeps it).
        version = version_create_draft(actor=actor, county_code=county, name=loaded.label or _("职责清单"))
        matters = []
        for r in loaded.records:
            matters.append(Matter(
                version=version, org_code=county, code=r["code"], name=r["name"], group=r["group"],
                description=r["description"], keywords=list(r["keywords"]), examples=list(r["examples"]),
                department_code=mapping[r["lead_department"]],
                cooperating_codes=[mapping[c] for c in r.get("cooperating_departments", []) if c in mapping],
                grassroots_role=ROLE_BY_LABEL.get(str(r.get("grassroots_role") or "").strip(), "none"),
                time_limit_days=int(r.get("time_limit_days") or 5), urgent_hours=int(r.get("urgent_hours") or 24),
                legal_basis=str(r.get("legal_basis") or "")))
        Matter.objects.bulk_create(matters)
        audit_record(actor=actor, action="dispatch.catalogue.load_yaml", obj=version,
                     changes={"matters": len(matters), "departments": len(mapping), "file": path.name})
        if publish:
            version = version_publish(actor=actor, version=version,
                                      effective_from=effective_from or _publish_date(county))
    return version


def _publish_date(county: str) -> dt.date:
    today = timezone.localdate()
    last = (CatalogueVersion.objects.filter(org_code=county, state=CatalogueVersion.State.PUBLISHED)
            .aggregate(d=Max("effective_from"))["d"])
    return max(today, last) if last else today
