"""Parsing the way people write: wages as text, age ranges, education, certificates, experience, stated
limits and a posting's physical demands, and free-text occupations.

`parse_*` functions raise `ValueError` with a Chinese message when non-empty text cannot be understood;
`normalise_*` functions return what they recognise (possibly nothing)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from jianfu.core.text import KEPT_FORMAT_CHARACTERS, clean_text
from jianfu.employment.matching.languages import CANTONESE, ENGLISH, LANGUAGES, VIETNAMESE
from jianfu.employment.matching.occupations import BY_CODE, OCCUPATIONS, PUBLIC_WELFARE_CODE
from jianfu.employment.matching.venues import GUESTHOUSE_OK, HOTEL_OK, NOT_DRINKS_OK, VENUE_FLAGS

# The year a birth year, a decade of birth or an ID number is counted in: today's, or the one an evaluation fixes —
# its splits were written in 2026, and read in 2027 every age written as a birth year would move by one (session 14:
# blind14 writes thirteen ages as birth months).
_AGE_YEAR: ContextVar[int | None] = ContextVar("age_year", default=None)


def reference_year() -> int:
    return _AGE_YEAR.get() or date.today().year  # noqa: DTZ011 - a calendar year, no time zone question


@contextmanager
def ages_counted_in(year: int) -> Iterator[None]:
    """Within the block, ages from birth years are counted in `year` (`evaluate.load_split` uses EVAL_YEAR)."""
    token = _AGE_YEAR.set(year)
    try:
        yield
    finally:
        _AGE_YEAR.reset(token)


# ---------------------------------------------------------------------------------------------- text

class InvalidValue(ValueError):  # noqa: N818 - a kind of ValueError, named for what the import does with it
    """A value read but impossible (an age of 200, a negative wage, 100 years of work, an age requirement from 14):
    the import refuses the row. A plain `ValueError` is text that could not be read ("看情况", "读过几年书"): the
    import loads the row with that field unknown and a warning naming row and field (session 14)."""


_SPACE = re.compile(r"\s+")
# The invisible characters go by the one rule of every input, `jianfu.core.text.clean_text` (pure Python, no Django:
# the pure core may import it). The three bidi marks that rule keeps for display (LRM, RLM, ALM) are dropped here
# too: the matcher compares texts, and a mark inside a word would split it.
_NO_MARKS = str.maketrans(dict.fromkeys(KEPT_FORMAT_CHARACTERS))


def normalise_text(text: object) -> str:
    """NFKC (full-width digits and letters → ASCII), control and invisible characters dropped, spaces
    collapsed."""
    if text is None:
        return ""
    if not isinstance(text, str):
        text = str(text)
    if len(text) > 200:
        return _normalise(text)
    return _normalise_cached(text)


def _normalise(text: str) -> str:
    s = clean_text(unicodedata.normalize("NFKC", text)).translate(_NO_MARKS)
    return _SPACE.sub(" ", s).strip()


_normalise_cached = lru_cache(maxsize=1 << 18)(_normalise)


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cn_number(s: str) -> float | None:
    """'十八' → 18, '三十五' → 35, '五' → 5, '3.5' → 3.5, '一百五' → 150 (Chinese numerals as people write them;
    public: `hours.py` reads clock hours with it)."""
    if not s:
        return None
    try:
        return float(s)
    except ValueError:
        pass
    if "百" in s:
        head, _, tail = s.partition("百")
        hundreds = _CN_DIGITS.get(head) if head else 1
        if hundreds is None:
            return None
        if not tail:
            return float(hundreds * 100)
        if len(tail) == 1 and tail in _CN_DIGITS:          # 一百五 = 150
            return float(hundreds * 100 + _CN_DIGITS[tail] * 10)
        rest = cn_number(tail.lstrip("零〇"))
        return None if rest is None else float(hundreds * 100 + rest)
    if "十" in s:
        head, _, tail = s.partition("十")
        tens = _CN_DIGITS.get(head) if head else 1
        ones = _CN_DIGITS.get(tail) if tail else 0
        if tens is None or ones is None:
            return None
        return float(tens * 10 + ones)
    if len(s) == 1 and s in _CN_DIGITS:
        return float(_CN_DIGITS[s])
    return None


# ---------------------------------------------------------------------------------------------- wage

@dataclass(frozen=True, slots=True)
class Wage:
    """Monthly yuan. `low`/`high` None when unknown; `negotiable` for 面议; `piece_rate` for 计件/提成."""
    low: float | None = None
    high: float | None = None
    negotiable: bool = False
    piece_rate: bool = False

    @property
    def known(self) -> bool:
        return self.low is not None or self.high is not None

    def label(self) -> str:
        if self.low and self.high and self.low != self.high:
            text = f"{self.low:.0f}–{self.high:.0f}元"
        elif self.low or self.high:
            text = f"{(self.low or self.high):.0f}元" + ("以上" if self.low and not self.high else "")
        else:
            text = "面议" if self.negotiable else "未注明"
        return text + ("+计件/提成" if self.piece_rate else "")


_NUM = r"(\d+(?:\.\d+)?|[一二两三四五六七八九十百]+)"
_UNIT = r"([千kK万wW]?)"
_WAGE_RANGE = re.compile(_NUM + _UNIT + r"\s*(?:-|~|～|至|到|—|–|－)\s*" + _NUM + _UNIT)
_WAGE_TWO_CN = re.compile(r"([一二两三四五六七八九])([一二两三四五六七八九])([千万])")   # 四五千
_WAGE_ONE = re.compile(_NUM + _UNIT)
_PER_DAY = re.compile(r"(?:/天|每天|一天|日薪|日结|/日|元天|块一天|每日|日均|日工资|天工资|一日|按天|"
                      r"每晚|一晚|/晚|一夜|每夜|一个晚上|每个晚上|一个班|每个班|一班)")     # a night's or a shift's pay: a day's
# the "一" of "一天"/"一小时"/"一个月"/"每…" is a unit, not an amount: taken out before amounts are read
_PER_UNIT_WORDS = re.compile(r"(?:一|每)(?:天|日|小时|个小时|个钟头|个钟|钟头|个月|月|年|晚|夜|个晚上|个班|班)")
_PER_HOUR = re.compile(r"(?:/小时|每小时|一小时|/时|时薪|元/h|小时|个钟|钟头|/钟)")      # "25元一个钟": an hour
_PER_YEAR = re.compile(r"(?:年薪|/年|每年|一年)")
_MINIMUM_WAGE = re.compile(r"最低工资")
# A seeker who leaves the wage to the employer has no expectation (unknown, as 面议 in the wage part), not an
# unreadable one: "多少都行", "都可以", "看着给", "无所谓", "随便", "看能力", "按厂里规定", "跟别人一样", "够生活就行",
# "不计较" — a family read only when no amount is written ("三千就行" is 3,000; "三千以上都行" is 3,000).
_NO_WAGE_WISH = re.compile(
    r"多少|都(?:可以|行|成|好|能接受)|无所谓|随便|随意|不限|不挑|不计较|不讲究|不在乎|没(?:有)?要求|无要求|不要求|"
    r"看着(?:给|办|开)|(?:看|视|按|凭)(?:个人)?(?:能力|表现|效益|业绩|技术)|"
    r"(?:按|听|服从|照)(?:公司|厂里|单位|老板|企业|厂家|当地|国家)?(?:的)?(?:规定|标准|安排|定|行情)|"
    r"(?:和|跟|同)(?:别人|大家|其他人|工友)(?:一样|差不多)|"
    r"够(?:生活|吃饭|用|花|养家)|能(?:养家|糊口|生活)|差不多就|合理就|满意就|给就行|有就行|"
    # session 14: "看情况", "你们定", "看老板", "还没想好", "越高越好", "有活干就行" name no amount either
    r"(?:看|视)(?:情况|老板|工作量|活|具体|岗位)|(?:你们|老板|厂里|公司|单位|对方)(?:定|说了算|看着)|没想好|不清楚|不知道|"
    # an acceptance with no amount ("学徒也行", "能挣点就行", "有得做就得"): no floor named
    r"(?:也|就|都)(?:行|可以|成|得|好)|挣(?:点|些|得到)|"
    r"越(?:高|多)越好|多(?:点|些)(?:好|更好)|不要太(?:低|少)|有(?:活|事|工作)(?:干|做)?就(?:行|好|可以)|"
    # "学徒工资低点也行", "少一点都可以": a learner who takes a lower wage names no floor
    r"(?:低|少)(?:一)?(?:点|些)(?:也|都)?(?:行|可以|没事|没关系|无所谓|能接受)")
# 面议 and its neighbours: the seeker will agree it with the employer
_NEGOTIABLE = re.compile(r"面议|面谈|商议|协商|商量|可谈|再谈|好说")
# pay by the piece, by the weight or by the order ("按斤计", "按吨算", "按单结"), or with a commission
_PIECE = re.compile(r"计件|提成|绩效|多劳多得|按件|底薪|"
                    # Session 21 (emp-read21, blind21 read): pay by commission or a share of the order ("佣金8%",
                    # "按单分成70%", "抽成", "返佣") and by the order alone ("按单") is paid by results, the month unknown
                    r"佣金|分成|抽成|返佣|按单(?![位计算结])|"
                    r"按(?:斤|公斤|吨|单|车|柜|趟|场|箱|筐|桶|只|个|条|亩|平方|平米|方|产量|重量|量|米|延米|立方)"
                    # Session 22 (emp-read22, blind22 read): the 包工's area, weight or length ("按平方包", "按吨包干")
                    r"(?:计|算|结|包)")
# Session 22 (emp-read22, blind22 read): a couple's or a pair's joint figure ("两个人12000", "两个人一万二", "夫妻俩一万二",
# "两人月薪12000-14000"): half of it is each one's pay, so a seeker's joint wish and a couples' post compare like with like
_JOINT_PAY = re.compile(r"^(?:(?:夫妻|两口子|夫妇)(?:俩|两人|二人)?|俩|两个人|两人|二人|2人)(?:一共|合计|共|加起来|合起来)?"
                        r"(?=(?:月薪|月入|每月|一个月|工资|月工资|日薪|一天)?(?:\d|[一二两三四五六七八九十]))")
# an amount per piece of work rather than per stretch of time ("一场一百多", "一个柜300", "每吨80", "0.5元/件", "每单提成5元"),
# to the next separator: taken out before the wage is read, so that it is never read as a monthly figure, while a base
# pay beside it still is ("底薪3000+每单提成5元" is 3,000 and piece rate; "一个柜300，月结" is piece rate alone)
_PIECE_UNIT = r"(?:个|只|条)?(?:场|柜|车|趟|单|件|箱|筐|吨|斤|公斤|桌|批|亩|平方米|平方|平米|立方|台|户)(?!间|子)"   # 台, 户: an
# appliance installed, a household connected (session 21, blind21 read: "每台60元", "装机每户30元")
# a share of sales or of the order ("佣金8%-12%", "分成70%"): a rate, never an amount (session 21, blind21 read)
_SHARE = re.compile(r"[\d.]+\s*%?\s*(?:[-~～到至]\s*[\d.]+\s*)?%")
# (session 23, emp-read23: "按斤0.3元", "按吨85元" — a weight before its price — the price alone, so that a month
# written after it is still read: "按件1.2元，月入4000-6000")
_PER_PIECE_AMOUNT = re.compile(r"按(?:吨|斤|公斤)\s*[\d.]+\s*(?:元|块)?|(?:一|每)" + _PIECE_UNIT + r"[^，,；;、+＋]*|[\d.]+\s*(?:元|块)?\s*/\s*" + _PIECE_UNIT)
_PRICED = re.compile(r"\d|[一二两三四五六七八九十百]+多?(?:元|块)?$")     # the phrase names an amount ("一单一结" names none)
# what a piece-rate worker earns in a month, written after the rate ("计件每顶12-25元，熟手月均2500-3500", "计件，一般能拿
# 3000-4000"): the monthly figure is read from what follows it (session 18)
_MONTHLY_FIGURE = re.compile(r"月均|月平均|平均(?:每)?月|每月平均|熟手(?:每)?月(?:入|薪)?|一般(?:每月|一个月|月)?(?:能)?(?:拿|挣|赚)")
# what a piece-rate worker earns in a day, written after the rate ("按吨计，每吨95元，日均250左右", "每斤2元，熟手日均200"):
# a day's figure, read as any day rate; without it the rate's phrase ran on to the end of the text (the commas are
# taken out before) and the day figure was lost (session 20, blind20's pay units)
_DAILY_FIGURE = re.compile(r"日均|日平均|平均(?:每)?(?:天|日)|每天平均|"
                           # session 23 (emp-read23, blind23 read): a skilled hand's or an ordinary day ("按斤0.3元，熟手一天
                           # 约200", "按筐计，一筐6元，熟手一天200-230元"), the post's day rate (the writer's convention 2)
                           r"(?:熟手|一般)(?:每人)?(?:每)(?:天|日)(?=\s*(?:约|大约|能拿|能挣|可拿|可挣|挣|拿)?\s*\d)")
# the hours of a day stated beside an hourly rate ("22元/小时，每天10小时", "时薪20，一天做9个小时"): the rate times
# those hours is the day's pay (blind20's convention 9); without them a day is taken as 8 hours
_HOURS_A_DAY = re.compile(r"每天(?:工作|上班|干|做)?(\d{1,2}(?:\.5)?|[一二两三四五六七八九十]{1,3})(?:个)?(?:小时|钟头)")


def states_hours_a_day(text: object) -> bool:
    """Whether a wage's words state its hours a day ("22元/小时，每天10小时"; `_HOURS_A_DAY`, session 22)."""
    return bool(_HOURS_A_DAY.search(normalise_text(text)))


_UNIT_MULT = {"": 1, "千": 1000, "k": 1000, "K": 1000, "万": 10000, "w": 10000, "W": 10000}


# "3千5" = 3500, "两千五" = 2500, "1万2" = 12000, "3千5百" = 3500, "4k5" = 4500: a digit after the unit is
# the next place down (or the unit written after it)
_WAGE_COMPOUND = re.compile(r"(\d+|[一二两三四五六七八九十]+)\s*([千kK万wW])\s*(\d|[一二两三四五六七八九])\s*([百千])?(?![\d.])")


def _compound_amounts(s: str) -> str:
    def value(m: re.Match[str]) -> str:
        head, digit = cn_number(m.group(1)), cn_number(m.group(3))
        if head is None or digit is None:
            return m.group(0)
        unit = _UNIT_MULT[m.group(2)]
        step = {"百": 100, "千": 1000}.get(m.group(4) or "", unit // 10)
        return f"{head * unit + digit * step:.0f}"

    return _WAGE_COMPOUND.sub(value, s)


def _amount(num: str, unit: str, *, borrowed: bool = False) -> float | None:
    """`borrowed`: the unit was written after the other end of a range ("4-5千"); a number already in
    yuan ("3500到5千") does not take it."""
    value = cn_number(num)
    if value is None:
        return None
    if borrowed and value >= 100:
        return value
    return value * _UNIT_MULT[unit]


_CN_DECIMAL = re.compile(r"(?<![一二两三四五六七八九十百])([一二两三四五六七八九])点([一二三四五六七八九])(?=[万千])")


# "一百五六" (150–160 a day), "三千五六" (3,500–3,600): a hundred or a thousand, then two neighbouring digits of the
# next place down — a spoken range, rewritten as one before amounts are read
_SPOKEN_RANGE = re.compile(r"([一二两三四五六七八九])([百千])([一二三四五六七八九])([一二三四五六七八九])(?![十百千万\d])")


def _spoken_ranges(s: str) -> str:
    def value(m: re.Match[str]) -> str:
        head, first, second = _CN_DIGITS[m.group(1)], _CN_DIGITS[m.group(3)], _CN_DIGITS[m.group(4)]
        if second != first + 1:
            return m.group(0)
        unit = 100 if m.group(2) == "百" else 1000
        return f"{head * unit + first * unit // 10}-{head * unit + second * unit // 10}"

    return _SPOKEN_RANGE.sub(value, s)


# a way of being paid named with no amount ("日结", "按天算也行", "按小时算", "月结"): a wish about the pay period,
# not a wage figure — no expectation to compare (as 面议), not an unreadable cell (blind13's first run refused six
# seekers for it)
# a minus sign or 负 before the first amount ("-3000", "负2000"); "3000-4000" is a range
# "两千多三千", "3千多4千": "more than the first, up to the second" — a range (session 14)
_ABOUT_TO = re.compile(r"(?<=[千万百kK])多(?=\s*(?:\d+|[一二两三四五六七八九])\s*[千万百kK])")
_PAY_PERIOD_ONLY = re.compile(r"日结|周结|月结|按(?:天|日|小时|钟点?|时|月|周)(?:算|计|结|发)?|计时|时薪|日薪|月薪")


def _period_factor(s: str, amount: float) -> float:
    """What turns an amount stated per hour, day or year into a month (1 for a monthly amount)."""
    if _PER_HOUR.search(s) and amount < 200:
        stated = _HOURS_A_DAY.search(s)
        hours = (float(stated.group(1)) if stated.group(1)[0].isdigit() else cn_number(stated.group(1))) if stated else None
        return (hours if hours is not None and 1 <= hours <= 14 else 8) * 26
    if _PER_DAY.search(s) and amount < 1000:
        return 26
    if _PER_YEAR.search(s) and amount >= 10000:
        return 1 / 12
    return 1.0


# A wage in its own unit (session 21, blind20's reader; the writers' convention 9): a seeker who wishes "每小时20以上" or
# "一吨不低于80" compares it with a posting's rate in the same unit — 17 an hour is below 20 an hour however long the day,
# though 17 × 10 hours reads above 20 × 8 as a month. Units by weight ("每吨95元", "0.6元一斤") are read apart from the
# wage's month (a rate per piece of work has none); an hour's or a day's rate is the monthly figure undone.
RATE_UNITS = ("hour", "day", "ton", "jin")
RATE_UNIT_NAMES = {"hour": "小时", "day": "天", "ton": "吨", "jin": "斤"}
_RATE_AMOUNT = r"(\d+(?:\.\d+)?|[一二两三四五六七八九十百]+)"
# the amount is money: 元/块 beside it, or nothing after it but the end of a clause or a floor word — not "每吨货物装车约2小时"
# (2 hours); "一" before 吨 is "per" only after 元/块 — "二十一吨货" is a load (code review 21)
_PER_WEIGHT = re.compile(r"(?:每|一|/)\s*(吨|斤)\D{0,6}?" + _RATE_AMOUNT +
                         r"(?:\s*(?:-|~|～|到|至)\s*" + _RATE_AMOUNT +
                         r")?(?:\s*(?:元|块)|(?=\s*(?:以上|起|左右|上下|往上)|\s*(?:$|[\s,，。;；、)）])))|" +
                         _RATE_AMOUNT + r"(?:\s*(?:-|~|～|到|至)\s*" + _RATE_AMOUNT +
                         r")?(?:\s*(?:元|块)\s*(?:以上|起)?\s*(?:/|一|每)|\s*(?:/|每))\s*(吨|斤)")
# the unit before its price ("按吨85元", "按斤0.3元"; session 23, emp-read23, blind23 read)
_UNIT_THEN_PRICE = re.compile(r"按\s*(吨|斤)\s*(?=[\d.]+\s*(?:元|块))")
# a floor, next to the figure: before it ("每吨不低于80") or right after it ("80元以上", "85元/吨起")
_FLOOR_BEFORE = re.compile(r"(?:不低于|至少|最少|最低)\s*$")
_FLOOR_AFTER = re.compile(r"\s*(?:元|块)?\s*(?:以上|起|往上)")


@lru_cache(maxsize=100_000)
def wage_rate(text: object) -> tuple[str, float, float | None] | None:
    """(unit, low, high) of a wage written per hour, day, ton or jin ("每小时20以上" → ("hour", 20.0, None), "每吨85元" →
    ("ton", 85.0, 85.0)); None for a monthly wage or none. A rate by weight is read first: "按吨计，每吨85元，日均220" is
    85 a ton (its day figure is the month's)."""
    s = normalise_text(text).replace(",", "").replace("，", " ")
    if not s:
        return None
    s = _UNIT_THEN_PRICE.sub(r"每\1", s)      # "按吨85元" is "每吨85元" (session 23, emp-read23)
    if m := _PER_WEIGHT.search(s):
        unit = m.group(1) or m.group(6)
        low_text, high_text = (m.group(2), m.group(3)) if m.group(1) else (m.group(4), m.group(5))
        low = float(low_text) if low_text[0].isdigit() else cn_number(low_text)
        high = (float(high_text) if high_text[0].isdigit() else cn_number(high_text)) if high_text else None
        if low is None or low <= 0:
            return None
        # "不低于80", "80以上": a floor; "每吨85元": one figure, both ends; a floor word elsewhere ("早上6点起开工") is none
        amount_at = m.start(2) if m.group(1) else m.start(4)
        floor = bool(_FLOOR_BEFORE.search(s, 0, amount_at) or _FLOOR_AFTER.match(s, m.end())
                     or re.search(r"(?:元|块)\s*(?:以上|起)", m.group(0)))
        return ("ton" if unit == "吨" else "jin", low, high if high is not None else (None if floor else low))
    try:
        wage, factor = _wage_and_period(text)
    except ValueError:
        return None
    if factor == 1.0 or factor < 1 or not wage.known:
        return None
    unit = "hour" if factor != 26 and _PER_HOUR.search(s) else "day" if factor == 26 else None
    if unit is None:
        return None
    low = round(wage.low / factor, 2) if wage.low is not None else None
    high = round(wage.high / factor, 2) if wage.high is not None else None
    if low is None:
        return None if high is None else (unit, high, high)
    return unit, low, high


@lru_cache(maxsize=4096)
def wage_as_written(text: object) -> str:
    """The wage's own words when the monthly figure is an estimate from another period ("日结150元", "时薪18元",
    "年薪6万"), "" when the text states a month (or nothing readable): shown beside the estimate, "日结150元（约合
    3900元/月）", so day labour is not read as a monthly wage (N11, session 14)."""
    words = normalise_text(text).strip()
    try:
        wage, factor = _wage_and_period(words)
    except ValueError:
        return ""
    return str(text).strip() if factor != 1.0 and (wage.low or wage.high) else ""


# a minus sign (or 负) before an amount at the start of the text or of a clause ("-100元", "月薪：-3000", "负500"); a
# dash after an amount ("3000-4000", "4千-5千") is a range
_NEGATIVE_WAGE = re.compile(r"(?:^|[：:（(；;、=]|月薪|工资|薪资|薪水|收入)\s*(?:[-−－‐‑–—]|负)\s*[\d一二两三四五六七八九十]")


def parse_wage(text: object) -> Wage:
    """'面议' · '4千到5千' · '3500元+计件' · '3000-4500元/月' · '150元/天' · '日结200' · '年薪6万' · '月入过万' ·
    '3千5以上' · '五千左右' · '4k-6k' → monthly Wage.

    Raises ValueError (Chinese) when non-empty text holds no usable amount and is not 面议."""
    return _wage_and_period(text)[0]


def _wage_and_period(text: object) -> tuple[Wage, float]:
    """parse_wage, with the factor that turned the amount written into a month (1 for a monthly one)."""
    s = normalise_text(text).replace(",", "").replace("，", "")
    if not s or s in {"无", "-", "/", "不限", "待定"}:
        return Wage(), 1.0
    if _NEGATIVE_WAGE.search(s):   # "-100元" was read as 100 (badinput14 B07): a minus sign is no range dash here
        raise InvalidValue(f"工资不能是负数（“{s[:30]}”）：请写成“3000-4500元/月”“4千到5千”“面议”等形式。")
    if joint := _JOINT_PAY.match(s):        # Session 22 (emp-read22): a pair's joint figure, halved
        pair, factor = _wage_and_period(s[joint.end():])
        return Wage(None if pair.low is None else round(pair.low / 2), None if pair.high is None else round(pair.high / 2),
                    pair.negotiable, pair.piece_rate), factor
    s = _ABOUT_TO.sub("到", s)                                  # "两千多三千" → "两千到三千"
    s = _CN_DECIMAL.sub(lambda m: f"{_CN_DIGITS[m.group(1)]}.{_CN_DIGITS[m.group(2)]}", s)   # "一点五万" → 1.5万
    # "一天两百" → "每天两百"; before the compounds, so that "三千一个月" is 3,000 a month, not "三千一" (3,100)
    s = _PER_UNIT_WORDS.sub(lambda m: ("每" if m.group(0)[0] == "一" else m.group(0)[0]) + m.group(0)[1:], s)
    s = _compound_amounts(_spoken_ranges(s))
    amounts = s
    amounts = re.sub(r"一样|一般|一点|一些|一下", " ", amounts)             # "跟别人一样", "高一点" hold no amount
    amounts = re.sub(r"打[一二三四五六七八九\d]{1,2}(?:\.\d)?折", " ", amounts)       # "试用期打八折": a share, not an amount
    amounts = _SHARE.sub(" ", amounts)       # Session 21 (emp-read21, blind21 read): "佣金8%" is a share, not an amount
    negotiable = bool(_NEGOTIABLE.search(s))
    piece = bool(_PIECE.search(s))
    # a month beside a rate per unit ("每台60元月均6000", session 21) as beside a piece word
    if (piece or _PER_PIECE_AMOUNT.search(s)) and (monthly := _MONTHLY_FIGURE.search(s)):
        try:
            month = parse_wage(s[monthly.end():])
        except ValueError:
            month = Wage()
        if month.low or month.high:
            return Wage(month.low, month.high, month.negotiable or negotiable, True), 1.0
    if (piece or _PER_PIECE_AMOUNT.search(s)) and (daily := _DAILY_FIGURE.search(s)):
        try:
            day, factor = _wage_and_period("每天" + s[daily.end():])
        except ValueError:
            day, factor = Wage(), 1.0
        if day.low or day.high:
            return Wage(day.low, day.high, day.negotiable or negotiable, True), factor
    if per_piece := _PER_PIECE_AMOUNT.findall(s):
        try:
            base = parse_wage(_PER_PIECE_AMOUNT.sub(" ", s))
        except ValueError:                  # nothing but the piece rate ("一个柜300，月结")
            base = Wage()
        priced = any(_PRICED.search(phrase[2:]) for phrase in per_piece)
        return Wage(base.low, base.high, base.negotiable or negotiable, base.piece_rate or piece or priced), 1.0
    low: float | None = None
    high: float | None = None
    if "过万" in s or "上万" in s:
        low = 10000.0
    elif m := _WAGE_TWO_CN.search(amounts):
        mult = _UNIT_MULT[m.group(3)]
        low, high = _CN_DIGITS[m.group(1)] * mult, _CN_DIGITS[m.group(2)] * mult
    elif m := _WAGE_RANGE.search(amounts):
        unit_a, unit_b = m.group(2), m.group(4)
        low = _amount(m.group(1), unit_a or unit_b, borrowed=not unit_a)
        high = _amount(m.group(3), unit_b or unit_a, borrowed=not unit_b)
    elif m := _WAGE_ONE.search(amounts):
        low = _amount(m.group(1), m.group(2))
        tail = amounts[m.end():]
        if re.match(r"\s*(?:元|块)?\s*(?:以内|以下)", tail):
            low, high = None, low
        elif re.match(r"\s*(?:元|块)?\s*(?:左右|上下)", tail):
            high = low
    if low is None and high is None:
        if negotiable or piece:
            return Wage(negotiable=negotiable, piece_rate=piece), 1.0
        if _MINIMUM_WAGE.search(s) or _NO_WAGE_WISH.search(s) or _PAY_PERIOD_ONLY.search(s):
            # "不低于最低工资" / "最低工资以上" / "最低工资就行": the local minimum wage is not in the core, so
            # this is no stated expectation (unknown, like 面议), not an unreadable one; nor is "多少都行"
            return Wage(), 1.0
        raise ValueError(f"无法识别的工资“{s[:30]}”：请写成“3000-4500元/月”“4千到5千”“面议”等形式。")
    factor = _period_factor(s, low or high or 0)
    low = None if low is None else round(low * factor)
    high = None if high is None else round(high * factor)
    if low is not None and high is not None and low > high:
        low, high = high, low
    for v in (low, high):
        if v is not None and not (100 <= v <= 200000):
            if piece and factor == 1.0 and (high or low or 0) < 100:
                # a rate per piece with no month ("计件每张20元", "计件1毛2一个"): paid by the piece, the amount a month
                # unknown (session 18)
                return Wage(negotiable=negotiable, piece_rate=True), 1.0
            # a period misread more often than an absurd wage ("25元一个钟" before 钟 was an hour): unknown, not refused
            # quoted as written ("1,5", not the "15" its comma was dropped from)
            raise ValueError(f"工资“{normalise_text(text)[:30]}”超出合理范围（每月 100–200000 元）。")
    return Wage(low, high, negotiable, piece), factor


# ---------------------------------------------------------------------------------------------- age

_AGE_RANGE = re.compile(r"(\d{1,3}|[一二三四五六七八九十]{1,3})\s*(?:周岁|岁)?\s*(?:-|~|～|至|到|—|–|－)\s*(\d{1,3}|[一二三四五六七八九十]{1,3})")
_AGE_ONE = re.compile(r"(\d{1,3}|[一二三四五六七八九十]{1,3})\s*(?:周岁|岁)?\s*(以下|以内|以上|之间|左右|内|下|上)?")
_AGE_NONE = ("不限", "无要求", "年龄不限", "无限制", "均可", "都可以", "都行", "无所谓", "没要求", "不要求", "随便", "没有要求",
             # an opening with no number (session 14): "年纪大点也行", "老人家也要", "多大都收", "不论年龄"
             "也行", "也要", "也可以", "也收", "都要", "都收", "不论", "不管", "不计较",
             "皆可")


# The working ages, one rule for the sheets, the forms and the API (the app imports these): nobody under
# sixteen may be employed (《劳动法》第十五条); employment help ends at eighty, the widest posting age
# range's upper bound.
MIN_WORKING_AGE = 16
MAX_AGE = 80


# an age written in the text (not any numeral: "一般都行", "男女两人", "三班倒" hold none)
_AN_AGE = re.compile(r"\d|岁|[一二两三四五六七八九十]+(?:周岁|以下|以上|以内|之间|到|至|-|—|~)")


# A decade of birth ("80后", "七零后", "90年代出生", "九几年出生"; "00后" is 2000–2009): ten years of birth, so an age range
# of ten years on the parser's reference date (`reference_year()`, as a birth year is read). Session 11.
_DECADE = r"(?<![\d一二三四五六七八九十零〇])([05-9]|[零〇五六七八九])"
_DECADE_BORN = re.compile(_DECADE + r"(?:[0零〇]后|[0零〇]年代(?:出生|生)?|几年(?:出生|生)|几年代(?:出生|生)?)")
_BORN_AFTER = re.compile(r"(?<!\d)([5-9][1-9])后")


def _decade_years(digit: str) -> tuple[int, int]:
    """(youngest, oldest) age of those born in the decade named by `digit` ('8' or '八': 1980–1989)."""
    d = int(digit) if digit.isdigit() else int(_CN_DIGITS[digit])
    start = 2000 if d == 0 else 1900 + d * 10
    year = reference_year()
    return (year - start - 9, year - start)


# Session 24 (emp-read24, blind24 read): the age caps a county's 公益性岗位 write.
# - "法定退休年龄以下", "未达法定退休年龄", "法定劳动年龄内（未到退休年龄）": men under 60, women under 55 — 59 and 54 in full
#   years. The ages of 国发〔1978〕104号 as every 人社 notice of 公益性岗位 spells them ("法定劳动年龄（男16-60周岁、女16-55
#   周岁）"; women's 55, not the 50 of a factory hand's pension: a 公益岗 or a 灵活就业 worker retires at 55). The 2025
#   reform (全国人大常委会 2024年9月13日决定) adds months one by one from 2025 on — at most a few months for anyone in 2026 —
#   which a seeker's age in full years cannot show; "未达" a birthday not yet reached reads as below it (the blind24
#   writer's convention 4 reads it so). 法定劳动年龄 floors at 16 (《劳动法》第十五条).
# - "男≤60周岁，女≤55周岁" (≤, <, 未满): each sex its own cap (`sex_age_caps`); the range returned is the widest, as before.
# - "身体健康即可", "身体健康，能胜任": health, not an age — no age limit (the posts' own duties say what the body must do).
_RETIREMENT_AGE = re.compile(r"(?:未达|未到|不超过|达不到|未满)?(?:国家)?法定退休年龄(?:以下|以内|之前|前)?|法定劳动年龄(?:内|以内|段)?|"
                             r"未(?:到|达|满)?退休年龄|退休年龄以下|未退休")
RETIREMENT_CAPS = {"男": 59, "女": 54}
RETIREMENT_AGE = _RETIREMENT_AGE          # read by `pensions.states_retirement_age` (emp-mend27)


# Session 27 (emp-read27, blind27 read): the 2025 reform (全国人大常委会 2024年9月13日《关于实施渐进式延迟法定退休年龄的
# 决定》, 附件) — men 60 plus one month every four months of birth from 1965-01 (at most 36: 63 from 1976-09); women 55
# likewise from 1970-01 (the wider of a woman's two tracks: a row never says which). A seeker's age in full years shows
# the reform only at its edge: a man of exactly 60 this winter may be inside it or past it as his birth month falls, so
# "法定退休年龄以内" admits him (unknown breaks nothing) and refuses the ages past it for every birth month they allow.
# emp-mend27: the 决定's 附件 1–3 — (the old age, the first birth year it moves for, months of birth per month added,
# months added at most): men 60 from 1965-01, one month every four, to 63 (born 1976-09 on); women 55 (管理、技术岗位,
# and 灵活就业) from 1970-01 likewise to 58 (1981-09 on); women 50 (a factory hand) from 1975-01, one month every two,
# to 55 (1984-11 on). "女" is the 55 track: a row never says a woman's post, so the wider one, the later date.
REFORM_TRACKS = {"男": (60, 1965, 4, 36), "女": (55, 1970, 4, 36), "女50": (50, 1975, 2, 60)}


def reform_retirement_months(sex: str, year: int, month: int) -> int:
    """The statutory retirement age in months of one born in `year`-`month` (`REFORM_TRACKS`: "男", "女" the women's
    55 track, "女50" the women's 50 track)."""
    base, start, per, most = REFORM_TRACKS[sex if sex in REFORM_TRACKS else "女"]
    k = (year - start) * 12 + month - 1
    return base * 12 + (0 if k < 0 else min(most, 1 + k // per))


def retirement_date(sex: str, birth: int) -> int:
    """The day one born on `birth` (YYYYMMDD; a month stated alone is its last day, `minors.birth_date`) reaches the
    reform's statutory retirement age, YYYYMMDD (0 for no birth date or no sex): the birthday `reform_retirement_months`
    after it, on the month's last day where that month is shorter. emp-mend27."""
    if birth <= 0 or sex not in REFORM_TRACKS:
        return 0
    y, m, d = birth // 10000, birth // 100 % 100, birth % 100
    months = y * 12 + m - 1 + reform_retirement_months(sex, y, m)
    ry, rm = divmod(months, 12)
    rm += 1
    last = 31 if rm in (1, 3, 5, 7, 8, 10, 12) else 30 if rm != 2 else 29 if ry % 4 == 0 and (ry % 100 or ry % 400 == 0) \
        else 28
    return ry * 10000 + rm * 100 + min(d, last)


def past_retirement_for_certain(sex: str, age: int, year: int | None = None) -> bool:
    """Whether `age` full years in `year` is past the statutory age whatever the birth month (the latest birth it
    allows — December of `year` − `age`, the highest age the reform gives — already reached)."""
    year = year or reference_year()
    return age * 12 >= reform_retirement_months(sex, year - age, 12)


def retirement_caps(year: int | None = None) -> dict[str, int]:
    """"法定退休年龄以内" in full years for each sex: the oldest age not past it for certain (in 2026: men 60, women 55;
    before the reform 59 and 54)."""
    caps = {}
    for sex, start in (("男", 59), ("女", 54)):
        age = start
        while not past_retirement_for_certain(sex, age + 1, year):
            age += 1
        caps[sex] = age
    return caps
_WORKING_AGE_FLOOR = re.compile(r"法定劳动年龄")
_HEALTH_ONLY = re.compile(r"^(?:身体健康|身体好|身体健康即可|健康即可|能胜任|胜任工作|身体健康[,，、]?能胜任(?:工作|岗位)?(?:即可)?)$")
_SEX_CAP = re.compile(r"(男|女)(?:性|职工)?\s*(?:年龄)?\s*(?:须|需)?\s*(?P<op>不超过|不大于|不高于|≤|<=|<|未满|小于|低于|在)?\s*"
                      r"(?:(?P<lo>\d{1,2})\s*(?:周岁|岁)?\s*(?:-|~|～|至|到|—|–|－)\s*)?(?P<cap>\d{2})\s*(?:周岁|岁)?\s*(?P<after>以下|以内|及以下)?")


def _strict_below(op: str | None) -> bool:
    return op in ("<", "未满")


def sex_age_caps(text: object) -> dict[str, int]:
    """The age cap each sex is held to ('男≤60周岁，女≤55周岁' → {'男': 60, '女': 55}; '法定退休年龄以下' → {'男': 59, '女': 54}),
    in full years; empty when the cap binds both alike, none is written, or one sex's cap falls below its statutory
    retirement age ('男18-50，女18-45': a gender line, ADR 0027)."""
    s = normalise_text(text)
    if _RETIREMENT_AGE.search(s):
        caps = retirement_caps()           # the reform read at its edge (session 27)
    else:
        caps = {}
    for m in _SEX_CAP.finditer(s):
        if not (m.group("op") or m.group("after") or m.group("lo")):
            continue           # "男50岁" alone: an age said, not a cap
        cap = int(m.group("cap")) - (1 if _strict_below(m.group("op")) else 0)
        caps[m.group(1)] = min(cap, caps.get(m.group(1), cap))
    if len(set(caps.values())) < 2 and len(caps) != 1:
        return {}
    # ADR 0027: a cap that keeps one sex out before its own statutory retirement age while the other sex may stay
    # ("男18-55岁，女18-50岁": women out at 51) is a gender line on the age, read at the wider range (blind14's writer
    # read it so); one at or above it ("男60女55", "男65女60", the 法定退休年龄 itself) is the law's own line, kept
    lower = min(caps, key=lambda sex: caps[sex])
    if len(caps) == 2 and caps[lower] < RETIREMENT_CAPS[lower]:
        return {}
    return caps


def sex_cap_bits_required(text: object) -> int:
    """The third certificate word's bits a posting's age column asks for (`SEX_AGE_CAPS`): the cap of each sex held below
    the post's widest bound, at the next level up."""
    caps = sex_age_caps(text)
    if not caps:
        return 0
    widest = max(caps.values())
    bits = 0
    for sex, cap in caps.items():
        level = next((c for c in AGE_CAP_LEVELS if c >= cap), None)
        if cap < widest and level is not None and level < widest:
            bits |= CERT_BITS[SEX_AGE_CAPS[(sex, level)]].bit
    return bits


def sex_cap_bits_held(gender: object, age: int | None) -> int:
    """Every sex cap a seeker meets: all but their own sex's caps below their age (an unknown sex or age meets all)."""
    sex = sex_of(gender)
    if not sex or age is None or age < 0:
        return ALL_SEX_CAP_BITS
    return ALL_SEX_CAP_BITS & ~sum(CERT_BITS[SEX_AGE_CAPS[(sex, c)]].bit for c in AGE_CAP_LEVELS if c < age)


# Session 24 (emp-read24, blind24 read): the household rule of a 公益性岗位 (人社部 and 财政部's rule that a household takes
# one such post at a time, which counties write as "每户限1人", "同一户只安排1人", "家中已有人在公益性岗位的不予安排") against
# a seeker who says someone of the household already holds one ("老婆已经在做村保洁公益岗", "家公在村里做保洁公益岗"). A
# post not writing the rule sets none; a seeker saying nothing of the household breaks nothing.
# fix-match24 (code review): the rule only in its own words — 限, 只, 仅 before the one person, or 不予/不再/不能/不得 安排
# after a household already on a post; "每户一名劳动力实现就业" (a slogan) and "每户1人次补贴500元" (a subsidy) set none.
_HOUSEHOLD_RULE = re.compile(r"(?:每|同一?|一)户(?:家庭)?(?:只|仅|限)(?:限|能|可|准)?"
                             r"(?:安排|招聘|招|聘用|聘|录用|报名|报|推荐|申报|申请)?\s*[1一]\s*(?:人|名)(?!次|劳动力|就业)|"
                             r"(?:家中|家里|家庭|户内|同户)(?:已)?有(?:人|成员)(?:在|从事|安排)?(?:了)?公益性?岗(?:位)?(?:的)?"
                             r"(?:不予|不再|不能|不得)(?:安排|聘用|报名|录用)")
_HOUSEHOLD_MEMBER = r"(?:老公|老婆|丈夫|妻子|爱人|媳妇|家公|公公|家婆|婆婆|岳父|岳母|儿子|女儿|儿媳|女婿|父亲|母亲|爸爸|妈妈|老爸|老妈|" \
                    r"哥哥|弟弟|姐姐|妹妹|家里人|家人|家里|家中|屋里)"
# fix-match24: the holder's verb and the 公益岗 follow the member in the same clause with no second subject between
# ("老公在广东打工我在家想做公益岗位": the wish is the speaker's) and no wish ("老公在家想做公益岗")
_HOUSEHOLD_BETWEEN = r"(?:(?!我|本人|自己|想|要|打算|准备|希望|申请|报名)[^，。；,;]){0,10}?"
_HOUSEHOLD_HOLDS = re.compile(_HOUSEHOLD_MEMBER + _HOUSEHOLD_BETWEEN + r"(?:已经|已|现在|正在|在)" + _HOUSEHOLD_BETWEEN +
                              r"(?:做|干|当|上|在)" + _HOUSEHOLD_BETWEEN + r"公益(?:性)?岗")
_HOUSEHOLD_NOT = re.compile(r"没有|没在|不在|未在|没人|无人|辞了|不做了|退了|"
                            r"以前|之前|从前|去年|前年|过去|曾经|原来|做过|干过|当过")      # fix-match24: a post held once
# the clause after it saying the post is held no more ("…，现在不做了", "…，今年辞了")
_HOUSEHOLD_NO_MORE = re.compile(r"[^，。；,;]*[，,]?[^，。；,;]{0,6}?(?:不做|不干|不当|没做|没干|没当|不在做|不在干|辞了|辞职|"
                                r"辞掉|退了|退出)")


def household_rule(text: object) -> bool:
    """Whether a posting writes the household rule of a 公益性岗位 ('每户限1人', '家中已有人在公益性岗位的不予安排');
    not a slogan ('每户一名劳动力实现就业') nor a subsidy per person ('每户1人次补贴500元')."""
    return bool(_HOUSEHOLD_RULE.search(normalise_text(text)))


def household_on_public_post(text: object) -> bool:
    """Whether a seeker's words say someone of the household already holds a 公益性岗位 ('老婆已经在做村保洁公益岗');
    not 'family 没有人在公益岗', '老公以前做过公益岗，现在不做了', nor the speaker's own wish after a member's words
    ('妈妈在家我想在村里做公益岗')."""
    s = normalise_text(text)
    return any(not _HOUSEHOLD_NOT.search(m.group(0)) and not _HOUSEHOLD_NO_MORE.match(s, m.end())
               for m in _HOUSEHOLD_HOLDS.finditer(s))


_A_DATE = re.compile(r"(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d\d(?::\d\d)?)?")


def parse_age_range(text: object) -> tuple[int | None, int | None]:
    """'18-35周岁' → (18, 35); '45岁以下' → (None, 45); '18岁以上' → (18, None); '不限' → (None, None); '80后'
    → the ages of those born 1980–1989 (`_DECADE_BORN`). With several ranges ('男18-50，女18-45', '70后、80后均可') the
    widest span is kept (a gender split is not a requirement the matcher applies)."""
    s = normalise_text(text)
    if _A_DATE.fullmatch(s):    # a date-typed cell ("2000-01-01") was read as "最低年龄0岁" (badinput34): not an age
        raise ValueError(f"年龄要求“{s[:30]}”是一个日期，不是年龄：请写成“18-35周岁”“45岁以下”“不限”等形式。")
    # "男女不限，45岁内", "男女都可以，四十五以下"
    s = re.sub(r"(男女|性别|学历|经验|户籍|工种)(都)?(不限|均可|可以|行)", " ", s).strip(" ，,;；")
    decades = [_decade_years(m.group(1)) for m in _DECADE_BORN.finditer(s)]
    # "85后": born 1985 or later, so at most that old
    born_after = [reference_year() - 1900 - int(m.group(1))
                  for m in _BORN_AFTER.finditer(s)]
    if not s or (any(w in s for w in _AGE_NONE) and not re.search(_AN_AGE, s) and not decades) or s in {"无", "-", "/"}:
        return (None, None)
    if not re.search(_AN_AGE, s):
        # Session 24 (emp-read24): the statutory retirement age (the men's, the wider; `sex_age_caps` the women's) and
        # health alone ("身体健康即可": no age limit)
        if _RETIREMENT_AGE.search(s):
            return (MIN_WORKING_AGE if _WORKING_AGE_FLOOR.search(s) else None, retirement_caps()["男"])
        if _HEALTH_ONLY.match(s.rstrip("。.")):
            return (None, None)
    lows, highs = [lo for lo, _ in decades], [hi for _, hi in decades] + born_after
    rest = _BORN_AFTER.sub(" ", _DECADE_BORN.sub(" ", s))
    for m in _AGE_RANGE.finditer(s):
        a, b = cn_number(m.group(1)), cn_number(m.group(2))
        if a is None or b is None:
            continue
        lows.append(int(min(a, b)))
        highs.append(int(max(a, b)))
        rest = rest.replace(m.group(0), " ")
    if not lows or decades or born_after:
        for m in _AGE_ONE.finditer(rest):
            v = cn_number(m.group(1))
            if v is None:
                continue
            if re.search(r"不超过|不大于|不高于|以下|以内|内$|下$", m.group(0) + s[m.end():m.end() + 2]) or \
                    re.search(r"(不超过|不大于|不高于|小于|低于|≤|<=)\s*$", s[:m.start()]):
                highs.append(int(v))
            elif re.search(r"(<|未满)\s*$", s[:m.start()]):    # below it: one year less (session 24)
                highs.append(int(v) - 1)
            elif re.search(r"以上|上$", m.group(0)) or re.search(r"(不低于|不小于|满|大于|年满)\s*$", s[:m.start()]):
                lows.append(int(v))
            elif m.group(2) == "左右":
                lows.append(int(v) - 5)
                highs.append(int(v) + 5)
    if not lows and not highs:
        raise ValueError(f"无法识别的年龄要求“{s[:30]}”：请写成“18-35周岁”“45岁以下”“不限”等形式。")
    low = min(lows) if lows else None
    high = max(highs) if highs else None
    if low is not None and low < MIN_WORKING_AGE:
        raise InvalidValue(f"最低年龄{low}岁低于法定最低就业年龄{MIN_WORKING_AGE}周岁（《劳动法》第十五条）。")
    for v in (low, high):
        if v is not None and not (MIN_WORKING_AGE <= v <= MAX_AGE):
            raise InvalidValue(f"年龄要求“{s[:30]}”超出合理范围（{MIN_WORKING_AGE}–{MAX_AGE} 岁）。")
    if low is not None and high is not None and low > high:
        raise InvalidValue(f"年龄要求“{s[:30]}”的下限大于上限。")
    return (low, high)


def check_seeker_age(age: int) -> int:
    """`age` when a job seeker may be that old (MIN_WORKING_AGE ≤ age < MAX_AGE), else ValueError in Chinese."""
    if age < MIN_WORKING_AGE:
        raise InvalidValue(f"年龄 {age} 岁未满{MIN_WORKING_AGE}周岁（法定最低就业年龄，《劳动法》第十五条），不能纳入就业帮扶。")
    if age >= MAX_AGE:
        raise InvalidValue(f"年龄 {age} 岁超出就业帮扶的年龄范围（{MIN_WORKING_AGE}–{MAX_AGE - 1} 岁）。")
    return age


# a seeker's age column left open on purpose: no age (unknown breaks no constraint), not an unreadable one
_AGE_UNKNOWN = re.compile(r"(?:不详|未知|不清楚|保密|不便透露|未填|暂无|无|-|/|—)+")


# An age said roughly: a decade of birth (`_DECADE_BORN`) or about so many years ("五十出头", "快四十了", "四十多",
# "50来岁", "40左右", "三十几"). A seeker's age is one number every posting's bounds are checked against, so the import
# refuses these, as it always refused "四十多" (docs/matching.md: reading them needs an age range per seeker).
_ROUGH_AGE = re.compile(r"出头|快|将近|接近|差不多|大概|大约|约|多|来|左右|上下|几")


def parse_age(text: object) -> int | None:
    """A seeker's age: '45' · '45岁' · '四十五' · a birth year ('1985年', '85年出生'). Raises ValueError outside the
    working ages (`check_seeker_age`), and for an age said roughly ('80后', '五十出头'), saying how to write it."""
    raw = normalise_text(text)
    s = raw.replace("周岁", "").replace("岁", "")
    if not s or _AGE_UNKNOWN.fullmatch(s):
        return None
    this_year = reference_year()
    # a birth year; "88年的" ("one of '88") as people say it at the desk (blind11's writer had to reword it)
    if m := re.fullmatch(r"(19[3-9]\d|20[01]\d)\s*(?:年|年生|年出生)?(?:\d{1,2}月)?(?:出生|生|的)?", s):
        s = str(this_year - int(m.group(1)))
    elif (born := birth_year(s)) is not None:       # '1980.03', '1985-3-12', '19850312', '1985年3月12日'
        s = str(this_year - born)
    elif m := re.fullmatch(r"(\d\d)\s*年(?:\d{1,2}月)?(?:出生|生|的)?", s):     # '85年出生': 1985; '05年生': 2005
        yy = int(m.group(1))
        s = str(this_year - (2000 + yy if 2000 + yy <= this_year else 1900 + yy))
    v = cn_number(s.split(".")[0] if re.fullmatch(r"\d+\.0", s) else s)
    if v is None or v != int(v):
        if _DECADE_BORN.search(s) or _BORN_AFTER.search(s) or _ROUGH_AGE.search(s):
            raise ValueError(f"年龄“{raw[:20]}”是大致的说法，无法确定岁数：请填写周岁（如“45”）或出生年份（如“1985年”）。")
        raise ValueError(f"年龄“{s[:20]}”不是整数。")
    return check_seeker_age(int(v))


# A date of birth as the forms and ID cards write it (session 14): a year of four digits with a month, or a month and
# a day, after a dot, dash, slash or 年, or run together ("198503", "19850312"). The age is counted by the year, as a
# birth year always was.
_BIRTH_DATE = re.compile(r"((?:19|20)\d\d)\s*(?:[./\-]\s*(\d{1,2})(?:\s*[./\-]\s*(\d{1,2}))?|年\s*(\d{1,2})\s*月"
                         r"(?:\s*(\d{1,2})\s*[日号])?|(\d\d)(\d\d)?)\s*(?:出生|生|的)?")


def birth_year(text: object) -> int | None:
    """The year of a date of birth ('1980.03' → 1980, '1985-3-12', '19850312', '1985年3月12日'); None when the text is
    no such date (a month above 12 or a day above 31 is no date)."""
    m = _BIRTH_DATE.fullmatch(normalise_text(text))
    if not m:
        return None
    month = m.group(2) or m.group(4) or m.group(6)
    day = m.group(3) or m.group(5) or m.group(7)
    if not (1 <= int(month) <= 12) or (day is not None and not 1 <= int(day) <= 31):
        return None
    return int(m.group(1))


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_number_birth_year(text: object) -> int:
    """The year of birth in a 公民身份号码 (18 characters with its check character, or the old 15 digits), for an age
    left empty beside it. ValueError (Chinese) when the number is malformed or its check character is wrong."""
    s = normalise_text(text).upper().replace(" ", "")
    if re.fullmatch(r"\d{15}", s):
        year, month, day = 1900 + int(s[6:8]), int(s[8:10]), int(s[10:12])
    elif re.fullmatch(r"\d{17}[\dX]", s):
        check = "10X98765432"[sum(int(c) * w for c, w in zip(s[:17], _ID_WEIGHTS, strict=True)) % 11]
        if s[17] != check:
            raise ValueError("身份证号码校验位不符，未用于推算年龄，请核实。")
        year, month, day = int(s[6:10]), int(s[10:12]), int(s[12:14])
    else:
        raise ValueError("身份证号码应为 18 位（或旧的 15 位），未用于推算年龄，请核实。")
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise ValueError("身份证号码中的出生日期不成立，未用于推算年龄，请核实。")
    return year


_ROUGH_NUMBER = re.compile(r"\d{1,2}(?!\d)|[一二两三四五六七八九十]{1,3}")
_NEIGHBOUR_DIGITS = re.compile(r"(?<!\d)(\d)(\d)\s*[、,/]?\s*(\d)(?!\d)")            # "45、6", "456" read as 45–46
_NEIGHBOUR_CN = re.compile(r"([一二三四五六七八九]?十)([一二三四五六七八])([二三四五六七八九])")  # "四十五六"
_NEAR_RANGE = re.compile(r"(?<!\d)(\d\d)\s*(?:-|~|到|至|、|或)\s*(\d\d)(?!\d)")


def rough_age(text: object) -> int | None:
    """The lowest age a seeker's rough age admits, or None when the words are no rough age: '四十多' → 41, '五十出头' →
    51, '50来岁' → 51, '快四十了' → 39, '40左右' → 40, '四十五六' → 45, '45、46岁' → 45, '80后' → the youngest born in
    the 1980s, '85后' → the youngest born 1985–1989. The lowest, because a posting's upper age bound is the one that
    binds (a rough age read high would shut postings the person may take); the import says so in its warning."""
    s = normalise_text(text).replace("周岁", "").replace("岁", "")
    year = reference_year()
    if (m := _NEIGHBOUR_DIGITS.search(s)) and int(m.group(3)) == int(m.group(2)) + 1:
        return int(m.group(1) + m.group(2))
    if (m := _NEIGHBOUR_CN.search(s)) and _CN_DIGITS[m.group(3)] == _CN_DIGITS[m.group(2)] + 1:
        return int(cn_number(m.group(1) + m.group(2)) or 0) or None
    if (m := _NEAR_RANGE.search(s)) and 0 < int(m.group(2)) - int(m.group(1)) <= 5:
        return int(m.group(1))
    if m := _DECADE_BORN.search(s):
        return _decade_years(m.group(1))[0]
    if m := _BORN_AFTER.search(s):
        return year - 1900 - (int(m.group(1)) // 10 * 10 + 9)
    m = _ROUGH_NUMBER.search(s)
    v = cn_number(m.group(0)) if m else None
    if m is None or v is None:
        return None
    before, after = s[:m.start()], s[m.end():]
    if re.search(r"快|将近|接近|不到|还差", before):
        return int(v) - 1
    if re.match(r"\s*(?:多|来|出头|几|好几)", after):
        return int(v) + 1 if v % 10 == 0 else int(v)
    if re.search(r"左右|上下|的样子|大概|大约|约|差不多|估计|应该", s):
        return int(v)
    return None


# ---------------------------------------------------------------------------------------------- education

EDUCATION_LEVELS = ("不限", "小学", "初中", "高中/中专", "大专", "本科", "硕士", "博士")
_EDU_WORDS = (
    (7, ("博士",)), (6, ("硕士", "研究生")), (5, ("本科", "学士")), (4, ("大专", "专科", "高职")), (5, ("大学", "大四")),
    # a university year in its students' words (session 27, emp-fix27: "大三在读"): 大专 at least; 大四 only in 本科
    (4, ("大一", "大二", "大三")),
    # "技工学校"/"技工院校" (session 26, emp-read26: "技工学校毕业(焊接加工,中级工班)" was unread): a 技校, the 中专 stage
    (3, ("高中", "中专", "中技", "职高", "技校", "技工学校", "技工院校", "中职", "高职高专以下")), (2, ("初中", "初三", "九年义务")),
    (1, ("小学",)), (0, ("不限", "无要求", "文盲", "没读过书", "没上过学", "学历不限", "不识字", "识字不多", "没文化", "半文盲", "无")),
)


_EDU_PREFERRED = re.compile(r"优先|更好|最好|为佳|者佳|加分")
_EDU_CLAUSES = re.compile(r"[，,；;。()（）]|或者")


# Session 32 (emp-read32, blind32 read): an education asked with a qualification as its alternative ("本科及以上或中级会计
# 职称（满足其一）", "大专及以上或电工三级（高级工）及以上证书"): either meets it (the blind32 writer's convention 5); the
# alternative is not read against the seeker's certificates, so the cell asks no level (unknown breaks nothing).
# Session 33 (fixcr33a): only a posting's requirement (`parse_required_education`) — a seeker's "大专，有电工证或焊工证"
# is 大专 —, and only an alternative right after a level ("…及以上或…"); a school paper or a school ("中专（有毕业证或
# 结业证）", "中专或技师学院") or a second level ("高中或中专以上学历持电工证") is no qualification
# Session 34 (fixcr34a): nor "或以上" (the level's "or above": "本科或以上教师资格证" asks 本科 and the card) nor 同等学力
# (an education of the level: "大专或同等学力证明" asks 大专)
_EDU_OR_QUALIFICATION = re.compile(
    r"(?:博士|硕士|研究生|本科|学士|大专|专科|高职|高中|中专|中技|职高|技校|中职|初中|小学)(?:学历)?(?:及以上|或以上|以上)?(?:学历|文凭)?"
    r"[，,]?或(?!以上)(?:者)?(?:持有?|具有|具备|取得)?"
    r"(?:(?!毕业|结业|学院|学校|学位|学历|同等|学力|博士|硕士|研究生|本科|大专|专科|高中|中专|初中|小学)[^，,；;。]){0,14}?"
    r"(?:职称|证书|证|等级|资格|技师(?!学院)|高级工|中级工)")


def parse_required_education(text: object) -> int:
    """A posting's education requirement: `parse_education`, but a level with a qualification as its alternative
    ("本科及以上或中级会计职称") asks no level (0)."""
    if _EDU_OR_QUALIFICATION.search(normalise_text(text)):
        return 0
    return parse_education(text)


def parse_education(text: object) -> int:
    """An education level 0..7 (see EDUCATION_LEVELS): '初中及以上' → 2, '中专' → 3, '不限'/'' → 0."""
    s = normalise_text(text)
    if not s:
        return 0
    # a level preferred is no requirement (session 14): "高中以上(在读大学生优先)" asks 高中, "初中以上，大专优先" 初中,
    # "大专以上优先" nothing
    if _EDU_PREFERRED.search(s):
        s = "，".join(c for c in _EDU_CLAUSES.split(s) if c and not _EDU_PREFERRED.search(c))
        if not s:
            return 0
    for level, words in _EDU_WORDS:
        if any(w in s for w in words):
            return level
    raise ValueError(f"无法识别的学历“{s[:20]}”：应为 小学、初中、高中/中专、大专、本科、硕士、博士 或 不限。")


# ---------------------------------------------------------------------------------------------- certificates

MID_LEVEL = "中级及以上等级"
# Session 21 (emp-read21, blind21 read): three years of driving, which the 网约车驾驶员证 requires (《网络预约出租汽车经营服务
# 管理暂行办法》第十四条) — a level, like MID_LEVEL, not a certificate: `RIDE_HAIL_YEARS` below
RIDE_HAIL_YEARS = "网约车证所需3年驾龄"
# and a post that charges the worker to start (`charges_worker`): asked of the seeker as a "certificate" nobody holds
CHARGES_WORKER = "岗位向劳动者收取押金或费用"
# Session 22 (emp-dev22): the worker's own vehicle and its terms, and a stated record, read by `vehicles.py` — levels
# like RIDE_HAIL_YEARS (no certificate one holds, never matched in text): each seeker holds every one but those their
# words rule out, a posting requires those it states. An e-bike the rider must bring; the kind of car a 带车 post asks
# (a car — sedan or 7-seater —, 5 seats, 7 seats, a van, a box truck); the car's age at most N years; no drink- or
# drug-driving or violent record (网约车/代驾/出租车); no record at all (a "无犯罪记录" line).
OWN_EBIKE = "自有电动车"
CAR_KINDS = ("自带车辆：轿车", "自带车辆：5座", "自带车辆：7座", "自带车辆：面包车", "自带车辆：厢式货车")
CAR_AGE_LIMITS = (3, 5, 6, 8, 10)
CAR_AGES = tuple(f"自带车辆：车龄{n}年以内" for n in CAR_AGE_LIMITS)
NO_DRIVING_RECORD = "无醉驾毒驾暴力犯罪记录"
NO_RECORD = "无犯罪记录"
VEHICLE_AND_RECORD = (OWN_EBIKE, *CAR_KINDS, *CAR_AGES, NO_DRIVING_RECORD, NO_RECORD)
# Session 23 (emp-read23, blind23 read): a farm machine's licence by kind, a drone pilot's paper by issuer (`CERTIFICATES`,
# the third word's bits 13–17)
TRACTOR_LICENCE = "拖拉机驾驶证（农机）"
HARVESTER_LICENCE = "联合收割机驾驶证（农机）"
DRONE_CAAC = "无人机执照（CAAC）"
DRONE_AOPA = "无人机合格证（AOPA/UTC）"
DRONE_MAKER = "无人机培训证（厂家）"
FARM_AND_DRONE = (TRACTOR_LICENCE, HARVESTER_LICENCE, DRONE_CAAC, DRONE_AOPA, DRONE_MAKER)
# the third word's bit 18: a cold store entered now and then (`cold_now_and_then`), a level like RIDE_HAIL_YEARS held by
# every seeker but one refusing the cold store (`cold_store_refused`); never matched in text, never shown
COLD_STORE_ENTRY = "可偶尔进冷库"
# the third word's bit 20 (session 23, emp-read23; session 22's leftover): a post asking the worker to bring an e-bike or
# a car ("自备电动车或小车") — either does; a level held by every seeker but one who says they have neither
# (`vehicles.seeker_lacks`)
EBIKE_OR_CAR = "自有电动车或小车"
# Session 24 (emp-read24, blind24 read): the third word's bits 21–36 — an age cap binding one sex ("男不超过60周岁、女不超过
# 55周岁": the women's 55 below the post's widest 60, `sex_age_caps`), a level held by every seeker but one of that sex
# older than the cap (`sex_cap_bits_held`); never matched in text, never shown. A cap between two levels takes the next
# level up (unknown breaks nothing), a cap above the last is no level of its own (the post's widest bound applies).
AGE_CAP_LEVELS = (40, 45, 50, 54, 55, 58, 59, 60)
SEX_AGE_CAPS = {(sex, cap): f"年龄上限（{sex}）{cap}周岁" for sex in ("男", "女") for cap in AGE_CAP_LEVELS}
# the third word's bit 37 (session 24): no one else of the household on a 公益性岗位 — a post writing "每户限1人" asks it,
# and every seeker holds it but one saying a household member already holds one (`household_on_public_post`)
HOUSEHOLD_FREE = "家中无人在公益性岗位"
# Session 25 (emp-read25, blind25 read): the third word's bits 38–52 — records (`records.py`). Levels like HOUSEHOLD_FREE:
# every seeker holds each but those their own record, as their row states it, rules out (a row silent on records holds
# them all); a posting requires those its own words set — the bar of a statute on the work it names (保安, 幼儿园, a unit
# in close contact with minors, a 娱乐场所, 会计/出纳, food management), a line it writes (无违法犯罪记录 / 政审, 无吸毒史 /
# 尿检, 无酒驾记录), the workplace or trade a seeker's 禁止令 or 从业禁止 names, and regular work out of the county a
# 社区矫正对象 may not leave. Never matched in text, never shown.
BAR_SECURITY = "保安员条件（无故意犯罪、强制隔离戒毒、三次以上行政拘留）"
BAR_KINDERGARTEN = "幼儿园从业条件（无虐待、性侵害、暴力伤害、吸毒、赌博等记录）"
BAR_MINORS = "密切接触未成年人条件（无性侵害、虐待、拐卖、暴力伤害记录）"
BAR_ENTERTAINMENT = "娱乐场所从业条件（《娱乐场所管理条例》第五条）"
BAR_ACCOUNTING = "会计工作条件（无与会计职务有关的犯罪）"
BAR_FOOD_MANAGEMENT = "食品生产经营管理条件（无食品安全犯罪）"
NO_OFFENCE_RECORD = "无违法记录（行政拘留、戒毒措施）"
NO_DRUG_RECORD = "无吸毒记录"
NO_DRINK_DRIVING = "无酒驾醉驾记录"
NOT_BANNED_ENTERTAINMENT = "未被禁止进入娱乐场所"
NOT_BANNED_NETBAR = "未被禁止进入网吧"
NOT_BANNED_SCHOOL = "未被禁止进入中小学校、幼儿园"
NOT_BANNED_FOOD = "未被禁止从事食品生产经营"
NOT_BANNED_DRUGS = "未被禁止从事药品生产经营"
FREE_TO_TRAVEL = "可经常离开本县"
RECORD_LEVELS = (BAR_SECURITY, BAR_KINDERGARTEN, BAR_MINORS, BAR_ENTERTAINMENT, BAR_ACCOUNTING, BAR_FOOD_MANAGEMENT,
                 NO_OFFENCE_RECORD, NO_DRUG_RECORD, NO_DRINK_DRIVING, NOT_BANNED_ENTERTAINMENT, NOT_BANNED_NETBAR,
                 NOT_BANNED_SCHOOL, NOT_BANNED_FOOD, NOT_BANNED_DRUGS, FREE_TO_TRAVEL)
# and bit 53: a motorcycle licence (D/E/F), no car licence — "摩托车驾驶证（D证）" was read as a bare 驾驶证, a C1
MOTORCYCLE_LICENCE = "摩托车驾驶证"
# Session 26 (emp-read26, blind26 read): the third word's bits 54–55 — what a 未成年工 may not do (`minors.py`): the
# workplace (《未成年人保护法》第六十一条第二款: 娱乐场所, 酒吧, 网吧) and the work (《未成年工特殊保护规定》第三条) a posting's
# own words name. Held by every seeker but one whose age is stated below 18; never matched in text, never shown.
ADULT_PLACE = "已成年（娱乐场所、酒吧、网吧不得招用未成年人）"
ADULT_WORK = "已成年（未成年工禁忌作业）"
# and bits 56–57: a 职业学校 student's 岗位实习 (《职业学校学生实习管理规定》 第十六条, 第十八条; `minors.py`) — held by every
# seeker but a 中职/技校 在校生 who seeks 实习 (the first) and any such 在校生 (the second); a posting requires the first
# where its own words state what the 规定 bars in a student's 实习, the second where it also calls its hire 实习.
NOT_INTERN_SEEKER = "非职业学校学生岗位实习（《职业学校学生实习管理规定》）"
NOT_VOCATIONAL_STUDENT = "非职业学校在校生（实习岗位）"
MINOR_LEVELS = (ADULT_PLACE, ADULT_WORK, NOT_INTERN_SEEKER, NOT_VOCATIONAL_STUDENT)
# Session 27 (emp-fix27): evening work to 22:00, a level no seeker kept to day work holds (`day_work_only`, `evening_to_ten`)
EVENING_TO_TEN = "晚间班（到22点）"
# Session 27 (emp-read27, blind27 read): the third word's bits 59–60 (`pensions.py`) — a labour contract, which neither a
# worker drawing a 职工 pension nor one past the statutory retirement age signs (a posting writing "退休人员勿扰", "须签订
# 劳动合同", 劳务派遣 asks it), and a pensioner's post ("只招已退休人员", "需提供退休证"), held only by a stated pension.
# Never matched in text, never shown.
LABOUR_CONTRACT = "可签劳动合同（未退休、未超法定退休年龄）"
PENSIONER = "已退休（领取职工养老金）"
PENSION_LEVELS = (LABOUR_CONTRACT, PENSIONER)
# emp-mend27 (blind27's readings left): the third word's bits 61–62, never matched in text.
# - A certificate with an issue age that the employer has the worker sit ("叉车证可公司送考", "公司出钱送考") is optional only
#   for one who may still sit it: a 特种设备作业人员证 (叉车 N1, 特种设备焊工) is issued from 18 to 60 (TSG Z6001-2019
#   《特种设备作业人员考核规则》), a 特种作业操作证 (电工, 焊工, 高处) to one not past the statutory retirement age (《特种作业
#   人员安全技术培训考核管理规定》 第四条; read at 60 here). Every seeker holds `CERT_SITTABLE` but one over 60 holding none
#   of `AGE_LIMITED_CERTS`; such a posting requires it in the certificate's place (`sat_through_employer`).
# - A seeker who must sleep at home ("晚上要回家睡") takes an evening that ends by 23:00 and no work through the night, 值夜
#   or 24小时 (the blind27 writer's convention 7): every seeker holds `NIGHTS_AWAY` but one saying so (`sleeps_at_home`);
#   a posting whose night is more than an evening to 23:00 requires it (`overnight`).
CERT_SITTABLE = "可考取有发证年龄的证书（60周岁以下或已持证）"
NIGHTS_AWAY = "可夜间在外（通宵、值夜）"
SIT_AGE_MAX = 60
VEHICLE_LEVELS = (*VEHICLE_AND_RECORD, EBIKE_OR_CAR)      # every level held unless the seeker's words rule it out
# Session 22 (emp-read22, blind22 read): the electrician's certificate of each issuer (`CERTIFICATES`, bits 24–25)
ELECTRICIAN_SAFETY = "电工作业证（应急管理）"
ELECTRICIAN_BUILDING = "建筑电工证（住建）"

# The kinds of 专项职业能力证书 a county's training desks issue (session 20), each a name of its own (`CERTIFICATES`) and the
# words that name it in the certificate's bracket or before 专项 ("专项职业能力证书（电商直播）", "中式面点专项能力证")
SPECIAL_KIND_WORDS: dict[str, tuple[str, ...]] = {
    "专项（电商直播）": ("电商直播", "直播销售", "直播带货", "网络直播", "直播"),
    "专项（电子商务）": ("电子商务", "农村电商", "网店运营", "电商运营", "网店", "电商"),
    "专项（中式面点）": ("中式面点", "面点", "包点", "点心", "糕点"),
    "专项（中式烹调）": ("中式烹调", "特色菜", "烹饪", "烹调", "厨师", "米粉制作", "螺蛳粉"),
    "专项（茶艺）": ("茶艺", "制茶", "茶叶加工"),
    "专项（水产品加工）": ("水产品加工", "海产品加工", "海鲜加工", "水产加工"),
    "专项（家政服务）": ("家政服务", "家务服务", "家政", "保洁"),
    "专项（养老护理）": ("养老护理", "老年照护", "养老照护", "失能照护"),
    "专项（母婴护理）": ("母婴护理", "产后护理", "月嫂"),
    "专项（育婴）": ("婴幼儿照护", "育婴", "托育"),
    "专项（美容美发）": ("美容", "美发", "美甲", "美睫", "化妆"),
    "专项（手工编织）": ("手工编织", "竹编", "藤编", "草编", "编织", "刺绣", "绣"),
    "专项（种植养殖）": ("果树修剪", "嫁接", "种植", "养殖"),
    "专项（农机操作）": ("农业机械", "农机", "无人机", "植保"),
}
SPECIAL_KINDS = tuple(SPECIAL_KIND_WORDS)
_SPECIAL_KIND_PATTERNS = sorted(((w, k) for k, words in SPECIAL_KIND_WORDS.items() for w in words), key=lambda p: -len(p[0]))
SPECIAL = "专项职业能力证书"
# 美容美发证 (session 20): the salon trades' certificate written as one — a seeker holding it holds 美容师证 and 美发师证; a
# posting asking for it asks for one of the two (both preferred, as any "A或B" of `parse_required_certificates`)
_BEAUTY_AND_HAIR = re.compile(r"美容美发(?:师)?(?:资格|上岗|职业)?(?:证书|证)")
_BEAUTY_AND_HAIR_MARK = "美容美发证"


# Session 30 (emp-bits30): the fourth word (`CERT_WORDS`), the certificates and licences blind29's and blind30's readers
# left for want of a bit.
# - a care trade's training card (the card of a 人社/妇联 补贴培训 course, no 职业技能等级): "养老护理员证或培训结业证均可"
#   asks one of two, so the post requires the card (`TRAINING_CARDS`) and the trade's certificate holds it too
#   (`_HOLDS_TOO`), as a higher licence holds a lower one; a post asking the trade's certificate alone is not met by it.
# - hospitality and tourism's licences (the blind30 writer's convention 1): the 救生员 国家职业资格证书 (体育总局; its
#   validity is the lapsed reading's, `lapsed_certificates`), the 导游资格证 (the exam passed) below the 导游证 (the card
#   an agency applies for: it holds the 资格证), the 道路旅客运输 从业资格证 (not the 货运 one), the 特种设备作业人员证 of the
#   观光车 (N2, not the 叉车's N1), the 海事 crew card by 航区 (内河, 海船: each meets a post naming none, "船员证", and a
#   seeker naming none holds both, `_ISSUER_UNKNOWN`), the 游艇 operator's card (a 驾驶证 that is no car's: "游艇驾驶证"
#   was read as a bare 驾驶证, C1), the 西式 cook's and baker's 职业技能等级证书 (not the 中式 ones: "西式面点师证" was read
#   as 面点师证), the 咖啡师 and the 调酒师.
# - `HEALTH_CARD_OBTAINABLE`: held by every seeker but one who says a 健康证 cannot be had ("医院说办不了健康证"), required
#   by a post that names the 健康证 at all — had now or got after joining alike (`health_card_refused`).
CARE_TRAINING = "养老护理培训证"
INFANT_TRAINING = "育婴培训证"
HOUSEHOLD_TRAINING = "家政培训证"
LIFEGUARD = "救生员证"
GUIDE_QUALIFIED = "导游资格证"
PASSENGER_TRANSPORT = "道路客运从业资格证"
SIGHTSEEING_CAR = "观光车司机证（N2）"
INLAND_CREW = "内河船员证"
SEA_CREW = "海船船员证"
YACHT = "游艇驾驶证"
WESTERN_PASTRY = "西式面点师证"
WESTERN_COOK = "西式烹调师证"
BARISTA = "咖啡师证"
BARTENDER = "调酒师证"
HEALTH_CARD_OBTAINABLE = "可办健康证"
# Session 31 (emp-window31): held by every seeker but one who takes only a post stating its period ("只找写明寒假期间的
# 短期工，长期的不去": `seasons.only_stated_period`), required by a post silent on its term (`seasons.states_period`)
PERIOD_UNSTATED_OK = "可做未写期限的岗位"
FOREIGN_GUIDE = "外语导游证"
FOURTH_WORD: dict[str, tuple[str, ...]] = {
    CARE_TRAINING: ("养老护理员培训结业证", "养老护理员培训合格证", "养老护理培训结业证", "养老护理培训合格证", "养老护理员培训证",
                    "养老护理培训证", "医疗护理员培训合格证", "医疗护理员培训结业证", "医疗护理员培训证", "护理员培训结业证",
                    "护理员培训合格证", "护理员培训证", "护工培训结业证", "护工培训合格证", "护工培训证"),
    INFANT_TRAINING: ("育婴员培训结业证", "育婴员培训合格证", "育婴师培训结业证", "育婴师培训合格证", "育婴培训结业证", "育婴培训合格证",
                      "育婴员培训证", "育婴培训证", "育儿嫂培训证"),
    HOUSEHOLD_TRAINING: ("家政服务员培训结业证", "家政服务员培训合格证", "家政服务培训结业证", "家政培训结业证", "家政培训合格证",
                         "家政服务员培训证", "家政服务培训证", "家政培训证"),
    LIFEGUARD: ("游泳救生员国家职业资格证书", "救生员国家职业资格证书", "游泳救生员证", "救生员资格证", "救生员证", "救生证"),
    GUIDE_QUALIFIED: ("导游人员资格证书", "导游人员资格证", "导游员资格证", "导游资格证书", "导游资格证"),
    PASSENGER_TRANSPORT: ("道路运输从业资格证(旅客运输)", "道路运输从业资格证(客运)", "道路旅客运输从业资格证", "旅客运输从业资格证",
                          "道路客运从业资格证", "客运从业资格证", "客运资格证"),
    SIGHTSEEING_CAR: ("观光车和观光列车司机证", "观光车司机证(N2)", "观光车司机证", "观光车驾驶证", "观光车操作证", "观光车证",
                      "N2证", "N2"),
    INLAND_CREW: ("内河船舶船员适任证书", "内河船舶船员适任证", "内河船员适任证书", "内河船员适任证", "内河船舶船员证", "内河适任证书",
                  "内河船员证"),
    SEA_CREW: ("海船船员适任证书", "海船船员适任证", "海船适任证书", "海船船员证"),     # not the 海员证, a passport
    YACHT: ("游艇操作人员适任证书", "游艇操作人员证书", "游艇驾驶证", "游艇驾照", "游艇操作证", "游艇证"),
    WESTERN_PASTRY: ("西式面点师证", "西式面点证", "西点师证", "西点证"),
    WESTERN_COOK: ("西式烹调师证", "西式烹调证", "西餐厨师证", "西餐证", "西厨证"),
    BARISTA: ("咖啡师资格证", "咖啡师证", "咖啡证"),
    BARTENDER: ("调酒师资格证", "调酒师证", "调酒证"),
    HEALTH_CARD_OBTAINABLE: (),
    # a 导游证 of a foreign language (the exam's 外语类): named so, or a 导游证 held whose item names the language
    # (`_FOREIGN_GUIDE_LANGUAGE`); a 导游证 naming none, or 中文, is no 外语 one
    FOREIGN_GUIDE: ("外语导游证", "英语导游证", "日语导游证", "韩语导游证", "越南语导游证", "泰语导游证", "俄语导游证", "法语导游证"),
    PERIOD_UNSTATED_OK: (),
}
# Session 32 (emp-read32, blind32 read): licences by 项目 that a post names and a neighbouring card does not meet (the
# blind32 writer's conventions 3 and 4): the 特种作业 高压电工作业 (a 低压 card does not meet it; a card naming no 项目 —
# "电工作业证", "特种作业操作证（电工）", "电工证" — may be it and holds it, unknown breaks nothing), and the 特种设备作业人员证's
# R1 快开门式压力容器操作 (TSG Z6001-2019: each 项目 meets only its own; the G1 工业锅炉司炉 waits for a bit — measured, it
# moved nothing the R1 had not). Two bits below the employer's kinds at the fourth word's top (`TOP_OF_FOURTH_WORD`), so a
# branch appending from the low free bits up (bits 53–54) takes no same bit.
HIGH_VOLTAGE = "高压电工作业证（应急管理）"
PRESSURE_VESSEL_R1 = "快开门式压力容器操作证（R1）"
SESSION32_LICENCES: dict[str, tuple[str, ...]] = {
    # its own stored name first: "电工作业证(应急管理)" inside it is longer than "高压电工作业证"
    HIGH_VOLTAGE: ("高压电工作业证(应急管理)", "高压电工作业操作证", "高压电工作业证", "高压电工操作证", "高压电工证", "高压电工"),
    PRESSURE_VESSEL_R1: ("快开门式压力容器操作证", "快开门式压力容器操作", "压力容器操作证", "压力容器操作", "R1证"),
}
# Session 33 (emp-left33, blind32's leftovers): four more licences by 项目, taken by position (the fourth word's bits
# 53–54, then the fifth word's bits 0–1). The 低压电工作业 card is its own 项目 (the blind32 writer's convention 3: a 高压
# card alone does not meet a 低压 post, nor a 低压 card a 高压 one; a card naming no 项目 may be any and holds each,
# `held_certificates`), and the 特种设备作业人员证's G1 工业锅炉司炉 and Q2 起重机司机 (TSG Z6001-2019, convention 4: each
# meets only its own 项目; not the 住建 塔式起重机司机证, a building trade's card of another issuer, nor an N1 叉车).
LOW_VOLTAGE = "低压电工作业证（应急管理）"
EXPLOSION_PROOF = "防爆电气作业证（应急管理）"
BOILER_G1 = "工业锅炉司炉证（G1）"
CRANE_Q2 = "起重机司机证（Q2）"
SESSION33_LICENCES: dict[str, tuple[str, ...]] = {
    # its own stored name first, as the 高压 card's: "电工作业证(应急管理)" inside it is shorter
    LOW_VOLTAGE: ("低压电工作业证(应急管理)", "低压电工作业操作证", "低压电工作业证", "低压电工操作证", "低压电工证", "低压电工"),
    BOILER_G1: ("工业锅炉司炉证(G1)", "G1工业锅炉司炉证", "G1工业锅炉司炉", "工业锅炉司炉证", "工业锅炉司炉", "锅炉司炉证",
                "锅炉司炉操作证", "锅炉操作证", "司炉证", "司炉工证", "锅炉证", "G1证"),
    # the 特种作业 防爆电气作业, a third electrical 项目 (convention 3): neither a 低压 nor a 高压 card meets it
    EXPLOSION_PROOF: ("防爆电气作业证(应急管理)", "防爆电气作业操作证", "防爆电气作业证", "防爆电气操作证", "防爆电工证",
                      "防爆电气证"),
    CRANE_Q2: ("起重机司机证(Q2)", "Q2起重机司机证", "Q2起重机司机", "桥式起重机司机证", "门式起重机司机证", "起重机司机证",
               "起重机司机", "起重机操作证", "行车操作证", "行车司机证", "行车证", "天车证", "Q2证"),
}
# Session 33 (emp-read33, blind33 read): a doctor's licences by 级别 (《医师法》 第十三条: practising needs the 医师执业证书;
# an 执业医师 may take a post asking an 执业助理医师, not the reverse), the 乡村医生执业证书 (《乡村医生从业管理条例》: a 村卫生室's
# licence, which an 执业(助理)医师 holds too) and the 中医(专长)医师 certificate (limited to its 专长: no 执业医师's). Four
# bits at the fifth word's top (`TOP_OF_FIFTH_WORD`, 62 down). The 类别 (临床, 中医, 口腔, 公卫) and the 执业范围 are not read.
PHYSICIAN = "医师执业证书"
ASSISTANT_PHYSICIAN = "执业助理医师证书"
VILLAGE_DOCTOR = "乡村医生执业证书"
TCM_SPECIALTY_DOCTOR = "中医（专长）医师证书"
# Session 34 (emp-read34, blind34 read): a start before 春节, held by every seeker but one who goes only after it ("年后才走",
# "过完年再出去", "正月十五以后"), required by a posting that must be joined before it ("年前急招", "12月内到岗",
# "12月15日前到岗", "春节前上岗"): `seeker_starts_after_spring`, `posting_starts_before_spring`. At the fifth word's top
# (`TOP_OF_FIFTH_WORD`, 58), below the doctors' licences.
START_BEFORE_SPRING_OK = "可年前到岗"
# … and a room for a couple: held by every seeker but one who asks for it as a condition ("要夫妻房", "必须安排夫妻房"; not
# "最好有夫妻房", a wish), required by a posting that has none or takes no couples ("无夫妻房", "没有夫妻房", "不招夫妻")
# (`seeker_needs_couple_room`, `posting_has_no_couple_room`): bit 57
NO_COUPLE_ROOM_OK = "可住无夫妻房的宿舍"
SESSION34_TERMS: dict[str, tuple[str, ...]] = {START_BEFORE_SPRING_OK: (), NO_COUPLE_ROOM_OK: ()}
# Session 35 (emp-read35, blind35 read): selling work, held by every seeker but one who refuses it ("不做销售"), required by a
# post whose work is selling; and a 就业见习 place, held but by a seeker out of the 见习 rule (once a trainee, refusing it,
# over 24 and left school more than two years ago), required by a 见习 post (`graduates`): the fifth word's bits 56, 55
SELLING_OK = "可做销售岗"
TRAINEESHIP_OK = "可参加就业见习"
# … and the 学位 (a degree conferred beside the 学历), held but by a row saying it was not conferred, required by a post
# asking it ("须取得学士学位"): bit 54
DEGREE_OK = "学士学位"
SESSION35_GRADUATES: dict[str, tuple[str, ...]] = {SELLING_OK: (), TRAINEESHIP_OK: (), DEGREE_OK: ()}
# Session 34 (emp-left34): the 执业药师's licence — a 职业资格 of its own (《执业药师职业资格制度规定》, 国药监人〔2019〕12号),
# which a 药店 must have to 审核处方 (《药品经营质量管理规范》) — is not the 卫生专业技术资格 药士/药师/主管药师 (a hospital
# 药剂科's 职称, `HEALTH_TECH_TITLES`): a post asking 执业药师 is not met by "药师（初级职称）", nor one asking the 职称 by the
# licence. Its 资格 passed and not registered is held as the doctors' is (`held_certificates`); the 类别 (药学, 中药学) is
# not read. The fifth word's next free bit by position (bit 2) …
LICENSED_PHARMACIST = "执业药师注册证书"
# … and a start after 春节 stated by the posting ("年后开工", "春节后到岗", "正月十六开工"; `term_conditions`' AFTER_SPRING),
# which it prefers and which a seeker who goes only after 春节 holds (`seeker_starts_after_spring`): a small lift in the
# score for such a pair (`weights["pref"]`, as `HOUSED_FIT`), nothing for anyone else. Never matched in text (bit 3).
AFTER_SPRING_FIT = "年后才能到岗"
SESSION34_LEFT: dict[str, tuple[str, ...]] = {
    LICENSED_PHARMACIST: ("执业药师注册证书", "执业药师注册证", "执业药师职业资格证书", "执业药师职业资格证", "执业药师资格证书",
                          "执业药师资格证", "执业药师证书", "执业药师证", "执业中药师", "执业西药师", "执业药师"),
    AFTER_SPRING_FIT: (),
}
# Session 35 (emp-left35): what session 34 left of the nurses' and pharmacists' ladders, read as `civil`'s levels (never
# matched in text): the 护理 职称 a post asks as its condition ("护师及以上", "须持主管护师资格": 护师 < 主管护师, held only
# where the seeker states the 职称 — a 护士执业证书 is no 护师; blind33's convention 6), the 执业药师's 类别 (药学 or 中药学,
# 《执业药师职业资格制度规定》: a 药学 licence does not meet "执业中药师", nor the reverse; blind33's convention 7; a licence
# naming no 类别 holds both: unknown breaks nothing), and a couple who go only together against a posting that takes no
# couples ("必须跟老公一起" × "不招夫妻": blind34's convention 3). The fifth word's next free bits by position (4–8).
NURSE_TITLES = ("护师（卫生专业技术资格）", "主管护师（卫生专业技术资格）")
PHARMACIST_CATEGORIES = ("执业药师（药学类别）", "执业药师（中药学类别）")
COUPLES_APART_OK = "可不与配偶同厂"
SESSION35_LEFT: dict[str, tuple[str, ...]] = {**{name: () for name in (*NURSE_TITLES, *PHARMACIST_CATEGORIES)},
                                              COUPLES_APART_OK: ()}
# Session 36 (emp-left36): what session 35 left, the fifth word's next free bits by position (9–25):
# - the 主管 (中级) level of the 药学 and 检验 ladders (`HEALTH_TECH_TITLES` holds the 士 and 师): asked as the 护理 ladder's
#   (`civil`: "主管药师及以上", the title alone in the certificates column), held only where the seeker states it (or a
#   higher one, 副主任/主任); never matched in text
HEALTH_TECH_SENIOR = ("主管药师（卫生专业技术资格）", "主管检验师（卫生专业技术资格）")
# - the 届 a posting is limited to ("限2026届毕业生", "2025届、2026届均可"): one bit a 届 of `GRADUATION_CLASSES` that a
#   seeker holds unless that 届 is their own ("not of 届 Y"), so that a post taking 届 A asks every bit of the 届 not in A
#   and a seeker of another 届 lacks its own (`graduates.class_bits`); the first and the last stand for the years beyond
#   them. A seeker stating no 届 holds all: unknown breaks nothing
GRADUATION_CLASSES = tuple(range(2020, 2029))
NOT_OF_CLASS = tuple(f"非{y}届毕业生" for y in GRADUATION_CLASSES)
# - a post that pays no social insurance ("不交社保", "试用期不买社保") against a seeker who must have it ("必须五险一金"), and a
#   post whose work is on a building site against a seeker who will not go to one ("不跑工地"): held by everyone else
INSURANCE_OPTIONAL = "可接受不缴社保"
SITE_OK = "可去工地"
# - three certificates: the 放射工作人员证 (《放射工作人员职业健康管理办法》), the 住院医师规范化培训合格证书 (规培证) and the
#   法律职业资格证书, whose A class (全国适用) a post may ask above the C (a 放宽地区's): `LAW_QUALIFICATION_A` is a level
#   (`civil`), held by every seeker but one whose certificate says C
RADIATION_WORKER = "放射工作人员证"
RESIDENCY_TRAINED = "住院医师规范化培训合格证书"
LAW_QUALIFICATION = "法律职业资格证书"
LAW_QUALIFICATION_A = "法律职业资格证书（A类）"
SESSION36_LEFT: dict[str, tuple[str, ...]] = {
    **{name: () for name in (*HEALTH_TECH_SENIOR, *NOT_OF_CLASS)},
    INSURANCE_OPTIONAL: (),
    SITE_OK: (),
    RADIATION_WORKER: ("放射工作人员证", "放射工作人员培训合格证", "放射工作人员上岗证", "放射人员工作证", "放射工作许可证",
                       "放射工作证"),
    RESIDENCY_TRAINED: ("住院医师规范化培训合格证书", "住院医师规范化培训合格证", "住院医师规范化培训结业证", "住院医师规培合格证",
                        "住院医师规培证", "住培合格证", "规培合格证书", "规培合格证", "规培结业证", "规培证书", "规培证"),
    LAW_QUALIFICATION: ("法律职业资格证书", "法律职业资格证", "法律职业资格", "司法考试资格证书", "司法考试资格证", "司法资格证",
                        "法考证书", "法考证", "法考A证", "法考C证", "通过法考", "通过司法考试"),
    LAW_QUALIFICATION_A: (),
}
SESSION33_DOCTORS: dict[str, tuple[str, ...]] = {
    # the 专长 certificate first: "医师资格证书" inside "中医(专长)医师资格证书" is no 执业医师's
    TCM_SPECIALTY_DOCTOR: ("中医(专长)医师资格证书", "中医(专长)医师证书", "中医(专长)医师", "中医专长医师资格证书",
                           "中医专长医师证书", "中医专长医师", "确有专长医师"),
    ASSISTANT_PHYSICIAN: ("执业助理医师资格证书", "执业助理医师证书", "执业助理医师证", "执业助理医师资格", "执业助理医师",
                          "助理医师执业证书", "执业(助理)医师证书", "执业(助理)医师", "助理医师资格证", "助理执业医师"),
    PHYSICIAN: ("医师执业证书", "医师执业证", "执业医师资格证书", "执业医师证书", "执业医师证", "执业医师资格", "执业医师",
                "医师资格证书", "医师资格证"),
    VILLAGE_DOCTOR: ("乡村医生执业证书", "乡村医生执业证", "乡村医生证", "村医证"),
}
# a care trade's certificate and the training card a post may take in its place (`CARE_TRADE_CERTS`)
TRAINING_CARDS = {"养老护理员证": CARE_TRAINING, "育婴员证": INFANT_TRAINING, "家政服务员证": HOUSEHOLD_TRAINING}
# a certificate that holds another, for matching only (`held_certificates`; what is stored keeps to what was written):
# a trade's certificate its training card, the 导游证 the 导游资格证 it was applied for with
_HOLDS_TOO = {**{cert: (card,) for cert, card in TRAINING_CARDS.items()}, "导游证": (GUIDE_QUALIFIED,),
              FOREIGN_GUIDE: ("导游证", GUIDE_QUALIFIED)}
_FOREIGN_GUIDE_LANGUAGE = re.compile(r"外语|英语|日语|韩语|越南语|泰语|俄语|法语|德语|西班牙语")
# the 特种设备作业人员证 of the 场(厂)内专用机动车辆 written with the 观光车's code or name: the 观光车's, not the 叉车's
_SITE_VEHICLE_N2 = re.compile(r"场\(?厂?\)?内(?:专用)?机动车辆(?:作业|司机)?(?:人员)?(?:证书|证)\s*\([^)]*?(?:N2|观光)[^)]*\)")


# Session 31 (emp-read31, blind31 read): the conditions of public-sector hiring notices (`civil.py`) — 政治面貌 (a 中共党员,
# a 正式党员, a 党员 or 共青团员), a 全日制 degree and a 户籍 within the county — levels every seeker holds but one whose own
# words rule them out, asked where a notice writes them; never matched in text, never shown.
PARTY_MEMBER = "中共党员（含预备党员）"
FULL_PARTY_MEMBER = "中共正式党员"
PARTY_OR_LEAGUE = "中共党员或共青团员"
FULL_TIME_DEGREE = "全日制学历"
LOCAL_HUKOU = "户籍在居住地所在县"
# a 教师资格证's 学段 (《教师资格条例》 第五条: 高级中学 → 初级中学 → 小学; 幼儿园 only by name) and its 任教学科
TEACHER_STAGES = ("幼儿园教师资格（学段）", "小学教师资格（学段）", "初级中学教师资格（学段）", "高级中学教师资格（学段）")
TEACHER_SUBJECTS = tuple(f"教师资格任教学科：{s}" for s in ("语文", "数学", "英语", "体育", "音乐", "美术", "政治", "物理", "化学",
                                                       "生物", "历史", "地理"))
# a 普通话水平测试 grade at or above (三级乙等 … 一级甲等: the four a notice asks) and a 全国计算机等级考试 level at or above
MANDARIN_GRADES = ("普通话二级乙等及以上", "普通话二级甲等及以上", "普通话一级乙等及以上", "普通话一级甲等")
COMPUTER_LEVELS = ("全国计算机等级考试二级及以上", "全国计算机等级考试三级及以上")
# a naked-eye figure at or above (the five-point 对数视力表: 4.6 … 5.0), where a notice and a seeker both write figures
NAKED_EYE_FIGURES = (4.6, 4.7, 4.8, 4.9, 5.0)
NAKED_EYE_LEVELS = tuple(f"裸眼视力{f}及以上" for f in NAKED_EYE_FIGURES)
# a 卫生专业技术资格 (the 初级 士 and 师 of 药学 and 临床医学检验技术): held only where stated, as a certificate
HEALTH_TECH_TITLES = ("药士（卫生专业技术资格）", "药师（卫生专业技术资格）", "检验士（卫生专业技术资格）", "检验师（卫生专业技术资格）")
CIVIL_LEVELS = (PARTY_MEMBER, FULL_PARTY_MEMBER, PARTY_OR_LEAGUE, FULL_TIME_DEGREE, LOCAL_HUKOU, *TEACHER_STAGES,
                *TEACHER_SUBJECTS, *MANDARIN_GRADES, *COMPUTER_LEVELS, *NAKED_EYE_LEVELS, *HEALTH_TECH_TITLES)


# canonical name → synonyms (longest first when matching); order fixes the bit of each certificate.
CERTIFICATES: dict[str, tuple[str, ...]] = {
    # (session 22, emp-read22: the 应急管理 electrician's names — 低压/高压电工作业证 — are a certificate of their own since,
    # `ELECTRICIAN_SAFETY` below; "电工证" with no issuer stays here, met by either electrician's certificate)
    "电工证": ("电工作业证", "电工操作证", "电工上岗证", "电工证"),
    "焊工证": ("熔化焊接与热切割作业证", "焊接与热切割作业证", "焊工作业证", "焊工证", "电焊证", "焊工操作证", "电焊工证",
            # Session 32 (emp-read32, blind32 read): the 特种作业操作证's own words, its 作业类别 with 操作证 ("熔化焊接与热切割
            # 作业操作证", "焊接作业操作证") or in the card's bracket ("特种作业操作证（熔化焊接与热切割作业，2024年已复审）")
            "熔化焊接与热切割作业操作证", "焊接与热切割作业操作证", "焊接作业操作证", "熔化焊接与热切割作业"),
    "C1": ("C1驾驶证", "C1驾照", "C1证", "C1牌", "小车驾照", "小车驾驶证", "小车牌", "C1", "C照"),
    "C2": ("C2驾驶证", "C2驾照", "C2", "自动挡驾照"),
    "B2": ("B2驾驶证", "B2驾照", "B2", "货车驾照", "大货车驾照"),
    "A2": ("A2驾驶证", "A2驾照", "A2", "牵引车驾照"),
    "A1": ("A1驾驶证", "A1驾照", "A1", "大客车驾照"),
    "叉车证": ("场(厂)内专用机动车辆作业证", "场内专用机动车辆作业证", "叉车操作证", "叉车司机证", "叉车证", "N1证", "叉车作业证",
            # session 18: N1, the code of 叉车司机 on the 特种设备作业人员证 ("叉车司机（N1）", "N1叉车证")
            "N1"),
    "健康证": ("食品从业人员健康证", "健康证明", "健康证"),
    "高处作业证": ("高处作业证", "登高作业证", "登高证", "高空作业证", "高处作业操作证"),
    "厨师证": ("中式烹调师证", "厨师证", "烹调师证", "厨师等级证", "厨师资格证", "中式烹调师"),
    "育婴员证": ("育婴员证", "育婴师证", "育婴证"),
    "养老护理员证": ("养老护理员证", "护理员证", "护工证", "养老护理证", "养老护理师证", "养老护理资格证"),
    "母婴护理证": ("母婴护理员证", "母婴护理证", "月嫂证", "母婴护理师证", "母婴保健证", "产后护理证",
              # Session 29 (emp-read29, blind29 read): the card of a 母婴护理 training course (a 妇联/人社 补贴培训's
              # 结业证 or 合格证) is the card this name stands for when it names no grade — a 母婴护理 certificate is not a
              # 职业技能等级 of its own (the writer's convention 1); "母婴护理证书" asks for it
              "母婴护理培训结业证", "母婴护理培训合格证", "母婴护理培训证", "月嫂培训结业证", "月嫂培训合格证", "月嫂培训证"),
    "保安员证": ("保安员证", "保安证"),
    "教师资格证": ("教师资格证", "幼师资格证", "教师证"),
    "会计证": ("初级会计职称", "初级会计", "会计证", "会计从业资格证", "中级会计"),
    "护士资格证": ("护士执业证", "护士资格证", "护士证"),
    "导游证": ("导游证",),
    "船员证": ("船员证", "渔业船员证", "水手证"),
    "无人机驾驶证": ("无人机驾驶员执照", "无人机驾驶证", "无人机执照", "飞手证",
               # session 23 (emp-read23): "有无人机操作证" names no issuer — met by each of the three below
               "无人机操作证"),
    # appended (session 7), so the bits above keep their values: a school-bus or minibus posting asks for B1
    # ("B1及以上驾照"), a city bus for A3
    "B1": ("B1驾驶证", "B1驾照", "B1", "中型客车驾照"),
    "A3": ("A3驾驶证", "A3驾照", "A3", "城市公交车驾照"),
    # appended (session 18), bits 23–26: trades a training desk certifies that a county's postings ask for by name —
    # 保育员 (not 育婴员: a 幼儿园's post), 中式面点师 (not 中式烹调师), the 拖拉机和联合收割机驾驶证 of the 农机 office (not a
    # road licence: "拖拉机驾驶证" was read as a bare 驾驶证, C1) and the excavator's 操作证
    "保育员证": ("保育员证", "保育师证", "保育证"),
    "面点师证": ("中式面点师证", "面点师证"),
    # (session 23, emp-read23: the 拖拉机 and the 联合收割机 licence are two certificates since, `TRACTOR_LICENCE` and
    # `HARVESTER_LICENCE` below; a 农机 licence naming neither stays here, met by either)
    "农机驾驶证": ("拖拉机和联合收割机驾驶证", "拖拉机/联合收割机驾驶证", "农业机械驾驶证", "农机驾驶证", "农机驾照"),
    "挖掘机操作证": ("挖掘机操作证", "挖掘机驾驶证", "挖掘机上岗证", "挖机操作证", "挖掘机证", "挖机证"),
    # bit 27 (session 18): a level, not a certificate — a posting asking for its certificate at 中级/四级 or above
    # ("须持养老护理员证（中级/四级）", "中式烹调师证（中级及以上）") requires it, and every seeker holds it but one who states
    # their grades and none of them at 中级 or above (`below_mid_level`; unknown breaks nothing). It is one bit for
    # every trade: a seeker at 中级 in one trade and 初级 in another passes a 中级 post of the second (rare; soft).
    # Never matched in text (no synonym), and not in `normalise_certificates`' set (what a seeker holds is stored).
    MID_LEVEL: (),
    # appended (session 19), the second word's bits 0–4 (`CERT_BITS`): what county training desks issue besides — 家政服务员
    # (not 养老护理员 nor 育婴员), 美发师 and 美容师 (two trades: neither meets the other), 茶艺师, and the 专项职业能力证书 (茶艺,
    # 海鲜加工, 电商直播 …: one certificate for every 专项, which meets "专项能力证"/"有证优先" but no trade's 职业技能等级证书).
    # A bare trade name ("美容师") is no synonym: "美容师培训结业证" is no certificate (blind18 convention 3); a graded one
    # ("美发师（五级/初级）") reads as held (`_GRADED_TRADE`).
    "家政服务员证": ("家政服务员证", "家政服务证", "家政员证", "家政证"),
    "美发师证": ("美发师证", "美发证", "理发师证", "理发证"),
    "美容师证": ("美容师证", "美容证"),
    "茶艺师证": ("茶艺师证", "茶艺员证", "茶艺证"),
    "专项职业能力证书": ("专项职业能力证书", "专项职业能力证", "专项能力证书", "专项能力证", "专项证书", "专项证"),
    # appended (session 20, emp-wide20), the second word's bits 5–6: the 互联网营销师 (直播销售员) and 电子商务师 职业技能等级
    # 证书 a county's e-commerce training issues ("直播销售员（五级）" reads as held by its grade, `_GRADED_TRADE`)
    "直播销售员证": ("互联网营销师（直播销售员）证", "互联网营销师(直播销售员)证", "互联网营销师证", "直播销售员证", "直播销售证",
               "互联网营销证"),
    "电子商务师证": ("电子商务师证", "电商师证", "电子商务证"),
    # bits 7–20: the kind of a 专项职业能力证书 (session 20). Each 专项 certifies one skill, so a posting asking for one kind
    # ("专项职业能力证书（电商直播）") is not met by another kind ("…（中式面点）"); a posting naming no kind is met by any, and
    # a seeker whose certificate names no kind (or one no list knows) holds every kind (unknown breaks nothing). Never
    # matched in text (no synonym): read by `_special_kinds` where a 专项 certificate is named.
    **{name: () for name in SPECIAL_KINDS},
    # Session 21 (emp-read21, blind21 read), the second word's bit 21: the 网络预约出租汽车驾驶员证 a ride-hailing post asks
    # for (held: "须持网约车驾驶员证"; obtained after hiring, "入职可协助办理", it is preferred, as any certificate)
    "网约车驾驶员证": ("网络预约出租汽车驾驶员证", "网约车驾驶员资格证", "网约车驾驶员证", "网约车驾驶证", "网约车从业资格证", "网约车资格证",
                "网约车证"),
    # bit 22: three years of driving, held by every seeker but one whose licence is stated younger (`licence_years`),
    # required by a ride-hailing post naming the 网约车驾驶员证 — held or to be got after hiring alike, since a driver
    # of under three years cannot get it (`asks_ride_hailing_licence`; the writer's convention 3). Never matched in text.
    RIDE_HAIL_YEARS: (),
    # bit 23: a post that charges the worker money to start — a deposit, a 保证金, a training or joining fee, gear bought
    # from it — is offered to nobody (劳动合同法 第九条: an employer may not take property from a worker it hires; the
    # writer's convention 7, blind20's convention 12). No seeker holds it; never matched in text.
    CHARGES_WORKER: (),
    # Session 22 (emp-read22, blind22 read), the second word's bits 24–39: the building trades' certificates by issuer
    # (the writer's conventions 1 and 3). The 特种作业操作证 of the 应急管理部门 (低压/高压电工作业, 登高架设作业, 高处安装
    # 维护拆除作业) and the 建筑施工特种作业操作资格证 of the 住建部门 (建筑电工, 建筑架子工, 吊篮安装拆卸, 塔式起重机 /
    # 施工升降机 / 物料提升机司机, 信号司索工) are different certificates: a post naming one is met only by it. The 特种设备
    # 焊工 of the 市场监管 is a third; the 八大员 岗位证书 (施工员, 质量员, 资料员) and the 安管人员's 安全员 (C证) are the
    # posts' own. A name with no issuer ("电工证", "高处作业证") is met by either (`_ISSUER_IMPLIES`), and a seeker writing
    # no issuer holds both (unknown breaks nothing).
    # (session 32: the 高压 names are `HIGH_VOLTAGE`'s, which holds this one: `_ISSUER_IMPLIES`)
    # (session 33: the 低压 names are `LOW_VOLTAGE`'s, which holds this one likewise)
    ELECTRICIAN_SAFETY: ("电工作业证(应急管理)", "特种作业操作证(电工)"),
    ELECTRICIAN_BUILDING: ("建筑电工证(住建)", "建筑电工操作资格证", "建筑施工特种作业操作资格证(建筑电工)", "建筑电工证", "建筑电工操作证"),
    "登高架设作业证": ("登高架设作业证", "登高架设作业操作证", "登高架设证"),
    "高处安装维护拆除作业证": ("高处安装维护拆除作业证", "高处安装维护拆除证"),
    "建筑架子工证": ("建筑架子工操作资格证", "建筑架子工证", "架子工操作资格证", "架子工操作证", "架子工证"),
    "吊篮安装拆卸工证": ("高处作业吊篮安装拆卸工证", "高处作业吊篮安装拆卸证", "吊篮安装拆卸工证", "吊篮安拆工证", "吊篮安拆证"),
    "特种设备焊工证": ("特种设备焊接作业人员证", "特种设备焊接作业证", "特种设备焊工证", "锅炉压力容器焊工证", "压力容器焊工证",
                 "压力管道焊工证",
                 # Session 28 (emp-read28, blind28 read): the card by its rules' own name (TSG Z6002 《特种设备焊接操作人员
                 # 考核细则》: 焊接操作人员), "特种设备焊接操作人员证", "焊接操作人员证"
                 "特种设备焊接操作人员证", "特种设备焊接操作证", "焊接操作人员证"),
    "塔式起重机司机证": ("塔式起重机司机操作资格证", "塔式起重机司机证", "塔式起重机证", "塔吊司机证", "塔机司机证", "塔吊证"),
    "施工升降机司机证": ("施工升降机司机操作资格证", "施工升降机司机证", "施工升降机证", "施工电梯司机证", "施工电梯证", "升降机司机证"),
    "物料提升机司机证": ("物料提升机司机证", "物料提升机证"),
    "信号司索工证": ("建筑起重信号司索工证", "起重信号司索工证", "信号司索工证", "司索信号工证", "司索工证", "信号工证"),
    "安全员证": ("安全生产考核合格证(C证)", "安全生产考核合格证", "安全员C证", "安全员B证", "安全员证", "安管人员证", "C类安全员证"),
    "施工员证": ("施工员岗位证书", "施工员岗位证", "施工员证"),
    "质量员证": ("质量员岗位证书", "质量员岗位证", "质量员证", "质检员证"),
    "资料员证": ("资料员岗位证书", "资料员岗位证", "资料员证"),
    # bit 39, the last below the health conditions: the loader's 操作证 as people say it (the writer's convention 4; the
    # excavator's is session 18's), "铲车证" among its names
    "装载机操作证": ("装载机操作证", "装载机驾驶证", "装载机证", "铲车操作证", "铲车证"),
    # the third word's bits 0–12 (session 22, emp-dev22; merged after emp-read22 filled the second word, `CERT_WORDS`):
    # the vehicle and record levels above (`vehicles.py`); never matched in text
    **{name: () for name in VEHICLE_AND_RECORD},
    # Session 23 (emp-read23, blind23 read), the third word's bits 13–17: farm machines' and drones' certificates by kind
    # and issuer (the blind23 writer's conventions 5 and 6). The 农业农村部门 (农机监理) issues the 拖拉机 and the 联合收割机
    # licence apart (《拖拉机和联合收割机驾驶证管理规定》: one does not drive the other; a 甘蔗收割机 is a 联合收割机); a 农机
    # licence naming neither ("农机驾驶证") is met by either, and a seeker writing it holds both (unknown breaks nothing).
    TRACTOR_LICENCE: ("拖拉机驾驶证(农机)", "拖拉机驾驶证", "拖拉机驾驶执照", "拖拉机驾照", "拖拉机操作证", "拖拉机证"),
    HARVESTER_LICENCE: ("联合收割机驾驶证(农机)", "联合收割机驾驶证", "甘蔗收割机驾驶证", "收割机驾驶证", "联合收割机操作证",
                        "收割机操作证", "收割机证"),
    # a 植保无人机 pilot's three papers, highest first: the 民航局 (CAAC) 民用无人机驾驶员执照, the industry bodies' (AOPA,
    # UTC) 合格证, a maker's (大疆, 极飞) 培训合格证. A post naming one is met by it or a higher one (`_IMPLIES`); a post
    # naming none ("无人机操作证", "飞手证") by any; a seeker naming none holds all three (unknown breaks nothing)
    DRONE_CAAC: ("无人机执照(CAAC)", "CAAC民用无人机驾驶员执照", "民用无人机驾驶员执照", "CAAC无人机执照", "民航局CAAC执照",
                 "CAAC执照", "CAAC证", "民航局执照", "民航执照", "CAAC"),
    DRONE_AOPA: ("无人机合格证(AOPA/UTC)", "AOPA无人机驾驶员合格证", "AOPA无人机合格证", "UTC无人机合格证", "AOPA合格证",
                 "UTC合格证", "AOPA证", "UTC证", "AOPA", "UTC"),
    DRONE_MAKER: ("无人机培训证(厂家)", "植保无人机培训合格证", "无人机培训合格证", "植保无人机培训证", "无人机培训证",
                  "厂家培训合格证", "厂家培训证"),
    # bit 18: a cold store entered now and then, held unless refused (`COLD_STORE_ENTRY`)
    COLD_STORE_ENTRY: (),
    # bit 19: the 农药使用 (安全) 培训合格证 a spraying post asks for (convention 7; "入职统一培训" makes it optional)
    "农药使用培训证": ("农药使用培训合格证", "农药安全使用培训合格证", "农药安全培训合格证", "农药使用培训证", "农药培训合格证",
                 "农药培训证", "施药员证"),
    # bit 20: an e-bike or a car of one's own, either (`EBIKE_OR_CAR`); never matched in text
    EBIKE_OR_CAR: (),
    # bits 21–36 (session 24): an age cap of one sex (`SEX_AGE_CAPS`); never matched in text
    **{name: () for name in SEX_AGE_CAPS.values()},
    # bit 37 (session 24): the household rule of a 公益性岗位 (`HOUSEHOLD_FREE`); never matched in text
    HOUSEHOLD_FREE: (),
    # bits 38–52 (session 25): records, statutory bars, 禁止令 and 从业禁止, the county bound (`RECORD_LEVELS`); never
    # matched in text
    **{name: () for name in RECORD_LEVELS},
    # bit 53 (session 25): the motorcycle licence of any class (D 普通三轮, E 普通二轮, F 轻便); no car licence implies it
    # nor it one
    MOTORCYCLE_LICENCE: ("普通二轮摩托车驾驶证", "普通三轮摩托车驾驶证", "轻便摩托车驾驶证", "摩托车驾驶证", "摩托车驾照", "摩托驾照",
                         "摩托车牌", "D驾照", "E驾照", "D证", "E证", "F证", "D照", "E照"),
    # bits 54–57 (session 26): what a 未成年工 may not do, and a student's 岗位实习 (`MINOR_LEVELS`); never matched in text
    **{name: () for name in MINOR_LEVELS},
    # bit 58 (session 27, emp-fix27): evening work to 22:00, held but by a seeker kept to day work (`evening_to_ten`)
    EVENING_TO_TEN: (),
    # bits 59–60 (session 27, emp-read27): a labour contract and a pensioner's post (`PENSION_LEVELS`); never matched in text
    **{name: () for name in PENSION_LEVELS},
    # bits 61–62 (emp-mend27): a certificate the employer has sat still obtainable, a night away from home
    CERT_SITTABLE: (),
    NIGHTS_AWAY: (),
    # Session 30 (emp-bits30), the fourth word's bits 0–15: what waited for a bit (`FOURTH_WORD`, below)
    **FOURTH_WORD,
    # Session 31 (emp-read31), the fourth word's bits 17–52 (after emp-window31's bit 16): public-sector hiring conditions (`civil.py`)
    **{name: () for name in CIVIL_LEVELS},
    # Session 31 (emp-lang31): the languages as skills, at the fourth word's top (`TOP_OF_FOURTH_WORD`, below)
    **{name: () for name in LANGUAGES},
    # … and the employer's kind a seeker refuses (`venues`), below them
    **{name: () for name in VENUE_FLAGS},
    # Session 32 (emp-read32): licences by 项目, below the kinds (`TOP_OF_FOURTH_WORD`)
    **SESSION32_LICENCES,
    # Session 33 (emp-left33): four more by position, the fourth word's bits 53–54 and the fifth word's bits 0–1
    **SESSION33_LICENCES,
    # Session 33 (emp-read33): a doctor's licences, at the fifth word's top (`TOP_OF_FIFTH_WORD`); SESSION33_LICENCES
    # once, above (session 34, fixcr34a: a merge had spread it twice — a dict's second spread moved nothing)
    **SESSION33_DOCTORS,
    # Session 34 (emp-read34): a start before 春节, below them (`TOP_OF_FIFTH_WORD`)
    **SESSION34_TERMS,
    # Session 34 (emp-left34): the 执业药师's licence and a start after 春节 preferred, the fifth word's bits 2–3 by position
    **SESSION34_LEFT,
    # Session 35 (emp-read35): selling work, a 就业见习 place and the 学位, at the fifth word's top (`TOP_OF_FIFTH_WORD`, 56–54)
    **SESSION35_GRADUATES,
    # Session 35 (emp-left35): the 护理 职称, the 执业药师's 类别 and a couple going only together, bits 4–8 by position
    **SESSION35_LEFT,
    # Session 36 (emp-left36): the 主管 药学/检验 titles, the 届, social insurance, building sites and three certificates,
    # bits 9–25 of the fifth word by position
    **SESSION36_LEFT,
}
# Certificates are bits of `CERT_WORDS` int64 words per seeker (`SeekerTable.certs`, shape (n, CERT_WORDS)) and per
# posting (`JobTable.cert_req`, `cert_pref`; `SeekerTable.lapsed` likewise). The first word is shared with other hard constraints read as certificates
# (bits 28–31 the flags HOUSED_FIT … COLD_WATER_OK, 32–47 the majors, 48–62 the groups, below), so it holds the first 28
# entries of `CERTIFICATES` (bits 0–27, MID_LEVEL the last) and is full; every later entry takes the next bit of the
# second word (up to BODY_SHIFT: the health conditions and terms sit above), then of a third word (session 22: emp-dev22's
# thirteen vehicle levels and emp-read22's sixteen certificates by issuer, each branch's bits 24–…, together needed 29
# of the second word's 16 free bits; the merge gave the third word to the vehicle levels), then of the words after it,
# 63 bits each (session 30: the words became one array's columns, so a word more is `CERT_WORDS` + 1 here and in
# kernel.py, whose numba cache would keep the old count; emp-bits30 took 16 of the fourth word's bits). Appending
# keeps every bit where it was (features are built per process and never stored). A pair's certificates pass when no
# word asks for a bit the seeker lacks; a preferred one is held in any.
# Session 33 (emp-left33): a fifth word. The fourth word's top bits (`TOP_OF_FOURTH_WORD`, 55–62) are taken, so an
# entry by position that no longer fits below them goes on to the fifth word's bit 0 up; the fifth word's top
# (`TOP_OF_FIFTH_WORD`) is kept for a branch working beside the one that appends.
FIRST_WORD_CERTS = 28
CERT_WORDS = 5


class CertBit(NamedTuple):
    word: int        # the column of `SeekerTable.certs` / `JobTable.cert_req` / `cert_pref`: 0 the first word …
    bit: int         # the mask within that word


# the second word's bits from BODY_SHIFT up hold the health and ability conditions (session 19, `BODY_CONDITIONS`), so
# certificates appended later take bits 5–39 of it (full since session 22), and the next the third word's bits 0–62
# (full since emp-mend27), then the fourth's (session 30)
BODY_SHIFT = 40
SECOND_WORD_END = FIRST_WORD_CERTS + BODY_SHIFT     # the first certificate of the third word (index 68)


# Session 31 (emp-lang31): bits taken from the fourth word's top down (62, 61, …; 63 is the sign, left unset), so a
# branch appending entries from the low free bits up at the same time never takes the same bit; they are left out of
# the count the others' bits are given by, and the two ends must not meet. Closed since session 33: the entries by
# position step over them to the fifth word (`FOURTH_WORD_END`), so a bit added here would move every fifth-word bit.
TOP_OF_FOURTH_WORD: dict[str, int] = {ENGLISH: 62, VIETNAMESE: 61, CANTONESE: 60,
                                      HOTEL_OK: 59, GUESTHOUSE_OK: 58, NOT_DRINKS_OK: 57,
                                      HIGH_VOLTAGE: 56, PRESSURE_VESSEL_R1: 55}
# Session 33 (emp-left33): the fifth word's top, taken from 62 down by a branch reading beside the one appending from
# bit 0 up (as `TOP_OF_FOURTH_WORD` was); empty until that branch is merged
TOP_OF_FIFTH_WORD: dict[str, int] = {PHYSICIAN: 62, ASSISTANT_PHYSICIAN: 61, VILLAGE_DOCTOR: 60, TCM_SPECIALTY_DOCTOR: 59,
                                      START_BEFORE_SPRING_OK: 58, NO_COUPLE_ROOM_OK: 57,       # session 34 (emp-read34)
                                      SELLING_OK: 56, TRAINEESHIP_OK: 55, DEGREE_OK: 54}       # session 35 (emp-read35)
THIRD_WORD_END = SECOND_WORD_END + 63                                # the first entry of the fourth word (index 131)
FOURTH_WORD_END = THIRD_WORD_END + min(TOP_OF_FOURTH_WORD.values())  # the first of the fifth (index 186): bits 0–54 before it
assert min(TOP_OF_FOURTH_WORD.values()) == 55, "the fourth word's top is closed: the fifth word's bits follow its bit 54"


def _cert_bit(i: int) -> CertBit:
    if i < FIRST_WORD_CERTS:
        return CertBit(0, 1 << i)
    if i < SECOND_WORD_END:
        return CertBit(1, 1 << (i - FIRST_WORD_CERTS))
    if i < THIRD_WORD_END:      # 63 bits a word from the third on: the sign bit is left unset
        return CertBit(2, 1 << (i - SECOND_WORD_END))
    if i < FOURTH_WORD_END:     # below the fourth word's top bits
        return CertBit(3, 1 << (i - THIRD_WORD_END))
    return CertBit(4, 1 << (i - FOURTH_WORD_END))


_BY_POSITION = [name for name in CERTIFICATES if name not in TOP_OF_FOURTH_WORD and name not in TOP_OF_FIFTH_WORD]
CERT_BITS: dict[str, CertBit] = {name: _cert_bit(i) for i, name in enumerate(_BY_POSITION)} | {
    name: CertBit(3, 1 << bit) for name, bit in TOP_OF_FOURTH_WORD.items()} | {
    name: CertBit(4, 1 << bit) for name, bit in TOP_OF_FIFTH_WORD.items()}
assert not set(TOP_OF_FOURTH_WORD) & set(TOP_OF_FIFTH_WORD)
assert all(0 <= bit <= 62 for bit in (*TOP_OF_FOURTH_WORD.values(), *TOP_OF_FIFTH_WORD.values()))  # never the sign
# the ends have not met: the entries by position end below the fifth word's lowest top bit (63, the sign, if none)
assert len(_BY_POSITION) <= FOURTH_WORD_END + min(TOP_OF_FIFTH_WORD.values(), default=63)
assert len({(cb.word, cb.bit) for cb in CERT_BITS.values()}) == len(CERT_BITS)              # no bit taken twice
# Session 30 (emp-bits30): the entries of the words that are no certificate one holds — limits, flags, levels of a row's
# age, pension, records or hours, never matched in text (no synonym): the explanation never says "持有" of them. Not the
# 专项's kinds (said as the 专项's, `explain._shown`) nor `MID_LEVEL` (said beside the certificate it grades).
NOT_CERTIFICATES = frozenset(n for n, syns in CERTIFICATES.items() if not syns) - set(SPECIAL_KINDS) - {MID_LEVEL}
ALL_SEX_CAP_BITS = sum(CERT_BITS[name].bit for name in SEX_AGE_CAPS.values())     # the third word's (session 24)
assert list(CERTIFICATES).index(MID_LEVEL) == FIRST_WORD_CERTS - 1
assert all(cb.word < CERT_WORDS for cb in CERT_BITS.values())
# a licence that includes another (准驾车型): A1 ⊃ A3, B1, B2; A2 ⊃ B1, B2; A3, B1, B2 ⊃ C1 ⊃ C2.
_IMPLIES = {PHYSICIAN: (ASSISTANT_PHYSICIAN, VILLAGE_DOCTOR), ASSISTANT_PHYSICIAN: (VILLAGE_DOCTOR,),   # session 33
            "A1": ("A3", "B1", "B2", "C1", "C2"), "A2": ("B1", "B2", "C1", "C2"), "A3": ("C1", "C2"),
            "B1": ("C1", "C2"), "B2": ("C1", "C2"), "C1": ("C2",),
            # session 23 (emp-read23): a drone pilot's papers, the CAAC 执照 above the AOPA/UTC 合格证 above a maker's
            DRONE_CAAC: (DRONE_AOPA, DRONE_MAKER), DRONE_AOPA: (DRONE_MAKER,)}
# Session 22 (emp-read22, blind22 read): a certificate of a named issuer meets a post that names none ("电工证", "高处作业证",
# "焊工证"), and a seeker's certificate written without its issuer is held of either issuer (unknown breaks nothing) —
# read from what the seeker wrote only, never from what another certificate implies
# a registered constructor (一级/二级建造师) runs a site as its 项目负责人: a post asking the 施工员 岗位证书 takes one (the
# blind22 writer's convention 11, "where the certificate allows"); the 建造师 itself is not read as a certificate
_CONSTRUCTOR = re.compile(r"[一二12]级建造师")
_ISSUER_IMPLIES = {ELECTRICIAN_SAFETY: ("电工证",), ELECTRICIAN_BUILDING: ("电工证",),
                   HIGH_VOLTAGE: (ELECTRICIAN_SAFETY, "电工证"),      # session 32: a 高压 card is an 应急管理 电工作业证
                   LOW_VOLTAGE: (ELECTRICIAN_SAFETY, "电工证"),       # session 33: and so is a 低压 one
                   EXPLOSION_PROOF: (ELECTRICIAN_SAFETY, "电工证"),   # … and a 防爆电气 one
                   "登高架设作业证": ("高处作业证",), "高处安装维护拆除作业证": ("高处作业证",), "特种设备焊工证": ("焊工证",),
                   # session 23 (emp-read23): a 农机 licence of either kind, a drone paper of any issuer
                   TRACTOR_LICENCE: ("农机驾驶证",), HARVESTER_LICENCE: ("农机驾驶证",), DRONE_CAAC: ("无人机驾驶证",),
                   DRONE_AOPA: ("无人机驾驶证",), DRONE_MAKER: ("无人机驾驶证",),
                   # session 30 (emp-bits30): a crew card of either 航区 meets a post naming none
                   INLAND_CREW: ("船员证",), SEA_CREW: ("船员证",)}
# a certificate held with no issuer named, and the certificates of each issuer it may be (`held_certificates`)
_ISSUER_UNKNOWN = {"电工证": (ELECTRICIAN_SAFETY, ELECTRICIAN_BUILDING),
                   "高处作业证": ("登高架设作业证", "高处安装维护拆除作业证"),
                   "农机驾驶证": (TRACTOR_LICENCE, HARVESTER_LICENCE),
                   "无人机驾驶证": (DRONE_CAAC, DRONE_AOPA, DRONE_MAKER),
                   "船员证": (INLAND_CREW, SEA_CREW)}
_CERT_PATTERNS = sorted(((syn.upper(), name) for name, syns in CERTIFICATES.items() for syn in syns),
                        key=lambda p: -len(p[0]))
# A clause that makes a certificate optional, as a family of phrasings rather than a list: "优先"/"加分";
# obtained later or by the employer ("入职可办", "可入职后办理", "上岗前办理", "公司协助办理", "可公司培训考取", "包考证",
# "免费培训", "公司免费送培训", "提供培训", "包培训", "培训上岗" — but not "经专业培训上岗", a rule that workers be trained and
# certified); or not needed now ("无证可培训", "没有的可…", "有无均可", "非必须").
# emp-left34: a certificate rewarded, not asked ("有执业药师证者另加补贴", "持证者每月加200元", "有证的另发证书津贴")
_REWARD = r"(?:者|的)(?:每月)?(?:另|再|还)?(?:加|发|给|有|享)(?:发)?(?:补贴|津贴|证书补贴|证书津贴|\d+元?)|另加补贴|另发补贴"
_PREFERRED = re.compile(
    r"优先|加分|优选|"
    r"(?:入职|上岗|到岗|录用|进厂|报到|入职后|上岗后)(?:体检)?(?:前|后|时)?(?:再|可|可以|即可|统一|由公司|公司|帮|协助)?(?:办|考|补|培训|学)|"
    r"可(?:以)?(?:由)?(?:公司|单位|企业|厂里|我司)?(?:代|帮|协助|免费|后补|后期|后续|入职后|上岗后|入职|上岗)?(?:办|考|补|培训)|"
    r"(?:协助|帮忙|帮|代|包|统一|负责|免费|出资|出钱|报销|安排)(?:办|考|培训)|"
    r"(?:送|提供|给)(?:免费)?(?:培训|考证|办证)|(?<!经)(?<!专业)培训(?:后)?上岗|"
    r"无证(?:者)?(?:也)?(?:可|能|行)|没(?:有)?证(?:的)?(?:也)?(?:可|能|行)|没有(?:的)?(?:也)?(?:可|能|行)|"
    r"有无均可|有无皆可|有没有都|非必须|不(?:是)?必须|不强制|可无|"
    # session 14: the employer takes the worker to get it ("公司带去办", "老板组织考证", "公司培训考证")
    r"(?:公司|单位|厂里|老板|厂家|我司)(?:带|领|带去|带着|组织|安排|负责)?(?:去)?(?:办|考证|培训|统一办)|培训(?:并|后)?考证|"
    # session 18: paid training ("可带薪培训", "无证可带薪培训") and work first, the certificate later ("没有证的可以先上岗，
    # 一年内考取")
    r"(?:提供|安排|有)?(?:可|可以)?带薪培训|(?:可|可以)先(?:上岗|入职|上班|工作)|"
    # Session 21 (emp-read21, blind21 read): got within days of joining ("入职后一周内办好", "上岗后3天内补办")
    r"(?:入职|上岗|到岗|报到)后[^，。；,;]{0,5}?内(?:办|补|考)|"
    # Session 22 (emp-read22, blind22 read): the employer takes or pays the worker to sit it ("公司带考低压电工证", "公司
    # 出钱考", "出资考证") and sat later ("可后考", "可以后补")
    r"(?:带|带着|出钱|出资|花钱)(?:去)?考|可(?:以)?后(?:考|办|补)|"
    # emp-mend27: the employer sends the worker to sit it ("叉车证可公司送考", "公司出钱送考")
    r"送(?:去)?考|"
    # Session 25 (emp-read25, blind25 read): "有最好", "最好有", "有更好" — a wish, not a requirement ("铲车证有最好")
    r"有(?:的话)?(?:最好|更好)|最好(?:能)?(?:有|持)|"
    # emp-left34: a certificate rewarded, not asked ("有执业药师证者另加补贴", "持证者每月加200元", "有证的另发证书津贴")
    + _REWARD + r"|"
    # Session 29 (emp-read29, blind29 read): got at the place of work after arriving ("健康证可到深圳再办", "可以在当地后办")
    r"可(?:以)?(?:到|去|在)[^，,。;；()]{1,6}?(?:再|后)(?:办|补|考)")
# a refusal right before an optional-making phrase turns it round ("公司没有提供培训", "不再提供培训", "无法提供培训",
# "不能培训上岗", "不可以由公司代办", "不接受入职后办理", "不允许入职后补办", "没法提供培训"); only right before it —
# "不会的可以培训上岗", "未持证的可入职后办理" stay optional
_TURNED_ROUND = re.compile(r"(?:不|没|没有|无法|没法|未|不再|不会|不能|并不|并未|不接受|不允许|不予|不得|拒绝)$")


def _makes_optional(clause: str) -> bool:
    """Whether a clause makes its certificate optional: one `_PREFERRED` phrase not turned round by what precedes it."""
    return any(not _TURNED_ROUND.search(clause[:m.start()]) for m in _PREFERRED.finditer(clause))


# Session 35 (fixcr35a, code review): a bonus for holders ("持证者另发补贴") makes a certificate preferred only where its
# own clause does not say it is a must: "须持电工证，持证者另发补贴", "必须有电工证，有证的另发补贴" ask it (the bonus is pay
# for a card every worker has); "电工证，持证者另发补贴", "有执业药师证者另加补贴" stay preferred. A real way round the card
# ("须持健康证，没有的可入职后办理", "须持电工证，无证可培训") still makes it preferred, 须 or not
_MUST = re.compile(r"(?<![无不])(?:必须|须|需|要求|应)(?:持|有|具备|具有|取得|持有)")
_REWARD_RE = re.compile(_REWARD)


def _reward_only(clause: str) -> bool:
    """Whether every phrase that makes `clause` optional is a bonus for holders (`_REWARD`)."""
    return all(_REWARD_RE.fullmatch(m.group()) for m in _PREFERRED.finditer(clause)
               if not _TURNED_ROUND.search(clause[:m.start()]))


# a clause without a certificate that refers back to the sentence's certificates ("须持健康证，没有的可
# 入职后办理"): it speaks of getting a certificate, not of experience, age or schooling
_BACK_REFERENCE = re.compile(r"办|考|培训|补|没有的|无证|没证|没有证|先上岗")
_NOT_ABOUT_CERTS = re.compile(r"经验|学历|年龄|岁|优先|加分")      # "…教练员证者优先" names its own (unknown) one
# Session 27 (emp-read27, blind27 read): a licence class said to do as well ("B2驾照（A2也可）") is an alternative too
_ANY_OF = re.compile(r"其中之一|之一|任一|任意一|其一|(?<!或者)或(?!者)|[ABC][123]\s*(?:驾照|驾驶证|证|照)?\s*(?:也可|也行|亦可)")
# a training course's card beside "或" ("或培训结业证", "培训合格证或…"), named by no certificate of the list (session 29)
_TRAINING_CARD_OR = re.compile(r"(?:或|或者)(?:相关|其他)?(?:的)?(?:[\u4e00-\u9fff]{0,6}?)培训(?:合格|结业)?(?:证书|证)"
                               r"|培训(?:合格|结业)?(?:证书|证)(?:或|或者)")
_SENTENCE = re.compile(r"[；;。\n!！]")
_CLAUSE = re.compile(r"[，,、/]|以及|或者")
# a vocational skill certificate written as the trade and its grade, "育婴员（五级）", "中式烹调师(初级)": the
# grade says the certificate is held (职业技能等级证书), so it reads as "育婴员证"
# (and "育婴员（四级/中级）": the grade in both its names, session 18)
_GRADE = r"(?:[一二三四五]级|初级|中级|高级技师|高级|技师)"
_GRADED_TRADE = re.compile(r"([\u4e00-\u9fff]{1,6}?[员师工])\(" + _GRADE + r"(?:[/、,，或]" + _GRADE + r")*\)")
# Session 29 (emp-read29, blind29 read): since 2020 a trade's certificate is its 职业技能等级证书 (issued by a 评价机构 on the
# 人社 list, 五级 to 一级), written as "养老护理员职业技能等级证书（四级）", "育婴员职业技能等级证书" or, on a posting, as the
# trade and its grade with no bracket ("养老护理员四级及以上", "育婴员三级（高级工）"): each is the trade's certificate
# ("养老护理员证"), its grade read as before (`below_mid_level`, `MID_LEVEL`). Only a trade whose certificate the list
# knows (`_TRADE_CERT_WORDS`): "殡仪服务员职业技能等级证书" names none, "英语四级" no trade. And one 证 said once for two
# trades ("育婴员或保育员证", "保育员或育婴员证") is each trade's ("育婴员证或保育员证"). Not a training card
# ("养老护理员培训结业证": no 职业技能等级, the writer's convention 1 — it holds nothing by this name).
_TRADE_CERT_WORDS = sorted({syn[:-1] for syns in (
    ("养老护理员证", "护理员证", "养老护理师证"), ("育婴员证", "育婴师证"), ("保育员证", "保育师证"),
    ("母婴护理员证", "母婴护理师证"), ("家政服务员证", "家政员证"), ("中式烹调师证", "烹调师证"), ("中式面点师证", "面点师证"),
    ("美发师证", "理发师证"), ("美容师证",), ("茶艺师证", "茶艺员证"), ("电子商务师证",), ("保安员证",),
    # Session 30 (emp-bits30): "西式面点师职业技能等级证书", "咖啡师四级", "救生员国家职业资格证书"
    ("西式面点师证", "西点师证"), ("西式烹调师证",), ("咖啡师证",), ("调酒师证",), ("救生员证",)) for syn in syns},
    key=lambda w: -len(w))
# Session 29 (fix-match29): a bare "护理员" is the 养老护理员 only where no 医疗 precedes it — the 医疗护理员 (医院 护工,
# 国卫医发〔2019〕49号) is another trade whose card meets no 养老护理员证 post (the blind29 writer's convention 1: occupations
# are distinct), so "医疗护理员职业技能等级证书", "医疗护理员四级" name no certificate of the list
_NOT_AFTER = {"护理员": "(?<!医疗)"}


def _trade_words(words: list[str] | tuple[str, ...]) -> str:
    """An alternation of trade names, longest first, a bare "护理员" not after 医疗 (`_NOT_AFTER`)."""
    return "|".join(_NOT_AFTER.get(w, "") + w for w in sorted(words, key=lambda w: -len(w)))


_TRADE_ALTERNATION = _trade_words(_TRADE_CERT_WORDS)
_SKILL_LEVEL_CERT = re.compile(r"(" + _TRADE_ALTERNATION + r")(?:的)?(?:国家)?(?:职业技能等级证书|职业技能等级证|技能等级证书|技能等级证"
                               r"|等级证书|等级证|职业资格证书|职业资格证)")
_TRADE_THEN_GRADE = re.compile(r"(" + _TRADE_ALTERNATION + r")(?=[一二三四五]级|初级|中级|高级|技师)")
# the care and household trades (养老护理员, 育婴员, 保育员, 母婴护理员, 家政服务员): since 2020 their entry paper is as often a
# training course's card as a 职业技能等级证书, and their posts write either as one of two. Only theirs are read as one of
# two here ("A或B" is read as both preferred, which opens a post to everyone): a licence's post ("拖拉机驾驶证或农机培训结业证
# 均可", "值班水手证或带缆作业培训证") or another trade's ("电子商务师或直播销售员证") keeps the one certificate named required
_CARE_TRADES = ("养老护理员", "养老护理师", "护理员", "育婴员", "育婴师", "保育员", "保育师", "母婴护理员", "母婴护理师", "家政服务员",
                "家政员")
CARE_TRADE_CERTS = frozenset({"养老护理员证", "育婴员证", "保育员证", "母婴护理证", "家政服务员证"})
# Session 29 (fix-match29): the second trade is a care trade's name right before its 证 or 职业技能 ("育婴员或保育员证",
# "育婴员或母婴护理证书"), never any words before some 证 — "养老护理员、护工需持健康证" asks no 养老护理员证 and a seeker's
# "育婴员、健康证" holds no 育婴员证 (the first version took 2–6 characters of anything, a certificate invented)
_CARE_CERT_STEMS = (*_CARE_TRADES, "母婴护理", "养老护理", "家政服务", "月嫂")
_TRADES_SHARING_CERT = re.compile(r"(" + _trade_words(_CARE_TRADES) + r")"
                                  r"(?=(?:或者|或|、|/)(?:" + _trade_words(_CARE_CERT_STEMS) + r")(?:证|职业技能))")


# Session 30 (emp-bits30): the drinks trades likewise ("调酒师或咖啡师职业技能等级证书", "咖啡师、茶艺师证")
_DRINK_TRADES = ("调酒师", "咖啡师", "茶艺师")
_DRINK_TRADES_SHARING_CERT = re.compile(r"(" + _trade_words(_DRINK_TRADES) + r")"
                                        r"(?=(?:或者|或|、|/)(?:" + _trade_words(_DRINK_TRADES) + r")(?:证|职业技能|资格证))")


def trade_certificate_names(s: str) -> str:
    """`s` with a trade's 职业技能等级证书 written as its certificate's name ("养老护理员职业技能等级证书（四级）" →
    "养老护理员证（四级）", "养老护理员四级以上" → "养老护理员证四级以上", "育婴员或保育员证" → "育婴员证或保育员证")."""
    s = _SKILL_LEVEL_CERT.sub(r"\1证", s)
    s = _TRADE_THEN_GRADE.sub(r"\1证", s)
    return _DRINK_TRADES_SHARING_CERT.sub(r"\1证", _TRADES_SHARING_CERT.sub(r"\1证", s))


_LICENCE_ORDER = ("C2", "C1", "B2", "B1", "A3", "A2", "A1")        # lowest first: a higher one includes the lower ones
# session 23 (emp-read23): a drone pilot's papers, lowest first ("CAAC执照或AOPA合格证" asks the AOPA, met by the CAAC too)
_DRONE_ORDER = (DRONE_MAKER, DRONE_AOPA, DRONE_CAAC)
_DRIVING_LICENCE = re.compile(r"(?<![A-Z])(?:有|持)?(?:驾照|驾驶证|会开车)")


# session 23 (emp-read23): both 农机 licences named as one ("拖拉机或联合收割机驾驶证", "拖拉机、收割机驾驶证"): either
_BOTH_MACHINES = re.compile(r"拖拉机\s*(?:和|或|或者|/|、|及|与)\s*(?:联合|甘蔗)?收割机(?:驾驶证|驾照|操作证|证)")


# Session 29 (fix-match29): the 医疗护理员's card ("医疗护理员证", and "医疗护理员（四级）" read as it by `_GRADED_TRADE`) is
# another trade's, named by no certificate of the list: taken out whole, as a longer name is (`_NOT_AFTER`)
_MEDICAL_CARER_CERT = re.compile(r"医疗护理员证")
# Session 34 (fixcr34a): a vet's licence ("兽医师执业证书", "执业兽医师资格证", "乡村兽医证") holds the doctor's names
# ("医师执业证书", "医师资格证") but is no doctor's; the list names no vet's certificate, so it is taken out and read as none
# Session 34 (fixcr34c, code review): … never across a conjunction: "兽医和医师执业证" is a vet's trade and a doctor's licence
_VET_CERT = re.compile(r"(?:执业|乡村)?兽医[^、，,；;/\s()（）和及与跟或]{0,6}?(?:证书|证)")


def _certificates_in(text: str) -> tuple[set[str], str]:
    """The certificates named in `text`, longest names first, each match taken out of the text so that a name inside a
    longer one is not read again ("母婴护理员证" is 母婴护理证, not also 护理员证 = 养老护理员证); and what is left."""
    found: set[str] = set()
    text = _MEDICAL_CARER_CERT.sub(" ", text)      # no 护理员证 (= 养老护理员证) inside it (`_NOT_AFTER`)
    text = _VET_CERT.sub(" ", text)                # no 医师执业证书 inside a vet's licence
    text = _SITE_VEHICLE_N2.sub(SIGHTSEEING_CAR, text)     # the 观光车's, not the 叉车's (session 30)
    if _BEAUTY_AND_HAIR.search(text):      # both trades' certificates, marked as written as one (`_BEAUTY_AND_HAIR`)
        found |= {"美容师证", "美发师证", _BEAUTY_AND_HAIR_MARK}
        text = _BEAUTY_AND_HAIR.sub(" ", text)
    kinds = _special_kinds(text)
    for syn, name in _CERT_PATTERNS:
        if syn in text:
            found.add(name)
            text = text.replace(syn, " ")
    if SPECIAL in found:
        found |= kinds
    return found, text


_SPECIAL_NAMED = re.compile(r"([^、，,；;/\s]{0,8}?)专项(?:职业)?(?:能力)?(?:证书|证)?(?:[（(]([^）)]{1,24})[）)])?")


def _special_kinds(text: str) -> set[str]:
    """The kinds of 专项职业能力证书 named where one is written, in its bracket or just before 专项 ("专项职业能力证书（电商
    直播）", "中式面点专项能力证"): empty when none is named."""
    kinds: set[str] = set()
    for m in _SPECIAL_NAMED.finditer(text):
        words = f"{m.group(1)} {m.group(2) or ''}"
        for w, kind in _SPECIAL_KIND_PATTERNS:
            if w in words:
                kinds.add(kind)
                words = words.replace(w, " ")
    return kinds


# A certificate the person does not hold yet, or no longer: being sat or studied for ("初级会计在考", "C1在学", "准备考
# 电工证"), not had ("没有健康证", "还没拿到") or lapsed ("健康证过期了"). Its item of the list ("、", "，", "；") is not
# read: it was read as held, so a seeker still sitting the exam was sent to posts that require it (blind11 K-S28 and
# blind12 L-S06 wrote "（初级会计在考）").
# Session 33 (fixcr33a): a 补考 passed is held ("焊工证（补考通过）", "叉车证(补考后拿到)"); "明年考B2" said of another
# certificate than its item's is split off as its own item (`_cert_items`): "C1驾照(2019年拿到，明年考B2)" holds C1
_SITTING_SOON = r"已报名|报了名|报名了|补考(?!通过|过了|合格|拿到|后)|明年(?:再)?(?:去)?考|下个?月(?:再)?(?:去)?考"
_SITTING_SOON_FOR = re.compile(r"(?:明年|下个?月)(?:再)?(?:去)?考(?!试)(?P<what>[^，,；;。、()（）\[\]【】\s]+)")
# Session 33 (emp-read33, blind33 read): an exam a month or a season ahead ("明年4月才考", "下半年才考", "年底再考") —
# not "4月考的", "今年4月考过" (sat) nor "2026年4月考试通过"
# Session 34 (fixcr34a): 年底 and 年后 alone speak of the past too ("去年年底考出来的", "工作两年后考到的", "毕业一年后
# 考取"): only with 才/再 ("年底再考", "年后再考"); never after 去年/前年 ("去年下半年考出来的"), nor a card got (考到,
# 考出, 考取, 考下, 考上)
_SITTING_SOON += (r"|(?<!去年)(?<!前年)(?:(?:明年|下半年)[0-9一二三四五六七八九十]{0,2}月?份?(?:才|再)?"
                  r"|(?:年底|年后)[0-9一二三四五六七八九十]{0,2}月?份?(?:才|再))(?:去)?考(?!过|完|了|的|到|出|取|下|上|试通过|试合格)")
_NOT_HELD = re.compile(r"在考|正在考|准备考|打算考|想考|要考|备考|报考|考取中|在学|学习中|正在学|正在办|在办|办理中|没有|没考|还没|"
                       r"未取得|未考|没拿|未拿|过期|到期|失效|吊销|"
                       # passed but not issued (session 18): "考完了，等证", "证未发", "还没发下来"
                       r"等证|等发证|待发证|等成绩|未发|没发|未下发|没下来|"
                       # a card never got, that the seeker could go and get (session 30, blind30 read): "健康证没办过",
                       # "无（健康证可以去办）" — not "健康证已办", "办过健康证"
                       r"没办|未办|还没办|(?:可以|可|能|愿意)(?:去)?办(?!过|好|了)|"
                       # registered for the exam, not sat yet (session 32, blind32 read): "已报名，1月份考", "报了名",
                       # "补考", "下个月考" — not "2019年考的", "2025年11月考试通过" (a month alone says nothing)
                       # a licence lapsed unrenewed by its register (session 33): "没去延续注册", "未再注册"
                       r"(?:没|未)(?:去)?(?:延续注册|再注册)|"
                       # Session 35 (emp-read35, blind35 read): an exam of two parts, one part not passed ("笔试过了，面试没过",
                       # "只过了《经济法基础》一科", "科目三没考") — a 教师资格证 needs 笔试 and 面试, a 初级会计 both subjects
                       r"(?:面试|笔试|科目[一二三四]?|另一科|一科|两科都|都)(?:还)?(?:没过(?!期)|未过(?!期)|没通过|未通过|没考|挂了)|"
                       r"(?:只)?过了?[^，,；;、()（）]{0,12}?一科|"
                       + _SITTING_SOON)
# Session 35 (emp-read35, blind35 read): the 初级会计专业技术资格 is won when both subjects pass (《会计专业技术资格考试暂行
# 规定》: 考试合格 the 资格 is held; the certificate only records it): "初级会计职称（两科都过了，证书还没领）" holds it, read
# before `_NOT_HELD` sees its "还没"; not "两科都没过", "过了一科"
_ACCOUNTING_BOTH_PASSED = re.compile(r"(会计[^、，,；;（(]{0,8})[（(][^（）()]*?(?:两科|全部科目|全科|所有科目)(?:都|均|全)?(?:已)?(?:考)?"
                                     r"(?:通过|合格|过了)[^（）()]*[）)]")
_CERT_ITEMS = re.compile(r"[、，,；;/\s]+")


def _cert_items(s: str) -> list[str]:
    """The items of a certificate list, split at its separators outside brackets: "低压电工作业（考完了，证还没发）" is one
    item, so what the bracket says of the certificate stays with it (session 18)."""
    items, depth, start = [], 0, 0
    for i, ch in enumerate(s):
        depth += ch in "(（[【"
        depth -= ch in ")）]】" and depth > 0
        if depth == 0 and _CERT_ITEMS.fullmatch(ch):
            items.append(s[start:i])
            start = i + 1
    items.append(s[start:])
    return [part for item in items if item.strip() for part in _split_sitting_soon(item)]


def _split_sitting_soon(item: str) -> list[str]:
    """An item with the exam of another certificate to come in it ("C1驾照(2019年拿到，明年考B2)"): the item without it,
    and that exam as an item of its own, so that only the certificate sat for is not held (session 33, fixcr33a)."""
    m = _SITTING_SOON_FOR.search(item)
    if not m or not _certificates_in(m.group("what").upper())[0] or \
            not _certificates_in(item[:m.start()].upper())[0]:
        return [item]
    return [item[:m.start()] + item[m.end():], m.group()]


# the grade of a 职业技能等级证书 (session 18): 初级 = 五级, 中级 = 四级, 高级 = 三级, then 技师 (二级), 高级技师 (一级)
_LOW_GRADE = re.compile(r"初级|五级")
_MID_GRADE = re.compile(r"中级|四级|高级|三级|二级|一级|技师")
# a level asked of a certificate: in its clause ("中级/四级及以上", "（四级）", "高级厨师证"), not a language test's
_LEVEL_ASKED = re.compile(r"(?<!英语)(?<!CET)(?<!CET-)(?:中级|四级|高级|三级)")


# a grade that is not a trade's (cr18 #2): a language, computer or Mandarin test ("英语四级", "计算机二级", "普通话二级
# 甲等") or a driving licence — "育婴员证（初级）、英语四级" is a first-grade carer, not a 中级 one
_NOT_A_TRADE = re.compile(r"英语|CET|四六级|日语|韩语|外语|计算机|NCRE|普通话|驾照|驾驶证|驾驶执照", re.IGNORECASE)
# a trade named by its worker ("育婴员", "中式烹调师", "焊工"), with or without 证
_TRADE_WORD = re.compile(r"[\u4e00-\u9fff]{1,6}?[员师工]")
_GRADES_ONLY = re.compile(r"\(?" + _GRADE + r"(?:[/、,，或]" + _GRADE + r")*\)?")
_LICENCES = frozenset(("C2", "C1", "B2", "B1", "A3", "A2", "A1", "农机驾驶证", TRACTOR_LICENCE, HARVESTER_LICENCE))


def _names_a_trade(item: str) -> bool:
    """Whether a certificate list's item names a trade certificate (whose grade is a 职业技能等级), not a language,
    computer or Mandarin test or a licence."""
    if _NOT_A_TRADE.search(item):
        return False
    found, _rest = _certificates_in(item.upper())
    return bool(found - _LICENCES) or bool(_TRADE_WORD.search(item))


def below_mid_level(text: object) -> bool:
    """Whether a seeker's certificates state grades ("养老护理员（五级/初级）", "初级厨师证") and none at 中级/四级 or above:
    they do not meet a posting asking for 中级 (`MID_LEVEL`). A seeker who states no grade meets it (unknown). Only the
    grades of items naming a trade certificate count (cr18 #2: "英语四级", "普通话二级甲等" are no 中级); a bare grade
    ("养老护理员五级、初级") is its previous item's."""
    if isinstance(text, (list, tuple, set, frozenset)):
        text = "、".join(str(t) for t in text)
    graded: list[str] = []
    trade = False
    for item in _cert_items(normalise_text(text)):
        if _NOT_HELD.search(item):       # being sat, not had, lapsed: not held
            trade = False
            continue
        if not _GRADES_ONLY.fullmatch(item.strip()):
            trade = _names_a_trade(item)
        if trade:
            graded.append(item)
    s = "、".join(graded)
    return bool(_LOW_GRADE.search(s)) and not _MID_GRADE.search(s)


def normalise_certificates(text: object) -> frozenset[str]:
    """Canonical certificate names found in `text` (a string or a list of strings), with the licences a
    higher licence includes: 'A2驾照、低压电工作业证' → {A2, B2, C1, C2, 电工证}. A bare '驾照' is a C1. An item the
    person does not hold ('电工证在考', '没有健康证', '健康证过期') is left out."""
    if isinstance(text, (list, tuple, set, frozenset)):
        text = "、".join(str(t) for t in text)
    s = _ACCOUNTING_BOTH_PASSED.sub(r"\1（两科合格）", _BOTH_MACHINES.sub("农机驾驶证", normalise_text(text)))
    if _NOT_HELD.search(s):
        s = "、".join(item for item in _cert_items(s) if not _NOT_HELD.search(item))
    s = _GRADED_TRADE.sub(r"\1证", trade_certificate_names(s).upper())
    found, s = _certificates_in(s)
    found.discard(_BEAUTY_AND_HAIR_MARK)
    if SPECIAL in found and not found & set(SPECIAL_KINDS):   # a 专项 of no kind the lists know: every kind (unknown)
        found.update(SPECIAL_KINDS)
    if _DRIVING_LICENCE.search(s) and not found & {"A1", "A2", "A3", "B1", "B2", "C1", "C2"}:
        found.add("C1")
    for name in list(found):
        found.update(_IMPLIES.get(name, ()))
        found.update(_ISSUER_IMPLIES.get(name, ()))      # session 22 (emp-read22): meets a post naming no issuer
    if _CONSTRUCTOR.search(s):       # a 建造师 held meets a post's 施工员 岗位证书 (session 22, emp-read22)
        found.add("施工员证")
    return frozenset(found)


# Session 28 (emp-read28, blind28 read): a 海船 deck officer's 适任证书 (船长, 大副, 二副, 三副) is a crew card — its holder
# may take a lower post of the same department (the 甲板部's 值班水手, the blind28 writer's convention 3), so it meets a
# post asking the crew card ("值班水手证", "船员证"). Not a 渔业 职务证书 ("渔业船员职务证书（船长）": another issuer, read
# as "渔业船员证" where written so), nor an engine officer's (轮机部: 三管轮 … 轮机长 take no deck rating's post), nor one
# not held ("三副适任证书（在考）"). The 航区 and the 等级 are not read (the crew card is one certificate: `CERTIFICATES`).
_DECK_OFFICER = re.compile(r"(?:船长|大副|二副|三副)(?:的)?(?:适任证书|适任证|证书|证)")


_STORED_SAFETY = normalise_text(ELECTRICIAN_SAFETY)    # the 应急管理 card's name as `normalise_certificates` stores it
# the 应急管理 electrical 项目 and the word naming each in a card's item (session 33, emp-left33)
_ELECTRICAL_ITEMS = ((HIGH_VOLTAGE, "高压"), (LOW_VOLTAGE, "低压"), (EXPLOSION_PROOF, "防爆"))
_ROAD_TRANSPORT_PAPER = re.compile(r"道路运输从业资格证(?:书)?(?!\(?(?:货|危))")


_NURSE_EXAM_PASSED = re.compile(r"护士(?:执业)?资格(?:考试)?[^，,;；、]{0,10}?(?:成绩)?(?:合格|通过|已过|考过了|过了)")
_NURSE_EXAM_FAILED = re.compile(r"没过|未过|没通过|未通过|不合格|没考过|差\d*分")
_NURSE_TITLE = re.compile(r"(?<![助药技医])护师|护理(?:学)?(?:中级|初级\(?师\)?)")
_UNREGISTERED = re.compile(r"(?:还)?(?:没|未|没有)(?:去)?(?:注册|办注册)(?:执业)?|待注册|等注册")


def held_certificates(text: object) -> frozenset[str]:
    """What a seeker holds for matching: `normalise_certificates`, and a certificate written without its issuer ("电工证",
    "高处作业证") held of each issuer it may be — unless one of them is named beside it, as a stored list names the one
    it implied ("电工作业证（应急管理）、电工证"). Session 22 (emp-read22): unknown breaks nothing; what is stored and shown
    (`normalise_certificates`) keeps to what was written."""
    found = set(normalise_certificates(text))
    # Session 29 (emp-read29, blind29 read): a 专项职业能力证书 of 母婴护理 ("母婴护理专项职业能力证书") meets a post that names
    # that 专项 by its name ("母婴护理证书"; the writer's convention 1) — but not a 专项 of no kind, held of every kind only
    # so as to break nothing (`normalise_certificates`)
    if "专项（母婴护理）" in found and len(found & set(SPECIAL_KINDS)) == 1:
        found.add("母婴护理证")
    items = "、".join(str(t) for t in text) if isinstance(text, (list, tuple, set, frozenset)) else text
    # Session 32 (emp-read32, blind32 read): an electrician's grade held ("电工四级（中级工）", "高级电工") is the generic
    # "电工证" a post asking a grade asks (`parse_required_certificates`) — neither issuer's card (below)
    if any(_ELECTRICIAN_GRADE.search(item) and not _NOT_HELD.search(item) for item in _cert_items(normalise_text(items))):
        found.add("电工证")
    if any(_DECK_OFFICER.search(item) and not _NOT_HELD.search(item) and "渔" not in item
           for item in _cert_items(normalise_text(items))):
        found.add("船员证")
    # session 30 (emp-bits30): a 道路运输从业资格证 naming no kind may be the 客运 one (unknown breaks nothing); not the 货运
    if any(_ROAD_TRANSPORT_PAPER.search(item) and not _NOT_HELD.search(item) for item in _cert_items(normalise_text(items))):
        found.add(PASSENGER_TRANSPORT)
    # … and a 导游证 whose item names a foreign language is the 外语导游证 ("导游证（英语）"); not a 导游资格证's
    if any("导游证" in normalise_certificates(item) and _FOREIGN_GUIDE_LANGUAGE.search(item)
           for item in _cert_items(normalise_text(items))):
        found.add(FOREIGN_GUIDE)
    for generic, issuers in _ISSUER_UNKNOWN.items():
        if generic in found and not found.intersection(issuers):
            # Session 26 (emp-read26, blind26 read): an electrician's 职业技能等级证书 ("电工（四级）职业技能等级证书", the
            # 人社 skill level a school's students take) is neither issuer's operating licence (《特种作业人员安全技术培训
            # 考核管理规定》: the 应急管理 操作证; the 住建 建筑电工证): held as the generic "电工证" only
            if generic == "电工证" and _ELECTRICIAN_GRADE.search(normalise_text(text)) and \
                    not _ELECTRICIAN_LICENCE_WORD.search(normalise_text(text)):
                continue
            if generic == "船员证" and "渔" in normalise_text(items):     # a 渔业 card is neither 海事 航区's
                continue
            found.update(issuers)
    # Session 32 (emp-read32): an 应急管理 electrician's card that names no 项目 may be the 高压 one (unknown breaks
    # nothing); one naming 低压 is not ("低压电工作业操作证；电工四级" holds no `HIGH_VOLTAGE`). Session 33 (fixcr33a): a
    # stored list "电工作业证（应急管理）、电工证" may be a 高压 card (stored so before session 32) as well as a 低压 one:
    # it may be the 高压 one too
    cert_items = _cert_items(normalise_text(items))
    # Session 33 (emp-left33): the same for the 低压 and 防爆电气 cards, now 项目 of their own (`_ELECTRICAL_ITEMS`): a card
    # naming no 项目 holds each, one naming a 项目 in words the names miss ("电工证（低压）") holds that one; a stored list names the
    # 项目 where it was held; one stored before (the 应急管理 card alone) may be any of them — unknown breaks nothing
    # (the lead at merge, after fixcr33a: cards stored as that list before session 32 were 高压 ones too)
    if ELECTRICIAN_SAFETY in found and _STORED_SAFETY not in cert_items:
        for item in cert_items:
            if normalise_certificates(item) & {ELECTRICIAN_SAFETY, "电工证"} and not _NOT_HELD.search(item) and not (
                    _ELECTRICIAN_GRADE.search(item) and not _ELECTRICIAN_LICENCE_WORD.search(item)):   # a grade: no card
                named = [name for name, word in _ELECTRICAL_ITEMS if word in item]
                found.update(named or (name for name, _word in _ELECTRICAL_ITEMS))
    elif ELECTRICIAN_SAFETY in found and not found & {HIGH_VOLTAGE, LOW_VOLTAGE, EXPLOSION_PROOF}:
        found.update(name for name, _word in _ELECTRICAL_ITEMS)
    # Session 33 (emp-read33, blind33 read): the 护士执业资格考试 passed and the licence not yet registered ("护士执业资格考试
    # 成绩合格，还没注册") is the 护士执业证书 for matching — registration follows the hiring within weeks (《护士条例》 第七条,
    # 第八条: the employer files it), so a 护士 post is a partial fit, not barred (the blind31 and blind33 writers'
    # conventions); not the exam failed, not sat yet ("明年4月才考"), nor its result awaited ("等成绩")
    if any(_NURSE_EXAM_PASSED.search(item) and not _NURSE_EXAM_FAILED.search(item)
           and not _NOT_HELD.search(_UNREGISTERED.sub(" ", item)) for item in _cert_items(normalise_text(items))):
        found.add("护士资格证")
    # … and a doctor's 资格 passed and not registered ("医师资格证书（2026年考过，还没注册）"): its licence, as the nurse's
    for item in _cert_items(normalise_text(items)):
        if _UNREGISTERED.search(item) and not _NURSE_EXAM_FAILED.search(item) and \
                not _NOT_HELD.search(cleaned := _UNREGISTERED.sub(" ", item)):
            for name in normalise_certificates(cleaned) & {PHYSICIAN, ASSISTANT_PHYSICIAN, LICENSED_PHARMACIST}:
                found.update((name, *_IMPLIES.get(name, ())))    # session 34: the 执业药师's 资格 too (emp-left34)
    # Session 34 (emp-left34): a nurse's 职称 held — 护师, 主管护师, 副主任护师, 主任护师 (the 卫生专业技术资格 of 护理) — is sat
    # only by a 护士 holding the licence (《护士条例》; the 护理 初级(师) exam asks the 护士执业资格), so it holds the
    # 护士执业证书 a post asks, as emp-read33's doctors hold the lower licences (`_IMPLIES`); not a 职称 not yet had ("护师在考")
    # Session 35 (fixcr35a, code review): … nor one whose exam was failed ("护师资格考试没过")
    if any(_NURSE_TITLE.search(item) and not _NOT_HELD.search(item) and not _NURSE_EXAM_FAILED.search(item)
           for item in _cert_items(normalise_text(items))):
        found.add("护士资格证")
    for name in list(found):        # session 30 (emp-bits30): a trade's certificate holds its training card …
        found.update(_HOLDS_TOO.get(name, ()))
    return frozenset(found)


# Session 27 (emp-fix27): a certificate held but lapsed ("叉车证（去年到期没复审）", "健康证过期了") is held by no post that
# asks it — but one whose own words take a lapsed one for renewal ("证件过期的可协助复审/换证", "过期的可带去复审后上岗")
# is met by it: the worker renews it there. A revoked one (吊销, 注销) or one never had ("没有", "在考") is no lapsed one.
_LAPSED = re.compile(r"过期|到期|失效|(?:没|未|还没)(?:去)?(?:复审|年审|审验|换证|延续注册|再注册)")
_LAPSED_NOTE = re.compile(r"[(（][^)）]*(?:过期|到期|失效|复审|年审|审验|换证|延续注册|再注册)[^)）]*[)）]"
                          r"|(?:已|已经|去年|今年)?(?:过期|到期|失效)了?|(?:没|未|还没)(?:去)?(?:复审|年审|审验|换证|延续注册|再注册)")
_NEVER_HELD = re.compile(r"吊销|注销|撤销|在考|正在考|准备考|打算考|想考|要考|备考|报考|考取中|在学|学习中|正在学|没有|没考|未取得|未考"
                         r"|没拿|未拿|等证|等发证|待发证|等成绩|未发|没发|未下发|没下来|没办|未办|" + _SITTING_SOON)
# Session 33 (emp-read33, blind33 read): a licence renewed by its register (a 护士执业证书's 延续注册, a 乡村医生's 再注册):
# "证书过期的可协助办理延续注册" takes a lapsed one, as "过期的可协助复审" does
_RENEWAL_TAKEN = re.compile(r"(?:过期|到期|失效)[^，,。;；]{0,12}?(?:复审|年审|审验|换证|续期|延期|重新办|延续注册|再注册|重新注册)"
                            r"|(?:复审|年审|换证)[^，,。;；]{0,4}?(?:过期|到期)(?:的)?(?:证|证件|也)?(?:可|可以|也可)")


def lapsed_certificates(text: object) -> frozenset[str]:
    """The certificates a seeker states held but lapsed ("叉车证（去年到期没复审）" → {叉车证}), as `held_certificates`
    reads them; not one revoked or never had."""
    if isinstance(text, (list, tuple, set, frozenset)):
        text = "、".join(str(t) for t in text)
    s = normalise_text(text)
    if not _LAPSED.search(s):
        return frozenset()
    items = [_LAPSED_NOTE.sub(" ", item) for item in _cert_items(s) if _LAPSED.search(item) and not _NEVER_HELD.search(item)]
    return held_certificates("、".join(items)) if items else frozenset()


def renewal_taken(text: object) -> bool:
    """Whether a posting's words take a lapsed certificate for renewal ("证件过期的可协助复审/换证")."""
    return _RENEWAL_TAKEN.search(normalise_text(text)) is not None


_ELECTRICIAN_GRADE = re.compile(r"(?:初级|中级|高级)电工|电工[(（]?(?:[一二三四五1-5]级|初级|中级|高级|技师)[)）]?|电工[^，,;；、]{0,6}?(?:职业技能等级|等级证)")
_ELECTRICIAN_LICENCE_WORD = re.compile(r"操作证|作业证|特种作业|低压|高压|建筑电工|上岗证")


_EARNED_TO_MOVE_UP = re.compile(r"(?:取得|考取|考到|拿到|考下)[^，,。;；]{0,14}?后(?:可)?(?:转|升|晋升|调)")


def _lower_of(named: set[str], sentence: str) -> str | None:
    """The one of an "A或B" that every other named one holds (`_HOLDS_TOO`) — or, where a care trade's certificate is
    named beside an unnamed training card ("养老护理员证或培训结业证均可"), that trade's card (`TRAINING_CARDS`)."""
    if len(named) == 1:
        (cert,) = named
        return TRAINING_CARDS.get(cert) if _TRAINING_CARD_OR.search(sentence) else None
    lower = [n for n in named if all(n == m or n in _HOLDS_TOO.get(m, ()) for m in named)]
    return lower[0] if len(lower) == 1 else None


# Session 34 (fixcr34a): not a card said missing ("无电工证不可", "电工证缺了不行", "没有叉车证不行", "未持焊工证不可"):
# no card, no job — that card is asked (`_NO_CARD_NO_JOB`; "无损", "无人机" are names, not "no")
_NO_CARD_NO_JOB = r"(?:无(?!损|人机)|没|缺|未持|未取得|不持)"
_CERT_REFUSED = re.compile(r"\((?![^()]*?" + _NO_CARD_NO_JOB + r")[^()]{1,24}?(?<!缺一)(?:不可|不接受|不行)\)"
                           r"|(?<=[，,;；])(?![^，,;；。()]*?" + _NO_CARD_NO_JOB + r")[^，,;；。()]{1,16}?(?<!缺一)"
                           r"(?:不可|不接受|不行)(?=[，,;；。]|$)")
_LOW_OR_HIGH = re.compile(r"(?:低压|高压)(?:或者|或|/)(?:低压|高压)电工(?:作业)?(?:操作)?证?")


def parse_required_certificates(text: object) -> tuple[frozenset[str], frozenset[str]]:
    """A posting's (required, preferred) certificates. A clause saying 优先 / 入职可办 / 公司协助办理 /
    无证可培训 … (the `_PREFERRED` family) makes its certificates preferred, and so does such a clause
    without a certificate of its own for the certificates of its sentence ("须持健康证，没有的可入职后办理").
    "A或B" / "…其中之一" asks for one of them: driving licences keep the lowest (A2或B2 → B2, met by
    A2 too); other alternatives become preferred (a set of required certificates cannot say "one of").
    Implied licences are not added (a C1 requirement is met by B2). A certificate asked at 中级/四级 or above adds the
    level `MID_LEVEL` to the required set (never to the preferred one; session 18)."""
    s = _BOTH_MACHINES.sub("农机驾驶证", trade_certificate_names(normalise_text(text)).upper())
    # Session 32 (emp-read32, blind32 read): an electrician's grade asked ("须持电工三级（高级工）及以上职业技能等级证书",
    # "高级电工") asks an electrician's certificate — the generic "电工证", which a grade held and either issuer's card
    # hold (`held_certificates`) — and its level (`MID_LEVEL`, read from the grade left in place)
    s = _ELECTRICIAN_GRADE.sub(lambda m: "电工证" + m.group(0), s)
    # "低压或高压电工证均可": either card, the 应急管理 one (neither `HIGH_VOLTAGE` nor, session 33, `LOW_VOLTAGE`)
    s = _LOW_OR_HIGH.sub("特种作业操作证(电工)", s)
    # Session 33 (emp-read33, blind33 read): a certificate said not to do ("（乡村医生执业证书不可）", "，执业助理医师不可")
    # is not asked — not "缺一不可" (all of them asked)
    s = _CERT_REFUSED.sub(" ", s)
    required: set[str] = set()
    preferred: set[str] = set()
    for sentence in _SENTENCE.split(s):
        clauses = [c for c in _CLAUSE.split(sentence) if c.strip()]
        found_by_clause = []
        for clause in clauses:
            found, _rest = _certificates_in(clause)
            if not found and re.search(r"驾照|驾驶证", clause):
                found = {"C1"}
            if re.search(r"不需要|不用|无需|不要求", clause):
                found = set()
            # Session 26 (emp-read26, blind26 read): a certificate the worker earns on the job to move up ("取得护士执业
            # 证书后转护士岗") is the post's later path, not asked to start (not "取得健康证后上岗": that one is asked)
            if _EARNED_TO_MOVE_UP.search(clause):
                found = set()
            if found and _LEVEL_ASKED.search(clause):
                found.add(MID_LEVEL)
            if _BEAUTY_AND_HAIR_MARK in found:        # one of the two salon certificates: both preferred
                found -= {_BEAUTY_AND_HAIR_MARK, "美容师证", "美发师证"}
                preferred.update(("美容师证", "美发师证"))
            found_by_clause.append(found)
        making = [clause for clause, found in zip(clauses, found_by_clause, strict=True)
                  if not found and _makes_optional(clause) and _BACK_REFERENCE.search(clause)
                  and not _NOT_ABOUT_CERTS.search(clause)]
        sentence_optional = bool(making)
        if making and all(_reward_only(c) for c in making) and any(_MUST.search(c) for c in clauses):
            sentence_optional = False       # "须持电工证，持证者另发补贴": a bonus beside a must

        in_sentence = set().union(*found_by_clause) if found_by_clause else set()
        named = in_sentence - {MID_LEVEL}           # "（中级或以上）" is a level, no second certificate
        # Session 29 (emp-read29): a training course's card said to do as well as a care trade's card ("养老护理员证或培训
        # 结业证均可", "医疗护理员培训合格证或养老护理员证均可") is an alternative too, though no certificate of the list names
        # it (`CARE_TRADE_CERTS`: not a licence's, "拖拉机驾驶证或农机培训结业证均可" keeps the licence required)
        any_of = (len(named) > 1 or bool(named and named <= CARE_TRADE_CERTS and _TRAINING_CARD_OR.search(sentence))) \
            and bool(_ANY_OF.search(sentence))
        # Session 30 (emp-bits30): one of two where one holds the other ("养老护理员证或培训结业证均可", "导游证或导游资格证")
        # asks the lower one, which the higher holds (`_HOLDS_TOO`), as a licence's "A2或B2" asks B2
        if any_of and (lower := _lower_of(named, sentence)):
            (preferred if sentence_optional or any(_makes_optional(c) for c in clauses) else required).add(lower)
            continue
        if any_of:
            licences = [c for c in _LICENCE_ORDER if c in named] or [c for c in _DRONE_ORDER if c in named]
            if licences and licences[0] in _DRONE_ORDER:     # "无人机驾驶员执照（CAAC或AOPA）": the papers named decide
                named = named - {"无人机驾驶证"}
            if licences and len(licences) == len(named):
                lowest = {licences[0]}
                (preferred if sentence_optional or any(_makes_optional(c) for c in clauses) else required).update(lowest)
                continue
            preferred.update(in_sentence)
            continue
        for clause, found in zip(clauses, found_by_clause, strict=True):
            optional = _makes_optional(clause) and not (_MUST.search(clause) and _reward_only(clause))
            (preferred if sentence_optional or optional else required).update(found)
    # a level only refuses: as a preference it would be "held" by every seeker who states no grade (`MID_LEVEL`)
    return frozenset(required), frozenset(preferred - required - {MID_LEVEL})


# Session 27 (emp-read27, blind27 read): the ages the law sets a driver. 《机动车驾驶证申领和使用规定》 (公安部令第162号)
# 第七十四条: from 63 a holder may not drive 大型客车, 牵引车, 城市公交车, 中型客车 or 大型货车 — an A or B licence held at
# 63 or over drives as a C1 (the lower classes it includes stay). 《校车安全管理条例》 第二十三条: a 校车 driver is 25 to 60,
# a statute of the post that binds whether or not its age column says so (a school bus named in the title).
LARGE_VEHICLE_LICENCES = frozenset({"A1", "A2", "A3", "B1", "B2"})
LARGE_VEHICLE_AGE_LIMIT = 63
SCHOOL_BUS_AGES = (25, 60)
_SCHOOL_BUS_DRIVER = re.compile(r"校车(?:司机|驾驶员|驾驶人)|(?:司机|驾驶员)[(（]?校车")


def licences_at_age(held: frozenset[str], age: int | None) -> frozenset[str]:
    """The certificates a seeker holds once the driver's age limit is applied ('B2' at 64 drives as C1, C2)."""
    if age is None or age < LARGE_VEHICLE_AGE_LIMIT or not held & LARGE_VEHICLE_LICENCES:
        return held
    return (held - LARGE_VEHICLE_LICENCES) | {"C1", "C2"}


def statutory_age_range(title: object, rng: tuple[int | None, int | None]) -> tuple[int | None, int | None]:
    """A posting's age range narrowed by the statute of its post (a 校车 driver: 25–60)."""
    if not _SCHOOL_BUS_DRIVER.search(normalise_text(title)):
        return rng
    lo, hi = rng
    return (max(lo or 0, SCHOOL_BUS_AGES[0]), min(hi if hi is not None else 200, SCHOOL_BUS_AGES[1]))


# Session 23 (emp-read23, blind23 read): a bare "驾驶证" on a tractor's post ("拖拉机手", "拖拉机运蔗司机": "有驾驶证",
# "需驾驶证") is the tractor's licence of the 农机 office, not a car's (the blind23 writer's convention 5: a 公安 C1 does
# not drive a 拖拉机 on the road) — unless the post names a car or a road class ("C1", "小车", "货车", "皮卡")
_TRACTOR_POST = re.compile(r"拖拉机")
_ROAD_VEHICLE = re.compile(r"[ABC][123]|小车|货车|皮卡|面包车|轿车|汽车")


def machine_licence(title: object, certificates: object, required: frozenset[str],
                    preferred: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """A posting's (required, preferred) certificates with a bare driving licence of a tractor's post read as the
    tractor's licence (`TRACTOR_LICENCE`)."""
    t, c = normalise_text(title).upper(), normalise_text(certificates).upper()
    if not _TRACTOR_POST.search(t) or _ROAD_VEHICLE.search(f"{t} {c}") or "C1" not in required | preferred:
        return required, preferred

    def swap(names: frozenset[str]) -> frozenset[str]:
        return names - {"C1"} | {TRACTOR_LICENCE} if "C1" in names else names

    return swap(required), swap(preferred)


def certificate_words(names: frozenset[str] | set[str]) -> tuple[int, ...]:
    """The `CERT_WORDS` certificate words (`CERT_BITS`) of a set of names; an unknown name sets no bit."""
    words = [0] * CERT_WORDS
    for n in names:
        if (cb := CERT_BITS.get(n)) is not None:
            words[cb.word] |= cb.bit
    return tuple(words)


# Session 21 (emp-read21, blind21 read): a certificate the 技能证书 column lists may be let be got after joining in the
# description ("健康证入职后一周内办好", "母婴护理证可培训后上岗"; the writer's convention 4): a certificate named right
# before a phrase that makes it optional (`_PREFERRED`, at most 6 characters after it) is no longer required. Only right
# before: in "须持A2驾照及道路运输从业资格证（可协助办理）" the help is the second certificate's, not the licence's.
_LATER_GAP = 6


def optional_in_description(text: object) -> frozenset[str]:
    """The certificates a posting's description makes optional (named right before an optional-making phrase)."""
    s = normalise_text(text)[:2000].upper()
    optional: set[str] = set()
    for syn, name in _CERT_PATTERNS:
        start = 0
        while (i := s.find(syn, start)) >= 0:
            start = i + 1
            end = i + len(syn)
            m = _PREFERRED.search(s, end)
            if m and m.start() - end <= _LATER_GAP and not _SENTENCE.search(s[end:m.start()]) \
                    and _makes_optional(s[end:m.end()]):
                # Session 35 (fixcr35a): a bonus for holders after a must ("须持电工证，持证者另发补贴") leaves it asked
                said = s[:i]
                said = said[max((e.end() for e in re.finditer(r"[，,；;。]", said)), default=0):]
                if _reward_only(s[end:m.end()]) and _MUST.search(said + syn):
                    continue
                optional.add(name)
    return frozenset(optional)


def certificate_names(*words: int) -> list[str]:
    """The certificates whose bits are set in the words (the first ones given; the rest read as 0), in `CERTIFICATES`'
    order (the flags, majors and groups that share the first word, the conditions and terms above the second's
    certificates, are no certificate and are not named)."""
    return [name for name, cb in CERT_BITS.items() if cb.word < len(words) and words[cb.word] & cb.bit]


# ---------------------------------------------------------------------------------------------- majors (session 14)

# Families of majors (the project's own, coarse on purpose: a posting's "医学相关专业" is met by 护理, 药剂, 康复 …). A
# major's words are looked up by substring, so one major may fall in two families ("数字媒体": design and computing;
# "动物医学": medicine and farming); a seeker holds every family their major falls in.
MAJOR_FAMILIES: dict[str, tuple[str, ...]] = {
    "医药": ("医学", "临床", "护理", "护士", "助产", "药学", "药剂", "医药", "中药", "药物", "制药", "中医", "康复", "检验",
           "影像", "口腔", "卫生", "针灸", "推拿"),
    "财会": ("会计", "财务", "财会", "金融", "审计", "税务", "统计", "经济", "出纳"),
    "土建": ("土木", "建筑", "工程管理", "工程造价", "造价", "测绘", "路桥", "道路", "桥梁", "给排水", "市政",
           # session 31 (emp-read31): the 目录's 水利类 (水利水电工程, 水文) is a civil trade here (no family of its own)
           "水利", "水文"),
    "机电": ("机电", "一体化", "机械", "电气", "自动化", "数控", "模具", "电工", "电力", "制冷", "焊接", "电子技术", "机器人",
           "工业"),
    "汽车": ("汽修", "汽车"),
    "计算机": ("计算机", "软件", "网络", "信息技术", "信息管理", "大数据", "物联网", "人工智能", "电子信息", "通信", "数字媒体"),
    "设计": ("设计", "视觉传达", "美术", "广告", "动漫", "艺术", "数字媒体", "摄影"),
    "商贸": ("电子商务", "电商", "市场营销", "营销", "国际贸易", "物流", "工商管理", "商务管理"),
    "教育": ("学前教育", "幼师", "幼教", "师范", "教育", "早教"),
    "体育": ("体育",),
    "农林水产": ("水产", "养殖", "畜牧", "兽医", "农学", "园艺", "植物保护", "植保", "林学", "种植", "农业", "茶学", "动物医学",
             "植物生产", "动物生产", "动物科学"),        # session 31: the 目录's class names
    "旅游酒店": ("旅游", "酒店", "导游", "烹饪", "餐饮", "空乘"),
    "文秘": ("文秘", "行政管理", "汉语言", "中文", "新闻", "人力资源", "秘书", "法律", "法学", "历史",
           "语言文学"),                             # session 31: "中国语言文学类"
    "外语": ("英语", "日语", "外语", "韩语", "越南语", "泰语", "翻译"),
    "化工环境": ("化工", "化学", "环境", "环保", "食品", "生物", "制药"),
    "物业": ("物业",),
}
# the families sit above the certificates' bits (`CERT_BITS`: the first word's 28, full since session 18) in the same int64 words: a posting requiring a
# family is a certificate the seeker must hold; a seeker whose major is unknown holds every family (soft)
MAJOR_SHIFT = 32
MAJOR_BITS: dict[str, int] = {name: 1 << (MAJOR_SHIFT + i) for i, name in enumerate(MAJOR_FAMILIES)}
ALL_MAJOR_BITS = sum(MAJOR_BITS.values())

# Cold and wet hands (session 15). A seeker who says their hands cannot touch ice or cold water ("风湿，手不能碰冷水",
# "手怕冷，碰不得冰水", "不能长时间碰冰水") cannot take work the posting states is in ice, cold water, brine, a cold store or
# with the hands in water ("冷水车间", "加冰打包", "手泡盐水", "冷库分拣"). The sixteen demand bits are all taken (the hours
# sit above them), so this limit is carried as a certificate every seeker holds unless they state it, and a posting
# with such work requires: the kernel, the numpy path and the batch need no new code; the oracle checks it apart.
COLD_WATER_OK = 1 << 31          # above the certificates' bits (0–27 used), below the majors' (`MAJOR_SHIFT`)
_COLD_LIMIT = re.compile(r"(?:不能|不可以|不可|不敢|怕|碰不得|碰不了|沾不得|沾不了|受不了)(?:长时间|长期|经常|久)?(?:碰|沾|摸|接触|泡)?"
                         r"(?:冰水|冷水|凉水)|手怕冷|手怕冰|怕冻|(?:冰水|冷水|凉水)(?:都)?(?:碰不得|碰不了|不能碰|不行)"
                         # session 19 (blind19 read): the cold itself ("怕冷，有风湿", "关节炎") and a pregnancy (a cold store
                         # is work 《女职工劳动保护特别规定》 keeps from pregnant women)
                         r"|(?<!不)怕冷|风湿|关节炎|怀孕|孕妇|孕期"
                         # session 23 (emp-read23): the cold store refused in words (`cold_store_refused`)
                         r"|(?:不能|不可以|不敢|不想|不愿|不肯|不)(?:进|去|下|待|呆|在)冷库|进不了冷库|冷库(?:不能进|进不了|不去|不行)")
# Session 23 (emp-read23, blind23 read): a cold store entered only now and then ("偶尔进冷库", "装好箱后偶尔推进冷库") is no
# cold work of the grades 《女职工劳动保护特别规定》's appendix keeps from a pregnancy (低温作业 第三级、第四级) nor one a
# seeker's 怕冷 or 关节炎 rules out (the blind23 writer's convention 8): only a seeker who refuses the cold store itself
# ("不能进冷库") is kept from it. Carried as a level every seeker holds but those (`COLD_STORE_ENTRY`, third word).
_COLD_STORE_REFUSED = re.compile(r"(?:不能|不可以|不敢|不想|不愿|不肯|不)(?:进|去|下|待|呆|在)冷库|进不了冷库|"
                                 r"冷库(?:不能进|进不了|不去|不行)")
_NOW_AND_THEN = re.compile(r"(?:偶尔|偶然|有时|间或|少量|临时)[^，。；,;]{0,4}$")
_COLD_WORK = re.compile(r"冰水|冷水|凉水|加冰|冰块|碎冰|冰鲜|冷库|冷冻车间|冷藏车间|速冻|冻品|泡水|泡在水|浸水|泡盐水|手泡|"
                        r"水里作业|下水作业|盐水池")
_COLD_NEGATED = re.compile(r"(?:不|无|没|免|不用|不需|无需|没有)(?:碰|沾|接触|泡|下)?$")

# A posting open only to a group ("限本镇脱贫劳动力", "限就业困难人员", "限持残疾人证", "限退役军人", "限脱贫劳动力或就业困难
# 人员"; session 15): a 公益性岗位 is arranged for them. A seeker whose 人员类别 (or notes, certificates) names another group
# or category only ("登记失业人员") cannot take it; a seeker with no category stated is not refused (unknown breaks nothing). 就业困难人员 are, by
# the county's categories, 4050人员, 零就业家庭, 残疾人, 低保家庭 and the long unemployed; 脱贫 holds 防返贫监测对象. Carried
# as certificates above the majors' bits: one bit per set of groups a posting may name (any of them admits), held by a
# seeker in any group of the set (every set when the group is unknown).
GROUPS = ("脱贫", "困难", "残疾", "退役")
_GROUP_WORDS = {
    "脱贫": ("脱贫", "监测对象", "防返贫", "建档立卡", "边缘易致贫"),
    "困难": ("就业困难", "困难人员", "4050", "零就业", "残疾", "低保", "长期失业"),
    "残疾": ("残疾",),
    "退役": ("退役", "退伍", "复员"),
}
_POSTING_GROUP_WORDS = {
    "脱贫": ("脱贫", "监测对象", "防返贫", "建档立卡"),
    "困难": ("就业困难", "困难人员", "困难群体"),
    "残疾": ("残疾",),
    "退役": ("退役", "退伍"),
}
GROUP_SHIFT = 48                 # above the majors' sixteen bits (`MAJOR_SHIFT`); 15 sets of the four groups: bits 48–62
GROUP_SET_BITS: dict[frozenset[str], int] = {
    frozenset(g for k, g in enumerate(GROUPS) if n >> k & 1): 1 << (GROUP_SHIFT + n - 1) for n in range(1, 1 << len(GROUPS))}
ALL_GROUP_BITS = sum(GROUP_SET_BITS.values())
_GROUP_LIMIT = re.compile(r"(?<![不无非])(?:仅限|只限|限|面向|对象为|对象是|安置对象[：:]|须为|需为|须是|必须是)"
                          r"(?P<who>[^，。；,;！!？?（(]{0,24})|(?:须|需|必须)(?:已|已经)?办理(?P<done>[^，。；,;]{0,8}?)认定")
# Session 24 (emp-read24, blind24 read): who a 公益性岗位 is for, as a county writes it — "面向脱贫人口、监测对象和已认定
# 的就业困难人员", "安置对象：…", "对象为已认定就业困难人员", "须为已认定的就业困难人员", "需已办理就业困难人员认定" bind as
# "限…" does; "面向社会" names no group and binds nothing. A 就业困难 limit that lets the 认定 be applied for on the spot
# ("未认定的可在报名时同步申请认定", "符合条件未认定的可现场申请认定") takes those who are not yet 认定 too: the 困难 limit is
# not applied (粗略：能否当场认定取决于本人是否符合困难类别，此处不判).
_APPLY_ON_THE_SPOT = re.compile(r"(?:可|可以)(?:在报名时|现场|同步|当场|报名时)*(?:同步|现场|当场)?申请认定")
# a seeker's words that deny the 认定 ("未认定就业困难", "符合就业困难条件但未认定", "正在申请认定"): not a 困难 group
_NOT_RECOGNISED = re.compile(r"(?:未认定|没有认定|未办理认定|没认定)(?:的)?(?:就业困难(?:人员)?)?|"
                             r"(?:符合)?就业困难(?:人员)?(?:条件)?(?:但|,|，)?(?:未认定|还没认定|尚未认定|正在申请认定)|正在申请认定")
# A limit's alternatives ("本镇休渔渔民或脱贫劳动力"); one that names people of none of the four groups ("休渔渔民", "退捕渔民",
# "返乡农民工", "军属") admits people the matcher cannot check, so the post refuses nobody by group (session 15 emp-read15:
# blind15's 海岸线巡查 "限本镇休渔渔民或脱贫劳动力" refused the 休渔渔民 it was posted for). A part naming no people
# ("本镇大浪村、石湾村的脱贫劳动力": 本镇大浪村) is a place, not an alternative group.
_GROUP_ALTERNATIVES = re.compile(r"或者|或是|或|、|/|以及|及|和")
_PEOPLE = re.compile(r"人员|劳动力|人口|渔民|渔工|农民工|军属|家属|学生|毕业生|妇女|村民|居民|群众|家庭")


# fix-match24 (code review): a preference is never a limit — "优先面向脱贫人口招聘", "面向脱贫人口优先", "户籍在沙坡村的
# 优先录用", "优先招本村村民" name who is preferred, not who may apply. Read around a limit's words: 优先 right before
# them in their clause, 优先 in the rest of their clause, or a next clause that is only the preference ("…，同等条件优先");
# not a next clause whose 优先 has its own object ("限脱贫劳动力，其中监测对象优先": the limit stands).
_LIMIT_PREFERRED_BEFORE = re.compile(r"优先[^，。；,;）)]{0,4}$")
_LIMIT_PREFERRED_AFTER = re.compile(r"[^，。；,;（(]*?优先|[，,](?:同等条件(?:下)?)?优先(?:录用|考虑|聘用|招用|安排)?(?=[，。；,;]|$)")


def _a_preference(s: str, start: int, end: int) -> bool:
    """Whether the limit's words at s[start:end] are a preference's (`_LIMIT_PREFERRED_BEFORE`, `_LIMIT_PREFERRED_AFTER`)."""
    clause_before = re.split(r"[，。；,;！!？?\n]", s[:start])[-1]
    return bool(_LIMIT_PREFERRED_BEFORE.search(clause_before) or "优先" in s[start:end] or _LIMIT_PREFERRED_AFTER.match(s, end))


def posting_groups(text: object) -> frozenset[str]:
    """The groups a posting is limited to ("限本镇脱贫劳动力或就业困难人员" → 脱贫, 困难), empty when none — and when an
    alternative names people of another kind ("限本镇休渔渔民或脱贫劳动力": 休渔渔民 may take it too)."""
    found: set[str] = set()
    s = normalise_text(text)
    for m in _GROUP_LIMIT.finditer(s):
        if _a_preference(s, m.start(), m.end()):         # fix-match24: "优先面向…", "面向…优先"
            continue
        who = m.group("who") if m.group("who") is not None else m.group("done") + "就业困难"
        named = {g for g, words in _POSTING_GROUP_WORDS.items() if any(w in who for w in words)}
        if named and any(_PEOPLE.search(part) and not any(w in part for words in _POSTING_GROUP_WORDS.values()
                                                              for w in words)
                         for part in _GROUP_ALTERNATIVES.split(who)):
            return frozenset()
        found |= named
    if "困难" in found and _APPLY_ON_THE_SPOT.search(s):      # session 24: 认定 on the spot
        found.discard("困难")
        if not found:
            return frozenset()
    return frozenset(found)


def seeker_groups(text: object) -> frozenset[str]:
    """The groups a seeker's 人员类别, notes or certificates name ("4050人员" → 困难; "残疾人（肢体四级）" → 残疾, 困难)."""
    s = normalise_text(text)
    found = frozenset(g for g, words in _GROUP_WORDS.items() if any(w in s for w in words))
    # session 24: a seeker saying the 认定 is not made ("长期失业，未认定") is no 就业困难人员 whatever their kind
    return found - {"困难"} if _NOT_RECOGNISED.search(s) else found


def group_bits(groups: frozenset[str], category: object = "") -> int:
    """A seeker's group bits: every set holding one of their groups; none when their 人员类别 names only other
    categories ("登记失业人员"); every set when nothing is stated (unknown)."""
    if not groups:
        return 0 if normalise_text(category).strip() else ALL_GROUP_BITS
    return sum(bit for wanted, bit in GROUP_SET_BITS.items() if wanted & groups)

# Half a day (session 15). A seeker who can work only half a day ("只能做半天") is refused a stated full day
# (`FULL_DAY`), and a posting that states no hours breaks nothing (every writer's rule) — but one that states a short
# day (a half-day shift, or clock times of under seven hours) fits them better than one that says nothing: carried as a
# certificate the posting prefers (the preferred-certificate weight) and every half-day seeker holds.
HALF_DAY_FIT = 1 << 30


# Session 28 (emp-read28, blind28 read): cold water said fine beside a cold limit ("有风湿，进不了冷库，手泡冰水还可以",
# "怕冷，但碰冷水没问题"): the hands may touch it, so work in ice or cold water is open — but not a cold store, which
# the limit still keeps them from (`cold_store_refused`), nor to a pregnancy (《女职工劳动保护特别规定》's appendix keeps
# 冷水作业 of the third and fourth grades from it, whatever the worker says). "不能碰冷水", "冷水不行" accept nothing.
_COLD_WATER_ACCEPTED = re.compile(r"(?:冰水|冷水|凉水)(?:还|也|都|倒是)?(?:可以|行|能行|能碰|能泡|没问题|没事|不要紧|不怕|受得了)"
                                  r"|(?<![不没])(?:能|可以|敢)(?:碰|沾|泡|摸|接触)(?:冰水|冷水|凉水)|(?<![不])不怕(?:冰水|冷水|凉水)")
_PREGNANT = re.compile(r"怀孕|孕妇|孕期")


def cold_water_accepted(text: object) -> bool:
    """Whether a seeker's words take ice or cold water despite a cold limit ("手泡冰水还可以"; never a pregnancy)."""
    s = normalise_text(text)
    return bool(_COLD_WATER_ACCEPTED.search(s)) and not _PREGNANT.search(s)


def cold_water_limited(text: object) -> bool:
    """Whether a seeker's words say their hands cannot touch ice or cold water (not where they say it is fine:
    `cold_water_accepted`)."""
    s = normalise_text(text)
    return bool(_COLD_LIMIT.search(s)) and not cold_water_accepted(s)


def cold_wet_work(text: object) -> bool:
    """Whether a posting's words state work in ice, cold water, brine, a cold store or with the hands in water
    ("不用碰冷水" states the opposite)."""
    s = normalise_text(text)
    return any(not _COLD_NEGATED.search(s[max(0, m.start() - 4):m.start()]) for m in _COLD_WORK.finditer(s))


def cold_now_and_then(text: object) -> bool:
    """Whether every cold the posting states is entered only now and then ("常温分拣为主，偶尔推进冷库"): cold work
    (`cold_wet_work`) that only a seeker refusing the cold store itself cannot take (session 23, `COLD_STORE_ENTRY`)."""
    s = normalise_text(text)
    found = [m for m in _COLD_WORK.finditer(s) if not _COLD_NEGATED.search(s[max(0, m.start() - 4):m.start()])]
    return bool(found) and all(_NOW_AND_THEN.search(s[max(0, m.start() - 8):m.start()]) for m in found)


def cold_store_refused(text: object) -> bool:
    """Whether a seeker refuses the cold store itself ("不能进冷库", "冷库进不了"), not only the cold (session 23) — or
    states a cold limit and excepts only cold water from it ("有风湿，冷水没问题": the store stays shut, session 28)."""
    s = normalise_text(text)
    return bool(_COLD_STORE_REFUSED.search(s)) or (cold_water_accepted(s) and bool(_COLD_LIMIT.search(s)))


_COLD_STORE_WORK = re.compile(r"冷库|冷冻车间|冷藏车间|速冻|冻品|冷冻库|零下")


def cold_store_work(text: object) -> bool:
    """Whether the cold a posting states includes a cold store (冷库, 速冻, 冻品, 零下 …), not only ice or cold water: a
    seeker who takes cold water but not the store (`cold_store_refused`) cannot take it (session 28)."""
    s = normalise_text(text)
    return any(not _COLD_NEGATED.search(s[max(0, m.start() - 4):m.start()]) for m in _COLD_STORE_WORK.finditer(s))

# Health and ability limits against the conditions a posting states (session 19, blind19 read: an industrial park's
# employer-service desk, whose postings write their 体检 items and working conditions and whose seekers write their
# limits). Each condition is one the posting names in its own words (its description or its benefits: `conditions_text`)
# and a seeker may say they cannot meet; a limit breaks only a condition the posting states, and a posting that states
# nothing ("入职体检", "身体健康") restricts nothing. The demand word (`DEMANDS`) is full, so each condition rides on a bit
# of the certificates' second word, as cold water does on the first (`COLD_WATER_OK`): every seeker holds it unless they
# state the limit, and a posting stating the condition requires it — the kernel, the numpy path and the batch need no
# new code; the oracle (`constraints.violations`) reads the words apart (`body_limits`, `body_conditions`).
#   COLOUR            colour vision: "无色盲色弱", "色觉正常", "辨色力正常", stated colour checking ("看色", "分辨色差",
#                     "按颜色插线", "看指示灯颜色") — not met by 色盲 nor 色弱
#   NO_COLOUR_BLIND   "无色盲" alone (the employer's own word): not met by 色盲; 色弱 meets it
#   NAKED_EYE         "裸眼视力…", "不戴眼镜": not met by a seeker who wears glasses (近视, 戴眼镜) or sees poorly;
#                     "视力良好（可戴眼镜）" is fine sight (`FINE_VISION`), met by corrected eyes
#   RIDING            riding a vehicle for the work (跟车, 随车, 送货, 长途, 干线): not met by 晕车 (a commute is no such work)
#   DUST_PAINT        dust or paint stated (粉尘, 油漆, 喷漆, 喷涂, 打磨): not met by an allergy or asthma, nor a pregnancy
#   CHEMICALS         chemicals stated (化学品, 电解液, 胶水, 有毒, 溶剂): not met by an allergy or asthma, a pregnancy or
#                     breastfeeding (《女职工劳动保护特别规定》's appendix keeps both from toxic work)
#   SITTING           seated all day stated (坐着作业, 全程坐姿): not met by "不能久坐" (standing work is `STANDING`)
#   HEAT              a hot workshop or a furnace (高温车间, 炉前): not met by 高血压, a pregnancy, "怕热", "中暑过"
#   BP_CHECK          a 体检 list naming 高血压 or 心脏病 ("无高血压、心脏病"): not met by a seeker who has them
#   READ_SIMPLE       any reading stated (识字, 扫码, 看单据, 看图纸): not met by 不识字
#   READ_WRITE        reading and writing stated (填写单据, 填单, 文字录入, 能读写, 做账): not met by 不识字 nor 识字不多
#   APP               a smartphone app on one's own phone (APP接单, 手机打卡, 智能手机): not met by 老人机, 不会用智能手机
#   NO_TATTOO         "无纹身": not met by any tattoo
#   NO_VISIBLE_TATTOO "无明显纹身", "无外露纹身": not met by a tattoo that shows (one said covered meets it)
#   HANDS             "双手健全", "十指健全", "十指灵活": not met by missing fingers
#   CLEANROOM         a clean room and its suit (无尘车间, 无尘服, 净化车间): not met only by a seeker who says they cannot
#                     wear the suit ("穿无尘服闷", "幽闭")
BODY_CONDITIONS = ("COLOUR", "NO_COLOUR_BLIND", "NAKED_EYE", "RIDING", "DUST_PAINT", "CHEMICALS", "SITTING", "HEAT",
                   "BP_CHECK", "READ_SIMPLE", "READ_WRITE", "APP", "NO_TATTOO", "NO_VISIBLE_TATTOO", "HANDS", "CLEANROOM")
# bits BODY_SHIFT… of the certificates' second word (`certs[:, 1]`, `cert_req[:, 1]`): held by every seeker but for the
# conditions they cannot meet, required by a posting for those it states
BODY_BITS: dict[str, int] = {name: 1 << (BODY_SHIFT + i) for i, name in enumerate(BODY_CONDITIONS)}
ALL_BODY_BITS = sum(BODY_BITS.values())
assert BODY_SHIFT + len(BODY_CONDITIONS) <= 63


def body_bits(names: frozenset[str] | set[str]) -> int:
    bits = 0
    for n in names:
        bits |= BODY_BITS[n]
    return bits
_BODY_NEGATED = re.compile(r"(?:不|无|没|没有|免|非|不用|不需|无需|不需要|不必|不会)(?:接触|碰|闻|沾|要求|需要|用|做)?$")
_ABSENT = r"(?:无|没有|不能有|不得有|排除)"
# a condition's words in a posting: (pattern, whether a negation right before it lifts it). A 体检 item is written as
# the illness excluded ("无色盲色弱", "体检：无高血压、心脏病", "无纹身"): its pattern holds the exclusion and no
# negation is looked for; work words ("粉尘", "跟车", "识字") are lifted by one ("无粉尘", "不用跟车", "不需要识字")
_POSTING_CONDITION_WORDS: dict[str, tuple[tuple[re.Pattern[str], bool], ...]] = {
    "COLOUR": ((re.compile(_ABSENT + r"色盲(?:、|和|及|或)?色弱|" + _ABSENT + r"色弱|色觉正常|辨色力正常|色觉无异常"), False),
               (re.compile(r"辨色|看色|分辨颜色|分辨色差|色差|按颜色|颜色判断|看指示灯颜色|调色|配色|色卡"), True),
               # Session 22 (emp-read22, blind22 read): a crane's signaller reads flags and lights, an electrician the
               # colours of wires — the trades' own colour vision (the 特种作业 medical; the blind22 writer's convention 6)
               (re.compile(r"信号工|信号指挥|司索|塔吊指挥|指挥塔吊|起重指挥|电工"), True)),
    "NO_COLOUR_BLIND": ((re.compile(_ABSENT + r"(?:红绿)?色盲(?!(?:、|和|及|或)?色弱)"), False),),
    "NAKED_EYE": ((re.compile(r"裸眼视力|裸眼|不戴眼镜|不能戴眼镜|不可戴眼镜"), False),),
    "RIDING": ((re.compile(r"跟车|随车|押车|送货|长途|干线"), True),),
    "DUST_PAINT": ((re.compile(r"粉尘|油漆|喷漆|喷涂|打磨|喷粉"), True),),
    "CHEMICALS": ((re.compile(r"化学品|化学试剂|化学药剂|电解液|胶水|有毒|溶剂"), True),
                  # Session 23 (emp-read23, blind23 read): pesticide handled — sprayed, mixed or touched ("人工喷药", "配药、
                  # 换电池", "需接触农药"), not sold ("卖化肥农药": a sealed product); 《女职工劳动保护特别规定》's appendix keeps a
                  # pregnancy from it, and an allergy to it is the seeker's own limit (the blind23 writer's convention 7)
                  (re.compile(r"打药|喷药|施药|(?<![方房店院])配药(?!师)|喷洒农药|接触农药|喷农药|打农药"), True)),
    "SITTING": ((re.compile(r"坐着作业|坐着干|全程坐|坐姿作业|久坐"), True),),
    "HEAT": ((re.compile(r"高温(?!补贴|津贴|费|假)|炉前|窑炉"), True),),
    "BP_CHECK": ((re.compile(_ABSENT + r"[^，。；,;]{0,8}?(?:高血压|心脏病)"), False),),
    "READ_SIMPLE": ((re.compile(r"识字|认字|扫码|看单据|看单|看图纸|PDA", re.IGNORECASE), True),),
    "READ_WRITE": ((re.compile(r"填写|填单|填记录|填批记录|读写|文字录入|录入|开单|做账|记账"), True),),
    "APP": ((re.compile(r"APP|智能手机|小程序|手机(?:接单|打卡|下单|抢单)", re.IGNORECASE), True),),
    "NO_TATTOO": ((re.compile(_ABSENT + r"(?:纹身|文身|刺青)"), False),),
    "NO_VISIBLE_TATTOO": ((re.compile(_ABSENT + r"(?:明显|外露|可见|露出)+(?:的)?(?:纹身|文身|刺青)"), False),),
    "HANDS": ((re.compile(r"双手健全|十指健全|十指灵活|手指灵活|双手灵活|手脚健全|四肢健全"), False),),
    "CLEANROOM": ((re.compile(r"无尘车间|无尘服|无尘室|净化车间|洁净车间|防静电服"), True),),
}
# a posting that opens the condition ("不识字也可", "纹身不限", "色弱也可以") states none
_CONDITION_OPENED = re.compile(r"[^，。；,;]{0,4}?(?:也可|也行|均可|不限|没关系)")


def body_conditions(text: object) -> frozenset[str]:
    """The conditions of `BODY_CONDITIONS` a posting states in `text` (its description and benefits,
    `conditions_text`)."""
    s = normalise_text(text)
    found: set[str] = set()
    for name, patterns in _POSTING_CONDITION_WORDS.items():
        for pattern, lifted_by_negation in patterns:
            if any(not _CONDITION_OPENED.match(s, m.end())
                   and not (lifted_by_negation and _BODY_NEGATED.search(s[max(0, m.start() - 4):m.start()]))
                   for m in pattern.finditer(s)):
                found.add(name)
                break
    if "COLOUR" in found:
        found.discard("NO_COLOUR_BLIND")           # colour checking asks more than "无色盲" (no seeker meets one only)
    if "NO_TATTOO" in found:
        found.discard("NO_VISIBLE_TATTOO")
    return frozenset(found)


_SEEKER_BODY_WORDS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(r"色盲"), ("COLOUR", "NO_COLOUR_BLIND")),
    (re.compile(r"色弱"), ("COLOUR",)),
    (re.compile(r"近视|戴眼镜|眼镜|视力差|视力不好|弱视|看不清|老花"), ("NAKED_EYE",)),
    (re.compile(r"晕车"), ("RIDING",)),
    (re.compile(r"哮喘|(?:粉尘|灰尘|油漆|化学品?|胶水|气味|味道)[^，。；,;]{0,3}过敏|过敏[^，。；,;]{0,4}(?:粉尘|灰尘|油漆|化学|胶水)"
                r"|闻(?:到|不得|不了)?(?:油漆|胶水|粉尘|化学)|(?:油漆|胶水|粉尘)[^，。；,;]{0,3}(?:就喘|过敏|闻不得)"),
     ("DUST_PAINT", "CHEMICALS")),
    (re.compile(r"怀孕|孕妇|孕期|有身孕"), ("DUST_PAINT", "CHEMICALS", "HEAT")),
    # session 23 (emp-read23): pesticide refused or not borne ("对农药过敏", "不能接触农药", "不能打药")
    (re.compile(r"农药[^，。；,;]{0,3}过敏|过敏[^，。；,;]{0,4}农药|(?:不能|不可以|不敢|不想|碰不得)(?:接触|碰|闻|沾)?(?:农药|打药|喷药)"
                r"|农药(?:闻不得|碰不得|不能碰|不能接触)"), ("CHEMICALS",)),
    (re.compile(r"哺乳"), ("CHEMICALS",)),
    (re.compile(r"不能久坐|坐不久|坐不了|不能长时间坐|久坐不了"), ("SITTING",)),
    (re.compile(r"高血压|血压高|怕热|中暑"), ("HEAT",)),
    (re.compile(r"高血压|血压高|心脏病"), ("BP_CHECK",)),
    (re.compile(r"不识字|不认字|不认识字|文盲|大字不识|不会写字|不会认字"), ("READ_SIMPLE", "READ_WRITE")),
    (re.compile(r"识字不多|认得几个字|认识几个字|识字少|字认得不多|字认不全|只认得几个字|认字不多"), ("READ_WRITE",)),
    (re.compile(r"不会用?智能手机|不会(?:用|玩)手机|老人机|不会用?APP|没有智能手机|没智能手机|不会上网", re.IGNORECASE), ("APP",)),
    (re.compile(r"纹身|文身|刺青"), ("NO_TATTOO", "NO_VISIBLE_TATTOO")),
    (re.compile(r"手指残缺|(?:少|缺|断)(?:了)?(?:一|两|二|三|几|1|2|3)?(?:根|个)?手指|断指|缺指|手部残疾|手有残疾"), ("HANDS",)),
    (re.compile(r"无尘服[^。；;]{0,6}(?:闷|不想|穿不了|受不了|不能穿|晕)|(?:穿不了|受不了|不想穿|不能穿)无尘服|幽闭"), ("CLEANROOM",)),
)
_SEEKER_BODY_NEGATED = re.compile(r"(?:不|无|没|没有|非|不是)$")
# a tattoo the seeker says is covered ("背上有纹身，穿衣服看不到"): it does not show, so "无明显/外露纹身" is met
_COVERED_TATTOO = re.compile(r"(?:背上|背部|后背|腰上|腰部|大腿|胸口|胸前)[^，。；,;]{0,4}(?:纹身|文身|刺青)"
                             r"|(?:纹身|文身|刺青)[^。；;]{0,10}(?:看不到|看不见|不外露|不露|遮住|盖住|挡住)")


def body_limits(text: object) -> frozenset[str]:
    """The conditions of `BODY_CONDITIONS` a seeker's words say they cannot meet ("红绿色盲" → COLOUR, NO_COLOUR_BLIND;
    "对胶水过敏" → DUST_PAINT, CHEMICALS; "老人机" → APP)."""
    s = normalise_text(text)
    limits: set[str] = set()
    for pattern, names in _SEEKER_BODY_WORDS:
        if any(not _SEEKER_BODY_NEGATED.search(s[max(0, m.start() - 2):m.start()]) for m in pattern.finditer(s)):
            limits.update(names)
    if "NO_VISIBLE_TATTOO" in limits and _COVERED_TATTOO.search(s):
        limits.discard("NO_VISIBLE_TATTOO")
    return frozenset(limits)


# The terms of a hire against a seeker's stated window (session 20, blind20 read): a placement officer sends nobody to a
# post whose own words ask what the seeker has said they cannot give. Bits TERM_SHIFT… of the certificates' second word,
# carried as `BODY_CONDITIONS` are: every seeker holds each but those their words rule out (`term_limits`), a posting
# requires those it states (`term_conditions`).
#   MIN_TERM     a minimum stay of three months or more as a condition of the job ("需做满3个月", "合同一年起", "不招短期",
#                "至少做半年"; not a bonus: "做满3个月奖励", "做满90天返费"; not experience: "要求1年以上工作经验"): not met by a window that ends at the year's end
#                ("只做到年前", "做到腊月二十", "做一两个月") nor by a student's 寒假
#   SPRING_DUTY  work on the 春节 days as a condition ("春节不放假", "春节期间需在岗", "年三十到初六上班"; not "春节期间自愿加班",
#                "春节留岗另发红包"): not met by "过年要回家", "春节回老家", "要在家过年", nor by a window ending before it
#   AFTER_SPRING a start after 春节 ("年后上岗", "正月初八到岗", "春节后开工"): not met by a window ending before it
#   DISPATCH     劳务派遣 ("劳务派遣", "派遣工", "劳务外包"; not "直招不派遣"): not met by "不要派遣", "要直招"
#   WEEKDAYS     weekday work stated ("做六休一", "月休4天", "周日休息", "周一至周五", "双休"): not met by "只做周末", "只做周六日"
TERM_CONDITIONS = ("MIN_TERM", "SPRING_DUTY", "AFTER_SPRING", "DISPATCH", "WEEKDAYS")
TERM_SHIFT = BODY_SHIFT + len(BODY_CONDITIONS)
TERM_BITS: dict[str, int] = {name: 1 << (TERM_SHIFT + i) for i, name in enumerate(TERM_CONDITIONS)}
ALL_TERM_BITS = sum(TERM_BITS.values())
assert TERM_SHIFT + len(TERM_CONDITIONS) <= 63


def term_bits(names: frozenset[str] | set[str]) -> int:
    return sum(TERM_BITS[n] for n in names)


_MONTHS_3_UP = r"(?:[3-9三四五六七八九]|十[一二]?|1[0-2])个月|半年"
_YEARS_1_UP = r"一年|1年|两年|2年|三年|3年"
# a span of time that is no stay: a bonus for one ("做满3个月奖励") or an experience asked for ("要求1年以上工作经验",
# "需3年以上驾龄", codereview20 #1) — and a span in years binds only beside a word of staying or signing ("至少做一年",
# "需签一年合同"): "要求工作3年以上" asks for experience
_NOT_A_STAY = r"(?![^，。；,;]{0,4}(?:奖|返|补))(?![^，。；,;]{0,8}?(?:经验|经历|驾龄|工龄|教龄))"
_POSTING_TERM_WORDS: dict[str, re.Pattern[str]] = {
    "MIN_TERM": re.compile(r"(?:需|须|必须|要求|至少|最少|起码)(?:要)?(?:(?:做|干|工作|签)?(?:满)?(?:" + _MONTHS_3_UP + r")"
                           r"|(?:做|干|签)(?:满)?(?:" + _YEARS_1_UP + r"))" + _NOT_A_STAY +
                           r"|合同(?:期)?(?:" + _MONTHS_3_UP + "|" + _YEARS_1_UP + r")(?:起|以上)"
                           r"|服务期(?:至少|不少于|不低于)?(?:" + _MONTHS_3_UP + "|" + _YEARS_1_UP + r")" + _NOT_A_STAY +
                           r"|不招(?:短期|临时)|只招长期"),
    # Session 34 (emp-read34, blind34 read): "春节在岗，节后补休", "过年留厂" state the duty too — not a bonus for it
    # ("春节在岗的发红包", "过年留厂有补贴"), nor "春节留岗另发红包"
    "SPRING_DUTY": re.compile(r"(?:春节|过年)(?:期间)?(?:不放假|不休息?|不打烊|正常上班|需在岗|须在岗|必须在岗|要在岗|需上班|必须上班|需值班|"
                              r"要值班|需轮流值班|保供)|(?:春节|过年)(?:期间)?(?:在岗|留厂)"
                              r"(?![^，。；,;]{0,6}?(?:的|者|人员|红包|奖|补贴|倍|另发|另计|自愿|优先))|(?:大年三十|年三十|除夕)(?:到|至|-)(?:正月)?初[一二三四五六七八九十][^，。；,;]{0,4}?"
                              r"(?:上班|在岗|值班)"),
    "AFTER_SPRING": re.compile(r"(?:年后|春节后|过完年|节后)(?:统一)?(?:上岗|开工|到岗|入职|出发|上班|报到)|正月(?:初)?[一二三四五六七八九十]+"
                               r"(?:日)?(?:统一)?(?:前)?(?:上岗|开工|到岗|入职|出发|上班|到厂|报到)"),
    # Session 34 (emp-read34, blind34 read): a labour company sending its hires to a factory ("劳务公司组织外派", "人力资源
    # 公司统一输送") is dispatch too — not a factory's own staff posted away ("外派越南工地")
    "DISPATCH": re.compile(r"劳务派遣|派遣工|派遣制|劳务外包|(?<![不非无])派遣(?:至|到)"
                           r"|(?:劳务|人力资源|人力)(?:服务)?公司(?:组织|统一)?(?:外派|输送|派驻|送厂)"),
    "WEEKDAYS": re.compile(r"做六休一|月休[一二三四1-4]天|周日休|每周休一天|单休|双休|周末休息|周一(?:至|到|-)周[五六]"),
}
_SEEKER_BEFORE_SPRING = re.compile(r"(?:只)?(?:做|干)到(?:年前|年底|腊月|过年前|春节前|小年)|(?<![去过])年前(?:做|干|的(?:活|工|临时|短期)|就回|要回|得回)"
                                   r"|过年前(?:做|干)|(?<![了过])(?:做|干)(?:一两|一|两|1|2|一个多)个?月(?=就|左右|的|$|[，。；,;])")
# a student's break — not a parent's who must mind a child then ("寒假期间要接送孩子"; a child named before it is read in
# `term_limits`)
_SEEKER_BREAK = re.compile(r"寒假(?![^，。；,;]{0,6}?(?:要|得|需要)(?:在家)?(?:接送|带|照顾|看|陪)(?:孩子|小孩|娃|孙))|开学(?:要|就|得)?回")
_SEEKER_WINDOWS = (_SEEKER_BEFORE_SPRING, _SEEKER_BREAK)
_SEEKER_TERM_WORDS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (_SEEKER_BEFORE_SPRING, ("MIN_TERM", "SPRING_DUTY", "AFTER_SPRING")),
    (_SEEKER_BREAK, ("MIN_TERM",)),
    (re.compile(r"(?:过年|春节|年三十|除夕)[^，。；,;不]{0,8}?(?:回家|回老家|在家)|(?<!不)(?:回|在)(?:老)?家过年"), ("SPRING_DUTY",)),
    (re.compile(r"不(?:要|做|去|想|接受)(?:劳务)?派遣|(?:只要|要|只做|只去)(?:厂里|厂方|工厂)?直招"), ("DISPATCH",)),
    (re.compile(r"只(?:能|做|干|上|有)?(?:周末|周六日|周六周日|星期六星期天|双休日)(?!休|不)"), ("WEEKDAYS",)),
)
# a window the seeker offers as acceptable, not as a limit ("干到年底也行，长期更好", codereview20 #2)
_WINDOW_ACCEPTED = re.compile(r"[^，。；,;]{0,3}?(?:也行|都行|也可以|也可|更好)")
# a 寒假 that is a child's, not the seeker's ("孩子放寒假要在家带", "寒假期间要接送孩子"): a parent is no student on break
_CHILD_BEFORE = re.compile(r"孩子|小孩|娃|孙")
_TERM_NEGATED = re.compile(r"(?:不|无|没|非|不用|不需|无需|不需要)$")


def term_conditions(text: object) -> frozenset[str]:
    """The conditions of `TERM_CONDITIONS` a posting states in `text` (`conditions_text`)."""
    s = normalise_text(text)
    return frozenset(name for name, pattern in _POSTING_TERM_WORDS.items()
                     if any(not _TERM_NEGATED.search(s[max(0, m.start() - 3):m.start()]) for m in pattern.finditer(s)))


# Session 34 (emp-read34, blind34 read): the start of a hire against 春节. A posting that must be joined before it — 年前
# (春节前, 过年前) with a verb of starting, a start-by in November or December ("12月内到岗", "12月15日前到岗", "12月底前
# 进场"), or "急招" (hires now) — is not for a seeker who goes only after it; not one stating a start after 春节 as well
# ("年后开工，急招"), nor a start before it offered ("年前到岗优先", "年前到岗有奖励", "年前年后均可").
_START_BY = r"(?:到岗|上岗|进场|入职|报到|开工|上班|进厂|送厂)"
_POSTING_BEFORE_SPRING = re.compile(
    r"(?:(?:年前|春节前|过年前)(?:急招|" + _START_BY + r")"
    r"|(?:11|12|十一|十二)月(?:份)?(?:内|底前|中旬前|上旬前|前|[0-9]{1,2}(?:日|号)(?:之)?前)(?:统一)?" + _START_BY +
    # Session 34 (fixcr34c, code review): not a bare "急招" — it hires now in any month ("6月急招", "长期急招", "不急招"),
    # and read so it refused every "after 春节" seeker all year; the year's end is said (年前, 春节前, 腊月, a start-by in
    # November to January: "腊月二十前到岗", "1月15日前到岗")
    r"|腊月(?:份)?(?:内|底前|[初二十廿三0-9]{1,3}(?:日|号)?(?:之)?前|前)?(?:统一)?" + _START_BY +
    # Session 35 (fixcr35a, code review): January only as a month named ("1月份内", "1月底前", "1月15日前") — not a month's
    # time ("录用后一月内到岗", "通知后1月内到岗", "一个月内到岗": within a month, in any month)
    r"|(?<![0-9十后个])(?:1|一)月(?:份(?:内|底前|中旬前|上旬前|前)|底前|中旬前|上旬前|[0-9]{1,2}(?:日|号)(?:之)?前)(?:统一)?"
    + _START_BY +
    # … and pay for the season is an offer, not a start-by ("腊月上班工资翻倍", "腊月到岗发双薪"); nor a start-by not required
    r")(?![^，。；,;]{0,6}?(?:优先|奖|红包|补贴|更好|均可|都可|也可|也行|工资|翻倍|加倍|双倍|三倍|双薪|加薪|加班费|津贴"
    r"|不强制|非必须|不要求))")
# Session 35 (fixcr35a, code review): a start-by said not to be required ("不要求年前到岗", "无需腊月二十前到岗", "不必1月15日前到岗")
_START_BY_NOT = re.compile(r"(?:不|无|没有?|非)(?:需要?|须|用|必|要求|强制|一定|强求)?(?:要求|必须|一定)?(?:在)?$")
# … and a seeker who goes only after it: "年后才走", "过完年再出去", "开年才去", "正月十五以后", "年前去不了" — not "年后也行",
# "年前能去", "过年要回家" (a window around 春节, not a start after it)
_SEEKER_AFTER_SPRING = re.compile(
    r"(?:年后|过完年|过了年|春节后|节后|开年|开春)(?:才|再)(?:能)?(?:走|去|出去|出门|动身|上班|出发|过去|外出|打工|开始|到岗)"
    r"|正月(?:十五|初[一二三四五六七八九十]{1,2}|[0-9]{1,2})(?:日|号)?(?:以后|之后|后)"
    r"|年前(?:走不了|去不了|不走|不去|不出去|出不去|没空)")


def posting_starts_before_spring(text: object) -> bool:
    """Whether a posting (`conditions_text`) must be joined before 春节 ("年前急招", "12月内到岗", "急招")."""
    s = normalise_text(text)
    return any(not _START_BY_NOT.search(s[max(0, m.start() - 6):m.start()]) for m in _POSTING_BEFORE_SPRING.finditer(s)) \
        and "AFTER_SPRING" not in term_conditions(s)


# Session 34 (fixcr34c, code review): … and only the lunar new year, this year, as a limit: not N years on ("毕业两年后才出去",
# "半年后再出去", "几年后再出去"), not a past year's habit ("去年是年后才出去的，今年随时可以", "以前都是过完年才出去"), not
# softened ("春节后再上班也行，年前也可以": 也行 after it in its clause, or a start before it accepted anywhere)
_YEARS_ON = re.compile(r"[0-9一二两三四五六七八九十半几多]$")
_PAST_YEAR = re.compile(r"去年|前年|以前|之前|往年|原来|过去|那时")
_AFTER_SOFTENED = re.compile(r"[^，。；,;]*?(?:也行|都行|也可以|都可以|也可|均可)")
_BEFORE_ACCEPTED = re.compile(r"(?:年前|春节前|过年前|现在|随时)(?:也|都|就)(?:行|可以|可|能)")
_SPRING_CLAUSE_END = re.compile(r"[，。；,;]")
# Session 35 (fixcr35a, code review): … nor denied ("不一定年后才走", "不是年后才走", "也不是非得过完年再出去")
_AFTER_DENIED = re.compile(r"(?:不一定|不是|未必|不见得|不非得|不非要|并非|不用|不必)(?:非得|非要|要|得|一定)?$")


def seeker_starts_after_spring(text: object) -> bool:
    """Whether a seeker's words say they go only after 春节 ("年后才走", "正月十五以后", "过完年再出去")."""
    s = normalise_text(text)
    if _BEFORE_ACCEPTED.search(s):
        return False
    for m in _SEEKER_AFTER_SPRING.finditer(s):
        clause = s[:m.start()]
        clause = clause[max((e.end() for e in _SPRING_CLAUSE_END.finditer(clause)), default=0):]
        if (m.group().startswith("年后") and _YEARS_ON.search(s[:m.start()])) or _PAST_YEAR.search(clause) or \
                _AFTER_SOFTENED.match(s, m.end()) or _AFTER_DENIED.search(clause):
            continue
        return True
    return False


# Session 34 (emp-read34, blind34 read): a couple's room asked as a condition ("要夫妻房", "必须跟老婆一起，要夫妻房", "需要安排
# 夫妻房") — not wished ("最好有夫妻房", "有夫妻房更好", "希望有夫妻房"), nor said of a past ("以前住夫妻房"); and a posting
# that has none or takes no couples ("无夫妻房", "没有夫妻房", "不提供夫妻房", "不招夫妻") — not "夫妻房已满可排队" nor "有夫妻房"
_NEEDS_COUPLE_ROOM = re.compile(r"(?:要|必须|需要|须|得)(?:有|安排|给|提供|住)?夫妻房"
                                r"(?![^，。；,;]{0,3}?(?:更好|最好|优先|也行|都行|也可以|都可以|无所谓|均可))"
                                # Session 35 (fixcr35a, code review): … nor with none accepted in the next clause ("要夫妻房，
                                # 没有也行", "要夫妻房，没有的话住宿舍也可以", "需要夫妻房，实在没有也能接受")
                                r"(?![^，。；,;]{0,3}?[，,;；][^，。；,;]{0,4}?(?:没有|没|无)(?:的话)?[^，。；,;]{0,8}?"
                                r"(?:也行|也可以|也可|也能接受|也没关系|也无所谓|没关系|无所谓|就算了|也成))")
_COUPLE_ROOM_WISHED = re.compile(r"(?:最好|希望|尽量|如果|如有|能有)[^，。；,;]{0,6}$")
# Session 34 (fixcr34c, code review): … nor negated right before the verb ("不要夫妻房", "不需要夫妻房", "不一定要夫妻房",
# "不是必须要夫妻房", "要不要夫妻房都行", "没必要要夫妻房"): a single seeker saying they need none was refused every post
# without one. Only the negation written onto the verb — "不单身，要夫妻房" (another clause) still asks
_COUPLE_ROOM_NOT = re.compile(r"(?:不|没|别)(?:是|一定|用|太)?(?:必须|必要|非得|一定|非要)?$")
_NO_COUPLE_ROOM = re.compile(r"(?:无|没有|没|不提供|不安排|不设|不配)夫妻房|不招(?:收)?夫妻")


def seeker_needs_couple_room(text: object) -> bool:
    """Whether a seeker asks for a couple's room as a condition ("要夫妻房"; not "最好有夫妻房")."""
    s = normalise_text(text)
    return any(not _COUPLE_ROOM_WISHED.search(s[max(0, m.start() - 8):m.start()])
               and not _COUPLE_ROOM_NOT.search(s[max(0, m.start() - 6):m.start()]) for m in _NEEDS_COUPLE_ROOM.finditer(s))


# Session 35 (emp-left35): a couple who go only together ("必须跟老公一起", "要和老婆在同一个厂", "夫妻俩一起去，不分开",
# "两口子一起去") — the seeker's stated limit (blind34's convention 3) — against a posting that takes no couples ("不招夫妻",
# "夫妻勿扰", "不要夫妻工"): refused. Not a wish ("最好夫妻一起", "希望和老公一起", "想跟老公一起"), not a past ("以前和老公
# 一起在东莞干"), not negated ("不用和老公一起", "不一定夫妻一起") nor opened after ("一个人去也行", "分开也可以"). A posting
# with no couple's room ("无夫妻房") still refuses only a seeker asking for one (`seeker_needs_couple_room`), and a posting
# for one sex ("只招男工") none (ADR 0027: the partner may be placed in other work; the explanation says so, `explain`).
# One row cannot see the partner's: their ages, certificates and places are the partner's row's to meet.
_WITH_SPOUSE = re.compile(r"(?:夫妻|两口子|夫妇|(?:和|跟|同|与)(?:老公|老婆|丈夫|妻子|爱人|媳妇))(?:俩|两个|二人|两人)?"
                          r"[^，。；,;]{0,6}?(?:一起|一块|同去|同进|同一个厂|同一家|同一个单位|同厂|在一起|在(?:同)?一个(?:厂|工地|单位|公司|地方))")
_WITH_SPOUSE_SOFT = re.compile(r"(?:最好|希望|想|如果|如有|尽量|(?<![只才])能|可以|愿意|以前|之前|原来|过去|曾|去年|不用|不必|不一定|不是|"
                               r"没|别|不要求|不强求|不需要)[^，。；,;]{0,4}$")
_APART_OK = re.compile(r"(?:分开|一个人|单独|自己|各去各的|不在一起)[^，。；,;]{0,4}?(?:也行|也可以|也可|都行|都可以|没关系|没事|无所谓)"
                       r"|(?:一起|同厂)[^，。；,;]{0,3}?(?:更好|最好|优先|也行|都行|均可)")
_SPOUSE = re.compile(r"老公|老婆|丈夫|妻子|爱人|媳妇|夫妻|两口子")
_SAME_PLACE_MUST = re.compile(r"(?:必须|一定要|只能|要求)(?:在)?(?:同一个厂|同一家|同一个单位|同厂|一起|在一起)")
_TAKES_NO_COUPLES = re.compile(r"不招(?:收)?夫妻|夫妻(?:工)?勿扰|不要夫妻|不收夫妻|不接受夫妻|夫妻(?:工)?不招|谢绝夫妻")


def seeker_goes_only_with_spouse(text: object) -> bool:
    """Whether a seeker goes only together with their spouse ("必须跟老公一起", "两口子一起去"; not "最好夫妻一起")."""
    s = normalise_text(text)
    if _APART_OK.search(s):
        return False
    if any(not _WITH_SPOUSE_SOFT.search(s[max(0, m.start() - 8):m.start()]) for m in _WITH_SPOUSE.finditer(s)):
        return True
    # the spouse named in the notes and the limit in a clause of its own ("老公是S12，必须同一个厂")
    return bool(_SPOUSE.search(s) and _SAME_PLACE_MUST.search(s))


def posting_takes_no_couples(text: object) -> bool:
    """Whether a posting (`conditions_text`) says it takes no couples ("不招夫妻", "夫妻勿扰"); not "无夫妻房" alone."""
    return bool(_TAKES_NO_COUPLES.search(normalise_text(text)))


# Session 36 (emp-left36): social insurance a seeker must have ("必须五险一金", "一定要买社保", "没有社保的不去") — not a wish
# ("最好有五险一金", "有社保更好"), nor a seeker who would rather not pay in ("不用买社保", "社保无所谓") — against a posting
# saying it pays none ("不交社保", "不买社保", "无社保", "社保自理", "试用期不买社保"; not "自愿不交社保的…" where one may
# still have it, nor "转正后购买社保" alone): refused. A posting silent on it is kept (the office asks).
_INSURANCE = r"(?:五险一金|五险|社保|社会保险|养老保险)"
_NEEDS_INSURANCE = re.compile(r"(?:必须|一定要|一定得|必需|得|要求|只找|只去|只做|需要)(?:有|买|交|缴|缴纳|购买|上|给买|给交)?" + _INSURANCE
                              + r"(?![^，。；,;]{0,3}?(?:更好|最好|优先|也行|都行|无所谓))"
                              r"|(?:没有?|不买|不交|不缴)" + _INSURANCE + r"(?:的)?(?:都|就)?(?:不去|不做|不干|不考虑|不要)")
_INSURANCE_WISHED = re.compile(r"(?:最好|希望|尽量|如果|如有|能有|不|没)$")
_NO_INSURANCE = re.compile(r"(?:不|没有?|无)(?:给|帮)?(?:交|缴|缴纳|买|购买|上|提供|办理|参加)?" + _INSURANCE
                           + r"|" + _INSURANCE + r"(?:自理|自交|自己交|自己买|个人承担)")
_INSURANCE_OPTION = re.compile(r"自愿|可选|可不交|不交(?:社保|五险)?的(?:可|另|每月)|如需|需要的可|可以购买|可购买")


def seeker_needs_insurance(text: object) -> bool:
    """Whether a seeker must have social insurance ("必须五险一金", "没社保的不去"; not "最好有社保")."""
    s = normalise_text(text)
    return any(not _INSURANCE_WISHED.search(s[max(0, m.start() - 3):m.start()]) for m in _NEEDS_INSURANCE.finditer(s))


# … and a post whose only insurance is an accident or commercial one ("购买意外伤害保险", "意外险": a 就业见习 place's, a
# 灵活就业 rider's — blind35's writer: "必须五险一金" against a 见习 post with 意外险 only is 0), the 五险一金 it names only
# after hiring ("录用后签劳动合同、交五险一金", "转正后买社保") as "试用期不买社保"
_OTHER_INSURANCE = re.compile(r"意外(?:伤害)?(?:保)?险|商业(?:保)?险|雇主(?:责任)?险")
_INSURANCE_LATER = re.compile(r"(?:录用|转正|见习期满|试用期满|满[一二三四五六0-9]+个?月)后[^，。；,;]{0,12}$")


def posting_pays_no_insurance(text: object) -> bool:
    """Whether a posting (`conditions_text`) says it pays no social insurance, in probation or at all ("不交社保",
    "试用期不买社保", "无社保"), or names only an accident insurance ("购买意外伤害保险"); not where the worker may still
    have it ("自愿不交社保的每月补300")."""
    s = normalise_text(text)
    clauses = re.split(r"[，。；,;\n]", s)
    if any(not _INSURANCE_OPTION.search(clause) and _NO_INSURANCE.search(clause) for clause in clauses):
        return True
    social = [m for m in re.finditer(_INSURANCE, s) if not _INSURANCE_LATER.search(s[:m.start()])]
    return bool(_OTHER_INSURANCE.search(s)) and not social


# Session 36 (emp-left36): a 住院医师规范化培训 合格证 asked outside the certificates column ("须完成住院医师规范化培训（取得
# 合格证）" in 经验要求, "须住院医师规范化培训合格", "要求规培合格"): required as the certificate; not "规培优先", "无需规培",
# nor a training the post will give ("需参加住院医师规范化培训（医院安排）": blind35's J005, 2 for one not yet trained)
_RESIDENCY = r"(?:住院医师规范化培训|住培|规培)"
_RESIDENCY_ASKED = re.compile(r"(?<!无)(?<!不)(?:须|需|必须|要求)(?:已)?(?:(?:完成|取得|通过|具有|具备|持有|经过)" + _RESIDENCY
                              + r"|" + _RESIDENCY + r"(?:[（(]?(?:取得)?)?(?:合格|结业|证))(?![^，。；,;]{0,10}(?:优先|不限|均可))")
# … and held where the seeker says it was completed ("规培刚结业，规培合格证书下个月发", "规培结业考核过了", "规培在南宁做完了"):
# blind33's S24 is 2 on a post asking it, the certificate still to be issued; not "规培在读", "还没规培", "准备规培"
_RESIDENCY_DONE = re.compile(_RESIDENCY + r"[^，。；,;]{0,6}?(?:结业|合格|做完|完成|结束|考核过|考核通过)"
                             r"|(?:完成|结束|做完)(?:了)?" + _RESIDENCY)
_RESIDENCY_NOT_DONE = re.compile(r"没|未|还在|在读|准备|打算|正在")


def asks_residency_training(text: object) -> bool:
    """Whether a post's experience or description asks the 住院医师规范化培训 completed ("须完成住院医师规范化培训")."""
    return bool(_RESIDENCY_ASKED.search(normalise_text(text)))


def residency_done(text: object) -> bool:
    """Whether a seeker's history or notes say the 住院医师规范化培训 was completed ("规培结业考核过了")."""
    s = normalise_text(text)
    return any(not _RESIDENCY_NOT_DONE.search(s[max(0, m.start() - 4):m.end()]) for m in _RESIDENCY_DONE.finditer(s))


# Session 36 (emp-left36): a seeker who will not go to building sites ("不跑工地", "不去工地", "工地不去", "不想上工地") — not
# "工地也行", "不怕工地", "做过工地" — against a post whose work is on one (a 工地 or 施工现场 in its title or words: "工地杂工",
# "建筑工地", "常驻工地", "需要跑工地"; not "不用跑工地", "无需去工地", "非工地"): refused.
_REFUSES_SITE = re.compile(r"(?:不|不想|不愿意?|不要|不再|不能)(?:跑|去|上|下|做|干|进|到)(?:建筑)?工地"
                           r"|工地(?:的)?(?:活)?(?:都|也)?(?:不去|不做|不干|不跑|不考虑|不要|不行)")
_ON_SITE = re.compile(r"工地|施工现场|建筑现场")
_OFF_SITE = re.compile(r"(?:不用|无需|不需要?|不必|不|非|无)(?:跑|去|下|驻|到|上)?(?:建筑)?(?:工地|施工现场)")


def refuses_sites(text: object) -> bool:
    """Whether a seeker refuses work on building sites ("不跑工地", "工地不去"; not "工地也行")."""
    return bool(_REFUSES_SITE.search(normalise_text(text)))


def works_on_site(text: object) -> bool:
    """Whether a post's work (title and `conditions_text`) is on a building site ("工地杂工", "常驻工地", "跑工地")."""
    return bool(_ON_SITE.search(_OFF_SITE.sub(" ", normalise_text(text))))


def posting_has_no_couple_room(text: object) -> bool:
    """Whether a posting (`conditions_text`) says it has no couple's room or takes no couples ("无夫妻房", "不招夫妻")."""
    return bool(_NO_COUPLE_ROOM.search(normalise_text(text)))


def term_limits(text: object) -> frozenset[str]:
    """The conditions of `TERM_CONDITIONS` a seeker's words say they cannot meet ("只做到年前" → MIN_TERM, SPRING_DUTY,
    AFTER_SPRING; "不要派遣" → DISPATCH)."""
    s = normalise_text(text)
    limits: set[str] = set()
    for pattern, names in _SEEKER_TERM_WORDS:
        if any(not (pattern in _SEEKER_WINDOWS and _WINDOW_ACCEPTED.match(s, m.end()))
               and not (m.group() == "寒假" and _CHILD_BEFORE.search(s[max(0, m.start() - 6):m.start()]))
               for m in pattern.finditer(s)):
            limits.update(names)
    return frozenset(limits)


# Session 21 (emp-read21, blind21 read): the worker's own car. A post that asks for it ("须自带5座轿车", "带车加盟",
# "自有面包车", "须有自己的小货车") and offers none ("公司配车", "无车可租") refuses a seeker who says they have none
# ("自己没有车", "没有小车") and names none they have; a seeker silent on cars, or naming one, meets it (the writer's
# convention 1). Bit 61 of the certificates' second word, above the terms. A car only: a rider's e-bike is another kind
# (a driver "没有车" may ride one to a 代驾 job), left to the text; so is a generic "没车" of a seeker naming an e-bike.
OWN_VEHICLE_BIT = 1 << 61
assert max(TERM_BITS.values()) < OWN_VEHICLE_BIT
_CAR = r"(?:车辆|轿车|面包车|小面|小货车|货车|厢货|小车|汽车|私家车|商务车|[五七5-7]座(?:以上)?(?:的)?(?:轿)?车)"
_OWN_CAR = re.compile(r"(?:自备|自带|自有)[^，。；,;（）()]{0,8}?" + _CAR + r"|(?:须|需|要|必须)(?:有|备)(?:自己的)?(?:一辆)?" + _CAR
                      + r"|(?<![不无免])带车(?!接送)|人车合一")
_CAR_NOT_NEEDED = re.compile(r"(?:不|无|免|不用|不需|无需|不需要)$")
# "…优先" makes the car soft — but not a kind preferred among cars that all do ("自带7座车优先、5座也可": a car is asked;
# session 22)
_CAR_SOFT = re.compile(r"[^，。；,;]{0,6}?优先(?![、，,]?[^，。；,;]{0,6}?(?:也可|也行|均可|都行|亦可))")
_CAR_OFFERED = re.compile(r"[配派]车|无车可租|车辆由公司|(?:公司|站点|平台)(?:可)?(?:提供|配|租)|没有的[^，。；,;]{0,4}[配租]")
_E_BIKE = r"(?:电动自行车|电动车|电动三轮|电瓶车|摩托车|三轮车?|折叠车|自行车)"
_NO_CAR = re.compile(r"(?:没有|没|无)(?:自己的)?(?:小|汽|面包|私家)?车(?![间贴票费位床厢])")
_HAS_CAR = re.compile(r"(?<![没无])有(?:一辆|辆|台|一台)?(?:自己的)?[^，。；,;没]{0,6}?(?:" + _CAR[3:-1] + r"|五菱|车(?![间贴票费位床]))")


def needs_own_vehicle(text: object) -> bool:
    """Whether a posting's words (`conditions_text`) ask for the worker's own car and offer none."""
    s = normalise_text(text)
    if _CAR_OFFERED.search(s):
        return False
    # an e-bike as the alternative ("自备电动车或小车") is no car asked for
    return any(not _CAR_NOT_NEEDED.search(s[max(0, m.start() - 3):m.start()]) and not _CAR_SOFT.match(s, m.end())
               and not re.search(_E_BIKE, m.group()) and not re.match(r"[或/、]" + _E_BIKE, s[m.end():])
               for m in _OWN_CAR.finditer(s))


def lacks_own_vehicle(text: object) -> bool:
    """Whether a seeker's words say they have no car (and name none they have, nor an e-bike a bare "没车" may mean)."""
    s = normalise_text(text)
    if _HAS_CAR.search(s):
        return False
    return any(m.group().endswith(("小车", "汽车", "面包车", "私家车")) or not re.search(_E_BIKE, s)
               for m in _NO_CAR.finditer(s))


# Session 21 (emp-read21, blind21 read): how long a seeker has held a driving licence ("驾照2024年才考到", "2019年领的C1",
# "刚拿驾照一年", "驾龄两年"); None when no year is said. A car's year ("车是2021年买的") is none.
_LICENCE = r"(?:驾照|驾驶证|[ABC][12]证?)"
_LICENCE_SINCE = re.compile(_LICENCE + r"[^，。；,;]{0,6}?((?:19|20)\d\d)年"
                            r"|((?:19|20)\d\d)年[^，。；,;]{0,3}?(?:考|拿|领|取得)(?:到|的|了)?[^，。；,;]{0,2}?" + _LICENCE)
_LICENCE_SPAN = re.compile(r"(?:刚|才)(?:拿|考|领)(?:到)?(?:的)?(?:驾照|驾驶证)(?:才)?([一二两三1-3半])年|驾龄(?:才|只有)?([一二两三四五六七八九十\d]{1,2}|半)年")
_SPAN_DIGITS = {"半": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_RIDE_HAIL_POST = re.compile(r"网约车|网络预约|快车|专车|滴滴")
_RIDE_HAIL_LICENCE = re.compile(r"网约车(?:驾驶员)?(?:资格|从业资格)?证|网络预约出租汽车驾驶员证|人车双证|双证")


def licence_years(text: object, *, year: int | None = None) -> int | None:
    """Whole years a seeker's words say they have held a driving licence, counted to `year` (today when None)."""
    s = normalise_text(text)
    if m := _LICENCE_SINCE.search(s):
        return (year or reference_year()) - int(m.group(1) or m.group(2))
    if m := _LICENCE_SPAN.search(s):
        span = m.group(1) or m.group(2)
        return int(span) if span.isdigit() else _SPAN_DIGITS.get(span, 0)
    return None


def asks_ride_hailing_licence(text: object) -> bool:
    """Whether a posting's words (title, description, certificates) are a ride-hailing post naming its licence."""
    s = normalise_text(text)
    return bool(_RIDE_HAIL_POST.search(s) and _RIDE_HAIL_LICENCE.search(s))


# Session 21 (emp-read21, blind21 read): money charged to the worker to start ("入职交装备押金500元", "收取保证金1000元",
# "报名交培训费200元", "注册需购买…设备800元"); not where it is waived ("不收押金", "免加盟费", "无需保证金") nor a rental's
# deposit the worker may choose ("租车押金", convention 7: it binds only a seeker who needs the rental — left to the text)
_FEE = r"(?:押金|保证金|培训费|加盟费|注册费|入驻费|服装费|报名费|资料费)"
_CHARGE = re.compile(r"(?:交|收|缴|缴纳|收取|支付)[^，。；,;]{0,10}?" + _FEE + r"|" + _FEE + r"[^，。；,;]{0,3}?\d+元"
                     r"|(?:需|须|要)(?:自费)?购买[^，。；,;]{0,14}?\d+元")
_FEE_WAIVED = re.compile(r"(?:不收|无需|无|没有|免|不用交|不交|不需要|无任何|不收任何|不收取)[^，。；,;]{0,6}$")


# Session 25 (emp-read25, blind25 read): a deposit the worker collects is a duty, not a charge — from a guest or customer
# named before it ("收取客人押金", "收顾客押金"), or one item of a list of duties with no sum and no hire named in its clause
# ("登记入住、接电话、收押金"); not "入职收押金300元", "收押金、服装费共500元", "员工需交押金"
_CUSTOMER = re.compile(r"客人|顾客|住客|房客|客户|租客|游客|学员|会员|业主|家长|车主")
_HIRE_WORDS = re.compile(r"入职|上岗|报名|应聘|员工|工人|新人|押金\d|\d+元")
_DUTY_CLAUSE = re.compile(r"[，。；,;]")


def _collects_deposit(s: str, m: re.Match[str]) -> bool:
    """Whether the charge `m` in `s` is a deposit the worker collects from others (a duty)."""
    if not m.group().startswith("收"):
        return False
    if _CUSTOMER.search(m.group()):
        return True
    start = max((e.end() for e in _DUTY_CLAUSE.finditer(s, 0, m.start())), default=0)
    end = next((e.start() for e in _DUTY_CLAUSE.finditer(s, m.end())), len(s))
    listed = s[m.start() - 1:m.start()] == "、" or s[m.end():m.end() + 1] == "、"
    return listed and not _HIRE_WORDS.search(s[start:end])


def charges_worker(text: object) -> bool:
    """Whether a posting's words charge the worker money to start (`CHARGES_WORKER`)."""
    s = normalise_text(text)
    for m in _CHARGE.finditer(s):
        fee = re.search(_FEE, m.group())
        at = m.start() + (fee.start() if fee else 0)
        if _FEE_WAIVED.search(s[max(0, at - 8):at]) or s[max(0, at - 2):at] == "租车" or "自愿" in s[m.end():m.end() + 4]:
            continue
        if _collects_deposit(s, m):
            continue
        return True
    return False


# Session 22 (emp-read22, blind22 read): wages held back to the year's or the project's end ("余款年底一次结清", "工钱过年前
# 一起结清", "工程完工后结算", "平时借生活费，年底结") — 《保障农民工工资支付条例》 第十二条 and 第三十一条 ask monthly pay
# (the 工资专户), so such a post is offered to nobody, as one charging a deposit is (the writer's convention 7; the same
# bit, `CHARGES_WORKER`). A year-end bonus is no wage held ("年底奖金", "年终奖", "年底发双薪"), nor a refusal ("不压到年底",
# "不用等年底"), nor a season's pay at its end before 春节 unless the post says it pays it all at once ("一次结"); "月结"
# with a "年底" line of another thing breaks nothing.
_HELD_TO_YEAR_END = re.compile(
    r"(?:年底|年终|年尾|工程完工后?|完工后|竣工后|项目(?:结束|完工)后?|干完(?:活)?后?)[^，。；,;\d]{0,4}?"
    r"(?:一次性?|一起|统一|再)?(?:结清|结算|结账|结工资|结工钱|结(?!婚|束|余)|发(?:工资|工钱|放工资))"
    r"|(?:过年前|春节前|过年时)[^，。；,;\d]{0,3}?(?:一次性?|一起|统一)(?:结清|结算|结|发)"
)
_NOT_HELD_BACK = re.compile(r"(?:不|不用|无需|不会|绝不|从不|不压|不拖)[^，。；,;]{0,3}$")


# Session 23 (emp-read23, blind23 read): pay at a task's end ("收完一次结", "工钱收完蔗统一结", "采完统一结", "做完一次结") is
# lawful only for a task of a month or less (《工资支付暂行规定》 第七条: a one-off task is paid when done, other work at least
# monthly; the blind23 writer's convention 3): held back — offered to nobody, as a year's end — where the post's own
# period is longer than a month or not stated ("砍收期12月至3月", "（12月20日至次年3月）"); open where it is a month or
# less ("约25天", "约15天砍完", "12月20日至1月20日"). A 月结 or 日结 beside it ("平时日结，收完再结奖金") is not read apart.
_HELD_TO_TASK_END = re.compile(r"(?:收完|采完|摘完|砍完|做完|干完|收完蔗|收完果|砍完蔗|摘完果)[蔗果活]?(?:后)?"
                               r"(?:一次性?|统一|一起|再)?(?:结清|结算|结账|结(?!婚|束|余)|发(?:工资|工钱))")
# a stated length ("约25天", "约20天做完", "15天砍完"), not a day's pay ("一天150")
_DAYS = re.compile(r"(?:约|大约|大概|共|需|预计)(\d{1,3}|[一二两三四五六七八九十]{1,3})(?:多)?天|"
                   r"(?<![每一])(\d{1,3}|[两三四五六七八九十]{1,3})(?:多)?天(?:左右|内|以内)?(?:做完|砍完|摘完|收完|干完|完工|结束)")
_MONTH_DAY = re.compile(r"(?<!\d)(1[0-2]|[1-9])月(?:(\d{1,2})日|(上旬|初)|(中旬|中)|(下旬|底))?")


def _task_days(s: str) -> int | None:
    """The length in days of the period a posting's words state ("约25天", "12月20日至1月20日", "12月至3月"), None when
    none is stated: the first and the last date named, across the new year (a season of December to March)."""
    if m := _DAYS.search(s):
        n = m.group(1) or m.group(2)
        value = int(n) if n.isdigit() else cn_number(n)
        if value:
            return int(value)
    dates = []
    for m in _MONTH_DAY.finditer(s):
        month = int(m.group(1))
        day = int(m.group(2)) if m.group(2) else 5 if m.group(3) else 15 if m.group(4) else 25 if m.group(5) else None
        dates.append((month, day))
    if len(dates) < 2:
        return None
    (m1, d1), (m2, d2) = dates[0], dates[-1]
    months = (m2 - m1) % 12
    return months * 30 + ((d2 if d2 is not None else 30) - (d1 if d1 is not None else 1))


# Session 26 (emp-read26, blind26 read): no pay at all for a while ("学徒期前三个月不发工资，只包吃住", "实习期间没有工资")
# is held back wholly (《最低工资规定》 第三条, 第十二条: a worker's normal work is paid at least the minimum wage, an
# apprentice's too): offered to nobody, as wages held to the year's end. Not a commission without a base ("无底薪，纯提成"),
# not "不拖欠工资", not a volunteer's post that states no wage.
# not a wage the posting says is never in arrears, uncapped or not paid in cash ("无工资拖欠", "无薪资拖欠，按时发放",
# "工资不发现金，每月10号打卡", fix-cr26a): "不发" after 工资 holds the wage back only where it ends the clause
_UNPAID = re.compile(r"(?:不发|没有|无|不给|不开|不付|零)(?:工资|工钱|薪水|薪资)(?!拖欠|封顶|上限|现金|保底)"
                     r"|工资(?:不发(?:放)?(?=$|[,，。;；!！)）])|为零|0元)|无薪(?!休|假|资?拖欠)")


# One list of negating words for every reading that asks whether a posting states a thing or says it away (the minors'
# work and 实习 bars, the unpaid wage; fix-cr26a): a whole negating word, up to three characters before the thing it
# negates ("不需要上外墙", "不加夜班", "从不不发工资"), or a single 不/无/免/非 right before it ("不喷漆", "无夜班",
# "非中介") — never a 不/无 that begins another word ("不锈钢焊接", "无缝管焊接", "不定时加班").
_NEGATING_WORDS = ("不需要|不需|无需|不用|不必|不要求|不上|不进|不做|不碰|不接触|不涉及|不会|不安排|不排|不加|不开|不强制|没有|禁止|严禁"
                   "|拒绝|谢绝|不接受|不存在|从不|绝不|决不|不收")
_NEGATED = re.compile(rf"(?:(?:{_NEGATING_WORDS})[^,，。;；]{{0,3}}|[不无免非])$")


def negated(s: str, start: int) -> bool:
    """Whether the words right before `s[start:]` negate what begins there."""
    return _NEGATED.search(s[max(0, start - 8):start]) is not None


def stated(pattern: re.Pattern[str], s: str) -> bool:
    """Whether `s` holds a match of `pattern` that no negation right before it (`negated`) takes back."""
    return any(not negated(s, m.start()) for m in pattern.finditer(s))


def withholds_wages(text: object) -> bool:
    """Whether a posting's words (its wage column among them) hold the wages back to the year's or the project's end, or
    to the end of a task longer than a month (session 23), or pay nothing for a while (session 26)."""
    s = normalise_text(text)
    if any(not negated(s, m.start()) for m in _UNPAID.finditer(s)):
        return True
    for m in _HELD_TO_YEAR_END.finditer(s):
        if _NOT_HELD_BACK.search(s[max(0, m.start() - 6):m.start()]) or "奖" in s[m.end():m.end() + 2]:
            continue
        if _HELD_TO_TASK_END.fullmatch(m.group()) or m.group().startswith("干完"):
            break       # a task's end: its length decides (below)
        return True
    for m in _HELD_TO_TASK_END.finditer(s):
        if _NOT_HELD_BACK.search(s[max(0, m.start() - 6):m.start()]) or "奖" in s[m.end():m.end() + 2]:
            continue
        days = _task_days(s)
        return days is None or days > 31
    return False


def conditions_text(title: object, description: object, benefits: object) -> str:
    """The words a posting's conditions are read from: its title, description and benefits — a condition written in
    福利待遇 ("两班倒", "需搬运，每件约40斤", "体检：无高血压") binds as one in 岗位描述 does (session 19, blind19 read)."""
    return f"{normalise_text(title)} {normalise_text(description)[:2000]} {normalise_text(benefits)[:500]}"


# a word before a separator holds no 或/及 (else every 及 reads two ways and a failing match backtracks
# exponentially: "电气及"×18 + "专业户" took seconds, codereview15 #1), and a bare 或 is no separator before 者 (else
# each "或者" reads as 或者 or as 或 + a word starting 者: "机电或者"×22 + "专业户" took 57 s, codereview16 #1)
_MAJOR_WORD = re.compile(r"((?:(?:(?![或及])[\u4e00-\u9fff]){1,12}?(?:、|或者|或(?!者)|及|/))*[\u4e00-\u9fff]{2,12}?)(?:等)?(?:相关|类)?专业(?!合作社|户|市场|村|队|公司)")   # not "养殖专业合作社"
# words before the major in the same run of characters ("要求护理", "中专学的焊接技术", "2024届会计"): the major is what
# follows the last of them
_MAJOR_LEAD = re.compile(r"任职要求|岗位要求|要求|需要|必须|需|须|限|具备|具有|所学|学的是|学的|读的是|读的|毕业于|学历|及以上|以上|"
                         r"全日制|中专|中职|中技|技校|职高|高职|大专|专科|本科|研究生|硕士|届|年")
_MAJOR_PARTS = re.compile(r"、|或者|或|及|以及|/|和")
_EDU_LEVEL_WORD = re.compile(r"博士|硕士|研究生|本科|大专|专科|高职|中专|中职|中技|技校|职高|高中|初中|小学")
_MAJOR_PREFERRED = re.compile(r"^[^，。；,;：:]{0,14}?(?:优先|更好|最好|加分|为佳|者佳)")
_MAJOR_OR_EXPERIENCE = re.compile(r"^[^。；;]{0,16}?或(?:者)?[^。；;]{0,12}?(?:经验|经历|年以上|证)")


def major_families(word: str) -> frozenset[str]:
    """The families a major's words fall in ('护理学' → 医药; '数字媒体技术' → 设计 and 计算机); empty when none."""
    return frozenset(f for f, words in MAJOR_FAMILIES.items() if any(w in word for w in words))


# Session 31 (emp-read31, blind31 read): an education cell may name how and when before the major ("本科（全日制，2017届，
# 计算机科学与技术）", "大专（成人教育函授，2019年毕业，会计）", "中专（卫校，2024届，护理）"): those parts are no major —
# "成人教育函授" was read as the 教育 family and "网络教育" as 教育 and 计算机, and the major after them was never reached
_NOT_A_MAJOR_PART = re.compile(r"^(?:非?全日制|统招|普通高考|成人(?:高考|教育)?|成教|函授|业余|夜大|脱产|自学考试|自考|网络教育|"
                               r"远程(?:教育)?|开放大学|电大|广播电视大学|卫校|技校|职高|中职|师范学校|(?:19|20)\d\d(?:届|年)?|"
                               r"应届|往届)+(?:毕业|在读|学历)?$")


def seeker_major(text: object, education: object = "") -> tuple[frozenset[str], str]:
    """(families, the major as written) of a seeker: "XX专业" in any of their cells ("护理专业中专毕业", "中专学的焊接技术
    专业", "2024年会计专业毕业"), or the words after the level in the education cell ("大专 会计", "中专（汽修）", "本科-护理学");
    (∅, "") when no major is stated or none the families know."""
    said = normalise_text(text) + " " + normalise_text(education)
    for m in (_MAJOR_WORD.finditer(said) if "专业" in said else ()):      # most rows name no 专业: one scan
        word = _MAJOR_LEAD.split(m.group(1))[-1]
        if word and not re.search(r"不限|不要求", word) and (families := major_families(word)):
            return families, word
    edu = normalise_text(education)
    if level := _EDU_LEVEL_WORD.search(edu):
        rest = re.sub(r"毕业|肄业|在读|学历|文化|及以上|以上|[\s\-—–()（）:：,，、/]+", " ", edu[level.end():]).strip()
        # session 31: the first part that is no study mode, school kind or year ("全日制 2017届 计算机科学与技术")
        word = next((w for w in rest.split() if not _NOT_A_MAJOR_PART.match(w)), "") if rest else ""
        if word and (families := major_families(word)):
            # Session 26 (emp-read26, blind26 read): a major's direction ("计算机应用（电商直播方向）") is studied too
            for direction in _MAJOR_DIRECTION.findall(edu[level.end():]):
                families |= major_families(direction)
            return families, word
    return frozenset(), ""


_MAJOR_DIRECTION = re.compile(r"[(（]([^()（）]{2,12}?)方向[)）]")


# Session 31 (emp-read31, blind31 read): a notice's "专业要求：计算机类", "专业要求：中国语言文学类、新闻传播学类" (the 类 of
# the 教育部 目录, or majors named, after the words "专业要求"/"专业限"/"所学专业"), up to the clause's end — read as "XX专业"
# is; "专业要求：不限", "专业不限" and "专业：相关专业优先" require nothing
_MAJOR_ASKED_FIRST = re.compile(r"(?:专业要求|专业限制|专业条件|所学专业|专业)(?:为|须为|需为)?[:：]\s*([^；;。，,\s]{2,40})|"
                                r"专业限(?:于)?\s*([^；;。，,\s]{2,40})")


def _one_family(parts: list[str]) -> str:
    """The one family every listed major belongs to, or "" (none, or majors of several families)."""
    common: frozenset[str] | None = None
    for part in parts:
        families = major_families(part)
        common = families if common is None else common & families
    return next(iter(common)) if common is not None and len(common) == 1 else ""


def _major_asked_first(s: str) -> tuple[str, str]:
    for m in _MAJOR_ASKED_FIRST.finditer(s):
        listed = (m.group(1) or m.group(2)).strip()
        if re.search(r"不限|均可|皆可|不要求|无要求|优先|相关专业|或.{0,12}(?:经验|经历|年以上)", listed):
            continue
        listed = re.sub(r"[(（][^()（）]*[)）]", "", listed)      # "医学技术类（医学检验技术）": the class
        parts = [p for p in re.split(r"、|或者|或|及|以及|/|和", listed) if p]
        if not parts:
            continue
        if family := _one_family(parts):
            return family, m.group(0)
    return "", ""


def required_major(text: object) -> tuple[str, str]:
    """(family, phrase) of a major a posting requires ("药学或医学相关专业", "护理专业大专及以上", "设计类专业"), or ("", "").
    Not required: a major preferred ("会计专业优先", "…相关专业者优先"), "专业不限", a major or experience ("水产养殖专业或
    2年以上养虾经验"), majors of two families ("学前教育或体育专业"), or a major no family knows."""
    s = normalise_text(text)
    if "专业" in s and (first := _major_asked_first(s))[0]:       # "专业要求：计算机类" (session 31)
        return first
    for m in (_MAJOR_WORD.finditer(s) if "专业" in s else ()):
        after = s[m.end():]
        if _MAJOR_PREFERRED.match(after) or _MAJOR_OR_EXPERIENCE.match(after) or re.match(r"不限|均可|皆可|不要求", after):
            continue
        phrase = _MAJOR_LEAD.split(m.group(1))[-1].strip("、/")
        parts = [p for p in _MAJOR_PARTS.split(phrase) if p]
        if not parts or any(re.search(r"不限|无|不要求", p) for p in parts):
            continue
        if family := _one_family(parts):
            return family, s[m.end(1) - len(phrase):m.end()]
    return "", ""


# ---------------------------------------------------------------------------------------------- experience

_YEARS = re.compile(r"(\d+(?:\.\d+)?|[一二两三四五六七八九十半]+)\s*(?:年|多年|余年|来年)")
# A count of years is a date, not years of work, when it is written as a year: four digits ("2019年毕业"); two digits
# beyond any working life ("88年，去深圳打工") or followed by what follows a date ("18年去广东", "95年出生", "70年代").
# One digit and Chinese numerals are counts ("做电焊5年后回乡", "十年来一直做厨师", "做了十年在家带孩子"), unless
# followed by what only follows a date ("九几年出生", "那年").
_DATE_AFTER = re.compile(r"代|出生|生|前|后|底|初|开始|起|至|到|去|来|进|在|毕业|的时候|那年")
_ONLY_AFTER_A_DATE = re.compile(r"代|出生|生|毕业|的时候|那年|(?:以)?前(?!台)")   # "三年前做过服务员": when, not how long
MAX_EXPERIENCE_YEARS = 60   # a seeker younger than 80 (`MAX_AGE`) who began at 16 or later: 63, rounded down
EARLIEST_WORK_YEAR = 1950   # a span of work starting before it is not read (no seeker under 80 worked then)

# A span of work written as dates (session 12): "2015-2024年", "2015年到2024年", "2015—2024", "15年到24年",
# "2019.3-2023.6", "2019年3月至2023年6月", and open to the reference year: "2018年至今", "2018年到现在".
# A year is four digits, or two followed by 年 ("15年到24年"; "15-24" alone is no span); a month follows as ".3", "/3"
# or "年3月". Not a span: a year in an address or a number ("幸福路2015-2024号", "2000-2500元"), digits within a
# longer number, a date ("2024-05-01").
_SPAN_YEAR = r"(?<![\d.])((?:19|20)\d\d|\d\d(?=\s*年))\s*(?:年\s*)?(?:(?:[./]|(?<=年))\s*(\d{1,2})\s*(?:月份?)?\s*)?"
_SPAN_SEP = r"(?:-|~|—|–|―|至|到|一直到|一直干到|干到|做到)"
_SPAN = re.compile(_SPAN_YEAR + r"\s*" + _SPAN_SEP + r"\s*" +
                   r"((?:19|20)\d\d|\d\d(?=\s*年))\s*(?:年\s*)?(?:(?:[./]|(?<=年))\s*(\d{1,2})\s*(?:月份?)?)?"
                   r"(?![\d号栋楼室弄巷路街元块米平斤吨])")
_SPAN_OPEN = re.compile(_SPAN_YEAR + r"\s*(?:起|开始|以来)?\s*(?:-|~|—|至|到|一直到|直到)?\s*"
                        r"(?:至今|现在|如今|今天|今年|目前|迄今|现今)")
_CN_YEAR = re.compile(r"[一二三四五六七八九〇零]{4}(?=年)|(?<=[-—~至到])[一二三四五六七八九〇零]{4}")
# a count someone else asks for, written in a seeker's history ("看到招聘要求2年以上", "厂里要求三年经验"): not theirs
_ASKED = re.compile(r"(?:要求|需要|需|招聘|招)(?:有)?(?:工作)?(?:经验)?\s*(?:\d+(?:\.\d+)?|[一二两三四五六七八九十半]+)\s*(?:年|个月)")
_MONTHS = re.compile(r"(?<!每)(?<!试用期)(?<!试用)(\d{1,3}|[一二两三四五六七八九十半]+)\s*个(?:多)?月")
_YEARS_AND_MONTHS = re.compile(r"(\d+|[一二两三四五六七八九十]+)\s*年\s*(?:零|又)?\s*(\d{1,2}|[一二两三四五六七八九十]+)\s*个(?:多)?月")
_YEAR_AND_A_HALF = re.compile(r"(\d+|[一二两三四五六七八九十]+)\s*年半")


def _full_year(raw: str, year: int | None) -> int:
    """'2015' → 2015; '15' → 2015 (1915 never: 1900 + yy when 2000 + yy is after the reference year, or beyond
    2049 without one)."""
    if len(raw) == 4:
        return int(raw)
    yy = int(raw)
    return 2000 + yy if 2000 + yy <= (year if year is not None else 2049) else 1900 + yy


def _month(raw: str | None) -> int:
    """A month 1..12 as written, else January, at either end: "2015-2024年" is nine years, as people count it,
    not ten."""
    if raw and 1 <= int(raw) <= 12:
        return int(raw)
    return 1


def work_spans(text: object, *, year: int | None = None) -> tuple[list[tuple[int, int]], bool, str]:
    """The spans of work written as dates in `text`, as (start, end) month indexes (year × 12 + month − 1), the
    text with them taken out, and whether a span open to today ("2018年至今") was left unmeasured for want of a
    reference `year` (the pure core reads no clock). A span is kept only when it starts in or after
    `EARLIEST_WORK_YEAR`, ends no earlier than it starts and (with `year`) no later than `year`."""
    s = normalise_text(text)
    s = _CN_YEAR.sub(lambda m: "".join(str(_CN_DIGITS[c]) for c in m.group(0)), s)
    spans: list[tuple[int, int]] = []
    open_unmeasured = False

    def keep(y1: int, m1: int, y2: int, m2: int) -> bool:
        if y1 < EARLIEST_WORK_YEAR or (year is not None and y2 > year):
            return False
        a, b = y1 * 12 + m1 - 1, y2 * 12 + m2 - 1
        if b < a:
            return False
        spans.append((a, b))
        return True

    def closed(m: re.Match[str]) -> str:
        y1 = _full_year(m.group(1), year)
        y2 = _full_year(m.group(3), year)
        if len(m.group(3)) == 2 and len(m.group(1)) == 4 and m.group(1)[2:] <= m.group(3):
            y2 = int(m.group(1)[:2] + m.group(3))            # "2015-18年": the same century as the start
        return " " if keep(y1, _month(m.group(2)), y2, _month(m.group(4))) else m.group(0)

    def open_(m: re.Match[str]) -> str:
        nonlocal open_unmeasured
        if year is None:
            open_unmeasured = True
            return " "
        y1 = _full_year(m.group(1), year)
        # "2018年3月至今" runs to the reference year's start when no month is known of it: whole years, as above
        return " " if keep(y1, _month(m.group(2)), year, _month(m.group(2))) else m.group(0)

    s = _SPAN.sub(closed, s)
    s = _SPAN_OPEN.sub(open_, s)
    return spans, open_unmeasured, s


def _span_years(spans: list[tuple[int, int]]) -> float:
    """The years the spans cover, overlapping months counted once."""
    total, reach = 0, None
    for a, b in sorted(spans):
        if reach is not None and a < reach:
            a = reach
        if b > a:
            total += b - a
        reach = b if reach is None else max(reach, b)
    return round(total / 12, 2)


def _is_a_date(raw: str, text: str, end: int) -> bool:
    if re.fullmatch(r"(19|20)\d\d", raw):
        return True
    if re.fullmatch(r"\d\d", raw):
        return int(raw) > MAX_EXPERIENCE_YEARS or bool(_DATE_AFTER.match(text, end))
    return bool(_ONLY_AFTER_A_DATE.match(text, end))


def _count(raw: str) -> float | None:
    if raw == "半":
        return 0.5
    return cn_number(raw)


def parse_experience(text: object, *, strict: bool = False, year: int | None = None, seeker: bool = False) -> float:
    """Years of experience: '3年' → 3, '两年以上' → 2, '半年' → 0.5, '三个月' → 0.25, '做过流水线' → 0.5,
    '无'/'不限' → 0. A span of dates ("2015-2024年在东莞开叉车" → 9; several spans summed, an overlap once;
    "2018年至今" to the reference `year`, which the caller passes: without it such a span counts as some
    experience, 0.5) is read beside the counts, the larger kept. A number of years beyond `MAX_EXPERIENCE_YEARS`
    ("100年") is no experience anyone has: read as nothing, or with `strict` (the import sheets and forms) refused
    with a ValueError in Chinese. Dates ("95年去广东", "2019年毕业", "2024年考的叉车证") are not years of work.
    `seeker`: the text is a seeker's history, where a count someone asks for ("看到招聘要求2年以上") is not theirs."""
    s = normalise_text(text)
    if not s or re.fullmatch(r"(无|没有|不限|经验不限|无经验|无要求|应届|-|/)+", s) or re.search(r"经验不限|无经验要求|无需经验|不需要经验|接受无经验|无经验可|可带|小白", s):
        return 0.0
    spans, open_unmeasured, s = work_spans(s, year=year)
    if seeker:
        s = _ASKED.sub(" ", s)
    s = _approximate_years(s)
    s = _YEARS_AND_MONTHS.sub(lambda m: _years_text(cn_number(m.group(1)), cn_number(m.group(2)), 12), s)
    s = _YEAR_AND_A_HALF.sub(lambda m: _years_text(cn_number(m.group(1)), 1, 2), s)
    best: float | None = None
    if spans:
        spanned = _span_years(spans)
        if spanned > MAX_EXPERIENCE_YEARS:
            if strict:
                raise InvalidValue(f"工作经历的年份跨度 {spanned:g} 年不是可能的工作年限（最多 {MAX_EXPERIENCE_YEARS} 年），请核实。")
        else:
            best = spanned
    for m in _YEARS.finditer(s):
        raw = m.group(1)
        if _is_a_date(raw, s, m.end()):
            continue
        v = _count(raw.replace("半", "") or "半")
        if v is None:
            continue
        if v <= MAX_EXPERIENCE_YEARS:
            best = max(best or 0.0, v)
        elif strict:
            raise InvalidValue(f"“{m.group(0)}”不是可能的工作年限（最多 {MAX_EXPERIENCE_YEARS} 年），请核实。")
    if best is None:
        months = [n for m in _MONTHS.finditer(s) if (n := _count(m.group(1))) is not None and 0 < n <= 12 * MAX_EXPERIENCE_YEARS]
        if months:
            best = round(max(months) / 12, 2)
    if best is not None:
        return float(best)
    if open_unmeasured:
        return 0.5
    if re.search(r"多年|好几年|很多年|十几年|几年", _DECADE_DATE.sub("", s)):
        return 3.0
    # some experience when one clause says so without saying none: "没做过电工，做过普工" has some; "没做过",
    # "有没有经验都行", "不会可以教" have none, whatever words follow in their clause
    # — but a clause saying none wins over a bare "会" elsewhere ("没有经验，但会吃苦", "会开车，没经验"): only work done
    # ("做过普工", "在电子厂干过") outweighs it
    clauses = re.split(r"[，,。；;、]", s)
    said_none = any(_NO_EXPERIENCE.search(c) for c in clauses)
    some = _WORK_DONE if said_none else _SOME_EXPERIENCE
    if any(some.search(c) and not _NO_EXPERIENCE.search(c) for c in clauses):
        return 0.5
    return 0.0


def _years_text(whole: float | None, part: float | None, per: int) -> str:
    """'两年三个月' → '2.25年', '一年半' → '1.5年' (read by `_YEARS` as one count)."""
    if whole is None or part is None:
        return " "
    return f"{whole + part / per:g}年"


# "九几年出生", "八几年去的广东": a decade (the 1990s), not "a few years" of work (session 11; 十几年 and 二十几年 are years).
_DECADE_DATE = re.compile(r"(?<![十几])[零〇一二三四五六七八九]几年")

# Years said roughly, read at their lower end: "十几年" → 10, "二十几年" → 20, "几十年" → 20 (a few tens), "两三年" → 2,
# "七八年" → 7, "一二十年" → 10 (two neighbouring numerals are a range, not a number).
_SOME_TENS = re.compile(r"([一二两三四五六七八九]?十)几(?=(?:多|余)?年)")
_FEW_TENS = re.compile(r"几十(?=(?:多|余)?年)")
_NEIGHBOURS = re.compile(r"(?<![一二两三四五六七八九十几])([一二两三四五六七八九])([二两三四五六七八九])(?=十?(?:多|余)?年)")


def _approximate_years(s: str) -> str:
    s = _FEW_TENS.sub("二十", _SOME_TENS.sub(r"\1", s))
    return _NEIGHBOURS.sub(lambda m: m.group(1) if _CN_DIGITS[m.group(2)] == _CN_DIGITS[m.group(1)] + 1
                           else m.group(0), s)


_SOME_EXPERIENCE = re.compile(r"做过|干过|有经验|熟练|会|从事|当过|在.{1,8}(厂|公司|店|工地)")
_WORK_DONE = re.compile(r"做过|干过|当过|从事过|在.{1,8}(厂|公司|店|工地)")


_NO_EXPERIENCE = re.compile(r"(?:没|没有|未|从没|从未|从来没|不曾)(?:有)?(?:做过|干过|当过|从事过|上过班|工作过|经验)|"
                            r"有没有经验|有无经验|经验(?:有无|有没有)|不会(?:的)?(?:可以|也可|能)?(?:教|学|带)|"
                            r"经验(?:都可以|都行|均可|无所谓|没要求)")



# Two jobs in one row ("纸箱印刷机长、普工", "复卷工、叉车司机"): an experience requirement whose words name the work of
# one of them and not of the other ("机长需2年以上印刷开槽机经验", "1年以上开叉车经验") is that job's alone, so the row as a
# whole asks none (the other job is open without it; the writers' rule: each job judged by its own requirements).
_TITLE_PARTS = re.compile(r"[、，,/＋+]|和|及")
_GENERIC_BIGRAMS = frozenset(("工人", "人员", "师傅", "若干", "熟手", "学徒", "员工", "操作", "作工"))


def experience_of_one_job(title: object, experience: object) -> bool:
    """Whether a posting's 经验要求 names the work of exactly one of the jobs its title lists (two or more parts split
    at 、 / + 和 及, no two of them sharing a two-character word) and of no other: "纸箱印刷机长、普工" + "机长需2年以上印刷开槽机经验"
    → True; "电工" + "2年以上电工经验" (one job) or "焊工、铆工" + "2年以上经验" (naming neither) → False."""
    parts = [p for p in _TITLE_PARTS.split(re.sub(r"[（(][^）)]*[）)]", "", normalise_text(title))) if len(p) >= 2]
    if len(parts) < 2:
        return False
    words = [{p[k:k + 2] for k in range(len(p) - 1)} - _GENERIC_BIGRAMS for p in parts]
    if any(a & b for n, a in enumerate(words) for b in words[n + 1:]):
        return False                    # one trade named twice ("焊工、电焊工"), not two jobs
    s = normalise_text(experience)
    return sum(any(w in s for w in ws) for ws in words) == 1

# ---------------------------------------------------------------------------------------------- limits and demands

# WEEKEND, DAYTIME and FULL_DAY (session 13): work at weekends ("做六休一", "单休"), day work only ("长白班": not for a seeker
# who can only work nights), a full day's hours ("长白班", or stated hours of 7 hours or more, `hours.job_bits`: not for
# "只能做半天"). The bits above the last demand hold the hours of the day (`hours.SLOT_SHIFT`): at most 16 demands.
DEMANDS = ("STANDING", "NIGHT", "HEAVY", "HEIGHT", "DRIVING", "SEA", "LONG_HOURS", "AWAY", "HEARING", "FINE_VISION",
           "NO_HOUSING", "MEN_ONLY_LAWFUL", "MANDARIN", "WEEKEND", "DAYTIME", "FULL_DAY")
DEMAND_BITS = {d: 1 << i for i, d in enumerate(DEMANDS)}
DEMAND_LABELS = {
    "STANDING": "长时间站立", "NIGHT": "夜班/倒班", "HEAVY": "重体力搬运", "HEIGHT": "高处作业", "DRIVING": "驾驶车辆",
    "SEA": "出海/船上作业", "LONG_HOURS": "工时长", "AWAY": "需离家住宿", "HEARING": "长时间接听电话",
    "FINE_VISION": "精细目视作业", "NO_HOUSING": "不提供住宿",
    "MEN_ONLY_LAWFUL": "女职工禁忌从事的作业", "MANDARIN": "讲普通话", "WEEKEND": "周末上班", "DAYTIME": "只有白班",
    "FULL_DAY": "全天班",
}
# Shift patterns are read from the posting's text only; an occupation's typical physical demands are
# defaults that the text can lift ("可坐着", "长白班").
# Heights too (the writers' rule: a trade name alone — 电工, 装修工, 家电维修 — asks no climbing), except for a trade whose
# work is at height by definition: a scaffolder (架子工) always climbs.
TEXT_ONLY_DEMANDS = frozenset({"NIGHT", "LONG_HOURS", "AWAY", "HEIGHT"})
AT_HEIGHT_BY_TRADE = frozenset({"6-29-05"})

_JOB_DEMAND_WORDS = {
    # a shift of 24 hours holds a night ("做一休一（24小时班）", "24小时在岗"; session 18)
    "NIGHT": ("夜班", "两班倒", "三班倒", "倒班", "轮班", "晚班", "通宵", "上夜", "白夜班", "夜间", "大小夜", "24小时值班", "值夜",
              "24小时班", "24小时一班", "24小时在岗", "24小时值守"),
    # walking rounds (session 16, blind16 read: "入户走访", "骑车走村", "步行巡查") keep the worker on their feet as standing does
    "STANDING": ("站立", "站着", "久站", "站岗", "全程站", "站班", "走村", "入户走访", "走访入户", "步行巡", "徒步巡"),
    "HEAVY": ("搬运", "重物", "体力好", "力气大", "扛", "装卸", "搬货", "卸货", "能吃苦耐劳体力", "重体力"),
    # "需在十几米高的钢架上作业"; a ladder, a tree or a roof is a height too ("搭梯子上树摘果", "屋顶铺瓦")
    "HEIGHT": ("高空", "高处", "登高", "脚手架", "爬高", "米高", "钢架上", "梯子", "爬梯", "人字梯", "上树", "爬树", "屋顶", "楼顶",
               "屋面"),
    "DRIVING": ("驾驶", "开车", "送货司机", "驾照", "驾驶证"),
    "SEA": ("出海", "渔船", "船上", "远洋"),
    # living in at the employer's ("住雇主家", "住在客户家里": 住家 with the household named, session 15)
    "LONG_HOURS": ("早出晚归", "12小时", "十二小时", "加班多", "长期加班", "无休", "每天工作10", "每天工作11", "住家", "全天候",
                   "住雇主家", "住在雇主家", "住客户家", "住在客户家", "住东家", "住在东家"),
    "AWAY": ("外派", "驻外", "长期出差", "出海", "住家", "驻场", "住雇主家", "住在雇主家", "住客户家", "住在客户家", "住东家",
             "住在东家"),
    # session 17: "接电话" (a clerk's "接电话、做表") answers the phone as "接听电话" does
    # session 19 (blind19 read): hearing stated as a 体检 item or of the work ("需听力正常", "能听清指令（现场噪音大）")
    "HEARING": ("接听电话", "电话沟通", "话务", "电话回访", "接线", "接电话", "听力正常", "听清指令", "听力良好"),
    # session 19 (blind19 read): colour checking ("辨色") is a condition of its own (`BODY_CONDITIONS`: COLOUR), not fine
    # sight — a colour-blind seeker sees detail; good sight stated and work under a loupe or microscope are fine sight
    "FINE_VISION": ("目检", "视力好", "精细", "视力良好", "外观检查", "显微镜", "放大镜"),
}
# Customer service written as typed replies ("打字回复买家", "在线文字回复", "文字客服") asks no hearing of its trade
# (session 17, blind17 read); a phone said beside it ("打字回复，也要接电话") keeps it. Typing is named: "回复买家消息"
# alone may be the phone as well (`test_matching_two_trades`)
_TYPED_REPLIES = re.compile(r"打字回复|文字回复|打字聊天|文字客服|打字沟通|打字回消息|打字回"
                            # Session 21 (emp-read21, blind21 read): "客服（文字）", "坐着打字", "文字咨询", "文字为主"
                            r"|客服[（(]文字|坐着打字|文字咨询|文字为主")
_JOB_DEMAND_LIFTS = {
    # a stool named ("坐小凳干", "坐板凳剥虾") is seated work (session 16, blind16 read)
    "STANDING": ("坐着", "可坐", "坐姿", "坐班", "不用久站", "不需要久站", "不用站", "无需站立", "坐小凳", "坐凳", "坐板凳",
                 "坐矮凳", "坐小板凳"),
    "NIGHT": ("长白班", "只上白班", "纯白班", "不上夜班", "无夜班", "没有夜班", "不用上夜班", "不倒班", "正常白班", "无需夜班",
              "不加夜班", "不开夜班", "不值夜班",
              # Session 27 (emp-fix27): a day-only option the posting offers ("学生可以只排早班")
              "只排早班", "只排白班", "只上早班", "只做早班", "只做白班"),
    "HEAVY": ("不用搬", "无需搬运", "轻松", "不累",
              # Session 22 (emp-read22, blind22 read): the load carried by others or by a machine ("不用扛水泥", "不扛
              # 重物", "有行车吊运", "塔吊吊运") — the load a trade usually carries (泥水工, 钢筋工) is not the worker's
              "不用扛", "不扛", "无需扛", "不需要扛", "不需扛", "不用自己扛", "行车吊运", "吊车吊运", "机械吊运", "塔吊吊运",
              "行车吊装", "机械搬运"),
    "AWAY": ("当天回港", "当天返港", "下午回港", "傍晚回港", "晚上回港", "当天返回", "当天往返", "当天回来", "不过夜"),
    "LONG_HOURS": ("不加班", "8小时", "八小时", "朝九晚五", "做六休一"),
}
_SEEKER_LIMIT_WORDS = {
    "NIGHT": ("只上白班", "只做白班", "只能白班", "白天班", "不上夜班", "不能上夜班", "不做夜班", "不能熬夜", "不要夜班", "不倒班",
              "不能倒班", "不上晚班", "晚上要", "晚上不能", "不要倒班", "长白班", "只要白班", "白班", "只能白天",
              "只做白天", "白天上班", "晚上不上班", "夜里不行",
              # session 19: a pregnant or breastfeeding worker is kept from night work (《女职工劳动保护特别规定》 arts. 6, 9)
              "怀孕", "孕妇", "孕期", "哺乳"),
    "STANDING": ("不能久站", "站不久", "站不了", "不能长时间站", "不能站太久", "站久了", "腿脚不好", "腿脚不便", "腿不好", "腿有残疾",
                 "下肢残疾", "拄拐", "坐轮椅", "膝盖不好", "静脉曲张",
                 # walking limited (session 16): on one's feet no longer than standing allows
                 "走路不便", "行走不便", "走路不方便", "行走困难", "走路困难", "走不了远路", "走不远", "不能走远路"),
    # a back or neck complaint limits lifting, carrying and bending (搬运, 扛), not standing: a seeker whose
    # standing is limited too says so ("站久了腰疼", "不能久站")
    "HEAVY": ("不能干重活", "干不了重活", "不能搬重", "搬不动", "体力不好", "不能做重活", "重活干不了", "肢体残疾",
              # session 23 (emp-read23, blind23 read): "只能干轻活", "挑不动重担", "不能扛重", "不能挑重"
              "只能干轻活", "只能做轻活", "挑不动", "扛不动", "不能扛重", "不能挑重", "不能挑担", "挑不了",
              "腰不好", "腰椎", "腰间盘", "椎间盘", "腰肌劳损", "腰伤", "腰疼", "腰痛", "闪过腰", "闪了腰", "颈椎",
              "身体不好", "有病", "做过手术", "怀孕", "孕妇", "心脏"),
    "HEIGHT": ("恐高", "不能登高", "不能爬高", "高血压", "肢体残疾", "视力残疾", "癫痫", "头晕", "怀孕", "孕妇", "孕期"),
    "DRIVING": ("不会开车", "没驾照", "没有驾照", "视力残疾", "视力不好", "眼睛不好", "色盲", "癫痫"),
    # Session 28 (emp-read28, blind28 read): "一上船就吐", "坐船就吐" say the seasickness as a fact
    "SEA": ("晕船", "不会游泳", "不出海", "上船就吐", "坐船就吐"),
    "LONG_HOURS": ("接送孩子", "接送小孩", "接孩子", "送孩子上学", "孩子还小", "小孩还小", "孩子小", "家里有小孩", "照顾家里", "要顾家",
                   "只能做半天", "半天班", "只做半天", "上午有空", "下午有空", "不能加班", "不加班", "要做饭", "钟点",
                   "兼职", "时间要灵活", "时间灵活"),
    "AWAY": ("接送孩子", "接送小孩", "接孩子", "孩子还小", "小孩还小", "孩子小", "家里有小孩", "要回家", "不住宿", "每天回家",
             "不能住厂", "不外出", "不出远门", "离家近", "不能离家", "要顾家"),
    "HEARING": ("听力残疾", "听力不好", "耳朵不好", "耳背", "聋", "聋哑", "言语残疾", "说话不清", "听力差", "听不清", "助听器"),
    # 色盲 is no limit of fine sight (session 19, blind19 read: "红绿色盲" refused assembly and soldering that state no
    # colour check); it is the colour limit of `BODY_LIMITS`. Sight said poor ("视力差", "看小字费劲") is
    "FINE_VISION": ("视力残疾", "视力不好", "眼睛不好", "老花", "弱视", "看不清", "视力差", "看小字费劲", "看小字吃力"),
}
_CHILDCARE = ("接送孩子", "接送小孩", "接孩子", "送孩子上学", "孩子还小", "小孩还小", "孩子小", "家里有小孩")
# "不加夜班", "不开夜班", "不值夜班": the word after 不 is a verb of doing the shift, not the shift's negation's object
# "不用上脚手架", "无需爬高", "不上夜班": a verb of going to the work may stand between the negation and the word (blind11
# read after its run: "都在厂房里的平台上做，不用上脚手架" is no work at height)
_NEGATION_BEFORE = re.compile(r"(不|无|没|免|非|不用|不需|无需|没有|不加|不开|不值|不排|不安排)(?:上|爬|登|去|做|干|搬|扛|搭)?$")


# a shift said to be someone else's ("白班照顾老人起居，夜班另有人值"): not asked of the applicant
_OTHERS_DO_IT = re.compile(r"(?:另有(?:专)?人|由其他人|由别人|另安排人)(?:员)?(?:值|值守|值班|负责|上)"
                           # or left to the worker's choice ("长白班，另有夜班岗位自愿", "夜班可选"; session 20, blind20)
                           r"|(?:岗位?|班次?)?(?:自愿|可选|自选)(?!加班)")


# Session 21 (emp-read21, blind21 read): a shift left to the worker's choice before it is named ("时间可选早班、晚班")
_CHOICE_BEFORE = re.compile(r"(?:可选|自选|任选|可自选)[^，。；,;]{0,5}$")


def _mentions(text: str, word: str) -> bool:
    start = 0
    while (i := text.find(word, start)) >= 0:
        if not _NEGATION_BEFORE.search(text[max(0, i - 3):i]) and not _OTHERS_DO_IT.match(text, i + len(word)) \
                and not _CHOICE_BEFORE.search(text[max(0, i - 8):i]):
            return True
        start = i + 1
    return False


# Housing. A seeker who says firmly they must be housed ("一定要包住", "必须有宿舍") cannot take a posting that houses
# nobody: the blind6, blind7 and blind8 writers wrote it as a rule (eval/README.md: "一定要包住 breaks a posting without
# housing"). A posting houses its workers when its text or benefits say so (包住, 包吃住, 宿舍, 住宿) or the work is
# lived in (住家, 住在病房, 住塘边); "不包住", "无宿舍" say the opposite. NO_HOUSING is the posting's "demand" that the
# worker find their own bed; nothing else reads it.
_HOUSED = ("包住", "包吃住", "吃住", "宿舍", "住宿", "住家", "住在", "住塘", "住厂", "住场", "住店", "提供住")
# "要包住", "必须有宿舍" — not "不需要包住", "不一定要包住", "不用住宿舍" (a negation before the whole demand)
_MUST_BE_HOUSED = re.compile(r"(?:一定|必须|需要|需|得|要)(?:包住|包吃住|包食宿|住宿舍|有宿舍|提供住宿|住宿)")
_HOUSING_NEGATED = re.compile(r"[不别无]")
# A posting's own words that it houses nobody, whatever housing words they contain
_NOT_HOUSED = re.compile(r"不(?:提供|包|含|负责|安排)(?:吃)?(?:住宿|住|宿舍)|住宿(?:自理|自行解决|自付)|无(?:住宿|宿舍)|宿舍已满")


# How strongly a seeker asks to be housed (session 16). Writers differ on a plain "要包住": blind6–8 wrote "一定要包住
# breaks a posting without housing", blind8 graded "要包住" 0 on a posting stating "不包住", while blind13 ("要包住 unmet
# lowers 2 to 1; 必须包住 / 没地方住 is a limit") and dev6 (its call 11) grade a plain "要包住" 1 on a posting silent on
# housing. One reading holds for all of them: a wish said firmly ("一定要包住", "必须包住", "没地方住") refuses every
# posting that houses nobody (the limit NO_HOUSING, as before); a plain wish ("要包住", "要包吃住") refuses only a posting
# that says it houses nobody ("不包住", "无宿舍", `_NOT_HOUSED`), and a posting that houses is preferred for it. Neither
# has a demand bit left (all sixteen taken), so both ride on certificate bits, as cold water does: every seeker holds
# NOT_HOUSED_OK unless they ask to be housed, and a posting stating it houses nobody requires it; a posting that houses
# prefers HOUSED_FIT, which every seeker asking to be housed holds.
NOT_HOUSED_OK = 1 << 29
HOUSED_FIT = 1 << 28
_FIRMLY = re.compile(r"一定|必须|务必|非得|非要|肯定")
_NOWHERE_TO_LIVE = re.compile(r"(?<![不])(?:没|没有|无)(?:地方|住处|地儿)(?:可)?住|没处住|无处住")


def housing_wish(text: object) -> int:
    """0: no wish to be housed; 1: a plain wish ("要包住"); 2: a firm one ("一定要包住", "必须包住", "没地方住")."""
    s = normalise_text(text)
    wish = 0
    for m in _MUST_BE_HOUSED.finditer(s):
        before = s[max(0, m.start() - 3):m.start()]
        if _HOUSING_NEGATED.search(before):
            continue
        firm = _FIRMLY.search(s[max(0, m.start() - 2):m.start() + 2])     # "一定要包住", "必须包住", "非得包吃住"
        wish = max(wish, 2 if firm else 1)
    if _NOWHERE_TO_LIVE.search(s):
        wish = 2
    return wish


def states_no_housing(text: object, benefits: object = "") -> bool:
    """Whether a posting says in its own words that it houses nobody ("不包住", "住宿自理", "无宿舍")."""
    return bool(_NOT_HOUSED.search(f"{normalise_text(text)} {normalise_text(benefits)}"))


def houses_worker(text: object, benefits: object = "") -> bool:
    """Whether a posting's text or benefits house the worker ("包吃住", "住家"; not "不包住"). A posting that does
    not has the demand NO_HOUSING (added by the callers of `infer_job_demands`, which reads the work only)."""
    s = _NOT_HOUSED.sub("", f"{normalise_text(text)} {normalise_text(benefits)}")
    return any(_mentions(s, w) for w in _HOUSED)


# Rotations named by their count ("四班三倒", "三班两倒", "四班二倒"): four crews over three shifts round the clock, so
# nights; "三班倒" and "两班倒" are words of their own above.
_ROTATION = re.compile(r"[两二三四五]班[两二三四]倒")
# Round-the-clock care ("24小时陪护", "24小时看护", "全天24小时照护"): the carer sleeps where the patient is, so nights,
# long hours and a night away from home (as 住家 is).
_ROUND_THE_CLOCK_CARE = re.compile(r"24小时(?:陪护|看护|照护|照顾|护理|陪床|陪伴)|二十四小时(?:陪护|看护|照护|照顾|护理|陪床)")
# Stated hours. A clock time: an optional part of the day, an hour in digits or numerals, then 点 (半, 一刻, N分) or :MM.
_DAYPART = r"(?P<{0}>凌晨|早上|早晨|清晨|早|上午|中午|午|下午|傍晚|晚上|晚|夜里|夜间|深夜|半夜)?"
_CLOCK = r"{0}(?P<{1}>\d{{1,2}}|[一二两三四五六七八九十]{{1,3}})(?:[:：](?P<{2}>[0-5]\d)|点(?P<{3}>半)?)"
_WORK_HOURS = re.compile(
    _CLOCK.format(_DAYPART.format("p1"), "h1", "m1", "half1") + r"(?:开工|上班|开始)?[^，。；,;\d]{0,2}?(?:到|至|-|~|—|－|～)"
    # an end on the next day ("18:00至次日2:00", session 30) is past midnight, as `hours._RANGE` reads it
    + r"(?P<next>次日|第二天|翌日|隔天)?" + _CLOCK.format(_DAYPART.format("p2"), "h2", "m2", "half2"))
_PM_PARTS = ("下午", "傍晚", "晚上", "晚", "夜里", "夜间", "深夜")


def _clock_hour(part: str | None, hour: str, minutes: str | None, half: str | None, inherit: str | None,
                end: bool = False) -> float | None:
    """A clock time on the 24-hour scale, from the part of the day written before it (or, for the end of a range
    without one, the start's): 晚上7点 → 19, 晚上12点 → 24, 下午5点半 → 17.5, 21:30 → 21.5; the end of a range in the
    small hours is past midnight (…到半夜1点 → 25), its start is not (凌晨5点到… → 5)."""
    n = cn_number(hour)
    if n is None or n > 24:
        return None
    h = n + (0.5 if half else 0) + (int(minutes) / 60 if minutes else 0)
    p = part or inherit
    if p in _PM_PARTS and h <= 12:
        h += 12
    elif end and p in ("凌晨", "半夜", "深夜") and h < 6:
        h += 24
    return h


# Session 34 (emp-left34): an end said alone, with no start — "加班到23:00", "赶货期加班到晚上11点", "晚班到凌晨1点",
# "23:00下班" — runs into the night as a range ending then does. The line is the night's start, 22:00: 《劳动法》 defines no
# night; the labour ministry's 《〈女职工劳动保护规定〉问题解答》 (劳安字〔1989〕1号) reads 夜班劳动 as work between 22:00 and
# 6:00 the next day, and the blind27 and blind34 writers grade by it (blind34's convention 6: "夜班 = work between 22:00 and
# 06:00"). An end by then ("晚上8点下班", "工作到晚上九点半", "加班到22:00") is evening work; an hour of 12 or less with no
# part of the day ("加班到11点") may be the morning's and is not read; overtime left to the worker ("自愿加班到23:00",
# "可加班到晚上11点") is not asked.
_END_ALONE = re.compile(
    r"(?<!自愿)(?<!可)(?<!可以)(?:加班|上班|工作|干活|晚班|夜班|营业|下班时间)(?:时间)?(?:一般|最晚|有时|偶尔)?(?:会)?(?:到|至)"
    + _CLOCK.format(_DAYPART.format("p"), "h", "m", "half")
    + r"|(?<![到至\-~—－～\d:：点])" + _CLOCK.format(_DAYPART.format("q"), "g", "n", "halfq") + r"(?:才)?下班")


# Session 35 (fixcr35a, code review): an overtime or end denied ("不加班到晚上11点", "无需加班到晚上11点", "一般不会加班到
# 晚上11点", "从不上班到凌晨") is no night work: the words right before the verb say it is not done
_END_DENIED = re.compile(r"(?:不|无|没|没有|从不|绝不|很少|不会|不用|不需|不需要|无需|无须|不必|不要|不得|禁止|不允许|不让|不再)"
                         r"(?:会|用|需|需要|必|要|再|得)?$")


def end_said_alone(text: object) -> float:
    """The latest end of work a posting states alone, on the 24-hour clock past midnight (`_END_ALONE`: "加班到23:00" → 23,
    "晚班到凌晨1点" → 25, "晚上8点下班" → 20); 0 where none is stated or none can be placed ("加班到11点")."""
    latest = 0.0
    s = normalise_text(text)
    for m in _END_ALONE.finditer(s):
        if _END_DENIED.search(s[max(0, m.start() - 4):m.start()]):
            continue
        part, hour, minutes, half = (m.group("p", "h", "m", "half") if m.group("h") else m.group("q", "g", "n", "halfq"))
        end = _clock_hour(part, hour, minutes, half, None, end=True)
        if end is None or (part is None and end <= 12):
            continue        # a morning, or a bare hour that may be one
        latest = max(latest, end)
    return latest


def works_late(text: object, *, at_ten: bool = False, end_alone: bool = True) -> bool:
    """Whether a posting's stated hours run into the night: a range of hours that ends after 22:00, or past
    midnight ("晚上7点到12点", "18:00-23:00", "14:30-22:30", "晚8点到早6点"; not "17:00-21:30", "14:00-22:00", "早7点半到
    下午5点半", "10:00-14:00"). 《劳动法》's night work is 22:00 to 6:00: a shift ending at 22:00 sharp works none of it
    (session 27, emp-fix27; it was "22:00 or later", still read with `at_ten`: an evening a seeker kept to day work does not
    work, `evening_to_ten`); an early start ("凌晨4点开工") is not read here."""
    s = normalise_text(text)
    for m in _WORK_HOURS.finditer(s):
        start = _clock_hour(m.group("p1"), m.group("h1"), m.group("m1"), m.group("half1"), None)
        # the end inherits the start's part of the day only when the start is in the afternoon or evening
        inherit = m.group("p1") if m.group("p1") in _PM_PARTS else None
        end = _clock_hour(m.group("p2"), m.group("h2"), m.group("m2"), m.group("half2"), inherit, end=True)
        if start is None or end is None:
            continue
        if end < start and not m.group("p2") and not m.group("m2") and end + 12 > start:
            end += 12           # "8点到5点半" on a 12-hour clock is 8:00 to 17:30, not overnight
        if end > NIGHT_STARTS or (at_ten and end >= NIGHT_STARTS) or end < start or m.group("next"):
            return True
    # session 34 (emp-left34): an end said alone ("加班到23:00", `end_said_alone`)
    latest = end_said_alone(s) if end_alone else 0.0
    return latest > NIGHT_STARTS or (at_ten and latest >= NIGHT_STARTS)


NIGHT_STARTS, NIGHT_ENDS = 22.0, 6.0      # 《劳动法》's night: 22:00 to 6:00
# the words that name a night by themselves — not 晚班, 轮班 or 倒班, which are read from the hours where they are stated
_NIGHT_ITSELF = ("夜班", "通宵", "上夜", "白夜班", "夜间", "大小夜", "24小时", "值夜", "凌晨")


def hours_within_day(s: str, end: int | None = None) -> bool:
    """Whether a posting states hours and every shift lies between 6:00 and 22:00 ("早班10:00-18:00、晚班14:00-22:00轮着排",
    "早班6:00-14:00，中班14:00-22:00"): its 晚班 or 两班倒 works no night (session 27, emp-fix27)."""
    # imported here, not at the top: `hours` imports this module at its own top (an import circle)
    from jianfu.employment.matching import hours

    stated = hours.job_hours(s)
    # one shift stated is the whole of the work only where it is the 晚班's own ("晚班14:00-22:00"): a rotation's other
    # shift, or a 晚班 beside a stated 早班, is unstated
    whole = len(stated.ranges) >= 2 or (len(stated.ranges) == 1 and _LATE_SHIFT_HOURS.search(s) is not None
                                        and not _ROTATION.search(s) and "倒班" not in s)
    return whole and all(a >= NIGHT_ENDS and b <= (NIGHT_STARTS if end is None else end) for a, b in stated.ranges)


_LATE_SHIFT_HOURS = re.compile(r"晚班\s*[：:]?\s*\d")


def night_lifted_by_hours(s: str) -> bool:
    """Whether a posting's night reading is lifted by its stated hours (`hours_within_day`): only where it names no
    night by itself ("需上夜班，工作时间8:00-12:00" keeps its 夜班; cr27 #4)."""
    return not any(_mentions(s, w) for w in _NIGHT_ITSELF) and hours_within_day(s)


# A load the posting states of 20 kg (40 斤) or more a lift is heavy work for a seeker who cannot lift (腰不好, 不能搬重),
# whatever the trade. The line is the law's, not a writer's: 20 kg is the lower of the two loads in the appendix of
# 《女职工劳动保护特别规定》 (ADR 0027); session 12's emp-dev first drew it at 10 kg, a figure only blind12's writer used.
HEAVY_LOAD_KG = 20.0


# Speaking Mandarin. A posting that asks for it in its own words ("普通话标准", "普通话流利", "会说普通话") against a
# seeker who says they cannot ("普通话讲不好", "不会说普通话", "只会讲白话"): a front desk, a host, a guide, a phone
# line. Four writers' seekers say so (blind3, blind7 twice, blind12); "讲白话的地方" (a wish where 白话 is spoken) and
# "会讲白话优先" are neither.
_PREFERENCE_AFTER = re.compile(r"[^，。；,;]{0,12}?(?:优先|更好|最好|加分|为佳)")
_ASKS_MANDARIN = re.compile(r"(?<!不要求)(?<!不限)(?:普通话(?:标准|流利|好|良好|清晰|清楚|熟练|二级|二乙|二甲|一级)|(?:标准|流利)(?:的)?普通话"
                            r"|(?:会|能)(?:讲|说|用)普通话"
                            # Mandarin asked as a must (session 30, blind30 read): "须会普通话和白话", "普通话、白话（须）" —
                            # not "不要求会普通话", "普通话、白话都行", nor "不需要会普通话" (its 要 after 需: a code review)
                            r"|(?<![不无需必])(?:须|需|需要|必须|要求|要)会?(?:讲|说)?普通话"
                            r"|普通话(?:[、和及与/][^，。；,;（()]{1,6})?[（(](?:须|必须|需)[）)])")
_NO_MANDARIN = re.compile(r"不会(?:讲|说)?普通话|不(?:太)?会(?:讲|说)普通话|普通话(?:讲|说)?(?:得)?(?:不好|不太好|不标准|不行|不会|不太会|不流利|一般般)"
                          r"|只会(?:讲|说)(?:白话|粤语|方言|客家话|土话|本地话|壮话)")


# Weekends. A posting that works them ("做六休一", "单休", "月休4天", "大小周", "周末需上班") against a seeker who cannot
# ("周末不能上班", "周末要带孩子", "要双休"); "周末双休" and "双休" are weekends off. A posting that says nothing of its
# days breaks nothing.
_WORKS_WEEKENDS = re.compile(r"做六休一|上六休一|单休|(?:每月|一个月|月)休(?:[1-4一二两三四])天|大小周|六天工作制|每周(?:工作|上班)?(?:6|六)天"
                             r"|周末(?:需|要|需要|正常|照常|也要|也需|也)?(?:上班|加班|值班|出勤)|周[六日](?:需|要|正常)?(?:上班|加班|值班)"
                             # Session 35 (emp-read35, blind35 read): weekend duty taken in turns ("周末轮流值班"), classes
                             # at weekends ("周末上课", "周末和寒暑假上课"), rest days on weekdays ("周中轮休", "周一、周二休息")
                             r"|周末(?:需|要)?(?:轮流|轮班)(?:值班|上班)|周末(?:和|及)?(?:寒暑假|节假日)?(?:上课|授课)"
                             r"|周中(?:轮休|休息|调休)|周[一二三四五][、和,，]?(?:周[一二三四五])?休息")
WEEKENDS_OFF = re.compile(r"双休|周末休息|五天工作制|周末不上班|周末不用上班")
_SEEKER_WEEKENDS_OFF = re.compile(r"周末(?:不能|不|没法|无法|不想)(?:上班|干|做|工作)|周末(?:不行|没空|没时间|要休息|休息)"
                                  r"|周末(?:要|得)(?:带|照顾|看|陪|回|接)|(?:要|需要|必须|只要|想要|得)双休|只能(?:上|做)?(?:周一到周五|工作日)"
                                  r"|周六周日(?:不行|没空|不上班|不能)|星期天(?:不行|不能上班|要休息)"
                                  # Session 35 (emp-read35, blind35 read): "不能单休", "不接受单休"; weekends kept for study
                                  # ("周末要复习", "晚上和周末要备考")
                                  r"|(?:不能|不接受|不要|不想|不愿|不考虑)(?:上)?(?:单休|大小周)|周末(?:要|得|需要)(?:复习|学习|备考|上课)")
# A full day's work in words ("长白班", "全天班", "朝九晚五"); stated hours of 7 hours or more are read in `hours`
_FULL_DAY_WORDS = re.compile(r"长白班|全天班|全天上班|朝九晚五")
# A seeker who can work half a day only ("只能做半天", "半天的活", "只上半天")
_HALF_DAY = re.compile(r"(?:只能|只|就)(?:做|干|上)?半天|半天(?:的)?(?:活|班|工)|做半天")
# A seeker who can only work nights (the mirror of 只能白班): "只能上夜班", "白天要照顾家里，只能晚上干"; not "能上夜班",
# "夜班也行", "老婆上夜班"
NIGHT_ONLY = re.compile(r"只(?:能|做|上|要|想|干|接受)(?:上|做|干)?(?:夜班|晚班)|只能(?:在)?晚上(?:干|做|上班|工作|有空|有时间)"
                        r"|只有晚上(?:有空|有时间|能)|白天(?:要|得)?(?:照顾|带|看|上班|没空|没时间)[^。；;]{0,10}?晚上(?:可以|能|才)"
                        # Session 21 (emp-read21, blind21 read): a clock time between ("白天上班，晚上7点以后才有空")
                        r"|白天[^。；;，,]{0,6}?上班[^。；;]{0,4}?晚上[^，。；;]{0,6}?(?:才有空|有空|才有时间|有时间)")


def infer_job_demands(text: object, occupation_codes: tuple[str, ...] | list[str] = (), *,
                      at_ten: bool = False, end_alone: bool = True) -> frozenset[str]:
    """A posting's demands from its own words, plus the physical demands its occupation usually has
    (shift patterns only from the text), minus what the text lifts ("长白班", "可坐着"). A posting of two trades
    (`posting_trades`) passes both codes and asks what either asks — the union, not the demands of the trade that fits
    the seeker: whoever takes "收银兼理货" does both halves, so a seeker who cannot stand long is not sent to its shelves
    because they asked for the till; and the union keeps one demand word per posting for the kernel and the oracle."""
    s = normalise_text(text)
    demands: set[str] = set()
    # A 公益性岗位 is arranged for people hard to place (《就业促进法》 art. 44), its work fitted to them: it asks only
    # what its own words say, not what its trade usually asks ("道路养护员（公益性岗位）" weeds verges, it builds no road)
    trade_codes = () if PUBLIC_WELFARE_CODE in occupation_codes[:2] else occupation_codes[:2]
    for code in trade_codes:
        occ = BY_CODE.get(code)
        if occ:
            demands.update(occ.demands - TEXT_ONLY_DEMANDS)
            if code in AT_HEIGHT_BY_TRADE:
                demands.add("HEIGHT")
    for demand, words in _JOB_DEMAND_WORDS.items():
        if any(_mentions(s, w) for w in words):
            demands.add(demand)
    for demand, words in _JOB_DEMAND_LIFTS.items():
        if any(w in s for w in words):
            if demand == "NIGHT" and any(_mentions(s, w) for w in ("两班倒", "三班倒", "倒班", "白夜班", "夜班")) and \
                    not any(w in s for w in ("不上夜班", "无夜班", "没有夜班", "不用上夜班", "不倒班", "无需夜班", "不加夜班",
                                             "不开夜班", "不值夜班")):
                continue
            demands.discard(demand)
    if "HEARING" in demands and _TYPED_REPLIES.search(s) and \
            not any(_mentions(s, w) for w in _JOB_DEMAND_WORDS["HEARING"]):
        demands.discard("HEARING")
    if _ROTATION.search(s) or (works_late(s, at_ten=at_ten, end_alone=end_alone) and not day_shift_offered(s)):
        demands.add("NIGHT")
    if not at_ten and "NIGHT" in demands and night_lifted_by_hours(s):
        demands.discard("NIGHT")        # Session 27 (emp-fix27): a 晚班 or 两班倒 that ends by 22:00 is day work
    if "NIGHT" not in demands and (any(w in s for w in _JOB_DEMAND_LIFTS["NIGHT"])
                                   or (_mentions(s, "白班") and "白班为主" not in s)):
        demands.add("DAYTIME")      # day work only: not for a seeker who can only work nights
    if _WORKS_WEEKENDS.search(s) and not WEEKENDS_OFF.search(s):
        demands.add("WEEKEND")
    if _FULL_DAY_WORDS.search(s):
        demands.add("FULL_DAY")
    if _ROUND_THE_CLOCK_CARE.search(s):
        demands.update(("NIGHT", "LONG_HOURS", "AWAY"))
    if "流水线" in s and not any(w in s for w in _JOB_DEMAND_LIFTS["STANDING"]):
        demands.add("STANDING")
    if any(not _PREFERENCE_AFTER.match(s, m.end()) for m in _ASKS_MANDARIN.finditer(s)):      # not "会讲普通话更好"
        demands.add("MANDARIN")
    if stated_load_kg(s) >= HEAVY_LOAD_KG:
        demands.add("HEAVY")
    elif "HEAVY" in demands and _FORKLIFT_POST.search(s) and not _MANUAL_LOAD.search(s):
        demands.discard("HEAVY")     # Session 28: a forklift driver's 装卸 is the machine's (`_FORKLIFT_POST`)
    elif "HEAVY" in demands and CARER_CODE in trade_codes and not names_lifting_care(s) and \
            not any(_mentions(s, w) for w in _JOB_DEMAND_WORDS["HEAVY"]) and \
            not any("HEAVY" in BY_CODE[c].demands for c in trade_codes if c != CARER_CODE and c in BY_CODE):
        demands.discard("HEAVY")     # Session 29: a carer lifts only the people a posting says need it (`names_lifting_care`)
    if _TRIP_OF_DAYS.search(s) and not any(w in s for w in _JOB_DEMAND_LIFTS["AWAY"]):
        demands.add("AWAY")          # Session 28: a driver's trip of days (`_TRIP_OF_DAYS`)
    if men_only_lawful(s):
        demands.add("MEN_ONLY_LAWFUL")
    if "STANDING" in demands and not any(_mentions(s, w) for w in _JOB_DEMAND_WORDS["STANDING"]) and \
            "流水线" not in s and _short_shift(s):
        # session 15: the standing a trade usually asks (a dishwasher, a cleaner) is no long standing ("久站") when the
        # posting states a shift of four hours or less ("中午洗碗10:00-14:00", "半天班"); standing it states stays
        demands.discard("STANDING")
    if "STANDING" in demands and not any(_mentions(s, w) for w in _JOB_DEMAND_WORDS["STANDING"]) and \
            "流水线" not in s and works_at_home(s):
        # session 16 (blind16 read): home outwork ("领料回家做", "拿回家缠线装袋") is done where and how the worker
        # likes, seated at home: the standing its trade usually asks (包装, 分拣) is not asked; standing it states stays
        demands.discard("STANDING")
    return frozenset(demands)


# Session 29 (emp-read29, blind29 read): a carer (养老护理员, 护工, 陪护) lifts people — 翻身, 移位, 抱上床, the 失能 and the
# 卧床 — but only those a posting says need it: its trade asks heavy work only where the posting names lifting care
# (失能, 卧床, 瘫痪, 中风, 翻身, 移位, 抱, 半自理, 不能自理, 术后, 重症, 行动不便; fix-match29: 轮椅, 不能完全自理, 难以自理,
# 截瘫, 脑梗, 骨折, 助浴, 洗澡, 搀扶, 护理院) or a load (`_JOB_DEMAND_WORDS`). The care of
# people who look after themselves ("照顾能自理的老人", "自理区") or a posting silent on whom it cares for ("照顾院内老人")
# asks none: the blind29 writer's convention 5, and dev3's writer graded a 腰不好 cleaner 1 on a 居家养老 post of cleaning,
# cooking and company (D3-S11 × D3-J31, flagged by the oracle until this reading). Another trade of the posting that
# lifts ("护理员兼搬运") keeps it.
CARER_CODE = "4-10-04"
_LIFTING_CARE = re.compile(r"失能|卧床|瘫痪|偏瘫|中风|翻身|移位|抱|半自理|不能自理|无法自理|术后|重症|不能动|行动不便"
                           # Session 29 (fix-match29): the general words of dependent care — a wheelchair, care of one who
                           # cannot (fully) look after themselves, paralysis, a stroke, a fracture, bathing (not a
                           # newborn's nor a child's: "给新生儿洗澡"), supporting one who walks, a 护理院 (the nursing home
                           # of the dependent). Not "能自理", "自理区", "陪伴聊天"
                           r"|轮椅|(?:不能|无法|难以)(?:完全)?自理|生活难自理|截瘫|脑梗|脑卒中|骨折|助浴"
                           r"|(?<![儿宝娃孩])(?<!孩子)洗澡|搀扶|扶着走|护理院")


def names_lifting_care(text: str) -> bool:
    """Whether a posting names care that lifts people ("照顾失能老人", "翻身、移位", "卧床病人")."""
    return _LIFTING_CARE.search(text) is not None


# Session 28 (emp-read28, blind28 read): a forklift driver's post ("叉车工", "叉车司机") loads and unloads with the machine
# ("仓库装卸、移库"): the lifting its 装卸 would ask of a 装卸工 is not the driver's — unless the posting says the hands
# carry too ("人工装卸", "扛", "兼装卸工") or states a load (`stated_load_kg`)
_FORKLIFT_POST = re.compile(r"叉车(?:司机|工|操作工|操作员|驾驶员)")
_MANUAL_LOAD = re.compile(r"人工|手工|徒手|扛|搬运工|装卸工|搬上搬下|手搬")
# a trip of days ("跑长途", "跑广东，两三天一趟", "三五天回来一次"): nights away from home, as 外派 or 出海 are (`AWAY`); not a
# trip back the same day ("跑南宁当天往返", `_JOB_DEMAND_LIFTS`) nor one said not to be ("不跑长途")
_TRIP_OF_DAYS = re.compile(r"(?<![不没无])(?:跑|跑的是|拉)长途|长途(?:运输|货运|干线)(?!.{0,4}当天)"
                           r"|(?:[两二三四五六七八九十]|[2-9]|\d{2})(?:[到至、-]?(?:[三四五六七八九十]|\d))?天(?:一趟|一个来回|回来一次|回一次|回家一次|一回)")


def day_shift_offered(s: str) -> bool:
    """Whether a posting's hours are shifts to choose from ("9:00-18:00或13:00-22:00", "A班7:00-15:00，B班15:00-23:00";
    no word of rotating) one of which is day work (from 5:00, ending before 22:00): the worker may take that one, so
    the late one asks no night of them (session 16, blind16 read; the hours window takes only the common hours)."""
    from jianfu.employment.matching import hours  # hours reads with this module's helpers: imported late

    stated = hours.job_hours(s)
    return stated.alternatives and any(a >= 5 and b < 22 for a, b in stated.ranges)


_HALF_DAY_SHIFT = re.compile(r"半天班|半日班|做半天|上半天|只上半天|上午班|下午班|半天工")
SHORT_SHIFT_SLOTS = 8                  # four hours in half-hour slots (`hours.SLOTS`)


def _short_shift(s: str) -> bool:
    """Whether a posting states a day's work of four hours or less: clock times covering at most four hours, or a
    half-day shift named where no clock times are given."""
    from jianfu.employment.matching import hours  # hours reads with this module's helpers: imported late

    stated = hours.job_hours(s)
    if stated.slots:
        # a start or an end said alone ("早餐5:30开工") is read as half an hour around it: no length of day is stated
        return all(b - a > 0.5 for a, b in stated.ranges) and bin(stated.slots).count("1") <= SHORT_SHIFT_SLOTS
    return bool(_HALF_DAY_SHIFT.search(s))


# Someone else's illness ("家里有病人", "老人有病", "家人生病要照顾") is no limit of the seeker's own body: taken out
# before the seeker's own words ("有病", "身体不好") are read; what it keeps them from, they say ("当天要回来")
# Session 34 (emp-read34, blind34 read): home at a holiday ("过年要回家", "春节得回家", "过节要回家") is a window around it
# (`term_limits`: SPRING_DUTY), not a seeker who must be home each day (AWAY); "每天要回家", "晚上要回家" still are
_HOLIDAY_HOME = re.compile(r"(?:过年|春节|过节|节假日|年底|年三十|除夕|清明|中秋)(?:时|的时候|期间|前后)?(?:要|得|想|会|必须|还是要)?回(?:老)?家")
_OTHERS_ILLNESS = re.compile(r"(?:家里|家中|家人|老人|父母|父亲|母亲|爸爸|妈妈|老公|丈夫|老婆|妻子|孩子|小孩|公公|婆婆)"
                             r"(?:有|生|得|患)?(?:病人|病号|病|重病|大病)|(?:照顾|陪护|护理)病人|"
                             # session 14: "老人身体不好" is the elder's health, not the seeker's
                             r"(?:家里|家中|家人|老人|老人家|父母|父亲|母亲|爸爸|妈妈|老公|丈夫|老婆|妻子|孩子|小孩|公公|婆婆|"
                             r"奶奶|爷爷|外婆|老伴)(?:的)?身体(?:不好|差|不行|不太好)")
# shifts accepted, not refused ("白班夜班都能上", "夜班也行", "倒班都可以"): taken out before the night limit's words are read
# ("白班" alone is one of them) — session 14
_SHIFTS_ACCEPTED = re.compile(r"(?:白班|白天)?[、和或/]?(?:夜班|晚班|倒班|两班倒|三班倒|白夜班)(?:也|都)(?:能上|能做|能干|可以|行|得|"
                              r"没问题|可|接受|能接受|上|做|干)")
# A seeker who must be home the same day ("当天要回来", "当天回家", "晚上要回家" is read as AWAY already) cannot take
# trips of days (the writers' rule: "当天要回来" breaks trips of days); a posting whose boat or trip comes back the
# same day ("凌晨出海下午回港", "当天回港") asks no nights away
_SAME_DAY_HOME = re.compile(r"当天(?:要|得|必须|就)?(?:回来|回家|返回|回去)|(?:每天|天天)(?:要|得|必须)?回来")


# A seeker's evening cut-off: a time of the afternoon or evening after which they cannot work ("晚上9点后不行", "下午五点
#以后要回家煮饭", "9点以后没空") or before which they must leave ("下午5点半前要走", "晚上八点前得回家"): no night work
# (the posting's night is read by `works_late` and the shift words). A morning time ("早上7点半以后才能到") is not one.
_EVENING_CUTOFF = re.compile(
    r"(?P<p>下午|傍晚|晚上|晚|夜里|夜间)?(?P<h>\d{1,2}|[一二两三四五六七八九十]{1,3})(?:[:：][0-5]\d|点(?:半)?)(?:钟)?"
    r"(?:(?:以|之)?后(?:就)?(?:不行|不能|不可以|没空|没时间|不方便|干不了|做不了|不上班|不干|不做|(?:要|得|必须)?回家)"
    r"|(?:以|之)?前(?:就)?(?:要|得|必须)(?:走|回家|下班|回去))")


# Caring for one's own elderly is a limit (hours, nights at home) only where it is a duty said so ("晚上要照顾老人",
# "家里有老人要照顾", "得照顾瘫痪的婆婆"); "照顾老人" alone is the commonest wish of work of the carers' desks ("照顾老人，
# 医院陪护也行"), which limited the very carers who asked for it.
_ELDER_CARE_DUTY = re.compile(r"(?:要|得|需要|需|还要|必须|在家)照顾(?:家里|家中)?(?:的)?(?:\S{0,3}的)?(?:老人|父母|老人家|婆婆|公婆|老母亲|老父亲)"
                              r"|(?:家里|家中)(?:有)?(?:老人|父母|婆婆|公婆)(?:要|需要|得)照顾")


def _evening_cutoff(s: str) -> bool:
    for m in _EVENING_CUTOFF.finditer(s):
        n = cn_number(m.group("h"))
        if n is None or _works_the_evening(m, n):
            continue
        # an afternoon or evening part of the day written, or an hour from 8 to 11 with no morning word before it,
        # which in such a sentence is the evening's ("9点后不行")
        if m.group("p") or (8 <= n <= 11 and not s[max(0, m.start() - 2):m.start()].endswith(("早上", "上午", "早", "清晨"))):
            return True
    return False


# Session 30 (emp-read30, blind30 read): a cut-off at 23:00 or later ("晚上12点前要下班", "晚上11点以后不行") keeps the
# seeker off the small hours only: they work the evening to that hour, so it is no night limit — the hours it leaves
# (`hours.seeker_busy`) are checked against the posting's stated hours (the blind30 writer's convention 2: a shift
# ending at the row's hour is met). "晚上10点以后不行" stays a night limit (《劳动法》's night starts then).
def _works_the_evening(m: re.Match[str], n: float) -> bool:
    return n == 11 or (n == 12 and m.group("p") in ("晚上", "晚", "夜里", "夜间"))


# A day shift wished for, not asked ("最好白班", "尽量上白班", "白班优先"; session 17, blind17 read — its writer's and
# blind12's rule: "最好…" is a preference): taken out before the night limit's words are read; a limit said beside it
# ("最好白班，不能上夜班") still limits
_DAY_SHIFT_PREFERRED = re.compile(r"(?:最好|尽量|尽可能|希望|倾向于?|优先)(?:是|能)?(?:上|做|干)?(?:长白班|白天班|白班|白天)"
                                  r"|(?:长白班|白天班|白班)(?:最好|优先|更好|为好)")
# nights not wanted ("不想上夜班", "不愿意倒班"; session 17): a limit as "不上夜班" is
_NIGHT_NOT_WANTED = re.compile(r"不(?:想|愿|愿意|喜欢|太想)(?:上|做|值|干|倒)?(?:夜班|晚班|倒班|通宵)")


# Soft wishes (session 20, emp-wide20): what a seeker would rather not do, said with 最好/尽量/尽可能/希望 ("最好坐着的",
# "尽量白班", "夜班尽量不要", "最好不加班", "尽量别干重活") — a preference, never a refusal: the demand it names lowers the
# pair's score (`matcher`: as much as experience short of the years asked, an unmet point) and refuses nothing. A fact
# said beside it ("不能久站", "上不了夜班") stays a limit. Read per demand; taken out before the limits are read.
_SOFT = r"(?:最好|尽量|尽可能|希望|倾向于?|能的话|可以的话)(?:是|能|可以)?"
_SOFT_NOT = r"(?:不要|不用|不想|不|别|少|避开|避免)(?:上|做|干|值|倒|搬|扛|用)?"
_SOFT_AFTER = r"(?:最好|尽量|尽可能)(?:是)?(?:不要|不用|不|别|少|避开|避免)(?:上|做|干|值|倒|搬|扛)?"
_SOFT_WISHES: dict[str, re.Pattern[str]] = {
    "NIGHT": re.compile(
        _SOFT + r"(?:上|做|干)?(?:正常|纯|固定)?(?:长白班|白天班|白班|白天)|(?:长白班|白天班|白班)(?:最好|优先|更好|为好)"
        + r"|" + _SOFT + _SOFT_NOT + r"(?:夜班|晚班|倒班|通宵|熬夜|夜)|(?:夜班|晚班|倒班|通宵|熬夜)" + _SOFT_AFTER),
    "STANDING": re.compile(
        _SOFT + r"(?:坐着|坐班|坐办公室|坐下|坐(?=的|干|活|[，。；,;]|$))|(?:坐着|坐着干|坐着做)(?:的)?(?:活)?(?:最好|更好|为好|优先)"
        + r"|" + _SOFT + _SOFT_NOT + r"(?:久站|站着|一直站|站太久|站)|(?:久站|站着|一直站)" + _SOFT_AFTER),
    "HEAVY": re.compile(
        _SOFT + r"(?:轻松|轻活|轻一点|轻点|不累)|" + _SOFT + _SOFT_NOT + r"(?:重活|重体力|体力活|重的|重物)"
        + r"|(?:重活|重体力|体力活)" + _SOFT_AFTER),
    "LONG_HOURS": re.compile(_SOFT + _SOFT_NOT + r"(?:加班)|加班" + _SOFT_AFTER),
    # Session 28 (emp-read28, blind28 read): seasickness said mild ("有点晕船", "稍微晕船", "晕船不严重", "以前晕船") is a
    # wish (the blind28 writer's convention 6: 1 at most on boat work), not the fact "晕船厉害", "一上船就吐" (a limit)
    "SEA": re.compile(r"(?:有点|有些|有一点|稍微|稍有|轻微|轻度|一点点?)(?:点)?晕船(?![^，。；,;]{0,4}?(?:厉害|严重|就吐|受不了))"
                      r"|晕船(?:不严重|不厉害|不太厉害|一点点?)|以前(?:会|有点)?晕船"),
}
# Session 28 (emp-read28, blind28 read): seasickness denied ("不晕船", "不会晕船", "从不晕船", "没晕过船", "不怕晕船") is
# none — taken out before the limits' words ("晕船") are read
_NOT_SEASICK = re.compile(r"(?:不|不会|从不|从来不|没|没有|不怕|不怎么)晕(?:过)?船|没晕过船")
# emp-mend27: an ache after long standing ("站久了腰也痛", "站久了脚酸") given as the reason of a wish to sit that follows
# ("，最好能坐"): the wish's reason, read with it as a wish. "站久了受不了", "站久了不行" say they cannot (a limit).
_STANDING_ACHE_WISH = re.compile(r"站久了(?:(?!不|没|受)[^。；;，,]){0,6}[，,]?\s*(?=" + _SOFT + r"(?:坐|坐着))")
# nights and standing said impossible in words the limit lists lack ("上不了夜班", "夜班干不了", "熬不了夜", "久站不行"; not
# "夜班不要紧", which accepts them)
_NIGHT_CANNOT = re.compile(r"(?:上|做|干|值|熬)不了(?:夜班|晚班|倒班|通宵|夜)|(?:夜班|晚班|倒班|通宵)(?:上不了|做不了|干不了|熬不了|受不了|"
                           r"不行|不能上|不能做|不能干|不要(?!紧)|不做|不上|不干)|受不了(?:夜班|倒班|熬夜)")
# Session 28 (emp-read28, blind28 read): the boat refused in words the limit lists lack ("不想再出海了", "船不想再上了",
# "不愿意上船") — as "不想上夜班" refuses the night (`_NIGHT_NOT_WANTED`); not a far sea only ("不想跑远洋"), which leaves
# near work on boats open
_SEA_NOT_WANTED = re.compile(r"不(?:想|愿|愿意|肯|要)(?:再)?(?:出海|上船|跑船|下海|跟船)|船(?:也)?不(?:想|愿|愿意|要)(?:再)?上"
                             r"|(?:再也)?不(?:再)?上船了")
_STANDING_CANNOT = re.compile(r"久站(?:不行|不了|受不了)|(?:不能|没法|无法)(?:一直|长期)站|站不住")


def soft_wishes(text: object) -> frozenset[str]:
    """The demands a seeker would rather avoid, said as a wish ("最好坐着的" → STANDING, "尽量白班", "夜班尽量不要" →
    NIGHT): they lower a pair's score and refuse nothing; a demand they also say they cannot meet is a limit only."""
    s = _OTHERS_ILLNESS.sub(" ", normalise_text(text))
    wished = frozenset(d for d, pattern in _SOFT_WISHES.items() if pattern.search(s))
    return wished - infer_seeker_limits(s) if wished else wished


# Session 27 (emp-fix27): evening work to 22:00. 《劳动法》's night starts at 22:00, so a shift ending then (14:00-22:00, a
# 晚班 whose stated hours end by 22:00) asks no night (`works_late`, `hours_within_day`) of a seeker who cannot work
# nights ("我妈说不能上夜班", a pregnancy) — but it is no day work either: a seeker kept to day work or home in the evening
# ("只上白班", "晚上要回家", "要接送孩子", "晚上8点前要回家") does not take it, as before. Carried as a level of the third
# certificate word (the demand word is full): every seeker holds it but one kept to day work, a posting whose evening
# runs to 22:00 requires it (`EVENING_TO_TEN`, above).
# the night refused in words of the night itself (not 晚班, an evening), and an evening cutoff at 22:00 or later
_NIGHT_ONLY_LIMIT = re.compile(r"(?:不|不能|不要|不想|不愿|不愿意|没法|无法)(?:上|做|值|干|熬)?(?:夜班|通宵)|夜里不行|不能熬夜|熬不了夜"
                               r"|(?:上|做|干|值)不了(?:夜班|通宵)|(?:夜班|通宵)(?:上不了|做不了|干不了|熬不了|受不了|不行|不能上|不能做"
                               r"|不能干|不要(?!紧)|不做|不上|不干)|受不了(?:夜班|熬夜)|怀孕|孕妇|孕期|哺乳")


def _late_cutoff(m: re.Match[str]) -> bool:
    n = cn_number(m.group("h"))
    return n is not None and (n >= NIGHT_STARTS or 10 <= n <= 12)


def day_work_only(text: object) -> bool:
    """Whether a seeker's words keep them to day work or home in the evening, not only off the night (`EVENING_TO_TEN`)."""
    s = normalise_text(text)
    late = any(_late_cutoff(m) for m in _EVENING_CUTOFF.finditer(s))
    s = _EVENING_CUTOFF.sub(lambda m: " " if _late_cutoff(m) else m.group(), _NIGHT_ONLY_LIMIT.sub(" ", s))
    if late:
        # session 30 (emp-read30): a child named beside the hour the evening ends ("孩子小，晚上10点以后不上班") is the
        # reason of that hour, which says the evening before it is free — not a second limit keeping her to day work
        s = re.sub("|".join(_CHILDCARE), " ", s)
    return "NIGHT" in infer_seeker_limits(s)


def evening_to_ten(text: object, occupation_codes: tuple[str, ...] | list[str] = ()) -> bool:
    """Whether a posting's evening runs to 22:00 but asks no night: night as it was read before session 27 (a shift ending
    at 22:00 sharp, a 晚班 whose stated hours end by then), not as it is now."""
    return "NIGHT" in infer_job_demands(text, occupation_codes, at_ten=True) and \
        "NIGHT" not in infer_job_demands(text, occupation_codes)


def infer_seeker_limits(text: object) -> frozenset[str]:
    """The demands a seeker says they cannot meet, from their notes ('只上白班', '不能久站', '要接送孩子',
    '肢体残疾'). 'childcare' limits are LONG_HOURS + AWAY (+ NIGHT). A wish ('最好白班', '尽量不上夜班') is none
    (`soft_wishes`)."""
    s = _DAY_SHIFT_PREFERRED.sub(" ", _SHIFTS_ACCEPTED.sub(" ", _OTHERS_ILLNESS.sub(" ", normalise_text(text))))
    # emp-mend27: a discomfort of standing said as the reason of a wish to sit ("站久了腰也痛，最好能坐") is the wish's
    # (`soft_wishes`), not a limit; sleeping at home ("晚上要回家睡") is no night limit (`NIGHTS_AWAY`), still home each day
    s = _SLEEPS_AT_HOME.sub(" 每天回家 ", _STANDING_ACHE_WISH.sub(" ", _NOT_SEASICK.sub(" ", s)))
    s = _HOLIDAY_HOME.sub(" ", s)       # session 34: going home for 春节 is the calendar's (SPRING_DUTY), not each day's
    for pattern in _SOFT_WISHES.values():
        s = pattern.sub(" ", s)
    limits = {limit for limit, words in _SEEKER_LIMIT_WORDS.items() if any(w in s for w in words)}
    if _NIGHT_NOT_WANTED.search(s) or _NIGHT_CANNOT.search(s):
        limits.add("NIGHT")
    if _STANDING_CANNOT.search(s):
        limits.add("STANDING")
    if _SEA_NOT_WANTED.search(s):
        limits.add("SEA")
    if housing_wish(s) == 2:          # a firm wish; a plain one refuses only a posting stating no housing
        limits.add("NO_HOUSING")
    if any(w in s for w in _CHILDCARE):
        limits.add("NIGHT")
    if _SAME_DAY_HOME.search(s):
        limits.add("AWAY")
    if _ELDER_CARE_DUTY.search(s):
        limits.update(("LONG_HOURS", "AWAY"))
    if _evening_cutoff(s):
        limits.add("NIGHT")
    if _NO_MANDARIN.search(s):
        limits.add("MANDARIN")
    if "白班" in limits or ("白班" in s and "夜班" not in s):
        limits.add("NIGHT")
    if NIGHT_ONLY.search(s):
        limits.discard("NIGHT")
        limits.add("DAYTIME")
    if _SEEKER_WEEKENDS_OFF.search(s):
        limits.add("WEEKEND")
    if _HALF_DAY.search(s):
        limits.add("FULL_DAY")
    return frozenset(limits)


# A posting open only to the people of its own village, town or county ("限本乡脱贫劳动力", "仅限本镇户籍", "本村
# 村民"), a hard constraint on the seeker's home (eval/README.md: "a posting restricted to a group"); "…优先" is not.
# A bare "本村村民" limits only where it stands as a requirement of its own (its own clause): "负责本社区居民楼道清扫"
# and "为本镇群众办理社保业务" describe the work, not who may take it; "不限本镇户籍", "非本村村民也可" open it.
_ALONE = r"(?:^|(?<=[，。；、：:,;（(\s]))"
_CLAUSE_END = r"(?=[，。；、）),;\s]|$)"
_LOCAL_ONLY = (
    (0, re.compile(r"(?:限|仅限|只限|只招|招|面向)本(?:村|社区)|本(?:村|社区)户籍|"
                   rf"{_ALONE}本(?:村|社区)(?:村民|居民){_CLAUSE_END}")),
    (1, re.compile(r"(?:限|仅限|只限|只招|招|面向)本(?:乡|镇|街道)|本(?:乡镇|乡|镇|街道)户籍|"
                   rf"{_ALONE}本(?:乡镇|乡|镇|街道)(?:村民|居民|脱贫劳动力|脱贫户|劳动力|群众|人员){_CLAUSE_END}")),
    (2, re.compile(r"(?:限|仅限|只限|只招|面向)(?:本县|本地|当地|县内)|(?:本县|本地|当地|县内)户籍")),
)
# opened before ("不限本镇户籍", "不要求本地户籍", "无需本地户籍", "非本村村民") or after ("本镇户籍不限", "本地户籍、外地户籍
# 均可"); a preference in its own clause, or a next clause that is only the preference ("本村村民，优先录用", "本镇户籍，
# 同等条件优先" — not "本村村民，会开车优先" nor "招本村村民，优先考虑脱贫户", whose 优先 has its own object)
_OPENED = re.compile(r"(?:[不非无]|不要求|无需|不需|不需要|不限于?)$")
_OPENED_AFTER = re.compile(r"[^，。；,;]{0,12}?(?:不限|均可|皆可|都可以|都行|也可|亦可)")
_LOCALS_PREFERRED = re.compile(r"[^，。；,;]{0,8}?优先|[，,](?:同等条件(?:下)?)?优先(?:录用|考虑|聘用|招用)?(?=[，。；,;]|$)")
NO_LOCAL_LIMIT = 5
# The code length a posting's place needs for a limit to be checked at all (village 12, town 9, county 6 digits): a
# posting placed only in 合浦县 with "限本镇…" cannot say which town, so the limit is not applied
LOCAL_PRECISION = (12, 9, 6)

# an alternative in the same clause naming people with no place of their own ("限本镇就业困难人员或离校2年内未就业高校
# 毕业生": the graduates need not be the town's; session 17, blind17 read) — "本镇" binds the people it stands before,
# as `posting_groups` reads the groups' alternatives; "限本镇户籍或在本镇居住满一年" names the town again and stays, and
# so does "限本镇脱贫劳动力或就业困难人员" (groups side by side, both read as the town's, as before)
_LOCAL_ALTERNATIVE = re.compile(r"或者|或是|或")
_OWN_PLACE = re.compile(r"本(?:村|社区|乡|镇|街道|县|地)|当地|县内|户籍")


def _other_people_admitted(s: str, end: int) -> bool:
    clause = re.split(r"[，。；,;！!？?\n]", s[end:], maxsplit=1)[0]
    return any(_PEOPLE.search(part) and not _OWN_PLACE.search(part)
               and not any(w in part for words in _POSTING_GROUP_WORDS.values() for w in words)
               for part in _LOCAL_ALTERNATIVE.split(clause)[1:])


# Session 24 (emp-read24, blind24 read): a 户籍 named by its place ("户籍须在白沙镇", "限山口镇户籍", "须为七星村户籍村民",
# "户籍在谷塘村") is the posting's own village or town when its place names it — "本村"/"本镇" written out. A place the
# posting's own does not name is not read (粗略：另一个地方的户籍要求不按距离判断).
# fix-match24 (code review): the whole place name the 户籍 names, town and village together ("户籍须在白沙镇沙坡村": the
# village, not the first 镇), compared with the posting's place by whole names ("沙坡村" is not "大沙坡村"), and a
# preference in any wording ("户籍在沙坡村的优先录用", "户籍在白沙镇的优先") is none (`_a_preference`).
_HUKOU_UNIT = r"[\u4e00-\u9fff]{1,6}?(?:村|社区|乡|镇|街道)"
_NAMED_HUKOU = re.compile(rf"户籍(?:须|需|必须|应)?(?:在|为|属)(?P<a>(?:{_HUKOU_UNIT})+)|"
                          # session 31 (emp-read31): "具有石康镇户籍", "须具有本镇户籍" — a notice's condition too
                          rf"(?:限|仅限|只限|须为|需为|须是|必须是|具有|须具有|需具有|具备)(?P<b>(?:{_HUKOU_UNIT})+?)(?:户籍|户口)")
_PLACE_UNIT = re.compile(r"[\u4e00-\u9fff]+?(?:自治区|自治州|街道|社区|省|市|州|县|区|镇|乡|村)")


def _whole_names(text: str) -> list[str]:
    """The whole names a place is written with, each up to its own 镇, 村, 社区 … ("合浦县白沙镇沙坡村" → 合浦县, 白沙镇,
    沙坡村)."""
    return [m.group(0) for part in re.split(r"[^\u4e00-\u9fff]+", text) for m in _PLACE_UNIT.finditer(part)]


def _named_local(s: str, place: str) -> int:
    own = set(_whole_names(place))
    for m in _NAMED_HUKOU.finditer(s):
        named = m.group("a") or m.group("b")
        if named.startswith("本") or _OPENED.search(s[max(0, m.start() - 4):m.start()]) or \
                _a_preference(s, m.start(), m.end()):
            continue
        # the most specific of its names that is the post's own, every wider one the post's too ("白沙镇沙坡村" at
        # 白沙镇大沙坡村 is the town: another village of it; "公馆镇沙坡村" at 白沙镇沙坡村 is another town's, not read)
        level = NO_LOCAL_LIMIT
        for unit in _whole_names(named):
            if unit not in own:
                break
            level = 0 if unit.endswith(("村", "社区")) else 1
        if level < NO_LOCAL_LIMIT:
            return level
    return NO_LOCAL_LIMIT


def local_restriction(text: object, place: object = "") -> int:
    """The widest distance level (0 village, 1 town, 2 county) from the posting's place at which a seeker may
    live, or NO_LOCAL_LIMIT: '限本乡脱贫劳动力' → 1, '本村村民' → 0, '本镇村民优先', '不限本镇户籍' → NO_LOCAL_LIMIT; a
    户籍 named by the posting's own `place` ('户籍须在白沙镇' at 白沙镇沙坡村) as its 本镇/本村 (session 24)."""
    s = normalise_text(text)
    if place and (named := _named_local(s, normalise_text(place))) < NO_LOCAL_LIMIT:
        return named
    for level, pattern in _LOCAL_ONLY:
        for m in pattern.finditer(s):
            if _OPENED.search(s[max(0, m.start() - 4):m.start()]) or _LOCALS_PREFERRED.match(s, m.end()) \
                    or _OPENED_AFTER.match(s, m.end()) or _other_people_admitted(s, m.end()) \
                    or _LIMIT_PREFERRED_BEFORE.search(re.split(r"[，。；,;！!？?\n]", s[:m.start()])[-1]):   # fix-match24
                continue
            return level
    return NO_LOCAL_LIMIT



# Home outwork (session 13, blind13's M-J81 and M-J64): the posting says the work may be done in the worker's own
# home ("可在家做", "可以带回家做", "领回家加工", "居家手工") — materials brought and goods collected, so whoever lives
# within the posting's place works at home. Not cooking or care at someone's home ("在家做饭", "住家保姆", "到雇主家"),
# nor a posting that forbids it ("不能带回家做", "不可在家做", "不外发").
# Session 16 (blind16 read): the material may be named between the fetching and the home ("可领料回家做", "拿材料回去做"),
# and after it any verb of handwork ("拿回家缠线装袋", "领回家穿珠")
_AT_HOME = re.compile(r"(?:在家|在家里|(?:带|拿|领)(?:料|材料|原料|原材料|货|活|半成品)?回(?:家|去))(?:里)?"
                      r"(?:做|干|加工|完成|串|编|缝)(?!饭|菜|家务|卫生)"
                      r"|(?:带|拿|领)(?:料|材料|原料|原材料|货|活|半成品)?回(?:家|去)(?:里)?(?:缠|绕|穿|钩|勾|织|绣|粘|贴|剪|装|包|折|拼|串|编)"
                      r"|居家(?:做|加工|手工|办公|完成)|在家(?:也)?(?:可以|能)做(?!饭|菜|家务|卫生)")
# the negation right before the words, or earlier in the clause with what is taken home between ("禁止把材料带回家做",
# "材料不允许带回家做", "不要在家做")
_AT_HOME_DENIED = re.compile(r"(?:不能够|不能|不可|不可以|不允许|不准|不许|禁止|严禁|不得|不让|不要|不用|无法|不)(?:以)?"
                             r"(?:把[^，。；,;！!？?\n]{0,8})?$")


def works_at_home(text: object) -> bool:
    """Whether a posting's words let the work be done at the worker's own home ("竹编来料加工，可在家做", "串珠可以带回家
    做"): its place is then every home inside the place it names (`features`, `constraints`)."""
    s = normalise_text(text)
    for m in _AT_HOME.finditer(s):
        before = re.sub(r"(?:可以|可|能|也|都)+$", "", re.split(r"[，。；,;！!？?\n]", s[max(0, m.start() - 16):m.start()])[-1])
        if _AT_HOME_DENIED.search(before):
            continue
        return True
    return False

# Gender (ADR 0027). A posting's gender requirement is possible discrimination (《就业促进法》第二十七条,
# 《人力资源市场暂行条例》第二十四条): the matcher neither filters nor scores on it, and the explanation of every
# recommended pair says it binds nobody. The one exception is the law's own: work listed in the appendix of
# 《女职工劳动保护特别规定》 (矿山井下作业; 体力劳动强度分级标准中的第四级; 每小时负重6次以上、每次负重超过20公斤; 间断负重、
# 每次负重超过25公斤) may not be given to women, so there a stated "限男性" is a hard constraint for women
# (demand MEN_ONLY_LAWFUL). The posting must say what makes the work such: "重体力" or a trade alone does not.
# 子女/儿女/妇女 are not a gender asked for ("脱贫户子女优先"); a colon may follow the word ("性别要求：男").
_GENDER_STATED = re.compile(
    r"(?:限|仅限|只招|只要|要求|限于)\s*[:：]?\s*(?P<a>男|女)(?:性|士|生|工)?(?!装|鞋|式|款|厕|女)"
    r"|(?<![子儿孙妇])(?P<b>男|女)(?:性|士|生|工)?\s*(?:优先|为主|者优先|限定)"
    r"|(?:不招|不要|谢绝)\s*(?P<c>女|男)(?:性|士|生|工)?"
    r"|性别(?:要求)?\s*[:：]?\s*(?P<d>男|女)(?!不限|女)")
_GENDER_OPEN = re.compile(r"性别不限|男女不限|不限男女|男女均可|男女皆可|男女都可|男女都行")
# a gender written as an item of its own in a list of requirements ("女性，30-50岁，能吃苦", "要求：男，45岁以下"):
# the sex alone between separators is the requirement "限女性" written short (session 15). "适合女性，" or "男性、女性均可"
# is no item of its own; both sexes as items ("男性，女性，…") ask for neither.
_GENDER_ITEM = re.compile(r"(?:^|(?<=[：:。；;，,】）)\s]))(?:\d+[.、．]\s*)?(?P<e>男|女)(?:性|士|工)?(?=\s*(?:[，,；;。]|$))")
_UNDERGROUND = re.compile(r"井下|矿井|坑道作业")
_GRADE_FOUR = re.compile(r"(?:第|)(?:四|4|Ⅳ|IV)级(?:体力)?劳动强度|体力劳动强度(?:为|达|属)?(?:第)?(?:四|4|Ⅳ|IV)级")
# A weight counts as a load only after words of lifting or of the piece lifted — never a body weight ("体重120斤以上")
# nor a day's output ("日采摘300斤").
_LOAD_STATED = re.compile(r"(?:搬运|搬|扛|抬|装卸|负重|背|[每一](?:袋|包|箱|件|块|筐|捆|桶|根|担)|每次|单件|单袋|单包|单箱|"
                          # session 23 (emp-read23, blind23 read): a bundle or a load named alone ("蔗捆约50公斤", "捆约45公斤")
                          r"(?<![每一])(?:蔗捆|捆|担)(?=约|重|大约|有)|"
                          r"单块|(?<!体)重)(?:量)?(?:约|达|在|为)?"
                          r"[^，。；,;\d体日天月]{0,4}?(?P<n>\d+(?:\.\d+)?|[一二两三四五六七八九十百]+)\s*(?:多|来|余)?"
                          r"(?P<u>公斤|千克|kg|KG|Kg|斤)")
_LIFTS_PER_HOUR = re.compile(r"每(?:小时|个小时|钟头)[^，。；,;]{0,8}?(?P<n>\d+|[一二两三四五六七八九十]+)\s*(?:多)?(?:次|趟|包|袋|箱)")


def gender_requirement(text: object) -> str:
    """The gender a posting's words ask for or prefer ("限男性", "女性优先", "不招女工" → "男"/"女"/"男"), or ""
    when none ("男女不限")."""
    s = normalise_text(text)
    if _GENDER_OPEN.search(s):
        return ""
    m = _GENDER_STATED.search(s)
    if m is None:
        items = {i.group("e") for i in _GENDER_ITEM.finditer(s)}
        return items.pop() if len(items) == 1 else ""
    if m.group("c"):
        return "男" if m.group("c") == "女" else "女"
    return m.group("a") or m.group("b") or m.group("d") or ""


def gender_phrase(text: object) -> str:
    """The words that state the requirement ("限男性"), for the explanation."""
    s = normalise_text(text)
    if _GENDER_OPEN.search(s):
        return ""
    m = _GENDER_STATED.search(s)
    if m is None and gender_requirement(s):
        item = _GENDER_ITEM.search(s)
        return s[item.start("e"):item.end()].strip() if item else ""
    return m.group(0).strip() if m else ""


def stated_load_kg(text: object) -> float:
    """The heaviest load a posting's words say is lifted or carried, in kg ("每袋50公斤" 50, "每筐20多斤需两人抬" 10;
    a load in 斤 is halved), 0 when none is stated."""
    heaviest = 0.0
    for m in _LOAD_STATED.finditer(normalise_text(text)):
        n = cn_number(m.group("n"))
        if n is not None:
            heaviest = max(heaviest, n / 2 if m.group("u") == "斤" else n)
    return heaviest


def women_barred_by_law(text: object) -> bool:
    """Whether a posting's words put its work in the appendix of 《女职工劳动保护特别规定》 (work women may not be given):
    underground in a mine, grade-four physical labour, or loads it states — more than 25 kg a lift, or more than
    20 kg at 6 or more lifts an hour. A load in 斤 is halved."""
    s = normalise_text(text)
    if _UNDERGROUND.search(s) or _GRADE_FOUR.search(s):
        return True
    heaviest = stated_load_kg(s)
    if heaviest > 25:
        return True
    if heaviest > 20:
        per_hour = [cn_number(m.group("n")) for m in _LIFTS_PER_HOUR.finditer(s)]
        return any(n is not None and n >= 6 for n in per_hour)
    return False


def men_only_lawful(text: object) -> bool:
    """A posting that asks for men and whose work the law closes to women: the one gender requirement that is a hard
    constraint (for women)."""
    return gender_requirement(text) == "男" and women_barred_by_law(text)


# fix-match24: one reading of a seeker's 性别 for every rule that reads it (the sex caps, the law's MEN_ONLY_LAWFUL, the
# oracle), so the numpy path, the kernel and the oracle cannot read "Ｍ", "男性" or "男 " two ways
_SEX_WORDS = {"女": "女", "女性": "女", "女士": "女", "f": "女", "female": "女",
              "男": "男", "男性": "男", "男士": "男", "m": "男", "male": "男"}


def sex_of(gender: object) -> str:
    """A seeker's 性别 as the sheets ("女", "男性") or the registry ("F", full-width "Ｍ") write it: "女", "男", or ""
    when unknown (unknown breaks nothing)."""
    return _SEX_WORDS.get(normalise_text(gender).lower(), "")


def is_female(gender: object) -> bool:
    """Whether `sex_of` reads the 性别 as a woman's; unknown is not female (breaks nothing)."""
    return sex_of(gender) == "女"


def demand_bits(names: frozenset[str] | set[str]) -> int:
    bits = 0
    for n in names:
        bits |= DEMAND_BITS[n]
    return bits


def is_childcare(text: object) -> bool:
    s = normalise_text(text)
    return any(w in s for w in _CHILDCARE)


# ---------------------------------------------------------------------------------------------- occupations

_OCC_PATTERNS = sorted(((syn.upper(), occ.code) for occ in OCCUPATIONS for syn in (occ.name, *occ.synonyms)
                        if "（" not in syn and "(" not in syn),
                       key=lambda p: -len(p[0]))
_OPEN_INTENT = re.compile(r"(什么|啥|哪样|啥子)(活|工作|工|事)?都|都可以|随便|不挑|都行|有活就|能挣钱就|能赚钱就|都能干|都能做|"
                          r"不限工种|任何工作|样样都|找点事做|找点活|找个活|"
                          # a gig station's "anything" (session 14): "日结的都行", "零工都做", "有工开就去"
                          r"日结的?(?:活)?都|零工都|散工都|有工开就|有工就(?:去|做|干)|有活干就")
# bare "医药" is the pharmaceutical plant's word (6-12-01, session 21) except where it names a field of study
_MEDICINE_AS_MAJOR = re.compile(r"医药(?=相关|类|专业|学|卫生|院校|院)|(?<=学)医药|(?<=读)医药")
_NOT_WANT = re.compile(r"(不想|不做|不干|不要|不愿|不去|别|讨厌|不再)\S{0,3}$")
# what "anything will do" means in a county (entry-level work that needs no certificate) is
# `occupations.ENTRY_LEVEL`

# "分拣" is read by what is sorted: parcels in a depot are warehousing, but seafood, fruit, eggs or waste are sorted
# where they are processed, bought or collected. The first group whose word the text holds decides; none → the
# warehouse, as before. Words for the sorting that name no object (`_SORTING_BARE`) only.
_SORTING_BARE = frozenset({"分拣", "分拣员", "挑拣"})
SORTING_OBJECTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("4-02-03", ("快递", "快件", "包裹", "仓", "物流", "电商", "驿站", "邮件", "货物", "分拨", "转运")),
    ("6-01-01", ("海鲜", "海货", "海产", "水产", "冻品", "虾", "蚝", "鱼", "鱿", "沙虫", "螺", "蟹", "贝", "海参")),
    ("5-05-02", ("农产品", "果蔬", "水果", "果", "荔枝", "龙眼", "芒果", "香蕉", "柑", "橙", "蔬菜", "菜", "蛋", "红薯",
                 "地瓜", "花生", "茶叶")),
    ("4-09-02", ("垃圾", "废品", "回收", "再生资源")),
)


def _sorted_object(s: str) -> tuple[str, int] | None:
    """(the trade, the length of its longest object word in `s`) of the first group the text names."""
    for code, words in SORTING_OBJECTS:
        found = [len(w) for w in words if w in s]
        if found:
            return code, max(found)
    return None


# "去工厂做电工", "在厂里当保安", "想进工厂做会计": the factory is where the trade named after 做/当/干 is done, not a wish for
# the line (普工) — when another trade is named in the same clause ("进厂做普工", "在工厂做过三年" keep it)
_FACTORY_AS_PLACE = re.compile(r"(?:工厂|厂里)(?:里)?(?:做|当|干|搞)(?!过)(?P<rest>[^，,；;。]*)")
_LINE_WORK = "6-28-01"


def _factory_as_place(s: str) -> list[tuple[int, int]]:
    """Spans of 工厂/厂里 in `s` that name where another trade is done (`_FACTORY_AS_PLACE`)."""
    spans = []
    for m in _FACTORY_AS_PLACE.finditer(s):
        rest = m.group("rest")
        if any(syn in rest for syn, code in _OCC_PATTERNS if code != _LINE_WORK and len(syn) >= 2) and \
                not any(syn in rest for syn, code in _OCC_PATTERNS if code == _LINE_WORK):
            spans.append((m.start(), m.start() + 2))
    return spans


# Session 30 (emp-read30, blind30 read): a hotel named before another trade's word, in the same part of a list, is where
# that trade is done ("酒店保安", "酒店或者景区接送司机"), not a wish for its rooms (客房服务员, whose words 酒店/宾馆/旅馆
# are when they stand alone: "想去酒店", "导游、讲解、酒店") — unless the clause names the rooms' work too ("酒店客房服务员",
# "酒店服务员")
_HOTEL_AS_PLACE = re.compile(r"(?:酒店|宾馆|旅馆)(?P<rest>[^、，,；;。]*)")
_HOTEL_PLACES = ("酒店", "宾馆", "旅馆")
_ROOMS = "4-03-04"


def _hotel_as_place(s: str) -> list[tuple[int, int]]:
    """Spans of 酒店/宾馆/旅馆 in `s` that name where another trade is done (`_HOTEL_AS_PLACE`)."""
    spans = []
    for m in _HOTEL_AS_PLACE.finditer(s):
        clause = re.split(r"[，,；;。]", s[:m.start()])[-1] + m.group()
        if any(syn in clause for syn, code in _OCC_PATTERNS if code == _ROOMS and syn not in _HOTEL_PLACES) or \
                any(len(syn) > 2 and s.startswith(syn, m.start()) for syn, _code in _OCC_PATTERNS):
            continue            # the rooms' work named, or the hotel part of a trade's own word ("酒店前台")
        if any(syn in m.group("rest") for syn, code in _OCC_PATTERNS if code != _ROOMS and len(syn) >= 2):
            spans.append((m.start(), m.start() + 2))
    return spans


def occupation_scores(text: object) -> dict[str, float]:
    """Occupation code → weight (length of the matched words) for the words found in `text`, longest
    words first, each character used once; words after 不想/不做/不要 count against. A bare "分拣" goes to the
    trade of what is sorted (`SORTING_OBJECTS`); a factory named as where another trade is done ("去工厂做电工") is
    not read as line work."""
    s = normalise_text(text).upper()
    taken = [False] * len(s)
    for a, b in (*_factory_as_place(s), *_hotel_as_place(s)):
        taken[a:b] = [True] * (b - a)
    for m in _MEDICINE_AS_MAJOR.finditer(s):     # "医药相关专业", "学医药的": a major, not the plant (session 21)
        taken[m.start():m.end()] = [True] * (m.end() - m.start())
    scores: dict[str, float] = {}
    for syn, code in _OCC_PATTERNS:
        weight = len(syn)
        if syn in _SORTING_BARE and (sorted_object := _sorted_object(s)) is not None:
            # "荔枝分拣工" is one phrase: the sorting counts with its object, so it outweighs 荔枝 read alone (种植)
            code, weight = sorted_object[0], weight + sorted_object[1]
        start = 0
        while (i := s.find(syn, start)) >= 0:
            start = i + 1
            if any(taken[i:i + len(syn)]):
                continue
            for k in range(i, i + len(syn)):
                taken[k] = True
            sign = -1.0 if _NOT_WANT.search(s[max(0, i - 6):i]) else 1.0
            scores[code] = scores.get(code, 0.0) + sign * weight
    return {c: v for c, v in scores.items() if v > 0}


def normalise_occupation(text: object, *, limit: int = 3) -> list[str]:
    """Occupation codes for free text, strongest first: '做过流水线，想进厂' → ['6-28-01'];
    '带娃' → ['4-10-02']; '跑外卖' → ['4-02-05']. An empty list when nothing is recognised."""
    scores = occupation_scores(text)
    return [c for c, _ in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))][:limit]


def is_open_intent(text: object) -> bool:
    """'什么都能干' / '有活就干': the seeker will take any entry-level work."""
    return bool(_OPEN_INTENT.search(normalise_text(text)))


# ---------------------------------------------------------------------------------------------- two trades
# Session 10: a posting that is two trades at once ("客服打包员", "收银兼理货", "保安兼保洁", a 综合岗 that is driver plus
# clerk) is read as up to two occupation codes, so that a seeker of either trade finds it.
#
# - Words joined by a connector (兼 — not 兼职, part-time —, 及, 和, 与, 、, /, 或, +) or set in brackets ("保洁员（公益性
#   岗位）") are separate segments; each segment names its own trade ("服务员兼收银" is two; "厨师（兼采购）" is one: 采购
#   names none).
# - Without a connector, two trade words side by side are two trades only when each names a duty or a person — the word
#   ends in 员/工/师/手/匠/嫂, or in a bare duty word (`_DUTY_WORDS`: 客服, 收银, 打包, 保洁 …): "客服打包员", "出纳文员",
#   "拣货打包员". A workplace, an industry or a product before the trade ("电子厂普工", "冷库搬运工", "景区巡逻保安",
#   "对虾分级包装工") qualifies one trade. One word read whole stays one trade ("电焊工" is 焊工, never 电工 + 焊工).
# - A helper word (杂工, 小工, 普工, 操作工 …) beside a trade is the helper of that trade ("帮厨杂工", "包装普工"), not a
#   second trade.
# - A generic title (综合岗, 储备干部, 管培生, 杂工 …) names no trade: the trades come from the description (the second
#   only when it weighs at least half the first), and a driving licence the posting requires makes driving one of them
#   ("综合岗：开公司小车接送客户…协助行政，C1驾照" is driver + clerk).
_CONNECTOR = re.compile(r"兼(?!职)|或者|[及和与、/或+＆&]|[（(）)\[\]【】]")
_ROLE_END = re.compile(r"[员工师手匠嫂]$")
_DUTY_WORDS = ("客服", "收银", "打包", "包装", "保洁", "保安", "司机", "会计", "出纳", "文员", "厨师", "帮厨", "前台",
               "导购", "仓管", "库管", "理货", "分拣", "拣货", "装卸", "搬运", "门卫", "护工", "保姆", "月嫂", "家政", "质检",
               "检验", "配送", "跟单", "销售", "主播", "讲解", "导游", "售票", "检票", "传菜", "洗碗", "切配", "电焊", "焊接")
_HELPER_WORDS = frozenset({"杂工", "小工", "打杂", "杂活", "普工", "操作工", "操作员", "作业员", "帮工", "临时工", "学徒",
                           "工地杂工", "打杂工", "厂工"})
_GENERIC_TITLE = re.compile(r"(?:综合|综合岗位?|综合员|综合工|储备干部|储备人才|管培生|管理培训生|杂工|勤杂工|勤杂|打杂|杂活|"
                            r"临时工|季节工|后勤|后勤人员|工作人员|辅助工|辅助岗|普通员工|员工)(?:[（(][^）)]*[）)])?")
_DRIVING_CERTS = frozenset({"A1", "A2", "A3", "B1", "B2", "C1", "C2"})
DRIVER_CODE = "4-02-01"
STOCK_CODE = "4-02-03"      # 仓储管理员 (仓管, 理货, 分拣)
SHOP_CODE = "4-01-01"       # 营业员
_SHOP = re.compile(r"超市|商场|卖场|门店|店内|便利店")
_SHELVES = re.compile(r"货架|上架|上货")
_STOCKROOM = re.compile(r"仓库|物流|码头|港口|快递|集装箱|冷库")


def _on_shop_floor(description: str) -> bool:
    """A shop named, or shelves stocked where no warehouse, port or courier is named."""
    return bool(_SHOP.search(description) or (_SHELVES.search(description) and not _STOCKROOM.search(description)))
TITLE_SPAN = 60


def words_found(s: str) -> list[tuple[int, str, str]]:
    """(position, word, code) of the occupation words in `s`, as `occupation_scores` takes them (longest first, each
    character once; a bare 分拣 goes to the trade of what is sorted), in reading order; words after 不想/不做 left out."""
    taken = [False] * len(s)
    found: list[tuple[int, str, str]] = []
    for syn, code in _OCC_PATTERNS:
        start = 0
        while (i := s.find(syn, start)) >= 0:
            start = i + 1
            if any(taken[i:i + len(syn)]):
                continue
            for k in range(i, i + len(syn)):
                taken[k] = True
            if _NOT_WANT.search(s[max(0, i - 6):i]):
                continue
            if syn in _SORTING_BARE and (sorted_object := _sorted_object(s)) is not None:
                code = sorted_object[0]
            found.append((i, syn, code))
    return sorted(found)


def _names_a_duty(word: str, after: str) -> bool:
    """A trade word that names a duty or a person ("客服", "打包员", "理货" before 员), not a place or a product."""
    return bool(_ROLE_END.search(word)) or word.endswith(_DUTY_WORDS) or bool(_ROLE_END.match(after[:1]))


def _segment_trade(segment: str) -> str | None:
    scores = occupation_scores(segment)
    if not scores:
        return None
    return min(scores.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _compound_trades(segment: str) -> tuple[str, str] | None:
    """Two trades named side by side in one segment ("客服打包员"), or None."""
    s = normalise_text(segment).upper()
    words = words_found(s)
    for (i, a, ca), (k, b, cb) in zip(words, words[1:], strict=False):
        if i + len(a) != k or ca == cb or a in _HELPER_WORDS or b in _HELPER_WORDS:
            continue
        if _names_a_duty(a, s[i + len(a):]) and _names_a_duty(b, s[k + len(b):]):
            return ca, cb
    return None


def is_generic_title(title: object) -> bool:
    """'综合岗', '储备干部', '杂工', '管培生': a title that names no trade of its own (the description says what the work is).
    '杂工（包装）' names one: it reads as '包装杂工' (`_kind_in_front`)."""
    return bool(_GENERIC_TITLE.fullmatch(_kind_in_front(normalise_text(title)).replace(" ", "")))


def _kind_in_front(title: str) -> str:
    """A helper word alone (普工, 操作工, 杂工 …) with a bracket naming the kind of work reads as the same words outside
    the bracket: '普工（包装）' → '包装普工', '杂工（厨房）' → '厨房杂工' (session 11; before, the bracket was a second
    segment and the helper word the head). A bracket naming no trade ('普工（长白班）'), a side duty ('（兼…）') or the
    kind of post ('（公益性岗位）') is left as it is, and so is a title that names a trade of its own ('保安（酒店）')."""
    outside = _BRACKET.sub("", title[:TITLE_SPAN]).strip()
    if outside.upper() not in _HELPER_WORDS:
        return title
    inner = "".join(b.strip("（()[]【】） ") for b in _BRACKET.findall(title[:TITLE_SPAN]))
    if not inner or inner.startswith("兼"):
        return title
    names_work = any(word not in _HELPER_WORDS and code != PUBLIC_WELFARE_CODE
                     for _, word, code in words_found(normalise_text(inner).upper()))
    return inner + outside if names_work else title


def title_trades(title: object) -> tuple[str, ...]:
    """The trades a posting's title names: one code, or two when it names two trades ('客服打包员', '收银兼理货',
    '保安兼保洁', '服务员兼收银'); ('6-28-02',) for '打包员', ('6-18-01',) for '电焊工', ('4-01-04',) for '销售经理';
    () when it names none. The first code is the one the title's own words read as (`_first_trade`). Brackets qualify
    the title: a workplace or product ('保安（酒店）', '客服（抖音电商）') or a side duty ('厨师（兼采购）') names no second
    trade; a duty or person ('保安（收银员）') and the kind of post ('保洁员（公益性岗位）') do. On a helper word alone the
    bracket is the kind of work: '普工（包装）' reads as '包装普工' (`_kind_in_front`)."""
    s = _kind_in_front(normalise_text(title))
    head = s[:TITLE_SPAN]      # a title is a few words; a pasted 100,000-character "title" would be thousands of parts
    own_words = _BRACKET.sub("、", head)
    first = _first_trade(own_words) or _first_trade(s)
    if first is None:
        return ()
    trades: list[str] = []
    parts = [*_CONNECTOR.split(own_words), *(b for b in _BRACKET.findall(head) if _bracket_names_work(b))]
    for segment in parts:
        pair = _compound_trades(segment)
        for code in pair or ((_segment_trade(segment),) if segment.strip() else ()):
            if code is not None and code not in trades and not _helper_only(segment, code):
                trades.append(code)
    if len(trades) < 2:
        return (first,)
    if first in trades[:2]:
        return (first, next(c for c in trades[:2] if c != first))
    return tuple(trades[:2])


_BRACKET = re.compile(r"[（(\[【][^）)\]】]*[）)\]】]?")


def _bracket_names_work(bracket: str) -> bool:
    """A bracket after a title that names work of its own: a duty or a person ("（包装）", "（收银员）") or the kind of
    post (公益性岗位) — not a side duty ("（兼采购）"), a workplace or a product ("（酒店）", "（抖音电商）")."""
    inner = bracket.strip("（()[]【】） ")
    if inner.startswith("兼"):
        return False
    s = normalise_text(inner).upper()
    return any(code == PUBLIC_WELFARE_CODE or _names_a_duty(word, s[i + len(word):]) for i, word, code in words_found(s))


def _first_trade(s: str) -> str | None:
    """The trade a title reads as on its own: the strongest; of equal strength the one of the first part ("厨师兼采购"
    is a cook who also buys) and, inside a part, its head, the word named last ("包装普工" is a 普工 who packs; a helper
    word such as 杂工 is no head) — not the one whose code sorts first."""
    scores = occupation_scores(s)
    if not scores:
        return None
    rank: dict[str, tuple[int, int]] = {}
    offset = 0
    for part_no, part in enumerate(_CONNECTOR.split(s)):
        for i, word, code in words_found(part.upper()):
            if word not in _HELPER_WORDS:          # "帮厨杂工" is a kitchen hand: a helper word is no head
                rank.setdefault(code, (part_no, -(offset + i)))
        offset += len(part) + 1
    return min(scores, key=lambda c: (-scores[c], rank.get(c, (len(s), 0)), c))


def _helper_only(segment: str, code: str) -> bool:
    """A segment whose only word for `code` is a helper word ("兼杂工"): no trade of its own."""
    s = normalise_text(segment).upper()
    words = [w for _, w, c in words_found(s) if c == code]
    return bool(words) and all(w in _HELPER_WORDS for w in words)


# Session 25 (emp-read25, blind25 read): who may do the work is no trade of it — "带孩子的、上了年纪的都能做" (a weaving
# outwork post) named 育婴员; a clause naming people who mind children and saying they can do it is left out of the
# description's trades (not "负责带孩子", "照顾小孩", which are the work)
_AUDIENCE = re.compile(r"[^，。；,;]{0,12}?(?:带孩子|带娃|带小孩|看孩子|宝妈)的?[^，。；,;]{0,12}?(?:都|也)?(?:能|可以|可)(?:做|干|来|报名|报)")


def posting_trades(title: object, description: object = "", required_certificates: frozenset[str] | set[str] = frozenset()
                   ) -> tuple[str, ...]:
    """Up to two occupation codes of a posting: the title's (`title_trades`); for a generic title (`is_generic_title`)
    or one that names no trade, the description's two strongest trades (the second only at half the first's weight or
    more) and driving when a driving licence is required. The generic title's own word ('杂工') counts when the
    description names nothing."""
    own = title_trades(title)
    if own == (STOCK_CODE,) and "理货" in normalise_text(title) and _on_shop_floor(normalise_text(description)[:300]):
        # a 理货员 stocking a shop's shelves ("超市上货、理货", "整理货架") works the shop floor as well as the stockroom
        return (STOCK_CODE, SHOP_CODE)
    if own and not is_generic_title(title):
        return own
    desc = _AUDIENCE.sub(" ", normalise_text(description)[:300])
    ranked = sorted(occupation_scores(desc).items(), key=lambda kv: (-kv[1], kv[0]))
    trades = [ranked[0][0]] if ranked else []
    if len(ranked) > 1 and ranked[1][1] * 2 >= ranked[0][1]:
        trades.append(ranked[1][0])
    if required_certificates & _DRIVING_CERTS and DRIVER_CODE not in trades:
        trades = [*trades[:1], DRIVER_CODE]
    trades = trades[:2] or list(own)
    return tuple(trades)


# ---------------------------------------------------------------------------------------------- emp-mend27
AGE_LIMITED_CERTS = frozenset({"叉车证", "电工证", "焊工证", "高处作业证", ELECTRICIAN_SAFETY, "特种设备焊工证", "登高架设作业证",
                               "高处安装维护拆除作业证", *SESSION32_LICENCES, *SESSION33_LICENCES})
_SAT_BY_EMPLOYER = re.compile(r"送(?:去)?考|(?:带|带着|出钱|出资|花钱|安排|组织|负责|协助|帮)(?:去)?考|培训(?:并|后)?考证|"
                              r"(?:公司|单位|厂里|老板)(?:带|安排|组织|负责)(?:去)?(?:考|办)")


def sat_through_employer(optional: frozenset[str], text: object) -> bool:
    """Whether a posting makes a certificate with an issue age (`AGE_LIMITED_CERTS`) optional because the employer has
    the worker sit it ("叉车证可公司送考"): then it requires `CERT_SITTABLE`. A mere preference ("叉车证优先") does not."""
    return bool(optional & AGE_LIMITED_CERTS) and _SAT_BY_EMPLOYER.search(normalise_text(text)[:2000]) is not None


def can_sit(age: int | None, held: frozenset[str] | set[str]) -> bool:
    """`CERT_SITTABLE`: a seeker of unknown age, of at most `SIT_AGE_MAX`, or holding a certificate with an issue age."""
    return age is None or age < 0 or age <= SIT_AGE_MAX or bool(set(held) & AGE_LIMITED_CERTS)


_SLEEPS_AT_HOME = re.compile(r"(?:晚上|夜里|每晚|每天晚上)(?:都)?(?:要|得|必须|需要)(?:回家|回去)(?:里)?(?:睡|住|睡觉|过夜)")
LATE_EVENING_END = 23         # an evening ending by 23:00 leaves the night at home (the blind27 writer's reading)


def sleeps_at_home(text: object) -> bool:
    """Whether a seeker's words say they must sleep at home ("晚上要回家睡", "每晚得回家住"): no `NIGHTS_AWAY`."""
    return _SLEEPS_AT_HOME.search(normalise_text(text)) is not None


def overnight(text: object, occupation_codes: tuple[str, ...] | list[str] = ()) -> bool:
    """Whether a posting's night is more than an evening ending by 23:00 (`NIGHTS_AWAY`): night work whose stated shifts
    do not all lie within 6:00–23:00 (通宵, 值夜, 24小时值班, a 夜班 unstated)."""
    s = normalise_text(text)
    # session 34 (emp-left34): a night read only from an end said alone by 23:00 ("加班到23:00") is such an evening
    evening_only = end_said_alone(s) <= LATE_EVENING_END and \
        "NIGHT" not in infer_job_demands(s, occupation_codes, end_alone=False)
    return "NIGHT" in infer_job_demands(s, occupation_codes) and not hours_within_day(s, LATE_EVENING_END) and \
        not evening_only


# ---------------------------------------------------------------------------------------------- emp-bits30
# A 健康证 that cannot be had (`HEALTH_CARD_OBTAINABLE`): the hospital's 健康体检 refuses one with a condition the rules
# bar from food, public places and 托幼 work (《食品安全法》第四十五条, 《公共场所卫生管理条例》第七条 — 渗出性皮肤病,
# 活动性肺结核 …), so "医院说办不了健康证" takes no post that names the 健康证, required or to be got after joining alike.
# Not "健康证还没办", "健康证可以去办", "没有健康证" (a card not yet got: `_NOT_HELD`).
_HEALTH_CARD_REFUSED = re.compile(
    r"(?:办不了|办不下来|办不下|办不到|办不出|开不了|开不出|不能办|无法办|没法办|办理不了|不给办|过不了)(?:理)?(?:食品)?健康证"
    r"|健康证(?:明)?(?:[^，,。;；]{0,4}?)(?:办不了|办不下来|办不下|办不到|办不出|开不了|开不出|不能办|无法办|没法办|办理不了|不给办"
    r"|体检过不了|体检不过|体检不合格)")


def health_card_refused(text: object) -> bool:
    """Whether a seeker's words say a 健康证 cannot be had ("医院说办不了健康证", "健康证办不下来"): no
    `HEALTH_CARD_OBTAINABLE`."""
    return _HEALTH_CARD_REFUSED.search(normalise_text(text)) is not None


def names_health_card(required: frozenset[str], preferred: frozenset[str]) -> bool:
    """Whether a posting names the 健康证 (required or preferred): it requires `HEALTH_CARD_OBTAINABLE`."""
    return "健康证" in required or "健康证" in preferred
