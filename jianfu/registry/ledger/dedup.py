"""Likely-duplicate detection for persons without a usable ID number. Pure, no Django.

Blocking: candidates come from the same village only. Within a village:

- same name and same birth date → score 100 (“同村同名同生日”);
- same birth date and a similar name — by characters (rapidfuzz ratio ≥ 75, e.g. 王小明/王晓明 share two of
  three characters) or by pinyin (identical toneless pinyin: 李娜/李纳) → score = the better similarity;
- same name, either side without a birth date → score 80 (“同村同名，缺出生日期”).

The thresholds are parameters so the review queue can be tuned; they are documented in docs/registry.md.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

CHAR_THRESHOLD = 75.0
PINYIN_THRESHOLD = 90.0


@dataclass(frozen=True)
class Candidate:
    person_id: int
    score: float
    reason: str

    def as_dict(self) -> dict:
        return {"person_id": self.person_id, "score": round(self.score, 1), "reason": self.reason}


@lru_cache(maxsize=65536)
def name_pinyin(name: str) -> str:
    # imported here, not with the module: its phrase dictionary is most of the registry pages' import, which every web
    # process's first request pays through the URLconf (mend21 #6), and only a duplicate check reads it
    from pypinyin import Style, lazy_pinyin

    return " ".join(lazy_pinyin(name, style=Style.NORMAL, errors="ignore"))


def name_similarity(a: str, b: str) -> tuple[float, str]:
    """(score 0–100, how): the better of character similarity and pinyin similarity."""
    a, b = a.strip(), b.strip()
    if a == b:
        return 100.0, "同名"
    chars = fuzz.ratio(a, b)
    pa, pb = name_pinyin(a), name_pinyin(b)
    pin = 100.0 if pa and pa == pb else (fuzz.ratio(pa, pb) if pa and pb else 0.0)
    if pin >= chars and pin >= PINYIN_THRESHOLD:
        return pin, "姓名拼音相同" if pin == 100.0 else "姓名拼音相近"
    return chars, "姓名字形相近"


@dataclass(frozen=True)
class Known:
    person_id: int
    name: str
    birth_date: dt.date | None


class VillageIndex:
    """Existing persons of one village, indexed by birth date and by name."""

    def __init__(self, persons: Iterable[Known]):
        self.by_birth: dict[dt.date, list[Known]] = defaultdict(list)
        self.by_name: dict[str, list[Known]] = defaultdict(list)
        for p in persons:
            if p.birth_date:
                self.by_birth[p.birth_date].append(p)
            self.by_name[p.name.strip()].append(p)

    def add(self, p: Known) -> None:
        if p.birth_date:
            self.by_birth[p.birth_date].append(p)
        self.by_name[p.name.strip()].append(p)

    def candidates(self, name: str, birth_date: dt.date | None, *, limit: int = 5) -> list[Candidate]:
        name = name.strip()
        found: dict[int, Candidate] = {}
        if birth_date:
            for p in self.by_birth.get(birth_date, ()):
                score, how = name_similarity(name, p.name)
                if how == "同名":
                    found[p.person_id] = Candidate(p.person_id, 100.0, "同村同名同出生日期")
                elif (how == "姓名字形相近" and score >= CHAR_THRESHOLD) or how.startswith("姓名拼音"):
                    found[p.person_id] = Candidate(p.person_id, score, f"同村同出生日期，{how}")
        for p in self.by_name.get(name, ()):
            if p.person_id in found:
                continue
            if birth_date is None or p.birth_date is None:
                found[p.person_id] = Candidate(p.person_id, 80.0, "同村同名，缺出生日期无法区分")
        return sorted(found.values(), key=lambda c: (-c.score, c.person_id))[:limit]
