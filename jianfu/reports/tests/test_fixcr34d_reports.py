"""fixcr34d: a department hanging off no unit (no `parent_code`) on its own form's progress page answered 500
(`subtree_q("-")` raised ValueError, cr34 #3); a unit named in the run page's 单位 box was looked for among the first 20
same-name units of the whole database before the scope was applied, and an ambiguous name answered 404 (cr34 #5)."""

from __future__ import annotations

import re

import pytest

from jianfu.orgs.models import OrgUnit
from jianfu.reports.models import Submission
from jianfu.reports.tests.test_mend34_reports import _text, minzheng  # noqa: F401 - the fixture
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
