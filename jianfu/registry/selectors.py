"""Reads of the registry, scoped inside by `scope_for(user)`. Person-level records need REGISTRY_READ;
grid workers see their grid (grid_code), everyone else their subtree (org_code)."""

from __future__ import annotations

import re

from django.db.models import Case, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _

from jianfu.accounts.roles import Capability
from jianfu.accounts.scoping import scope_for
from jianfu.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from jianfu.registry import sensitive, services
from jianfu.registry.ledger import values as V
from jianfu.registry.ledger.validate import parse_attribute
from jianfu.registry.models import (
    AttributeDefinition,
    DuplicateReview,
    FieldChange,
    Household,
    ImportBatch,
    ImportMapping,
    MergeConflict,
    Organisation,
    Person,
    PersonStatus,
    RelationToHead,
)
from jianfu.registry.sensitive import ID_LIKE, PERSON_NUMBER, PHONE_LIKE  # the search rule (re-exported)
from jianfu.registry.services import scope_field

# Filters a list accepts (GET parameter → ORM lookup); values are validated against the model choices.
PERSON_FILTERS = ("gender", "residence_status", "employment_status", "political_status", "disability_category",
                  "education", "marital_status", "status", "health_insurance", "pension_insurance")
FLAG_FILTERS = ("is_dibao", "is_tekun", "is_orphan", "is_left_behind_child", "is_left_behind_elder", "is_veteran",
                "is_poverty_alleviated", "is_monitoring_target", "is_entitled_group")


def _read_scope(user):
    scope = scope_for(user)
    if not scope.can(Capability.REGISTRY_READ):
        raise PermissionDeniedError(_("您的角色不能查看人员信息。"), code="capability_required")
    return scope


def _scoped(user, qs: QuerySet) -> QuerySet:
    scope = _read_scope(user)
    return scope.filter(qs, field=scope_field(scope))


def person_list(*, user, q: str = "", filters: dict | None = None) -> QuerySet:
    qs = _scoped(user, Person.objects.all())
    q = (q or "").strip()
    if q:
        compact = sensitive.compact_number(q)
        if ID_LIKE.match(compact):
            qs = qs.filter(id_number_index=sensitive.id_index(compact))
        elif PHONE_LIKE.match(compact):
            qs = qs.filter(phone_index=sensitive.phone_index(compact))
        else:
            qs = qs.filter(name__contains=q)
    filters = filters or {}
    for key in PERSON_FILTERS:
        value = filters.get(key)
        if value not in (None, ""):
            field = Person._meta.get_field(key)
            if value in dict(field.choices):
                qs = qs.filter(**{key: value})
    for key in FLAG_FILTERS:
        if str(filters.get(key, "")).lower() in ("1", "true", "on", "yes"):
            qs = qs.filter(**{key: True})
    org = filters.get("org_code")
    if org and re.fullmatch(r"\d{2,15}", org):
        qs = qs.filter(org_code__startswith=org) if len(org) <= 12 else qs.filter(grid_code=org)
    grid = filters.get("grid_code")
    if grid and re.fullmatch(r"\d{15}", grid):
        qs = qs.filter(grid_code=grid)
    for key, lookup in (("born_after", "birth_date__gte"), ("born_before", "birth_date__lte")):
        value = filters.get(key)
        if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            qs = qs.filter(**{lookup: value})
    household = filters.get("household")
    if household and str(household).isdigit():
        qs = qs.filter(household_id=int(household))
    return qs.order_by("org_code", "id")


def person_get(*, user, pk: int) -> Person:
    person = _scoped(user, Person.objects.select_related("household")).filter(pk=pk).first()
    if person is None:
        raise NotFoundError(_("找不到该人员，或不在您的管辖范围内。"))
    return person


def person_history(person: Person, *, limit: int = 200) -> QuerySet:
    return FieldChange.objects.filter(model="person", object_id=person.pk).select_related("actor")[:limit]


def _member_count() -> Coalesce:
    """A household's current members (在册: active, not moved out nor deceased — newuser32b walk, rmend32 #3; the member
    list marks the others, and the list's 人数 counted them too), as a correlated subquery: evaluated for the rows a page returns only, and dropped from
    the paginator's COUNT (Django strips an unused non-aggregate annotation). `Count("members")` grouped every
    household of the scope with its members before the page was cut, and the count repeated it: 2.6-5.1 s for the
    county office's 31,090 households (badinput16 #10)."""
    members = (Person.objects.filter(household=OuterRef("pk"), status=PersonStatus.ACTIVE).order_by().values("household")
               .annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(members, output_field=IntegerField()), Value(0))


def household_list(*, user, q: str = "", org_code: str = "") -> QuerySet:
    qs = _scoped(user, Household.objects.select_related("head")).annotate(member_count=_member_count())
    # a space typed or pasted around 户编号 found nothing (rmend32 #5): trimmed as the person list trims it
    q = (q or "").strip()
    if q:
        qs = qs.filter(Q(number__contains=q) | Q(address__contains=q) | Q(head__name__contains=q))
    if org_code and org_code.isdigit():
        qs = qs.filter(org_code__startswith=org_code)
    return qs.order_by("org_code", "number")


def household_get(*, user, pk: int) -> Household:
    hh = _scoped(user, Household.objects.select_related("head")).filter(pk=pk).first()
    if hh is None:
        raise NotFoundError(_("找不到该户，或不在您的管辖范围内。"))
    return hh


def household_members(household: Household) -> QuerySet:
    """The members, the head first, then in the order of `RelationToHead` (spouse, children, …), each by birth date.
    Ordered by the stored code, descending, the page listed 配偶 above 户主 and 其他 between them (newuser32b #3)."""
    rank = Case(*(When(relation_to_head=code, then=Value(i)) for i, code in enumerate(RelationToHead.values)),
                default=Value(len(RelationToHead.values)), output_field=IntegerField())
    return household.members.order_by(rank, "birth_date", "pk")


def household_member_to_add(*, user, household: Household, text: str) -> Person:
    """The person 加入成员 names (newuser32b #2): a whole ID number, a 人员编号 (shown on the person's page), or the name
    of one active person of the household's village. The form asked for the 人员编号 alone, which no page showed: a
    newborn or an imported resident could not be added to a household without reading it out of a link's address.
    A whole ID number is looked up by its blind index (the caller counts and audits it like the person list's
    search); a name shared by two active persons of the village asks for the number instead."""
    typed = (text or "").strip()
    compact = sensitive.compact_number(typed)
    persons = _scoped(user, Person.objects.select_related("household"))
    if ID_LIKE.match(compact):
        person = persons.filter(id_number_index=sensitive.id_index(compact)).first()
    elif PERSON_NUMBER.fullmatch(compact):
        person = persons.filter(pk=int(compact)).first()
    else:
        named = list(persons.filter(org_code=household.org_code, name=typed, status=PersonStatus.ACTIVE)[:10])
        if len(named) > 1:
            raise ApplicationError(_("本村有 %(n)d 名在册人员叫“%(name)s”，请改填身份证号或人员编号（人员页面上有）。")
                                   % {"n": len(named), "name": typed}, code="ambiguous", field="person_id")
        person = named[0] if named else None
    if person is None:
        raise NotFoundError(_("没有找到“%(text)s”：请填写本村在册人员的姓名、身份证号或人员编号。还没有登记的人（如新生儿）"
                              "请先登记。") % {"text": typed[:50]}, field="person_id")
    return person


def organisation_list(*, user, q: str = "", kind: str = "", org_code: str = "") -> QuerySet:
    qs = _scoped(user, Organisation.objects.all())
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(credit_code=q.upper()))
    if kind in dict(Organisation._meta.get_field("kind").choices):
        qs = qs.filter(kind=kind)
    if org_code and org_code.isdigit():
        qs = qs.filter(org_code__startswith=org_code)
    return qs.order_by("org_code", "name")


def organisation_get(*, user, pk: int) -> Organisation:
    org = _scoped(user, Organisation.objects.all()).filter(pk=pk).first()
    if org is None:
        raise NotFoundError(_("找不到该单位，或不在您的管辖范围内。"))
    return org


def organisation_history(org: Organisation) -> QuerySet:
    return FieldChange.objects.filter(model="organisation", object_id=org.pk).select_related("actor")[:200]


# ---------------------------------------------------------------- imports, conflicts, reviews

def _import_scope(user, refused: str = ""):
    """Imports, their conflicts and duplicate reviews: village, town (and admin) accounts; grid workers
    maintain persons one by one. `refused`: the refusal in the words of the page asked for (newuser21 #10: the
    conflicts page said "您无权导入台账。"); imports' own by default."""
    scope = scope_for(user)
    if not scope.can(Capability.REGISTRY_WRITE) or scope.is_department or (
            not scope.is_all and len(scope.unit_code or "") != 12):
        raise PermissionDeniedError(refused or _("您无权导入台账。"), code="capability_required")
    return scope


def import_batch_list(*, user) -> QuerySet:
    scope = _import_scope(user)
    return scope.filter(ImportBatch.objects.select_related("mapping", "created_by"), field="org_code")


def import_batch_get(*, user, pk: int) -> ImportBatch:
    batch = import_batch_list(user=user).filter(pk=pk).first()
    if batch is None:
        raise NotFoundError(_("找不到该导入批次，或不在您的管辖范围内。"))
    return batch


def import_mapping_list(*, user) -> QuerySet:
    scope = _import_scope(user)
    code = scope.unit_code
    if scope.is_all:
        return ImportMapping.objects.all().order_by("org_code", "name")
    owners = {code, code[:9].ljust(12, "0"), code[:6].ljust(12, "0")}
    return (ImportMapping.objects.filter(Q(org_code__in=owners) | scope.q(field="org_code"))
            .order_by("org_code", "name"))


def conflict_list(*, user, status: str = MergeConflict.Status.PENDING) -> QuerySet:
    scope = _import_scope(user, _("您无权查看导入冲突。"))
    qs = scope.filter(MergeConflict.objects.select_related("person", "batch"), field="org_code")
    return qs.filter(status=status) if status else qs


def conflict_get(*, user, pk: int) -> MergeConflict:
    c = conflict_list(user=user, status="").filter(pk=pk).first()
    if c is None:
        raise NotFoundError(_("找不到该冲突，或不在您的管辖范围内。"))
    return c


def review_list(*, user, status: str = DuplicateReview.Status.PENDING) -> QuerySet:
    scope = _import_scope(user, _("您无权查看疑似重复核对。"))
    qs = scope.filter(DuplicateReview.objects.select_related("batch"), field="org_code")
    return qs.filter(status=status) if status else qs


def review_get(*, user, pk: int) -> DuplicateReview:
    r = review_list(user=user, status="").filter(pk=pk).first()
    if r is None:
        raise NotFoundError(_("找不到该核对记录，或不在您的管辖范围内。"))
    return r


def review_candidates(review: DuplicateReview) -> list[tuple[dict, Person]]:
    people = Person.objects.in_bulk([c["person_id"] for c in review.candidates])
    return [(c, people[c["person_id"]]) for c in review.candidates if c["person_id"] in people]


# ---------------------------------------------------------------- attribute definitions

def _attribute_scope(user):
    scope = scope_for(user)
    if not scope.can(Capability.REPORT_DEFINE) or scope.is_department or not (
            scope.is_all or len(scope.prefix or "") <= 6):
        raise PermissionDeniedError(_("只有县级减负办可以定义自定义属性。"), code="capability_required")
    return scope


def attribute_list(*, user) -> QuerySet:
    scope = _attribute_scope(user)
    return scope.filter(AttributeDefinition.objects.all(), field="org_code")


def attribute_get(*, user, pk: int) -> AttributeDefinition:
    d = attribute_list(user=user).filter(pk=pk).first()
    if d is None:
        raise NotFoundError(_("找不到该属性。"))
    return d


OUT_OF_RANGE_SHOWN = 50


def attribute_out_of_range(definition: AttributeDefinition) -> dict:
    """The stored values of a number attribute (integer or decimal) that its definition's bounds refuse — kept from
    before the bounds (fix-left17, badinput16 #7), or by a definition since narrowed. Nothing changes them: they are
    listed for the county to correct one by one (a form that saves the record asks for the value again).
    {"count": n, "rows": [{"pk", "name", "value", "reason", "url"}] (the first OUT_OF_RANGE_SHOWN)}."""
    if definition.type not in (AttributeDefinition.Type.INTEGER, AttributeDefinition.Type.DECIMAL):
        return {"count": 0, "rows": []}
    kept = {AttributeDefinition.AppliesTo.PERSON: (Person, "registry:person_detail"),
            AttributeDefinition.AppliesTo.ORGANISATION: (Organisation, "registry:organisation_detail")}
    if definition.applies_to not in kept:   # a household keeps no custom attributes of its own
        return {"count": 0, "rows": []}
    model, url_name = kept[definition.applies_to]
    spec = services.attribute_spec(definition)
    rows, count = [], 0
    found = model.objects.filter(org_code__startswith=definition.org_code[:6], extra__has_key=definition.key)
    for pk, name, extra in found.order_by("pk").values_list("pk", "name", "extra").iterator():
        value = (extra or {}).get(definition.key)
        if V.is_blank(value):
            continue
        try:
            parse_attribute(spec, value)
        except V.CellError as exc:
            count += 1
            if len(rows) < OUT_OF_RANGE_SHOWN:
                rows.append({"pk": pk, "name": name, "value": str(value)[:30], "reason": exc.reason,
                             "url": reverse(url_name, kwargs={"pk": pk})})
    return {"count": count, "rows": rows}


def household_number_suggest(org_code: str) -> str:
    """The next household number of a village, in the village's own numbering: the highest number
    ending in digits, plus one, with its prefix and width kept (H007 → H008, 12-0031 → 12-0032);
    "0001" for a village without one. A suggestion: the form lets people change it."""
    best: tuple[int, str, int] | None = None
    for number in Household.objects.filter(org_code=org_code).values_list("number", flat=True).iterator(2000):
        m = re.fullmatch(r"(.*?)(\d+)", number or "")
        if m and (best is None or int(m.group(2)) > best[0]):
            best = (int(m.group(2)), m.group(1), len(m.group(2)))
    if best is None:
        return "0001"
    value, prefix, width = best
    candidate = f"{prefix}{value + 1:0{width}d}"
    taken = set(Household.objects.filter(org_code=org_code, number__startswith=prefix).values_list("number", flat=True))
    while candidate in taken:  # a hand-typed number may already sit there
        value += 1
        candidate = f"{prefix}{value + 1:0{width}d}"
    return candidate


MAX_UNIT_CHOICES = 2000


def import_unit_choices(*, user) -> list | None:
    """The units an account may import into, as the unit tree shows them: its own unit first, then each
    town with its villages (a select's option groups). Empty for a village (it imports into itself);
    None when the subtree is too large to list (an administrator over the whole country types a code)."""
    from jianfu.orgs import codes
    from jianfu.orgs.models import OrgUnit, UnitKind

    scope = scope_for(user)
    if not scope.can(Capability.REGISTRY_WRITE) or scope.is_department:
        return []
    own = scope.unit_code or ""
    if own and (len(own) != 12 or own[9:] != "000"):
        return []  # a village (imports into itself) or a grid (does not import)
    prefix = codes.significant_prefix(own) if own else ""
    units = OrgUnit.objects.filter(kind__in=[UnitKind.COUNTY, UnitKind.TOWN, UnitKind.VILLAGE], is_active=True)
    if prefix:
        units = units.filter(codes.subtree_q(prefix, "code"))
    if units.count() > MAX_UNIT_CHOICES:
        return None
    rows = list(units.order_by("code").values_list("code", "name", "kind"))
    if len([r for r in rows if r[2] == UnitKind.VILLAGE]) == 0:
        return []
    names = {c: n for c, n, _k in rows}
    choices: list = [("", _("本单位（按每行的村代码）"))]
    towns: dict[str, list] = {}
    for code, name, kind in rows:
        if kind == UnitKind.TOWN:
            towns.setdefault(code, []).append((code, _("%(town)s（全乡镇，按每行的村代码）") % {"town": name}))
        elif kind == UnitKind.VILLAGE:
            towns.setdefault(code[:9].ljust(12, "0"), []).append((code, name))
    for town, options in towns.items():
        choices.append((names.get(town, town), options))
    return choices
