"""A retried API create gets the first answer again instead of making a second row (ADR 0036).

`create_once` wraps the function of every /api/v1/ endpoint that creates something (the list in ADR 0036; the test
jianfu/api/tests/test_repeats.py checks each carries it). The rule is `core.formtokens.api_once`: the same account
posting the same content to the same endpoint within 10 minutes — or with the same Idempotency-Key within a day —
is answered with the first response's status and body, and the header `Idempotent-Replayed: true` — while the row
it created (each view names it with `made(row)`) is still there and live; once it is deleted, undone or withdrawn
the same post creates again.

Every create names its right (`permit`): checked first, before the body is read and before any `before` hook, so an
account without the right is refused at once, not after its upload was parsed, decoded or read (security20 #1)."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import APIException
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from jianfu.accounts.roles import Capability
from jianfu.accounts.scoping import scope_for
from jianfu.core import formtokens
from jianfu.core.errors import ApplicationError

REPLAYED = "Idempotent-Replayed"
KEPT_HEADERS = ("Location",)
T = TypeVar("T")
_MADE: ContextVar[list[tuple[str, str]] | None] = ContextVar("api_made", default=None)


def made(row: T) -> T:
    """Name `row` as what this API create made (returns it): a repeat is answered with the first response only
    while the row is still there and live (`formtokens.still_made`). Outside `create_once`, nothing."""
    rows = _MADE.get()
    if rows is not None:
        rows.append((row._meta.label, str(row.pk)))  # type: ignore[attr-defined]
    return row

IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key", str, OpenApiParameter.HEADER, required=False, pattern=f"^{formtokens.TOKEN_RE.pattern}$",
    description="可选的一次性键：32–64 位字母、数字、- 或 _。24 小时内以同一键重复提交（重试、网络重发）不会重复创建，"
                "返回第一次请求的状态和内容，并带响应头 Idempotent-Replayed: true；同一键用于内容不同的请求时返回 400。"
                "不带此请求头时，同一账号在 10 分钟内向同一地址提交完全相同的内容，也按重复提交处理。")


def _posted_files(request: Any) -> dict[str, list[Any]]:
    return {name: request.FILES.getlist(name) for name in sorted(request.FILES)}


def _field_names(posted: dict[str, list[Any]]) -> str:
    """The file fields of a refusal, as a person reads them: at most five, each cut at 40 characters."""
    names = [f"“{name[:40]}”{len(files)} 个" for name, files in posted.items()]
    return "、".join(names[:5]) + ("等" if len(names) > 5 else "")


def _refuse_files(posted: dict[str, list[Any]], uploads: tuple[int, int | None] | None) -> None:
    """Files an endpoint does not take, refused by their count before any is read (security21 #3: five 8 MB files
    posted to an endpoint that takes none were hashed before its 400). Without `uploads` the endpoint takes
    no file at all; with them, at most `most` files (one when `most` is None) across all fields. Past the most in
    one field alone, the endpoint's own count check answers (its message), the files unread (`_content`)."""
    count = sum(len(files) for files in posted.values())
    if not count:
        return
    first = next(iter(posted))
    if uploads is None:
        raise ApplicationError(_("此接口不接收文件，请去掉随请求上传的文件（%(fields)s）后重新提交。")
                               % {"fields": _field_names(posted)}, code="files_not_taken", field=first)
    most = uploads[1] or 1
    if count > most and (uploads[1] is None or len(posted) > 1):
        raise ApplicationError(_("一次最多上传 %(most)d 个文件，本次收到 %(n)d 个（%(fields)s），请去掉多余的文件后重新提交。")
                               % {"most": most, "n": count, "fields": _field_names(posted)},
                               code="too_many_files", field=first)


def _content(request: Any, uploads: tuple[int, int | None] | None = None) -> Any:
    """What the request posts: its fields (every value of a form field), its files (name and sha256), its query
    string. A file's name is part of it: the same bytes under another name are another post (a review takes its title
    from the name: security21 #2). Files the endpoint does not take are refused first, unread (`_refuse_files`); the
    rest are digested by the one upload rule (`formtokens.upload_digests`, with `uploads`: the endpoint's byte limit
    per file and most files per field): one over the limit, or more than the most, is OVER_LIMIT and not read — the
    endpoint refuses it right after, so no answer is ever kept under that digest."""
    data = request.data
    posted = _posted_files(request)
    _refuse_files(posted, uploads)
    if hasattr(data, "lists"):
        fields: Any = {name: values for name, values in data.lists() if name not in posted}
    else:
        fields = data
    limit, most = uploads or (0, None)   # without uploads, any file was refused above: none is left to digest
    files: dict[str, list[list[str | None]]] = {}
    for name, listed in posted.items():
        digests = formtokens.upload_digests(listed, limit=limit, most=most or len(listed))
        files[name] = [[getattr(upload, "name", None) or "", digest]
                       for upload, digest in zip(listed, digests, strict=True)]
    return {"fields": fields, "files": files, "query": sorted(request.query_params.lists())}


def _replayed(answer: formtokens.Answer) -> Response:
    """The first request's answer, told as a replay."""
    return Response(answer.body, status=answer.status, headers={**answer.headers, REPLAYED: "true"})


Permit = Capability | Callable[[Any], object]


def _check_permit(permit: Permit, user: Any) -> None:
    if isinstance(permit, Capability):
        scope_for(user).require(permit)
    else:
        permit(user)


def create_once(view: Callable[..., Response] | None = None, *, permit: Permit,
                before: Callable[[Any], object] | None = None,
                uploads: tuple[int, int | None] | None = None) -> Any:
    """Apply `formtokens.api_once` to the POSTs of a DRF function view (below @api_view and @parser_classes):
    `@create_once(permit=..., before=..., uploads=...)`.

    `permit` (required, so no create can leave it out) is the right to create here: a `Capability`, or a callable
    given the account that raises the refusal (`employment.access.manage_scope`). It sees the account only, never
    the request, so it cannot read the body: it runs first, ahead of the Idempotency-Key, `before` and the body's
    digest, and its refusal is answered as the view's would be (security20 #1: a 60 KB .docx that unpacks to 20 MB
    was read for 113 s, and six 10 MB photos decoded, before the 403). The view's service checks the right again,
    with the scope of the row.

    `before(request)`, if given, runs ahead of `api_once`, outside its transaction: the view's slow checks that write
    nothing (an upload's xlsx check: cr18 #5, on SQLite the write lock was held through it). A refusal it raises is
    answered as the view's would be, with no claim taken. A repeat whose answer is kept is answered before it
    (`formtokens.api_kept`), so its work is not redone.
    `uploads`, (bytes per file, files per field or None): the endpoint's upload limits, so the request's content
    digest reads no file past them (`_content`) — an endpoint with `before` reads it ahead of `before`'s refusals.
    Without `uploads` the endpoint takes no file: a post with one is refused unread; with them, more files across all
    fields than `most` (one when None) are (`_refuse_files`, security21 #3)."""
    if view is None:
        return functools.partial(create_once, permit=permit, before=before, uploads=uploads)

    @functools.wraps(view)
    def wrapped(request: Any, *args: Any, **kwargs: Any) -> Response:
        if request.method != "POST" or not request.user.is_authenticated:
            return view(request, *args, **kwargs)   # an anonymous post is refused by the view itself
        _check_permit(permit, request.user)
        key = request.headers.get("Idempotency-Key")
        if key is not None and not formtokens.valid(key):
            # a client that sends a key counts on it: a malformed one is refused, never ignored
            raise ApplicationError(_("Idempotency-Key 应为 32–64 位字母、数字、- 或 _。"), code="invalid",
                                   field="Idempotency-Key")

        sender, content = f"user:{request.user.pk}", formtokens.content_digest(_content(request, uploads))
        if before is not None:
            # a repeat is answered from the kept answer before `before` redoes its work (mend20 #3: a review replayed
            # was read and reviewed again, seconds of CPU, for the answer it already had)
            kept = formtokens.api_kept(sender=sender, endpoint=request.path, content=content, idempotency_key=key)
            if kept is not None:
                return _replayed(kept)
            before(request)
        first: list[Response] = []

        def create() -> formtokens.Answer:
            rows: list[tuple[str, str]] = []
            token = _MADE.set(rows)
            try:
                response = view(request, *args, **kwargs)
            finally:
                _MADE.reset(token)
            first.append(response)
            body = json.loads(JSONRenderer().render(response.data)) if response.data is not None else None
            model, pk = rows[0] if rows else ("", "")
            return formtokens.Answer(response.status_code, body,
                                     {h: response[h] for h in KEPT_HEADERS if response.has_header(h)}, model, pk)

        answer, repeated = formtokens.api_once(
            sender=sender, endpoint=request.path, content=content, idempotency_key=key, create=create,
            refusals=(ApplicationError, APIException, Http404))
        if not repeated:
            return first[0]
        return _replayed(answer)

    wrapped.creates_once = True  # type: ignore[attr-defined]  # what test_repeats looks for on every create
    wrapped.permit = permit  # type: ignore[attr-defined]
    return wrapped
