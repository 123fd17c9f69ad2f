"""The monitor's uploads (ledger documents, notices, ledger imports) say a refused file's size only when it declared
one (mend21 #1): read to the limit + 1 bytes, that was shown as the file's size ("附件大小为 20.0 MB")."""

from __future__ import annotations

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.errors import ApplicationError
from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.core.testing.uploads import Guarded
from jianfu.monitor import services, xlsx
from jianfu.monitor.models import LedgerMeeting

LIMIT = services.MAX_ATTACHMENT_BYTES


@pytest.mark.parametrize(("size", "message"), [(200 * 2**20, "附件大小为 200.0 MB，超过 20 MB 的上限。"),
                                               (None, "附件大小超过 20 MB 的上限。")])
def test_an_oversized_attachment_says_its_size_only_when_it_declared_one(size, message):
    upload = Guarded(b"x" * (LIMIT + 10), allowed=0 if size else LIMIT + 1, size=size)
    with pytest.raises(ApplicationError) as refused:
        services.read_upload(upload)
    assert (refused.value.code, refused.value.field, refused.value.message) == ("too_large", "file", message)


@pytest.mark.django_db
def test_an_oversized_ledger_import_is_a_file_not_an_attachment_and_nothing_is_written(world):
    big = SimpleUploadedFile("会议.xlsx", b"PK" + b"0" * xlsx.MAX_BYTES)
    response = world.client("dept_forestry").post("/monitor/ledgers/meeting/import/", {"form_token": token_new(), "file": big})
    assert response.status_code == 400
    assert "文件大小为 10.1 MB，超过 10 MB 的上限。" in html.unescape(response.content.decode())
    assert LedgerMeeting.objects.count() == 0
    assert not AuditRecord.objects.filter(action="monitor.meeting.import").exists()
