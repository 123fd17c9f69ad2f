"""security18 #1, #5 through the page a department uses (the monitor's ledger import): a workbook listing 128,000
sheets of one part, more sheets than the cap, or a DTD after a 70 KB comment is refused with its reason, nothing
written (the checks themselves: jianfu/core/tests/test_xlsx_listing.py)."""

from __future__ import annotations

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.core.tests.test_xlsx_listing import DTD, LOL, SAME_PART, listing, with_shared_strings
from jianfu.monitor.models import LedgerMeeting

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("build", "message"), [
    (lambda: listing(128_000), SAME_PART),
    (lambda: listing(501, rid=None), "文件有 501 个工作表，超过 500 个的上限，请删除无关的工作表后重新上传"),
    (lambda: with_shared_strings(b'<?xml version="1.0"?><!--' + b"x" * 70_000 + b"-->" + LOL), DTD),
])
def test_the_ledger_import_refuses_them_and_writes_nothing(world, build, message):
    before = (LedgerMeeting.objects.count(), AuditRecord.objects.count())
    r = world.client("dept_forestry").post("/monitor/ledgers/meeting/import/",
                                           {"form_token": token_new(), "file": SimpleUploadedFile("会议.xlsx", build())})
    assert r.status_code == 400
    assert message in html.unescape(r.content.decode())
    assert (LedgerMeeting.objects.count(), AuditRecord.objects.count()) == before
