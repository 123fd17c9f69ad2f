"""Shared view helpers: ApplicationError → a page or a form error; error pages."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path

from django.contrib import messages
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.shortcuts import render

from jianfu.core.errors import ApplicationError, field_messages, with_retry_after
from jianfu.core.queueing import enqueue_quietly


def form_error_from(form, exc: ApplicationError) -> None:
    """Attach a service's error to the form field it names (or to the form as a whole); an error naming several
    fields (`details["fields"]`, core.errors.field_messages) beside each of them."""
    for name, message in (exc.details.get("fields") or {exc.field: exc.message}).items():
        form.add_error(name if name in form.fields else None, message)


def form_status(*forms) -> int:
    """The status of a page showing `forms`: 400 when one comes back refused — a field's error, the form's own, or a
    service's refusal put on it (`form_error_from`, `form_conflict`) — else 200. A refused form is a 400, never a 200
    that looks like success to a script, a proxy's log or a test (ui30 #1; session 31, forms400). An unbound form
    (a GET) has no errors."""
    return 400 if any(form.errors for form in forms) else 200


def error_summary(form) -> list[str]:
    """A refused form's fields, each with its first error, in the form's order ("出生日期：…"): the summary at the top
    of a long form (`templates/includes/error_summary.html`). A refused person edit reloaded at the top with the one
    field's error ~1,000 px down on a phone and nothing said above it (rmend32 #6). The form's own errors (not a
    field's) are shown at the top already (`includes/form.html`) and are left out."""
    out = []
    for name, field in form.fields.items():
        errors = form.errors.get(name)
        if errors:
            out.append(f"{field.label or name}：{errors[0]}")
    return out


def form_conflict(form, exc: ApplicationError) -> None:
    """A save refused as stale (jianfu.core.versioning): the typing stays, the error says what changed, and the
    form now carries the record's current version, so saving again after checking is a deliberate overwrite."""
    form.add_error(None, exc.message)
    if "version" in exc.details and "version" in form.fields:
        form.data = form.data.copy()
        form.data["version"] = exc.details["version"]


def refused_typing(request, exc: ApplicationError, *, form: str, inputs: dict[str, str], names: Iterable[str] = (),
                   cut: int = 5000, lead: str = "") -> dict:
    """A refused button-form shown again with what it posted (forms400b; the one place since fix-cr31b): the page's
    context `typed` = {form: {name: value}} — each of `names` (else of `inputs`) the post carries, cut at `cut`
    characters (a bound on what the page echoes, above any input's own limit) — and `typed_error` = {"id", "message"}
    for `{% refused_attrs %}` / `{% refused_reason %}` (core.templatetags.refused). `inputs` maps the fields a
    service's refusal may name (`exc.field`) to their inputs' HTML ids.

    The refusal is shown once (fix-cr31b #2): beside the input it names, and nowhere else; a refusal that names none
    of the form's inputs (the state moved on, a lost race, a button with nothing typed) is the page's one message
    instead (`lead` before it) — after such a refusal the form may no longer be on the page.

    A refusal of several fields at once (`details["fields"]`, `core.errors.one_refusal`) puts each field's reason
    beside its own input (`typed_error["more"]` = {input id: reason}; dmend32 #2), the page opening at the first."""
    named = field_messages(exc)
    beside = {inputs[f]: str(m) for f, m in named.items() if inputs.get(f)}
    rest = "".join(str(m) for f, m in named.items() if not inputs.get(f)) if named else str(exc.message)
    if rest:
        messages.error(request, f"{lead}{rest}")
    values = {name: str(request.POST.get(name, ""))[:cut] for name in (names or inputs) if name in request.POST}
    first = next(iter(beside), "")
    refused: dict = {"id": first, "message": beside[first]} if first else {}
    if len(beside) > 1:
        refused["more"] = beside
    return {"typed": {form: values}, "typed_error": refused}


def render_refused(request, template: str, context: dict, *, status: int = 200) -> HttpResponse:
    """`render`, for a page that may show a refused form again (`typed_error`, `refused_typing`): when the input the
    reason names is not on the page — the form went with the state the refusal found (a referral answered meanwhile,
    an event sent on) — the reason becomes the page's message and the page is drawn again: shown once, never
    nowhere (fix-cr31b #2)."""
    response = render(request, template, context, status=status)
    refused = context.get("typed_error") or {}
    if refused.get("id") and f'id="{refused["id"]}"'.encode() not in response.content:
        messages.error(request, refused["message"])
        response = render(request, template, {**context, "typed_error": {"notes": refused.get("notes") or {}}},
                          status=status)
    return response


def run_move(request, move: Callable[[], object], *, back: HttpResponse, success: str = "",
             then: Callable[[], object] | None = None, gone: HttpResponse | None = None) -> HttpResponse:
    """A button's post that moves an object on (an import batch's 恢复 / 重新校验 / 移除 / 重新导入 …): run `move` (the
    service). Refused, its message is shown on `back` (a 403 or 404 is raised, to its own page); done, `then` runs
    (the task to queue), `success` (if any) is shown, and the page is `gone` (where the move removed the object) or
    `back`."""
    try:
        move()
    except ApplicationError as exc:
        if exc.status_code in (403, 404):
            raise
        messages.error(request, exc.message)
        return back
    if then is not None:   # the move has committed: a queue that is down is logged, never a 500 (ops28 #3)
        enqueue_quietly(then, what=f"the task that follows {request.path}",
                        recovery="the batch shows 已中断 once its lease passes, and can be done again from its page")
    if success:
        messages.success(request, success)
    return gone or back


def render_application_error(request, exc: ApplicationError):
    return with_retry_after(render(request, "error.html", {"message": exc.message, "status": exc.status_code},
                                   status=exc.status_code), exc)


@functools.cache
def _favicon() -> bytes:
    found = finders.find("favicon.ico")
    return Path(found if isinstance(found, str) else found[0]).read_bytes()


def favicon(request):
    """/favicon.ico, which browsers ask for wherever a page names no icon (a photo or a download opened on its own,
    older Safari, which cannot use the SVG icon): the red 减 of static/favicon.svg, drawn by scripts/make_favicon.py.
    It was a 404 on every such request (session 22, mend22a)."""
    response = HttpResponse(_favicon(), content_type="image/vnd.microsoft.icon")   # as static serving names it
    response["Cache-Control"] = "public, max-age=604800"
    return response


def healthz(request):
    """Liveness + database and cache reachability, for the load balancer and the operator's monitor. The cache is the
    task queue's Redis in production: with it down, every page that reads the cache answered 500 (27 of 100 pages)
    while this said ok (ops28 #4); now it answers 503 naming it."""
    from django.core.cache import cache
    from django.db import connection
    from django.http import JsonResponse

    from jianfu.core.queueing import QUEUE_ERRORS

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    try:
        cache.get("core:healthz")
    except QUEUE_ERRORS as exc:
        return JsonResponse({"status": "error", "database": "ok",
                             "cache": f"unreachable: {type(exc).__name__}: {exc}"[:300]}, status=503)
    return JsonResponse({"status": "ok"})


def _error(request, *, status: int, code: str, message: str):
    """The Chinese error page; under /api/ the API's one JSON error shape (jianfu.api.errors.error_body),
    so a URL no route matches answers an API client as the schema documents."""
    if request.path_info.startswith("/api/"):
        from django.http import JsonResponse

        return JsonResponse({"error": {"code": code, "message": message, "fields": {}}}, status=status,
                            json_dumps_params={"ensure_ascii": False})
    return render(request, "error.html", {"message": message, "status": status}, status=status)


def page_not_found(request, exception=None):
    # a citizen has no 管辖范围: to them an address nobody serves is only not found (tryout28 #2, /villages/abc/)
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return _error(request, status=404, code="not_found", message="找不到该页面。")
    return _error(request, status=404, code="not_found", message="找不到该页面，或不在您的管辖范围内。")


def post_only_address(request):
    """A GET on an address only a form posts to, with no page above it (jianfu.core.middleware.PostOnlyAddressMiddleware)."""
    from django.utils.translation import gettext as _

    return _error(request, status=405, code="method_not_allowed",
                  message=_("此地址只用于提交表单，不能直接打开。请返回上一页重新操作。"))


def permission_denied(request, exception=None):
    return _error(request, status=403, code="permission_denied", message="您无权访问该页面。")


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form posted from a page opened before a logout or a new login (a stale tab) — a Chinese page
    in the site's layout instead of Django's technical one. 返回 goes back in history, so the browser still has what
    was typed (jianfu.js then gives that page's forms the current token: submitting again works); the link opens
    the form afresh. Django's reason is not shown (it is technical); under /api/ the API's JSON error shape."""
    from django.utils.http import url_has_allowed_host_and_scheme

    if request.path_info.startswith("/api/"):
        return _error(request, status=403, code="csrf_failed", message="页面已过期，请刷新后重新提交。")
    referer = request.META.get("HTTP_REFERER", "")
    try:
        host = request.get_host()
    except Exception:  # noqa: BLE001 - a disallowed host: no referer to trust
        host = None
    same_site = bool(host) and url_has_allowed_host_and_scheme(referer, allowed_hosts={host},
                                                              require_https=request.is_secure())
    return render(request, "csrf_failure.html", {"reload_url": referer if same_site else request.path}, status=403)


def server_error(request):
    """Django's last word on an exception nothing else answered. SQLite's "database is locked" raised outside a view
    (the session saved after a login, in the middleware) is the busy answer too, not a 500 (the diff review's D9)."""
    import sys

    exception = sys.exc_info()[1]
    if exception is not None and is_database_locked(exception):
        return busy(request)
    return _error(request, status=500, code="server_error", message="服务器出错了，已记录，请稍后再试。")


def is_database_locked(exception: BaseException) -> bool:
    from django.db import OperationalError

    return isinstance(exception, OperationalError) and "database is locked" in str(exception)


def busy(request):
    """A writer waited past SQLite's busy timeout (config/database.py): nothing was done, and trying again in a moment
    works — 503 with Retry-After, the page or, under /api/, the API's JSON error shape."""
    import logging

    logging.getLogger("jianfu.core").warning("database is locked: %s %s answered 503", request.method, request.path)
    response = _error(request, status=503, code="busy",
                      message="系统正忙（有人正在写入大量数据），本次操作没有完成。请稍等几秒后重试。")
    response["Retry-After"] = "5"
    return response
