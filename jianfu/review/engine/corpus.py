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
          "blind29", "blind30", "blind31", "blind32", "blind33")


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


class CorpusFileError(ValueError):
    """A corpus split that cannot be used as written; the message (Chinese) names the file and the entry's line."""


LABEL_GROUPS = frozenset(GROUPS) - {"CUSTOM"}    # what a corpus entry's `groups` may name (CUSTOM is for the UI's rules)
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_split(name: str, folder: Path | None = None) -> list[Item]:
    """The entries of `name`.yaml. A malformed file or entry — not a list, an entry without its id or text, an id given
    twice, a group outside LABEL_GROUPS, a rule id of no group — is refused whole (CorpusFileError, naming the line):
    a typo would otherwise score as a silent miss."""
    path = (CORPUS_DIR if folder is None else folder) / f"{name}.yaml"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CorpusFileError(f"找不到语料文件：{path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusFileError(f"无法读取语料文件 {path}：{exc}") from None
    loader = _SAFE_LOADER(text)
    try:
        node = loader.get_single_node()
        raw = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" 第 {mark.line + 1} 行" if mark is not None else ""
        raise CorpusFileError(f"{path.name}{where}：YAML 格式错误（{getattr(exc, 'problem', None) or exc}）") from None
    finally:
        loader.dispose()
    if raw is None:
        return []
    if not isinstance(raw, list) or not isinstance(node, yaml.SequenceNode):
        raise CorpusFileError(f"{path.name}：应为条目的列表（每条以“- ”开头）")
    items: list[Item] = []
    seen: dict[str, int] = {}
    for entry, entry_node in zip(raw, node.value, strict=True):
        items.append(_item(entry, path.name, entry_node.start_mark.line + 1, seen))
    return items


def _item(r: object, file: str, line: int, seen: dict[str, int]) -> Item:
    where = f"{file} 第 {line} 行"
    if not isinstance(r, dict):
        raise CorpusFileError(f"{where}：条目应为 id、text、groups 等字段")
    for key in ("id", "text"):
        value = r.get(key)
        if not isinstance(value, str | int) or not str(value).strip():
            raise CorpusFileError(f"{where}：缺少“{key}”" + (f"（条目 {r['id']}）" if key != "id" else ""))
    item_id = str(r["id"])
    if item_id in seen:
        raise CorpusFileError(f"{where}：id {item_id} 与第 {seen[item_id]} 行重复")
    seen[item_id] = line
    lists: dict[str, list[str]] = {}
    for key in ("rules", "groups"):
        value = r.get(key)
        if value is not None and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise CorpusFileError(f"{where}：条目 {item_id} 的“{key}”应为列表，如 [INS]")
        lists[key] = value or []
    unknown = sorted(set(lists["groups"]) - LABEL_GROUPS)
    if unknown:
        raise CorpusFileError(f"{where}：条目 {item_id} 的规则组“{','.join(unknown)}”不在 "
                              f"{'/'.join(sorted(LABEL_GROUPS))} 之内")
    strays = [rule for rule in lists["rules"] if group_of(rule) == "CUSTOM"]
    if strays:
        raise CorpusFileError(f"{where}：条目 {item_id} 的规则“{','.join(strays)}”不属于任何规则组（应如 BR-INS-08）")
    return Item(id=item_id, text=str(r["text"]), rules=frozenset(lists["rules"]), issuer=r.get("issuer", "unknown"),
                trap=r.get("trap", ""), groups=frozenset(lists["groups"]) if r.get("groups") is not None else None)


def kind_of(item: Item) -> str:
    """The kind a dev2- or dev3-style id names (D2-RANK-01 -> RANK); '' for the other splits."""
    parts = item.id.split("-")
    return parts[1] if len(parts) == 3 and parts[0] in ("D2", "D3") else ""


def is_positive(item: Item) -> bool:
    return bool(item.rules) or bool(item.groups)


def group_of(rule_id: str) -> str:
    parts = rule_id.split("-")
    return parts[1] if len(parts) > 2 and parts[1] in GROUPS else "CUSTOM"
