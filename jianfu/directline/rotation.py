"""直通车 key rotation (writes): a new county key pair, every report re-sealed to it, the old private key
destroyed. Design and threat model: docs/directline.md ("Key rotation"), ADR 0022.

The steps, each one transaction, so a process killed anywhere leaves a state that is consistent and
can be completed:

1. `rotation_start` (an unlocked handler of the active key): a new key pair becomes the active key (new
   reports are sealed to it at once); every remaining handler whose slot has a personal key pair gets a
   slot of the new key (the new private key sealed to their personal public key — no passphrase
   needed); pending invitations of the old key (which carry the old private key) are deleted; the old
   private key is kept, sealed to the *new* public key, in the `KeyRotation` row.
2. `rotation_step`, repeated: a batch of reports still on the old key is re-sealed — body, outcome note,
   every message's county copy and every attachment — and moved to the new key in the same UPDATE.
   A report is therefore always wholly on the key its `county_key` names.
3. `rotation_finish`, once no report is left on the old key: the old key's slots are emptied and
   revoked, the rotation's sealed copy of the old private key is blanked. The old private key then
   exists nowhere in the database.

Resuming needs only the *new* private key (any handler of the new key, unlocked): the old one is read
from the rotation row. Handler actions are audited (start, resume, finish); reporters are not touched:
what was sealed to a report's own key (the reporter's copies) does not depend on the county key.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.accounts.models import User
from jianfu.core.audit import audit_record
from jianfu.core.errors import ApplicationError, ConflictError, PermissionDeniedError
from jianfu.directline import sealing
from jianfu.directline.models import (
    Attachment,
    CountyKey,
    Enrolment,
    HandlerSlot,
    KeyRotation,
    Message,
    Report,
)
from jianfu.directline.services import require_slot, slot_aad

BATCH = 200


@dataclass
class RotationResult:
    rotation: KeyRotation
    new_private: bytes
    carried: list[str] = field(default_factory=list)       # handlers who have a slot of the new key
    reinvite: list[str] = field(default_factory=list)      # handlers who must be invited again


def running_rotation(county_code: str) -> KeyRotation | None:
    return (KeyRotation.objects.select_related("old_key", "new_key")
            .filter(org_code=county_code, state=KeyRotation.State.RUNNING).first())


def _require_key(private: bytes, key: CountyKey) -> None:
    if not private or sealing.public_of(private) != bytes(key.public_key):
        raise PermissionDeniedError(_("请先解锁。"), code="locked")


def rotation_start(*, actor: User, private: bytes) -> RotationResult:
    """Begin a rotation of the actor's county key; `private` is the active key, unlocked by the actor."""
    slot = require_slot(actor)
    old = slot.county_key
    _require_key(private, old)
    if not bytes(slot.handler_public):
        # An old-layout slot (unlocked before personal key pairs existed) could not receive the new key:
        # the rotation would seal every report to a key nobody holds. Unlocking again upgrades the slot.
        raise ConflictError(_("请先退出并重新输入口令解锁（将升级您的密钥槽），再更换密钥。"), code="slot_upgrade")
    if running_rotation(old.org_code) is not None:
        raise ConflictError(_("该县的密钥更换尚未完成，请继续完成它。"))
    pair = sealing.new_key_pair()
    carried: list[str] = []
    reinvite: list[str] = []
    with transaction.atomic():
        if not CountyKey.objects.filter(pk=old.pk, is_active=True).update(is_active=False):
            raise ConflictError(_("该县的密钥刚被更换过，请刷新后再试。"))
        new = CountyKey.objects.create(org_code=old.org_code, public_key=pair.public,
                                       fingerprint=sealing.fingerprint(pair.public))
        for other in HandlerSlot.objects.filter(county_key=old, revoked_at__isnull=True).select_related("user"):
            if not bytes(other.handler_public) or not other.user.is_active:
                reinvite.append(other.user.username)
                continue
            HandlerSlot.objects.create(
                county_key=new, user=other.user, salt=bytes(other.salt), log_n=other.log_n,
                handler_public=bytes(other.handler_public),
                handler_private_wrapped=bytes(other.handler_private_wrapped),
                wrapped_private=sealing.seal(pair.private, recipient_public=bytes(other.handler_public),
                                             aad=slot_aad(new.pk, other.user_id)))
            carried.append(other.user.username)
        if actor.username not in carried:  # never start a rotation whose starter cannot read the new key
            raise ConflictError(_("您的密钥槽无法接收新密钥，未更换。请重新解锁后再试。"), code="slot_upgrade")
        Enrolment.objects.filter(county_key=old).delete()
        rotation = KeyRotation(org_code=old.org_code, old_key=old, new_key=new, started_by=actor,
                               total=Report.objects.filter(county_key=old).count())
        rotation.old_private_sealed = sealing.seal(private, recipient_public=pair.public, aad=rotation.aad())
        rotation.save()
        audit_record(actor=actor, action="directline.key.rotate_start", obj=rotation, org_code=old.org_code,
                     changes={"old": old.fingerprint, "new": new.fingerprint, "reports": rotation.total,
                              "handlers": carried, "reinvite": reinvite})
    return RotationResult(rotation=rotation, new_private=pair.private, carried=carried, reinvite=reinvite)


def _old_private(rotation: KeyRotation, new_private: bytes) -> bytes:
    _require_key(new_private, rotation.new_key)
    if rotation.state != KeyRotation.State.RUNNING:
        raise ConflictError(_("该次密钥更换已经完成。"))
    return sealing.open_sealed(bytes(rotation.old_private_sealed), private=new_private, aad=rotation.aad())


def _reseal(blob: bytes, *, old_private: bytes, new_public: bytes, aad: str) -> bytes:
    return sealing.seal(sealing.open_sealed(blob, private=old_private, aad=aad), recipient_public=new_public, aad=aad)


def reseal_report(report: Report, *, old_private: bytes, new_key: CountyKey) -> None:
    """Re-seal everything of one report that is sealed to the county, and move it to `new_key` (call
    inside a transaction, with the report locked)."""
    new_public = bytes(new_key.public_key)
    fields: dict[str, object] = {
        "county_key": new_key,
        "body_sealed": _reseal(bytes(report.body_sealed), old_private=old_private, new_public=new_public,
                               aad=report.aad("body"))}
    if bytes(report.outcome_sealed):
        fields["outcome_sealed"] = _reseal(bytes(report.outcome_sealed), old_private=old_private,
                                           new_public=new_public, aad=report.aad("outcome"))
    messages = list(Message.objects.filter(report=report).select_related("report"))
    for message in messages:
        message.sealed_for_county = _reseal(bytes(message.sealed_for_county), old_private=old_private,
                                            new_public=new_public, aad=message.aad())
    Message.objects.bulk_update(messages, ["sealed_for_county"])
    # One attachment at a time: each may be 10 MB, and a batch of reports must not hold them all.
    for pk in Attachment.objects.filter(report=report).values_list("pk", flat=True):
        attachment = Attachment.objects.select_related("report").get(pk=pk)
        Attachment.objects.filter(pk=pk).update(sealed_content=_reseal(
            bytes(attachment.sealed_content), old_private=old_private, new_public=new_public, aad=attachment.aad()))
    if not Report.objects.filter(pk=report.pk, county_key_id=report.county_key_id).update(**fields):
        raise ConflictError(_("该反映刚被他人处理过，请刷新后再试。"))


def rotation_step(*, rotation: KeyRotation, new_private: bytes, batch: int | None = None) -> int:
    """Re-seal up to `batch` reports still on the old key, in one transaction. Returns how many."""
    old_private = _old_private(rotation, new_private)
    with transaction.atomic():
        reports = list(Report.objects.select_for_update().filter(county_key_id=rotation.old_key_id)
                       .order_by("pk")[:batch or BATCH])
        for report in reports:
            reseal_report(report, old_private=old_private, new_key=rotation.new_key)
        if reports:
            KeyRotation.objects.filter(pk=rotation.pk).update(resealed=F("resealed") + len(reports))
            rotation.refresh_from_db(fields=["resealed"])
    return len(reports)


def rotation_finish(*, actor: User | None, rotation: KeyRotation, new_private: bytes) -> bool:
    """Destroy the old private key once no report is left on it. False (nothing changed) while some are."""
    _old_private(rotation, new_private)
    with transaction.atomic():
        if Report.objects.filter(county_key_id=rotation.old_key_id).exists():
            return False
        now = timezone.now()
        HandlerSlot.objects.filter(county_key_id=rotation.old_key_id).update(
            wrapped_private=b"", handler_private_wrapped=b"", revoked_at=now)
        Enrolment.objects.filter(county_key_id=rotation.old_key_id).delete()
        done = KeyRotation.objects.filter(pk=rotation.pk, state=KeyRotation.State.RUNNING).update(
            state=KeyRotation.State.DONE, old_private_sealed=b"", finished_at=now)
        if not done:
            raise ConflictError(_("该次密钥更换已经完成。"))
        rotation.state, rotation.old_private_sealed, rotation.finished_at = KeyRotation.State.DONE, b"", now
        audit_record(actor=actor, action="directline.key.rotate_finish", obj=rotation, org_code=rotation.org_code,
                     changes={"new": rotation.new_key.fingerprint, "reports": rotation.resealed})
    return True


def rotation_run(*, actor: User, rotation: KeyRotation, new_private: bytes, batch: int | None = None,
                 seconds: float | None = None, on_batch: Callable[[KeyRotation], None] | None = None) -> bool:
    """Re-seal batch after batch, then finish. Stops early (returns False, the rotation still running)
    after `seconds`, so a web request can hand back a progress page; call again to go on."""
    started = time.monotonic()
    while rotation_step(rotation=rotation, new_private=new_private, batch=batch):
        if on_batch is not None:
            on_batch(rotation)
        out_of_time = seconds is not None and time.monotonic() - started > seconds
        if out_of_time and Report.objects.filter(county_key_id=rotation.old_key_id).exists():
            return False
    return rotation_finish(actor=actor, rotation=rotation, new_private=new_private)


def rotation_resume(*, actor: User, private: bytes) -> KeyRotation:
    """The running rotation of the actor's county, checked against the actor's unlocked (new) key, and
    audited as resumed by them."""
    slot = require_slot(actor)
    rotation = running_rotation(slot.county_key.org_code)
    if rotation is None or rotation.new_key_id != slot.county_key_id:
        raise ApplicationError(_("没有进行中的密钥更换。"), code="no_rotation")
    _old_private(rotation, private)
    with transaction.atomic():
        audit_record(actor=actor, action="directline.key.rotate_resume", obj=rotation, org_code=rotation.org_code,
                     changes={"resealed": rotation.resealed, "total": rotation.total})
    return rotation
