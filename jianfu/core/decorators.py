"""View decorators shared by the apps."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

View = TypeVar("View", bound=Callable[..., Any])


def page_access(question: Callable[..., bool]) -> Callable[[View], View]:
    """Name a page view's access question for `core.middleware.PostOnlyAddressMiddleware.may_open`:
    `question(request, *args, **kwargs)` answers whether the account gets the page (True) or raises the view's
    refusal, and writes nothing. `@page_access(q)` above the view's other decorators."""

    def mark(view: View) -> View:
        view.page_access = question  # type: ignore[attr-defined]
        return view

    return mark


def access_question(view: Callable[..., Any]) -> Callable[..., bool] | None:
    """The access question a view named with `@page_access`, None when it named none."""
    return getattr(view, "page_access", None)


def found_by(getter: Callable[..., Any]) -> Callable[..., bool]:
    """The access question of a `@login_required` page whose view first calls `getter(user=request.user, **kwargs)`
    (a scoped selector with the URL's own keywords, or a capability check) and then draws the page: signed in, and
    the getter's refusal (403/404) raised as the view would raise it. The getter reads only."""

    def question(request: Any, *args: Any, **kwargs: Any) -> bool:
        if not request.user.is_authenticated:
            return False
        getter(user=request.user, **kwargs)
        return True

    return question
