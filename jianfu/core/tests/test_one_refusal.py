"""Several refusals become one error, and back into per-field messages (`core.errors`; quality27 #1): the one helper
behind the dispatch report form, the monitor's ledger and notice-case forms and the village service list."""

from __future__ import annotations

from jianfu.core.errors import ApplicationError, field_messages, messages_beside, one_refusal


def _err(message: str, field: str | None = None, code: str = "invalid", **details: object) -> ApplicationError:
    return ApplicationError(message, code=code, field=field, details=dict(details) or None)


def test_no_refusal_is_no_error():
    assert one_refusal([]) is None
    assert one_refusal({}) is None
    assert one_refusal([], wrap_one=True, code="invalid") is None


def test_a_single_refusal_comes_back_as_it_is():
    only = _err("请填写事件描述。", "text", code="required", cell="B2")
    assert one_refusal([only]) is only
    assert one_refusal({"text": only}, code="invalid") is only


def test_a_single_refusal_wrapped_keeps_its_code_and_names_its_field():
    wrapped = one_refusal({"target": _err("请填写被要求的单位。", None, code="invalid_target")}, wrap_one=True,
                          code="invalid")
    assert wrapped is not None
    assert (wrapped.message, wrapped.code, wrapped.field, wrapped.details) == (
        "请填写被要求的单位。", "invalid_target", "target", {"fields": {"target": "请填写被要求的单位。"}})


def test_a_single_refusal_naming_two_fields_wrapped_takes_the_given_code():
    nested = _err("日期不对。说明过长。", "date", code="required", fields={"date": "日期不对。", "note": "说明过长。"})
    wrapped = one_refusal([nested], wrap_one=True, code="invalid")
    assert wrapped is not None
    assert (wrapped.message, wrapped.code, wrapped.field, wrapped.details) == (
        "日期不对。说明过长。", "invalid", "date", {"fields": {"date": "日期不对。", "note": "说明过长。"}})


def test_several_refusals_in_the_order_they_came_with_the_first_code():
    error = one_refusal([_err("地址过长。", "address", code="too_long"), _err("请填写事件描述。", "text", code="required")])
    assert error is not None
    assert (error.message, error.code, error.field, error.details) == (
        "地址过长。请填写事件描述。", "too_long", "address",
        {"fields": {"address": "地址过长。", "text": "请填写事件描述。"}})


def test_several_refusals_in_the_given_order_with_the_given_code():
    error = one_refusal({"specific": _err("时长不对。", "speech_minutes"), "units": _err("找不到单位。", "issuer"),
                         "cells": _err("日期不对。", None, fields={"date": "日期不对。", "extra": "多余。"})},
                        order=["date", "issuer", "speech_minutes"], code="invalid")
    assert error is not None
    # the fields `order` names first, in its order; the one it does not name ("extra") last
    assert list(error.details["fields"]) == ["date", "issuer", "speech_minutes", "extra"]
    assert (error.message, error.code, error.field) == ("日期不对。找不到单位。时长不对。多余。", "invalid", "date")


def test_one_field_refused_twice_keeps_its_first_reason():
    error = one_refusal([_err("提出要求的单位过长。", "issuer"), _err("请填写提出要求的单位。", "issuer"),
                         _err("请填写日期。", "date", code="required")])
    assert error is not None
    assert (error.message, error.code, error.field, error.details) == (
        "提出要求的单位过长。请填写日期。", "invalid", "issuer",
        {"fields": {"issuer": "提出要求的单位过长。", "date": "请填写日期。"}})


def test_a_mapping_key_names_the_field_of_a_refusal_that_names_none():
    error = one_refusal({"file": _err("附件过大。"), "date": _err("请填写日期。", "date")})
    assert error is not None
    assert error.details == {"fields": {"file": "附件过大。", "date": "请填写日期。"}}


def test_field_messages_of_every_shape():
    assert field_messages(None) == {}
    assert field_messages(_err("无字段。")) == {}
    assert field_messages(_err("请填写日期。", "date")) == {"date": "请填写日期。"}
    assert field_messages(_err("甲。乙。", "a", fields={"a": "甲。", "b": "乙。"})) == {"a": "甲。", "b": "乙。"}


def test_messages_beside_splits_the_form_fields_from_the_rest():
    assert messages_beside(None, ("a",)) == ({}, "")
    assert messages_beside(_err("整改情况无效。"), ("a",)) == ({}, "整改情况无效。")
    assert messages_beside(_err("请填写日期。", "date"), ("date", "note")) == ({"date": "请填写日期。"}, "")
    assert messages_beside(_err("请填写日期。", "expected"), ("date", "note")) == ({}, "请填写日期。")
    both = _err("甲。乙。丙。", "a", fields={"a": "甲。", "x": "乙。", "b": "丙。"})
    assert messages_beside(both, ("a", "b")) == ({"a": "甲。", "b": "丙。"}, "乙。")
