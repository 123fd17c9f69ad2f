"""The service list's workflow: one status enum and ONE table of allowed transitions.

A village keeps one editable version (draft or returned); it submits it to its township, which
approves it (it becomes the public one; the previous public version is superseded) or returns it with
a reason. Every transition is one guarded service in `services.py` (`WORKFLOW.move`, the shared
conditional UPDATE of `jianfu.core.workflow`; audited)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from jianfu.core.workflow import Workflow


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待乡镇审核")
    RETURNED = "returned", _("已退回修改")
    APPROVED = "approved", _("已公开")
    SUPERSEDED = "superseded", _("已被新版本替代")


class Action(models.TextChoices):
    SUBMIT = "submit", _("提交审核")
    WITHDRAW = "withdraw", _("撤回")
    APPROVE = "approve", _("审核通过")
    RETURN = "return", _("退回修改")
    SUPERSEDE = "supersede", _("替代")


TRANSITIONS: dict[tuple[str, str], str] = {
    (Action.SUBMIT, Status.DRAFT): Status.SUBMITTED,
    (Action.SUBMIT, Status.RETURNED): Status.SUBMITTED,
    (Action.WITHDRAW, Status.SUBMITTED): Status.DRAFT,
    (Action.APPROVE, Status.SUBMITTED): Status.APPROVED,
    (Action.RETURN, Status.SUBMITTED): Status.RETURNED,
    (Action.SUPERSEDE, Status.APPROVED): Status.SUPERSEDED,
}
EDITABLE = (Status.DRAFT, Status.RETURNED)

WORKFLOW = Workflow(
    TRANSITIONS, statuses=Status, actions=Action,
    refused=_("清单当前状态为「%(status)s」，不能%(action)s。"),
    conflict=_("清单刚被他人处理过，请刷新后再试。"),
)
target_status = WORKFLOW.target_status
