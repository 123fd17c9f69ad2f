"""codereview16 #3 — two reports of one village saved at the same moment. Each save locks its own report, then the
village's other open reports of the period (to show them the shared figure): taken one by one, two saves could each
hold one and wait for the other — a deadlock on PostgreSQL, a 500 and the typing lost. The save now takes all the
village's open reports of the period in one statement ordered by pk, so the second save waits for the first."""

from __future__ import annotations

import functools

import pytest
from django.db import connection

from jianfu.core.testing.race import Race
from jianfu.reports import services
from jianfu.reports.catalog import forms_load
from jianfu.reports.models import ManualValue, Submission, Template

PERIOD = "202611"


def _forms(world):
    forms_load(actor=None)
    village = world.users["village_a"]
    return [
        services.submission_generate(
            actor=village,
            template=Template.objects.get(code=code),
            org_code=world.village_a.code,
            period=PERIOD,
        )
        for code in ("rs_employment", "nync_poverty_monitoring")
    ]


@pytest.mark.django_db(transaction=True)
def test_two_reports_of_one_village_saved_at_once_both_save(world, monkeypatch):
    rs, ny = _forms(world)
    village = world.users["village_a"]
    fills = [(rs, {"new_jobs": "2"}), (ny, {"industry_support_households": "1"})]
    if connection.vendor == "sqlite":
        # the test database is SQLite in memory (shared cache: a second writer fails at once instead of waiting), so
        # the two threads run on PostgreSQL (make test-pg); here, the one lock each save takes: every open report of
        # the village and period (its own included), in pk order, and the two saves one after the other
        with services.transaction.atomic():
            locked = services._lock_open_submissions(ny)
        assert [s.pk for s in locked] == sorted([rs.pk, ny.pk])
        for sub, values in fills:
            services.submission_fill(actor=village, submission=sub, values=values)
    else:
        # both saves wait here, inside their transaction, for the other (at most 3 s): taking the locks one by one,
        # each then held its own report and waited for the other's (deadlock); with one ordered lock, the second
        # save waits for the first to commit before it gets here
        race = Race(timeout=3)
        race.hold_after(monkeypatch, services, "_snapshot")
        outcomes = race.run(*[functools.partial(services.submission_fill, actor=village, submission=sub, values=values)
                              for sub, values in fills])
        assert [repr(o) for o in outcomes if isinstance(o, Exception)] == []
    stored = sorted(
        (code, float(v))
        for code, v in ManualValue.objects.filter(org_code=world.village_a.code).values_list(
            "element__code", "value"
        )
    )
    assert stored == [("industry_support_households", 1.0), ("new_jobs", 2.0)]
    after = {
        s.template.code: (s.values.get("new_jobs"), s.values.get("industry_support_households"), s.version)
        for s in Submission.objects.select_related("template")
    }
    # each report saved once (version 1 → 2); new_jobs and industry_support_households are each read by one form
    # only, so neither save rewrote the other report
    assert after == {"rs_employment": (2.0, None, 2), "nync_poverty_monitoring": (None, 1.0, 2)}
    if connection.vendor == "postgresql":
        # one statement locks the reports per save, and it locks the village's reports only, not the form rows every village
        # filling that form joins (FOR UPDATE without OF would lock reports_template too)
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            services.submission_fill(actor=village, submission=rs, values={"new_jobs": "3"})
        locking = [
            q["sql"]
            for q in ctx.captured_queries
            if "FOR UPDATE" in q["sql"] and "reports_submission" in q["sql"]
        ]
        assert len(locking) == 1 and locking[0].endswith(
            'ORDER BY "reports_submission"."id" ASC FOR UPDATE OF "reports_submission"'
        )
