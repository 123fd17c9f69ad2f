"""newuser15 F13: a count entered as 3 came back into its box as "3.0" — the form's schema (value_type) says how."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from jianfu.reports import services
from jianfu.reports.catalog import forms_load
from jianfu.reports.engine import latest_closed_period
from jianfu.reports.models import Template

pytestmark = pytest.mark.django_db


def _box(page: str, key: str) -> str:
    return re.search(rf'<input id="cell-{key}" name="cell_{key}" value="([^"]*)"', page).group(1)


def test_whole_figures_reload_without_a_decimal_and_fractions_keep_theirs(world):
    """Counts (integer) and whole amounts (number) show 3 and 3000; an amount with a fraction keeps 12500.5."""
    forms_load(actor=None)
    tpl = Template.objects.get(code="mz_dibao_tekun")
    period = latest_closed_period("monthly", timezone.localdate()).id
    village = world.users["village_a"]
    sub = services.submission_generate(actor=village, template=tpl, org_code="450521200206", period=period)
    services.submission_fill(actor=village, submission=sub, values={
        "dibao_new_households": "3", "dibao_exit_households": "0", "dibao_fund": "12500.5", "tekun_fund": "3000"})
    page = world.client("village_a").get(f"/reports/submissions/{sub.pk}/").content.decode()
    assert [_box(page, k) for k in ("dibao_new_households", "dibao_exit_households", "dibao_fund", "tekun_fund")] == [
        "3", "0", "12500.5", "3000"]
