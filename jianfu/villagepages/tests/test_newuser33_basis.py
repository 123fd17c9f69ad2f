"""newuser33 #2: the township reviewing a village's list is told a certificate item must name the law it rests on
("写明所依据的法律法规"), and the demo's 璋嘉村 list came back for exactly that — but an item had no field for it (服务事项,
地点, 时间, 材料, 时限 only), so the cadre could not do what was asked. An item now has 依据: the village writes it, the
township sees it beside the certificate warning (or 未写明依据), the public page and the A4 poster show it, and a
changed 依据 is listed among the changes."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from pypdf import PdfReader

from jianfu.villagepages.models import ServiceItem, ServiceList, Status
from jianfu.villagepages.tests.factories import QUMU, list_in

pytestmark = pytest.mark.django_db
CERTIFICATE = "开具居住、亲属关系等证明"
BASIS = "《中华人民共和国户口登记条例》第十六条"


def _post(world, basis: str, *, submit: bool) -> ServiceList:
    data = {"office_address": "曲木村党群服务中心", "office_hours": "工作日", "office_phone": "0779-7201234", "note": "",
            "rows": "1", "item-0-name": CERTIFICATE, "item-0-place": "村两委办公室", "item-0-materials": "身份证",
            "item-0-time_limit": "3 个工作日", "item-0-basis": basis, **({"submit": "1"} if submit else {})}
    answer = world.client("village_a").post(f"/villages/manage/{QUMU}/edit/", data)
    assert answer.status_code == 302, answer.content.decode()[:400]
    return ServiceList.objects.filter(org_code=QUMU).order_by("-number").first()


def test_the_village_writes_the_basis_and_the_township_sees_it(world):
    list_in(QUMU)   # a public first version without the certificate
    form = world.client("village_a").get(f"/villages/manage/{QUMU}/edit/").content.decode()
    assert 'name="item-0-basis"' in form and "依据（开具证明的，写明所依据的法律法规）" in form
    submitted = _post(world, BASIS, submit=True)
    assert list(submitted.items.values_list("name", "basis")) == [(CERTIFICATE, BASIS)]
    page = world.client("town_quzhang").get(f"/villages/lists/{submitted.pk}/").content.decode()
    section = page[page.index('id="certificates"'):]
    section = section[:section.index("</section>")]
    assert f'<li class="certificate-item">{CERTIFICATE}<br><small>依据：{BASIS}</small></li>' in section


def test_the_public_page_and_the_poster_show_the_basis(world):
    list_in(QUMU, items=[{"name": CERTIFICATE, "place": "村两委办公室", "hours": "工作日", "materials": "身份证",
                          "time_limit": "3 个工作日", "basis": BASIS}])
    assert f"依据：{BASIS}" in Client().get(f"/villages/{QUMU}/").content.decode()
    poster = Client().get(f"/villages/{QUMU}/poster.pdf")
    assert (poster.status_code, poster["Content-Type"]) == (200, "application/pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(poster.content)).pages)
    assert "依据：" in text and "户口登记条例" in text.replace("\n", "")


def test_a_changed_basis_is_listed_for_the_township(world):
    list_in(QUMU, items=[{"name": CERTIFICATE, "place": "村两委办公室", "hours": "工作日", "materials": "身份证",
                          "time_limit": "3 个工作日", "basis": ""}])
    submitted = _post(world, BASIS, submit=True)
    page = world.client("town_quzhang").get(f"/villages/lists/{submitted.pk}/").content.decode()
    assert f"依据：“—” 改为 “{BASIS}”" in page
    assert ServiceItem.objects.filter(service_list=submitted, basis=BASIS).count() == 1


def test_an_api_item_without_basis_keeps_the_same_named_item_s_basis(world):
    """fixcr33c: a client written before session 33 PUTs items without `basis`; a full replacement saved every 依据
    empty. An absent key keeps the same-named item's current 依据; "" or null still empties it; a new name has none."""
    draft = list_in(QUMU, status=Status.DRAFT, items=[
        {"name": CERTIFICATE, "place": "村两委办公室", "materials": "身份证", "time_limit": "3 个工作日", "basis": BASIS},
        {"name": "低保申请", "place": "民政窗口", "materials": "户口簿", "time_limit": "即时", "basis": "《社会救助暂行办法》"}])
    api = world.api_client("village_a")
    answer = api.put(f"/api/v1/villages/drafts/{draft.pk}/", {"items": [
        {"name": CERTIFICATE, "place": "1 号窗口", "materials": "身份证", "time_limit": "3 个工作日"},
        {"name": "低保申请", "place": "民政窗口", "materials": "户口簿", "time_limit": "即时", "basis": None},
        {"name": "残疾证办理", "place": "民政窗口", "materials": "身份证", "time_limit": "即时"}]}, format="json")
    assert answer.status_code == 200, answer.content.decode()[:400]
    assert list(ServiceItem.objects.filter(service_list=draft).order_by("position").values_list(
        "name", "place", "basis")) == [(CERTIFICATE, "1 号窗口", BASIS), ("低保申请", "民政窗口", ""),
                                       ("残疾证办理", "民政窗口", "")]
