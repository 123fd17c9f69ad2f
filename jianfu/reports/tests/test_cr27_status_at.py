"""fix-cr27 #12: `planner.status_at_sql` at a period's reference date — of two status changes on one day the later one
(the higher id) is the status then, whichever way it went; a person taken in after the period's end is not counted."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from jianfu.employment.tests.factories import key_person_in
from jianfu.reports.tests.test_tryout27_reports import KEYS, V_A, V_C, _figures, _moves

D = dt.date


@pytest.mark.django_db
def test_two_changes_on_one_day_the_later_wins_and_a_later_intake_is_not_counted(world):
    # referred then hired on 11-20: placed in November
    hired = key_person_in(V_A, None, identified_on=D(2026, 10, 1), status="employed", placed_on=D(2026, 11, 20))
    _moves(hired, ("referred", D(2026, 11, 20)), ("employed", D(2026, 11, 20)))
    # hired then the hire undone, back to referred, on 11-20: seeking in November (another town, so that the two
    # cannot trade places unseen)
    undone = key_person_in(V_C, None, identified_on=D(2026, 10, 1), status="referred")
    _moves(undone, ("employed", D(2026, 11, 20)), ("referred", D(2026, 11, 20)))
    # taken in on 12-03, after November's end (status now: seeking)
    _moves(key_person_in(V_C, None, identified_on=D(2026, 12, 3)))
    call_command("reports_load_forms", stdout=io.StringIO())
    _r, november, towns = _figures(world, "202611")
    # people, seeking (undone), -, -, placed (hired), placed in the period (both moved into work: the undone hire too,
    # as the element counts), the rate (1 of 2), reemployed (both registered unemployed: the same two)
    assert tuple(november[k] for k in KEYS) == (2, 1, 0, 0, 1, 2, 50.0, 2)
    assert towns == {"450521100": (1, 1, 0), "450521200": (1, 0, 1)}
    _r, december, towns = _figures(world, "202612")
    assert tuple(december[k] for k in KEYS[:2]) == (3, 2)
    assert towns == {"450521100": (2, 2, 0), "450521200": (1, 0, 1)}
