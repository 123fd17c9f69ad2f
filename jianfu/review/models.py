"""Documents submitted for the 减负一致性评估, their versions, reviews and findings, and the rules a
county office added or switched off (merged with the YAML catalogue)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jianfu.core.models import TimeStampedModel


class Conclusion(models.TextChoices):
    PASS = "通过", _("通过")
    REVISE = "修改后通过", _("修改后通过")
    FAIL = "不通过", _("不通过")


class Severity(models.TextChoices):
    HIGH = "high", _("高")
    MEDIUM = "medium", _("中")
    LOW = "low", _("低")


class Document(TimeStampedModel):
    """A draft document; each upload of it is a DocumentVersion with its own Review."""

    title = models.CharField(_("标题"), max_length=200)
    kind = models.CharField(_("文种"), max_length=20, blank=True)
    org_code = models.CharField(_("所属单位"), max_length=20, db_index=True)
    department_code = models.CharField(_("起草部门"), max_length=20, blank=True, db_index=True)
    county_code = models.CharField(_("所属县"), max_length=12, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("送审文件")

    def __str__(self):
        return self.title

    @property
    def latest_version(self):
        return self.versions.order_by("-number").first()


def _upload_to(instance, filename):
    return f"review/{instance.document.county_code}/{instance.document_id}/v{instance.number}-{instance.sha256[:12]}"


class DocumentVersion(TimeStampedModel):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("版本"))
    filename = models.CharField(_("文件名"), max_length=255, blank=True)
    fmt = models.CharField(_("格式"), max_length=8)
    file = models.FileField(_("原文件"), upload_to=_upload_to, blank=True)
    text = models.TextField(_("正文"))
    size = models.PositiveIntegerField(_("字节数"), default=0)
    sha256 = models.CharField(max_length=64)
    # The higher-level document the copy-paste rule (BR-DOC-06) compared this version with, as read: a revision
    # uploaded without one is compared with its previous version's (newuser33 #1: the revision forgot it, and the
    # 照搬 finding showed as 已修改 on an unchanged copy)
    reference_filename = models.CharField(_("上级文件"), max_length=255, blank=True)
    reference_text = models.TextField(_("上级文件正文"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["document", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="review_version_unique")]

    def __str__(self):
        return f"{self.document.title} v{self.number}"


class Review(TimeStampedModel):
    version = models.OneToOneField(DocumentVersion, on_delete=models.CASCADE, related_name="review")
    previous = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    org_code = models.CharField(max_length=20, db_index=True)
    department_code = models.CharField(max_length=20, blank=True, db_index=True)
    county_code = models.CharField(max_length=12, db_index=True)
    score = models.PositiveSmallIntegerField(_("得分"))
    conclusion = models.CharField(_("结论"), max_length=8, choices=Conclusion.choices)
    kind = models.CharField(_("文种"), max_length=20, blank=True)
    issuer = models.CharField(max_length=12, blank=True)
    length = models.PositiveIntegerField(_("字数"), default=0)
    pages = models.PositiveIntegerField(null=True, blank=True)
    clause_count = models.PositiveIntegerField(default=0)
    rule_count = models.PositiveIntegerField(default=0)
    clauses = models.JSONField(default=list)  # [{"index", "text", "heading_path", "page"}]
    # pattern hits judged not to be findings: [{"rule_id", "clause", "matched", "reason"}]
    notes = models.JSONField(default=list)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # the web form's one-time token (`core.formtokens`): the same form posted twice makes one review (badinput16 #9c)
    form_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    # the token bound to what the form posted (`formtokens.key(token, scope=content digest)`): the same token with
    # another draft is not a repeat, and is refused rather than answered with this review (ADR 0036, cr18 #3)
    form_content_key = models.CharField(max_length=64, null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.version}：{self.conclusion}（{self.score}）"


class FindingOrigin(models.TextChoices):
    ENGINE = "engine", _("自动审查")
    REVIEWER = "reviewer", _("减负办补充")


class FindingStatus(models.TextChoices):
    OPEN = "open", _("有效")
    DISMISSED = "dismissed", _("已排除")


# The only transitions of a finding's status, each done by one guarded service (services.finding_dismiss /
# services.finding_restore): the office dismisses a finding with a reason, and may take that back.
FINDING_TRANSITIONS = {
    FindingStatus.OPEN: {FindingStatus.DISMISSED},
    FindingStatus.DISMISSED: {FindingStatus.OPEN},
}


class Finding(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="findings")
    county_code = models.CharField(max_length=12, db_index=True)
    rule_id = models.CharField(max_length=40, db_index=True)
    rule_name = models.CharField(max_length=100)
    group = models.CharField(max_length=10)
    severity = models.CharField(max_length=8, choices=Severity.choices)
    provision = models.TextField()
    source = models.TextField(blank=True)
    suggestion = models.TextField()
    clause_index = models.IntegerField(null=True, blank=True)
    heading = models.CharField(max_length=300, blank=True)
    page = models.PositiveIntegerField(null=True, blank=True)
    start = models.PositiveIntegerField(default=0)
    end = models.PositiveIntegerField(default=0)
    matched = models.CharField(max_length=300)
    sentence = models.TextField()
    source_index = models.IntegerField(null=True, blank=True)
    # the reviewer's own work: findings added by the office, and dismissals with their reason
    origin = models.CharField(_("来源"), max_length=10, choices=FindingOrigin.choices, default=FindingOrigin.ENGINE)
    status = models.CharField(_("状态"), max_length=10, choices=FindingStatus.choices, default=FindingStatus.OPEN,
                              db_index=True)
    reason = models.TextField(_("排除理由或补充说明"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    # a 补充 finding: sha256 of its form's one-time token (`core.formtokens`), so a double tap or back then 补充 again
    # is answered with this finding, not a second one; and the token bound to what was posted (ADR 0036; fix-token29)
    form_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    form_content_key = models.CharField(max_length=64, null=True, blank=True, editable=False)

    class Meta:
        ordering = ["review", "clause_index", "start"]

    def __str__(self):
        return f"{self.rule_id}：{self.matched}"


class RuleOverride(TimeStampedModel):
    """A county office's change to the catalogue: a YAML rule switched off, or a rule of its own
    (`definition` holds the rule in the YAML shape)."""

    county_code = models.CharField(max_length=12, db_index=True)
    org_code = models.CharField(max_length=20, db_index=True)
    rule_id = models.CharField(_("规则编号"), max_length=40)
    enabled = models.BooleanField(_("启用"), default=True)
    definition = models.JSONField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # a rule of the office's own made by the 新增审查规则 form: its one-time token's key (a double tap made CUSTOM-002
    # beside CUSTOM-001), and the token bound to what was posted (`core.formtokens`, ADR 0036; fix-token29)
    form_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    form_content_key = models.CharField(max_length=64, null=True, blank=True, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["county_code", "rule_id"], name="review_override_unique")]

    def __str__(self):
        return f"{self.rule_id}（{'启用' if self.enabled else '停用'}）"
