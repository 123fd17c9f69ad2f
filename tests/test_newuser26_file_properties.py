"""newuser26 #3: the .xlsx files the project writes name the product in their properties (文件 → 信息), not "openpyxl"
— every writer takes its workbook from `jianfu.core.officeprops.new_workbook`."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from jianfu.core.officeprops import new_workbook


def _props(data: bytes):
    p = load_workbook(io.BytesIO(data)).properties
    return p.creator, p.lastModifiedBy, p.title


def _saved(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_new_workbook_names_the_product_and_its_title():
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    data = _saved(new_workbook(title="会议台账"))
    assert _props(data) == ("减负赋能", "减负赋能", "会议台账")
    created = load_workbook(io.BytesIO(data)).properties.created
    assert before <= created <= dt.datetime.now(dt.UTC).replace(tzinfo=None)   # openpyxl's own now, in UTC


@pytest.mark.django_db
def test_the_writers_use_it():
    from jianfu.dispatch.metrics import events_export_xlsx, export_xlsx
    from jianfu.employment.postings import import_template
    from jianfu.monitor import xlsx

    assert _props(xlsx.template("meeting")) == ("减负赋能", "减负赋能", "会议台账")
    assert _props(xlsx.workbook([("发现的问题", ["规则"], [])])) == ("减负赋能", "减负赋能", "发现的问题")
    assert _props(import_template()) == ("减负赋能", "减负赋能", "岗位导入模板")
    assert _props(export_xlsx([], title="各部门办理情况")) == ("减负赋能", "减负赋能", "各部门办理情况")
    assert _props(events_export_xlsx([], hide_identity=True)) == ("减负赋能", "减负赋能", "事件清单")
