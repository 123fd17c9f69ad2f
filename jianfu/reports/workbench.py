"""Workbench to-dos: a village's reports due (not yet generated or still to submit), a township's
submissions awaiting approval."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.accounts.roles import Capability
from jianfu.accounts.scoping import scope_for
from jianfu.core.ui import Todo


def todos(user) -> list[Todo]:
    from jianfu.reports import selectors
    from jianfu.reports.catalog import catalog_get
    from jianfu.reports.engine import latest_closed_period
    from jianfu.reports.models import Submission, Template

    scope = scope_for(user)
    out: list[Todo] = []
    if scope.role is None or scope.is_department:
        return out
    today = timezone.localdate()
    if scope.can(Capability.REPORT_FILL) and scope.unit_code and len(scope.prefix or "") == 12:
        catalog = catalog_get()
        due = overdue = 0
        for tpl in Template.objects.filter(is_active=True):
            t = catalog.templates.get(tpl.code)
            if t is None or t.period_type == "ad_hoc":
                continue
            period = latest_closed_period(t.period_type, today)
            done = Submission.objects.filter(template=tpl, org_code=scope.unit_code, period=period.id,
                                             status__in=["submitted", "approved"]).exists()
            if not done:
                due += 1
                overdue += period.due_date(t.due_days) < today
        if due:
            out.append(Todo(_("待报送的报表"), reverse("reports:index") + "?due=1", count=due,
                            urgency="overdue" if overdue else "soon", source="reports"))
        returned = Submission.objects.filter(org_code=scope.unit_code, status="returned").count()
        if returned:
            out.append(Todo(_("被退回待修改的报表"), reverse("reports:submission_list") + "?status=returned",
                            count=returned, urgency="overdue", source="reports"))
    if scope.can(Capability.REPORT_APPROVE):
        waiting = selectors.awaiting_approval(user=user).count()
        if waiting:
            out.append(Todo(_("待审核的村（社区）报表"), reverse("reports:submission_list") + "?status=submitted",
                            count=waiting, urgency="soon", source="reports"))
    return out
