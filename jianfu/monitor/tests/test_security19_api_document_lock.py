"""security19 #4 (the other `api_once` callers): the monitor API read a document ledger's file for its length (as the
review reads it: seconds for a long PDF) inside its create transaction, which on SQLite holds the write lock
throughout. It is read before (`create_once`'s `before`); the create only writes, with the same length."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from jianfu.core.models import ApiRepeat
from jianfu.monitor import services
from jianfu.monitor.models import LedgerDocument

DOCUMENTS = "/api/v1/monitor/ledgers/document/"
TEXT = "关于做好低保核查工作的通知\n" + "核" * 4500


@pytest.fixture
def readings(monkeypatch):
    calls: list[bool] = []
    read = services._document_length

    def recorded(data, filename):
        calls.append(connection.in_atomic_block)
        return read(data, filename)

    monkeypatch.setattr(services, "_document_length", recorded)
    return calls


def _post(api, upload, title="低保核查通知"):
    return api.post(DOCUMENTS, {"date": "2025-03-01", "title": title, "doc_kind": "special", "file": upload},
                    format="multipart")


@pytest.mark.django_db(transaction=True)   # no test transaction around the request: in_atomic_block is the API's
def test_a_document_is_read_once_outside_the_create_transaction(world, readings):
    api = world.api_client("dept_housing")
    response = _post(api, SimpleUploadedFile("通知.txt", TEXT.encode("utf-8")))
    assert response.status_code == 201, response.content
    assert (readings, response.json()["length"]) == ([False], len("关于做好低保核查工作的通知") + 4500)
    assert (LedgerDocument.objects.get().length, ApiRepeat.objects.count()) == (len(TEXT) - 1, 1)


@pytest.mark.django_db(transaction=True)
def test_an_unreadable_document_is_refused_as_before(world, readings):
    api = world.api_client("dept_housing")
    response = _post(api, SimpleUploadedFile("通知.docx", b"PK\x03\x04 not a docx"))
    assert response.status_code == 400
    assert (LedgerDocument.objects.count(), ApiRepeat.objects.count()) == (0, 0)
    assert readings == [False, True]   # tried before, and again by the create for its refusal in the view's order
