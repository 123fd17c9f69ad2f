"""newuser32b #1–#3 in Chromium at 390 × 844: a village cadre registers a newborn and adds it to its household from the
household's page by name — the relation is chosen, not preselected as 户主 (which made the newborn the head), the
head stays first in the list, and a member who moved out is marked."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect
VA = "450521200206"


def test_a_newborn_is_registered_then_added_to_its_household_by_name(phone, world):
    from jianfu.registry.models import Household, Person

    head = Person.objects.create(org_code=VA, name="刘勇", gender="M", birth_date=dt.date(1984, 8, 13),
                                 relation_to_head="head")
    household = Household.objects.create(org_code=VA, number="20020600008", address="曲木村8组96号", head=head)
    Person.objects.create(org_code=VA, name="张畅", gender="F", birth_date=dt.date(1986, 12, 15),
                          relation_to_head="spouse", household=household)
    Person.objects.create(org_code=VA, name="刘宁健", gender="M", birth_date=dt.date(2008, 5, 31),
                          relation_to_head="child", household=household, status="moved_out")
    Person.objects.filter(pk=head.pk).update(household=household)

    page = phone("village_a")
    page.goto("/registry/persons/new/", timeout=60_000)
    page.fill("#id_name", "刘小宝")
    page.select_option("#id_gender", "M")
    page.fill("#id_birth_date", "2026-11-20")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("[role=status]")).to_have_text("已登记“刘小宝”。")
    expect(page.locator("main")).to_contain_text("未编入户。编入户：打开该户的页面，在“加入成员”中填写此人的姓名、身份证号或人员编号。")

    page.goto(f"/registry/households/{household.pk}/")
    expect(page.locator("#id_relation")).to_have_value("")
    expect(page.locator("tbody tr td:first-child")).to_have_text(["刘勇", "张畅", "刘宁健 已迁出"])
    page.fill("#id_person_id", "刘小宝")
    page.get_by_role("button", name="加入").click()          # no relation chosen: asked for, nothing written
    assert page.eval_on_selector("#id_relation", "e => e.validity.valueMissing") is True
    assert Person.objects.get(name="刘小宝").household_id is None
    page.select_option("#id_relation", "child")
    page.get_by_role("button", name="加入").click()
    expect(page.locator("[role=status]")).to_have_text("已把“刘小宝”加入本户。")
    expect(page.locator("tbody tr td:first-child")).to_have_text(["刘勇", "张畅", "刘宁健 已迁出", "刘小宝"])
    assert Household.objects.get(pk=household.pk).head_id == head.pk
    assert fits_the_phone(page)
    shot(page, "newuser32b-household-newborn")
