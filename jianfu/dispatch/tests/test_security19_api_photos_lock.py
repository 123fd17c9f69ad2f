"""security19 #4 (the other `api_once` callers): the events API decoded and re-encoded a report's photos (six of
10 MB: 1.8 s CPU) inside its create transaction, which on SQLite holds the write lock throughout. They are cleaned
before it (`create_once`'s `before`), once per upload; the report takes them from the uploads."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from PIL import Image

from jianfu.core.models import ApiRepeat
from jianfu.dispatch import photos
from jianfu.dispatch.models import Event, EventPhoto

EVENTS = "/api/v1/dispatch/events/"
REPORT = {"text": "河道有人倾倒建筑垃圾，请尽快处理", "org_code": "450521200206001"}


def _jpeg(colour) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, format="JPEG")
    return SimpleUploadedFile("p.jpg", out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def cleanings(monkeypatch):
    """Each photo decoded and re-encoded: whether inside a transaction."""
    calls: list[bool] = []
    clean = photos._clean

    def recorded(upload, index):
        calls.append(connection.in_atomic_block)
        return clean(upload, index)

    monkeypatch.setattr(photos, "_clean", recorded)
    return calls


@pytest.mark.django_db(transaction=True)   # no test transaction around the request: in_atomic_block is the API's
def test_a_report_s_photos_are_cleaned_once_outside_the_create_transaction(world, catalogue, cleanings):
    api = world.api_client("grid_a")
    response = api.post(EVENTS, {**REPORT, "photos": [_jpeg((200, 20, 20)), _jpeg((20, 200, 20))]},
                        format="multipart")
    assert response.status_code == 201, response.content
    assert cleanings == [False, False]
    event = Event.objects.get()
    assert sorted((p.width, p.height) for p in EventPhoto.objects.filter(event=event)) == [(40, 30), (40, 30)]
    assert ApiRepeat.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_bad_photo_is_refused_as_before_and_nothing_is_written(world, catalogue, cleanings):
    api = world.api_client("grid_a")
    bad = SimpleUploadedFile("p.jpg", b"#!/bin/sh\necho not a photo\n", content_type="image/jpeg")
    response = api.post(EVENTS, {**REPORT, "photos": [_jpeg((200, 20, 20)), bad]}, format="multipart")
    assert (response.status_code, response.json()["error"]["code"]) == (400, "photo_invalid")
    assert "第 2 张照片不是有效的图片文件" in response.json()["error"]["message"]
    # none decoded (security22 #1): every header is checked first, before and again by the report (its refusal in
    # order), and the second is no image; before, the good one was decoded for a post refused anyway
    assert cleanings == []
    assert (Event.objects.count(), EventPhoto.objects.count(), ApiRepeat.objects.count()) == (0, 0, 0)


def test_bytes_are_cleaned_each_time_they_are_asked():
    out = io.BytesIO()
    Image.new("RGB", (8, 6), (1, 2, 3)).save(out, format="PNG")
    assert photos.clean_photo(out.getvalue()) == photos.clean_photo(out.getvalue())
