"""Every URL the project serves is in some app's role × endpoint matrix."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver

from tests.test_scoping_matrix import APPS_WITH_CASES, load_cases

# Not scoped by design: logging in (logging out is in accounts' cases since e2e22), health checks, the public schema
# and docs, Django's admin.
EXEMPT = {"accounts:login", "healthz", "public_media", "api:token", "api:schema", "api:docs"}
EXEMPT_PREFIXES = ("admin:", "django-admin", "media")


def all_url_names(resolver=None, namespace: str = "") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            names |= all_url_names(pattern, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(pattern, URLPattern):
            names.add(f"{namespace}{pattern.name}" if pattern.name else f"{namespace}<unnamed {pattern.pattern}>")
    return names


def test_every_url_is_in_the_matrix(world):
    covered = {case.url_name for app in APPS_WITH_CASES for case in load_cases(app, world)}
    served = {n for n in all_url_names() if n not in EXEMPT and not n.startswith(EXEMPT_PREFIXES)}
    assert sorted(served - covered) == []
