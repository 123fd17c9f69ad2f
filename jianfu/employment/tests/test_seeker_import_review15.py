"""codereview15 #3: the seeker import reads a formula in a title row above a relocated header as part of the title
(as the posting import does). #4: it refuses an over-long 备注 by row and column instead of cutting it."""

from __future__ import annotations

import io

import openpyxl
import pytest

from jianfu.employment import postings, seekers
from jianfu.employment.models import KeyPerson, SeekerProfile
from jianfu.employment.tests.factories import key_person_in, person_in
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


def test_an_over_long_note_refuses_the_file_naming_row_and_column_and_writes_nothing(world):
    person = person_in(name="秦坤洋")
    old = key_person_in(person=person_in(name="李明"), profile={"desired_text": "电工", "limits_note": "只上白班"})
    note = "腰不好不能干重活，" + "需要接送孩子" * 60
    assert len(note) == 369
    file = _book([["身份证号", "人员类别", "求职意向", "备注"],
                  [person_id_number(person), "农村劳动力", "电工", note],
                  [person_id_number(old.person), "农村劳动力", "焊工", "只上白班"]])
    result = seekers.import_seekers(actor=world.users["village_a"], file=file, filename="s.xlsx")
    assert (result.done, result.taken) == (0, [])
    assert result.errors == [{"row": 2, "column": "备注", "message": "备注过长（369字，最多200字），请删减后再导入"}]
    assert KeyPerson.objects.filter(person=person).count() == 0
    assert list(SeekerProfile.objects.values_list("key_person_id", "desired_text", "limits_note")) == [
        (old.pk, "电工", "只上白班")]


def test_a_note_of_exactly_200_characters_is_kept_whole(world):
    person = person_in(name="秦坤洋")
    note = "需要接送孩子，只上白班" * 18 + "谢谢"
    assert len(note) == 200
    file = _book([["身份证号", "人员类别", "求职意向", "备注"], [person_id_number(person), "农村劳动力", "电工", note]])
    result = seekers.import_seekers(actor=world.users["village_a"], file=file, filename="s.xlsx")
    assert (result.done, result.errors) == (1, [])
    profile = SeekerProfile.objects.get(key_person__person=person)
    assert (profile.limits_note, profile.limits) == (note, ["day_only", "childcare"])
