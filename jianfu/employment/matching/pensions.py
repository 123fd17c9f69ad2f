"""A seeker's pension and the statutory retirement age against what a posting's own words make of them (session 27,
emp-read27, blind27 read) — carried as two levels of the third certificate word (`parse.PENSION_LEVELS`), so the
kernel, the numpy path and the oracle check them as they check any certificate.

Fairness first: age and a pension never touch a score; they break a pair only where the posting's own words make them a
condition, and what a row leaves unsaid breaks nothing.

- **A labour contract** (`parse.LABOUR_CONTRACT`): a worker drawing a 职工 pension signs none (劳动合同法 第四十四条(二)),
  nor one past the statutory retirement age (实施条例 第二十一条); either is taken on a 劳务协议. A posting requires the
  level where its title, description or age column says so: "退休人员勿扰", "不招退休/超龄", "未领取养老金", "须签订劳动合同",
  "不签劳务协议", or a 劳务派遣 hire (a contract of two years or more with the agency, 第五十八条) — unless it also writes
  that it takes retirees or the over-age ("接受退休人员", "超龄签劳务协议", "退休返聘"). "签劳动合同，缴五险" among the benefits
  is an offer, not a condition. Every seeker holds it but one whose row says they draw a pension ("已退休", "有退休金";
  a 城乡居民养老金 is no 职工 pension, "还没退休" none) or whose age is past the reform's age for every birth month it allows
  (`certainly_past_retirement`: a man of 61 in 2026; a man of exactly 60 depends on his birth month, so he holds it).
- **A pensioner's post** (`parse.PENSIONER`): "只招已退休人员", "限已退休", "需提供退休证" — held only by a seeker whose row
  says they draw a pension, as a certificate is held only where stated. "退休人员优先", "（退休返聘）" in a title, "接受退休
  人员" ask nothing.
- **The retirement date** (emp-mend27): where the row states a birth date (or month) and a sex, the day it reaches the
  reform's age (`parse.retirement_date`, a woman on the 55 track, the later) is judged against the day the posting's work
  starts (its stated start, or today where it states none): a posting stating the retirement-age condition ("法定退休
  年龄以内", "未达法定退休年龄") or asking a labour contract refuses one who reaches it by then
  (`states_retirement_age`). A posting stating neither asks nothing of a date.
"""

from __future__ import annotations

import re

from jianfu.employment.matching import parse
from jianfu.employment.matching.parse import normalise_text

_PENSION = re.compile(r"已退休|已经退休|有退休金|拿退休金|领退休金|领取退休金|退休工资|退休金[0-9一二三四五六七八九两千]|有退休证|"
                      r"办了退休|办理了退休|退休手续已办|提前退休")
_NOT_PENSION = re.compile(r"(?:没|未|不|无|还没有?|尚未)(?:有|领|拿|办)?(?:退休|退休金)")
# a relative's pension ("老伴已退休", "父亲退休金3000") is not the seeker's: a kinship word before it in its clause, unless
# the seeker is counted in ("我和老伴都已退休"; cr27 #6)
_KIN = re.compile(r"老伴|丈夫|老公|妻子|老婆|爱人|配偶|父母|父亲|母亲|爸爸|妈妈|公公|婆婆|岳父|岳母|儿子|女儿|子女|家人|家里人|老人")
_SELF_TOO = re.compile(r"本人|自己|[都均]")
_CLAUSE_START = re.compile(r"[^,，。;；]*$")
_NO_CONTRACT_WORKER = re.compile(r"退休人员勿扰|退休勿扰|不招(?:收)?(?:已)?退休|不要(?:已)?退休|谢绝(?:已)?退休|不接受(?:已)?退休|"
                                 r"不招(?:收)?超龄|超龄(?:人员)?勿扰|不要超龄|未领取(?:职工)?(?:基本)?(?:养老金|退休金|养老保险待遇)|"
                                 r"(?:须|需|需要|必须)(?:与(?:公司|单位|本公司))?签(?:订|署)?(?:正式)?劳动合同|"
                                 r"不签劳务(?:协议|合同)|须能正常参保|需能正常参保|能正常参保")
# a 劳务派遣 hire, not a post sent to a client's site ("派遣到客户小区值守"), nor one that says it is none ("不是劳务派遣";
# cr27 #8)
_DISPATCH = re.compile(r"劳务派遣|派遣工|派遣制")
_NOT_ONE = re.compile(r"(?:不是|并非|并不是)$")
_TAKES_OVER_AGE = re.compile(r"(?:接受|招收?|欢迎|可招)(?:已)?(?:退休|超龄)|(?:退休|超龄)(?:人员)?(?:可|也可|签|按|购买|买|另签)|"
                             r"退休返聘|返聘")
# "退休年龄" is an age, not a pension ("年龄限退休年龄以下"; cr27 #7)
_PENSIONERS_ONLY = re.compile(r"(?:只招|仅招|限|只要|仅限)(?:已)?退休(?!年龄)(?:人员|职工|返聘)?"
                              r"|(?:需|须|要|需要)(?:提供|带|出示|持)?退休证")
# an age limit's clause ("年龄限退休年龄以下", "年龄：限55岁以内") is read as an age (the age column's reading), before and
# apart from the pensioner's post
_AGE_LIMIT = re.compile(r"年龄[^,，。;；]{0,4}?限[^,，。;；]*")


# the condition written in a posting's title or description (its age column is read as `parse.parse_age_range` reads it)
_RETIREMENT_CONDITION = re.compile(r"(?:未达|未到|不超过|达不到|未满)(?:国家)?(?:规定的)?法定退休年龄|"
                                   r"法定退休年龄(?:以下|以内|之前)|法定劳动年龄(?:内|以内)")

_EITHER = re.compile(r"均可|都可|皆可|不限|亦可|也可")      # "已退休/未退休均可": no condition


def _kin_before(s: str, start: int) -> bool:
    clause = _CLAUSE_START.search(s[:start])
    before = clause.group() if clause else ""
    return _KIN.search(before) is not None and _SELF_TOO.search(before + s[start:start + 2]) is None


def draws_pension(*texts: object) -> bool:
    """Whether a seeker's own words (category, notes, experience) say they draw a 职工 pension."""
    s = normalise_text(" ".join(normalise_text(t) for t in texts))
    return any(not parse.negated(s, m.start()) and not _NOT_PENSION.search(s[max(0, m.start() - 4):m.end()])
               and not _kin_before(s, m.start()) for m in _PENSION.finditer(s))


def certainly_past_retirement(gender: object, age: int | None, year: int | None = None) -> bool:
    """Whether a seeker of `age` full years in `year` is past the statutory retirement age whatever their birth month
    (`parse.past_retirement_for_certain`); unknown sex or age: no."""
    sex = parse.sex_of(gender)
    if not sex or age is None or age < 0:
        return False
    return parse.past_retirement_for_certain(sex, age, year)


def posting_needs(title: object, description: object, age: object = "", benefits: object = "") -> frozenset[str]:
    """The levels of `parse.PENSION_LEVELS` a posting's own words require (its title, description and age column; the
    benefits only to open it to retirees)."""
    said = normalise_text(f"{normalise_text(title)} {normalise_text(description)[:2000]} {normalise_text(age)}")
    needs: set[str] = set()
    dispatch = any(not parse.negated(said, m.start()) and not _NOT_ONE.search(said[max(0, m.start() - 3):m.start()])
                   for m in _DISPATCH.finditer(said))
    if parse.stated(_PENSIONERS_ONLY, _AGE_LIMIT.sub(" ", said)):
        needs.add(parse.PENSIONER)
    elif (parse.stated(_NO_CONTRACT_WORKER, said) or dispatch) and \
            not parse.stated(_TAKES_OVER_AGE, f"{said} {normalise_text(benefits)}"):
        needs.add(parse.LABOUR_CONTRACT)
    return frozenset(needs)


def seeker_lacks(gender: object, age: int | None, category: object = "", notes: object = "", experience: object = "",
                 year: int | None = None) -> frozenset[str]:
    """The levels a seeker does not hold: a pensioner lacks the labour contract, one certainly past the statutory age too;
    anyone whose row does not say they draw a pension lacks the pensioner's post."""
    if draws_pension(category, notes, experience):
        return frozenset({parse.LABOUR_CONTRACT})
    lacks = {parse.PENSIONER}
    if certainly_past_retirement(gender, age, year):
        lacks.add(parse.LABOUR_CONTRACT)
    return frozenset(lacks)


def states_retirement_age(title: object, description: object, age: object = "", benefits: object = "") -> bool:
    """Whether a posting's own words make the statutory retirement age a condition: its age column reads as it
    (`parse._RETIREMENT_AGE`, "法定退休年龄以内", "未退休"), its title or description says "未达法定退休年龄", "法定退休年龄
    以内", or it asks a labour contract (`posting_needs`). emp-mend27."""
    said = normalise_text(f"{normalise_text(title)} {normalise_text(description)[:2000]}")
    column = normalise_text(age)
    if (parse.RETIREMENT_AGE.search(column) and not _EITHER.search(column)) or parse.stated(_RETIREMENT_CONDITION, said):
        return not parse.stated(_TAKES_OVER_AGE, f"{said} {column} {normalise_text(benefits)}")
    return parse.LABOUR_CONTRACT in posting_needs(title, description, age, benefits)
