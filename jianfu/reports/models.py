"""Data elements, templates, manual values and the submission workflow (一表同享).

Definitions (categories, elements, templates) are stored as the same dicts the YAML files hold, and
validated by the pure engine's loader (`jianfu.reports.engine.loader.build_catalog`) before any save:
the YAML files and the web UI are two editors of one catalogue. `TemplateCell` mirrors each template's
cells as rows, for the burden metrics and "which templates ask for this element".
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jianfu.core.models import TimeStampedModel
from jianfu.reports.engine.periods import PERIOD_TYPES, period_label


class Source(models.TextChoices):
    YAML = "yaml", _("YAML 文件")
    WEB = "web", _("网页定义")


class Category(TimeStampedModel):
    code = models.CharField(_("代码"), max_length=64, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    definition = models.JSONField(_("定义"), default=dict)
    source = models.CharField(_("来源"), max_length=8, choices=Source.choices, default=Source.YAML)

    class Meta:
        ordering = ["code"]
        verbose_name = _("分类")
        verbose_name_plural = _("分类")

    def __str__(self) -> str:
        return self.name


class DataElement(TimeStampedModel):
    class Kind(models.TextChoices):
        COUNT = "count", _("计数")
        COUNT_DISTINCT = "count_distinct", _("去重计数")
        SUM = "sum", _("求和")
        RATIO = "ratio", _("比率")
        MANUAL = "manual", _("手工填报")

    code = models.CharField(_("代码"), max_length=64, unique=True)
    name = models.CharField(_("名称"), max_length=200)
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    unit = models.CharField(_("计量单位"), max_length=16, blank=True)
    definition = models.JSONField(_("定义"), default=dict)
    source = models.CharField(_("来源"), max_length=8, choices=Source.choices, default=Source.YAML)

    class Meta:
        ordering = ["code"]
        verbose_name = _("数据元素")
        verbose_name_plural = _("数据元素")

    def __str__(self) -> str:
        return self.name

    @property
    def is_manual(self) -> bool:
        return self.kind == self.Kind.MANUAL


PERIOD_TYPE_CHOICES = [(k, v) for k, v in PERIOD_TYPES.items()]


class Template(TimeStampedModel):
    code = models.CharField(_("代码"), max_length=64, unique=True)
    name = models.CharField(_("表名"), max_length=200)
    department = models.CharField(_("主管部门代码"), max_length=64)
    department_name = models.CharField(_("主管部门"), max_length=100)
    period_type = models.CharField(_("报送周期"), max_length=16, choices=PERIOD_TYPE_CHOICES)
    due_days = models.PositiveSmallIntegerField(_("期末后几日内报送"), null=True, blank=True)
    definition = models.JSONField(_("定义"), default=dict)
    source = models.CharField(_("来源"), max_length=8, choices=Source.choices, default=Source.YAML)
    is_active = models.BooleanField(_("启用"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    # the department's own xlsx form, cells bound by address (TemplateCell.address)
    form_file = models.FileField(_("部门原表"), upload_to="reports/forms/", blank=True)
    form_sheet = models.CharField(_("工作表"), max_length=100, blank=True)
    form_first_data_row = models.PositiveIntegerField(_("首个数据行"), null=True, blank=True)
    form_unit_column = models.CharField(_("单位名称列"), max_length=3, blank=True)

    class Meta:
        ordering = ["department", "code"]
        verbose_name = _("报表模板")
        verbose_name_plural = _("报表模板")

    def __str__(self) -> str:
        return self.name


class TemplateCell(models.Model):
    template = models.ForeignKey(Template, on_delete=models.CASCADE, related_name="cell_rows")
    position = models.PositiveSmallIntegerField()
    key = models.CharField(max_length=120)
    label = models.CharField(max_length=200)
    element = models.ForeignKey(DataElement, on_delete=models.PROTECT, related_name="cells")
    by = models.JSONField(default=dict, blank=True)
    address = models.CharField(max_length=8, blank=True)

    class Meta:
        ordering = ["template", "position"]
        constraints = [models.UniqueConstraint(fields=["template", "key"], name="reports_cell_unique_key")]

    def __str__(self) -> str:
        return self.label


class ManualValue(TimeStampedModel):
    """A figure entered once per village and period, reused by every template naming its element."""

    element = models.ForeignKey(DataElement, on_delete=models.PROTECT, related_name="manual_values")
    org_code = models.CharField(_("村/社区"), max_length=20, db_index=True)
    period_type = models.CharField(max_length=16, choices=PERIOD_TYPE_CHOICES)
    period = models.CharField(_("报告期"), max_length=10)
    value = models.DecimalField(_("数值"), max_digits=16, decimal_places=2)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["org_code", "period", "element"]
        constraints = [models.UniqueConstraint(fields=["element", "org_code", "period_type", "period"],
                                               name="reports_manual_unique")]
        indexes = [models.Index(fields=["period_type", "period", "org_code"], name="reports_manual_period")]

    def __str__(self) -> str:
        return f"{self.element_id}@{self.org_code}/{self.period}"


class Submission(TimeStampedModel):
    """One village's report for one template and period, through generate → fill → submit → approve."""

    class Status(models.TextChoices):
        GENERATED = "generated", _("已生成待报送")
        SUBMITTED = "submitted", _("已报送待审核")
        APPROVED = "approved", _("已审核（锁定）")
        RETURNED = "returned", _("已退回")

    template = models.ForeignKey(Template, on_delete=models.PROTECT, related_name="submissions")
    org_code = models.CharField(_("村/社区"), max_length=20, db_index=True)
    period = models.CharField(_("报告期"), max_length=10)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.GENERATED)
    values = models.JSONField(_("数值"), default=dict)  # cell key → value, as generated/filled
    auto_cells = models.PositiveSmallIntegerField(default=0)
    manual_cells = models.PositiveSmallIntegerField(default=0)
    due_date = models.DateField(_("报送期限"))
    generated_at = models.DateTimeField(_("生成时间"))
    submitted_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    return_reason = models.TextField(_("退回原因"), blank=True)
    version = models.PositiveIntegerField(default=1)
    # validation (engine.validation): the violations found at the last save/submit, and the
    # filler's comments answering the rules that ask for one (rule id → text)
    checks = models.JSONField(_("校验结果"), default=list, blank=True)
    comments = models.JSONField(_("校验说明"), default=dict, blank=True)

    class Meta:
        ordering = ["-period", "template", "org_code"]
        verbose_name = _("报表报送")
        verbose_name_plural = _("报表报送")
        constraints = [models.UniqueConstraint(fields=["template", "org_code", "period"],
                                               name="reports_submission_unique")]
        indexes = [models.Index(fields=["status", "org_code"], name="reports_submission_status")]

    def __str__(self) -> str:
        return f"{self.template.name} {self.org_code} {self.period}"

    @property
    def period_label(self) -> str:
        """The period as people read it ("2026年第3季度"), as the exported xlsx says it."""
        return period_label(self.template.period_type, self.period)

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def on_time(self) -> bool | None:
        if self.submitted_at is None:
            return None
        from django.utils import timezone

        return timezone.localdate(self.submitted_at) <= self.due_date

    @property
    def is_overdue_unsubmitted(self) -> bool:
        """Still to be submitted (generated, or returned for a new submission) and past its due date."""
        from django.utils import timezone

        return (self.status in (self.Status.GENERATED, self.Status.RETURNED)
                and timezone.localdate() > self.due_date)

    @property
    def is_overdue(self) -> bool:
        """Late: past its due date unsubmitted, or submitted after it."""
        return self.is_overdue_unsubmitted or (
            self.status not in (self.Status.GENERATED, self.Status.RETURNED) and self.on_time is False)
