"""Conditions of public-sector hiring notices (session 31, emp-read31, blind31 read): 政治面貌, a 全日制 degree, 户籍, and
a 教师资格证's 学段 and 学科.

A notice for an 编外/合同制 or purchased-service post writes conditions that ordinary postings rarely do, each read
here as a level every seeker holds but one whose own words rule it out (unknown breaks nothing), and that a posting
asks only where it writes it as a condition (`parse.CIVIL_LEVELS`, the fourth certificate word; never matched in text,
never shown as a certificate held):

- **政治面貌.** "中共党员（须）", "须为中共党员", "限中共党员" ask `PARTY_MEMBER`, met by a 预备党员 too; "正式党员" or a
  党龄 ("党龄1年以上") asks `FULL_PARTY_MEMBER`, which a 预备党员 lacks; "中共党员或共青团员" asks `PARTY_OR_LEAGUE`.
  "中共党员优先" asks nothing. A seeker who states a 政治面貌 holds what it gives (群众 none, 共青团员 the third only); one who
  states none holds all three.
- **全日制.** "全日制大专及以上", "全日制普通高校", "统招本科" ask `FULL_TIME_DEGREE`; "大专及以上" alone does not. A seeker
  whose education cell names a degree earned in 成人教育 (函授/业余/夜大), 自学考试, 网络教育 (远程/开放大学/电大) or
  非全日制, and not 全日制, lacks it; a degree still 在读 that way is no degree held and takes nothing away.
- **户籍.** A 户籍 condition ("限合浦县户籍", "限山口镇户籍", "具有廉州镇户籍", "限本村户籍") asks `LOCAL_HUKOU`, unless it
  admits residence in the same clause ("或在本镇居住满3年", "或常住", "或持合浦县居住证满1年") or is opened or preferred
  ("户籍不限", "本地户籍优先"). A seeker whose stated 户籍 ("户籍湖南邵阳", "户籍钦州市灵山县（在廉州镇居住2年）") lies
  outside the county they live in, or who writes "外地户籍", lacks it. The town or village of a limit is still checked
  against the seeker's residence (`parse.local_restriction`), as before: this level adds only the 户籍 written apart from
  the residence, at the county's grain (a 户籍 in another town of the same county is not compared).
- **教师资格证 学段 and 学科.** "须持初中及以上学段英语教师资格证" asks the 初级中学 学段 and the 英语 学科 (`TEACHER_STAGES`,
  `TEACHER_SUBJECTS`); "须持小学及以上学段教师资格证（学科不限）" the 小学 学段 only; "…优先" nothing. A held "高级中学教师
  资格证（英语）" meets the 高级中学, 初级中学 and 小学 学段 (《教师资格条例》 第五条) and the 英语 学科; a 幼儿园 one only the
  幼儿园 学段 (a post asks it by name); "小学全科" every 学科; a certificate "在认定" holds nothing here (as "在考").
- **普通话 and 计算机 grades.** "普通话二级甲等以上（须持证）" asks `MANDARIN_GRADES`' 二甲 (一甲 > 一乙 > 二甲 > 二乙), met by a
  stated 二甲 or above, not by a stated 二乙; "全国计算机等级考试二级及以上（须持证）" asks `COMPUTER_LEVELS`' 二级, not met by a
  stated 一级. A seeker stating no grade lacks none (unknown breaks nothing), as a seeker's major; "…优先" asks nothing.
- **裸眼视力 by its figure.** "双眼裸眼视力4.8以上", "裸眼视力均不低于4.6" ask `NAKED_EYE_LEVELS` up to the figure; a seeker
  stating a 裸眼 figure ("近视，裸眼4.6，矫正5.0"; decimals read on the five-point scale, 0.6 = 4.8) lacks those above it,
  and for them the figure decides in place of the word 近视 (`parse`'s NAKED_EYE limit is lifted: `naked_eye_figure`).
- **卫生专业技术资格.** "药士及以上资格（须）", "检验师及以上", "临床医学检验技术（士）资格（须）" ask the title
  (`HEALTH_TECH_TITLES`); a 师 holds its 士 and a 主管 both. Unlike the levels above these are certificates: held only where
  the seeker states one. "药士资格优先", "协助药师调配" and a drugstore's "执业药师" ask none of them.
"""

from __future__ import annotations

import math
import re

from jianfu.employment.matching import parse
from jianfu.employment.matching.parse import normalise_text
from jianfu.employment.matching.places import Gazetteer

PARTY_MEMBER = parse.PARTY_MEMBER
FULL_PARTY_MEMBER = parse.FULL_PARTY_MEMBER
PARTY_OR_LEAGUE = parse.PARTY_OR_LEAGUE
FULL_TIME_DEGREE = parse.FULL_TIME_DEGREE
LOCAL_HUKOU = parse.LOCAL_HUKOU

_CLAUSES = re.compile(r"[，。；,;！!？?\n]")
_PREFERRED_AFTER = re.compile(r"^[^，。；,;]{0,6}?(?:优先|者优先|加分|更好|最好|为佳)")

# -- 政治面貌 ---------------------------------------------------------------------------------------------------------
_LEAGUE_OR_PARTY_ASKED = re.compile(r"(?:中共)?党员或(?:共青)?团员|(?:共青)?团员或(?:中共)?党员")
_FULL_ASKED = re.compile(r"正式(?:中共)?党员|党龄(?:满)?(?:\d+|[一二两三四五六七八九十])年")
_PARTY_WORD = re.compile(r"中共党员|中国共产党党员|共产党员|(?<![非预备])党员")
_NEED_BEFORE = re.compile(r"(?:限|仅限|只限|须为|须是|需为|必须是|必须为|要求(?:为|是)?|应为|具有|须具有)(?:中共)?$")
_NEED_AFTER = re.compile(r"^\s*[(（](?:须|需|必须|必备|要求|正式党员)")


def _party_needs(s: str) -> set[str]:
    needs: set[str] = set()
    for clause in _CLAUSES.split(s):
        if not re.search(r"党员|团员|党龄", clause) or re.search(r"不限|不要求|均可|无要求", clause):
            continue
        if m := _LEAGUE_OR_PARTY_ASKED.search(clause):
            if not _PREFERRED_AFTER.match(clause[m.end():]):
                needs.add(PARTY_OR_LEAGUE)
            continue
        for m in _PARTY_WORD.finditer(clause):
            if _PREFERRED_AFTER.match(clause[m.end():]) or re.search(r"优先", clause[m.end():m.end() + 12]):
                continue
            before = clause[:m.start()]
            # a condition: a word of need before it, a bracket of need after it, or the name standing as the clause
            # ("中共党员" alone in a notice's conditions cell)
            if _NEED_BEFORE.search(before) or _NEED_AFTER.match(clause[m.end():]) or \
                    (not before.strip() and not clause[m.end():].strip()):
                needs.add(PARTY_MEMBER)
        if PARTY_MEMBER in needs and _FULL_ASKED.search(clause):
            needs.add(FULL_PARTY_MEMBER)
        elif (full := _FULL_ASKED.search(clause)) and not _PREFERRED_AFTER.match(clause[full.end():]):
            needs |= {PARTY_MEMBER, FULL_PARTY_MEMBER}      # "党龄1年以上" in a clause of its own
    return needs


_PROBATIONARY = re.compile(r"预备党员")
_MEMBER = re.compile(r"(?<![非不])(?:中共|共产)?(?<!预备)党员(?!优先)")
_LEAGUE = re.compile(r"共青团员|(?<![非不])团员")
_NON_MEMBER = re.compile(r"(?:^|(?<=[，。；、,;\s(（:：]))(?:政治面貌)?[:：]?(?:本人|自己|我)?(?:是)?(?:群众|无党派(?:人士)?|民主党派(?:成员)?|入党积极分子)"
                         r"(?=[，。；、,;\s)）]|$)|非党员|不是党员")


# fixcr32: "不是党员" is no member, nor "父亲是党员" the seeker (a relative's 政治面貌 read in the same clause)
_NOT_ONE_SELF = re.compile(r"不是|并非|没有?入|未入|(?:父亲|母亲|爸爸|妈妈|爸|妈|丈夫|老公|妻子|老婆|爱人|家里|家人|哥哥|姐姐|弟弟|妹妹"
                           r"|爷爷|奶奶|外公|外婆|儿子|女儿|亲戚)[^，。；,;]{0,3}$")


def _self_member(said: str) -> bool:
    return any(not _NOT_ONE_SELF.search(re.split(r"[，。；,;]", said[:m.start()])[-1]) for m in _MEMBER.finditer(said))


def _party_lacks(said: str) -> set[str]:
    if _PROBATIONARY.search(said):
        return {FULL_PARTY_MEMBER}
    if _self_member(said):
        return set()
    if _LEAGUE.search(said):
        return {PARTY_MEMBER, FULL_PARTY_MEMBER}
    if _NON_MEMBER.search(said):
        return {PARTY_MEMBER, FULL_PARTY_MEMBER, PARTY_OR_LEAGUE}
    return set()        # none stated: unknown breaks nothing


# -- 全日制 -------------------------------------------------------------------------------------------------------------
_FULL_TIME_ASKED = re.compile(r"(?<!非)全日制(?!或非全日制)(?:普通)?(?:高校|高等院校|院校|大专|专科|本科|研究生|硕士|中专|学历|"
                              r"高职|大学|毕业)|(?<!非)全日制$|统招(?:大专|专科|本科|学历)")
_FULL_TIME_OPENED = re.compile(r"全日制或非全日制|非全日制(?:亦|也)?可|不限全日制|全日制不限|不要求全日制")
_NOT_FULL_TIME = re.compile(r"成人(?:高考|教育)|成教|函授|业余|夜大|自学考试|自考|网络教育|远程教育|开放大学|电大|广播电视大学|"
                            r"非全日制")
_STILL_STUDYING = re.compile(r"(?:成人(?:高考|教育)|成教|函授|业余|夜大|自学考试|自考|网络教育|远程教育|开放大学|电大|非全日制)"
                             r"[^，。；,;)）]{0,8}?在读|在读[^，。；,;)）]{0,4}?(?:成人|成教|函授|自考|自学考试|网络教育)")


def _full_time_needed(education: str, text: str) -> bool:
    both = f"{education} {text}"
    if _FULL_TIME_OPENED.search(both):
        return False
    return bool(_FULL_TIME_ASKED.search(education) or re.search(r"(?<!非)全日制", education)
                or _FULL_TIME_ASKED.search(text))


def _full_time_lacks(education: str) -> bool:
    if not _NOT_FULL_TIME.search(education) or _STILL_STUDYING.search(education):
        return False
    return not re.search(r"(?<!非)全日制", education)


# -- 户籍 ---------------------------------------------------------------------------------------------------------------
# a 户籍 condition names the place or the 本X it is of ("限合浦县户籍", "具有本镇户籍"): "招农村户口" (a kind of 户口) and a
# document list ("提供身份证、户口本复印件", "须有户口本原件": 户口本/户口簿/户籍证明 are documents) ask none (fixcr32)
_HUKOU_PLACE = r"(?:本[县市区镇乡村地省]|本乡镇|本社区|当地|[\u4e00-\u9fff](?:县|区|乡|社区|省|(?<!城)市|(?<!城)镇|(?<![农乡])村))"
_HUKOU_WORD = r"(?:户籍|户口)(?!本|簿|证明|页|复印|原件|迁移)"
_HUKOU_ASKED = re.compile(rf"(?:限|仅限|只限|具有|须具有|须为|需为|须有|要求)[^，。；,;]{{0,14}}?{_HUKOU_PLACE}{_HUKOU_WORD}|"
                          rf"(?<![不非])(?:本县|本镇|本乡|本村|本社区|[\u4e00-\u9fff]{{1,7}}?{_HUKOU_PLACE}){_HUKOU_WORD}"
                          r"(?=或|[，。；,;]|$)")
_HUKOU_OPENED = re.compile(r"(?:户籍|户口)(?:不限|均可|都可)|不限(?:户籍|户口)|(?:户籍|户口)[^，。；,;]{0,6}?优先|"
                           r"不(?:要求|需|需要|限)[^，。；,;]{0,6}?(?:户籍|户口)|非本地户籍(?:也|亦)?可")
_RESIDENCE_ALTERNATIVE = re.compile(r"或[^，。；,;]{0,14}?(?:居住|常住|居住证|长期居住|工作满|生活满)")


def _hukou_needed(text: str) -> bool:
    for clause in _CLAUSES.split(text):
        if "户" not in clause or _HUKOU_OPENED.search(clause):
            continue
        if (m := _HUKOU_ASKED.search(clause)) and not _RESIDENCE_ALTERNATIVE.search(clause[m.start():]):
            return True
    return False


_HUKOU_STATED = re.compile(r"(?:户籍|户口)(?:所在地|地)?(?:在|是|为|属)?[:：]?([\u4e00-\u9fff]{2,16}?)(?=[，。；、,;\s(（]|$)")
_HUKOU_ELSEWHERE = re.compile(r"(?:外地|外省|外县|外市|非本地|非本县)(?:户籍|户口)|(?:户籍|户口)(?:在|是)?(?:外地|外省|外县)")


def hukou_outside(notes: object, residence: object, gazetteer: Gazetteer) -> bool:
    """Whether a seeker's stated 户籍 lies outside the county they live in ("户籍湖南邵阳" living in 廉州镇; "外地户籍")."""
    said = normalise_text(notes)
    if _HUKOU_ELSEWHERE.search(said):
        return True
    m = _HUKOU_STATED.search(said)
    home = gazetteer.resolve(normalise_text(residence)) if normalise_text(residence) else None
    if not m or not home:
        return False
    code = gazetteer.resolve(m.group(1))
    if not code:
        return False
    # fixcr32: a 户籍 in another county of the prefecture one lives in is not outside (one flag carries one grain: a
    # "限北海市户籍" notice must keep a 户籍 北海市海城区 living in 合浦县; a "限合浦县户籍" one then keeps it too)
    grain = min(len(code), len(home), 4)
    return code[:grain] != home[:grain]


# -- 教师资格证: 学段 and 学科 ----------------------------------------------------------------------------------------------
TEACHER_STAGES = parse.TEACHER_STAGES           # 幼儿园, 小学, 初级中学, 高级中学
TEACHER_SUBJECTS = parse.TEACHER_SUBJECTS
_SUBJECT_WORDS = (("语文",), ("数学",), ("英语", "英文"), ("体育",), ("音乐",), ("美术",), ("道德与法治", "思想政治", "政治"),
                  ("物理",), ("化学",), ("生物",), ("历史",), ("地理",))
_STAGE_WORD = r"幼儿园|幼师|小学|初级中学|初中|高级中学|高中|中等职业学校|中职"
_STAGE_INDEX = {"幼儿园": 0, "幼师": 0, "小学": 1, "初级中学": 2, "初中": 2, "高级中学": 3, "高中": 3}
_SUBJECT = "|".join(w for words in _SUBJECT_WORDS for w in words)
# "高级中学教师资格证（英语）", "初中数学教师资格证", "小学及以上学段英语教师资格证", "体育与健康教师资格证", "教师资格证（初中语文）"
_TEACHER_CERT = re.compile(rf"(?P<stage>{_STAGE_WORD})?(?:及以上)?(?:学段)?(?P<subject>(?:(?:{_SUBJECT})(?:与健康)?(?:、|和|及|/))*(?:{_SUBJECT})(?:与健康)?)?(?:学科)?"
                           rf"教师(?:资格证书|资格证|资格)(?:[(（](?P<inside>[^()（）]{{1,16}})[)）])?")
_ALL_SUBJECTS = re.compile(r"全科|学科不限|不限学科|任意学科")


def _subject_indices(text: str) -> set[int]:
    """Every 学科 `text` names ("语文、数学": both; fixcr32)."""
    return {i for i, words in enumerate(_SUBJECT_WORDS) if any(w in text for w in words)}


def _teacher_needs(certificates: str) -> set[str]:
    needs: set[str] = set()
    for clause in _CLAUSES.split(certificates):
        for m in _TEACHER_CERT.finditer(clause):
            if re.search(r"优先|可先上岗|取得前|入职后", clause[m.end():]) or re.search(r"不要求|无需|不需", clause[:m.start()]):
                continue
            inside = m.group("inside") or ""
            stage = m.group("stage") or next(iter(re.findall(_STAGE_WORD, inside)), None)
            if stage in _STAGE_INDEX:
                needs.add(TEACHER_STAGES[_STAGE_INDEX[stage]])
            subject = m.group("subject") or inside
            # one 学科 named is asked; several ("语文、数学教师资格证") are either's: none asked (fixcr32)
            if not _ALL_SUBJECTS.search(subject) and len(named := _subject_indices(subject)) == 1:
                needs.add(TEACHER_SUBJECTS[named.pop()])
    return needs


def _teacher_lacks(certificates: str) -> set[str]:
    """A held 教师资格证 naming its 学段 lacks every other 学段 but the lower school ones; naming its 学科, every other
    学科 (小学全科 none); one naming neither, or no certificate at all, lacks nothing (unknown breaks nothing: a post
    asking a 教师资格证 refuses a seeker with none by the certificate itself)."""
    stages: set[int] = set()
    subjects: set[int] = set()
    every_subject = False
    for m in _TEACHER_CERT.finditer(certificates):
        before = certificates[max(0, m.start() - 8):m.start()]
        after = certificates[m.end():m.end() + 12]
        if re.search(r"在考|在认定|认定中|没有|无|还没", before + after):
            continue
        inside = m.group("inside") or ""
        stage = m.group("stage") or next(iter(re.findall(_STAGE_WORD, inside)), None)
        if stage in _STAGE_INDEX:
            top = _STAGE_INDEX[stage]
            stages |= {top} if top == 0 else set(range(1, top + 1))
        elif stage:                                  # a 中职 certificate meets no school's 学段
            stages.add(-1)
        subject = m.group("subject") or inside
        if _ALL_SUBJECTS.search(subject):
            every_subject = True
        else:
            subjects |= _subject_indices(subject)      # "初中语文、数学教师资格证": both (fixcr32)
    lacks: set[str] = set()
    if stages:
        lacks |= {TEACHER_STAGES[i] for i in range(4) if i not in stages}
    if subjects and not every_subject:
        lacks |= {TEACHER_SUBJECTS[i] for i in range(len(TEACHER_SUBJECTS)) if i not in subjects}
    return lacks


# -- 普通话 and 全国计算机等级考试 grades ----------------------------------------------------------------------------------
MANDARIN_GRADES = parse.MANDARIN_GRADES         # 二乙, 二甲, 一乙, 一甲 and above
COMPUTER_LEVELS = parse.COMPUTER_LEVELS         # 二级, 三级 and above
_GRADE_RANK = {"三级乙等": -2, "三乙": -2, "三级甲等": -1, "三甲": -1, "二级乙等": 0, "二乙": 0, "二级甲等": 1, "二甲": 1,
               "一级乙等": 2, "一乙": 2, "一级甲等": 3, "一甲": 3}
_MANDARIN = re.compile(r"普通话(?:水平(?:测试|测评)?)?(?:证书|证)?[(（]?(三级乙等|三级甲等|二级乙等|二级甲等|一级乙等|一级甲等|"
                       r"三乙|三甲|二乙|二甲|一乙|一甲)")
_COMPUTER = re.compile(r"(?:全国)?计算机(?:等级)?(?:考试)?(?:证书)?[(（]?(NCRE)?\s*([一二三四1234])级", re.IGNORECASE)
_LEVEL_DIGIT = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_ABOVE = re.compile(r"^(?:[(（][^()（）]{0,12}[)）])?(?:及)?(?:以上|或以上|及以上)")


def _grade_needs(text: str) -> set[str]:
    """"普通话二级甲等以上（须持证）", "全国计算机等级考试二级及以上（须持证）": the grade asked; "…优先" nothing."""
    needs: set[str] = set()
    for clause in _CLAUSES.split(text):
        if re.search(r"优先|加分|更好|为佳|可先上岗|入职后", clause):
            continue
        if (m := _MANDARIN.search(clause)) and (rank := _GRADE_RANK[m.group(1)]) >= 0:
            needs.add(MANDARIN_GRADES[rank])
        if (m := _COMPUTER.search(clause)) and (level := _LEVEL_DIGIT[m.group(2)]) >= 2:
            needs.add(COMPUTER_LEVELS[min(level, 3) - 2])
    return needs


def _grade_lacks(certificates: str) -> set[str]:
    """A seeker stating a grade lacks every one above it (the best stated counts); one stating none lacks nothing."""
    lacks: set[str] = set()
    ranks = [_GRADE_RANK[m.group(1)] for m in _MANDARIN.finditer(certificates)]
    if ranks:
        lacks |= {MANDARIN_GRADES[i] for i in range(4) if i > max(ranks)}
    levels = [_LEVEL_DIGIT[m.group(2)] for m in _COMPUTER.finditer(certificates)]
    if levels:
        lacks |= {COMPUTER_LEVELS[i] for i in range(2) if i + 2 > max(levels)}
    return lacks


# -- 裸眼视力 by its figure -----------------------------------------------------------------------------------------------
NAKED_EYE_LEVELS = parse.NAKED_EYE_LEVELS
_FIGURE = r"([45]\.\d|[01]\.\d{1,2})"
_NAKED_ASKED = re.compile(r"裸眼视力(?:均|都|双眼)?(?:不低于|不小于|达到|需|须|要求|在)?(?:左右眼)?(?:均)?\s*" + _FIGURE)
# "裸眼4.6，矫正5.0", "裸眼视力左4.8右4.6", "双眼裸眼5.0": the figures after 裸眼, up to another measure
_NAKED_SAID = re.compile(r"裸眼(?:视力)?[^，。；,;矫]{0,6}?" + _FIGURE + r"(?:[^，。；,;矫\d]{0,3}" + _FIGURE + r")?")


def _five_point(figure: str) -> float:
    value = float(figure)
    if value < 2:                                    # decimal notation: 1.0 = 5.0, 0.6 = 4.8, 0.5 = 4.7, 0.4 = 4.6
        return round(5 + math.log10(value), 1) if value > 0 else 0.0
    return value


def naked_eye_figure(text: object) -> float | None:
    """The lowest naked-eye figure a seeker states ("近视，裸眼4.6，矫正5.0" → 4.6), on the five-point scale; None."""
    m = _NAKED_SAID.search(normalise_text(text))
    if not m:
        return None
    return min(_five_point(f) for f in m.groups() if f)


def _naked_eye_needs(text: str) -> set[str]:
    m = _NAKED_ASKED.search(text)
    if not m or re.search(r"优先", text[m.end():m.end() + 8]):
        return set()
    figure = _five_point(m.group(1))
    return {NAKED_EYE_LEVELS[i] for i, f in enumerate(parse.NAKED_EYE_FIGURES) if f <= figure + 1e-9}


def _naked_eye_lacks(said: str) -> set[str]:
    figure = naked_eye_figure(said)
    if figure is None:
        return set()
    return {NAKED_EYE_LEVELS[i] for i, f in enumerate(parse.NAKED_EYE_FIGURES) if f > figure + 1e-9}


# -- 卫生专业技术资格: 药士/药师, 检验士/检验师 -----------------------------------------------------------------------------
HEALTH_TECH_TITLES = parse.HEALTH_TECH_TITLES   # 药士, 药师, 检验士, 检验师
# Session 36 (emp-left36): … and their 主管 (中级) level, indices 4 (药) and 5 (检验) of `_TITLES`
_TITLES = (*parse.HEALTH_TECH_TITLES, *parse.HEALTH_TECH_SENIOR)
# a title and the ones it holds: a 师 holds its 士; 主管 (中级) holds both, and a 副主任/主任 (高级) all three
_TITLE_SAID = (
    (re.compile(r"(?:副主任|主任|主管)(?:中)?药师|药学(?:（|\()?中级"), (0, 1, 4)),
    (re.compile(r"(?<!执业)(?<!主管)(?<!主任)(?<!执业中)(?<!执业西)药师|药学(?:（|\()?师"), (0, 1)),
    (re.compile(r"药士|药剂士|药学(?:（|\()?士"), (0,)),
    (re.compile(r"(?:副主任|主任|主管)检验(?:技)?师|检验技术(?:（|\()?中级"), (2, 3, 5)),
    (re.compile(r"(?<!主管)(?<!主任)检验(?:技)?师|检验技术(?:（|\()师"), (2, 3)),
    (re.compile(r"检验(?:技)?士|检验技术(?:（|\()士"), (2,)),
)
# asked: the title with a word of a qualification or "及以上" after it ("药士及以上资格（须）", "检验师及以上", "临床医学检验技术
# （士）资格"), not "协助药师调配" (the pharmacist as a colleague) nor a drugstore's 执业药师 (another licence)
# Session 36 (emp-left36): … the 主管 level too ("主管药师及以上", "具有主管检验师资格"), and, as the 护理 ladder's (emp-left35),
# the title alone in the certificates column ("主管药师", "检验师") or after a word of need ("须具有药师职称"); not where it
# is preferred, rewarded or waived (`_NOT_ASKED`: "执业药师或药师职称均可"). One of two without 均可 is asked as before
# ("中药调剂员四级或中药士及以上" asks the 药士: blind33's `J074`, whose writer grades a seeker with neither 0)
_TITLE_ASKED = re.compile(r"(?<!执业)(?<!执业中)(?<!执业西)(?<!驻店)"
                          r"((?:主管|主任)(?:中)?药师|(?:主管|主任)检验(?:技)?师|(?<!主管)(?<!主任)(?:药士|药师)"
                          r"|(?<!主管)(?<!主任)(?:检验技?士|检验技?师)|检验技术[(（][士师][)）])(?:及以上|以上)?"
                          r"(?=及以上|以上|资格|职称|证|$|[，。；,;、）)\s])")
_TITLE_QUALIFIED = re.compile(r"[^，。；,;、）)\s]*?(?:及以上|以上|资格|职称|证)")


def _title_index(word: str) -> int:
    if "主管" in word or "主任" in word:
        return 4 if "药" in word else 5
    if "药" in word:
        return 0 if "士" in word else 1
    return 2 if "士" in word else 3


def _title_needs(text: str, certificates: str | None = None) -> set[str]:
    needs: set[str] = set()
    columns = ((text, False),) if certificates is None else ((certificates, True), (text, False))
    for column, bare in columns:
        for clause in _CLAUSES.split(column):
            if re.search(r"优先|加分|入职后|可先上岗", clause) or _NOT_ASKED.search(clause):
                continue
            for m in _TITLE_ASKED.finditer(clause):
                qualified = bool(_TITLE_QUALIFIED.match(clause, m.start(1) + len(m.group(1))))
                if not (bare or qualified or _NURSE_TITLE_NEED.search(clause[:m.start()])):
                    continue
                needs.add(_TITLES[_title_index(m.group(1))])
    return needs


def _title_lacks(certificates: str) -> set[str]:
    held: set[int] = set()
    for pattern, titles in _TITLE_SAID:
        for m in pattern.finditer(certificates):
            if not re.search(r"在考|没考|未考|没有|还没|没过", certificates[max(0, m.start() - 6):m.end() + 6]):
                held |= set(titles)
    return {_TITLES[i] for i in range(6) if i not in held}


# Session 36 (emp-left36): the 法律职业资格证书's A class asked ("法律职业资格证书（A证）", "须取得A类法律职业资格"), met by every
# seeker but one whose certificate is said C ("法律职业资格证书（C证）", "法考C证"): a C is valid only in the 放宽地区 (《国家
# 统一法律职业资格考试实施办法》), an A everywhere. A post asking the certificate alone, or "A证或C证", asks no class
LAW_QUALIFICATION_A = parse.LAW_QUALIFICATION_A
_LAW = re.compile(r"法律职业资格|司法考试|法考|司法资格")
_LAW_CLASS = re.compile(r"(?<![A-Za-z])([ACac])(?:类|证)")


def _law_classes(clause: str) -> set[str]:
    return {c.upper() for c in _LAW_CLASS.findall(clause)} if _LAW.search(clause) else set()


def _law_needs(text: str) -> set[str]:
    for clause in _CLAUSES.split(text):
        if not _NOT_ASKED.search(clause) and _law_classes(clause) == {"A"}:
            return {LAW_QUALIFICATION_A}
    return set()


def _law_lacks(certificates: str) -> set[str]:
    said = set().union(*(_law_classes(c) for c in _CLAUSES.split(certificates)))
    return {LAW_QUALIFICATION_A} if said == {"C"} else set()


# -- Session 35 (emp-left35): the 护理 职称 and the 执业药师's 类别 ---------------------------------------------------------
# The 护理 ladder (卫生专业技术资格: 护士 < 护师 < 主管护师 < 副主任/主任护师) asked as a post's condition: "护师及以上（须）",
# "须持主管护师资格", "具有护师职称", or the title alone in the certificates column ("主管护师"). Held only where the
# seeker states the 职称 — a 护士执业证书 (the licence) is no 护师 (blind33's convention 6: "a row stating none holds none").
# Not asked: "护师优先", "护士或护师均可" (an alternative with the 护士's licence), a colleague ("协助护师"), a title of the
# post only ("护士长（主管护师）" in 岗位名称).
NURSE_TITLES = parse.NURSE_TITLES       # 护师, 主管护师
_NURSE_TITLE_SAID = (
    (re.compile(r"(?:副主任|主任|主管)护师|护理(?:学)?(?:中级|副高|正高)|护理学?(?:副)?主任"), (0, 1)),
    (re.compile(r"(?<![助药技医管任])护师|护理(?:学)?初级(?:（|\()?师"), (0,)),
)
_NURSE_TITLE_ASKED = re.compile(r"(?<![助药技医任])(主管护师|护师)(?:及以上|以上)?(?=及以上|以上|资格|职称|证|$|[，。；,;、）)\s])")
_NURSE_TITLE_NEED = re.compile(r"(?:须|需|必须|要求|具有|具备|持有|取得)[^，。；,;]{0,6}$")
# a clause that prefers, rewards, opens or waives it ("护师优先", "取得护师职称另加补贴", "不要求护师职称", "执业药师无需类别")
_NOT_ASKED = re.compile(r"优先|加分|入职后|可先上岗|均可|都可|补贴|津贴|另加|不要求|无需|不需|不限|不必|无要求")
_NURSE_ALTERNATIVE = re.compile(r"护士(?:资格|执业)?(?:证)?(?:或|/|、|及)$")


def _nurse_title_needs(certificates: str, description: str) -> set[str]:
    needs: set[str] = set()
    for column, bare in ((certificates, True), (description, False)):
        for clause in _CLAUSES.split(column):
            if _NOT_ASKED.search(clause):
                continue
            for m in _NURSE_TITLE_ASKED.finditer(clause):
                before = clause[:m.start()]
                if _NURSE_ALTERNATIVE.search(before):
                    continue
                qualified = bool(re.match(r"(?:主管护师|护师)(?:及以上|以上|资格|职称|证)", clause[m.start():]))
                if not (bare or qualified or _NURSE_TITLE_NEED.search(before)):
                    continue
                needs.add(NURSE_TITLES[1 if m.group(1).startswith("主管") else 0])
    return needs


def _nurse_title_lacks(certificates: str) -> set[str]:
    held: set[int] = set()
    for pattern, titles in _NURSE_TITLE_SAID:
        for m in pattern.finditer(certificates):
            # the negation read in the title's own clause only: "主管护师在考，护师已取得" holds 护师 (codereview35c L1)
            lo = max(certificates.rfind(sep, max(0, m.start() - 6), m.start()) for sep in "，,；;、 。")
            his = [k for k in (certificates.find(sep, m.end(), m.end() + 6) for sep in "，,；;、 。") if k >= 0]
            clause = certificates[max(lo + 1, m.start() - 6):min([*his, m.end() + 6])]
            if not re.search(r"在考|没考|未考|没有|还没|没过|准备考|要考", clause):
                held |= set(titles)
    return {NURSE_TITLES[i] for i in range(2) if i not in held}


# The 执业药师's 类别 (药学, 中药学: 《执业药师职业资格制度规定》 第三章; a licence is registered in one, or both): a post whose
# clause naming the licence says 西药/药学 ("执业药师（药学类）", "执业西药师", "西药房驻店执业药师") asks the 药学 类别, one
# saying 中药 ("执业中药师", "执业药师（中药学）", "中药房执业药师") the 中药学; both named ("中西药", "药学或中药学") ask
# neither. A seeker's licence naming one 类别 lacks the other; naming none, or both, lacks neither.
PHARMACIST_CATEGORIES = parse.PHARMACIST_CATEGORIES     # 药学, 中药学
_PHARMACIST = re.compile(r"执业(?:中|西)?药师")
_WEST = re.compile(r"西药|(?<!中)药学|化学药")
_CHINESE = re.compile(r"中药|中西药")


def _pharmacist_window(text: str, m: re.Match[str]) -> str:
    """The words around one 执业药师 named: back to the clause's start (6 characters at most) and on to its 类别 in brackets
    right after it, else to the next separator."""
    start = max(0, m.start() - 6)
    for sep in "，。；,;、 ":
        k = text.rfind(sep, start, m.start())
        if k >= 0:
            start = max(start, k + 1)
    rest = text[m.end():]
    if b := re.match(r"[^，。；,;、(（]{0,8}[(（][^)）]{0,16}[)）]", rest):
        return text[start:m.end()] + b.group()
    return text[start:m.end()] + re.split(r"[，。；,;、\s]", rest, maxsplit=1)[0][:12]


def _categories(window: str) -> set[int]:
    found = set()
    if _CHINESE.search(window) or "中药" in window:
        found.add(1)
    if _WEST.search(window.replace("中药学", "").replace("中西药", "中药")) or "中西药" in window:
        found.add(0)
    return found


def _pharmacist_needs(text: str) -> set[str]:
    needs: set[str] = set()
    for clause in _CLAUSES.split(text):
        if _NOT_ASKED.search(clause):
            continue
        for m in _PHARMACIST.finditer(clause):
            found = _categories(_pharmacist_window(clause, m))
            if len(found) == 1:
                needs.add(PHARMACIST_CATEGORIES[found.pop()])
    return needs


def _pharmacist_lacks(certificates: str) -> set[str]:
    said: set[int] = set()
    for m in _PHARMACIST.finditer(certificates):
        found = _categories(_pharmacist_window(certificates, m))
        said |= found if found else {0, 1}
    return {PHARMACIST_CATEGORIES[i] for i in range(2) if said and i not in said}


# -- the levels ---------------------------------------------------------------------------------------------------------
def posting_needs(title: object, description: object, education: object, certificates: object,
                  benefits: object = "") -> frozenset[str]:
    """The levels a notice asks (`parse.CIVIL_LEVELS`)."""
    edu = normalise_text(education)
    text = f"{normalise_text(title)} {normalise_text(certificates)}；{normalise_text(description)[:2000]}；" \
           f"{normalise_text(benefits)[:500]}"
    needs = _party_needs(f"{normalise_text(certificates)}；{normalise_text(description)[:2000]}")
    needs |= _teacher_needs(f"{normalise_text(certificates)}；{normalise_text(description)[:2000]}")
    needs |= _grade_needs(f"{normalise_text(certificates)}；{normalise_text(description)[:2000]}")
    needs |= _naked_eye_needs(text)
    needs |= _title_needs(normalise_text(description)[:2000], normalise_text(certificates))
    needs |= _law_needs(f"{normalise_text(certificates)}；{normalise_text(description)[:2000]}")      # session 36
    needs |= _nurse_title_needs(normalise_text(certificates), normalise_text(description)[:2000])     # session 35
    needs |= _pharmacist_needs(f"{normalise_text(certificates)}；{normalise_text(description)[:2000]}")
    if _full_time_needed(edu, text):
        needs.add(FULL_TIME_DEGREE)
    if _hukou_needed(text):
        needs.add(LOCAL_HUKOU)
    return frozenset(needs)


# Session 35 (emp-read35, blind35 read): a degree got part-time, written in the 工作经历 beside a bare education cell
# ("2025年1月成人高考函授大专毕业（计算机应用技术，非全日制）", "2023年自考取得法学本科"): the row holds no 全日制 degree — unless
# its words name a 全日制 one anywhere (which degree a 全日制 condition reaches is not read by level: unknown breaks nothing),
# or the part-time study is still going or only planned ("准备自考本科", "函授在读")
_DEGREE_GOT = re.compile(r"毕业|取得|拿到|获得")


def _full_time_lacks_said(experience: str, education: str) -> bool:
    if re.search(r"(?<!非)全日制", f"{education} {experience}") or _STILL_STUDYING.search(experience):
        return False
    return any(_NOT_FULL_TIME.search(c) and _DEGREE_GOT.search(c) and not re.search(r"准备|打算|想|要|正在|在读", c)
               for c in re.split(r"[；;。]", experience))


def seeker_lacks(notes: object, category: object, education: object, outside: bool,
                 certificates: object = "", experience: object = "") -> frozenset[str]:
    """The levels a seeker's own words rule out; `outside`: their 户籍 lies outside their county (`hukou_outside`);
    `experience`: the 工作经历, where a part-time degree may be written (session 35)."""
    lacks = _party_lacks(f"{normalise_text(notes)} {normalise_text(category)}")
    lacks |= _teacher_lacks(normalise_text(certificates))
    lacks |= _grade_lacks(normalise_text(certificates))
    lacks |= _naked_eye_lacks(normalise_text(notes))
    lacks |= _title_lacks(normalise_text(certificates)) | _law_lacks(normalise_text(certificates))
    lacks |= _nurse_title_lacks(normalise_text(certificates)) | _pharmacist_lacks(normalise_text(certificates))
    if _full_time_lacks(normalise_text(education)) or \
            _full_time_lacks_said(normalise_text(experience), normalise_text(education)):
        lacks.add(FULL_TIME_DEGREE)
    if outside:
        lacks.add(LOCAL_HUKOU)
    return frozenset(lacks)


# -- an age relaxed for a group (session 32, emp-left32; blind31 conventions 1 and 7) ----------------------------------
# "退役军人放宽至35周岁", "硕士研究生、退役军人放宽至40周岁", "具有中级职称的放宽至40周岁": a second ceiling for a group, met
# only by a seeker stating the group's fact. Carried as two kernel arrays (`SeekerTable.relax_groups`, a bit per group
# held; `JobTable.relax_caps`, the ceiling per group, 0 none), not as certificate bits: the ceiling the relaxation lifts
# is the posting's own, so whether a seeker needs it is a question of the pair.
RELAX_GROUPS = ("退役军人", "硕士研究生", "中级职称人员")
_RELAX_GROUP_ASKED = (
    re.compile(r"退役军人|退役士兵|退伍军人|退伍士兵|退役大学生士兵|退役人员"),
    re.compile(r"硕士|研究生|博士"),
    re.compile(r"中级(?:及以上|以上)?(?:专业技术)?(?:职称|职务|资格)|中级职称"),
)
_RELAXED_TO = re.compile(r"(?:可)?(?:适当)?放宽(?:至|到|为)\s*(\d{2})\s*(?:周岁|岁)")
_RELAX_CLAUSES = re.compile(r"[，。；,;！!？?\n（(]")


def relaxation_caps(age: object, description: object = "") -> tuple[int, ...]:
    """The age ceiling a posting relaxes for each of `RELAX_GROUPS` (0: none), read in its age column and its
    description: "18-30周岁；退役军人放宽至35周岁" → (35, 0, 0). A relaxation naming no group ("身体好可放宽到63岁") is none."""
    caps = [0] * len(RELAX_GROUPS)
    for clause in _RELAX_CLAUSES.split(f"{normalise_text(age)}；{normalise_text(description)[:2000]}"):
        if not (m := _RELAXED_TO.search(clause)):
            continue
        before = clause[:m.start()]
        for k, pattern in enumerate(_RELAX_GROUP_ASKED):
            if pattern.search(before):
                caps[k] = max(caps[k], int(m.group(1)))
    return tuple(caps)


_MASTERS_HELD = re.compile(r"硕士|研究生|博士")
_STILL = re.compile(r"在读|肄业|结业|未毕业|没毕业|在考|备考|没考|未考|没过|未通过|还没|考试中")
_MID_TITLE_HELD = re.compile(r"中级(?:专业技术)?(?:职称|职务)|中级(?:会计|经济|审计|统计)(?:师|职称)|(?<!助理)(?:工程师|经济师|会计师)"
                             r"(?:职称)?(?:[(（]中级[)）])|主治医师|主管护师|主管药师|主管技师|主管检验师|一级教师")


def seeker_relax_groups(education: object, group_text: object, certificates: object) -> int:
    """A bit per group of `RELAX_GROUPS` the seeker states: 退役军人 as `parse.seeker_groups` reads it (人员类别, notes,
    certificates: "退役军人", "退伍"), a 硕士/博士 in the education cell (not one still 在读), a 中级 title held (not one
    "在考"). Unknown holds nothing: the relaxation is met only by a stated fact (blind31 convention 1)."""
    bits = 0
    if "退役" in parse.seeker_groups(group_text):
        bits |= 1
    edu = normalise_text(education)
    if _MASTERS_HELD.search(edu) and not _STILL.search(edu):
        bits |= 2
    said = normalise_text(certificates)
    if (m := _MID_TITLE_HELD.search(said)) and not _STILL.search(said[max(0, m.start() - 6):m.end() + 8]):
        bits |= 4
    return bits


def relaxed_for(age: int, cap: int, groups: int, caps: tuple[int, ...]) -> bool:
    """Whether an age over the posting's ceiling `cap` is met by a relaxation for a group the seeker holds."""
    return age > cap and any(groups >> k & 1 and c > 0 and age <= c for k, c in enumerate(caps))


# -- heights by sex (session 32, emp-left32; blind31 convention 8) ------------------------------------------------------
# "男性身高170cm以上、女性160cm以上": each sex by its own figure; "身高170cm以上" (no sex) binds both; "以上" includes the
# figure. Against a seeker's stated height ("身高168cm", "身高1.72米"); a seeker stating none breaks nothing (unknown).
# Carried as two kernel arrays of three slots (men's, women's, either's: `HEIGHT_SLOTS`): a posting's minimum in each
# (0 none; "either" is the lower of the two where both sexes have one, the minimum a seeker of unknown sex must meet),
# and a seeker's height in their own sex's slot (`NO_HEIGHT` in the others, and in all three when none is stated).
HEIGHT_SLOTS = ("男", "女", "")
NO_HEIGHT = 999
_CM = r"(1[4-9]\d|1\.[4-9]\d)\s*(?:cm|CM|厘米|公分|米|m)?"
_HEIGHT_ASKED = re.compile(r"(?:(男|女)(?:性|生|士|子)?)?\s*(?:身高)?(?:要求|须|需|应)?(?:在)?[:：]?\s*" + _CM
                           + r"\s*(以上|及以上|或以上|以下|以内|及以下)?")
_HEIGHT_CLAUSES = re.compile(r"[，。；,;！!？?\n]")
_HEIGHT_SAID = re.compile(r"身高\s*[:：]?\s*(?:约|大概)?\s*" + _CM)


def _cm(figure: str) -> int:
    return round(float(figure) * 100) if "." in figure else int(figure)


def posting_heights(text: object) -> tuple[int, int, int]:
    """A posting's least height for men, for women and for a seeker of unknown sex, in cm (0 none), read in the clauses
    naming 身高: "男性身高170cm以上、女性160cm以上" → (170, 160, 160); "身高172cm以上" → (172, 172, 172); "男性身高176cm以上"
    → (176, 0, 0). Not "身高170cm以上优先", a height "以下" (a ceiling), nor a figure outside a 身高 clause."""
    men = women = 0
    after_height = False
    for clause in _HEIGHT_CLAUSES.split(normalise_text(text)):
        # "身高：男1.70米以上，女1.60米以上": a clause of the other sex's figure goes on the one naming 身高
        going_on = after_height and re.match(r"\s*(?:男|女)(?:性|生|士|子)?\s*[:：]?\s*1", clause) is not None
        after_height = "身高" in clause or going_on
        if not after_height or re.search(r"优先|为佳|更好|加分|不限", clause):
            continue
        start = max(0, clause.index("身高") - 3) if "身高" in clause else 0
        for m in _HEIGHT_ASKED.finditer(clause, start):
            if m.group(3) and m.group(3) in ("以下", "以内", "及以下"):
                continue
            cm = _cm(m.group(2))
            if m.group(1) != "女":
                men = max(men, cm) if m.group(1) == "男" or not men else men
            if m.group(1) != "男":
                women = max(women, cm) if m.group(1) == "女" or not women else women
    either = min(men, women) if men and women else 0
    return men, women, either


# the work a height binds (blind31 convention 8: 辅警, 消防, 森林消防; the office's height note names 安保 as work a height
# may be tied to): elsewhere a height line is one the office questions as possibly discriminating
# (`employment.discrimination.questions`, 《就业促进法》 第三条), and the matcher grades nothing down on it, as ADR 0027
# reads a gender line ("商场导购，身高1米6以上")
_HEIGHT_WORK = re.compile(r"辅警|协警|警务|特警|警犬|公安|消防|扑火|森林防火|保安|安保|押运|武警")


def height_binds(title: object, employer: object = "") -> bool:
    """Whether a posting's work is one a height condition binds (its title or its employer: 辅警, 消防, 保安 …)."""
    return _HEIGHT_WORK.search(f"{normalise_text(title)} {normalise_text(employer)}") is not None


def seeker_height(notes: object) -> int:
    """The height a seeker states, in cm ("身高168cm", "身高1.72米"); 0 none."""
    m = _HEIGHT_SAID.search(normalise_text(notes))
    return _cm(m.group(1)) if m else 0


def height_slots(height: int, sex: str | None) -> tuple[int, int, int]:
    """A seeker's height in the slot of their sex (`HEIGHT_SLOTS`), `NO_HEIGHT` elsewhere."""
    if not height:
        return NO_HEIGHT, NO_HEIGHT, NO_HEIGHT
    slot = HEIGHT_SLOTS.index(sex) if sex in ("男", "女") else 2
    return tuple(height if k == slot else NO_HEIGHT for k in range(3))       # type: ignore[return-value]


def too_short(slots: tuple[int, ...], minimums: tuple[int, ...]) -> bool:
    """Whether a seeker's height (`height_slots`) is below a posting's least height for them (`posting_heights`)."""
    return any(need > 0 and have < need for have, need in zip(slots, minimums, strict=True))
