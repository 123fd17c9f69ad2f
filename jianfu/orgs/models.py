from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from jianfu.core.models import TimeStampedModel


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("省级")
    PREFECTURE = "prefecture", _("地级")
    COUNTY = "county", _("县级")
    TOWN = "town", _("乡镇/街道")
    VILLAGE = "village", _("村/社区")
    GRID = "grid", _("网格")
    DEPARTMENT = "department", _("部门")


class OrgUnitQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class OrgUnit(TimeStampedModel):
    """A unit of the administrative hierarchy, a grid, or a department.

    `code` is the statistical division code (12 digits), a grid code (15) or a department code
    (12 + "D" + 2). Records elsewhere point at units by code (`org_code`), so renaming never touches
    them, and merging moves them in one audited step (services.unit_merge)."""

    code = models.CharField(_("代码"), max_length=20, unique=True)
    name = models.CharField(_("名称"), max_length=100, db_index=True)
    kind = models.CharField(_("类型"), max_length=12, choices=UnitKind.choices, db_index=True)
    level = models.PositiveSmallIntegerField(_("层级"), help_text=_("1 省 … 5 村，6 网格；部门取其上级的层级"))
    parent_code = models.CharField(_("上级代码"), max_length=20, blank=True, db_index=True)
    short_code = models.CharField(_("简码"), max_length=20, blank=True,
                                  help_text=_("部门的简称代码，如 LY（林业局）"))
    is_active = models.BooleanField(_("有效"), default=True)
    effective_from = models.DateField(_("生效日期"), null=True, blank=True)
    retired_on = models.DateField(_("撤销日期"), null=True, blank=True)
    merged_into_code = models.CharField(_("并入单位代码"), max_length=20, blank=True)
    # a grid added by the 新增网格 form: sha256 of the form's one-time token (`core.formtokens`), so a double tap or
    # back then 新增 again is answered with this grid, not a second one numbered after it; and the token bound to
    # what was posted (ADR 0036; fix-token29)
    form_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    form_content_key = models.CharField(max_length=64, null=True, blank=True, editable=False)

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        indexes = [models.Index(fields=["parent_code", "kind"])]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"

    @property
    def prefix(self) -> str:
        from jianfu.orgs.codes import significant_prefix

        return significant_prefix(self.code)


class UnitNameHistory(models.Model):
    """Earlier names of a unit, so old reports and exports can still be read."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="name_history")
    name = models.CharField(max_length=100)
    valid_until = models.DateField()

    class Meta:
        ordering = ["-valid_until"]

    def __str__(self) -> str:
        return self.name
