"""fixcr34b #1: generating a report of a period not begun was refused (badinput33 #4), but a report of 2099年12月 made
before that refusal could still be filled and 报送: fill and submit had no period check. Both now refuse it, naming the
period, and write nothing."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from jianfu.core.errors import ApplicationError
from jianfu.core.models import AuditRecord
from jianfu.reports import services
from jianfu.reports.catalog import forms_load
from jianfu.reports.models import ManualValue, Submission, Template

pytestmark = pytest.mark.django_db


@pytest.fixture
def future(world):
    """A report of 2099年12月 as one made before generating refused it (there is no other way to make one now)."""
    forms_load(actor=None)
    tpl = Template.objects.get(code="zz_floating_population")
    return Submission.objects.create(template=tpl, org_code=world.village_a.code, period="209912", values={},
                                     due_date=datetime.date(2100, 1, 10), generated_at=timezone.now())


def _state(sub):
    sub.refresh_from_db()
    return (sub.status, sub.values, sub.version, sub.submitted_at, list(ManualValue.objects.values_list("value")),
            AuditRecord.objects.count())


TYPED = {"cell_disputes_resolved": "3", "cell_rental_houses": "13"}


# 报送 saves what the form carries first, so a 报送 with figures typed is refused at that save (填写)
@pytest.mark.parametrize(("action", "data", "verb"), [("fill", TYPED, "填写"), ("submit", TYPED, "填写"),
                                                      ("submit", {}, "报送")])
def test_a_report_of_a_period_not_begun_is_neither_filled_nor_sent(world, future, action, data, verb):
    before = _state(future)
    response = world.client("village_a").post(f"/reports/submissions/{future.pk}/{action}/", data)
    assert response.status_code == 400
    assert f"报告期“2099年12月”尚未开始，不能{verb}报表。" in response.content.decode()
    assert _state(future) == before
    assert before[:4] == (Submission.Status.GENERATED, {}, 1, None)
    assert before[4] == []


def test_the_services_refuse_it_too(world, future):
    before = _state(future)
    with pytest.raises(ApplicationError) as caught:
        services.submission_fill(actor=world.users["village_a"], submission=future,
                                 values={"disputes_resolved": "3", "rental_houses": "13"})
    assert (caught.value.message, caught.value.code) == ("报告期“2099年12月”尚未开始，不能填写报表。", "invalid_period")
    with pytest.raises(ApplicationError) as caught:
        services.submission_submit(actor=world.users["village_a"], submission=future)
    assert (caught.value.message, caught.value.code) == ("报告期“2099年12月”尚未开始，不能报送报表。", "invalid_period")
    assert _state(future) == before


def test_the_period_under_way_is_still_filled(world, future):
    Submission.objects.filter(pk=future.pk).update(period=timezone.localdate().strftime("%Y%m"))
    response = world.client("village_a").post(f"/reports/submissions/{future.pk}/fill/", {"cell_rental_houses": "13"})
    assert response.status_code == 302
    assert [str(v) for v in ManualValue.objects.values_list("value", flat=True)] == ["13.00"]
