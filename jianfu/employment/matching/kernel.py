"""The score of a block of pairs in one fused pass (numba, parallel over seekers): every part of
`matcher.score_block` computed per pair with an early exit on the first broken hard constraint, instead of
~25 whole-matrix numpy passes. `matcher.score_block` uses it when numba is installed and keeps the numpy
formulation as the fallback and the reference (a test holds the two equal)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from jianfu.employment.matching.features import JobTable, SeekerTable
    from jianfu.employment.matching.outcomes import OutcomeModel

try:
    import numba
except ImportError:  # pragma: no cover - numba is a pinned dependency; the numpy path still works
    numba = None  # type: ignore[assignment]  # the numpy fallback runs when numba is absent

AVAILABLE = numba is not None
# Threads for one block. On the 2 shared cores this runs on, a parallel loop waits at every join for a
# thread the scheduler has parked, and one thread was faster in wall time under load (and always in CPU
# time); set JIANFU_MATCH_THREADS=2 on a machine of one's own.
THREADS = int(os.environ.get("JIANFU_MATCH_THREADS", "1"))

if AVAILABLE:
    # numba specialises the jitted function on the arrays it is given: its parameters stay unannotated
    @numba.njit(parallel=True, cache=True, fastmath=False)
    def fused_scores(s_age_lo,  # type: ignore[no-untyped-def]
                     s_age_hi, s_edu, s_certs, s_cannot, s_inv_wage, s_home, s_level, s_explicit, s_years,
                     s_occ, s_occ_w, s_vec, s_occ0,
                     j_age_min, j_age_max, j_edu, j_req, j_pref, j_dem, j_wage, j_place, j_known, j_years, j_occ, j_vec,
                     occ_sim, dist_score, affinity, w_occ, w_text, w_wage, w_dist, w_pref, w_exp, w_out, unknown_part,
                     use_outcomes):
        R = s_age_lo.shape[0]
        C = j_age_min.shape[0]
        D = s_vec.shape[1]
        n_occ = occ_sim.shape[0] - 1
        out = np.empty((R, C), np.float32)
        neg = np.float32(-np.inf)
        for r in numba.prange(R):
            for c in range(C):
                if s_age_lo[r] < j_age_min[c] or s_age_hi[r] > j_age_max[c] or s_edu[r] < j_edu[c] \
                        or (j_req[c] & ~s_certs[r]) != 0 or (j_dem[c] & s_cannot[r]) != 0:
                    out[r, c] = neg
                    continue
                same = 0
                for lvl in range(5):
                    if s_home[r, lvl] == j_place[c, lvl]:
                        same += 1
                level = 5 - same
                ok = level <= s_level[r] or not j_known[c]
                if not ok:
                    for k in range(s_explicit.shape[1]):
                        li = s_explicit[r, k, 0]
                        if li != 5 and j_place[c, li] == s_explicit[r, k, 1]:
                            ok = True
                            break
                if not ok:
                    out[r, c] = neg
                    continue
                jo = j_occ[c] if j_occ[c] >= 0 else n_occ
                occ = np.float32(0.0)
                for k in range(s_occ.shape[1]):
                    so = s_occ[r, k] if s_occ[r, k] >= 0 else n_occ
                    v = occ_sim[so, jo] * s_occ_w[r, k]
                    if v > occ:
                        occ = v
                score = occ * w_occ
                if w_text != 0 and D > 0:
                    dot = np.float32(0.0)
                    for d in range(D):
                        dot += s_vec[r, d] * j_vec[c, d]
                    if dot > 0:
                        score += dot * w_text
                inv = s_inv_wage[r]
                offered = j_wage[c]
                if np.isnan(inv) or np.isnan(offered):
                    fit = unknown_part
                else:
                    fit = inv * offered
                    if fit > 1:
                        fit = np.float32(1.0)
                    fit = fit * fit
                score += fit * w_wage
                score += (dist_score[level] if j_known[c] else np.float32(0.5)) * w_dist
                if (j_pref[c] & s_certs[r]) != 0:
                    score += w_pref
                score += w_exp
                if j_years[c] > 0 and s_years[r] < j_years[c]:
                    score -= w_exp * np.float32(0.6)
                if use_outcomes:
                    score += w_out * affinity[s_occ0[r], jo if j_occ[c] >= 0 else affinity.shape[1] - 1]
                out[r, c] = score
        return out


def block_scores(S: SeekerTable, si: np.ndarray, svec: np.ndarray, J: JobTable, ji: np.ndarray, jvec: np.ndarray,
                 weights: dict[str, float], occ_sim: np.ndarray, dist_score: np.ndarray, unknown_part: float,
                 outcomes: OutcomeModel | None) -> np.ndarray:
    f32 = np.float32
    with np.errstate(invalid="ignore", divide="ignore"):
        inv_wage = (f32(1.0) / S.wage[si]).astype(f32)
    use_out = outcomes is not None and bool(weights["outcome"])
    affinity = outcomes.affinity if outcomes is not None and use_out else np.zeros((1, 1), f32)
    n_aff = affinity.shape[0]
    s_occ0 = np.where(S.occ[si, 0] >= 0, S.occ[si, 0], n_aff - 1).astype(np.int64) if use_out else \
        np.zeros(len(si), np.int64)
    threads = min(THREADS, numba.config.NUMBA_NUM_THREADS)  # type: ignore[attr-defined]  # set at import
    if numba.get_num_threads() != threads:
        numba.set_num_threads(threads)
    scores: np.ndarray = fused_scores(
        S.age_lo[si], S.age_hi[si], S.edu[si], S.certs[si], S.cannot[si], inv_wage, S.home[si], S.max_level[si],
        S.explicit[si], S.years[si], S.occ[si], S.occ_w[si], np.ascontiguousarray(svec, f32), s_occ0,
        J.age_min[ji], J.age_max[ji], J.edu[ji], J.cert_req[ji], J.cert_pref[ji], J.demands[ji], J.wage_hi[ji],
        J.place[ji], J.place_known[ji], J.years[ji], J.occ[ji], np.ascontiguousarray(jvec, f32),
        occ_sim, dist_score, affinity.astype(f32),
        f32(weights["occ"]), f32(weights["text"]), f32(weights["wage"]), f32(weights["dist"]), f32(weights["pref"]),
        f32(weights["exp"]), f32(weights["outcome"]), f32(unknown_part), use_out)
    return scores
