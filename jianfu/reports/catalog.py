"""The catalogue in the database ↔ the pure engine's `Catalog`.

YAML files (jianfu/reports/forms/*.yaml) and the web UI both write definitions as plain dicts; the
engine's loader validates the whole catalogue before anything is saved, so a bad definition never
reaches the database half-written.
"""

from __future__ import annotations

import hashlib
import pathlib
import threading

import yaml
from django.db import transaction
from django.db.models import Count, Max

from jianfu.core.audit import audit_record
from jianfu.core.errors import ApplicationError
from jianfu.core.models import AuditRecord
from jianfu.reports.engine import Catalog, DefinitionError, build_catalog
from jianfu.reports.models import Category, DataElement, Source, Template, TemplateCell

FORMS_DIR = pathlib.Path(__file__).resolve().parent / "forms"

# Template owner keys → the department short codes used for OrgUnit departments (orgs.demo).
DEPARTMENT_SHORT_CODES = {
    "minzheng": "MZ", "renshe": "RS", "weijian": "WJ", "tuiyijunren": "TY", "canlian": "CL", "fulian": "FL",
    "tongji": "TJ", "yibao": "YB", "yingji": "YJ", "nongye": "NY", "zhengfa": "ZF", "zuzhi": "ZZ",
    "zhujian": "ZJ", "linye": "LY", "jiaoyu": "JY", "shuili": "SL",
}
SHORT_CODE_DEPARTMENTS = {v: k for k, v in DEPARTMENT_SHORT_CODES.items()}


def department_code(value: object) -> object:
    """A template's owner as typed in the web UI, as the catalogue keys it: a department's short code in any case
    ("RS", "rs") is that department's key ("renshe"), and a key in capitals is lowered ("Renshe" → "renshe"). Keys are
    lowercase by design (`engine.loader.CODE_RE`) and compared exactly (`selectors.department_key`), so "RS" lowered to
    "rs" would name no department: a template owned by "rs" is seen by none (tryout27 #10c). Anything else is left as
    typed, for the loader to refuse with its reason."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    return SHORT_CODE_DEPARTMENTS.get(text.upper()) or text.lower()


def _with_department_code(definition: dict) -> dict:
    if not isinstance(definition, dict) or "department" not in definition:
        return definition
    return {**definition, "department": department_code(definition["department"])}

_cache_lock = threading.Lock()
_cache: dict = {"key": None, "catalog": None}


def _version_key():
    parts = []
    for model in (Category, DataElement, Template):
        agg = model.objects.aggregate(n=Count("id"), t=Max("updated_at"))
        parts.append((agg["n"], agg["t"]))
    return tuple(parts)


def _docs_from_db(extra_templates: list[dict] | None = None, skip_template: str | None = None):
    cats = {c.code: c.definition for c in Category.objects.all()}
    els = [e.definition for e in DataElement.objects.all()]
    docs = [("数据库:categories", {"categories": cats}), ("数据库:elements", {"elements": els})]
    for t in Template.objects.filter(is_active=True):
        if t.code != skip_template:
            docs.append((f"模板 {t.code}", {"template": t.definition}))
    for d in extra_templates or []:
        docs.append(("新模板", {"template": d}))
    return docs


def catalog_get() -> Catalog:
    """The validated catalogue of everything in the database (cached until a definition changes)."""
    key = _version_key()
    with _cache_lock:
        if _cache["key"] == key and _cache["catalog"] is not None:
            return _cache["catalog"]
    try:
        catalog = build_catalog(_docs_from_db())
    except DefinitionError as exc:  # should not happen: every save validates first
        raise ApplicationError(f"报表目录定义有误：{exc.message}", code="catalog_invalid") from None
    with _cache_lock:
        _cache.update(key=key, catalog=catalog)
    return catalog


def read_yaml_dir(directory: pathlib.Path = FORMS_DIR) -> list[tuple[str, dict]]:
    docs = []
    problems = []
    for path in sorted(pathlib.Path(directory).glob("*.yaml")):
        try:
            docs.append((path.name, yaml.safe_load(path.read_text(encoding="utf-8"))))
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            mark = getattr(exc, "problem_mark", None)
            problems.append((f"{path.name}:{mark.line + 1}" if mark else path.name, f"无法解析：{exc}"))
    if problems:
        raise DefinitionError(problems)
    return docs


def forms_digest(directory: pathlib.Path = FORMS_DIR) -> str:
    """sha256 over the catalogue's YAML files (names and bytes, in order): what a load is recorded with."""
    digest = hashlib.sha256()
    for path in sorted(pathlib.Path(directory).glob("*.yaml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def forms_load_if_changed(*, directory: pathlib.Path = FORMS_DIR) -> dict | None:
    """The step after `migrate` (`manage.py reports_load_forms --if-changed`): the built-in forms are loaded when the
    YAML differs from what the last load recorded, or when none of its templates is in the database — so an upgraded
    database gets the new forms, and a second run writes nothing. Returns the
    load's counts, or None when nothing was loaded. Loading is idempotent (each row by its code: never a duplicate)."""
    digest = forms_digest(directory)
    last = (AuditRecord.objects.filter(action="reports.forms.load").order_by("-id")
            .values_list("changes", flat=True).first())
    if isinstance(last, dict) and last.get("digest") == digest and Template.objects.filter(source=Source.YAML).exists():
        return None
    return forms_load(actor=None, directory=directory)


def forms_load(*, actor, directory: pathlib.Path = FORMS_DIR) -> dict:
    """Load the YAML catalogue into the database (validated as a whole first; atomic)."""
    digest = forms_digest(directory)
    docs = read_yaml_dir(directory)
    catalog = build_catalog(docs)  # raises DefinitionError naming every problem; nothing written
    categories: dict[str, dict] = {}
    elements: dict[str, dict] = {}
    templates: dict[str, dict] = {}
    for _source, data in docs:
        if not data:
            continue
        categories.update(data.get("categories") or {})
        for el in data.get("elements") or []:
            elements[el["code"]] = el
        if data.get("template"):
            templates[data["template"]["code"]] = data["template"]
    counts = {"categories": 0, "elements": 0, "templates": 0}
    with transaction.atomic():
        for code, definition in categories.items():
            Category.objects.update_or_create(code=code, defaults={
                "name": catalog.categories[code].name, "definition": definition, "source": Source.YAML})
            counts["categories"] += 1
        for code, definition in elements.items():
            el = catalog.elements[code]
            DataElement.objects.update_or_create(code=code, defaults={
                "name": el.name, "kind": el.kind, "unit": el.unit, "definition": definition,
                "source": Source.YAML})
            counts["elements"] += 1
        for code, definition in templates.items():
            _template_store(catalog, code, definition, source=Source.YAML, actor=None)
            counts["templates"] += 1
        audit_record(actor=actor, action="reports.forms.load", object_type="reports.catalog",
                     object_repr="YAML 报表目录", changes={**counts, "digest": digest})
    return counts


def _template_store(catalog: Catalog, code: str, definition: dict, *, source: str, actor) -> Template:
    t = catalog.templates[code]
    tpl, _created = Template.objects.update_or_create(code=code, defaults={
        "name": t.name, "department": t.department, "department_name": t.department_name,
        "period_type": t.period_type, "due_days": t.due_days, "definition": definition, "source": source,
        "is_active": True})
    if actor is not None and tpl.created_by_id is None:
        tpl.created_by = actor
        tpl.save(update_fields=["created_by"])
    ids = dict(DataElement.objects.filter(code__in={c.element for c in t.cells}).values_list("code", "id"))
    tpl.cell_rows.all().delete()
    TemplateCell.objects.bulk_create([
        TemplateCell(template=tpl, position=i, key=c.key, label=c.label, element_id=ids[c.element],
                     by=dict(c.by), address=c.address)
        for i, c in enumerate(t.cells)])
    return tpl


def template_validate(definition: dict) -> Catalog:
    """Validate a template definition against the stored catalogue; returns the catalogue with it."""
    definition = _with_department_code(definition)
    code = definition.get("code") if isinstance(definition, dict) else None
    return build_catalog(_docs_from_db(extra_templates=[definition], skip_template=code))


def template_save(*, actor, definition: dict, source: str = Source.WEB) -> Template:
    """Create or replace a template defined in the web UI (validated like a YAML file); its department as
    `department_code` keys it."""
    definition = _with_department_code(definition)
    try:
        catalog = template_validate(definition)
    except DefinitionError as exc:
        raise ApplicationError(exc.message, code="definition_invalid", field="definition") from None
    code = definition["code"]
    with transaction.atomic():
        existed = Template.objects.filter(code=code).exists()
        tpl = _template_store(catalog, code, definition, source=source, actor=actor)
        audit_record(actor=actor, action="reports.template.update" if existed else "reports.template.create",
                     obj=tpl, changes={"cells": len(definition.get("cells") or [])})
    return tpl
