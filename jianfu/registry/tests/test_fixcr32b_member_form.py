"""fix-cr32b: the household form's 加入成员 box (newuser32b #2) after session 32's code review.

#4 "²" posted as the person's number was a 500 ("²".isdigit() is True, int() raises); full-width digits read as an
   ID number (`\\d` is Unicode). Now a 人员编号 is 1–12 ASCII digits and ID_LIKE/PHONE_LIKE are ASCII; one helper
   (`sensitive.compact_number`) reads what was typed for every number search.
#5 an ID number that found no one was counted but not audited (the person list audits a miss with found=[]).
#6 past the hourly allowance (429) or with the cache down (503) the form showed a 400 without Retry-After; and the
   service's "只能把本村的人员加入本村的户。" named field "person", no box of the form, so it showed above the form."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from jianfu.core import ratelimits
from jianfu.core.models import AuditRecord
from jianfu.core.tests.cache_down import CacheDown
from jianfu.registry import sensitive, services
from jianfu.registry.models import FieldChange, Household, Person
from jianfu.registry.tests.scoping_cases import VB, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()      # the hourly allowance's counts live as long as the test process (as test_security28's)
    yield
    cache.clear()

NOT_FOUND = "没有找到“{}”：请填写本村在册人员的姓名、身份证号或人员编号。还没有登记的人（如新生儿）请先登记。"


def _household():
    head = make_person(name="刘勇", relation_to_head="head")
    household = Household.objects.create(org_code=VB, number="B-0032", address="璋嘉村3组2号", head=head)
    Person.objects.filter(pk=head.pk).update(household=household)
    return household


def _state(household):
    return (sorted(Person.objects.filter(household=household).values_list("pk", "relation_to_head")),
            FieldChange.objects.count(), AuditRecord.objects.count())


def _post(world, household, typed, user="village_b"):
    return world.client(user).post(f"/registry/households/{household.pk}/", {"person_id": typed, "relation": "child"})


def _searches():
    return list(AuditRecord.objects.filter(action="pii.search").values_list("changes", flat=True))


# (session 33: full-width digits are digits now — fixcr33b L8 — and "１２" a person's number; these stay names)
@pytest.mark.parametrize("typed", ["²", "①", "٣", "⑫"])
def test_a_digit_like_character_is_a_name_not_found_not_a_500(world, typed):
    household = _household()
    before = _state(household)
    response = _post(world, household, typed)
    assert response.status_code == 400
    assert response.context["form"].errors == {"person_id": [NOT_FOUND.format(typed)]}
    assert _state(household) == before


def test_a_person_number_of_ascii_digits_still_finds_the_person_and_13_digits_find_no_one(world):
    household = _household()
    other = make_person(name="黄秀兰")
    assert _post(world, household, f" {other.pk} ").status_code == 302
    assert Person.objects.get(pk=other.pk).household_id == household.pk
    before = _state(household)
    response = _post(world, household, "1234567890123")
    assert (response.status_code, response.context["form"].errors) == (
        400, {"person_id": [NOT_FOUND.format("1234567890123")]})
    assert _state(household) == before


def test_full_width_digits_are_read_as_the_number_and_other_digit_likes_are_not():
    # session 33 (fixcr33b L8, the lead): a Chinese keyboard's full-width digits are the number typed; "①²٣" are not
    ascii_id, ascii_phone = "45052120020101001X", "13800000001"
    full_width = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
    assert (sensitive.searched_number(ascii_id), sensitive.searched_number(ascii_phone)) == ("id_number", "phone")
    assert sensitive.searched_number(ascii_id.translate(full_width)) == "id_number"
    assert sensitive.searched_number(ascii_phone.translate(full_width)) == "phone"
    assert sensitive.searched_number("①３８００００００１") is None
    assert sensitive.compact_number(" 4505 2120 0201 0100 1x ") == ascii_id
    assert sensitive.compact_number("①²٣") == "①²٣"
    assert [bool(sensitive.PERSON_NUMBER.fullmatch(t)) for t in ("1", "123456789012", "1234567890123", "²", "１")] \
        == [True, True, False, False, False]


def test_a_full_width_id_number_is_searched_and_audited_as_one(world):
    household = _household()
    members_before = sorted(Person.objects.filter(household=household).values_list("pk", "relation_to_head"))
    typed = "４５０５２１２００２０１０１００１Ｘ"
    response = _post(world, household, typed)
    assert (response.status_code, response.context["form"].errors) == (400, {"person_id": [NOT_FOUND.format(typed)]})
    assert _searches() == [{"field": "id_number", "found": []}]
    assert sorted(Person.objects.filter(household=household).values_list("pk", "relation_to_head")) == members_before


def test_an_id_number_that_finds_no_one_is_audited_with_found_empty(world):
    household = _household()
    members_before = sorted(Person.objects.filter(household=household).values_list("pk", flat=True))
    response = _post(world, household, "45052119990101999x")
    assert (response.status_code, response.context["form"].errors) == (
        400, {"person_id": [NOT_FOUND.format("45052119990101999x")]})
    assert _searches() == [{"field": "id_number", "found": []}]
    assert sorted(Person.objects.filter(household=household).values_list("pk", flat=True)) == members_before


def test_a_name_that_finds_no_one_is_not_audited(world):
    household = _household()
    before = _state(household)
    assert _post(world, household, "刘大宝").status_code == 400
    assert _state(household) == before and _searches() == []


def test_past_the_hourly_allowance_the_form_answers_429_and_changes_nothing(world, monkeypatch):
    monkeypatch.setattr(services, "NUMBER_SEARCHES_PER_HOUR", 1)
    household = _household()
    other = make_person(name="陈阿福")
    number = sensitive.open_id(other.id_number_cipher)
    assert _post(world, household, "45052119990101999x").status_code == 400      # the hour's one search, a miss
    before = _state(household)
    response = _post(world, household, number)
    assert response.status_code == 429
    assert "按完整的身份证号或手机号查找过于频繁（每小时最多1次），请稍后再试，或按姓名查找。" in response.content.decode()
    assert _state(household) == before and Person.objects.get(pk=other.pk).household_id is None
    assert _post(world, household, "陈阿福").status_code == 302                   # a name takes no allowance


def test_with_the_cache_down_the_form_answers_503_with_retry_after_and_changes_nothing(world, monkeypatch):
    household = _household()
    other = make_person(name="陈阿福")
    number = sensitive.open_id(other.id_number_cipher)
    before = _state(household)
    monkeypatch.setattr(ratelimits, "cache", CacheDown())
    response = _post(world, household, number)
    assert (response.status_code, response["Retry-After"]) == (503, "60")
    assert "暂时无法按完整号码查找，请几分钟后再试，或先按姓名查找。" in response.content.decode()
    assert _state(household) == before and Person.objects.get(pk=other.pk).household_id is None


def test_a_person_of_another_village_is_refused_beside_the_box(world):
    household = _household()
    other = make_person(org="450521200206", name="秦飞")
    before = _state(household)
    response = _post(world, household, str(other.pk), user="town_quzhang")
    assert response.status_code == 400
    assert response.context["form"].errors == {"person_id": ["只能把本村的人员加入本村的户。"]}
    assert _state(household) == before and Person.objects.get(pk=other.pk).household_id is None
