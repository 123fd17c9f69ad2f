"""The role × endpoint matrix: every app's cases × every matrix account (+ anonymous)."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from jianfu.core.testing.matrix import ACCOUNTS, EXTRA_ACCOUNTS, Case

APPS_WITH_CASES = [c.name for c in apps.get_app_configs() if c.name.startswith("jianfu.")]


def load_cases(app_name: str, world) -> list[Case]:
    return load_app(app_name, world)[0]


def load_app(app_name: str, world) -> tuple[list[Case], tuple[str, ...]]:
    """The app's cases, and the accounts to run them as: the matrix's, and the app's `EXTRA_ACCOUNTS`."""
    try:
        module = importlib.import_module(f"{app_name}.tests.scoping_cases")
    except ModuleNotFoundError as exc:
        if exc.name in (f"{app_name}.tests.scoping_cases", f"{app_name}.tests"):
            return [], ACCOUNTS
        raise
    extra = tuple(getattr(module, "EXTRA_ACCOUNTS", ()))
    assert set(extra) <= set(EXTRA_ACCOUNTS)
    return module.cases(world), ACCOUNTS + extra


def _request(world, case: Case, username: str | None):
    client = world.api_client(username) if case.api else world.client(username)
    if case.before is not None:
        case.before(client)
    data = case.data() if callable(case.data) else case.data
    kwargs = {}
    if case.format:
        kwargs["format"] = case.format
    return getattr(client, case.method)(case.path, data or {}, **kwargs) if case.method != "get" \
        else client.get(case.path, data or {})


def check_case(world, case: Case, accounts: tuple[str, ...] = ACCOUNTS) -> list[str]:
    failures = []
    refused = [a for a in accounts if a not in case.allowed]
    allowed = [a for a in accounts if a in case.allowed]
    before = case.unchanged() if case.unchanged else None
    for username in refused + ([] if case.anonymous_allowed else [None]):
        response = _request(world, case, username)
        expected = case.expect_refused
        if username is None:
            expected = (401, 403) if case.api else (302,)
        if response.status_code not in expected:
            failures.append(f"{case.url_name} {case.method} as {username or 'anonymous'}: "
                            f"{response.status_code}, expected refusal {expected}")
        elif username is None and not case.api and "/login/" not in response.get("Location", ""):
            failures.append(f"{case.url_name} anonymous: redirected to {response.get('Location')} not login")
        if case.unchanged and case.unchanged() != before:
            failures.append(f"{case.url_name} {case.method} as {username or 'anonymous'}: refused but data changed")
    for username in allowed + ([None] if case.anonymous_allowed else []):
        run = case.fresh(username) if case.fresh else case
        response = _request(world, run, username)
        if response.status_code not in run.expect_allowed:
            body = getattr(response, "content", b"")[:300]
            failures.append(f"{case.url_name} {case.method} as {username or 'anonymous'}: "
                            f"{response.status_code}, expected success {run.expect_allowed} {body!r}")
    return failures


@pytest.mark.parametrize("app_name", APPS_WITH_CASES)
def test_scoping_matrix(world, app_name):
    cases, accounts = load_app(app_name, world)
    failures = [f for case in cases for f in check_case(world, case, accounts)]
    assert failures == []


def test_the_matrix_catches_a_leak(world):
    """The checker itself: claiming village_a may NOT see its own workbench must be reported."""
    wrong = Case("accounts:workbench", "get", "/", allowed={"admin"})
    failures = check_case(world, wrong)
    assert len(failures) == 7
    assert all("expected refusal" in f for f in failures)
