"""badinput16 #9c: /review/submit/ posted twice at once made two reviews (4, 5) of the same text. The form carries a
one-time token (`core.formtokens`): the same form posted again — a double click, back and resubmit, or two posts at
the same instant — answers with the first post's review; a fresh form still makes a new one."""

from __future__ import annotations

import re

import pytest

from jianfu.core.formtokens import FORM_EXPIRED as EXPIRED
from jianfu.review import services
from jianfu.review.models import Document, DocumentVersion, Finding, Review

pytestmark = pytest.mark.django_db
DRAFT = "关于开展专项检查的通知\n一、工作要求\n（一）各乡镇每日17时前报送工作进展。"


def _token(client, url="/review/submit/") -> str:
    return re.search(r'name="form_token" value="([^"]+)"', client.get(url).content.decode()).group(1)


def _counts() -> tuple:
    return (
        Document.objects.count(),
        DocumentVersion.objects.count(),
        Review.objects.count(),
        Finding.objects.count(),
    )


def test_the_same_form_posted_twice_makes_one_review(world):
    client = world.client("dept_housing")
    token = _token(client)
    first, again = (client.post("/review/submit/", {"text": DRAFT, "form_token": token}) for _ in range(2))
    review = Review.objects.get()
    assert [first.status_code, again.status_code] == [302, 302]
    assert first["Location"] == again["Location"] == f"/review/reviews/{review.pk}/"
    assert _counts()[:3] == (1, 1, 1)


def test_two_posts_at_the_same_instant_make_one_review(world, monkeypatch):
    """The second post completes while the first is still being reviewed (after its "posted before?" look)."""
    actor = world.users["dept_housing"]
    engine = services.review_document
    twin: list = []
    calls: list = []

    def slow(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:  # the first post, reviewing: the second post arrives and completes meanwhile
            twin.append(services.review_submit(actor=actor, text=DRAFT, form_token="t" * 43))
        return engine(*args, **kwargs)

    monkeypatch.setattr(services, "review_document", slow)
    review = services.review_submit(actor=actor, text=DRAFT, form_token="t" * 43)
    assert review == twin[0]
    only = Review.objects.get()
    assert (only.pk, _counts()[:3]) == (review.pk, (1, 1, 1))
    assert Finding.objects.filter(review=only).count() == _counts()[3]


def test_a_fresh_form_makes_another_review_and_a_refused_post_keeps_its_token(world):
    client = world.client("dept_housing")
    refused = client.post("/review/submit/", {"text": "", "form_token": (token := _token(client))})
    assert refused.status_code == 400 and f'name="form_token" value="{token}"' in refused.content.decode()
    assert _counts() == (0, 0, 0, 0)
    assert client.post("/review/submit/", {"text": DRAFT, "form_token": token}).status_code == 302
    assert client.post("/review/submit/", {"text": DRAFT, "form_token": _token(client)}).status_code == 302
    assert Review.objects.count() == 2


def test_a_revision_posted_twice_is_one_new_version(world):
    client = world.client("dept_housing")
    client.post("/review/submit/", {"text": DRAFT, "form_token": _token(client)})
    document = Document.objects.get()
    url = f"/review/documents/{document.pk}/"
    token = _token(client, url)
    revised = DRAFT.replace("每日", "每月")
    answers = [client.post(f"{url}revise/", {"text": revised, "form_token": token}) for _ in range(2)]
    assert answers[0]["Location"] == answers[1]["Location"]
    assert list(document.versions.order_by("number").values_list("number", flat=True)) == [1, 2]
    assert Review.objects.count() == 2


def test_a_post_without_a_well_formed_token_is_refused_and_reviews_nothing(world):
    """mend18a #3: the web upload/paste form accepted a post without a token (a stale page, a hand-made post), so a
    repeat of it made a second review. It is refused as every web create form (`formtokens.required_key`): the
    page comes back with the text typed, a fresh token and the same message; nothing is read or stored."""
    client = world.client("dept_housing")
    for data in ({"text": DRAFT}, {"text": DRAFT, "form_token": ""}, {"text": DRAFT, "form_token": "short"}):
        refused = client.post("/review/submit/", data)
        page = refused.content.decode()
        fresh = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
        assert refused.status_code == 400 and EXPIRED in page and "各乡镇每日17时前报送工作进展" in page
        assert len(fresh) == 43 and fresh != data.get("form_token")
        assert _counts() == (0, 0, 0, 0)


def test_a_revision_without_a_token_is_refused_and_adds_no_version(world):
    client = world.client("dept_housing")
    client.post("/review/submit/", {"text": DRAFT, "form_token": _token(client)})
    document = Document.objects.get()
    before = _counts()
    refused = client.post(f"/review/documents/{document.pk}/revise/", {"text": DRAFT.replace("每日", "每月")})
    # the page again with the text pasted, not a redirect that lost it (fix30b #1)
    assert refused.status_code == 400 and EXPIRED in refused.content.decode()
    assert _counts() == before and list(document.versions.values_list("number", flat=True)) == [1]

