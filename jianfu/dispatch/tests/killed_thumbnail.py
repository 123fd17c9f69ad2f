"""A process that the test kills with SIGKILL (kill -9) while it makes a stored photo's thumbnail for the first time
(used by test_thumbnail_killed.py).

    python -m jianfu.dispatch.tests.killed_thumbnail MEDIA_ROOT PHOTO_NAME KILL_POINT

runs `thumbnails.thumbnail_ensure` (what the thumbnail's first request does) on the default storage under MEDIA_ROOT; at
KILL_POINT it prints KILL_POINT on stdout and waits there for the test's SIGKILL. KILL_POINT is `decode` (reading and
scaling the photo, nothing written yet) or `write` (half the thumbnail's bytes written to its temporary file and
flushed to disk)."""

from __future__ import annotations

import os
import sys
import time


def _stop_at(kill_point: str) -> None:
    print(kill_point, flush=True)
    time.sleep(120)  # the test kills the process here
    raise SystemExit(4)


class _HalfWriter:
    def __init__(self, file, kill_point: str):
        self.file, self.kill_point = file, kill_point

    def write(self, data: bytes) -> int:
        self.file.write(data[: len(data) // 2])
        self.file.flush()
        os.fsync(self.file.fileno())
        _stop_at(self.kill_point)
        return 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.file.close()


def main(media_root: str, name: str, kill_point: str) -> None:
    os.environ["JIANFU_MEDIA_ROOT"] = media_root
    import django

    django.setup()
    from django.core.files.storage import default_storage

    from jianfu.core import thumbnails

    if kill_point == "decode":
        decode = thumbnails.thumbnail_of

        def decoding(data: bytes) -> bytes:
            _stop_at(kill_point)
            return decode(data)

        thumbnails.thumbnail_of = decoding
    elif kill_point == "write":
        fdopen = os.fdopen
        thumbnails.os.fdopen = lambda fd, *args, **kwargs: _HalfWriter(fdopen(fd, *args, **kwargs), kill_point)
    else:
        raise SystemExit(f"unknown kill point {kill_point}")
    thumbnails.thumbnail_ensure(default_storage, name)
    raise SystemExit(3)  # the kill point was never reached: the test fails on this exit code


if __name__ == "__main__":
    main(*sys.argv[1:])
