"""The e5 vectors the test suite reads instead of embedding: every catalogue passage and training event a test routes
costs the transformer about 0.6 ms of CPU per token, about 56 s per catalogue router and 2 minutes per learned fit.

Two places, one file name per model (`embedding.vectors_file_name`):
- ``vectors/`` beside this file, committed: the vectors of the project's own texts (the catalogue, the generated
  training events, the texts written in the tests; never a real message), made by `scripts/routing_test_vectors.py`.
  A fresh clone, and so every CI run, starts from it.
- ``var/cache/routing-tests/``, never committed: what the runs on this machine added since (a changed snippet, a new
  test's text). Seeded from the committed file when it has none.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

COMMITTED_VECTORS = Path(__file__).resolve().parent / "vectors"
SHARED_VECTORS = Path(__file__).resolve().parents[4] / "var" / "cache" / "routing-tests"


def vectors_directory() -> Path:
    """Where this run keeps its vectors: ``JIANFU_TEST_VECTORS`` (the regeneration script's empty folder) or var/."""
    return Path(os.environ.get("JIANFU_TEST_VECTORS") or SHARED_VECTORS)


def seed_from_committed(directory: Path) -> bool:
    """Copy the committed vectors of the installed model into `directory` when it has no file of its own yet; True
    when copied. Atomic (a file of this process's own, renamed into place): two test workers may start together."""
    from jianfu.dispatch.routing.embedding import get_embedder, vectors_file_name

    if os.environ.get("JIANFU_TEST_VECTORS") or get_embedder() is None:
        return False  # the regeneration starts empty; without the model there is nothing to read
    name = vectors_file_name()
    source, target = COMMITTED_VECTORS / name, directory / name
    if target.exists() or not source.exists():
        return False
    directory.mkdir(parents=True, exist_ok=True)
    partial = directory / f"{name}.{os.getpid()}.seeding"
    shutil.copyfile(source, partial)
    partial.replace(target)
    return True
