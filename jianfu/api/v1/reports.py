"""/api/v1/reports/ — templates, report runs (computed on demand) and village submissions.

GET  templates/                       templates the account may see (departments: their own)
GET  templates/<code>/                one template with its cells
GET  runs/?template=&unit=&period=    a template computed for a unit and period: child rows + total
                                      (&group=village lists a county's villages)
GET  submissions/                     submissions in scope (?status=&template=&period=)
GET  submissions/<pk>/                one submission with its values (one still being filled: as 报送 would send now)
POST submissions/<pk>/submit/         village: submit (all manual cells filled); optional {"shown": {cell: value}}
POST submissions/<pk>/approve/        township / county office: approve (locks)
POST submissions/<pk>/return/         township / county office: return with {"reason": "…"}
"""

from __future__ import annotations

from django.urls import path
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response

from jianfu.api.body import body_fields, body_text
from jianfu.api.pagination import paginated_response
from jianfu.api.params import query_choice
from jianfu.api.schema import paginated
from jianfu.core.errors import ApplicationError
from jianfu.reports import selectors, services
from jianfu.reports.engine import exports
from jianfu.reports.engine.runner import AS_OF_REFERENCE_DATE, AS_OF_TODAY


class CellSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    element = serializers.CharField(source="element.code")
    element_name = serializers.CharField(source="element.name")
    kind = serializers.CharField(source="element.kind")
    unit = serializers.CharField(source="element.unit")
    by = serializers.DictField(child=serializers.CharField())
    address = serializers.CharField()


class TemplateSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    department = serializers.CharField()
    department_name = serializers.CharField()
    period_type = serializers.CharField()
    due_days = serializers.IntegerField(allow_null=True)
    source = serializers.CharField()
    has_form = serializers.SerializerMethodField()

    def get_has_form(self, obj) -> bool:
        return bool(obj.form_file)


class TemplateDetailSerializer(TemplateSerializer):
    cells = CellSerializer(many=True, source="cell_rows.all")


class SubmissionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    template = serializers.CharField(source="template.code")
    org_code = serializers.CharField()
    period = serializers.CharField()
    status = serializers.CharField()
    due_date = serializers.DateField()
    generated_at = serializers.DateTimeField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    on_time = serializers.BooleanField(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)
    return_reason = serializers.CharField()
    auto_cells = serializers.IntegerField()
    manual_cells = serializers.IntegerField()
    version = serializers.IntegerField()


class ViolationSerializer(serializers.Serializer):
    rule = serializers.CharField(help_text="range:K / le:K1:K2 / pct:K / jump:K")
    cells = serializers.ListField(child=serializers.CharField())
    message = serializers.CharField()
    needs_comment = serializers.BooleanField(help_text="true: answered by a comment; false: blocks submission")
    comment = serializers.CharField(allow_blank=True)


class SubmissionDetailSerializer(SubmissionSerializer):
    values = serializers.DictField()
    checks = ViolationSerializer(many=True, help_text="validation rules broken at the last save or submission")
    allowed_actions = serializers.SerializerMethodField()

    def get_allowed_actions(self, obj) -> list[str]:
        return services.allowed_actions(obj.status)


ReportColumnsSerializer = inline_serializer("ReportRunColumn", many=True, fields={
    "key": serializers.CharField(), "label": serializers.CharField(), "element": serializers.CharField(),
    "kind": serializers.ChoiceField(choices=["count", "count_distinct", "sum", "ratio", "manual"]),
    "unit": serializers.CharField(), "manual": serializers.BooleanField(),
    "as_of": serializers.ChoiceField(choices=[AS_OF_REFERENCE_DATE, AS_OF_TODAY], help_text=(
        "What the column's figures are: reference_date — as of the period's 统计时点 (reference_date); today — "
        "today's record although the period has ended (the page's badge 按当前登记数): a column of which no history "
        "is kept, or the registry as it stands today")),
    "badge": serializers.CharField(allow_blank=True, help_text="The badge the page shows under the heading: "
                                   "按当前登记数 when as_of is today, else empty"),
})

ReportSerializer = inline_serializer("ReportRun", {
    "template": serializers.CharField(), "template_name": serializers.CharField(),
    "unit": serializers.CharField(), "level": serializers.CharField(), "child_level": serializers.CharField(),
    "period": serializers.CharField(), "period_label": serializers.CharField(),
    "reference_date": serializers.DateField(), "columns": ReportColumnsSerializer,
    "note": serializers.CharField(allow_blank=True, help_text="The line the page shows under the table when some "
                                  "columns are today's record (注：「…」按当前登记数：…), else empty"),
    "rows": serializers.ListField(child=serializers.DictField()), "total": serializers.DictField(),
    "elapsed_ms": serializers.FloatField(), "queries": serializers.IntegerField(),
})


@extend_schema(responses=paginated(TemplateSerializer), operation_id="v1_reports_templates_list", summary="报表模板列表")
@api_view(["GET"])
def template_list(request):
    qs = selectors.template_list(user=request.user).order_by("department", "code")
    return paginated_response(request, qs, TemplateSerializer)


@extend_schema(responses=TemplateDetailSerializer, summary="报表模板详情")
@api_view(["GET"])
def template_detail(request, code: str):
    tpl = selectors.template_get(user=request.user, code=code)
    return Response(TemplateDetailSerializer(tpl).data)


@extend_schema(responses=ReportSerializer, summary="计算报表（按下级单位分行并合计）", parameters=[
    OpenApiParameter("template", str, required=True), OpenApiParameter("unit", str),
    OpenApiParameter("period", str), OpenApiParameter("group", str, enum=["village"])])
@api_view(["GET"])
def report_run(request):
    code = request.query_params.get("template", "")
    if not code:
        raise ApplicationError("缺少参数 template。", field="template")
    group = query_choice(request, "group", ("village",), default="")
    report = selectors.report_run(user=request.user, template_code=code,
                                  unit_code=request.query_params.get("unit") or None,
                                  period=request.query_params.get("period") or None,
                                  group_len=12 if group == "village" else None)
    today = timezone.localdate()
    data = report.to_dict(today=today)
    data.update(note=exports.current_note(report.current_only_columns(today)),
                elapsed_ms=round(report.elapsed_s * 1000, 2), queries=report.queries)
    return Response(data)


@extend_schema(responses=paginated(SubmissionSerializer), operation_id="v1_reports_submissions_list", summary="报送列表", parameters=[
    OpenApiParameter("status", str), OpenApiParameter("template", str), OpenApiParameter("period", str)])
@api_view(["GET"])
def submission_list(request):
    qs = selectors.submission_list(user=request.user, status=request.query_params.get("status") or None,
                                   template=request.query_params.get("template") or None,
                                   period=request.query_params.get("period") or None)
    return paginated_response(request, qs, SubmissionSerializer)


@extend_schema(responses=SubmissionDetailSerializer, summary="报送详情")
@api_view(["GET"])
def submission_detail(request, pk: int):
    sub = selectors.submission_get(user=request.user, pk=pk)
    data = SubmissionDetailSerializer(sub).data
    # a report still being filled: the figures 报送 would send now, as its page shows them (newuser19 #1)
    data["values"] = selectors.submission_figures(sub)
    return Response(data)


ReturnSerializer = inline_serializer("ReturnRequest", {"reason": serializers.CharField(max_length=1000)})


SubmitSerializer = inline_serializer("SubmissionSubmit", {"shown": serializers.DictField(
    child=serializers.JSONField(), required=False,
    help_text="可选：页面显示的自动取数（单元格编号 → 数值）；报送时重新取数，有变化则拒绝（400，code figures_changed）")})


@extend_schema(request=SubmitSerializer, responses=SubmissionDetailSerializer, summary="报送（村）")
@api_view(["POST"])
def submission_submit(request, pk: int):
    """Optional body {"shown": {cell key: value}}: the automatic figures the client showed; one that changed since
    refuses the submit (400, code figures_changed, each change listed), as on the web page."""
    sub = selectors.submission_get(user=request.user, pk=pk)
    shown = body_fields(request).get("shown")
    if shown is not None and not isinstance(shown, dict):
        raise ApplicationError("shown 应为对象：单元格编号 → 页面显示的数值。", code="invalid", field="shown")
    return Response(SubmissionDetailSerializer(
        services.submission_submit(actor=request.user, submission=sub, shown=shown)).data)


@extend_schema(request=None, responses=SubmissionDetailSerializer, summary="审核通过（锁定）")
@api_view(["POST"])
def submission_approve(request, pk: int):
    sub = selectors.submission_get(user=request.user, pk=pk)
    return Response(SubmissionDetailSerializer(services.submission_approve(actor=request.user, submission=sub)).data)


@extend_schema(request=ReturnSerializer, responses=SubmissionDetailSerializer, summary="退回（写明原因）")
@api_view(["POST"])
def submission_return(request, pk: int):
    sub = selectors.submission_get(user=request.user, pk=pk)
    reason = body_text(body_fields(request), "reason")
    return Response(SubmissionDetailSerializer(
        services.submission_return(actor=request.user, submission=sub, reason=reason)).data)


urlpatterns = [
    path("templates/", template_list, name="reports-template-list"),
    path("templates/<slug:code>/", template_detail, name="reports-template-detail"),
    path("runs/", report_run, name="reports-run"),
    path("submissions/", submission_list, name="reports-submission-list"),
    path("submissions/<int:pk>/", submission_detail, name="reports-submission-detail"),
    path("submissions/<int:pk>/submit/", submission_submit, name="reports-submission-submit"),
    path("submissions/<int:pk>/approve/", submission_approve, name="reports-submission-approve"),
    path("submissions/<int:pk>/return/", submission_return, name="reports-submission-return"),
]
