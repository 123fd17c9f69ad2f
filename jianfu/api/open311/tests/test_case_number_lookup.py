"""newuser15 finding 2: `GET requests/<id>` also takes the 受理编号 the reporter was given (HP…), and answers
with the same public document as the request id — nothing more — within the client's county."""

from __future__ import annotations

import json

import pytest

from .conftest import HEPU_KEY, TIESHAN_KEY, make_event

pytestmark = pytest.mark.django_db
BASE = "/open311/v2"


def test_get_request_by_the_citizens_case_number(client, o311):
    event = make_event(text="村口的桥栏杆断了", source="citizen", case_number="HP2612000024")
    by_id = client.get(f"{BASE}/requests/WG{event.pk:08d}.json", {"api_key": HEPU_KEY})
    for typed in ("HP2612000024", "hp2612000024"):
        resp = client.get(f"{BASE}/requests/{typed}.json", {"api_key": HEPU_KEY})
        assert resp.status_code == 200
        assert resp.content == by_id.content
        [item] = json.loads(resp.content)
        assert (item["service_request_id"], item["description"]) == (f"WG{event.pk:08d}", "村口的桥栏杆断了")
    xml = client.get(f"{BASE}/requests/HP2612000024.xml", {"jurisdiction_id": "450521"})
    assert xml.status_code == 200 and f"<service_request_id>WG{event.pk:08d}</service_request_id>" in xml.content.decode()


def test_unknown_internal_or_other_county_case_numbers_are_404(client, o311):
    make_event(text="网格员上报", source="grid", case_number="HP2612000025")   # not public through Open311
    make_event(text="群众上报", source="citizen", case_number="HP2612000026")
    for typed, key in (("HP2612000099", HEPU_KEY), ("HP2612000025", HEPU_KEY), ("HP2612000026", TIESHAN_KEY)):
        resp = client.get(f"{BASE}/requests/{typed}.json", {"api_key": key})
        assert resp.status_code == 404
        assert json.loads(resp.content) == [{"code": 404, "description": f"找不到诉求 service_request_id={typed}。"}]
