"""The seventh blind evaluation split (`eval/blind7_*`, session 7, written by an outside labeller) loads whole, its
counts and grade histogram are the ones written, no id collides with an earlier split, and no graded pair breaks a
hard constraint by the independent oracle `constraints.violations`, apart from the writer's known oracle
misreadings below. Only loading and the oracle are run here."""

import csv
from collections import Counter

from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.evaluate import BLIND_SPLIT, DEV_SPLITS, EVAL_DIR, load_split
from jianfu.employment.matching.places import Gazetteer

# Graded pairs the oracle flags although the rows meet every hard constraint (the oracle misreads the text); the
# writer kept the grades and the wording. The reasons are in the emp-blind7 report, kept from the tuners until the
# one blind run. A fix of the oracle that stops flagging one of them passes this test unchanged.
# The writer's oracle misreadings (eval/README.md). Fixed after the one blind run (session 7): "夜班另有人值" is someone
# else's shift (J7-S44×J7-J60), and a trade name alone asks no work at height (J7-S48×J7-J61). Session 8: the built-in
# gazetteer knows the towns of the prefecture's other districts, so 铁山港区南康镇 is one town (J7-S15×J7-J17, ×J7-J96).
KNOWN_ORACLE_MISREADINGS: dict[tuple[str, str], set[str]] = {}


def _ids(kind):
    with open(EVAL_DIR / f"blind7_{kind}.csv", encoding="utf-8") as fh:
        return [row[0] for row in csv.reader(fh)][1:]


def _split():
    seekers, jobs, qrels = load_split("blind7")
    return {str(s.id): s for s in seekers}, {str(j.id): j for j in jobs}, qrels


def test_blind7_was_run_once_and_is_development_data_now():
    # run once by the lead in session 7 (docs/matching.md); development data since
    assert "blind7" in DEV_SPLITS and BLIND_SPLIT not in DEV_SPLITS


def test_blind7_counts_ids_and_grades():
    seeker_ids, job_ids = _ids("seekers"), _ids("jobs")
    assert seeker_ids == [f"J7-S{i:02d}" for i in range(1, 65)]
    assert job_ids == [f"J7-J{i:02d}" for i in range(1, 97)]
    seekers, jobs, qrels = _split()
    assert set(seekers) == set(seeker_ids)          # every row loads: no wage or age the reader refuses
    assert set(jobs) == set(job_ids)
    assert len(qrels) == 142
    assert Counter(qrels.values()) == {2: 102, 1: 40}
    assert all(s in seekers and j in jobs for s, j in qrels)
    per_seeker = Counter(s for s, _ in qrels)
    per_job = Counter(j for _, j in qrels)
    assert set(per_seeker) == set(seeker_ids)       # every seeker has 1–6 graded postings
    assert Counter(per_seeker.values()) == {1: 21, 2: 19, 3: 16, 4: 6, 5: 1, 6: 1}
    assert Counter(per_job.values()) == {1: 46, 2: 29, 3: 8, 4: 1, 5: 2}
    assert sorted(set(job_ids) - set(per_job)) == [   # distractors: postings that fit nobody
        "J7-J07", "J7-J16", "J7-J23", "J7-J33", "J7-J41", "J7-J45", "J7-J72", "J7-J77", "J7-J89", "J7-J90"]


def test_blind7_no_id_collides_with_earlier_splits():
    seeker_ids, job_ids = set(_ids("seekers")), set(_ids("jobs"))
    for split in (name for name in DEV_SPLITS if name != "blind7"):
        old_seekers, old_jobs, _ = load_split(split)
        assert not seeker_ids & {str(s.id) for s in old_seekers}
        assert not job_ids & {str(j.id) for j in old_jobs}


def test_blind7_graded_pairs_break_no_hard_constraint_by_the_oracle():
    seekers, jobs, qrels = _split()
    gazetteer = Gazetteer.builtin()
    flagged = {(s, j): set(violations(seekers[s], jobs[j], gazetteer)) for s, j in qrels}
    unexplained = {pair: broken - KNOWN_ORACLE_MISREADINGS.get(pair, set())
                   for pair, broken in flagged.items()}
    assert {pair: broken for pair, broken in unexplained.items() if broken} == {}
    assert set(KNOWN_ORACLE_MISREADINGS) <= set(qrels)
    assert {pair: flagged[pair] for pair in KNOWN_ORACLE_MISREADINGS} == KNOWN_ORACLE_MISREADINGS   # still misread
