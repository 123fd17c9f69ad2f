"""ops28 #3: with Redis (the task queue and the cache) down, a write that committed is not answered with a 500.

Measured on PostgreSQL + Redis (session 28): a village cadre saved a seeker's 求职意向 and got "服务器出错了" although
the profile was saved; a posting upload was committed as 排队导入 behind the same 500. The after-commit hooks that queue
the follow-up work now log the failure (logger `jianfu.queue`, ERROR) and let the request finish; the periodic jobs
catch up (the daily index warm, the hourly visit scan, the stale-import recovery)."""

from __future__ import annotations

import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.tests.cache_down import CacheDown, refuse
from jianfu.employment import importjobs, seekerjobs, services, tasks
from jianfu.employment.models import PostingImport, SeekerImportBatch, SeekerProfile
from jianfu.employment.tests.factories import key_person_in, person_in
from jianfu.employment.tests.test_postings import good, xlsx


@pytest.mark.django_db(transaction=True)
def test_a_profile_saved_while_redis_is_down_is_answered_as_saved(world, settings, monkeypatch, caplog):
    """The request's own commit runs the hook (a transactional test): before the fix the client raised the
    ConnectionError of `schedule_index_warm`'s cache.add — the 500 the cadre saw."""
    settings.JIANFU_MATCH_WARM = True
    monkeypatch.setattr(tasks, "cache", CacheDown())
    kp = key_person_in()
    with caplog.at_level(logging.ERROR, logger="jianfu.queue"):
        response = world.client("village_a").post(
            f"/employment/people/{kp.pk}/profile/",
            {"desired_text": "想进厂做分拣，离家近", "wage": "3000以上", "places": ["town"]},
        )
    assert (response.status_code, response["Location"]) == (302, f"/employment/people/{kp.pk}/jobs/")
    assert SeekerProfile.objects.get(key_person=kp).desired_text == "想进厂做分拣，离家近"
    # one line per committed write that asked for a warm (the person, the key person, the profile)
    assert caplog.records and {r.getMessage().split(":")[0] for r in caplog.records} == {
        "could not queue the seeker index warm"
    }


@pytest.mark.django_db
def test_a_posting_upload_with_the_queue_down_is_kept_queued(
    world, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(tasks, "posting_import_task", refuse)
    with (
        caplog.at_level(logging.ERROR, logger="jianfu.queue"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        batch = importjobs.import_request(
            actor=world.users["county_office"],
            upload=SimpleUploadedFile("jobs.xlsx", xlsx([good(1)]).getvalue()),
        )
    stored = PostingImport.objects.get(pk=batch.pk)
    assert (stored.status, bool(stored.file), stored.lease_until is not None) == ("queued", True, True)
    assert len(caplog.records) == 1
    assert caplog.records[0].getMessage().startswith(f"could not queue posting import batch {batch.pk}: ")
    assert "重新导入" in caplog.records[0].getMessage()


@pytest.mark.django_db
def test_a_seeker_upload_with_the_queue_down_is_kept_queued(
    world, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    from jianfu.registry.services import person_id_number

    monkeypatch.setattr(tasks, "seeker_import_task", refuse)
    text = f"身份证号,人员类别,求职意向\n{person_id_number(person_in(name='测试'))},农村劳动力,想进厂\n"
    with (
        caplog.at_level(logging.ERROR, logger="jianfu.queue"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        batch = seekerjobs.import_request(
            actor=world.users["village_a"], upload=SimpleUploadedFile("求职登记.csv", text.encode("gbk"))
        )
    assert SeekerImportBatch.objects.get(pk=batch.pk).status == "queued"
    assert len(caplog.records) == 1
    assert caplog.records[0].getMessage().startswith(f"could not queue seeker import batch {batch.pk}: ")


@pytest.mark.django_db
def test_a_key_persons_visit_scan_with_the_queue_down_is_left_to_the_hourly_scan(
    monkeypatch, caplog, django_capture_on_commit_callbacks
):
    kp = key_person_in()
    monkeypatch.setattr(tasks, "visit_scan_person_task", refuse)
    with (
        caplog.at_level(logging.ERROR, logger="jianfu.queue"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services._schedule_scan(kp.pk)
    assert len(caplog.records) == 1
    message = caplog.records[0].getMessage()
    assert message.startswith(f"could not queue the visit scan of key person {kp.pk}: ")
    assert message.endswith("the hourly visit scan makes them")
