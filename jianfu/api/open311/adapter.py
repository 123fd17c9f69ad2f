"""The Open311 layer's reads of the dispatch app, turned into the plain documents of `documents.py`.

What is public: events reported through the public channels (`Source.OPEN311`, `Source.CITIZEN`) of
one county, with their service (matter), status, the department's name, deadline, place and the
timeline notes marked public. Never the reporter (name, contact, account), never internal notes, never
events reported by grid workers, cadres or townships (those are internal work, not citizen reports).
"""

from __future__ import annotations

import datetime as dt
import re
import time
from types import SimpleNamespace

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.api.open311 import documents as docs
from jianfu.core.errors import NotFoundError
from jianfu.core.pii import mask_identifiers
from jianfu.dispatch.cases import number_filter
from jianfu.dispatch.geo import county_village_near
from jianfu.dispatch.models import CatalogueVersion, Event, Matter, Source, TimelineEntry
from jianfu.dispatch.selectors import event_public_status, matter_get_active, matter_list_active
from jianfu.dispatch.services import catalogue_in_force
from jianfu.dispatch.workflow import OPEN_STATUSES, PUBLIC_CLOSED, Status
from jianfu.open311clients.models import ServiceAttribute
from jianfu.orgs.models import OrgUnit, UnitKind
from jianfu.orgs.names import names_people_write

PUBLIC_SOURCES = (Source.OPEN311, Source.CITIZEN)
CENTRE_NAME = "县网格化服务管理中心"  # who holds an event before it is dispatched
_ID = re.compile(r"^(?:WG)?0*([1-9][0-9]{0,17})$", re.IGNORECASE)

# Detailed states for the servicerequestupdates extension (mySociety "extended statuses").
EXTENDED_STATUS = {
    Status.REPORTED: "FOR_TRIAGE",
    Status.DISPATCHED: "OPEN",
    Status.ACCEPTED: "INVESTIGATING",
    Status.IN_PROGRESS: "IN_PROGRESS",
    Status.RESOLVED: "FIXED",
    Status.CLOSED: "CLOSED",
    Status.MERGED: "DUPLICATE",
}


def public_status(status: str) -> str:
    return event_public_status(SimpleNamespace(status=status))


def _local(value: dt.datetime | None) -> dt.datetime | None:
    """In the server's timezone (Asia/Shanghai), so offsets read +08:00 as local users expect."""
    return timezone.localtime(value) if value is not None else None


def request_id(event_pk: int) -> str:
    return f"WG{event_pk:08d}"


def parse_request_id(value: str) -> int | None:
    m = _ID.match((value or "").strip())
    return int(m.group(1)) if m else None


# --- jurisdictions -------------------------------------------------------------------------------

def county_unit(code: str) -> OrgUnit | None:
    """The county OrgUnit for its 6-digit prefix, its 12-digit code, or any code inside it."""
    code = (code or "").strip()
    if not re.fullmatch(r"[0-9]{6}(?:[0-9]{3}){0,3}", code):
        return None
    return OrgUnit.objects.filter(code=code[:6] + "000000", kind=UnitKind.COUNTY).first()


def single_county() -> OrgUnit | None:
    """The only county with a published catalogue, when there is exactly one."""
    codes = set(CatalogueVersion.objects.filter(state=CatalogueVersion.State.PUBLISHED)
                .values_list("org_code", flat=True).distinct()[:2])
    if len(codes) != 1:
        return None
    return county_unit(codes.pop()[:6])


_place_cache: dict[str, tuple[float, OrgUnit | None]] = {}


def place_unit(code: str, county: str) -> OrgUnit | None:
    """A town/village/grid unit inside `county` given by its code (9/12/15 digits). Read through a
    per-process cache like `service` (units change rarely; the dispatch service checks the unit is
    reportable and active)."""
    code = code.strip()
    if len(code) == 9:
        code = code.ljust(12, "0")
    if not code.startswith(county[:6]):
        return None
    now = time.monotonic()
    hit = _place_cache.get(code)
    if hit is not None and now - hit[0] < _ttl():
        return hit[1]
    unit = OrgUnit.objects.filter(code=code).exclude(kind=UnitKind.DEPARTMENT).first()
    if len(_place_cache) > 20000:
        _place_cache.clear()
    _place_cache[code] = (now, unit)
    return unit


def place_from_address(address: str, county: str) -> OrgUnit | None:
    """The most specific unit of the county whose name occurs in a free-text address (villages before towns; a
    village whose own town is named too before one that only shares its name; the longest name wins), e.g.
    "合浦县曲樟乡曲木村委旁" and "曲樟乡曲木村3组" → 曲木村."""
    if not address:
        return None
    candidates = list(OrgUnit.objects.filter(code__startswith=county[:6], is_active=True,
                                             kind__in=(UnitKind.TOWN, UnitKind.VILLAGE))
                      .only("code", "name", "kind"))
    towns_named = {u.code[:9] for u in candidates if u.kind == UnitKind.TOWN and u.name and u.name in address}
    best = None
    for unit in candidates:
        found = [name for name in names_people_write(unit.name) if name and name in address] if unit.name else []
        if found:
            rank = (unit.kind == UnitKind.VILLAGE, unit.code[:9] in towns_named, max(map(len, found)))
            if best is None or rank > best[0]:
                best = (rank, unit)
    return best[1] if best else None


def place_near(lat: float, lon: float, county: str) -> OrgUnit | None:
    """The county's village nearest to a request's lat/long (within 30 km), by the public form's rule
    (`dispatch.geo.county_village_near`); None when no village of the county has a reference point that near."""
    hit = county_village_near(lat, lon, county)
    return OrgUnit.objects.filter(code=hit[0]).first() if hit is not None else None


# --- catalogue → services ------------------------------------------------------------------------

def current_version(county_code: str) -> CatalogueVersion | None:
    return catalogue_in_force(county_code)


def _county_forms(code: str) -> list[str]:
    """A county code as stored in either form (6-digit prefix or 12 digits)."""
    c6 = code[:6]
    return [c6, c6 + "000000"]


def department_names(codes) -> dict[str, str]:
    codes = {c for c in codes if c}
    if not codes:
        return {}
    return dict(OrgUnit.objects.filter(code__in=codes).values_list("code", "name"))


def _attributes(county_code: str, matter_codes) -> dict[str, list[docs.Attribute]]:
    out: dict[str, list[docs.Attribute]] = {}
    rows = ServiceAttribute.objects.filter(org_code__in=_county_forms(county_code), matter_code__in=list(matter_codes))
    for a in rows:
        values = tuple(docs.AttributeValue(str(v.get("key", "")), str(v.get("name", ""))) for v in (a.values or ()))
        out.setdefault(a.matter_code, []).append(docs.Attribute(
            code=a.code, description=a.description, datatype=a.datatype, required=a.required,
            order=max(1, a.order), values=values, variable=a.variable,
            datatype_description=a.datatype_description))
    return out


def _service(m: Matter, attrs: dict, names: dict) -> docs.Service:
    return docs.Service(code=m.code, name=m.name, description=m.description, group=m.group,
                        keywords=tuple(str(k) for k in (m.keywords or ())),
                        attributes=tuple(attrs.get(m.code, ())), agency=names.get(m.department_code, ""),
                        department_code=m.department_code)


def services(county_code: str) -> list[docs.Service]:
    matters = list(matter_list_active(county_code=county_code))
    attrs = _attributes(county_code, [m.code for m in matters])
    names = department_names(m.department_code for m in matters)
    return [_service(m, attrs, names) for m in matters]


_service_cache: dict[tuple[str, str], tuple[float, docs.Service | None]] = {}


def service(county_code: str, code: str) -> docs.Service | None:
    """One service of the county's catalogue in force. The hot path (every POST) reads it through a
    per-process cache (JIANFU_OPEN311_CACHE_SECONDS, default 10 s; off under tests): a catalogue edit
    reaches Open311 within that time (the dispatch service itself always checks the matter against the
    catalogue in force)."""
    if not code or len(code) > 40:
        return None
    key = (county_code, code)
    hit = _service_cache.get(key)
    now = time.monotonic()
    if hit is not None and now - hit[0] < _ttl():
        return hit[1]
    value = _service_uncached(county_code, code)
    if len(_service_cache) > 5000:
        _service_cache.clear()
    _service_cache[key] = (now, value)
    return value


def _ttl() -> float:
    from django.conf import settings

    return float(getattr(settings, "JIANFU_OPEN311_CACHE_SECONDS", 0 if settings.TESTING else 10))


def clear_cache() -> None:
    _service_cache.clear()
    _place_cache.clear()


def _service_uncached(county_code: str, code: str) -> docs.Service | None:
    try:
        m = matter_get_active(county_code=county_code, code=code)
    except NotFoundError:
        return None
    return _service(m, _attributes(county_code, [m.code]), department_names([m.department_code]))


def catalogue_changeset(county_code: str | None) -> dt.datetime | None:
    qs = CatalogueVersion.objects.filter(state=CatalogueVersion.State.PUBLISHED)
    if county_code:
        qs = qs.filter(org_code__in=_county_forms(county_code))
    v = qs.order_by("-updated_at").first()
    return v.updated_at if v else None


# --- events → requests ---------------------------------------------------------------------------

def public_events(county_code: str):
    return Event.objects.filter(county_code__in=_county_forms(county_code), source__in=PUBLIC_SOURCES)


def _with_notes(qs):
    latest = (TimelineEntry.objects.filter(event=OuterRef("pk"), public=True).exclude(note="")
              .order_by("-at", "-id").values("note")[:1])
    return qs.select_related("matter").annotate(public_note=Subquery(latest))


def query_events(county_code: str, q: docs.RequestQuery) -> list[Event]:
    qs = public_events(county_code)
    if q.ids:
        pks = [pk for pk in (parse_request_id(i) for i in q.ids) if pk is not None]
        qs = qs.filter(pk__in=pks)
    else:
        qs = qs.filter(created_at__gte=q.start, created_at__lte=q.end)
        if q.service_codes:
            qs = qs.filter(matter__code__in=q.service_codes)
        if q.statuses and set(q.statuses) != {"open", "closed"}:
            qs = qs.filter(status__in=OPEN_STATUSES if q.statuses == ["open"] else PUBLIC_CLOSED)
    offset = (q.page - 1) * q.page_size
    return list(_with_notes(qs).order_by("-created_at", "-id")[offset:offset + q.page_size])


def event_find(county_code: str, value: str) -> Event | None:
    """The public request a client names by its service_request_id (WG00000024, or 24) or by the
    受理编号 its reporter was given (HP2612000024). The case number opens only what the request id
    already opens — the public fields — so it is no key to the reporter's page (ADR 0025)."""
    pk = parse_request_id(value)
    by = Q(pk=pk) if pk is not None else number_filter(value)
    return _with_notes(public_events(county_code).filter(by)).first() if by is not None else None


def _public_coordinate(value, withheld: bool) -> float | None:
    if value is None:
        return None
    return round(float(value), 3) if withheld else float(value)


def to_public(events: list[Event]) -> list[docs.PublicRequest]:
    names = department_names(e.department_code for e in events)
    out = []
    for e in events:
        status = public_status(e.status)
        updated = e.closed_at or e.resolved_at if status == "closed" else e.updated_at
        note = getattr(e, "public_note", None) or Status(e.status).label
        if e.status == Status.MERGED and e.merged_into_id:
            note = _("与 %(id)s 为同一事件，已合并办理。") % {"id": request_id(e.merged_into_id)}
        out.append(docs.PublicRequest(
            service_request_id=request_id(e.pk),
            status=status,
            status_notes=mask_identifiers(str(note)),   # a public note (a resolve note, a reopen reason) likewise
            service_name=e.matter.name if e.matter_id else None,
            service_code=e.matter.code if e.matter_id else None,
            # published to anyone: a phone or ID number the reporter typed into the text is masked as every page masks
            # it (security34 #1: the GET printed them whole; the reporter's own contact fields never appear at all)
            description=mask_identifiers(e.text),
            agency_responsible=names.get(e.department_code) or _(CENTRE_NAME),
            service_notice=None,
            requested_datetime=_local(e.created_at),
            updated_datetime=_local(updated or e.updated_at),
            expected_datetime=_local(e.due_at),
            # A citizen who withheld their identity may have reported from home: publish the place
            # only to about 100 m and without the street address.
            address=None if e.withhold_identity else (e.address or None),
            address_id=e.org_code if len(e.org_code) >= 12 and not e.org_code.endswith("000000") else None,
            lat=_public_coordinate(e.latitude, e.withhold_identity),
            long=_public_coordinate(e.longitude, e.withhold_identity),
            media_url=(e.attributes or {}).get("media_url") or None,
            detailed_status=EXTENDED_STATUS.get(e.status, "OPEN"),
        ))
    return out


def updates(county_code: str, *, start: dt.datetime, end: dt.datetime, limit: int = 1000,
            ids: list[int] | None = None) -> list[docs.RequestUpdate]:
    qs = (TimelineEntry.objects.filter(event__county_code__in=_county_forms(county_code),
                                       event__source__in=PUBLIC_SOURCES, public=True)
          .select_related("event"))
    qs = qs.filter(event_id__in=ids) if ids is not None else qs.filter(at__gte=start, at__lte=end)
    out = []
    for t in qs.order_by("at", "id")[:limit]:
        status = t.to_status or t.from_status or t.event.status
        extended = "REOPEN" if t.action == "reopen" else EXTENDED_STATUS.get(status, "OPEN")
        label = _action_label(t.action)
        out.append(docs.RequestUpdate(
            update_id=str(t.pk), service_request_id=request_id(t.event_id), status=extended,
            updated_datetime=_local(t.at), description=mask_identifiers(t.note) or label,   # published: security34 #1
            media_url=None))
    return out


def _action_label(action: str) -> str:
    from jianfu.dispatch.workflow import timeline_label

    return timeline_label(action)
