"""xlsx import (atomic, errors by row and column), rule evaluation, switches, local rules, transitions."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from jianfu.core.errors import ApplicationError, PermissionDeniedError
from jianfu.core.models import AuditRecord
from jianfu.monitor import services, xlsx
from jianfu.monitor.models import Finding, LedgerMeeting, LedgerPlaque, Rule

pytestmark = pytest.mark.django_db


def workbook(rows: list[list], header: list[str] | None = None, kind: str = "meeting") -> bytes:
    template = load_workbook(io.BytesIO(xlsx.template(kind)))
    header = header or [c.value for c in template.worksheets[0][1]]
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# the headers of the earlier template (造成单位 / 承受单位): still read, so a cadre's old sheet still imports
HEADER = ["日期*", "名称*", "造成单位", "承受单位", "会议时长（分钟）*", "主要讲话时长（分钟）", "层层陪会"]


def test_template_has_every_field_and_a_guide():
    wb = load_workbook(io.BytesIO(xlsx.template("meeting")))
    header = [c.value for c in wb.worksheets[0][1]]
    assert header[:5] == ["日期*", "名称*", "提出要求的单位", "被要求的单位", "备注"]
    assert "会议时长（分钟）*" in header and "层层陪会" in header
    assert wb.worksheets[1].title == "填写说明"


def test_import_writes_every_row_in_one_go(world):
    data = workbook([["2025-03-01", "防汛会议", "林业局", "", 90, 30, "否"],
                     ["2025/03/02", "森林防火会议", "450521000000D02", "450521200206", "120", "", "是"]], HEADER)
    n = services.ledger_import(actor=world.users["county_office"], kind="meeting", data=data, filename="会议.xlsx")
    assert n.imported == 2 and n.skipped == 0
    rows = list(LedgerMeeting.objects.order_by("date").values_list("title", "org_code", "duration_minutes", "relayed"))
    assert rows == [("防汛会议", "450521000000", 90, False), ("森林防火会议", "450521200206", 120, True)]
    audit = AuditRecord.objects.get(action="monitor.meeting.import")
    assert audit.changes["rows"] == 2


def test_one_bad_row_refuses_the_whole_file(world):
    data = workbook([["2025-03-01", "防汛会议", "林业局", "", 90, 30, "否"],
                     ["2025-03-02", "森林防火会议", "林业局", "", -5, "", "否"],
                     ["2035-03-02", "未来的会议", "不存在的局", "", 60, "", "也许"]], HEADER)
    with pytest.raises(ApplicationError) as caught:
        services.ledger_import(actor=world.users["county_office"], kind="meeting", data=data, filename="会议.xlsx")
    assert caught.value.details["errors"] == [
        "第 3 行「会议时长（分钟）」：“-5”不能为负数。",
        # every faulty cell of a row at once, a line each naming its column and quoting what was typed (newuser22 #4)
        "第 4 行「日期」：“2035-03-02”不能晚于今天。",
        # and its unknown unit in the same upload, not only once its cells are right (newuser26 #1)
        "第 4 行「提出要求的单位」：未知的提出要求的单位“不存在的局”：请填写系统中已有单位的代码或全称。",
        "第 4 行「层层陪会」：“也许”不是可选的值，应填“是”或“否”。",
    ]
    assert LedgerMeeting.objects.count() == 0
    assert not AuditRecord.objects.filter(action="monitor.meeting.import").exists()


def test_department_importing_another_departments_rows_is_refused(world):
    data = workbook([["2025-03-01", "会议", "450521000000D02", "", 90, 0, "否"]], HEADER)
    with pytest.raises(ApplicationError) as caught:
        services.ledger_import(actor=world.users["dept_housing"], kind="meeting", data=data, filename="m.xlsx")
    assert caught.value.details["errors"] == ["第 2 行：部门只能填报本部门造成的事项，不能代其他单位填报。"]
    assert LedgerMeeting.objects.count() == 0


@pytest.mark.parametrize(("data", "filename", "message"), [
    (b"", "a.xlsx", "文件为空"),
    # a csv is read since newuser18 #3 (test_import_csv.py): this one lacks a required column
    ("日期,名称\n2025-01-01,会议".encode("gbk"), "a.csv", "表头缺少必填列：会议时长（分钟）"),
    ("日期,名称\n2025-01-01,会议".encode("gbk"), "a.xlsx", "请上传 .xlsx 或 .csv 格式"),
    (b"PK\x03\x04broken", "a.xlsx", "请上传 .xlsx 或 .csv 格式"),
])
def test_unreadable_files(world, data, filename, message):
    with pytest.raises(ApplicationError, match=message):
        services.ledger_import(actor=world.users["county_office"], kind="meeting", data=data, filename=filename)


def test_missing_columns_and_empty_sheets(world):
    with pytest.raises(ApplicationError, match="表头缺少必填列：会议时长（分钟）"):
        services.ledger_import(actor=world.users["county_office"], kind="meeting",
                               data=workbook([["2025-01-01", "会议"]], ["日期", "名称"]), filename="a.xlsx")
    with pytest.raises(ApplicationError, match="没有可导入的数据行"):
        services.ledger_import(actor=world.users["county_office"], kind="meeting", data=workbook([], HEADER),
                               filename="a.xlsx")


# ------------------------------------------------------------------------------------ findings

def _plaques(world, n: int):
    rows = [(i + 2, {"date": "2025-01-10", "title": f"牌子{i}", "issuer": "林业局", "placement": "outside"})
            for i in range(n)]
    return services.ledger_bulk_create(actor=world.users["village_a"], kind="plaque", rows=rows)


def test_evaluate_switch_off_and_local_rule(world):
    _plaques(world, 5)
    office = world.users["county_office"]
    assert services.findings_evaluate(actor=office, county_code="450521000000", year=2025) == 0
    # a province's 4+4 standard as a local rule: five outside is now one too many
    services.rule_create(actor=office, data={"code": "GX-PLAQUE-4", "name": "村级组织外部挂牌不超过4块",
                                             "check": "plaques_outside_max", "threshold": "4",
                                             "citation": "某省村级组织挂牌规范（4+4）", "severity": "medium"})
    assert services.findings_evaluate(actor=office, county_code="450521000000", year=2025) == 1
    finding = Finding.objects.get()
    assert (finding.rule_code, finding.org_code, finding.issuer_name, finding.summary) == (
        "GX-PLAQUE-4", "450521200206", "林业局", "村（社区）办公场所外部挂牌 5 块（台账中状态为“保留”的，含往年登记的），超过 4 块。")
    # switching the local rule off removes its finding at the next evaluation
    services.rule_toggle(actor=office, pk=finding.rule_id, enabled=False)
    assert services.findings_evaluate(actor=office, county_code="450521000000", year=2025) == 0


def test_national_rule_switched_off_per_county(world):
    office = world.users["county_office"]
    services.ledger_create(actor=office, kind="meeting", data={
        "date": "2025-03-01", "title": "推进会", "issuer": "林业局", "duration_minutes": "180",
        "speech_minutes": "120"})
    assert services.findings_evaluate(actor=office, county_code="450521000000", year=2025) == 1
    rule = Rule.objects.get(code="P6-MTG-SPEECH", county_code="")
    services.rule_toggle(actor=office, pk=rule.pk, enabled=False)
    rule.refresh_from_db()
    assert rule.enabled  # the national row is untouched; the county's switch holds the state
    assert services.findings_evaluate(actor=office, county_code="450521000000", year=2025) == 0
    with pytest.raises(PermissionDeniedError):
        services.rule_toggle(actor=world.users["dept_housing"], pk=rule.pk, enabled=True)


def test_finding_status_survives_re_evaluation_and_transitions_are_guarded(world):
    office = world.users["county_office"]
    _plaques(world, 8)
    services.findings_evaluate(actor=office, county_code="450521000000", year=2025)
    finding = Finding.objects.get()
    services.finding_confirm(actor=office, pk=finding.pk, note="已督促摘牌")
    services.findings_evaluate(actor=office, county_code="450521000000", year=2025)
    again = Finding.objects.get()
    assert (again.status, again.resolution) == ("confirmed", "已督促摘牌")
    # a count finding is its group (the village), not the row it names: one more plaque updates it
    [ninth] = _plaques(world, 1)
    services.findings_evaluate(actor=office, county_code="450521000000", year=2025)
    again = Finding.objects.get()
    assert (again.pk, again.status, again.row_id) == (finding.pk, "confirmed", ninth.pk)
    assert again.summary == "村（社区）办公场所外部挂牌 9 块（台账中状态为“保留”的，含往年登记的），超过 6 块。"
    with pytest.raises(ApplicationError, match="不能改为"):
        services.finding_dismiss(actor=office, pk=again.pk)
    services.finding_rectify(actor=office, pk=again.pk)
    with pytest.raises(ApplicationError, match="不能改为"):
        services.finding_reopen(actor=office, pk=again.pk)
    assert Finding.objects.get().status == "rectified"
    assert list(AuditRecord.objects.filter(action__startswith="monitor.finding.").exclude(
        action="monitor.findings.evaluate").values_list("action", flat=True).order_by("id")) == [
        "monitor.finding.confirmed", "monitor.finding.rectified"]


def test_local_rule_validation(world):
    office = world.users["county_office"]
    with pytest.raises(ApplicationError, match="阈值"):
        services.rule_create(actor=office, data={"code": "L1", "name": "x", "check": "plaques_outside_max",
                                                 "citation": "x"})
    with pytest.raises(ApplicationError, match="已存在"):
        services.rule_create(actor=office, data={"code": "P6-MTG-SPEECH", "name": "x", "check": "meeting_relayed",
                                                 "citation": "x"})
    with pytest.raises(PermissionDeniedError):
        services.rule_create(actor=world.users["village_a"], data={"code": "L2", "name": "x",
                                                                   "check": "meeting_relayed", "citation": "x"})
    assert not Rule.objects.exclude(county_code="").exists()
    assert LedgerPlaque.objects.count() == 0


def test_workbench_todos(world):
    from jianfu.monitor.workbench import todos

    office = world.users["county_office"]
    services.ledger_create(actor=office, kind="meeting", data={
        "date": "2025-03-01", "title": "推进会", "issuer": "住房和城乡建设局", "duration_minutes": "180",
        "speech_minutes": "120"})
    services.findings_evaluate(actor=office, county_code="450521000000", year=2025)
    [todo] = todos(office)
    # the period in the label, and the link opens that year's list (the list shows one year, by default this one)
    assert (todo.title, todo.count, todo.url) == ("待处理的减负问题（2025年）", 1,
                                                  "/monitor/findings/?status=open&year=2025")
    assert todos(world.users["dept_housing"]) == []
    services.finding_confirm(actor=office, pk=Finding.objects.get().pk)
    [todo] = todos(world.users["dept_housing"])
    assert (todo.title, todo.count, todo.url) == ("县减负办已确认、待本部门整改的减负问题（2025年）", 1,
                                                  "/monitor/findings/?status=confirmed&year=2025")
    assert todos(world.users["dept_forestry"]) == [] and todos(world.users["village_a"]) == []
    assert todos(world.users["grid_a"]) == []


def test_workbench_counts_what_each_link_shows_one_row_per_year(world):
    import re

    from jianfu.monitor.workbench import todos

    office = world.users["county_office"]
    for date in ("2025-03-01", "2025-04-01", "2026-03-01"):
        services.ledger_create(actor=office, kind="meeting", data={
            "date": date, "title": "推进会", "issuer": "住房和城乡建设局", "duration_minutes": "180",
            "speech_minutes": "120"})
    for year in (2025, 2026):
        services.findings_evaluate(actor=office, county_code="450521000000", year=year)
    listed = [(t.title, t.count, t.url) for t in todos(office)]
    assert listed == [("待处理的减负问题（2026年）", 1, "/monitor/findings/?status=open&year=2026"),
                      ("待处理的减负问题（2025年）", 2, "/monitor/findings/?status=open&year=2025")]
    client = world.client("county_office")
    for _title, count, url in listed:
        page = client.get(url).content.decode()
        assert len(re.findall(r'<td data-label="月份">', page)) == count


def test_engine_findings_are_complete_records(world):
    from django.utils import timezone

    _plaques(world, 7)
    services.findings_evaluate(actor=world.users["county_office"], county_code="450521000000", year=2025)
    f = Finding.objects.get()
    assert abs((timezone.now() - f.created_at).total_seconds()) < 60 and f.updated_at == f.created_at
    assert (f.status, f.source, f.source_ref, f.rule.code, f.created_by) == ("open", "engine", "", "P6A-PLAQUE-OUT",
                                                                              None)
