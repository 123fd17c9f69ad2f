"""ui31: a refused 办结 comes back with its 办理结果 typed (forms400b), but a file input is never refilled — the photos
chosen were lost and the page did not say so. Now, when photos were chosen, the words PHOTOS_NOT_KEPT stand beside the
photo input (its `id_rphotos_error` list, the input described by it); when none were chosen, nothing is said of them.
Each refusal writes nothing: the event's state, its timeline, its photos, the audit records."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.formtokens import PHOTOS_NOT_KEPT
from jianfu.core.models import AuditRecord
from jianfu.dispatch.models import EventPhoto
from jianfu.dispatch.tests.factories import event_in, snapshot
from jianfu.dispatch.tests.heldforms import jpeg
from jianfu.dispatch.workflow import Status

pytestmark = pytest.mark.django_db
TOO_SHORT = "办理结果至少需要 2 个字。"


def _listed_beside(page: str, input_id: str) -> list[str]:
    listed = re.search(rf'<ul class="errorlist" id="{input_id}_error">(.*?)</ul>', page, re.S)
    return re.findall(r"<li>(.*?)</li>", listed.group(1)) if listed else []


def _photo_input(page: str) -> str:
    return re.search(r'<input id="id_rphotos"[^>]*>', page).group(0)


def _state(event) -> tuple:
    return snapshot(event), EventPhoto.objects.count(), AuditRecord.objects.count()


def _resolve(world, event, **post):
    return world.client("dept_forestry").post(f"/dispatch/events/{event.pk}/resolve/", post)


def test_a_refused_resolve_with_photos_says_they_must_be_chosen_again(world):
    event = event_in(world, status=Status.IN_PROGRESS)
    before = _state(event)
    refused = _resolve(world, event, resolution="好", photos=[jpeg("a.jpg"), jpeg("b.jpg", shade=60)])
    page = refused.content.decode()
    assert refused.status_code == 400
    assert _listed_beside(page, "id_resolution") == [TOO_SHORT]
    assert _listed_beside(page, "id_rphotos") == ["本次选择的照片未保留，请重新选择后提交。"] == [PHOTOS_NOT_KEPT]
    # the photo input is described by the words, but the refusal's input keeps the focus
    assert _photo_input(page) == ('<input id="id_rphotos" type="file" name="photos" accept="image/*" '
                                  'capture="environment" multiple data-shrink-photos="1600" '
                                  'aria-describedby="id_rphotos_error">')
    assert re.search(r'<textarea id="id_resolution"[^>]*autofocus>好</textarea>', page)
    assert page.count("autofocus") == 1
    assert _state(event) == before


def test_a_refused_resolve_without_photos_says_nothing_of_them(world):
    event = event_in(world, status=Status.IN_PROGRESS)
    before = _state(event)
    refused = _resolve(world, event, resolution="好")
    page = refused.content.decode()
    assert refused.status_code == 400
    assert _listed_beside(page, "id_resolution") == [TOO_SHORT]
    assert _listed_beside(page, "id_rphotos") == []
    assert PHOTOS_NOT_KEPT not in page
    assert "aria-describedby" not in _photo_input(page)
    assert _state(event) == before


def test_a_refused_photo_gets_its_reason_and_the_words_beside_it(world):
    event = event_in(world, status=Status.IN_PROGRESS)
    before = _state(event)
    photos = [jpeg(f"p{n}.jpg", shade=n * 20) for n in range(7)]
    refused = _resolve(world, event, resolution="已现场处理完毕", photos=photos)
    page = refused.content.decode()
    assert refused.status_code == 400
    assert _listed_beside(page, "id_rphotos") == ["最多上传 6 张照片（收到 7 张）。", PHOTOS_NOT_KEPT]
    assert 'aria-describedby="id_rphotos_error" autofocus' in _photo_input(page)
    assert re.search(r'<textarea id="id_resolution"[^>]*>已现场处理完毕</textarea>', page)
    assert _state(event) == before


def test_a_refused_return_with_a_file_posted_says_nothing_of_photos(world):
    """Only a form with a photo input speaks of photos: a hand-made 退回 carrying a file is refused as before."""
    event = event_in(world)
    before = _state(event)
    refused = world.client("dept_forestry").post(f"/dispatch/events/{event.pk}/return/", {
        "reason": "", "photos": SimpleUploadedFile("a.jpg", jpeg().read(), "image/jpeg")})
    assert refused.status_code == 400
    assert PHOTOS_NOT_KEPT not in refused.content.decode()
    assert _state(event) == before
