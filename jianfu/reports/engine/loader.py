"""Build a validated `Catalog` from YAML files or plain dicts (the web UI stores the same dicts).

Every problem is collected with its place ("forms/mz_dibao.yaml: cells[3].element") and reported
together in one `DefinitionError`; nothing is returned half-built.

YAML shapes::

    categories:                      # shared disaggregations
      gender:
        name: 性别
        subject: person
        options:
          - {code: M, name: 男, filter: {gender: M}}
    elements:                        # data elements, independent of any form
      - code: elderly_60
        name: 60周岁及以上老年人数
        subject: person
        kind: count
        filter: {age: {gte: 60}}
        unit: 人
        by: [gender]
        synonyms: [60岁以上老人]
    template:                        # at most one form per file
      code: ...
      cells:
        - {element: elderly_60}
        - {element: elderly_60, by: {gender: F}, label: 其中：女}
        - {element: elderly_60, expand: true}
"""

from __future__ import annotations

import pathlib
import re
from collections.abc import Iterable, Mapping
from typing import Any

import yaml

from .errors import DefinitionError
from .model import (
    AGE,
    COMPUTED_KINDS,
    IN_PERIOD,
    KINDS,
    Catalog,
    Category,
    CategoryOption,
    Cell,
    DataElement,
    Operand,
    Predicate,
    Template,
)
from .periods import PERIOD_TYPES
from .schema import BOOL, DATE, ENUM, INT, SUBJECTS, Column
from .validation import check_rules_definition

CODE_RE = re.compile(r"^[a-z][a-z0-9_]{1,63}$")
OPTION_RE = re.compile(r"^[A-Za-z0-9_]{1,32}$")
RANGE_OPS = {"gte", "gt", "lte", "lt"}
FILTER_OPS = {"eq", "ne", "in", "not_in", "is_null", *RANGE_OPS, IN_PERIOD}

ELEMENT_KEYS = {"code", "name", "kind", "subject", "filter", "field", "unit", "by", "numerator",
                "denominator", "factor", "decimals", "value_type", "synonyms", "description"}
CATEGORY_KEYS = {"name", "subject", "options"}
OPTION_KEYS = {"code", "name", "filter"}
TEMPLATE_KEYS = {"code", "name", "department", "department_name", "period_type", "due_days",
                 "description", "minutes_per_manual_cell", "cells", "rules"}
CELL_KEYS = {"element", "by", "key", "label", "address", "expand"}
FILE_KEYS = {"categories", "elements", "template"}


class _Problems:
    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def add(self, place: str, message: str) -> None:
        self.items.append((place, message))

    def unknown_keys(self, place: str, mapping: Mapping[object, object], allowed: set[str]) -> None:
        for k in mapping:
            if k not in allowed:
                self.add(f"{place}.{k}", f"未知字段 '{k}'（允许：{'、'.join(sorted(allowed))}）")


# ---------------------------------------------------------------- filters


def parse_filter(subject_key: str, raw: object, place: str, problems: _Problems) -> tuple[Predicate, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        problems.add(place, "筛选条件应为「字段: 值」的映射")
        return ()
    subject = SUBJECTS[subject_key]
    preds: list[Predicate] = []
    for column, spec in raw.items():
        cplace = f"{place}.{column}"
        if column == AGE:
            if subject_key != "person":
                problems.add(cplace, f"年龄条件只适用于人员，不适用于「{subject.label}」")
                continue
            if not isinstance(spec, dict) or not spec or set(spec) - RANGE_OPS:
                problems.add(cplace, "年龄条件应写成 {gte: 60} / {lt: 18} 这样的区间（gte/gt/lte/lt）")
                continue
            for op, v in spec.items():
                if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= 150:
                    problems.add(f"{cplace}.{op}", f"年龄应为 0–150 的整数，而不是 {v!r}")
                else:
                    preds.append(Predicate(AGE, op, v))
            continue
        col = subject.columns.get(column)
        if col is None:
            problems.add(cplace, f"「{subject.label}」没有字段 '{column}'")
            continue
        if isinstance(spec, dict):
            items = list(spec.items())
        elif isinstance(spec, list):
            items = [("in", spec)]
        else:
            items = [("eq", spec)]
        for op, value in items:
            oplace = f"{cplace}.{op}" if isinstance(spec, dict) else cplace
            if op not in FILTER_OPS:
                problems.add(oplace, f"未知运算 '{op}'（允许：{'、'.join(sorted(FILTER_OPS))}）")
                continue
            if op == IN_PERIOD:
                if col.kind != DATE or value is not True:
                    problems.add(oplace, f"in_period 只适用于日期字段，且值为 true（'{column}'）")
                    continue
                preds.append(Predicate(column, op, True))
                continue
            if op == "is_null":
                if not isinstance(value, bool) or not col.nullable:
                    problems.add(oplace, f"字段 '{column}' 不可为空，或 is_null 的值不是 true/false")
                    continue
                preds.append(Predicate(column, op, value))
                continue
            values = value if op in ("in", "not_in") else [value]
            if op in ("in", "not_in") and (not isinstance(value, list) or not value):
                problems.add(oplace, "in/not_in 需要一个非空列表")
                continue
            ok = True
            for v in values:
                msg = _check_value(col, op, v)
                if msg:
                    problems.add(oplace, msg)
                    ok = False
            if ok:
                preds.append(Predicate(column, op, tuple(values) if op in ("in", "not_in") else value))
    return tuple(preds)


def _check_value(col: Column, op: str, v: object) -> str | None:
    if col.kind == BOOL:
        if op not in ("eq", "ne") or not isinstance(v, bool):
            return f"字段 '{col.name}'（{col.label}）是是/否字段，只能写 true 或 false"
    elif col.kind == ENUM:
        if op in RANGE_OPS:
            return f"字段 '{col.name}'（{col.label}）是枚举，不能比较大小"
        if v not in col.choices:
            return f"字段 '{col.name}'（{col.label}）没有取值 {v!r}（可选：{'、'.join(map(repr, col.choices))}）"
    elif col.kind == INT:
        if isinstance(v, bool) or not isinstance(v, int):
            return f"字段 '{col.name}'（{col.label}）是整数，而不是 {v!r}"
    elif col.kind == DATE:
        return f"日期字段 '{col.name}' 只能用 is_null 或 in_period；按年龄筛选请用 age"
    elif not isinstance(v, str):
        return f"字段 '{col.name}'（{col.label}）是文本，而不是 {v!r}"
    return None


# ---------------------------------------------------------------- loading


def load_files(paths: Iterable[pathlib.Path | str]) -> Catalog:
    docs = []
    problems = _Problems()
    for p in sorted(pathlib.Path(x) for x in paths):
        try:
            data = yaml.safe_load(p.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"{p.name}:{mark.line + 1}" if mark else p.name
            problems.add(where, f"YAML 语法错误：{getattr(exc, 'problem', exc)}")
            continue
        except UnicodeDecodeError:
            problems.add(p.name, "文件不是 UTF-8 编码")
            continue
        docs.append((p.name, data))
    if problems.items:
        raise DefinitionError(problems.items)
    return build_catalog(docs)


def load_directory(directory: pathlib.Path | str) -> Catalog:
    return load_files(pathlib.Path(directory).glob("*.yaml"))


def build_catalog(docs: list[tuple[str, object]]) -> Catalog:
    """docs: (source name, parsed YAML mapping). Raises DefinitionError listing every problem."""
    problems = _Problems()
    raw_categories: list[tuple[str, object, object]] = []  # (place, code, spec) as the YAML has them
    raw_elements: list[tuple[str, object]] = []
    raw_templates: list[tuple[str, object]] = []
    for source, data in docs:
        if data is None:
            continue
        if not isinstance(data, dict):
            problems.add(source, "文件顶层应为映射（categories / elements / template）")
            continue
        problems.unknown_keys(source, data, FILE_KEYS)
        cats = data.get("categories") or {}
        if not isinstance(cats, dict):
            problems.add(f"{source}.categories", "应为映射")
            cats = {}
        for code, spec in cats.items():
            raw_categories.append((f"{source}: categories.{code}", code, spec))
        els = data.get("elements") or []
        if not isinstance(els, list):
            problems.add(f"{source}.elements", "应为列表")
            els = []
        for i, spec in enumerate(els):
            raw_elements.append((f"{source}: elements[{i}]", spec))
        if data.get("template") is not None:
            raw_templates.append((f"{source}: template", data["template"]))

    catalog = Catalog()
    for place, code, spec in raw_categories:
        cat = _category(place, code, spec, problems)
        if cat is None:
            continue
        if cat.code in catalog.categories:
            problems.add(place, f"分类 '{cat.code}' 重复定义")
        catalog.categories[cat.code] = cat
    for place, spec in raw_elements:
        el = _element(place, spec, catalog, problems)
        if el is None:
            continue
        if el.code in catalog.elements:
            problems.add(place, f"数据元素 '{el.code}' 重复定义")
        catalog.elements[el.code] = el
    _check_ratios(catalog, problems)
    for place, spec in raw_templates:
        t = _template(place, spec, catalog, problems)
        if t is None:
            continue
        if t.code in catalog.templates:
            problems.add(place, f"报表模板 '{t.code}' 重复定义")
        catalog.templates[t.code] = t
    if problems.items:
        raise DefinitionError(problems.items)
    return catalog


def _category(place: str, code: object, spec: object, problems: _Problems) -> Category | None:
    if not isinstance(code, str) or not CODE_RE.match(code):
        problems.add(place, f"分类代码 {code!r} 无效（小写字母开头，字母数字下划线）")
        return None
    if not isinstance(spec, dict):
        problems.add(place, "应为映射")
        return None
    problems.unknown_keys(place, spec, CATEGORY_KEYS)
    subject = spec.get("subject", "person")
    if subject not in SUBJECTS:
        problems.add(f"{place}.subject", f"未知对象 {subject!r}（{'/'.join(SUBJECTS)}）")
        return None
    options = []
    raw_opts = spec.get("options")
    if not isinstance(raw_opts, list) or not raw_opts:
        problems.add(f"{place}.options", "需要至少一个选项")
        return None
    seen = set()
    for i, o in enumerate(raw_opts):
        oplace = f"{place}.options[{i}]"
        if not isinstance(o, dict):
            problems.add(oplace, "应为映射")
            continue
        problems.unknown_keys(oplace, o, OPTION_KEYS)
        ocode = str(o.get("code", ""))
        if not OPTION_RE.match(ocode):
            problems.add(f"{oplace}.code", f"选项代码 {ocode!r} 无效")
            continue
        if ocode in seen:
            problems.add(f"{oplace}.code", f"选项代码 '{ocode}' 重复")
        seen.add(ocode)
        preds = parse_filter(subject, o.get("filter"), f"{oplace}.filter", problems)
        if not preds:
            problems.add(f"{oplace}.filter", "选项需要筛选条件")
        options.append(CategoryOption(ocode, str(o.get("name") or ocode), preds))
    return Category(code, str(spec.get("name") or code), subject, tuple(options))


def _operand(place: str, raw: object, problems: _Problems) -> Operand | None:
    if isinstance(raw, str):
        return Operand(raw)
    if isinstance(raw, dict) and isinstance(raw.get("element"), str):
        problems.unknown_keys(place, raw, {"element", "by"})
        by = raw.get("by") or {}
        if not isinstance(by, dict):
            problems.add(f"{place}.by", "应为「分类: 选项」映射")
            by = {}
        return Operand(raw["element"], tuple((str(k), str(v)) for k, v in by.items()))
    problems.add(place, "应为数据元素代码，或 {element: 代码, by: {分类: 选项}}")
    return None


def _head(place: str, spec: object, keys: set[str], what: str, missing_name: str,
          problems: _Problems) -> tuple[dict[str, Any], str, str, str] | None:
    """The part every element and template starts with: a mapping with known keys, a valid code and a
    name (the code stands in for a missing one). Returns (spec, code, name, place named by its code)."""
    if not isinstance(spec, dict):
        problems.add(place, "应为映射")
        return None
    problems.unknown_keys(place, spec, keys)
    code = spec.get("code")
    if not isinstance(code, str) or not CODE_RE.match(code):
        problems.add(f"{place}.code", f"{what} {code!r} 无效（小写字母开头，字母数字下划线）")
        return None
    place = f"{place}（{code}）"
    name = spec.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.add(f"{place}.name", missing_name)
        name = code
    return spec, code, name.strip(), place


def _element(place: str, raw: object, catalog: Catalog, problems: _Problems) -> DataElement | None:
    head = _head(place, raw, ELEMENT_KEYS, "数据元素代码", "缺少名称", problems)
    if head is None:
        return None
    spec, code, name, place = head
    kind = spec.get("kind", "count")
    if kind not in KINDS:
        problems.add(f"{place}.kind", f"未知类型 {kind!r}（允许：{'、'.join(KINDS)}）")
        return None
    synonyms = spec.get("synonyms") or []
    if not isinstance(synonyms, list) or not all(isinstance(s, str) for s in synonyms):
        problems.add(f"{place}.synonyms", "应为文字列表")
        synonyms = []
    common = {"code": code, "name": name, "kind": kind, "unit": str(spec.get("unit") or ""),
              "synonyms": tuple(synonyms), "description": str(spec.get("description") or "")}
    decimals = spec.get("decimals", 1 if kind == "ratio" else 0)
    if isinstance(decimals, bool) or not isinstance(decimals, int) or not 0 <= decimals <= 6:
        problems.add(f"{place}.decimals", "小数位应为 0–6 的整数")
        decimals = 0
    common["decimals"] = decimals
    if kind in COMPUTED_KINDS:
        subject = spec.get("subject")
        if subject not in SUBJECTS:
            problems.add(f"{place}.subject", f"未知对象 {subject!r}（{'/'.join(SUBJECTS)}）")
            return None
        for k in ("numerator", "denominator", "factor", "value_type"):
            if k in spec:
                problems.add(f"{place}.{k}", f"「{kind}」类型的元素不能有 {k}")
        preds = parse_filter(subject, spec.get("filter"), f"{place}.filter", problems)
        fld = spec.get("field")
        if kind in ("sum", "count_distinct"):
            col = SUBJECTS[subject].columns.get(fld) if isinstance(fld, str) else None
            if col is None:
                problems.add(f"{place}.field", f"「{SUBJECTS[subject].label}」没有字段 {fld!r}")
            elif kind == "sum" and col.kind != INT:
                problems.add(f"{place}.field", f"只能对整数字段求和，'{fld}' 是 {col.kind}")
        elif fld is not None:
            problems.add(f"{place}.field", "计数类型不需要 field")
        cats = spec.get("by") or []
        if not isinstance(cats, list):
            problems.add(f"{place}.by", "应为分类代码列表")
            cats = []
        for c in cats:
            cat = catalog.categories.get(c)
            if cat is None:
                problems.add(f"{place}.by", f"未知分类 '{c}'")
            elif cat.subject != subject:
                problems.add(f"{place}.by", f"分类 '{c}' 属于「{SUBJECTS[cat.subject].label}」，与元素对象不符")
        return DataElement(subject=subject, predicates=preds, field=fld if isinstance(fld, str) else None,
                           categories=tuple(c for c in cats if c in catalog.categories), **common)
    if kind == "manual":
        for k in ("subject", "filter", "field", "by", "numerator", "denominator", "factor"):
            if k in spec:
                problems.add(f"{place}.{k}", f"手工填报元素不能有 {k}")
        vt = spec.get("value_type", "integer")
        if vt not in ("integer", "number"):
            problems.add(f"{place}.value_type", "应为 integer 或 number")
            vt = "integer"
        return DataElement(value_type=vt, **common)
    # ratio
    for k in ("subject", "filter", "field", "by", "value_type"):
        if k in spec:
            problems.add(f"{place}.{k}", f"比率元素不能有 {k}")
    num = _operand(f"{place}.numerator", spec.get("numerator"), problems)
    den = _operand(f"{place}.denominator", spec.get("denominator"), problems)
    factor = spec.get("factor", 100)
    if isinstance(factor, bool) or not isinstance(factor, int | float) or factor <= 0:
        problems.add(f"{place}.factor", "系数应为正数（如 100 表示百分比）")
        factor = 100
    if num is None or den is None:
        return None
    return DataElement(numerator=num, denominator=den, factor=float(factor), **common)


def _check_operand(place: str, op: Operand, catalog: Catalog, problems: _Problems) -> None:
    el = catalog.elements.get(op.element)
    if el is None:
        problems.add(place, f"未知数据元素 '{op.element}'")
        return
    _check_by(place, el, op.by, catalog, problems)


def _check_by(place: str, el: DataElement, by: Iterable[tuple[str, str]], catalog: Catalog,
              problems: _Problems) -> None:
    for cat_code, opt_code in by:
        if cat_code not in el.categories:
            problems.add(place, f"数据元素 '{el.code}' 没有按 '{cat_code}' 分组")
        elif catalog.categories[cat_code].option(opt_code) is None:
            problems.add(place, f"分类 '{cat_code}' 没有选项 '{opt_code}'")


def _check_ratios(catalog: Catalog, problems: _Problems) -> None:
    ratios = {c: e for c, e in catalog.elements.items() if e.is_ratio}
    for code, el in ratios.items():
        numerator, denominator = el.ratio_operands
        _check_operand(f"elements（{code}）.numerator", numerator, catalog, problems)
        _check_operand(f"elements（{code}）.denominator", denominator, catalog, problems)
    # cycle detection (ratios of ratios are allowed, circles are not)
    state: dict[str, int] = {}
    reported: set[frozenset[str]] = set()

    def visit(code: str, path: list[str]) -> None:
        state[code] = 1
        el = ratios[code]
        for nxt in (operand.element for operand in el.ratio_operands):
            if nxt not in ratios:
                continue
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt):] + [nxt]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    problems.add(f"elements（{nxt}）", f"比率循环引用：{' → '.join(cycle)}")
            elif state.get(nxt) is None:
                visit(nxt, path + [nxt])
        state[code] = 2

    for code in ratios:
        if state.get(code) is None:
            visit(code, [code])


def _template(place: str, raw: object, catalog: Catalog, problems: _Problems) -> Template | None:
    head = _head(place, raw, TEMPLATE_KEYS, "模板代码", "缺少表名", problems)
    if head is None:
        return None
    spec, code, name, place = head
    dept = spec.get("department")
    dept_name = spec.get("department_name")
    if not isinstance(dept, str) or not CODE_RE.match(dept):
        problems.add(f"{place}.department", f"主管部门代码 {dept!r} 无效：应为小写英文字母开头、只含小写字母、数字和下划线的"
                                             f"代码（如 renshe），网页上也可填部门简码（如 RS）")
        dept = "unknown"
    if not isinstance(dept_name, str) or not dept_name:
        problems.add(f"{place}.department_name", "缺少主管部门名称")
        dept_name = dept
    ptype = spec.get("period_type")
    if ptype not in PERIOD_TYPES:
        problems.add(f"{place}.period_type", f"未知报送周期 {ptype!r}（允许：{'、'.join(PERIOD_TYPES)}）")
        ptype = "monthly"
    due = spec.get("due_days")
    if due is not None and (isinstance(due, bool) or not isinstance(due, int) or not 0 <= due <= 90):
        problems.add(f"{place}.due_days", "报送期限应为 0–90 的整数天")
        due = None
    mins = spec.get("minutes_per_manual_cell")
    if mins is not None and (isinstance(mins, bool) or not isinstance(mins, int | float) or mins <= 0):
        problems.add(f"{place}.minutes_per_manual_cell", "应为正数")
        mins = None
    raw_cells = spec.get("cells")
    if not isinstance(raw_cells, list) or not raw_cells:
        problems.add(f"{place}.cells", "需要至少一个单元格")
        return None
    cells: list[Cell] = []
    keys: set[str] = set()
    for i, rc in enumerate(raw_cells):
        cplace = f"{place}.cells[{i}]"
        if isinstance(rc, str):
            rc = {"element": rc}
        if not isinstance(rc, dict):
            problems.add(cplace, "应为映射或数据元素代码")
            continue
        problems.unknown_keys(cplace, rc, CELL_KEYS)
        element = rc.get("element")
        # a list or a mapping as the element (unhashable) is refused like any unknown code
        el = catalog.elements.get(element) if isinstance(element, str) else None
        if el is None:
            problems.add(f"{cplace}.element", f"未知数据元素 {rc.get('element')!r}")
            continue
        by_raw = rc.get("by") or {}
        if not isinstance(by_raw, dict):
            problems.add(f"{cplace}.by", "应为「分类: 选项」映射")
            continue
        by = tuple((str(k), str(v)) for k, v in by_raw.items())
        before = len(problems.items)
        _check_by(f"{cplace}.by", el, by, catalog, problems)
        if len(problems.items) > before:
            continue
        combos = [by]
        if rc.get("expand"):
            if by or not el.categories:
                problems.add(f"{cplace}.expand", "expand 只用于有分组且未指定 by 的元素")
            else:
                combos = catalog.option_combos(el)
        for combo in combos:
            key = rc.get("key") if len(combos) == 1 and rc.get("key") else _cell_key(el.code, combo)
            if not isinstance(key, str) or not re.match(r"^[A-Za-z0-9_]{1,100}$", key):
                problems.add(f"{cplace}.key", f"单元格键 {key!r} 无效")
                continue
            if key in keys:
                problems.add(cplace, f"单元格 '{key}' 重复")
                continue
            keys.add(key)
            label = rc.get("label") if len(combos) == 1 and rc.get("label") else catalog.cell_label(el, combo)
            address = str(rc.get("address") or "") if len(combos) == 1 else ""
            if address and not re.match(r"^[A-Z]{1,3}[0-9]*$", address):
                problems.add(f"{cplace}.address", f"单元格地址 {address!r} 无效（如 C 或 C5）")
                address = ""
            cells.append(Cell(key=key, label=str(label), element=el.code, by=combo, address=address))
    rules = spec.get("rules")
    for problem in check_rules_definition(rules, keys):
        problems.add(place, problem)
    return Template(code=code, name=name, department=dept, department_name=dept_name,
                    period_type=ptype, cells=tuple(cells), due_days=due,
                    description=str(spec.get("description") or ""),
                    minutes_per_manual_cell=float(mins) if mins else None,
                    source=place.split(":")[0],
                    rules=tuple(dict(r) for r in rules) if isinstance(rules, list) else ())


def _cell_key(element: str, by: Iterable[tuple[str, str]]) -> str:
    return element + "".join(f"__{c}_{o}" for c, o in by)
