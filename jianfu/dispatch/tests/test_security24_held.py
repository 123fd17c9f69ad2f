"""security24 M1, L1, L4: the held photos' remaining findings (fix-sec24b).

M1. A held photo that does not decode (a PNG of valid checksums cut one row short passes the header check) is dropped
    from its holding, row and file, the first time its preview or a post decodes it, and the person told which one;
    a thumbnail that failed is marked and never decoded again. It was decoded, and failed, on every request.
L1. A staff account's holdings are capped per account, over all its sessions, and count against no address; the
    citizens' are capped per session and per address, counting no staff account's.
L4. A held file has a name of its own: the day's first was `held.<ext>`, reused once deleted, so a preview left
    behind would be shown for the next photo of that name.
"""

from __future__ import annotations

import io
import os
import re
import struct
import types
import zlib

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from PIL import Image, ImageFile

from jianfu.core import thumbnails
from jianfu.core.formtokens import token_new
from jianfu.core.testing.race import Race
from jianfu.core.thumbnails import ThumbnailError, failed_name, thumbnail_ensure, thumbnail_name
from jianfu.dispatch import heldphotos
from jianfu.dispatch.models import Event, EventPhoto, HeldPhoto
from jianfu.dispatch.tests.heldforms import grid_post as _grid_post
from jianfu.dispatch.tests.heldforms import held_token as _held_token
from jianfu.dispatch.tests.heldforms import jpeg as _jpeg
from jianfu.dispatch.tests.heldforms import public_post as _public_post

pytestmark = pytest.mark.django_db
NOT_IMAGE_2 = "第 2 张照片不是有效的图片文件（支持 JPEG、PNG、WebP）。"
DROPPED = "照片“broken.png”无法读取（文件已损坏或不是图片），已从保留的照片中移除，请重新选择。"
FULL = "第 1 张照片没有保留：暂存的照片已达上限，请提交后再添加。"


def _cut_png(width: int = 1024, height: int = 768) -> bytes:
    """security24's mkpng.py, smaller: every chunk's checksum valid, the pixel data one row short (it passes
    `photos.image_format`'s header check and `verify`, and fails every decode)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    row = b"\x00" + b"\x00" * (width * 3)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(height - 1)) + packer.flush(zlib.Z_SYNC_FLUSH)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def _broken() -> SimpleUploadedFile:
    return SimpleUploadedFile("broken.png", _cut_png(), "image/png")


def _stored() -> list[str]:
    """Every file under the held photos' folder, as storage names."""
    location = default_storage.path("")
    root = os.path.join(location, heldphotos.FOLDER)
    return sorted(
        os.path.relpath(os.path.join(folder, name), location).replace(os.sep, "/")
        for folder, _dirs, files in os.walk(root)
        for name in files
    )


@pytest.fixture
def decodes(monkeypatch) -> list[str]:
    """Every image Pillow decodes (`ImageFile.load` of an image whose pixel data is still to read), by its size."""
    seen: list[str] = []
    real = ImageFile.ImageFile.load

    def spy(self):
        if self.tile:  # once read, `load` answers the pixels it has
            seen.append(f"{self.width}x{self.height}")
        return real(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", spy)
    return seen


# ---------------------------------------------------------------- M1: an undecodable held photo


def test_the_cut_png_passes_the_header_check_and_fails_its_decode() -> None:
    from jianfu.dispatch.photos import check_photo

    assert check_photo(io.BytesIO(_cut_png()), 1)[1] == "PNG"
    with pytest.raises(OSError):
        Image.open(io.BytesIO(_cut_png())).load()


def test_its_first_preview_drops_it_the_next_is_a_404_with_no_decode_and_the_corrected_post_files(
    world, catalogue, public_hour, decodes
) -> None:
    cache.clear()
    client = world.client(None)
    refused = _public_post(
        client, contact="12345", photos=[_jpeg("a.jpg"), _broken(), _jpeg("c.jpg", shade=30)]
    )
    assert refused.status_code == 400 and "已保留 3 张照片" in refused.content.decode()
    token = _held_token(refused.content.decode())
    assert decodes == []  # nothing decoded for a refused post
    bad = HeldPhoto.objects.get(name="broken.png")
    assert len(_stored()) == 3

    first = client.get(f"/dispatch/held/{bad.pk}/thumb/")
    assert (first.status_code, decodes) == (404, ["1024x768"])  # decoded once, failed: dropped, row and file
    assert sorted(HeldPhoto.objects.values_list("name", flat=True)) == ["a.jpg", "c.jpg"]
    assert not default_storage.exists(bad.image.name) and not default_storage.exists(
        failed_name(bad.image.name)
    )
    assert len(_stored()) == 2

    again = client.get(f"/dispatch/held/{bad.pk}/thumb/")
    assert (again.status_code, decodes) == (404, ["1024x768"])  # nothing read, nothing decoded

    # the next page of the form says which photo went and why, once
    page = _public_post(client, contact="12345", held=token).content.decode()
    assert page.count(DROPPED) == 1 and "已保留 2 张照片" in page
    assert DROPPED not in _public_post(client, contact="12345", held=token).content.decode()

    decodes.clear()
    filed = _public_post(client, contact="13800138000", held=token)
    assert filed.status_code == 302
    assert sorted(p.width for p in Event.objects.get().photos.all()) == [64, 64]
    assert decodes == ["64x48", "64x48"]  # the two good photos, the cut one never again
    assert (HeldPhoto.objects.count(), _stored()) == (0, [])


def test_a_post_that_finds_a_held_photo_undecodable_drops_it_and_says_so(world, catalogue, decodes) -> None:
    client = world.client("grid_a")
    refused = _grid_post(client, text="  ", photos=[_jpeg("a.jpg"), _broken()])
    token = _held_token(refused.content.decode())
    assert HeldPhoto.objects.count() == 2 and decodes == []

    # the corrected post decodes the held photos: the second fails, the post is refused and the photo let go
    again = _grid_post(client, held=token)
    page = again.content.decode()
    assert again.status_code == 400
    assert page.count(NOT_IMAGE_2) == 1 and page.count(DROPPED) == 1 and "已保留 1 张照片" in page
    assert decodes == ["64x48", "1024x768"]
    assert list(HeldPhoto.objects.values_list("name", flat=True)) == ["a.jpg"] and len(_stored()) == 1
    assert (Event.objects.count(), EventPhoto.objects.count()) == (0, 0)

    decodes.clear()
    assert _grid_post(client, held=token).status_code == 302
    assert Event.objects.get().photos.count() == 1 and decodes == ["64x48"]
    assert (HeldPhoto.objects.count(), _stored()) == (0, [])


def test_the_visit_form_drops_an_undecodable_held_photo_by_its_preview_or_its_post(world) -> None:
    from jianfu.employment.models import Visit
    from jianfu.employment.tests.factories import key_person_in

    kp = key_person_in()
    client = world.client("grid_a")
    url = f"/employment/people/{kp.pk}/visit/"

    def post(**data):
        return client.post(url, {"form_token": token_new(), **data}, follow=True)

    # by its preview: the recorded visit's next page names the photo it could not attach
    token = _held_token(post(photo=_broken()).content.decode())  # no outcome chosen: refused, the photo held
    row = HeldPhoto.objects.get()
    assert client.get(f"/dispatch/held/{row.pk}/thumb/").status_code == 404
    assert (HeldPhoto.objects.count(), _stored()) == (0, [])
    recorded = post(outcome="met", held=token)
    assert recorded.redirect_chain and recorded.content.decode().count(DROPPED) == 1
    assert not Visit.objects.get().photo
    Visit.objects.all().delete()

    # by the post that attaches it: refused once, the photo let go and named; the next post records the visit
    token = _held_token(post(photo=_broken()).content.decode())
    refused = post(outcome="met", held=token)
    page = refused.content.decode()
    assert refused.status_code == 400 and not refused.redirect_chain
    assert "照片不是有效的图片文件" in page and page.count(DROPPED) == 1 and "已保留" not in page
    assert (HeldPhoto.objects.count(), _stored(), Visit.objects.count()) == (0, [], 0)
    assert post(outcome="met", held=token).redirect_chain and Visit.objects.count() == 1


def test_a_new_photo_that_does_not_decode_is_never_held(world, catalogue) -> None:
    client = world.client("grid_a")
    # the description is fine: the post is refused by its second photo's decode, the first is held, not the second
    refused = _grid_post(client, photos=[_jpeg("a.jpg"), _broken()])
    page = refused.content.decode()
    assert refused.status_code == 400 and page.count(NOT_IMAGE_2) == 1 and "已保留 1 张照片" in page
    assert list(HeldPhoto.objects.values_list("name", flat=True)) == ["a.jpg"]


def test_a_photo_whose_thumbnail_failed_is_never_decoded_again(decodes) -> None:
    name = default_storage.save("dispatch/2026/12/7-abcdef012345.png", io.BytesIO(_cut_png()))
    with pytest.raises(ThumbnailError):
        thumbnail_ensure(default_storage, name)
    assert decodes == ["1024x768"]
    assert default_storage.exists(failed_name(name)) and not default_storage.exists(thumbnail_name(name))
    for _ in range(3):
        with pytest.raises(ThumbnailError, match="failed before"):
            thumbnail_ensure(default_storage, name)
    assert decodes == ["1024x768"]
    # a file gone is not marked (a restore may bring it back)
    with pytest.raises(ThumbnailError):
        thumbnail_ensure(default_storage, "dispatch/2026/12/8-gone.png")
    assert not default_storage.exists(failed_name("dispatch/2026/12/8-gone.png"))


def test_an_event_photos_thumbnail_that_failed_is_a_404_without_a_second_decode(
    world, catalogue, decodes
) -> None:
    client = world.client("grid_a")
    assert _grid_post(client, photos=[_jpeg("a.jpg")]).status_code == 302
    photo = EventPhoto.objects.get()
    storage, name = photo.image.storage, photo.image.name
    storage.delete(thumbnail_name(name))
    with open(storage.path(name), "wb") as f:  # the stored file damaged on disk
        f.write(_cut_png())
    decodes.clear()
    url = f"/dispatch/events/{photo.event_id}/photos/{photo.pk}/thumb/"
    assert [client.get(url).status_code for _ in range(3)] == [404, 404, 404]
    assert decodes == ["1024x768"]


def test_the_sweep_removes_a_failed_thumbnails_marker_with_its_photo() -> None:
    request = types.SimpleNamespace(session={})
    assert heldphotos.hold(request, token_new(), [_broken()]) == []
    row = HeldPhoto.objects.get()
    with pytest.raises(ThumbnailError):
        thumbnail_ensure(row.image.storage, row.image.name)
    assert _stored() == sorted([row.image.name, failed_name(row.image.name)])
    heldphotos.release([row])
    assert _stored() == []


# ---------------------------------------------------------------- L1: whose cap


def _photo_size() -> int:
    return len(_jpeg().read())


def test_staff_holdings_count_against_no_address(world, catalogue, public_hour, monkeypatch) -> None:
    cache.clear()
    monkeypatch.setattr(heldphotos, "MAX_HELD_BYTES", int(_photo_size() * 2.5))
    # the office's staff and a citizen there share an address (world's clients all come from 127.0.0.9)
    _grid_post(world.client("grid_a"), text="", photos=[_jpeg("s1.jpg"), _jpeg("s2.jpg")])
    staff = list(HeldPhoto.objects.values_list("account", "sender"))
    assert staff == [(world.users["grid_a"].pk, ""), (world.users["grid_a"].pk, "")]
    page = _public_post(world.client(None), contact="12345", photos=[_jpeg("c1.jpg"), _jpeg("c2.jpg")])
    text = page.content.decode()
    assert "已保留 2 张照片" in text and "暂存的照片已达上限" not in text
    citizens = HeldPhoto.objects.filter(account__isnull=True)
    assert sorted(citizens.values_list("name", flat=True)) == ["c1.jpg", "c2.jpg"]
    assert all(citizens.values_list("sender", flat=True))
    # and the citizens' holdings do not fill the staff's cap: grid_a adds one more within its own
    token = _held_token(
        _grid_post(world.client("grid_a"), text="", photos=[_jpeg("s3.jpg")]).content.decode()
    )
    assert (
        token and HeldPhoto.objects.filter(account=world.users["grid_a"].pk).count() == 2
    )  # 2.5: the third fails


def test_a_staff_account_has_one_cap_over_all_its_sessions(world, catalogue, monkeypatch) -> None:
    monkeypatch.setattr(heldphotos, "MAX_HELD_BYTES", int(_photo_size() * 2.5))
    _grid_post(world.client("grid_a"), text="", photos=[_jpeg("a.jpg"), _jpeg("b.jpg")])
    # a new login of the same account: no fresh cap
    page = _grid_post(world.client("grid_a"), text="", photos=[_jpeg("c.jpg")]).content.decode()
    assert FULL in page and "已保留" not in page
    assert list(HeldPhoto.objects.values_list("name", flat=True)) == ["a.jpg", "b.jpg"]
    # another account, from the same address: its own cap
    other = _grid_post(world.client("village_a"), text="", photos=[_jpeg("d.jpg")]).content.decode()
    assert "已保留 1 张照片" in other and FULL not in other
    assert HeldPhoto.objects.get(name="d.jpg").account == world.users["village_a"].pk


def test_the_visit_forms_holding_is_the_accounts(world) -> None:
    from jianfu.employment.tests.factories import key_person_in

    kp = key_person_in()
    client = world.client("grid_a")
    client.post(f"/employment/people/{kp.pk}/visit/", {"form_token": token_new(), "photo": _jpeg("v.jpg")})
    assert list(HeldPhoto.objects.values_list("name", "account", "sender")) == [
        ("v.jpg", world.users["grid_a"].pk, "")
    ]


@pytest.mark.django_db(transaction=True)
def test_two_holds_at_once_by_one_account_do_not_both_pass_its_cap(world, monkeypatch) -> None:
    size = _photo_size()
    monkeypatch.setattr(heldphotos, "MAX_HELD_BYTES", int(size * 1.5))  # room for one photo, not two
    account = world.users["grid_a"].pk
    hold = [  # two sessions of one account
        lambda i=i: heldphotos.hold(
            types.SimpleNamespace(session={}), token_new(), [_jpeg(f"{i}.jpg")], account=account
        )
        for i in (1, 2)
    ]
    if connection.vendor == "sqlite":
        # as test_held24's: the test database is SQLite in shared-cache memory; a deployed file's IMMEDIATE
        # transactions serialise the two, here run one after the other
        from config.database import SQLITE_OPTIONS

        assert SQLITE_OPTIONS["transaction_mode"] == "IMMEDIATE"
        assert [hold[0](), hold[1]()] == [[], [FULL]]
    else:
        race = Race(
            timeout=3
        )  # both wait after the header check: without the account's lock both read nothing held
        race.hold_after(monkeypatch, heldphotos, "check_photo")
        results = race.run(*hold)
        assert sorted(map(repr, results)) == sorted([repr([]), repr([FULL])])
    assert list(HeldPhoto.objects.values_list("size", "account")) == [(size, account)]
    assert len(_stored()) == 1


# ---------------------------------------------------------------- L4: a name of its own


def test_two_successive_holds_never_share_a_name() -> None:
    names = []
    for _ in range(3):
        request = types.SimpleNamespace(session={})
        assert heldphotos.hold(request, token_new(), [_jpeg("IMG_1.jpg")]) == []
        row = HeldPhoto.objects.get()
        names.append(row.image.name)
        heldphotos.release([row])  # gone: its name free again
    assert len(set(names)) == 3
    assert all(re.fullmatch(r"held/\d{4}/\d\d/\d\d/[0-9a-f]{32}\.jpg", n) for n in names)


def test_a_preview_left_behind_by_a_deleted_photo_is_never_served_for_another(world, catalogue) -> None:
    client = world.client("grid_a")
    _grid_post(client, text="", photos=[_jpeg("white.jpg", shade=250)])
    white = HeldPhoto.objects.get()
    assert client.get(f"/dispatch/held/{white.pk}/thumb/").status_code == 200
    # the photo and its row gone, its preview left (a delete that failed, a killed sweep)
    HeldPhoto.objects.all().delete()
    default_storage.delete(white.image.name)
    assert default_storage.exists(thumbnail_name(white.image.name))

    _grid_post(client, text="", photos=[_jpeg("black.jpg", shade=5)])
    black = HeldPhoto.objects.get()
    assert black.image.name != white.image.name
    preview = client.get(f"/dispatch/held/{black.pk}/thumb/")
    assert preview.status_code == 200
    shown = Image.open(io.BytesIO(b"".join(preview.streaming_content)))
    darkest, lightest = shown.convert("L").getextrema()
    assert isinstance(lightest, int) and lightest < 40  # the black photo's own preview, not the white one's


def test_thumbnails_module_names_its_marker_after_the_photo() -> None:
    assert thumbnails.thumbnail_files("held/2026/12/06/ab.png") == (
        "held/2026/12/06/ab.png.thumb.jpg",
        "held/2026/12/06/ab.png.thumb.failed",
    )
    # the orphan sweep maps either to its photo
    assert "held/2026/12/06/ab.png.thumb.failed".partition(".thumb")[0] == "held/2026/12/06/ab.png"
