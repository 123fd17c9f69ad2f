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


def test_an_org_filter_that_is_no_code_is_refused_not_dropped(world, catalogue):
    """#4: `GET events/?org=abc` (or a full-width ４５０５２１) dropped the filter and answered every event in scope."""
    from jianfu.dispatch import services

    a = services.event_report(actor=world.users["village_a"], text="曲木村路灯不亮已经三天了", org_code="450521200206",
                              source="village")
    services.event_report(actor=world.users["village_b"], text="璋嘉村水渠堵塞需要清理", org_code="450521200201",
                          source="village")
    api = world.api_client("county_office")
    for raw in ("abc", "４５０５２１", "4505212002060011"):
        response = api.get("/api/v1/dispatch/events/", {"org": raw})
        assert response.status_code == 400
        message = f"参数 org 应为发生地的区划代码或其前缀（1–15 位数字），收到“{raw}”。"
        assert response.json()["error"] == {"code": "invalid", "message": message, "fields": {"org": [message]}}
    response = api.get("/api/v1/dispatch/events/", {"org": "450521200206"})
    assert [e["id"] for e in response.json()["results"]] == [a.pk]
    assert len(api.get("/api/v1/dispatch/events/", {"org": ""}).json()["results"]) == 2
