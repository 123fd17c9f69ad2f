"""`record_upload_reads` (mend22b #2): the one helper the multipart-upload tests use to see what the server read."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import InMemoryUploadedFile, SimpleUploadedFile, TemporaryUploadedFile

from jianfu.core.testing.uploads import record_upload_reads


def test_reads_of_received_uploads_are_recorded_and_the_client_s_own_files_are_not(monkeypatch) -> None:
    names = record_upload_reads(monkeypatch)
    received = InMemoryUploadedFile(io.BytesIO(b"abc"), "file", "收到的.txt", "text/plain", 3, None)
    assert received.read() == b"abc"
    temporary = TemporaryUploadedFile("临时.txt", "text/plain", 0, None)
    temporary.write(b"xyz")
    temporary.seek(0)
    assert temporary.read(2) == b"xy"
    temporary.close()
    assert SimpleUploadedFile("客户端.txt", b"def").read() == b"def"
    assert names == ["收到的.txt", "临时.txt"]
