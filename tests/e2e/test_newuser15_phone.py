"""newuser15's phone-width findings (Debian Chromium, 390 × 844; the header and the review page also at 1280):
photos shrunk before upload (F7), the village page review's decision first (F9), 补充本条问题 and the dismiss form
(F10), a refused 吹哨 (F11), the workbench news (F14), tap targets (F15), report labels (F18), the header (F19)."""

from __future__ import annotations

import os

import pytest
from PIL import Image

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect
catalogue = test_daily_tasks.catalogue
DESK = {"width": 1280, "height": 800}
QUMU = "450521200206"
# a camera photo as the phone stores it: landscape pixels, EXIF orientation 6 (shown portrait), 8 MP of detail
CAMERA = (3264, 2448)
FILES = "() => [...document.querySelector('#id_photos').files].map(f => [f.name, f.type, f.size])"


@pytest.fixture
def camera_photo(tmp_path):
    w, h = CAMERA
    image = Image.frombytes("RGB", (w, h), os.urandom(w * h * 3))
    exif = Image.Exif()
    exif[0x0112] = 6   # rotate 90° clockwise to display
    path = tmp_path / "IMG_20261205_0930.jpg"
    image.save(path, format="JPEG", quality=80, exif=exif)
    return path


def _report(page, photo) -> None:
    page.goto("/dispatch/report/")
    page.fill("#id_text", "曲木村村口路灯不亮已有一周，夜间村民出行不便")
    page.select_option("#id_org_code", "450521200206001")
    page.set_input_files("#id_photos", str(photo))


def test_a_camera_photo_is_shrunk_upright_on_the_phone_before_it_goes_up(phone, world, catalogue, camera_photo):
    from jianfu.dispatch.models import EventPhoto

    before = camera_photo.stat().st_size
    page = phone("grid_a")
    _report(page, camera_photo)
    expect(page.locator(".photo-shrink")).to_contain_text("照片已压缩", timeout=30_000)
    [(name, kind, after)] = page.evaluate(FILES)
    print(f"\nF7 bytes: camera {before} → sent {after} ({after / before:.1%})")
    assert (name, kind) == ("IMG_20261205_0930.jpg", "image/jpeg")
    assert after < before / 2
    page.get_by_role("button", name="提交").click()
    expect(page.locator(".alert-success")).to_contain_text("已上报")
    photo = EventPhoto.objects.get()
    # upright (the EXIF orientation applied on the phone), the long side 1600, re-encoded by the server
    assert (photo.width, photo.height) == (1200, 1600)
    # the server re-encodes what arrives (quality 85, metadata dropped): a little above what was sent, far below the camera's
    print(f"F7 bytes: stored {photo.size}")
    assert photo.size < before / 4
    shot(page, "newuser15-photo-shrunk")


def test_a_browser_that_cannot_shrink_sends_the_original_and_the_server_bounds_it(phone, world, catalogue,
                                                                                  camera_photo):
    from jianfu.dispatch.models import EventPhoto

    before = camera_photo.stat().st_size
    page = phone("grid_a")
    page.add_init_script("delete window.createImageBitmap;")
    _report(page, camera_photo)
    [(_name, _kind, sent)] = page.evaluate(FILES)
    assert sent == before
    page.get_by_role("button", name="提交").click()
    expect(page.locator(".alert-success")).to_contain_text("已上报")
    photo = EventPhoto.objects.get()
    assert (photo.width, photo.height) == (1224, 1632)   # upright, halved to within the server's 2560 px (security23 F7)
    print(f"\nF7 bytes (no shrinking in the browser): sent {sent} → stored {photo.size}")


def test_the_village_page_review_shows_the_change_and_the_decision_first(phone, world):
    from jianfu.villagepages.models import ServiceList
    from jianfu.villagepages.tests.test_pages import _post_edit

    village = world.client("village_a")
    _post_edit(village, submit=True)
    world.client("town_quzhang").post(f"/villages/lists/{ServiceList.objects.get().pk}/approve/", {})
    extra = {"rows": "9"}
    for i in range(2, 9):
        extra.update({f"item-{i}-name": f"第{i}项便民服务", f"item-{i}-place": "便民服务大厅", f"item-{i}-hours": "工作日",
                      f"item-{i}-materials": "身份证、户口簿、相关证明材料", f"item-{i}-time_limit": "3 个工作日"})
    _post_edit(village, submit=True, **extra)
    second = ServiceList.objects.get(number=2)
    page = phone("town_quzhang")
    page.goto(f"/villages/lists/{second.pk}/")
    expect(page.locator("#changes")).to_contain_text("新增事项：第2项便民服务")
    approve = page.get_by_role("button", name="审核通过并公开").bounding_box()
    back = page.get_by_role("button", name="退回修改").bounding_box()
    listing = page.locator("#full-list").bounding_box()
    assert approve["y"] < back["y"] < listing["y"]
    assert page.locator("#changes").bounding_box()["y"] < 844
    assert fits_the_phone(page)
    shot(page, "newuser15-village-review")


def test_the_review_page_adds_to_its_clause_and_dismisses_on_a_line_of_its_own(phone, world):
    from jianfu.review.services import review_submit
    from tests.e2e.test_review import DRAFT

    review = review_submit(actor=world.users["dept_housing"], text=DRAFT)
    page = phone("county_office")
    page.goto(f"/review/reviews/{review.pk}/?all=1")   # every clause unfolded (newuser23 #1 folds those without findings)
    links = page.locator(".rv-clause .rv-add-link a")
    assert links.count() == len(review.clauses)
    assert set(links.all_inner_texts()) == {"补充本条问题"}
    assert all(box["height"] >= 44 for box in (link.bounding_box() for link in links.all()))
    assert fits_the_phone(page)
    shot(page, "newuser15-review-phone")
    page.set_viewport_size(DESK)
    finding = page.locator(".rv-finding:has(form)").first
    form, box = finding.locator("form").bounding_box(), finding.bounding_box()
    # the form starts its own line at the finding's left edge, under the 建议 text (it floated inside that line)
    assert form["x"] - box["x"] < 20
    text_bottom = finding.evaluate("f => { const r = document.createRange(); r.setStartBefore(f.firstChild); "
                                   "r.setEndBefore(f.querySelector('form')); return r.getBoundingClientRect().bottom; }")
    assert form["y"] >= text_bottom - 1
    shot(page, "newuser15-review-desk")


def test_a_refused_whistle_keeps_the_ticks_and_the_list_filters(phone, world):
    from jianfu.dispatch.models import Whistle
    from jianfu.dispatch.tests.factories import FORESTRY, HOUSING, event_in

    event = event_in(world, status="accepted")
    page = phone("town_quzhang")
    page.goto(f"/dispatch/events/{event.pk}/")
    page.locator(f"#id_wdepts input[value='{HOUSING}']").check()
    page.locator(f"#id_wdepts input[value='{FORESTRY}']").check()
    page.fill("#id_wreason", "   ")   # blanks pass the browser's `required`; the server refuses
    page.get_by_role("button", name="吹哨", exact=True).click()
    expect(page.locator("#id_wreason_error")).to_contain_text("请填写吹哨事由")   # beside it, once (fix-cr31b)
    expect(page.locator(".alert-error, .alert-danger")).to_have_count(0)
    assert Whistle.objects.count() == 0
    checked = page.evaluate("[...document.querySelectorAll('#id_wdepts input:checked')].map(b => b.value)")
    assert sorted(checked) == sorted([HOUSING, FORESTRY])
    # the filter box: typing leaves the matching departments and the ticked ones
    page.fill("[data-filter-checks=id_wdepts]", "住房")
    shown = page.evaluate("[...document.querySelectorAll('#id_wdepts label')].filter(l => !l.hidden)"
                          ".map(l => l.querySelector('input').value)")
    assert sorted(shown) == sorted([HOUSING, FORESTRY])
    assert fits_the_phone(page)
    shot(page, "newuser15-whistle-kept")


def _submission(world):
    from django.utils import timezone

    from jianfu.reports import services
    from jianfu.reports.catalog import forms_load
    from jianfu.reports.engine import latest_closed_period
    from jianfu.reports.models import Template

    forms_load(actor=None)
    tpl = Template.objects.get(code="mz_dibao_tekun")
    period = latest_closed_period("monthly", timezone.localdate()).id
    return services.submission_generate(actor=world.users["village_a"], template=tpl, org_code=QUMU, period=period)


def test_thumb_sized_links_and_the_workbench_news_names_the_matter(phone, world, catalogue):
    from jianfu.dispatch import services
    from jianfu.dispatch.tests.factories import FORESTRY

    text = "曲木村两户村民为后山一块林地的界线吵起来了，双方都拿出了林权证，请林业部门确认权属"
    event = services.event_report(actor=world.users["grid_a"], text=text, org_code="450521200206001", source="grid")
    event.refresh_from_db()
    services.event_accept(actor=world.users["dept_forestry"] if event.department_code == FORESTRY else
                          world.users["dept_housing"], event=event)
    sub = _submission(world)
    sizes = {}
    grid = phone("grid_a")
    grid.goto("/")
    card = grid.locator("#updates-dispatch table.cards tbody tr").first
    expect(card.locator("td.card-title")).to_have_text(f"{event.number} {text[:29]}…")
    sizes["workbench 查看"] = card.get_by_role("link", name="查看").bounding_box()
    sizes["退出"] = grid.get_by_role("button", name="退出").bounding_box()
    shot(grid, "newuser15-workbench-news")
    village = phone("village_a")
    village.goto("/monitor/")
    row = village.locator("table tbody tr").first
    sizes["登记"] = row.get_by_role("link", name="登记", exact=True).bounding_box()
    sizes["导入"] = row.get_by_role("link", name="导入", exact=True).bounding_box()
    village.goto(f"/reports/submissions/{sub.pk}/")
    sizes["导出 Excel"] = village.get_by_role("link", name="导出 Excel").bounding_box()
    sizes["CSV"] = village.get_by_role("link", name="CSV", exact=True).bounding_box()
    small = {k: (round(b["width"]), round(b["height"])) for k, b in sizes.items() if b["width"] < 44 or b["height"] < 44}
    assert small == {}
    # F18: a report item's label gets the line; value, unit and source under it
    label = village.locator("table.report-cells tbody tr td:first-child").first.bounding_box()
    value = village.locator("table.report-cells tbody tr td.num").first.bounding_box()
    assert label["width"] > 300 and value["y"] >= label["y"] + label["height"] - 1
    assert fits_the_phone(village)
    shot(village, "newuser15-report-cells")


def test_the_header_at_a_desk_names_the_office_once(phone, world):
    user = world.users["county_office"]
    user.display_name = "县减负办"
    user.save(update_fields=["display_name"])
    page = phone("county_office")
    page.set_viewport_size(DESK)
    page.goto("/")
    expect(page.locator(".who")).to_contain_text(f"县减负办 {user.org_unit.name}")
    assert page.locator(".who").inner_text().count("县减负办") == 1
    shot(page, "newuser15-header-desk")
