"""A `dispatch_train` killed while it writes the model (SIGKILL: nothing after it runs) leaves the county's
previous model whole and in use; the next training replaces it and clears the torn temporary file."""

import subprocess
import sys
import textwrap

from jianfu.dispatch.routing import LearnedRouter

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
    torn = tmp_path / "router.pkl.tmp"
    assert torn.read_bytes() == b"\x80\x04partial"               # the torn write went only to the temporary file
    assert LearnedRouter.load(path).labels == model.labels

    model.save(path)                                             # the next training: whole file, temp file gone
    assert not torn.exists() and LearnedRouter.load(path).labels == model.labels
