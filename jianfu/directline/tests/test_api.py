"""/api/v1/directline/: the public endpoints (no authentication) and the handlers' endpoints."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from jianfu.directline import services
from jianfu.directline.models import Attachment, Report
from jianfu.directline.tests.factories import PASSPHRASE, TOWN, county_key_with_handler


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (10, 10), (1, 2, 3)).save(out, format="PNG")
    return out.getvalue()


@pytest.mark.django_db
def test_public_submit_follow_answer_and_handler_read(world):
    county_key_with_handler(world)
    public = world.api_client(None)
    refused = public.post("/api/v1/directline/public/reports/", {
        "place": TOWN, "category": "app", "text": "某应用要求打卡，有问题打 13912345678。"}, format="json")
    assert refused.status_code == 400
    assert refused.json()["error"]["code"] == "identifiers_found"
    assert Report.objects.count() == 0
    response = public.post("/api/v1/directline/public/reports/", {
        "place": TOWN, "category": "app", "text": "某应用要求每天定位打卡两次并按积分排名。",
        "attachments": SimpleUploadedFile("a.png", _png(), content_type="image/png")}, format="multipart")
    assert response.status_code == 201
    code = response.json()["receipt_code"]
    assert Attachment.objects.count() == 1
    followed = public.post("/api/v1/directline/public/follow/", {"code": code}, format="json").json()
    assert (followed["status"], followed["text"], followed["attachments"]) == (
        "new", "某应用要求每天定位打卡两次并按积分排名。", 1)
    services.digest_send(slot=timezone.now())
    handler = world.api_client("county_office")
    report = Report.objects.get()
    assert handler.post(f"/api/v1/directline/reports/{report.pk}/open/", {"passphrase": "错的口令错的口令错的口令"},
                        format="json").status_code == 400
    opened = handler.post(f"/api/v1/directline/reports/{report.pk}/open/", {"passphrase": PASSPHRASE}, format="json")
    assert opened.json()["text"] == "某应用要求每天定位打卡两次并按积分排名。"
    asked = handler.post(f"/api/v1/directline/reports/{report.pk}/ask/",
                         {"question": "是哪个部门的应用？", "passphrase": PASSPHRASE}, format="json")
    assert asked.json()["status"] == "awaiting_reporter"
    answered = public.post("/api/v1/directline/public/answer/", {"code": code, "text": "县某局的。"}, format="json")
    assert answered.status_code == 201
    assert [m["text"] for m in answered.json()["messages"]] == ["是哪个部门的应用？", "县某局的。"]
    listed = handler.get("/api/v1/directline/reports/").json()
    assert [(r["id"], r["status"]) for r in listed] == [(report.pk, "in_review")]
    assert "text" not in listed[0]  # metadata only


@pytest.mark.django_db
def test_public_endpoints_ignore_a_token(world):
    """A token sent to the public endpoints is not read: the report is anonymous all the same."""
    county_key_with_handler(world)
    client = world.api_client("village_a")
    response = client.post("/api/v1/directline/public/reports/", {
        "place": TOWN, "category": "meeting", "text": "要求村干部参加三个重复的视频会议。"}, format="json")
    assert response.status_code == 201
    from jianfu.core.models import AuditRecord

    assert not AuditRecord.objects.filter(actor=world.users["village_a"]).exists()


@pytest.mark.django_db
def test_a_report_is_not_accepted_or_closed_through_the_api_without_the_passphrase(world):
    # N10: the API is stateless, so "unlocked" means the passphrase comes with the action
    from jianfu.core.models import AuditRecord
    from jianfu.directline.tests.factories import submitted

    county_key_with_handler(world)
    report, _code = submitted("某局要求每个村每周报送三张台账照片。")
    handler = world.api_client("county_office")
    url = f"/api/v1/directline/reports/{report.pk}"
    before = AuditRecord.objects.count()
    for action, body in (("accept", {}), ("close", {"note": "已办结。"}), ("ask", {"question": "是哪个局？"})):
        refused = handler.post(f"{url}/{action}/", body, format="json")
        assert (refused.status_code, refused.json()["error"]["code"]) == (400, "not_unlocked"), action
    wrong = handler.post(f"{url}/close/", {"note": "已办结。", "passphrase": "错的口令错的口令错的口令"}, format="json")
    assert (wrong.status_code, wrong.json()["error"]["code"]) == (400, "wrong_passphrase")
    assert Report.objects.filter(pk=report.pk).values_list("status", "outcome_sealed").get() == ("new", b"")
    assert list(AuditRecord.objects.values_list("action", flat=True)[before:]) == ["directline.handler.unlock_failed"]
    closed = handler.post(f"{url}/close/", {"note": "已督促该局停止报送。", "passphrase": PASSPHRASE}, format="json")
    assert (closed.status_code, closed.json()["status"]) == (200, "closed")


@pytest.mark.django_db
@pytest.mark.parametrize("place", ["450521200206", "450521000000D01", "x" * 20])
def test_a_place_that_is_not_a_county_or_township_is_an_error_about_place(world, place):
    # badinput15 #16: a village code gave 400 not_enabled “该县尚未开通直通车。”, keyed county.
    county_key_with_handler(world)
    response = world.api_client(None).post("/api/v1/directline/public/reports/", {
        "place": place, "category": "materials", "text": "村里每周要填三张重复的表，负担很重。"}, format="json")
    assert response.status_code == 400
    message = "请选择县级单位或本县的乡镇（街道）：反映地点应为县或乡镇（街道）代码，不能是村（社区）或其他单位。"
    assert response.json()["error"] == {"code": "unknown_place", "message": message, "fields": {"place": [message]}}
    assert Report.objects.count() == 0
