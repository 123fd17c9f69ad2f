"""The employment figures as 一表同享 data elements (computed by the report engine from the app's tables, so
no village types them) and the 一目了然 dashboard, with exact values."""

from __future__ import annotations

import datetime as dt
import io
from urllib.parse import quote

import pytest
from django.core.management import call_command

from jianfu.employment import metrics
from jianfu.employment.models import Referral, ServiceRecord, StatusChange, Visit, VisitTask
from jianfu.employment.tests.factories import key_person_in, posting_in
from jianfu.registry.ledger.values import local_today

pytestmark = pytest.mark.django_db
V_A, V_B, V_C = "450521200206", "450521200201", "450521100001"


def _world_of_help():
    """June 2025 in three villages of two towns."""
    june = dt.date(2025, 6, 10)
    a1 = key_person_in(V_A, "450521200206001", identified_on=dt.date(2025, 5, 1), status="employed",
                       placed_on=june, is_graduate=True, graduation_year=2024)
    a2 = key_person_in(V_A, None, identified_on=dt.date(2025, 6, 2))
    key_person_in(V_A, None, identified_on=dt.date(2025, 6, 3), status="exited")
    b1 = key_person_in(V_B, None, identified_on=dt.date(2025, 4, 1), status="flexible", placed_on=dt.date(2025, 5, 20),
                       is_hard_to_employ=True)
    c1 = key_person_in(V_C, None, identified_on=dt.date(2025, 6, 1), status="referred", is_hard_to_employ=True)
    for kp, to, on in ((a1, "employed", june), (b1, "flexible", dt.date(2025, 5, 20))):   # placed through help
        StatusChange.objects.create(key_person=kp, org_code=kp.org_code, from_status="unemployed", to_status=to, on=on,
                                    is_registered_unemployed=kp.is_registered_unemployed)
    for kp, day in ((a1, 5), (a2, 8), (a2, 20), (c1, 2), (b1, 30)):
        Visit.objects.create(key_person=kp, org_code=kp.org_code, grid_code=kp.grid_code,
                             visited_on=dt.date(2025, 6, day), outcome="met")
    Visit.objects.create(key_person=b1, org_code=b1.org_code, visited_on=dt.date(2025, 7, 1), outcome="met")
    posting = posting_in()
    Referral.objects.create(key_person=a1, posting=posting, org_code=V_A, referred_on=dt.date(2025, 6, 4),
                            status="hired", closed_on=june)
    Referral.objects.create(key_person=c1, posting=posting, org_code=V_C, referred_on=dt.date(2025, 6, 15))
    ServiceRecord.objects.create(key_person=a2, org_code=V_A, kind="training", title="电工培训",
                                 started_on=dt.date(2025, 6, 12))
    ServiceRecord.objects.create(key_person=b1, org_code=V_B, kind="si_subsidy", title="社保补贴",
                                 started_on=dt.date(2025, 6, 1), outcome="completed")
    ServiceRecord.objects.create(key_person=b1, org_code=V_B, kind="training", title="育婴员",
                                 started_on=dt.date(2025, 5, 1))
    VisitTask.objects.create(key_person=a2, org_code=V_A, trigger="periodic", reason="x", due_on=dt.date(2025, 7, 8),
                             dedupe_key="t1")
    VisitTask.objects.create(key_person=c1, org_code=V_C, trigger="periodic", reason="x", due_on=dt.date(2025, 6, 20),
                             dedupe_key="t2")
    return a1, a2, b1, c1


def test_key_group_form_is_generated_from_the_employment_records(world):
    from jianfu.reports.selectors import report_run

    _world_of_help()
    call_command("reports_load_forms", stdout=io.StringIO())
    report = report_run(user=world.users["county_office"], template_code="rs_key_groups", unit_code="450521",
                        period="202506")
    by_element = {c.element: report.total.values[c.key] for c in report.columns}
    assert by_element == {
        "key_group_people": 4, "key_group_seeking": 2, "key_group_graduates_seeking": 0, "key_group_hard_seeking": 1,
        "key_group_placed": 2, "key_group_placed_period": 1, "key_group_placement_rate": 50.0, "reemployed": 1,
        "employment_visits": 5, "employment_referrals": 2, "employment_referrals_hired": 1, "skills_training": 1,
        "employment_subsidies": 1}
    towns = {r.code: {c.element: r.values[c.key] for c in report.columns} for r in report.rows}
    assert towns["450521200"]["employment_visits"] == 4 and towns["450521100"]["employment_visits"] == 1
    # the 人社 monthly form now takes 再就业 and 培训 from the same records: nothing typed by hand
    rs = report_run(user=world.users["village_a"], template_code="rs_employment", unit_code=V_A, period="202506")
    got = {c.element: rs.total.values[c.key] for c in rs.columns if c.element in ("reemployed", "skills_training")}
    assert got == {"reemployed": 1, "skills_training": 1}


def test_dashboard_figures_per_town_and_village(world):
    _world_of_help()
    start, end, today = dt.date(2025, 6, 1), dt.date(2025, 6, 30), dt.date(2025, 6, 30)
    rows, total = metrics.dashboard(prefix="450521", start=start, end=end, today=today)
    assert [(r.code, r.people, r.seeking, r.placed, r.exited) for r in rows] == [
        ("450521100", 1, 1, 0, 0), ("450521200", 4, 1, 2, 1)]
    assert (total.people, total.placed_in_period, total.referrals, total.referrals_hired, total.visits_done,
            total.visits_due, total.visits_overdue) == (5, 1, 2, 1, 5, 2, 1)
    assert total.placement_rate == 2 / 4 and total.median_days_to_place == 40.0
    assert total.groups["is_hard_to_employ"] == 2 and total.groups["is_graduate"] == 1
    village_rows, _ = metrics.dashboard(prefix="450521200", start=start, end=end, today=today)
    assert [(r.code, r.people) for r in village_rows] == [(V_B, 1), (V_A, 3)]
    trend = metrics.trend(prefix="450521", end=end, months=3)
    assert trend["months"] == ["2025-04", "2025-05", "2025-06"]
    assert trend["identified"] == [1, 1, 3] and trend["placed"] == [0, 1, 1] and trend["visits"] == [0, 0, 5]


def test_export_in_the_shape_a_renshe_bureau_asks_for(world):
    import openpyxl

    _world_of_help()
    rows, total = metrics.dashboard(prefix="450521", start=dt.date(2025, 6, 1), end=dt.date(2025, 6, 30),
                                    today=dt.date(2025, 6, 30))
    data = metrics.export_xlsx(rows, total, title="合浦县重点群体就业帮扶情况统计表", period="2025-06")
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert ws["A1"].value == "合浦县重点群体就业帮扶情况统计表"
    assert [c.value for c in ws[4]] == metrics.EXPORT_HEADERS
    last = [c.value for c in ws[4 + len(rows) + 1]]
    assert last[0] == "合计" and last[1] == 5 and last[metrics.EXPORT_HEADERS.index("就业率")] == 0.5


def test_township_dashboard_lists_every_village_with_zeros(world):
    from jianfu.orgs.models import OrgUnit

    OrgUnit.objects.create(code="450521200203", name="山口村委会", kind="village", level=5, parent_code="450521200000")
    OrgUnit.objects.create(code="450521200204", name="已撤销村", kind="village", level=5, parent_code="450521200000",
                           is_active=False)
    key_person_in(V_A, None, identified_on=dt.date(2025, 6, 2))
    rows, total = metrics.dashboard(prefix="450521200", start=dt.date(2025, 6, 1), end=dt.date(2025, 6, 30),
                                    today=dt.date(2025, 6, 30))
    assert [(r.code, r.name, r.people, r.seeking) for r in rows] == [
        ("450521200201", "璋嘉村委会", 0, 0), ("450521200203", "山口村委会", 0, 0), (V_A, "曲木村委会", 1, 1)]
    assert (total.people, total.seeking) == (1, 1)
    page = world.client("town_quzhang").get("/employment/dashboard/").content.decode()
    assert '<a href="?unit=450521200203&amp;months=12">山口村委会</a>' in page


def test_median_days_to_place_leaves_out_people_taken_in_already_working(world):
    # taken in already working: the intake's status change is to 已就业, placed on the intake day
    working = key_person_in(V_A, None, identified_on=dt.date(2025, 6, 3), status="employed",
                            placed_on=dt.date(2025, 6, 3))
    StatusChange.objects.create(key_person=working, org_code=V_A, from_status="", to_status="employed",
                                on=dt.date(2025, 6, 3))
    # taken in unemployed, placed 12 days later through help
    helped = key_person_in(V_A, None, identified_on=dt.date(2025, 6, 1), status="employed",
                           placed_on=dt.date(2025, 6, 13))
    StatusChange.objects.create(key_person=helped, org_code=V_A, from_status="", to_status="unemployed",
                                on=dt.date(2025, 6, 1))
    StatusChange.objects.create(key_person=helped, org_code=V_A, from_status="unemployed", to_status="employed",
                                on=dt.date(2025, 6, 13))
    rows, total = metrics.dashboard(prefix="450521200", start=dt.date(2025, 6, 1), end=dt.date(2025, 6, 30),
                                    today=dt.date(2025, 6, 30))
    # session 11: nor is a person taken in already working a new placement (本期新实现就业)
    assert (total.placed_in_period, total.days_to_place, total.median_days_to_place) == (1, [12], 12.0)


def _history(kp, *moves):
    """The status changes of `kp`: (from, to, day) each, the intake's from ''."""
    for old, new, on in moves:
        StatusChange.objects.create(key_person=kp, org_code=kp.org_code, from_status=old, to_status=new, on=on,
                                    is_registered_unemployed=kp.is_registered_unemployed)


def test_a_placement_is_a_move_into_work_from_looking_for_it_in_the_period(world):
    """本期新实现就业 (session 11): the persons whose status moved into 已就业/灵活就业 from 失业/已推荐/面试中 in the period,
    each once; not a person taken in already working, nor a move from 灵活就业 to 已就业."""
    d = dt.date
    helped = key_person_in(V_A, None, identified_on=d(2025, 6, 1), status="employed", placed_on=d(2025, 6, 13))
    _history(helped, ("", "unemployed", d(2025, 6, 1)), ("unemployed", "employed", d(2025, 6, 13)))
    working = key_person_in(V_A, None, identified_on=d(2025, 6, 3), status="employed", placed_on=d(2025, 6, 3))
    _history(working, ("", "employed", d(2025, 6, 3)))
    steadier = key_person_in(V_A, None, identified_on=d(2025, 4, 1), status="employed", placed_on=d(2025, 6, 15))
    _history(steadier, ("", "unemployed", d(2025, 4, 1)), ("unemployed", "flexible", d(2025, 5, 20)),
             ("flexible", "employed", d(2025, 6, 15)))
    lost_again = key_person_in(V_B, None, identified_on=d(2025, 6, 2), status="unemployed", placed_on=d(2025, 6, 10))
    _history(lost_again, ("", "unemployed", d(2025, 6, 2)), ("unemployed", "referred", d(2025, 6, 5)),
             ("referred", "employed", d(2025, 6, 10)), ("employed", "unemployed", d(2025, 6, 25)))
    twice = key_person_in(V_B, None, identified_on=d(2025, 6, 1), status="flexible", placed_on=d(2025, 6, 20))
    _history(twice, ("", "unemployed", d(2025, 6, 1)), ("unemployed", "employed", d(2025, 6, 5)),
             ("employed", "unemployed", d(2025, 6, 8)), ("unemployed", "flexible", d(2025, 6, 20)))
    july = key_person_in(V_A, None, identified_on=d(2025, 6, 1), status="employed", placed_on=d(2025, 7, 2))
    _history(july, ("", "unemployed", d(2025, 6, 1)), ("unemployed", "employed", d(2025, 7, 2)))

    rows, total = metrics.dashboard(prefix="450521200", start=d(2025, 6, 1), end=d(2025, 6, 30), today=d(2025, 6, 30))
    assert [(r.code, r.placed_in_period, r.days_to_place) for r in rows] == [(V_B, 2, [8, 4]), (V_A, 1, [12])]
    assert (total.placed_in_period, total.median_days_to_place, total.placed) == (3, 8.0, 5)
    trend = metrics.trend(prefix="450521200", end=d(2025, 7, 31), months=3)
    assert trend["months"] == ["2025-05", "2025-06", "2025-07"] and trend["placed"] == [1, 3, 1]


def test_export_has_the_form_lines_widths_notes_and_a_chinese_name(world):
    import openpyxl

    _world_of_help()
    user = world.users["town_quzhang"]
    response = world.client("town_quzhang").get("/employment/dashboard/export/")
    assert response.status_code == 200
    today = local_today()
    name = f"曲樟乡重点群体就业帮扶情况-{today:%Y%m%d}.xlsx"
    assert response["Content-Disposition"].endswith("filename*=UTF-8''" + quote(name, safe=""))
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert (ws["A1"].value, ws["A2"].value) == ("曲樟乡重点群体就业帮扶情况统计表", "填报单位：曲樟乡")
    assert ws["A3"].value.startswith("统计期间：")
    assert (ws["R2"].value, ws["R3"].value) == ("表　　号：人社就帮1表", "制表机关：合浦县人力资源和社会保障局")
    header = [c.value for c in ws[4]]
    assert "实现就业用时中位数（天）" in header and "就业平均用时中位数（天）" not in header
    villages = [ws.cell(row=r, column=1).value for r in range(5, 8)]
    assert villages == ["璋嘉村委会", "曲木村委会", "合计"]
    footer = [ws.cell(row=r, column=1).value for r in range(9, ws.max_row + 1)]
    assert user.display_name == ""
    assert footer == ["单位负责人：", *metrics.EXPORT_NOTES]
    # no name on the account: its unit's, not "town_quzhang"
    assert (ws["G9"].value, ws["M9"].value) == ("审核人：", "填表人：曲樟乡")
    assert ws["R9"].value == f"报出日期：{today.isoformat()}"
    user.display_name = "黄秀梅"
    user.save(update_fields=["display_name"])
    response = world.client("town_quzhang").get("/employment/dashboard/export/")
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert ws["M9"].value == "填表人：黄秀梅"
    assert "人员类别可多选，各类别合计不等于重点群体人数" in metrics.EXPORT_NOTES[0]
    assert (ws.column_dimensions["A"].width, ws.column_dimensions["B"].width) == (18, 11)


def test_dashboard_view_is_scoped(world):
    _world_of_help()
    body = world.client("village_b").get("/employment/dashboard/?unit=450521").content.decode()
    assert "璋嘉村委会" in body and "曲木村委会" not in body     # a village cannot widen its view
    assert world.client("grid_a").get("/employment/dashboard/").status_code == 403


def test_the_form_element_and_the_dashboard_count_the_same_placements(world):
    """本期重点群体新实现就业人数 is one figure (session 11): the 一表同享 element reads 就业日期 from the person table, the
    dashboard reads the status history; both are written by the services, so they agree on every kind of history."""
    from jianfu.employment import services
    from jianfu.employment.tests.factories import person_in
    from jianfu.reports.selectors import report_run

    d, actor = dt.date, world.users["village_a"]
    helped = key_person_in(V_A, None, identified_on=d(2025, 6, 1))
    services.key_person_place(actor=actor, key_person=helped, on=d(2025, 6, 13))
    working = services.key_person_create(actor=actor, person_id=person_in(employment_status="").pk, data={"is_veteran": True},
                                         status="employed", identified_on=d(2025, 6, 3))
    steadier = key_person_in(V_A, None, identified_on=d(2025, 4, 1))
    services.key_person_place(actor=actor, key_person=steadier, flexible=True, on=d(2025, 5, 20))
    services.key_person_place(actor=actor, key_person=steadier, on=d(2025, 6, 15))
    lost_again = key_person_in(V_A, None, identified_on=d(2025, 6, 2))
    services.key_person_refer(actor=actor, key_person=lost_again, on=d(2025, 6, 5))
    services.key_person_place(actor=actor, key_person=lost_again, on=d(2025, 6, 10))
    services.key_person_unemploy(actor=actor, key_person=lost_again, on=d(2025, 6, 25))
    twice = key_person_in(V_A, None, identified_on=d(2025, 6, 1))
    services.key_person_place(actor=actor, key_person=twice, on=d(2025, 6, 5))
    services.key_person_unemploy(actor=actor, key_person=twice, on=d(2025, 6, 8))
    services.key_person_place(actor=actor, key_person=twice, flexible=True, on=d(2025, 6, 20))

    placed_on = {kp: type(kp).objects.get(pk=kp.pk).placed_on for kp in (helped, working, steadier, lost_again, twice)}
    assert list(placed_on.values()) == [d(2025, 6, 13), None, d(2025, 5, 20), d(2025, 6, 10), d(2025, 6, 20)]
    _rows, total = metrics.dashboard(prefix="450521", start=d(2025, 6, 1), end=d(2025, 6, 30), today=d(2025, 6, 30))
    call_command("reports_load_forms", stdout=io.StringIO())
    report = report_run(user=world.users["county_office"], template_code="rs_key_groups", unit_code="450521",
                        period="202506")
    form = {c.element: report.total.values[c.key] for c in report.columns}["key_group_placed_period"]
    assert (form, total.placed_in_period) == (3, 3)


def test_a_person_placed_in_two_periods_counts_in_both_on_the_form_as_on_the_dashboard(world):
    """The element reads the status history (subject employment_status_change, session 12): a person placed in May,
    out of work in June and placed again in July counts in May and in July, as the dashboard counts — the one
    就业日期 of the person table (moved on to July) could not give May."""
    from jianfu.employment import services
    from jianfu.reports.selectors import report_run

    d, actor = dt.date, world.users["village_a"]
    again = key_person_in(V_A, None, identified_on=d(2025, 4, 20))
    services.key_person_place(actor=actor, key_person=again, on=d(2025, 5, 12))
    services.key_person_unemploy(actor=actor, key_person=again, on=d(2025, 6, 2))
    services.key_person_place(actor=actor, key_person=again, flexible=True, on=d(2025, 7, 8))
    once = key_person_in(V_A, None, identified_on=d(2025, 5, 2))
    services.key_person_place(actor=actor, key_person=once, on=d(2025, 5, 30))
    call_command("reports_load_forms", stdout=io.StringIO())

    figures = []
    for period, start, end in (("202505", d(2025, 5, 1), d(2025, 5, 31)), ("202506", d(2025, 6, 1), d(2025, 6, 30)),
                               ("202507", d(2025, 7, 1), d(2025, 7, 31))):
        _rows, total = metrics.dashboard(prefix="450521", start=start, end=end, today=end)
        report = report_run(user=world.users["county_office"], template_code="rs_key_groups", unit_code="450521",
                            period=period)
        form = {c.element: report.total.values[c.key] for c in report.columns}["key_group_placed_period"]
        figures.append((form, total.placed_in_period))
    assert figures == [(2, 2), (0, 0), (1, 1)]


def test_the_township_page_folds_villages_with_nobody_into_one_line_after_the_villages_with_people(world):
    """N10 (session 14): ten 9-line cards of zeros on a phone, the one village with people sixth."""
    import re

    from jianfu.orgs.models import OrgUnit

    OrgUnit.objects.create(code="450521200203", name="山口村委会", kind="village", level=5, parent_code="450521200000")
    key_person_in(V_A, None, identified_on=dt.date(2025, 6, 2))
    rows, _total = metrics.dashboard(prefix="450521200", start=dt.date(2025, 6, 1), end=dt.date(2025, 6, 30),
                                     today=dt.date(2025, 6, 30))
    shown, empty = metrics.fold_empty(rows)
    assert ([r.name for r in shown], [r.name for r in empty]) == (["曲木村委会"], ["璋嘉村委会", "山口村委会"])
    page = world.client("town_quzhang").get("/employment/dashboard/").content.decode()
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    assert re.findall(r'class="card-title"><a [^>]*>([^<]+)</a>', body) == ["曲木村委会"]
    line = re.sub(r"<[^>]+>", "", page.split('id="empty-units">')[1].split("</p>")[0])
    assert line == "无重点群体人员的村（社区）：璋嘉村委会、山口村委会"
    assert '<a href="?unit=450521200203&amp;months=12">山口村委会</a>' in page
    # the export keeps every village, zeros and all
    from openpyxl import load_workbook

    xlsx = world.client("town_quzhang").get("/employment/dashboard/export/")
    names = [r[0] for r in load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True)]
    assert {"璋嘉村委会", "山口村委会", "曲木村委会"} <= set(names)
