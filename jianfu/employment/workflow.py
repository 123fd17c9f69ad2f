"""The transition tables of 就业帮扶: one per workflow. Each service checks its move here."""

from __future__ import annotations

from jianfu.employment.models import KeyStatus, PostingStatus, ReferralStatus

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
}

R = ReferralStatus
REFERRAL_TRANSITIONS: dict[str, frozenset[str]] = {
    R.RECOMMENDED: frozenset({R.APPLIED, R.INTERVIEWED, R.HIRED, R.REFUSED}),
    R.APPLIED: frozenset({R.INTERVIEWED, R.HIRED, R.REFUSED}),
    R.INTERVIEWED: frozenset({R.HIRED, R.REFUSED}),
    R.HIRED: frozenset(),
    R.REFUSED: frozenset(),
}
REFERRAL_OPEN = frozenset({R.RECOMMENDED, R.APPLIED, R.INTERVIEWED})


def allowed(table: dict[str, frozenset[str]], current: str, target: str) -> bool:
    return target in table.get(current, frozenset())
