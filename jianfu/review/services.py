"""Writes of the review app: submitting a document (or a revision) for review, and the county
office's rule changes. Every write is atomic and audited; a file the engine cannot read stores nothing."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import PureWindowsPath
from typing import Any, cast

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.accounts.models import User
from jianfu.accounts.roles import Capability
from jianfu.accounts.scoping import scope_for
from jianfu.core import formtokens
from jianfu.core.audit import audit_record
from jianfu.core.errors import ApplicationError, NotFoundError
from jianfu.core.text import has_markup
from jianfu.review.engine import (
    GROUPS,
    ReviewInputError,
    RuleCatalogueError,
    readers,
    review_document,
    scoring,
)
from jianfu.review.engine.rules import load_catalogue, load_provisions, rule_from_dict
from jianfu.review.models import (
    FINDING_TRANSITIONS,
    Document,
    DocumentVersion,
    Finding,
    FindingOrigin,
    FindingStatus,
    Review,
    RuleOverride,
)
from jianfu.review.selectors import catalogue_for, county_of, document_get, review_get

MAX_TITLE = 200


def _no_markup(value: str, *, field: str, label: str) -> None:
    """Text the office or a drafter types (a title, a dismissal's reason, a 补充's note, a rule's wording) holding a
    web page's tag is refused, not stored, as in every other app (`core.text.has_markup`): it is shown on review
    pages, in the annotated .docx and the exports of every account of the county (badinput33 #3)."""
    if has_markup(value):
        raise ApplicationError(_("%(field)s含有网页代码（<…>），请只填写文字。") % {"field": label}, code="markup",
                               field=field)


def _read(*, data: bytes | None, filename: str, text: str | None) -> readers.SourceDocument:
    try:
        if data is not None:
            return readers.read_bytes(data, filename)
        if text is not None and text.strip():
            return readers.read_text(text)
    except ReviewInputError as exc:
        raise ApplicationError(exc.message, code=exc.code, field="file" if data is not None else "text") from exc
    raise ApplicationError(_("请上传文件或粘贴需要审查的文本。"), code="empty", field="file")


@dataclass(frozen=True)
class PreparedReview:
    """A document read and reviewed, nothing written (`review_prepare`): what `review_submit` stores."""

    inputs: str   # the digest of what it was made from (`_inputs`): review_submit writes it for those only
    source: readers.SourceDocument
    reference_text: str | None
    result: Any   # the engine's ReviewResult
    reference_filename: str = ""   # the name of the higher-level document compared with (new, or carried forward)


def _inputs(*, actor: User, data: bytes | None, filename: str, text: str | None, document: Document | None,
            reference_data: bytes | None, reference_filename: str) -> str:
    parts = [str(actor.pk), hashlib.sha256(data).hexdigest() if data is not None else "-", filename or "",
             hashlib.sha256(text.encode()).hexdigest() if text is not None else "-",
             str(document.pk) if document is not None else "-",
             hashlib.sha256(reference_data).hexdigest() if reference_data is not None else "-", reference_filename]
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


def review_prepare(*, actor: User, data: bytes | None = None, filename: str = "", text: str | None = None,
                   document: Document | None = None, reference_data: bytes | None = None,
                   reference_filename: str = "") -> PreparedReview:
    """Read the document (and the higher-level one) and review it, writing nothing: the slow part of a submission
    (4–5 s on 60,000 characters). `review_submit` runs it outside any transaction; the API runs it before its
    create transaction (`create_once`'s `before`) and passes it as `prepared`, so SQLite's write lock, taken for
    the whole of that transaction, is never held through the engine (security19 #4)."""
    scope = scope_for(actor)
    scope.require(Capability.REVIEW_SUBMIT)
    if document is not None:
        document = document_get(user=actor, pk=document.pk)  # scoped: refuses documents not one's own
    source = _read(data=data, filename=filename, text=text)
    reference_text, compared_with = None, reference_filename
    if reference_data is not None:
        try:
            reference_text = readers.read_bytes(reference_data, reference_filename).text
        except ReviewInputError as exc:
            raise ApplicationError(_("上级文件：%(m)s") % {"m": exc.message}, code=exc.code,
                                   field="reference") from exc
    elif document is not None:
        # a revision without a higher-level document of its own is compared with its previous version's: without
        # it the copy-paste rule did not run, and an unchanged copy showed as 已修改 and passed (newuser33 #1)
        last = document.versions.order_by("-number").only("reference_text", "reference_filename").first()
        if last is not None and last.reference_text:
            reference_text, compared_with = last.reference_text, last.reference_filename
    org_code = document.org_code if document else scope.unit_code
    county = document.county_code if document else county_of(org_code)
    # When the header does not say who issues the document, the submitting account does.
    default_issuer = {"department": "department", "township": "township"}.get(scope.role or "")
    result = review_document(source, catalogue=catalogue_for(county), default_issuer=default_issuer,
                             reference_text=reference_text)
    inputs = _inputs(actor=actor, data=data, filename=filename, text=text, document=document,
                     reference_data=reference_data, reference_filename=reference_filename)
    return PreparedReview(inputs, source, reference_text, result, reference_filename=compared_with)


def review_submit_from_form(*, form_token: object, actor: User, **kwargs: Any) -> Review:
    """`review_submit` from the web upload/paste form or a document's revision form: a post without a well-formed
    one-time token (a stale page, a hand-made post) is refused before anything is read or stored, as on every web
    create form (`formtokens.required_key`, ADR 0035); the same token posted again answers with its first review.
    The API keeps the token optional (`api_once` answers its repeats)."""
    formtokens.required_key(form_token)
    return review_submit(actor=actor, form_token=str(form_token), **kwargs)


def _filename_title(filename: str) -> str:
    """An upload's name without folders or extension (县农业农村局关于…的通知.txt → 县农业农村局关于…的通知)."""
    return PureWindowsPath(filename or "").stem.strip()[:MAX_TITLE]  # "/" and "\\" both separate


def review_submit(*, actor: User, data: bytes | None = None, filename: str = "", text: str | None = None,
                  title: str = "", document: Document | None = None, reference_data: bytes | None = None,
                  reference_filename: str = "", form_token: str = "", prepared: PreparedReview | None = None) -> Review:
    """Review a new document, or a revision of `document` (a new version compared with the last).
    `reference_data` is the higher-level document the copy-paste rule (BR-DOC-06) compares with; `form_token`, the
    web form's one-time token: the same form posted again gets the first post's review, not a second one;
    `prepared`, `review_prepare`'s answer for the same arguments (the API's, made before its transaction), else it
    is made here."""
    scope = scope_for(actor)
    scope.require(Capability.REVIEW_SUBMIT)
    # A form posted again (double click, back and resubmit) answers with the review its first post made
    # (`core.formtokens`; badinput16 #9c: two reviews of the same text at once).
    # Looked up over every review (the key is unique): another account's token is an expired form, not a 500 from
    # the unique key (security17 #2).
    # The same token with other content (back, an edited draft, 提交 again) is not a repeat: refused as an expired
    # form, nothing stored, never answered with the first draft's review (ADR 0036; cr18 #3).
    content_key = formtokens.content_key(form_token, {
        "file": formtokens.upload_digest(data, limit=readers.MAX_BYTES) if data is not None else None,
        "filename": filename or "", "text": text, "title": title or "",
        "document": document.pk if document is not None else None,
        "reference": formtokens.upload_digest(reference_data, limit=readers.MAX_BYTES)
        if reference_data is not None else None,
        "reference_filename": reference_filename or ""})

    def mine(review: Review) -> bool:
        return review.created_by_id == actor.pk and formtokens.same_content(review, content_key)

    form_key = formtokens.key(form_token)
    if (before := formtokens.earlier(Review.objects, form_key, own=mine)) is not None:
        return cast(Review, before)
    if document is not None:
        document = document_get(user=actor, pk=document.pk)  # scoped: refuses documents not one's own
    title = (title or "").strip()
    if len(title) > MAX_TITLE:  # refused, not cut without a word (badinput15 #14)
        raise ApplicationError(_("标题最多%(max)d个字，现在是%(n)d个字。") % {"max": MAX_TITLE, "n": len(title)},
                               code="too_long", field="title")
    _no_markup(title, field="title", label=_("标题"))
    arguments: dict[str, Any] = {"data": data, "filename": filename, "text": text, "document": document,
                 "reference_data": reference_data, "reference_filename": reference_filename}
    if prepared is None:
        prepared = review_prepare(actor=actor, **arguments)
    elif prepared.inputs != _inputs(actor=actor, **arguments):
        raise ValueError("a review prepared for other inputs")   # a caller's bug: never stored under these
    source, result = prepared.source, prepared.result
    org_code = document.org_code if document else scope.unit_code
    county = document.county_code if document else county_of(org_code)
    # with no title line found (a one-line .txt), the file's name — as the form says — before 未命名文件 (newuser20 #7)
    if not title and not (document is not None and document.title):
        title = result.document.title[:MAX_TITLE] or _filename_title(filename)
        # a title taken from the file's name or the first line is stored and shown as a typed one is, so it is held
        # to the typed title's rule: refused, not stripped (fixcr34b #3: "<img src=x onerror=alert(1)>.txt" became
        # Document.title); the message sits on the title box, where typing a title lets the same file through
        _no_markup(title, field="title", label=_("标题"))
    title = title or (document.title if document else "") or _("未命名文件")
    raw = data if data is not None else source.text.encode("utf-8")
    try:
        with transaction.atomic():
            formtokens.spend(Review, form_key)   # a token spent by another form is refused (quality27 #4)
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
                                      reference_text=prepared.reference_text or "",
                                      reference_filename=prepared.reference_filename[:255] if prepared.reference_text
                                      else "", created_by=actor)
            version.save()
            doc = result.document
            review = Review.objects.create(
                version=version, previous=previous_review, org_code=document.org_code,
                department_code=document.department_code, county_code=county, score=result.score,
                conclusion=result.conclusion, kind=doc.kind, issuer=doc.issuer, length=doc.length, pages=doc.pages,
                clause_count=doc.clause_count, rule_count=result.rule_count, created_by=actor,
                clauses=[{"index": c.index, "text": c.text, "heading_path": c.heading_path, "page": c.page,
                          "source_index": c.source_index} for c in doc.clauses],
                notes=[{"rule_id": n.rule_id, "clause": n.clause_index, "matched": n.matched, "reason": n.reason}
                       for n in result.notes], form_key=form_key or None, form_content_key=content_key or None)
            if data is not None:  # stored once the review's row (its unique form key) is written: a twin stores none
                version.file.save(filename or "upload", ContentFile(data), save=True)
            Finding.objects.bulk_create([
                Finding(review=review, county_code=county, rule_id=f.rule_id, rule_name=f.rule_name, group=f.group,
                        severity=f.severity, provision=f.provision, source=f.source, suggestion=f.suggestion,
                        clause_index=f.clause_index, heading=" › ".join(f.heading_path)[:300], page=f.page,
                        start=f.start, end=f.end, matched=f.matched[:300], sentence=f.sentence,
                        source_index=f.source_index)
                for f in result.findings])
            audit_record(actor=actor, action="review.review.submit", obj=review, org_code=document.org_code,
                         changes={"document": document.pk, "version": number, "score": result.score,
                                  "conclusion": result.conclusion, "findings": len(result.findings),
                                  "reference": prepared.reference_filename or None})
    except IntegrityError:
        # the same form posted twice at once: the other post stored its review (badinput16 #9c)
        twin = formtokens.earlier(Review.objects, form_key, own=mine)
        if twin is None:
            raise
        return cast(Review, twin)
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


def rule_create_from_form(*, form_token: object, actor: User, **fields: Any) -> tuple[RuleOverride, bool]:
    """The 新增审查规则 form: (rule, True) when made now, (the rule that form made, False) when the same form — its
    one-time token — was posted before (a double tap made CUSTOM-002 beside CUSTOM-001; fix-token29). No well-formed
    token: refused, nothing written (ADR 0035); the same token with other fields or from another account: an expired
    form (ADR 0036). Who may first: without the right, refused (403), not told the form expired (fix-cr29 #5)."""
    scope_for(actor).require(Capability.REVIEW_MANAGE)
    form_key = formtokens.required_key(form_token)
    content_key = formtokens.content_key(form_token, fields)
    return formtokens.once(RuleOverride.objects, form_key,
                           lambda: rule_create(actor=actor, **fields, form_key=form_key, form_content_key=content_key),
                           own=lambda o: o.created_by_id == actor.pk and formtokens.same_content(o, content_key))


def rule_create(*, actor: User, name: str, group: str, severity: str, patterns: list[str], provision: str,
                suggestion: str, source: str = "", form_key: str | None = None,
                form_content_key: str | None = None) -> RuleOverride:
    """A county office's own rule. Its id is CUSTOM-NNN, numbered per county."""
    county = _county_for_rules(actor)
    patterns = [p.strip() for p in patterns if p and p.strip()]
    if not patterns:
        raise ApplicationError(_("请至少填写一个匹配模式（每行一个）。"), code="invalid", field="patterns")
    if group not in GROUPS:
        raise ApplicationError(_("分组不正确。"), code="invalid", field="group")
    for field, label, value in (("name", _("名称"), name), ("provision", _("依据条款"), provision),
                                ("suggestion", _("修改建议"), suggestion)):
        _no_markup(value, field=field, label=label)
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
        # the form's keys (not editable: passed as a mapping, as monitor's notices do)
        keys: dict[str, Any] = {"form_key": form_key or None, "form_content_key": form_content_key or None}
        override = RuleOverride.objects.create(county_code=county, org_code=scope_for(actor).unit_code,
                                               rule_id=str(definition["id"]), enabled=True, definition=definition,
                                               created_by=actor, **keys)
        audit_record(actor=actor, action="review.rule.create", obj=override, org_code=county,
                     changes={"definition": definition})
    return override


# ---- the reviewer's own work (issue 10): dismiss a finding with a reason, add one the engine missed -----------

MAX_NOTE = 500
MANUAL_PROVISION = "县减负办人工认定（依据《整治形式主义为基层减负若干规定》及本县减负规定）"


def _rescore(review: Review) -> None:
    """Score and conclusion from the findings the office keeps (added ones included, dismissed ones not)."""
    kept = list(review.findings.filter(status=FindingStatus.OPEN).only("rule_id", "severity"))
    review.score = scoring.score(kept)
    review.conclusion = scoring.conclusion(review.score, kept)
    review.save(update_fields=["score", "conclusion", "updated_at"])


def _finding_for_decision(*, actor: User, review_id: int, finding_id: int) -> Finding:
    scope_for(actor).require(Capability.REVIEW_MANAGE)
    review = review_get(user=actor, pk=review_id)  # scoped: another county's review is not found
    finding = review.findings.select_for_update().filter(pk=finding_id).first()
    if finding is None:
        raise NotFoundError(_("该审查意见不存在。"), field="finding")
    return finding


def _transition(finding: Finding, target: str) -> None:
    if target not in FINDING_TRANSITIONS[FindingStatus(finding.status)]:
        raise ApplicationError(
            _("该审查意见当前状态为“%(s)s”，不能执行此操作。") % {"s": FindingStatus(finding.status).label},
            code="invalid_transition", field="finding")


def finding_dismiss(*, actor: User, review_id: int, finding_id: int, reason: str) -> Finding:
    """The office judges a finding unfounded; the reason is kept, shown and exported."""
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("请填写排除理由。"), code="required", field="reason")
    if len(reason) > MAX_NOTE:
        raise ApplicationError(_("排除理由不超过 %(n)d 字。") % {"n": MAX_NOTE}, code="too_long", field="reason")
    _no_markup(reason, field="reason", label=_("排除理由"))
    with transaction.atomic():
        finding = _finding_for_decision(actor=actor, review_id=review_id, finding_id=finding_id)
        _transition(finding, FindingStatus.DISMISSED)
        finding.status, finding.reason = FindingStatus.DISMISSED, reason
        finding.decided_by, finding.decided_at = actor, timezone.now()
        finding.save(update_fields=["status", "reason", "decided_by", "decided_at"])
        _rescore(finding.review)
        audit_record(actor=actor, action="review.finding.dismiss", obj=finding, org_code=finding.review.org_code,
                     changes={"review": finding.review_id, "rule_id": finding.rule_id, "reason": reason})
    return finding


def finding_restore(*, actor: User, review_id: int, finding_id: int) -> Finding:
    """Take a dismissal back: the finding counts again."""
    with transaction.atomic():
        finding = _finding_for_decision(actor=actor, review_id=review_id, finding_id=finding_id)
        _transition(finding, FindingStatus.OPEN)
        if finding.origin == FindingOrigin.ENGINE:
            finding.reason = ""
        finding.status, finding.decided_by, finding.decided_at = FindingStatus.OPEN, actor, timezone.now()
        finding.save(update_fields=["status", "reason", "decided_by", "decided_at"])
        _rescore(finding.review)
        audit_record(actor=actor, action="review.finding.restore", obj=finding, org_code=finding.review.org_code,
                     changes={"review": finding.review_id, "rule_id": finding.rule_id})
    return finding


def finding_add_from_form(*, form_token: object, actor: User, review_id: int, **fields: Any) -> tuple[Finding, bool]:
    """The review page's 补充 form: (finding, True) when added now, (the finding that form added, False) when the same
    form — its one-time token — was posted before (a double tap, back then 补充 again: one finding, scored once;
    fix-token29). No well-formed token: refused, nothing written (ADR 0035); the same token with other fields,
    another review or from another account: an expired form (ADR 0036). Who may first: without the right, refused
    (403), not told the form expired (fix-cr29 #5). The sender is bound into the content key: a finding keeps no
    author apart from `decided_by`, which a colleague's dismissal or restore rewrites — read as the sender, it made
    such a replay an expired form (fix30 #3)."""
    scope_for(actor).require(Capability.REVIEW_MANAGE)
    form_key = formtokens.required_key(form_token)
    content_key = formtokens.content_key(form_token, {"review": review_id, "sender": actor.pk, **fields})
    return formtokens.once(Finding.objects, form_key,
                           lambda: finding_add(actor=actor, review_id=review_id, **fields, form_key=form_key,
                                               form_content_key=content_key),
                           own=lambda f: f.review_id == review_id and formtokens.same_content(f, content_key))


def finding_add(*, actor: User, review_id: int, clause_index: int, rule_id: str = "", group: str = "", note: str = "",
                selection: str = "", form_key: str | None = None, form_content_key: str | None = None) -> Finding:
    """A finding the engine missed: on a clause of the review (optionally the selected words of it), citing a
    rule of the county's catalogue, or only a rule group with the office's note."""
    scope_for(actor).require(Capability.REVIEW_MANAGE)
    review = review_get(user=actor, pk=review_id)
    clause = next((c for c in review.clauses if c["index"] == clause_index), None)
    if clause is None:
        raise ApplicationError(_("条款编号 %(i)s 不在本次审查中。") % {"i": clause_index}, code="invalid", field="clause")
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise ApplicationError(_("说明不超过 %(n)d 字。") % {"n": MAX_NOTE}, code="too_long", field="note")
    _no_markup(note, field="note", label=_("说明"))
    selection = (selection or "").strip()
    text = clause["text"]
    if selection:
        start = text.find(selection)
        if start < 0:
            raise ApplicationError(_("选中的文字不在该条款中，请从条款原文中选取。"), code="invalid", field="selection")
    else:
        start = 0
        selection = text
    end = start + len(selection)
    rule = catalogue_for(review.county_code).get(rule_id) if rule_id else None
    if rule_id and rule is None:
        raise ApplicationError(_("规则 %(id)s 不存在。") % {"id": rule_id}, code="not_found", field="rule_id")
    if rule is None:
        if group not in GROUPS or group == "CUSTOM":
            raise ApplicationError(_("请选择规则或问题分组。"), code="required", field="group")
        if not note:
            raise ApplicationError(_("只选分组时请填写说明。"), code="required", field="note")
    # the form's keys (not editable: passed as a mapping, as monitor's notices do)
    keys: dict[str, Any] = {"form_key": form_key or None, "form_content_key": form_content_key or None}
    with transaction.atomic():
        review = Review.objects.select_for_update().get(pk=review.pk)
        finding = Finding.objects.create(
            review=review, county_code=review.county_code, origin=FindingOrigin.REVIEWER,
            # a group-only finding is named by its group and carries the office's note once, as 说明 (`reason`), not
            # also as the 建议 a rule would give (newuser13 V06)
            rule_id=rule.id if rule else f"MANUAL-{group}",
            rule_name=rule.name if rule else _("减负办人工认定·%(group)s") % {"group": GROUPS[group]},
            group=rule.group if rule else group, severity=rule.severity if rule else "medium",
            provision=rule.provision if rule else MANUAL_PROVISION, source=rule.source if rule else "",
            suggestion=rule.suggestion if rule else "", clause_index=clause_index,
            heading=" › ".join(clause.get("heading_path") or [])[:300], page=clause.get("page"), start=start,
            end=end, matched=selection[:300], sentence=text, source_index=clause.get("source_index"), reason=note,
            decided_by=actor, decided_at=timezone.now(), **keys)
        _rescore(review)
        audit_record(actor=actor, action="review.finding.add", obj=finding, org_code=review.org_code,
                     changes={"review": review.pk, "clause": clause_index, "rule_id": finding.rule_id, "note": note})
    return finding
