"""Integer attributes are bounded by their definition (fix-left17), as decimal ones are (badinput16 #7): "1e5" read
100000 and a 12-digit 年龄 was stored. Now 0 ≤ value ≤ the definition's maximum, written in plain digits; refused in
the person form on the field and in the import on the row and column; values stored before are listed on the
attribute page, never changed."""

from __future__ import annotations

import importlib
from decimal import Decimal

import pytest
from django.apps import apps

from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.registry import selectors, services
from jianfu.registry.ledger import values as V
from jianfu.registry.ledger.validate import AttributeSpec, parse_attribute
from jianfu.registry.models import AttributeDefinition, Person

pytestmark = pytest.mark.django_db

VA = "450521200206"


@pytest.fixture
def age(world):
    return services.attribute_define(actor=world.users["county_office"], county_code="450521", key="age2",
                                     label="年龄", type="integer", maximum=Decimal(150))


def _state():
    return list(Person.objects.values_list("pk", "extra")), AuditRecord.objects.count()


def _post(world, typed):
    return world.client("village_a").post("/registry/persons/new/", {
        "name": "张三", "residence_status": "huji", "status": "active", "extra_age2": typed, "form_token": token_new()})


@pytest.mark.parametrize(("typed", "reason"), [
    ("1e5", "“1e5”不是整数（只能填写数字，如 35）"),
    ("123456789012", "不能大于150"),
    ("151", "不能大于150"),
    ("-1", "不能小于0"),
    ("35.0", "“35.0”不是整数（只能填写数字，如 35）"),
    ("0x10", "“0x10”不是整数（只能填写数字，如 35）"),
    ("1_000", "“1_000”不是整数（只能填写数字，如 35）"),
    ("Infinity", "“Infinity”不是整数（只能填写数字，如 35）"),
    ("9" * 400, "不能大于150"),
    # "1,00" was read as 100: a comma that separates no thousands is refused, never guessed at (badinput33 #2)
    ("1,00", "逗号位置不对（“1,00”）：千分位逗号每三位一个（如 1,000），也可以直接写 1000；小数请用小数点（如 1.5）"),
])
def test_the_person_form_refuses_it_on_the_field(world, age, typed, reason):
    before = _state()
    r = _post(world, typed)
    assert r.status_code == 400
    assert r.context["form"].errors == {"extra_age2": [f"年龄：{reason}"]}
    assert _state() == before


@pytest.mark.parametrize(("typed", "stored"), [("35", 35), ("３５", 35), ("0", 0), ("150", 150)])
def test_plain_integers_within_the_bounds_are_kept(world, age, typed, stored):
    r = _post(world, typed)
    assert r.status_code == 302
    assert list(Person.objects.values_list("extra", flat=True)) == [{"age2": stored}]


def test_a_spreadsheet_number_cell_is_taken_when_whole():
    spec = AttributeSpec("age2", "年龄", "integer", maximum=Decimal(150))
    assert parse_attribute(spec, 35.0) == 35
    assert parse_attribute(spec, 35) == 35
    for cell, reason in ((35.5, "应为整数"), (1e5, "不能大于150"), (True, "应为整数"), (-2, "不能小于0")):
        with pytest.raises(V.CellError) as exc:
            parse_attribute(spec, cell)
        assert exc.value.reason == reason


def test_the_import_names_the_row_and_the_column(world, age):
    from jianfu.registry.ledger import validate

    attrs = services.attribute_specs(VA)
    assert [(a.key, a.maximum) for a in attrs] == [("age2", Decimal(150))]
    headers = ["姓名", "年龄"]
    plans = validate.resolve_mapping(headers, validate.guess_mapping(headers, attributes=attrs), attributes=attrs)
    v = validate.RowValidator(plans, default_org_code=VA, scope_prefix=VA, attributes=attrs)
    assert v.validate(2, ["张三", "35"]).values["extra"] == {"age2": 35}
    assert [str(e) for e in v.validate(3, ["李四", "123456789012"]).errors] == ["第3行【年龄】不能大于150"]
    assert [str(e) for e in v.validate(4, ["王五", "1e5"]).errors] == [
        "第4行【年龄】“1e5”不是整数（只能填写数字，如 35）"]
    assert [str(e) for e in v.validate(5, ["赵六", 1e5]).errors] == ["第5行【年龄】不能大于150"]


def test_every_integer_attribute_gets_a_maximum_and_the_definition_says_it(world):
    office = world.users["county_office"]
    count = services.attribute_define(actor=office, county_code="450521", key="members2", label="家庭人数",
                                      type="integer")
    assert (count.maximum, count.decimals) == (Decimal(1000000000), None)
    count = AttributeDefinition.objects.count()
    for bad in (Decimal("1e13"), Decimal(0), Decimal(-5), Decimal("10.5")):
        with pytest.raises(services.ApplicationError) as exc:
            services.attribute_define(actor=office, county_code="450521", key="x", label="x", type="integer",
                                      maximum=bad)
        assert (exc.value.field, exc.value.message) == ("maximum", "整数的最大值应为大于0、不超过1000000000000的整数。")
    assert AttributeDefinition.objects.count() == count
    services.attribute_define(actor=office, county_code="450521", key="age3", label="年龄", type="integer",
                              maximum=Decimal(150))
    page = world.client("county_office").get("/registry/attributes/").content.decode()
    assert "0 至 150 的整数" in page and "0 至 1000000000 的整数" in page
    form = world.client("village_a").get("/registry/persons/new/").content.decode()
    assert "0 至 150 的整数" in form


def test_stored_values_out_of_range_are_listed_and_left_as_they_are(world):
    office = world.users["county_office"]
    kept = [Person.objects.create(org_code=VA, name=n, extra={"age4": v}) for n, v in (("甲", 35), ("乙", 123456789012), ("丙", "1e5"),
                                                               ("丁", -3), ("戊", None))]
    definition = AttributeDefinition.objects.create(org_code="450521", key="age4", label="年龄", type="integer")
    migration = importlib.import_module("jianfu.registry.migrations.0007_attribute_integer_bounds")
    migration.state_the_bounds(apps, None)
    definition.refresh_from_db()
    assert definition.maximum == Decimal(150)
    found = selectors.attribute_out_of_range(definition)
    assert found["count"] == 3
    assert [(r["name"], r["value"], r["reason"]) for r in found["rows"]] == [
        ("乙", "123456789012", "不能大于150"), ("丙", "1e5", "“1e5”不是整数（只能填写数字，如 35）"), ("丁", "-3", "不能小于0")]
    assert found["rows"][0]["url"] == f"/registry/persons/{kept[1].pk}/"
    page = world.client("county_office").get("/registry/attributes/").content.decode()
    assert "“年龄”有 3 个已存的值超出其定义的范围" in page
    assert f'<a href="/registry/persons/{kept[1].pk}/">乙</a>：123456789012（不能大于150）' in page
    # nothing changed
    assert [p.extra for p in Person.objects.filter(pk__in=[p.pk for p in kept]).order_by("pk")] == [
        {"age4": 35}, {"age4": 123456789012}, {"age4": "1e5"}, {"age4": -3}, {"age4": None}]
    assert services.attribute_define(actor=office, county_code="450521", key="n5", label="其他", type="text").maximum \
        is None


def test_the_migration_states_the_maximum_of_existing_integer_definitions(world):
    age = AttributeDefinition.objects.create(org_code="450521", key="age", label="年龄", type="integer")
    members = AttributeDefinition.objects.create(org_code="450521", key="members", label="家庭人数", type="integer")
    crop = AttributeDefinition.objects.create(org_code="450521", key="crop", label="作物", type="text")
    migration = importlib.import_module("jianfu.registry.migrations.0007_attribute_integer_bounds")
    migration.state_the_bounds(apps, None)
    rows = AttributeDefinition.objects.filter(pk__in=[age.pk, members.pk, crop.pk]).order_by("pk")
    assert list(rows.values_list("key", "maximum", "decimals")) == [
        ("age", Decimal("150"), None), ("members", Decimal("1000000000"), None), ("crop", None, None)]


def test_saving_a_record_with_a_stored_value_out_of_range_asks_for_it_again(world, age):
    import html
    import re

    person = Person.objects.create(org_code=VA, name="乙", extra={"age2": 123456789012}, residence_status="huji")
    client = world.client("village_a")
    page = client.get(f"/registry/persons/{person.pk}/edit/").content.decode()
    assert 'value="123456789012"' in page
    version = html.unescape(re.search(r'name="version" value="([^"]*)"', page).group(1))
    r = client.post(f"/registry/persons/{person.pk}/edit/", {
        "name": "乙", "residence_status": "huji", "status": "active", "version": version,
        "extra_age2": "123456789012", "address": "新地址"})
    assert r.status_code == 400
    assert r.context["form"].errors == {"extra_age2": ["年龄：不能大于150"]}
    person.refresh_from_db()
    assert (person.extra, person.address) == ({"age2": 123456789012}, "")
    r = client.post(f"/registry/persons/{person.pk}/edit/", {
        "name": "乙", "residence_status": "huji", "status": "active", "version": version, "extra_age2": "62",
        "address": "新地址"})
    assert r.status_code == 302
    person.refresh_from_db()
    assert (person.extra, person.address) == ({"age2": 62}, "新地址")
