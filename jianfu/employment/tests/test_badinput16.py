"""The bad-input attack of session 16 (/work/briefs/badinput16-REPORT.md): its employment findings as tests."""

from __future__ import annotations

import pytest

from jianfu.core.models import AuditRecord
from jianfu.employment import postings
from jianfu.employment.models import Posting
from jianfu.registry.models import Organisation

pytestmark = pytest.mark.django_db

POSTING = {"employer": "双击测试单位", "title": "双击岗位", "headcount": "2", "age": "18-50", "wage": "4000",
           "place": "廉州镇", "description": "双击", "valid_until": "2027-03-01", "contact_name": "王",
           "contact_phone": "13800138001"}


@pytest.fixture
def the_other_submit_wins_meanwhile(world, monkeypatch):
    """The same posting submitted twice at once (#1): the other request writes it after this one's "already
    registered?" check and before this one's insert, so the insert clashes on the unique fingerprint."""
    real = postings._posting_write
    won = []

    def write(**kw):
        if not won:
            won.append(real(**{**kw, "actor": world.users["county_office"]}))
        return real(**kw)

    monkeypatch.setattr(postings, "_posting_write", write)
    return won


def _state():
    return (list(Posting.objects.values_list("pk", "title")), Organisation.objects.count(), AuditRecord.objects.count())


class TestConcurrentPostingCreate:
    """#1: two identical creates at once gave 302 + 500 on the web and 201 + 500 on the API (IntegrityError)."""

    def test_web_loser_gets_the_duplicate_message(self, world, the_other_submit_wins_meanwhile):
        r = world.client("county_office").post("/employment/postings/new/", POSTING)
        assert [p.title for p in the_other_submit_wins_meanwhile] == ["双击岗位"]
        assert r.status_code == 200
        assert r.context["form"].errors == {"title": ["与已有岗位重复（双击测试单位 双击岗位）。"]}
        assert list(Posting.objects.values_list("title", flat=True)) == ["双击岗位"]
        assert Organisation.objects.filter(name="双击测试单位").count() == 1

    def test_api_loser_gets_400_as_a_resubmit_does(self, world, the_other_submit_wins_meanwhile):
        api = world.api_client("county_office")
        r = api.post("/api/v1/employment/postings/", POSTING, format="json")
        message = "与已有岗位重复（双击测试单位 双击岗位）。"
        assert r.status_code == 400
        assert r.json() == {"error": {"code": "duplicate_posting", "message": message, "fields": {"title": [message]}}}
        # nothing of the loser's written: one posting, one employer, the winner's two audit records
        before = _state()
        assert (len(before[0]), before[1]) == (1, Organisation.objects.filter(name="双击测试单位").count())
        assert AuditRecord.objects.filter(action__startswith="employment.").count() == 2
        # and a resubmit one after the other answers exactly the same
        again = api.post("/api/v1/employment/postings/", POSTING, format="json")
        assert (again.status_code, again.json()) == (r.status_code, r.json())
        assert _state() == before

    def test_another_integrity_error_is_not_taken_for_a_duplicate(self, world, monkeypatch):
        from django.db import IntegrityError

        def clash(**kw):
            raise IntegrityError("another constraint")

        monkeypatch.setattr(postings, "_posting_write", clash)
        with pytest.raises(IntegrityError):
            postings.posting_create(actor=world.users["county_office"], data=POSTING)
        assert Posting.objects.count() == 0
