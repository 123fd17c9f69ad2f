"""基层减负直通车 data. What a reporter sends exists here only sealed to the county's public key.

Deliberately absent from a report: any user, session, address or precise time. Reports, messages and
attachments carry a *date* (not a timestamp) and no TimeStampedModel, so the database cannot be
lined up against a web server's access log to the second. See docs/directline.md."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jianfu.core.models import TimeStampedModel
from jianfu.directline.workflow import Status


class Category(models.TextChoices):
    DOCUMENT = "document", _("文件多、文件长")
    MEETING = "meeting", _("会议多、陪会")
    INSPECTION = "inspection", _("督查检查考核过多")
    MATERIALS = "materials", _("索要材料、台账、留痕")
    APP = "app", _("政务应用程序打卡、排名、刷量")
    PLAQUE = "plaque", _("挂牌过多")
    SECONDMENT = "secondment", _("借调基层人员")
    CAMPAIGN = "campaign", _("创建示范、评比达标、节庆论坛")
    CERTIFICATE = "certificate", _("要求开具证明、摊派事项")
    OTHER = "other", _("其他形式主义问题")


class CountyKey(TimeStampedModel):
    """A county's direct-line key pair: the public half here, the private half only in handler slots."""

    org_code = models.CharField(_("县（市、区）代码"), max_length=20, db_index=True)
    public_key = models.BinaryField(_("公钥"))
    fingerprint = models.CharField(_("公钥指纹"), max_length=24)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["org_code", "-id"]
        constraints = [models.UniqueConstraint(fields=["org_code"], condition=models.Q(is_active=True),
                                               name="directline_one_active_key_per_county")]
        verbose_name = _("直通车县级密钥")
        verbose_name_plural = _("直通车县级密钥")

    def __str__(self) -> str:
        return f"{self.org_code} {self.fingerprint}"


class HandlerSlot(TimeStampedModel):
    """A designated handler: the county's private key, openable only with this account's own passphrase.

    Two layouts (docs/directline.md, ADR 0022):
    - *personal* (`handler_public` set): the handler has an X25519 key pair of their own, its private
      half wrapped under scrypt(passphrase); `wrapped_private` is the county's private key *sealed* to
      the handler's public key. A key rotation can therefore hand a new county key to every handler
      without knowing their passphrases.
    - *legacy* (`handler_public` empty): `wrapped_private` is the county's private key wrapped directly
      under scrypt(passphrase). Upgraded to the personal layout at the handler's next unlock."""

    county_key = models.ForeignKey(CountyKey, on_delete=models.CASCADE, related_name="slots")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="directline_slots",
                             verbose_name=_("办理人账号"))
    salt = models.BinaryField()
    log_n = models.PositiveSmallIntegerField(default=15)
    wrapped_private = models.BinaryField()
    handler_public = models.BinaryField(default=b"", blank=True)
    handler_private_wrapped = models.BinaryField(default=b"", blank=True)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)

    class Meta:
        ordering = ["county_key", "user_id"]
        constraints = [models.UniqueConstraint(fields=["county_key", "user"], name="directline_one_slot_per_user")]
        verbose_name = _("直通车办理人")
        verbose_name_plural = _("直通车办理人")

    def __str__(self) -> str:
        return f"{self.user} @ {self.county_key.org_code}"


class KeyRotation(TimeStampedModel):
    """One change of a county's key pair, with every report re-sealed from the old key to the new one.

    While it runs, `old_private_sealed` holds the old private key sealed to the *new* public key, so any
    handler of the new key can resume an interrupted rotation; it is blanked when the rotation ends,
    together with every slot of the old key (the old private key then exists nowhere in the database)."""

    class State(models.TextChoices):
        RUNNING = "running", _("进行中")
        DONE = "done", _("已完成")

    org_code = models.CharField(_("县（市、区）代码"), max_length=20, db_index=True)
    old_key = models.ForeignKey(CountyKey, on_delete=models.PROTECT, related_name="+")
    new_key = models.ForeignKey(CountyKey, on_delete=models.PROTECT, related_name="+")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.RUNNING)
    old_private_sealed = models.BinaryField(default=b"", blank=True)
    total = models.PositiveIntegerField(_("待重新加密的反映数"), default=0)
    resealed = models.PositiveIntegerField(_("已重新加密的反映数"), default=0)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        constraints = [models.UniqueConstraint(fields=["org_code"], condition=models.Q(state="running"),
                                               name="directline_one_running_rotation_per_county")]
        verbose_name = _("直通车密钥更换")
        verbose_name_plural = _("直通车密钥更换")

    def __str__(self) -> str:
        return f"{self.org_code} {self.old_key_id} → {self.new_key_id}"

    def aad(self) -> str:
        return f"directline:rotation:{self.old_key_id}:{self.new_key_id}"


class DigestRun(models.Model):
    """One handlers' digest of one county at one fixed time (09:00 or 15:00 of a working day), written in
    the same transaction that releases the reports and queues the messages: a digest that committed is
    never sent again for that time, and one whose worker died left nothing and is sent by the next run."""

    org_code = models.CharField(max_length=20)
    slot = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["org_code", "slot"], name="directline_one_digest_per_slot")]

    def __str__(self) -> str:
        return f"{self.org_code} {self.slot:%Y-%m-%d %H:%M}"


class Enrolment(TimeStampedModel):
    """A handler invited by an unlocked handler: the private key wrapped under a one-time code that
    the invitee types with a passphrase of their own choosing (which the inviter never learns)."""

    county_key = models.ForeignKey(CountyKey, on_delete=models.CASCADE, related_name="enrolments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    code_hash = models.CharField(max_length=64, unique=True)
    wrapped_private = models.BinaryField()
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = _("直通车办理人邀请")

    def __str__(self) -> str:
        return f"{self.user} ← {self.invited_by}"


class Report(models.Model):
    """One report. `org_code` is the township the reporter chose (or the county when they chose none)."""

    uid = models.CharField(max_length=32, unique=True)
    county_key = models.ForeignKey(CountyKey, on_delete=models.PROTECT, related_name="reports")
    org_code = models.CharField(_("所属乡镇（街道）"), max_length=20, db_index=True)
    category = models.CharField(_("问题类别"), max_length=20, choices=Category.choices)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)
    received_on = models.DateField(_("收到日期"), db_index=True)
    updated_on = models.DateField(_("最近变动日期"))
    receipt_hash = models.CharField(max_length=64, unique=True)
    reporter_public = models.BinaryField()
    reporter_private_wrapped = models.BinaryField()
    body_sealed = models.BinaryField()            # the report text, sealed to the county key
    body_for_reporter = models.BinaryField()      # the same text sealed to the report's own key
    contains_identifiers = models.BooleanField(_("含电话或身份证号"), default=False)
    outcome_sealed = models.BinaryField(default=b"")          # the office's outcome note, to the county
    outcome_for_reporter = models.BinaryField(default=b"")    # … and to the reporter
    finding_ref = models.CharField(_("监测问题编号"), max_length=64, blank=True)
    rule_ref = models.CharField(_("监测规则编号"), max_length=64, blank=True)
    pending_digest = models.BooleanField(default=True)  # not yet counted in a handlers' digest
    # Held back from the handlers' list until the next digest releases it, so not even a handler
    # watching the list can tell when a report arrived (and line it up with who was at a computer).
    held = models.BooleanField(default=True)
    # sha256 of the one-time token of the report form that sent it: the same form posted again (a double click, a
    # refresh) finds this report instead of sending another (services.report_submit_from_form). A repeat is that
    # token with the same place, category and text: sha256(content digest + token), which names nothing without the
    # token; the same token with other content is refused (codereview16b #3). The receipt code kept for a few
    # minutes for such a repeat is not on this row but in FormReceipt, which names no report (security17 #1).
    form_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    form_content_key = models.CharField(max_length=64, null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("直通车反映")
        verbose_name_plural = _("直通车反映")

    def __str__(self) -> str:
        return f"直通车反映 #{self.pk}"

    def aad(self, purpose: str) -> str:
        return f"directline:{self.uid}:{purpose}"


class Message(models.Model):
    class Author(models.TextChoices):
        OFFICE = "office", _("县减负办")
        REPORTER = "reporter", _("反映人")

    uid = models.CharField(max_length=32, unique=True)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    author = models.CharField(max_length=10, choices=Author.choices)
    sealed_for_county = models.BinaryField()
    sealed_for_reporter = models.BinaryField()
    created_on = models.DateField()
    # sha256 of the one-time token of the follow page's answer form that sent it: the same form posted again (a
    # refresh or back of the page that answered it) finds this message instead of sending another
    # (services.reporter_answer_from_form). A random value, linked to nothing the reporter is.
    form_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    # sha256 of the token bound to what the form posted (`formtokens.same_content`, ADR 0036): the same token with
    # other content is an expired form, not a repeat answered with this row
    form_content_key = models.CharField(max_length=64, null=True, blank=True, editable=False)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.get_author_display()} #{self.pk}"

    def aad(self) -> str:
        return self.report.aad(f"message:{self.author}:{self.uid}")


class Attachment(models.Model):
    uid = models.CharField(max_length=32, unique=True)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(Message, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments")
    content_type = models.CharField(max_length=100)
    extension = models.CharField(max_length=8)
    size = models.PositiveIntegerField()
    sealed_content = models.BinaryField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"附件 #{self.pk}"

    def aad(self) -> str:
        return self.report.aad(f"attachment:{self.uid}")


class PendingReceipt(models.Model):
    """A receipt code between the report form's POST and the receipt page it redirects to (Post/Redirect/Get).

    Sealed under a random key that lives only in a browser-session cookie of the reporter's browser (path
    /directline/public/receipt/); the row is found by that key's sha256 and deleted the first time the page shows the
    code, so a reload cannot show it again and a database dump alone does not hold it. A date, not a timestamp, as
    every direct-line row; rows never shown are dropped the day after (services.receipt_handoff_put)."""

    key_hash = models.CharField(max_length=64, unique=True)
    sealed_code = models.BinaryField()
    created_on = models.DateField()

    def __str__(self) -> str:
        return f"待显示回执 #{self.pk}"


class FormReceipt(models.Model):
    """A receipt code kept 10–20 minutes for a repeat of the report form that sent it (a double click: the browser
    shows the second answer, which must show the same code; services.report_submit_from_form).

    Nothing here names a report or when it arrived (security17 #1: on the Report row, a non-empty copy and its sweep
    mark told a backup which reports came in the last twenty minutes). `lookup` and the key that opens `sealed` are
    derived from the form's one-time token, the content it posted and the random cookie its page set in that
    browser (sealing.form_receipt_keys) — none of them stored — so no row can be matched to a report without them,
    and another browser replaying the same body finds nothing (#2). `window` is the ten-minute period of the write
    (unix time // 600): rows two periods old are deleted by every write and by the ten-minute sweep, so a row lives
    10–20 minutes, at least the RECEIPT_AGAIN_SECONDS it serves; the exact second is inside the seal. The primary
    key is the lookup itself: no sequence numbers the rows in the order the reports arrived."""

    lookup = models.CharField(max_length=64, primary_key=True)
    sealed = models.BinaryField()
    window = models.PositiveIntegerField(db_index=True)

    def __str__(self) -> str:
        return "待重复显示的回执"
