"""codereview15 #3: the seeker import reads a formula in a title row above a relocated header as part of the title
(as the posting import does)."""

from __future__ import annotations

import io

import openpyxl
import pytest

from jianfu.employment import postings, seekers
from jianfu.employment.models import KeyPerson
from jianfu.employment.tests.factories import person_in
from jianfu.employment.tests.test_postings import HEADER, good
from jianfu.registry.services import person_id_number

pytestmark = pytest.mark.django_db


def _book(rows) -> io.BytesIO:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def test_a_formula_in_a_title_row_above_a_relocated_header_is_not_a_data_error(world):
    person = person_in(name="秦坤洋")
    idn = person_id_number(person)
    # row 1: title; row 2: a 制表日期 formula without a cached value in column A (the 身份证号 column); row 3: header
    file = _book([["求职登记表"], ["=TODAY()"], ["身份证号", "人员类别", "求职意向"], [idn, "农村劳动力", "电工"]])
    result = seekers.import_seekers(actor=world.users["village_a"], file=file, filename="s.xlsx")
    assert (result.done, result.errors) == (1, [])
    kp = KeyPerson.objects.get(person=person)
    assert (kp.groups, kp.profile.desired_text, result.taken) == (["农村劳动力"], "电工", [kp.pk])
    # the posting import reads the same shape the same way
    res = postings.posting_import(actor=world.users["county_office"], file=_book([["岗位表"], ["=TODAY()"], HEADER,
                                                                                  good(1)]), filename="p.xlsx")
    assert (res.batch.status, res.errors) == ("committed", [])


def test_a_formula_in_a_data_row_below_a_relocated_header_is_still_refused(world):
    person = person_in(name="秦坤洋")
    file = _book([["求职登记表"], ["身份证号", "人员类别", "求职意向"], [person_id_number(person), "农村劳动力", "电工"],
                  ["=A3", "农村劳动力", "电工"]])
    result = seekers.import_seekers(actor=world.users["village_a"], file=file, filename="s.xlsx")
    assert (result.done, result.taken) == (0, [])
    assert result.errors == [{"row": 4, "column": "身份证号", "message": "第4行「身份证号」是公式，没有保存计算结果，"
                              "请在 Excel 中打开后另存，或粘贴为数值"}]
    assert KeyPerson.objects.count() == 0

