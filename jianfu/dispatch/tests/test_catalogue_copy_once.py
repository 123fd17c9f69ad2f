"""badinput16 #9c: /dispatch/catalogue/<id>/copy/ posted three times at once made three drafts, each a full copy of
the catalogue. The copy form carries a one-time token (`core.formtokens`): the same form posted again — also at the
same instant — answers with the draft its first post made; a fresh form still makes another draft."""

from __future__ import annotations

import re

import pytest

from jianfu.core import formtokens
from jianfu.dispatch.models import CatalogueVersion, Matter

pytestmark = pytest.mark.django_db


def _token(client, version) -> str:
    page = client.get(f"/dispatch/catalogue/{version.pk}/").content.decode()
    return re.search(r'name="form_token" value="([^"]+)"', page).group(1)


def _copy(client, version, token):
    return client.post(f"/dispatch/catalogue/{version.pk}/copy/", {"form_token": token})


def test_the_copy_form_posted_three_times_makes_one_draft(world, catalogue):
    client = world.client("county_office")
    token = _token(client, catalogue)
    answers = [_copy(client, catalogue, token) for _ in range(3)]
    draft = CatalogueVersion.objects.get(state=CatalogueVersion.State.DRAFT)
    assert {(r.status_code, r["Location"]) for r in answers} == {(302, f"/dispatch/catalogue/{draft.pk}/")}
    assert CatalogueVersion.objects.count() == 2
    assert draft.matters.count() == catalogue.matters.count() == 12
    assert Matter.objects.count() == 24


def test_three_posts_at_the_same_instant_make_one_draft(world, catalogue, monkeypatch):
    monkeypatch.setattr(formtokens, "once", formtokens.create_once)  # each passed the "posted before?" look
    client = world.client("county_office")
    token = _token(client, catalogue)
    answers = [_copy(client, catalogue, token) for _ in range(3)]
    assert [r.status_code for r in answers] == [302] * 3
    assert CatalogueVersion.objects.count() == 2 and Matter.objects.count() == 24


def test_a_fresh_form_makes_another_draft(world, catalogue):
    client = world.client("county_office")
    for _ in range(2):
        assert _copy(client, catalogue, _token(client, catalogue)).status_code == 302
    assert list(CatalogueVersion.objects.order_by("number").values_list("number", flat=True)) == [1, 2, 3]


def test_a_copy_post_without_a_token_copies_nothing(world, catalogue):
    """security17 #3: 复制为草稿 still accepted a post without a token (ADR 0035: every web create form requires it)."""
    client = world.client("county_office")
    for data in ({}, {"form_token": "short"}):
        r = client.post(f"/dispatch/catalogue/{catalogue.pk}/copy/", data, follow=True)
        assert r.redirect_chain == [(f"/dispatch/catalogue/{catalogue.pk}/", 302)]
        assert [str(m) for m in r.context["messages"]] == [formtokens.FORM_EXPIRED]
    assert (CatalogueVersion.objects.count(), Matter.objects.count()) == (1, 12)


def test_another_accounts_copy_token_is_expired(world, catalogue):
    """security17 #2: the draft a token made is answered only to the account that made it."""
    token = _token(world.client("county_office"), catalogue)
    assert _copy(world.client("county_office"), catalogue, token).status_code == 302
    r = world.client("admin").post(f"/dispatch/catalogue/{catalogue.pk}/copy/", {"form_token": token}, follow=True)
    assert r.redirect_chain == [(f"/dispatch/catalogue/{catalogue.pk}/", 302)]
    assert [str(m) for m in r.context["messages"]] == [formtokens.FORM_EXPIRED]
    assert (CatalogueVersion.objects.count(), Matter.objects.count()) == (2, 24)
