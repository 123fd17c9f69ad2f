"""verify16: back then 提交 again saved a second row on every staff create form — going back re-renders the form with a
new token while the browser refills what was typed. Each create form now carries the public form's kept token
(templates/includes/form_token.html, `formtokens.posted`); the visit, staff event report and notice forms, which had
no token at all, got one (fix-back16)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from jianfu.core import formtokens
from jianfu.core.formtokens import FORM_EXPIRED as EXPIRED
from jianfu.core.formtokens import token_new
from jianfu.dispatch.models import Event
from jianfu.employment.models import ServiceRecord, Visit
from jianfu.employment.tests.factories import GRID_A, key_person_in
from jianfu.monitor.models import LedgerMeeting, Notice
from jianfu.registry.models import Household, Organisation, Person
from jianfu.review.models import Review

pytestmark = pytest.mark.django_db
VB = "450521200201"
KEPT = re.compile(r'<input type="text" name="form_token_back" value="" data-keep-on-back="([A-Za-z0-9_-]{43})" hidden')


@dataclass
class Form:
    user: str
    page: Callable[[], str]          # the form's address (GET), built once the test's rows exist
    post: Callable[[str], str]       # where it posts, from the page's address
    data: dict[str, Any]
    rows: Callable[[], int]


def _kp_page(suffix: str) -> Callable[[], str]:
    return lambda: f"/employment/people/{key_person_in(profile={'desired_text': '想进厂'}).pk}/{suffix}"


FORMS = {
    "registry person": Form("village_b", lambda: f"/registry/persons/new/?org_code={VB}", lambda p: p.split("?")[0],
                            {"org_code": VB, "name": "返回再提交", "residence_status": "huji", "status": "active"},
                            lambda: Person.objects.filter(name="返回再提交").count()),
    "registry household": Form("village_b", lambda: f"/registry/households/new/?org_code={VB}",
                               lambda p: p.split("?")[0], {"org_code": VB, "number": "B-0199", "address": "璋嘉村9组"},
                               lambda: Household.objects.filter(number="B-0199").count()),
    "registry organisation": Form("village_b", lambda: f"/registry/organisations/new/?org_code={VB}",
                                  lambda p: p.split("?")[0],
                                  {"org_code": VB, "name": "返回再提交合作社", "kind": "cooperative", "employees": 5},
                                  lambda: Organisation.objects.filter(name="返回再提交合作社").count()),
    "monitor ledger": Form("village_a", lambda: "/monitor/ledgers/meeting/new/", lambda p: p,
                           {"date": "2025-03-01", "title": "返回再提交会议", "issuer": "林业局", "duration_minutes": "30",
                            "village_secretaries_required": "1"},
                           lambda: LedgerMeeting.objects.filter(title="返回再提交会议").count()),
    "employment service": Form("village_a", _kp_page(""), lambda p: p + "services/",
                               {"kind": "si_subsidy", "title": "返回再提交补贴", "outcome": "ongoing", "amount": "1200"},
                               lambda: ServiceRecord.objects.filter(title="返回再提交补贴").count()),
    "visit": Form("village_a", _kp_page("visit/"), lambda p: p,
                  {"outcome": "met", "needs": ["job"], "next_step": "返回再提交走访"},
                  lambda: Visit.objects.filter(next_step="返回再提交走访").count()),
    "staff event report": Form("grid_a", lambda: "/dispatch/report/", lambda p: p,
                               {"text": "返回再提交：村道路灯坏了三天", "org_code": GRID_A, "urgency": "normal"},
                               lambda: Event.objects.filter(text="返回再提交：村道路灯坏了三天").count()),
    "monitor notice": Form("county_office", lambda: "/monitor/notices/new/", lambda p: p,
                           {"title": "返回再提交通报", "issuer": "县减负办", "date": "2026-12-01"},
                           lambda: Notice.objects.filter(title="返回再提交通报").count()),
    "review submit": Form("dept_housing", lambda: "/review/submit/", lambda p: p,
                          {"text": "关于返回再提交的通知\n一、工作要求\n（一）各乡镇每日17时前报送工作进展。"},
                          lambda: Review.objects.count()),
}
NEW = ("visit", "staff event report", "monitor notice")   # the forms that had no token before fix-back16


def _tokens(client, page: str) -> tuple[str, str]:
    """The page's hidden token and the one its kept field starts from (the same, until the browser keeps it)."""
    text = client.get(page).content.decode()
    hidden = re.search(r'<input type="hidden" name="form_token" value="([A-Za-z0-9_-]{43})">', text)
    kept = KEPT.search(text)
    assert hidden is not None and kept is not None, page
    return hidden.group(1), kept.group(1)


@pytest.mark.parametrize("name", list(FORMS))
def test_back_then_submit_again_saves_one_row(world, name):
    form = FORMS[name]
    client = world.client(form.user)
    page = form.page()
    first, kept = _tokens(client, page)
    assert kept == first
    saved = client.post(form.post(page), {**form.data, "form_token": first, "form_token_back": first})
    assert saved.status_code == 302 and form.rows() == 1
    # back: the browser re-fetches the form (a new hidden token) and refills the typing and the kept first token
    second, _ = _tokens(client, page)
    assert second != first
    again = client.post(form.post(page), {**form.data, "form_token": second, "form_token_back": first})
    assert again.status_code == 302 and again["Location"] == saved["Location"]
    assert form.rows() == 1


@pytest.mark.parametrize("name", NEW)
def test_two_posts_at_the_same_instant_save_one_row(world, monkeypatch, name):
    form = FORMS[name]
    # both passed the "posted before?" look: the unique form_key refuses the second insert, which answers with the first
    real = formtokens.earlier
    looks = {"n": 0}

    def first_look_finds_nothing(found, form_key, **kwargs):   # `own=`: the dispatch form's ownership check
        looks["n"] += 1
        return None if looks["n"] <= 2 else real(found, form_key, **kwargs)

    monkeypatch.setattr(formtokens, "once", formtokens.create_once)
    if name == "staff event report":   # the dispatch form looks itself (`event_report_from_form`), then create_once
        monkeypatch.setattr(formtokens, "earlier", first_look_finds_nothing)
    client = world.client(form.user)
    page = form.page()
    token, _ = _tokens(client, page)
    answers = [client.post(form.post(page), {**form.data, "form_token": token}) for _ in range(2)]
    assert [r.status_code for r in answers] == [302, 302] and answers[0]["Location"] == answers[1]["Location"]
    assert form.rows() == 1


@pytest.mark.parametrize("name", NEW)
def test_a_post_without_a_token_saves_nothing_and_keeps_the_typing(world, name):
    form = FORMS[name]
    client = world.client(form.user)
    page = form.page()
    for token in ("", "short"):
        refused = client.post(form.post(page), {**form.data, "form_token": token})
        text = refused.content.decode()
        assert refused.status_code in (200, 400) and EXPIRED in text, (name, refused.status_code)
        assert KEPT.search(text) is not None
    assert form.rows() == 0


def test_the_kept_token_wins_only_when_well_formed():
    token = token_new()
    assert formtokens.posted({"form_token": "page", "form_token_back": token}) == token
    assert formtokens.posted({"form_token": token, "form_token_back": "short"}) == token
    assert formtokens.posted({"form_token": token}) == token
    assert formtokens.posted({}) == ""
