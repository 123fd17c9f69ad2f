"""The pure report engine on a nine-person registry: exact numbers, ages at the reference date,
one grouped query per subject, manual values and ratios from summed parts."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.reports.engine import EngineError, build_catalog, compute, make_plan, parse_period
from jianfu.reports.engine.periods import latest_closed_period, period_containing, years_before
from jianfu.reports.engine.runner import age_on

from .engine_fixture import V_LIANZHOU, V_QUMU, V_ZHANGJIA, make_db, shipped_catalog

COUNTY = "450521000000"


@pytest.fixture
def cur():
    con = make_db()
    yield con.cursor()
    con.close()


def run(template, unit, period_id, cur, **kw):
    cat = shipped_catalog()
    t = cat.template(template)
    return compute(cat, t, unit, parse_period(t.period_type, period_id), cur, **kw)


def test_dibao_by_town_exact(cur):
    manual = {("dibao_fund", V_QUMU): 1000, ("dibao_fund", V_ZHANGJIA): 500.5, ("dibao_fund", V_LIANZHOU): 200}
    r = run("mz_dibao_tekun", COUNTY, "202506", cur, manual=manual,
            names={"450521": "合浦县", "450521200": "曲樟乡"}, children=["450521100", "450521200"])
    assert [row.code for row in r.rows] == ["450521100", "450521200"]
    quzhang = r.rows[1].values
    assert quzhang["dibao_households"] == 1
    assert quzhang["dibao_persons"] == 2
    assert quzhang["dibao_persons__gender_F"] == 1
    assert quzhang["dibao_persons__age_3_a60"] == 1  # person 2 is 59 on 2025-06-30
    assert quzhang["dibao_persons__age_3_a0_17"] == 0
    assert quzhang["tekun_persons"] == 1
    assert quzhang["tekun_disabled"] == 1
    assert quzhang["dibao_fund"] == 1500.5
    assert quzhang["dibao_new_households"] is None
    assert quzhang["dibao_rate"] == 33.33  # 2 of 6 active huji persons
    lianzhou = r.rows[0].values
    assert lianzhou["dibao_persons"] == 0  # the deceased 低保 recipient is not counted
    assert lianzhou["dibao_rate"] == 0.0
    assert r.total.values["dibao_persons"] == 2
    assert r.total.values["dibao_fund"] == 1700.5
    assert r.total.values["dibao_rate"] == 28.57  # 2 / 7, from the summed parts, not an average of rates
    assert r.total.name == "合浦县合计"
    assert r.rows[1].name == "曲樟乡"
    assert r.total.manual_missing == 4  # 新增/退出户数, 集中供养, 特困供养金 not entered anywhere


def test_age_is_taken_at_the_period_end(cur):
    june = run("mz_dibao_tekun", COUNTY, "202506", cur)
    july = run("mz_dibao_tekun", COUNTY, "202507", cur)
    assert june.total.values["dibao_persons__age_3_a60"] == 1
    assert july.total.values["dibao_persons__age_3_a60"] == 2  # person 2 turns 60 on 2025-07-01


def test_elderly_census_yearly_county_and_village(cur):
    r = run("mz_elderly_census", COUNTY, "2025", cur)
    v = r.total.values
    assert v["pop_total"] == 8
    assert v["elderly_60"] == 4
    assert (v["elderly_60__gender_M"], v["elderly_60__gender_F"]) == (2, 2)
    assert (v["elderly_60__age_elder_a60_69"], v["elderly_60__age_elder_a70_79"],
            v["elderly_60__age_elder_a80"]) == (2, 1, 1)
    assert v["elderly_65"] == 3
    assert v["elderly_80"] == 1
    assert v["elderly_100"] == 0
    assert v["aging_rate"] == 50.0
    vets = run("tyjr_veterans", COUNTY, "2025Q4", cur).total.values  # expand: gender × age band
    assert vets["veterans__gender_M__age_elder_a60_69"] == 1
    assert sum(v for k, v in vets.items() if k.startswith("veterans__gender_")) == 1
    village = run("mz_elderly_census", V_QUMU, "2025", cur)
    assert [row.code for row in village.rows] == [V_QUMU]
    assert village.level == "village"
    assert village.total.values["pop_total"] == 4
    assert village.total.values["elderly_60"] == 2


def test_town_by_village_rows_and_organisations(cur):
    r = run("tj_population", "450521200", "2025", cur)
    assert [row.code for row in r.rows] == [V_ZHANGJIA, V_QUMU]
    by = {row.code: row.values for row in r.rows}
    assert by[V_QUMU]["pop_total"] == 4
    assert by[V_ZHANGJIA]["pop_total"] == 3
    assert by[V_ZHANGJIA]["pop_total__residence_liudong"] == 1
    assert by[V_QUMU]["households_total"] == 2
    assert by[V_QUMU]["org_count"] == 1
    assert by[V_ZHANGJIA]["org_count"] == 0  # the only organisation there is inactive
    county = run("tj_population", COUNTY, "2025", cur)
    assert county.total.values["org_count"] == 3
    assert county.total.values["org_count__org_kind_enterprise"] == 2
    assert county.total.values["org_count__org_kind_individual_business"] == 1
    assert county.total.values["households_total"] == 6
    assert county.total.values["pop_infant"] == 1  # born 2025-01-01: still 0 on 2025-12-31
    assert county.total.values["pop_total__age_pop_a0_14"] == 1  # person 3 turned 15 on 2025-01-01


def test_one_grouped_query_per_subject_portable_sql():
    cat = shipped_catalog()
    t = cat.template("tj_population")
    plan = make_plan(cat, t, COUNTY, parse_period("yearly", "2025"), paramstyle="format")
    assert sorted(q.subject for q in plan.queries) == ["household", "organisation", "person"]
    person = next(q for q in plan.queries if q.subject == "person")
    # grouped by the village code itself (rolled up to towns in Python), never by substr()
    assert person.sql.count("GROUP BY org_code") == 1 and "substr" not in person.sql
    assert "?" not in person.sql and person.sql.count("%s") == len(person.params)
    assert '"status" = %s' in person.sql.split("WHERE")[-1]  # the shared predicate moved to WHERE
    assert "COUNT(*) FILTER (WHERE " in person.sql and "CASE WHEN" not in person.sql
    assert person.params[-3:] == ["450521", "450522", "active"]
    # the same element named by two cells shares one aggregate column
    assert len(person.aggregates) == len({a for a in person.aggregates})


def test_manual_values_only_count_inside_the_unit(cur):
    manual = {("dibao_fund", V_LIANZHOU): 200, ("dibao_fund", "450522000001"): 9999}
    r = run("mz_dibao_tekun", "450521100", "202506", cur, manual=manual)
    assert r.total.values["dibao_fund"] == 200


def _custom(**template):
    return build_catalog([("t.yaml", {
        "elements": [
            {"code": "old80", "name": "80岁以上", "subject": "person", "kind": "count", "filter": {"age": {"gte": 80}}},
            {"code": "all_p", "name": "全部", "subject": "person", "kind": "count",
             "filter": {"status": {"in": ["active", "deceased"]}}},
            {"code": "dead", "name": "已故", "subject": "person", "kind": "count", "filter": {"status": "deceased"}},
        ],
        "template": {"code": "t1", "name": "测试", "department": "minzheng", "department_name": "民政局",
                     "period_type": "ad_hoc", "cells": ["old80", "all_p", "dead"], **template},
    })])


def test_leap_day_birthdays_and_explicit_status(cur):
    cat = _custom()
    t = cat.template("t1")
    before = compute(cat, t, COUNTY, parse_period("ad_hoc", "20200228"), cur)
    on = compute(cat, t, COUNTY, parse_period("ad_hoc", "20200229"), cur)
    assert before.total.values["old80"] == 0  # person 8 (born 1930) is deceased: never counted
    assert on.total.values["old80"] == 1  # person 5, born 1940-02-29, is 80 on 2020-02-29
    assert on.total.values["all_p"] == 9
    assert on.total.values["dead"] == 1


def test_period_rules():
    assert parse_period("quarterly", "2025Q3").start == dt.date(2025, 7, 1)
    assert parse_period("quarterly", "2025Q3").reference_date == dt.date(2025, 9, 30)
    assert parse_period("half_yearly", "2024H1").end == dt.date(2024, 6, 30)
    assert parse_period("monthly", "202402").end == dt.date(2024, 2, 29)
    assert parse_period("monthly", "202506").due_date() == dt.date(2025, 7, 5)
    assert parse_period("monthly", "202501").previous().id == "202412"
    assert period_containing("quarterly", dt.date(2025, 11, 3)).id == "2025Q4"
    assert latest_closed_period("monthly", dt.date(2025, 7, 3)).id == "202506"
    assert years_before(dt.date(2024, 2, 29), 1) == dt.date(2023, 2, 28)
    with pytest.raises(EngineError, match="2025Q5"):
        parse_period("quarterly", "2025Q5")
    with pytest.raises(EngineError, match="不符"):
        parse_period("monthly", "2025")
    with pytest.raises(EngineError, match="不是有效日期"):
        parse_period("ad_hoc", "20250231")


def test_age_cutoffs_agree_with_age_formula():
    ref = dt.date(2028, 2, 29)
    for birth in (dt.date(2027, 2, 28), dt.date(2027, 3, 1), dt.date(1968, 2, 29), dt.date(1968, 3, 1)):
        for a in (1, 60):
            assert (birth <= years_before(ref, a)) == (age_on(birth, ref) >= a)


def test_plan_refuses_wrong_period_type_and_bad_unit():
    cat = shipped_catalog()
    with pytest.raises(EngineError, match="类型不符"):
        make_plan(cat, cat.template("tj_population"), COUNTY, parse_period("monthly", "202501"))
    with pytest.raises(EngineError, match="区划代码"):
        make_plan(cat, cat.template("tj_population"), "45x", parse_period("yearly", "2025"))


def test_one_scan_rolled_up_equals_each_level_computed_alone(cur):
    from jianfu.reports.engine.runner import compute_levels

    cat = shipped_catalog()
    periods = {"monthly": "202506", "quarterly": "2025Q2", "half_yearly": "2025H1", "yearly": "2025"}
    views = [("450521", None), ("450521", 12), ("450521200", None), (V_QUMU, None)]
    for t in cat.templates.values():
        p = parse_period(t.period_type, periods[t.period_type])
        together = compute_levels(cat, t, p, cur, views)
        for (unit, glen), rep in zip(views, together, strict=True):
            alone = compute(cat, t, unit, p, cur, group_len=glen)
            assert [(r.code, r.values) for r in rep.rows] == [(r.code, r.values) for r in alone.rows], t.code
            assert rep.total.values == alone.total.values, t.code


def test_filter_and_case_forms_agree_and_old_sqlite_gets_case(cur):
    cat = shipped_catalog()
    periods = {"monthly": "202506", "quarterly": "2025Q2", "half_yearly": "2025H1", "yearly": "2025"}
    for t in cat.templates.values():
        p = parse_period(t.period_type, periods.get(t.period_type, "20250630"))
        for unit, glen in (("450521", None), ("450521", 12), ("450521200", None), (V_QUMU, None)):
            f = compute(cat, t, unit, p, cur, group_len=glen, style="filter")
            c = compute(cat, t, unit, p, cur, group_len=glen, style="case")
            assert [(r.code, r.values) for r in f.rows] == [(r.code, r.values) for r in c.rows], t.code
            assert f.total.values == c.total.values, t.code
            assert all("FILTER (WHERE" not in s for s in c.sql)
    plan = make_plan(cat, cat.template("mz_dibao_tekun"), COUNTY, parse_period("monthly", "202506"), style="case")
    assert 'SUM(CASE WHEN "is_dibao" = ? THEN 1 ELSE 0 END)' in plan.queries[0].sql
    with pytest.raises(EngineError, match="聚合写法"):
        make_plan(cat, cat.template("mz_dibao_tekun"), COUNTY, parse_period("monthly", "202506"), style="x")


def test_likely_false_conditions_come_first():
    cat = shipped_catalog()
    plan = make_plan(cat, cat.template("mz_dibao_tekun"), COUNTY, parse_period("monthly", "202506"))
    sql = plan.queries[0].sql
    # 低保对象 aged 60+: the rare flag is tested before the birth-date range
    assert 'COUNT(*) FILTER (WHERE "is_dibao" = ? AND "birth_date" <= ?)' in sql


def test_many_templates_one_scan_per_subject_equal_each_computed_alone(cur):
    from jianfu.reports.engine.runner import compute_many

    cat = shipped_catalog()
    periods = {"monthly": "202506", "quarterly": "2025Q2", "half_yearly": "2025H1", "yearly": "2025",
               "ad_hoc": "20250630"}
    jobs = [(t, parse_period(t.period_type, periods[t.period_type])) for t in cat.templates.values()]
    views = [("450521", None), ("450521", 12), ("450521200", None), (V_QUMU, None)]
    manual = {"202506": {("dibao_fund", V_QUMU): 1000.0, ("dibao_fund", V_LIANZHOU): 5.0}}
    together = compute_many(cat, jobs, cur, views, manual=manual)
    # one query per subject table for all 14 templates, identical figures sharing a column
    sql = together[0][0].sql
    subjects = {s for t, p in jobs for s in make_plan(cat, t, COUNTY, p).aggregates}
    assert len(subjects) == 8   # the registry's 3 tables + the employment app's 5 (its status history since session 12)
    assert len(sql) == len(subjects) and together[0][0].queries == len(subjects)
    per_template = sum(len(make_plan(cat, t, COUNTY, p).aggregates.get("person", ())) for t, p in jobs)
    person_sql = next(s for s in sql if "registry_person" in s)
    assert person_sql.count(" AS a") < per_template
    for (t, p), reports in zip(jobs, together, strict=True):
        for (unit, glen), rep in zip(views, reports, strict=True):
            alone = compute(cat, t, unit, p, cur, group_len=glen, manual=manual.get(p.id))
            assert [(r.code, r.values) for r in rep.rows] == [(r.code, r.values) for r in alone.rows], t.code
            assert rep.total.values == alone.total.values, t.code
            assert (rep.unit, rep.level, rep.child_level) == (alone.unit, alone.level, alone.child_level)
    dibao = together[[t.code for t, _p in jobs].index("mz_dibao_tekun")]
    assert dibao[0].total.values["dibao_fund"] == 1005.0
    assert dibao[3].total.values["dibao_fund"] == 1000.0


def test_exports_keep_department_text_inert():
    from jianfu.reports.engine.exports import _inert, _sheet_title

    assert _inert("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert _inert("-1+2") == "'-1+2"
    assert _inert("低保人数") == "低保人数"
    assert _sheet_title("民政/低保[2026]?") == "民政_低保_2026__"


def test_a_template_reads_its_cells_elements_and_a_ratios_parts():
    """fix-left16 #6: "what a template reads" was a private selector (`_ratio_parts`) the services imported; it is the
    catalog's, in the pure core, where the services and the selectors both ask it."""
    cat = shipped_catalog()
    t = cat.template("dj_party_members")
    cells = {c.element for c in t.cells}
    assert cat.elements_read(t) == cells | {"pop_total"}
    assert "pop_total" not in cells
