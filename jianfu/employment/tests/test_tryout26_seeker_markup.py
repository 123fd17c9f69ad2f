"""tryout26 #3: the seeker import stored 求职意向 "<script>alert(1)</script>电工" (shown escaped, yet every other import
refuses markup). The import names row and column and writes nothing; the phone form refuses it too. One rule:
`core.text.has_markup`, the posting import's."""

from __future__ import annotations

import io

import pytest

from jianfu.core.models import AuditRecord
from jianfu.core.text import has_markup
from jianfu.employment import seekers
from jianfu.employment.models import KeyPerson, SeekerProfile
from jianfu.employment.tests.factories import key_person_in, person_in
from jianfu.employment.tests.test_badinput16 import _profile_form
from jianfu.registry.services import person_id_number

pytestmark = pytest.mark.django_db


def _gbk_csv(rows) -> io.BytesIO:
    return io.BytesIO(("\r\n".join(",".join(r) for r in rows) + "\r\n").encode("gbk"))


def test_the_rule_is_tags_not_angle_brackets():
    assert [has_markup(t) for t in ("<script>alert(1)</script>电工", "<b>焊工</b>", "< img src=x onerror=alert(1)>",
                                    "工资<3000也行", "5<x", "")] == [True, True, True, False, False, False]


def test_a_wish_or_history_with_markup_refuses_the_file_naming_row_and_column(world):
    old = key_person_in(person=person_in(name="李明"), profile={"desired_text": "电工"})
    new = person_in(name="秦坤洋")
    file = _gbk_csv([["身份证号", "姓名", "人员类别", "求职意向", "工作经历", "备注"],
                     [person_id_number(old.person), "李明", "农村劳动力", "<script>alert(1)</script>电工", "", ""],
                     [person_id_number(new), "秦坤洋", "农村劳动力", "焊工", "在<b>船厂</b>做焊工", ""],
                     [person_id_number(new), "秦坤洋", "农村劳动力", "焊工", "", "<i>只上白班</i>"]])
    audits = AuditRecord.objects.count()
    result = seekers.import_seekers(actor=world.users["village_a"], file=file, filename="s.csv")
    assert (result.done, result.taken) == (0, [])
    assert result.errors == [
        {"row": 2, "column": "求职意向", "message": "求职意向含有网页代码（<…>），请只填写文字"},
        {"row": 3, "column": "工作经历", "message": "工作经历含有网页代码（<…>），请只填写文字"},
        {"row": 4, "column": "备注", "message": "备注含有网页代码（<…>），请只填写文字"}]
    assert KeyPerson.objects.filter(person=new).count() == 0 and AuditRecord.objects.count() == audits
    assert list(SeekerProfile.objects.values_list("key_person_id", "desired_text", "experience")) == [(old.pk, "电工", "")]


def test_a_plain_less_than_sign_is_imported(world):
    person = person_in(name="秦坤洋")
    file = _gbk_csv([["身份证号", "人员类别", "求职意向"], [person_id_number(person), "农村劳动力", "电工，工资<3000也行"]])
    result = seekers.import_seekers(actor=world.users["village_a"], file=file, filename="s.csv")
    assert (result.done, result.errors) == (1, [])
    assert SeekerProfile.objects.get(key_person__person=person).desired_text == "电工，工资<3000也行"


@pytest.mark.parametrize(("field", "label"), [("desired_text", "求职意向"), ("experience", "工作经历"),
                                              ("certificates", "技能证书"), ("limits_note", "其他限制")])
def test_the_phone_form_refuses_markup_and_saves_nothing(world, field, label):
    kp = key_person_in(person=person_in(name="李明"), profile={"desired_text": "电工", "limits_note": "只上白班"})
    url = f"/employment/people/{kp.pk}/profile/"
    client = world.client("village_a")
    form = _profile_form(client.get(url))
    before = (list(SeekerProfile.objects.values_list("desired_text", "experience", "certificates", "limits_note",
                                                     "updated_at")), AuditRecord.objects.count())
    r = client.post(url, {**form, field: "<script>alert(1)</script>电工证"})
    assert r.status_code == 400
    assert r.context["form"].errors[field] == [f"{label}含有网页代码（<…>），请只填写文字"]
    assert (list(SeekerProfile.objects.values_list("desired_text", "experience", "certificates", "limits_note",
                                                   "updated_at")), AuditRecord.objects.count()) == before


def test_angle_brackets_around_a_model_or_a_card_are_not_markup():
    """sec26 #6: "<S7-200>" and "<IC卡>" were read as tags and the seeker's text refused; tags, comments and event
    attributes still are."""
    assert [has_markup(t) for t in ("会西门子PLC<S7-200>编程", "持证<IC卡>", "<script>", "<img src=x onerror=alert(1)",
                                    "<a href=http://x.cn>", "</b>", "<!-- x", "<svg/onload=alert(1)>",
                                    "<S7-200 onclick=alert(1)>", "<br/>")] == [False, False] + [True] * 8


def test_a_wish_with_a_model_in_angle_brackets_is_imported(world):
    person = person_in(name="秦坤洋")
    file = _gbk_csv([["身份证号", "人员类别", "求职意向", "工作经历"],
                     [person_id_number(person), "农村劳动力", "会西门子PLC<S7-200>编程", "持证<IC卡>"]])
    result = seekers.import_seekers(actor=world.users["village_a"], file=file, filename="s.csv")
    assert (result.done, result.errors) == (1, [])
    assert SeekerProfile.objects.filter(key_person__person=person).values_list("desired_text", "experience").get() == (
        "会西门子PLC<S7-200>编程", "持证<IC卡>")


def test_the_phone_form_saves_a_model_in_angle_brackets(world):
    kp = key_person_in(person=person_in(name="李明"), profile={"desired_text": "电工"})
    url = f"/employment/people/{kp.pk}/profile/"
    client = world.client("village_a")
    form = _profile_form(client.get(url))
    r = client.post(url, {**form, "desired_text": "会西门子PLC<S7-200>编程"})
    assert r.status_code == 302
    assert SeekerProfile.objects.get(key_person=kp).desired_text == "会西门子PLC<S7-200>编程"
