"""Synthetic grid events written from the catalogue (the project's own training data).

``python -m jianfu.dispatch.routing.synth [--per-matter N] [--out PATH]`` writes
``jianfu/dispatch/data/training/events_train.csv``: for every matter, N short reports that wrap one
of the matter's example phrasings (or a keyword) in the openings and closings grid workers and
villagers use. It is deterministic (fixed seed), contains no real person or event, and is derived
only from the catalogue, so it may be shipped and used for demos, the learned-mode benchmark and
tests of ``dispatch_train``. It is *not* an evaluation set: ``events_heldout.csv`` (hand-written,
different phrasings) is.
"""

from __future__ import annotations

import argparse
import csv
import random
from collections.abc import Sequence
from pathlib import Path

from jianfu.dispatch.routing.catalogue import MatterSpec, load_catalogue_yaml

VILLAGES = ("曲木村", "璋嘉村", "石湾村", "大塘村", "新圩村", "西岭村", "龙门村", "白沙村", "车田村", "长坡村")
TEAMS = ("一组", "三组", "五组", "上屯", "下屯", "新村队", "老街")
OPENERS = (
    "", "", "网格员上报：", "{village}{team}村民反映：", "群众反映，", "巡查发现：", "{village}网格员报告，",
    "我是{village}的村民，", "您好，", "{village}村委会反映：", "有群众打电话说，", "{team}网格巡查时发现，",
)
KEYWORD_BODIES = ("{kw}的问题一直没解决", "关于{kw}，想请相关部门来处理", "我们这里出现了{kw}的情况", "涉及{kw}，村里处理不了")
CLOSERS = (
    "", "", "请尽快处理。", "希望有关部门尽快解决。", "已经反映过多次，一直没人管。", "麻烦派人来看看。",
    "请给个答复。", "附照片两张。", "情况比较急。", "村里已经先做了登记。",
)


def generate(matters: Sequence[MatterSpec], departments: dict[str, str], *, per_matter: int = 12,
             seed: int = 20260101) -> list[dict[str, str]]:
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    for m in matters:
        for i in range(per_matter):
            opener = rng.choice(OPENERS).format(village=rng.choice(VILLAGES), team=rng.choice(TEAMS))
            if i % 4 == 3 and m.keywords:
                body = rng.choice(KEYWORD_BODIES).format(kw=rng.choice(m.keywords))
            else:
                body = rng.choice(m.examples)
            closer = rng.choice(CLOSERS)
            text = f"{opener}{body}" + (f"，{closer}" if closer else "。")
            rows.append({"text": text, "matter": m.code, "department": m.department,
                         "department_name": departments.get(m.department, m.department)})
    rng.shuffle(rows)
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    from jianfu.dispatch.routing import default_catalogue_path

    parser = argparse.ArgumentParser(description="Write the synthetic training events from the catalogue.")
    parser.add_argument("--catalogue", default=str(default_catalogue_path()))
    parser.add_argument("--per-matter", type=int, default=12)
    parser.add_argument("--out", default=str(default_catalogue_path().parent / "training" / "events_train.csv"))
    args = parser.parse_args(argv)
    matters, departments = load_catalogue_yaml(args.catalogue)
    rows = generate(matters, departments, per_matter=args.per_matter)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["text", "matter", "department", "department_name"])
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} events to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
