"""newuser34 #3: the run page's unit box took only a code. A department clerk who typed the village's name ("曲木村")
got a bare 找不到该单位 page, and the codes are on no page the clerk sees: the village was reached only by clicking
down the county's table. The box (单位（名称或代码）) now takes a unit's full name or its name as said."""

from __future__ import annotations

import pytest

from jianfu.reports.tests.test_views import setup  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db

RUN = "/reports/templates/mz_elderly_census/run/"


def _run(client, unit: str):
    return client.get(RUN, {"unit": unit, "period": "2025"})


@pytest.mark.parametrize("typed", ["曲木村", "曲木村委会", " 曲木村委会 ", "450521200206"])
def test_a_village_is_run_by_its_name_or_its_code(setup, typed):  # noqa: F811
    answer = _run(setup.client("county_office"), typed)
    assert answer.status_code == 200
    report = answer.context["report"]
    assert (report.unit, report.total.name, report.total.values["pop_total"]) == ("450521200206", "曲木村委会", 2)
    assert '<label for="r-unit">单位（名称或代码）</label><input id="r-unit" name="unit" value="450521200206">' in (
        answer.content.decode())


def test_a_township_by_its_name(setup):  # noqa: F811
    report = _run(setup.client("county_office"), "曲樟乡").context["report"]
    assert (report.unit, report.total.name, report.total.values["pop_total"]) == ("450521200", "曲樟乡合计", 3)


def test_an_unknown_name_says_what_to_type(setup):  # noqa: F811
    answer = _run(setup.client("county_office"), "曲木")
    assert answer.status_code == 404
    assert "找不到名为“曲木”的单位，或不在您的管辖范围内。请填写村（社区）、乡镇的全称或单位代码。" in answer.content.decode()


def test_a_name_outside_the_scope_is_not_found(setup):  # noqa: F811
    answer = _run(setup.client("village_a"), "璋嘉村")
    assert answer.status_code == 404
    assert "找不到名为“璋嘉村”的单位，或不在您的管辖范围内。" in answer.content.decode()
    assert "450521200201" not in answer.content.decode()
