"""What the test of every evaluation split reads (`eval/<split>_*`): its ids in file order, its rows as loaded, the
ids it shares with the other splits, and the graded pairs the independent oracle `constraints.violations` flags.
Only loading and the oracle: never the matcher or its floors (a blind split is run once, by the lead)."""

from __future__ import annotations

import csv
from collections import Counter
from functools import cache

from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.evaluate import DEV_SPLITS, EVAL_DATE, EVAL_DIR, EVAL_YEAR, load_split
from jianfu.employment.matching.parse import ages_counted_in
from jianfu.employment.matching.places import Gazetteer
from jianfu.employment.matching.types import Job, Seeker


def ids_in_file(split: str, kind: str) -> list[str]:
    """The first column of `<split>_<kind>.csv` (kind: seekers or jobs), header left out."""
    with open(EVAL_DIR / f"{split}_{kind}.csv", encoding="utf-8") as fh:
        return [row[0] for row in csv.reader(fh)][1:]


def loaded(split: str) -> tuple[dict[str, Seeker], dict[str, Job], dict[tuple[str, str], int]]:
    seekers, jobs, qrels = load_split(split)
    return {str(s.id): s for s in seekers}, {str(j.id): j for j in jobs}, qrels


@cache
def _ids_of(split: str) -> frozenset[str]:
    """The seeker and posting ids of `split` as loaded, once per test process: `shared_ids` read every other development split again for each split
    tested (27 loads each; session 24's CI time); the files do not change under a run."""
    seekers, jobs, _ = load_split(split)
    return frozenset(str(s.id) for s in seekers) | frozenset(str(j.id) for j in jobs)


def graded_per_query(qrels: dict[tuple[str, str], int]) -> tuple[Counter[str], Counter[str]]:
    """How many graded postings each seeker has, and how many graded seekers each posting has."""
    return Counter(s for s, _ in qrels), Counter(j for _, j in qrels)


def shared_ids(split: str) -> set[str]:
    """Seeker and posting ids of `split` that another development split also uses (none should)."""
    mine = _ids_of(split)
    shared: set[str] = set()
    for other in (name for name in DEV_SPLITS if name != split):
        shared |= mine & _ids_of(other)
    return shared


def oracle_flags(split: str) -> dict[tuple[str, str], set[str]]:
    """The graded pairs the oracle says break a hard constraint, with what it says they break."""
    seekers, jobs, qrels = loaded(split)
    gazetteer = Gazetteer.builtin()
    # a pair of a row the reader left out (blind26's under-16 rows) has nothing to check; a date without its year is
    # read from the splits' day, as `evaluate` reads it, and the age cells in the splits' year (session 27)
    with ages_counted_in(EVAL_YEAR):
        flagged = {(s, j): set(violations(seekers[s], jobs[j], gazetteer, today=EVAL_DATE))
                   for s, j in qrels if s in seekers and j in jobs}
    return {pair: broken for pair, broken in flagged.items() if broken}
