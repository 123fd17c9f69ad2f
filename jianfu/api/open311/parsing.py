"""Parsing and validation of Open311 arguments, as plain functions over `Mapping[str, list[str]]`
(a Django `QueryDict` gives that through `dict(qd.lists())`). Every failure raises `Open311Error`
with a Chinese description that names the argument and the reason; several 400 errors found in one
POST are returned together.

The only Django import is gettext; nothing here touches the database.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from jianfu.core.text import KEPT_FORMAT_CHARACTERS, UNWANTED_CHARACTERS_RE

from .documents import Attribute, RequestQuery, Service
from .errors import ErrorItem, Open311Error

DESCRIPTION_MAX = 4000  # GeoReport v2: description is at most 4000 characters
STRING_MAX = 500  # an attribute of datatype "string"
TEXT_MAX = 4000  # an attribute of datatype "text"
ADDRESS_MAX = 500
NAME_MAX = 50
EMAIL_MAX = 254
PHONE_MAX = 30
URL_MAX = 2000
ID_MAX = 100
MAX_SPAN = dt.timedelta(days=90)
MAX_PAGE_SIZE = 1000
MAX_IDS = 1000
URGENCIES = ("normal", "urgent")

_ATTR_KEY = re.compile(r"^attribute\[([^\[\]]{1,100})\](\[\])?$")
# C0 controls other than TAB/LF/CR, DEL, lone surrogates: refused in any text argument
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
# in a URL nothing invisible is meant: what clean_text removes (bidi overrides and isolates, zero-width and other format
# characters, variation selectors) and the bidi marks it keeps beside right-to-left letters
_HIDDEN_IN_URL = re.compile(f"[{KEPT_FORMAT_CHARACTERS}]|{UNWANTED_CHARACTERS_RE.pattern}")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9][0-9 \-]{4,28}$")
_UNIT_CODE = re.compile(r"^[0-9]{6}([0-9]{3}([0-9]{3}([0-9]{3})?)?)?$")
_W3C = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?"
    r"(Z|[+-]\d{2}:?\d{2})?$"
)


def _last(data: Mapping[str, list[str]], key: str) -> str:
    """The argument's value, stripped; an empty argument is the same as an absent one (spec §1.1)."""
    values = data.get(key) or []
    return values[-1].strip() if values else ""


def _bad(errors: list[ErrorItem], message: str) -> None:
    errors.append(ErrorItem(400, message))


def check_text(errors: list[ErrorItem], name: str, value: str, max_len: int) -> str:
    """Length and character check for a free-text argument. HTML is *not* removed: it is stored as
    text and escaped on every output."""
    if len(value) > max_len:
        _bad(errors, _("参数 %(name)s 过长：%(n)d 个字符，最多 %(max)d 个。")
             % {"name": name, "n": len(value), "max": max_len})
    elif bad := _BAD_CHARS.search(value):
        # said where (newuser27 #9): an invisible character cannot be found from "含有" alone
        before = " ".join(value[max(0, bad.start() - 10):bad.start()].split())
        _bad(errors, _("参数 %(name)s 第 %(n)d 个字符是不可见的控制字符（U+%(code)04X）%(where)s。") % {
            "name": name, "n": bad.start() + 1, "code": ord(bad.group()),
            "where": _("，在“%(t)s”之后") % {"t": before} if before else _("，在开头")})
    return value


def parse_w3c(value: str, *, name: str, tz: dt.tzinfo) -> dt.datetime:
    """A W3C datetime (`2010-01-01T00:00:00Z`, `…+08:00`, or a date `2010-01-01`); a value without an
    offset is read in the server's timezone `tz`."""
    m = _W3C.match(value.strip())
    if not m:
        raise Open311Error.one(400, _("参数 %(name)s 不是 W3C 日期时间格式（例如 2026-01-01T00:00:00+08:00）：%(v)s")
                               % {"name": name, "v": value[:40]})
    year, month, day, hh, mm, ss, frac, off = m.groups()
    try:
        micro = int((frac or "0")[:6].ljust(6, "0"))
        naive = dt.datetime(int(year), int(month), int(day), int(hh or 0), int(mm or 0), int(ss or 0), micro)  # noqa: DTZ001
    except ValueError as exc:
        raise Open311Error.one(400, _("参数 %(name)s 不是有效日期：%(v)s") % {"name": name, "v": value[:40]}) from exc
    if off is None:
        return naive.replace(tzinfo=tz)
    if off == "Z":
        return naive.replace(tzinfo=dt.UTC)
    sign = -1 if off[0] == "-" else 1
    digits = off[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if hours > 14 or minutes > 59:
        raise Open311Error.one(400, _("参数 %(name)s 的时区偏移无效：%(v)s") % {"name": name, "v": off})
    return naive.replace(tzinfo=dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes)))


def _comma_list(value: str, *, name: str, max_items: int = MAX_IDS) -> list[str]:
    items = [v.strip() for v in value.split(",") if v.strip()]
    if len(items) > max_items:
        raise Open311Error.one(400, _("参数 %(name)s 最多 %(max)d 项。") % {"name": name, "max": max_items})
    return list(dict.fromkeys(items))


def _positive_int(value: str, *, name: str, maximum: int) -> int:
    if not value.isdigit() or not 1 <= int(value) <= maximum:
        raise Open311Error.one(400, _("参数 %(name)s 须为 1 到 %(max)d 之间的整数。") % {"name": name, "max": maximum})
    return int(value)


def _true(value: str) -> bool:
    return value.lower() in ("true", "1", "yes")


def parse_request_query(data: Mapping[str, list[str]], *, now: dt.datetime, tz: dt.tzinfo) -> RequestQuery:
    """`GET requests`: `service_request_id` (comma list) overrides everything else; otherwise
    `service_code` and `status` comma lists and a `start_date`/`end_date` window of at most 90 days,
    by default the last 90 days. Extension: `page`/`page_size` (page size at most 1000, the default)."""
    q = RequestQuery()
    q.extensions = _true(_last(data, "extensions"))
    page_size = _last(data, "page_size")
    page = _last(data, "page")
    if page_size:
        q.page_size = _positive_int(page_size, name="page_size", maximum=MAX_PAGE_SIZE)
    if page:
        q.page = _positive_int(page, name="page", maximum=10**6)
    ids = _last(data, "service_request_id")
    if ids:
        q.ids = _comma_list(ids, name="service_request_id")
        return q
    q.service_codes = _comma_list(_last(data, "service_code"), name="service_code")
    statuses = [s.lower() for s in _comma_list(_last(data, "status"), name="status")]
    for s in statuses:
        if s not in ("open", "closed"):
            raise Open311Error.one(400, _("参数 status 只能是 open 或 closed：%(v)s") % {"v": s[:20]})
    q.statuses = statuses
    start_raw, end_raw = _last(data, "start_date"), _last(data, "end_date")
    start = parse_w3c(start_raw, name="start_date", tz=tz) if start_raw else None
    end = parse_w3c(end_raw, name="end_date", tz=tz) if end_raw else None
    if start and end:
        if start > end:
            raise Open311Error.one(400, _("start_date 晚于 end_date。"))
        if end - start > MAX_SPAN:
            raise Open311Error.one(400, _("start_date 到 end_date 的跨度不能超过 90 天。"))
    elif start:
        end = start + MAX_SPAN
    elif end:
        start = end - MAX_SPAN
    else:
        end = now
        start = now - MAX_SPAN
    q.start, q.end = start, end
    return q


@dataclass
class NewRequest:
    """A validated `POST requests`."""

    service_code: str
    description: str = ""
    lat: float | None = None
    long: float | None = None
    address_string: str = ""
    address_id: str = ""
    jurisdiction_id: str = ""
    media_url: str = ""
    attributes: dict[str, object] = field(default_factory=dict)
    email: str = ""
    phone: str = ""
    first_name: str = ""
    last_name: str = ""
    device_id: str = ""
    account_id: str = ""
    urgency: str = "normal"
    withhold_identity: bool = False

    @property
    def reporter_name(self) -> str:
        # Chinese order: family name first, no space
        return f"{self.last_name}{self.first_name}".strip()

    @property
    def reporter_contact(self) -> str:
        return " ".join(v for v in (self.phone, self.email) if v)


def _coordinate(errors, name: str, raw: str, limit: float) -> float | None:
    try:
        value = float(raw)
    except ValueError:
        _bad(errors, _("参数 %(name)s 不是数字：%(v)s") % {"name": name, "v": raw[:30]})
        return None
    if not math.isfinite(value) or not -limit <= value <= limit:
        _bad(errors, _("参数 %(name)s 超出范围（-%(lim)s 到 %(lim)s）：%(v)s")
             % {"name": name, "lim": int(limit), "v": raw[:30]})
        return None
    return value


def raw_attributes(data: Mapping[str, list[str]]) -> tuple[dict[str, list[str]], list[str]]:
    """`attribute[CODE]=v` and `attribute[CODE][]=v1&attribute[CODE][]=v2` → {CODE: [values]};
    also the keys that look like attributes but are malformed."""
    out: dict[str, list[str]] = {}
    malformed = []
    for key, values in data.items():
        if not key.startswith("attribute"):
            continue
        m = _ATTR_KEY.match(key)
        if not m:
            malformed.append(key)
            continue
        code, is_list = m.group(1), bool(m.group(2))
        vals = [v.strip() for v in values if v.strip()]
        if not is_list:
            vals = vals[-1:]
        out.setdefault(code, []).extend(vals)
    return out, malformed


def _attribute_value(errors, attr: Attribute, values: list[str], tz: dt.tzinfo):
    label = f"attribute[{attr.code}]"
    if attr.datatype == "multivaluelist":
        unknown = [v for v in values if v not in attr.keys]
        if unknown:
            _bad(errors, _("%(label)s 的取值不在可选项中：%(v)s") % {"label": label, "v": "、".join(unknown)[:200]})
        return list(dict.fromkeys(values))
    if len(values) > 1:
        _bad(errors, _("%(label)s 只能有一个值。") % {"label": label})
        return None
    value = values[0]
    if attr.datatype == "singlevaluelist":
        if value not in attr.keys:
            _bad(errors, _("%(label)s 的取值不在可选项中：%(v)s") % {"label": label, "v": value[:100]})
        return value
    if attr.datatype == "number":
        try:
            number = Decimal(value)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            _bad(errors, _("%(label)s 须为数字：%(v)s") % {"label": label, "v": value[:30]})
            return None
        return value
    if attr.datatype == "datetime":
        try:
            return parse_w3c(value, name=label, tz=tz).isoformat()
        except Open311Error as exc:
            errors.extend(exc.errors)
            return None
    limit = TEXT_MAX if attr.datatype == "text" else STRING_MAX
    return check_text(errors, label, value, limit)


def parse_new_request(data: Mapping[str, list[str]], *, service: Service, tz: dt.tzinfo) -> NewRequest:
    """Validate a `POST requests` for `service` (already looked up by `service_code`; the caller
    answers 404 for an unknown code). Raises one Open311Error(400) listing every problem found."""
    errors: list[ErrorItem] = []
    req = NewRequest(service_code=service.code)
    req.description = check_text(errors, "description", _last(data, "description"), DESCRIPTION_MAX)
    req.address_string = check_text(errors, "address_string", _last(data, "address_string"), ADDRESS_MAX)
    req.address_id = check_text(errors, "address_id", _last(data, "address_id"), ID_MAX)
    req.jurisdiction_id = check_text(errors, "jurisdiction_id", _last(data, "jurisdiction_id"), ID_MAX)
    req.first_name = check_text(errors, "first_name", _last(data, "first_name"), NAME_MAX)
    req.last_name = check_text(errors, "last_name", _last(data, "last_name"), NAME_MAX)
    req.device_id = check_text(errors, "device_id", _last(data, "device_id"), ID_MAX)
    req.account_id = check_text(errors, "account_id", _last(data, "account_id"), ID_MAX)

    lat_raw, long_raw = _last(data, "lat"), _last(data, "long")
    if bool(lat_raw) != bool(long_raw):
        _bad(errors, _("lat 和 long 须同时提供。"))
    elif lat_raw:
        req.lat = _coordinate(errors, "lat", lat_raw, 90.0)
        req.long = _coordinate(errors, "long", long_raw, 180.0)

    for code_arg in ("address_id", "jurisdiction_id"):
        value = getattr(req, code_arg)
        if value and not _UNIT_CODE.match(value):
            _bad(errors, _("参数 %(name)s 须为行政区划代码（6、9、12 位数字，网格 15 位）：%(v)s")
                 % {"name": code_arg, "v": value[:30]})
    if not (lat_raw or long_raw or req.address_string or req.address_id
            or (req.jurisdiction_id and len(req.jurisdiction_id) >= 9)):
        _bad(errors, _("缺少位置：请提供 lat 和 long、address_string、address_id，或乡镇/村/网格代码 jurisdiction_id。"))

    email = _last(data, "email")
    if email and (len(email) > EMAIL_MAX or not _EMAIL.match(email)):
        _bad(errors, _("参数 email 不是有效的电子邮件地址。"))
    req.email = email
    phone = _last(data, "phone")
    if phone and not _PHONE.match(phone):
        _bad(errors, _("参数 phone 不是有效的电话号码。"))
    req.phone = phone

    media_url = _last(data, "media_url")
    if media_url and (len(media_url) > URL_MAX or not re.match(r"^https?://[^\s<>\"']+$", media_url)):
        _bad(errors, _("参数 media_url 须为 http 或 https 地址，且不超过 %(max)d 个字符。") % {"max": URL_MAX})
    elif hidden := _HIDDEN_IN_URL.search(media_url):
        # badinput31b #2: stored in the event's attributes (no text clean-up there) and published by every GET: a
        # right-to-left override shows ".../\u202egpj.exe" as ".../exe.jpg" in a client's list
        _bad(errors, _("参数 media_url 第 %(n)d 个字符是不可见字符（U+%(code)04X）：网址会公开显示，请去掉后再发送。")
             % {"n": hidden.start() + 1, "code": ord(hidden.group())})
    req.media_url = media_url

    urgency = _last(data, "urgency").lower() or "normal"
    if urgency not in URGENCIES:
        _bad(errors, _("参数 urgency 只能是 normal 或 urgent。"))
    req.urgency = urgency
    req.withhold_identity = _true(_last(data, "withhold_identity"))

    given, malformed = raw_attributes(data)
    for key in malformed:
        _bad(errors, _("无法识别的属性参数：%(k)s（应为 attribute[代码]）") % {"k": key[:100]})
    for code, values in given.items():
        if not values:  # an empty argument is an absent one
            continue
        attr = service.attribute(code)
        if attr is None or not attr.variable:
            _bad(errors, _("服务 %(svc)s 没有属性 attribute[%(code)s]。") % {"svc": service.code, "code": code[:100]})
    for attr in sorted(service.attributes, key=lambda a: (a.order, a.code)):
        if not attr.variable:
            continue
        values = given.get(attr.code) or []
        if not values:
            if attr.required:
                _bad(errors, _("缺少必填属性 attribute[%(code)s]（%(desc)s）。")
                     % {"code": attr.code, "desc": attr.description})
            continue
        value = _attribute_value(errors, attr, values, tz)
        if value is not None:
            req.attributes[attr.code] = value

    if errors:
        raise Open311Error(400, errors)
    return req


def event_text(req: NewRequest, service: Service) -> str:
    """The event's text: the citizen's description, or, when there is none, the service's name and the
    attribute answers (routing still gets the service code itself)."""
    if req.description:
        return req.description
    parts = [service.name]
    labels = {a.code: a for a in service.attributes}
    for code, value in req.attributes.items():
        attr = labels[code]
        if attr.datatype in ("singlevaluelist", "multivaluelist"):
            names = {v.key: v.name for v in attr.values}
            shown = "、".join(names.get(v, v) for v in (value if isinstance(value, list) else [value]))
        else:
            shown = str(value)
        parts.append(f"{attr.description}：{shown}")
    return "；".join(parts)
