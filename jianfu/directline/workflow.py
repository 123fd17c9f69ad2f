"""The direct line's workflow: one status enum and ONE table of allowed transitions.

Every transition is one guarded service in `services.py`, which moves the row through `WORKFLOW.move`
(the shared guarded transition of `jianfu.core.workflow`: a conditional UPDATE `WHERE status = <from>`),
so two handlers acting at once cannot both win.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from jianfu.core.workflow import Workflow


class Status(models.TextChoices):
    NEW = "new", _("待受理")
    IN_REVIEW = "in_review", _("核查中")
    AWAITING_REPORTER = "awaiting_reporter", _("待反映人补充")
    FINDING = "finding", _("已转为监测问题")
    RULE = "rule", _("已纳入监测规则")
    REFERRED = "referred", _("已移送纪检监察机关")
    CLOSED = "closed", _("已办结")


class Action(models.TextChoices):
    ACCEPT = "accept", _("受理")
    ASK = "ask", _("向反映人提问")
    ANSWER = "answer", _("反映人补充")
    TO_FINDING = "to_finding", _("转为监测问题")
    TO_RULE = "to_rule", _("纳入监测规则")
    REFER = "refer", _("移送纪检监察")
    CLOSE = "close", _("办结")


# (action, from status) -> to status. The only place that says which moves exist.
TRANSITIONS: dict[tuple[str, str], str] = {
    (Action.ACCEPT, Status.NEW): Status.IN_REVIEW,
    (Action.ASK, Status.NEW): Status.AWAITING_REPORTER,
    (Action.ASK, Status.IN_REVIEW): Status.AWAITING_REPORTER,
    (Action.ASK, Status.AWAITING_REPORTER): Status.AWAITING_REPORTER,
    (Action.ANSWER, Status.NEW): Status.NEW,
    (Action.ANSWER, Status.IN_REVIEW): Status.IN_REVIEW,
    (Action.ANSWER, Status.AWAITING_REPORTER): Status.IN_REVIEW,
    (Action.TO_FINDING, Status.IN_REVIEW): Status.FINDING,
    (Action.TO_RULE, Status.IN_REVIEW): Status.RULE,
    (Action.REFER, Status.IN_REVIEW): Status.REFERRED,
    (Action.CLOSE, Status.NEW): Status.CLOSED,
    (Action.CLOSE, Status.IN_REVIEW): Status.CLOSED,
    (Action.CLOSE, Status.AWAITING_REPORTER): Status.CLOSED,
}

OPEN_STATUSES = (Status.NEW, Status.IN_REVIEW, Status.AWAITING_REPORTER)
OUTCOME_STATUSES = (Status.FINDING, Status.RULE, Status.REFERRED, Status.CLOSED)
HANDLER_ACTIONS = (Action.ACCEPT, Action.ASK, Action.TO_FINDING, Action.TO_RULE, Action.REFER, Action.CLOSE)


WORKFLOW = Workflow(
    TRANSITIONS, statuses=Status, actions=Action,
    refused=_("该反映当前状态为「%(status)s」，不能%(action)s。"),
    conflict=_("该反映刚被他人处理过，请刷新后再试。"),
)
target_status = WORKFLOW.target_status   # the status `action` leads to from `current`, or a Chinese refusal


def actions_from(current: str, *, handler: bool = True) -> list[str]:
    return [act for act in WORKFLOW.actions_from(current) if (act in HANDLER_ACTIONS) == handler]
