"""Work that needs ordinary eyesight, for a person with a registered 视力残疾 (session 20, emp-prod20).

A new user (a village cadre on the demo) saw 收银员 first and 建筑小工, 治安协管员 and 网店客服 among the top ten of a
person with 视力残疾; the only word of the disability was "无需驾驶车辆". A disability employment officer (残联's
按比例安排残疾人就业 practice) reads a registered 视力残疾 of any grade as making work that needs ordinary eyesight
doubtful: cash (收银/点钞), checking by eye (质检/目检), fine assembly, building sites and machines that move, patrols
and 治安, and screen work (网店/在线客服) unless the posting says it is accessible. Massage (盲人按摩), phone work (电话客服,
热线), handwork by touch, cleaning a fixed place and packing are commonly suitable.

None of this refuses a pair (a hard constraint would refuse what the person may well do — a low-vision cashier exists):
the reasons say "需要良好视力（收银），请核实", and `Matcher.jobs_for` ranks such postings below the suitable ones. A
grade written decides how far: 一级/二级 (severe: blind or nearly) → the doubtful ones last of all candidates, so the
list is filled with suitable work first; 三级/四级 (低视力) → marked only; no grade → below the suitable ones in the list.
A trade the person asks for themselves ("想做收银") is marked but never moved: their own words accept it."""

from __future__ import annotations

import re
from functools import lru_cache

# what a seeker's sight is, as `seeker_sight` reads it
NONE, LOW_VISION, UNGRADED, SEVERE = 0, 1, 2, 3

# the words of a registered visual disability (not "视力不好", "老花": poor sight said in passing is `parse`'s FINE_VISION)
_SIGHT = r"(?:视力残疾|视力障碍|视力残|视障|视残|视力[一二三四1-4]级|盲人|全盲|失明|低视力)"
_REGISTERED = re.compile(_SIGHT)
_NEGATED = re.compile(r"(?:无|没有|非|不是)" + _SIGHT)
# a grade beside the words, either side ("视力残疾二级", "二级视力残疾", "残疾人（视力一级，持证）")
_GRADE = re.compile(r"(?:视力|视障|视残|盲)\D{0,4}?([一二三四1-4])级|([一二三四1-4])级\D{0,3}?(?:视力|视障|视残)")
_SEVERE_WORDS = re.compile(r"全盲|失明|盲人")
_GRADES = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@lru_cache(maxsize=100_000)
def seeker_sight(text: str) -> int:
    """NONE, LOW_VISION (三级/四级, 低视力), UNGRADED (视力残疾 with no grade) or SEVERE (一级/二级, 盲人, 失明) from a seeker's
    notes, category and certificates. The first grade written beside the words decides."""
    if not _REGISTERED.search(_NEGATED.sub("", text)):
        return NONE
    if m := _GRADE.search(text):
        return SEVERE if _GRADES[m.group(1) or m.group(2)] <= 2 else LOW_VISION
    if _SEVERE_WORDS.search(text):
        return SEVERE
    if "低视力" in text:
        return LOW_VISION
    return UNGRADED


# trades whose ordinary work needs eyesight: code → the work as the reason names it. Driving and heights are hard limits
# of 视力残疾 already (`parse._SEEKER_LIMIT_WORDS`), as is fine sight (FINE_VISION: 缝纫, 焊工, 电子装配, 质检): listed
# all the same, so that a marked reason never depends on which of the two rules caught the trade.
SIGHT_TRADES = {
    "4-01-02": "收银", "4-05-01": "点钞、柜面", "6-25-02": "质检、目检", "6-25-01": "精细装配", "6-05-01": "缝纫",
    "6-18-01": "焊接", "6-18-02": "机床操作", "6-18-04": "打磨机械", "6-23-01": "船厂装配",
    "6-29-01": "建筑施工", "6-29-02": "建筑施工", "6-29-03": "建筑施工", "6-29-04": "装修施工", "6-29-05": "高处作业",
    "6-29-06": "建筑施工", "6-29-07": "管道施工", "6-29-08": "门窗安装", "6-29-09": "道路施工", "6-13-01": "机械操作",
    "6-30-01": "机械驾驶", "6-30-02": "起重作业", "6-31-01": "电工作业", "6-31-02": "电梯作业",
    "4-07-01": "安保巡逻", "4-07-02": "监控值守", "3-02-02": "巡逻执勤", "4-09-04": "巡山巡查",
    "4-02-01": "驾驶", "4-02-02": "驾驶叉车", "4-02-04": "驾驶送件", "4-02-05": "骑车配送", "4-02-07": "驾驶",
    "5-05-01": "农机驾驶",
}
# words of any posting's work that need eyesight (a 营业员 who also "负责收银", a 公益性岗位 that is 治安协管)
_SIGHT_WORK = (("收银", "收银"), ("点钞", "点钞"), ("验钞", "点钞"), ("目检", "目检"), ("质检", "质检"),
               ("外观检查", "目检"), ("治安", "治安巡逻"), ("巡逻", "巡逻"), ("交通协管", "交通协管"),
               ("看监控", "监控值守"), ("监控室", "监控值守"), ("机械操作", "机械操作"), ("操作机器", "机械操作"))
# customer service at a screen (网店, 在线, 打字) — not the phone's (电话客服, 热线, 话务), which is commonly suitable
_SCREEN_SERVICE = re.compile(r"网店|在线|淘宝|电商|拼多多|抖音|打字|文字|网络客服|线上|电脑")
_PHONE_SERVICE = re.compile(r"电话|热线|话务|接线|语音|呼叫中心")
# a posting that says the work is open to people who cannot see well
_ACCESSIBLE = re.compile(r"盲人|视障|视力残疾|读屏|无障碍|低视力")
_NEGATION = re.compile(r"(?:不|无|免|没|不用|无需|不需)$")

# trades commonly suitable (said in the reasons as met, never scored)
SUITABLE_TRADES = {"4-10-08": "按摩推拿", "6-08-01": "手工", "4-09-01": "保洁", "6-28-02": "包装"}


def _said(text: str, word: str) -> bool:
    start = 0
    while (i := text.find(word, start)) >= 0:
        if not _NEGATION.search(text[max(0, i - 2):i]):
            return True
        start = i + 1
    return False


@lru_cache(maxsize=200_000)
def sight_need(title: str, description: str, codes: tuple[str, ...]) -> str:
    """The work of a posting that needs ordinary eyesight ("收银", "建筑施工"), or "" (none, or the posting says it is
    accessible). `codes`: the posting's trades (`features.job_occupations`)."""
    text = f"{title} {description}"
    if _ACCESSIBLE.search(text):
        return ""
    for code in codes:
        if code in SIGHT_TRADES:
            return SIGHT_TRADES[code]
    if "4-04-01" in codes and _SCREEN_SERVICE.search(text) and not _PHONE_SERVICE.search(title):
        return "看屏幕打字回复"
    for word, work in _SIGHT_WORK:
        if _said(text, word):
            return work
    return ""


def suitable_work(codes: tuple[str, ...], title: str) -> str:
    """The commonly suitable work of a posting ("按摩推拿", "电话客服"), or ""."""
    for code in codes:
        if code in SUITABLE_TRADES:
            return SUITABLE_TRADES[code]
    if "4-04-01" in codes and _PHONE_SERVICE.search(title):
        return "电话客服"
    return ""
