"""Reads of the review app, scoped by `scope_for`: a department sees the documents it drafted, a
township those of its subtree, the county office and admin everything in their county."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet

from jianfu.accounts.roles import Capability
from jianfu.accounts.scoping import scope_for
from jianfu.review.engine import Catalogue, load_catalogue
from jianfu.review.models import Document, Finding, FindingOrigin, FindingStatus, Review, RuleOverride

# The findings that stand, the one definition of a review's problems (问题数): the engine's findings the office has
# not dismissed and the ones the office added (newuser27 #8: the document page counted dismissed ones too).
STANDING = Q(status=FindingStatus.OPEN)


def stands(finding: Finding) -> bool:
    """`STANDING` for a finding already loaded."""
    return finding.status == FindingStatus.OPEN


def problem_counts(*, reviews: Iterable[Review]) -> dict[int, int]:
    """Each review's 问题数 (the findings that stand), in one query; the document page and the review page say it."""
    counts = {review.pk: 0 for review in reviews}
    rows = (Finding.objects.filter(STANDING, review_id__in=list(counts)).values("review_id")
            .annotate(n=Count("id")).order_by())
    counts.update({row["review_id"]: row["n"] for row in rows})
    return counts


def county_of(code: str) -> str:
    """450521200206 → 450521000000; a department code 450521000000D01 → 450521000000."""
    return code[:6] + "000000" if code and len(code) >= 6 else ""


def document_list(*, user) -> QuerySet[Document]:
    scope = scope_for(user)
    scope.require(Capability.REVIEW_SUBMIT)
    qs = Document.objects.select_related("created_by").prefetch_related("versions__review")
    return scope.filter(qs, field="org_code", department_field="department_code")


def document_get(*, user, pk: int) -> Document:
    scope = scope_for(user)
    scope.require(Capability.REVIEW_SUBMIT)
    return scope.get(Document.objects.all(), field="org_code", department_field="department_code", pk=pk)


def review_list(*, user) -> QuerySet[Review]:
    scope = scope_for(user)
    scope.require(Capability.REVIEW_SUBMIT)
    qs = Review.objects.select_related("version__document")
    return scope.filter(qs, field="org_code", department_field="department_code")


def review_get(*, user, pk: int) -> Review:
    scope = scope_for(user)
    scope.require(Capability.REVIEW_SUBMIT)
    qs = Review.objects.select_related("version__document", "previous__version")
    return scope.get(qs, field="org_code", department_field="department_code", pk=pk)


def overrides_for(county_code: str) -> QuerySet[RuleOverride]:
    return RuleOverride.objects.filter(county_code=county_code).order_by("rule_id")


def catalogue_for(county_code: str) -> Catalogue:
    """The YAML catalogue merged with the county office's own rules and switched-off rules."""
    base = load_catalogue()
    if not county_code:
        return base
    extra, disabled = [], set()
    for override in overrides_for(county_code):
        if not override.enabled:
            disabled.add(override.rule_id)
        elif override.definition:
            extra.append(override.definition)
    if not extra and not disabled:
        return base
    return base.with_overrides(extra=extra, disabled=disabled)


def rule_rows(*, user) -> tuple[str, list[dict]]:
    """Every rule of the account's county with its state, for the rule page."""
    scope = scope_for(user)
    scope.require(Capability.REVIEW_SUBMIT)
    county = county_of(scope.unit_code)
    overrides = {o.rule_id: o for o in overrides_for(county)} if county else {}
    rows = []
    for rule in load_catalogue().rules:
        o = overrides.get(rule.id)
        rows.append({"rule": rule, "enabled": o.enabled if o else True, "custom": False})
    for o in overrides.values():
        if o.definition:
            from jianfu.review.engine.rules import load_provisions, rule_from_dict

            rows.append({"rule": rule_from_dict(o.definition, load_provisions(), origin="custom"),
                         "enabled": o.enabled, "custom": True})
    return county, rows


def statistics(*, user) -> dict:
    """Documents reviewed and findings per rule, for the county office (admin: all counties)."""
    scope = scope_for(user)
    scope.require(Capability.STATISTICS_VIEW)
    reviews = Review.objects.all()
    findings = Finding.objects.all()
    if not scope.is_all:
        county = county_of(scope.unit_code)
        reviews = reviews.filter(county_code=county)
        findings = findings.filter(county_code=county)
    by_conclusion = dict(reviews.values_list("conclusion").annotate(n=Count("id")).order_by())
    kept = findings.filter(STANDING)
    dismissed = Count("id", filter=Q(status=FindingStatus.DISMISSED))
    added = Count("id", filter=Q(origin=FindingOrigin.REVIEWER, status=FindingStatus.OPEN))
    # per rule: kept findings, and how many of the engine's the office dismissed (where rules over-reach)
    per_rule = list(findings.values("rule_id", "rule_name", "group")
                    .annotate(n=Count("id", filter=Q(status=FindingStatus.OPEN)), dismissed=dismissed, added=added)
                    .order_by("-n", "rule_id"))
    per_group = list(kept.values("group").annotate(n=Count("id")).order_by("-n"))
    return {
        "documents": Document.objects.filter(versions__review__in=reviews).distinct().count(),
        "reviews": reviews.count(),
        "by_conclusion": by_conclusion,
        "findings": kept.count(),
        "dismissed": findings.filter(status=FindingStatus.DISMISSED).count(),
        "added": kept.filter(origin=FindingOrigin.REVIEWER).count(),
        "per_rule": per_rule,
        "per_group": per_group,
    }


def _county_findings(*, user):
    scope = scope_for(user)
    scope.require(Capability.STATISTICS_VIEW)
    findings = Finding.objects.all()
    if not scope.is_all:
        findings = findings.filter(county_code=county_of(scope.unit_code))
    return findings


def labelled_clauses(*, user) -> list[dict]:
    """The office's decisions as labelled clauses for the corpus (the YAML shape of corpus/*.yaml): a clause
    with a kept or added finding is a positive with its rules; a clause whose every finding was dismissed is a
    look-alike negative, with the office's reason. Ids are stable: R<review>-C<clause>."""
    findings = _county_findings(user=user).select_related("review").order_by("review_id", "clause_index", "start")
    by_clause: dict = {}
    for f in findings:
        if f.clause_index is None:
            continue
        by_clause.setdefault((f.review_id, f.clause_index), []).append(f)
    reviews = {r.pk: r for r in Review.objects.filter(pk__in={k[0] for k in by_clause}).only("pk", "clauses")}
    out = []
    for (review_id, clause_index), items in by_clause.items():
        clause = next((c for c in reviews[review_id].clauses if c["index"] == clause_index), None)
        if clause is None:
            continue
        kept = [f for f in items if f.status == "open"]
        decided = any(f.origin == "reviewer" or f.status == "dismissed" for f in items)
        row = {"id": f"R{review_id}-C{clause_index}", "text": clause["text"],
               "rules": sorted({f.rule_id for f in kept if not f.rule_id.startswith("MANUAL-")}),
               "groups": sorted({f.group for f in kept}), "reviewed_by_office": decided}
        if not kept:
            row["trap"] = "office_dismissed"
            row["reason"] = "；".join(f.reason for f in items if f.reason)
        else:
            notes = [f.reason for f in kept if f.origin == "reviewer" and f.reason]
            if notes:
                row["note"] = "；".join(notes)
        out.append(row)
    return out
