"""The registry's rows of the role × endpoint matrix (web /registry/ and /api/v1/registry/).

Records live in 璋嘉村 (village_b) unless said otherwise, so village_a and grid_a get 404 for them and the
departments 403 (no REGISTRY_READ)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.formtokens import token_new
from jianfu.core.testing.matrix import Case
from jianfu.registry import sensitive
from jianfu.registry.ledger.values import make_id_number
from jianfu.registry.models import (
    AttributeDefinition,
    DuplicateReview,
    Household,
    ImportBatch,
    ImportMapping,
    ImportRow,
    MergeConflict,
    Organisation,
    Person,
)

VB = "450521200201"
READERS = frozenset({"admin", "county_office", "town_quzhang", "village_a", "village_b", "grid_a"})
SEES_B = frozenset({"admin", "county_office", "town_quzhang", "village_b"})
WRITES_B = frozenset({"admin", "town_quzhang", "village_b"})
IMPORTERS = frozenset({"admin", "town_quzhang", "village_a", "village_b"})
REVEALS_B = frozenset({"admin", "county_office", "town_quzhang", "village_b"})
COUNTY = frozenset({"admin", "county_office"})
SEES_GRID_A = frozenset({"admin", "county_office", "town_quzhang", "village_a", "grid_a"})
WRITES_GRID_A = frozenset({"admin", "town_quzhang", "village_a", "grid_a"})

_seq = iter(range(1, 10_000))


def make_person(org=VB, name="黄海", **extra) -> Person:
    n = next(_seq)
    number = make_id_number("450521", dt.date(1960, 1, 1) + dt.timedelta(days=n), (n * 2 + 1) % 1000)
    cipher, index, masked = sensitive.seal_id(number)
    phone_cipher, phone_index, phone_masked = sensitive.seal_phone(f"1380000{n:04d}")
    return Person.objects.create(org_code=org, name=name, id_number_cipher=cipher, id_number_index=index,
                                 id_number_masked=masked, phone_cipher=phone_cipher, phone_index=phone_index,
                                 phone_masked=phone_masked, gender="M", birth_date=dt.date(1960, 1, 1), **extra)


def snapshot(obj):
    return tuple(sorted((k, str(v)) for k, v in type(obj).objects.filter(pk=obj.pk).values().first().items()))


def _xlsx() -> bytes:
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "性别"])
    wb.active.append(["林木", "男"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def staged_batch(org=VB) -> ImportBatch:
    mapping, _ = ImportMapping.objects.get_or_create(org_code=org, name="矩阵台账",
                                                     defaults={"columns": {"姓名": "name", "性别": "gender"}})
    batch = ImportBatch.objects.create(org_code=org, mapping=mapping, original_name="a.xlsx",
                                       status=ImportBatch.Status.STAGED, total_rows=1, valid_rows=1)
    batch.file.save("a.xlsx", SimpleUploadedFile("a.xlsx", _xlsx()))
    ImportRow.objects.create(batch=batch, row_number=2, status=ImportRow.Status.VALID, match=ImportRow.Match.NEW,
                             data={"name": "林木", "gender": "M", "org_code": org})
    return batch


def revalidation_batch(org=VB) -> ImportBatch:
    """A batch whose interrupted validation was recovered: 已上传 with its mapping and the stale message."""
    batch = staged_batch(org)
    ImportRow.objects.filter(batch=batch).delete()
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.UPLOADED, total_rows=0, valid_rows=0,
                                                   error_message="上次校验被中断")
    batch.refresh_from_db()
    return batch


def interrupted_batch(org=VB) -> ImportBatch:
    """A batch whose commit worker died (its claim expired)."""
    import datetime as dt

    from django.utils import timezone

    batch = staged_batch(org)
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.COMMITTING, worker="elsewhere:1",
                                                   lease_until=timezone.now() - dt.timedelta(minutes=1))
    batch.refresh_from_db()
    return batch


def cases(world):
    person = make_person()
    household = Household.objects.create(org_code=VB, number="B-0001", address="璋嘉村1组", head=person)
    Person.objects.filter(pk=person.pk).update(household=household, relation_to_head="head")
    member = make_person(name="黄小海")
    in_grid = make_person(org="450521200206", name="曲木网格居民", grid_code="450521200206001")
    org = Organisation.objects.create(org_code=VB, name="璋嘉村农资店", kind="individual_business")
    definition = AttributeDefinition.objects.create(org_code="450521000000", key="plot", label="承包地亩数",
                                                    type="decimal")
    batch = staged_batch()

    def conflict():
        p = make_person()
        return MergeConflict.objects.create(org_code=VB, person=p, field="education", current_value="junior",
                                            incoming_value="senior")

    def review():
        p = make_person(name="李娜")
        return DuplicateReview.objects.create(org_code=VB, data={"name": "李纳", "org_code": VB},
                                              candidates=[{"person_id": p.pk, "score": 100.0, "reason": "x"}])

    c, r = conflict(), review()

    def count(model, **kw):
        return lambda: model.objects.filter(**kw).count()

    def fresh_post(url_name, make_target, url, allowed, data=None, unchanged=None):
        def build(username=None):
            target = make_target()
            return Case(url_name, "post", url(target), allowed, data=data,
                        unchanged=(unchanged or (lambda: snapshot(target))))
        base = build()
        base.fresh = build
        return base

    def fresh(build):
        base = build()
        base.fresh = build
        return base

    def failed_batch_dismiss(username=None):
        # only its uploader (village_b) removes a failed batch; others who see it are refused (403), the rest 404
        failed = ImportBatch.objects.create(org_code=VB, original_name="坏台账.xlsx", status=ImportBatch.Status.FAILED,
                                            created_by=world.users["village_b"])
        return Case("registry:import_dismiss", "post", f"/registry/imports/{failed.pk}/dismiss/",
                    frozenset({"village_b"}), unchanged=lambda: ImportBatch.objects.filter(pk=failed.pk).exists())

    edit = {"name": "黄海改", "residence_status": "huji", "status": "active", "disability_category": ""}
    return [
        # persons
        Case("registry:person_list", "get", "/registry/persons/", READERS),
        Case("registry:person_detail", "get", f"/registry/persons/{person.pk}/", SEES_B),
        Case("registry:person_edit", "get", f"/registry/persons/{person.pk}/edit/", WRITES_B),
        Case("registry:person_detail", "get", f"/registry/persons/{in_grid.pk}/", SEES_GRID_A),
        Case("registry:person_edit", "post", f"/registry/persons/{in_grid.pk}/edit/", WRITES_GRID_A,
             data={**edit, "grid_code": "450521200206001"}, unchanged=lambda: snapshot(in_grid)),
        Case("registry:person_edit", "post", f"/registry/persons/{member.pk}/edit/", WRITES_B, data=edit,
             unchanged=lambda: snapshot(member)),
        Case("registry:person_reveal", "post", f"/registry/persons/{person.pk}/reveal/", REVEALS_B,
             data={"field": "id_number"}, unchanged=lambda: snapshot(person)),
        Case("registry:person_create", "get", f"/registry/persons/new/?org_code={VB}", WRITES_B),
        Case("registry:person_create", "post", "/registry/persons/new/", WRITES_B,
             data=lambda: {"form_token": token_new(), "org_code": VB, "name": "新人", "residence_status": "huji", "status": "active"},
             unchanged=count(Person, org_code=VB)),
        # households
        Case("registry:household_list", "get", "/registry/households/", READERS),
        Case("registry:household_detail", "get", f"/registry/households/{household.pk}/", SEES_B),
        Case("registry:household_detail", "post", f"/registry/households/{household.pk}/", WRITES_B,
             data={"person_id": member.pk, "relation": "child"}, unchanged=lambda: snapshot(member)),
        Case("registry:household_create", "get", f"/registry/households/new/?org_code={VB}", WRITES_B),
        Case("registry:household_create", "post", "/registry/households/new/", WRITES_B,
             # a number of its own for each allowed role's post: a number already taken is a refused form, a 400
             data=lambda: {"form_token": token_new(), "org_code": VB, "number": f"B-{next(_seq) + 5000:04d}",
                           "address": "璋嘉村2组"}, unchanged=count(Household)),
        # organisations
        Case("registry:organisation_list", "get", "/registry/organisations/", READERS),
        Case("registry:organisation_detail", "get", f"/registry/organisations/{org.pk}/", SEES_B),
        Case("registry:organisation_edit", "get", f"/registry/organisations/{org.pk}/edit/", WRITES_B),
        Case("registry:organisation_edit", "post", f"/registry/organisations/{org.pk}/edit/", WRITES_B,
             data={"name": "璋嘉村农资店", "kind": "individual_business", "employees": 3, "is_active": "on"},
             unchanged=lambda: snapshot(org)),
        Case("registry:organisation_create", "get", f"/registry/organisations/new/?org_code={VB}", WRITES_B),
        Case("registry:organisation_create", "post", "/registry/organisations/new/", WRITES_B,
             data=lambda: {"form_token": token_new(), "org_code": VB, "name": "璋嘉村合作社", "kind": "cooperative", "employees": 5},
             unchanged=count(Organisation)),
        # imports
        Case("registry:import_list", "get", "/registry/imports/", IMPORTERS),
        Case("registry:import_list", "post", "/registry/imports/", WRITES_B,
             data=lambda: {"file": SimpleUploadedFile("b.xlsx", _xlsx()), "org_code": VB, "form_token": token_new()},
             unchanged=count(ImportBatch)),
        Case("registry:import_detail", "get", f"/registry/imports/{batch.pk}/", WRITES_B),
        Case("registry:import_mapping", "get", f"/registry/imports/{batch.pk}/mapping/", WRITES_B),
        fresh_post("registry:import_mapping", staged_batch, lambda b: f"/registry/imports/{b.pk}/mapping/", WRITES_B,
                   data={"name": "矩阵台账", "col_0": "name", "col_1": "gender"}),
        Case("registry:import_rejected", "get", f"/registry/imports/{batch.pk}/rejected.xlsx", WRITES_B),
        fresh_post("registry:import_commit", staged_batch, lambda b: f"/registry/imports/{b.pk}/commit/", WRITES_B,
                   data={"mode": "all"}),
        fresh_post("registry:import_discard", staged_batch, lambda b: f"/registry/imports/{b.pk}/discard/",
                   WRITES_B),
        fresh(failed_batch_dismiss),
        fresh_post("registry:import_recover", interrupted_batch, lambda b: f"/registry/imports/{b.pk}/recover/",
                   WRITES_B),
        fresh_post("registry:import_revalidate", revalidation_batch,
                   lambda b: f"/registry/imports/{b.pk}/revalidate/", WRITES_B),
        # conflicts and duplicate reviews
        Case("registry:conflict_list", "get", "/registry/conflicts/", IMPORTERS, unchanged=lambda: snapshot(c)),
        fresh_post("registry:conflict_resolve", conflict, lambda x: f"/registry/conflicts/{x.pk}/resolve/", WRITES_B,
                   data={"take": "incoming"}),
        Case("registry:review_list", "get", "/registry/reviews/", IMPORTERS),
        Case("registry:review_detail", "get", f"/registry/reviews/{r.pk}/", WRITES_B),
        fresh_post("registry:review_detail", review, lambda x: f"/registry/reviews/{x.pk}/", WRITES_B,
                   data={"decision": "create"}),
        # county-defined attributes
        Case("registry:attribute_list", "get", "/registry/attributes/", COUNTY, unchanged=lambda: snapshot(definition)),
        Case("registry:attribute_list", "post", "/registry/attributes/", COUNTY,
             # a key of its own for each allowed role's post: a key already defined is a refused form, a 400
             data=lambda: {"key": f"crop{next(_seq)}", "label": "主要作物", "type": "choice", "choices": "水稻、甘蔗",
                           "applies_to": "person", "county": "450521"},
             unchanged=count(AttributeDefinition)),
        fresh_post("registry:attribute_deactivate",
                   lambda: AttributeDefinition.objects.create(org_code="450521000000", key=f"k{next(_seq)}",
                                                              label="临时", type="text"),
                   lambda d: f"/registry/attributes/{d.pk}/deactivate/", COUNTY),
        # API
        Case("api:registry-persons", "get", "/api/v1/registry/persons/", READERS, api=True),
        Case("api:registry-person-detail", "get", f"/api/v1/registry/persons/{person.pk}/", SEES_B, api=True),
        Case("api:registry-households", "get", "/api/v1/registry/households/", READERS, api=True),
        Case("api:registry-household-detail", "get", f"/api/v1/registry/households/{household.pk}/", SEES_B,
             api=True),
        Case("api:registry-organisations", "get", "/api/v1/registry/organisations/", READERS, api=True),
        Case("api:registry-organisation-detail", "get", f"/api/v1/registry/organisations/{org.pk}/", SEES_B,
             api=True),
    ]

