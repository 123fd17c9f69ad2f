from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from jianfu.core.errors import ApplicationError
from jianfu.villagepages.workflow import EDITABLE, TRANSITIONS, Action, Status, target_status


def test_only_a_submitted_list_can_be_decided_and_superseded_is_final():
    assert {frm for (act, frm) in TRANSITIONS if act in (Action.APPROVE, Action.RETURN)} == {Status.SUBMITTED}
    assert not any(frm == Status.SUPERSEDED for (_act, frm) in TRANSITIONS)
    assert {frm for (act, frm) in TRANSITIONS if act == Action.SUBMIT} == set(EDITABLE)


@given(st.lists(st.sampled_from([a for a in Action.values if a != Action.SUPERSEDE]), max_size=30))
def test_a_list_is_public_only_after_an_approval(actions):
    status, approved_seen = Status.DRAFT, False
    for action in actions:
        try:
            status = target_status(action, status)
        except ApplicationError as exc:
            assert exc.code == "wrong_state"
            continue
        approved_seen |= action == Action.APPROVE
    assert (status == Status.APPROVED) <= approved_seen
