"""mend24 #3: a visit photo whose file name a phone sent raw in GBK (not UTF-8) was dropped by Django's multipart parser
and the visit recorded without it, nobody told. The visit form now refuses it as the other upload forms do
(`jianfu.core.uploads.FileNameWatch`), nothing recorded, nothing held."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from jianfu.core.formtokens import token_new
from jianfu.dispatch.models import HeldPhoto
from jianfu.employment.models import Visit
from jianfu.employment.tests.factories import key_person_in

pytestmark = pytest.mark.django_db

BOUNDARY = "----jianfu-mend24"
NAME = "走访照片（曲木村）.jpg"
REFUSAL = "照片的文件名无法识别（编码不是 UTF-8），请改用中文或英文文件名后重试。"


def _body(file_name: bytes) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (90, 120, 30)).save(out, format="JPEG")
    fields = {"form_token": token_new(), "outcome": "met", "next_step": "下周再联系"}
    body = b"".join(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    )
    body += (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="photo"; filename="'.encode()
        + file_name
        + b'"\r\nContent-Type: image/jpeg\r\n\r\n'
        + out.getvalue()
        + b"\r\n"
    )
    return body + f"--{BOUNDARY}--\r\n".encode()


def _post(client, kp, file_name: bytes):
    return client.generic(
        "POST",
        f"/employment/people/{kp.pk}/visit/",
        _body(file_name),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )


def test_a_visit_photo_with_a_raw_gbk_name_is_refused_not_dropped(world):
    kp = key_person_in()
    client = world.client("grid_a")
    response = _post(client, kp, NAME.encode("gbk"))
    page = response.content.decode()
    assert response.status_code == 400
    assert page.count(REFUSAL) == 1
    assert "下周再联系" in page  # the form again, what was typed kept
    assert (Visit.objects.count(), HeldPhoto.objects.count()) == (0, 0)

    response = _post(client, kp, NAME.encode())
    assert response.status_code == 302
    visit = Visit.objects.get()
    assert (visit.outcome, visit.next_step, bool(visit.photo)) == ("met", "下周再联系", True)
