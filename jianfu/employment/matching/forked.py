"""Row tables built in forked workers, for the batch only (the offices' `employment_match` run and `make bench`).

The featurisation reads each row alone (`features.build_seekers` / `build_jobs` give the same row whatever rows stand
beside it), so contiguous slices of the rows can be built in parallel and their tables joined: the same table, built
in about half the time on two cores (at the seed's scale the serial build took ~13 min of CPU, more than the batch's
blocks). Opt-in, never the default: `Matcher()` is also built inside the web server's and the queue's threaded
workers, and forking a threaded process risks a deadlock (a lock held by another thread at the fork stays held).
"""

from __future__ import annotations

import dataclasses
import os
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import numpy as np

T = TypeVar("T")

MIN_ROWS_TO_FORK = 20_000       # below this, starting the workers and shipping the tables back costs more than it saves

# The build in progress, read by the forked workers (inherited at the fork: nothing of the rows is pickled on the way
# out, only the built tables on the way back).
_PENDING: tuple[Callable[..., Any], Sequence[Any], dict[str, Any]] | None = None


def build_processes() -> int:
    """JIANFU_MATCH_PROCS (default: the machine's cores, at most 2, as `batch.batch_processes`)."""
    return int(os.environ.get("JIANFU_MATCH_PROCS", "0")) or min(2, os.cpu_count() or 1)


def build_table(build: Callable[..., T], rows: Sequence[Any], processes: int, **kwargs: Any) -> T:
    """`build(rows, **kwargs)`, the rows split into `processes` contiguous slices built by forked workers and the
    tables joined in order (`concat`). Serial below `MIN_ROWS_TO_FORK` rows or with one process."""
    # a process running other threads is never forked (a lock one of them holds at the fork stays held in the
    # children: a test runner's or a server's threads hung the builders in CI); the build is then serial
    if processes <= 1 or len(rows) < MIN_ROWS_TO_FORK or threading.active_count() > 1:
        return build(rows, **kwargs)
    import multiprocessing

    global _PENDING
    bounds = np.linspace(0, len(rows), processes + 1).astype(int)
    _PENDING = (build, rows, kwargs)
    try:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            parts: list[T] = pool.map(_build_slice, list(zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True)))
    finally:
        _PENDING = None
    return concat(parts)


def _build_slice(bound: tuple[int, int]) -> Any:
    assert _PENDING is not None, "built outside build_table"
    build, rows, kwargs = _PENDING
    return build(rows[bound[0]:bound[1]], **kwargs)


def concat(parts: list[T]) -> T:
    """One table of the row tables `parts`, in order: every field is a list of rows or an array whose first axis is
    the rows (`features.SeekerTable`, `features.JobTable`)."""
    first = parts[0]
    joined: dict[str, Any] = {}
    for f in dataclasses.fields(first):  # type: ignore[arg-type]
        values = [getattr(p, f.name) for p in parts]
        if isinstance(values[0], list):
            joined[f.name] = [row for value in values for row in value]
        else:
            joined[f.name] = np.concatenate(values, axis=0)
    return type(first)(**joined)
