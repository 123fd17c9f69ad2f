"""security19 #4: the review API (`POST /api/v1/review/reviews/`) ran the review engine (4–5 s on 60,000 characters)
inside `api_once`'s create transaction, which on SQLite holds the write lock throughout. The reading and reviewing
now run before it (`services.review_prepare`, the API's `create_once(before=...)`); the create only writes, and what
a repeat is answered with is unchanged."""

from __future__ import annotations

import pytest
from django.db import connection

from jianfu.core.models import ApiRepeat
from jianfu.review import services
from jianfu.review.models import Document, DocumentVersion, Finding, Review

pytestmark = pytest.mark.django_db
DRAFT = "关于开展专项检查的通知\n一、工作要求\n（一）各乡镇每日17时前报送工作进展。"
REVIEWS = "/api/v1/review/reviews/"


def _counts() -> tuple:
    return (Document.objects.count(), DocumentVersion.objects.count(), Review.objects.count(),
            Finding.objects.count(), ApiRepeat.objects.count())


@pytest.fixture
def engine_calls(monkeypatch):
    """Each run of the engine: whether it ran inside a transaction."""
    calls: list[bool] = []
    engine = services.review_document

    def recorded(*args, **kwargs):
        calls.append(connection.in_atomic_block)
        return engine(*args, **kwargs)

    monkeypatch.setattr(services, "review_document", recorded)
    return calls


@pytest.mark.django_db(transaction=True)   # no test transaction around the request: in_atomic_block is the API's
def test_the_engine_runs_outside_the_create_transaction_and_a_repeat_is_answered_as_before(world, engine_calls):
    api = world.api_client("dept_housing")
    first = api.post(REVIEWS, {"text": DRAFT}, format="json")
    assert first.status_code == 201
    assert engine_calls == [False]
    review = Review.objects.get()
    assert (first.json()["id"], first.json()["findings"] != []) == (review.pk, True)
    assert _counts()[2:] == (1, review.findings.count(), 1)
    # the same post again: the first answer, replayed, nothing written, the engine not run again (mend20 #3)
    again = api.post(REVIEWS, {"text": DRAFT}, format="json")
    assert (again.status_code, again["Idempotent-Replayed"], again.json()) == (201, "true", first.json())
    assert engine_calls == [False]
    assert _counts() == (1, 1, 1, review.findings.count(), 1)


def test_an_unreadable_post_is_refused_before_any_claim(world, engine_calls):
    api = world.api_client("dept_housing")
    refused = api.post(REVIEWS, {"text": "   "}, format="json")
    assert (refused.status_code, refused.json()["error"]["code"]) == (400, "empty")
    assert (engine_calls, _counts()) == ([], (0, 0, 0, 0, 0))


def test_a_review_prepared_for_other_inputs_is_never_stored(world):
    actor = world.users["dept_housing"]
    prepared = services.review_prepare(actor=actor, text=DRAFT)
    with pytest.raises(ValueError, match="prepared for other inputs"):
        services.review_submit(actor=actor, text=DRAFT + "（修改）", prepared=prepared)
    assert _counts() == (0, 0, 0, 0, 0)
    review = services.review_submit(actor=actor, text=DRAFT, prepared=prepared)
    assert (review.score, review.findings.count()) == (prepared.result.score, len(prepared.result.findings))
