"""Photo intake: the content decides what a file is, never its name or declared type.

Each upload is opened with Pillow (so a script renamed .jpg is refused), limited in bytes and pixels
(decompression bombs), turned upright from its EXIF orientation, and *re-encoded* — which drops every
EXIF/XMP/GPS block and any bytes appended after the image.

Each photo also gets a small JPEG thumbnail (`CleanPhoto.thumbnail`), made from the decoded image by
`jianfu.core.thumbnails`, which also stores, makes-on-demand and serves thumbnails for every app (fix-photo21; shared
with the employment visits since session 22).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, TypeAlias

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from jianfu.core.errors import ApplicationError
from jianfu.core.thumbnails import ALLOWED_FORMATS, MAX_PHOTO_BYTES, MAX_PIXELS, make_thumbnail
from jianfu.core.uploads import TooLarge, read_within, too_large_message, too_many

__all__ = ["ALLOWED_FORMATS", "MAX_PHOTOS", "MAX_PHOTO_BYTES", "MAX_PIXELS", "CleanPhoto", "DamagedImage", "NotAnImage",
           "TooManyPixels", "clean_photo", "clean_photos", "decoded_pixels", "image_format", "not_image_message",
           "too_many_pixels_message", "undecodable"]

MAX_PHOTOS = 6
MAX_SIDE = 2560  # larger photos are scaled down: phone cameras send 4000+ px, nobody needs them
# An upload: a Django UploadedFile or any binary file object (read, maybe seek and size), or raw bytes.
Upload: TypeAlias = IO[bytes] | bytes


@dataclass(frozen=True)
class CleanPhoto:
    content: bytes
    extension: str
    content_type: str
    width: int
    height: int
    thumbnail: bytes = b""

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


# What an upload may decode to (security22 #1: a blank 6320×6320 PNG is 155 KB and decoded to 40 Mpx, 4.35 s and
# 621 MB a photo). A JPEG (every phone camera's photo) up to a 50 MP camera's full frame is taken, decoded at 1/2–1/8
# scale (`Image.draft`, done by libjpeg) so no more than ~4×MAX_SIDE² pixels are ever made; PNG, WebP, GIF and BMP
# (screenshots, edited pictures) have no reduced decode, so they stop at a 12 MP phone photo's size. A *progressive*
# JPEG does too (cr22c #3): libjpeg keeps its whole frame's coefficients however small the scale it decodes at — an
# 8192×6144 progressive 4:4:4 JPEG of 5.8 MB took +336 MB RSS in one `clean_photo` (a baseline one +97 MB).
MAX_PIXELS_JPEG = 8192 * 6144    # 50.3 Mpx: a 50 MP sensor's full-resolution frame (8160×6120, 8192×6144)
MAX_PIXELS_OTHER = 4096 * 3072   # 12.6 Mpx: a 12 MP photo (4032×3024); a phone's screenshot is 2–6 Mpx
_DRAFTED = {"JPEG", "MPO"}


_CAP_SHOWN = {MAX_PIXELS_JPEG: "8192×6144", MAX_PIXELS_OTHER: "4096×3072"}


class NotAnImage(Exception):
    """Bytes that are no image of an allowed format, or a damaged one (found by the header check)."""


class DamagedImage(NotAnImage):
    """An image of an allowed format, within its cap, whose chunks fail their checksums (a file cut short)."""


class TooManyPixels(Exception):
    """An image whose header declares more pixels than its format's cap: its size, the cap as a person reads it
    ("4096×3072") and whether it is a progressive JPEG (capped as the formats without a reduced decode)."""

    def __init__(self, width: int, height: int, *, cap: str, progressive: bool) -> None:
        super().__init__(f"{width}x{height} over {cap}")
        self.width, self.height, self.cap, self.progressive = width, height, cap, progressive


def _progressive(image: Image.Image) -> bool:
    return image.format in _DRAFTED and bool(image.info.get("progressive") or image.info.get("progression"))


def _pixel_cap(image: Image.Image) -> int:
    return MAX_PIXELS_JPEG if image.format in _DRAFTED and not _progressive(image) else MAX_PIXELS_OTHER


def too_many_pixels_message(subject: str, exc: TooManyPixels) -> str:
    """The one wording of an image refused by its pixel cap, for every form that takes images (the report form's
    photos, the direct line's attachments): "<subject>像素过多（W×H，最多 4096×3072），请缩小后再上传。", the cap named
    as a progressive JPEG's when that is why a JPEG stops at 4096×3072 (dl-attach23)."""
    values = {"subject": subject, "w": exc.width, "h": exc.height, "cap": exc.cap}
    if exc.progressive:
        return _("%(subject)s像素过多（%(w)d×%(h)d，渐进式 JPEG 最多 %(cap)s），请缩小后再上传。") % values
    return _("%(subject)s像素过多（%(w)d×%(h)d，最多 %(cap)s），请缩小后再上传。") % values


def image_format(data: bytes) -> str:
    """The format of an image's bytes once its header passes — an allowed format (told by its magic bytes), within its
    pixel cap (the size its header declares; Pillow's open decodes nothing), the file whole (`verify`: chunk checksums,
    nothing decoded): milliseconds for any upload. NotAnImage (DamagedImage when only its checksums fail) or
    TooManyPixels otherwise."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
            fmt = probe.format
            if fmt not in ALLOWED_FORMATS:
                raise NotAnImage(fmt)
            cap = _pixel_cap(probe)
            if probe.width * probe.height > cap:
                raise TooManyPixels(probe.width, probe.height, cap=_CAP_SHOWN[cap], progressive=_progressive(probe))
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as exc:
        raise NotAnImage(str(exc)) from None
    try:
        probe.verify()
    except (OSError, SyntaxError, ValueError) as exc:
        raise DamagedImage(str(exc)) from None
    return str(fmt)


def _read(upload: Upload, index: int) -> bytes:
    try:
        data = read_within(upload, limit=MAX_PHOTO_BYTES)
    except TooLarge as exc:
        raise _too_big(index, exc) from None
    if not data:
        raise ApplicationError(_("%(photo)s是空文件。") % {"photo": _which(index)}, code="photo_empty", field="photos")
    return data


def _which(index: int) -> str:
    """How a refusal names the photo: "第 N 张照片" on a form of several, "照片" for a form's only one (index 0: the
    visit form's single photo field said "第 1 张照片", newuser23)."""
    return _("第 %(n)d 张照片") % {"n": index} if index else _("照片")


def _too_big(index: int, exc: TooLarge) -> ApplicationError:
    return ApplicationError(too_large_message(_which(index), limit=MAX_PHOTO_BYTES, size=exc),
                            code="photo_too_large", field="photos")


# where a cleaned upload keeps its result: the API cleans the photos before its create transaction (security19 #4:
# six photos of 10 MB cost 1.8 s CPU, on SQLite with the write lock held), the report inside takes them from here
_CLEANED = "_jianfu_clean_photo"


def clean_photo(upload: Upload, index: int = 1) -> CleanPhoto:
    """The upload as a clean photo (ApplicationError naming photo `index` if it is none, or "照片" with index 0: a
    form's only photo), once per upload object."""
    cleaned = getattr(upload, _CLEANED, None)
    if isinstance(cleaned, CleanPhoto):
        return cleaned
    photo = _clean(upload, index)
    with contextlib.suppress(AttributeError):   # bytes take no attribute: cleaned again when asked again
        setattr(upload, _CLEANED, photo)
    return photo


# set on an upload found to be no image, or one that does not decode: whoever kept it (a held photo) lets it go rather
# than decode it on every post (security24 M1)
_UNDECODABLE = "_jianfu_photo_undecodable"


def undecodable(upload: object) -> bool:
    """Whether `upload` was refused by `clean_photo` as no image (its header) or as one that does not decode."""
    return getattr(upload, _UNDECODABLE, False) is True


def not_image_message(index: int) -> str:
    """The refusal of photo `index` ("照片" with index 0) as no image, or one that does not decode."""
    return _("%(photo)s不是有效的图片文件（支持 JPEG、PNG、WebP）。") % {"photo": _which(index)}


def _not_image(index: int, upload: Upload) -> ApplicationError:
    with contextlib.suppress(AttributeError):   # bytes take no attribute
        setattr(upload, _UNDECODABLE, True)
    return ApplicationError(not_image_message(index), code="photo_invalid", field="photos")


def _probe(upload: Upload, index: int) -> tuple[bytes, str]:
    """The upload's bytes and format once its header passes (`image_format`): milliseconds for any upload.
    ApplicationError naming photo `index` otherwise."""
    data = _read(upload, index)
    try:
        return data, image_format(data)
    except TooManyPixels as exc:
        raise ApplicationError(too_many_pixels_message(_which(index), exc),
                               code="photo_too_large", field="photos") from None
    except NotAnImage:
        raise _not_image(index, upload) from None


def check_photo(upload: Upload, index: int) -> tuple[bytes, str]:
    """An upload's bytes and format once its header passes (`_probe`: nothing decoded), ApplicationError naming photo
    `index` otherwise: what a refused post's photo must pass to be held for the next post (`heldphotos`)."""
    return _probe(upload, index)


def check_photos(uploads: list[Upload]) -> None:
    """Every upload's header checked (`_probe`) before any is decoded: a post whose sixth file is no image is
    refused in milliseconds, not after five photos were decoded (security22 #1). Uploads cleaned before are
    skipped."""
    for index, upload in enumerate(uploads, start=1):
        if not isinstance(getattr(upload, _CLEANED, None), CleanPhoto):
            _probe(upload, index)


def _factor(width: int, height: int) -> int:
    """The smallest whole number the longer side is divided by to be within MAX_SIDE (1: kept as it is)."""
    return max(1, -(-max(width, height) // MAX_SIDE))


def _clean(upload: Upload, index: int) -> CleanPhoto:
    data, fmt = _probe(upload, index)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image: Image.Image = Image.open(io.BytesIO(data))
            factor = _factor(*image.size)
            if factor > 1:   # a JPEG is decoded at 1/2..1/8 scale (libjpeg), the nearest at least 1/factor; others: no-op
                image.draft(None, (max(1, image.width // factor), max(1, image.height // factor)))
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning):
        raise _not_image(index, upload) from None
    image = _stored_size(image)
    if image.mode in ("RGBA", "LA") and image.getchannel("A").getextrema()[0] == 255:
        image = image.convert("RGB")   # an alpha channel that hides nothing: a photo like any other
    out = io.BytesIO()
    if image.mode in ("RGBA", "LA"):   # only a picture with see-through parts stays a PNG
        image.save(out, format="PNG")  # no pnginfo: text chunks are dropped. No optimize: 2.3× the CPU for ~10%
        ext, ctype = "png", "image/png"
    else:
        image = image.convert("RGB")
        image.save(out, format="JPEG", quality=85)  # no exif= argument: metadata dropped
        ext, ctype = "jpg", "image/jpeg"
    return CleanPhoto(out.getvalue(), ext, ctype, image.width, image.height, make_thumbnail(image))


def _stored_size(image: Image.Image) -> Image.Image:
    """The decoded image at the size it is stored, upright, first of all: divided by the smallest whole factor that
    brings its longer side within MAX_SIDE (`Image.reduce` averages whole blocks of pixels in one pass — 4096×3072 →
    2048×1536 in 0.01 s, where a filtered resize to 2560 px took 0.16 s), then turned by its EXIF orientation (on the
    small image). A photo over MAX_SIDE is so kept at MAX_SIDE/2..MAX_SIDE px: 4032 → 2016, 8192 → 2048, 6000 → 1500
    (a JPEG decoded at 1/2, then halved). Palette, 1-bit and 16-bit images are made RGB(A) first (no block average of
    palette indices); transparency is kept as an alpha channel."""
    if image.mode in ("PA", "RGBa", "La") or "transparency" in image.info and image.mode not in ("RGBA", "LA"):
        image = image.convert("RGBA")
    elif image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGB")
    factor = _factor(*image.size)
    if factor > 1:
        image = image.reduce(factor)
    return ImageOps.exif_transpose(image)


def decoded_pixels(uploads: Iterable[Upload]) -> int:
    """How many pixels cleaning these uploads decodes, read from their headers alone (nothing decoded; a file is put
    back at its start): a JPEG's at the reduced scale libjpeg decodes it (`Image.draft`, as `_clean` asks), any other
    format's whole. An upload whose header does not open (or is over its cap) counts 0: its post is refused before
    anything is decoded. What the public form charges against an address's hourly allowance (security23 F7)."""
    total = 0
    for upload in uploads:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                probe = Image.open(io.BytesIO(upload) if isinstance(upload, bytes) else upload)
                if probe.width * probe.height > _pixel_cap(probe):
                    continue
                factor = _factor(*probe.size)
                if factor > 1:
                    probe.draft(None, (max(1, probe.width // factor), max(1, probe.height // factor)))
                total += probe.width * probe.height
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError,
                Image.DecompressionBombWarning):
            continue
        finally:
            if not isinstance(upload, bytes) and hasattr(upload, "seek"):
                upload.seek(0)
    return total


def clean_photos(uploads: Iterable[Upload] | None) -> list[CleanPhoto]:
    uploads = list(uploads or ())
    if too_many(uploads, most=MAX_PHOTOS):
        raise ApplicationError(_("最多上传 %(max)d 张照片（收到 %(n)d 张）。") % {"max": MAX_PHOTOS, "n": len(uploads)},
                               code="too_many_photos", field="photos")
    check_photos(uploads)   # every header first: none is decoded unless all pass
    return [clean_photo(u, i) for i, u in enumerate(uploads, start=1)]
