"""newuser34b: a job seeker's, an employer's and the county job desk's day on the demo.

#1 a job board's 岗位要求 / 任职要求 column is read for the certificates, age, education and experience it states (as
   `employment_match` reads it), not only kept as the description: "持叉车证" was 证书 — on the public page and
   the matcher offered the 叉车司机 posting to people without the licence; beside a 职位描述 column it was dropped.
#2 the public job search reads the county seat and the park as places: "县城" found nothing (暂无岗位).
#3 `employment_match` writes OUT.csv with a BOM, as its OUT.errors.csv and `dispatch_classify` do: Excel opened the
   reasons as mojibake."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.core.management import call_command

from jianfu.employment import postings
from jianfu.employment.models import Posting
from jianfu.employment.tests.factories import posting_in

pytestmark = pytest.mark.django_db

# the employer's sheet, in a job board's column shapes (the brief's headers)
BOARD = ["公司名称", "职位名称", "薪资", "工作地址", "招聘人数", "学历", "年龄", "岗位要求"]
PLANT = "合浦海之源水产食品有限公司"


def sheet(header, rows) -> io.BytesIO:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def run(world, header, rows):
    return postings.posting_import(actor=world.users["county_office"], file=sheet(header, rows),
                                   filename="海之源.xlsx", publish=True)


def test_a_requirements_column_gives_the_certificates_and_experience_it_states(world):
    result = run(world, BOARD, [
        [PLANT, "叉车司机", "6000-8000元/月", "曲樟乡", 3, "初中", "22-50岁", "持叉车证，两年以上经验"],
        [PLANT, "水产品分拣员", "3500-4500元", "曲樟乡", 20, "初中", "18-45岁", "需办理健康证，没有的可入职后办理，长白班"],
        [PLANT, "食堂厨工", "3500-4000", "曲樟乡", 2, "不限", "30-55岁", "会做大锅饭，持健康证"],
        [PLANT, "冷库搬运工", "5000-7000", "曲樟乡", 10, "不限", "20-45", "能吃苦耐劳，能适应低温环境"],
    ])
    assert (result.errors, result.batch.created_count) == ([], 4)
    got = {p.title: (p.certificates, p.experience_years, p.education_min, p.age_min, p.age_max, p.description)
           for p in Posting.objects.all()}
    assert got == {
        "叉车司机": (["叉车证"], 2, "junior", 22, 50, "持叉车证，两年以上经验"),
        "水产品分拣员": ([], 0, "junior", 18, 45, "需办理健康证，没有的可入职后办理，长白班"),   # 可入职后办理: preferred
        "食堂厨工": (["健康证"], 0, "", 30, 55, "会做大锅饭，持健康证"),
        "冷库搬运工": ([], 0, "", 20, 45, "能吃苦耐劳，能适应低温环境"),
    }


def test_the_public_page_shows_the_certificate_a_requirements_column_asks_for(world):
    run(world, BOARD, [[PLANT, "叉车司机", "6000-8000元/月", "曲樟乡", 3, "初中", "22-50岁", "持叉车证，两年以上经验"]])
    page = world.client(None).get(f"/employment/jobs/{Posting.objects.get().pk}/").content.decode()
    assert "<tr><th>证书</th><td>叉车证</td></tr>" in page


def test_a_column_of_its_own_wins_over_the_requirements_text(world):
    run(world, [*BOARD, "技能证书要求", "工作经验"],
        [[PLANT, "叉车司机", "6000元", "曲樟乡", 3, "初中", "22-50岁", "持叉车证，两年以上经验", "电工证", "1年"]])
    assert list(Posting.objects.values_list("certificates", "experience_years")) == [(["电工证"], 1)]


def test_a_description_and_a_requirements_column_are_both_kept(world):
    result = run(world, ["单位名称", "岗位名称", "月薪", "工作地点", "职位描述", "任职要求"],
                 [[PLANT, "机修工", "6000-9000元/月", "曲樟乡", "负责车间设备日常维护", "持电工证，3年以上维修经验"]])
    assert (result.errors, result.batch.created_count) == ([], 1)
    assert list(Posting.objects.values_list("description", "certificates", "experience_years")) == [
        ("负责车间设备日常维护\n持电工证，3年以上维修经验", ["电工证"], 3)]


def test_a_requirements_column_alone_is_enough_for_the_description(world):
    # a board with 岗位要求 and no 岗位描述 imported before; it still does, and the 岗位描述 it gets is that text
    result = run(world, ["单位名称", "岗位名称", "工作地点", "任职要求"], [[PLANT, "包装工", "曲樟乡", "两班倒，包住"]])
    assert (result.errors, result.batch.created_count) == ([], 1)
    assert list(Posting.objects.values_list("description", flat=True)) == ["两班倒，包住"]


def test_neither_a_description_nor_requirements_is_still_refused_naming_the_column(world):
    result = run(world, ["单位名称", "岗位名称", "工作地点"], [[PLANT, "包装工", "曲樟乡"]])
    assert result.batch.status == "failed"
    assert result.batch.errors[0]["message"] == "表头缺少必需的列：岗位描述（可用的列名见导入页说明）"
    assert Posting.objects.count() == 0


def test_an_empty_description_and_requirements_row_is_refused_naming_the_description(world):
    result = run(world, ["单位名称", "岗位名称", "工作地点", "职位描述", "任职要求"], [[PLANT, "包装工", "曲樟乡", "", ""]])
    assert [(e["row"], e["column"], e["message"]) for e in result.errors] == [(2, "岗位描述", "岗位描述为空")]
    assert Posting.objects.count() == 0


def test_a_value_read_from_the_requirements_that_cannot_be_taken_names_that_column(world):
    result = run(world, BOARD, [[PLANT, "机修工", "6000元", "曲樟乡", 2, "初中", "25-50岁", "50年以上工作经验"]])
    assert [(e["row"], e["column"], e["message"]) for e in result.errors] == [(2, "任职要求", "经验要求50年不合理")]
    assert Posting.objects.count() == 0


# ---------------------------------------------------------------- #2 the public search reads 县城 as a place

def _posting(world, title, place_text, org_code):
    return posting_in(org_code, title=title, place_text=place_text)


@pytest.mark.parametrize("q", ["县城", "合浦县城", "城区", "工业园"])
def test_the_public_search_finds_the_county_seat_s_postings_by_its_common_names(world, q):
    _posting(world, "业务员", "合浦县城", "450521100000")
    _posting(world, "仓管员", "廉州镇", "450521100001")
    _posting(world, "剥虾工", "曲樟乡", "450521200000")
    page = world.client(None).get("/employment/jobs/", {"q": q}).content.decode()
    assert (page.count('class="card job-card"'), "业务员" in page, "仓管员" in page, "剥虾工" in page) == (
        2, True, True, False)


def test_the_public_search_by_other_words_is_unchanged(world):
    _posting(world, "业务员", "合浦县城", "450521100000")
    _posting(world, "剥虾工", "曲樟乡", "450521200000")
    client = world.client(None)
    assert [client.get("/employment/jobs/", {"q": q}).content.decode().count('class="card job-card"')
            for q in ("剥虾", "曲樟", "廉州", "城", "东莞")] == [1, 1, 0, 1, 0]


# ---------------------------------------------------------------- #3 OUT.csv opens in Excel

def test_employment_match_writes_its_output_with_a_bom_as_excel_needs(tmp_path):
    seekers = tmp_path / "s.csv"
    seekers.write_text("编号,年龄,现居住地,求职意向\nS1,30,廉州镇,想进厂\n", encoding="utf-8")
    jobs = tmp_path / "j.csv"
    jobs.write_text("编号,单位名称,岗位名称,工作地点,岗位描述\nJ1,某电子厂,电子厂普工,廉州镇,流水线\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    call_command("employment_match", seekers=str(seekers), jobs=str(jobs), out=str(out), stdout=io.StringIO())
    raw = out.read_bytes()
    assert raw[:3] == b"\xef\xbb\xbf"
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["seeker_id", "job_id", "rank", "score", "reasons"]
    assert [r[:3] for r in rows[1:]] == [["S1", "J1", "1"]]
