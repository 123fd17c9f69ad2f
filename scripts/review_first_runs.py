"""Clause-level errors of an archived review engine on a written split, as a new writer's first run met them.

Session 11 (docs/review.md "Session 11 (branch review-dev)"): run inside a `git archive` of the engine at the commit of
the split's one blind run, with the split file as it was then, e.g.

    git archive c7d06e7 | tar -x -C /tmp/rv_c7d06e7 && ln -s /work/main/.venv /tmp/rv_c7d06e7/.venv
    cd /tmp/rv_c7d06e7 && nice -n 19 env PYTHONPATH=. .venv/bin/python /path/to/scripts/review_first_runs.py \
        jianfu/review/corpus/blind6.yaml

It adapts to the engine's `Item` of that time (rules or groups as gold labels). Prints P / R (TP/FP/FN) and each
false positive (with its trap) and miss. Never run it on a split that is still blind.
"""

import dataclasses
import sys

import yaml

from jianfu.review.engine import evaluate as ev


def main(path: str) -> int:
    with open(path, encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    catalogue = ev.load_catalogue()
    fields = {f.name: f for f in dataclasses.fields(ev.Item)}
    tp = fp = fn = 0
    lines = []
    for row in raw:
        values = {
            "id": row["id"],
            "text": row["text"],
            "issuer": row.get("issuer", "unknown"),
            "trap": row.get("trap", ""),
            "legal": bool(row.get("legal", False)),
            "title": row.get("title", ""),
            "rules": frozenset(row.get("rules") or row.get("groups") or ()),
            "groups": frozenset(row.get("groups") or ()),
        }
        kwargs = {name: values[name] for name in fields if name in values}
        item = ev.Item(**kwargs)
        pred = ev.predict(item, catalogue)
        gold = bool(row.get("groups") or row.get("rules"))
        if gold and pred:
            tp += 1
        elif pred:
            fp += 1
            lines.append(f"FP {row['id']} trap={row.get('trap', '')} pred={sorted(pred)} {row['text']}")
        elif gold:
            fn += 1
            lines.append(f"FN {row['id']} gold={row.get('groups') or row.get('rules')} {row['text']}")
    print(f"clause level P {tp / max(1, tp + fp):.3f} R {tp / max(1, tp + fn):.3f} (TP/FP/FN {tp}/{fp}/{fn})")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
