"""Reads of the public village pages. The public ones need no account and show only approved lists
and the plaques ledger (public facts); the management ones are scoped."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from jianfu.accounts.roles import Capability
from jianfu.accounts.scoping import scope_for
from jianfu.core.errors import NotFoundError, PermissionDeniedError
from jianfu.orgs.models import OrgUnit
from jianfu.villagepages.models import ServiceItem, ServiceList
from jianfu.villagepages.workflow import EDITABLE, Status


def plaques_of(village_code: str) -> list[dict] | None:
    """The village's plaques from the burden monitor's ledger (None when the monitor is absent)."""
    try:
        from jianfu.monitor.selectors import plaques_for_village
    except ImportError:  # pragma: no cover - the monitor ships with jianfu; kept for partial installs
        return None
    return plaques_for_village(village_code=village_code)


def certificate_warning(*, user, service_list: ServiceList) -> dict[str, object] | None:
    """The items of a list under review that ask for a certificate, with the burden monitor's rule on certificates
    and the village's open findings about one (fix-ui19b #2: a 证明 item was approved with no hint). None when the
    list has no such item or the monitor is absent."""
    try:
        from jianfu.monitor.selectors import certificate_items
    except ImportError:  # pragma: no cover - the monitor ships with jianfu; kept for partial installs
        return None
    return certificate_items(user=user, village_code=service_list.org_code,
                             titles=[item.name for item in service_list.items.all()])


@dataclass
class PublicPage:
    village: OrgUnit
    township: OrgUnit | None
    county: OrgUnit | None
    service_list: ServiceList | None
    plaques: list[dict] | None
    # what a citizen is told when there is no public list (fix-ui17a #3: "尚在审核" was said of all 265 demo villages
    # that never submitted one): "none" (never submitted, or a draft not yet submitted), "submitted" (with the
    # township), "returned" (back with the village to revise); "published" when service_list is set
    list_state: str = "none"

    @property
    def outside_kept(self) -> list[dict]:
        return [p for p in self.plaques or [] if p["placement"] == "outside" and p["status"] == "kept"]

    @property
    def inside_kept(self) -> list[dict]:
        return [p for p in self.plaques or [] if p["placement"] == "inside" and p["status"] == "kept"]

    @property
    def removed(self) -> list[dict]:
        return [p for p in self.plaques or [] if p["status"] == "removed"]


def public_page(*, village_code: str) -> PublicPage:
    village = OrgUnit.objects.filter(code=village_code or "", kind="village", is_active=True).first()
    if village is None:
        raise NotFoundError(_("找不到该村（社区）。"))
    township = OrgUnit.objects.filter(code=village.parent_code).first()
    county = OrgUnit.objects.filter(code=township.parent_code).first() if township else None
    service_list = (ServiceList.objects.filter(org_code=village.code, status=Status.APPROVED)
                    .select_related("decided_by").prefetch_related("items").first())
    if service_list is not None:
        state = "published"
    else:
        open_status = (ServiceList.objects.filter(org_code=village.code, status__in=(Status.SUBMITTED, Status.RETURNED))
                       .values_list("status", flat=True).first())
        state = {Status.SUBMITTED: "submitted", Status.RETURNED: "returned"}.get(open_status or "", "none")
    return PublicPage(village, township, county, service_list, plaques_of(village.code), list_state=state)


@dataclass
class IndexTown:
    town: OrgUnit
    villages: list[tuple[OrgUnit, bool]]  # (village, has a public list)

    @property
    def published(self) -> int:
        return sum(1 for _village, public in self.villages if public)


def public_index(*, county_code: str = "", q: str = "", published_only: bool = False) -> list[IndexTown]:
    """Every active township with its villages (in division-code order), and whether each has a public list; towns
    with a public list first, then by name. With `q`, only the villages whose name (or whose township's name)
    contains it; with `published_only`, only those with a public list."""
    # imported here, not with the module: the URLconf imports this one, and a first request paid for it (mend21 #6)
    from pypinyin import lazy_pinyin

    q = " ".join((q or "").split())[:20]
    towns = OrgUnit.objects.filter(kind="town", is_active=True)
    if county_code:
        towns = towns.filter(parent_code=county_code)
    towns = list(towns.order_by("code"))
    villages = OrgUnit.objects.filter(kind="village", is_active=True,
                                      parent_code__in=[t.code for t in towns]).order_by("code")
    public = set(ServiceList.objects.filter(status=Status.APPROVED).values_list("org_code", flat=True))
    by_town: dict[str, list] = {}
    town_names = {t.code: t.name for t in towns}
    for village in villages:
        if q and q not in town_names.get(village.parent_code, "") + village.name:   # "曲木", "曲樟", "曲樟乡曲木村"
            continue
        if published_only and village.code not in public:
            continue
        by_town.setdefault(village.parent_code, []).append((village, village.code in public))
    # the towns with a public list first (newuser20 #11: the only one came last, after 14 towns with none), then by
    # name as a reader looks it up: by its pinyin (廉州镇 before 曲樟乡), the division code breaking ties
    found = [IndexTown(t, by_town[t.code]) for t in towns if t.code in by_town]
    return sorted(found, key=lambda t: (t.published == 0, lazy_pinyin(t.town.name), t.town.code))


def manageable_villages(*, user) -> list[dict]:
    """Villages the account may edit or approve, with their public and open versions."""
    scope = scope_for(user)
    if not (scope.can(Capability.VILLAGE_PAGE_EDIT) or scope.can(Capability.VILLAGE_PAGE_APPROVE)) \
            or scope.is_department:
        raise PermissionDeniedError(_("您的角色不维护村（社区）公开页。"), code="capability_required")
    villages = scope.filter(OrgUnit.objects.filter(kind="village", is_active=True), field="code").order_by("code")
    villages = list(villages[:2000])
    lists = ServiceList.objects.filter(org_code__in=[v.code for v in villages]).exclude(status=Status.SUPERSEDED)
    public, open_ = {}, {}
    for item in lists:
        (public if item.status == Status.APPROVED else open_)[item.org_code] = item
    return [{"village": v, "public": public.get(v.code), "open": open_.get(v.code)} for v in villages]


def list_get(*, user, pk) -> ServiceList:
    scope = scope_for(user)
    if not (scope.can(Capability.VILLAGE_PAGE_EDIT) or scope.can(Capability.VILLAGE_PAGE_APPROVE)):
        raise NotFoundError(_("找不到该清单，或不在您的管辖范围内。"))
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFoundError(_("找不到该清单，或不在您的管辖范围内。")) from None
    return scope.get(ServiceList.objects.prefetch_related("items"), pk=pk)


def edit_target(*, user, village_code: str) -> tuple[OrgUnit, ServiceList | None, ServiceList | None]:
    """For the edit form: the village (checked writable), its open version and its public version."""
    village = OrgUnit.objects.filter(code=village_code or "", kind="village", is_active=True).first()
    if village is None:
        raise NotFoundError(_("找不到该村（社区）。"))
    scope_for(user).require_write(village.code, Capability.VILLAGE_PAGE_EDIT)
    lists = ServiceList.objects.filter(org_code=village.code).prefetch_related("items")
    return (village, lists.filter(status__in=(*EDITABLE, Status.SUBMITTED)).first(),
            lists.filter(status=Status.APPROVED).first())


def is_editable(service_list: ServiceList) -> bool:
    return service_list.status in EDITABLE


@dataclass
class ItemChange:
    name: str
    fields: list[tuple[str, str, str]]   # (label, public value, submitted value)


@dataclass
class ListChanges:
    """What a submitted list changes in the public one, for the township's review: the office details, the items
    added, removed and changed. Items are matched by their name (the thing a villager looks for); a renamed item
    shows as one removed and one added."""

    header: list[tuple[str, str, str]]
    added: list[str]
    removed: list[str]
    changed: list[ItemChange]
    # names listed more than once in the submitted version, with how often: matching by name would hide them
    duplicated: list[tuple[str, int]] = field(default_factory=list)

    @property
    def none(self) -> bool:
        return not (self.header or self.added or self.removed or self.changed or self.duplicated)


# the fields compared, named by the models' own verbose names (the labels of the edit form and its messages)
HEADER_COMPARED = ("office_address", "office_hours", "office_phone", "note")
ITEM_COMPARED = ("place", "hours", "materials", "time_limit", "basis")


def field_label(model: type[ServiceList] | type[ServiceItem], name: str) -> str:
    """A field's name as the pages show it: the model's own verbose name (one place for forms, messages and tables)."""
    return str(model._meta.get_field(name).verbose_name)


def list_changes(*, submitted: ServiceList, public: ServiceList | None) -> ListChanges | None:
    """The submitted version against the public one (None when nothing is public yet: all of it is new)."""
    if public is None or public.pk == submitted.pk:
        return None
    def shown(value: str) -> str:
        return value or "—"

    header = [(field_label(ServiceList, f), shown(getattr(public, f)), shown(getattr(submitted, f))) for f in HEADER_COMPARED
              if getattr(public, f) != getattr(submitted, f)]
    old = {item.name: item for item in public.items.all()}
    new = {item.name: item for item in submitted.items.all()}
    changed = []
    for name, item in new.items():
        if name in old:
            fields = [(field_label(ServiceItem, f), shown(getattr(old[name], f)), shown(getattr(item, f)))
                      for f in ITEM_COMPARED if getattr(old[name], f) != getattr(item, f)]
            if fields:
                changed.append(ItemChange(name, fields))
    counts = Counter(item.name for item in submitted.items.all())
    return ListChanges(header=header, added=[n for n in new if n not in old], removed=[n for n in old if n not in new],
                       changed=changed, duplicated=[(n, k) for n, k in counts.items() if k > 1])
