"""直通车 county key rotation: re-sealing every report of a county (jianfu/directline/rotation.py).

Population: 10,000 reports (SMOKE: 40) of ~500 characters; every third has a question and an answer,
every tenth an outcome note, one in a hundred a 64 KiB attachment — all sealed to the county key, as
the services would write them.

Rows (each beside floors measured in the same run, on the same rows):
- rotate_10000_reports: `rotation_start` + `rotation_run` (batches of 200, one transaction each) until
  the old private key is destroyed. Wall and CPU time (user+sys of this process). Repeated by rotating
  again (each repeat rotates the key the previous one made).
- Floor `crypto+write`: the same work done by hand — every sealed blob opened and re-sealed in memory
  (no ORM), then the same columns rewritten with `executemany` UPDATEs in one transaction. The ratio is
  what the service adds (ORM objects, row locks, per-report conditional UPDATE, bookkeeping).
- crypto_only / write_only: the two halves of that floor, to show where the time goes.
"""

from __future__ import annotations

import os
import resource
import time
from pathlib import Path

from bench.common import SMOKE, row, setup_django

N = 40 if SMOKE else 10_000
REPEAT = 1 if SMOKE else 3
DB = Path("var/bench/keyrotation-smoke.sqlite3" if SMOKE else "var/bench/keyrotation.sqlite3")
COUNTY = "459901000000"


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _populate():
    """The county, its handler (personal slot layout) and N sealed reports. Returns (handler, private)."""
    from jianfu.accounts.models import User
    from jianfu.directline import sealing, services
    from jianfu.directline.models import Attachment, CountyKey, HandlerSlot, KeyRotation, Message, Report
    from jianfu.orgs.models import OrgUnit

    for model in (Attachment, Message, Report, KeyRotation, HandlerSlot, CountyKey):
        model.objects.all().delete()
    OrgUnit.objects.get_or_create(code=COUNTY, defaults={"name": "基准测试县", "kind": "county", "level": 3})
    user, _ = User.objects.get_or_create(username="bench_handler", defaults={
        "role": "county_office", "org_unit": OrgUnit.objects.get(code=COUNTY)})
    pair = sealing.new_key_pair()
    key = CountyKey.objects.create(org_code=COUNTY, public_key=pair.public, fingerprint=sealing.fingerprint(pair.public))
    salt = sealing.new_salt()
    HandlerSlot.objects.create(county_key=key, user=user, salt=salt, log_n=8, **services.personal_slot_fields(
        county_key_id=key.pk, user_id=user.pk, private=pair.private,
        wrapping_key=sealing.passphrase_key("bench-passphrase", salt=salt, log_n=8)))
    text = ("某局要求各村每周上报入户走访照片和台账，并在工作群打卡排名，村干部疲于应付。" * 15)[:500]
    reporter = sealing.new_key_pair()
    attachment_bytes = os.urandom(64 * 1024)
    reports, messages, attachments = [], [], []
    for i in range(N):
        report = Report(uid=f"bench{i:027d}", county_key=key, org_code=COUNTY, category="materials",
                        received_on="2026-11-02", updated_on="2026-11-02", receipt_hash=f"{i:064d}",
                        reporter_public=reporter.public, reporter_private_wrapped=b"x", body_for_reporter=b"x",
                        held=False, pending_digest=False)
        report.body_sealed = sealing.seal_text(text, recipient_public=pair.public, aad=report.aad("body"))
        if i % 10 == 0:
            report.outcome_sealed = sealing.seal_text("已督促整改。", recipient_public=pair.public,
                                                      aad=report.aad("outcome"))
        reports.append(report)
    Report.objects.bulk_create(reports, batch_size=1000)
    for i, report in enumerate(Report.objects.order_by("pk")):
        if i % 3 == 0:
            for n, author in enumerate(("office", "reporter")):
                message = Message(uid=f"m{i:026d}{n}", report=report, author=author, created_on="2026-11-03",
                                  sealed_for_reporter=b"x")
                message.sealed_for_county = sealing.seal_text("请问是哪个部门？", recipient_public=pair.public,
                                                              aad=message.aad())
                messages.append(message)
        if i % 100 == 0:
            attachment = Attachment(uid=f"a{i:031d}", report=report, content_type="image/png", extension="png",
                                    size=len(attachment_bytes))
            attachment.sealed_content = sealing.seal(attachment_bytes, recipient_public=pair.public,
                                                     aad=attachment.aad())
            attachments.append(attachment)
    Message.objects.bulk_create(messages, batch_size=1000)
    Attachment.objects.bulk_create(attachments, batch_size=100)
    return user, pair.private


def _floor(private: bytes) -> tuple[float, float, float]:
    """(crypto seconds, write seconds, CPU seconds) of re-sealing every county-sealed blob by hand."""
    from django.db import connection, transaction

    from jianfu.directline import sealing

    new_public = sealing.new_key_pair().public
    cpu = _cpu()
    started = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute("SELECT id, uid, body_sealed, outcome_sealed FROM directline_report")
        report_rows = cur.fetchall()
        cur.execute("SELECT m.id, r.uid, m.author, m.uid, m.sealed_for_county FROM directline_message m "
                    "JOIN directline_report r ON r.id = m.report_id")
        message_rows = cur.fetchall()
        cur.execute("SELECT a.id, r.uid, a.uid, a.sealed_content FROM directline_attachment a "
                    "JOIN directline_report r ON r.id = a.report_id")
        attachment_rows = cur.fetchall()

    def again(blob, aad):
        return sealing.seal(sealing.open_sealed(bytes(blob), private=private, aad=aad), recipient_public=new_public,
                            aad=aad)

    report_updates = [(again(body, f"directline:{uid}:body"),
                       again(outcome, f"directline:{uid}:outcome") if outcome else b"", pk)
                      for pk, uid, body, outcome in report_rows]
    message_updates = [(again(blob, f"directline:{uid}:message:{author}:{muid}"), pk)
                       for pk, uid, author, muid, blob in message_rows]
    attachment_updates = [(again(blob, f"directline:{uid}:attachment:{auid}"), pk)
                          for pk, uid, auid, blob in attachment_rows]
    crypto_s = time.perf_counter() - started
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cur:
        cur.executemany("UPDATE directline_report SET body_sealed = %s, outcome_sealed = %s WHERE id = %s",
                        report_updates)
        cur.executemany("UPDATE directline_message SET sealed_for_county = %s WHERE id = %s", message_updates)
        cur.executemany("UPDATE directline_attachment SET sealed_content = %s WHERE id = %s", attachment_updates)
        transaction.set_rollback(True)  # the rows stay sealed to the real key for the next repeat
    write_s = time.perf_counter() - started
    return crypto_s, write_s, _cpu() - cpu


def run() -> list[dict]:
    DB.parent.mkdir(parents=True, exist_ok=True)
    setup_django(str(DB))
    from django.core.management import call_command

    from jianfu.directline import rotation
    from jianfu.directline.models import KeyRotation, Message

    call_command("migrate", verbosity=0)
    user, private = _populate()
    walls, cpus, floors = [], [], []
    for _ in range(REPEAT):
        floors.append(_floor(private))
        cpu = _cpu()
        started = time.perf_counter()
        result = rotation.rotation_start(actor=user, private=private)
        done = rotation.rotation_run(actor=user, rotation=result.rotation, new_private=result.new_private)
        walls.append(time.perf_counter() - started)
        cpus.append(_cpu() - cpu)
        assert done and KeyRotation.objects.get(pk=result.rotation.pk).resealed == N
        private = result.new_private

    def median(values):
        return sorted(values)[len(values) // 2]

    crypto_s, write_s = median([f[0] for f in floors]), median([f[1] for f in floors])
    floor_s, floor_cpu = median([f[0] + f[1] for f in floors]), median([f[2] for f in floors])
    load = os.getloadavg()[0]
    return [
        row(f"rotate {N:,} reports (re-seal + destroy old key)", median(walls), floor_median_s=floor_s,
            cpu_s=round(median(cpus), 3), floor_cpu_s=round(floor_cpu, 3),
            cpu_ratio=round(median(cpus) / floor_cpu, 2) if floor_cpu else None,
            reports_per_s=round(N / median(walls)), messages=Message.objects.count(), load_1min=round(load, 2)),
        row("  floor: open+seal in memory only", crypto_s),
        row("  floor: executemany UPDATE only", write_s),
    ]


if __name__ == "__main__":
    from bench.__main__ import print_table

    print_table(run())
