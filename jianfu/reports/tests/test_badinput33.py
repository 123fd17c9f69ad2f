"""badinput33 #1: a manual figure typed "1,2,3" was saved as 123 and "1,5" as 15 (the comma dropped, whatever it
separated). A comma that separates no thousands is refused on its box, nothing saved, nothing sent; "1,000" is still
read as 1000."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from jianfu.core.models import AuditRecord
from jianfu.core.text import without_thousands
from jianfu.reports import services
from jianfu.reports.catalog import forms_load
from jianfu.reports.models import ManualValue, Submission, Template

pytestmark = pytest.mark.django_db


def test_without_thousands_keeps_only_grouped_commas():
    assert [without_thousands(t) for t in ("1,000", "-12,345.5", "1,234,567", "12", "1,2,3", "1,5", "12,00",
                                             ",5", "1,", "1,0000")] == [
        "1000", "-12345.5", "1234567", "12", None, None, None, None, None, None]


def test_a_leading_zero_group_is_no_thousands_group():
    """fixcr33c: "0,500" was read as 500 in reports, registry, monitor and service amounts."""
    assert [without_thousands(t) for t in ("0,500", "-0,500", "0,000", "00,500", "012,500", "0", "100,500")] == [
        None, None, None, None, None, "0", "100500"]


@pytest.fixture
def submission(world):
    from jianfu.reports.engine import latest_closed_period

    forms_load(actor=None)
    tpl = Template.objects.get(code="zz_floating_population")
    return services.submission_generate(actor=world.users["village_a"], template=tpl, org_code=world.village_a.code,
                                        period=latest_closed_period(tpl.period_type, timezone.localdate()).id)


def _state(sub):
    sub.refresh_from_db()
    return (sub.status, sub.values, sub.version, list(ManualValue.objects.values_list("value", flat=True)),
            AuditRecord.objects.count())


@pytest.mark.parametrize(("url", "typed"), [("fill", "1,2,3"), ("fill", "1,5"), ("submit", "12,00"), ("fill", "0,500")])
def test_a_misplaced_comma_is_refused_on_its_box_and_nothing_is_saved(world, submission, url, typed):
    before = _state(submission)
    response = world.client("village_a").post(f"/reports/submissions/{submission.pk}/{url}/", {
        "cell_disputes_resolved": typed, "cell_rental_houses": "13"})
    assert response.status_code == 400
    message = (f"「矛盾纠纷排查化解件数」中的逗号位置不对（“{typed}”）：千分位逗号每三位一个（如 1,000），也可以直接写 1000；"
               "小数请用小数点（如 1.5）。")
    page = response.content.decode()
    assert re.search(r'<div class="field-error" id="err-disputes_resolved" role="alert">([^<]*)</div>', page).group(1) \
        == message
    assert _state(submission) == before
    assert before[0] == Submission.Status.GENERATED


def test_thousands_commas_are_still_read(world, submission):
    response = world.client("village_a").post(f"/reports/submissions/{submission.pk}/fill/", {
        "cell_rental_houses": "1,000"})
    assert response.status_code == 302
    assert [str(v) for v in ManualValue.objects.values_list("value", flat=True)] == ["1000.00"]


# ---------------------------------------------------------------- #4 a period not begun


@pytest.mark.parametrize("period", ["209912", "202701"])
def test_a_report_of_a_period_not_begun_is_refused_and_nothing_is_made(world, period):
    forms_load(actor=None)
    before = (Submission.objects.count(), AuditRecord.objects.count())
    response = world.client("village_a").post("/reports/submissions/generate/", {
        "template": "zz_floating_population", "period": period})
    assert response.status_code == 400
    label = {"209912": "2099年12月", "202701": "2027年1月"}[period]
    assert f"报告期“{label}”尚未开始，不能生成报表。" in response.content.decode()
    assert (Submission.objects.count(), AuditRecord.objects.count()) == before


def test_the_period_under_way_may_still_be_generated(world):
    forms_load(actor=None)
    response = world.client("village_a").post("/reports/submissions/generate/", {
        "template": "zz_floating_population", "period": timezone.localdate().strftime("%Y%m")})
    assert response.status_code == 302
    assert Submission.objects.get().period == timezone.localdate().strftime("%Y%m")
