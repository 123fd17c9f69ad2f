"""The request type of a view behind `login_required` (for the type checker)."""

from __future__ import annotations

from django.http import HttpRequest

from jianfu.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    """A request whose user is an account, not AnonymousUser: what a view behind `login_required` (or
    `page_access`) receives. django-stubs' documented way to type `request.user` in such views."""

    user: User
