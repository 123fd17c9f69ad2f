"""就业帮扶 to-dos on the 工作台: visits due today or overdue (grid worker, village cadre), visits escalated
to the township, postings flagged for the county office. Counts only — the platform reminds, never ranks."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from jianfu.accounts.roles import Capability, Role
from jianfu.accounts.scoping import scope_for
from jianfu.core.ui import Todo
from jianfu.employment import access, selectors
from jianfu.employment.models import Posting, PostingStatus
from jianfu.registry.ledger.values import local_today


def todos(user) -> list[Todo]:
    scope = scope_for(user)
    out: list[Todo] = []
    url = reverse("employment:visit_tasks")
    today = local_today()
    if scope.can(Capability.EMPLOYMENT_WRITE) and scope.can(Capability.REGISTRY_READ):
        # each count is the row count of the tab it links to (one selector), so the two cannot disagree
        overdue = selectors.visit_task_list(user=user, state="overdue", today=today).count()
        if overdue:
            out.append(Todo(_("逾期未走访的帮扶对象"), f"{url}?state=overdue", overdue, "overdue", "employment"))
        today_count = selectors.visit_task_list(user=user, state="today", today=today).count()
        if today_count:
            out.append(Todo(_("今天该走访的帮扶对象"), f"{url}?state=today", today_count, "soon", "employment"))
        if user.role == Role.TOWNSHIP:
            # escalated and not yet visited or handled, reassigned or not: the township answers for it until then
            escalated = selectors.visit_task_list(user=user, state="escalated", today=today).count()
            if escalated:
                out.append(Todo(_("村里逾期未走访（已上报乡镇）"), f"{url}?state=escalated", escalated, "overdue",
                                "employment"))
    if access.may_review_postings(user):
        # only to who may clear one (the county office, 人社局: tryout27 #2); a township, which may only 下架, is not
        # asked to 核查 (cr28 #4) — its posting list still leads with the flagged ones
        flagged = scope.filter(Posting.objects.filter(status=PostingStatus.FLAGGED)).count()
        if flagged:
            out.append(Todo(_("疑似就业歧视的岗位待核查"), f"{reverse('employment:posting_list')}?status=flagged",
                            flagged, "soon", "employment"))
    return out
