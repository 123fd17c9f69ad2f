"""Session 15 (newuser15) in Chromium at 390 px: the county's 人社局 refers a candidate from the posting and from the
person's jobs (F4, ADR 0033)."""

from __future__ import annotations

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect


def test_hrss_refers_a_candidate_from_the_posting_and_from_the_persons_jobs(phone, world):
    from jianfu.core.models import AuditRecord
    from jianfu.employment.models import KeyStatus, Referral
    from jianfu.employment.tests.factories import TOWN, hrss_account, key_person_in, person_in, posting_in

    hrss = hrss_account(world)
    a = key_person_in(person=person_in(name="黄秀英"), profile={"desired_text": "想做海产品分拣", "places": ["county"]})
    b = key_person_in(person=person_in(name="李桂兰"), profile={"desired_text": "海产品分拣包装", "places": ["county"]})
    posting = posting_in(TOWN, title="海产品分拣工")
    page = phone("dept_hrss")
    page.goto(f"/employment/postings/{posting.pk}/", timeout=60_000)
    card = page.locator(".card", has=page.get_by_role("link", name="黄秀英"))
    expect(page.get_by_role("button", name="推荐给单位")).to_have_count(2)
    card.get_by_role("button", name="推荐给单位").click()
    page.get_by_role("button", name="确认推荐").click()     # the confirm page (newuser19 #3)
    expect(page.locator(".alert-success")).to_have_text("已推荐。系统将提醒在规定天数内回访结果。")
    assert page.url.endswith(f"/employment/postings/{posting.pk}/")
    # the card's own badge (its key groups are badges too, inside .candidate-marks, since emp-prod18)
    expect(page.locator(".card", has=page.get_by_role("link", name="黄秀英")).locator(":scope > .badge")).to_have_text(
        "已推荐")
    expect(page.get_by_role("button", name="推荐给单位")).to_have_count(1)
    assert fits_the_phone(page)
    shot(page, "employment-s15-hrss-posting-refer")

    # the person page: 推荐岗位 leads to the jobs, each with its button
    page.goto(f"/employment/people/{b.pk}/")
    page.get_by_role("link", name="推荐岗位").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("适合李桂兰的岗位")
    match = page.locator(".job-match", has_text="海产品分拣工")
    match.get_by_role("button", name="推荐给单位").click()
    page.get_by_role("button", name="确认推荐").click()
    expect(page.locator(".alert-success")).to_have_text("已推荐。系统将提醒在规定天数内回访结果。")
    expect(page.locator("h1 .badge")).to_have_text("已推荐")
    assert fits_the_phone(page)
    shot(page, "employment-s15-hrss-person-refer")

    assert sorted(Referral.objects.values_list("key_person_id", "posting_id", "referred_by_id")) == sorted(
        [(a.pk, posting.pk, hrss.pk), (b.pk, posting.pk, hrss.pk)])
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, b.status) == (KeyStatus.REFERRED, KeyStatus.REFERRED)
    assert AuditRecord.objects.filter(actor=hrss, action="employment.referral.create").count() == 2
    assert phone.errors == []


def _upload(page, path, badge: str) -> None:
    page.goto("/employment/postings/import/")
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="上传并导入").click()
    expect(page.locator("#import-status .badge")).to_have_text(badge, timeout=25_000)


def test_office_goes_from_the_import_result_to_its_flagged_postings_in_one_tap(phone, world, tmp_path):
    """F6: "疑似歧视待核查 2 个" links to the batch's 待核查 postings; the list offers them one tap away too."""
    from jianfu.employment.tests.factories import TOWN, posting_in
    from jianfu.employment.tests.test_postings import good, xlsx

    for n in range(31):                                           # a full page of open postings before them
        posting_in(TOWN, title=f"普通岗位{n}")
    path = tmp_path / "jobs.xlsx"
    path.write_bytes(xlsx([good(1), good(2, 岗位名称="收银员", 岗位描述="限女性，25岁以下，未婚"), good(3),
                           good(4, 岗位名称="普工", 岗位描述="男性优先，需无乙肝")]).getvalue())
    page = phone("county_office")
    page.set_default_navigation_timeout(60_000)
    _upload(page, path, "已入库")
    expect(page.locator("#import-status")).to_contain_text("入库岗位 4 个，新登记单位 1 个，疑似歧视待核查 2 个。")
    page.locator("#flagged-link").click()
    expect(page.locator("#batch-filter")).to_contain_text("只显示导入批次“jobs.xlsx”的岗位。")
    titles = page.locator("td.card-title a")
    expect(titles).to_have_text(["普工", "收银员"])
    expect(page.locator("#status")).to_have_value("flagged")
    assert fits_the_phone(page)
    shot(page, "employment-s15-flagged-of-batch")

    page.goto("/employment/postings/")
    expect(page.locator("#flagged-shortcut")).to_have_text("2 个岗位疑似歧视，待核查：点此查看")
    page.locator("#flagged-shortcut a").click()
    expect(page.locator("td.card-title a")).to_have_text(["普工", "收银员"])
    page.get_by_role("link", name="收银员").click()
    flags = page.locator(".alert-warning li")
    expect(flags).to_have_count(2)
    expect(flags.nth(1)).to_contain_text("以婚育状况为录用条件：“未婚”")
    assert phone.errors == []


def test_a_refused_import_leads_back_to_the_upload_form(phone, world, tmp_path):
    """F17: the error page had only the breadcrumb; 重新上传 goes back to the form, and the corrected file imports."""
    from jianfu.employment.models import Posting
    from jianfu.employment.tests.test_postings import good, xlsx

    bad, fixed = tmp_path / "jobs_bad.xlsx", tmp_path / "jobs.xlsx"
    bad.write_bytes(xlsx([good(1), good(2), good(3, 工作地点="")]).getvalue())
    fixed.write_bytes(xlsx([good(1), good(2), good(3)]).getvalue())
    page = phone("county_office")
    page.set_default_navigation_timeout(60_000)
    _upload(page, bad, "有错误，未入库")
    expect(page.locator("#import-status table tbody tr")).to_have_count(1)
    expect(page.locator("#import-status table tbody tr")).to_contain_text("第4行")
    button = page.locator("#reupload")
    expect(button).to_have_text("重新上传")
    box = button.bounding_box()
    assert box["height"] >= 32 and box["width"] >= 64          # a real tap target at 390 px
    assert fits_the_phone(page)
    shot(page, "employment-s15-import-error-reupload")
    button.click()
    assert page.url.endswith("/employment/postings/import/")
    assert Posting.objects.count() == 0
    _upload(page, fixed, "已入库")
    assert Posting.objects.count() == 3
    assert phone.errors == []


def test_why_recommended_says_whose_trade_and_whose_years(phone, world):
    """F12: "不足：与求职意向不同（电子产品装配工）" read as the person's wish; the page now names the posting's trade as the
    posting's and quotes the wish, and says whose years of experience are whose."""
    from jianfu.employment.tests.factories import TOWN, key_person_in, person_in, posting_in

    kp = key_person_in(person=person_in(name="林小梅"),
                       profile={"desired_text": "想做酒店前台接待", "experience": "2019年至今在酒店做前台",
                                "places": ["county"]})
    posting_in(TOWN, title="电子产品装配工", description="手机配件流水线装配，白班", experience_years=3)
    page = phone("village_a")
    page.goto(f"/employment/people/{kp.pk}/jobs/", timeout=60_000)
    card = page.locator(".job-match", has_text="电子产品装配工")
    expect(card).to_contain_text("不足：岗位为电子产品装配工，与求职意向“想做酒店前台接待”不同")
    expect(card.locator(".reasons")).to_contain_text("经验满足（岗位要求3年，本人")
    assert fits_the_phone(page)
    shot(page, "employment-s15-why-whose")
