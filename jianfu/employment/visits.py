"""Visits (走访) the platform prompts: rules as data, a set-based scan, and recording a visit.

The four rules of the issue are the defaults of each county (`DEFAULT_RULES`); the county office edits the
days, the graduate date and the escalation delay, or switches a rule off. The scan (`visit_scan`, run by a
periodic huey task and on commit after every status change) works on dates, never on "since the last run":
each task's key is (rule, person, anchor date), so running it twice, late, or after days of downtime makes
exactly the tasks that should exist — no more. The platform reminds; it never ranks or scores people.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import CharField, Exists, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext as _

from jianfu.core import formtokens
from jianfu.core.audit import audit_record
from jianfu.core.errors import ApplicationError
from jianfu.core.storedfiles import undone_on_error, written
from jianfu.employment import access
from jianfu.employment.models import (
    KeyPerson,
    Need,
    Referral,
    Visit,
    VisitOutcome,
    VisitRule,
    VisitTask,
    VisitTrigger,
)
from jianfu.employment.workflow import ACTIVE_STATUSES, REFERRAL_OPEN
from jianfu.registry.ledger.values import local_today

if TYPE_CHECKING:
    from jianfu.dispatch.photos import CleanPhoto

T = VisitTrigger
DEFAULT_RULES = (
    (T.NEW_UNEMPLOYED, "新登记失业人员7日内首次走访", 7, ""),
    (T.PERIODIC, "未就业人员每30日走访一次", 30, ""),
    (T.AFTER_REFERRAL, "推荐岗位后14日内回访结果", 14, ""),
    (T.GRADUATE, "高校毕业生9月1日仍未就业的走访", 7, "09-01"),
)


def rules_ensure(county_code: str) -> list[VisitRule]:
    county = county_code[:6].ljust(12, "0")
    for trigger, name, days, month_day in DEFAULT_RULES:
        VisitRule.objects.get_or_create(org_code=county, trigger=trigger,
                                        defaults={"name": name, "days": days, "month_day": month_day})
    return list(VisitRule.objects.filter(org_code=county))


def visit_rule_update(*, actor, rule: VisitRule, data: dict) -> VisitRule:
    scope = access.county_scope(actor)
    if not scope.covers(rule.org_code):
        from jianfu.core.errors import NotFoundError

        raise NotFoundError(_("找不到该规则。"))
    changes = {}
    try:
        days = int(data.get("days", rule.days))
        escalate = int(data.get("escalate_after_days", rule.escalate_after_days))
    except (TypeError, ValueError):
        raise ApplicationError(_("天数应为整数。"), field="days") from None
    if not 1 <= days <= 365:
        raise ApplicationError(_("天数应在1到365之间。"), field="days")
    if not 0 <= escalate <= 60:
        raise ApplicationError(_("逾期上报天数应在0到60之间。"), field="escalate_after_days")
    month_day = (data.get("month_day") or rule.month_day or "").strip()
    if rule.trigger == T.GRADUATE:
        try:
            dt.date(2024, int(month_day[:2]), int(month_day[3:5]))
            assert len(month_day) == 5 and month_day[2] == "-"
        except (ValueError, AssertionError):
            raise ApplicationError(_("日期应写成 月-日，如 09-01。"), field="month_day") from None
    name = (data.get("name") or rule.name).strip()[:60]
    is_active = bool(data.get("is_active", rule.is_active))
    for field, value in (("days", days), ("escalate_after_days", escalate), ("month_day", month_day),
                         ("name", name), ("is_active", is_active)):
        if getattr(rule, field) != value:
            changes[field] = [getattr(rule, field), value]
            setattr(rule, field, value)
    if changes:
        with transaction.atomic():
            rule.save()
            audit_record(actor=actor, action="employment.visitrule.update", obj=rule, changes=changes)
    return rule


# ---------------------------------------------------------------- the scan

def tasks_no_longer_due(key_person_ids: list[int] | None = None) -> QuerySet[VisitTask]:
    """The due tasks a status or referral answer has made moot: those of people who found work or left, and the
    回访 of a referral that has its answer (已录用 / 未成功). The scan cancels them; so does the change itself, in its
    own transaction (`cancel_tasks_no_longer_due`), since the scan runs later on the task queue and the page after
    已录用 showed 已就业 beside "未就业，每30日走访一次…" until it had (newuser19 #4)."""
    only = {} if key_person_ids is None else {"key_person_id__in": key_person_ids}
    due = VisitTask.objects.filter(status=VisitTask.Status.DUE, **only)
    answered = Referral.objects.exclude(status__in=REFERRAL_OPEN).annotate(
        key=Concat(Value("referral:"), Cast("pk", CharField()))).values("key")
    return due.filter(~Q(key_person__status__in=ACTIVE_STATUSES)
                      | Q(trigger=T.AFTER_REFERRAL, dedupe_key__in=answered))


def cancel_tasks_no_longer_due(key_person_id: int) -> int:
    """Cancel one person's moot due tasks now (inside the caller's transaction); the count."""
    cancelled: int = tasks_no_longer_due([key_person_id]).update(status=VisitTask.Status.CANCELLED)
    return cancelled


def _open_task_exists(trigger: str):
    return Exists(VisitTask.objects.filter(key_person=OuterRef("pk"), trigger=trigger, status=VisitTask.Status.DUE))


def visit_scan(*, today: dt.date | None = None, key_person_ids: list[int] | None = None) -> dict:
    """Create due tasks, close those no longer needed, escalate overdue ones. Idempotent; returns counts."""
    today = today or local_today()
    counts = {"created": 0, "cancelled": 0, "escalated": 0}
    people = KeyPerson.objects.all()
    only = {}   # restrict task queries to the given people (the whole table otherwise: no IN subquery)
    if key_person_ids is not None:
        people = people.filter(pk__in=key_person_ids)
        only = {"key_person__in": people}
    counties = sorted({c[:6] for c in people.values_list("org_code", flat=True).distinct()})
    with transaction.atomic():
        # Tasks of people who found work or left, and checks of referrals answered, are no longer due.
        stale = tasks_no_longer_due(key_person_ids)
        counts["cancelled"] += stale.update(status=VisitTask.Status.CANCELLED)
        for county in counties:
            rules = {r.trigger: r for r in rules_ensure(county) if r.is_active}
            mine = people.filter(org_code__startswith=county, status__in=ACTIVE_STATUSES)
            new: list[VisitTask] = []
            visited = Exists(Visit.objects.filter(key_person=OuterRef("pk")))
            # Each rule skips in SQL the people whose task already exists, so a rerun reads almost nothing;
            # the dedupe keys below remain the guarantee.
            rule = rules.get(T.NEW_UNEMPLOYED)
            if rule:
                has_first = Exists(VisitTask.objects.filter(key_person=OuterRef("pk"), trigger=T.NEW_UNEMPLOYED))
                for kp in mine.exclude(visited).exclude(has_first).values("pk", "org_code", "grid_code",
                                                                          "identified_on"):
                    new.append(_task(kp, rule, kp["identified_on"] + dt.timedelta(days=rule.days),
                                     f"new:{kp['pk']}", _("新纳入帮扶，%(d)d日内首次走访") % {"d": rule.days}))
            rule = rules.get(T.PERIODIC)
            if rule:
                # anchored on the last visit, or on the township closing a task with a note (本人外出务工 …):
                # either way the next reminder follows `days` later, so a closed task never ends the reminders
                handled = VisitTask.objects.filter(key_person=OuterRef("pk"), status=VisitTask.Status.HANDLED)
                latest_handled = handled.order_by("-done_on", "-pk")
                for kp in mine.filter(visited | Exists(handled)).exclude(_open_task_exists(T.PERIODIC)).annotate(
                        last_visit=Max("visits__visited_on"),
                        last_handled=Subquery(latest_handled.values("done_on")[:1]),
                        last_handled_id=Subquery(latest_handled.values("pk")[:1])).values(
                        "pk", "org_code", "grid_code", "last_visit", "last_handled", "last_handled_id"):
                    by_handling = kp["last_handled"] is not None and (
                        kp["last_visit"] is None or kp["last_handled"] >= kp["last_visit"])
                    kp["last"] = kp["last_handled"] if by_handling else kp["last_visit"]
                    due = kp["last"] + dt.timedelta(days=rule.days)
                    # a closing is keyed by the task closed: closed the day of the visit that opened it, the
                    # date alone would repeat that task's key and the reminders would stop
                    key = f"periodic:{kp['pk']}:" + (f"closed{kp['last_handled_id']}" if by_handling
                                                     else kp["last"].isoformat())
                    new.append(_task(kp, rule, due, key, _("未就业，每%(d)d日走访一次") % {"d": rule.days}))
            rule = rules.get(T.AFTER_REFERRAL)
            if rule:
                checked = Exists(VisitTask.objects.filter(dedupe_key=Concat(Value("referral:"),
                                                                            Cast(OuterRef("pk"), CharField()))))
                refs = Referral.objects.filter(key_person__in=mine, status__in=REFERRAL_OPEN).exclude(checked).values(
                    "pk", "key_person_id", "key_person__org_code", "key_person__grid_code", "referred_on",
                    "posting__title")
                for r in refs:
                    kp = {"pk": r["key_person_id"], "org_code": r["key_person__org_code"],
                          "grid_code": r["key_person__grid_code"]}
                    new.append(_task(kp, rule, r["referred_on"] + dt.timedelta(days=rule.days), f"referral:{r['pk']}",
                                     _("推荐“%(t)s”后回访结果") % {"t": r["posting__title"][:40]}))
            rule = rules.get(T.GRADUATE)
            if rule and rule.month_day:
                deadline = dt.date(today.year, int(rule.month_day[:2]), int(rule.month_day[3:]))
                if today >= deadline:
                    done = Exists(VisitTask.objects.filter(key_person=OuterRef("pk"), trigger=T.GRADUATE,
                                                           due_on=deadline + dt.timedelta(days=rule.days)))
                    for kp in mine.filter(is_graduate=True, graduation_year=today.year).exclude(done).values(
                            "pk", "org_code", "grid_code"):
                        new.append(_task(kp, rule, deadline + dt.timedelta(days=rule.days),
                                         f"graduate:{kp['pk']}:{today.year}",
                                         _("%(y)d届毕业生%(m)d月%(d)d日仍未就业") % {
                                             "y": today.year, "m": deadline.month, "d": deadline.day}))
            if new:
                keys = [t.dedupe_key for t in new]
                existing = set()
                for i in range(0, len(keys), 900):
                    existing.update(VisitTask.objects.filter(dedupe_key__in=keys[i:i + 900]).values_list(
                        "dedupe_key", flat=True))
                fresh = [t for t in new if t.dedupe_key not in existing]
                VisitTask.objects.bulk_create(fresh, batch_size=500, ignore_conflicts=True)
                counts["created"] += len(fresh)
            # Overdue beyond the rule's delay: escalate to the township (once).
            for trigger, rule in rules.items():
                cutoff = today - dt.timedelta(days=rule.escalate_after_days)
                counts["escalated"] += VisitTask.objects.filter(
                    trigger=trigger, status=VisitTask.Status.DUE, escalated_on__isnull=True, due_on__lt=cutoff,
                    org_code__startswith=county, **only).update(escalated_on=today)
        if any(counts.values()):
            audit_record(actor=None, action="employment.visit.scan", object_type="employment.visittask",
                         object_id="scan", object_repr=today.isoformat(), changes=counts)
    return counts


def _task(kp: dict, rule: VisitRule, due: dt.date, key: str, reason: str) -> VisitTask:
    return VisitTask(key_person_id=kp["pk"], org_code=kp["org_code"], grid_code=kp["grid_code"], rule=rule,
                     trigger=rule.trigger, reason=reason[:120], due_on=due, dedupe_key=key[:80])


# ---------------------------------------------------------------- recording a visit

def visit_record(*, actor, key_person: KeyPerson, outcome: str, needs=(), next_step: str = "", photo=None,
                 visited_on=None, task: VisitTask | None = None, form_key: str | None = None,
                 form_content_key: str | None = None) -> Visit:
    """One visit, in under a minute on a phone: outcome, needs, next step, an optional photo. Closes the
    person's due visit tasks (a referral's check stays open until the referral has an answer).

    `task`: the open task the visit is recorded from. Its owner may record it even when the person is not
    theirs otherwise — the township reassigned it to them (`visit_task_reassign`)."""
    from jianfu.dispatch.photos import clean_photo
    from jianfu.employment.services import SERVICE_YEARS_BACK, _date, date_in_window, plain_text, years_before

    if task is not None:
        access.require_person_write(actor, task)
        if task.key_person_id != key_person.pk or task.status != VisitTask.Status.DUE:
            raise ApplicationError(_("该走访任务已完成或已处理。"), field="task")
    else:
        access.require_person_write(actor, key_person)
    if outcome not in VisitOutcome.values:
        raise ApplicationError(_("请选择走访结果。"), field="outcome")
    needs = [n for n in (needs or []) if n]
    bad = [n for n in needs if n not in Need.values]
    if bad:   # quoted short: the API's list items have no length of their own (a 100,000-character item was echoed)
        raise ApplicationError(_("需求“%(v)s”无效。") % {"v": bad[0] if len(bad[0]) <= 20 else f"{bad[0][:20]}…"},
                               field="needs")
    repeated = next((n for i, n in enumerate(needs) if n in needs[:i]), None)
    if repeated is not None:   # badinput31 #2: ["job"] * 1000 was stored, shown and audited 1000 times
        raise ApplicationError(_("需求“%(v)s”填写了%(n)d次，每项需求只填一次。")
                               % {"v": Need(repeated).label, "n": needs.count(repeated)}, field="needs")
    next_step = plain_text(next_step)
    if len(next_step) > 200:
        raise ApplicationError(_("下一步过长（最多200字）。"), field="next_step")
    today = local_today()
    visited_on = _date(visited_on, "visited_on", default=today)
    if visited_on > today:
        raise ApplicationError(_("走访日期不能晚于今天。"), field="visited_on")
    # back-filled as far as a service record (ten years), never 0001-01-01 (badinput15 #10)
    date_in_window(visited_on, field="visited_on", label=_("走访日期"), earliest=years_before(today, SERVICE_YEARS_BACK),
                   latest=today)
    clean = clean_photo(photo, 0) if photo else None   # the form's only photo: "照片…", not "第 1 张照片…"
    # the photo's files are deleted if this does not commit (a twin post refused by the unique form key, a failure)
    with undone_on_error(), transaction.atomic():
        visit = Visit(key_person=key_person, org_code=key_person.org_code, grid_code=key_person.grid_code,
                      visited_on=visited_on, outcome=outcome, needs=needs, next_step=next_step,
                      visitor=actor if actor.is_authenticated else None, form_key=form_key or None,
                      form_content_key=form_content_key or None)
        due = VisitTask.objects.filter(key_person=key_person, status=VisitTask.Status.DUE).filter(
            ~Q(trigger=T.AFTER_REFERRAL) | Q(due_on__lte=visited_on + dt.timedelta(days=3)))
        task = due.order_by("due_on").first()
        visit.task = task
        visit.save()
        if clean is not None:
            _visit_photo_save(visit, clean)
        closed = due.update(status=VisitTask.Status.DONE, done_on=visited_on)
        audit_record(actor=actor, action="employment.visit.record", obj=visit,
                     changes={"outcome": outcome, "needs": needs, "tasks_closed": closed,
                              "photo": clean is not None})
        kp_id = key_person.pk
        transaction.on_commit(lambda: visit_scan(key_person_ids=[kp_id]))
    return visit


def _visit_photo_save(visit: Visit, clean: CleanPhoto) -> None:
    """The visit's photo stored under a name of its own, `<visit>-<sha256[:12]>.<ext>` (as the event photos'), its
    thumbnail beside it for the person's page. It was `visit.<ext>`: a month's first JPEG and first PNG shared one
    thumbnail name, so one village's page showed another's photo (security23 F4). Written after the row, so a twin
    post refused by the unique form key writes nothing."""
    from django.core.files.base import ContentFile

    from jianfu.core.thumbnails import thumbnail_name, thumbnail_save

    visit.photo.save(f"{visit.pk}-{clean.sha256[:12]}.{clean.extension}", ContentFile(clean.content), save=False)
    written(visit.photo.storage, visit.photo.name)
    thumb = thumbnail_name(visit.photo.name)
    written(visit.photo.storage, thumb)
    thumbnail_save(visit.photo.storage, thumb, clean.thumbnail)
    visit.save(update_fields=["photo"])


def visit_record_from_form(*, form_token: object, key_person: KeyPerson, **kwargs) -> tuple[Visit, bool]:
    """`visit_record` from the web form: (visit, True) when recorded now, (the visit the same form — its one-time
    token — recorded before, False) for back then 提交, a double click or two posts at once (fix-back16). A post
    without a well-formed token is refused and records nothing (`formtokens.required_key`, ADR 0035)."""
    form_key = formtokens.required_key(form_token)
    actor = kwargs.get("actor")
    # the same token with another visit (back, the outcome or next step changed, 提交 again) is not a repeat: an
    # expired form, nothing recorded, never answered with the first visit (ADR 0036; cr18 #3)
    # a photo over the size limit is not read for the digest: clean_photo refuses it, unread, right after
    from jianfu.dispatch.photos import MAX_PHOTO_BYTES

    task = kwargs.get("task")
    content_key = formtokens.content_key(form_token, {
        "key_person": key_person.pk, "task": getattr(task, "pk", None), "outcome": kwargs.get("outcome"),
        "needs": list(kwargs.get("needs") or ()), "next_step": kwargs.get("next_step", ""),
        "visited_on": kwargs.get("visited_on"),
        "photo": formtokens.upload_digest(kwargs.get("photo"), limit=MAX_PHOTO_BYTES)})
    # looked up over every visit (the key is unique): the form replayed against another key person, or by another
    # account, is an expired form — not a 500 from the unique key, nor another person's visit (security17 #2, #4)
    return formtokens.once(Visit.objects, form_key,
                           lambda: visit_record(key_person=key_person, form_key=form_key,
                                                form_content_key=content_key, **kwargs),
                           own=lambda v: v.key_person_id == key_person.pk
                           and v.visitor_id == getattr(actor, "pk", None) and formtokens.same_content(v, content_key))


# ---------------------------------------------------------------- the township's actions on an open task

def _task_for_township(actor, task: VisitTask) -> VisitTask:
    """The task, fresh from the database, if `actor` is township staff (or admin) over its village."""
    access.require_task_manage(actor, task)
    return VisitTask.objects.select_related("key_person__person").get(pk=task.pk)


def visit_task_reassign(*, actor, task: VisitTask, assignee_id: object) -> VisitTask:
    """改派: the task goes to another grid worker or the cadre of the person's village. Its grid follows the
    new owner (a grid worker: their grid; a village cadre: none, so it is the village's), so it leaves the old
    owner's list and appears on the new one's 工作台; it stays open and keeps its due date."""
    from jianfu.accounts.selectors import field_staff_of
    from jianfu.employment.workflow import VISIT_TASK_WORKFLOW
    from jianfu.orgs.templatetags.orgs import unit_name

    task = _task_for_township(actor, task)
    VISIT_TASK_WORKFLOW.target_status(VisitTask.Action.REASSIGN, task.status)
    if not str(assignee_id or "").strip():
        raise ApplicationError(_("请选择改派给哪位网格员或村干部。"), field="assignee")
    staff = field_staff_of(task.org_code)
    raw = str(assignee_id).strip()
    user = staff.filter(pk=int(raw)).first() if raw.isascii() and raw.isdigit() else None   # "²".isdigit() too
    if user is None:
        raise ApplicationError(_("所选人员不是%(v)s的网格员或村干部，不能改派给他。") % {"v": unit_name(task.org_code)},
                               field="assignee")
    if task.assignee_id == user.pk:
        raise ApplicationError(_("该任务已改派给%(u)s。") % {"u": user.display_name or user.username},
                               field="assignee")
    grid_code = user.org_code if len(user.org_code) == 15 else None
    changes = {"assignee": [task.assignee_id, user.pk], "grid_code": [task.grid_code, grid_code]}
    with transaction.atomic():
        # conditional on the owner read above too: of two township staff reassigning at once, the second is
        # refused (the task is DUE either way), so no audit row names a stale owner
        VISIT_TASK_WORKFLOW.move(VisitTask.objects.filter(assignee_id=task.assignee_id, grid_code=task.grid_code),
                                 task.pk, VisitTask.Action.REASSIGN, task.status, assignee=user, grid_code=grid_code)
        task.refresh_from_db()
        audit_record(actor=actor, action="employment.visittask.reassign", obj=task, changes=changes)
    return task


def visit_task_handle(*, actor, task: VisitTask, note: object) -> VisitTask:
    """标记已处理: the township closes an open task without a visit, saying what it did (已电话联系,
    本人外出务工 …). The note is kept on the task and in the audit log."""
    from jianfu.employment.services import plain_text
    from jianfu.employment.workflow import VISIT_TASK_WORKFLOW

    task = _task_for_township(actor, task)
    VISIT_TASK_WORKFLOW.target_status(VisitTask.Action.HANDLE, task.status)
    text = plain_text(note)
    if not text:
        raise ApplicationError(_("请填写处理说明，如“已电话联系”“本人外出务工”。"), field="note")
    if len(text) > 200:
        raise ApplicationError(_("处理说明过长（最多200字）。"), field="note")
    today = local_today()
    with transaction.atomic():
        VISIT_TASK_WORKFLOW.move(VisitTask.objects, task.pk, VisitTask.Action.HANDLE, task.status,
                                 handled_note=text, handled_by=actor, done_on=today)
        task.refresh_from_db()
        audit_record(actor=actor, action="employment.visittask.handle", obj=task,
                     changes={"status": [VisitTask.Status.DUE, task.status], "note": text})
    return task
