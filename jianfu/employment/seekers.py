"""Job-seeker registrations imported from a sheet (xlsx/csv, GBK too) in the issue's seeker columns.

Each row names a registry person by ID number (the registry is the one list of people: nobody is created
here), says their key groups in words (人员类别: "登记失业人员、脱贫劳动力") and their wishes in the cadre's
words. Rows are validated first; any bad row and nothing is written (errors name row and column). A clean
file takes every person in (or updates one already taken in: the key groups and their dates as the web edit does,
the profile as the phone form does) through the same services, in one transaction. An empty 备注 changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from jianfu.core.errors import ApplicationError, PermissionDeniedError
from jianfu.core.text import has_markup
from jianfu.employment import access, parsing, services
from jianfu.employment.models import KEY_GROUP_FIELDS, KeyPerson, SeekerProfile
from jianfu.registry import selectors as registry_selectors
from jianfu.registry import sensitive
from jianfu.registry.ledger import values as V
from jianfu.registry.ledger.reader import LedgerFileError, formula_without_value, formulas_by_row, open_ledger
from jianfu.registry.ledger.vocab import norm_token

COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "id_number": ("身份证号", ("身份证号", "身份证号码", "公民身份号码", "证件号码", "身份证")),
    "name": ("姓名", ("姓名", "名字")),
    "groups": ("人员类别", ("人员类别", "类别", "重点群体类别", "人员类型", "群体类别")),
    "desired_text": ("求职意向", ("求职意向", "意向工种", "想做什么", "意向岗位", "就业意向")),
    "certificates": ("技能证书", ("技能证书", "证书", "职业资格", "技能")),
    "experience": ("工作经历", ("工作经历", "经历", "工作经验")),
    "education": ("学历", ("学历", "文化程度")),
    "wage": ("期望月薪", ("期望月薪", "期望工资", "期望薪资", "月薪要求")),
    "places": ("可接受工作地点", ("可接受工作地点", "工作地点", "意向地点", "期望工作地点")),
    "notes": ("备注", ("备注", "限制条件", "其他")),
    "graduation_year": ("毕业年份", ("毕业年份", "毕业时间", "毕业年度")),
    "unemployment_registered_on": ("失业登记日期", ("失业登记日期", "失业认定日期", "登记失业日期", "认定日期")),
}
REQUIRED = ("id_number", "groups")
# required only for some rows: shown on the import page beside the column
CONDITIONAL = {"graduation_year": _lazy("人员类别含“高校毕业生”时必填"),
               "unemployment_registered_on": _lazy("人员类别含“登记失业人员”时必填")}
_HEADERS = {norm_token(h): key for key, (_label, hs) in COLUMNS.items() for h in hs}
GROUP_WORDS = (  # (words, group field) — the first that a part of 人员类别 contains
    (("登记失业", "失业人员", "失业"), "is_registered_unemployed"),
    (("高校毕业生", "毕业生", "应届"), "is_graduate"),
    (("脱贫",), "is_poverty_labour"),
    (("返乡",), "is_returning_migrant"),
    (("就业困难", "4050", "零就业"), "is_hard_to_employ"),
    (("残疾",), "is_disabled"),
    (("退役军人", "退伍"), "is_veteran"),
    (("低保",), "is_dibao_labour"),
    (("农村劳动力", "农村", "劳动力"), "is_rural_labour"),
)
PLACE_WORDS = (("本镇", "town"), ("本乡", "town"), ("离家近", "town"), ("附近", "town"), ("本村", "town"),
               ("县内", "county"), ("县城", "county"), ("本县", "county"), ("市内", "city"), ("市区", "city"),
               ("北海", "city"), ("外出", "away"), ("广东", "away"), ("外省", "away"), ("哪里都行", "away"))
LIMIT_WORDS = (("白班", "day_only"), ("夜班", "day_only"), ("久站", "no_standing"), ("站", "no_standing"),
               ("重活", "no_lifting"), ("腰", "no_lifting"), ("孩子", "childcare"), ("接送", "childcare"),
               ("离家近", "near_home"), ("残疾", "disability"))
_SPLIT = re.compile(r"[、,，;；/\s]+")
PROFILE_TEXT = ("desired_text", "certificates", "experience", "education", "wage")   # copied to the profile as written
NOTE_MAX = SeekerProfile._meta.get_field("limits_note").max_length   # 200
PROFILE_COLUMNS = (*PROFILE_TEXT, "places", "notes")   # the sheet's columns that change a profile
KEY_COLUMNS = ("groups", "graduation_year", "unemployment_registered_on")   # … and a person already helped


# the template's 填写说明: what each column takes (the words the import reads)
_HINTS = {
    "id_number": _lazy("18位身份证号；须已在“人员”中登记，且在您的辖区内"),
    "name": _lazy("可不填；填写时须与登记库中的姓名一致"),
    "groups": _lazy("可填多个，用顿号分隔：登记失业人员、未就业高校毕业生、农村劳动力、脱贫劳动力、返乡农民工、就业困难人员、"
                    "残疾人、退役军人、低保家庭劳动力；已在帮扶名单中的人员按本列更新类别"),
    "desired_text": _lazy("想做的工作，照本人的话写，如“做过流水线想进厂”"),
    "certificates": _lazy("如 C1驾照、电工证、健康证，多个用顿号分隔"),
    "experience": _lazy("如“电子厂流水线三年”"),
    "education": _lazy("如 小学、初中、高中、中专、大专、本科"),
    "wage": _lazy("如 3000-4000、3000左右、3500以上、面议"),
    "places": _lazy("本镇、县内、市内、外出，可填多个"),
    "notes": _lazy("限制条件，如 只能上白班、要接送孩子、不能干重活（不超过200字）；留空则不改变已登记的限制"),
    "graduation_year": _lazy("四位年份，如 2025"),
    "unemployment_registered_on": _lazy("如 2025-03-01，不晚于今天"),
}


def import_template() -> bytes:
    """The seeker import's template (as the posting import's, `postings.import_template`): one header row of the
    column names the import reads, required ones in bold, no sample row to import by mistake; and a 填写说明 sheet
    saying what each column takes (tryout27 #10a). The import reads the sheet shown on opening: 求职登记."""
    from openpyxl.styles import Font

    from jianfu.core.officeprops import new_workbook
    from jianfu.core.xlsxguard import workbook_bytes

    wb = new_workbook(title=_("求职登记导入模板"))
    ws = wb.active
    ws.title = _("求职登记")
    ws.append([label for label, _headers in COLUMNS.values()])
    for cell, key in zip(ws[1], COLUMNS, strict=True):
        cell.font = Font(bold=key in REQUIRED)
        ws.column_dimensions[cell.column_letter].width = 22 if key in ("id_number", "groups", "desired_text") else 14
    # the ID column as text: an 18-digit number typed in stays itself, not 4.50521E+17 rounded
    ws.column_dimensions["A"].number_format = "@"
    notes = wb.create_sheet(_("填写说明"))
    notes.append([_("列"), _("必填"), _("说明")])
    for key, (label, _headers) in COLUMNS.items():
        required = _("是") if key in REQUIRED else str(CONDITIONAL.get(key, ""))
        notes.append([label, required, str(_HINTS[key])])
    for letter, width in (("A", 14), ("B", 26), ("C", 80)):
        notes.column_dimensions[letter].width = width
    return workbook_bytes(wb)


class RowProblem(Exception):
    def __init__(self, key: str, message: str):
        super().__init__(message)
        self.key, self.message = key, message


@dataclass
class SeekerRow:
    number: int
    person_id: int
    groups: dict
    profile: dict
    held: bool = False   # already helped: its groups and dates are updated (the result page names those columns)


def _text(value) -> str:
    return V.clean_text(value) if value is not None else ""


def _groups(text: str) -> dict:
    found: dict[str, bool] = {}
    for part in (p for p in _SPLIT.split(text) if p):
        field = next((f for words, f in GROUP_WORDS if any(w in part for w in words)), None)
        if field is None:
            raise RowProblem("groups", _("无法识别的人员类别“%(v)s”（如：登记失业人员、脱贫劳动力、高校毕业生、就业困难人员）")
                             % {"v": part[:20]})
        found[field] = True
    if not found:
        raise RowProblem("groups", _("人员类别为空"))
    return found


def _words(text: str, table) -> list[str]:
    return sorted({code for word, code in table if word in text})


def clean_row(user, number: int, raw: dict) -> SeekerRow:
    if V.is_blank(raw.get("id_number")):
        raise RowProblem("id_number", _("身份证号为空"))
    try:
        info = V.parse_id_number(raw.get("id_number"))
    except V.CellError as exc:
        raise RowProblem("id_number", exc.reason) from None
    person = registry_selectors.person_list(user=user).filter(
        id_number_index=sensitive.id_index(info.number)).first()
    if person is None:   # not in the registry, or another village's: the same answer (no existence oracle)
        raise RowProblem("id_number", _("登记库中（您的辖区内）没有此身份证号的人员，请先在“人员”中登记"))
    name = _text(raw.get("name"))
    if name and name != person.name:
        raise RowProblem("name", _("姓名“%(n)s”与登记库（%(r)s）不一致") % {"n": name[:20], "r": person.name})
    groups = _groups(_text(raw.get("groups")))
    for key in ("graduation_year", "unemployment_registered_on"):
        value = raw.get(key)
        if not V.is_blank(value):
            if key == "unemployment_registered_on":
                try:
                    value = V.parse_date(value)[0]
                except V.CellError as exc:
                    raise RowProblem(key, exc.reason) from None
            groups[key] = value if key != "graduation_year" else _text(value)
    held = KeyPerson.objects.filter(person=person).first()
    if held is not None:
        # already helped: the sheet's 人员类别 states the person's groups (those it does not name are cleared) and its
        # dates replace the stored ones, as the web edit does (`key_person_update`, audited) — they were ignored
        # (tryout27 #5). A registry veteran stays one, as when taken in. Checked against what is kept.
        groups = {**{f: False for f in KEY_GROUP_FIELDS if not (f == "is_veteran" and person.is_veteran)}, **groups}
    try:   # the groups' own checks now, beside every other row's errors
        services.key_groups_check(data=groups if held is None else {
            "graduation_year": held.graduation_year,
            "unemployment_registered_on": held.unemployment_registered_on, **groups})
    except ApplicationError as exc:
        raise RowProblem(exc.field if exc.field in COLUMNS else "groups", exc.message) from None
    # only the columns the sheet has: a column it does not have leaves that field of an existing profile as it is
    # (a sheet of 身份证号, 人员类别, 备注 blanked everyone's wishes: badinput14 B13); an empty cell in a column it
    # has clears the field, as the phone form does
    # markup in a wish or a history is refused as the posting import refuses it (`core.text.has_markup`), not stored
    for key in (*PROFILE_TEXT, "notes"):
        if key in raw and has_markup(_text(raw.get(key))):
            raise RowProblem(key, services.markup_message(COLUMNS[key][0]))
    profile: dict = {key: _text(raw.get(key)) for key in PROFILE_TEXT if key in raw}
    if "places" in raw:
        places_text = _text(raw.get("places"))
        profile["places"] = _words(places_text, PLACE_WORDS)
        if places_text and not profile["places"]:
            raise RowProblem("places", _("无法识别的工作地点“%(v)s”（本镇、县内、市内、外出）") % {"v": places_text[:20]})
    if "notes" in raw and _text(raw.get("notes")):   # an empty 备注 changes nothing (it cleared the limits: tryout27 #5)
        notes = _text(raw.get("notes"))
        if len(notes) > NOTE_MAX:   # refused whole, never cut (as profile_save refuses 其他限制: N07)
            raise RowProblem("notes", _("备注过长（%(n)d字，最多%(m)d字），请删减后再导入") % {"n": len(notes), "m": NOTE_MAX})
        profile["limits"], profile["limits_note"] = _words(notes, LIMIT_WORDS), notes
    for key, check in (("wage", partial(parsing.wage, label=_("期望月薪"))), ("certificates", parsing.certificates),
                       ("education", parsing.education)):
        if key not in profile:
            continue
        try:
            value = check(profile[key])
        except ApplicationError as exc:
            raise RowProblem(key, exc.message) from None
        if key == "education":
            profile[key] = value
    return SeekerRow(number, person.pk, groups, profile, held is not None)


def _plan(headers) -> dict[int, str]:
    """Column index → field key for the cells of a header row (synonyms; the first of each kind)."""
    plan: dict[int, str] = {}
    for i, header in enumerate(headers):
        key = _HEADERS.get(norm_token("" if header is None else str(header)))
        if key and key not in plan.values():
            plan[i] = key
    return plan


@dataclass
class SeekerImport:
    """What an import did: people taken in or updated, errors (any: nothing written), their key person ids in
    row order, the labels of the profile columns the sheet had (the only fields changed), and a note naming the
    sheet read when the workbook has more than one."""

    done: int
    errors: list[dict]
    taken: list[int]
    updated: list[str]
    sheet_note: str = ""


def import_seekers(*, actor, file, filename: str, on_written=None, lease=None) -> SeekerImport:
    """The seeker import (`SeekerImport`: people taken in or updated, every row's errors — any error: nothing written —,
    their key person ids, the columns changed), run by the worker's task (`seekerjobs.import_run`; its tuple-returning
    twin `seeker_import`, called only by tests, is gone: codereview16 #10). `on_written(result)` is called inside the
    write transaction after every row is written (the worker records its batch there, so the people and the batch's
    状态 commit together or not at all; raising from it undoes the rows). `lease` (the worker's
    `importjobs.LeaseKeeper`) is told of every row read and every row written, and renews the claim as they go."""
    access.read_scope(actor)
    if not access.may_write_persons(actor):
        raise PermissionDeniedError(_("您的角色不能登记求职人员。"), code="capability_required")
    errors: list[dict] = []
    rows: list[SeekerRow] = []
    updated: list[str] = []
    note = ""
    try:
        ledger = open_ledger(file, filename=filename, header_row=1, max_rows=20_000)
        note = ledger.sheet_note
        plan = _plan(ledger.headers)
        lines = ledger.rows()
        header_number = ledger.header_row
        if not all(k in plan.values() for k in REQUIRED):   # a title row above the header: look further down
            for skipped, (number, values) in enumerate(lines):
                candidate = _plan(values)
                if all(k in candidate.values() for k in REQUIRED):
                    plan, header_number = candidate, number
                    break
                if skipped >= 7:
                    break
        missing = [COLUMNS[k][0] for k in REQUIRED if k not in plan.values()]
        if missing:
            ledger.close()
            raise LedgerFileError(_("表头缺少必需的列：%(c)s") % {"c": "、".join(missing)})
        updated = [COLUMNS[k][0] for k in PROFILE_COLUMNS if k in plan.values()]
        seen: dict[int, int] = {}
        # formulas at or above the (relocated) header belong to the title rows (e.g. a 制表日期 =TODAY()): not data
        formulas = {n: cells for n, cells in formulas_by_row(ledger.info, plan).items() if n > header_number}
        try:
            for number, values in lines:
                if lease is not None:
                    lease.tick()
                if number in formulas:   # unknown values, not empty ones (B05)
                    errors.extend({"row": number, "column": COLUMNS[plan[i]][0], "message": formula_without_value(
                        number, COLUMNS[plan[i]][0])} for i in formulas.pop(number))
                    continue
                raw = {key: values[i] if i < len(values) else None for i, key in plan.items()}
                try:
                    row = clean_row(actor, number, raw)
                except RowProblem as exc:
                    errors.append({"row": number, "column": COLUMNS[exc.key][0], "message": exc.message})
                    continue
                except ApplicationError as exc:
                    errors.append({"row": number, "column": COLUMNS.get(exc.field or "", ("",))[0],
                                   "message": exc.message})
                    continue
                if row.person_id in seen:
                    errors.append({"row": number, "column": COLUMNS["id_number"][0],
                                   "message": _("与第%(n)d行是同一人") % {"n": seen[row.person_id]}})
                    continue
                seen[row.person_id] = number
                rows.append(row)
        finally:
            ledger.close()
        # rows of nothing but formulas without results were read as empty rows and passed over
        errors.extend({"row": number, "column": COLUMNS[plan[i]][0], "message": formula_without_value(
            number, COLUMNS[plan[i]][0])} for number in sorted(formulas) for i in formulas[number])
        errors.sort(key=lambda e: e["row"])
    except LedgerFileError as exc:
        return SeekerImport(0, [{"row": None, "column": "", "message": exc.reason}], [], [])
    if not errors and not rows:
        errors = [{"row": None, "column": "", "message": _("文件中没有数据")}]
    if errors:
        return SeekerImport(0, errors[:500], [], [])
    if any(row.held for row in rows):   # people already helped: their 人员类别 (and dates) were updated too
        updated = [COLUMNS[k][0] for k in KEY_COLUMNS if k in plan.values()] + updated
    current = None
    taken: list[int] = []
    try:
        with transaction.atomic():
            for current in rows:
                kp = KeyPerson.objects.filter(person_id=current.person_id).first()
                if kp is None:
                    kp = services.key_person_create(actor=actor, person_id=current.person_id, data=current.groups)
                else:
                    services.key_person_update(actor=actor, key_person=kp, data=current.groups)
                services.profile_save(actor=actor, key_person=kp, data=current.profile, keep_absent=True)
                taken.append(kp.pk)
                if lease is not None:
                    lease.tick()
            current = None
            if on_written is not None:
                on_written(SeekerImport(len(rows), [], taken, updated, note))
    except ApplicationError as exc:
        if exc.status_code in (403, 404):
            raise
        column = COLUMNS.get(exc.field or "")
        label = column[0] if column else {"wage": "期望月薪", "certificates": "技能证书", "limits_note": COLUMNS["notes"][0]}.get(exc.field or "", "")
        return SeekerImport(0, [{"row": current.number if current else None, "column": label, "message": exc.message}],
                            [], [])
    return SeekerImport(len(rows), [], taken, updated, note)
