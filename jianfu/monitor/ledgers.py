"""What each ledger holds, field by field — one declaration read by the web form, the xlsx import and
template, the API and the validation, so the four never disagree.

`clean_fields(kind, raw)` turns user input (form strings, xlsx cells, JSON values) into typed values
or raises an `ApplicationError` naming the field and the reason in Chinese. Who may write which
row (issuer, target unit) is decided in services, not here."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core.errors import ApplicationError
from jianfu.core.text import clean_line, misplaced_comma, without_invisible, without_thousands
from jianfu.monitor.models import (
    ActivityKind,
    DemandKind,
    DocumentKind,
    LedgerKind,
    MeetingKind,
    PlaquePlacement,
    PlaqueStatus,
)

EARLIEST = dt.date(2000, 1, 1)
MAX_INT = 1_000_000
LEVELS = {"province": "省级", "prefecture": "市级", "county": "县级", "town": "乡镇级", "village": "村级"}


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    type: str = "str"          # str | text | int | bool | choice | date
    required: bool = False
    max_length: int = 200
    maximum: int = MAX_INT
    minimum: int = 0           # ints only; a count may be 0, a meeting's length may not (U18: 0 min counted 60)
    choices: tuple[tuple[str, str], ...] = ()
    help: str = ""
    aliases: tuple[str, ...] = ()  # earlier column headers an import still accepts (old templates)
    blank: str = ""            # a choice left empty: what the form's empty option says it stands for (kept None)


# numbers stored as 0 when the cell was left empty, where 0 itself is no answer anyone gives (a meeting's main speech
# of 0 minutes): shown as "未填" on the row's page and left empty in its form (newuser21 #11)
UNSET_WHEN_ZERO = frozenset({"speech_minutes"})


def _choices(tc) -> tuple[tuple[str, str], ...]:
    return tuple((value, str(label)) for value, label in tc.choices)


COMMON = (
    FieldSpec("date", "日期", "date", required=True),
    FieldSpec("title", "名称", required=True),
    # words a village cadre uses: who asked, and who was asked (formerly 造成单位 / 承受单位, still read in imports)
    FieldSpec("issuer", "提出要求的单位", required=False, max_length=100,
              help="谁要求的：发文、开会、检查、要材料的单位，填名称或代码（可从列表中选），如 住房和城乡建设局；"
                   "部门填报时固定为本部门", aliases=("造成单位",)),
    FieldSpec("target", "被要求的单位", required=False, max_length=100,
              help="要求谁来做：县、乡镇或村（社区）的名称或代码（可从列表中选）；默认为填报账号所在单位（部门为本县）",
              aliases=("承受单位",)),
    FieldSpec("note", "备注", "text", max_length=2000),
)

SPECIFIC: dict[str, tuple[FieldSpec, ...]] = {
    LedgerKind.DOCUMENT: (
        FieldSpec("doc_kind", "文件类型", "choice", choices=_choices(DocumentKind)),
        FieldSpec("length", "字数", "int", help="上传文件时按正文自动计算"),
        FieldSpec("review", "一致性评估记录编号", "int", maximum=2**31 - 1),
        FieldSpec("asks_report_back", "要求报送贯彻落实情况", "bool"),
    ),
    LedgerKind.MEETING: (
        FieldSpec("meeting_kind", "会议类型", "choice", choices=_choices(MeetingKind)),
        # mend33 #2: a meeting called by 曲樟乡 was saved as 县级 unless the cadre noticed the preset choice; left empty,
        # the level is the issuer's (services._build: a township issuer's meeting is 乡镇级)
        FieldSpec("level", "会议层级", "choice", choices=tuple(LEVELS.items()),
                  blank="提出要求的单位的层级（乡镇召开的为乡镇级）"),
        FieldSpec("duration_minutes", "会议时长（分钟）", "int", required=True, minimum=1, maximum=60 * 24 * 7),
        FieldSpec("speech_minutes", "主要讲话时长（分钟）", "int", maximum=60 * 24),
        FieldSpec("convened_by_deputy", "分管负责同志召集", "bool"),
        FieldSpec("township_heads_required", "要求乡镇主要负责同志参加", "bool"),
        FieldSpec("village_secretaries_required", "要求村（社区）书记参加", "bool"),
        FieldSpec("relayed", "层层陪会", "bool"),
        FieldSpec("by_video", "视频会议", "bool"),
    ),
    LedgerKind.INSPECTION: (
        FieldSpec("in_annual_plan", "列入年度计划", "bool"),
        FieldSpec("filing_no", "备案号", max_length=60),
        FieldSpec("comprehensive", "综合性督查检查考核", "bool"),
        FieldSpec("emergency", "安全生产或自然灾害防治类", "bool"),
        FieldSpec("onsite_visits", "实地督查次数", "int", maximum=1000),
        FieldSpec("forms_demanded", "要求填报表格数", "int", maximum=10000),
        FieldSpec("photos_demanded", "要求提供照片数", "int", maximum=10000),
        FieldSpec("ledgers_demanded", "要求提供台账数", "int", maximum=10000),
        FieldSpec("demanded_from", "材料要求对象", max_length=100),
    ),
    LedgerKind.APP: (
        FieldSpec("filing_no", "备案编号", max_length=60),
        FieldSpec("grassroots_facing", "面向基层使用", "bool"),
        FieldSpec("in_use", "仍在使用", "bool"),
        FieldSpec("check_in", "打卡签到", "bool"),
        FieldSpec("points", "积分", "bool"),
        FieldSpec("ranking", "排名通报", "bool"),
        FieldSpec("online_time", "在线时长", "bool"),
        FieldSpec("download_target", "下载率/安装率考核", "bool"),
        FieldSpec("repeat_filling", "重复填报", "bool"),
    ),
    LedgerKind.SECONDMENT: (
        FieldSpec("from_unit", "借出单位", required=True, max_length=100, help="单位代码或全称"),
        FieldSpec("people", "人数", "int", maximum=1000),
        FieldSpec("months", "借调时长（月）", "int", required=True, maximum=120),
        FieldSpec("approved", "已履行审批", "bool"),
    ),
    LedgerKind.PLAQUE: (
        FieldSpec("placement", "位置", "choice", required=True, choices=_choices(PlaquePlacement)),
        FieldSpec("status", "状态", "choice", choices=_choices(PlaqueStatus)),
    ),
    LedgerKind.ACTIVITY: (
        FieldSpec("activity_kind", "活动类型", "choice", required=True, choices=_choices(ActivityKind)),
        FieldSpec("approved", "已经批准", "bool"),
        FieldSpec("approval_no", "批准文号", max_length=60),
        FieldSpec("fees_yuan", "收费或摊派（元）", "int", maximum=10**9),
    ),
    LedgerKind.DEMAND: (
        FieldSpec("demand_kind", "类型", "choice", required=True, choices=_choices(DemandKind)),
        FieldSpec("in_access_list", "列入准入清单或保留证明事项清单", "bool"),
        FieldSpec("times", "次数", "int", maximum=10000),
    ),
}

DEFAULTS = {"in_use": True, "grassroots_facing": True, "people": 1, "times": 1, "status": "kept",
            "doc_kind": "general", "meeting_kind": "business"}


def fields_of(kind: str) -> tuple[FieldSpec, ...]:
    if kind not in SPECIFIC:
        raise ApplicationError(_("未知的台账类型“%(k)s”。") % {"k": kind}, code="unknown_ledger", field="kind")
    return COMMON + SPECIFIC[kind]


def offered(spec: FieldSpec) -> tuple[str, ...]:
    """The values a template's drop-down offers for a column: a choice's labels, 是/否; none for other types."""
    if spec.type == "choice":
        return tuple(label for _k, label in spec.choices)
    if spec.type == "bool":
        return (_("是"), _("否"))
    return ()


def blank_means(spec: FieldSpec) -> str:
    """What an empty cell of an optional column is stored as, as `clean_fields` fills it in ("" when nothing
    worth saying: text left empty, a count left 0, a unit defaulted by the service)."""
    if spec.type == "choice":
        if spec.blank:
            return spec.blank
        key = DEFAULTS.get(spec.name) or spec.choices[0][0]
        return dict(spec.choices)[key]
    if spec.type == "bool":
        return _("是") if DEFAULTS.get(spec.name, False) else _("否")
    if spec.type == "int" and spec.name in DEFAULTS:  # other numbers left empty are 0 or 未填, as one would guess
        return str(DEFAULTS[spec.name])
    return ""


def instruction(spec: FieldSpec) -> str:
    """A column's line in the template's 填写说明, written from the same spec `clean_value` checks a cell against
    (its minimum, maximum, length, choices), so the guide cannot say what the import refuses (newuser27 #6)."""
    if spec.type == "int":
        rule = _("整数，不小于 %(min)d、不超过 %(max)d") % {"min": max(spec.minimum, 0), "max": spec.maximum}
    elif spec.type == "choice":
        rule = _("从下拉列表中选：%(c)s") % {"c": "、".join(offered(spec))}
    elif spec.type == "bool":
        rule = _("从下拉列表中选“是”或“否”")
    elif spec.type == "date":
        rule = _("如 2025-03-18，不早于 %(y)d 年 %(m)d 月 %(d)d 日、不晚于今天") % {
            "y": EARLIEST.year, "m": EARLIEST.month, "d": EARLIEST.day}
    elif spec.type == "text":
        rule = _("不超过 %(n)d 个字，可换行") % {"n": spec.max_length}
    else:
        rule = _("不超过 %(n)d 个字，不能换行") % {"n": spec.max_length}
    parts = [rule]
    if not spec.required and (blank := blank_means(spec)):
        parts.append(_("留空按“%(v)s”") % {"v": blank})
    if spec.help:
        parts.append(spec.help)
    return "；".join(parts)


# ----------------------------------------------------------------------------------- cleaning

_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!]|javascript\s*:|\bon[a-z]+\s*=", re.IGNORECASE)
_TRUE = {"1", "true", "yes", "y", "on", "是", "有", "√", "✓"}
_FALSE = {"0", "false", "no", "n", "off", "否", "无", "", "×"}


def clean_text(value, spec: FieldSpec) -> str:
    if isinstance(value, bool | list | dict | tuple):  # a JSON body's true, [..] or {..}: not text (a number is)
        raise _err(spec, _("应为文字"))
    text = "" if value is None else str(value)
    # the one clean-text rule of every input (`jianfu.core.text.clean_text`, as the direct line's `strip_controls`):
    # control characters the typist cannot see are removed, not refused (newuser27 #9: "含有不可见的控制字符" left
    # nothing to delete); a vertical tab or form feed is a line end in a text, a space in a one-line field; CRLF
    # (a browser's textarea) one line end; format characters (zero-width space, BOM, bidi overrides…) out (B11)
    if spec.type != "text":
        text = clean_line(text)
    text = unicodedata.normalize("NFC", without_invisible(text, keep="\n\t")).strip()
    if spec.type != "text" and "\n" in text:
        raise _err(spec, _("不能换行"))
    if _MARKUP.search(text):
        raise _err(spec, _("不得包含网页代码或脚本（如 <script>、javascript:）"))
    if len(text) > spec.max_length:
        raise _err(spec, _("不能超过 %(n)d 个字") % {"n": spec.max_length})
    return text


def _err(spec: FieldSpec, reason: str, *, typed=None, said: str = "") -> ApplicationError:
    """A field's error, "“label”reason。" on a form (the box is beside it); with `typed` (the value as typed) the
    import's line quotes that value instead of the label (details["cell"]: "“typed”said。", `said` defaulting to
    the reason), the row and the column named before it (newuser22 #4: one shape for every ledger's import)."""
    details = {}
    if typed is not None and (shown := _shown(typed)):
        details["cell"] = _("“%(v)s”%(reason)s。") % {"v": shown, "reason": said or reason}
    return ApplicationError(_("“%(label)s”%(reason)s。") % {"label": spec.label, "reason": reason},
                            code="invalid", field=spec.name, details=details)


def _shown(value) -> str:
    """A typed cell as its error quotes it: a date as 2026-12-06, a long value cut to 20 characters."""
    if isinstance(value, dt.datetime) and not (value.hour or value.minute or value.second):
        value = value.date()
    text = " ".join(str(value).split())
    return text if len(text) <= 20 else text[:20] + "…"


def _as_example() -> str:
    return timezone.localdate().isoformat()


def clean_value(spec: FieldSpec, value):
    if spec.type in ("str", "text"):
        text = clean_text(value, spec)
        if spec.required and not text:
            raise _err(spec, _("不能为空"))
        return text
    if value is None or (isinstance(value, str) and not value.strip()):
        if spec.required:
            raise _err(spec, _("不能为空"))
        return None
    if spec.type == "int":
        typed = value
        if isinstance(value, bool):
            raise _err(spec, _("应为整数"), typed=typed, said=_("不是整数"))
        if isinstance(value, float):
            if not value.is_integer():
                raise _err(spec, _("应为整数"), typed=typed, said=_("不是整数"))
            value = int(value)
        if isinstance(value, str):
            stripped = without_invisible(value, keep="").strip()
            text = without_thousands(stripped)
            if text is None:     # "1,5" or "1,2,3": no reader may guess which figure was meant
                raise _err(spec, misplaced_comma(stripped, _), typed=typed, said=_("逗号位置不对"))
            if not re.fullmatch(r"[+-]?\d+", text):
                raise _err(spec, _("应为整数，收到“%(v)s”") % {"v": text[:20]}, typed=typed, said=_("不是整数"))
            digits = text.lstrip("+-").lstrip("0")
            if len(digits) > 18:  # int() refuses past 4,300 digits; no count here has 19 (leading zeros aside)
                raise _err(spec, _("不能为负数") if text.startswith("-") else _("不能超过 %(n)d") % {"n": spec.maximum},
                           typed=typed)
            text = (text[0] if text[0] in "+-" else "") + (digits or "0")
            value = int(text)
        if not isinstance(value, int):
            raise _err(spec, _("应为整数"), typed=typed, said=_("不是整数"))
        if value < 0:
            raise _err(spec, _("不能为负数"), typed=typed)
        if value < spec.minimum:
            raise _err(spec, _("不能少于 %(n)d") % {"n": spec.minimum}, typed=typed)
        if value > spec.maximum:
            raise _err(spec, _("不能超过 %(n)d") % {"n": spec.maximum}, typed=typed)
        return value
    if spec.type == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, int | float):
            return bool(value)
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise _err(spec, _("应填“是”或“否”"), typed=value, said=_("不是可选的值，应填“是”或“否”"))
    if spec.type == "choice":
        text = str(value).strip()
        for key, label in spec.choices:
            if text in (key, label):
                return key
        choices = "、".join(label for _k, label in spec.choices)
        raise _err(spec, _("应为以下之一：%(c)s") % {"c": choices}, typed=text,
                   said=_("不是可选的值，应为以下之一：%(c)s") % {"c": choices})
    if spec.type == "date":
        return clean_date(spec, value)
    raise AssertionError(spec.type)


def clean_date(spec: FieldSpec, value) -> dt.date:
    typed = value
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        text = value.strip().replace("/", "-").replace(".", "-")
        match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text) or \
            re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", text)
        if not match:
            raise _err(spec, _("应为日期，如 2025-03-18"), typed=typed,
                       said=_("不是日期（应为 %(d)s 这样的形式）") % {"d": _as_example()})
        try:
            value = dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError as exc:
            raise _err(spec, _("不是有效的日期"), typed=typed,
                       said=_("不是有效的日期（应为 %(d)s 这样的形式）") % {"d": _as_example()}) from exc
    if not isinstance(value, dt.date):
        raise _err(spec, _("应为日期，如 2025-03-18"), typed=typed,
                   said=_("不是日期（应为 %(d)s 这样的形式）") % {"d": _as_example()})
    if value < EARLIEST:
        raise _err(spec, _("不能早于 2000 年 1 月 1 日"), typed=typed)
    if value > timezone.localdate():
        raise _err(spec, _("不能晚于今天"), typed=typed)
    return value


def clean_fields(kind: str, raw: dict, *, partial: bool = False) -> dict:
    """Typed values of every field of `kind` present in `raw` (all fields unless `partial`). Every
    field's error at once (a form that told one error per submit took three submits): the message names
    them all, `details["fields"]` maps each field to its own."""
    out = {}
    errors: dict[str, str] = {}
    cells: dict[str, str] = {}   # an import's line for a field whose typed value is quoted (`_err`)
    for spec in fields_of(kind):
        if partial and spec.name not in raw:
            continue
        try:
            value = clean_value(spec, raw.get(spec.name))
        except ApplicationError as exc:
            errors[exc.field or spec.name] = exc.message
            if "cell" in exc.details:
                cells[exc.field or spec.name] = exc.details["cell"]
            continue
        if value is None:
            value = DEFAULTS.get(spec.name, False if spec.type == "bool" else (0 if spec.type == "int" else None))
        out[spec.name] = value
    if errors:
        raise ApplicationError("".join(errors.values()), code="invalid", field=next(iter(errors)),
                               details={"fields": errors, "cells": cells})
    for spec in fields_of(kind):
        if spec.type == "choice" and out.get(spec.name) is None and not partial and not spec.blank:
            out[spec.name] = DEFAULTS.get(spec.name) or spec.choices[0][0]
    return out
