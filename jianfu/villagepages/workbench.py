"""村（社区）公开页 to-dos: lists waiting for the township; returned lists waiting for the village."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from jianfu.accounts.roles import Capability
from jianfu.accounts.scoping import scope_for
from jianfu.core.ui import Todo
from jianfu.villagepages.models import ServiceList
from jianfu.villagepages.workflow import Status


def todos(user) -> list[Todo]:
    scope = scope_for(user)
    if scope.is_department or scope.is_all:
        return []
    url = reverse("villagepages:manage")
    items = []
    # one list waiting: straight to it, not to the list of every village (a county holds a few hundred lists at most)
    if scope.can(Capability.VILLAGE_PAGE_APPROVE):
        waiting = list(scope.filter(ServiceList.objects.filter(status=Status.SUBMITTED)).values_list("pk", flat=True))
        if waiting:
            target = reverse("villagepages:review", args=[waiting[0]]) if len(waiting) == 1 else url
            items.append(Todo(_("待审核的村（社区）服务清单"), target, len(waiting), "soon", "villagepages"))
    if scope.can(Capability.VILLAGE_PAGE_EDIT):
        returned = list(scope.filter(ServiceList.objects.filter(status=Status.RETURNED)).values_list("org_code", flat=True))
        if returned:
            target = reverse("villagepages:edit", args=[returned[0]]) if len(returned) == 1 else url
            items.append(Todo(_("被退回修改的服务清单"), target, len(returned), "soon", "villagepages"))
    return items
