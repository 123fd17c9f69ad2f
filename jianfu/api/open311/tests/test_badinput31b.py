"""badinput31b #2: a media_url with an invisible character — a right-to-left override, a zero-width space — is refused
naming the argument, the character and its place; nothing is created. It was stored as sent in the event's attributes
(which no text clean-up passes) and published by every GET: ".../\u202egpj.exe" reads ".../exe.jpg"."""

from __future__ import annotations

import json

import pytest

from jianfu.dispatch.models import Event
from jianfu.open311clients.models import Open311Submission

from .conftest import HEPU_KEY

pytestmark = pytest.mark.django_db

URL = "/open311/v2/requests.json"
BASE = {"api_key": HEPU_KEY, "service_code": "ZJ-003", "lat": "21.66", "long": "109.2", "description": "危房开裂，墙体倾斜"}


@pytest.mark.parametrize(("url", "message"), [
    ("https://example.com/\u202egpj.exe",
     "参数 media_url 第 21 个字符是不可见字符（U+202E）：网址会公开显示，请去掉后再发送。"),
    ("https://example.com/a\u200b.jpg",
     "参数 media_url 第 22 个字符是不可见字符（U+200B）：网址会公开显示，请去掉后再发送。"),
    ("https://example.com/\u200fa.jpg",
     "参数 media_url 第 21 个字符是不可见字符（U+200F）：网址会公开显示，请去掉后再发送。"),
])
def test_a_media_url_with_an_invisible_character_is_refused_and_nothing_created(client, o311, url, message):
    response = client.post(URL, {**BASE, "media_url": url})
    assert response.status_code == 400
    assert json.loads(response.content) == [{"code": 400, "description": message}]
    assert (Event.objects.count(), Open311Submission.objects.count()) == (0, 0)


def test_a_plain_media_url_is_still_taken_and_published_as_sent(client, o311):
    url = "https://example.com/照片/a%20b.jpg"
    response = client.post(URL, {**BASE, "media_url": url})
    assert response.status_code == 201
    rid = json.loads(response.content)[0]["service_request_id"]
    shown = json.loads(client.get(f"/open311/v2/requests/{rid}.json", {"api_key": HEPU_KEY}).content)
    assert shown[0]["media_url"] == url
