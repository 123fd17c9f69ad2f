"""cr28 #1: tryout27 #1 marked a past period's columns that show today's record (no history kept of the key-group
flags) on the county's run page only. The submission — the page a village files a past period's figures from, and the
township approves — showed them unmarked, and the export of a report already sent said "按今天的登记情况统计" of a
figure taken the day it was sent. Now the submission page marks them too, a sent report says the day of its record,
and the API's JSON names the columns that read a current-only column."""

from __future__ import annotations

import datetime as dt
import io
import re

import openpyxl
import pytest
from django.core.management import call_command

from jianfu.reports.models import Submission, Template
from jianfu.reports.tests.test_tryout27_reports import _autumn

pytestmark = pytest.mark.django_db

V_A = "450521200206"
MARKED = ["未就业高校毕业生人数", "未就业就业困难人员数", "失业人员再就业人数"]
TODAY_NOTE = (
    "注：「未就业高校毕业生人数」、「未就业就业困难人员数」、「失业人员再就业人数」按当前登记数：登记信息未保留历史记录，"
    "按今天的登记情况统计，不是统计时点的数。"
)
# sent at 18:00 UTC on 12-03: 02:00 on 12-04 in Asia/Shanghai, the day the record was read
SENT_NOTE = (
    "注：「未就业高校毕业生人数」、「未就业就业困难人员数」、「失业人员再就业人数」按报送时登记数：登记信息未保留历史记录，"
    "按报送当日（2026-12-04）的登记情况统计，不是统计时点的数。"
)


def _november(world) -> Submission:
    from jianfu.reports import services

    _autumn()
    call_command("reports_load_forms", stdout=io.StringIO())
    return services.submission_generate(
        actor=world.users["village_a"],
        template=Template.objects.get(code="rs_key_groups"),
        org_code=V_A,
        period="202611",
    )


def _marked(html: str, badge: str) -> list[str]:
    """The labels of the cells whose row carries `badge`."""
    return re.findall(
        r"<tr[^>]*><td>([^<]+) <span class=\"badge current-only\"[^>]*>" + badge + "</span>", html
    )


def test_a_past_months_submission_marks_the_cells_that_show_todays_record(world):
    sub = _november(world)
    html = world.client("village_a").get(f"/reports/submissions/{sub.pk}/").content.decode()
    assert _marked(html, "按当前登记数") == MARKED
    assert html.count("current-only") == 3
    assert f'<p class="muted" id="current-note">{TODAY_NOTE}</p>' in html
    data = world.client("village_a").get(f"/reports/submissions/{sub.pk}/export/", {"format": "xlsx"}).content
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert [c.value for c in ws[3] if "按" in str(c.value)] == [f"{m}（人）（按当前登记数）" for m in MARKED]


def test_a_sent_submission_says_its_figures_are_the_record_of_the_day_it_was_sent(world):
    sub = _november(world)
    Submission.objects.filter(pk=sub.pk).update(
        status=Submission.Status.SUBMITTED, submitted_at=dt.datetime(2026, 12, 3, 18, 0, tzinfo=dt.UTC)
    )
    for username in ("village_a", "town_quzhang"):  # the village that sent it, the township that approves it
        html = world.client(username).get(f"/reports/submissions/{sub.pk}/").content.decode()
        assert _marked(html, "按报送时登记数") == MARKED
        assert "按当前登记数" not in html
        assert f'<p class="muted" id="current-note">{SENT_NOTE}</p>' in html
    client = world.client("town_quzhang")
    ws = openpyxl.load_workbook(
        io.BytesIO(client.get(f"/reports/submissions/{sub.pk}/export/", {"format": "xlsx"}).content)
    ).active
    assert [c.value for c in ws[3] if "按" in str(c.value)] == [
        f"{m}（人）（按报送时登记数）" for m in MARKED
    ]
    assert SENT_NOTE in [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    csv = client.get(f"/reports/submissions/{sub.pk}/export/", {"format": "csv"}).content.decode()
    assert csv.splitlines()[0].count("（按报送时登记数）") == 3 and "按当前登记数" not in csv


def test_the_api_names_the_columns_that_read_todays_record(world):
    _autumn()
    call_command("reports_load_forms", stdout=io.StringIO())
    data = (
        world.api_client("county_office")
        .get("/api/v1/reports/runs/", {"template": "rs_key_groups", "unit": "450521", "period": "202611"})
        .json()
    )
    assert data["reference_date"] == "2026-11-30"
    # the run's own marks (dev-rep28's as_of and badge; cr28 had added a bare current_only beside them)
    assert [c["label"] for c in data["columns"] if c["as_of"] == "today"] == MARKED
    assert [c["badge"] for c in data["columns"] if c["as_of"] == "today"] == ["按当前登记数"] * 3
    assert len([c for c in data["columns"] if c["as_of"] == "reference_date"]) == len(data["columns"]) - 3
