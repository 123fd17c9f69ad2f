"""security23 F4 (HIGH): visit photos were stored as `employment/visits/<year>/<month>/visit.<ext>` and a thumbnail's
name dropped the photo's extension, so a month's first JPEG (visit.jpg) and first PNG (visit.png) shared
`visit.thumb.jpg`: village B's cadre, recording a visit with a PNG photo, was served village A's photo as their own
thumbnail. Visit photos are now stored as `<visit>-<sha256[:12]>.<ext>` and a thumbnail keeps the whole photo name
(`….png.thumb.jpg`); a thumbnail made under the old name is never served and is removed when its photo gets its own.

security23 F6 (LOW): the second of two posts of one visit form (refused by the unique form key) left its photo and
thumbnail on disk; any failure after the photo was written did the same. Nothing is written for the twin now, and
files written for a transaction that rolls back are deleted (`jianfu.core.storedfiles`).
"""

from __future__ import annotations

import io
import os
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from jianfu.core import formtokens, thumbnails
from jianfu.core.testing.thumbnails import body
from jianfu.employment import visits
from jianfu.employment.models import Visit
from jianfu.employment.tests.factories import VILLAGE_B, key_person_in

pytestmark = pytest.mark.django_db

RED, BLUE, GREEN = (255, 0, 0), (0, 0, 255), (0, 160, 0)


def image(fmt: str, colour: tuple[int, int, int], *, transparent: bool = False) -> bytes:
    """A one-colour 400×300 picture; `transparent`: a PNG with one see-through corner (so it is kept as a PNG)."""
    picture = Image.new("RGBA" if fmt == "PNG" else "RGB", (400, 300), colour)
    if transparent:
        picture.putpixel((0, 0), (0, 0, 0, 0))
    out = io.BytesIO()
    picture.save(out, format=fmt)
    return out.getvalue()


def upload(fmt: str, colour: tuple[int, int, int], **kwargs) -> SimpleUploadedFile:
    kind = fmt.lower()
    return SimpleUploadedFile(f"p.{kind}", image(fmt, colour, **kwargs), content_type=f"image/{kind}")


def pixel(data: bytes) -> tuple[int, int, int]:
    """The colour at the middle of a served thumbnail, each channel rounded to a multiple of 40 (JPEG's error)."""
    picture = Image.open(io.BytesIO(data)).convert("RGB")
    colour = picture.getpixel((picture.width // 2, picture.height // 2))
    return tuple(min(255, round(c / 40) * 40) for c in colour)


def thumb_of(client, visit: Visit) -> tuple[int, bytes]:
    response = client.get(f"/employment/visits/{visit.pk}/photo/thumb/")
    return response.status_code, body(response) if response.status_code == 200 else b""


def folder_of(visit: Visit) -> list[str]:
    return sorted(os.listdir(os.path.dirname(visit.photo.path)))


def test_a_png_and_a_jpeg_visit_of_one_month_from_two_villages_each_get_their_own_thumbnail(world):
    # village B's cadre records a visit with a (transparent, so kept as PNG) blue photo, then village A's grid worker
    # one with a red JPEG, in the same month: under the old names these were visit.png and visit.jpg, one thumbnail
    theirs = visits.visit_record(
        actor=world.users["village_b"],
        key_person=key_person_in(VILLAGE_B, None),
        outcome="met",
        photo=upload("PNG", BLUE, transparent=True),
    )
    ours = visits.visit_record(
        actor=world.users["grid_a"], key_person=key_person_in(), outcome="met", photo=upload("JPEG", RED)
    )
    assert (theirs.photo.name.rsplit(".", 1)[1], ours.photo.name.rsplit(".", 1)[1]) == ("png", "jpg")
    for visit in (theirs, ours):
        assert re.fullmatch(
            rf"employment/visits/\d{{4}}/\d{{2}}/{visit.pk}-[0-9a-f]{{12}}\.(png|jpg)", visit.photo.name
        )
    assert os.path.dirname(theirs.photo.name) == os.path.dirname(ours.photo.name)
    assert folder_of(ours) == sorted(
        [
            os.path.basename(n)
            for v in (theirs, ours)
            for n in (v.photo.name, thumbnails.thumbnail_name(v.photo.name))
        ]
    )
    village_b, grid_a = world.client("village_b"), world.client("grid_a")
    assert thumb_of(village_b, ours)[0] == 404  # the scope check, as before
    status, data = thumb_of(village_b, theirs)
    assert (status, pixel(data)) == (200, (0, 0, 240))  # blue: village B's own photo, not village A's red one
    status, data = thumb_of(grid_a, ours)
    assert (status, pixel(data)) == (200, (240, 0, 0))


def old_visit(content: bytes, name: str, folder: str = "employment/visits/2025/11/") -> Visit:
    """A visit photo stored under the name visits had before security23 (`visit.<ext>`), no thumbnail of its own."""
    kp = key_person_in()
    visit = Visit.objects.create(
        key_person=kp,
        org_code=kp.org_code,
        grid_code=kp.grid_code,
        visited_on=kp.identified_on,
        outcome="met",
    )
    visit.photo.name = visit.photo.storage.save(folder + name, ContentFile(content))
    visit.save(update_fields=["photo"])
    assert visit.photo.name == folder + name
    return visit


def test_an_old_named_pair_in_one_folder_never_shares_the_old_thumbnail(world):
    # stored before security23: the month's visit.jpg (red) and visit.png (blue), and the old visit.thumb.jpg that the
    # PNG's first thumbnail request made — which the JPEG's request used to serve as its own
    jpeg, png = old_visit(image("JPEG", RED), "visit.jpg"), old_visit(image("PNG", BLUE), "visit.png")
    folder = os.path.dirname(jpeg.photo.path)
    old = os.path.join(folder, "visit.thumb.jpg")
    with open(old, "wb") as out:
        out.write(thumbnails.thumbnail_of(image("PNG", BLUE)))
    client = world.client("grid_a")
    status, data = thumb_of(client, jpeg)
    assert (status, pixel(data)) == (200, (240, 0, 0))  # made from its own photo, not the blue old thumbnail
    # the old one removed
    assert sorted(os.listdir(folder)) == ["visit.jpg", "visit.jpg.thumb.jpg", "visit.png"]
    status, data = thumb_of(client, png)
    assert (status, pixel(data)) == (200, (0, 0, 240))
    assert sorted(os.listdir(folder)) == [
        "visit.jpg",
        "visit.jpg.thumb.jpg",
        "visit.png",
        "visit.png.thumb.jpg",
    ]
    # from now on the stored one is served
    with open(os.path.join(folder, "visit.jpg.thumb.jpg"), "rb") as stored:
        assert thumb_of(client, jpeg) == (200, stored.read())


def test_a_twin_post_of_one_visit_form_leaves_only_the_referenced_files(world):
    """Two posts of one visit form at once (a double tap): the second reaches `create_once` after the first stored
    the form key; its row is refused by the unique key and it answers with the first visit. Before, its own photo and
    thumbnail stayed on disk beside the first's (security23's repro: visit_T9RMJNT.jpg, visit_T9RMJNT.thumb.jpg)."""
    kp = key_person_in()
    key = "k" * 64

    def post() -> Visit:
        return visits.visit_record(
            actor=world.users["grid_a"],
            key_person=kp,
            outcome="met",
            form_key=key,
            photo=upload("JPEG", GREEN),
        )

    first = post()
    twin, created = formtokens.create_once(Visit.objects, key, post)
    assert (created, twin.pk, Visit.objects.count()) == (False, first.pk, 1)
    assert folder_of(first) == sorted(
        [os.path.basename(first.photo.name), os.path.basename(thumbnails.thumbnail_name(first.photo.name))]
    )


def test_a_failure_after_the_photo_was_written_deletes_it(world, monkeypatch):
    """Anything failing in the visit's transaction after its photo and thumbnail were written (here the audit row):
    nothing recorded, and no file left (the month's folder is empty)."""
    kp = key_person_in()

    def broken(**kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(visits, "audit_record", broken)
    with pytest.raises(RuntimeError, match="audit down"):
        visits.visit_record(
            actor=world.users["grid_a"], key_person=kp, outcome="met", photo=upload("JPEG", GREEN)
        )
    assert Visit.objects.count() == 0
    storage = Visit._meta.get_field("photo").storage
    written = [
        os.path.join(root, name)
        for root, _dirs, names in os.walk(storage.location)
        for name in names
        if "employment" in root
    ]
    assert written == []
