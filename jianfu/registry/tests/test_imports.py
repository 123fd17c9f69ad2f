"""Ledger import end to end on the database: staging, report, commit modes, merge/conflicts, dedup queue,
atomicity, rejected-row download, scoping."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.errors import ApplicationError, NotFoundError
from jianfu.registry import bulk, imports, services
from jianfu.registry.ledger.values import make_id_number
from jianfu.registry.models import (
    DuplicateReview,
    FieldChange,
    Household,
    ImportBatch,
    ImportRow,
    MergeConflict,
    Person,
)

VA = "450521200206"   # 曲木村 (village_a)
VB = "450521200201"   # 璋嘉村 (village_b)
ID1 = make_id_number("450521", dt.date(1990, 1, 2), 13)
ID2 = make_id_number("450521", dt.date(1985, 7, 9), 24)
ID3 = make_id_number("450521", dt.date(1950, 3, 4), 35)
HEADER = ["姓名", "身份证号码", "性别", "出生日期", "联系电话", "是否低保", "户编号", "与户主关系"]
COLUMNS = {"姓名": "name", "身份证号码": "id_number", "性别": "gender", "出生日期": "birth_date",
           "联系电话": "phone", "是否低保": "is_dibao", "户编号": "household_number", "与户主关系": "relation_to_head"}


class _run_on_commit:
    """Run the on_commit callbacks registered inside the block (the test transaction never commits)."""

    def __enter__(self):
        from django.test import TestCase

        self._ctx = TestCase.captureOnCommitCallbacks(execute=True)
        return self._ctx.__enter__()

    def __exit__(self, *exc):
        return self._ctx.__exit__(*exc)


def xlsx(rows, header=HEADER):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def stage(world, user, content, name="台账.xlsx", columns=None):
    actor = world.users[user]
    org = imports.import_unit_for(actor)
    mapping = imports.import_mapping_save(actor=actor, org_code=org, name="低保台账", columns=columns or COLUMNS)
    batch = imports.import_batch_create(actor=actor, uploaded=SimpleUploadedFile(name, content), mapping=mapping)
    return imports.import_batch_stage(batch_id=batch.pk)


GOOD = [
    ["张三", ID1, "男", "1990-01-02", "13800138000", "是", "H001", "户主"],
    ["李四", ID2, "女性", "1985/7/9", "", "否", "H001", "配偶"],
    ["王五", ID3, "M", 18326, "", "", "H002", "本人"],   # 18326 = 1950-03-04 as an Excel serial
]


@pytest.mark.django_db
class TestStaging:
    def test_good_file_stages_and_commits(self, world):
        batch = stage(world, "village_a", xlsx(GOOD))
        assert (batch.status, batch.total_rows, batch.valid_rows, batch.error_rows) == ("staged", 3, 3, 0)
        assert batch.summary["new"] == 3
        assert Person.objects.count() == 0   # nothing in the registry before commit
        summary = imports.import_batch_commit(actor=world.users["village_a"], batch=batch, mode="all")
        assert summary["created"] == 3 and summary["households_created"] == 2
        zhang = Person.objects.get(name="张三")
        assert (zhang.org_code, zhang.gender, zhang.birth_date, zhang.is_dibao) == (VA, "M", dt.date(1990, 1, 2), True)
        assert zhang.id_number_masked == ID1[:4] + "*" * 14
        assert ID1 not in zhang.id_number_cipher and services.person_id_number(zhang) == ID1
        assert services.person_phone(zhang) == "13800138000" and zhang.phone_masked == "138****8000"
        h1 = Household.objects.get(number="H001")
        assert h1.head == zhang and set(h1.members.values_list("name", flat=True)) == {"张三", "李四"}
        assert Person.objects.get(name="王五").birth_date == dt.date(1950, 3, 4)
        assert ImportBatch.objects.get(pk=batch.pk).status == "committed"

    def test_report_lists_every_bad_row(self, world):
        rows = GOOD[:1] + [
            ["", ID2[:-1] + ("0" if ID2[-1] != "0" else "1"), "女", "", "", "", "", ""],
            ["赵六", ID3, "女", "1950-03-04", "12345", "也许", "", ""],
            ["孙七", ID1, "", "", "", "", "", ""],
        ]
        batch = stage(world, "village_a", xlsx(rows))
        assert (batch.valid_rows, batch.error_rows) == (1, 3)   # the first of two duplicate rows is kept
        assert imports.batch_errors(batch) == [
            {"row": 3, "column": "身份证号码", "message": "身份证号校验位错误"},
            {"row": 3, "column": "姓名", "message": "姓名不能为空"},
            {"row": 4, "column": "联系电话", "message": "联系电话格式错误（应为11位手机号或带区号的固定电话）"},
            {"row": 4, "column": "是否低保", "message": "“也许”不是“是/否”"},
            {"row": 4, "column": "性别", "message": "性别与身份证号不符（身份证号为男性）"},
            {"row": 5, "column": "身份证号码", "message": "身份证号与第2行重复（已保留第2行）"},
        ]

    def test_commit_all_refused_with_errors_valid_only_skips(self, world):
        rows = GOOD + [["", "", "", "", "", "", "", ""], ["钱八", "123", "", "", "", "", "", ""]]
        batch = stage(world, "village_a", xlsx(rows))
        assert (batch.valid_rows, batch.error_rows) == (3, 1)   # the empty row is skipped, not an error
        with pytest.raises(ApplicationError) as exc:
            imports.import_batch_commit(actor=world.users["village_a"], batch=batch, mode="all")
        assert exc.value.message == "有1行错误：整表入库要求全部正确。请修正后重新导入，或选择“仅入库正确的行”。"
        assert Person.objects.count() == 0
        summary = imports.import_batch_commit(actor=world.users["village_a"], batch=batch, mode="valid_only")
        assert (summary["created"], summary["skipped"]) == (3, 1)
        wb = openpyxl.load_workbook(io.BytesIO(imports.import_rejected_xlsx(batch)))
        ws = wb.active
        assert [c.value for c in ws[1]] == ["原行号", *HEADER, "错误说明"]
        assert [c.value for c in ws[2]] == [6, "钱八", "123", None, None, None, None, None, None,
                                            "【身份证号码】身份证号应为18位，实际为3位"]
        assert ws.max_row == 2

    def test_upload_deleted_after_commit_and_export_audited_and_inert(self, world):
        from jianfu.core.models import AuditRecord

        lines = [",".join(HEADER), "张三," + ID1 + ",男,1990-01-02,,,H001,户主", '"=HYPERLINK(""http://x"")",123,,,,,,']
        batch = stage(world, "village_a", "\r\n".join(lines).encode("utf-8"), name="台账.csv")
        stored = batch.file.name
        with _run_on_commit():
            imports.import_batch_commit(actor=world.users["village_a"], batch=batch, mode="valid_only")
        batch.refresh_from_db()
        assert batch.file.name == "" and not batch.file.storage.exists(stored)
        content = imports.import_rejected_export(actor=world.users["village_a"], batch=batch)
        ws = openpyxl.load_workbook(io.BytesIO(content)).active
        assert [c.value for c in ws[1]] == ["原行号", *HEADER, "错误说明"]   # headers survive the deletion
        assert ws["B2"].data_type == "s" and ws["B2"].value == '=HYPERLINK("http://x")'
        assert AuditRecord.objects.filter(action="registry.import.rejected_export", object_id=str(batch.pk)).count() == 1

    def test_gbk_csv_with_other_village_row(self, world):
        text = "姓名,身份证号码,村代码\r\n张三," + ID1 + "," + VA + "\r\n李四," + ID2 + "," + VB + "\r\n"
        batch = stage(world, "village_a", text.encode("gbk"), name="台账.csv",
                      columns={"姓名": "name", "身份证号码": "id_number", "村代码": "org_code"})
        assert imports.batch_errors(batch) == [
            {"row": 3, "column": "村代码", "message": f"该行属于{VB}，不是本村（社区）{VA}，不能导入到其他村"}]

    def test_town_imports_into_its_villages(self, world):
        text = "\ufeff姓名,身份证号码,村代码\n张三," + ID1 + "," + VA + "\n李四," + ID2 + "," + VB + "\n"
        batch = stage(world, "town_quzhang", text.encode("utf-8"), name="a.csv",
                      columns={"姓名": "name", "身份证号码": "id_number", "村代码": "org_code"})
        assert (batch.valid_rows, batch.error_rows) == (2, 0)
        imports.import_batch_commit(actor=world.users["town_quzhang"], batch=batch, mode="all")
        assert dict(Person.objects.values_list("name", "org_code")) == {"张三": VA, "李四": VB}

    def test_file_level_errors_leave_nothing(self, world):
        # a file the reader cannot open is refused at upload: no batch, nothing stored (badinput15 #23)
        with pytest.raises(ApplicationError) as caught:
            stage(world, "village_a", b"not a zip")
        assert (caught.value.field, caught.value.message) == (
            "file", "文件不是有效的 xlsx 文件（可能已损坏，或是改了扩展名的其他文件）")
        assert ImportBatch.objects.count() == 0 and ImportRow.objects.count() == 0
        batch = stage(world, "village_a", xlsx([], header=["序号", "备注"]))
        assert batch.status == "failed"
        assert batch.error_message == "文件中找不到映射里的列：姓名、身份证号码、性别、出生日期、是否低保、联系电话、户编号、与户主关系（请确认选对了来源表或重新设置列对应）"

    def test_grid_and_department_cannot_import(self, world):
        for user in ("grid_a", "dept_housing", "county_office"):
            with pytest.raises(NotFoundError):
                imports.import_unit_for(world.users[user])


def make_person(world, name, id_number="", org=VA, **data):
    return services.person_create(actor=world.users["admin"], org_code=org,
                                  data={"name": name, "id_number": id_number, **data})


@pytest.mark.django_db
class TestMerge:
    def test_match_by_id_merges_field_by_field_and_records_conflicts(self, world):
        zhang = make_person(world, "张三", ID1, phone="13900000000", education="junior")
        header = ["姓名", "身份证号码", "联系电话", "是否低保", "文化程度", "政治面貌"]
        cols = {"姓名": "name", "身份证号码": "id_number", "联系电话": "phone", "是否低保": "is_dibao",
                "文化程度": "education", "政治面貌": "political_status"}
        batch = stage(world, "village_a", xlsx([["张三", ID1, "13800138000", "是", "高中", "党员"]], header),
                      columns=cols)
        assert batch.summary["merge"] == 1
        summary = imports.import_batch_commit(actor=world.users["village_a"], batch=batch, mode="all")
        assert (summary["created"], summary["merged"], summary["conflicts"]) == (0, 1, 2)
        zhang.refresh_from_db()
        # empty/false registry values are filled
        assert (zhang.is_dibao, zhang.political_status) == (True, "party_member")
        # different non-empty values wait for a person (shown masked)
        conflicts = {c.field: services.conflict_display(c) for c in MergeConflict.objects.all()}
        assert conflicts == {"phone": ("139****0000", "138****8000"), "education": ("初中", "高中/中专")}
        assert zhang.education == "junior" and services.person_phone(zhang) == "13900000000"
        changes = set(FieldChange.objects.filter(object_id=zhang.pk).values_list("field", "old_value", "new_value"))
        assert ("is_dibao", "否", "是") in changes and ("political_status", "", "party_member") in changes
        # decide one conflict: take the imported phone
        phone = MergeConflict.objects.get(field="phone")
        services.conflict_resolve(actor=world.users["village_a"], conflict=phone, take_incoming=True)
        zhang.refresh_from_db()
        assert services.person_phone(zhang) == "13800138000"
        change = FieldChange.objects.filter(object_id=zhang.pk, field="phone").latest("id")
        assert (change.old_value, change.new_value, change.source) == ("139****0000", "138****8000", "review")

    def test_registered_in_another_village_is_an_error(self, world):
        """security35 #4: the village is not told the person is registered elsewhere; the clash is audited under
        the importing village (the township's subtree), naming where, for the township or county to resolve."""
        from jianfu.core.models import AuditRecord

        make_person(world, "张三", ID1, org=VB)
        batch = stage(world, "village_a", xlsx([["张三", ID1, "", "", "", "", "", ""]]))
        assert imports.batch_errors(batch) == [{"row": 2, "column": "身份证号码",
                                                "message": "该身份证号无法在本村登记，请联系乡镇核实"}]
        clash = AuditRecord.objects.get(action="registry.id_number.clash")
        assert (clash.org_code, clash.object_id, clash.object_repr, clash.actor_id) == (
            VA, str(batch.pk), "4505**************", world.users["village_a"].pk)
        assert clash.changes == {"source": "import", "row": 2, "id_masked": "4505**************", "registered_in": VB}


@pytest.mark.django_db
class TestDedupQueue:
    def test_rows_without_id_resembling_someone_go_to_review(self, world):
        existing = make_person(world, "李娜", "", birth_date=dt.date(1960, 5, 1), gender="F")
        make_person(world, "王芳", "", birth_date=dt.date(1970, 1, 1), gender="F")
        header = ["姓名", "出生日期", "性别"]
        cols = {"姓名": "name", "出生日期": "birth_date", "性别": "gender"}
        batch = stage(world, "village_a", xlsx([["李纳", "1960-05-01", "女"], ["赵敏", "1980-01-01", "女"]], header),
                      columns=cols)
        assert (batch.summary["review"], batch.summary["new"]) == (1, 1)
        summary = imports.import_batch_commit(actor=world.users["village_a"], batch=batch, mode="all")
        assert (summary["created"], summary["reviews"]) == (1, 1)
        review = DuplicateReview.objects.get()
        assert review.candidates == [{"person_id": existing.pk, "score": 100.0,
                                      "reason": "同村同出生日期，姓名拼音相同"}]
        assert not Person.objects.filter(name="李纳").exists()
        person = imports.review_resolve(actor=world.users["village_a"], review=review, decision="create")
        assert person.name == "李纳" and DuplicateReview.objects.get().status == "created"
        with pytest.raises(ApplicationError, match="该记录已核对"):
            imports.review_resolve(actor=world.users["village_a"], review=review, decision="dismiss")

    def test_review_merge(self, world):
        existing = make_person(world, "李娜", "", birth_date=dt.date(1960, 5, 1))
        batch = stage(world, "village_a", xlsx([["李娜", "1960-05-01", "是"]], ["姓名", "出生日期", "低保"]),
                      columns={"姓名": "name", "出生日期": "birth_date", "低保": "is_dibao"})
        imports.import_batch_commit(actor=world.users["village_a"], batch=batch, mode="all")
        review = DuplicateReview.objects.get()
        imports.review_resolve(actor=world.users["village_a"], review=review, decision="merge",
                                person_id=existing.pk)
        existing.refresh_from_db()
        assert existing.is_dibao is True and Person.objects.count() == 1


@pytest.mark.django_db
def test_failing_commit_leaves_no_rows(world, monkeypatch):
    batch = stage(world, "village_a", xlsx(GOOD))
    calls = {"n": 0}
    real = bulk.insert

    def boom(model, objs, **kwargs):
        pks = real(model, objs, **kwargs)
        if model is Person:   # the persons are written, then the disk fills up
            calls["n"] += 1
            raise RuntimeError("disk full")
        return pks

    monkeypatch.setattr(bulk, "insert", boom)
    with pytest.raises(RuntimeError):
        imports.import_batch_commit(actor=world.users["village_a"], batch=batch, mode="all")
    assert calls["n"] == 1
    assert (Person.objects.count(), Household.objects.count(), FieldChange.objects.count()) == (0, 0, 0)
    batch.refresh_from_db()
    assert (batch.status, batch.error_message) == ("staged", "入库失败，没有写入任何数据，请重试。")


@pytest.mark.django_db
def test_registry_import_command(world, tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    imports.import_mapping_save(actor=world.users["village_a"], org_code=VA, name="花名册",
                                columns={"姓名": "name", "身份证号码": "id_number", "性别": "gender"})
    path = tmp_path / "花名册.csv"
    path.write_bytes(("姓名,身份证号码,性别\r\n张三," + ID1 + ",男\r\n李四,12345,女\r\n").encode("gbk"))
    out = io.StringIO()
    call_command("registry_import", str(path), "--mapping", "花名册", "--commit", "valid_only",
                 "--rejected", str(tmp_path / "rejected.xlsx"), stdout=out, verbosity=0)
    text = out.getvalue()
    assert "共 2 行：正确 1，有错误 1；预计新增 1，合并 0，疑似重复待核 0" in text
    assert "  第3行【身份证号码】身份证号应为18位，实际为5位" in text
    assert "已入库：新增 1，合并 0（冲突 0 项待处理），疑似重复待核 0，跳过 1" in text
    assert Person.objects.get().name == "张三"
    assert openpyxl.load_workbook(tmp_path / "rejected.xlsx").active.max_row == 2
    with pytest.raises(CommandError, match="找不到名为“无此表”的列对应"):
        call_command("registry_import", str(path), "--mapping", "无此表", "--org", VA, verbosity=0)


@pytest.mark.django_db
def test_formula_without_cached_value_is_a_row_error(world):
    content = xlsx([["张三", ID1, "男", "", "", "=1+1", "", ""]])
    batch = stage(world, "village_a", content)
    assert imports.batch_errors(batch) == [{
        "row": 2, "column": "是否低保",
        "message": "单元格F2是公式且没有计算结果，请在 Excel 中打开并保存后再导入，或改为数值"}]
