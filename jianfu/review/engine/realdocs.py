"""Real-document evaluation sets: clauses of the Hebei provincial documents in `../shared/data/gov_docs/`,
labelled by the rules of `domain/review-labelling.md`.

The repository holds only identifiers and labels (`corpus/real_dev.tsv`, `corpus/real_blind.tsv`): the
document id, the clause's character span in the document text, a hash of the normalised clause text (so a
changed source is detected, not silently mis-read), the label, the rule groups and a note. The text itself
is read at evaluation time from the shared data directory; when it is absent the real sets are skipped
with the reason.

    python -m jianfu.review.engine.realdocs sample   # how the sets were drawn (prints candidate clauses)
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import random
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[3]
GOV_DOCS = Path("shared") / "data" / "gov_docs" / "hebei_dev_docs.jsonl.gz"
# The repository's sibling `shared/` (CI), or the one beside the worktrees' parent (development machine).
CANDIDATES = (REPO_ROOT.parent / GOV_DOCS, REPO_ROOT.parent.parent / GOV_DOCS)
# One JSON line of the documents file as read (id, title, text, folder, …): outside data, not checked here.
GovDocument = dict[str, Any]
COLUMNS = ("doc_id", "start", "end", "sha1", "label", "groups", "note")
LABELS = {"0": False, "1": True}
GROUP_CODES = {"DOC", "MTG", "INS", "SEC", "APP", "DUTY", "DEMO", "VAN"}

# A clause = one sentence of the running text (the published bodies carry no line breaks: numbering such as
# 一、（一）1. sits inline), cut at 。！？ and at ；. A heading glued before the sentence stays with it.
_CLAUSE = re.compile(r"[^。！？；;\r\n\u2028\u2029]+[。！？；;]?")


class EvaluationFileError(ValueError):
    """A label file that cannot be used; the message names the file and line."""


def data_path() -> Path | None:
    """The documents file, or None when it is not there (the real sets are then skipped)."""
    if os.environ.get("JIANFU_GOV_DOCS"):
        path = Path(os.environ["JIANFU_GOV_DOCS"])
        return path if path.exists() else None
    return next((p for p in CANDIDATES if p.exists()), None)


def load_documents(path: Path | None = None) -> dict[str, GovDocument]:
    path = path or data_path()
    if path is None:
        raise FileNotFoundError("gov_docs")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return {d["id"]: d for d in map(json.loads, fh)}


def normalise(text: str) -> str:
    return re.sub(r"\s+", "", text)


def text_hash(text: str) -> str:
    # an identifier of the clause text, not a security measure
    return hashlib.sha1(normalise(text).encode("utf-8"), usedforsecurity=False).hexdigest()[:12]


def clauses_of(text: str) -> list[tuple[int, int]]:
    """Character spans of the clauses of a document body (whitespace-only pieces dropped)."""
    spans = []
    for m in _CLAUSE.finditer(text):
        piece = m.group(0)
        if len(normalise(piece)) < 6:
            continue
        lead = len(piece) - len(piece.lstrip())
        spans.append((m.start() + lead, m.end()))
    return spans


def document_kind(title: str) -> str:
    for kind in ("年报", "解读", "方案", "办法", "细则", "规定", "意见", "规划", "通知", "报告", "决定"):
        if kind in title:
            return kind
    return "其他"


@dataclass(frozen=True)
class LabelledClause:
    doc_id: str
    start: int
    end: int
    sha1: str
    label: bool
    groups: frozenset[str]
    note: str
    line: int


def label_path(split: str) -> Path:
    return Path(__file__).resolve().parent.parent / "corpus" / f"{split}.tsv"


def load_labels(path: Path) -> list[LabelledClause]:
    """Read a label file (TSV with a header); any malformed line is an EvaluationFileError naming it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [(n, line) for n, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")]
    if not rows:
        raise EvaluationFileError(f"{path.name}: 文件为空，缺少表头 {'/'.join(COLUMNS)}")
    header_no, header = rows[0]
    names = header.split("\t")
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        raise EvaluationFileError(f"{path.name} 第{header_no}行：表头缺少列 {', '.join(missing)}")
    out = []
    for number, line in rows[1:]:
        cells = line.split("\t")
        if len(cells) < len(names):
            cells += [""] * (len(names) - len(cells))
        if len(cells) > len(names):
            raise EvaluationFileError(f"{path.name} 第{number}行：列数 {len(cells)} 多于表头的 {len(names)} 列")
        row = dict(zip(names, cells, strict=True))
        for column in ("doc_id", "start", "end", "sha1", "label"):
            if not row[column].strip():
                raise EvaluationFileError(f"{path.name} 第{number}行：缺少“{column}”")
        if row["label"] not in LABELS:
            raise EvaluationFileError(f"{path.name} 第{number}行：标注“{row['label']}”不在 0/1 之内")
        try:
            start, end = int(row["start"]), int(row["end"])
        except ValueError:
            raise EvaluationFileError(f"{path.name} 第{number}行：起止位置须为整数") from None
        if not 0 <= start < end:
            raise EvaluationFileError(f"{path.name} 第{number}行：起止位置 {start}-{end} 无效")
        groups = frozenset(g for g in row["groups"].split(",") if g.strip())
        unknown = groups - GROUP_CODES
        if unknown:
            raise EvaluationFileError(f"{path.name} 第{number}行：规则组“{','.join(sorted(unknown))}”不在 "
                                      f"{'/'.join(sorted(GROUP_CODES))} 之内")
        label = LABELS[row["label"]]
        if label and not groups:
            raise EvaluationFileError(f"{path.name} 第{number}行：正例须标明规则组")
        if not label and groups:
            raise EvaluationFileError(f"{path.name} 第{number}行：反例不应标规则组")
        out.append(LabelledClause(row["doc_id"].strip(), start, end, row["sha1"].strip(), label, groups,
                                  row["note"].strip(), number))
    return out


def resolve(labels: list[LabelledClause], documents: dict[str, GovDocument], path: Path) -> list[tuple[LabelledClause, str, str]]:
    """(label, clause text, document title) for each row; a missing document or a changed text is an error."""
    out = []
    for item in labels:
        doc = documents.get(item.doc_id)
        if doc is None:
            raise EvaluationFileError(f"{path.name} 第{item.line}行：文档 {item.doc_id} 不在数据文件中")
        text = doc["text"][item.start:item.end]
        if text_hash(text) != item.sha1:
            raise EvaluationFileError(f"{path.name} 第{item.line}行：{item.doc_id} {item.start}-{item.end} 的文本"
                                      f"与记录的哈希不符（数据文件已变化？）")
        out.append((item, text, doc["title"]))
    return out


# ---- how the sets were drawn -------------------------------------------------------------------------

# Cue words for over-sampling clauses that may impose something (independent of the rule catalogue: the
# topics of review-labelling.md). Half of each document's sample is drawn from cue clauses, half at random.
SAMPLING_CUES = re.compile(
    r"(报送|上报|报告|报备|备案|考核|考评|排名|通报|台账|资料|检查|督查|督导|评比|评选|创建|示范|责任书|一票否决|挂牌|"
    r"会议|每月|每季|每周|每年|每半年|年底前|月底前|纳入|评估|打卡|填报|统计|留痕|加分|扣分|约谈|专班|抽调|借调|App|APP|"
    r"小程序|标杆|最美)")


STRONG_CUES = re.compile(
    r"(报送|上报|报.{0,6}备案|纳入.{0,20}考核|考核.{0,10}(结果|排名|通报)|排名|通报|台账|督查|督导|约谈|责任书|责任状|一票否决|"
    r"创建|评比|挂牌|每月|每季度|每周|每半年|留痕|佐证)")


def shingles(text: str, n: int = 8) -> set[str]:
    clean = normalise(text)
    return {clean[i:i + n] for i in range(0, max(0, len(clean) - n + 1), 3)}


def _title_core(title: str) -> str:
    return re.sub(r"(政策解读|解读|图解|关于印发|的通知|《|》|\s)", "", title)[:30]


def near_duplicate_groups(docs: list[GovDocument], threshold: float = 0.5) -> dict[str, int]:
    """Union-find over documents whose 8-gram shingles overlap (Jaccard ≥ threshold) or whose titles
    match after removing 解读/印发 wrappers: a policy and its republication or interpretation share a group."""
    parent = {d["id"]: d["id"] for d in docs}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    core_title = _title_core
    sets = {d["id"]: shingles(d["text"]) for d in docs}
    by_title: defaultdict[str, list[str]] = defaultdict(list)
    for d in docs:
        by_title[core_title(d["title"])].append(d["id"])
    for ids in by_title.values():
        for other in ids[1:]:
            parent[find(other)] = find(ids[0])
    ids = [d["id"] for d in docs]
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            sa, sb = sets[a], sets[b]
            if sa and sb and len(sa & sb) / len(sa | sb) >= threshold:
                parent[find(b)] = find(a)
    roots: dict[str, int] = {}
    return {i: roots.setdefault(find(i), len(roots)) for i in ids}


def sample(documents: dict[str, GovDocument], *, docs_per_stratum: int = 2, clauses_per_doc: int = 8, strong_per_doc: int = 4,
           blind_share: float = 0.3, seed: int = 2026, exclude: frozenset[str] = frozenset()) -> dict[str, list[tuple[str, int, int]]]:
    """Documents stratified by folder × kind, grouped (near-duplicates together) and split into dev and
    blind by group; within each document, clauses half from cue clauses, half at random. `exclude`: documents
    already in a set, and their near-duplicates (same title core), are not drawn (a later, disjoint blind set)."""
    rng = random.Random(seed)
    strata: defaultdict[tuple[str, str], list[GovDocument]] = defaultdict(list)
    excluded_titles = {_title_core(documents[d]["title"]) for d in exclude if d in documents}
    for doc in sorted(documents.values(), key=lambda d: d["id"]):
        if doc["id"] in exclude or _title_core(doc["title"]) in excluded_titles:
            continue
        if len(doc["text"]) >= 300:
            strata[(doc["folder"], document_kind(doc["title"]))].append(doc)
    chosen: list[GovDocument] = []
    for key in sorted(strata):
        pool = strata[key]
        chosen.extend(rng.sample(pool, min(docs_per_stratum, len(pool))))
    groups = near_duplicate_groups(chosen)
    group_ids = sorted(set(groups.values()))
    rng.shuffle(group_ids)
    blind_groups = set(group_ids[: round(len(group_ids) * blind_share)])
    out: dict[str, list[tuple[str, int, int]]] = {"dev": [], "blind": []}
    strong_rng = random.Random(seed + 1)
    for doc in chosen:
        spans = clauses_of(doc["text"])
        cued = [s for s in spans if SAMPLING_CUES.search(doc["text"][s[0]:s[1]])]
        other = [s for s in spans if s not in cued]
        half = clauses_per_doc // 2
        picked = rng.sample(cued, min(half, len(cued)))
        rest = [s for s in spans if s not in picked]
        picked += rng.sample(rest, min(clauses_per_doc - len(picked), len(rest)))
        del other
        # Second stage (positives are rare in provincial text): every further clause with a strong cue, up
        # to `strong_per_doc` per document, drawn from the same documents so the split stays disjoint.
        strong = [s for s in spans if s not in picked and STRONG_CUES.search(doc["text"][s[0]:s[1]])]
        picked += strong_rng.sample(strong, min(strong_per_doc, len(strong)))
        split = "blind" if groups[doc["id"]] in blind_groups else "dev"
        out[split].extend((doc["id"], s, e) for s, e in sorted(picked))
    return out


# real_blind6 (issue 10, second round): positives were too rare in a random draw of provincial documents, so
# its documents were CHOSEN, not drawn: every document in no earlier set (nor restating one, nor a 年报/解读),
# ranked by mentions of the grassroots (乡镇, 村, 县（市、区）, 基层 …) and by STRONG_CUES, read down the list and
# kept when it imposes work on localities (notices, 实施意见, 方案) or is a regulation that assigns duties to them
# (statutory negatives). One chosen document (hebei-dev-1183) restates a used one and is dropped by the draw.
SIXTH_BLIND_DOCUMENTS = tuple(f"hebei-dev-{n}" for n in (
    "0560", "1250", "0544", "0567", "0113", "0219", "0603", "1030", "1183", "0247", "0533", "0336", "1104", "0213",
    "0116", "0119", "0816", "1059", "1028", "0231", "0208", "0161", "0156", "0164", "0016", "0401", "0426", "0440",
    "0508", "0482"))


def sixth_blind_draw(documents: dict[str, GovDocument], used: frozenset[str], *, seed: int = 2031) -> list[tuple[str, int, int]]:
    """The clauses of real_blind6: per chosen document, up to 9 clauses with a strong cue, 3 with a weaker cue and 2
    others, drawn with one seeded generator; a clause whose text repeats an earlier one of its document is kept once."""
    rng = random.Random(seed)
    used_grams = [_grams8(documents[u]["text"]) for u in used if u in documents]
    out: list[tuple[str, int, int]] = []
    for doc_id in SIXTH_BLIND_DOCUMENTS:
        text = documents[doc_id]["text"]
        own = _grams8(text)
        if own and max(len(own & u) / len(own) for u in used_grams) >= 0.4:
            continue
        spans = clauses_of(text)
        strong = [s for s in spans if STRONG_CUES.search(text[s[0]:s[1]])]
        cued = [s for s in spans if s not in strong and SAMPLING_CUES.search(text[s[0]:s[1]])]
        rest = [s for s in spans if s not in strong and s not in cued]
        picked = (rng.sample(strong, min(9, len(strong))) + rng.sample(cued, min(3, len(cued)))
                  + rng.sample(rest, min(2, len(rest))))
        seen: set[str] = set()
        for start, end in sorted(picked):
            key = text_hash(text[start:end])
            if key not in seen:
                seen.add(key)
                out.append((doc_id, start, end))
    return out


def _grams8(text: str) -> set[str]:
    clean = normalise(text)
    return {clean[i:i + 8] for i in range(len(clean) - 7)}


# real_blind7 (issue 10, third round; the second labeller): documents DRAWN at random (seeded), never ranked by cues,
# among those in no earlier set, not restating one (same title core, or 8-gram containment ≥ 0.4) and of ≥ 300
# characters, the same number from each publishing body (`folder`), in stages drawn one after the other (each stage was
# added after labelling the previous ones, because positives stayed rare; earlier stages' draws are unchanged by it):
#   A. every document that addresses lower levels at all (LOWER_LEVELS), 年报 excluded — 8 per folder;
#   B. provincial texts that address local governments repeatedly: ≥ 5 mentions of LOCAL_ACTORS, central issuers
#      (CENTRAL_TITLE) and 解读/指南/名单/公示/年报 … (NOT_DIRECTIVE) excluded — 5 per folder (fewer when the pool is smaller);
#   C, D, E. 7, 8 and then all remaining (up to 20) further documents per folder from B's pool;
#   F. the same with ≥ 3 mentions of LOCAL_ACTORS — 8 per folder.
# Within a document: up to 8 clauses carrying a burden cue word of domain/review-labelling.md (its own vocabulary,
# not the rule catalogue's) and 3 other clauses (2 from stage B on); a clause repeating one of its document is kept once.
LOWER_LEVELS = re.compile(
    r"(各市|设区市|设区的市|市级|市县|市、县|县（市、区）|县级|各县|县区|县域|乡镇|乡（镇|街道|村委会|村民委员会|村（社区）|行政村|"
    r"村级|社区|学校|基层)")
LOCAL_ACTORS = re.compile(r"(各市|各设区市|各县|县（市、区）|县（市、区、|市、县|市县|乡镇|乡（镇|街道|村（社区）|各地)")
CENTRAL_TITLE = re.compile(
    r"^(中华人民共和国|国务院|中共中央|国家|人力资源社会保障部|人社部|教育部|科技部|科学技术部|财政部|工业和信息化部|工信部|"
    r"发展改革委)|部办公厅|负责人就|答记者问")
NOT_DIRECTIVE = re.compile(r"(年报|年度报告|解读|图解|指南|名单|公示|征集|公布|结果|问答|简介)")
LABELLING_CUES = re.compile(
    r"(月报|周报|报送|上报|即时报|季度报告|半年总结|每周|每月|每季度|每半年|每两周|月底前|季度末|备案|实施方案|台账|过程性资料|佐证|"
    r"留痕|照片|视频|排名|通报|约谈|调度|考核|纳入|加分|扣分|一票否决|责任书|责任状|会议|挂牌|上墙|创建|评比|标杆|示范|最美|"
    r"借调|抽调|App|APP|小程序|打卡|积分|在线时长|属地管理|督查|督导)")
# stage, documents per folder, other (non-cue) clauses per document
SEVENTH_BLIND_STAGES = (("A", 8, 3), ("B", 5, 2), ("C", 7, 2), ("D", 8, 2), ("E", 20, 2), ("F", 8, 2))


def distinct_clauses(text: str) -> list[tuple[int, int]]:
    """The spans of a document's clauses, a clause repeating an earlier one (same normalised text) kept once."""
    spans, seen = [], set()
    for start, end in clauses_of(text):
        key = text_hash(text[start:end])
        if key not in seen:
            seen.add(key)
            spans.append((start, end))
    return spans


def restates(doc_text: str, used_grams: list[set[str]], threshold: float = 0.4) -> bool:
    """True when a document's 8-grams are largely contained in one already used (a republication, a 解读)."""
    return _contained(_grams8(doc_text), used_grams, threshold)


def _contained(own: set[str], others: list[set[str]], threshold: float = 0.4) -> bool:
    return bool(own) and any(len(own & u) / len(own) >= threshold for u in others)


class _Draw:
    """The documents a blind draw has taken so far, against those of the earlier sets: `admit` takes a document unless
    it is a retitled copy of a drawn one or restates a used or drawn one (8-gram containment)."""

    def __init__(self, used_grams: list[set[str]]) -> None:
        self.used_grams = used_grams
        self.titles: set[str] = set()
        self.grams: list[set[str]] = []

    def admit(self, doc: GovDocument) -> bool:
        title = _title_core(doc["title"])
        if title in self.titles:
            return False
        own = _grams8(doc["text"])
        if _contained(own, self.used_grams) or _contained(own, self.grams):
            return False
        self.titles.add(title)
        self.grams.append(own)
        return True


def _seventh_eligible(doc: GovDocument, stage: str) -> bool:
    if len(doc["text"]) < 300:
        return False
    if stage == "A":
        return not ("年报" in doc["title"] or "年度报告" in doc["title"]) and bool(LOWER_LEVELS.search(doc["text"]))
    return (not CENTRAL_TITLE.search(doc["title"]) and not NOT_DIRECTIVE.search(doc["title"])
            and len(LOCAL_ACTORS.findall(doc["text"])) >= (3 if stage == "F" else 5))


def seventh_blind_documents(documents: dict[str, GovDocument], used: frozenset[str], *,
                            seed: int = 2032) -> list[tuple[str, str]]:
    """(stage, document id) of real_blind7: per stage and folder (sorted), a seeded shuffle of the eligible documents,
    taken in order while skipping one that shares a title core with, or restates, a used or already drawn document."""
    rng = random.Random(seed)
    used_titles = {_title_core(documents[u]["title"]) for u in used if u in documents}
    used_grams = [_grams8(documents[u]["text"]) for u in sorted(used) if u in documents]
    chosen: list[tuple[str, str]] = []
    draw = _Draw(used_grams)
    for stage, per_folder, _ in SEVENTH_BLIND_STAGES:
        by_folder: defaultdict[str, list[str]] = defaultdict(list)
        taken = {d for _, d in chosen}
        for doc_id in sorted(documents):
            doc = documents[doc_id]
            if doc_id in used or doc_id in taken or _title_core(doc["title"]) in used_titles:
                continue
            if _seventh_eligible(doc, stage):
                by_folder[doc["folder"]].append(doc_id)
        for folder in sorted(by_folder):
            pool = by_folder[folder]
            rng.shuffle(pool)
            kept = 0
            for doc_id in pool:
                if kept == per_folder:
                    break
                if not draw.admit(documents[doc_id]):
                    continue
                chosen.append((stage, doc_id))
                kept += 1
    return chosen


def seventh_blind_draw(documents: dict[str, GovDocument], used: frozenset[str], *, seed: int = 2032,
                       cued_per_doc: int = 8) -> list[tuple[str, int, int]]:
    """The clauses of real_blind7: per drawn document, up to `cued_per_doc` clauses with a LABELLING_CUES word and the
    stage's number of others, drawn with one seeded generator; a clause repeating an earlier one of its document is
    kept once."""
    rng = random.Random(seed + 1)
    others = {stage: n for stage, _, n in SEVENTH_BLIND_STAGES}
    out: list[tuple[str, int, int]] = []
    for stage, doc_id in seventh_blind_documents(documents, used, seed=seed):
        text = documents[doc_id]["text"]
        spans = distinct_clauses(text)
        cued = [s for s in spans if LABELLING_CUES.search(text[s[0]:s[1]])]
        rest = [s for s in spans if s not in cued]
        picked = rng.sample(cued, min(cued_per_doc, len(cued))) + rng.sample(rest, min(others[stage], len(rest)))
        out.extend((doc_id, start, end) for start, end in sorted(picked))
    return out



# real_blind8 (issue 10, fourth round; a third labeller): documents DRAWN at random (one seeded shuffle, never ranked by
# cues) among those in no earlier set (real_dev … real_blind7), not sharing a title core with one, not restating one
# (8-gram containment ≥ 0.4, also against the documents already drawn), of ≥ 300 characters, provincial and directive
# (CENTRAL_TITLE and NOT_DIRECTIVE titles excluded) and addressing lower levels: ≥ 2 mentions of GRASSROOTS_ACTORS.
# Stages, each added after labelling the earlier ones (positives were rare: provincial regulations dominate the pool);
# adding one leaves the earlier ones unchanged:
#   A. the first 65 documents of the shuffle;
#   B. every further eligible document whose opening (its first 600 characters: the addressee line of a notice) is
#      addressed to lower levels (ADDRESSED_TO_LOWER: 各市…：, 各设区市…：, 各县…：, 各地…：), in shuffle order;
#   C. every further eligible document whose title is not a regulation's (REGULATION_TITLE: 条例, 办法, 规定, 细则 …):
#      the remaining notices, 意见, 方案 and 措施.
# Within a document: up to 8 clauses with a LABELLING_CUES word and 4 others, drawn at random; then (stage D, added
# after labelling A-C) every further clause of the documents of B and C, appended after A-C's rows.
GRASSROOTS_ACTORS = re.compile(
    r"(各市|设区市|各县|县（市、区|县（市|市、县|市县|县级|乡镇|乡（镇|街道|村（社区）|村委会|村民委员会|行政村|村级|各村|基层|"
    r"各地)")
ADDRESSED_TO_LOWER = re.compile(r"(各市|各设区市|各县|各有关市|市（含定州|设区市人民政府|各地)[^。]{0,120}?[：:]")
REGULATION_TITLE = re.compile(r"(条例|办法|规定|细则|规程|指引|标准|规则)")
EIGHTH_BLIND_STAGES: tuple[tuple[str, int | None], ...] = (("A", 65), ("B", None), ("C", None))
EIGHTH_BLIND_WHOLE = ("B", "C")  # stage D: every further clause of these stages' documents
EIGHTH_BLIND_EARLIER = ("real_dev", "real_blind") + tuple(f"real_blind{k}" for k in range(2, 8))


def _eighth_eligible(doc: GovDocument, stage: str = "A") -> bool:
    if (len(doc["text"]) < 300 or CENTRAL_TITLE.search(doc["title"]) or NOT_DIRECTIVE.search(doc["title"])
            or len(GRASSROOTS_ACTORS.findall(doc["text"])) < 2):
        return False
    if stage == "B":
        return bool(ADDRESSED_TO_LOWER.search(doc["text"][:600]))
    if stage == "C":
        return not REGULATION_TITLE.search(doc["title"])
    return True


def eighth_blind_documents(documents: dict[str, GovDocument], used: frozenset[str], *,
                           seed: int = 2033) -> list[tuple[str, str]]:
    """(stage, document id) of real_blind8: one seeded shuffle of the eligible documents (sorted first); each stage takes
    its documents in shuffle order (stage A the first 65, stages B and C every one they admit), skipping one that shares a title
    core with, or restates, a used or already drawn document."""
    rng = random.Random(seed)
    used_titles = {_title_core(documents[u]["title"]) for u in used if u in documents}
    used_grams = [_grams8(documents[u]["text"]) for u in sorted(used) if u in documents]
    pool = [d for d in sorted(documents) if d not in used and _title_core(documents[d]["title"]) not in used_titles
            and _eighth_eligible(documents[d])]
    rng.shuffle(pool)
    chosen: list[tuple[str, str]] = []
    draw = _Draw(used_grams)
    for stage, count in EIGHTH_BLIND_STAGES:
        taken = {d for _, d in chosen}
        kept = 0
        for doc_id in pool:
            if kept == count:
                break
            if doc_id in taken or not _eighth_eligible(documents[doc_id], stage):
                continue
            if not draw.admit(documents[doc_id]):
                continue
            chosen.append((stage, doc_id))
            kept += 1
    return chosen


def eighth_blind_draw(documents: dict[str, GovDocument], used: frozenset[str], *, seed: int = 2033,
                      cued_per_doc: int = 8, others_per_doc: int = 4) -> list[tuple[str, int, int]]:
    """The clauses of real_blind8: per drawn document (in draw order), up to `cued_per_doc` clauses with a LABELLING_CUES
    word and `others_per_doc` clauses without one, drawn with a generator seeded per document (so the clauses of a
    document do not depend on how many documents are drawn); a clause repeating one of its document is kept once.
    Then (stage D, added after labelling A-C: positives sit in the directive documents addressed to lower levels) every
    further clause of the documents of stages B and C, so that those documents are labelled whole."""
    out: list[tuple[str, int, int]] = []
    complete: list[tuple[str, list[tuple[int, int]]]] = []
    for stage, doc_id in eighth_blind_documents(documents, used, seed=seed):
        rng = random.Random(f"{seed}:{doc_id}")
        text = documents[doc_id]["text"]
        spans = distinct_clauses(text)
        cued = [s for s in spans if LABELLING_CUES.search(text[s[0]:s[1]])]
        rest = [s for s in spans if s not in cued]
        picked = rng.sample(cued, min(cued_per_doc, len(cued))) + rng.sample(rest, min(others_per_doc, len(rest)))
        out.extend((doc_id, start, end) for start, end in sorted(picked))
        if stage in EIGHTH_BLIND_WHOLE:
            complete.append((doc_id, [s for s in spans if s not in picked]))
    for doc_id, remaining in complete:
        out.extend((doc_id, start, end) for start, end in remaining)
    return out


# real_blind9 (issue 10, fifth round; a fourth labeller): WHOLE documents, every clause labelled (no cue-based choice of
# clauses, so recall is not biased toward any keyword), DRAWN AT RANDOM (one seeded shuffle, seed 2034, never ranked by
# cues) among those in no earlier set (real_dev … real_blind8), not sharing a title core with one, not restating one or
# a document already drawn (`_Draw`), of ≥ 300 characters, of every kind (regulations, 年报, 解读 and central texts too).
# Stratified in two halves: directive documents addressed to lower levels (`_addressed_downwards`: no CENTRAL_TITLE,
# NOT_DIRECTIVE or REGULATION_TITLE title, and either an opening addressed to lower levels — ADDRESSED_TO_LOWER — or a
# directive title — DIRECTIVE_TITLE: 通知, 方案, 意见, 措施 … — over a text that names them) and every other document. Each stage takes the next documents of each half in shuffle order;
# a later stage leaves the earlier ones unchanged.
NINTH_BLIND_STAGES: tuple[tuple[str, int, int], ...] = (("A", 8, 8), ("B", 6, 6), ("C", 6, 6))  # stage, downwards, others
DIRECTIVE_TITLE = re.compile(r"(通知|方案|意见|措施|计划|决定|通报|要点)")
NINTH_BLIND_EARLIER = EIGHTH_BLIND_EARLIER + ("real_blind8",)


def _addressed_downwards(doc: GovDocument) -> bool:
    title = doc["title"]
    if (CENTRAL_TITLE.search(title) or NOT_DIRECTIVE.search(title) or REGULATION_TITLE.search(title)
            or "年度报" in title):  # 年度报… : an annual report whose title was cut short
        return False
    return bool(ADDRESSED_TO_LOWER.search(doc["text"][:600])
                or (DIRECTIVE_TITLE.search(title) and GRASSROOTS_ACTORS.search(doc["text"])))


def ninth_blind_documents(documents: dict[str, GovDocument], used: frozenset[str], *,
                          seed: int = 2034) -> list[tuple[str, str]]:
    """(stage, document id) of real_blind9: one seeded shuffle of the eligible documents (sorted first); each stage takes
    the next documents addressed downwards and the next others, in shuffle order, skipping one that shares a title core
    with, or restates, a used or already drawn document. Within a stage the downward documents come first."""
    rng = random.Random(seed)
    used_titles = {_title_core(documents[u]["title"]) for u in used if u in documents}
    used_grams = [_grams8(documents[u]["text"]) for u in sorted(used) if u in documents]
    pool = [d for d in sorted(documents) if d not in used and _title_core(documents[d]["title"]) not in used_titles
            and len(documents[d]["text"]) >= 300]
    rng.shuffle(pool)
    halves = {True: [d for d in pool if _addressed_downwards(documents[d])],
              False: [d for d in pool if not _addressed_downwards(documents[d])]}
    position = {True: 0, False: 0}
    chosen: list[tuple[str, str]] = []
    draw = _Draw(used_grams)
    for stage, downwards, others in NINTH_BLIND_STAGES:
        for half, count in ((True, downwards), (False, others)):
            kept = 0
            queue = halves[half]
            while kept < count and position[half] < len(queue):
                doc_id = queue[position[half]]
                position[half] += 1
                if draw.admit(documents[doc_id]):
                    chosen.append((stage, doc_id))
                    kept += 1
    return chosen


def ninth_blind_draw(documents: dict[str, GovDocument], used: frozenset[str], *,
                     seed: int = 2034) -> list[tuple[str, int, int]]:
    """The clauses of real_blind9: every clause of every drawn document, in draw order and document order; a clause
    repeating an earlier one of its document (same normalised text) is kept once."""
    out: list[tuple[str, int, int]] = []
    for _, doc_id in ninth_blind_documents(documents, used, seed=seed):
        out.extend((doc_id, start, end) for start, end in distinct_clauses(documents[doc_id]["text"]))
    return out


# real_blind10 (issue 10, seventh round; a fifth labeller): provincial DIRECTIVE documents addressed to lower levels
# (`_addressed_downwards`, widened by `_tenth_eligible` below), DRAWN AT RANDOM (one seeded shuffle, seed 2035, never ranked by cues) among those in no
# earlier set (real_dev … real_blind9), not sharing a title core with one, not restating one or a document already
# drawn (`_Draw`), of ≥ 300 characters: the first TENTH_BLIND_COUNT documents the draw admits. Within a document, as
# real_blind8: up to 8 clauses with a LABELLING_CUES word and 4 others, drawn with a generator seeded per document.
# After nine sets the documents `_addressed_downwards` admits are used up: every unused one shares a title core with,
# or restates (8-gram containment ≥ 0.4), a document of an earlier set, so that rule alone draws nothing. Decided from
# titles and counts only, before any clause was read: a provincial regulation that names lower levels (a 办法, 规定,
# 细则 … of a provincial body, or the notice issuing one, whose text names GRASSROOTS_ACTORS) is eligible too.
TENTH_BLIND_COUNT = 50
TENTH_BLIND_EARLIER = NINTH_BLIND_EARLIER + ("real_blind9",)


def _tenth_eligible(doc: GovDocument) -> bool:
    title = doc["title"]
    if _addressed_downwards(doc):
        return True
    if CENTRAL_TITLE.search(title) or NOT_DIRECTIVE.search(title) or "年度报" in title:
        return False
    return bool(REGULATION_TITLE.search(title) and GRASSROOTS_ACTORS.search(doc["text"]))


@dataclass(frozen=True)
class DrawRule:
    """One draw of the tenth draw's procedure (session 21, fix-cr21a; every draw from the tenth on is one, session 22):
    its seed, its document count (a cap when the population is smaller), its cue and other clauses per document and its
    population rule."""

    seed: int
    count: int
    cued: int
    others: int
    eligible: Callable[[GovDocument], bool]


def draw_documents(rule: DrawRule, documents: dict[str, GovDocument], used: frozenset[str]) -> list[str]:
    """The document ids a draw takes, in draw order: one seeded shuffle of the eligible documents (sorted first), taken
    in order while skipping one that shares a title core with, or restates, a used or already drawn document."""
    rng = random.Random(rule.seed)
    used_titles = {_title_core(documents[u]["title"]) for u in used if u in documents}
    used_grams = [_grams8(documents[u]["text"]) for u in sorted(used) if u in documents]
    pool = [d for d in sorted(documents) if d not in used and _title_core(documents[d]["title"]) not in used_titles
            and len(documents[d]["text"]) >= 300 and rule.eligible(documents[d])]
    rng.shuffle(pool)
    chosen: list[str] = []
    draw = _Draw(used_grams)
    for doc_id in pool:
        if len(chosen) == rule.count:
            break
        if draw.admit(documents[doc_id]):
            chosen.append(doc_id)
    return chosen


def draw_clauses(rule: DrawRule, documents: dict[str, GovDocument], used: frozenset[str]) -> list[tuple[str, int, int]]:
    """The clauses a draw takes: per drawn document (in draw order), up to `rule.cued` clauses with a LABELLING_CUES
    word and `rule.others` without one, drawn with a generator seeded per document; a clause repeating one of its
    document is kept once; rows in document order."""
    out: list[tuple[str, int, int]] = []
    for doc_id in draw_documents(rule, documents, used):
        rng = random.Random(f"{rule.seed}:{doc_id}")
        text = documents[doc_id]["text"]
        spans = distinct_clauses(text)
        cued = [s for s in spans if LABELLING_CUES.search(text[s[0]:s[1]])]
        rest = [s for s in spans if s not in cued]
        picked = rng.sample(cued, min(rule.cued, len(cued))) + rng.sample(rest, min(rule.others, len(rest)))
        out.extend((doc_id, start, end) for start, end in sorted(picked))
    return out


TENTH_DRAW = DrawRule(seed=2035, count=TENTH_BLIND_COUNT, cued=8, others=4, eligible=_tenth_eligible)


# real_blind11 (issue 10, session 19; a sixth labeller): the same population and draw as real_blind10 — provincial
# directive documents addressed to lower levels or provincial regulations naming them (`_tenth_eligible`), one seeded
# shuffle (seed 2036, never ranked by cues), documents of every earlier set (real_dev … real_blind10) excluded with
# those sharing a title core with or restating one (`_Draw`), ≥ 300 characters — the first ELEVENTH_BLIND_COUNT
# admitted; within a document up to 6 clauses with a LABELLING_CUES word and 3 others (9 at most), drawn with a
# generator seeded per document. `draw_documents`/`draw_clauses` with these parameters.
ELEVENTH_BLIND_COUNT = 40
ELEVENTH_BLIND_EARLIER = TENTH_BLIND_EARLIER + ("real_blind10",)
ELEVENTH_BLIND_SEED = 2036
ELEVENTH_BLIND_CUED, ELEVENTH_BLIND_OTHERS = 6, 3


ELEVENTH_DRAW = DrawRule(seed=ELEVENTH_BLIND_SEED, count=ELEVENTH_BLIND_COUNT, cued=ELEVENTH_BLIND_CUED,
                         others=ELEVENTH_BLIND_OTHERS, eligible=_tenth_eligible)


# real_blind12 (issue 10, session 20; a seventh labeller): after eleven sets `_tenth_eligible` has about 11 unused
# documents left. The population is widened on purpose to every provincial-or-lower document that names the grassroots
# (GRASSROOTS_ACTORS at least once; CENTRAL_TITLE titles excluded, NOT_DIRECTIVE NOT applied), so reports, summaries,
# 年报, 解读 and non-directive notices enter and test the retrospective and statutory traps. Otherwise the eleventh
# draw: ≥ 300 characters, every earlier set (real_dev … real_blind11) excluded with those sharing a title core with or
# restating one (`_Draw`), one seeded shuffle (seed 2037, never ranked by cues), the first TWELFTH_BLIND_COUNT
# admitted, up to 6 cue + 3 other clauses per document. `draw_documents`/`draw_clauses` with these parameters.
TWELFTH_BLIND_COUNT = 35
TWELFTH_BLIND_EARLIER = ELEVENTH_BLIND_EARLIER + ("real_blind11",)
TWELFTH_BLIND_SEED = 2037
TWELFTH_BLIND_CUED, TWELFTH_BLIND_OTHERS = 6, 3


def _twelfth_eligible(doc: GovDocument) -> bool:
    return not CENTRAL_TITLE.search(doc["title"]) and bool(GRASSROOTS_ACTORS.search(doc["text"]))


TWELFTH_DRAW = DrawRule(seed=TWELFTH_BLIND_SEED, count=TWELFTH_BLIND_COUNT, cued=TWELFTH_BLIND_CUED,
                        others=TWELFTH_BLIND_OTHERS, eligible=_twelfth_eligible)


# real_blind13 (issue 10, session 21; an eighth labeller): real_blind12 found 7 positives in 197 clauses, too few to
# measure recall, and after it `_twelfth_eligible` has only 29 unused documents that restate no earlier one (about 100 cue
# clauses in all). Decided from counts only, before any clause was read: the population is every non-central document
# (no `CENTRAL_TITLE`) that names lower levels at all — `GRASSROOTS_ACTORS` or `LOWER_LEVELS` (学校, 社区, 市级 …) — and
# EVERY document of it the draw admits is taken (`THIRTEENTH_BLIND_COUNT` is a cap above the pool), so the recall lever
# is the clauses: up to 8 with a LABELLING_CUES word and 1 other per document (most of a document's cue clauses, where
# burdens sit, and one clause as a check on the rest). Otherwise the twelfth draw: ≥ 300 characters, every earlier set
# (real_dev … real_blind12) excluded with those sharing a title core with or restating one (`_Draw`), one seeded shuffle
# (seed 2038, never ranked by cues), a generator seeded per document. `draw_documents`/`draw_clauses`.
THIRTEENTH_BLIND_COUNT = 80
THIRTEENTH_BLIND_EARLIER = TWELFTH_BLIND_EARLIER + ("real_blind12",)
THIRTEENTH_BLIND_SEED = 2038
THIRTEENTH_BLIND_CUED, THIRTEENTH_BLIND_OTHERS = 8, 1


def _thirteenth_eligible(doc: GovDocument) -> bool:
    text = doc["text"]
    return not CENTRAL_TITLE.search(doc["title"]) and bool(GRASSROOTS_ACTORS.search(text) or LOWER_LEVELS.search(text))


THIRTEENTH_DRAW = DrawRule(seed=THIRTEENTH_BLIND_SEED, count=THIRTEENTH_BLIND_COUNT, cued=THIRTEENTH_BLIND_CUED,
                           others=THIRTEENTH_BLIND_OTHERS, eligible=_thirteenth_eligible)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Draw the real-document evaluation sample (prints TSV rows).")
    parser.add_argument("command", choices=["sample"])
    parser.add_argument("--split", choices=["dev", "blind"], default="dev")
    parser.add_argument("--text", action="store_true", help="print the clause text too (for labelling; never commit it)")
    parser.add_argument("--second-blind", action="store_true",
                        help="draw the later blind set real_blind2: seed 2027, documents of real_dev/real_blind (and "
                             "their near-duplicates) excluded, every drawn document blind")
    parser.add_argument("--third-blind", action="store_true",
                        help="draw real_blind3 the same way: seed 2028, documents of every earlier set excluded")
    parser.add_argument("--fourth-blind", action="store_true",
                        help="draw real_blind4: seed 2029, 2 documents per stratum, every earlier set excluded")
    parser.add_argument("--fifth-blind", action="store_true",
                        help="draw real_blind5: seed 2030, 2 documents per stratum, every earlier set excluded")
    parser.add_argument("--sixth-blind", action="store_true",
                        help="draw real_blind6: chosen documents (SIXTH_BLIND_DOCUMENTS), seed 2031, every earlier set "
                             "excluded")
    parser.add_argument("--seventh-blind", action="store_true",
                        help="draw real_blind7: documents drawn at random per folder (seed 2032) in stages A-F (A: any that "
                             "address lower levels; B-F: provincial texts addressing local governments), every earlier "
                             "set excluded; up to 8 cue clauses + 3 (A) or 2 (B-F) others each")
    parser.add_argument("--eighth-blind", action="store_true",
                        help="draw real_blind8: provincial directive documents addressing lower levels, drawn at random "
                             "(seed 2033) in stages A (65 documents), B (every further one addressed to lower levels) and "
                             "C (every further non-regulation), every earlier set excluded; up to 8 cue + 4 other "
                             "clauses each, then (D) every further clause of B's and C's documents")
    parser.add_argument("--ninth-blind", action="store_true",
                        help="draw real_blind9: whole documents drawn at random (seed 2034), half directive documents "
                             "addressed to lower levels and half every other kind, in stages A-C, every earlier set "
                             "excluded; every clause of each document")
    parser.add_argument("--tenth-blind", action="store_true",
                        help="draw real_blind10: provincial directive documents addressed to lower levels, drawn at "
                             "random (seed 2035, the first 50 admitted), every earlier set excluded; up to 8 cue + 4 "
                             "other clauses each")
    parser.add_argument("--eleventh-blind", action="store_true",
                        help="draw real_blind11: as real_blind10 (same eligibility), seed 2036, the first 40 admitted, "
                             "every earlier set (real_blind10 included) excluded; up to 6 cue + 3 other clauses each")
    parser.add_argument("--twelfth-blind", action="store_true",
                        help="draw real_blind12: any non-central document naming grassroots actors (reports, 解读 and "
                             "non-directive notices included), seed 2037, the first 35 admitted, every earlier set "
                             "(real_blind11 included) excluded; up to 6 cue + 3 other clauses each")
    parser.add_argument("--thirteenth-blind", action="store_true",
                        help="draw real_blind13: every admitted non-central document naming lower levels (seed 2038, "
                             "at most 80), every earlier set (real_blind12 included) excluded; up to 8 cue + 1 other "
                             "clauses each")
    args = parser.parse_args(argv)
    documents = load_documents()
    later = [n for n, flag in ((2, args.second_blind), (3, args.third_blind), (4, args.fourth_blind),
                               (5, args.fifth_blind)) if flag]
    if args.thirteenth_blind:
        used = frozenset(i.doc_id for name in THIRTEENTH_BLIND_EARLIER for i in load_labels(label_path(name)))
        drawn = {"blind": draw_clauses(THIRTEENTH_DRAW, documents, used), "dev": []}
    elif args.twelfth_blind:
        used = frozenset(i.doc_id for name in TWELFTH_BLIND_EARLIER for i in load_labels(label_path(name)))
        drawn = {"blind": draw_clauses(TWELFTH_DRAW, documents, used), "dev": []}
    elif args.eleventh_blind:
        used = frozenset(i.doc_id for name in ELEVENTH_BLIND_EARLIER for i in load_labels(label_path(name)))
        drawn = {"blind": draw_clauses(ELEVENTH_DRAW, documents, used), "dev": []}
    elif args.tenth_blind:
        used = frozenset(i.doc_id for name in TENTH_BLIND_EARLIER for i in load_labels(label_path(name)))
        drawn = {"blind": draw_clauses(TENTH_DRAW, documents, used), "dev": []}
    elif args.ninth_blind:
        used = frozenset(i.doc_id for name in NINTH_BLIND_EARLIER for i in load_labels(label_path(name)))
        drawn = {"blind": ninth_blind_draw(documents, used), "dev": []}
    elif args.eighth_blind:
        used = frozenset(i.doc_id for name in EIGHTH_BLIND_EARLIER for i in load_labels(label_path(name)))
        drawn = {"blind": eighth_blind_draw(documents, used), "dev": []}
    elif args.seventh_blind:
        earlier = ("real_dev", "real_blind") + tuple(f"real_blind{k}" for k in range(2, 7))
        used = frozenset(i.doc_id for name in earlier for i in load_labels(label_path(name)))
        drawn = {"blind": seventh_blind_draw(documents, used), "dev": []}
    elif args.sixth_blind:
        earlier = ("real_dev", "real_blind") + tuple(f"real_blind{k}" for k in range(2, 6))
        used = frozenset(i.doc_id for name in earlier for i in load_labels(label_path(name)))
        drawn = {"blind": sixth_blind_draw(documents, used), "dev": []}
    elif later:
        number = later[0]
        earlier = ("real_dev", "real_blind") + tuple(f"real_blind{k}" for k in range(2, number))
        used = frozenset(i.doc_id for name in earlier for i in load_labels(label_path(name)))
        drawn = sample(documents, seed=2025 + number, exclude=used, blind_share=1.0,
                       docs_per_stratum=2 if number >= 4 else 1)
        # a document that largely restates one already used (a 政策解读 of a dev document) is dropped
        def grams(text: str) -> set[str]:
            clean = normalise(text)
            return {clean[i:i + 8] for i in range(len(clean) - 7)}

        used_shingles = [grams(documents[u]["text"]) for u in used]

        def restates_used(doc_id: str) -> bool:
            own = grams(documents[doc_id]["text"])
            return bool(own) and max(len(own & u) / len(own) for u in used_shingles) >= 0.4

        dropped = {d for d in {d for d, _, _ in drawn["blind"]} if restates_used(d)}
        drawn["blind"] = [row for row in drawn["blind"] if row[0] not in dropped]
    else:
        drawn = sample(documents)
    print("\t".join(COLUMNS))
    for doc_id, start, end in drawn[args.split]:
        text = documents[doc_id]["text"][start:end]
        cells = [doc_id, str(start), str(end), text_hash(text), "", "", ""]
        if args.text:
            cells.append(documents[doc_id]["title"] + " ‖ " + text)
        print("\t".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
