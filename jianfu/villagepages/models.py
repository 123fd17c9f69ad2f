"""Public village pages: each village's 《服务群众事项清单》 — what it does for residents, where, when,
with which materials — in versions: the village edits one, the township approves it, the approved
one is public (no login) as a page and an A4 poster."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jianfu.core.models import TimeStampedModel
from jianfu.villagepages.workflow import Status


class ServiceList(TimeStampedModel):
    org_code = models.CharField(_("村（社区）代码"), max_length=20, db_index=True)
    number = models.PositiveIntegerField(_("版本号"))
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True)
    office_address = models.CharField(_("办公地点"), max_length=200, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=200, blank=True)
    office_phone = models.CharField(_("办公电话"), max_length=40, blank=True)
    note = models.TextField(_("说明"), blank=True)
    review_note = models.CharField(_("审核意见"), max_length=500, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("审核人"))

    class Meta:
        ordering = ["org_code", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["org_code", "number"], name="villagepages_list_version_unique"),
            models.UniqueConstraint(fields=["org_code"], condition=models.Q(status="approved"),
                                    name="villagepages_one_public_list"),
            models.UniqueConstraint(fields=["org_code"], condition=models.Q(status__in=["draft", "returned", "submitted"]),
                                    name="villagepages_one_open_list"),
        ]
        verbose_name = _("服务群众事项清单")
        verbose_name_plural = _("服务群众事项清单")

    def __str__(self) -> str:
        return f"{self.org_code} v{self.number}"


class ServiceItem(models.Model):
    service_list = models.ForeignKey(ServiceList, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(_("序号"))
    name = models.CharField(_("服务事项"), max_length=100)
    place = models.CharField(_("办理地点"), max_length=100, blank=True)
    hours = models.CharField(_("办理时间"), max_length=100, blank=True)
    materials = models.TextField(_("所需材料"), blank=True)
    time_limit = models.CharField(_("办理时限"), max_length=60, blank=True)
    # what a certificate item rests on: the township is told to check it, and a list returned for it had nowhere to
    # write it (newuser33 #2)
    basis = models.CharField(_("依据"), max_length=200, blank=True)

    class Meta:
        ordering = ["service_list", "position", "id"]
        verbose_name = _("服务事项")
        verbose_name_plural = _("服务事项")

    def __str__(self) -> str:
        return self.name
