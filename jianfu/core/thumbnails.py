"""Small JPEG thumbnails of stored photos, for every page that shows photos (event photos, visit photos).

A thumbnail (≤ THUMB_SIDE px, ~20–40 KB) is stored beside its photo under a derived name (`thumbnail_name`): a page
shows it and links the full photo, so a look at a 6-photo event on mobile data costs ~0.2 MB instead of several MB
(fix-photo21). It is made at intake from the decoded upload (`make_thumbnail`), or, for a photo stored before
thumbnails existed, on first request (`thumbnail_ensure`), written to a temporary name and renamed, so nobody reads a
half-written file. `photo_response`/`thumbnail_response` serve either behind the caller's scope check: a missing or
corrupt stored file is a 404 (logged), never a 500. Moved here from dispatch.photos in session 22 (mend22a), so the
employment visits share it.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import tempfile
import time
import warnings
from typing import IO

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from jianfu.core.errors import NotFoundError

logger = logging.getLogger(__name__)

MAX_PHOTO_BYTES = 10 * 2**20
MAX_PIXELS = 40_000_000
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "BMP", "MPO"}
THUMB_SIDE = 320     # the thumbnail's longest side: a page shows it ≤ 160 CSS px wide, sharp on a 2x phone screen
THUMB_QUALITY = 80
THUMB_SUFFIX = ".thumb.jpg"
# beside a photo whose thumbnail could not be made (its bytes do not decode): the decode is never tried again (security24
# M1: a 36 KB PNG of 4096×3072 cut one row short passes the header check and cost 0.1–0.2 s and 40 MB on every request)
FAILED_SUFFIX = ".thumb.failed"
SHOWN_WIDTH = 160    # CSS px a thumbnail takes on a page (at most: the photo grid may make it narrower)
CACHE_CONTROL = "private, max-age=3600"
PART_PREFIX, PART_SUFFIX = ".thumb-", ".part"   # a thumbnail being written (`thumbnail_save`)
STALE_PART_SECONDS = 30 * 60   # a write takes well under a second: a temporary file this old is a killed write's


class ThumbnailError(Exception):
    """A stored photo could not be decoded into a thumbnail (a corrupt or missing file)."""


def fit(width: int, height: int, side: int = THUMB_SIDE) -> tuple[int, int]:
    """(width, height) scaled so the longer side is at most `side`: aspect kept, never enlarged, never 0."""
    width, height = max(int(width), 1), max(int(height), 1)
    longest = max(width, height)
    if longest <= side:
        return width, height
    return max(1, round(width * side / longest)), max(1, round(height * side / longest))


def shown_size(width: int, height: int) -> tuple[int, int]:
    """The thumbnail's box on a page: SHOWN_WIDTH wide (or narrower for a tiny photo), height by the aspect."""
    shown_w = min(SHOWN_WIDTH, max(int(width), 1))
    return shown_w, max(1, round(max(int(height), 1) * shown_w / max(int(width), 1)))


def make_thumbnail(image: Image.Image) -> bytes:
    """A JPEG thumbnail of a decoded, upright image (transparency flattened onto white)."""
    if image.mode in ("RGBA", "LA") or image.mode == "P" and "transparency" in image.info:
        rgba = image.convert("RGBA")
        image = Image.new("RGB", rgba.size, (255, 255, 255))
        image.paste(rgba, mask=rgba.getchannel("A"))
    elif image.mode != "RGB":
        image = image.convert("RGB")
    small = image.resize(fit(image.width, image.height), Image.Resampling.LANCZOS, reducing_gap=3.0)
    out = io.BytesIO()
    small.save(out, format="JPEG", quality=THUMB_QUALITY, optimize=True, progressive=True)
    return out.getvalue()


def thumbnail_of(data: bytes) -> bytes:
    """The thumbnail of a stored photo's bytes (ThumbnailError if they are no image Pillow can decode)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image: Image.Image = Image.open(io.BytesIO(data))
            if image.format not in ALLOWED_FORMATS or image.width * image.height > MAX_PIXELS:
                raise ThumbnailError(f"not a photo: {image.format} {image.width}x{image.height}")
            image.draft("RGB", fit(image.width, image.height))   # JPEG: decoded at 1/2..1/8 scale, much faster
            image.load()
            return make_thumbnail(ImageOps.exif_transpose(image))
    except ThumbnailError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as exc:
        raise ThumbnailError(str(exc)) from None


def thumbnail_pixels(source: IO[bytes] | bytes) -> int:
    """How many pixels `thumbnail_of` decodes for these bytes, read from the header alone (nothing decoded): a JPEG
    at the reduced scale it drafts, any other format whole; 0 for what it refuses unread (held24 #5: what a preview
    costs, charged before it is made)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image: Image.Image = Image.open(io.BytesIO(source) if isinstance(source, bytes) else source)
            if image.format not in ALLOWED_FORMATS or image.width * image.height > MAX_PIXELS:
                return 0
            image.draft("RGB", fit(image.width, image.height))   # as `thumbnail_of` does, before its decode
            return image.width * image.height
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning):
        return 0


def thumbnail_name(name: str) -> str:
    """Where a stored photo's thumbnail lives: beside it, its whole name kept, `…/2026/12/7-ab12.png` →
    `…/7-ab12.png.thumb.jpg`, so no two photos share one. Until security23 (F4) the extension was dropped: a month's
    `visit.jpg` and `visit.png` shared `visit.thumb.jpg`, one village's page showing another's photo."""
    return name + THUMB_SUFFIX


def failed_name(name: str) -> str:
    """The marker beside stored photo `name` saying its thumbnail could not be made (`…/7-ab12.png.thumb.failed`):
    named after the photo's whole name like its thumbnail, so whatever removes a photo's thumbnail by its name finds
    it too (`thumbnail_files`)."""
    return name + FAILED_SUFFIX


def thumbnail_files(name: str) -> tuple[str, str]:
    """What is stored beside photo `name` on its behalf: its thumbnail and the marker of a thumbnail that failed. A
    caller deleting the photo deletes these with it."""
    return thumbnail_name(name), failed_name(name)


def _legacy_thumbnail_name(name: str) -> str:
    """The name a thumbnail had before security23: `…/visit.png` → `…/visit.thumb.jpg`, possibly another photo's."""
    return os.path.splitext(name)[0] + THUMB_SUFFIX


def thumbnail_save(storage: Storage, name: str, data: bytes) -> None:
    """Write a thumbnail under exactly `name`, whole or not at all: a temporary file in the same folder, renamed
    over `name` (atomic on one filesystem). Two requests making the same thumbnail at once both write the same
    bytes; whichever rename comes last wins, and a reader sees one or the other, never half a file."""
    try:
        path = storage.path(name)
    except NotImplementedError:   # a storage without local paths (object stores write whole objects)
        if not storage.exists(name):
            storage.save(name, ContentFile(data))
        return
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=folder, prefix=PART_PREFIX, suffix=PART_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        mode = getattr(storage, "file_permissions_mode", None)
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    now = time.time()
    if now - _swept.get(folder, -SWEEP_EVERY_SECONDS) >= SWEEP_EVERY_SECONDS:
        _swept[folder] = now
        sweep_stale_parts(folder, now=now)


# When this process last swept a folder: listing a month's folder of 10,000 photos costs ~15 ms, so a busy folder is
# swept once a minute per process, not on every write. A few keys a month (one per photo folder).
SWEEP_EVERY_SECONDS = 60
_swept: dict[str, float] = {}


def sweep_stale_parts(folder: str, *, now: float | None = None) -> int:
    """Remove the temporary files of thumbnail writes killed mid-way (kill -9, a lost node: nothing else removes them)
    from `folder`, once they are STALE_PART_SECONDS old; a younger one may be a write in progress and is kept. Run
    after each write into the folder (there is no periodic media sweep), so a folder that gets photos loses its
    leftovers then (at most once a minute per process: SWEEP_EVERY_SECONDS). Returns how many were removed."""
    now = time.time() if now is None else now
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not (entry.name.startswith(PART_PREFIX) and entry.name.endswith(PART_SUFFIX)):
            continue
        try:   # another writer's sweep may have removed it first
            if now - entry.stat(follow_symlinks=False).st_mtime >= STALE_PART_SECONDS and entry.is_file(
                    follow_symlinks=False):
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    if removed:
        logger.info("removed %d stale thumbnail temporary file(s) in %s", removed, folder)
    return removed


def thumbnail_ensure(storage: Storage, name: str) -> str:
    """The storage name of the thumbnail of stored photo `name`, made now if it is missing (a photo stored before
    thumbnails existed, a held photo's preview). ThumbnailError if the photo is missing or cannot be decoded; one that
    cannot be decoded is marked so (`failed_name`) and never decoded again (security24 M1)."""
    thumb = thumbnail_name(name)
    if storage.exists(thumb):
        return thumb
    failed = failed_name(name)
    if storage.exists(failed):   # decoded once and failed: the same bytes fail again, at the same cost
        raise ThumbnailError("its thumbnail failed before")
    try:
        with storage.open(name, "rb") as source:
            data = source.read(MAX_PHOTO_BYTES + 1)
    except OSError as exc:   # a file gone is not marked: a restore may bring it back
        raise ThumbnailError(str(exc)) from None
    try:
        made = thumbnail_of(data)
    except ThumbnailError:
        with contextlib.suppress(OSError):   # not marked (a read-only disk): a 404 still, decoded again next time
            thumbnail_save(storage, failed, b"")
        raise
    thumbnail_save(storage, thumb, made)
    # a thumbnail under the old name is never served (it may be of another photo of the same stem): removed once this
    # photo has its own, so old thumbnails go as their photos are looked at (security23 F4)
    legacy = _legacy_thumbnail_name(name)
    if legacy != thumb:
        with contextlib.suppress(OSError, NotImplementedError):
            storage.delete(legacy)
    return thumb


# ---------------------------------------------------------------- serving (after the caller's scope check)

def photo_response(photo: FieldFile, content_type: str, *, what: str) -> FileResponse:
    """The stored photo itself; a file gone (a restore without var/media) is a 404 naming nothing, logged as `what`."""
    try:
        stored = photo.open("rb")
    except OSError as exc:
        logger.warning("%s: cannot open (%s)", what, exc)
        raise NotFoundError(_("照片无法显示。")) from None
    response = FileResponse(stored, content_type=content_type)
    response["Cache-Control"] = CACHE_CONTROL
    return response


def thumbnail_response(photo: FieldFile, *, what: str) -> FileResponse:
    """The photo's small thumbnail, made on first request for a photo stored before thumbnails existed. A corrupt or
    missing photo: 404, logged as `what`."""
    storage = photo.storage
    try:
        name = thumbnail_ensure(storage, photo.name or "")
        response = FileResponse(storage.open(name, "rb"), content_type="image/jpeg")
    except (ThumbnailError, OSError) as exc:
        logger.warning("%s: no thumbnail (%s)", what, exc)
        raise NotFoundError(_("照片无法显示。")) from None
    response["Cache-Control"] = CACHE_CONTROL
    return response
