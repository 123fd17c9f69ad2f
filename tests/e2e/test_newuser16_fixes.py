"""newuser16 findings checked in a real browser: 纳入帮扶 with 登记失业人员 pre-ticked is no longer blocked by a
silent browser bubble (#6), and tap targets on a 390 px phone (#11)."""

from __future__ import annotations

import pytest

from jianfu.employment.tests.factories import TOWN, person_in, posting_in
from tests.e2e import test_daily_tasks

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect
catalogue = test_daily_tasks.catalogue   # the fixture: the 12-matter catalogue in force in 合浦县


def test_take_in_with_the_registry_ticked_box_says_why_it_is_refused(phone, world):
    from jianfu.employment.models import KeyPerson

    person = person_in(name="李桂兰")                 # unemployed in the registry: 登记失业人员 comes ticked
    page = phone("village_a")
    page.goto(f"/employment/people/add/?person={person.pk}", timeout=60_000)
    expect(page.locator("form:has(#id_unemployment_registered_on)")).to_contain_text("登记库中此人的就业状态为“失业”，所以预选了“登记失业人员”")
    page.locator('input[name="groups"][value="is_rural_labour"]').check()
    page.get_by_role("button", name="纳入帮扶").click()
    # the server answers (no browser bubble stops the tap): the reason at the top and next to the field
    expect(page.locator("#form-errors")).to_have_text("未能纳入，请按提示修改：失业认定日期")
    row = page.locator(".form-row", has=page.locator("#id_unemployment_registered_on"))
    expect(row.locator(".errorlist")).to_have_text("登记失业人员请填写失业认定日期；未办理失业登记的，请取消勾选“登记失业人员”。")
    assert KeyPerson.objects.filter(person=person).count() == 0
    # unticking 登记失业人员 takes the person in without a date
    page.locator('input[name="groups"][value="is_registered_unemployed"]').uncheck()
    page.get_by_role("button", name="纳入帮扶").click()
    expect(page.locator(".alert-success")).to_contain_text("已纳入就业帮扶")
    kp = KeyPerson.objects.get(person=person)
    assert (kp.is_rural_labour, kp.is_registered_unemployed) == (True, False)


def _box(page, locator) -> tuple[float, float]:
    box = locator.bounding_box()
    return round(box["width"], 1), round(box["height"], 1)


def test_tap_targets_on_a_phone_and_unchanged_on_a_desk(phone, world, catalogue):
    from jianfu.dispatch import services

    event = services.event_report(actor=None, text="村口路灯坏了一个多月，晚上看不见路", org_code="450521200206",
                                  source="citizen", reporter_contact="13812345678")
    page = phone("county_office")
    page.goto(f"/dispatch/events/{event.pk}/", timeout=60_000)
    width, height = _box(page, page.locator(".nav-toggle"))
    assert width >= 44 and height >= 44
    reveal = page.get_by_role("button", name="查看完整号码")
    assert _box(page, reveal)[1] >= 40
    page.goto("/dispatch/dashboard/")
    export = page.get_by_role("link", name="导出 Excel")
    assert _box(page, export)[1] >= 40
    page.goto("/employment/people/add/")
    crumb = page.locator(".breadcrumb a").first
    assert _box(page, crumb)[1] >= 40
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    # a phone number link (an open posting's contact, as a citizen sees it)
    posting = posting_in(TOWN)
    posting.contact_name, posting.contact_phone = "黄女士", "0779-7201234"
    posting.save(update_fields=["contact_name", "contact_phone"])
    citizen = phone(None)
    citizen.goto(f"/employment/jobs/{posting.pk}/")
    tel = citizen.get_by_role("link", name="0779-7201234")
    assert tel.get_attribute("href") == "tel:0779-7201234"
    assert _box(citizen, tel)[1] >= 40
    # the burden index: the villages folded under their townships on a phone
    page.goto("/monitor/index/?year=2025")
    sections = page.locator("details.town-villages")
    assert sections.count() >= 1
    assert all(not d for d in sections.evaluate_all("els => els.map(e => e.open)"))
    expect(sections.first.locator("table")).to_be_hidden()

    desk = phone("county_office")
    desk.set_viewport_size({"width": 1280, "height": 800})
    desk.goto("/monitor/index/?year=2025", timeout=60_000)
    assert all(desk.locator("details.town-villages").evaluate_all("els => els.map(e => e.open)"))
    desk.goto("/employment/people/add/")
    assert _box(desk, desk.locator(".breadcrumb a").first)[1] < 30      # desktop as it was: the text's own height
    desk.goto("/dispatch/dashboard/")
    assert _box(desk, desk.get_by_role("link", name="导出 Excel"))[1] < 30


def test_the_links_verify16_still_found_small_are_tall_enough_on_a_phone(phone, world):
    """verify16 (a re-walk after the fixes): /monitor/'s link bar, a ledger's 导出 Excel, a notice list's 相关台账 and the
    public report's 按受理编号查询 were still 16–17 px tall at 390 px."""
    page = phone("county_office")
    page.goto("/monitor/", timeout=60_000)
    assert _box(page, page.get_by_role("link", name="规则", exact=True))[1] >= 40
    page.goto("/monitor/ledgers/meeting/")
    assert _box(page, page.get_by_role("link", name="导出 Excel"))[1] >= 40
    assert _box(page, page.get_by_role("link", name="从 Excel 导入"))[1] >= 40
    page.goto("/dispatch/public/report/")
    assert _box(page, page.get_by_role("link", name="已反映过？按受理编号查询"))[1] >= 40
