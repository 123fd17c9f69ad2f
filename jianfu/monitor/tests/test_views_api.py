"""Pages and API: forms on a phone, the document upload, the index with 一表同享 reporting, exports."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from jianfu.core.formtokens import token_new
from jianfu.monitor import selectors, services
from jianfu.monitor.models import Finding, LedgerDocument, LedgerMeeting

pytestmark = pytest.mark.django_db


def test_web_form_files_a_meeting_and_shows_errors_in_chinese(world):
    client = world.client("dept_forestry")
    response = client.post("/monitor/ledgers/meeting/new/", {"form_token": token_new(),
        "date": "2025-03-01", "title": "森林防火会议", "duration_minutes": "-1", "meeting_kind": "business"})
    assert response.status_code == 400
    assert "“会议时长（分钟）”不能为负数。" in response.content.decode()
    assert LedgerMeeting.objects.count() == 0
    response = client.post("/monitor/ledgers/meeting/new/", {"form_token": token_new(),
        "date": "2025-03-01", "title": "森林防火会议", "duration_minutes": "90", "meeting_kind": "business",
        "relayed": "1"})
    row = LedgerMeeting.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/monitor/ledgers/meeting/{row.pk}/"
    assert (row.issuer_code, row.relayed, row.by_video) == ("450521000000D02", True, False)
    page = client.get(f"/monitor/ledgers/meeting/{row.pk}/").content.decode()
    assert "森林防火会议" in page and "层层陪会" in page


def test_web_upload_computes_length(world):
    client = world.client("dept_housing")
    upload = SimpleUploadedFile("通知.txt", ("关于做好森林防火工作的通知\n" + "字" * 6000).encode("gbk"))
    response = client.post("/monitor/ledgers/document/new/", {"form_token": token_new(), "date": "2025-03-01", "title": "森林防火通知",
                                                              "doc_kind": "general", "file": upload})
    assert response.status_code == 302
    assert LedgerDocument.objects.get().length == len("关于做好森林防火工作的通知") + 6000


def test_api_create_list_and_error_shape(world):
    api = world.api_client("dept_housing")
    response = api.post("/api/v1/monitor/ledgers/meeting/", {"date": "2025-03-01", "title": "推进会",
                                                             "duration_minutes": 240, "speech_minutes": 120},
                        format="json")
    assert response.status_code == 201, response.content
    assert response.json()["issuer_code"] == "450521000000D01"
    bad = api.post("/api/v1/monitor/ledgers/meeting/", {"date": "2025-03-01", "title": "推进会",
                                                        "duration_minutes": -3}, format="json")
    assert bad.status_code == 400
    assert bad.json() == {"error": {"code": "invalid", "message": "“会议时长（分钟）”不能为负数。",
                                    "fields": {"duration_minutes": ["“会议时长（分钟）”不能为负数。"]}}}
    assert [r["title"] for r in api.get("/api/v1/monitor/ledgers/meeting/").json()] == ["推进会"]
    assert world.api_client("dept_forestry").get("/api/v1/monitor/ledgers/meeting/").json() == []
    assert LedgerMeeting.objects.count() == 1


def _reporting_submission(village: str, due: dt.date, manual: int):
    from django.utils import timezone

    from jianfu.reports.models import Submission, Template

    template, _ = Template.objects.get_or_create(code="MZ-DB", defaults={
        "name": "低保月报", "department": "MZ", "department_name": "民政局", "period_type": "monthly"})
    return Submission.objects.create(template=template, org_code=village, period=due.strftime("%Y-%m"),
                                     manual_cells=manual, due_date=due, generated_at=timezone.now())


def test_index_includes_reporting_burden_and_traces_every_input(world):
    office = world.users["county_office"]
    services.ledger_create(actor=office, kind="meeting", data={
        "date": "2025-03-05", "title": "村书记培训会", "issuer": "林业局", "duration_minutes": "120",
        "village_secretaries_required": "1"})
    sub = _reporting_submission("450521200206", dt.date(2025, 3, 10), manual=15)
    data = selectors.burden_index(user=office, year=2025)
    qumu = next(v for v in data["villages"] if v["code"] == "450521200206")
    zhangjia = next(v for v in data["villages"] if v["code"] == "450521200201")
    assert qumu["months"][2] == round((180 + 10 + 15 * 2) / 60, 1)
    assert zhangjia["months"][2] == 3.0
    assert [r["issuer_name"] for r in data["issuers"]] == ["林业局", "民政局"]
    trace = selectors.index_trace(user=office, year=2025, village_code="450521200206", month=3)
    assert [(c.ledger, c.row_id) for c in trace["items"]] == [("meeting", LedgerMeeting.objects.get().pk),
                                                              ("reporting", sub.pk)]
    page = world.client("county_office").get("/monitor/index/450521200206/3/?year=2025").content.decode()
    assert "村书记培训会" in page and "低保月报" in page
    # villages never see the county-wide index: their own row only (N09, test_index_own_villages)
    village_page = world.client("village_a").get("/monitor/index/?year=2025").content.decode()
    assert "本村（社区）：曲木村委会" in village_page and "璋嘉村委会" not in village_page


def test_dashboard_and_export(world):
    office = world.users["county_office"]
    for year, n in ((2024, 4), (2025, 2)):
        services.ledger_bulk_create(actor=office, kind="activity", rows=[
            (i + 2, {"date": f"{year}-0{i + 1}-01", "title": f"节庆{i}", "issuer": "林业局",
                     "activity_kind": "festival", "approved": "是"}) for i in range(n)])
    services.ledger_create(actor=office, kind="meeting", data={
        "date": "2025-03-01", "title": "推进会", "issuer": "林业局", "duration_minutes": "180", "speech_minutes": "120"})
    services.findings_evaluate(actor=office, county_code="450521000000", year=2025)
    data = selectors.dashboard(user=office, year=2025)
    festival = next(a for a in data["activities"] if a["kind"] == "festival")
    assert (festival["last"], festival["this"], festival["change"]) == (4, 2, "压减 50.0%")
    assert data["by_rule"] == [{"rule_code": "P6-MTG-SPEECH", "category": "主要讲话不超过1小时", "n": 1}]
    assert data["by_month"][2] == 1
    response = world.client("county_office").get("/monitor/dashboard/?year=2025")
    assert response.status_code == 200 and "monitor-chart-data" in response.content.decode()
    export = world.client("county_office").get("/monitor/dashboard/export.xlsx?year=2025")
    wb = load_workbook(io.BytesIO(export.content))
    rows = {r[0].value: [c.value for c in r] for r in wb["活动同比"].iter_rows(min_row=2)}
    assert rows["节庆"] == ["节庆", 4, 2, "压减 50.0%"]
    assert Finding.objects.filter(rule_code="P6-MTG-SPEECH").count() == 1


def test_export_cells_are_formula_inert():
    from jianfu.monitor import xlsx

    wb = load_workbook(io.BytesIO(xlsx.workbook([("t", ["a"], [["=1+1"], ["@SUM(A1)"], ["正常"]])])))
    assert [(c.value, c.data_type, c.quotePrefix) for c in wb["t"]["A"]] == [
        ("a", "s", False), ("=1+1", "s", True), ("@SUM(A1)", "s", True), ("正常", "s", False)]


def test_notice_search_and_statistics(world):
    from jianfu.monitor.demo import _notices

    _notices(world.users["county_office"])
    stats = selectors.notice_statistics(user=world.users["village_a"])
    assert {k: v["cases"] for k, v in stats["by_level"].items()} == {
        "central": 17, "provincial": 400, "municipal": 2000, "county": 3}
    page = world.client("village_a").get("/monitor/notices/?q=打卡").content.decode()
    assert "每日在学习小程序打卡" in page
    fingertip = next(c for c in stats["by_category"] if c["category"] == "fingertip")
    assert fingertip["n"] == 4 and "P5A-APP-FEATURES" in [r["code"] for r in fingertip["rules"]]


def test_index_sql_totals_equal_the_row_level_path(world):
    """The index table sums in SQL; the drill-down walks rows: both must give the same figures."""
    from jianfu.accounts.scoping import scope_for
    from jianfu.monitor.rules import index as ic

    office = world.users["county_office"]
    rows = [(i + 2, {"date": f"2025-{i % 12 + 1:02d}-0{i % 9 + 1}", "title": f"事项{i}", "issuer": issuer,
                     "target": target, "duration_minutes": str(30 + i * 7), "village_secretaries_required": i % 2,
                     "by_video": i % 3 == 0})
            for i, (issuer, target) in enumerate([("林业局", "450521000000"), ("住房和城乡建设局", "450521200000"),
                                                  ("林业局", "450521200206"), ("林业局", "450521100001")] * 3)]
    services.ledger_bulk_create(actor=office, kind="meeting", rows=rows)
    services.ledger_bulk_create(actor=office, kind="inspection", rows=[
        (2, {"date": "2025-04-02", "title": "检查", "issuer": "林业局", "target": "450521200000", "onsite_visits": 2,
             "forms_demanded": 3, "photos_demanded": 7, "ledgers_demanded": 1}),
        (3, {"date": "2025-04-09", "title": "书面检查", "issuer": "林业局", "target": "450521000000"})])
    services.ledger_bulk_create(actor=office, kind="document", rows=[
        (2, {"date": "2025-06-01", "title": "通知", "issuer": "林业局", "target": "450521000000", "length": 4321})])
    services.ledger_bulk_create(actor=world.users["village_b"], kind="demand", rows=[
        (2, {"date": "2025-06-03", "title": "证明", "issuer": "林业局", "demand_kind": "certificate", "times": 3})])
    services.ledger_bulk_create(actor=office, kind="app", rows=[
        (2, {"date": "2025-02-03", "title": "打卡", "issuer": "林业局", "target": "450521000000", "check_in": "是"})])
    _reporting_submission("450521200201", dt.date(2025, 6, 10), manual=4)
    scope = scope_for(office)
    names, by_rows = selectors._index_inputs(office, scope, 2025)
    _names, by_sql = selectors._index_totals(office, scope, 2025)
    a, b = ic.compute(list(names), by_rows, year=2025), ic.compute(list(names), by_sql, year=2025)
    assert a.cells.keys() == b.cells.keys() and len(a.cells) > 10
    for key, cell in a.cells.items():
        assert b.cells[key] == pytest.approx(cell), key
    assert a.issuer_ranking() == b.issuer_ranking()


def test_api_document_upload_and_oversize(world):
    api = world.api_client("dept_housing")
    upload = SimpleUploadedFile("通知.txt", ("关于做好低保核查工作的通知\n" + "核" * 4500).encode("utf-8"))
    response = api.post("/api/v1/monitor/ledgers/document/", {"date": "2025-03-01", "title": "低保核查通知",
                                                               "doc_kind": "special", "file": upload},
                        format="multipart")
    assert response.status_code == 201, response.content
    assert response.json()["length"] == len("关于做好低保核查工作的通知") + 4500
    big = SimpleUploadedFile("big.txt", b"x" * (services.MAX_ATTACHMENT_BYTES + 1))
    refused = api.post("/api/v1/monitor/ledgers/document/", {"date": "2025-03-01", "title": "大文件", "file": big},
                       format="multipart")
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"] == {"file": ["附件大小为 20.1 MB，超过 20 MB 的上限。"]}
    assert LedgerDocument.objects.count() == 1


def test_out_of_range_years_are_refused_cleanly(world):
    api = world.api_client("county_office")
    for path in ("/api/v1/monitor/findings/", "/api/v1/monitor/index/", "/api/v1/monitor/notices/",
                 "/api/v1/monitor/ledgers/meeting/"):
        response = api.get(path, {"year": "99999999999999999999"})
        assert response.status_code == 400, path
        assert response.json()["error"]["fields"]["year"][0].startswith("“年度”应为 2000 至")
    web = world.client("county_office")
    assert web.get("/monitor/notices/", {"year": "99999999999999999999"}).status_code == 200
    assert web.get("/monitor/findings/", {"year": "-5", "month": "13"}).status_code == 200


def test_the_ledger_form_takes_units_by_the_names_people_write_and_offers_them(world):
    """Session 7 (a new user's trial): the office needed three submits to save one meeting — 承受单位 took only a
    code, 造成单位 only the exact registered name ("县林业局" refused)."""
    client = world.client("county_office")
    form = client.get("/monitor/ledgers/meeting/new/").content.decode()
    assert 'list="units-target"' in form and '<option value="曲樟乡">' in form and '<option value="林业局">' in form
    response = client.post("/monitor/ledgers/meeting/new/", {"form_token": token_new(),
        "date": "2025-03-01", "title": "森林防火会议", "duration_minutes": "90", "meeting_kind": "business",
        "issuer": "县林业局", "target": "曲樟乡"})
    row = LedgerMeeting.objects.get()
    assert response.status_code == 302 and (row.issuer_code, row.org_code) == ("450521000000D02", "450521200000")
    assert "被要求的单位：曲樟乡 ·" in client.get(f"/monitor/ledgers/meeting/{row.pk}/").content.decode()
    # a name outside the county's units, or outside the writer's reach, is refused naming the field; nothing written
    bad = client.post("/monitor/ledgers/meeting/new/", {"form_token": token_new(), "date": "2025-03-01", "title": "会", "duration_minutes": "9",
                                                       "meeting_kind": "business", "issuer": "林业局", "target": "某某乡"})
    assert bad.status_code == 400 and "未知的被要求的单位“某某乡”" in bad.content.decode()
    village = world.client("village_b").post("/monitor/ledgers/meeting/new/", {"form_token": token_new(),
        "date": "2025-03-01", "title": "会", "duration_minutes": "9", "meeting_kind": "business", "issuer": "林业局",
        "target": "曲木村委会"})
    assert village.status_code == 400 and "不在您的管辖范围内" in village.content.decode()
    assert LedgerMeeting.objects.count() == 1


def test_another_countys_unit_name_is_never_taken_for_ours(world):
    # "灵山县林业局" is not 合浦's 林业局: the county prefix is stripped only when it is the writer's own county
    response = world.client("county_office").post("/monitor/ledgers/meeting/new/", {"form_token": token_new(),
        "date": "2025-03-01", "title": "会", "duration_minutes": "9", "meeting_kind": "business",
        "issuer": "灵山县林业局", "target": "曲樟乡"})
    assert response.status_code == 400 and "未知的提出要求的单位“灵山县林业局”" in response.content.decode()
    assert LedgerMeeting.objects.count() == 0
    ok = world.client("county_office").post("/monitor/ledgers/meeting/new/", {"form_token": token_new(),
        "date": "2025-03-01", "title": "会", "duration_minutes": "9", "meeting_kind": "business",
        "issuer": "合浦县林业局", "target": "曲樟乡"})
    assert ok.status_code == 302 and LedgerMeeting.objects.get().issuer_code == "450521000000D02"


def test_a_saved_ledger_row_says_checking_until_its_rule_check_has_run(world, monkeypatch):
    from jianfu.monitor import tasks

    # the check is queued, not run (as with a real worker, 20 s later)
    monkeypatch.setattr(tasks, "enqueue_refresh", lambda county, year, *, delay: None)
    client = world.client("dept_forestry")
    client.post("/monitor/ledgers/meeting/new/", {"form_token": token_new(), "date": "2025-03-01", "title": "森林防火会议",
                                                  "duration_minutes": "90", "meeting_kind": "business"})
    row = LedgerMeeting.objects.get()
    page = client.get(f"/monitor/ledgers/meeting/{row.pk}/").content.decode()
    assert 'id="checking"' in page and "正在检查…" in page and "未发现问题。" not in page
    # the banner says what happens: a saved row is checked in about a second (fix-monitor21), not "一分钟内" (mend22a)
    assert ('<p class="alert alert-info" role="status" id="checking">正在检查…规则检查在后台进行，通常几秒内完成'
            '（批量导入后稍久），完成后本页自动显示结果。<a class="tap" href="">刷新本页</a></p>') in page
    assert "一分钟" not in page
    # the findings section asks again by itself until the check is done (no reload by hand): soon at first (a single
    # save is checked in about a second), then every 3 s; each answer carries the next ask
    def poll(asked: int, every: str) -> str:
        return (f'<div id="ledger-findings" hx-get="/monitor/ledgers/meeting/{row.pk}/?poll={asked}" '
                f'hx-trigger="every {every}" hx-select="#ledger-findings" hx-target="this" hx-swap="outerHTML">')

    assert poll(1, "500ms") in page
    for asked, then in [(1, poll(2, "1s")), (2, poll(3, "2s")), (3, poll(3, "3s")), (9, poll(3, "3s")),
                        ("x", poll(1, "500ms"))]:
        assert then in client.get(f"/monitor/ledgers/meeting/{row.pk}/?poll={asked}").content.decode()
    services.findings_refresh_run(county_code="450521000000", year=2025, wait=False)
    page = client.get(f"/monitor/ledgers/meeting/{row.pk}/").content.decode()
    assert 'id="checking"' not in page and "未发现问题。" in page
    assert '<div id="ledger-findings">' in page and "hx-trigger" not in page


def test_the_ledger_form_shows_every_field_error_at_once(world):
    client = world.client("dept_forestry")
    response = client.post("/monitor/ledgers/meeting/new/", {"form_token": token_new(),
        "date": "", "title": "会" * 201, "duration_minutes": "-5", "meeting_kind": "business"})
    assert response.status_code == 400
    page = response.content.decode()
    alert = page.split('id="form-error">')[1].split("</div>")[0]
    assert alert == "“日期”不能为空。“名称”不能超过 200 个字。“会议时长（分钟）”不能为负数。"
    for message in ("“日期”不能为空。", "“名称”不能超过 200 个字。", "“会议时长（分钟）”不能为负数。"):
        assert f'<span class="field-error">{message}</span>' in page
    assert page.count('aria-invalid="true"') == 3
    assert LedgerMeeting.objects.count() == 0


def test_pages_name_rules_and_units_with_a_code_only_as_small_print(world):
    """Session 7's new user saw rule codes (P6-MTG-SPEECH) bare where a rule was meant, and unit codes beside names.
    A rule is named; its code stays as small secondary text where an officer cites it (finding, dashboard, rules)."""
    import re

    office = world.users["county_office"]
    services.rules_seed()
    row = services.ledger_create(actor=office, kind="meeting", data={
        "date": "2025-03-01", "title": "推进会", "issuer": "林业局", "duration_minutes": "180",
        "speech_minutes": "120"})
    services.findings_evaluate(actor=office, county_code="450521000000", year=2025)
    finding = Finding.objects.get()
    notice = services.notice_create(actor=office, data={"title": "通报", "issuer": "合浦县减负办", "date": "2025-04-01"})
    services.notice_case_add(actor=office, notice_pk=notice.pk, data={
        "place": "县林业局", "category": "documents_meetings", "summary": "会议讲话过长", "rectification": "pending"})
    client = world.client("county_office")
    pages = {url: client.get(url).content.decode() for url in (
        "/monitor/dashboard/?year=2025", "/monitor/findings/?year=2025", f"/monitor/findings/{finding.pk}/",
        f"/monitor/ledgers/meeting/{row.pk}/", "/monitor/ledgers/meeting/?year=2025", f"/monitor/notices/{notice.pk}/",
        "/monitor/rules/")}
    for url, page in pages.items():
        bare = re.sub(r"<small[^>]*>.*?</small>|<[^>]+>", " ", page)   # what is said in full-size text
        assert "P6-MTG-SPEECH" not in bare, url
        assert "450521000000D02" not in bare and "450521200206" not in bare, url
    for url in ("/monitor/dashboard/?year=2025", "/monitor/findings/?year=2025", f"/monitor/ledgers/meeting/{row.pk}/"):
        assert "主要讲话不超过1小时" in pages[url], url
    # the dashboard's rule table: the name only, the code in its tooltip (newuser16 #10: "P3-DOC-REPORT" on screen)
    assert "P6-MTG-SPEECH" not in re.sub(r"<[^>]+>", " ", pages["/monitor/dashboard/?year=2025"])
    assert 'title="P6-MTG-SPEECH">主要讲话不超过1小时</a>' in pages["/monitor/dashboard/?year=2025"]
    # a finding's title is the rule's name; the code is small beside it under 规则 (newuser20 #6)
    assert '<h1>主要讲话不超过1小时</h1>' in pages[f"/monitor/findings/{finding.pk}/"]
    assert '<td id="finding-rule">主要讲话不超过1小时 <small class="muted">P6-MTG-SPEECH</small><br>' in pages[
        f"/monitor/findings/{finding.pk}/"]
    assert "主要讲话不超过1小时" in pages[f"/monitor/notices/{notice.pk}/"]   # the rules watching for the case's kind
    assert "提出要求的单位：林业局 · 被要求的单位：合浦县 ·" in pages[f"/monitor/ledgers/meeting/{row.pk}/"]


def test_the_home_page_of_a_past_year_links_to_that_years_lists(world):
    """The home page counted one year's rows ("本年条数" under "（2025）") but its links opened every year's ledger rows
    and this year's findings: a cadre who saw 1 meeting in 2025 found 2 behind the link. Every link carries the year,
    the column says which, and the years next to it are a tap away."""
    import re

    office = world.users["county_office"]
    services.rules_seed()
    for date, title in (("2025-03-01", "推进会"), ("2024-05-01", "调度会")):
        services.ledger_create(actor=office, kind="meeting", data={
            "date": date, "title": title, "issuer": "林业局", "duration_minutes": "180", "speech_minutes": "120"})
    services.findings_evaluate(actor=office, county_code="450521000000", year=2025)
    client = world.client("county_office")
    page = client.get("/monitor/", {"year": "2025"}).content.decode()
    assert "2025年条数" in page and "本年条数" not in page
    assert '<a href="/monitor/ledgers/meeting/?year=2025">会议</a></td><td class="num">1</td>' in page
    assert '<a href="/monitor/findings/?year=2025&amp;status=open">待处理问题 1 个</a>' in page
    assert 'href="/monitor/dashboard/?year=2025"' in page and 'href="/monitor/index/?year=2025"' in page
    assert 'href="?year=2024"' in page and 'href="?year=2026"' in page
    # no year before the first the monitor takes, none after this one
    from django.utils import timezone

    this_year = timezone.localdate().year   # the view's own "this year"
    first = client.get("/monitor/", {"year": "2000"}).content.decode()
    now = client.get("/monitor/").content.decode()
    assert 'href="?year=1999"' not in first and 'href="?year=2001"' in first
    assert f'href="?year={this_year + 1}"' not in now and f'href="?year={this_year - 1}"' in now
    # what the link opens is what the home page counted
    listed = client.get("/monitor/ledgers/meeting/", {"year": "2025"}).content.decode()
    assert "共 1 条" in listed and 'href="/monitor/?year=2025"' in listed
    findings = client.get("/monitor/findings/", {"year": "2025", "status": "open"}).content.decode()
    assert len(re.findall(r'<td class="card-title"><a href="/monitor/findings/\d+/">', findings)) == 1


def test_the_findings_filters_offer_rules_and_units_by_name(world):
    """The findings page asked for a "规则编号" and a "责任单位代码" typed by hand; it offers the county's rules by name
    and takes the unit's name."""
    import re

    office = world.users["county_office"]
    services.rules_seed()
    services.ledger_create(actor=office, kind="meeting", data={
        "date": "2025-03-01", "title": "推进会", "issuer": "林业局", "duration_minutes": "180", "speech_minutes": "120"})
    services.findings_evaluate(actor=office, county_code="450521000000", year=2025)
    page = world.client("county_office").get("/monitor/findings/", {"year": "2025", "rule": "P6-MTG-SPEECH"})
    html = page.content.decode()
    assert '<option value="P6-MTG-SPEECH" selected>主要讲话不超过1小时</option>' in html
    assert 'placeholder="规则编号"' not in html
    assert len(re.findall(r'<td class="card-title"><a href="/monitor/findings/\d+/">', html)) == 1
    # the unit responsible, by name (offered from the county's units) as well as by the dashboard's code
    client = world.client("county_office")

    def listed(issuer):
        html = client.get("/monitor/findings/", {"year": "2025", "issuer": issuer}).content.decode()
        return len(re.findall(r'<td class="card-title"><a href="/monitor/findings/\d+/">', html))

    assert (listed("林业局"), listed("住房和城乡建设局"), listed("450521000000D02")) == (1, 0, 1)
    assert '<option value="林业局">' in html and 'placeholder="责任单位代码"' not in html


def test_the_ledger_form_names_the_units_in_a_village_cadres_words(world):
    """造成单位 / 承受单位 meant nothing to the trial's cadre: who asked, and who was asked, with help text."""
    page = world.client("village_a").get("/monitor/ledgers/demand/new/").content.decode()
    assert "提出要求的单位" in page and "谁要求的：发文、开会、检查、要材料的单位" in page
    assert "被要求的单位" in page and "要求谁来做：县、乡镇或村（社区）" in page
    assert "造成单位" not in page and "承受单位" not in page


def test_the_burden_ranking_lists_one_department_once_however_it_is_spelled(world):
    # N07: "应急管理局 1067.6 / 县应急管理局 1.7": a ledger names the department by its org code, a report template by a
    # short code of its own and "县…"; the ranking grouped by the code and listed one department under two names
    from django.utils import timezone

    from jianfu.accounts.scoping import scope_for
    from jianfu.monitor.rules import index as ic
    from jianfu.reports.models import Submission, Template

    office = world.users["county_office"]
    services.ledger_create(actor=office, kind="meeting", data={
        "date": "2025-03-05", "title": "森林防火会", "issuer": "林业局", "duration_minutes": "120",
        "village_secretaries_required": "1"})
    template = Template.objects.create(code="LY-FH", name="森林防火月报", department="linye",
                                       department_name="县林业局（森林防火办）", period_type="monthly")
    Submission.objects.create(template=template, org_code="450521200206", period="2025-03", manual_cells=15,
                              due_date=dt.date(2025, 3, 10), generated_at=timezone.now())
    data = selectors.burden_index(user=office, year=2025)
    villages = len(data["villages"])
    assert [(r["issuer_code"], r["issuer_name"]) for r in data["issuers"]] == [("450521000000D02", "林业局")]
    assert data["issuers"][0]["hours"] == round(((120 + 60) * villages + 10 + 15 * 2) / 60, 1)
    scope = scope_for(office)
    names, by_rows = selectors._index_inputs(office, scope, 2025)
    assert ic.compute(list(names), by_rows, year=2025).issuer_ranking() == data["issuers"]


def test_issuer_key_reads_one_department_in_its_usual_spellings():
    from jianfu.monitor.rules.index import issuer_key

    county = ("合浦县",)
    assert {issuer_key(n, county_names=county) for n in ("应急管理局", "县应急管理局", "合浦县应急管理局",
                                                         " 县应急管理局 ")} == {"应急管理局"}
    assert issuer_key("县农业农村局（乡村振兴）", county_names=county) == issuer_key("农业农村局")
    assert issuer_key("县委组织部", county_names=county) == issuer_key("县委组织部") == "委组织部"
    assert issuer_key("县委政法委(综治中心)") == issuer_key("县委政法委")
    assert issuer_key("民政局") != issuer_key("县委组织部")


def test_the_issuer_lookup_maps_a_template_within_the_county_of_its_village(world):
    # D12 (session 11 diff review): an administrator's index looked the template's "县应急管理局" up among every
    # county's departments; with one in each of two counties it matched two and mapped neither (one entry under the
    # template's own code, both counties' hours merged). Each row is mapped within its village's county.
    from django.utils import timezone

    from jianfu.orgs.models import OrgUnit
    from jianfu.reports.models import Submission, Template

    units = [("450522000000", "北海市某县", "county", 3, "450500000000"),
             ("450522100000", "某镇", "town", 4, "450522000000"),
             ("450522100001", "某村委会", "village", 5, "450522100000"),
             ("450521000000D03", "合浦县应急管理局", "department", 3, "450521000000"),
             ("450522000000D03", "应急管理局", "department", 3, "450522000000")]
    for code, name, kind, level, parent in units:
        OrgUnit.objects.create(code=code, name=name, kind=kind, level=level, parent_code=parent)
    template = Template.objects.create(code="YJ-AQ", name="安全生产月报", department="yingji",
                                       department_name="县应急管理局", period_type="monthly")
    for village, cells in (("450521200206", 15), ("450521200201", 30), ("450522100001", 60)):
        Submission.objects.create(template=template, org_code=village, period="2025-03", manual_cells=cells,
                                  due_date=dt.date(2025, 3, 10), generated_at=timezone.now())
    # 10 minutes a form, 2 a manual cell (the index's weights)
    hepu, other = round((10 + 15 * 2 + 10 + 30 * 2) / 60, 1), round((10 + 60 * 2) / 60, 1)
    ranking = [(r["issuer_code"], r["issuer_name"], r["hours"])
               for r in selectors.burden_index(user=world.users["admin"], year=2025)["issuers"]]
    assert ranking == [("450522000000D03", "应急管理局", other), ("450521000000D03", "合浦县应急管理局", hepu)]
    # the county's own index: its department only
    assert [(r["issuer_code"], r["hours"]) for r in selectors.burden_index(user=world.users["county_office"],
                                                                           year=2025)["issuers"]] == [
        ("450521000000D03", hepu)]
    # the row-level path (the trace) maps the same way
    trace = selectors.index_trace(user=world.users["admin"], year=2025, village_code="450522100001", month=3)
    assert {(c.issuer_code, c.issuer_name) for c in trace["items"]} == {("450522000000D03", "应急管理局")}


def test_a_ledger_entry_page_shows_no_template_comment(world):
    """Session 12 (U07): a multi-line `{# … #}` printed a developer note under 规则检查发现的问题."""
    client = world.client("dept_forestry")
    client.post("/monitor/ledgers/meeting/new/", {"form_token": token_new(), "date": "2025-03-01", "title": "森林防火会议",
                                                  "duration_minutes": "90", "meeting_kind": "business"})
    page = client.get(f"/monitor/ledgers/meeting/{LedgerMeeting.objects.get().pk}/").content.decode()
    assert "规则检查发现的问题" in page
    assert "{#" not in page and "#}" not in page and "polling stops" not in page


@pytest.mark.parametrize("kind", ["document", "meeting", "inspection", "app", "secondment", "plaque", "activity",
                                  "demand"])
def test_every_ledger_form_label_is_tied_to_its_field(world, kind):
    """Session 12 (U08): labels had no `for` and fields no id, so tapping a label did not focus or tick its field."""
    import re

    from jianfu.monitor import ledgers

    page = world.client("county_office").get(f"/monitor/ledgers/{kind}/new/").content.decode()
    form = page.split('enctype="multipart/form-data" class="card" novalidate>')[1].split("</form>")[0]
    label_for = re.findall(r"<label\b([^>]*)>", form)
    assert all(re.fullmatch(r' for="id_[a-z_]+"', attrs) for attrs in label_for), label_for
    targets = [a[len(' for="'):-1] for a in label_for]
    fields = re.findall(r'<(?:input|select|textarea)\b[^>]*\bname="([a-z_]+)"[^>]*\bid="([a-z_]+)"', form)
    names = [spec.name for spec in ledgers.fields_of(kind)] + (["file"] if kind == "document" else [])
    # every field of the kind has exactly one label, pointing at that field's own id
    assert fields == [(n, f"id_{n}") for n in names]
    assert targets == [f"id_{n}" for n in names]
    assert len(set(re.findall(r'\bid="(id_[a-z_]+)"', page))) == len(names)   # ids unique on the page
