"""newuser23 #1 on the visit form: a post refused for another field keeps its photo ("已保留 1 张照片") for the corrected
post, for the browser session that sent it only."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from jianfu.core.formtokens import token_new
from jianfu.dispatch.models import HeldPhoto
from jianfu.employment.models import Visit
from jianfu.employment.tests.factories import key_person_in

pytestmark = pytest.mark.django_db


def _jpeg(name: str = "IMG_1.jpg") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (90, 120, 30)).save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), "image/jpeg")


def _post(client, kp, **data):
    return client.post(f"/employment/people/{kp.pk}/visit/", {"form_token": token_new(), **data})


def _held(page: str) -> str:
    return re.search(r'name="held" value="([^"]+)"', page).group(1)


def test_a_refused_visit_keeps_its_photo_for_the_corrected_post(world):
    kp = key_person_in()
    client = world.client("grid_a")
    refused = _post(client, kp, photo=_jpeg())  # no outcome chosen
    page = refused.content.decode()
    assert refused.status_code == 400 and "已保留 1 张照片" in page
    assert list(HeldPhoto.objects.values_list("name", flat=True)) == ["IMG_1.jpg"]
    assert Visit.objects.count() == 0

    assert (
        _post(world.client("grid_a"), kp, outcome="met", held=_held(page)).status_code == 302
    )  # another session
    assert not Visit.objects.get().photo and HeldPhoto.objects.count() == 1
    Visit.objects.all().delete()

    assert _post(client, kp, outcome="met", held=_held(page)).status_code == 302
    visit = Visit.objects.get()
    assert visit.photo and HeldPhoto.objects.count() == 0


def test_a_bad_photo_on_the_visit_form_is_named_as_the_only_photo(world):
    kp = key_person_in()
    page = _post(world.client("grid_a"), kp, photo=SimpleUploadedFile("fake.jpg", b"no image", "image/jpeg"))
    text = page.content.decode()
    assert "照片不是有效的图片文件（支持 JPEG、PNG、WebP）。" in text and "第 1 张" not in text
    assert "已保留" not in text and HeldPhoto.objects.count() == 0
