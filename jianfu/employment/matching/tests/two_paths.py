"""What the blind-read tests ask of both formulations of the matcher — the numba kernel and the numpy one — so that a
constraint read for one is shown to hold in the other (blind19–21 each wrote these three helpers)."""

from __future__ import annotations

import pytest

from jianfu.employment.matching import Gazetteer, Job, Seeker, matcher

GAZ = Gazetteer.builtin()


def offered(seeker: Seeker, jobs: list[Job], *, kernel: bool, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The postings offered to `seeker` by the kernel (numba) or by the numpy formulation."""
    monkeypatch.setattr(matcher, "USE_KERNEL", kernel)
    return sorted(r.job_id for r in matcher.Matcher(jobs=jobs, seekers=[seeker], gazetteer=GAZ).jobs_for(seeker))


def takers(job: Job, seekers: list[Seeker], *, kernel: bool, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The seekers offered `job` by the kernel (numba) or by the numpy formulation."""
    monkeypatch.setattr(matcher, "USE_KERNEL", kernel)
    return sorted(r.seeker_id for r in matcher.Matcher(jobs=[job], seekers=seekers, gazetteer=GAZ).seekers_for(job))


both_paths = pytest.mark.parametrize("kernel", [True, False], ids=["kernel", "numpy"])
