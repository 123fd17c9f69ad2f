"""badinput15 #2: a double click or a replay of 保存 on a new meeting recorded four identical meetings."""

from __future__ import annotations

import re

import pytest

from jianfu.core import formtokens
from jianfu.monitor.models import LedgerMeeting

pytestmark = pytest.mark.django_db
URL = "/monitor/ledgers/meeting/new/"


def _token(client) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', client.get(URL).content.decode()).group(1)


def _meeting(token: str, title: str = "双击会议BI15") -> dict:
    return {"date": "2025-03-01", "title": title, "issuer": "林业局", "duration_minutes": "30",
            "village_secretaries_required": "1", "form_token": token}


def test_the_same_form_posted_four_times_records_one_meeting(world):
    client = world.client("village_a")
    token = _token(client)
    before = LedgerMeeting.objects.count()
    answers = [client.post(URL, _meeting(token)) for _ in range(4)]
    assert [r.status_code for r in answers] == [302] * 4
    assert len({r["Location"] for r in answers}) == 1          # every repeat lands on the one meeting
    assert LedgerMeeting.objects.count() == before + 1
    followed = client.get(answers[-1]["Location"])
    assert followed.status_code == 200
    # a fresh form is another meeting
    assert client.post(URL, _meeting(_token(client))).status_code == 302
    assert LedgerMeeting.objects.count() == before + 2


def test_two_posts_at_the_same_instant_store_one(world, monkeypatch):
    """Both passed the "posted before?" look at once: the unique form_key refuses the second insert, which answers
    with the first one's row."""
    monkeypatch.setattr(formtokens, "once", formtokens.create_once)
    client = world.client("village_a")
    token = _token(client)
    before = LedgerMeeting.objects.count()
    answers = [client.post(URL, _meeting(token)) for _ in range(3)]
    assert [r.status_code for r in answers] == [302] * 3 and len({r["Location"] for r in answers}) == 1
    assert LedgerMeeting.objects.count() == before + 1


def test_a_post_without_a_token_records_nothing_and_keeps_the_typing(world):
    """ADR 0035: a hand-made post, or a page from before tokens, recorded a meeting per post."""
    client = world.client("village_a")
    before = LedgerMeeting.objects.count()
    for token in ("", "short"):
        page = client.post(URL, _meeting(token))
        text = page.content.decode()
        assert page.status_code == 400 and "表单已失效，您填写的内容仍保留在页面上，请核对后再次点击提交。" in text
        assert 'value="双击会议BI15"' in text and re.search(r'name="form_token" value="[A-Za-z0-9_-]{43}"', text)
    assert LedgerMeeting.objects.count() == before
