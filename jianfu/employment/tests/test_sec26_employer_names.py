"""sec26 #1: the credit-code check quoted the registered name of any organisation — another county's included — to
whoever typed its code under another name (a free lookup, often of a person's name). The name on file is quoted only
when that organisation is in the account's scope; otherwise a generic refusal. A row whose name does match is filed
under the code's organisation (one legal entity nationally: `EmployerIndex.other_name`)."""

from __future__ import annotations

import pytest

from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.employment import postings
from jianfu.employment.models import Posting, PostingImport
from jianfu.employment.tests.test_postings import credit, good, run, xlsx
from jianfu.registry.models import Organisation

pytestmark = pytest.mark.django_db

GENERIC = "该统一社会信用代码已登记为其他单位，请核对单位名称和代码。"


def _pubei(code: str) -> Organisation:
    # 浦北县 (450522), a county outside every 合浦 account's scope
    return Organisation.objects.create(org_code="450522100000", name="浦北县张三养猪场", kind="enterprise",
                                       credit_code=code)


def _counts():
    return (Posting.objects.count(), Organisation.objects.count(), PostingImport.objects.count(),
            AuditRecord.objects.count())


def _data(code: str, employer: str = "合浦县随便写有限公司") -> dict:
    return {"employer": employer, "credit_code": code, "title": "饲养员", "place": "廉州镇", "description": "喂猪、清扫"}


def test_the_service_and_the_api_do_not_quote_another_countys_employer(world):
    code = credit(41)
    _pubei(code)
    before = _counts()
    with pytest.raises(postings.ApplicationError) as exc:
        postings.posting_create(actor=world.users["county_office"], data=_data(code))
    assert (exc.value.field, exc.value.message) == ("employer", GENERIC)
    api = world.api_client("county_office").post("/api/v1/employment/postings/", _data(code), format="json")
    body = api.json()["error"]
    assert api.status_code == 400 and body["message"] == GENERIC and body["fields"] == {"employer": [GENERIC]}
    assert "张三" not in api.content.decode()
    assert _counts() == before


def test_the_web_form_does_not_quote_another_countys_employer(world):
    code = credit(42)
    _pubei(code)
    before = _counts()
    r = world.client("county_office").post("/employment/postings/new/", {**_data(code), "form_token": token_new()})
    assert r.status_code == 400 and r.context["form"].errors == {"employer": [GENERIC]}
    assert "张三" not in r.content.decode()
    assert _counts() == before


def test_the_import_does_not_quote_another_countys_employer(world):
    code = credit(43)
    _pubei(code)
    before = (Posting.objects.count(), Organisation.objects.count())
    result = run(world, xlsx([good(1, 单位名称="合浦县随便写有限公司", 统一社会信用代码=code)]))
    assert result.batch.status == PostingImport.Status.FAILED
    assert [(e["row"], e["column"], e["message"]) for e in result.errors] == [(2, "单位名称", GENERIC)]
    assert (Posting.objects.count(), Organisation.objects.count()) == before


def test_a_township_is_not_told_another_townships_employer_but_the_county_is(world):
    code = credit(44)
    Organisation.objects.create(org_code="450521100000", name="廉州镇李四养鸡场", kind="enterprise", credit_code=code)
    before = _counts()
    data = {**_data(code, "曲樟乡随便写有限公司"), "place": "曲樟乡"}
    with pytest.raises(postings.ApplicationError) as exc:
        postings.posting_create(actor=world.users["town_quzhang"], data=data)
    assert exc.value.message == GENERIC
    with pytest.raises(postings.ApplicationError) as exc:
        postings.posting_create(actor=world.users["county_office"], data=data)
    assert exc.value.message == (f"统一社会信用代码{code}登记的单位是“廉州镇李四养鸡场”，与填写的单位名称“曲樟乡随便写有限公司”不符，"
                                 "请核对单位名称或信用代码")
    assert _counts() == before


def test_the_right_name_files_the_posting_under_the_codes_employer(world):
    code = credit(45)
    pubei = _pubei(code)
    p = postings.posting_create(actor=world.users["county_office"], data=_data(code, "浦北县张三养猪场"))
    assert (p.organisation_id, p.org_code, Organisation.objects.count()) == (pubei.pk, "450521100000", 1)
