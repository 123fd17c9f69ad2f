"""mend33 #2: a village cadre's 登记收到的会议 form preset 会议层级 to 县级, so a meeting called by 曲樟乡 was saved as
县级 unless the cadre noticed. The form now starts on an empty choice that stands for the issuer's level: a township
issuer's meeting is 乡镇级, a county department's 县级; a level chosen by hand is kept."""

from __future__ import annotations

import pytest

from jianfu.core.formtokens import token_new
from jianfu.monitor import ledgers, services
from jianfu.monitor.models import LedgerMeeting

pytestmark = pytest.mark.django_db


def _post(world, issuer: str, **extra):
    data = {"form_token": token_new(), "date": "2026-11-03", "title": "村书记培训", "issuer": issuer,
            "duration_minutes": "120", **extra}
    return world.client("village_a").post("/monitor/ledgers/meeting/new/", data)


def test_the_form_preselects_no_level_but_the_issuers():
    page_fields = ledgers.fields_of("meeting")
    level = next(s for s in page_fields if s.name == "level")
    assert level.blank == "提出要求的单位的层级（乡镇召开的为乡镇级）"
    assert "level" not in ledgers.DEFAULTS


def test_the_register_form_starts_on_the_issuers_level(world):
    page = world.client("village_a").get("/monitor/ledgers/meeting/new/",
                                         {"next": "/monitor/received/"}).content.decode()
    select = page[page.index('<select name="level"'):]
    select = select[:select.index("</select>")]
    assert '<option value="">提出要求的单位的层级（乡镇召开的为乡镇级）</option>' in select
    assert " selected" not in select     # nothing preset: 县级 was


@pytest.mark.parametrize(("issuer", "level"), [("曲樟乡", "town"), ("林业局", "county"), ("曲木村委会", "village")])
def test_a_meeting_left_without_a_level_takes_its_issuers(world, issuer, level):
    response = _post(world, issuer)
    assert response.status_code == 302
    assert list(LedgerMeeting.objects.values_list("issuer_name", "level")) == [(issuer, level)]


def test_a_level_chosen_by_hand_is_kept(world):
    assert _post(world, "曲樟乡", level="county").status_code == 302
    assert list(LedgerMeeting.objects.values_list("level", flat=True)) == ["county"]


def test_an_import_without_a_level_takes_the_issuers_and_the_guide_says_so(world):
    created = services.ledger_bulk_create(actor=world.users["county_office"], kind="meeting", rows=[
        (2, {"date": "2026-11-03", "title": "乡镇例会", "issuer": "曲樟乡", "target": "曲木村委会",
             "duration_minutes": "60"})])
    assert len(created) == 1
    assert list(LedgerMeeting.objects.values_list("level", flat=True)) == ["town"]
    level = next(s for s in ledgers.fields_of("meeting") if s.name == "level")
    assert "留空按“提出要求的单位的层级（乡镇召开的为乡镇级）”" in ledgers.instruction(level)


def test_clearing_the_level_on_an_edit_takes_the_issuers(world):
    row = services.ledger_create(actor=world.users["village_a"], kind="meeting", data={
        "date": "2026-11-03", "title": "乡镇例会", "issuer": "曲樟乡", "duration_minutes": "60", "level": "county"})
    assert row.level == "county"
    services.ledger_update(actor=world.users["village_a"], kind="meeting", pk=row.pk, data={"level": ""})
    assert LedgerMeeting.objects.get(pk=row.pk).level == "town"
