"""The project's own annotated corpus (`jianfu/review/corpus/*.yaml`): loading splits of written clauses.

Kept apart from `evaluate` so that the classifier (trained on the dev split) and the evaluation (which
reports the classifier) both depend on it, and not on each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .rules import GROUPS

CORPUS_DIR = Path(__file__).resolve().parent.parent / "corpus"
SPLITS = ("dev", "heldout", "challenge", "challenge2", "blind3", "blind4", "blind5", "dev2", "dev3", "blind6",
          "blind7", "blind8", "blind9", "blind10", "dev4", "dev5", "blind11", "dev6", "blind12", "blind13",
          "blind14", "blind15", "blind16", "blind17", "blind18", "blind19", "blind20", "blind21",
          "blind22", "blind23", "blind24", "blind25", "blind26", "blind27", "blind28",
          "blind29", "blind30", "blind31")


@dataclass
class Item:
    id: str
    text: str
    rules: frozenset[str]
    issuer: str
    trap: str
    groups: frozenset[str] | None = None  # blind splits are annotated with rule groups only
    title: str = ""  # the document's title, for clauses of real documents (read with its title, as an office does)
    legal: bool = False  # the clause's document is a law, regulation or government rule (context.legal_instrument)


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


def kind_of(item: Item) -> str:
    """The kind a dev2- or dev3-style id names (D2-RANK-01 -> RANK); '' for the other splits."""
    parts = item.id.split("-")
    return parts[1] if len(parts) == 3 and parts[0] in ("D2", "D3") else ""


def is_positive(item: Item) -> bool:
    return bool(item.rules) or bool(item.groups)


def group_of(rule_id: str) -> str:
    parts = rule_id.split("-")
    return parts[1] if len(parts) > 2 and parts[1] in GROUPS else "CUSTOM"
