"""The sixth blind evaluation split (`eval/blind6_*`, session 6, written by an outside labeller) loads whole, its
counts and grade histogram are the ones written, and no graded pair breaks a hard constraint by the independent
oracle `constraints.violations` (its three misreadings found by the writer fixed after the one blind run). Only
loading and the oracle are run here."""

from collections import Counter

from jianfu.employment.matching.evaluate import BLIND_SPLIT, DEV_SPLITS
from jianfu.employment.tests.eval_splits import (
    graded_per_query,
    ids_in_file,
    loaded,
    oracle_flags,
    shared_ids,
)

# The writer's three oracle misreadings, kept from the tuners until the one blind run and fixed after it (session 6),
# pinned here so that none comes back: "不加夜班" read as a night demand (H-S01/H-S28×H-J02); "母婴护理员证" read as
# also requiring 养老护理员证 through the "护理员证" inside it (H-S12×H-J58); 助老员 (cleaning, shopping, company for old
# people at home) placed among the nursing trades and given their lifting (H-S03×H-J61).




def test_blind6_was_run_once_and_is_development_data_now():
    # run once by the lead in session 6 (docs/matching.md); development data since
    assert "blind6" in DEV_SPLITS and BLIND_SPLIT not in DEV_SPLITS


def test_blind6_counts_ids_and_grades():
    seeker_ids, job_ids = ids_in_file("blind6", "seekers"), ids_in_file("blind6", "jobs")
    assert seeker_ids == [f"H-S{i:02d}" for i in range(1, 62)]
    assert job_ids == [f"H-J{i:02d}" for i in range(1, 88)]
    seekers, jobs, qrels = loaded("blind6")
    assert set(seekers) == set(seeker_ids)          # every row loads: no wage or age the reader refuses
    assert set(jobs) == set(job_ids)
    assert len(qrels) == 120
    assert Counter(qrels.values()) == {2: 80, 1: 40}
    assert all(s in seekers and j in jobs for s, j in qrels)
    per_seeker, per_job = graded_per_query(qrels)
    assert set(per_seeker) == set(seeker_ids)       # every seeker has 1–5 graded postings
    assert Counter(per_seeker.values()) == {1: 26, 2: 18, 3: 12, 4: 3, 5: 2}
    assert Counter(per_job.values()) == {1: 58, 2: 11, 3: 12, 4: 1}
    assert sorted(set(job_ids) - set(per_job)) == ["H-J17", "H-J22", "H-J26", "H-J39", "H-J43"]   # distractors


def test_blind6_no_id_collides_with_earlier_splits():
    assert shared_ids("blind6") == set()


def test_blind6_graded_pairs_break_no_hard_constraint_by_the_oracle():
    assert oracle_flags("blind6") == {}
