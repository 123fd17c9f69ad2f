"""Learning from what happened to earlier recommendations.

- A seeker who refused a posting never sees it again; the reason teaches the matcher about them:
  "太远" narrows the places they accept to nearer than that posting, "工资低" raises their expected wage
  above its offer, "夜班/倒班" adds a day-shift limit, "站太久/太累/太重" a standing or lifting limit.
- An employer who refused a seeker for a posting: that pair is not proposed again.
- Across everyone: how often seekers of occupation A were interviewed or hired (against refused) for
  postings of occupation B becomes a small bonus or malus for that pair of occupations (smoothed)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from jianfu.employment.matching.parse import DEMAND_BITS
from jianfu.employment.matching.types import Outcome

if TYPE_CHECKING:
    from jianfu.employment.matching.features import JobTable, SeekerTable
    from jianfu.employment.matching.matcher import Matcher

POSITIVE = {"interviewed": 1.0, "hired": 2.0, "applied": 0.5}
_REASONS = (
    ("far", re.compile(r"远|路程|通勤|交通不便|离家")),
    ("wage", re.compile(r"工资|钱少|待遇|薪|太低")),
    ("night", re.compile(r"夜班|倒班|晚班|通宵")),
    ("standing", re.compile(r"站|久站")),
    ("heavy", re.compile(r"重|累|体力")),
)


def reason_kinds(reason: str) -> set[str]:
    return {kind for kind, pattern in _REASONS if pattern.search(reason or "")}


@dataclass
class OutcomeModel:
    affinity: np.ndarray                                     # [N_OCC + 1, N_OCC + 1] in [-1, 1]
    excluded: set[tuple[str, str]] = field(default_factory=set)
    seeker_refusals: dict[str, list[tuple[int, set[str]]]] = field(default_factory=dict)
    counts: dict[tuple[int, int], tuple[float, float]] = field(default_factory=dict)
    n_outcomes: int = 0

    @classmethod
    def learn(cls, outcomes: list[Outcome], matcher: Matcher) -> OutcomeModel:
        from jianfu.employment.matching.occupations import OCCUPATIONS

        n = len(OCCUPATIONS) + 1
        pos: dict[tuple[int, int], float] = defaultdict(float)
        neg: dict[tuple[int, int], float] = defaultdict(float)
        model = cls(np.zeros((n, n), np.float32), n_outcomes=len(outcomes))
        S, J = matcher.S, matcher.J
        spos, jpos = matcher._seeker_pos, matcher._job_pos
        for o in outcomes:
            if o.stage == "refused":
                # by ids, whether or not this matcher holds either side: a matcher of one side (the website's
                # seeker index, its posting side) scores the other as a new item under the same id (emp-prod18)
                model.excluded.add((str(o.seeker_id), str(o.job_id)))
            si, ji = spos.get(str(o.seeker_id)), jpos.get(str(o.job_id))
            if si is None or ji is None:
                continue
            key = (int(S.occ[si, 0]) if S.occ[si, 0] >= 0 else n - 1, int(J.occ[ji]) if J.occ[ji] >= 0 else n - 1)
            if o.stage == "refused":
                neg[key] += 1.0
                if o.by != "employer":
                    model.seeker_refusals.setdefault(str(o.seeker_id), []).append((ji, reason_kinds(o.reason)))
            elif o.stage in POSITIVE:
                pos[key] += POSITIVE[o.stage]
        for key in set(pos) | set(neg):
            p, q = pos[key], neg[key]
            model.affinity[key] = (p - q) / (p + q + 2.0)
            model.counts[key] = (p, q)
        model.adjust_seekers(S, matcher.J)
        return model

    def adjust_seekers(self, S: SeekerTable, J: JobTable | None = None) -> None:
        """Apply each seeker's refusal reasons to their row (in place)."""
        if J is None:
            return
        index = {sid: i for i, sid in enumerate(S.ids)}
        for sid, refusals in self.seeker_refusals.items():
            i = index.get(sid)
            if i is None:
                continue
            for ji, kinds in refusals:
                if "far" in kinds and J.place_known[ji]:
                    level = 5 - int(max(sum(S.home[i, lvl] == p[lvl] for lvl in range(5))
                                        for p in (J.place[ji], J.place2[ji])))     # the nearer listed place
                    S.max_level[i] = max(0, min(int(S.max_level[i]), level - 1))
                    S.explicit[i, :, 0] = 5
                if "wage" in kinds and not np.isnan(J.wage_hi[ji]):
                    S.wage[i] = max(float(np.nan_to_num(S.wage[i])), float(J.wage_hi[ji]) * 1.1)
                if "night" in kinds:
                    S.cannot[i] |= DEMAND_BITS["NIGHT"]
                if "standing" in kinds:
                    S.cannot[i] |= DEMAND_BITS["STANDING"]
                if "heavy" in kinds:
                    S.cannot[i] |= DEMAND_BITS["HEAVY"]

    def affinity_block(self, S: SeekerTable, si: np.ndarray, J: JobTable, ji: np.ndarray) -> np.ndarray:
        n = self.affinity.shape[0]
        s0 = np.where(S.occ[si, 0] >= 0, S.occ[si, 0], n - 1)
        j0 = np.where(J.occ[ji] >= 0, J.occ[ji], n - 1)
        block: np.ndarray = self.affinity[s0[:, None], j0[None, :]]
        return block

    def exclude_block(self, S: SeekerTable, si: np.ndarray, J: JobTable, ji: np.ndarray, ok: np.ndarray) -> None:
        if not self.excluded:
            return
        srow = {S.ids[int(s)]: r for r, s in enumerate(si)}
        jcol = {J.ids[int(j)]: c for c, j in enumerate(ji)}
        for sid, jid in self.excluded:
            r, c = srow.get(sid), jcol.get(jid)
            if r is not None and c is not None:
                ok[r, c] = False
