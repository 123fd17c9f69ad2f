"""Session 28 (dev-emp28): the API's 招聘人数 reads what the web form and the import read — an integer, or words read by
`parsing.headcount` through `postings.clean_posting` ("五人", "十二名", "若干") — and refuses anything else with a
Chinese reason naming the field, writing nothing. The OpenAPI schema says so."""

from __future__ import annotations

import json

import pytest
from drf_spectacular.generators import SchemaGenerator

from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.employment.models import Posting
from jianfu.registry.models import Organisation

BODY = {
    "employer": "曲樟乡荔枝专业合作社",
    "title": "荔枝采摘工",
    "place": "曲樟乡",
    "description": "荔枝采摘、分拣装箱。",
    "wage": "3000-4000元",
}


def post(world, headcount, *, title="荔枝采摘工"):
    body = {**BODY, "title": title}
    if headcount is not ...:
        body["headcount"] = headcount
    return world.api_client("county_office").post(
        "/api/v1/employment/postings/", data=json.dumps(body), content_type="application/json"
    )


@pytest.mark.parametrize(
    ("given", "count"),
    [
        (5, 5),
        ("5", 5),
        ("5人", 5),
        ("五人", 5),
        ("十二名", 12),
        ("两个", 2),
        ("二十个", 20),
        ("一百", 100),
        ("若干", 1),
        ("不限", 1),
        ("", 1),
        (None, 1),
        (..., 1),
        (10000, 10000),
    ],
)
def test_the_api_takes_a_headcount_as_the_form_does(world, given, count):
    response = post(world, given)
    assert response.status_code == 201, response.content
    assert response.json()["headcount"] == count
    assert list(Posting.objects.values_list("title", "headcount")) == [("荔枝采摘工", count)]


@pytest.mark.parametrize("text", ["五人", "十二名", "若干", "3人"])
def test_the_api_and_the_web_form_read_the_same_words_alike(world, text):
    web = world.client("county_office").post(
        "/employment/postings/new/",
        {**BODY, "title": "网页岗位", "credit_code": "", "headcount": text, "form_token": token_new()},
    )
    assert web.status_code == 302
    assert post(world, text, title="接口岗位").status_code == 201
    web_count, api_count = (Posting.objects.get(title=t).headcount for t in ("网页岗位", "接口岗位"))
    assert web_count == api_count == {"五人": 5, "十二名": 12, "若干": 1, "3人": 3}[text]


WORDS = "应为整数（如 5）或文字（如“5人”“五人”“十二名”“若干”）。"


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("很多", "招聘人数：“很多”不是数字"),
        ("12名左右", "招聘人数：“12名左右”不是数字"),
        ("5-10人", "招聘人数：“5-10”不是数字"),
        (0, "招聘人数：不能小于1"),
        ("零", "招聘人数：不能小于1"),
        (-3, "招聘人数：不能小于1"),
        (10001, "招聘人数：不能大于10000"),
        (2.5, "招聘人数：应为整数"),
        (True, WORDS),
        ([3], WORDS),
        ({"n": 3}, WORDS),
    ],
)
def test_a_headcount_that_is_no_count_is_refused_naming_the_field_and_nothing_is_written(
    world, given, message
):
    audits, employers = AuditRecord.objects.count(), Organisation.objects.count()
    response = post(world, given)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["fields"] == {"headcount": [message]}
    assert error["message"] == (f"提交的数据有误：“招聘人数”：{message}" if message == WORDS else message)
    assert (Posting.objects.count(), AuditRecord.objects.count(), Organisation.objects.count()) == (
        0,
        audits,
        employers,
    )


def test_the_schema_documents_a_headcount_as_a_number_or_words():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    body = schema["paths"]["/api/v1/employment/postings/"]["post"]["requestBody"]["content"][
        "application/json"
    ]
    request = schema["components"]["schemas"][body["schema"]["$ref"].rsplit("/", 1)[1]]
    field = request["properties"]["headcount"]
    assert field["oneOf"] == [
        {"type": "integer", "minimum": 1, "maximum": 10000},
        {"type": "string", "maxLength": 10},
    ]
    assert field["nullable"] is True
    assert (
        "五人" in field["description"] and "十二名" in field["description"] and "若干" in field["description"]
    )
    assert "headcount" not in request.get("required", [])
    # what the API returns stays the stored integer
    assert schema["components"]["schemas"]["ManagedPosting"]["properties"]["headcount"] == {"type": "integer"}
