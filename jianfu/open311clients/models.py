"""Open311 GeoReport v2 clients and what the interface adds to the catalogue.

- `Open311Client`: one organisation's app that may POST requests. The api_key itself is never
  stored: only its SHA-256 (keys are 32 random bytes, so a fast hash is enough and a lookup is one
  indexed equality) and an 8-character prefix for recognising it in lists. Requests land in the
  county `org_code`.
- `Open311Submission`: which client created which event, with the token the `tokens/` endpoint maps
  to the event (a batch client receives the token instead of the id).
- `ServiceAttribute`: the extra form fields (GeoReport "service definition") of a catalogue matter in
  a county; `metadata=true` for a service exactly when it has attributes here.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jianfu.core.models import TimeStampedModel

KEY_PREFIX_LEN = 8


def hash_key(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode("utf-8")).hexdigest()


def new_raw_key() -> str:
    """A fresh api key. Never one that starts with "-": its 8-character prefix is what an operator types
    after `--deactivate`, and argparse would read a leading dash as another option."""
    while True:
        key = secrets.token_urlsafe(32)
        if not key.startswith("-"):
            return key


def new_token() -> str:
    return secrets.token_urlsafe(18)


class Open311Client(TimeStampedModel):
    class Mode(models.TextChoices):
        REALTIME = "realtime", _("实时返回编号")
        BATCH = "batch", _("返回令牌（token）")

    name = models.CharField(_("客户端名称"), max_length=100)
    contact = models.CharField(_("联系人/联系方式"), max_length=200, blank=True)
    key_prefix = models.CharField(_("密钥前缀"), max_length=KEY_PREFIX_LEN, db_index=True)
    key_hash = models.CharField(_("密钥摘要"), max_length=64, unique=True, editable=False)
    org_code = models.CharField(_("受理县（市、区）代码"), max_length=20, db_index=True)
    mode = models.CharField(_("返回方式"), max_length=10, choices=Mode.choices, default=Mode.REALTIME)
    is_active = models.BooleanField(_("启用"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("签发人"))

    class Meta:
        ordering = ["org_code", "name"]
        verbose_name = _("Open311 客户端")
        verbose_name_plural = _("Open311 客户端")

    def __str__(self) -> str:
        return f"{self.name}（{self.key_prefix}…，{self.org_code}）"

    def set_key(self, raw_key: str) -> None:
        self.key_hash = hash_key(raw_key)
        self.key_prefix = raw_key[:KEY_PREFIX_LEN]


class Open311Submission(models.Model):
    client = models.ForeignKey(Open311Client, on_delete=models.PROTECT, related_name="submissions")
    event = models.OneToOneField("dispatch.Event", on_delete=models.CASCADE, related_name="open311_submission")
    org_code = models.CharField(max_length=20, db_index=True)
    token = models.CharField(max_length=32, unique=True, default=new_token)
    account_id = models.CharField(max_length=100, blank=True)
    device_id = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("Open311 提交")
        verbose_name_plural = _("Open311 提交")

    def __str__(self) -> str:
        return f"{self.client_id}→{self.event_id}"


class ServiceAttribute(models.Model):
    class Datatype(models.TextChoices):
        STRING = "string", _("短文本")
        NUMBER = "number", _("数字")
        DATETIME = "datetime", _("日期时间")
        TEXT = "text", _("长文本")
        SINGLE = "singlevaluelist", _("单选")
        MULTI = "multivaluelist", _("多选")

    org_code = models.CharField(_("县代码"), max_length=20, db_index=True)
    matter_code = models.CharField(_("事项编码"), max_length=40)
    code = models.CharField(_("属性代码"), max_length=60)
    description = models.CharField(_("提示"), max_length=300)
    datatype = models.CharField(_("类型"), max_length=20, choices=Datatype.choices, default=Datatype.STRING)
    datatype_description = models.CharField(_("类型说明"), max_length=200, blank=True)
    required = models.BooleanField(_("必填"), default=False)
    variable = models.BooleanField(_("需要填写"), default=True)
    order = models.PositiveSmallIntegerField(_("顺序"), default=1)
    values = models.JSONField(_("可选项"), default=list, blank=True, help_text=_('[{"key": "…", "name": "…"}]'))

    class Meta:
        ordering = ["org_code", "matter_code", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["org_code", "matter_code", "code"],
                                               name="open311_attr_unique")]
        verbose_name = _("Open311 服务属性")
        verbose_name_plural = _("Open311 服务属性")

    def __str__(self) -> str:
        return f"{self.matter_code}.{self.code}"
