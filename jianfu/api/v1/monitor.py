"""/api/v1/monitor/ — 减负监测 (the burden monitor).

GET    ledgers/<kind>/            rows of a ledger the account may see (scoped); `year`, `q`
POST   ledgers/<kind>/            file a row (JSON fields as in the xlsx template; document: multipart `file`)
GET    ledgers/<kind>/export/     the same rows as an xlsx in the import template's shape (re-importable)
GET    ledgers/<kind>/<pk>/       one row
PATCH  ledgers/<kind>/<pk>/       change fields of a row one may change
DELETE ledgers/<kind>/<pk>/       delete it
GET    findings/                  findings (scoped); `year`, `rule`, `issuer`, `status`
GET    rules/                     the rules and whether each is in force in the account's county
POST   rules/                     add a local rule (county office)
GET    rules/<pk>/                one rule; PATCH a local rule (name, threshold, citation, scope, severity);
                                  DELETE a local rule (refused while triaged findings or the direct line refer to it)
GET    notices/                   typical-problem notices; `q`, `category`, `year`; POST a county notice
GET    notices/<pk>/              a notice with its cases; PATCH / DELETE a county notice (refused while it has cases)
POST   notices/<pk>/cases/        add a case to a county notice
GET    cases/<pk>/                one case; PATCH place, category, summary; DELETE
POST   cases/<pk>/rectification/  move its 整改 on: {"to": "ongoing", "date": "2026-11-02", "note": "…", "expected": "pending"}
GET    index/                     基层负担指数 per village and month, issuers ranked (county office); `year`
"""

from __future__ import annotations

import contextlib
from typing import Any

from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import api_view, parser_classes
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from jianfu.accounts.roles import Capability
from jianfu.api.body import body_fields
from jianfu.api.params import query_choice
from jianfu.api.repeats import IDEMPOTENCY_KEY, create_once, made
from jianfu.core.downloads import XLSX, download_response
from jianfu.core.errors import ApplicationError
from jianfu.monitor import ledgers, selectors, services, xlsx
from jianfu.monitor.models import LEDGER_MODELS, NoticeStatus, ProblemCategory, RectificationStatus

MAX_PAGE = 500


def _row(kind: str, row) -> dict:
    out = {"id": row.pk, "kind": kind, "date": row.date.isoformat(), "title": row.title, "note": row.note,
           "issuer_code": row.issuer_code, "issuer_name": row.issuer_name, "org_code": row.org_code,
           "recorded_as": row.recorded_as}
    for spec in ledgers.SPECIFIC[kind]:
        if spec.name == "from_unit":
            out["from_unit"] = row.from_unit_code
            out["from_unit_level"] = row.from_unit_level
        elif spec.name == "review":
            out["review"] = row.review_id
        else:
            out[spec.name] = getattr(row, spec.name)
    return out


def _kind(kind: str) -> str:
    if kind not in LEDGER_MODELS:
        raise ApplicationError("未知的台账类型。", code="unknown_ledger", field="kind")
    return kind


def _year(value, default=None) -> int | None:
    """A year between 2000 and this year, or a clear 400 (never an overflow deep in the database)."""
    if value in (None, ""):
        return default
    text = str(value).strip()
    this_year = timezone.localdate().year
    if not text.isdigit() or not 2000 <= int(text) <= this_year:
        raise ApplicationError(f"“年度”应为 2000 至 {this_year} 之间的年份。", code="invalid", field="year")
    return int(text)


ROW = inline_serializer("MonitorLedgerRow", {"id": serializers.IntegerField(), "kind": serializers.CharField(),
                                              "date": serializers.DateField(), "title": serializers.CharField(),
                                              "issuer_code": serializers.CharField(),
                                              "org_code": serializers.CharField()})


_JSON_TYPES = {"str": (str,), "text": (str,), "choice": (str,), "date": (str,), "int": (int, float), "bool": (bool,)}


def _data(request, specs=()) -> dict:
    """The body's fields. In a JSON body each field of `specs` must have the JSON type its schema documents (a form
    sends strings, which the FieldSpec cleaners parse): `"duration_minutes": "120"` or `"title": 7` is a 400 naming
    the field, as the schema says, rather than read as the other type."""
    data = body_fields(request)
    if not str(request.content_type).startswith("application/json"):
        return data
    for spec in specs:
        value = data.get(spec.name)
        if value is None:
            continue
        ok = isinstance(value, _JSON_TYPES[spec.type]) and (spec.type == "bool" or not isinstance(value, bool))
        if spec.type == "int" and isinstance(value, float) and not value.is_integer():
            ok = False
        if not ok:
            message = {"int": _("“%(label)s”应为整数。"), "bool": _("“%(label)s”应为 true 或 false。")}.get(
                spec.type, _("“%(label)s”应为文字。")) % {"label": spec.label}
            raise ApplicationError(message, code="invalid", field=spec.name)
    return data


# ------------------------------------------------------------------ request bodies, from the one declaration
# The monitor validates its bodies with `ledgers.FieldSpec`s (the same declarations the web form, the xlsx import
# and template read), not with serializers; the schema of each body is derived from them, so it cannot drift.

def _field_schema(spec: ledgers.FieldSpec) -> dict:
    """The JSON schema of one FieldSpec as `ledgers.clean_value` reads it (the canonical form: a choice's label
    and 是/否 are accepted too, for the xlsx import, and said in the description)."""
    description = str(spec.label) + (f"：{spec.help}" if spec.help else "")
    optional = not spec.required
    if spec.type in ("str", "text"):
        schema: dict = {"type": "string", "maxLength": spec.max_length}
        if spec.required:
            schema["minLength"] = 1
        if spec.type == "str":
            description += "（单行）"
    elif spec.type == "int":
        schema = {"type": "integer", "minimum": spec.minimum, "maximum": spec.maximum}
    elif spec.type == "bool":
        schema = {"type": "boolean"}
    elif spec.type == "choice":
        keys = [key for key, _label in spec.choices]
        # OpenAPI 3.0: `nullable` does not add null to an enum; an optional choice takes "" and null as not given
        schema = {"type": "string", "enum": keys + (["", None] if optional else [])}
        description += "：" + "、".join(f"{key} {label}" for key, label in spec.choices) + "（也可填中文名称）"
    else:
        schema = {"type": "string", "format": "date"}
        description += "（2000-01-01 至今天）"
    if optional:
        schema["nullable"] = True
    return {**schema, "description": description}


def _body_schema(specs, *, partial: bool = False, extra: dict | None = None, required: tuple[str, ...] = (),
                 description: str = "") -> dict:
    properties = {spec.name: _field_schema(spec) for spec in specs}
    properties.update(extra or {})
    names = [] if partial else [spec.name for spec in specs if spec.required] + list(required)
    schema: dict = {"type": "object", "properties": properties}
    if names:
        schema["required"] = names
    if description:
        schema["description"] = description
    return schema


def _bodies(schema: dict, *, multipart: dict | None = None) -> dict:
    """One schema under each media type the view parses (JSON; a form's fields are the same names as strings)."""
    return {"application/json": schema, "application/x-www-form-urlencoded": schema,
            "multipart/form-data": multipart or schema}


def _ledger_body(*, partial: bool) -> dict:
    """A row of the ledger named in the path: one alternative per kind (its own fields and which are required)."""
    kinds = []
    for kind in LEDGER_MODELS:
        specs = ledgers.fields_of(kind)
        if partial:  # issuer and target stay: delete and re-file to move a row
            specs = tuple(spec for spec in specs if spec.name not in ("issuer", "target"))
        kinds.append(_body_schema(specs, partial=partial, description=f"kind={kind}"))
    return {"anyOf": kinds}


_FILE = {"file": {"type": "string", "format": "binary",
                  "description": "仅 kind=document：文件正文（.docx/.pdf/.txt），字数按正文自动计算"}}
LEDGER_CREATE = _bodies(_ledger_body(partial=False), multipart={
    "anyOf": [{**alt, "properties": {**alt["properties"], **(_FILE if alt["description"] == "kind=document" else {})}}
              for alt in _ledger_body(partial=False)["anyOf"]]})
LEDGER_UPDATE = {"application/json": _ledger_body(partial=True)}
RULE_CREATE = {"application/json": _body_schema(services.rule_fields(), required=("check",), extra={
    "check": {"type": "string", "enum": list(services.CHECK_LEDGERS), "description": "检查方法（决定规则所属台账）"}})}
RULE_UPDATE = {"application/json": _body_schema(
    tuple(spec for spec in services.rule_fields() if spec.name != "code"), partial=True,
    description="规则编号和检查方法不能修改（问题和直通车反映引用它们）")}
NOTICE_CREATE = {"application/json": _body_schema(services.notice_fields())}
NOTICE_UPDATE = {"application/json": _body_schema(services.notice_fields(), partial=True)}
CASE_CREATE = {"application/json": _body_schema(services.case_fields(), extra={"rectification": {
    "type": "string", "enum": [*RectificationStatus.values, "", None], "nullable": True,
    "description": "整改情况，默认 unknown（未公布）"}})}
CASE_UPDATE = {"application/json": _body_schema(services.case_fields(), partial=True,
                                                description="整改情况用 rectification/ 修改")}
CASE_RECTIFY = {"application/json": {"type": "object", "required": ["to", "date"], "properties": {
    "to": {"type": "string", "enum": [v for v in RectificationStatus.values if v != RectificationStatus.UNKNOWN],
           "description": "改为的整改情况（未公布 → 任一；未整改 → 整改中、已整改；整改中 → 已整改；已整改 → 整改中）"},
    "date": {"type": "string", "format": "date", "description": "整改情况日期：不早于通报日期和上一次记录的日期"},
    "note": {"type": "string", "maxLength": 2000, "nullable": True, "description": "整改说明（已整改退回整改中时必填）"},
    "expected": {"type": "string", "enum": [*RectificationStatus.values, "", None], "nullable": True,
                 "description": "页面上看到的当前整改情况：已被他人改动时拒绝，不重复执行"}}}}


_CHECK = ledgers.FieldSpec("check", "检查方法", "choice")
_RECTIFICATION = ledgers.FieldSpec("rectification", "整改情况", "choice")
_RECTIFY = (ledgers.FieldSpec("to", "整改情况", "choice"), ledgers.FieldSpec("date", "整改情况日期", "date"),
            ledgers.FieldSpec("note", "整改说明", "text"), ledgers.FieldSpec("expected", "当前整改情况", "choice"))

# The query and path parameters the views read, documented (they were not: clients could not know them).
KIND = OpenApiParameter("kind", str, OpenApiParameter.PATH, enum=list(LEDGER_MODELS), description="台账类型")
YEAR = OpenApiParameter("year", {"type": "integer", "minimum": 2000}, description="年度（2000 至今年）")
Q = OpenApiParameter("q", str, description="关键词（前 50 字）")


_DOCUMENT = "_jianfu_ledger_document"


def _document_first(request) -> None:
    """`create_once`'s `before` for a document ledger: its file read for its length (`services.document_length`, as
    the review reads it: seconds for a long PDF) outside the create transaction, which on SQLite holds the write lock
    throughout (security19 #4). A refusal is left to the view, so a post's errors come in its order."""
    kind = (getattr(request, "parser_context", None) or {}).get("kwargs", {}).get("kind")
    upload = request.FILES.get("file") if kind == "document" and hasattr(request, "FILES") else None
    if upload is None:
        return
    with contextlib.suppress(ApplicationError):
        content = services.read_upload(upload)
        setattr(request, _DOCUMENT, (upload, content, services.document_length(content, upload.name)))


@extend_schema(methods=["GET"], responses=serializers.ListSerializer(child=ROW), parameters=[KIND, YEAR, Q],
               summary="台账列表")
@extend_schema(methods=["POST"], request=LEDGER_CREATE, responses={201: ROW}, parameters=[KIND, IDEMPOTENCY_KEY], summary="登记台账")
@api_view(["GET", "POST"])
@parser_classes([JSONParser, MultiPartParser, FormParser])
@create_once(permit=Capability.MONITOR_RECORD, before=_document_first, uploads=(services.MAX_ATTACHMENT_BYTES, None))
def ledger_list(request, kind: str):
    kind = _kind(kind)
    if request.method == "POST":
        data = _data(request, ledgers.fields_of(kind))
        upload = request.FILES.get("file") if kind == "document" else None
        content, filename, length = None, "", None
        if upload is not None:
            read = getattr(request, _DOCUMENT, None)
            if read is not None and read[0] is upload:
                content, length = read[1], read[2]
            else:
                content = services.read_upload(upload)
            filename = upload.name
        data.pop("file", None)
        row = services.ledger_create(actor=request.user, kind=kind, data=data, file_data=content, filename=filename,
                                     length=length)
        return Response(_row(kind, made(row)), status=status.HTTP_201_CREATED)
    rows = selectors.ledger_list(user=request.user, kind=kind, year=_year(request.GET.get("year")),
                                 q=request.GET.get("q", "")[:50])[:MAX_PAGE]
    return Response([_row(kind, r) for r in rows])


@extend_schema(responses={(200, XLSX): bytes}, parameters=[KIND, YEAR, Q], summary="导出台账（与导入模板同列，可再导入）")
@api_view(["GET"])
def ledger_export(request, kind: str):
    kind = _kind(kind)
    year = _year(request.GET.get("year"))
    rows = selectors.ledger_export_rows(user=request.user, kind=kind, year=year, q=request.GET.get("q", "")[:50])
    return download_response(xlsx.export(kind, rows), selectors.ledger_export_filename(kind, year=year), XLSX)


@extend_schema(methods=["GET"], responses=ROW, parameters=[KIND], summary="台账记录")
@extend_schema(methods=["PATCH"], request=LEDGER_UPDATE, responses=ROW, parameters=[KIND], summary="修改台账记录")
@extend_schema(methods=["DELETE"], responses={204: None}, parameters=[KIND], summary="删除台账记录")
@api_view(["GET", "PATCH", "DELETE"])
@parser_classes([JSONParser])
def ledger_detail(request, kind: str, pk: int):
    kind = _kind(kind)
    if request.method == "PATCH":
        row = services.ledger_update(actor=request.user, kind=kind, pk=pk, data=_data(request, ledgers.fields_of(kind)))
        return Response(_row(kind, row))
    if request.method == "DELETE":
        services.ledger_delete(actor=request.user, kind=kind, pk=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)
    return Response(_row(kind, selectors.ledger_get(user=request.user, kind=kind, pk=pk)))


@extend_schema(responses=inline_serializer("MonitorFinding", {
    "id": serializers.IntegerField(), "rule": serializers.CharField(), "issuer_code": serializers.CharField(),
    "severity": serializers.CharField(), "summary": serializers.CharField(), "status": serializers.CharField()},
    many=True), summary="减负问题", parameters=[
        YEAR, OpenApiParameter("rule", str, description="规则代码"), OpenApiParameter("issuer", str, description="发文单位代码"),
        OpenApiParameter("status", str)])
@api_view(["GET"])
def finding_list(request):
    findings = selectors.finding_list(user=request.user, year=_year(request.GET.get("year")),
                                      rule=request.GET.get("rule", "")[:40], issuer=request.GET.get("issuer", "")[:20],
                                      status=request.GET.get("status", "")[:12])[:MAX_PAGE]
    return Response([{"id": f.pk, "rule": f.rule_code, "category": f.category, "ledger": f.ledger,
                      "row_id": f.row_id, "issuer_code": f.issuer_code, "issuer_name": f.issuer_name,
                      "org_code": f.org_code, "severity": f.severity, "summary": f.summary, "year": f.year,
                      "month": f.month, "status": f.status, "source": f.source} for f in findings])


RULE = inline_serializer("MonitorRule", {
    "id": serializers.IntegerField(), "code": serializers.CharField(), "name": serializers.CharField(),
    "threshold": serializers.IntegerField(allow_null=True), "citation": serializers.CharField(),
    "enabled": serializers.BooleanField()})


def _rule(rule, *, enabled: bool) -> dict:
    return {"id": rule.pk, "code": rule.code, "name": rule.name, "ledger": rule.ledger, "check": rule.check_name,
            "threshold": rule.threshold, "severity": rule.severity, "citation": rule.citation, "scope": rule.scope,
            "local": bool(rule.county_code), "enabled": enabled}


@extend_schema(methods=["GET"], responses=serializers.ListSerializer(child=RULE), summary="减负规则")
@extend_schema(methods=["POST"], request=RULE_CREATE, parameters=[IDEMPOTENCY_KEY], responses={201: RULE}, summary="新增本地规则")
@api_view(["GET", "POST"])
@parser_classes([JSONParser])
@create_once(permit=Capability.MONITOR_MANAGE)
def rule_list(request):
    if request.method == "POST":
        rule = services.rule_create(actor=request.user, data=_data(request, (*services.rule_fields(), _CHECK)))
        return Response(_rule(made(rule), enabled=rule.enabled), status=status.HTTP_201_CREATED)
    return Response([_rule(r["rule"], enabled=r["enabled"]) for r in selectors.rule_rows(user=request.user)])


@extend_schema(methods=["GET"], responses=RULE, summary="减负规则详情")
@extend_schema(methods=["PATCH"], request=RULE_UPDATE, responses=RULE, summary="修改本地规则")
@extend_schema(methods=["DELETE"], responses={204: None}, summary="删除本地规则")
@api_view(["GET", "PATCH", "DELETE"])
@parser_classes([JSONParser])
def rule_detail(request, pk: int):
    if request.method == "DELETE":
        services.rule_delete(actor=request.user, pk=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)
    if request.method == "PATCH":
        services.rule_update(actor=request.user, pk=pk, data=_data(request, services.rule_fields()))
    rule = selectors.rule_get(user=request.user, pk=pk)
    enabled = next((r["enabled"] for r in selectors.rule_rows(user=request.user) if r["rule"].pk == rule.pk),
                   rule.enabled)
    return Response(_rule(rule, enabled=enabled))


NOTICE = inline_serializer("MonitorNotice", {
    "id": serializers.IntegerField(), "level": serializers.CharField(), "title": serializers.CharField(),
    "cases": serializers.IntegerField(), "body": serializers.CharField(),
    "status": serializers.ChoiceField(choices=NoticeStatus.values, help_text="draft 草稿（只有县减负办可见）/ published 已发布"),
    "published_at": serializers.DateTimeField(allow_null=True)})
CASE = inline_serializer("MonitorCase", {
    "id": serializers.IntegerField(), "notice": serializers.IntegerField(), "place": serializers.CharField(),
    "category": serializers.CharField(), "rectification": serializers.CharField()})


def _notice(n) -> dict:
    return {"id": n.pk, "level": n.level, "batch": n.batch, "date": n.date.isoformat(), "issuer": n.issuer,
            "title": n.title, "cases": n.declared_cases, "itemised": getattr(n, "itemised", None),
            "is_tally": n.is_tally, "synthetic": n.synthetic, "county_code": n.county_code, "body": n.body,
            "status": n.status, "published_at": n.published_at.isoformat() if n.published_at else None}


def _case(c) -> dict:
    return {"id": c.pk, "notice": c.notice_id, "place": c.place, "category": c.category, "summary": c.summary,
            "rectification": c.rectification,
            "rectification_date": c.rectification_date.isoformat() if c.rectification_date else None,
            "rectification_note": c.rectification_note}


@extend_schema(methods=["GET"], responses=serializers.ListSerializer(child=NOTICE), summary="典型问题通报",
               parameters=[Q, YEAR, OpenApiParameter("category", str, enum=list(ProblemCategory.values))])
@extend_schema(methods=["POST"], request=NOTICE_CREATE, parameters=[IDEMPOTENCY_KEY], responses={201: NOTICE}, summary="新增本县通报")
@api_view(["GET", "POST"])
@parser_classes([JSONParser])
@create_once(permit=Capability.MONITOR_MANAGE)
def notice_list(request):
    if request.method == "POST":
        return Response(_notice(made(services.notice_create(actor=request.user, data=_data(request, services.notice_fields())))),
                        status=status.HTTP_201_CREATED)
    category = query_choice(request, "category", tuple(ProblemCategory.values), default="")
    notices = selectors.notice_list(user=request.user, q=request.GET.get("q", "")[:50], category=category,
                                    year=_year(request.GET.get("year")))[:MAX_PAGE]
    return Response([_notice(n) for n in notices])


@extend_schema(methods=["GET"], responses=NOTICE, summary="通报详情（含案例）")
@extend_schema(methods=["PATCH"], request=NOTICE_UPDATE, responses=NOTICE, summary="修改本县通报")
@extend_schema(methods=["DELETE"], responses={204: None}, summary="删除本县通报（有案例时拒绝）")
@api_view(["GET", "PATCH", "DELETE"])
@parser_classes([JSONParser])
def notice_detail(request, pk: int):
    if request.method == "DELETE":
        services.notice_delete(actor=request.user, pk=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)
    if request.method == "PATCH":
        services.notice_update(actor=request.user, pk=pk, data=_data(request, services.notice_fields()))
    notice = selectors.notice_get(user=request.user, pk=pk)
    if request.method == "GET":     # opened: it leaves the 工作台's unread notices, as the web page (fixcr32 #8)
        services.notice_mark_read(actor=request.user, notice=notice)
    return Response({**_notice(notice), "case_list": [_case(c) for c in notice.cases.all()]})


@extend_schema(request=None, responses=NOTICE, summary="发布本县通报（草稿 → 已发布；无正文且无案例时拒绝）")
@api_view(["POST"])
def notice_publish(request, pk: int):
    return Response(_notice(services.notice_publish(actor=request.user, pk=pk)))


@extend_schema(request=CASE_CREATE, parameters=[IDEMPOTENCY_KEY], responses={201: CASE}, summary="添加案例")
@api_view(["POST"])
@parser_classes([JSONParser])
@create_once(permit=Capability.MONITOR_MANAGE)
def notice_cases(request, pk: int):
    case = services.notice_case_add(actor=request.user, notice_pk=pk,
                                   data=_data(request, (*services.case_fields(), _RECTIFICATION)))
    return Response(_case(made(case)), status=status.HTTP_201_CREATED)


@extend_schema(methods=["GET"], responses=CASE, summary="通报案例")
@extend_schema(methods=["PATCH"], request=CASE_UPDATE, responses=CASE, summary="修改案例")
@extend_schema(methods=["DELETE"], responses={204: None}, summary="删除案例")
@api_view(["GET", "PATCH", "DELETE"])
@parser_classes([JSONParser])
def case_detail(request, pk: int):
    if request.method == "DELETE":
        services.notice_case_delete(actor=request.user, pk=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)
    if request.method == "PATCH":
        services.notice_case_update(actor=request.user, pk=pk, data=_data(request, services.case_fields()))
    return Response(_case(selectors.case_get(user=request.user, pk=pk)))


@extend_schema(request=CASE_RECTIFY, responses=CASE, summary="更新案例整改情况")
@api_view(["POST"])
@parser_classes([JSONParser])
def case_rectify(request, pk: int):
    data = _data(request, _RECTIFY)
    case = services.notice_case_rectify(actor=request.user, pk=pk, to=str(data.get("to") or ""),
                                        date=data.get("date"), note=str(data.get("note") or ""),
                                        expected=str(data.get("expected") or ""))
    return Response(_case(case))


@extend_schema(responses=inline_serializer("MonitorIndex", {"year": serializers.IntegerField()}), parameters=[YEAR],
               summary="基层负担指数")
@api_view(["GET"])
def burden_index(request):
    year = _year(request.GET.get("year"), timezone.localdate().year)
    data = selectors.burden_index(user=request.user, year=year)
    through = data["through"]

    def elapsed(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        # a month still to come is null, not 0 (as the xlsx export and the trend give it, diffreview13 D11)
        return [{**r, "months": [v if m <= through else None for m, v in enumerate(r["months"], start=1)]}
                for r in rows]

    # `through`: the months counted (R07) — a year in progress counts up to this month; `total` is 今年累计 to it
    return Response({"year": data["year"], "unit": "hours", "method": data["method"],
                     "villages": elapsed(data["villages"]), "towns": elapsed(data["towns"]),
                     "issuers": data["issuers"], "components": data["components"],
                     "through": data["through"], "total_label": data["total_label"]})


urlpatterns = [
    path("ledgers/<str:kind>/", ledger_list, name="monitor-ledger-list"),
    path("ledgers/<str:kind>/export/", ledger_export, name="monitor-ledger-export"),
    path("ledgers/<str:kind>/<int:pk>/", ledger_detail, name="monitor-ledger-detail"),
    path("findings/", finding_list, name="monitor-finding-list"),
    path("rules/", rule_list, name="monitor-rule-list"),
    path("rules/<int:pk>/", rule_detail, name="monitor-rule-detail"),
    path("notices/", notice_list, name="monitor-notice-list"),
    path("notices/<int:pk>/", notice_detail, name="monitor-notice-detail"),
    path("notices/<int:pk>/cases/", notice_cases, name="monitor-notice-cases"),
    path("notices/<int:pk>/publish/", notice_publish, name="monitor-notice-publish"),
    path("cases/<int:pk>/", case_detail, name="monitor-case-detail"),
    path("cases/<int:pk>/rectification/", case_rectify, name="monitor-case-rectify"),
    path("index/", burden_index, name="monitor-index"),
]
