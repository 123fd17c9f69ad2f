"""The employer's kind (session 31, emp-lang31; blind30's leftover): a seeker who takes only one kind of place — "只去酒店，
不去民宿", "只做民宿，不去酒店", "只做饮品店" — against the kind the employer's name says ("涠洲岛某民宿", "北海某度假酒店",
"合浦县某奶茶店").

Three flags at the top of the fourth certificate word (`parse.TOP_OF_FOURTH_WORD`), each held by every seeker but one
who refuses that kind, and required by a posting of it: `HOTEL_OK` (a 酒店/宾馆's post), `GUESTHOUSE_OK` (a 民宿/客栈's),
`NOT_DRINKS_OK` (any post not of a 饮品店 — 奶茶, 咖啡, 茶饮 —: refused by "只做饮品店"). A kind is read from the
employer's name alone; a name saying neither ("某旅游公司") is no 酒店 and no 民宿. The refusal is read as written:
"只去酒店" refuses a 民宿 (the kind beside it), not a 景区; "想去酒店" (a wish) refuses nothing.

Pure: no Django.
"""

from __future__ import annotations

import re

HOTEL_OK = "可去酒店"
GUESTHOUSE_OK = "可去民宿"
NOT_DRINKS_OK = "可去饮品店以外"
VENUE_FLAGS = (HOTEL_OK, GUESTHOUSE_OK, NOT_DRINKS_OK)

_HOTEL = r"(?:酒店|宾馆)"
_GUESTHOUSE = r"(?:民宿|客栈)"
_DRINKS = r"(?:饮品店|饮品|奶茶店|奶茶|咖啡店|咖啡馆|咖啡|茶饮店|茶饮)"
_ONLY = r"只(?:去|做|在|找|进|干)"
_NOT = r"不(?:去|做|在|找|进|干|考虑)"
_END = r"(?=$|[，,。；;）)、\s])"     # the kind ends the refusal: "不去酒店做夜班" refuses the night, not the hotel
_KINDS = {"hotel": _HOTEL, "guesthouse": _GUESTHOUSE, "drinks": _DRINKS}
_ANY_KIND = rf"(?:{_HOTEL}|{_GUESTHOUSE}|{_DRINKS})"
# "只去X" with the kinds it lists ("只去酒店或民宿", "只做酒店和民宿": both, fixcr32)
_ONLY_KINDS = re.compile(rf"{_ONLY}({_ANY_KIND}(?:(?:或者?|和|、|跟|与|及|/|还是){_ANY_KIND})*)")
# a 过 tail: past work, not a wish ("只在奶茶店干过一年", "以前只在酒店做过保洁"; fixcr32)
_PAST = re.compile(r"[^，,。；;！!？?]{0,6}?(?:做|干|待|呆|工作|上|打)过")
# what "只去X" refuses, by the one kind it names (a wish naming two kinds refuses neither)
_ONLY_REFUSES = {"hotel": GUESTHOUSE_OK, "guesthouse": HOTEL_OK, "drinks": NOT_DRINKS_OK}


def seeker_refuses(text: str) -> frozenset[str]:
    """The flags a seeker lacks: the kinds they refuse ("不去民宿", "只去酒店" → `GUESTHOUSE_OK`; "不去酒店", "只做民宿" →
    `HOTEL_OK`; "只做饮品店", "只做奶茶店" → `NOT_DRINKS_OK`). fixcr32: "只在奶茶店干过一年" (a 过 tail) is past work, no
    wish; "只去酒店或民宿" (both kinds listed) refuses neither."""
    t = text or ""
    lacks = set()
    if re.search(rf"{_NOT}{_GUESTHOUSE}{_END}", t):
        lacks.add(GUESTHOUSE_OK)
    if re.search(rf"{_NOT}{_HOTEL}{_END}", t):
        lacks.add(HOTEL_OK)
    for m in _ONLY_KINDS.finditer(t):
        if _PAST.match(t, m.end()):
            continue
        kinds = {kind for kind, pattern in _KINDS.items() if re.search(pattern, m.group(1))}
        if len(kinds) == 1:
            lacks.add(_ONLY_REFUSES[kinds.pop()])
    return frozenset(lacks)


def posting_kind(employer: str) -> frozenset[str]:
    """The flags a posting requires by its employer's name: a 民宿/客栈 (`GUESTHOUSE_OK`; "某农庄民宿" too), else a
    酒店/宾馆 (`HOTEL_OK`); a 饮品店's name ("某奶茶店", "某咖啡馆", "某咖啡连锁") requires nothing of its kind, every other
    name `NOT_DRINKS_OK`. A 茶餐厅, 茶楼 or 茶馆 is no 饮品店."""
    name = employer or ""
    asked = set()
    if re.search(_GUESTHOUSE, name):
        asked.add(GUESTHOUSE_OK)
    elif re.search(_HOTEL, name):
        asked.add(HOTEL_OK)
    if not re.search(_DRINKS, name):
        asked.add(NOT_DRINKS_OK)
    return frozenset(asked)
