"""Making the OpenAPI schema tell the truth about the API (issue 11.9).

- `paginated(Serializer)`: the envelope `Pagination` really returns ({count, next, previous, results}),
  for function views that paginate by hand (drf-spectacular only infers it for generic views).
- `document_errors` (a postprocessing hook): every operation documents the one error shape
  (`api.errors.error_body`) for the statuses the API really answers with: 400 (bad parameters or body),
  401 (no or bad token; not on operations that read no credentials), 403 (the role may not read or do this at all: e.g. direct-line reports for
  anyone but a designated handler), 404 (unknown or outside the caller's scope), 429 (throttled: per account, per
  address, or — any operation open to anonymous callers — an anonymous read's allowance, `core.throttling`; with
  Retry-After) and,
  for writes, 409 and 413; and, where the view declares `UNAVAILABLE` among its responses (its code can raise
  `UnavailableError`: a limit that cannot count), 503 `unavailable` with the error body and Retry-After.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

_PAGINATED: dict[str, serializers.Serializer] = {}


def paginated(serializer_class: type[serializers.Serializer]) -> serializers.Serializer:
    name = "Paginated" + serializer_class.__name__.removesuffix("Serializer") + "List"
    if name not in _PAGINATED:
        _PAGINATED[name] = inline_serializer(name, {
            "count": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": serializer_class(many=True),
        })
    return _PAGINATED[name]


ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {
        "type": "object",
        "required": ["code", "message", "fields"],
        "properties": {
            "code": {"type": "string"},
            "message": {"type": "string", "description": "中文说明"},
            "fields": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
        },
    }},
}
ERROR_DESCRIPTIONS = {
    "400": "请求参数或内容有误（字段级说明见 error.fields）",
    "401": "需要登录或提供有效令牌",
    "403": "无权进行此操作",
    "404": "找不到该记录，或不在您的管辖范围内",
    "409": "当前状态下不能进行此操作",
    "413": "请求过大",
    "429": "请求过于频繁（按 Retry-After 所示秒数后重试），或账号已被暂时锁定",
    "503": "系统暂时无法受理（如缓存服务不可用），请按 Retry-After 所示秒数后重试",
}
READ_ERRORS = ("400", "401", "403", "404", "429")
WRITE_ERRORS = ("400", "401", "403", "404", "409", "413", "429")


RETRY_AFTER = {"Retry-After": {"description": "几秒后可重试", "schema": {"type": "integer"}}}
# Declared by a view whose code can raise `UnavailableError` (`@extend_schema(responses={…, 503: UNAVAILABLE})`);
# `document_errors` gives it the error body and Retry-After. `test_schema_truth` holds the declarations to the raisers.
UNAVAILABLE = OpenApiResponse(description=ERROR_DESCRIPTIONS["503"])


def document_errors(result: dict[str, Any], generator: object, request: object, public: bool) -> dict[str, Any]:
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR_SCHEMA
    ref = {"$ref": "#/components/schemas/Error"}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            statuses = READ_ERRORS if method == "get" else WRITE_ERRORS
            if "503" in responses:      # declared by the view (`UNAVAILABLE`): the one error shape, and when to retry
                responses["503"] = {"content": {"application/json": {"schema": ref}}, "headers": RETRY_AFTER,
                                    "description": ERROR_DESCRIPTIONS["503"]}
            # 401 is skipped only where no credentials are read at all (`auth=[]`, e.g. the token endpoint); an
            # operation open to anonymous callers that still reads a token answers a bad one with 401.
            anonymous_only = all(not s for s in operation.get("security", [{}]))
            for status in statuses:
                if status == "401" and anonymous_only:
                    continue
                responses.setdefault(status, {"content": {"application/json": {"schema": ref}},
                                              "description": ERROR_DESCRIPTIONS[status]})
                if status == "429":     # a throttle's (DRF's Throttled) and a lockout's both say when to retry
                    responses[status].setdefault("headers", RETRY_AFTER)
    return result


def empty_query_values(result: dict[str, Any], generator: object, request: object, public: bool) -> dict[str, Any]:
    """An empty query parameter (`?by=`, as an HTML form sends an untouched field) is read as not given, across the
    API (`api.params`, and the views' `params.get(name) or default`): say so with `allowEmptyValue`, so that a client
    or a fuzzer does not take the default it gets for `?by=` as garbage accepted."""
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query" and not parameter.get("required"):
                    parameter["allowEmptyValue"] = True
    return result
