"""rmend32: the registry pages a village cadre stumbled on at 390 px (newuser32b walk).

#3 /registry/households/ counted moved-out and deceased members in 人数: it counts current members (在册人数).
#5 /registry/households/?q= with a space before or after 户编号 found nothing: the search is trimmed as the person
   list's is.
#6 a refused person edit reloaded at the top with the field's error ~1,000 px down: a summary naming the fields opens
   the page.
#7 来源表名称 on the mapping page was required without a "*" and empty: marked and prefilled from the file name."""

from __future__ import annotations

import html
import re

import pytest

from jianfu.registry import selectors
from jianfu.registry.models import Household, ImportBatch, ImportMapping, Person
from jianfu.registry.tests.scoping_cases import VB, make_person, snapshot

pytestmark = pytest.mark.django_db


def _household_of_four():
    household = Household.objects.create(org_code=VB, number="B-0031", address="璋嘉村3组1号")
    head = make_person(name="韦建国", household=household, relation_to_head="head")
    make_person(name="韦小红", household=household, relation_to_head="child")
    make_person(name="韦老汉", household=household, relation_to_head="parent", status="deceased")
    make_person(name="韦小军", household=household, relation_to_head="child", status="moved_out")
    Household.objects.filter(pk=household.pk).update(head=head)
    return household


def test_the_household_list_counts_current_members_only_and_says_so(world):
    _household_of_four()
    response = world.client("village_b").get("/registry/households/")
    assert [(h.number, h.member_count) for h in response.context["page"]] == [("B-0031", 2)]
    page = response.content.decode()
    assert "<th>在册人数</th>" in page and "<th>人数</th>" not in page
    assert 'data-label="在册人数">2</td>' in page


def test_the_api_counts_the_same_current_members(world):
    _household_of_four()
    api = world.api_client("village_b").get("/api/v1/registry/households/").json()
    assert [(h["number"], h["member_count"]) for h in api["results"]] == [("B-0031", 2)]


@pytest.mark.parametrize("typed", [" B-0031", "B-0031 ", "  B-0031\t", " 韦建国 ", " 3组1号"])
def test_a_household_search_with_spaces_around_finds_the_household(world, typed):
    _household_of_four()
    response = world.client("village_b").get("/registry/households/", {"q": typed})
    assert [h.number for h in response.context["page"]] == ["B-0031"]


def test_a_household_search_of_spaces_only_lists_every_household(world):
    _household_of_four()
    Household.objects.create(org_code=VB, number="B-0032", address="璋嘉村3组2号")
    found = selectors.household_list(user=world.users["village_b"], q="   ")
    assert [h.number for h in found] == ["B-0031", "B-0032"]


def test_a_household_search_still_finds_nothing_for_another_number(world):
    _household_of_four()
    response = world.client("village_b").get("/registry/households/", {"q": " B-0099 "})
    assert list(response.context["page"]) == []
    assert Person.objects.filter(name__startswith="韦").count() == 4


def _version(page: str) -> str:
    return html.unescape(re.search(r'name="version" value="([^"]*)"', page).group(1))


def test_a_refused_person_edit_opens_with_a_summary_naming_the_fields_and_saves_nothing(world):
    person = make_person(name="韦建国", address="璋嘉村3组1号")
    before = snapshot(person)
    client = world.client("village_b")
    version = _version(client.get(f"/registry/persons/{person.pk}/edit/").content.decode())
    response = client.post(
        f"/registry/persons/{person.pk}/edit/",
        {
            "name": "",
            "birth_date": "2026-13-45",
            "residence_status": "huji",
            "status": "active",
            "address": "璋嘉村3组1号",
            "version": version,
        },
    )
    assert response.status_code == 400
    assert response.context["summary"] == ["姓名：该字段是必填项。", "出生日期：输入一个有效的日期。"]
    page = response.content.decode()
    summary = re.search(
        r'<div class="alert alert-error" role="alert" id="error-summary">(.*?)</div>', page, re.S
    )
    assert summary is not None
    assert [t.strip() for t in re.split(r"<[^>]+>", summary.group(1)) if t.strip()] == [
        "未保存：有 2 项需要改正。",
        "姓名：该字段是必填项。",
        "出生日期：输入一个有效的日期。",
    ]
    # above the form, and before the first field's error
    assert (
        page.index('id="error-summary"')
        < page.index('<form method="post">')
        < page.index('id="id_name_error"')
    )
    assert snapshot(Person.objects.get(pk=person.pk)) == before


def test_an_unrefused_person_form_has_no_summary(world):
    person = make_person(name="韦建国")
    response = world.client("village_b").get(f"/registry/persons/{person.pk}/edit/")
    assert response.context["summary"] == [] and 'id="error-summary"' not in response.content.decode()


def _upload(client, filename):
    import io

    import openpyxl

    from jianfu.core.formtokens import token_new

    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "性别"])
    wb.active.append(["林木", "男"])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = filename
    client.post("/registry/imports/", {"file": buf, "form_token": token_new()})
    return ImportBatch.objects.get()


def test_the_mapping_page_marks_the_source_name_required_and_prefills_it_from_the_file_name(world):
    client = world.client("village_b")
    batch = _upload(client, "留守老人花名册（2026年11月）.xlsx")
    page = client.get(f"/registry/imports/{batch.pk}/mapping/").content.decode()
    assert '<label for="name">来源表名称（保存后同类台账可复用） *</label>' in page
    assert (
        '<input id="name" name="name" value="留守老人花名册（2026年11月）" required maxlength="100">' in page
    )


def test_a_mapping_refused_for_an_empty_name_keeps_it_empty_and_saves_no_mapping(world):
    client = world.client("village_b")
    batch = _upload(client, "花名册.xlsx")
    response = client.post(
        f"/registry/imports/{batch.pk}/mapping/", {"name": "  ", "col_0": "name", "col_1": "gender"}
    )
    assert response.status_code == 400
    assert '<input id="name" name="name" value="  " required maxlength="100">' in response.content.decode()
    batch.refresh_from_db()
    assert (batch.mapping_id, batch.status, ImportMapping.objects.count()) == (None, "uploaded", 0)
