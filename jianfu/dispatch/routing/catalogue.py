"""The responsibility catalogue as the routing core sees it, and its YAML loader.

A catalogue file (see ``jianfu/dispatch/data/catalogue.yaml``) has ``departments`` (code, name) and
``matters``. Every matter must carry every field listed in ``REQUIRED_FIELDS``; a missing or malformed
field raises :class:`CatalogueError` naming the matter (row number and code) and the field, and nothing
is returned.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

Record = dict[str, Any]  # one validated matter, every field of REQUIRED_FIELDS

GRASSROOTS_ROLES = ("主责", "配合", "不承担")

REQUIRED_FIELDS = (
    "code", "name", "group", "description", "keywords", "examples", "lead_department",
    "cooperating_departments", "grassroots_role", "time_limit_days", "urgent_hours", "legal_basis",
)
_TEXT_FIELDS = ("code", "name", "group", "description", "lead_department", "grassroots_role", "legal_basis")
_LIST_FIELDS = ("keywords", "examples", "cooperating_departments")
_INT_FIELDS = ("time_limit_days", "urgent_hours")


class CatalogueError(ValueError):
    """A catalogue file that cannot be used; the message is Chinese and names the row and field."""

    def __init__(self, message: str, *, row: int | None = None, field: str | None = None):
        super().__init__(message)
        self.row = row
        self.field = field


@dataclass(frozen=True)
class MatterSpec:
    """One matter (事项) of the catalogue, reduced to what routing needs."""

    code: str
    name: str
    group: str
    department: str
    description: str = ""
    keywords: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    grassroots_role: str = ""


def load_catalogue_yaml(path: str | Path) -> tuple[list[MatterSpec], dict[str, str]]:
    """Read and validate a catalogue YAML file.

    Returns ``(matters, departments)`` where ``departments`` maps department code → name. The other
    fields of a matter (cooperating departments, time limits, legal basis) are validated here too;
    read them with :func:`load_catalogue_records` when needed.
    """
    records, departments = load_catalogue_records(path)
    matters = [
        MatterSpec(code=r["code"], name=r["name"], group=r["group"], department=r["lead_department"],
                   description=r["description"], keywords=tuple(r["keywords"]), examples=tuple(r["examples"]),
                   grassroots_role=r["grassroots_role"])
        for r in records
    ]
    return matters, departments


def load_catalogue_records(path: str | Path) -> tuple[list[Record], dict[str, str]]:
    """Validated matters as plain dicts with every field of ``REQUIRED_FIELDS`` (lists as lists,
    numbers as ints), and the department code → name mapping."""
    loaded = load_catalogue_file(path)
    return loaded.records, loaded.departments


@dataclass(frozen=True)
class CatalogueFile:
    """A validated catalogue file: its matters and departments, and its own ``title`` and ``version``
    (optional top-level keys; "" when absent) — the human name a loaded version is shown by."""

    records: list[Record]
    departments: dict[str, str]
    title: str = ""
    version: str = ""

    @property
    def label(self) -> str:
        """The title with its version ("县级网格事件职责清单（默认） 2026.3 版"); "" when the file has no title."""
        if not self.title:
            return ""
        return f"{self.title} {self.version} 版" if self.version else self.title


def load_catalogue_file(path: str | Path) -> CatalogueFile:
    """Read and validate a catalogue YAML file (see :func:`load_catalogue_records`), with its title and version."""
    import yaml

    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CatalogueError(f"找不到职责清单文件：{path}") from None
    except UnicodeDecodeError:
        raise CatalogueError(f"职责清单文件不是 UTF-8 编码：{path}") from None
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark is not None else ""
        raise CatalogueError(f"职责清单文件 YAML 格式错误{where}：{getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise CatalogueError("职责清单文件顶层应为包含 departments 和 matters 的映射")
    departments = _departments(data.get("departments"))
    items = data.get("matters")
    if not isinstance(items, list) or not items:
        raise CatalogueError("职责清单缺少 matters 列表或列表为空", field="matters")
    records: list[Record] = []
    seen: dict[str, int] = {}
    for row, item in enumerate(items, start=1):
        rec = _matter(item, row=row, departments=departments)
        if rec["code"] in seen:
            raise CatalogueError(
                f"第 {row} 个事项编码 {rec['code']} 与第 {seen[rec['code']]} 个事项重复", row=row, field="code")
        seen[rec["code"]] = row
        records.append(rec)
    return CatalogueFile(records=records, departments=departments, title=_meta(data, "title", most=120),
                         version=_meta(data, "version", most=40))


def _meta(data: dict[str, object], key: str, *, most: int) -> str:
    """A top-level text key (title, version) as one trimmed line of at most `most` characters (the version's name is
    stored in a 200-character column). A version YAML reads as a number is refused: 2026.10 would read 2026.1."""
    value = data.get(key)
    if value is None or isinstance(value, (dict, list)):
        return ""
    if isinstance(value, float):
        raise CatalogueError(f"职责清单的 {key} 请加引号书写（如 {key}: \"2026.10\"），否则 YAML 会把它读成数字、"
                             "丢掉末尾的 0", field=key)
    text = " ".join(str(value).split())
    if len(text) > most:
        raise CatalogueError(f"职责清单的 {key} 过长（{len(text)} 个字符，最多 {most} 个）", field=key)
    return text


def _departments(value: object) -> dict[str, str]:
    if not isinstance(value, list) or not value:
        raise CatalogueError("职责清单缺少 departments 列表或列表为空", field="departments")
    out: dict[str, str] = {}
    for row, item in enumerate(value, start=1):
        if not isinstance(item, dict):
            raise CatalogueError(f"第 {row} 个部门应为包含 code 和 name 的映射", row=row, field="departments")
        code = str(item.get("code") or "").strip()
        name = str(item.get("name") or "").strip()
        if not code:
            raise CatalogueError(f"第 {row} 个部门缺少字段 code（部门编码）", row=row, field="code")
        if not name:
            raise CatalogueError(f"第 {row} 个部门（{code}）缺少字段 name（部门名称）", row=row, field="name")
        if code in out:
            raise CatalogueError(f"第 {row} 个部门编码 {code} 重复", row=row, field="code")
        out[code] = name
    return out


def _matter(item: object, *, row: int, departments: dict[str, str]) -> Record:
    if not isinstance(item, dict):
        raise CatalogueError(f"第 {row} 个事项应为映射（字段: 值）", row=row)
    label = f"第 {row} 个事项" + (f"（{item.get('code')}）" if item.get("code") else "")
    for name in REQUIRED_FIELDS:
        if name not in item or item[name] is None:
            raise CatalogueError(f"{label}缺少字段 {name}", row=row, field=name)
    rec: Record = {}
    for name in _TEXT_FIELDS:
        value = item[name]
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise CatalogueError(f"{label}的字段 {name} 应为文本", row=row, field=name)
        value = str(value).strip()
        if not value:
            raise CatalogueError(f"{label}的字段 {name} 不能为空", row=row, field=name)
        rec[name] = value
    for name in _LIST_FIELDS:
        value = item[name]
        if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
            raise CatalogueError(f"{label}的字段 {name} 应为文本列表", row=row, field=name)
        rec[name] = [str(v).strip() for v in value if str(v).strip()]
    for name in ("keywords", "examples"):
        if not rec[name]:
            raise CatalogueError(f"{label}的字段 {name} 至少需要一项", row=row, field=name)
    for name in _INT_FIELDS:
        value = item[name]
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise CatalogueError(f"{label}的字段 {name} 应为正整数，实际为 {value!r}", row=row, field=name)
        rec[name] = value
    if rec["grassroots_role"] not in GRASSROOTS_ROLES:
        raise CatalogueError(
            f"{label}的字段 grassroots_role 应为 主责、配合 或 不承担 之一，实际为 {rec['grassroots_role']!r}",
            row=row, field="grassroots_role")
    for name in ("lead_department", "cooperating_departments"):
        codes = [rec[name]] if name == "lead_department" else rec[name]
        for code in codes:
            if code not in departments:
                raise CatalogueError(f"{label}的字段 {name} 引用了未在 departments 中定义的部门 {code}",
                                     row=row, field=name)
    return rec
