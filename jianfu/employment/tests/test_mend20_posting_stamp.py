"""mend20 #5: a posting write moves its `updated_at`, which the county's text model is found under (the open postings'
stamp, `matchsvc._postings_stamp`): a `save(update_fields=[...])` that does not list it (auto_now is set only when
listed), and the set-based status writes (the daily expiry, an import's confirmation or withdrawal), left it where it
was."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.employment import matchsvc
from jianfu.employment import postings as posting_services
from jianfu.employment.models import Posting, PostingStatus
from jianfu.employment.tests.factories import posting_in
from jianfu.employment.tests.test_seeker_index import TOWN

pytestmark = pytest.mark.django_db
OLD = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


def test_a_save_of_some_fields_moves_the_stamp_and_the_text_model_s_key():
    posting = posting_in(TOWN, title="海产品分拣工")
    Posting.objects.filter(pk=posting.pk).update(updated_at=OLD)
    before = matchsvc._postings_stamp()
    posting.title = "冻虾分拣工"
    posting.save(update_fields=["title"])
    saved = Posting.objects.get(pk=posting.pk)
    assert (saved.title, saved.updated_at > OLD) == ("冻虾分拣工", True)
    assert matchsvc._postings_stamp() != before
    # nothing listed, nothing written (Django's rule for an empty list)
    Posting.objects.filter(pk=posting.pk).update(updated_at=OLD)
    posting.save(update_fields=[])
    assert Posting.objects.get(pk=posting.pk).updated_at == OLD


def test_the_daily_expiry_moves_the_closed_postings_stamp():
    expired = posting_in(TOWN, valid_until=dt.date(2026, 1, 1))
    kept = posting_in(TOWN, title="包装工", valid_until=dt.date(2027, 1, 1))
    Posting.objects.update(updated_at=OLD)
    assert posting_services.postings_expire(today=dt.date(2026, 12, 5)) == 1
    rows = dict(Posting.objects.values_list("pk", "updated_at"))
    assert (Posting.objects.get(pk=expired.pk).status, rows[expired.pk] > OLD, rows[kept.pk]) == (
        PostingStatus.CLOSED, True, OLD)
