"""The fourth blind evaluation split (`eval/blind4_*`, session 4's second round) loads, its grades are well
formed, and no graded pair breaks a hard constraint by the independent oracle `constraints.violations` —
its four former misreadings fixed. Only loading and the oracle are run here. The split
was run by the lead in session 4 and is development data since session 5 (blind5 and blind6 were sessions 5's and 6's blind splits)."""

from collections import Counter

from jianfu.employment.matching.evaluate import BLIND_SPLIT, DEV_SPLITS
from jianfu.employment.tests.eval_splits import (
    graded_per_query,
    ids_in_file,
    loaded,
    oracle_flags,
    shared_ids,
)

# Fixed since it was written (sessions 4–5), and pinned so that none comes back: F-S03's 期望薪资 "不低于最低工资"
# (now read as the minimum wage) was left out; the oracle misread four graded pairs — a posting at "北海市区、廉州镇"
# resolved to 北海市区 only (F-S11×F-J18), "母婴护理师证，没有的公司免费送培训" read as a required certificate
# (F-S11/F-S28×F-J18), "去深圳东莞也行" not read as 深圳 (F-S12×F-J34), 合浦工业园 resolved to the county rather than
# 廉州镇 (F-S19×F-J29).


def test_blind4_was_run_and_is_development_data_now():
    # run by the lead in session 4 (first blind, then again after the parser fixes); development data from
    # session 6 on
    assert "blind4" in DEV_SPLITS and BLIND_SPLIT not in DEV_SPLITS


def test_blind4_counts_ids_and_grades():
    seeker_ids, job_ids = ids_in_file("blind4", "seekers"), ids_in_file("blind4", "jobs")
    assert seeker_ids == [f"F-S{i:02d}" for i in range(1, 36)]
    assert job_ids == [f"F-J{i:02d}" for i in range(1, 48)]
    seekers, jobs, qrels = loaded("blind4")
    assert set(jobs) == set(job_ids)
    assert set(seekers) == set(seeker_ids)                     # every row loads (F-S03 included)
    assert len(qrels) == 56
    assert Counter(qrels.values()) == {2: 36, 1: 20}
    assert all(s in seeker_ids and j in job_ids for s, j in qrels)
    per_seeker, per_job = graded_per_query(qrels)
    assert set(per_seeker) == set(seeker_ids)                  # every seeker has 1–4 graded postings
    assert min(per_seeker.values()) == 1 and max(per_seeker.values()) == 4
    assert max(per_job.values()) == 4
    assert len(job_ids) - len(per_job) == 8                    # postings no seeker fits (distractors)


def test_blind4_no_id_collides_with_earlier_splits():
    assert shared_ids("blind4") == set()


def test_blind4_graded_pairs_break_no_hard_constraint_by_the_oracle():
    assert oracle_flags("blind4") == {}
