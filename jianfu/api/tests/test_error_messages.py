"""A validation error's `message` names every bad field with its reason (session 15): it named the first alone, so a
client showing `message` told the user about one field while `fields` held them all."""

from __future__ import annotations

import pytest

from jianfu.api.errors import validation_message


@pytest.mark.django_db
def test_every_bad_field_is_named_by_its_chinese_label_with_its_reason(world):
    from jianfu.employment.models import Posting

    response = world.api_client("county_office").post("/api/v1/employment/postings/",
                                                       {"employer": "", "valid_until": "明天"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"error": {
        "code": "invalid",
        "message": "提交的数据有误：“用人单位”：该字段不能为空；“岗位名称”：该字段是必填项；“工作地点”：该字段是必填项；"
                   "“岗位描述”：该字段是必填项；“有效期至”：日期格式错误。请从这些格式中选择：YYYY-MM-DD。",
        "fields": {"employer": ["该字段不能为空。"], "title": ["该字段是必填项。"], "place": ["该字段是必填项。"],
                   "description": ["该字段是必填项。"], "valid_until": ["日期格式错误。请从这些格式中选择：YYYY-MM-DD。"]}}}
    assert Posting.objects.count() == 0


@pytest.mark.django_db
def test_the_public_directline_answer_names_both_fields(world):
    from jianfu.directline.models import Message

    response = world.api_client(None).post("/api/v1/directline/public/answer/", {"text": "x" * 20001}, format="json")
    assert response.status_code == 400
    assert response.json()["error"] == {
        "code": "invalid",
        "message": "提交的数据有误：“回执码”：该字段是必填项；“回复内容”：请确保这个字段不能超过 20000 个字符。",
        "fields": {"code": ["该字段是必填项。"], "text": ["请确保这个字段不能超过 20000 个字符。"]}}
    assert Message.objects.count() == 0


def test_many_fields_are_named_up_to_eight_and_the_rest_counted():
    fields = {f"f{i}": ["该字段是必填项。"] for i in range(11)}
    labels = {"f0": "名称", "f1": "日期"}
    assert validation_message(fields, labels) == (
        "提交的数据有误：“名称”：该字段是必填项；“日期”：该字段是必填项；“f2”：该字段是必填项；“f3”：该字段是必填项；"
        "“f4”：该字段是必填项；“f5”：该字段是必填项；“f6”：该字段是必填项；“f7”：该字段是必填项；另有 3 项有误（见 fields）。")


def test_nested_fields_several_reasons_a_long_reason_and_errors_of_the_whole_body():
    fields = {"items[2].name": ["该字段不能为空。", "请确保这个字段不能超过 20 个字符。"],
              "non_field_errors": ["开始日期不能晚于结束日期。"], "note": ["长" * 130]}
    assert validation_message(fields, {"items": "条目", "note": "备注"}) == (
        "提交的数据有误：“条目[2].name”：该字段不能为空，请确保这个字段不能超过 20 个字符；开始日期不能晚于结束日期；"
        f"“备注”：{'长' * 120}…。")
    assert validation_message({}) == "提交的数据有误。"
