"""mend22b #3: 谁来办 never loads or fits the catalogue router in the request (≈ 10 s for the user when it was not
cached). It uses the router the process holds (warmed at start); when there is none it answers 正在准备 at once and
asks once for what makes it ready: one build on the task queue, or a background load when the fitted router is on disk."""

from __future__ import annotations

import re
import threading

import pytest
from django.core.cache import cache

from jianfu.dispatch import routing_bridge, tasks
from jianfu.dispatch.models import CatalogueVersion
from jianfu.dispatch.routing.routers import CatalogueRouter

pytestmark = pytest.mark.django_db
PREPARING = "正在准备本县职责清单的查找，请稍候片刻再点“查找”。"


def _page(client, query: str) -> tuple[list[str], bool]:
    page = client.get("/dispatch/who/", {"q": query}).content.decode()
    return re.findall(r'<article class="card">\s*<h2>([^<]+)</h2>', page), PREPARING in page


@pytest.fixture
def no_fit_in_request(monkeypatch):
    """Any load or fit of a catalogue router on the request's thread fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError("the request loaded or fitted a catalogue router")
    monkeypatch.setattr(routing_bridge, "_load_or_fit", refuse)
    monkeypatch.setattr(routing_bridge, "catalogue_router_for", refuse)


@pytest.fixture
def queued(monkeypatch):
    """The builds queued (version ids); none runs, so their pending marks are removed after the test."""
    calls: list[int] = []
    monkeypatch.setattr(tasks, "warm_router", calls.append)
    yield calls
    for version in CatalogueVersion.objects.filter(pk__in=calls):
        cache.delete(routing_bridge.router_pending_key(version))


def test_a_warmed_router_answers_at_once_and_nothing_is_queued(world, catalogue, queued, monkeypatch):
    routing_bridge.catalogue_router_for(catalogue)          # the start's warm-up
    monkeypatch.setattr(routing_bridge, "_load_or_fit", lambda *a: pytest.fail("loaded in the request"))
    assert _page(world.client("grid_a"), "林地") == (["林木林地权属争议调处", "林权证明出具与林权信息查询"], False)
    assert queued == []


def test_without_a_router_the_page_says_preparing_at_once_and_queues_one_build(world, catalogue, queued,
                                                                              no_fit_in_request):
    routing_bridge.clear_cache()
    client = world.client("grid_a")
    assert _page(client, "林地") == ([], True)
    assert _page(client, "路灯") == ([], True)
    assert queued == [catalogue.pk]                          # once, for both requests
    assert cache.get(routing_bridge.router_pending_key(catalogue)) == 1
    assert _page(client, "") == ([], False)                  # no query: nothing to prepare, nothing said


def test_the_build_clears_its_pending_mark_and_the_next_request_answers(world, catalogue):
    routing_bridge.clear_cache()
    key = routing_bridge.router_pending_key(catalogue)
    # the immediate queue of the tests runs the build inside the first request: it answers, the mark is gone
    assert _page(world.client("grid_a"), "林地") == (["林木林地权属争议调处", "林权证明出具与林权信息查询"], False)
    assert cache.get(key) is None


def test_a_router_on_disk_is_loaded_in_the_background_once_and_then_answers(world, catalogue, queued, monkeypatch):
    routing_bridge.clear_cache()
    routing_bridge.catalogue_router_for(catalogue)           # fitted and stored in this test's var/dispatch/ (a worker)
    routing_bridge.clear_cache()                             # … but not in this process
    release = threading.Event()
    loads: list[str] = []
    real = routing_bridge.catalogue_router

    def slow_load(specs, digest=None) -> CatalogueRouter:
        loads.append(threading.current_thread().name)
        release.wait(10)
        return real(specs, digest)

    monkeypatch.setattr(routing_bridge, "catalogue_router", slow_load)
    client = world.client("grid_a")
    assert _page(client, "林地") == ([], True)
    assert _page(client, "林地") == ([], True)               # still loading: no second load started
    release.set()
    for thread in threading.enumerate():
        if thread.name == "catalogue-router-load":
            thread.join(10)
    assert loads == ["catalogue-router-load"]
    assert queued == []
    assert routing_bridge.catalogue_router_ready(catalogue) is not None
    assert _page(client, "林地") == (["林木林地权属争议调处", "林权证明出具与林权信息查询"], False)
