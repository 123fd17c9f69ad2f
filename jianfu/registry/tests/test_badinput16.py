"""The bad-input attack of session 16 (/work/briefs/badinput16-REPORT.md), #7: the decimal attribute 承包地亩数
took -1, 1e30, 1e400 (shown "1E+400"), 1e-400 and "1_000". Now every decimal attribute is bounded by its definition
(0 ≤ value ≤ maximum, at most so many decimal places) and written in plain digits."""

from __future__ import annotations

import importlib
from decimal import Decimal

import pytest
from django.apps import apps

from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.registry import services
from jianfu.registry.ledger import values as V
from jianfu.registry.models import AttributeDefinition, Person

pytestmark = pytest.mark.django_db

VA = "450521200206"


@pytest.fixture
def plot_mu(world):
    return services.attribute_define(actor=world.users["county_office"], county_code="450521", key="plot_mu",
                                     label="承包地亩数", type="decimal", maximum=Decimal("10000"), decimals=2)


def _state():
    return list(Person.objects.values_list("pk", "extra")), AuditRecord.objects.count()


@pytest.mark.parametrize(("typed", "reason"), [
    ("-1", "不能为负数"),
    ("1e30", "“1e30”不是数字（只能填写数字和小数点，如 12.5）"),
    ("1e400", "“1e400”不是数字（只能填写数字和小数点，如 12.5）"),
    ("1e-400", "“1e-400”不是数字（只能填写数字和小数点，如 12.5）"),
    ("1_000", "“1_000”不是数字（只能填写数字和小数点，如 12.5）"),
    ("0x10", "“0x10”不是数字（只能填写数字和小数点，如 12.5）"),
    ("Infinity", "“Infinity”不是数字（只能填写数字和小数点，如 12.5）"),
    ("10000.01", "不能大于10000"),
    ("2.125", "最多2位小数"),
])
def test_the_person_form_refuses_it_on_the_field(world, plot_mu, typed, reason):
    before = _state()
    r = world.client("village_a").post("/registry/persons/new/", {
        "name": "种田人", "residence_status": "huji", "status": "active", "extra_plot_mu": typed,
        "form_token": token_new()})
    assert r.status_code == 400
    assert r.context["form"].errors == {"extra_plot_mu": [f"承包地亩数：{reason}"]}
    assert _state() == before


@pytest.mark.parametrize(("typed", "stored"), [("2.5", "2.5"), ("１２", "12"), ("1,000", "1000"), ("0", "0"),
                                               ("10000", "10000"), ("3.25", "3.25")])
def test_plain_amounts_within_the_bounds_are_kept(world, plot_mu, typed, stored):
    r = world.client("village_a").post("/registry/persons/new/", {
        "name": "种田人", "residence_status": "huji", "status": "active", "extra_plot_mu": typed,
        "form_token": token_new()})
    assert r.status_code == 302
    assert list(Person.objects.values_list("extra", flat=True)) == [{"plot_mu": stored}]


def test_a_spreadsheet_number_cell_is_read_as_plain_digits():
    assert V.parse_decimal(2.5, maximum=Decimal(10000), decimals=2) == Decimal("2.5")
    assert V.parse_decimal(0.00001, maximum=None, decimals=None) == Decimal("0.00001")
    with pytest.raises(V.CellError, match="不能大于10000"):
        V.parse_decimal(1e30, maximum=Decimal(10000), decimals=2)
    with pytest.raises(V.CellError, match="不是数字"):
        V.parse_decimal(float("nan"), maximum=Decimal(10000), decimals=2)


def test_every_decimal_attribute_gets_bounds_and_the_definition_says_them(world):
    office = world.users["county_office"]
    # the household's and the organisation's decimals as the person's; a definition without them gets the defaults
    area = services.attribute_define(actor=office, county_code="450521", key="house_m2", label="住房面积",
                                     type="decimal", applies_to="household")
    assert (area.maximum, area.decimals) == (Decimal("1000000000"), 2)
    [spec] = services.attribute_specs(VA, "household")
    assert (spec.maximum, spec.decimals) == (Decimal("1000000000"), 2)
    with pytest.raises(services.ApplicationError) as exc:
        services.clean_extra(VA, {"house_m2": "-3"}, applies_to="household")
    assert (exc.value.field, exc.value.message) == ("extra_house_m2", "住房面积：不能为负数")
    # a text attribute has no bounds; a maximum beyond reason is refused, with nothing written
    text = services.attribute_define(actor=office, county_code="450521", key="note2", label="说明", type="text",
                                     maximum=Decimal(5))
    assert (text.maximum, text.decimals) == (None, None)
    count = AttributeDefinition.objects.count()
    for bad, field in (({"maximum": Decimal("1e13")}, "maximum"), ({"maximum": Decimal(-1)}, "maximum"),
                       ({"decimals": 7}, "decimals")):
        with pytest.raises(services.ApplicationError) as exc:
            services.attribute_define(actor=office, county_code="450521", key="x", label="x", type="decimal", **bad)
        assert exc.value.field == field
    assert AttributeDefinition.objects.count() == count
    page = world.client("county_office").get("/registry/attributes/").content.decode()
    assert "0 至 1000000000，最多 2 位小数" in page


def test_the_migration_states_the_bounds_of_the_existing_definitions(world):
    mu = AttributeDefinition.objects.create(org_code="450521", key="plot_mu", label="承包地亩数", type="decimal")
    income = AttributeDefinition.objects.create(org_code="450521", key="income", label="年收入", type="decimal")
    crop = AttributeDefinition.objects.create(org_code="450521", key="crop", label="作物", type="text")
    migration = importlib.import_module("jianfu.registry.migrations.0006_attribute_decimal_bounds")
    migration.state_the_bounds(apps, None)
    rows = AttributeDefinition.objects.filter(pk__in=[mu.pk, income.pk, crop.pk]).order_by("pk")
    assert list(rows.values_list("key", "maximum", "decimals")) == [
        ("plot_mu", Decimal("10000"), 2), ("income", Decimal("1000000000"), 2), ("crop", None, None)]
