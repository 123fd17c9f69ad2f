"""Monitor to-dos on the 工作台: open findings to triage (county office) or to answer for (a department), and the
county's published notices an account has not opened (village, township, department: mend31 #2)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from jianfu.accounts.roles import Capability
from jianfu.accounts.scoping import scope_for
from jianfu.monitor import selectors
from jianfu.monitor.models import FindingStatus


def todos(user) -> list:
    """One to-do per year that has such findings, newest first, each linking to exactly that list (status and year):
    the finding list shows one year at a time, so a count over all years linked to "this year" showed 225 and
    opened 109 (newuser16 #3)."""
    from django.db.models import Count

    from jianfu.core.ui import Todo

    scope = scope_for(user)
    if not scope.can(Capability.MONITOR_RECORD):
        return []
    out: list[Todo] = []
    # the county's published notices this account has not opened (mend31 #2), the newest first: each opened one leaves
    unread = selectors.notices_unread(user=user)
    n_unread = unread.count()
    if n_unread:
        newest = unread.values_list("pk", flat=True)[0]
        out.append(Todo(_("未读的本县典型问题通报"), reverse("monitor:notice_detail", args=[newest]), n_unread, "soon",
                        "monitor"))
    if scope.can(Capability.MONITOR_MANAGE):
        status, title = FindingStatus.OPEN, _("待处理的减负问题（%(year)s年）")
    elif scope.is_department:
        status, title = FindingStatus.CONFIRMED, _("县减负办已确认、待本部门整改的减负问题（%(year)s年）")
    else:
        return out
    per_year = (selectors.finding_list(user=user, status=status).order_by().values("year")
                .annotate(n=Count("id")).order_by("-year"))
    return out + [Todo(title % {"year": row["year"]},
                       reverse("monitor:finding_list") + f"?status={status}&year={row['year']}", row["n"], "normal",
                       "monitor")
                  for row in per_year if row["n"]]
