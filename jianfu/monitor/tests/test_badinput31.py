"""badinput31: bad input against 减负监测 — each refusal names the field in Chinese, and nothing is written."""

from __future__ import annotations

import pytest

from jianfu.core.models import AuditRecord
from jianfu.monitor.models import LedgerMeeting

pytestmark = pytest.mark.django_db

URL = "/api/v1/monitor/ledgers/meeting/"


def _row_and_audits(pk: int) -> tuple:
    return (LedgerMeeting.objects.filter(pk=pk).values_list("title", "issuer_code", "org_code", "duration_minutes")
            .get(), AuditRecord.objects.filter(action="monitor.meeting.update").count())


# ---- #4: a PATCH naming another unit answered 200 and left the row where it was (issuer and target stay)

@pytest.mark.parametrize(("body", "field", "message"), [
    ({"target": "450521200201", "title": "改名"}, "target",
     "“被要求的单位”不能修改；要改为其他单位，请删除这条记录后重新填报。"),
    ({"target": "璋嘉村"}, "target", "“被要求的单位”不能修改；要改为其他单位，请删除这条记录后重新填报。"),
    ({"issuer": "住房和城乡建设局", "duration_minutes": 30}, "issuer",
     "“提出要求的单位”不能修改；要改为其他单位，请删除这条记录后重新填报。"),
])
def test_a_patch_moving_the_row_is_refused_naming_the_field(world, body, field, message):
    api = world.api_client("village_a")
    pk = api.post(URL, {"date": "2025-03-01", "title": "村会", "duration_minutes": 60, "issuer": "林业局"},
                  format="json").json()["id"]
    before = _row_and_audits(pk)
    assert before == (("村会", "450521000000D02", "450521200206", 60), 0)
    response = api.patch(f"{URL}{pk}/", body, format="json")
    assert response.status_code == 400
    assert response.json()["error"] == {"code": "invalid", "message": message, "fields": {field: [message]}}
    assert _row_and_audits(pk) == before


def test_another_villages_row_is_still_not_found_first(world):
    pk = world.api_client("village_a").post(URL, {"date": "2025-03-01", "title": "村会", "duration_minutes": 60,
                                                  "issuer": "林业局"}, format="json").json()["id"]
    before = _row_and_audits(pk)
    response = world.api_client("village_b").patch(f"{URL}{pk}/", {"target": "450521200201"}, format="json")
    assert response.status_code == 404
    assert _row_and_audits(pk) == before


def test_a_patch_of_other_fields_with_an_empty_target_still_saves(world):
    api = world.api_client("village_a")
    pk = api.post(URL, {"date": "2025-03-01", "title": "村会", "duration_minutes": 60, "issuer": "林业局"},
                  format="json").json()["id"]
    response = api.patch(f"{URL}{pk}/", {"title": "村民代表会", "target": "", "issuer": None}, format="json")
    assert response.status_code == 200
    assert _row_and_audits(pk) == (("村民代表会", "450521000000D02", "450521200206", 60), 1)
