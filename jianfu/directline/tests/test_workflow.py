"""The transition table's invariants: outcomes are final, the reporter's only move is to answer, and
every refused move names the state in Chinese."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jianfu.core.errors import ApplicationError
from jianfu.directline.workflow import (
    HANDLER_ACTIONS,
    OPEN_STATUSES,
    OUTCOME_STATUSES,
    TRANSITIONS,
    Action,
    Status,
    actions_from,
    target_status,
)


def test_outcomes_are_final_and_reachable():
    assert set(OPEN_STATUSES) | set(OUTCOME_STATUSES) == set(Status.values)
    assert not any(frm in OUTCOME_STATUSES for (_act, frm) in TRANSITIONS)
    assert {to for to in TRANSITIONS.values()} >= set(OUTCOME_STATUSES)


def test_the_reporter_can_only_answer():
    reporter_moves = {act for (act, _frm) in TRANSITIONS if act not in HANDLER_ACTIONS}
    assert reporter_moves == {Action.ANSWER}
    assert actions_from(Status.AWAITING_REPORTER, handler=False) == [Action.ANSWER]
    assert actions_from(Status.CLOSED, handler=False) == []


@given(st.lists(st.sampled_from(Action.values), max_size=30))
@settings(deadline=None)  # a pure table walk (0.2 ms); only a loaded machine's pauses ever crossed 200 ms
def test_any_sequence_stays_in_the_table(actions):
    status = Status.NEW
    for action in actions:
        try:
            status = target_status(action, status)
        except ApplicationError as exc:
            assert (action, status) not in TRANSITIONS
            assert exc.code == "wrong_state" and str(Status(status).label) in exc.message
        else:
            assert status in Status.values
    if status in OUTCOME_STATUSES:
        with pytest.raises(ApplicationError):
            target_status(Action.ANSWER, status)
