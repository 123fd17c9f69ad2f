"""emp-product33 #2: amounts in yuan with a sane cap — a service record's 金额 by its kind (社保补贴, 岗位补贴, 一次性创业
补贴, 培训) and a month's wage (月薪 of a posting, 期望月薪 of a seeker) on every path that takes them (forms, the API,
imports): negative or over the cap refused in Chinese naming the field (and the row), nothing written
(docs/employment.md, Session 33)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest

from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.employment import parsing, postings, seekers
from jianfu.employment.models import KeyPerson, Posting, SeekerProfile, ServiceRecord
from jianfu.employment.tests.factories import key_person_in, person_in, snapshot_kp

pytestmark = pytest.mark.django_db


def _service(world, kp, kind: str, amount: str):
    return world.client("village_a").post(f"/employment/people/{kp.pk}/services/", {
        "kind": kind, "title": "补贴发放", "outcome": "completed", "amount": amount, "form_token": token_new()})


@pytest.mark.parametrize(("kind", "amount", "reason"), [
    ("startup_subsidy", "30000.01", "一次性创业补贴的金额（元）30000.01超过上限（30000元）：请核对是否多写了0。"),
    ("si_subsidy", "120000", "社保补贴的金额（元）120000超过上限（50000元）：请核对是否多写了0。"),
    ("post_subsidy", "1,000,000元", "岗位补贴的金额（元）1000000超过上限（100000元）：请核对是否多写了0。"),
    ("training", "25000", "职业技能培训的金额（元）25000超过上限（20000元）：请核对是否多写了0。"),
    ("si_subsidy", "-1200", "金额（元）不能是负数（-1200）。"),
])
def test_a_service_amount_over_its_kinds_cap_or_negative_is_refused_by_name_and_nothing_is_written(world, kind,
                                                                                                   amount, reason):
    kp = key_person_in()
    before = (snapshot_kp(kp), ServiceRecord.objects.count(), AuditRecord.objects.count())
    answer = _service(world, kp, kind, amount)
    assert answer.status_code == 400
    assert answer.content.decode().count(f"服务记录没有保存：「金额（元）」{reason}") == 1
    assert (snapshot_kp(kp), ServiceRecord.objects.count(), AuditRecord.objects.count()) == before


@pytest.mark.parametrize(("kind", "amount"), [("startup_subsidy", "30000"), ("post_subsidy", "72000"),
                                              ("si_subsidy", "0"), ("training", "1800.5")])
def test_an_amount_at_or_under_its_kinds_cap_is_recorded(world, kind, amount):
    kp = key_person_in()
    assert _service(world, kp, kind, amount).status_code == 302
    assert list(ServiceRecord.objects.values_list("kind", "amount")) == [(kind, Decimal(amount).quantize(Decimal("0.01")))]


@pytest.mark.parametrize(("text", "bounds"), [("50000", (50000, None)), ("年薪60万", (50000, None)),
                                              ("4万-5万", (40000, 50000)), ("面议", (None, None))])
def test_a_wage_up_to_the_cap_is_read_as_before(text, bounds):
    assert parsing.wage(text) == bounds


@pytest.mark.parametrize(("text", "label", "message"), [
    ("50001", "", "月薪“50001”按每月50001元读，超过上限（每月50000元）：请核对是否多写了0，或把年薪写成了月薪。"),
    ("年薪61万", "期望月薪", "期望月薪“年薪61万”按每月50833元读，超过上限（每月50000元）：请核对是否多写了0，或把年薪写成了月薪。"),
    ("3000-80000元", "", "月薪“3000-80000元”按每月80000元读，超过上限（每月50000元）：请核对是否多写了0，或把年薪写成了月薪。"),
])
def test_a_wage_over_the_cap_is_refused_naming_the_field(text, label, message):
    from jianfu.core.errors import ApplicationError

    with pytest.raises(ApplicationError) as refused:
        parsing.wage(text, label=label)
    assert (refused.value.message, refused.value.field) == (message, "wage")


def test_the_api_refuses_a_postings_wage_over_the_cap_and_writes_nothing(world):
    before = (Posting.objects.count(), AuditRecord.objects.count())
    answer = world.api_client("county_office").post("/api/v1/employment/postings/", {
        "employer": "合浦县某食品厂", "title": "包装工", "wage": "35000-60000元", "place": "廉州镇",
        "description": "包装、装箱。"}, format="json")
    assert answer.status_code == 400
    assert answer.json()["error"]["fields"] == {"wage": [
        "月薪“35000-60000元”按每月60000元读，超过上限（每月50000元）：请核对是否多写了0，或把年薪写成了月薪。"]}
    assert (Posting.objects.count(), AuditRecord.objects.count()) == before


def test_a_posting_import_names_the_row_of_a_wage_over_the_cap_and_writes_nothing(world):
    text = ("单位名称,岗位名称,工作地点,岗位描述,月薪\n合浦县某食品厂,包装工,廉州镇,包装装箱,3000-4000\n"
            "合浦县某食品厂,装卸工,廉州镇,装卸货物,45000\n合浦县某食品厂,叉车工,廉州镇,叉车搬运,120000\n")
    result = postings.posting_import(actor=world.users["county_office"], file=io.BytesIO(text.encode()),
                                     filename="jobs.csv")
    assert result.errors == [{"row": 4, "column": "月薪", "message": (
        "月薪“120000”按每月120000元读，超过上限（每月50000元）：请核对是否多写了0，或把年薪写成了月薪。")}]
    assert Posting.objects.count() == 0


def test_the_profile_form_refuses_an_expected_wage_over_the_cap_and_keeps_the_stored_one(world):
    kp = key_person_in(profile={"desired_text": "想进厂", "wage_min": 3000, "wage_max": 4000})
    answer = world.client("village_a").post(f"/employment/people/{kp.pk}/profile/",
                                            {"desired_text": "想进厂", "wage": "80000"})
    assert answer.status_code == 400
    assert answer.content.decode().count(
        "期望月薪“80000”按每月80000元读，超过上限（每月50000元）：请核对是否多写了0，或把年薪写成了月薪。") == 1
    assert SeekerProfile.objects.filter(key_person=kp).values_list("wage_min", "wage_max").get() == (3000, 4000)


def test_a_seeker_import_names_the_row_of_an_expected_wage_over_the_cap_and_writes_nothing(world):
    from jianfu.registry.services import person_id_number

    first, second = person_in(), person_in()
    text = ("身份证号,人员类别,求职意向,期望月薪\n"
            f"{person_id_number(first)},农村劳动力,想进厂,3000-4000\n"
            f"{person_id_number(second)},农村劳动力,想进厂,60000\n")
    result = seekers.import_seekers(actor=world.users["village_a"], file=io.BytesIO(text.encode()), filename="s.csv")
    assert (result.done, result.errors) == (0, [{"row": 3, "column": "期望月薪", "message": (
        "期望月薪“60000”按每月60000元读，超过上限（每月50000元）：请核对是否多写了0，或把年薪写成了月薪。")}])
    assert (KeyPerson.objects.filter(person__in=[first, second]).count(), SeekerProfile.objects.count()) == (0, 0)
