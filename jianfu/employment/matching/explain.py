"""为何推荐: the requirements a pair meets and those it does not, in short Chinese phrases."""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Hashable, Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, TypeVar, cast

from jianfu.employment.matching import civil, hours, minors, sight
from jianfu.employment.matching.features import (
    NO_PLACE,
    OCC_INDEX,
    UNKNOWN_EDU,
    W_CERT,
    W_DESIRED,
    W_EXPERIENCE,
    W_SEMANTIC,
    job_group_text,
    job_major_text,
    job_occupations,
    plant_trade,
    seeker_group_text,
    seeker_major_text,
)
from jianfu.employment.matching.occupations import OCCUPATIONS, OPEN_CODE, PUBLIC_WELFARE_CODE, RELATED
from jianfu.employment.matching.parse import (
    DEMAND_BITS,
    DEMAND_LABELS,
    EDUCATION_LEVELS,
    HOUSED_FIT,
    NIGHT_ONLY,
    NOT_CERTIFICATES,
    RATE_UNIT_NAMES,
    RATE_UNITS,
    SPECIAL,
    SPECIAL_KINDS,
    WEEKENDS_OFF,
    certificate_names,
    conditions_text,
    day_shift_offered,
    gender_phrase,
    infer_job_demands,
    infer_seeker_limits,
    men_only_lawful,
    normalise_text,
    parse_wage,
    posting_groups,
    required_major,
    seeker_goes_only_with_spouse,
    seeker_groups,
    seeker_major,
    sex_of,
    wage_as_written,
    wage_rate,
    words_found,
)
from jianfu.employment.matching.places import LEVEL_NAMES, Gazetteer, said_as

if TYPE_CHECKING:
    import numpy as np

    from jianfu.employment.matching.features import JobTable, SeekerTable
    from jianfu.employment.matching.outcomes import OutcomeModel
    from jianfu.employment.matching.types import Job, Seeker


# A limit of the seeker's that the posting does not touch, said as what the work spares them (N15: "不涉及其不能做的
# 需离家住宿" read badly), with the seeker's own words it answers when they can be found.
SPARED = {
    "STANDING": "无需长时间站立", "NIGHT": "不上夜班、不倒班", "HEAVY": "无需重体力搬运", "HEIGHT": "无需高处作业",
    "DRIVING": "无需驾驶车辆", "SEA": "无需出海或上船作业", "LONG_HOURS": "工时不长", "AWAY": "无需离家住宿",
    "HEARING": "无需长时间接听电话", "FINE_VISION": "无需精细目视作业", "MANDARIN": "无需讲普通话",
}
_SAID_APART = re.compile(r"[，,；;、。！!？?\s]+")


# Readings of one row's own text, kept between pairs (session 26, perf-reasons26): a batch explains every posting beside
# ten seekers and every seeker beside ten postings, and re-reading the same notes or description by regex for each pair
# made the reasons 20× slower than the scores. Keyed on the cells themselves (typed: 1 and 1.0 are written differently)
# and bounded, so a run over a million rows keeps the recent rows only; a cell that cannot be a key (a list of
# certificates) is read afresh, as before.
_ROWS_KEPT = 4096


_Reading = TypeVar("_Reading", bound=Callable[..., Any])


def _per_row(function: _Reading) -> _Reading:
    cached = functools.lru_cache(maxsize=_ROWS_KEPT, typed=True)(function)

    @functools.wraps(function)
    def read(*cells: Hashable) -> Any:
        try:
            return cached(*cells)
        except TypeError:            # an unhashable cell
            return function(*cells)

    read.cache_clear = cached.cache_clear  # type: ignore[attr-defined]  # as lru_cache's own wrapper offers
    return cast(_Reading, read)


@_per_row
def _said_by(limit: str, notes: object, desired: object, places: object) -> str:
    """The first part of the seeker's notes, wishes or places that says the limit `limit` (`infer_seeker_limits`)."""
    return next((part for text in (notes, desired, places)
                 for part in _SAID_APART.split(str(text or "")) if part and limit in infer_seeker_limits(part)), "")


@_per_row
def _said_night(notes: object, desired: object, places: object) -> str:
    """The first part of the seeker's notes, wishes or places that asks for night work only (`NIGHT_ONLY`)."""
    return next((part for text in (notes, desired, places)
                 for part in _SAID_APART.split(str(text or "")) if part and NIGHT_ONLY.search(part)), "")


@_per_row
def _seeker_wishes(notes: object, desired: object) -> tuple[bool, frozenset[str]]:
    """(whether the seeker asks for night work only, the limits they state) from their notes and wishes."""
    said = normalise_text(f"{notes} {desired}")
    return bool(NIGHT_ONLY.search(said)), infer_seeker_limits(said)


@_per_row
def _day_shift(title: object, description: object) -> bool:
    return day_shift_offered(normalise_text(f"{title} {description}")[:2000])


@_per_row
def _posting_work(title: object, description: object, benefits: object) -> tuple[str, hours.JobHours, frozenset[str], bool]:
    """(the posting's conditions text, the hours it states, its demands, whether it says weekends are off)."""
    work = conditions_text(title, description, benefits)      # benefits too (session 19)
    return work, hours.job_hours(work), infer_job_demands(work), bool(WEEKENDS_OFF.search(work))


# the cells the `features` texts of majors and groups read, as keys: a stand-in row of those cells alone (a cell the
# text came to read beside them would raise, not be missed)
@_per_row
def _required_major(certificates: object, education: object, experience: object,
                    description: object) -> tuple[str, str]:
    return required_major(job_major_text(cast("Job", SimpleNamespace(
        certificates=certificates, education=education, experience=experience, description=description))))


@_per_row
def _seeker_major(experience: object, notes: object, certificates: object, category: object, desired: object,
                  education: object) -> tuple[frozenset[str], str]:
    return seeker_major(seeker_major_text(cast("Seeker", SimpleNamespace(
        experience=experience, notes=notes, certificates=certificates, category=category, desired=desired))),
        normalise_text(education))


@_per_row
def _posting_groups(title: object, description: object, certificates: object, benefits: object) -> frozenset[str]:
    return posting_groups(job_group_text(cast("Job", SimpleNamespace(
        title=title, description=description, certificates=certificates, benefits=benefits))))


@_per_row
def _seeker_groups(category: object, notes: object, certificates: object) -> frozenset[str]:
    return seeker_groups(seeker_group_text(cast("Seeker", SimpleNamespace(
        category=category, notes=notes, certificates=certificates))))


@_per_row
def _certificate_names(words: np.ndarray) -> tuple[str, ...]:
    """The certificates named by one row of certificate words (`SeekerTable.certs`, `JobTable.cert_req` …)."""
    return tuple(certificate_names(*(int(w) for w in words)))


@_per_row
def _words_found(title: object) -> tuple[tuple[int, str, str], ...]:
    return tuple(words_found(normalise_text(title).upper()))


def spared_phrase(demand: str, seeker: Seeker, job: Job | None = None) -> str:
    """"无需离家住宿（符合“离家近”）": what the posting spares the seeker, and the part of their notes, wishes or places
    that asked for it (the first that does; none when it was implied by several words together). Shifts to choose from
    with a day one ("9:00-18:00或13:00-22:00") spare the night only if the day shift is taken: said so (session 16)."""
    said = _said_by(demand, seeker.notes, seeker.desired, seeker.places)
    spared = SPARED.get(demand, "不涉及“" + DEMAND_LABELS.get(demand, demand) + "”")
    if demand == "NIGHT" and job is not None and _day_shift(job.title, job.description):
        spared = "班次可选，可上白班"
    return f"{spared}（符合“{said[:20]}”）" if said else spared


# limits said with the hours (`hours_phrases`), not as a demand the posting spares: a posting that states no hours
# spares nobody a full day or a weekend
_SAID_WITH_HOURS = frozenset({"NO_HOUSING", "MEN_ONLY_LAWFUL", "WEEKEND", "DAYTIME", "FULL_DAY"})


def _said(seeker: Seeker, reads: Callable[[str], bool]) -> str:
    """The first part of the seeker's notes, wishes or places that `reads` (their own words)."""
    return next((part for text in (seeker.notes, seeker.desired, seeker.places)
                 for part in _SAID_APART.split(str(text or "")) if part and reads(part)), "")


def _seeker_window(seeker: Seeker) -> tuple[int, str]:
    """(the slots the seeker cannot work, the words that say so): a clause, or two together ("上午有空，下午要带孙子")."""
    return _window(seeker.notes, seeker.desired, seeker.places)


@_per_row
def _window(notes: object, desired: object, places: object) -> tuple[int, str]:
    said = normalise_text(f"{notes} {desired} {places}")
    busy = hours.seeker_busy(said)
    if not busy:
        return 0, ""
    # every clause that says it, in the seeker's order ("上午有空，下午要带孙子"); the notes when none does alone
    words = "，".join(part for text in (notes, desired, places)
                     for part in _SAID_APART.split(str(text or "")) if part and hours.seeker_busy(part))
    return busy, (words or normalise_text(notes))[:24]


def hours_phrases(seeker: Seeker, job: Job) -> tuple[list[str], list[str]]:
    """(met, unmet) about working hours: the posting's stated hours beside the seeker's own words about theirs
    ("岗位工作时间 8:00–12:00，不与“下午要带孙子”冲突"), or a reminder to ask when the posting states none."""
    _work, stated, demands, weekends_off = _posting_work(job.title, job.description, job.benefits)
    busy, words = _seeker_window(seeker)
    met: list[str] = []
    unmet: list[str] = []
    if busy and stated.slots and not stated.alternatives:
        met.append(f"岗位工作时间 {stated.label()}，不与“{words}”冲突")
    elif busy and stated.alternatives:
        # shifts to choose from: say which of them suit, not that all do (nor, with no hour common to all, that none is
        # stated)
        fits = stated.shifts_clear_of(busy)
        if fits:
            met.append(f"岗位班次可选（{stated.label()}），其中 {'、'.join(fits)} 不与“{words}”冲突")
        else:
            unmet.append(f"岗位班次可选（{stated.label()}），均与“{words}”冲突，请核实")
    elif busy:
        unmet.append(f"岗位未写明工作时间，请核实能否兼顾“{words}”")
    night_only, limits = _seeker_wishes(seeker.notes, seeker.desired)
    if night_only and "NIGHT" in demands:
        met.append(f"有夜班（符合“{_said_night(seeker.notes, seeker.desired, seeker.places)[:20]}”）")
    if "WEEKEND" in limits and "WEEKEND" not in demands and weekends_off:
        met.append(f"周末休息（符合“{_said_by('WEEKEND', seeker.notes, seeker.desired, seeker.places)[:20]}”）")
    return met, unmet


def hours_conflict(seeker: Seeker, job: Job) -> str:
    """Why the posting's stated hours do not suit the seeker, in plain words ("岗位工作时间 8:00–17:30，与“下午4点要接
    孩子”冲突"); empty when they do or either side states none. The matcher never recommends such a pair: this is for
    the clerk who asks why a posting was left out."""
    work = conditions_text(job.title, job.description, job.benefits)      # benefits too (session 19)
    stated = hours.job_hours(work)
    busy, words = _seeker_window(seeker)
    if stated.slots & busy:
        return f"岗位工作时间 {stated.label()}，与“{words}”冲突"
    said = normalise_text(f"{seeker.notes} {seeker.desired}")
    limits, demands = infer_seeker_limits(said), infer_job_demands(work)
    if "FULL_DAY" in limits and stated.slots and bin(stated.slots).count("1") >= hours.FULL_DAY_SLOTS:
        return f"岗位工作时间 {stated.label()}，为全天班，与“{_said(seeker, _half_day)[:20]}”冲突"
    if "DAYTIME" in limits and "DAYTIME" in demands:
        return f"岗位只有白班，与“{_said(seeker, lambda part: bool(NIGHT_ONLY.search(part)))[:20]}”冲突"
    if "WEEKEND" in limits and "WEEKEND" in demands:
        return f"岗位周末需上班，与“{_said(seeker, lambda part: 'WEEKEND' in infer_seeker_limits(part))[:20]}”冲突"
    return ""


def _half_day(part: str) -> bool:
    return "FULL_DAY" in infer_seeker_limits(part)


def sight_text(seeker: Seeker) -> str:
    """The cells where a registered 视力残疾 and its grade are written (notes, category, certificates)."""
    return _sight_cells(seeker.notes, seeker.category, seeker.certificates)


def _sight_cells(notes: object, category: object, certificates: str | Sequence[str]) -> str:
    certificates = certificates if isinstance(certificates, str) else "、".join(certificates)
    return normalise_text(f"{notes} {category} {certificates}")


@_per_row
def _seeker_sight(notes: object, category: object, certificates: str | Sequence[str]) -> int:
    """`sight.seeker_sight` of the seeker's cells (`sight_text`), kept between pairs."""
    return sight.seeker_sight(_sight_cells(notes, category, certificates))


def sight_codes(job: Job) -> tuple[str, ...]:
    return tuple(job_occupations(job))


def sight_phrase(seeker: Seeker, job: Job) -> tuple[bool, str]:
    """(whether the posting's work needs ordinary eyesight, the phrase that says so or that the work suits low sight:
    "需要良好视力（收银），请核实", "对视力要求不高（保洁）", or "" for neither) — for a seeker with a registered 视力残疾."""
    codes = sight_codes(job)
    if need := job_sight_need(job, codes):
        return True, f"{SIGHT_DOUBT}（{need}），请核实"
    if fits := sight.suitable_work(codes, normalise_text(job.title)):
        return False, f"{SIGHT_FITS}（{fits}）"
    return False, ""


# the first words of the phrases about eyesight (`sight_phrase`), which `Recommendation.sight` finds among the reasons
SIGHT_DOUBT, SIGHT_FITS = "需要良好视力", "对视力要求不高"


def sight_said(met: list[str], unmet: list[str]) -> tuple[str, bool]:
    """(the phrase of a pair's reasons about eyesight, whether it is a doubt): the doubt first, then a fit
    ("对视力要求不高（保洁）", "无需精细目视作业（符合…）"); ("", False) when the reasons say nothing of it."""
    if doubt := next((u for u in unmet if u.startswith(SIGHT_DOUBT)), ""):
        return doubt, True
    return next((m for m in met if m.startswith((SIGHT_FITS, SPARED["FINE_VISION"]))), ""), False


def job_sight_need(job: Job, codes: tuple[str, ...]) -> str:
    """The posting's work that needs ordinary eyesight (`sight.sight_need`), or ""."""
    return sight.sight_need(normalise_text(job.title), normalise_text(job.description)[:2000], codes)


GROUP_NAMES = {"脱贫": "脱贫劳动力", "困难": "就业困难人员", "残疾": "残疾人", "退役": "退役军人"}


def group_phrase(seeker: Seeker, job: Job) -> tuple[bool, str] | None:
    """(met, phrase) for a posting open only to groups (session 15): the group met, or that the seeker's category is
    not stated (the pair is kept: unknown breaks nothing); None when the posting names no group."""
    wanted = _posting_groups(job.title, job.description, job.certificates, job.benefits)
    if not wanted:
        return None
    asked = "或".join(GROUP_NAMES[g] for g in sorted(wanted, key=list(GROUP_NAMES).index))
    held = _seeker_groups(seeker.category, seeker.notes, seeker.certificates) & wanted
    if held:
        return True, f"属于{'、'.join(GROUP_NAMES[g] for g in sorted(held, key=list(GROUP_NAMES).index))}，符合岗位限定（{asked}）"
    if normalise_text(seeker.category).strip():
        return False, f"岗位限{asked}，人员类别（{normalise_text(seeker.category).strip()}）不符"
    return False, f"岗位限{asked}，未写明人员类别，请核实"


def major_phrase(seeker: Seeker, job: Job) -> tuple[bool, str] | None:
    """(met, phrase) for a posting that requires a major (session 14): which major was asked and which met it, or that
    the seeker's major is not stated (the pair is kept: unknown breaks nothing); None when no major is required."""
    family, asked = _required_major(job.certificates, job.education, job.experience, job.description)
    if not family:
        return None
    families, studied = _seeker_major(seeker.experience, seeker.notes, seeker.certificates, seeker.category,
                                      seeker.desired, seeker.education)
    if families and family in families:
        return True, f"所学专业（{studied}）符合岗位要求（{asked}）"
    if families:
        return False, f"所学专业（{studied}）与岗位要求（{asked}）不符"
    return False, f"岗位要求{asked}，未写明所学专业，请核实"


def _code(levels: np.ndarray) -> str:
    for value in reversed(levels.tolist()):
        if value >= 0:
            return str(value)
    return ""


def _shown(names: Sequence[str]) -> list[str]:
    """Certificate names as said: a 专项职业能力证书 of a kind ("专项（电商直播）") as "专项职业能力证书（电商直播）", and the
    bare name left out beside its kinds (session 20)."""
    kinds = [n.replace("专项", SPECIAL, 1) for n in names if n in SPECIAL_KINDS]
    # A limit or flag the words carry is no certificate one holds (session 21 named the licence's three years of driving
    # and a fee charged, then each session its own — 冷库, age by sex, 每户限1人, records, 未成年工, evening hours, a pension
    # — and emp-mend27's NIGHTS_AWAY and CERT_SITTABLE were said as "持有可夜间在外（通宵、值夜）"): session 30 (emp-bits30)
    # leaves out every entry never matched in text (`NOT_CERTIFICATES`), so a flag added later is never named
    names = [n for n in names if n not in NOT_CERTIFICATES]

    return [n for n in names if n not in SPECIAL_KINDS and not (kinds and n == SPECIAL)] + kinds


def explain(S: SeekerTable, i: int, J: JobTable, j: int, *, seeker: Seeker, job: Job, gazetteer: Gazetteer,
            occ_sim: np.ndarray, outcomes: OutcomeModel | None = None) -> tuple[list[str], list[str]]:
    """(met, unmet) phrases of a pair; `occ_sim` (`matcher.OCC_SIM`, the kernel's table) picks which of a posting's two
    trades is described as fitting."""
    met: list[str] = []
    unmet: list[str] = []
    jo = int(J.occ[j])
    sos = [(int(o), round(float(w), 2)) for o, w in zip(S.occ[i].tolist(), S.occ_w[i].tolist(), strict=True) if o >= 0]
    jo2 = int(J.occ2[j])
    plant = plant_trade(job) if jo2 >= 0 else None
    if plant is not None and OCC_INDEX[plant] == jo2:
        # the second trade is the employer's, not a second job (`features.plant_trade`): said as the plant's when it fits
        # the seeker better than the post's own trade, else the post is described by its own trade alone
        fit = {o: max((float(occ_sim[s, o]) * w for s, w in sos), default=0.0) for o in (jo, jo2)}
        kind, _other = _trade_fit(jo2, sos)
        if fit[jo2] > fit[jo] and kind in ("desired", "experience"):
            whose = f"求职意向“{_wish_word(jo2, seeker)}”" if kind == "desired" else "本人工作经历"
            met.append(f"岗位为{short_name(jo)}，用人单位“{str(job.employer)[:20]}”与{whose}相符")
            jo = -2                  # described
        jo2 = -1
    if jo == -2:
        pass
    elif jo >= 0 and jo2 >= 0:
        met_or_unmet = _two_trades(jo, jo2, sos, seeker, occ_sim, str(job.title))
        (met if met_or_unmet[0] else unmet).append(met_or_unmet[1])
    elif jo >= 0:
        name = OCCUPATIONS[jo].name
        kind, other = _trade_fit(jo, sos)
        if kind == "desired":
            met.append(f"求职意向相符（{name}）")
        elif kind == "experience":
            met.append(f"有相关工作经历（{name}）")
        elif kind == "semantic":
            met.append(f"求职意向与此工种相近（{name}，按词义推断）")
        elif kind == "certificate":
            met.append(f"持有本工种证书（{name}）")
        elif kind == "entry":
            met.append(f"入门岗位，无需专门技能（{name}）")
        # whose is which (newuser15 F12): the posting's trade is named as the posting's, the wish in the seeker's words
        elif kind == "related":
            met.append(f"岗位为{name}，与{_related_source(other, sos, seeker)}相近")
        elif kind == "middle":
            met.append(f"岗位为{name}，与求职意向{_wish_quoted(seeker)}同类")
        elif kind == "middle-experience":
            met.append(f"岗位为{name}，与本人工作经历（{short_name(other)}）同类")
        elif kind == "middle-certificate":
            met.append(f"岗位为{name}，与本人所持证书（{short_name(other)}）同类")
        else:
            unmet.append(f"岗位为{name}，{_wish_unlike(sos, seeker)}")
    else:
        unmet.append("岗位工种未能识别")
    age = int(S.age[i])
    lo, hi = int(J.age_min[j]), int(J.age_max[j])
    if lo > 0 or hi < 200:
        span = f"{lo if lo > 0 else ''}–{hi if hi < 200 else ''}岁".replace("–岁", "岁以上") if hi >= 200 else \
            (f"{lo}–{hi}岁" if lo > 0 else f"{hi}岁以下")
        birth = int(S.birth[i]) if len(S.birth) else 0
        start = int(J.start[j]) if len(J.start) else 0
        on = minors.age_on(age if age >= 0 else None, birth, start)
        groups = int(S.relax_groups[i]) if len(S.relax_groups) else 0
        caps = tuple(int(c) for c in J.relax_caps[j]) if len(J.relax_caps) else ()
        if on is not None and civil.relaxed_for(on, hi, groups, caps):
            # Session 32 (emp-left32): a ceiling relaxed for a group the seeker states
            k = next(k for k, c in enumerate(caps) if groups >> k & 1 and c > 0 and on <= c)
            met.append(f"年龄{on}岁，超过{span}，但属{civil.RELAX_GROUPS[k]}，放宽至{caps[k]}岁")
        elif on is not None and on != age:
            # Session 27 (emp-fix27): the age counted on the posting's stated start (`minors.age_on`)
            met.append(f"{start // 10000}年{start // 100 % 100}月{start % 100}日到岗时{on}岁，符合{span}")
        elif age < 0:
            unmet.append(f"年龄未填，岗位要求{span}")
        else:
            met.append(f"年龄{age}岁符合{span}")
    if len(J.height_min) and len(S.height) and J.height_min[j].any():
        # Session 32 (emp-left32): the least height for the seeker's sex, met by the height they state
        least = [int(v) for v in J.height_min[j]]
        slot = next((k for k in range(3) if int(S.height[i, k]) != civil.NO_HEIGHT), None)
        # a seeker stating none: the figure of their own sex alone (fixcr32c: a man is not told a women's minimum; one of
        # unknown sex, each sex's where both have one), nothing where their sex has none
        sex = sex_of(seeker.gender)
        own = civil.HEIGHT_SLOTS.index(sex) if sex in ("男", "女") else 2
        if slot is None:
            if least[own]:
                unmet.append(f"身高未填，岗位要求{_heights_said(least, own if own < 2 else None)}")
        elif least[slot]:
            met.append(f"身高{int(S.height[i, slot])}cm符合{_heights_said(least, slot)}")
    stay = int(J.stay_to[j]) if len(J.stay_to) else 0
    until = int(S.window_to[i]) if len(S.window_to) else 0
    if stay and until:
        # Session 32 (emp-left32): a stated term met by the seeker's window (a shorter one is refused)
        met.append(f"本人可做到{_ymd_said(until)}，满足岗位服务期（至{_ymd_said(stay)}）")
    if J.edu[j] > 0:
        if S.edu[i] == UNKNOWN_EDU:
            unmet.append(f"学历未填，岗位要求{EDUCATION_LEVELS[int(J.edu[j])]}及以上")
        else:
            met.append(f"学历满足{EDUCATION_LEVELS[int(J.edu[j])]}及以上")
    req = _certificate_names(J.cert_req[j])
    if shown := _shown(req):            # (session 25: levels alone are no certificate to name — no bare "持有")
        stale: list[str] = []
        if len(J.renew) and J.renew[j] and len(S.lapsed) and S.lapsed[i].any():
            # Session 27 (emp-fix27): a lapsed certificate the posting takes for renewal meets it, said as lapsed
            valid = set(_certificate_names(S.certs[i]))
            lapsed = set(_certificate_names(S.lapsed[i]))
            stale = [c for c in shown if c in lapsed and c not in valid]
        if fresh := [c for c in shown if c not in stale]:
            met.append("持有" + "、".join(fresh))
        if stale:
            unmet.append("、".join(stale) + "已过期，岗位接受复审后上岗")
    if major := major_phrase(seeker, job):
        (met if major[0] else unmet).append(major[1])
    if group := group_phrase(seeker, job):
        (met if group[0] else unmet).append(group[1])
    pref = _certificate_names(J.cert_pref[j])
    if pref:
        held = set(_certificate_names(S.certs[i]))
        have = [c for c in pref if c in held]
        if have and _shown(have):
            met.append("持有优先证书" + "、".join(_shown(have)))
        elif not have and _shown(pref):
            unmet.append("无优先证书" + "、".join(_shown(pref)))
    if J.place_known[j]:
        # a posting at two places is described at the one nearer the seeker (the one the kernel scored)
        places = [J.place[j]] + ([J.place2[j]] if J.place2[j, 0] != NO_PLACE else [])
        levels = [5 - int(sum(S.home[i, lvl] == p[lvl] for lvl in range(5))) for p in places]
        level = min(levels)
        nearest = places[levels.index(level)]
        where = gazetteer.name_of(_code(nearest))
        # in the seeker's own words where the place came from a region or "省外" (session 34, fixcr34c)
        named = [said_as(f"{seeker.places} {seeker.notes}", str(int(v))) or gazetteer.name_of(str(int(v)))
                 for li, v in S.explicit[i].tolist() if li != 5 and any(p[li] == v for p in places)]
        at_home = int(J.at_home[j])
        if at_home and all(S.home[i, lvl] == J.place[j, lvl] for lvl in range(at_home)):
            met.append(f"可在家做（{gazetteer.name_of(_code(J.place[j]))}范围内）")
        elif named and level > 1:
            met.append(f"工作地点{where}，是本人想去的地方（{named[0]}）")
        else:
            met.append(f"工作地点{where}（{LEVEL_NAMES[level]}），在可接受范围内")
    elif str(job.place).strip():
        unmet.append(f"工作地点“{str(job.place).strip()[:20]}”未能识别，请核实路程")
    wanted = float(S.wage[i])
    offered_hi, offered_lo = float(J.wage_hi[j]), float(J.wage_lo[j])
    unit = int(S.rate_unit[i]) if len(S.rate_unit) else 0
    if unit and len(J.rate_unit) and int(J.rate_unit[j]) == unit and not math.isnan(float(S.rate[i])) and \
            not math.isnan(float(J.rate[j])):
        # both written per hour, day, ton or jin: said and compared in that unit (`parse.wage_rate`, session 21)
        per = "元/" + RATE_UNIT_NAMES[RATE_UNITS[unit - 1]]
        rate, wished = float(J.rate[j]), float(S.rate[i])
        said = f"工资{rate:g}{per}"
        as_written = wage_rate(job.wage)
        # Session 28 (fix-explain28): a range in the unit compared ("150-200元/天") said whole, not as its top alone
        low = as_written[1] if as_written and as_written[0] == RATE_UNITS[unit - 1] and as_written[1] < rate else None
        if low is not None:
            said = f"工资{low:g}–{rate:g}{per}"
        if as_written and as_written[0] == "hour" and RATE_UNITS[unit - 1] == "day":
            # an hourly rate by the posting's stated day (session 22, emp-dev22)
            hourly = as_written[2] if as_written[2] is not None else as_written[1]
            said = f"工资{hourly:g}元/小时（按每天{rate / hourly:g}小时约合{rate:.0f}元/天）"
        if low is not None and low < wished <= rate:     # only the top reaches the wish: said so, as for a month
            met.append(f"{said}，最高{rate:g}{per}可达到期望{wished:g}{per}")
            unmet.append(f"工资最低{low:g}{per}，低于期望{wished:g}{per}")
        elif rate >= wished:
            met.append(f"{said}，达到期望{wished:g}{per}")
        else:
            unmet.append(f"{said}，低于期望{wished:g}{per}")
    elif unit == RATE_UNITS.index("day") + 1 and len(J.rate_unit) and int(J.rate_unit[j]) == RATE_UNITS.index("hour") + 1 \
            and not math.isnan(float(S.rate[i])) and not math.isnan(float(J.rate[j])) and not math.isnan(offered_hi):
        # Session 22 (emp-dev22): an hourly rate against a daily wish where the posting states no day, said as a day
        # of the month's hours (8, or the wage cell's "每天10小时") — as the score compares it, through the month
        rate, wished, day = float(J.rate[j]), float(S.rate[i]), offered_hi / 26
        said = f"工资{rate:g}元/小时（按每天{day / rate:g}小时约合{day:.0f}元/天）"
        if day >= wished:
            met.append(f"{said}，达到期望{wished:g}元/天")
        else:
            unmet.append(f"{said}，低于期望{wished:g}元/天")
    elif not math.isnan(offered_hi):
        offer = f"{offered_lo:.0f}–{offered_hi:.0f}元" if offered_hi != offered_lo else f"{offered_hi:.0f}元"
        pay = "月薪"
        if written := wage_as_written(job.wage):   # "工资日结150元（约合3900元/月）", not "月薪3900元" (N11)
            pay, offer = "工资", f"{written}（约合{offer}/月）"
        if math.isnan(wanted):
            met.append(f"{pay}{offer}")
        elif offered_lo < wanted <= offered_hi:
            # Session 28 (fix-explain28): only the top of the range reaches the wish ("月薪2800–3500元，达到期望3500元"
            # said the whole range did): the top said as meeting it, the bottom as short of it. The score is unchanged
            # (it reads the top, `matcher`); the top of a piece rate with none written is the matcher's allowance
            about = "约合" if written else ""
            top = "计件/提成后约" if _top_estimated(job.wage) else f"最高{about}"
            met.append(f"{pay}{offer}，{top}{offered_hi:.0f}元{'/月' if written else ''}可达到期望{wanted:.0f}元")
            unmet.append(f"{pay}最低{about}{offered_lo:.0f}元{'/月' if written else ''}，低于期望{wanted:.0f}元")
        elif offered_hi >= wanted:
            met.append(f"{pay}{offer}，达到期望{wanted:.0f}元")
        else:
            unmet.append(f"{pay}{offer}，低于期望{wanted:.0f}元")
    else:
        unmet.append("月薪面议或未注明")
    if J.years[j] > 0:   # whose requirement and whose experience (newuser15 F12: "经验满足3年" said neither)
        asked, had = f"岗位要求{J.years[j]:g}年", _years(float(S.years[i]))
        if S.years[i] >= J.years[j]:
            met.append(f"经验满足（{asked}，本人{had}）")
        elif S.years[i] > 0:
            unmet.append(f"经验不足（{asked}，本人{had}）")
        else:
            unmet.append(f"经验不足（{asked}，本人工作经历未写明年限）" if str(seeker.experience or "").strip()
                         else f"经验不足（{asked}，本人未填工作经历）")
    demands = int(J.demands[j])
    # a registered 视力残疾 gets one word about eyesight (`sight_phrase`), never "无需精细目视作业" beside "需要良好视力"
    # (newuser21 #4: 8 of 10 cards praised and warned about the eyes at once)
    sighted = sight_phrase(seeker, job) if _seeker_sight(seeker.notes, seeker.category, seeker.certificates) != sight.NONE \
        else None
    limits = [d for d, bit in DEMAND_BITS.items()
              if int(S.cannot[i]) & bit and not demands & bit and d not in _SAID_WITH_HOURS
              and not (sighted is not None and d == "FINE_VISION")]
    if int(S.cannot[i]) & DEMAND_BITS["NO_HOUSING"] and not demands & DEMAND_BITS["NO_HOUSING"]:
        met.append("提供住宿")       # a wish met, said plainly (not "不涉及其不能做的不提供住宿")
    elif int(S.certs[i, 0]) & HOUSED_FIT:     # a plain wish to be housed ("要包住", session 16): met, or not said
        if int(J.cert_pref[j, 0]) & HOUSED_FIT:
            met.append("提供住宿")
        else:
            unmet.append("岗位未写明提供住宿，请核实")
    met.extend(spared_phrase(d, seeker, job) for d in limits[:3])
    unmet.extend(_couple_phrases(seeker, job))
    wished = int(S.soft[i]) & demands if len(S.soft) else 0     # a soft wish unmet (session 20): said, never refused
    unmet.extend(f"岗位涉及{DEMAND_LABELS[d]}（本人希望尽量避免）" for d, bit in DEMAND_BITS.items() if wished & bit)
    if sighted is not None:       # a registered 视力残疾 (session 20, `sight`): its one phrase
        doubt, phrase = sighted
        if not doubt and not phrase and int(S.cannot[i]) & DEMAND_BITS["FINE_VISION"]:
            phrase = spared_phrase("FINE_VISION", seeker, job)
        if phrase:
            (unmet if doubt else met).append(phrase)
    hours_met, hours_unmet = hours_phrases(seeker, job)
    met.extend(hours_met)
    unmet.extend(hours_unmet)
    if outcomes is not None and jo >= 0:
        key = (int(S.occ[i, 0]) if S.occ[i, 0] >= 0 else len(OCCUPATIONS), jo)
        pos, neg = outcomes.counts.get(key, (0.0, 0.0))
        if pos > neg:
            met.append("同类求职者在此类岗位上有面试或录用记录")
        elif neg > pos:
            unmet.append("同类求职者曾拒绝或被拒此类岗位")
    return met, unmet


def _couple_phrases(seeker: Seeker, job: Job) -> list[str]:
    """Session 35 (emp-left35): a couple who go only together (`parse.seeker_goes_only_with_spouse`) on a post that takes
    couples (one that takes none is refused): the office must place the partner too — one row cannot see the partner's
    (blind34's convention 3). A post for one sex is not refused (ADR 0027) but said; a post silent on couples is asked."""
    said = f"{seeker.notes or ''} {seeker.desired or ''} {seeker.places or ''}"
    if not seeker_goes_only_with_spouse(said):
        return []
    stated = conditions_text(job.title, job.description, str(job.benefits or ""))
    if phrase := gender_phrase(stated):
        return [f"本人须与配偶同去，岗位写明“{phrase}”，配偶能否在同厂安排请向单位核实"]
    if "夫妻" not in normalise_text(stated):
        return ["本人须与配偶同去，岗位未写明能否安排夫妻同厂，请核实"]
    return []


@_per_row
def _top_estimated(wage: object) -> bool:
    """Whether the top of the posting's wage is the matcher's allowance for a piece rate or commission with no top
    written ("3000元+计件": 3000 × 1.3, `features`), not a figure the employer wrote."""
    try:
        read = parse_wage(wage)
    except ValueError:
        return False
    return read.piece_rate and read.high is None


def _trade_fit(jo: int, sos: list[tuple[int, float]]) -> tuple[str, int]:
    """How a posting's trade `jo` fits the seeker's slots `sos` ((code index, weight)): the kind of fit, and for
    "related" the seeker's trade it is related to. A trade of the same middle class says which slot it is of (session
    27, emp-fix27: a work history's trade was called 求职意向): "middle" a wish's (the trade itself), "middle-experience"
    the work history's and "middle-certificate" a certificate's (with that slot's trade)."""
    same = [w for o, w in sos if o == jo]
    middle = [(o, w) for o, w in sos if OCCUPATIONS[o].middle == OCCUPATIONS[jo].middle]
    related = [o for o, _ in sos if OCCUPATIONS[jo].code in RELATED.get(OCCUPATIONS[o].code, {})]
    if same and same[0] == W_DESIRED:
        return "desired", jo
    if same and same[0] == W_EXPERIENCE:
        return "experience", jo
    if same and same[0] == W_SEMANTIC:
        return "semantic", jo
    if same and same[0] == W_CERT:
        return "certificate", jo
    if same or (related and OCCUPATIONS[related[0]].code == OPEN_CODE):
        return "entry", jo
    if related:
        return "related", related[0]
    if middle:
        if any(w not in (W_EXPERIENCE, W_CERT) for _, w in middle):
            return "middle", jo
        o, w = max(middle, key=lambda slot: slot[1])       # the work history before a certificate
        return ("middle-experience" if w == W_EXPERIENCE else "middle-certificate"), o
    return "none", jo


def short_name(index: int) -> str:
    """An occupation's everyday name: the part in brackets when it has one ("客户服务管理员（客服）" → "客服")."""
    name = OCCUPATIONS[index].name
    return name[name.index("（") + 1:-1] if name.endswith("）") and "（" in name else name


def _wish_word(code_index: int, seeker: Seeker) -> str:
    """The seeker's own word for a trade in their wish ("打包"), else the trade's everyday name."""
    wish = normalise_text(seeker.desired).upper()
    occupation = OCCUPATIONS[code_index]
    found = [w for w in (occupation.name, *occupation.synonyms) if w and w.upper() in wish]
    return max(found, key=len) if found else short_name(code_index)


def _related_source(other: int, sos: list[tuple[int, float]], seeker: Seeker) -> str:
    """Where the seeker's trade `other` that a posting is related to comes from, by its slot's weight
    (`features.seeker_occupations`): a wish in the seeker's own word, else the work history or a certificate. Every
    related trade was called 求职意向: "与求职意向“建材制品工”相近" for a wish of 电工 and a past at a cement works
    (tryout26 #2)."""
    weight = next((w for o, w in sos if o == other), W_DESIRED)
    if weight == W_EXPERIENCE:
        return f"本人工作经历（{short_name(other)}）"
    if weight == W_CERT:
        return f"本人所持证书（{short_name(other)}）"
    return f"求职意向“{_wish_word(other, seeker)}”"


_WISH_SHOWN = 15   # characters of the seeker's own wish quoted in a reason; a longer wish ends in "…"


def _wish_text(seeker: Seeker) -> str:
    return " ".join(str(seeker.desired or "").split())


def _wish_quoted(seeker: Seeker) -> str:
    """The seeker's wish in their own words, quoted: "“想进厂，做流水线”" (the first 15 characters, then "…")."""
    wish = _wish_text(seeker)
    return f"“{wish if len(wish) <= _WISH_SHOWN else wish[:_WISH_SHOWN] + '…'}”"


def _wish_unlike(sos: list[tuple[int, float]], seeker: Seeker, *, every: bool = False) -> str:
    """What no trade of the seeker's fitting the posting's is said as: "与求职意向“…”不同" only when the wish was read as
    an occupation (a slot of it); a wish of place or time ("离家近就行，能照顾孩子") names no trade to differ from."""
    if any(w in (W_DESIRED, W_SEMANTIC) for _o, w in sos):
        wish = _wish_quoted(seeker) if _wish_text(seeker) else \
            f"（{'、'.join(short_name(o) for o, w in sos if w in (W_DESIRED, W_SEMANTIC))}）"   # chosen on the form
        return f"{'均' if every else ''}与求职意向{wish}不同"
    return "求职意向未写明工种" if _wish_text(seeker) else "本人未填求职意向"


def _years(value: float) -> str:
    """A seeker's years of experience as read from their history: "3年", "约1.5年" (spans are estimates), "不足1个月"."""
    if value >= 1 and float(value).is_integer():
        return f"{value:g}年"
    if value >= 1 / 12:
        return f"约{round(value, 1):g}年"
    return "不足1个月"


def _title_position(code_index: int, title: str) -> int:
    """Where a trade's first word stands in the posting's title ("客服打包员": 客服 0, 打包 2), so the two are named in
    the title's order; a trade read from the description comes after."""
    code = OCCUPATIONS[code_index].code
    return next((i for i, _, c in _words_found(title) if c == code), len(title) + 1)


def _two_trades(jo: int, jo2: int, sos: list[tuple[int, float]], seeker: Seeker,
                occ_sim: np.ndarray, title: str) -> tuple[bool, str]:
    """(met?, phrase) for a posting of two trades ("客服打包员"): both named, and the one that fits the seeker best
    (by `occ_sim` × slot weight, the kernel's part — the first trade on a tie) said how it fits."""
    def fit(o: int) -> float:
        return max((float(occ_sim[s, o]) * w for s, w in sos), default=0.0)

    best = jo2 if fit(jo2) > fit(jo) else jo
    kind, other = _trade_fit(best, sos)
    first, second = sorted((jo, jo2), key=lambda o: _title_position(o, title))
    welfare = OCC_INDEX[PUBLIC_WELFARE_CODE]
    if welfare in (jo, jo2):       # a 公益性岗位 is the kind of post, not a second job: "公益性岗位（保洁员）"
        work = jo2 if jo == welfare else jo
        both = f"公益性岗位（{short_name(work)}），"
        name = "公益性岗位" if best == welfare else short_name(best)
    else:
        both = f"岗位包含{short_name(first)}和{short_name(second)}两项工作，"
        name = short_name(best)
    phrases = {
        "desired": f"与求职意向“{_wish_word(best, seeker)}”相符",
        "experience": f"其中{name}与本人工作经历相符",
        "semantic": f"其中{name}与求职意向相近（按词义推断）",
        "certificate": f"其中{name}与本人所持证书相符",
        "entry": f"其中{name}为入门岗位，无需专门技能",
        "related": f"其中{name}与{_related_source(other, sos, seeker)}相近",
        "middle": f"其中{name}与求职意向同类",
        "middle-experience": f"其中{name}与本人工作经历同类",
        "middle-certificate": f"其中{name}与本人所持证书同类",
    }
    if kind == "none":      # "均" only of two trades named (session 30: "公益性岗位（护林员），均与…" named one)
        return False, both + _wish_unlike(sos, seeker, every=welfare not in (jo, jo2))
    return True, both + phrases[kind]


def notices(job: Job) -> list[str]:
    """What the seeker and the clerk must know about the posting itself, whoever the seeker is. A gender requirement
    is possible discrimination (ADR 0027): it is not applied, and the seeker is told it binds nobody and where to turn if refused — except
    where the law closes the work to women (parse.men_only_lawful), a hard constraint the matcher applies."""
    return list(_notices(job.title, job.description))


@_per_row
def _notices(title: object, description: object) -> tuple[str, ...]:
    text = f"{title} {description}"[:2000]
    phrase = gender_phrase(text)
    if not phrase or men_only_lawful(text):
        return ()
    # true whatever the office has decided about the posting, and in a batch run with no office at all
    return (f"该岗位写有性别要求（“{phrase}”），用人单位不得以性别为由拒绝录用；求职者不受此限制，可照常报名，遇到拒绝可向人社部门反映",)


def sentence(met: list[str], unmet: list[str], notes: list[str] | None = None) -> str:
    text = "为何推荐：" + ("；".join(met) if met else "综合条件接近")
    if unmet:
        text += "。不足：" + "；".join(unmet)
    if notes:
        text += "。提示：" + "；".join(notes)
    return text + "。"


def _heights_said(least: list[int], slot: int | None = None) -> str:
    """A posting's least heights as the reasons say them: "男性170cm以上" (the seeker's sex), "男性170cm、女性160cm以上"."""
    if slot in (0, 1) or (least[0] and least[0] == least[1]):
        k = slot if slot in (0, 1) else 0
        return f"{'男性' if k == 0 and least[0] != least[1] else '女性' if k == 1 and least[0] != least[1] else ''}" \
               f"{least[k]}cm以上"
    if slot == 2:
        return f"{least[2]}cm以上"
    return "、".join(f"{sex}性{cm}cm以上" for sex, cm in zip(("男", "女"), least[:2], strict=True) if cm)


def _ymd_said(day: int) -> str:
    return f"{day // 10000}年{day // 100 % 100}月{day % 100}日"
