"""The bad-input attack of session 16 (/work/briefs/badinput16-REPORT.md): its monitor findings as tests."""

from __future__ import annotations

import pytest

from jianfu.core.models import AuditRecord
from jianfu.monitor import services
from jianfu.monitor.models import LedgerMeeting, Notice

pytestmark = pytest.mark.django_db

MEETING = {"date": "2026-11-02", "title": "并发会议", "issuer": "住房和城乡建设局", "duration_minutes": "60"}


def _ledger_form(response) -> dict:
    """The edit form as the browser would send it back (a checked box sends "1", an unchecked one nothing)."""
    data = {"version": response.context["version"]}
    for f in response.context["fields"]:
        name, value = f["spec"].name, f["value"]
        if f["spec"].type == "bool":
            if value and str(value) not in ("0", "False"):
                data[name] = "1"
        else:
            data[name] = "" if value is None else str(value)
    return data


class TestLostUpdates:
    """#3: two tabs on one edit page: tab 1 saved field A, tab 2 saved field B and silently wrote A back."""

    def test_ledger_edit_refuses_the_stale_tab_naming_what_changed(self, world):
        row = services.ledger_create(actor=world.users["village_a"], kind="meeting", data=MEETING)
        url = f"/monitor/ledgers/meeting/{row.pk}/edit/"
        tab1, tab2 = world.client("village_a"), world.client("village_a")
        form1, form2 = _ledger_form(tab1.get(url)), _ledger_form(tab2.get(url))
        assert tab1.post(url, {**form1, "duration_minutes": "90"}).status_code == 302
        saved = LedgerMeeting.objects.values_list("duration_minutes", "note", "updated_at").get(pk=row.pk)
        audits = AuditRecord.objects.count()

        r = tab2.post(url, {**form2, "note": "第二个标签页的备注"})
        assert r.status_code == 409
        message = r.context["error"].message
        assert message.startswith("您在打开表单之后已经保存过这条记录（可能是重复提交），本次没有保存。您保存过的修改：会议时长（分钟）：“60”改为“90”（village_a，")
        assert message.endswith("。您填写的内容已保留，请核对后再次保存。")
        # nothing written; the typing kept; the form now carries the current version
        assert LedgerMeeting.objects.values_list("duration_minutes", "note", "updated_at").get(pk=row.pk) == saved
        assert AuditRecord.objects.count() == audits
        assert {f["spec"].name: f["value"] for f in r.context["fields"]}["note"] == "第二个标签页的备注"
        again = _ledger_form(r)
        assert again["version"] != form2["version"]
        # saving again after checking is a deliberate save, with the duration the user now sees
        assert tab2.post(url, {**again, "duration_minutes": "90"}).status_code == 302
        assert LedgerMeeting.objects.values_list("duration_minutes", "note").get(pk=row.pk) == (90, "第二个标签页的备注")

    def test_notice_edit_refuses_the_stale_tab_naming_what_changed(self, world):
        office = world.users["county_office"]
        notice = services.notice_create(actor=office, data={"title": "关于5起形式主义典型问题的通报",
                                                            "issuer": "合浦县减负办", "date": "2026-11-20"})
        url = f"/monitor/notices/{notice.pk}/edit/"
        tab1, tab2 = world.client("county_office"), world.client("county_office")
        form1, form2 = tab1.get(url).context["form"], tab2.get(url).context["form"]
        assert form1["version"] and form1 == form2
        assert tab1.post(url, {**form1, "issuer": "合浦县纪委监委"}).status_code == 302
        saved = list(Notice.objects.values_list("title", "issuer", "updated_at"))
        audits = AuditRecord.objects.count()

        r = tab2.post(url, {**form2, "title": "关于6起典型问题的通报"})
        assert r.status_code == 409
        message = r.context["error"].message
        assert message.startswith("您在打开表单之后已经保存过这条记录（可能是重复提交），本次没有保存。您保存过的修改：通报机关：“合浦县减负办”改为“合浦县纪委监委”（county_office，")
        assert list(Notice.objects.values_list("title", "issuer", "updated_at")) == saved
        assert AuditRecord.objects.count() == audits
        assert r.context["form"]["title"] == "关于6起典型问题的通报"
        assert f'value="{r.context["form"]["version"]}"' in r.content.decode()
        assert r.context["form"]["version"] != form2["version"]

    def test_the_api_and_an_unchanged_save_are_not_refused(self, world):
        row = services.ledger_create(actor=world.users["village_a"], kind="meeting", data=MEETING)
        url = f"/monitor/ledgers/meeting/{row.pk}/edit/"
        client = world.client("village_a")
        stale = _ledger_form(client.get(url))
        services.ledger_update(actor=world.users["village_a"], kind="meeting", pk=row.pk, data={"title": "改名"})
        # the same values as now: nothing to lose, nothing refused
        assert client.post(url, {**stale, "title": "改名"}).status_code == 302
        assert LedgerMeeting.objects.values_list("title", flat=True).get(pk=row.pk) == "改名"
