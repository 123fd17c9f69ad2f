"""Validating ledger rows against a column mapping. Pure, no Django.

`RowValidator.validate(row_number, cells)` turns one row into normalised registry values and a list of
`RowError(row, column, message)`; `InFileDuplicates` finds the same ID number (or two heads of one household)
twice in one file and names both rows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from . import values as V
from . import vocab
from .reader import LedgerFileError, col_letter

EXTRA_PREFIX = "extra:"


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}

    def __str__(self) -> str:
        where = f"第{self.row}行"
        return f"{where}【{self.column}】{self.message}" if self.column else f"{where}：{self.message}"


@dataclass(frozen=True)
class AttributeSpec:
    """A county-defined attribute (mirror of registry.AttributeDefinition, without Django)."""

    key: str
    label: str
    type: str  # text | integer | decimal | boolean | date | choice
    choices: tuple[str, ...] = ()
    required: bool = False
    # a decimal's bounds, stated in its definition: 0 ≤ value ≤ maximum, at most `decimals` places (badinput16 #7);
    # an integer's: 0 ≤ value ≤ maximum (fix-left17)
    maximum: Decimal | None = None
    decimals: int | None = None


@dataclass
class RowResult:
    row: int
    values: dict[str, object] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    cells: list[object] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class ColumnPlan:
    index: int
    header: str
    key: str  # a PERSON_FIELDS key or "extra:<key>"


def resolve_mapping(headers: list[str], columns: dict[str, str], *,
                    attributes: Iterable[AttributeSpec] = ()) -> list[ColumnPlan]:
    """Check a saved mapping {header: field} against a file's headers → the column plan. Raises
    LedgerFileError when a mapped header is missing, a field is mapped twice or the name is not mapped."""
    attrs = {a.key for a in attributes}
    position = {h: i for i, h in enumerate(headers) if h}
    plans: list[ColumnPlan] = []
    used: dict[str, str] = {}
    missing = []
    for header, key in columns.items():
        if not key:
            continue
        if key.startswith(EXTRA_PREFIX):
            if key[len(EXTRA_PREFIX):] not in attrs:
                raise LedgerFileError(f"列“{header}”对应的自定义属性“{key[len(EXTRA_PREFIX):]}”不存在或已停用")
        elif key not in vocab.FIELDS_BY_KEY:
            raise LedgerFileError(f"列“{header}”对应的字段“{key}”不存在")
        if header not in position:
            missing.append((key, header))
            continue
        if key in used:
            raise LedgerFileError(f"“{used[key]}”和“{header}”两列都对应到了同一个字段，请只保留一列")
        used[key] = header
        plans.append(ColumnPlan(position[header], header, key))
    if missing:
        # In the registry's field order: PostgreSQL's jsonb does not keep the mapping's key order.
        order = {f.key: i for i, f in enumerate(vocab.PERSON_FIELDS)}
        missing.sort(key=lambda kh: (order.get(kh[0], len(order)), kh[1]))
        names = "、".join(header for _key, header in missing)
        raise LedgerFileError(f"文件中找不到映射里的列：{names}（请确认选对了来源表或重新设置列对应）")
    if "name" not in used:
        raise LedgerFileError("列对应中没有“姓名”列")
    return sorted(plans, key=lambda p: p.index)


def guess_mapping(headers: list[str], *, attributes: Iterable[AttributeSpec] = ()) -> dict[str, str]:
    """A first proposal for a new source form: headers that are known synonyms of a field."""
    by_label = {vocab.norm_token(a.label): EXTRA_PREFIX + a.key for a in attributes}
    result: dict[str, str] = {}
    taken: set[str] = set()
    for h in headers:
        if not h:
            continue
        key = vocab.guess_field(h) or by_label.get(vocab.norm_token(h))
        if key and key not in taken:
            result[h] = key
            taken.add(key)
    return result


_CODE12 = re.compile(r"^\d{12}$")
_CODE15 = re.compile(r"^\d{15}$")


class RowValidator:
    """Validates rows for one import. `default_org_code` is the village rows belong to when the file has no
    village column; `allowed_org_codes` the villages the importing unit may write (None = any 12-digit code
    under `scope_prefix`); `known_grids` the grid codes that exist (None = not checked)."""

    def __init__(self, plans: list[ColumnPlan], *, default_org_code: str = "", scope_prefix: str = "",
                 allowed_org_codes: set[str] | None = None, known_grids: set[str] | None = None,
                 attributes: Iterable[AttributeSpec] = (), today: dt.date | None = None):
        self.plans = plans
        self.default_org_code = default_org_code
        self.scope_prefix = scope_prefix
        self.allowed_org_codes = allowed_org_codes
        self.known_grids = known_grids
        self.attributes = {a.key: a for a in attributes}
        self.today = today or V.local_today()
        self._has = {p.key for p in plans}
        self._header = {p.key: p.header for p in plans}

    def header_of(self, key: str) -> str:
        return self._header.get(key, vocab.FIELDS_BY_KEY[key].label if key in vocab.FIELDS_BY_KEY else key)

    def validate(self, row_number: int, cells: list[object]) -> RowResult:
        result = RowResult(row=row_number, cells=cells)
        values = result.values
        errors = result.errors
        month_only_birth = False
        extra: dict[str, object] = {}
        for plan in self.plans:
            raw = cells[plan.index] if plan.index < len(cells) else None
            if V.is_blank(raw):
                continue
            try:
                if plan.key.startswith(EXTRA_PREFIX):
                    attr = self.attributes[plan.key[len(EXTRA_PREFIX):]]
                    extra[attr.key] = parse_attribute(attr, raw, today=self.today)
                    continue
                spec = vocab.FIELDS_BY_KEY[plan.key]
                if plan.key == "birth_date":
                    values["birth_date"], month_only_birth = V.parse_date(raw, today=self.today)
                else:
                    values[plan.key] = self._parse(spec, raw)
            except V.CellError as exc:
                errors.append(RowError(row_number, plan.header, exc.reason))
        # required attributes
        for attr in self.attributes.values():
            if attr.required and attr.key not in extra and EXTRA_PREFIX + attr.key in self._has:
                errors.append(RowError(row_number, self.header_of(EXTRA_PREFIX + attr.key), "不能为空"))
        if extra:
            values["extra"] = extra
        if "name" not in values and not any(e.column == self.header_of("name") for e in errors):
            errors.append(RowError(row_number, self.header_of("name"), "姓名不能为空"))
        self._check_id(values, errors, row_number, month_only_birth)
        self._check_org(values, errors, row_number)
        if values.get("disability_grade") is not None and not values.get("disability_category"):
            errors.append(RowError(row_number, self.header_of("disability_grade"), "填写了残疾等级，但没有残疾类别"))
        if "relation_to_head" in values and not values.get("household_number") and "household_number" in self._has:
            errors.append(RowError(row_number, self.header_of("household_number"), "填写了与户主关系，但没有户编号"))
        return result

    def _parse(self, spec: vocab.FieldSpec, raw: object) -> object:
        kind = spec.kind
        if kind == "text":
            text = V.clean_text(raw)
            if spec.max_length and len(text) > spec.max_length:
                raise V.CellError(f"超过{spec.max_length}个字")
            return text
        if kind == "id_number":
            return V.parse_id_number(raw, today=self.today)
        if kind == "phone":
            return V.parse_phone(raw)
        if kind == "date":
            return V.parse_date(raw, today=self.today)[0]
        if kind == "bool":
            return V.parse_bool(raw)
        if kind == "enum":
            code = V.parse_enum(raw, spec.vocab)
            return int(code) if spec.vocab == "disability_grade" else code
        if kind == "ethnicity":
            return V.parse_ethnicity(raw)
        if kind == "org_code":
            text = V.clean_text(raw)
            if not _CODE12.match(text):
                raise V.CellError(f"村（社区）代码应为12位数字，实际为“{text}”")
            return text
        if kind == "grid_code":
            text = V.clean_text(raw)
            if not _CODE15.match(text):
                raise V.CellError(f"网格代码应为15位数字，实际为“{text}”")
            return text
        raise AssertionError(kind)  # pragma: no cover

    def _check_id(self, values: dict, errors: list[RowError], row: int, month_only_birth: bool) -> None:
        info = values.pop("id_number", None)
        if info is None:
            return
        values["id_number"] = info.number
        values["birthplace_code"] = info.birthplace_code
        given_gender = values.get("gender")
        if given_gender and given_gender != info.gender:
            label = "男" if info.gender == "M" else "女"
            errors.append(RowError(row, self.header_of("gender"), f"性别与身份证号不符（身份证号为{label}性）"))
        values["gender"] = info.gender
        given_birth = values.get("birth_date")
        if given_birth is not None:
            same = ((given_birth.year, given_birth.month) == (info.birth_date.year, info.birth_date.month)
                    if month_only_birth else given_birth == info.birth_date)
            if not same:
                errors.append(RowError(row, self.header_of("birth_date"),
                                       f"出生日期与身份证号不符（身份证号为{info.birth_date.isoformat()}）"))
        values["birth_date"] = info.birth_date

    def _check_org(self, values: dict, errors: list[RowError], row: int) -> None:
        code = values.get("org_code") or self.default_org_code
        if not code:
            errors.append(RowError(row, self.header_of("org_code"), "没有填写所属村（社区）代码"))
            return
        values["org_code"] = code
        if self.scope_prefix and not code.startswith(self.scope_prefix):
            if len(self.scope_prefix) >= 12:
                msg = f"该行属于{code}，不是本村（社区）{self.scope_prefix}，不能导入到其他村"
            else:
                msg = f"村（社区）代码{code}不在本单位（{self.scope_prefix}）管辖范围内"
            errors.append(RowError(row, self.header_of("org_code"), msg))
            return
        if self.allowed_org_codes is not None and code not in self.allowed_org_codes:
            errors.append(RowError(row, self.header_of("org_code"), f"村（社区）代码{code}不存在"))
            return
        grid = values.get("grid_code")
        if grid:
            if not grid.startswith(code):
                errors.append(RowError(row, self.header_of("grid_code"), f"网格{grid}不属于村（社区）{code}"))
            elif self.known_grids is not None and grid not in self.known_grids:
                errors.append(RowError(row, self.header_of("grid_code"), f"网格代码{grid}不存在"))


def parse_attribute(attr: AttributeSpec, raw: object, *, today: dt.date | None = None) -> object:
    """A county-defined attribute value as JSON-friendly Python (date → ISO text, decimal → text)."""
    if attr.type == "text":
        return V.clean_text(raw)
    if attr.type == "integer":
        # 0 to the maximum its definition states (fix-left17); plain digits
        return V.parse_plain_int(raw, maximum=None if attr.maximum is None else int(attr.maximum))
    if attr.type == "decimal":
        return str(V.parse_decimal(raw, maximum=attr.maximum, decimals=attr.decimals))
    if attr.type == "boolean":
        return V.parse_bool(raw)
    if attr.type == "date":
        return V.parse_date(raw, today=today)[0].isoformat()
    if attr.type == "choice":
        text = V.clean_text(raw)
        if text not in attr.choices:
            raise V.CellError(f"“{text}”不是可选值（可填：{'、'.join(attr.choices)}）")
        return text
    raise V.CellError(f"未知的属性类型{attr.type}")


class InFileDuplicates:
    """Tracks ID numbers and household heads seen so far in one file. The first row is kept; `check`
    returns (and adds to the row) the errors of each later row that repeats it, naming the kept row."""

    def __init__(self, headers: RowValidator | None = None):
        self._ids: dict[str, int] = {}
        self._heads: dict[tuple[str, str], int] = {}
        self._validator = headers

    def _col(self, key: str) -> str:
        return self._validator.header_of(key) if self._validator else vocab.FIELDS_BY_KEY[key].label

    def check(self, result: RowResult) -> list[RowError]:
        found: list[RowError] = []
        number = result.values.get("id_number")
        if number:
            first = self._ids.get(number)
            if first is None:
                self._ids[number] = result.row
            else:
                col = self._col("id_number")
                found.append(RowError(result.row, col, f"身份证号与第{first}行重复（已保留第{first}行）"))
        hh = result.values.get("household_number")
        if hh and result.values.get("relation_to_head") == "head":
            key = (str(result.values.get("org_code", "")), str(hh))
            first = self._heads.get(key)
            if first is None:
                self._heads[key] = result.row
            else:
                col = self._col("relation_to_head")
                found.append(RowError(result.row, col, f"户编号{hh}已有户主（第{first}行，已保留）"))
        result.errors.extend(found)
        return found


def col_name(plan: ColumnPlan) -> str:
    return f"{col_letter(plan.index)}列（{plan.header}）"


def values_to_json(values: dict) -> dict:
    """Normalised values → JSON-storable (dates as ISO text)."""
    out = {}
    for k, v in values.items():
        out[k] = v.isoformat() if isinstance(v, dt.date) else v
    return out


DATE_FIELDS = ("birth_date",)


def values_from_json(data: dict) -> dict:
    out = dict(data)
    for k in DATE_FIELDS:
        if isinstance(out.get(k), str) and out[k]:
            out[k] = dt.date.fromisoformat(out[k])
    return out
