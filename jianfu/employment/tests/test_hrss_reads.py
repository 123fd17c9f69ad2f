"""ADR 0030 (session 12, U12/U13): the county's 人社局 — a department holding EMPLOYMENT_MANAGE — reads the county's
就业帮扶 as the county office does: its open postings with the people for them, the dashboard and its export, key
persons with identifiers masked and reveals audited. Another department (应急管理局) still sees no person and no
dashboard, and its refusals change nothing. The posting page never refuses a manager for lack of the right to read
people: it leaves the 适合的求职者 section out and says who refers people."""

from __future__ import annotations

import io

import openpyxl
import pytest

from jianfu.core.models import AuditRecord
from jianfu.employment import access
from jianfu.employment.models import KeyPerson, PostingStatus
from jianfu.employment.tests.factories import (
    TOWN,
    VILLAGE_B,
    VILLAGE_C,
    hrss_account,
    key_person_in,
    posting_in,
)
from jianfu.registry.services import person_id_number

pytestmark = pytest.mark.django_db


def emergency_account(world):
    """A county department with no employment function: 应急管理局 (short code YJ)."""
    from jianfu.accounts.models import User
    from jianfu.orgs.models import OrgUnit

    unit = OrgUnit.objects.create(code="450521000000D32", name="应急管理局", kind="department", level=3,
                                  parent_code="450521000000", short_code="YJ")
    user = User(username="dept_yj", role="department", org_unit=unit)
    user.set_password("jianfu-test-password")
    user.save()
    world.users["dept_yj"] = user
    return user


def _people():
    """Three seekers who want sorting work, in two towns' villages, and one already placed."""
    a = key_person_in(profile={"desired_text": "想做海产品分拣", "places": ["town", "county"]})
    b = key_person_in(VILLAGE_B, None, profile={"desired_text": "分拣、包装都可以", "places": ["county"]})
    c = key_person_in(VILLAGE_C, None, profile={"desired_text": "海产分拣工", "places": ["county"]})
    key_person_in(VILLAGE_B, None, status="employed", profile={"desired_text": "分拣"})
    return a, b, c


def test_hrss_opens_an_open_posting_and_sees_the_county_wide_people_for_it(world):
    hrss_account(world)
    a, b, c = _people()
    posting = posting_in(TOWN)          # open, 海产品分拣工 at 曲樟乡
    response = world.client("dept_hrss").get(f"/employment/postings/{posting.pk}/")
    assert response.status_code == 200
    hrss = [kp.pk for kp, _rec in response.context["seekers"]]
    county = [kp.pk for kp, _rec in world.client("county_office").get(
        f"/employment/postings/{posting.pk}/").context["seekers"]]
    assert sorted(hrss) == sorted([a.pk, b.pk, c.pk]) and hrss == county     # the county's people, the county's order
    page = response.content.decode()
    assert "适合的求职者" in page and 'id="seekers-note"' not in page
    assert "结束招聘" in page                                                    # it can end its posting from its page
    # the API's people for a posting: the same answer
    body = world.api_client("dept_hrss").get(f"/api/v1/employment/postings/{posting.pk}/seekers/").json()
    assert [int(r["seeker_id"]) for r in body] == hrss


def test_hrss_ends_its_open_posting_from_its_page(world):
    hrss_account(world)
    posting = posting_in(TOWN)
    response = world.client("dept_hrss").post(f"/employment/postings/{posting.pk}/close/")
    assert response.status_code == 302 and response["Location"] == f"/employment/postings/{posting.pk}/"
    posting.refresh_from_db()
    assert posting.status == PostingStatus.CLOSED


def test_hrss_sees_identifiers_masked_and_its_reveal_is_audited(world):
    hrss_account(world)
    a, _b, _c = _people()
    client = world.client("dept_hrss")
    page = client.get(f"/employment/people/{a.pk}/").content.decode()
    number = person_id_number(a.person)
    assert a.person.id_number_masked in page and number not in page
    before = AuditRecord.objects.filter(action="pii.reveal").count()
    revealed = client.post(f"/employment/people/{a.pk}/reveal/", {"field": "id_number"})
    assert revealed.status_code == 200 and number in revealed.content.decode()
    audit = AuditRecord.objects.filter(action="pii.reveal").order_by("-pk").first()
    assert AuditRecord.objects.filter(action="pii.reveal").count() == before + 1
    assert (audit.actor_id, audit.changes) == (world.users["dept_hrss"].pk, {"field": "id_number"})


def test_hrss_writes_no_person_and_does_not_search_the_registry(world):
    hrss_account(world)
    a, _b, _c = _people()
    client = world.client("dept_hrss")
    refused = client.get("/employment/people/add/")
    assert refused.status_code == 403 and "纳入帮扶由乡镇、村（社区）和网格员从人口信息中选人办理。" in refused.content.decode()
    assert client.get("/registry/persons/").status_code == 403
    before = KeyPerson.objects.get(pk=a.pk).status
    assert client.post(f"/employment/people/{a.pk}/status/employ/", {"note": "x"}).status_code == 403
    assert KeyPerson.objects.get(pk=a.pk).status == before


def test_hrss_sees_the_county_dashboard_and_exports_it(world):
    hrss_account(world)
    _people()
    hrss = world.client("dept_hrss").get("/employment/dashboard/")
    county = world.client("county_office").get("/employment/dashboard/")
    assert hrss.status_code == 200
    assert hrss.context["prefix"] == "450521"
    total, county_total = hrss.context["total"], county.context["total"]
    assert (total.seeking, total.placed) == (3, 1)
    assert (total.seeking, total.placed, total.exited) == (county_total.seeking, county_total.placed,
                                                           county_total.exited)
    export = world.client("dept_hrss").get("/employment/dashboard/export/")
    assert export.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    assert sheet["A1"].value == "合浦县重点群体就业帮扶情况统计表"
    api = world.api_client("dept_hrss").get("/api/v1/employment/dashboard/")
    assert api.status_code == 200


def test_another_department_sees_no_person_no_dashboard_and_no_posting(world):
    hrss_account(world)
    emergency_account(world)
    a, _b, _c = _people()
    posting = posting_in(TOWN)
    client, api = world.client("dept_yj"), world.api_client("dept_yj")
    reveals = AuditRecord.objects.filter(action="pii.reveal").count()
    assert client.get(f"/employment/postings/{posting.pk}/").status_code == 403     # manages no posting
    assert client.get("/employment/people/").status_code == 403
    assert client.get(f"/employment/people/{a.pk}/").status_code == 403
    assert client.post(f"/employment/people/{a.pk}/reveal/", {"field": "phone"}).status_code == 403
    dashboard = client.get("/employment/dashboard/")
    assert dashboard.status_code == 403 and "您的角色不能查看就业帮扶统计。" in dashboard.content.decode()
    assert client.get("/employment/dashboard/export/").status_code == 403
    assert api.get(f"/api/v1/employment/postings/{posting.pk}/seekers/").status_code == 403
    assert api.get("/api/v1/employment/dashboard/").status_code == 403
    assert api.get(f"/api/v1/employment/people/{a.pk}/").status_code == 403
    assert AuditRecord.objects.filter(action="pii.reveal").count() == reveals    # refusals change nothing


def test_the_menus_follow_the_rule(world):
    hrss_account(world)
    emergency_account(world)
    hrss = world.client("dept_hrss").get("/").content.decode()
    other = world.client("dept_yj").get("/").content.decode()
    for item in ('href="/employment/people/"', 'href="/employment/dashboard/"', 'href="/employment/postings/"'):
        assert item in hrss and item not in other


def test_a_manager_who_may_not_read_people_gets_the_page_without_them(world, monkeypatch):
    """No role is such a manager today; the page is built for it all the same (it must never 403)."""
    hrss_account(world)
    _people()
    posting = posting_in(TOWN)
    monkeypatch.setattr(access, "may_read_persons", lambda user: False)
    response = world.client("dept_hrss").get(f"/employment/postings/{posting.pk}/")
    assert response.status_code == 200 and response.context["seekers"] == []
    page = response.content.decode()
    assert "适合的求职者" in page and 'id="seekers-note"' in page
    assert "推荐人员请乡镇（街道）、村（社区）按本岗位办理。" in page
