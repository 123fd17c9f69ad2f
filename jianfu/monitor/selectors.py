"""Reads of the burden monitor, scoped inside by `scope_for`: a department sees the rows and findings
it caused (`issuer_code`), a township or village what landed in its subtree, the county office all
of its county. `plaques_for_village` is public (the village's own public page shows its plaques)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.accounts.roles import Capability
from jianfu.accounts.scoping import scope_for
from jianfu.core.errors import NotFoundError
from jianfu.core.softcache import soft_get, soft_set
from jianfu.monitor.models import (
    LEDGER_MODELS,
    DemandKind,
    Finding,
    FindingSource,
    FindingsRefresh,
    FindingStatus,
    LedgerDemand,
    LedgerKind,
    LedgerPlaque,
    Notice,
    NoticeCase,
    NoticeLevel,
    NoticeStatus,
    ProblemCategory,
    Rule,
    RuleSwitch,
)
from jianfu.orgs import codes
from jianfu.orgs.models import OrgUnit, UnitKind

# Fields each ledger contributes to the rules engine and the index (besides the common ones).
COMMON_VALUES = ("id", "org_code", "issuer_code", "issuer_name", "date", "title")
RULE_VALUES: dict[str, tuple[str, ...]] = {
    LedgerKind.DOCUMENT: ("doc_kind", "length", "review_id", "review__score", "asks_report_back"),
    LedgerKind.MEETING: ("meeting_kind", "duration_minutes", "speech_minutes", "convened_by_deputy",
                         "township_heads_required", "village_secretaries_required", "relayed", "by_video"),
    LedgerKind.INSPECTION: ("in_annual_plan", "comprehensive", "emergency", "onsite_visits", "forms_demanded",
                            "photos_demanded", "ledgers_demanded"),
    LedgerKind.APP: ("filing_no", "grassroots_facing", "in_use", "check_in", "points", "ranking", "online_time",
                     "download_target", "repeat_filling"),
    LedgerKind.SECONDMENT: ("from_unit_level", "people", "months", "approved"),
    LedgerKind.PLAQUE: ("placement", "status"),
    LedgerKind.ACTIVITY: ("activity_kind", "approved", "fees_yuan"),
    LedgerKind.DEMAND: ("demand_kind", "in_access_list", "times"),
}
# What the burden index reads of each ledger (fewer columns, no join: the index reads every row).
INDEX_VALUES: dict[str, tuple[str, ...]] = {
    LedgerKind.DOCUMENT: ("length",),
    LedgerKind.MEETING: ("duration_minutes", "village_secretaries_required", "by_video"),
    LedgerKind.INSPECTION: ("onsite_visits", "forms_demanded", "photos_demanded", "ledgers_demanded"),
    LedgerKind.APP: ("in_use", "grassroots_facing", "check_in", "points", "ranking", "online_time", "download_target"),
    LedgerKind.DEMAND: ("in_access_list", "times"),
}
# Ledgers that describe a state in force rather than events of a year.
STATE_LEDGERS = {LedgerKind.APP, LedgerKind.SECONDMENT, LedgerKind.PLAQUE}


# ---------------------------------------------------------------------------------- public

def plaques_for_village(*, village_code: str) -> list[dict]:
    """The plaques recorded for a village office: public data for its public page (no login).
    Rows: name, placement ('outside'/'inside'), demanded_by (issuer name), status ('kept'/'removed')."""
    rows = (LedgerPlaque.objects.filter(org_code=village_code)
            .order_by("status", "placement", "title", "id")
            .values("title", "placement", "issuer_name", "status", "date"))
    return [{"name": r["title"], "placement": r["placement"], "demanded_by": r["issuer_name"],
             "status": r["status"], "since": r["date"]} for r in rows]


# The word that makes a village's 服务清单 item a certificate ("开具居住、亲属关系等证明", "出具居住证明"): a service item
# has no kind, so its name is read (a ledger demand is one by its `demand_kind`, which the monitor's rule reads).
CERTIFICATE_WORD = "证明"


def names_a_certificate(title: str) -> bool:
    """Whether a village's service item, by its name, asks the village for a certificate."""
    return CERTIFICATE_WORD in (title or "")


def certificate_items(*, user, village_code: str, titles: list[str]) -> dict[str, object] | None:
    """For a township reviewing a village's 服务清单 (fix-ui19b #2): which of its items ask for a certificate
    (`names_a_certificate`), the county's rule in force that says certificates must be on the list (its
    ``demand_not_listed`` check, checking certificate demands as the engine reads its ``demand_kinds``: name and
    citation, not a copy), and the village's findings under that rule about a certificate still open or confirmed
    (linked when the reviewer may read findings). None when no item is one."""
    from jianfu.monitor.rules import engine
    from jianfu.monitor.services import county_of, rule_spec, rules_in_force

    items = [t for t in titles if names_a_certificate(t)]
    if not items:
        return None

    def checks_certificates(rule: Rule) -> bool:
        kinds = engine.checked_kinds(rule_spec(rule), "demand_kinds")
        return kinds is None or DemandKind.CERTIFICATE in kinds

    rule = next((r for r in rules_in_force(county_of(village_code))
                 if r.check_name == engine.CERTIFICATE_CHECK and checks_certificates(r)), None)
    certificate_rows = LedgerDemand.objects.filter(org_code=village_code, demand_kind=DemandKind.CERTIFICATE)
    findings = [{"pk": pk, "summary": summary, "status_label": FindingStatus(status).label}
                for pk, summary, status in Finding.objects.filter(
                    org_code=village_code, ledger=LedgerKind.DEMAND, rule__check_name=engine.CERTIFICATE_CHECK,
                    status__in=(FindingStatus.OPEN, FindingStatus.CONFIRMED),
                    row_id__in=certificate_rows.values("pk")).order_by("-year", "-month", "-id")
                .values_list("pk", "summary", "status")]
    return {"items": items, "rule": rule, "findings": findings,
            "may_read_findings": scope_for(user).can(Capability.MONITOR_RECORD)}


# --------------------------------------------------------------------------------- ledgers

RECEIVED_KINDS = (LedgerKind.DOCUMENT, LedgerKind.MEETING, LedgerKind.INSPECTION, LedgerKind.DEMAND)
RECEIVED_SHOWN = 300  # rows per kind on the page; more is said, with the way to the ledger list


def received_in_month(*, user, year: int, month: int) -> dict:
    """本月收到的要求 (N09): the documents, meetings, inspections and demands of one month addressed to the account's
    own unit or a unit above it (`Scope.received_q`), each with who sent it, to which unit and its minutes as the
    burden index weighs it, with the month's total. A meeting sent down from above counts only when it asks for the
    village secretaries, as in the burden index."""
    from jianfu.monitor.rules import index as index_core

    scope = scope_for(user)
    scope.require(Capability.MONITOR_RECORD)
    start = dt.date(year, month, 1)
    end = dt.date(year + month // 12, month % 12 + 1, 1)
    received = scope.received_q(field="org_code")
    own = scope.q(field="org_code")
    sections = []
    for kind in RECEIVED_KINDS:
        qs = LEDGER_MODELS[kind].objects.filter(received, date__gte=start, date__lt=end)
        if kind == LedgerKind.MEETING:
            qs = qs.filter(own | Q(village_secretaries_required=True))
        rows = list(qs.order_by("-date", "-id").values(*COMMON_VALUES, *INDEX_VALUES[kind])[:RECEIVED_SHOWN + 1])
        # each row's minutes as the burden index weighs it (0: not counted, e.g. a meeting that does not ask for
        # the village secretaries, a demand on the access list)
        minutes: dict = defaultdict(float)
        for c in index_core.contributions({kind: rows}, [], year=year):
            minutes[c.row_id] += c.minutes
        for r in rows:
            r["minutes"] = round(minutes[r["id"]], 1)
            # why a row weighs nothing, said on its card rather than a bare 不计 (newuser24 #3)
            r["not_counted"] = _not_counted_because(kind, r) if not r["minutes"] else ""
        shown = rows[:RECEIVED_SHOWN]
        sections.append({"kind": kind, "label": LedgerKind(kind).label, "rows": shown,
                         "minutes": round(sum(r["minutes"] for r in shown), 1), "more": len(rows) > RECEIVED_SHOWN})
    codes_ = {r["org_code"] for section in sections for r in section["rows"]}
    names = dict(OrgUnit.objects.filter(code__in=codes_).values_list("code", "name"))
    for section in sections:
        for r in section["rows"]:
            r["to"] = names.get(r["org_code"], r["org_code"])
            r["own"] = scope.covers(r["org_code"])   # its detail page is in scope; one sent from above is not
    total_minutes = round(sum(s["minutes"] for s in sections), 1)
    return {"year": year, "month": month, "sections": sections, "total": sum(len(s["rows"]) for s in sections),
            "total_minutes": total_minutes, "total_hours": round(total_minutes / 60, 1),
            "index": _index_bridge(user, scope, year, month)}


def _not_counted_because(kind: str, row: dict[str, object]) -> str:
    """Why the burden index gives a received row no minutes, in the words of its rule (rules/index.py)."""
    if kind == LedgerKind.MEETING and not row.get("village_secretaries_required"):
        return str(_("不计入（未要求村书记参加）"))
    if kind == LedgerKind.DEMAND and row.get("in_access_list"):
        return str(_("不计入（已列入准入清单或保留证明事项清单）"))
    return str(_("不计入"))


def _index_bridge(user, scope, year: int, month: int) -> dict | None:
    """What the village's 基层负担指数 adds for the month to the rows 本月收到的要求 lists (U06, session 12): in-use
    apps and 一表同享 reports due, which are not requests received — so a cadre comparing the two figures sees why
    they differ and can open the index's trace of the month. None for an account that is not a village's."""
    if not scope.unit_code or not OrgUnit.objects.filter(code=scope.unit_code, kind=UnitKind.VILLAGE).exists():
        return None
    try:
        trace = index_trace(user=user, year=year, village_code=scope.unit_code, month=month)
    except NotFoundError:
        return None
    added = {component: round(sum(c.minutes for c in trace["items"] if c.component == component), 1)
             for component in ("apps", "reporting")}
    return {"village": scope.unit_code, "hours": trace["hours"], **added}


def _model(kind: str):
    model = LEDGER_MODELS.get(kind)
    if model is None:
        raise NotFoundError(_("找不到该台账。"))
    return model


def ledger_list(*, user, kind: str, year: int | None = None, q: str = "") -> QuerySet:
    scope = scope_for(user)
    scope.require(Capability.MONITOR_RECORD)
    qs = _model(kind).objects.all()
    if year:
        qs = qs.filter(date__year=year)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(issuer_name__icontains=q))
    return scope.filter(qs, field="org_code", department_field="issuer_code").order_by("-date", "-id")


def ledger_export_rows(*, user, kind: str, year: int | None = None, q: str = "") -> list:
    """The rows of `ledger_list` for an export, at most what one import takes back
    (`xlsx.MAX_ROWS`): more is refused with the way out, never cut silently."""
    from jianfu.core.errors import ApplicationError
    from jianfu.monitor.xlsx import MAX_ROWS

    rows = list(ledger_list(user=user, kind=kind, year=year, q=q)[:MAX_ROWS + 1])
    if len(rows) > MAX_ROWS:
        raise ApplicationError(_("符合条件的记录超过 %(n)d 条，请按年度或关键词筛选后分批导出。") % {"n": MAX_ROWS},
                               code="too_many_rows")
    return rows


def ledger_export_filename(kind: str, *, year: int | None) -> str:
    """发文台账-2025-导出2026-12-03.xlsx (core.downloads sends it with an ASCII fallback)."""
    from django.utils import timezone

    label = str(_model(kind)._meta.verbose_name)
    return f"{label}-{year or _('全部年度')}-{_('导出')}{timezone.localdate().isoformat()}.xlsx"


def ledger_get(*, user, kind: str, pk: int):
    scope = scope_for(user)
    scope.require(Capability.MONITOR_RECORD)
    return scope.get(_model(kind).objects.all(), field="org_code", department_field="issuer_code", pk=pk)


def findings_pending(*, county_code: str, year: int) -> bool:
    """True while a write of this county-year waits for its (debounced, background) rule check: the
    findings shown are not yet those of the ledger as it now stands."""
    return FindingsRefresh.objects.filter(county_code=county_code, year=year, requested__gt=F("done")).exists()


def ledger_rows_for_rules(*, county_code: str, year: int, kinds: tuple[str, ...] | None = None,
                          where: dict[str, str] | None = None) -> tuple[dict[str, list[dict]], dict[str, list[dict]]]:
    """The county's rows of `year` (and of the year before, for year-on-year rules) as plain dicts —
    for the services' evaluation, not for display (the caller has chosen the county). `kinds`: those ledgers only;
    `where`: only the rows with these column values (one group of a count: `finding_rows`)."""
    now: dict[str, list[dict]] = {}
    previous: dict[str, list[dict]] = {}
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    for kind, model in LEDGER_MODELS.items():
        if kinds is not None and kind not in kinds:
            continue
        fields = COMMON_VALUES + RULE_VALUES[kind]
        qs = model.objects.filter(county_code=county_code, **(where or {}))
        if kind in STATE_LEDGERS:
            now[kind] = list(qs.filter(date__lte=end).values(*fields))
        else:
            now[kind] = list(qs.filter(date__gte=start, date__lte=end).values(*fields))
            if kind == LedgerKind.DOCUMENT:
                previous[kind] = list(qs.filter(date__gte=dt.date(year - 1, 1, 1), date__lt=start)
                                      .values("id", "issuer_code", "doc_kind"))
    return now, previous


# -------------------------------------------------------------------------------- findings

def finding_list(*, user, year: int | None = None, rule: str = "", issuer: str = "", status: str = "",
                 month: int | None = None, category: str = "") -> QuerySet[Finding]:
    scope = scope_for(user)
    scope.require(Capability.MONITOR_RECORD)
    qs = Finding.objects.all()
    if year:
        qs = qs.filter(year=year)
    if month:
        qs = qs.filter(month=month)
    if rule:
        qs = qs.filter(rule_code=rule)
    elif category:
        # a finding recorded by hand under no rule (a direct-line report's) is counted on the dashboard by its category:
        # its row links here by that category (newuser34 #1: it linked to rule= and listed every finding)
        qs = qs.filter(rule_code="", category=category)
    if issuer:
        # the dashboard links by code; a person types the unit's name
        qs = qs.filter(issuer_code=issuer) if issuer[:1].isdigit() else qs.filter(issuer_name=issuer.strip())
    if status:
        qs = qs.filter(status=status)
    return scope.filter(qs, field="org_code", department_field="issuer_code")


def finding_get(*, user, pk: int) -> Finding:
    scope = scope_for(user)
    scope.require(Capability.MONITOR_RECORD)
    return scope.get(Finding.objects.select_related("rule"), field="org_code", department_field="issuer_code", pk=pk)


# what each audited move of a finding reads as in its history
FINDING_ACTIONS = {
    "monitor.finding.record": _("登记"),
    "monitor.finding.confirmed": _("确认为问题"),
    "monitor.finding.dismissed": _("不属于问题"),
    "monitor.finding.rectified": _("已整改"),
    "monitor.finding.open": _("重新打开"),
}


def finding_history(finding: Finding) -> list[dict]:
    """The finding's audited moves, oldest first: when, who (the account's display name, e.g. 县减负办, not its login —
    newuser20 #6; the recorded login when the account is gone), what, and the note given with it (the reason a
    finding was set aside stays readable after a later reopen overwrites `resolution`)."""
    from jianfu.core.models import AuditRecord

    records = AuditRecord.objects.filter(object_type=Finding._meta.label_lower, object_id=str(finding.pk),
                                         action__in=FINDING_ACTIONS).select_related("actor").order_by("id")
    return [{"at": r.created_at, "actor": str(r.actor) if r.actor else r.actor_name, "action": FINDING_ACTIONS[r.action],
             "note": (r.changes or {}).get("note", "")} for r in records]


@dataclass(frozen=True)
class CountedRows:
    """The ledger rows a finding counts, as one account reads them: `rows` those it may open (oldest first), `counted`
    how many the finding counts in all (fixcr31a #1: the figure stays whole, the rows of others' units and issuers
    stay out)."""

    rows: list
    counted: int


def finding_rows(finding: Finding, *, user) -> CountedRows:
    """The ledger rows a finding counts: the row it names, or for a count rule (a seventh plaque outside a village
    office, a second comprehensive meeting) every row of its group, oldest first — the rows its summary's figure counts,
    earlier years' included for a ledger of states (mend31 #1: "外部挂牌 9 块" listed the one row that went over, and
    the village's ledger of this year showed 1). The group is counted again by the rule's own check, over the rows of
    the finding's unit or issuer; a group that no longer goes over (the ledger changed since the last check) gives
    the row the finding names.

    Only the rows `ledger_get` would give `user` are returned (fixcr31a #1): a group is counted county-wide (a month's
    on-site inspections) or across an issuer's targets (its documents), and a department or a village opening the
    finding read other units' and issuers' rows; `counted` keeps the group's whole figure."""
    if not finding.ledger or not finding.row_id:
        return CountedRows([], 0)
    model = LEDGER_MODELS[finding.ledger]
    from jianfu.monitor.rules import engine

    ids: tuple[int, ...] = (finding.row_id,)
    grouped = engine.GROUPED_BY.get(finding.rule.check_name) if finding.rule is not None else None
    if grouped is not None and finding.rule is not None and finding.source == FindingSource.ENGINE:
        from jianfu.monitor.services import rule_spec

        # the group's own column narrows the read (a unit's plaques, an issuer's meetings); "month" is no column
        where = {f: getattr(finding, f) for f in grouped if f in ("org_code", "issuer_code")}
        ledgers_now, previous = ledger_rows_for_rules(county_code=finding.county_code, year=finding.year,
                                                      kinds=(finding.ledger,), where=where)
        try:
            hits = engine.evaluate([rule_spec(finding.rule)], ledgers_now, year=finding.year, previous=previous)
        except engine.RuleError:
            hits = []
        ids = next((h.counted for h in hits if h.counted and h.counted[-1] == finding.row_id), ids)
    visible = scope_for(user).filter(model.objects.filter(pk__in=ids), field="org_code",
                                     department_field="issuer_code").in_bulk()
    existing = set(model.objects.filter(pk__in=ids).values_list("pk", flat=True)) if len(visible) < len(ids) else ids
    return CountedRows([visible[pk] for pk in ids if pk in visible], sum(1 for pk in ids if pk in existing))


# ----------------------------------------------------------------------------------- rules

def rule_rows(*, user) -> list[dict]:
    """Every rule visible to the account's county with whether it is in force there."""
    scope = scope_for(user)
    scope.require(Capability.MONITOR_RECORD)
    from jianfu.monitor.services import county_of

    county = county_of(scope.unit_code) if scope.unit_code else ""
    switches = dict(RuleSwitch.objects.filter(county_code=county).values_list("rule_id", "enabled")) if county else {}
    rows = []
    for rule in Rule.objects.filter(county_code__in=["", county]).order_by("county_code", "code"):
        enabled = rule.enabled if rule.county_code else switches.get(rule.pk, rule.enabled)
        rows.append({"rule": rule, "enabled": enabled, "local": bool(rule.county_code)})
    return rows


def managed_county(user) -> str:
    """The county whose local rules and notices the account manages (the county office's), or ""."""
    from jianfu.monitor.services import county_of

    scope = scope_for(user)
    return county_of(scope.unit_code) if scope.can(Capability.MONITOR_MANAGE) and scope.unit_code else ""


def rule_managed(*, user, pk: int) -> Rule:
    """One of the account's county's local rules, for the county office's edit pages."""
    county = managed_county(user)
    rule = Rule.objects.filter(pk=pk, county_code=county).first() if county else None
    if rule is None:
        raise NotFoundError(_("找不到该本地规则（全国规则只读，可停用）。"))
    return rule


def rule_get(*, user, pk: int) -> Rule:
    """A national rule or one of the account's county's own rules (any rule for an all-seeing account)."""
    from jianfu.monitor.services import county_of

    scope = scope_for(user)
    scope.require(Capability.MONITOR_RECORD)
    county = county_of(scope.unit_code) if scope.unit_code else ""
    rules = Rule.objects.all() if scope.is_all else Rule.objects.filter(county_code__in=["", county])
    rule = rules.filter(pk=pk).first()
    if rule is None:
        raise NotFoundError(_("找不到该规则。"))
    return rule


# --------------------------------------------------------------------------------- notices

# Which rule (by code prefix) or ledger would catch a problem of each category locally.
CATEGORY_RULES: dict[str, tuple[str, ...]] = {
    ProblemCategory.DOCUMENTS_MEETINGS: ("P1-DOC-COUNT", "P2-DOC-5000", "P4-MTG-COMPREHENSIVE", "P6-MTG-SPEECH"),
    ProblemCategory.INSPECTIONS: ("P7-INS-PLAN", "P7-INS-COMPREHENSIVE", "P8-INS-TRACES"),
    ProblemCategory.FINGERTIP: ("P5A-APP-FEATURES", "P5A-APP-ONE", "P5A-APP-REPEAT"),
    ProblemCategory.SECONDMENT: ("P10-SEC-BELOW", "P10-SEC-MONTHS"),
    ProblemCategory.PLAQUES: ("P6A-PLAQUE-OUT", "P6A-DEMAND"),
    ProblemCategory.CREATION: ("P7A-CREATION", "P7A-FEES"),
    ProblemCategory.FESTIVALS: ("P7A-FESTIVAL", "P7A-FEES"),
    ProblemCategory.ESCALATION: ("P8-INS-TRACES", "P7-INS-COMPREHENSIVE"),
    ProblemCategory.VANITY: (),
    ProblemCategory.OTHER: (),
}
CATEGORY_LEDGERS: dict[str, str] = {
    ProblemCategory.DOCUMENTS_MEETINGS: LedgerKind.DOCUMENT, ProblemCategory.INSPECTIONS: LedgerKind.INSPECTION,
    ProblemCategory.FINGERTIP: LedgerKind.APP, ProblemCategory.SECONDMENT: LedgerKind.SECONDMENT,
    ProblemCategory.PLAQUES: LedgerKind.PLAQUE, ProblemCategory.CREATION: LedgerKind.ACTIVITY,
    ProblemCategory.FESTIVALS: LedgerKind.ACTIVITY, ProblemCategory.ESCALATION: LedgerKind.INSPECTION,
}


def _notices_visible(scope, *, drafts: bool = True) -> QuerySet[Notice]:
    """Central, provincial and municipal notices are public documents; county notices are the
    county's own — once published: a draft is seen by the county office that writes it (and an all-seeing account)
    only. `drafts=False`: published notices only, whoever asks (the statistics count what was published)."""
    from jianfu.monitor.services import county_of

    qs = Notice.objects.all()
    published = Q(status=NoticeStatus.PUBLISHED)
    if scope.is_all:
        return qs if drafts else qs.filter(published)
    county = county_of(scope.unit_code) if scope.unit_code else ""
    own = Q(county_code=county) if drafts and scope.can(Capability.MONITOR_MANAGE) else Q(county_code=county) & published
    return qs.filter((Q(county_code="") & published) | own)


def notice_list(*, user, q: str = "", category: str = "", year: int | None = None, level: str = "") -> QuerySet:
    scope = scope_for(user)
    scope.require(Capability.MONITOR_RECORD)
    qs = _notices_visible(scope).annotate(itemised=Count("cases"))
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(issuer__icontains=q) | Q(cases__summary__icontains=q)
                       | Q(cases__place__icontains=q)).distinct()
    if category:
        qs = qs.filter(cases__category=category).distinct()
    if year:
        qs = qs.filter(date__year=year)
    if level:
        qs = qs.filter(level=level)
    return qs.order_by("-date", "-id")


def notice_get(*, user, pk: int) -> Notice:
    scope = scope_for(user)
    scope.require(Capability.MONITOR_RECORD)
    notice = _notices_visible(scope).filter(pk=pk).first()
    if notice is None:
        raise NotFoundError(_("找不到该通报。"))
    return notice


def default_notice_issuer(*, user) -> str:
    """What the 通报机关 of a new county notice starts as: the county office by its county's name,
    "合浦县整治形式主义为基层减负专项工作机制办公室" (mend31 #4: it was "县整治…" with no county); with no county unit
    on record, the generic "县…"."""
    county = managed_county(user)
    name = OrgUnit.objects.filter(code=county).values_list("name", flat=True).first() if county else None
    return _("%(county)s整治形式主义为基层减负专项工作机制办公室") % {"county": name or _("县")}


def notices_unread(*, user) -> QuerySet[Notice]:
    """The published notices of the account's own county it has not opened (mend31 #2: after 发布 a village learnt of
    one only by opening 典型问题通报), newest first — for the 工作台. Central, provincial and municipal notices are public
    reading, not addressed to the unit; the county office that publishes them, and an all-seeing account, have none."""
    from jianfu.monitor.services import county_of

    scope = scope_for(user)
    if not scope.can(Capability.MONITOR_RECORD) or scope.can(Capability.MONITOR_MANAGE) or scope.is_all \
            or not scope.unit_code:
        return Notice.objects.none()
    return (Notice.objects.filter(county_code=county_of(scope.unit_code), status=NoticeStatus.PUBLISHED)
            .exclude(reads__user=user).order_by("-published_at", "-date", "-id"))


def notice_managed(*, user, pk: int) -> Notice:
    """One of the account's county's own notices, for the county office's edit pages."""
    county = managed_county(user)
    notice = Notice.objects.filter(pk=pk, county_code=county).first() if county else None
    if notice is None:
        raise NotFoundError(_("找不到该通报，或不是本县的通报（上级通报只读）。"))
    return notice


def case_managed(*, user, pk: int) -> NoticeCase:
    county = managed_county(user)
    case = NoticeCase.objects.select_related("notice").filter(pk=pk, notice__county_code=county).first() \
        if county else None
    if case is None:
        raise NotFoundError(_("找不到该案例，或不是本县通报的案例（上级通报只读）。"))
    return case


def case_get(*, user, pk: int) -> NoticeCase:
    scope = scope_for(user)
    scope.require(Capability.MONITOR_RECORD)
    case = NoticeCase.objects.select_related("notice").filter(pk=pk, notice__in=_notices_visible(scope)).first()
    if case is None:
        raise NotFoundError(_("找不到该案例。"))
    return case


def case_search(*, user, q: str = "", category: str = "", year: int | None = None) -> QuerySet[NoticeCase]:
    scope = scope_for(user)
    scope.require(Capability.MONITOR_RECORD)
    qs = NoticeCase.objects.filter(notice__in=_notices_visible(scope)).select_related("notice")
    if q:
        qs = qs.filter(Q(summary__icontains=q) | Q(place__icontains=q))
    if category:
        qs = qs.filter(category=category)
    if year:
        qs = qs.filter(notice__date__year=year)
    return qs.order_by("-notice__date", "id")


def notice_statistics(*, user) -> dict:
    """Cases by level and year (declared counts, so tallies without itemised cases count too), and
    itemised cases by category and year."""
    scope = scope_for(user)
    scope.require(Capability.MONITOR_RECORD)
    notices = _notices_visible(scope, drafts=False)
    by_level: dict[str, dict] = {}
    for level, label in NoticeLevel.choices:
        chosen = notices.filter(level=level)
        by_level[level] = {"label": label, "notices": chosen.filter(is_tally=False).count(),
                           "cases": sum(chosen.values_list("declared_cases", flat=True))}
    by_year: dict[int, int] = defaultdict(int)
    for date, n in notices.values_list("date", "declared_cases"):
        by_year[date.year] += n
    cases = NoticeCase.objects.filter(notice__in=notices)
    by_category = []
    names = national_rule_names()  # a rule is named as people say it; its code is for the office (verify15 #2)
    for r in cases.values("category").annotate(n=Count("id")).order_by("-n", "category"):
        by_category.append({"category": r["category"], "label": ProblemCategory(r["category"]).label, "n": r["n"],
                            "rules": [{"code": code, "name": names.get(code, code)}
                                      for code in CATEGORY_RULES.get(r["category"], ())],
                            "ledger": CATEGORY_LEDGERS.get(r["category"], "")})
    category_year: dict[tuple[str, int], int] = defaultdict(int)
    for category, date in cases.values_list("category", "notice__date"):
        category_year[(category, date.year)] += 1
    years = sorted({y for _c, y in category_year})
    table = [{"label": ProblemCategory(c).label, "counts": [category_year.get((c, y), 0) for y in years]}
             for c in ProblemCategory.values if any(category_year.get((c, y)) for y in years)]
    return {"by_level": by_level, "by_year": dict(sorted(by_year.items())), "by_category": by_category,
            "years": years, "category_year": table}


# ------------------------------------------------------------------------ index and dashboard

def _county_wide(user):
    scope = scope_for(user)
    if not scope.can(Capability.STATISTICS_VIEW):
        raise NotFoundError(_("找不到该页面，或不在您的管辖范围内。"))
    return scope


def _index_scope(user):
    """(scope, county_wide) of the 基层负担指数 page: the county office (STATISTICS_VIEW) reads its whole county;
    a township or village that records burdens (MONITOR_RECORD, not a department) reads only its own villages,
    with every row that reached them — addressed to them or sent down from their township and county
    (`Scope.received_q`, N09 of session 11). Anyone else: not found."""
    scope = scope_for(user)
    if scope.can(Capability.STATISTICS_VIEW):
        return scope, True
    if scope.reads_own_villages_burden:
        return scope, False
    raise NotFoundError(_("找不到该页面，或不在您的管辖范围内。"))


def _reach(scope, county_wide: bool, qs: QuerySet) -> QuerySet:
    """The ledger rows that weigh on the villages the index is computed for (see `_index_scope`). The index counts
    rows addressed within the county (docs/monitor.md), whoever reads it: a township or village reads what reached it
    from its township and county, not a row addressed to the prefecture or the province, so that its figure is the
    county office's for the same village (session 12's diff review, R01)."""
    if county_wide:
        return scope.filter(qs, field="org_code")
    return qs.filter(scope.received_q(field="org_code") & _own_county_q(scope, "org_code"))


def _own_county_q(scope, field: str) -> Q:
    """The subtree of the county of a township's or village's own unit (its index's reach, and its issuers)."""
    from jianfu.monitor.services import county_of

    return codes.subtree_q(codes.significant_prefix(county_of(scope.unit_code)), field)


def _issuer_of_reporting(scope, county_wide: bool = True):
    """(department code, name, village code) of a report template's row → the issuer as the ledgers name it (N07). A
    template names its department by a short code of its own ("yingji") and a display name ("县应急管理局"), a ledger
    row by the department's org code: the burden ranking listed one department twice. The template's name is matched
    by `issuer_key` to the departments of the county of the village the form was asked of — an administrator's index
    spans every county, and two counties' 县应急管理局 are two departments (D12). One that matches no department of
    that county, or several, keeps its own code. A township or village reads its own county's departments (N09)."""
    from jianfu.monitor.rules.index import issuer_key

    if county_wide:
        county_units = scope.filter(OrgUnit.objects.filter(kind=UnitKind.COUNTY), field="code")
        departments = scope.filter(OrgUnit.objects.filter(kind=UnitKind.DEPARTMENT, is_active=True), field="code")
    else:   # a township or village: its own county (a unit above it) and every department of that county's
        # subtree, township-hung ones included — the candidates the county office's page has (diff review R06)
        county_units = OrgUnit.objects.filter(scope.received_q(field="code"), kind=UnitKind.COUNTY)
        departments = OrgUnit.objects.filter(_own_county_q(scope, "code"), kind=UnitKind.DEPARTMENT, is_active=True)
    county_names = {code[:6]: name for code, name in county_units.values_list("code", "name")}

    def key(county: str, name: str) -> tuple[str, str]:
        return county, issuer_key(name, county_names=[county_names[county]] if county in county_names else [])

    by_key: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for code, name in departments.values_list("code", "name"):
        by_key[key(code[:6], name)].append((code, name))

    def resolve(code: str, name: str, org_code: str) -> tuple[str, str]:
        found = by_key.get(key(org_code[:6], name), [])
        return found[0] if len(found) == 1 else (code, name)

    return resolve


def _index_inputs(user, scope, year: int, county_wide: bool = True):
    from jianfu.monitor.rules import index as index_core
    from jianfu.orgs.models import OrgUnit, UnitKind
    from jianfu.reports.selectors import burden_by_village_month

    villages = scope.filter(OrgUnit.objects.filter(kind=UnitKind.VILLAGE, is_active=True), field="code")
    names = dict(villages.values_list("code", "name"))
    rows: dict[str, list[dict]] = {}
    end = dt.date(year, 12, 31)
    for kind, fields in INDEX_VALUES.items():
        qs = _reach(scope, county_wide, LEDGER_MODELS[kind].objects.all())
        qs = qs.filter(date__lte=end) if kind in STATE_LEDGERS else qs.filter(date__year=year)
        rows[kind] = list(qs.values(*(COMMON_VALUES + fields)).order_by())
    resolve = _issuer_of_reporting(scope, county_wide)
    reporting = [{**r, **dict(zip(("issuer_code", "issuer_name"),
                                  resolve(r["issuer_code"], r["issuer_name"], r["org_code"]), strict=True))}
                 for r in burden_by_village_month(user=user, year=year)]
    contribs = index_core.contributions(rows, reporting, year=year)
    return names, contribs


def _index_totals(user, scope, year: int, county_wide: bool = True):
    """The same contributions as `_index_inputs`, summed in SQL per (target, issuer, month) — what
    the index table and the ranking need; `index_trace` keeps the row-level path. The weights are
    the pure core's constants, so both paths give the same figures (tested)."""
    from django.db.models import CharField, F, IntegerField, Sum
    from django.db.models.functions import Cast, Substr

    from jianfu.monitor.rules import index as ic
    from jianfu.orgs.models import OrgUnit, UnitKind
    from jianfu.reports.selectors import burden_by_village_month

    villages = scope.filter(OrgUnit.objects.filter(kind=UnitKind.VILLAGE, is_active=True), field="code")
    names = dict(villages.values_list("code", "name"))
    contribs: list = []

    def grouped(kind, *, where=None, **sums):
        qs = _reach(scope, county_wide, LEDGER_MODELS[kind].objects.filter(date__year=year, **(where or {})))
        # the month from the ISO text of the date: on SQLite ExtractMonth is a Python call per row
        month = Cast(Substr(Cast("date", CharField()), 6, 2), IntegerField())
        return qs.annotate(month=month).values("org_code", "issuer_code", "issuer_name", "month") \
            .annotate(**sums).order_by()

    def add(component, ledger, r, minutes):
        if minutes:
            contribs.append(ic.Contribution(component, ledger, "", r["issuer_code"], r["issuer_name"], float(minutes),
                                            (r["month"],), ic.prefix_of(r["org_code"]), ""))

    for r in grouped(LedgerKind.DOCUMENT, n=Count("id"), chars=Sum("length")):
        add("documents", "document", r, r["n"] * ic.DOC_MINUTES + r["chars"] * ic.DOC_MINUTES_PER_1000_CHARS / 1000)
    for r in grouped(LedgerKind.MEETING, where={"village_secretaries_required": True}, minutes=Sum("duration_minutes"),
                     on_site=Count("id", filter=Q(by_video=False))):
        add("meetings", "meeting", r, r["minutes"] + r["on_site"] * ic.MEETING_TRAVEL_MINUTES)
    for r in grouped(LedgerKind.INSPECTION, on_site=Count("id", filter=Q(onsite_visits__gt=0)),
                     desk=Count("id", filter=Q(onsite_visits=0)), forms=Sum("forms_demanded"),
                     photos=Sum("photos_demanded"), ledgers=Sum("ledgers_demanded")):
        add("inspections", "inspection", r, r["on_site"] * ic.INSPECTION_ONSITE_MINUTES
            + r["desk"] * ic.INSPECTION_DESK_MINUTES)
        add("materials", "inspection", r, r["forms"] * ic.FORM_MINUTES + r["photos"] * ic.PHOTO_MINUTES
            + r["ledgers"] * ic.LEDGER_MINUTES)
    for r in grouped(LedgerKind.DEMAND, where={"in_access_list": False}, times=Sum(F("times"))):
        add("demands", "demand", r, r["times"] * ic.DEMAND_MINUTES)
    resolve = _issuer_of_reporting(scope, county_wide)
    for r in burden_by_village_month(user=user, year=year, grouped=True):
        r["issuer_code"], r["issuer_name"] = resolve(r["issuer_code"], r["issuer_name"], r["org_code"])
        add("reporting", "reporting", r, r["forms"] * ic.REPORT_FORM_MINUTES + r["manual_cells"] * ic.REPORT_CELL_MINUTES)
    # apps are few and weigh on every month from their start: the row-level path
    apps = _reach(scope, county_wide, LEDGER_MODELS[LedgerKind.APP].objects.filter(date__lte=dt.date(year, 12, 31)))
    contribs += ic.contributions({"app": list(apps.values(*(COMMON_VALUES + INDEX_VALUES[LedgerKind.APP])))}, [],
                                 year=year)
    return names, contribs


def burden_index(*, user, year: int) -> dict:
    """基层负担指数 of every village (and township) in the account's county for each month of `year`,
    with the ranking of the issuers that cause it."""
    from jianfu.monitor.rules import index as index_core
    from jianfu.orgs.models import OrgUnit, UnitKind

    scope = _county_wide(user)
    names, contribs = _index_totals(user, scope, year)
    through = index_core.months_elapsed(year, timezone.localdate())
    result = index_core.compute(list(names), contribs, year=year, through=through)
    towns = dict(scope.filter(OrgUnit.objects.filter(kind=UnitKind.TOWN), field="code").values_list("code", "name"))
    village_rows = [{"code": v, "name": names[v], "months": [result.hours(v, m) for m in range(1, 13)],
                     "total": round(sum(result.hours(v, m) for m in range(1, 13)), 1)} for v in result.villages]
    town_rows = []
    for code, name in sorted(towns.items()):
        prefix = code[:9]
        if any(v.startswith(prefix) for v in result.villages):
            months = [result.town_hours(prefix, m) for m in range(1, 13)]
            town_rows.append({"code": code, "name": name, "months": months, "total": round(sum(months), 1)})
    components = {c: round(sum(cell.get(c, 0.0) for cell in result.cells.values()) / 60, 1)
                  for c in index_core.COMPONENTS}
    # the trend: the mean village's hours per month (a month still to come has none)
    trend = [(round(sum(r["months"][m] for r in village_rows) / len(village_rows), 1) if village_rows else 0.0)
             if m < through else None for m in range(12)]
    return {"year": year, "villages": village_rows, "towns": town_rows, "issuers": result.issuer_ranking(),
            "trend": trend, **_period(year, through),
            "components": components, "component_labels": index_core.COMPONENTS, "method": index_core.METHOD}


def burden_index_page(*, user, year: int) -> dict:
    """What the 基层负担指数 page shows this account: the county office its county (`burden_index`); a township or
    village (N09) its own villages' rows — each village's hours per month, in division-code order, never ranked —
    with the issuers ranked by the hours they caused those villages, and a township its own mean."""
    from jianfu.monitor.rules import index as index_core

    scope, county_wide = _index_scope(user)
    if county_wide:
        return {**burden_index(user=user, year=year), "county_wide": True}
    names, contribs = _index_totals(user, scope, year, county_wide=False)
    through = index_core.months_elapsed(year, timezone.localdate())
    result = index_core.compute(list(names), contribs, year=year, through=through)
    villages = [{"code": v, "name": names[v], "months": [result.hours(v, m) for m in range(1, 13)],
                 "total": round(sum(result.hours(v, m) for m in range(1, 13)), 1)} for v in sorted(names)]
    towns = []
    for code, name in scope.filter(OrgUnit.objects.filter(kind=UnitKind.TOWN), field="code") \
            .order_by("code").values_list("code", "name"):
        months = [result.town_hours(code[:9], m) for m in range(1, 13)]
        towns.append({"code": code, "name": name, "months": months, "total": round(sum(months), 1)})
    # the village's own heading is for a village account, not for a township that happens to have one village (R07)
    is_village = codes.division_level(scope.unit_code) == 5
    return {"year": year, "county_wide": False, "is_village": is_village, "villages": villages, "towns": towns,
            "issuers": result.issuer_ranking(), "method": index_core.METHOD, **_period(year, through)}


def _period(year: int, through: int) -> dict:
    """What the index's total column covers (R07): a past year's 全年; a year in progress 今年累计 up to this month —
    the months to come are not counted (an app's monthly hours are not projected to December); a year to come, none."""
    if through == 12:
        label = _("全年")
    elif through:
        label = _("今年累计（1—%(m)d月）") % {"m": through}
    else:
        label = _("今年累计（尚未开始）")
    return {"through": through, "total_label": label}


def index_trace(*, user, year: int, village_code: str, month: int) -> dict:
    """Every row behind one village's index for one month: ledger rows and 一表同享 submissions. A township or
    village reads the trace of its own villages; a row sent down from above is named but not linked (its ledger
    page belongs to the unit it was addressed to)."""
    from jianfu.monitor.rules import index as index_core

    scope, county_wide = _index_scope(user)
    if not (1 <= month <= 12) or not scope.covers(village_code):
        raise NotFoundError(_("找不到该村（社区），或不在您的管辖范围内。"))
    if month > index_core.months_elapsed(year, timezone.localdate()):
        # R07: a month to come has no index (an app's hours are not projected into it)
        raise NotFoundError(_("%(y)d年%(m)d月尚未到来，没有负担指数。") % {"y": year, "m": month})
    names, contribs = _index_inputs(user, scope, year, county_wide=county_wide)
    if village_code not in names:
        raise NotFoundError(_("找不到该村（社区），或不在您的管辖范围内。"))
    items = index_core.trace(village_code, month, contribs)
    linkable = {c.target_prefix for c in items
                if county_wide or scope.covers(c.target_prefix.ljust(12, "0") if c.target_prefix.isdigit()
                                               else c.target_prefix)}
    return {"village": village_code, "name": names[village_code], "year": year, "month": month, "items": items,
            "linkable": linkable, "county_wide": county_wide, "own_village": scope.unit_code == village_code,
            "hours": round(sum(c.minutes for c in items) / 60, 1), "labels": index_core.COMPONENTS,
            "method": index_core.METHOD}


def dashboard(*, user, year: int) -> dict:
    """The county office's view: findings by rule, issuer and month; documents, meetings and
    activities against last year; the burden index."""
    from jianfu.monitor.rules import reduction

    scope = _county_wide(user)
    findings = scope.filter(Finding.objects.filter(year=year), field="org_code")
    by_rule = list(findings.values("rule_code", "category").annotate(n=Count("id")).order_by("-n", "rule_code"))
    by_issuer = list(findings.values("issuer_code", "issuer_name").annotate(n=Count("id")).order_by("-n", "issuer_code"))
    months = dict(findings.values_list("month").annotate(n=Count("id")).order_by())
    by_month = [months.get(m, 0) for m in range(1, 13)]
    by_severity = dict(findings.values_list("severity").annotate(n=Count("id")).order_by())

    def year_counts(kind, extra_group=None):
        # two date-range scans grouped in SQL (no per-row date extraction: on SQLite that is a
        # Python callback per row)
        keys = ["issuer_code", "issuer_name"] + ([extra_group] if extra_group else [])
        counts: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
        for slot, y in ((0, year - 1), (1, year)):
            qs = scope.filter(LEDGER_MODELS[kind].objects.filter(date__gte=dt.date(y, 1, 1), date__lte=dt.date(y, 12, 31)),
                              field="org_code")
            for r in qs.values(*keys).annotate(n=Count("id")).order_by():
                counts[tuple(r[k] for k in keys)][slot] += r["n"]
        return counts

    def compare(kind):
        rows = []
        for (code, name), (last, this) in sorted(year_counts(kind).items(), key=lambda kv: (-kv[1][1], kv[0])):
            rows.append({"issuer_code": code, "issuer_name": name, "last": last, "this": this,
                         "change": reduction(last, this).text})
        total_last, total_this = sum(r["last"] for r in rows), sum(r["this"] for r in rows)
        return {"rows": rows, "last": total_last, "this": total_this, "change": reduction(total_last, total_this).text}

    from jianfu.monitor.models import ActivityKind

    activity: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (_c, _n, kind), pair in year_counts(LedgerKind.ACTIVITY, "activity_kind").items():
        activity[kind][0] += pair[0]
        activity[kind][1] += pair[1]
    activities = [{"kind": k, "label": label, "last": activity[k][0], "this": activity[k][1],
                   "change": reduction(activity[k][0], activity[k][1]).text}
                  for k, label in ActivityKind.choices]
    return {"year": year, "findings_total": findings.count(), "by_rule": by_rule, "by_issuer": by_issuer,
            "by_month": by_month, "by_severity": by_severity, "documents": compare(LedgerKind.DOCUMENT),
            "meetings": compare(LedgerKind.MEETING), "activities": activities,
            "index": burden_index(user=user, year=year)}


# The ledger form's datalists are read on every GET of the form; the county's units (up to 3,000 rows) change rarely.
# They are cached per county and forgotten when a unit is saved or deleted (signals in apps.py); the five-minute
# lifetime bounds what a bulk write that sends no signal (a queryset update) leaves stale. A stale list only
# suggests: what is typed is resolved against the database on save (services.resolve_unit).
UNIT_NAMES_TTL = 300


def _unit_names_key(county: str) -> str:
    return f"monitor:unit-names:{county or 'all'}"


def unit_names_forget(code: str) -> None:
    """A unit changed: its county's cached names (and the all-counties list an administrator sees) are dropped."""
    # after the commit: dropped inside the writer's transaction, a reader could cache the old rows again before it
    keys = [_unit_names_key((code or "")[:6]), _unit_names_key("")]
    transaction.on_commit(lambda: cache.delete_many(keys))


def _county_units(county: str) -> list[tuple[str, str, str]]:
    key = _unit_names_key(county)
    rows = soft_get(key)   # the database's while the cache is down (ops28 #4)
    if rows is None:
        units = OrgUnit.objects.filter(is_active=True, kind__in=(UnitKind.COUNTY, UnitKind.DEPARTMENT, UnitKind.TOWN,
                                                                  UnitKind.VILLAGE)).order_by("code")
        if county:
            units = units.filter(code__startswith=county)
        rows = list(units.values_list("code", "name", "kind")[:3000])
        soft_set(key, rows, UNIT_NAMES_TTL)
    return rows


def unit_names(*, user) -> dict[str, list[str]]:
    """The names the ledger form offers (an HTML datalist): the units of the writer's county that may cause a burden
    (the county, its departments and townships) and those within the writer's reach that may bear one (the county,
    townships, villages)."""
    scope = scope_for(user)
    rows = _county_units((scope.unit_code or "")[:6])
    # the writer's own township's stations first (a village names "派出所" and means its township's: newuser15 F8)
    town = (scope.unit_code or "")[:9] + "000D" if len(scope.unit_code or "") >= 12 and scope.unit_code[6:9] != "000" \
        else None
    issuers = [name for code, name, kind in sorted(rows, key=lambda r: not (town and r[0].startswith(town)))
               if kind != UnitKind.VILLAGE]
    targets = [name for code, name, kind in rows if kind != UnitKind.DEPARTMENT and scope.covers(code)]
    return {"issuer": list(dict.fromkeys(issuers)), "target": list(dict.fromkeys(targets))}


def national_rule_names() -> dict[str, str]:
    """The national rules' names by code: a notice's case names the rules that watch for its kind of problem (their
    codes mean nothing to a reader)."""
    return dict(Rule.objects.filter(county_code="").values_list("code", "name"))


def unit_name(code: str) -> str:
    """A unit's name for display ("" when the code names none)."""
    return OrgUnit.objects.filter(code=code).values_list("name", flat=True).first() or ""
