"""codereview15 #9: the user messages added in session 14 go through gettext — no Chinese literal outside `_()` /
`gettext()` in the functions that build them (the older strings of these modules are left to their owners)."""

from __future__ import annotations

import ast
import importlib
import inspect
import re

import pytest

CJK = re.compile("[\u4e00-\u9fff]")
GETTEXT = {"_", "gettext", "gettext_lazy", "_lazy", "ngettext"}
FUNCTIONS = [
    ("jianfu.core.xlsxguard", "merged_refusal"),
    ("jianfu.core.xlsxguard", "sheet_note"),
    ("jianfu.registry.ledger.reader", "formula_without_value"),
    ("jianfu.registry.ledger.reader", "_csv_error"),
    ("jianfu.reports.selectors", "figures_changed_on_save"),
    ("jianfu.reports.selectors", "figure_text"),
]


def bare_chinese(function) -> list[str]:
    """The Chinese string literals (and f-strings) of `function` not inside a gettext call (its docstring aside)."""
    return bare_chinese_in(ast.parse(inspect.getsource(function)).body[0])


def bare_chinese_in(tree: ast.FunctionDef) -> list[str]:
    """As `bare_chinese`, for a function's syntax tree (a method, a decorated view)."""
    if ast.get_docstring(tree) is not None:
        tree.body = tree.body[1:]
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in GETTEXT:
            inside.update(id(n) for arg in node.args for n in ast.walk(arg))
    in_fstring = {id(n) for j in ast.walk(tree) if isinstance(j, ast.JoinedStr) for n in ast.walk(j) if n is not j}
    found = []
    for node in ast.walk(tree):
        if id(node) in inside or id(node) in in_fstring:
            continue
        if isinstance(node, ast.JoinedStr) and CJK.search(ast.unparse(node)):
            found.append(ast.unparse(node))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and CJK.search(node.value):
            found.append(node.value)
    return found


@pytest.mark.parametrize(("module", "name"), FUNCTIONS)
def test_the_new_messages_go_through_gettext(module, name):
    assert bare_chinese(getattr(importlib.import_module(module), name)) == []


def test_the_formula_message_is_made_when_raised_not_kept_as_a_constant():
    from jianfu.registry.ledger import reader

    assert not hasattr(reader, "FORMULA_WITHOUT_VALUE")
    assert reader.formula_without_value(4, "身份证号") == (
        "第4行「身份证号」是公式，没有保存计算结果，请在 Excel 中打开后另存，或粘贴为数值")


def test_the_refusals_read_as_before():
    import csv

    from jianfu.core.xlsxguard import merged_refusal, sheet_note
    from jianfu.registry.ledger.reader import _csv_error

    assert merged_refusal(["A1:B1"], header_row=1, sheet_name="表1") == (
        "工作表“表1”的表头（第1行）有合并单元格 A1:B1，请把表头整理为一行、每列一个标题后再导入")
    assert merged_refusal(["A3:A4"], header_row=1, sheet_name="表1") == (
        "工作表“表1”的数据区有合并单元格 A3:A4（第3行），请取消合并并把值填到每一行")
    assert sheet_note(["甲", "乙", "丙"], ["visible", "hidden", ""], 0) == (
        "文件有 3 个工作表，导入的是“甲”（打开文件时显示的工作表）；未导入：“乙”（隐藏）、“丙”")
    limit = csv.field_size_limit()
    assert _csv_error(7, csv.Error(f"field larger than field limit ({limit})")) == (
        f"第7行有超过 {limit} 字的单元格（每个单元格最多 {limit} 字），请缩短该行的内容；"
        "如果该行并没有这么长的内容，请检查是否有未配对的英文引号")
    assert _csv_error(2, csv.Error("line contains NUL")) == (
        "第2行含有空字符（NUL），文件可能不是文本格式的 CSV，请在 Excel 中另存为 .xlsx 或 CSV 后重新上传")
    assert _csv_error(3, csv.Error("unexpected end of data")) == (
        "第3行格式错误（可能有未配对的英文引号），请在 Excel 中另存为 .xlsx 或 CSV 后重新上传")
