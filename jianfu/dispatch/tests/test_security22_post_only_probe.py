"""security22 #2: a GET on a POST-only address (an event's /accept/, /whistle/, /contact/) asks whether the account
gets the page above it before redirecting there (newuser21 #6). The question ran the page's view on a copy of the
request: the event page marked the event seen by its reporter (`event_seen_by_reporter`) and popped a refused
吹哨's words from the shared session — before the page was shown. Now the event page names its access question
(`@page_access`); a page that names none is not drawn to find out (security23 F8: that ran it in a rolled-back
transaction, SQLite's write lock held for the page) — the address gets the Chinese 405 page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import include, path
from django.views.decorators.http import require_POST

from jianfu.core.middleware import PostOnlyAddressMiddleware
from jianfu.dispatch import views
from jianfu.dispatch.models import Event
from jianfu.dispatch.tests.factories import event_in

pytestmark = pytest.mark.django_db
NOTE = "此地址只用于提交表单，已为您打开它所属的页面。"
REFUSED = "<p>此地址只用于提交表单，不能直接打开。请返回上一页重新操作。</p>"


def _seen(event: Event):
    return Event.objects.values_list("reporter_seen_at", flat=True).get(pk=event.pk)


def _session(client) -> dict:
    """The visitor's stored session, but for the note the redirect leaves for the page (`_messages`, by design)."""
    return {k: v for k, v in client.session.items() if k != "_messages"}


@pytest.mark.parametrize("action", ["accept", "whistle", "contact"])
def test_a_probed_event_address_writes_nothing_and_spends_nothing(world, action):
    event = event_in(world)
    client = world.client("grid_a")  # the event's reporter
    before = (_seen(event), _session(client))
    assert before[0] is None

    response = client.get(f"/dispatch/events/{event.pk}/{action}/")
    assert (response.status_code, response["Location"]) == (302, f"/dispatch/events/{event.pk}/")
    assert (_seen(event), _session(client)) == before

    page = client.get(response["Location"])  # the page itself does its work, once, when it is shown
    assert page.status_code == 200 and NOTE in page.content.decode()
    assert _seen(event) is not None


def test_a_probed_event_address_outside_the_area_is_refused_as_before(world):
    event = event_in(world)
    client = world.client("village_b")
    response = client.get(f"/dispatch/events/{event.pk}/accept/")
    assert (response.status_code, response["Allow"]) == (405, "POST")
    assert REFUSED in response.content.decode() and NOTE not in response.content.decode()
    assert _seen(event) is None


def test_the_event_page_names_its_access_question(world):
    event = event_in(world)
    ask = views.event_detail.page_access
    grid, village_b = world.client("grid_a"), world.client("village_b")
    request = grid.get("/").wsgi_request
    assert ask(request, pk=event.pk) is True
    from jianfu.core.errors import ApplicationError

    with pytest.raises(ApplicationError):
        ask(village_b.get("/").wsgi_request, pk=event.pk)
    assert _seen(event) is None


# ----------------------------------------------------------------------------- any other page: run in isolation

STAMP = dt.datetime(2026, 12, 6, 4, 0, tzinfo=dt.UTC)


def _page(request, pk: int):
    """A page whose GET writes (as the event page did): a row and the session."""
    Event.objects.filter(pk=pk).update(reporter_seen_at=STAMP)
    request.session.pop("probe:kept", None)
    request.session["probe:added"] = 1
    return HttpResponse("page")


@require_POST
def _form(request, pk: int):
    return HttpResponse("posted")


# the site's own addresses after these two: the Chinese 405 page links to them
urlpatterns = [path("things/<int:pk>/", _page), path("things/<int:pk>/do/", _form), path("", include("config.urls"))]


@override_settings(ROOT_URLCONF=__name__)
def test_a_page_without_a_question_is_not_drawn_to_find_out(world):
    assert not hasattr(_page, "page_access")
    event = event_in(world)
    client = world.client("grid_a")
    session = client.session
    session["probe:kept"] = [1, 2]
    session.save()
    before = (_seen(event), _session(client))

    response = client.get(f"/things/{event.pk}/do/")
    assert (response.status_code, response["Allow"]) == (405, "POST")
    assert REFUSED in response.content.decode() and NOTE not in response.content.decode()
    assert (_seen(event), _session(client)) == before  # the row and the session as they were

    assert client.get(f"/things/{event.pk}/").status_code == 200  # the page itself writes, when it is opened
    assert _seen(event) == STAMP
    assert "probe:kept" not in client.session and client.session["probe:added"] == 1


def _asks_session(request, pk: int) -> bool:
    request.session.pop("probe:kept", None)
    request.session["probe:added"] = 1
    return True


@override_settings(ROOT_URLCONF=__name__)
def test_may_open_leaves_the_visitors_session_object_alone(world, monkeypatch):
    """An access question is asked on its own copy of the session: what it pops or sets is lost with the copy."""
    event = event_in(world)
    monkeypatch.setattr(_page, "page_access", _asks_session, raising=False)
    request = world.client("grid_a").get("/").wsgi_request
    request.session["probe:kept"] = [1, 2]
    assert PostOnlyAddressMiddleware.may_open(request, f"/things/{event.pk}/") is True
    assert (request.session["probe:kept"], "probe:added" in request.session) == ([1, 2], False)
    assert _seen(event) is None
