"""就业帮扶's pages a phone user meets most, at 390 px: the visit form, the job-posting import page and the public
job list. Each fits the phone without sideways scrolling and every control is thumb-sized (44 px): the file
picker's own button (drawn small by the browser) and a posting's title on the job list (a link) included."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect


def _postings(world, n: int = 3):
    from jianfu.employment import postings

    office = world.users["county_office"]
    return [postings.posting_create(actor=office, data={
        "employer": f"合浦县海产食品有限公司{i}", "title": f"冻虾分拣包装工（计件，白班，包午餐）{i}",
        "description": "冻虾分拣包装，计件，白班", "age": "18-50岁", "wage": "3500-4500", "place": "曲樟乡",
        "education": "初中", "headcount": "5", "benefits": "包午餐"}) for i in range(n)]


@pytest.mark.parametrize(("username", "path", "name"), [
    ("grid_a", "visit", "employment-phone-visit-form"),
    ("county_office", "/employment/postings/import/", "employment-phone-posting-import"),
    ("village_a", "/employment/people/import/", "employment-phone-seeker-import"),   # tryout27 #10a: its template link
    (None, "/employment/jobs/", "employment-phone-job-list"),
])
def test_the_page_fits_the_phone_and_its_controls_are_thumb_sized(phone, world, username, path, name):
    from jianfu.employment import visits
    from jianfu.employment.tests.factories import key_person_in, person_in
    from jianfu.registry.ledger.values import local_today

    _postings(world)
    if path == "visit":
        kp = key_person_in(person=person_in(name="黄秀英"), identified_on=local_today() - dt.timedelta(days=7))
        visits.visit_scan()
        path = f"/employment/people/{kp.pk}/visit/"
    page = phone(username)
    page.goto(path, timeout=60_000)
    shot(page, name)
    assert fits_the_phone(page)
    assert page.evaluate(test_daily_tasks.CONTROLS) == []
    # what the control check leaves out: the file picker's own button, and the job list's titles (its links)
    pickers = page.evaluate("[...document.querySelectorAll('input[type=file]')].map(el => "
                            "getComputedStyle(el, '::file-selector-button').minHeight)")
    assert pickers == ([] if username is None else ["44px"])
    if username is None:
        titles = page.locator(".job-card a.job-title")
        expect(titles).to_have_count(3)
        assert all(box["height"] >= 44 for box in (t.bounding_box() for t in titles.all()))
    if username == "village_a":
        expect(page.get_by_role("link", name="下载导入模板（.xlsx）")).to_be_visible()


def test_a_township_sees_its_flagged_posting_without_the_clear_button(phone, world):
    """tryout27 #2 on the township's phone: the posting flagged as possibly discriminatory says so, offers taking it
    down, and does not offer 核查无误，公开 (only the county office and the 人社局 may clear it)."""
    from jianfu.employment.models import PostingStatus
    from jianfu.employment.tests.factories import TOWN, posting_in

    posting = posting_in(TOWN, status=PostingStatus.FLAGGED, title="荔枝园管理员")
    page = phone("town_quzhang")
    page.goto(f"/employment/postings/{posting.pk}/", timeout=60_000)
    shot(page, "employment-phone-flagged-posting-township")
    assert fits_the_phone(page)
    expect(page.get_by_text("待核查（疑似歧视）")).to_be_visible()
    expect(page.get_by_role("button", name="下架")).to_be_visible()
    expect(page.get_by_role("button", name="核查无误，公开")).to_have_count(0)


# newuser26 #1: the 走访提醒 list's names wrapped one character a line at 390 px (王/伟: a 17–19 px column, a 17 × 52 px
# link), the list having been made a flex row by the person page's visit list. Every state, as the grid worker and the
# village cadre (who also gets each task's 改派或标记已处理): each name on one line, a link at least 40 px tall.
NAMES = """() => [...document.querySelectorAll('.visit-list a.visit-name')].map(a => {
  const r = a.getBoundingClientRect(); const line = parseFloat(getComputedStyle(a).lineHeight) || 24;
  return {name: a.innerText, width: Math.round(r.width), height: Math.round(r.height),
          oneLine: a.getClientRects().length === 1 && r.height < 44 + line, inside: r.right <= window.innerWidth};
})"""


@pytest.mark.parametrize("username", ["grid_a", "village_a"])
def test_visit_reminders_keep_each_name_whole_on_a_phone(phone, world, username):
    from jianfu.employment import visits
    from jianfu.employment.tests.factories import key_person_in, person_in
    from jianfu.registry.ledger.values import local_today

    today = local_today()
    for name, days in (("王伟", 7), ("谢慧", 7), ("欧阳秀英", 12)):   # due today, today, overdue
        key_person_in(person=person_in(name=name), identified_on=today - dt.timedelta(days=days))
    visits.visit_scan()
    page = phone(username)
    expected = {"today": ["王伟", "谢慧"], "overdue": ["欧阳秀英"], "due": ["欧阳秀英", "王伟", "谢慧"],
                "escalated": ["欧阳秀英"]}   # 5 days overdue: already reported to the township
    for state, names in expected.items():
        page.goto(f"/employment/visits/?state={state}", timeout=60_000)
        shot(page, f"employment-phone-visits-{state}-{username}")
        assert fits_the_phone(page)
        assert page.evaluate(test_daily_tasks.CONTROLS) == []
        links = page.evaluate(NAMES)
        assert sorted(link["name"] for link in links) == sorted(names)
        for link in links:
            # a two-character name is 34 px wide at 1.05rem, its link at least 44 × 44; it was 17–19 px, one character a line
            assert link["width"] >= max(44, 16 * len(link["name"])), link
            assert link["height"] >= 44 and link["oneLine"] and link["inside"], link
