"""One JSON error shape for the whole API:

    {"error": {"code": "invalid", "message": "中文说明", "fields": {"field": ["reason", …]}}}
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from jianfu.core.errors import ApplicationError, with_retry_after

MESSAGES = {
    "not_authenticated": _l("需要登录或提供有效令牌。"),
    "authentication_failed": _l("身份验证失败。"),
    "permission_denied": _l("您无权进行此操作。"),
    "not_found": _l("找不到该记录，或不在您的管辖范围内。"),
    "method_not_allowed": _l("不支持该请求方法。"),
    "parse_error": _l("请求内容格式错误（不是有效的 JSON 或表单）。"),
    "unsupported_media_type": _l("不支持的内容类型。"),
    "throttled": _l("请求过于频繁，请稍后再试。"),
    "invalid": _l("提交的数据有误。"),
    "not_acceptable": _l("无法提供所请求的格式。"),
}


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def exception_handler(exc, context):
    if isinstance(exc, ApplicationError):
        fields = {exc.field: [exc.message]} if exc.field else {}
        return with_retry_after(Response(error_body(exc.code, exc.message, fields), status=exc.status_code), exc)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    code = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail)
        response.data = error_body("invalid", validation_message(fields, getattr(exc, "labels", None)), fields)
    else:
        code = code if isinstance(code, str) else "error"
        message = str(MESSAGES.get(code) or "") or str(getattr(exc, "detail", "")) or _("请求失败。")
        if code == "authentication_failed" and getattr(exc, "detail", None):
            message = str(exc.detail)
        response.data = error_body(code, message)
    if response.status_code == status.HTTP_403_FORBIDDEN and not context["request"].user.is_authenticated:
        response.status_code = status.HTTP_401_UNAUTHORIZED
    return response


MAX_NAMED_FIELDS = 8     # a body with more bad fields names these and counts the rest (`fields` holds all)
MAX_REASON_CHARS = 120


def validation_message(fields: dict[str, list[str]], labels: dict[str, str] | None = None) -> str:
    """"提交的数据有误：“名称”：该字段是必填项；“日期”：日期格式错误。" — every field with its reasons, by the serializer's
    label where it has one (the model's verbose name), up to MAX_NAMED_FIELDS fields, the rest counted. A client
    showing `message` alone tells the user about every field, not the first (session 15)."""
    if not fields:
        return str(MESSAGES["invalid"])
    labels = labels or {}
    parts = []
    for name, reasons in list(fields.items())[:MAX_NAMED_FIELDS]:
        reason = "，".join(r.strip().rstrip("。.") for r in reasons if r and r.strip()) or MESSAGES["invalid"].rstrip("。")
        if len(reason) > MAX_REASON_CHARS:
            reason = reason[:MAX_REASON_CHARS] + "…"
        if name == "non_field_errors":
            parts.append(reason)
        else:
            parts.append(f"“{_label(name, labels)}”：{reason}")
    rest = len(fields) - MAX_NAMED_FIELDS
    more = _("；另有 %(n)d 项有误（见 fields）") % {"n": rest} if rest > 0 else ""
    return f"{MESSAGES['invalid'].rstrip('。')}：{'；'.join(parts)}{more}。"


def _label(name: str, labels: dict[str, str]) -> str:
    """A flattened name ("items[0].title") by its top field's label: "条目[0].title" stays readable; a name labelled
    whole (a list's row, "items[2]" → "第 2 项") by that label."""
    if name in labels:
        return labels[name]
    head = name.split(".", 1)[0].split("[", 1)[0]
    label = labels.get(head)
    return name.replace(head, label, 1) if label else name


def serializer_labels(serializer) -> dict[str, str]:
    """Field name → label, where the serializer gives a field a Chinese one (its own `label`, or a model field's
    verbose name); DRF makes "Org code" of a field declared without one, which is no help to a Chinese reader."""
    return {name: str(field.label) for name, field in serializer.fields.items()
            if field.label and not str(field.label).isascii()}


def validated(serializer) -> dict:
    """`serializer.validated_data`, or the API's one error shape naming every bad field by its label (what
    `serializer.is_valid(raise_exception=True)` would raise, with the labels the message needs)."""
    if not serializer.is_valid():
        exc = exceptions.ValidationError(serializer.errors)
        exc.labels = serializer_labels(serializer)
        raise exc
    return serializer.validated_data


def _flatten(detail, prefix: str = "") -> dict[str, list[str]]:
    if isinstance(detail, dict):
        out = {}
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            out.update(_flatten(value, name if key != "non_field_errors" else (prefix or "non_field_errors")))
        return out
    if isinstance(detail, list):
        if all(not isinstance(d, (dict, list)) for d in detail):
            return {prefix or "non_field_errors": [str(d) for d in detail]}
        out = {}
        for i, d in enumerate(detail):
            out.update(_flatten(d, f"{prefix}[{i}]"))
        return out
    return {prefix or "non_field_errors": [str(detail)]}
