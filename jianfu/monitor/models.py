"""减负监测: the burden ledgers, the rules held against them, their findings, and typical-problem notices.

Every ledger row records one burden put on the grassroots: who caused it (`issuer_code`, an org unit —
usually a county department) and where it landed (`org_code`: the county when it went to every
township, a town, or the village that recorded it). A department files what it issues; a village or
township records what it received (`recorded_as`). Rows are read through `scope_for` with
`department_field="issuer_code"`, so a department sees exactly the rows it caused."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jianfu.core.models import TimeStampedModel
from jianfu.core.pii import mask_audit_text


class LedgerKind(models.TextChoices):
    DOCUMENT = "document", _("发文")
    MEETING = "meeting", _("会议")
    INSPECTION = "inspection", _("督查检查考核")
    APP = "app", _("政务应用")
    SECONDMENT = "secondment", _("借调")
    PLAQUE = "plaque", _("村级牌子")
    ACTIVITY = "activity", _("创建示范与节庆展会论坛")
    DEMAND = "demand", _("村级工作事项与证明")


class RecordedAs(models.TextChoices):
    # who entered the row, in plain words (造成方填报 / 承受方记录 read as jargon, newuser24 #3): the issuing
    # department itself, or the county office entering it for the issuer; else the unit that received it
    ISSUER = "issuer", _("提出要求的单位或减负办")
    BEARER = "bearer", _("被要求的单位自己")


class Severity(models.TextChoices):
    INFO = "info", _("提示")
    LOW = "low", _("低")
    MEDIUM = "medium", _("中")
    HIGH = "high", _("高")


class LedgerRow(TimeStampedModel):
    org_code = models.CharField(_("承受单位"), max_length=20, db_index=True)
    county_code = models.CharField(_("所属县"), max_length=12, db_index=True)
    issuer_code = models.CharField(_("造成单位"), max_length=20, db_index=True)
    issuer_name = models.CharField(_("造成单位名称"), max_length=100)
    date = models.DateField(_("日期"), db_index=True)
    title = models.CharField(_("名称"), max_length=200)
    note = models.TextField(_("备注"), blank=True)
    recorded_as = models.CharField(_("由谁登记"), max_length=8, choices=RecordedAs.choices, default=RecordedAs.ISSUER)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    # sha256 of the one-time token of the form that created it (the dispatch form's mechanism, badinput15 #2): a
    # double click or a replay of the same form finds this row instead of creating another
    form_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    # the token bound to what the form posted (`formtokens.key(token, scope=content digest)`): the same token with
    # other content is not a repeat, and is refused rather than answered with this row (ADR 0036, cr18 #3)
    form_content_key = models.CharField(max_length=64, null=True, blank=True, editable=False)

    class Meta:
        abstract = True
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        # the audit log's name of the row: ID and phone numbers typed into a title masked (security35 #3)
        return f"{self.issuer_name}：{mask_audit_text(self.title)}（{self.date}）"


class DocumentKind(models.TextChoices):
    COMPREHENSIVE = "comprehensive", _("部署综合性工作")
    SPECIAL = "special", _("部署专项工作或具体任务")
    GENERAL = "general", _("其他文件")


class LedgerDocument(LedgerRow):
    doc_kind = models.CharField(_("文件类型"), max_length=16, choices=DocumentKind.choices,
                                default=DocumentKind.GENERAL)
    length = models.PositiveIntegerField(_("字数"), default=0)
    filename = models.CharField(_("文件名"), max_length=255, blank=True)
    file = models.FileField(_("原文件"), upload_to="monitor/documents/%Y/%m/", blank=True)
    review = models.ForeignKey("review.Review", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", verbose_name=_("减负一致性评估记录"))
    asks_report_back = models.BooleanField(_("要求报送贯彻落实情况"), default=False)

    class Meta(LedgerRow.Meta):
        verbose_name = _("发文台账")
        verbose_name_plural = _("发文台账")
        indexes = [models.Index(fields=["county_code", "date"], name="monitor_doc_county_date")]


class MeetingKind(models.TextChoices):
    COMPREHENSIVE = "comprehensive", _("综合性工作会议")
    BUSINESS = "business", _("业务工作会议")
    RELAY = "relay", _("传达部署会议")
    STATUTORY = "statutory", _("法定会议")


class LedgerMeeting(LedgerRow):
    level = models.CharField(_("会议层级"), max_length=12, default="county")
    meeting_kind = models.CharField(_("会议类型"), max_length=16, choices=MeetingKind.choices,
                                    default=MeetingKind.BUSINESS)
    duration_minutes = models.PositiveIntegerField(_("会议时长（分钟）"))
    speech_minutes = models.PositiveIntegerField(_("主要讲话时长（分钟）"), default=0)
    convened_by_deputy = models.BooleanField(_("分管负责同志召集"), default=False)
    township_heads_required = models.BooleanField(_("要求乡镇主要负责同志参加"), default=False)
    village_secretaries_required = models.BooleanField(_("要求村（社区）书记参加"), default=False)
    relayed = models.BooleanField(_("层层陪会"), default=False)
    by_video = models.BooleanField(_("视频会议"), default=False)

    class Meta(LedgerRow.Meta):
        verbose_name = _("会议台账")
        verbose_name_plural = _("会议台账")
        indexes = [models.Index(fields=["county_code", "date"], name="monitor_meeting_county_date")]


class LedgerInspection(LedgerRow):
    in_annual_plan = models.BooleanField(_("列入年度计划"), default=False)
    filing_no = models.CharField(_("备案号"), max_length=60, blank=True)
    comprehensive = models.BooleanField(_("综合性督查检查考核"), default=False)
    emergency = models.BooleanField(_("安全生产或自然灾害防治类"), default=False)
    onsite_visits = models.PositiveIntegerField(_("实地督查次数"), default=0)
    forms_demanded = models.PositiveIntegerField(_("要求填报表格数"), default=0)
    photos_demanded = models.PositiveIntegerField(_("要求提供照片数"), default=0)
    ledgers_demanded = models.PositiveIntegerField(_("要求提供台账数"), default=0)
    demanded_from = models.CharField(_("材料要求对象"), max_length=100, blank=True)

    class Meta(LedgerRow.Meta):
        verbose_name = _("督查检查考核台账")
        verbose_name_plural = _("督查检查考核台账")
        indexes = [models.Index(fields=["county_code", "date"], name="monitor_insp_county_date")]


class LedgerApp(LedgerRow):
    filing_no = models.CharField(_("备案编号"), max_length=60, blank=True)
    grassroots_facing = models.BooleanField(_("面向基层使用"), default=True)
    in_use = models.BooleanField(_("仍在使用"), default=True)
    check_in = models.BooleanField(_("打卡签到"), default=False)
    points = models.BooleanField(_("积分"), default=False)
    ranking = models.BooleanField(_("排名通报"), default=False)
    online_time = models.BooleanField(_("在线时长"), default=False)
    download_target = models.BooleanField(_("下载率/安装率考核"), default=False)
    repeat_filling = models.BooleanField(_("重复填报"), default=False)

    class Meta(LedgerRow.Meta):
        verbose_name = _("政务应用台账")
        verbose_name_plural = _("政务应用台账")


class LedgerSecondment(LedgerRow):
    from_unit_code = models.CharField(_("借出单位"), max_length=20)
    from_unit_level = models.CharField(_("借出单位层级"), max_length=12)
    people = models.PositiveIntegerField(_("人数"), default=1)
    months = models.PositiveIntegerField(_("借调时长（月）"))
    approved = models.BooleanField(_("已履行审批"), default=False)

    class Meta(LedgerRow.Meta):
        verbose_name = _("借调台账")
        verbose_name_plural = _("借调台账")


class PlaquePlacement(models.TextChoices):
    OUTSIDE = "outside", _("室外")
    INSIDE = "inside", _("室内")


class PlaqueStatus(models.TextChoices):
    KEPT = "kept", _("保留")
    REMOVED = "removed", _("已摘除")


class LedgerPlaque(LedgerRow):
    placement = models.CharField(_("位置"), max_length=8, choices=PlaquePlacement.choices)
    status = models.CharField(_("状态"), max_length=8, choices=PlaqueStatus.choices, default=PlaqueStatus.KEPT)

    class Meta(LedgerRow.Meta):
        verbose_name = _("村级牌子台账")
        verbose_name_plural = _("村级牌子台账")


class ActivityKind(models.TextChoices):
    CREATION = "creation", _("创建示范")
    APPRAISAL = "appraisal", _("评比表彰")
    FESTIVAL = "festival", _("节庆")
    EXHIBITION = "exhibition", _("展会")
    FORUM = "forum", _("论坛")


class LedgerActivity(LedgerRow):
    activity_kind = models.CharField(_("活动类型"), max_length=12, choices=ActivityKind.choices)
    approved = models.BooleanField(_("已经批准"), default=False)
    approval_no = models.CharField(_("批准文号"), max_length=60, blank=True)
    fees_yuan = models.PositiveIntegerField(_("收费或摊派（元）"), default=0)

    class Meta(LedgerRow.Meta):
        verbose_name = _("创建示范与节庆展会论坛台账")
        verbose_name_plural = _("创建示范与节庆展会论坛台账")


class DemandKind(models.TextChoices):
    WORK_ITEM = "work_item", _("村级工作事项")
    CERTIFICATE = "certificate", _("证明事项")


class LedgerDemand(LedgerRow):
    demand_kind = models.CharField(_("类型"), max_length=12, choices=DemandKind.choices)
    in_access_list = models.BooleanField(_("列入准入清单或保留证明事项清单"), default=False)
    times = models.PositiveIntegerField(_("次数"), default=1)

    class Meta(LedgerRow.Meta):
        verbose_name = _("村级工作事项与证明台账")
        verbose_name_plural = _("村级工作事项与证明台账")


LEDGER_MODELS: dict[str, type[LedgerRow]] = {
    LedgerKind.DOCUMENT: LedgerDocument,
    LedgerKind.MEETING: LedgerMeeting,
    LedgerKind.INSPECTION: LedgerInspection,
    LedgerKind.APP: LedgerApp,
    LedgerKind.SECONDMENT: LedgerSecondment,
    LedgerKind.PLAQUE: LedgerPlaque,
    LedgerKind.ACTIVITY: LedgerActivity,
    LedgerKind.DEMAND: LedgerDemand,
}


# ------------------------------------------------------------------------------------------- rules

class Rule(TimeStampedModel):
    """One rule held against a ledger: a check of the pure engine (`monitor.rules.checks`) with its
    threshold, its citation and its severity. `county_code` empty: a rule of the Provisions, seeded
    for everyone; a county code: that county office's local rule. A county switches a national rule
    off with a `RuleSwitch`, its own rules with `enabled`."""

    code = models.CharField(_("规则编号"), max_length=40)
    name = models.CharField(_("规则名称"), max_length=100)
    ledger = models.CharField(_("台账"), max_length=12, choices=LedgerKind.choices)
    check_name = models.CharField(_("检查方法"), max_length=40)
    threshold = models.IntegerField(_("阈值"), null=True, blank=True)
    params = models.JSONField(_("参数"), default=dict, blank=True)
    citation = models.TextField(_("依据"))
    scope = models.CharField(_("适用范围"), max_length=200, blank=True)
    severity = models.CharField(_("严重程度"), max_length=8, choices=Severity.choices, default=Severity.MEDIUM)
    county_code = models.CharField(_("所属县（空为全国）"), max_length=12, blank=True, db_index=True)
    enabled = models.BooleanField(_("启用"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["county_code", "code"]
        verbose_name = _("减负规则")
        verbose_name_plural = _("减负规则")
        constraints = [models.UniqueConstraint(fields=["county_code", "code"], name="monitor_rule_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_local(self) -> bool:
        return bool(self.county_code)


class RuleSwitch(TimeStampedModel):
    """A county office's switch for a national rule (off, or back on)."""

    county_code = models.CharField(max_length=12, db_index=True)
    rule = models.ForeignKey(Rule, on_delete=models.CASCADE, related_name="switches")
    enabled = models.BooleanField(default=False)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["county_code", "rule"], name="monitor_rule_switch_unique")]


# ---------------------------------------------------------------------------------------- findings

class FindingStatus(models.TextChoices):
    OPEN = "open", _("待处理")
    CONFIRMED = "confirmed", _("已确认，督促整改")
    DISMISSED = "dismissed", _("不属于问题")
    RECTIFIED = "rectified", _("已整改")


class FindingSource(models.TextChoices):
    ENGINE = "engine", _("规则检查")
    MANUAL = "manual", _("人工登记")
    DIRECTLINE = "directline", _("基层减负直通车")


class FindingsRefresh(models.Model):
    """The debounce marker of one county-year's re-evaluation (services.findings_refresh_*).

    Every ledger or rule write bumps `requested` (and `requested_at`) in its own transaction; a bulk write
    (an import, an API batch, or the third of single saves each within seconds of the one before: `rapid`) also
    sets `burst_at`. The first write after a run sets `queued` and enqueues one
    task, later writes only bump. The task runs at once after a single save; within a burst it waits for a
    quiet spell (no bulk write for the quiet window, or the maximum wait since it was queued), then claims the marker (queued → false, remembering `requested`), evaluates, and records `done` in
    the evaluation's transaction. `requested > done` with nothing queued, or queued long ago (a killed
    worker, a lost task) is picked up by the periodic sweep — queued again at most once per REFRESH_REQUEUE_EVERY
    while no task claims it (`requeued_at`), so a slow queue is not fed a duplicate check every pass."""

    county_code = models.CharField(max_length=12)
    year = models.PositiveSmallIntegerField()
    requested = models.PositiveIntegerField(default=0)
    requested_at = models.DateTimeField(null=True, blank=True)
    burst_at = models.DateTimeField(null=True, blank=True)   # the last bulk write
    rapid = models.PositiveIntegerField(default=0)   # single saves in a row, each soon after the write before (mend22b)
    done = models.PositiveIntegerField(default=0)
    queued = models.BooleanField(default=False)
    queued_at = models.DateTimeField(null=True, blank=True)
    requeued_at = models.DateTimeField(null=True, blank=True)   # the last re-queue of a task not yet claimed (mend23a)
    runs = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["county_code", "year"], name="monitor_refresh_unique")]

    def __str__(self) -> str:
        return f"{self.county_code} {self.year}: {self.done}/{self.requested}"


class Finding(TimeStampedModel):
    county_code = models.CharField(max_length=12, db_index=True)
    org_code = models.CharField(_("承受单位"), max_length=20, db_index=True)
    issuer_code = models.CharField(_("责任单位"), max_length=20, db_index=True)
    issuer_name = models.CharField(_("责任单位名称"), max_length=100)
    rule = models.ForeignKey(Rule, null=True, blank=True, on_delete=models.SET_NULL, related_name="findings")
    rule_code = models.CharField(_("规则编号"), max_length=40, blank=True, db_index=True)
    category = models.CharField(_("问题类别"), max_length=40)
    ledger = models.CharField(_("台账"), max_length=12, choices=LedgerKind.choices, blank=True)
    row_id = models.PositiveIntegerField(null=True, blank=True)
    severity = models.CharField(_("严重程度"), max_length=8, choices=Severity.choices, default=Severity.MEDIUM)
    summary = models.TextField(_("问题摘要"))
    year = models.PositiveSmallIntegerField(_("年度"), db_index=True)
    month = models.PositiveSmallIntegerField(_("月份"))
    status = models.CharField(_("状态"), max_length=12, choices=FindingStatus.choices, default=FindingStatus.OPEN)
    source = models.CharField(_("来源"), max_length=12, choices=FindingSource.choices, default=FindingSource.ENGINE)
    source_ref = models.CharField(_("来源编号"), max_length=64, blank=True)
    resolution = models.TextField(_("处理说明"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["-year", "-month", "-id"]
        verbose_name = _("减负问题")
        verbose_name_plural = _("减负问题")
        indexes = [models.Index(fields=["county_code", "year", "source"], name="monitor_finding_county_year")]

    def __str__(self) -> str:
        return f"{self.rule_code or self.category}：{mask_audit_text(self.summary)[:60]}"     # security35 #3: masked, then cut (a cut number is no number)


# ----------------------------------------------------------------------------- typical-problem notices

class NoticeLevel(models.TextChoices):
    CENTRAL = "central", _("中央层面")
    PROVINCIAL = "provincial", _("省级")
    MUNICIPAL = "municipal", _("市级")
    COUNTY = "county", _("县级")


class ProblemCategory(models.TextChoices):
    DOCUMENTS_MEETINGS = "documents_meetings", _("文山会海")
    INSPECTIONS = "inspections", _("督查检查考核过多过频、过度留痕")
    FINGERTIP = "fingertip", _("指尖上的形式主义")
    SECONDMENT = "secondment", _("违规借调")
    PLAQUES = "plaques", _("牌子多、证明多")
    CREATION = "creation", _("违规创建示范、评比表彰")
    FESTIVALS = "festivals", _("节庆展会论坛泛滥、摊派")
    ESCALATION = "escalation", _("层层加码、不切实际指标")
    VANITY = "vanity", _("政绩工程、面子工程")
    OTHER = "other", _("其他")


class RectificationStatus(models.TextChoices):
    PENDING = "pending", _("未整改")
    ONGOING = "ongoing", _("整改中")
    DONE = "done", _("已整改")
    UNKNOWN = "unknown", _("未公布")


class NoticeStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")


class Notice(TimeStampedModel):
    """A typical-problem notice (典型问题通报). Notices whose cases are not itemised here (the seed's
    provincial and municipal totals) carry their count in `declared_cases`."""

    level = models.CharField(_("层级"), max_length=12, choices=NoticeLevel.choices)
    batch = models.CharField(_("批次"), max_length=40, blank=True)
    date = models.DateField(_("通报日期"))
    issuer = models.CharField(_("通报机关"), max_length=120)
    title = models.CharField(_("标题"), max_length=200)
    declared_cases = models.PositiveIntegerField(_("通报问题数"), default=0)
    declared_batches = models.PositiveIntegerField(_("通报批次数"), default=1)
    is_tally = models.BooleanField(_("汇总数（未逐案登记）"), default=False)
    source = models.CharField(_("来源"), max_length=300, blank=True)
    synthetic = models.BooleanField(_("演示用虚构数据"), default=False)
    county_code = models.CharField(max_length=12, blank=True, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    body = models.TextField(_("正文"), blank=True)
    # A county's own notice starts as a draft only the county office sees; 发布 (services.notice_publish, audited)
    # shows it to everyone who reads notices. Central/provincial/municipal notices, and every notice made before
    # session 16, are published.
    status = models.CharField(_("状态"), max_length=10, choices=NoticeStatus.choices, default=NoticeStatus.PUBLISHED,
                              db_index=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    # sha256 of the one-time token of the form that created it (`core.formtokens`, fix-back16): back then 提交, a
    # double click or two posts at once find this row instead of creating another
    form_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    # the token bound to what the form posted: the same token with other content is refused (ADR 0036, cr18 #3)
    form_content_key = models.CharField(max_length=64, null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("典型问题通报")
        verbose_name_plural = _("典型问题通报")

    def __str__(self) -> str:
        return self.title


class NoticeRead(models.Model):
    """That an account has opened a published notice of its county (mend31 #2): the 工作台's 未读的典型问题通报 counts
    the county's published notices an account has no row for. Written when the notice's page is shown
    (`services.notice_mark_read`); not audited — opening a page changes no business fact (as an event's reporter_seen_at)."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(_("阅读时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("通报阅读记录")
        verbose_name_plural = _("通报阅读记录")
        constraints = [models.UniqueConstraint(fields=["notice", "user"], name="monitor_notice_read_unique")]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.notice_id}"


class NoticeCase(TimeStampedModel):
    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="cases")
    place = models.CharField(_("地方或单位"), max_length=120)
    category = models.CharField(_("问题类别"), max_length=24, choices=ProblemCategory.choices)
    summary = models.TextField(_("问题摘要"))
    rectification = models.CharField(_("整改情况"), max_length=12, choices=RectificationStatus.choices,
                                     default=RectificationStatus.UNKNOWN)
    # the latest move of the rectification (the audit trail holds every move)
    rectification_date = models.DateField(_("整改情况日期"), null=True, blank=True)
    rectification_note = models.TextField(_("整改说明"), blank=True)
    # sha256 of the one-time token of the 添加案例 form that created it (`core.formtokens`, fix-monitor26b #1): a
    # double click or back then 添加 finds this case instead of adding a second
    form_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    # the token bound to what the form posted: the same token with other content is refused (ADR 0036)
    form_content_key = models.CharField(max_length=64, null=True, blank=True, editable=False)
    # who added it: a replayed 添加案例 token is answered with the case only to that account (sec26 #3)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)

    class Meta:
        ordering = ["notice", "id"]
        verbose_name = _("通报案例")
        verbose_name_plural = _("通报案例")

    def __str__(self) -> str:
        return f"{mask_audit_text(self.place)}：{mask_audit_text(self.summary)[:40]}"     # security35 #3: masked, then cut


class LedgerUpload(TimeStampedModel):
    """One 从 Excel 导入 of a ledger through the web form, kept for its one-time token (fix30b #3): the same form
    posted again — a double tap, back then 导入 — is answered with what this one imported, not imported a second time
    (whose rows the import skips as duplicates, but which said "已导入 0 行" and audited a second import)."""

    kind = models.CharField(_("台账"), max_length=16, choices=LedgerKind.choices)
    source = models.CharField(_("文件名"), max_length=200, blank=True)
    imported = models.PositiveIntegerField(_("导入行数"), default=0)
    skipped = models.PositiveIntegerField(_("跳过行数"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)
    # sha256 of the form's one-time token (`core.formtokens`), and the token bound to the file and the ledger
    # posted: the same token with another file is refused rather than answered with this upload (ADR 0036)
    form_key = models.CharField(max_length=64, unique=True, editable=False)
    form_content_key = models.CharField(max_length=64, editable=False)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("台账导入")
        verbose_name_plural = _("台账导入")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.source}"
