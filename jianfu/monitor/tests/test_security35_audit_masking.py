"""security35 #3: a ledger row's title and a finding's summary went into the audit log as typed — a title such as
"为王某（身份证…，电话…）办理…" put the person's numbers in `object_repr` and `changes`, which every auditor reads.
They are masked as an event's name is (security34 #3), a unit's 12-digit or 15-digit code beside them kept."""

from __future__ import annotations

import pytest
from stdnum.cn import ric

from jianfu.core.models import AuditRecord
from jianfu.monitor import services

pytestmark = pytest.mark.django_db

ID_BODY = "45052119900101123"
ID = ID_BODY + ric.calc_check_digit(ID_BODY + "0")     # the number with a placeholder check digit
PHONE = "13812345678"
GRID, VILLAGE = "450521200206001", "450521200206"
MEETING = {"date": "2025-03-18", "duration_minutes": "120", "speech_minutes": "45",
           "village_secretaries_required": "是"}


def test_a_ledger_title_s_numbers_are_masked_in_the_audit_log_and_unit_codes_kept(world):
    title = f"为{ID}（{PHONE}）在{GRID}网格、{VILLAGE}村开会"
    row = services.ledger_create(actor=world.users["dept_housing"], kind="meeting", data={**MEETING, "title": title})
    assert row.title == title                           # the row itself keeps what was typed
    created = AuditRecord.objects.get(action="monitor.meeting.create")
    masked = f"为4505**************（138****5678）在{GRID}网格、{VILLAGE}村开会"
    assert created.object_repr == f"住房和城乡建设局：{masked}（2025-03-18）"
    assert created.changes["title"] == masked
    services.ledger_update(actor=world.users["dept_housing"], kind="meeting", pk=row.pk,
                           data={"title": f"改：{PHONE}"})
    updated = AuditRecord.objects.get(action="monitor.meeting.update")
    assert updated.changes["title"] == [masked, "改：138****5678"]
    assert updated.object_repr == "住房和城乡建设局：改：138****5678（2025-03-18）"
    for record in AuditRecord.objects.filter(action__startswith="monitor.meeting."):
        assert ID not in f"{record.object_repr}{record.changes}" and PHONE not in f"{record.object_repr}{record.changes}"


def test_a_finding_summary_s_numbers_are_masked_in_the_audit_log(world):
    summary = f"网格{GRID}反映：要求村民{ID}每周报送，联系{PHONE}"
    finding = services.finding_record_manual(actor=world.users["county_office"], issuer_code="450521000000D01",
                                             category="文山会海", summary=summary, source="manual", source_ref="")
    record = AuditRecord.objects.get(action="monitor.finding.record")
    assert finding.summary == summary
    assert record.object_repr == f"文山会海：网格{GRID}反映：要求村民4505**************每周报送，联系138****5678"
    services.finding_dismiss(actor=world.users["county_office"], pk=finding.pk, note=f"已电话{PHONE}核实")
    dismissed = AuditRecord.objects.get(action="monitor.finding.dismissed")
    assert dismissed.changes["note"] == "已电话138****5678核实"


def test_a_15_digit_number_that_is_no_unit_s_code_is_masked():
    from jianfu.core.pii import mask_audit_text

    assert mask_audit_text("旧证 450521900101123 与 450521200206999") == "旧证 4505*********** 与 4505***********"


def test_a_number_at_the_cut_is_masked_before_the_name_is_cut():
    """codereview35c H3: the name was cut first (60 and 40 characters), so a number crossing the cut was no longer a
    number to the mask and its first 13 or 17 digits were written in clear."""
    from jianfu.monitor.models import Finding, NoticeCase

    head = "县减负办核查发现：某村要求群众提交材料并逐户登记走访情况和家庭收入情况，涉及人员张三，身份证号"
    finding = Finding(rule_code="R1", summary=f"{head}{ID}，已整改")
    assert str(finding) == "R1：" + f"{head}4505**************"[:60]
    case_head = "通报：某村要求群众提交材料，涉及张三，身份证号"
    case = NoticeCase(place="某村", summary=f"{case_head}{ID}")
    assert str(case) == "某村：" + f"{case_head}4505**************"[:40]
    assert ID[:8] not in str(finding) and ID[:8] not in str(case)
