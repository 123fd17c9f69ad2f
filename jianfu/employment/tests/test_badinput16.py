"""The bad-input attack of session 16 (/work/briefs/badinput16-REPORT.md): its employment findings as tests."""

from __future__ import annotations

import pytest

from jianfu.core.formtokens import token_new
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
            # another form's submit (its own token): a duplicate, not a repeat of this form
            won.append(real(**{**kw, "actor": world.users["county_office"], "form_key": None}))
        return real(**kw)

    monkeypatch.setattr(postings, "_posting_write", write)
    return won


def _state():
    return (list(Posting.objects.values_list("pk", "title")), Organisation.objects.count(), AuditRecord.objects.count())


class TestConcurrentPostingCreate:
    """#1: two identical creates at once gave 302 + 500 on the web and 201 + 500 on the API (IntegrityError)."""

    def test_web_loser_gets_the_duplicate_message(self, world, monkeypatch):
        # the web form's write runs in a savepoint (formtokens.create_once, fix-left17): the other submit — another
        # form, its own token — lands just before it, in its own transaction
        from jianfu.core import formtokens

        real = formtokens.create_once
        won = []

        def create_once(found, form_key, create, **options):
            if not won:
                won.append(postings.posting_create(actor=world.users["county_office"], data=dict(POSTING)))
            return real(found, form_key, create, **options)

        monkeypatch.setattr(formtokens, "create_once", create_once)
        r = world.client("county_office").post("/employment/postings/new/", {**POSTING, "form_token": token_new()})
        assert [p.title for p in won] == ["双击岗位"]
        assert r.status_code == 400
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


def _profile_form(response) -> dict:
    form = response.context["form"]
    data = {name: form.initial.get(name) for name in form.fields}
    return {k: v for k, v in data.items() if v not in (None, "")}


class TestProfileLostUpdate:
    """#3: 求职登记 in two tabs: tab 1 set the wage, tab 2 the other limits, and tab 1's wage went back to 4000."""

    def _profile(self, kp):
        from jianfu.employment.models import SeekerProfile

        return SeekerProfile.objects.values_list("wage_min", "wage_max", "limits_note", "updated_at").get(
            key_person=kp)

    def test_the_stale_tab_is_refused_naming_what_changed(self, world):
        from jianfu.employment.tests.factories import key_person_in

        kp = key_person_in(profile={"desired_text": "想进厂", "wage_min": 4000, "wage_max": 4000})
        url = f"/employment/people/{kp.pk}/profile/"
        tab1, tab2 = world.client("village_a"), world.client("village_a")
        form1, form2 = _profile_form(tab1.get(url)), _profile_form(tab2.get(url))
        assert form1["version"] and form1 == form2
        assert tab1.post(url, {**form1, "wage": "5500"}).status_code == 302
        saved, audits = self._profile(kp), AuditRecord.objects.count()

        r = tab2.post(url, {**form2, "limits_note": "不能上夜班"})
        assert r.status_code == 400
        [message] = r.context["form"].non_field_errors()
        assert message.startswith("您在打开表单之后已经保存过这条记录（可能是重复提交），本次没有保存。您保存过的修改：期望月薪：“4000”改为“5500以上”（village_a，")
        assert (self._profile(kp), AuditRecord.objects.count()) == (saved, audits)
        assert r.context["form"].data["limits_note"] == "不能上夜班"
        assert r.context["form"].data["version"] != form2["version"]
        # saved again after checking: a deliberate save of what the form now shows
        assert tab2.post(url, {**r.context["form"].data.dict(), "wage": "5500"}).status_code == 302
        assert self._profile(kp)[:3] == (5500, None, "不能上夜班")

    def test_a_form_opened_before_the_profile_existed_does_not_overwrite_it(self, world):
        from jianfu.employment.models import SeekerProfile
        from jianfu.employment.tests.factories import key_person_in

        kp = key_person_in()
        url = f"/employment/people/{kp.pk}/profile/"
        tab1, tab2 = world.client("village_a"), world.client("village_a")
        form1, form2 = _profile_form(tab1.get(url)), _profile_form(tab2.get(url))
        assert form1["version"] == "new"
        first = tab1.post(url, {**form1, "desired_text": "想进厂", "wage": "5500"})
        assert first.status_code == 302, first.context["form"].errors
        saved, audits = self._profile(kp), AuditRecord.objects.count()
        r = tab2.post(url, {**form2, "limits_note": "不能上夜班"})
        assert r.status_code == 400
        [message] = r.context["form"].non_field_errors()
        assert "期望月薪：“—”改为“5500以上”（village_a，" in message
        assert (self._profile(kp), AuditRecord.objects.count(), SeekerProfile.objects.count()) == (saved, audits, 1)

    def test_the_same_first_save_twice_at_once_is_refused_not_500(self, world, monkeypatch):
        from jianfu.employment import services
        from jianfu.employment.models import SeekerProfile
        from jianfu.employment.tests.factories import key_person_in

        kp = key_person_in()
        # the other request made the profile after this one read the person (no profile then) and before its insert
        real = services._profile_save

        def raced(**kw):
            real(**{**kw, "key_person": type(kp).objects.get(pk=kp.pk), "version": None,
                    "data": {"desired_text": "想开车", "wage": "6000"}})
            return real(**kw)

        monkeypatch.setattr(services, "_profile_save", raced)
        url = f"/employment/people/{kp.pk}/profile/"
        r = world.client("village_a").post(url, {"version": "new", "desired_text": "想进厂", "wage": "5500"})
        assert r.status_code == 400
        assert "您在打开表单之后已经保存过这条记录" in r.context["form"].non_field_errors()[0]
        assert list(SeekerProfile.objects.values_list("desired_text", "wage_min")) == [("想开车", 6000)]


@pytest.mark.django_db(transaction=True)
def test_two_creates_at_the_same_instant_write_one_posting(world, monkeypatch):
    """#1 for real: two requests pass the duplicate check together, then both insert. On PostgreSQL the two run in
    threads (the loser's insert waits on the unique index, then fails and is answered as a duplicate); the test
    database on SQLite is in memory with one writer at a time, so there the second submit follows the first."""
    from django.db import connection

    from jianfu.core.errors import ApplicationError
    from jianfu.core.testing.race import Race

    office = world.users["county_office"]
    message = "与已有岗位重复（双击测试单位 双击岗位）。"
    if connection.vendor == "sqlite":
        postings.posting_create(actor=office, data=POSTING)
        with pytest.raises(ApplicationError) as exc:
            postings.posting_create(actor=office, data=POSTING)
        assert (exc.value.code, exc.value.message) == ("duplicate_posting", message)
        assert list(Posting.objects.values_list("title", flat=True)) == ["双击岗位"]
        return
    race = Race(timeout=5)
    race.hold_before(monkeypatch, postings, "_posting_write")   # both have passed the "already registered?" check
    outcomes = race.run(*[lambda: postings.posting_create(actor=office, data=POSTING)] * 2)
    results = [o.pk for o in outcomes if isinstance(o, Posting)]
    refusals = [(o.code, o.message, o.field) for o in outcomes if isinstance(o, ApplicationError)]
    assert [repr(o) for o in outcomes if isinstance(o, Exception) and not isinstance(o, ApplicationError)] == []
    assert (len(results), refusals) == (1, [("duplicate_posting", message, "title")])
    assert list(Posting.objects.values_list("pk", flat=True)) == results
    assert Organisation.objects.filter(name="双击测试单位").count() == 1
