"""Personal identifiers: masked everywhere by default; revealing one is a privilege and is audited."""

from __future__ import annotations

from django.db import transaction

from jianfu.core.audit import audit_record
from jianfu.core.errors import PermissionDeniedError
from jianfu.core.identifiers import find_identifiers


def mask_id_number(value: str | None) -> str:
    """4505**************: the region prefix stays, nothing after it. The last four (the sequence code and the check
    digit) stayed until session 28: with the birth date every person page and the API print beside the mask (and the
    birth place the registry API gives), they were the whole number — a grid worker, who may not reveal, rebuilt
    45 of 45 of their people's (security28 #1). Idempotent: the mask of an older mask is the new mask."""
    if not value:
        return ""
    value = str(value)
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 4)


def mask_phone(value: str | None) -> str:
    """138****5678."""
    if not value:
        return ""
    value = str(value)
    if len(value) < 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


MASKERS = {"id_number": mask_id_number, "phone": mask_phone}


def mask_identifiers(text: str) -> str:
    """`text` with every phone and ID number `core.identifiers.find_identifiers` finds masked as above (an ID's region
    prefix only, a phone's first three and last four characters); the rest as it was. For a text a person typed that
    is published to anyone (security34 #1: the Open311 GET's description)."""
    text = text or ""
    out, pos = [], 0
    for found in find_identifiers(text):
        number = text[found.start:found.end]
        out.append(text[pos:found.start])
        out.append(mask_id_number(number) if found.kind == "id_number" else mask_phone(number))
        pos = found.end
    out.append(text[pos:])
    return "".join(out)


def pii_reveal(*, actor, obj, field: str, value: str, may_reveal: bool) -> str:
    """Return the clear value of `field` of `obj` and audit that `actor` saw it.

    `may_reveal` is the caller's scoping decision (accounts.scoping: capability PII_REVEAL and the
    object in the actor's scope); refusing here keeps the audit of refusals out of the log."""
    if not may_reveal:
        raise PermissionDeniedError("您没有查看完整个人信息的权限。", code="pii_reveal_denied")
    with transaction.atomic():
        audit_record(actor=actor, action="pii.reveal", obj=obj, changes={"field": field})
    return value
