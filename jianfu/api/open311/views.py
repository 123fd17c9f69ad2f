"""Open311 GeoReport v2 endpoints (mounted at /open311/v2/). Thin: parse → adapter/service → render.

Plain Django views (no session, no CSRF: a POST is authenticated by its api_key alone), so the hot
path (`POST requests`) costs one key lookup, the catalogue reads and the dispatch service.

Jurisdiction: every document is about one county. It is the api_key's county when a key is sent, else
`jurisdiction_id` (the county's 6- or 12-digit code), else the deployment's only county with a
published catalogue; otherwise 400 asking for `jurisdiction_id`.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import io
import logging
import time
import urllib.parse
from functools import wraps

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db import transaction
from django.http import HttpResponse
from django.http.multipartparser import (
    FIELD,
    FIELD_TYPES,
    ChunkIter,
    LazyStream,
    MultiPartParser,
    MultiPartParserError,
    Parser,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from jianfu.api.open311 import adapter
from jianfu.api.open311 import documents as docs
from jianfu.api.open311.errors import Open311Error, error_payload
from jianfu.api.open311.formats import render
from jianfu.api.open311.parsing import _last, event_text, parse_new_request, parse_request_query
from jianfu.core.errors import ApplicationError
from jianfu.core.throttling import AnonymousReadThrottle, retry_after
from jianfu.open311clients.models import Open311Client, Open311Submission
from jianfu.open311clients.services import client_authenticate
from jianfu.orgs.models import UnitKind

log = logging.getLogger(__name__)

MAX_POST_BYTES = 1024 * 1024  # a form of short fields: a 4000-character Chinese description is ≈ 36 KB encoded


# a dispatch service's field name → the Open311 argument the client sent
ARGUMENT_OF_FIELD = {"text": "description", "latitude": "lat", "longitude": "long", "address": "address_string",
                     "org_code": "address_id", "matter_code": "service_code", "reporter_name": "first_name",
                     "reporter_contact": "phone"}


def respond(fmt: str, root: str, value, status: int = 200) -> HttpResponse:
    body, ctype = render(fmt, root, value)
    resp = HttpResponse(body, content_type=ctype, status=status)
    resp["Access-Control-Allow-Origin"] = "*"  # public, cookie-free API
    return resp


def open311_view(methods: tuple[str, ...]):
    """Render Open311Error (and unexpected ApplicationError) as the standard error list."""

    def deco(fn):
        @csrf_exempt
        @require_http_methods(list(methods))
        @wraps(fn)
        def wrapper(request, *args, fmt: str, **kwargs):
            if (refused := _throttled(request, fmt)) is not None:
                return refused
            try:
                return fn(request, *args, fmt=fmt, **kwargs)
            except Open311Error as exc:
                return respond(fmt, "errors", error_payload(exc), status=exc.status)
            except ApplicationError as exc:
                status = exc.status_code if exc.status_code in (400, 403, 404, 409) else 400
                field = f"{ARGUMENT_OF_FIELD.get(exc.field, exc.field)}: " if exc.field else ""
                return respond(fmt, "errors", [{"code": status, "description": f"{field}{exc.message}"}],
                               status=status)

        return wrapper

    return deco


def _throttled(request, fmt: str) -> HttpResponse | None:
    """A GET without a valid api_key is an anonymous read: per client address, 120 a minute and 2,000 a day by default
    (`core.throttling`, ADR 0046); past either, 429 with Retry-After in Open311's error list. A request whose api_key
    authenticates is a known client's and is not counted (its key can be withdrawn); one with a wrong key is counted —
    its answer is a 403 anyway. POSTs need a key and are not counted here.

    The allowance is asked first and the key looked up only for a read it lets through, which a valid key then gives
    back (fixcr31a #4: the lookup came first, so an address past its allowance still cost a query per random key).
    Past the allowance a key is not looked up: a known client reading from an address that is over it (anonymous reads
    from the same address) waits with it, unless its key was found valid within JIANFU_OPEN311_CACHE_SECONDS."""
    if request.method not in ("GET", "HEAD"):
        return None
    key = _last(_params(request), "api_key")
    if key and _cached_client(key) is not None:
        return None
    throttle = AnonymousReadThrottle()
    if throttle.allow_request(request, None):
        if key and _authenticate(key) is not None:
            throttle.give_back()
        return None
    response = respond(fmt, "errors", [{"code": 429, "description": _("请求过于频繁，请稍后再试。")}], status=429)
    response["Retry-After"] = retry_after(throttle.wait())
    return response


def _params(request) -> dict[str, list[str]]:
    return dict(request.GET.lists())


def _client(request, data: dict[str, list[str]], *, required: bool) -> Open311Client | None:
    raw = _last(data, "api_key")
    if not raw:
        if required:
            raise Open311Error.one(403, _("缺少 api_key。请向县网格化服务管理中心申请接口密钥。"))
        return None
    client = _authenticate(raw)
    if client is None:
        raise Open311Error.one(403, _("api_key 无效或已停用。"))
    return client


_client_cache: dict[str, tuple[float, Open311Client]] = {}


def _cached_client(raw: str) -> Open311Client | None:
    """The client of a key found valid within JIANFU_OPEN311_CACHE_SECONDS, without a query; else None."""
    ttl = adapter._ttl()
    hit = _client_cache.get(raw) if ttl > 0 else None
    return hit[1] if hit is not None and time.monotonic() - hit[0] < ttl else None


def _authenticate(raw: str) -> Open311Client | None:
    """client_authenticate through a per-process cache of JIANFU_OPEN311_CACHE_SECONDS (10 s; off
    under tests), like the service cache: a deactivated key stops working within that time. Only valid keys are
    kept (fixcr31a #4: every random key sent filled it, up to the 1,000 that clear it)."""
    ttl = adapter._ttl()
    if ttl <= 0:
        return client_authenticate(raw)
    cached = _cached_client(raw)
    if cached is not None:
        return cached
    client = client_authenticate(raw)
    if client is None:
        _client_cache.pop(raw, None)     # withdrawn since it was kept
    else:
        if len(_client_cache) > 1000:
            _client_cache.clear()
        _client_cache[raw] = (time.monotonic(), client)
    return client


def _county(data: dict[str, list[str]], client: Open311Client | None) -> str:
    """The county code (12 digits) the request is about."""
    juris = _last(data, "jurisdiction_id")
    if client is not None:
        if juris and len(juris) in (6, 12) and juris.ljust(12, "0")[:6] != client.org_code[:6] \
                and juris.ljust(12, "0").endswith("000000"):
            raise Open311Error.one(403, _("此 api_key 只能用于 %(c)s。") % {"c": client.org_code[:6]})
        return client.org_code
    if juris:
        unit = adapter.county_unit(juris)
        if unit is None:
            raise Open311Error.one(404, _("找不到辖区 jurisdiction_id=%(j)s（应为县级区划代码，如 450521）。")
                                   % {"j": juris[:30]})
        return unit.code
    unit = adapter.single_county()
    if unit is None:
        raise Open311Error.one(400, _("本系统服务多个县，请用 jurisdiction_id 指明县级区划代码。"))
    return unit.code


# --- 0. discovery --------------------------------------------------------------------------------

@open311_view(("GET", "HEAD"))
def discovery(request, *, fmt: str):
    base = request.build_absolute_uri(reverse("open311:discovery", kwargs={"fmt": fmt})).rsplit("/", 1)[0]
    changeset = adapter.catalogue_changeset(None) or timezone.now().replace(microsecond=0)
    value = docs.discovery(
        base_url=base,
        changeset=timezone.localtime(changeset),
        contact=getattr(settings, "JIANFU_OPEN311_CONTACT", "") or _("县网格化服务管理中心"),
        key_service=getattr(settings, "JIANFU_OPEN311_KEY_SERVICE", "") or _(
            "接口密钥（api_key）由县网格化服务管理中心签发：manage.py open311_issue_key。"),
        endpoint_type="test" if settings.DEBUG else "production",
    )
    return respond(fmt, "discovery", value)


# --- 1. services, 2. service definition ----------------------------------------------------------

@open311_view(("GET", "HEAD"))
def service_list(request, *, fmt: str):
    data = _params(request)
    client = _client(request, data, required=False)
    county = _county(data, client)
    items = docs.service_list(adapter.services(county))
    if client is not None and client.mode == Open311Client.Mode.BATCH:
        for item in items:
            item["type"] = "batch"
    return respond(fmt, "services", items)


@open311_view(("GET", "HEAD"))
def service_definition(request, service_code: str, *, fmt: str):
    data = _params(request)
    county = _county(data, _client(request, data, required=False))
    svc = adapter.service(county, service_code)
    if svc is None:
        raise Open311Error.one(404, _("找不到服务 service_code=%(c)s。") % {"c": service_code[:40]})
    return respond(fmt, "service_definition", docs.service_definition(svc))


# --- 3. POST requests, 5. GET requests -----------------------------------------------------------

@open311_view(("GET", "HEAD", "POST"))
def requests_(request, *, fmt: str):
    if request.method == "POST":
        return _create(request, fmt)
    data = _params(request)
    county = _county(data, _client(request, data, required=False))
    q = parse_request_query(data, now=timezone.now(), tz=timezone.get_current_timezone())
    events = adapter.query_events(county, q)
    return respond(fmt, "service_requests", docs.request_list(adapter.to_public(events), extensions=q.extensions))


def _post_data(request) -> dict[str, list[str]]:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_POST_BYTES:
        raise Open311Error.one(413, _("请求体过大：%(n)d 字节，最多 %(max)d 字节。") % {"n": length, "max": MAX_POST_BYTES})
    try:
        _require_utf8_form(request)
        data = dict(request.POST.lists())
    except (RequestDataTooBig, TooManyFieldsSent) as exc:
        raise Open311Error.one(413, _("请求体过大。")) from exc
    # Arguments in the query string count too (some clients send api_key there).
    for key, values in request.GET.lists():
        data.setdefault(key, values)
    return data


def _require_utf8_form(request) -> None:
    """A form body is read as UTF-8, the only charset Django reads a form body in. One that is not valid UTF-8 is
    refused with 400 naming the field and the encoding it looks like: without a charset Django read it as Latin-1
    and stored mojibake ("Î£·¿¿ªÁÑ", newuser22 #3); one that names another charset (charset=GBK) got Django's bare
    400. It is not guessed as GB18030: bytes that are not UTF-8 are often valid GB18030 by accident, and a wrong
    guess would be stored and routed as if the resident had written it (docs/open311.md, Session 22).
    A multipart/form-data body is held to the same rule, field by field (mend23a): Django decodes its fields with
    errors="replace", so a GBK field became "\ufffd" marks silently."""
    if request.content_type == "application/x-www-form-urlencoded":
        fields = _urlencoded_fields(request.body)
    elif request.content_type == "multipart/form-data":
        fields = _multipart_fields(request)
    else:
        return
    declared = (request.content_params.get("charset") or "").strip()
    if declared and declared.lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise Open311Error.one(400, _("不支持字符集 %(charset)s：请以 UTF-8 编码发送表单参数。")
                               % {"charset": declared[:40]})
    for name, raw in fields:
        try:
            raw.decode("utf-8")
            continue
        except UnicodeDecodeError:
            pass
        field = name.decode("utf-8", "replace")[:40]
        try:
            raw.decode("gb18030")
            looks = _("看起来是 GBK/GB18030 编码")
        except UnicodeDecodeError:
            looks = _("编码无法识别")
        raise Open311Error.one(400, _("参数 %(field)s 不是 UTF-8 编码（%(looks)s）：请以 UTF-8 编码发送表单参数。")
                               % {"field": field, "looks": looks})


def _too_many_fields() -> TooManyFieldsSent:
    """What Django raises reading request.POST past DATA_UPLOAD_MAX_NUMBER_FIELDS (`_post_data` answers it): the
    pre-check stops where Django would, before it has parsed more fields than Django would read (security24 L2: 19,000
    one-byte multipart fields, a 1 MB body, took 2.2 s to check before Django refused them)."""
    return TooManyFieldsSent("The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS.")


def _urlencoded_fields(body: bytes):
    """(name, value) as raw bytes, percent-decoded, of each pair of a form-urlencoded body. Past
    DATA_UPLOAD_MAX_NUMBER_FIELDS pairs, counted as Django's parse_qsl counts them (one more than the separators),
    TooManyFieldsSent before any is decoded."""
    limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    if limit is not None and body.count(b"&") + 1 > limit:
        raise _too_many_fields()
    for pair in body.split(b"&"):
        name, _sep, value = pair.partition(b"=")
        yield (urllib.parse.unquote_to_bytes(name.replace(b"+", b" ")),
               urllib.parse.unquote_to_bytes(value.replace(b"+", b" ")))


def _multipart_fields(request):
    """(name, value) as raw bytes of each text field of a multipart body, split by Django's own multipart parser
    (the parts Django will decode, the same way, base64 included); files are not fields. A body Django cannot
    parse yields nothing here: reading request.POST then refuses it as before. Parts are counted as Django's
    MultiPartParser counts them (fields and the raw parts before and after, two of those allowed): past
    DATA_UPLOAD_MAX_NUMBER_FIELDS, TooManyFieldsSent before the part is read."""
    boundary = request.content_params.get("boundary") or ""
    if not MultiPartParser.boundary_re.fullmatch(boundary):
        return
    limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    counted = 0
    stream = LazyStream(ChunkIter(io.BytesIO(request.body)))
    try:
        for item_type, meta, field_stream in Parser(stream, boundary.encode("ascii")):
            if item_type in FIELD_TYPES and limit is not None:
                counted += 1
                if limit + 2 < counted:
                    raise _too_many_fields()
            if item_type != FIELD:
                continue
            try:
                name = meta["content-disposition"][1]["name"].strip()
            except (KeyError, IndexError, AttributeError):
                continue
            data = field_stream.read()
            if (meta.get("content-transfer-encoding") or ("",))[0].strip() == "base64":
                with contextlib.suppress(binascii.Error):   # Django keeps the bytes as sent then too
                    data = base64.b64decode(data)
            yield name, data
    except MultiPartParserError:
        return


def _create(request, fmt: str) -> HttpResponse:
    data = _post_data(request)
    client = _client(request, data, required=True)
    county = _county(data, client)
    code = _last(data, "service_code")
    if not code:
        raise Open311Error.one(400, _("缺少 service_code。"))
    svc = adapter.service(county, code)
    if svc is None:
        raise Open311Error.one(404, _("找不到服务 service_code=%(c)s。") % {"c": code[:40]})
    req = parse_new_request(data, service=svc, tz=timezone.get_current_timezone())

    place = None
    for arg in ("address_id", "jurisdiction_id"):
        value = getattr(req, arg)
        if value and len(value) >= 9:
            place = adapter.place_unit(value, county)
            if place is None:
                raise Open311Error.one(400, _("%(arg)s=%(v)s 不是本县（%(c)s）的乡镇、村或网格代码。")
                                       % {"arg": arg, "v": value, "c": county[:6]})
            break
    if place is None:
        place = adapter.place_from_address(req.address_string, county)
        if (place is None or place.kind != UnitKind.VILLAGE) and req.lat is not None and req.long is not None:
            # a position and no village named: the nearest village, by the public form's rule (newuser22 #2)
            place = adapter.place_near(req.lat, req.long, county) or place
    org_code = place.code if place is not None else county

    attributes = dict(req.attributes)
    for key in ("media_url", "device_id", "account_id"):
        if getattr(req, key):
            attributes[key] = getattr(req, key)

    from jianfu.dispatch.services import event_report

    with transaction.atomic():
        event = event_report(
            actor=None, text=event_text(req, svc), org_code=org_code, source="open311", matter_code=svc.code,
            latitude=req.lat, longitude=req.long, urgency=req.urgency, address=req.address_string,
            reporter_name=req.reporter_name, reporter_contact=req.reporter_contact,
            withhold_identity=req.withhold_identity, attributes=attributes, client=client, place=place,
        )
        submission = Open311Submission.objects.create(
            client=client, event=event, org_code=event.org_code, account_id=req.account_id, device_id=req.device_id)

    rid = adapter.request_id(event.pk)
    notice = _("已受理，编号 %(id)s。") % {"id": rid}
    if event.department_code:
        # the reporter chose the matter, so the event went to its lead department (svc.agency)
        agency = svc.agency if event.department_code == svc.department_code else \
            adapter.department_names([event.department_code]).get(event.department_code, "")
        notice += _("由%(agency)s办理") % {"agency": agency}
        if event.due_at:
            notice += _("，预计 %(due)s 前办结") % {"due": timezone.localtime(event.due_at).strftime("%Y-%m-%d %H:%M")}
        notice += "。"
    else:
        notice += _("县网格化服务管理中心正在分派。")
    if event.case_number and req.reporter_contact:
        notice += _("受理编号 %(case)s，可凭受理编号和手机号码查询进度。") % {"case": event.case_number}
    if client.mode == Open311Client.Mode.BATCH:
        created = docs.CreatedRequest(token=submission.token, service_notice=notice, account_id=req.account_id or None)
    else:
        created = docs.CreatedRequest(service_request_id=rid, service_notice=notice,
                                      account_id=req.account_id or None)
    return respond(fmt, "service_requests", docs.created([created]), status=201)


# --- 6. one request, 4. tokens -------------------------------------------------------------------

@open311_view(("GET", "HEAD"))
def request_detail(request, service_request_id: str, *, fmt: str):
    data = _params(request)
    county = _county(data, _client(request, data, required=False))
    event = adapter.event_find(county, service_request_id)
    if event is None:
        raise Open311Error.one(404, _("找不到诉求 service_request_id=%(id)s。") % {"id": service_request_id[:40]})
    extensions = _last(data, "extensions").lower() == "true"
    return respond(fmt, "service_requests", docs.request_list(adapter.to_public([event]), extensions=extensions))


@open311_view(("GET", "HEAD"))
def token_detail(request, token: str, *, fmt: str):
    sub = Open311Submission.objects.filter(token=token[:32]).select_related("event").first() if token else None
    if sub is None:
        raise Open311Error.one(404, _("找不到令牌 token=%(t)s。") % {"t": token[:40]})
    return respond(fmt, "service_requests", docs.token_item(sub.token, adapter.request_id(sub.event_id)))


# --- extension: servicerequestupdates ------------------------------------------------------------

@open311_view(("GET", "HEAD"))
def request_updates(request, *, fmt: str):
    """mySociety's `servicerequestupdates`: the public timeline with detailed statuses (FOR_TRIAGE,
    OPEN, INVESTIGATING, IN_PROGRESS, FIXED, CLOSED, DUPLICATE, REOPEN). `service_request_id` (comma
    list) selects requests; otherwise `start_date`/`end_date` (default: the last 90 days)."""
    data = _params(request)
    county = _county(data, _client(request, data, required=False))
    tz = timezone.get_current_timezone()
    q = parse_request_query(data, now=timezone.now(), tz=tz)
    if q.ids:
        ids = [pk for pk in (adapter.parse_request_id(i) for i in q.ids) if pk is not None]
        items = adapter.updates(county, start=None, end=None, ids=ids, limit=q.page_size)
    else:
        items = adapter.updates(county, start=q.start, end=q.end, limit=q.page_size)
    return respond(fmt, "service_request_updates", docs.update_list(items))


__all__ = ["discovery", "service_list", "service_definition", "requests_", "request_detail", "token_detail",
           "request_updates"]
