"""badinput14 (session 14): the posting and seeker imports under bad input — each test names its finding."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core import xlsxguard
from jianfu.employment import postings, seekers
from jianfu.employment.models import KeyPerson, Posting, PostingImport, SeekerProfile
from jianfu.employment.tests.factories import key_person_in, person_in
from jianfu.employment.tests.test_postings import HEADER, csv_bytes, good, state
from jianfu.registry.services import person_id_number

pytestmark = pytest.mark.django_db


def hidden_first(header: list, hidden_rows: list, shown_rows: list, *, active: int = 1) -> io.BytesIO:
    """A workbook whose first sheet "旧数据" is hidden and whose second "岗位" is visible (and active by default)."""
    wb = openpyxl.Workbook()
    old = wb.active
    old.title = "旧数据"
    for row in [header, *hidden_rows]:
        old.append(row)
    shown = wb.create_sheet("岗位")
    for row in [header, *shown_rows]:
        shown.append(row)
    old.sheet_state = "hidden"
    wb.active = active
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


# ---------------------------------------------------------------- B01: the sheet a user sees is the one imported

@pytest.mark.parametrize(("states", "active", "chosen"), [
    (["hidden", "visible"], 1, 1), (["hidden", "visible", "visible"], 0, 1), (["visible", "visible"], 1, 1),
    (["veryHidden", "hidden", "visible"], 0, 2), (["hidden"], 0, 0), (["", "visible"], 0, 0)])
def test_the_shown_sheet_is_the_active_one_if_visible_else_the_first_visible(states, active, chosen):
    assert xlsxguard.shown_sheet(states, active) == chosen


def test_the_posting_import_reads_the_visible_sheet_and_says_which(world):
    file = hidden_first(HEADER, [good(1, 单位名称="隐藏表里的单位")], [good(2, 单位名称="可见表里的单位")])
    result = postings.posting_import(actor=world.users["county_office"], file=file, filename="two.xlsx")
    assert result.errors == [] and result.batch.status == "committed"
    assert list(Posting.objects.values_list("organisation__name", "title")) == [("可见表里的单位", "分拣工2")]
    assert result.batch.warnings == [{"row": None, "column": "", "message": (
        "文件有 2 个工作表，导入的是“岗位”（打开文件时显示的工作表）；未导入：“旧数据”（隐藏）")}]
    page = world.client("county_office").get(f"/employment/postings/import/{result.batch.pk}/").content.decode()
    assert "<td class=\"card-title\">整个文件</td>" in page and "未导入：“旧数据”（隐藏）" in page


def test_a_hidden_active_sheet_gives_way_to_the_first_visible_one(world):
    file = hidden_first(HEADER, [good(1, 单位名称="隐藏表里的单位")], [good(2, 单位名称="可见表里的单位")], active=0)
    result = postings.posting_import(actor=world.users["county_office"], file=file, filename="two.xlsx")
    assert result.errors == []
    assert list(Posting.objects.values_list("organisation__name", flat=True)) == ["可见表里的单位"]


def test_the_seeker_import_reads_the_visible_sheet_and_says_which(world):
    kp = key_person_in(person=person_in(name="秦坤洋"), profile={"desired_text": "想进厂", "limits_note": "旧"})
    header = ["身份证号", "人员类别", "备注"]
    file = hidden_first(header, [[person_id_number(kp.person), "登记失业人员", "来自隐藏表"]],
                        [[person_id_number(kp.person), "登记失业人员", "来自可见表"]])
    result = seekers.import_seekers(actor=world.users["village_a"], file=file, filename="s.xlsx")
    assert (result.done, result.errors) == (1, [])
    assert result.sheet_note == "文件有 2 个工作表，导入的是“岗位”（打开文件时显示的工作表）；未导入：“旧数据”（隐藏）"
    assert SeekerProfile.objects.get(key_person=kp).limits_note == "来自可见表"
    assert KeyPerson.objects.count() == 1


# ---------------------------------------------------------------- B07: a negative wage is refused, not read as positive

BASE = {"employer": "合浦县测试水产有限公司", "title": "剥虾工", "place": "曲樟乡", "description": "剥虾，长白班"}
NEGATIVE = "工资不能是负数（“-100元”）：请写成“3000-4500元/月”“4千到5千”“面议”等形式。"


def test_a_negative_wage_in_an_import_row_is_refused_naming_row_and_column(world):
    before = state()
    result = postings.posting_import(actor=world.users["county_office"], filename="jobs.csv",
                                     file=csv_bytes([good(1), good(2, 月薪="-100元")]))
    assert result.batch.status == "failed" and state() == before
    assert result.errors == [{"row": 3, "column": "月薪", "message": NEGATIVE}]


def test_a_negative_wage_in_the_api_is_refused_naming_the_field(world):
    before = state()
    response = world.api_client("county_office").post("/api/v1/employment/postings/", {**BASE, "wage": "-100元"},
                                                        format="json")
    assert response.status_code == 400 and state() == before
    assert response.json()["error"]["fields"] == {"wage": ["月薪：" + NEGATIVE]}


# ---------------------------------------------------------------- B03: the loser of two identical imports at once

def test_the_loser_of_two_identical_imports_gets_the_duplicate_message_not_a_500(world, monkeypatch,
                                                                                  django_capture_on_commit_callbacks):
    """The winner commits between the loser's duplicate check and its insert: the loser's insert clashes on the
    unique fingerprint (IntegrityError, answered 500 before). Now: a failed batch listing each row as already
    registered, audited, nothing of the loser's written."""
    from jianfu.core.models import AuditRecord

    # rows without a 编号: the race is on the fingerprint (a row with a 编号 of a registered posting is its update or its
    # unchanged repeat since mend35, found before this check)
    file_rows = [good(1, 编号=""), good(2, 编号="")]
    winner = postings.posting_import(actor=world.users["county_office"], file=csv_bytes(file_rows), filename="a.csv")
    assert winner.errors == []
    registered = dict(Posting.objects.values_list("title", "pk"))
    before = (state(), PostingImport.objects.count(), AuditRecord.objects.filter(
        action="employment.posting.import_failed").count())
    real = postings._registered_duplicates
    calls = []

    def not_yet_committed(cleaned):   # the loser's check ran before the winner committed
        calls.append(len(cleaned))
        return [] if len(calls) == 1 else real(cleaned)

    monkeypatch.setattr(postings, "_registered_duplicates", not_yet_committed)
    api = world.api_client("county_office")
    with django_capture_on_commit_callbacks(execute=True):   # the API queues it (B04); the worker imports it
        response = api.post(
            "/api/v1/employment/postings/import/",
            {"file": SimpleUploadedFile("b.csv", csv_bytes(file_rows).getvalue(), content_type="text/csv")},
            format="multipart")
    assert calls == [2, 2] and response.status_code == 202
    body = api.get(response["Location"]).json()
    assert body["status"] == "failed"
    assert [(e["row"], e["column"], e["duplicate_of_posting"], e["message"]) for e in body["errors"]] == [
        (2, "岗位名称", registered["分拣工1"], "岗位已登记过（合浦县海鲜食品有限公司 分拣工1）"),
        (3, "岗位名称", registered["分拣工2"], "岗位已登记过（合浦县海鲜食品有限公司 分拣工2）")]
    batch = PostingImport.objects.latest("pk")
    # every row registered (by the winner): nothing to import, said so rather than offering to skip (newuser19 #2)
    assert (batch.status, batch.duplicate_count, batch.created_count, batch.refused_for_duplicates_only,
            batch.nothing_new) == ("failed", 2, 0, False, True)
    assert (state(), PostingImport.objects.count(), AuditRecord.objects.filter(
        action="employment.posting.import_failed").count()) == (before[0], before[1] + 1, before[2] + 1)
    direct = postings.posting_import(actor=world.users["county_office"], file=csv_bytes(file_rows), filename="c.csv")
    assert [e["duplicate_of_posting"] for e in direct.errors] == [registered["分拣工1"], registered["分拣工2"]]


# ---------------------------------------------------------------- B05: a formula without a cached value is named so

def _with_formulas(header: list, rows: list, formula_row: dict) -> io.BytesIO:
    """rows, then one row of formulas (openpyxl saves no cached results) in the columns `formula_row` names."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [header, *rows]:
        ws.append(row)
    ws.append([formula_row.get(h) for h in header])
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def test_a_posting_row_of_formulas_without_results_is_named_as_formulas_not_empty(world):
    before = state()
    file = _with_formulas(HEADER, [good(1)], {"单位名称": '=CONCAT("合浦","公司")', "岗位名称": "=A2", "岗位描述": "=L2"})
    result = postings.posting_import(actor=world.users["county_office"], file=file, filename="f.xlsx")
    assert result.batch.status == "failed" and state() == before
    assert result.errors == [
        {"row": 3, "column": column, "message": f"第3行「{column}」是公式，没有保存计算结果，请在 Excel 中打开后另存，或粘贴为数值"}
        for column in ("单位名称", "岗位名称", "岗位描述")]


def test_a_seeker_row_with_a_formula_without_result_is_named_as_a_formula(world):
    person = person_in(name="秦坤洋")
    file = _with_formulas(["身份证号", "人员类别", "求职意向"], [], {"身份证号": "=B9", "人员类别": "农村劳动力"})
    result = seekers.import_seekers(actor=world.users["village_a"], file=file, filename="s.xlsx")
    assert (result.done, result.errors) == (0, [{"row": 2, "column": "身份证号", "message": (
        "第2行「身份证号」是公式，没有保存计算结果，请在 Excel 中打开后另存，或粘贴为数值")}])
    assert (KeyPerson.objects.filter(person=person).count(), SeekerProfile.objects.count()) == (0, 0)


# ---------------------------------------------------------------- B08: a far-future 有效期至 names the real limit

FAR = "有效期至不能晚于2100年12月31日（填写的是9999-12-31）"


def test_a_far_future_valid_until_names_the_real_limit_in_an_import(world):
    before = state()
    header = [*HEADER, "有效期至"]
    result = postings.posting_import(actor=world.users["county_office"], filename="jobs.csv",
                                     file=csv_bytes([[*good(1), "9999-12-31"]], header=header))
    assert result.batch.status == "failed" and state() == before
    assert result.errors == [{"row": 2, "column": "有效期至", "message": FAR}]
    ok = postings.posting_import(actor=world.users["county_office"], filename="jobs.csv",
                                 file=csv_bytes([[*good(1), "2100-12-31"]], header=header))
    assert ok.errors == [] and str(Posting.objects.get().valid_until) == "2100-12-31"


def test_a_far_future_valid_until_names_the_real_limit_in_the_api(world):
    before = state()
    response = world.api_client("county_office").post("/api/v1/employment/postings/",
                                                        {**BASE, "valid_until": "9999-12-31"}, format="json")
    assert response.status_code == 400 and state() == before
    assert response.json()["error"]["fields"] == {"valid_until": [FAR]}


# ---------------------------------------------------------------- B09: a huge CSV cell is refused in Chinese

def test_a_csv_cell_over_the_field_limit_is_refused_in_chinese_naming_the_row(world):
    before = state()
    row = good(1, 岗位描述="长" * 200_000)
    result = postings.posting_import(actor=world.users["county_office"], filename="huge.csv",
                                     file=csv_bytes([good(2), row]))
    assert result.batch.status == "failed" and state() == before
    assert result.errors == [{"row": None, "column": "", "message": (
        "第3行有超过 131072 字的单元格（每个单元格最多 131072 字），请缩短该行的内容；如果该行并没有这么长的内容，"
        "请检查是否有未配对的英文引号")}]


# ---------------------------------------------------------------- B11: one clean-up for the import and the API

DIRTY = "描述\u202e反向\u2066隔离\u2069\u200b零宽\u200d\x85"


def test_the_import_and_the_api_store_the_same_clean_description(world):
    result = postings.posting_import(actor=world.users["county_office"], filename="c.csv",
                                     file=csv_bytes([good(1, 岗位描述=DIRTY)]))
    assert result.errors == []
    response = world.api_client("county_office").post("/api/v1/employment/postings/",
                                                        {**BASE, "description": DIRTY}, format="json")
    assert response.status_code == 201
    assert sorted(Posting.objects.values_list("description", flat=True)) == ["描述反向隔离零宽", "描述反向隔离零宽"]


# ---------------------------------------------------------------- B12: a killed import's page says one status

def test_a_killed_imports_page_says_interrupted_beside_the_interrupted_message(world):
    from jianfu.employment.tests.test_posting_import_jobs import killed_mid_import, queued

    batch = killed_mid_import(queued(world, [good(1), good(2)]))
    before = (PostingImport.objects.get(pk=batch.pk).status, Posting.objects.count())
    page = world.client("county_office").get(f"/employment/postings/import/{batch.pk}/").content.decode()
    assert '<span class="badge badge-bad" id="import-status-label">已中断</span>' in page
    assert "导入中" not in page and "后台任务已停止，导入被中断" in page
    assert (PostingImport.objects.get(pk=batch.pk).status, Posting.objects.count()) == before == ("committing", 0)
