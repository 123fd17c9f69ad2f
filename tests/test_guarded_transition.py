"""The shared guarded transition (`jianfu.core.workflow.Workflow.move`) on a real model.

The village pages' service list stands in for every workflow that uses it (dispatch, direct line,
village pages): a move wins once, a refused or stale move writes nothing, and two movers racing for
real (two threads, two connections) cannot both win."""

from __future__ import annotations

import functools

import pytest

from jianfu.core.errors import ApplicationError, ConflictError
from jianfu.core.testing.race import Race, while_locked
from jianfu.villagepages.models import ServiceList
from jianfu.villagepages.workflow import WORKFLOW, Action, Status

VILLAGE = "450521100201"


def _row(status: str = Status.DRAFT) -> ServiceList:
    return ServiceList.objects.create(org_code=VILLAGE, number=1, status=status, note="原样")


def _state(pk: int) -> tuple[str, str, str]:
    row = ServiceList.objects.get(pk=pk)
    return row.status, row.note, row.review_note


@pytest.mark.django_db
def test_a_move_sets_the_status_and_the_other_columns_in_one_update():
    row = _row()
    assert WORKFLOW.move(ServiceList.objects, row.pk, Action.SUBMIT, row.status, review_note="已看") == "submitted"
    assert _state(row.pk) == ("submitted", "原样", "已看")


@pytest.mark.django_db
def test_a_move_the_table_lacks_is_refused_and_writes_nothing():
    row = _row(Status.APPROVED)
    with pytest.raises(ApplicationError) as err:
        WORKFLOW.move(ServiceList.objects, row.pk, Action.RETURN, row.status, review_note="不该写")
    assert (err.value.message, err.value.code) == ("清单当前状态为「已公开」，不能退回修改。", "wrong_state")
    assert _state(row.pk) == ("approved", "原样", "")


@pytest.mark.django_db
def test_a_stale_mover_gets_a_conflict_and_writes_nothing():
    row = _row()
    first = ServiceList.objects.get(pk=row.pk)
    second = ServiceList.objects.get(pk=row.pk)   # read before the first one moved
    WORKFLOW.move(ServiceList.objects, first.pk, Action.SUBMIT, first.status, review_note="先到")
    with pytest.raises(ConflictError) as err:
        WORKFLOW.move(ServiceList.objects, second.pk, Action.SUBMIT, second.status, review_note="后到")
    assert (err.value.message, err.value.code, err.value.status_code) == (
        "清单刚被他人处理过，请刷新后再试。", "conflict", 409)
    assert _state(row.pk) == ("submitted", "原样", "先到")


@pytest.mark.django_db
def test_a_deleted_row_is_a_conflict():
    row = _row()
    pk, status = row.pk, row.status
    row.delete()
    with pytest.raises(ConflictError):
        WORKFLOW.move(ServiceList.objects, pk, Action.SUBMIT, status)
    assert not ServiceList.objects.filter(pk=pk).exists()


@pytest.mark.django_db(transaction=True)
def test_two_movers_racing_for_real_cannot_both_win():
    """Two threads on two connections read the same draft and submit it at the same moment."""
    row = _row()
    race = Race()

    def submit(note: str) -> str:
        mine = ServiceList.objects.get(pk=row.pk)
        race.meet()
        while_locked(lambda: WORKFLOW.move(ServiceList.objects, mine.pk, Action.SUBMIT, mine.status,
                                           review_note=note))
        return note

    outcomes = [o.message if isinstance(o, ConflictError) else repr(o) if isinstance(o, Exception) else o
                for o in race.run(*[functools.partial(submit, note) for note in ("甲", "乙")], join_timeout=30)]
    winners = [o for o in outcomes if o in ("甲", "乙")]
    assert len(outcomes) == 2 and len(winners) == 1, outcomes
    assert outcomes.count("清单刚被他人处理过，请刷新后再试。") == 1
    assert _state(row.pk) == ("submitted", "原样", winners[0])
