"""One-time form tokens: a form carries a fresh token (a hidden field, never in a URL), and what its post creates
stores the token's key, so the same form posted again — a refresh, the back button then 提交, a double click —
is answered with the record created the first time instead of a second one. Used by every web create form
(templates/includes/form_token.html renders the token and the copy the page keeps across the back button;
`posted` reads it) and the direct line (codereview15 #8: the two copies had already drifted apart).

The key is sha256 of the token, bound to a scope when there is one (the direct line's report uid: a token posted
with another report's receipt code is another form). A web form's post without a well-formed token is refused
(`required_key`, ADR 0035): nothing is written, the page comes back with what was typed and a fresh token; only
the API keeps the key optional (its Idempotency-Key header). The model's `form_key` column is unique, so of two posts at the same instant
one stores the record and the other, refused by the constraint inside a savepoint, answers with it."""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jianfu.core.errors import ApplicationError

TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{32,64}")
T = TypeVar("T")
# the page comes back with a fresh token and what was typed: refreshing would lose the typing (fix-back16)
FORM_EXPIRED = gettext_noop("表单已失效，您填写的内容仍保留在页面上，请核对后再次点击提交。")


def token_new() -> str:
    """A one-time token for one rendering of a form."""
    return secrets.token_urlsafe(32)


def valid(token: object) -> bool:
    return bool(TOKEN_RE.fullmatch(str(token or "")))


def posted(data: Any) -> str:
    """The token a create form's post carries (`data`: request.POST): the first rendering's token that the page
    keeps across the back button (`form_token_back`, templates/includes/form_token.html) when it is well formed,
    else the one rendered in the page (`form_token`). Back then 提交 again thus posts the first token, and the
    post is answered with the row it stored."""
    back = data.get("form_token_back", "")
    return str(back) if valid(back) else str(data.get("form_token", ""))


def key(token: object, *, scope: str = "") -> str:
    """The stored key of `token` ("" when it is not well formed): sha256 of the token, or of "scope:token"."""
    if not valid(token):
        return ""
    return hashlib.sha256((f"{scope}:{token}" if scope else str(token)).encode()).hexdigest()


def required_key(token: object, *, scope: str = "") -> str:
    """`key(token)` for a web form's post, which always carries a token: one without a well-formed token (a stale
    page from before tokens, a hand-made post) is refused before anything is written (ADR 0035)."""
    form_key = key(token, scope=scope)
    if not form_key:
        raise expired()
    return form_key


def expired() -> ApplicationError:
    """The refusal of a post whose token cannot be used (missing, malformed, or already used for other content):
    nothing written; the page comes back with what was typed and a fresh token."""
    return ApplicationError(_(FORM_EXPIRED), code="form_expired", field="form_token")


def earlier(found: Any, form_key: str) -> Any:
    """The record stored with `form_key` (`found`: the model's manager or a queryset narrowing it), or None."""
    return found.filter(form_key=form_key).first() if form_key else None


def create_once(found: Any, form_key: str, create: Callable[[], T]) -> tuple[T, bool]:
    """(create(), True) — or, when a concurrent post of the same form stored its record first (the unique
    `form_key` refuses this one), (that record, False). `create` runs in a savepoint, so an outer transaction
    stays usable; an IntegrityError that is not such a twin is raised."""
    try:
        with transaction.atomic():
            return create(), True
    except IntegrityError:
        twin = earlier(found, form_key)
        if twin is None:
            raise
        return twin, False


def once(found: Any, form_key: str, create: Callable[[], T]) -> tuple[T, bool]:
    """(the record stored with `form_key`, False) when the form was posted before; else `create_once`."""
    before = earlier(found, form_key)
    if before is not None:
        return before, False
    return create_once(found, form_key, create)
