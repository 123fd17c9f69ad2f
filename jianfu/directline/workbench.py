"""直通车 to-dos on a designated handler's 工作台: how many reports wait (counts only)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from jianfu.core.ui import Todo
from jianfu.directline.models import Report
from jianfu.directline.services import active_slot
from jianfu.directline.workflow import Status


def todos(user) -> list[Todo]:
    slot = active_slot(user)
    if slot is None:
        return []
    url = reverse("directline:report_list")
    reports = Report.objects.filter(county_key=slot.county_key, held=False)
    items = []
    n = reports.filter(status=Status.NEW).count()
    if n:
        items.append(Todo(_("直通车：待受理的反映"), f"{url}?status=new", n, "soon", "directline"))
    n = reports.filter(status=Status.IN_REVIEW).count()
    if n:
        items.append(Todo(_("直通车：核查中的反映"), f"{url}?status=in_review", n, "normal", "directline"))
    return items
