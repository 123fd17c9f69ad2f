"""YAML definitions: every problem is named with its place; nothing is half-loaded."""

from __future__ import annotations

import pytest

from jianfu.reports.engine import DefinitionError, build_catalog, load_files

from .engine_fixture import shipped_catalog

EL = {"code": "pop", "name": "人口", "subject": "person", "kind": "count"}
TPL = {"code": "t1", "name": "表", "department": "tongji", "department_name": "统计局",
       "period_type": "yearly", "cells": ["pop"]}


def problems(docs):
    with pytest.raises(DefinitionError) as exc:
        build_catalog(docs)
    return exc.value.problems


def test_shipped_forms_load():
    cat = shipped_catalog()
    assert len(cat.templates) >= 12
    depts = {t.department for t in cat.templates.values()}
    assert {"minzheng", "renshe", "weijian", "tuiyijunren", "canlian", "fulian", "tongji", "yibao", "yingji",
            "nongye", "zhengfa", "zuzhi"} <= depts
    assert all(any(cat.element(c.element).is_manual for c in t.cells)
               for t in cat.templates.values() if t.code not in ("mz_elderly_census", "rs_key_groups"))
    # 重点群体就业帮扶 is generated entirely from the employment app's records: nothing typed by hand.
    assert not any(cat.element(c.element).is_manual for c in cat.templates["rs_key_groups"].cells)


def test_unknown_field_in_filter_and_unknown_key():
    got = problems([("a.yaml", {"elements": [
        {**EL, "filter": {"shoe_size": 42}, "colour": "red"}]})])
    places = [p for p, _ in got]
    assert "a.yaml: elements[0].colour" in places
    assert any(p.endswith("filter.shoe_size") and "没有字段 'shoe_size'" in m for p, m in got)


def test_bad_enum_value_and_type():
    got = problems([("a.yaml", {"elements": [
        {**EL, "filter": {"gender": "X", "is_dibao": "yes", "age": {"gte": 200}}}]})])
    msgs = " ".join(m for _, m in got)
    assert "没有取值 'X'" in msgs
    assert "只能写 true 或 false" in msgs
    assert "0–150" in msgs


def test_unknown_element_in_template_names_the_cell():
    got = problems([("a.yaml", {"elements": [EL]}),
                    ("t.yaml", {"template": {**TPL, "cells": ["pop", {"element": "ghost"}]}})])
    assert got == [("t.yaml: template（t1）.cells[1].element", "未知数据元素 'ghost'")]


def test_cyclic_ratios_are_refused_with_the_cycle():
    got = problems([("a.yaml", {"elements": [
        EL,
        {"code": "r1", "name": "比率1", "kind": "ratio", "numerator": "r2", "denominator": "pop"},
        {"code": "r2", "name": "比率2", "kind": "ratio", "numerator": "r3", "denominator": "pop"},
        {"code": "r3", "name": "比率3", "kind": "ratio", "numerator": "r1", "denominator": "pop"},
    ]})])
    assert len(got) == 1
    assert "比率循环引用" in got[0][1]
    assert "r1" in got[0][1] and "r2" in got[0][1] and "r3" in got[0][1]


def test_self_ratio_and_ratio_to_unknown():
    got = problems([("a.yaml", {"elements": [
        EL, {"code": "r1", "name": "比率", "kind": "ratio", "numerator": "r1", "denominator": "nope"}]})])
    msgs = [m for _, m in got]
    assert "未知数据元素 'nope'" in msgs
    assert any("r1 → r1" in m for m in msgs)


def test_by_option_must_exist_and_duplicates():
    cats = {"gender": {"name": "性别", "options": [{"code": "M", "name": "男", "filter": {"gender": "M"}}]}}
    got = problems([("a.yaml", {"categories": cats, "elements": [EL, {**EL, "by": ["gender"]}]}),
                    ("t.yaml", {"template": {**TPL, "period_type": "weekly",
                                             "cells": [{"element": "pop", "by": {"gender": "F"}}]}})])
    msgs = " ".join(f"{p} {m}" for p, m in got)
    assert "数据元素 'pop' 重复定义" in msgs
    assert "分类 'gender' 没有选项 'F'" in msgs
    assert "period_type" in msgs and "weekly" in msgs


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("elements:\n  - code: x\n    name: [unclosed\n", encoding="utf-8")
    with pytest.raises(DefinitionError) as exc:
        load_files([bad])
    place, msg = exc.value.problems[0]
    assert place.startswith("bad.yaml:")
    assert "YAML 语法错误" in msg


def test_manual_and_ratio_elements_cannot_carry_filters():
    got = problems([("a.yaml", {"elements": [
        {"code": "mm", "name": "手工", "kind": "manual", "filter": {"gender": "M"}},
        {"code": "rr", "name": "率", "kind": "ratio", "numerator": "mm", "denominator": "mm", "subject": "person"},
        {"code": "X", "name": "坏代码", "kind": "manual"},
    ]})])
    assert {p for p, _ in got} == {"a.yaml: elements[0]（mm）.filter", "a.yaml: elements[1]（rr）.subject",
                                   "a.yaml: elements[2].code"}


def test_cell_naming_a_list_as_element_is_a_problem_not_a_crash():
    # Found by mypy: the cell's element went straight into a dict lookup, so `element: [pop]`
    # raised "TypeError: unhashable type" instead of a named problem.
    got = problems([("a.yaml", {"elements": [EL]}),
                    ("t.yaml", {"template": {**TPL, "cells": [{"element": ["pop"]}, "pop"]}})])
    assert got == [("t.yaml: template（t1）.cells[0].element", "未知数据元素 ['pop']")]
