"""`python -m bench [topic ...]`: run every bench/bench_*.py (or the named topics), print one table,
write var/bench/results.json."""

from __future__ import annotations

import importlib
import json
import pathlib
import sys
import traceback

ROOT = pathlib.Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    if argv[:1] == ["--markdown"]:  # the table of the last run, for docs/benchmarks.md
        print_markdown(json.loads(pathlib.Path("var/bench/results.json").read_text()))
        return 0
    wanted = set(argv)
    modules = sorted(p.stem for p in ROOT.glob("bench_*.py"))
    results: list[dict] = []
    failed = []
    for name in modules:
        topic = name.removeprefix("bench_")
        if wanted and topic not in wanted:
            continue
        print(f"== {topic}", flush=True)
        try:
            rows = importlib.import_module(f"bench.{name}").run()
        except Exception:  # a broken benchmark is reported, the others still run
            traceback.print_exc()
            failed.append(topic)
            continue
        for r in rows:
            r.setdefault("topic", topic)
        results.extend(rows)
    out = pathlib.Path("var/bench")
    out.mkdir(parents=True, exist_ok=True)
    from bench.common import SMOKE

    path = out / ("smoke-results.json" if SMOKE else "results.json")  # a smoke run never replaces real figures
    if wanted and path.exists():
        # A partial run replaces only its own topics' rows and keeps the rest of the last full run.
        ran = {r["topic"] for r in results}
        kept = [r for r in json.loads(path.read_text()) if r.get("topic") not in ran]
        results = kept + results
    path.write_text(json.dumps(results, ensure_ascii=False, indent=2))
    print_table(results)
    if failed:
        print("failed benchmarks:", ", ".join(failed))
    return 1 if failed else 0


def print_table(results: list[dict]) -> None:
    cols = ["topic", "name", "median_s", "floor_median_s", "ratio", "peak_mb"]
    extras = sorted({k for r in results for k in r} - set(cols))
    header = cols + extras
    lines = [header] + [[_fmt(r.get(c)) for c in header] for r in results]
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(header))]
    for line in lines:
        print("  ".join(str(v).ljust(w) for v, w in zip(line, widths, strict=True)))


def print_markdown(results: list[dict]) -> None:
    cols = ["topic", "name", "median_s", "floor_median_s", "ratio", "peak_mb"]
    print("| " + " | ".join(cols + ["other figures"]) + " |")
    print("|" + "---|" * (len(cols) + 1))
    for r in results:
        extra = ", ".join(f"{k}={_fmt(v)}" for k, v in r.items() if k not in cols)
        print("| " + " | ".join(_fmt(r.get(c)) for c in cols) + f" | {extra} |")


def _fmt(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
