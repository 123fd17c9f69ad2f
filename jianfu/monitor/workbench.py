"""Monitor to-dos on the 工作台: open findings to triage (county office) or to answer for (a department)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from jianfu.accounts.roles import Capability
from jianfu.accounts.scoping import scope_for
from jianfu.monitor import selectors
from jianfu.monitor.models import FindingStatus


def todos(user) -> list:
    from jianfu.core.ui import Todo

    scope = scope_for(user)
    if not scope.can(Capability.MONITOR_RECORD):
        return []
    if scope.can(Capability.MONITOR_MANAGE):
        n = selectors.finding_list(user=user, status=FindingStatus.OPEN).count()
        title = _("待处理的减负问题")
    elif scope.is_department:
        n = selectors.finding_list(user=user, status=FindingStatus.CONFIRMED).count()
        title = _("县减负办已确认、待本部门整改的减负问题")
    else:
        return []
    if not n:
        return []
    return [Todo(title, reverse("monitor:finding_list") + "?status=" + (
        FindingStatus.OPEN if scope.can(Capability.MONITOR_MANAGE) else FindingStatus.CONFIRMED), n, "normal",
        "monitor")]
