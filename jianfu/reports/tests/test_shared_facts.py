"""newuser15 F3 — 一表同享: a fact shared by two forms is one stored value. Typed in one report, the village's other
open reports of the period show it at once; a report already 报送 keeps what it sent and is flagged, to the village
and to whoever receives it ("与《…》共用的数据已变更"), until it is returned and sent again. And the 返贫 form's
rules (data, ADR 0021) refuse more newly identified households than households monitored."""

from __future__ import annotations

import html
import re

import pytest

from jianfu.core.errors import ApplicationError
from jianfu.core.models import AuditRecord
from jianfu.reports import selectors, services
from jianfu.reports.catalog import forms_load
from jianfu.reports.models import ManualValue, Submission, Template

pytestmark = pytest.mark.django_db
PERIOD = "202611"
NY_NAME = "巩固拓展脱贫攻坚成果防止返贫监测帮扶月报表"
NY_MANUAL = {"monitor_new_households": "0", "monitor_cleared_households": "0", "industry_support_households": "1",
             "microcredit_households": "0"}


@pytest.fixture
def forms(world):
    forms_load(actor=None)
    village = world.users["village_a"]
    rs = services.submission_generate(actor=village, template=Template.objects.get(code="rs_employment"),
                                      org_code=world.village_a.code, period=PERIOD)
    ny = services.submission_generate(actor=village, template=Template.objects.get(code="nync_poverty_monitoring"),
                                      org_code=world.village_a.code, period=PERIOD)
    return rs, ny


def test_an_open_report_shows_the_shared_figure_at_once(world, forms):
    rs, ny = forms
    assert ny.values["migrant_workers_out"] is None
    services.submission_fill(actor=world.users["village_a"], submission=rs,
                             values={"new_jobs": "2", "migrant_workers_out": "37"})
    ny = Submission.objects.get(pk=ny.pk)
    assert (ny.values["migrant_workers_out"], ny.status, ny.version) == (37.0, "generated", 2)
    assert AuditRecord.objects.filter(action="reports.submission.shared_update", object_id=str(ny.pk)).count() == 1
    page = world.client("village_a").get(f"/reports/submissions/{ny.pk}/").content.decode()
    assert 'name="cell_migrant_workers_out" value="37"' in page      # a count reloads as "37" (newuser15 F13)
    assert 'id="shared-changed"' not in page


def test_a_sent_report_that_now_disagrees_is_flagged_not_changed(world, forms):
    rs, ny = forms
    village, town = world.users["village_a"], world.users["town_quzhang"]
    rs = services.submission_fill(actor=village, submission=rs, values={"new_jobs": "2", "migrant_workers_out": "0"})
    rs = services.submission_submit(actor=village, submission=rs)
    assert selectors.shared_changes(rs) == []
    # the 返贫 report, returned for 外出务工人数, is corrected to 9 and sent again
    services.submission_fill(actor=village, submission=ny, values={**NY_MANUAL, "migrant_workers_out": "9"})
    assert ManualValue.objects.get(element__code="migrant_workers_out", org_code=rs.org_code).value == 9
    sent = Submission.objects.get(pk=rs.pk)
    assert (sent.status, sent.values["migrant_workers_out"], sent.version) == ("submitted", 0.0, rs.version)
    assert selectors.shared_changes(sent) == [{"cell": "migrant_workers_out", "label": "外出务工人数", "sent": "0",
                                                "now": "9", "shared_with": [NY_NAME]}]
    line = f"与《{NY_NAME}》共用的数据已变更：「外出务工人数」本表报送时为 0，现为 9。"
    for who, advice in (("village_a", "本表已报送，报送的数值不变；如需按新数值报送，请联系乡镇退回本表后重新报送。"),
                        ("town_quzhang", "本表报送的数值不变。如以新数值为准，由乡镇退回村（社区）重新报送。")):
        page = world.client(who).get(f"/reports/submissions/{rs.pk}/").content.decode()
        assert 'id="shared-changed"' in page and line in page and advice in page, who
    # returned, the form shows the shared figure now; sent again, the flag is gone
    rs = services.submission_return(actor=town, submission=sent, reason="外出务工人数与返贫监测月报不一致")
    assert rs.values["migrant_workers_out"] == 9.0 and selectors.shared_changes(rs) == []
    rs = services.submission_submit(actor=village, submission=rs)
    assert rs.values["migrant_workers_out"] == 9.0 and selectors.shared_changes(rs) == []


def test_an_approved_report_stays_locked_and_says_so(world, forms):
    rs, ny = forms
    village = world.users["village_a"]
    rs = services.submission_fill(actor=village, submission=rs, values={"new_jobs": "2", "migrant_workers_out": "5"})
    rs = services.submission_approve(actor=world.users["town_quzhang"],
                                     submission=services.submission_submit(actor=village, submission=rs))
    services.submission_fill(actor=village, submission=ny, values={"migrant_workers_out": "6"})
    locked = Submission.objects.get(pk=rs.pk)
    assert (locked.status, locked.values["migrant_workers_out"]) == ("approved", 5.0)
    assert [(c["sent"], c["now"]) for c in selectors.shared_changes(locked)] == [("5", "6")]
    page = world.client("village_a").get(f"/reports/submissions/{rs.pk}/").content.decode()
    assert "「外出务工人数」本表报送时为 5，现为 6。" in page and "本表已审核锁定，报送的数值不变。" in page


def test_more_new_households_than_households_monitored_is_refused(world, forms):
    _rs, ny = forms
    village = world.users["village_a"]
    ny = services.submission_fill(actor=village, submission=ny,
                                  values={**NY_MANUAL, "monitor_new_households": "23", "migrant_workers_out": "9"})
    monitored = ny.values["monitor_households"]
    assert monitored == 0
    assert [c["message"] for c in ny.checks] == [
        "「本期新识别监测对象户数」（23）不能大于「防返贫监测对象户数」（0）。"]
    with pytest.raises(ApplicationError, match="未通过校验，不能报送：「本期新识别监测对象户数」（23）不能大于"):
        services.submission_submit(actor=village, submission=ny)
    assert Submission.objects.get(pk=ny.pk).status == "generated"
    ny = services.submission_fill(actor=village, submission=ny, values={"monitor_new_households": "0"})
    assert services.submission_submit(actor=village, submission=ny).status == "submitted"


# ---------------------------------------------------------------- codereview16 #2, #4: a page opened before another
# form changed a shared figure, and saves that change nothing


def _form(page: str) -> dict[str, str]:
    """The fill form as the browser would post it: every box and hidden shown_ figure, as drawn."""
    return {name: html.unescape(value) for name, value in
            re.findall(r'name="((?:cell|shown|comment)_[A-Za-z0-9_]+)" value="([^"]*)"', page)}


def _migrant() -> float | None:
    row = ManualValue.objects.filter(element__code="migrant_workers_out").first()
    return None if row is None else float(row.value)


def test_a_box_left_as_drawn_on_an_older_page_keeps_the_shared_figure(world, forms):
    """B (返贫) opened with 外出务工人数 empty; A (就业) saved 37; B saved from the older page: the figure stays 37,
    A is not rewritten, and B says that its box followed the other form."""
    rs, ny = forms
    village, client = world.users["village_a"], world.client("village_a")
    stale = _form(client.get(f"/reports/submissions/{ny.pk}/").content.decode())
    assert (stale["cell_migrant_workers_out"], stale["shown_migrant_workers_out"]) == ("", "")
    rs = services.submission_fill(actor=village, submission=rs, values={"new_jobs": "2", "migrant_workers_out": "37"})
    typed = {**stale, **{f"cell_{k}": v for k, v in NY_MANUAL.items()}}
    saved = client.post(f"/reports/submissions/{ny.pk}/fill/", typed, follow=True)
    page = saved.content.decode()
    assert saved.redirect_chain == [(f"/reports/submissions/{ny.pk}/", 302)]
    assert ('<div class="alert alert-warning" role="alert">打开本页后本村其他报表改动了共用的手工填报项，'
            "本表已随之更新：外出务工人数（与就业月报共用） 空 → 37。</div>") in page
    assert _migrant() == 37.0
    assert Submission.objects.get(pk=ny.pk).values["migrant_workers_out"] == 37.0
    assert Submission.objects.get(pk=rs.pk).version == rs.version          # A not rewritten
    assert 'name="cell_migrant_workers_out" value="37"' in page and 'name="shown_migrant_workers_out" value="37"' in page


def test_an_older_figure_left_as_drawn_is_not_written_back_over_a_sent_report(world, forms):
    """With an older non-empty figure on B's page, A got the old figure back and a sent A was flagged
    "共用数据已变更"; now B's save keeps 37 and A stays as sent, unflagged."""
    rs, ny = forms
    village, client = world.users["village_a"], world.client("village_a")
    services.submission_fill(actor=village, submission=ny, values={**NY_MANUAL, "migrant_workers_out": "30"})
    stale = _form(client.get(f"/reports/submissions/{ny.pk}/").content.decode())
    rs = services.submission_fill(actor=village, submission=Submission.objects.get(pk=rs.pk),
                                  values={"new_jobs": "2", "migrant_workers_out": "37"})
    rs = services.submission_submit(actor=village, submission=rs)
    assert client.post(f"/reports/submissions/{ny.pk}/fill/", stale).status_code == 302
    assert _migrant() == 37.0
    assert selectors.shared_changes(Submission.objects.get(pk=rs.pk)) == []
    assert (stale["cell_migrant_workers_out"], stale["shown_migrant_workers_out"]) == ("30", "30")


def test_a_box_changed_on_an_older_page_is_refused_naming_the_figure_now(world, forms):
    """The user typed 40 where the page showed empty, while A saved 37: refused (409), nothing written, the box keeps
    40 marked with the reason, the other typing kept; saving that page again means 40."""
    rs, ny = forms
    village, client = world.users["village_a"], world.client("village_a")
    stale = _form(client.get(f"/reports/submissions/{ny.pk}/").content.decode())
    rs = services.submission_fill(actor=village, submission=rs, values={"new_jobs": "2", "migrant_workers_out": "37"})
    ny = Submission.objects.get(pk=ny.pk)
    before = (ny.version, ny.values, rs.version, ManualValue.objects.count(), AuditRecord.objects.count())
    typed = {**stale, "cell_migrant_workers_out": "40", "cell_industry_support_households": "1"}
    refused = client.post(f"/reports/submissions/{ny.pk}/fill/", typed)
    page = refused.content.decode()
    reason = ("「外出务工人数（与就业月报共用）」在打开本页后已由本村其他报表改为 37（本页打开时为 空），本次未保存。"
              "以您填写的数值为准请再点“保存”；以 37 为准请将该项改为 37。")
    assert refused.status_code == 409
    assert f'<div class="alert alert-error" role="alert">{reason}其他已填写的数值未丢失。</div>' in page
    assert f'<div class="field-error" id="err-migrant_workers_out" role="alert">{reason}</div>' in page
    again = _form(page)
    assert (again["cell_migrant_workers_out"], again["shown_migrant_workers_out"]) == ("40", "37")
    assert (again["cell_industry_support_households"], again["shown_industry_support_households"]) == ("1", "")
    ny = Submission.objects.get(pk=ny.pk)
    assert (ny.version, ny.values, Submission.objects.get(pk=rs.pk).version, ManualValue.objects.count(),
            AuditRecord.objects.count()) == before
    assert _migrant() == 37.0
    # the user keeps 40: saving the page as it came back writes it, and the open 就业 form follows
    assert client.post(f"/reports/submissions/{ny.pk}/fill/", again).status_code == 302
    assert _migrant() == 40.0
    assert Submission.objects.get(pk=rs.pk).values["migrant_workers_out"] == 40.0


def test_a_submit_from_an_older_page_sends_nothing_it_did_not_show(world, forms):
    """报送 from B's older page (30 shown, A has since saved 37, the box left as drawn) is refused once: the page
    comes back showing 37 （原为 30）, and the next 报送 sends 37."""
    rs, ny = forms
    village, client = world.users["village_a"], world.client("village_a")
    services.submission_fill(actor=village, submission=ny, values={**NY_MANUAL, "migrant_workers_out": "30"})
    stale = _form(client.get(f"/reports/submissions/{ny.pk}/").content.decode())
    services.submission_fill(actor=village, submission=Submission.objects.get(pk=rs.pk),
                             values={"migrant_workers_out": "37"})
    refused = client.post(f"/reports/submissions/{ny.pk}/submit/", stale)
    page = refused.content.decode()
    assert refused.status_code == 409
    assert ("打开本页后本村其他报表改动了共用的手工填报项，1 项已随之更新，本次未报送：外出务工人数（与就业月报共用） 30 → 37。"
            "请核对更新后的数值，再点“报送”。") in page
    assert "（原为 30）" in page and Submission.objects.get(pk=ny.pk).status == "generated"
    assert client.post(f"/reports/submissions/{ny.pk}/submit/", _form(page)).status_code == 302
    sent = Submission.objects.get(pk=ny.pk)
    assert (sent.status, sent.values["migrant_workers_out"]) == ("submitted", 37.0)


def test_a_save_that_changes_nothing_rewrites_no_other_report(world, forms):
    """codereview16 #4: three identical saves moved the 返贫 form's version 2 → 5 with 4 shared_update records."""
    rs, ny = forms
    village = world.users["village_a"]
    for _ in range(3):
        services.submission_fill(actor=village, submission=rs, values={"new_jobs": "2", "migrant_workers_out": "37"})
    ny = Submission.objects.get(pk=ny.pk)
    assert (ny.version, ny.values["migrant_workers_out"]) == (2, 37.0)
    assert AuditRecord.objects.filter(action="reports.submission.shared_update").count() == 1
    fills = [a.changes for a in AuditRecord.objects.filter(action="reports.submission.fill", object_id=str(rs.pk))
             .order_by("pk")]
    assert fills == [{"new_jobs": "2", "migrant_workers_out": "37", "violations": 0},
                     {"violations": 0}, {"violations": 0}]
    # the same figure written another way ("37.00", "037") is no change either (3.7e1 is refused: newuser20 #9)
    services.submission_fill(actor=village, submission=rs, values={"migrant_workers_out": "37.00"})
    services.submission_fill(actor=village, submission=rs, values={"migrant_workers_out": "037"})
    assert Submission.objects.get(pk=ny.pk).version == 2
