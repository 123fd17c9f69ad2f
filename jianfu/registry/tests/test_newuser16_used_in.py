"""newuser16 #5: after a person's facts are edited, the saved message names the departments' forms that use the
changed facts — from the same link as a form page's 同时用于 column — or says that none does."""

from __future__ import annotations

import html
import re

import pytest
from django.contrib.messages import get_messages

from jianfu.registry import services
from jianfu.reports import selectors as report_selectors
from jianfu.reports.catalog import forms_load

pytestmark = pytest.mark.django_db
VA = "450521200206"


def _save(world, person, **changed) -> list[str]:
    client = world.client("village_a")
    page = client.get(f"/registry/persons/{person.pk}/edit/").content.decode()
    version = html.unescape(re.search(r'name="version" value="([^"]*)"', page).group(1))
    data = {"name": person.name, "residence_status": person.residence_status, "status": person.status,
            "address": person.address, "gender": person.gender, "version": version, **changed}
    response = client.post(f"/registry/persons/{person.pk}/edit/", data)
    assert response.status_code == 302
    return [str(m) for m in get_messages(response.wsgi_request)]


RESIDENCE_FORMS = ["城乡最低生活保障和特困人员救助供养情况月报表", "老年人口基本情况年报表", "人口基本情况年报表",
                   "城乡居民基本医疗保险和基本养老保险参保情况半年报表", "安全生产隐患排查和自然灾害情况月报表",
                   "流动人口和出租房屋服务管理月报表", "村（社区）党组织和党员队伍基本情况季报表"]


def test_the_saved_message_names_the_forms_using_the_changed_fact(world):
    forms_load(actor=None)
    person = services.person_create(actor=world.users["village_a"], org_code=VA,
                                    data={"name": "王五", "residence_status": "huji", "gender": "M"})
    # the forms whose page lists these among 同时用于 (cells counting 户籍/常住/流动), in catalogue order
    assert [n for _c, n in report_selectors.templates_using_fields(
        user=world.users["village_a"], subject="person", fields=["residence_status"])] == RESIDENCE_FORMS
    assert _save(world, person, residence_status="liudong") == [
        "已保存，修改了1项。同时用于：" + "、".join(RESIDENCE_FORMS) + "。"]
    person.refresh_from_db()
    assert _save(world, person, is_veteran="on") == ["已保存，修改了1项。同时用于：退役军人和其他优抚对象基本情况季报表。"]


def test_a_fact_no_form_reads_says_so(world):
    forms_load(actor=None)
    person = services.person_create(actor=world.users["village_a"], org_code=VA, data={"name": "王五"})
    assert report_selectors.templates_using_fields(user=world.users["village_a"], subject="person",
                                                   fields=["education"]) == []
    assert _save(world, person, education="college") == ["已保存，修改了1项。所改信息目前不进入任何部门报表。"]


def test_a_persons_status_and_birth_date_reach_every_person_form(world):
    """Every person count filters on status = active (the schema's default), and age groups read the birth date."""
    forms_load(actor=None)
    user = world.users["village_a"]
    status = report_selectors.templates_using_fields(user=user, subject="person", fields=["status"])
    assert len(status) == 14
    assert report_selectors.templates_using_fields(user=user, subject="person", fields=["birth_date"]) == status
