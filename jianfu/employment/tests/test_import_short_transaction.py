"""N04 (session 11): while a worker imported 37,878 postings a login failed with "database is locked". The import
validates and prepares every row (the occupation classifier included) before it opens its one write transaction,
which then only inserts: the lock is held for the writes alone."""

from __future__ import annotations

import io

import pytest
from django.db import connection

from jianfu.employment import parsing, postings
from jianfu.employment.models import Posting, PostingImport

ROWS = 60


def _csv() -> io.BytesIO:
    lines = ["单位名称,岗位名称,工作地点,岗位描述,月薪"]
    lines += [f"合浦县测试厂{n % 7},包装工{n},廉州镇,包装打包{n}号线,3000-4000" for n in range(ROWS)]
    return io.BytesIO(("\n".join(lines) + "\n").encode())


@pytest.mark.django_db(transaction=True)
def test_rows_are_prepared_before_the_write_transaction_and_written_in_one(world, monkeypatch):
    classified_inside: list[bool] = []
    real = parsing.posting_occupation

    def spy(*args, **kwargs):
        classified_inside.append(connection.in_atomic_block)
        return real(*args, **kwargs)

    monkeypatch.setattr(parsing, "posting_occupation", spy)
    writes: list[str] = []

    def record(execute, sql, params, many, context):
        if connection.in_atomic_block and sql.lstrip().upper().startswith(("INSERT", "UPDATE")):
            writes.append(sql.split()[2].strip('"') if sql.lstrip().upper().startswith("INSERT") else "UPDATE")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        result = postings.posting_import(actor=world.users["county_office"], file=_csv(), filename="jobs.csv")
    assert result.errors == [] and result.batch.status == PostingImport.Status.COMMITTED
    assert Posting.objects.count() == ROWS
    # every row classified, none of them while the write lock was held
    assert (len(classified_inside), any(classified_inside)) == (ROWS, False)
    # the transaction: the batch, the 7 new employers and the 60 postings in one statement each, the counts, the audit
    # record and its chain
    assert writes == ["employment_postingimport", "registry_organisation", "employment_posting", "UPDATE",
                      "core_auditrecord", "core_auditchainhead", "UPDATE", "UPDATE"]
