"""security22 #1: the citizens' form (no login) posted five blank 6320×6320 PNGs (155 KB each) and a sixth file that is
no image, 12 times from one address: every post decoded the five (40 Mpx each: ~6 s CPU, 600 MB) before refusing the
sixth with a 400, and none was a 429 — only filings were counted. Now every post counts before its work, every
upload's header is checked before any is decoded, and the pixel caps are what a phone photo needs (JPEG decoded at a
reduced scale)."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, JpegImagePlugin

from jianfu.core.errors import ApplicationError
from jianfu.core.formtokens import token_new
from jianfu.core.models import ApiRepeat, AuditRecord
from jianfu.dispatch import photos
from jianfu.dispatch.models import Event, EventPhoto

pytestmark = pytest.mark.django_db
PUBLIC = "/dispatch/public/report/"
EVENTS = "/api/v1/dispatch/events/"
TEXT = "路边电线杆倾斜，存在安全隐患"
NOT_IMAGE = "第 6 张照片不是有效的图片文件（支持 JPEG、PNG、WebP）。"


def _png(size=(64, 48), mode="RGBA") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size).save(out, format="PNG")
    return out.getvalue()


def _jpeg(size=(64, 48), mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, 128).save(out, format="JPEG")
    return out.getvalue()


def _jpeg_claiming(width: int, height: int) -> bytes:
    """A small JPEG whose frame header (SOF0) says width × height: what the header check reads, nothing decoded."""
    data = bytearray(_jpeg((16, 16)))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = height.to_bytes(2, "big") + width.to_bytes(2, "big")
    return bytes(data)


def _attack() -> list[SimpleUploadedFile]:
    """The attacker's post, in small: five valid PNGs and a sixth file that is no image."""
    return [SimpleUploadedFile(f"p{k}.png", _png(), "image/png") for k in range(5)] + [
        SimpleUploadedFile("x.png", b"not an image", "image/png")
    ]


@pytest.fixture
def decoded(monkeypatch):
    """The index of each photo the server went on to decode (`photos._clean`)."""
    calls: list[int] = []
    clean = photos._clean

    def recorded(upload, index):
        calls.append(index)
        return clean(upload, index)

    monkeypatch.setattr(photos, "_clean", recorded)
    return calls


def _state() -> tuple[int, int, int]:
    return (
        Event.objects.count(),
        EventPhoto.objects.count(),
        AuditRecord.objects.filter(action__startswith="dispatch.event.").count(),
    )


def _post(client, photos_: list, text: str = TEXT):
    return client.post(
        PUBLIC,
        {
            "form_token": token_new(),
            "text": text,
            "org_code": "450521200206",
            "urgency": "normal",
            "photos": photos_,
        },
    )


def test_the_attackers_post_decodes_no_photo_and_the_31st_is_refused_unread(world, catalogue, decoded, public_hour):
    cache.clear()
    client = world.client(None)
    for _ in range(30):  # every post counts: 30 an hour (cr22c #2; 10 filings)
        response = _post(client, _attack())
        assert response.status_code == 400
        assert NOT_IMAGE in response.content.decode()
    assert decoded == []  # the sixth's header refused each post before any photo was decoded
    for _ in range(3):  # the 31st, 32nd, 33rd: refused before any work, a good report as well
        refused = _post(client, [SimpleUploadedFile("p.png", _png(), "image/png")])
        assert refused.status_code == 429
        assert "提交过于频繁，请一小时后再试。" in refused.content.decode()
    assert decoded == []
    assert _state() == (0, 0, 0)


def test_a_refused_post_without_photos_counts_too(world, catalogue, public_hour):
    cache.clear()
    client = world.client(None)
    for _ in range(30):
        assert _post(client, [], text="").status_code == 400
    assert _post(client, []).status_code == 429
    assert _state() == (0, 0, 0)


def test_another_address_keeps_its_own_allowance(world, catalogue, public_hour):
    cache.clear()
    spent = world.client(None)
    for _ in range(30):
        _post(spent, [], text="")
    assert _post(spent, []).status_code == 429
    from django.test import Client

    response = _post(Client(REMOTE_ADDR="127.0.0.10"), [SimpleUploadedFile("p.jpg", _jpeg(), "image/jpeg")])
    assert response.status_code == 302
    assert _state()[:2] == (1, 1)


def test_clean_photos_checks_every_header_before_it_decodes_any(decoded):
    uploads = [_png(), _png(), _jpeg_claiming(8193, 6144)]
    with pytest.raises(ApplicationError) as refused:
        photos.clean_photos(uploads)
    assert (refused.value.code, str(refused.value.message)) == (
        "photo_too_large",
        "第 3 张照片像素过多（8193×6144，最多 8192×6144），请缩小后再上传。",
    )
    assert decoded == []
    assert [(p.width, p.height) for p in photos.clean_photos([_png(), _jpeg()])] == [(64, 48), (64, 48)]
    assert decoded == [1, 2]


@pytest.mark.parametrize(
    ("data", "size", "refused"),
    [
        # the attacker's size: 40 Mpx, refused by its header
        (_png((6320, 6320), mode="1"), "6320×6320，最多 4096×3072", True),
        (_png((4097, 3072), mode="1"), "4097×3072，最多 4096×3072", True),  # PNG, WebP, GIF, BMP: at most 4096×3072
        (_png((4096, 3072), mode="1"), "", False),
        (_jpeg_claiming(8193, 6144), "8193×6144，最多 8192×6144", True),  # JPEG: at most a 50 MP camera's frame
        (_jpeg_claiming(8192, 6145), "8192×6145，最多 8192×6144", True),
    ],
)
def test_the_pixel_caps(data, size, refused):
    assert (photos.MAX_PIXELS_JPEG, photos.MAX_PIXELS_OTHER) == (8192 * 6144, 4096 * 3072)
    if refused:
        with pytest.raises(ApplicationError) as error:
            photos.clean_photo(data, 2)
        assert (error.value.code, str(error.value.message)) == (
            "photo_too_large",
            f"第 2 张照片像素过多（{size}），请缩小后再上传。",
        )
    else:
        # halved to its stored size (security23 F7: a whole factor, no filtered resize to 2560)
        assert (photos.clean_photo(data).width, photos.clean_photo(data).height) == (2048, 1536)


def test_a_large_jpeg_is_decoded_at_a_reduced_scale(monkeypatch):
    asked: list[tuple] = []
    draft = JpegImagePlugin.JpegImageFile.draft

    def recorded(self, mode, size):
        result = draft(self, mode, size)
        asked.append((size, self.size))
        return result

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft", recorded)
    panorama = photos.clean_photo(_jpeg((6000, 800), mode="L"))
    # asked for a third (the smallest whole factor within 2560 px: 2000×266); libjpeg decodes at 1/2: 3000×400, not the
    # 4.8 Mpx of the file, then halved (security23 F7)
    assert asked[0] == ((2000, 266), (3000, 400))
    assert (panorama.width, panorama.height, panorama.extension) == (1500, 200, "jpg")
    asked.clear()
    small = photos.clean_photo(_jpeg((2000, 1500)))
    assert (asked, small.width, small.height) == ([], 2000, 1500)  # within MAX_SIDE: decoded whole


def test_the_api_report_checks_every_header_before_it_decodes_any(world, catalogue, decoded):
    response = world.api_client("grid_a").post(
        EVENTS,
        {"text": TEXT, "org_code": "450521200206001", "photos": _attack()},
        format="multipart",
        HTTP_IDEMPOTENCY_KEY="e" * 40,
    )
    assert (response.status_code, response.json()["error"]["code"]) == (400, "photo_invalid")
    assert NOT_IMAGE in response.json()["error"]["message"]
    assert decoded == []
    assert (*_state(), ApiRepeat.objects.count()) == (0, 0, 0, 0)
