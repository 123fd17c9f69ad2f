"""The public village pages in Chromium at 390 px: a village edits its 服务群众事项清单 and submits it, the
township approves, and anyone sees it on a phone without logging in and downloads the A4 poster."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
QUMU = "450521200206"


def expect(locator):
    from playwright.sync_api import expect as pw_expect

    return pw_expect(locator)


def test_village_edits_township_approves_public_reads_on_a_phone(phone, world, tmp_path):
    from jianfu.villagepages.models import ServiceList

    village = phone("village_a")
    village.goto(f"/villages/manage/{QUMU}/edit/")
    village.fill("#id_office_address", "曲木村党群服务中心一楼")
    village.fill("#id_office_hours", "工作日 8:00—12:00，14:30—17:30")
    village.fill("#id_office_phone", "0779-7201234")
    village.fill("#i0n", "城乡居民医疗保险参保登记")
    village.fill("#i0p", "便民服务大厅 1 号窗口")
    village.fill("#i0h", "工作日")
    village.fill("#i0m", "身份证、户口簿")
    village.fill("#i0t", "即时办结")
    assert fits_the_phone(village)
    village.evaluate("window.scrollTo(0, 0)")  # the sticky header at the top of the full-page shot
    shot(village, "village-list-edit")
    village.get_by_role("button", name="保存并提交乡镇审核").click()
    expect(village.locator("body")).to_contain_text("待乡镇审核")
    service_list = ServiceList.objects.get(org_code=QUMU)
    assert service_list.status == "submitted"

    township = phone("town_quzhang")
    township.goto(f"/villages/lists/{service_list.pk}/")
    expect(township.locator("body")).to_contain_text("城乡居民医疗保险参保登记")
    assert fits_the_phone(township)
    shot(township, "village-list-review")
    township.get_by_role("button", name="审核通过并公开").click()
    expect(township.locator("body")).to_contain_text("已公开")
    service_list.refresh_from_db()
    assert service_list.status == "approved"

    citizen = phone(None)  # no login
    citizen.goto(f"/villages/{QUMU}/")
    expect(citizen.locator("h1")).to_contain_text("曲木村")
    expect(citizen.locator("body")).to_contain_text("城乡居民医疗保险参保登记")
    expect(citizen.locator("body")).to_contain_text("身份证、户口簿")
    assert fits_the_phone(citizen)
    shot(citizen, "village-public-page")
    with citizen.expect_download() as download_info:
        citizen.get_by_role("link", name="打印 A4 海报（PDF）").click()
    download = download_info.value
    saved = tmp_path / "poster.pdf"
    download.save_as(saved)
    data = saved.read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 5000
    from pypdf import PdfReader

    page = PdfReader(saved).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)  # A4
    assert "城乡居民医疗保险参保登记" in page.extract_text().replace("\n", "")  # a table cell wraps it


def test_a_citizen_finds_a_village_by_part_of_its_name_and_townships_fold(phone, world, monkeypatch):
    """Session 7's fix: /villages/ lists every township folded (a county has hundreds of villages), and a search for
    part of a name (曲木) opens the one township with the matching village. Since mend33 #5 a short list is shown
    whole (tests/e2e/test_mend33_lists.py): here the county's three villages count as a long list."""
    from jianfu.villagepages import views

    monkeypatch.setattr(views, "UNFOLDED_UP_TO", 2)
    citizen = phone(None)
    citizen.goto("/villages/")
    towns = citizen.locator("details.card")
    expect(towns.locator("summary strong")).to_have_text(["廉州镇", "曲樟乡"])
    for i in range(2):
        assert towns.nth(i).evaluate("el => el.open") is False
    expect(citizen.get_by_role("link", name="曲木村委会")).to_be_hidden()
    towns.nth(1).locator("summary").click()   # a township unfolds on a tap
    expect(citizen.get_by_role("link", name="曲木村委会")).to_be_visible()
    assert fits_the_phone(citizen)

    citizen.fill("#q", "曲木")
    citizen.get_by_role("button", name="查找").click()
    expect(citizen.locator("#q")).to_have_value("曲木")
    expect(towns.locator("summary strong")).to_have_text(["曲樟乡"])
    assert towns.first.evaluate("el => el.open") is True
    expect(towns.first.locator("li a")).to_have_text(["曲木村委会"])
    assert fits_the_phone(citizen)
    shot(citizen, "village-index-search")
    citizen.get_by_role("link", name="曲木村委会").click()
    expect(citizen.locator("h1")).to_contain_text("曲木村")

    citizen.goto("/villages/")
    citizen.fill("#q", "没有这个村")
    citizen.get_by_role("button", name="查找").click()
    expect(towns).to_have_count(0)
    expect(citizen.locator("body")).to_contain_text("没有找到名称中含有该字词的村（社区）。")


def test_the_township_sees_what_a_new_version_changes_on_a_phone(phone, world):
    """The review page of a second version lists what it changes in the public one, and fits 390 px."""
    from jianfu.villagepages import services
    from jianfu.villagepages.models import ServiceList

    cadre, town = world.users["village_a"], world.users["town_quzhang"]
    # every item complete: a version is submitted only with each item's place, materials and time limit
    where = {"place": "便民服务大厅 1 号窗口", "time_limit": "即时办结"}
    items = [{"name": "城乡居民医疗保险参保登记", "materials": "身份证", **where},
             {"name": "开具居住证明", "materials": "身份证", **where}]
    for version in (items, [{**items[0], "materials": "身份证、户口簿"},
                            {"name": "临时救助申请", "materials": "申请书", **where}]):
        draft = services.list_open_or_create(actor=cadre, village_code=QUMU)
        services.list_update(actor=cadre, service_list=draft, header={"office_phone": "0779-7201234"}, items=version)
        services.list_submit(actor=cadre, service_list=draft)
        if draft.number == 1:
            services.list_approve(actor=town, service_list=ServiceList.objects.get(pk=draft.pk))
    second = ServiceList.objects.get(number=2)

    township = phone("town_quzhang")
    township.goto(f"/villages/lists/{second.pk}/")
    changes = township.locator("#changes")
    expect(changes.locator("h2")).to_have_text("与当前公开的第 1 版相比")
    expect(changes.locator("li.added")).to_have_text(["新增事项：临时救助申请"])
    expect(changes.locator("li.removed")).to_have_text(["删除事项：开具居住证明"])
    expect(changes.locator("li.changed")).to_contain_text(["修改事项：城乡居民医疗保险参保登记"])
    expect(changes.locator("li.changed li")).to_have_text(["所需材料：“身份证” 改为 “身份证、户口簿”"])
    assert fits_the_phone(township)
    shot(township, "village-list-review-changes")


def test_every_error_of_the_edit_form_shows_at_once(phone, world):
    """newuser26 #2: a 说明 of 5,000 characters and a 办公电话 "<script>" showed only the 说明 error, the phone's on the
    next save. Both at once, each beside its field; nothing stored, the typed text kept."""
    from jianfu.villagepages.models import ServiceList

    village = phone("village_a")
    village.goto(f"/villages/manage/{QUMU}/edit/")
    village.fill("#id_note", "说" * 5000)
    village.fill("#id_office_phone", "<script>")
    village.get_by_role("button", name="保存", exact=True).click()
    note_error = "说明过长（5000 字），不能超过 1000 字。"
    phone_error = "办公电话“<script>”不是可以拨通的号码：请填写 11 位手机号或带区号的固定电话，也可以不填。"
    expect(village.locator(".alert-error")).to_have_text(note_error + phone_error)
    expect(village.locator("#err-office_phone")).to_have_text(phone_error)
    expect(village.locator("#err-note")).to_have_text(note_error)
    assert village.get_attribute("#id_note", "aria-invalid") == "true"
    assert village.get_attribute("#id_office_phone", "aria-invalid") == "true"
    assert village.input_value("#id_note") == "说" * 5000 and village.input_value("#id_office_phone") == "<script>"
    assert fits_the_phone(village)
    village.evaluate("window.scrollTo(0, 0)")
    shot(village, "newuser26-village-edit-errors")
    assert not ServiceList.objects.filter(org_code=QUMU).exists()
