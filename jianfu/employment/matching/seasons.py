"""A seeker's dated window against a posting's stated period (session 31, emp-window31; blind30's convention 3 and
blind20's convention 1).

A seeker who writes the days they can work ("寒假2027年1月10日至2月24日", "只做1月20日到2月15日", "7月到8月底有空",
"1月16号放假，2月22号开学") has a window: its first and last day (`seeker_window`). A posting that writes its period
("2027年1月20日至2月20日", "2027年5月至10月漂流季") has a stated end (`posting_end`) beside its stated start
(`minors.start_date`). A period wholly outside the window — a start after its last day, an end before its first — is
refused (`outside_window`: a summer post for a winter window). One that overlaps it is kept: the writers disagree on it
(blind30's writer grades a period overhanging the window 0, blind20's, dev5's and blind15's 1 or 2 — a 寒假工 from
1月15日 for a student off from 1月16日, a 7–9月 post for "只做7、8月"), and refusing it cost those three splits (session
31's figures). A posting that writes "时间可商量" or "可提前走" keeps no end (it takes who can come for part of it).
A posting silent on its term is open to a window (the writers grade it partial, never refused), except for a seeker who
takes only a post stating its period ("只找写明寒假期间的短期工，长期的不去": `only_stated_period`), which a posting meets by a dated period or
a break it names for the work (寒假工, 暑假工: `states_period`).

Dates are YYYYMMDD ints, 0 none; a range written without its year is the one still running on `today` or next coming
(`minors.start_year`, fixcr32; none read without `today`), as `minors.start_date` reads its start. No Django."""

from __future__ import annotations

import re
from datetime import date, timedelta

from jianfu.employment.matching.minors import _last_day, _ymd, end_of, start_year
from jianfu.employment.matching.parse import normalise_text

_CLAUSE = r"[^，。；,;！!？?]"
# a day or a month, with or without its year: (year, month, day) groups
_DATE = r"(?:(20\d\d)\s*年\s*)?(\d{1,2})\s*月(?:份)?\s*(?:(\d{1,2})\s*[日号]|(底|初))?"
_JOIN = r"\s*(?:至|到|-|~|—|－|～|放到)\s*"
_RANGE = re.compile(r"(?<![\d年])" + _DATE + _JOIN + r"(?:(20\d\d)\s*年\s*)?(\d{1,2})\s*月(?:份)?\s*(?:(\d{1,2})\s*[日号]|(底|初))?"
                    r"|(?<![\d年])(?:(20\d\d)\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?\s*放假" + _CLAUSE + r"{0,12}?[，,]?\s*(\d{1,2})\s*月\s*"
                    r"(\d{1,2})\s*[日号]?\s*开学")
# a date range that is no work period: an application's or a notice's dates, a past job
_NOT_WORK = re.compile(r"(?:报名|截止|有效期|招聘时间|发布|面试|培训|考试|体检)" + _CLAUSE + r"{0,6}$")
# "只做7、8两个月", "只做7、8月": the months named
_MONTHS = re.compile(r"(?:只做|只干|只能做|只能干|做|干)\s*(\d{1,2})\s*[、和,，至到-]\s*(\d{1,2})\s*(?:两个)?月")
# a seeker's range that is a time away, not a window ("1月20日到2月10日回老家", "…不在家", "…没空")
_AWAY_AFTER = re.compile(r"\s*(?:要|得|需要)?(?:回|不在|没空|没时间|不能|不行|住院|考试|在家)")
# a posting's period kept open to part of it ("时间可商量", "可提前走", "可提前离开", "做几天都行")
_FLEXIBLE = re.compile(r"时间(?:可以?|能)?(?:商量|协商|商议)|可(?:以)?提前(?:走|离开|离岗|结束)|做几天都(?:行|可以)|时间灵活"
                       r"|(?:时长|天数)(?:可以?)?(?:商量|协商)")
# a seeker taking only a post that states its period ("只找写明寒假期间的短期工", "只做写明期限的短期工", "长期的不去")
_ONLY_STATED = re.compile(r"只(?:找|做|要|接受|去)" + _CLAUSE + r"{0,4}?(?:写明|注明|写清|标明|说明)" + _CLAUSE + r"{0,10}?(?:短期|临时|期间|期限)"
                          r"|长期(?:的|工)?(?:不去|不做|不干|不考虑|不要)")
# a posting naming the break its work is for (a period, though undated)
_BREAK_WORK = re.compile(r"寒假工|暑假工|寒暑假工|寒假期间|暑假期间|寒假兼职|暑假兼职|寒假短期|暑假短期")
_LONGEST_WINDOW_DAYS = 250      # a dated span longer than this is no window (a history, a contract)


def _day(year: str | None, month: str, day: str | None, edge: str | None, *, last: bool, today: date | None,
         after: int = 0, end: tuple[int, int] | None = None) -> int:
    """One end of a range as YYYYMMDD (0 unreadable: no month 1–12, no day 1–31, no such date): a month alone is its
    first day (`last`: its last), 底 its last, 初 its first. A date without its year: an end takes its range's start's
    (`after`), the next one if it would fall before it; a start takes the year in which its range, to `end` (month,
    day), is still running or next comes (`minors.start_year`; fixcr32: a range running today is this year's)."""
    m = int(month)
    if not 1 <= m <= 12 or (day and not 1 <= int(day) <= 31):
        return 0
    if year:
        y = int(year)
    elif after:
        y = after // 10000
        if (m, int(day) if day else 1) < (after // 100 % 100, after % 100 if day else 1):
            y += 1
    elif today is not None:
        y = start_year(m, int(day) if day else 1, today, end)
    else:
        return 0
    if day:
        d = int(day)
        return _ymd(y, m, d) if 1 <= d <= _last_day(y, m) else 0
    if edge == "底" or (last and edge != "初"):
        return _ymd(y, m, _last_day(y, m))
    return _ymd(y, m, 1)


def _ranges(s: str, today: date | None) -> list[tuple[int, int, int, int]]:
    """The dated ranges of `s`: (first day, last day, the match's start, its end), each end readable."""
    found: list[tuple[int, int, int, int]] = []
    for m in _RANGE.finditer(s):
        if m.group(10) is not None:     # "1月16号放假，2月22号开学": the days between
            back_on = end_of(m.group(12), m.group(13), None, today)
            lo = _day(m.group(9), m.group(10), m.group(11), None, last=False, today=today, end=back_on) \
                if back_on is not None or m.group(9) else 0
            back = _day(None, m.group(12), m.group(13), None, last=False, today=None, after=lo) if lo else 0
            if back:
                d = date(back // 10000, back // 100 % 100, back % 100) - timedelta(days=1)
                found.append((lo, _ymd(d.year, d.month, d.day), m.start(), m.end()))
            continue
        lo = _day(m.group(1), m.group(2), m.group(3), m.group(4), last=False, today=today,
                  end=None if m.group(5) else end_of(m.group(6), m.group(7), m.group(8), today))
        if not lo:
            continue
        hi = _day(m.group(5) or None, m.group(6), m.group(7), m.group(8), last=True, today=None, after=lo)
        if hi and hi >= lo:
            found.append((lo, hi, m.start(), m.end()))
    return found


def _span_days(lo: int, hi: int) -> int:
    return (date(hi // 10000, hi // 100 % 100, hi % 100) - date(lo // 10000, lo // 100 % 100, lo % 100)).days


def posting_end(text: object, today: date | None = None) -> int:
    """The last day of the period a posting's words state (`conditions_text`), YYYYMMDD (0 none: silent on its term,
    or kept open to part of it, "时间可商量"): the latest end of its dated work ranges."""
    s = normalise_text(text)
    if _FLEXIBLE.search(s):
        return 0
    ends = [hi for lo, hi, a, _b in _ranges(s, today) if not _NOT_WORK.search(s[max(0, a - 12):a])]
    return max(ends, default=0)


def states_period(text: object, today: date | None = None) -> bool:
    """Whether a posting states the period of its work: a dated range (`posting_end`, "时间可商量" too) or the break it
    is for (寒假工, 暑假工)."""
    s = normalise_text(text)
    if _BREAK_WORK.search(s):
        return True
    return any(not _NOT_WORK.search(s[max(0, a - 12):a]) for _lo, _hi, a, _b in _ranges(s, today))


def seeker_window(text: object, today: date | None = None) -> tuple[int, int]:
    """(first day, last day) of the window a seeker's words state (their 备注 and 求职意向, not their 工作经历), YYYYMMDD;
    (0, 0) none. A range ending before `today` is a past job, one followed by a time away ("…回老家", "…没空") no
    window, one longer than about eight months no window; "只做7、8月" is those months of this year while the last has not passed, else next year's."""
    s = normalise_text(text)
    now = _ymd(today.year, today.month, today.day) if today is not None else 0
    for lo, hi, _a, b in _ranges(s, today):
        if _AWAY_AFTER.match(s, b) or (now and hi < now) or _span_days(lo, hi) > _LONGEST_WINDOW_DAYS:
            continue
        return lo, hi
    if today is not None and (m := _MONTHS.search(s)):
        first, last = int(m.group(1)), int(m.group(2))
        if 1 <= first <= last <= 12 and last - first <= 6:
            # this year's months while their last has not passed (in July "只做7、8月" is this July and August), else
            # next year's
            y = start_year(first, 1, today, (last, _last_day(today.year, last)))
            return _ymd(y, first, 1), _ymd(y, last, _last_day(y, last))
    return seeker_until(s, today)       # session 32 (emp-left32): "最多做到2027年12月", from today


def only_stated_period(text: object) -> bool:
    """Whether a seeker takes only a post that states its period ("只找写明寒假期间的短期工", "长期的不去")."""
    return _ONLY_STATED.search(normalise_text(text)) is not None


def outside_window(window_from: int, window_to: int, start: int, end: int) -> bool:
    """Whether a posting's stated period (its start, 0 hiring now; its end, 0 none) falls wholly outside a seeker's
    window: a start after its last day, or an end before its first. A period overlapping the window is not refused
    (the writers disagree on one that overhangs it: see the module's note). No window (0) refuses nothing."""
    return window_from > 0 and (start > window_to or (0 < end < window_from))


# -- a minimum term against a window (session 32, emp-left32; blind31 convention 9, blind30 convention 3) ----------------
# A posting's term — "服务期2年", "服务期1年，可续1—2年" (the first), "须做满6个月", "最低服务期5年", "须在本单位工作满3年" —
# asks a seeker to stay from its start (`minors.start_date`, today where it states none) for so long: the last day so
# reached (`stay_to`) against the last day of the seeker's window. Not a bonus for a stay ("做满3个月返费", "干满一个月发
# 全勤奖"), not experience ("工作满3年以上经验"), not a term negated ("不要求做满").
_NUM = r"(\d{1,2}|[一二两三四五六七八九十]|半)"
_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_TERM = re.compile(r"(?:服务期(?:为|是|至少|不少于|不低于)?|最低服务期(?:为)?|(?:须|需|必须|要求|至少|最少|起码)(?:要)?(?:在本单位)?"
                   r"(?:(?:做|干|签)满?|(?:工作|服务)满))\s*" + _NUM + r"\s*(年|个月|个半月)")
# what follows a term that makes it a bonus's or experience's, read from the term's end (`match` at a position: no `^`,
# which never matches past the string's start — fixcr32c)
_TERM_NOT = re.compile(r"[^，。；,;]{0,6}?(?:奖|返|补贴|补助|报销|发|经验|经历|驾龄|工龄|教龄|以上经验)")
# a term negated right before its word ("不要求做满", "无需做满3个月", "无须", "毋须", "不必须", "并不要求必须", "没有要求";
# fixcr32c: the look-behind covered 不 alone), read on the text before the match
_TERM_NEGATED = re.compile(r"(?:不|无|毋|勿|没有?|未)(?:要求|一定|硬性|强制)?$")
# a seeker's last day written alone ("最多做到2027年12月", "只能做到2027年8月", "2027年9月入学，只能干到8月底")
_UNTIL = re.compile(r"(?:最多|只能|只|最晚|顶多|最长)(?:能)?(?:做|干|上班|工作)(?:到|至)\s*(?:(20\d\d)\s*年\s*)?(\d{1,2})\s*月"
                    r"\s*(?:(\d{1,2})\s*[日号]|(底|初))?")


def posting_term_months(text: object) -> int:
    """The least term a posting states, in months ("服务期2年" → 24, "须做满6个月" → 6, "服务期半年" → 6); 0 none."""
    s = normalise_text(text)
    months = 0
    for m in _TERM.finditer(s):
        if _TERM_NOT.match(s, m.end()) or _TERM_NEGATED.search(s, max(0, m.start() - 4), m.start()):
            continue
        figure = m.group(1)
        n = 0.5 if figure == "半" else float(int(figure) if figure.isdigit() else _CN[figure])
        n = n * 12 if m.group(2) == "年" else n + (0.5 if m.group(2) == "个半月" else 0)
        months = max(months, round(n))
    return months


def stay_to(start: int, months: int, today: date | None) -> int:
    """The last day a term of `months` from `start` (YYYYMMDD; 0: today) reaches, YYYYMMDD; 0 without a term or a day."""
    if start:
        y, m, d = start // 10000, start // 100 % 100, start % 100
    elif today is not None:
        y, m, d = today.year, today.month, today.day
    else:
        return 0
    if not months:
        return 0
    total = y * 12 + (m - 1) + months
    y2, m2 = divmod(total, 12)
    day = min(d, _last_day(y2, m2 + 1))
    last = date(y2, m2 + 1, day) - timedelta(days=1)
    return _ymd(last.year, last.month, last.day)


def seeker_until(text: object, today: date | None) -> tuple[int, int]:
    """A window a seeker states by its last day alone ("最多做到2027年12月"): (today, that day), YYYYMMDD; (0, 0) none
    or without `today`. A day before today is none."""
    if today is None or not (m := _UNTIL.search(normalise_text(text))) or _AWAY_AFTER.match(normalise_text(text), m.end()):
        return 0, 0
    # the year of a last day written without one: the one in which the stretch to it has not ended by today (on
    # 2026-12-07 "最多做到12月底" is this December's end; fixcr32c: its end passed to `start_year`, not its first day)
    hi = _day(m.group(1), m.group(2), m.group(3), m.group(4), last=True, today=today,
              end=None if m.group(1) else end_of(m.group(2), m.group(3), m.group(4), today))
    now = _ymd(today.year, today.month, today.day)
    return (now, hi) if hi and hi >= now else (0, 0)


def short_stay(window_to: int, stay: int) -> bool:
    """Whether a seeker's window ends before the last day a posting's term reaches (`stay_to`); no window or no term
    refuses nothing."""
    return window_to > 0 and stay > 0 and window_to < stay
