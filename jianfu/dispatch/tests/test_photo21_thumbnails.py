"""fix-photo21: the event page sent each stored photo (1600×1200, ~0.8–1 MB) for a 160 px thumbnail, so a look at a
6-photo event cost several MB of mobile data. Each photo now has a small JPEG thumbnail beside it (made at intake, or
on first request for older photos, written whole or not at all); the page shows it and links the full photo; the
thumbnail is refused exactly as the photo is; a corrupt stored photo costs a 404 for its thumbnail, never a 500."""

from __future__ import annotations

import io
import os
import re
import threading
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from jianfu.core import thumbnails
from jianfu.core.testing import thumbnails as shared
from jianfu.core.testing.thumbnails import body, noise_jpeg
from jianfu.dispatch import services
from jianfu.dispatch.models import EventPhoto
from jianfu.dispatch.tests.factories import event_in
from jianfu.dispatch.workflow import Status

pytestmark = pytest.mark.django_db
GRID = "450521200206001"


def report_with(world, *images: bytes):
    uploads = [SimpleUploadedFile(f"p{i}.jpg", data, content_type="image/jpeg") for i, data in enumerate(images)]
    return services.event_report(actor=world.users["grid_a"], text="路边电线杆倾斜，存在安全隐患", org_code=GRID,
                                 source="grid", photos=uploads)


def old_photo(event, content: bytes, *, width=1600, height=1200) -> EventPhoto:
    """A photo stored as before this change: no thumbnail beside it."""
    return EventPhoto.objects.create(event=event, org_code=event.org_code, content_type="image/jpeg", width=width,
                                     height=height, size=len(content), sha256="0" * 64,
                                     image=ContentFile(content, name=f"{event.pk}-old.jpg"))


def thumb_url(photo: EventPhoto) -> str:
    return f"/dispatch/events/{photo.event_id}/photos/{photo.pk}/thumb/"


def full_url(photo: EventPhoto) -> str:
    return f"/dispatch/events/{photo.event_id}/photos/{photo.pk}/"


def thumb_path(photo: EventPhoto) -> str:
    return default_storage.path(thumbnails.thumbnail_name(photo.image.name))


def leftovers(photo: EventPhoto) -> list[str]:
    return shared.leftovers(photo.image.path)


# ---------------------------------------------------------------- sizes


def test_fit_and_shown_size_are_exact():
    assert thumbnails.fit(1600, 1200) == (320, 240)
    assert thumbnails.fit(1200, 1600) == (240, 320)
    assert thumbnails.fit(2560, 1080) == (320, 135)
    assert thumbnails.fit(200, 100) == (200, 100)        # never enlarged
    assert thumbnails.fit(5000, 1) == (320, 1)           # never 0
    assert thumbnails.shown_size(1600, 1200) == (160, 120)
    assert thumbnails.shown_size(1200, 1600) == (160, 213)
    assert thumbnails.shown_size(80, 60) == (80, 60)


def test_intake_stores_a_small_thumbnail_beside_each_photo(world, catalogue):
    event = report_with(world, noise_jpeg(), noise_jpeg((1200, 1600), seed=7))
    landscape, portrait = EventPhoto.objects.filter(event=event).order_by("id")
    for photo, full, small in ((landscape, (1600, 1200), (320, 240)), (portrait, (1200, 1600), (240, 320))):
        assert (photo.width, photo.height) == full
        assert thumbnails.thumbnail_name(photo.image.name) == photo.image.name + ".thumb.jpg"   # security23 F4
        data = Path(thumb_path(photo)).read_bytes()
        thumb = Image.open(io.BytesIO(data))
        assert (thumb.format, thumb.size) == ("JPEG", small)
        assert len(data) <= 40_000, len(data)               # worst case (pure noise); the photo is > 1 MB
        assert photo.size > 25 * len(data)
        assert not thumb.info.get("exif")
        assert leftovers(photo) == []


def test_a_transparent_png_gets_a_white_backed_jpeg_thumbnail(world, catalogue):
    image = Image.new("RGBA", (640, 480), (0, 0, 0, 0))
    out = io.BytesIO()
    image.save(out, format="PNG")
    photo = EventPhoto.objects.get(event=report_with(world, out.getvalue()))
    thumb = Image.open(thumb_path(photo))
    assert (thumb.format, thumb.mode, thumb.size, thumb.getpixel((10, 10))) == ("JPEG", "RGB", (320, 240),
                                                                                (255, 255, 255))


# ---------------------------------------------------------------- the page


def test_the_event_page_shows_thumbnails_linking_the_full_photos(world, catalogue):
    event = report_with(world, noise_jpeg(), noise_jpeg((1200, 1600), seed=7))
    landscape, portrait = EventPhoto.objects.filter(event=event).order_by("id")
    html = world.client("grid_a").get(f"/dispatch/events/{event.pk}/").content.decode()
    tags = re.findall(r'<a href="([^"]+)"><img src="([^"]+)" alt="现场照片" width="(\d+)" height="(\d+)" '
                      r'loading="lazy" decoding="async"></a>', html)
    assert tags == [(full_url(landscape), thumb_url(landscape), "160", "120"),
                    (full_url(portrait), thumb_url(portrait), "160", "213")]
    assert html.count("<img ") == 2


def test_the_thumbnail_is_served_and_the_full_photo_stays_full(world, catalogue):
    event = report_with(world, noise_jpeg())
    photo = EventPhoto.objects.get(event=event)
    client = world.client("grid_a")
    small, full = client.get(thumb_url(photo)), client.get(full_url(photo))
    assert (small.status_code, small["Content-Type"], small["Cache-Control"]) == (200, "image/jpeg",
                                                                                 "private, max-age=3600")
    small_bytes, full_bytes = body(small), body(full)
    assert small_bytes == Path(thumb_path(photo)).read_bytes()
    assert Image.open(io.BytesIO(small_bytes)).size == (320, 240)
    assert (full.status_code, len(full_bytes), Image.open(io.BytesIO(full_bytes)).size) == (200, photo.size,
                                                                                           (1600, 1200))


# ---------------------------------------------------------------- older photos: made once, on first request


def test_an_older_photo_gets_its_thumbnail_on_first_request_then_reuses_it(world, monkeypatch):
    event = event_in(world, status=Status.ACCEPTED)
    photo = old_photo(event, noise_jpeg())
    shared.assert_made_once_then_reused(world.client("grid_a"), thumb_url(photo), photo.image.path, monkeypatch)


def test_concurrent_first_requests_leave_one_whole_thumbnail(world):
    event = event_in(world, status=Status.ACCEPTED)
    photo = old_photo(event, noise_jpeg())
    names, errors = [], []

    def make():
        try:
            names.append(thumbnails.thumbnail_ensure(default_storage, photo.image.name))
        except Exception as exc:  # noqa: BLE001 - collected, asserted below
            errors.append(exc)

    threads = [threading.Thread(target=make) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert (errors, names) == ([], [thumbnails.thumbnail_name(photo.image.name)] * 6)
    assert Image.open(thumb_path(photo)).size == (320, 240)
    assert leftovers(photo) == []


def test_a_write_that_fails_midway_leaves_no_thumbnail_and_no_temporary_file(world, monkeypatch):
    event = event_in(world, status=Status.ACCEPTED)
    photo = old_photo(event, noise_jpeg())

    def broken(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(thumbnails.os, "replace", broken)
    with pytest.raises(OSError):
        thumbnails.thumbnail_ensure(default_storage, photo.image.name)
    assert (os.path.exists(thumb_path(photo)), leftovers(photo)) == (False, [])


# ---------------------------------------------------------------- access: as the photo's


@pytest.mark.parametrize("username", ["village_b", "dept_housing", None])
def test_a_thumbnail_is_refused_exactly_as_the_photo_is(world, username):
    event = event_in(world, status=Status.ACCEPTED)
    photo = old_photo(event, noise_jpeg())
    expected = {"village_b": 404, "dept_housing": 404, None: 302}[username]
    shared.assert_refused_alike(world.client(username), full_url(photo), thumb_url(photo), expected, photo.image.path)


def test_a_photo_of_another_event_is_not_reachable_through_this_events_url(world):
    mine = event_in(world, status=Status.ACCEPTED)
    other = event_in(world, org="450521200201", status=Status.ACCEPTED)   # village_b's
    photo = old_photo(other, noise_jpeg())
    response = world.client("grid_a").get(f"/dispatch/events/{mine.pk}/photos/{photo.pk}/thumb/")
    assert response.status_code == 404
    assert not os.path.exists(thumb_path(photo))


# ---------------------------------------------------------------- a corrupt stored photo


@pytest.mark.parametrize("content", [b"not an image at all", noise_jpeg((64, 48))[:300]])
def test_a_corrupt_stored_photo_does_not_break_the_page(world, content):
    event = event_in(world, status=Status.ACCEPTED)
    photo = old_photo(event, content, width=64, height=48)
    client = world.client("grid_a")
    page = client.get(f"/dispatch/events/{event.pk}/")
    assert page.status_code == 200
    assert f'<img src="{thumb_url(photo)}"' in page.content.decode()
    small = client.get(thumb_url(photo))
    assert (small.status_code, "照片无法显示。" in small.content.decode()) == (404, True)
    assert (os.path.exists(thumb_path(photo)), leftovers(photo)) == (False, [])


def test_a_missing_stored_photo_is_a_404_for_its_thumbnail(world):
    event = event_in(world, status=Status.ACCEPTED)
    photo = old_photo(event, noise_jpeg((64, 48)))
    os.unlink(photo.image.path)
    assert world.client("grid_a").get(thumb_url(photo)).status_code == 404


def test_a_missing_stored_photo_is_a_404_for_the_full_photo_too(world):
    event = event_in(world, status=Status.ACCEPTED)
    photo = old_photo(event, noise_jpeg((64, 48)))
    os.unlink(photo.image.path)
    full = world.client("grid_a").get(f"/dispatch/events/{event.pk}/photos/{photo.pk}/")
    assert (full.status_code, "照片无法显示。" in full.content.decode()) == (404, True)
