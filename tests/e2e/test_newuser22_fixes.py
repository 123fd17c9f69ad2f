"""newuser22 in Chromium at 390 × 844: #1 a report with a big photo (shrunk by the page before it goes up), 返回, then
提交: answered "已经上报过", one event with its one photo — the page had said 表单已失效 and the next 提交 filed a second
case without the photo; #2 the event page names a grid with its village; #5 提交评价 without a chosen score records
nothing (no score is preselected: it was 5, 满意)."""

from __future__ import annotations

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
catalogue = test_daily_tasks.catalogue   # the fixture: the 12-matter catalogue in force in 合浦县
expect = test_daily_tasks.expect
TEXT = "大照片测试：曲木村卫生室门前道路塌陷"
GRID = "450521200206001"


def _big_photo(tmp_path) -> str:
    """A camera-sized JPEG (noise does not compress): well over the 1.5 MB the page shrinks from."""
    import numpy as np
    from PIL import Image

    pixels = np.random.default_rng(22).integers(0, 255, size=(1800, 2400, 3), dtype=np.uint8)
    path = tmp_path / "big.jpg"
    Image.fromarray(pixels).save(path, format="JPEG", quality=95)
    assert path.stat().st_size > 2 * 2**20
    return str(path)


def test_back_after_a_big_photo_then_submit_answers_already_reported(phone, world, catalogue, tmp_path):
    from jianfu.dispatch.models import Event

    page = phone("grid_a")
    page.goto("/dispatch/report/", timeout=60_000)
    page.fill("#id_text", TEXT)
    page.select_option("#id_org_code", GRID)
    page.set_input_files("#id_photos", _big_photo(tmp_path))
    expect(page.locator(".photo-shrink")).to_contain_text("照片已压缩", timeout=30_000)
    page.get_by_role("button", name="提交").click()
    expect(page.locator(".alert-success")).to_contain_text("已上报", timeout=30_000)
    event = Event.objects.get()
    assert event.photos.count() == 1
    detail = page.url

    page.go_back()
    expect(page.locator("h1")).to_have_text("上报事件")
    assert page.input_value("#id_text") == TEXT
    page.get_by_role("button", name="提交").click()
    expect(page.locator(".messages .alert")).to_have_text(f"事件 {event.number} 已经上报过，没有重复上报。")
    assert page.url == detail
    assert list(Event.objects.values_list("pk", flat=True)) == [event.pk] and event.photos.count() == 1
    assert fits_the_phone(page)
    shot(page, "newuser22-big-photo-back")


def test_the_event_page_names_the_grid_with_its_village(phone, world):
    from jianfu.dispatch.tests.factories import event_in
    from jianfu.orgs.models import OrgUnit

    OrgUnit.objects.filter(code=GRID).update(name="第一网格")       # as the demo names its grids
    event = event_in(world, org=GRID)
    page = phone("county_office")
    page.goto(f"/dispatch/events/{event.pk}/", timeout=60_000)
    expect(page.locator("dt:has-text('发生地') + dd")).to_have_text("曲木村委会 · 第一网格")
    page.goto("/dispatch/", timeout=60_000)
    expect(page.locator("td[data-label='发生地']").first).to_have_text("曲木村委会 · 第一网格")
    assert fits_the_phone(page)


def test_submitting_a_rating_without_a_score_records_nothing(phone, world):
    from jianfu.dispatch.models import Event, Feedback
    from jianfu.dispatch.tests.factories import event_in
    from jianfu.dispatch.workflow import Status

    event = event_in(world, org=GRID, status=Status.RESOLVED)
    page = phone("grid_a")
    page.goto(f"/dispatch/events/{event.pk}/", timeout=60_000)
    assert page.input_value("#id_fscore") == ""                    # nothing preselected
    expect(page.locator("#id_fscore option:checked")).to_have_text("请选择")
    page.get_by_role("button", name="提交回访评价").first.click()
    assert page.url.endswith(f"/dispatch/events/{event.pk}/")
    assert page.eval_on_selector("#id_fscore", "e => e.validationMessage") != ""   # the browser says choose one
    assert (Feedback.objects.count(), Event.objects.get().status) == (0, Status.RESOLVED)
    # a choice is recorded as chosen
    page.select_option("#id_fscore", "2")
    page.get_by_role("button", name="提交回访评价").first.click()
    expect(page.locator(".alert-success")).to_contain_text("评价已记录")
    assert list(Feedback.objects.values_list("score", "satisfied")) == [(2, False)]
    shot(page, "newuser22-rating-chosen")
