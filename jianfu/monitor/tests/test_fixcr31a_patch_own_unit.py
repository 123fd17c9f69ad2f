"""fixcr31a #2: a ledger PATCH naming the row's own issuer or target (as the client read it back) was refused as a move
(badinput31 #4 refused any value). The value is resolved as a new row's is and refused only when it is another unit."""

from __future__ import annotations

import pytest

from jianfu.core.models import AuditRecord
from jianfu.monitor.models import LedgerMeeting

pytestmark = pytest.mark.django_db

URL = "/api/v1/monitor/ledgers/meeting/"
MOVED = "“%s”不能修改；要改为其他单位，请删除这条记录后重新填报。"


def _row_and_audits(pk: int) -> tuple:
    return (LedgerMeeting.objects.filter(pk=pk).values_list("title", "issuer_code", "org_code", "duration_minutes")
            .get(), AuditRecord.objects.filter(action="monitor.meeting.update").count())


def _meeting(api) -> int:
    response = api.post(URL, {"date": "2025-03-01", "title": "村会", "duration_minutes": 60, "issuer": "林业局"},
                        format="json")
    assert response.status_code == 201
    return response.json()["id"]


@pytest.mark.parametrize("own", [
    {"issuer": "林业局"}, {"issuer": "450521000000D02"}, {"target": "450521200206"}, {"target": "曲木村"},
    {"target": "曲木村委会"}, {"target": "450521200206001"},          # a grid's burden is its village's, as on create
    {"issuer": "林业局", "target": "450521200206"},
])
def test_a_patch_naming_the_rows_own_units_writes_the_other_fields(world, own):
    api = world.api_client("village_a")
    pk = _meeting(api)
    response = api.patch(f"{URL}{pk}/", {**own, "title": "村民代表会", "duration_minutes": 45}, format="json")
    assert response.status_code == 200, response.json()
    assert _row_and_audits(pk) == (("村民代表会", "450521000000D02", "450521200206", 45), 1)


def test_a_department_names_itself(world):
    api = world.api_client("dept_forestry")
    pk = api.post(URL, {"date": "2025-03-01", "title": "林业会", "duration_minutes": 60, "target": "450521200206"},
                  format="json").json()["id"]
    response = api.patch(f"{URL}{pk}/", {"issuer": "林业局", "title": "林业调度会"}, format="json")
    assert response.status_code == 200, response.json()
    assert _row_and_audits(pk) == (("林业调度会", "450521000000D02", "450521200206", 60), 1)


@pytest.mark.parametrize(("body", "field", "label"), [
    ({"issuer": "住房和城乡建设局", "title": "改名"}, "issuer", "提出要求的单位"),
    ({"issuer": "450521000000D01", "title": "改名"}, "issuer", "提出要求的单位"),
    ({"issuer": "火星局", "title": "改名"}, "issuer", "提出要求的单位"),     # resolves to nothing: not the row's
    ({"target": "450521200201", "title": "改名"}, "target", "被要求的单位"),
    ({"target": "曲樟乡", "title": "改名"}, "target", "被要求的单位"),
    ({"issuer": "林业局", "target": "璋嘉村", "title": "改名"}, "target", "被要求的单位"),
])
def test_another_unit_is_still_refused_with_nothing_written(world, body, field, label):
    api = world.api_client("village_a")
    pk = _meeting(api)
    before = _row_and_audits(pk)
    assert before == (("村会", "450521000000D02", "450521200206", 60), 0)
    response = api.patch(f"{URL}{pk}/", body, format="json")
    assert response.status_code == 400
    message = MOVED % label
    assert response.json()["error"] == {"code": "invalid", "message": message, "fields": {field: [message]}}
    assert _row_and_audits(pk) == before
