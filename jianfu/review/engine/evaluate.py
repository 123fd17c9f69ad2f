"""`python -m jianfu.review.engine.evaluate [--split dev|heldout|all] [--rules] [--errors]`

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
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from .matcher import match_clause
from .rules import GROUPS, Catalogue, load_catalogue
from .structure import Clause

CORPUS_DIR = Path(__file__).resolve().parent.parent / "corpus"
SPLITS = ("dev", "heldout", "challenge", "challenge2", "blind3", "blind4")


@dataclass
class Item:
    id: str
    text: str
    rules: frozenset
    issuer: str
    trap: str
    groups: frozenset | None = None  # blind splits are annotated with rule groups only


def gold_groups(item: Item) -> set[str]:
    if item.groups is not None:
        return set(item.groups)
    return {group_of(r) for r in item.rules}


def available_splits() -> tuple[str, ...]:
    return tuple(s for s in SPLITS if (CORPUS_DIR / f"{s}.yaml").exists())


def load_split(name: str) -> list[Item]:
    raw = yaml.safe_load((CORPUS_DIR / f"{name}.yaml").read_text(encoding="utf-8")) or []
    return [Item(id=r["id"], text=r["text"], rules=frozenset(r.get("rules") or ()), issuer=r.get("issuer", "unknown"),
                 trap=r.get("trap", ""),
                 groups=frozenset(r["groups"]) if r.get("groups") is not None else None) for r in raw]


def is_positive(item: Item) -> bool:
    return bool(item.rules) or bool(item.groups)


def predict(item: Item, catalogue: Catalogue) -> set[str]:
    clause = Clause(index=0, text=item.text, number="", level=None, heading_path=[], paragraph_index=0, page=None,
                    start=0)
    return {f.rule_id for f in match_clause(clause, catalogue.clause_rules, issuer=item.issuer).findings}


def group_of(rule_id: str) -> str:
    parts = rule_id.split("-")
    return parts[1] if len(parts) > 2 and parts[1] in GROUPS else "CUSTOM"


@dataclass
class Scores:
    tp: Counter
    fp: Counter
    fn: Counter
    errors: list
    trap_fp: Counter
    trap_total: Counter

    @staticmethod
    def prf(tp, fp, fn):
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def overall(self):
        return self.prf(sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values()))


def evaluate(items: list[Item], catalogue: Catalogue, *, level: str = "group") -> Scores:
    tp, fp, fn, trap_fp, trap_total = Counter(), Counter(), Counter(), Counter(), Counter()
    errors = []
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


def format_table(title: str, scores: Scores, keys) -> str:
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
    parser = argparse.ArgumentParser(description="Evaluate the review engine on the annotated corpus.")
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="all")
    parser.add_argument("--rules", action="store_true", help="also print rule-level figures")
    parser.add_argument("--errors", action="store_true", help="list the clauses the engine gets wrong")
    parser.add_argument("--classifier", action="store_true",
                        help="compare the dev-trained clause classifier with the rules on held-out (binary)")
    args = parser.parse_args(argv)
    catalogue = load_catalogue()
    splits = available_splits() if args.split == "all" else (args.split,)
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
        if args.errors:
            level = "group" if all(i.groups is not None for i in items) else "rule"
            for item, gold, pred in evaluate(items, catalogue, level=level).errors:
                print(f"  {item.id} gold={gold} pred={pred} {item.text}")
        print()
    if args.classifier:
        print(classifier_report(catalogue))
    return 0


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
