"""The 纳入帮扶 form and the 发布岗位 form carry the one-time form token (ADR 0035, fix-left17): a double tap or back then
submit again makes one row, and the second post is answered as the other create forms answer it — a redirect to
what the first post made, with "该表单已提交过…"; a post without a token is refused with nothing written."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.core.formtokens import FORM_EXPIRED as EXPIRED
from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.employment import postings, services
from jianfu.employment.models import KeyPerson, Posting, StatusChange
from jianfu.employment.tests.factories import person_in

pytestmark = pytest.mark.django_db

POSTING = {"employer": "令牌测试单位", "title": "分拣工", "headcount": "2", "age": "18-50", "wage": "4000",
           "place": "廉州镇", "description": "冻虾分拣", "valid_until": "2027-03-01", "contact_name": "王",
           "contact_phone": "13800138001"}


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_the_take_in_form_renders_a_token_and_a_double_post_makes_one_key_person(world):
    person = person_in(name="黄秀梅", birth=dt.date(1988, 5, 6))
    client = world.client("village_a")
    page = client.get("/employment/people/add/", {"person": person.pk}).content.decode()
    assert 'name="form_token" value="' in page and 'name="form_token_back"' in page
    data = {"person": person.pk, "groups": ["is_rural_labour"], "form_token": token_new()}
    first = client.post("/employment/people/add/", data)
    kp = KeyPerson.objects.get(person=person)
    audits = AuditRecord.objects.count()
    second = client.post("/employment/people/add/", {**data, "groups": ["is_rural_labour"]}, follow=True)
    assert first["Location"] == f"/employment/people/{kp.pk}/profile/"
    assert second.redirect_chain == [(f"/employment/people/{kp.pk}/profile/", 302)]
    assert "该表单已提交过，黄秀梅已纳入就业帮扶，没有重复登记。" in _messages(second)
    assert (KeyPerson.objects.count(), StatusChange.objects.filter(key_person=kp).count()) == (1, 1)
    assert AuditRecord.objects.count() == audits
    assert kp.form_key and len(kp.form_key) == 64


def test_the_take_in_forms_twin_at_the_same_instant_is_answered_as_a_repeat(world, monkeypatch):
    person = person_in(name="王军", birth=dt.date(1985, 3, 1))
    token = token_new()
    twin, created = services.key_person_create_from_form(form_token=token, actor=world.users["village_a"],
                                                         person_id=person.pk, data={"is_rural_labour": True})
    assert created
    from jianfu.core import formtokens

    real = formtokens.earlier
    calls = []
    monkeypatch.setattr(formtokens, "earlier", lambda found, key, own=None: calls.append(key) or (
        None if len(calls) == 1 else real(found, key, own=own)))
    kp, created = services.key_person_create_from_form(form_token=token, actor=world.users["village_a"],
                                                       person_id=person.pk, data={"is_rural_labour": True})
    assert (created, kp.pk, KeyPerson.objects.count(), len(calls)) == (False, twin.pk, 1, 2)
    # another form's post (its own token) for the same person is still the duplicate it was
    with pytest.raises(services.ApplicationError) as exc:
        services.key_person_create_from_form(form_token=token_new(), actor=world.users["village_a"],
                                             person_id=person.pk, data={"is_rural_labour": True})
    assert (exc.value.code, exc.value.message) == ("duplicate", "王军已在就业帮扶名单中。")


def test_the_take_in_form_without_a_token_is_refused_and_writes_nothing(world):
    person = person_in(name="李四", birth=dt.date(1990, 1, 1))
    before = (KeyPerson.objects.count(), AuditRecord.objects.count())
    r = world.client("village_a").post("/employment/people/add/", {"person": person.pk, "groups": ["is_rural_labour"]})
    assert r.status_code == 400
    assert r.context["form"].non_field_errors() == [EXPIRED]
    assert (KeyPerson.objects.count(), AuditRecord.objects.count()) == before
    # the page comes back with a fresh token
    assert 'name="form_token" value="' in r.content.decode()


def test_the_posting_form_renders_a_token_and_a_double_post_publishes_one_posting(world):
    client = world.client("county_office")
    page = client.get("/employment/postings/new/").content.decode()
    assert 'name="form_token" value="' in page and 'name="form_token_back"' in page
    data = {**POSTING, "form_token": token_new()}
    first = client.post("/employment/postings/new/", data)
    posting = Posting.objects.get()
    audits = AuditRecord.objects.count()
    second = client.post("/employment/postings/new/", data, follow=True)
    assert first["Location"] == f"/employment/postings/{posting.pk}/"
    assert second.redirect_chain == [(f"/employment/postings/{posting.pk}/", 302)]
    assert _messages(second) == ["该表单已提交过，没有重复发布岗位。"]
    assert (Posting.objects.count(), AuditRecord.objects.count()) == (1, audits)
    # another form (its own token) with the same posting is a duplicate, as before: refused on the title
    other = client.post("/employment/postings/new/", {**POSTING, "form_token": token_new()})
    assert other.status_code == 400
    assert other.context["form"].errors == {"title": ["与已有岗位重复（令牌测试单位 分拣工）。"]}
    assert Posting.objects.count() == 1


def test_the_posting_forms_twin_at_the_same_instant_is_answered_as_a_repeat(world, monkeypatch):
    from jianfu.core import formtokens

    token = token_new()
    # the twin is the same form's post (a repeat is the same token and the same content: security18 #2)
    world.client("county_office").post("/employment/postings/new/", {**POSTING, "form_token": token})
    twin = Posting.objects.get()
    real = formtokens.earlier
    calls = []
    monkeypatch.setattr(formtokens, "earlier", lambda found, key, own=None: calls.append(key) or (
        None if len(calls) == 1 else real(found, key, own=own)))
    r = world.client("county_office").post("/employment/postings/new/", {**POSTING, "form_token": token},
                                           follow=True)
    assert r.redirect_chain == [(f"/employment/postings/{twin.pk}/", 302)]
    assert _messages(r) == ["该表单已提交过，没有重复发布岗位。"]
    assert (Posting.objects.count(), len(calls)) == (1, 2)


def test_the_posting_form_without_a_token_is_refused_and_writes_nothing(world):
    before = (Posting.objects.count(), AuditRecord.objects.count())
    r = world.client("county_office").post("/employment/postings/new/", POSTING)
    assert r.status_code == 400
    assert r.context["form"].non_field_errors() == [EXPIRED]
    assert (Posting.objects.count(), AuditRecord.objects.count()) == before


# ---------------------------------------------------------------- security18 #2: whose repeat it is

VILLAGE_B = "450521200201"


def _take_in_counts() -> tuple[int, int, int]:
    return KeyPerson.objects.count(), StatusChange.objects.count(), AuditRecord.objects.count()


def test_the_take_in_token_posted_by_another_village_for_its_own_person_is_refused_not_answered(world):
    """village_b posting village_a's token (a shared computer, a copied request) for its own person was answered with
    village_a's key person ("该表单已提交过，乙村人已纳入…", a redirect to a 404) and its own person silently not taken
    in. Now: an expired form, nothing written; a fresh form then takes the person in."""
    mine = person_in(name="甲村人", birth=dt.date(1988, 5, 6))
    theirs = person_in(VILLAGE_B, None, name="乙村人", birth=dt.date(1987, 5, 6))
    token = token_new()
    world.client("village_a").post("/employment/people/add/", {"person": mine.pk, "groups": ["is_rural_labour"],
                                                                "form_token": token})
    kp = KeyPerson.objects.get()
    before = _take_in_counts()
    client = world.client("village_b")
    r = client.post("/employment/people/add/", {"person": theirs.pk, "groups": ["is_rural_labour"],
                                                "form_token": token})
    assert r.status_code == 400
    assert r.context["form"].non_field_errors() == [EXPIRED]
    assert _messages(r) == []
    assert "甲村人" not in r.content.decode() and f"/employment/people/{kp.pk}/" not in r.content.decode()
    assert _take_in_counts() == before
    assert list(KeyPerson.objects.values_list("person__name", "org_code")) == [("甲村人", "450521200206")]
    again = client.post("/employment/people/add/", {"person": theirs.pk, "groups": ["is_rural_labour"],
                                                    "form_token": token_new()})
    theirs_kp = KeyPerson.objects.get(person=theirs)
    assert (again.status_code, again["Location"]) == (302, f"/employment/people/{theirs_kp.pk}/profile/")


def test_the_take_in_token_posted_again_for_another_person_or_other_groups_is_refused(world):
    """The same account's token posted again with another person (back, pick the next one, 纳入帮扶) or with other
    groups for the same person is not a repeat: refused, nothing written, the first key person as it was."""
    p1 = person_in(name="甲一", birth=dt.date(1988, 5, 6))
    p2 = person_in(name="甲二", birth=dt.date(1989, 5, 6))
    token = token_new()
    client = world.client("village_a")
    client.post("/employment/people/add/", {"person": p1.pk, "groups": ["is_rural_labour"], "form_token": token},
                follow=True)
    kp = KeyPerson.objects.get()
    before = _take_in_counts()
    for data in ({"person": p2.pk, "groups": ["is_rural_labour"]},
                 {"person": p1.pk, "groups": ["is_rural_labour", "is_returning_migrant"]}):
        r = client.post("/employment/people/add/", {**data, "form_token": token})
        assert (r.status_code, r.context["form"].non_field_errors(), _messages(r)) == (400, [EXPIRED], [])
        assert _take_in_counts() == before
    kp.refresh_from_db()
    assert (KeyPerson.objects.filter(person=p2).exists(), kp.is_rural_labour, kp.is_returning_migrant) == (False, True, False)
    # the same content again is still the repeat it was
    r = client.post("/employment/people/add/", {"person": p1.pk, "groups": ["is_rural_labour"], "form_token": token},
                    follow=True)
    assert r.redirect_chain == [(f"/employment/people/{kp.pk}/profile/", 302)]
    assert _messages(r) == ["该表单已提交过，甲一已纳入就业帮扶，没有重复登记。"]
    assert _take_in_counts() == before


@pytest.mark.parametrize("who, other", [("town_quzhang", True), ("town_quzhang", False), ("county_office", True)])
def test_the_posting_token_of_another_account_or_with_another_posting_is_refused(world, who, other):
    """The 发布岗位 token posted by another account (the same or another posting) or by its own account with another
    posting (back, edit, 保存) was answered "该表单已提交过" with the first posting, the new one dropped. Now: an
    expired form, nothing written."""
    token = token_new()
    world.client("county_office").post("/employment/postings/new/", {**POSTING, "form_token": token})
    first = Posting.objects.get()
    before = (Posting.objects.count(), AuditRecord.objects.count())
    data = {**POSTING, "employer": "另一单位", "title": "保安", "description": "门岗"} if other else dict(POSTING)
    r = world.client(who).post("/employment/postings/new/", {**data, "form_token": token})
    assert (r.status_code, r.context["form"].non_field_errors(), _messages(r)) == (400, [EXPIRED], [])
    assert (Posting.objects.count(), AuditRecord.objects.count()) == before
    assert list(Posting.objects.values_list("pk", "title", "created_by__username")) == [
        (first.pk, "分拣工", "county_office")]


def test_the_posting_forms_twin_with_another_posting_at_the_same_instant_is_refused(world, monkeypatch):
    """Two posts of one token at the same instant with different postings: the second misses the first's row, its
    insert clashes on the unique form key, and the row it then finds is not its content — refused, its posting and
    its new employer rolled back, not answered with the first posting."""
    from jianfu.core import formtokens
    from jianfu.registry.models import Organisation

    token = token_new()
    first, created = postings.posting_create_from_form(form_token=token, actor=world.users["county_office"],
                                                       data=dict(POSTING))
    before = (Posting.objects.count(), Organisation.objects.count(), AuditRecord.objects.count())
    real = formtokens.earlier
    calls = []
    monkeypatch.setattr(formtokens, "earlier", lambda found, key, own=None: calls.append(key) or (
        None if len(calls) == 1 else real(found, key, own=own)))
    with pytest.raises(services.ApplicationError) as exc:
        postings.posting_create_from_form(form_token=token, actor=world.users["county_office"],
                                          data={**POSTING, "employer": "另一单位", "title": "保安"})
    assert (created, exc.value.code, exc.value.message, len(calls)) == (True, "form_expired", EXPIRED, 2)
    assert (Posting.objects.count(), Organisation.objects.count(), AuditRecord.objects.count()) == before
    assert list(Posting.objects.values_list("pk", "title")) == [(first.pk, "分拣工")]


@pytest.mark.parametrize("groups", [["is_rural_labour"], ["is_rural_labour", "is_returning_migrant"]])
def test_the_take_in_token_reposted_by_another_account_that_may_write_the_person_is_refused(world, groups):
    """cr18 #6: town_quzhang (who may write village_a's person) reposting village_a's token — the same form or with
    other groups — was told "该表单已提交过，甲村人已纳入…" for a form it never sent. The take-in audit record names the
    account that took the person in: only that account's repost is a repeat; another's is an expired form."""
    mine = person_in(name="甲村人", birth=dt.date(1988, 5, 6))
    token = token_new()
    body = {"person": mine.pk, "groups": ["is_rural_labour"], "form_token": token}
    village = world.client("village_a")
    village.post("/employment/people/add/", body, follow=True)
    kp = KeyPerson.objects.get()
    before = _take_in_counts()
    r = world.client("town_quzhang").post("/employment/people/add/", {**body, "groups": groups})
    assert (r.status_code, r.context["form"].non_field_errors(), _messages(r)) == (400, [EXPIRED], [])
    assert f"/employment/people/{kp.pk}/" not in r.content.decode()
    assert _take_in_counts() == before
    kp.refresh_from_db()
    assert (KeyPerson.objects.count(), kp.is_rural_labour, kp.is_returning_migrant) == (1, True, False)
    # the account that sent it is still answered with its key person
    again = village.post("/employment/people/add/", body, follow=True)
    assert again.redirect_chain == [(f"/employment/people/{kp.pk}/profile/", 302)]
    assert _messages(again) == ["该表单已提交过，甲村人已纳入就业帮扶，没有重复登记。"]
    assert _take_in_counts() == before
