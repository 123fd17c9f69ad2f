"""quality27 #3: the API's 添加案例 (POST /api/v1/monitor/notices/<pk>/cases/) under the API's one replay guard
(`api.repeats.create_once`, ADR 0036), as the review API (mend20 #3) and the direct line: a client's retry with the
same Idempotency-Key is answered with the first case and creates nothing; the key reused with another body is
refused (400, in Chinese) and stores nothing. The header is in the endpoint's OpenAPI schema."""

from __future__ import annotations

import pytest
from drf_spectacular.generators import SchemaGenerator

from jianfu.core.models import ApiRepeat, AuditRecord
from jianfu.monitor import services
from jianfu.monitor.models import NoticeCase

pytestmark = pytest.mark.django_db
KEY = "c" * 40
CASE = {"place": "县某局", "category": "fingertip", "summary": "要求村干部每天在 3 个 APP 打卡", "rectification": "pending"}


@pytest.fixture
def notice(world):
    return services.notice_create(actor=world.users["county_office"], data={
        "title": "关于几起增加基层负担问题的通报", "issuer": "合浦县减负办", "date": "2026-12-01"})


def _stored(notice) -> tuple[list[tuple[str, str]], int, int]:
    cases = [(c.place, c.summary) for c in NoticeCase.objects.filter(notice=notice).order_by("pk")]
    return cases, AuditRecord.objects.filter(action="monitor.notice.case_add").count(), ApiRepeat.objects.count()


def test_a_retry_with_the_same_key_is_answered_with_the_first_case(world, notice):
    api = world.api_client("county_office")
    url = f"/api/v1/monitor/notices/{notice.pk}/cases/"
    first = api.post(url, CASE, format="json", HTTP_IDEMPOTENCY_KEY=KEY)
    assert first.status_code == 201, first.content
    again = api.post(url, CASE, format="json", HTTP_IDEMPOTENCY_KEY=KEY)
    assert (again.status_code, again["Idempotent-Replayed"], again.json()) == (201, "true", first.json())
    assert again.json()["id"] == NoticeCase.objects.get().pk
    assert _stored(notice) == ([("县某局", CASE["summary"])], 1, 1)


def test_the_key_reused_with_another_body_is_refused_and_stores_nothing(world, notice):
    api = world.api_client("county_office")
    url = f"/api/v1/monitor/notices/{notice.pk}/cases/"
    assert api.post(url, CASE, format="json", HTTP_IDEMPOTENCY_KEY=KEY).status_code == 201
    before = _stored(notice)
    reused = api.post(url, {**CASE, "place": "县另一局"}, format="json", HTTP_IDEMPOTENCY_KEY=KEY)
    assert (reused.status_code, reused.json()["error"]["code"], reused.json()["error"]["message"]) == (
        400, "idempotency_key_reused", "Idempotency-Key 已用于内容不同的另一请求：请为新的请求使用新的键。")
    assert "Idempotent-Replayed" not in reused
    assert _stored(notice) == before == ([("县某局", CASE["summary"])], 1, 1)


def test_the_header_is_in_the_endpoints_schema():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    post = schema["paths"]["/api/v1/monitor/notices/{id}/cases/"]["post"]
    headers = {p["name"]: p for p in post["parameters"] if p["in"] == "header"}
    assert list(headers) == ["Idempotency-Key"]
    header = headers["Idempotency-Key"]
    # optional (OpenAPI leaves `required: false` out), the key's pattern, the replay rule told in Chinese
    assert ("required" in header, header["schema"], header["description"][:12]) == (
        False, {"type": "string", "pattern": "^[A-Za-z0-9_-]{32,64}$"}, "可选的一次性键：32–6")
