"""Header matching and the department's own xlsx forms (pure: no database)."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from jianfu.reports.engine import EngineError
from jianfu.reports.engine.burden import coverage, summarise
from jianfu.reports.engine.headers import HeaderMatcher, can_qualify, choose_parent, extract, fact_key
from jianfu.reports.engine.xlsx_forms import fill_form, read_layout

from .engine_fixture import shipped_catalog


@pytest.fixture(scope="module")
def matcher():
    return HeaderMatcher(shipped_catalog())


def test_features_of_a_header():
    f = extract("其中：60周岁以上老年人数（人）")
    assert (f.age, f.gender, f.unit) == ((60, None), None, "人")
    assert extract("0-17岁女童").age == (None, 18)
    assert extract("0-17岁女童").gender == "F"
    assert extract("未满16周岁的特困人员").age == (None, 16)
    assert extract("低保覆盖率").unit == "%"
    assert extract("发放低保金（元）").unit == "元"


@pytest.mark.parametrize(("header", "parent", "expected"), [
    ("60周岁以上老年人数", None, "elderly_60"),
    ("其中：女", "低保对象（人）", "dibao_persons[gender=F]"),
    ("城乡低保户数", None, "dibao_households"),
    ("65岁及以上老年人数（人）", None, "elderly_65"),
    ("残疾人总数", None, "disabled_total"),
    ("视力残疾", "按残疾类别分", "disabled_total[disability_kind=visual]"),
    ("序号", None, None),
    ("村（社区）名称", None, None),
    ("生猪存栏（头）", None, None),
    ("其中：60岁以上", "流动人口数", "pop_liudong[age_3=a60]"),
    ("其中：男", "流动人口（人）", "pop_liudong[gender=M]"),
])
def test_matches(matcher, header, parent, expected):
    m = matcher.match(header, parent=parent)
    assert (m.best.ref if m.best else None) == expected


def test_the_same_fact_under_two_names_is_recognised():
    cat = shipped_catalog()
    assert fact_key(cat, "children_dibao") == fact_key(cat, "dibao_persons[age_3=a0_17]")
    assert fact_key(cat, "elderly_80") == fact_key(cat, "elderly_60[age_elder=a80]")
    assert fact_key(cat, "elderly_80") != fact_key(cat, "elderly_65")


def test_evaluation_set_accuracy():
    from jianfu.reports.headers_eval import evaluate, load_cases

    assert len(load_cases()) >= 150
    r = evaluate(shipped_catalog())
    assert r.total == len(load_cases())
    assert r.none_right == r.none_total  # structural columns never get an element
    assert r.accuracy >= 0.9  # measured 0.967 (208/215); the held-out set is reported by the bench


def _form() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "低保月报"
    ws["A1"] = "城乡最低生活保障情况月报表"
    ws.merge_cells("A1:F1")
    ws["A2"] = "填报单位：            2025年6月"
    ws["A3"], ws["B3"], ws["C3"], ws["F3"] = "序号", "村（社区）", "低保对象", "备注"
    ws.merge_cells("C3:E3")
    ws.merge_cells("A3:A4")
    ws.merge_cells("B3:B4")
    ws.merge_cells("F3:F4")
    ws["C4"], ws["D4"], ws["E4"] = "户数（户）", "人数（人）", "其中：女"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_read_layout_with_merged_headers(matcher):
    layout = read_layout(_form())
    assert layout.sheet == "低保月报"
    assert layout.title == "城乡最低生活保障情况月报表"
    assert layout.header_rows == (3, 4)
    assert layout.first_data_row == 5
    assert layout.unit_column == "B"
    got = [(h.column, h.text, h.parent) for h in layout.headers]
    assert got == [("A", "序号", None), ("B", "村（社区）", None), ("C", "户数（户）", "低保对象"),
                   ("D", "人数（人）", "低保对象"), ("E", "其中：女", "低保对象"), ("F", "备注", None)]
    refs = [(matcher.match(h.text, parent=h.parent).best or None) for h in layout.headers]
    assert [r.ref if r else None for r in refs] == [None, None, "dibao_households", "dibao_persons",
                                                     "dibao_persons[gender=F]", None]


def test_fill_the_departments_form():
    data = fill_form(_form(), "低保月报", 5, "B", [("曲木村", {"h": 3, "p": 7}), ("合计", {"h": 3, "p": 7})],
                     {"h": "C", "p": "D"})
    ws = load_workbook(io.BytesIO(data))["低保月报"]
    assert [ws["B5"].value, ws["C5"].value, ws["D5"].value, ws["B6"].value] == ["曲木村", 3, 7, "合计"]
    assert ws["C4"].value == "户数（户）"  # the header is left as the department made it


def test_bad_files_are_refused_with_a_reason():
    with pytest.raises(EngineError, match="不是有效的 xlsx"):
        read_layout(b"not a zip")
    with pytest.raises(EngineError, match="工作表「无」不存在"):
        read_layout(_form(), sheet="无")
    wb = Workbook()
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(EngineError, match="找不到表头"):
        read_layout(out.getvalue())


def test_burden_summary_and_coverage(matcher):
    cat = shipped_catalog()
    s = summarise(cat)
    assert s.cells_total == sum(len(t.cells) for t in cat.templates.values())
    assert s.cells_auto + s.cells_manual == s.cells_total
    dibao = next(t for t in s.templates if t.code == "mz_dibao_tekun")
    assert (dibao.cells, dibao.auto_cells, dibao.derived_cells, dibao.manual_cells) == (15, 9, 1, 5)
    assert dibao.minutes_saved_per_submission == 27.0  # 9 registry cells × 3 minutes
    rs = next(t for t in s.templates if t.code == "rs_employment")
    assert rs.manual_shared == ["migrant_workers_out"]  # typed once for both monthly forms
    shared = {x.code: x.templates for x in s.shared}
    assert shared["pop_total"] == ["mz_elderly_census", "tj_population", "yb_insurance", "yj_emergency"]
    rows = coverage(cat, ["序号", "80周岁以上老年人（人）", "危房户数（户）"], matcher)
    assert [r["ref"] for r in rows][:2] == [None, "elderly_80"]
    assert rows[0]["structural"] and rows[1]["kind"] == "auto"


@pytest.mark.parametrize(("leaf", "parent", "expected"), [
    ("其中：60岁以上", "随迁未成年人数", False),      # 60 and over is no part of the under-18s
    ("其中：60岁以上", "劳动年龄流动人口数", False),  # nor of 16 to 59
    ("其中：60岁以上", "流动人口数", True),
    ("其中：80岁以上", "60周岁以上老年人数", True),
    ("其中：0-17岁", "60周岁以上老年人数", False),
    ("其中：女", "男性人数", False),
    ("其中：女", "随迁未成年人数", True),
    ("小计", "随迁未成年人数", True),
])
def test_a_sub_column_qualifies_only_a_parent_it_can_be_part_of(leaf, parent, expected):
    assert can_qualify(leaf, parent) is expected


def test_the_nearest_parent_it_can_qualify_is_chosen():
    assert choose_parent("其中：60岁以上", ["随迁未成年人数", "劳动年龄流动人口数", "流动人口数"]) == "流动人口数"
    assert choose_parent("其中：60岁以上", ["随迁未成年人数"]) is None
    assert choose_parent("其中：女", ["随迁未成年人数", "流动人口数"]) == "随迁未成年人数"


def _floating_form(*, misaligned: bool) -> bytes:
    """流动人口 form of a real shape. Misaligned: the caption 随迁未成年人数 is merged over its own 小计 and over the
    next column, "其中：60岁以上" — which belongs to 流动人口 (the template zz_floating_population). Flat: one row."""
    wb = Workbook()
    ws = wb.active
    ws.title = "流动人口"
    ws["A1"] = "流动人口和出租房屋服务管理月报表"
    ws.merge_cells("A1:I1")
    ws["A2"] = "填报单位：            2026年11月"
    if misaligned:
        ws["A3"], ws["B3"], ws["C3"], ws["G3"], ws["I3"] = "序号", "村（社区）", "流动人口（人）", "随迁未成年人数", "备注"
        ws.merge_cells("C3:F3")
        ws.merge_cells("G3:H3")
        for c in "ABI":
            ws.merge_cells(f"{c}3:{c}4")
        for c, t in zip("CDEFGH", ["合计", "其中：男", "其中：女", "劳动年龄流动人口数", "小计", "其中：60岁以上"],
                        strict=True):
            ws[f"{c}4"] = t
    else:
        for c, t in zip("ABCDEFGHI", ["序号", "村（社区）", "流动人口数", "其中：男", "其中：女", "劳动年龄流动人口数",
                                      "随迁未成年人数", "其中：60岁以上", "备注"], strict=True):
            ws[f"{c}3"] = t
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_sub_column_is_read_under_the_parent_it_qualifies_not_the_caption_merged_over_it(matcher):
    """Session 13: "其中：60岁以上" was read under "随迁未成年人数" (the caption merged over it) and matched to
    elderly_60; it belongs to 流动人口, the nearest parent it can be a part of."""
    layout = read_layout(_floating_form(misaligned=True))
    got = {h.column: (h.text, h.parent, h.captions) for h in layout.headers}
    assert got["G"] == ("小计", "随迁未成年人数", ("随迁未成年人数",))
    assert got["H"] == ("其中：60岁以上", "流动人口（人）", ("随迁未成年人数",))
    assert got["D"] == ("其中：男", "流动人口（人）", ("流动人口（人）",))
    refs = {h.column: (m.best.ref if (m := matcher.match(h.text, parent=h.parent)).best else None)
            for h in layout.headers}
    assert refs == {"A": None, "B": None, "C": None, "D": "pop_liudong[gender=M]", "E": "pop_liudong[gender=F]",
                    "F": "liudong_working_age", "G": None, "H": "pop_liudong[age_3=a60]", "I": None}
    # handed a parent it cannot qualify, the matcher reads the sub-column alone rather than under it
    alone = matcher.match("其中：60岁以上").best
    assert matcher.match("其中：60岁以上", parent="随迁未成年人数").best == alone


def test_in_a_flat_row_qizhong_qualifies_the_nearest_column_on_its_left_it_can(matcher):
    layout = read_layout(_floating_form(misaligned=False))
    parents = {h.column: h.parent for h in layout.headers}
    assert parents == {"A": None, "B": None, "C": None, "D": "流动人口数", "E": "流动人口数", "F": None, "G": None,
                       "H": "流动人口数", "I": None}
    refs = [m.best.ref if (m := matcher.match(h.text, parent=h.parent)).best else None for h in layout.headers]
    assert refs == [None, None, "pop_liudong", "pop_liudong[gender=M]", "pop_liudong[gender=F]",
                    "liudong_working_age", "liudong_minor", "pop_liudong[age_3=a60]", None]
