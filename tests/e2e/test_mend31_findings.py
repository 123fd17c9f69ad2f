"""mend31: a new user's findings in 减负监测 and 就业帮扶, in Chromium at 390 px."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect
COUNTY, QUMU = "450521000000", "450521200206"


def test_a_plaque_count_lists_every_plaque_it_counts_earlier_years_too(phone, world):
    """#1: /monitor/findings/311/ said 曲木村 had 9 plaques outside; the village's ledger of this year showed 1 and the
    finding listed 1 (the ninth, put up last year). The 9 are the plaques still kept, whichever year they were
    recorded: the finding now says so and lists all 9."""
    from jianfu.monitor import services
    from jianfu.monitor.models import Finding

    services.rules_seed()  # a transactional test database has lost the data migration's rules (after another file)
    year = timezone.localdate().year
    last_year = f"{year - 1}-01-10"
    names = ["村党组织", "村民委员会", "村务监督委员会", "村集体经济组织", "新时代文明实践站", "综治中心",
             "退役军人服务站", "妇女儿童之家", "网格化服务管理站"]
    services.ledger_bulk_create(actor=world.users["village_a"], kind="plaque", rows=[
        (n, {"date": last_year, "title": name, "issuer": "林业局", "placement": "outside"})
        for n, name in enumerate(names, start=2)])
    services.ledger_bulk_create(actor=world.users["village_a"], kind="plaque", rows=[
        (2, {"date": f"{year}-03-02", "title": "文明创建示范点", "issuer": "林业局", "placement": "outside",
             "status": "removed"})])
    services.findings_evaluate(actor=None, county_code=COUNTY, year=year)
    finding = Finding.objects.get(rule_code="P6A-PLAQUE-OUT", org_code=QUMU, year=year)
    page = phone("village_a")
    page.goto(f"/monitor/findings/{finding.pk}/", timeout=60_000)
    expect(page.locator("main p").first).to_have_text(
        "村（社区）办公场所外部挂牌 9 块（台账中状态为“保留”的，含往年登记的），超过 6 块。")
    expect(page.locator("#finding-rows-title")).to_have_text("计入的台账记录（9 条）")
    expect(page.locator("#finding-rows-note")).to_have_text(
        "这类台账记的是现状：计入的是截至当年年底仍保留的记录，往年登记的也在内，所以本年度台账里可能看不到全部。")
    items = page.locator("#finding-rows li")
    expect(items).to_have_count(9)
    assert [i.inner_text() for i in items.all()] == [f"{name}（{last_year}，林业局）" for name in names]
    assert fits_the_phone(page)
    shot(page, "mend31-plaque-finding")


def _published_notice(world, title: str):
    from jianfu.monitor import services

    office = world.users["county_office"]
    notice = services.notice_create(actor=office, data={
        "title": title, "issuer": "合浦县整治形式主义为基层减负专项工作机制办公室", "date": timezone.localdate().isoformat()})
    services.notice_case_add(actor=office, notice_pk=notice.pk, data={
        "place": "县某局", "category": "fingertip", "summary": "要求村干部每日打卡。", "rectification": "ongoing"})
    services.notice_publish(actor=office, pk=notice.pk)
    return notice


def test_a_published_notice_is_a_village_todo_until_it_is_opened(phone, world):
    """#2: after 发布 a village's 工作台 said nothing; cadres learnt of a notice only by opening 典型问题通报. Now each
    account has 未读的本县典型问题通报 (its count) until it opens them: the to-do leads to the newest."""
    older = _published_notice(world, "关于第一批增加基层负担问题的通报")
    newer = _published_notice(world, "关于第二批增加基层负担问题的通报")
    page = phone("village_a")
    page.goto("/", timeout=60_000)
    todo = page.locator(".todo-list li", has_text="未读的本县典型问题通报")
    expect(todo.locator(".badge")).to_have_text("2")
    shot(page, "mend31-notice-todo")
    todo.get_by_role("link").click()
    expect(page.locator("h1")).to_have_text("关于第二批增加基层负担问题的通报")
    assert page.url.endswith(f"/monitor/notices/{newer.pk}/")
    page.goto("/")
    expect(todo.locator(".badge")).to_have_text("1")
    todo.get_by_role("link").click()
    expect(page.locator("h1")).to_have_text("关于第一批增加基层负担问题的通报")
    assert page.url.endswith(f"/monitor/notices/{older.pk}/")
    page.goto("/")
    expect(page.locator(".todo-list li", has_text="典型问题通报")).to_have_count(0)
    # another village's cadre has not read them; the county office that published them has no such to-do
    other = phone("village_b")
    other.goto("/")
    expect(other.locator(".todo-list li", has_text="未读的本县典型问题通报").locator(".badge")).to_have_text("2")
    office = phone("county_office")
    office.goto("/")
    expect(office.locator(".todo-list li", has_text="典型问题通报")).to_have_count(0)


def test_a_visit_saved_without_a_result_names_the_field(phone, world):
    """#3: saving a visit without 走访结果 said only "该字段是必填项。", under the radio group, just above 需求. Every form
    of the shared template now leads Django's own messages with the field's name."""
    from jianfu.employment.models import Visit
    from jianfu.employment.tests.factories import key_person_in

    kp = key_person_in()
    page = phone("village_a")
    page.goto(f"/employment/people/{kp.pk}/visit/", timeout=60_000)
    # the browser's own check would stop the post first; the server's answer is what the user saw
    page.evaluate("document.querySelectorAll('[required]').forEach(e => e.removeAttribute('required'))")
    page.get_by_role("button", name="保存走访").click()
    expect(page.locator("#id_outcome_error")).to_have_text("「走访结果」该字段是必填项。")
    assert Visit.objects.count() == 0
    assert fits_the_phone(page)
    shot(page, "mend31-visit-required")


def test_a_new_county_notice_starts_with_the_county_office_by_its_county_name(phone, world):
    """#4: the default 通报机关 was "县整治形式主义…", with no county."""
    page = phone("county_office")
    page.goto("/monitor/notices/new/", timeout=60_000)
    expect(page.locator("input[name=issuer]")).to_have_value("合浦县整治形式主义为基层减负专项工作机制办公室")
    assert fits_the_phone(page)


def test_no_line_of_the_empty_villages_starts_with_a_comma(phone, world):
    """#6: on /employment/dashboard/ the line 无重点群体人员的村（社区） wrapped so that a line began with "、"."""
    from jianfu.employment.tests.factories import key_person_in
    from jianfu.orgs.models import OrgUnit

    names = ["山心村委会", "井山村委会", "樟木村委会", "高豪村委会", "早禾村委会", "亚山村委会", "李家水村委会", "中城村委会",
             "南城村委会"]
    for n, name in enumerate(names, start=210):
        OrgUnit.objects.create(code=f"450521200{n}", name=name, kind="village", level=5, parent_code="450521200000")
    key_person_in()
    page = phone("town_quzhang")
    page.goto("/employment/dashboard/", timeout=60_000)
    line = page.locator("#empty-units")
    expect(line).to_contain_text("无重点群体人员的村（社区）：璋嘉村委会、")
    pieces = line.locator(".nowrap")
    expect(pieces).to_have_count(10)
    lines = page.evaluate("""() => [...document.querySelectorAll('#empty-units .nowrap')].map(s => {
        const r = s.getClientRects(); return [s.textContent, r.length, Math.round(r[0].top)]; })""")
    assert [text for text, _rects, _top in lines] == [f"{n}、" for n in ["璋嘉村委会", *names[:-1]]] + [names[-1]]
    assert all(rects == 1 for _text, rects, _top in lines)          # no name parted from its 、
    assert len({top for _text, _rects, top in lines}) >= 3           # it does wrap at 390 px
    assert fits_the_phone(page)
    shot(page, "mend31-dashboard-empty-units")


def test_the_findings_filter_has_visible_labels(phone, world):
    """#6: the filter of /monitor/findings/ had no visible labels (the year box showed just "2026")."""
    year = timezone.localdate().year
    page = phone("county_office")
    page.goto("/monitor/findings/", timeout=60_000)
    form = page.locator("#finding-filters")
    assert [t.strip() for t in form.locator("label").all_inner_texts()] == ["年度", "月份", "规则", "责任单位", "状态"]
    for label in form.locator("label").all():
        assert label.is_visible()
    expect(page.get_by_label("年度")).to_have_value(str(year))
    expect(page.get_by_label("月份")).to_have_value("")
    page.get_by_label("状态").select_option("open")
    page.get_by_role("button", name="筛选").click()
    expect(page.get_by_label("状态")).to_have_value("open")
    assert f"year={year}" in page.url and "status=open" in page.url
    assert fits_the_phone(page)
    shot(page, "mend31-findings-filter")
