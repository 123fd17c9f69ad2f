"""What internal names are called on screen (issue 11.6): audit actions, changed fields and their values.

One registry for every app, new ones included:
- an app may declare `ACTION_LABELS = {"dispatch.event.dispatch": "派发事件", …}` and
  `FIELD_LABELS = {"registry.person": {"phone": "联系电话", …}}` in its `labels.py` (found like nav.py);
- otherwise an action `<app>.<noun>.<verb>` is named from VERBS and NOUNS below (or the noun's model
  verbose name), a field from its model field's verbose name, a value from the field's choices.
Nothing internal is shown when a label exists; an unknown name is shown as it is (and a test lists the
actions the code writes, so a new one without a label fails).

What an audit record is about is named by `object_label` (an app's `OBJECT_NAMERS = {object type: namer}`: a
report by its village, period and form rather than "… 450521200206 202611"), who did it by `actor_label`, and an
object's own item names (a report's form items) by an app's `ITEM_NAMERS` (newuser24 #1). A namer never queries:
it asks `lookup(kind, key)`, and an app's `NAME_FETCHERS = {kind: fetch(keys)}` finds a set of keys in one query, so
the audit log's page (`audit_rows`) is named in the same number of queries for 2 records or 50 (audit-merge24).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field, Model
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _l

VERBS = {
    "create": "新建", "update": "修改", "delete": "删除", "save": "保存", "import": "导入", "upload": "上传",
    "export": "导出", "report": "上报", "dispatch": "派发", "accept": "签收", "start": "开始办理", "resolve": "处理",
    "return": "退回", "merge": "合并", "reopen": "重办", "feedback": "评价", "close": "关闭", "submit": "提交",
    "approve": "审核通过", "fill": "填报", "generate": "生成", "publish": "发布", "load": "载入", "load_yaml": "载入",
    "issue": "签发", "disable": "停用", "enable": "启用", "password": "修改密码", "rename": "更名", "retire": "撤销",
    "commit": "入库", "commit_request": "申请入库", "discard": "放弃", "recover": "恢复", "rejected_export": "下载被拒绝的行",
    "define": "定义", "deactivate": "停用", "rotate": "轮换", "reveal": "查看明文", "member": "调整成员", "blow": "吹哨",
    "checkin": "报到", "part": "参与", "toggle": "启用或停用", "set_active": "启用或停用", "remind": "提醒",
    "escalate_town": "升级至乡镇督办", "escalate_county": "升级至县督办", "whistle_overdue": "超期自动吹哨",
    "rate_department": "评价部门", "duplicate_dismiss": "排除疑似重复", "notify_settings": "设置通知",
    "create_draft": "新建草稿", "attach_form": "上传部门原表", "reseal": "重新封存", "extend": "延期",
    "extension_request": "申请延期", "extension_approve": "批准延期", "extension_refuse": "驳回延期",
    "transfer": "转派", "assist": "协办", "contact_reveal": "查看联系方式", "rate": "评价", "revise": "修订",
    "shared_update": "随共用数据更新",
}
NOUNS = {
    "event": "事件", "catalogue": "职责清单", "matter": "事项", "deadline": "期限", "whistle": "吹哨",
    "department": "部门", "person": "人员", "household": "户", "organisation": "单位", "import": "台账导入",
    "mapping": "列对应", "attribute": "自定义属性", "conflict": "导入冲突", "keys": "加密密钥",
    "submission": "报表", "template": "报表模板", "forms": "报表目录", "rule": "审查规则", "user": "账号",
    "token": "接口令牌", "unit": "单位", "grid": "网格", "divisions": "区划代码", "audit": "审计链",
    "task_failure": "后台任务", "document": "送审文件",
    ("registry", "review"): "疑似重复核对", ("review", "review"): "文件审查",
}
# Keys that audit records' changes use across apps, where no model field names them.
COMMON_FIELDS = {
    "mode": "方式", "rows": "行数", "file": "文件", "created": "新增", "merged": "合并", "conflicts": "冲突",
    "reviews": "待核对", "skipped": "未入库", "households_created": "新建户数", "columns": "列对应",
    "from": "原状态", "to": "新状态", "worker": "处理进程", "reason": "原因", "note": "说明", "cleared": "清除的登录失败记录", "score": "评分",
    "comment": "评价意见", "department_code": "承办部门", "matter_code": "事项", "status": "状态",
    "records": "记录数", "legacy_breaks": "原链断点", "active": "启用", "name": "名称", "count": "数量",
    "resolution": "办理结果", "into": "合并到", "period": "报告期", "template": "报表模板", "fields": "字段",
    "org_code": "单位", "code": "代码", "role": "角色", "username": "账号", "version": "版本", "number": "编号",
    # newuser18 #5: the keys the audit log still showed in English (按规则核查台账, 提交文件审查)
    "rules": _l("规则数"), "added": _l("新增"), "removed": _l("移除"), "updated": _l("更新"),
    "document": _l("送审文件"), "findings": _l("问题数"), "reference": _l("参照文件"),
    # newuser21b #2: the keys the audit log still showed in English (dispatch, registry conflicts, postings, notices)
    "issuer": _l("发文单位"), "department": _l("承办部门"), "matter": _l("事项"), "confidence": _l("置信度"),
    "photos": _l("照片数"), "client": _l("接入方"), "field": _l("字段"), "take_incoming": _l("采用台账值"),
    "postings": _l("岗位数"), "employers": _l("新增单位数"), "flagged": _l("待核查岗位数"), "open": _l("在招"),
    "duplicate_count": _l("重复条数"), "skip_duplicates": _l("跳过重复"), "notice": _l("通报"), "category": _l("类别"),
    "place": _l("地点"), "rectification": _l("整改情况"),
    # e2e22: registry.generate's summary (synthetic people for a county)
    "county": _l("县"), "persons": _l("人员数"), "households": _l("户数"), "organisations": _l("单位数"),
    "villages": _l("村数"), "seconds": _l("用时（秒）"), "seed": _l("随机种子"),
    # newuser23 #5: every key an audit call writes has a label (tests/test_labels.py collects them from the code)
    "amount": _l("金额"), "batch": _l("批次"), "batches": _l("导入批次"), "bound_cells": _l("关联单元格数"),
    "cases": _l("案例数"), "cells": _l("单元格数"), "certificates": _l("证书"), "check": _l("核查项"),
    "choices": _l("可选值"), "clause": _l("条款序号"), "closed": _l("已关闭"), "codes": _l("代码对应"),
    "conclusion": _l("结论"), "constants": _l("固定值"), "copied_from": _l("复制自"), "counts": _l("各类数量"),
    "credit_code": _l("统一社会信用代码"), "current_key": _l("当前密钥"), "date": _l("日期"),
    "decision": _l("处理决定"), "definition": _l("定义"), "departments": _l("部门数"), "desired": _l("求职意向"),
    "digest": _l("摘要值"), "due_date": _l("报送期限"), "duplicates": _l("重复条数"), "effective": _l("生效日期"),
    "effective_from": _l("生效日期"), "elements": _l("数据项"), "email": _l("邮件通知"),
    "employment_status": _l("就业状态"), "enabled": _l("启用"), "error": _l("错误"), "errors": _l("错误数"),
    "explained": _l("已说明"), "findings_removed": _l("移除的问题数"), "fingerprint": _l("密钥指纹"),
    "flags": _l("标记"), "from_submission": _l("来源报表"), "groups": _l("帮扶类别"), "handler": _l("经办人"),
    "handlers": _l("经办人数"), "head": _l("户主"), "held": _l("暂存数"), "hired_at": _l("录用岗位"),
    "hours": _l("小时数"), "id_number": _l("身份证号"),
    "ext_id": _l("单位岗位编号"), "ids": _l("事件数"), "is_active": _l("启用"), "key": _l("属性键"), "key_person": _l("帮扶对象"),
    "key_prefix": _l("密钥前缀"), "kind": _l("类别"), "label": _l("显示名称"), "late": _l("逾期"),
    "limits": _l("限额"), "matters": _l("事项数"), "moved": _l("迁移数"), "needs": _l("需求"), "new": _l("新值"),
    "notices": _l("通报数"), "occupation": _l("职业"), "old": _l("原值"), "on": _l("日期"),
    "on_time": _l("按时"), "other": _l("另一事件"), "outcome": _l("结果"), "people": _l("人数"),
    "person": _l("人员"), "person_id": _l("人员"), "photo": _l("照片"), "places": _l("名额"), "posting": _l("岗位"),
    "questions": _l("待核对问题数"), "refused_by": _l("拒绝方"), "reinvite": _l("重新邀请"),
    "relation": _l("与户主关系"), "relation_to_head": _l("与户主关系"), "renamed": _l("更名数"),
    "reports": _l("反映件数"), "resealed": _l("重新加密件数"), "rest": _l("其余条数"), "review": _l("审查编号"),
    "rule": _l("规则"), "rule_id": _l("审查规则"), "skipped_rows": _l("跳过行数"), "slot": _l("时段"),
    "sms": _l("短信通知"), "source": _l("来源"), "source_ref": _l("来源编号"), "summons": _l("吹哨报到"),
    "tasks_closed": _l("完成的走访任务数"), "threshold": _l("阈值"), "title": _l("标题"),
    "token_prefix": _l("令牌前缀"), "total": _l("总数"), "type": _l("类型"), "unchanged": _l("未变数"),
    "urgency": _l("紧急程度"), "user": _l("账号"), "violations": _l("校验问题数"), "warnings": _l("提示数"),
    "webhook": _l("回调通知"), "whistle": _l("吹哨"), "withdrawn": _l("撤下数"),
    # newuser24 #1: a direct-line report turned into a finding named it by its number alone (finding：324)
    "finding": _l("减负问题"), "found": _l("命中的人员记录"), "comments": _l("填写了说明的校验规则"), "categories": _l("类别数"),
    "templates": _l("报表模板数"), "cancelled": _l("取消数"), "escalated": _l("升级数"),
}
# keys that hold a list (of two, sometimes): never read as "old → new" (吹哨 showed 部门数：住建局 → 交通局), with
# their label when a list (departments is a count elsewhere)
LIST_KEYS = {"departments": _l("部门"), "groups": None, "places": None, "limits": None, "certificates": None,
             "needs": None, "comments": None, "skipped_rows": None}
# keys never shown: a direct-line report's internal id (source_ref, a random hex string that names nothing to the
# auditor: the report is named by the record of its own to_finding action). Key fingerprints, key and token prefixes
# and a loaded file's digest stay — they are what an auditor compares with the key or file in hand (newuser24 #1).
HIDDEN_FIELDS = frozenset({"source_ref"})
# values some of those keys hold as codes (how an event was routed; which rows an import took)
COMMON_VALUES = {
    ("mode", "catalogue"): _l("按职责清单"), ("mode", "learned"): _l("按历史工单"), ("mode", "hybrid"): _l("综合判断"),
    ("mode", "manual"): _l("人工"), ("mode", "all"): _l("全部行"), ("mode", "valid_only"): _l("仅无误的行"),
    # which number a reveal showed (core.pii: changes={"field": …}); the audit log said 字段：id_number (e2e22)
    ("field", "id_number"): _l("身份证号"), ("field", "phone"): _l("联系电话"),
    ("field", "reporter_contact"): _l("上报人联系方式"),
    # newuser23 #5: the matter the reporter chose (Open311 service code, a village page's category); an Open311
    # client's way of getting replies
    ("mode", "reporter"): _l("上报人选定事项"), ("mode", "realtime"): _l("实时回传"), ("mode", "batch"): _l("批量回传"),
}
# actions of two parts, which VERBS and NOUNS cannot name (the audit log showed pii.reveal, e2e22)
ACTION_LABELS = {"pii.reveal": _l("查看完整号码"), "pii.search": _l("按完整号码查找人员")}
# keys whose value is a unit's code though their name does not end in "code"
UNIT_KEYS = frozenset({"issuer", "department", "county", "departments"})
TRUE_FALSE = {"1": "是", "0": "否", "true": "是", "false": "否", "True": "是", "False": "否"}


@cache
def _value_registry() -> tuple[dict[tuple[str, str], str], dict[str, Callable[[str], str | None]]]:
    """Apps' `VALUE_LABELS = {(key, value): label}` (values kept in JSON, without model choices: a visit's needs)
    and `VALUE_NAMERS = {key: function}` (a value named by a look-up: a review rule's id → its name)."""
    from jianfu.core.ui import _app_modules

    values: dict[tuple[str, str], str] = {}
    namers: dict[str, Callable[[str], str | None]] = {}
    for module in _app_modules("labels"):
        values.update(getattr(module, "VALUE_LABELS", {}))
        namers.update(getattr(module, "VALUE_NAMERS", {}))
    return values, namers


@cache
def _namers() -> tuple[dict[str, Callable[[str, str], str | None]], dict[str, Callable[[str], Mapping[str, str]]],
                       dict[tuple[str, str], Callable[[dict[str, object]], list[str]]]]:
    """Apps' `OBJECT_NAMERS = {object type: namer(object_id, object_repr) → name or None}`,
    `ITEM_NAMERS = {object type: namer(object_id) → {key: item name}}` and
    `NESTED_NAMERS = {(object type, key): namer(the dict kept under key) → its parts in words}`."""
    from jianfu.core.ui import _app_modules

    objects: dict[str, Callable[[str, str], str | None]] = {}
    items: dict[str, Callable[[str], Mapping[str, str]]] = {}
    nested: dict[tuple[str, str], Callable[[dict[str, object]], list[str]]] = {}
    for module in _app_modules("labels"):
        objects.update(getattr(module, "OBJECT_NAMERS", {}))
        items.update(getattr(module, "ITEM_NAMERS", {}))
        nested.update(getattr(module, "NESTED_NAMERS", {}))
    return objects, items, nested


# what the demo's loaders wrote as the object of their records
_PLAIN_REPRS = {"demo": _l("演示数据")}


def object_label(object_type: str, object_id: object, object_repr: str) -> str:
    """An audit record's object as people say it: the app's namer (from the stored repr, or the row when the repr
    lacks what is needed), else the stored repr. Records are sealed into the hash chain, so old ones are named at
    display, never rewritten."""
    namer = _namers()[0].get(object_type or "")
    if namer is not None:
        name = namer(str(object_id or ""), object_repr or "")
        if name:
            return name
    if object_repr in _PLAIN_REPRS:
        return str(_PLAIN_REPRS[object_repr])
    return object_repr


def actor_label(actor_id: int | None, actor_name: str) -> str:
    """Who did it: the account's name with its username in brackets (县减负办（county_office）); the username when
    the account has no name or is gone; 系统 for what no person did (a scheduled job, the demo loader)."""
    if actor_id is None:
        return actor_name or str(_l("系统"))
    name = lookup("account", actor_id) or ""
    if name and name != actor_name:
        return f"{name}（{actor_name}）" if actor_name else name
    return actor_name or name or str(_l("系统"))


def unit_name(code: str) -> str:
    """A unit's name for a namer ("450521200206" → 曲木村委会); the code when no unit has it."""
    return _unit_name(code)


@cache
def _action_fields() -> dict[str, dict[str, str]]:
    """Apps' `ACTION_FIELD_LABELS = {action: {key: label}}`: a key one action means more by than COMMON_FIELDS says
    (the direct line's key rotation writes old/new as key fingerprints; elsewhere they are 原值/新值)."""
    from jianfu.core.ui import _app_modules

    fields: dict[str, dict[str, str]] = {}
    for module in _app_modules("labels"):
        for action, labels in getattr(module, "ACTION_FIELD_LABELS", {}).items():
            fields.setdefault(action, {}).update(labels)
    return fields


@cache
def _fetchers() -> dict[str, Callable[[set[str]], Mapping[str, Any]]]:
    """Apps' `NAME_FETCHERS = {kind: fetch(keys) → {key: what it names}}`: how the namers above find what a stored id
    or code stands for (an account, a unit, a review rule, a posting, a report's form items…), through `lookup`.
    For a page of audit records (`audit_rows`) each kind is fetched once, not once per record (mend24 #4: one query
    per row for review rules; newuser24's namers: /audit/ 15 → 45 queries, ?action=reports. 7 → 89)."""
    from jianfu.core.ui import _app_modules

    fetchers: dict[str, Callable[[set[str]], Mapping[str, Any]]] = {
        "unit": _unit_names, "attribute": _attribute_labels}
    for module in _app_modules("labels"):
        fetchers.update(getattr(module, "NAME_FETCHERS", {}))
    return fetchers


class _Page:
    """The page of records `audit_rows` names: first the keys its namers ask for (`collecting`), then what one fetch
    per kind found for them ({kind: {key: name}})."""

    def __init__(self) -> None:
        self.collecting = True
        self.wanted: dict[str, set[str]] = {}
        self.fetched: dict[str, Mapping[str, Any]] = {}


_page: ContextVar[_Page | None] = ContextVar("jianfu_labels_page", default=None)


def lookup(kind: str, key: object) -> Any:
    """What `key` stands for among `kind` (NAME_FETCHERS), None when nothing: for a namer. Inside `audit_rows` it is
    the page's one fetch per kind (while the page collects its keys: None); elsewhere (one record) its own fetch."""
    text = str(key)
    page = _page.get()
    if page is not None and page.collecting:
        page.wanted.setdefault(kind, set()).add(text)
        return None
    if page is not None and text in page.wanted.get(kind, ()):
        return page.fetched[kind].get(text)
    return _fetchers()[kind]({text}).get(text)


@dataclass(frozen=True)
class AuditRow:
    """One audit record as the audit log shows it: who, what about, which unit, its changes in lines."""

    record: Any
    actor: str
    object: str
    unit: str
    lines: list[str]


def _audit_row(record: Any) -> AuditRow:
    return AuditRow(
        record=record,
        actor=actor_label(record.actor_id, record.actor_name or ""),
        object=object_label(record.object_type or "", record.object_id, record.object_repr or ""),
        unit=_unit_name(record.org_code) if record.org_code else "",
        lines=changes_lines(record.object_type or "", record.changes, record.action or "",
                            object_id=record.object_id),
    )


def audit_rows(records: Iterable[Any]) -> list[AuditRow]:
    """A page of audit records named in a constant number of queries: the records are named twice — once to collect
    the keys every namer asks `lookup` for, then, after one fetch per kind (accounts, units, rules, postings…), for
    the page. Named at display: records are sealed into the hash chain, never rewritten."""
    records = list(records)
    page = _Page()
    token = _page.set(page)
    try:
        for record in records:
            _audit_row(record)
        fetchers = _fetchers()
        page.fetched = {kind: fetchers[kind](keys) for kind, keys in page.wanted.items()}
        page.collecting = False
        return [_audit_row(record) for record in records]
    finally:
        _page.reset(token)


def _local_time(text: str) -> str | None:
    """An ISO time with its zone ("2026-12-06T06:54:54.809267+00:00") as the county's clock reads it
    ("2026-12-06 14:54"); None for anything else."""
    if len(text) < 16 or text[10:11] != "T":
        return None
    try:
        moment = parse_datetime(text)
    except ValueError:
        return None
    if moment is None or timezone.is_naive(moment):
        return None
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


@cache
def _registered() -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    from jianfu.core.ui import _app_modules

    actions: dict[str, str] = {}
    fields: dict[str, dict[str, str]] = {}
    for module in _app_modules("labels"):
        actions.update(getattr(module, "ACTION_LABELS", {}))
        for model, labels in getattr(module, "FIELD_LABELS", {}).items():
            fields.setdefault(model.lower(), {}).update(labels)
    return actions, fields


def action_label(action: str) -> str:
    """派发事件 for dispatch.event.dispatch; the action itself when nothing names it."""
    actions, _fields = _registered()
    if action in actions:
        return str(actions[action])
    parts = action.split(".")
    if len(parts) != 3:
        return action
    app, noun, verb = parts
    noun_label = NOUNS.get((app, noun)) or NOUNS.get(noun) or _model_name(app, noun)
    verb_label = VERBS.get(verb)
    if not (noun_label and verb_label):
        return action
    return f"{verb_label}{noun_label}"


def _model_name(app: str, noun: str) -> str:
    try:
        return str(apps.get_model(app, noun)._meta.verbose_name)
    except (LookupError, ValueError):
        return ""


def _model(model_label: str) -> type[Model] | None:
    """A model from "registry.person", "person" (registry's FieldChange.model) or an object type."""
    label = model_label.lower()
    if "." not in label:
        label = f"registry.{label}"
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def field_label(model_label: str, field: str) -> str:
    """联系电话 for ("registry.person", "phone"); extra.<key> → the county's attribute name if known."""
    _actions, fields = _registered()
    key = model_label.lower() if "." in model_label else f"registry.{model_label.lower()}"
    if field in fields.get(key, {}):
        return str(fields[key][field])
    model = _model(model_label)
    if model is not None:
        try:
            name = getattr(model._meta.get_field(field), "verbose_name", None)  # reverse relations have none
        except FieldDoesNotExist:
            name = None
        # a field without a verbose_name of its own is "called" its name (Review.version → "version"): the common
        # label then (newuser18 #5)
        if name and str(name) != field.replace("_", " "):
            return str(name)
    if field.startswith("extra."):
        return _attribute_label(field[6:])
    return str(COMMON_FIELDS.get(field, field))


def _attribute_label(key: str) -> str:
    """A county-defined attribute (registry `extra.<key>`) by its name."""
    return lookup("attribute", key) or key


def _attribute_labels(keys: set[str]) -> dict[str, str]:
    """County-defined attributes by name ({key: label}, NAME_FETCHERS); none without the registry app."""
    try:
        model = apps.get_model("registry", "AttributeDefinition")
    except LookupError:
        return {}
    found: dict[str, str] = {}
    for key, label in model.objects.filter(key__in=keys).order_by("pk").values_list("key", "label"):
        found.setdefault(key, label)
    return found


def value_label(model_label: str, field: str, value: object) -> str:
    """The display of a stored value: a choice's label, 是/否 for flags; else the value."""
    if value is None or value == "":
        return "—" if value is None else ""
    text = str(value)
    if (field.endswith("code") or field in UNIT_KEYS) and text.isascii() and text[:12].isdigit():  # a unit's code
        return _unit_name(text)
    if (field, text) in COMMON_VALUES:
        return str(COMMON_VALUES[(field, text)])
    registered, namers = _value_registry()
    if (field, text) in registered:
        return str(registered[(field, text)])
    if field in namers:
        return namers[field](text) or text
    moment = _local_time(text)
    if moment is not None:
        return moment
    model = _model(model_label)
    if model is not None:
        try:
            f = model._meta.get_field(field)
        except FieldDoesNotExist:
            f = None
        if isinstance(f, Field) and f.choices:
            return str(dict(f.flatchoices).get(text, text))
        if isinstance(f, Field) and not f.is_relation and f.get_internal_type() == "BooleanField":
            return TRUE_FALSE.get(text, text)
    return text


def _full_code(code: str) -> str:
    return code.ljust(12, "0") if code.isdigit() and len(code) in (2, 4, 6, 9) else code


def _unit_name(code: str) -> str:
    return lookup("unit", code) or code


def _unit_names(codes: set[str]) -> dict[str, str]:
    """Units by name ({code: name}), a code written by its significant prefix (450521) as its unit's (NAME_FETCHERS)."""
    full = {code: _full_code(code) for code in codes}
    names = dict(apps.get_model("orgs", "OrgUnit").objects.filter(code__in=set(full.values())).values_list(
        "code", "name"))
    return {code: names[f] for code, f in full.items() if f in names}


def _holds_a_list(object_type: str, field: str) -> bool:
    """A model field kept as JSON (a visit's needs): two values there are a list, not "old → new"."""
    model = _model(object_type) if object_type else None
    try:
        found = model._meta.get_field(field) if model is not None else None
    except FieldDoesNotExist:
        return False
    return isinstance(found, Field) and found.get_internal_type() == "JSONField"


def _is_empty(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, (list, tuple, dict)) and not value)


def _ranges(numbers: list[int]) -> str:
    """161、162、…、251 as 161–251; 1、3、5、6、7 as 1、3、5–7."""
    ordered = sorted(set(numbers))
    runs: list[list[int]] = []
    for n in ordered:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return "、".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


def _ids_line(object_type: str, ids: list[object]) -> str:
    """The `ids` of a batch named by what they are: the events a deadline job touched (by their numbers), the rows
    an import wrote (the audit log said 事件数：161、162… for a ledger import, newuser24 #1)."""
    numbers = [i for i in ids if isinstance(i, int)]
    if len(numbers) != len(ids):
        return f"{COMMON_FIELDS['ids']}：{'、'.join(str(i) for i in ids)}"
    if object_type == "dispatch.event":   # Event.number is its id, formatted
        return f"{_l('涉及的事件')}：{'、'.join(f'WG{n:08d}' for n in numbers)}"
    label = _l("导入的记录") if object_type.startswith("monitor.ledger") else _l("记录")
    return f"{label}：{_l('编号')} {_ranges(numbers)}（{_l('共')} {len(set(numbers))} {_l('条')}）"


def _is_version_token(field: str, value: object) -> bool:
    """The version a save gave a record ("2026-12-06T10:06:26.689157+00:00~8d47f66a…", `core.versioning`): kept
    for the stale-save check, meaningless to a reader; a version number (a review's 2) is shown."""
    return field == "version" and isinstance(value, str) and "~" in value


def _confidence(value: float) -> str:
    """How sure the router was, in words with its percentage (置信度：0.9999 read as a raw number)."""
    words = (_l("很高") if value >= 0.9 else _l("较高") if value >= 0.7 else _l("一般") if value >= 0.5
             else _l("较低"))
    return f"{words}（{math.floor(value * 1000) / 10:g}%）"


NUMBER_FORMATS: dict[str, Callable[[float], str]] = {"confidence": _confidence}


def changes_lines(object_type: str, changes: object, action: str = "", *, object_id: object = "") -> list[str]:
    """An audit record's changes as lines people read: "联系电话：138****0000 → 139****1111". `action` (the record's)
    names the keys it gives a meaning of its own (ACTION_FIELD_LABELS); empty values and internal references
    (HIDDEN_FIELDS) are left out; an object's own items (a report's form items) are named by its app's ITEM_NAMERS."""
    if not changes:
        return []
    if not isinstance(changes, dict):
        return [str(changes)]
    item_namer = _namers()[1].get(object_type or "")
    items = item_namer(str(object_id or "")) if item_namer is not None else {}
    entries = list(changes.items())
    if items:   # the form's order, whatever order the database keeps the keys in (PostgreSQL's jsonb sorts them)
        order = {key: i for i, key in enumerate(items)}
        entries.sort(key=lambda entry: order.get(entry[0], len(order)))
    lines = []
    own = _action_fields().get(action, {})
    for field, change in entries:
        if field in HIDDEN_FIELDS or _is_empty(change) or _is_version_token(field, change):
            continue
        nested = _namers()[2].get((object_type, field))
        if nested is not None and isinstance(change, dict):
            lines.append(f"{field_label(object_type, field)}：{'；'.join(nested(change))}")
            continue
        if field == "ids" and isinstance(change, list):
            lines.append(_ids_line(object_type, change))
            continue
        label = str(own[field]) if field in own else items.get(field) or field_label(object_type, field)
        if field in LIST_KEYS and isinstance(change, list):
            label = str(LIST_KEYS[field] or label)
            lines.append(f"{label}：{'、'.join(value_label(object_type, field, v) for v in change)}")
            continue
        if field in NUMBER_FORMATS and isinstance(change, (int, float)) and not isinstance(change, bool):
            lines.append(f"{label}：{NUMBER_FORMATS[field](change)}")
            continue
        if isinstance(change, (list, tuple)) and len(change) == 2 and not (
                _holds_a_list(object_type, field) and not any(isinstance(v, (list, dict)) for v in change)):
            old, new = (value_label(object_type, field, v) for v in change)
            lines.append(f"{label}：{old or '（空）'} → {new or '（空）'}")
        elif isinstance(change, dict):
            inner = "，".join(f"{field_label(object_type, k)} {value_label(object_type, k, v)}" for k, v in change.items())
            lines.append(f"{label}：{inner}")
        elif isinstance(change, bool):
            lines.append(f"{label}：{'是' if change else '否'}")
        elif isinstance(change, list):
            lines.append(f"{label}：{'、'.join(value_label(object_type, field, v) for v in change)}")
        else:
            lines.append(f"{label}：{_scalar(object_type, field, change)}")
    return lines


def _scalar(object_type: str, field: str, value: object) -> object:
    """A single value: numbers as they are, unless a namer knows the id (岗位：192 → its title)."""
    if not isinstance(value, (int, float)):
        return value_label(object_type, field, value)
    namer = _value_registry()[1].get(field)
    if namer is not None and isinstance(value, int) and not isinstance(value, bool):
        return namer(str(value)) or value
    return value


def changes_text(object_type: str, changes: object) -> str:
    return "；".join(changes_lines(object_type, changes)) if isinstance(changes, dict) else json.dumps(
        changes, ensure_ascii=False)
