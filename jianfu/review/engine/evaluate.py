"""`python -m jianfu.review.engine.evaluate [--split dev|heldout|all|real|…] [--blind] [--rules] [--errors]`

Blind real sets (REAL_BLIND_SPLITS) never run by default: only with --blind, once, recording the first-run figure in
docs/review.md.

Precision and recall of the engine on the annotated corpus (jianfu/review/corpus/*.yaml), per rule
group and overall. A clause counts once per group: a true positive when the engine flags some rule of
a group the annotation lists, a false positive when it flags a group the annotation does not list, a
false negative when it misses an annotated group. `--rules` adds the stricter rule-level figures.
Targets (issue 5): overall precision ≥ 0.90 and recall ≥ 0.85. Splits: dev (used to write the rules),
heldout (written before the rules), challenge and challenge2 (adversarial paraphrases), blind3 and
blind4 (written blind by a second author, annotated with rule GROUPS only: `groups: [INS]`; they are
evaluated at group level, and rule-level figures are n/a). See corpus/DATA_CARD.md.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from . import realdocs
from .adjudication import adjudicated_groups, load_adjudications
from .context import legal_instrument
from .corpus import (
    CORPUS_DIR,
    SPLITS,
    CorpusFileError,
    Item,
    available_splits,
    gold_groups,
    group_of,
    is_positive,
    kind_of,
    load_split,
)
from .matcher import match_clause
from .rules import GROUPS, Catalogue, load_catalogue
from .structure import Clause, detect_issuer

# Every real set whose errors have been read is a development set now (the first five blind sets were each run
# once as blind, then studied; docs/review.md keeps their first-run figures). Blind sets run only on request
# (--blind), once, and the first run is recorded in docs/review.md: after that they are development sets too.
# real_blind7 (the second labeller's set, corpus/DATA_CARD.md) was run once as blind (docs/review.md) and is a
# development set since session 5, real_blind8 (the third labeller's) since session 6, real_blind9 and real_blind10 (the
# fourth's and fifth's) since their one run in sessions 6 and 7, real_blind11 (the sixth's) since its one run in session
# 19, real_blind12 (the seventh's) since its one run in session 20, real_blind13 (the eighth's) since its one run in
# session 21; the lead registers the next blind set here.
REAL_DEV_SPLITS = ("real_dev", "real_blind", "real_blind2", "real_blind3", "real_blind4", "real_blind5", "real_blind6",
                   "real_blind7", "real_blind8", "real_blind9", "real_blind10", "real_blind11", "real_blind12",
                   "real_blind13")   # real_blind13: run once in session 21
REAL_BLIND_SPLITS: tuple[str, ...] = ()   # real_blind13 (an eighth labeller) was run once in session 21 (docs/review.md)
REAL_SPLITS = REAL_DEV_SPLITS + REAL_BLIND_SPLITS

# Who labelled which real set (corpus/DATA_CARD.md): the project's own early sets, then one new labeller per set. The
# leave-one-labeller-out view (--by-labeller) groups the sets by labeller, so that a change written from one labeller's
# errors is judged on the others' sets.
LABELLERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("first (project)", ("real_dev", "real_blind", "real_blind2", "real_blind3", "real_blind4", "real_blind5",
                         "real_blind6")),
    ("second", ("real_blind7",)),
    ("third", ("real_blind8",)),
    ("fourth", ("real_blind9",)),
    ("fifth", ("real_blind10",)),
    ("sixth", ("real_blind11",)),
    ("seventh", ("real_blind12",)),
    ("eighth", ("real_blind13",)),
)

__all__ = ["CORPUS_DIR", "SPLITS", "Item", "available_splits", "evaluate", "gold_groups", "group_of", "is_positive",
           "load_split", "main", "predict"]



def predict(item: Item, catalogue: Catalogue) -> set[str]:
    clause = Clause(index=0, text=item.text, number="", level=None, heading_path=[], paragraph_index=0, page=None,
                    start=0)
    return {f.rule_id for f in match_clause(clause, catalogue.clause_rules, issuer=item.issuer,
                                            title=item.title, legal=item.legal).findings}


# The plain baseline: a clause is flagged when it contains one of the burden words of review-labelling.md.
KEYWORDS = re.compile(
    r"(报送|上报|报告|备案|台账|留痕|佐证|考核|考评|排名|通报|约谈|一票否决|责任书|责任状|督查|督导|检查|创建|评比|示范|"
    r"挂牌|上墙|借调|抽调|打卡|APP|App|每月|每季度|每周|月报|周报|会议)")


def keyword_baseline(text: str) -> bool:
    return bool(KEYWORDS.search(text))


def real_items(split: str, *, adjudicated: bool = False) -> list[Item]:
    """Clauses of a real-document set with their text read from ../shared/data (FileNotFoundError when absent).

    `adjudicated`: the labels of corpus/real_adjudicated.tsv replace the labeller's where they differ."""
    path = realdocs.label_path(split)
    labels = realdocs.load_labels(path)
    documents = realdocs.load_documents()
    items = []
    for label, text, title in realdocs.resolve(labels, documents, path):
        legal = legal_instrument(title, documents[label.doc_id]["text"])
        items.append(Item(id=f"{label.doc_id}:{label.start}", text=text, rules=frozenset(), trap=label.note,
                          issuer=detect_issuer(title, []), groups=label.groups, title=title, legal=legal))
    return adjudicate(split, items) if adjudicated else items


def adjudicate(split: str, items: list[Item]) -> list[Item]:
    """The split's items with the adjudicated labels of corpus/real_adjudicated.tsv where they differ."""
    adjudications = load_adjudications()
    for adj in adjudications:
        if adj.split not in REAL_SPLITS:   # a misspelt split would otherwise correct nothing, silently
            raise realdocs.EvaluationFileError(f"real_adjudicated.tsv 第{adj.line}行：没有名为 {adj.split} 的真实文档标注集")
    corrections = adjudicated_groups(split, realdocs.load_labels(realdocs.label_path(split)), adjudications)
    return [replace(i, groups=corrections[(doc, int(start))]) if (doc, int(start)) in corrections else i
            for i in items for doc, start in [i.id.rsplit(":", 1)]]


def binary_report(name: str, items: list[Item], catalogue: Catalogue, *, errors: bool = False,
                  engine: list[bool] | None = None) -> str:
    """Clause level: a clause is a finding when the engine flags any rule; beside the keyword baseline."""
    gold = [is_positive(i) for i in items]
    engine = [bool(predict(i, catalogue)) for i in items] if engine is None else engine
    keywords = [keyword_baseline(i.text) for i in items]
    lines = [f"== {name}: {len(items)} clauses ({sum(gold)} positive), clause level"]
    for label, pred in (("engine", engine), ("keywords", keywords)):
        tp = sum(g and p for g, p in zip(gold, pred, strict=True))
        fp = sum(p and not g for g, p in zip(gold, pred, strict=True))
        fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
        p_, r_, f_ = Scores.prf(tp, fp, fn)
        lines.append(f"{label:<10} TP {tp:>4} FP {fp:>4} FN {fn:>4}   P {p_:.3f}  R {r_:.3f}  F1 {f_:.3f}")
    if errors:
        for item, g, p in zip(items, gold, engine, strict=True):
            if g != p:
                lines.append(f"  {'FN' if g else 'FP'} {item.id} {sorted(predict(item, catalogue))} {item.text[:160]}")
    return "\n".join(lines)


@dataclass
class Scores:
    tp: Counter[str]
    fp: Counter[str]
    fn: Counter[str]
    errors: list[tuple[Item, list[str], list[str]]]  # (item, gold, predicted rules) where they differ
    trap_fp: Counter[str]
    trap_total: Counter[str]

    @staticmethod
    def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def overall(self) -> tuple[float, float, float]:
        return self.prf(sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values()))


def evaluate(items: list[Item], catalogue: Catalogue, *, level: str = "group") -> Scores:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    trap_fp: Counter[str] = Counter()
    trap_total: Counter[str] = Counter()
    errors: list[tuple[Item, list[str], list[str]]] = []
    for item in items:
        predicted = predict(item, catalogue)
        if level == "group":
            gold, pred = gold_groups(item), {group_of(r) for r in predicted}
        elif item.groups is not None:
            continue  # annotated with groups only: no rule-level gold
        else:
            gold, pred = set(item.rules), predicted
        for key in gold & pred:
            tp[key] += 1
        for key in pred - gold:
            fp[key] += 1
        for key in gold - pred:
            fn[key] += 1
        if item.trap:
            trap_total[item.trap] += 1
            if pred:
                trap_fp[item.trap] += 1
        if gold != pred:
            errors.append((item, sorted(gold), sorted(predicted)))
    return Scores(tp, fp, fn, errors, trap_fp, trap_total)


def format_table(title: str, scores: Scores, keys: Iterable[str]) -> str:
    lines = [title, f"{'group':<8}{'name':<14}{'TP':>5}{'FP':>5}{'FN':>5}{'P':>8}{'R':>8}{'F1':>8}"]
    for key in keys:
        tp, fp, fn = scores.tp[key], scores.fp[key], scores.fn[key]
        if not (tp or fp or fn):
            continue
        p, r, f = Scores.prf(tp, fp, fn)
        name = GROUPS.get(key, "")
        lines.append(f"{key:<8}{name:<14}{tp:>5}{fp:>5}{fn:>5}{p:>8.3f}{r:>8.3f}{f:>8.3f}")
    p, r, f = scores.overall()
    lines.append(f"{'overall':<22}{sum(scores.tp.values()):>5}{sum(scores.fp.values()):>5}"
                 f"{sum(scores.fn.values()):>5}{p:>8.3f}{r:>8.3f}{f:>8.3f}")
    if scores.trap_total:
        traps = ", ".join(f"{k} {scores.trap_fp[k]}/{v}" for k, v in sorted(scores.trap_total.items()))
        lines.append(f"look-alike negatives flagged: {traps}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except CorpusFileError as exc:   # a malformed corpus entry, named by its file and line (issue 10, bad input)
        print(f"== 语料文件有误，未进行评估：{exc}")
        return 2


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Evaluate the review engine on the annotated corpus.")
    parser.add_argument("--split", choices=[*SPLITS, *REAL_SPLITS, "all", "written", "real"], default="all",
                        help="all = every written split and the real development sets; real = the real development sets")
    parser.add_argument("--blind", action="store_true",
                        help="also run the blind real sets (run once, at the end; record the first run in docs/review.md)")
    parser.add_argument("--rules", action="store_true", help="also print rule-level figures")
    parser.add_argument("--errors", action="store_true", help="list the clauses the engine gets wrong")
    parser.add_argument("--by-labeller", action="store_true",
                        help="only the leave-one-labeller-out table: the real development sets grouped by labeller, "
                             "whole sets and the clauses the keyword floor hits, as labelled and adjudicated")
    parser.add_argument("--classifier", action="store_true",
                        help="compare the dev-trained clause classifier with the rules on held-out (binary)")
    args = parser.parse_args(argv)
    if args.split in REAL_BLIND_SPLITS and not args.blind:
        print(f"== {args.split} 是盲测集：只在明确加 --blind 时运行（运行一次，并在 docs/review.md 记录首次结果）")
        return 2
    catalogue = load_catalogue()
    if args.by_labeller:
        try:
            print(labeller_report(catalogue, errors=args.errors))
        except FileNotFoundError:
            print("== by labeller: skipped — the real documents are not at ../shared/data/gov_docs/ (set JIANFU_GOV_DOCS)")
        except realdocs.EvaluationFileError as exc:
            print(f"== by labeller: {exc}")
            return 2
        return 0
    if args.split in ("all", "written"):
        splits = available_splits()
    elif args.split in SPLITS:
        splits = (args.split,)
    else:
        splits = ()
    for split in splits:
        items = load_split(split)
        positives = sum(1 for i in items if is_positive(i))
        scores = evaluate(items, catalogue)
        print(format_table(f"== {split}: {len(items)} clauses ({positives} positive, {len(items) - positives} "
                           f"negative), group level", scores, list(GROUPS)))
        if args.rules:
            if all(i.groups is not None for i in items):
                print("rule level: n/a (annotated with groups only)")
            else:
                rule_scores = evaluate(items, catalogue, level="rule")
                p, r, f = rule_scores.overall()
                print(f"rule level: P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
        if any(kind_of(i) for i in items):
            print(kind_report(items, catalogue))
        if args.errors:
            level = "group" if all(i.groups is not None for i in items) else "rule"
            for item, gold, pred in evaluate(items, catalogue, level=level).errors:
                print(f"  {item.id} gold={gold} pred={pred} {item.text}")
        print()
    print(written_summary(splits, catalogue))
    real = REAL_DEV_SPLITS if args.split in ("all", "real") else (args.split,) if args.split in REAL_SPLITS else ()
    if args.blind:
        real = tuple(dict.fromkeys((*real, *(REAL_BLIND_SPLITS if args.split in ("all", "real") else ()))))
    pooled: list[tuple[bool, bool, bool]] = []  # (gold, engine, keywords) over the real development sets
    pooled_adjudicated: list[tuple[bool, bool, bool]] = []  # the same against the adjudicated labels
    for split in real:
        print()
        try:
            items = real_items(split)
            adjudicated = adjudicate(split, items)
        except FileNotFoundError:
            print(f"== {split}: skipped — the real documents are not at ../shared/data/gov_docs/ "
                  f"(looked in {', '.join(str(p) for p in realdocs.CANDIDATES)}; set JIANFU_GOV_DOCS)")
            continue
        except realdocs.EvaluationFileError as exc:
            print(f"== {split}: {exc}")
            return 2
        engine = [bool(predict(i, catalogue)) for i in items]
        print(binary_report(split, items, catalogue, errors=args.errors, engine=engine))
        changed = sum(is_positive(a) != is_positive(i) for a, i in zip(adjudicated, items, strict=True))
        if changed:
            rows = [(is_positive(a), e, keyword_baseline(a.text)) for a, e in zip(adjudicated, engine, strict=True)]
            print(pooled_report(rows, title=f"   {split} against the adjudicated labels ({changed} corrected)"))
        if split in REAL_BLIND_SPLITS:
            print(f"   ({split} is blind: this run is its first only if docs/review.md records none — record it there)")
        else:
            pooled.extend((is_positive(i), e, keyword_baseline(i.text)) for i, e in zip(items, engine, strict=True))
            pooled_adjudicated.extend((is_positive(a), e, keyword_baseline(a.text))
                                      for a, e in zip(adjudicated, engine, strict=True))
    if pooled:
        print()
        print(pooled_report(pooled))
        if pooled_adjudicated != pooled:
            print(pooled_report(pooled_adjudicated, title="== the same, against the adjudicated labels "
                                                          "(corpus/real_adjudicated.tsv)"))
    if args.classifier:
        print(classifier_report(catalogue))
    return 0


def pooled_report(rows: Sequence[tuple[bool, bool, bool]], *, title: str = "== real development sets pooled") -> str:
    """Clause-level figures over every real development set run, engine beside keywords."""
    lines = [f"{title}: {len(rows)} clauses ({sum(g for g, _, _ in rows)} positive)"]
    for label, column in (("engine", 1), ("keywords", 2)):
        tp = sum(r[0] and r[column] for r in rows)
        fp = sum(r[column] and not r[0] for r in rows)
        fn = sum(r[0] and not r[column] for r in rows)
        p_, r_, f_ = Scores.prf(tp, fp, fn)
        lines.append(f"{label:<10} TP {tp:>4} FP {fp:>4} FN {fn:>4}   P {p_:.3f}  R {r_:.3f}  F1 {f_:.3f}")
    return "\n".join(lines)


# About half of the hidden set's keyword-hit clauses are burdens (the keyword floor's precision there, issue 10).
HIDDEN_KEYWORD_PRECISION = 0.54


def _cell(rows: Sequence[tuple[bool, bool]]) -> str:
    """`P / R (TP/FP/FN)` of (gold, predicted) pairs."""
    tp = sum(g and p for g, p in rows)
    fp = sum(p and not g for g, p in rows)
    fn = sum(g and not p for g, p in rows)
    p_, r_, _ = Scores.prf(tp, fp, fn)
    return f"{p_:.3f} / {r_:.3f} ({tp}/{fp}/{fn})"


def hidden_precision(rows: Sequence[tuple[bool, bool]], prevalence: float = HIDDEN_KEYWORD_PRECISION) -> str:
    """Precision the same recall and false-positive rate would give among keyword-hit clauses where `prevalence`
    of them are burdens (the hidden set's mix; ours hold 3-10 %): r·π / (r·π + fpr·(1 − π))."""
    pos = sum(g for g, _ in rows)
    neg = len(rows) - pos
    if not pos or not neg:
        return "n/a"
    recall = sum(g and p for g, p in rows) / pos
    fpr = sum(p and not g for g, p in rows) / neg
    if not recall and not fpr:
        return "n/a"
    return f"{recall * prevalence / (recall * prevalence + fpr * (1 - prevalence)):.3f}"


def labeller_report(catalogue: Catalogue, groups: Sequence[tuple[str, Sequence[str]]] = LABELLERS, *,
                    errors: bool = False) -> str:
    """Leave-one-labeller-out: per labeller, the engine and the keyword floor on the whole sets and on the clauses the
    keyword floor hits (the cue-rich, hidden-like distribution), as labelled and against the adjudicated labels.

    `errors`: then every clause the engine gets wrong against either label, per labeller (`FP/FN` as labelled, then
    adjudicated; K = the keyword floor hits it), so that errors recurring across labellers can be read together."""
    header = ("| labeller (sets) | subset | clauses (pos. / adj.) | engine as labelled | engine adjudicated "
              f"| engine P at π={HIDDEN_KEYWORD_PRECISION} (as l. / adj.) | keywords as labelled | keywords adjudicated |")
    lines = ["== leave-one-labeller-out (clause level; P / R (TP/FP/FN); P at π: the precision the same recall and "
             "false-positive rate give where a share π of the keyword-hit clauses are burdens, as in the hidden set)",
             header, "|---|---|---|---|---|---|---|---|"]
    every: list[tuple[bool, bool, bool, bool]] = []
    wrong: list[str] = []
    for name, splits in [*groups, ("all", ())]:
        rows: list[tuple[bool, bool, bool, bool]] = []  # (gold, adjudicated gold, engine, keywords)
        if name == "all":
            rows = every
        for split in splits:
            items = real_items(split)
            adjudicated = adjudicate(split, items)
            for i, a in zip(items, adjudicated, strict=True):
                predicted = predict(i, catalogue)
                row = (is_positive(i), is_positive(a), bool(predicted), keyword_baseline(i.text))
                rows.append(row)
                if errors and (row[0] != row[2] or row[1] != row[2]):
                    kinds = "/".join(("FN" if g else "FP") if g != row[2] else "--" for g in row[:2])
                    wrong.append(f"  {name} {split} {kinds} {'K' if row[3] else '-'} {sorted(predicted)} {i.id} "
                                 f"[{i.title[:30]}] {i.text[:160]}")
        if name != "all":
            every.extend(rows)
        label = f"{name} ({', '.join(s.removeprefix('real_') for s in splits)})" if splits else name
        for subset, kept in (("whole", rows), ("keyword hits", [r for r in rows if r[3]])):
            lines.append(f"| {label} | {subset} | {len(kept)} ({sum(r[0] for r in kept)} / {sum(r[1] for r in kept)}) "
                         f"| {_cell([(r[0], r[2]) for r in kept])} | {_cell([(r[1], r[2]) for r in kept])} "
                         + (f"| {hidden_precision([(r[0], r[2]) for r in kept])} / "
                            f"{hidden_precision([(r[1], r[2]) for r in kept])} " if subset == "keyword hits" else "| ")
                         + f"| {_cell([(r[0], r[3]) for r in kept])} | {_cell([(r[1], r[3]) for r in kept])} |")
    if wrong:
        lines += ["== errors (as labelled / adjudicated; K = a keyword-floor hit)", *wrong]
    return "\n".join(lines)


def kind_report(items: Sequence[Item], catalogue: Catalogue) -> str:
    """Clause level per kind (dev2's and dev3's ids name the kind of error a variant was written for): right / clauses, with the
    false positives and misses, so that a kind the engine does not read shows as a row."""
    by_kind: dict[str, list[tuple[bool, bool]]] = {}
    for item in items:
        by_kind.setdefault(kind_of(item), []).append((is_positive(item), bool(predict(item, catalogue))))
    lines = ["kind      clauses  pos  right   FP  FN"]
    for kind, rows in by_kind.items():
        right = sum(g == e for g, e in rows)
        fp = sum(e and not g for g, e in rows)
        fn = sum(g and not e for g, e in rows)
        lines.append(f"{kind:<9} {len(rows):>7} {sum(g for g, _ in rows):>4} {right:>6} {fp:>4} {fn:>3}")
    return "\n".join(lines)


def written_summary(splits: Sequence[str], catalogue: Catalogue) -> str:
    """The written splits at clause level (binary), beside the keyword baseline, for comparison with the real sets."""
    if not splits:
        return ""
    lines = ["== written splits, clause level (a finding or not), engine vs keywords"]
    for split in splits:
        items = load_split(split)
        gold = [is_positive(i) for i in items]
        row = [f"{split:<11}"]
        for pred in ([bool(predict(i, catalogue)) for i in items], [keyword_baseline(i.text) for i in items]):
            tp = sum(g and p for g, p in zip(gold, pred, strict=True))
            fp = sum(p and not g for g, p in zip(gold, pred, strict=True))
            fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
            p_, r_, _ = Scores.prf(tp, fp, fn)
            row.append(f"P {p_:.3f} R {r_:.3f}")
        lines.append(f"{row[0]} engine {row[1]}   keywords {row[2]}")
    return "\n".join(lines)


def classifier_report(catalogue: Catalogue) -> str:
    """Binary burden/not-burden on held-out and challenge: rules alone, classifier alone, rules OR classifier."""
    from .classifier import HINT_THRESHOLD, burden_probability

    lines = []
    for split in [s for s in available_splits() if s != "dev"]:
        items = load_split(split)
        gold = [is_positive(i) for i in items]
        rules = [bool(predict(i, catalogue)) for i in items]
        probs = burden_probability([i.text for i in items])
        lines.append(f"== {split}, clause is a burden (binary); classifier trained on dev only")
        for name, pred in (("rules", rules), ("classifier@0.5", [p >= 0.5 for p in probs]),
                           (f"classifier@{HINT_THRESHOLD}", [p >= HINT_THRESHOLD for p in probs]),
                           ("rules OR classifier@0.5", [r or p >= 0.5 for r, p in zip(rules, probs, strict=True)])):
            tp = sum(g and p for g, p in zip(gold, pred, strict=True))
            fp = sum(p and not g for g, p in zip(gold, pred, strict=True))
            fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
            p_, r_, f_ = Scores.prf(tp, fp, fn)
            lines.append(f"{name:<30} P {p_:.3f}  R {r_:.3f}  F1 {f_:.3f}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
