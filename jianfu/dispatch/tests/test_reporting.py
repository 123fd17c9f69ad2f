"""Reporting: bad input gives a clear Chinese error naming the field, and nothing is written."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from jianfu.core.errors import ApplicationError, PermissionDeniedError
from jianfu.core.models import AuditRecord
from jianfu.dispatch import services
from jianfu.dispatch.models import Event, EventPhoto

GRID = "450521200206001"


def jpeg_with_exif(size=(64, 48)) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"            # Make
    exif[0x8825] = {2: (22.0, 30.0, 0.0)}  # GPS IFD: latitude
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def report(world, **kw):
    values = {"actor": world.users["grid_a"], "text": "路边电线杆倾斜，存在安全隐患", "org_code": GRID, "source": "grid"}
    values.update(kw)
    return services.event_report(**values)


def nothing_written():
    return Event.objects.count() == 0 and EventPhoto.objects.count() == 0 and not AuditRecord.objects.filter(
        action__startswith="dispatch.event").exists()


@pytest.mark.parametrize(("kwargs", "field", "message"), [
    ({"text": ""}, "text", "请填写事件描述。"),
    ({"text": "   \n "}, "text", "请填写事件描述。"),
    ({"text": "字" * 100_000}, "text", "事件描述不能超过 5000 个字（现为 100000 个字）。"),
    ({"latitude": "91", "longitude": "109"}, "latitude", "纬度必须在 -90 到 90 之间。"),
    ({"latitude": "21.5", "longitude": "-181"}, "longitude", "经度必须在 -180 到 180 之间。"),
    ({"latitude": "abc", "longitude": "109"}, "latitude", "纬度必须是数字。"),
    ({"latitude": "21.5"}, "longitude", "经度和纬度需要同时填写。"),
    ({"latitude": "NaN", "longitude": "109"}, "latitude", "纬度必须在 -90 到 90 之间。"),
    ({"urgency": "panic"}, "urgency", "紧急程度只能是“一般”或“紧急”。"),
    ({"org_code": "999999999999"}, "org_code", "请选择事件发生的村（社区）或网格。"),
    ({"matter_code": "NOPE-1"}, "matter_code", "未知的事项编码「NOPE-1」。"),
])
def test_bad_input_is_refused_with_a_chinese_message(world, catalogue, kwargs, field, message):
    with pytest.raises(ApplicationError) as err:
        report(world, **kwargs)
    assert (err.value.field, err.value.message) == (field, message)
    assert nothing_written()


def test_reporting_outside_ones_area_is_refused(world, catalogue):
    with pytest.raises(PermissionDeniedError):
        report(world, org_code="450521200201")        # village_b, not grid_a's
    with pytest.raises(PermissionDeniedError):
        report(world, actor=world.users["dept_forestry"])
    assert nothing_written()


def test_non_image_disguised_as_photo_is_refused(world, catalogue):
    fake = SimpleUploadedFile("photo.jpg", b"<?php system($_GET['c']); ?>" * 10, content_type="image/jpeg")
    with pytest.raises(ApplicationError) as err:
        report(world, photos=[fake])
    assert err.value.message == "第 1 张照片不是有效的图片文件（支持 JPEG、PNG、WebP）。"
    assert nothing_written()


def test_a_50_mb_photo_is_refused_before_reading_it(world, catalogue):
    class Huge:
        name, size = "big.jpg", 50 * 2**20

        def read(self, *_):  # pragma: no cover - must not be reached
            raise AssertionError("read a 50 MB upload")

    with pytest.raises(ApplicationError) as err:
        report(world, photos=[Huge()])
    assert err.value.message == "第 1 张照片大小为 50.0 MB，超过 10 MB 的上限。"
    assert nothing_written()


def test_second_bad_photo_leaves_nothing_half_written(world, catalogue):
    good = SimpleUploadedFile("a.jpg", jpeg_with_exif(), content_type="image/jpeg")
    bad = SimpleUploadedFile("b.png", b"\x89PNG\r\n\x1a\nnot really", content_type="image/png")
    with pytest.raises(ApplicationError) as err:
        report(world, photos=[good, bad])
    assert err.value.message.startswith("第 2 张照片")
    assert nothing_written()


def test_photo_metadata_is_stripped_by_re_encoding(world, catalogue):
    original = jpeg_with_exif()
    assert Image.open(io.BytesIO(original)).getexif().get(0x010F) == "SecretCam"
    event = report(world, photos=[SimpleUploadedFile("a.jpg", original + b"TRAILING-BYTES", content_type="image/jpeg")])
    photo = EventPhoto.objects.get(event=event)
    stored = photo.image.read()
    assert b"SecretCam" not in stored and b"TRAILING-BYTES" not in stored
    image = Image.open(io.BytesIO(stored))
    assert (image.format, image.size, dict(image.getexif())) == ("JPEG", (64, 48), {})
    assert (photo.width, photo.height, photo.content_type) == (64, 48, "image/jpeg")


def test_citizen_identity_withheld_only_for_citizens(world, catalogue):
    event = services.event_report(actor=None, text="小区门口的垃圾堆了一周没人清运", org_code="450521200206",
                                  source="citizen", reporter_name="张三", reporter_contact="13800000000",
                                  withhold_identity=True)
    assert (event.reporter_name, event.withhold_identity, event.reporter_id) == ("张三", True, None)
    staff = report(world, withhold_identity=True)
    assert staff.withhold_identity is False


def test_anonymous_cannot_claim_to_be_a_grid_worker(world, catalogue):
    with pytest.raises(PermissionDeniedError):
        services.event_report(actor=None, text="测试事件内容", org_code=GRID, source="grid")


def test_reporter_contact_encrypted_masked_and_revealed_with_audit(world, catalogue):
    from jianfu.core.models import AuditRecord
    from jianfu.dispatch.models import Event

    event = services.event_report(actor=None, text="路灯坏了很多天，晚上看不见路", org_code="450521200206",
                                  source="citizen", reporter_name="张三", reporter_contact="13812345678")
    stored = Event.objects.filter(pk=event.pk).values_list("reporter_contact", "reporter_contact_cipher").get()
    assert stored[0] == "138****5678"
    assert "13812345678" not in stored[1]
    assert services.event_contact_reveal(actor=world.users["town_quzhang"], event=event) == "13812345678"
    assert AuditRecord.objects.filter(action="pii.reveal", object_id=str(event.pk)).count() == 1
    with pytest.raises(PermissionDeniedError):
        services.event_contact_reveal(actor=world.users["grid_a"], event=event)  # no PII_REVEAL
    assert AuditRecord.objects.filter(action="pii.reveal", object_id=str(event.pk)).count() == 1


def test_mask_contact_shapes():
    assert services.mask_contact("13812345678") == "138****5678"
    assert services.mask_contact("zhang.san@example.cn") == "z***@example.cn"
    assert services.mask_contact("0779-1234567") == "077****4567"
    assert services.mask_contact("") == ""
