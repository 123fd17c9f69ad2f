"""codereview16 #8: user-facing text of the API (page refusals, the error envelope, the direct line's key refusal, the
upload refusals) goes through gettext, and the reports keep one figure formatter (`selectors.figure_text`, 空
translated) instead of two."""

from __future__ import annotations

import ast
import importlib
import inspect

import pytest
from django.utils.functional import Promise

from tests.test_gettext_review15 import bare_chinese_in

FUNCTIONS = [
    ("jianfu.api.pagination", "paginate_queryset"),
    ("jianfu.api.errors", "exception_handler"),
    ("jianfu.api.errors", "validation_message"),
    ("jianfu.api.v1.directline", "public_answer"),
    ("jianfu.api.v1.employment", "posting_import"),
    ("jianfu.api.v1.employment", "seeker_import"),
    ("jianfu.reports.selectors", "figure_text"),
    ("jianfu.reports.selectors", "shared_changes"),
]


def function_tree(module: str, name: str) -> ast.FunctionDef:
    """The function or method `name` of `module`, as written (decorated API views are wrapped at import)."""
    tree = ast.parse(inspect.getsource(importlib.import_module(module)))
    found = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == name]
    assert len(found) == 1, (module, name)
    found[0].decorator_list = []   # the OpenAPI summary and description are the schema's, not a message
    return found[0]


@pytest.mark.parametrize(("module", "name"), FUNCTIONS)
def test_the_api_messages_go_through_gettext(module, name):
    assert bare_chinese_in(function_tree(module, name)) == []


def test_the_error_envelope_messages_are_translatable_and_read_as_before():
    from jianfu.api.errors import MESSAGES, validation_message

    assert all(isinstance(m, Promise) for m in MESSAGES.values())
    assert validation_message({}) == "提交的数据有误。"
    fields = {f"f{i}": ["必填"] for i in range(10)}
    assert validation_message(fields) == (
        "提交的数据有误：“f0”：必填；“f1”：必填；“f2”：必填；“f3”：必填；“f4”：必填；“f5”：必填；“f6”：必填；“f7”：必填"
        "；另有 2 项有误（见 fields）。")


def test_one_figure_formatter():
    from jianfu.reports import selectors

    assert not hasattr(selectors, "_figure") and not hasattr(selectors, "_shown_figure")
    assert [selectors.figure_text(v) for v in (None, "", 37.0, "12500.50", 0.5, "x")] == [
        "空", "空", "37", "12500.5", "0.5", "空"]
