"""mend35: what a seafood plant's HR and the job desk stumbled on in 就业帮扶's posting imports.

#4 the batch page counted "疑似歧视待核查 4 个" without saying which postings and which phrases: each is listed with the
   column, the phrase and the law cited, and a link to review it.
#5 a posting's 编号 from the employer's sheet was not stored, so the same 编号 with other contents imported twice: it is
   stored, and a row of the same employer and 编号 updates the posting (audited); the batch says how many it updated.
   Different employers may use the same 编号."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest

from jianfu.core.models import AuditRecord
from jianfu.employment import postings
from jianfu.employment.models import Posting, PostingImport

pytestmark = pytest.mark.django_db

HEADER = ["编号", "单位名称", "统一社会信用代码", "岗位名称", "月薪", "工作地点", "岗位描述", "年龄要求", "福利待遇"]
PLANT = "合浦海之源水产食品有限公司"
PLANT_CODE = "914505200000000110"
OTHER = "合浦县湾港物流有限公司"
OTHER_CODE = "914505200000000224"


def sheet(rows, header=HEADER) -> io.BytesIO:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def run(world, rows, *, user="county_office"):
    return postings.posting_import(actor=world.users[user], file=sheet(rows), filename="海之源.xlsx", publish=True)


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


# ---------------------------------------------------------------- #4 the flagged postings, named

def test_the_batch_page_lists_each_flagged_posting_with_its_column_phrase_and_law(world):
    result = run(world, [
        ["A1", PLANT, PLANT_CODE, "水产品分拣员", "3500-4500", "曲樟乡", "分拣冻虾，限男性。", "18-45岁", "包吃住"],
        ["A2", PLANT, PLANT_CODE, "包装工", "3500", "曲樟乡", "成品装箱。", "18-40岁，已婚已育优先", ""],
        ["A3", PLANT, PLANT_CODE, "叉车司机", "6000", "曲樟乡", "装卸货物。", "22-50岁", ""],
    ])
    assert (result.errors, result.batch.created_count, result.batch.flagged_count) == ([], 3, 2)
    sorter, packer = Posting.objects.get(title="水产品分拣员"), Posting.objects.get(title="包装工")
    page = world.client("county_office").get(f"/employment/postings/import/{result.batch.pk}/").content.decode()
    table = page.split('id="flagged-postings"')[1].split("</table>")[0]
    rows = [text(r) for r in table.split("<tbody>")[1].split("</tr>")[:-1]]
    assert rows == [
        f"水产品分拣员 {PLANT} 岗位描述 {sorter.flags[0]['label']}：“{sorter.flags[0]['excerpt']}” "
        f"{'；'.join(sorter.flags[0]['laws'])} 去核查",
        f"包装工 {PLANT} 年龄要求 {packer.flags[0]['label']}：“{packer.flags[0]['excerpt']}” "
        f"{'；'.join(packer.flags[0]['laws'])} 去核查",
    ]
    assert (sorter.flags[0]["excerpt"], packer.flags[0]["excerpt"]) == ("分拣冻虾，限男性", "已婚已育优先")
    assert table.count(f'href="/employment/postings/{sorter.pk}/"') == 2
    assert table.count(f'href="/employment/postings/{packer.pk}/"') == 2
    assert "限定性别或性别优先：“分拣冻虾，限男性” 《就业促进法》第三条；《就业促进法》第二十七条；" in rows[0]


def test_a_batch_without_flags_lists_none(world):
    result = run(world, [["A3", PLANT, PLANT_CODE, "叉车司机", "6000", "曲樟乡", "装卸货物。", "22-50岁", ""]])
    page = world.client("county_office").get(f"/employment/postings/import/{result.batch.pk}/").content.decode()
    assert "疑似歧视待核查 0 个。" in page and 'id="flagged-postings"' not in page


# ---------------------------------------------------------------- #5 the employer's 编号

def test_the_same_employer_and_number_updates_the_posting_and_says_so(world):
    first = run(world, [
        ["A1", PLANT, PLANT_CODE, "水产品分拣员", "3500-4500", "曲樟乡", "分拣冻虾，计件。", "18-45岁", ""],
        ["A2", PLANT, PLANT_CODE, "包装工", "3500", "曲樟乡", "成品装箱。", "18-40岁", ""],
    ])
    sorter = Posting.objects.get(title="水产品分拣员")
    assert (first.batch.created_count, sorter.ext_id) == (2, "A1")
    second = run(world, [
        ["A1", PLANT, PLANT_CODE, "水产品分拣员", "4000-5000", "曲樟乡", "分拣冻虾，计件，包吃住。", "18-50岁", ""],
        ["A3", PLANT, PLANT_CODE, "叉车司机", "6000", "曲樟乡", "装卸货物。", "22-50岁", ""],
    ])
    batch = second.batch
    assert (second.errors, batch.status, batch.created_count, batch.updated_count, batch.total_rows) == (
        [], "committed", 1, 1, 2)
    assert Posting.objects.filter(title="水产品分拣员").count() == 1
    sorter.refresh_from_db()
    assert (sorter.wage_min, sorter.wage_max, sorter.age_max, sorter.description, sorter.batch_id, sorter.status) == (
        4000, 5000, 50, "分拣冻虾，计件，包吃住。", batch.pk, "open")
    audit = AuditRecord.objects.get(action="employment.posting.import_update")
    assert (audit.object_id, audit.changes) == (str(sorter.pk), {
        "ext_id": "A1", "batch": batch.pk, "age_max": [45, 50], "batch_id": [first.batch.pk, batch.pk],
        "description": ["分拣冻虾，计件。", "分拣冻虾，计件，包吃住。"], "wage_max": [4500, 5000], "wage_min": [3500, 4000],
        "wage_text": ["3500-4500", "4000-5000"]})
    page = text(world.client("county_office").get(f"/employment/postings/import/{batch.pk}/").content.decode())
    assert "入库岗位 1 个，新登记单位 0 个，疑似歧视待核查 0 个。 另有 1 个已登记的岗位按同一单位、同一编号更新为本批的内容" in page


def test_another_employers_posting_of_the_same_number_is_another_posting(world):
    run(world, [["A1", PLANT, PLANT_CODE, "水产品分拣员", "3500-4500", "曲樟乡", "分拣冻虾。", "18-45岁", ""]])
    second = run(world, [["A1", OTHER, OTHER_CODE, "装卸工", "5000", "曲樟乡", "装卸货物。", "20-45岁", ""]])
    assert (second.batch.created_count, second.batch.updated_count) == (1, 0)
    assert set(Posting.objects.values_list("organisation__name", "ext_id", "title")) == {
        (PLANT, "A1", "水产品分拣员"), (OTHER, "A1", "装卸工")}


def test_a_row_repeating_the_posting_unchanged_is_a_duplicate_and_nothing_changes(world):
    rows = [["A1", PLANT, PLANT_CODE, "水产品分拣员", "3500-4500", "曲樟乡", "分拣冻虾。", "18-45岁", ""]]
    run(world, rows)
    before = list(Posting.objects.values_list("pk", "updated_at", "batch_id"))
    again = run(world, rows)
    assert (again.batch.status, again.batch.duplicate_count, again.batch.updated_count) == ("failed", 1, 0)
    assert again.errors[0]["duplicate_of_posting"] == before[0][0]
    assert list(Posting.objects.values_list("pk", "updated_at", "batch_id")) == before
    assert not AuditRecord.objects.filter(action="employment.posting.import_update").exists()


def test_one_employers_number_twice_in_a_file_is_refused_and_nothing_is_written(world):
    result = run(world, [
        ["A1", PLANT, PLANT_CODE, "水产品分拣员", "3500-4500", "曲樟乡", "分拣冻虾。", "18-45岁", ""],
        ["A1", PLANT, PLANT_CODE, "包装工", "3500", "曲樟乡", "成品装箱。", "18-40岁", ""],
    ])
    assert result.errors == [{"row": 3, "column": "编号",
                              "message": "与第2行是同一单位的同一编号“A1”：一个编号只能对应一个岗位"}]
    assert (Posting.objects.count(), PostingImport.objects.get().status) == (0, "failed")


def test_a_withdrawn_postings_number_is_imported_as_a_new_posting(world):
    first = run(world, [["A1", PLANT, PLANT_CODE, "水产品分拣员", "3500-4500", "曲樟乡", "分拣冻虾。", "18-45岁", ""]])
    postings.import_withdraw(actor=world.users["county_office"], batch=first.batch)
    second = run(world, [["A1", PLANT, PLANT_CODE, "水产品分拣员", "4000", "曲樟乡", "分拣冻虾。", "18-45岁", ""]])
    assert (second.batch.created_count, second.batch.updated_count) == (1, 0)
    assert sorted(Posting.objects.values_list("status", flat=True)) == ["open", "withdrawn"]


def test_a_row_counter_column_is_not_taken_for_the_employers_number(world):
    """序号 numbers a sheet's rows: next month's sheet's 序号 1 is another job, never an update of this month's."""
    header = ["序号", "编号", *HEADER[1:]]
    first = postings.posting_import(actor=world.users["county_office"], filename="一月.xlsx", publish=True, file=sheet(
        [[1, "A1", PLANT, PLANT_CODE, "水产品分拣员", "3500", "曲樟乡", "分拣冻虾。", "18-45岁", ""]], header=header))
    assert (first.errors, Posting.objects.get().ext_id) == ([], "A1")       # the 编号 beside it is the number
    second = postings.posting_import(actor=world.users["county_office"], filename="二月.xlsx", publish=True, file=sheet(
        [[1, PLANT, PLANT_CODE, "包装工", "3500", "曲樟乡", "成品装箱。", "18-40岁", ""]], header=["序号", *HEADER[1:]]))
    assert (second.batch.created_count, second.batch.updated_count) == (1, 0)
    assert sorted(Posting.objects.values_list("title", "ext_id")) == [("包装工", ""), ("水产品分拣员", "A1")]
