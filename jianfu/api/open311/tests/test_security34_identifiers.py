"""security34 #1: the Open311 GETs are public (no key needed) and published a request's `description` as the reporter
typed it — a phone number or 身份证号 written into the text ("请联系我13907791234") was shown whole to anyone who listed
the county's requests, although the reporter's contact fields never appear and every page masks these numbers. The
description is published with them masked as `core.pii` masks them (ID: region prefix only; phone: 3 + 4 digits);
the event itself keeps the text as written for the staff who handle it."""

from __future__ import annotations

import json

import pytest

from jianfu.api.open311.adapter import request_id
from jianfu.core.pii import mask_identifiers

from .conftest import make_event

TEXT = "林地被占，请联系我13907791234或0779-7201234，身份证450521196804122485，住曲木村三队"
MASKED = "林地被占，请联系我139****1234或077*****1234，身份证4505**************，住曲木村三队"


def test_mask_identifiers_masks_each_number_and_keeps_the_rest():
    assert mask_identifiers(TEXT) == MASKED
    assert mask_identifiers("山林边界争议，涉及面积约12亩") == "山林边界争议，涉及面积约12亩"
    assert mask_identifiers("") == ""


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/open311/v2/requests.json", "/open311/v2/requests/{id}.json"])
def test_the_public_get_masks_numbers_typed_into_the_description(client, o311, url):
    event = make_event(text=TEXT, source="open311")
    response = client.get(url.format(id=request_id(event.pk)), {"jurisdiction_id": "450521"})   # no key: anyone
    assert response.status_code == 200
    body = response.content.decode()
    assert "13907791234" not in body
    assert "7201234" not in body
    assert "450521196804122485" not in body
    [doc] = [d for d in json.loads(body) if d["service_request_id"] == request_id(event.pk)]
    assert doc["description"] == MASKED
    event.refresh_from_db()
    assert event.text == TEXT      # the stored text, which the handling staff read, is unchanged


@pytest.mark.django_db
def test_the_xml_get_masks_them_too(client, o311):
    event = make_event(text=TEXT, source="citizen")
    body = client.get(f"/open311/v2/requests/{request_id(event.pk)}.xml", {"jurisdiction_id": "450521"}).content.decode()
    assert "450521196804122485" not in body and "13907791234" not in body
    assert f"<description>{MASKED}</description>" in body


@pytest.mark.django_db
def test_a_public_timeline_note_is_published_masked_in_status_notes_and_updates(client, o311):
    from django.utils import timezone

    from jianfu.dispatch.models import TimelineEntry

    event = make_event(text="山林边界争议", source="open311")
    entry = TimelineEntry.objects.create(event=event, action="resolve", note="已电话联系反映人13907791234，现场调处完毕。",
                                         public=True, to_status="resolved", at=timezone.now())
    listed = client.get("/open311/v2/requests.json", {"jurisdiction_id": "450521"})
    [doc] = [d for d in listed.json() if d["service_request_id"] == request_id(event.pk)]
    assert doc["status_notes"] == "已电话联系反映人139****1234，现场调处完毕。"
    updates = client.get("/open311/v2/servicerequestupdates.json",
                         {"jurisdiction_id": "450521", "service_request_id": request_id(event.pk)})
    assert updates.status_code == 200
    [update] = [u for u in updates.json() if u["update_id"] == str(entry.pk)]
    assert update["description"] == "已电话联系反映人139****1234，现场调处完毕。"
    assert "13907791234" not in listed.content.decode() + updates.content.decode()


@pytest.mark.django_db
def test_the_audit_log_names_a_reported_event_without_the_number_typed_into_it(client, o311):
    """security34 #3: an event is named in the audit log by its number and the start of its text (`Event.__str__`); a
    citizen's mobile typed there was kept in that log for good and shown on 审计日志. Now masked."""
    from jianfu.core.models import AuditRecord
    from jianfu.dispatch.models import Event

    from .conftest import HEPU_KEY

    response = client.post("/open311/v2/requests.json", {
        "api_key": HEPU_KEY, "service_code": "LY-001", "address_id": "450521200206", "attribute[kind]": "land",
        "attribute[area_mu]": "3", "description": "林地被占请联系13907791234谢谢"})
    assert response.status_code == 201
    event = Event.objects.get()
    assert event.text == "林地被占请联系13907791234谢谢"
    reprs = list(AuditRecord.objects.filter(object_type="dispatch.event").values_list("object_repr", flat=True))
    assert reprs and set(reprs) == {f"{event.number} 林地被占请联系139****1234谢谢"}
    assert str(event) == f"{event.number} 林地被占请联系139****1234谢谢"
