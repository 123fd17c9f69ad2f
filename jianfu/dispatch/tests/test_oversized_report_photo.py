"""The report form refuses an oversized photo with clean_photo's message, reading nothing past the limit for the form's
content key (mend19c #2, as mend19b #2 for the other forms: `formtokens.upload_digest`; the whole file was hashed
first — a 200 MB upload read through before its size check refused it)."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.cache import cache
from PIL import Image

from jianfu.core import formtokens
from jianfu.core.errors import ApplicationError
from jianfu.core.models import AuditRecord
from jianfu.core.testing.uploads import Guarded
from jianfu.dispatch import services
from jianfu.dispatch.models import Event
from jianfu.dispatch.photos import MAX_PHOTO_BYTES, MAX_PHOTOS

pytestmark = pytest.mark.django_db
QUMU = "450521200206"
TEXT = "曲木村三队路灯坏了两个星期，晚上很黑。"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def _report(photos) -> tuple[Event, bool]:
    return services.event_report_from_form(form_token=TOKEN, actor=None, text=TEXT, org_code=QUMU, source="citizen",
                                           photos=photos)


TOKEN = formtokens.token_new()


def _state() -> tuple[int, int]:
    return Event.objects.count(), AuditRecord.objects.count()


@pytest.mark.parametrize(("declared", "message"), [(True, "第 2 张照片大小为 200.0 MB，超过 10 MB 的上限。"),
                                                  (False, "第 2 张照片大小超过 10 MB 的上限。")])
def test_an_oversized_photo_is_refused_unread(world, declared, message):
    """Its size told only when it declared one: read to the limit + 1, that is no size to show (mend21 #1)."""
    small = _png()
    # the second photo: its declared size over the limit (nothing may be read), or no size (read to limit + 1)
    huge = Guarded(b"\x89PNG" + b"0" * (MAX_PHOTO_BYTES + 10), allowed=0 if declared else MAX_PHOTO_BYTES + 1,
                   size=200 * 2**20 if declared else None)
    with pytest.raises(ApplicationError) as exc:
        _report([Guarded(small, allowed=len(small), size=len(small)), huge])
    assert (exc.value.code, exc.value.field, exc.value.message) == (
        "photo_too_large", "photos", message)
    assert _state() == (0, 0)


def test_more_photos_than_the_form_takes_are_refused_none_read(world):
    photos = [Guarded(b"x" * 100, allowed=0, size=100) for _ in range(MAX_PHOTOS + 1)]
    with pytest.raises(ApplicationError) as exc:
        _report(photos)
    assert (exc.value.code, exc.value.message) == ("too_many_photos", "最多上传 6 张照片（收到 7 张）。")
    assert _state() == (0, 0)


def test_a_normal_photos_key_is_its_whole_sha256_as_before(world):
    data = _png()
    event, filed = _report([Guarded(data, allowed=len(data), size=len(data))])
    assert filed is True
    # the content key as it was (`upload_sha256`: the whole file's sha256), so a replay of the same post still finds it
    assert event.form_content_key == formtokens.content_key(TOKEN, {
        "text": TEXT, "org_code": QUMU, "source": "citizen", "photos": [hashlib.sha256(data).hexdigest()]})
    assert list(event.photos.values_list("width", "height")) == [(40, 30)]
    again, filed = _report([io.BytesIO(data)])
    assert (again.pk, filed, Event.objects.count()) == (event.pk, False, 1)
