"""How often the embedding fallback (`semantic.nearest_occupation`) places a trade wording right, at its thresholds and
at others (session 10, docs/matching.md).

    .venv/bin/python scripts/matching_semantic_thresholds.py

The items are the trade wordings of the development splits that the word lists of main at the start of session 10 did
not read (a seeker's wish with no list word and no "anything" phrase; a posting's title with no list word) — the
stand-in for a new writer's unknown words — each occurrence (split, row) once; "unread now" is the part the lists still
do not read after session 10's vocabulary, the only part the fallback is asked about today. `GOLD` holds the right
answers, written from the wordings before the sweep was run: a set of acceptable small classes, or OPEN where the
wording names no trade (a condition, "综合岗") — there unknown or "anything" is right and any trade is wrong. An item
is right, wrong (a trade outside its set; for a seeker whose wish names a trade, "anything" counts as unknown, not as
wrong) or missed (unknown where a trade was right). The score is right − wrong.

A change of thresholds is adopted only if it holds across halves: the setting chosen on one half of the splits beats
the current one on the other half, both ways.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from jianfu.core import e5  # noqa: E402
from jianfu.employment.matching import evaluate as ev  # noqa: E402
from jianfu.employment.matching import semantic  # noqa: E402
from jianfu.employment.matching.features import _occ, _text, _wish_and_past  # noqa: E402
from jianfu.employment.matching.occupations import OPEN_CODE  # noqa: E402

OPEN = "OPEN"
GOLD: dict[str, str | set[str]] = {
    "储备干部": OPEN, "充电站值守员": {"4-07-01", "6-31-01"}, "光伏板清洗工": {"4-09-01", "6-31-01"}, "加油员": {"4-01-07"},
    "南珠养殖工": {"5-04-01"}, "夜间看守员": {"4-07-01"}, "学徒": OPEN, "守押队员": {"4-07-01"}, "平面设计": {"4-08-03"},
    "幼儿体育教师": {"2-08-01", "2-08-02", "2-08-03"}, "康复理疗助理": {"2-05-04", "4-10-08"}, "打磨工": {"6-18-04"},
    "新媒体运营": {"4-01-03"}, "机电维修工": {"6-18-02", "6-31-01"}, "榨季临时工": {"6-01-02", "6-28-01"},
    "水库大坝巡查员": {"4-09-04"}, "物业管家": {"4-06-01"}, "物业维修工": {"6-31-01", "4-06-01"}, "现场技术员": OPEN,
    "珍珠养殖工(可带插核学徒)": {"5-04-01"}, "甘蔗过磅员": {"3-01-01", "4-02-03"}, "综合岗": OPEN, "美工": {"4-08-03"},
    "育苗工": {"5-04-01", "5-01-01", "5-02-01"}, "英语助教": {"2-08-03", "2-08-02"}, "茶艺师": {"4-03-02"},
    "设备维护技术员": {"6-18-02", "6-31-01"}, "配班老师": {"2-08-01"}, "采收工": {"5-01-01", "5-02-01"},
    "鱼档帮工": {"4-01-01", "6-01-01"}, "鱼片分切工": {"6-01-01"},
    "修路、村里做工": {"6-29-09", "6-29-06"}, "做设计": {"4-08-03"}, "公交或者校车": {"4-02-01"}, "剪视频": {"4-01-03", "4-08-02"},
    "去湛江做水产,包吃住": {"5-04-01", "6-01-01"}, "在家附近,轻松点的": OPEN, "在家附近干点轻活": OPEN, "坐着干的活": OPEN,
    "帮人管果树": {"5-01-01"}, "幼儿园": {"2-08-01"}, "开公交": {"4-02-01"}, "开大巴": {"4-02-01"}, "开大巴、公交": {"4-02-01"},
    "想去深圳": OPEN, "想在附近找工作": OPEN, "想开公交车": {"4-02-01"}, "想找个离家近的厂": {"6-28-01", OPEN},
    "想进工业园那个纸厂,能上夜班": {"6-07-02", "6-28-01"}, "有活干就行": OPEN, "有活干就行,就是不想再进厂": OPEN,
    "有活干就行,工资别太低": OPEN, "物业": {"4-06-01", "4-09-01"}, "珍珠": {"5-04-01", "6-08-01"},
    "离家近的厂,坐着干的": {"6-28-01", OPEN}, "老师、培训": {"2-08-03", "2-08-02"}, "茶艺": {"4-03-02"},
    "药学专业,想去药店或者医院药房": {"4-01-05", "2-05-03"}, "药店": {"4-01-05"}, "视觉传达专业,想做设计、美工": {"4-08-03"},
    "车工,做鞋或者衣服都会": {"6-05-01"}, "运营": {"4-01-03"}, "鸭蛋厂": {"6-01-02", "5-05-02"},
}
HALF_A = ("dev", "dev3", "blind3", "blind5", "blind7", "blind9")
HALF_B = ("dev2", "blind2", "blind4", "blind6", "blind8")
THRESHOLDS = (0.84, 0.85, 0.86, 0.87, 0.88, 0.89, 0.90)
MARGINS = (0.0, 0.005, 0.01, 0.02)
CURRENT = (semantic.MIN_SIMILARITY, semantic.MIN_MARGIN)


def items() -> list[tuple[str, str, str, bool]]:
    """(split, side, text, read by today's lists) for every occurrence of a GOLD wording."""
    out = []
    for split in ev.DEV_SPLITS:
        seekers, jobs, _ = ev.load_split(split)
        for s in seekers:
            wish = _wish_and_past(_text(s.desired))[0]
            if wish in GOLD:
                out.append((split, "seeker", wish, bool(_occ(wish))))
        for j in jobs:
            title = _text(j.title)
            if title in GOLD:
                out.append((split, "job", title, bool(_occ(title))))
    return out


def nearest(text: str) -> tuple[str, float, float]:
    """(best code, best cosine, second cosine), as `semantic.nearest_occupation` computes them before its thresholds."""
    loaded = semantic._model()
    assert loaded is not None, "the embedding is unavailable"
    codes, table = loaded
    sims = table @ e5.encode("".join(text.split())[: semantic.MAX_CHARS], is_query=True)
    order = np.argsort(-sims)
    return codes[int(order[0])], float(sims[order[0]]), float(sims[order[1]])


def outcome(side: str, gold: str | set[str], near: tuple[str, float, float], thr: float, margin: float) -> str:
    code, best, second = near
    placed: str | None = code if best >= thr and best - second >= margin else None
    if placed == OPEN_CODE:
        placed = OPEN if side == "seeker" else None
    if gold == OPEN:
        return "right" if placed in (None, OPEN) else "wrong"
    assert isinstance(gold, set)
    if placed in gold:
        return "right"
    return "missed" if placed in (None, OPEN) else "wrong"


def tally(rows: list[tuple[str, str, str, bool, tuple[str, float, float]]], thr: float, margin: float) -> dict[str, int]:
    t = {"right": 0, "wrong": 0, "missed": 0}
    for _split, side, text, _read, near in rows:
        t[outcome(side, GOLD[text], near, thr, margin)] += 1
    return t


def best_setting(rows: list[tuple[str, str, str, bool, tuple[str, float, float]]]) -> tuple[float, float]:
    """The highest right − wrong; ties go to the setting nearest the current one."""
    def key(s: tuple[float, float]) -> tuple[int, float]:
        t = tally(rows, *s)
        return (t["right"] - t["wrong"], -abs(s[0] - CURRENT[0]) - abs(s[1] - CURRENT[1]))
    return max(((thr, m) for thr in THRESHOLDS for m in MARGINS), key=key)


def main() -> None:
    rows = [(*it, nearest(it[2])) for it in items()]
    sets = {"all (unread by main's lists)": rows, "unread now": [r for r in rows if not r[3]]}
    for name, chosen in sets.items():
        print(f"\n== {name}: {len(chosen)} occurrences ({sum(r[1] == 'seeker' for r in chosen)} wishes, "
              f"{sum(r[1] == 'job' for r in chosen)} titles)")
        print(f"{'threshold':>9} {'margin':>7} {'right':>6} {'wrong':>6} {'missed':>7} {'right−wrong':>12}")
        for thr in THRESHOLDS:
            for m in MARGINS:
                t = tally(chosen, thr, m)
                flag = "  ← current" if (thr, m) == CURRENT else ""
                print(f"{thr:9.2f} {m:7.3f} {t['right']:6d} {t['wrong']:6d} {t['missed']:7d} {t['right'] - t['wrong']:12d}{flag}")
    print("\n== chosen on one half, checked on the other (all occurrences; right − wrong)")
    for fit, check in ((HALF_A, HALF_B), (HALF_B, HALF_A)):
        fit_rows = [r for r in rows if r[0] in fit]
        check_rows = [r for r in rows if r[0] in check]
        s = best_setting(fit_rows)
        tc, tn = tally(check_rows, *CURRENT), tally(check_rows, *s)
        fc, fn = tally(fit_rows, *CURRENT), tally(fit_rows, *s)
        print(f"chosen on {'+'.join(fit)}: threshold {s[0]:.2f}, margin {s[1]:.3f} "
              f"(fit half {fc['right'] - fc['wrong']} → {fn['right'] - fn['wrong']}); "
              f"on {'+'.join(check)}: current {tc['right'] - tc['wrong']} → chosen {tn['right'] - tn['wrong']}")
    print("\n== each occurrence: nearest class and cosines (best, second)")
    for split, side, text, read, (code, best, second) in rows:
        print(f"{split:7} {side:6} {'read' if read else 'unread':6} {text[:24]:24} {code} {best:.3f} {second:.3f} "
              f"gold {sorted(GOLD[text]) if isinstance(GOLD[text], set) else GOLD[text]}")


if __name__ == "__main__":
    main()
