"""Session 34's page fixes in Chromium at 390 px, used as their users use them (they were pinned by test-client tests
and tried by hand only):

- the county office's direct line: each note box of a report is labelled by its action (mend34 #7); a report turned
  into a finding links "监测问题 #N" to it (newuser34 #2); the dashboard's row of a finding under no rule lists that
  category's findings, not every finding (newuser34 #1); the list's 规则 column says （直通车反映）/（人工登记） before
  such a finding's category (mend34 #8);
- a citizen's job search for 县城 / 城区 / 工业园 finds the county seat's postings (newuser34b #2);
- the 人社局's import of a job board's sheet reads its 任职要求 column: a 叉车司机 post asking 持叉车证 is not offered to
  a seeker without the licence (newuser34b #1);
- Open311's keyless GET publishes a request's description with phone and ID numbers masked; staff read it whole
  (security34 #1)."""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import re

import openpyxl
import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect

COUNTY = "450521000000"
SEAT = "450521100"          # 廉州镇, the county seat (the industrial park lies in it): its codes' prefix
MATERIALS = "索要材料、台账、留痕"   # the direct line's category `materials`, as a finding's category
NOTE_LABELS = {   # the report page's note boxes, as report_detail.html labels them (mend34 #7)
    "转为监测问题：告知反映人的意见（反映人凭回执码可见）": "不填则告知：已作为减负监测问题登记并督促整改。",
    "纳入监测规则：告知反映人的意见（反映人凭回执码可见）": "不填则告知：已纳入减负监测规则，今后同类问题将自动发现。",
    "移送：告知反映人的意见（反映人凭回执码可见）": "不填则告知：已移送纪检监察机关依规处理。",
}


# ------------------------------------------------------------------ the direct line into the burden monitor


def test_a_direct_line_report_becomes_a_finding_found_from_the_dashboard_by_its_category(phone, world):
    from jianfu.directline import services
    from jianfu.directline.tests.factories import PASSPHRASE, county_key_with_handler, submitted
    from jianfu.monitor.models import Finding
    from jianfu.monitor.tests.test_newuser34_dashboard_category import _finding

    _key, private = county_key_with_handler(world)
    report, _code = submitted("乡里要求每个村每周上报三张台账照片，并在群里打卡排名。", category="materials")
    services.report_accept(actor=world.users["county_office"], report=report, private=private)

    office = phone("county_office")
    office.set_default_navigation_timeout(60_000)   # the dashboard loads ECharts (1 MB) from a busy test server
    office.goto(f"/directline/{report.pk}/")
    office.get_by_role("link", name="解锁").click()
    office.fill("#id_passphrase", PASSPHRASE)
    office.get_by_role("button", name="解锁").click()
    expect(office.locator("section.card")).to_contain_text("三张台账照片")
    # each note box is found by the label of its action, and says what the reporter is told when left blank
    for label, placeholder in NOTE_LABELS.items():
        expect(office.get_by_label(label, exact=True)).to_have_attribute("placeholder", placeholder)
    assert fits_the_phone(office)
    shot(office, "e2e35-report-notes")
    office.fill("#id_issuer", "曲樟乡")
    office.fill("#id_summary", "乡里要求村里每周上报台账照片并打卡排名")
    office.get_by_label("转为监测问题：告知反映人的意见（反映人凭回执码可见）", exact=True).fill("已转减负监测，督促乡里整改。")
    office.get_by_role("button", name="转为监测问题").click()
    expect(office.locator("body")).to_contain_text("已转为监测问题")
    finding = Finding.objects.get()
    link = office.get_by_role("link", name=f"监测问题 #{finding.pk}")
    expect(link).to_be_visible()
    assert fits_the_phone(office)
    shot(office, "e2e35-report-finding-link")
    link.click()
    expect(office).to_have_url(re.compile(rf"/monitor/findings/{finding.pk}/$"))
    expect(office.locator("h1")).to_have_text(MATERIALS)
    expect(office.locator("main p").first).to_have_text("乡里要求村里每周上报台账照片并打卡排名")
    expect(office.locator('label[for="finding-note"]')).to_have_text("处理说明")
    assert fits_the_phone(office)
    shot(office, "e2e35-finding")

    # the year's other findings: one more by hand of the same category, one by hand of another, one under a rule
    year = finding.year
    _finding(category=MATERIALS, summary="县里要求村里重复报送同一张台账。", source="manual", year=year)
    _finding(category="督查检查过多", summary="一周三次检查。", source="manual", year=year)
    _finding(rule_code="P5A-APP-FILING", category="政务应用须备案", summary="“打卡小程序”未备案。", year=year)
    listed = Finding.objects.filter(year=year, rule_code="", category=MATERIALS)
    assert (listed.count(), Finding.objects.filter(year=year).count()) == (2, 4)

    office.goto(f"/monitor/dashboard/?year={year}")
    expect(office.locator("#chart-rule canvas")).to_have_count(1)
    row = office.locator("tr", has=office.get_by_role("link", name=MATERIALS, exact=True))
    expect(row.locator("td.num")).to_have_text(str(listed.count()))
    assert fits_the_phone(office)
    shot(office, "e2e35-dashboard")
    row.get_by_role("link", name=MATERIALS, exact=True).click()
    note = office.locator("#f-category")
    expect(note).to_have_text(f"问题类别：{MATERIALS}（未对应监测规则） 查看全部")
    # the note takes the filter's whole width, not one 9rem cell beside 状态 where it ran to four lines (e2e35)
    form = office.locator("#finding-filters").evaluate("f => f.clientWidth - parseFloat(getComputedStyle(f).paddingLeft)"
                                                       " - parseFloat(getComputedStyle(f).paddingRight)")
    assert note.bounding_box()["width"] >= form - 1, (note.bounding_box(), form)
    titles = office.locator("table.cards td.card-title a")
    expect(titles).to_have_count(listed.count())
    expect(titles.filter(has_text="乡里要求村里每周上报台账照片并打卡排名")).to_have_count(1)
    # a finding under no rule says where it came from before its category, not as a rule (mend34 #8)
    rules = office.locator('table.cards td[data-label="规则"]')
    expect(rules).to_have_count(2)
    assert sorted(rules.all_inner_texts()) == [f"（人工登记）{MATERIALS}", f"（直通车反映）{MATERIALS}"]
    assert fits_the_phone(office)
    shot(office, "e2e35-findings-by-category")


# ------------------------------------------------------------------ the public job search


def _demo_board(world) -> None:
    """The demo's job board (`make run`'s 就业帮扶 part: 300 postings of the synthetic market, the towns' 公益性岗位,
    two held for review), imported as the demo imports it."""
    from jianfu.employment import demo, postings

    sheet = demo._postings_xlsx(demo._towns(), random.Random(demo.SEED))
    result = postings.posting_import(actor=world.users["county_office"], file=io.BytesIO(sheet),
                                     filename="合浦县春季招聘岗位.xlsx", county_code=demo.COUNTY, publish=True)
    assert result.errors == []


def _found_by_hand(q: str) -> int:
    """The public postings a search for `q` should list: the county seat's (by its code) and any naming `q` (in its
    title, employer, occupation, place, or — since mend35 — its description, benefits or shifts)."""
    from django.db.models import Q

    from jianfu.employment.models import Posting
    from jianfu.registry.ledger.values import local_today

    named = (Q(title__contains=q) | Q(organisation__name__contains=q) | Q(occupation_name__contains=q)
             | Q(place_text__contains=q)
             | Q(description__contains=q) | Q(benefits__contains=q) | Q(shifts__contains=q))   # mend35: the text too
    return Posting.objects.filter(Posting.public_filter(local_today())).filter(
        Q(org_code__startswith=SEAT) | named).count()


def test_a_citizen_finds_the_county_seats_postings_as_county_town_downtown_or_the_park(phone, world):
    from jianfu.employment.models import Posting
    from jianfu.registry.ledger.values import local_today

    _demo_board(world)
    public = Posting.objects.filter(Posting.public_filter(local_today()))
    seat = public.filter(org_code__startswith=SEAT).count()
    elsewhere = public.exclude(org_code__startswith=SEAT).count()
    assert seat > 30 and elsewhere > 30, (seat, elsewhere)   # the search must tell them apart
    citizen = phone(None)
    citizen.set_default_navigation_timeout(60_000)
    for q in ("县城", "城区", "工业园"):
        expected = _found_by_hand(q)
        assert seat <= expected < seat + elsewhere, (q, expected)
        citizen.goto("/employment/jobs/")
        citizen.get_by_label("岗位、单位、地点或待遇").fill(q)
        citizen.get_by_role("button", name="查询").click()
        expect(citizen.locator(".pagination .muted, p.muted").last).to_contain_text(f"共 {expected} 条")
        expect(citizen.locator(".job-card")).to_have_count(min(expected, 30))
        if q == "县城":
            assert fits_the_phone(citizen)
            shot(citizen, "e2e35-jobs-county-town")


# ------------------------------------------------------------------ a job board's 任职要求 column

BOARD = ["公司名称", "职位名称", "薪资", "工作地址", "招聘人数", "学历", "年龄", "任职要求"]


def _board_sheet(path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(BOARD)
    ws.append(["合浦海之源水产食品有限公司", "叉车司机", "6000-8000元/月", "曲樟乡", 3, "初中", "22-50岁", "持叉车证，两年以上经验"])
    wb.save(path)


def test_a_forklift_post_asking_for_the_licence_in_its_requirements_is_offered_only_to_a_holder(phone, world,
                                                                                                  tmp_path):
    from jianfu.employment.models import Posting
    from jianfu.employment.tests.factories import hrss_account, key_person_in, person_in

    hrss_account(world)
    work = "2018-2024年在钦州物流园开叉车，做过仓库理货"
    holder = key_person_in(person=person_in(name="黄志强", gender="M", birth=dt.date(1988, 5, 6)), profile={
        "desired_text": "叉车司机，有叉车证", "certificates": ["叉车证"], "places": ["county"], "experience": work, "education": "junior"})
    without = key_person_in(person=person_in(name="陈国华", gender="M", birth=dt.date(1989, 7, 8)), profile={
        "desired_text": "想开叉车", "places": ["county"], "experience": work, "education": "junior"})
    path = tmp_path / "海之源招聘.xlsx"
    _board_sheet(path)

    desk = phone("dept_hrss")
    desk.set_default_navigation_timeout(60_000)
    desk.set_default_timeout(30_000)      # the upload is imported inside the request on the test server
    desk.goto("/employment/postings/import/")
    desk.set_input_files("#id_file", str(path))
    desk.get_by_role("button", name="上传并导入").click()
    expect(desk.locator("#import-status-label")).to_have_text("已入库")
    expect(desk.locator("#import-status")).to_contain_text("入库岗位 1 个，新登记单位 1 个，疑似歧视待核查 0 个。")
    posting = Posting.objects.get()
    assert fits_the_phone(desk)
    shot(desk, "e2e35-board-import")

    desk.goto(f"/employment/postings/{posting.pk}/")
    expect(desk.get_by_role("heading", name="适合的求职者")).to_be_visible()
    expect(desk.get_by_role("link", name="黄志强")).to_be_visible()
    expect(desk.get_by_role("link", name="陈国华")).to_have_count(0)
    assert fits_the_phone(desk)
    shot(desk, "e2e35-forklift-candidates")
    # and from each seeker's side: 适合的岗位
    for kp, offered in ((holder, 1), (without, 0)):
        desk.goto(f"/employment/people/{kp.pk}/jobs/")
        expect(desk.locator(".job-match", has_text="叉车司机")).to_have_count(offered)
    shot(desk, "e2e35-seeker-jobs-without-licence")
    posting.refresh_from_db()
    assert (posting.title, posting.certificates, posting.experience_years) == ("叉车司机", ["叉车证"], 2)


# ------------------------------------------------------------------ Open311's public GET

TEXT = "林地被占，请联系我13907791234，身份证450521196804122485，住曲木村三队"
MASKED = "林地被占，请联系我139****1234，身份证4505**************，住曲木村三队"


def test_open311_publishes_a_requests_numbers_masked_and_staff_read_them_whole(phone, world):
    from jianfu.api.open311.adapter import request_id
    from jianfu.api.open311.tests.conftest import make_event

    event = make_event(text=TEXT, source="open311", matter_code="", department="450521000000D02")
    citizen = phone(None)
    citizen.set_default_navigation_timeout(60_000)
    for path in (f"/open311/v2/requests/{request_id(event.pk)}.json", "/open311/v2/requests.json"):
        response = citizen.goto(f"{path}?jurisdiction_id=450521")
        assert response is not None and response.status == 200
        body = citizen.locator("body").inner_text()
        assert "13907791234" not in body and "450521196804122485" not in body, body
        [doc] = [d for d in json.loads(citizen.locator("pre").first.inner_text()) if d["service_request_id"] == request_id(event.pk)]
        assert doc["description"] == MASKED
    shot(citizen, "e2e35-open311-public")

    staff = phone("county_office")
    staff.set_default_navigation_timeout(60_000)
    staff.goto(f"/dispatch/events/{event.pk}/")
    expect(staff.locator("main")).to_contain_text(TEXT)
    assert fits_the_phone(staff)
    shot(staff, "e2e35-open311-staff")
