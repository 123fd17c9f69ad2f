"""受理编号: the short number a reporter keeps (HP2612000123 — county initials, yymm, a six-digit
sequence per prefix and month), and looking a report up by that number and the reporter's phone, as
12345 hotlines do.

No enumeration oracle: the sequence is guessable, so a number alone reveals nothing — the answer
to "number + phone" is the same "not found" whether the number does not exist, the phone does not
match, or the report left no phone; the view rate-limits attempts per address.

A reporter who left no phone (the contact is optional) follows the case by number + 查询码: eight
letters shown on the progress page, derived one-way from the report's secret link token, so it needs
no column, reveals nothing of the link, and only someone who has seen the page knows it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import unicodedata
from functools import lru_cache

from django.db import IntegrityError, connection, transaction
from django.db.models import Q

from jianfu.core import crypto
from jianfu.dispatch.models import CaseCounter, Event
from jianfu.orgs.models import OrgUnit

BEIJING = dt.timezone(dt.timedelta(hours=8))
_SUFFIXES = ("自治县", "自治旗", "县", "市", "区", "旗")


@lru_cache(maxsize=256)
def county_initials(county_code: str) -> str:
    """合浦县 → HP: the pinyin initials of the county's name without its suffix (2–4 letters)."""
    from pypinyin import Style, lazy_pinyin

    name = OrgUnit.objects.filter(code=county_code[:6].ljust(12, "0")).values_list("name", flat=True).first() or ""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            name = name[: -len(suffix)]
            break
    letters = "".join(p[:1] for p in lazy_pinyin(name, style=Style.FIRST_LETTER) if p[:1].isascii()).upper()
    letters = "".join(ch for ch in letters if "A" <= ch <= "Z")[:4]
    return letters if len(letters) >= 2 else "JF"


def case_number_next(county_code: str, at: dt.datetime) -> str:
    """The next number for the county and month; atomic (one `UPDATE … SET last = last + 1 …
    RETURNING last`, SQLite ≥ 3.35 and PostgreSQL), so two reports at once never share one. Must run
    inside the caller's transaction."""
    key = f"{county_initials(county_code)}{at.astimezone(BEIJING):%y%m}"
    last = _increment(key)
    if last is None:
        try:
            with transaction.atomic():
                CaseCounter.objects.create(key=key, last=1)
            last = 1
        except IntegrityError:  # created by a concurrent report: increment theirs
            last = _increment(key)
    return f"{key}{last:06d}"


def case_number_redated(event: Event) -> None:
    """Number `event` again by the time it now says it was reported (`created_at`), as a real report of that day was
    numbered (newuser24 #3: the demo dates its events back after filing them, and they kept the month of the demo
    load, HP2612… for a report of July). Its number is given back when it is still its counter's last, so the month it
    was filed in has no gap; the demo's only (it files and dates back one event at a time)."""
    if not event.case_number:
        return
    with transaction.atomic():
        key, last = event.case_number[:-6], int(event.case_number[-6:])
        CaseCounter.objects.filter(key=key, last=last).update(last=last - 1)
        created_at = Event.objects.filter(pk=event.pk).values_list("created_at", flat=True).get()
        event.case_number = case_number_next(event.county_code, created_at)
        Event.objects.filter(pk=event.pk).update(case_number=event.case_number)


def _increment(key: str) -> int | None:
    # raw SQL: the ORM has no UPDATE … RETURNING, and this runs once per report
    with connection.cursor() as cur:
        cur.execute(f"UPDATE {CaseCounter._meta.db_table} SET last = last + 1 WHERE key = %s RETURNING last", [key])
        found = cur.fetchone()
    return found[0] if found else None


_EVENT_NUMBER = re.compile(r"WG0*([1-9][0-9]{0,17})")
_CASE_NUMBER = re.compile(r"[A-Z]{2,4}[0-9]{10}")
_CASE_DIGITS = re.compile(r"[0-9]{10}")  # a 受理编号 ends in exactly ten digits: matching its end is exact
# as spoken (newuser16 #7): the event number's digits without "WG" and its zeros ("9", "00000009": WG00000009) —
# at most the eight it has —, and a 受理编号 with its month and the sequence without the zeros ("HP2612-24")
_EVENT_DIGITS = re.compile(r"0*([1-9][0-9]{0,7})")
_CASE_SHORT = re.compile(r"([A-Z]{2,4}[0-9]{4})0*([1-9][0-9]{0,5})")


def number_filter(value: str) -> Q | None:
    """The one case a staff member or a client names by either of its numbers: the event number
    (WG00000024, or as spoken: "24", "00000024") or the citizen's 受理编号 (HP2612000024, its ten digits alone, or
    "HP2612-24"). Exact, ignoring case, spaces, dashes and full-width forms ("hp 2612-000024"); None when `value` is
    neither (then it is free text)."""
    compact = "".join(ch for ch in unicodedata.normalize("NFKC", value or "").upper() if ch.isalnum())[:24]
    m = _EVENT_NUMBER.fullmatch(compact)
    if m:
        return Q(pk=int(m.group(1)))
    if _CASE_NUMBER.fullmatch(compact):
        return Q(case_number=compact)
    if _CASE_DIGITS.fullmatch(compact):  # its digits alone, as read out without the letters (verify15 #6c)
        return Q(case_number__endswith=compact)
    m = _EVENT_DIGITS.fullmatch(compact) if len(compact) <= 8 else None
    if m:
        return Q(pk=int(m.group(1)))
    m = _CASE_SHORT.fullmatch(compact)
    if m:
        return Q(case_number=f"{m.group(1)}{int(m.group(2)):06d}")
    return None


def _digits(value: str) -> str:
    return "".join(ch for ch in (value or "") if ch.isdigit())


# no I and O: read aloud or copied by hand they pass for 1 and 0; 24**8 ≈ 1.1e11 codes
LOOKUP_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ"
LOOKUP_CODE_LENGTH = 8


def lookup_code(token: str) -> str:
    """The 查询码 of the report whose secret link token is `token` (8 capital letters)."""
    value = int.from_bytes(hashlib.sha256(f"jianfu.dispatch.lookup-code:{token}".encode()).digest()[:8], "big")
    letters = []
    for _ in range(LOOKUP_CODE_LENGTH):
        value, index = divmod(value, len(LOOKUP_CODE_ALPHABET))
        letters.append(LOOKUP_CODE_ALPHABET[index])
    return "".join(letters)


def _code_letters(value: str) -> str:
    # "abcd efgh", "ABCD-EFGH", full-width "ＡＢＣＤ ＥＦＧＨ" from a Chinese input method → "ABCDEFGH"
    return "".join(ch for ch in unicodedata.normalize("NFKC", value or "").upper() if "A" <= ch <= "Z")


def case_lookup(*, number: str, phone: str, contact_purpose: str) -> Event | None:
    """The event with this case number whose reporter left this phone number — or whose 查询码 this
    is (`phone` holds what the citizen typed: a phone number or a 查询码) — else None."""
    number = (number or "").strip().upper()[:20]
    code = _code_letters(phone)[:20]
    if code:
        event = Event.objects.filter(case_number=number).first() if number else None
        expected = lookup_code(event.feedback_token) if event is not None else "-"
        matched = hmac.compare_digest(expected.encode(), code.encode())
        return event if event is not None and matched else None
    phone = _digits(phone)[:20]
    event = Event.objects.filter(case_number=number).first() if number and len(phone) >= 7 else None
    cipher = event.reporter_contact_cipher if event is not None else ""
    stored = _digits(crypto.decrypt(cipher, purpose=contact_purpose)) if cipher else ""
    # compare in constant time, and compare something even when there is nothing to compare
    # (the last 11 digits: "+86 138…" and "138…" are the same phone)
    matched = hmac.compare_digest(stored[-11:].encode() or b"-", phone[-11:].encode() or b"+")
    return event if event is not None and stored and matched else None
