"""mend23a #3: a multipart/form-data POST is held to the form rule of session 22 — a field that is not UTF-8 is refused
with 400 naming the field and what it looks like, and nothing is created; a UTF-8 one is read as written."""

from __future__ import annotations

import base64
import json

import pytest

from jianfu.dispatch.models import Event
from jianfu.open311clients.models import Open311Submission

from .conftest import HEPU_KEY

pytestmark = pytest.mark.django_db

URL = "/open311/v2/requests.json"
BOUNDARY = "mend23aBoundary7MA4YWxkTrZu0gW"
MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"


def _part(name: str, value: bytes, *, headers: str = "") -> bytes:
    return (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n{headers}\r\n").encode() + value + b"\r\n"


def _body(**fields: bytes) -> bytes:
    base = {"api_key": HEPU_KEY.encode(), "service_code": b"ZJ-003", "lat": b"21.66", "long": b"109.2"}
    return b"".join(_part(k, v) for k, v in {**base, **fields}.items()) + f"--{BOUNDARY}--\r\n".encode()


def _nothing_created():
    assert (Event.objects.count(), Open311Submission.objects.count()) == (0, 0)


def test_a_gbk_multipart_field_is_refused_naming_the_field(client, o311):
    response = client.post(URL, _body(description="危房开裂，墙体倾斜".encode("gbk")), content_type=MULTIPART)
    assert response.status_code == 400
    assert json.loads(response.content) == [{
        "code": 400, "description": "参数 description 不是 UTF-8 编码（看起来是 GBK/GB18030 编码）：请以 UTF-8 编码发送表单参数。"}]
    _nothing_created()


def test_the_field_named_is_the_bad_one_not_the_first(client, o311):
    response = client.post(URL, _body(description="危房开裂".encode(), address_string="曲木村委会旁".encode("gbk")),
                           content_type=MULTIPART)
    assert response.status_code == 400
    assert json.loads(response.content)[0]["description"].startswith("参数 address_string 不是 UTF-8 编码（看起来是 GBK")
    _nothing_created()


def test_a_part_declaring_gbk_itself_is_refused_too(client, o311):
    body = (_part("api_key", HEPU_KEY.encode()) + _part("service_code", b"ZJ-003")
            + _part("description", "危房开裂".encode("gbk"), headers="Content-Type: text/plain; charset=GBK\r\n")
            + f"--{BOUNDARY}--\r\n".encode())
    response = client.post(URL, body, content_type=MULTIPART)
    assert response.status_code == 400
    assert json.loads(response.content)[0]["description"].startswith("参数 description 不是 UTF-8 编码")
    _nothing_created()


def test_a_base64_part_is_checked_as_decoded(client, o311):
    body = (_part("api_key", HEPU_KEY.encode()) + _part("service_code", b"ZJ-003")
            + _part("description", base64.b64encode("危房开裂".encode("gbk")),
                    headers="Content-Transfer-Encoding: base64\r\n")
            + f"--{BOUNDARY}--\r\n".encode())
    response = client.post(URL, body, content_type=MULTIPART)
    assert response.status_code == 400
    assert json.loads(response.content)[0]["description"].startswith("参数 description 不是 UTF-8 编码（看起来是 GBK")
    _nothing_created()


def test_bytes_neither_utf8_nor_gb18030_are_refused(client, o311):
    response = client.post(URL, _body(description=b"\xff\xfe\xff"), content_type=MULTIPART)
    assert response.status_code == 400
    assert "参数 description 不是 UTF-8 编码（编码无法识别）" in json.loads(response.content)[0]["description"]
    _nothing_created()


def test_a_multipart_body_naming_another_charset_is_refused_in_words(client, o311):
    # generic(): post() would re-encode the body to the declared charset
    response = client.generic("POST", URL, _body(description="危房开裂".encode("gbk")),
                              content_type=f"{MULTIPART}; charset=GBK")
    assert response.status_code == 400
    assert json.loads(response.content) == [{"code": 400,
                                             "description": "不支持字符集 GBK：请以 UTF-8 编码发送表单参数。"}]
    _nothing_created()


def test_a_utf8_multipart_body_is_read_as_written(client, o311):
    text = "危房开裂，墙体倾斜"
    assert client.post(URL, _body(description=text.encode()), content_type=MULTIPART).status_code == 201
    # the test client's own multipart encoding (UTF-8), as a library client would send it
    response = client.post(URL, {"api_key": HEPU_KEY, "service_code": "ZJ-003", "lat": "21.66", "long": "109.2",
                                 "description": text})
    assert response.status_code == 201, response.content
    assert list(Event.objects.order_by("id").values_list("text", flat=True)) == [text, text]
    assert Open311Submission.objects.count() == 2
