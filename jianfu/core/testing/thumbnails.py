"""What every app's thumbnail tests check alike (`jianfu.core.thumbnails`: event photos, visit photos): a worst-case
photo, a response's bytes, a thumbnail made once then reused, a thumbnail refused exactly as its photo."""

from __future__ import annotations

import functools
import io
import os
import random
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from jianfu.core import thumbnails


@functools.cache
def noise_jpeg(size: tuple[int, int] = (1600, 1200), seed: int = 21) -> bytes:
    """A worst case for a thumbnail's bytes: every pixel random (a real photo compresses far better)."""
    image = Image.frombytes("RGB", size, random.Random(seed).randbytes(size[0] * size[1] * 3))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=92)
    return out.getvalue()


def body(response: Any) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def leftovers(photo_path: str) -> list[str]:
    """Temporary files a thumbnail write left beside the photo (there should be none)."""
    return sorted(n for n in os.listdir(os.path.dirname(photo_path)) if n.endswith(".part"))


def assert_made_once_then_reused(client: Any, url: str, photo_path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A photo stored without a thumbnail: the first request makes and stores it (320 × 240 for a 4:3 photo), the
    second serves the stored one without decoding the photo again, and no temporary file is left."""
    thumb_path = thumbnails.thumbnail_name(photo_path)
    assert not os.path.exists(thumb_path)
    first = client.get(url)
    first_bytes = body(first)
    assert (first.status_code, Image.open(io.BytesIO(first_bytes)).size) == (200, (320, 240))
    assert Path(thumb_path).read_bytes() == first_bytes

    def never(data: bytes) -> bytes:
        raise AssertionError("the thumbnail was made again")

    monkeypatch.setattr(thumbnails, "thumbnail_of", never)
    second = client.get(url)
    assert (second.status_code, body(second)) == (200, first_bytes)
    assert leftovers(photo_path) == []


def assert_refused_alike(client: Any, full_url: str, thumb_url: str, expected: int, photo_path: str) -> None:
    """The thumbnail answers as the photo does (`expected`: 404, 403, or 302 to the same login page), shows nothing
    of the image, and a refused request makes no thumbnail."""
    full, small = client.get(full_url), client.get(thumb_url)
    assert (full.status_code, small.status_code) == (expected, expected)
    assert full.get("Location", "").split("?")[0] == small.get("Location", "").split("?")[0]
    assert b"JFIF" not in small.content
    assert not os.path.exists(thumbnails.thumbnail_name(photo_path))
