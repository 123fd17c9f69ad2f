"""The names people write for a unit: "曲木村委会" is written "曲木村" or "曲木", "廉州镇" "廉州".

Plain Python with no Django import (an import-linter contract keeps it so), because the matching core
(`employment/matching/`) reads place names with it as well as the apps (dispatch, employment, the Open311
adapter). Each function takes a name, never a model.
"""

from __future__ import annotations

# A committee's registered name → the place people name: the village or community, not its committee. Longest
# first; "" drops the committee word of a community registered without "社区" ("解放路居委会" → "解放路").
_COMMITTEES = (
    ("社区居民委员会", "社区"),
    ("村民委员会", "村"),
    ("居民委员会", ""),
    ("社区居委会", "社区"),
    ("村委会", "村"),
    ("居委会", ""),
    ("嘎查委会", "嘎查"),          # a village of Inner Mongolia; never any "…委会" (管委会 is no committee of residents)
)
# The word that says a unit's kind (longest first, so "管理区" goes before "区" and "社区" before "区").
_KINDS = ("街道办事处", "管理区", "社区", "街道", "村", "镇", "乡")
# The kinds of the wider units (counties, prefectures): only where a table holds them beside the villages,
# so that a village's short name never meets "南宁" said for "南宁市".
_WIDER_KINDS = (*_KINDS, "县", "市", "区")
# A shorter form must keep two characters: "新村" stays "新村", never "新".
_SHORTEST = 2


def without_committee(name: str) -> str:
    """"曲木村委会" → "曲木村", "廉东社区居委会" → "廉东社区"; any other name as it is."""
    for suffix, kept in _COMMITTEES:
        if name.endswith(suffix):
            base = name[: -len(suffix)]
            short = base if base.endswith(kept) else base + kept      # "牌坊村村民委员会" → "牌坊村", not "牌坊村村"
            return short if len(short) >= _SHORTEST else name
    return name


def bare_name(name: str, *, wider: bool = False) -> str:
    """The name without its committee and the one word of its kind: "曲木村委会" → "曲木", "廉州镇" → "廉州",
    "廉州街道" → "廉州"; with `wider` also "合浦县" → "合浦". A name the word would leave shorter than two
    characters keeps it ("新村")."""
    spoken = without_committee(name)
    for suffix in _WIDER_KINDS if wider else _KINDS:
        if spoken.endswith(suffix):
            short = spoken[: -len(suffix)]
            return short if len(short) >= _SHORTEST else spoken
    return spoken


def names_people_write(name: str) -> list[str]:
    """The registered name and, when it differs, the name without the committee, for finding a unit in a free
    text (an address): "曲木村委会" → ["曲木村委会", "曲木村"]. The bare "曲木" is left out (too short a
    string to trust inside an address), and so is a form of fewer than three characters or one that does not end in
    村, 社区 or 嘎查: "太师屯镇居民委员会" is not written "太师屯镇" (the town's own name), nor "人民路居委会" "人民路" (a street)."""
    short = without_committee(name)
    return [name, short] if short != name and len(short) >= 3 and short.endswith(("村", "社区", "嘎查")) else [name]


def abbreviates(short: str, name: str) -> bool:
    """Whether `short` is the way people shorten the department `name`: "生态局" for 生态环境局, "人社局" for
    人力资源和社会保障局, "卫健局" for 卫生健康局, "住建局" for 住房和城乡建设局 — the same first character, the same
    last character (the word of its kind: 局, 委, 办 …), and every character of `short` in `name` in order. A
    short form of fewer than three characters, or the name itself, is not an abbreviation. Several names may
    answer to one short form ("农业局": 农业农村局 and 农业机械化服务局); the caller asks, it does not guess."""
    if len(short) < 3 or short == name or len(short) >= len(name):
        return False
    if short[0] != name[0] or short[-1] != name[-1]:
        return False
    rest = iter(name)
    return all(ch in rest for ch in short)


def within(outer: str, name: str) -> str:
    """A unit's name with the unit that encloses it when the name alone is not unique (newuser22 #2: 曲樟乡 has 11
    units named 第一网格): "曲木村委会 · 第一网格"; a name that already says its outer unit stays as it is
    ("曲木村第一网格"), as does a name with no outer name."""
    if not outer or bare_name(outer) in name:
        return name
    return f"{outer} · {name}"
