"""security23 F7 (MEDIUM): one anonymous post of the citizens' form with six 4096×3072 PNGs cost 7–12 s CPU — each
decoded, resized to 2560 px with a bicubic filter, and kept as a PNG saved with `optimize=True` (0.43 s a photo).
Now a photo is divided once, by a whole factor, to its stored size before any other work (`Image.reduce`, a JPEG
decoded at a reduced scale first), a PNG without see-through parts is stored as a JPEG, nothing is saved with
`optimize`, and the public form charges the megapixels a post's photos decode against its address's hourly allowance
(`views.PUBLIC_MEGAPIXEL_LIMIT`). Figures before/after: docs/dispatch.md, "Session 23"."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, JpegImagePlugin

from jianfu.core.formtokens import token_new
from jianfu.dispatch import photos, views
from jianfu.dispatch.models import Event, EventPhoto

PUBLIC = "/dispatch/public/report/"
TEXT = "路边电线杆倾斜，存在安全隐患"
TOO_MANY_PIXELS = "一小时内上传的照片过多，请一小时后再试，或先不附照片提交。"


def encoded(image: Image.Image, fmt: str, **kwargs) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **kwargs)
    return out.getvalue()


def png(size=(4096, 3072), mode="RGB", colour=(120, 130, 140)) -> bytes:
    return encoded(Image.new(mode, size, colour if mode != "RGBA" else (*colour, 255)), "PNG")


def stored(clean: photos.CleanPhoto) -> Image.Image:
    return Image.open(io.BytesIO(clean.content))


# ---------------------------------------------------------------- what is stored


def test_an_opaque_png_is_stored_as_a_jpeg_halved_to_its_stored_size():
    for data in (png(), png(mode="RGBA"), png(mode="1", colour=1), png(mode="L", colour=90)):
        clean = photos.clean_photo(data)
        image = stored(clean)
        assert (clean.extension, clean.content_type, image.format, image.mode) == (
            "jpg",
            "image/jpeg",
            "JPEG",
            "RGB",
        )
        assert (clean.width, clean.height, image.size) == (2048, 1536, (2048, 1536))


def test_a_png_with_see_through_parts_stays_a_png_with_its_alpha():
    picture = Image.new("RGBA", (4096, 3072), (200, 20, 20, 255))
    picture.paste((0, 0, 0, 0), (0, 0, 2048, 3072))  # the left half see-through
    clean = photos.clean_photo(encoded(picture, "PNG"))
    image = stored(clean)
    assert (clean.extension, image.format, image.mode, image.size) == ("png", "PNG", "RGBA", (2048, 1536))
    assert (image.getpixel((10, 10)), image.getpixel((2000, 10))) == ((0, 0, 0, 0), (200, 20, 20, 255))
    palette = Image.new("P", (300, 200), 1)
    palette.putpalette([0, 0, 0, 10, 200, 10])
    clean = photos.clean_photo(
        encoded(palette, "PNG", transparency=0)
    )  # colour 0 see-through, none of it used
    assert (clean.extension, stored(clean).mode) == ("jpg", "RGB")
    palette.putpixel((0, 0), 0)
    clean = photos.clean_photo(encoded(palette, "PNG", transparency=0))
    assert (clean.extension, stored(clean).mode, stored(clean).getpixel((0, 0))[3]) == ("png", "RGBA", 0)


@pytest.mark.parametrize(
    ("size", "asked", "decoded", "kept"),
    [
        ((8192, 6144), (2048, 1536), (2048, 1536), (2048, 1536)),  # 1/4 by libjpeg: nothing left to do
        ((6000, 800), (2000, 266), (3000, 400), (1500, 200)),  # 1/2 by libjpeg, then halved
        (
            (4032, 3024),
            (2016, 1512),
            (2016, 1512),
            (2016, 1512),
        ),  # a 12 MP phone photo sent whole (no JavaScript)
    ],
)
def test_a_large_jpeg_is_decoded_at_a_reduced_scale_then_divided_by_a_whole_factor(
    monkeypatch, size, asked, decoded, kept
):
    drafts: list[tuple] = []
    draft = JpegImagePlugin.JpegImageFile.draft

    def recorded(self, mode, requested):
        result = draft(self, mode, requested)
        drafts.append((requested, self.size))
        return result

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft", recorded)
    clean = photos.clean_photo(encoded(Image.new("L", size, 128), "JPEG"))
    assert (drafts, (clean.width, clean.height), clean.extension) == ([(asked, decoded)], kept, "jpg")


def test_a_photo_within_the_stored_size_is_kept_as_it_is():
    clean = photos.clean_photo(encoded(Image.new("RGB", (2560, 1920), (10, 20, 30)), "JPEG"))
    assert (clean.width, clean.height) == (2560, 1920)


def test_the_exif_orientation_is_applied_to_the_reduced_image():
    """A camera's portrait photo stored sideways (orientation 6: turn 90° clockwise), 5000×3000 with a red band along
    its top edge: stored 1500×2500, upright, the band along the right edge."""
    picture = Image.new("RGB", (5000, 3000), (240, 240, 240))
    picture.paste((220, 0, 0), (0, 0, 5000, 400))
    exif = Image.Exif()
    exif[0x0112] = 6
    image = stored(photos.clean_photo(encoded(picture, "JPEG", exif=exif.tobytes())))
    assert image.size == (1500, 2500)
    red, grey = image.getpixel((1490, 1250)), image.getpixel((10, 1250))
    assert (red[0] > 180 > red[1], grey[0] > 200 and grey[1] > 200) == (True, True)
    assert not image.info.get("exif")


def test_nothing_is_saved_with_optimize(monkeypatch):
    """`optimize=True` cost a PNG 2.3× the CPU of a plain save for ~10% fewer bytes (0.43 s against 0.19 s)."""
    opaque, transparent = png(), encoded(Image.new("RGBA", (3000, 2000), (0, 0, 0, 0)), "PNG")
    saves: list[tuple[str, dict]] = []
    save = Image.Image.save

    def recorded(self, fp, format=None, **params):
        saves.append((format, params))
        return save(self, fp, format, **params)

    monkeypatch.setattr(Image.Image, "save", recorded)
    monkeypatch.setattr(photos, "make_thumbnail", lambda image: b"")  # the 320 px thumbnail's own save aside
    photos.clean_photo(opaque)
    photos.clean_photo(transparent)
    assert saves == [("JPEG", {"quality": 85}), ("PNG", {})]


# ---------------------------------------------------------------- the public form's allowance


def test_decoded_pixels_are_read_from_the_headers():
    upload = SimpleUploadedFile("a.png", png(), "image/png")
    assert photos.decoded_pixels([upload]) == 4096 * 3072
    assert upload.tell() == 0  # put back for the checks that read it next
    big_jpeg = encoded(Image.new("L", (8192, 6144), 128), "JPEG")
    assert photos.decoded_pixels([big_jpeg]) == 2048 * 1536  # decoded at 1/4
    assert (
        photos.decoded_pixels([b"not an image", png((4097, 3072), mode="1", colour=1)]) == 0
    )  # refused unread
    assert photos.decoded_pixels([]) == 0


@pytest.fixture
def locmem(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "sec23"}
    }
    cache.clear()
    yield
    cache.clear()


def _post(client, text: str, files: list[bytes]):
    return client.post(
        PUBLIC,
        {
            "form_token": token_new(),
            "text": text,
            "org_code": "450521200206",
            "urgency": "normal",
            "photos": [SimpleUploadedFile(f"{i}.png", d, "image/png") for i, d in enumerate(files)],
        },
    )


@pytest.mark.django_db
def test_the_public_form_charges_decoded_megapixels_against_the_address(
    world, catalogue, public_hour, locmem, monkeypatch
):
    assert views.PUBLIC_MEGAPIXEL_LIMIT == 400
    monkeypatch.setattr(views, "PUBLIC_MEGAPIXEL_LIMIT", 5)
    from django.test import Client

    client = Client(REMOTE_ADDR="198.51.100.23")
    one_mpx = png((1000, 1000))
    assert _post(client, f"{TEXT}一号", [one_mpx] * 3).status_code == 302  # 3 of 5
    refused = _post(client, f"{TEXT}二号", [one_mpx] * 3)  # 6 > 5: nothing decoded
    assert (refused.status_code, TOO_MANY_PIXELS in refused.content.decode()) == (429, True)
    assert (Event.objects.count(), EventPhoto.objects.count()) == (1, 3)
    assert _post(client, f"{TEXT}三号", [one_mpx] * 2).status_code == 302  # the refused charge given back
    assert _post(client, f"{TEXT}四号", []).status_code == 302  # without photos: no charge
    assert _post(client, f"{TEXT}五号", [one_mpx]).status_code == 429
    hour = int(public_hour[0]) // views.PUBLIC_RATE_WINDOW
    assert [
        cache.get(f"dispatch:public_{what}:198.51.100.23:{hour}")
        for what in ("megapixels", "filings", "posts")
    ] == [5, 3, 5]
    assert Event.objects.count() == 3 and EventPhoto.objects.count() == 5
    other = Client(REMOTE_ADDR="198.51.100.24")  # another address has its own allowance
    assert _post(other, f"{TEXT}六号", [one_mpx] * 5).status_code == 302
