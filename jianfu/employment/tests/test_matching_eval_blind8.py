"""The eighth blind evaluation split (`eval/blind8_*`, session 8, written by an outside labeller) loads whole, its
counts and grade histogram are the ones written, no id collides with an earlier split, and no graded pair breaks a
hard constraint by the independent oracle `constraints.violations`, apart from the writer's known oracle
misreadings below. Only loading and the oracle are run here."""

import csv
from collections import Counter

from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.evaluate import BLIND_SPLIT, DEV_SPLITS, EVAL_DIR, load_split
from jianfu.employment.matching.places import Gazetteer

# Graded pairs the oracle flags although the rows meet every hard constraint (the oracle misreads the text); the
# writer kept the grades and the wording. The reasons are in the emp-blind8 report, kept from the tuners until the
# one blind run. A fix of the oracle that stops flagging one of them fails the last assertion: remove it here then.
KNOWN_ORACLE_MISREADINGS = {
    ("K8-S57", "K8-J72"): {"place"},
}


def _ids(kind):
    with open(EVAL_DIR / f"blind8_{kind}.csv", encoding="utf-8") as fh:
        return [row[0] for row in csv.reader(fh)][1:]


def _split():
    seekers, jobs, qrels = load_split("blind8")
    return {str(s.id): s for s in seekers}, {str(j.id): j for j in jobs}, qrels


def test_blind8_is_the_blind_split_and_not_development_data():
    assert BLIND_SPLIT == "blind8" and "blind8" not in DEV_SPLITS


def test_blind8_counts_ids_and_grades():
    seeker_ids, job_ids = _ids("seekers"), _ids("jobs")
    assert seeker_ids == [f"K8-S{i:02d}" for i in range(1, 59)]
    assert job_ids == [f"K8-J{i:02d}" for i in range(1, 81)]
    seekers, jobs, qrels = _split()
    assert set(seekers) == set(seeker_ids)          # every row loads: no wage or age the reader refuses
    assert set(jobs) == set(job_ids)
    assert len(qrels) == 101
    assert Counter(qrels.values()) == {2: 75, 1: 26}
    assert all(s in seekers and j in jobs for s, j in qrels)
    per_seeker = Counter(s for s, _ in qrels)
    per_job = Counter(j for _, j in qrels)
    assert set(per_seeker) == set(seeker_ids)       # every seeker has 1–8 graded postings
    assert Counter(per_seeker.values()) == {1: 31, 2: 18, 3: 6, 4: 2, 8: 1}
    assert Counter(per_job.values()) == {1: 47, 2: 14, 3: 7, 5: 1}
    assert sorted(set(job_ids) - set(per_job)) == [   # distractors: postings that fit nobody
        "K8-J09", "K8-J12", "K8-J20", "K8-J25", "K8-J29", "K8-J37", "K8-J40", "K8-J61", "K8-J64", "K8-J67",
        "K8-J76"]


def test_blind8_no_id_collides_with_earlier_splits():
    seeker_ids, job_ids = set(_ids("seekers")), set(_ids("jobs"))
    for split in DEV_SPLITS:
        old_seekers, old_jobs, _ = load_split(split)
        assert not seeker_ids & {str(s.id) for s in old_seekers}
        assert not job_ids & {str(j.id) for j in old_jobs}


def test_blind8_graded_pairs_break_no_hard_constraint_by_the_oracle():
    seekers, jobs, qrels = _split()
    gazetteer = Gazetteer.builtin()
    flagged = {(s, j): set(violations(seekers[s], jobs[j], gazetteer)) for s, j in qrels}
    unexplained = {pair: broken - KNOWN_ORACLE_MISREADINGS.get(pair, set())
                   for pair, broken in flagged.items()}
    assert {pair: broken for pair, broken in unexplained.items() if broken} == {}
    assert set(KNOWN_ORACLE_MISREADINGS) <= set(qrels)
    assert {pair: flagged[pair] for pair in KNOWN_ORACLE_MISREADINGS} == KNOWN_ORACLE_MISREADINGS   # still misread
