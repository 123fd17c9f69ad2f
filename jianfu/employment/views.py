"""Thin HTML views of 就业帮扶: parse → service/selector → render. Scoping is inside the selectors and
services; a record outside the account's scope is a 404, a missing capability a 403."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jianfu.accounts.scoping import scope_for
from jianfu.core import formtokens, versioning
from jianfu.core.decorators import found_by, page_access
from jianfu.core.errors import ApplicationError, ConflictError, NotFoundError
from jianfu.core.throttling import anonymous_reads_throttled
from jianfu.core.thumbnails import photo_response, thumbnail_response
from jianfu.core.uploads import files_named
from jianfu.core.versioning import version_of
from jianfu.core.views import (
    form_conflict,
    form_error_from,
    form_status,
    refused_typing,
    render_refused,
    run_move,
)
from jianfu.dispatch import heldphotos
from jianfu.employment import (
    access,
    forms,
    importjobs,
    matchsvc,
    metrics,
    postings,
    selectors,
    services,
    visits,
)
from jianfu.employment.models import (
    KEY_GROUPS,
    KeyStatus,
    PostingImport,
    PostingStatus,
    ReferralStatus,
    SeekerImportBatch,
    ServiceOutcome,
    VisitTask,
)
from jianfu.employment.workflow import KEY_TRANSITIONS, REFERRAL_TRANSITIONS
from jianfu.registry import forms as registry_forms
from jianfu.registry import selectors as registry_selectors
from jianfu.registry import services as registry_services
from jianfu.registry.ledger.values import local_today

TRANSITION_LABELS = {"refer": _("已推荐"), "interview": _("面试中"), "employ": _("已就业"), "flexible": _("灵活就业"),
                     "unemploy": _("回到失业"), "exit": _("退出帮扶")}
ACTION_TARGET = {"refer": KeyStatus.REFERRED, "interview": KeyStatus.INTERVIEWING, "employ": KeyStatus.EMPLOYED,
                 "flexible": KeyStatus.FLEXIBLE, "unemploy": KeyStatus.UNEMPLOYED, "exit": KeyStatus.EXITED}


def _list_page(request, template: str, selector, filters: dict[str, str], *, scoped: bool = True, **context):
    """Every list page of the app: the filters read from the query string (name → default), handed to the
    selector (which scopes to the account unless the list is public), paginated by 30, and echoed to the
    template with the query string the pager keeps (`qs`)."""
    values = {name: request.GET.get(name, default) for name, default in filters.items()}
    qs = selector(user=request.user, **values) if scoped else selector(**values)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    query = urlencode({k: v for k, v in request.GET.items() if k != "page" and v})
    return render(request, template, {"page": page, "qs": query, **values, **context})


# ---------------------------------------------------------------- key persons

@login_required
def person_list(request):
    # town and village selects when the account's people live in more than one village (a county, a township)
    places = selectors.key_person_places(user=request.user)
    town = request.GET.get("town", "")
    village = request.GET.get("village", "")
    villages = [v for t, _name, vs in places for v in vs if not town or t == town]
    # newuser18 #6: a village of another town than the one chosen (the town changed after the village was picked, as
    # a page without script lets one do) is not used — said so, never a silent list of the whole town
    towns = {t: town_name for t, town_name, _vs in places}
    village_names = {code: name for _t, _n, vs in places for code, name in vs}
    mismatch = ""
    if town in towns and village and village[:9] != town[:9]:
        # only a village the account may choose is named: any other text in the link is never repeated on the page
        # (security19 #6)
        if village in village_names:
            mismatch = _("所选的村（社区）“%(village)s”不属于%(town)s，未按村（社区）筛选，下面列出%(town)s的全部人员；"
                         "请重新选择村（社区）。") % {"village": village_names[village], "town": towns[town]}
        else:
            mismatch = _("所选的村（社区）不在可选范围内，未按村（社区）筛选，下面列出%(town)s的全部人员；"
                         "请重新选择村（社区）。") % {"town": towns[town]}
    return _list_page(request, "employment/person_list.html", selectors.key_person_visit_list,
                      {"q": "", "status": "", "group": "", "org_code": "", "town": "", "village": "", "visit": ""},
                      visit_filters=[("week", _("本周要走访（含逾期）")), ("overdue", _("走访已逾期"))],
                      today=local_today(), week_end=selectors.week_end(local_today()),
                      statuses=[(selectors.SEEKING, _("在帮扶未就业（失业、已推荐、面试中）")), *KeyStatus.choices],
                      groups=KEY_GROUPS, can_write=access.may_write_persons(request.user),
                      towns=[(t, name) for t, name, _vs in places] if len(places) > 1 else [],
                      villages=villages if sum(len(vs) for _t, _n, vs in places) > 1 else [],
                      # every town's villages, for the script that narrows the village select when the town changes
                      village_places=[[code, name, t] for t, _n, vs in places for code, name in vs]
                      if len(places) > 1 else [],
                      place_mismatch=mismatch)


@login_required
def person_add(request):
    """Pick a registry person (search by name in one's scope), then say which key groups they are in."""
    access.registry_search_scope(request.user)
    person = None
    pid = request.POST.get("person") or request.GET.get("person")
    if pid and str(pid).isdigit():
        person = registry_selectors.person_get(user=request.user, pk=int(pid))
        enrolled = selectors.key_person_list(user=request.user).filter(person_id=person.pk).first()
        # the form that took the person in, posted again (a double tap, back then 纳入帮扶), goes on to the service:
        # it answers a repeat of the same content as the first post was, and refuses other groups (security18 #2)
        again = request.method == "POST" and enrolled is not None and bool(enrolled.form_key) and \
            enrolled.form_key == formtokens.key(formtokens.posted(request.POST))
        if enrolled is not None and not again:   # Back after 纳入帮扶, or a second try: to the person's page (N12)
            messages.info(request, _("%(name)s已在就业帮扶名单中。") % {"name": person.name})
            return redirect("employment:person_detail", pk=enrolled.pk)
    initial = {"groups": selectors.suggested_groups(person)} if person is not None else {}
    form = forms.KeyPersonForm(request.POST or None, initial=initial,
                               registry_unemployed="is_registered_unemployed" in initial.get("groups", ()))
    if request.method == "POST" and person is not None and form.is_valid():
        try:
            kp, created = services.key_person_create_from_form(
                form_token=formtokens.posted(request.POST), actor=request.user, person_id=person.pk,
                data=form.service_data())
        except ApplicationError as exc:
            if exc.status_code in (403, 404):
                raise
            form_error_from(form, exc)
        else:
            if created:
                messages.success(request, _("已纳入就业帮扶。下一步：填写求职意向。"))
            else:   # the twin of a double tap took the person in: one key person
                messages.info(request, _("该表单已提交过，%(name)s已纳入就业帮扶，没有重复登记。") % {"name": person.name})
            return redirect("employment:profile_edit", pk=kp.pk)
    q = request.GET.get("q", "").strip()
    candidates = []
    if q:
        number = registry_services.number_search_take(actor=request.user, q=q)   # security28 #2
        candidates = list(registry_selectors.person_list(user=request.user, q=q).filter(key_person__isnull=True)[:20])
        registry_services.number_search_record(actor=request.user, field=number, found=[p.pk for p in candidates][:5])
    suggestions = selectors.registry_candidates(user=request.user) if not q and person is None else []
    return render(request, "employment/person_add.html", {"form": form, "person": person, "q": q,
                                                          "register_name": registry_forms.searched_name(q),
                                                          "candidates": candidates, "suggestions": suggestions,
                                                          "error_fields": [f for f in form.visible_fields() if f.errors],
                                                          "form_token": formtokens.token_new()},
                  status=form_status(form))   # refused: a 400 (forms400)


def _queue_upload(request, form, import_request, detail: str, model):
    """A valid upload stored and queued (postings or seekers): the redirect to its batch page — the first post's
    batch when the form is posted again with its token (fix-token28); None when the form is shown again (invalid,
    or refused with the reason on the form)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        batch = importjobs.request_from_form(model, import_request, form_token=formtokens.posted(request.POST),
                                             actor=request.user, upload=form.cleaned_data["file"])
    except ApplicationError as exc:
        if exc.status_code in (403, 404):
            raise
        form_error_from(form, formtokens.on_file_form(exc))   # the file is never refilled (fix30 #2)
        return None
    return redirect(detail, pk=batch.pk)


@login_required
def seeker_import(request):
    """求职登记 from a sheet: the upload is stored and queued (B15: a large sheet blocked the request); the worker
    imports it all or nothing and the batch's page follows it."""
    from jianfu.employment import seekerjobs, seekers

    seekerjobs.writer_scope(request.user)
    form = forms.SeekerImportForm(request.POST or None, request.FILES or None)
    if queued := _queue_upload(request, form, seekerjobs.import_request, "employment:seeker_import_detail",
                               SeekerImportBatch):
        return queued
    recent = [(b, seekerjobs.status_label(b)) for b in selectors.seeker_import_list(user=request.user)]
    return render(request, "employment/seeker_import.html", {"form": form, "columns": seekers.COLUMNS,
                                                              "required": seekers.REQUIRED,
                                                              "conditional": seekers.CONDITIONAL,
                                                              "recent": recent,
                                                              "form_token": formtokens.token_new()},
                  status=form_status(form))   # refused: a 400 (ui30 #1)


def _seeker_batch_get(*, user, pk):
    from jianfu.employment import seekerjobs

    return seekerjobs.import_get(user=user, pk=pk)


@page_access(found_by(_seeker_batch_get))
@login_required
def seeker_import_detail(request, pk):
    """One seeker upload: its state (followed every 2 s while the worker imports), its errors, or the people taken
    in, each with the way to their matches (the next thing a cadre does)."""
    from jianfu.employment import seekerjobs

    batch = seekerjobs.import_get(user=request.user, pk=pk)
    taken = []
    if batch.status == seekerjobs.S.COMMITTED and batch.taken:
        shown = batch.taken[:seekerjobs.TAKEN_SHOWN]
        by_pk = selectors.key_person_list(user=request.user).in_bulk(shown)
        taken = [by_pk[kp] for kp in shown if kp in by_pk]
    template = "employment/_seeker_import_status.html" if request.htmx else "employment/seeker_import_detail.html"
    return render(request, template, {"batch": batch, "busy": seekerjobs.is_busy(batch),
                                      "stale": seekerjobs.is_stale(batch), "taken": taken,
                                      "status_label": seekerjobs.status_label(batch)})


@login_required
@require_POST
def seeker_import_action(request, pk, action):
    """重新导入 / 放弃 an interrupted seeker upload."""
    from jianfu.employment import seekerjobs

    batch = seekerjobs.import_get(user=request.user, pk=pk)
    moves = {"retry": seekerjobs.import_retry, "discard": seekerjobs.import_discard,
             "dismiss": seekerjobs.import_dismiss}
    if action not in moves:
        raise NotFoundError(_("没有该操作。"))
    dismiss = action == "dismiss"   # the batch is gone: back to the upload
    return run_move(request, lambda: moves[action](actor=request.user, batch=batch),
                    success=_("已移除导入记录“%(name)s”。") % {"name": batch.original_name} if dismiss else "",
                    gone=redirect("employment:seeker_import") if dismiss else None,
                    back=redirect("employment:seeker_import_detail", pk=batch.pk))


@page_access(found_by(selectors.key_person_get))
@login_required
def person_detail(request, pk):
    kp = selectors.key_person_get(user=request.user, pk=pk)
    return _person_page(request, kp)


def _with_next_results(referrals) -> list:
    """Each referral with the results it may move to (`next_results`), in the choices' order: newuser32c #1 — the 结果
    select offered every result and showed 已投递 first, so a referral at 已面试 answered 记录 with "不能改为“已投递”"
    (a step back); 已在他处就业 is never picked by hand (`services.referral_advance` sets it)."""
    referrals = list(referrals)
    for r in referrals:
        allowed = REFERRAL_TRANSITIONS.get(r.status, frozenset())
        r.next_results = [(s, label) for s, label in ReferralStatus.choices
                          if s in allowed and s != ReferralStatus.ELSEWHERE]
    return referrals


def _person_page(request, kp, *, service_form=None, form_token="", status=200, typed=None, typed_error=None):
    """The person page; a refused 服务记录 comes back here with its filled form and field errors (status 400); a
    refused 更新状态 or 推荐结果 with what it posted (`typed`: {"status" or "referral_<pk>": {field: value}}) and the
    reason beside the input it names (`typed_error`, core.templatetags.refused; forms400b)."""
    actions = [(a, TRANSITION_LABELS[a]) for a, target in ACTION_TARGET.items()
               if target in KEY_TRANSITIONS.get(kp.status, ())]
    return render_refused(request, "employment/person_detail.html", {
        "kp": kp, "person": kp.person, "profile": getattr(kp, "profile", None),
        "history": selectors.history_of(kp), "visits": selectors.visits_of(kp)[:20],
        "referrals": _with_next_results(selectors.referrals_of(kp)), "services": selectors.services_of(kp),
        "tasks": kp.visit_tasks.filter(status=VisitTask.Status.DUE).order_by("due_on"),
        "actions": actions, "can_write": access.may_write_persons(request.user),
        # the county's 人社局 refers without writing the person otherwise (ADR 0033): its link reads 推荐岗位 too
        "can_refer": access.may_refer(request.user),
        # 已就业 and the like: said up front, and the link reads 适合的岗位 (no 推荐 there either; newuser22 #2)
        "not_seeking": services.not_seeking(kp),
        # who may read this person may read the jobs that fit them (person_jobs: the same scoped read); a reader who
        # cannot refer (the 人社局, the county office) gets the read-only link (newuser13 V09)
        "can_match": access.may_match_jobs(request.user),
        "can_reveal": scope_for(request.user).reveals_employment_people,
        "edits_person": access.may_edit_registry_person(request.user, kp.person),   # emend32 #5
        "service_form": service_form or forms.ServiceForm(initial={"started_on": local_today()}),
        "form_token": form_token or formtokens.token_new(),
        "service_outcomes": ServiceOutcome.choices, "today": local_today(),
        "typed": typed or {}, "typed_error": typed_error or {}}, status=status)


@login_required
def person_edit(request, pk):
    kp = selectors.key_person_get(user=request.user, pk=pk)
    access.require_person_write(request.user, kp)
    initial = {f: getattr(kp, f) for f in ("unemployment_registered_on", "unemployment_ground", "graduation_year",
                                           "major", "hardship", "work_capacity", "note")}
    initial["groups"] = [f for f, _label in KEY_GROUPS if getattr(kp, f)]
    initial["version"] = version_of(kp)
    form = forms.KeyPersonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.key_person_update(actor=request.user, key_person=kp, data=form.service_data(),
                                       version=form.cleaned_data["version"] or None)
        except ApplicationError as exc:
            if exc.status_code in (403, 404):
                raise
            if isinstance(exc, ConflictError) and exc.code == "stale":
                form_conflict(form, exc)   # saved by someone else since this form was opened (as the registry's)
            else:
                form_error_from(form, exc)
        else:
            return redirect("employment:person_detail", pk=kp.pk)
    return render(request, "employment/form.html", {"form": form, "title": _("修改帮扶信息：%(n)s") % {"n": kp.person.name},
                                                    "back": kp}, status=form_status(form))   # refused: a 400 (forms400)


@login_required
@require_POST
def person_transition(request, pk, action):
    kp = selectors.key_person_get(user=request.user, pk=pk)
    service = services.TRANSITION_SERVICES.get(action)
    if service is None:
        raise NotFoundError(_("没有该操作。"))
    try:
        # the 说明 whole: over its length the service refuses it in the counter's words (fix-cr31b #4: cut at 200)
        service(actor=request.user, key_person=kp, on=request.POST.get("on") or None,
                note=request.POST.get("note", ""))
    except ApplicationError as exc:
        if exc.status_code in (403, 404):
            raise
        # the person page again with the date and 说明 as typed, the reason beside them (forms400b: a redirect lost
        # the 说明)
        kp.refresh_from_db()
        return _person_page(request, kp, status=exc.status_code,
                            **refused_typing(request, exc, form="status", inputs={"note": "note", "on": "on"}))
    messages.success(request, _("状态已更新为“%(s)s”。") % {"s": kp.get_status_display()})
    return redirect("employment:person_detail", pk=kp.pk)


@login_required
@require_POST
def person_reveal(request, pk):
    kp = selectors.key_person_get(user=request.user, pk=pk)
    field = request.POST.get("field")
    if field not in ("id_number", "phone"):
        raise NotFoundError(_("没有该字段。"))
    value = services.key_person_reveal(actor=request.user, key_person=kp, field=field)
    return render(request, "employment/_revealed.html", {"value": value, "field": field})


@login_required
def profile_edit(request, pk):
    kp = selectors.key_person_get(user=request.user, pk=pk)
    access.require_person_write(request.user, kp)
    profile = getattr(kp, "profile", None)
    initial = {}
    if profile is not None:
        initial = {"desired_text": profile.desired_text, "certificates": "、".join(profile.certificates),
                   "experience": profile.experience, "education": profile.education,
                   "wage": profile.wage_input,
                   "places": profile.places, "limits": profile.limits, "limits_note": profile.limits_note,
                   "available_from": profile.available_from}
    else:
        initial = {"education": kp.person.education}
    # the version the form was opened with (jianfu.core.versioning): a save over another's is refused (badinput16 #3)
    initial["version"] = version_of(profile) if profile is not None else versioning.NEW
    form = forms.ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.profile_save(actor=request.user, key_person=kp, data=data,
                                  version=form.cleaned_data["version"] or None)
        except ApplicationError as exc:
            if exc.status_code in (403, 404):
                raise
            if isinstance(exc, ConflictError) and exc.code == "stale":
                form_conflict(form, exc)   # saved by someone else since this form was opened (as the registry's)
            else:
                form_error_from(form, exc)
        else:
            messages.success(request, _("求职登记已保存。"))
            return redirect("employment:person_jobs", pk=kp.pk)
    return render(request, "employment/form.html", {"form": form, "back": kp,
                                                    "title": _("求职登记：%(n)s") % {"n": kp.person.name}},
                  status=form_status(form))   # refused: a 400 (forms400)


@login_required
def person_jobs(request, pk):
    """The matcher's top jobs for this person, each with why (met / not met)."""
    kp = selectors.key_person_get(user=request.user, pk=pk)
    access.require_match_jobs(request.user)
    results = matchsvc.jobs_for(kp, top=10)
    # low vision keeps the score's order on purpose (docs/matching.md): said once when a card is marked (newuser21 #5)
    order_kept = matchsvc.low_vision(kp) and any(rec.sight_doubt for _p, rec in results)
    not_seeking = services.not_seeking(kp)
    return render(request, "employment/person_jobs.html", {
        "kp": kp, "results": results, "order_kept": order_kept, "can_write": access.may_write_persons(request.user),
        # a person no longer looking for work (已就业…): said up front, the jobs listed to read, no 推荐给单位 buttons
        # whose tap would only refuse (newuser22 #2)
        "not_seeking": not_seeking, "can_refer": access.may_refer(request.user) and not not_seeking,
        "referred": set(kp.referrals.values_list("posting_id", flat=True))})


@login_required
@require_POST
def referral_create(request, pk, posting_pk):
    """推荐给单位, in two steps that work without JS (newuser19 #3: one tap made the referral and moved the person
    失业 → 已推荐): the list's button posts the recommendation here and gets the confirm page — the person, the posting,
    its employer and what will happen, nothing written; its 确认推荐 (confirm=1, with the form's one-time token) makes
    the referral; 取消 goes back."""
    kp = selectors.key_person_get(user=request.user, pk=pk)
    posting = selectors.posting_for_referral(user=request.user, pk=posting_pk)
    back = "posting" if request.POST.get("next") == "posting" else ""
    try:
        if request.POST.get("confirm") != "1":
            services.referral_check(actor=request.user, key_person=kp, posting=posting)
            return render(request, "employment/referral_confirm.html", {
                "kp": kp, "posting": posting, "reasons": matchsvc.referral_match(kp, posting)[1],
                "next": back, "form_token": formtokens.token_new(),
                "becomes_referred": kp.status == KeyStatus.UNEMPLOYED})
        # the matcher's score and reasons, as the API's: whatever the client posts is ignored (security20 #4)
        score, reasons = matchsvc.referral_match(kp, posting)
        _referral, created = services.referral_create_from_form(
            form_token=formtokens.posted(request.POST), actor=request.user, key_person=kp, posting=posting,
            score=score, reasons=reasons)
    except ApplicationError as exc:
        if exc.status_code in (403, 404):
            raise
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已推荐。系统将提醒在规定天数内回访结果。") if created
                         else _("该表单已提交过，没有重复推荐。"))
    if back:   # 推荐给单位 from the posting's 适合的求职者: back to that list
        return redirect("employment:posting_detail", pk=posting.pk)
    return redirect("employment:person_detail", pk=kp.pk)


@login_required
@require_POST
def referral_advance(request, pk):
    referral = selectors.referral_get(user=request.user, pk=pk)
    try:
        services.referral_advance(actor=request.user, referral=referral, status=request.POST.get("status", ""),
                                  reason=request.POST.get("reason", ""),   # whole (fix-cr31b #4)
                                  refused_by=request.POST.get("refused_by", ""),
                                  on=request.POST.get("on", ""))   # blank: today (emend32 #2)
    except ApplicationError as exc:
        if exc.status_code in (403, 404):
            raise
        # the person page again with this referral's 结果, 谁未接受 and 未成功原因 as posted, the reason beside them
        # (forms400b: a redirect lost the typed 原因)
        kp = selectors.key_person_get(user=request.user, pk=referral.key_person_id)
        return _person_page(request, kp, status=exc.status_code, **refused_typing(
            request, exc, form=f"referral_{referral.pk}", inputs={
                "status": f"referral-status-{referral.pk}", "refused_by": f"refused-by-{referral.pk}",
                "reason": f"referral-reason-{referral.pk}", "on": f"referral-on-{referral.pk}"}))
    return redirect("employment:person_detail", pk=referral.key_person_id)


@login_required
@require_POST
def service_create(request, pk):
    kp = selectors.key_person_get(user=request.user, pk=pk)
    form = forms.ServiceForm(request.POST)
    token = formtokens.posted(request.POST)
    if form.is_valid():
        try:
            _record, created = services.service_record_create_from_form(
                form_token=token, actor=request.user, key_person=kp, **form.cleaned_data)
        except ApplicationError as exc:
            if exc.status_code in (403, 404):
                raise
            form_error_from(form, exc)
            if exc.code == "form_expired":   # the token names another record (security17 #4): a fresh one
                token = ""
        else:
            if not created:   # the same form posted again (a double click, a replay): recorded once
                messages.info(request, _("该表单已提交过，没有重复登记。"))
            return redirect("employment:person_detail", pk=kp.pk)
    # refused: each field and its reason (badinput15 #11), on the person page again with what was typed (it
    # redirected, and the typing was lost); the token is kept, as nothing was stored under it
    reasons = "；".join(f"「{form[name].label}」{' '.join(errors)}" if name in form.fields else " ".join(errors)
                       for name, errors in form.errors.items())
    messages.error(request, _("服务记录没有保存：%(reasons)s") % {"reasons": reasons})
    return _person_page(request, kp, service_form=form, form_token=token if formtokens.valid(token) else "",
                        status=400)


@login_required
@require_POST
def service_outcome(request, pk):
    record = selectors.service_get(user=request.user, pk=pk)
    try:
        services.service_record_set_outcome(actor=request.user, record=record, outcome=request.POST.get("outcome", ""))
    except ApplicationError as exc:
        if exc.status_code in (403, 404):
            raise
        messages.error(request, exc.message)
    return redirect("employment:person_detail", pk=record.key_person_id)


# ---------------------------------------------------------------- visits

@login_required
def visit_tasks(request):
    return _visit_tasks_page(request, request.GET)


def _visit_tasks_page(request, query_data, *, status: int = 200, typed: dict | None = None,
                      typed_error: dict | None = None):
    """The 走访提醒 list of the tab, village and page `query_data` names (the GET's, or a refused 标记已处理's post);
    after a refusal, the task's 处理说明 as typed (`typed`: {"task_<pk>": {"note": …}}) and the reason beside it
    (forms400b)."""
    from jianfu.accounts.selectors import field_staff_of

    state = query_data.get("state", "today")
    village = query_data.get("village", "")
    # the villages that have tasks in this tab: a township picks one from a select
    villages = list(selectors.visit_task_list(user=request.user, state=state).order_by("org_code")
                    .values_list("org_code", flat=True).distinct())
    page = Paginator(selectors.visit_task_list(user=request.user, state=state, village=village), 30).get_page(
        query_data.get("page"))
    can_manage = access.may_manage_tasks(request.user)
    if can_manage:   # township staff: each task offers who of its village may take it over
        staff: dict[str, list] = {}
        for t in page:
            if t.org_code not in staff:
                staff[t.org_code] = list(field_staff_of(t.org_code))
            t.staff = [u for u in staff[t.org_code] if u.pk != t.assignee_id]
    query = urlencode({k: v for k, v in query_data.items() if k in ("state", "village") and v}
                      if request.method == "POST" else {k: v for k, v in query_data.items() if k != "page" and v})
    return render_refused(request, "employment/visit_tasks.html", {
        "page": page, "qs": query, "state": state, "village": village, "today": local_today(),
        "week_end": selectors.week_end(local_today()),
        "tab_query": urlencode({k: v for k, v in (("tab", state if state in TASK_TABS else "due"),
                                                  ("village", village if village.isascii() and village.isdigit()
                                                   else "")) if v}),
        "villages": villages, "can_manage": can_manage, "handle_examples": HANDLE_EXAMPLES,
        "form_token": formtokens.token_new() if can_manage else "",
        "typed": typed or {}, "typed_error": typed_error or {}}, status=status)


HANDLE_EXAMPLES = (_("已电话联系"), _("本人外出务工"), _("已迁出本村"))
TASK_TABS = ("today", "week", "overdue", "due", "escalated")


def _tasks_tab_query(data: Any) -> str:
    """The 走访提醒 tab (and a township's village) a visit was opened from, as a query back to that list — only these
    two filters, checked, never a free URL (tryout28 #5: saving an overdue visit landed on 今天该走访, one more tap per
    visit to find the next overdue person). Without one: 全部待走访."""
    tab = data.get("tab", "")
    village = data.get("village", "")
    return urlencode({k: v for k, v in (("state", tab if tab in TASK_TABS else "due"),
                                        ("village", village if village.isascii() and village.isdigit() else "")) if v})


def _back_to_tasks(request):
    """Back to the tab and village the township acted from (only these two filters, never a free URL)."""
    state = request.POST.get("state", "")
    village = request.POST.get("village", "")
    query = urlencode({k: v for k, v in (("state", state if state in TASK_TABS
                                                    else "escalated"),
                                         ("village", village if village.isdigit() else "")) if v})
    from django.urls import reverse

    return redirect(f"{reverse('employment:visit_tasks')}?{query}")


@login_required
@require_POST
def visit_task_reassign(request, pk):
    """改派 an open visit task to another grid worker or cadre of its village (township staff; audited)."""
    task = selectors.visit_task_get(user=request.user, pk=pk)
    try:
        formtokens.required_key(formtokens.posted(request.POST))   # the button's form carries its token (ADR 0035)
        task = visits.visit_task_reassign(actor=request.user, task=task, assignee_id=request.POST.get("assignee"))
    except ApplicationError as exc:
        if exc.status_code in (403, 404):
            raise
        messages.error(request, f"{task.key_person.person.name}：{exc.message}")
    else:
        messages.success(request, _("已将%(p)s的走访改派给%(u)s。") % {
            "p": task.key_person.person.name, "u": task.assignee.display_name or task.assignee.username})
    return _back_to_tasks(request)


@login_required
@require_POST
def visit_task_handle(request, pk):
    """Close an open visit task with a note, without a visit (township staff; audited)."""
    task = selectors.visit_task_get(user=request.user, pk=pk)
    try:
        formtokens.required_key(formtokens.posted(request.POST))   # the button's form carries its token (ADR 0035)
        visits.visit_task_handle(actor=request.user, task=task, note=request.POST.get("note", ""))
    except ApplicationError as exc:
        if exc.status_code in (403, 404):
            raise
        # the list again with the 处理说明 as typed beside the reason (forms400b: a redirect lost it)
        return _visit_tasks_page(request, request.POST, status=exc.status_code, **refused_typing(
            request, exc, form=f"task_{task.pk}", inputs={"note": f"note-{task.pk}"},
            lead=f"{task.key_person.person.name}："))
    else:
        messages.success(request, _("已将%(p)s的走访任务标记为已处理。") % {"p": task.key_person.person.name})
    return _back_to_tasks(request)


@login_required
def visit_create(request, pk):
    # from the task list: through the open task (its owner may be a grid worker the township reassigned it to,
    # whose own grid the person is not in); else the person in one's scope
    task_pk = request.POST.get("task") or request.GET.get("task") or ""
    from_task = None
    if task_pk.isascii() and task_pk.isdigit():          # "²".isdigit() is true too
        closed = selectors.closed_visit_task_of(user=request.user, pk=int(task_pk), key_person_pk=pk)
        if closed is not None:   # Back after saving: the task is done (or closed), not missing (N11)
            return _visit_task_closed(request, closed, _tasks_tab_query(request.GET))
        from_task = selectors.open_visit_task_get(user=request.user, pk=int(task_pk))
        if from_task.key_person_id != pk:
            raise NotFoundError(_("找不到该走访任务，或不在您的管辖范围内。"))
        kp = from_task.key_person
        access.require_person_write(request.user, from_task)
    else:
        kp = selectors.key_person_get(user=request.user, pk=pk)
        access.require_person_write(request.user, kp)
    form = forms.VisitForm(request.POST or None, request.FILES or None)
    held: dict = {}
    if request.method == "POST":
        # the photo a refused post kept (newuser23 #1: a file box cannot be refilled), unless 移除 is ticked or a new
        # one is chosen (the form takes one)
        token = heldphotos.token_of(request.POST)
        kept = heldphotos.kept(request, token, drop=request.POST.getlist(heldphotos.DROP))
        sent = request.FILES.get("photo")
        if sent is not None and kept:
            heldphotos.release(kept)
            kept = []
    # a photo whose file name a client sent raw in GBK is dropped by Django's parser (FileNameWatch sees its part):
    # the visit was recorded without it and nobody told (mend24 #3); refused, with the other forms' words
    unreadable = request.method == "POST" and _photo_name_unreadable(request)
    if unreadable:
        form.is_valid()
        form.add_error("photo", _("照片的文件名无法识别（编码不是 UTF-8），请改用中文或英文文件名后重试。"))
    if request.method == "POST" and not unreadable and form.is_valid():
        d = form.cleaned_data
        held_uploads = heldphotos.uploads(kept)
        try:
            _visit, created = visits.visit_record_from_form(
                form_token=formtokens.posted(request.POST), actor=request.user, key_person=kp,
                outcome=d["outcome"], needs=d["needs"], next_step=d["next_step"],
                photo=d.get("photo") or next(iter(held_uploads), None), task=from_task)
        except ApplicationError as exc:
            if exc.status_code in (403, 404):
                raise
            form_error_from(form, exc)
            # a held photo that does not decode is let go now, the person told (security24 M1: it was decoded again,
            # and refused again, on every post)
            kept = heldphotos.drop_undecodable(request, kept, held_uploads)
        else:
            heldphotos.release(kept)
            for note in heldphotos.dropped(request, token):   # dropped by its preview: not attached
                messages.warning(request, note)
            if created:
                messages.success(request, _("走访已记录。"))
            else:   # the same form posted again (back then 提交, a double click): recorded once
                messages.info(request, _("这次走访已经记录过，没有重复记录。"))
            if request.POST.get("next") == "person":   # started from the person's page: back to it
                return redirect("employment:person_detail", pk=kp.pk)
            if request.POST.get("tab"):   # back to the 走访提醒 tab it was opened from (tryout28 #5)
                return redirect(f"{reverse('employment:visit_tasks')}?{_tasks_tab_query(request.POST)}")
            return redirect("employment:visit_tasks")
    # who is being visited and how to reach them, on the form itself (the outcome may be 电话联系): masked, with the
    # audited reveal — through the open visit task when there is one (its grid worker may reveal it, ADR 0028),
    # else as on the person's page for the roles that may reveal
    if request.method == "POST":   # refused: the photo, when it passes its checks, is kept for the corrected post
        # capped per account, never against the office's address the citizens' form counts (security24 L1)
        problems = heldphotos.hold(request, token, [sent] if sent is not None else [], most=1,
                                   account=request.user.pk)
        held = {"held": heldphotos.kept(request, token), "held_token": token, "held_single": True,
                "held_problems": [*heldphotos.dropped(request, token),
                                  *([] if "photo" in form.errors or form.non_field_errors() else problems)]}
    task = from_task or selectors.open_visit_task_of(user=request.user, key_person=kp)
    scope = scope_for(request.user)
    can_reveal = scope.reveals_employment_people or (task is not None and scope.may_reveal_for_visit(task.grid_code))
    return render(request, "employment/visit_form.html", {
        "form": form, "kp": kp, "person": kp.person, "can_reveal": can_reveal, "task": task, "from_task": from_task,
        "today": local_today(),
        "edits_person": access.may_edit_registry_person(request.user, kp.person),   # emend32 #5
        "next": request.POST.get("next") or request.GET.get("next", ""), "form_token": formtokens.token_new(),
        **_tab_fields(request.POST if request.method == "POST" else request.GET), **held},
        status=form_status(form))   # refused: a 400 (ui30 #1)


def _tab_fields(data: Any) -> dict:
    """The visit form's way back to the list it was opened from: the tab and village it carries (checked) and the
    query its breadcrumb links to."""
    tab, village = data.get("tab", ""), data.get("village", "")
    return {"tab": tab if tab in TASK_TABS else "",
            "tab_village": village if village.isascii() and village.isdigit() else "",
            "tasks_query": _tasks_tab_query(data)}


def _photo_name_unreadable(request: Any) -> bool:
    """Whether the visit form's photo was sent but dropped for its file name (`uploads.files_named`)."""
    try:
        files_named(request, "photo", photos=True)
    except ApplicationError as exc:
        if exc.code == "file_name_unreadable":
            return True
        raise
    return False


def _visit_task_closed(request, task, tasks_query: str = "state=due"):
    """What a done, handled or cancelled task says to whoever may see it: nothing is written, the person is a link
    away (when the user may open the person's page; a grid worker it was reassigned to may not)."""
    try:
        person_url = reverse("employment:person_detail", args=[selectors.key_person_get(user=request.user,
                                                                                        pk=task.key_person_id).pk])
    except NotFoundError:
        person_url = ""
    return render(request, "employment/visit_task_closed.html", {"task": task, "person_url": person_url,
                                                                 "tasks_query": tasks_query})


@login_required
@require_POST
def visit_task_reveal(request, pk):
    """The phone of the person of an open visit task, from its visit form (audited; ADR 0028)."""
    task = selectors.open_visit_task_get(user=request.user, pk=pk)
    value = services.visit_task_phone_reveal(actor=request.user, task=task)
    return render(request, "employment/_revealed.html", {"value": value, "field": "phone"})


@login_required
def visit_photo(request, pk):
    """A visit's photo, to whoever may see the person (`selectors.visit_get`); a stored file gone is a 404."""
    visit = _visit_with_photo(request, pk)
    content_type = "image/png" if visit.photo.name.endswith(".png") else "image/jpeg"
    return photo_response(visit.photo, content_type, what=f"photo of visit {visit.pk}")


@login_required
def visit_photo_thumb(request, pk):
    """The photo's small thumbnail (≤ 320 px) for the person's page, behind the same check as the photo; made on
    first request for a photo stored before visit thumbnails existed (session 22). Corrupt or missing: 404."""
    visit = _visit_with_photo(request, pk)
    return thumbnail_response(visit.photo, what=f"photo of visit {visit.pk}")


def _visit_with_photo(request, pk):
    visit = selectors.visit_get(user=request.user, pk=pk)
    if not visit.photo:
        raise NotFoundError(_("该走访没有照片。"))
    return visit


# ---------------------------------------------------------------- postings (public)

@anonymous_reads_throttled
def job_list(request):
    """Open postings, for everyone (no login): job seekers, cadres, employers. A search that finds nothing says what
    was searched, where, and how to widen it (mend35 #1: a bare 暂无岗位 read as "no jobs in the county")."""
    towns = selectors.public_posting_towns()
    place = request.GET.get("place", "")
    return _list_page(request, "employment/job_list.html", selectors.public_postings, {"q": "", "place": ""},
                      scoped=False, towns=towns, searched=request.GET.get("q", "").strip()[:50],
                      # the town searched in, only when it is one of the select's (any other text is not repeated)
                      place_searched=place if any(code[:9] == place for code in towns) else "")


@anonymous_reads_throttled
def job_detail(request, pk):
    posting = selectors.public_posting_get(pk=pk)
    # where to register when the employer gives no contact: the town's employment office (mend35 #3)
    office = None if posting.public_contact else selectors.town_employment_office(org_code=posting.org_code)
    return render(request, "employment/job_detail.html", {"posting": posting, "office": office})


# ---------------------------------------------------------------- postings (managed)

@login_required
def posting_list(request):
    imports = selectors.import_list(user=request.user)
    batch = request.GET.get("batch", "")
    shown_batch = imports.filter(pk=int(batch)).first() if batch.isdigit() else None   # ?batch=: one import's rows
    # the postings held for review are one tap away whatever the filter (newuser15 F6: they sat on page 2 of 12)
    flagged = 0 if request.GET.get("status") == PostingStatus.FLAGGED else selectors.managed_postings(
        user=request.user, status=PostingStatus.FLAGGED, batch=batch).count()
    return _list_page(request, "employment/posting_list.html", selectors.managed_postings,
                      {"status": "", "q": "", "batch": ""}, statuses=PostingStatus.choices,
                      # each with the status its own page shows (均已登记, 已中断): tryout27 #7
                      imports=[(b, importjobs.status_label(b)) for b in imports[:5]],
                      shown_batch=shown_batch, flagged=flagged)


@login_required
def posting_create(request):
    access.manage_scope(request.user)
    form = forms.PostingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            posting, created = postings.posting_create_from_form(
                form_token=formtokens.posted(request.POST), actor=request.user, data=form.cleaned_data)
        except ApplicationError as exc:
            if exc.status_code in (403, 404):
                raise
            form_error_from(form, exc)
        else:
            if not created:   # the same form posted again (a double tap, back then 保存): published once
                messages.info(request, _("该表单已提交过，没有重复发布岗位。"))
            elif posting.flags:
                messages.warning(request, _("岗位含疑似歧视性内容，已转县减负办核查，核查通过后才公开。"))
            elif posting.questions:
                messages.info(request, _("岗位已公开；其中的招聘条件（如身高要求）已提示县减负办核查是否与岗位相关。"))
            return redirect("employment:posting_detail", pk=posting.pk)
    return render(request, "employment/form.html", {"form": form, "title": _("发布岗位"),
                                                    "form_token": formtokens.token_new()},
                  status=form_status(form))   # refused: a 400, as the upload forms (ui30 #1; fix-cr30)


@page_access(found_by(selectors.managed_posting_get))
@login_required
def posting_detail(request, pk):
    """The posting for whoever manages it; its 适合的求职者 only for an account that may read people (ADR 0030): the
    page never refuses a manager for lack of that right, it leaves the section out and says who refers people."""
    return _posting_page(request, selectors.managed_posting_get(user=request.user, pk=pk))


def _posting_page(request, posting, *, status: int = 200, typed: dict | None = None, typed_error: dict | None = None):
    """The posting page; after a refused 核查无误 / 下架, the 说明 as typed and the reason beside it (forms400b)."""
    reads_people = access.may_read_persons(request.user)
    seekers = matchsvc.seekers_for(request.user, posting, top=10) \
        if reads_people and posting.status == PostingStatus.OPEN else []
    # marks, not a re-ranking (prod18): each candidate's key groups (`kp.groups`) and open referrals to other postings
    elsewhere = selectors.open_referrals_elsewhere(user=request.user, key_person_ids=[kp.pk for kp, _r in seekers],
                                                   posting=posting) if seekers else {}
    return render_refused(request, "employment/posting_detail.html", {"posting": posting, "seekers": seekers,
                                                              "reads_people": reads_people,
                                                              "reads_referrals": access.may_read_referrals_of_postings(
                                                                  request.user),
                                                              "can_refer": access.may_refer(request.user),
                                                              "referred": set(posting.referrals.values_list(
                                                                  "key_person_id", flat=True)) if seekers else set(),
                                                              "candidates": [(kp, rec, elsewhere.get(kp.pk, []))
                                                                             for kp, rec in seekers],
                                                              "review": selectors.posting_review(posting),
                                                              "can_review": access.may_review_postings(request.user),
                                                              "note_max": postings.REVIEW_NOTE_MAX,
                                                              "referrals": posting.referrals.count(),
                                                              # closed because hired through another (tryout27 #10d)
                                                              "elsewhere": posting.referrals.filter(
                                                                  status=ReferralStatus.ELSEWHERE).count(),
                                                              "typed": typed or {}, "typed_error": typed_error or {}},
                  status=status)


REFERRALS_PER_PAGE = 30


def _referral_page(request, template_context: dict[str, Any], *, employer=None, posting=None):
    """An employer's or one posting's 推荐记录 (session 28): the referrals of people the account reads, newest first,
    30 a page, with how many others (people outside its scope) were referred there."""
    status = request.GET.get("status", "")
    status = status if status in ReferralStatus.values else ""
    rows, hidden = selectors.referrals_to(user=request.user, employer=employer, posting=posting, status=status)
    page = Paginator(rows, REFERRALS_PER_PAGE).get_page(request.GET.get("page"))
    query = urlencode({"status": status} if status else {})
    return render(request, "employment/referral_list.html", {
        "page": page, "qs": query, "status": status, "statuses": ReferralStatus.choices, "hidden": hidden,
        "employer": employer, "posting": posting, **template_context})


@login_required
def employer_referrals(request, pk):
    """用人单位的推荐记录: every managed posting of the employer, each referral to them (session 28)."""
    employer = selectors.referrals_employer_get(user=request.user, pk=pk)
    return _referral_page(request, {"postings": selectors.referral_counts(user=request.user, employer=employer)},
                          employer=employer)


@login_required
def posting_referrals(request, pk):
    """One posting's 推荐记录 (session 28)."""
    access.referral_reads_scope(request.user)
    posting = selectors.managed_posting_get(user=request.user, pk=pk)
    return _referral_page(request, {}, employer=posting.organisation, posting=posting)


@login_required
@require_POST
def posting_action(request, pk, action):
    posting = selectors.managed_posting_get(user=request.user, pk=pk)
    note = request.POST.get("note", "")   # whole: the service refuses one too long (it was cut at 200 here)
    moves = {"close": lambda: postings.posting_close(actor=request.user, posting=posting),
             "reopen": lambda: postings.posting_reopen(actor=request.user, posting=posting),
             "clear": lambda: postings.posting_clear(actor=request.user, posting=posting, note=note),
             "withdraw": lambda: postings.posting_withdraw(actor=request.user, posting=posting, note=note),
             # 修改后公开 (emend32 #1): the texts corrected, the check run again
             "amend": lambda: postings.posting_amend(actor=request.user, posting=posting, data={
                 key: request.POST.get(key, "") for key in postings.AMENDED_TEXTS})}
    if action not in moves:
        raise NotFoundError(_("没有该操作。"))
    try:
        moves[action]()
    except ApplicationError as exc:
        if exc.status_code in (403, 404):
            raise
        # the posting again with the 说明 as typed beside the reason (forms400b: a redirect lost it); 结束招聘 and
        # 重新开放 have no 说明 (the page's message); 修改后公开 its three texts
        posting.refresh_from_db()
        if action == "amend":
            return _posting_page(request, posting, status=exc.status_code, **refused_typing(
                request, exc, form="amend", inputs={key: f"amend-{key}" for key in postings.AMENDED_TEXTS}))
        return _posting_page(request, posting, status=exc.status_code, **refused_typing(
            request, exc, form="posting", inputs={"note": "note"} if action in ("clear", "withdraw") else {}))
    if action == "amend" and (kept := postings.flags_not_amendable(posting)):
        # the flag of a column the form does not edit stands (fixcr33b M1): say so, not "still discriminating"
        messages.warning(request, _("已修改。") + str(postings.not_amendable_message(kept)))
    elif action == "amend" and posting.status == PostingStatus.FLAGGED:
        messages.warning(request, _("已修改，但仍含疑似歧视内容，岗位仍待核查。"))
    else:
        messages.success(request, {"close": _("已结束招聘。"), "reopen": _("已重新开放。"),
                                   "clear": _("已核查无误，岗位已公开。"), "withdraw": _("已下架。"),
                                   "amend": _("已修改，复查未发现疑似歧视内容，岗位已公开。")}[action])
    return redirect("employment:posting_detail", pk=posting.pk)


@login_required
def posting_import(request):
    """The upload is stored and queued; the worker imports it and the batch page follows it."""
    access.manage_scope(request.user)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    if queued := _queue_upload(request, form, importjobs.import_request, "employment:import_detail",
                               PostingImport):
        return queued
    return render(request, "employment/import.html", {"form": form, "columns": postings.COLUMNS,
                                                      "required": postings.REQUIRED,
                                                      "form_token": formtokens.token_new()},
                  status=form_status(form))   # refused: a 400 (ui30 #1)


@login_required
def seeker_import_template(request):
    """The seeker import's template (.xlsx: the headers, and a 填写说明 sheet), as the posting import offers one."""
    from jianfu.core.downloads import XLSX, download_response
    from jianfu.employment import seekerjobs, seekers

    seekerjobs.writer_scope(request.user)
    return download_response(seekers.import_template(), _("求职登记导入模板.xlsx"), XLSX)


@login_required
def posting_import_template(request):
    """The import's template (.xlsx, headers only), for the office that has no job-board export to start from."""
    from jianfu.core.downloads import XLSX, download_response

    access.manage_scope(request.user)
    return download_response(postings.import_template(), _("岗位导入模板.xlsx"), XLSX)


@page_access(found_by(postings.import_get))
@login_required
def import_detail(request, pk):
    batch = postings.import_get(user=request.user, pk=pk)
    template = "employment/_import_status.html" if request.htmx else "employment/import_detail.html"
    awaiting = batch.status == PostingImport.Status.AWAITING
    held = selectors.held_postings(batch=batch) if awaiting else []
    # which postings the check flagged, and for which phrase (mend35 #4)
    flag_rows = selectors.batch_flag_rows(batch=batch) if batch.flagged_count else []
    return render(request, template, {"batch": batch, "busy": importjobs.is_busy(batch), "held": held,
                                      "flag_rows": flag_rows, "flags_shown": selectors.FLAGGED_SHOWN,
                                      "stale": importjobs.is_stale(batch),
                                      "status_label": importjobs.status_label(batch),
                                      "may_confirm": postings.may_confirm(request.user, batch),
                                      "held_message": postings.held_message(batch) if awaiting else ""})


@login_required
@require_POST
def import_action(request, pk, action):
    """重新导入 / 放弃 an interrupted batch; 确认发布 a held one; 撤销本批."""
    batch = postings.import_get(user=request.user, pk=pk)
    moves = {"retry": importjobs.import_retry, "discard": importjobs.import_discard,
             "confirm": postings.import_confirm, "withdraw": postings.import_withdraw,
             "dismiss": importjobs.import_dismiss}
    if action not in moves:
        raise NotFoundError(_("没有该操作。"))
    done = {"confirm": _("已确认发布，本批岗位已在招聘岗位中公开。"), "withdraw": _("已撤销本批，本批岗位已全部下架。"),
            "dismiss": _("已移除导入记录“%(name)s”。") % {"name": batch.original_name}}
    return run_move(request, lambda: moves[action](actor=request.user, batch=batch), success=done.get(action, ""),
                    gone=redirect("employment:posting_import") if action == "dismiss" else None,   # the batch is gone
                    back=redirect("employment:import_detail", pk=batch.pk))


@login_required
@require_POST
def import_skip_duplicates(request, pk):
    """跳过这些重复行，导入其余 N 条: the uploader's explicit choice on a file refused only for duplicate rows."""
    batch = postings.import_get(user=request.user, pk=pk)
    # counted from the refusal the user chose on: the service refreshes `batch`, and a worker that has already run
    # (immediate mode) leaves the imported batch's own counts there
    chosen = {"d": batch.duplicate_count, "n": batch.rest_count}
    return run_move(request, lambda: importjobs.import_skip_duplicates(actor=request.user, batch=batch),
                    success=_("已选择跳过 %(d)d 行重复的岗位，其余 %(n)d 行正在导入。") % chosen,
                    back=redirect("employment:import_detail", pk=batch.pk))


# ---------------------------------------------------------------- visit rules

@login_required
def rule_list(request):
    return _rule_page(request)


def _rule_page(request, *, status: int = 200, typed: dict | None = None, typed_error: dict | None = None):
    """The 走访规则 page; after a refused 保存, that rule's form as typed (`typed`: {"rule_<pk>": {field: value}}) and
    the reason beside its field (forms400b)."""
    return render_refused(request, "employment/rule_list.html", {"rules": selectors.visit_rules(user=request.user),
                                                         "typed": typed or {}, "typed_error": typed_error or {}},
                  status=status)


@login_required
@require_POST
def rule_edit(request, pk):
    rule = selectors.visit_rule_get(user=request.user, pk=pk)
    data = {k: request.POST.get(k) for k in ("days", "escalate_after_days", "month_day", "name") if k in request.POST}
    data["is_active"] = request.POST.get("is_active") == "on"
    try:
        visits.visit_rule_update(actor=request.user, rule=rule, data=data)
    except ApplicationError as exc:
        if exc.status_code in (403, 404):
            raise
        # the rules again, this one as typed with the reason beside its field (forms400b: a redirect lost the typing)
        refused = refused_typing(request, exc, form=f"rule_{rule.pk}", inputs={
            "name": f"name-{rule.pk}", "days": f"days-{rule.pk}", "month_day": f"md-{rule.pk}",
            "escalate_after_days": f"esc-{rule.pk}"}, cut=100)
        refused["typed"][f"rule_{rule.pk}"]["is_active"] = data["is_active"]   # a box: its tick, not its text
        return _rule_page(request, status=exc.status_code, **refused)
    messages.success(request, _("规则已保存，下次检查时生效。"))
    return redirect("employment:rule_list")


# ---------------------------------------------------------------- dashboard

def _dashboard_args(request):
    scope = access.dashboard_scope(request.user)
    prefix = None if scope.is_all else scope.prefix
    unit = request.GET.get("unit", "")
    if unit.isdigit() and len(unit) in (6, 9, 12) and scope.covers(unit.ljust(12, "0")):
        prefix = unit
    today = local_today()
    try:
        months = max(1, min(int(request.GET.get("months", 12)), 36))
    except ValueError:
        months = 12
    start = metrics.month_starts(today, months)[0]
    return prefix, start, today, months


@login_required
def dashboard(request):
    prefix, start, today, months = _dashboard_args(request)
    rows, total = metrics.dashboard(prefix=prefix, start=start, end=today, today=today)
    trend = metrics.trend(prefix=prefix, end=today, months=months)
    chart = {"trend": trend, "groups": [{"name": str(label), "value": total.groups.get(f, 0)}
                                        for f, label in KEY_GROUPS],
             "status": [{"name": str(_("在帮扶未就业")), "value": total.seeking},
                        {"name": str(_("已就业")), "value": total.placed},
                        {"name": str(_("退出")), "value": total.exited}]}
    drill = len(prefix or "") < 12
    rows, empty = metrics.fold_empty(rows)
    return render(request, "employment/dashboard.html", {
        "rows": rows, "empty": empty, "empty_label": metrics.empty_units_label(prefix), "total": total, "chart": chart, "months": months, "start": start, "today": today,
        "months_note": _months_note(request.GET.get("months"), months),
        "unit_note": _unit_note(request.GET.get("unit"), prefix),
        "prefix": prefix or "", "drill": drill, "groups": KEY_GROUPS, "lists": _dashboard_lists(request.user, prefix),
        "export_query": urlencode({"unit": prefix or "", "months": months})})


def _dashboard_lists(user, prefix: str | None) -> dict[str, str]:
    """The list behind each of the first figures (newuser32c #3: a county officer checking 在帮扶未就业 220 had to add
    up three filtered lists, 失业 175 + 已推荐 20 + 面试中 25): 重点群体 and 在帮扶未就业 → the 重点群体 list of the unit
    shown (`org_code`, `status=seeking`); 待走访 and 逾期 → the 走访提醒 tabs, only where that list holds the same
    tasks — the account's own figures, or a village's (`village`); a town the county drilled into has no such list.
    An account that may not read the people gets no links."""
    if not access.may_read_persons(user):
        return {}
    scope = access.dashboard_scope(user)
    own = None if scope.is_all else scope.prefix
    # the list's own 乡镇 / 村 selects where they name the unit, so a filter changed there keeps it
    if not prefix or prefix == own:
        place = {}
    elif len(prefix) == 9:
        place = {"town": prefix + "000"}
    elif len(prefix) == 12:
        place = {"town": prefix[:9] + "000", "village": prefix}
    else:
        place = {"org_code": prefix}
    people = reverse("employment:person_list")
    lists = {"people": people + ("?" + urlencode(place) if place else ""),
             "seeking": people + "?" + urlencode({**place, "status": "seeking"})}
    if prefix == own or len(prefix or "") == 12:
        village = "&" + urlencode({"village": prefix}) if prefix != own else ""
        visits = reverse("employment:visit_tasks")
        lists.update(due=f"{visits}?state=due{village}", overdue=f"{visits}?state=overdue{village}")
    return lists


def _unit_note(asked: str | None, prefix: str | None) -> str:
    """tryout28 #3: a unit the page does not show (?unit=999, another town's code) fell back to the account's own
    figures without a word, while ?months=abc said so — it says so too."""
    from jianfu.orgs.templatetags.orgs import unit_name

    asked = (asked or "").strip()
    if not asked or asked == (prefix or ""):
        return ""
    shown = unit_name(prefix.ljust(12, "0")) if prefix else _("全部")
    return _("“%(v)s”不是您可查看的单位代码，已显示%(u)s的统计。") % {"v": asked[:20], "u": shown}


def _months_note(asked: str | None, months: int) -> str:
    """newuser18 #7: a period out of 1–36 months (months=999) is counted over the nearest one — and the page says so;
    a value that is no number at all is the default 12, said likewise."""
    if asked is None or asked.strip() == str(months):
        return ""
    try:
        int(asked)
    except ValueError:
        return _("“%(v)s”不是月数，已按近 %(n)d 个月统计。") % {"v": asked[:10], "n": months}
    return _("统计期为 1 至 36 个月，已按近 %(n)d 个月统计（您填的是 %(v)s）。") % {"n": months, "v": asked[:10]}


def _preparer(user) -> str:
    """填表人 on a form: the account's name, else its unit's — a login name means nothing on paper."""
    unit = getattr(user, "org_unit", None)
    return user.display_name or (unit.name if unit is not None else "") or user.get_username()


def _issuer(prefix: str | None) -> str:
    """制表机关 of the export: the county's 人社局 (its department unit's name after the county's), the county of the
    area exported; empty for the whole country."""
    from jianfu.orgs.models import OrgUnit, UnitKind

    if not prefix or len(prefix) < 6:
        return ""
    county = prefix[:6].ljust(12, "0")
    county_name = OrgUnit.objects.filter(code=county).values_list("name", flat=True).first() or ""
    department = (OrgUnit.objects.filter(parent_code=county, kind=UnitKind.DEPARTMENT, short_code="RS")
                  .values_list("name", flat=True).first())
    return f"{county_name}{department or metrics.EXPORT_ISSUER_SUFFIX}"


@login_required
def dashboard_export(request):
    prefix, start, today, _months = _dashboard_args(request)
    rows, total = metrics.dashboard(prefix=prefix, start=start, end=today, today=today)
    from jianfu.orgs.models import OrgUnit

    name = OrgUnit.objects.filter(code=(prefix or "").ljust(12, "0")).values_list("name", flat=True).first() or ""
    user = request.user
    data = metrics.export_xlsx(rows, total, title=_("%(u)s重点群体就业帮扶情况统计表") % {"u": name},
                               period=f"{start:%Y-%m-%d} 至 {today:%Y-%m-%d}", unit=name,
                               preparer=_preparer(user), reported_on=today, issuer=_issuer(prefix))
    from jianfu.core.downloads import XLSX, download_response

    return download_response(data, _("%(u)s重点群体就业帮扶情况-%(d)s.xlsx") % {"u": name or _("全部"),
                                                                          "d": f"{today:%Y%m%d}"}, XLSX)
