"""badinput31b #3: an empty photo sent to `POST /api/v1/dispatch/events/` is refused as the web form refuses it — by its
number, "第 2 张照片是空文件。" — not by DRF's 0-based index ("“照片.1”：提交的是空文件。"); nothing is written."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from jianfu.core.models import AuditRecord
from jianfu.dispatch.models import Event, EventPhoto

pytestmark = pytest.mark.django_db

GRID = "450521200206001"


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(out, format="JPEG")
    return out.getvalue()


def test_an_empty_photo_in_the_api_is_named_by_its_number_and_nothing_is_written(world, catalogue):
    response = world.api_client("grid_a").post("/api/v1/dispatch/events/", {
        "text": "路边电线杆倾斜，存在安全隐患", "org_code": GRID,
        "photos": [SimpleUploadedFile("a.jpg", _jpeg(), "image/jpeg"), SimpleUploadedFile("b.jpg", b"", "image/jpeg")],
    }, format="multipart")
    assert response.status_code == 400
    assert response.json()["error"] == {"code": "photo_empty", "message": "第 2 张照片是空文件。",
                                         "fields": {"photos": ["第 2 张照片是空文件。"]}}
    assert (Event.objects.count(), EventPhoto.objects.count()) == (0, 0)
    assert not AuditRecord.objects.filter(action__startswith="dispatch.event").exists()
