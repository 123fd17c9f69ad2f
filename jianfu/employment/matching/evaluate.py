"""`make eval-matching`: NDCG@10 and Recall@10 of the matcher in both directions on the hand-written
evaluation set (eval/), beside two floors measured in the same run — BM25 (bm25s, character bigrams, no
constraints) and character TF-IDF cosine with the age and place constraints applied — and a count of
top-10 pairs that break a hard constraint (checked by `constraints.violations`, independent of the
matcher's vectorised code).

    python -m jianfu.employment.matching.evaluate [--split dev-all|dev|dev2|dev3|blind2|blind3|blind4|NAME]

Splits (eval/README.md): `dev`, `dev2`, `blind2`–`blind11` (each run once as a blind split in an
earlier session or round, development data since) and `dev3` (written in session 4) are the default, each
and pooled; any other NAME with NAME_seekers.csv, NAME_jobs.csv and NAME_qrels.csv in eval/ runs alone (a
new blind split: once, by the lead); the next is to be called `blind12`.
Bad rows are left out and reported, as the command does; their graded pairs still count (a query left
out scores 0).
"""

from __future__ import annotations

import argparse
import csv
import io
import math
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np

from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.matcher import Matcher
from jianfu.employment.matching.parse import (
    NO_LOCAL_LIMIT,
    ages_counted_in,
    local_restriction,
    normalise_text,
    parse_age,
    parse_age_range,
    works_at_home,
)
from jianfu.employment.matching.places import Gazetteer, distance_level
from jianfu.employment.matching.sheets import SheetError, read_sheet
from jianfu.employment.matching.types import Job, Seeker

EVAL_DIR = Path(__file__).parent / "eval"
K = 10
DEV_SPLITS = ("dev", "dev2", "dev3", "blind2", "blind3", "blind4", "blind5", "blind6",
              "blind7", "blind8", "blind9", "blind10", "blind11", "blind12", "blind13",
              "dev4", "dev5", "blind14", "dev6", "blind15", "blind16", "blind17", "blind18", "blind19",
              "blind20", "blind21", "blind22", "blind23", "blind24", "blind25", "blind26",
              "blind27", "blind28", "blind29", "blind30", "blind31", "blind32", "blind33",
              "blind34", "blind35")   # blind2–35: each run once (sessions 3–35), development data since; dev4, dev5 (session 14), dev6 (session 15): written blind as development data
METHODS = ("matcher", "bm25", "char-tfidf+age+place")
BLIND_SPLIT = "blind37"         # the next blind split: to be written by an outside labeller; none is committed yet
Ranker = Callable[[str, str], list[str]]      # (direction, query id) → ranked ids
EVAL_YEAR = 2026               # the reference year of a seeker's "2018年至今": the year the splits were written
EVAL_DATE = date(2026, 12, 6)  # the day a date written without its year is read from (session 27; the splits' "today")


GRADES = (0, 1, 2)             # 0 not relevant, 1 relevant, 2 a good fit (eval/README.md)
QRELS_COLUMNS = ("seeker_id", "job_id", "grade")


class EvalFileError(Exception):
    """An evaluation file that cannot be used as written: the message (Chinese) names the file and its line."""


def load_split(split: str, folder: Path = EVAL_DIR) -> tuple[list[Seeker], list[Job], dict[tuple[str, str], int]]:
    with ages_counted_in(EVAL_YEAR):   # a birth year reads the same age whatever year the evaluation runs in
        try:
            seekers = read_sheet(folder / f"{split}_seekers.csv", "seekers")
            jobs = read_sheet(folder / f"{split}_jobs.csv", "jobs")
        except SheetError as exc:
            raise EvalFileError(f"评估数据 {split}：{exc}") from None
    if seekers.errors or jobs.errors:
        # as the command does: a bad row is reported and left out; its graded pairs stay in the qrels,
        # so a query left out scores 0 and a document left out is never found (an honest loss)
        print(f"[{split}] rows left out: " + "；".join(map(str, seekers.errors + jobs.errors)))
    if seekers.warnings or jobs.warnings:
        # cells loaded with a part unknown or read roughly (session 14): the row is matched, the reading is named
        print(f"[{split}] cells read as unknown or rough: " + "；".join(map(str, seekers.warnings + jobs.warnings)))
    qrels = read_qrels(folder / f"{split}_qrels.csv", seekers.ids, jobs.ids)
    return ([s for s in seekers.items if isinstance(s, Seeker)], [j for j in jobs.items if isinstance(j, Job)],
            qrels)


def read_qrels(path: Path, seeker_ids: set[str], job_ids: set[str]) -> dict[tuple[str, str], int]:
    """(seeker id, job id) → grade from a qrels CSV (`seeker_id,job_id,grade`). Refused whole (EvalFileError, naming the
    line) for a missing column, a grade outside 0/1/2, an id written in neither its table (a refused row's id is
    written: its pairs count, as a loss), or a pair graded twice — a typo would otherwise score as a silent loss."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise EvalFileError(f"找不到评估文件：{path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalFileError(f"无法读取评估文件 {path}：{exc}") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in QRELS_COLUMNS if c not in header]
    if missing:
        raise EvalFileError(f"{path} 第 1 行（表头）缺少列：{'、'.join(missing)}（应为 {','.join(QRELS_COLUMNS)}）。")
    reader.fieldnames = header
    qrels: dict[tuple[str, str], int] = {}
    lines: dict[tuple[str, str], int] = {}
    for row in reader:
        line = reader.line_num
        cells = {c: (row.get(c) or "").strip() for c in QRELS_COLUMNS}
        if not any(cells.values()):
            continue
        where = f"{path} 第 {line} 行"
        for column in QRELS_COLUMNS:
            if not cells[column]:
                raise EvalFileError(f"{where}：“{column}”列为空。")
        if cells["grade"] not in {str(g) for g in GRADES}:
            raise EvalFileError(f"{where}：等级“{cells['grade'][:20]}”不在 {'/'.join(map(str, GRADES))} 之内。")
        for column, known, table in (("seeker_id", seeker_ids, "求职者表"), ("job_id", job_ids, "岗位表")):
            if cells[column] not in known:
                raise EvalFileError(f"{where}：“{column}”列的编号“{cells[column][:30]}”在{table}中没有。")
        pair = (cells["seeker_id"], cells["job_id"])
        if pair in lines:
            raise EvalFileError(f"{where}：{pair[0]}–{pair[1]} 已在第 {lines[pair]} 行评过等级。")
        lines[pair] = line
        qrels[pair] = int(cells["grade"])
    return qrels


def ndcg_recall(ranked: list[str], gains: dict[str, int]) -> tuple[float, float]:
    dcg = sum((2 ** gains.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked[:K]))
    ideal = sorted(gains.values(), reverse=True)[:K]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    relevant = {d for d, g in gains.items() if g > 0}
    recall = len(relevant & set(ranked[:K])) / len(relevant)
    return dcg / idcg, recall


def per_query(ranker: Ranker, qrels: dict[tuple[str, str], int]) -> dict[str, list[tuple[float, float]]]:
    """(NDCG@10, Recall@10) of every query with a graded pair, in both directions (sorted by query id)."""
    by_seeker: dict[str, dict[str, int]] = defaultdict(dict)
    by_job: dict[str, dict[str, int]] = defaultdict(dict)
    for (s, j), g in qrels.items():
        if g > 0:
            by_seeker[s][j] = g
            by_job[j][s] = g
    return {direction: [ndcg_recall(ranker(direction, q), gains) for q, gains in sorted(queries.items())]
            for direction, queries in (("seekers", by_seeker), ("jobs", by_job))}


def summary(rows: dict[str, list[tuple[float, float]]]) -> dict[str, tuple[float, float, int]]:
    return {d: (float(np.mean([p[0] for p in r])), float(np.mean([p[1] for p in r])), len(r)) for d, r in rows.items()}


def _seeker_text(s: Seeker) -> str:
    return normalise_text(" ".join(str(x) for x in (s.desired, s.experience, s.certificates, s.notes, s.places)))


def _job_text(j: Job) -> str:
    return normalise_text(" ".join(str(x) for x in (j.title, j.description, j.certificates, j.experience, j.benefits)))


def _bigrams(text: str) -> list[str]:
    chars = [c for c in text if not c.isspace()]
    return [a + b for a, b in zip(chars, chars[1:], strict=False)] + chars


def bm25_ranker(seekers: list[Seeker], jobs: list[Job]) -> Ranker:
    import bm25s

    index = {}
    for direction, docs, texts in (("seekers", jobs, [_job_text(j) for j in jobs]),
                                   ("jobs", seekers, [_seeker_text(s) for s in seekers])):
        retriever = bm25s.BM25()
        retriever.index([_bigrams(t) for t in texts], show_progress=False)
        index[direction] = (retriever, [str(d.id) for d in docs])
    queries = {("seekers", str(s.id)): _seeker_text(s) for s in seekers} | \
              {("jobs", str(j.id)): _job_text(j) for j in jobs}

    def rank(direction: str, qid: str) -> list[str]:
        retriever, ids = index[direction]
        if (direction, qid) not in queries:
            return []
        docs, scores = retriever.retrieve([_bigrams(queries[(direction, qid)])], k=min(K, len(ids)), show_progress=False)
        return [ids[int(d)] for d, s in zip(docs[0], scores[0], strict=True) if s > 0]

    return rank


def tfidf_ranker(seekers: list[Seeker], jobs: list[Job], gazetteer: Gazetteer) -> Ranker:
    """Character 1–3-gram TF-IDF cosine, keeping only pairs that pass the age and place constraints."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True)
    vec.fit([_seeker_text(s) for s in seekers] + [_job_text(j) for j in jobs])
    S = vec.transform([_seeker_text(s) for s in seekers])
    J = vec.transform([_job_text(j) for j in jobs])
    sim = (S @ J.T).toarray()
    allowed = np.array([[_age_place_ok(s, j, gazetteer) for j in jobs] for s in seekers])
    sim[~allowed] = -1
    sids, jids = [str(s.id) for s in seekers], [str(j.id) for j in jobs]
    spos, jpos = {k: i for i, k in enumerate(sids)}, {k: i for i, k in enumerate(jids)}

    def rank(direction: str, qid: str) -> list[str]:
        if qid not in (spos if direction == "seekers" else jpos):
            return []
        row = sim[spos[qid]] if direction == "seekers" else sim[:, jpos[qid]]
        ids = jids if direction == "seekers" else sids
        order = np.argsort(-row, kind="stable")[:K]
        return [ids[i] for i in order if row[i] >= 0]

    return rank


def _age_place_ok(s: Seeker, j: Job, gazetteer: Gazetteer) -> bool:
    try:
        age = s.age if isinstance(s.age, int) else parse_age(s.age)
        lo, hi = parse_age_range(j.age)
    except ValueError:
        age, lo, hi = None, None, None
    if age is not None and ((lo is not None and age < lo) or (hi is not None and age > hi)):
        return False
    places = gazetteer.resolve_each(j.place) if j.place else []       # a posting at either listed place
    if places:
        resolved = gazetteer.resolve(s.residence) if s.residence else None
        home = resolved or gazetteer.home_county
        level, named = gazetteer.acceptable(s.places, home=resolved, intent=s.desired, notes=s.notes)
        at_home = len(places) == 1 and len(places[0]) >= 6 and home.startswith(places[0]) and \
            works_at_home(f"{j.title} {j.description}"[:2000])          # home outwork (the oracle's rule)
        if not at_home and not any(distance_level(home, p) <= level or any(p.startswith(c) for c in named)
                                   for p in places):
            return False
        local = local_restriction(f"{j.title} {j.description}"[:2000] + f" {j.benefits}"[:500], j.place)      # "限本乡…" (the oracle's rule)
        if local < NO_LOCAL_LIMIT and resolved and len(resolved) >= (12, 9, 6)[local] and \
                min(distance_level(resolved, p) for p in places) > local:
            return False
    return True


def matcher_ranker(matcher: Matcher) -> Ranker:
    seekers = {str(s.id): s for s in matcher.seekers}
    jobs = {str(j.id): j for j in matcher.jobs}

    def rank(direction: str, qid: str) -> list[str]:
        if direction == "seekers":
            return [r.job_id for r in matcher.jobs_for(seekers[qid], top=K)] if qid in seekers else []
        return [r.seeker_id for r in matcher.seekers_for(jobs[qid], top=K)] if qid in jobs else []

    return rank


def count_violations(matcher: Matcher, gazetteer: Gazetteer) -> tuple[int, int]:
    """(top-10 pairs checked, pairs breaking a hard constraint), both directions, every query."""
    checked = broken = 0
    jobs = {str(j.id): j for j in matcher.jobs}
    seekers = {str(s.id): s for s in matcher.seekers}
    recs = [r for s in matcher.seekers for r in matcher.jobs_for(s, top=K)] + \
           [r for j in matcher.jobs for r in matcher.seekers_for(j, top=K)]
    for r in recs:
        checked += 1
        broken += bool(violations(seekers[r.seeker_id], jobs[r.job_id], gazetteer, today=matcher.today))
    return checked, broken


def evaluate(split: str, *, weights: dict[str, float] | None = None, quiet: bool = False,
             folder: Path = EVAL_DIR) -> dict[str, object]:
    # the postings' age cells are read in the splits' year too (a decade of birth, the 2025 reform's edge: session 27)
    with ages_counted_in(EVAL_YEAR):
        return _evaluate(split, weights=weights, quiet=quiet, folder=folder)


def _evaluate(split: str, *, weights: dict[str, float] | None, quiet: bool, folder: Path = EVAL_DIR) -> dict[str, object]:
    seekers, jobs, qrels = load_split(split, folder)
    gazetteer = Gazetteer.builtin()
    matcher = Matcher(jobs=jobs, seekers=seekers, gazetteer=gazetteer, weights=weights, year=EVAL_YEAR, today=EVAL_DATE)
    rows = {
        "matcher": per_query(matcher_ranker(matcher), qrels),
        "bm25": per_query(bm25_ranker(seekers, jobs), qrels),
        "char-tfidf+age+place": per_query(tfidf_ranker(seekers, jobs, gazetteer), qrels),
    }
    results = {name: summary(r) for name, r in rows.items()}
    checked, broken = count_violations(matcher, gazetteer)
    if not quiet:
        print_table(f"{split}: {len(seekers)} seekers, {len(jobs)} postings, {sum(g > 0 for g in qrels.values())} graded "
                    f"pairs (gazetteer: {gazetteer.source}, {len(gazetteer)} names)", results)
        print(f"hard constraints in the matcher's top-10s: {broken} broken of {checked} pairs checked")
        print(f"(queries with a graded pair: {results['matcher']['seekers'][2]} seekers, {results['matcher']['jobs'][2]} postings)")
    return {"split": split, "results": results, "per_query": rows, "violations": broken, "checked": checked}


def pooled(runs: list[dict[str, object]]) -> dict[str, dict[str, tuple[float, float, int]]]:
    """Means over every query of several splits (each query counts once, whatever its split)."""
    out: dict[str, dict[str, tuple[float, float, int]]] = {}
    for method in METHODS:
        out[method] = {}
        for direction in ("seekers", "jobs"):
            rows = [q for r in runs for q in r["per_query"][method][direction]]  # type: ignore[index]
            out[method][direction] = (float(np.mean([q[0] for q in rows])), float(np.mean([q[1] for q in rows])),
                                      len(rows))
    return out


def print_table(title: str, results: dict[str, dict[str, tuple[float, float, int]]]) -> None:
    print(f"\n== {title}")
    print(f"{'method':24} {'jobs→seeker NDCG@10':>20} {'Recall@10':>10} {'seekers→job NDCG@10':>20} {'Recall@10':>10}")
    for name, r in results.items():
        print(f"{name:24} {r['seekers'][0]:20.3f} {r['seekers'][1]:10.3f} {r['jobs'][0]:20.3f} {r['jobs'][1]:10.3f}")
    floor = results["char-tfidf+age+place"]
    print(f"matcher − char-TF-IDF floor: seekers {results['matcher']['seekers'][0] - floor['seekers'][0]:+.3f}, "
          f"postings {results['matcher']['jobs'][0] - floor['jobs'][0]:+.3f}")
    # The margin is bounded by what the floor leaves (1 − floor): beside it, the share of that shortfall the matcher
    # closes, and the ceiling on the margin (ADR 0029).
    print("share of the floor's shortfall closed: "
          f"seekers {shortfall_closed(results['matcher']['seekers'][0], floor['seekers'][0])}, "
          f"postings {shortfall_closed(results['matcher']['jobs'][0], floor['jobs'][0])}")


def shortfall_closed(matcher: float, floor: float) -> str:
    """'41 % of 0.107' — the share of the floor's distance to a perfect NDCG that the matcher closes, and that
    distance (the largest margin any ranking could have over this floor)."""
    headroom = 1.0 - floor
    if headroom <= 0:
        return "— (the floor is perfect)"
    return f"{(matcher - floor) / headroom:.0%} of {headroom:.3f}"


def available_splits(folder: Path = EVAL_DIR) -> list[str]:
    return sorted(p.name[: -len("_qrels.csv")] for p in folder.glob("*_qrels.csv"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev-all",
                        help="a split of eval/ (dev, dev2, dev3, blind2 … blind7, or any NAME with NAME_{seekers,jobs,qrels}.csv "
                             "there), dev-all (the development splits, each and pooled) or all")
    parser.add_argument("--also-without", default="", metavar="SPLIT",
                        help="print the pooled figures a second time without SPLIT (is a change read from one split "
                             "paid for by the others?)")
    parser.add_argument("--dir", type=Path, default=EVAL_DIR,
                        help="the folder of the split's three files (default: eval/; a new split checked before it is added)")
    args = parser.parse_args()
    folder = args.dir
    if args.split in ("dev-all", "all") and folder == EVAL_DIR:
        chosen: tuple[str, ...] = DEV_SPLITS
    elif args.split in available_splits(folder):
        chosen = (args.split,)
    else:
        raise SystemExit(f"{folder} 中没有评估数据 {args.split!r}（需要 {args.split}_seekers.csv、_jobs.csv、_qrels.csv；"
                         f"现有：{'、'.join(available_splits(folder)) or '无'}）")
    try:
        runs = [evaluate(split, folder=folder) for split in chosen]
    except EvalFileError as exc:
        raise SystemExit(f"评估文件有误，未进行评估：{exc}") from None
    if len(runs) > 1:
        broken = sum(int(r["violations"]) for r in runs)  # type: ignore[call-overload]
        checked = sum(int(r["checked"]) for r in runs)  # type: ignore[call-overload]
        print_table(f"pooled over {' + '.join(chosen)} (each query once)", pooled(runs))
        print(f"hard constraints in the matcher's top-10s: {broken} broken of {checked} pairs checked")
        others = [r for r in runs if r["split"] != args.also_without]
        if args.also_without and 0 < len(others) < len(runs):
            print_table(f"pooled over {' + '.join(str(r['split']) for r in others)} (without {args.also_without})",
                        pooled(others))


if __name__ == "__main__":
    main()
