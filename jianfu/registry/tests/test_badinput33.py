"""badinput33 #2: a figure whose comma separates no thousands ("1,2,3", "1,5") was read with the comma dropped — 123
and 15 — in the person form's and the import's integer and decimal attributes, stored without a word. It is refused on
the field (form) and on the row and column (import); thousands commas ("1,000", "1，000") are still read."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.registry import services
from jianfu.registry.ledger import validate
from jianfu.registry.ledger import values as V
from jianfu.registry.models import Person

pytestmark = pytest.mark.django_db

VA = "450521200206"
# core.text's one wording (fixcr33c)
COMMA = "逗号位置不对（“{}”）：千分位逗号每三位一个（如 1,000），也可以直接写 1000；小数请用小数点（如 1.5）"


@pytest.fixture
def attributes(world):
    office = world.users["county_office"]
    services.attribute_define(actor=office, county_code="450521", key="plot_mu", label="承包地亩数", type="decimal",
                              maximum=Decimal("10000"), decimals=2)
    services.attribute_define(actor=office, county_code="450521", key="members2", label="家庭人数", type="integer",
                              maximum=Decimal(30))
    return services.attribute_specs(VA)


def _state():
    return list(Person.objects.values_list("pk", "extra")), AuditRecord.objects.count()


@pytest.mark.parametrize("typed", ["1,5", "1,2,3", "12,00", "1,0000", ",5", "1,"])
def test_the_person_form_refuses_a_misplaced_comma_on_the_field(world, attributes, typed):
    before = _state()
    r = world.client("village_a").post("/registry/persons/new/", {
        "name": "种田人", "residence_status": "huji", "status": "active", "extra_plot_mu": typed,
        "form_token": token_new()})
    assert r.status_code == 400
    assert r.context["form"].errors == {"extra_plot_mu": ["承包地亩数：" + COMMA.format(typed)]}
    assert _state() == before


def test_the_import_names_the_row_and_the_column_and_still_reads_thousands(attributes):
    headers = ["姓名", "承包地亩数", "家庭人数"]
    plans = validate.resolve_mapping(headers, validate.guess_mapping(headers, attributes=attributes),
                                     attributes=attributes)
    v = validate.RowValidator(plans, default_org_code=VA, scope_prefix=VA, attributes=attributes)
    assert [str(e) for e in v.validate(2, ["张三", "1,5", "1,2"]).errors] == [
        "第2行【承包地亩数】" + COMMA.format("1,5"), "第2行【家庭人数】" + COMMA.format("1,2")]
    assert v.validate(3, ["李四", "1,000.5", "1２"]).values["extra"] == {"plot_mu": "1000.5", "members2": 12}
    assert v.validate(4, ["王五", "1，000", "3"]).values["extra"] == {"plot_mu": "1000", "members2": 3}


def test_the_readers_refuse_it_whatever_the_kind():
    for parse in (V.parse_int, V.parse_plain_int, V.parse_decimal):
        with pytest.raises(V.CellError, match="逗号位置不对"):
            parse("1,2,3")
        assert parse("12,345") == 12345
