"""Seekers and postings as columns of numbers, so one scoring routine serves a single query, the
evaluation and the 1.1M × 1.12M batch.

Parsing is memoised on the text: real and synthetic data repeat the same phrases ("县内", "18-45岁",
"初中"), so each distinct phrase is parsed once."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import TypeVar

import numpy as np

from jianfu.employment.matching import (
    civil,
    crews,
    graduates,
    hours,
    languages,
    minors,
    parse,
    pensions,
    records,
    seasons,
    semantic,
    vehicles,
    venues,
)
from jianfu.employment.matching.occupations import BY_CODE, FACTORY_LINE, OCCUPATIONS, OPEN_CODE
from jianfu.employment.matching.places import Gazetteer, fit_named
from jianfu.employment.matching.types import Job, Seeker

logger = logging.getLogger(__name__)
_T = TypeVar("_T")

OCC_INDEX = {o.code: i for i, o in enumerate(OCCUPATIONS)}
_MIDDLES = sorted({o.middle for o in OCCUPATIONS})
MIDDLE_INDEX = {m: i for i, m in enumerate(_MIDDLES)}
OCC_MIDDLE = np.array([MIDDLE_INDEX[o.middle] for o in OCCUPATIONS] + [-1], dtype=np.int16)   # [-1] → unknown
OCC_MAJOR = np.array([int(o.major) for o in OCCUPATIONS] + [-1], dtype=np.int16)
SLOTS = 6                   # occupation slots per seeker
UNKNOWN_EDU = 9             # a seeker who did not say passes the education check (and is told so)
# Session 34 (emp-read34, blind34 read): the places a seeker names, each a slot (was 3): a region is several cities
# ("珠三角": nine) and "省外" every province but the home's (`places.REGIONS`, `places._OUT_OF_PROVINCE`)
# emp-left34: 24 — "外出" alone is every place known outside the home county (ten provinces, nine prefectures, three districts)
PLACE_SLOTS = 24
NO_PLACE = -9               # a posting's second place column when it lists one place: equal to no code level
# certificates that show a trade: a seeker holding one is also a candidate for that trade
_CERT_TRADES = {"电工证": "6-31-01", "焊工证": "6-18-01", "叉车证": "4-02-02", "B2": "4-02-01", "A2": "4-02-01",
                "A1": "4-02-01", "育婴员证": "4-10-02", "养老护理员证": "4-10-04", "母婴护理证": "4-10-03",
                "厨师证": "4-03-01", "保安员证": "4-07-01", "教师资格证": "2-08-01", "会计证": "2-06-01",
                "护士资格证": "2-05-01", "导游证": "4-13-01", "高处作业证": "6-29-05",
                # session 19: 茶艺师 is a word of 餐厅服务员 (no trade of its own); a 专项职业能力证书 names no trade
                "家政服务员证": "4-10-01", "美发师证": "4-10-05", "美容师证": "4-10-05", "茶艺师证": "4-03-02",
                # session 20: session 18's four certificates show their trades too, and the e-commerce ones theirs
                "保育员证": "2-08-01", "面点师证": "4-03-01", "农机驾驶证": "5-05-01", "挖掘机操作证": "6-30-01",
                "直播销售员证": "4-01-03", "电子商务师证": "4-01-03",
                # session 23 (emp-read23): the 农机 licences by kind
                parse.TRACTOR_LICENCE: "5-05-01", parse.HARVESTER_LICENCE: "5-05-01"}
# weights of an occupation slot by where the words came from
W_DESIRED, W_EXPERIENCE, W_CERT, W_OPEN = 1.0, 0.7, 0.6, 0.55
W_SEMANTIC = 0.8            # an intent in words no list knows, placed by the embedding (semantic.py)


def _code_levels(code: str | None) -> tuple[int, int, int, int, int]:
    """Province, prefecture, county, town, village prefixes as ints; -1 where the code is less specific."""
    if not code:
        return (-2, -2, -2, -2, -2)
    out = []
    for length in (2, 4, 6, 9, 12):
        out.append(int(code[:length]) if len(code) >= length else -1)
    return tuple(out)  # type: ignore[return-value]


@lru_cache(maxsize=200_000)
def _occ(text: str) -> tuple[tuple[str, float], ...]:
    scores = parse.occupation_scores(text)
    return tuple(sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])))


@lru_cache(maxsize=100_000)
def _wage(text: str) -> parse.Wage | None:
    try:
        return parse.parse_wage(text)
    except ValueError:
        return None


@lru_cache(maxsize=100_000)
def _age_range(text: str) -> tuple[int | None, int | None] | None:
    try:
        return parse.parse_age_range(text)
    except ValueError:
        return None


@lru_cache(maxsize=10_000)
def _edu(text: str, required: bool = False) -> int | None:
    try:
        return (parse.parse_required_education if required else parse.parse_education)(text)
    except ValueError:
        return None


# a seeker's certificates as matched: of either issuer where none is named (session 22, `parse.held_certificates`)
_certs = lru_cache(maxsize=100_000)(lambda text: parse.held_certificates(text))
_major = lru_cache(maxsize=100_000)(parse.seeker_major)
_req_major = lru_cache(maxsize=100_000)(parse.required_major)


def seeker_major_text(s: Seeker) -> str:
    """The cells where a seeker's major is written ("护理专业中专毕业" in 工作经历, "会计专业应届" in 备注 …; the education
    cell is read apart, `parse.seeker_major`)."""
    return " ".join(t for t in (_text(s.experience), _text(s.notes), _text(s.certificates), _text(s.category),
                                _text(s.desired)) if t)


def seeker_record_text(s: Seeker) -> str:
    """The cells where a seeker's record is written (session 22: "以前醉驾被判过" in 备注, "刑满释放人员" as 人员类别, a
    term served in 工作经历)."""
    return " ".join(t for t in (_text(s.notes), _text(s.desired), _text(s.experience), _text(s.category)) if t)


def seeker_group_text(s: Seeker) -> str:
    """The cells where a seeker's group is written (人员类别, notes, certificates: "残疾人证")."""
    return " ".join(t for t in (_text(s.category), _text(s.notes), _text(s.certificates)) if t)


def job_group_text(j: Job) -> str:
    """The cells where a posting's group limit is written (title, description, certificates)."""
    # its benefits too (session 24, blind24 read: "仅限脱贫户家庭成员" written beside the subsidy), as its conditions
    return " ".join(t for t in (_text(j.title), _text(j.description)[:2000], _text(j.certificates),
                                _text(j.benefits)[:500]) if t)


def job_major_text(j: Job) -> str:
    """The cells where a posting's required major is written (its certificates, education, experience, description)."""
    return " ".join(t for t in (_text(j.certificates), _text(j.education), _text(j.experience),
                                _text(j.description)[:2000]) if t)
_req_certs = lru_cache(maxsize=100_000)(lambda text: parse.parse_required_certificates(text))
_below_mid = lru_cache(maxsize=100_000)(lambda text: parse.below_mid_level(text))
_experience = lru_cache(maxsize=100_000)(lambda text: parse.parse_experience(text))
# a seeker's 工作经历: spans open to today ("2018年至今") measured to the reference year the caller passes
_history = lru_cache(maxsize=100_000)(lambda text, year: parse.parse_experience(text, year=year, seeker=True))
_limits = lru_cache(maxsize=100_000)(lambda text: parse.infer_seeker_limits(text))
_soft = lru_cache(maxsize=100_000)(lambda text: parse.soft_wishes(text))
# a posting of two trades asks what either trade asks (`job_occupations`: the worker does both halves)
_demands = lru_cache(maxsize=200_000)(
    lambda text, codes, benefits: parse.infer_job_demands(text, codes)
    | (frozenset() if parse.houses_worker(text, benefits) else frozenset({"NO_HOUSING"})))
_open = lru_cache(maxsize=100_000)(lambda text: parse.is_open_intent(text))
_housing_wish = lru_cache(maxsize=100_000)(parse.housing_wish)
_no_housing = lru_cache(maxsize=200_000)(parse.states_no_housing)
_houses = lru_cache(maxsize=200_000)(parse.houses_worker)
_cold_limited = lru_cache(maxsize=100_000)(lambda text: parse.cold_water_limited(text))
_body_limits = lru_cache(maxsize=100_000)(parse.body_limits)
_body_conditions = lru_cache(maxsize=200_000)(parse.body_conditions)
_term_limits = lru_cache(maxsize=100_000)(parse.term_limits)
_term_conditions = lru_cache(maxsize=200_000)(parse.term_conditions)
_lacks_vehicle = lru_cache(maxsize=100_000)(parse.lacks_own_vehicle)        # session 21 (emp-read21)
_optional_later = lru_cache(maxsize=200_000)(parse.optional_in_description)
_ride_hailing = lru_cache(maxsize=200_000)(parse.asks_ride_hailing_licence)
_charges = lru_cache(maxsize=200_000)(parse.charges_worker)
_withholds = lru_cache(maxsize=200_000)(parse.withholds_wages)     # session 22 (emp-read22): wages held to year end
_needs_vehicle = lru_cache(maxsize=200_000)(parse.needs_own_vehicle)
_vehicle_needs = lru_cache(maxsize=200_000)(lambda text, year: vehicles.posting_needs(text, year=year))   # session 22
_vehicle_lacks = lru_cache(maxsize=100_000)(lambda said, record, year: vehicles.seeker_lacks(said, record, year=year))
_VEHICLE_WORD = parse.certificate_words(frozenset(parse.VEHICLE_LEVELS))[2]     # the third word (merge of session 22)
# Session 25 (emp-read25, blind25 read): records, statutory bars, 禁止令, the county bound (`records`), the third word too
_record_needs = lru_cache(maxsize=200_000)(records.posting_needs)
_record_lacks = lru_cache(maxsize=100_000)(lambda record, year: records.seeker_lacks(record, year=year))
_county_bound = lru_cache(maxsize=100_000)(lambda record, year: records.county_bound(record, year=year))
_licence_void = lru_cache(maxsize=100_000)(lambda record, year: records.licence_void(record, year=year))
_RECORD_WORD = parse.certificate_words(frozenset(parse.RECORD_LEVELS))[2]
# Session 26 (emp-read26, blind26 read): what a 未成年工 may not do (`minors`), the third word too
_minor_needs = lru_cache(maxsize=200_000)(minors.posting_needs)
_minor_lacks = lru_cache(maxsize=100_000)(minors.seeker_lacks)
_MINOR_WORD = parse.certificate_words(frozenset(parse.MINOR_LEVELS))[2]
# Session 27 (emp-fix27): what a seeker 18 on a posting's start holds for it that a minor does not (`minors.age_on`)
ADULT_COLUMN = parse.CERT_BITS[parse.ADULT_PLACE].word      # the word of `SeekerTable.certs` holding them (the third)
assert parse.CERT_BITS[parse.ADULT_WORK].word == ADULT_COLUMN
ADULT_WORD = parse.certificate_words(frozenset({parse.ADULT_PLACE, parse.ADULT_WORK}))[ADULT_COLUMN]


def _unfailing(read: Callable[..., _T], none: _T) -> Callable[..., _T]:
    """`read` reading `none` where one row's words hold a date it cannot take (fixcr32: "1月0日" made the date readers
    raise, and one posting's so failed every seeker's list): one row's unreadable date never fails the others."""
    def reading(*args: object) -> _T:
        try:
            return read(*args)
        except (ValueError, OverflowError):
            logger.warning("matching: unreadable date in a row's words, read as none (%s)", read.__name__)
            return none
    reading.__name__ = read.__name__
    return reading


_birth = lru_cache(maxsize=100_000)(_unfailing(minors.birth_date, 0))
_start = lru_cache(maxsize=200_000)(_unfailing(minors.start_date, 0))
_lapsed = lru_cache(maxsize=100_000)(parse.lapsed_certificates)
# Session 27 (emp-fix27): evening work to 22:00 (`parse.EVENING_TO_TEN`): held but by a seeker kept to day work
_EVENING_WORD = parse.certificate_words(frozenset({parse.EVENING_TO_TEN}))[2]
_day_only = lru_cache(maxsize=100_000)(parse.day_work_only)
_evening = lru_cache(maxsize=200_000)(parse.evening_to_ten)
_studying = lru_cache(maxsize=100_000)(minors.studying)
_takes_students = lru_cache(maxsize=200_000)(minors.takes_students)


def _edu_now(seekers: list[Seeker], edu: np.ndarray) -> np.ndarray:
    """The level each seeker has finished: `edu`, or the stage below it for one still 在读 (`minors.studying`)."""
    now = edu.copy()
    for i, s in enumerate(seekers):
        if edu[i] != UNKNOWN_EDU and (reading := _studying(_text(s.education), _text(s.category))) is not None:
            now[i] = reading[0]
    return now
# Session 27 (emp-read27, blind27 read): a pension and the statutory retirement age against a labour contract (`pensions`)
_pension_needs = lru_cache(maxsize=200_000)(pensions.posting_needs)
_pension_lacks = lru_cache(maxsize=100_000)(pensions.seeker_lacks)
_states_retirement = lru_cache(maxsize=200_000)(pensions.states_retirement_age)      # emp-mend27
# session 31 (emp-read31): public-sector hiring conditions, 政治面貌, 全日制 and 户籍 (`civil`), in whichever word they sit
_civil_needs = lru_cache(maxsize=200_000)(civil.posting_needs)
_civil_lacks = lru_cache(maxsize=100_000)(civil.seeker_lacks)
_CIVIL_WORDS = parse.certificate_words(frozenset((*parse.CIVIL_LEVELS, *parse.NURSE_TITLES,      # session 35 (emp-left35)
                                                   *parse.PHARMACIST_CATEGORIES,
                                                   *parse.HEALTH_TECH_SENIOR, parse.LAW_QUALIFICATION_A)))   # session 36
_naked_eye_figure = lru_cache(maxsize=100_000)(civil.naked_eye_figure)
_relax_caps = lru_cache(maxsize=100_000)(civil.relaxation_caps)          # session 32 (emp-left32)
_relax_groups = lru_cache(maxsize=100_000)(civil.seeker_relax_groups)
_posting_heights = lru_cache(maxsize=100_000)(civil.posting_heights)
_seeker_height = lru_cache(maxsize=100_000)(civil.seeker_height)
RELAX_GROUPS = civil.RELAX_GROUPS
_FIGURE_DECIDES = frozenset({"NAKED_EYE"})
_retirement_date = lru_cache(maxsize=100_000)(parse.retirement_date)
# emp-mend27: a certificate the employer has sat, still obtainable (`parse.CERT_SITTABLE`); a night away from home
# (`parse.NIGHTS_AWAY`)
_SITTABLE_BIT = parse.CERT_BITS[parse.CERT_SITTABLE].bit
_NIGHTS_AWAY_BIT = parse.CERT_BITS[parse.NIGHTS_AWAY].bit
_overnight = lru_cache(maxsize=200_000)(parse.overnight)
_sleeps_at_home = lru_cache(maxsize=100_000)(parse.sleeps_at_home)
# session 30 (emp-bits30): a 健康证 that can be had, held unless said not (`parse.HEALTH_CARD_OBTAINABLE`)
_HEALTH_CARD = parse.CERT_BITS[parse.HEALTH_CARD_OBTAINABLE]
# session 31 (emp-window31): a post silent on its term, held unless the seeker takes only a stated period
# (`parse.PERIOD_UNSTATED_OK`); a seeker's dated window and a posting's stated end (`seasons`)
_PERIOD_OPEN = parse.CERT_BITS[parse.PERIOD_UNSTATED_OK]
# Session 34 (emp-read34, blind34 read): a start before 春节 (`parse.START_BEFORE_SPRING_OK`): held but by a seeker who goes
# only after it, required by a posting that must be joined before it
_BEFORE_SPRING = parse.CERT_BITS[parse.START_BEFORE_SPRING_OK]
_AFTER_SPRING_FIT = parse.CERT_BITS[parse.AFTER_SPRING_FIT]    # "年后才走" and "年后开工" (emp-left34): preferred, not required
_NO_COUPLE_ROOM = parse.CERT_BITS[parse.NO_COUPLE_ROOM_OK]      # "要夫妻房" against "无夫妻房" (session 34)
# Session 35 (emp-read35, blind35 read): selling work refused and a 就业见习 place (`graduates`)
_SELLING = parse.CERT_BITS[parse.SELLING_OK]
_TRAINEESHIP = parse.CERT_BITS[parse.TRAINEESHIP_OK]
_DEGREE = parse.CERT_BITS[parse.DEGREE_OK]
_COUPLES_APART = parse.CERT_BITS[parse.COUPLES_APART_OK]   # "必须跟老公一起" against "不招夫妻" (session 35, emp-left35)
_INSURANCE_OPTIONAL = parse.CERT_BITS[parse.INSURANCE_OPTIONAL]    # "必须五险一金" against "不交社保" (session 36, emp-left36)
_RESIDENCY = parse.CERT_BITS[parse.RESIDENCY_TRAINED]      # the 规培 completed, said outside the certificates (session 36)
_SITE_OK = parse.CERT_BITS[parse.SITE_OK]                # "不跑工地" against a post on a building site (session 36)
_CLASS_WORDS = parse.certificate_words(frozenset(parse.NOT_OF_CLASS))     # the 届 (session 36, `graduates.class_names`)
_only_stated_period = lru_cache(maxsize=100_000)(seasons.only_stated_period)
_window = lru_cache(maxsize=100_000)(_unfailing(seasons.seeker_window, (0, 0)))
_end = lru_cache(maxsize=200_000)(_unfailing(seasons.posting_end, 0))
_term_months = lru_cache(maxsize=200_000)(_unfailing(seasons.posting_term_months, 0))      # session 32 (emp-left32)
_states_period = lru_cache(maxsize=200_000)(_unfailing(seasons.states_period, False))
_health_card_refused = lru_cache(maxsize=100_000)(parse.health_card_refused)
# session 31 (emp-lang31): English, Vietnamese and 白话 as skills, stated by a seeker, asked as a must (`languages`)
_seeker_languages = lru_cache(maxsize=100_000)(languages.seeker_languages)
_posting_languages = lru_cache(maxsize=200_000)(languages.posting_languages)
# … and the employer's kind: held but the kinds a seeker refuses, required by a post of that kind (`venues`)
_VENUE_WORD = parse.certificate_words(frozenset(venues.VENUE_FLAGS))
_seeker_refuses = lru_cache(maxsize=100_000)(venues.seeker_refuses)
_posting_kind = lru_cache(maxsize=200_000)(venues.posting_kind)
_PENSION_WORD = parse.certificate_words(frozenset(parse.PENSION_LEVELS))[2]
# The bits above and the sex caps, 无户口 and 冷库 are written to and read from the third word's column by its index
# (`certs[i, 2]`, `cert_req[i, 2]`): every name they stand for must live there, or a bit placed elsewhere (the fourth
# word is free since session 30) would be dropped unseen (a code review of session 30).
assert {parse.CERT_BITS[name].word for name in (
    *parse.VEHICLE_LEVELS, *parse.RECORD_LEVELS, *parse.MINOR_LEVELS, *parse.PENSION_LEVELS, *parse.SEX_AGE_CAPS.values(),
    parse.EVENING_TO_TEN, parse.NIGHTS_AWAY, parse.CERT_SITTABLE, parse.HOUSEHOLD_FREE, parse.COLD_STORE_ENTRY,
    parse.ADULT_PLACE, parse.ADULT_WORK)} == {2}
_LICENCE_WORDS = np.array(parse.certificate_words(records.DRIVING_LICENCES), np.int64)   # the car licences' and the motorcycle's
_short_day = lru_cache(maxsize=200_000)(lambda text: hours.short_day(text))
_day_length = lru_cache(maxsize=200_000)(hours.day_length)      # session 22 (emp-dev22)
_seeker_groups = lru_cache(maxsize=100_000)(parse.seeker_groups)
_posting_groups = lru_cache(maxsize=100_000)(parse.posting_groups)
_cold_work = lru_cache(maxsize=200_000)(lambda text: parse.cold_wet_work(text))
_local = lru_cache(maxsize=100_000)(lambda text, place="": parse.local_restriction(text, place))
_sex_caps = lru_cache(maxsize=100_000)(parse.sex_cap_bits_required)


def _text(value: object) -> str:
    if isinstance(value, (list, tuple, set, frozenset)):
        return "、".join(str(v) for v in value)
    return parse.normalise_text(value)


_PAST_WORK = re.compile(r"^(?:以前|之前|原来|曾经|过去)?(?:在\S{0,8})?(?:做过|干过|当过|待过)")


# a dish stir-fried is a cook's specialty ("厨师，炒海鲜", "会炒鱼"), not the seafood trade: read as cooking (session 15)
_DISH_COOKED = re.compile(r"(?:炒|爆炒|清炒)(?:海鲜|海产|鱼|虾|蟹|螺|花甲|蚝|鱿鱼)")


# Session 33 (emp-read33, blind33 read): a clause of the wish refusing work ("啥活都行，就是保洁和护工不做", "不干保安")
# names what is not wished: left out of the wish, so its trades are not read as wanted
# — not "不做中文导游" (the refusal first names a kind of the work wished: blind30's "只带英语团，不做中文导游")
_REFUSED_WORK = re.compile(r"^(?:就是|但是?|只是|只有|唯独)?[^，,；;。]{1,12}?(?:不做|不干|不想做|不想干|不愿做|不愿意做|干不了|做不了)了?$")
# Session 34 (fixcr34a): … and written verb first ("啥活都行，不干保安", "想做厨师，就是不干保洁"), left out when the rest of
# the wish reads work of its own (a trade, or "anything") that is not the refused one's — "只做英语讲解，不做中文导游"
# (the rest reads the 导游's class) and "只带英语团，不做中文导游" (the rest reads none) stay
_REFUSED_WORK_FIRST = re.compile(r"^(?:就是|但是?|只是|唯独)?(?:不做|不干|不想做|不想干|不愿做|不愿意做|干不了|做不了)"
                                 r"(?P<what>[^，,；;。]{1,12})$")


def _refused_first(clause: str, rest: str) -> bool:
    """Whether a clause refuses work verb first and the rest of the wish reads other work (`_REFUSED_WORK_FIRST`)."""
    m = _REFUSED_WORK_FIRST.match(clause)
    if not m or not rest:
        return False
    wished = {c for c, _ in _occ(rest)}
    return (bool(wished) or _open(rest)) and not wished & {c for c, _ in _occ(m.group("what"))}


@lru_cache(maxsize=100_000)
def _wish_and_past(text: str) -> tuple[str, str]:
    """A wish field's clauses of past work ("想进服装厂，做过三年流水线") are experience, not the wish; a clause refusing
    work is neither (session 33)."""
    text = _DISH_COOKED.sub("炒菜", text)
    clauses = [c for c in re.split(r"[，,；;。]", text) if c.strip()]
    if len(clauses) > 1 and any(_REFUSED_WORK.match(c.strip()) for c in clauses):
        clauses = [c for c in clauses if not _REFUSED_WORK.match(c.strip())] or clauses
        text = "，".join(clauses)
    refused = {i for i, c in enumerate(clauses) if _refused_first(c.strip(), "，".join(clauses[:i] + clauses[i + 1:]))}
    if refused and len(refused) < len(clauses):
        clauses = [c for i, c in enumerate(clauses) if i not in refused]
        text = "，".join(clauses)
    past = [c for c in clauses if _PAST_WORK.match(c.strip())]
    if not past or len(past) == len(clauses):
        return text, ""
    return "，".join(c for c in clauses if c not in past), "，".join(past)


def seeker_occupations(s: Seeker) -> list[tuple[str, float]]:
    """(code, weight) slots: what they want, then what they did, then what their certificates show;
    'anything' or nothing at all → entry-level work."""
    slots: dict[str, float] = {}
    # A code chosen on the form comes first; the wish's own words still count ("服装厂或者超市" chosen as 缝纫工 keeps 超市).
    chosen = [c for c in s.occupation_codes if c in BY_CODE]
    wish, past = _wish_and_past(_text(s.desired))
    desired = [(c, W_DESIRED) for c in dict.fromkeys([*chosen, *(c for c, _ in _occ(wish)[:3])])]
    if not desired and wish and not _open(_text(s.desired)):
        # words the lists do not know ("面点师"): the nearest occupation by embedding, when clearly nearest
        near = semantic.nearest_occupation(wish)
        desired = [(near[0], W_OPEN if near[0] == OPEN_CODE else W_SEMANTIC)] if near else []
    for c, w in desired:
        slots.setdefault(c, w)
    for c, _ in _occ(_text(s.experience))[:2] + _occ(past)[:1]:
        slots.setdefault(c, W_EXPERIENCE)
    for cert in sorted(_certs(_text(s.certificates))):
        if cert in _CERT_TRADES:
            slots.setdefault(_CERT_TRADES[cert], W_CERT)
    if not desired and (not slots or _open(_text(s.desired) + _text(s.notes))):
        # one slot related 1.0 to every entry-level class (occupations.ENTRY_LEVEL)
        slots.setdefault(OPEN_CODE, W_OPEN)
    return list(slots.items())[:SLOTS]


@lru_cache(maxsize=100_000)
def _posting_trades(title: str, description: str, certificates: str) -> tuple[str, ...]:
    return parse.posting_trades(title, description, _req_certs(certificates)[0] if certificates else frozenset())


def job_occupations(j: Job) -> tuple[str, ...]:
    """A posting's occupation codes: one, or two when its title names two trades ("客服打包员", "收银兼理货"; a generic
    title such as 综合岗 by its description — `parse.posting_trades`). Codes chosen on the form come first; a title that
    names the chosen trade and another adds the other. Words no list knows: the nearest occupation by embedding."""
    read = _posting_trades(_text(j.title), _text(j.description)[:300], _text(j.certificates))
    chosen = [c for c in j.occupation_codes if c in BY_CODE][:2]
    if chosen:
        if len(chosen) == 1 and len(read) == 2 and chosen[0] in read:
            chosen.append(read[1] if read[0] == chosen[0] else read[0])
        return tuple(chosen)
    if read:
        return read
    near = semantic.nearest_occupation(_text(j.title)) if _text(j.title) else None
    return (near[0],) if near and near[0] != OPEN_CODE else ()


# The employer's own trade (session 19, blind19 read): a seeker's wish names a kind of plant as often as a trade ("想进
# 电子厂", "电池厂，工资高的", "印刷、纸箱厂"), and every post on the plant's floor serves it — its packer, its warehouse
# scanner, its inspector as much as its assembler. The employer's name without its legal form, place and "加工"
# ("合浦某精密电子有限公司" → "精密电子", "廉州镇某电子加工厂" → "电子厂") is read by the occupation lists; a plant trade
# it names becomes the second trade of a plant post (its own trade a factory line or its warehouse) that has none. Only
# the score reads it: the post's demands stay those of its own trade (`job_occupations`, which the oracle reads).
# (not 电子商务: an online shop is no electronics plant)
_LEGAL_FORM = re.compile(r"(?:股份)?有限(?:责任)?公司|分公司|集团|公司|^[^某]{0,8}某|加工|电子商务|电商|（[^）]*）|\([^)]*\)")
# the posts every plant's floor has (普工, 包装工, 质检员, 仓储管理员): a line trade's own post (a 纸箱厂's 印刷机长) keeps its trade
PLANT_POSTS = frozenset(("6-28-01", "6-28-02", "6-25-02", "4-02-03"))
PLANT_TRADES = frozenset(FACTORY_LINE) - PLANT_POSTS       # what names a kind of plant: its line trade


@lru_cache(maxsize=100_000)
def employer_trade(employer: str) -> str | None:
    """The plant trade an employer's name names ("合浦某精密电子有限公司" → 电子产品装配工), or None."""
    words = _LEGAL_FORM.sub(" ", employer).strip()
    scores = parse.occupation_scores(words) if words else {}
    best = sorted(((v, c) for c, v in scores.items() if c in PLANT_TRADES), reverse=True)
    return best[0][1] if best else None


def plant_trade(j: Job, codes: tuple[str, ...] | None = None) -> str | None:
    """The plant trade a post of one trade takes as its second (`employer_trade`), or None."""
    codes = job_occupations(j) if codes is None else codes
    if len(codes) != 1 or codes[0] not in PLANT_POSTS:
        return None
    trade = employer_trade(_text(j.employer))
    return trade if trade != codes[0] else None


def seeker_language_text(s: Seeker) -> str:
    """Where a seeker states a language (session 31, emp-lang31): certificates ("大学英语六级"), experience, notes
    ("越南语流利；会白话、普通话") and wish, as clauses of their own."""
    return "；".join(_text(t) for t in (s.certificates, s.experience, s.notes, s.desired))


def seeker_text(s: Seeker) -> str:
    return " ".join(t for t in (_text(s.desired), _text(s.experience), _text(s.certificates)) if t)


def job_text(j: Job) -> str:
    return " ".join(t for t in (_text(j.title), _text(j.certificates), _text(j.description)[:300]) if t)


@dataclass
class SeekerTable:
    ids: list[str]
    occ: np.ndarray          # [n, SLOTS] int16 occupation index, -1 empty
    occ_w: np.ndarray        # [n, SLOTS] float32
    age_lo: np.ndarray       # int16: age, or 200 when unknown (passes every minimum)
    age_hi: np.ndarray       # int16: age, or 0 when unknown (passes every maximum)
    age: np.ndarray          # int16, -1 unknown
    edu: np.ndarray          # int8, UNKNOWN_EDU when not stated
    # [n, CERT_WORDS] int64 the certificates' words (`parse.CERT_BITS`; implied licences included): the first also holds
    # the flags, majors and groups, the second the health conditions and terms, the third the vehicle levels (session 22)
    certs: np.ndarray
    cannot: np.ndarray       # uint64 demand bits, and the hours of the day the seeker cannot work (`hours.SLOT_SHIFT`)
    wage: np.ndarray         # float32 expected monthly wage, nan unknown
    home: np.ndarray         # [n, 5] int64 code levels
    max_level: np.ndarray    # int8
    explicit: np.ndarray     # [n, PLACE_SLOTS, 2] int64 (level index 0..4, value) — level 5 = none
    years: np.ndarray        # float32
    texts: list[str]
    problems: list[list[str]] = field(default_factory=list)
    # uint64 demand bits the seeker would rather avoid ("最好坐着的", "尽量白班": `parse.soft_wishes`): a pair whose posting
    # has one scores lower and is never refused for it (session 20)
    soft: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))
    # int16 the workers the seeker comes with, themselves included ("我们4个人一起": 4; `crews.seeker_crew`, session 21);
    # negative for a crew the seeker leads ("带6个人的班组": −6, its size only on a group post: `crews.crew_fits`, session 22)
    crew: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int16))
    # a wage wished per hour, day, ton or jin (`parse.wage_rate`, session 21): its unit (1 + its place in
    # `parse.RATE_UNITS`, 0 none) and its lowest figure in that unit (nan none), compared with a posting's in the same unit
    rate_unit: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int8))
    rate: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))
    # Session 27 (emp-fix27): the date of birth the row states, YYYYMMDD (0 none; `minors.birth_date`), so an age is
    # counted on a posting's stated start (`JobTable.start`): (start − birth) // 10000
    birth: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    # [n, CERT_WORDS] int64: the certificates held but lapsed, in their words (`parse.lapsed_certificates`), met by a
    # posting that takes a lapsed one for renewal (`JobTable.renew`; session 27)
    lapsed: np.ndarray = field(default_factory=lambda: np.zeros((0, parse.CERT_WORDS), np.int64))
    # int8 the level finished by a seeker still 在读 (`minors.studying`; `edu` for anyone else) and int32 the graduation,
    # YYYYMMDD (0 unknown): a posting that takes no students and starts before it is met at the first (session 27)
    edu_now: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int8))
    graduation: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    # emp-mend27: the day the seeker reaches the reform's statutory retirement age, YYYYMMDD (0 unknown: no birth date
    # or no sex; `parse.retirement_date`), judged against `JobTable.retire_on`
    retire: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    # Session 31 (emp-window31): the first and last day of the window the seeker states ("寒假2027年1月10日至2月24日"),
    # YYYYMMDD (0 none; `seasons.seeker_window`): a posting whose stated period falls outside it is refused
    # (`seasons.outside_window`, against `JobTable.start` and `JobTable.end`)
    window_from: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    window_to: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    # Session 32 (emp-left32): int8, a bit per group of `civil.RELAX_GROUPS` the seeker states (退役军人, 硕士研究生, 中级职称),
    # met by a posting's relaxed ceiling for that group (`JobTable.relax_caps`)
    relax_groups: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int8))
    # Session 32 (emp-left32): [n, 3] int16, the height the seeker states in the slot of their sex (`civil.height_slots`:
    # men's, women's, unknown sex's; `civil.NO_HEIGHT` elsewhere), against `JobTable.height_min`
    height: np.ndarray = field(default_factory=lambda: np.zeros((0, 3), np.int16))


@dataclass
class JobTable:
    ids: list[str]
    occ: np.ndarray          # int16, -1 unknown
    occ2: np.ndarray         # int16 a second trade ("客服打包员": 客服 beside 打包), -1 none
    age_min: np.ndarray      # int16 (0 none)
    age_max: np.ndarray      # int16 (200 none)
    edu: np.ndarray          # int8
    cert_req: np.ndarray     # [n, CERT_WORDS] int64 the certificates' words required (`SeekerTable.certs`' columns)
    cert_pref: np.ndarray    # [n, CERT_WORDS] int64 and preferred
    demands: np.ndarray      # uint64 demand bits, and the hours of the day the posting states (`hours.SLOT_SHIFT`)
    wage_lo: np.ndarray      # float32 nan unknown
    wage_hi: np.ndarray      # float32 nan unknown
    place: np.ndarray        # [n, 5] int64 code levels; -2 unknown
    place_known: np.ndarray  # bool
    place2: np.ndarray       # [n, 5] int64 code levels of a second listed place ("党江镇、沙田镇"); NO_PLACE none
    local: np.ndarray        # int8 widest distance level from the place at which a seeker may live ("限本乡…": 1); 5 none
    years: np.ndarray        # float32
    texts: list[str]
    problems: list[list[str]] = field(default_factory=list)
    # int8 home outwork ("可在家做", `parse.works_at_home`): the number of code levels of its place (3 for a county; never a province or
    # prefecture), so that a seeker whose home shares them all works at home (distance level 0); 0 for any other posting
    at_home: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int8))
    # int16 the smallest and the largest crew the posting takes (its group range, its headcount: `crews.posting_crew`,
    # session 21); 1 and `crews.NO_MAX` when it says nothing
    crew_min: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int16))
    crew_max: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int16))
    # a wage written per hour, day, ton or jin (`parse.wage_rate`, session 21): its unit (0 none) and its highest figure
    rate_unit: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int8))
    rate: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))
    # Session 27 (emp-fix27): the first day the posting states its work starts, YYYYMMDD (0 none: hiring now;
    # `minors.start_date`)
    start: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    # int8: 1 where the posting takes a lapsed certificate for renewal ("过期的可协助复审"; `parse.renewal_taken`)
    renew: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int8))
    # int8: 1 where the posting takes students as they are (an 实习, a 寒假工, "在读可"; `minors.takes_students`)
    students: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int8))
    # emp-mend27: where the posting states the retirement-age condition or asks a labour contract
    # (`pensions.states_retirement_age`), the day its work starts — the stated start, or today where it states none or
    # one past —, YYYYMMDD; 0 elsewhere (or with neither date). A seeker whose `SeekerTable.retire` is on or before it
    # is refused.
    retire_on: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    # Session 31 (emp-window31): the last day of the period the posting states ("2027年1月20日至2月20日"), YYYYMMDD (0 none,
    # or kept open to part of it, "时间可商量"; `seasons.posting_end`)
    end: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    # Session 32 (emp-left32): [n, len(civil.RELAX_GROUPS)] int16, the age ceiling the posting relaxes for each group
    # ("退役军人放宽至35周岁"; 0 none: `civil.relaxation_caps`), above `age_max` for a seeker of the group
    relax_caps: np.ndarray = field(default_factory=lambda: np.zeros((0, len(RELAX_GROUPS)), np.int16))
    # Session 32 (emp-left32): [n, 3] int16, the least height for men, for women and for a seeker of unknown sex, in cm
    # (0 none: `civil.posting_heights`)
    height_min: np.ndarray = field(default_factory=lambda: np.zeros((0, 3), np.int16))
    # Session 32 (emp-left32): the last day a term the posting states reaches from its start ("服务期2年", "须做满6个月";
    # `seasons.stay_to`), YYYYMMDD (0 none), against `SeekerTable.window_to`
    stay_to: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))


def build_seekers(seekers: Iterable[Seeker], gazetteer: Gazetteer, *, year: int | None = None,
                  today: date | None = None) -> SeekerTable:
    """`year`: the reference year of a 工作经历 span open to today ("2018年至今"); None reads it as some experience.
    `today`: the day a birthday said without a year ("明年3月满18岁") is counted from; None reads only dated births."""
    seekers = list(seekers)
    n = len(seekers)
    occ = np.full((n, SLOTS), -1, np.int16)
    occ_w = np.zeros((n, SLOTS), np.float32)
    age = np.full(n, -1, np.int16)
    birth = np.zeros(n, np.int32)
    retire = np.zeros(n, np.int32)
    window_from = np.zeros(n, np.int32)
    window_to = np.zeros(n, np.int32)
    relax_groups = np.zeros(n, np.int8)
    height = np.full((n, 3), civil.NO_HEIGHT, np.int16)
    lapsed = np.zeros((n, parse.CERT_WORDS), np.int64)
    graduation = np.zeros(n, np.int32)
    edu = np.full(n, UNKNOWN_EDU, np.int8)
    certs = np.zeros((n, parse.CERT_WORDS), np.int64)
    cannot = np.zeros(n, np.uint64)
    soft = np.zeros(n, np.uint64)
    crew = np.ones(n, np.int16)
    rate_unit = np.zeros(n, np.int8)
    rate = np.full(n, np.nan, np.float32)
    wage = np.full(n, np.nan, np.float32)
    home = np.full((n, 5), -2, np.int64)
    max_level = np.full(n, 2, np.int8)
    explicit = np.zeros((n, PLACE_SLOTS, 2), np.int64)
    explicit[:, :, 0] = 5
    years = np.zeros(n, np.float32)
    problems: list[list[str]] = [[] for _ in range(n)]
    resolve = lru_cache(maxsize=100_000)(gazetteer.resolve)
    accept = lru_cache(maxsize=100_000)(
        lambda text, h, intent, notes: gazetteer.acceptable(text, home=h, intent=intent, notes=notes))
    hukou_outside = lru_cache(maxsize=100_000)(lambda notes, residence: civil.hukou_outside(notes, residence, gazetteer))
    for i, s in enumerate(seekers):
        for k, (code, weight) in enumerate(seeker_occupations(s)):
            occ[i, k] = OCC_INDEX[code]
            occ_w[i, k] = weight
        if isinstance(s.age, int) and not isinstance(s.age, bool):
            age[i] = s.age
        elif s.age not in (None, ""):
            try:
                a = parse.parse_age(s.age)
                age[i] = -1 if a is None else a
            except ValueError as exc:
                problems[i].append(str(exc))
        e = _edu(_text(s.education)) if _text(s.education) else None
        if e is not None and _text(s.education):
            edu[i] = e
        reading = _studying(_text(s.education), _text(s.category))
        if reading is not None and e is not None:
            graduation[i] = reading[1]
        # Session 24 (emp-read24): the age caps of one sex they meet (all but their own sex's below their age)
        sex_caps_held = parse.sex_cap_bits_held(s.gender, int(age[i]) if age[i] >= 0 else None)
        # the families of their major (session 14): every family when none is stated, so a posting's required major
        # breaks only for a seeker whose major is known and of another family
        edu_text = _text(s.education)
        families = _major(seeker_major_text(s), edu_text)[0] if "专业" in f"{s.experience}{s.notes}{s.certificates}" \
            f"{s.category}{s.desired}" else _major("", edu_text)[0] if len(edu_text) > 2 else frozenset()
        # session 27 (emp-read27): an A or B licence drives as C1 from 63 (`parse.licences_at_age`)
        certs[i] = parse.certificate_words(parse.licences_at_age(
            _certs(_text(s.certificates)), int(age[i]) if age[i] >= 0 else None))
        if parse.residency_done(f"{_text(s.experience)} {_text(s.notes)}"):     # "规培结业考核过了" (session 36, emp-left36)
            certs[i, _RESIDENCY.word] |= _RESIDENCY.bit
        lapsed[i] = parse.certificate_words(_lapsed(_text(s.certificates)))
        certs[i, 2] |= sex_caps_held
        if not parse.household_on_public_post(f"{_text(s.notes)} {_text(s.category)}"):   # session 24: 每户限1人
            certs[i, 2] |= parse.CERT_BITS[parse.HOUSEHOLD_FREE].bit
        certs[i, 0] |= sum(parse.MAJOR_BITS[f] for f in families) if families else parse.ALL_MAJOR_BITS
        said = _text(s.notes) + " " + _text(s.desired) + " " + _text(s.places)
        if not _cold_limited(said):      # hands that may touch cold water: held unless said (`parse.COLD_WATER_OK`)
            certs[i, 0] |= parse.COLD_WATER_OK
        if not parse.cold_store_refused(said):   # a cold store now and then: held unless refused (session 23)
            certs[i, 2] |= parse.CERT_BITS[parse.COLD_STORE_ENTRY].bit
        # the health and ability conditions they can meet: all but those their words rule out (`parse.BODY_CONDITIONS`)
        # (session 31, emp-read31: a stated naked-eye figure decides against a notice's figure, not the word 近视)
        certs[i, 1] |= parse.ALL_BODY_BITS & ~parse.body_bits(_body_limits(said) - (
            _FIGURE_DECIDES if _naked_eye_figure(_text(s.notes)) is not None else frozenset()))
        # and the terms of a hire their window allows (`parse.TERM_CONDITIONS`, session 20)
        certs[i, 1] |= parse.ALL_TERM_BITS & ~parse.term_bits(_term_limits(said))
        # Session 21 (emp-read21, blind21 read): an own vehicle, held but by a seeker saying they have none
        if not _lacks_vehicle(said):
            certs[i, 1] |= parse.OWN_VEHICLE_BIT
        # and three years of driving unless a younger licence is said (`parse.RIDE_HAIL_YEARS`, session 21)
        driven = parse.licence_years(f"{_text(s.certificates)} {_text(s.experience)} {_text(s.notes)}", year=year)
        if driven is None or driven >= 3:
            certs[i, 1] |= parse.CERT_BITS[parse.RIDE_HAIL_YEARS].bit
        # Session 22 (emp-dev22): an e-bike, a car's kind and age, no record — held but those their words rule out
        certs[i, 2] |= _VEHICLE_WORD & ~parse.certificate_words(
            _vehicle_lacks(said, seeker_record_text(s), year))[2]
        # Session 25 (emp-read25, blind25 read): records — held but those their own record rules out; a licence a drug
        # measure voids is held no more (`records.licence_void`)
        record = seeker_record_text(s)
        certs[i, 2] |= _RECORD_WORD & ~parse.certificate_words(_record_lacks(record, year))[2]
        # Session 26 (emp-read26, blind26 read): the minors' and students' levels, held but by a seeker stated below 18 or a
        # 职业学校 在校生 (`minors.seeker_lacks`)
        birth[i] = _birth(f"{_text(s.age)} {_text(s.notes)}", today) if s.born is None else \
            minors.seeker_birth(s.born, "", "")       # the register's (the website's person; emp-mend27)
        retire[i] = _retirement_date(parse.sex_of(s.gender) or "", int(birth[i]))      # emp-mend27
        certs[i, 2] |= _MINOR_WORD & ~parse.certificate_words(_minor_lacks(
            None if age[i] < 0 else int(age[i]), _text(s.education), _text(s.category), _text(s.desired)))[2]
        # Session 27 (emp-read27, blind27 read): a labour contract and a pensioner's post, held as the row's own pension
        # and age allow (`pensions.seeker_lacks`)
        certs[i, 2] |= _PENSION_WORD & ~parse.certificate_words(_pension_lacks(
            _text(s.gender), None if age[i] < 0 else int(age[i]), _text(s.category), _text(s.notes),
            _text(s.experience), year))[2]
        if _licence_void(record, year):
            certs[i] &= ~_LICENCE_WORDS
        if not _below_mid(_text(s.certificates)):     # 中级 or above, or no grade stated (`parse.MID_LEVEL`, session 18)
            certs[i, 0] |= parse.CERT_BITS[parse.MID_LEVEL].bit        # the first word's last certificate
        certs[i, 0] |= parse.group_bits(_seeker_groups(seeker_group_text(s)), _text(s.category))   # their groups
        cannot[i] = parse.demand_bits(_limits(said)) | hours.seeker_bits(said)
        if not _day_only(said):
            certs[i, 2] |= _EVENING_WORD
        if not _sleeps_at_home(said):        # emp-mend27: "晚上要回家睡" takes no night away
            certs[i, 2] |= _NIGHTS_AWAY_BIT
        if not _health_card_refused(f"{said} {_text(s.certificates)}"):    # session 30: "医院说办不了健康证"
            certs[i, _HEALTH_CARD.word] |= _HEALTH_CARD.bit
        certs[i] |= parse.certificate_words(_seeker_languages(seeker_language_text(s)))     # emp-lang31
        certs[i] |= [w & ~r for w, r in zip(_VENUE_WORD, parse.certificate_words(_seeker_refuses(said)), strict=True)]
        window_from[i], window_to[i] = _window(said, today)       # session 31 (emp-window31): a dated window
        # Session 32 (emp-left32): the groups an age relaxation names, as the seeker states them
        relax_groups[i] = _relax_groups(_text(s.education), seeker_group_text(s),
                                        f"{_text(s.certificates)} {_text(s.notes)}")
        height[i] = civil.height_slots(_seeker_height(_text(s.notes)), parse.sex_of(s.gender))   # heights by sex
        if not _only_stated_period(said):     # "只找写明寒假期间的短期工": only a post stating its period (emp-window31)
            certs[i, _PERIOD_OPEN.word] |= _PERIOD_OPEN.bit
        if not parse.seeker_starts_after_spring(said):     # "年后才走": not a post to be joined before 春节 (session 34)
            certs[i, _BEFORE_SPRING.word] |= _BEFORE_SPRING.bit
        else:       # … and a post stating its start after 春节 fits them a little better (emp-left34)
            certs[i, _AFTER_SPRING_FIT.word] |= _AFTER_SPRING_FIT.bit
        if not parse.seeker_needs_couple_room(said):     # "要夫妻房": not a post with none (session 34)
            certs[i, _NO_COUPLE_ROOM.word] |= _NO_COUPLE_ROOM.bit
        if not graduates.refuses_selling(said):     # "不做销售": not a post whose work is selling (session 35)
            certs[i, _SELLING.word] |= _SELLING.bit
        if not graduates.out_of_traineeship(graduates.schooling_text(s), None if age[i] < 0 else int(age[i]), today):
            certs[i, _TRAINEESHIP.word] |= _TRAINEESHIP.bit     # once a trainee, refusing it, or out of the rule (session 35)
        if not graduates.lacks_degree(f"{_text(s.education)} {_text(s.experience)} {_text(s.notes)}"):
            certs[i, _DEGREE.word] |= _DEGREE.bit     # "学位证没拿到": not a post asking the 学位 (session 35)
        if not parse.seeker_goes_only_with_spouse(said):     # "必须跟老公一起": not a post that takes no couples (emp-left35)
            certs[i, _COUPLES_APART.word] |= _COUPLES_APART.bit
        # Session 36 (emp-left36): social insurance a must, building sites refused, and the seeker's own 届 (`graduates`)
        if not parse.seeker_needs_insurance(said):
            certs[i, _INSURANCE_OPTIONAL.word] |= _INSURANCE_OPTIONAL.bit
        if not parse.refuses_sites(said):
            certs[i, _SITE_OK.word] |= _SITE_OK.bit
        certs[i] |= np.array(_CLASS_WORDS, np.int64) & ~np.array(parse.certificate_words(
            graduates.seeker_class_lacks(graduates.seeker_class(graduates.schooling_text(s)))), np.int64)
        if parse.can_sit(int(age[i]), _certs(_text(s.certificates))):     # emp-mend27: over 60, no such certificate
            certs[i, 2] |= _SITTABLE_BIT
        soft[i] = parse.demand_bits(_soft(said))
        crew[i] = crews.seeker_crew(said)
        if cannot[i] & parse.DEMAND_BITS["FULL_DAY"]:      # half a day only: a stated short day is preferred
            certs[i, 0] |= parse.HALF_DAY_FIT
        # asking to be housed (`parse.housing_wish`): a posting stating no housing refuses them, one that houses fits
        certs[i, 0] |= parse.HOUSED_FIT if _housing_wish(said) else parse.NOT_HOUSED_OK
        if parse.is_female(s.gender):
            cannot[i] |= parse.DEMAND_BITS["MEN_ONLY_LAWFUL"]
        if r := parse.wage_rate(_text(s.wage)):
            rate_unit[i], rate[i] = parse.RATE_UNITS.index(r[0]) + 1, r[1]
        w = _wage(_text(s.wage))
        if w is None:
            problems[i].append(f"期望月薪“{_text(s.wage)[:20]}”无法识别")
        elif w.known:
            wage[i] = w.low if w.low is not None else w.high
        resolved = resolve(_text(s.residence)) if _text(s.residence) else None
        h = resolved or gazetteer.home_county
        home[i] = _code_levels(h)
        # session 31 (emp-read31): 政治面貌, a 全日制 degree, a 户籍 within the county — held but where their own words rule
        # them out (`civil.seeker_lacks`)
        lacks = _civil_lacks(_text(s.notes), _text(s.category), _text(s.education),
                             hukou_outside(_text(s.notes), _text(s.residence)), _text(s.certificates),
                             _text(s.experience))      # a part-time degree written in the history (session 35)
        certs[i] |= np.array(_CIVIL_WORDS, np.int64) & ~np.array(parse.certificate_words(lacks), np.int64)
        # an unknown home (a village the gazetteer lacks) counts as "somewhere in the county": 本镇 cannot
        # be checked, so the county is accepted
        level, named = accept(_text(s.places), resolved, _text(s.desired), _text(s.notes))
        if _county_bound(seeker_record_text(s), year):       # a 社区矫正对象 stays in the county (session 25)
            level, named = records.county_cap(gazetteer, level, named, home=resolved, record_text=seeker_record_text(s),
                                              places_text=_text(s.places))
        # never dropped past the slots: fitted, as `constraints.violations` does (session 34, fixcr34c)
        level, named = fit_named(level, named, PLACE_SLOTS)
        max_level[i] = level
        for k, code in enumerate(named):
            li = (2, 4, 6, 9, 12).index(len(code))
            explicit[i, k] = (li, int(code))
        years[i] = _history(_text(s.experience), year)
    return SeekerTable(
        ids=[str(s.id) for s in seekers], occ=occ, occ_w=occ_w,
        age_lo=np.where(age >= 0, age, 200).astype(np.int16), age_hi=np.where(age >= 0, age, 0).astype(np.int16),
        age=age, edu=edu, certs=certs, cannot=cannot, wage=wage, home=home, max_level=max_level,
        explicit=explicit, years=years, texts=[seeker_text(s) for s in seekers], problems=problems, soft=soft, crew=crew,
        rate_unit=rate_unit, rate=rate, birth=birth, lapsed=lapsed, edu_now=_edu_now(seekers, edu), graduation=graduation,
        retire=retire, window_from=window_from, window_to=window_to, relax_groups=relax_groups,
        height=height)


def build_jobs(jobs: Iterable[Job], gazetteer: Gazetteer, *, today: date | None = None) -> JobTable:
    jobs = list(jobs)
    n = len(jobs)
    occ = np.full(n, -1, np.int16)
    occ2 = np.full(n, -1, np.int16)
    age_min = np.zeros(n, np.int16)
    age_max = np.full(n, 200, np.int16)
    start = np.zeros(n, np.int32)
    renew = np.zeros(n, np.int8)
    students = np.zeros(n, np.int8)
    retire_on = np.zeros(n, np.int32)
    end = np.zeros(n, np.int32)
    relax_caps = np.zeros((n, len(RELAX_GROUPS)), np.int16)
    height_min = np.zeros((n, 3), np.int16)
    stay = np.zeros(n, np.int32)
    today_ymd = today.year * 10000 + today.month * 100 + today.day if today is not None else 0
    edu = np.zeros(n, np.int8)
    cert_req = np.zeros((n, parse.CERT_WORDS), np.int64)
    cert_pref = np.zeros((n, parse.CERT_WORDS), np.int64)
    demands = np.zeros(n, np.uint64)
    wage_lo = np.full(n, np.nan, np.float32)
    wage_hi = np.full(n, np.nan, np.float32)
    place = np.full((n, 5), -2, np.int64)
    place_known = np.zeros(n, bool)
    place2 = np.full((n, 5), NO_PLACE, np.int64)
    local = np.full(n, parse.NO_LOCAL_LIMIT, np.int8)
    at_home = np.zeros(n, np.int8)
    crew_min = np.ones(n, np.int16)
    crew_max = np.full(n, crews.NO_MAX, np.int16)
    rate_unit = np.zeros(n, np.int8)
    rate = np.full(n, np.nan, np.float32)
    years = np.zeros(n, np.float32)
    problems: list[list[str]] = [[] for _ in range(n)]
    resolve = lru_cache(maxsize=100_000)(gazetteer.resolve)
    resolve_each = lru_cache(maxsize=100_000)(gazetteer.resolve_each)
    for i, j in enumerate(jobs):
        codes = job_occupations(j)
        if codes:
            occ[i] = OCC_INDEX[codes[0]]
        if len(codes) > 1:
            occ2[i] = OCC_INDEX[codes[1]]
        elif trade := plant_trade(j, codes):
            occ2[i] = OCC_INDEX[trade]           # a plant post serves a wish for the plant (`employer_trade`)
        rng = _age_range(_text(j.age))
        if rng is not None:
            rng = parse.statutory_age_range(j.title, rng)      # session 27 (emp-read27): a 校车 driver is 25–60
        if rng is None:
            problems[i].append(f"年龄要求“{_text(j.age)[:20]}”无法识别")
        else:
            age_min[i] = rng[0] if rng[0] is not None else 0
            age_max[i] = rng[1] if rng[1] is not None else 200
        relax_caps[i] = _relax_caps(_text(j.age), _text(j.description)[:2000])     # session 32 (emp-left32)
        if civil.height_binds(_text(j.title), _text(j.employer)):      # heights by sex, where the work is bound by them
            height_min[i] = _posting_heights(f"{_text(j.certificates)}；{_text(j.description)[:2000]}")
        e = _edu(_text(j.education), True)      # a posting's: a qualification may stand for the level
        if e is None:
            problems[i].append(f"学历要求“{_text(j.education)[:20]}”无法识别")
        else:
            edu[i] = e
        req, pref = parse.machine_licence(j.title, j.certificates, *_req_certs(_text(j.certificates)))   # session 23
        if req and (later := _optional_later(_text(j.description))) & req:   # Session 21 (emp-read21): got after joining
            req, pref = req - later, pref | (later & req)
        if parse.asks_residency_training(f"{_text(j.experience)} {_text(j.description)[:2000]}"):    # 规培 (session 36)
            req |= {parse.RESIDENCY_TRAINED}
        cert_req[i] = parse.certificate_words(req)
        if parse.names_health_card(req, pref):         # session 30 (emp-bits30): one who cannot get it takes no such post
            cert_req[i, _HEALTH_CARD.word] |= _HEALTH_CARD.bit
        renew[i] = bool(req) and parse.renewal_taken(f"{_text(j.certificates)} {_text(j.description)[:2000]}")
        # Session 24 (emp-read24, blind24 read): a cap binding one sex below the widest ("女≤55周岁", the women's
        # 法定退休年龄), carried as a level of the third word (`parse.SEX_AGE_CAPS`)
        cert_req[i, 2] |= _sex_caps(_text(j.age))
        if parse.household_rule(f"{_text(j.description)[:2000]} {_text(j.benefits)[:500]}"):   # "每户限1人" (session 24)
            cert_req[i, 2] |= parse.CERT_BITS[parse.HOUSEHOLD_FREE].bit
        if "专业" in f"{j.certificates}{j.education}{j.experience}{j.description}" and \
                (family := _req_major(job_major_text(j))[0]):    # a major required (session 14): a family bit
            cert_req[i, 0] |= parse.MAJOR_BITS[family]
        cert_pref[i] = parse.certificate_words(pref)
        # session 31 (emp-lang31): a language asked as a must ("英语口语流利（须）"), or preferred ("会英语优先")
        asked_lang, liked_lang = _posting_languages(_text(j.certificates), _text(j.description)[:2000])
        cert_req[i] |= parse.certificate_words(asked_lang)
        cert_pref[i] |= parse.certificate_words(liked_lang)
        cert_req[i] |= parse.certificate_words(_posting_kind(_text(j.employer)))    # the employer's kind (emp-lang31)
        work = _text(j.title) + " " + _text(j.description)[:2000]
        # the conditions of the work (demands, hours, cold) wherever the posting writes them, its benefits included
        # (session 19: "两班倒", "需搬运，每件约40斤" written in 福利待遇 bind as in 岗位描述)
        said = parse.conditions_text(j.title, j.description, j.benefits)
        start[i] = _start(said, today)
        end[i] = _end(said, today)            # session 31 (emp-window31): the period's last day, against a window
        stay[i] = seasons.stay_to(int(start[i]), _term_months(said), today)    # session 32: a term's last day
        if not _states_period(said, today):   # silent on its term: not for one who takes only a stated period
            cert_req[i, _PERIOD_OPEN.word] |= _PERIOD_OPEN.bit
        if parse.posting_starts_before_spring(said):     # "年前急招", "12月内到岗" (session 34)
            cert_req[i, _BEFORE_SPRING.word] |= _BEFORE_SPRING.bit
        # emp-left34: a start after 春节 stated ("年后开工", "春节后到岗", "正月十六开工"): preferred, a soft fit for a seeker
        # who goes only then (`parse.AFTER_SPRING_FIT`; the `weights["pref"]` lift, as `parse.HOUSED_FIT`'s)
        if "AFTER_SPRING" in parse.term_conditions(said):
            cert_pref[i, _AFTER_SPRING_FIT.word] |= _AFTER_SPRING_FIT.bit
        if parse.posting_has_no_couple_room(said):     # "无夫妻房", "不招夫妻" (session 34)
            cert_req[i, _NO_COUPLE_ROOM.word] |= _NO_COUPLE_ROOM.bit
        if graduates.sells(_text(j.title), said):     # selling work (session 35)
            cert_req[i, _SELLING.word] |= _SELLING.bit
        if graduates.traineeship_post(_text(j.title), said):     # a 就业见习 place (session 35)
            cert_req[i, _TRAINEESHIP.word] |= _TRAINEESHIP.bit
        if graduates.asks_degree(_text(j.education), said):     # "须取得学士学位" (session 35)
            cert_req[i, _DEGREE.word] |= _DEGREE.bit
        if parse.posting_takes_no_couples(said):     # "不招夫妻", "夫妻勿扰" (session 35, emp-left35)
            cert_req[i, _COUPLES_APART.word] |= _COUPLES_APART.bit
        if parse.posting_pays_no_insurance(said):     # "不交社保", "试用期不买社保" (session 36, emp-left36)
            cert_req[i, _INSURANCE_OPTIONAL.word] |= _INSURANCE_OPTIONAL.bit
        if parse.works_on_site(said):     # "工地杂工", "常驻工地" (session 36)
            cert_req[i, _SITE_OK.word] |= _SITE_OK.bit
        cert_req[i] |= parse.certificate_words(graduates.class_names(graduates.posting_classes(      # "限2026届毕业生"
            f"{_text(j.education)} {said}")))
        students[i] = _takes_students(_text(j.title), _text(j.description))
        demands[i] = parse.demand_bits(_demands(said, codes, _text(j.benefits)[:500])) | hours.job_bits(said)
        if _evening(said, codes):
            cert_req[i, 2] |= _EVENING_WORD
        if _overnight(said, codes):          # emp-mend27: a night more than an evening to 23:00
            cert_req[i, 2] |= _NIGHTS_AWAY_BIT
        if parse.sat_through_employer(pref, f"{_text(j.certificates)} {_text(j.description)[:2000]}"):
            cert_req[i, 2] |= _SITTABLE_BIT   # emp-mend27: the employer has the worker sit a certificate with an issue age
        if _short_day(said):             # a stated short day suits a half-day seeker best (`parse.HALF_DAY_FIT`)
            cert_pref[i, 0] |= parse.HALF_DAY_FIT
        benefits = _text(j.benefits)[:500]
        crew_min[i], crew_max[i] = crews.posting_crew(_text(j.title), _text(j.description)[:2000] + " " + benefits,
                                                      j.headcount)
        if _no_housing(work, benefits):   # "不包住", "无宿舍": refuses a seeker asking to be housed
            cert_req[i, 0] |= parse.NOT_HOUSED_OK
        elif _houses(work, benefits):     # a room offered suits a seeker asking for one best
            cert_pref[i, 0] |= parse.HOUSED_FIT
        # the health and ability conditions the posting states (its 体检 items and its work: `parse.BODY_CONDITIONS`)
        cert_req[i, 1] |= parse.body_bits(_body_conditions(said))
        cert_req[i, 1] |= parse.term_bits(_term_conditions(said))     # its terms (`parse.TERM_CONDITIONS`)
        if _needs_vehicle(said):         # Session 21 (emp-read21): the worker's own vehicle (`parse.OWN_VEHICLE_BIT`)
            cert_req[i, 1] |= parse.OWN_VEHICLE_BIT
        if _ride_hailing(f"{_text(j.title)} {_text(j.description)[:2000]} {_text(j.certificates)}"):   # session 21
            cert_req[i, 1] |= parse.CERT_BITS[parse.RIDE_HAIL_YEARS].bit      # its licence's three years of driving
        if _charges(said):               # a post charging the worker to start: no seeker holds it (session 21)
            cert_req[i, 1] |= parse.CERT_BITS[parse.CHARGES_WORKER].bit
        # Session 22 (emp-dev22): an e-bike of one's own, a car's kind and age, no record (`vehicles.posting_needs`)
        cert_req[i, 2] |= parse.certificate_words(_vehicle_needs(f"{said} {_text(j.certificates)}", None))[2]
        # Session 25 (emp-read25, blind25 read): the statute of the work, the record lines, the workplaces a 禁止令 names,
        # regular work out of the county (`records.posting_needs`)
        cert_req[i, 2] |= parse.certificate_words(_record_needs(_text(j.employer), _text(j.title), _text(j.description),
                                                               _text(j.certificates), _text(j.benefits)))[2]
        # Session 26 (emp-read26, blind26 read): the workplace and the work a 未成年工 may not take, what a student's 实习
        # may not hold (`minors.posting_needs`)
        cert_req[i, 2] |= parse.certificate_words(_minor_needs(_text(j.employer), _text(j.title), _text(j.description),
                                                              _text(j.wage)))[2]
        # Session 27 (emp-read27, blind27 read): a labour contract or a pensioner the posting's own words ask (`pensions`)
        cert_req[i, 2] |= parse.certificate_words(_pension_needs(_text(j.title), _text(j.description), _text(j.age),
                                                                _text(j.benefits)))[2]
        # Session 31 (emp-read31, blind31 read): a notice's 政治面貌, 全日制 and 户籍 conditions (`civil.posting_needs`)
        cert_req[i] |= np.array(parse.certificate_words(_civil_needs(
            _text(j.title), _text(j.description), _text(j.education), _text(j.certificates), _text(j.benefits))), np.int64)
        # emp-mend27: the day the retirement-age condition or the labour contract is judged on (`JobTable.retire_on`)
        if _states_retirement(_text(j.title), _text(j.description), _text(j.age), _text(j.benefits)):
            retire_on[i] = max(int(start[i]), today_ymd)
        if _withholds(f"{_text(j.wage)} {said}"):   # Session 22 (emp-read22): wages held to the year's end, the same bit
            cert_req[i, 1] |= parse.CERT_BITS[parse.CHARGES_WORKER].bit
        if _cold_work(said):             # work in ice or cold water asks for hands that may touch it
            if parse.cold_now_and_then(said):    # only now and then: a seeker not refusing the store (session 23)
                cert_req[i, 2] |= parse.CERT_BITS[parse.COLD_STORE_ENTRY].bit
            else:
                cert_req[i, 0] |= parse.COLD_WATER_OK
                if parse.cold_store_work(said):   # a store, not only cold water: not for one who takes only the water
                    cert_req[i, 2] |= parse.CERT_BITS[parse.COLD_STORE_ENTRY].bit
        # a posting open only to a group (`parse.posting_groups`; "面向…", "对象为…" too since session 24). No "限" guard
        # here: the limit's words and the preference ("优先面向…", fix-match24) are read in `posting_groups`, which the
        # oracle reads too, so both paths bind the same postings
        if groups := _posting_groups(job_group_text(j)):
            cert_req[i, 0] |= parse.GROUP_SET_BITS[groups]
        if r := parse.wage_rate(_text(j.wage)):
            rate_unit[i], rate[i] = parse.RATE_UNITS.index(r[0]) + 1, r[2] if r[2] is not None else r[1]
            # Session 22 (emp-dev22): an hourly rate is a day rate by the hours the posting states in its description
            # ("18元/小时" with "8:00-18:00" is 180 a day; the writers' pay-unit convention), so a daily wish compares it
            # like with like. Kept per day: an hourly wish still meets the same ratio through the month (both ×8×26,
            # the month unchanged), and a monthly wish reads the month as before. The wage cell's own "每天10小时" was
            # read into the month already (a day against a day wish, ×26 both).
            if r[0] == "hour" and not parse.states_hours_a_day(_text(j.wage)) and (day := _day_length(said)):
                rate_unit[i], rate[i] = parse.RATE_UNITS.index("day") + 1, rate[i] * day
        w = _wage(_text(j.wage))
        if w is None:
            problems[i].append(f"月薪“{_text(j.wage)[:20]}”无法识别")
        elif w.known:
            wage_lo[i] = w.low if w.low is not None else w.high
            # a known wage has at least one bound: low is set whenever high is not
            wage_hi[i] = w.high if w.high is not None else (w.low or 0.0) * (1.3 if w.piece_rate else 1.0)
        p = resolve(_text(j.place)) if _text(j.place) else None
        if p:
            # less specific levels get their own sentinel, never equal to a seeker's
            place[i] = [v if v != -1 else -3 for v in _code_levels(p)]
            place_known[i] = True
            # a posting at either of two places: the second one listed besides the one `resolve` chose (a
            # seeker of either may take it; the kernel scores the nearer); further ones are not kept
            others = [c for c in resolve_each(_text(j.place)) if c != p]
            if others:
                place2[i] = [v if v != -1 else -3 for v in _code_levels(others[0])]
            elif len(p) >= 6 and parse.works_at_home(_text(j.title) + " " + _text(j.description)[:2000]):
                # home outwork at one place: every home inside it is the workplace. Only at a county or finer: at a
                # province or prefecture ("广西，可带回家做") the materials are not carried to every home of it
                at_home[i] = (2, 4, 6, 9, 12).index(len(p)) + 1
        elif _text(j.place):
            problems[i].append(f"工作地点“{_text(j.place)[:20]}”未能识别")
        # an experience asked of one of two jobs in the row ("机长需2年以上…" beside 普工) binds the row to nothing
        if not parse.experience_of_one_job(_text(j.title), _text(j.experience)):
            years[i] = _experience(_text(j.experience))
        # its place, and its benefits where a county writes who may apply (session 24)
        limit = _local(_text(j.title) + " " + _text(j.description)[:2000] + " " + _text(j.benefits)[:500], _text(j.place))
        # a limit the posting's place is too vague to check (限本镇… at a place known only as the county) is not applied
        if limit < parse.NO_LOCAL_LIMIT and p and len(p) >= parse.LOCAL_PRECISION[limit]:
            local[i] = limit
    return JobTable(ids=[str(j.id) for j in jobs], occ=occ, occ2=occ2, age_min=age_min, age_max=age_max, edu=edu,
                    cert_req=cert_req, cert_pref=cert_pref, demands=demands, wage_lo=wage_lo, wage_hi=wage_hi,
                    place=place, place_known=place_known, place2=place2, local=local, years=years, texts=[job_text(j) for j in jobs],
                    problems=problems, at_home=at_home, crew_min=crew_min, crew_max=crew_max,
                    rate_unit=rate_unit, rate=rate, start=start, renew=renew, students=students,
                    retire_on=retire_on, end=end, relax_caps=relax_caps, height_min=height_min,
                    stay_to=stay)
