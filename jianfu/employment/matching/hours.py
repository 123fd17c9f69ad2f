"""Working hours as a window (session 13, issue 8): the hours a posting states ("8:00-17:30", "两班倒 8-20/20-8",
"上午班 8-12", "早7点到晚7点") against the hours a seeker says they cannot work ("下午4点要接孩子", "早上送完孩子8点半以后
才能上班", "上午有空，下午要带孙子", "晚上9点后不行").

The day is 48 half-hour slots; slot k is [k/2, k/2 + 0.5) on the clock. A posting's hours are the slots its stated
shifts cover (rounded outwards: "7:45" starts in slot 7:30); a seeker's are the slots they cannot work (rounded inwards:
"7:45以后才能到" leaves 7:30–8:00 open). Both are written into the demand bits above `parse.DEMANDS` (`SLOT_SHIFT`), so the
pair breaks exactly when the posting covers a slot the seeker cannot work: the same one AND that the matcher's kernel
and the oracle already take for every other limit. A side that states no hours has no slot bits and breaks nothing.

Only ranges are read on a posting ("7点到17点"), and a start or an end said with its verb ("早上4点出车", "5点半下班"):
a single time with anything else is no shift ("早上7点半前到岗有补贴", "下午4点前报名", "报名时间8:00-17:00")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from jianfu.employment.matching.parse import DEMAND_BITS, DEMANDS, NIGHT_ONLY, cn_number, normalise_text

SLOTS = 48
SLOT_SHIFT = 16                     # slot k is bit SLOT_SHIFT + k of the demand bits (bits below: `parse.DEMANDS`)
assert len(DEMANDS) <= SLOT_SHIFT
SLOT_MASK = ((1 << SLOTS) - 1) << SLOT_SHIFT
DAY_STARTS = 4.0                    # a seeker's "day" runs from 4:00 to 4:00: the small hours are the night's
FULL_DAY_SLOTS = 14                 # a posting stating 7 hours or more a day (slots covered) is a full day's work
NIGHT_ONLY_BUSY = (8.0, 17.0)       # the hours a seeker who can only work nights cannot work

_PART = r"凌晨|早上|早晨|清晨|早|上午|中午|午|下午|傍晚|晚上|晚|夜里|夜间|深夜|半夜"
_PM = frozenset(("下午", "傍晚", "晚上", "晚", "夜里", "夜间", "深夜"))
_AM = frozenset(("凌晨", "早上", "早晨", "清晨", "早", "上午"))
_SMALL_HOURS = frozenset(("凌晨", "半夜", "深夜", "夜里", "夜间"))       # an hour before 4:00 said with these is after midnight


def _clock(n: str) -> str:
    """A clock time with groups suffixed `n`: an optional part of the day, an hour, and how it is written (`u`: ":MM",
    "点", "点半", "点N分", "时"; empty for a bare number)."""
    return (rf"(?P<p{n}>{_PART})?(?<![\d.])(?P<h{n}>\d{{1,2}}|[一二两三四五六七八九十]{{1,3}})"
            rf"(?P<u{n}>[:](?P<m{n}>[0-5]\d)|点(?:钟)?(?:(?P<half{n}>半)|(?P<mm{n}>[0-5]?\d)分|(?P<q{n}>一刻|三刻))?"
            rf"|时(?![间候段])(?:(?P<mt{n}>[0-5]\d)分)?)?"
            # a bare number is no hour when a date or a count follows it ("只能做到8月底", "到15号", "做到3个月")
            # — only then: "晚6点半月休4天" is 18:30 (codereview15 #7)
            rf"(?(u{n})|(?![月号日年岁周天个期届倍成]))")


# an end on the next day ("18:00至次日2:00", "20:00-次日8:00") wraps past midnight like any end before its start
_RANGE = re.compile(_clock("1") + r"(?:开工|上班|开始|起|出车)?[^，。；,;\d]{0,2}?(?:到|至|-|~|—|–|―|－)\s*"
                    + r"(?P<next>次日|第二天|翌日|隔天)?" + _clock("2") + r"(?![\d.])")
# a start or an end said with its verb ("早上4点出车", "晚上10点下班"); not "7点半前到岗", "8点开始报名"
_START = re.compile(_clock("1") + r"(?:开工|上班|出车|开始上班|开门营业|出工|上岗)(?!前)")
_END = re.compile(_clock("1") + r"(?:下班|收工|放工|收车|打烊)")
# a bare range ("8-20", "8-12") is hours only after words of shifts or hours, or chained to a range before it
# ("两班倒 8-20/20-8"), and never before a unit ("8-10小时", "3-6月", "18-45岁", "4-5千")
_BARE_BEFORE = re.compile(r"(?:班|倒|时间|时段|上班|工作|作息|休[一二两日天]|单休|双休|大小休)[:\s(（]*$")
# "早8晚6", "早八晚五半": a morning start and an evening end with no word between
_EARLY_LATE = re.compile(_clock("1") + r"\s*/?\s*" + _clock("2") + r"(?![\d.])")
_UNIT_AFTER = re.compile(r"\s*(?:月|日|号|岁|周|元|块|斤|公斤|kg|KG|万|千|k|K|w|W|个|年|天|人|米|%|度|分|小时|名|次|吨|件|箱|cm|mm|级|层|栋|楼|期|批|亩|只|袋|包|单|公里|里)")
# hours that are not the work's: registration, interviews, a shop's opening, a break
_NOT_WORK_BEFORE = re.compile(r"报名|面试|咨询|招聘会|营业|开放|接待|报到|培训|午休|休息|吃饭|午饭|用餐|就餐|电话|联系")
_NOT_WORK_AFTER = re.compile(r"\s*(?:休息|午休|吃饭|午饭|用餐|报名|面试|咨询|可联系|接听)")
# hours the posting itself lets the worker shorten or choose ("带孩子的可以只做上午", "可只做半天", "时间可协商")
_FLEXIBLE = re.compile(r"(?:可以|可|也可|能)只(?:做|上|干)(?:上午|下午|半天|晚上)|(?:上午|下午|半天)(?:班)?也可以?|时间(?:可|能)?(?:灵活|弹性|协商|商量|自由|自选)"
                       r"|弹性(?:工作|上班)|可调(?:班|整时间)")
_CLAUSE_START = re.compile(r"[，。；,;！!？?\n]")
_ROTATES = re.compile(r"倒班|[两二三四五]班[两二三四]?倒|轮(?![胎船渡椅子机])|倒休")
_SHIFT_LABEL = re.compile(r"(?P<l>早班|中班|晚班|白班|夜班|大夜|小夜|[A-Da-d]班)[:\s(（]*$")
_LATE_SHIFTS = frozenset(("中班", "晚班", "夜班", "小夜"))


def _hour(m: re.Match[str], n: str, *, inherit: str | None = None, end: bool = False) -> float | None:
    """The 24-hour clock time of clock `n` of a match: the part of the day written before it (or the start's, for the
    end of a range that has none: 下午3点到6点 → 18), 点半 / :MM / N分 / 一刻 minutes."""
    h = cn_number(m.group(f"h{n}"))
    if h is None or h > 24:
        return None
    minutes = m.group(f"m{n}") or m.group(f"mm{n}") or m.group(f"mt{n}")
    if minutes and int(minutes) >= 60:
        return None
    h += (0.5 if m.group(f"half{n}") else 0) + (int(minutes) / 60 if minutes else 0)
    q = m.group(f"q{n}")
    h += 0.25 if q == "一刻" else 0.75 if q == "三刻" else 0
    part = m.group(f"p{n}") or inherit
    if part in _PM and h < 12:
        h += 12
    elif part in _PM and h == 12 and part not in ("下午", "傍晚"):
        h = 24                      # 晚上12点 is midnight
    elif part == "中午" and h < 6:
        h += 12                     # 中午1点 is 13:00
    elif end and part in ("凌晨", "半夜", "深夜") and h < 6:
        h += 24
    return h


def _slots(start: float, end: float) -> int:
    """Slot bits (from bit 0) of the posting's [start, end) on the clock, rounded outwards; past midnight wraps."""
    if end <= start:
        end += 24
    bits = 0
    for k in range(int(start * 2), -int(-end * 2 // 1)):
        bits |= 1 << (k % SLOTS)
    return bits


def _busy(start: float, end: float) -> int:
    """Slot bits (from bit 0) of a seeker's unavailable [start, end), rounded inwards."""
    bits = 0
    for k in range(-int(-start * 2 // 1), int(end * 2)):
        bits |= 1 << (k % SLOTS)
    return bits


@dataclass(frozen=True, slots=True)
class JobHours:
    ranges: tuple[tuple[float, float], ...]      # the shifts read, (start, end) with end past 24 overnight
    slots: int                                   # slot bits (from bit 0) the work covers; 0 when nothing is stated
    alternatives: bool = False                   # several named shifts to choose from: only their common hours count

    def label(self) -> str:
        """"8:00–17:30", "8:00–20:00、20:00–8:00"."""
        return "、".join(f"{_fmt(a)}–{_fmt(b)}" for a, b in self.ranges)

    def shifts_clear_of(self, busy: int) -> list[str]:
        """The shifts, as "7:00–15:00", that meet none of a seeker's busy slot bits."""
        return [f"{_fmt(a)}–{_fmt(b)}" for a, b in self.ranges if not _slots(a, b) & busy]


def _fmt(h: float) -> str:
    h %= 24
    return f"{int(h)}:{round((h - int(h)) * 60):02d}"


def _not_work(s: str, start: int, end: int) -> bool:
    clause = _CLAUSE_START.split(s[max(0, start - 12):start])[-1]
    return bool(_NOT_WORK_BEFORE.search(clause) or _NOT_WORK_AFTER.match(s, end))


@lru_cache(maxsize=200_000)
def job_hours(text: str) -> JobHours:
    """The hours a posting states: every range of clock times that is the work's (several shifts of a rotation or a
    split shift together: "两班倒 8-20/20-8" is the whole day; several named shifts to choose from, "早班7:00-15:00，晚班
    15:00-23:00", only the hours common to all), and a start or an end said with its verb."""
    s = normalise_text(text)
    if not any(c in s for c in ":点时-~到至晚") or not re.search(r"\d|[一二两三四五六七八九十]", s):
        return JobHours((), 0)
    if _FLEXIBLE.search(s):
        return JobHours((), 0)      # hours the worker may shorten or choose bind nobody
    ranges: list[tuple[float, float]] = []
    labelled = 0
    or_joined = 0                   # ranges joined to the one before by 或 ("9:00-18:00或13:00-22:00": one of them)
    last_end = -1
    for m in _RANGE.finditer(s):
        bare = not (m.group("u1") or m.group("u2") or m.group("p1") or m.group("p2"))
        if bare and not (_BARE_BEFORE.search(s[max(0, m.start() - 6):m.start()])
                         or (last_end >= 0 and s[last_end:m.start()] in ("/", "、", "，", ",", " "))):
            continue
        # a unit after a bare end ("8-12月") makes no hours; after a clock time it starts the next phrase
        # ("晚6点半月休4天", "6点包吃住": codereview15 #7)
        if (not m.group("u2") and _UNIT_AFTER.match(s, m.end())) or _not_work(s, m.start(), m.end()):
            continue
        start = _hour(m, "1")
        inherit = m.group("p1") if m.group("p1") in _PM else None
        label = _SHIFT_LABEL.search(s[max(0, m.start() - 4):m.start()])
        if label and not m.group("p1") and label.group("l") in _LATE_SHIFTS and start is not None and 1 <= start < 12:
            start, inherit = start + 12, "晚上"      # "晚班3点到11点" is 15:00 to 23:00
        end = _hour(m, "2", inherit=inherit, end=True)
        if start == 24 and m.group("p1"):
            start = 0.0             # "晚上12点到早上8点" starts at midnight
        if start is not None and end == start and inherit and not m.group("p2"):
            end = _hour(m, "2", end=True)       # "夜班8点到8点" is 20:00 to 8:00, not nothing
        if start is None or end is None or start == end or start >= 24:
            continue
        if end < start and not m.group("p2") and not m.group("m2") and not m.group("next") and end + 12 > start:
            end += 12               # "8点到5点半" on a 12-hour clock is 8:00 to 17:30, not overnight ("次日" says it is)
        if end < start or (m.group("next") and end < 24):
            end += 24
        if end - start > 16:
            continue                # no shift of 17 hours: not hours ("1-20号")
        or_joined += bool(ranges) and last_end >= 0 and s[last_end:m.start()].strip() in ("或", "或者")
        ranges.append((start, end))
        labelled += bool(label)
        last_end = m.end()
    for m in _EARLY_LATE.finditer(s):
        if m.group("p1") in ("早", "早上") and m.group("p2") in ("晚", "晚上") and not _not_work(s, m.start(), m.end()):
            start, end = _hour(m, "1"), _hour(m, "2")
            if start is not None and end is not None and 4 <= start < 12 and start < end <= 24 and \
                    not any(a <= start < b for a, b in ranges):
                ranges.append((start, end))
    starts = [h for m in _START.finditer(s) if (h := _hour(m, "1")) is not None and h < 24
              and not _not_work(s, m.start(), m.end()) and not any(a <= h < b for a, b in ranges)]
    # an end said without a part of the day on a 12-hour clock ("5点半下班") is the afternoon's
    ends = [h + 12 if not m.group("p1") and h < 12 else h
            for m in _END.finditer(s) if (h := _hour(m, "1", end=True)) is not None and 0 < h <= 24]
    ends = [h for h in ends if not any(a < h <= b for a, b in ranges)]
    pair_end = ends[0] + 24 if len(ends) == 1 and starts and ends[0] <= starts[0] else ends[0] if ends else 0.0
    if len(starts) == 1 and len(ends) == 1 and 0 < pair_end - starts[0] <= 16:
        ranges.append((starts[0], pair_end))        # "早上7点出车，下午4点收车", "晚上8点上班，早上8点下班"
    else:
        ranges.extend((h, h + 0.5) for h in starts)
        ranges.extend((h - 0.5, h) for h in ends)
    if not ranges:
        return JobHours((), 0)
    # several named shifts, or ranges written one or the other (session 16, blind16 read): the worker takes one of them
    alternatives = (labelled >= 2 and labelled == len(ranges) or (or_joined >= 1 and or_joined == len(ranges) - 1)) \
        and not _ROTATES.search(s)
    if alternatives:
        slots = (1 << SLOTS) - 1
        for a, b in ranges:
            slots &= _slots(a, b)
    else:
        slots = 0
        for a, b in ranges:
            slots |= _slots(a, b)
        # a break stated inside the hours ("8:00-18:00，中午12点到2点休息", "午休12:00-13:30") is not work (session 14)
        for bs, be in _breaks(s):
            if any(a < bs and be < b for a, b in ranges):
                slots &= ~_busy(bs, be)
    return JobHours(tuple(ranges), slots, alternatives)


_BREAK_WORDS = re.compile(r"午休|休息|吃饭|午饭|用餐|就餐")


def _breaks(s: str) -> Iterator[tuple[float, float]]:
    """The (start, end) of each break a posting states with its clock times, read on a 12-hour clock from noon
    ("中午12点到2点休息" is 12:00–14:00)."""
    if not _BREAK_WORDS.search(s):
        return
    for m in _RANGE.finditer(s):
        clause = _CLAUSE_START.split(s[max(0, m.start() - 12):m.start()])[-1]
        if not (_BREAK_WORDS.search(clause) or _BREAK_WORDS.match(s, m.end())):
            continue
        start, end = _hour(m, "1"), _hour(m, "2", end=True)
        if start is None or end is None:
            continue
        if end <= start and end + 12 > start:
            end += 12               # "12点到2点" is 12:00 to 14:00
        if start < end <= start + 4:
            yield start, end


def short_day(text: str) -> bool:
    """Whether a posting states a day shorter than a full one: clock times covering under seven hours (not a start or
    an end said alone), or a half-day shift named ("半天班", "上午班")."""
    stated = job_hours(text)
    if stated.slots:
        return all(b - a > 0.5 for a, b in stated.ranges) and bin(stated.slots).count("1") < FULL_DAY_SLOTS
    return bool(_HALF_DAY_NAMED.search(normalise_text(text)))


_HALF_DAY_NAMED = re.compile(r"半天班|半日班|做半天|上半天|只上半天|上午班|下午班|半天工|钟点工|按小时")


def job_bits(text: str) -> int:
    """The posting's stated hours as demand bits: its slots, and FULL_DAY for 7 hours or more a day."""
    hours = job_hours(text)
    bits = hours.slots << SLOT_SHIFT
    if bin(hours.slots).count("1") >= FULL_DAY_SLOTS:
        bits |= DEMAND_BITS["FULL_DAY"]
    return bits


# ---------------------------------------------------------------------------------------------- a seeker's window

_NEG = r"(?:就)?(?:不行|不能|不可以|没空|没时间|不方便|干不了|做不了|不上班|不干|不做|要走|得走|要下班|要回家|得回家|要回去)"
# "下午4点以后不行", "晚上9点后不行", "下午五点以后要回家煮饭"; "下午5点半前要走", "晚上7点前要到家"
_LATE_AFTER = re.compile(_clock("1") + r"(?:以|之)?后" + _NEG)
# (session 16: a place may stand between the duty's verb and the going, "下午6点前要去幼儿园接")
_LATE_BEFORE = re.compile(_clock("1") + r"(?:以|之)?前(?:就)?(?:要|得|必须|一定要)(?:(?:去|到)[^，。；,;！!？?\d点要得]{0,5}?)?"
                          r"(?P<v>走|下班|回去|回家|到家|回到家|接)")
# "只能做到下午两点", "最多干到5点"
_UNTIL = re.compile(r"(?:只能|最多|顶多|只)(?:做|干|上班|上)?到" + _clock("1"))
# "下午4点要接孩子", "下午五点半要回家煮饭", "5点得去接小孩"
_DUTY_AT = re.compile(_clock("1") + r"(?:放学|下课|放学后|下课后)?(?:就)?(?:要|得|必须|需要)(?:去|到)?"
                      r"(?:[^，。；,;！!？?\d点要得]{0,4}?)(?P<v>接|回家|做饭|煮饭|回去|走|下班)")
# "早上送完孩子8点半以后才能上班", "早上7点半以后才能到", "9点以后才有空"
# a window of clock hours said as the only one ("只能9点到4点", "只有上午8点到12点") or as the hours that suit
# ("8点到5点半都可以", "9点到下午3点之间可以"): the hours outside it are busy (session 20, blind20 read)
_ONLY_WINDOW = re.compile(r"(?:只能|只有|只)(?:做|干|上班|上|在)?" + _clock("1") + r"[^，。；,;\d]?(?:到|至|-|~)" + _clock("2")
                          + r"(?![\d.])")
_WINDOW_SUITS = re.compile(_clock("1") + r"[^，。；,;\d]?(?:到|至|-|~)" + _clock("2")
                           + r"(?![\d.])(?:之间)?(?:都|也)?(?:可以|行|有空|有时间)")
_EARLY_AFTER = re.compile(_clock("1") + r"(?:以|之)?后(?:才|再)(?:能|可以|有空|有时间|到|来|上班|出门|去)")
# "早上8点半前到不了", "早上8点前、下午5点后不行"
# a window said as the hours one can work (session 16): "早上8点以后、下午6点以前可以上班", "8点后到5点前都有空"
_WINDOW = re.compile(_clock("1") + r"(?:以|之)?后[、，,到至\-~\s]*" + _clock("2") + r"(?:以|之)?前(?:都|才|也)?"
                     r"(?:可以|能|有空|有时间|方便)")
_EARLY_BEFORE = re.compile(_clock("1") + r"(?:以|之)?前(?:[^。；;]{0,10}?)(?:不行|到不了|来不了|去不了|没空|没时间|不方便|不能)")
# parts of the day: "上午有空，下午要带孙子", "只能上午", "下午要接孩子". An evening duty without a clock ("晚上要照顾老人") is
# the night limit's (`parse`), not a window: a writer grades a post ending at 20:00 acceptable for it
_MORNING_ONLY = re.compile(r"(?:只能|只有|只|就)(?:做|干|上)?上午|上午有空|上午有时间")
_AFTERNOON_ONLY = re.compile(r"(?:只能|只有|只|就)(?:做|干|上)?下午|下午有空|下午有时间")
_AFTERNOON_DUTY = re.compile(r"下午(?:要|得|需要|还要)(?P<v>接|带|看|照顾|管|陪)")


_ANY_HOURS = re.compile(r"[点:时]|上午|下午|夜班|晚班|晚上")


def _seeker_hour(m: re.Match[str], *, evening: bool) -> float | None:
    """A seeker's clock time. Without a part of the day, a small hour is the afternoon's where the sentence speaks of
    the end of the day ("4点以后不行" → 16; "9点后不行" → 21, as `parse._evening_cutoff`), the morning's otherwise."""
    h = _hour(m, "1")
    if h is None:
        return None
    if not m.group("p1") and evening and h < 12:
        h += 12
    return h


def _evening_hours(pattern: re.Pattern[str], s: str) -> Iterator[tuple[re.Match[str], float]]:
    """Each clock time `pattern` finds in a seeker's words that is not said of the morning, read as a seeker means it
    (an hour without its part of the day is the evening's: "7点前要到家")."""
    for m in pattern.finditer(s):
        if m.group("p1") in _AM:
            continue
        if m.group("p1") in _SMALL_HOURS and (small := cn_number(m.group("h1"))) is not None and small < DAY_STARTS:
            continue                # "深夜1点" is 1:00, read past midnight by the caller (session 14), not 13:00
        h = _seeker_hour(m, evening=True)
        if h is not None:
            yield m, h


@lru_cache(maxsize=100_000)
def seeker_busy(text: str) -> int:
    """The slot bits (from bit 0) of the hours a seeker says they cannot work; 0 when they state none."""
    s = normalise_text(text)
    if not _ANY_HOURS.search(s):
        return 0                    # most notes say nothing of hours: one scan instead of a dozen
    busy = 0
    late: list[float] = []
    late.extend(at for _m, at in _evening_hours(_LATE_AFTER, s))
    # a latest hour in the small hours ("凌晨2点以后不行", "半夜1点后不行"): the day's end runs past midnight (session 14)
    late.extend(24 + h for m in _LATE_AFTER.finditer(s)        # the hour as written ("深夜" would add 12)
                if m.group("p1") in _SMALL_HOURS and (h := cn_number(m.group("h1"))) is not None and h < DAY_STARTS)
    for m, at in _evening_hours(_LATE_BEFORE, s):
        if at == 12 and not m.group("p1") and m.group("v") in ("到家", "回到家"):
            at = 24.0               # "12点前要到家" is home by midnight, not by noon
        late.append(at - (0.5 if m.group("v") in ("回家", "到家", "回到家", "回去", "接") else 0))
    for m in _UNTIL.finditer(s):
        h = _hour(m, "1")
        if h is not None and not m.group("p1") and h <= 6:
            h += 12                 # "只能做到3点" is the afternoon's
        if h is not None:
            late.append(h)
    # a child fetched at a time ("下午5点半要接孩子") leaves the seeker free until that time: a shift ending at it fits
    # (blind16's rule, the one a writer wrote: "下午四点半要接孩子 = must be free at 16:30"; "前" takes half an hour
    # more, above); going home to cook leaves half an hour to get there (session 13)
    for m, at in _evening_hours(_DUTY_AT, s):
        late.append(at - (0 if m.group("v") in ("走", "下班", "接") else 0.5))

    early: list[float] = []
    for m in _WINDOW.finditer(s):
        start, end = _hour(m, "1"), _hour(m, "2")
        if start is not None and end is not None and not m.group("p2") and end <= start and end < 12:
            end += 12               # "8点后到5点前" on a 12-hour clock
        if start is not None and end is not None and 4 < start < end <= 24:
            early.append(start)
            late.append(end)
    for pattern in (_ONLY_WINDOW, _WINDOW_SUITS):
        for m in pattern.finditer(s):
            if not (m.group("u1") or m.group("u2")):
                continue            # "5到8千都可以" is a wage: a clock time is written with 点 or ":"
            start = _hour(m, "1")
            end = _hour(m, "2", inherit=m.group("p1") if m.group("p1") in _PM else None, end=True)
            if start is not None and end is not None and not m.group("p2") and end <= start and end < 12:
                end += 12           # "9点到4点" on a 12-hour clock is 9:00 to 16:00
            if start is not None and end is not None and DAY_STARTS < start < end <= 24:
                early.append(start)
                late.append(end)
    for m in _EARLY_AFTER.finditer(s):
        h = _hour(m, "1")
        if h is not None and 4 < h < 24:
            early.append(h)
    for m in _EARLY_BEFORE.finditer(s):
        if m.group("p1") in _PM:
            continue
        h = _hour(m, "1")
        if h is not None and 4 < h <= 11:
            early.append(h)
    if _MORNING_ONLY.search(s) and not re.search(r"下午(?:也)?(?:有空|有时间|可以|能)", s):
        late.append(12.0)
    if _AFTERNOON_ONLY.search(s) and not re.search(r"上午(?:也)?(?:有空|有时间|可以|能)", s):
        early.append(12.0)
    for m in _AFTERNOON_DUTY.finditer(s):
        late.append(16.0 if m.group("v") == "接" else 12.0)    # a child is fetched when school is out
    if NIGHT_ONLY.search(s):
        busy |= _busy(*NIGHT_ONLY_BUSY)
    if late:
        t = min(h for h in late if h > DAY_STARTS) if any(h > DAY_STARTS for h in late) else None
        if t is not None:
            busy |= _busy(t, 24 + DAY_STARTS)
    if early:
        busy |= _busy(DAY_STARTS, max(early))
    return busy


def seeker_bits(text: str) -> int:
    """The seeker's unavailable hours as limit bits (`SLOT_SHIFT`)."""
    return seeker_busy(text) << SLOT_SHIFT


# Session 22 (emp-dev22): the length of a posting's working day, for an hourly rate against a daily wish (the writers'
# pay-unit convention, blind20 9 / blind21 6: "an hourly rate times the post's stated hours a day is a day rate"). Stated
# as hours ("每天10小时") or as one clock range, or several that are all worked ("11:00-13:30、17:00-19:30": 4.5 hours);
# None where nothing is stated, where the shifts are alternatives (a rotation or a choice: one is a day, but which?)
# or the day comes out under 1 or over 14 hours.
_DAY_HOURS = re.compile(r"每天(?:工作|上班|干|做|在线)?(\d{1,2}(?:\.5)?|[一二两三四五六七八九十]{1,3})(?:个)?(?:小时|钟头)(?!以上|起)")


def day_length(text: str) -> float | None:
    """Hours a day a posting's words (`parse.conditions_text`) state its work lasts, or None."""
    s = normalise_text(text)
    if m := _DAY_HOURS.search(s):
        n = float(m.group(1)) if m.group(1)[0].isdigit() else cn_number(m.group(1))
        return n if n is not None and 1 <= n <= 14 else None
    stated = job_hours(s)
    if not stated.ranges or stated.alternatives:
        return None
    total = sum(b - a for a, b in stated.ranges)
    return total if 1 <= total <= 14 else None
