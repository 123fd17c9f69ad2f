"""Registry services: person edits and their history, key rotation, the generator, views and the API."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
from collections import Counter

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from stdnum.cn import ric, uscc

from jianfu.core import crypto
from jianfu.core.audit import verify_chain
from jianfu.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.registry import selectors, sensitive, services
from jianfu.registry.generation import registry_generate
from jianfu.registry.ledger.values import make_id_number
from jianfu.registry.models import FieldChange, Household, ImportBatch, Organisation, Person

VA, VB = "450521200206", "450521200201"
ID1 = make_id_number("450521", dt.date(1990, 1, 2), 13)
ID2 = make_id_number("450521", dt.date(1985, 7, 9), 24)


def create(world, name="张三", id_number=ID1, org=VA, user="village_a", **data):
    return services.person_create(actor=world.users[user], org_code=org, data={"name": name, "id_number": id_number,
                                                                              **data})


@pytest.mark.django_db
class TestPersons:
    def test_create_derives_from_id_and_encrypts(self, world):
        p = create(world, phone="13800138000")
        assert (p.gender, p.birth_date, p.birthplace_code) == ("M", dt.date(1990, 1, 2), "450521")
        raw = Person.objects.filter(pk=p.pk).values("id_number_cipher", "phone_cipher", "id_number_masked").get()
        assert ID1 not in raw["id_number_cipher"] and "13800138000" not in raw["phone_cipher"]
        assert raw["id_number_masked"] == "4505**************"

    def test_duplicate_id_refused(self, world):
        create(world)
        with pytest.raises(ApplicationError) as exc:
            create(world, name="李四", org=VB, user="village_b")
        # village_b may not learn which other village holds the number …
        assert exc.value.message == "该身份证号无法在本村登记，请联系乡镇核实。"    # security35 #4: not "elsewhere"
        # … the township over both villages may.
        with pytest.raises(ApplicationError) as exc:
            create(world, name="李四", org=VB, user="town_quzhang")
        assert exc.value.message == f"该身份证号已登记（4505**************，所属村代码{VA}）。"

    def test_bad_phone_on_edit_is_a_clear_error(self, world):
        p = create(world)
        with pytest.raises(ApplicationError) as exc:
            services.person_update(actor=world.users["village_a"], person=p, data={"phone": "12ab"})
        assert exc.value.field == "phone"
        p.refresh_from_db()
        assert p.phone_masked == ""

    def test_update_records_history_with_pii_masked(self, world):
        p = create(world, phone="13800138000")
        changes = services.person_update(actor=world.users["village_a"], person=p,
                                         data={"phone": "13900000001", "education": "senior", "is_dibao": True})
        assert set(changes) == {"phone", "education", "is_dibao"}
        rows = {(c.field, c.old_value, c.new_value, c.actor.username)
                for c in FieldChange.objects.filter(object_id=p.pk)}
        assert rows == {("phone", "138****8000", "139****0001", "village_a"), ("education", "", "senior", "village_a"),
                        ("is_dibao", "否", "是", "village_a")}
        audit = AuditRecord.objects.filter(action="registry.person.update").get()
        assert audit.changes["phone"] == ["138****8000", "139****0001"]
        assert list(verify_chain()) == []

    def test_scope_of_writes(self, world):
        p = create(world)
        with pytest.raises(NotFoundError):
            services.person_update(actor=world.users["village_b"], person=p, data={"name": "x"})
        with pytest.raises(PermissionDeniedError):
            services.person_update(actor=world.users["county_office"], person=p, data={"name": "x"})
        with pytest.raises(NotFoundError):   # grid worker: only persons of the grid
            services.person_update(actor=world.users["grid_a"], person=p, data={"name": "x"})
        services.person_update(actor=world.users["village_a"], person=p, data={"grid_code": "450521200206001"})
        services.person_update(actor=world.users["grid_a"], person=p, data={"name": "张叁"})
        assert Person.objects.get(pk=p.pk).name == "张叁"
        with pytest.raises(NotFoundError):   # and may not move them out of it
            services.person_update(actor=world.users["grid_a"], person=p, data={"grid_code": "450521200206002"})

    def test_extra_attributes_validated(self, world):
        services.attribute_define(actor=world.users["county_office"], county_code="450521", key="plot_mu",
                                  label="承包地亩数", type="decimal")
        p = create(world, extra={"plot_mu": "2.5"})
        assert p.extra == {"plot_mu": "2.5"}
        with pytest.raises(ApplicationError, match="承包地亩数：“两亩”不是数字"):
            services.person_update(actor=world.users["village_a"], person=p, data={"extra": {"plot_mu": "两亩"}})
        with pytest.raises(ApplicationError, match="自定义属性“color”未定义"):
            services.person_update(actor=world.users["village_a"], person=p, data={"extra": {"color": "红"}})
        with pytest.raises(NotFoundError):
            services.attribute_define(actor=world.users["village_a"], county_code="450521", key="x", label="x",
                                      type="text")

    def test_reveal_is_audited_and_needs_the_capability(self, world):
        p = create(world, phone="13800138000")
        assert services.person_reveal(actor=world.users["town_quzhang"], person=p, field="id_number") == ID1
        assert AuditRecord.objects.filter(action="pii.reveal", object_id=str(p.pk)).count() == 1
        services.person_update(actor=world.users["village_a"], person=p, data={"grid_code": "450521200206001"})
        with pytest.raises(PermissionDeniedError):
            services.person_reveal(actor=world.users["grid_a"], person=p, field="phone")
        with pytest.raises(NotFoundError):
            services.person_reveal(actor=world.users["village_b"], person=p, field="phone")

    def test_household_members_and_head(self, world):
        a, b = create(world), create(world, name="李四", id_number=ID2)
        hh = services.household_create(actor=world.users["village_a"], org_code=VA, number="H1", address="曲木村1组")
        services.household_add_member(actor=world.users["village_a"], household=hh, person=a, relation="head")
        services.household_add_member(actor=world.users["village_a"], household=hh, person=b, relation="spouse")
        hh.refresh_from_db()
        assert hh.head == a and sorted(hh.members.values_list("relation_to_head", flat=True)) == ["head", "spouse"]
        with pytest.raises(ApplicationError, match="户编号H1在本村已存在"):
            services.household_create(actor=world.users["village_a"], org_code=VA, number="H1")

    def test_organisation_credit_code(self, world):
        import random

        from jianfu.registry.synth import make_credit_code
        code = make_credit_code(random.Random(1), "91", "450521")
        org = services.organisation_save(actor=world.users["village_a"], org_code=VA,
                                         data={"name": "甲公司", "credit_code": code.lower(), "kind": "enterprise"})
        assert org.credit_code == code
        with pytest.raises(ApplicationError, match="统一社会信用代码校验位错误"):
            services.organisation_save(actor=world.users["village_a"], org_code=VA,
                                       data={"name": "乙", "credit_code": code[:-1] + ("0" if code[-1] != "0" else "1"),
                                             "kind": "enterprise"})
        services.organisation_save(actor=world.users["village_a"], org_code=VA, organisation=org,
                                   data={"employees": 12})
        assert FieldChange.objects.filter(model="organisation", object_id=org.pk).values_list(
            "field", "old_value", "new_value").get() == ("employees", "0", "12")


K1 = base64.b64encode(bytes(range(32))).decode()
K2 = base64.b64encode(bytes(range(1, 33))).decode()


@pytest.mark.django_db
def test_key_rotation_command(world, settings):
    settings.JIANFU_FIELD_KEYS = {"old": K1}
    p = create(world, phone="13800138000")
    assert p.id_number_cipher.startswith("old:")
    settings.JIANFU_FIELD_KEYS = {"new": K2, "old": K1}
    with pytest.raises(CommandError, match="仍有密文未用当前密钥加密"):
        call_command("registry_rotate_keys", "--check", stdout=io.StringIO())
    out = io.StringIO()
    call_command("registry_rotate_keys", stdout=out)
    assert "registry_person.id_number_cipher: 1" in out.getvalue()
    assert "registry_person.phone_cipher: 1" in out.getvalue()
    call_command("registry_rotate_keys", "--check", stdout=io.StringIO())
    settings.JIANFU_FIELD_KEYS = {"new": K2}   # the old key is gone: everything still decrypts
    p.refresh_from_db()
    assert p.id_number_cipher.startswith("new:")
    assert (services.person_id_number(p), services.person_phone(p)) == (ID1, "13800138000")
    # the blind index did not change: lookups still work
    assert selectors.person_list(user=world.users["village_a"], q=ID1).get() == p
    settings.JIANFU_FIELD_KEYS = {"other": K1}
    with pytest.raises(crypto.DecryptionError):
        services.person_id_number(p)


@pytest.mark.django_db
def test_generator_invariants(world):
    result = registry_generate(county_code="450521", persons=1500, seed=3)
    assert result["persons"] == Person.objects.count() == 1500
    assert result["households"] == Household.objects.count()
    people = list(Person.objects.all())
    villages = {VA, VB, "450521100001"}
    assert {p.org_code for p in people} == villages
    assert all(p.grid_code is None or p.grid_code.startswith(p.org_code) for p in people)
    assert {p.grid_code for p in people if p.org_code == VA} >= {"450521200206001", "450521200206002"}
    ids = [sensitive.open_id(p.id_number_cipher) for p in people]
    assert len(set(ids)) == 1500
    for p, number in zip(people, ids, strict=True):
        assert ric.calc_check_digit(number) == number[-1]
        assert ric.get_birth_date(number) == p.birth_date
        assert ("M" if int(number[16]) % 2 else "F") == p.gender
        assert p.birthplace_code == number[:6]
        assert p.id_number_masked == number[:4] + "*" * (len(number) - 4)
    huji = [p for p in people if p.residence_status == "huji"]
    assert all(p.birthplace_code == "450521" for p in huji)
    assert all(p.birthplace_code != "450521" for p in people if p.residence_status != "huji")
    # every household has exactly one head, a member of it
    heads = Counter(p.household_id for p in people if p.relation_to_head == "head")
    assert set(heads.values()) == {1}
    assert all(h.head.household_id == h.pk for h in Household.objects.select_related("head"))
    males = sum(p.gender == "M" for p in people) / 1500
    assert 0.46 < males < 0.56
    today = dt.date(2025, 6, 30)
    ages = [(today - p.birth_date).days // 365 for p in people]
    assert min(ages) >= 0 and max(ages) <= 100 and 0.10 < sum(a >= 60 for a in ages) / 1500 < 0.35
    assert all(not (p.is_left_behind_child and (today - p.birth_date).days // 365 >= 16) for p in people)
    orgs = list(Organisation.objects.all())
    assert len(orgs) == result["organisations"] > 0
    assert all(uscc.is_valid(o.credit_code) and o.credit_code[2:8] == "450521" for o in orgs)
    # generating again appends without clashes
    again = registry_generate(county_code="450521", persons=300, seed=4)
    assert Person.objects.count() == 1800 and again["persons"] == 300
    assert Household.objects.values("org_code", "number").distinct().count() == Household.objects.count()


@pytest.mark.django_db
def test_generator_needs_a_loaded_county(world):
    with pytest.raises(ApplicationError, match="县110101还没有载入区划"):
        registry_generate(county_code="110101", persons=10)


def _xlsx(rows):
    wb = openpyxl.Workbook()
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "台账.xlsx"
    return buf


@pytest.mark.django_db
class TestWeb:
    def test_upload_map_stage_commit_flow(self, world):
        client = world.client("village_a")
        response = client.post("/registry/imports/", {"file": _xlsx([["姓名", "身份证号码"], ["张三", ID1],
                                                                     ["李四", "123"]]), "form_token": token_new()})
        batch = ImportBatch.objects.get()
        assert response.status_code == 302 and response["Location"] == f"/registry/imports/{batch.pk}/mapping/"
        page = client.get(f"/registry/imports/{batch.pk}/mapping/").content.decode()
        assert '<option value="id_number" selected>' in page   # the header was recognised
        response = client.post(f"/registry/imports/{batch.pk}/mapping/",
                               {"name": "测试台账", "col_0": "name", "col_1": "id_number"})
        assert response.status_code == 302
        batch.refresh_from_db()
        assert (batch.status, batch.valid_rows, batch.error_rows) == ("staged", 1, 1)  # huey runs inline in tests
        partial = client.get(f"/registry/imports/{batch.pk}/", HTTP_HX_REQUEST="true").content.decode()
        assert 'id="import-status"' in partial and "身份证号应为18位，实际为3位" in partial
        assert "hx-trigger" not in partial   # done: no more polling
        response = client.get(f"/registry/imports/{batch.pk}/rejected.xlsx")
        ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
        assert [c.value for c in ws[2]] == [3, "李四", "123", "【身份证号码】身份证号应为18位，实际为3位"]
        client.post(f"/registry/imports/{batch.pk}/commit/", {"mode": "all"})
        assert Person.objects.count() == 0
        client.post(f"/registry/imports/{batch.pk}/commit/", {"mode": "valid_only"})
        assert list(Person.objects.values_list("name", flat=True)) == ["张三"]
        batch.refresh_from_db()
        assert batch.status == "committed"

    def test_progress_partial_polls_while_busy(self, world):
        from django.utils import timezone

        from jianfu.registry.imports import STAGE_LEASE, worker_identity

        batch = ImportBatch.objects.create(org_code=VA, original_name="a.xlsx", status="validating", total_rows=200,
                                           processed_rows=50, worker=worker_identity(),  # a live claim
                                           lease_until=timezone.now() + STAGE_LEASE)
        html = world.client("village_a").get(f"/registry/imports/{batch.pk}/", HTTP_HX_REQUEST="true").content.decode()
        assert 'hx-trigger="every 1s"' in html and 'value="25"' in html

    def test_person_pages_mask_by_default(self, world):
        p = create(world, phone="13800138000")
        client = world.client("village_a")
        html = client.get(f"/registry/persons/{p.pk}/").content.decode()
        assert ID1 not in html and "13800138000" not in html and p.id_number_masked in html
        assert client.post(f"/registry/persons/{p.pk}/reveal/", {"field": "id_number"}).content.decode().count(ID1) == 1
        listing = client.get("/registry/persons/", {"q": ID1}).content.decode()
        assert f'/registry/persons/{p.pk}/">张三</a>' in listing
        assert listing.count(ID1) == 1   # only in the search box the user typed it into

    def test_api_masks_and_scopes(self, world):
        p = create(world, phone="13800138000")
        create(world, name="李四", id_number=ID2, org=VB, user="village_b")
        data = world.api_client("village_a").get("/api/v1/registry/persons/").json()
        assert data["count"] == 1
        row = data["results"][0]
        assert (row["id"], row["org_code"], row["id_number"], row["phone"]) == (
            p.pk, VA, "4505**************", "138****8000")
        assert world.api_client("town_quzhang").get("/api/v1/registry/persons/", {"gender": "F"}).json()["count"] == 1
        assert world.api_client("village_b").get(f"/api/v1/registry/persons/{p.pk}/").status_code == 404


@pytest.mark.django_db
def test_grid_worker_registers_into_the_grid(world):
    grid = "450521200206001"
    p = services.person_create(actor=world.users["grid_a"], org_code=VA,
                               data={"name": "网格新人", "grid_code": grid})
    assert (p.org_code, p.grid_code) == (VA, grid)
    with pytest.raises(NotFoundError):
        services.person_create(actor=world.users["grid_a"], org_code=VA, data={"name": "无网格"})
    with pytest.raises(NotFoundError):
        services.person_create(actor=world.users["grid_a"], org_code=VA,
                               data={"name": "别的网格", "grid_code": "450521200206002"})


@pytest.mark.django_db
def test_bulk_insert_never_reuses_deleted_ids(world):
    from django.db import transaction

    from jianfu.registry import bulk
    with transaction.atomic():
        first = bulk.insert(Household, [{"org_code": VA, "number": "A"}, {"org_code": VA, "number": "B"}])
    Household.objects.filter(pk=first[1]).delete()
    with transaction.atomic():
        again = bulk.insert(Household, [{"org_code": VA, "number": "C"}])
    from django.db import connection
    if connection.vendor == "sqlite":
        assert again[0] > first[1]
    assert Household.objects.get(pk=again[0]).number == "C"


@pytest.mark.django_db
def test_bulk_insert_writes_json_as_the_field_does():
    """The JSON fast path of `bulk.insert` writes the same text as Django's JSONField, and a JSON column
    left out of a row dict takes its default (a new empty object each row)."""
    from django.db import connection, transaction

    from jianfu.registry import bulk

    field = Organisation._meta.get_field("extra")
    values = [[], {}, {"source": "employment"}, [{"kind": "年龄限制", "text": "18-35周岁"}],
              {"a": [1, 2.5, True, None], "名": "合浦县"}]
    assert bulk._json_text(None) is None
    for value in values:
        # the field's own text: on SQLite the string it writes; on PostgreSQL psycopg's Jsonb wrapper, which
        # psycopg dumps with json.dumps
        prepared = field.get_db_prep_save(value, connection)
        assert bulk._json_text(value) == (prepared if isinstance(prepared, str) else json.dumps(prepared.obj))
    with transaction.atomic():
        pks = bulk.insert(Organisation, [{"org_code": "450521000000", "name": f"甲{i}", "extra": value}
                                         for i, value in enumerate(values)]
                          + [{"org_code": "450521000000", "name": "乙"}])
    assert [Organisation.objects.get(pk=pk).extra for pk in pks] == [*values, {}]


def test_the_household_list_names_the_village_not_its_code(world):
    # session 7 (a new user's trial): the 村（社区） column showed 450521200206
    from jianfu.registry.models import Household

    Household.objects.create(org_code="450521200206", number="A-0001", address="曲木村1组")
    page = world.client("village_a").get("/registry/households/").content.decode()
    assert "A-0001" in page and ">曲木村委会</td>" in page and ">450521200206</td>" not in page
