"""mend22a in Chromium at 390 × 844: #1/#3 event and visit photos are thumbnails in a grid, 3 a row, each tile a
thumb-sized link to the full photo (they stacked one a row; a visit's photo was a bare 照片 link to the full file);
#4 the custom attributes are cards led by their Chinese name; #5 the site's icons answer (/favicon.ico was a 404)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import PHONE, fits_the_phone, shot
from tests.e2e.test_daily_tasks import catalogue  # noqa: F401  (a fixture)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect


def camera_jpeg(seed: int, size: tuple[int, int] = (1600, 1200)) -> bytes:
    """A photo-like JPEG (smooth gradients and a few blocks), as a phone would send after the page shrank it."""
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    for i in range(6):
        x, y = (seed * 97 + i * 211) % (size[0] - 200), (seed * 53 + i * 149) % (size[1] - 200)
        image.paste(((seed * 40 + i * 30) % 256, (i * 70) % 256, (seed * 90) % 256), (x, y, x + 200, y + 200))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()


def tiles(page, url: str, shown: int) -> list[dict]:
    """The boxes of the photo tiles on page `url` (`shown` of them), each inside the screen."""
    page.goto(url, timeout=60_000)
    page.locator(".photos img").last.scroll_into_view_if_needed()
    expect(page.locator(".photos img")).to_have_count(shown)
    boxes = [a.bounding_box() for a in page.locator(".photos a").all()]
    assert boxes and all(b["x"] >= 0 and b["x"] + b["width"] <= PHONE["width"] for b in boxes), boxes
    return boxes


def images_loaded(page) -> list[tuple[str, int]]:
    """(path, bytes) of each image the page has shown, from the browser's own resource timing."""
    return page.evaluate("""() => performance.getEntriesByType('resource').filter(e => e.initiatorType === 'img')
        .map(e => [new URL(e.name).pathname, e.decodedBodySize])""")


def test_an_events_photos_are_a_grid_of_three_a_row(phone, world, catalogue):  # noqa: F811
    from jianfu.dispatch import services

    uploads = [SimpleUploadedFile(f"p{i}.jpg", camera_jpeg(i), content_type="image/jpeg") for i in range(4)]
    event = services.event_report(actor=world.users["grid_a"], text="路边电线杆倾斜，存在安全隐患",
                                  org_code="450521200206001", source="grid", photos=uploads)
    page = phone("grid_a")
    boxes = tiles(page, f"/dispatch/events/{event.pk}/", 4)
    assert [round(b["y"]) for b in boxes[:3]] == [round(boxes[0]["y"])] * 3 and boxes[3]["y"] > boxes[0]["y"]
    assert all(b["width"] >= 96 and b["height"] >= 96 and abs(b["width"] - b["height"]) < 1 for b in boxes), boxes
    assert fits_the_phone(page)
    shot(page, "mend22-event-photo-grid")
    page.wait_for_function("[...document.querySelectorAll('.photos img')].every(i => i.complete)")
    loaded = images_loaded(page)
    assert sorted(p for p, _ in loaded) == sorted(f"/dispatch/events/{event.pk}/photos/{p.pk}/thumb/"
                                                  for p in event.photos.all())
    print("event page, 4 photos: thumbnails", [n for _, n in loaded], "full photos", [p.size for p in event.photos.all()])
    with page.expect_navigation():
        page.locator(".photos a").first.click()
    assert page.url.endswith(f"/dispatch/events/{event.pk}/photos/{event.photos.order_by('id').first().pk}/")


def test_a_persons_visit_photos_are_thumbnails_that_open_the_full_photo(phone, world):
    from jianfu.employment import visits
    from jianfu.employment.tests.factories import key_person_in

    kp = key_person_in()
    done = [visits.visit_record(actor=world.users["grid_a"], key_person=kp, outcome="met",
                                photo=SimpleUploadedFile("v.jpg", camera_jpeg(10 + i), content_type="image/jpeg"))
            for i in range(3)]
    page = phone("grid_a")
    boxes = tiles(page, f"/employment/people/{kp.pk}/", 3)
    expect(page.locator(".photos img[alt='走访照片']")).to_have_count(3)
    assert all(b["width"] >= 96 and b["height"] >= 96 for b in boxes), boxes
    assert boxes[0]["width"] <= PHONE["width"] / 3     # the grid's column: a third of the phone at most
    # each tile beside its visit's text (date · outcome), not under it
    texts = [t.bounding_box() for t in page.locator(".visit-list li > div:first-child").all()]
    assert all(abs(t["y"] - b["y"]) < 12 and t["x"] + t["width"] <= b["x"] for t, b in zip(texts, boxes, strict=True))
    assert fits_the_phone(page)
    shot(page, "mend22-visit-photos")
    page.wait_for_function("[...document.querySelectorAll('.photos img')].every(i => i.complete)")
    loaded = images_loaded(page)
    assert sorted(p for p, _ in loaded) == sorted(f"/employment/visits/{v.pk}/photo/thumb/" for v in done)
    print("person page, 3 visit photos: thumbnails", [n for _, n in loaded], "full photos", [v.photo.size for v in done])
    with page.expect_navigation():
        page.locator(".photos a").first.click()
    assert page.url.endswith(f"/employment/visits/{done[-1].pk}/photo/")     # newest visit first


def test_the_custom_attributes_are_cards_led_by_their_name(phone, world):
    from jianfu.registry.models import AttributeDefinition

    AttributeDefinition.objects.create(org_code="450521", key="main_crop", label="主要作物", type="choice",
                                       choices=["水稻", "甘蔗", "荔枝", "其他"])
    page = phone("county_office")
    page.goto("/registry/attributes/", timeout=60_000)
    title = page.locator("table.cards tbody tr td.card-title").first
    expect(title).to_have_text("主要作物 main_crop")
    name_px, code_px = (page.evaluate(f"parseFloat(getComputedStyle(document.querySelector('{s}')).fontSize)")
                        for s in ("td.card-title", "td.card-title small"))
    assert code_px < name_px
    assert fits_the_phone(page)
    shot(page, "mend22-attributes")


def test_the_site_icons_answer(phone, world):
    page = phone(None)
    page.goto("/login/", timeout=60_000)
    hrefs = page.evaluate("[...document.querySelectorAll('link[rel~=icon], link[rel=apple-touch-icon]')]"
                          ".map(l => l.getAttribute('href'))")
    assert hrefs == ["/static/favicon.ico", "/static/favicon.svg", "/static/apple-touch-icon.png"]
    answers = {href: page.request.get(href) for href in [*hrefs, "/favicon.ico"]}
    assert {h: (r.status, r.headers["content-type"]) for h, r in answers.items()} == {
        "/static/favicon.ico": (200, "image/vnd.microsoft.icon"), "/static/favicon.svg": (200, "image/svg+xml"),
        "/static/apple-touch-icon.png": (200, "image/png"), "/favicon.ico": (200, "image/vnd.microsoft.icon")}
    assert answers["/favicon.ico"].body() == answers["/static/favicon.ico"].body()
