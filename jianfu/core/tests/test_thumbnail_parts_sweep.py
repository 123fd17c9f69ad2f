"""mend23a #4: a thumbnail write killed mid-way leaves its `.thumb-*.part` temporary file; the next thumbnail written
into the same folder removes those STALE_PART_SECONDS (30 min) old or older and keeps younger ones (a write that may
still be in progress) and every other file."""

from __future__ import annotations

import os
import time

from django.core.files.storage import FileSystemStorage

from jianfu.core import thumbnails
from jianfu.core.testing.thumbnails import noise_jpeg


def _plant(folder, name: str, age_seconds: float, now: float) -> None:
    path = folder / name
    path.write_bytes(b"half a thumbnail")
    os.utime(path, (now - age_seconds, now - age_seconds))


def test_the_next_write_into_the_folder_removes_stale_parts_and_keeps_fresh_ones(tmp_path):
    assert thumbnails.STALE_PART_SECONDS == 1800
    folder = tmp_path / "dispatch" / "photos" / "2026" / "12"
    folder.mkdir(parents=True)
    now = time.time()
    _plant(folder, ".thumb-old1.part", 31 * 60, now)          # a write killed 31 minutes ago
    _plant(folder, ".thumb-old2.part", 3 * 86400, now)        # … three days ago
    _plant(folder, ".thumb-fresh.part", 5, now)               # a write that may still be going on
    _plant(folder, ".thumb-young.part", 29 * 60, now)         # not yet old enough
    _plant(folder, "7-ab12.part", 3 * 86400, now)             # not a thumbnail's temporary file
    _plant(folder, "7-ab12.jpg", 3 * 86400, now)              # a photo
    storage = FileSystemStorage(location=tmp_path)
    data = thumbnails.thumbnail_of(noise_jpeg())
    thumbnails.thumbnail_save(storage, "dispatch/photos/2026/12/8-cd34.thumb.jpg", data)
    assert sorted(os.listdir(folder)) == [".thumb-fresh.part", ".thumb-young.part", "7-ab12.jpg", "7-ab12.part",
                                          "8-cd34.thumb.jpg"]
    assert (folder / "8-cd34.thumb.jpg").read_bytes() == data


def test_a_write_into_another_folder_leaves_this_one_alone(tmp_path):
    (tmp_path / "a").mkdir()
    now = time.time()
    _plant(tmp_path / "a", ".thumb-old.part", 3600, now)
    thumbnails.thumbnail_save(FileSystemStorage(location=tmp_path), "b/1.thumb.jpg", b"jpeg")
    assert os.listdir(tmp_path / "a") == [".thumb-old.part"]


def test_the_age_boundary_is_exact(tmp_path):
    now = 1_800_000_000.0
    _plant(tmp_path, ".thumb-at.part", 1800, now)
    _plant(tmp_path, ".thumb-under.part", 1799, now)
    assert thumbnails.sweep_stale_parts(str(tmp_path), now=now) == 1
    assert os.listdir(tmp_path) == [".thumb-under.part"]
    assert thumbnails.sweep_stale_parts(str(tmp_path), now=now) == 0
    assert thumbnails.sweep_stale_parts(str(tmp_path / "missing"), now=now) == 0


def test_a_busy_folder_is_swept_once_a_minute_per_process(tmp_path, monkeypatch):
    clock = [1_800_000_000.0]
    monkeypatch.setattr(thumbnails, "time", type("Clock", (), {"time": staticmethod(lambda: clock[0])}))
    storage = FileSystemStorage(location=tmp_path)
    thumbnails.thumbnail_save(storage, "1.thumb.jpg", b"jpeg")         # swept now (nothing to remove)
    _plant(tmp_path, ".thumb-old.part", 3600, clock[0])
    clock[0] += 59
    thumbnails.thumbnail_save(storage, "2.thumb.jpg", b"jpeg")         # 59 s later: not swept again
    assert ".thumb-old.part" in os.listdir(tmp_path)
    clock[0] += 1
    thumbnails.thumbnail_save(storage, "3.thumb.jpg", b"jpeg")         # 60 s later: swept
    assert sorted(os.listdir(tmp_path)) == ["1.thumb.jpg", "2.thumb.jpg", "3.thumb.jpg"]
