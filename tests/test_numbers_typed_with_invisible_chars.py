"""badinput16 #9b: a zero-width space (or another invisible format character) pasted before a number was refused,
and the report fill's message echoed it ("应为数字，而不是“5”"). Every numeric field that reads typed text cleans it
by the one rule (`core.text.clean_text`) before parsing: Django's and DRF's numeric fields (`core.cleaning`), and
the services that parse a number from raw text themselves."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django import forms
from rest_framework import serializers

from jianfu.core.errors import ApplicationError
from jianfu.dispatch.services import _coordinate
from jianfu.monitor.ledgers import FieldSpec, clean_value
from jianfu.registry.ledger.values import parse_decimal, parse_int
from jianfu.reports import services as report_services
from jianfu.reports.catalog import forms_load
from jianfu.reports.engine import designer
from jianfu.reports.models import ManualValue, Template

PASTED = ["\u200b5", "5\u200b", "\ufeff5", "\u20605", "\u00ad5", "\u202e5"]


@pytest.mark.parametrize("typed", PASTED)
def test_django_and_drf_numeric_fields_read_the_number(typed):
    assert forms.IntegerField().clean(typed) == 5
    assert forms.DecimalField().clean(typed) == Decimal("5")
    assert forms.FloatField().clean(typed) == 5.0
    assert serializers.IntegerField().run_validation(typed) == 5
    assert serializers.DecimalField(max_digits=5, decimal_places=2).run_validation(typed) == Decimal("5")
    assert serializers.FloatField().run_validation(typed) == 5.0


@pytest.mark.parametrize("typed", PASTED)
def test_the_services_that_parse_typed_numbers_read_it(typed):
    assert parse_int(typed) == 5 and parse_decimal(typed) == Decimal("5")
    assert clean_value(FieldSpec("n", "人数", type="int"), typed) == 5
    assert _coordinate(typed, field="lat", low=-90, high=90, label="纬度") == Decimal("5")
    assert report_services._parse_number(typed, "低保金发放金额", "decimal") == Decimal("5")
    assert designer._number(typed) == 5  # the form designer's 期限 / bounds


def test_a_still_invalid_number_is_named_without_the_invisible_character():
    with pytest.raises(ApplicationError) as refused:
        report_services._parse_number("\u200b0.5万", "低保金发放金额", "decimal")
    assert refused.value.message == "「低保金发放金额」应为数字，而不是“0.5万”。"


@pytest.mark.django_db
def test_the_report_fill_saves_a_number_pasted_with_a_zero_width_space(world):
    forms_load(actor=None)
    tpl = Template.objects.get(code="mz_dibao_tekun")
    sub = report_services.submission_generate(
        actor=world.users["village_a"], template=tpl, org_code=world.village_a.code, period="202506"
    )
    typed = {
        "dibao_new_households": "\u200b1",
        "dibao_exit_households": "0",
        "dibao_fund": "\u200b12500",
        "tekun_centralised": "0",
        "tekun_fund": "3000\u200b",
    }
    response = world.client("village_a").post(
        f"/reports/submissions/{sub.pk}/submit/", {f"cell_{k}": v for k, v in typed.items()}
    )
    assert response.status_code == 302
    sub.refresh_from_db()
    assert (sub.status, sub.values["dibao_fund"], sub.values["tekun_fund"]) == ("submitted", 12500.0, 3000.0)
    assert ManualValue.objects.filter(org_code=world.village_a.code, period="202506").count() == 5
