"""The demo loads on the matrix world: the labour market, key people, visits due today, the placement story."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from jianfu.employment import demo
from jianfu.employment.models import KeyPerson, Posting, Referral, ServiceRecord
from jianfu.employment.tests.factories import GRID_A, VILLAGE_A, person_in
from jianfu.employment.workbench import todos

pytestmark = pytest.mark.django_db


def test_demo_load(world):
    for i in range(12):
        person_in(VILLAGE_A, GRID_A if i % 2 else "450521200206002", birth=dt.date(1980 + i, 1, 2),
                  disability_category="visual" if i in (3, 10) else "")
    for i in range(4):
        person_in("450521200201", None, birth=dt.date(1990 + i, 3, 4))
    out = io.StringIO()
    demo.load(stdout=out)
    assert "岗位 328 个" in out.getvalue() and "疑似歧视待核查 2 个" in out.getvalue()
    assert Posting.objects.count() == 328 and Posting.objects.filter(status="flagged").count() == 2
    assert Posting.objects.values("organisation").distinct().count() >= 50
    assert KeyPerson.objects.count() == 16
    due = {u: {t.title: t.count for t in todos(world.users[u])} for u in ("grid_a", "village_a")}
    assert due["grid_a"]["今天该走访的帮扶对象"] >= 1 and due["village_a"]["今天该走访的帮扶对象"] >= 2
    hired = Referral.objects.get(status="hired", referred_by=world.users["village_a"])   # the story (village_a's)
    story = hired.key_person
    assert (story.org_code, story.status) == (VILLAGE_A, "employed") and hired.reasons
    assert list(story.history.order_by("on", "id").values_list("to_status", flat=True)) == [
        "unemployed", "referred", "interviewing", "employed"]
    assert ServiceRecord.objects.get(key_person=story).kind == "si_subsidy"
    # N06 (session 14): the 残疾人 group is the registry's category, so the page and the matcher agree
    for kp in KeyPerson.objects.select_related("person"):
        assert kp.is_disabled is bool(kp.person.disability_category)
    assert KeyPerson.objects.filter(is_disabled=True).count() == 2
    demo.load(stdout=out)   # a second run changes nothing
    assert KeyPerson.objects.count() == 16 and Posting.objects.count() == 328


def test_demo_postings_give_some_public_contacts(world):
    person_in(VILLAGE_A, GRID_A, birth=dt.date(1985, 1, 2))  # the demo loads only where the registry has people
    demo.load(stdout=io.StringIO())
    with_contact = Posting.objects.exclude(contact_phone="")
    # one employer posting in three from the job board, and every 公益性岗位 (its township's service centre)
    assert with_contact.count() == 100 + 26
    assert all(p.contact_phone.startswith("0779-073") for p in with_contact)   # no local number starts with 0
    assert Posting.objects.filter(title="保洁员（公益性岗位）").exclude(contact_name__endswith="社会保障服务中心").count() == 0


def test_demo_seekers_have_work_histories_so_experience_reads_both_ways(world):
    """Session 12: the demo's seekers had no 工作经历, so every candidate under a posting asking for years was
    经验不足. Now each has a synthetic history (a span, "至今", a count, months, or none), and the posting's
    candidates are some enough, some short."""
    from jianfu.employment import matchsvc, parsing

    for i in range(12):
        person_in(VILLAGE_A, GRID_A if i % 2 else "450521200206002", birth=dt.date(1980 + i, 1, 2))
    for i in range(4):
        person_in("450521200201", None, birth=dt.date(1990 + i, 3, 4))
    demo.load(stdout=io.StringIO())
    years = sorted(parsing.experience_years(kp.profile.experience, seeker=True)
                   for kp in KeyPerson.objects.select_related("profile"))
    # tryout26 #4: each history is written for its person (years from 16 on, `demo._work_history`), so the years differ
    # from session 12's fixed lines; "2024年至今" is read to this year (2 in 2026), "实习4个月" rounds to 0 whole years,
    # "2015.7-2018.6" to 3, and the one without a history is 0
    assert years == [0, 0, 1, 1, 2, 2, 3, 3, 3, 4, 4, 5, 6, 7, 7, 9]
    asking = list(Posting.objects.filter(experience_years__gt=0, status="open").order_by("pk"))
    tally = [(sum("经验不足" in r.reasons for _, r in recs), sum("经验满足" in r.reasons for _, r in recs))
             for recs in (matchsvc.seekers_for(world.users["county_office"], p, top=10) for p in asking)]
    with_candidates = [t for t in tally if t != (0, 0)]
    assert (len(asking), len(with_candidates)) == (45, 39)
    # session 19's matching changes (emp-wide19, emp-read19: new certificates and conditions, the employer's plant as a
    # second trade) brought three more people short of the asked years into a top-10 (86 → 89; 192 with enough);
    # tryout26 #4's per-person histories move one from short to enough (88, 193)
    assert (sum(short for short, _ in tally), sum(enough for _, enough in tally)) == (88, 193)
    # every posting with candidates now has one with enough years (5 before tryout26 #4; all 39 before session 12)
    assert sum(enough == 0 for _, enough in with_candidates) == 0
