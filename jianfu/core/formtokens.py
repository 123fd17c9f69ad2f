"""One-time form tokens: a form carries a fresh token (a hidden field, never in a URL), and what its post creates
stores the token's key, so the same form posted again — a refresh, the back button then 提交, a double click —
is answered with the record created the first time instead of a second one. Used by every web create form
(templates/includes/form_token.html renders the token and the copy the page keeps across the back button;
`posted` reads it) and the direct line (codereview15 #8: the two copies had already drifted apart).

The key is sha256 of the token, bound to a scope when there is one (the direct line's report uid: a token posted
with another report's receipt code is another form). A web form's post without a well-formed token is refused
(`required_key`, ADR 0035): nothing is written, the page comes back with what was typed and a fresh token; only
the API keeps the key optional (its Idempotency-Key header). The model's `form_key` column is unique, so of two posts at the same instant
one stores the record and the other, refused by the constraint inside a savepoint, answers with it. The key is
unique over the whole table, so the earlier record is looked up over every row: a caller passes `own=` (`once`,
`earlier`) so that a record that is not the poster's own is refused as an expired form, never named (security17).
A key is spent on one table only: `spend` records it across every table (core.SpentFormToken), so a token spent by
one form is refused by every other form as an expired form (quality27 #4).

One rule for what a repeat is (ADR 0036): the same sender posting the same content to the same form or endpoint. A web
form's sender is its one-time token; a repeat of the token with other content is refused (`once(content_key=...)`,
the direct line's report form; `same_content` inside `own`, the forms that store a `form_content_key`: 纳入帮扶, 发布岗位,
the review upload, ledger rows, notices, the registry's person, household and organisation forms, the dispatch
上报/反映 and catalogue copy, visits, service records and the direct line's answer, session 18; the employment
imports' uploads, fix-token28). An API create's sender is the account: with an Idempotency-Key, that key and the
content (24 hours); without one, the content alone within API_REPEAT_SECONDS (`api_once`) — a client that retries
without a key gets the first answer again, not a second row."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jianfu.core import uploads
from jianfu.core.errors import ApplicationError, ConflictError
from jianfu.core.storedfiles import undone_on_error

TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{32,64}")
T = TypeVar("T")
# the page comes back with a fresh token and what was typed: refreshing would lose the typing (fix-back16)
FORM_EXPIRED = gettext_noop("表单已失效，您填写的内容仍保留在页面上，请核对后再次点击提交。")
# a form that uploads a file: the page comes back with a fresh token and its other fields, but a file input is never
# refilled, so the words above were false there (fix-cr29 #6)
FORM_EXPIRED_FILE = gettext_noop("表单已失效，请重新选择文件后提交。")
# any other refusal of a form that uploads photos and comes back with its typing (the event page's 办结): the photos
# chosen were not kept either, and the page said nothing of them (ui31)
PHOTOS_NOT_KEPT = gettext_noop("本次选择的照片未保留，请重新选择后提交。")


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


def on_file_form(error: ApplicationError, *, chosen: bool = True) -> ApplicationError:
    """`error` as a form that uploads a file shows it: an expired form says the file must be chosen again
    (FORM_EXPIRED_FILE); any other refusal as it is. `chosen`: whether the post carried a file — where the file is
    optional and none was chosen, all the form had comes back and FORM_EXPIRED's words are true."""
    if error.code != "form_expired" or not chosen:
        return error
    return ApplicationError(_(FORM_EXPIRED_FILE), code="form_expired", field=error.field)


def not_kept(error: ApplicationError, *, chosen: bool) -> str:
    """What a refused form that uploads photos says of them beside their input, `error` as `on_file_form` gave it:
    PHOTOS_NOT_KEPT when photos were chosen (a file input is never refilled) and the refusal does not say so itself
    (an expired form's FORM_EXPIRED_FILE does); "" when none were chosen: nothing was lost (ui31)."""
    if not chosen or error.code == "form_expired":
        return ""
    return _(PHOTOS_NOT_KEPT)


def earlier(found: Any, form_key: str, *, own: Callable[[Any], bool] | None = None) -> Any:
    """The record stored with `form_key` (`found`: the model's manager or a queryset narrowing it), or None.

    With `own` (`found` is then the whole manager: the key is unique over the table), a record that is not the
    poster's own — another village's person, a visit to another key person, another user's review — raises
    `expired()`: it is neither named nor answered, and the unique key gives no 500 (security17 #2, #4)."""
    record = found.filter(form_key=form_key).first() if form_key else None
    return _answerable(record, own) if own is not None else record


def _answerable(record: T, own: Callable[[T], bool] | None) -> T:
    """`record`, when it may be answered to the poster (`own`, when given, says it is theirs); else `expired()`."""
    if record is not None and own is not None and not own(record):
        raise expired()
    return record


def spend(found: Any, form_key: str, *, record: bool = True) -> None:
    """Record that `form_key` is spent on the table of `found` (a model, its manager or a queryset), in the
    caller's transaction; `expired()` when it was spent on another table. A row's `form_key` is unique only within
    its table: without this, a token spent by one form was accepted once more by another (quality27 #4). The same
    table again is no refusal here: its own rules answer that post (`earlier`, `own`, `content_key`), and a token
    whose record was deleted creates again as before. Nothing for an empty key (an API create has none).

    `record=False` only checks, writing nothing: the direct line's forms, which by design write no row outside the
    direct line's own tables (docs/directline.md, directline/tests/test_no_trace.py), refuse a token another form
    spent without leaving theirs here."""
    if not form_key:
        return
    from jianfu.core.models import SpentFormToken

    form = found.model._meta.label if hasattr(found, "model") else found._meta.label
    if record:
        spent, _made = SpentFormToken.objects.get_or_create(key=form_key, defaults={"form": form})
        elsewhere = spent.form != form
    else:
        elsewhere = SpentFormToken.objects.filter(key=form_key).exclude(form=form).exists()
    if elsewhere:
        raise expired()


def create_once(found: Any, form_key: str, create: Callable[[], T], *,
                own: Callable[[T], bool] | None = None, record_spent: bool = True,
                spent_key: str | None = None) -> tuple[T, bool]:
    """(create(), True) — or, when a concurrent post of the same form stored its record first (the unique
    `form_key` refuses this one), (that record, False), refused as `expired()` when it is not `own`. `create` runs
    in a savepoint, so an outer transaction stays usable; an IntegrityError that is not such a twin is raised.
    A key spent on another table is refused (`spend`; `record_spent=False`: checked, not recorded), nothing
    created. `spent_key`: the key `spend` looks up when `form_key` is bound to a scope (`key(token, scope=…)`), which
    no other form's key could ever equal — the token's own unscoped `key(token)` (cr28 #3)."""
    try:
        with transaction.atomic():
            spend(found, form_key if spent_key is None else spent_key, record=record_spent)
            return create(), True
    except IntegrityError:
        twin = earlier(found, form_key)
        if twin is None:
            raise
        return _answerable(twin, own), False


def once(found: Any, form_key: str, create: Callable[[], T], *, content_key: str | None = None,
         own: Callable[[T], bool] | None = None, record_spent: bool = True,
         spent_key: str | None = None) -> tuple[T, bool]:
    """(the record stored with `form_key`, False) when the form was posted before; else `create_once`.

    With `own`, the earlier record (or a concurrent twin's) is answered only when `own(record)`; else `expired()`
    is raised, nothing stored (see `earlier`). With `content_key` (`key(token, scope=content digest)`, which
    `create` stores in the model's `form_content_key`), a repeat must also carry the same content: the same token
    with other content — the next person at a shared computer pressing back, an edit after sending — is not a
    repeat; it is refused (`expired()`), nothing stored."""
    before = _answerable(earlier(found, form_key), own)
    if before is None:
        before, created = create_once(found, form_key, create, record_spent=record_spent, spent_key=spent_key)
        if created:
            return before, True
        _answerable(before, own)   # a concurrent twin's record: the poster's own only
    if content_key is not None and not same_content(before, content_key):
        raise expired()
    return before, False


def same_content(record: Any, content_key: str) -> bool:
    """Whether `record` was stored by a post of the same content (its `form_content_key`)."""
    stored = getattr(record, "form_content_key", None) or ""
    return bool(stored) and constant_time_compare(stored, content_key)


# ------------------------------------------------------------------ API creates (ADR 0036)

API_REPEAT_SECONDS = 600          # without an Idempotency-Key: the same content again within 10 minutes is a retry
API_KEY_SECONDS = 24 * 3600       # with one: the key names the request for a day
# an unanswered claim older than this is taken to be a dead request's (SIGKILL, a restart) and taken over by the retry;
# gunicorn's gthread worker does not kill a slow thread at its `timeout`, so a live create that lost its claim is
# undone when it ends (`api_once`). The slow work of a create runs before the claim (`create_once`'s `before`).
API_CLAIM_SECONDS = 60
API_KEY_REUSED = gettext_noop("Idempotency-Key 已用于内容不同的另一请求：请为新的请求使用新的键。")
API_IN_PROGRESS = gettext_noop("同一请求正在处理中：请稍后重试，届时会返回第一次请求的结果，不会重复创建。")


def content_key(token: object, content: Any) -> str:
    """The key a create form stores in `form_content_key`: its token bound to a digest of what it posted, so a
    repost of the token with other content is told apart (`same_content`, ADR 0036). A posted file is in `content` as
    its `upload_digest`, which reads nothing past the form's size limit."""
    return key(token, scope=content_digest(content))


OVER_LIMIT = "over-limit"   # the digest of an upload past its form's size limit (refused by the form right after)


def upload_digest(upload: Any, *, limit: int) -> str | None:
    """sha256 of an uploaded file (or bytes) for a create form's `content_key`, None without one. Only what the form's
    own size check lets through is hashed: a file over `limit` bytes — by its declared `size`, unread, else found by
    reading at most limit + 1 bytes — is OVER_LIMIT, and the form refuses it with its own message right after. The
    digest was taken first, of the whole file (a 200 MB photo read through before its size check refused it: mend19b
    #2). A file is read from its start and put back there for the check that reads it next."""
    if upload is None or upload == b"":
        return None
    digest = hashlib.sha256()
    try:
        for chunk in uploads.chunks_within(upload, limit=limit):
            digest.update(chunk)
    except uploads.TooLarge:
        return OVER_LIMIT
    finally:
        if not isinstance(upload, (bytes, bytearray, memoryview)) and hasattr(upload, "seek"):
            upload.seek(0)
    return digest.hexdigest()


def upload_digests(files: Sequence[Any], *, limit: int, most: int) -> list[str | None]:
    """`upload_digest` of each of a form's files; more than `most` of them are refused by their count (the form's
    own check, right after), so none is read: each is OVER_LIMIT."""
    if uploads.too_many(files, most=most):
        return [OVER_LIMIT] * len(files)
    return [upload_digest(f, limit=limit) for f in files]


def content_digest(content: Any) -> str:
    """sha256 of a request's content (JSON-able: its fields, and its files' sha256), the same for the same fields
    in any order."""
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass
class Answer:
    """An API response as stored for its repeats: status, JSON body, the headers worth repeating (Location), and the
    row the request created (`made`: app_label.ModelName and pk, "" when the view named none)."""

    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)
    made_model: str = ""
    made_pk: str = ""


def still_made(made_model: str, made_pk: str) -> bool:
    """Whether the row a first request created is still there and live, so its answer may be replayed: it exists
    and its `status` is not one of the model's `API_REPEAT_GONE` (a withdrawn, discarded, failed or interrupted
    import). True when no
    row was named (an answer kept before identities were, or a view that names none)."""
    if not made_model:
        return True
    from django.apps import apps

    try:
        model = apps.get_model(made_model)
    except (LookupError, ValueError):
        return False
    row = model._default_manager.filter(pk=made_pk).first()
    if row is None:
        return False
    return getattr(row, "status", None) not in getattr(model, "API_REPEAT_GONE", ())


def _repeat_key(*, sender: str, endpoint: str, content: str, idempotency_key: str | None) -> tuple[str, int]:
    """The key a request's kept answer is stored under, and how long it is kept (`api_once`)."""
    if idempotency_key:
        name, seconds = f"key:{idempotency_key}", API_KEY_SECONDS
    else:
        name, seconds = f"content:{content}", API_REPEAT_SECONDS
    return hashlib.sha256(f"api|{sender}|{endpoint}|{name}".encode()).hexdigest(), seconds


def api_kept(*, sender: str, endpoint: str, content: str, idempotency_key: str | None) -> Answer | None:
    """The answer `api_once` would replay for this request, found by reading only (None when it would create, or
    decide under its claim): a caller's slow work ahead of `api_once` (`create_once`'s `before`: a review read and
    reviewed) is not redone for a repeat. The same key with other content is refused here as `api_once` refuses it."""
    from jianfu.core.models import ApiRepeat

    repeat_key, _seconds = _repeat_key(sender=sender, endpoint=endpoint, content=content,
                                       idempotency_key=idempotency_key)
    first = ApiRepeat.objects.filter(key=repeat_key, expires_at__gt=timezone.now()).first()
    if first is None:
        return None
    if not constant_time_compare(first.content_key, content):
        raise ApplicationError(_(API_KEY_REUSED), code="idempotency_key_reused", field="Idempotency-Key")
    if first.status is None or not still_made(first.made_model, first.made_pk):
        return None   # still running, a killed worker's claim, or its row gone: `api_once` decides
    return Answer(first.status, first.body, dict(first.headers), first.made_model, first.made_pk)


def api_once(*, sender: str, endpoint: str, content: str, idempotency_key: str | None,
             create: Callable[[], Answer],
             refusals: tuple[type[Exception], ...] = (ApplicationError,)) -> tuple[Answer, bool]:
    """(answer, False) for a first request, (the first request's answer, True) for its repeat: the same `sender`
    (the account) posting to `endpoint` with the client's `idempotency_key` (a well-formed token, checked by the
    caller) within API_KEY_SECONDS, or without a key the same `content` (`content_digest`) within API_REPEAT_SECONDS.
    The same key with other content is refused (400, idempotency_key_reused), as is a repeat while the first is still running (409): nothing
    is created twice. Only a 2xx answer is kept; a refusal is not, so the corrected request goes through.

    A kept answer whose row is gone (deleted, undone, withdrawn: `still_made`) is dropped and the request creates
    again: a client told "created" must find the row. A claim still unanswered after API_CLAIM_SECONDS is a worker
    killed mid-request (SIGKILL, the server's timeout): the retry takes it over instead of a day of 409s.

    `create` runs in one transaction with the storing of its answer, so a row is never committed without it. A
    refusal it raises (`refusals`: the application's, and the caller's framework's) keeps what it wrote before
    refusing; any other exception undoes the create. On SQLite (IMMEDIATE transactions) the write lock is taken for
    the whole of `create`, the checks a view makes before it writes included."""
    from jianfu.core.models import ApiRepeat

    now = timezone.now()
    repeat_key, seconds = _repeat_key(sender=sender, endpoint=endpoint, content=content,
                                      idempotency_key=idempotency_key)
    ApiRepeat.objects.filter(expires_at__lte=now).delete()
    try:
        with transaction.atomic():
            claim = ApiRepeat.objects.create(key=repeat_key, content_key=content, claimed_at=now,
                                             expires_at=now + dt.timedelta(seconds=seconds))
    except IntegrityError:
        first = ApiRepeat.objects.filter(key=repeat_key).first()
        if first is None:     # expired and deleted in between: this one is the first now
            return api_once(sender=sender, endpoint=endpoint, content=content, idempotency_key=idempotency_key,
                            create=create, refusals=refusals)
        if not constant_time_compare(first.content_key, content):
            raise ApplicationError(_(API_KEY_REUSED), code="idempotency_key_reused",
                                   field="Idempotency-Key") from None
        if first.status is None:
            # a killed worker's claim: taken over by one retry (the conditional update is the lock: of two retries
            # at once, the second matches no row once the first has moved claimed_at), the others get 409
            stale = now - dt.timedelta(seconds=API_CLAIM_SECONDS)
            if not ApiRepeat.objects.filter(pk=first.pk, status__isnull=True, claimed_at__lte=stale).update(
                    claimed_at=now, expires_at=now + dt.timedelta(seconds=seconds)):
                raise ConflictError(_(API_IN_PROGRESS), code="in_progress") from None
            claim = first
        elif still_made(first.made_model, first.made_pk):
            return Answer(first.status, first.body, dict(first.headers), first.made_model, first.made_pk), True
        else:
            # the row it created is gone: drop the answer (only this one: a concurrent retry may have replaced it)
            ApiRepeat.objects.filter(pk=first.pk, status=first.status, made_model=first.made_model,
                                     made_pk=first.made_pk).delete()
            return api_once(sender=sender, endpoint=endpoint, content=content, idempotency_key=idempotency_key,
                            create=create, refusals=refusals)
    refused: BaseException | None = None
    mine = {"pk": claim.pk, "claimed_at": now}   # the claim as this request holds it (a takeover moves claimed_at)
    try:
        # the create and its kept answer commit together (mend18b #3b): a worker killed between the two once left a
        # committed row and an unanswered claim, and the retry that took the claim over made a second row. Now a
        # killed worker leaves neither, only its claim, taken over past API_CLAIM_SECONDS to create once. The files an
        # undone create wrote (a report's photos) are deleted with it (security23 F6).
        with undone_on_error(), transaction.atomic():
            try:
                answer = create()
            except refusals as exc:
                refused = exc    # a refusal: what the view wrote before refusing is kept, as it was without this block
            else:
                # only while the claim is still this request's: a thread of gunicorn's gthread worker is not killed at
                # its timeout, so a create slower than API_CLAIM_SECONDS may find its claim taken over by a retry,
                # whose create is the one kept; this one is undone (security19 #4)
                if 200 <= answer.status < 300 and not ApiRepeat.objects.filter(**mine, status__isnull=True).update(
                        status=answer.status, body=answer.body, headers=answer.headers, made_model=answer.made_model,
                        made_pk=answer.made_pk):
                    raise _TakenOver
    except _TakenOver:
        raise ConflictError(_(API_IN_PROGRESS), code="in_progress") from None
    except BaseException:
        # anything else (a bug, an interrupted request): the create is undone with its answer, the claim dropped
        ApiRepeat.objects.filter(**mine).delete()
        raise
    if refused is not None:
        ApiRepeat.objects.filter(**mine).delete()
        raise refused
    if not 200 <= answer.status < 300:
        ApiRepeat.objects.filter(**mine).delete()
    return answer, False


class _TakenOver(Exception):
    """The request's claim was taken over by a retry while it created (`api_once`)."""
