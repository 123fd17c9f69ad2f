"""A `dispatch_train` killed while it writes the model (SIGKILL: nothing after it runs) leaves the county's
previous model whole and in use; a later training replaces it and, once it is an hour old, clears the torn
temporary file (never sooner: it could be another training's write in progress)."""

import os
import subprocess
import sys
import textwrap
import time

from jianfu.dispatch.routing import LearnedRouter
from jianfu.dispatch.routing.routers import STALE_WRITE_SECONDS

TRAIN_AND_DIE = textwrap.dedent("""
    import os, signal, sys
    import joblib
    from jianfu.dispatch.routing import LearnedRouter

    def torn_dump(payload, target, compress=0):
        with open(target, "wb") as fh:          # part of the file is on disk, then the process is killed
            fh.write(b"\\x80\\x04partial")
            fh.flush()
            os.fsync(fh.fileno())
        os.kill(os.getpid(), signal.SIGKILL)

    model = LearnedRouter.load(sys.argv[1])      # stands for a freshly trained model: the write is what is killed
    joblib.dump = torn_dump
    model.save(sys.argv[1])
    print("not reached")
""")


def tiny_model(catalogue) -> LearnedRouter:
    matters, departments = catalogue
    texts = ["小区路灯坏了好几天"] * 3 + ["老板拖欠工资不给"] * 3 + ["村里的河道有人倒垃圾"] * 3
    labels = ["住房和城乡建设局"] * 3 + ["人力资源和社会保障局"] * 3 + ["生态环境局"] * 3
    return LearnedRouter(matters=matters, departments=departments).fit(texts, labels)


def test_a_training_killed_mid_write_leaves_the_previous_model_whole(tmp_path, catalogue):
    model = tiny_model(catalogue)
    path = tmp_path / "router.pkl"
    model.save(path)
    before = path.read_bytes()

    run = subprocess.run([sys.executable, "-c", TRAIN_AND_DIE, str(path)], capture_output=True, text=True,
                         env={"JIANFU_ROUTING_EMBEDDING": "0", "PATH": "/usr/bin:/bin"}, timeout=300)
    assert run.returncode == -9 and "not reached" not in run.stdout, run.stderr
    assert path.read_bytes() == before                          # the county's model is untouched
    [torn] = tmp_path.glob("router.pkl.*.tmp")                   # the write's own temporary file
    assert torn.read_bytes() == b"\x80\x04partial"               # the torn write went only to it
    assert LearnedRouter.load(path).labels == model.labels

    model.save(path)                                             # a training soon after: the torn file may be another's
    assert torn.exists() and LearnedRouter.load(path).labels == model.labels
    old = time.time() - STALE_WRITE_SECONDS - 60
    os.utime(torn, (old, old))
    model.save(path)                                             # an hour later it is surely a killed write: cleared
    assert not torn.exists() and list(tmp_path.iterdir()) == [path]
    assert LearnedRouter.load(path).labels == model.labels


def test_two_saves_never_share_a_temporary_file(tmp_path, catalogue, monkeypatch):
    import joblib

    model = tiny_model(catalogue)
    targets = []
    real_dump = joblib.dump
    monkeypatch.setattr(joblib, "dump", lambda payload, target, **kw: (targets.append(target), real_dump(payload, target, **kw)))
    model.save(tmp_path / "router.pkl")
    model.save(tmp_path / "router.pkl")
    assert len(set(targets)) == 2 and all(t.name.startswith("router.pkl.") and t.suffix == ".tmp" for t in targets)
    assert list(tmp_path.iterdir()) == [tmp_path / "router.pkl"]
