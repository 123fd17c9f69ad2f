"""newuser21's flows in Chromium at 390 × 844: #4 a matched job's one word about eyesight, above its reasons and its
推荐给单位; #6 a POST-only address under a page the account may not see answers the Chinese 405 page (no note above
a 403), and under one it may see opens that page with the note; #7 /logout/ typed in the address bar asks first,
返回 keeps the session and 退出 ends it."""

from __future__ import annotations

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect

NOTE = "此地址只用于提交表单，已为您打开它所属的页面。"
REFUSED = "此地址只用于提交表单，不能直接打开。请返回上一页重新操作。"


def test_a_job_card_says_one_thing_about_eyesight_above_its_reasons(phone, world):
    from jianfu.employment.tests.factories import TOWN, key_person_in, person_in, posting_in

    kp = key_person_in(person=person_in(name="王强强", gender="M", disability_category="visual", disability_grade=3),
                       profile={"desired_text": "什么活都能干", "places": ["town"]})
    posting_in(TOWN, title="建筑小工", place_text="曲樟乡", description="工地搬砖、拌砂浆。", wage_min=6000,
               wage_max=6500)
    posting_in(TOWN, title="办公楼保洁员", place_text="曲樟乡", description="办公楼保洁，白班。", wage_min=3000,
               wage_max=3000)
    page = phone("village_a")
    page.goto(f"/employment/people/{kp.pk}/jobs/", timeout=60_000)
    site = page.locator(".job-match", has=page.locator("a.tap", has_text="建筑小工"))
    expect(site.locator("p.sight")).to_have_text("视力：需要良好视力（建筑施工），请核实")
    expect(site).not_to_contain_text("无需精细目视作业")
    assert site.inner_text().count("需要良好视力") == 1
    # above the reasons and the button, and set apart (the warning's own colour, not the muted reasons')
    warn, reasons, button = (site.locator(s).bounding_box() for s in
                             ("p.sight", "p:has-text('为何推荐')", "button:has-text('推荐给单位')"))
    assert warn["y"] + warn["height"] <= reasons["y"] < button["y"], (warn, reasons, button)
    colours = site.locator("p.sight").evaluate("e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color]")
    assert colours[0] not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)"), colours
    cleaning = page.locator(".job-match", has=page.locator("a.tap", has_text="办公楼保洁员"))
    expect(cleaning.locator("p.sight")).to_have_text("视力：对视力要求不高（保洁）")
    assert fits_the_phone(page)
    shot(page, "newuser21-sight")


def test_a_post_only_address_opens_its_page_only_for_whoever_may_see_it(phone, world):
    from jianfu.review.services import review_submit

    review = review_submit(actor=world.users["dept_housing"], text="XX县关于开展危房排查的通知\n一、考核结果每月排名通报。\n")
    finding = review.findings.first()
    address = f"/review/reviews/{review.pk}/findings/{finding.pk}/dismiss/"
    grid = phone("grid_a")
    response = grid.goto(address, timeout=60_000)
    assert response.status == 405 and grid.url.endswith(address)
    expect(grid.locator("main")).to_contain_text(REFUSED)
    expect(grid.locator("main")).not_to_contain_text(NOTE)
    assert fits_the_phone(grid)
    shot(grid, "newuser21-post-only-refused")
    office = phone("county_office")
    response = office.goto(address, timeout=60_000)
    assert response.status == 200 and office.url.endswith(f"/review/reviews/{review.pk}/")
    expect(office.locator("main")).to_contain_text(NOTE)


def test_logout_typed_in_the_address_bar_asks_first(phone, world):
    page = phone("county_office")
    page.goto("/monitor/", timeout=60_000)
    page.goto("/logout/", timeout=60_000)
    expect(page.locator("h1")).to_have_text("退出登录？")
    expect(page.locator("main")).not_to_contain_text("不能直接打开")
    assert fits_the_phone(page)
    shot(page, "newuser21-logout")
    # typed in the bar, the browser sends no Referer: 返回 goes to the workbench, still logged in
    page.locator("#logout-confirm a", has_text="返回").click()
    page.wait_for_url(lambda url: not url.endswith("/logout/"))
    assert page.url.endswith("/") and "/login/" not in page.url
    expect(page.locator("header .who")).to_contain_text("退出")
    # opened from a page of the site (a link), 返回 goes back to that page
    monitor = page.url + "monitor/"
    page.goto("/logout/", referer=monitor, timeout=60_000)
    page.locator("#logout-confirm a", has_text="返回").click()
    page.wait_for_url(monitor)
    page.goto("/logout/", timeout=60_000)
    page.locator("#logout-confirm button", has_text="退出").click()
    page.wait_for_url("**/login/")
    page.goto("/", timeout=60_000)
    assert "/login/" in page.url
