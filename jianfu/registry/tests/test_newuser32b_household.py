"""newuser32b: a village cadre adds a newborn and an imported resident to a household (加入成员).

#1 户主 was preselected: adding someone without touching the relation made them the head and turned the head into
   其他, with only "已把…加入本户。" said. Now nothing is preselected, and a deliberate change of head is said.
#2 The form asked for the 人员编号 alone, shown on no page. Now a name, an ID number or the 人员编号 (now on the
   person's page) finds the person.
#3 The member list put 配偶 above 户主 and gave no sign of a member who moved out or died."""

from __future__ import annotations

import datetime as dt

from jianfu.core.models import AuditRecord
from jianfu.registry.models import FieldChange, Household, Person
from jianfu.registry.tests.scoping_cases import VB, make_person


def _person(name, born=None, **extra):
    person = make_person(name=name, **extra)
    if born:
        Person.objects.filter(pk=person.pk).update(birth_date=born)
    return person


def _family():
    head = _person("刘勇", dt.date(1984, 8, 13), relation_to_head="head")
    household = Household.objects.create(org_code=VB, number="B-0008", address="璋嘉村8组96号", head=head)
    spouse = _person("张畅", dt.date(1986, 12, 15), relation_to_head="spouse")
    Person.objects.filter(pk__in=[head.pk, spouse.pk]).update(household=household)
    return household, head, spouse


def _state(household):
    return (Household.objects.filter(pk=household.pk).values_list("head_id", flat=True).get(),
            sorted(Person.objects.filter(household=household).values_list("name", "relation_to_head")),
            FieldChange.objects.count(), AuditRecord.objects.count())


def test_adding_a_member_without_choosing_a_relation_is_refused_and_changes_nothing(world):
    household, head, _spouse = _family()
    baby = Person.objects.create(org_code=VB, name="刘小宝", gender="M", birth_date=dt.date(2026, 11, 20))
    before = _state(household)
    response = world.client("village_b").post(f"/registry/households/{household.pk}/",
                                              {"person_id": "刘小宝", "relation": ""})
    assert response.status_code == 400
    assert response.context["form"].errors == {"relation": ["请选择此人与户主的关系。"]}
    assert _state(household) == before and Person.objects.get(pk=baby.pk).household_id is None
    page = response.content.decode()
    assert '<option value="" selected>请选择</option>' in page


def test_the_member_form_preselects_no_relation(world):
    household, _head, _spouse = _family()
    page = world.client("village_b").get(f"/registry/households/{household.pk}/").content.decode()
    assert '<option value="" selected>请选择</option>' in page
    assert '<option value="head" selected>' not in page


def test_a_newborn_is_added_by_name_and_the_head_stays(world):
    household, head, _spouse = _family()
    baby = Person.objects.create(org_code=VB, name="刘小宝", gender="M", birth_date=dt.date(2026, 11, 20))
    response = world.client("village_b").post(f"/registry/households/{household.pk}/",
                                              {"person_id": " 刘小宝 ", "relation": "child"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["已把“刘小宝”加入本户。"]
    baby.refresh_from_db()
    assert (baby.household_id, baby.relation_to_head) == (household.pk, "child")
    assert Household.objects.get(pk=household.pk).head_id == head.pk


def test_a_member_is_found_by_id_number_and_the_search_is_audited(world):
    from jianfu.registry import sensitive

    household, _head, _spouse = _family()
    other = make_person(name="陈阿福")
    number = sensitive.open_id(other.id_number_cipher)
    response = world.client("village_b").post(f"/registry/households/{household.pk}/",
                                              {"person_id": number.lower(), "relation": "parent"})
    assert response.status_code == 302
    assert Person.objects.get(pk=other.pk).household_id == household.pk
    searches = list(AuditRecord.objects.filter(action="pii.search").values_list("changes", flat=True))
    assert searches == [{"field": "id_number", "found": [other.pk]}]


def test_a_member_is_found_by_the_person_number_the_person_page_shows(world):
    household, _head, _spouse = _family()
    other = make_person(name="黄秀兰")
    page = world.client("village_b").get(f"/registry/persons/{other.pk}/").content.decode()
    assert f'<td id="person-number">{other.pk}</td>' in page
    assert "编入户：打开该户的页面，在“加入成员”中填写此人的姓名、身份证号或人员编号。" in page
    response = world.client("village_b").post(f"/registry/households/{household.pk}/",
                                              {"person_id": str(other.pk), "relation": "other"})
    assert response.status_code == 302
    assert Person.objects.get(pk=other.pk).household_id == household.pk


def test_a_name_two_residents_share_asks_for_a_number_and_changes_nothing(world):
    household, _head, _spouse = _family()
    make_person(name="黄海")
    make_person(name="黄海")
    before = _state(household)
    response = world.client("village_b").post(f"/registry/households/{household.pk}/",
                                              {"person_id": "黄海", "relation": "child"})
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "person_id": ["本村有 2 名在册人员叫“黄海”，请改填身份证号或人员编号（人员页面上有）。"]}
    assert _state(household) == before


def test_an_unknown_name_says_what_to_type_and_changes_nothing(world):
    household, _head, _spouse = _family()
    before = _state(household)
    response = world.client("village_b").post(f"/registry/households/{household.pk}/",
                                              {"person_id": "刘大宝", "relation": "child"})
    assert response.status_code == 400
    assert response.context["form"].errors == {"person_id": [
        "没有找到“刘大宝”：请填写本村在册人员的姓名、身份证号或人员编号。还没有登记的人（如新生儿）请先登记。"]}
    assert _state(household) == before
    assert '<a href="/registry/persons/new/">先登记人员</a>' in response.content.decode()


def test_a_name_from_another_village_is_not_found(world):
    household, _head, _spouse = _family()
    make_person(org="450521200206", name="秦飞")
    response = world.client("village_b").post(f"/registry/households/{household.pk}/",
                                              {"person_id": "秦飞", "relation": "child"})
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["person_id"]


def test_making_a_newcomer_the_head_says_the_head_changed(world):
    household, head, _spouse = _family()
    other = make_person(name="陈阿福")
    response = world.client("village_b").post(f"/registry/households/{household.pk}/",
                                               {"person_id": str(other.pk), "relation": "head"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "已把“陈阿福”加入本户。",
        "本户户主已由“刘勇”改为“陈阿福”，“刘勇”的与户主关系改为“其他”，请在其人员页面核对。"]
    assert Household.objects.get(pk=household.pk).head_id == other.pk


def test_the_member_list_puts_the_head_first_and_marks_who_moved_out(world):
    household, head, spouse = _family()
    child = _person("刘宁健", dt.date(2008, 5, 31), relation_to_head="child", status="moved_out")
    other = _person("刘二", dt.date(1950, 1, 1), relation_to_head="other")
    Person.objects.filter(pk__in=[child.pk, other.pk]).update(household=household)
    response = world.client("village_b").get(f"/registry/households/{household.pk}/")
    assert [m.name for m in response.context["members"]] == ["刘勇", "张畅", "刘宁健", "刘二"]
    page = response.content.decode()
    assert f'<a href="/registry/persons/{child.pk}/">刘宁健</a> <span class="badge">已迁出</span>' in page
    assert page.count('<span class="badge">') == 1
