"""emp-mend27 #2: the website's matcher (`matchsvc`) reads dates written without a year from today, as
`employment_match` does — the posting side and every scope's index are kept per day, not per year — and counts a
person's age on a posting's start from the birth date the register holds, and their retirement date against it."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.employment import matchsvc
from jianfu.employment.tests.factories import TOWN, key_person_in, person_in, posting_in

pytestmark = pytest.mark.django_db

DECEMBER = dt.date(2026, 12, 6)


@pytest.fixture
def december(monkeypatch):
    monkeypatch.setattr(matchsvc, "local_today", lambda: DECEMBER)


def _seeker(birth: dt.date, desired: str):
    return key_person_in(person=person_in(name="黄测试", birth=birth, gender="M"),
                         profile={"desired_text": desired, "places": ["county"]})


def test_a_winter_job_counts_the_age_on_its_start(world, december):
    """17 today, born 2009-01-10: 18 on a 寒假工's "1月20日进厂" (2027-01-20), still 17 on "12月20日进厂"."""
    kp = _seeker(dt.date(2009, 1, 10), "寒假想进厂做普工")
    january = posting_in(TOWN, title="寒假工（电子厂普工）", age_min=18, age_max=35,
                         description="寒假工，1月20日进厂，做到2月25日，长白班，流水线装配。")
    december_start = posting_in(TOWN, title="寒假工（电子厂装配）", age_min=18, age_max=35,
                                description="寒假工，12月20日进厂，做到2月25日，长白班，流水线装配。")
    recs = {p.pk: r for p, r in matchsvc.jobs_for(kp)}
    assert set(recs) == {january.pk}
    assert december_start.pk not in recs
    assert "2027年1月20日到岗时18岁，符合18–35岁" in recs[january.pk].reasons
    # the posting's side: the county's index of people reads the same start
    assert [p.pk for p, _r in matchsvc.seekers_for(world.users["county_office"], january)] == [kp.pk]
    assert matchsvc.seekers_for(world.users["county_office"], december_start) == []


def test_the_retirement_date_against_a_contracts_start(world, december):
    """A man born 1966-09-15 reaches the reform's age (60 and 6 months) on 2027-03-15: a post asking a labour
    contract from "3月1日" takes him, one from "4月1日" does not; one asking nothing of it takes him either way."""
    kp = _seeker(dt.date(1966, 9, 15), "想找门卫保安的工作")
    march = posting_in(TOWN, title="小区门卫（三月）", description="3月1日到岗，须签订劳动合同，缴纳社保。负责门岗登记。")
    april = posting_in(TOWN, title="小区门卫（四月）", description="4月1日到岗，须签订劳动合同，缴纳社保。负责门岗登记。")
    open_ = posting_in(TOWN, title="小区门卫（不限）", description="4月1日到岗，负责门岗登记。")
    offered = {p.pk for p, _r in matchsvc.jobs_for(kp)}
    assert {march.pk, open_.pk} <= offered
    assert april.pk not in offered
    assert [p.pk for p, _r in matchsvc.seekers_for(world.users["county_office"], march)] == [kp.pk]
    assert matchsvc.seekers_for(world.users["county_office"], april) == []


def _dates(side) -> dict[str, tuple[int, int]]:
    """Each posting's (day a retirement-age condition is judged on, stated start), by title."""
    return {j.title: (int(side.J.retire_on[i]), int(side.J.start[i])) for i, j in enumerate(side.jobs)}


def test_the_posting_side_is_kept_per_day(world, monkeypatch):
    """The same rows on another day are another stamp, and the matcher is built anew: a post asking a labour contract
    and hiring now is judged on that day (`JobTable.retire_on`); a start without its year is read from it."""
    posting_in(TOWN, title="小区门卫", description="须签订劳动合同，缴纳社保。负责门岗登记。")
    posting_in(TOWN, title="寒假工（电子厂普工）", description="寒假工，1月20日进厂，做到2月25日。")
    monkeypatch.setattr(matchsvc, "local_today", lambda: DECEMBER)
    first = matchsvc._postings_stamp()
    assert _dates(matchsvc._posting_side()[0]) == {"小区门卫": (20261206, 0), "寒假工（电子厂普工）": (0, 20270120)}
    monkeypatch.setattr(matchsvc, "local_today", lambda: DECEMBER + dt.timedelta(days=1))
    assert matchsvc._postings_stamp() != first
    assert _dates(matchsvc._posting_side()[0]) == {"小区门卫": (20261207, 0), "寒假工（电子厂普工）": (0, 20270120)}
