"""/api/v1/monitor/ — 减负监测 (the burden monitor).

GET    ledgers/<kind>/            rows of a ledger the account may see (scoped); `year`, `q`
POST   ledgers/<kind>/            file a row (JSON fields as in the xlsx template; document: multipart `file`)
GET    ledgers/<kind>/<pk>/       one row
PATCH  ledgers/<kind>/<pk>/       change fields of a row one may change
DELETE ledgers/<kind>/<pk>/       delete it
GET    findings/                  findings (scoped); `year`, `rule`, `issuer`, `status`
GET    rules/                     the rules and whether each is in force in the account's county
GET    notices/                   typical-problem notices; `q`, `category`, `year`
GET    index/                     基层负担指数 per village and month, issuers ranked (county office); `year`
"""

from __future__ import annotations

from django.urls import path
from django.utils import timezone
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import api_view, parser_classes
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from jianfu.core.errors import ApplicationError
from jianfu.monitor import ledgers, selectors, services
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


def _int(value, default=None):
    try:
        return int(value) if value not in (None, "") else default
    except (TypeError, ValueError):
        return default


ROW = inline_serializer("MonitorLedgerRow", {"id": serializers.IntegerField(), "kind": serializers.CharField(),
                                              "date": serializers.DateField(), "title": serializers.CharField(),
                                              "issuer_code": serializers.CharField(),
                                              "org_code": serializers.CharField()})


def _data(request) -> dict:
    if hasattr(request.data, "dict"):
        return request.data.dict()
    if not isinstance(request.data, dict):
        raise ApplicationError("请求体应为 JSON 对象。", code="invalid")
    return dict(request.data)


@extend_schema(methods=["GET"], responses=ROW, summary="台账列表")
@extend_schema(methods=["POST"], request=None, responses={201: ROW}, summary="登记台账")
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
    rows = selectors.ledger_list(user=request.user, kind=kind, year=_int(request.GET.get("year")),
                                 q=request.GET.get("q", "")[:50])[:MAX_PAGE]
    return Response([_row(kind, r) for r in rows])


@extend_schema(methods=["GET"], responses=ROW, summary="台账记录")
@extend_schema(methods=["PATCH"], request=None, responses=ROW, summary="修改台账记录")
@extend_schema(methods=["DELETE"], responses={204: None}, summary="删除台账记录")
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
    many=True), summary="减负问题")
@api_view(["GET"])
def finding_list(request):
    findings = selectors.finding_list(user=request.user, year=_int(request.GET.get("year")),
                                      rule=request.GET.get("rule", "")[:40], issuer=request.GET.get("issuer", "")[:20],
                                      status=request.GET.get("status", "")[:12])[:MAX_PAGE]
    return Response([{"id": f.pk, "rule": f.rule_code, "category": f.category, "ledger": f.ledger,
                      "row_id": f.row_id, "issuer_code": f.issuer_code, "issuer_name": f.issuer_name,
                      "org_code": f.org_code, "severity": f.severity, "summary": f.summary, "year": f.year,
                      "month": f.month, "status": f.status, "source": f.source} for f in findings])


@extend_schema(responses=inline_serializer("MonitorRule", {
    "id": serializers.IntegerField(), "code": serializers.CharField(), "name": serializers.CharField(),
    "threshold": serializers.IntegerField(allow_null=True), "citation": serializers.CharField(),
    "enabled": serializers.BooleanField()}, many=True), summary="减负规则")
@api_view(["GET"])
def rule_list(request):
    return Response([{"id": r["rule"].pk, "code": r["rule"].code, "name": r["rule"].name, "ledger": r["rule"].ledger,
                      "check": r["rule"].check_name, "threshold": r["rule"].threshold,
                      "severity": r["rule"].severity, "citation": r["rule"].citation, "scope": r["rule"].scope,
                      "local": r["local"], "enabled": r["enabled"]} for r in selectors.rule_rows(user=request.user)])


@extend_schema(responses=inline_serializer("MonitorNotice", {
    "id": serializers.IntegerField(), "level": serializers.CharField(), "title": serializers.CharField(),
    "cases": serializers.IntegerField()}, many=True), summary="典型问题通报")
@api_view(["GET"])
def notice_list(request):
    category = request.GET.get("category", "")
    notices = selectors.notice_list(user=request.user, q=request.GET.get("q", "")[:50],
                                    category=category if category in ProblemCategory.values else "",
                                    year=_int(request.GET.get("year")))[:MAX_PAGE]
    return Response([{"id": n.pk, "level": n.level, "batch": n.batch, "date": n.date.isoformat(), "issuer": n.issuer,
                      "title": n.title, "cases": n.declared_cases, "itemised": n.itemised, "is_tally": n.is_tally,
                      "synthetic": n.synthetic} for n in notices])


@extend_schema(responses=inline_serializer("MonitorIndex", {"year": serializers.IntegerField()}),
               summary="基层负担指数")
@api_view(["GET"])
def burden_index(request):
    year = _int(request.GET.get("year"), timezone.localdate().year)
    data = selectors.burden_index(user=request.user, year=year)
    return Response({"year": data["year"], "unit": "hours", "method": data["method"], "villages": data["villages"],
                     "towns": data["towns"], "issuers": data["issuers"], "components": data["components"]})


urlpatterns = [
    path("ledgers/<str:kind>/", ledger_list, name="monitor-ledger-list"),
    path("ledgers/<str:kind>/<int:pk>/", ledger_detail, name="monitor-ledger-detail"),
    path("findings/", finding_list, name="monitor-finding-list"),
    path("rules/", rule_list, name="monitor-rule-list"),
    path("notices/", notice_list, name="monitor-notice-list"),
    path("index/", burden_index, name="monitor-index"),
]
