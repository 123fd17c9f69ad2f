"""The score of a block of pairs in one fused pass (numba): every part of `matcher.score_block` computed per
pair with an early exit on the first broken hard constraint, instead of ~25 whole-matrix numpy passes.
`matcher.score_block` uses it when numba is installed and keeps the numpy formulation as the fallback and
the reference (a test holds the two equal).

The text part (a 64-d dot product per pair) is one BLAS matrix product per block, passed in: a dot product
written in the loop is a chain of dependent float additions that the compiler may not reorder (strict
IEEE), and it cost most of the kernel's time.

`block_topk` is the batch's form: it scores the block and folds every finite score straight into the
running top-k of its row (seeker) and of its column (posting), so no score matrix is written or sorted.
Both kernels are single-threaded: the batch runs on several processes (`batch.py`), which a loaded
machine schedules better than the joins of a parallel loop."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from jianfu.employment.matching.crews import NO_MAX as NO_CREW_MAX
from jianfu.employment.matching.features import (  # globals numba freezes at compile time
    ADULT_COLUMN,
    ADULT_WORD,
    NO_PLACE,
)
from jianfu.employment.matching.minors import ADULT_AGE
from jianfu.employment.matching.parse import CERT_WORDS as PARSED_CERT_WORDS

# numba freezes a global into the machine code it caches, and drops that cache only when this file changes — not when
# parse.py does. The count of certificate words the loops below unroll is therefore written here and held equal to
# parse's: widening the words must edit this file, which recompiles the kernel (a code review of session 30).
CERT_WORDS = 5
assert CERT_WORDS == PARSED_CERT_WORDS, "widen the kernel's CERT_WORDS with parse.CERT_WORDS"

if TYPE_CHECKING:
    from jianfu.employment.matching.features import JobTable, SeekerTable
    from jianfu.employment.matching.outcomes import OutcomeModel

try:
    import numba
except ImportError:  # pragma: no cover - numba is a pinned dependency; the numpy path still works
    numba = None  # type: ignore[assignment]  # the numpy fallback runs when numba is absent

AVAILABLE = numba is not None

if AVAILABLE:
    @numba.njit(cache=True, inline="always")
    def _age_on(age_lo, age_hi, held_adult, birth, start):  # type: ignore[no-untyped-def]
        """(age_lo, age_hi, the certificate word holding the adult levels, `ADULT_COLUMN`) of a pair: counted on the
        posting's start where both it and the birth date are stated (`minors.age_on`; session 27, emp-fix27), the
        adult levels held by that age."""
        if birth > 0 and start > 0:
            on = (start - birth) // 10000
            if on < age_hi:
                on = age_hi
            if on >= ADULT_AGE:
                return on, on, held_adult | ADULT_WORD
            return on, on, held_adult & ~ADULT_WORD
        return age_lo, age_hi, held_adult

    @numba.njit(cache=True, inline="always")
    def _lacks_certificate(req, c, held, held_adult, lapsed, renew):  # type: ignore[no-untyped-def]
        """Whether a posting's required certificate words (`parse.CERT_BITS`, `parse.CERT_WORDS` of them) ask a bit the
        seeker lacks: their words, the adult one as `_age_on` counts it, and their lapsed certificates where the
        posting takes one for renewal (session 27). The words' count is a compile-time constant: the loop is unrolled
        and the adult word's test folded (as the three words written out were before session 30)."""
        for w in range(CERT_WORDS):
            h = held_adult if w == ADULT_COLUMN else held[w]
            if renew != 0:
                h |= lapsed[w]
            if (req[c, w] & ~h) != 0:
                return True
        return False

    @numba.njit(cache=True, inline="always")
    def _holds_any(pref, c, held):  # type: ignore[no-untyped-def]
        """Whether the seeker holds one of a posting's preferred certificates, in any word."""
        for w in range(CERT_WORDS):  # noqa: SIM110 - a loop numba compiles to an early exit, not a generator
            if (pref[c, w] & held[w]) != 0:
                return True
        return False

    @numba.njit(cache=True, inline="always")
    def _edu_on(edu, edu_now, graduation, students, start):  # type: ignore[no-untyped-def]
        """`minors.education_on`: the stage finished for a seeker still 在读, unless the posting takes students or
        starts on or after the graduation (session 27, emp-fix27)."""
        if edu_now < edu and students == 0 and not (graduation > 0 and start >= graduation):
            return edu_now
        return edu

    @numba.njit(cache=True, inline="always")
    def _retired_by(retire, retire_on):  # type: ignore[no-untyped-def]
        """Whether the seeker reaches the statutory retirement age (`SeekerTable.retire`) by the day a posting stating
        the condition or a labour contract starts (`JobTable.retire_on`; emp-mend27)."""
        return retire > 0 and retire_on > 0 and retire_on >= retire

    @numba.njit(cache=True, inline="always")
    def _outside_window(window_from, window_to, start, end):  # type: ignore[no-untyped-def]
        """`seasons.outside_window`: a posting's stated period (`JobTable.start`, `JobTable.end`) wholly outside a
        seeker's dated window (`SeekerTable.window_from`/`window_to`): a start after its last day, or an end before its
        first (session 31, emp-window31)."""
        return window_from > 0 and (start > window_to or (end > 0 and end < window_from))

    @numba.njit(cache=True, inline="always")
    def _short_stay(window_to, stay):  # type: ignore[no-untyped-def]
        """`seasons.short_stay`: a seeker's window ending before the last day a posting's stated term reaches
        (`JobTable.stay_to`; session 32, emp-left32)."""
        return window_to > 0 and stay > 0 and window_to < stay

    @numba.njit(cache=True, inline="always")
    def _over_age(age_hi, age_max, groups, caps, c):  # type: ignore[no-untyped-def]
        """An age over the posting's ceiling, unless a relaxation for a group the seeker holds lifts it
        (`civil.relaxed_for`; `SeekerTable.relax_groups`, `JobTable.relax_caps`; session 32, emp-left32)."""
        if age_hi <= age_max:
            return False
        for k in range(caps.shape[1]):  # noqa: SIM110 - a loop numba compiles to an early exit, not a generator
            if (groups >> k) & 1 and caps[c, k] > 0 and age_hi <= caps[c, k]:
                return False
        return True

    @numba.njit(cache=True, inline="always")
    def _too_short(height, minimum, c):  # type: ignore[no-untyped-def]
        """`civil.too_short`: a seeker's stated height below a posting's least height for their sex
        (`SeekerTable.height`, `JobTable.height_min`; session 32, emp-left32)."""
        for k in range(3):  # noqa: SIM110 - a loop numba compiles to an early exit, not a generator
            if minimum[c, k] > 0 and height[k] < minimum[c, k]:
                return True
        return False

    @numba.njit(cache=True, inline="always")
    def _crew_breaks(crew, lo, hi):  # type: ignore[no-untyped-def]
        """`crews.crew_fits` negated: a led crew (negative) is its size on a group post (`lo` above 1), one man
        elsewhere (session 22, emp-read22)."""
        n = crew
        if n < 0:
            n = -n if lo > 1 else 1
        return n < lo or n > hi

    # numba specialises the jitted function on the arrays it is given: its parameters stay unannotated.
    # One function serves both forms (`topk` False: write `out`; True: fold into the top-k arrays), so the
    # score is written once; the flag is the same for a whole call and costs a predictable branch.
    @numba.njit(cache=True)
    def fused(text, topk, out, s_global, j_global, row_idx, row_val, col_idx, col_val,  # type: ignore[no-untyped-def]
              s_rank, j_rank,
              s_age_lo, s_age_hi, s_edu, s_certs, s_cannot, s_inv_wage, s_home, s_level, s_explicit, s_years,
              s_occ, s_occ_w, s_occ0, s_soft, s_crew, s_rate_unit, s_inv_rate,
              j_age_min, j_age_max, j_edu, j_req, j_pref, j_dem, j_wage, j_place, j_known, j_place2, j_local, j_years, j_occ,
              j_occ2, j_at_home, j_crew_min, j_crew_max, j_rate_unit, j_rate, occ_sim, dist_score, affinity, w_occ, w_text, w_wage, w_dist, w_pref, w_exp, w_out, unknown_part,
              use_outcomes, w_soft, s_birth, j_start, s_lapsed, j_renew, s_edu_now, s_grad, j_students, s_retire,
              j_retire_on, s_win_from, s_win_to, j_end, s_relax, j_relax, s_height, j_height, j_stay):
        R = s_age_lo.shape[0]
        C = j_age_min.shape[0]
        n_occ = occ_sim.shape[0] - 1
        n_slots = s_occ.shape[1]
        n_named = s_explicit.shape[1]
        neg = np.float32(-np.inf)
        none = np.int64(1) << 62
        # a top-k entry is better by score, then by the lower id rank (as `Matcher._top_indices`): the k-th
        # (worst) entry of each row and column, and its rank, decide whether a new pair comes in — so the
        # lists do not depend on the order in which tied pairs arrive (blocks, chunks, workers).
        # Session 34 (perf34): the k-th score is the least of the list's scores, read from the scores alone; the
        # entries' id ranks (`rank[idx]`, a random read into an array of a million) are gathered into a small
        # buffer only when a pair reaches that score, and the buffer kept as entries come in — most rows and
        # columns of a block never read them.
        K = col_val.shape[1]
        col_kth = np.full(C, np.inf, np.float32)
        col_kth_rank = np.zeros(C, np.int64)
        col_pos = np.full(C, -1, np.int64)          # -1: the column's ranks not gathered yet
        col_ranks = np.empty((C if topk else 0, K), np.int64)
        c_rank = np.empty(C if topk else 0, np.int64)
        row_ranks = np.empty(row_val.shape[1], np.int64)
        if topk:
            for c in range(C):
                col_kth[c] = _least(col_val[c])
                c_rank[c] = j_rank[j_global[c]]
        # the most a pair can score besides its text part (every other part at its maximum), plus a margin
        # for float32 rounding: a pair whose bound is not above both its row's and its column's k-th score
        # cannot enter either top-k and is skipped before its hard constraints are read (top-k form only,
        # without outcomes). Strictly below: a pair scoring exactly the k-th score may still enter on its id. With the fitted weights the text part decides much of the order, so most pairs
        # of a completion pass end here.
        rest = w_occ + w_wage + w_dist + w_pref + w_exp + np.float32(1e-4)
        can_skip = topk and not use_outcomes
        for r in range(R):
            kth, kth_rank, pos = np.float32(np.inf), np.int64(0), np.int64(-1)
            if topk:
                kth = _least(row_val[r])
            # the seeker's columns, read once per row (the loop below writes arrays, so the compiler may not keep
            # them in registers across pairs itself)
            r_age_lo, r_age_hi, r_adult, r_birth = s_age_lo[r], s_age_hi[r], s_certs[r, ADULT_COLUMN], s_birth[r]
            r_edu, r_edu_now, r_grad, r_retire = s_edu[r], s_edu_now[r], s_grad[r], s_retire[r]
            r_win_from, r_win_to, r_relax, r_cannot, r_crew = s_win_from[r], s_win_to[r], s_relax[r], s_cannot[r], s_crew[r]
            r_level, r_named, r_years, r_soft = s_level[r], s_explicit[r, 0, 0], s_years[r], s_soft[r]
            r_inv_wage, r_rate_unit, r_inv_rate = s_inv_wage[r], s_rate_unit[r], s_inv_rate[r]
            r_home0, r_home1, r_home2, r_home3, r_home4 = s_home[r, 0], s_home[r, 1], s_home[r, 2], s_home[r, 3], s_home[r, 4]
            r_certs, r_lapsed, r_height, r_home = s_certs[r], s_lapsed[r], s_height[r], s_home[r]
            for c in range(C):
                if can_skip:
                    bound = rest + (text[r, c] * w_text if text[r, c] > 0 else np.float32(0.0))
                    if bound < kth and bound < col_kth[c]:
                        continue
                start = j_start[c]
                age_lo, age_hi, held_adult = _age_on(r_age_lo, r_age_hi, r_adult, r_birth, start)
                if not topk:
                    out[r, c] = neg     # a refused pair's; a scored pair's score is written over it below
                # the hard constraints, one `if` each, the likeliest refusals first (age, education, what the seeker
                # cannot do). Session 34 (perf34): the same tests as one `a or b or …` condition cost the kernel twice
                # its time per pair
                if age_lo < j_age_min[c]:
                    continue
                if _over_age(age_hi, j_age_max[c], r_relax, j_relax, c):
                    continue
                if _edu_on(r_edu, r_edu_now, r_grad, j_students[c], start) < j_edu[c]:
                    continue
                if _retired_by(r_retire, j_retire_on[c]):
                    continue
                if _outside_window(r_win_from, r_win_to, start, j_end[c]):
                    continue
                if _short_stay(r_win_to, j_stay[c]):
                    continue
                if (j_dem[c] & r_cannot) != 0:
                    continue
                if _lacks_certificate(j_req, c, r_certs, held_adult, r_lapsed, j_renew[c]):
                    continue
                if _too_short(r_height, j_height, c):
                    continue
                if _crew_breaks(r_crew, j_crew_min[c], j_crew_max[c]):
                    continue
                same = (r_home0 == j_place[c, 0]) + (r_home1 == j_place[c, 1]) + (r_home2 == j_place[c, 2]) \
                    + (r_home3 == j_place[c, 3]) + (r_home4 == j_place[c, 4])
                if j_place2[c, 0] != NO_PLACE:
                    # a posting at either of two places: the nearer one counts
                    same2 = (r_home0 == j_place2[c, 0]) + (r_home1 == j_place2[c, 1]) + (r_home2 == j_place2[c, 2]) \
                        + (r_home3 == j_place2[c, 3]) + (r_home4 == j_place2[c, 4])
                    if same2 > same:
                        same = same2
                if j_at_home[c] > 0 and same >= j_at_home[c]:
                    same = 5            # home outwork: a seeker living inside its place works at home
                level = 5 - same
                local = j_local[c]
                if level > local and r_home[4 - local] >= 0:
                    # open only to the people of its village / town / county ("限本乡…"), whatever they named
                    if not topk:
                        out[r, c] = neg
                    continue
                known = j_known[c]
                ok = level <= r_level or not known
                if r_named != 5 and (level > 1 or not ok):
                    # a place the seeker named: accepted, and scored as near as their own town (emp-left34: also where
                    # the seeker takes nothing around home — "外出" — and a post's other place is their own town, as
                    # `feasible_columns` and the numpy path read it)
                    for k in range(n_named):
                        li = s_explicit[r, k, 0]
                        if li != 5 and (j_place[c, li] == s_explicit[r, k, 1] or j_place2[c, li] == s_explicit[r, k, 1]):
                            ok = True
                            level = 1
                            break
                if not ok:
                    if not topk:
                        out[r, c] = neg
                    continue
                jo = j_occ[c] if j_occ[c] >= 0 else n_occ
                occ = np.float32(0.0)
                for k in range(n_slots):
                    so = s_occ[r, k] if s_occ[r, k] >= 0 else n_occ
                    v = occ_sim[so, jo] * s_occ_w[r, k]
                    if v > occ:
                        occ = v
                jo2 = j_occ2[c]
                if jo2 >= 0:
                    # a posting of two trades: the better of the two fits (its own loop, so the one-trade loop
                    # above stays as it was)
                    for k in range(n_slots):
                        so = s_occ[r, k] if s_occ[r, k] >= 0 else n_occ
                        v = occ_sim[so, jo2] * s_occ_w[r, k]
                        if v > occ:
                            occ = v
                score = occ * w_occ
                if w_text != 0:
                    dot = text[r, c]
                    if dot > 0:
                        score += dot * w_text
                inv = r_inv_wage
                offered = j_wage[c]
                if r_rate_unit != 0 and r_rate_unit == j_rate_unit[c] and not np.isnan(r_inv_rate) \
                        and not np.isnan(j_rate[c]):
                    # both written per hour, day, ton or jin: compared in that unit (session 21)
                    inv = r_inv_rate
                    offered = j_rate[c]
                if np.isnan(inv) or np.isnan(offered):
                    fit = unknown_part
                else:
                    fit = inv * offered
                    if fit > 1:
                        fit = np.float32(1.0)
                    fit = fit * fit
                score += fit * w_wage
                score += (dist_score[level] if known else np.float32(0.5)) * w_dist
                if _holds_any(j_pref, c, r_certs):
                    score += w_pref
                score += w_exp
                if j_years[c] > 0 and r_years < j_years[c]:
                    score -= w_exp * np.float32(0.6)
                if (j_dem[c] & r_soft) != 0:     # a soft wish unmet lowers the pair (never raises: bounds hold)
                    score -= w_soft
                if use_outcomes:
                    score += w_out * affinity[s_occ0[r], jo if j_occ[c] >= 0 else affinity.shape[1] - 1]
                if not topk:
                    out[r, c] = score
                    continue
                if score >= kth:
                    if pos < 0:
                        for i in range(row_ranks.shape[0]):
                            row_ranks[i] = j_rank[row_idx[r, i]] if row_idx[r, i] >= 0 else none
                        kth, kth_rank, pos = _kth(row_val[r], row_ranks)
                    if score > kth or (score == kth and c_rank[c] < kth_rank):
                        row_val[r, pos] = score
                        row_idx[r, pos] = j_global[c]
                        row_ranks[pos] = c_rank[c]
                        kth, kth_rank, pos = _kth(row_val[r], row_ranks)
                if score >= col_kth[c]:
                    if col_pos[c] < 0:
                        for i in range(K):
                            col_ranks[c, i] = s_rank[col_idx[c, i]] if col_idx[c, i] >= 0 else none
                        col_kth[c], col_kth_rank[c], col_pos[c] = _kth(col_val[c], col_ranks[c])
                    r_rank = s_rank[s_global[r]]
                    if score > col_kth[c] or (score == col_kth[c] and r_rank < col_kth_rank[c]):
                        col_val[c, col_pos[c]] = score
                        col_idx[c, col_pos[c]] = s_global[r]
                        col_ranks[c, col_pos[c]] = r_rank
                        col_kth[c], col_kth_rank[c], col_pos[c] = _kth(col_val[c], col_ranks[c])
        return R * C

    @numba.njit(cache=True)
    def feasible_columns(ji, s_age_lo, s_age_hi, s_edu, s_certs, s_cannot, s_home, s_level, s_explicit,  # type: ignore[no-untyped-def]
                         s_crew, j_age_min, j_age_max, j_edu, j_req, j_dem, j_place, j_known, j_place2, j_local,
                         j_at_home, j_crew_min, j_crew_max, s_birth, j_start, s_lapsed, j_renew, s_edu_now, s_grad,
                         j_students, s_retire, j_retire_on, s_win_from, s_win_to, j_end, s_relax, j_relax,
                         s_height, j_height, j_stay):
        """[len(ji)] bool: which postings `ji` (positions in the full columns, read in place — no gathered
        copies) pass one seeker's hard constraints; `fused`'s own test, pair for pair (a test holds them
        equal)."""
        out = np.zeros(ji.shape[0], np.bool_)
        for t in range(ji.shape[0]):
            c = ji[t]
            start = j_start[c]
            age_lo, age_hi, held_adult = _age_on(s_age_lo, s_age_hi, s_certs[ADULT_COLUMN], s_birth, start)
            if age_lo < j_age_min[c]:
                continue
            if _over_age(age_hi, j_age_max[c], s_relax, j_relax, c):
                continue
            if _edu_on(s_edu, s_edu_now, s_grad, j_students[c], start) < j_edu[c]:
                continue
            if _retired_by(s_retire, j_retire_on[c]):
                continue
            if _outside_window(s_win_from, s_win_to, start, j_end[c]):
                continue
            if _short_stay(s_win_to, j_stay[c]):
                continue
            if (j_dem[c] & s_cannot) != 0:
                continue
            if _lacks_certificate(j_req, c, s_certs, held_adult, s_lapsed, j_renew[c]):
                continue
            if _too_short(s_height, j_height, c):
                continue
            if _crew_breaks(s_crew, j_crew_min[c], j_crew_max[c]):
                continue
            same = 0
            for lvl in range(5):
                if s_home[lvl] == j_place[c, lvl]:
                    same += 1
            if j_place2[c, 0] != NO_PLACE:
                same2 = 0
                for lvl in range(5):
                    if s_home[lvl] == j_place2[c, lvl]:
                        same2 += 1
                if same2 > same:
                    same = same2
            if j_at_home[c] > 0 and same >= j_at_home[c]:
                same = 5
            if 5 - same > j_local[c] and s_home[4 - j_local[c]] >= 0:
                continue
            ok = 5 - same <= s_level or not j_known[c]
            if not ok:
                for k in range(s_explicit.shape[0]):
                    li = s_explicit[k, 0]
                    if li != 5 and (j_place[c, li] == s_explicit[k, 1] or j_place2[c, li] == s_explicit[k, 1]):
                        ok = True
                        break
            out[t] = ok
        return out

    @numba.njit(cache=True)
    def _kth(values, ranks):  # type: ignore[no-untyped-def]
        """(the worst entry of a top-k row — lowest score, then highest id rank; an empty slot (-1) is worst
        of its score — its id rank, its position), the entries' id ranks given (`1 << 62` an empty slot's)."""
        pos = 0
        worst = ranks[0]
        for i in range(1, values.shape[0]):
            ri = ranks[i]
            if values[i] < values[pos] or (values[i] == values[pos] and ri > worst):
                pos = i
                worst = ri
        return values[pos], worst, pos

    @numba.njit(cache=True, inline="always")
    def _least(values):  # type: ignore[no-untyped-def]
        """The lowest score of a top-k row: `_kth`'s score, without reading the entries' id ranks."""
        least = values[0]
        for i in range(1, values.shape[0]):
            if values[i] < least:
                least = values[i]
        return least



# a soft wish unmet ("最好坐着的" against a line that stands, "尽量白班" against nights; `parse.soft_wishes`, session 20)
# costs what experience short of the years asked costs (the experience weight × 0.6): one unmet point, 2 → 1 in spirit
SOFT_WISH_SHARE = 0.6


def _crew(S: SeekerTable, si: np.ndarray) -> np.ndarray:
    """The seekers' crews (`crews.seeker_crew`; 1 each for a table built without them)."""
    return S.crew[si] if len(S.crew) else np.ones(len(si), np.int16)


def _crew_range(J: JobTable, ji: np.ndarray | slice) -> tuple[np.ndarray, np.ndarray]:
    """The postings' smallest and largest crews (`crews.posting_crew`; any for a table built without them)."""
    if len(J.crew_min):
        return J.crew_min[ji], J.crew_max[ji]
    n = len(J.ids) if isinstance(ji, slice) else len(ji)
    return np.ones(n, np.int16), np.full(n, NO_CREW_MAX, np.int16)


def _dates(S: SeekerTable, si: np.ndarray, J: JobTable, ji: np.ndarray | slice, *,
           seeker_row: bool = False) -> tuple[object, ...]:
    """(the seekers' dates of birth, the postings' starts — YYYYMMDD int64, 0 none —, the seekers' lapsed certificates
    [n, CERT_WORDS], the postings' renewal flags, …, the seekers' retirement dates and the postings' days judged on, emp-mend27;
    the seekers' windows and the postings' stated ends, emp-window31):
    zeros for a table built without them (session 27); one seeker's as scalars
    and a row for `feasible_columns` (`seeker_row`)."""
    birth = S.birth[si].astype(np.int64) if len(S.birth) else np.zeros(len(si), np.int64)
    lapsed = S.lapsed[si] if len(S.lapsed) else np.zeros((len(si), S.certs.shape[1]), np.int64)
    n = len(J.ids) if isinstance(ji, slice) else len(ji)
    start = J.start[ji].astype(np.int64) if len(J.start) else np.zeros(n, np.int64)
    renew = J.renew[ji] if len(J.renew) else np.zeros(n, np.int8)
    edu_now = S.edu_now[si] if len(S.edu_now) else S.edu[si]
    graduation = S.graduation[si].astype(np.int64) if len(S.graduation) else np.zeros(len(si), np.int64)
    students = J.students[ji] if len(J.students) else np.zeros(n, np.int8)
    retire = S.retire[si].astype(np.int64) if len(S.retire) else np.zeros(len(si), np.int64)
    retire_on = J.retire_on[ji].astype(np.int64) if len(J.retire_on) else np.zeros(n, np.int64)
    win_from = S.window_from[si].astype(np.int64) if len(S.window_from) else np.zeros(len(si), np.int64)
    win_to = S.window_to[si].astype(np.int64) if len(S.window_to) else np.zeros(len(si), np.int64)
    end = J.end[ji].astype(np.int64) if len(J.end) else np.zeros(n, np.int64)
    # session 32 (emp-left32): the groups an age relaxation names, and the postings' relaxed ceilings
    relax = S.relax_groups[si].astype(np.int64) if len(S.relax_groups) else np.zeros(len(si), np.int64)
    caps = J.relax_caps[ji].astype(np.int64) if len(J.relax_caps) else np.zeros((n, 1), np.int64)
    # and the seekers' stated heights against the postings' least ones, by sex
    height = S.height[si].astype(np.int64) if len(S.height) else np.full((len(si), 3), 999, np.int64)
    least = J.height_min[ji].astype(np.int64) if len(J.height_min) else np.zeros((n, 3), np.int64)
    stay = J.stay_to[ji].astype(np.int64) if len(J.stay_to) else np.zeros(n, np.int64)     # and a term's last day
    if seeker_row:
        return (np.int64(birth[0]), start, np.ascontiguousarray(lapsed[0]), renew, edu_now[0], np.int64(graduation[0]),
                students, np.int64(retire[0]), retire_on, np.int64(win_from[0]), np.int64(win_to[0]), end,
                np.int64(relax[0]), caps, np.ascontiguousarray(height[0]), least, stay)
    return (birth, start, lapsed, renew, edu_now, graduation, students, retire, retire_on, win_from, win_to, end, relax,
            caps, height, least, stay)


def _seeker_rates(S: SeekerTable, si: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The seekers' wage units and 1 ÷ their lowest figure in it (`parse.wage_rate`; none for a table built without them)."""
    if not len(S.rate_unit):
        return np.zeros(len(si), np.int8), np.full(len(si), np.nan, np.float32)
    with np.errstate(invalid="ignore", divide="ignore"):
        return S.rate_unit[si], (np.float32(1.0) / S.rate[si]).astype(np.float32)


def _job_rates(J: JobTable, ji: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The postings' wage units and highest figure in it (`parse.wage_rate`)."""
    if not len(J.rate_unit):
        return np.zeros(len(ji), np.int8), np.full(len(ji), np.nan, np.float32)
    return J.rate_unit[ji], J.rate[ji]


def _columns(S: SeekerTable, si: np.ndarray, J: JobTable, ji: np.ndarray, weights: dict[str, float],
             occ_sim: np.ndarray, dist_score: np.ndarray, unknown_part: float,
             outcomes: OutcomeModel | None) -> tuple[object, ...]:
    """The per-pair kernel's arguments after `text`, in `_pair_score`'s order."""
    f32 = np.float32
    with np.errstate(invalid="ignore", divide="ignore"):
        inv_wage = (f32(1.0) / S.wage[si]).astype(f32)
    use_out = outcomes is not None and bool(weights["outcome"])
    affinity = outcomes.affinity if outcomes is not None and use_out else np.zeros((1, 1), f32)
    n_aff = affinity.shape[0]
    s_occ0 = np.where(S.occ[si, 0] >= 0, S.occ[si, 0], n_aff - 1).astype(np.int64) if use_out else \
        np.zeros(len(si), np.int64)
    return (S.age_lo[si], S.age_hi[si], S.edu[si], S.certs[si], S.cannot[si], inv_wage, S.home[si], S.max_level[si],
            S.explicit[si], S.years[si], S.occ[si], S.occ_w[si], s_occ0,
            S.soft[si] if len(S.soft) else np.zeros(len(si), np.uint64), _crew(S, si), *_seeker_rates(S, si),
            J.age_min[ji], J.age_max[ji], J.edu[ji], J.cert_req[ji], J.cert_pref[ji], J.demands[ji], J.wage_hi[ji],
            J.place[ji], J.place_known[ji], J.place2[ji], J.local[ji], J.years[ji], J.occ[ji],
            J.occ2[ji], J.at_home[ji], *_crew_range(J, ji), *_job_rates(J, ji), occ_sim, dist_score, affinity.astype(f32),
            f32(weights["occ"]), f32(weights["text"]), f32(weights["wage"]), f32(weights["dist"]), f32(weights["pref"]),
            f32(weights["exp"]), f32(weights["outcome"]), f32(unknown_part), use_out,
            f32(weights["exp"] * SOFT_WISH_SHARE), *_dates(S, si, J, ji))


def text_block(svec: np.ndarray, jvec: np.ndarray) -> np.ndarray:
    """[R, C] float32 dot products of the text vectors (BLAS), the same product the numpy path uses.

    Computed in float64, then rounded to float32: a float32 product's last bit depends on where a column
    sits in the matrix (the SIMD kernels sum a tail differently), so two identical postings could score one
    ulp apart, and one query over a filtered candidate set could order tied postings differently from the same
    query over the unfiltered set. Products of float32 are exact in float64 and the 64-term sum's error is far
    below float32's precision, so the rounded value no longer depends on the matrix's shape. Since the
    fitted text weight (0.47, session 5) such ties decide places in the top-10."""
    if svec.shape[1] == 0:
        return np.zeros((svec.shape[0], jvec.shape[0]), np.float32)
    product = np.ascontiguousarray(svec, np.float64) @ np.ascontiguousarray(jvec, np.float64).T
    out: np.ndarray = product.astype(np.float32)
    return out


def block_scores(S: SeekerTable, si: np.ndarray, svec: np.ndarray, J: JobTable, ji: np.ndarray, jvec: np.ndarray,
                 weights: dict[str, float], occ_sim: np.ndarray, dist_score: np.ndarray, unknown_part: float,
                 outcomes: OutcomeModel | None) -> np.ndarray:
    columns = _columns(S, si, J, ji, weights, occ_sim, dist_score, unknown_part, outcomes)
    scores = np.empty((len(si), len(ji)), np.float32)
    none_i, none_f = np.zeros((1, 1), np.int64), np.zeros((1, 1), np.float32)
    fused(text_block(svec, jvec), False, scores, none_i[0], none_i[0], none_i, none_f, none_i, none_f, none_i[0],
          none_i[0], *columns)
    return scores


def block_topk(S: SeekerTable, si: np.ndarray, svec: np.ndarray, J: JobTable, ji: np.ndarray, jvec: np.ndarray,
               weights: dict[str, float], occ_sim: np.ndarray, dist_score: np.ndarray, unknown_part: float,
               row_best: tuple[np.ndarray, np.ndarray], col_best: tuple[np.ndarray, np.ndarray],
               s_rank: np.ndarray | None = None, j_rank: np.ndarray | None = None) -> int:
    """Fold the block's scores into `row_best` ([R, k] index, value for seekers `si`) and `col_best` ([C, k] for
    postings `ji`) in place, ties by the id ranks `s_rank`/`j_rank` (every seeker's / posting's, `batch.ranks`;
    without them, by position in S / J). Without outcomes only (the batch checks)."""
    s_rank = np.arange(len(S.ids), dtype=np.int64) if s_rank is None else s_rank
    j_rank = np.arange(len(J.ids), dtype=np.int64) if j_rank is None else j_rank
    columns = _columns(S, si, J, ji, weights, occ_sim, dist_score, unknown_part, None)
    pairs: int = fused(text_block(svec, jvec), True, np.zeros((1, 1), np.float32), si.astype(np.int64),
                       ji.astype(np.int64), row_best[0], row_best[1], col_best[0], col_best[1], s_rank, j_rank,
                       *columns)
    return pairs


def feasible(S: SeekerTable, row: int, J: JobTable, ji: np.ndarray) -> np.ndarray:
    """[len(ji)] bool: the postings `ji` that seeker `row` may be offered (the kernel's hard constraints). One
    query over a large candidate set drops the rest before the score's gathered copies of the postings'
    columns and text vectors, which cost more than scoring (`Matcher.jobs_for`)."""
    mask: np.ndarray = feasible_columns(
        np.ascontiguousarray(ji, np.int64), S.age_lo[row], S.age_hi[row], S.edu[row], S.certs[row], S.cannot[row], S.home[row], S.max_level[row], S.explicit[row],
        S.crew[row] if len(S.crew) else np.int16(1),
        J.age_min, J.age_max, J.edu, J.cert_req, J.demands, J.place, J.place_known, J.place2, J.local, J.at_home,
        *_crew_range(J, slice(None)), *_dates(S, np.array([row]), J, slice(None), seeker_row=True))
    return mask
