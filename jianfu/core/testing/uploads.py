"""`Guarded`: an upload for tests that fails when read past a byte (mend19b #2: what a form reads of an oversized file)."""

from __future__ import annotations

import io
from typing import Any


class Guarded(io.BytesIO):
    """An upload that fails the test when anything past byte `allowed` is read (0: nothing may be read), with a
    declared `size` when given (Django's uploads have one)."""

    def __init__(self, data: bytes, *, allowed: int, size: int | None = None):
        super().__init__(data)
        self.allowed = allowed
        if size is not None:
            self.size = size

    def read(self, n: int | None = -1) -> bytes:
        chunk = super().read(n)
        if self.tell() > self.allowed:
            raise AssertionError(f"read to byte {self.tell()} of an upload, past {self.allowed}")
        return chunk


def record_upload_reads(monkeypatch: Any) -> list[str]:
    """Patch Django's uploaded files so that every read the server does is recorded: returns the list the names of the
    uploaded files read are appended to (the test client's encoding of its own SimpleUploadedFiles is not counted). The
    one way the multipart-upload tests see what a view read of a posted file (mend22b #2)."""
    from django.core.files.uploadedfile import InMemoryUploadedFile, SimpleUploadedFile, TemporaryUploadedFile

    names: list[str] = []

    def read(self: Any, *args: Any) -> bytes:
        if not isinstance(self, SimpleUploadedFile):
            names.append(self.name)
        data: bytes = self.file.read(*args)
        return data

    for cls in (InMemoryUploadedFile, TemporaryUploadedFile):
        monkeypatch.setattr(cls, "read", read, raising=False)
    return names
