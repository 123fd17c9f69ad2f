"""The GeoReport v2 documents as plain values: services, service definitions, discovery, requests,
request updates. Pure (no Django): the views fill these dataclasses from the dispatch app and hand the
result to `formats.render`.

Every id and code is emitted as a string (the spec's own JSON examples print `001` as a number,
which is not valid JSON; the 6aika reference server's schema uses strings).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

DATATYPES = ("string", "number", "datetime", "text", "singlevaluelist", "multivaluelist")
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"


@dataclass(frozen=True)
class AttributeValue:
    key: str
    name: str


@dataclass(frozen=True)
class Attribute:
    code: str
    description: str
    datatype: str = "string"
    required: bool = False
    order: int = 1
    values: tuple[AttributeValue, ...] = ()
    variable: bool = True
    datatype_description: str = ""

    def __post_init__(self):
        if self.datatype not in DATATYPES:
            raise ValueError(f"unknown Open311 datatype {self.datatype!r}")
        if self.order < 1:
            raise ValueError("attribute order must be a positive integer")

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(v.key for v in self.values)


@dataclass(frozen=True)
class Service:
    code: str
    name: str
    description: str = ""
    group: str = ""
    keywords: tuple[str, ...] = ()
    attributes: tuple[Attribute, ...] = ()
    agency: str = ""  # the lead department's name (agency_responsible of new requests)
    department_code: str = ""

    @property
    def metadata(self) -> bool:
        return bool(self.attributes)

    def attribute(self, code: str) -> Attribute | None:
        for a in self.attributes:
            if a.code == code:
                return a
        return None


@dataclass(frozen=True)
class PublicRequest:
    """Only the public fields of an event: never the reporter, never internal notes."""

    service_request_id: str
    status: str  # "open" | "closed"
    status_notes: str | None
    service_name: str | None
    service_code: str | None
    description: str
    agency_responsible: str | None
    service_notice: str | None
    requested_datetime: dt.datetime
    updated_datetime: dt.datetime | None
    expected_datetime: dt.datetime | None
    address: str | None
    address_id: str | None
    lat: float | None
    long: float | None
    media_url: str | None
    zipcode: str | None = None
    detailed_status: str | None = None  # servicerequestupdates vocabulary (extension)


@dataclass(frozen=True)
class RequestUpdate:
    """One `<request_update>` of the mySociety servicerequestupdates extension."""

    update_id: str
    service_request_id: str
    status: str  # extended status vocabulary, e.g. IN_PROGRESS
    updated_datetime: dt.datetime
    description: str
    media_url: str | None = None


@dataclass(frozen=True)
class CreatedRequest:
    service_request_id: str | None = None
    token: str | None = None
    service_notice: str | None = None
    account_id: str | None = None


def service_list(services: list[Service]) -> list[dict]:
    return [{
        "service_code": s.code,
        "service_name": s.name,
        "description": s.description,
        "metadata": s.metadata,
        "type": "realtime",
        "keywords": ",".join(s.keywords),
        "group": s.group,
    } for s in services]


def service_definition(service: Service) -> dict:
    attrs = []
    for a in sorted(service.attributes, key=lambda a: (a.order, a.code)):
        item = {
            "variable": a.variable,
            "code": a.code,
            "datatype": a.datatype,
            "required": a.required,
            "datatype_description": a.datatype_description,
            "order": a.order,
            "description": a.description,
        }
        if a.datatype in ("singlevaluelist", "multivaluelist"):
            item["values"] = [{"key": v.key, "name": v.name} for v in a.values]
        attrs.append(item)
    return {"service_code": service.code, "attributes": attrs}


def discovery(*, base_url: str, changeset: dt.datetime, contact: str, key_service: str,
              endpoint_type: str = "production") -> dict:
    """The discovery document; `base_url` is the absolute URL of `/open311/v2` (no trailing slash)."""
    return {
        "changeset": changeset,
        "contact": contact,
        "key_service": key_service,
        "endpoints": [{
            "specification": SPECIFICATION,
            "url": base_url,
            "changeset": changeset,
            "type": endpoint_type,
            "formats": ["text/xml", "application/json"],
        }],
    }


def request_item(r: PublicRequest, *, extensions: bool = False) -> dict:
    item = {
        "service_request_id": r.service_request_id,
        "status": r.status,
        "status_notes": r.status_notes,
        "service_name": r.service_name,
        "service_code": r.service_code,
        "description": r.description,
        "agency_responsible": r.agency_responsible,
        "service_notice": r.service_notice,
        "requested_datetime": r.requested_datetime,
        "updated_datetime": r.updated_datetime,
        "expected_datetime": r.expected_datetime,
        "address": r.address,
        "address_id": r.address_id,
        "zipcode": r.zipcode,
        "lat": r.lat,
        "long": r.long,
        "media_url": r.media_url,
    }
    if extensions:
        item["extended_attributes"] = {"detailed_status": r.detailed_status}
    return item


def request_list(requests: list[PublicRequest], *, extensions: bool = False) -> list[dict]:
    return [request_item(r, extensions=extensions) for r in requests]


def created(items: list[CreatedRequest]) -> list[dict]:
    out = []
    for c in items:
        item = ({"service_request_id": c.service_request_id} if c.service_request_id is not None
                else {"token": c.token})
        item["service_notice"] = c.service_notice
        item["account_id"] = c.account_id
        out.append(item)
    return out


def token_item(token: str, service_request_id: str | None) -> list[dict]:
    return [{"service_request_id": service_request_id, "token": token}]


def update_list(updates: list[RequestUpdate]) -> list[dict]:
    return [{
        "update_id": u.update_id,
        "service_request_id": u.service_request_id,
        "status": u.status,
        "updated_datetime": u.updated_datetime,
        "description": u.description,
        "media_url": u.media_url,
    } for u in updates]


@dataclass
class RequestQuery:
    """Parsed `GET requests` arguments. When `ids` is set it overrides every other filter."""

    ids: list[str] = field(default_factory=list)
    service_codes: list[str] = field(default_factory=list)
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    statuses: list[str] = field(default_factory=list)
    page: int = 1
    page_size: int = 1000
    extensions: bool = False
