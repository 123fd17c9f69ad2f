"""newuser13 V13: a finding is set to 不属于问题 only with a reason, kept with the finding, audited and shown."""

from __future__ import annotations

import pytest

from jianfu.core.errors import ApplicationError
from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.monitor import services
from jianfu.monitor.models import Finding


def _finding(world) -> Finding:
    return services.finding_record_manual(actor=world.users["county_office"], issuer_code="450521000000D01",
                                          category="文件", summary="《关于做好森林防火工作的通知》未经评估即印发。",
                                          source="manual", source_ref="")


def _moves(finding: Finding) -> list[tuple[str, str]]:
    return [(r.action, r.changes.get("note", "")) for r in AuditRecord.objects.filter(
        object_type="monitor.finding", object_id=str(finding.pk)).exclude(action="monitor.finding.record")
        .order_by("id")]


@pytest.mark.parametrize("note", ["", "   "])
def test_dismissing_without_a_reason_is_refused_and_changes_nothing(world, note):
    finding = _finding(world)
    with pytest.raises(ApplicationError, match="请写明不属于问题的理由。") as exc:
        services.finding_dismiss(actor=world.users["county_office"], pk=finding.pk, note=note)
    assert exc.value.field == "note"
    finding.refresh_from_db()
    assert (finding.status, finding.resolution) == ("open", "")
    assert _moves(finding) == []


def test_the_reason_is_kept_audited_shown_and_survives_a_reopen(world):
    office = world.users["county_office"]
    finding = _finding(world)
    services.finding_dismiss(actor=office, pk=finding.pk, note="系林业局转发上级通知，非本级印发。")
    finding.refresh_from_db()
    assert (finding.status, finding.resolution) == ("dismissed", "系林业局转发上级通知，非本级印发。")
    services.finding_reopen(actor=office, pk=finding.pk)
    finding.refresh_from_db()
    # reopened, the status no longer reads as set aside; the history still says why it once was
    assert (finding.status, finding.resolution) == ("open", "")
    assert _moves(finding) == [("monitor.finding.dismissed", "系林业局转发上级通知，非本级印发。"),
                               ("monitor.finding.open", "")]
    html = world.client("county_office").get(f"/monitor/findings/{finding.pk}/").content.decode()
    assert "<h2>处理记录</h2>" in html
    assert " · county_office · 不属于问题：系林业局转发上级通知，非本级印发。</li>" in html
    assert " · county_office · 重新打开</li>" in html


def test_the_page_refuses_an_empty_reason_beside_the_note_and_keeps_the_finding_open(world):
    finding = _finding(world)
    client = world.client("county_office")
    page = client.get(f"/monitor/findings/{finding.pk}/").content.decode()
    assert "选择“不属于问题”时必须写明理由" in page
    response = client.post(f"/monitor/findings/{finding.pk}/transition/", {"to": "dismissed", "note": "",
                                                                    "form_token": token_new()})
    assert response.status_code == 400
    html = response.content.decode()
    assert '<span class="field-error" id="note-error" role="alert">请写明不属于问题的理由。</span>' in html
    assert 'aria-invalid="true"' in html
    finding.refresh_from_db()
    assert (finding.status, finding.resolution) == ("open", "")
    assert _moves(finding) == []
    # with a reason: dismissed, the reason on the finding and in its history
    response = client.post(f"/monitor/findings/{finding.pk}/transition/", {"to": "dismissed", "note": "重复登记",
                                                                    "form_token": token_new()})
    assert response.status_code == 302
    html = client.get(f"/monitor/findings/{finding.pk}/").content.decode()
    assert "<td>不属于问题：重复登记</td>" in html
    assert " · county_office · 不属于问题：重复登记</li>" in html
    # confirming still needs no note
    other = _finding(world)
    assert client.post(f"/monitor/findings/{other.pk}/transition/", {"to": "confirmed",
                                                                  "form_token": token_new()}).status_code == 302
    other.refresh_from_db()
    assert other.status == "confirmed"


def test_the_page_titles_a_rule_finding_by_its_name_and_names_the_actor_by_display_name(world):
    """newuser20 #6: the title read 年度发文数量不得超过上年 P1-DOC-COUNT and the history county_office; the code now sits
    small beside the rule's name under 规则, and the history names the account as it names itself (县减负办)."""
    from jianfu.monitor.models import Rule

    services.rules_seed()
    office = world.users["county_office"]
    office.display_name = "县减负办"
    office.save(update_fields=["display_name"])
    rule = Rule.objects.get(code="P1-DOC-COUNT")
    finding = Finding.objects.create(county_code="450521000000", org_code="450521000000",
                                     issuer_code="450521000000D01", issuer_name="林业局", rule=rule,
                                     rule_code=rule.code, category=rule.name, severity="medium", year=2026, month=12,
                                     summary="林业局 2026 年 12 件，多于上年的 10 件，须书面说明。")
    services.finding_dismiss(actor=office, pk=finding.pk, note="已书面说明。")
    html = world.client("county_office").get(f"/monitor/findings/{finding.pk}/").content.decode()
    assert "<h1>年度发文数量不得超过上年</h1>" in html
    assert html.count("P1-DOC-COUNT") == 1
    assert '<td id="finding-rule">年度发文数量不得超过上年 <small class="muted">P1-DOC-COUNT</small><br>' in html
    assert " · 县减负办 · 不属于问题：已书面说明。</li>" in html and "county_office" not in html


def test_a_transition_carries_a_one_time_token_and_a_replay_changes_nothing(world):
    """fix-token28: the finding's 处理 form carries the house's form_token (ADR 0035): without one the post is
    refused beside the note, nothing moved; the same post twice moves the finding once."""
    finding = _finding(world)
    client = world.client("county_office")
    page = client.get(f"/monitor/findings/{finding.pk}/").content.decode()
    assert page.count('<input type="hidden" name="form_token" value="') == 1
    response = client.post(f"/monitor/findings/{finding.pk}/transition/", {"to": "confirmed"})
    assert response.status_code == 400
    assert '<span class="field-error" id="note-error" role="alert">表单已失效，您填写的内容仍保留在页面上，' \
           '请核对后再次点击提交。</span>' in response.content.decode()
    finding.refresh_from_db()
    assert (finding.status, _moves(finding)) == ("open", [])
    confirm = {"to": "confirmed", "note": "已核实", "form_token": token_new()}
    assert client.post(f"/monitor/findings/{finding.pk}/transition/", confirm).status_code == 302
    assert client.post(f"/monitor/findings/{finding.pk}/transition/", confirm).status_code == 400
    finding.refresh_from_db()
    assert (finding.status, _moves(finding)) == ("confirmed", [("monitor.finding.confirmed", "已核实")])
