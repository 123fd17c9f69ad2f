"""ID and phone numbers of the registry: sealed (AES-GCM), indexed (keyed HMAC) and masked in one place.

The same purposes are used for a staged import row and for a person, so committing an import copies the
ciphertext as is (no decrypt/re-encrypt)."""

from __future__ import annotations

import re

from jianfu.core import crypto
from jianfu.core.pii import mask_id_number, mask_phone

ID_PURPOSE = "registry.person.id_number"
PHONE_PURPOSE = "registry.person.phone"
RAW_PURPOSE = "registry.importrow.raw"
ID_INDEX = "registry.id_number"
PHONE_INDEX = "registry.phone"


def seal_id(number: str) -> tuple[str, str | None, str]:
    """(cipher, blind index or None, masked) for an ID number ('' → nothing)."""
    if not number:
        return "", None, ""
    return (crypto.encrypt(number, purpose=ID_PURPOSE), crypto.blind_index(number, purpose=ID_INDEX),
            mask_id_number(number))


def seal_phone(phone: str) -> tuple[str, str | None, str]:
    if not phone:
        return "", None, ""
    return (crypto.encrypt(phone, purpose=PHONE_PURPOSE), crypto.blind_index(phone, purpose=PHONE_INDEX),
            mask_phone(phone))


def id_index(number: str) -> str:
    return crypto.blind_index(number, purpose=ID_INDEX)


def phone_index(phone: str) -> str:
    return crypto.blind_index(phone, purpose=PHONE_INDEX)


def open_id(cipher: str) -> str:
    return crypto.decrypt(cipher, purpose=ID_PURPOSE)


def open_phone(cipher: str) -> str:
    return crypto.decrypt(cipher, purpose=PHONE_PURPOSE)


# Fields whose values are personal identifiers: FieldChange stores them masked, conflicts encrypted.
PII_FIELDS = {"id_number": mask_id_number, "phone": mask_phone}

# what the person lists read as a whole number (searched by its blind index), not a name — ASCII digits only
# (fix-cr32b #4: `\d` alone also matched full-width and other Unicode digits, which no stored number has)
ID_LIKE = re.compile(r"^\d{17}[\dXx]$", re.ASCII)
PHONE_LIKE = re.compile(r"^1\d{10}$", re.ASCII)
# a 人员编号 (a Person's pk, shown on its page) as typed: ASCII digits, at most 12 ("²".isdigit() is True too)
PERSON_NUMBER = re.compile(r"[0-9]{1,12}")


def compact_number(q: str | None) -> str:
    """`q` as the number searches read it: stripped, inner spaces dropped, a final x upper-cased — the one rule of
    the person list's search, the household form's 加入成员 and `searched_number`. A Chinese keyboard's full-width
    digits and X, and every kind of space, are read as ASCII ("１３８ ００１３ ８０００" was searched as a name and found
    nothing: fixcr33b L8) — those only, not NFKC: NFKC reads "①" and "²" as 1 and 2, and "①" typed in 加入成员 then
    added person 1 to the household (the lead, session 33); what is left non-ASCII matches no number."""
    return "".join((q or "").translate(_FULL_WIDTH).split()).upper()


# the full-width digits ０–９ and Ｘ/ｘ (an ID number's check character) as ASCII
_FULL_WIDTH = str.maketrans("０１２３４５６７８９Ｘｘ", "0123456789Xx")


def searched_number(q: str | None) -> str | None:
    """"id_number" or "phone" when `q` is a whole number the person lists search by its blind index, else None."""
    compact = compact_number(q)
    return "id_number" if ID_LIKE.match(compact) else "phone" if PHONE_LIKE.match(compact) else None
