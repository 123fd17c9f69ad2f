"""`Guarded`: an upload for tests that fails when read past a byte (mend19b #2: what a form reads of an oversized file)."""

from __future__ import annotations

import io


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
