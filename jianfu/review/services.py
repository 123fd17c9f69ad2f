"""Writes of the review app: submitting a document (or a revision) for review, and the county
office's rule changes. Every write is atomic and audited; a file the engine cannot read stores nothing."""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from jianfu.accounts.models import User
from jianfu.accounts.roles import Capability
from jianfu.accounts.scoping import scope_for
from jianfu.core.audit import audit_record
from jianfu.core.errors import ApplicationError
from jianfu.review.engine import GROUPS, ReviewInputError, RuleCatalogueError, readers, review_document
from jianfu.review.engine.rules import load_catalogue, load_provisions, rule_from_dict
from jianfu.review.models import Document, DocumentVersion, Finding, Review, RuleOverride
from jianfu.review.selectors import catalogue_for, county_of, document_get

MAX_TITLE = 200


def _read(*, data: bytes | None, filename: str, text: str | None) -> readers.SourceDocument:
    try:
        if data is not None:
            return readers.read_bytes(data, filename)
        if text is not None and text.strip():
            return readers.read_text(text)
    except ReviewInputError as exc:
        raise ApplicationError(exc.message, code=exc.code, field="file" if data is not None else "text") from exc
    raise ApplicationError(_("请上传文件或粘贴需要审查的文本。"), code="empty", field="file")


def review_submit(*, actor: User, data: bytes | None = None, filename: str = "", text: str | None = None,
                  title: str = "", document: Document | None = None) -> Review:
    """Review a new document, or a revision of `document` (a new version compared with the last)."""
    scope = scope_for(actor)
    scope.require(Capability.REVIEW_SUBMIT)
    if document is not None:
        document = document_get(user=actor, pk=document.pk)  # scoped: refuses documents not one's own
    source = _read(data=data, filename=filename, text=text)
    org_code = document.org_code if document else scope.unit_code
    county = document.county_code if document else county_of(org_code)
    # When the header does not say who issues the document, the submitting account does.
    default_issuer = {"department": "department", "township": "township"}.get(scope.role or "")
    result = review_document(source, catalogue=catalogue_for(county), default_issuer=default_issuer)
    title = (title or "").strip()[:MAX_TITLE] or (document.title if document else "") or \
        result.document.title[:MAX_TITLE] or _("未命名文件")
    raw = data if data is not None else source.text.encode("utf-8")
    with transaction.atomic():
        if document is None:
            document = Document.objects.create(title=title, kind=result.document.kind, org_code=org_code,
                                               department_code=scope.department_code, county_code=county,
                                               created_by=actor)
            previous_review = None
            number = 1
        else:
            document = Document.objects.select_for_update().get(pk=document.pk)
            last = document.versions.order_by("-number").first()
            number = (last.number if last else 0) + 1
            previous_review = getattr(last, "review", None) if last else None
            document.kind = result.document.kind or document.kind
            document.save(update_fields=["kind", "updated_at"])
        version = DocumentVersion(document=document, number=number, filename=filename or "", fmt=source.fmt,
                                  text=source.text, size=len(raw), sha256=hashlib.sha256(raw).hexdigest(),
                                  created_by=actor)
        if data is not None:
            version.file.save(filename or "upload", ContentFile(data), save=False)
        version.save()
        doc = result.document
        review = Review.objects.create(
            version=version, previous=previous_review, org_code=document.org_code,
            department_code=document.department_code, county_code=county, score=result.score,
            conclusion=result.conclusion, kind=doc.kind, issuer=doc.issuer, length=doc.length, pages=doc.pages,
            clause_count=len(doc.clauses), rule_count=result.rule_count, created_by=actor,
            clauses=[{"index": c.index, "text": c.text, "heading_path": c.heading_path, "page": c.page,
                      "source_index": c.source_index} for c in doc.clauses],
            notes=[{"rule_id": n.rule_id, "clause": n.clause_index, "matched": n.matched, "reason": n.reason}
                   for n in result.notes])
        Finding.objects.bulk_create([
            Finding(review=review, county_code=county, rule_id=f.rule_id, rule_name=f.rule_name, group=f.group,
                    severity=f.severity, provision=f.provision, source=f.source, suggestion=f.suggestion,
                    clause_index=f.clause_index, heading=" › ".join(f.heading_path)[:300], page=f.page,
                    start=f.start, end=f.end, matched=f.matched[:300], sentence=f.sentence,
                    source_index=f.source_index)
            for f in result.findings])
        audit_record(actor=actor, action="review.review.submit", obj=review, org_code=document.org_code,
                     changes={"document": document.pk, "version": number, "score": result.score,
                              "conclusion": result.conclusion, "findings": len(result.findings)})
    return review


def _county_for_rules(actor: User) -> str:
    scope = scope_for(actor)
    scope.require(Capability.REVIEW_MANAGE)
    county = county_of(scope.unit_code)
    if not county:
        raise ApplicationError(_("规则按县管理，请使用县减负办账号操作。"), code="no_county")
    return county


def rule_toggle(*, actor: User, rule_id: str, enabled: bool) -> RuleOverride:
    county = _county_for_rules(actor)
    override = RuleOverride.objects.filter(county_code=county, rule_id=rule_id).first()
    if override is None and load_catalogue().get(rule_id) is None:
        raise ApplicationError(_("规则 %(id)s 不存在。") % {"id": rule_id}, code="not_found", field="rule_id")
    with transaction.atomic():
        if override is None:
            override = RuleOverride.objects.create(county_code=county, org_code=scope_for(actor).unit_code,
                                                   rule_id=rule_id, enabled=enabled, created_by=actor)
        else:
            override.enabled = enabled
            override.save(update_fields=["enabled", "updated_at"])
        audit_record(actor=actor, action="review.rule.toggle", obj=override, org_code=county,
                     changes={"rule_id": rule_id, "enabled": enabled})
    return override


def rule_create(*, actor: User, name: str, group: str, severity: str, patterns: list[str], provision: str,
                suggestion: str, source: str = "") -> RuleOverride:
    """A county office's own rule. Its id is CUSTOM-NNN, numbered per county."""
    county = _county_for_rules(actor)
    patterns = [p.strip() for p in patterns if p and p.strip()]
    if not patterns:
        raise ApplicationError(_("请至少填写一个匹配模式（每行一个）。"), code="invalid", field="patterns")
    if group not in GROUPS:
        raise ApplicationError(_("分组不正确。"), code="invalid", field="group")
    taken = set(RuleOverride.objects.filter(county_code=county, rule_id__startswith="CUSTOM-")
                .values_list("rule_id", flat=True))
    number = 1
    while f"CUSTOM-{number:03d}" in taken:
        number += 1
    definition = {"id": f"CUSTOM-{number:03d}", "name": name.strip(), "group": group, "severity": severity,
                  "patterns": patterns, "provision": provision.strip(), "source": source.strip(),
                  "suggestion": suggestion.strip()}
    try:
        rule_from_dict(definition, load_provisions(), origin="custom")
    except RuleCatalogueError as exc:
        raise ApplicationError(exc.message, code="invalid_rule", field="patterns") from exc
    with transaction.atomic():
        override = RuleOverride.objects.create(county_code=county, org_code=scope_for(actor).unit_code,
                                               rule_id=str(definition["id"]), enabled=True, definition=definition,
                                               created_by=actor)
        audit_record(actor=actor, action="review.rule.create", obj=override, org_code=county,
                     changes={"definition": definition})
    return override
