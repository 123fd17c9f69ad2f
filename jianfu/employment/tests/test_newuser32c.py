"""newuser32c: a township officer's and the county 人社局's day in 就业帮扶 at 390 px (docs/employment.md, Session 32).

#1 the 结果 select of a referral offers only the results it may move to, behind a 选择结果 line; #2 the 备注 typed at
纳入帮扶 is shown on the person page; #3 the dashboard's first figures open the lists they count."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from jianfu.core.models import AuditRecord
from jianfu.employment.models import KeyStatus, Referral
from jianfu.employment.tests.factories import (
    TOWN,
    VILLAGE_A,
    VILLAGE_C,
    hrss_account,
    key_person_in,
    posting_in,
)

pytestmark = pytest.mark.django_db


def _options(page: str, select_id: str) -> list[tuple[str, str, bool]]:
    select = re.search(rf'<select id="{select_id}"[^>]*>(.*?)</select>', page, re.S)
    assert select is not None, select_id
    return [(v, label, bool(sel)) for v, sel, label in
            re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select.group(1))]


def _referral(status: str) -> Referral:
    kp = key_person_in(status=KeyStatus.INTERVIEWING if status == "interviewed" else KeyStatus.REFERRED)
    return Referral.objects.create(key_person=kp, posting=posting_in(), org_code=kp.org_code, grid_code=kp.grid_code,
                                   referred_on=dt.date.today(), status=status)


@pytest.mark.parametrize(("status", "offered"), [
    ("recommended", [("applied", "已投递"), ("interviewed", "已面试"), ("hired", "已录用"), ("refused", "未成功")]),
    ("applied", [("interviewed", "已面试"), ("hired", "已录用"), ("refused", "未成功")]),
    ("interviewed", [("hired", "已录用"), ("refused", "未成功")]),
])
def test_the_result_select_offers_only_the_results_a_referral_may_move_to(world, status, offered):
    referral = _referral(status)
    page = world.client("village_a").get(f"/employment/people/{referral.key_person_id}/").content.decode()
    assert _options(page, f"referral-status-{referral.pk}") == [("", "选择结果", False)] + [
        (v, label, False) for v, label in offered]
    assert re.search(rf'<select id="referral-status-{referral.pk}" name="status" aria-label="结果" required>', page)


def test_a_result_posted_without_a_choice_is_refused_saying_to_choose_and_nothing_changes(world):
    referral = _referral("interviewed")
    before = (Referral.objects.filter(pk=referral.pk).values_list("status", "refusal_reason", "closed_on").get(),
              KeyStatus(referral.key_person.status), AuditRecord.objects.count())
    refused = world.client("village_a").post(f"/employment/referrals/{referral.pk}/advance/",
                                             {"status": "", "refused_by": "", "reason": "还没消息"})
    page = refused.content.decode()
    assert refused.status_code == 400
    assert page.count("请先选择结果（已投递、已面试、已录用或未成功）。") == 1
    assert 'value="还没消息"' in page
    assert (Referral.objects.filter(pk=referral.pk).values_list("status", "refusal_reason", "closed_on").get(),
            KeyStatus(referral.key_person.__class__.objects.get(pk=referral.key_person_id).status),
            AuditRecord.objects.count()) == before


def test_the_note_typed_at_enrolment_is_on_the_person_page_line_by_line_and_escaped(world):
    kp = key_person_in(note="赶集时遇到\n电话打不通时找<b>村委</b>")
    page = world.client("village_a").get(f"/employment/people/{kp.pk}/").content.decode()
    assert '<tr id="kp-note"><th>备注</th><td>赶集时遇到<br>电话打不通时找&lt;b&gt;村委&lt;/b&gt;</td></tr>' in page
    bare = key_person_in()
    assert 'id="kp-note"' not in world.client("village_a").get(f"/employment/people/{bare.pk}/").content.decode()


def _figures(page: str) -> dict[str, tuple[str, str]]:
    return {m[0]: (m[1].replace("&amp;", "&"), m[2])
            for m in re.findall(r'<a id="stat-(\w+)" href="([^"]*)">(\d+)</a>', page)}


def _people_world():
    statuses = [KeyStatus.UNEMPLOYED, KeyStatus.UNEMPLOYED, KeyStatus.REFERRED, KeyStatus.INTERVIEWING,
                KeyStatus.EMPLOYED, KeyStatus.FLEXIBLE]
    for s in statuses:
        key_person_in(status=s)
    key_person_in(VILLAGE_C, None, status=KeyStatus.UNEMPLOYED)   # 廉州镇
    key_person_in(VILLAGE_C, None, status=KeyStatus.EMPLOYED)


def _listed(client, url: str) -> int:
    page = client.get(url).content.decode()
    return int(re.search(r"共 (\d+) 条", page).group(1))


def test_the_dashboard_figures_open_the_lists_they_count_for_the_county(world):
    hrss_account(world)
    _people_world()
    client = world.client("dept_hrss")
    figures = _figures(client.get("/employment/dashboard/").content.decode())
    assert figures == {"people": ("/employment/people/", "8"),
                       "seeking": ("/employment/people/?status=seeking", "5"),
                       "due": ("/employment/visits/?state=due", "0"),
                       "overdue": ("/employment/visits/?state=overdue", "0")}
    assert _listed(client, figures["people"][0]) == 8
    assert _listed(client, figures["seeking"][0]) == 5


def test_a_town_the_county_drilled_into_links_its_people_by_the_lists_town_select_and_no_visit_list(world):
    hrss_account(world)
    _people_world()
    client = world.client("dept_hrss")
    figures = _figures(client.get("/employment/dashboard/?unit=450521200").content.decode())
    assert figures == {"people": (f"/employment/people/?town={TOWN}", "6"),
                       "seeking": (f"/employment/people/?town={TOWN}&status=seeking", "4")}
    assert (_listed(client, figures["people"][0]), _listed(client, figures["seeking"][0])) == (6, 4)
    village = _figures(client.get(f"/employment/dashboard/?unit={VILLAGE_A}").content.decode())
    assert village["seeking"] == (f"/employment/people/?town={TOWN}&village={VILLAGE_A}&status=seeking", "4")
    assert village["due"] == (f"/employment/visits/?state=due&village={VILLAGE_A}", "0")


def test_the_seeking_status_of_the_people_list_is_every_status_still_looking_for_work(world):
    _people_world()
    client = world.client("town_quzhang")
    page = client.get("/employment/people/?status=seeking").content.decode()
    assert _options(page, "status")[:2] == [("", "全部", False),
                                           ("seeking", "在帮扶未就业（失业、已推荐、面试中）", True)]
    assert sorted(re.findall(r'<span class="badge">([^<]+)</span>', page)) == ["失业", "失业", "已推荐", "面试中"]
