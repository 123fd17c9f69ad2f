"""The project-wide endpoints' rows of the role × endpoint matrix.

The JavaScript catalog (gettext for the project's scripts) holds no data: every page loads it, the citizens'
and the direct line's pages too, so everyone and anonymous may read it; nor does /favicon.ico (the site's icon, session 22)."""

from __future__ import annotations

from jianfu.core.testing.matrix import EVERYONE, Case


def cases(world):
    return [Case("javascript-catalog", "get", "/jsi18n/", EVERYONE, anonymous_allowed=True),
            Case("favicon", "get", "/favicon.ico", EVERYONE, anonymous_allowed=True)]
