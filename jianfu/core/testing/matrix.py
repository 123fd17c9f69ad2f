"""The role × endpoint matrix: each app lists its endpoints as Cases in tests/scoping_cases.py.

tests/test_scoping_matrix.py runs every case as every matrix account, asserting allowed accounts get
a success (2xx/3xx) and every other account a refusal (403/404, or a redirect to the login page for
anonymous), and that `unchanged()` gives the same value before and after each refused request."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ACCOUNTS = ("admin", "county_office", "dept_housing", "dept_forestry", "town_quzhang",
            "village_a", "village_b", "grid_a")
# Accounts an app's cases add to the matrix (`EXTRA_ACCOUNTS` in its scoping_cases): a department granted a capability
# by function (`roles.DEPARTMENT_FUNCTION_CAPABILITIES`) is run against the endpoints of that capability's app; on the
# others it is one more department, as dept_forestry is.
EXTRA_ACCOUNTS = ("dept_hrss",)
EVERYONE = frozenset(ACCOUNTS)
COUNTY_WIDE = frozenset({"admin", "county_office"})


@dataclass
class Case:
    url_name: str                      # "registry:person_detail" or "api:registry-person-detail"
    method: str                        # get / post / patch / delete
    path: str
    allowed: frozenset[str] | set[str]  # matrix accounts that may use it
    data: dict | Callable[[], dict] | None = None
    unchanged: Callable[[], Any] | None = None
    api: bool = False                  # authenticate with a token instead of a session
    format: str | None = None          # "json" for API bodies, None for form/multipart
    anonymous_allowed: bool = False    # public endpoints (citizen form, Open311 GETs)
    # Some writes succeed only once (a submit): the matrix runs allowed accounts on fresh data
    # when `fresh` rebuilds the case for each account.
    fresh: Callable[[str], Case] | None = None
    expect_allowed: tuple[int, ...] = field(default=(200, 201, 202, 204, 301, 302, 303))
    expect_refused: tuple[int, ...] = field(default=(403, 404))
    # What the account's client does first, as a user would (the direct line's handler unlocks the county key
    # with the passphrase before acting): called with the client, before the request
    before: Callable[[Any], Any] | None = None
