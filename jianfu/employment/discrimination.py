"""Posting texts that discriminate, with the law each one breaks. Pure (no Django): text in, findings out.

The office sees each finding with the phrase that triggered it and the provisions cited; it clears a false
alarm or takes the posting down. Citations (paraphrased, not quoted; checked as noted):

- 《中华人民共和国就业促进法》(2007, amended 2015)
  第三条 — workers are not discriminated against for ethnicity, race, sex, religious belief …
  第二十六条 — employers recruiting give workers equal opportunity and fair conditions, and may not discriminate.
  第二十七条 — equal work rights of women; no refusal or higher standard for women except for posts the
           state deems unsuitable; no marriage/childbirth restrictions in labour contracts.
  第二十八条 — equal work rights of all ethnic groups; minority workers given due consideration.
  第二十九条 — no discrimination against persons with disabilities.
  第三十条 — no refusal on the ground of carrying an infectious-disease pathogen (e.g. hepatitis B).
  (Text checked in session 15 against a published bilingual text of the law.)
  第三十一条 — rural workers in towns have equal work rights; no discriminatory restrictions on them.
- 《中华人民共和国妇女权益保障法》(revised 2022, in force 2023-01-01) 第四十三条 — in recruitment an employer
  may not limit a post to men or prefer men, ask about marriage or childbearing, require a pregnancy test, or
  make marriage/childbearing status a condition (item (四); item (一) is sex). Checked in session 15 against a
  published text of the 2022 law (effective 2023-01-01).
- 《就业服务与就业管理规定》(人社部令, 2007; revised 2014, 2015, 2018 and 2022) 第二十条 — "用人单位发布的招用人员
  简章或招聘广告，不得包含歧视性内容。" The number is that of the 2018 revision (its 第四条–第五条 are equal rights, 第二十条 the
  notices; checked against a legal guide quoting the 2018 text), cited with the revision so an officer finds it.
  第十九条 — no refusal of an infectious-disease pathogen carrier, and, except for work that laws, administrative
  regulations or the State Council's health department bar hepatitis-B carriers from, no hepatitis-B serological
  markers as a condition of the medical check (added by the 2008 amendment; wording checked in session 15 against
  reports of that amendment, the number is that of the same chapter as 第二十条).

The first five were checked against secondary sources during development (the article numbers of the 就业
促进法 and 妇女权益保障法 第四十三条); the office should confirm wording against the official texts.

Questions (session 15): a height requirement ("身高1米6以上") is not unlawful in itself — some jobs need it (安保, some
high work) — but for most it is an unrelated condition. It is *questioned*, not flagged: the posting stays public and
the office sees a note to check that the requirement is tied to the job (`questions`, stored apart from the flags).

Employers' own words (session 28, fix-disc28): a sex named colloquially ("只要小伙子", "只招帅哥", "美女优先"), a
refusal after the term ("女士勿扰", "已婚者勿扰", "孕妇勿扰") or with 拒绝 ("拒绝乙肝携带者"), 不招已婚, 外地人勿扰, and a
ban on people from a named province or region ("不招河南人", "河南籍勿扰"). The last is cited as 《就业促进法》第三条 (its
"等" after 民族、种族、性别、宗教信仰; a 2019 judgement of the 杭州互联网法院 on a "河南人" rejection read it so, per
secondary sources) and 第二十六条 (employers may not discriminate), not 第三十一条 (rural workers). A colloquial word names
a sex only after an operator (只要/只招/限 …) or before 优先/勿扰 …: "小伙子们干劲足" describes a team and is left alone,
as is a posting naming both ("只招帅哥美女" asks for looks, not one sex). Protection is not discrimination:
"孕期女职工不安排夜班" is never flagged; 拒绝 before 歧视 ("拒绝乙肝歧视") states the opposite of a refusal.

限本地户籍: a residence requirement is lawful for 公益性岗位 and other posts that policy reserves for local
hard-to-employ residents, so postings naming 公益性岗位 are not flagged for it.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

JYCJF = "《就业促进法》"
FNQY = "《妇女权益保障法》第四十三条"
GUIDING = "《就业服务与就业管理规定》（2018年修订）第二十条"
GUIDING_PATHOGEN = "《就业服务与就业管理规定》（2018年修订）第十九条"
# a word standing as a clause of its own ("限女性，25岁以下，未婚，身高160以上"): the list's 限 governs it
_CLAUSE_START = r"(?:^|(?<=[，,。；;、：:（(\s]))"
_CLAUSE_STOP = r"(?=$|[，,。；;、）)\s])"
# a refusal before the term ("拒绝乙肝携带者") or after it ("女士勿扰"); 不要 after a term only at a clause end ("女工不要"
# but not "女工不要求…"); a refusal of discrimination itself ("拒绝乙肝歧视") is none
_REFUSE = r"(?:不招|不要|谢绝|拒绝|不收|不录用)"
_REFUSED = r"(?:勿扰|免谈|谢绝|除外|不要(?=$|[，,。；;、）)\s]))"
_NOT_DISCRIMINATION = r"(?![^，,。；;]{0,5}歧视)"
# a sex named as employers say it; only after an operator or before 优先/勿扰 is it a requirement ("小伙子们干劲足" is not)
_MEN = "小伙子|小伙|帅哥|小哥|男孩子|男孩"
_WOMEN = "美女|靓女|小姑娘|姑娘|女孩子|女孩|小妹"
_EITHER = rf"(?:{_MEN}|{_WOMEN}|男|女)"
_SEX_WORD = rf"(?:{_MEN}|{_WOMEN})"
# a posting naming both ("只招帅哥美女", "帅哥美女优先") asks for neither sex
_NOT_BOTH_AFTER = rf"(?![和与及、/]?\s*{_EITHER})"
_NOT_BOTH_BEFORE = "".join(f"(?<!{w})" for w in sorted({*_MEN.split("|"), *_WOMEN.split("|"), "男", "女"}, key=len))
# provinces and regions whose people postings bar ("不招河南人", "河南籍勿扰"); 外地/外省 are the residence rule's
_PLACES = ("北京|天津|河北|山西|内蒙古?|辽宁|吉林|黑龙江|上海|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|海南"
           "|重庆|四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆|台湾|香港|澳门|东北|两广")


@dataclass(frozen=True)
class Finding:
    code: str
    label: str
    excerpt: str
    laws: tuple[str, ...]
    note: str = ""   # a question's: what the office should check (a flag's finding has none)
    # the names of every field the rule matched in, when the caller named its texts (fixcr34b #2): the excerpt quotes
    # only the first, and 修改后公开 must know whether a field it cannot edit (the import's 年龄 text) matched too
    fields: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        d = asdict(self)
        d["laws"] = list(self.laws)
        if not self.note:
            del d["note"]
        if self.fields:
            d["fields"] = list(self.fields)
        else:
            del d["fields"]
        return d


@dataclass(frozen=True)
class Rule:
    code: str
    label: str
    pattern: re.Pattern
    laws: tuple[str, ...]
    unless: re.Pattern | None = None   # a lawful context that silences the rule
    note: str = ""


RULES: tuple[Rule, ...] = (
    Rule("gender", "限定性别或性别优先",
         re.compile(r"(限|仅限|只招|仅招|只收|仅收|只要|仅要|要求|限于)\s*(男|女)(性|士|生|工)?(?!装|鞋|式|款|厕)"
                    r"|(?<![美靓])(男|女)(性|士|生|工)?\s*(优先|为主|者优先|限定)|(不招|不要|谢绝)\s*(女|男)(性|士|生)?"
                    # session 28: "只要小伙子", "只招帅哥", "美女优先", "女士勿扰", "拒绝女性"
                    rf"|(限|仅限|只招|仅招|只收|仅收|只要|仅要|要求|限于|{_REFUSE})\s*{_SEX_WORD}{_NOT_BOTH_AFTER}"
                    rf"|{_NOT_BOTH_BEFORE}{_SEX_WORD}\s*(优先|为主|者优先){_NOT_BOTH_AFTER}"
                    # ("孕期女工除外" protects: 女职工劳动保护特别规定)
                    rf"|{_NOT_BOTH_BEFORE}(?<!孕期)(?<!哺乳期)(?<!经期){_EITHER}(性|士|生|工|的)?\s*{_REFUSED}"
                    rf"|拒绝\s*(女|男)(性|士|生|工)?{_NOT_DISCRIMINATION}{_NOT_BOTH_AFTER}"
                    r"|性别\s*[:：]?\s*(男|女)(?!不限)"
                    # a sex stated as a clause of its own is a requirement: "护理工作，女性，身高160以上", "女，30岁以下"
                    # ("男、女各2名" names both: not a requirement)
                    r"|(?:^|(?<=[，,。；;、：:（(\s]))(?<![男女][，,、\s])(男|女)(性|士|工)?(?=$|[，,。；;、）)\s])"
                    r"(?![，,、\s]*[男女])"),
         (f"{JYCJF}第三条", f"{JYCJF}第二十七条", FNQY, GUIDING),
         unless=re.compile(r"性别不限|男女不限|不限男女|男女均可")),
    Rule("marriage", "以婚育状况为录用条件",
         re.compile(r"(限|仅限|要求|须|需)\s*(未婚|已婚已育|已婚|未育|已育)|(未婚|已婚已育|已婚|未育|已育)\s*者?\s*优先"
                    r"|(入职|录用).{0,6}(不得|不能)(怀孕|生育|结婚)|妊娠(测试|检查)|孕检"
                    # a status stated as a clause of its own, or before the sex it is asked of (session 15, F1)
                    rf"|{_CLAUSE_START}(未婚|已婚已育|已婚未育|已婚|未育|已育)(者|人士)?{_CLAUSE_STOP}"
                    r"|(未婚|已婚已育|已婚|未育|已育)\s*(女性|男性|女士|男士|女工|男工)"
                    # session 28: "不招已婚", "已婚者勿扰", "孕妇勿扰" (not "孕期女职工不安排夜班" nor "孕妇除外" after work the
                    # 女职工劳动保护特别规定 keeps from pregnant women: protections)
                    rf"|{_REFUSE}\s*(已婚|未婚|已育|未育|孕妇|怀孕)"
                    rf"|(已婚已育|已婚|未婚|已育|未育)\s*(者|人士|女性|女士)?\s*{_REFUSED}|(孕妇|怀孕者?)\s*(勿扰|免谈|谢绝)"),
         (f"{JYCJF}第二十七条", FNQY, GUIDING)),
    Rule("ethnicity", "限定民族",
         re.compile(rf"(限|仅限|只招|要求)\s*汉族|{_REFUSE}\s*(少数民族|回族|藏族|维吾尔族|壮族|瑶族){_NOT_DISCRIMINATION}"
                    rf"|少数民族\s*{_REFUSED}|汉族\s*(优先|者优先)"),
         (f"{JYCJF}第三条", f"{JYCJF}第二十八条", GUIDING)),
    Rule("hukou", "限本地户籍",
         re.compile(r"(限|仅限|只招|要求|须为|需为)\s*(本地|本县|本市|本省|城镇|城市)\s*(户籍|户口|人)"
                    rf"|(农村|外地|外省)\s*(户口|户籍|人员|人)?\s*{_REFUSED}|(本地|本县)(户籍|户口)\s*优先"
                    # session 28: "不招外地人", "拒绝农村户口"
                    rf"|{_REFUSE}\s*(农村|外地|外省)\s*(户口|户籍|人员|人)"),
         (f"{JYCJF}第三条", f"{JYCJF}第三十一条", GUIDING),
         unless=re.compile(r"公益性岗位|公益岗")),
    Rule("disability", "排斥残疾人",
         re.compile(rf"残疾(人)?\s*(勿扰|不要|谢绝|除外|免谈)|{_REFUSE}\s*残疾{_NOT_DISCRIMINATION}"),
         (f"{JYCJF}第三条", f"{JYCJF}第二十九条", GUIDING)),
    # session 28: a ban on people from a province or region ("不招河南人", "河南籍勿扰"); see the module's notes
    Rule("origin", "排斥特定地域的求职者",
         re.compile(rf"{_REFUSE}\s*({_PLACES})\s*(籍|人|地区|省)"
                    rf"|({_PLACES})\s*(省|地区)?\s*(籍|人)\s*(人员|人士)?\s*{_REFUSED}"),
         (f"{JYCJF}第三条", f"{JYCJF}第二十六条", GUIDING)),
    Rule("pathogen", "排斥传染病病原携带者",
         re.compile(r"(乙肝|肝炎)\s*(携带者|病毒携带|小三阳|大三阳)?\s*(勿扰|不要|谢绝|除外|免谈)"
                    rf"|{_REFUSE}\s*(乙肝|肝炎){_NOT_DISCRIMINATION}"
                    # a hepatitis-B condition (session 15, F1: "男性优先，需无乙肝"): "无乙肝", "乙肝五项阴性",
                    # "体检查乙肝", "病原携带者勿扰"; a duty such as "负责乙肝检测" is not a condition and is left alone
                    r"|(无|没有|不能有|不得有|非)\s*(乙肝|大三阳|小三阳)"
                    r"|乙肝\s*(五项|两对半|表面抗原)?\s*(须|需|必须|要求|要)?\s*(为)?\s*阴性"
                    r"|(体检|入职体检|入职)\s*(须|需|要|必须)?\s*(含|包括|查|检查|检测|筛查)\s*乙肝"
                    r"|(病原|病毒)?携带者\s*(勿扰|不要|谢绝|除外|免谈)"
                    rf"|{_REFUSE}\s*(传染病)?(病原|病毒)携带者{_NOT_DISCRIMINATION}"),
         (f"{JYCJF}第三十条", GUIDING_PATHOGEN, GUIDING)),
)

# Requirements lawful for some jobs and not for others: questioned, the posting stays public (see the module's notes).
QUESTIONS: tuple[Rule, ...] = (
    Rule("height", "身高要求",
         # 身高 with a figure after it within a clause: "身高1米6以上", "身高160cm以上", "身高要求：1.58米", "身高不低于155"
         # ("身高不限" and "身高体重相称" state none)
         re.compile(r"身高(?!\s*不限)[^，,。；;！!？?\n]{0,8}?(?:\d{3}|[12]\s*\.\s*\d{1,2}|[1一]\s*米\s*[0-9一二三四五六七八九]?)"),
         (f"{JYCJF}第三条", f"{JYCJF}第二十六条"),
         note="身高条件不一定违法，请核查是否与岗位工作确实相关（如安保、部分高处作业）；与工作无关的身高条件可能构成就业歧视。"),
)

_SPACE = re.compile(r"\s+")


def check(*texts: str, names: tuple[str, ...] = ()) -> list[Finding]:
    """Findings in the posting's texts (title, description, requirements …), at most one per rule. Each text is
    one field: the excerpt quotes the field whose words matched, never its neighbours ("限本地户籍，会电脑", not
    "… 会电脑 20-" with the age column after it); a lawful context (`Rule.unless`) in any field silences the rule.
    `names` (one per text) names the fields: each finding then lists every field its rule matched in (`fields`)."""
    return _find(RULES, texts, names)


def questions(*texts: str, names: tuple[str, ...] = ()) -> list[Finding]:
    """The requirements the office should look at while the posting stays public (`QUESTIONS`), found and quoted as
    `check` finds flags; each with its note."""
    return _find(QUESTIONS, texts, names)


def _find(rules: tuple[Rule, ...], texts: tuple[str, ...], names: tuple[str, ...] = ()) -> list[Finding]:
    fields = [(names[i] if names else "", _SPACE.sub(" ", t).strip()) for i, t in enumerate(texts) if t]
    whole = " ".join(text for _name, text in fields)
    findings = []
    for rule in rules:
        if rule.unless is not None and rule.unless.search(whole):
            continue
        matched = [(name, text, m) for name, text in fields if (m := rule.pattern.search(text)) is not None]
        if matched:
            _name, text, match = matched[0]
            findings.append(Finding(rule.code, rule.label, _quote(text, match.start(), match.end()), rule.laws,
                                    rule.note, tuple(name for name, _t, _m in matched if name)))
    return findings


_CLAUSE_END = "，,。；;！!？?、 "
_CONTEXT = 8   # characters of context either side of the match, taken only as whole clauses


def _quote(text: str, start: int, end: int) -> str:
    """The clause(s) holding text[start:end], with a neighbouring clause only where it lies wholly within
    `_CONTEXT` characters of the match: quotes whole clauses, never a word cut in half (session 14, N13: "线装配，
    限男性，已婚已育优先" became "限男性，已婚已育优先")."""
    while start < end and text[start] in _CLAUSE_END:
        start += 1
    while end > start and text[end - 1] in _CLAUSE_END:
        end -= 1
    first = max((text.rfind(c, 0, start) for c in _CLAUSE_END), default=-1) + 1
    last = min((i for i in (text.find(c, end) for c in _CLAUSE_END) if i >= 0), default=len(text))
    # in a list of conditions each finding quotes its own clause: a neighbouring clause that is a condition of its
    # own (an age limit, a marital status, a height, …) is not about this finding (newuser15 F1: the sex finding of
    # "限女性，25岁以下，未婚" quoted "限女性，25岁以下"); a bare sex (女，30岁以下) keeps its neighbour to be read at all
    bare = _BARE_SEX.fullmatch(text[first:last].strip(_CLAUSE_END + "：:")) is not None
    while first > 0:   # text[first - 1] is a clause end: take the clause before it if it is close enough
        before = max((text.rfind(c, 0, first - 1) for c in _CLAUSE_END), default=-1) + 1
        if before < start - _CONTEXT or before == first - 1 or (not bare and _is_condition(text[before:first - 1])):
            break
        first = before
    while last < len(text):
        after = min((i for i in (text.find(c, last + 1) for c in _CLAUSE_END) if i >= 0), default=len(text))
        if after > end + _CONTEXT or after == last + 1 or (not bare and _is_condition(text[last + 1:after])):
            break
        last = after
    return text[first:last].strip(_CLAUSE_END)


_BARE_SEX = re.compile(r"(性别)?(男|女)(性|士|生|工|的)?")
_AGE = re.compile(r"\d+\s*周?岁|\d+\s*[-－~～至到]\s*\d+\s*周?岁")


def _is_condition(clause: str) -> bool:
    """A clause that states a condition of its own: an age limit, or words a flag or a question finds."""
    return bool(_AGE.search(clause)) or any(r.pattern.search(clause) for r in (*RULES, *QUESTIONS))
