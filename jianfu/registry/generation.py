"""`registry_generate`: synthetic households, persons and organisations for a county already loaded
(the pure generator is `synth.py`; this module encrypts, numbers and inserts)."""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils.translation import gettext as _

from jianfu.core import crypto
from jianfu.core.audit import audit_record
from jianfu.core.errors import ApplicationError
from jianfu.core.pii import mask_id_number, mask_phone
from jianfu.orgs import codes
from jianfu.orgs.models import OrgUnit, UnitKind
from jianfu.registry import bulk, sensitive, synth
from jianfu.registry.models import Household, Organisation, Person

PERSON_KEYS = ("name", "gender", "birth_date", "birthplace_code", "relation_to_head", "ethnicity", "education",
               "political_status", "marital_status", "residence_status", "employment_status",
               "disability_category", "disability_grade", "is_dibao", "is_tekun", "is_orphan",
               "is_left_behind_child", "is_left_behind_elder", "is_veteran", "is_poverty_alleviated",
               "is_monitoring_target", "is_entitled_group", "health_insurance", "pension_insurance", "status")


def registry_generate(*, county_code: str, persons: int, seed: int = 0, actor=None,
                      progress: Callable[[int], None] | None = None, chunk: int = 20000,
                      organisations: bool = True) -> dict:
    """Generate about `persons` persons in households spread over the county's villages (sizes uneven),
    plus organisations. Appends to what exists (IDs and household numbers never clash). Each chunk of
    villages commits on its own; returns counts and seconds."""
    prefix = codes.significant_prefix(codes.normalise_code(county_code))
    if len(prefix) != 6:
        raise ApplicationError(_("请给出县级代码（6位或12位），例如 450521。"), field="county")
    villages = list(OrgUnit.objects.filter(codes.subtree_q(prefix, "code"), kind=UnitKind.VILLAGE, is_active=True)
                    .order_by("code").values_list("code", "name"))
    if not villages:
        raise ApplicationError(_("县%(c)s还没有载入区划（没有村/社区），请先载入区划。") % {"c": prefix},
                               code="no_villages")
    if persons <= 0:
        raise ApplicationError(_("人数应大于0。"), field="persons")
    grids: dict[str, list[str]] = {}
    for code in OrgUnit.objects.filter(codes.subtree_q(prefix, "code"), kind=UnitKind.GRID).values_list(
            "code", flat=True):
        grids.setdefault(code[:12], []).append(code)
    started = time.perf_counter()
    rng = random.Random(seed)
    factory = synth.PersonFactory(county_code=prefix, seed=seed)
    taken_index = set(Person.objects.exclude(id_number_index=None).values_list("id_number_index", flat=True))
    taken_numbers = set(Household.objects.filter(codes.subtree_q(prefix, "org_code")).values_list(
        "org_code", "number"))  # generated numbers are <village 6 digits><5 digits>
    taken_credit = set(Organisation.objects.exclude(credit_code=None).values_list("credit_code", flat=True))
    from faker import Faker

    faker = Faker("zh_CN")
    faker.seed_instance(seed)
    sizes = synth.split_persons(persons, len(villages), rng)
    made_people = made_households = made_orgs = 0
    pending: list[tuple[synth.SynthVillage, list[synth.SynthHousehold]]] = []
    pending_people = 0

    def flush():
        nonlocal made_people, made_households, made_orgs, pending, pending_people
        p, h, o = _insert(pending, taken_index, taken_credit, rng, faker, prefix, organisations)
        made_people += p
        made_households += h
        made_orgs += o
        pending, pending_people = [], 0
        if progress:
            progress(made_people)

    for (code, name), size in zip(villages, sizes, strict=True):
        village = synth.SynthVillage(code=code, name=name, grids=grids.get(code, []))
        used = [int(n[-5:]) for org, n in taken_numbers if org == code and n[-5:].isdigit()]
        households = list(synth.generate_village(factory, village, size, start_number=max(used, default=0) + 1))
        pending.append((village, households))
        pending_people += size
        if pending_people >= chunk:
            flush()
    if pending:
        flush()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Person, Household, Organisation]):
                cursor.execute(sql)
    seconds = time.perf_counter() - started
    result = {"county": prefix, "persons": made_people, "households": made_households,
              "organisations": made_orgs, "villages": len(villages), "seconds": round(seconds, 2)}
    with transaction.atomic():
        audit_record(actor=actor, action="registry.generate", object_type="registry", object_id=prefix,
                     object_repr=f"synthetic {prefix}", org_code=prefix.ljust(12, "0"), changes=result)
    return result


def _insert(pending, taken_index: set, taken_credit: set, rng, faker, county: str, organisations: bool
            ) -> tuple[int, int, int]:
    crypto.key_ring()  # fail early when the keys are missing
    hh_rows: list[dict] = []
    people: list[dict] = []
    heads: list[tuple[int, int]] = []  # (index into people, index into hh_rows)
    hh_of: list[int] = []              # index into hh_rows, per person
    orgs: list[dict] = []
    for village, households in pending:
        for hh in households:
            hh_rows.append({"org_code": hh.org_code, "grid_code": hh.grid_code, "number": hh.number,
                            "address": hh.address})
            for i, m in enumerate(hh.members):
                index = sensitive.id_index(m["id_number"])
                if index in taken_index:
                    continue  # astronomically rare: same place, date and order code as an existing person
                taken_index.add(index)
                p = {k: m[k] for k in PERSON_KEYS}
                p.update(org_code=hh.org_code, grid_code=hh.grid_code, address=hh.address, extra={},
                         id_number_cipher=crypto.encrypt(m["id_number"], purpose=sensitive.ID_PURPOSE),
                         id_number_index=index, id_number_masked=mask_id_number(m["id_number"]))
                if m["phone"]:
                    p.update(phone_cipher=crypto.encrypt(m["phone"], purpose=sensitive.PHONE_PURPOSE),
                             phone_index=sensitive.phone_index(m["phone"]), phone_masked=mask_phone(m["phone"]))
                if i == 0:
                    heads.append((len(people), len(hh_rows) - 1))
                hh_of.append(len(hh_rows) - 1)
                people.append(p)
        if organisations:
            n = max(1, round(sum(len(h.members) for h in households) * synth.Rates().orgs_per_1000 / 1000))
            for _ in range(n):
                data = synth.make_organisation(rng, faker, village, county)
                if data["credit_code"] in taken_credit:
                    continue
                taken_credit.add(data["credit_code"])
                orgs.append({**data, "extra": {}})
    with transaction.atomic():
        hh_pks = bulk.insert(Household, hh_rows)
        for p, hi in zip(people, hh_of, strict=True):
            p["household_id"] = hh_pks[hi]
        person_pks = bulk.insert(Person, people)
        bulk.update_column(Household, "head_id", [(person_pks[pi], hh_pks[hi]) for pi, hi in heads])
        bulk.insert(Organisation, orgs)
    return len(people), len(hh_rows), len(orgs)
