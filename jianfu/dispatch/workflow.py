"""The event workflow: one status enum and ONE table of allowed transitions.

Every transition is a service in `services.py`; each calls `check_transition` and then moves the row
with a conditional UPDATE (`WHERE status = <from>`), so two people acting at once cannot both win.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jianfu.core.errors import ApplicationError


class Status(models.TextChoices):
    REPORTED = "reported", _("待分派")
    DISPATCHED = "dispatched", _("已派发")
    ACCEPTED = "accepted", _("已签收")
    IN_PROGRESS = "in_progress", _("处理中")
    RESOLVED = "resolved", _("已办结")
    CLOSED = "closed", _("已关闭")
    MERGED = "merged", _("已合并")


class Action(models.TextChoices):
    REPORT = "report", _("上报")
    DISPATCH = "dispatch", _("派发")
    ACCEPT = "accept", _("签收")
    START = "start", _("开始处理")
    RESOLVE = "resolve", _("办结")
    CLOSE = "close", _("关闭")
    RETURN = "return", _("退回")
    REOPEN = "reopen", _("重新办理")
    MERGE = "merge", _("合并")


# (action, from status) -> to status. The only place that says which moves exist.
TRANSITIONS: dict[tuple[str, str], str] = {
    (Action.DISPATCH, Status.REPORTED): Status.DISPATCHED,
    (Action.ACCEPT, Status.DISPATCHED): Status.ACCEPTED,
    (Action.START, Status.ACCEPTED): Status.IN_PROGRESS,
    (Action.RESOLVE, Status.ACCEPTED): Status.RESOLVED,
    (Action.RESOLVE, Status.IN_PROGRESS): Status.RESOLVED,
    (Action.CLOSE, Status.RESOLVED): Status.CLOSED,
    (Action.RETURN, Status.DISPATCHED): Status.REPORTED,
    (Action.RETURN, Status.ACCEPTED): Status.REPORTED,
    (Action.REOPEN, Status.RESOLVED): Status.IN_PROGRESS,
    (Action.REOPEN, Status.CLOSED): Status.IN_PROGRESS,
    (Action.MERGE, Status.REPORTED): Status.MERGED,
    (Action.MERGE, Status.DISPATCHED): Status.MERGED,
}

OPEN_STATUSES = (Status.REPORTED, Status.DISPATCHED, Status.ACCEPTED, Status.IN_PROGRESS)
# Statuses whose deadline clock runs (the department has the event).
CLOCK_STATUSES = (Status.DISPATCHED, Status.ACCEPTED, Status.IN_PROGRESS)
PUBLIC_CLOSED = (Status.RESOLVED, Status.CLOSED, Status.MERGED)


def allowed_from(action: str) -> tuple[str, ...]:
    return tuple(frm for (act, frm) in TRANSITIONS if act == action)


def target_status(action: str, current: str) -> str:
    """The status `action` leads to from `current`, or a Chinese ApplicationError."""
    try:
        return TRANSITIONS[(action, current)]
    except KeyError:
        raise ApplicationError(
            gettext("事件当前状态为「%(status)s」，不能%(action)s。")
            % {"status": Status(current).label, "action": Action(action).label},
            code="wrong_state", field="status",
        ) from None


def actions_from(current: str) -> list[str]:
    return [act for (act, frm) in TRANSITIONS if frm == current]
