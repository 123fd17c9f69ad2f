"""newuser35 #1: the visit form opened from a reminder said neither why the visit was due (推荐“护工”后回访结果: which
job, which rule) nor who the person is (key groups, status, what work they want); the grid worker went back to the
list or the person's page to find out. The form now says both, above the outcome."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from jianfu.employment.models import VisitTask
from jianfu.employment.tests.factories import key_person_in, person_in
from jianfu.registry.ledger.values import local_today

pytestmark = pytest.mark.django_db


def _para(page: str, pid: str) -> str:
    """The text of the paragraph `pid`, tags dropped."""
    match = re.search(rf'<p[^>]* id="{pid}">(.*?)</p>', page, re.S)
    assert match, f"no #{pid}"
    return re.sub(r"<[^>]+>", "", match.group(1))


def test_the_visit_form_says_why_the_visit_is_due_and_who_the_person_is(world):
    kp = key_person_in(person=person_in(name="丁颖"), profile={"desired_text": "照顾过老人，想做护理"})
    due = local_today() - dt.timedelta(days=6)
    task = VisitTask.objects.create(key_person=kp, org_code=kp.org_code, grid_code=kp.grid_code, trigger="referral",
                                    reason="推荐“护工”后回访结果", due_on=due, escalated_on=local_today(),
                                    dedupe_key="newuser35-1")
    page = world.client("grid_a").get(f"/employment/people/{kp.pk}/visit/?task={task.pk}&tab=overdue")
    assert page.status_code == 200
    html = page.content.decode()
    assert _para(html, "visit-why") == f"走访原因：推荐“护工”后回访结果 · 应于 {due:%Y-%m-%d} 逾期 已上报乡镇"
    assert _para(html, "visit-who") == "类别：登记失业人员 · 失业求职意向：照顾过老人，想做护理"
    # the reason comes before the outcome the worker picks
    assert html.index('id="visit-why"') < html.index('name="outcome"')


def test_a_visit_due_today_is_not_called_overdue_and_a_person_without_a_profile_shows_no_wish(world):
    kp = key_person_in(person=person_in(name="王伟"))
    task = VisitTask.objects.create(key_person=kp, org_code=kp.org_code, grid_code=kp.grid_code, trigger="new",
                                    reason="新纳入帮扶，7日内首次走访", due_on=local_today(), dedupe_key="newuser35-2")
    html = world.client("grid_a").get(f"/employment/people/{kp.pk}/visit/?task={task.pk}&tab=today").content.decode()
    assert _para(html, "visit-why") == f"走访原因：新纳入帮扶，7日内首次走访 · 应于 {local_today():%Y-%m-%d}"
    assert _para(html, "visit-who") == "类别：登记失业人员 · 失业"


def test_a_visit_without_a_task_has_no_reason_line(world):
    kp = key_person_in(person=person_in(name="陈凤"))
    html = world.client("grid_a").get(f"/employment/people/{kp.pk}/visit/").content.decode()
    assert 'id="visit-why"' not in html
    assert _para(html, "visit-who") == "类别：登记失业人员 · 失业"
