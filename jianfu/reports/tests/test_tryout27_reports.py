"""tryout27's 一表同享 findings: #1 a past month's key-group figures were today's (a hire on 12-07 changed November);
#3 "就业率(%)" matched to 登记失业率; #10c a department code "RS"; #10e the export's header "就业率(%)（%）"."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.core.management import call_command

from jianfu.employment import metrics
from jianfu.employment.models import KeyPerson, StatusChange
from jianfu.employment.tests.factories import key_person_in

V_A, V_B, V_C = "450521200206", "450521200201", "450521100001"
D = dt.date


def _moves(kp: KeyPerson, *steps: tuple[str, dt.date]) -> None:
    """The person's dated history, as the services write it: the intake (from no status), then each move."""
    before = ""
    for to, on in ((kp.status if not steps else "unemployed", kp.identified_on), *steps):
        StatusChange.objects.create(key_person=kp, org_code=kp.org_code, from_status=before, to_status=to, on=on,
                                    is_registered_unemployed=kp.is_registered_unemployed)
        before = to


def _autumn() -> None:
    """Eight people on either side of the ends of October and November 2026."""
    p1 = key_person_in(V_A, None, identified_on=D(2026, 10, 15), status="employed", placed_on=D(2026, 11, 30))
    _moves(p1, ("employed", D(2026, 11, 30)))                                # hired on November's last day
    p2 = key_person_in(V_A, None, identified_on=D(2026, 10, 20), status="employed", placed_on=D(2026, 12, 1),
                       is_graduate=True, graduation_year=2026)
    _moves(p2, ("referred", D(2026, 11, 10)), ("employed", D(2026, 12, 1)))  # hired the day after November
    p3 = key_person_in(V_B, None, identified_on=D(2026, 11, 1))              # taken in the day after October
    _moves(p3)
    p4 = key_person_in(V_B, None, identified_on=D(2026, 9, 1), status="exited")
    _moves(p4, ("exited", D(2026, 10, 31)))                                  # out on October's last day
    p5 = key_person_in(V_B, None, identified_on=D(2026, 9, 1), status="exited")
    _moves(p5, ("exited", D(2026, 11, 1)))                                   # out the day after October
    p6 = key_person_in(V_C, None, identified_on=D(2026, 12, 2))              # taken in in December
    _moves(p6)
    p7 = key_person_in(V_C, None, identified_on=D(2026, 10, 1), status="flexible", placed_on=D(2026, 10, 31))
    _moves(p7, ("flexible", D(2026, 10, 31)))
    # no history recorded at all (a record older than its history): its status now, from the day it was taken in
    key_person_in(V_C, None, identified_on=D(2026, 10, 5), status="referred", is_hard_to_employ=True)


def _figures(world, period: str):
    from jianfu.reports.selectors import report_run

    report = report_run(user=world.users["county_office"], template_code="rs_key_groups", unit_code="450521",
                        period=period)
    total = {c.element: report.total.values[c.key] for c in report.columns}
    towns = {r.code: tuple(r.values[c.key] for c in report.columns
                           if c.element in ("key_group_people", "key_group_seeking", "key_group_placed"))
             for r in report.rows}
    return report, total, towns


KEYS = ("key_group_people", "key_group_seeking", "key_group_graduates_seeking", "key_group_hard_seeking",
        "key_group_placed", "key_group_placed_period", "key_group_placement_rate", "reemployed")


@pytest.mark.django_db
def test_past_months_count_the_status_at_their_reference_date(world):
    _autumn()
    call_command("reports_load_forms", stdout=io.StringIO())
    _r, october, oct_towns = _figures(world, "202610")
    assert tuple(october[k] for k in KEYS) == (5, 4, 1, 1, 1, 1, 20.0, 1)
    assert oct_towns == {"450521100": (2, 1, 1), "450521200": (3, 3, 0)}
    _r, november, nov_towns = _figures(world, "202611")
    assert tuple(november[k] for k in KEYS) == (5, 3, 1, 1, 2, 1, 40.0, 1)
    assert nov_towns == {"450521100": (2, 1, 1), "450521200": (3, 2, 1)}
    december, dec_total, _t = _figures(world, "202612")
    assert tuple(dec_total[k] for k in KEYS) == (6, 3, 0, 1, 3, 1, 50.0, 1)
    # the running month shows today's figures, as the dashboard does (which also counts those who exited)
    rows, total = metrics.dashboard(prefix="450521", start=D(2026, 12, 1), end=D(2026, 12, 31), today=D(2026, 12, 6))
    assert [(r.code, r.people, r.seeking, r.placed, r.exited) for r in rows] == [
        ("450521100", 3, 2, 1, 0), ("450521200", 5, 1, 2, 2)]
    assert (total.people - total.exited, total.seeking, total.placed, total.placed_in_period) == (6, 3, 3, 1)
    assert december.current_only_columns(D(2026, 12, 6)) == []


@pytest.mark.django_db
def test_a_later_move_leaves_a_past_month_as_it_was(world):
    from jianfu.employment import services

    _autumn()
    call_command("reports_load_forms", stdout=io.StringIO())
    _r, before, towns_before = _figures(world, "202611")
    p3 = KeyPerson.objects.get(org_code=V_B, identified_on=D(2026, 11, 1))
    services.key_person_place(actor=world.users["village_b"],
                              key_person=p3, on=D(2026, 12, 5), note="自主就业")
    assert KeyPerson.objects.get(pk=p3.pk).status == "employed"
    _r, after, towns_after = _figures(world, "202611")
    assert (after, towns_after) == (before, towns_before)
    assert tuple(after[k] for k in KEYS) == (5, 3, 1, 1, 2, 1, 40.0, 1)


@pytest.mark.django_db
def test_a_past_months_page_and_export_say_which_columns_are_todays_record(world):
    _autumn()
    call_command("reports_load_forms", stdout=io.StringIO())
    client = world.client("county_office")
    page = client.get("/reports/templates/rs_key_groups/run/", {"unit": "450521", "period": "202611"})
    html = page.content.decode()
    assert html.count("按当前登记数</span>") == 3
    assert ("注：「未就业高校毕业生人数」、「未就业就业困难人员数」、「失业人员再就业人数」按当前登记数：登记信息未保留历史记录，"
            "按今天的登记情况统计，不是统计时点的数。") in html
    data = client.get("/reports/templates/rs_key_groups/run/",
                      {"unit": "450521", "period": "202611", "format": "xlsx"}).content
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    heads = [c.value for c in ws[3]]
    assert heads[2:9] == ["重点群体帮扶人数（人）", "重点群体未就业人数（人）", "未就业高校毕业生人数（人）（按当前登记数）",
                          "未就业就业困难人员数（人）（按当前登记数）", "重点群体已就业人数（人）", "本期重点群体新实现就业人数（人）",
                          "重点群体就业率（%）"]
    assert heads[9] == "失业人员再就业人数（人）（按当前登记数）"
    note = ("注：「未就业高校毕业生人数」、「未就业就业困难人员数」、「失业人员再就业人数」按当前登记数：登记信息未保留历史记录，"
            "按今天的登记情况统计，不是统计时点的数。")
    # two towns and the total (rows 4–6), the line on the yellow headings, then the note
    assert [ws.cell(r, 1).value for r in (8, 9)] == ["黄色表头为手工填报项，其余由一表同享台账自动生成。", note]


def _progress_form() -> bytes:
    """tryout27's rs_progress_t27: a 人社 form headed 乡镇 / 帮扶对象人数 / 已就业人数 / 就业率(%)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "帮扶进度"
    ws["A1"] = "重点群体就业帮扶进度表"
    ws["A3"], ws["B3"], ws["C3"], ws["D3"] = "乡镇", "帮扶对象人数", "重点群体已就业人数", "就业率(%)"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_employment_rate_header_is_not_matched_to_the_unemployment_rate():
    from jianfu.reports.engine.headers import HeaderMatcher

    from .engine_fixture import shipped_catalog

    m = HeaderMatcher(shipped_catalog()).match("就业率(%)")
    # before: unemployment_rate 78.7 first, key_group_placement_rate 75.5 second — 失业率 lacks the header's 就业
    assert [(s.ref, s.score) for s in m.alternatives] == [
        ("key_group_placement_rate", 75.5), ("unemployment_rate", 70.7), ("pa_employment_rate", 66.4)]
    assert m.best is not None and m.best.ref == "key_group_placement_rate"
    # the unemployment rate's own headers still find it at full score
    assert HeaderMatcher(shipped_catalog()).match("登记失业率（%）").best.ref == "unemployment_rate"


@pytest.mark.django_db
def test_an_uploaded_form_maps_its_employment_rate_and_keeps_its_own_unit_once(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jianfu.reports.models import Template

    _autumn()
    call_command("reports_load_forms", stdout=io.StringIO())
    c = world.client("county_office")
    r = c.post("/reports/match/", {"file": SimpleUploadedFile("帮扶进度.xlsx", _progress_form())})
    assert r.status_code == 200
    assert [(p["header"].column, p["match"].best.ref if p["match"].best else None) for p in r.context["proposals"]] \
        == [("A", None), ("B", "key_group_people"), ("C", "key_group_placed"), ("D", "key_group_placement_rate")]
    assert '<option value="key_group_placement_rate" selected>' in r.content.decode()
    # the department typed as its short code in capitals (tryout27 #10c): the 人社局's key
    r = c.post("/reports/match/confirm/", {
        "code": "rs_progress_t27", "name": "重点群体帮扶进度表", "department": "RS", "department_name": "县人社局",
        "period_type": "monthly", "column": ["B", "C", "D"], "label": ["帮扶对象人数", "重点群体已就业人数", "就业率(%)"],
        "ref": ["key_group_people", "key_group_placed", "key_group_placement_rate"]})
    assert r.status_code == 302
    assert Template.objects.get(code="rs_progress_t27").department == "renshe"
    data = c.get("/reports/templates/rs_progress_t27/run/",
                 {"unit": "450521", "period": "202611", "format": "xlsx"}).content
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    # tryout27 #10e: "就业率(%)（%）" before
    assert [x.value for x in ws[3]] == ["代码", "单位", "帮扶对象人数（人）", "重点群体已就业人数（人）", "就业率(%)"]
    assert [x.value for x in ws[6]] == ["450521", "合浦县合计", 5, 2, 40.0]
    page = c.get("/reports/templates/rs_progress_t27/run/", {"unit": "450521", "period": "202611"}).content.decode()
    assert "就业率(%)</th>" in page and "按当前登记数" not in page


@pytest.mark.parametrize(("typed", "key"), [("RS", "renshe"), ("rs", "renshe"), ("LY", "linye"), ("Renshe", "renshe"),
                                             (" minzheng ", "minzheng"), ("dept_x1", "dept_x1")])
def test_a_typed_department_code_is_the_catalogues_key(typed, key):
    from jianfu.reports.catalog import department_code

    assert department_code(typed) == key


@pytest.mark.django_db
def test_a_department_code_the_catalogue_cannot_key_is_refused_saying_what_a_code_is(world):
    from jianfu.core.errors import ApplicationError
    from jianfu.reports import services
    from jianfu.reports.models import Template

    call_command("reports_load_forms", stdout=io.StringIO())
    before = list(Template.objects.order_by("code").values_list("code", "department"))
    with pytest.raises(ApplicationError) as err:
        services.template_define(actor=world.users["county_office"], definition={
            "code": "rs_progress_t27", "name": "帮扶进度", "department": "人社", "department_name": "县人社局",
            "period_type": "monthly", "cells": [{"element": "key_group_people"}]})
    assert err.value.message == (
        "定义有 1 处错误：\n新模板: template（rs_progress_t27）.department：主管部门代码 '人社' 无效：应为小写英文字母开头、只含小写字母、"
        "数字和下划线的代码（如 renshe），网页上也可填部门简码（如 RS）")
    assert list(Template.objects.order_by("code").values_list("code", "department")) == before


@pytest.mark.django_db
def test_a_template_keyed_by_a_short_code_is_the_departments_own(world):
    from jianfu.reports import selectors, services

    call_command("reports_load_forms", stdout=io.StringIO())
    services.template_define(actor=world.users["county_office"], definition={
        "code": "ly_t27", "name": "林业测试表", "department": "LY", "department_name": "县林业局",
        "period_type": "monthly", "cells": [{"element": "key_group_people"}]})
    assert list(selectors.template_list(user=world.users["dept_forestry"]).values_list("code", flat=True)) == ["ly_t27"]


def test_the_departments_own_form_gets_the_note_below_all_it_holds():
    from jianfu.reports.engine.xlsx_forms import fill_form

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "进度"
    ws["A3"], ws["B3"], ws["C3"] = "乡镇", "未就业高校毕业生人数", "备注"
    ws["A9"] = "填表人："
    out = io.BytesIO()
    wb.save(out)
    data = fill_form(out.getvalue(), "进度", 4, "A", [("曲樟乡", {"g": 1}), ("廉州镇", {"g": 0})], {"g": "B"},
                     note="注：「未就业高校毕业生人数」按当前登记数")
    ws = openpyxl.load_workbook(io.BytesIO(data))["进度"]
    assert [(ws.cell(r, 1).value, ws.cell(r, 2).value) for r in (4, 5, 9, 11)] == [
        ("曲樟乡", 1), ("廉州镇", 0), ("填表人：", None), ("注：「未就业高校毕业生人数」按当前登记数", None)]
    assert ws.max_row == 11
