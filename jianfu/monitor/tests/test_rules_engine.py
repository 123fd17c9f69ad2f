"""The pure rules engine, the index and year-on-year reductions: exact hits on hand-made rows."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jianfu.monitor.rules import RuleError, RuleSpec, evaluate, reduction
from jianfu.monitor.rules import index as idx
from jianfu.monitor.rules.seed import SEED_RULES

D = dt.date(2025, 5, 10)


def row(i, **fields):
    base = {"id": i, "org_code": "450521000000", "issuer_code": "450521000000D01", "issuer_name": "住建局",
            "date": D, "title": f"事项{i}"}
    return {**base, **fields}


def doc(i, **f):
    return row(i, **{"doc_kind": "general", "length": 3000, "review_id": 9, "review__score": 90,
                     "asks_report_back": False, **f})


def meeting(i, **f):
    return row(i, **{"meeting_kind": "business", "duration_minutes": 90, "speech_minutes": 30,
                     "convened_by_deputy": False, "township_heads_required": False,
                     "village_secretaries_required": False, "relayed": False, "by_video": False, **f})


def seeded(code: str) -> RuleSpec:
    spec = next(s for s in SEED_RULES if s["code"] == code)
    return RuleSpec(code=spec["code"], name=spec["name"], ledger=spec["ledger"], check=spec["check"],
                    threshold=spec.get("threshold"), params=spec.get("params", {}), severity=spec["severity"])


def codes_of(hits):
    return sorted((h.rule_code, h.row_id) for h in hits)


def test_document_rules():
    rules = [seeded(c) for c in ("P2-DOC-5000", "P2-DOC-4000", "P3-DOC-REVIEW", "P3-DOC-SCORE", "P3-DOC-REPORT")]
    docs = [doc(1, length=7000), doc(2, length=7000, doc_kind="comprehensive"), doc(3, doc_kind="special", length=4001),
            doc(4, review_id=None, **{"review__score": None}), doc(5, review__score=40), doc(6, asks_report_back=True),
            doc(7, length=5000)]
    hits = evaluate(rules, {"document": docs}, year=2025)
    assert codes_of(hits) == [("P2-DOC-4000", 3), ("P2-DOC-5000", 1), ("P3-DOC-REPORT", 6), ("P3-DOC-REVIEW", 4),
                              ("P3-DOC-SCORE", 5)]
    by_code = {h.rule_code: h for h in hits}
    assert by_code["P2-DOC-5000"].summary == "《事项1》7000 字，超过 5000 字。"
    assert by_code["P2-DOC-5000"].severity == "info"


def test_count_over_last_year_names_the_extra_rows():
    rule = seeded("P1-DOC-COUNT")
    this = [doc(i, date=dt.date(2025, i, 1)) for i in range(1, 5)]
    previous = {"document": [{"id": 100 + i, "issuer_code": "450521000000D01", "doc_kind": "general"}
                             for i in range(3)]}
    [hit] = evaluate([rule], {"document": this}, year=2025, previous=previous)
    assert hit.row_ids == (4,)
    assert hit.counted == (1, 2, 3, 4)    # the 4 of the summary (mend31 #1)
    assert hit.summary == "住建局 2025 年 4 件，多于上年的 3 件，须书面说明。"
    # no base last year: nothing to compare with, no finding
    assert evaluate([rule], {"document": this}, year=2025) == []


def test_meeting_rules():
    rules = [seeded(c) for c in ("P4-MTG-COMPREHENSIVE", "P5-MTG-PRINCIPALS", "P5-MTG-RELAY", "P6-MTG-SPEECH",
                                 "P6-MTG-HALFDAY")]
    meetings = [meeting(1, meeting_kind="comprehensive", date=dt.date(2025, 2, 1)),
                meeting(2, meeting_kind="comprehensive", date=dt.date(2025, 8, 1)),
                meeting(3, speech_minutes=120, duration_minutes=210),
                meeting(4, speech_minutes=60),
                meeting(5, convened_by_deputy=True, village_secretaries_required=True),
                meeting(6, relayed=True),
                meeting(7, duration_minutes=300),
                meeting(8, duration_minutes=480, meeting_kind="statutory")]
    hits = evaluate(rules, {"meeting": meetings}, year=2025)
    assert codes_of(hits) == [("P4-MTG-COMPREHENSIVE", None), ("P5-MTG-PRINCIPALS", 5), ("P5-MTG-RELAY", 6),
                              ("P6-MTG-HALFDAY", 7), ("P6-MTG-SPEECH", 3)]
    comprehensive = next(h for h in hits if h.rule_code == "P4-MTG-COMPREHENSIVE")
    assert comprehensive.row_ids == (2,)
    assert comprehensive.counted == (1, 2)


def test_inspection_app_secondment_plaque_activity_demand_rules():
    insp = {"in_annual_plan": True, "comprehensive": False, "emergency": False, "onsite_visits": 1,
            "forms_demanded": 0, "photos_demanded": 0, "ledgers_demanded": 0}
    app = {"filing_no": "X-1", "grassroots_facing": True, "in_use": True, "check_in": False, "points": False,
           "ranking": False, "online_time": False, "download_target": False, "repeat_filling": False}
    rules = [seeded(c) for c in ("P7-INS-PLAN", "P8-INS-TRACES", "P5A-APP-FEATURES", "P5A-APP-ONE",
                                 "P5A-APP-FILING", "P10-SEC-BELOW", "P6A-PLAQUE-OUT", "P7A-CREATION", "P7A-FEES",
                                 "P6A-DEMAND")]
    ledgers = {
        "inspection": [row(1, **{**insp, "in_annual_plan": False}), row(2, **{**insp, "photos_demanded": 10}),
                       row(3, **{**insp, "in_annual_plan": False, "emergency": True})],
        "app": [row(4, **{**app, "check_in": True, "points": True}), row(5, **{**app, "filing_no": " "}),
                row(6, **{**app, "in_use": False, "check_in": True})],
        "secondment": [row(7, from_unit_level="town", people=2, months=8, approved=True),
                       row(8, from_unit_level="prefecture", people=1, months=3, approved=True)],
        "plaque": [row(100 + i, org_code="450521200206", placement="outside", status="kept") for i in range(7)]
        + [row(200, org_code="450521200206", placement="outside", status="removed")],
        "activity": [row(9, activity_kind="creation", approved=False, fees_yuan=0),
                     row(10, activity_kind="festival", approved=False, fees_yuan=500)],
        "demand": [row(11, demand_kind="certificate", in_access_list=False, times=3),
                   row(12, demand_kind="work_item", in_access_list=True, times=1)],
    }
    hits = evaluate(rules, ledgers, year=2025)
    assert codes_of(hits) == [("P10-SEC-BELOW", 7), ("P5A-APP-FEATURES", 4), ("P5A-APP-FILING", 5),
                              ("P5A-APP-ONE", None), ("P6A-DEMAND", 11), ("P6A-PLAQUE-OUT", None), ("P7-INS-PLAN", 1),
                              ("P7A-CREATION", 9), ("P7A-FEES", 10), ("P8-INS-TRACES", 2)]
    plaque = next(h for h in hits if h.rule_code == "P6A-PLAQUE-OUT")
    assert plaque.summary == "村（社区）办公场所外部挂牌 7 块（台账中状态为“保留”的，含往年登记的），超过 6 块。"
    assert plaque.row_ids == (106,)
    assert plaque.counted == (100, 101, 102, 103, 104, 105, 106)   # mend31 #1: the 7 it counts, for the page
    app_hit = next(h for h in hits if h.rule_code == "P5A-APP-FEATURES")
    assert app_hit.summary == "“事项4”设有打卡签到、积分功能。"
    demand = next(h for h in hits if h.rule_code == "P6A-DEMAND")
    assert demand.summary == "要求村（社区）出具证明，未列入清单：“事项11”。"


def test_invalid_rules_are_refused():
    with pytest.raises(RuleError, match="未知的检查方法"):
        evaluate([RuleSpec("X", "x", "document", "no_such_check")], {}, year=2025)
    with pytest.raises(RuleError, match="阈值"):
        evaluate([RuleSpec("X", "x", "document", "doc_length_max")], {}, year=2025)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=12), max_size=30), st.integers(min_value=0, max_value=5))
def test_over_count_flags_exactly_the_rows_beyond_the_threshold(months, threshold):
    rule = RuleSpec("P", "p", "meeting", "meeting_comprehensive_per_year", threshold=threshold)
    rows = [meeting(i, meeting_kind="comprehensive", date=dt.date(2025, m, 1)) for i, m in enumerate(months)]
    hits = evaluate([rule], {"meeting": rows}, year=2025)
    flagged = [i for h in hits for i in h.row_ids]
    assert len(flagged) == max(0, len(rows) - threshold)
    assert len(hits) == (1 if len(rows) > threshold else 0)


def test_reduction_as_published():
    assert reduction(41, 22).text == "压减 46.3%"
    assert reduction(23, 8).text == "压减 65.2%"
    assert reduction(10, 12).text == "增加 20.0%"
    assert reduction(5, 5).text == "持平"
    assert reduction(0, 3).text == "上年无基数"
    assert reduction(2001, 2000).text == "压减 0.0%"


@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=0, max_value=10**6))
def test_reduction_sign(last, this):
    change = reduction(last, this)
    assert change.text.startswith("压减") == (this < last)
    assert change.text.startswith("增加") == (this > last)
    assert change.percent <= 100


# ------------------------------------------------------------------------------------- index

VILLAGES = ["450521200206", "450521200201", "450521100001"]


def test_index_hands_county_rows_down_and_keeps_village_rows_local():
    rows = {
        "document": [doc(1, length=2000, date=dt.date(2025, 3, 5)),                       # county-wide
                     doc(2, length=0, org_code="450521200000", date=dt.date(2025, 3, 6))],  # 曲樟乡 only
        "meeting": [meeting(3, village_secretaries_required=True, duration_minutes=120, date=dt.date(2025, 3, 7)),
                    meeting(4, duration_minutes=120, date=dt.date(2025, 3, 7))],           # no village attends
        "demand": [row(5, org_code="450521200206", demand_kind="certificate", in_access_list=False, times=2,
                       date=dt.date(2025, 3, 9))],
    }
    reporting = [{"id": 7, "org_code": "450521200201", "year": 2025, "month": 3, "manual_cells": 10,
                  "issuer_code": "MZ", "issuer_name": "民政局", "title": "低保月报"}]
    contribs = idx.contributions(rows, reporting, year=2025)
    result = idx.compute(VILLAGES, contribs, year=2025)
    # 曲木村: 21 (doc 1) + 15 (doc 2) + 180 (meeting: 120 + 60 travel) + 60 (2 certificates) = 276 min
    assert result.cells[("450521200206", 3)] == {"documents": 36.0, "meetings": 180.0, "demands": 60.0}
    assert result.hours("450521200206", 3) == 4.6
    # 璋嘉村: the two documents, the meeting and its report (10 + 10 × 2 = 30 min)
    assert result.hours("450521200201", 3) == round((36 + 180 + 30) / 60, 1)
    # 廉州镇's village: only the county-wide rows
    assert result.hours("450521100001", 3) == round((21 + 180) / 60, 1)
    assert result.hours("450521100001", 4) == 0.0
    assert result.town_hours("450521200", 3) == round((276 + 246) / 2 / 60, 1)
    ranking = result.issuer_ranking()
    assert ranking[0]["issuer_code"] == "450521000000D01"
    assert ranking[0]["hours"] == round((21 * 3 + 15 * 2 + 180 * 3 + 60) / 60, 1)
    traced = idx.trace("450521200206", 3, contribs)
    assert [(c.ledger, c.row_id) for c in traced] == [("meeting", 3), ("demand", 5), ("document", 1),
                                                       ("document", 2)]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["450521000000", "450521200000", "450521200206", "450521100001"]),
                          st.integers(min_value=1, max_value=12), st.integers(min_value=0, max_value=20000)),
                max_size=25))
def test_index_equals_its_trace(items):
    rows = {"document": [doc(i, org_code=code, date=dt.date(2025, m, 1), length=length)
                         for i, (code, m, length) in enumerate(items)]}
    contribs = idx.contributions(rows, [], year=2025)
    result = idx.compute(VILLAGES, contribs, year=2025)
    for v in VILLAGES:
        for m in range(1, 13):
            expected = sum(c.minutes for c in idx.trace(v, m, contribs))
            assert sum(result.cells.get((v, m), {}).values()) == pytest.approx(expected)
