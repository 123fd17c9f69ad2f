"""emp-fix27 #7: one employer, one credit code. A posting — web form, service or import row — naming an employer already
registered in the account's scope under another 统一社会信用代码, with a code on file nowhere, made a second employer of
the same name. It is refused, the row and the field named, both codes' situation said; nothing written. An employer of
that name outside the account's scope is not looked up (sec26: no name or code of another area is told)."""

from __future__ import annotations

import pytest

from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.employment import postings
from jianfu.employment.models import Posting, PostingImport
from jianfu.employment.tests.test_postings import credit, good, run, xlsx
from jianfu.registry.models import Organisation

pytestmark = pytest.mark.django_db

NAME = "合浦县海鲜食品有限公司"


def _registered() -> Organisation:
    # in 廉州镇: the county office's scope, not 曲樟乡's
    return Organisation.objects.create(org_code="450521100000", name=NAME, kind="enterprise", credit_code=credit(1))


def _counts() -> tuple[int, int, int, int]:
    return (Posting.objects.count(), Organisation.objects.count(), PostingImport.objects.count(),
            AuditRecord.objects.count())


def _data(code: str, employer: str = NAME) -> dict:
    return {"employer": employer, "credit_code": code, "title": "分拣工", "place": "廉州镇", "description": "冻虾分拣"}


def _said(code: str) -> str:
    return (f"单位名称“{NAME}”已登记，统一社会信用代码为{credit(1)}；填写的代码{code}未登记。一个单位只有一个信用代码，"
            "请核对信用代码")


def test_the_service_refuses_a_registered_name_under_a_second_code(world):
    _registered()
    before = _counts()
    with pytest.raises(postings.ApplicationError) as exc:
        postings.posting_create(actor=world.users["county_office"], data=_data(credit(2)))
    assert (exc.value.field, exc.value.message) == ("credit_code", _said(credit(2)))
    assert _counts() == before


def test_the_web_form_names_the_credit_code_field(world):
    _registered()
    before = _counts()
    r = world.client("county_office").post("/employment/postings/new/", {**_data(credit(3)), "form_token": token_new()})
    assert r.status_code == 400 and r.context["form"].errors == {"credit_code": [_said(credit(3))]}
    assert _counts() == before


def test_the_same_code_or_another_name_is_filed_as_before(world):
    org = _registered()
    same = postings.posting_create(actor=world.users["county_office"], data=_data(credit(1)))
    assert (same.organisation_id, Organisation.objects.count()) == (org.pk, 1)
    other = postings.posting_create(actor=world.users["county_office"], data=_data(credit(4), "合浦县海鲜冷冻有限公司"))
    assert other.organisation_id != org.pk and Organisation.objects.count() == 2


def test_a_township_is_not_told_of_a_name_registered_outside_its_scope(world):
    _registered()
    p = postings.posting_create(actor=world.users["town_quzhang"], data={**_data(credit(5)), "place": "曲樟乡"})
    assert (p.organisation.name, p.organisation.credit_code, Organisation.objects.count()) == (NAME, credit(5), 2)


def test_the_import_refuses_the_row_and_writes_nothing(world):
    _registered()
    before = (Posting.objects.count(), Organisation.objects.count())
    result = run(world, xlsx([good(1, 统一社会信用代码=credit(1)), good(2, 统一社会信用代码=credit(6))]))
    assert result.batch.status == PostingImport.Status.FAILED
    assert [(e["row"], e["column"], e["message"]) for e in result.errors] == [(3, "统一社会信用代码", _said(credit(6)))]
    assert (Posting.objects.count(), Organisation.objects.count()) == before


def test_the_import_refuses_a_name_given_two_new_codes_in_one_file(world):
    before = (Posting.objects.count(), Organisation.objects.count())
    new = "合浦县新开电子有限公司"
    result = run(world, xlsx([good(1, 单位名称=new, 统一社会信用代码=credit(7)), good(2, 单位名称=new, 统一社会信用代码=credit(7)),
                              good(3, 单位名称=new, 统一社会信用代码=credit(8))]))
    assert result.batch.status == PostingImport.Status.FAILED
    assert [(e["row"], e["column"], e["message"]) for e in result.errors] == [
        (4, "统一社会信用代码", f"单位名称“{new}”在第2行的统一社会信用代码是{credit(7)}，本行填写的是{credit(8)}。"
                                "一个单位只有一个信用代码，请核对信用代码")]
    assert (Posting.objects.count(), Organisation.objects.count()) == before
