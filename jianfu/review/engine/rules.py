"""The rule catalogue: YAML files in jianfu/review/rules/, validated and compiled once.

A rule (see docs/review.md for the format):
  id, name, group, cite (a key of _provisions.yaml) or provision + source, severity (high|medium|low),
  patterns (regexes; an item may be {re: ..., negatable: false}), requires, excludes, exemptions
  (names from context.EXEMPTIONS), issuer (only for these issuer types), subsumed_by, subsumed_unless, yields_when,
  yields_in_group,
  any_bearer, once_per_document,
  scope
  (clause|document), check + params (document-level checks), examples, counter_examples, suggestion.
Rules added by a county office in the web UI are plain dicts of the same shape merged in by
`Catalogue.with_overrides`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .errors import RuleCatalogueError

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
# _provisions.yaml: citation key → {provision: text shown to the drafter, source: where it comes from}
Provisions = dict[str, dict[str, str]]

GROUPS = {
    "DOC": "文件",
    "MTG": "会议",
    "INS": "督查检查考核",
    "SEC": "借调干部",
    "APP": "政务App与工作群",
    "DUTY": "基层权责",
    "DEMO": "创建示范与评比",
    "VAN": "政绩工程",
    "CUSTOM": "自定义",
}
SEVERITIES = {"high": "高", "medium": "中", "low": "低"}
ISSUERS = {"department", "government", "township", "unknown"}
_ID = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
# libyaml's parser where PyYAML was built with it: the same data as yaml.safe_load (the constructors are the same; a test
# compares every rules file), ten times faster — the pure-Python parse was 0.4 s of a process's first review
# (session 18, review-new18: 1.1 s to load the catalogue, 2–3 s for jieba's dictionary, on a loaded machine)
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(text: str) -> Any:
    """`yaml.safe_load`, by libyaml when it is there."""
    return yaml.load(text, Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader (CSafeLoader or SafeLoader)


@dataclass(frozen=True)
class Pattern:
    regex: re.Pattern[str]
    negatable: bool = True


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    group: str
    provision: str
    source: str
    severity: str
    suggestion: str
    patterns: tuple[Pattern, ...] = ()
    requires: tuple[re.Pattern[str], ...] = ()
    excludes: tuple[re.Pattern[str], ...] = ()
    exemptions: tuple[str, ...] = ()
    issuer: tuple[str, ...] = ()
    subsumed_by: tuple[str, ...] = ()
    # the sentence shapes in which the rule stands beside the rules it is otherwise subsumed by (session 9: an app's
    # points ranked per person are the app's burden alone, a ranking of units by them is an assessment of its own)
    subsumed_unless: tuple[re.Pattern[str], ...] = ()
    # the sentence shapes in which the rule yields to any other finding on the same sentence, as subsumed_by '*' does
    # always (session 22, review-fix22: a paper and an electronic copy of one report are the second copy's burden only
    # when the report itself is no finding; beside a report found as such they are that report's form)
    yields_when: tuple[re.Pattern[str], ...] = ()
    # the sentence shapes in which the rule yields to another finding of its own group on the same sentence, and then
    # subsumes nothing (session 34, review-left34: photos sent up a work group on a rhythm are the daily report's, the
    # ranking's or the assessment's they make up, BR-INS-08, -04, -12 — not a post set up beside them, another burden)
    yields_in_group: tuple[re.Pattern[str], ...] = ()
    # True when the demand is a burden whoever bears it (fees for appraisals are forbidden outright), so the
    # check "falls on enterprises or individuals, not the grassroots" does not apply
    any_bearer: bool = False
    # True when the burden is the thing named itself (a 百日攻坚 campaign), not each demand that mentions it: the same
    # words found again elsewhere in the document are the same burden, listed once (session 15, newuser14 N09)
    once_per_document: bool = False
    scope: str = "clause"
    check: str = ""
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)  # as the YAML has them
    examples: tuple[str, ...] = ()
    counter_examples: tuple[str, ...] = ()
    origin: str = "yaml"  # yaml | custom

    @property
    def group_name(self) -> str:
        return GROUPS.get(self.group, self.group)

    @property
    def severity_name(self) -> str:
        return SEVERITIES.get(self.severity, self.severity)


_CONCEPT_REF = re.compile(r"\{([a-z_]+)\}")


@lru_cache(maxsize=1)
def load_concepts() -> dict[str, str]:
    """Concept classes of `_concepts.yaml`: name → regex alternation (longest item first).

    An item may name a class defined above it ({app}), expanded in place (session 23: one definition of a shared
    fragment, such as 到场 not followed by field work, where it was written out in several classes and rules)."""
    path = RULES_DIR / "_concepts.yaml"
    if not path.exists():
        return {}
    raw = read_yaml(path.read_text(encoding="utf-8")) or {}
    concepts: dict[str, str] = {}

    def earlier(name: str, item: str) -> str:
        for ref in _CONCEPT_REF.findall(item):
            if ref not in concepts:
                raise RuleCatalogueError(f"_concepts.yaml：概念“{name}”引用了不存在或定义在其后的概念“{{{ref}}}”。")
        return _CONCEPT_REF.sub(lambda m: concepts[m.group(1)], item)

    for name, items in raw.items():
        if not re.fullmatch(r"[a-z_]+", str(name)) or not isinstance(items, list) or not items:
            raise RuleCatalogueError(f"_concepts.yaml：概念“{name}”格式不正确（名称仅限小写字母和下划线，取值为非空列表）。")
        expanded = {earlier(str(name), str(i)) for i in items}
        alternatives = sorted(expanded, key=len, reverse=True)
        concepts[name] = "(?:" + "|".join(alternatives) + ")"
        try:
            re.compile(concepts[name])
        except re.error as exc:
            raise RuleCatalogueError(f"_concepts.yaml：概念“{name}”的正则表达式有误（{exc}）。") from exc
    return concepts


def expand_concepts(regex: str, where: str = "") -> str:
    """Replace {name} by the alternation of that concept class; an unknown name is an error."""
    concepts = load_concepts()

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in concepts:
            raise RuleCatalogueError(f"{where}：正则表达式“{regex}”引用了不存在的概念“{{{name}}}”。")
        return concepts[name]

    return _CONCEPT_REF.sub(sub, regex)


def _compile(regex: str, where: str) -> re.Pattern[str]:
    regex = expand_concepts(regex, where)
    try:
        return re.compile(regex)
    except re.error as exc:
        raise RuleCatalogueError(f"{where}：正则表达式“{regex}”有误（{exc}）。") from exc


def rule_from_dict(raw: Mapping[str, Any], provisions: Provisions, *, origin: str = "yaml", where: str = ""
                   ) -> Rule:
    from .context import EXEMPTIONS

    rid = str(raw.get("id", "")).strip()
    where = where or f"规则 {rid or '(无编号)'}"
    if not _ID.match(rid):
        raise RuleCatalogueError(f"{where}：规则编号“{rid}”格式不正确，应形如 BR-INS-02 或 CUSTOM-001。")
    for key in ("name", "group", "severity", "suggestion"):
        if not str(raw.get(key) or "").strip():
            raise RuleCatalogueError(f"{where}：缺少字段“{key}”。")
    group = raw["group"]
    if group not in GROUPS:
        raise RuleCatalogueError(f"{where}：分组“{group}”不存在，可选：{'、'.join(GROUPS)}。")
    severity = raw["severity"]
    if severity not in SEVERITIES:
        raise RuleCatalogueError(f"{where}：严重程度“{severity}”不正确，可选 high、medium、low。")
    if raw.get("cite"):
        cite = provisions.get(raw["cite"])
        if cite is None:
            raise RuleCatalogueError(f"{where}：引用依据“{raw['cite']}”在 _provisions.yaml 中不存在。")
        provision, source = cite["provision"], cite["source"]
    else:
        provision, source = str(raw.get("provision") or "").strip(), str(raw.get("source") or "").strip()
    if not provision:
        raise RuleCatalogueError(f"{where}：缺少依据条款（cite 或 provision）。")
    scope = raw.get("scope", "clause")
    patterns = []
    for item in raw.get("patterns") or []:
        if isinstance(item, dict):
            patterns.append(Pattern(_compile(item["re"], where), bool(item.get("negatable", True))))
        else:
            patterns.append(Pattern(_compile(str(item), where)))
    if scope == "clause" and not patterns:
        raise RuleCatalogueError(f"{where}：条款级规则至少需要一个匹配模式（patterns）。")
    exemptions = tuple(raw.get("exemptions") or ())
    for name in exemptions:
        if name not in EXEMPTIONS:
            raise RuleCatalogueError(f"{where}：豁免类型“{name}”不存在，可选：{'、'.join(EXEMPTIONS)}。")
    issuer = tuple(raw.get("issuer") or ())
    if set(issuer) - ISSUERS:
        raise RuleCatalogueError(f"{where}：发文机关类型“{'、'.join(set(issuer) - ISSUERS)}”不正确。")
    return Rule(
        id=rid, name=raw["name"], group=group, provision=provision, source=source, severity=severity,
        suggestion=raw["suggestion"].strip(), patterns=tuple(patterns),
        requires=tuple(_compile(r, where) for r in raw.get("requires") or ()),
        excludes=tuple(_compile(r, where) for r in raw.get("excludes") or ()),
        exemptions=exemptions, issuer=issuer, subsumed_by=tuple(raw.get("subsumed_by") or ()),
        subsumed_unless=tuple(_compile(r, where) for r in raw.get("subsumed_unless") or ()),
        yields_when=tuple(_compile(r, where) for r in raw.get("yields_when") or ()),
        yields_in_group=tuple(_compile(r, where) for r in raw.get("yields_in_group") or ()),
        any_bearer=bool(raw.get("any_bearer", False)), once_per_document=bool(raw.get("once_per_document", False)),
        scope=scope, check=raw.get("check", ""), params=dict(raw.get("params") or {}),
        examples=tuple(raw.get("examples") or ()), counter_examples=tuple(raw.get("counter_examples") or ()),
        origin=origin,
    )


@dataclass(frozen=True)
class Catalogue:
    rules: tuple[Rule, ...]

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    @property
    def clause_rules(self) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.scope == "clause")

    @property
    def document_rules(self) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.scope == "document")

    def with_overrides(self, *, extra: Iterable[Mapping[str, Any]] = (),
                       disabled: set[str] | frozenset[str] = frozenset()) -> Catalogue:
        """Merge rules added in the UI (dicts; `provision` given inline) and drop switched-off ids.
        An extra rule with the id of a YAML rule replaces it."""
        provisions = load_provisions()
        added = [rule_from_dict(raw, provisions, origin="custom") for raw in extra]
        added_ids = {r.id for r in added}
        kept = [r for r in self.rules if r.id not in disabled and r.id not in added_ids]
        return Catalogue(tuple(kept + [r for r in added if r.id not in disabled]))


@lru_cache(maxsize=1)
def load_provisions() -> Provisions:
    path = RULES_DIR / "_provisions.yaml"
    return read_yaml(path.read_text(encoding="utf-8")) or {}


@lru_cache(maxsize=4)
def load_catalogue(directory: str | None = None) -> Catalogue:
    folder = Path(directory) if directory else RULES_DIR
    provisions = load_provisions()
    rules: list[Rule] = []
    seen: set[str] = set()
    for path in sorted(folder.glob("*.yaml")):
        if path.name.startswith("_"):
            continue
        try:
            items = read_yaml(path.read_text(encoding="utf-8")) or []
        except yaml.YAMLError as exc:
            raise RuleCatalogueError(f"规则文件 {path.name} 不是有效的YAML：{exc}") from exc
        for number, raw in enumerate(items, start=1):
            rule = rule_from_dict(raw, provisions, where=f"{path.name} 第{number}条规则（{raw.get('id', '')}）")
            if rule.id in seen:
                raise RuleCatalogueError(f"{path.name}：规则编号 {rule.id} 重复。")
            seen.add(rule.id)
            rules.append(rule)
    return Catalogue(tuple(rules))
