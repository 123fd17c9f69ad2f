"""Open311 GeoReport v2 renderers: one Python value → `.xml` or `.json` bytes.

Pure (no Django). The XML follows the spec's examples: UTF-8 with an XML declaration, no namespace,
lists as a wrapper element holding one element per item (`<services><service>…`), booleans as
`true`/`false`, missing values as empty elements. The JSON is the mechanical mapping of the same value
("Spark convention"): lists are bare arrays, missing values are `null`.

Text is escaped for XML (`&`, `<`, `>`, quotes) and characters XML 1.0 cannot carry (control
characters other than tab/newline/CR, lone surrogates, U+FFFE/U+FFFF) are replaced by U+FFFD, so any
stored text, HTML or script included, renders as inert text in both formats.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal

FORMATS = ("xml", "json")
CONTENT_TYPES = {
    "xml": "text/xml; charset=utf-8",
    "json": "application/json; charset=utf-8",
}
XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>'

# list key → element name of one item, for the lists the GeoReport v2 documents contain
ITEM_TAGS = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "endpoints": "endpoint",
    "formats": "format",
    "attributes": "attribute",
    "values": "value",
    "service_request_updates": "request_update",
}

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TAG_OK = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


def xml_text(value: str) -> str:
    """`value` as XML character data, safe inside an element or a double-quoted attribute."""
    value = _XML_INVALID.sub("\ufffd", value)
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&apos;").replace("\r", "&#13;"))


def scalar_text(value) -> str:
    """How one scalar is written in XML."""
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, dt.datetime):
        return iso_datetime(value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def iso_datetime(value: dt.datetime | None) -> str | None:
    """W3C/ISO 8601 with an explicit offset (`2026-11-25T10:00:00+08:00`); naive datetimes are refused."""
    if value is None:
        return None
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("Open311 datetimes must carry a timezone")
    return value.replace(microsecond=0).isoformat()


def _item_tag(list_key: str) -> str:
    if list_key in ITEM_TAGS:
        return ITEM_TAGS[list_key]
    return list_key[:-1] if list_key.endswith("s") and len(list_key) > 1 else "item"


def _write_xml(out: list[str], tag: str, value) -> None:
    if not _TAG_OK.match(tag):
        raise ValueError(f"not an XML element name: {tag!r}")
    if isinstance(value, Mapping):
        out.append(f"<{tag}>")
        for key, child in value.items():
            _write_xml(out, key, child)
        out.append(f"</{tag}>")
    elif isinstance(value, Sequence) and not isinstance(value, str | bytes):
        item = _item_tag(tag)
        out.append(f"<{tag}>")
        for child in value:
            _write_xml(out, item, child)
        out.append(f"</{tag}>")
    else:
        text = scalar_text(value)
        out.append(f"<{tag}>{xml_text(text)}</{tag}>" if text != "" else f"<{tag}/>")


def to_xml(root: str, value) -> bytes:
    """The document `<root>…</root>`: a list becomes one `<item>` per element (see ITEM_TAGS)."""
    out = [XML_DECLARATION]
    _write_xml(out, root, value)
    return "".join(out).encode("utf-8")


def _json_default(value):
    if isinstance(value, dt.datetime):
        return iso_datetime(value)
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def to_json(value) -> bytes:
    """Compact UTF-8 JSON (Chinese kept as characters). `<`, `>` and `&` are written as `\\u003c`…
    so a JSON body pasted into HTML cannot open a tag."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_json_default,
                      allow_nan=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return text.encode("utf-8")


def render(fmt: str, root: str, value) -> tuple[bytes, str]:
    """(body, content type) for `value` in `fmt`; `root` names the XML root element."""
    if fmt == "xml":
        return to_xml(root, value), CONTENT_TYPES["xml"]
    if fmt == "json":
        return to_json(value), CONTENT_TYPES["json"]
    raise ValueError(f"unknown format {fmt!r}")
