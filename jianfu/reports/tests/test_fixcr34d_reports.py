"""fixcr34d: a department hanging off no unit (no `parent_code`) on its own form's progress page answered 500
(`subtree_q("-")` raised ValueError, cr34 #3); a unit named in the run page's 单位 box was looked for among the first 20
same-name units of the whole database before the scope was applied, and an ambiguous name answered 404 (cr34 #5)."""

from __future__ import annotations

import re

import pytest

from jianfu.orgs.models import OrgUnit
from jianfu.reports.models import Submission
from jianfu.reports.tests.test_mend34_reports import _text, minzheng  # noqa: F401 - the fixture
from jianfu.reports.tests.test_views import setup  # noqa: F401 - the fixture
from jianfu.reports.tests.test_workflow import catalog_loaded  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def test_a_department_with_no_parent_unit_sees_its_forms_progress_with_no_village(minzheng):  # noqa: F811
    w, tpl, period, _a = minzheng
    OrgUnit.objects.filter(code="450521000000D09").update(parent_code="")
    before = list(Submission.objects.order_by("pk").values_list("pk", "status", "version"))
    resp = w.client("dept_mz").get(f"/reports/templates/{tpl.code}/progress/")
    assert resp.status_code == 200
    html = resp.content.decode()
    counts = _text(html[html.index('id="progress-counts"'):].split("</p>", 1)[0].split(">", 1)[1])
    assert counts == "应报 0 个村（社区） · 未填报 0 · 已退回 0 · 填报中 0 · 已提交 0"
    assert re.findall(r'<td class="card-title">', html) == []
    assert list(Submission.objects.order_by("pk").values_list("pk", "status", "version")) == before


RUN = "/reports/templates/mz_elderly_census/run/"


def _village(code: str, name: str) -> OrgUnit:
    return OrgUnit.objects.create(code=code, name=name, kind="village", level=5, parent_code=code[:9] + "000")


def test_a_name_is_looked_for_in_the_scope_before_the_first_twenty_are_taken(setup):  # noqa: F811
    for i in range(21):      # the same name in another county, all before 合浦县 by code
        _village(f"450501001{i:03d}", "曲木村委会")
    answer = setup.client("county_office").get(RUN, {"unit": "曲木村", "period": "2025"})
    assert answer.status_code == 200
    report = answer.context["report"]
    assert (report.unit, report.total.name, report.total.values["pop_total"]) == ("450521200206", "曲木村委会", 2)


def test_an_ambiguous_name_is_a_400_listing_the_choices_in_scope(setup):  # noqa: F811
    _village("450501001100", "新村委会")      # outside the county office's scope: never listed
    _village("450521200290", "新村委会")
    _village("450521100290", "新村委会")
    message = "有多个单位名为“新村”：新村委会（450521100290）、新村委会（450521200290）。请填写单位代码。"
    answer = setup.client("county_office").get(RUN, {"unit": "新村", "period": "2025"})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert message in html and "450501001100" not in html
    api = setup.api_client("county_office").get("/api/v1/reports/runs/", {"template": "mz_elderly_census",
                                                                          "unit": "新村", "period": "2025"})
    assert api.status_code == 400
    assert message in api.content.decode() and "450501001100" not in api.content.decode()
