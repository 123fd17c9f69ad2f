"""直通车 pages: the reporter's (anonymous, under /directline/public/) and the handlers'.

The reporter's pages never use messages, redirects carrying the receipt code, or the session: the
core middleware treats /directline/public/ as anonymous even for a logged-in browser. The receipt
code travels only in POST bodies and on the receipt page the report form redirects to, which shows it once
(sealed server-side meanwhile under a key in a cookie of that path, kept 10 minutes at most; session 16).

A handler's unlocked key is split: the session (stored server-side) holds it encrypted under a random
key that lives only in an HttpOnly cookie of the handler's browser, so neither a database dump of the
sessions nor the cookie alone opens anything."""

from __future__ import annotations

import functools
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST

from jianfu.core import formtokens
from jianfu.core.errors import ApplicationError, with_retry_after
from jianfu.core.paths import ANONYMOUS_KEPT_COOKIES, HANDLER_UNLOCK_COOKIE
from jianfu.core.uploads import files_named
from jianfu.directline import rotation, sealing, selectors, services
from jianfu.directline.attachments import MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, keep_uploads_in_memory
from jianfu.directline.models import Category, HandlerSlot
from jianfu.directline.workflow import Action, Status, actions_from

UNLOCK_COOKIE = HANDLER_UNLOCK_COOKIE
RECEIPT_COOKIE = ANONYMOUS_KEPT_COOKIES[0]  # the key of the receipt code waiting for the receipt page
FORM_COOKIE = ANONYMOUS_KEPT_COOKIES[1]     # a random value per rendering of the report form: binds a repeat's code to the browser
UNLOCK_SESSION = "directline_unlock"
ROTATION_SECONDS = 20  # of re-sealing per request; the rest on the next click (or run the console command)


# --- the unlocked key -----------------------------------------------------------------------------
def unlock_seconds() -> int:
    """How long an unlock lasts (then the passphrase is asked again), however long the login lasts."""
    return int(getattr(settings, "JIANFU_DIRECTLINE_UNLOCK_SECONDS", 3600))


@sensitive_variables()   # the private key, the unlock cookie's key
def _remember(request, response, slot: HandlerSlot, private: bytes) -> None:
    session_key = sealing.random_key()
    request.session[UNLOCK_SESSION] = {
        "slot": slot.pk,
        "until": time.time() + unlock_seconds(),
        "blob": sealing.b64(sealing.wrap(private, key=session_key, aad=f"directline:session:{request.user.pk}")),
    }
    response.set_cookie(UNLOCK_COOKIE, sealing.b64(session_key), httponly=True, samesite="Strict",
                        secure=getattr(settings, "SESSION_COOKIE_SECURE", False), path="/directline/")


def _forget(request, response) -> None:
    request.session.pop(UNLOCK_SESSION, None)
    response.delete_cookie(UNLOCK_COOKIE, path="/directline/")


@sensitive_variables()   # the unlock cookie, the unsealed private key
def unlocked_private(request, slot: HandlerSlot) -> bytes | None:
    stored = request.session.get(UNLOCK_SESSION)
    cookie = request.COOKIES.get(UNLOCK_COOKIE)
    if not stored or not cookie or stored.get("slot") != slot.pk or stored.get("until", 0) < time.time():
        return None
    try:
        private = sealing.unwrap(sealing.unb64(stored["blob"]), key=sealing.unb64(cookie),
                                 aad=f"directline:session:{request.user.pk}")
    except (sealing.OpenError, KeyError, TypeError, ValueError):
        return None
    return private if selectors.private_key_matches(slot.county_key, private) else None


# --- the reporter (anonymous) ---------------------------------------------------------------------
def _origin_only_referrer(view):
    """The reporter's pages name no page of theirs in a Referer, not even to this site's /static/ (whose access log
    deploy.md keeps): the site-wide 'same-origin' policy would otherwise send the direct line's path with every asset
    request. Not 'no-referrer': browsers then send `Origin: null` with the form's POST, which Django's CSRF check
    refuses."""
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "strict-origin"
        return response
    return wrapped


def _public_context(**extra) -> dict:
    places = [(county, selectors.townships_of(county.code)) for county in selectors.counties_enabled()]
    return {"places": places, "categories": Category.choices, "max_files": MAX_ATTACHMENTS,
            "max_mb": MAX_ATTACHMENT_BYTES // 2**20, "max_text": services.MAX_TEXT, **extra}


@csrf_exempt  # only so the upload handlers can be set before the body is read: CSRF is checked below
@sensitive_post_parameters()   # a report's text, contact and form token never reach an error report
@never_cache
@_origin_only_referrer
def public_report(request):
    keep_uploads_in_memory(request)
    return _public_report(request)


@csrf_protect
@sensitive_variables()
def _public_report(request):
    """The report form; a successful POST redirects to the receipt page, which shows the code once (a double click's
    second POST, a twin of the first by its form token and content, is answered the same way within the sealed copy's
    window, and after it by a page saying the report was sent; the same token with other content is refused)."""
    context = _public_context(values={}, error=None, warning="", form_token=services.form_token_new())
    if request.method == "POST":
        values = request.POST
        context["values"] = values
        try:
            county_code, township_code = selectors.place_split(values.get("place", ""))
            _report, code, sent = services.report_submit_from_form(
                form_token=values.get("form_token", ""), browser=request.COOKIES.get(FORM_COOKIE, ""),
                county_code=county_code, township_code=township_code,
                category=values.get("category", ""), text=values.get("text", ""),
                attachments=files_named(request, "attachments"), send_anyway=values.get("send_anyway") == "on")
        except ApplicationError as exc:
            # the attachments are never refilled (fix30 #2)
            said = formtokens.on_file_form(exc, chosen=bool(request.FILES)).message
            context["error" if exc.code != "identifiers_found" else "warning"] = said
            return with_retry_after(render(request, "directline/public_report.html", context,
                                           status=exc.status_code), exc)
        if not code:  # a repeat after that window: the report was sent before and its code is not shown again
            return render(request, "directline/public_receipt.html", {"code": "", "repeated": True})
        return _to_receipt(code, repeated=not sent)
    response = render(request, "directline/public_report.html", context)
    # security17 #2: a repeat of this form's post is shown the receipt code again only with this cookie, so the same
    # body replayed from another browser (no cookie, or its own) is told the report was sent, never its code. New on
    # every rendering: back to the form (which re-fetches it) then 提交 shows no code either.
    response.set_cookie(FORM_COOKIE, services.form_token_new(), path=reverse("directline:public_report"),
                        httponly=True, samesite="Strict", secure=getattr(settings, "SESSION_COOKIE_SECURE", False))
    return response


def _to_receipt(code: str, *, repeated: bool):
    """Post/Redirect/Get: the form's answer is a redirect, so a reload of the receipt page re-submits nothing. The code
    waits server-side, sealed under a key held only in a cookie of that page that expires after RECEIPT_AGAIN_SECONDS
    (never in the URL). A double click's
    second answer (the one the browser shows) redirects the same way, the page saying the report was sent once."""
    response = redirect("directline:public_receipt")
    response.set_cookie(RECEIPT_COOKIE, services.receipt_handoff_put(code=code, repeated=repeated),
                        path=reverse("directline:public_receipt"), max_age=services.RECEIPT_AGAIN_SECONDS,
                        httponly=True, samesite="Strict", secure=getattr(settings, "SESSION_COOKIE_SECURE", False))
    return response


@never_cache
@_origin_only_referrer
@sensitive_variables()   # the receipt code in clear
def public_receipt(request):
    """The receipt code, shown once: the first view takes it; a reload says it was shown and how to follow up."""
    code, repeated = services.receipt_handoff_take(cookie=request.COOKIES.get(RECEIPT_COOKIE, "")) or ("", False)
    response = render(request, "directline/public_receipt.html",
                      {"code": code, "code_groups": code.split("-") if code else [], "repeated": repeated})
    response.delete_cookie(RECEIPT_COOKIE, path=reverse("directline:public_receipt"), samesite="Strict")
    return response


@csrf_exempt  # as public_report: CSRF is checked by _public_follow
@sensitive_post_parameters()   # the receipt code and a follow-up's text
@never_cache
@_origin_only_referrer
def public_follow(request):
    keep_uploads_in_memory(request)
    return _public_follow(request)


@csrf_protect
@sensitive_variables()
def _public_follow(request):
    """Follow a report by its receipt code (POSTed, never in a URL): status, questions, outcome, answer.

    No redirect after an answer (it would have to carry the code, and these pages have no session): the answer form
    carries a one-time token instead, so a refresh re-posting it sends nothing twice (N01, session 14)."""
    if request.method != "POST":
        return render(request, "directline/public_follow.html", {"opened": None, "error": None})
    code = request.POST.get("code", "")
    try:
        report, private = selectors.report_by_receipt(code=code)
    except ApplicationError as exc:
        return render(request, "directline/public_follow.html", {"opened": None, "error": exc.message},
                      status=exc.status_code)
    answer_error = warning = None
    sent = repeated = False
    if request.POST.get("answer") is not None:
        try:
            _message, sent = services.reporter_answer_from_form(
                form_token=request.POST.get("form_token", ""), report=report, text=request.POST.get("answer", ""),
                attachments=files_named(request, "attachments"), send_anyway=request.POST.get("send_anyway") == "on")
            repeated = not sent
        except ApplicationError as exc:
            if exc.code == "identifiers_found":
                warning = exc.message
            else:   # the attachments are never refilled (fix30 #2)
                answer_error = formtokens.on_file_form(exc, chosen=bool(request.FILES)).message
        report.refresh_from_db()
    opened = selectors.reporter_view(report=report, private=private)
    return render(request, "directline/public_follow.html", {
        "opened": opened, "code": code, "answer_error": answer_error, "warning": warning, "sent": sent,
        "repeated": repeated, "form_token": services.form_token_new(),
        "max_text": services.MAX_TEXT,
        "can_answer": report.status not in (Status.FINDING, Status.RULE, Status.REFERRED, Status.CLOSED),
        "answer_value": request.POST.get("answer", "") if (answer_error or warning) else "",
    }, status=400 if answer_error or warning else 200)


# --- handlers -------------------------------------------------------------------------------------
def _slot(request) -> HandlerSlot:
    return services.require_slot(request.user)


def report_list(request):
    if not request.user.is_authenticated:
        # newuser18 #1: /directline/ is the address people are told; an anonymous visitor is a reporter, not a
        # handler who forgot to log in, so they go to the report form, never the staff login.
        return redirect("directline:public_report")
    return _report_list(request)


@login_required
def _report_list(request):
    if services.active_slot(request.user) is None:
        # An account of the handlers' role that holds no key slot yet: the way in is an invitation code.
        services.require_handler_account(request.user)
        return redirect("directline:enrol")
    slot = _slot(request)
    status = request.GET.get("status", "")
    reports = selectors.report_list(user=request.user, status=status if status in Status.values else "")
    return render(request, "directline/report_list.html", {
        "reports": reports[:500], "statuses": Status.choices, "status": status, "slot": slot,
        "unlocked": unlocked_private(request, slot) is not None})


@login_required
@sensitive_variables()   # the private key and the clear text, here and in every frame it calls (security20 #3)
def report_detail(request, pk: int):
    return _detail_page(request, selectors.report_get(user=request.user, pk=pk))


@sensitive_variables()   # the private key and the opened report (also when report_act answers with it)
def _detail_page(request, report, *, error: str = "", failed: str = "", values=None, status: int = 200):
    """The report's page; after a refused action (`failed`), with its reason and what the handler typed, so that
    a note too long or a summary missing is corrected, not written again."""
    slot = _slot(request)
    private = unlocked_private(request, slot)
    opened = selectors.report_open(user=request.user, report=report, private=private) if private else None
    rules, issuer_names = [], []
    if Action.TO_FINDING in actions_from(report.status):
        # the units a burden may come from, as the monitor's ledger form offers them: the handler had to know a
        # code or a full name (newuser33 #3)
        from jianfu.monitor.selectors import unit_names

        issuer_names = unit_names(user=request.user)["issuer"]
    if Action.TO_RULE in actions_from(report.status):
        from jianfu.monitor.models import LedgerKind, Rule

        found = list(Rule.objects.filter(county_code__in=("", report.county_key.org_code), enabled=True)[:300])
        # mend33 #6: 25 rules in one select; grouped by the ledger each watches (发文, 会议, …), in the ledgers' order
        order = [kind.value for kind in LedgerKind]
        rules = [(LedgerKind(kind).label, [r for r in found if r.ledger == kind])
                 for kind in order if any(r.ledger == kind for r in found)]
    response = render(request, "directline/report_detail.html", {
        "report": report, "opened": opened, "actions": actions_from(report.status), "Action": Action,
        "rules": rules, "issuer_names": issuer_names, "error": error, "failed": failed, "values": values or {}, "max_text": services.MAX_TEXT,
        "max_summary": services.MAX_SUMMARY}, status=status)
    add_never_cache_headers(response)   # the opened text is in it: kept in no cache, also when it answers a post
    return response


@login_required
@sensitive_post_parameters()   # a handler's note and answer
@require_POST
@sensitive_variables()   # the private key, the handler's note and answer
def report_act(request, pk: int, action: str):
    report = selectors.report_get(user=request.user, pk=pk)
    post = request.POST
    # only with the key this session unlocked: a report is not handled unread (N10)
    key = {"actor": request.user, "report": report, "private": unlocked_private(request, _slot(request))}
    handlers = {
        Action.ACCEPT: lambda: services.report_accept(**key),
        Action.ASK: lambda: services.report_ask(**key, question=post.get("question", "")),
        Action.CLOSE: lambda: services.report_close(**key, note=post.get("note", "")),
        Action.REFER: lambda: services.report_refer(**key, note=post.get("note", "")),
        Action.TO_FINDING: lambda: services.report_to_finding(
            **key, issuer_code=post.get("issuer_code", ""), summary=post.get("summary", ""), note=post.get("note", "")),
        Action.TO_RULE: lambda: services.report_to_rule(**key, rule_id=post.get("rule", ""), note=post.get("note", "")),
    }
    if action not in handlers:
        raise ApplicationError(_("未知的操作。"), code="unknown_action")
    try:
        handlers[action]()
    except ApplicationError as exc:
        if exc.status_code != 400:
            raise
        return _detail_page(request, report, error=exc.message, failed=action, values=post, status=400)
    return redirect("directline:report_detail", pk=report.pk)


@login_required
@sensitive_variables()   # the private key and the attachment's clear content
def attachment_download(request, pk: int, attachment_pk: int):
    slot = _slot(request)
    report = selectors.report_get(user=request.user, pk=pk)
    private = unlocked_private(request, slot)
    if private is None:
        return redirect(f"{reverse('directline:unlock')}?next={reverse('directline:report_detail', args=[report.pk])}")
    attachment, content = selectors.attachment_open(user=request.user, report=report, private=private,
                                                    pk=attachment_pk)
    response = HttpResponse(content, content_type=attachment.content_type)
    response["Content-Disposition"] = f'attachment; filename="directline-{report.pk}-{attachment.pk}.{attachment.extension}"'
    response["Cache-Control"] = "no-store"
    return response


def _local_next(request: HttpRequest, target: str) -> str:
    """Where to go after unlocking: the direct line's page the handler came from, with its query (a list filtered by
    ?status=new stays filtered, newuser24 #2); anything else — another site, a scheme, "//host", a path outside
    /directline/ — goes to the list."""
    if (target.startswith("/directline/") and "\\" not in target
            and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                require_https=request.is_secure())):
        return target
    return reverse("directline:report_list")


@login_required
@sensitive_post_parameters()   # the passphrase
@never_cache
@sensitive_variables()   # the passphrase and the unsealed private key
def unlock(request):
    slot = _slot(request)
    error, status = None, 200
    if request.method == "POST":
        try:
            private = services.handler_unlock(actor=request.user, passphrase=request.POST.get("passphrase", ""))
        except ApplicationError as exc:
            error, status = exc.message, exc.status_code
        else:
            response = redirect(_local_next(request, request.POST.get("next", "")))
            _remember(request, response, slot, private)
            return response
    # a mistyped passphrase keeps the way back (the form posts it; the page is shown again)
    back = request.POST.get("next", "") if request.method == "POST" else request.GET.get("next", "")
    context = {"slot": slot, "error": error, "next": back}
    if settings.JIANFU_DEMO_LOGIN_NOTE:  # newuser18 #2: the demo only, as the login page's note (config/settings.py)
        from jianfu.directline.demo import DEMO_PASSPHRASE

        context["demo_passphrase"] = DEMO_PASSPHRASE
    return render(request, "directline/unlock.html", context, status=status)


@login_required
@require_POST
def lock(request):
    _slot(request)
    response = redirect("directline:report_list")
    _forget(request, response)
    return response


@login_required
@never_cache
@sensitive_variables()   # the private key (old and new on a rotation) and an invitation code
def handlers(request):
    """The county's designated handlers; an unlocked handler invites another county-office account."""
    slot = _slot(request)
    code = error = None
    User = get_user_model()
    rotated: tuple[HandlerSlot, bytes] | None = None
    reinvite: list[str] = []
    if request.method == "POST":
        private = unlocked_private(request, slot)
        try:
            if private is None:
                raise ApplicationError(_("请先解锁，才能邀请新的办理人。"), code="locked")
            if request.POST.get("rotate"):
                rotated, reinvite = _rotate(request, slot, private)
                slot = rotated[0]
            elif request.POST.get("revoke"):
                target = HandlerSlot.objects.filter(pk=request.POST.get("revoke"), county_key=slot.county_key).first()
                if target is None:
                    raise ApplicationError(_("找不到该办理人。"), code="not_found")
                services.handler_revoke(actor=request.user, slot=target)
            else:
                invitee = User.objects.filter(username=request.POST.get("username", "")).first()
                if invitee is None:
                    raise ApplicationError(_("找不到该账号。"), code="not_found", field="username")
                code = services.handler_invite(actor=request.user, private=private, user=invitee)
        except ApplicationError as exc:
            error = exc.message
    slots = HandlerSlot.objects.filter(county_key=slot.county_key).select_related("user")
    response = render(request, "directline/handlers.html", {
        "slots": slots, "code": code, "error": error, "slot": slot, "reinvite": reinvite,
        "rotation": rotation.running_rotation(slot.county_key.org_code)}, status=400 if error else 200)
    if rotated is not None:  # the session now holds the new key, under the new slot
        _remember(request, response, *rotated)
    return response


@sensitive_variables()
def _rotate(request, slot: HandlerSlot, private: bytes) -> tuple[tuple[HandlerSlot, bytes], list[str]]:
    """Start (or go on with) the county key's rotation for at most ROTATION_SECONDS of this request;
    the page then shows the progress and a button to go on (docs/directline.md, "Key rotation")."""
    reinvite: list[str] = []
    running = rotation.running_rotation(slot.county_key.org_code)
    if running is None:
        if not request.POST.get("confirm"):  # destroying the old key is never done on a bare POST
            raise ApplicationError(_("请勾选确认后再更换密钥。"), code="confirm", field="confirm")
        result = rotation.rotation_start(actor=request.user, private=private)
        running, private, reinvite = result.rotation, result.new_private, result.reinvite
    else:
        running = rotation.rotation_resume(actor=request.user, private=private)
    rotation.rotation_run(actor=request.user, rotation=running, new_private=private, seconds=ROTATION_SECONDS)
    return (services.require_slot(request.user), private), reinvite


@login_required
@sensitive_post_parameters()   # the one-time code and the new passphrase
@never_cache
@sensitive_variables()   # the one-time code and the new passphrase
def enrol(request):
    """An invited account sets its own passphrase with the one-time code."""
    services.require_handler_account(request.user)
    error = None
    if request.method == "POST":
        try:
            services.handler_enrol(actor=request.user, code=request.POST.get("code", ""),
                                   passphrase=request.POST.get("passphrase", ""))
        except ApplicationError as exc:
            error = exc.message
        else:
            return redirect("directline:unlock")
    return render(request, "directline/enrol.html", {"error": error}, status=400 if error else 200)


@login_required
def stats(request):
    quarters = selectors.closed_quarters(timezone.localdate())
    chosen = request.GET.get("q", "")
    start, end = quarters[0]
    for q_start, q_end in quarters:
        if chosen == q_start.isoformat():
            start, end = q_start, q_end
    result = selectors.statistics(user=request.user, start=start, end=end)
    return render(request, "directline/stats.html", {"stats": result, "quarters": quarters,
                                                     "chosen": start})
