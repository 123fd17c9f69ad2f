"""The app's door to the matching core's parsers: their values in the shapes the models store, their
ValueError (a Chinese reason) as an ApplicationError naming the field. Two readings of the app's own live here, on top
of the core's: a wage said as about one figure ("约3000", "月薪约3000元") is that figure, as the core reads "3000左右"
(tryout27 #4, cr28 #2); and 招聘人数 with its unit and in Chinese numerals (`headcount`, tryout27 #10b) — a posting's
field the matcher core does not read. `models.WAGE_ABOUT` is the display's side of the first: which stored one-figure
wage is shown "约…"."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from django.utils.translation import gettext as _

from jianfu.core.errors import ApplicationError
from jianfu.employment import matching as core
from jianfu.employment.matching.parse import cn_number
from jianfu.registry.ledger import values as V
from jianfu.registry.ledger.values import local_today
from jianfu.registry.models import Education

# The core's education levels (0 不限 … 7 博士) ↔ the registry's Education codes.
LEVEL_TO_EDUCATION = ("", Education.PRIMARY, Education.JUNIOR, Education.SENIOR, Education.COLLEGE,
                      Education.BACHELOR, Education.POSTGRADUATE, Education.POSTGRADUATE)
EDUCATION_TO_LEVEL = {Education.NONE: 0, Education.PRIMARY: 1, Education.JUNIOR: 2, Education.SENIOR: 3,
                      Education.COLLEGE: 4, Education.BACHELOR: 5, Education.POSTGRADUATE: 6}


def _fail(exc: ValueError, field: str) -> ApplicationError:
    return ApplicationError(str(exc.args[0]) if exc.args else str(exc), code="invalid", field=field)


def _pair(value: object) -> tuple[int | None, int | None]:
    if value is None:
        return None, None
    if isinstance(value, tuple):
        return (value[0], value[1]) if len(value) >= 2 else (value[0], None)
    low = getattr(value, "low", getattr(value, "min", getattr(value, "minimum", None)))
    high = getattr(value, "high", getattr(value, "max", getattr(value, "maximum", None)))
    return low, high


# "约3000", "月薪约3000元", "约3000元，包吃住": about one figure, wherever the word stands in the cell (cr28 #2: a
# cell that said anything besides, as a job board's export does, was still read as a floor, "3000元/月起"). Kept as
# the core reads it (a floor) when the cell also says a floor, or a pay made of more than that figure (底薪 + 提成).
_WAGE_ABOUT = re.compile(r"(?:大约|约|大概|差不多)\s*([\d一二两三四五六七八九十百千万.]+\s*[千万kK]?)")
_WAGE_FLOOR = re.compile(r"起|以上|以下|以内|不低于|不少于|至少|最低|保底|底薪|提成|计件|[+＋]|[-–—~～至到]\s*[\d一二两三四五六七八九十]")


def _about(text: str, low: float) -> bool:
    """`text` says "about" the figure the core read as its floor `low`, and no floor or other part of the pay."""
    found = _WAGE_ABOUT.search(text)
    if found is None or _WAGE_FLOOR.search(text):
        return False
    try:
        figure, _high = _pair(core.parse_wage(found.group(1)))
    except ValueError:
        return False
    return figure == low


# The most a month's wage (月薪, 期望月薪) may be, in yuan (session 33, emp-product33 #2). The matcher core refuses only
# what no pay can be (outside 100–200,000 a month: `matching.parse.parse_wage`, which also refuses a negative one). On a
# county's job board and a key-group seeker's registration the magnitudes are smaller: Guangxi's average wage in urban
# units is about 8,000 a month, and the social-insurance contribution base stops at three times the average (about
# 21,000–22,000 a month). Over 50,000 a month — more than twice that ceiling — is an extra zero or a year's pay written
# as a month's far more often than a county posting's pay, so it is refused, naming the field, rather than stored and
# matched on. A year's pay written as one ("年薪6万") is read as a month's (5,000) before the cap.
WAGE_MAX = 50_000


@lru_cache(maxsize=4096)
def wage(text: str, *, field: str = "wage", label: str = "") -> tuple[int | None, int | None]:
    """Monthly wage range in yuan; (None, None) for 面议 or empty. Over `WAGE_MAX` a month is refused, named by
    `label` (月薪 by default; 期望月薪 for a seeker)."""
    if not (text or "").strip():
        return None, None
    try:
        low, high = _pair(core.parse_wage(text))
    except ValueError as exc:
        raise _fail(exc, field) from None
    if low is not None and high is None and _about(text, low):
        high = low   # "约3000" is about 3000 as "3000左右" is (the core reads it as a floor): tryout27 #4
    top = max((v for v in (low, high) if v is not None), default=0)
    if top > WAGE_MAX:
        raise ApplicationError(_("%(f)s“%(v)s”按每月%(n)d元读，超过上限（每月%(max)d元）：请核对是否多写了0，或把年薪写成了月薪。")
                               % {"f": label or _("月薪"), "v": text.strip()[:30], "n": int(top), "max": WAGE_MAX},
                               code="invalid", field=field)
    return (int(low) if low is not None else None, int(high) if high is not None else None)


HEADCOUNT_MAX = 10_000
_HEADCOUNT_UNIT = re.compile(r"(?:个人|人|名|个|位)$")


def headcount(text: str, *, field: str = "headcount") -> int:
    """招聘人数 as written: "5", "5人", and in Chinese numerals as the wage reads them ("两个", "五人", "十名", "二十")
    by the core's `cn_number` (tryout27 #10b: "两个" was refused as "不是数字" while the wage took 四千)."""
    word = _HEADCOUNT_UNIT.sub("", (text or "").strip())
    try:
        return V.parse_int(word, minimum=1, maximum=HEADCOUNT_MAX)
    except V.CellError as exc:
        number = cn_number(word) if word else None
        if number is None or not number.is_integer():
            raise ApplicationError(exc.reason, code="invalid", field=field) from None
    try:
        return V.parse_int(int(number), minimum=1, maximum=HEADCOUNT_MAX)
    except V.CellError as exc:
        raise ApplicationError(exc.reason, code="invalid", field=field) from None


@lru_cache(maxsize=4096)
def age_range(text: str, *, field: str = "age") -> tuple[int | None, int | None]:
    if not (text or "").strip():
        return None, None
    try:
        low, high = _pair(core.parse_age_range(text))
    except ValueError as exc:
        raise _fail(exc, field) from None
    return (int(low) if low is not None else None, int(high) if high is not None else None)


@lru_cache(maxsize=4096)
def education(text: str, *, field: str = "education", required: bool = False) -> str:
    """A registry Education code ('' when no requirement / not given). `required`: a posting's requirement, where a
    qualification as the level's alternative asks no level (`parse_required_education`); a seeker's education is
    read as it is (session 33, fixcr33a: "大专，有电工证或焊工证" is 大专)."""
    text = (text or "").strip()
    if not text:
        return ""
    if text in Education.values:
        return text
    try:
        value = (core.parse_required_education if required else core.parse_education)(text)
    except ValueError as exc:
        raise _fail(exc, field) from None
    if value is None:
        return ""
    value = getattr(value, "value", value)
    if isinstance(value, int):   # the core's ordinal level 0..7
        return LEVEL_TO_EDUCATION[max(0, min(value, 7))]
    return str(value)


@lru_cache(maxsize=4096)
def occupation(text: str) -> tuple[str, str]:
    """(code, name) of the closest occupation of the project's list, or ('', '') when none fits."""
    if not (text or "").strip():
        return "", ""
    try:
        result: object = core.normalise_occupation(text)
    except ValueError:
        return "", ""
    if not result:
        return "", ""
    found = result[0] if isinstance(result, list) else result
    if isinstance(found, tuple):
        return str(found[0]), str(found[1])
    if isinstance(found, str):
        return found, occupation_name(found)
    return str(getattr(found, "code", "")), str(getattr(found, "name", ""))


def posting_occupation(title: str, description: str = "", certificates: list[str] | tuple[str, ...] = ()) -> tuple[str, str]:
    """(code, name) of a posting's own trade as the matcher reads it (the title's, or for 综合岗 and the like the
    description's — `matching.posting_trades`), or ('', '')."""
    codes = core.posting_trades(title or "", description or "", frozenset(certificates))
    return (codes[0], occupation_name(codes[0])) if codes else ("", "")


def occupation_name(code: str) -> str:
    from jianfu.employment.matching import occupations

    table = getattr(occupations, "BY_CODE", None) or {o.code: o for o in getattr(occupations, "OCCUPATIONS", ())}
    found = table.get(code)
    return getattr(found, "name", "") if found is not None else ""


def certificates(text: str | list[str] | tuple[str, ...], *, field: str = "certificates") -> list[str]:
    if isinstance(text, (list, tuple)):
        text = "、".join(str(t) for t in text if t)
    if not (text or "").strip():
        return []
    return list(_certificates(text, field))


# Driving licence classes. What a class allows (a C1 drives what a C2 does) is the matcher's reading of the list
# (`core.held_certificates` expands it again), not the person's certificates: the list stores and shows the classes
# written ("C1驾照" → C1, not "C1、C2": tryout27 #5).
_LICENCE_CLASSES = frozenset({"A1", "A2", "A3", "B1", "B2", "C1", "C2"})
_CERT_ITEMS = re.compile(r"[、,，;；/\s]+")


def _names(text: str) -> set[str]:
    return {str(getattr(c, "name", c)) for c in core.normalise_certificates(text)}


def _written_classes(found: set[str]) -> set[str]:
    """The licence classes of `found` that no other class of it includes."""
    classes = found & _LICENCE_CLASSES
    implied = {c for n in classes for c in _names(n) - {n}}
    return classes - implied


@lru_cache(maxsize=4096)
def _certificates(text: str, field: str) -> tuple[str, ...]:
    try:
        found = _names(text)
        classes = _written_classes(found)
        if found & _LICENCE_CLASSES:   # "C1驾照、C2驾照": each item's own class is written, C2 too
            classes |= {c for item in _CERT_ITEMS.split(text) if item for c in _written_classes(_names(item))}
        return tuple(sorted((found - _LICENCE_CLASSES) | (classes & found)))
    except ValueError as exc:
        raise _fail(exc, field) from None


# A stored value holding several certificates: "C1、C2" as one value of the list, or the whole field one string, from
# before every door split what was typed (session 28, migration 0020). Whitespace is not a joint here: a stored name
# never held one, and "高级 电工证" is one certificate.
_JOINED = re.compile(r"[、,，;；/]")


def certificates_resplit(stored: object, read: Callable[[str], list[str]]) -> list[str] | None:
    """The list new input of the same words gives (`read`: `certificates` for a seeker, the required list of
    `required_certificates` for a posting), or None when `stored` is already a list of single values. A part the
    parser reads as nothing ("会开拖拉机") is kept as written after the ones it reads: a data fix drops nothing."""
    if isinstance(stored, str):
        items = [stored]
    elif isinstance(stored, list) and all(isinstance(v, str) for v in stored):
        if not any(_JOINED.search(v) for v in stored):
            return None
        items = stored
    else:
        return None
    parts = [p.strip() for v in items for p in _JOINED.split(v) if p.strip()]

    def reads(part: str) -> list[str]:
        try:
            return list(read(part))
        except ApplicationError:
            return []

    readable = [p for p in parts if reads(p)]
    out = reads("、".join(readable)) if readable else []
    out += [p for p in dict.fromkeys(parts) if p not in readable and p not in out]
    return out


@lru_cache(maxsize=4096)
def required_certificates(text: str, *, field: str = "certificates") -> tuple[list[str], list[str]]:
    """A posting's certificate requirement: (required, preferred) — "健康证优先" is not a requirement."""
    if not (text or "").strip():
        return [], []
    try:
        required, preferred = core.parse_required_certificates(text)
    except ValueError as exc:
        raise _fail(exc, field) from None
    return sorted(required), sorted(preferred)


def experience_years(text: str, *, field: str = "experience", seeker: bool = False) -> int:
    """Whole years of experience asked for or had (0 for 不限 / none); an impossible number ("100年") is
    refused, naming the field. `seeker`: a seeker's 工作经历, whose "2018年至今" runs to this year."""
    return _experience_years(text, field, seeker, local_today().year)


@lru_cache(maxsize=4096)
def _experience_years(text: str, field: str, seeker: bool, year: int) -> int:
    if not (text or "").strip():
        return 0
    try:
        return int(round(core.parse_experience(text, strict=True, year=year, seeker=seeker)))
    except ValueError as exc:
        raise _fail(exc, field) from None
