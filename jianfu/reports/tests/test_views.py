"""Pages, exports and the API on a small registry: exact figures, and refusals change nothing."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from jianfu.reports import services
from jianfu.reports.catalog import forms_load
from jianfu.reports.models import Submission, Template

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(world):
    from jianfu.registry.models import Household, Person

    forms_load(actor=None)
    for i, (org, gender, birth, dibao) in enumerate([(world.village_a.code, "F", dt.date(1950, 1, 1), True),
                                                     (world.village_a.code, "M", dt.date(1990, 1, 1), False),
                                                     (world.village_b.code, "F", dt.date(1940, 1, 1), True),
                                                     (world.village_c.code, "M", dt.date(1955, 1, 1), True)]):
        household = Household.objects.create(org_code=org, number=f"H{i}")
        Person.objects.create(org_code=org, name="某", gender=gender, birth_date=birth, is_dibao=dibao,
                              household=household)
    return world


def test_run_page_and_exports(setup):
    w = setup
    c = w.client("county_office")
    r = c.get("/reports/templates/mz_elderly_census/run/", {"unit": "450521", "period": "2025"})
    assert r.status_code == 200
    report = r.context["report"]
    assert [(row.name, row.values["pop_total"], row.values["elderly_60"]) for row in report.rows] == [
        ("廉州镇", 1, 1), ("曲樟乡", 3, 2)]
    assert report.total.values["aging_rate"] == 75.0
    text = r.content.decode()
    assert "曲樟乡" in text and "合浦县合计" in text

    r = c.get("/reports/templates/mz_elderly_census/run/", {"unit": "450521", "period": "2025", "format": "csv"})
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    # 2025 has ended: the registry's figures are today's registry, and the headings say so (session 28)
    assert rows[0][:4] == ["代码", "单位", "总人口（人）（按当前登记数）", "60岁及以上老年人数（人）（按当前登记数）"]
    assert rows[-1][:4] == ["450521", "合浦县合计", "4", "3"]

    r = c.get("/reports/templates/mz_elderly_census/run/",
              {"unit": "450521", "period": "2025", "group": "village", "format": "xlsx"})
    ws = load_workbook(io.BytesIO(r.content)).active
    assert ws["A1"].value == "老年人口基本情况年报表"
    assert [ws.cell(i, 2).value for i in range(4, 8)] == ["廉州镇某社区", "璋嘉村委会", "曲木村委会", "合浦县合计"]
    assert [ws.cell(i, 3).value for i in range(4, 8)] == [1, 1, 2, 4]


def test_village_cannot_run_another_village(setup):
    w = setup
    r = w.client("village_a").get("/reports/templates/mz_elderly_census/run/",
                                  {"unit": w.village_b.code, "period": "2025"})
    assert r.status_code == 404
    r = w.client("village_a").get("/reports/templates/mz_elderly_census/run/", {"period": "2025"})
    assert r.status_code == 200
    assert r.context["report"].total.values["pop_total"] == 2


def test_village_workflow_through_pages(setup):
    w = setup
    va = w.client("village_a")
    r = va.post("/reports/submissions/generate/", {"template": "mz_dibao_tekun", "period": "202506"})
    sub = Submission.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/reports/submissions/{sub.pk}/"
    va.post(f"/reports/submissions/{sub.pk}/submit/")
    assert Submission.objects.get().status == "generated"  # manual cells missing: refused with a message
    va.post(f"/reports/submissions/{sub.pk}/fill/", {"cell_dibao_new_households": "0", "cell_dibao_exit_households": "1",
                                                     "cell_dibao_fund": "900", "cell_tekun_centralised": "0",
                                                     "cell_tekun_fund": "0"})
    va.post(f"/reports/submissions/{sub.pk}/submit/")
    assert Submission.objects.get().status == "submitted"
    # another village cannot approve, see or touch it
    vb = w.client("village_b")
    assert vb.get(f"/reports/submissions/{sub.pk}/").status_code == 404
    assert vb.post(f"/reports/submissions/{sub.pk}/return/", {"reason": "x" * 5}).status_code == 404
    assert Submission.objects.get().status == "submitted"
    w.client("town_quzhang").post(f"/reports/submissions/{sub.pk}/approve/")
    assert Submission.objects.get().status == "approved"
    r = w.client("town_quzhang").get(f"/reports/submissions/{sub.pk}/export/", {"format": "csv"})
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[1][:4] == [w.village_a.code, "曲木村委会", "1", "1"]
    assert len(rows) == 2  # one village: no total row repeating it (a department summing would double it)
    r = w.client("town_quzhang").get(f"/reports/submissions/{sub.pk}/export/", {"format": "xlsx"})
    ws = load_workbook(io.BytesIO(r.content)).active
    assert [ws.cell(i, 2).value for i in range(4, 6)] == ["曲木村委会", None]
    assert [ws.cell(4, 3).value, ws.cell(4, 4).value] == [1, 1]


def test_department_form_export(setup):
    w = setup
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "表1"
    ws.append(["城乡低保月报"])
    ws.append(["序号", "村（社区）", "低保户数（户）", "低保人数（人）", "低保金（元）"])
    buf = io.BytesIO()
    wb.save(buf)
    tpl = Template.objects.get(code="mz_dibao_tekun")
    services.template_attach_form(actor=w.users["county_office"], template=tpl, data=buf.getvalue(),
                                  filename="低保.xlsx")
    tpl.refresh_from_db()
    assert {c.key: c.address for c in tpl.cell_rows.all() if c.address} == {
        "dibao_households": "C", "dibao_persons": "D", "dibao_fund": "E"}
    r = w.client("county_office").get("/reports/templates/mz_dibao_tekun/run/",
                                      {"unit": "450521", "period": "202506", "format": "form"})
    out = load_workbook(io.BytesIO(r.content))["表1"]
    assert [out["B3"].value, out["C3"].value, out["D3"].value] == ["廉州镇", 1, 1]
    assert [out["B4"].value, out["C4"].value, out["D4"].value] == ["曲樟乡", 2, 2]
    assert [out["B5"].value, out["D5"].value] == ["合浦县合计", 3]


def test_api_run_and_lists(setup):
    w = setup
    api = w.api_client("town_quzhang")
    r = api.get("/api/v1/reports/runs/", {"template": "mz_elderly_census", "period": "2025"})
    assert r.status_code == 200
    body = r.json()
    assert body["unit"] == "450521200" and body["child_level"] == "village"
    assert [(row["code"], row["values"]["pop_total"]) for row in body["rows"]] == [
        (w.village_b.code, 1), (w.village_a.code, 2)]
    assert body["total"]["values"]["elderly_60"] == 2
    r = api.get("/api/v1/reports/runs/", {"template": "mz_elderly_census", "unit": "450521", "period": "2025"})
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    r = api.get("/api/v1/reports/runs/", {"template": "mz_elderly_census", "period": "2025Q1"})
    assert r.status_code == 400 and r.json()["error"]["fields"] == {"period": ["报告期 '2025Q1' 与周期类型「年报」不符"]}
    r = api.get("/api/v1/reports/templates/")
    assert r.json()["count"] == Template.objects.count()
    r = w.api_client("dept_housing").get("/api/v1/reports/templates/")
    assert r.json()["count"] == 0


def test_burden_and_completeness_pages(setup):
    w = setup
    r = w.client("county_office").get("/reports/burden/")
    assert r.status_code == 200
    s = r.context["summary"]
    assert s.cells_total == sum(t.cells for t in s.templates)
    assert "估算依据" in r.content.decode()
    r = w.client("county_office").get("/reports/completeness/")
    assert r.status_code == 200
    assert all(row.expected == 3 for row in r.context["rows"])
    assert w.client("village_a").get("/reports/burden/").status_code == 404


def test_new_template_shows_coverage_before_saving(setup):
    w = setup
    c = w.client("dept_housing")
    r = c.post("/reports/templates/new/", {"action": "preview", "headers": "序号\n80周岁以上老年人（人）\n危房改造户数"})
    rows = r.context["preview"]
    assert [row["ref"] for row in rows][:2] == [None, "elderly_80"]
    assert rows[1]["kind"] == "auto"
    assert not Template.objects.filter(department="zhujian").exists()


def test_header_match_upload_and_confirm(setup):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .test_headers import _form

    w = setup
    c = w.client("county_office")
    r = c.post("/reports/match/", {"file": SimpleUploadedFile("低保.xlsx", _form())})
    assert r.status_code == 200
    proposals = r.context["proposals"]
    assert [(p["header"].column, p["match"].best.ref if p["match"].best else None) for p in proposals] == [
        ("A", None), ("B", None), ("C", "dibao_households"), ("D", "dibao_persons"),
        ("E", "dibao_persons[gender=F]"), ("F", None)]
    r = c.post("/reports/match/confirm/", {
        "code": "mz_dibao_own", "name": "低保月报（原表）", "department": "minzheng", "department_name": "民政局",
        "period_type": "monthly", "column": ["C", "D", "E"], "label": ["户数", "人数", "其中：女"],
        "ref": ["dibao_households", "dibao_persons", "dibao_persons[gender=F]"]})
    assert r.status_code == 302
    tpl = Template.objects.get(code="mz_dibao_own")
    assert [(x.key, x.address) for x in tpl.cell_rows.all()] == [
        ("dibao_households", "C"), ("dibao_persons", "D"), ("dibao_persons__gender_F", "E")]
    bad = c.post("/reports/match/", {"file": SimpleUploadedFile("x.xlsx", b"not an xlsx")})
    assert bad.status_code == 400 and "不是有效的 xlsx" in bad.content.decode()


def test_report_pages_name_templates_and_elements_never_their_codes(setup):
    """Session 7's new user met template slugs (mz_elderly_census) and element codes on the 报表 pages: in the text,
    the 同时用于 links and the burden page's lists, and as tooltips. Only the YAML definition, which an editor exports
    to edit, keeps them."""
    import re

    w = setup
    tpl = Template.objects.get(code="mz_dibao_tekun")
    sub = services.submission_generate(actor=w.users["village_b"], template=tpl, org_code=w.village_b.code,
                                       period="202503")
    seen = {}
    for user in ("county_office", "town_quzhang", "village_b"):
        client = w.client(user)
        for url in ("/reports/", "/reports/templates/mz_elderly_census/", "/reports/burden/", "/reports/submissions/",
                    f"/reports/submissions/{sub.pk}/", "/reports/completeness/",
                    "/reports/templates/mz_elderly_census/run/?unit=450521&period=2025"):
            response = client.get(url)
            if response.status_code != 200:
                continue
            page = re.sub(r"<script.*?</script>|<pre>.*?</pre>", " ", response.content.decode(), flags=re.S)
            visible = re.sub(r"<[^>]+>", " ", page) + " ".join(re.findall(r'title="([^"]*)"', page))
            codes = set(re.findall(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b", visible)) - {user}   # the account's own name
            seen[(user, url)] = sorted(codes)
    assert ("county_office", "/reports/burden/") in seen and ("village_b", "/reports/templates/mz_elderly_census/") in seen
    assert {k: v for k, v in seen.items() if v} == {}
    page = w.client("county_office").get("/reports/templates/mz_elderly_census/").content.decode()
    assert '<a href="/reports/templates/tj_population/">' in page   # 同时用于: a link by the template's name
    assert re.search(r'<a href="/reports/templates/tj_population/">[^<a-z]+</a>', page)


def test_unsubmitted_form_past_its_due_date_is_marked_overdue(setup):
    w = setup
    va = w.client("village_a")
    va.post("/reports/submissions/generate/", {"template": "mz_dibao_tekun", "period": "202506"})
    sub = Submission.objects.get()
    assert sub.status == "generated" and sub.submitted_at is None and sub.due_date < dt.date.today()
    text = va.get("/reports/submissions/").content.decode()
    assert '<span class="badge badge-bad">逾期未报</span>' in text
    text = va.get(f"/reports/submissions/{sub.pk}/").content.decode()
    assert f"已超过报送期限（{sub.due_date:%Y-%m-%d}），尚未报送" in text
    # a form not yet due carries neither
    Submission.objects.filter(pk=sub.pk).update(due_date=dt.date.today())
    assert "逾期" not in va.get("/reports/submissions/").content.decode()
    assert "已超过报送期限" not in va.get(f"/reports/submissions/{sub.pk}/").content.decode()


def test_index_shows_a_submitted_form_instead_of_offering_to_generate_it(setup):
    """Generating a submitted form is refused (409): the index must not offer it, but link to the form."""
    w = setup
    va = w.client("village_a")
    text = va.get("/reports/").content.decode()
    assert '<input type="hidden" name="template" value="mz_dibao_tekun">' in text
    va.post("/reports/submissions/generate/", {"template": "mz_dibao_tekun"})  # the current period
    sub = Submission.objects.get()
    va.post(f"/reports/submissions/{sub.pk}/fill/", {"cell_dibao_new_households": "0", "cell_dibao_exit_households": "1",
                                                     "cell_dibao_fund": "900", "cell_tekun_centralised": "0",
                                                     "cell_tekun_fund": "0"})
    va.post(f"/reports/submissions/{sub.pk}/submit/")
    assert Submission.objects.get().status == "submitted"
    r = va.get("/reports/")
    row = next(x for x in r.context["rows"] if x["tpl"].code == "mz_dibao_tekun")
    assert (row["sub"].pk, row["can_generate"]) == (sub.pk, False)
    text = r.content.decode()
    assert '<input type="hidden" name="template" value="mz_dibao_tekun">' not in text
    assert f'<a href="/reports/submissions/{sub.pk}/">本村报表</a> <span class="badge">已报送待审核</span>' in text
