"""mend22a #1: a visit's photo was only a link to the full photo (1600×1200, several hundred KB on mobile data) on the
person's page. Like the event photos since fix-photo21 (the code is shared: jianfu.core.thumbnails), each visit photo
now gets a 320 px JPEG thumbnail beside it at intake (or on first request for older photos, made once); the page
shows it inline in the photo grid and links the full photo; the thumbnail is refused exactly as the photo is; a
missing or corrupt stored photo is a 404, never a 500."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from jianfu.core import thumbnails
from jianfu.core.testing import thumbnails as shared
from jianfu.core.testing.thumbnails import body, noise_jpeg
from jianfu.employment import visits
from jianfu.employment.models import Visit
from jianfu.employment.tests.factories import key_person_in

pytestmark = pytest.mark.django_db


def visit_with(world, data: bytes, kp=None) -> Visit:
    return visits.visit_record(actor=world.users["grid_a"], key_person=kp or key_person_in(), outcome="met",
                               photo=SimpleUploadedFile("v.jpg", data, content_type="image/jpeg"))


def old_visit(content: bytes, name: str = "old.jpg") -> Visit:
    """A visit photo stored as before this change: no thumbnail beside it."""
    kp = key_person_in()
    visit = Visit.objects.create(key_person=kp, org_code=kp.org_code, grid_code=kp.grid_code,
                                 visited_on=kp.identified_on, outcome="met")
    visit.photo.save(name, ContentFile(content), save=True)
    return visit


def urls(visit: Visit) -> tuple[str, str]:
    """(the full photo's address, its thumbnail's)."""
    return f"/employment/visits/{visit.pk}/photo/", f"/employment/visits/{visit.pk}/photo/thumb/"


def test_a_recorded_visit_stores_a_small_thumbnail_beside_its_photo(world):
    visit = visit_with(world, noise_jpeg())
    # named after the visit and its content (security23 F4: `visit.jpg` and `visit.png` shared a thumbnail)
    assert re.fullmatch(rf"employment/visits/\d{{4}}/\d{{2}}/{visit.pk}-[0-9a-f]{{12}}\.jpg", visit.photo.name)
    assert thumbnails.thumbnail_name(visit.photo.name) == visit.photo.name + ".thumb.jpg"
    data = Path(thumbnails.thumbnail_name(visit.photo.path)).read_bytes()
    thumb = Image.open(io.BytesIO(data))
    assert (thumb.format, thumb.size) == ("JPEG", (320, 240))
    assert len(data) < 60_000 < visit.photo.size   # ~43 KB of pure noise against the ~0.9 MB photo
    assert not thumb.info.get("exif")


def test_the_persons_page_shows_the_thumbnail_linking_the_full_photo(world):
    kp = key_person_in()
    first, second = visit_with(world, noise_jpeg(), kp), visit_with(world, noise_jpeg((1200, 1600), seed=7), kp)
    html = world.client("grid_a").get(f"/employment/people/{kp.pk}/").content.decode()
    tiles = re.findall(r'<div class="photos"><a href="([^"]+)"><img src="([^"]+)" alt="走访照片" width="160" '
                       r'height="160" loading="lazy" decoding="async"></a></div>', html)
    assert tiles == [urls(second), urls(first)]   # newest first
    assert html.count("<img ") == 2
    assert f'href="{urls(first)[0]}">照片</a>' not in html     # the bare link of before


def test_the_thumbnail_is_served_and_the_full_photo_stays_full(world):
    visit = visit_with(world, noise_jpeg())
    client = world.client("grid_a")
    small, full = client.get(urls(visit)[1]), client.get(urls(visit)[0])
    assert (small.status_code, small["Content-Type"], small["Cache-Control"]) == (200, "image/jpeg",
                                                                                 "private, max-age=3600")
    small_bytes, full_bytes = body(small), body(full)
    assert small_bytes == Path(thumbnails.thumbnail_name(visit.photo.path)).read_bytes()
    assert Image.open(io.BytesIO(small_bytes)).size == (320, 240)
    assert (full.status_code, full["Content-Type"], len(full_bytes), Image.open(io.BytesIO(full_bytes)).size) == (
        200, "image/jpeg", visit.photo.size, (1600, 1200))


def test_an_older_photo_gets_its_thumbnail_on_first_request_then_reuses_it(world, monkeypatch):
    visit = old_visit(noise_jpeg())
    shared.assert_made_once_then_reused(world.client("grid_a"), urls(visit)[1], visit.photo.path, monkeypatch)


@pytest.mark.parametrize("username", ["village_b", "dept_housing", None])
def test_a_thumbnail_is_refused_exactly_as_the_photo_is(world, username):
    visit = old_visit(noise_jpeg())
    expected = {"village_b": 404, "dept_housing": 403, None: 302}[username]   # 403: no department reads people
    shared.assert_refused_alike(world.client(username), *urls(visit), expected, visit.photo.path)


def test_a_visit_without_a_photo_has_no_thumbnail(world):
    kp = key_person_in()
    visit = visits.visit_record(actor=world.users["grid_a"], key_person=kp, outcome="phone")
    client = world.client("grid_a")
    assert (client.get(urls(visit)[0]).status_code, client.get(urls(visit)[1]).status_code) == (404, 404)
    assert '<div class="photos">' not in client.get(f"/employment/people/{kp.pk}/").content.decode()


def test_a_missing_or_corrupt_stored_photo_is_a_404_not_a_500(world):
    gone = old_visit(noise_jpeg())
    os.remove(gone.photo.path)
    corrupt = old_visit(b"\xff\xd8 not a jpeg at all", "corrupt.jpg")
    client = world.client("grid_a")
    assert [client.get(url).status_code for url in (urls(gone)[0], urls(gone)[1], urls(corrupt)[1])] == [
        404, 404, 404]
    assert body(client.get(urls(corrupt)[0])) == b"\xff\xd8 not a jpeg at all"   # the photo as stored
    assert not os.path.exists(thumbnails.thumbnail_name(corrupt.photo.path))
