"""Wording variants read as their usual form before the rules' patterns run (session 14, branch review-dev14).

The rules are written with the common forms of rhythm words (每月, 每季度, 每周, 上月 …) — in patterns of every rule
file, not in one concept class — while drafters also write 每个月, 每一季度, 每星期, 每逢周一, 上个月, 月月 and the like.
Rather than add each variant to every pattern, a sentence is read through `normalise`, which rewrites those variants
to the usual form **keeping the sentence's length**: the usual form is right-aligned and the characters it saves are
filled with the variant's own first character (每个月 -> 每每月, 上个季度 -> 上上季度), so the rhythm word still follows
the subject at once (县统计局每个月向… keeps its subject 县统计局) and still precedes its verb at once (每个月通报 -> 每每月通报).
Every span found in the normalised sentence is a span of the drafter's own words; `widen` stretches it over a whole
variant it cuts, so the finding marks and quotes 每个月…, not 个月…. Only wordings that mean exactly the usual form are
rewritten: rhythm words, evidence words and the consequences of a low place, each listed below.

Pure Python, no Django (review/engine house rule).
"""

from __future__ import annotations

import re

# variant -> the usual form; each variant is at least as long as its usual form
_VARIANTS: dict[str, str] = {
    # every month / quarter / week / day
    "每一个月": "每月",
    "每个月": "每月",
    "每一个季度": "每季度",
    "每个季度": "每季度",
    "每一季度": "每季度",
    "每个季": "每季",
    "每一个星期": "每周",
    "每个星期": "每周",
    "每星期": "每周",
    "每一周": "每周",
    "每个周": "每周",
    "每一天": "每天",
    "每一日": "每日",
    "每个工作日": "每日",
    "每半个月": "每半月",
    "每隔一周": "每两周",
    "每双周": "每两周",
    "每逢周": "每周",
    "每逢星期": "每周",
    "每逢月": "每月",
    "按旬": "每旬",
    # the period just past or to come
    "上一个月": "上月",
    "上个月": "上月",
    "上一月": "上月",
    "上一个季度": "上季度",
    "上个季度": "上季度",
    "上一季度": "上季度",
    "上一个星期": "上周",
    "上个星期": "上周",
    "上一周": "上周",
    "上个周": "上周",
    "下个月": "下月",
    "下一个月": "下月",
    "下个季度": "下季度",
    "下个星期": "下周",
    # evidence of work: a photo, a screenshot, imagery said otherwise
    "相片": "照片",
    "截屏": "截图",
    "图文资料": "图片资料",
    "图文材料": "图片材料",
    "图像资料": "影像资料",
    "工作照": "工照片",
    "现场照": "现照片",
    "活动照": "活照片",
    "入户照": "入照片",
    "走访照": "走照片",
    "巡查照": "巡照片",
    "会议照": "会照片",
    # what a low place brings, said otherwise (the rules read 通报批评, 约谈, 作出说明, 表态发言)
    "点名批评": "通报批评",
    "约见": "约谈",
    "说明原因": "作出说明",
    "上台表态": "表态发言",
}
# (not 每个周期, 上一周期: a period, not a week; not 工作照片, already the usual form)
_VARIANT = re.compile("(?:" + "|".join(sorted((re.escape(v) for v in _VARIANTS), key=len, reverse=True)) + ")(?![期片])")
# a weekday said as 星期一 … 星期日 is 周一 … 周日 (每星期一 is handled above as 每周 + 一)
_WEEKDAY = re.compile(r"星期(?=[一二三四五六日天])")
# a doubled period word is its rhythm (月月通报, 周周调度) — not the 月 of a date or of 每月月底 (每月 + 月底)
_DOUBLED = re.compile(r"(?<![每个本上下当次一二三四五六七八九十年\d])(月月|周周)(?![底初末中])")


Span = tuple[int, int]


def normalise(sentence: str) -> tuple[str, list[Span]]:
    """The sentence with rhythm variants in their usual form, of the same length, and the spans rewritten (see the
    module's docstring)."""
    pieces: list[str] = []
    spans: list[Span] = []
    pos = 0
    found = sorted([(m.start(), m.end(), _VARIANTS[m.group(0)]) for m in _VARIANT.finditer(sentence)]
                   + [(m.start(), m.end(), "周") for m in _WEEKDAY.finditer(sentence)]
                   + [(m.start(), m.end(), "每" + m.group(0)[0]) for m in _DOUBLED.finditer(sentence)])
    for start, end, usual in found:
        if start < pos:
            continue
        variant = sentence[start:end]
        pieces += [sentence[pos:start], variant[0] * (len(variant) - len(usual)) + usual]
        spans.append((start, end))
        pos = end
    pieces.append(sentence[pos:])
    return "".join(pieces), spans


def widen(spans: list[Span], start: int, end: int) -> Span:
    """A match's span stretched over every rewritten variant it cuts into."""
    for v_start, v_end in spans:
        if v_start < start < v_end:
            start = v_start
        if v_start < end < v_end:
            end = v_end
    return start, end
