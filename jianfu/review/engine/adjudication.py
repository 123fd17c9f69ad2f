"""Adjudicated labels of the real sets: where a labeller's label contradicts review-labelling.md's own words.

Three labellers followed the same review-labelling.md and disagreed on a few kinds of clause (docs/review.md,
"Issue 10, fifth round"). Where the guide's text decides such a kind, the clauses whose label contradicts it are
listed in `corpus/real_adjudicated.tsv` — the label as labelled, the adjudicated label and the reason — instead of
being relabelled silently: the label files stay as their labellers wrote them, and `evaluate` reports the figures
against both. Where the text does not decide, nothing is listed.

Columns: split, doc_id, start, end, sha1 (as in the label file), label (as labelled), adjudicated, groups (of an
adjudicated positive), reason. Every row must match a row of the named split's label file (same span, hash and
label); any other row is refused, naming its line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .realdocs import GROUP_CODES, LABELS, EvaluationFileError, LabelledClause

ADJUDICATION_PATH = Path(__file__).resolve().parent.parent / "corpus" / "real_adjudicated.tsv"
COLUMNS = ("split", "doc_id", "start", "end", "sha1", "label", "adjudicated", "groups", "reason")


@dataclass(frozen=True)
class Adjudication:
    split: str
    doc_id: str
    start: int
    end: int
    sha1: str
    label: bool
    adjudicated: bool
    groups: frozenset[str]
    reason: str
    line: int


def load_adjudications(path: Path = ADJUDICATION_PATH) -> list[Adjudication]:
    """Read the corrections file (TSV with a header); a malformed line is an EvaluationFileError naming it."""
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [(n, line) for n, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")]
    if not rows:
        return []
    header_no, header = rows[0]
    if tuple(header.split("\t")) != COLUMNS:
        raise EvaluationFileError(f"{path.name} 第{header_no}行：表头应为 {'/'.join(COLUMNS)}")
    out = []
    for number, line in rows[1:]:
        cells = line.split("\t")
        if len(cells) != len(COLUMNS):
            raise EvaluationFileError(f"{path.name} 第{number}行：应有 {len(COLUMNS)} 列，实有 {len(cells)} 列")
        row = dict(zip(COLUMNS, cells, strict=True))
        if row["label"] not in LABELS or row["adjudicated"] not in LABELS:
            raise EvaluationFileError(f"{path.name} 第{number}行：标注须为 0/1")
        if row["label"] == row["adjudicated"]:
            raise EvaluationFileError(f"{path.name} 第{number}行：裁定标注与原标注相同，不是更正")
        if not row["reason"].strip():
            raise EvaluationFileError(f"{path.name} 第{number}行：缺少裁定理由")
        try:
            start, end = int(row["start"]), int(row["end"])
        except ValueError:
            raise EvaluationFileError(f"{path.name} 第{number}行：起止位置须为整数") from None
        groups = frozenset(g for g in row["groups"].split(",") if g.strip())
        adjudicated = LABELS[row["adjudicated"]]
        if groups - GROUP_CODES or adjudicated != bool(groups):
            raise EvaluationFileError(f"{path.name} 第{number}行：裁定为正例须标明规则组（{'/'.join(sorted(GROUP_CODES))}），"
                                      f"反例不标")
        out.append(Adjudication(row["split"].strip(), row["doc_id"].strip(), start, end, row["sha1"].strip(),
                                LABELS[row["label"]], adjudicated, groups, row["reason"].strip(), number))
    return out


def adjudicated_groups(split: str, labels: list[LabelledClause],
                       adjudications: list[Adjudication]) -> dict[tuple[str, int], frozenset[str]]:
    """(doc_id, start) → the adjudicated groups (empty = negative) of the split's corrected rows; a correction that
    matches no row of the label file (span, hash and label as labelled) is an EvaluationFileError."""
    rows = {(label.doc_id, label.start): label for label in labels}
    out = {}
    for adj in adjudications:
        if adj.split != split:
            continue
        row = rows.get((adj.doc_id, adj.start))
        if row is None or row.end != adj.end or row.sha1 != adj.sha1 or row.label != adj.label:
            raise EvaluationFileError(f"{ADJUDICATION_PATH.name} 第{adj.line}行：{split} 中没有与之相符的标注行"
                                      f"（{adj.doc_id} {adj.start}-{adj.end}，原标注 {int(adj.label)}）")
        out[(adj.doc_id, adj.start)] = adj.groups
    return out
