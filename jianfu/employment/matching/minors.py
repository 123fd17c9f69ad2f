"""What a 未成年工 (16–17) may not do, as the law bars it and a posting's own words show it (session 26, emp-read26,
blind26 read) — carried as two levels of the third certificate word (`parse.MINOR_LEVELS`), so the kernel, the numpy
path and the oracle check them as they check any certificate: every seeker holds both but one whose age is stated
below 18; a posting requires a level only where its own words name the workplace or the work.

Fairness first: a minor's age is never a soft penalty; these levels break a pair only where a statute bars a minor from
what the posting itself states, and every other posting stays open to a 16–17-year-old exactly as to an adult (a post
writing no age floor admits 16: the law's floor). What the posting does not state breaks nothing; a negation right
before the word ("不上外墙", "无需焊接", "不喷漆") is no statement of the work.

- **The workplace** (《未成年人保护法》第六十一条第二款: 营业性娱乐场所、酒吧、互联网上网服务营业场所 "不得招用已满十六周岁
  的未成年人"; 《娱乐场所管理条例》第二条 and 第二十四条: 歌舞、游艺 places): a posting whose unit or title is a KTV,
  歌舞厅, 夜总会, 迪厅, 酒吧/清吧, 网吧/网咖 or a 游艺 hall (电玩城, 游戏厅) — whatever the post (收银, 保洁, 网管). Not a
  hotel or a restaurant whose building holds one (the post's own unit decides), not a 足浴 or 洗浴 shop (no statute names
  them; a desk may still), not a 台球 hall.
- **The work** (《未成年工特殊保护规定》第三条, 劳动法第六十四条), read from the posting's title and description as
  stated: 喷漆/喷涂/油漆/电镀/酸洗/打农药 (有毒作业), 焊接/电焊/气割 (热烧伤, and a 特种作业 that needs 18 anyway), 烟花爆竹,
  加油站/加气站, 锅炉/司炉, 熔炼/压铸/炉前, 冷库/冰库/速冻库 (低温), 高空/外墙/脚手架/吊篮/塔吊 (高处 二级 and above), 井下/
  矿山/采石, 伐木, 潜水, 放射/探伤, 凿岩机/捣固机/气镐/气铲/铆钉机/电锤, and a stated load of more than 25 kg a lift
  ("水泥一包50公斤", "每袋60斤"). Night work and overtime are not here: no statute names them for a 未成年工 outside a
  student's 实习 (a desk may keep its minors off them; the matcher does not refuse on a desk's reading).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from jianfu.employment.matching import hours, parse
from jianfu.employment.matching.parse import normalise_text

ADULT_AGE = 18

_ADULT_PLACE_UNIT = re.compile(r"KTV|歌舞厅|歌厅|舞厅|夜总会|迪厅|迪吧|卡拉OK|歌城|夜场|演艺吧|慢摇吧|酒吧|清吧|网吧|网咖|网络会所"
                               r"|上网服务|电玩城|电玩厅|游戏厅|游艺厅|游戏机厅|电子游戏(?:厅|室|城|机厅|场所)")
_ADULT_WORK = re.compile(r"喷漆|喷涂|喷油漆|刷油漆|油漆工|电镀|酸洗|打农药|喷农药|施药|焊接|电焊|气焊|氩弧焊|二保焊|气割|切割焊"
                         r"|烟花|爆竹|加油站|加气站|加油员|锅炉|司炉|熔炼|压铸|炉前|冷库|冰库|速冻库|高空作业|高空|高处作业|登高作业"
                         r"|外墙|脚手架|吊篮|塔吊|井下|矿山|采石|伐木|潜水|放射|探伤|凿岩机|捣固机|气镐|气铲|铆钉机|电锤")
_LOAD = re.compile(r"(?:一|每)(?:包|袋|箱|件|桶|捆|块)[^,，。;；\d]{0,4}?(\d+(?:\.\d+)?)\s*(公斤|千克|KG|斤)")
_MAX_LIFT_KG = 25.0
_BUILDING_NOTE = re.compile(r"[(（][^)）]*(?:楼|层|隔壁|对面|旁边)[^)）]*[)）]")


# ------------------------------------------------------------------------------------ a student's 岗位实习
# 《职业学校学生实习管理规定》 (2021) binds a 职业学校's students (中职, 技工学校, 高职) and whoever takes them on 实习:
# 第十六条 (五) no 酒吧, 夜总会, 歌厅, 洗浴中心, 电子游戏厅, 网吧 "等营业性娱乐场所"; (六) no 中介机构 or paid agent; (三)
# the 未成年工 list for a minor student (the levels above); 第十七条 no 夜班, no 加班, no 法定节假日 — "除相关专业和实习岗位
# 有特殊要求，并报上级主管部门备案" (a hospital ward's rota the school has filed: the 规定's own exception); 第十八条 an 实习
# pay "原则上不低于本单位相同岗位工资标准的80%" where the posting states both. The national working time (《国务院关于职工
# 工作时间的规定》 第三条: 8 hours a day, 40 a week) makes a stated six-day week or a day longer than it overtime.
# A pair is a student's 实习 when the seeker is such a student who seeks 实习, or the posting calls its hire 实习 and the
# seeker is such a student; a graduate, an adult worker, a university student (other rules) are not bound.
_VOCATIONAL = re.compile(r"中职|中专|职高|技校|技工|高职|职业(?:技术)?学校|职教|职业教育|技师学院")
_AT_SCHOOL = re.compile(r"在读|在校(?!期间|时)")
# a graduation stated ("中专毕业（在校期间获奖学金）") is no student's — not one to come ("2027届毕业", "预计6月毕业")
_GRADUATED = re.compile(r"(?<!届)(?<!年)(?<!月)(?<!将)(?<!预计)毕业")
_SEEKS_INTERNSHIP = re.compile(r"实习|跟岗|顶岗")
_INTERN_POST = re.compile(r"实习生|岗位实习|顶岗实习|跟岗实习|顶岗|跟岗|学生实习|接收[^,，。;；]{0,12}实习")
_STUDENT_PLACE_UNIT = re.compile(_ADULT_PLACE_UNIT.pattern + r"|洗浴|足浴|桑拿|汗蒸|沐足")
# "中介勿扰"/"中介免谈" turn agencies away, as "谢绝中介" does (the negation before the word)
_AGENCY = re.compile(r"劳务(?:派遣|服务|公司|中介)|人力资源(?:服务|公司|有限)|中介(?!勿扰|免谈|勿进|请绕)|职业介绍"
                     r"|人力(?:服务|外包)")
# 第十六条 (六) bars an agency arranging the 实习, not a business whose own trade is an agent's (a 房产中介 hiring 实习置业顾问)
_TRADE_AGENCY = re.compile(r"(?:房产|房屋|房地产|地产|二手房|租房|租赁|婚姻|婚恋|留学|出国|二手车|汽车|车辆|贷款|金融|保险|商标"
                           r"|知识产权|专利|票务|旅游)中介")
# "凌晨" is night but at six ("凌晨6点开工": 《劳动法》's night ends at 6:00)
_NIGHT = re.compile(r"夜班|通宵|凌晨(?!\s*(?:6|六)\s*(?:点(?![一-九1-9半])|:00|：00))|[两二三四]班[两二三四]?倒|倒班|大小夜|值夜|上夜")
# a day-only option offered to a student or a minor ("学生可以只排早班", "未成年只上白班", "实习生不排夜班"): the
# night a posting states is not theirs (session 27, emp-fix27)
_DAY_ONLY = re.compile(r"(?:学生|在校生|实习生|未成年(?:人|工)?|未满18(?:周岁|岁)?)[^,，。;；]{0,6}?"
                       r"(?:(?:可以?|能)?只(?:排|上|做|安排)(?:早班|白班|白天)|(?:不排|不上|不安排|不用上|不做)(?:夜班|晚班))")
_OVERTIME = re.compile(r"加班|做六休一|上六休一|六天班|单休|月休[1-4一二三四两]天|每周休(?:息)?一天|一周休一天|春节不休|节假日(?:正常)?上班"
                       r"|过年不休|全年无休")
# overtime left to the worker ("周末加班自己选，不加班也可以", "加班自愿") is none the post asks
_OVERTIME_OPTIONAL = re.compile(r"加班(?:自愿|自己选|自选|可选|看个人|随意)|自愿加班|不加班也(?:可以|行)|可(?:以)?不加班")
# the 规定's exception is a night or overtime rota filed for the 实习 — a 备案 in the clause that names it or the school;
# an employer's own registration ("用工已在人社局备案") files no rota
_FILED = re.compile(r"(?:夜班|值夜|倒班|加班|学校|教育局|教育部门|主管部门)[^,，。;；]*备案|备案[^,，。;；]*(?:夜班|值夜|倒班|加班|学校)")
# a day's stated span beyond 10 hours is more than 8 hours' work whatever the meal breaks ("8:00-20:00", "早8点到晚7点");
# a span of 10 ("7:30-17:30", a kindergarten's day with its noon rest) is not read as overtime
_LONGEST_SPAN = 10.0
_PAY_PAIR = re.compile(r"实习(?:期|期间)?(?:补贴|工资|薪资|津贴)?(\d{3,5})元?(?:/月|每月)?[^\d]{0,12}?(?:同岗位|转正|正式员工|正式工)[^\d]{0,8}?"
                       r"(\d{3,5})")


def _internship_bars(unit: str, work: str, wage: str) -> bool:
    """Whether a posting's own words state what the 规定 bars in a student's 实习."""
    unit, work = _TRADE_AGENCY.sub(" ", unit), _TRADE_AGENCY.sub(" ", work)
    if _STUDENT_PLACE_UNIT.search(unit) or parse.stated(_AGENCY, unit) or parse.stated(_AGENCY, work):
        return True
    # stated hours within the day lift a 晚班 or a rotation, never a 夜班 the posting names itself (cr27 #4)
    nights = not _DAY_ONLY.search(work) and (parse.stated(_NIGHT, work) or parse.works_late(work)) \
        and not parse.night_lifted_by_hours(work)
    if not _FILED.search(work) and (nights or parse.stated(_OVERTIME, _OVERTIME_OPTIONAL.sub(" ", work))
                                    or ((n := hours.day_length(work)) is not None and n > _LONGEST_SPAN)):
        return True
    pay = _PAY_PAIR.search(f"{wage} {work}")
    return pay is not None and int(pay.group(1)) < 0.8 * int(pay.group(2))


def posting_needs(employer: object, title: object, description: object, wage: object = "") -> frozenset[str]:
    """The levels of `parse.MINOR_LEVELS` a posting's own words require (its unit's name, title, description, wage)."""
    # a note on the building in brackets ("某大酒店（五楼为KTV）") is no post's own workplace
    unit = _BUILDING_NOTE.sub(" ", normalise_text(f"{normalise_text(employer)} {normalise_text(title)}").upper())
    work = normalise_text(f"{normalise_text(title)} {normalise_text(description)[:2000]}").upper()
    needs: set[str] = set()
    if _ADULT_PLACE_UNIT.search(unit):
        needs.add(parse.ADULT_PLACE)
    if parse.stated(_ADULT_WORK, work) or \
            any(float(m.group(1)) / (2 if m.group(2) == "斤" else 1) > _MAX_LIFT_KG for m in _LOAD.finditer(work)):
        needs.add(parse.ADULT_WORK)
    if _internship_bars(unit, work, normalise_text(wage).upper()):
        needs.add(parse.NOT_INTERN_SEEKER)
        if _INTERN_POST.search(work):
            needs.add(parse.NOT_VOCATIONAL_STUDENT)
    return frozenset(needs)


def seeker_lacks(age: int | None, education: object = "", category: object = "", desired: object = "") -> frozenset[str]:
    """The levels a seeker does not hold: the two of a minor where the age is stated below 18 (none where unknown);
    the two of a student's 实习 for a 职业学校 在校生 (the first only when they seek 实习)."""
    lacks: set[str] = set()
    if age is not None and age < ADULT_AGE:
        lacks |= {parse.ADULT_PLACE, parse.ADULT_WORK}
    status = normalise_text(f"{normalise_text(education)} {normalise_text(category)}")
    if _VOCATIONAL.search(status) and _AT_SCHOOL.search(status) and not _GRADUATED.search(status):
        lacks.add(parse.NOT_VOCATIONAL_STUDENT)
        if _SEEKS_INTERNSHIP.search(normalise_text(desired)):
            lacks.add(parse.NOT_INTERN_SEEKER)
    return frozenset(lacks)


# ------------------------------------------------------------------------------------ the age on the start date
# Session 27 (emp-fix27): a seeker's age is counted on the day a posting's work starts where the row states a birth
# date or month and the posting states its start (blind26 convention 5; 《劳动法》 counts 周岁 on the day of work): a
# 17-year-old born in January 2009 is 18 on a "2月1日进厂" 寒假工, and holds the adult levels for it. A date is carried
# as a YYYYMMDD integer (0 unknown), so the age on a day is (day − birth) // 10000 in whole years — one subtraction per
# pair, no calendar in the kernel. A birth month without a day is read as its last day, a start month without a day as
# its first (so "3月满18" does not meet a "3月到岗" post); a posting hiring now (no start) counts age today. A date
# written without a year is its next coming ("1月20日" in December is next January), which needs the reader's today; with
# none, only dates that write their year are read.
_BORN = re.compile(r"((?:19|20)\d\d)\s*(?:年|[./\-])\s*(\d{1,2})\s*(?:月|(?=[./\-]|出生|生))(?:\s*[./\-]?\s*(\d{1,2})\s*[日号]?)?"
                   r"\s*(?:出生|生(?!产|活|意))")
_TURNS = re.compile(r"(明年|今年|下个?月|这个月|本月)?\s*(?:(\d{1,2})\s*月(?:份)?(?:\s*(\d{1,2})\s*[日号])?)?\s*(?:就|才|就能|才能|才会)?"
                    r"满\s*(\d{2}|十[六七八九]|二十)\s*(?:周)?岁?(?![个年\d])")
_START_WORDS = r"入职|到岗|上岗|开工|进厂|报到|开始|开站|起|至|到|-|~|—|－"
_START_FULL = re.compile(r"(20\d\d)\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?[^,，。;；:：]{0,8}?(?:" + _START_WORDS + ")")
_START_DAY = re.compile(r"(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?\s*(?:" + _START_WORDS + ")")
_START_MONTH = re.compile(r"(?<![\d年])(\d{1,2})\s*月(?:份|初)?\s*(?:" + _START_WORDS + ")")
# the end of a range a start opens ("6月1日到8月31日", "7月到8月底"), read right after the start's joining word: (month,
# day, 底) — a start without a year takes the year in which its range is still running (`start_year`; fixcr32)
_RANGE_END = re.compile(r"(?<=至|到|-|~|—|－)\s*(?!20\d\d\s*年)(\d{1,2})\s*月(?:份)?\s*(?:(\d{1,2})\s*[日号]|(底|初))?")
# a deadline is no start ("1月20日前到岗", "2027年2月28日前到岗"), read right after the date's day or month
_DEADLINE_AFTER = re.compile(r"\s*(?:[日号]|月(?:份|底)?)?\s*(?:前|之前|以前)")
# a student's break named as the work with no date of its own ("寒假工"): counted from the first day such a break
# commonly starts (mid-January; July for 暑假) — the earliest, so a minor is never read older than he may be — or from
# today while today is inside the break (to the end of February; of August: cr27 #2)
_BREAKS = (("寒假", (1, 15), (2, 29)), ("暑假", (7, 1), (8, 31)))
# a day-date without a year this many days past or fewer is a start already come: the post hires now (cr27 #1)
_RECENTLY_PAST = timedelta(days=60)


def _ymd(y: int, m: int, d: int) -> int:
    return y * 10000 + m * 100 + d


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _today(today: date) -> int:
    return _ymd(today.year, today.month, today.day)


def start_year(m: int, d: int, today: date, end: tuple[int, int] | None = None) -> int:
    """The year of a start "m月d日" written without its year (fixcr32: the one helper `_coming`, `_start_on_day` and
    `seasons` share): the earliest of last year, this year and next year whose range — from the start to `end`
    (month, day; none: the start itself; an end before the start falls in the next year) — has not ended by `today`.
    A range still running is this year's ("7月到8月底有空" on 8月10日: this July), one wrapping the new year and still
    running last year's ("12月20日到2月10日" on 1月5日)."""
    em, ed = end if end is not None else (m, d)
    wraps = (em, ed) < (m, d)
    if wraps and (em, ed) >= (today.month, today.day):
        return today.year - 1
    return today.year if wraps or (em, ed) >= (today.month, today.day) else today.year + 1


def _coming(m: int, d: int, today: date) -> int:
    """The next (month, day) on or after `today`, as YYYYMMDD."""
    y = start_year(m, d, today)
    return _ymd(y, m, min(d, _last_day(y, m)))


def _start_on_day(m: int, d: int, today: date) -> int:
    """A start "m月d日" written without its year: today where its last passing is `_RECENTLY_PAST` or fewer days ago
    (the post hires now), else its next coming."""
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return 0        # no date ("1月0日"; fixcr32)
    y = today.year if (m, d) <= (today.month, today.day) else today.year - 1
    passed = date(y, m, min(d, _last_day(y, m)))
    return _today(today) if today - passed <= _RECENTLY_PAST else _coming(m, d, today)


def end_of(month: str, day: str | None, edge: str | None, today: date | None) -> tuple[int, int] | None:
    """(month, day) of a range's end written without its year ("8月31日", "8月底" its last day, "9月初" its first, "8月"
    its last), for `start_year` to guess its start's year; None unreadable (no month 1–12, no day 1–31) or without
    `today`. The one reading `_range_end` and `seasons` share (fixcr32c)."""
    m = int(month)
    if today is None or not 1 <= m <= 12 or (day and not 1 <= int(day) <= 31):
        return None
    if day:
        return m, int(day)
    return (m, 1) if edge == "初" else (m, _last_day(today.year, m))


def _range_end(s: str, at: int, today: date) -> tuple[int, int] | None:
    """(month, day) of the end of the range whose start's joining word ends at `at`, without a year (None: none)."""
    m = _RANGE_END.match(s, at)
    return None if m is None else end_of(m.group(1), m.group(2), m.group(3), today)


def _range_start(m: int, d: int, end: tuple[int, int], today: date) -> int:
    """The start "m月d日" of a range ending on `end` (month, day), both without a year: today while the range runs (the
    post hires now), else its start in the year `start_year` gives."""
    y = start_year(m, d, today, end)
    first = date(y, m, min(d, _last_day(y, m)))
    return _today(today) if first <= today else _ymd(first.year, first.month, first.day)


def birth_date(text: object, today: date | None = None) -> int:
    """A seeker's date of birth their words state, YYYYMMDD (0 none): "2009年6月生" (the month's last day),
    "2008年12月20日生", "2009.3出生"; "明年3月满18岁", "这个月满18" count back from the birthday (`today` needed)."""
    s = normalise_text(text)
    if m := _BORN.search(s):
        y, mo = int(m.group(1)), int(m.group(2))
        if 1 <= mo <= 12:
            d = int(m.group(3)) if m.group(3) else _last_day(y, mo)
            if 1 <= d <= _last_day(y, mo):
                return _ymd(y, mo, d)
    if today is not None:
        for m in _TURNS.finditer(s):
            when, mo_s, d_s, n_s = m.groups()
            n = parse.cn_number(n_s)
            if n is None or not 16 <= n <= 20:
                continue
            if mo_s is None:
                if when in ("这个月", "本月"):
                    mo = today.month
                elif when in ("下月", "下个月"):
                    mo = today.month % 12 + 1
                else:
                    continue
            else:
                mo = int(mo_s)
            if not 1 <= mo <= 12:
                continue
            y = today.year + 1 if when == "明年" or (when in ("下月", "下个月") and mo == 1) else today.year
            if when is None and mo < today.month:
                y = today.year + 1        # "3月满18" said in December: next March
            d = int(d_s) if d_s and 1 <= int(d_s) <= _last_day(y, mo) else _last_day(y, mo)
            return _ymd(y - int(n), mo, d)
    return 0


def seeker_birth(born: date | None, age: object, notes: object, today: date | None = None) -> int:
    """A seeker's date of birth, YYYYMMDD (0 none): the register's (`Seeker.born`, the website's), else the one their
    age or notes state (`birth_date`). emp-mend27."""
    if born is not None:
        return _ymd(born.year, born.month, born.day)
    return birth_date(f"{normalise_text(age)} {normalise_text(notes)}", today)


def start_date(text: object, today: date | None = None) -> int:
    """The first day a posting's words state its work starts, YYYYMMDD (0 none: hiring now): "2027年2月22日入职",
    "1月20日至2月25日", "4月份到岗" (its first day), "寒假工" (the break's first day); the earliest where it states
    several. A date without a year is its next coming after `today` (not read without one)."""
    s = normalise_text(text)
    found: list[int] = []
    for m in _START_FULL.finditer(s):
        y, mo = int(m.group(1)), int(m.group(2))
        d = int(m.group(3)) if m.group(3) else 1
        if 1 <= mo <= 12 and 1 <= d <= _last_day(y, mo) and not _DEADLINE_AFTER.match(s, m.end(3 if m.group(3) else 2)):
            found.append(_ymd(y, mo, d))
    if today is not None:
        bare = _START_FULL.sub(" ", s)
        for m in _START_DAY.finditer(bare):
            mo, d = int(m.group(1)), int(m.group(2))
            if 1 <= mo <= 12 and 1 <= d <= 31 and not _DEADLINE_AFTER.match(bare, m.end(2)):
                end = _range_end(bare, m.end(), today)
                found.append(_start_on_day(mo, d, today) if end is None else _range_start(mo, d, end, today))
        for m in _START_MONTH.finditer(bare):
            mo = int(m.group(1))
            if 1 <= mo <= 12:       # the month we are in starts today (cr27 #1)
                end = _range_end(bare, m.end(), today)
                found.append(_today(today) if mo == today.month else _coming(mo, 1, today) if end is None
                             else _range_start(mo, 1, end, today))
        if not found:
            for word, first, last in _BREAKS:
                if word in s:
                    inside = first <= (today.month, today.day) <= last
                    found.append(_today(today) if inside else _coming(*first, today))
    return min(found) if found else 0


def age_on(age: int | None, birth: int, start: int) -> int | None:
    """The age on the posting's start: counted from the birth date where both are stated (never below the age
    the row states today), else the age as stated."""
    if birth and start:
        on = (start - birth) // 10000
        return on if age is None or on > age else age
    return age


# ------------------------------------------------------------------------------------ a diploma not yet had
# Session 27 (emp-fix27): a seeker still 在读 (中职在读, 大专在读, 大三在读) has finished only the stage below: a posting
# that hires now and asks "中专以上"/"大专以上" asks the diploma (毕业证) of that stage, which he has not got (blind26
# convention 8). He meets it where the posting takes students — an 实习, a 寒假工/暑假工, "在读/实习生可" — or where its
# stated start is on or after his graduation ("2027届" → 2027-07-01, when the 毕业证 is given; "2027年6月毕业" → that
# month's first day).
_STAGE_DONE = {3: 2, 4: 3, 5: 3, 6: 5, 7: 6}      # 在读 at a level → the level finished (`parse.EDUCATION_LEVELS`)
# a 专升本 student reads 本科 holding the 大专 diploma already (cr27 #9b)
_TOP_UP = re.compile(r"专升本|专插本|专接本")
_TOP_UP_DONE = 4
_GRADUATION_CLASS = re.compile(r"(20\d\d)\s*届")
_GRADUATION_MONTH = re.compile(r"(20\d\d)\s*年\s*(\d{1,2})\s*月(?:份)?\s*毕业")
_TAKES_STUDENTS = re.compile(r"实习|跟岗|顶岗|寒假工|暑假工|寒暑假工|假期工|寒假兼职|暑假兼职|(?:在读|在校|学生|实习生)[^,，。;；]{0,6}?(?:可|也可|均可|亦可|欢迎)"
                             r"|(?:接受|招收|招)(?:在校|在读)?学生|应届(?:毕业)?生")


def studying(education: object, category: object = "") -> tuple[int, int] | None:
    """(the level finished, the graduation YYYYMMDD or 0) of a seeker still 在读 or 在校 at a level with a stage below it;
    None for anyone else (a graduate, a level unread)."""
    status = normalise_text(f"{normalise_text(education)} {normalise_text(category)}")
    if not _AT_SCHOOL.search(status) or _GRADUATED.search(status):
        return None
    try:
        level = parse.parse_education(education)
    except ValueError:
        return None
    if level not in _STAGE_DONE:
        return None
    graduation = 0
    if m := _GRADUATION_MONTH.search(status):
        if 1 <= int(m.group(2)) <= 12:
            graduation = _ymd(int(m.group(1)), int(m.group(2)), 1)
    elif m := _GRADUATION_CLASS.search(status):
        graduation = _ymd(int(m.group(1)), 7, 1)
    done = _TOP_UP_DONE if level == 5 and _TOP_UP.search(status) else _STAGE_DONE[level]
    return done, graduation


def takes_students(title: object, description: object) -> bool:
    """Whether a posting takes students as they are: an 实习, a 寒假工/暑假工, "在读/实习生可"."""
    return _TAKES_STUDENTS.search(normalise_text(f"{normalise_text(title)} {normalise_text(description)[:2000]}")) is not None


def education_on(level: int, studying_now: tuple[int, int] | None, takes: bool, start: int) -> int:
    """The level a seeker meets a posting's floor with: the stage finished while still 在读, unless the posting takes
    students or starts on or after the graduation."""
    if studying_now is None or takes or (studying_now[1] and start >= studying_now[1]):
        return level
    return studying_now[0]
