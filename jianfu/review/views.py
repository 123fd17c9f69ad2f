"""Thin HTML views of the 减负一致性评估: parse → service/selector → render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.messages.storage.base import Message
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jianfu.accounts.roles import Capability
from jianfu.accounts.scoping import scope_for
from jianfu.core import formtokens
from jianfu.core.decorators import found_by, page_access
from jianfu.core.downloads import DOCX, download_response
from jianfu.core.errors import ApplicationError
from jianfu.review import selectors, services
from jianfu.review.engine import GROUPS, SEVERITIES, readers, scoring
from jianfu.review.engine.diff import compare
from jianfu.review.engine.render import highlight
from jianfu.review.forms import AddFindingForm, DismissForm, ReviseForm, RuleForm, RuleToggleForm, SubmitForm
from jianfu.review.presenters import engine_findings, result_from_review, rule_choices


def _cleaned(form) -> dict:
    """The form's cleaned data; an invalid form is a 400 naming its first field and reason."""
    if not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        raise ApplicationError(_("%(field)s：%(reason)s") % {"field": form.fields[field].label, "reason": errors[0]},
                               code="invalid", field=field)
    return form.cleaned_data


def _upload(cleaned: dict, field: str = "file") -> tuple[bytes | None, str]:
    upload = cleaned.get(field)
    if not upload:
        return None, ""
    if upload.size > readers.MAX_BYTES:
        raise ApplicationError(
            _("文件大小为 %(mb).1f MB，超过 %(max)d MB 的上限，请拆分或压缩后上传。")
            % {"mb": upload.size / 1024 / 1024, "max": readers.MAX_BYTES // 1024 // 1024},
            code="too_large", field=field)
    return upload.read(), upload.name


@login_required
def document_list(request):
    documents = selectors.document_list(user=request.user)[:200]
    return render(request, "review/document_list.html", {"documents": documents})


@login_required
@require_http_methods(["GET", "POST"])
def submit(request):
    scope = scope_for(request.user)
    scope.require(Capability.REVIEW_SUBMIT)
    form = {"title": "", "text": ""}
    posted = formtokens.posted(request.POST)   # the kept first token after back, else the page's (fix-back16)
    token = posted if formtokens.valid(posted) else formtokens.token_new()  # kept on a refusal: nothing was stored
    if request.method == "POST":
        bound = SubmitForm(request.POST, request.FILES)
        bound.is_valid()  # the text fields' cleaned values are kept for the page even when a file is refused
        form = {"title": bound.cleaned_data.get("title", ""), "text": bound.cleaned_data.get("text", "")}
        try:
            cleaned = _cleaned(bound)
            data, filename = _upload(cleaned)
            reference, reference_name = _upload(cleaned, field="reference")
            review = services.review_submit_from_form(actor=request.user, data=data, filename=filename,
                                                      text=form["text"] if data is None else None,
                                                      title=form["title"], reference_data=reference,
                                                      reference_filename=reference_name, form_token=posted)
        except ApplicationError as exc:
            if exc.status_code != 400:
                raise
            if exc.code == "form_expired":   # no token, or one naming someone else's review: a fresh one (security17 #2)
                token = formtokens.token_new()
            exc = formtokens.on_file_form(exc, chosen=bool(request.FILES))   # a file is never refilled (fix30 #2)
            # said once, beside the form (not also as a flash message above it)
            return render(request, "review/submit.html", {"form": form, "error": exc, "limits": _limits(),
                                                          "form_token": token}, status=400)
        # the banner's colour says the verdict: green only for 通过 (不通过 was shown green)
        say = {scoring.PASS: messages.success, scoring.FAIL: messages.error}.get(review.conclusion, messages.warning)
        say(request, _("审查完成：%(c)s，得分 %(s)d（满分 100）。") % {"c": review.conclusion, "s": review.score})
        return redirect("review:review_detail", pk=review.pk)
    return render(request, "review/submit.html", {"form": form, "limits": _limits(), "form_token": token})


def _limits() -> dict:
    return {"mb": readers.MAX_BYTES // 1024 // 1024, "pages": readers.MAX_PAGES, "chars": readers.MAX_CHARS}


@page_access(found_by(selectors.document_get))
@login_required
def document_detail(request, pk: int):
    return _document_page(request, selectors.document_get(user=request.user, pk=pk))


def _document_page(request, document, *, text: str = "", error: ApplicationError | None = None,
                   token: str = "", status: int = 200):
    """The document's page. After a refused 上传修改稿, `text` (what was pasted) fills the form again and `error` is
    shown beside it with `token` (kept, or fresh after an expired form): the refusal's words say the typing is kept,
    which a redirect to the page made false (fix30b #1)."""
    versions = list(document.versions.select_related("review").order_by("-number"))
    reviewed = {v.pk: v.review for v in versions if hasattr(v, "review")}  # a version not yet reviewed has none
    problems = selectors.problem_counts(reviews=reviewed.values())
    rows = [(v, problems[reviewed[v.pk].pk] if v.pk in reviewed else None) for v in versions]
    return render(request, "review/document_detail.html", {
        "document": document, "rows": rows, "limits": _limits(), "text": text, "error": error,
        "reference_kept": versions[0].reference_filename if versions and versions[0].reference_text else "",
        "form_token": token or formtokens.token_new()}, status=status)


@login_required
@require_POST
def document_revise(request, pk: int):
    document = selectors.document_get(user=request.user, pk=pk)
    posted = formtokens.posted(request.POST)
    bound = ReviseForm(request.POST, request.FILES)
    bound.is_valid()   # the pasted text's cleaned value is kept for the page even when a file is refused
    text = bound.cleaned_data.get("text", "")
    try:
        cleaned = _cleaned(bound)
        data, filename = _upload(cleaned)
        reference, reference_name = _upload(cleaned, field="reference")   # none: the previous version's is used
        review = services.review_submit_from_form(actor=request.user, document=document, data=data,
                                                  filename=filename, text=text if data is None else None,
                                                  reference_data=reference, reference_filename=reference_name,
                                                  form_token=posted)
    except ApplicationError as exc:
        if exc.status_code != 400:
            raise
        # the page again with the text pasted (not a redirect that lost it, fix30b #1); a file is never refilled
        token = posted if formtokens.valid(posted) and exc.code != "form_expired" else ""
        return _document_page(request, document, text=text, token=token, status=400,
                              error=formtokens.on_file_form(exc, chosen=bool(request.FILES)))
    if review.previous_id:
        return redirect("review:review_compare", pk=review.pk)
    return redirect("review:review_detail", pk=review.pk)


def _parents(heading_path: list[str], text: str) -> list[str]:
    """The headings above a clause: a numbered clause's own label (its first words, cut) ends its heading path, and
    shown above the clause it would only repeat the clause's beginning."""
    if heading_path and text.startswith(heading_path[-1].removesuffix("…")):
        return heading_path[:-1]
    return heading_path


@page_access(found_by(selectors.review_get))
@login_required
def review_detail(request, pk: int):
    review = selectors.review_get(user=request.user, pk=pk)
    return _review_page(request, review, add=request.GET.get("add", ""), show_all=request.GET.get("all") == "1")


def _clause_runs(clauses: list[dict[str, Any]], *, shown: int | None) -> list[dict[str, Any]]:
    """The clauses in runs: each clause with a finding (or the one whose 补充 form is open) on its own, and the clauses
    between them without any in one run the page folds ("只看有问题的条款", newuser23 #1: 28 clauses made a phone page
    5,567 px tall for 2 findings)."""
    runs: list[dict[str, Any]] = []
    for c in clauses:
        clean = not c["findings"] and c["index"] != shown
        if clean and runs and runs[-1]["clean"]:
            runs[-1]["clauses"].append(c)
        else:
            runs.append({"clean": clean, "clauses": [c]})
    for run in runs:
        run["first"], run["last"] = run["clauses"][0]["index"], run["clauses"][-1]["index"]
    return runs


def _review_page(request, review, *, add: str, typed: dict | None = None, error: ApplicationError | None = None,
                 show_all: bool = False):
    """The review page. `add` (?add=N) opens the 补充 form under clause N. After a refused 补充, `typed` (what the
    handler entered) fills the form again, at its clause when that clause is in the review, and `error` is shown
    beside the field it names (newuser13 V05: not a jump to the top with everything typed lost)."""
    all_findings = list(review.findings.all())
    findings = [f for f in all_findings if selectors.stands(f)]
    by_clause: dict = {}
    for f in all_findings:
        by_clause.setdefault(f.clause_index, []).append(f)
    can_manage = scope_for(request.user).can(Capability.REVIEW_MANAGE)
    kept_by_clause = {k: [f for f in v if selectors.stands(f)] for k, v in by_clause.items()}
    clauses = []
    previous = ""
    for c in review.clauses:
        parents = _parents(c["heading_path"], c["text"])
        # a heading that is the clause printed right above ("一、工作要求") is not printed a second time
        if parents and previous.startswith(parents[-1].removesuffix("…")):
            parents = parents[:-1]
        previous = c["text"]
        clauses.append({"index": c["index"], "heading": " › ".join(parents), "page": c.get("page"),
                        "html": mark_safe(highlight(c["text"], kept_by_clause.get(c["index"], []))),  # noqa: S308 - escaped in highlight
                        "findings": by_clause.get(c["index"], []), "short": c["text"][:40]})
    counts = {sev: sum(1 for f in findings if f.severity == sev) for sev in SEVERITIES}
    # ?add=N opens the 补充 form under clause N (session 12, U16: beside the clause, not only in the fold at the end);
    # anything else opens none
    add_clause = int(add) if can_manage and add.isdigit() and any(c["index"] == int(add) for c in clauses) else None
    catalogue = selectors.catalogue_for(review.county_code)
    rules = catalogue.clause_rules if can_manage else ()
    # the hits not counted are said by their rule's name (the rule id as small print, as on each finding)
    names = {r.id: r.name for r in catalogue.rules}
    notes = [{**n, "rule_name": names.get(n["rule_id"], "")} for n in review.notes or ()]
    # a decision's message is said at the clause it concerns, where the page opens, not at the top (newuser23 #1)
    page_messages: list[Message] = []
    clause_messages: dict[int, list[Message]] = {}
    for message in messages.get_messages(request):
        tag = next((t for t in message.extra_tags.split() if t.startswith("clause-")), "")
        if tag and tag[7:].isdigit():
            clause_messages.setdefault(int(tag[7:]), []).append(message)
        else:
            page_messages.append(message)
    for c in clauses:
        c["messages"] = clause_messages.pop(c["index"], [])
    page_messages += [m for found in clause_messages.values() for m in found]   # a clause no longer in the review
    in_order = [f for f in by_clause.get(None, []) if selectors.stands(f)] + [
        f for c in clauses for f in c["findings"] if selectors.stands(f)]
    runs = _clause_runs(clauses, shown=add_clause)
    return render(request, "review/review_detail.html", {
        "notes": notes, "runs": runs, "show_all": show_all, "first_finding": in_order[0] if in_order else None,
        "folded": sum(len(r["clauses"]) for r in runs if r["clean"]), "page_messages": page_messages,
        "review": review, "document": review.version.document, "clauses": clauses, "findings": findings,
        # the findings that stand, as `selectors.problem_counts` counts them for the document page (`stands` is its
        # STANDING for rows already loaded): the same figure without a second query (cr27 #15)
        "problems": len(findings),
        "document_findings": by_clause.get(None, []), "counts": counts, "groups": GROUPS, "can_manage": can_manage,
        "add_clause": add_clause, "typed": typed or {}, "add_error": error,
        "form_token": formtokens.token_new() if can_manage else "",   # the 补充 form's (fix-token29)
        "error_field": (error.field if error and error.field in ADD_FIELDS else "") if error else "",
        "rules": rule_choices(rules), "dismissed": sum(f.status == "dismissed" for f in all_findings),
        "added": sum(f.origin == "reviewer" and f.status == "open" for f in all_findings)},
        status=400 if error else 200)


def _decision(request, pk: int, action) -> HttpResponse:
    """Run one of the office's decisions and return to the review page at the clause it concerns (a long review
    would otherwise reopen at its top after every decision)."""
    anchor = ""
    try:
        message, finding = action()
    except ApplicationError as exc:
        if exc.status_code != 400:
            raise
        messages.error(request, exc.message)
    else:
        if finding.clause_index is not None:
            anchor = f"#clause-{finding.clause_index}"
        messages.success(request, message, extra_tags=anchor[1:])
    return redirect(reverse("review:review_detail", kwargs={"pk": pk}) + anchor)


@login_required
@require_POST
def finding_dismiss(request, pk: int, finding_id: int):
    def dismiss():
        cleaned = _cleaned(DismissForm(request.POST))
        finding = services.finding_dismiss(actor=request.user, review_id=pk, finding_id=finding_id,
                                           reason=cleaned["reason"])
        return _("已排除该审查意见，得分已重新计算。"), finding
    return _decision(request, pk, dismiss)


@login_required
@require_POST
def finding_restore(request, pk: int, finding_id: int):
    def restore():
        finding = services.finding_restore(actor=request.user, review_id=pk, finding_id=finding_id)
        return _("已恢复该审查意见。"), finding
    return _decision(request, pk, restore)


ADD_FIELDS = ("clause", "selection", "rule_id", "group", "note")


@login_required
@require_POST
def finding_add(request, pk: int):
    form = AddFindingForm(request.POST)
    try:
        cleaned = _cleaned(form)
        # the form's one-time token: a double tap or back then 补充 again adds one finding (fix-token29)
        finding, added = services.finding_add_from_form(
            form_token=formtokens.posted(request.POST), actor=request.user, review_id=pk,
            clause_index=cleaned["clause"], rule_id=cleaned["rule_id"], group=cleaned["group"], note=cleaned["note"],
            selection=cleaned["selection"])
    except ApplicationError as exc:
        if exc.status_code != 400:
            raise
        # the form again where it was, with what was typed and the error beside its field
        kept = getattr(form, "cleaned_data", {})
        typed = {f: str(kept[f]) if kept.get(f) is not None and f in kept else form.data.get(f, "")
                 for f in ADD_FIELDS}
        return _review_page(request, selectors.review_get(user=request.user, pk=pk), add=typed["clause"],
                            typed=typed, error=exc)
    if added:
        messages.success(request, _("已补充审查意见，得分已重新计算。"), extra_tags=f"clause-{finding.clause_index}")
    else:
        messages.info(request, _("该表单已提交过，没有重复补充。"), extra_tags=f"clause-{finding.clause_index}")
    return redirect(reverse("review:review_detail", kwargs={"pk": pk}) + f"#clause-{finding.clause_index}")


@login_required
def labelled_clauses(request):
    """The office's decisions as labelled clauses (YAML, the corpus format) for widening the corpus."""
    import yaml

    rows = selectors.labelled_clauses(user=request.user)
    header = ("# 减负一致性评估：县减负办确认、排除、补充后的条款标注（语料格式，见 jianfu/review/corpus/DATA_CARD.md）\n"
              "# rules/groups 为空且 trap: office_dismissed 的条款是经减负办排除的“形似问题”反例。\n")
    body = yaml.safe_dump(rows, allow_unicode=True, sort_keys=False, width=1000)
    return download_response(header + body, "审查标注语料.yaml", "application/x-yaml; charset=utf-8")


@login_required
def review_docx(request, pk: int):
    review = selectors.review_get(user=request.user, pk=pk)
    from jianfu.review.engine.annotate import annotate

    version = review.version
    original = None
    if version.fmt == "docx" and version.file:
        with version.file.open("rb") as fh:
            original = fh.read()
    data = annotate(result_from_review(review), original=original, now=timezone.now())
    name = f"{version.document.title[:60]}-审查意见-v{version.number}.docx"
    return download_response(data, name, DOCX)


@login_required
def review_compare(request, pk: int):
    review = selectors.review_get(user=request.user, pk=pk)
    previous = review.previous
    if previous is None:
        messages.info(request, _("这是该文件的第一个版本，没有可对比的上一版。"))
        return redirect("review:review_detail", pk=review.pk)
    diff = compare(engine_findings(previous), engine_findings(review), score_before=previous.score,
                   score_after=review.score)
    return render(request, "review/review_compare.html", {"review": review, "previous": previous, "diff": diff,
                                                          "document": review.version.document})


@page_access(found_by(selectors.rule_rows))
@login_required
def rule_list(request):
    county, rows = selectors.rule_rows(user=request.user)
    scope = scope_for(request.user)
    return render(request, "review/rule_list.html", {
        "rows": rows, "county": county, "can_manage": scope.can(Capability.REVIEW_MANAGE), "groups": GROUPS,
        "severities": SEVERITIES})


@login_required
@require_POST
def rule_toggle(request, rule_id: str):
    try:
        cleaned = _cleaned(RuleToggleForm(request.POST))
        services.rule_toggle(actor=request.user, rule_id=rule_id, enabled=cleaned["enabled"] == "1")
    except ApplicationError as exc:
        if exc.status_code != 400:
            raise
        messages.error(request, exc.message)
    else:
        messages.success(request, _("规则 %(id)s 已更新。") % {"id": rule_id})
    return redirect("review:rule_list")


@login_required
@require_http_methods(["GET", "POST"])
def rule_create(request):
    scope_for(request.user).require(Capability.REVIEW_MANAGE)
    form = {"name": "", "group": "CUSTOM", "severity": "medium", "patterns": "", "provision": "", "suggestion": ""}
    if request.method == "POST":
        form = _cleaned(RuleForm(request.POST))  # text fields only, none required: always valid
        try:
            # the form's one-time token: a double tap or back then 保存 again makes one rule (fix-token29)
            override, made = services.rule_create_from_form(
                form_token=formtokens.posted(request.POST), actor=request.user, name=form["name"],
                group=form["group"], severity=form["severity"], patterns=form["patterns"].splitlines(),
                provision=form["provision"], suggestion=form["suggestion"])
        except ApplicationError as exc:
            if exc.status_code != 400:
                raise
            messages.error(request, exc.message)
            return render(request, "review/rule_form.html", {"form": form, "groups": GROUPS, "severities": SEVERITIES,
                                                             "form_token": formtokens.token_new()}, status=400)
        if made:
            messages.success(request, _("已新增规则 %(id)s。") % {"id": override.rule_id})
        else:
            messages.info(request, _("该表单已提交过，没有重复新增规则 %(id)s。") % {"id": override.rule_id})
        return redirect("review:rule_list")
    return render(request, "review/rule_form.html", {"form": form, "groups": GROUPS, "severities": SEVERITIES,
                                                     "form_token": formtokens.token_new()})


@login_required
def statistics(request):
    stats = selectors.statistics(user=request.user)
    return render(request, "review/statistics.html", {"stats": stats, "groups": GROUPS})
