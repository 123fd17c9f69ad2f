"""security23 F8: a GET on a POST-only address asks whether the account gets the page above it. A page without a
`@page_access` question was drawn inside `transaction.atomic()` and rolled back — on SQLite (transaction_mode
IMMEDIATE) BEGIN IMMEDIATE, the database's one write lock, held while the page was drawn; any account, or a
cross-site <img>, could loop it. Now only a page's access question is asked (no transaction), and a page without one
is answered with the Chinese 405 page, not drawn."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.urls import URLResolver, get_resolver, resolve

from jianfu.core.decorators import access_question
from jianfu.core.middleware import PostOnlyAddressMiddleware

# Pages above a POST-only address that deliberately name no question (the address gets the Chinese 405 page):
# a page that is itself POST-only, the direct line (its own brief), and pages whose GET writes or asks more than a
# selector (visit rules are created on first sight; the visit list and the org tree choose their scope from the query).
NO_QUESTION = {
    "jianfu.directline.views.report_detail",
    "jianfu.directline.views.report_list",
    "jianfu.dispatch.views.event_extension_request",
    "jianfu.employment.views.rule_list",
    "jianfu.employment.views.visit_tasks",
    "jianfu.orgs.views.tree",
}


def _routes(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _routes(p.url_patterns, prefix + str(p.pattern))
        else:
            yield prefix + str(p.pattern), p.callback


def _post_only(view) -> bool:
    """Wrapped by `require_POST` (require_http_methods(["POST"]) keeps the list in its closure)."""
    while view is not None:
        for cell in getattr(view, "__closure__", None) or ():
            try:
                if cell.cell_contents == ["POST"]:
                    return True
            except ValueError:
                continue
        view = getattr(view, "__wrapped__", None)
    return False


def _post_only_addresses() -> list[tuple[str, str]]:
    """(a POST-only address with every parameter filled, the page above it), for every such route."""
    found = []
    for route, view in _routes(get_resolver().url_patterns):
        if not _post_only(view) or route.startswith(("api/", "open311/", "django-admin/")):
            continue
        address = "/" + re.sub(r"<int:\w+>", "1", re.sub(r"<(?:str|slug|path)?:?\w+>", "x", route))
        page = PostOnlyAddressMiddleware.enclosing_page(address)
        if page:
            found.append((address, page))
    return found


def test_every_page_above_a_post_only_address_names_its_question():
    missing = set()
    for _address, page in _post_only_addresses():
        view = resolve(page).func
        if access_question(view) is None:
            missing.add(f"{view.__module__}.{view.__name__}")
    assert missing == NO_QUESTION
    assert len(_post_only_addresses()) > 60


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("account", ["county_office", "grid_a"])
def test_no_probe_opens_a_transaction(account, monkeypatch):
    from conftest import build_world

    world = build_world()
    client = world.client(account)
    asked, in_transaction = [], []
    original = PostOnlyAddressMiddleware.may_open

    def spy(execute, sql, params, many, context):
        if connection.in_atomic_block or sql.split()[0].upper() in ("BEGIN", "SAVEPOINT"):
            in_transaction.append(sql[:60])
        return execute(sql, params, many, context)

    def may_open(request, page):
        asked.append(page)
        assert not connection.in_atomic_block
        with connection.execute_wrapper(spy):
            return original(request, page)

    monkeypatch.setattr(PostOnlyAddressMiddleware, "may_open", staticmethod(may_open))
    statuses = {}
    for address, _page in _post_only_addresses():
        response = client.get(address)
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
    assert in_transaction == []
    assert len(asked) > 40
    assert set(statuses) <= {302, 405, 404, 403}


@pytest.mark.django_db(transaction=True)
def test_the_findings_evaluate_address_opens_the_list_without_a_transaction():
    """The reproduction: county_office GET /monitor/findings/evaluate/ took BEGIN IMMEDIATE for the list's render."""
    from conftest import build_world

    world = build_world()
    client = world.client("county_office")
    log = []

    def spy(execute, sql, params, many, context):
        log.append((sql.split()[0].upper(), connection.in_atomic_block))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(spy):
        response = client.get("/monitor/findings/evaluate/")
    assert (response.status_code, response["Location"]) == (302, "/monitor/findings/")
    # the only transaction is the session's save of the note the redirect leaves for the page (its one UPDATE, after
    # the response is drawn), not the list drawn inside BEGIN IMMEDIATE … ROLLBACK
    # (PostgreSQL's BEGIN is the driver's, not a statement Django executes)
    assert [s for s, atomic in log if atomic or s in ("BEGIN", "SAVEPOINT", "ROLLBACK")] == (
        ["BEGIN", "UPDATE"] if connection.vendor == "sqlite" else ["UPDATE"]
    )
    assert (
        "此地址只用于提交表单，已为您打开它所属的页面。" in client.get("/monitor/findings/").content.decode()
    )
