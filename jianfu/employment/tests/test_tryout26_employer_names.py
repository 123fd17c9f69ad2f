"""tryout26 #1: one 统一社会信用代码 is one employer. A row naming another company under a code already on file, or
under a code an earlier row of the file gave to another name, is refused (row and column named, whose name the code
is); spellings of the same name (spaces, bracket width, 有限责任公司/有限公司) are the same employer."""

from __future__ import annotations

import pytest

from jianfu.core.errors import ApplicationError
from jianfu.core.models import AuditRecord
from jianfu.employment import postings
from jianfu.employment.models import Posting, PostingImport
from jianfu.employment.tests.test_postings import credit, good, run, state, xlsx

pytestmark = pytest.mark.django_db


def test_four_companies_under_one_new_code_are_refused_and_nothing_is_written(world):
    code = credit(26)
    rows = [good(1, 单位名称="合浦试导入食品有限公司", 统一社会信用代码=code),
            good(2, 单位名称="合浦试导入建材有限公司", 统一社会信用代码=code),
            good(3, 单位名称="合浦试导入电子有限公司", 统一社会信用代码=code),
            good(4, 单位名称="合浦试导入物流有限公司", 统一社会信用代码=code)]
    result = run(world, xlsx(rows))
    assert result.batch.status == PostingImport.Status.FAILED
    assert [(e["row"], e["column"], e["message"]) for e in result.errors] == [
        (n, "单位名称", f"统一社会信用代码{code}在第2行是“合浦试导入食品有限公司”，与本行的单位名称“合浦试导入{kind}有限公司”不符，"
                      "请核对单位名称或信用代码") for n, kind in ((3, "建材"), (4, "电子"), (5, "物流"))]
    assert state() == (0, 0)


def test_a_code_on_file_keeps_its_employer(world):
    code = credit(27)
    first = run(world, xlsx([good(1, 单位名称="合浦试导入食品有限公司", 统一社会信用代码=code)]))
    assert (first.batch.status, first.batch.employers_created) == ("committed", 1)
    before = (state(), PostingImport.objects.count(), AuditRecord.objects.filter(
        action="employment.employer.create").count())
    result = run(world, xlsx([good(2, 单位名称="合浦试导入食品有限公司", 统一社会信用代码=code),
                              good(3, 单位名称="合浦试导入电子有限公司", 统一社会信用代码=code)]))
    assert [(e["row"], e["column"], e["message"]) for e in result.errors] == [
        (3, "单位名称", f"统一社会信用代码{code}登记的单位是“合浦试导入食品有限公司”，与填写的单位名称“合浦试导入电子有限公司”不符，"
                      "请核对单位名称或信用代码")]
    assert (state(), PostingImport.objects.count() - 1, AuditRecord.objects.filter(
        action="employment.employer.create").count()) == before
    assert list(Posting.objects.values_list("title", "organisation__name")) == [("分拣工1", "合浦试导入食品有限公司")]


def test_a_renamed_row_is_not_skipped_as_a_duplicate_either(world):
    """Same code, title, place and description (the duplicate fingerprint) but another company: refused for the
    name even when the uploader chose to skip duplicates."""
    code = credit(28)
    rows = [good(1, 岗位名称="搬运工", 单位名称="合浦试导入食品有限公司", 统一社会信用代码=code),
            good(2, 岗位名称="搬运工", 单位名称="合浦试导入建材有限公司", 统一社会信用代码=code)]
    result = postings.posting_import(actor=world.users["county_office"], file=xlsx(rows), filename="jobs.xlsx",
                                     skip_duplicates=True)
    assert [(e["row"], e["column"]) for e in result.errors] == [(3, "单位名称")]
    assert (result.batch.status, result.batch.duplicate_count, state()) == ("failed", 0, (0, 0))


def test_spellings_of_one_name_are_one_employer(world):
    code = credit(29)
    rows = [good(1, 单位名称="合浦（广西）海产有限责任公司", 统一社会信用代码=code),
            good(2, 单位名称="合浦(广西)海产有限公司", 统一社会信用代码=code),
            good(3, 单位名称=" 合浦 （广西） 海产有限公司", 统一社会信用代码=code)]
    result = run(world, xlsx(rows))
    assert (result.errors, result.batch.created_count, result.batch.employers_created) == ([], 3, 1)
    assert set(Posting.objects.values_list("organisation__name", flat=True)) == {"合浦（广西）海产有限责任公司"}
    # 股份有限公司 is another kind of company, not a spelling of 有限公司
    again = run(world, xlsx([good(4, 单位名称="合浦（广西）海产股份有限公司", 统一社会信用代码=code)]))
    assert [(e["row"], e["column"]) for e in again.errors] == [(2, "单位名称")] and state() == (3, 1)


def test_the_form_and_the_api_refuse_another_name_for_a_code_on_file(world):
    code = credit(30)
    data = {"employer": "合浦县家政服务有限公司", "credit_code": code, "title": "家政服务员", "place": "廉州镇",
            "description": "家庭保洁、做饭"}
    postings.posting_create(actor=world.users["county_office"], data=data)
    before = state()
    with pytest.raises(ApplicationError) as exc:
        postings.posting_create(actor=world.users["county_office"],
                                data={**data, "employer": "合浦县建材有限公司", "title": "搬运工"})
    assert (exc.value.field, exc.value.message) == (
        "employer", f"统一社会信用代码{code}登记的单位是“合浦县家政服务有限公司”，与填写的单位名称“合浦县建材有限公司”不符，"
                    "请核对单位名称或信用代码")
    api = world.api_client("county_office").post("/api/v1/employment/postings/", {
        **data, "employer": "合浦县建材有限公司", "title": "搬运工"}, format="json")
    assert api.status_code == 400 and list(api.json()["error"]["fields"]) == ["employer"]
    assert state() == before
    # the same employer, spelled with 有限责任公司, posts another job under its own name
    p = postings.posting_create(actor=world.users["county_office"],
                                data={**data, "employer": "合浦县家政服务有限责任公司", "title": "保洁员"})
    assert (p.organisation.name, state()) == ("合浦县家政服务有限公司", (before[0] + 1, before[1]))


def test_the_web_form_names_the_employer_field(world):
    from jianfu.core.formtokens import token_new

    code = credit(31)
    data = {"employer": "合浦县家政服务有限公司", "credit_code": code, "title": "家政服务员", "place": "廉州镇",
            "description": "家庭保洁、做饭"}
    postings.posting_create(actor=world.users["county_office"], data=data)
    before = (state(), AuditRecord.objects.count())
    r = world.client("county_office").post("/employment/postings/new/", {
        **data, "employer": "合浦县建材有限公司", "title": "搬运工", "form_token": token_new()})
    assert r.status_code == 400
    assert r.context["form"].errors == {"employer": [
        f"统一社会信用代码{code}登记的单位是“合浦县家政服务有限公司”，与填写的单位名称“合浦县建材有限公司”不符，请核对单位名称或信用代码"]}
    assert (state(), AuditRecord.objects.count()) == before
