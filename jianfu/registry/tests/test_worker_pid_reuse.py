"""codereview16b #3: `batch_is_stale` took any live process of this host with the claim's process id for the worker
and ignored an expired lease, so after a reboot (or once the id was reused) a batch stayed 导入中 forever. A claim
now names the machine's boot id and the process's start time too (/proc); without /proc the lease decides."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys

import pytest
from django.utils import timezone

from jianfu.registry import imports
from jianfu.registry.models import ImportBatch

HOST = socket.gethostname()


def _claim(worker: str, *, lease_minutes: int) -> ImportBatch:
    return ImportBatch(
        status=ImportBatch.Status.COMMITTING,
        worker=worker,
        lease_until=timezone.now() + dt.timedelta(minutes=lease_minutes),
    )


def _fake_proc(tmp_path, *, boot: str, pids: dict[int, int]):
    (tmp_path / "sys/kernel/random").mkdir(parents=True)
    (tmp_path / "sys/kernel/random/boot_id").write_text(boot + "\n")
    for pid, start in pids.items():
        (tmp_path / str(pid)).mkdir()
        # field 2 with a space and a parenthesis, as a command name may have; field 22 is the start time
        fields = ["S", *[str(n) for n in range(4, 22)], str(start), "0", "0"]
        (tmp_path / str(pid) / "stat").write_text(f"{pid} (huey (w) 1) {' '.join(fields)}\n")
    return tmp_path


def test_the_claim_names_this_boot_and_the_processs_start_time(tmp_path, monkeypatch):
    monkeypatch.setattr(
        imports,
        "PROC",
        _fake_proc(tmp_path, boot="6f1c2a3b-4d5e-6f70-8192-a3b4c5d6e7f8", pids={os.getpid(): 453805}),
    )
    assert imports.worker_identity() == f"{HOST}:{os.getpid()}:6f1c2a3b4d5e6f70:453805"


def test_a_live_worker_is_not_stale_however_old_its_lease():
    me = imports.worker_identity()
    assert me.count(":") == 3  # this test machine has /proc
    assert imports.batch_is_stale(_claim(me, lease_minutes=-600)) is False


@pytest.mark.parametrize("why", ["reused_pid", "rebooted"])
def test_a_reused_process_id_is_not_the_worker(tmp_path, monkeypatch, why):
    """The claim's process id runs (this very process), but it is another process: started at another time, or the
    machine was rebooted since the claim. Stale at once, whatever its lease says."""
    monkeypatch.setattr(
        imports,
        "PROC",
        _fake_proc(tmp_path, boot="6f1c2a3b-4d5e-6f70-8192-a3b4c5d6e7f8", pids={os.getpid(): 900}),
    )
    boot, start = ("6f1c2a3b4d5e6f70", "899") if why == "reused_pid" else ("0123456789abcdef", "900")
    claim = f"{HOST}:{os.getpid()}:{boot}:{start}"
    assert imports.batch_is_stale(_claim(claim, lease_minutes=-1)) is True
    assert imports.batch_is_stale(_claim(claim, lease_minutes=30)) is True
    assert (
        imports.batch_is_stale(_claim(f"{HOST}:{os.getpid()}:6f1c2a3b4d5e6f70:900", lease_minutes=-1))
        is False
    )


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_claim_of_a_process_that_ended_is_stale_whatever_its_lease(tmp_path, monkeypatch):
    dead = _dead_pid()
    assert (
        imports.batch_is_stale(
            _claim(imports.worker_identity().replace(f":{os.getpid()}:", f":{dead}:"), lease_minutes=30)
        )
        is True
    )
    monkeypatch.setattr(imports, "PROC", tmp_path / "absent")
    assert imports.batch_is_stale(_claim(f"{HOST}:{dead}", lease_minutes=30)) is True


def test_without_proc_a_live_process_id_proves_nothing_and_the_lease_decides(tmp_path, monkeypatch):
    """No /proc (not Linux): the claim is host:pid; its process id running may be another process's — the lease
    decides. The same for a claim of old (host:pid) judged where /proc is."""
    assert imports.batch_is_stale(_claim(f"{HOST}:{os.getpid()}", lease_minutes=-1)) is True
    assert imports.batch_is_stale(_claim(f"{HOST}:{os.getpid()}", lease_minutes=30)) is False
    monkeypatch.setattr(imports, "PROC", tmp_path / "absent")
    me = imports.worker_identity()
    assert me == f"{HOST}:{os.getpid()}"
    assert imports.batch_is_stale(_claim(me, lease_minutes=-1)) is True
    assert imports.batch_is_stale(_claim(me, lease_minutes=30)) is False
    # a claim made where /proc was, judged where it is not: by the lease too
    claim = f"{HOST}:{os.getpid()}:6f1c2a3b4d5e6f70:900"
    assert imports.batch_is_stale(_claim(claim, lease_minutes=-1)) is True
    assert imports.batch_is_stale(_claim(claim, lease_minutes=30)) is False


def test_another_hosts_claim_is_judged_by_its_lease():
    claim = f"{HOST}-other:{os.getpid()}:6f1c2a3b4d5e6f70:900"
    assert imports.batch_is_stale(_claim(claim, lease_minutes=-1)) is True
    assert imports.batch_is_stale(_claim(claim, lease_minutes=30)) is False
