"""Writes of the burden monitor. Every function is keyword-only, atomic and audited; a refused or failed
call leaves nothing behind. Who may write which ledger row:

- a department files what it causes: the issuer is always its own department; the target is its county
  or a unit in it;
- a township or village records what it received: the target is its own unit (or one below it), the
  issuer is whoever caused it; it may change only rows it recorded itself;
- the county office (MONITOR_MANAGE) files and corrects anything in its county.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.accounts.roles import Capability
from jianfu.accounts.scoping import Scope, scope_for
from jianfu.core.audit import audit_record
from jianfu.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from jianfu.monitor import ledgers
from jianfu.monitor.models import (
    LEDGER_MODELS,
    Finding,
    FindingSource,
    FindingStatus,
    LedgerKind,
    LedgerRow,
    Notice,
    NoticeCase,
    ProblemCategory,
    RecordedAs,
    Rule,
    RuleSwitch,
    Severity,
)
from jianfu.monitor.rules import engine
from jianfu.orgs import codes
from jianfu.orgs.models import OrgUnit, UnitKind

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024  # the review readers' limit: the same file can be reviewed


def county_of(code: str) -> str:
    """450521200206 → 450521000000; a department code 450521000000D01 → 450521000000."""
    return code[:6] + "000000" if code and len(code) >= 6 else ""


# -------------------------------------------------------------------------------------- units

# During a bulk write (an import of thousands of rows naming the same few units) unit look-ups are
# memoised for that call only; a context variable keeps concurrent requests apart.
_UNIT_CACHE: ContextVar[dict | None] = ContextVar("monitor_unit_cache", default=None)


def _active_unit(code: str) -> OrgUnit | None:
    cache = _UNIT_CACHE.get()
    if cache is not None and code in cache:
        return cache[code]
    unit = OrgUnit.objects.filter(code=code, is_active=True).first() if code else None
    if cache is not None:
        cache[code] = unit
    return unit


def resolve_unit(text: str, *, county_code: str, field: str, label: str) -> OrgUnit:
    """An org unit named by its code or its full name (a name is looked up in the county first)."""
    text = (text or "").strip()
    if not text:
        raise ApplicationError(_("请填写%(l)s。") % {"l": label}, code="required", field=field)
    cache = _UNIT_CACHE.get()
    if cache is not None and ("name", text, county_code) in cache:
        return cache[("name", text, county_code)]
    unit = _active_unit(text)
    if unit is None:
        by_name = list(OrgUnit.objects.filter(name=text, is_active=True)[:20])
        local = [u for u in by_name if county_code and u.code.startswith(county_code[:6])]
        candidates = local or by_name
        if len(candidates) == 1:
            unit = candidates[0]
        elif len(candidates) > 1:
            raise ApplicationError(_("%(l)s“%(t)s”有重名，请改填单位代码。") % {"l": label, "t": text[:40]},
                                   code="ambiguous_unit", field=field)
    if unit is None:
        raise ApplicationError(_("未知的%(l)s“%(t)s”：请填写系统中已有单位的代码或全称。") % {"l": label, "t": text[:40]},
                               code="unknown_unit", field=field)
    if cache is not None:
        cache[("name", text, county_code)] = unit
    return unit


def unit_level(unit: OrgUnit) -> str:
    if unit.kind == UnitKind.DEPARTMENT:
        parent = _active_unit(unit.parent_code)
        return parent.kind if parent else "county"
    return "village" if unit.kind == UnitKind.GRID else unit.kind


# ------------------------------------------------------------------------------------ ledgers

def _placement(scope: Scope, *, actor, kind: str, values: dict) -> dict:
    """Decide issuer, target unit and `recorded_as` for a new row from who is writing."""
    if scope.is_department:
        issuer = _active_unit(scope.department_code)
        if values.get("issuer") and values["issuer"] not in (issuer.code, issuer.name):
            raise PermissionDeniedError(_("部门只能填报本部门造成的事项，不能代其他单位填报。"),
                                        code="other_issuer")
        target_code = values.get("target") or (issuer.parent_code if kind != LedgerKind.PLAQUE else "")
        recorded_as = RecordedAs.ISSUER
    else:
        manager = scope.can(Capability.MONITOR_MANAGE)
        target_code = values.get("target") or ("" if scope.is_all else scope.unit_code)
        recorded_as = RecordedAs.ISSUER if manager else RecordedAs.BEARER
        issuer = None
    target = _active_unit(target_code) if target_code else None
    if target is None or target.kind in (UnitKind.DEPARTMENT,):
        raise ApplicationError(_("请填写有效的承受单位（县、乡镇或村的代码）。"), code="invalid_target", field="target")
    if target.kind == UnitKind.GRID:
        target = _active_unit(target.parent_code)  # a grid's burden is its village's
    if not scope.covers(target.code):
        raise ApplicationError(_("承受单位“%(n)s”不在您的管辖范围内。") % {"n": target.name},
                               code="target_out_of_scope", field="target")
    if kind == LedgerKind.PLAQUE and target.kind != UnitKind.VILLAGE:
        raise ApplicationError(_("牌子台账按村（社区）登记：承受单位应为村或社区。"), code="invalid_target", field="target")
    county = county_of(target.code)
    if issuer is None:
        issuer = resolve_unit(values.get("issuer") or "", county_code=county, field="issuer", label=_("造成单位"))
    return {"issuer": issuer, "target": target, "recorded_as": recorded_as, "county": county}


def _specific(kind: str, values: dict, *, county: str) -> dict:
    """Model fields of the ledger-specific values (codes resolved, cross-field checks)."""
    names = {spec.name for spec in ledgers.SPECIFIC[kind]}
    out = {k: v for k, v in values.items() if k in names}
    if kind == LedgerKind.MEETING and out.get("speech_minutes", 0) > out.get("duration_minutes", 0):
        raise ApplicationError(_("“主要讲话时长”不能超过“会议时长”。"), code="invalid", field="speech_minutes")
    if kind == LedgerKind.SECONDMENT:
        source = resolve_unit(out.pop("from_unit"), county_code=county, field="from_unit", label=_("借出单位"))
        out["from_unit_code"], out["from_unit_level"] = source.code, unit_level(source)
    if kind == LedgerKind.DOCUMENT:
        out.pop("review", None)
    return out


def _link_review(actor, review_id: int | None):
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
        raise ApplicationError(_("附件大小为 %(mb).1f MB，超过 %(max)d MB 的上限。")
                               % {"mb": len(data) / 2**20, "max": MAX_ATTACHMENT_BYTES // 2**20},
                               code="too_large", field="file")
    try:
        source = readers.read_bytes(data, filename)
    except ReviewInputError as exc:
        raise ApplicationError(exc.message, code=exc.code, field="file") from exc
    return body_length(source.paragraphs)


def attachment_size_check(size: int | None) -> None:
    if size is not None and size > MAX_ATTACHMENT_BYTES:
        raise ApplicationError(_("附件大小为 %(mb).1f MB，超过 %(max)d MB 的上限。")
                               % {"mb": size / 2**20, "max": MAX_ATTACHMENT_BYTES // 2**20},
                               code="too_large", field="file")


def _build(*, actor, scope: Scope, kind: str, raw: dict) -> LedgerRow:
    values = ledgers.clean_fields(kind, raw)
    placed = _placement(scope, actor=actor, kind=kind, values=values)
    model = LEDGER_MODELS[kind]
    row = model(org_code=placed["target"].code, county_code=placed["county"], issuer_code=placed["issuer"].code,
                issuer_name=placed["issuer"].name, date=values["date"], title=values["title"],
                note=values["note"], recorded_as=placed["recorded_as"], recorded_by=actor,
                **_specific(kind, values, county=placed["county"]))
    if kind == LedgerKind.DOCUMENT:
        row.review = _link_review(actor, values.get("review"))
    return row


def ledger_create(*, actor, kind: str, data: dict, file_data: bytes | None = None, filename: str = "") -> LedgerRow:
    """One ledger row. For a document, an uploaded file (.docx/.pdf/.txt) gives its length in 字."""
    scope = scope_for(actor)
    scope.require(Capability.MONITOR_RECORD)
    row = _build(actor=actor, scope=scope, kind=kind, raw=data)
    if kind == LedgerKind.DOCUMENT and file_data is not None:
        row.length = _document_length(file_data, filename)
        row.filename = filename[:255]
    with transaction.atomic():
        if kind == LedgerKind.DOCUMENT and file_data is not None:
            row.file.save(filename or "document", ContentFile(file_data), save=False)
        row.save()
        audit_record(actor=actor, action=f"monitor.{kind}.create", obj=row,
                     changes={"issuer": row.issuer_code, "title": row.title, "date": row.date})
        _schedule_refresh(row.county_code, row.date.year)
    return row


def _writable(*, actor, scope: Scope, kind: str, pk: int) -> LedgerRow:
    scope.require(Capability.MONITOR_RECORD)
    model = LEDGER_MODELS.get(kind)
    if model is None:
        raise NotFoundError(_("找不到该台账。"))
    row = scope.get(model.objects.select_for_update(), field="org_code", department_field="issuer_code", pk=pk)
    if scope.can(Capability.MONITOR_MANAGE):
        return row
    if scope.is_department:
        if row.recorded_as != RecordedAs.ISSUER:
            raise PermissionDeniedError(_("该记录由承受单位记录，部门不能修改；如有异议请联系县减负办。"),
                                        code="not_recorder")
        return row
    if row.recorded_as != RecordedAs.BEARER or (row.org_code != scope.unit_code and row.recorded_by_id != actor.pk):
        raise PermissionDeniedError(_("您只能修改本单位记录的事项。"), code="not_recorder")
    return row


def ledger_update(*, actor, kind: str, pk: int, data: dict) -> LedgerRow:
    """Change the fields given in `data` (issuer and target stay: delete and re-file to move a row)."""
    scope = scope_for(actor)
    values = ledgers.clean_fields(kind, data, partial=True)
    values.pop("issuer", None)
    values.pop("target", None)
    with transaction.atomic():
        row = _writable(actor=actor, scope=scope, kind=kind, pk=pk)
        before = {}
        specific = _specific(kind, {**_current(row, kind), **values}, county=row.county_code) if values else {}
        for name, value in {**{k: values[k] for k in ("date", "title", "note") if k in values}, **specific}.items():
            if getattr(row, name) != value:
                before[name] = getattr(row, name)
                setattr(row, name, value)
        if kind == LedgerKind.DOCUMENT and "review" in values:
            review = _link_review(actor, values["review"])
            if row.review_id != (review.pk if review else None):
                before["review"] = row.review_id
                row.review = review
        if before:
            row.save()
            audit_record(actor=actor, action=f"monitor.{kind}.update", obj=row,
                         changes={k: [v, getattr(row, k if k != "review" else "review_id")] for k, v in before.items()})
            _schedule_refresh(row.county_code, row.date.year)
            if "date" in before:
                _schedule_refresh(row.county_code, before["date"].year)
    return row


def _current(row: LedgerRow, kind: str) -> dict:
    out = {}
    for spec in ledgers.SPECIFIC[kind]:
        if spec.name == "from_unit":
            out["from_unit"] = row.from_unit_code
        elif spec.name == "review":
            continue
        else:
            out[spec.name] = getattr(row, spec.name)
    return out


def ledger_delete(*, actor, kind: str, pk: int) -> None:
    scope = scope_for(actor)
    with transaction.atomic():
        row = _writable(actor=actor, scope=scope, kind=kind, pk=pk)
        audit_record(actor=actor, action=f"monitor.{kind}.delete", obj=row,
                     changes={"issuer": row.issuer_code, "title": row.title, "date": row.date})
        county, year = row.county_code, row.date.year
        row.delete()
        _schedule_refresh(county, year)


def ledger_import(*, actor, kind: str, data: bytes, filename: str) -> int:
    """Import an xlsx of rows (the template from `xlsx.template`). Every row is checked first;
    one bad row refuses the whole file with the row number, column and reason."""
    from jianfu.monitor.xlsx import read_rows

    scope_for(actor).require(Capability.MONITOR_RECORD)
    return len(ledger_bulk_create(actor=actor, kind=kind, rows=read_rows(kind, data, filename), source=filename))


def ledger_bulk_create(*, actor, kind: str, rows: list[tuple[int, dict]], source: str = "") -> list[LedgerRow]:
    """Many rows at once (import, API batches, the demo): all valid and written in one transaction,
    or none, with every bad row named (`rows` are (row number, raw fields))."""
    scope = scope_for(actor)
    scope.require(Capability.MONITOR_RECORD)
    built: list[LedgerRow] = []
    errors: list[str] = []
    labels = {spec.name: spec.label for spec in ledgers.fields_of(kind)}
    token = _UNIT_CACHE.set({})
    try:
        for number, raw in rows:
            try:
                built.append(_build(actor=actor, scope=scope, kind=kind, raw=raw))
            except ApplicationError as exc:
                column = labels.get(exc.field or "", "")
                prefix = _("第 %(n)d 行") % {"n": number} + (f"「{column}」" if column else "")
                errors.append(f"{prefix}：{exc.message}")
                if len(errors) >= 50:
                    break
    finally:
        _UNIT_CACHE.reset(token)
    if errors:
        raise ApplicationError(_("导入失败，未写入任何记录。请修改以下问题后重新导入：\n") + "\n".join(errors),
                               code="import_invalid", field="file", details={"errors": errors})
    model = LEDGER_MODELS[kind]
    with transaction.atomic():
        model.objects.bulk_create(built, batch_size=500)
        audit_record(actor=actor, action=f"monitor.{kind}.import", object_type=model._meta.label_lower,
                     object_repr=source[:200], org_code=scope.unit_code,
                     changes={"rows": len(built), "source": source, "ids": [r.pk for r in built][:1000]})
        for county, year in {(r.county_code, r.date.year) for r in built}:
            _schedule_refresh(county, year)
    return built


def _schedule_refresh(county_code: str, year: int) -> None:
    from jianfu.monitor import tasks

    transaction.on_commit(lambda: tasks.findings_refresh(county_code, year))


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


def findings_evaluate(*, actor, county_code: str, year: int) -> int:
    """Run every rule in force over the county's ledgers of `year` and bring the rule engine's
    findings of that county-year up to date (findings recorded by hand or from the direct line are
    not touched). A finding found again (same rule, row and unit) is kept as it is, with its triage
    status; only new findings are inserted, gone ones deleted and changed texts updated — so the
    re-run after each ledger change writes little. Returns the number of findings now in force."""
    from jianfu.monitor.selectors import ledger_rows_for_rules

    rules = rules_in_force(county_code)
    by_code = {r.code: r for r in rules}
    ledgers_now, previous = ledger_rows_for_rules(county_code=county_code, year=year)
    hits = engine.evaluate([rule_spec(r) for r in rules], ledgers_now, year=year, previous=previous)
    # plain tuples until something must be written: a county-year has tens of thousands of findings
    compared = ("issuer_code", "issuer_name", "severity", "summary", "month", "category", "row_id", "org_code")
    grouped = {r.code: engine.GROUPED_BY.get(r.check_name) for r in rules}

    def key(rule_code: str, ledger: str, values: dict) -> tuple:
        # a per-row finding is its row; a count is its group (see engine.GROUPED_BY)
        fields = grouped.get(rule_code) or ("row_id", "org_code")
        return (rule_code, ledger, *(values[f] for f in fields))

    wanted: dict[tuple, tuple] = {}
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


def _insert_findings(rows: list[dict]) -> None:
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


def finding_record_manual(*, actor, issuer_code: str, category: str, summary: str, source: str,
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
        raise ApplicationError(_("承受单位不在您的管辖范围内。"), code="out_of_scope", field="org_code")
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


def _finding_move(*, actor, pk: int, to: str, note: str) -> Finding:
    scope = scope_for(actor)
    scope.require(Capability.MONITOR_MANAGE)
    note = ledgers.clean_value(ledgers.FieldSpec("note", _("处理说明"), "text", max_length=2000), note)
    with transaction.atomic():
        finding = scope.get(Finding.objects.select_for_update(), field="county_code", pk=pk)
        if to not in FINDING_TRANSITIONS[finding.status]:
            raise ApplicationError(_("该问题当前状态为“%(s)s”，不能改为“%(t)s”。")
                                   % {"s": finding.get_status_display(), "t": FindingStatus(to).label},
                                   code="invalid_transition")
        before = finding.status
        finding.status = to
        if note:
            finding.resolution = note
        finding.save(update_fields=["status", "resolution", "updated_at"])
        audit_record(actor=actor, action=f"monitor.finding.{to}", obj=finding,
                     changes={"status": [before, to], "note": note})
    return finding


def finding_confirm(*, actor, pk: int, note: str = "") -> Finding:
    return _finding_move(actor=actor, pk=pk, to=FindingStatus.CONFIRMED, note=note)


def finding_dismiss(*, actor, pk: int, note: str = "") -> Finding:
    return _finding_move(actor=actor, pk=pk, to=FindingStatus.DISMISSED, note=note)


def finding_reopen(*, actor, pk: int, note: str = "") -> Finding:
    return _finding_move(actor=actor, pk=pk, to=FindingStatus.OPEN, note=note)


def finding_rectify(*, actor, pk: int, note: str = "") -> Finding:
    return _finding_move(actor=actor, pk=pk, to=FindingStatus.RECTIFIED, note=note)


# -------------------------------------------------------------------------------------- rules

def _county_of_manager(scope: Scope) -> str:
    scope.require(Capability.MONITOR_MANAGE)
    county = county_of(scope.unit_code) if scope.unit_code else ""
    if not county or codes.division_level(county) != 3 or not scope.covers(county):
        raise ApplicationError(_("本地规则按县设置：请使用县减负办账号操作。"), code="county_required")
    return county


def rule_create(*, actor, data: dict) -> Rule:
    """A county's local rule: one of the engine's checks with the county's own threshold (e.g. a
    province's 4+4 plaque standard: outside ≤ 4, inside ≤ 4)."""
    scope = scope_for(actor)
    county = _county_of_manager(scope)
    text = {k: ledgers.clean_value(ledgers.FieldSpec(k, label, "text" if k == "citation" else "str",
                                                     required=k in ("code", "name", "citation"),
                                                     max_length=2000 if k == "citation" else 100), data.get(k))
            for k, label in (("code", _("规则编号")), ("name", _("规则名称")), ("citation", _("依据")),
                             ("scope", _("适用范围")))}
    check = str(data.get("check") or "")
    if check not in engine.CHECKS:
        raise ApplicationError(_("请选择检查方法。"), code="invalid", field="check")
    threshold = ledgers.clean_value(ledgers.FieldSpec("threshold", _("阈值"), "int", maximum=10**9),
                                    data.get("threshold"))
    severity = str(data.get("severity") or Severity.MEDIUM)
    ledger = CHECK_LEDGERS.get(check)
    spec = engine.RuleSpec(code=text["code"], name=text["name"], ledger=ledger, check=check, threshold=threshold,
                           severity=severity)
    try:
        engine.validate(spec)
    except engine.RuleError as exc:
        raise ApplicationError(str(exc), code="invalid_rule", field="threshold") from exc
    if Rule.objects.filter(county_code__in=["", county], code=text["code"]).exists():
        raise ApplicationError(_("规则编号“%(c)s”已存在。") % {"c": text["code"]}, code="duplicate", field="code")
    with transaction.atomic():
        rule = Rule.objects.create(code=text["code"], name=text["name"], ledger=ledger, check_name=check,
                                   threshold=threshold, citation=text["citation"], scope=text["scope"],
                                   severity=severity, county_code=county, created_by=actor)
        audit_record(actor=actor, action="monitor.rule.create", obj=rule, org_code=county,
                     changes={"check": check, "threshold": threshold})
        _schedule_refresh(county, timezone.localdate().year)
    return rule


def rule_toggle(*, actor, pk: int, enabled: bool) -> Rule:
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
        _schedule_refresh(county, timezone.localdate().year)
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

def notice_create(*, actor, data: dict) -> Notice:
    """A county-level typical-problem notice (the county office's own 通报)."""
    scope = scope_for(actor)
    county = _county_of_manager(scope)
    title = ledgers.clean_value(ledgers.FieldSpec("title", _("标题"), required=True), data.get("title"))
    issuer = ledgers.clean_value(ledgers.FieldSpec("issuer", _("通报机关"), required=True, max_length=120),
                                 data.get("issuer"))
    batch = ledgers.clean_value(ledgers.FieldSpec("batch", _("批次"), max_length=40), data.get("batch"))
    date = ledgers.clean_value(ledgers.FieldSpec("date", _("通报日期"), "date", required=True), data.get("date"))
    with transaction.atomic():
        notice = Notice.objects.create(level="county", batch=batch, date=date, issuer=issuer, title=title,
                                       county_code=county, created_by=actor)
        audit_record(actor=actor, action="monitor.notice.create", obj=notice, org_code=county,
                     changes={"title": title})
    return notice


def notice_case_add(*, actor, notice_pk: int, data: dict) -> NoticeCase:
    scope = scope_for(actor)
    county = _county_of_manager(scope)
    place = ledgers.clean_value(ledgers.FieldSpec("place", _("地方或单位"), required=True, max_length=120),
                                data.get("place"))
    summary = ledgers.clean_value(ledgers.FieldSpec("summary", _("问题摘要"), "text", required=True, max_length=4000),
                                  data.get("summary"))
    category = str(data.get("category") or "")
    if category not in ProblemCategory.values:
        raise ApplicationError(_("请选择问题类别。"), code="invalid", field="category")
    rectification = str(data.get("rectification") or "unknown")
    with transaction.atomic():
        notice = Notice.objects.select_for_update().filter(pk=notice_pk, county_code=county).first()
        if notice is None:
            raise NotFoundError(_("找不到该通报，或不是本县的通报。"))
        case = NoticeCase.objects.create(notice=notice, place=place, category=category, summary=summary,
                                         rectification=rectification if rectification in
                                         ("ongoing", "done", "unknown") else "unknown")
        notice.declared_cases = notice.cases.count()
        notice.save(update_fields=["declared_cases", "updated_at"])
        audit_record(actor=actor, action="monitor.notice.case_add", obj=case, org_code=county,
                     changes={"notice": notice.pk, "category": category})
    return case


