"""badinput34: date-typed cells in a posting import are quoted as the office sees them, and a date in 年龄要求 is named
as a date (it read as "最低年龄0岁"); the file is refused whole, nothing written."""

import datetime as dt
import io

import openpyxl
import pytest

from jianfu.employment.models import Posting
from jianfu.employment.tests.test_postings import HEADER, good, run, state

pytestmark = pytest.mark.django_db


def test_date_cells_are_quoted_as_dates_and_nothing_is_written(world):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    for n in (1, 2, 3):
        ws.append(good(n))
    ws["J2"] = dt.datetime(2026, 3, 1)           # noqa: DTZ001 - a cell has no zone
    ws["G3"] = dt.datetime(2000, 1, 1)           # noqa: DTZ001
    ws["G4"] = dt.datetime(2026, 3, 1, 8, 30)    # noqa: DTZ001
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    result = run(world, out)
    assert result.errors == [
        {"row": 2, "column": "月薪", "message": "工资“2026-03-01”超出合理范围（每月 100–200000 元）。"},
        {"row": 3, "column": "年龄要求",
         "message": "年龄要求“2000-01-01”是一个日期，不是年龄：请写成“18-35周岁”“45岁以下”“不限”等形式。"},
        {"row": 4, "column": "年龄要求",
         "message": "年龄要求“2026-03-01 08:30”是一个日期，不是年龄：请写成“18-35周岁”“45岁以下”“不限”等形式。"},
    ]
    assert state() == (0, 0) and not Posting.objects.exists()
