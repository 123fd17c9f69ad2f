"""Writes of the submission workflow — one guarded service per transition, atomic and audited.

    (none) ──generate──▶ generated ──submit──▶ submitted ──approve──▶ approved (locked)
                  ▲  fill │                         │
                  └───────┴──── returned ◀──return──┘   (fill, generate, submit again)

`TRANSITIONS` is the one table of what is allowed; every service checks it under a row lock
(select_for_update), so two concurrent requests cannot both move the same submission.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, TypedDict

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jianfu.accounts.roles import Capability
from jianfu.accounts.scoping import scope_for
from jianfu.core.audit import audit_record
from jianfu.core.errors import ApplicationError, ConflictError, NotFoundError
from jianfu.core.text import clean_text, misplaced_comma, without_thousands
from jianfu.orgs import codes
from jianfu.orgs.models import OrgUnit, UnitKind
from jianfu.reports.catalog import catalog_get
from jianfu.reports.engine import EngineError, Period, parse_period
from jianfu.reports.models import DataElement, ManualValue, Submission, Template
from jianfu.reports.selectors import current_figures, figure_text, figures_changed, listed_figures, period_of

if TYPE_CHECKING:
    from jianfu.accounts.models import User

S = Submission.Status

# action → (states it may start from, state it ends in); None = the submission does not exist yet
TRANSITIONS: dict[str, tuple[frozenset[str | None], str | None]] = {
    "generate": (frozenset({None, S.GENERATED, S.RETURNED}), S.GENERATED),
    "fill": (frozenset({S.GENERATED, S.RETURNED}), None),  # None: the state does not change
    "submit": (frozenset({S.GENERATED, S.RETURNED}), S.SUBMITTED),
    "approve": (frozenset({S.SUBMITTED}), S.APPROVED),
    "return": (frozenset({S.SUBMITTED}), S.RETURNED),
}
ACTION_LABELS = {"generate": gettext_lazy("生成"), "fill": gettext_lazy("填写"), "submit": gettext_lazy("报送"),
                 "approve": gettext_lazy("审核通过"), "return": gettext_lazy("退回")}


class Check(TypedDict):
    """A validation rule's verdict on a submission, as stored in `Submission.checks` and shown."""

    rule: str
    cells: list[str]
    message: str
    needs_comment: bool
    comment: str


def allowed_actions(status: str | None) -> list[str]:
    return [a for a, (sources, _target) in TRANSITIONS.items() if status in sources]


def _guard(action: str, current: str | None) -> None:
    sources, _target = TRANSITIONS[action]
    if current not in sources:
        label = dict(S.choices).get(current, _("不存在")) if current else _("不存在")
        raise ConflictError(_("该报表当前状态为「%(status)s」，不能%(action)s。") % {"status": label,
                            "action": ACTION_LABELS[action]}, code="invalid_transition")


def _require_village_filler(actor: User, org_code: str) -> None:
    scope = scope_for(actor)
    if not scope.covers(org_code):
        raise NotFoundError(_("找不到该村（社区），或不在您的管辖范围内。"))
    scope.require(Capability.REPORT_FILL)
    if scope.unit_code != org_code:  # only the village's own account fills its reports
        raise NotFoundError(_("只能填报本村（社区）的报表。"))


def _require_approver(actor: User, org_code: str) -> None:
    scope = scope_for(actor)
    if not scope.covers(org_code) or scope.is_department:
        raise NotFoundError(_("找不到该报表，或不在您的管辖范围内。"))
    scope.require(Capability.REPORT_APPROVE)
    if scope.unit_code == org_code:
        raise ApplicationError(_("不能审核本单位自己报送的报表。"), code="self_approval")


def _snapshot(template: Template, org_code: str, period_id: str) -> tuple[dict[str, float | int | None], int, int]:
    """Compute the village's report now: registry cells + its manual values for the period (a read, shared with the
    page that shows an open report, `selectors.current_figures`)."""
    return current_figures(template, org_code, period_id)


def _refuse_period_not_begun(p: Period, action: str) -> None:
    """Refuse to generate, fill or 报送 a report whose period has not begun (nothing written)."""
    if p.start > timezone.localdate():
        raise ApplicationError(_("报告期“%(period)s”尚未开始，不能%(action)s报表。") % {
            "period": p.label, "action": ACTION_LABELS[action]}, code="invalid_period", field="period")


def submission_generate(*, actor: User, template: Template, org_code: str, period: str) -> Submission:
    """Generate (or regenerate) a village's report for a period from the registry."""
    _require_village_filler(actor, org_code)
    unit = OrgUnit.objects.filter(code=org_code, kind=UnitKind.VILLAGE, is_active=True).first()
    if unit is None:
        raise ApplicationError(_("只有村（社区）才能生成报送报表。"), code="not_a_village", field="org_code")
    catalog = catalog_get()
    t = catalog.template(template.code)
    p = period_of(t, period)
    # a report of 2099年12月 was generated from today's registry and could be sent up (badinput33 #4): a period
    # not begun has no figures yet; the period under way may be generated, as before
    _refuse_period_not_begun(p, "generate")
    with transaction.atomic():
        sub = Submission.objects.select_for_update().filter(template=template, org_code=org_code,
                                                            period=p.id).first()
        _guard("generate", sub.status if sub else None)
        values, auto, manual = _snapshot(template, org_code, p.id)
        now = timezone.now()
        if sub is None:
            sub = Submission.objects.create(template=template, org_code=org_code, period=p.id, values=values,
                                            auto_cells=auto, manual_cells=manual,
                                            due_date=p.due_date(t.due_days), generated_at=now)
        else:
            sub.values, sub.auto_cells, sub.manual_cells, sub.generated_at = values, auto, manual, now
            sub.status = S.GENERATED if sub.status != S.RETURNED else S.RETURNED
            sub.version += 1
            sub.save()
        audit_record(actor=actor, action="reports.submission.generate", obj=sub,
                     changes={"period": p.id, "template": template.code})
    return sub


_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_EXPONENT = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)[eE][+-]?\d+")


# The largest count one village (社区) may report for one period in a manual cell (人, 户, 人次, 件, 处, 套, 次): a
# general cap, over every form's manual integer cells — those of the built-in forms and of any form defined since.
# China's largest village-level communities have some 100,000 residents; ten times that leaves room for 人次 over a
# quarter and still refuses a figure typed with digits too many (99999999999 件 of 矛盾纠纷 went up to the township,
# rmend32 #1; the only bound was the column's 10^14). Amounts (value_type number: 元, 万元) keep the storage bound.
MANUAL_COUNT_MAX = 1_000_000
# The units that count people, households or things: only these carry the cap. An integer element in 元, 亩 or 平方米
# (the loader makes every element integer unless told) is an amount or an area, and "村集体收入 2,000,000 元" was refused
# as over "一个村（社区）一期的上限" (fixcr33b L5): such cells keep the storage bound only. A cell with no unit is read
# as a count (a form's "数" without a unit).
COUNT_UNITS = frozenset({"", "人", "户", "人次", "户次", "件", "处", "套", "次", "个", "名", "家", "座", "所", "间", "栋",
                         "场", "起", "项", "辆", "头", "只"})


def _parse_number(raw: object, label: str, value_type: str, unit: str = "") -> Decimal | None:
    if raw is not None:
        # a zero-width space pasted before "5" was refused, its message echoing the invisible character (badinput16 #9b)
        raw = clean_text(str(raw))
    if raw is None or str(raw).strip() == "":
        return None
    text = without_thousands(str(raw).strip())
    if text is None:   # "1,2,3" was saved as 123 and "1,5" as 15 (badinput33 #1)
        raise ApplicationError(_("「%(label)s」中的%(reason)s。") % {"label": label,
                                                                   "reason": misplaced_comma(str(raw), _)},
                               code="invalid_number", field=label)
    # plain figures only (newuser20 #9): Decimal also reads 1e3 (saved as 1000 人次), 1_000, inf and nan
    if not _PLAIN_NUMBER.fullmatch(text):
        if _EXPONENT.fullmatch(text):
            raise ApplicationError(_("「%(label)s」请直接写出数字（如 1000），不能用“%(raw)s”这样的写法。") % {
                "label": label, "raw": raw}, code="invalid_number", field=label)
        raise ApplicationError(_("「%(label)s」应为数字，而不是“%(raw)s”。") % {"label": label, "raw": raw}, code="invalid_number", field=label)
    v = Decimal(text)
    if not v.is_finite() or v < 0:
        raise ApplicationError(_("「%(label)s」不能为负数或非数字。") % {"label": label}, code="invalid_number", field=label)
    if value_type == "integer" and v != v.to_integral_value():
        raise ApplicationError(_("「%(label)s」应为整数。") % {"label": label}, code="invalid_number", field=label)
    if value_type == "integer" and unit.strip() in COUNT_UNITS and v > MANUAL_COUNT_MAX:
        raise ApplicationError(_("「%(label)s」不能超过 %(max)s%(unit)s（一个村（社区）一期的上限），请核对是否多输了数字。") % {
            "label": label, "max": f"{MANUAL_COUNT_MAX:,}", "unit": f" {unit}" if unit else ""},
            code="invalid_number", field=label)
    if abs(v) >= Decimal("1e14"):
        raise ApplicationError(_("「%(label)s」数值过大。") % {"label": label}, code="invalid_number", field=label)
    return v


def submission_checks(submission: Submission, values: Mapping[str, object] | None = None) -> list[Check]:
    """The template's validation rules evaluated on the submission's current values (or `values`, the figures a page
    shows) and the same village's previous period, for jumps: a list of violation dicts, `comment` filled from what
    the village wrote."""
    from jianfu.reports.engine.validation import evaluate

    catalog = catalog_get()
    t = catalog.template(submission.template.code)
    percent = [c.key for c in t.cells
               if catalog.element(c.element).is_ratio and catalog.element(c.element).unit == "%"]
    previous = None
    if any(r.get("kind") == "jump" for r in t.rules):
        try:
            prev_id = parse_period(t.period_type, submission.period).previous().id
        except (EngineError, AttributeError):
            prev_id = None
        if prev_id:
            previous = (Submission.objects.filter(template=submission.template, org_code=submission.org_code,
                                                  period=prev_id).values_list("values", flat=True).first())
    found = evaluate(rules=t.rules, values=submission.values if values is None else values, labels={c.key: c.label for c in t.cells},
                     percent_cells=percent, previous=previous)
    comments = submission.comments or {}
    return [{"rule": v.rule, "cells": list(v.cells), "message": v.message, "needs_comment": v.needs_comment,
             "comment": comments.get(v.rule, "")} for v in found]


def _clean_comments(comments: Mapping[str, object] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for rule, text in (comments or {}).items():
        text = " ".join(str(text or "").split())
        if len(text) > 500:
            raise ApplicationError(_("校验说明不能超过 500 字。"), code="comment_too_long", field=f"comment_{rule}")
        if text:
            out[str(rule)[:200]] = text
    return out


def submission_fill(*, actor: User, submission: Submission, values: dict[str, object],
                    comments: dict[str, str] | None = None, shown: Mapping[str, object] | None = None) -> Submission:
    """Enter the manual cells (cell key → value). Each value is stored once per village and period
    as a ManualValue, so every other template naming the same element reuses it.

    `shown` (cell key → the value the cell's box showed when the page was drawn) guards a page opened before
    another of the village's reports changed a shared figure (codereview16 #2): a box left as it was is not
    written (the newer shared figure stays); a box the user changed, whose stored figure has moved since the
    page was drawn, refuses the save — nothing written, the cell named with the figure it has now
    (`details["fields"]`, `details["stored"]`: cell key → figure now). A cell absent from `shown` is written
    when it differs from the stored figure. A value equal to the stored one writes nothing and rewrites no
    other report (codereview16 #4).

    Every value is checked before anything is written; when some are bad, the error names each bad
    cell (`details["fields"]`: cell key → message) and nothing is saved. Validation rules are then
    evaluated on the saved figures and kept on the submission (`checks`); they do not stop a save."""
    _require_village_filler(actor, submission.org_code)
    catalog = catalog_get()
    t = catalog.template(submission.template.code)
    # a report of 2099年12月 generated before generating was refused could still be filled and sent up (fixcr34b #1)
    _refuse_period_not_begun(period_of(t, submission.period), "fill")
    manual_cells = {c.key: c for c in t.cells if catalog.element(c.element).is_manual}
    unknown = [k for k in values if k not in manual_cells]
    if unknown:
        raise ApplicationError(_("单元格 %(cells)s 不是本表的手工填报项。") % {"cells": "、".join(unknown)}, code="not_manual",
                               field=unknown[0])
    parsed: dict[str, Decimal | None] = {}
    bad: dict[str, str] = {}
    for key, raw in values.items():
        cell = manual_cells[key]
        try:
            element = catalog.element(cell.element)
            parsed[key] = _stored_precision(_parse_number(raw, cell.label, element.value_type, element.unit))
        except ApplicationError as exc:
            bad[key] = exc.message
    if bad:
        raise ApplicationError("".join(bad.values()) + _("其他已填写的数值未丢失，改正后再保存。"),
                               code="invalid_number", field=next(iter(bad)), details={"fields": bad})
    comments = _clean_comments(comments)
    shown = shown or {}
    with transaction.atomic():
        # one lock, taken first: every report of the village and period still being filled, its own included,
        # in pk order — two saves of two forms then wait for each other instead of deadlocking (codereview16 #3)
        open_subs = _lock_open_submissions(submission)
        sub = next((s for s in open_subs if s.pk == submission.pk), None)
        if sub is None:
            raise NotFoundError(_("找不到该报表，或不在您的管辖范围内。"))
        _guard("fill", sub.status)
        elements = dict(DataElement.objects.filter(code__in={manual_cells[k].element for k in parsed})
                        .values_list("code", "id"))
        stored = {code: value for code, value in ManualValue.objects.filter(
            element_id__in=elements.values(), org_code=sub.org_code, period_type=t.period_type, period=sub.period,
        ).values_list("element__code", "value")}
        writes: dict[str, Decimal | None] = {}
        moved: dict[str, str] = {}
        moved_to: dict[str, str | None] = {}
        for key, v in parsed.items():
            cell = manual_cells[key]
            now = stored.get(cell.element)
            if v == now:
                continue                       # nothing to write (codereview16 #4)
            if key in shown:
                was = _shown_value(shown[key])
                if was == v:
                    continue                   # the box was left as drawn: the shared figure stays
                if was != now:
                    moved[key] = _("「%(label)s」在打开本页后已由本村其他报表改为 %(now)s（本页打开时为 %(was)s），"
                                   "本次未保存。以您填写的数值为准请再点“保存”；以 %(now)s 为准请将该项改为 %(now)s。") % {
                        "label": cell.label, "now": figure_text(now), "was": figure_text(was)}
                    moved_to[key] = None if now is None else format(now.normalize(), "f")
                    continue
            writes[cell.element] = v
        if moved:
            raise ConflictError("".join(moved.values()) + _("其他已填写的数值未丢失。"), code="shared_value_changed",
                                field=next(iter(moved)), details={"fields": moved, "stored": moved_to})
        for el_code, v in writes.items():
            if v is None:
                ManualValue.objects.filter(element_id=elements[el_code], org_code=sub.org_code,
                                           period_type=t.period_type, period=sub.period).delete()
            else:
                ManualValue.objects.update_or_create(
                    element_id=elements[el_code], org_code=sub.org_code, period_type=t.period_type,
                    period=sub.period, defaults={"value": v, "entered_by": actor})
        changes: dict[str, str | None] = {el: None if v is None else format(v.normalize(), "f")
                                          for el, v in writes.items()}
        sub.values, sub.auto_cells, sub.manual_cells = _snapshot(sub.template, sub.org_code, sub.period)
        if changes:
            _share_manual_values(actor, sub, [s for s in open_subs if s.pk != sub.pk], set(changes), t.period_type)
        sub.comments = {**(sub.comments or {}), **comments}
        sub.checks = submission_checks(sub)
        # keep only the answers to rules that ask for one now (no unbounded keys from a crafted form)
        asking = {c["rule"] for c in sub.checks if c["needs_comment"]}
        sub.comments = {rule: text for rule, text in sub.comments.items() if rule in asking}
        sub.version += 1
        sub.save()
        audit_record(actor=actor, action="reports.submission.fill", obj=sub,
                     changes={**changes, **({"comments": sorted(comments)} if comments else {}),
                              "violations": len(sub.checks)})
    return sub


_CENTS = Decimal("0.01")   # ManualValue.value: decimal_places=2


def _stored_precision(v: Decimal | None) -> Decimal | None:
    """A typed figure as ManualValue keeps it (two decimals), so it compares equal to the stored one."""
    return None if v is None else v.quantize(_CENTS, rounding=ROUND_HALF_UP)


def _shown_value(raw: object) -> Decimal | float | None:
    """The figure a box showed when the page was drawn (the page writes it as it stored it); unreadable (a crafted
    form) → NaN, equal to nothing, so the cell counts as changed by the user and moved."""
    if raw is None or str(raw).strip() == "":
        return None
    try:
        return _stored_precision(Decimal(str(raw).strip()))
    except InvalidOperation:
        return float("nan")


def _lock_open_submissions(submission: Submission) -> list[Submission]:
    """Lock, in one statement ordered by pk, the village's reports of the period that are still being filled
    (generated, returned) and `submission` itself whatever its state: every save takes the same rows in the same
    order, so two saves never hold one each and wait for the other. Only the submissions are locked (`of=("self",)`):
    the joined template rows are shared by every village filling that form. Inside the caller's transaction."""
    return list(Submission.objects.select_for_update(of=("self",)).select_related("template")
                .filter(Q(pk=submission.pk) | Q(org_code=submission.org_code, period=submission.period,
                                                status__in=(S.GENERATED, S.RETURNED)))
                .order_by("pk"))


def _share_manual_values(actor: User, sub: Submission, others: list[Submission], elements: set[str],
                         period_type: str) -> None:
    """一表同享: the village's other reports of the period that are still being filled (generated, returned) and name a
    changed element show the new figure at once (their snapshot is taken again), so one fact never reads two ways on
    two open forms. Reports already 报送 or approved keep what they sent and are flagged instead
    (`selectors.shared_changes`, ADR 0032). `others` are already locked (`_lock_open_submissions`); runs inside the
    caller's transaction."""
    catalog = catalog_get()
    for other in others:
        t = catalog.template(other.template.code)
        if t.period_type != period_type or not (catalog.elements_read(t) & elements):
            continue
        other.values, other.auto_cells, other.manual_cells = _snapshot(other.template, other.org_code, other.period)
        other.checks = submission_checks(other)
        other.version += 1
        other.save()
        audit_record(actor=actor, action="reports.submission.shared_update", obj=other,
                     changes={"from_submission": sub.pk, "elements": sorted(catalog.elements_read(t) & elements)})


def submission_submit(*, actor: User, submission: Submission,
                      shown: Mapping[str, object] | None = None) -> Submission:
    """报送: refused while a manual cell is empty, a validation rule is broken, or a jump that asks
    for a comment has none.

    The automatic figures are taken again at 报送. With `shown` (cell key → the value the page showed), a
    figure that changed since (the registry moved after the page was drawn) refuses the submit once, nothing
    written, with each change listed (old → new) and the new values in `details["values"]`, so the next 报送,
    showing those, sends what the village saw (U09, session 12: 11 on the page, 10 submitted, no word)."""
    _require_village_filler(actor, submission.org_code)
    catalog = catalog_get()
    t = catalog.template(submission.template.code)
    # as for fill: a report of a period not begun, made before generating refused it, is not sent up (fixcr34b #1)
    _refuse_period_not_begun(period_of(t, submission.period), "submit")
    with transaction.atomic():
        sub = Submission.objects.select_for_update().get(pk=submission.pk)
        _guard("submit", sub.status)
        sub.values, sub.auto_cells, sub.manual_cells = _snapshot(sub.template, sub.org_code, sub.period)
        changed = figures_changed(sub.template.code, shown, sub.values) if shown is not None else []
        if changed:
            raise ApplicationError(
                _("打开本页后台账数据有变化，%(n)d 项自动取数已更新，本次未报送：%(list)s。请核对更新后的数值，再点“报送”。")
                % {"n": len(changed), "list": listed_figures(changed)}, code="figures_changed", field="values",
                details={"changed": changed, "values": sub.values})
        missing = [c.label for c in t.cells if catalog.element(c.element).is_manual and sub.values.get(c.key) is None]
        if missing:
            raise ApplicationError(_("还有 %(n)d 个手工填报项未填写：%(list)s。") % {"n": len(missing), "list": "、".join(missing)},
                                   code="manual_missing", field="values")
        checks = submission_checks(sub)
        errors = [c["message"] for c in checks if not c["needs_comment"]]
        if errors:
            raise ApplicationError(_("未通过校验，不能报送：") + "".join(errors), code="validation_failed",
                                   field="values", details={"checks": checks})
        unanswered = [c["message"] for c in checks if c["needs_comment"] and not c["comment"]]
        if unanswered:
            raise ApplicationError(_("请先填写说明再报送：") + "".join(unanswered), code="comment_required",
                                   field="values", details={"checks": checks})
        sub.checks = checks
        sub.status = S.SUBMITTED
        sub.submitted_at = timezone.now()
        sub.submitted_by = actor
        sub.return_reason = ""
        sub.version += 1
        sub.save()
        audit_record(actor=actor, action="reports.submission.submit", obj=sub,
                     changes={"on_time": sub.on_time, "due_date": sub.due_date.isoformat(),
                              "explained": len(checks)})
    return sub


def submission_approve(*, actor: User, submission: Submission) -> Submission:
    """Approve a submitted report; approval locks it (no fill, generate or submit afterwards)."""
    _require_approver(actor, submission.org_code)
    with transaction.atomic():
        sub = Submission.objects.select_for_update().get(pk=submission.pk)
        _guard("approve", sub.status)
        sub.status = S.APPROVED
        sub.decided_at = timezone.now()
        sub.decided_by = actor
        sub.version += 1
        sub.save()
        audit_record(actor=actor, action="reports.submission.approve", obj=sub)
    return sub


def submission_return(*, actor: User, submission: Submission, reason: str) -> Submission:
    _require_approver(actor, submission.org_code)
    reason = (reason or "").strip()
    if len(reason) < 2:
        raise ApplicationError(_("退回时必须写明原因。"), code="reason_required", field="reason")
    if len(reason) > 1000:
        raise ApplicationError(_("退回原因不能超过 1000 字。"), code="reason_too_long", field="reason")
    with transaction.atomic():
        sub = Submission.objects.select_for_update().get(pk=submission.pk)
        _guard("return", sub.status)
        sub.status = S.RETURNED
        # open again: the form shows the shared figures as they are now (one changed through another report since
        # this one was sent would otherwise sit stale in its box, and saving it would write the old figure back)
        sub.values, sub.auto_cells, sub.manual_cells = _snapshot(sub.template, sub.org_code, sub.period)
        sub.decided_at = timezone.now()
        sub.decided_by = actor
        sub.return_reason = reason
        sub.version += 1
        sub.save()
        audit_record(actor=actor, action="reports.submission.return", obj=sub, changes={"reason": reason})
    return sub


def template_attach_form(*, actor: User, template: Template, data: bytes, filename: str, sheet: str | None = None
                         ) -> Template:
    """Attach the department's own xlsx form; its header columns are matched to the template's cells
    by header matching, and each matched cell gets the column's address."""
    from django.core.files.base import ContentFile

    from jianfu.reports.engine.headers import HeaderMatcher
    from jianfu.reports.engine.xlsx_forms import read_layout

    _require_definer(actor, template)
    if len(data) > 5 * 2**20:
        raise ApplicationError(_("表格文件不能超过 5 MB。"), code="file_too_large", field="file")
    try:
        layout = read_layout(data, sheet=sheet or None)
    except EngineError as exc:
        raise ApplicationError(exc.message, code="bad_form", field="file") from None
    catalog = catalog_get()
    matcher = HeaderMatcher(catalog)
    t = catalog.template(template.code)
    by_ref = {(c.element, c.by): c for c in t.cells}
    definition = dict(template.definition)
    cells = [dict(c) if isinstance(c, dict) else {"element": c} for c in definition.get("cells", [])]
    for raw in cells:  # the uploaded form replaces any earlier layout
        raw.pop("address", None)
    bound = 0
    for h in layout.headers:
        m = matcher.match(h.text, parent=h.parent)
        if not m.best:
            continue
        cell = by_ref.get((m.best.element, m.best.by))
        if cell is None:
            continue
        for raw in cells:
            if raw.get("element") == cell.element and tuple((raw.get("by") or {}).items()) == cell.by \
                    and not raw.get("expand"):
                raw["address"] = h.column
                bound += 1
                break
    definition["cells"] = cells
    from jianfu.reports.catalog import template_save

    with transaction.atomic():
        tpl = template_save(actor=actor, definition=definition, source=template.source)
        tpl.form_file.save(f"{template.code}.xlsx", ContentFile(data), save=False)
        tpl.form_sheet = layout.sheet
        tpl.form_first_data_row = layout.first_data_row
        tpl.form_unit_column = layout.unit_column or ""
        tpl.save()
        audit_record(actor=actor, action="reports.template.attach_form", obj=tpl,
                     changes={"file": filename[:100], "bound_cells": bound})
    return tpl


def require_definer(actor: User, template: Template | None) -> None:
    """REPORT_DEFINE, and a department only for the templates it owns (404 otherwise)."""
    _require_definer(actor, template)


def _require_definer(actor: User, template: Template | None) -> None:
    scope = scope_for(actor)
    scope.require(Capability.REPORT_DEFINE)
    if template is not None and scope.is_department:
        from jianfu.reports.selectors import department_key

        if template.department != department_key(actor):
            raise NotFoundError(_("找不到该报表模板，或不在您的管辖范围内。"))


def template_define(*, actor: User, definition: Mapping[str, Any]) -> Template:
    """A template defined in the web UI (or confirmed from header matching). A department may only
    define templates it owns; the owner key is forced to the department's own."""
    from jianfu.reports.catalog import template_save
    from jianfu.reports.selectors import department_key

    scope = scope_for(actor)
    scope.require(Capability.REPORT_DEFINE)
    definition = dict(definition)
    if scope.is_department:
        definition["department"] = department_key(actor)
        assert actor.org_unit is not None  # a department scope comes from the account's own unit
        definition["department_name"] = actor.org_unit.name
        existing = Template.objects.filter(code=definition.get("code")).first()
        if existing and existing.department != definition["department"]:
            raise ApplicationError(_("该模板代码已被其他部门使用。"), code="code_taken", field="code")
    return template_save(actor=actor, definition=definition)


def village_codes(prefix: str) -> list[str]:
    return list(OrgUnit.objects.filter(codes.subtree_q(prefix, "code"), kind=UnitKind.VILLAGE, is_active=True)
                .order_by("code").values_list("code", flat=True))
