"""Issue 10, third round: a learned second opinion for the review rules, measured leave-one-set-out.

    .venv/bin/python scripts/review_second_opinion.py [--without-rule-output]   # the tables of docs/review.md

A logistic regression on structured features of each clause — which rule groups' patterns hit (before the
context checks), which rules fired, why hits were dropped (bearer, retrospective, statutory, negation, quotation,
exemption, voluntary, issuer's own work, application), the keyword-baseline words, grassroots / enterprise /
modal / rhythm words, the document title's kind — plus character 1–3-grams of the clause. For each of the seven
real sets it is trained on the other six and the written splits, never on the set it scores; the decision
thresholds are chosen inside the training sets only (inner leave-one-set-out), then applied once to the held-out
set. Two ways of using it: OR (a clause the rules leave alone but that has a keyword-baseline word and a score
>= t_or becomes a finding) and AND (a rule finding is vetoed when the score < t_and).

Caveat: the rules themselves were written while reading every one of these sets, so the rule features are not
blind; the comparison says whether the model adds anything to these rules, not what either does on new text.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

# --engine-root DIR: measure another engine (e.g. `git archive <commit> jianfu/__init__.py jianfu/review | tar -x -C DIR`)
_ROOT = sys.argv[sys.argv.index("--engine-root") + 1] if "--engine-root" in sys.argv else str(Path(__file__).resolve().parents[1])
sys.path.insert(0, _ROOT)

from jianfu.review.engine import context  # noqa: E402
from jianfu.review.engine.corpus import available_splits, is_positive, load_split  # noqa: E402
from jianfu.review.engine.evaluate import KEYWORDS, REAL_DEV_SPLITS, keyword_baseline, real_items  # noqa: E402
from jianfu.review.engine.matcher import match_clause  # noqa: E402
from jianfu.review.engine.rules import load_catalogue  # noqa: E402
from jianfu.review.engine.structure import Clause  # noqa: E402

REASONS = {"bearer": "企业、申请人", "retro": "回顾性", "statutory": "法定|法律", "negation": "否定|取消|例外",
           "quotation": "引用|描述问题", "voluntary": "自愿", "upper": "发文机关|上级机关", "application": "申报、推荐",
           "national": "国家统一系统", "support": "上级财政", "exemption": "豁免|统计法|法定会议|批准|试点|干部交流|"
           "内部管理|一表通|履职事项"}
CUES = {
    "grassroots": context.GRASSROOTS, "enterprise": context.NON_GRASSROOTS, "live": context._LIVE_DEMAND,
    "retro_cue": context._RETRO_CUE, "statutory_cue": context.STATUTORY,
    "modal": re.compile(r"(要|应当|应|须|必须|务必|确保)"), "rhythm": re.compile(r"(每日|每周|每月|每季|每年|定期|月度|季度|年度)"),
    "deadline": re.compile(r"于[^。；]{0,16}前"), "upward": re.compile(r"报(送|至)?(省|市|县|上级)"),
}
TITLE_KINDS = ["通知", "办法", "条例", "规定", "意见", "方案", "计划", "报告", "总结", "决定", "细则", "规划", "要点", "指南"]
KEYWORD_WORDS = KEYWORDS.pattern.strip("()").split("|")
# --without-rule-output: the model sees which patterns hit and why hits were dropped, not which rules fired
WITH_RULE_OUTPUT = "--without-rule-output" not in sys.argv


def features(text: str, title: str, issuer: str, catalogue) -> tuple[dict[str, float], bool]:  # noqa: ANN001
    clause = Clause(index=0, text=text, number="", level=None, heading_path=[], paragraph_index=0, page=None, start=0)
    result = match_clause(clause, catalogue.clause_rules, issuer=issuer, title=title)
    f: dict[str, float] = {}
    for finding in result.findings:
        if WITH_RULE_OUTPUT:
            f[f"fired:{finding.rule_id}"] = 1.0
            f[f"fired_group:{finding.group}"] = 1.0
        else:  # an independent opinion: the hit is known, not the rules' verdict on it
            f[f"hit_group:{finding.group}"] = 1.0
    for note in result.notes:
        f[f"hit_group:{note.rule_id.split('-')[1] if note.rule_id.count('-') > 1 else 'X'}"] = 1.0
        for name, words in REASONS.items():
            if re.search(words, note.reason):
                f[f"dropped:{name}"] = 1.0
                break
    for word in KEYWORD_WORDS:
        if word in text:
            f[f"kw:{word}"] = 1.0
    for name, pattern in CUES.items():
        if pattern.search(text):
            f[f"cue:{name}"] = 1.0
    for kind in TITLE_KINDS:
        if kind in title:
            f[f"title:{kind}"] = 1.0
    f["len"] = min(len(text), 400) / 400
    return f, bool(result.findings)


def prf(gold: Sequence[bool], pred: Sequence[bool]) -> tuple[int, int, int, float, float]:
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    fp = sum(p and not g for g, p in zip(gold, pred, strict=True))
    fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
    return tp, fp, fn, (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def main() -> int:
    from scipy.sparse import hstack
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    t0, c0 = time.time(), time.process_time()
    catalogue = load_catalogue()
    rows = []  # (set, text, gold, rules, keyword, features)
    for split in dict.fromkeys((*REAL_DEV_SPLITS, "real_blind6")):
        for item in real_items(split):
            feats, fired = features(item.text, item.title, item.issuer, catalogue)
            rows.append((split, item.text, is_positive(item), fired, keyword_baseline(item.text), feats))
    for split in available_splits():
        for item in load_split(split):
            feats, fired = features(item.text, item.title, item.issuer, catalogue)
            rows.append(("written:" + split, item.text, is_positive(item), fired, keyword_baseline(item.text), feats))

    def fit(idx: list[int]):  # noqa: ANN202
        dv = DictVectorizer()
        tf = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True, min_df=2)
        x = hstack([dv.fit_transform([rows[i][5] for i in idx]), tf.fit_transform([rows[i][1] for i in idx])]).tocsr()
        model = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced")
        model.fit(x, [rows[i][2] for i in idx])
        return lambda js: model.predict_proba(
            hstack([dv.transform([rows[j][5] for j in js]), tf.transform([rows[j][1] for j in js])]).tocsr())[:, 1]

    written = [i for i, r in enumerate(rows) if r[0].startswith("written:")]
    sets = list(dict.fromkeys((*REAL_DEV_SPLITS, "real_blind6")))
    grid_or = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 1.01]
    grid_and = [0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5]

    def combine(js: list[int], probs: np.ndarray, t_or: float, t_and: float) -> list[bool]:
        return [(rows[j][3] and p >= t_and) or (not rows[j][3] and rows[j][4] and p >= t_or)
                for j, p in zip(js, probs, strict=True)]

    def choose(train_sets: list[str]) -> tuple[float, float]:
        """Thresholds by inner leave-one-set-out on the training sets: best F1 of the combination, ties to the
        rules alone (t_or above 1, t_and 0)."""
        scored: list[tuple[int, float]] = []
        for inner in train_sets:
            idx = written + [i for i, r in enumerate(rows) if r[0] in train_sets and r[0] != inner]
            js = [i for i, r in enumerate(rows) if r[0] == inner]
            scored += list(zip(js, fit(idx)(js), strict=True))
        js, probs = [j for j, _ in scored], np.array([p for _, p in scored])
        gold = [rows[j][2] for j in js]
        best = (-1.0, 1.01, 0.0)
        for t_or in sorted(grid_or, reverse=True):
            for t_and in grid_and:
                tp, fp, fn, p, r = prf(gold, combine(js, probs, t_or, t_and))
                f1 = 2 * p * r / (p + r) if p + r else 0.0
                if f1 > best[0] + 1e-9:
                    best = (f1, t_or, t_and)
        return best[1], best[2]

    out_js: list[int] = []
    out_probs: list[float] = []
    out_chosen: list[bool] = []
    chosen_per_set = {}
    for test in sets:
        train_sets = [s for s in sets if s != test]
        idx = written + [i for i, r in enumerate(rows) if r[0] in train_sets]
        js = [i for i, r in enumerate(rows) if r[0] == test]
        probs = fit(idx)(js)
        t_or, t_and = choose(train_sets)
        chosen_per_set[test] = (t_or, t_and)
        out_js += js
        out_probs += list(probs)
        out_chosen += combine(js, probs, t_or, t_and)
    probs_arr = np.array(out_probs)
    gold = [rows[j][2] for j in out_js]
    rules = [rows[j][3] for j in out_js]
    kw = [rows[j][4] for j in out_js]
    print(f"== features {'with' if WITH_RULE_OUTPUT else 'without'} the rules' output; leave-one-set-out over {len(sets)} real sets pooled: {len(out_js)} clauses ({sum(gold)} positive); "
          f"training adds the written splits ({len(written)} clauses)")
    table = [("rules", rules), ("keywords (floor)", kw), ("model >= 0.5 alone", list(probs_arr >= 0.5)),
             ("model >= 0.9 alone", list(probs_arr >= 0.9))]
    for t in (0.7, 0.8, 0.9, 0.95, 0.98):
        table.append((f"rules OR (keyword & model >= {t})", combine(out_js, probs_arr, t, 0.0)))
    for t in (0.05, 0.1, 0.2, 0.3):
        table.append((f"rules AND model >= {t} (veto)", combine(out_js, probs_arr, 1.01, t)))
    table.append(("thresholds chosen inside each training fold", out_chosen))
    print(f"{'':<46}{'TP':>5}{'FP':>5}{'FN':>5}{'P':>8}{'R':>8}")
    for name, pred in table:
        tp, fp, fn, p, r = prf(gold, pred)
        print(f"{name:<46}{tp:>5}{fp:>5}{fn:>5}{p:>8.3f}{r:>8.3f}")
    print("per set, rules vs the chosen combination (TP/FP/FN) and the thresholds (t_or, t_and) chosen on the others:")
    for test in sets:
        sel = [k for k, j in enumerate(out_js) if rows[j][0] == test]
        g = [gold[k] for k in sel]
        a = prf(g, [rules[k] for k in sel])
        b = prf(g, [out_chosen[k] for k in sel])
        print(f"  {test:<12} rules {a[0]}/{a[1]}/{a[2]}   chosen {b[0]}/{b[1]}/{b[2]}   thresholds {chosen_per_set[test]}")
    print(f"engine from {_ROOT}")
    print(f"wall {time.time() - t0:.1f} s, CPU {time.process_time() - c0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
