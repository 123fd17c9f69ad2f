"""mend20 #3: an API replay of a review (the same Idempotency-Key, or the same post within ten minutes) is answered
from the kept answer without reading and reviewing the document again (`review_prepare`, seconds of CPU); the same
key with other content is refused before that work too. A post whose answer is not kept still does it."""

from __future__ import annotations

import pytest

from jianfu.core.models import ApiRepeat
from jianfu.review import services
from jianfu.review.models import Document, Review

pytestmark = pytest.mark.django_db
DRAFT = "关于开展专项检查的通知\n一、工作要求\n（一）各乡镇每日17时前报送工作进展。"
REVIEWS = "/api/v1/review/reviews/"
KEY = "r" * 40


@pytest.fixture
def prepared(monkeypatch):
    """The texts `review_prepare` read and reviewed, in order."""
    texts: list[str | None] = []
    prepare = services.review_prepare

    def recorded(**kwargs):
        texts.append(kwargs.get("text"))
        return prepare(**kwargs)

    monkeypatch.setattr(services, "review_prepare", recorded)
    return texts


def _counts() -> tuple[int, int, int]:
    return Document.objects.count(), Review.objects.count(), ApiRepeat.objects.count()


def test_a_replay_with_the_same_key_is_answered_without_reviewing_again(world, prepared):
    api = world.api_client("dept_housing")
    first = api.post(REVIEWS, {"text": DRAFT}, format="json", HTTP_IDEMPOTENCY_KEY=KEY)
    assert first.status_code == 201, first.content
    again = api.post(REVIEWS, {"text": DRAFT}, format="json", HTTP_IDEMPOTENCY_KEY=KEY)
    assert (again.status_code, again["Idempotent-Replayed"], again.json()) == (201, "true", first.json())
    assert (prepared, _counts()) == ([DRAFT], (1, 1, 1))
    reused = api.post(REVIEWS, {"text": DRAFT + "\n（二）另一条。"}, format="json", HTTP_IDEMPOTENCY_KEY=KEY)
    assert (reused.status_code, reused.json()["error"]["code"]) == (400, "idempotency_key_reused")
    assert (prepared, _counts()) == ([DRAFT], (1, 1, 1))


def test_a_keyless_repeat_is_answered_without_reviewing_and_a_deleted_review_is_made_again(world, prepared):
    api = world.api_client("dept_housing")
    first = api.post(REVIEWS, {"text": DRAFT}, format="json")
    again = api.post(REVIEWS, {"text": DRAFT}, format="json")
    assert (again.status_code, again.json()["id"], prepared) == (201, first.json()["id"], [DRAFT])
    # its review gone, the kept answer is no answer: the post is reviewed and created again
    Review.objects.all().delete()
    Document.objects.all().delete()
    third = api.post(REVIEWS, {"text": DRAFT}, format="json")
    assert (third.status_code, "Idempotent-Replayed" in third, prepared) == (201, False, [DRAFT, DRAFT])
    assert _counts() == (1, 1, 1)
