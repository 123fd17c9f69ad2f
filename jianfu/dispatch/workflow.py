"""The event workflow: one status enum and ONE table of allowed transitions.

Every transition is a service in `services.py`; each moves the row through `WORKFLOW.move` (the shared
guarded transition of `jianfu.core.workflow`: a conditional UPDATE `WHERE status = <from>`), so two
people acting at once cannot both win.
"""

from __future__ import annotations

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jianfu.core.workflow import Workflow


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
    EXTEND_REQUEST = "extend_request", _("申请延期")
    EXTEND_APPROVE = "extend_approve", _("同意延期")
    EXTEND_REFUSE = "extend_refuse", _("驳回延期")
    TRANSFER = "transfer", _("转派")
    ASSIST = "assist", _("邀请协办")


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
    # moves that keep the status (the department keeps the event): still guarded by this table
    (Action.EXTEND_REQUEST, Status.ACCEPTED): Status.ACCEPTED,
    (Action.EXTEND_REQUEST, Status.IN_PROGRESS): Status.IN_PROGRESS,
    (Action.EXTEND_APPROVE, Status.ACCEPTED): Status.ACCEPTED,
    (Action.EXTEND_APPROVE, Status.IN_PROGRESS): Status.IN_PROGRESS,
    (Action.EXTEND_REFUSE, Status.ACCEPTED): Status.ACCEPTED,
    (Action.EXTEND_REFUSE, Status.IN_PROGRESS): Status.IN_PROGRESS,
    (Action.ASSIST, Status.ACCEPTED): Status.ACCEPTED,
    (Action.ASSIST, Status.IN_PROGRESS): Status.IN_PROGRESS,
    # 转派: the department hands the event straight to another one (not back to the queue)
    (Action.TRANSFER, Status.DISPATCHED): Status.DISPATCHED,
    (Action.TRANSFER, Status.ACCEPTED): Status.DISPATCHED,
    (Action.TRANSFER, Status.IN_PROGRESS): Status.DISPATCHED,
}

# What the timeline calls each entry (transitions above, and the entries that are not transitions).
TIMELINE_LABELS: dict[str, str | Promise] = {
    **{a.value: a.label for a in Action},
    # the one close there is: the reporter's rating (services.event_feedback) — its note says 满意（4 分）; "关闭" read
    # as if someone had shut the case (dmend32 #7)
    Action.CLOSE.value: _("评价"),
    "queue": _("转人工分派"), "duplicate_suspected": _("疑似重复"), "duplicate_dismissed": _("排除重复"),
    "merged_in": _("并入重复事件"), "whistle": _("吹哨"), "checkin": _("报到"), "whistle_part": _("报到部门分工"),
    "rate": _("乡镇评价"), "escalate_town": _("乡镇督办"), "escalate_county": _("升级至县督办"),
    "remind": _("到期提醒"), "whistle_overdue": _("超时未报到"), "resolve_unreported": _("未报到即办结"),
}

OPEN_STATUSES = (Status.REPORTED, Status.DISPATCHED, Status.ACCEPTED, Status.IN_PROGRESS)
# Statuses whose deadline clock runs (the department has the event).
CLOCK_STATUSES = (Status.DISPATCHED, Status.ACCEPTED, Status.IN_PROGRESS)
PUBLIC_CLOSED = (Status.RESOLVED, Status.CLOSED, Status.MERGED)


def timeline_label(action: str) -> str:
    return str(TIMELINE_LABELS.get(action, action))


WORKFLOW = Workflow(
    TRANSITIONS, statuses=Status, actions=Action,
    refused=_("事件当前状态为「%(status)s」，不能%(action)s。"),
    conflict=_("事件已被他人处理，当前状态为「%(status)s」，请刷新后重试。"),
)
allowed_from = WORKFLOW.allowed_from
target_status = WORKFLOW.target_status   # the status `action` leads to from `current`, or a Chinese refusal
actions_from = WORKFLOW.actions_from


def dispatch_note(mode: str, dept_name: str) -> str:
    """The timeline's words for a report sent on at once, as the event's header says it went (dmend32 #5: a report
    naming its matter read "上报人选定事项" in the header and "系统按职责清单派发" in the timeline)."""
    if mode == "reporter":
        return gettext("按上报人选定的事项派发至%(dept)s。") % {"dept": dept_name}
    if mode == "learned":
        return gettext("系统按历史案例派发至%(dept)s。") % {"dept": dept_name}
    return gettext("系统按职责清单派发至%(dept)s。") % {"dept": dept_name}
