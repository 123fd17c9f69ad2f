"""newuser23 #1 in Chromium at 390 × 844: the grid worker's report sent with a description of spaces and 2 photos came
back saying 请填写事件描述 with both photos gone and nothing said. Now the page says 已保留 2 张照片 with their previews;
the description filled in and 提交, the event has the 2 photos."""

from __future__ import annotations

import pytest
from PIL import Image

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
catalogue = test_daily_tasks.catalogue  # the fixture: the 12-matter catalogue in force in 合浦县
expect = test_daily_tasks.expect
TEXT = "曲木村卫生室门前路灯不亮，晚上看不见路"
GRID = "450521200206001"


def _photo(tmp_path, name: str, shade: int) -> str:
    path = tmp_path / name
    Image.new("RGB", (640, 480), (shade, 90, 160)).save(path, format="JPEG", quality=90)
    return str(path)


def test_a_blank_description_keeps_two_photos_for_the_corrected_post(phone, world, catalogue, tmp_path):
    from jianfu.dispatch.models import Event, HeldPhoto

    page = phone("grid_a")
    page.goto("/dispatch/report/", timeout=60_000)
    page.fill("#id_text", "   ")  # spaces pass the browser's `required`; the server refuses them
    page.select_option("#id_org_code", GRID)
    page.set_input_files(
        "#id_photos", [_photo(tmp_path, "IMG_1.jpg", 40), _photo(tmp_path, "IMG_2.jpg", 200)]
    )
    page.get_by_role("button", name="提交").click()
    expect(page.locator(".alert-error")).to_contain_text("请填写事件描述")
    held = page.locator("#held-photos")
    expect(held).to_contain_text("已保留 2 张照片")
    expect(held.locator("img")).to_have_count(2)
    for image in held.locator("img").all():  # the previews load (this session's own)
        assert image.evaluate("i => i.complete && i.naturalWidth") > 0
    assert page.input_value("#id_photos") == ""  # the file box is empty; the photos are held, not lost
    assert fits_the_phone(page)
    shot(page, "newuser23-held-photos")
    assert Event.objects.count() == 0 and HeldPhoto.objects.count() == 2

    page.fill("#id_text", TEXT)
    page.get_by_role("button", name="提交").click()
    expect(page.locator(".alert-success")).to_contain_text("已上报", timeout=30_000)
    event = Event.objects.get()
    assert event.text == TEXT and event.photos.count() == 2
    assert HeldPhoto.objects.count() == 0
