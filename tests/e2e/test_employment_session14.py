"""Session 14 (newuser14) in Chromium at 390 px: the review's conclusion after 下架 (N03) with whole clauses quoted
(N13), a long 其他限制 refused whole (N07) and the wage refilled as one figure (N16), the disability the matcher
reads on the person's page (N06), the township dashboard with empty villages folded (N10), a day wage as written (N11)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect


def test_office_withdraws_a_flagged_posting_and_reads_the_conclusion(phone, world):
    from jianfu.employment.discrimination import check
    from jianfu.employment.models import Posting, PostingStatus
    from jianfu.employment.tests.factories import TOWN, hrss_account, posting_in

    hrss_account(world)
    text = "电子厂生产线装配，限男性，已婚已育优先"
    posting = posting_in(TOWN, title="装配工", description=text, status=PostingStatus.FLAGGED,
                         flags=[f.as_dict() for f in check("装配工", text)])
    page = phone("dept_hrss")
    page.goto(f"/employment/postings/{posting.pk}/")
    box = page.locator(".alert-warning")
    expect(box).to_contain_text("疑似就业歧视，需核查")
    quotes = re.findall(r"“([^”]+)”", box.inner_text())
    # whole clauses (N13): the 8-character clause before is further than 8 characters from the match, left out whole;
    # each finding quotes its own condition (newuser15 F1)
    assert quotes == ["限男性", "已婚已育优先"]
    page.fill("#note", "限定性别和婚育状况，已电话告知单位修改")
    page.get_by_role("button", name="下架").click()
    expect(page.locator(".alert-success")).to_have_text("已下架。")
    expect(page.locator(".alert-warning")).to_have_count(0)
    conclusion = page.locator("#review-conclusion")
    expect(conclusion).to_contain_text("核查结论：已下架")
    expect(conclusion).to_contain_text("说明：限定性别和婚育状况，已电话告知单位修改")
    expect(conclusion).to_contain_text("dept_hrss 于 ")
    assert Posting.objects.get(pk=posting.pk).status == PostingStatus.WITHDRAWN
    assert fits_the_phone(page)
    shot(page, "employment-s14-withdrawn")


def test_cadre_pastes_a_long_limit_and_is_refused_whole_and_the_wage_refills_as_one_figure(phone, world):
    from jianfu.employment.models import SeekerProfile
    from jianfu.employment.tests.factories import key_person_in, person_in

    kp = key_person_in(person=person_in(name="王伟", disability_category="visual"),
                       profile={"desired_text": "想进厂", "limits_note": "不能干重活", "wage_min": 3000, "wage_max": 3000})
    page = phone("village_a")
    page.goto(f"/employment/people/{kp.pk}/")
    expect(page.locator("#disability")).to_contain_text("视力残疾")   # what the matcher reads (N06)
    page.goto(f"/employment/people/{kp.pk}/profile/")
    expect(page.locator("#id_wage")).to_have_value("3000")           # N16: not "3000-3000"
    page.fill("#id_limits_note", "长" * 5000)
    assert len(page.input_value("#id_limits_note")) == 5000          # the browser no longer cuts it
    page.get_by_role("button", name=re.compile("保存")).click()
    # the server refused it; the counter under the field says so in the same words (it takes the server's message)
    counter = page.locator("#id_limits_note + .char-count")
    expect(counter).to_have_text("已输入 5000 字，最多 200 字，超出 4800 字，请删减")
    expect(counter).to_have_class(re.compile("over"))
    expect(page.locator(".alert-success")).to_have_count(0)
    profile = SeekerProfile.objects.get(key_person=kp)
    assert (profile.limits_note, profile.wage_min, profile.wage_max) == ("不能干重活", 3000, 3000)
    assert fits_the_phone(page)
    shot(page, "employment-s14-limit-refused")


def test_township_dashboard_folds_villages_with_nobody(phone, world):
    from jianfu.employment.tests.factories import key_person_in
    from jianfu.orgs.models import OrgUnit

    OrgUnit.objects.create(code="450521200203", name="山口村委会", kind="village", level=5, parent_code="450521200000")
    key_person_in("450521200206", None, identified_on=dt.date.today() - dt.timedelta(days=3))
    page = phone("town_quzhang")
    page.goto("/employment/dashboard/")
    titles = page.locator("table.cards tbody td.card-title").all_inner_texts()
    assert titles == ["曲木村委会"]
    expect(page.locator("#empty-units")).to_have_text("无重点群体人员的村（社区）：璋嘉村委会、山口村委会")
    assert fits_the_phone(page)
    shot(page, "employment-s14-dashboard")


def test_a_day_wage_shows_as_written_in_the_list_and_detail(phone, world):
    from jianfu.employment.tests.factories import TOWN, hrss_account, posting_in

    hrss_account(world)
    posting = posting_in(TOWN, title="荔枝采摘工", wage_min=3900, wage_max=None, wage_text="日结150元")
    page = phone("dept_hrss")
    page.goto("/employment/postings/")
    row = page.locator("table.cards tbody tr", has_text="荔枝采摘工")
    expect(row).to_contain_text("日结150元（约合3900元/月）")
    page.goto(f"/employment/jobs/{posting.pk}/")
    expect(page.locator("main")).to_contain_text("日结150元（约合3900元/月）")
    assert "3900元/月起" not in page.content()
    assert fits_the_phone(page)
    shot(page, "employment-s14-day-wage")
