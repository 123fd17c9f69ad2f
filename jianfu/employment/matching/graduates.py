"""Graduates' readings (session 35, emp-read35, blind35 read): selling work refused, and 就业见习 (traineeship) posts.

- **Selling work refused.** A seeker who writes "不做销售", "不想再做销售", "不跑业务", "不做推销" (not "销售都可以", "做过
  销售", "不怕做销售") cannot be sent to a post whose work is selling, as a 人社 clerk reads it: its title names the selling
  (销售, 导购, 业务员, 置业顾问, 理财/保险顾问, 电销, 带货, 推销) or its pay or assessment runs on what is sold (提成 on sales,
  业绩考核, 销售额, 销售指标). A desk beside selling (销售内勤, 销售助理, 销售文员) and a post writing "无销售指标", "不考核
  销售额", "无销售任务", "不做直销" are not selling; 电商运营, 客服 and 新媒体 are not, unless they write such a target.
- **就业见习.** A 见习 post (one written 就业见习, 见习基地, 见习补贴 or titled …见习岗/见习生) takes, by the 就业见习 rules
  (人社部; the provinces' notices), graduates within two years of leaving school or unemployed young people of 16–24. A
  seeker is out of it when they have been a trainee once ("参加过就业见习", "见习过": one 见习 a person), refuse it ("不要
  见习", "不想见习"), or are over 24 and state that they left a 全日制 school more than two years ago ("2023年6月毕业",
  "2024届") and no later one. Rows silent on their schooling's end are not read as out (the office must ask). A 公务员 or
  事业单位 new hire's "见习期" (a probation) is no 就业见习.

- **学位.** A post writing "须取得学士学位" (or "具有相应学位", "学士及以上学位") asks the degree (学位) beside the 学历; a
  row writing "学位证没拿到", "没拿到学位证", "未授予学位" lacks it; a row silent on it holds it (a 本科 graduate usually
  has one), and a post silent on it asks only the 学历.

All three are carried as certificates every seeker holds unless their words say otherwise (`parse.SELLING_OK`,
`parse.TRAINEESHIP_OK`, `parse.DEGREE_OK`, the fifth word's top), required by the posts described; `constraints.violations` reads the same
functions, so the kernel, the numpy path and the oracle agree."""

from __future__ import annotations

import re
from datetime import date

from jianfu.employment.matching.parse import GRADUATION_CLASSES, NOT_OF_CLASS, normalise_text
from jianfu.employment.matching.types import Seeker

# -- selling work ----------------------------------------------------------------------------------------------------

_REFUSES_SELLING = re.compile(r"(?:不做|不干|不想做|不想干|不想再做|不想再干|不愿做|不愿意做|不再做|不做任何|不接受|不考虑|不要|不去|不跑|"
                              r"做不了|干不了)(?:电话|电|直播|门店)?(?:销售|推销|业务(?!员证)|地推)")
# "不怕做销售", "不只做销售" are no refusal: the verb is read as written above only
_SELLING_TITLE = re.compile(r"(?<![无不非])(?:销售(?!内勤|助理|文员|数据|统计|部文员|台账|单据)|导购|业务员|业务代表|置业顾问|理财顾问|"
                            r"保险顾问|理财经理|电销|推销|带货|地推|直销)")
_SELLING_TARGET = re.compile(r"(?:销售|业绩)(?:提成|考核|指标|任务)|按(?:月|季度)?(?:销售额|业绩)|销售额|提成|业绩考核|冲业绩")
_STARTS_SELLING = re.compile(r"从(?:一线|基层|门店)?(?:销售|推销|业务|导购)(?:员)?做起")     # "管培生先从一线销售做起"
_NOT_SELLING = re.compile(r"(?:无|没有|不设|不考核|不做|不带|不承担|没|不需要)(?:任何)?(?:销售|业绩|直销|推销)(?:额|指标|任务|考核|压力)?")


def refuses_selling(text: object) -> bool:
    """Whether a seeker's own words refuse selling work ("不做销售", "不想再做电话销售"; not "销售都可以")."""
    return bool(_REFUSES_SELLING.search(normalise_text(text)))


def sells(title: object, text: object) -> bool:
    """Whether a post's work is selling: its title names the selling, or its words pay or assess by what is sold —
    not where they say there is no such target ("无销售指标", "不考核销售额")."""
    said = _NOT_SELLING.sub(" ", normalise_text(text))
    named = _NOT_SELLING.sub(" ", normalise_text(title))
    if _SELLING_TITLE.search(named) or _STARTS_SELLING.search(said):
        return True
    return bool(_SELLING_TARGET.search(said) and (_SELLING_TITLE.search(said) or re.search(r"底薪", said)))


# -- 就业见习 ----------------------------------------------------------------------------------------------------------

_TRAINEESHIP_POST = re.compile(r"就业见习|见习基地|见习补贴|见习(?:岗|生)(?!位?(?:已满|结束))")
_USED = re.compile(r"(?<![没未不])(?:参加过|做过|干过|参与过)(?:[^，。；,;]{0,8})?见习|(?<![没未不])见习过")
_REFUSED = re.compile(r"(?:不要|不想|不做|不参加|不去|不接受|不考虑)(?:参加)?(?:就业)?见习")
# a schooling's end: "2024届", "2024年6月毕业", "2021年6月硕士毕业于"; a non-全日制 one does not count for (a)
_LEFT = re.compile(r"((?:19|20)\d\d)(?:届|年(?:(\d{1,2})月)?(?:[^，。；,;（(]{0,4}?)毕业)")
_NOT_FULL_TIME = re.compile(r"成人高考|成人教育|成教|函授|自考|自学考试|网络教育|远程教育|开放大学|电大|夜大|业余|非全日制")
TRAINEE_MAX_AGE = 24          # 16–24岁失业青年 (a 24-year-old is in)


def traineeship_post(title: object, text: object) -> bool:
    """Whether a post is a 就业见习 place ("就业见习岗位", "见习基地", "见习补贴", "…见习岗"; not a civil servant's 见习期)."""
    return bool(_TRAINEESHIP_POST.search(normalise_text(title)) or _TRAINEESHIP_POST.search(normalise_text(text)))


def _left_school(text: str) -> date | None:
    """The last day a seeker left a 全日制 school, as written ("2024届" is June 2024), or None when none is stated; a clause
    naming a non-全日制 study ("2025年1月成人高考函授大专毕业") is no 全日制 schooling's end."""
    latest: date | None = None
    for m in _LEFT.finditer(text):
        start = max(text.rfind(c, 0, m.start()) for c in "，。；,;")
        stops = [i for i in (text.find(c, m.end()) for c in "，。；,;") if i >= 0]
        if _NOT_FULL_TIME.search(text[start + 1:min(stops, default=len(text))]):
            continue
        left = date(int(m.group(1)), min(int(m.group(2) or 6), 12), 1)
        latest = left if latest is None or left > latest else latest
    return latest


def schooling_text(s: Seeker) -> str:
    """A seeker's words the 见习 rule is read from: their category ("离校未就业高校毕业生（2024届）"), education, history
    ("2023年6月毕业于…"), notes and wish."""
    return " ".join(str(x) for x in (s.category, s.education, s.experience, s.notes, s.desired) if x)


def out_of_traineeship(text: object, age: int | None, today: date | None) -> bool:
    """Whether a seeker cannot take a 就业见习 place: once a trainee, refusing it, or over 24 with a 全日制 schooling left
    more than two years before `today` (the rule's 离校2年内; None: not counted); unknown breaks nothing."""
    s = normalise_text(text)
    if _USED.search(s) or _REFUSED.search(s):
        return True
    if age is None or age <= TRAINEE_MAX_AGE or today is None:      # the core reads no clock: no day, no count
        return False
    left = _left_school(s)
    if left is None:
        return bool(_NOT_FULL_TIME.search(s) and re.search(r"毕业", s))     # a non-全日制 degree only: in by age alone
    return (today.year - left.year) * 12 + today.month - left.month > 24


# -- 学位 -----------------------------------------------------------------------------------------------------------------

_DEGREE_ASKED = re.compile(r"(?:取得|具有|获得|具备|持有)(?:相应|学士|硕士)?(?:及以上)?学位|学士(?:及以上)?学位(?!优先|不限)")
_DEGREE_OPEN = re.compile(r"学位不限|不(?:要求|限)学位|学位(?:证)?优先|无学位(?:亦|也)?可")
_DEGREE_LACKED = re.compile(r"学位(?:证书?)?(?:还|也)?(?:没有?|未)(?:拿到|拿|授予|取得|获得|发|下来)|(?:没|未)(?:拿到|取得|获得|授予|有)(?:学士)?学位"
                            r"|无学位|学位证(?:没有|被取消)")


_PREFERRED = re.compile(r"优先|加分|者为佳|更佳")
_CLAUSE_END = re.compile(r"[，。；;,\n]")


def asks_degree(education: object, text: object) -> bool:
    """Whether a post asks the 学位 beside the 学历 ("本科及以上，须取得学士学位"; not "学位不限", nor a clause that only
    prefers it: "有学士学位者优先", codereview35c M2)."""
    s = f"{normalise_text(education)} {normalise_text(text)}"
    if _DEGREE_OPEN.search(s):
        return False
    for m in _DEGREE_ASKED.finditer(s):
        end = _CLAUSE_END.search(s, m.end())
        if not _PREFERRED.search(s, m.end(), end.start() if end else len(s)):
            return True
    return False


def lacks_degree(text: object) -> bool:
    """Whether a seeker's words say their degree (学位) was not conferred ("学位证没拿到", "没拿到学位证")."""
    return bool(_DEGREE_LACKED.search(normalise_text(text)))


# -- 届 (session 36, emp-left36) ------------------------------------------------------------------------------------------
# A post limited to graduates of a 届 ("限2026届毕业生", "面向2026届高校毕业生", "2025届、2026届均可", "2024-2026届毕业生")
# refuses a seeker who states another 届 ("2024届", "2024年6月毕业"; the last 全日制 schooling's end, as `_left_school`).
# Not a 届 preferred ("2026届优先"), nor one opened to the others ("应届往届均可", "往届亦可", "2026届及往届"), nor a 届 named
# without a word of graduates or limit ("2026届校园招聘" alone); "2024届及以后" takes that one and the later, "2024届及以前"
# the earlier. A seeker stating none is refused nothing (unknown breaks nothing). Carried as bits (`parse.NOT_OF_CLASS`):
# the years outside `parse.GRADUATION_CLASSES` count as its first or last, so the features and the oracle compare the same.
_CLASS_YEAR = re.compile(r"((?:19|20)\d\d)(?:\s*(?:-|—|－|~|～|至|到)\s*((?:19|20)\d\d))?\s*届")
# a year listed before the one written with 届 ("要求2025、2026届毕业生": both)
_CLASS_LISTED = re.compile(r"((?:19|20)\d\d)(?=(?:\s*(?:、|/|或|和|及)\s*(?:19|20)\d\d)+\s*届)")
_CLASS_LIMIT = re.compile(r"限|仅|只招|只限|面向|招收|针对|要求|须|必须|毕业生|应届|学生|毕业|均可|都可|可报|可投")
_CLASS_OPEN = re.compile(r"往届(?:生)?(?:亦|也|均|都)?(?:可|行)|应届(?:、|/|或|和)?往届|往届不限|不限届|届别不限|及往届|优先")
_CLASS_CLAUSE = re.compile(r"[。；;\n]")


def _clamped(year: int) -> int:
    return min(max(year, GRADUATION_CLASSES[0]), GRADUATION_CLASSES[-1])


def posting_classes(text: object) -> frozenset[int]:
    """The 届 a post is limited to ("限2026届毕业生" → {2026}); empty when it names none or opens the others."""
    s = normalise_text(text)
    years: set[int] = set()
    for clause in _CLASS_CLAUSE.split(s):
        found = list(_CLASS_YEAR.finditer(clause))
        if not found or _CLASS_OPEN.search(clause) or not _CLASS_LIMIT.search(clause):
            continue
        for m in found:
            first = int(m.group(1))
            last = int(m.group(2)) if m.group(2) else first
            after = clause[m.end():m.end() + 4]
            if re.match(r"(?:及|或)?(?:以后|之后)", after):
                last = max(first, GRADUATION_CLASSES[-1])      # the last bit stands for the years after it
            elif re.match(r"(?:及|或)?(?:以前|之前)", after):
                first = min(first, GRADUATION_CLASSES[0])
            years |= set(range(min(first, last), max(first, last) + 1))
        years |= {int(m.group(1)) for m in _CLASS_LISTED.finditer(clause)}
    return frozenset(years)


def seeker_class(text: object) -> int | None:
    """The 届 a seeker states: their last 全日制 schooling's end ("2024届", "2024年6月毕业"), or None."""
    left = _left_school(normalise_text(text))
    return left.year if left else None


def class_refused(classes: frozenset[int] | set[int], year: int | None) -> bool:
    """Whether a seeker of 届 `year` is out of a post limited to `classes`, compared as the bits hold them."""
    return bool(classes) and year is not None and _clamped(year) not in {_clamped(y) for y in classes}


def class_names(classes: frozenset[int] | set[int]) -> frozenset[str]:
    """The `parse.NOT_OF_CLASS` bits a post limited to `classes` asks: every 届 it does not take."""
    taken = {_clamped(y) for y in classes}
    return frozenset(n for y, n in zip(GRADUATION_CLASSES, NOT_OF_CLASS, strict=True) if classes and y not in taken)


def seeker_class_lacks(year: int | None) -> frozenset[str]:
    """The one `parse.NOT_OF_CLASS` bit a seeker of 届 `year` lacks (their own), none when no 届 is stated."""
    return frozenset() if year is None else frozenset({NOT_OF_CLASS[GRADUATION_CLASSES.index(_clamped(year))]})
