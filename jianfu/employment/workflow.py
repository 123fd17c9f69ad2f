"""The transition tables of 就业帮扶: one per workflow. Each service checks its move here."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from jianfu.core.workflow import Workflow
from jianfu.employment.models import KeyStatus, PostingStatus, ReferralStatus, VisitTask

S = KeyStatus
# Key-person status: 失业 → 推荐 → 面试 → 就业 / 灵活就业 / 退出; a lost job or a failed interview goes back
# to 失业; a person who left (退出: moved away, retired, declined help) may be taken in again.
KEY_TRANSITIONS: dict[str, frozenset[str]] = {
    S.UNEMPLOYED: frozenset({S.REFERRED, S.EMPLOYED, S.FLEXIBLE, S.EXITED}),
    S.REFERRED: frozenset({S.INTERVIEWING, S.UNEMPLOYED, S.EMPLOYED, S.FLEXIBLE, S.EXITED}),
    S.INTERVIEWING: frozenset({S.EMPLOYED, S.FLEXIBLE, S.UNEMPLOYED, S.REFERRED, S.EXITED}),
    S.EMPLOYED: frozenset({S.UNEMPLOYED, S.EXITED}),
    S.FLEXIBLE: frozenset({S.EMPLOYED, S.UNEMPLOYED, S.EXITED}),
    S.EXITED: frozenset({S.UNEMPLOYED}),
}
ACTIVE_STATUSES = frozenset({S.UNEMPLOYED, S.REFERRED, S.INTERVIEWING})   # still looking for work
PLACED_STATUSES = frozenset({S.EMPLOYED, S.FLEXIBLE})

P = PostingStatus
POSTING_TRANSITIONS: dict[str, frozenset[str]] = {
    P.OPEN: frozenset({P.CLOSED, P.FLAGGED}),
    P.FLAGGED: frozenset({P.OPEN, P.WITHDRAWN}),   # the office clears it, or takes it down
    P.CLOSED: frozenset({P.OPEN}),
    P.WITHDRAWN: frozenset(),
    P.PENDING: frozenset({P.OPEN, P.FLAGGED, P.WITHDRAWN}),   # a held batch confirmed (as its flags say) or withdrawn
}

R = ReferralStatus
REFERRAL_TRANSITIONS: dict[str, frozenset[str]] = {
    R.RECOMMENDED: frozenset({R.APPLIED, R.INTERVIEWED, R.HIRED, R.REFUSED, R.ELSEWHERE}),
    R.APPLIED: frozenset({R.INTERVIEWED, R.HIRED, R.REFUSED, R.ELSEWHERE}),
    R.INTERVIEWED: frozenset({R.HIRED, R.REFUSED, R.ELSEWHERE}),
    R.HIRED: frozenset(),
    R.REFUSED: frozenset(),
    R.ELSEWHERE: frozenset(),   # only `referral_advance` moves one here: the person hired through another referral
}
REFERRAL_OPEN = frozenset({R.RECOMMENDED, R.APPLIED, R.INTERVIEWED})


V = VisitTask.Status
# The township's two actions on an open (待走访) visit task: reassign it (it stays open, with a new owner) or close
# it with a note. Done, cancelled or handled tasks are nobody's any more. A visit closing a task and the scan
# cancelling it stay set-based updates in visits.py (they close many tasks at once).
VISIT_TASK_WORKFLOW = Workflow(
    {(VisitTask.Action.REASSIGN, V.DUE): V.DUE, (VisitTask.Action.HANDLE, V.DUE): V.HANDLED},
    statuses=VisitTask.Status, actions=VisitTask.Action,
    refused=_("该走访任务%(status)s，不能再%(action)s。"),
    conflict=_("该走访任务刚被他人处理（现为%(status)s），请刷新后再看。"))


def allowed(table: dict[str, frozenset[str]], current: str, target: str) -> bool:
    return target in table.get(current, frozenset())
