"""/api/v1/directline/ — 基层减负直通车.

Public (no authentication, no session, no address kept — see docs/directline.md):
POST public/reports/            submit: place, category, text, send_anyway; multipart `attachments` → receipt_code (once)
POST public/follow/             code → status, category, dates, the exchange with the office, the outcome, and a
                                fresh one-time `answer_token`
POST public/answer/             code, text, send_anyway → answer the office's question / add information; the header
                                `Idempotency-Key` (the follow's answer_token, or the client's own random 32–64
                                characters) makes a retried or duplicated post send nothing twice, as the follow page's
                                one-time form token does (session 15)

Designated handlers (capability directline.handle and a key slot):
GET  reports/                   metadata of the county's reports (?status=)
GET  reports/<pk>/              one report's metadata
POST reports/<pk>/open/         passphrase → the decrypted text, exchange and outcome (audited unlock)
POST reports/<pk>/<action>/     passphrase (a report is not handled unread) and accept | ask (question) | close (note) |
                                refer (note) | to_finding (issuer_code, summary, note) | to_rule (rule, note)
GET  stats/?quarter=YYYY-MM-DD  small-count-suppressed statistics of a closed quarter
"""

from __future__ import annotations

from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import api_view, authentication_classes, parser_classes, permission_classes
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from jianfu.api.body import body_fields, body_text
from jianfu.api.errors import validated
from jianfu.api.params import query_choice
from jianfu.api.schema import UNAVAILABLE
from jianfu.core import formtokens
from jianfu.core.errors import ApplicationError, NotFoundError
from jianfu.core.uploads import files_named
from jianfu.directline import selectors, services
from jianfu.directline.attachments import MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, keep_uploads_in_memory
from jianfu.directline.models import Category
from jianfu.directline.workflow import Action, Status

PARSERS = [JSONParser, MultiPartParser, FormParser]


class DirectlineSubmitSerializer(serializers.Serializer):
    place = serializers.CharField(label=_l("反映地点"), max_length=20, help_text="县代码，或本县某乡镇（街道）代码")
    category = serializers.ChoiceField(label=_l("问题类别"), choices=Category.choices)
    text = serializers.CharField(label=_l("反映内容"), max_length=20000, trim_whitespace=False)
    send_anyway = serializers.BooleanField(label=_l("仍然发送"), required=False, default=False)


class DirectlineCodeSerializer(serializers.Serializer):
    code = serializers.CharField(label=_l("回执码"), max_length=80, allow_blank=True)


class DirectlineAnswerSerializer(DirectlineCodeSerializer):
    text = serializers.CharField(label=_l("回复内容"), max_length=20000, trim_whitespace=False)
    send_anyway = serializers.BooleanField(label=_l("仍然发送"), required=False, default=False)


class DirectlineReportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    org_code = serializers.CharField()
    category = serializers.CharField()
    status = serializers.CharField()
    received_on = serializers.DateField()
    updated_on = serializers.DateField()
    contains_identifiers = serializers.BooleanField()
    finding_ref = serializers.CharField()
    rule_ref = serializers.CharField()


def _exchange(opened) -> dict:
    return {"status": opened.report.status, "status_label": str(Status(opened.report.status).label),
            "category": opened.report.category, "received_on": opened.report.received_on.isoformat(),
            "text": opened.text, "outcome": opened.outcome,
            "messages": [{"author": m.author, "text": m.text, "created_on": m.created_on.isoformat(),
                          "attachments": len(m.attachments)} for m in opened.messages],
            "attachments": len(opened.attachments)}


def _valid(serializer_class, request):
    return validated(serializer_class(data=request.data))


def _attachments() -> serializers.ListField:
    return serializers.ListField(
        child=serializers.FileField(), required=False, max_length=MAX_ATTACHMENTS,
        help_text=f"附件：图片、PDF 或 docx，最多 {MAX_ATTACHMENTS} 个，每个不超过 {MAX_ATTACHMENT_BYTES // 2**20} MB")


class DirectlineSubmitUploadSerializer(DirectlineSubmitSerializer):
    attachments = _attachments()


class DirectlineAnswerUploadSerializer(DirectlineAnswerSerializer):
    attachments = _attachments()


def _with_attachments(serializer_class, upload_class) -> dict:
    """JSON and form bodies are the serializer's fields; a multipart body may add files (`attachments`)."""
    return {"application/json": serializer_class, "application/x-www-form-urlencoded": serializer_class,
            "multipart/form-data": upload_class}


@extend_schema(request=_with_attachments(DirectlineSubmitSerializer, DirectlineSubmitUploadSerializer), summary="匿名提交直通车反映（回执码只返回这一次）",
               responses={201: inline_serializer("DirectlineReceipt", {"receipt_code": serializers.CharField(),
                                                                       "status": serializers.CharField()}),
                          503: UNAVAILABLE})
@sensitive_post_parameters()   # above @api_view (below it, it gets DRF's Request and raises): marks Django's request
@api_view(["POST"])
@authentication_classes([])
@permission_classes([AllowAny])
@parser_classes(PARSERS)
@sensitive_variables()   # the locals of this function and of every frame it calls (the text, the code)
def public_submit(request):
    keep_uploads_in_memory(request._request)  # before the body is parsed: no temporary files
    data = _valid(DirectlineSubmitSerializer, request)
    county_code, township_code = selectors.place_split(data["place"])
    report, code = services.report_submit(
        county_code=county_code, township_code=township_code, category=data["category"], text=data["text"],
        attachments=files_named(request, "attachments") if hasattr(request, "FILES") else (),
        send_anyway=data["send_anyway"])
    return Response({"receipt_code": code, "status": report.status}, status=status.HTTP_201_CREATED)


@extend_schema(request=DirectlineCodeSerializer, summary="凭回执码查看办理情况", responses={200: dict, 503: UNAVAILABLE},
               description="返回办理情况，以及一个新的一次性 answer_token：回答时把它放在请求头 Idempotency-Key 中，"
                           "同一回答重复提交（重试、网络重发）只发送一次。")
@sensitive_post_parameters()   # above @api_view (below it, it gets DRF's Request and raises): marks Django's request
@api_view(["POST"])
@authentication_classes([])
@permission_classes([AllowAny])
@parser_classes(PARSERS)
@sensitive_variables()   # the locals of this function and of every frame it calls (the text, the code)
def public_follow(request):
    data = _valid(DirectlineCodeSerializer, request)
    report, private = selectors.report_by_receipt(code=data["code"])
    # the API's equivalent of the follow page's one-time form token (a random value naming nothing)
    return Response({**_exchange(selectors.reporter_view(report=report, private=private)),
                     "answer_token": services.form_token_new()})


IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key", str, OpenApiParameter.HEADER, required=False, pattern=f"^{formtokens.TOKEN_RE.pattern}$",
    description="一次性键：32–64 位字母、数字、- 或 _（可用 public/follow/ 返回的 answer_token，或客户端自己生成的随机值）。"
                "以同一键重复提交（重试、网络重发）不会再次发送：返回 200 和 repeated=true，以及先前已发送的交流记录。"
                "不带此请求头时每次提交都会发送。")


@extend_schema(request=_with_attachments(DirectlineAnswerSerializer, DirectlineAnswerUploadSerializer), summary="凭回执码回答提问或补充情况",
               parameters=[IDEMPOTENCY_KEY], responses={201: dict, 200: dict, 503: UNAVAILABLE})
@sensitive_post_parameters()   # above @api_view (below it, it gets DRF's Request and raises): marks Django's request
@api_view(["POST"])
@authentication_classes([])
@permission_classes([AllowAny])
@parser_classes(PARSERS)
@sensitive_variables()   # the locals of this function and of every frame it calls (the text, the code)
def public_answer(request):
    keep_uploads_in_memory(request._request)
    key = request.headers.get("Idempotency-Key")
    if key is not None and not formtokens.TOKEN_RE.fullmatch(key):
        # a client that sends a key counts on it: a malformed one is refused, never ignored
        raise ApplicationError(_("Idempotency-Key 应为 32–64 位字母、数字、- 或 _（可使用 public/follow/ 返回的 "
                                 "answer_token）。"), code="invalid", field="Idempotency-Key")
    data = _valid(DirectlineAnswerSerializer, request)
    report, private = selectors.report_by_receipt(code=data["code"])
    answer = {"report": report, "text": data["text"], "send_anyway": data["send_anyway"],
              "attachments": files_named(request, "attachments") if hasattr(request, "FILES") else ()}
    if key is None:   # the key is optional here (unlike the web form's token): without one, every post sends
        services.reporter_answer(**answer)
        sent = True
    else:
        try:
            _message, sent = services.reporter_answer_from_form(form_token=key, **answer)
        except ApplicationError as exc:
            if exc.code != "form_expired":
                raise
            # the key was used for another answer (ADR 0036): the API's word for it, not the web form's
            raise ApplicationError(_(formtokens.API_KEY_REUSED), code="idempotency_key_reused",
                                   field="Idempotency-Key") from None
    report.refresh_from_db()
    return Response({**_exchange(selectors.reporter_view(report=report, private=private)), "repeated": not sent},
                    status=201 if sent else 200)


@extend_schema(responses=DirectlineReportSerializer(many=True), summary="直通车反映列表（仅元数据）",
               parameters=[OpenApiParameter("status", str, enum=list(Status.values))])
@api_view(["GET"])
def report_list(request):
    wanted = query_choice(request, "status", tuple(Status.values), default="")
    reports = selectors.report_list(user=request.user, status=wanted)
    return Response(DirectlineReportSerializer(reports[:500], many=True).data)


@extend_schema(responses=DirectlineReportSerializer, summary="直通车反映（元数据）")
@api_view(["GET"])
def report_detail(request, pk: int):
    return Response(DirectlineReportSerializer(selectors.report_get(user=request.user, pk=pk)).data)


@extend_schema(request=inline_serializer("DirectlinePassphrase", {"passphrase": serializers.CharField()}),
               responses={200: dict}, summary="用直通车口令解密阅读一条反映")
@sensitive_post_parameters()   # the passphrase
@api_view(["POST"])
@parser_classes(PARSERS)
@sensitive_variables()   # the passphrase, the unsealed private key and the clear text
def report_open(request, pk: int):
    report = selectors.report_get(user=request.user, pk=pk)
    passphrase = body_text(body_fields(request), "passphrase")
    private = services.handler_unlock(actor=request.user, passphrase=passphrase)
    return Response(_exchange(selectors.report_open(user=request.user, report=report, private=private)))


HANDLER_ACTIONS = [a for a in Action.values if a != Action.ANSWER]  # the reporter's answer is not a handler's action


class DirectlineActionSerializer(serializers.Serializer):
    """What `report_act` reads; which fields an action needs is in each one's description."""
    passphrase = serializers.CharField(required=False, allow_blank=True, max_length=200,
                                       help_text="直通车口令（办理前须能解密阅读；不填则不尝试解锁）")
    question = serializers.CharField(required=False, min_length=2, max_length=services.MAX_TEXT,
                                     help_text="ask：向反映人提的问题（必填）")
    note = serializers.CharField(required=False, allow_blank=True, max_length=services.MAX_TEXT,
                                 help_text="close（必填）、refer、to_finding、to_rule：办理意见，反映人凭回执码可以看到")
    issuer_code = serializers.CharField(required=False, max_length=20, help_text="to_finding：造成负担的单位代码")
    summary = serializers.CharField(required=False, min_length=5, max_length=services.MAX_SUMMARY,
                                    help_text="to_finding：问题摘要（进入减负监测，请勿写入可识别反映人的信息）")
    rule = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1,
                                    help_text="to_rule：监测规则编号（全国规则或本县规则）")


@extend_schema(request=DirectlineActionSerializer, responses=DirectlineReportSerializer, summary="办理直通车反映",
               parameters=[OpenApiParameter("action", str, OpenApiParameter.PATH, enum=HANDLER_ACTIONS)])
@sensitive_post_parameters()   # the passphrase, a question or note to the reporter
@api_view(["POST"])
@parser_classes(PARSERS)
@sensitive_variables()   # the passphrase and the unsealed private key
def report_act(request, pk: int, action: str):
    report = selectors.report_get(user=request.user, pk=pk)
    data = body_fields(request)
    if action not in HANDLER_ACTIONS:
        raise NotFoundError("未知的操作。")
    # Every field read before anything is tried: a malformed body costs no unlock.
    fields = {name: body_text(data, name) for name in ("question", "note", "issuer_code", "summary", "rule")}
    text = fields.__getitem__
    # Stateless, as reports/<pk>/open/: the passphrase comes with the action, which a locked handler cannot take
    # (N10). Without one nothing is tried (no failed unlock is counted); a wrong one counts as at open/.
    passphrase = body_text(data, "passphrase")
    private = services.handler_unlock(actor=request.user, passphrase=passphrase) if passphrase else None
    key = {"actor": request.user, "report": report, "private": private}
    handlers = {
        Action.ACCEPT: lambda: services.report_accept(**key),
        Action.ASK: lambda: services.report_ask(**key, question=text("question")),
        Action.CLOSE: lambda: services.report_close(**key, note=text("note")),
        Action.REFER: lambda: services.report_refer(**key, note=text("note")),
        Action.TO_FINDING: lambda: services.report_to_finding(**key, issuer_code=text("issuer_code"),
                                                              summary=text("summary"), note=text("note")),
        Action.TO_RULE: lambda: services.report_to_rule(**key, rule_id=text("rule"), note=text("note")),
    }
    handlers[action]()
    report.refresh_from_db()
    return Response(DirectlineReportSerializer(report).data)


@extend_schema(responses={200: dict}, summary="直通车统计（已结束季度，小于 5 的数不显示）", parameters=[
    OpenApiParameter("quarter", str, description="最近 4 个已结束季度之一的首日（YYYY-MM-DD），默认最近一个")])
@api_view(["GET"])
def stats(request):
    quarters = selectors.closed_quarters(timezone.localdate())
    starts = tuple(q_start.isoformat() for q_start, _q_end in quarters)
    start, end = quarters[starts.index(query_choice(request, "quarter", starts, default=starts[0]))]
    result = selectors.statistics(user=request.user, start=start, end=end)

    def listing(lst):
        return {"cells": [{"label": c.label, "count": c.value} for c in lst.cells], "total": lst.total}

    return Response({"period": result.period, "start": start.isoformat(), "end": end.isoformat(),
                     "by_township": listing(result.by_township), "by_category": listing(result.by_category),
                     "by_status": listing(result.by_status), "threshold": 5,
                     "note": "count 为 null：少于 5 件，或为防止推算小数字而不公开"})


urlpatterns = [
    path("public/reports/", public_submit, name="directline-public-submit"),
    path("public/follow/", public_follow, name="directline-public-follow"),
    path("public/answer/", public_answer, name="directline-public-answer"),
    path("reports/", report_list, name="directline-report-list"),
    path("reports/<int:pk>/", report_detail, name="directline-report-detail"),
    path("reports/<int:pk>/open/", report_open, name="directline-report-open"),
    path("reports/<int:pk>/<str:action>/", report_act, name="directline-report-act"),
    path("stats/", stats, name="directline-stats"),
]
