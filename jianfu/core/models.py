from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class AuditRecord(models.Model):
    """One write, as it happened. Append-only through the application; chained by hash.

    The record is written in the transaction of the write it describes; right after that
    transaction commits it is *sealed*: given the next `seq` and
    `digest` = HMAC-SHA256(audit key, prev_digest + canonical JSON of its fields), so editing or deleting
    any sealed record breaks the chain (`manage.py audit_verify`). See ADR 0005 and ADR 0018."""

    created_at = models.DateTimeField(_("时间"), db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+", verbose_name=_("操作人"))
    actor_name = models.CharField(_("操作人账号"), max_length=150, blank=True)
    action = models.CharField(_("操作"), max_length=80, db_index=True)
    object_type = models.CharField(_("对象类型"), max_length=80, blank=True)
    object_id = models.CharField(_("对象编号"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("对象"), max_length=200, blank=True)
    org_code = models.CharField(_("所属单位代码"), max_length=20, blank=True, db_index=True)
    changes = models.JSONField(_("变更摘要"), default=dict, blank=True)
    client_address = models.CharField(_("客户端地址"), max_length=64, blank=True)
    seq = models.BigIntegerField(null=True, blank=True, unique=True)
    prev_digest = models.CharField(max_length=64, blank=True)
    digest = models.CharField(max_length=64, null=True, blank=True, unique=True)
    # HMAC of the record's fields under the audit key, written with it (ADR 0018); a row without a
    # valid one was not written by the application and is marked `forged` instead of being chained.
    mac = models.CharField(max_length=64, blank=True)
    forged = models.BooleanField(default=False)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计记录")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("audit records are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("audit records are append-only")


class AuditChainHead(models.Model):
    """A single row locked while appending, so concurrent writers chain one after another."""

    digest = models.CharField(max_length=64, default="0" * 64)
    count = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return self.digest


class TaskFailure(models.Model):
    """A background job that failed after all its retries: shown to admins, never silently dropped."""

    task_name = models.CharField(_("任务"), max_length=200)
    task_id = models.CharField(_("任务编号"), max_length=64)
    arguments = models.TextField(_("参数"), blank=True)
    error = models.TextField(_("错误"))
    traceback = models.TextField(_("调用栈"), blank=True)
    failed_at = models.DateTimeField(_("失败时间"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("处理时间"), null=True, blank=True)

    class Meta:
        ordering = ["-failed_at"]
        verbose_name = _("失败的后台任务")

    def __str__(self) -> str:
        return f"{self.task_name} {self.task_id}"


class ApiRepeat(models.Model):
    """The answer of an API create, kept for a while so a retry of the same request gets it again instead of making a
    second row (`core.formtokens.api_once`, ADR 0036). `key` names the request without naming its content: sha256 of
    the account, the endpoint and either the client's Idempotency-Key or the content's digest. `status` is null while
    the first request runs; a claim older than the request timeout (`formtokens.API_CLAIM_SECONDS`) is a killed
    worker's and is taken over by the retry. `made_model`/`made_pk` name the row the first request created (blank
    when the view did not name one): the answer is replayed only while that row is still there and live. Rows past
    `expires_at` are deleted by the next create."""

    key = models.CharField(max_length=64, unique=True)
    content_key = models.CharField(max_length=64)
    expires_at = models.DateTimeField(db_index=True)
    claimed_at = models.DateTimeField(default=timezone.now)
    status = models.PositiveSmallIntegerField(null=True)
    body = models.JSONField(null=True)
    headers = models.JSONField(default=dict)
    made_model = models.CharField(max_length=100, blank=True)   # app_label.ModelName of the row created
    made_pk = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return self.key


class SpentFormToken(models.Model):
    """Which table a web form's one-time token was spent on (`core.formtokens.spend`; quality27 #4, security LOW of
    session 26). A row's `form_key` is unique only within its own table, so a token spent by one form was accepted
    once more by another; this one row per key, across every table, refuses that replay as an expired form. `key` is
    the token's stored key (sha256), `form` the table's model label ("monitor.NoticeCase").

    Staff forms only: the direct line's forms check a key here but record none (`formtokens.spend(record=False)`;
    they write no row outside the direct line's tables, docs/directline.md) — so a token spent on the direct line is
    still taken once by a staff form, the one-way gap ADR 0036 (amendment, session 27) accepts. No time and no
    sequential id all the same, so that a row could never date a post should that change; the key, random, is the
    primary key. Rows are kept, not purged: a token has no lifetime to purge after (ADR 0036, session 27)."""

    key = models.CharField(max_length=64, primary_key=True)
    form = models.CharField(max_length=100)

    def __str__(self) -> str:
        return f"{self.form} {self.key[:8]}"
