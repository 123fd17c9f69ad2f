"""Making the OpenAPI schema tell the truth about the API (issue 11.9).

- `paginated(Serializer)`: the envelope `Pagination` really returns ({count, next, previous, results}),
  for function views that paginate by hand (drf-spectacular only infers it for generic views).
- `document_errors` (a postprocessing hook): every operation documents the one error shape
  (`api.errors.error_body`) for the statuses the API really answers with: 400 (bad parameters or body),
  401 (no or bad token; not on operations that read no credentials), 403 (the role may not read or do this at all: e.g. direct-line reports for
  anyone but a designated handler), 404 (unknown or outside the caller's scope), 429 (throttled) and,
  for writes, 409 and 413; and 503 (`unavailable`, with Retry-After) on the operations whose code can raise
  `UnavailableError` — found in the code (`may_be_unavailable`), not listed by hand.
"""

from __future__ import annotations

import builtins
import dis
import functools
import importlib
import inspect
import re
from collections.abc import Callable, Iterator
from typing import Any

from drf_spectacular.utils import inline_serializer
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
    "429": "请求过于频繁，或账号已被暂时锁定",
    "503": "系统暂时无法受理（如缓存服务不可用），请按 Retry-After 所示秒数后重试",
}
READ_ERRORS = ("400", "401", "403", "404", "429")
WRITE_ERRORS = ("400", "401", "403", "404", "409", "413", "429")


RETRY_AFTER = {"Retry-After": {"description": "几秒后可重试", "schema": {"type": "integer"}}}


def may_be_unavailable(view: Callable[..., Any] | None) -> bool:
    """Whether `view` can raise `UnavailableError` (or a subclass): its code, or that of a function of jianfu it
    reaches by name — a global (`_take_submission_budget()`), a module's attribute (`services.report_submit(…)`), a
    local import (`from jianfu.core import ratelimits`) —, followed to the end, names the error. Read from the
    bytecode with the names resolved as Python resolves them, so no name is confused with another; a call through a
    variable or a method of an object is not followed."""
    from jianfu.core.errors import UnavailableError

    def subclasses(cls: type) -> set[type]:
        return {cls}.union(*(subclasses(sub) for sub in cls.__subclasses__()))

    raised = subclasses(UnavailableError)
    seen: set[Any] = set()
    todo: list[Any] = [view]
    while todo:
        func = todo.pop()
        func = inspect.unwrap(func) if callable(func) else func
        if not inspect.isfunction(func) or func in seen:
            continue
        seen.add(func)
        for named in _named(func):
            if isinstance(named, type) and named in raised:
                return True
            if inspect.isfunction(named) and named.__module__.startswith("jianfu."):
                todo.append(named)
    return False


@functools.cache
def _named(func: Any) -> tuple[Any, ...]:
    return tuple(_names_of(func))


def _names_of(func: Any) -> Iterator[Any]:
    """The objects `func`'s code (its lambdas and inner functions too) names: globals, locally imported names, and
    the attributes it reads of a module, and what its closure holds (`@api_view`'s handler calls the view so)."""
    cells = [cell.cell_contents for cell in func.__closure__ or ()]
    local: dict[str, Any] = dict(zip(func.__code__.co_freevars, cells, strict=True))
    codes = [func.__code__]
    while codes:
        code = codes.pop()
        codes.extend(c for c in code.co_consts if inspect.iscode(c))
        last: Any = None
        module: Any = None
        for ins in dis.get_instructions(code):
            found: Any = None
            if ins.opname == "LOAD_GLOBAL":
                found = func.__globals__.get(ins.argval, getattr(builtins, ins.argval, None))
            elif ins.opname in {"LOAD_FAST", "LOAD_DEREF", "LOAD_CLOSURE"}:
                found = local.get(ins.argval)
            elif ins.opname in {"LOAD_ATTR", "LOAD_METHOD"} and inspect.ismodule(last):
                found = getattr(last, ins.argval, None)
            elif ins.opname == "IMPORT_NAME":   # jianfu's own modules only: importing is not this function's to do
                module = importlib.import_module(ins.argval) if str(ins.argval).startswith("jianfu.") else None
                found = module
            elif ins.opname == "IMPORT_FROM" and module is not None:   # a name of the module, or a submodule
                found = (getattr(module, ins.argval) if hasattr(module, ins.argval)
                         else importlib.import_module(f"{module.__name__}.{ins.argval}"))
            elif ins.opname in {"STORE_FAST", "STORE_DEREF"} and last is not None:
                local[ins.argval] = last
            if found is not None:
                yield found
            last = found


def _unavailable_operations(generator: Any) -> set[tuple[str, str]]:
    """(path with its parameters unnamed, method) of the operations whose handler may answer 503."""
    return {(_unnamed(path), method.lower()) for path, _regex, method, callback in getattr(generator, "endpoints", ())
            if may_be_unavailable(getattr(getattr(callback, "cls", None), method.lower(), None))}


def _unnamed(path: str) -> str:
    return re.sub(r"\{[^}]*\}", "{}", path)


def document_errors(result: dict[str, Any], generator: object, request: object, public: bool) -> dict[str, Any]:
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR_SCHEMA
    ref = {"$ref": "#/components/schemas/Error"}
    unavailable = _unavailable_operations(generator)
    for path, path_item in result.get("paths", {}).items():
        for method, operation in path_item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            statuses = READ_ERRORS if method == "get" else WRITE_ERRORS
            if (_unnamed(path), method) in unavailable:
                responses.setdefault("503", {"content": {"application/json": {"schema": ref}}, "headers": RETRY_AFTER,
                                             "description": ERROR_DESCRIPTIONS["503"]})
            # 401 is skipped only where no credentials are read at all (`auth=[]`, e.g. the token endpoint); an
            # operation open to anonymous callers that still reads a token answers a bad one with 401.
            anonymous_only = all(not s for s in operation.get("security", [{}]))
            for status in statuses:
                if status == "401" and anonymous_only:
                    continue
                responses.setdefault(status, {"content": {"application/json": {"schema": ref}},
                                              "description": ERROR_DESCRIPTIONS[status]})
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
