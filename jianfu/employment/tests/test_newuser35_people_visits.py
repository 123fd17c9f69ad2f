"""newuser35 #3: 重点群体 listed a village's people with their status and groups but not who was due a visit; the cadre
switched to 走访提醒 and back. Each row now says 走访已逾期 or “N月N日前走访” (due by this week's Sunday), and a 走访
filter narrows the list to those."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest

from jianfu.employment import selectors
from jianfu.employment.models import VisitTask
from jianfu.employment.tests.factories import VILLAGE_B, key_person_in, person_in
from jianfu.registry.ledger.values import local_today

pytestmark = pytest.mark.django_db
_n = itertools.count()


def _task(kp, due_on: dt.date, status: str = VisitTask.Status.DUE) -> VisitTask:
    return VisitTask.objects.create(key_person=kp, org_code=kp.org_code, grid_code=kp.grid_code, trigger="interval",
                                    reason="未就业，每30日走访一次", due_on=due_on, status=status,
                                    dedupe_key=f"newuser35-people-{next(_n)}")


def _badges(page: str) -> dict[str, str]:
    """name → the visit badge of its row ("" without one)."""
    rows = re.findall(r'<td class="card-title"><a href="/employment/people/\d+/">([^<]+)</a>(.*?)</td>', page, re.S)
    return {name: "".join(re.findall(r'class="badge[^"]*visit-due">([^<]+)<', rest)) for name, rest in rows}


@pytest.fixture
def people(world):
    today = local_today()
    sunday = selectors.week_end(today)
    overdue = key_person_in(person=person_in(name="逾期甲"))
    _task(overdue, today - dt.timedelta(days=2))
    _task(overdue, today + dt.timedelta(days=20))         # a later task of the same person: the earliest counts
    this_week = key_person_in(person=person_in(name="本周乙"))
    _task(this_week, sunday)
    later = key_person_in(person=person_in(name="下月丙"))
    _task(later, sunday + dt.timedelta(days=30))
    done = key_person_in(person=person_in(name="已访丁"))
    _task(done, today - dt.timedelta(days=5), status=VisitTask.Status.DONE)
    key_person_in(person=person_in(name="无任务戊"))
    return {"sunday": sunday}


def test_each_person_says_whether_a_visit_is_due(world, people):
    sunday = people["sunday"]
    page = world.client("village_a").get("/employment/people/").content.decode()
    assert _badges(page) == {"逾期甲": "走访已逾期", "本周乙": f"{sunday.month}月{sunday.day}日前走访", "下月丙": "",
                             "已访丁": "", "无任务戊": ""}


@pytest.mark.parametrize(("visit", "names"), [
    ("week", ["逾期甲", "本周乙"]),
    ("overdue", ["逾期甲"]),
    ("", ["逾期甲", "本周乙", "下月丙", "已访丁", "无任务戊"]),
    ("nonsense", ["逾期甲", "本周乙", "下月丙", "已访丁", "无任务戊"]),
])
def test_the_visit_filter_narrows_the_list(world, people, visit, names):
    page = world.client("village_a").get("/employment/people/", {"visit": visit}).content.decode()
    assert list(_badges(page)) == names


def test_each_village_sees_only_its_own_people_due(world, people):
    other = key_person_in(person=person_in(VILLAGE_B, None, name="璋嘉己"))
    _task(other, local_today() - dt.timedelta(days=1))
    assert _badges(world.client("village_b").get("/employment/people/", {"visit": "week"}).content.decode()) == {
        "璋嘉己": "走访已逾期"}
    assert list(_badges(world.client("village_a").get("/employment/people/", {"visit": "week"}).content.decode())) == [
        "逾期甲", "本周乙"]
