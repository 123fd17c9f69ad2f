"""Which postings a seeker is scored against when there are too many to score them all — one rule for
the single query and the batch, so both give the same lists.

A posting sits in the block (its occupation's small class, its county). A seeker is scored against a
block when
- it is in their own county, or in a place they named, and its middle class is one their occupation
  slots can score on (their own classes, related work, "anything");
- or it is further but within what they accept — the other counties of their prefecture for 市内,
  the province for 省内/区内, anywhere for 外出/哪里都行 — and its small class is exactly one they asked for
  or worked in (a slot of weight ≥ 0.7): far away, only their own trade is looked at (the wide blocks
  of those who "go anywhere" are what made the batch slow; a different trade of the same middle class
  scores 0.14–0.28 less on occupation than their own, so among the thousands of postings of their own
  trade in the province it rarely reaches their top-10);
- or its place or occupation is unknown (then the hard constraints and the score decide).
What this leaves out (pairs of unrelated occupations, postings outside the county of merely related
work) is measured against brute force in the benchmark (recall@10, both directions)."""

from __future__ import annotations

import numpy as np

from jianfu.employment.matching.features import NO_PLACE, OCC_MIDDLE, SLOTS, JobTable, SeekerTable
from jianfu.employment.matching.occupations import OCCUPATIONS, RELATED

N_MIDDLES = int(OCC_MIDDLE.max()) + 1
N_OCC = len(OCCUPATIONS)
STRONG_WEIGHT = 0.7 - 1e-6


def _middle_table() -> np.ndarray:
    """[N_OCC + 1, N_MIDDLES]: the middle classes a slot of each small class scores on (own and related
    work); the last row, an empty slot, none."""
    from jianfu.employment.matching.features import OCC_INDEX

    table = np.zeros((N_OCC + 1, N_MIDDLES), bool)
    for o, occ in enumerate(OCCUPATIONS):
        table[o, OCC_MIDDLE[o]] = True
        for code in RELATED.get(occ.code, {}):
            table[o, OCC_MIDDLE[OCC_INDEX[code]]] = True
    return table


_ALL = _middle_table()


def seeker_middles(S: SeekerTable, rows: np.ndarray | slice = slice(None)) -> tuple[np.ndarray, np.ndarray]:
    """([n, N_MIDDLES] any middle class the slots score on, [n, N_OCC] small classes asked for or worked in)."""
    occ, w = S.occ[rows], S.occ_w[rows]
    n = occ.shape[0]
    every = np.zeros((n, N_MIDDLES), bool)
    strong = np.zeros((n, N_OCC + 1), bool)
    for k in range(SLOTS):
        col = np.where(occ[:, k] >= 0, occ[:, k], N_OCC)
        every |= _ALL[col]
        strong[np.arange(n), np.where(w[:, k] >= STRONG_WEIGHT, col, N_OCC)] = True
    return every, strong[:, :N_OCC]


def job_blocks(J: JobTable) -> tuple[np.ndarray, np.ndarray]:
    """(small class index or -1, block place: the county code, else prefecture×100, else province×10000, else -1)."""
    occ = J.occ.astype(np.int64)
    place = np.where(J.place[:, 2] >= 0, J.place[:, 2],
                     np.where(J.place[:, 1] >= 0, J.place[:, 1] * 100,
                              np.where(J.place[:, 0] >= 0, J.place[:, 0] * 10_000, -1)))
    place = np.where(J.place_known, place, -1)
    return occ, place


def second_blocks(J: JobTable, county: np.ndarray) -> np.ndarray:
    """The block place (as `job_blocks`) of each posting's second listed place when it lies in another block
    place than the first ("北海市区、廉州镇"), else -1: such a posting is offered to the seekers of either."""
    p2 = J.place2
    second = np.where(p2[:, 2] >= 0, p2[:, 2],
                      np.where(p2[:, 1] >= 0, p2[:, 1] * 100, np.where(p2[:, 0] >= 0, p2[:, 0] * 10_000, -1)))
    out: np.ndarray = np.where(J.place_known & (p2[:, 0] != NO_PLACE) & (second != county), second, -1)
    return out


def block_keys(occ: np.ndarray, county: np.ndarray, county2: np.ndarray, occ2: np.ndarray | None = None) -> np.ndarray:
    """One int64 key per (small class, second small class, block place, second block place); block places are below
    10⁶, small classes below 999. A posting of two trades ("客服打包员", `JobTable.occ2`) sits in a block of its own
    pair, found by the seekers of either trade (`accepts`)."""
    second = np.full(np.shape(occ), -1, np.int64) if occ2 is None else np.asarray(occ2, np.int64)
    keys: np.ndarray = (occ + 1) * 10**15 + (second + 1) * 10**12 + (county + 1) * 10**6 + (county2 + 1)
    return keys


def split_keys(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(small class, block place, second block place, second small class) of each key."""
    return keys // 10**15 - 1, keys % 10**12 // 10**6 - 1, keys % 10**6 - 1, keys % 10**15 // 10**12 - 1


def split_key(key: int) -> tuple[int, int, int, int]:
    """`split_keys` of one key: (small class, block place, second block place, second small class)."""
    return key // 10**15 - 1, key % 10**12 // 10**6 - 1, key % 10**6 - 1, key % 10**15 // 10**12 - 1


def accepts(S: SeekerTable, si: np.ndarray, every: np.ndarray, strong: np.ndarray, occ: np.ndarray,
            county: np.ndarray, county2: np.ndarray | None = None, occ2: np.ndarray | None = None) -> np.ndarray:
    """Broadcast rule: seekers `si` (with their matrices `every`, `strong` for those rows) × blocks (`occ`
    small class, `county` arrays of the same shape as each other, broadcastable against the rows); with
    `county2` (the blocks' second place, -1 none), a block is accepted at either place; with `occ2` (the blocks'
    second trade, -1 none), for either trade."""
    accepted = _accepts_at(S, si, every, strong, occ, county)
    second_place = county2 if county2 is not None and (county2 >= 0).any() else None
    if second_place is not None:
        accepted |= _accepts_at(S, si, every, strong, occ, second_place) & (second_place >= 0)
    if occ2 is not None and (occ2 >= 0).any():
        # a posting of two trades: found by a seeker of either (never as "unknown trade", which -1 means for `occ`)
        accepted |= _accepts_at(S, si, every, strong, occ2, county) & (occ2 >= 0)
        if second_place is not None:
            accepted |= _accepts_at(S, si, every, strong, occ2, second_place) & (occ2 >= 0) & (second_place >= 0)
    return accepted


def _accepts_at(S: SeekerTable, si: np.ndarray, every: np.ndarray, strong: np.ndarray, occ: np.ndarray,
                county: np.ndarray) -> np.ndarray:
    home_county, home_city, home_prov = S.home[si, 2][:, None], S.home[si, 1][:, None], S.home[si, 0][:, None]
    level = S.max_level[si][:, None]
    known = occ >= 0
    safe_occ = np.maximum(occ, 0)
    shape = (len(si), safe_occ.shape[-1])
    mid = np.asarray(OCC_MIDDLE[safe_occ], np.int64)
    any_mid = np.where(known, np.take_along_axis(every, np.broadcast_to(mid, shape), 1), True)
    strong_occ = known & np.take_along_axis(strong, np.broadcast_to(safe_occ, shape), 1)
    city, prov = county // 100, county // 10_000
    home = county == home_county
    same_city = (level >= 3) & (city == home_city) & ~home
    named = np.zeros(home.shape, bool)
    # the slots are filled in order (`features.build_seekers`): none of these rows uses a slot past the most any of
    # them uses — most seekers name none, so the twelve five-way comparisons are mostly skipped (session 34, fixcr34c)
    used = int(np.count_nonzero(S.explicit[si, :, 0] != 5, axis=1).max()) if len(si) else 0
    for k in range(used):
        li = S.explicit[si, k, 0][:, None]
        value = S.explicit[si, k, 1][:, None]
        named |= ((li == 0) & (prov == value)) | ((li == 1) & (city == value)) | ((li == 2) & (county == value)) | \
                 ((li == 3) & (value // 1000 == county)) | ((li == 4) & (value // 1_000_000 == county))
    far = (level >= 5) | ((level == 4) & (prov == home_prov))
    unknown = county < 0
    accepted: np.ndarray = ((home | named | unknown) & any_mid) | ((same_city | far) & strong_occ)
    return accepted


def named_place_jobs(J: JobTable, explicit: np.ndarray) -> np.ndarray:
    """The postings at any place one seeker named (`SeekerTable.explicit` row: (level index, code) slots, 5 = none),
    at either of a posting's two places. Sorted."""
    hits = np.zeros(len(J.ids), bool)
    for li, value in explicit:
        if li != 5:
            hits |= (J.place[:, li] == value) | (J.place2[:, li] == value)
    return np.flatnonzero(hits)


class RegionIndex:
    """Postings by town and by county code, and those of unknown place: `Matcher.region_jobs` in a dict
    look-up instead of a comparison over every posting (3–10 ms a query at the seed's 1.12 M postings)."""

    def __init__(self, J: JobTable, job_county: np.ndarray) -> None:
        self.unknown = np.flatnonzero(job_county < 0)
        self._by: dict[int, dict[int, np.ndarray]] = {}
        self._place = J.place
        self._place2 = J.place2

    def jobs(self, column: int, code: int) -> np.ndarray:
        """Sorted positions of the postings whose place at `column` (2 county, 3 town) is `code`, with the
        postings of unknown place: `flatnonzero((place[:, column] == code) | (job_county < 0))`."""
        index = self._by.get(column)
        if index is None:
            # a posting at two places is found from either (`place2`): positions sorted and unique per code
            second = np.flatnonzero((self._place2[:, 0] != NO_PLACE) & (self._place2[:, column] != self._place[:, column]))
            keys = np.concatenate([self._place[:, column], self._place2[second, column]])
            positions = np.concatenate([np.arange(len(self._place)), second])
            order = np.lexsort((positions, keys))
            uniq, starts = np.unique(keys[order], return_index=True)
            ends = np.append(starts[1:], len(order))
            index = self._by[column] = {int(u): positions[order[a:b]] for u, a, b in zip(uniq, starts, ends, strict=True)}
        here = index.get(code)
        if here is None:
            return self.unknown
        return np.union1d(here, self.unknown)
