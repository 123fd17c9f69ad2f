"""Crews and the group sizes a posting takes (session 21, emp-dev21): a numeric limit, as ages are.

A seeker who comes as a crew ("我们村4个人一起", "一个班组8人", "班组5个人一起") is N workers who go together, so a posting
must take N: its 招聘人数 at least N and, where it hires by the group ("以组为单位（4-6人）", "每组4-6人", "只招班组（4-8人）"),
N inside the group's range. A lone worker is a crew of 1: a posting that hires only groups ("以组为单位", "只招班组", a
title "砍蔗班组") refuses them unless it says a single worker may join one ("个人可报名拼组", "个人报名可安排进组", "个人或班组
均可"). A couple going together ("夫妻一起去", "两口子一起") is two (blind20's conventions 7 and 8).

Unknown breaks nothing: a posting with no headcount and no group range takes any crew; a seeker who names no crew is one
worker. The kernel carries the seeker's crew (`SeekerTable.crew`) against the posting's range (`JobTable.crew_min`,
`crew_max`) as it carries an age against an age range; `constraints.violations` reads the same two functions."""

from __future__ import annotations

import re
from functools import lru_cache

from jianfu.employment.matching.parse import cn_number, normalise_text

NO_MAX = 10_000  # a posting that states no headcount and no group range takes any crew
_N = r"(\d{1,2}|[两二三四五六七八九十]{1,3})"
# a crew the seeker comes with: N people going or working together, or a 班组 of N ("我们5个人一起去", "班组5个人一起",
# "有自己的班组5个人"); 一起 needs a verb of going or working after it — "我们家5个人一起住在镇上" is a household, not a
# crew — and a 班组长 is one worker ("当过班组长，管8人"; code review 21)
_CREW = re.compile(
    _N + r"\s*(?:个)?人\s*(?:(?:一起|一块|一道)(?:来|过来)?"
    r"(?:去|过去|干|做|报名|找活|找工|出工|上工|进厂|打工|上班|务工)|结伴|同去|同行|组队|一个组|一组)|"
    r"(?:班组(?!长)|队伍|工程队|施工队|小组)\D{0,4}?" + _N + r"\s*(?:个)?人|"
    # Session 23 (emp-read23, blind23 read): "我们6个人一起，要一起安排" — "we N" with 一起 closing the clause (or "一起
    # 安排") is a crew too; "我们5个人一起住在镇上" (一起 + another verb) stays a household
    r"(?:我们|咱们|俺们)\s*" + _N + r"\s*(?:个)?人\s*(?:一起|一块)(?=[，。；,;！!]|$|(?:要|得|需要)?(?:一起)?安排)"
)
# a couple going together
_COUPLE = re.compile(
    r"(?:夫妻|两口子|夫妇|(?:和|跟|同)(?:老公|老婆|丈夫|妻子|爱人))\S{0,6}?(?:一起|一块|同去|同进)"
)
# the size of the group a posting hires by: "以组为单位（4-6人）", "每组4-6人", "只招班组（4-8人）", "以组为单位（4人）";
# not a 班组长's headcount ("招聘班组长2人、普工30人" hires two leaders, not groups of two; code review 21)
_GROUP_SIZE = re.compile(
    r"(?:以组为单位|以班组为单位|按组|每组|每个组|只招班组|班组(?!长))\D{0,8}?"
    + _N
    + r"\s*(?:(?:-|~|～|至|到|—|–|－)\s*"
    + _N
    + r")?\s*(?:个)?人(以上|及以上|起)?"
)
# hiring by the group only, with no size written
_GROUP_ONLY = re.compile(r"以组为单位|以班组为单位|只招班组|只要班组|班组招聘|整组招聘|按组招")
# a single worker may still come ("个人可报名拼组", "个人报名可安排进组", "个人或班组均可", "散工也要")
_SINGLE_OK = re.compile(
    r"个人(?:或|和|、)?(?:班组)?(?:均可|都可|也可|也行|都行|可以?报名|报名可|可拼组|可安排)|拼组|安排进组|"
    r"可单人|单人也|散工也|个人也"
)


def _n(text: str | None) -> int | None:
    if not text:
        return None
    value = int(text) if text.isdigit() else cn_number(text)
    return int(value) if value is not None else None


# Session 22 (emp-read22, blind22 read): a crew the seeker leads ("带6个人的木工班组", "带着10个人的钢筋班组", "带5人班组"):
# on a post that hires by the group it is the group's size (its range must take N), while on an ordinary post the leader
# comes as one man (the writer's convention 8: a 班组长 on an ordinary post of his trade is a partial fit, not refused —
# unlike "我们4个人一起", a crew of peers who all go or none). Stored negative (`crew_fits`).
_LED = re.compile(r"带(?:领|着)?\s*" + _N + r"\s*(?:个)?人(?:的)?[^，。；,;\d]{0,4}?(?:班组|施工队|工程队|队伍)(?!长)")


def crew_fits(crew: int, lo: int, hi: int) -> bool:
    """Whether a seeker's crew (`seeker_crew`) is one a posting taking `lo`–`hi` workers takes: a led crew (negative) is
    its size against a post hiring by the group (`lo` above 1) and one worker against any other."""
    n = crew if crew > 0 else (-crew if lo > 1 else 1)
    return lo <= n <= hi


@lru_cache(maxsize=100_000)
def seeker_crew(text: str) -> int:
    """How many workers the seeker comes with, themselves included (1 when none is said): "我们村4个人一起报名" → 4,
    "一个班组8人" → 8, "两口子一起去" → 2; a crew the seeker leads is negative: "带6个人的木工班组" → −6 (`crew_fits`)."""
    s = normalise_text(text)
    for m in _LED.finditer(s):
        n = _n(m.group(1))
        if n is not None and 2 <= n <= 50:
            return -n
    for m in _CREW.finditer(s):
        n = _n(m.group(1) or m.group(2) or m.group(3))
        if n is not None and 2 <= n <= 50:
            return n
    return 2 if _COUPLE.search(s) else 1


@lru_cache(maxsize=100_000)
def posting_crew(title: str, text: str, headcount: int | None) -> tuple[int, int]:
    """(the smallest, the largest crew a posting takes): (1, NO_MAX) when it says nothing. `text`: its description and
    benefits; `headcount`: 招聘人数 (None unknown) caps the largest."""
    s = normalise_text(f"{title} {text}")
    lo, hi = 1, NO_MAX
    if m := _GROUP_SIZE.search(s):
        a, b = _n(m.group(1)), _n(m.group(2))
        if a is not None and 1 <= a <= 50:
            lo, hi = a, (b if b is not None and a <= b <= 50 else NO_MAX if m.group(3) else a)
            # ("每组6人以上": six or more, the headcount the most — session 23, emp-read23)
    elif _GROUP_ONLY.search(s) or ("班组" in normalise_text(title) and "班组长" not in normalise_text(title)):
        lo = 2
    if _SINGLE_OK.search(s):
        lo = 1
    if (
        isinstance(headcount, int) and headcount >= lo
    ):  # a headcount below the group's size contradicts it: not read
        hi = min(hi, headcount)
    return lo, hi
