"""Is this a number someone can be reached at? One rule for every place a person types a contact: a
citizen's contact on the public form, a village office's telephone on its public page."""

from __future__ import annotations

import re
import unicodedata

# A mobile number, a landline (with its area code, or a local 7–8 digit number), or an email address
_PHONE = (r"(?<!\d)(?:(?:\+|00)?86[- ]?)?1[3-9]\d{9}(?!\d)|(?<!\d)0\d{2,3}[- ]?\d{7,8}(?!\d)|"
          r"(?<![\d-])[2-9]\d{6,7}(?!\d)")
_EMAIL = r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}"
_CALLABLE = re.compile(f"{_PHONE}|{_EMAIL}")
_CALLABLE_PHONE = re.compile(_PHONE)
_DIGIT_GAPS = re.compile(r"(?<=\d)[-\s]+(?=\d)")   # "138-1234-5678", "138 1234 5678" are one number


def is_reachable(value: str, *, email: bool = True) -> bool:
    """True when `value` holds a number that can be called (or, with `email`, an email address);
    full-width digits and the dashes or spaces inside a number are accepted."""
    text = _DIGIT_GAPS.sub("", unicodedata.normalize("NFKC", value or ""))
    return bool((_CALLABLE if email else _CALLABLE_PHONE).search(text))
