"""直通车 writes.

The reporter's services (`report_submit`, `reporter_answer`) take no actor and write no audit record,
on purpose: the audit log records who did what from where, and a reporter must be nobody from nowhere.
The handlers' services are ordinary: keyword-only, atomic, guarded by the transition table, audited
(with the county's code, never the township's, so the audit log cannot bypass the small-count rule)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import time
from collections.abc import Iterable
from typing import Any, cast

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.accounts.models import User
from jianfu.accounts.roles import Capability
from jianfu.accounts.scoping import scope_for
from jianfu.core import formtokens
from jianfu.core.audit import audit_record
from jianfu.core.errors import (
    ApplicationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    UnavailableError,
)
from jianfu.directline import sealing
from jianfu.directline.attachments import (
    MAX_ATTACHMENT_BYTES,
    MAX_ATTACHMENTS,
    CleanAttachment,
    clean_attachments,
)
from jianfu.directline.models import (
    Attachment,
    Category,
    CountyKey,
    DigestRun,
    Enrolment,
    FormReceipt,
    HandlerSlot,
    Message,
    PendingReceipt,
    Report,
)
from jianfu.directline.textcheck import find_identifiers, strip_controls
from jianfu.directline.workflow import WORKFLOW, Action, Status
from jianfu.orgs.models import OrgUnit

MAX_TEXT = 5000
MAX_SUMMARY = 500  # of a finding's summary handed to the burden monitor
MIN_TEXT = 10
MIN_PASSPHRASE = 12
UNLOCK_FAILURES = 5  # wrong passphrases per account before a 15-minute pause (each is audited)
ENROLMENT_DAYS = 3


def _uid() -> str:
    return secrets.token_hex(16)


# Report and attachment ids are drawn at random, nine digits, not counted up (security28 #3): a counted id told where a
# report fell among others, so a handler who posted a probe report every few minutes read each report's arrival to the
# minute from the ids between two probes — the time the held release and the date-only columns keep from everyone.
# The attachments of one submission take consecutive ids from a random start, which keeps their order.
UNORDERED_IDS = (100_000_000, 1_000_000_000)


def unordered_ids(model: type[models.Model], count: int = 1) -> list[int]:
    """`count` consecutive ids of `model` from a random start, none of them taken."""
    low, high = UNORDERED_IDS
    for _attempt in range(20):
        start = low + secrets.randbelow(high - low - count)
        ids = list(range(start, start + count))
        if not model._default_manager.filter(pk__in=ids).exists():
            return ids
    raise RuntimeError("no free random id")   # 20 misses in a space of 9 x 10^8: a full table


def _today() -> dt.date:
    return timezone.localdate()


def scrypt_log_n() -> int:
    return int(getattr(settings, "JIANFU_DIRECTLINE_SCRYPT_LOG_N", sealing.DEFAULT_SCRYPT_LOG_N))


# --- keys and handlers ----------------------------------------------------------------------------
def _check_passphrase(passphrase: str) -> None:
    if len(passphrase or "") < MIN_PASSPHRASE:
        raise ApplicationError(_("口令至少 %(n)d 个字符（不要使用登录密码）。") % {"n": MIN_PASSPHRASE},
                               code="passphrase_short", field="passphrase")


def slot_aad(county_key_id: int, user_id: int) -> str:
    return f"directline:slot:{county_key_id}:{user_id}"


def handler_key_aad(user_id: int) -> str:
    return f"directline:handler:{user_id}"


def personal_slot_fields(*, county_key_id: int, user_id: int, private: bytes, wrapping_key: bytes
                         ) -> dict[str, bytes]:
    """A slot in the personal layout (models.HandlerSlot): a fresh handler key pair, its private half
    wrapped under the passphrase's key, the county's private key sealed to its public half."""
    personal = sealing.new_key_pair()
    return {"handler_public": personal.public,
            "handler_private_wrapped": sealing.wrap(personal.private, key=wrapping_key,
                                                    aad=handler_key_aad(user_id)),
            "wrapped_private": sealing.seal(private, recipient_public=personal.public,
                                            aad=slot_aad(county_key_id, user_id))}


def _slot_for(*, county_key: CountyKey, user: User, private: bytes, passphrase: str) -> HandlerSlot:
    salt, log_n = sealing.new_salt(), scrypt_log_n()
    fields = personal_slot_fields(county_key_id=county_key.pk, user_id=user.pk, private=private,
                                  wrapping_key=sealing.passphrase_key(passphrase, salt=salt, log_n=log_n))
    slot, _created = HandlerSlot.objects.update_or_create(
        county_key=county_key, user=user, defaults={"salt": salt, "log_n": log_n, "revoked_at": None, **fields})
    return slot


def _open_slot(slot: HandlerSlot, wrapping_key: bytes) -> bytes:
    """The county's private key from a slot, in either layout (sealing.OpenError when it does not open)."""
    aad = slot_aad(slot.county_key_id, slot.user_id)
    if bytes(slot.handler_public):
        mine = sealing.unwrap(bytes(slot.handler_private_wrapped), key=wrapping_key, aad=handler_key_aad(slot.user_id))
        return sealing.open_sealed(bytes(slot.wrapped_private), private=mine, aad=aad)
    return sealing.unwrap(bytes(slot.wrapped_private), key=wrapping_key, aad=aad)


def require_handler_account(user: User) -> None:
    if not scope_for(user).can(Capability.DIRECTLINE_HANDLE):
        raise PermissionDeniedError(_("该账号的角色不能办理直通车反映。"), code="capability_required")


def county_key_create(*, actor: User, county_code: str, handler: User, passphrase: str) -> CountyKey:
    """Set up a county's direct line: a fresh key pair whose private half is wrapped for `handler`
    only. Run once per county from the console (`manage.py directline_keys init`); a second call
    retires the old key (its reports stay readable only to the old key's handlers)."""
    unit = OrgUnit.objects.filter(code=county_code, kind="county").first()
    if unit is None:
        raise ApplicationError(_("找不到该县（市、区）：%(code)s。") % {"code": county_code}, code="unknown_county")
    require_handler_account(handler)
    if not scope_for(handler).covers(county_code):
        raise ApplicationError(_("办理人账号不属于该县。"), code="wrong_county")
    _check_passphrase(passphrase)
    pair = sealing.new_key_pair()
    with transaction.atomic():
        CountyKey.objects.filter(org_code=county_code, is_active=True).update(is_active=False)
        key = CountyKey.objects.create(org_code=county_code, public_key=pair.public,
                                       fingerprint=sealing.fingerprint(pair.public))
        _slot_for(county_key=key, user=handler, private=pair.private, passphrase=passphrase)
        audit_record(actor=actor, action="directline.key.create", obj=key, org_code=county_code,
                     changes={"handler": handler.username, "fingerprint": key.fingerprint})
    return key


def active_slot(user: User) -> HandlerSlot | None:
    if not scope_for(user).can(Capability.DIRECTLINE_HANDLE):
        return None
    return (HandlerSlot.objects.select_related("county_key")
            .filter(user=user, revoked_at__isnull=True, county_key__is_active=True).first())


def require_slot(user: User) -> HandlerSlot:
    slot = active_slot(user)
    if slot is None:
        raise PermissionDeniedError(_("您不是直通车的指定办理人。"), code="not_a_handler")
    return slot


def handler_unlock(*, actor: User, passphrase: str) -> bytes:
    """The county's private key for this session, from the handler's passphrase. Audited both ways."""
    from django.core.cache import cache

    slot = require_slot(actor)
    failures_key = f"directline:unlock-failures:{actor.pk}"
    if cache.get(failures_key, 0) >= UNLOCK_FAILURES:
        raise PermissionDeniedError(_("口令错误次数过多，请 15 分钟后再试。"), code="locked_out")
    try:
        key = sealing.passphrase_key(passphrase or "", salt=bytes(slot.salt), log_n=slot.log_n)
        private = _open_slot(slot, key)
    except sealing.OpenError:
        cache.set(failures_key, cache.get(failures_key, 0) + 1, 15 * 60)
        with transaction.atomic():
            audit_record(actor=actor, action="directline.handler.unlock_failed", obj=slot,
                         org_code=slot.county_key.org_code)
        raise ApplicationError(_("口令不正确。"), code="wrong_passphrase", field="passphrase") from None
    with transaction.atomic():
        if not bytes(slot.handler_public):  # a legacy slot: move it to the personal layout (key rotation needs it)
            HandlerSlot.objects.filter(pk=slot.pk, handler_public=b"").update(**personal_slot_fields(
                county_key_id=slot.county_key_id, user_id=actor.pk, private=private, wrapping_key=key))
        audit_record(actor=actor, action="directline.handler.unlock", obj=slot, org_code=slot.county_key.org_code)
    return private


def handler_invite(*, actor: User, private: bytes, user: User) -> str:
    """An unlocked handler designates another account of the county office. Returns the one-time
    code (shown once to the inviter, handed over in person); the invitee chooses their passphrase."""
    slot = require_slot(actor)
    require_handler_account(user)
    if not scope_for(actor).covers(user.org_code) or user.pk == actor.pk:
        raise NotFoundError(_("找不到该账号，或不在您的管辖范围内。"))
    if sealing.public_of(private) != bytes(slot.county_key.public_key):
        raise PermissionDeniedError(_("请先解锁。"), code="locked")
    code = sealing.new_receipt_code()
    normal = sealing.normalise_receipt_code(code)
    assert normal is not None     # a code just generated always normalises
    with transaction.atomic():
        Enrolment.objects.filter(county_key=slot.county_key, user=user).delete()
        enrolment = Enrolment.objects.create(
            county_key=slot.county_key, user=user, invited_by=actor,
            code_hash=sealing.receipt_lookup_hash(normal),
            wrapped_private=sealing.wrap(private, key=sealing.receipt_key(normal, report_uid=f"enrol:{user.pk}"),
                                         aad=f"directline:enrol:{slot.county_key_id}:{user.pk}"),
            expires_at=timezone.now() + dt.timedelta(days=ENROLMENT_DAYS))
        audit_record(actor=actor, action="directline.handler.invite", obj=enrolment,
                     org_code=slot.county_key.org_code, changes={"user": user.username})
    return code


def handler_enrol(*, actor: User, code: str, passphrase: str) -> HandlerSlot:
    """The invitee turns the one-time code into a slot under their own passphrase."""
    require_handler_account(actor)
    _check_passphrase(passphrase)
    normal = sealing.normalise_receipt_code(code)
    enrolment = (Enrolment.objects.select_related("county_key")
                 .filter(code_hash=sealing.receipt_lookup_hash(normal or ""), user=actor,
                         expires_at__gt=timezone.now()).first()) if normal else None
    if enrolment is None or normal is None:     # no enrolment is looked up without a well-formed code
        raise ApplicationError(_("邀请码无效或已过期。"), code="invalid_code", field="code")
    private = sealing.unwrap(bytes(enrolment.wrapped_private),
                             key=sealing.receipt_key(normal, report_uid=f"enrol:{actor.pk}"),
                             aad=f"directline:enrol:{enrolment.county_key_id}:{actor.pk}")
    with transaction.atomic():
        slot = _slot_for(county_key=enrolment.county_key, user=actor, private=private, passphrase=passphrase)
        enrolment.delete()
        audit_record(actor=actor, action="directline.handler.enrol", obj=slot,
                     org_code=slot.county_key.org_code)
    return slot


def handler_revoke(*, actor: User, slot: HandlerSlot) -> None:
    own = require_slot(actor)
    if slot.county_key_id != own.county_key_id or slot.pk == own.pk:
        raise NotFoundError(_("找不到该办理人。"))
    with transaction.atomic():
        HandlerSlot.objects.filter(pk=slot.pk).update(revoked_at=timezone.now(), wrapped_private=b"")
        audit_record(actor=actor, action="directline.handler.revoke", obj=slot,
                     org_code=own.county_key.org_code, changes={"user": slot.user.username})


# --- the reporter ---------------------------------------------------------------------------------
def _clean_text(text: str, *, field: str = "text", minimum: int = MIN_TEXT) -> str:
    text = strip_controls(text).strip()
    if len(text) < minimum:
        raise ApplicationError(_("请至少写 %(n)d 个字，说明是什么要求、谁提出的、给基层带来什么负担。") % {"n": minimum},
                               code="too_short", field=field)
    if len(text) > MAX_TEXT:
        raise ApplicationError(_("内容过长（%(n)d 字），请控制在 %(max)d 字以内，可分两次反映。")
                               % {"n": len(text), "max": MAX_TEXT}, code="too_long", field=field)
    return text


def identifiers_warning(text: str) -> str:
    """The warning shown before sending when the text holds a phone or ID number ('' when none)."""
    kinds = {i.kind for i in find_identifiers(strip_controls(text))}
    if not kinds:
        return ""
    names = "、".join(n for k, n in (("phone", _("电话号码")), ("id_number", _("身份证号码"))) if k in kinds)
    return _("内容中似乎有%(names)s，可能暴露您或他人的身份。建议删去后再发送；如确需保留，请勾选“仍然发送”。") % {
        "names": names}


def county_key_for(county_code: str) -> CountyKey:
    key = CountyKey.objects.filter(org_code=county_code, is_active=True).first()
    if key is None:
        raise ApplicationError(_("该县尚未开通直通车。"), code="not_enabled", field="county")
    return key


def _township_code(county_code: str, township_code: str) -> str:
    if not township_code:
        return county_code
    ok = OrgUnit.objects.filter(code=township_code, kind="town", parent_code=county_code, is_active=True).exists()
    if not ok:
        raise ApplicationError(_("请选择本县的乡镇（街道）。"), code="unknown_township", field="township")
    return township_code


def _seal_attachments(report: Report, message: Message | None, cleaned: list[CleanAttachment]) -> None:
    """Store the attachments `clean_attachments` made — called before the transaction that stores them, so no
    decoding happens with the key or report row locked and, on SQLite, the database's write lock held (dl-attach23)."""
    public = bytes(report.county_key.public_key)
    ids = unordered_ids(Attachment, len(cleaned)) if cleaned else []
    for pk, clean in zip(ids, cleaned, strict=True):
        attachment = Attachment(id=pk, uid=_uid(), report=report, message=message, content_type=clean.content_type,
                                extension=clean.extension, size=len(clean.content))
        attachment.sealed_content = sealing.seal(clean.content, recipient_public=public, aad=attachment.aad())
        attachment.save()


class TooManyReports(ApplicationError):
    status_code = 429
    default_code = "throttled"


def _take_submission_budget() -> None:
    """A site-wide hourly budget of reports (no address is kept, so no per-address limit): a flood
    of scripted reports is refused for the rest of the hour instead of filling the database. With the cache that
    counts it unreachable, refused too (limits fail closed), as the system's fault: 503 with Retry-After, nothing
    stored (fix-cr29 #1). The hour is `ratelimits.window_of`'s, as the other limits' (fix-cr29 #8)."""
    from jianfu.core import ratelimits

    hour, _into = ratelimits.window_of(3600)
    key = f"directline:submissions:{hour}"
    limit = int(getattr(settings, "JIANFU_DIRECTLINE_REPORTS_PER_HOUR", 200))
    try:
        allowed = ratelimits.take(key, limit, 3600)   # one rule, fails closed (ops29 #1)
    except ratelimits.LimitUnavailable:
        raise UnavailableError(_("系统暂时无法接收反映，内容未保存，请几分钟后再试。"),
                               retry_after=ratelimits.RETRY_AFTER) from None
    if not allowed:
        raise TooManyReports(_("当前提交的反映过多，请一小时后再试。"))


# How long the same report form posted again shows the receipt code again (a double click: the browser shows the
# second answer). Later, a repeat (the next person at a shared computer pressing back, then 提交) only says it was sent.
RECEIPT_AGAIN_SECONDS = 600


def form_content(*, county_code: str, township_code: str = "", category: str, text: str, **_ignored: object) -> str:
    """sha256 of what a report form posts (place | category | text): a repeat is the same form posted with the same
    content, so the token alone never finds another person's report (codereview16b #3)."""
    return hashlib.sha256(f"{county_code}|{township_code}|{category}|{text}".encode()).hexdigest()


def report_submit_from_form(*, form_token: object, browser: str = "", **kwargs: Any) -> tuple[Report, str, bool]:
    """The report form's report_submit: (report, code, True) when sent now; (the report that form sent, its code or "",
    False) when the same form — its one-time token — was posted before or at the same instant with the same place,
    category and text: one report, one receipt code. The code comes again only within RECEIPT_AGAIN_SECONDS and only
    to the browser that sent it: `browser` is the random cookie the form's page set (views.FORM_COOKIE); a post
    without a well-formed one is sent as before but keeps no copy, so its repeat only says it was sent (security17
    #2: the same body replayed from another browser showed the code). A post without a well-formed token is refused,
    nothing stored (`formtokens.required_key`, ADR 0035); so is the same token with other content (the next person
    at a shared computer pressing back, or an edit after sending): that is not a repeat, and it must neither be shown
    the first report's code nor be dropped — refused, nothing stored, the page keeps the typing."""
    key = formtokens.required_key(form_token)
    token = str(form_token)
    content = form_content(**kwargs)
    browser = browser if formtokens.valid(browser) else ""
    sent: list[str] = []

    def submit() -> Report:
        report, code = report_submit(**kwargs, form_token=token)
        if browser:
            _receipt_keep(report, code, token=token, content=content, browser=browser)
        sent.append(code)
        return report

    # a token another form spent is refused; this one's is not recorded outside the direct line (`formtokens.spend`)
    report, created = formtokens.once(Report.objects, key, submit, content_key=formtokens.key(token, scope=content),
                                      record_spent=False)
    if created:
        return report, sent[0], True
    return report, _receipt_again(report, token, content, browser) if browser else "", False


# The receipt code kept for a repeat lives in FormReceipt, off the report's row (security17 #1), for 10–20 minutes:
# a row written in one ten-minute window is deleted from the start of the window after next, by any write and by the
# sweep every ten minutes (tasks.directline_receipts_forget_task). No row holds a time finer than its window.
def _window(now: float) -> int:
    return int(now) // RECEIPT_AGAIN_SECONDS


def receipts_for_form_forget() -> int:
    """Delete the receipt codes kept for a repeat of the report form whose window is over (FormReceipt rows two
    ten-minute windows old, so kept 10–20 minutes: at least RECEIPT_AGAIN_SECONDS). Returns how many."""
    return FormReceipt.objects.filter(window__lt=_window(time.time()) - 1).delete()[0]


def _receipt_aad(report: Report) -> str:
    return f"directline:form-receipt:{report.uid}"   # bound to the report, which the row itself does not name


def _receipt_keep(report: Report, code: str, *, token: str, content: str, browser: str) -> None:
    now = time.time()
    receipts_for_form_forget()
    lookup, key = sealing.form_receipt_keys(token, content=content, browser=browser)
    FormReceipt.objects.create(lookup=lookup, window=_window(now),
                               sealed=sealing.wrap(f"{code}|{int(now)}".encode(), key=key, aad=_receipt_aad(report)))


def _receipt_again(report: Report, token: str, content: str, browser: str) -> str:
    """The code kept for a repeat of the form that sent `report`, from the same browser within
    RECEIPT_AGAIN_SECONDS; else ""."""
    lookup, key = sealing.form_receipt_keys(token, content=content, browser=browser)
    kept = FormReceipt.objects.filter(lookup=lookup).first()
    if kept is None:
        return ""
    try:
        code, _sep, sent = sealing.unwrap(bytes(kept.sealed), key=key, aad=_receipt_aad(report)).decode().partition("|")
        fresh = 0 <= time.time() - int(sent) <= RECEIPT_AGAIN_SECONDS
    except (sealing.OpenError, ValueError):
        return ""
    return code if fresh else ""


def report_submit(*, county_code: str, township_code: str = "", category: str, text: str, attachments: Iterable[UploadedFile] = (),
                  send_anyway: bool = False, form_token: str = "") -> tuple[Report, str]:
    """Take a report. Returns it with its receipt code — the only time the code exists in clear (but for the few
    minutes the form that sent it may show it again, report_submit_from_form)."""
    content = form_content(county_code=county_code, township_code=township_code, category=category, text=text)
    key = county_key_for(county_code)
    if category not in Category.values:
        raise ApplicationError(_("请选择问题类别。"), code="unknown_category", field="category")
    org_code = _township_code(county_code, township_code)
    text = _clean_text(text)
    warning = identifiers_warning(text)
    if warning and not send_anyway:
        raise ApplicationError(warning, code="identifiers_found", field="text")
    _take_submission_budget()
    cleaned = clean_attachments(attachments)   # every file checked, then decoded: before the transaction
    code = sealing.new_receipt_code()
    normal = sealing.normalise_receipt_code(code)
    assert normal is not None     # a code just generated always normalises
    mine = sealing.new_key_pair()
    today = _today()
    report = Report(id=unordered_ids(Report)[0], uid=_uid(), county_key=key, org_code=org_code, category=category, status=Status.NEW,
                    received_on=today, updated_on=today, receipt_hash=sealing.receipt_lookup_hash(normal),
                    reporter_public=mine.public, contains_identifiers=bool(warning), form_key=formtokens.key(form_token) or None,
                    form_content_key=formtokens.key(form_token, scope=content) or None)
    report.reporter_private_wrapped = sealing.wrap(mine.private, key=sealing.receipt_key(normal, report_uid=report.uid),
                                                   aad=report.aad("reporter-key"))
    report.body_for_reporter = sealing.seal_text(text, recipient_public=mine.public, aad=report.aad("body"))
    with transaction.atomic():
        # Seal to the key that is active when the row lands, holding it locked: a key rotation that starts
        # meanwhile waits for this report (or this report waits and takes the new key), so no report can
        # be sealed to a key whose rotation has finished and destroyed it.
        active = CountyKey.objects.select_for_update().filter(org_code=county_code, is_active=True).first()
        if active is None:
            raise ConflictError(_("直通车密钥正在更换，请稍后重新提交（您填写的内容仍保留在页面上）。"), code="rotating")
        report.county_key = active
        report.body_sealed = sealing.seal_text(text, recipient_public=bytes(active.public_key), aad=report.aad("body"))
        report.save()
        _seal_attachments(report, None, cleaned)
    return report, code


# --- the receipt page after the report form (Post/Redirect/Get) ------------------------------------------
_RECEIPT_AAD = "directline:pending-receipt"


def _receipt_key_hash(key: bytes) -> str:
    return hashlib.sha256(key).hexdigest()


def receipt_handoff_put(*, code: str, repeated: bool = False) -> str:
    """Keep a receipt code for the receipt page the form redirects to — just issued, or `repeated` (the same form
    posted again within RECEIPT_AGAIN_SECONDS, which the page says); returns the cookie value that opens it (a random
    key: the row holds the code sealed under it and the key's hash only). Rows never picked up (the browser closed
    between the POST and the redirect, or the first of a double click's two redirects) are dropped the day after."""
    key = sealing.random_key()
    today = _today()
    PendingReceipt.objects.filter(created_on__lt=today - dt.timedelta(days=1)).delete()
    PendingReceipt.objects.create(key_hash=_receipt_key_hash(key), created_on=today,
                                  sealed_code=sealing.wrap(f"{code}|{int(repeated)}".encode(), key=key,
                                                                aad=_RECEIPT_AAD))
    return sealing.b64(key)


def receipt_handoff_take(*, cookie: str) -> tuple[str, bool] | None:
    """(the receipt code kept for this browser, whether it was a repeat), once: the row is deleted as it is read, so a
    reload (or a second tab) gets None. None too for a missing or forged cookie."""
    try:
        key = sealing.unb64(cookie) if cookie else b""
    except ValueError:
        return None
    if len(key) != 32:
        return None
    pending = PendingReceipt.objects.filter(key_hash=_receipt_key_hash(key)).first()
    if pending is None or PendingReceipt.objects.filter(pk=pending.pk).delete()[0] != 1:
        return None  # already shown (two reloads racing: only the one that deleted it shows the code)
    try:
        code, _sep, repeated = sealing.unwrap(bytes(pending.sealed_code), key=key, aad=_RECEIPT_AAD).decode().partition("|")
    except sealing.OpenError:
        return None
    return code, repeated == "1"


def _add_message(report: Report, author: str, text: str, form_key: str | None = None,
                 form_content_key: str | None = None) -> Message:
    message = Message(uid=_uid(), report=report, author=author, created_on=_today(), form_key=form_key,
                      form_content_key=form_content_key or None)
    message.sealed_for_county = sealing.seal_text(text, recipient_public=bytes(report.county_key.public_key),
                                                  aad=message.aad())
    message.sealed_for_reporter = sealing.seal_text(text, recipient_public=bytes(report.reporter_public),
                                                    aad=message.aad())
    message.save()
    return message


def _move(report: Report, action: str, **fields: object) -> str:
    """The guarded transition: the table decides, a conditional UPDATE makes it race-free."""
    # Also guarded by the key the caller sealed its note to: a report re-sealed by a key rotation in
    # between refuses the move (ConflictError), so nothing lands sealed to the old key.
    to = WORKFLOW.move(Report.objects.filter(county_key_id=report.county_key_id), report.pk, action, report.status,
                       updated_on=_today(), **fields)
    before = report.status
    report.status = to
    report.updated_on = _today()
    for name, value in fields.items():
        setattr(report, name, value)
    return before


def reporter_answer(*, report: Report, text: str, attachments: Iterable[UploadedFile] = (), send_anyway: bool = False,
                    form_key: str | None = None, form_content_key: str | None = None) -> Message:
    """The reporter answers a question or adds something (by receipt code; see selectors.report_by_receipt)."""
    text = _clean_text(text, minimum=2)
    warning = identifiers_warning(text)
    if warning and not send_anyway:
        raise ApplicationError(warning, code="identifiers_found", field="text")
    cleaned = clean_attachments(attachments)   # every file checked, then decoded: before the report's row is locked
    with transaction.atomic():
        report = Report.objects.select_for_update().select_related("county_key").get(pk=report.pk)
        _move(report, Action.ANSWER, pending_digest=True)
        message = _add_message(report, Message.Author.REPORTER, text, form_key=form_key,
                               form_content_key=form_content_key)
        _seal_attachments(report, message, cleaned)
    return message


form_token_new = formtokens.token_new   # a one-time token for one rendering of the follow page's answer form


def reporter_answer_from_form(*, form_token: object, report: Report, **kwargs: object) -> tuple[Message, bool]:
    """An answer from the follow page: (message, True) when sent now, (the message sent earlier, False) when the
    same form — its one-time token, bound to this report's uid — was posted before (a refresh of the page that
    answered it, or back then 发送) or at the same instant: nothing is moved, sealed or stored again. A post
    without a well-formed token is refused, nothing sent (`formtokens.required_key`, ADR 0035); the API's answer
    without an Idempotency-Key calls reporter_answer."""
    key = formtokens.required_key(form_token, scope=str(report.uid))
    # the same token with another answer (back, the words or files changed, 发送 again) is not a repeat: an expired
    # form, nothing sent, never answered with the first message (ADR 0036; cr18 #3). sha256 of the token bound to
    # the content, as the report's own form_content_key: nothing in it is computable from a stored value.
    # a file over the size limit is not read for the digest (`upload_digest`); past the count, the files are not
    # hashed at all: either post is refused by `clean_attachments` before anything is sent
    attachments = list(cast(Iterable[Any], kwargs.pop("attachments", None) or ()))
    content_key = formtokens.content_key(form_token, {
        "report": str(report.uid), "text": kwargs.get("text"),
        "attachments": formtokens.upload_digests(attachments, limit=MAX_ATTACHMENT_BYTES, most=MAX_ATTACHMENTS)})
    return formtokens.once(Message.objects.filter(report=report), key,
                           lambda: reporter_answer(report=report, form_key=key or None,
                                                   form_content_key=content_key or None, attachments=attachments,
                                                   **kwargs),  # type: ignore[arg-type]
                           own=lambda message: formtokens.same_content(message, content_key),
                           # checked, not recorded outside the direct line (`formtokens.spend`); by the token's own
                           # key, since `key` is bound to the report and matches no other form's (cr28 #3)
                           record_spent=False, spent_key=formtokens.key(form_token))


# --- the handlers ---------------------------------------------------------------------------------
def _handled(actor: User, report: Report, private: bytes | None) -> HandlerSlot:
    """The handler's slot, for a report of their county that they have unlocked: `private` is the county's private
    key as this session's unlock (web) or this request's passphrase (API) gave it. A report is never accepted,
    answered, closed or moved on unread (N10: 办结 of a locked, unread report went through)."""
    slot = require_slot(actor)
    if report.county_key_id != slot.county_key_id or report.held:
        raise NotFoundError(_("找不到该反映。"))
    if not private or sealing.public_of(private) != bytes(report.county_key.public_key):
        raise ApplicationError(_("请先用直通车口令解锁，阅读反映内容后再办理。"), code="not_unlocked")
    return slot


def _audit(actor: User, report: Report, action: str, before: str, **changes: object) -> None:
    audit_record(actor=actor, action=f"directline.report.{action}", object_type="directline.report",
                 object_id=report.pk, object_repr=str(report), org_code=report.county_key.org_code,
                 changes={"status": [before, report.status], **changes})


def _note(report: Report, note: str) -> dict[str, bytes]:
    note = strip_controls(note or "").strip()
    if len(note) > MAX_TEXT:  # refused, never cut: the reporter reads this note as the outcome
        raise ApplicationError(_("办理意见过长（%(n)d 字），请控制在 %(max)d 字以内。") % {"n": len(note), "max": MAX_TEXT},
                               code="too_long", field="note")
    if not note:
        return {}
    return {"outcome_sealed": sealing.seal_text(note, recipient_public=bytes(report.county_key.public_key),
                                                aad=report.aad("outcome")),
            "outcome_for_reporter": sealing.seal_text(note, recipient_public=bytes(report.reporter_public),
                                                      aad=report.aad("outcome"))}


def report_accept(*, actor: User, report: Report, private: bytes | None) -> Report:
    _handled(actor, report, private)
    with transaction.atomic():
        before = _move(report, Action.ACCEPT)
        _audit(actor, report, "accept", before)
    return report


def report_ask(*, actor: User, report: Report, private: bytes | None, question: str) -> Message:
    _handled(actor, report, private)
    question = _clean_text(question, field="question", minimum=2)
    with transaction.atomic():
        before = _move(report, Action.ASK)
        message = _add_message(report, Message.Author.OFFICE, question)
        _audit(actor, report, "ask", before)
    return message


def report_close(*, actor: User, report: Report, private: bytes | None, note: str) -> Report:
    _handled(actor, report, private)
    if not (note or "").strip():
        raise ApplicationError(_("请写明办结意见，反映人凭回执码可以看到。"), code="note_required", field="note")
    with transaction.atomic():
        before = _move(report, Action.CLOSE, **_note(report, note))
        _audit(actor, report, "close", before)
    return report


def report_refer(*, actor: User, report: Report, private: bytes | None, note: str) -> Report:
    """Referred to the discipline-inspection and supervision organs (纪检监察机关)."""
    _handled(actor, report, private)
    with transaction.atomic():
        before = _move(report, Action.REFER, **_note(report, note or _("已移送纪检监察机关依规处理。")))
        _audit(actor, report, "refer", before)
    return report


def report_to_finding(*, actor: User, report: Report, private: bytes | None, issuer_code: str, summary: str,
                      note: str = "") -> Report:
    """Into the burden monitor as a finding against `issuer_code`. The summary goes to the monitor in
    clear (the handler writes it, without anything that could name the reporter)."""
    from jianfu.monitor import services as monitor_services

    _handled(actor, report, private)
    summary = strip_controls(summary or "").strip()
    if len(summary) < 5:
        raise ApplicationError(_("请写明问题摘要（将进入减负监测台账，请勿写入可识别反映人的信息）。"),
                               code="summary_required", field="summary")
    if len(summary) > MAX_SUMMARY:
        raise ApplicationError(_("问题摘要过长（%(n)d 字），请控制在 %(max)d 字以内。") % {"n": len(summary), "max": MAX_SUMMARY},
                               code="too_long", field="summary")
    with transaction.atomic():
        finding = monitor_services.finding_record_manual(
            actor=actor, issuer_code=issuer_code, category=str(Category(report.category).label), summary=summary,
            source="directline", source_ref=report.uid)
        before = _move(report, Action.TO_FINDING, finding_ref=str(finding.pk),
                       **_note(report, note or _("已作为减负监测问题登记并督促整改。")))
        _audit(actor, report, "to_finding", before, finding=str(finding.pk))
    return report


def report_to_rule(*, actor: User, report: Report, private: bytes | None, rule_id: int | str,
                   note: str = "") -> Report:
    """Answered by a monitoring rule (existing or newly added by the office in the monitor)."""
    from jianfu.monitor.models import Rule

    _handled(actor, report, private)
    try:
        rule = Rule.objects.filter(pk=int(rule_id), county_code__in=("", report.county_key.org_code)).first()
    except (TypeError, ValueError):
        rule = None
    if rule is None:
        raise ApplicationError(_("请选择一条监测规则。"), code="unknown_rule", field="rule")
    with transaction.atomic():
        before = _move(report, Action.TO_RULE, rule_ref=str(rule.pk),
                       **_note(report, note or _("已纳入减负监测规则，今后同类问题将自动发现。")))
        _audit(actor, report, "to_rule", before, rule=str(rule.pk))
    return report


DIGEST_HOURS = (9, 15)          # local time, working days (Monday–Friday)
DIGEST_CATCH_UP = dt.timedelta(hours=3)


def digest_slot(now: dt.datetime) -> dt.datetime:
    """The latest fixed digest time at or before `now` (09:00 or 15:00 of a working day, local time)."""
    local = timezone.localtime(now)
    day = local.date()
    while True:
        if day.weekday() < 5:
            for hour in sorted(DIGEST_HOURS, reverse=True):
                slot = timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))
                if slot <= local:
                    return slot
        day -= dt.timedelta(days=1)


def digest_send(*, now: dt.datetime | None = None, slot: dt.datetime | None = None) -> int:
    """The handlers' only notification: at fixed times, per county, "N reports or answers wait" — no
    category, township, or time of any single report, so a mail server or a phone's lock screen learns
    nothing about when or where anyone wrote. New reports are released to the handlers' list at the same
    moment (until then they are held). Returns the number of messages queued.

    Exactly once per county and fixed time, however the worker dies: the task runs every few minutes;
    each county's digest for the latest fixed time (if it is less than DIGEST_CATCH_UP old) is one
    transaction that records a DigestRun, releases the reports and queues the messages (with a dedupe
    key per slot and handler). Killed inside it, nothing was written and the next run sends it; once it
    committed, no later run sends that time again. `slot` forces an off-schedule digest at that time
    (the demo, and tests that need reports released)."""
    from jianfu.dispatch.models import Notification
    from jianfu.dispatch.notifications import notify

    now = now or timezone.now()
    if slot is None:
        slot = digest_slot(now)
        if now - slot > DIGEST_CATCH_UP:
            return 0
    queued = 0
    for key in CountyKey.objects.filter(is_active=True):
        with transaction.atomic():
            run, created = DigestRun.objects.get_or_create(org_code=key.org_code, slot=slot)
            if not created:
                continue
            pending = list(Report.objects.select_for_update().filter(county_key=key, pending_digest=True)
                           .values_list("pk", flat=True))
            run.count = Report.objects.filter(pk__in=pending, pending_digest=True).update(pending_digest=False,
                                                                                          held=False)
            run.save(update_fields=["count"])
            if not run.count:
                continue
            body = _("基层减负直通车有 %(n)d 条新的反映或补充待办理。请登录系统、解锁后查看。") % {"n": run.count}
            for slot_row in key.slots.filter(revoked_at__isnull=True).select_related("user"):
                if slot_row.user.email and slot_row.user.is_active and notify(
                        channel=Notification.Channel.EMAIL, recipient=slot_row.user.email,
                        subject=_("基层减负直通车：有待办理的反映"), body=body, org_code=key.org_code,
                        dedupe_key=f"directline-digest:{key.org_code}:{slot:%Y%m%d%H}:{slot_row.user_id}"):
                    queued += 1
            audit_record(actor=None, action="directline.digest.send", obj=key, org_code=key.org_code,
                         changes={"count": run.count, "slot": slot.isoformat()})
    return queued
