"""newuser35 #2: the village's 待报送的报表 listed the forms to send without their deadlines; that one was past its
报送期限 showed only after opening it. The list now gives each form's 报送期限 (已逾期 when past), earliest first."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from jianfu.reports import services
from jianfu.reports.catalog import catalog_get, forms_load
from jianfu.reports.engine import latest_closed_period
from jianfu.reports.models import Submission, Template

pytestmark = pytest.mark.django_db


def _rows(page: str) -> list[tuple[str, str]]:
    """(template code, 报送期限 cell text) of each row, in order."""
    rows = re.findall(r'<td class="card-title"><a href="/reports/templates/([^/]+)/">.*?<td data-label="报送期限" '
                      r'class="due-on">(.*?)</td>', page, re.S)
    return [(code, re.sub(r"<[^>]+>", "", cell)) for code, cell in rows]


def _expected_due(code: str):
    t = catalog_get().template(code)
    return latest_closed_period(t.period_type, timezone.localdate()).due_date(t.due_days)


def test_the_forms_to_send_carry_their_deadline_earliest_first(world):
    forms_load(actor=None)
    today = timezone.localdate()
    tpl = Template.objects.get(code="mz_dibao_tekun")
    sub = services.submission_generate(actor=world.users["village_a"], template=tpl, org_code="450521200206",
                                       period=latest_closed_period("monthly", today).id)
    Submission.objects.filter(pk=sub.pk).update(due_date=today - dt.timedelta(days=3))   # set past: late
    rows = _rows(world.client("village_a").get("/reports/?due=1").content.decode())
    assert len(rows) == Template.objects.count()
    shown = dict(rows)
    late = today - dt.timedelta(days=3)
    assert shown["mz_dibao_tekun"] == f"{late:%Y-%m-%d} 已逾期"      # the generated report's own deadline
    for code, cell in rows:
        if code != "mz_dibao_tekun":
            due = _expected_due(code)
            assert cell == f"{due:%Y-%m-%d}" + (" 已逾期" if today > due else "")
    dates = [cell[:10] for _code, cell in rows]
    assert dates == sorted(dates)


def test_a_sent_form_has_no_deadline_and_the_township_sees_no_column(world):
    forms_load(actor=None)
    tpl = Template.objects.get(code="mz_dibao_tekun")
    sub = services.submission_generate(actor=world.users["village_a"], template=tpl, org_code="450521200206",
                                       period=latest_closed_period("monthly", timezone.localdate()).id)
    services.submission_fill(actor=world.users["village_a"], submission=sub, values={
        "dibao_new_households": "1", "dibao_exit_households": "0", "dibao_fund": "12500",
        "tekun_centralised": "0", "tekun_fund": "3000"})
    services.submission_submit(actor=world.users["village_a"], submission=sub)
    everything = dict(_rows(world.client("village_a").get("/reports/").content.decode()))
    assert everything["mz_dibao_tekun"] == "—"
    assert "mz_dibao_tekun" not in dict(_rows(world.client("village_a").get("/reports/?due=1").content.decode()))
    assert 'data-label="报送期限"' not in world.client("town_quzhang").get("/reports/").content.decode()
