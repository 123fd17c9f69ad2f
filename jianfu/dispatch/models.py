"""网格通 data: the responsibility catalogue (职责清单), events and everything that happens to them.

Units and departments are `jianfu.orgs.OrgUnit` rows referred to by code (`org_code`,
`department_code`): the code is the hierarchy, and subtree/scoping queries are range scans on it.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jianfu.core.identifiers import mask_identifiers
from jianfu.core.models import TimeStampedModel
from jianfu.core.thumbnails import shown_size
from jianfu.dispatch.workflow import CLOCK_STATUSES, OPEN_STATUSES, Status


class GrassrootsRole(models.TextChoices):
    LEAD = "lead", _("主责")
    ASSIST = "assist", _("配合")
    NONE = "none", _("不承担")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("一般")
    URGENT = "urgent", _("紧急")


class Source(models.TextChoices):
    GRID = "grid", _("网格员上报")
    VILLAGE = "village", _("村（社区）干部上报")
    TOWN = "town", _("乡镇（街道）上报")
    CITIZEN = "citizen", _("群众上报")
    OPEN311 = "open311", _("外部平台（Open311）")
    API = "api", _("API")


class CatalogueVersion(TimeStampedModel):
    """One edition of a county's catalogue. Published versions are immutable in effect: editing
    means copying to a new draft and publishing it with a later `effective_from`."""

    class State(models.TextChoices):
        DRAFT = "draft", _("草稿")
        PUBLISHED = "published", _("已发布")

    org_code = models.CharField(_("所属县（市、区）代码"), max_length=20, db_index=True)
    number = models.PositiveIntegerField(_("版本号"))
    name = models.CharField(_("名称"), max_length=200)
    state = models.CharField(_("状态"), max_length=12, choices=State.choices, default=State.DRAFT)
    effective_from = models.DateField(_("生效日期"), null=True, blank=True)
    effective_to = models.DateField(_("失效日期"), null=True, blank=True)
    notes = models.TextField(_("说明"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("创建人"))

    # the copy form's one-time token (`core.formtokens`): one draft however often the form is posted (badinput16 #9c)
    form_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    # sha256 of the token bound to what the form posted (`formtokens.same_content`, ADR 0036): the same token with
    # other content is an expired form, not a repeat answered with this row
    form_content_key = models.CharField(max_length=64, null=True, blank=True, editable=False)

    class Meta:
        ordering = ["org_code", "-number"]
        constraints = [models.UniqueConstraint(fields=["org_code", "number"], name="dispatch_catver_unique")]
        verbose_name = _("职责清单版本")
        verbose_name_plural = _("职责清单版本")

    def __str__(self) -> str:
        # The shipped catalogue's name carries its own version ("… 2026.3 版"): "2026.3 版 v1" said the version twice
        # (newuser24 #3). Such a name stands alone for the county's first edition; a later edition (a copy keeps the
        # name) says which revision it is. A name without a version gets the edition number.
        if self.name.endswith("版"):
            return self.name if self.number == 1 else f"{self.name}（修订{self.number - 1}）"
        return f"{self.name}（第{self.number}版）"


class DepartmentProfile(TimeStampedModel):
    """Dispatch settings of a department (an OrgUnit of kind department, whose `short_code` is its
    catalogue key, e.g. "LY" 林业局): where its outbound notifications go."""

    org_code = models.CharField(_("部门代码"), max_length=20, unique=True)
    notify_email = models.EmailField(_("通知邮箱"), blank=True)
    notify_sms = models.CharField(_("通知短信号码"), max_length=20, blank=True)
    notify_webhook = models.URLField(_("通知 Webhook"), blank=True)

    class Meta:
        ordering = ["org_code"]
        verbose_name = _("部门派单设置")
        verbose_name_plural = _("部门派单设置")

    def __str__(self) -> str:
        return self.org_code


class Matter(TimeStampedModel):
    """事项: one line of the catalogue."""

    version = models.ForeignKey(CatalogueVersion, on_delete=models.CASCADE, related_name="matters",
                                verbose_name=_("清单版本"))
    org_code = models.CharField(_("所属县代码"), max_length=20, db_index=True)
    code = models.CharField(_("事项编码"), max_length=40)
    name = models.CharField(_("事项名称"), max_length=200)
    group = models.CharField(_("类别"), max_length=100, blank=True)
    description = models.TextField(_("事项说明"), blank=True)
    keywords = models.JSONField(_("关键词"), default=list, blank=True)
    examples = models.JSONField(_("典型表述"), default=list, blank=True)
    department_code = models.CharField(_("牵头部门"), max_length=20, db_index=True)
    cooperating_codes = models.JSONField(_("配合部门"), default=list, blank=True)
    grassroots_role = models.CharField(_("基层职责"), max_length=10, choices=GrassrootsRole.choices,
                                       default=GrassrootsRole.NONE)
    time_limit_days = models.PositiveSmallIntegerField(_("办理时限（工作日）"), default=5)
    urgent_hours = models.PositiveSmallIntegerField(_("紧急办理时限（小时）"), default=24)
    legal_basis = models.TextField(_("法律依据"), blank=True)
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["version", "group", "code"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="dispatch_matter_unique")]
        verbose_name = _("事项")
        verbose_name_plural = _("事项")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


def _token() -> str:
    return secrets.token_urlsafe(24)


class Event(TimeStampedModel):
    """A reported matter. `org_code` is the place (town/village/grid); `department_code` the
    department it is addressed to (blank while it waits in the county dispatch centre)."""

    org_code = models.CharField(_("发生地代码"), max_length=20, db_index=True)
    county_code = models.CharField(_("所属县代码"), max_length=20, db_index=True)
    text = models.TextField(_("事件描述"))
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.REPORTED)
    urgency = models.CharField(_("紧急程度"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    source = models.CharField(_("来源"), max_length=12, choices=Source.choices, default=Source.GRID)
    address = models.CharField(_("地址"), max_length=300, blank=True)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    attributes = models.JSONField(_("附加信息"), default=dict, blank=True)

    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="reported_events", verbose_name=_("上报人账号"))
    reporter_name = models.CharField(_("上报人"), max_length=100, blank=True)
    # The contact is personal data: stored encrypted, shown masked; `reporter_contact` holds only the
    # masked form (138****5678, a***@example.com). Revealing it is audited (services.event_contact_reveal).
    reporter_contact = models.CharField(_("联系方式（脱敏）"), max_length=100, blank=True)
    reporter_contact_cipher = models.TextField(blank=True)
    withhold_identity = models.BooleanField(_("对部门隐去身份"), default=False)
    client_id = models.CharField(_("接口客户端"), max_length=64, blank=True)
    feedback_token = models.CharField(max_length=64, default=_token, unique=True, editable=False)
    # 受理编号 for the reporter (HP2612000123: county initials, yymm, sequence); looked up with the phone
    case_number = models.CharField(_("受理编号"), max_length=20, unique=True, null=True, blank=True, editable=False)
    # sha256 of the one-time token of the citizens' form that filed it: a second post of the same form (the back
    # button, then 提交 again) finds this case instead of filing another (services.event_report_from_form)
    form_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    # sha256 of the token bound to what the form posted (`formtokens.same_content`, ADR 0036): the same token with
    # other content is an expired form, not a repeat answered with this row
    form_content_key = models.CharField(max_length=64, null=True, blank=True, editable=False)

    catalogue_version = models.ForeignKey(CatalogueVersion, null=True, blank=True, on_delete=models.PROTECT,
                                          related_name="events", verbose_name=_("清单版本"))
    matter = models.ForeignKey(Matter, null=True, blank=True, on_delete=models.PROTECT, related_name="events",
                               verbose_name=_("事项"))
    department_code = models.CharField(_("承办部门"), max_length=20, blank=True, db_index=True)
    routing_mode = models.CharField(_("分派方式"), max_length=20, blank=True)
    routing_confidence = models.FloatField(_("分派置信度"), null=True, blank=True)
    routing_candidates = models.JSONField(_("候选事项"), default=list, blank=True)

    dispatched_at = models.DateTimeField(_("派发时间"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("签收时间"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("关闭时间"), null=True, blank=True)
    resolution = models.TextField(_("办理结果"), blank=True)

    due_at = models.DateTimeField(_("办理期限"), null=True, blank=True)
    remind_at = models.DateTimeField(_("提醒时间"), null=True, blank=True)
    county_escalation_at = models.DateTimeField(_("升级至县时间"), null=True, blank=True)
    reminded = models.BooleanField(_("已提醒"), default=False)
    escalation_level = models.PositiveSmallIntegerField(_("督办级别"), default=0)

    suspected_duplicate_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                               related_name="suspected_duplicates",
                                               verbose_name=_("疑似重复"))
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="merged_events", verbose_name=_("合并至"))
    return_count = models.PositiveSmallIntegerField(_("退回次数"), default=0)
    reopen_count = models.PositiveSmallIntegerField(_("重办次数"), default=0)
    was_overdue = models.BooleanField(_("曾超期"), default=False)
    # When the reporter last opened the event (U03): a status change after it is shown on their workbench until they
    # open the event again. Null: never opened since reporting (the report's own time stands in).
    reporter_seen_at = models.DateTimeField(_("上报人最近查看时间"), null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["county_code", "status"], name="dispatch_ev_county_status"),
            models.Index(fields=["department_code", "status"], name="dispatch_ev_dept_status"),
            # The deadline scan reads only open events on the clock: partial indexes keep it
            # proportional to what is due, not to the table.
            models.Index(fields=["due_at"], name="dispatch_ev_due",
                         condition=Q(status__in=[s.value for s in CLOCK_STATUSES])),
            models.Index(fields=["county_escalation_at"], name="dispatch_ev_county_due",
                         condition=Q(status__in=[s.value for s in CLOCK_STATUSES])),
            models.Index(fields=["remind_at"], name="dispatch_ev_remind",
                         condition=Q(reminded=False, status__in=[s.value for s in CLOCK_STATUSES])),
        ]
        verbose_name = _("事件")
        verbose_name_plural = _("事件")

    def __str__(self) -> str:
        # what names the event in the audit log (kept for good, shown on 审计日志) and elsewhere: a phone or ID number the
        # reporter typed into the text is masked there (security34 #3: the audit page showed a citizen's mobile whole)
        return f"{self.number} {mask_identifiers(self.text)[:30]}"

    @property
    def number(self) -> str:
        return f"WG{self.pk:08d}" if self.pk else "WG--------"

    @property
    def citizen_number(self) -> str:
        """The 受理编号 as the staff pages show it: only for an event a citizen reported (in person or through an
        Open311 app, told the number to quote); every event carries one, but a grid worker's own report has no citizen
        holding it (verify15 #5)."""
        return self.case_number or "" if self.source in (Source.CITIZEN, Source.OPEN311) else ""

    @property
    def shown_number(self) -> str:
        """The one number staff pages give an event (newuser24 #1, #2): the citizen's 受理编号 where a citizen holds
        one (the number they quote on the phone, as the lists show it), else the internal WG number."""
        return self.citizen_number or self.number

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class EventPhoto(TimeStampedModel):
    class Stage(models.TextChoices):
        REPORT = "report", _("上报照片")
        RESOLVE = "resolve", _("办结照片")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="photos")
    org_code = models.CharField(max_length=20, db_index=True)
    stage = models.CharField(_("环节"), max_length=10, choices=Stage.choices, default=Stage.REPORT)
    image = models.FileField(_("照片"), upload_to="dispatch/photos/%Y/%m/")
    content_type = models.CharField(max_length=40)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["id"]
        verbose_name = _("事件照片")
        verbose_name_plural = _("事件照片")

    def __str__(self) -> str:
        return f"photo {self.pk} of event {self.event_id}"

    @property
    def shown_size(self) -> tuple[int, int]:
        """(width, height) of its thumbnail on the event page, so the page keeps its place while it loads."""
        return shown_size(self.width, self.height)


class TimelineEntry(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="timeline")
    org_code = models.CharField(max_length=20, db_index=True)
    at = models.DateTimeField(_("时间"), db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    actor_label = models.CharField(_("操作方"), max_length=100, blank=True)
    action = models.CharField(_("动作"), max_length=30)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, blank=True)
    note = models.TextField(_("说明"), blank=True)
    data = models.JSONField(default=dict, blank=True)
    public = models.BooleanField(_("对上报人可见"), default=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"


class RoutingFeedback(models.Model):
    """A human correction or a department's return: training data for the learned router."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("人工改派")
        RETURN = "return", _("部门退回")
        CONFIRM = "confirm", _("人工确认")

    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    org_code = models.CharField(max_length=20, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    text = models.TextField()
    predicted_matter_code = models.CharField(max_length=40, blank=True)
    predicted_department_code = models.CharField(max_length=20, blank=True)
    matter_code = models.CharField(_("正确事项"), max_length=40, blank=True)
    department_code = models.CharField(_("正确部门"), max_length=20, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("分派反馈")
        verbose_name_plural = _("分派反馈")

    def __str__(self) -> str:
        return f"{self.kind} {self.text[:30]}"


class Whistle(TimeStampedModel):
    """吹哨: a township summons several departments to one event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="whistles")
    org_code = models.CharField(_("吹哨乡镇"), max_length=20, db_index=True)
    blown_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(_("吹哨事由"))
    checkin_deadline = models.DateTimeField(_("报到期限"), db_index=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # sha256 of the one-time token of the 吹哨 form that made it (`core.formtokens`): a double tap, or back then 吹哨
    # again, finds this row and is answered as a repeat, not a second summons of the same departments (fix-token29)
    form_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    # the token bound to what the form posted: the same token with other departments or another 事由 is refused
    form_content_key = models.CharField(max_length=64, null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("吹哨")
        verbose_name_plural = _("吹哨")

    def __str__(self) -> str:
        return f"whistle {self.pk} on event {self.event_id}"


class WhistleSummons(models.Model):
    whistle = models.ForeignKey(Whistle, on_delete=models.CASCADE, related_name="summons")
    department_code = models.CharField(_("报到部门"), max_length=20, db_index=True)
    checked_in_at = models.DateTimeField(_("报到时间"), null=True, blank=True)
    checked_in_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    part = models.TextField(_("承担工作"), blank=True)
    escalated_at = models.DateTimeField(_("超时督办时间"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["whistle", "department_code"],
                                               name="dispatch_summons_unique")]
        verbose_name = _("报到")
        verbose_name_plural = _("报到")

    def __str__(self) -> str:
        return f"{self.department_code} for whistle {self.whistle_id}"


class Feedback(models.Model):
    """The reporter's rating of a resolution (one per resolution round)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="feedback")
    org_code = models.CharField(max_length=20, db_index=True)
    department_code = models.CharField(max_length=20, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    score = models.PositiveSmallIntegerField(_("评分"))
    satisfied = models.BooleanField(_("满意"))
    comment = models.TextField(_("意见"), blank=True)
    round = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["event", "round"], name="dispatch_feedback_round")]

    def __str__(self) -> str:
        return f"feedback {self.score} on event {self.event_id}"


class DepartmentRating(models.Model):
    """考核评价: the township rates a department's handling of one event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="ratings")
    org_code = models.CharField(_("评价乡镇"), max_length=20, db_index=True)
    department_code = models.CharField(max_length=20, db_index=True)
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    score = models.PositiveSmallIntegerField(_("评分"))
    comment = models.TextField(_("评语"), blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["event", "department_code"], name="dispatch_rating_unique")]

    def __str__(self) -> str:
        return f"{self.department_code} {self.score} on event {self.event_id}"


class Notification(models.Model):
    """One outbound message (email / SMS / webhook), kept so sending is retried and auditable."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("邮件")
        SMS = "sms", _("短信")
        WEBHOOK = "webhook", _("Webhook")

    class State(models.TextChoices):
        PENDING = "pending", _("待发送")
        SENDING = "sending", _("发送中")
        SENT = "sent", _("已发送")
        FAILED = "failed", _("发送失败")

    org_code = models.CharField(max_length=20, db_index=True)
    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    recipient = models.CharField(max_length=300)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # While `sending`, the worker that claimed the message holds it until then; a worker killed mid-send
    # leaves the claim to lapse, and the message is sent again with the same message id.
    claimed_until = models.DateTimeField(null=True, blank=True)
    dedupe_key = models.CharField(max_length=120, unique=True, null=True, blank=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.channel} to {self.recipient}: {self.subject}"


class PendingNotice(models.Model):
    """An event change whose messages (`tasks.notify_event`) are still to be queued: written in the change's own
    transaction, deleted by the task once the messages are stored. huey drops a task its worker was SIGKILLed in the
    middle of (it is off the queue by then), so a notice left here past `tasks.NOTICE_LOST` is run again by the
    periodic `pending_notices_task`; the messages' dedupe keys name the notice, so a run again stores none twice
    (badinput32 #2). `event_id` is no foreign key: an event deleted meanwhile leaves a notice that runs to nothing.
    `attempts`: the periodic runs whose `notify_event` raised for this notice (fix-cr32b #7); at
    `tasks.NOTICE_ATTEMPTS` it is given up (deleted, logged at ERROR)."""

    kind = models.CharField(max_length=20)
    event_id = models.BigIntegerField()
    extra = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.event_id}"


class ExtensionRequest(TimeStampedModel):
    """申请延期: the handling department asks for more time; the township (or the county office)
    approves — the deadline moves — or refuses. At most one pending request per event."""

    class State(models.TextChoices):
        PENDING = "pending", _("待审批")
        APPROVED = "approved", _("已同意")
        REFUSED = "refused", _("已驳回")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="extensions")
    org_code = models.CharField(max_length=20, db_index=True)
    department_code = models.CharField(_("申请部门"), max_length=20, db_index=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(_("延期理由"))
    workdays = models.PositiveSmallIntegerField(_("延长工作日"))
    old_due_at = models.DateTimeField(_("原办理期限"), null=True, blank=True)
    new_due_at = models.DateTimeField(_("申请延至"))
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_note = models.TextField(_("审批意见"), blank=True)

    class Meta:
        ordering = ["-id"]
        constraints = [models.UniqueConstraint(fields=["event"], condition=Q(state="pending"),
                                               name="dispatch_extension_one_pending")]
        verbose_name = _("延期申请")
        verbose_name_plural = _("延期申请")

    def __str__(self) -> str:
        return f"extension {self.pk} of event {self.event_id}"


class EventAssist(models.Model):
    """协办: another department involved in an event without taking it over; it sees the event and
    records its part, the lead department keeps the deadline."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="assists")
    org_code = models.CharField(max_length=20, db_index=True)
    department_code = models.CharField(_("协办部门"), max_length=20, db_index=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(_("协办事项"), blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["event", "department_code"], name="dispatch_assist_unique")]
        verbose_name = _("协办")
        verbose_name_plural = _("协办")

    def __str__(self) -> str:
        return f"{self.department_code} assists event {self.event_id}"


class CaseCounter(models.Model):
    """The last sequence number given out per case-number prefix and month (HP + 2612)."""

    key = models.CharField(max_length=16, unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key}: {self.last}"


class UnitLocation(models.Model):
    """A village's (or grid's) reference point, for "find my village from the phone's location".
    Optional: without points the form says so and the person chooses township then village."""

    org_code = models.CharField(max_length=20, unique=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6)
    longitude = models.DecimalField(max_digits=9, decimal_places=6)

    def __str__(self) -> str:
        return f"{self.org_code} @ {self.latitude},{self.longitude}"


class HeldPhoto(models.Model):
    """A photo a form's post brought that passed its checks while the post was refused for another field, kept a short
    while so the corrected post attaches it (browsers cannot refill a file input: newuser23 #1; `core.heldphotos`).

    It belongs to one holding — `holding`, sha256 of a secret the re-rendered form carries hidden — and to the browser
    session that posted it (`owner`, sha256 of a secret kept in that session): another session, or another address
    with the same page, can neither see nor attach it. `sender` (an HMAC of the client address, `heldphotos._sender`)
    bounds what one address may hold at once on the citizens' form, `account` what one staff account may. Stored as
    sent once its header passed (`photos.check_photo`: nothing is decoded for a refused post, security22 #1), under a
    name of its own — it is decoded and re-encoded by the post that attaches it, as any photo; its preview's thumbnail
    is made on first request, beside it. Never served whole. Rows past `expires_at` are
    deleted, with their files, by the next holding and by an hourly sweep."""

    holding = models.CharField(max_length=64, db_index=True)
    owner = models.CharField(max_length=64, db_index=True)
    sender = models.CharField(max_length=64, db_index=True, blank=True)
    # the staff account that held it (None on the citizens' form): what one account holds is capped over all its
    # sessions, apart from the citizens' address caps (security24 L1). An id, not a key: a row lives an hour
    account = models.PositiveIntegerField(null=True, blank=True, db_index=True)
    image = models.FileField(upload_to="held/%Y/%m/%d/")
    name = models.CharField(max_length=100, blank=True)   # the file's name as sent, shown beside its preview
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"held photo {self.pk}"
