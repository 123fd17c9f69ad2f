"""Reading seekers and postings from the sheets offices actually have: xlsx, or CSV in UTF-8, UTF-8 with
BOM or GBK; the headers of item 5 of the issue, or their synonyms (the column names of public job
boards: 职位名称, 薪资, 工作地址, 招聘人数, 任职要求 …).

A bad row is reported (row number, column, reason in Chinese) and left out; the good rows are kept. What is truly
invalid refuses the row (an empty or duplicate id, an age of 200, a negative wage — `parse.InvalidValue`); a soft
cell a person could write that cannot be read ("看情况", "读过几年书", "年轻人", "若干名") loads with that part unknown
and a warning naming row and field (session 14)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from jianfu.core.xlsxscan import (
    UNREADABLE,
    SheetInfo,
    formula_refusal,
    merged_refusal,
    scan_sheet_xml,
    sheet_members,
    sheet_note,
    shown_sheet,
    xlsx_refusal,
)
from jianfu.employment.matching import parse
from jianfu.employment.matching.types import Job, Seeker

MAX_CELL = 5_000        # longer descriptions are cut for matching (and the cut is reported)

SEEKER_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("编号", "人员编号", "求职者编号", "求职人员编号", "序号", "ID", "id", "seeker_id"),
    "name": ("姓名", "名字", "求职者姓名", "求职人员"),
    "gender": ("性别",),
    "age": ("年龄", "岁数", "年龄（岁）", "年龄(岁)"),
    "education": ("学历", "文化程度", "最高学历", "学历层次"),
    "residence": ("现居住地", "居住地", "现住址", "住址", "家庭住址", "所在村", "所在地", "户籍地", "居住地址", "所在村（社区）"),
    "category": ("人员类别", "类别", "重点群体类别", "群体类别", "人员类型"),
    "desired": ("求职意向", "意向岗位", "期望岗位", "意向工种", "求职岗位", "想做的工作", "期望职位", "意向职位", "求职工种"),
    "certificates": ("技能证书", "证书", "职业资格证书", "持有证书", "技能", "技能特长", "资格证书"),
    "experience": ("工作经历", "工作经验", "从业经历", "工作履历", "经历"),
    "wage": ("期望月薪", "期望薪资", "期望工资", "薪资要求", "期望薪酬", "期望收入", "期望待遇"),
    "places": ("可接受工作地点", "期望工作地点", "意向工作地点", "求职地点", "意向地点", "工作地点意向", "可接受地点"),
    "notes": ("备注", "其他", "特殊情况", "说明", "其他说明", "个人情况", "限制条件"),
    # read only for an age left empty or unreadable beside them (session 14); never stored nor matched on
    "birth": ("出生年月", "出生日期", "出生年份", "出生年月日", "出生时间", "生日"),
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "身份证", "身份证件号码", "证件号码"),
}
JOB_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("编号", "岗位编号", "职位编号", "序号", "ID", "id", "job_id"),
    "employer": ("单位名称", "公司名称", "企业名称", "招聘单位", "用人单位", "公司", "企业"),
    "title": ("岗位名称", "职位名称", "招聘岗位", "职位", "岗位", "工种", "招聘职位"),
    "headcount": ("招聘人数", "人数", "需求人数", "招聘数量", "招聘名额"),
    "education": ("学历要求", "学历", "最低学历"),
    "age": ("年龄要求", "年龄", "年龄限制"),
    "experience": ("经验要求", "工作经验", "工作年限", "经验", "工作经验要求"),
    "certificates": ("技能证书要求", "证书要求", "资格证书", "技能证书", "资质要求", "技能要求"),
    "wage": ("月薪", "薪资", "薪资待遇", "工资", "薪酬", "月工资", "薪资范围", "工资待遇", "薪水"),
    "place": ("工作地点", "工作地址", "工作区域", "地点", "上班地点", "工作地区"),
    "description": ("岗位描述", "职位描述", "岗位职责", "工作内容", "职位详情", "岗位要求"),
    "requirements": ("任职要求", "任职资格", "职位要求", "招聘要求"),
    "benefits": ("福利待遇", "福利", "待遇", "职位福利"),
}
# Headers no list above has ("求职意愿", "期望从事工种", "薪资待遇（元/月）", "现住址（村/社区）"): read by
# the words they contain, first rule first, for a field not found by its exact names. An id is never
# guessed (a wrong id column would merge people).
SEEKER_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("places", r"(期望|意向|可接受|希望|愿意).*(地点|地区|区域|地方)|工作地"),
    ("desired", r"意向|意愿|期望.*(岗|职|工种|工作|从事)|想.*(做|干|找)|求职|应聘|从事"),
    ("wage", r"薪|工资|收入|待遇"),
    ("certificates", r"证|资格|特长|技能"),
    ("experience", r"经历|经验|工作年限|从业|做过"),
    ("residence", r"住|居|户籍|村|地址|所在"),
    ("notes", r"备注|情况|说明|困难|要求"),
    ("education", r"学历|文化"),
    ("age", r"年龄|岁"),
)
JOB_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("title", r"岗位|职位|工种"),
    ("requirements", r"要求|资格|条件"),
    ("description", r"描述|职责|内容|详情|介绍|说明"),
    ("wage", r"薪|工资|报酬|收入"),
    ("place", r"地点|地址|区域|地区|工作地"),
    ("employer", r"单位|公司|企业|雇主|用工"),
    ("headcount", r"人数|名额|数量"),
    ("benefits", r"福利|待遇"),
    ("age", r"年龄"),
    ("education", r"学历|文化"),
    ("certificates", r"证"),
    ("experience", r"经验|经历|年限"),
)
REQUIRED = {"seekers": ("id",), "jobs": ("id", "title")}
LABELS = {"seekers": {k: v[0] for k, v in SEEKER_COLUMNS.items()}, "jobs": {k: v[0] for k, v in JOB_COLUMNS.items()}}


class SheetError(Exception):
    """The whole file cannot be used (unreadable, empty, required columns missing)."""


@dataclass(frozen=True, slots=True)
class RowError:
    row: int            # 1-based, as the spreadsheet shows it
    column: str         # the header of the file ('' for the whole row)
    message: str

    def __str__(self) -> str:
        where = f"第 {self.row} 行" + (f"“{self.column}”列" if self.column else "")
        return f"{where}：{self.message}"


@dataclass
class SheetResult:
    items: list[Seeker | Job] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)     # field → header found
    ignored: list[str] = field(default_factory=list)          # headers not understood
    rows_read: int = 0
    sheet_note: str = ""                                      # which sheet of a workbook was read, when it has more
    ids: set[str] = field(default_factory=set)                # every id written in the file, its refused rows' too
    # each item's row (id → row as the spreadsheet shows it): the command lists a query with no recommendation by it
    rows: dict[str, int] = field(default_factory=dict)


def _clean_header(h: object) -> str:
    s = unicodedata.normalize("NFKC", str(h or "")).strip().strip("*＊").strip()
    return re.sub(r"\s+", "", s)


def _header_map(headers: list[str], columns: dict[str, tuple[str, ...]]) -> tuple[dict[str, int], list[str]]:
    found: dict[str, int] = {}
    ignored: list[str] = []
    lookup: dict[str, str] = {}
    for fld, names in columns.items():
        for n in names:
            lookup.setdefault(_clean_header(n), fld)
    unknown: list[tuple[int, str]] = []
    for i, h in enumerate(headers):
        key = _clean_header(h)
        base = re.sub(r"[（(].*?[)）]$", "", key)           # 月薪（元） → 月薪
        found_field = lookup.get(key) or lookup.get(base)
        if found_field and found_field not in found:
            found[found_field] = i
        elif key:
            unknown.append((i, key))
    keywords = SEEKER_KEYWORDS if columns is SEEKER_COLUMNS else JOB_KEYWORDS
    for i, key in unknown:
        guess = next((f for f, pattern in keywords if f not in found and re.search(pattern, key)), None)
        if guess is not None and not re.search(r"电话|手机|身份证|联系|编号|序号|日期|时间", key):
            found[guess] = i
        else:
            ignored.append(str(headers[i]))
    return found, ignored


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SheetError("无法识别文件编码：请另存为 UTF-8 或 GBK 编码的 CSV，或 xlsx。")


def _cell_text(v: object) -> str:
    """A cell as the office sees it: an integral number without ".0", a date as 2026-03-01 (with its time only
    when it has one), never Python's "2026-03-01 00:00:00"."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time() else v.isoformat(sep=" ", timespec="minutes")
    if isinstance(v, dt.date | dt.time):
        return v.isoformat()
    return str(v)


def read_rows(path: str | Path, meta: dict[str, object] | None = None) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells as text) from an xlsx or a CSV file, empty rows skipped. For an xlsx, the sheet a user sees
    on opening the file is read (as the web imports do); `meta`, when given, receives "sheet" (its name), "note" (which
    sheet was read, when the workbook has more than one) and "merged" (its merged ranges) before the first row."""
    path = Path(path)
    meta = {} if meta is None else meta
    if not path.exists():
        raise SheetError(f"找不到文件：{path}")
    if not path.is_file():
        raise SheetError(f"不是文件（是目录或设备）：{path}")
    try:
        with path.open("rb") as fh:
            raw_head = fh.read(8)
        data = path.read_bytes()
    except OSError as exc:
        raise SheetError(f"无法读取文件：{exc.strerror or exc}") from None
    if raw_head.startswith(b"PK"):
        from openpyxl import load_workbook

        refusal = xlsx_refusal(data)  # what the web uploads refuse (xlsxscan), refused here too
        if refusal:
            raise SheetError(refusal)
        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
            raise SheetError(f"无法打开 xlsx 文件：{exc}") from None
        names = list(wb.sheetnames)
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                members, states, active = sheet_members(zf)
                if len(states) != len(names):
                    states = ["visible"] * len(names)
                chosen = shown_sheet(states, active) if names else 0
                info = scan_sheet_xml(zf, members[names[chosen]]) if names and names[chosen] in members else SheetInfo()
        except UNREADABLE:
            wb.close()
            raise SheetError("xlsx 文件内容已损坏，无法读取：请在 Excel 中另存为 .xlsx 后重试。") from None
        if not names:
            wb.close()
            raise SheetError("文件中没有工作表。")
        meta.update(sheet=names[chosen], note=sheet_note(names, states, chosen), merged=list(info.merged))
        try:
            ws = wb[names[chosen]]
            # a formula saved without its result (a script's file, WPS's) reads as "": named, never read as empty
            header = next(ws.iter_rows(max_row=1, values_only=True), ())
            formula = formula_refusal(info, header)
            if formula:
                raise SheetError(formula)
            for n, row in enumerate(ws.iter_rows(values_only=True), start=1):
                cells = [_cell_text(v) for v in row]
                if any(c.strip() for c in cells):
                    yield n, cells
        except UNREADABLE:  # a damaged sheet is only found while its rows are read
            raise SheetError("xlsx 文件内容已损坏，无法读取：请在 Excel 中另存为 .xlsx 后重试。") from None
        finally:
            wb.close()
        return
    if path.suffix.lower() in {".xls"}:
        raise SheetError("不支持旧版 .xls 文件：请另存为 .xlsx 或 CSV。")
    text = _decode(data)
    if "\x00" in text[:1000]:
        raise SheetError("文件不是文本 CSV（含有二进制内容）：请另存为 CSV 或 xlsx。")
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    n = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:   # a NUL past the first 1000 characters, a cell over csv's field limit
            too_long = "field larger than field limit" in str(exc)
            reason = (f"有单元格超过 {csv.field_size_limit()} 字" if too_long else "含有无法读取的内容（如空字符 NUL）")
            raise SheetError(f"第 {n + 1} 行{reason}，整个文件未读取：请检查该行后重新保存。") from None
        n += 1
        if any(c.strip() for c in cells):
            yield n, cells


_AGE_IN_TEXT = re.compile(r"\d{2}\s*(?:-|~|～|至|到|—)\s*\d{2}\s*周?岁|\d{2}\s*周?岁以[下内上]|年龄[^，。；,;]{0,12}")
_EDU_IN_TEXT = re.compile(r"(小学|初中|高中|中专|中技|职高|大专|专科|本科|硕士|博士)(?:及|或)?(?:以上)?(?:学历)?")
_EXP_IN_TEXT = re.compile(r"[\d一二两三四五六七八九十半]+年以上[^，。；,;]{0,6}经验|经验不限|无经验要求")


# where the requirements of a long 岗位描述 start ("【任职要求】1、…", "岗位要求：", "任职资格")
_REQUIREMENTS_START = re.compile(r"任职要求|任职资格|岗位要求|招聘要求|职位要求|应聘要求|应聘条件|招聘条件|要求[:：]|【要求】")
_EDU_IN_DESCRIPTION = re.compile(r"(小学|初中|高中|中专|中技|职高|大专|专科|本科|硕士|博士)(?:及|或)?(?:以上)(?:学历)?|"
                                 r"(小学|初中|高中|中专|中技|职高|大专|专科|本科|硕士|博士)(?:及|或)?(?:以上)?学历")


def _from_description(values: dict[str, str], description: str) -> None:
    """Fill fields still empty from the requirements written inside a 岗位描述 (job boards put everything
    there): age and experience anywhere in it, education only as "…以上"/"…学历", certificates only from
    the part after a "任职要求"-like heading when there is one (a driving school's description may name
    the licence its trainees get)."""
    if not description:
        return
    start = _REQUIREMENTS_START.search(description)
    part = description[start.start():] if start else description
    if not values.get("education") and (m := _EDU_IN_DESCRIPTION.search(description)):
        values["education"] = m.group(0)
    _from_requirements(values, part if start else "", age_text=description)


def _fill(values: dict[str, str], key: str, pattern: re.Pattern[str], text: str,
          check: Callable[[str], object] | None = None) -> None:
    """values[key] = the first match of `pattern` in `text`, when the field is still empty (and the match
    passes `check`, which raises ValueError on text it cannot read)."""
    if values.get(key) or not (m := pattern.search(text)):
        return
    try:
        if check is not None:
            check(m.group(0))
    except ValueError:
        return
    values[key] = m.group(0)


def _from_requirements(values: dict[str, str], text: str, *, age_text: str | None = None) -> None:
    """Fill empty age / education / experience / certificate fields from a 任职要求 paragraph (age and
    experience from `age_text` when given: a whole description)."""
    if age_text:
        _fill(values, "age", _AGE_IN_TEXT, age_text, parse.parse_age_range)
        _fill(values, "experience", _EXP_IN_TEXT, age_text)
    if not text:
        return
    _fill(values, "age", _AGE_IN_TEXT, text, parse.parse_age_range)
    _fill(values, "education", _EDU_IN_TEXT, text)
    _fill(values, "experience", _EXP_IN_TEXT, text)
    if not values.get("certificates"):
        required, preferred = parse.parse_required_certificates(text)
        if required or preferred:
            values["certificates"] = text


def requirements_fields(text: str) -> dict[str, str]:
    """The age, education, experience and certificate texts a 任职要求 paragraph states, as this reader takes them
    from a requirements column (the web import of postings reads that column the same way, newuser34b #1)."""
    values: dict[str, str] = {}
    _from_requirements(values, text)
    return values


def read_sheet(path: str | Path, kind: str) -> SheetResult:
    """Seekers (kind='seekers') or postings (kind='jobs') from `path`."""
    if kind not in REQUIRED:
        raise ValueError(kind)
    columns = SEEKER_COLUMNS if kind == "seekers" else JOB_COLUMNS
    result = SheetResult()
    meta: dict[str, object] = {}
    rows = read_rows(path, meta)
    header_row = None
    for n, cells in rows:
        found, ignored = _header_map(cells, columns)
        if all(f in found for f in REQUIRED[kind]):
            header_row, headers = n, cells
            result.columns = {f: str(cells[i]) for f, i in found.items()}
            result.ignored = ignored
            break
        if n >= 10:
            break
    if header_row is None:
        wanted = "、".join(LABELS[kind][f] for f in REQUIRED[kind])
        where = f"工作表“{meta['sheet']}”的" if meta.get("sheet") else ""
        raise SheetError(f"没有找到表头：{'求职者' if kind == 'seekers' else '岗位'}表至少需要“{wanted}”列"
                         f"（{where}前 10 行内；可用同义列名，见 docs/matching.md）。" + (f"{meta['note']}。" if meta.get("note") else ""))
    # a merged range in the data reads as empty below its first cell: refused, named, as the web imports do
    merged = merged_refusal(meta.get("merged") or [], header_row=header_row, sheet_name=str(meta.get("sheet", "")))  # type: ignore[arg-type]
    if merged:
        raise SheetError(merged)
    result.sheet_note = str(meta.get("note", ""))
    seen_ids: dict[str, int] = {}
    seen_postings: dict[tuple[str, ...], int] = {}
    for n, cells in rows:
        result.rows_read += 1
        values = {}
        for f, i in found.items():
            cell = cells[i] if i < len(cells) else ""
            text = parse.normalise_text(cell)
            if len(text) > MAX_CELL:
                result.warnings.append(RowError(n, str(headers[i]), f"内容过长（{len(text)} 字），只取前 {MAX_CELL} 字参与匹配"))
                text = text[:MAX_CELL]
            values[f] = text
        if values.get("id"):
            result.ids.add(values["id"])
        row_warnings: list[RowError] = []
        item, errors = (_seeker if kind == "seekers" else _job)(n, values, result.columns, row_warnings)
        if not errors:
            key = values["id"]
            if key in seen_ids:
                errors.append(RowError(n, result.columns["id"], f"编号“{key}”与第 {seen_ids[key]} 行重复"))
            elif kind == "jobs":
                fingerprint = tuple(values.get(f, "") for f in ("employer", "title", "place", "wage", "description"))
                if fingerprint in seen_postings:
                    errors.append(RowError(n, "", f"与第 {seen_postings[fingerprint]} 行是重复的岗位（单位、岗位、地点、薪资、描述相同）"))
                else:
                    seen_postings[fingerprint] = n
        if errors:
            result.errors.extend(errors)
            continue
        result.warnings.extend(row_warnings)
        seen_ids[values["id"]] = n
        result.rows[values["id"]] = n
        assert item is not None     # a row read without errors always gives its item
        result.items.append(item)
    return result


_ID = re.compile(r"^[^\W_][\w\-./#]{0,63}$")     # starts with a letter or digit: never a spreadsheet formula


def _check_id(n: int, values: dict[str, str], columns: dict[str, str]) -> list[RowError]:
    key = values.get("id", "")
    if not key:
        return [RowError(n, columns["id"], "编号为空")]
    if not _ID.match(key):
        return [RowError(n, columns["id"], f"编号“{key[:20]}”含有不允许的字符或过长（最多 64 个字母、数字、-、_、.）")]
    return []


def _strict_years(text: str) -> float:
    """Years of experience, an impossible number ("100年") refused (ValueError) rather than read as none."""
    return parse.parse_experience(text, strict=True, seeker=True)


def _soft(n: int, values: dict[str, str], columns: dict[str, str], fld: str, fn: Callable[[str], object],
          errors: list[RowError], warnings: list[RowError], label: str) -> object:
    """fn(values[fld]) for a cell a person writes freely: an impossible value (`parse.InvalidValue`) refuses the row;
    text that cannot be read leaves the field unknown with a warning (the cell's text is kept: the matcher reads
    what it can of it, and an unreadable value breaks no constraint)."""
    if not values.get(fld):
        return None
    try:
        return fn(values[fld])
    except parse.InvalidValue as exc:
        errors.append(RowError(n, columns.get(fld, label), str(exc)))
    except ValueError as exc:
        warnings.append(RowError(n, columns.get(fld, label), f"{exc}（已按未知处理，该行照常匹配）"))
    return None


_AGE_LEFT_OPEN = re.compile(r"(?:不详|未知|不清楚|保密|不便透露|未填|暂无|无|-|/|—|\s)+")      # as parse._AGE_UNKNOWN


def _seeker_age(n: int, values: dict[str, str], columns: dict[str, str], errors: list[RowError],
                warnings: list[RowError]) -> int | None:
    """The age column; a rough age ("四十多", "80后") as the lowest age it admits, with a warning; an age left empty or
    unreadable from a date of birth or an ID number beside it; an impossible age refuses the row."""
    age = None
    if text := values.get("age"):
        try:
            if (age := parse.parse_age(text)) is not None:
                return age
        except parse.InvalidValue as exc:
            errors.append(RowError(n, columns["age"], str(exc)))
            return None
        except ValueError as exc:
            rough = parse.rough_age(text)
            if rough is not None and parse.MIN_WORKING_AGE <= rough < parse.MAX_AGE:
                warnings.append(RowError(n, columns["age"], f"年龄“{text[:20]}”是大致的说法，按 {rough} 岁参与匹配"
                                                            "（取这一说法中最小的岁数），请核实后填写周岁。"))
                return rough
            if not (values.get("birth") or values.get("id_number")):
                warnings.append(RowError(n, columns["age"], f"{exc}（已按未知处理，该行照常匹配）"))
                return None
    this_year = parse.reference_year()
    for fld in ("birth", "id_number"):
        if not (text := values.get(fld)):
            continue
        try:
            if fld == "id_number":
                age = parse.check_seeker_age(this_year - parse.id_number_birth_year(text))
            elif parse.birth_year(text) is None and not re.fullmatch(r"(?:19|20)\d\d\s*年?(?:出生|生)?", text):
                raise ValueError(f"出生日期“{text[:20]}”无法识别，未用于推算年龄。")
            else:
                age = parse.parse_age(text)
        except parse.InvalidValue as exc:
            errors.append(RowError(n, columns[fld], str(exc)))
            return None
        except ValueError as exc:
            warnings.append(RowError(n, columns[fld], str(exc)))
            continue
        if values.get("age") and parse.normalise_text(values["age"]) and not _AGE_LEFT_OPEN.fullmatch(values["age"]):
            warnings.append(RowError(n, columns["age"], f"年龄“{values['age'][:20]}”无法识别，按{columns[fld]}推算为 {age} 岁。"))
        return age
    if values.get("age") and not _AGE_LEFT_OPEN.fullmatch(values["age"]):
        warnings.append(RowError(n, columns["age"], f"年龄“{values['age'][:20]}”无法识别（已按未知处理，该行照常匹配）。"))
    return age


def _seeker(n: int, values: dict[str, str], columns: dict[str, str],
            warnings: list[RowError] | None = None) -> tuple[Seeker | None, list[RowError]]:
    errors = _check_id(n, values, columns)
    warnings = [] if warnings is None else warnings
    age = _seeker_age(n, values, columns, errors, warnings)
    _soft(n, values, columns, "education", parse.parse_education, errors, warnings, "学历")
    _soft(n, values, columns, "wage", parse.parse_wage, errors, warnings, "期望月薪")
    years: float | None = None          # parsed once: refused here, and compared with the age below
    if values.get("experience"):
        try:
            years = _strict_years(values["experience"])
        except ValueError as exc:
            errors.append(RowError(n, columns["experience"], str(exc)))
    if age is not None and years is not None and years > age:
        errors.append(RowError(n, columns["experience"], f"工作年限 {years:g} 年超过年龄 {age} 岁，请核实。"))
    if not any(values.get(f) for f in ("desired", "experience", "certificates", "notes")):
        # no wish, history, certificate or note (session 14): matched on what else the row says (place, age, education,
        # a major, wage) with a warning; refused only when the row says nothing at all beside who the person is
        if any(values.get(f) for f in ("residence", "places", "education", "wage", "category", "age")):
            warnings.append(RowError(n, columns.get("desired", "求职意向"),
                                     "求职意向、工作经历、技能证书、备注都为空：只按地点、年龄、学历等匹配，请补充求职意向"))
        else:
            errors.append(RowError(n, columns.get("desired", "求职意向"), "求职意向、工作经历、技能证书都为空，无法匹配"))
    if errors:
        return None, errors
    return Seeker(id=values["id"], age=age, education=values.get("education", ""),
                  residence=values.get("residence", ""), desired=values.get("desired", ""),
                  certificates=values.get("certificates", ""), experience=values.get("experience", ""),
                  wage=values.get("wage", ""), places=values.get("places", ""), notes=values.get("notes", ""),
                  name=values.get("name", ""), gender=values.get("gender", ""), category=values.get("category", "")), []


def _job(n: int, values: dict[str, str], columns: dict[str, str],
         warnings: list[RowError] | None = None) -> tuple[Job | None, list[RowError]]:
    errors = _check_id(n, values, columns)
    warnings = [] if warnings is None else warnings
    requirements = values.pop("requirements", "")
    _from_requirements(values, requirements)
    _from_description(values, values.get("description", ""))
    if not values.get("title"):
        errors.append(RowError(n, columns["title"], "岗位名称为空"))
    headcount = None
    if text := values.get("headcount"):
        m = re.fullmatch(r"(\d{1,6})\s*(人|名)?|若干(?:名|人)?|不限(?:人数)?|多名|数名|大量|长期(?:招聘)?|(\d{1,6})\s*(?:人|名)?"
                         r"\s*(?:以上|左右|余人|余名|多人|多名|多|余|-\s*\d{1,6}\s*(?:人|名)?|~\s*\d{1,6}\s*(?:人|名)?)", text)
        if not m:
            warnings.append(RowError(n, columns["headcount"], f"招聘人数“{text[:20]}”不是整数（已按未知处理，该行照常匹配）"))
        elif m.group(1) or m.group(3):
            headcount = int(m.group(1) or m.group(3))
            if headcount == 0:
                errors.append(RowError(n, columns["headcount"], "招聘人数为 0"))
            # Session 22 (emp-dev22): the headcount is the most the posting takes (`crews.posting_crew` caps a crew
            # with it) — "10人以上", "10余人", "10人左右" are a floor or a guess, no cap; "5-10人" takes up to 10
            elif m.group(3) and (top := re.search(r"[-~]\s*(\d{1,6})", m.group(0))):
                headcount = max(headcount, int(top.group(1)))
            elif m.group(3) and re.search(r"以上|左右|余|多", m.group(0)):
                headcount = None
    for fld, fn in (("age", parse.parse_age_range), ("education", parse.parse_required_education),
                    ("wage", parse.parse_wage)):
        _soft(n, values, columns, fld, fn, errors, warnings, "任职要求")
    if values.get("experience"):
        try:
            _strict_years(values["experience"])
        except ValueError as exc:
            errors.append(RowError(n, columns.get("experience", "任职要求"), str(exc)))
    if errors:
        return None, errors
    description = " ".join(t for t in (values.get("description", ""), requirements) if t)
    return Job(id=values["id"], title=values.get("title", ""), employer=values.get("employer", ""), headcount=headcount,
               education=values.get("education", ""), age=values.get("age", ""),
               experience=values.get("experience", ""), certificates=values.get("certificates", ""),
               wage=values.get("wage", ""), place=values.get("place", ""), description=description,
               benefits=values.get("benefits", "")), []
