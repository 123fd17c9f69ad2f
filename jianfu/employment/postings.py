"""Employers and postings: one cleaning routine for the web form, the API and the bulk import.

Employers are registry organisations, found by 统一社会信用代码 (validated with python-stdnum `cn.uscc`
through the registry's own parser) or, without one, by exact name in the county; a new employer becomes a
registry organisation. A posting that discriminates is held as 待核查 with the law cited
(`discrimination.py`) until the county office clears it or takes it down.

The import reads xlsx/csv (UTF-8 or GBK) with the registry's ledger reader, matches headers by synonyms
(public job-board column names included), validates every row, and writes **all or nothing**: a file with
any bad row records the errors (row, column, reason) and writes no posting and no employer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import CharField, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.accounts.scoping import Scope
from jianfu.core import formtokens
from jianfu.core.audit import audit_record
from jianfu.core.errors import ApplicationError, ConflictError, NotFoundError, PermissionDeniedError
from jianfu.core.officeprops import new_workbook
from jianfu.core.text import clean_text, has_markup
from jianfu.core.xlsxguard import FORMULA_START, workbook_bytes
from jianfu.employment import access, discrimination, parsing
from jianfu.employment.matching.sheets import requirements_fields
from jianfu.employment.models import Posting, PostingImport, PostingStatus
from jianfu.employment.places import PlaceResolver
from jianfu.employment.workflow import POSTING_TRANSITIONS
from jianfu.orgs import codes as division_codes
from jianfu.registry import bulk
from jianfu.registry.ledger import values as V
from jianfu.registry.ledger.reader import (
    LedgerFileError,
    col_letter,
    formula_without_value,
    formulas_by_row,
    open_ledger,
)
from jianfu.registry.ledger.vocab import norm_token
from jianfu.registry.models import Organisation, OrganisationKind

MAX_DESCRIPTION = 5000
MAX_IMPORT_ROWS = 200_000
MAX_STORED_ERRORS = 500
# A file of more postings than this is written but held (待确认) until the uploader confirms it (N03) — one rule for
# the web upload, the API and the command (`posting_import`); only the command's `--publish` skips it.
CONFIRM_ABOVE = 500

# field key → (label, header synonyms). Synonyms cover the headers and common job-board exports.
COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    # the employer's own number of the posting: a re-import of the same employer and 编号 updates it (mend35 #5). Not
    # "序号": a sheet's row counter (1, 2, 3 …) numbers rows, not postings — the next month's sheet's 序号 1 is another
    # job — so a 序号 column is not read (it also hid a 编号 column beside it: the first header of a key was taken)
    "ext_id": ("编号", ("编号", "岗位编号", "职位编号", "职位ID", "岗位ID", "id")),
    "employer": ("单位名称", ("单位名称", "用人单位", "招聘单位", "企业名称", "公司名称", "公司", "企业", "雇主",
                            "用工单位")),
    "credit_code": ("统一社会信用代码", ("统一社会信用代码", "信用代码", "社会信用代码", "统一信用代码", "企业信用代码")),
    "title": ("岗位名称", ("岗位名称", "职位名称", "招聘岗位", "岗位", "职位", "工种", "招聘职位")),
    "headcount": ("招聘人数", ("招聘人数", "人数", "需求人数", "招聘数量", "岗位数量", "拟招人数")),
    "education": ("学历要求", ("学历要求", "学历", "最低学历", "文化程度", "学历要求最低")),
    "age": ("年龄要求", ("年龄要求", "年龄", "年龄范围", "年龄限制")),
    "experience": ("经验要求", ("经验要求", "工作经验", "经验", "工作年限", "经验年限")),
    "certificates": ("技能证书要求", ("技能证书要求", "证书要求", "技能证书", "资格证书", "证书", "职业资格")),
    "wage": ("月薪", ("月薪", "薪资", "薪酬", "工资", "月工资", "薪资待遇", "工资待遇", "薪资范围", "待遇", "收入")),
    "place": ("工作地点", ("工作地点", "地点", "工作地址", "工作区域", "工作城市", "上班地点", "所在地")),
    "description": ("岗位描述", ("岗位描述", "职位描述", "岗位职责", "工作内容", "职位详情", "描述")),
    # a job board's requirements column: kept in the 岗位描述 (after a description column's text) and read, as
    # `employment_match` reads it, for the certificates, age, education and experience its own columns leave empty
    # (newuser34b #1: "持叉车证" was 证书 — on the public page; beside a 职位描述 column the text was dropped)
    "requirements": ("任职要求", ("任职要求", "岗位要求", "职位要求", "招聘要求", "任职资格")),
    "benefits": ("福利待遇", ("福利待遇", "福利", "岗位福利", "职位福利", "其他待遇")),
    "shifts": ("班次", ("班次", "工作时间", "上班时间", "班制")),
    "valid_until": ("有效期至", ("有效期至", "有效期", "截止日期", "截止时间", "招聘截止")),
    "contact_name": ("联系人", ("联系人", "招聘联系人", "联系人姓名", "负责人", "HR")),
    "contact_phone": ("联系电话", ("联系电话", "电话", "联系方式", "手机", "手机号", "手机号码", "咨询电话", "招聘电话",
                                  "报名电话", "联系手机")),
}
REQUIRED = ("employer", "title", "place", "description")
_HEADER_LOOKUP = {norm_token(h): key for key, (_label, headers) in COLUMNS.items() for h in headers}


def header_key(header: str) -> str | None:
    return _HEADER_LOOKUP.get(norm_token(header or ""))


def import_template() -> bytes:
    """The posting import's template: one header row of the column names the import reads (its own, so every
    column maps back to itself), required ones in bold, wide enough to read; no sample row to import by mistake."""

    from openpyxl.styles import Font

    wb = new_workbook(title=_("岗位导入模板"))
    ws = wb.active
    ws.title = "岗位"
    ws.append([label for label, _headers in COLUMNS.values()])
    for cell, key in zip(ws[1], COLUMNS, strict=True):
        cell.font = Font(bold=key in REQUIRED)
        ws.column_dimensions[cell.column_letter].width = 30 if key == "description" else 16
    return workbook_bytes(wb)


def _text(value, limit: int | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return _text_of_str(value)
    if isinstance(value, dt.datetime):      # a date-typed cell, quoted as the office sees it (badinput34), never
        # Python's "2026-03-01 00:00:00"
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ", timespec="minutes")
    return clean_text(V.clean_text(value))


@lru_cache(maxsize=65536)
def _text_of_str(value: str) -> str:
    """A cell's text, cleaned once per distinct value: a job board's export repeats its wages, ages,
    education, places and certificates on every row. The house rule only (`core.text.clean_text`, what every
    form and API field gets: controls, bidi overrides and isolates, zero-width and other invisible characters);
    a cell of an import kept U+202E that the API path dropped (badinput14 B11). A second, narrower rule of this
    module's own removed the joiner inside an emoji that the house rule keeps (session 15)."""
    return clean_text(V.clean_text(value))


class RowProblem(Exception):
    """The fields of one row at fault, in column order: `problems` is every (field key, message); `key` and
    `message` are the first (the form and the import both name them all: `_refusal`, newuser30 #2)."""

    def __init__(self, key: str, message: str, problems: list[tuple[str, str]] | None = None):
        super().__init__(message)
        self.problems = problems or [(key, message)]
        self.key, self.message = self.problems[0]


@dataclass
class CleanPosting:
    employer: str
    credit_code: str | None
    title: str
    headcount: int
    education_min: str
    age_min: int | None
    age_max: int | None
    experience_years: int
    certificates: list[str]
    wage_min: int | None
    wage_max: int | None
    wage_text: str
    place_text: str
    place_code: str
    place_scope: str
    shifts: str
    description: str
    benefits: str
    valid_until: dt.date | None
    flags: list[dict] = field(default_factory=list)
    questions: list[dict] = field(default_factory=list)   # questioned, not held (`discrimination.questions`)
    ext_id: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    warnings: list[tuple[str, str]] = field(default_factory=list)   # (field key, message): imported, but say so

    @cached_property
    def fingerprint(self) -> str:
        """Same employer, title, place and description = the same posting (a re-posted duplicate)."""
        return posting_fingerprint(self.credit_code, self.employer, self.title, self.place_text, self.description)


def posting_fingerprint(credit_code: str | None, employer: str, title: str, place_text: str, description: str) -> str:
    """The duplicate key of a posting: its employer (the credit code, else the name), title, place and description."""
    who = credit_code or norm_token(employer)
    key = "\x1f".join((who, norm_token(title), norm_token(place_text), re.sub(r"\s+", "", description)))
    return hashlib.sha256(key.encode()).hexdigest()


LATEST_VALID_UNTIL = dt.date(2100, 12, 31)   # a posting's 有效期至 at the latest


def _experience(value) -> int:
    """Years asked for, read by the core's parser ("1年以上", "两年", "经验不限"); more than 40 is refused."""
    try:
        years = parsing.experience_years(_text(value))
    except ApplicationError as exc:
        raise RowProblem("experience", exc.message) from None
    if years > 40:
        raise RowProblem("experience", _("经验要求%(n)d年不合理") % {"n": years})
    return years


@lru_cache(maxsize=65536)
def _credit_code(text: str) -> str:
    """stdnum's check of a 统一社会信用代码, once per distinct code (a job board repeats its employers)."""
    return V.parse_credit_code(text)


def _with_requirements(raw: dict) -> tuple[dict, frozenset[str]]:
    """`raw` with a requirements cell (任职要求, 岗位要求 …) read as `employment_match` reads that column
    (`sheets.requirements_fields`): the age, education, experience and certificates it states fill those fields when
    their own cells are empty, and its text follows the description's (a line of its own) or is the description.
    Also the keys so filled. A row without one (the form, the API) is returned as it is."""
    requirements = _text(raw.get("requirements"))
    if not requirements:
        return raw, frozenset()
    found = {key: text for key, text in requirements_fields(requirements).items() if V.is_blank(raw.get(key))}
    description = _text(raw.get("description"))
    merged = {**raw, **found, "description": f"{description}\n{requirements}" if description else requirements}
    return merged, frozenset(found)


def clean_posting(raw: dict, *, resolver: PlaceResolver, today: dt.date) -> CleanPosting:
    """One posting from {field key: cell}; raises RowProblem naming every field at fault, so that a row missing
    two cells is mended in one upload, not two."""
    problems: list[tuple[str, str]] = []
    raw, from_requirements = _with_requirements(raw)

    def checked(key: str, read, fallback):
        """`read()`, or `fallback` with the field's problem noted: a field at fault does not stop the others."""
        try:
            value = read()
        except RowProblem as exc:
            problems.append((key, exc.message))
        except ApplicationError as exc:
            problems.append((key, exc.message))
        except V.CellError as exc:
            problems.append((key, exc.reason))
        else:
            return value
        if key in from_requirements:     # read from the requirements text: that column is the one to mend
            problems[-1] = ("requirements", problems[-1][1])
        return fallback

    employer = _text(raw.get("employer"))
    if not employer:
        problems.append(("employer", _("单位名称为空")))
    elif len(employer) > 200:
        problems.append(("employer", _("单位名称过长（最多200字）")))
    elif has_markup(employer):
        problems.append(("employer", _("单位名称含有网页代码（<…>），请填写单位的名称")))
    elif employer.startswith(FORMULA_START):
        # a spreadsheet formula ("=HYPERLINK(…)") is no unit's name, and would become a registry organisation
        # of the county (badinput15 #20)
        problems.append(("employer", _("单位名称“%(v)s”以“%(c)s”开头，像是表格公式，请填写单位的名称")
                         % {"v": employer[:60], "c": employer[0]}))
    credit = None
    if not V.is_blank(raw.get("credit_code")):
        credit = checked("credit_code", lambda: _credit_code(_text(raw.get("credit_code"))), None)
    title = _text(raw.get("title"))
    if not title:
        problems.append(("title", _("岗位名称为空")))
    elif len(title) > 100:
        problems.append(("title", _("岗位名称过长（最多100字）")))
    elif has_markup(title):
        problems.append(("title", _("岗位名称含有网页代码（<…>），请填写岗位的名称")))
    headcount = 1
    if not V.is_blank(raw.get("headcount")) and _text(raw.get("headcount")) not in ("若干", "不限"):
        try:   # "5人", and Chinese numerals as the wage takes them: "两个", "十名" (tryout27 #10b)
            headcount = parsing.headcount(_text(raw.get("headcount")))
        except ApplicationError as exc:
            problems.append(("headcount", _("招聘人数：%(r)s") % {"r": exc.message}))
    education = checked("education", lambda: parsing.education(_text(raw.get("education")), required=True), "")
    # under sixteen (《劳动法》第十五条) is refused by the core's parser: one rule for every door
    age_min, age_max = checked("age", lambda: parsing.age_range(_text(raw.get("age"))), (None, None))
    warnings = []
    if _reversed(_text(raw.get("age")), age_min, age_max):
        warnings.append(("age", _("年龄要求“%(v)s”前大后小，已按%(lo)d至%(hi)d岁导入，请核对")
                         % {"v": _text(raw.get("age"))[:30], "lo": age_min, "hi": age_max}))
    experience = checked("experience", lambda: _experience(raw.get("experience")), 0)
    certificates, _preferred = checked("certificates",
                                       lambda: parsing.required_certificates(_text(raw.get("certificates"))), ([], []))
    wage_text = _text(raw.get("wage"))
    wage_min = wage_max = None
    if len(wage_text) > 60:
        problems.append(("wage", _("月薪内容过长（最多60字）")))
    else:
        wage_min, wage_max = checked("wage", lambda: parsing.wage(wage_text), (None, None))
        if _reversed(wage_text, wage_min, wage_max):
            warnings.append(("wage", _("月薪“%(v)s”前大后小，已按%(lo)d至%(hi)d元导入，请核对")
                             % {"v": wage_text[:30], "lo": wage_min, "hi": wage_max}))
    place_text = _text(raw.get("place"))
    place = resolver.resolve(place_text) if place_text else None
    if not place_text:
        problems.append(("place", _("工作地点为空")))
    elif place is None:
        problems.append(("place", _("无法识别的工作地点“%(v)s”（请写本县的乡镇或村名，或北海市区、广东东莞等）")
                         % {"v": place_text[:30]}))
    elif place.unread:
        warnings.append(("place", _("工作地点“%(v)s”在本县，但读不出是哪个乡镇，已按“县内”岗位导入；如需按乡镇匹配，请改写为乡镇或村名")
                         % {"v": place_text[:30]}))
    description = _text(raw.get("description"))
    if not description:
        problems.append(("description", _("岗位描述为空")))
    elif len(description) > MAX_DESCRIPTION:
        problems.append(("description", _("岗位描述过长（%(n)d字，最多%(max)d字）")
                         % {"n": len(description), "max": MAX_DESCRIPTION}))
    benefits = _text(raw.get("benefits"))
    shifts = _text(raw.get("shifts"))
    # badinput31 #1: these were cut without a word (福利待遇 to 300, 班次 to 60) and kept a web page's markup that the
    # title and the seeker's texts refuse — on every door (form, API, import): refused whole, the field named
    for key, value, limit in (("benefits", benefits, 300), ("shifts", shifts, 60)):
        if len(value) > limit:
            problems.append((key, _("%(f)s过长（%(n)d字，最多%(max)d字）")
                             % {"f": COLUMNS[key][0], "n": len(value), "max": limit}))
    valid_until = None
    if not V.is_blank(raw.get("valid_until")):
        try:
            # read with no upper bound of its own: parse_date's "日期晚于今天" named the wrong limit (B08)
            valid_until, _month = V.parse_date(raw.get("valid_until"), today=dt.date.max)
        except V.CellError as exc:
            problems.append(("valid_until", exc.reason))
        else:
            if valid_until > LATEST_VALID_UNTIL:
                problems.append(("valid_until", _("有效期至不能晚于%(y)d年%(m)d月%(d)d日（填写的是%(v)s）") % {
                    "y": LATEST_VALID_UNTIL.year, "m": LATEST_VALID_UNTIL.month, "d": LATEST_VALID_UNTIL.day,
                    "v": valid_until.isoformat()}))
                valid_until = None
            elif valid_until < today:
                problems.append(("valid_until", _("有效期%(d)s已过") % {"d": valid_until.isoformat()}))
    contact_name = _text(raw.get("contact_name"))
    if len(contact_name) > 30:
        problems.append(("contact_name", _("联系人过长（最多30字）")))
    contact_phone = ""
    if not V.is_blank(raw.get("contact_phone")):
        contact_phone, named = checked("contact_phone", lambda: _phone_and_name(raw.get("contact_phone")), ("", ""))
        if named and not contact_name and len(named) <= 30:
            contact_name = named
    for key, value in (("description", description), ("benefits", benefits), ("shifts", shifts),
                       ("contact_name", contact_name)):
        if has_markup(value):
            problems.append((key, _("%(f)s含有网页代码（<…>），请只填写文字") % {"f": COLUMNS[key][0]}))
    if problems or place is None:
        first_key, first_message = problems[0]
        raise RowProblem(first_key, first_message, problems)
    texts = (title, description, _text(raw.get("age")), benefits)
    flags = [f.as_dict() for f in discrimination.check(*texts, names=CHECKED_FIELDS)]
    questions = [f.as_dict() for f in discrimination.questions(*texts, names=CHECKED_FIELDS)]
    return CleanPosting(employer=employer, credit_code=credit, title=title, headcount=headcount,
                        education_min=education, age_min=age_min, age_max=age_max, experience_years=experience,
                        certificates=certificates, wage_min=wage_min, wage_max=wage_max, wage_text=wage_text,
                        place_text=place_text[:100], place_code=place.code, place_scope=place.scope, shifts=shifts,
                        description=description, benefits=benefits, valid_until=valid_until, flags=flags,
                        questions=questions,
                        ext_id=_text(raw.get("ext_id"))[:40], contact_name=contact_name, contact_phone=contact_phone,
                        warnings=warnings)


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _reversed(text: str, low: int | None, high: int | None) -> bool:
    """The range was written high first ("60-18", "5000-3000", "5k-3k"), and read in order (badinput15 #21).

    Read, not refused: the meaning is plain and a job board's file of thousands of rows is not sent back for it;
    the import result says so, row and column, so the office can check. "8000-1.2万" is no reversal: the two
    numbers are in different units, and their ratio is not the range's."""
    numbers = _NUMBER.findall(text or "")
    if len(numbers) != 2 or low is None or high is None or not 0 < low < high:
        return False
    first, second = float(numbers[0]), float(numbers[1])
    return first > second > 0 and abs(low / high - second / first) < 1e-9


# a number inside a job board's 联系方式 cell ("王经理 13800138000", "电话：0779-7201234（李）")
_NUMBER_IN_TEXT = re.compile(r"(?<![\d+])(?:(?:\+?86)?1[3-9]\d{9}|0\d{2,3}[-－ ]?\d{7,8})(?!\d)")


def _phone_and_name(value) -> tuple[str, str]:
    """The phone number of a contact cell, and the words around it when they are a name (else "")."""
    try:
        return V.parse_phone(value), ""
    except V.CellError as exc:
        text = _text(value)
        found = _NUMBER_IN_TEXT.search(text)
        if found is None:
            raise RowProblem("contact_phone", exc.reason) from None
        try:
            phone = V.parse_phone(found.group(0))
        except V.CellError:
            raise RowProblem("contact_phone", exc.reason) from None
        rest = re.sub(r"(联系人|联系电话|联系方式|电话|手机|[:：，,;；/()（）\s])+", " ", text.replace(found.group(0), " "))
        rest = " ".join(rest.split())
        # the name is shown publicly while the posting is open: only words that are a person's name or title
        # ("王经理", "李女士", "陈小红"), never a second number, an ID, "微信同号" or an extension ("转8012")
        return phone, rest if _CONTACT_NAME.fullmatch(rest) and not _NOT_A_NAME.search(rest) else ""


_CONTACT_NAME = re.compile(r"[\u4e00-\u9fff]{1,4}(?:先生|女士|小姐|经理|主管|老师|主任|师傅|部长|科长)?")
_NOT_A_NAME = re.compile(r"微信|同号|座机|办公|传真|热线|转|分机|短信|邮箱|号码|身份证|人事|招聘")


def batch_unit(scope, county: str) -> str:
    """The unit a batch of postings is filed under: the uploader's own, or the county's for an account above every
    unit (admin) or a department (the 人社局 posts for the county)."""
    if scope.unit_code and not scope.is_all and not scope.is_department:
        return scope.unit_code
    return county.ljust(12, "0")


def county_for(actor, county_code: str = "") -> str:
    from jianfu.accounts.scoping import scope_for
    from jianfu.orgs.models import OrgUnit, UnitKind

    scope = scope_for(actor)
    if scope.unit_code and len(scope.unit_code) >= 6 and not scope.is_all:
        return scope.unit_code[:6]
    if county_code:
        return county_code[:6]
    first = OrgUnit.objects.filter(kind=UnitKind.COUNTY, is_active=True).order_by("code").values_list(
        "code", flat=True).first()
    if first is None:
        raise ApplicationError(_("系统中还没有县级单位。"), field="county")
    return first[:6]


def _org_code_for(clean: CleanPosting, county: str) -> str:
    return clean.place_code or county.ljust(12, "0")


def employer_name_key(name: str) -> str:
    """What two spellings of one employer's name share. The code names one legal entity with one registered name,
    but people retype it: spaces, full- or half-width brackets ("合浦（广西）…" / "合浦(广西)…"), letter case — all
    dropped by `norm_token` — and 有限责任公司 written as 有限公司, the short form the Company Law (art. 7) allows in
    the name of the same company. Anything else (食品 vs 电子, 有限公司 vs 股份有限公司) is another name."""
    return norm_token(name).replace("有限责任公司", "有限公司")


class EmployerIndex:
    """Existing employers by credit code (anywhere: the code is unique nationally) and by name (in the county),
    loaded once per import — no query per row; with each code's registered name, to check a row's name against."""

    def __init__(self, county: str, credit_codes=(), *, scope: Scope | None = None):
        self.by_code: dict[str, int] = {}
        self.by_name: dict[str, int] = {}
        self.name_of_code: dict[str, str] = {}
        self.unit_of_code: dict[str, str] = {}
        # the county's coded employers by name (`employer_name_key`): (code, unit) each, for a row that gives the name
        # with another code (`other_code`)
        self.codes_of_name: dict[str, list[tuple[str, str]]] = {}
        # whose registered names may be quoted back (None: nobody's, the safe default)
        self.scope = scope
        rows = Organisation.objects.filter(org_code__startswith=county).values_list(
            "pk", "credit_code", "name", "org_code")
        for pk, code, name, unit in rows:
            if code:
                self.by_code[code] = pk
                self.name_of_code[code] = name
                self.unit_of_code[code] = unit
                self.codes_of_name.setdefault(employer_name_key(name), []).append((code, unit))
            self.by_name.setdefault(norm_token(name), pk)
        wanted = sorted({c for c in credit_codes if c and c not in self.by_code})
        for i in range(0, len(wanted), 900):
            for pk, code, name, unit in Organisation.objects.filter(credit_code__in=wanted[i:i + 900]).values_list(
                    "pk", "credit_code", "name", "org_code"):
                self.by_code[code] = pk
                self.name_of_code[code] = name
                self.unit_of_code[code] = unit

    def find(self, clean: CleanPosting) -> int | None:
        if clean.credit_code:
            return self.by_code.get(clean.credit_code)
        return self.by_name.get(norm_token(clean.employer))

    def other_name(self, clean: CleanPosting) -> str | None:
        """The registered name of the row's credit code when the row names another employer: the posting would
        otherwise be filed — and published — under the employer the code belongs to (tryout26 #1). "" when that
        employer is outside the account's scope: its name is not quoted back — the check was a free lookup of any
        registered code's name (often a person's, for a 个体工商户), another county's included (sec26 #1).

        A row whose name does match a code on file is filed under that organisation even when it is another
        county's: the code names one legal entity nationally (the column is unique, a second record cannot be made),
        a company registered elsewhere hiring here is ordinary, and refusing it would leave its job impossible to
        post anywhere (a posting's place must be in the poster's own area). Nothing is revealed by it: the poster
        typed both the code and the full registered name, and the posting shows only that name."""
        registered = self.name_of_code.get(clean.credit_code or "")
        if registered is None or employer_name_key(registered) == employer_name_key(clean.employer):
            return None
        if self.scope is None or not self.scope.covers(self.unit_of_code.get(clean.credit_code or "")):
            return ""
        return registered

    def other_code(self, clean: CleanPosting) -> str | None:
        """The credit code on file of an employer of the row's name, within the account's scope, when the row gives
        another code that is on file nowhere: one employer, two codes — the row would make a second employer of the
        same name (session 27, emp-fix27). None otherwise; an employer of that name outside the scope is not looked up
        (sec26: no name or code of another county or township is told, nor whether one exists)."""
        if not clean.credit_code or clean.credit_code in self.name_of_code or self.scope is None:
            return None
        for code, unit in self.codes_of_name.get(employer_name_key(clean.employer), ()):
            if code != clean.credit_code and self.scope.covers(unit):
                return code
        return None


def _other_employer_message(clean: CleanPosting, owner: str, row: int | None = None) -> str:
    if not owner:   # an employer outside the account's scope: its name is not told (EmployerIndex.other_name)
        return _("该统一社会信用代码已登记为其他单位，请核对单位名称和代码。")
    if row is None:
        return _("统一社会信用代码%(code)s登记的单位是“%(owner)s”，与填写的单位名称“%(name)s”不符，请核对单位名称或信用代码") % {
            "code": clean.credit_code, "owner": owner, "name": clean.employer}
    return _("统一社会信用代码%(code)s在第%(n)d行是“%(owner)s”，与本行的单位名称“%(name)s”不符，请核对单位名称或信用代码") % {
        "code": clean.credit_code, "n": row, "owner": owner, "name": clean.employer}


def _other_code_message(clean: CleanPosting, registered: str, row: int | None = None) -> str:
    """A name given with a second credit code (`EmployerIndex.other_code`, or an earlier row of the file): both codes
    are the account's to see — one typed now, the other on file in its scope or typed in the same file."""
    if row is None:
        return _("单位名称“%(name)s”已登记，统一社会信用代码为%(registered)s；填写的代码%(code)s未登记。一个单位只有一个信用代码，"
                 "请核对信用代码") % {"name": clean.employer, "registered": registered, "code": clean.credit_code}
    return _("单位名称“%(name)s”在第%(n)d行的统一社会信用代码是%(registered)s，本行填写的是%(code)s。一个单位只有一个信用代码，"
             "请核对信用代码") % {"name": clean.employer, "n": row, "registered": registered, "code": clean.credit_code}


def _new_employer(clean: CleanPosting, county: str) -> dict:
    return {"org_code": _org_code_for(clean, county), "name": clean.employer, "credit_code": clean.credit_code,
            "kind": OrganisationKind.ENTERPRISE, "extra": {"source": "employment"}}


def _posting_row(clean: CleanPosting, org_id: int | None, county: str, *, actor, batch_id=None, source="web",
                 held: bool = False) -> dict:
    occupation_code, occupation_name = parsing.posting_occupation(clean.title, clean.description, clean.certificates)
    return {
        "organisation_id": org_id, "org_code": _org_code_for(clean, county), "title": clean.title,
        "occupation_code": occupation_code, "occupation_name": occupation_name, "headcount": clean.headcount,
        "education_min": clean.education_min, "age_min": clean.age_min, "age_max": clean.age_max,
        "experience_years": clean.experience_years, "certificates": clean.certificates,
        "wage_min": clean.wage_min, "wage_max": clean.wage_max, "wage_text": clean.wage_text,
        "place_text": clean.place_text, "place_code": clean.place_code, "shifts": clean.shifts,
        "description": clean.description, "benefits": clean.benefits, "valid_until": clean.valid_until,
        "contact_name": clean.contact_name, "contact_phone": clean.contact_phone,
        "status": PostingStatus.PENDING if held else PostingStatus.FLAGGED if clean.flags else PostingStatus.OPEN,
        "flags": clean.flags,
        "questions": clean.questions,
        "fingerprint": clean.fingerprint, "source": source, "batch_id": batch_id, "ext_id": clean.ext_id,
        "created_by_id": actor.pk if getattr(actor, "is_authenticated", False) else None,
    }


# what a re-imported row of the same employer and 编号 replaces (mend35 #5): the posting's content, not who created it,
# where it came from or its employer
UPDATED_FIELDS = ("org_code", "title", "occupation_code", "occupation_name", "headcount", "education_min", "age_min",
                  "age_max", "experience_years", "certificates", "wage_min", "wage_max", "wage_text", "place_text",
                  "place_code", "shifts", "description", "benefits", "valid_until", "contact_name", "contact_phone",
                  "flags", "questions", "fingerprint")


# ---------------------------------------------------------------- one posting (web, API)

def _field_message(key: str, message: str) -> str:
    """The reason with its field named once ("招聘人数：不能小于1", not "招聘人数：招聘人数：不能小于1")."""
    label = COLUMNS[key][0]
    return message if message.startswith(label) else f"{label}：{message}"


def _refusal(exc: RowProblem) -> ApplicationError:
    """Every field at fault at once (`details["fields"]`, core.errors.field_messages), the first as `field`: the form
    named one per round trip — a past 有效期至, then after that was mended the bad 联系电话 (newuser30 #2)."""
    fields: dict[str, str] = {}
    for key, message in exc.problems:
        fields.setdefault(key, _field_message(key, message))
    details = {"fields": fields} if len(fields) > 1 else {}
    return ApplicationError("；".join(fields.values()), code="invalid", field=exc.key, details=details)


def posting_create_from_form(*, form_token: object, actor, data: dict) -> tuple[Posting, bool]:
    """The 发布岗位 form's posting_create: (posting, True) when published now, (the posting that form published, False)
    when the same form — its one-time token — was posted before or at the same instant (a double tap, back then 保存):
    answered as a repeat, not as 与已有岗位重复. A post without a well-formed token is refused, nothing written
    (`formtokens.required_key`, ADR 0035).

    The earlier posting is looked up over every posting (the key is unique), and answered only when the same account
    posted the same content: the token posted by another account, or with another posting (back, edit, 保存), is
    refused as an expired form, nothing written — not answered with the first posting while this one is dropped
    (security18 #2)."""
    form_key = formtokens.required_key(form_token)
    content_key = formtokens.content_key(form_token, data)

    def own(posting: Posting) -> bool:
        return posting.created_by_id == getattr(actor, "pk", None) and formtokens.same_content(posting, content_key)

    try:
        return formtokens.once(Posting.objects, form_key, lambda: posting_create(
            actor=actor, data=data, form_key=form_key, form_content_key=content_key), own=own)
    except ApplicationError as exc:
        # the twin post published it first: its fingerprint refused this one as a duplicate
        twin = formtokens.earlier(Posting.objects, form_key, own=own) if exc.code == "duplicate_posting" else None
        if twin is None:
            raise
        return twin, False


def posting_create(*, actor, data: dict, county_code: str = "", form_key: str | None = None,
                   form_content_key: str | None = None) -> Posting:
    """A posting from the web form or the API ({field key: value}, keys as in COLUMNS)."""
    from jianfu.registry.ledger.values import local_today

    scope = access.manage_scope(actor)
    county = county_for(actor, county_code)
    try:
        clean = clean_posting(data, resolver=PlaceResolver(county), today=local_today())
    except RowProblem as exc:
        raise _refusal(exc) from None
    if not scope.covers(_org_code_for(clean, county)):
        # as the import says it per row: the place is the field at fault (not a "not found" page)
        raise ApplicationError(_("工作地点“%(p)s”不在本单位辖区内：乡镇只能发布本乡镇的岗位，县内其他地方和外出务工的岗位请由县里发布。")
                               % {"p": clean.place_text[:30]}, code="outside_scope", field="place")
    employers = EmployerIndex(county, [clean.credit_code], scope=scope)
    owner = employers.other_name(clean)
    if owner is not None:
        raise ApplicationError(_other_employer_message(clean, owner), code="invalid", field="employer")
    if (registered := employers.other_code(clean)) is not None:
        raise ApplicationError(_other_code_message(clean, registered), code="invalid", field="credit_code")
    if Posting.objects.filter(fingerprint=clean.fingerprint).exists():
        raise _duplicate_posting(clean)
    try:
        posting = _posting_write(actor=actor, clean=clean, county=county, employers=employers, form_key=form_key,
                                 form_content_key=form_content_key)
    except IntegrityError:
        # Two identical submits at once (a double click, an API retry) both passed the check above; the loser's insert
        # clashed on the unique fingerprint and answered 500 (badinput16 #1). Its write rolled back whole (the
        # employer it made too); it gets the answer a submit one after the other gets.
        if not Posting.objects.filter(fingerprint=clean.fingerprint).exists():
            raise
        raise _duplicate_posting(clean) from None
    return posting


def _duplicate_posting(clean: CleanPosting) -> ApplicationError:
    return ApplicationError(_("与已有岗位重复（%(org)s %(title)s）。") % {"org": clean.employer, "title": clean.title},
                            code="duplicate_posting", field="title")


def _posting_write(*, actor, clean: CleanPosting, county: str, employers: EmployerIndex,
                   form_key: str | None = None, form_content_key: str | None = None) -> Posting:
    with transaction.atomic():
        org_id = employers.find(clean)
        if org_id is None:
            org = Organisation.objects.create(**_new_employer(clean, county))
            org_id = org.pk
            audit_record(actor=actor, action="employment.employer.create", obj=org,
                         changes={"name": org.name, "credit_code": org.credit_code})
        posting = Posting.objects.create(**_posting_row(clean, org_id, county, actor=actor), form_key=form_key or None,
                                         form_content_key=form_content_key or None)
        audit_record(actor=actor, action="employment.posting.create", obj=posting,
                     changes={"title": posting.title, "status": posting.status,
                              "flags": [f["code"] for f in posting.flags],
                              "questions": [q["code"] for q in posting.questions]})
    return posting


# The office's note on a review (核查结论 or 下架原因), kept whole: it was cut at 200 characters without a word (session 15)
REVIEW_NOTE_MAX = 1000


def _review_note(note: str, missing: str) -> str:
    note = (note or "").strip()
    if not note:
        raise ApplicationError(missing, field="note")
    if len(note) > REVIEW_NOTE_MAX:
        raise ApplicationError(_("说明过长（%(n)d字，最多%(max)d字），请删减。") % {"n": len(note), "max": REVIEW_NOTE_MAX},
                               field="note")
    return note


def _posting_move(*, actor, posting: Posting, target: str, action: str, note: str = "") -> Posting:
    access.require_manage(actor, posting.org_code)
    with transaction.atomic():
        locked = Posting.objects.select_for_update().get(pk=posting.pk)
        if target not in POSTING_TRANSITIONS.get(locked.status, frozenset()):
            raise ConflictError(_("岗位当前为“%(from)s”，不能改为“%(to)s”。")
                                % {"from": PostingStatus(locked.status).label, "to": PostingStatus(target).label},
                                code="invalid_transition")
        old = locked.status
        locked.status = target
        locked.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, action=f"employment.posting.{action}", obj=locked,
                     changes={"status": [old, target], "note": note})
    posting.refresh_from_db()
    return posting


def posting_close(*, actor, posting: Posting) -> Posting:
    return _posting_move(actor=actor, posting=posting, target=PostingStatus.CLOSED, action="close")


def posting_reopen(*, actor, posting: Posting) -> Posting:
    if posting.status != PostingStatus.CLOSED:
        raise ConflictError(_("只有已结束的岗位可以重新开放。"), code="invalid_transition")
    return _posting_move(actor=actor, posting=posting, target=PostingStatus.OPEN, action="reopen")


def posting_clear(*, actor, posting: Posting, note: str = "") -> Posting:
    """The county office (or the county's 人社局) finds the flagged posting lawful (e.g. a post the state deems
    unsuitable for women). Never the township that posted it (`access.require_review_postings`, tryout27 #2)."""
    access.require_review_postings(actor, posting.org_code)
    note = _review_note(note, _("请写明核查结论。"))
    if posting.status != PostingStatus.FLAGGED:
        raise ConflictError(_("该岗位不在待核查状态。"), code="invalid_transition")
    return _posting_move(actor=actor, posting=posting, target=PostingStatus.OPEN, action="clear", note=note)


def posting_withdraw(*, actor, posting: Posting, note: str = "") -> Posting:
    note = _review_note(note, _("请写明下架原因。"))
    return _posting_move(actor=actor, posting=posting, target=PostingStatus.WITHDRAWN, action="withdraw", note=note)


# the texts the discrimination check reads, in order, as each finding names them (`Finding.fields`, fixcr34b #2):
# "age" is the 年龄 text as written, which only an import or the API carries and no form edits
CHECKED_FIELDS = ("title", "description", "age", "benefits")
# 修改后公开 (emend32 #1): the texts of a held posting the check reads, as the form names them
AMENDED_TEXTS = {"title": (100, True), "description": (MAX_DESCRIPTION, True), "benefits": (300, False)}


def _amended_texts(data: dict, *, stored: Posting | None = None) -> dict[str, str]:
    """The three texts of 修改后公开, each read as the form reads it (`_text`): empty, too long or with markup refused,
    every field at fault named at once. With `stored` (a partial amend) a text not in `data` is the stored one, taken
    as it is: only what was sent is checked (fixcr33c: a legacy over-long 岗位描述 refused a PATCH of the title alone,
    naming a field it did not send)."""
    texts: dict[str, str] = {}
    problems: list[tuple[str, str]] = []
    for key, (limit, required) in AMENDED_TEXTS.items():
        if stored is not None and key not in data:
            texts[key] = getattr(stored, key)
            continue
        value = _text(data.get(key, ""))
        label = COLUMNS[key][0]
        if required and not value:
            problems.append((key, _("%(f)s为空") % {"f": label}))
        elif len(value) > limit:
            problems.append((key, _("%(f)s过长（%(n)d字，最多%(max)d字）") % {"f": label, "n": len(value), "max": limit}))
        elif has_markup(value):
            problems.append((key, _("%(f)s含有网页代码（<…>），请只填写文字") % {"f": label}))
        texts[key] = value
    if problems:
        raise _refusal(RowProblem(problems[0][0], problems[0][1], problems))
    return texts


def _not_amendable(posting: Posting, findings: list[dict]) -> list[dict]:
    """The stored findings with a source the texts 修改后公开 edits do not hold: they came (also) from a column the
    form does not offer (the 年龄 text "限男性，18-40岁" of an import, which is kept only as `age_min`/`age_max`), so
    the amend's check cannot see them again and they stand until the county clears the posting (fixcr33b M1: an
    edit of 岗位描述 published a posting held for its age column, without review). A finding lists the fields its rule
    matched in (`fields`): with "限男性" in both the 年龄 column and 岗位描述 the one flag quotes the description, and
    reading the excerpt alone let an edit of the description publish it (fixcr34b #2). A finding stored before
    `fields` was recorded is read by its excerpt, compared as `_find` reads a field (white space as one space)."""
    editable = [" ".join(str(getattr(posting, key)).split()) for key in AMENDED_TEXTS]

    def kept(f: dict) -> bool:
        if f.get("fields"):
            return any(name not in AMENDED_TEXTS for name in f["fields"])
        return not any(f.get("excerpt", "") in text for text in editable)
    return [f for f in findings if kept(f)]


def flags_not_amendable(posting: Posting) -> list[dict]:
    """The held posting's flags that 修改后公开 cannot resolve (`_not_amendable`): the page and the refusal name them."""
    return _not_amendable(posting, posting.flags)


def _kept_quote(f: dict) -> str:
    """What a kept finding is kept for, in words. Its excerpt quotes the first field its rule matched in (`_find`):
    with `fields` ["description", "age"] that is the 岗位描述 — which the form does edit — and the refusal quoted it as
    the text 修改后公开 cannot reach (cr34 #1). The 年龄 text as written is not stored (only `age_min`/`age_max`), so
    such a finding names the field and the rule: "年龄要求中的限定性别或性别优先". A finding stored before `fields` was
    recorded is kept only when its excerpt is in no editable text: its excerpt is that text's."""
    fields = f.get("fields") or []
    if not fields or fields[0] not in AMENDED_TEXTS:
        return f["excerpt"]
    return "；".join(_("%(f)s中的%(rule)s") % {"f": COLUMNS[n][0], "rule": f["label"]}
                    for n in fields if n not in AMENDED_TEXTS)


def not_amendable_message(kept: list[dict]) -> str:
    return _("疑似歧视的内容（%(x)s）不在可修改的岗位名称、岗位描述、福利待遇中，修改后公开不能消除：请等待县级核查，"
             "或下架该岗位。") % {"x": "；".join(_kept_quote(f) for f in kept)}


def _narrowed(k: dict) -> dict:
    """A kept finding whose rule no longer matches the amended texts, as it now stands: only for its fields the form
    does not edit, quoted by them (`_kept_quote`). It kept the description's excerpt and `description` in its fields
    after the description was fixed (cr34 #1)."""
    if not k.get("fields"):
        return k
    return {**k, "excerpt": _kept_quote(k), "fields": [n for n in k["fields"] if n not in AMENDED_TEXTS]}


def _with_kept(found: list, kept: list[dict]) -> list[dict]:
    """The findings of the amended texts, then each kept one whose rule found nothing there (one per rule, as
    `discrimination.check` gives them). A new finding of a kept one's rule takes on its fields the form cannot edit,
    so a later amend still keeps it for them (fixcr34b #2)."""
    findings = [f.as_dict() for f in found]
    for f in findings:
        for k in kept:
            if k["code"] == f["code"]:
                f["fields"] = [*f.get("fields", []),
                               *(n for n in k.get("fields") or ["age"] if n not in AMENDED_TEXTS and n not in f.get("fields", []))]
    codes = {f["code"] for f in findings}
    return findings + [_narrowed(f) for f in kept if f["code"] not in codes]


def posting_amend(*, actor, posting: Posting, data: dict, partial: bool = False) -> Posting:
    """修改后公开 (emend32 #1): the office that manages a posting held for suspected discrimination corrects its texts
    (岗位名称, 岗位描述, 福利待遇 — drops "限男性") and the discrimination check runs again on them, as on a new posting:
    clean, the posting is public (the flag resolved by the check, not by a reviewer's word — so a township may do it
    for its own posting, as it publishes a clean one); still flagged, it stays held with the new text and the new
    findings. A flag from a column the form does not edit (the 年龄 text) is kept: the posting stays held for the
    county (`flags_not_amendable`). Audited with each text before and after. A text refused, or the posting no longer
    held: nothing written. `partial` (the API's PATCH, session 33): a text not in `data` keeps the posting's, read
    under the lock."""
    access.require_manage(actor, posting.org_code)
    if not partial:
        texts = _amended_texts(data)
    with transaction.atomic():
        locked = Posting.objects.select_for_update().select_related("organisation").get(pk=posting.pk)
        if partial:
            texts = _amended_texts(data, stored=locked)
        if locked.status != PostingStatus.FLAGGED:
            raise ConflictError(_("该岗位不在待核查状态，不能修改后公开。"), code="invalid_transition")
        changed = {k: [getattr(locked, k), v] for k, v in texts.items() if getattr(locked, k) != v}
        kept = flags_not_amendable(locked)
        if not changed:
            if kept:
                raise ApplicationError(not_amendable_message(kept), code="unchanged", field="description")
            raise ApplicationError(_("内容没有修改：请修改疑似歧视的内容后再公开。"), code="unchanged", field="description")
        age = "-".join(str(a) for a in (locked.age_min, locked.age_max) if a is not None)
        checked = (texts["title"], texts["description"], age, texts["benefits"])
        flags = _with_kept(discrimination.check(*checked, names=CHECKED_FIELDS), kept)
        questions = _with_kept(discrimination.questions(*checked, names=CHECKED_FIELDS),
                               _not_amendable(locked, locked.questions))
        org = locked.organisation
        fingerprint = posting_fingerprint(org.credit_code or None, org.name, texts["title"], locked.place_text,
                                          texts["description"])
        if Posting.objects.filter(fingerprint=fingerprint).exclude(pk=locked.pk).exists():
            raise ApplicationError(_("与已有岗位重复（%(org)s %(title)s）。") % {"org": org.name, "title": texts["title"]},
                                   code="duplicate_posting", field="title")
        old_flags = [f["code"] for f in locked.flags]
        status = PostingStatus.FLAGGED if flags else PostingStatus.OPEN
        locked.occupation_code, locked.occupation_name = parsing.posting_occupation(
            texts["title"], texts["description"], locked.certificates)
        for key, value in texts.items():
            setattr(locked, key, value)
        locked.flags, locked.questions, locked.status, locked.fingerprint = flags, questions, status, fingerprint
        locked.save(update_fields=[*texts, "occupation_code", "occupation_name", "flags", "questions", "status",
                                   "fingerprint", "updated_at"])
        audit_record(actor=actor, action="employment.posting.amend", obj=locked,
                     changes={**changed, "flags": [old_flags, [f["code"] for f in flags]],
                              "status": [PostingStatus.FLAGGED, status]})
    posting.refresh_from_db()
    return posting


def _postings_written() -> None:
    """A set-based write to postings (a bulk insert or an `.update()`, which send no Posting signal) queues the warm
    run once its transaction commits, as a posting's save does (ADR 0037's text model is fitted on every open
    posting). Called plainly by each bulk path; their audit rows' save once did it (mend20 #4)."""
    from jianfu.employment.tasks import index_changed

    index_changed()


def postings_expire(*, today=None) -> int:
    """Close open postings whose validity has passed (daily task; set-based, idempotent). Returns how many."""
    from jianfu.registry.ledger.values import local_today

    today = today or local_today()
    with transaction.atomic():
        expired = Posting.objects.filter(status=PostingStatus.OPEN, valid_until__lt=today)
        ids = list(expired.values_list("pk", flat=True)[:100_000])
        # a set-based write moves `updated_at` itself (no save to stamp it): the stamps read it (mend20 #5)
        closed = Posting.objects.filter(pk__in=ids).update(status=PostingStatus.CLOSED,
                                                           updated_at=timezone.now()) if ids else 0
        if closed:
            audit_record(actor=None, action="employment.posting.expire", object_type="employment.posting",
                         object_id="expire", object_repr=today.isoformat(), changes={"closed": closed})
            _postings_written()
    return closed


# ---------------------------------------------------------------- bulk import

@dataclass
class ImportResult:
    batch: PostingImport
    errors: list[dict]


def _match_headers(headers: list[str]) -> dict[int, str]:
    found: dict[int, str] = {}
    for index, header in enumerate(headers):
        key = header_key(header)
        if key and key not in found.values():
            found[index] = key
    return found


def _read_rows(fh, filename: str, notes: list[str] | None = None, formulas: dict[int, list[str]] | None = None):
    """(column plan, iterator of (row number, {key: cell})); finds the header among the first rows. `notes`
    receives the note naming the sheet read when the workbook has more than one; `formulas`, row number → the
    keys of its mapped cells that are formulas without a cached result (read as empty, they are not)."""
    ledger = open_ledger(fh, filename=filename, header_row=1, max_rows=MAX_IMPORT_ROWS)
    if notes is not None and ledger.sheet_note:
        notes.append(ledger.sheet_note)
    plan = _match_headers(ledger.headers)
    rows = ledger.rows()
    skipped = []
    header_number = ledger.header_row
    if len(plan) < 2:   # a title row above the header: look at the next few rows
        for number, values in rows:
            candidate = _match_headers([("" if v is None else str(v).strip()) for v in values])
            if len(candidate) >= 2:
                plan, header_number = candidate, number
                break
            skipped.append(number)
            if len(skipped) >= 8:
                break
    # a requirements column stands for the 岗位描述 when there is none (it was read as one before newuser34b)
    missing = [COLUMNS[k][0] for k in REQUIRED if k not in plan.values()
               and not (k == "description" and "requirements" in plan.values())]
    if missing:
        ledger.close()
        raise LedgerFileError(_("表头缺少必需的列：%(cols)s（可用的列名见导入页说明）") % {"cols": "、".join(missing)})

    def mapped():
        try:
            for number, values in rows:
                yield number, {key: values[i] if i < len(values) else None for i, key in plan.items()}
        finally:
            ledger.close()

    columns = {key: col_letter(i) for i, key in plan.items()}
    if formulas is not None:
        for number, cells in formulas_by_row(ledger.info, plan).items():
            if number > header_number:
                formulas[number] = [plan[i] for i in cells]
    return columns, mapped()


def posting_import(*, actor, file, filename: str, county_code: str = "", batch: PostingImport | None = None,
                   publish: bool = False, skip_duplicates: bool = False, lease=None) -> ImportResult:
    """Validate every row, then write all postings (and new employers) in one transaction — or none.

    Duplicate rows — a row that repeats an earlier row of the file, or a posting already registered (same employer,
    title, place and description) — refuse the file like any other error, each listed with the row (or posting) it
    repeats. `skip_duplicates=True` is the uploader's explicit choice (U10): those rows are skipped and recorded on
    the batch (`skipped`, `duplicate_count`), the rest imported; any other error still refuses the whole file.

    `batch`: a batch a worker has claimed (`importjobs.import_run`); its outcome is written only while the
    claim is still that worker's, else the transaction rolls back (nothing written twice); `lease` (its
    `importjobs.LeaseKeeper`) is told of every row read and prepared, and renews the claim as they go.
    The hold (N03) is decided here, for every entry point (web upload, API, command): a file of more than
    `CONFIRM_ABOVE` postings is written 待确认 — the batch AWAITING, its postings PENDING and not public — until its
    uploader confirms it (`import_confirm`) or a manager of the unit withdraws it. `publish=True` skips
    the hold: only the command's `--publish`, whose operator asked for it at the terminal."""
    from jianfu.registry.ledger.values import local_today

    scope = access.manage_scope(actor)
    county = county_for(actor, county_code)
    # A township imports only postings placed in its own town; the county office and admin, any.
    area = "" if scope.is_all or scope.covers(county.ljust(12, "0")) else (scope.prefix or "")
    errors: list[dict] = []
    warnings: list[dict] = []
    error_count = 0
    rows_read = 0   # data rows of the file (a row with an error counts once; a file-level error, none)
    cleaned: list[tuple[int, CleanPosting]] = []
    duplicates: list[dict] = []   # every duplicate row, in row order within each kind (not capped: see below)
    try:
        notes: list[str] = []
        formulas: dict[int, list[str]] = {}
        columns, rows = _read_rows(file, filename, notes, formulas)
        # which sheet was read (a workbook of several): told first among the notes to check (B01)
        warnings.extend({"row": None, "column": "", "message": note} for note in notes)
        resolver = PlaceResolver(county)
        today = local_today()
        seen: dict[str, int] = {}
        numbered: dict[tuple[str, str], int] = {}   # (employer, 编号) → the row that first gave it
        coded: list[tuple[int, CleanPosting]] = []   # rows with a credit code, duplicates too: names checked below
        for number, raw in rows:
            rows_read += 1
            if lease is not None:
                lease.tick()
            if number in formulas:   # unknown values, not empty ones: "…为空" was the wrong reason (B05)
                error_count += 1
                for key in formulas.pop(number):
                    if len(errors) < MAX_STORED_ERRORS:
                        errors.append({"row": number, "column": COLUMNS[key][0], "message": formula_without_value(
                            number, COLUMNS[key][0])})
                continue
            try:
                clean = clean_posting(raw, resolver=resolver, today=today)
            except RowProblem as exc:
                error_count += 1      # rows at fault, as the summary counts them; each field at fault is listed
                for key, message in exc.problems:
                    if len(errors) < MAX_STORED_ERRORS:
                        errors.append({"row": number, "column": COLUMNS[key][0], "message": message})
                continue
            code = _org_code_for(clean, county)
            if area and not code.startswith(area):
                error_count += 1
                if len(errors) < MAX_STORED_ERRORS:
                    errors.append({"row": number, "column": COLUMNS["place"][0],
                                   "message": _("工作地点“%(p)s”不在本单位辖区内") % {"p": clean.place_text}})
                continue
            if clean.credit_code:
                coded.append((number, clean))
            first = seen.setdefault(clean.fingerprint, number)
            if first != number:
                duplicates.append({"row": number, "column": COLUMNS["title"][0], "duplicate_of": first,
                                   "message": _("与第%(n)d行是同一岗位（单位、岗位、地点和描述都相同）") % {"n": first}})
                continue
            if clean.ext_id:    # one employer's 编号 names one posting: a second row of it is a mistake (mend35 #5)
                earlier = numbered.setdefault((clean.credit_code or norm_token(clean.employer), clean.ext_id), number)
                if earlier != number:
                    error_count += 1
                    if len(errors) < MAX_STORED_ERRORS:
                        errors.append({"row": number, "column": COLUMNS["ext_id"][0], "message": _(
                            "与第%(n)d行是同一单位的同一编号“%(id)s”：一个编号只能对应一个岗位") % {
                            "n": earlier, "id": clean.ext_id}})
                    continue
            cleaned.append((number, clean))
            for key, message in clean.warnings:
                if len(warnings) < MAX_STORED_ERRORS:
                    warnings.append({"row": number, "column": COLUMNS[key][0], "message": message})
        if formulas:   # rows of nothing but formulas without results: read as empty rows and passed over
            error_count += len(formulas)
            errors.extend({"row": number, "column": COLUMNS[key][0], "message": formula_without_value(
                number, COLUMNS[key][0])} for number in sorted(formulas) for key in formulas[number])
            errors = sorted(errors, key=lambda e: e["row"])[:MAX_STORED_ERRORS]
        employers = EmployerIndex(county, [c.credit_code for _n, c in coded], scope=scope)
        conflicts = _employer_conflicts(coded, employers)
        if conflicts:
            error_count += len(conflicts)
            errors = sorted(errors + conflicts, key=lambda e: e["row"] or 0)[:MAX_STORED_ERRORS]
            # such a row is refused for its name, not listed again as a repeat of the row whose code it borrowed
            named = {e["row"] for e in conflicts}
            duplicates = [d for d in duplicates if d["row"] not in named]
    except LedgerFileError as exc:
        errors, error_count = [{"row": None, "column": "", "message": exc.reason}], 1
    if not errors and not cleaned and not duplicates:
        errors, error_count = [{"row": None, "column": "", "message": _("文件中没有岗位数据")}], 1
    updates: list[tuple[int, CleanPosting, int]] = []   # (row, its posting, the pk of the posting it updates)
    org_code = batch_unit(scope, county)
    if not errors:
        updates, cleaned, same = _numbered_updates(cleaned, employers, _updatable_postings(scope, org_code))
        duplicates.extend(same)
        registered = _registered_duplicates(cleaned)
        if registered:
            duplicates.extend(registered)
            rows_registered = {d["row"] for d in registered}
            cleaned = [(n, c) for n, c in cleaned if n not in rows_registered]
    duplicates.sort(key=lambda d: d["row"])
    if duplicates and not skip_duplicates:
        # all or nothing (the default): the duplicates are errors like any other, listed with what they repeat
        error_count += len(duplicates)
        # each kind capped on its own, so a refusal for duplicates alone is told from one with other errors too
        errors = sorted(errors + duplicates[:MAX_STORED_ERRORS], key=lambda e: e["row"] or 0)
    elif duplicates and not errors and not cleaned and not updates:
        errors, error_count = [{"row": None, "column": "", "message": _("文件中每一行都与其他行或已登记的岗位重复，没有可导入的岗位")}], 1
    choice = {"skip_duplicates": skip_duplicates, "duplicate_count": len(duplicates)}
    if errors:
        return _refuse(actor=actor, batch=batch, org_code=org_code, filename=filename, rows_read=rows_read,
                       errors=errors, error_count=error_count, choice=choice)
    # Everything that can be done before the write is done here, outside the transaction (N04: on SQLite a write
    # transaction holds the one write lock, and a login waiting longer than the busy timeout fails): the new
    # employers and every posting row (its occupation read by the classifier) are prepared, then written at once.
    new_orgs: dict[str, dict] = {}
    for _n, clean in cleaned:
        if employers.find(clean) is None:
            key = clean.credit_code or norm_token(clean.employer)
            new_orgs.setdefault(key, _new_employer(clean, county))
    held = not publish and len(cleaned) + len(updates) > CONFIRM_ABOVE
    rows = []
    for _n, clean in cleaned:
        rows.append(_posting_row(clean, None, county, actor=actor, source="import", held=held))
        if lease is not None:
            lease.tick()
    # a held batch's updates wait for its confirmation (fixcr35c): written then, as open (or 待核查 when flagged)
    updated = {pk: _posting_row(clean, None, county, actor=actor, source="import") for _n, clean, pk in updates}
    if lease is not None:
        lease.renew()    # a full lease for the one write transaction (a few bulk inserts)
    outcome = PostingImport.Status.AWAITING if held else PostingImport.Status.COMMITTED
    try:
        batch = _write(actor=actor, batch=batch, org_code=org_code, filename=filename, outcome=outcome,
                       cleaned=cleaned, rows=rows, duplicates=duplicates, choice=choice, employers=employers,
                       new_orgs=new_orgs, warnings=warnings, held=held, updated=updated)
    except IntegrityError:
        # the same postings written meanwhile by another import (two identical uploads at once: the loser's insert
        # clashed on the unique fingerprint and got a 500, badinput14 B03). The write rolled back whole; the rows
        # now registered are answered as duplicates, as if the other import had finished first.
        clashes = _registered_duplicates(cleaned)
        if not clashes:
            raise
        duplicates = sorted(duplicates + clashes, key=lambda d: d["row"])
        choice = {"skip_duplicates": skip_duplicates, "duplicate_count": len(duplicates)}
        return _refuse(actor=actor, batch=batch, org_code=org_code, filename=filename, rows_read=rows_read,
                       errors=duplicates[:MAX_STORED_ERRORS], error_count=len(duplicates), choice=choice)
    return ImportResult(batch, [])


def _employer_conflicts(coded: list[tuple[int, CleanPosting]], employers: EmployerIndex) -> list[dict]:
    """The rows whose 单位名称 is not the name of their credit code's employer: the registered one, or for a code new
    to the registry the name of the file's first row with it. One code is one employer; four companies under one
    code were filed as one employer and published under its name (tryout26 #1)."""
    first: dict[str, tuple[int, CleanPosting]] = {}
    # Session 27 (emp-fix27): one employer, one code — the file's first row giving each name, and a name given with a
    # code new to the registry where the registry (in the account's scope) or an earlier row gives it another
    first_of_name: dict[str, tuple[int, CleanPosting]] = {}
    out = []
    for number, clean in coded:
        owner = employers.other_name(clean)
        message, column = None, COLUMNS["employer"][0]
        if owner is not None:
            message = _other_employer_message(clean, owner)
        elif clean.credit_code not in employers.name_of_code:
            row, earlier = first.setdefault(clean.credit_code, (number, clean))
            if employer_name_key(earlier.employer) != employer_name_key(clean.employer):
                message = _other_employer_message(clean, earlier.employer, row)
            elif (registered := employers.other_code(clean)) is not None:
                message, column = _other_code_message(clean, registered), COLUMNS["credit_code"][0]
            else:
                row, earlier = first_of_name.setdefault(employer_name_key(clean.employer), (number, clean))
                if earlier.credit_code != clean.credit_code:
                    message, column = _other_code_message(clean, earlier.credit_code, row), COLUMNS["credit_code"][0]
        if message is None:
            first_of_name.setdefault(employer_name_key(clean.employer), (number, clean))
        else:
            out.append({"row": number, "column": column, "message": message})
    return out


def _updatable_postings(scope: Scope, unit_code: str) -> QuerySet[Posting]:
    """The postings a sheet may update (fixcr35c): those the importing account manages — the posting list's own
    scoped queryset (`selectors.managed_postings`: `scope.filter`) — and filed under the batch's unit. Another
    county's posting, or another township's of the same county, of the same employer and 编号 is not this sheet's: its
    row is a new posting (two units may each post the employer's job A1; neither overwrites the other's)."""
    return scope.filter(Posting.objects.all()).filter(division_codes.subtree_q(division_codes.significant_prefix(unit_code)))


def _numbered_updates(cleaned: list[tuple[int, CleanPosting]], employers: EmployerIndex, updatable: QuerySet[Posting]
                      ) -> tuple[list[tuple[int, CleanPosting, int]], list[tuple[int, CleanPosting]], list[dict[str, Any]]]:
    """(the rows that update a registered posting, the rest, the rows that repeat one unchanged) — mend35 #5: a row
    of a registered employer whose 编号 one of its postings (not withdrawn) carries updates that posting, however its
    content changed; the same 编号 of another employer is another posting. A row whose content is the posting's own
    is a duplicate, as before; one whose content another posting has is left to `_registered_duplicates`.
    `updatable` (`_updatable_postings`): only those postings are looked up; a match outside it is a new posting."""
    keyed = [(n, c, employers.find(c)) for n, c in cleaned if c.ext_id]
    keys = {(org, c.ext_id) for _n, c, org in keyed if org is not None}
    if not keys:
        return [], cleaned, []
    existing: dict[tuple[int, str], int] = {}
    for org, ext, pk in (updatable.filter(organisation_id__in={o for o, _e in keys}, ext_id__in={e for _o, e in keys})
                         .exclude(status=PostingStatus.WITHDRAWN).order_by("id")
                         .values_list("organisation_id", "ext_id", "pk")):
        existing[(org, ext)] = pk      # the latest posting of that number, should there be several from before
    targets = {n: existing[(org, c.ext_id)] for n, c, org in keyed if org is not None and (org, c.ext_id) in existing}
    if not targets:
        return [], cleaned, []
    prints = dict(Posting.objects.filter(pk__in=targets.values()).values_list("pk", "fingerprint"))
    content = {pk: values for pk, *values in Posting.objects.filter(pk__in=targets.values())
               .values_list("pk", "headcount", "education_min", "age_min", "age_max", "experience_years",
                            "certificates", "wage_text", "shifts", "benefits", "valid_until", "contact_name",
                            "contact_phone")}
    updates: list[tuple[int, CleanPosting, int]] = []
    rest: list[tuple[int, CleanPosting]] = []
    same: list[dict[str, Any]] = []
    for number, clean in cleaned:
        pk = targets.get(number)
        if pk is None:
            rest.append((number, clean))
        elif prints[pk] == clean.fingerprint and content[pk] == [
                clean.headcount, clean.education_min, clean.age_min, clean.age_max, clean.experience_years,
                clean.certificates, clean.wage_text, clean.shifts, clean.benefits, clean.valid_until,
                clean.contact_name, clean.contact_phone]:
            same.append({"row": number, "column": COLUMNS["title"][0], "duplicate_of_posting": pk,
                         "message": _("岗位已登记过（%(org)s 编号%(id)s，内容相同）") % {"org": clean.employer,
                                                                               "id": clean.ext_id}})
        else:
            updates.append((number, clean, pk))
    # an update whose new content is another registered posting's is a duplicate of that one
    taken = _registered_duplicates([(n, c) for n, c, _pk in updates])
    clash = {d["row"] for d in taken if d["duplicate_of_posting"] != targets[d["row"]]}
    return ([u for u in updates if u[0] not in clash], rest,
            same + [d for d in taken if d["row"] in clash])


def _audit_value(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def _update_postings(*, actor: Any, batch: PostingImport, updated: dict[int, dict[str, Any]]) -> None:
    """Write the rows that update registered postings (`_numbered_updates`), each audited with what it changed: its
    content, its status as a new row of the batch would have it (open, held, or 待核查 when flagged), and its batch —
    撤销本批 takes it down with the batch's other postings."""
    if not updated:
        return
    old = {p["pk"]: p for p in Posting.objects.select_for_update().filter(pk__in=updated)
           .values("pk", "status", "batch_id", *UPDATED_FIELDS)}
    now = timezone.now()
    for pk, row in updated.items():
        values = {k: row[k] for k in UPDATED_FIELDS}
        values.update(status=row["status"], batch_id=batch.pk)
        Posting.objects.filter(pk=pk).update(**values, updated_at=now)
        before = old[pk]
        changes = {k: [_audit_value(before[k]), _audit_value(v)] for k, v in values.items()
                   if before[k] != v and k != "fingerprint"}
        audit_record(actor=actor, action="employment.posting.import_update", object_type="employment.posting",
                     object_id=pk, object_repr=row["title"][:200], org_code=row["org_code"],
                     changes={"ext_id": row["ext_id"], "batch": batch.pk, **changes})


def _held_update(row: dict[str, Any]) -> dict[str, Any]:
    """What `_update_postings` writes of `row`, as JSON for `PostingImport.held_updates` (the date as ISO text)."""
    out = {k: row[k] for k in (*UPDATED_FIELDS, "status", "title", "org_code", "ext_id")}
    out["valid_until"] = _audit_value(out["valid_until"])
    return out


def _apply_held_updates(*, actor: Any, batch: PostingImport) -> int:
    """A confirmed batch's held updates (`import_confirm`), written as an unheld batch's are at once. A posting
    withdrawn or taken out of the importer's hands meanwhile is left as it is; the number written is returned."""
    rows = {item["pk"]: dict(item["row"]) for item in batch.held_updates}
    live = set(Posting.objects.filter(pk__in=rows).exclude(status=PostingStatus.WITHDRAWN).values_list("pk", flat=True))
    updated = {}
    for pk, row in rows.items():
        if pk in live:
            row["valid_until"] = dt.date.fromisoformat(row["valid_until"]) if row["valid_until"] else None
            updated[pk] = row
    _update_postings(actor=actor, batch=batch, updated=updated)
    return len(updated)


def _registered_duplicates(cleaned: list[tuple[int, CleanPosting]]) -> list[dict]:
    """The rows whose posting is already registered, each as a duplicate error naming the posting it repeats."""
    prints = [c.fingerprint for _n, c in cleaned]
    existing: dict[str, int] = {}
    for i in range(0, len(prints), 900):
        existing.update(Posting.objects.filter(fingerprint__in=prints[i:i + 900]).order_by("pk")
                        .values_list("fingerprint", "pk"))
    return [{"row": number, "column": COLUMNS["title"][0], "duplicate_of_posting": existing[clean.fingerprint],
             "message": _("岗位已登记过（%(org)s %(title)s）") % {"org": clean.employer, "title": clean.title}}
            for number, clean in cleaned if clean.fingerprint in existing]


def _refuse(*, actor, batch: PostingImport | None, org_code: str, filename: str, rows_read: int, errors: list[dict],
            error_count: int, choice: dict) -> ImportResult:
    """Record the refusal: a failed batch (or the claimed one failed) with its errors, audited; nothing else."""
    with transaction.atomic():
        if batch is None:
            batch = PostingImport.objects.create(org_code=org_code, original_name=filename[:255],
                                                 status=PostingImport.Status.FAILED,
                                                 total_rows=rows_read, errors=errors,
                                                 created_by=actor, **choice)
        else:
            _finish_claimed(batch, status=PostingImport.Status.FAILED, total_rows=rows_read,
                            errors=errors, **choice)
        audit_record(actor=actor, action="employment.posting.import_failed", obj=batch,
                     changes={"errors": error_count, **choice})
    return ImportResult(batch, errors)


def _write(*, actor, batch: PostingImport | None, org_code: str, filename: str, outcome: str,
           cleaned: list[tuple[int, CleanPosting]], rows: list[dict], duplicates: list[dict], choice: dict,
           employers: EmployerIndex, new_orgs: dict[str, dict], warnings: list[dict], held: bool,
           updated: dict[int, dict[str, Any]] | None = None) -> PostingImport:
    """The one write transaction of an import: the batch, its new employers and postings, the postings it updates
    (the same employer and 编号, mend35 #5), the audit records."""
    updated = updated or {}
    flagged = sum(1 for r in rows if r["flags"]) + sum(1 for r in updated.values() if r["flags"])
    total = len(cleaned) + len(updated)
    with transaction.atomic():
        skipped = duplicates[:MAX_STORED_ERRORS]
        if batch is None:
            batch = PostingImport.objects.create(org_code=org_code, original_name=filename[:255],
                                                 status=outcome, total_rows=total, created_by=actor,
                                                 skipped=skipped, **choice)
        else:
            _finish_claimed(batch, status=outcome, total_rows=total, skipped=skipped, errors=[], **choice)
        if new_orgs:
            keys = list(new_orgs)
            pks = bulk.insert(Organisation, [new_orgs[k] for k in keys])
            for key, pk in zip(keys, pks, strict=True):
                row = new_orgs[key]
                if row["credit_code"]:
                    employers.by_code[row["credit_code"]] = pk
                employers.by_name.setdefault(norm_token(row["name"]), pk)
        for row, (_n, clean) in zip(rows, cleaned, strict=True):
            row["organisation_id"], row["batch_id"] = employers.find(clean), batch.pk
        bulk.insert(Posting, rows)
        if held:
            held_updates = [{"pk": pk, "row": _held_update(row)} for pk, row in updated.items()]
        else:
            held_updates = []
            _update_postings(actor=actor, batch=batch, updated=updated)
        _postings_written()
        PostingImport.objects.filter(pk=batch.pk).update(created_count=len(rows), employers_created=len(new_orgs),
                                                         updated_count=len(updated), flagged_count=flagged,
                                                         warnings=warnings, held_updates=held_updates)
        audit_record(actor=actor, action="employment.posting.import", obj=batch,
                     changes={"postings": len(rows), "updated": len(updated), "employers": len(new_orgs),
                              "flagged": flagged,
                              "warnings": len(warnings), "held": held, **choice,
                              "skipped_rows": [d["row"] for d in skipped]})
    batch.refresh_from_db()
    return batch


def _finish_claimed(batch: PostingImport, **values) -> None:
    """Write a claimed batch's outcome only while the claim is still its worker's (else roll back). updated_at is when
    the batch moved: the 30-day purge of failed batches counts from it (`importjobs.import_purge_failed`)."""
    done = PostingImport.objects.filter(pk=batch.pk, status=PostingImport.Status.COMMITTING,
                                        worker=batch.worker).update(worker="", lease_until=None,
                                                                    updated_at=timezone.now(), **values)
    if not done:
        raise ConflictError(_("该批次的导入已被重新开始或放弃，本次导入未写入任何数据。"), code="claim_lost")


def import_get(*, user, pk: int) -> PostingImport:
    scope = access.manage_scope(user)
    batch = scope.filter(PostingImport.objects.all()).filter(pk=pk).first()
    if batch is None:
        raise NotFoundError(_("找不到该导入记录。"))
    return batch


# ---------------------------------------------------------------- a held batch: its notice, confirm, withdraw
# One home for the web page, the API and the command (session 13): each calls these, none words them again.


def held_message(batch: PostingImport, *, confirm_how: str = "", withdraw_how: str = "") -> str:
    """The 待确认 notice of a held batch, in the words every entry point shows. `confirm_how` / `withdraw_how` say how
    to act where the reader is (the API's endpoints; nothing on the web page, whose buttons sit under it)."""
    return _("本批共 %(n)d 个岗位，超过 %(max)d 个，已校验并写入但尚未公开：上传人确认发布%(confirm)s后公开；"
             "如有问题，本单位的管理人员可以撤销本批%(withdraw)s。") % {
        "n": batch.created_count, "max": CONFIRM_ABOVE, "confirm": confirm_how, "withdraw": withdraw_how}


def may_confirm(actor, batch: PostingImport) -> bool:
    """Whether `actor` is the one who confirms this batch (its uploader; anyone managing its unit when none is on
    record). The batch page offers 确认发布 only to them; managing the unit is checked by `import_confirm`."""
    return batch.created_by_id is None or batch.created_by_id == getattr(actor, "pk", None)


def import_confirm(*, actor, batch: PostingImport) -> PostingImport:
    """确认发布: a held batch's postings go public (open, or 待核查 where the discrimination check flagged them). Only
    the uploader confirms — the hold is there for them to look at what they sent; anyone who manages the batch's unit
    may withdraw it instead (a batch with no uploader on record: any of them)."""
    access.require_manage(actor, batch.org_code)
    if not may_confirm(actor, batch):
        raise PermissionDeniedError(_("只有上传该批次的人可以确认发布；如需下架，可以撤销本批。"))
    with transaction.atomic():
        moved = PostingImport.objects.filter(pk=batch.pk, status=PostingImport.Status.AWAITING).update(status=PostingImport.Status.COMMITTED)
        if not moved:
            batch.refresh_from_db()
            raise ConflictError(_("该批次当前为“%(s)s”，不需要确认。") % {"s": batch.get_status_display()},
                                code="invalid_transition")
        held = Posting.objects.filter(batch_id=batch.pk, status=PostingStatus.PENDING)
        opened = held.filter(flags=[]).update(status=PostingStatus.OPEN, updated_at=timezone.now())
        flagged = held.update(status=PostingStatus.FLAGGED, updated_at=timezone.now())
        # the registered postings it updates change only now (fixcr35c), each going open or 待核查 as its row says
        batch.refresh_from_db()
        updated = _apply_held_updates(actor=actor, batch=batch)
        # "updated" only for a batch that had updates held (the record of one without stays as it was)
        audit_record(actor=actor, action="employment.posting.import_confirm", obj=batch,
                     changes={"open": opened, "flagged": flagged, **({"updated": updated} if batch.held_updates else {})})
        _postings_written()
    batch.refresh_from_db()
    return batch


def import_withdraw(*, actor, batch: PostingImport) -> PostingImport:
    """撤销本批: every posting of a held or imported batch is taken off the board (已下架) and the batch is 已撤销.
    The employers it registered stay. A withdrawn posting's duplicate fingerprint is released, so the corrected
    file can be uploaded again."""
    access.require_manage(actor, batch.org_code)
    with transaction.atomic():
        old = PostingImport.objects.filter(pk=batch.pk).values_list("status", flat=True).first()
        moved = PostingImport.objects.filter(pk=batch.pk, status__in=[PostingImport.Status.AWAITING, PostingImport.Status.COMMITTED]).update(
            status=PostingImport.Status.WITHDRAWN)
        if not moved:
            batch.refresh_from_db()
            raise ConflictError(_("该批次当前为“%(s)s”，不能撤销。") % {"s": batch.get_status_display()},
                                code="invalid_transition")
        withdrawn = Posting.objects.filter(batch_id=batch.pk).exclude(status=PostingStatus.WITHDRAWN).update(
            status=PostingStatus.WITHDRAWN, updated_at=timezone.now())
        # every fingerprint of the batch is released, a posting withdrawn on its own before included (diff review D7)
        Posting.objects.filter(batch_id=batch.pk).exclude(fingerprint__startswith="withdrawn-").update(
            fingerprint=Concat(Value(f"withdrawn-{batch.pk}-"), Cast("pk", output_field=CharField())))
        audit_record(actor=actor, action="employment.posting.import_withdraw", obj=batch,
                     changes={"from": old, "withdrawn": withdrawn})
        _postings_written()
    batch.refresh_from_db()
    return batch
