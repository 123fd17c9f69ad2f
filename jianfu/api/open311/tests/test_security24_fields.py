"""security24 L2: the UTF-8 pre-check of a form POST (mend23a) parsed every multipart field before Django's own limit of
DATA_UPLOAD_MAX_NUMBER_FIELDS refused the body — 19,000 one-byte fields in 1 MB took 2.2 s, before the api_key was
checked. It now counts the parts as Django counts them and stops where Django would, with the endpoint's answer to too
many fields (413 "请求体过大。"); a form-urlencoded body likewise, by Django's count of its pairs."""

from __future__ import annotations

import json
import time

import pytest
from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.test import RequestFactory, override_settings

from jianfu.api.open311 import views
from jianfu.dispatch.models import Event
from jianfu.open311clients.models import Open311Submission

from .conftest import HEPU_KEY

URL = "/open311/v2/requests.json"
BOUNDARY = "b"
MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"
TOO_MANY = [{"code": 413, "description": "请求体过大。"}]


def _multipart(extra: int) -> bytes:
    base = {
        "api_key": HEPU_KEY,
        "service_code": "ZJ-003",
        "lat": "21.66",
        "long": "109.2",
        "description": "危房开裂",
    }
    parts = [(k, v.encode()) for k, v in base.items()] + [("x", b"1")] * extra
    return (
        b"".join(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n'.encode() + v + b"\r\n"
            for k, v in parts
        )
        + f"--{BOUNDARY}--\r\n".encode()
    )


def _urlencoded(extra: int) -> bytes:
    return (
        f"api_key={HEPU_KEY}&service_code=ZJ-003&lat=21.66&long=109.2&description=危房开裂".encode()
        + b"&x=1" * extra
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "content_type"), [(_multipart, MULTIPART), (_urlencoded, "application/x-www-form-urlencoded")]
)
def test_the_attackers_19000_fields_are_refused_as_django_refuses_them_at_once(
    client, o311, body, content_type
):
    data = body(19_000)
    assert len(data) < views.MAX_POST_BYTES
    client.post(URL, body(0), content_type=content_type)  # warm what every request uses
    Event.objects.all().delete()
    Open311Submission.objects.all().delete()
    start = time.process_time()
    response = client.post(URL, data, content_type=content_type)
    seconds = time.process_time() - start
    # multipart: 0.54 s of CPU here before (2.2 s wall on a server), 0.06 s now: the pre-check stops at field 2,003 as
    # Django does. The floor, measured in the same run so that a slower or busier machine moves both: Django reading
    # every one of the 19,000 fields (what the pre-check did before) — the refusal must cost well under half of it.
    every_field = _seconds_to_read_every_field(data, content_type)
    assert (response.status_code, json.loads(response.content), seconds < every_field / 2) == (
        413, TOO_MANY, True), (seconds, every_field)
    assert (Event.objects.count(), Open311Submission.objects.count()) == (0, 0)


def _seconds_to_read_every_field(data: bytes, content_type: str) -> float:
    request = RequestFactory().generic("POST", URL, data, content_type=content_type)
    with override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=None):
        start = time.process_time()
        fields = sum(len(values) for _, values in request.POST.lists())
        seconds = time.process_time() - start
    assert fields >= 19_000
    return seconds


def _refused_by(read, data: bytes, content_type: str) -> bool:
    request = RequestFactory().generic("POST", URL, data, content_type=content_type)
    try:
        read(request)
    except TooManyFieldsSent:
        return True
    return False


@pytest.mark.parametrize(
    ("body", "content_type"), [(_multipart, MULTIPART), (_urlencoded, "application/x-www-form-urlencoded")]
)
def test_the_pre_check_stops_exactly_where_django_does(body, content_type):
    limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    outcomes = []
    for extra in range(limit - 8, limit + 3):
        data = body(extra)
        django = _refused_by(lambda request: request.POST, data, content_type)
        ours = _refused_by(views._require_utf8_form, data, content_type)
        outcomes.append((django, ours))
    assert all(django == ours for django, ours in outcomes), outcomes
    # both sides of the limit are among those compared
    assert {django for django, _ in outcomes} == {True, False}


@pytest.mark.django_db
def test_a_gbk_field_before_the_limit_is_still_named(client, o311):
    data = _multipart(10).replace("危房开裂".encode(), "危房开裂".encode("gbk"))
    response = client.post(URL, data, content_type=MULTIPART)
    assert (response.status_code, json.loads(response.content)) == (
        400,
        [
            {
                "code": 400,
                "description": "参数 description 不是 UTF-8 编码（看起来是 GBK/GB18030 编码）：请以 UTF-8 编码发送表单参数。",
            }
        ],
    )
