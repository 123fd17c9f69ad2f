"""newuser13 V04: a form's progress lists every village in scope with its state (未填报 / 已退回 / 填报中 / 已提交),
not-submitted first, with a count of each — the villages that never generated the form included."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from jianfu.core.errors import NotFoundError
from jianfu.orgs.models import OrgUnit
from jianfu.reports import selectors, services
from jianfu.reports.engine import latest_closed_period
from jianfu.reports.models import Submission, Template
from jianfu.reports.tests.test_workflow import DIBAO_MANUAL, catalog_loaded  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

TOWN = "450521200000"
EXTRA = [("450521200202", "那夏村委会"), ("450521200203", "龙湾村委会"), ("450521200204", "枫木村委会")]


@pytest.fixture
def progress(catalog_loaded):  # noqa: F811 - the fixture imported above
    w = catalog_loaded
    for code, name in EXTRA:
        OrgUnit.objects.create(code=code, name=name, kind="village", level=5, parent_code=TOWN)
    OrgUnit.objects.create(code="450521200205", name="已撤并村", kind="village", level=5, parent_code=TOWN,
                           is_active=False)
    tpl = Template.objects.get(code="mz_dibao_tekun")
    period = latest_closed_period("monthly", timezone.localdate()).id
    a = services.submission_generate(actor=w.users["village_a"], template=tpl, org_code=w.village_a.code,
                                     period=period)
    services.submission_fill(actor=w.users["village_a"], submission=a, values=DIBAO_MANUAL)
    services.submission_submit(actor=w.users["village_a"], submission=a)
    b = services.submission_generate(actor=w.users["village_b"], template=tpl, org_code=w.village_b.code,
                                     period=period)
    services.submission_fill(actor=w.users["village_b"], submission=b, values=DIBAO_MANUAL)
    services.submission_submit(actor=w.users["village_b"], submission=b)
    services.submission_return(actor=w.users["town_quzhang"], submission=b, reason="低保资金与台账不符")
    # 那夏村 generated it and has not submitted (no account of its own in the test world: written as generate does)
    Submission.objects.create(template=tpl, org_code=EXTRA[0][0], period=period, status="generated",
                              due_date=b.due_date, generated_at=timezone.now())
    return w, tpl, period, a, b


def test_every_village_in_scope_with_its_state_not_submitted_first(progress):
    w, tpl, period, a, b = progress
    data = selectors.form_progress(user=w.users["town_quzhang"], template_code=tpl.code, period=period)
    assert [(r.name, r.state_label) for r in data["rows"]] == [
        ("龙湾村委会", "未填报"), ("枫木村委会", "未填报"), ("璋嘉村委会", "已退回"), ("那夏村委会", "填报中"),
        ("曲木村委会", "已提交")]
    assert (data["expected"], data["not_submitted"]) == (5, 4)
    assert data["counts"] == [("none", "未填报", 2), ("returned", "已退回", 1), ("generated", "填报中", 1),
                              ("submitted", "已提交", 1)]
    # the county sees its third village (another township) too, with its township named
    county = selectors.form_progress(user=w.users["county_office"], template_code=tpl.code, period=period)
    assert [(r.name, r.town) for r in county["rows"] if r.state == "none"] == [
        ("廉州镇某社区", "廉州镇"), ("龙湾村委会", "曲樟乡"), ("枫木村委会", "曲樟乡")]
    assert county["expected"] == 6


def test_the_page_names_the_missing_villages_and_is_reached_from_completeness(progress):
    w, tpl, period, a, b = progress
    client = w.client("town_quzhang")
    done = client.get("/reports/completeness/").content.decode()
    link = f'href="/reports/completeness/progress/?template={tpl.code}&amp;period={period}"'
    assert link in done
    html = client.get(f"/reports/completeness/progress/?template={tpl.code}&period={period}").content.decode()
    counts = re.sub(r"<[^>]+>", "", html[html.index('id="progress-counts"'):].split("</p>", 1)[0].split(">", 1)[1])
    assert counts == "应报 5 个村（社区） · 未填报 2 · 已退回 1 · 填报中 1 · 已提交 1"
    assert "还有 4 个村（社区）未提交，列在前面。" in html
    names = re.findall(r'<td class="card-title">(?:<a href="[^"]+">)?([^<]+)', html)
    assert names == ["龙湾村委会", "枫木村委会", "璋嘉村委会", "那夏村委会", "曲木村委会"]
    assert f'<a href="/reports/submissions/{a.pk}/">曲木村委会</a>' in html
    assert "已撤并村" not in html
    # past the due date every village that has not submitted is marked late; before it, none
    assert html.count("逾期未报") == (4 if timezone.localdate() > a.due_date else 0)


def test_who_may_not_follow_reporting_or_outside_scope_gets_404(progress):
    w, tpl, period, a, b = progress
    before = list(Submission.objects.order_by("pk").values_list("pk", "status"))
    for username in ("village_a", "dept_housing", "grid_a"):
        assert w.client(username).get(
            f"/reports/completeness/progress/?template={tpl.code}&period={period}").status_code == 404, username
    # a township asking for another township's subtree
    assert w.client("town_quzhang").get(
        f"/reports/completeness/progress/?template={tpl.code}&period={period}&unit=450521100000").status_code == 404
    with pytest.raises(NotFoundError):
        selectors.form_progress(user=w.users["town_quzhang"], template_code="no_such_form", period=period)
    assert list(Submission.objects.order_by("pk").values_list("pk", "status")) == before
