"""失业人员再就业人数 (一表同享 element `reemployed`, on the 人社 monthly form) from the status history (session 13).

Until session 13 the element counted the registered unemployed now working whose 就业日期 fell in the period: a person
placed in March and 退出 in May was lost from March's figure, and one placed twice counted by the later day only. It now
counts, like 本期重点群体新实现就业人数 and the dashboard, the registered unemployed whose status moved from looking for
work into work in the period, each once — and the dashboard's 其中失业人员再就业 is the same figure."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.core.management import call_command

from jianfu.core.errors import ApplicationError
from jianfu.employment import metrics, services
from jianfu.employment.models import StatusChange
from jianfu.employment.tests.factories import key_person_in, person_in
from jianfu.registry.ledger.values import local_today

pytestmark = pytest.mark.django_db
V_A = "450521200206"
MONTHS = (("202503", dt.date(2025, 3, 1), dt.date(2025, 3, 31)), ("202504", dt.date(2025, 4, 1), dt.date(2025, 4, 30)),
          ("202505", dt.date(2025, 5, 1), dt.date(2025, 5, 31)))


def rural_in(identified_on: dt.date):
    """A key person who is a rural labourer and not a registered unemployed person."""
    kp = key_person_in(V_A, None, identified_on=identified_on, is_rural_labour=True)
    type(kp).objects.filter(pk=kp.pk).update(is_registered_unemployed=False, unemployment_registered_on=None)
    kp.refresh_from_db()
    return kp


def figures(world) -> list[tuple[int, int, int, int]]:
    """Per month: (the 人社 form's 失业人员再就业人数, the dashboard's 其中失业人员再就业, the key-group form's 本期新实现就业,
    the dashboard's 期间新就业)."""
    from jianfu.reports.selectors import report_run

    out = []
    for period, start, end in MONTHS:
        rs = report_run(user=world.users["county_office"], template_code="rs_employment", unit_code="450521",
                        period=period)
        kg = report_run(user=world.users["county_office"], template_code="rs_key_groups", unit_code="450521",
                        period=period)
        _rows, total = metrics.dashboard(prefix="450521", start=start, end=end, today=end)
        out.append(({c.element: rs.total.values[c.key] for c in rs.columns}["reemployed"],
                    total.reemployed_in_period,
                    {c.element: kg.total.values[c.key] for c in kg.columns}["key_group_placed_period"],
                    total.placed_in_period))
    return out


def test_placed_then_exited_and_placed_twice_count_in_each_month_they_were_placed(world):
    d, actor = dt.date, world.users["village_a"]
    call_command("reports_load_forms", stdout=io.StringIO())
    # placed in March, 退出 in May: the old element (status now working, 就业日期 in the period) lost them from March
    left = key_person_in(V_A, None, identified_on=d(2025, 2, 10))
    services.key_person_place(actor=actor, key_person=left, on=d(2025, 3, 12))
    services.key_person_exit(actor=actor, key_person=left, on=d(2025, 5, 6), note="迁出本县")
    # placed in March, out of work in April, placed again (灵活就业) in May: the old element counted May only
    twice = key_person_in(V_A, None, identified_on=d(2025, 2, 20))
    services.key_person_refer(actor=actor, key_person=twice, on=d(2025, 3, 1))
    services.key_person_place(actor=actor, key_person=twice, on=d(2025, 3, 20))
    services.key_person_unemploy(actor=actor, key_person=twice, on=d(2025, 4, 3))
    services.key_person_place(actor=actor, key_person=twice, flexible=True, on=d(2025, 5, 15))
    # placed twice in one month: once
    same_month = key_person_in(V_A, None, identified_on=d(2025, 3, 1))
    services.key_person_place(actor=actor, key_person=same_month, on=d(2025, 3, 5))
    services.key_person_unemploy(actor=actor, key_person=same_month, on=d(2025, 3, 9))
    services.key_person_place(actor=actor, key_person=same_month, flexible=True, on=d(2025, 3, 25))
    # not a 再就业: a registered unemployed person taken in already working, and one who moved 灵活就业 → 已就业 in April
    services.key_person_create(actor=actor, person_id=person_in().pk, status="employed", identified_on=d(2025, 3, 3),
                               data={"is_registered_unemployed": True, "unemployment_registered_on": d(2025, 1, 5)})
    steadier = key_person_in(V_A, None, identified_on=d(2025, 2, 1))
    services.key_person_place(actor=actor, key_person=steadier, flexible=True, on=d(2025, 4, 1))
    services.key_person_place(actor=actor, key_person=steadier, on=d(2025, 4, 20))
    # placed in March but not a registered unemployed person (a rural labourer): a new placement, no 再就业
    rural = rural_in(d(2025, 2, 1))
    services.key_person_place(actor=actor, key_person=rural, on=d(2025, 3, 18))

    assert figures(world) == [(3, 3, 4, 4), (1, 1, 1, 1), (1, 1, 1, 1)]
    # the old reading, for the record: registered, working now, 就业日期 in the month — March 1 (same_month), May 1
    now_working = type(left).objects.filter(is_registered_unemployed=True, status__in=["employed", "flexible"])
    assert [now_working.filter(placed_on__range=(s, e)).count() for _p, s, e in MONTHS] == [1, 1, 1]


def test_the_group_ticked_or_unticked_later_moves_the_history_with_the_person(world):
    """The history carries the person's 登记失业人员 group and follows their record: ticked after the placement, the
    placement is a 再就业 in its month; unticked, it is not; a refused change leaves the history as it was."""
    d, actor = dt.date, world.users["village_a"]
    call_command("reports_load_forms", stdout=io.StringIO())
    kp = rural_in(d(2025, 2, 1))
    services.key_person_place(actor=actor, key_person=kp, on=d(2025, 3, 18))
    assert figures(world)[0] == (0, 0, 1, 1)
    assert sorted(kp.history.values_list("is_registered_unemployed", flat=True)) == [False]

    # refused (no 失业认定日期): nothing changes, in the person or in the history
    with pytest.raises(ApplicationError, match="登记失业人员请填写失业认定日期"):
        services.key_person_update(actor=actor, key_person=type(kp).objects.get(pk=kp.pk),
                                   data={"is_registered_unemployed": True})
    assert type(kp).objects.get(pk=kp.pk).is_registered_unemployed is False
    assert list(kp.history.values_list("is_registered_unemployed", flat=True)) == [False]
    # another village's cadre may not change them either
    with pytest.raises(ApplicationError):
        services.key_person_update(actor=world.users["village_b"], key_person=type(kp).objects.get(pk=kp.pk),
                                   data={"is_registered_unemployed": True, "unemployment_registered_on": d(2025, 1, 9)})
    assert list(kp.history.values_list("is_registered_unemployed", flat=True)) == [False]
    assert figures(world)[0] == (0, 0, 1, 1)

    services.key_person_update(actor=actor, key_person=type(kp).objects.get(pk=kp.pk),
                               data={"is_registered_unemployed": True, "unemployment_registered_on": d(2025, 1, 9)})
    assert list(kp.history.values_list("is_registered_unemployed", flat=True)) == [True]
    assert figures(world)[0] == (1, 1, 1, 1)
    # a later change is written with the group
    services.key_person_unemploy(actor=actor, key_person=kp, on=d(2025, 4, 2))
    assert list(StatusChange.objects.filter(key_person=kp).values_list("is_registered_unemployed", flat=True)) == [
        True, True]
    services.key_person_update(actor=actor, key_person=type(kp).objects.get(pk=kp.pk),
                               data={"is_registered_unemployed": False})
    assert sorted(kp.history.values_list("is_registered_unemployed", flat=True)) == [False, False]
    assert figures(world)[0] == (0, 0, 1, 1)


def test_the_dashboard_page_the_export_and_the_api_show_the_figure(world):
    d, actor = dt.date, world.users["village_a"]
    kp = key_person_in(V_A, None, identified_on=d(2025, 2, 1))
    services.key_person_place(actor=actor, key_person=kp, on=local_today().replace(day=1))
    rural = rural_in(d(2025, 2, 1))
    services.key_person_place(actor=actor, key_person=rural, on=local_today().replace(day=1))
    page = world.client("county_office").get("/employment/dashboard/?months=1").content.decode()
    assert '<div class="muted">其中失业人员再就业</div><div class="stat">1</div>' in page
    body = world.api_client("county_office").get("/api/v1/employment/dashboard/?months=1").json()
    assert (body["total"]["placed_in_period"], body["total"]["reemployed_in_period"]) == (2, 1)
    rows, total = metrics.dashboard(prefix="450521", start=local_today().replace(day=1), end=local_today(),
                                    today=local_today())
    ws = openpyxl.load_workbook(io.BytesIO(metrics.export_xlsx(rows, total, title="t", period="p"))).active
    header = [c.value for c in ws[4]]
    last = [c.value for c in ws[4 + len(rows) + 1]]
    assert (last[header.index("本期新实现就业")], last[header.index("其中：失业人员再就业")]) == (2, 1)
    assert ws.cell(row=5, column=header.index("就业率") + 1).number_format == "0.0%"


def test_the_migration_copies_each_persons_group_onto_their_existing_history(world):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("jianfu.employment.migrations.0010_statuschange_is_registered_unemployed")
    d = dt.date
    registered, rural = key_person_in(V_A, None, identified_on=d(2025, 2, 1)), rural_in(d(2025, 2, 1))
    for kp in (registered, rural):    # rows as they stood before the column: no group on them
        for old, new, on in (("", "unemployed", d(2025, 2, 1)), ("unemployed", "employed", d(2025, 3, 2))):
            StatusChange.objects.create(key_person=kp, org_code=kp.org_code, from_status=old, to_status=new, on=on)
    migration.copy_from_person(apps, None)
    assert sorted(set(StatusChange.objects.values_list("key_person_id", "is_registered_unemployed"))) == [
        (registered.pk, True), (rural.pk, False)]
