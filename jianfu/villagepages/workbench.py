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
    if scope.can(Capability.VILLAGE_PAGE_APPROVE):
        n = scope.filter(ServiceList.objects.filter(status=Status.SUBMITTED)).count()
        if n:
            items.append(Todo(_("待审核的村（社区）服务清单"), url, n, "soon", "villagepages"))
    if scope.can(Capability.VILLAGE_PAGE_EDIT):
        n = scope.filter(ServiceList.objects.filter(status=Status.RETURNED)).count()
        if n:
            items.append(Todo(_("被退回修改的服务清单"), url, n, "soon", "villagepages"))
    return items
