"""The keyed audit chain (ADR 0018): sealing and verifying N records, against floors measured in the same run.

Rows:
- `audit seal N`: `seal_pending()` chaining N unsealed records (per record: check its HMAC mac, compute the
  HMAC link, one batched UPDATE). Floor: the same UPDATEs with digests computed beforehand (plain
  `executemany`, no hashing) — what writing the chain costs at least.
- `audit verify N`: `verify_chain()` (every record's HMAC link, the head, forged and stale rows, anchors).
  Floor: reading the same rows and computing a plain, unkeyed SHA-256 chain over them — the pre-0018
  check. The ratio is the price of the key, the mac and the extra checks.
Each timed sealing starts from the same unsealed state (reset untimed).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from bench.common import SMOKE, peak_mb, row, setup_django, timed

N = 300 if SMOKE else int(os.environ.get("JIANFU_BENCH_AUDIT_N", "50000"))
REPEAT = 1 if SMOKE else 3
DB = Path("var/bench/audit_smoke.sqlite3" if SMOKE else "var/bench/audit.sqlite3")


def _populate() -> None:
    from django.db import transaction

    from jianfu.core.audit import audit_record
    from jianfu.core.models import AuditRecord

    if AuditRecord.objects.count() == N:
        return
    AuditRecord.objects.all()._raw_delete(AuditRecord.objects.db)
    for start in range(0, N, 1000):
        with transaction.atomic():
            for i in range(start, min(N, start + 1000)):
                audit_record(actor=None, action="bench.record.write", object_type="bench.record", object_id=i,
                             org_code="450521200206", changes={"i": i, "名称": "曲木村", "值": [i, i + 1]})


def _unseal() -> None:
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("UPDATE core_auditrecord SET seq = NULL, digest = NULL, prev_digest = '', forged = false")
        cur.execute("UPDATE core_auditchainhead SET digest = %s, count = 0 WHERE id = 1", ["0" * 64])


def run() -> list[dict]:
    DB.parent.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("JIANFU_AUDIT_SEAL_INTERVAL", "3600")  # records stay unsealed until timed
    setup_django(str(DB))
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction

    from jianfu.core import audit
    from jianfu.core.models import AuditChainHead, AuditRecord

    settings.JIANFU_AUDIT_ANCHOR_PATH = ""
    call_command("migrate", verbosity=0)
    AuditChainHead.objects.get_or_create(pk=1)
    _populate()
    _unseal()
    fields = list(AuditRecord.objects.order_by("id").values_list("id", *audit.HASHED_FIELDS))

    def floor_updates():
        digest, updates = audit.GENESIS, []
        for n, rec in enumerate(fields, start=1):
            nxt = f"{n:064d}"
            updates.append((n, digest, nxt, rec[0]))
            digest = nxt
        with transaction.atomic(), connection.cursor() as cur:
            cur.executemany("UPDATE core_auditrecord SET seq = %s, prev_digest = %s, digest = %s WHERE id = %s",
                            updates)

    def timed_reset(fn):
        timings = []
        import time

        for _ in range(REPEAT):
            _unseal()
            started = time.perf_counter()
            fn()
            timings.append(time.perf_counter() - started)
        return sorted(timings)[len(timings) // 2]

    seal_s = timed_reset(lambda: audit.seal_pending(batch=5000))
    floor_seal_s = timed_reset(floor_updates)
    _unseal()
    audit.seal_pending(batch=5000)
    problems = list(audit.verify_chain(anchor_path=""))

    def unkeyed_chain():
        prev = audit.GENESIS
        for rec in AuditRecord.objects.order_by("seq").values_list(*audit.HASHED_FIELDS).iterator(5000):
            prev = hashlib.sha256((prev + audit._canonical(dict(zip(audit.HASHED_FIELDS, rec, strict=True))))
                                  .encode()).hexdigest()
        return prev

    verify_s, _ = timed(lambda: list(audit.verify_chain(anchor_path="")), repeat=REPEAT, warmup=0)
    floor_verify_s, _ = timed(unkeyed_chain, repeat=REPEAT, warmup=0)
    return [
        row(f"audit seal {N:,} records (keyed, mac checked)", seal_s, floor_median_s=floor_seal_s,
            records_per_s=round(N / seal_s)),
        row(f"audit verify {N:,} records (keyed)", verify_s, floor_median_s=floor_verify_s,
            peak=peak_mb(lambda: list(audit.verify_chain(anchor_path=""))), records_per_s=round(N / verify_s),
            problems=len(problems)),
    ]


if __name__ == "__main__":
    from bench.__main__ import print_table

    print_table(run())
