"""mend20 #1: the events API and the catalogue import are on the one upload rule (`core.uploads`, as every other form
and API): a photo over its limit, one photo too many or an oversized catalogue is refused with the same message as
the web form's, before anything reads it — the API's content digest hashed every uploaded file whole first."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from jianfu.core.models import ApiRepeat, AuditRecord
from jianfu.core.testing.uploads import Guarded, record_upload_reads
from jianfu.dispatch import catalogue as cat
from jianfu.dispatch.models import CatalogueVersion, Event, EventPhoto, Matter
from jianfu.dispatch.photos import MAX_PHOTO_BYTES, MAX_PHOTOS

pytestmark = pytest.mark.django_db
EVENTS = "/api/v1/dispatch/events/"
REPORT = {"text": "河道有人倾倒建筑垃圾，请尽快处理", "org_code": "450521200206001"}


def _jpeg(name: str = "p.jpg") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 20, 20)).save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def reads(monkeypatch):
    """The names of the uploaded files the server read (the test client's encoding of its SimpleUploadedFiles is
    not counted)."""
    return record_upload_reads(monkeypatch)


def _state() -> tuple[int, int, int, int]:
    return Event.objects.count(), EventPhoto.objects.count(), AuditRecord.objects.count(), ApiRepeat.objects.count()


def test_an_api_photo_over_the_limit_is_refused_unread_with_the_form_s_message(world, catalogue, reads):
    before = _state()
    big = SimpleUploadedFile("big.jpg", b"\xff\xd8" + b"0" * (MAX_PHOTO_BYTES - 1), content_type="image/jpeg")
    response = world.api_client("grid_a").post(EVENTS, {**REPORT, "photos": [_jpeg(), big]}, format="multipart")
    assert response.status_code == 400, response.content
    assert (response.json()["error"]["code"], response.json()["error"]["message"]) == (
        "photo_too_large", "第 2 张照片大小为 10.1 MB，超过 10 MB 的上限。")
    assert "big.jpg" not in reads
    assert _state() == before


def test_one_api_photo_too_many_is_refused_none_of_them_read(world, catalogue, reads):
    before = _state()
    response = world.api_client("grid_a").post(
        EVENTS, {**REPORT, "photos": [_jpeg(f"p{i}.jpg") for i in range(MAX_PHOTOS + 1)]}, format="multipart")
    assert response.status_code == 400, response.content
    assert (response.json()["error"]["code"], response.json()["error"]["message"]) == (
        "too_many_photos", "最多上传 6 张照片（收到 7 张）。")
    assert reads == []
    assert _state() == before


def test_api_photos_within_the_limits_are_still_read_and_a_repeat_answered(world, catalogue, reads):
    api = world.api_client("grid_a")
    first = api.post(EVENTS, {**REPORT, "photos": [_jpeg()]}, format="multipart")
    assert first.status_code == 201, first.content
    again = api.post(EVENTS, {**REPORT, "photos": [_jpeg()]}, format="multipart")
    assert (again.status_code, again.json()["id"], again["Idempotent-Replayed"]) == (201, first.json()["id"], "true")
    assert (Event.objects.count(), EventPhoto.objects.count(), "p.jpg" in reads) == (1, 1, True)


@pytest.mark.parametrize(("declared", "message"), [(True, "文件大小为 200.0 MB，超过 10 MB 的上限。"),
                                                  (False, "文件大小超过 10 MB 的上限。")])
def test_an_oversized_catalogue_is_refused_unread_and_nothing_stored(world, declared, message):
    """Its size is shown when it declared one; without, what was read is the limit + 1 bytes, no size to show
    (cr20b #9: "文件大小为 10.0 MB，超过 10 MB 的上限")."""
    before = (CatalogueVersion.objects.count(), Matter.objects.count(), AuditRecord.objects.count())
    limit = cat.MAX_IMPORT_BYTES
    upload = Guarded(b"PK" + b"0" * (limit + 10), allowed=0 if declared else limit + 1,
                     size=200 * 2**20 if declared else None)
    with pytest.raises(cat.ApplicationError) as refused:
        cat.catalogue_import_xlsx(actor=world.users["county_office"], county_code="450521000000", file=upload)
    assert (refused.value.code, refused.value.field, refused.value.message) == (
        "too_large", "file", message)
    assert (CatalogueVersion.objects.count(), Matter.objects.count(), AuditRecord.objects.count()) == before
