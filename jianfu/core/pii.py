"""Personal identifiers: masked everywhere by default; revealing one is a privilege and is audited."""

from __future__ import annotations

from django.db import transaction

from jianfu.core.audit import audit_record
from jianfu.core.errors import PermissionDeniedError

# the masks live beside the finder, in a module without Django (a model's __str__ masks with them: security34 #3);
# importable from here as before
from jianfu.core.identifiers import mask_id_number, mask_identifiers, mask_phone

__all__ = ["MASKERS", "mask_audit_text", "mask_id_number", "mask_identifiers", "mask_phone", "pii_reveal"]

MASKERS = {"id_number": mask_id_number, "phone": mask_phone}


def _is_unit_code(number: str) -> bool:
    """A 15-digit number that is a unit's code (a grid: 12-digit village + 3): shaped as an old ID number, kept."""
    if len(number) != 15 or not number.isdigit():
        return False
    from django.apps import apps

    return bool(apps.get_model("orgs", "OrgUnit").objects.filter(code=number).exists())


def mask_audit_text(text: str) -> str:
    """`text` with its phone and ID numbers masked (`mask_identifiers`) for the audit log, a unit's 15-digit code
    kept (security35 #3: a ledger title or a finding summary names a person's number as typed; a grid code beside it
    must stay readable). 12-digit unit codes are never taken for a number."""
    return mask_identifiers(text, keep=_is_unit_code)


def pii_reveal(*, actor, obj, field: str, value: str, may_reveal: bool) -> str:
    """Return the clear value of `field` of `obj` and audit that `actor` saw it.

    `may_reveal` is the caller's scoping decision (accounts.scoping: capability PII_REVEAL and the
    object in the actor's scope); refusing here keeps the audit of refusals out of the log."""
    if not may_reveal:
        raise PermissionDeniedError("您没有查看完整个人信息的权限。", code="pii_reveal_denied")
    with transaction.atomic():
        audit_record(actor=actor, action="pii.reveal", obj=obj, changes={"field": field})
    return value
