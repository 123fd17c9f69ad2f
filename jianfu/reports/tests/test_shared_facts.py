"""newuser15 F3 — 一表同享: a fact shared by two forms is one stored value. Typed in one report, the village's other
open reports of the period show it at once; a report already 报送 keeps what it sent and is flagged, to the village
and to whoever receives it ("与《…》共用的数据已变更"), until it is returned and sent again. And the 返贫 form's
rules (data, ADR 0021) refuse more newly identified households than households monitored."""

from __future__ import annotations

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
