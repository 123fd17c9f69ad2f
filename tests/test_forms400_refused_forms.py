"""Session 31 (forms400): every refused web form answers 400, with the form again — what was typed kept, each field's
reason beside it — as the upload forms and 发布岗位 do since session 30 (ui30 #1, fix-cr30 #3). 纳入帮扶, 修改帮扶信息,
求职登记, the registry's person / household / organisation forms, 加入本户, 自定义属性, 列对应, 重复核查, 新建账号,
修改密码 and the report template form answered a refusal with 200, which a script, a proxy's log or a test takes for
success. Each test here: the refused post is a 400, the field's reason exact, the typed value in its input, nothing
written (rows, audit records, spent form tokens); on a create form the refusal spends no token, so the corrected post
with the same token goes through (the page came back with a fresh one, as every create form's does)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord, SpentFormToken
from jianfu.core.views import form_status

pytestmark = pytest.mark.django_db

VA = "450521200206"
VB = "450521200201"
RELATION_SELF = "self"


def _value_in_input(page: str, name: str, value: str) -> bool:
    """Whether the input (or textarea) `name` carries `value` as the browser will show it."""
    for tag in re.findall(r"<input\b[^>]*>", page):
        if f'name="{name}"' in tag and f'value="{value}"' in tag:
            return True
    return bool(re.search(rf'<textarea\b[^>]*name="{name}"[^>]*>\s*{re.escape(value)}</textarea>', page))


def _written(*models) -> tuple:
    return (*(m.objects.count() for m in models), AuditRecord.objects.count(), SpentFormToken.objects.count())


def _refused(response, *, field: str | None, error: str, typed: dict[str, str]) -> str:
    page = response.content.decode()
    assert response.status_code == 400
    form = response.context["form"]
    assert (form.errors[field] if field else form.non_field_errors()) == [error]
    assert {name: _value_in_input(page, name, value) for name, value in typed.items()} == dict.fromkeys(typed, True)
    return page


def test_the_helper_is_400_only_for_a_form_with_errors():
    from django import forms

    class F(forms.Form):
        name = forms.CharField()

    assert (form_status(F()), form_status(F({"name": "张三"})), form_status(F({})), form_status(F(), F({}))) == \
        (200, 200, 400, 400)


# ------------------------------------------------------------------ employment

UNEMPLOYED_DATE = "登记失业人员请填写失业认定日期；未办理失业登记的，请取消勾选“登记失业人员”。"


def test_a_refused_take_in_is_400_and_keeps_the_token_unspent(world):
    from jianfu.employment.models import KeyPerson, StatusChange
    from jianfu.employment.tests.factories import person_in

    person = person_in(name="黄秀梅", birth=dt.date(1988, 5, 6))
    client = world.client("village_a")
    token = token_new()
    data = {"person": person.pk, "groups": ["is_registered_unemployed"], "major": "电子商务", "form_token": token}
    before = _written(KeyPerson, StatusChange)
    refused = client.post("/employment/people/add/", data)
    _refused(refused, field="unemployment_registered_on", error=UNEMPLOYED_DATE, typed={"major": "电子商务"})
    assert re.search(r'<input[^>]*value="is_registered_unemployed"[^>]*checked', refused.content.decode())
    assert _written(KeyPerson, StatusChange) == before
    done = client.post("/employment/people/add/", {**data, "unemployment_registered_on": "2026-11-02"})
    kp = KeyPerson.objects.get(person=person)
    assert (done.status_code, done["Location"]) == (302, f"/employment/people/{kp.pk}/profile/")
    assert (kp.major, kp.unemployment_registered_on) == ("电子商务", dt.date(2026, 11, 2))


def test_a_refused_key_person_edit_is_400_and_changes_nothing(world):
    from jianfu.employment.models import KeyPerson
    from jianfu.employment.tests.factories import key_person_in, snapshot_kp

    kp = key_person_in(note="原备注")
    before, written = snapshot_kp(kp), _written(KeyPerson)
    response = world.client("village_a").post(f"/employment/people/{kp.pk}/edit/", {
        "groups": ["is_registered_unemployed"], "unemployment_registered_on": "", "note": "下月再核"})
    _refused(response, field="unemployment_registered_on", error=UNEMPLOYED_DATE, typed={"note": "下月再核"})
    assert (snapshot_kp(kp), _written(KeyPerson)) == (before, written)


def test_a_refused_seeker_profile_is_400_and_saves_nothing(world):
    from jianfu.employment.models import SeekerProfile
    from jianfu.employment.tests.factories import key_person_in

    kp = key_person_in()
    written = _written(SeekerProfile)
    response = world.client("village_a").post(f"/employment/people/{kp.pk}/profile/", {
        "desired_text": "想进厂", "limits_note": "长" * 201, "version": "new"})
    _refused(response, field="limits_note", error="已输入 201 字，最多 200 字，超出 1 字，请删减",
             typed={"desired_text": "想进厂"})
    assert _written(SeekerProfile) == written and not SeekerProfile.objects.filter(key_person=kp).exists()


# ------------------------------------------------------------------ registry

def test_a_refused_person_registration_is_400_and_keeps_the_token_unspent(world):
    from jianfu.registry.models import Person

    client = world.client("village_b")
    token = token_new()
    data = {"org_code": VB, "name": "林小红", "id_number": "123", "address": "璋嘉村3组", "residence_status": "huji",
            "status": "active", "form_token": token}
    written = _written(Person)
    refused = client.post(f"/registry/persons/new/?org_code={VB}", data)
    error = refused.context["form"].errors.get("id_number", [""])[0]
    _refused(refused, field="id_number", error=error, typed={"name": "林小红", "address": "璋嘉村3组"})
    assert error.startswith("身份证号")
    assert _written(Person) == written
    done = client.post(f"/registry/persons/new/?org_code={VB}", {**data, "id_number": ""})
    person = Person.objects.get(name="林小红")
    assert (done.status_code, done["Location"], person.address) == (302, f"/registry/persons/{person.pk}/",
                                                                      "璋嘉村3组")


def test_a_refused_person_edit_is_400_and_changes_nothing(world):
    from jianfu.registry.models import Person
    from jianfu.registry.tests.scoping_cases import make_person, snapshot

    person = make_person(address="璋嘉村1组")
    before, written = snapshot(person), _written(Person)
    response = world.client("village_b").post(f"/registry/persons/{person.pk}/edit/", {
        "name": "", "address": "璋嘉村5组", "residence_status": "huji", "status": "active"})
    _refused(response, field="name", error="该字段是必填项。", typed={"address": "璋嘉村5组"})
    assert (snapshot(person), _written(Person)) == (before, written)


def test_a_refused_household_is_400_and_keeps_the_token_unspent(world):
    from jianfu.registry.models import Household

    client = world.client("village_b")
    token = token_new()
    data = {"org_code": VB, "number": "B" * 33, "address": "璋嘉村2组", "form_token": token}
    written = _written(Household)
    refused = client.post(f"/registry/households/new/?org_code={VB}", data)
    _refused(refused, field="number", error="已输入 33 字，最多 32 字，超出 1 字，请删减",
             typed={"address": "璋嘉村2组"})
    assert _written(Household) == written
    done = client.post(f"/registry/households/new/?org_code={VB}", {**data, "number": "B-0099"})
    household = Household.objects.get(number="B-0099")
    assert (done.status_code, done["Location"]) == (302, f"/registry/households/{household.pk}/")


def test_a_refused_household_member_is_400_and_adds_nobody(world):
    from jianfu.registry.models import Household, Person
    from jianfu.registry.tests.scoping_cases import make_person

    head = make_person()
    household = Household.objects.create(org_code=VB, number="B-0007", address="璋嘉村1组", head=head)
    written = _written(Person)
    response = world.client("village_b").post(f"/registry/households/{household.pk}/", {
        "person_id": str(head.pk), "relation": "cousin"})
    _refused(response, field="relation", error="选择一个有效的选项。 cousin 不在可用的选项中。",
             typed={"person_id": str(head.pk)})
    assert _written(Person) == written and Person.objects.get(pk=head.pk).household_id is None


def test_a_refused_organisation_is_400_and_keeps_the_token_unspent(world):
    from jianfu.registry.models import Organisation

    client = world.client("village_b")
    data = {"org_code": VB, "name": "璋嘉村合作社", "kind": "cooperative", "employees": "-1", "form_token": token_new()}
    written = _written(Organisation)
    refused = client.post(f"/registry/organisations/new/?org_code={VB}", data)
    _refused(refused, field="employees", error="确保该值大于或等于0。", typed={"name": "璋嘉村合作社"})
    assert _written(Organisation) == written
    done = client.post(f"/registry/organisations/new/?org_code={VB}", {**data, "employees": "5"})
    org = Organisation.objects.get(name="璋嘉村合作社")
    assert (done.status_code, done["Location"], org.employees) == (302, f"/registry/organisations/{org.pk}/", 5)


def test_a_refused_organisation_edit_is_400_and_changes_nothing(world):
    from jianfu.registry.models import Organisation
    from jianfu.registry.tests.scoping_cases import snapshot

    org = Organisation.objects.create(org_code=VB, name="璋嘉村农资店", kind="individual_business")
    before, written = snapshot(org), _written(Organisation)
    response = world.client("village_b").post(f"/registry/organisations/{org.pk}/edit/", {
        "name": "璋嘉村农资商店", "kind": "individual_business", "employees": "abc"})
    _refused(response, field="employees", error="输入整数。", typed={"name": "璋嘉村农资商店"})
    assert (snapshot(org), _written(Organisation)) == (before, written)


def test_a_refused_attribute_is_400_and_defines_nothing(world):
    from jianfu.registry.models import AttributeDefinition

    written = _written(AttributeDefinition)
    response = world.client("county_office").post("/registry/attributes/", {
        "label": "承包地亩数", "key": "承包地", "type": "decimal", "applies_to": "person"})
    error = response.context["form"].errors.get("key", [""])[0]
    _refused(response, field="key", error=error, typed={"label": "承包地亩数", "key": "承包地"})
    assert "字母" in error
    assert _written(AttributeDefinition) == written


# ------------------------------------------------------------------ accounts

def test_a_refused_new_account_is_400_and_creates_nothing(world):
    from jianfu.accounts.models import User

    written = _written(User)
    response = world.client("admin").post("/accounts/users/new/", {
        "username": "zhang_san", "display_name": "张三", "role": "village", "org_code": VA, "password": "short"})
    _refused(response, field="password", error="确保该变量至少包含 10 字符(目前字符数 5)。",
             typed={"username": "zhang_san", "display_name": "张三"})
    assert _written(User) == written and not User.objects.filter(username="zhang_san").exists()


def test_a_refused_password_change_is_400_and_keeps_the_password(world):
    user = world.users["village_a"]
    stored, written = user.password, _written()
    response = world.client("village_a").post("/accounts/password/", {
        "old_password": "not-the-password", "password": "a-new-password-1", "password_again": "a-new-password-1"})
    _refused(response, field="old_password", error="原密码不正确。", typed={})
    user.refresh_from_db()
    assert (user.password, _written()) == (stored, written)


def test_a_refused_column_mapping_is_400_and_keeps_the_choices(world):
    from jianfu.registry.models import ImportBatch, ImportMapping
    from jianfu.registry.tests.test_import_features import ELDER_HEADER, ELDERS, upload
    from jianfu.registry.tests.test_imports import xlsx

    client = world.client("village_a")
    assert upload(client, xlsx(ELDERS, header=ELDER_HEADER)).status_code == 302
    batch = ImportBatch.objects.get()
    written = _written(ImportMapping)
    response = client.post(f"/registry/imports/{batch.pk}/mapping/", {
        "name": "留守老人花名册", "col_0": "name", "col_1": "id_number", "col_2": "gender", "col_3": "birth_date",
        "const_field_0": "is_left_behind_elder", "const_value_0": "大概"})
    page = response.content.decode()
    assert response.status_code == 400
    assert response.context["error"] == "为每行设定的“留守老人”值“大概”无效：“大概”不是“是/否”"
    assert page.count("为每行设定的“留守老人”值“大概”无效：“大概”不是“是/否”") == 1
    assert _value_in_input(page, "const_value_0", "大概")
    assert re.search(r'<select[^>]*name="col_1"[^>]*>.*?<option value="id_number" selected>', page, re.S)
    batch.refresh_from_db()
    assert (_written(ImportMapping), batch.status, batch.mapping_id) == (written, "uploaded", None)


def test_a_refused_duplicate_review_is_400_and_decides_nothing(world):
    from jianfu.registry.models import DuplicateReview, Person
    from jianfu.registry.tests.scoping_cases import make_person

    candidate = make_person(name="李娜")
    review = DuplicateReview.objects.create(org_code=VB, data={"name": "李纳", "org_code": VB},
                                            candidates=[{"person_id": candidate.pk, "score": 100.0, "reason": "x"}])
    written = _written(Person)
    response = world.client("village_b").post(f"/registry/reviews/{review.pk}/", {"decision": "merge"})
    page = response.content.decode()
    assert response.status_code == 400
    assert '<div class="alert alert-error" role="alert">请选择候选人员中的一位。</div>' in page
    review.refresh_from_db()
    assert (review.status, review.resolved_person_id, _written(Person)) == ("pending", None, written)


# ------------------------------------------------------------------ reports

def test_a_refused_report_template_is_400_and_keeps_the_definition(world):
    from jianfu.reports.models import Template

    written = _written(Template)
    definition = "- 危房改造\n- 低保户"
    response = world.client("county_office").post("/reports/templates/new/", {
        "definition": definition, "headers": "", "action": "save"})
    page = response.content.decode()
    assert response.status_code == 400
    assert response.context["errors"] == ["定义应为 YAML 映射（code、name、cells …）。"]
    assert re.search(r'<textarea id="t-def" name="definition"[^>]*>- 危房改造\n- 低保户</textarea>', page)
    assert _written(Template) == written
