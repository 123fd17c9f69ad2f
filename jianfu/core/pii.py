"""Personal identifiers: masked everywhere by default; revealing one is a privilege and is audited."""

from __future__ import annotations

from django.db import transaction

from jianfu.core.audit import audit_record
from jianfu.core.errors import PermissionDeniedError


def mask_id_number(value: str | None) -> str:
    """4505**********1234: the region prefix and the last four stay, as on Chinese government screens."""
    if not value:
        return ""
    value = str(value)
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_phone(value: str | None) -> str:
    """138****5678."""
    if not value:
        return ""
    value = str(value)
    if len(value) < 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


MASKERS = {"id_number": mask_id_number, "phone": mask_phone}


def pii_reveal(*, actor, obj, field: str, value: str, may_reveal: bool) -> str:
    """Return the clear value of `field` of `obj` and audit that `actor` saw it.

    `may_reveal` is the caller's scoping decision (accounts.scoping: capability PII_REVEAL and the
    object in the actor's scope); refusing here keeps the audit of refusals out of the log."""
    if not may_reveal:
        raise PermissionDeniedError("您没有查看完整个人信息的权限。", code="pii_reveal_denied")
    with transaction.atomic():
        audit_record(actor=actor, action="pii.reveal", obj=obj, changes={"field": field})
    return value
