"""cr18 #3 (ADR 0036): a web form's sender is its one-time token, and a repeat is the same token with the same
content. Draft A submitted, then back, A edited into draft B and 提交 with the same token was answered with A's review:
B was never reviewed. Now the same token with another draft (or title) is an expired form, nothing read or stored;
the exact same post is still answered with the first review."""

from __future__ import annotations

import re

import pytest

from jianfu.core.formtokens import FORM_EXPIRED as EXPIRED
from jianfu.core.models import AuditRecord
from jianfu.review.models import Document, DocumentVersion, Finding, Review

pytestmark = pytest.mark.django_db
URL = "/review/submit/"
A = "关于开展专项检查的通知\n一、工作要求\n（一）各乡镇每日17时前报送工作进展。"
B = "关于做好秋冬季防火工作的通知\n一、各村加强巡查。"


def _token(client) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', client.get(URL).content.decode()).group(1)


def _state() -> tuple:
    return (list(Review.objects.values_list("pk", "version__text", "version__document__title")),
            Document.objects.count(), DocumentVersion.objects.count(), Finding.objects.count(),
            AuditRecord.objects.count())


def test_the_same_draft_again_is_answered_with_its_review(world):
    client = world.client("dept_housing")
    token = _token(client)
    first = client.post(URL, {"text": A, "title": "专项检查", "form_token": token})
    review = Review.objects.get()
    before = _state()
    again = client.post(URL, {"text": A, "title": "专项检查", "form_token": token})
    assert (first.status_code, first["Location"]) == (302, f"/review/reviews/{review.pk}/")
    assert (again.status_code, again["Location"]) == (302, f"/review/reviews/{review.pk}/")
    assert _state() == before and Review.objects.count() == 1


@pytest.mark.parametrize("edited", [{"text": B, "title": "专项检查"}, {"text": A, "title": "另一个标题"}])
def test_the_same_token_with_another_draft_or_title_is_refused_and_stores_nothing(world, edited):
    client = world.client("dept_housing")
    token = _token(client)
    client.post(URL, {"text": A, "title": "专项检查", "form_token": token})
    before = _state()
    r = client.post(URL, {**edited, "form_token": token})
    text = r.content.decode()
    assert r.status_code == 400 and EXPIRED in text
    assert f"/review/reviews/{Review.objects.get().pk}/" not in text
    assert re.search(r'name="form_token" value="([^"]+)"', text).group(1) != token   # a fresh token
    assert _state() == before
    assert list(Review.objects.values_list("version__text", flat=True)) == [A]


def test_an_old_review_without_a_content_key_is_not_answered_to_a_repost(world):
    """A review stored before the content key (null) cannot tell a repeat from an edit: a repost is an expired form."""
    client = world.client("dept_housing")
    token = _token(client)
    client.post(URL, {"text": A, "form_token": token})
    Review.objects.update(form_content_key=None)
    before = _state()
    r = client.post(URL, {"text": A, "form_token": token})
    assert r.status_code == 400 and EXPIRED in r.content.decode()
    assert _state() == before
