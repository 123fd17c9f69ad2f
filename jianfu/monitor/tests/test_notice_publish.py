"""Session 16 (newuser16 #8): a county notice has a body (正文) and a draft → 发布 step. Only the county office sees a
draft and publishes it (audited); a notice with neither cases nor body cannot be published; notices made before the
step (the migration) are published."""

from __future__ import annotations

import pytest

from jianfu.core.errors import ApplicationError, ConflictError
from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.monitor import services
from jianfu.monitor.models import Notice, NoticeStatus

pytestmark = pytest.mark.django_db

TITLE = "关于几起增加基层负担问题的通报"


def _state():
    return list(Notice.objects.order_by("id").values_list("id", "status", "published_at", "body"))


def test_a_new_notice_is_a_draft_only_the_county_office_sees(world):
    office = world.client("county_office")
    response = office.post("/monitor/notices/new/", {"title": TITLE, "issuer": "合浦县减负办", "date": "2026-12-01",
                                                     "body": "现将有关情况通报如下：\r\n一、某局要求每日打卡。",
                                                     "form_token": token_new()})
    notice = Notice.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/monitor/notices/{notice.pk}/"
    assert (notice.status, notice.published_at, notice.body) == (
        NoticeStatus.DRAFT, None, "现将有关情况通报如下：\n一、某局要求每日打卡。")
    page = office.get(f"/monitor/notices/{notice.pk}/").content.decode()
    assert "已保存为草稿，只有县减负办能看到。填写正文或添加案例后，点“发布”。" in page
    assert "<strong>草稿</strong>：尚未发布，各村（社区）、乡镇和部门看不到。" in page
    assert f'action="/monitor/notices/{notice.pk}/publish/"' in page
    assert "<p>现将有关情况通报如下：<br>一、某局要求每日打卡。</p>" in page
    assert '<small class="badge">草稿</small>' in office.get("/monitor/notices/").content.decode()
    for username in ("village_a", "town_quzhang", "dept_housing"):
        reader = world.client(username)
        assert reader.get(f"/monitor/notices/{notice.pk}/").status_code == 404, username
        assert TITLE not in reader.get("/monitor/notices/").content.decode(), username
        api = world.api_client(username)
        assert api.get(f"/api/v1/monitor/notices/{notice.pk}/").status_code == 404, username
        assert [n["id"] for n in api.get("/api/v1/monitor/notices/").json()].count(notice.pk) == 0, username
    # a village cannot publish it either: nothing changes
    before = _state()
    assert world.client("village_a").post(f"/monitor/notices/{notice.pk}/publish/").status_code == 404
    assert world.api_client("village_a").post(f"/api/v1/monitor/notices/{notice.pk}/publish/").status_code in (403, 404)
    assert _state() == before


def test_publishing_shows_it_to_villages_and_is_audited(world):
    office = world.users["county_office"]
    notice = services.notice_create(actor=office, data={"title": TITLE, "issuer": "合浦县减负办", "date": "2026-12-01"})
    services.notice_case_add(actor=office, notice_pk=notice.pk, data={
        "place": "县某局", "category": "fingertip", "summary": "要求村干部每日打卡", "rectification": "pending"})
    response = world.client("county_office").post(f"/monitor/notices/{notice.pk}/publish/", follow=True)
    assert "已发布，各村（社区）、乡镇和部门现在可以看到这份通报。" in response.content.decode()
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.PUBLISHED and notice.published_at is not None
    record = AuditRecord.objects.get(action="monitor.notice.publish")
    assert (record.object_id, record.actor_name, record.changes) == (
        str(notice.pk), office.display_name or office.username, {"status": ["draft", "published"], "cases": 1})
    page = world.client("village_a").get(f"/monitor/notices/{notice.pk}/")
    assert page.status_code == 200 and "要求村干部每日打卡" in page.content.decode()
    assert TITLE in world.client("village_a").get("/monitor/notices/").content.decode()
    # a second 发布 (a stale page): refused, said, nothing moved twice
    before, audits = _state(), AuditRecord.objects.filter(action="monitor.notice.publish").count()
    with pytest.raises(ConflictError, match="该通报已经发布，无需重复发布。"):
        services.notice_publish(actor=office, pk=notice.pk)
    again = world.client("county_office").post(f"/monitor/notices/{notice.pk}/publish/", follow=True)
    assert "该通报已经发布，无需重复发布。" in again.content.decode()
    assert _state() == before
    assert AuditRecord.objects.filter(action="monitor.notice.publish").count() == audits


def test_a_notice_with_no_cases_and_no_body_cannot_be_published(world):
    office = world.users["county_office"]
    notice = services.notice_create(actor=office, data={"title": TITLE, "issuer": "合浦县减负办", "date": "2026-12-01",
                                                        "body": " \n "})
    before = _state()
    with pytest.raises(ApplicationError) as caught:
        services.notice_publish(actor=office, pk=notice.pk)
    assert caught.value.message == "这份通报还没有正文，也没有通报案例，不能发布；请先填写“正文”或添加案例。"
    assert caught.value.status_code == 400
    response = world.client("county_office").post(f"/monitor/notices/{notice.pk}/publish/", follow=True)
    assert "这份通报还没有正文，也没有通报案例，不能发布；请先填写“正文”或添加案例。" in response.content.decode()
    api = world.api_client("county_office").post(f"/api/v1/monitor/notices/{notice.pk}/publish/")
    assert api.status_code == 400
    assert _state() == before
    assert not AuditRecord.objects.filter(action="monitor.notice.publish").exists()
    # a body alone is enough (a notice of the county's own work, no itemised case); through the API
    world.api_client("county_office").patch(f"/api/v1/monitor/notices/{notice.pk}/", {"body": "现将有关情况通报如下。"},
                                            format="json")
    published = world.api_client("county_office").post(f"/api/v1/monitor/notices/{notice.pk}/publish/")
    assert published.status_code == 200
    assert (published.json()["status"], published.json()["body"]) == ("published", "现将有关情况通报如下。")


def test_statistics_count_published_notices_only(world):
    from jianfu.monitor import selectors

    office = world.users["county_office"]
    notice = services.notice_create(actor=office, data={"title": TITLE, "issuer": "合浦县减负办", "date": "2026-12-01"})
    services.notice_case_add(actor=office, notice_pk=notice.pk, data={
        "place": "县某局", "category": "fingertip", "summary": "要求村干部每日打卡", "rectification": "pending"})
    assert selectors.notice_statistics(user=office)["by_level"]["county"]["cases"] == 0
    services.notice_publish(actor=office, pk=notice.pk)
    assert selectors.notice_statistics(user=office)["by_level"]["county"]["cases"] == 1


def test_the_migration_publishes_every_existing_notice(world):
    """Migration 0006: notices made before the draft step were visible at once — they are published, since then."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("jianfu.monitor.migrations.0006_notice_body_and_publishing")
    office = world.users["county_office"]
    older = [services.notice_create(actor=office, data={"title": f"通报{i}", "issuer": "合浦县减负办",
                                                         "date": "2025-03-01"}) for i in range(2)]
    Notice.objects.update(status=NoticeStatus.DRAFT, published_at=None)   # as the rows stand before the migration
    migration.existing_notices_are_published(apps, None)
    rows = list(Notice.objects.order_by("id").values_list("id", "status", "published_at", "created_at"))
    assert [(pk, status, at) for pk, status, at, _created in rows] == [
        (n.pk, "published", created) for n, (_p, _s, _a, created) in zip(older, rows, strict=True)]
    assert world.client("village_a").get(f"/monitor/notices/{older[0].pk}/").status_code == 200
