"""Session 36 (perf36): the row tables built in forked workers for a batch run (`forked.build_table`) are the tables
the serial build gives, field by field — every array bit for bit, every list row for row."""

from __future__ import annotations

import dataclasses
from datetime import date

import numpy as np
import pytest

from jianfu.employment.matching import Gazetteer, Matcher, forked, synth
from jianfu.employment.matching.features import build_jobs, build_seekers


def _assert_same_table(a: object, b: object) -> None:
    assert type(a) is type(b)
    for f in dataclasses.fields(a):  # type: ignore[arg-type]
        x, y = getattr(a, f.name), getattr(b, f.name)
        if isinstance(x, list):
            assert x == y, f.name
        else:
            assert x.dtype == y.dtype and x.shape == y.shape, f.name
            np.testing.assert_array_equal(x, y, err_msg=f.name)


@pytest.fixture(scope="module")
def rows() -> tuple[list, list]:
    geography = synth.Geography.province(cities=2, counties=2, towns=3)
    return (list(synth.seekers(400, seed=361, geography=geography, bad_rate=0.1)),
            list(synth.jobs(300, seed=362, geography=geography)))


@pytest.mark.parametrize("processes", [2, 3])
def test_forked_tables_are_the_serial_tables(rows, monkeypatch, processes):
    seekers, jobs = rows
    monkeypatch.setattr(forked, "MIN_ROWS_TO_FORK", 10)
    gaz, today = Gazetteer.builtin(), date(2026, 12, 8)
    _assert_same_table(forked.build_table(build_seekers, seekers, processes, gazetteer=gaz, year=2026, today=today),
                       build_seekers(seekers, gaz, year=2026, today=today))
    _assert_same_table(forked.build_table(build_jobs, jobs, processes, gazetteer=gaz, today=today),
                       build_jobs(jobs, gaz, today=today))
    assert forked._PENDING is None          # nothing of the build is left behind for a later fork


def test_a_matcher_built_forked_recommends_as_the_serial_one(rows, monkeypatch):
    seekers, jobs = rows
    monkeypatch.setattr(forked, "MIN_ROWS_TO_FORK", 10)
    serial = Matcher(jobs=jobs, seekers=seekers)
    parallel = Matcher(jobs=jobs, seekers=seekers, build_processes=2)
    np.testing.assert_array_equal(parallel.svec, serial.svec)
    np.testing.assert_array_equal(parallel.jvec, serial.jvec)
    for s in seekers[::57]:
        assert [(r.job_id, r.score) for r in parallel.jobs_for(s)] == [(r.job_id, r.score) for r in serial.jobs_for(s)]


def test_few_rows_or_one_process_build_in_this_process(rows, monkeypatch):
    seekers, _ = rows
    monkeypatch.setattr(forked, "_build_slice", lambda bound: pytest.fail("forked below the threshold"))
    gaz = Gazetteer.builtin()
    _assert_same_table(forked.build_table(build_seekers, seekers, 2, gazetteer=gaz), build_seekers(seekers, gaz))
    monkeypatch.setattr(forked, "MIN_ROWS_TO_FORK", 10)
    _assert_same_table(forked.build_table(build_seekers, seekers, 1, gazetteer=gaz), build_seekers(seekers, gaz))


def test_a_process_running_other_threads_builds_in_this_process(rows, monkeypatch):
    """Forking beside other threads can leave a lock held in the children (it hung the builders under the test
    runner's threads): with a second thread alive the build is serial."""
    import threading

    seekers, _ = rows
    monkeypatch.setattr(forked, "MIN_ROWS_TO_FORK", 10)
    monkeypatch.setattr(forked, "_build_slice", lambda bound: pytest.fail("forked beside another thread"))
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        gaz = Gazetteer.builtin()
        _assert_same_table(forked.build_table(build_seekers, seekers, 2, gazetteer=gaz), build_seekers(seekers, gaz))
    finally:
        stop.set()
        other.join()
