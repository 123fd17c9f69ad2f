"""The matcher: hard constraints first, then a relevance score, then the reasons, in both directions.

score = Σ weight × part, over pairs that pass every hard constraint (age range, required certificates,
education, acceptable place, stated limits vs the posting's demands):
  occupation  1 same small class, related work 0.4–0.75, 0.2 same middle class, 0.1 same major class (× the slot's weight: what
              they want 1.0, what they did 0.7, what a certificate shows 0.6, "anything" 0.55)
  text        cosine of character n-gram TF-IDF vectors reduced by truncated SVD (dense, so a block of
              pairs is one matrix product)
  wage        offered ÷ expected, capped at 1 (0.6 when either is unknown or 面议)
  distance    1 same town or a place the seeker named … 0.25 another province
  preferred   the seeker holds a certificate the posting prefers
  experience  the seeker has the years asked for
  outcome     what happened before between seekers of this occupation and postings of that one
Every part is computed for a block of seekers × postings at once (numpy), which is how the batch runs."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np

from jianfu.employment.matching import blocking, crews, explain, forked, kernel, sight
from jianfu.employment.matching.features import (
    ADULT_COLUMN,
    ADULT_WORD,
    NO_PLACE,
    OCC_INDEX,
    OCC_MAJOR,
    OCC_MIDDLE,
    SLOTS,
    W_DESIRED,
    W_SEMANTIC,
    JobTable,
    SeekerTable,
    build_jobs,
    build_seekers,
    job_text,
    seeker_text,
)
from jianfu.employment.matching.minors import ADULT_AGE
from jianfu.employment.matching.occupations import OCCUPATIONS, RELATED
from jianfu.employment.matching.outcomes import OutcomeModel
from jianfu.employment.matching.places import Gazetteer
from jianfu.employment.matching.text import TextEncoder
from jianfu.employment.matching.types import Job, Outcome, Recommendation, Seeker

# Fitted, not hand-set (session 5, scripts/matching_ltr.py): a pairwise logistic regression on the graded pairs
# of the six development splits (both directions, one score), L2 with C=30 chosen by leave-one-split-out;
# the six coefficients scaled to sum to 0.95 as before. The hand-set weights (occ 0.55, text 0.12, wage 0.10,
# dist 0.10, pref 0.04, exp 0.04) let the occupation lists decide the order alone, and new writers' intents
# the lists do not read fell below the plain character similarity (docs/matching.md, session 5).
DEFAULT_WEIGHTS = {"occ": 0.169, "text": 0.470, "wage": 0.067, "dist": 0.172, "pref": 0.012, "exp": 0.059,
                   "outcome": 0.05}
DIST_SCORE = np.array([1.0, 1.0, 0.8, 0.55, 0.35, 0.25], np.float32)
UNKNOWN_PART = 0.6
# another small class of the same middle class (4-02 holds drivers, warehouse, couriers, loaders and
# driving instructors alike): 0.5 until session 4; 0.2 was chosen in every fold of a leave-one-split-out
# search over 0.5/0.4/0.3/0.2 on dev, dev2, dev3 and blind2 (docs/matching.md)
MIDDLE_SIMILARITY = 0.2
SOFT_WISH_SHARE = kernel.SOFT_WISH_SHARE      # a soft wish unmet (`parse.soft_wishes`, session 20): see the kernel
PREFILTER_ABOVE = 20_000              # one query's candidates above which the hard constraints run first
ONLINE_BLOCKED_ABOVE = 50_000        # postings above which one query scores its blocks, not every posting
BATCH_ABOVE_PAIRS = 200_000_000      # seekers × postings above which recommend_all runs the blocked batch
N_OCC = len(OCCUPATIONS)


def occupation_similarity(a: int, b: int) -> float:
    if a < 0 or b < 0:
        return 0.0
    if a == b:
        return 1.0
    related = RELATED.get(OCCUPATIONS[a].code, {}).get(OCCUPATIONS[b].code)
    if related:
        return related
    if OCC_MIDDLE[a] == OCC_MIDDLE[b]:
        return MIDDLE_SIMILARITY
    if OCC_MAJOR[a] == OCC_MAJOR[b]:
        return 0.1
    return 0.0


def candidate_middles(occ_row: np.ndarray) -> set[int]:
    """The middle classes whose postings can score on occupation for these slots (related work included)."""
    mids = set()
    for o in occ_row:
        if o >= 0:
            mids.add(int(OCC_MIDDLE[o]))
            mids.update(int(OCC_MIDDLE[OCC_INDEX[c]]) for c in RELATED.get(OCCUPATIONS[o].code, {}))
    return mids


# [N_OCC + 1, N_OCC + 1] with the last row/column for "unknown"
OCC_SIM = np.array([[occupation_similarity(a, b) for b in [*range(N_OCC), -1]] for a in [*range(N_OCC), -1]],
                   np.float32)


@dataclass
class Block:
    scores: np.ndarray       # [R, C] float32, -inf where a hard constraint fails
    feasible: np.ndarray | None     # [R, C] bool (numpy path only)


def _column_or_row(values: np.ndarray) -> tuple[bool, object]:
    """(True, the value) when every posting of the block has the same value: a row-vector compare then
    replaces a full matrix compare."""
    if len(values) and (values == values[0]).all():
        return True, values[0]
    return False, None


def feasible_block(S: SeekerTable, si: np.ndarray, J: JobTable, ji: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Hard constraints for seekers `si` × postings `ji`, and the distance level (0..5) of each pair."""
    R, C = len(si), len(ji)
    ok = np.ones((R, C), bool)
    amin, amax = J.age_min[ji], J.age_max[ji]
    age_lo, age_hi = S.age_lo[si, None], S.age_hi[si, None]
    held_adult = S.certs[si, ADULT_COLUMN][:, None]     # the certificate word of the adult levels (`ADULT_COLUMN`)
    if len(S.birth) and len(J.start) and (S.birth[si] > 0).any() and (J.start[ji] > 0).any():
        # Session 27 (emp-fix27): the age on the posting's start where both dates are stated (`minors.age_on`), and
        # the adult levels held by it — the kernel's test, pair for pair
        birth, start = S.birth[si, None].astype(np.int64), J.start[None, ji].astype(np.int64)
        both = (birth > 0) & (start > 0)
        on = np.maximum((start - birth) // 10000, age_hi)
        age_lo, age_hi = np.where(both, on, age_lo), np.where(both, on, age_hi)
        held_adult = np.where(both, np.where(on >= ADULT_AGE, held_adult | ADULT_WORD, held_adult & ~ADULT_WORD),
                              held_adult)
    if (amin > 0).any():
        ok &= age_lo >= amin[None, :]
    if (amax < 200).any():
        within = age_hi <= amax[None, :]
        if len(J.relax_caps) and len(S.relax_groups) and (J.relax_caps[ji] > 0).any() and (S.relax_groups[si] > 0).any():
            # Session 32 (emp-left32): a ceiling relaxed for a group the seeker states (`kernel._over_age`)
            for k in range(J.relax_caps.shape[1]):
                cap = J.relax_caps[ji, k][None, :]
                held = ((S.relax_groups[si].astype(np.int64) >> k) & 1)[:, None] != 0
                within |= held & (cap > 0) & (age_hi <= cap)
        ok &= within
    edu = J.edu[ji]
    if (edu > 0).any():
        level = S.edu[si, None]
        if len(S.edu_now) and (S.edu_now[si] < S.edu[si]).any():
            # Session 27 (emp-fix27): a seeker still 在读 meets a posting's floor with the stage finished, unless the
            # posting takes students or starts on or after the graduation (`minors.education_on`)
            grad = S.graduation[si, None].astype(np.int64)
            start = J.start[None, ji].astype(np.int64) if len(J.start) else np.zeros((1, C), np.int64)
            takes = (J.students[None, ji] != 0) if len(J.students) else np.zeros((1, C), bool)
            level = np.where(takes | ((grad > 0) & (start >= grad)), level, S.edu_now[si, None])
        ok &= level >= edu[None, :]
    # certificates in `parse.CERT_WORDS` words (`parse.CERT_BITS`), each checked as the others: a bit asked and not
    # held refuses
    renew = J.renew[ji] if len(J.renew) and len(S.lapsed) else np.zeros(C, np.int8)
    for w in range(J.cert_req.shape[1]):
        req = J.cert_req[ji, w]
        if req.any():
            cols = np.flatnonzero(req)
            held = held_adult if w == ADULT_COLUMN else S.certs[si, w][:, None]
            held = held if held.shape[1] == 1 else held[:, cols]
            # Session 27 (emp-fix27): a posting taking a lapsed certificate for renewal is met by one (`parse.renewal_taken`)
            held = np.where(renew[None, cols] != 0, held | S.lapsed[si, w][:, None], held) if renew.any() else held
            ok[:, cols] &= (req[None, cols] & ~held) == 0
    if len(S.retire) and len(J.retire_on) and (S.retire[si] > 0).any() and (J.retire_on[ji] > 0).any():
        # emp-mend27: the statutory retirement date reached by the day a posting stating the condition or a labour
        # contract starts (`kernel._retired_by`)
        retire, on = S.retire[si, None].astype(np.int64), J.retire_on[None, ji].astype(np.int64)
        ok &= ~((retire > 0) & (on > 0) & (on >= retire))
    if len(S.window_from) and len(J.start) and (S.window_from[si] > 0).any():
        # Session 31 (emp-window31): a posting's stated period outside a seeker's dated window (`kernel._outside_window`)
        lo, hi = S.window_from[si, None].astype(np.int64), S.window_to[si, None].astype(np.int64)
        start = J.start[None, ji].astype(np.int64)
        end = J.end[None, ji].astype(np.int64) if len(J.end) else np.zeros((1, C), np.int64)
        ok &= ~((lo > 0) & ((start > hi) | ((end > 0) & (end < lo))))
        if len(J.stay_to) and (J.stay_to[ji] > 0).any():
            # Session 32 (emp-left32): a window ending before a stated term's last day (`kernel._short_stay`)
            stay = J.stay_to[None, ji].astype(np.int64)
            ok &= ~((hi > 0) & (stay > 0) & (hi < stay))
    if len(J.height_min) and len(S.height) and (J.height_min[ji] > 0).any():
        # Session 32 (emp-left32): a stated height below a posting's least height for the seeker's sex (`kernel._too_short`)
        least, height = J.height_min[ji][None, :, :], S.height[si][:, None, :]
        ok &= ~((least > 0) & (height < least)).any(axis=2)
    dem = J.demands[ji]
    if dem.any():
        ok &= (dem[None, :] & S.cannot[si, None]) == 0
    if len(J.crew_min) and len(S.crew):
        # a crew against the group range and headcount a posting takes (`crews`, session 21), as an age against an age range
        cmin, cmax = J.crew_min[ji], J.crew_max[ji]
        crew = S.crew[si, None]
        if (crew < 0).any():     # Session 22 (emp-read22): a led crew is its size on a group post, one man elsewhere
            crew = np.where(crew < 0, np.where(cmin[None, :] > 1, -crew, 1), crew)
        if (cmin > 1).any():
            ok &= crew >= cmin[None, :]
        if (cmax < crews.NO_MAX).any():
            ok &= crew <= cmax[None, :]
    home, place = S.home[si], J.place[ji]
    same = np.zeros((R, C), np.int8)
    for lvl in range(5):
        constant, value = _column_or_row(place[:, lvl])
        if constant:
            same += (home[:, lvl] == value)[:, None]
        else:
            same += home[:, lvl, None] == place[None, :, lvl]
    place2 = J.place2[ji]
    two = np.flatnonzero(place2[:, 0] != NO_PLACE)
    if len(two):
        # a posting at either of two places: the nearer one counts
        same2 = (home[:, None, :] == place2[None, two, :]).sum(axis=2, dtype=np.int8)
        same[:, two] = np.maximum(same[:, two], same2)
    at_home = J.at_home[ji]
    home_work = np.flatnonzero(at_home > 0)
    if len(home_work):
        # home outwork ("可在家做"): a seeker living inside its place works at home
        inside = same[:, home_work] >= at_home[home_work][None, :]
        same[:, home_work] = np.where(inside, np.int8(5), same[:, home_work])
    level = 5 - same
    local = J.local[ji]
    limited = np.flatnonzero(local < 5)
    if len(limited):
        # open only to the people of its village / town / county ("限本乡…"), when the seeker's home is known there
        known_home = np.take_along_axis(home, (4 - local[limited]).astype(np.int64)[None, :].repeat(R, 0), axis=1) >= 0
        ok[:, limited] &= ~((level[:, limited] > local[limited][None, :]) & known_home)
    place_ok = level <= S.max_level[si, None]
    unknown = np.flatnonzero(~J.place_known[ji])
    if len(unknown):
        place_ok[:, unknown] = True
    by_index: tuple[np.ndarray, np.ndarray] | None = None
    for k in range(S.explicit.shape[1]):
        rows = np.flatnonzero(S.explicit[si, k, 0] != 5)
        if not len(rows):
            continue
        if by_index is None:      # code levels of the first and second place by level index; row 5 = "none"
            by_index = (np.vstack([place.T, np.full((1, C), -9, np.int64)]),
                        np.vstack([place2.T, np.full((1, C), -9, np.int64)]))
        lvl_k = S.explicit[si[rows], k, 0]
        value = S.explicit[si[rows], k, 1][:, None]
        named = (by_index[0][lvl_k] == value) | (by_index[1][lvl_k] == value)
        place_ok[rows] |= named
        # a place the seeker named is scored as near as their own town
        sub = level[rows]
        sub[named & (sub > 1)] = 1
        level[rows] = sub
    ok &= place_ok
    return ok, level


def score_block(S: SeekerTable, si: np.ndarray, svec: np.ndarray, J: JobTable, ji: np.ndarray, jvec: np.ndarray,
                weights: dict[str, float], outcomes: OutcomeModel | None) -> Block:
    """Scores of seekers `si` × postings `ji` (float32), -inf where a hard constraint fails: the fused
    kernel when numba is there, else the numpy formulation below."""
    if kernel.AVAILABLE and USE_KERNEL:
        scores = kernel.block_scores(S, si, svec, J, ji, jvec, weights, OCC_SIM, DIST_SCORE, UNKNOWN_PART, outcomes)
        if outcomes is not None and outcomes.excluded:
            ok = np.isfinite(scores)
            outcomes.exclude_block(S, si, J, ji, ok)
            scores[~ok] = -np.inf
        return Block(scores, None)
    return score_block_numpy(S, si, svec, J, ji, jvec, weights, outcomes)


USE_KERNEL = True


def score_block_numpy(S: SeekerTable, si: np.ndarray, svec: np.ndarray, J: JobTable, ji: np.ndarray, jvec: np.ndarray,
                      weights: dict[str, float], outcomes: OutcomeModel | None) -> Block:
    """The reference formulation: whole-matrix numpy operations."""
    ok, level = feasible_block(S, si, J, ji)
    score = _occupation_fit(S, si, J.occ[ji], unknown=N_OCC)
    second = np.flatnonzero(J.occ2[ji] >= 0)
    if len(second):
        # a posting of two trades ("客服打包员"): the better of the two fits
        score[:, second] = np.maximum(score[:, second], _occupation_fit(S, si, J.occ2[ji][second], unknown=N_OCC))
    score *= np.float32(weights["occ"])
    if weights["text"] and svec.shape[1]:
        text = kernel.text_block(svec, jvec)         # shape-independent rounding (kernel.text_block)
        np.maximum(text, 0, out=text)
        text *= np.float32(weights["text"])
        score += text
    # wage: offered ÷ expected, capped at 1, squared; unknown on either side → UNKNOWN_PART
    offered = J.wage_hi[ji]
    with np.errstate(invalid="ignore", divide="ignore"):
        inv_wanted = np.float32(1.0) / S.wage[si]
    fit = inv_wanted[:, None] * offered[None, :]
    same: np.ndarray | None = None
    if len(S.rate_unit) and len(J.rate_unit):
        # both written per hour, day, ton or jin: compared in that unit (`parse.wage_rate`, session 21)
        s_unit, j_unit = S.rate_unit[si], J.rate_unit[ji]
        same = (s_unit[:, None] == j_unit[None, :]) & (s_unit[:, None] != 0) & \
            ~np.isnan(S.rate[si])[:, None] & ~np.isnan(J.rate[ji])[None, :]
        if same.any():
            with np.errstate(invalid="ignore", divide="ignore"):
                in_unit = (np.float32(1.0) / S.rate[si]).astype(np.float32)[:, None] * J.rate[ji][None, :]
            fit = np.where(same, in_unit, fit).astype(np.float32)
        else:
            same = None
    np.minimum(fit, 1.0, out=fit)
    fit *= fit
    unknown_rows = np.flatnonzero(np.isnan(inv_wanted))
    unknown_cols = np.flatnonzero(np.isnan(offered))
    if same is None:
        fit[unknown_rows] = UNKNOWN_PART
        if len(unknown_cols):
            fit[:, unknown_cols] = UNKNOWN_PART
    else:
        unknown = np.isnan(inv_wanted)[:, None] | np.isnan(offered)[None, :]
        fit[unknown & ~same] = UNKNOWN_PART
    fit *= np.float32(weights["wage"])
    score += fit
    dist = DIST_SCORE[level]
    unknown_place = np.flatnonzero(~J.place_known[ji])
    if len(unknown_place):
        dist[:, unknown_place] = 0.5
    dist *= np.float32(weights["dist"])
    score += dist
    pref = J.cert_pref[ji]
    if weights["pref"] and pref.any():
        # one weight for holding any preferred certificate, in any word (as the kernel)
        cols = np.flatnonzero(pref.any(axis=1))
        held = np.zeros((len(si), len(cols)), bool)
        for w in range(pref.shape[1]):
            held |= (pref[None, cols, w] & S.certs[si, w][:, None]) != 0
        score[:, cols] += np.float32(weights["pref"]) * held
    years = J.years[ji]
    score += np.float32(weights["exp"])
    if (years > 0).any():
        cols = np.flatnonzero(years > 0)
        short = S.years[si, None] < years[None, cols]
        score[:, cols] -= np.float32(weights["exp"] * 0.6) * short
    if len(S.soft) and S.soft[si].any():
        wished = (J.demands[ji][None, :] & S.soft[si, None]) != 0
        score -= np.float32(weights["exp"] * SOFT_WISH_SHARE) * wished
    if outcomes is not None and weights["outcome"]:
        score += np.float32(weights["outcome"]) * outcomes.affinity_block(S, si, J, ji)
        outcomes.exclude_block(S, si, J, ji, ok)
    score[~ok] = -np.inf
    return Block(score, ok)


def _occupation_fit(S: SeekerTable, si: np.ndarray, jocc: np.ndarray, *, unknown: int) -> np.ndarray:
    """[len(si), len(jocc)] float32: the best slot's similarity × weight against each posting code (-1 → `unknown`)."""
    uniq, inv = np.unique(jocc, return_inverse=True)
    socc = S.occ[si]
    table = np.zeros((len(si), len(uniq)), np.float32)
    ucols = np.where(uniq >= 0, uniq, unknown)
    for k in range(SLOTS):
        col = np.where(socc[:, k] >= 0, socc[:, k], unknown)
        np.maximum(table, OCC_SIM[col][:, ucols] * S.occ_w[si, k, None], out=table)
    fit: np.ndarray = table[:, inv.ravel()]
    return fit


def outside_bound(weights: dict[str, float], outcomes: OutcomeModel | None = None) -> float:
    """The highest score a pair left out by blocking can reach: occupations at most in the same major
    class (0.1), every other part at its maximum."""
    best_outcome = float(outcomes.affinity.max()) if outcomes is not None else 0.0
    return (weights["occ"] * 0.1 + weights["text"] + weights["wage"] + weights["dist"] + weights["pref"]
            + weights["exp"] + weights["outcome"] * max(best_outcome, 0.0))


SIGHT_LAST = 1000.0     # subtracted from the score of work needing eyesight for a severe 视力残疾 (`Matcher._sight_order`)


def _wished_codes(S: SeekerTable, row: int) -> set[str]:
    """The trades a seeker asks for in their own words (a `sight` mark never moves these)."""
    return {OCCUPATIONS[o].code for o, w in zip(S.occ[row].tolist(), S.occ_w[row].tolist(), strict=True)
            if o >= 0 and w in (W_DESIRED, W_SEMANTIC)}


def _suitable_first(picks: list[int], doubtful: Callable[[int], bool]) -> list[int]:
    """`picks` with those `doubtful` moved after the others, each part in its order."""
    marked = [doubtful(p) for p in picks]
    return [p for p, m in zip(picks, marked, strict=True) if not m] + [p for p, m in zip(picks, marked, strict=True) if m]


def _top_indices(values: np.ndarray, top: int, id_of: Callable[[int], str]) -> list[int]:
    """Indices of the `top` highest finite values, ties broken by id (deterministic). `id_of(position)` is
    asked only for the finalists (building every candidate's id was the tail of a query over 1M postings)."""
    finite = np.flatnonzero(np.isfinite(values))
    if len(finite) > top * 4:
        finalists = values[finite]
        cut = np.argpartition(-finalists, top * 4)[: top * 4]
        # every value tied with the last finalist stays: the ids, not the array's order, decide among them
        finite = finite[finalists >= finalists[cut].min()]
    order = sorted(finite.tolist(), key=lambda i: (-float(values[i]), id_of(i)))
    return order[:top]


def fit_text(jobs: Iterable[Job], seekers: Iterable[Seeker]) -> TextEncoder:
    """The text model of a matcher over `jobs` and `seekers`: the one `Matcher(jobs=…, seekers=…)` fits when given
    none (the evaluation's way), for a caller that holds the two sides in different matchers (the website: one model
    per county over every open posting and every seeker, shared by every matcher, `matchsvc.text_model`)."""
    return TextEncoder.fit([job_text(j) for j in jobs] + [seeker_text(s) for s in seekers])


class Matcher:
    """Matcher(jobs=[Job…], seekers=[Seeker…], gazetteer=Gazetteer, outcomes=[Outcome…], year=2026).

    `year`: the reference year a seeker's 工作经历 "2018年至今" is measured to (the caller's today; None reads
    such a span as some experience, 0.5 year). `today`: the caller's date, from which a posting's start or a birthday
    written without its year ("1月20日至2月25日", "明年3月满18岁") is read (session 27); None reads only dated ones.

    `jobs_for(seeker)` and `seekers_for(job)` accept an item of the matcher's own lists, or a new one
    (scored against the lists without being added).

    `text_encoder`: the text model (`fit_text`); by default fitted on both lists (postings and seekers together).
    A matcher that holds one side only must be given the model of both (`text_encoder=`, or `with_text`): fitted on
    one side, a text of the other keeps mostly the characters the two share (session 18, ADR 0037)."""

    def __init__(self, *, jobs: Iterable[Job] = (), seekers: Iterable[Seeker] = (), gazetteer: Gazetteer | None = None,
                 outcomes: Iterable[Outcome] = (), weights: dict[str, float] | None = None,
                 text_encoder: TextEncoder | None = None, year: int | None = None, today: date | None = None,
                 build_processes: int = 1) -> None:
        """`build_processes` > 1: the row tables are built by that many forked workers (`forked`) — for a batch
        run in a process of its own only, never inside a threaded server or queue worker."""
        self.gazetteer = gazetteer or Gazetteer.builtin()
        self.weights = {**DEFAULT_WEIGHTS, **(weights or {})}
        self.jobs = list(jobs)
        self.seekers = list(seekers)
        self._job_pos = {str(j.id): i for i, j in enumerate(self.jobs)}
        self._seeker_pos = {str(s.id): i for i, s in enumerate(self.seekers)}
        self.today = today          # the day a date written without its year is read from (the core reads no clock)
        self.J = forked.build_table(build_jobs, self.jobs, build_processes, gazetteer=self.gazetteer, today=today)
        self.year = year            # the reference year of a seeker's "2018年至今" (the core reads no clock)
        self.S = forked.build_table(build_seekers, self.seekers, build_processes, gazetteer=self.gazetteer, year=year,
                                    today=today)
        self.text = text_encoder or TextEncoder.fit(self.J.texts + self.S.texts)
        self.jvec = self.text.encode(self.J.texts)
        self.svec = self.text.encode(self.S.texts)
        self.outcomes = OutcomeModel.learn(list(outcomes), self) if outcomes else None
        # blocks of postings (occupation small class, county), for one query over many postings
        self.job_occ, self.job_county = blocking.job_blocks(self.J)
        self.job_county2 = blocking.second_blocks(self.J, self.job_county)
        self.job_occ2 = self.J.occ2.astype(np.int64)       # a posting's second trade, -1 none
        keys = blocking.block_keys(self.job_occ, self.job_county, self.job_county2, self.job_occ2)
        order = np.argsort(keys, kind="stable")
        uniq, starts = np.unique(keys[order], return_index=True)
        self._blocks = np.split(order, starts[1:]) if len(order) else []
        self._block_occ, self._block_county, self._block_county2, self._block_occ2 = (
            a.astype(np.int64) for a in blocking.split_keys(uniq))
        self._regions: blocking.RegionIndex | None = None      # built on the first exhaustive fallback
        self._sight: np.ndarray | None = None                    # the seekers' `sight` levels (`_sight_levels`)

    def with_text(self, encoder: TextEncoder) -> Matcher:
        """This matcher with another text model: a shallow copy whose text vectors are encoded again (the
        lists, tables and blocks are shared, not copied; this matcher is left as it was)."""
        if encoder.key and encoder.key == self.text.key:
            return self
        other = copy.copy(self)
        other.text = encoder
        other.jvec = encoder.encode(self.J.texts)
        other.svec = encoder.encode(self.S.texts)
        return other

    # -------------------------------------------------------------------------------------- one query

    def _seeker_row(self, seeker: Seeker) -> tuple[SeekerTable, int, np.ndarray]:
        pos = self._seeker_pos.get(str(seeker.id))
        if pos is not None and self.seekers[pos] is seeker or (pos is not None and self.seekers[pos] == seeker):
            return self.S, pos, self.svec
        table = build_seekers([seeker], self.gazetteer, year=self.year, today=self.today)
        if self.outcomes is not None:
            self.outcomes.adjust_seekers(table, self.J)
        return table, 0, self.text.encode(table.texts)

    def _job_row(self, job: Job) -> tuple[JobTable, int, np.ndarray]:
        pos = self._job_pos.get(str(job.id))
        if pos is not None and self.jobs[pos] == job:
            return self.J, pos, self.jvec
        table = build_jobs([job], self.gazetteer, today=self.today)
        return table, 0, self.text.encode(table.texts)

    def candidate_jobs(self, S: SeekerTable, row: int) -> np.ndarray:
        """All postings when there are few; else those of the blocks the seeker is scored against
        (`blocking`), the same rule as the batch."""
        if len(self.jobs) <= ONLINE_BLOCKED_ABOVE:
            return np.arange(len(self.jobs))
        rows = np.array([row])
        every, strong = blocking.seeker_middles(S, rows)
        keep = blocking.accepts(S, rows, every, strong, self._block_occ[None, :], self._block_county[None, :],
                                self._block_county2[None, :], self._block_occ2[None, :])[0]
        parts = [self._blocks[b] for b in np.flatnonzero(keep)]
        return np.concatenate(parts) if parts else np.arange(0)

    def region_jobs(self, S: SeekerTable, row: int) -> np.ndarray:
        """Every posting of the seeker's town (本镇 or nearer) or county, and those of unknown place — and, for a
        seeker who takes only far places they named, every posting there: where a seeker with too few good blocked
        candidates is scored exhaustively (as in the batch). Sorted."""
        if self._regions is None:
            self._regions = blocking.RegionIndex(self.J, self.job_county)
        column = 3 if S.max_level[row] <= 1 else 2
        region = self._regions.jobs(column, int(S.home[row, column]))
        if S.max_level[row] == 0 and S.explicit[row, 0, 0] != 5:
            # only far places named ("广东"): the postings there too (as the batch's seeker completion)
            region = np.union1d(region, blocking.named_place_jobs(self.J, S.explicit[row]))
        return region

    def jobs_for(self, seeker: Seeker, top: int = 10) -> list[Recommendation]:
        S, row, svec = self._seeker_row(seeker)
        ji = self.candidate_jobs(S, row)
        if not len(ji):
            return []
        if len(ji) > PREFILTER_ABOVE and kernel.AVAILABLE and USE_KERNEL:
            ji = ji[kernel.feasible(S, row, self.J, ji)]      # pairs the score would set to -inf, dropped first
        values = score_block(S, np.array([row]), svec[[row]], self.J, ji, self.jvec[ji], self.weights,
                             self.outcomes).scores[0] if len(ji) else np.empty(0, np.float32)
        if len(self.jobs) > ONLINE_BLOCKED_ABOVE:
            kth = np.partition(values, len(values) - top)[-top] if len(values) >= top else -np.inf
            if kth < outside_bound(self.weights, self.outcomes):
                # the region's postings not scored yet, merged into the sorted union (as np.union1d gave)
                extra = np.setdiff1d(self.region_jobs(S, row), ji, assume_unique=True)
                if len(extra):
                    extra_values = score_block(S, np.array([row]), svec[[row]], self.J, extra, self.jvec[extra],
                                               self.weights, self.outcomes).scores[0]
                    ji, values = np.concatenate([ji, extra]), np.concatenate([values, extra_values])
                order = np.argsort(ji, kind="stable")
                ji, values = ji[order], values[order]
        picks = self._sight_order(seeker, S, row, ji, values, top)
        return [self._recommend(S, row, self.J, int(ji[p]), rank, float(values[p]), seeker=seeker,
                                job=self.jobs[int(ji[p])]) for rank, p in enumerate(picks, start=1)]

    def _sight_doubt(self, seeker: Seeker, S: SeekerTable, row: int) -> tuple[int, Callable[[int], bool]]:
        """(the seeker's `sight` level, whether a posting (its index in `self.jobs`) needs eyesight the seeker's sight
        makes doubtful — never a trade the seeker asks for themselves)."""
        level = sight.seeker_sight(explain.sight_text(seeker))
        wished = _wished_codes(S, row)

        def doubtful(j: int) -> bool:
            job = self.jobs[j]
            codes = explain.sight_codes(job)
            return bool(explain.job_sight_need(job, codes)) and not wished & set(codes)

        return level, doubtful

    def _sight_levels(self) -> np.ndarray:
        """[seekers] int8: each seeker's `sight` level (read once, on the first posting that needs eyesight)."""
        if self._sight is None:
            self._sight = np.fromiter((sight.seeker_sight(explain.sight_text(s)) for s in self.seekers), np.int8,
                                      len(self.seekers))
        return self._sight

    def _takers_doubt(self, job: Job) -> Callable[[int], int] | None:
        """For a posting that needs ordinary eyesight (`sight`), how far a seeker (their index) goes down: `sight.SEVERE`
        (一级/二级: below every other candidate), `sight.UNGRADED` (no grade: below the suitable ones of the list) or 0 —
        `jobs_for`'s order seen from the posting (session 21). Low vision (三级/四级) and a seeker who asks for the trade
        keep their place; the reasons mark them all. None for a posting that needs no eyesight."""
        codes = explain.sight_codes(job)
        if not explain.job_sight_need(job, codes):
            return None
        levels, trades = self._sight_levels(), set(codes)

        def doubt(p: int) -> int:
            level = int(levels[p])
            return level if level >= sight.UNGRADED and not _wished_codes(self.S, p) & trades else 0

        return doubt

    def _sight_order(self, seeker: Seeker, S: SeekerTable, row: int, ji: np.ndarray, values: np.ndarray,
                     top: int) -> list[int]:
        """The top positions of `values`, postings that need ordinary eyesight (`sight`) moved down for a seeker with a
        registered 视力残疾: below the suitable ones of the list (no grade), or after every suitable candidate (一级/二级);
        low vision (三级/四级) keeps the order (its reasons mark them). A trade the seeker asks for is never moved."""
        def id_of(p: int) -> str:
            return str(self.J.ids[ji[p]])

        level, doubtful = self._sight_doubt(seeker, S, row)
        if level < sight.UNGRADED:
            return _top_indices(values, top, id_of)
        if level == sight.SEVERE:
            finite = np.flatnonzero(np.isfinite(values))
            doubt = finite[np.fromiter((doubtful(int(ji[p])) for p in finite), bool, len(finite))]
            if len(doubt):
                values = values.astype(np.float64)          # exact below every suitable score, order kept among them
                values[doubt] -= SIGHT_LAST
            return _top_indices(values, top, id_of)
        return _suitable_first(_top_indices(values, top, id_of), lambda p: doubtful(int(ji[p])))

    def pair(self, seeker: Seeker, job: Job) -> Recommendation | None:
        """One pair scored and explained as a list would (rank 0), None when it breaks a hard constraint: what a
        referral records for a posting beyond the seeker's top list (codereview20 #4)."""
        S, srow, svec = self._seeker_row(seeker)
        J, jrow, jvec = self._job_row(job)
        value = float(score_block(S, np.array([srow]), svec[[srow]], J, np.array([jrow]), jvec[[jrow]], self.weights,
                                  self.outcomes).scores[0, 0])
        if not np.isfinite(value):
            return None
        return self._recommend(S, srow, J, jrow, 0, value, seeker=seeker, job=job)

    def seekers_for(self, job: Job, top: int = 10) -> list[Recommendation]:
        J, row, jvec = self._job_row(job)
        si = np.arange(len(self.seekers))
        if not len(si):
            return []
        block = score_block(self.S, si, self.svec, J, np.array([row]), jvec[[row]], self.weights, self.outcomes)
        values = block.scores[:, 0]
        doubt = self._takers_doubt(job)
        if doubt is None:
            picks = _top_indices(values, top, self.S.ids.__getitem__)
        else:
            levels = self._sight_levels()
            marked = np.flatnonzero(np.isfinite(values) & (levels >= sight.UNGRADED))
            severe = [p for p in marked.tolist() if doubt(p) == sight.SEVERE]
            ordered = values
            if severe:
                ordered = values.astype(np.float64)      # exact below every suitable score, order kept among them
                ordered[severe] -= SIGHT_LAST
            # the list's suitable seekers first, then no grade, then a severe grade (stable: the score's order within)
            picks = sorted(_top_indices(ordered, top, self.S.ids.__getitem__), key=doubt)
        return [self._recommend(self.S, int(p), J, row, rank, float(values[p]), seeker=self.seekers[int(p)], job=job)
                for rank, p in enumerate(picks, start=1)]

    def _recommend(self, S: SeekerTable, srow: int, J: JobTable, jrow: int, rank: int, score: float, *,
                   seeker: Seeker, job: Job) -> Recommendation:
        met, unmet = explain.explain(S, srow, J, jrow, seeker=seeker, job=job, gazetteer=self.gazetteer,
                                     outcomes=self.outcomes, occ_sim=OCC_SIM)
        notes = explain.notices(job)
        eyes, doubt = explain.sight_said(met, unmet)
        return Recommendation(seeker_id=str(seeker.id), job_id=str(job.id), rank=rank, score=round(score, 4),
                              reasons=explain.sentence(met, unmet, notes), met=met, unmet=unmet, notes=notes,
                              sight=eyes, sight_doubt=doubt)

    def recommend_all(self, direction: str, *, top: int = 10) -> Iterable[Recommendation]:
        """Every seeker's top postings (`direction='seekers'`) or every posting's top seekers ('jobs'),
        with reasons, in input order. Large inputs go through the blocked batch (`batch.batch_top`)."""
        if direction in ("seekers", "jobs") and len(self.seekers) * len(self.jobs) > BATCH_ABOVE_PAIRS:
            from jianfu.employment.matching.batch import batch_top

            result = batch_top(self, k=top)
            rows = result.seeker_jobs if direction == "seekers" else result.job_seekers
            scores = result.seeker_scores if direction == "seekers" else result.job_scores
            for q, (picks, values) in enumerate(zip(rows, scores, strict=True)):
                pairs = [(other, value) for other, value in zip(picks.tolist(), values.tolist(), strict=True)]
                if direction == "seekers":
                    # work needing eyesight after the suitable work of the list (`_sight_order`; the batch keeps no
                    # candidates beyond its top-k, so a severe grade is ordered as no grade is)
                    level, doubtful = self._sight_doubt(self.seekers[q], self.S, q)
                    if level >= sight.UNGRADED:
                        kept = [pair for pair in pairs if pair[0] >= 0]
                        marked = {other for other, _v in kept if doubtful(other)}
                        pairs = [pair for pair in kept if pair[0] not in marked] + \
                            [pair for pair in kept if pair[0] in marked]
                elif (doubt := self._takers_doubt(self.jobs[q])) is not None:
                    # seekers whose sight makes the posting's work doubtful after the others of the list, a severe
                    # grade last (`_takers_doubt`; the batch keeps no candidates beyond its top-k)
                    kept = [pair for pair in pairs if pair[0] >= 0]
                    pairs = sorted(kept, key=lambda pair: doubt(pair[0]))      # stable: the score's order within each
                for rank, (other, value) in enumerate(pairs, start=1):
                    if other < 0:
                        break
                    s_row, j_row = (q, other) if direction == "seekers" else (other, q)
                    yield self._recommend(self.S, s_row, self.J, j_row, rank, value, seeker=self.seekers[s_row],
                                          job=self.jobs[j_row])
            return
        if direction == "seekers":
            for s in self.seekers:
                yield from self.jobs_for(s, top=top)
        elif direction == "jobs":
            for j in self.jobs:
                yield from self.seekers_for(j, top=top)
        else:
            raise ValueError(f"未知的方向“{direction}”：应为 seekers 或 jobs。")

    # -------------------------------------------------------------------------------------- checks

    def violates(self, seeker: Seeker, job: Job) -> bool:
        """True when the pair breaks a hard constraint (what no top-10 may contain)."""
        S, srow, _ = self._seeker_row(seeker)
        J, jrow, _ = self._job_row(job)
        ok, _ = feasible_block(S, np.array([srow]), J, np.array([jrow]))
        return not bool(ok[0, 0])


__all__ = ["Matcher", "fit_text", "score_block", "feasible_block", "DEFAULT_WEIGHTS", "OCC_INDEX"]
