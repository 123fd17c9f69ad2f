"""The OpenAPI schema tells the truth (issue 11.9), strict query parameters, 413 and 429 in the right
shape for the right client."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from drf_spectacular.generators import SchemaGenerator

PAGINATED = {
    "/api/v1/dispatch/events/": "PaginatedEventList",
    "/api/v1/registry/persons/": "PaginatedPersonList",
    "/api/v1/registry/households/": "PaginatedHouseholdList",
    "/api/v1/registry/organisations/": "PaginatedOrganisationList",
    "/api/v1/reports/templates/": "PaginatedTemplateList",
    "/api/v1/reports/submissions/": "PaginatedSubmissionList",
}


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def test_paginated_lists_are_documented_as_envelopes(schema):
    for path, name in PAGINATED.items():
        ok = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert ok == {"$ref": f"#/components/schemas/{name}"}, path
        envelope = schema["components"]["schemas"][name]
        assert set(envelope["properties"]) == {"count", "next", "previous", "results"}
        assert envelope["properties"]["results"]["type"] == "array"


def test_every_operation_documents_its_errors(schema):
    error = {"$ref": "#/components/schemas/Error"}
    for path, item in schema["paths"].items():
        for method, op in item.items():
            for status in ("400", "404"):
                assert op["responses"][status]["content"]["application/json"]["schema"] == error, (method, path)
    assert schema["components"]["schemas"]["Error"]["required"] == ["error"]


def test_the_operations_that_answer_503_are_documented_with_the_error_body_and_retry_after(schema):
    """fix30 #4: with Redis down, a limit fails closed as 503 `unavailable` with Retry-After (fix-cr29 #1):
    a search by a whole number and the anonymous direct-line report (jianfu/registry/tests/
    test_ops29_number_search_cache_down.py and jianfu/directline/tests/test_ops29_budget_cache_down.py answer so),
    the token endpoint whose throttle cannot count (fix30b #2, jianfu/api/tests/test_fix30b_throttle_cache_down.py),
    and the receipt-code look-ups whose guess budget cannot count (jianfu/directline/tests/test_session31_guesses_cache_down.py)."""
    listed = [(path, method) for path, item in schema["paths"].items() for method, op in item.items()
              if "503" in op["responses"]]
    assert listed == [("/api/v1/auth/token/", "post"), ("/api/v1/directline/public/answer/", "post"),
                      ("/api/v1/directline/public/follow/", "post"), ("/api/v1/directline/public/reports/", "post"),
                      ("/api/v1/registry/persons/", "get")]
    for path, method in listed:
        assert schema["paths"][path][method]["responses"]["503"] == {
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
            "headers": {"Retry-After": {"description": "几秒后可重试", "schema": {"type": "integer"}}},
            "description": "系统暂时无法受理（如缓存服务不可用），请按 Retry-After 所示秒数后重试"}


def test_unavailable_is_raised_only_where_the_schema_was_told():
    """The operations above declare `UNAVAILABLE` because these functions raise `UnavailableError`. A new
    raiser fails here: declare 503 on the API operations that reach it, then add it to this list."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    raisers = set()
    for path in sorted(root.rglob("*.py")):
        if "tests" in path.parts:
            continue
        for func in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef) and any(
                    isinstance(node, ast.Raise) and node.exc is not None
                    and "UnavailableError" in ast.unparse(node.exc) for node in ast.walk(func)):
                raisers.add((path.relative_to(root).as_posix(), func.name))
    assert raisers == {("api/v1/core.py", "allow_request"), ("directline/services.py", "_take_submission_budget"),
                       ("directline/selectors.py", "_guess_budget_spent"),
                       ("registry/services.py", "number_search_take")}


def test_operation_ids_are_unique(schema):
    ids = [op["operationId"] for item in schema["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids))


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "param"), [("/api/v1/dispatch/events/", "overdue"),
                                             ("/api/v1/registry/persons/", "is_dibao")])
def test_boolean_filters_are_strict(world, path, param):
    client = world.api_client("county_office")
    bad = client.get(path, {param: "1083"})
    assert bad.status_code == 400
    assert bad.json()["error"]["fields"] == {param: [f"参数 {param} 只能是 true 或 false（也可写 1 或 0），收到“1083”。"]}
    for value in ("true", "false", "1", "0", ""):
        assert client.get(path, {param: value}).status_code == 200, value


@pytest.mark.django_db
def test_an_out_of_range_id_filter_is_a_400_not_a_500(world):
    response = world.api_client("county_office").get("/api/v1/registry/persons/", {"household": str(10**30)})
    assert response.status_code == 400 and response.json()["error"]["fields"].keys() == {"household"}


@pytest.mark.django_db
def test_an_unrouted_api_url_answers_json(world):
    response = world.api_client("county_office").get("/api/v1/dispatch/events/not-a-number/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@override_settings(JIANFU_MAX_REQUEST_BYTES=1000)
def test_oversized_upload_on_the_web_gets_a_chinese_page_and_json_on_the_api(world):
    web = Client().post("/registry/imports/", "x" * 2000, content_type="application/octet-stream")
    assert web.status_code == 413 and web["Content-Type"].startswith("text/html")
    page = web.content.decode()
    assert "文件过大，未能提交" in page and "本次提交约 2.0 KB，超过了 1.0 KB 的上限" in page
    api = Client().post("/api/v1/auth/token/", "x" * 2000, content_type="application/json")
    assert api.status_code == 413 and api.json()["error"]["code"] == "too_large"


@pytest.mark.django_db
def test_a_locked_account_on_the_api_gets_json_429(world, settings):
    settings.AXES_ENABLED = True
    client = Client(REMOTE_ADDR="10.9.9.8")
    for _ in range(5):
        client.post("/api/v1/auth/token/", {"username": "village_a", "password": "wrong-password"},
                    content_type="application/json")
    locked = client.post("/api/v1/auth/token/", {"username": "village_a", "password": "jianfu-test-password"},
                         content_type="application/json")
    assert locked.status_code == 429
    assert locked["Content-Type"] == "application/json"
    assert locked.json()["error"]["code"] == "locked"
    assert locked["Retry-After"] == "1800"
    web = client.post("/login/", {"username": "village_a", "password": "jianfu-test-password"})
    assert web.status_code == 429 and "登录失败次数过多" in web.content.decode()


# Write operations that read no request body, each with the reason (every other POST/PUT/PATCH documents its body,
# so that a client, and schemathesis, can learn its fields). DELETE never reads a body: the path names what goes.
NO_BODY = {
    ("post", "/api/v1/employment/postings/imports/{id}/confirm/"): "the uploader publishes the batch in the path as is",
    ("post", "/api/v1/employment/postings/imports/{id}/withdraw/"): "the batch in the path is withdrawn whole",
    ("post", "/api/v1/reports/submissions/{id}/approve/"): "approving locks the submission as it is; nothing to add",
    ("post", "/api/v1/villages/lists/{code}/draft/"): "opens (or copies from the public version) the village's draft",
    ("post", "/api/v1/monitor/notices/{id}/publish/"): "publishes the county's draft notice in the path as it is",
}


def _resolve(schema, node):
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _documents_fields(schema, node) -> bool:
    """An object with named properties, or alternatives that each are one (not a free-form object)."""
    node = _resolve(schema, node)
    for key in ("anyOf", "oneOf"):
        if key in node:
            return bool(node[key]) and all(_documents_fields(schema, alt) for alt in node[key])
    return node.get("type") == "object" and bool(node.get("properties"))


def test_every_write_documents_its_request_body(schema):
    undocumented, listed_with_body = [], []
    writes = 0
    for path, item in schema["paths"].items():
        for method, op in item.items():
            if method == "delete":
                assert "requestBody" not in op, path
            if method not in ("post", "put", "patch"):
                continue
            writes += 1
            body = op.get("requestBody")
            if (method, path) in NO_BODY:
                if body is not None:
                    listed_with_body.append((method, path))
                continue
            if body is None or not body["content"] or not all(
                    _documents_fields(schema, media["schema"]) for media in body["content"].values()):
                undocumented.append((method, path))
    assert undocumented == []
    assert listed_with_body == []
    assert set(NO_BODY) <= {(m, p) for p, item in schema["paths"].items() for m in item}  # no stale entries
    assert writes == 38   # session 33: PATCH employment/postings/{id}/ (修改后公开 through the API)


def test_monitor_bodies_follow_the_field_declarations(schema):
    """The monitor's bodies are derived from its FieldSpecs: a required field, an enum, a bound, a length."""
    ledger = schema["paths"]["/api/v1/monitor/ledgers/{kind}/"]["post"]["requestBody"]["content"]
    meeting = next(alt for alt in ledger["application/json"]["schema"]["anyOf"] if alt["description"] == "kind=meeting")
    assert meeting["required"] == ["date", "title", "duration_minutes"]
    assert meeting["properties"]["duration_minutes"] | {"description": ""} == {
        "type": "integer", "minimum": 1, "maximum": 10080, "description": ""}
    assert meeting["properties"]["level"]["enum"] == ["province", "prefecture", "county", "town", "village", "", None]
    assert meeting["properties"]["title"]["maxLength"] == 200 and meeting["properties"]["title"]["minLength"] == 1
    document = next(alt for alt in ledger["multipart/form-data"]["schema"]["anyOf"] if alt["description"] == "kind=document")
    assert document["properties"]["file"]["format"] == "binary"
    assert all("file" not in alt["properties"] for alt in ledger["application/json"]["schema"]["anyOf"])
    patch = schema["paths"]["/api/v1/monitor/ledgers/{kind}/{id}/"]["patch"]["requestBody"]["content"]
    assert all("required" not in alt and "issuer" not in alt["properties"]
               for alt in patch["application/json"]["schema"]["anyOf"])
    rule = schema["paths"]["/api/v1/monitor/rules/"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert rule["required"] == ["code", "name", "citation", "check"]
    assert "plaques_outside_max" in rule["properties"]["check"]["enum"]
    rectify = schema["paths"]["/api/v1/monitor/cases/{id}/rectification/"]["post"]["requestBody"]["content"]
    assert rectify["application/json"]["schema"]["properties"]["to"]["enum"] == ["pending", "ongoing", "done"]
    upload = _resolve(schema, schema["paths"]["/api/v1/directline/public/reports/"]["post"]["requestBody"]["content"]
                      ["multipart/form-data"]["schema"])
    assert upload["properties"]["attachments"]["maxItems"] == 3


def test_the_directline_answer_documents_its_idempotency_key(schema):
    """Session 15: the reporter's answer on the API is as safe against a replay as the web form's one-time token."""
    answer = schema["paths"]["/api/v1/directline/public/answer/"]["post"]
    header = [p for p in answer["parameters"] if p["in"] == "header"]
    assert [(p["name"], p.get("required", False), p["schema"]) for p in header] == [
        ("Idempotency-Key", False, {"type": "string", "pattern": "^[A-Za-z0-9_-]{32,64}$"})]
    assert "repeated=true" in header[0]["description"]
    assert {"200", "201"} <= set(answer["responses"])
    follow = schema["paths"]["/api/v1/directline/public/follow/"]["post"]
    assert "answer_token" in follow["description"]
