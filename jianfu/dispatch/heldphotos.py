"""Photos kept across a refused post (newuser23 #1): a form that comes back with an error loses nothing.

A browser cannot refill a file input, so when a post with photos is refused for another field (a blank description, a
phone number that reaches nobody), the photos whose header passes (`photos.check_photo`: format, size, pixels — none is
decoded for a refused post, security22 #1) are kept here as sent for HOLD_SECONDS: the page comes
back saying "已保留 N 张照片" with their previews (a thumbnail made on first request) and a 移除 box each, and the
corrected post attaches them — decoded and re-encoded there like any photo (the person may add more, up to the form's
MAX_PHOTOS). A photo that is itself refused is named, the others kept.

A holding is named by a secret the re-rendered form carries hidden (FIELD, never in a URL) and belongs to the browser
session that posted it (a secret kept in the session): another session — another phone, a kiosk's next person, a
copied page — neither sees a held photo (`held_thumb` is a 404) nor attaches it. What one session and one address may
hold at once is capped (MAX_HELD_BYTES; the citizens' form counts its posts per address besides), so a holding is no
free storage. Expired rows are deleted with their files by the next holding and by an hourly sweep (`sweep`).

Session 24 (held24): the cap is read and written under a lock per session and per address (two posts at once both
passed it); a held file is written through `core.storedfiles`, so a hold that fails leaves no file; the address is
kept as an HMAC keyed with the project's blind-index key (a sha256 of an IPv4 address is reversed by trying all 2³²);
rows go before their files, and the sweep removes the files a killed run (or a killed hold) left without a row.

Session 24 (fix-sec24b, security24 M1/L1/L4): a held photo that does not decode (its header passed: a PNG cut one row
short) is dropped at once, row and file, when its preview or a post finds it so, and the person told which one and why
(`drop_undecodable`, `preview`, `dropped`) — it was decoded again on every request. A staff account's holdings are
capped per account over all its sessions (`account`), apart from the citizens' per-session and per-address caps: a new
login had a fresh cap, and an office's staff filled its citizens' address cap. A held file has a name of its own (the
day's first was `held.jpg`, reused once deleted, so a thumbnail left behind would show for the next).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core import crypto, formtokens
from jianfu.core.errors import ApplicationError
from jianfu.core.locks import xact_lock
from jianfu.core.storedfiles import undone_on_error, written
from jianfu.core.thumbnails import (
    ThumbnailError,
    failed_name,
    thumbnail_ensure,
    thumbnail_files,
    thumbnail_name,
    thumbnail_pixels,
)
from jianfu.dispatch.models import HeldPhoto
from jianfu.dispatch.photos import MAX_PHOTOS, check_photo, not_image_message, undecodable

logger = logging.getLogger(__name__)

HOLD_SECONDS = 3600  # a held photo lives an hour: time to fix a field, not storage
MAX_HELD_BYTES = 30 * 2**20  # what one browser session, and one address, may hold at once over all its forms
FIELD = "held"  # the hidden field: the holding's secret
DROP = "held_drop"  # the 移除 boxes: ids of held photos to let go
_OWNER = "dispatch:held_owner"  # the session's secret that owns its holdings
_DROPPED = "dispatch:held_dropped"  # the session's notes of held photos dropped as undecodable, until shown
_ROW = "_jianfu_held_row"  # on an upload made of a held photo (`as_upload`): its row
_EXTENSIONS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif", "BMP": "bmp"}
FOLDER = "held"  # HeldPhoto.image's upload_to is under it: every held file and its thumbnail
# A file under FOLDER that no row names, this old, is one a killed hold or a killed sweep left: a hold writes its
# file and commits its row within a second, so a younger one may be a hold in progress and is kept
ORPHAN_SECONDS = 600


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _sender(address: str) -> str:
    """The key of a client address ("" for none): an HMAC under the blind-index key (core.crypto), never a bare hash of
    something as guessable as an address."""
    return crypto.blind_index(address, purpose="dispatch.held.sender") if address else ""


def _owner(request: Any, *, create: bool) -> str:
    """sha256 of this browser session's owner secret ("" when it has none and `create` is false)."""
    secret = request.session.get(_OWNER)
    if not secret and create:
        secret = secrets.token_urlsafe(32)
        request.session[_OWNER] = secret
    return _sha(str(secret)) if secret else ""


def token_of(data: Any) -> str:
    """The holding the post names (its hidden FIELD), or a new one when it names none well formed."""
    posted = str(data.get(FIELD, "") or "")
    return posted if formtokens.valid(posted) else formtokens.token_new()


def kept(request: Any, token: str, *, drop: Iterable[str] = ()) -> list[HeldPhoto]:
    """This session's unexpired held photos of holding `token`, in the order they were sent; those whose ids are in
    `drop` (the 移除 boxes) are deleted first. Another session's, or an expired one, is never among them."""
    owner = _owner(request, create=False)
    if not owner or not formtokens.valid(token):
        return []
    rows = list(HeldPhoto.objects.filter(holding=_sha(token), owner=owner, expires_at__gt=timezone.now()))
    dropped = {str(d) for d in drop}
    _delete([r for r in rows if str(r.pk) in dropped])
    return [r for r in rows if str(r.pk) not in dropped]


def as_upload(row: HeldPhoto) -> ContentFile[bytes]:
    """A held photo as one of the post's uploads, the bytes as they were sent: the report checks and cleans it as any
    photo, and its content key hashes the same bytes on every post. It knows its row (`drop_undecodable`)."""
    with row.image.open("rb") as f:
        upload = ContentFile(f.read(), name=row.name or row.image.name.rsplit("/", 1)[-1])
    setattr(upload, _ROW, row)
    return upload


def uploads(rows: Sequence[HeldPhoto]) -> list[ContentFile[bytes]]:
    """`as_upload` of each held photo; one whose file is gone (a restore without var/media) is left out, logged."""
    out = []
    for row in rows:
        try:
            out.append(as_upload(row))
        except OSError:
            logger.warning("held photo %s: its file is gone", row.pk)
    return out


def hold(
    request: Any,
    token: str,
    files: Sequence[Any],
    *,
    before: int = 0,
    address: str = "",
    account: int | None = None,
    most: int = MAX_PHOTOS,
) -> list[str]:
    """Keep the photos of a refused post (`files`, following `before` photos already held) that pass their checks, for
    the session that posted them; the refusal of each one that does not, or that does not fit (`most` in the form,
    MAX_HELD_BYTES for the staff `account` that posted them, or on the citizens' form — no account — for the session
    and for `address`), is returned, naming it by its place in the form ("照片" on a form of one photo, `most` 1).

    The two kinds never share a cap (security24 L1): an account's cap counts its rows over all its sessions (a new
    login had a fresh 30 MB), and its rows count against no address (an office's staff filled its citizens' cap);
    a session's and an address's count only rows held without an account."""
    sweep(orphans=False)  # the folder's walk is left to the hourly task
    problems: list[str] = []
    if not files or not formtokens.valid(token):
        return problems
    owner = _owner(request, create=True)
    sender = "" if account is not None else _sender(address)
    if account is not None:
        locks = [f"dispatch.held.account:{account}"]
    else:
        locks = [f"dispatch.held.owner:{owner}", *([f"dispatch.held.sender:{sender}"] if sender else [])]
    # outside: a failure rolls the rows back first, then deletes the files written for them (core.storedfiles)
    with undone_on_error(), transaction.atomic():
        # what the caps count is read, and the new rows written, under their locks: two posts at once read the sums
        # one after the other (held24 #1: both read them before either wrote, and both passed)
        xact_lock(*locks)
        _hold(
            token,
            files,
            before=before,
            most=most,
            owner=owner,
            sender=sender,
            account=account,
            problems=problems,
        )
    return problems


def _held_bytes(*, owner: str, sender: str, account: int | None, now: dt.datetime) -> dict[str, int]:
    """What each cap that applies counts now: the account's rows, or the session's and the address's rows held without
    an account."""
    live = HeldPhoto.objects.filter(expires_at__gt=now)

    def total(rows: Any) -> int:
        return int(rows.aggregate(n=Sum("size"))["n"] or 0)

    if account is not None:
        return {"account": total(live.filter(account=account))}
    citizens = live.filter(account__isnull=True)
    return {
        "owner": total(citizens.filter(owner=owner)),
        "sender": total(citizens.filter(sender=sender)) if sender else 0,
    }


def _hold(
    token: str,
    files: Sequence[Any],
    *,
    before: int,
    most: int,
    owner: str,
    sender: str,
    account: int | None,
    problems: list[str],
) -> None:
    now = timezone.now()
    held_bytes = _held_bytes(owner=owner, sender=sender, account=account, now=now)
    count = before
    for place, upload in enumerate(files, start=before + 1):
        index = (
            place if most > 1 else 0
        )  # check_photo's naming: "第 N 张照片", or "照片" for a form's only one
        which = _("第 %(n)d 张照片") % {"n": index} if index else _("照片")
        if count >= most:
            problems.append(
                _("%(photo)s没有保留：每次最多上传 %(max)d 张照片。") % {"photo": which, "max": most}
            )
            continue
        try:
            data, fmt = check_photo(upload, index)
            if undecodable(upload):  # the refused post found it no image (its decode failed): never held
                raise ApplicationError(not_image_message(index))
        except ApplicationError as exc:
            problems.append(str(exc.message))
            continue
        size = len(data)
        if max(held_bytes.values()) + size > MAX_HELD_BYTES:
            problems.append(_("%(photo)s没有保留：暂存的照片已达上限，请提交后再添加。") % {"photo": which})
            continue
        row = HeldPhoto(
            holding=_sha(token),
            owner=owner,
            sender=sender,
            account=account,
            name=str(getattr(upload, "name", ""))[:100],
            size=size,
            created_at=now,
            expires_at=now + dt.timedelta(seconds=HOLD_SECONDS),
        )
        # a name of the server's making (never the sent one), its extension by the format the header showed, and its
        # own: it was `held.<ext>`, each day's first reused once deleted, so a preview left beside a deleted photo
        # would have been shown for the next (security24 L4, as security23 F4 for the visits' photos)
        row.image.save(
            f"{secrets.token_hex(16)}.{_EXTENSIONS.get(fmt, 'img')}", ContentFile(data), save=False
        )
        written(row.image.storage, row.image.name)  # deleted if this hold does not commit (held24 #2)
        row.save()
        held_bytes = {k: v + size for k, v in held_bytes.items()}
        count += 1


def release(rows: Iterable[HeldPhoto]) -> None:
    """Let the held photos go once the post that attached them is stored (their copies are the event's now)."""
    _delete(list(rows))


def held_get(request: Any, pk: int) -> HeldPhoto | None:
    """One of this session's unexpired held photos (its preview), None for anyone else's or an expired one."""
    owner = _owner(request, create=False)
    if not owner:
        return None
    return HeldPhoto.objects.filter(pk=pk, owner=owner, expires_at__gt=timezone.now()).first()


def thumb_pixels(row: HeldPhoto) -> int:
    """How many pixels making this held photo's preview decodes (its header read): 0 when the preview is made already,
    failed before (it is not decoded again) or the file is gone. What the citizens' form charges for it, once, before
    it is made (held24 #5)."""
    storage, name = row.image.storage, row.image.name
    try:
        if storage.exists(thumbnail_name(name)) or storage.exists(failed_name(name)):
            return 0
        with storage.open(name, "rb") as f:
            return thumbnail_pixels(f)
    except OSError:
        return 0


def preview(request: Any, row: HeldPhoto) -> bool:
    """Make this held photo's preview (`held_get`'s row) if it is not made yet: False when the photo cannot be
    decoded, or its file is gone — it is dropped from its holding then, row and file, and the session told
    (`dropped`). Its header passed when it was held, but nothing was decoded: a PNG cut short is found here, once
    (security24 M1: it was decoded, and failed, on every request of its preview and every post that attached it)."""
    try:
        thumbnail_ensure(row.image.storage, row.image.name)
    except ThumbnailError as exc:
        logger.warning("held photo %s: no preview (%s), dropped", row.pk, exc)
        _forget(request, [row])
        return False
    return True


def drop_undecodable(request: Any, rows: Sequence[HeldPhoto], uploads: Iterable[Any]) -> list[HeldPhoto]:
    """After a refused post that attached the held photos `rows` as `uploads`: those it found no image (their decode
    failed, `photos.undecodable`) are dropped now, row and file, the session told (`dropped`); the rows still held.
    Kept, each post attaching them decoded them again and was refused again (security24 M1)."""
    bad = {getattr(u, _ROW).pk for u in uploads if undecodable(u) and getattr(u, _ROW, None) is not None}
    _forget(request, [r for r in rows if r.pk in bad])
    return [r for r in rows if r.pk not in bad]


def dropped(request: Any, token: str) -> list[str]:
    """What to tell the person of the held photos of holding `token` dropped as undecodable since last told (by their
    preview's request, which shows nothing but a missing picture, or by a post): each named by its name as sent, said
    once."""
    notes = request.session.get(_DROPPED) or []
    if not notes or not formtokens.valid(token):
        return []
    holding = _sha(token)
    mine = [name for key, name in notes if key == holding]
    if mine:
        request.session[_DROPPED] = [[key, name] for key, name in notes if key != holding]
    return [
        _("照片“%(name)s”无法读取（文件已损坏或不是图片），已从保留的照片中移除，请重新选择。")
        % {"name": name}
        if name
        else _("一张保留的照片无法读取（文件已损坏或不是图片），已移除，请重新选择。")
        for name in mine
    ]


def _forget(request: Any, rows: list[HeldPhoto]) -> None:
    """Drop these undecodable held photos, row and file, and note them in the session for `dropped` (the last 20)."""
    if not rows:
        return
    _delete(rows)
    notes = list(request.session.get(_DROPPED) or [])
    request.session[_DROPPED] = [*notes, *([r.holding, r.name] for r in rows)][-20:]


def sweep(now: dt.datetime | None = None, *, orphans: bool = True) -> int:
    """Delete the held photos past their time, with their files, then the files under FOLDER that no row names (left
    by a run or a hold killed mid-way); how many rows. Rows go first, in one statement, and their files after: a run
    killed at any point leaves no row naming a missing file, and what files it left the next run removes (held24 #6)."""
    now = now or timezone.now()
    gone = list(HeldPhoto.objects.filter(expires_at__lte=now)[:500])
    _delete(gone)
    if orphans:
        _sweep_orphans(now)
    return len(gone)


def _delete(rows: list[HeldPhoto]) -> None:
    """The rows, then their files and what lies beside them (the preview, the marker of a preview that failed). A file
    that cannot be deleted now is left to `_sweep_orphans`."""
    if not rows:
        return
    HeldPhoto.objects.filter(pk__in=[r.pk for r in rows]).delete()
    for row in rows:
        storage, name = row.image.storage, row.image.name
        for each in (name, *thumbnail_files(name)):
            try:
                storage.delete(each)
            except OSError:
                logger.warning("held photo %s: could not delete %s", row.pk, each)


def _files(storage: Storage, folder: str) -> Iterator[str]:
    try:
        folders, files = storage.listdir(folder)
    except (OSError, NotImplementedError):
        return
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from _files(storage, f"{folder}/{sub}")


def _sweep_orphans(now: dt.datetime) -> int:
    """Delete the files under FOLDER (photos, previews, a preview's temporary file) older than ORPHAN_SECONDS whose
    photo no row names; how many."""
    storage = HeldPhoto._meta.get_field("image").storage
    old = now - dt.timedelta(seconds=ORPHAN_SECONDS)
    candidates: dict[str, str] = {}  # file → the photo it belongs to
    for name in _files(storage, FOLDER):
        try:
            if storage.get_modified_time(name) > old:
                continue
        except (OSError, NotImplementedError):
            continue
        # a photo is named by itself (`<32 hex>.jpg`, the server's name), a preview or the marker of one that failed
        # by its photo (`….jpg.thumb.jpg`, `….jpg.thumb.failed`), a preview's temporary file (`.thumb-….part`) by none
        candidates[name] = name.partition(".thumb")[0]
    named: set[str] = set()
    photos = sorted(set(candidates.values()))
    for start in range(0, len(photos), 500):
        named.update(
            HeldPhoto.objects.filter(image__in=photos[start : start + 500]).values_list("image", flat=True)
        )
    removed = 0
    for name, photo in candidates.items():
        if photo in named:
            continue
        try:
            storage.delete(name)
            removed += 1
        except OSError:
            logger.warning("held photos: could not delete the orphan %s", name)
    if removed:
        logger.info("held photos: deleted %d file(s) no row named", removed)
    return removed
