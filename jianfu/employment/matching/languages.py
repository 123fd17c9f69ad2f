"""Languages as skills (session 31, emp-lang31; blind30's leftover): English, Vietnamese and 白话 (粤语, 廉州话) asked
as a must by a posting ("英语口语流利（须）", "须会普通话和白话", "越南语（须）") against a seeker who states the language
("大学英语六级，口语流利", "英语专业八级", "越南语流利", "会普通话、白话", "只讲白话").

The blind30 writer's convention 5: a must is met only by a row that states the language; "英语一般", "会一点英语" are
partial and do not meet it (the matcher refuses, as for a certificate missing); a row silent on the language does not
meet it either; "优先"/"更好"/"加分" ask nothing (the language is then preferred, as a certificate "优先" is). Earlier
writers graded 2 a silent row on "会讲普通话和白话", "要讲普通话和白话", "会讲白话" — wordings with no 须/要求, so only
those markers ask (a bare 要 does not). A test level in the certificates column ("英语四级（CET-4）", blind28's
convention 13: met only by a row that writes it) asks English too.

Pure: no Django. The names are bits at the top of the fourth certificate word (`parse.TOP_OF_FOURTH_WORD`).
"""

from __future__ import annotations

import re

ENGLISH = "会英语"
VIETNAMESE = "会越南语"
CANTONESE = "会白话"
LANGUAGES = (ENGLISH, VIETNAMESE, CANTONESE)

_WORDS = {ENGLISH: r"(?:英语|英文)", VIETNAMESE: r"(?:越南语|越南话|越语)", CANTONESE: r"(?:白话|粤语|广东话|廉州话)"}
# another language or dialect named in a list before the one read ("会普通话、白话", "只会讲客家话和白话")
_LISTED = r"(?:(?:普通话|客家话|白话|粤语|广东话|廉州话|英语|英文|越南语|越南话|壮话|土话|本地话)[、和及与/]){0,3}"
_CLAUSE = re.compile(r"[，,。；;！!？?\n]")
# a skill stated: the verb before ("会英语", "会讲普通话和白话", "只讲白话"; not "不会英语", "会一点英语", "会简单英语"),
# a level or a fluency after ("英语流利", "英语口语可以", "英语专业八级", "越南语是母语"; not "英语一般", "英语不好")
_BEFORE = r"(?<![不没])(?:会|能|懂|精通|熟悉)(?:讲|说|用|听)?|(?<![不没会能要需须])(?:讲|说)"
# a test sat and failed, its score between ("英语四级考了410分没过", blind32 read): the clause's next words, not only the next
# — up to the next test named (session 33, fixcr33a: "英语四级过了六级没过" failed the 六级, not the 四级)
_FAILED = (r"(?:(?![四六八]级|专[四八]|CET|TEM|cet|tem|雅思|托福)[^，,。；;]){0,10}?"
           r"(?:没过|未过|没考过|没通过|未通过|不及格|没及格|挂了)")
_GOOD = (r"(?:口语|听说|会话|交流|沟通)?(?:很|非常|比较|都|还)?(?:流利|流畅|熟练|精通|良好|很好|好(?!一点)|不错|可以(?!的话)|"
         r"没问题|能交流|能沟通|日常交流|基本对话|对话)(?![，,]?(?:但|不过))"
         r"|(?:专业|[四六八]级|专[四八]|(?:是)?母语)(?!没考|在考|成绩没出|" + _FAILED + ")")
_NOT_GOOD = re.compile(r"不(?:太)?(?:流利|熟练|好|行)|一般|一点|会一些|简单|较差|很差|差|没过|未过")
_LEVEL = re.compile(r"CET-?[46]|TEM-?[48]|大学英语[四六]级|英语[四六八]级|英语专[四八]|专业[四八]级|(?<![A-Z])专八|雅思|托福|"
                    r"外语类英语", re.IGNORECASE)
_LEVEL_NOT_PASSED = re.compile(r"[^，,。；;]{0,10}?(?:在考|成绩没出|准备考)|" + _FAILED)

_MUST = re.compile(r"须|必须|需要|(?<!不)需(?!要)|要求|必备")
_NOT_ASKED = re.compile(r"优先|更好|加分|最好|不要求|不需要|无需|不用|不限|都行|均可|也可|可培训|会教")
_EITHER = re.compile(r"或|或者|/")
_TEST_LEVEL = re.compile(r"CET-?[46]|TEM-?[48]|(?:英语|英文)(?:专业)?[四六八]级|英语专[四八]", re.IGNORECASE)


def _states(clause: str, name: str) -> bool:
    word = _WORDS[name]
    for m in re.finditer(rf"(?:{_BEFORE}){_LISTED}{word}", clause):
        tail = clause[m.end():m.end() + 4]
        if not _NOT_GOOD.match(tail) and not re.match(r"(?:的)?(?:一点|一些)", tail):
            return True
    for m in re.finditer(rf"{word}{_LISTED}", clause):
        if re.match(_GOOD, clause[m.end():]) and not _NOT_GOOD.match(clause[m.end():]):
            return True
    return False


def seeker_languages(text: str) -> frozenset[str]:
    """The languages a seeker states (`LANGUAGES`), from their certificates, experience and notes together."""
    held = set()
    for clause in _CLAUSE.split(text or ""):
        for name in LANGUAGES:
            if _states(clause, name):
                held.add(name)
        if (m := _LEVEL.search(clause)) and not _LEVEL_NOT_PASSED.match(clause, m.end()):
            held.add(ENGLISH)
    return frozenset(held)


def posting_languages(certificates: str, description: str) -> tuple[frozenset[str], frozenset[str]]:
    """A posting's (required, preferred) languages: a clause naming a language with a must ("须", "要求", "（须）") and no
    "优先"/"不要求" asks it; "须会英语或越南语" (one of two) and "会英语优先" prefer each; a bare mention ("英语讲解员",
    "要讲普通话和白话", "英语口语流利") asks nothing. In the certificates column a test level ("英语四级（CET-4）") asks
    English as a certificate written there is asked."""
    required: set[str] = set()
    preferred: set[str] = set()
    for column, text in ((0, certificates or ""), (1, description or "")):
        for clause in re.split(r"[，,。；;！!？?\n]|(?<=[）)])、", text):
            named = [name for name in LANGUAGES if re.search(_WORDS[name], clause)]
            if not named:
                continue
            if _NOT_ASKED.search(clause):
                if not re.search(r"不要求|不需要|无需|不用|不限|都行", clause):
                    preferred.update(named)
                continue
            asked = bool(_MUST.search(clause)) or (column == 0 and ENGLISH in named and bool(_TEST_LEVEL.search(clause)))
            if not asked:
                continue
            if _EITHER.search(clause) and (len(named) > 1 or "普通话" in clause):
                if len(named) > 1:             # "须会英语或越南语": one of two, each preferred
                    preferred.update(named)
                continue                       # "普通话或白话流利（须）": Mandarin meets it
            required.update(named)
    return frozenset(required), frozenset(preferred - required)
