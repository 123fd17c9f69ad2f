"""Thin HTML views of 网格通: parse → service/selector → render. Every query is scoped in selectors."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import time
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jianfu.accounts.roles import Capability, Role
from jianfu.accounts.scoping import scope_for
from jianfu.core import formtokens, ratelimits
from jianfu.core.decorators import found_by, page_access
from jianfu.core.downloads import XLSX, download_response
from jianfu.core.errors import ApplicationError, NotFoundError, PermissionDeniedError, field_messages
from jianfu.core.middleware import client_network_key
from jianfu.core.throttling import anonymous_reads_throttled
from jianfu.core.thumbnails import photo_response, thumbnail_response
from jianfu.core.uploads import files_named
from jianfu.core.views import refused_typing, render_refused
from jianfu.dispatch import access, catalogue, deadlines, heldphotos, metrics, selectors, services
from jianfu.dispatch.models import (
    CatalogueVersion,
    Event,
    EventPhoto,
    ExtensionRequest,
    GrassrootsRole,
    Matter,
    Source,
    Urgency,
    WhistleSummons,
)
from jianfu.dispatch.photos import MAX_PHOTO_BYTES, MAX_PHOTOS, decoded_pixels
from jianfu.dispatch.workflow import OPEN_STATUSES, Action, Status, actions_from
from jianfu.orgs.codes import subtree_q
from jianfu.orgs.models import OrgUnit, UnitKind
from jianfu.orgs.names import bare_name
from jianfu.orgs.selectors import place_names
from jianfu.orgs.templatetags.orgs import unit_name

logger = logging.getLogger(__name__)

PUBLIC_FILING_LIMIT = 10        # public reports filed per address per hour
PUBLIC_POST_LIMIT = 30          # public report posts per address per hour, filed or refused (security22, cr22c #2)
PUBLIC_RATE_WINDOW = 3600
# photo pixels decoded per address per hour, in megapixels (security23 F7): six 12.6 Mpx PNGs cost 0.7–2 s CPU even
# cleaned well, so ~5 such posts an hour; ten posts of six photos a browser shrank to 2560×1920 (29.5 Mpx) still fit
PUBLIC_MEGAPIXEL_LIMIT = 400


def _back(request, event):
    return redirect("dispatch:event_detail", pk=event.pk)


# The inputs of the event page's action forms, by view and by the field a service's refusal names: a refused action
# comes back with its typing in them and the reason beside the named one (forms400b); a refusal that names none of
# them (a status that moved on) is the page's message, the form perhaps gone (fix-cr31b).
_ACTION_INPUTS: dict[str, dict[str, str]] = {
    "event_dispatch": {"department": "id_department", "matter_code": "id_matter", "note": "id_dnote"},
    "event_merge": {"into": "id_into"},
    "event_extension_decide": {"note": "id_xnote"},
    "event_resolve": {"resolution": "id_resolution", "unreported_reason": "id_unreported", "photos": "id_rphotos"},
    "event_extension_request": {"reason": "id_xreason", "workdays": "id_xdays"},
    "event_transfer": {"reason": "id_treason", "department": "id_tdept"},
    "event_assist": {"note": "id_anote", "department": "id_adept"},
    "event_return": {"reason": "id_reason"},
    "event_feedback": {"score": "id_fscore", "comment": "id_fcomment"},
    "event_reopen": {"reason": "id_rreason"},
    "event_rate": {"score": "id_rscore", "comment": "id_rcomment", "department": "id_rdept"},
    "event_whistle": {"reason": "id_wreason", "departments": "id_wdepts", "checkin_hours": "id_whours"},
}
# what an action's form posts that is typed or chosen (kept on a refusal, each value cut at 5000 characters: a bound
# on what the page echoes, not any input's own length — the service's refusal names that)
_TYPED_NAMES = ("note", "into", "resolution", "unreported_reason", "workdays", "reason", "department_code",
                "matter_code", "score", "comment", "part")


def _refused_typing(request, form: str, exc: ApplicationError, *, inputs: dict[str, str] | None = None) -> dict:
    """What a refused action's form posted and where its reason goes (core.views.refused_typing: beside the input it
    names, else the page's message), for the event page shown again."""
    inputs = _ACTION_INPUTS.get(form, {}) if inputs is None else inputs
    refused = refused_typing(request, exc, form=form, inputs=inputs, names=_TYPED_NAMES)
    # photos chosen are never refilled: a form with a photo input (the 办结) says so beside it (ui31)
    note = formtokens.not_kept(exc, chosen=bool(request.FILES))
    if note and "photos" in inputs:
        refused["typed_error"]["notes"] = {inputs["photos"]: note}
    return refused


def _soft_errors(view):
    """POST actions: a business error (400/409) shows the event page again, a 400 (409), with the refused form as it
    was typed and the reason beside it — not a redirect that lost the typing (forms400b); a refusal (403/404)
    propagates to the error page with its status."""

    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except ApplicationError as exc:
            if exc.status_code in (400, 409) and "pk" in kwargs:
                exc = formtokens.on_file_form(exc, chosen=bool(request.FILES))   # an expired form: choose again
                event = selectors.event_get(user=request.user, pk=kwargs["pk"])
                return _event_page(request, event, status=exc.status_code,
                                   **_refused_typing(request, view.__name__, exc))
            raise

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


# ---------------------------------------------------------------------------------------------
# lists


@page_access(found_by(lambda *, user: None))
@login_required
def event_list(request):
    status = request.GET.get("status", "")
    filters = _list_filters(request)
    qs = selectors.event_list(user=request.user, **filters)
    # by the time reported, newest first (newuser24 #3: by id, the citizens' and Open311 reports dated back by the demo
    # — and any imported late — came before newer events)
    qs = qs.order_by("-created_at", "-id")
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    names = _names({e.org_code for e in page} | {e.department_code for e in page if e.department_code})
    return render(request, "dispatch/event_list.html", {
        "page": page, "names": names, "statuses": Status.choices, "status": status,
        "q": request.GET.get("q", ""), "overdue": request.GET.get("overdue") == "1", "now": timezone.now(),
        "department": access.department_code(request.user), "mine": bool(filters["department_code"]),
        "extension_pending": filters["extension_pending"], "due_soon": filters["due_soon"],
        "can_approve_extensions": access.can(request.user, Capability.RATE_DEPARTMENTS),
        "can_report": access.can(request.user, Capability.EVENT_REPORT) or access.can(request.user, Capability.DISPATCH),
        "can_export": True, "title": _("事件列表"), "export_query": _list_query(request)})


def _list_filters(request) -> dict:
    """The event list's filters as the selector takes them — the list and its 导出 Excel read the same ones (tryout28
    #7: the export was every event whatever the list showed)."""
    status = request.GET.get("status", "")
    # 只看本部门承办 (newuser32a #1): a department also sees the events it was summoned to (吹哨), another department's
    # to handle; its workbench counts only its own, so the lists those counts open say mine=1 as well
    dept = access.department_code(request.user) if request.GET.get("mine") == "1" else ""
    return {"status": status if status in Status.values else None, "overdue": request.GET.get("overdue") == "1",
            "q": request.GET.get("q", "")[:100], "extension_pending": request.GET.get("extension") == "pending",
            "department_code": dept or None, "due_soon": request.GET.get("soon") == "1"}


def _list_query(request) -> str:
    """The filters in force, as the export link's query (only the list's own, checked)."""
    f = _list_filters(request)
    return urlencode({k: v for k, v in (("status", f["status"] or ""), ("q", f["q"]),
                                        ("overdue", "1" if f["overdue"] else ""),
                                        ("extension", "pending" if f["extension_pending"] else ""),
                                        ("soon", "1" if f["due_soon"] else ""),
                                        ("mine", "1" if f["department_code"] else "")) if v})


@login_required
def queue(request):
    access.require(request.user, Capability.DISPATCH)
    qs = selectors.event_list(user=request.user, queue=True)
    suspected = selectors.event_list(user=request.user, statuses=OPEN_STATUSES).filter(
        suspected_duplicate_of__isnull=False)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    reasons = selectors.queue_reasons(page, user=request.user)
    names = _names({e.org_code for e in page} | {r["department_code"] for r in reasons.values()})
    for r in reasons.values():
        r["department"] = names.get(r["department_code"], r["department_code"]) if r["department_code"] else ""
    return render(request, "dispatch/queue.html", {"page": page, "names": names, "suspected": suspected[:50],
                                                   "now": timezone.now(), "reasons": reasons})


def _names(codes) -> dict[str, str]:
    """Units' names as places are shown: a grid with its village (newuser22 #2), a department by its name."""
    return place_names(codes)


@login_required
def events_export(request):
    qs = selectors.event_list(user=request.user, **_list_filters(request))[:20000]
    data = metrics.events_export_xlsx(list(qs), hide_identity=bool(access.department_code(request.user)))
    return _xlsx(data, f"事件清单-{timezone.localdate():%Y%m%d}.xlsx")


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    return download_response(data, filename, XLSX)


# ---------------------------------------------------------------------------------------------
# reporting


def _report_places(user) -> list[OrgUnit]:
    scope = scope_for(user)
    qs = OrgUnit.objects.filter(kind__in=[UnitKind.VILLAGE, UnitKind.GRID], is_active=True)
    if not scope.is_all:
        qs = qs.filter(subtree_q(scope.prefix, "code"))
    units = list(qs.order_by("code")[:2000])
    # a grid's name repeats in every village (第一网格): said with its village's name, never with its code
    villages = {u.code: u.name for u in units if u.kind == UnitKind.VILLAGE}
    for unit in units:
        village = villages.get(unit.code[:12]) if unit.kind == UnitKind.GRID else None
        said = village and bare_name(village) in unit.name      # 曲木村第一网格 names its village
        unit.label = f"{village} · {unit.name}" if village and not said else unit.name   # type: ignore[attr-defined]
    return units


def _report_kwargs(request, *, source: str) -> dict:
    p = request.POST
    return {"text": p.get("text", ""), "org_code": p.get("org_code", ""), "source": source,
            "matter_code": p.get("matter_code") or None, "latitude": p.get("latitude") or None,
            "longitude": p.get("longitude") or None, "urgency": p.get("urgency", Urgency.NORMAL),
            "address": p.get("address", ""), "photos": files_named(request, "photos", photos=True),
            "reporter_name": p.get("reporter_name", ""), "reporter_contact": p.get("reporter_contact", "")}


def _matters_for(county_code: str):
    return selectors.matter_list_active(county_code=county_code) if county_code else Matter.objects.none()


@login_required
def event_report(request):
    user = request.user
    if not (access.can(user, Capability.EVENT_REPORT) or access.can(user, Capability.DISPATCH)):
        raise PermissionDeniedError(_("您的角色不能上报事件。"))
    places = _report_places(user)
    source = {Role.GRID: Source.GRID, Role.VILLAGE: Source.VILLAGE, Role.TOWNSHIP: Source.TOWN}.get(user.role, Source.TOWN)
    error = None
    values = request.POST if request.method == "POST" else {}
    held: dict = {}
    if request.method == "POST":
        token, kept, held_uploads = _held_photos(request)
        try:   # a file dropped for its name (`files_named`) is refused like any other mistake: the form again
            kwargs = _report_kwargs(request, source=source)
            kwargs["reporter_name"] = ""
            kwargs["photos"] = [*held_uploads, *kwargs["photos"]]
            event, filed = services.event_report_from_form(actor=user, form_token=formtokens.posted(request.POST),
                                                           **kwargs)
        except ApplicationError as exc:
            if exc.status_code in (403, 404):
                raise
            error = exc
            kept = heldphotos.drop_undecodable(request, kept, held_uploads)
            held = _hold_photos(request, token, kept, error=exc, account=user.pk)
        else:
            heldphotos.release(kept)
            _tell_dropped(request, token)
            if filed:
                messages.success(request, _("事件 %(n)s 已上报。") % {"n": event.number})
            else:   # the same form posted again (back then 提交, a double click): its event, not a second one
                messages.info(request, _("事件 %(n)s 已经上报过，没有重复上报。") % {"n": event.number})
            # the event page offers the next report (newuser32a #3: three reports in a row went ☰ → 上报事件 each time)
            return redirect(reverse("dispatch:event_detail", args=[event.pk]) + "?reported=1")
    county = (places[0].code[:6].ljust(12, "0")) if places else ""
    return render(request, "dispatch/report_form.html", {
        "places": places, "matters": _matters_for(county), "error": error, "field_errors": field_messages(error),
        "values": values,
        "urgencies": Urgency.choices, "max_photos": MAX_PHOTOS, "max_mb": MAX_PHOTO_BYTES // 2**20, "public": False,
        "form_token": formtokens.token_new(), **held},
        status=400 if error else 200)


def _held_photos(request) -> tuple[str, list, list]:
    """The holding the post names, this session's photos held in it (less those ticked 移除, let go now) and their
    uploads, to be put ahead of the post's new photos (newuser23 #1: a refused post kept none of its photos)."""
    token = heldphotos.token_of(request.POST)
    kept = heldphotos.kept(request, token, drop=request.POST.getlist(heldphotos.DROP))
    return token, kept, heldphotos.uploads(kept)


def _hold_photos(request, token: str, kept: list, *, error: ApplicationError | None = None,
                 new: bool = True, account: int | None = None) -> dict:
    """What the refused form shows of its photos: those held before and this post's that pass their checks (kept
    now, `new`), and the refusal of each that did not — the one the error already names said once — after the held
    photos dropped as undecodable since last shown (security24 M1). A staff form's are capped per `account`, the
    citizens' form's per session and per address (security24 L1)."""
    if not new:
        problems = []
    elif account is not None:
        problems = heldphotos.hold(request, token, request.FILES.getlist("photos"), before=len(kept),
                                   account=account)
    else:
        problems = heldphotos.hold(request, token, request.FILES.getlist("photos"), before=len(kept),
                                   address=client_network_key(request))
    held = heldphotos.kept(request, token)
    said = str(error.message) if error is not None else ""
    return {"held": held, "held_token": token, "held_room": max(MAX_PHOTOS - len(held), 0),
            "held_problems": [*heldphotos.dropped(request, token), *(p for p in problems if p != said)]}


def _tell_dropped(request: HttpRequest, token: str) -> None:
    """After a post that filed: the held photos dropped as undecodable (by their preview) that it could not attach,
    named on the next page (security24 M1)."""
    for note in heldphotos.dropped(request, token):
        messages.warning(request, note)


def _public_places() -> list[OrgUnit]:
    counties = CatalogueVersion.objects.filter(state=CatalogueVersion.State.PUBLISHED).values_list("org_code", flat=True)
    q = Q(pk__in=[])
    for county in set(counties):
        q |= subtree_q(county[:6], "code")
    return list(OrgUnit.objects.filter(q, kind=UnitKind.VILLAGE, is_active=True).order_by("code")[:3000])


def _public_towns(places: list[OrgUnit]) -> list[dict]:
    """The villages grouped under their townships, for the township → village picker."""
    towns = dict(OrgUnit.objects.filter(code__in={p.code[:9].ljust(12, "0") for p in places})
                 .values_list("code", "name"))
    grouped: dict[str, dict] = {}
    for p in places:
        code = p.code[:9].ljust(12, "0")
        grouped.setdefault(code, {"code": code, "name": towns.get(code, code), "villages": []})["villages"].append(p)
    return list(grouped.values())


def _public_form(request, *, error=None, values=None, status=200, village: str = "", held=None):
    """`village` (a village's public page links with `?village=<code>`) opens the form with that village and its
    township chosen, when it is one the form offers; anything else opens it with nothing chosen."""
    from django.conf import settings

    places = _public_places()
    if values is None and any(p.code == village for p in places):
        values = {"town": village[:9].ljust(12, "0"), "org_code": village}
    map_center = None
    if settings.JIANFU_MAP_TILE_URL:  # the map opens over the villages' points (or the whole country)
        from django.db.models import Avg

        from jianfu.dispatch.models import UnitLocation

        mean = UnitLocation.objects.filter(org_code__in=[p.code for p in places]).aggregate(
            lat=Avg("latitude"), lon=Avg("longitude"))
        map_center = ((float(mean["lat"]), float(mean["lon"]), 11) if mean["lat"] is not None
                      else (35.0, 105.0, 4))
    return render(request, "dispatch/public_report.html", {
        "places": places, "towns": _public_towns(places), "error": error, "field_errors": field_messages(error),
        "values": values or {},
        "urgencies": Urgency.choices, "max_photos": MAX_PHOTOS, "max_mb": MAX_PHOTO_BYTES // 2**20,
        "map_tiles": settings.JIANFU_MAP_TILE_URL, "map_center": map_center,
        "form_token": services.form_token_new(), **(held or {})}, status=status)


_FILED_HERE = "dispatch:public_filed"


def _public_key(request: HttpRequest, what: str, hour: int) -> str:
    """The client's counter of `what` for clock hour `hour`. A key per hour that lives two (cr22c #1): one key that
    expired between Redis's EXISTS and INCR (Django's `incr`) came back without a TTL, the address spent for good. The
    client is `client_network_key`'s: an IPv6 client by its /64 (security23 F1: 40 addresses of one /64 filed 40)."""
    return f"dispatch:public_{what}:{client_network_key(request)}:{hour}"


def _hourly_take(request: HttpRequest, what: str, limit: int, amount: int = 1) -> str | None:
    """Take `amount` of the client's `limit` of `what` an hour: the key taken on (to give back with `_give_back`),
    or None — nothing taken — when the last hour is spent (ops29 #1: one rule, `jianfu.core.ratelimits`). With the
    cache unreachable it raises `ratelimits.LimitUnavailable`, nothing taken (failing closed; the callers answer 503
    with Retry-After, not the 429 that blamed the user: fix-cr29 #1). The last hour is a sliding window's estimate
    (security23 F2: a fixed clock hour let 20 filings through in the 1.5 s across hh:59:59 → hh+1:00:00): this
    hour's count, plus the previous hour's weighted by the share of it still inside the last 60 minutes. Taken with
    `incr` first and given back when over, so posts sent at once never pass the limit together. Every allowance of
    the public form is taken here — posts, filings, look-ups, the megapixels its photos decode (held24 #4: those
    counted per clock hour) — one rule."""
    # this module's `time` and `cache`: the tests pin the hour (`public_hour`) and pause the counter (mend23a #5)
    hour, into = ratelimits.window_of(PUBLIC_RATE_WINDOW, time.time())
    key = _public_key(request, what, hour)
    if not ratelimits.take(key, limit, PUBLIC_RATE_WINDOW, amount=amount,
                           previous=_public_key(request, what, hour - 1), into=into, store=cache):
        return None
    return key


def _give_back(key: str) -> None:
    """Give back the one filing reserved on `key` (a post refused, or a form posted before)."""
    ratelimits.give_back(key, 1, PUBLIC_RATE_WINDOW, store=cache)


def _unavailable(response: HttpResponse) -> HttpResponse:
    """`response` (a 503: the cache that counts the public allowances is unreachable) with its Retry-After."""
    response["Retry-After"] = str(ratelimits.RETRY_AFTER)
    return response


def _public_unavailable(request: HttpRequest, token: str, kept: list) -> HttpResponse:
    """The form again, 503, when its allowances cannot be counted (fix-cr29 #1): what was typed, and the photos held
    before, are on the page; the photos chosen in this post are not (they are not cleaned while nothing can count
    their megapixels, and a file input cannot be refilled), so the message says so when the post brought any."""
    if request.FILES.getlist("photos"):
        message = _("系统暂时无法受理提交，请几分钟后再试（您填写的文字仍保留在页面上，本次选择的照片需要重新选择）。")
    else:
        message = _("系统暂时无法受理提交，请几分钟后再试（您填写的内容仍保留在页面上）。")
    return _unavailable(_public_form(request, error=ApplicationError(message, code="unavailable"),
                                     values=request.POST, status=503,
                                     held=_hold_photos(request, token, kept, new=False)))


def _public_allowance(request: HttpRequest) -> str | None:
    """Count this post against its client's hourly allowances before any of its work: the filing key it reserved
    one filing on, to give back unless the post files; None when the client is past one. Every post counts, refused
    or filed, up to PUBLIC_POST_LIMIT (security22 #1: a post refused after its photos were decoded could be repeated
    without end); filings up to PUBLIC_FILING_LIMIT, so a citizen fixing the form's mistakes keeps their 10 (cr22c #2)."""
    if _hourly_take(request, "posts", PUBLIC_POST_LIMIT) is None:
        return None
    return _hourly_take(request, "filings", PUBLIC_FILING_LIMIT)


def _public_pixels(request: HttpRequest, photos: Sequence[Any]) -> bool:
    """Charge the megapixels that cleaning `photos` decodes (`photos.decoded_pixels`, from their headers) against the
    address's allowance, before any is decoded; False, nothing charged, when it is past PUBLIC_MEGAPIXEL_LIMIT.
    `photos` are all a post brings to be cleaned: its new files and the held photos it attaches (held24 #5: those were
    decoded free, so a holding re-attached to posts refused at their last photo cost nothing)."""
    megapixels = -(-decoded_pixels(photos) // 1_000_000)
    return not megapixels or _hourly_take(request, "megapixels", PUBLIC_MEGAPIXEL_LIMIT, megapixels) is not None


@anonymous_reads_throttled
def public_report(request):
    """The citizens' form: no login, rate-limited per address, identity can be withheld. The place
    is chosen township → village (nothing preselected, unless a village page links with ?village=) or found from the phone's location."""
    if request.method != "POST":
        return _public_form(request, village=request.GET.get("village", ""))
    values = request.POST
    try:
        filings = _public_allowance(request)
    except ratelimits.LimitUnavailable:   # nothing counted, nothing of this post read or kept (fix-cr29 #1)
        return _public_unavailable(request, heldphotos.token_of(request.POST), [])
    if filings is None:   # nothing of this post is read or kept; what was held before stays shown
        token = heldphotos.token_of(request.POST)
        return _public_form(request, error=ApplicationError(_("提交过于频繁，请一小时后再试。")), values=values,
                            status=429, held=_hold_photos(request, token, [], new=False))
    # the held photos this post attaches (less those ticked 移除) are cleaned with its new ones: charged with them
    token, kept, held_uploads = _held_photos(request)
    try:
        pixels = _public_pixels(request, [*held_uploads, *request.FILES.getlist("photos")])
    except ratelimits.LimitUnavailable:
        _give_back(filings)   # quiet while the cache is down
        return _public_unavailable(request, token, kept)
    if not pixels:
        _give_back(filings)
        return _public_form(request, error=ApplicationError(_("一小时内上传的照片过多，请一小时后再试，或先不附照片提交。")),
                            values=values, status=429, held=_hold_photos(request, token, kept, new=False))
    filed = False
    try:   # inside: a refusal of the post's files (`files_named`) gives its reserved filing back too (codereview23 #1)
        kwargs = _report_kwargs(request, source=Source.CITIZEN)
        kwargs["photos"] = [*held_uploads, *kwargs["photos"]]
        kwargs["withhold_identity"] = request.POST.get("withhold_identity") == "on"
        kwargs["matter_code"] = None
        event, filed = services.event_report_from_form(actor=None, form_token=formtokens.posted(request.POST),
                                                       filed_here=request.session.get(_FILED_HERE, []), **kwargs)
    except ApplicationError as exc:
        # the photos that pass are kept for the corrected post (newuser23 #1); this post was counted against the
        # address's allowance before any of its work, and what the address may hold at once is capped
        kept = heldphotos.drop_undecodable(request, kept, held_uploads)
        return _public_form(request, error=exc, values=values, status=400,
                            held=_hold_photos(request, token, kept, error=exc))
    finally:
        if not filed:   # refused, or a form posted before: its reserved filing given back
            _give_back(filings)
    heldphotos.release(kept)
    _tell_dropped(request, token)
    if not filed:  # this form was posted before (back, then 提交 again): its case, not a second one
        messages.info(request, _("这份反映已经提交过，受理编号 %(n)s，没有重复受理。如要反映另一件事，请重新打开反映页面。")
                      % {"n": event.case_number})
        if event.pk in request.session.get(_FILED_HERE, []):
            return redirect("dispatch:public_track", token=event.feedback_token)
        # not filed from this browser session (a kiosk, a borrowed phone: the next person's back + 提交):
        # the case number only, never the first citizen's case page and its rate/reopen powers
        return redirect("dispatch:public_report")
    # the cases this browser session filed (the session ends with the browser): only these reopen on a replay
    request.session[_FILED_HERE] = [*request.session.get(_FILED_HERE, [])[-19:], event.pk]
    return redirect("dispatch:public_track", token=event.feedback_token)


@anonymous_reads_throttled
def public_nearest(request):
    """The village nearest to a phone's location, among the villages of the public form that have a
    reference point; says so when none has one (JSON for the form's script)."""
    from django.http import JsonResponse

    from jianfu.dispatch.geo import nearest_village

    try:
        lat, lon = float(request.GET.get("lat", "")), float(request.GET.get("lon", ""))
    except ValueError:
        return JsonResponse({"found": False, "message": _("无法识别当前位置。")}, status=400)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return JsonResponse({"found": False, "message": _("无法识别当前位置。")}, status=400)
    places = _public_places()
    hit = nearest_village(lat, lon, [p.code for p in places])
    if hit is None:
        return JsonResponse({"found": False, "message": _("本县的村（社区）尚未登记位置坐标，请手动选择乡镇和村。")})
    code, km = hit
    name = next(p.name for p in places if p.code == code)
    if km > 30:
        return JsonResponse({"found": False, "message": _("您当前的位置不在本平台受理的区域内，请手动选择。")})
    return JsonResponse({"found": True, "code": code, "town": code[:9].ljust(12, "0"), "name": name,
                         "km": round(km, 1), "message": _("已按当前位置选中：%(n)s（约 %(k).1f 公里）。请核对。")
                         % {"n": name, "k": km}})


@anonymous_reads_throttled
def public_lookup(request):
    """12345-style look-up: the case number and the phone left with the report (or its 查询码, for a
    report that left no phone) → its progress page. The same answer for a wrong number, a wrong phone
    and a wrong code; attempts limited per address."""
    from django.conf import settings

    from jianfu.dispatch.cases import case_lookup

    error, status = "", 200
    values = request.POST if request.method == "POST" else {}
    if request.method == "POST":
        # per client (an IPv6 client by its /64) and sliding hour, as the report form's (security23 F1, F2)
        try:
            allowed = _hourly_take(request, "lookups", settings.JIANFU_CASE_LOOKUP_PER_HOUR) is not None
        except ratelimits.LimitUnavailable:   # cannot count: refused, not the user's fault (fix-cr29 #1)
            return _unavailable(render(request, "dispatch/public_lookup.html", {
                "error": _("系统暂时无法查询，请几分钟后再试。"), "values": values}, status=503))
        if not allowed:
            error, status = _("查询过于频繁，请一小时后再试。"), 429
        else:
            # the phone, or (a report that left none) the 查询码 typed in its own field
            secret = request.POST.get("phone", "").strip() or request.POST.get("code", "")
            event = case_lookup(number=request.POST.get("number", ""), phone=secret,
                                contact_purpose=services.CONTACT_PURPOSE)
            if event is not None:
                return redirect("dispatch:public_track", token=event.feedback_token)
            error, status = _("没有找到与该受理编号和手机号码（或查询码）相符的记录，请核对后再试。"), 404
    return render(request, "dispatch/public_lookup.html", {"error": error, "values": values}, status=status)


@anonymous_reads_throttled
def public_track(request, token: str):
    """What a citizen sees of their report (by the secret link), and where they rate or reopen it."""
    event = selectors.event_get_by_token(token=token)
    status, refused = 200, {}
    if request.method == "POST":
        reopen = request.POST.get("action") == "reopen"
        try:
            if reopen:
                services.event_reopen(actor=None, event=event, reason=request.POST.get("reason", ""), token=token)
                messages.success(request, _("已重新提交办理。"))
            else:
                services.event_feedback(actor=None, event=event, score=request.POST.get("score"),
                                        comment=request.POST.get("comment", ""), token=token)
                messages.success(request, _("感谢您的评价。"))
        except ApplicationError as exc:
            if exc.status_code in (403, 404):
                raise
            # the page again, a 400 (409), with what the citizen typed and the reason beside it: a redirect lost the
            # 评价's words and the 重新办理's reason (forms400b), the reason shown once (fix-cr31b)
            status = exc.status_code
            refused = refused_typing(request, exc, form="reopen" if reopen else "feedback",
                                     inputs={"reason": "id_reason"} if reopen else {"score": "id_score",
                                                                                   "comment": "id_comment"})
            event = selectors.event_get_by_token(token=token)
        else:
            return redirect("dispatch:public_track", token=token)
    timeline = list(selectors.event_timeline(event=event, public_only=True))
    reopened = next((t for t in reversed(timeline) if t.action == Action.REOPEN), None) if event.is_open else None
    from jianfu.dispatch.cases import lookup_code

    code = lookup_code(event.feedback_token)
    return render_refused(request, "dispatch/public_track.html", {
        "event": event, "timeline": timeline, "reopened": reopened, "lookup_code": f"{code[:4]} {code[4:]}",
        "left_contact": bool(event.reporter_contact_cipher),
        "public_status": selectors.event_public_status(event), "department": _names([event.department_code]).get(
            event.department_code, ""), "typed": {}, "typed_error": {}, **refused}, status=status)


# ---------------------------------------------------------------------------------------------
# detail and transitions


def _whistle_groups(departments: list, matter) -> list[tuple[str, list]]:
    """The county's departments for 吹哨 as (heading, departments) groups: the ones the catalogue names for the event's
    matter (lead, then cooperating, in the catalogue's order) under 事项目录所列部门, the others under 其他部门; one group
    without a heading when the event has no matter or the catalogue names none of the county's departments."""
    by_code = {d.code: d for d in departments}
    named = [] if matter is None else [by_code[c] for c in dict.fromkeys([matter.department_code,
                                                                          *(matter.cooperating_codes or [])])
                                       if c in by_code]
    if not named:
        return [("", departments)]
    return [(_("事项目录所列部门"), named), (_("其他部门"), [d for d in departments if d not in named])]


def _event_page_access(request: HttpRequest, pk: int) -> bool:
    """Whether the account gets the event page (`event_detail`) — `event_get`'s check alone, for the POST-only
    addresses under it (security22 #2: the page itself marks the event seen)."""
    if not request.user.is_authenticated:
        return False
    selectors.event_get(user=request.user, pk=pk)   # raises the page's refusal
    return True


# The department's moves on its own event that the event page's 办理 card offers.
_HANDLING = (Action.ACCEPT, Action.START, Action.RESOLVE, Action.EXTEND_REQUEST, Action.TRANSFER, Action.ASSIST,
             Action.RETURN)


@page_access(_event_page_access)
@login_required
def event_detail(request, pk: int):
    event = selectors.event_get(user=request.user, pk=pk)
    services.event_seen_by_reporter(actor=request.user, event=event)   # its news leaves the reporter's workbench (U03)
    return _event_page(request, event)


def _event_page(request, event: Event, *, status: int = 200, typed: dict | None = None,
                typed_error: dict | None = None, whistle_typed: dict | None = None) -> HttpResponse:
    """The event page; after a refused action (`status` 400 or 409), its form as typed (`typed`: {view name: {field:
    value}}; a 吹哨's ticks, 事由 and hours in `whistle_typed`) and the reason beside the input `typed_error["id"]`
    names (forms400b)."""
    user = request.user
    dept = access.department_code(user)
    name, contact = selectors.reporter_display(event, user)
    addressed = bool(dept) and event.department_code == dept
    county_departments = catalogue.departments_for(event.county_code)
    summons = list(WhistleSummons.objects.filter(whistle__event=event).select_related("whistle"))
    my_summons = [s for s in summons if s.department_code == dept]
    version = event.catalogue_version or services.catalogue_in_force(event.county_code)
    can_dispatch = access.can(user, Capability.DISPATCH) and access.covers(user, event.org_code)
    can_whistle = (access.can(user, Capability.WHISTLE) and access.covers(user, event.org_code)
                   and event.status in OPEN_STATUSES)
    extensions = list(event.extensions.all())
    pending_extension = next((x for x in extensions if x.state == ExtensionRequest.State.PENDING), None)
    assists = list(event.assists.all())
    rated = {r.department_code: r for r in event.ratings.all()}
    rateable = [c for c in dict.fromkeys([event.department_code, *[s.department_code for s in summons],
                                          *[a.department_code for a in assists]]) if c and c not in rated]
    names = _names([event.org_code, event.department_code, *[s.department_code for s in summons],
                    *[a.department_code for a in assists], *rated])
    return render_refused(request, "dispatch/event_detail.html", {
        "event": event, "timeline": selectors.event_timeline(user=user, event=event),
        "photos": event.photos.all(), "reporter_name": name, "reporter_contact": contact,
        "may_reveal_contact": bool(event.reporter_contact_cipher) and access.can(user, Capability.PII_REVEAL)
        and not (event.withhold_identity and dept),
        "names": names,
        # only the moves the 办理 card has a form for: a resolved event's 关闭/重新办理 are not the department's, and
        # the card stood empty after 办结 (newuser24 #2)
        "actions": [a for a in actions_from(event.status) if a in _HANDLING] if addressed else [],
        "photos_report": [p for p in event.photos.all() if p.stage == EventPhoto.Stage.REPORT],
        "photos_resolve": [p for p in event.photos.all() if p.stage == EventPhoto.Stage.RESOLVE],
        "extensions": extensions, "pending_extension": pending_extension, "assists": assists,
        "can_decide_extension": pending_extension is not None and access.can(user, Capability.RATE_DEPARTMENTS)
        and access.covers(user, event.org_code),
        "other_departments": [d for d in county_departments if d.code != event.department_code],
        "checked_in": sum(1 for s in summons if s.checked_in_at), "rated": rated, "rateable": rateable,
        "max_photos": MAX_PHOTOS, "max_mb": MAX_PHOTO_BYTES // 2**20,
        "Action": {a.name: a.value for a in Action},
        "addressed": addressed, "can_dispatch": can_dispatch,
        "can_report": access.can(user, Capability.EVENT_REPORT) or access.can(user, Capability.DISPATCH),
        "can_whistle": can_whistle, "form_token": formtokens.token_new() if can_whistle else "",
        "whistle_typed": whistle_typed or {"departments": [], "reason": "", "checkin_hours": "24"},
        # a grid worker or village sees an open event with nothing to do on it: say who can call departments in
        "whistle_hint": event.status in OPEN_STATUSES and not can_whistle and not dept and not can_dispatch,
        "can_rate": access.can(user, Capability.RATE_DEPARTMENTS) and access.covers(user, event.org_code)
        and event.status in (Status.RESOLVED, Status.CLOSED),
        "may_rate_more": bool(rateable),
        "can_feedback": services._may_give_feedback(user, event, None) and event.status == Status.RESOLVED,
        "can_reopen": services._may_give_feedback(user, event, None) and event.status in (Status.RESOLVED, Status.CLOSED),
        "departments": county_departments,
        # the 吹哨 list: the matter's lead and cooperating departments first, under their own line (newuser15 F11)
        # … less the departments already summoned by a 吹哨 still open (newuser16 #10: the form offered them again)
        "whistle_groups": _whistle_groups([d for d in county_departments if d.code not in {
            s.department_code for s in summons if s.whistle.closed_at is None}], event.matter),
        "matters": version.matters.filter(active=True).order_by("group", "code") if version and can_dispatch else [],
        # the router's suggestions named and offered as choices on the manual-dispatch form (fix-ui19b #1)
        "suggestions": (selectors.routing_suggestions([event])[0][1]
                        if can_dispatch and event.status == Status.REPORTED and not event.department_code else []),
        "summons": summons, "my_summons": my_summons, "now": timezone.now(),
        # 办结 asks why while a summoned department has not reported (services.event_resolve)
        "unreported_names": "、".join(dict.fromkeys(
            names.get(s.department_code, s.department_code) for s in summons
            if s.checked_in_at is None and s.whistle.closed_at is None)),
        "roles": dict(GrassrootsRole.choices),
        "typed": typed or {}, "typed_error": typed_error or {},
        "late_workdays": _late_workdays(event), "came_from": _came_from(request),
    }, status=status)


def _late_workdays(event: Event) -> int | None:
    """The working days a resolved or closed event was 办结 past its deadline (0: late within its last day), None when
    on time — the page said 已超期 until 办结 and nothing after (dmend32 #6)."""
    if event.status not in (Status.RESOLVED, Status.CLOSED) or not (event.resolved_at and event.due_at):
        return None
    if event.resolved_at <= event.due_at:
        return None
    return deadlines.overdue_workdays(event.resolved_at, event.due_at)


@login_required
def event_photo(request: HttpRequest, pk: int, photo_pk: int) -> FileResponse:
    photo = _event_photo(request, pk, photo_pk)
    return photo_response(photo.image, photo.content_type, what=f"photo {photo.pk} of event {photo.event_id}")


@login_required
def event_photo_thumb(request: HttpRequest, pk: int, photo_pk: int) -> FileResponse:
    """A photo's small thumbnail (≤ 320 px, ~20–40 KB) for the event page, behind the same check as the photo;
    made on first request for a photo stored before thumbnails existed. A corrupt or missing photo: 404, logged."""
    photo = _event_photo(request, pk, photo_pk)
    return thumbnail_response(photo.image, what=f"photo {photo.pk} of event {photo.event_id}")


@anonymous_reads_throttled
def held_thumb(request: HttpRequest, pk: int) -> HttpResponse:
    """The preview of a photo held across a refused post (newuser23 #1), to the browser session that sent it only:
    another session's, or one past its time, is a 404 naming nothing. No login: the citizens' form holds photos too."""
    row = heldphotos.held_get(request, pk)
    if row is None:
        raise NotFoundError(_("找不到该照片，或它已过期。"))
    # its preview is decoded once, on the first request (then served from beside it): charged then, like a post's
    # photos, against the address's megapixels (held24 #5); past the allowance nothing is decoded
    megapixels = -(-heldphotos.thumb_pixels(row) // 1_000_000)
    try:
        if megapixels and _hourly_take(request, "megapixels", PUBLIC_MEGAPIXEL_LIMIT, megapixels) is None:
            return HttpResponse(status=429)
    except ratelimits.LimitUnavailable:   # cannot count: nothing decoded (fix-cr29 #1)
        return _unavailable(HttpResponse(status=503))
    # a photo whose preview cannot be made is dropped now, its holding told (security24 M1: it was decoded, and
    # failed, on every request): the next request is this 404 before anything is read
    if not heldphotos.preview(request, row):
        raise NotFoundError(_("照片无法显示。"))
    return thumbnail_response(row.image, what=f"held photo {row.pk}")


def _event_photo(request: HttpRequest, pk: int, photo_pk: int) -> EventPhoto:
    """One photo of an event the user may see (NotFoundError otherwise): the photo and its thumbnail alike."""
    event = selectors.event_get(user=request.user, pk=pk)
    photo = EventPhoto.objects.filter(event=event, pk=photo_pk).first()
    if photo is None:
        raise NotFoundError(_("照片不存在。"))
    return photo


@login_required
@require_POST
def event_contact_reveal(request, pk: int):
    """The reporter's full contact, for staff who must call back (PII_REVEAL; audited)."""
    event = selectors.event_get(user=request.user, pk=pk)
    contact = services.event_contact_reveal(actor=request.user, event=event)
    response = render(request, "dispatch/_contact.html", {"contact": contact})
    response["Cache-Control"] = "no-store"
    return response


def _event_action(view):
    """An action on one event (a POST from its page): signed in, POST only; a business error (400/409) shows the
    event page again with the form as typed and the reason beside its input (`_soft_errors`, forms400b); the view
    gets the event, read within the user's scope."""

    @login_required
    @require_POST
    @_soft_errors
    @functools.wraps(view)
    def wrapper(request, pk: int):
        return view(request, selectors.event_get(user=request.user, pk=pk))

    return wrapper


def _dispatch_choice(post) -> tuple[str, str]:
    """(department, matter) chosen on a dispatch form. The event page offers the router's suggestions as radio
    options ``suggestion`` = "DEPT|MATTER" above its two lists, the top one preselected so one tap on 派发 sends it
    (fix-ui19b #1); a matter or department picked in the lists wins, so choosing there needs no untick."""
    department_code, matter_code = post.get("department_code", ""), post.get("matter_code", "")
    if department_code or matter_code:
        return department_code, matter_code
    suggested_department, _sep, suggested_matter = post.get("suggestion", "").partition("|")
    return suggested_department, suggested_matter


@_event_action
def event_dispatch(request, event: Event):
    # Sending a waiting event back to a department that returned it ("不属于本部门职责") sends it round in a
    # circle unless the dispatcher means it: a confirm page names the return and its reason first (newuser16 #4).
    # Who may dispatch is checked first: the confirm page shows the department's return reason (security17 #5)
    access.require_covers(request.user, event, Capability.DISPATCH)
    department_code, matter_code = _dispatch_choice(request.POST)
    target, returned = selectors.return_to_confirm(event, department_code, matter_code)
    if returned is not None and request.POST.get("confirm_return") != "1":
        chosen = {"department_code": department_code, "matter_code": matter_code}
        return render(request, "dispatch/dispatch_confirm.html", {
            "event": event, "returned": returned, "department_name": _names([target]).get(target, target),
            "fields": [(k, chosen.get(k, request.POST.get(k, ""))) for k in ("department_code", "matter_code", "note",
                                                                            "next")],
        })
    dispatched = services.event_dispatch(actor=request.user, event=event, department_code=department_code,
                                         matter_code=matter_code, note=request.POST.get("note", ""))
    dispatched_to = dispatched.department_code
    messages.success(request, _("事件 %(n)s 已派发给 %(department)s。") % {
        "n": dispatched.shown_number, "department": _names([dispatched_to]).get(dispatched_to, dispatched_to)})
    if request.POST.get("next") == "queue":  # one click from the queue's suggestions: stay on the queue
        return redirect("dispatch:queue")
    return _back(request, event)


@_event_action
def event_accept(request, event: Event):
    services.event_accept(actor=request.user, event=event)
    messages.success(request, _("已签收。"))
    return _back(request, event)


@_event_action
def event_start(request, event: Event):
    services.event_start(actor=request.user, event=event, note=request.POST.get("note", ""))
    return _back(request, event)


@_event_action
def event_resolve(request, event: Event):
    services.event_resolve(actor=request.user, event=event, resolution=request.POST.get("resolution", ""),
                           photos=request.FILES.getlist("photos"),
                           unreported_reason=request.POST.get("unreported_reason", ""))
    messages.success(request, _("已办结。"))
    return _back(request, event)


@_event_action
def event_extension_request(request, event: Event):
    services.event_extension_request(actor=request.user, event=event, workdays=request.POST.get("workdays"),
                                     reason=request.POST.get("reason", ""))
    messages.success(request, _("延期申请已提交，等待乡镇审批。"))
    return _back(request, event)


@_event_action
def event_extension_decide(request, event: Event):
    approve = request.POST.get("decision") == "approve"
    services.event_extension_decide(actor=request.user, event=event, approve=approve,
                                    note=request.POST.get("note", ""))
    messages.success(request, _("已同意延期，办理期限已顺延。") if approve else _("已驳回延期申请。"))
    return _back(request, event)


@_event_action
def event_transfer(request, event: Event):
    services.event_transfer(actor=request.user, event=event, department_code=request.POST.get("department_code", ""),
                            reason=request.POST.get("reason", ""))
    messages.success(request, _("已转派。"))
    return redirect("dispatch:event_list")


@_event_action
def event_assist(request, event: Event):
    services.event_assist_invite(actor=request.user, event=event, department_code=request.POST.get("department_code", ""),
                                 note=request.POST.get("note", ""))
    messages.success(request, _("已邀请协办。"))
    return _back(request, event)


@_event_action
def event_return(request, event: Event):
    services.event_return(actor=request.user, event=event, reason=request.POST.get("reason", ""))
    # the event named, and back where the department opened it from (dmend32 #8): the event is no longer its own
    messages.success(request, _("事件 %(n)s 已退回县指挥中心。") % {"n": event.shown_number})
    return redirect(_came_from(request) or "dispatch:event_list")


def _came_from(request: HttpRequest) -> str:
    """The list or workbench an event page was opened from — the page's referrer, carried by its forms as ``next``
    — when it is one of this site's lists (/, /dispatch/…, not an event page): where an action that takes the event
    out of the user's hands lands (dmend32 #8). "" otherwise."""
    url = request.POST.get("next", "") if request.method == "POST" else request.META.get("HTTP_REFERER", "")
    if not url or not url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()},
                                                      require_https=request.is_secure()):
        return ""
    parts = urlsplit(url)
    if parts.path != "/" and (not parts.path.startswith("/dispatch/") or parts.path.startswith("/dispatch/events/")):
        return ""
    return parts.path + (f"?{parts.query}" if parts.query else "")


@_event_action
def event_merge(request, event: Event):
    into = request.POST.get("into", "")
    try:
        into_pk = int(str(into).upper().removeprefix("WG"))
    except ValueError:
        raise ApplicationError(_("请填写要合并到的事件编号。"), field="into") from None
    services.event_merge(actor=request.user, event=event, into=into_pk)
    messages.success(request, _("已合并。"))
    return _back(request, event)


@_event_action
def event_dismiss_duplicate(request, event: Event):
    services.event_duplicate_dismiss(actor=request.user, event=event)
    return _back(request, event)


@_event_action
def event_feedback(request, event: Event):
    services.event_feedback(actor=request.user, event=event, score=request.POST.get("score"),
                            comment=request.POST.get("comment", ""))
    messages.success(request, _("评价已记录。"))
    return _back(request, event)


@_event_action
def event_reopen(request, event: Event):
    services.event_reopen(actor=request.user, event=event, reason=request.POST.get("reason", ""))
    messages.success(request, _("已重新交办。"))
    return _back(request, event)


@_event_action
def event_whistle(request, event: Event):
    departments = request.POST.getlist("departments")
    try:
        # the form's one-time token: a double tap or back then 吹哨 again summons the departments once (fix-token29)
        _whistle, blown = services.whistle_blow_from_form(
            form_token=formtokens.posted(request.POST), actor=request.user, event=event, department_codes=departments,
            reason=request.POST.get("reason", ""), checkin_hours=request.POST.get("checkin_hours", 24))
    except ApplicationError as exc:
        if exc.status_code not in (400, 409):
            raise
        # refused (no 事由, no department…): the event page shows the form again as it was sent (newuser15 F11) — in
        # this answer; it went through the session for a redirect before forms400b (fix-cr31b #3)
        return _event_page(request, selectors.event_get(user=request.user, pk=event.pk), status=exc.status_code,
                           **_refused_typing(request, "event_whistle", exc), whistle_typed={
                               "departments": [str(c)[:20] for c in departments[:100]],
                               "reason": request.POST.get("reason", "")[:2000],
                               "checkin_hours": request.POST.get("checkin_hours", "24")[:10]})
    if not blown:
        messages.info(request, _("该表单已提交过，没有重复吹哨。"))
        return _back(request, event)
    messages.success(request, _("已吹哨，相关部门将收到报到通知。"))
    return _back(request, event)


@_event_action
def event_rate(request, event: Event):
    services.event_rate_department(actor=request.user, event=event, score=request.POST.get("score"),
                                   comment=request.POST.get("comment", ""),
                                   department_code=request.POST.get("department_code", ""))
    messages.success(request, _("评价已记录。"))
    return _back(request, event)


def _summons(request, pk: int) -> WhistleSummons:
    dept = access.department_code(request.user)
    summons = WhistleSummons.objects.select_related("whistle__event").filter(pk=pk, department_code=dept).first() \
        if dept else None
    if summons is None:
        raise NotFoundError(_("报到通知不存在或不是发给您所在部门的。"))
    return summons


def _summons_action(request, pk: int, service, success: str):
    """A department's 报到 or its recorded part: a business error shows the event page again, the part as typed and
    the reason beside it (forms400b)."""
    summons = _summons(request, pk)
    try:
        service(actor=request.user, summons=summons, part=request.POST.get("part", ""))
        messages.success(request, success)
    except ApplicationError as exc:
        if exc.status_code in (403, 404):
            raise
        # the event page again with the part as typed beside the reason, not a redirect that lost it (forms400b)
        event = selectors.event_get(user=request.user, pk=summons.whistle.event_id)
        return _event_page(request, event, status=exc.status_code,
                           **_refused_typing(request, f"summons_{summons.pk}", exc,
                                             inputs={"part": f"id_part{summons.pk}"}))
    return redirect("dispatch:event_detail", pk=summons.whistle.event_id)


@login_required
@require_POST
def summons_checkin(request, pk: int):
    return _summons_action(request, pk, services.whistle_checkin, _("已报到。"))


@login_required
@require_POST
def summons_part(request, pk: int):
    return _summons_action(request, pk, services.whistle_record_part, _("已记录。"))


@login_required
def whistle_list(request):
    user = request.user
    summons = selectors.summons_for(user=user)
    whistled = []
    if not access.department_code(user):
        from jianfu.dispatch.models import Whistle

        whistled = scope_for(user).filter(Whistle.objects.select_related("event"), field="org_code")[:100]
    if not access.department_code(user) and not access.can(user, Capability.WHISTLE):
        raise PermissionDeniedError(_("您的角色不涉及吹哨报到。"))
    return render(request, "dispatch/whistle_list.html", {
        "summons": summons[:200], "whistles": whistled, "names": _names({s.department_code for s in summons[:200]}),
        "now": timezone.now()})


# ---------------------------------------------------------------------------------------------
# catalogue


def _county_of_user(user) -> str:
    scope = scope_for(user)
    code = scope.unit_code or ""
    if scope.is_all and not code:
        first = CatalogueVersion.objects.order_by("org_code").values_list("org_code", flat=True).first()
        return first or ""
    if scope.is_department:
        code = scope.prefix or ""
    return code[:6].ljust(12, "0") if len(code) >= 6 else ""


def can_read_catalogue(user, county_code: str) -> bool:
    """The catalogue is the county's public list of who does what: everyone working in the county
    reads it (villages most of all: it says what must not be handed down to them)."""
    scope = scope_for(user)
    return scope.is_all or scope.covers(county_code) or (scope.prefix or "")[:6] == county_code[:6] != ""


def _version(request, pk: int) -> CatalogueVersion:
    version = CatalogueVersion.objects.filter(pk=pk).first()
    if version is None or not can_read_catalogue(request.user, version.org_code):
        raise NotFoundError(_("清单版本不存在或不在您的管辖范围内。"))
    return version


@login_required
def catalogue_list(request):
    county = _county_of_user(request.user)
    if not county:
        raise NotFoundError(_("您的账号不属于任何县。"))
    versions = selectors.catalogue_versions(county_code=county)
    in_force = services.catalogue_in_force(county)
    return render(request, "dispatch/catalogue_list.html", {
        "versions": versions, "in_force": in_force,
        "can_manage": access.can(request.user, Capability.CATALOGUE_MANAGE), "county": county})


@page_access(lambda request, pk: request.user.is_authenticated and bool(_version(request, pk)))
@login_required
def catalogue_detail(request, pk: int):
    version = _version(request, pk)
    matters = version.matters.order_by("group", "code")
    group = request.GET.get("group", "")
    if group:
        matters = matters.filter(group=group)
    groups = version.matters.order_by("group").values_list("group", flat=True).distinct()
    return render(request, "dispatch/catalogue_detail.html", {
        "version": version, "matters": matters, "groups": groups, "group": group,
        "names": dict(OrgUnit.objects.filter(parent_code=version.org_code, kind=UnitKind.DEPARTMENT)
                      .values_list("code", "name")),
        "can_edit": access.can(request.user, Capability.CATALOGUE_MANAGE) and version.state == CatalogueVersion.State.DRAFT,
        "can_manage": access.can(request.user, Capability.CATALOGUE_MANAGE), "form_token": formtokens.token_new()})


@login_required
def catalogue_export(request, pk: int):
    version = _version(request, pk)
    return _xlsx(catalogue.catalogue_export_xlsx(version), f"职责清单-{unit_name(version.org_code)}-第{version.number}版.xlsx")


@login_required
def catalogue_import(request):
    access.require(request.user, Capability.CATALOGUE_MANAGE)
    county = _county_of_user(request.user)
    error = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise ApplicationError(_("请选择要导入的 xlsx 文件。"), field="file")
            # the form's one-time token: a double tap or back then 导入 again makes one draft (fix-token29)
            version, imported = catalogue.catalogue_import_from_form(
                actor=request.user, county_code=county, file=upload, name=request.POST.get("name", ""),
                form_token=formtokens.posted(request.POST))
        except ApplicationError as exc:
            if exc.status_code in (403, 404):
                raise
            error = formtokens.on_file_form(exc)   # the name comes back typed, the file never does (fix-cr29 #6)
        else:
            if imported:
                messages.success(request, _("已导入为草稿版本 v%(n)d，共 %(m)d 项。") % {
                    "n": version.number, "m": version.matters.count()})
            else:
                messages.info(request, _("该表单已提交过，没有重复导入（草稿版本 v%(n)d）。") % {"n": version.number})
            return redirect("dispatch:catalogue_detail", pk=version.pk)
    return render(request, "dispatch/catalogue_import.html", {"error": error, "form_token": formtokens.token_new(),
                                                             "name": request.POST.get("name", "")},
                  status=400 if error else 200)


@login_required
@require_POST
def catalogue_copy(request, pk: int):
    version = _version(request, pk)
    try:
        draft = catalogue.version_copy_from_form(actor=request.user, version=version,
                                                 form_token=formtokens.posted(request.POST))
    except ApplicationError as exc:
        if exc.status_code in (403, 404):
            raise
        messages.error(request, exc.message)   # a stale page's button without a token: nothing copied
        return redirect("dispatch:catalogue_detail", pk=version.pk)
    messages.success(request, _("已复制为草稿 v%(n)d。") % {"n": draft.number})
    return redirect("dispatch:catalogue_detail", pk=draft.pk)


@login_required
@require_POST
def catalogue_publish(request, pk: int):
    version = _version(request, pk)
    raw = request.POST.get("effective_from", "")
    try:
        effective = dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        effective = None
        messages.error(request, _("生效日期格式不正确。"))
        return redirect("dispatch:catalogue_detail", pk=version.pk)
    try:
        catalogue.version_publish(actor=request.user, version=version, effective_from=effective)
        messages.success(request, _("已发布。"))
    except ApplicationError as exc:
        if exc.status_code in (403, 404):
            raise
        messages.error(request, exc.message)
    return redirect("dispatch:catalogue_detail", pk=version.pk)


def _matter_form_data(post) -> dict:
    return {k: post.get(k, "") for k in ("code", "name", "group", "description", "keywords", "examples", "department",
                                          "cooperating", "grassroots_role", "time_limit_days", "urgent_hours",
                                          "legal_basis")} | {"cooperating": post.getlist("cooperating")}


@login_required
def matter_edit(request, pk: int, matter_pk: int | None = None):
    version = _version(request, pk)
    access.require(request.user, Capability.CATALOGUE_MANAGE)
    matter = version.matters.filter(pk=matter_pk).first() if matter_pk else None
    if matter_pk and matter is None:
        raise NotFoundError(_("事项不存在。"))
    error = None
    if request.method == "POST":
        try:
            matter = catalogue.matter_save(actor=request.user, version=version, data=_matter_form_data(request.POST),
                                           matter=matter)
        except ApplicationError as exc:
            if exc.status_code in (403, 404):
                raise
            error = exc
        else:
            messages.success(request, _("事项已保存。"))
            return redirect("dispatch:catalogue_detail", pk=version.pk)
    values = request.POST if request.method == "POST" else ({
        "code": matter.code, "name": matter.name, "group": matter.group, "description": matter.description,
        "keywords": "、".join(matter.keywords), "examples": "\n".join(matter.examples),
        "department": matter.department_code, "grassroots_role": matter.grassroots_role,
        "time_limit_days": matter.time_limit_days, "urgent_hours": matter.urgent_hours,
        "legal_basis": matter.legal_basis} if matter else {})
    return render(request, "dispatch/matter_form.html", {
        "version": version, "matter": matter, "values": values, "error": error,
        "departments": catalogue.departments_for(version.org_code), "roles": GrassrootsRole.choices,
        "cooperating": (request.POST.getlist("cooperating") if request.method == "POST"
                        else (matter.cooperating_codes if matter else []))}, status=400 if error else 200)


# ---------------------------------------------------------------------------------------------
# dashboard


def _dashboard_rows(request):
    by = request.GET.get("by", "department")
    by = by if by in ("department", "town") else "department"
    days = request.GET.get("days", "90")
    days = int(days) if days.isdigit() and 0 < int(days) <= 3660 else 90
    since = timezone.now() - dt.timedelta(days=days)
    qs = selectors.event_list(user=request.user, since=since)
    return by, days, metrics.compute(qs, by=by), qs


@login_required
def dashboard(request):
    by, days, rows, qs = _dashboard_rows(request)
    chart = {"names": [r.name for r in rows],
             "response": [r.response_rate for r in rows], "resolution": [r.resolution_rate for r in rows],
             "satisfaction": [r.satisfaction_rate for r in rows],
             "status": [{"name": str(Status(k).label), "value": v}
                        for k, v in metrics.event_counts_by_status(qs).items()]}
    return render(request, "dispatch/dashboard.html", {
        "rows": rows, "total": metrics.totals(rows), "by": by, "days": days, "chart": chart})


@login_required
def dashboard_export(request):
    by, days, rows, _qs = _dashboard_rows(request)
    title = _("三率统计（近 %(d)d 天，按%(by)s）") % {"d": days, "by": _("部门") if by == "department" else _("乡镇")}
    return _xlsx(metrics.export_xlsx(rows, title=title), f"三率统计-{'按乡镇' if by == 'town' else '按部门'}-{timezone.localdate():%Y%m%d}.xlsx")


def workbench_url(name: str, **query) -> str:
    url = reverse(name)
    if query:
        from urllib.parse import urlencode

        url += "?" + urlencode(query)
    return url
