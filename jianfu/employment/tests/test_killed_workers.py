"""Kill-a-worker tests of the employment jobs: the hourly visit scan, the daily posting expiry and the web
posting import. A real worker process (`killed_worker.py`) runs the job on a file copy of the test database
and is killed with SIGKILL in the middle of it, after some of its writes; the database it leaves holds none of
them, and the next run gives exactly what one uninterrupted run gives — no duplicate visit task, no lost one.
"""

from __future__ import annotations

import datetime as dt
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from jianfu.core.testing.sqlite_copies import load_from, save_to
from jianfu.employment import importjobs, postings, visits
from jianfu.employment.models import (
    KeyStatus,
    Posting,
    PostingImport,
    PostingStatus,
    Referral,
    Visit,
    VisitTask,
)
from jianfu.employment.tests.factories import key_person_in, posting_in
from jianfu.employment.tests.test_postings import good, xlsx
from jianfu.registry.models import Organisation

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow,
              pytest.mark.skipif(connection.vendor != "sqlite", reason="the worker runs on a SQLite file copy")]
ROOT = Path(__file__).resolve().parents[3]
TODAY = dt.date(2026, 9, 10)
OTHER_COUNTY = "450522"  # a second county: the scan works county by county




def run_killed(db: Path, media: Path, job: str, arg: str, kill_point: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "jianfu.employment.tests.killed_worker", str(db), str(media), job,
                           arg, kill_point], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == -signal.SIGKILL, (proc.returncode, proc.stderr[-2000:])


def tasks() -> list[tuple]:
    return sorted(VisitTask.objects.values_list("dedupe_key", "key_person_id", "trigger", "due_on", "status",
                                                "escalated_on"))


def scan_world() -> None:
    """People of two counties for every rule: new, visited (periodic), referred, graduate, placed, and one
    whose task exists already."""
    key_person_in(identified_on=TODAY - dt.timedelta(days=20))
    visited = key_person_in(identified_on=TODAY - dt.timedelta(days=90))
    Visit.objects.create(key_person=visited, org_code=visited.org_code, visited_on=TODAY - dt.timedelta(days=40),
                         outcome="met")
    referred = key_person_in(identified_on=TODAY - dt.timedelta(days=60), status=KeyStatus.REFERRED)
    Visit.objects.create(key_person=referred, org_code=referred.org_code, visited_on=TODAY - dt.timedelta(days=6),
                         outcome="met")
    Referral.objects.create(key_person=referred, posting=posting_in(), org_code=referred.org_code,
                            referred_on=TODAY - dt.timedelta(days=5))
    key_person_in(identified_on=TODAY - dt.timedelta(days=3), is_graduate=True, graduation_year=TODAY.year)
    placed = key_person_in(identified_on=TODAY - dt.timedelta(days=30), status=KeyStatus.EMPLOYED)
    VisitTask.objects.create(key_person=placed, org_code=placed.org_code, trigger="new_unemployed", reason="x",
                             due_on=TODAY, dedupe_key=f"new:{placed.pk}")
    already = key_person_in(identified_on=TODAY - dt.timedelta(days=2))
    VisitTask.objects.create(key_person=already, org_code=already.org_code, trigger="new_unemployed", reason="x",
                             due_on=TODAY + dt.timedelta(days=5), dedupe_key=f"new:{already.pk}")
    for days in (15, 1):
        key_person_in(f"{OTHER_COUNTY}100001", None, identified_on=TODAY - dt.timedelta(days=days))


def expected_scan(tmp_path: Path) -> list[tuple]:
    """One uninterrupted scan of the same data (then the data is put back as it was)."""
    pristine = save_to(tmp_path / "pristine.sqlite3")
    counts = visits.visit_scan(today=TODAY)
    assert counts == {"created": 8, "cancelled": 1, "escalated": 3}
    result = tasks()
    load_from(pristine)
    return result


@pytest.mark.parametrize("kill_point", ["insert", "audit"])
def test_the_visit_scan_killed_mid_run_leaves_nothing_and_the_next_run_gives_the_uninterrupted_result(
        tmp_path, settings, kill_point):
    scan_world()
    before = tasks()
    expected = expected_scan(tmp_path)
    assert tasks() == before and len(expected) == len(before) + 8
    db = save_to(tmp_path / "worker.sqlite3")
    run_killed(db, settings.MEDIA_ROOT, "scan", TODAY.isoformat(), kill_point)
    load_from(db)
    assert tasks() == before  # nothing of the killed run was written
    visits.visit_scan(today=TODAY)
    assert tasks() == expected
    assert visits.visit_scan(today=TODAY) == {"created": 0, "cancelled": 0, "escalated": 0}
    assert tasks() == expected


def test_the_posting_expiry_killed_mid_run_leaves_nothing_and_the_next_run_finishes_it(tmp_path, settings):
    expired = [posting_in(valid_until=TODAY - dt.timedelta(days=d)).pk for d in (1, 2, 30)]
    kept = [posting_in(valid_until=TODAY).pk, posting_in(valid_until=None).pk,
            posting_in(valid_until=TODAY - dt.timedelta(days=3), status=PostingStatus.FLAGGED).pk]

    def statuses():
        return dict(Posting.objects.values_list("pk", "status"))

    before = statuses()
    db = save_to(tmp_path / "worker.sqlite3")
    run_killed(db, settings.MEDIA_ROOT, "expire", TODAY.isoformat(), "audit")
    load_from(db)
    assert statuses() == before
    assert postings.postings_expire(today=TODAY) == 3
    after = statuses()
    assert [after[pk] for pk in expired] == ["closed"] * 3
    assert [after[pk] for pk in kept] == ["open", "open", "flagged"]
    assert postings.postings_expire(today=TODAY) == 0 and statuses() == after


def test_the_posting_import_killed_mid_import_is_stale_writes_nothing_and_can_be_retried(world, tmp_path, settings,
                                                                                       monkeypatch):
    """Killed after every employer and posting is inserted, as it records its audit entry before commit."""
    queued: list[int] = []  # the queue: here the test hands the batch to the worker itself
    monkeypatch.setattr(importjobs, "_schedule", queued.append)
    rows = [good(1), good(2, 统一社会信用代码="", 单位名称="曲樟乡荔枝专业合作社"), good(3, 工作地点="广东东莞")]
    batch = importjobs.import_request(actor=world.users["county_office"],
                                      upload=SimpleUploadedFile("jobs.xlsx", xlsx(rows).getvalue()))
    before = (Posting.objects.count(), Organisation.objects.count())
    db = save_to(tmp_path / "worker.sqlite3")
    run_killed(db, settings.MEDIA_ROOT, "import", str(batch.pk), "audit")
    load_from(db)
    batch.refresh_from_db()
    assert (Posting.objects.count(), Organisation.objects.count()) == before
    assert batch.status == "committing" and batch.worker.startswith(f"{socket.gethostname()}:")
    assert importjobs.is_stale(batch) and batch.file  # its worker is gone; the upload is still there
    assert importjobs.import_recover_stale() == 1
    batch.refresh_from_db()
    assert batch.status == "interrupted" and batch.error_message.startswith("上次导入被中断")
    importjobs.import_retry(actor=world.users["county_office"], batch=batch)
    assert queued == [batch.pk, batch.pk]  # at the upload and at the retry
    importjobs.import_run(batch_id=batch.pk)
    batch.refresh_from_db()
    assert (batch.status, batch.created_count, batch.employers_created) == ("committed", 3, 2)
    assert Posting.objects.filter(batch=batch).count() == 3 and Posting.objects.count() == before[0] + 3
    assert PostingImport.objects.get(pk=batch.pk).file == ""


def test_the_seeker_import_killed_mid_import_is_stale_writes_nothing_and_can_be_retried(world, tmp_path, settings,
                                                                                      monkeypatch):
    """Session 15 (B15): killed after every person is taken in and profiled, as it records the batch committed and its
    audit entry, before commit: no key person, no profile, no status change; the batch is stale, then 已中断, and
    重新导入 takes the people in exactly once."""
    from jianfu.employment import seekerjobs
    from jianfu.employment.models import KeyPerson, SeekerImportBatch, SeekerProfile, StatusChange
    from jianfu.employment.tests.factories import person_in
    from jianfu.registry.services import person_id_number

    queued: list[int] = []
    monkeypatch.setattr(seekerjobs, "_schedule", queued.append)
    people = [person_in(name=f"测试{i}") for i in range(3)]
    text = "身份证号,人员类别,求职意向\n" + "".join(f"{person_id_number(p)},农村劳动力,想进厂\n" for p in people)
    batch = seekerjobs.import_request(actor=world.users["village_a"],
                                      upload=SimpleUploadedFile("求职登记.csv", text.encode("gbk")))

    def written():
        return KeyPerson.objects.count(), SeekerProfile.objects.count(), StatusChange.objects.count()

    assert written() == (0, 0, 0)
    db = save_to(tmp_path / "worker.sqlite3")
    run_killed(db, settings.MEDIA_ROOT, "seekers", str(batch.pk), "audit")
    load_from(db)
    batch.refresh_from_db()
    assert written() == (0, 0, 0)
    assert (batch.status, batch.done_count, batch.taken) == ("committing", 0, [])
    assert batch.worker.startswith(f"{socket.gethostname()}:") and batch.file
    assert seekerjobs.is_stale(batch)
    assert seekerjobs.import_recover_stale() == 1
    batch.refresh_from_db()
    assert batch.status == "interrupted" and batch.error_message.startswith("上次导入被中断")
    seekerjobs.import_retry(actor=world.users["village_a"], batch=batch)
    assert queued == [batch.pk, batch.pk]
    seekerjobs.import_run(batch_id=batch.pk)
    batch.refresh_from_db()
    assert (batch.status, batch.done_count) == ("committed", 3)
    assert written() == (3, 3, 3)
    assert SeekerImportBatch.objects.get(pk=batch.pk).taken == list(
        KeyPerson.objects.filter(person__in=people).order_by("id").values_list("pk", flat=True))
