"""Registry to-dos on the 工作台: duplicate reviews, field conflicts and import batches awaiting a decision."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from jianfu.accounts.roles import Capability
from jianfu.accounts.scoping import scope_for
from jianfu.core.ui import Todo
from jianfu.registry.models import DuplicateReview, ImportBatch, MergeConflict


def todos(user) -> list[Todo]:
    scope = scope_for(user)
    if not scope.can(Capability.REGISTRY_WRITE) or scope.is_department or (
            not scope.is_all and len(scope.unit_code or "") != 12):
        return []
    out = []
    reviews = scope.filter(DuplicateReview.objects.filter(status=DuplicateReview.Status.PENDING)).count()
    if reviews:
        out.append(Todo(_("疑似重复人员待核对"), reverse("registry:review_list"), count=reviews, source="registry"))
    conflicts = scope.filter(MergeConflict.objects.filter(status=MergeConflict.Status.PENDING)).count()
    if conflicts:
        out.append(Todo(_("导入冲突待处理"), reverse("registry:conflict_list"), count=conflicts, source="registry"))
    staged = scope.filter(ImportBatch.objects.filter(status=ImportBatch.Status.STAGED)).count()
    if staged:
        out.append(Todo(_("台账已校验，待确认入库"), reverse("registry:import_list"), count=staged, urgency="soon",
                        source="registry"))
    return out
