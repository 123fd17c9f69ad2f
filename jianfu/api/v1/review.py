"""/api/v1/review/ — document review (减负一致性评估).

GET  documents/            the documents the account may see (scoped)
POST reviews/              review a file (multipart `file`) or pasted `text`; optional `title`, `document` (revision)
GET  reviews/<pk>/         a stored review with its findings
GET  rules/                the rule catalogue in force for the account's county
"""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.utils.translation import gettext_lazy as _l
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import api_view, parser_classes
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from jianfu.accounts.roles import Capability
from jianfu.accounts.scoping import scope_for
from jianfu.api.errors import validated
from jianfu.api.repeats import IDEMPOTENCY_KEY, create_once, made
from jianfu.core.bounds import ID_BOUNDS
from jianfu.core.errors import ApplicationError
from jianfu.review import selectors, services
from jianfu.review.engine import readers


class FindingSerializer(serializers.Serializer):
    rule_id = serializers.CharField()
    rule_name = serializers.CharField()
    group = serializers.CharField()
    provision = serializers.CharField()
    severity = serializers.CharField()
    clause = serializers.IntegerField(source="clause_index", allow_null=True)
    heading = serializers.CharField()
    page = serializers.IntegerField(allow_null=True)
    span = serializers.SerializerMethodField()
    matched = serializers.CharField()
    text = serializers.CharField(source="sentence")
    suggestion = serializers.CharField()
    origin = serializers.CharField(help_text="engine 自动审查 / reviewer 减负办补充")
    status = serializers.CharField(help_text="open 有效 / dismissed 减负办已排除")
    reason = serializers.CharField(help_text="排除理由或补充说明")

    def get_span(self, obj) -> list[int]:
        return [obj.start, obj.end]


class ReviewSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    document = serializers.IntegerField(source="version.document_id")
    title = serializers.CharField(source="version.document.title")
    version = serializers.IntegerField(source="version.number")
    score = serializers.IntegerField()
    conclusion = serializers.CharField()
    kind = serializers.CharField()
    length = serializers.IntegerField()
    previous = serializers.IntegerField(source="previous_id", allow_null=True)
    created_at = serializers.DateTimeField()
    findings = FindingSerializer(many=True, source="findings.all")
    notes = serializers.ListField(child=serializers.DictField(), help_text="未计为问题的命中及原因")


class DocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.CharField()
    org_code = serializers.CharField()
    updated_at = serializers.DateTimeField()
    latest_review = serializers.SerializerMethodField()

    def get_latest_review(self, obj) -> int | None:
        latest = obj.latest_version
        review = getattr(latest, "review", None) if latest else None
        return review.pk if review else None


class SubmitSerializer(serializers.Serializer):
    file = serializers.FileField(label=_l("文件"), required=False)
    text = serializers.CharField(label=_l("文本"), required=False, allow_blank=True, trim_whitespace=False, max_length=readers.MAX_CHARS * 2)
    title = serializers.CharField(label=_l("标题"), required=False, allow_blank=True, max_length=200)
    document = serializers.IntegerField(label=_l("文件编号"), required=False, **ID_BOUNDS)


@extend_schema(responses=DocumentSerializer(many=True), summary="送审文件列表")
@api_view(["GET"])
def document_list(request):
    documents = selectors.document_list(user=request.user)[:500]
    return Response(DocumentSerializer(documents, many=True).data)


def _submission(request) -> dict[str, Any]:
    """The checks of a review's post and the document read and reviewed (`services.review_prepare`): the arguments
    of `services.review_submit`, which then only writes."""
    scope_for(request.user).require(Capability.REVIEW_SUBMIT)
    data = SubmitSerializer(data=request.data)
    validated(data)
    upload = data.validated_data.get("file")
    document = None
    if data.validated_data.get("document"):
        document = selectors.document_get(user=request.user, pk=data.validated_data["document"])
    content, filename = None, ""
    if upload is not None:
        if upload.size > readers.MAX_BYTES:
            raise ApplicationError(f"文件大小超过 {readers.MAX_BYTES // 1024 // 1024} MB 的上限。", code="too_large",
                                   field="file")
        upload.seek(0)
        content, filename = upload.read(), upload.name
    arguments: dict[str, Any] = {"data": content, "filename": filename, "document": document,
                 "text": data.validated_data.get("text") if content is None else None}
    prepared = services.review_prepare(actor=request.user, **arguments)
    return {**arguments, "title": data.validated_data.get("title", ""), "prepared": prepared}


_SUBMISSION = "_jianfu_review_submission"


def _prepare(request) -> None:
    """`create_once`'s `before`: the reading and reviewing (4–5 s on 60,000 characters) outside the create
    transaction, which on SQLite holds the write lock throughout (security19 #4); the create only writes."""
    setattr(request, _SUBMISSION, _submission(request))


@extend_schema(request=SubmitSerializer, parameters=[IDEMPOTENCY_KEY], responses={201: ReviewSerializer}, summary="送审（上传文件或粘贴文本）")
@api_view(["POST"])
@parser_classes([MultiPartParser, FormParser, JSONParser])
@create_once(permit=Capability.REVIEW_SUBMIT, before=_prepare, uploads=(readers.MAX_BYTES, None))
def review_create(request):
    submission = getattr(request, _SUBMISSION, None) or _submission(request)   # an anonymous post: refused there
    review = services.review_submit(actor=request.user, **submission)
    return Response(ReviewSerializer(made(review)).data, status=status.HTTP_201_CREATED)


@extend_schema(responses=ReviewSerializer, summary="审查结果")
@api_view(["GET"])
def review_detail(request, pk: int):
    return Response(ReviewSerializer(selectors.review_get(user=request.user, pk=pk)).data)


@extend_schema(responses=inline_serializer("ReviewRule", {
    "id": serializers.CharField(), "name": serializers.CharField(), "group": serializers.CharField(),
    "severity": serializers.CharField(), "provision": serializers.CharField(), "enabled": serializers.BooleanField(),
    "custom": serializers.BooleanField()}, many=True), summary="审查规则")
@api_view(["GET"])
def rule_list(request):
    _county, rows = selectors.rule_rows(user=request.user)
    return Response([{"id": r["rule"].id, "name": r["rule"].name, "group": r["rule"].group,
                      "severity": r["rule"].severity, "provision": r["rule"].provision, "enabled": r["enabled"],
                      "custom": r["custom"]} for r in rows])


urlpatterns = [
    path("documents/", document_list, name="review-document-list"),
    path("reviews/", review_create, name="review-review-create"),
    path("reviews/<int:pk>/", review_detail, name="review-review-detail"),
    path("rules/", rule_list, name="review-rule-list"),
]
