"""Public village pages (no login) and their upkeep: the village edits, the township approves."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from jianfu.accounts.roles import Capability
from jianfu.accounts.scoping import scope_for
from jianfu.core.decorators import found_by, page_access
from jianfu.core.downloads import content_disposition
from jianfu.core.errors import ApplicationError, NotFoundError, messages_beside
from jianfu.core.text import clean_text, shown_back
from jianfu.core.throttling import anonymous_reads_throttled
from jianfu.villagepages import selectors, services
from jianfu.villagepages.poster import PosterData, PosterItem, render_poster
from jianfu.villagepages.services import ITEM_FIELDS
from jianfu.villagepages.workflow import Status

EXTRA_ROWS = 3


# a county with up to this many villages (communities) shows them all on /villages/; more stay under their township
UNFOLDED_UP_TO = 40


# --- public ---------------------------------------------------------------------------------------
@anonymous_reads_throttled
def public_index(request):
    q = request.GET.get("q", "")
    published_only = request.GET.get("listed") == "1"
    towns = selectors.public_index(q=q, published_only=published_only)
    total = sum(len(t.villages) for t in towns)
    return render(request, "villagepages/public_index.html", {
        "towns": towns, "q": q, "published_only": published_only,
        "published": sum(t.published for t in towns), "total": total,
        # mend33 #5: a citizen did not find a village folded under its township; a list a phone shows in a few
        # screens is shown whole, only a county's long list stays folded (the hint above it points to the search)
        "unfolded": bool(q or published_only or len(towns) == 1 or total <= UNFOLDED_UP_TO)})


@anonymous_reads_throttled
def public_page(request, code: str):
    page = selectors.public_page(village_code=code)
    return render(request, "villagepages/public_page.html", {"page": page})


def poster_data(page, url: str) -> PosterData:
    service_list = page.service_list
    items = [PosterItem(**{name: getattr(item, name) for name in ITEM_FIELDS})
             for item in (service_list.items.all() if service_list else [])]
    approved = ""
    if service_list and service_list.decided_at:
        approved = _("%(town)s %(date)s 审核公开") % {"town": page.township.name if page.township else "",
                                                  "date": timezone.localdate(service_list.decided_at).isoformat()}
    return PosterData(
        village=page.village.name, township=page.township.name if page.township else "",
        county=page.county.name if page.county else "",
        office_address=service_list.office_address if service_list else "",
        office_hours=service_list.office_hours if service_list else "",
        office_phone=service_list.office_phone if service_list else "",
        items=items, plaques_outside=[p["name"] for p in page.outside_kept], approved=approved, url=url)


@anonymous_reads_throttled
def public_poster(request, code: str):
    page = selectors.public_page(village_code=code)
    if page.service_list is None:
        raise NotFoundError(_("本村（社区）的服务清单尚未公开，暂无海报。"))
    url = request.build_absolute_uri(reverse("villagepages:public_page", args=[page.village.code]))
    response = HttpResponse(render_poster(poster_data(page, url)), content_type="application/pdf")
    # saved as the link's download name says (newuser21 #8: it was service-list-<code>.pdf); that name for old clients
    response["Content-Disposition"] = content_disposition(f"{page.village.name}服务清单海报.pdf", inline=True,
                                                          fallback=f"service-list-{page.village.code}.pdf")
    return response


# --- upkeep ---------------------------------------------------------------------------------------
def _may_manage(user) -> bool:
    scope = scope_for(user)
    return scope.can(Capability.VILLAGE_PAGE_EDIT) or scope.can(Capability.VILLAGE_PAGE_APPROVE)


@login_required
def manage(request):
    return render(request, "villagepages/manage.html", {"rows": selectors.manageable_villages(user=request.user),
                                                         "may_edit": scope_for(request.user).can(
                                                             Capability.VILLAGE_PAGE_EDIT)})


@login_required
def edit(request, code: str):
    """The village's editable version: header and items in one form, saved all or nothing. A GET
    writes nothing; the first save creates the new version (copied from the public one)."""
    village, open_version, public = selectors.edit_target(user=request.user, village_code=code)
    error, field_errors, header_error = None, {}, {}
    if request.method == "POST":
        post = request.POST
        header = {name: post.get(name, "") for name in services.HEADER_FIELDS}
        rows_field = post.get("rows", "0") or "0"
        count = min(int(rows_field), 200) if rows_field.isdigit() else 0
        items = [{name: post.get(f"item-{i}-{name}", "") for name in ITEM_FIELDS}
                 for i in range(count) if not post.get(f"item-{i}-delete")]
        saved = False
        try:
            # the edits are saved as a draft first, so a submit refused for an incomplete item loses none of them
            with transaction.atomic():
                service_list = services.list_open_or_create(actor=request.user, village_code=village.code)
                services.list_update(actor=request.user, service_list=service_list, header=header, items=items)
            saved = True
            if post.get("submit"):
                # checked as posted, so an error names the item by the number the form shows
                services.list_items_check(items=items)
                services.list_submit(actor=request.user, service_list=service_list)
        except ApplicationError as exc:
            if saved:
                messages.info(request, _("修改已保存为草稿，尚未提交乡镇审核。"))
            error = exc.message
            field_errors = exc.details.get("items", {})
            # every header field's own message at once (newuser26 #2), else the one the error names
            header_error, _rest = messages_beside(exc, services.HEADER_FIELDS)
        else:
            # each outcome said in words (N14, session 14: after a successful submit only the status line changed)
            messages.success(request, DONE["submit"] if post.get("submit") else SAVED_DRAFT)
            return redirect("villagepages:edit", code=village.code)
    shown = open_version or public
    rows = [{name: getattr(item, name) for name in ITEM_FIELDS} for item in (shown.items.all() if shown else [])]
    if error:
        # the rows as posted, each with its own errors, so a message stands beside its field
        rows = [{**shown_back(row), "errors": field_errors.get(number, {})} for number, row in enumerate(items, start=1)]
    rows += [dict.fromkeys(ITEM_FIELDS, "") for _i in range(EXTRA_ROWS)]
    header = (shown_back({name: request.POST.get(name, "") for name in services.HEADER_FIELDS}) if error else
              {name: getattr(shown, name) if shown else "" for name in services.HEADER_FIELDS})
    return render(request, "villagepages/edit.html", {
        "village": village, "service_list": open_version, "public": public, "header": header, "rows": rows,
        "editable": open_version is None or selectors.is_editable(open_version), "error": error,
        "header_error": header_error if error else {},
        # a version under review locks the form: withdrawing it is offered at the top, not on another page
        "may_withdraw": open_version is not None and open_version.status == Status.SUBMITTED
        and scope_for(request.user).may_write(open_version.org_code, Capability.VILLAGE_PAGE_EDIT)},
        status=400 if error else 200)


@page_access(found_by(selectors.list_get))
@login_required
def review(request, pk: int, *, return_error: str = "", status: int = 200):
    """What the township sees before approving: the submitted version beside the public one."""
    service_list = selectors.list_get(user=request.user, pk=pk)
    page = selectors.public_page(village_code=service_list.org_code)
    certificates = selectors.certificate_warning(user=request.user, service_list=service_list)
    # each certificate item with what the village wrote it rests on: the township checks it (newuser33 #2)
    bases = {item.name: item.basis for item in service_list.items.all()}
    return render(request, "villagepages/review.html", {"return_error": return_error, "return_note": (
        clean_text(request.POST.get("note", "")) if return_error else ""),
        "service_list": service_list, "page": page,
        "changes": selectors.list_changes(submitted=service_list, public=page.service_list),
        "certificates": certificates,
        "certificate_bases": [(name, bases.get(name, "")) for name in certificates["items"]] if certificates else [],
        "may_approve": scope_for(request.user).may_write(service_list.org_code, Capability.VILLAGE_PAGE_APPROVE)
        and service_list.status == Status.SUBMITTED,
        "may_withdraw": scope_for(request.user).may_write(service_list.org_code, Capability.VILLAGE_PAGE_EDIT)
        and service_list.status == Status.SUBMITTED}, status=status)


@login_required
@require_POST
def act(request, pk: int, action: str):
    service_list = selectors.list_get(user=request.user, pk=pk)
    note = request.POST.get("note", "")
    handlers = {
        "approve": lambda: services.list_approve(actor=request.user, service_list=service_list, note=note),
        "return": lambda: services.list_return(actor=request.user, service_list=service_list, note=note),
        "withdraw": lambda: services.list_withdraw(actor=request.user, service_list=service_list),
        "submit": lambda: services.list_submit(actor=request.user, service_list=service_list),
    }
    if action not in handlers:
        raise ApplicationError(_("未知的操作。"), code="unknown_action")
    try:
        handlers[action]()
    except ApplicationError as exc:
        if action != "return" or exc.code not in ("required", "too_long"):
            raise
        # a missing or too long reason is said beside the reason field, on the page it was typed on
        return review(request, service_list.pk, return_error=exc.message, status=400)
    messages.success(request, DONE[action])
    if action == "withdraw":   # withdrawn to be changed: straight to the edit page
        return redirect("villagepages:edit", code=service_list.org_code)
    return redirect("villagepages:review", pk=service_list.pk)


# What each step tells the user it did (a step without a word looked as if nothing had happened)
DONE = {"approve": gettext_lazy("已审核通过，清单已公开。"), "return": gettext_lazy("已退回村（社区）修改。"),
        "withdraw": gettext_lazy("已撤回，现在可以修改。"), "submit": gettext_lazy("已提交乡镇（街道）审核。")}
SAVED_DRAFT = gettext_lazy("已保存为草稿，尚未提交乡镇审核。")
