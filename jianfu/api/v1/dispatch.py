"""/api/v1/dispatch/ — events, their timeline and transitions, the catalogue, the 三率 metrics.

Thin: parse → dispatch services/selectors → serialise. Scoping lives in the selectors (a department
sees what is addressed to it, a village what happened in it); errors are the API's one JSON shape.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re

from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view, parser_classes
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from jianfu.accounts.roles import Capability
from jianfu.accounts.scoping import scope_for
from jianfu.api.errors import validated
from jianfu.api.pagination import Pagination
from jianfu.api.params import query_bool, query_choice, query_int
from jianfu.api.repeats import IDEMPOTENCY_KEY, create_once, made
from jianfu.api.schema import paginated
from jianfu.core.bounds import ID_BOUNDS, column_bounds
from jianfu.core.errors import ApplicationError, ConflictError, NotFoundError
from jianfu.core.uploads import too_many
from jianfu.dispatch import access, metrics, photos, selectors, services
from jianfu.dispatch.models import CatalogueVersion, Feedback, Source
from jianfu.dispatch.workflow import Status, timeline_label


class EventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    case_number = serializers.CharField(allow_null=True, help_text="受理编号（如 HP2612000123）")
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    public_status = serializers.SerializerMethodField()
    text = serializers.CharField()
    org_code = serializers.CharField()
    address = serializers.CharField()
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    urgency = serializers.CharField()
    source = serializers.CharField()
    matter_code = serializers.SerializerMethodField()
    department_code = serializers.CharField()
    routing_mode = serializers.CharField()
    routing_confidence = serializers.FloatField(allow_null=True)
    catalogue_version = serializers.IntegerField(source="catalogue_version_id", allow_null=True)
    reporter_name = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    dispatched_at = serializers.DateTimeField(allow_null=True)
    accepted_at = serializers.DateTimeField(allow_null=True)
    resolved_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    due_at = serializers.DateTimeField(allow_null=True)
    escalation_level = serializers.IntegerField()
    suspected_duplicate_of = serializers.IntegerField(source="suspected_duplicate_of_id", allow_null=True)
    merged_into = serializers.IntegerField(source="merged_into_id", allow_null=True)
    resolution = serializers.CharField()

    def get_public_status(self, event) -> str:
        return selectors.event_public_status(event)

    def get_matter_code(self, event) -> str:
        return event.matter.code if event.matter_id else ""

    def get_reporter_name(self, event) -> str:
        return selectors.reporter_display(event, self.context["request"].user)[0]


class TimelineSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    action = serializers.CharField()
    action_label = serializers.SerializerMethodField()
    actor = serializers.CharField(source="actor_label")
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    note = serializers.CharField()
    note_withheld = serializers.BooleanField(
        help_text=_l("true：这是部门的退回记录，退回理由仅县指挥中心（分派权限）和相关部门可读，本账号看到的 note 为空；"
                     "上报人和村、网格、乡镇账号只看到事件被哪个部门退回。"))
    public = serializers.BooleanField()

    def get_action_label(self, entry) -> str:
        return timeline_label(entry.action)


class MatterSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    group = serializers.CharField()
    description = serializers.CharField()
    keywords = serializers.ListField(child=serializers.CharField())
    department_code = serializers.CharField()
    cooperating_codes = serializers.ListField(child=serializers.CharField())
    grassroots_role = serializers.CharField()
    time_limit_days = serializers.IntegerField()
    urgent_hours = serializers.IntegerField()
    legal_basis = serializers.CharField()


class ReportRequest(serializers.Serializer):
    text = serializers.CharField(label=_l("事件描述"), allow_blank=True, trim_whitespace=False, max_length=200_000)
    org_code = serializers.CharField(label=_l("发生地"), max_length=20)
    matter_code = serializers.CharField(label=_l("事项编码"), required=False, allow_blank=True, max_length=40)
    urgency = serializers.CharField(label=_l("紧急程度"), required=False, default="normal", max_length=10)
    address = serializers.CharField(label=_l("地址"), required=False, allow_blank=True, max_length=2000)
    latitude = serializers.CharField(label=_l("纬度"), required=False, allow_blank=True, allow_null=True, max_length=40)
    longitude = serializers.CharField(label=_l("经度"), required=False, allow_blank=True, allow_null=True, max_length=40)
    # an empty file is the photo rule's to refuse, by its number as the web form says it ("第 1 张照片是空文件。"),
    # not DRF's by a 0-based index ("“照片.0”：提交的是空文件。"; badinput31b #3)
    photos = serializers.ListField(label=_l("照片"), child=serializers.FileField(allow_empty_file=True), required=False)


class ActionRequest(serializers.Serializer):
    note = serializers.CharField(label=_l("说明"), required=False, allow_blank=True, max_length=10_000)
    reason = serializers.CharField(label=_l("理由"), required=False, allow_blank=True, max_length=10_000)
    resolution = serializers.CharField(label=_l("办理结果"), required=False, allow_blank=True, max_length=10_000)
    department_code = serializers.CharField(label=_l("部门"), required=False, allow_blank=True, max_length=20)
    matter_code = serializers.CharField(label=_l("事项编码"), required=False, allow_blank=True, max_length=40)
    into = serializers.IntegerField(label=_l("合并到事件"), required=False, **ID_BOUNDS)
    score = serializers.IntegerField(label=_l("评分"), required=False, **column_bounds(Feedback, "score"))
    comment = serializers.CharField(label=_l("评价"), required=False, allow_blank=True, max_length=10_000)
    workdays = serializers.IntegerField(required=False, min_value=1, max_value=30)
    confirm = serializers.BooleanField(
        label=_l("确认派发"), required=False, default=False,
        help_text=_l("dispatch 专用：事件曾被所选部门退回时，须带 true 才会仍派发给该部门（否则 409，code "
                     "confirm_return，说明退回时间和理由，不做任何改动）；网页端对应“确认派发”页面。"))


def _dispatch(user, event, v):
    """`dispatch`: refused (409, nothing changed) when the department it sends the waiting event to returned it,
    unless the request confirms (`"confirm": true`) — the web's confirm page (newuser16 #4) for API clients.
    Who may dispatch is checked first, as on the web: the 409 names the department's return reason (security18 #4:
    a village, a grid worker or a township got it before the 403)."""
    access.require_covers(user, event, Capability.DISPATCH)
    department_code, matter_code = v.get("department_code", ""), v.get("matter_code", "")
    target, returned = selectors.return_to_confirm(event, department_code, matter_code)
    if returned is not None and not v.get("confirm"):
        raise ConflictError(
            _("事件 %(number)s 已于 %(at)s 被%(dept)s退回，退回理由：%(reason)s。确定仍派发给该部门，请在请求中加上 "
              "\"confirm\": true；否则请另选部门，避免事件来回退转。") % {
                "number": event.number, "at": timezone.localtime(returned.at).strftime("%Y-%m-%d %H:%M"),
                "dept": selectors.department_name(target), "reason": returned.note or "—"},
            code="confirm_return", field="department_code")
    return services.event_dispatch(actor=user, event=event, department_code=department_code,
                                   matter_code=matter_code, note=v.get("note", ""))


# the `org` filter of the events list: a division code or its prefix, ASCII digits (a grid's code is 15)
ORG_PREFIX = re.compile(r"[0-9]{1,15}")


def _serialize(request, events, many=True):
    return EventSerializer(events, many=many, context={"request": request}).data


_ROUTED = "_jianfu_routed_ahead"


def _report_first(request) -> None:
    """`create_once`'s `before` for a report: its photos decoded and re-encoded (`photos.clean_photos`, up to 1.8 s
    CPU for six) and its routing decided (`services.event_route_ahead`: tens of ms, an e5 pass; mend20 #2; only for
    a place the reporter covers, cr20b #3) outside
    the create transaction, which on SQLite holds the write lock throughout (security19 #4); the report takes the
    photos from the uploads and the decision from the request. A refusal is left to the view, so a report's errors
    come in its order; by the one upload rule (`core.uploads`, as the web form) a photo over the limit or one too many
    is not read here, nor by the request's content digest (`create_once`'s `uploads`). Nothing is done for a place
    the reporter does not cover: the report refuses it before any photo is decoded (mend21 #2). The photos are
    cleaned as the report cleans them (`photos.clean_photos`): every header checked before any is decoded, so a post
    whose last file is no image decodes none (security22 #1; each was decoded, then the post refused)."""
    data = request.data if hasattr(request.data, "get") else {}   # a body that is no object: refused by the view
    user = request.user   # the report's own area check, for the accounts it checks (`services.event_report`)
    if access.is_staff_user(user) and not access.covers(user, str(data.get("org_code") or "").strip()):
        return   # refused by the report (its area check), no photo decoded, nothing routed
    uploads = request.FILES.getlist("photos") if hasattr(request, "FILES") else []
    if too_many(uploads, most=photos.MAX_PHOTOS):
        return   # refused by the report, before any photo is read
    with contextlib.suppress(ApplicationError):   # every photo's header first, none decoded unless all pass (security22)
        photos.clean_photos(uploads)
    setattr(request, _ROUTED, services.event_route_ahead(actor=request.user, text=data.get("text"),
                                                         org_code=data.get("org_code"),
                                                         matter_code=data.get("matter_code")))


@extend_schema(methods=["GET"], responses=paginated(EventSerializer), operation_id="v1_dispatch_events_list", summary="事件列表（按权限范围）",
               parameters=[OpenApiParameter("status", str, enum=list(Status.values)), OpenApiParameter("overdue", bool),
                           OpenApiParameter("q", str),
                           OpenApiParameter("org", str, pattern=f"^{ORG_PREFIX.pattern}$",
                                            description="发生地的区划代码或其前缀（1–15 位数字），如 450521200")])
@extend_schema(methods=["POST"], request=ReportRequest, parameters=[IDEMPOTENCY_KEY], responses={201: EventSerializer}, summary="上报事件")
@api_view(["GET", "POST"])
@parser_classes([JSONParser, MultiPartParser, FormParser])
@create_once(permit=access.require_reporter, before=_report_first, uploads=(photos.MAX_PHOTO_BYTES, photos.MAX_PHOTOS))
def events(request):
    if request.method == "POST":
        return _event_create(request)
    params = request.query_params
    status = query_choice(request, "status", tuple(Status.values), default="")
    org = params.get("org", "")
    if org and not ORG_PREFIX.fullmatch(org):
        # badinput31b #4: `org=abc` (or a full-width 450521) was dropped and every event in scope answered, as if the
        # filter had matched them all
        raise ApplicationError(_("参数 org 应为发生地的区划代码或其前缀（1–15 位数字），收到“%(raw)s”。") % {"raw": org[:20]},
                               field="org")
    qs = selectors.event_list(user=request.user, status=status or None,
                              overdue=bool(query_bool(request, "overdue")), q=params.get("q", "")[:100],
                              org_prefix=org or None)
    paginator = Pagination()
    page = paginator.paginate_queryset(qs, request)
    return paginator.get_paginated_response(_serialize(request, page))


def _event_create(request):
    data = ReportRequest(data=request.data)
    validated(data)
    v = data.validated_data
    source = {"grid": Source.GRID, "village": Source.VILLAGE, "township": Source.TOWN}.get(request.user.role, Source.API)
    event = services.event_report(actor=request.user, text=v["text"], org_code=v["org_code"], source=source,
                                  matter_code=v.get("matter_code") or None, urgency=v.get("urgency", "normal"),
                                  address=v.get("address", ""), latitude=v.get("latitude"),
                                  longitude=v.get("longitude"), photos=v.get("photos", ()),
                                  ahead=getattr(request, _ROUTED, None))
    return Response(_serialize(request, made(event), many=False), status=201)


@extend_schema(responses=EventSerializer, summary="事件详情")
@api_view(["GET"])
def event_detail(request, pk: int):
    return Response(_serialize(request, selectors.event_get(user=request.user, pk=pk), many=False))


@extend_schema(responses=TimelineSerializer(many=True), summary="事件办理记录")
@api_view(["GET"])
def event_timeline(request, pk: int):
    event = selectors.event_get(user=request.user, pk=pk)
    return Response(TimelineSerializer(selectors.event_timeline(user=request.user, event=event), many=True).data)


ACTIONS = {
    "dispatch": _dispatch,
    "accept": lambda u, e, v: services.event_accept(actor=u, event=e, note=v.get("note", "")),
    "start": lambda u, e, v: services.event_start(actor=u, event=e, note=v.get("note", "")),
    "resolve": lambda u, e, v: services.event_resolve(actor=u, event=e, resolution=v.get("resolution", ""),
                                                      unreported_reason=v.get("unreported_reason", "")),
    "return": lambda u, e, v: services.event_return(actor=u, event=e, reason=v.get("reason", "")),
    "merge": lambda u, e, v: services.event_merge(actor=u, event=e, into=v.get("into")),
    "reopen": lambda u, e, v: services.event_reopen(actor=u, event=e, reason=v.get("reason", "")),
    "feedback": lambda u, e, v: services.event_feedback(actor=u, event=e, score=v.get("score"),
                                                        comment=v.get("comment", "")),
    "extend": lambda u, e, v: services.event_extension_request(actor=u, event=e, workdays=v.get("workdays"),
                                                               reason=v.get("reason", "")) and e,
    "extend_approve": lambda u, e, v: services.event_extension_decide(actor=u, event=e, approve=True,
                                                                      note=v.get("note", "")) and e,
    "extend_refuse": lambda u, e, v: services.event_extension_decide(actor=u, event=e, approve=False,
                                                                     note=v.get("note", "")) and e,
    "transfer": lambda u, e, v: services.event_transfer(actor=u, event=e, department_code=v.get("department_code", ""),
                                                        reason=v.get("reason", "")),
    "assist": lambda u, e, v: services.event_assist_invite(actor=u, event=e,
                                                           department_code=v.get("department_code", ""),
                                                           note=v.get("note", "")) and e,
}


@extend_schema(request=ActionRequest, responses=EventSerializer,
               summary="事件流转（dispatch/accept/start/resolve/return/merge/reopen/feedback/extend/extend_approve/"
                       "extend_refuse/transfer/assist）",
               description="dispatch：待派发的事件曾被所选部门（department_code，或 matter_code 的牵头部门）退回时，"
                           "请求须带 \"confirm\": true 才会仍派发给该部门；否则返回 409（error.code 为 "
                           "confirm_return，error.message 说明退回时间和理由），事件不做任何改动。")
@api_view(["POST"])
def event_action(request, pk: int, action: str):
    if action not in ACTIONS:
        raise NotFoundError("不支持的操作。")
    data = ActionRequest(data=request.data)
    validated(data)
    event = selectors.event_get(user=request.user, pk=pk)
    event = ACTIONS[action](request.user, event, data.validated_data)
    if action == "transfer":  # the event now belongs to the other department: answer with what was done
        event.refresh_from_db()
        return Response(_serialize(request, event, many=False))
    return Response(_serialize(request, selectors.event_get(user=request.user, pk=event.pk), many=False))


def _county(request) -> str:
    scope = scope_for(request.user)
    code = request.query_params.get("county", "")
    if code:
        code = code[:6].ljust(12, "0")
        if not code.isdigit() or not scope.covers(code) and not scope.covers(code[:6]):
            raise NotFoundError("找不到该县的职责清单，或不在您的管辖范围内。")
        return code
    unit = scope.prefix or scope.unit_code or ""
    if scope.is_all and not unit:
        first = CatalogueVersion.objects.order_by("org_code").values_list("org_code", flat=True).first()
        return first or ""
    return unit[:6].ljust(12, "0") if len(unit) >= 6 else ""


@extend_schema(responses=inline_serializer("Catalogue", {
    "county": serializers.CharField(), "version": serializers.IntegerField(allow_null=True),
    "effective_from": serializers.DateField(allow_null=True), "matters": MatterSerializer(many=True)}),
    parameters=[OpenApiParameter("county", str), OpenApiParameter("group", str)], summary="当前生效的职责清单")
@api_view(["GET"])
def catalogue(request):
    county = _county(request)
    version = services.catalogue_in_force(county) if county else None
    matters = selectors.matter_list_active(county_code=county, group=request.query_params.get("group") or None) \
        if county else []
    return Response({"county": county, "version": version.number if version else None,
                     "effective_from": version.effective_from if version else None,
                     "matters": MatterSerializer(matters, many=True).data})


@extend_schema(responses=inline_serializer("DispatchMetrics", {
    "by": serializers.CharField(), "days": serializers.IntegerField(),
    "rows": serializers.ListField(child=serializers.DictField())}),
    parameters=[OpenApiParameter("by", str, enum=["department", "town"]),
                OpenApiParameter("days", {"type": "integer", "minimum": 1, "maximum": 3660},
                                 description="统计最近多少天（1–3660，默认 90）")],
    summary="三率统计")
@api_view(["GET"])
def metrics_view(request):
    by = query_choice(request, "by", ("department", "town"), default="department")
    days = query_int(request, "days", maximum=3660) or 90
    if not access.is_staff_user(request.user):
        raise NotFoundError("找不到该记录，或不在您的管辖范围内。")
    qs = selectors.event_list(user=request.user, since=timezone.now() - dt.timedelta(days=days))
    rows = metrics.compute(qs, by=by)
    return Response({"by": by, "days": days, "rows": [r.as_dict() for r in rows],
                     "total": metrics.totals(rows).as_dict()})


urlpatterns = [
    path("events/", events, name="dispatch-events"),
    path("events/<int:pk>/", event_detail, name="dispatch-event-detail"),
    path("events/<int:pk>/timeline/", event_timeline, name="dispatch-event-timeline"),
    path("events/<int:pk>/<str:action>/", event_action, name="dispatch-event-action"),
    path("catalogue/", catalogue, name="dispatch-catalogue"),
    path("metrics/", metrics_view, name="dispatch-metrics"),
]
