"""kill -9 of the process making a stored photo's thumbnail for the first time (e2e22). A real process
(`killed_thumbnail.py`) runs `thumbnail_ensure` on the test's media folder and is killed with SIGKILL while decoding
the photo, and with half the thumbnail written to its temporary file: no thumbnail exists under its name, so nothing
half-written is ever served — the next request makes the whole thumbnail and serves it. What a killed write leaves is
its temporary `.thumb-*.part` file, which no request reads (docs/dispatch.md, Session 22)."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image

from jianfu.core import thumbnails
from jianfu.dispatch.tests.factories import event_in
from jianfu.dispatch.tests.test_photo21_thumbnails import (
    body,
    leftovers,
    noise_jpeg,
    old_photo,
    thumb_path,
    thumb_url,
)
from jianfu.dispatch.workflow import Status

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def kill_mid_thumbnail(name: str, kill_point: str) -> None:
    """Start the process, wait until it reports being at `kill_point`, kill -9 it."""
    maker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jianfu.dispatch.tests.killed_thumbnail",
            str(settings.MEDIA_ROOT),
            name,
            kill_point,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = maker.stdout.readline().strip()
        if line != kill_point:
            maker.wait(timeout=60)
            raise AssertionError((line, maker.returncode, maker.stderr.read()[-2000:]))
        maker.send_signal(signal.SIGKILL)
        assert maker.wait(timeout=30) == -signal.SIGKILL
    finally:
        if maker.poll() is None:
            maker.kill()
            maker.wait()
        maker.stdout.close()
        maker.stderr.close()


@pytest.mark.parametrize("kill_point", ["decode", "write"])
def test_a_thumbnail_killed_mid_making_is_never_served_half_written(world, kill_point):
    event = event_in(world, status=Status.ACCEPTED)
    content = noise_jpeg()
    photo = old_photo(event, content)
    whole = thumbnails.thumbnail_of(content)
    kill_mid_thumbnail(photo.image.name, kill_point)
    assert not os.path.exists(thumb_path(photo))  # nothing under the thumbnail's name
    parts = leftovers(photo)
    if kill_point == "write":  # the killed write's temporary file, half of it
        assert len(parts) == 1 and parts[0].startswith(".thumb-")
        assert (Path(photo.image.path).parent / parts[0]).stat().st_size == len(whole) // 2
    else:
        assert parts == []
    # the page's next request makes the thumbnail whole and serves it — never the half
    response = world.client("grid_a").get(thumb_url(photo))
    served = body(response)
    assert (response.status_code, served) == (200, whole)
    assert Image.open(io.BytesIO(served)).size == (320, 240)
    assert Path(thumb_path(photo)).read_bytes() == whole
    assert leftovers(photo) == parts  # the request neither reads nor removes it (too fresh to be swept: mend23a)
