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

from typing import Any

from django.urls import path
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import api_view, parser_classes
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from jianfu.api.body import body_fields
from jianfu.api.params import query_choice
from jianfu.core.downloads import XLSX, download_response
from jianfu.core.errors import ApplicationError
from jianfu.monitor import ledgers, selectors, services, xlsx
from jianfu.monitor.models import LEDGER_MODELS, ProblemCategory

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


def _data(request) -> dict:
    return body_fields(request)


# The query and path parameters the views read, documented (they were not: clients could not know them).
KIND = OpenApiParameter("kind", str, OpenApiParameter.PATH, enum=list(LEDGER_MODELS), description="台账类型")
YEAR = OpenApiParameter("year", {"type": "integer", "minimum": 2000}, description="年度（2000 至今年）")
Q = OpenApiParameter("q", str, description="关键词（前 50 字）")


@extend_schema(methods=["GET"], responses=serializers.ListSerializer(child=ROW), parameters=[KIND, YEAR, Q],
               summary="台账列表")
@extend_schema(methods=["POST"], request=None, responses={201: ROW}, parameters=[KIND], summary="登记台账")
@api_view(["GET", "POST"])
@parser_classes([JSONParser, MultiPartParser, FormParser])
def ledger_list(request, kind: str):
    kind = _kind(kind)
    if request.method == "POST":
        data = _data(request)
        upload = request.FILES.get("file") if kind == "document" else None
        content, filename = None, ""
        if upload is not None:
            services.attachment_size_check(upload.size)
            content, filename = upload.read(), upload.name
        data.pop("file", None)
        row = services.ledger_create(actor=request.user, kind=kind, data=data, file_data=content, filename=filename)
        return Response(_row(kind, row), status=status.HTTP_201_CREATED)
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
@extend_schema(methods=["PATCH"], request=None, responses=ROW, parameters=[KIND], summary="修改台账记录")
@extend_schema(methods=["DELETE"], responses={204: None}, parameters=[KIND], summary="删除台账记录")
@api_view(["GET", "PATCH", "DELETE"])
@parser_classes([JSONParser])
def ledger_detail(request, kind: str, pk: int):
    kind = _kind(kind)
    if request.method == "PATCH":
        row = services.ledger_update(actor=request.user, kind=kind, pk=pk, data=_data(request))
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
@extend_schema(methods=["POST"], request=None, responses={201: RULE}, summary="新增本地规则")
@api_view(["GET", "POST"])
@parser_classes([JSONParser])
def rule_list(request):
    if request.method == "POST":
        rule = services.rule_create(actor=request.user, data=_data(request))
        return Response(_rule(rule, enabled=rule.enabled), status=status.HTTP_201_CREATED)
    return Response([_rule(r["rule"], enabled=r["enabled"]) for r in selectors.rule_rows(user=request.user)])


@extend_schema(methods=["GET"], responses=RULE, summary="减负规则详情")
@extend_schema(methods=["PATCH"], request=None, responses=RULE, summary="修改本地规则")
@extend_schema(methods=["DELETE"], responses={204: None}, summary="删除本地规则")
@api_view(["GET", "PATCH", "DELETE"])
@parser_classes([JSONParser])
def rule_detail(request, pk: int):
    if request.method == "DELETE":
        services.rule_delete(actor=request.user, pk=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)
    if request.method == "PATCH":
        services.rule_update(actor=request.user, pk=pk, data=_data(request))
    rule = selectors.rule_get(user=request.user, pk=pk)
    enabled = next((r["enabled"] for r in selectors.rule_rows(user=request.user) if r["rule"].pk == rule.pk),
                   rule.enabled)
    return Response(_rule(rule, enabled=enabled))


NOTICE = inline_serializer("MonitorNotice", {
    "id": serializers.IntegerField(), "level": serializers.CharField(), "title": serializers.CharField(),
    "cases": serializers.IntegerField()})
CASE = inline_serializer("MonitorCase", {
    "id": serializers.IntegerField(), "notice": serializers.IntegerField(), "place": serializers.CharField(),
    "category": serializers.CharField(), "rectification": serializers.CharField()})


def _notice(n) -> dict:
    return {"id": n.pk, "level": n.level, "batch": n.batch, "date": n.date.isoformat(), "issuer": n.issuer,
            "title": n.title, "cases": n.declared_cases, "itemised": getattr(n, "itemised", None),
            "is_tally": n.is_tally, "synthetic": n.synthetic, "county_code": n.county_code}


def _case(c) -> dict:
    return {"id": c.pk, "notice": c.notice_id, "place": c.place, "category": c.category, "summary": c.summary,
            "rectification": c.rectification,
            "rectification_date": c.rectification_date.isoformat() if c.rectification_date else None,
            "rectification_note": c.rectification_note}


@extend_schema(methods=["GET"], responses=serializers.ListSerializer(child=NOTICE), summary="典型问题通报",
               parameters=[Q, YEAR, OpenApiParameter("category", str, enum=list(ProblemCategory.values))])
@extend_schema(methods=["POST"], request=None, responses={201: NOTICE}, summary="新增本县通报")
@api_view(["GET", "POST"])
@parser_classes([JSONParser])
def notice_list(request):
    if request.method == "POST":
        return Response(_notice(services.notice_create(actor=request.user, data=_data(request))),
                        status=status.HTTP_201_CREATED)
    category = query_choice(request, "category", tuple(ProblemCategory.values), default="")
    notices = selectors.notice_list(user=request.user, q=request.GET.get("q", "")[:50], category=category,
                                    year=_year(request.GET.get("year")))[:MAX_PAGE]
    return Response([_notice(n) for n in notices])


@extend_schema(methods=["GET"], responses=NOTICE, summary="通报详情（含案例）")
@extend_schema(methods=["PATCH"], request=None, responses=NOTICE, summary="修改本县通报")
@extend_schema(methods=["DELETE"], responses={204: None}, summary="删除本县通报（有案例时拒绝）")
@api_view(["GET", "PATCH", "DELETE"])
@parser_classes([JSONParser])
def notice_detail(request, pk: int):
    if request.method == "DELETE":
        services.notice_delete(actor=request.user, pk=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)
    if request.method == "PATCH":
        services.notice_update(actor=request.user, pk=pk, data=_data(request))
    notice = selectors.notice_get(user=request.user, pk=pk)
    return Response({**_notice(notice), "case_list": [_case(c) for c in notice.cases.all()]})


@extend_schema(request=None, responses={201: CASE}, summary="添加案例")
@api_view(["POST"])
@parser_classes([JSONParser])
def notice_cases(request, pk: int):
    case = services.notice_case_add(actor=request.user, notice_pk=pk, data=_data(request))
    return Response(_case(case), status=status.HTTP_201_CREATED)


@extend_schema(methods=["GET"], responses=CASE, summary="通报案例")
@extend_schema(methods=["PATCH"], request=None, responses=CASE, summary="修改案例")
@extend_schema(methods=["DELETE"], responses={204: None}, summary="删除案例")
@api_view(["GET", "PATCH", "DELETE"])
@parser_classes([JSONParser])
def case_detail(request, pk: int):
    if request.method == "DELETE":
        services.notice_case_delete(actor=request.user, pk=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)
    if request.method == "PATCH":
        services.notice_case_update(actor=request.user, pk=pk, data=_data(request))
    return Response(_case(selectors.case_get(user=request.user, pk=pk)))


@extend_schema(request=None, responses=CASE, summary="更新案例整改情况")
@api_view(["POST"])
@parser_classes([JSONParser])
def case_rectify(request, pk: int):
    data = _data(request)
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
    path("cases/<int:pk>/", case_detail, name="monitor-case-detail"),
    path("cases/<int:pk>/rectification/", case_rectify, name="monitor-case-rectify"),
    path("index/", burden_index, name="monitor-index"),
]
