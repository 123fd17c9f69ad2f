"""Unit tests of the Open311 renderers, documents and argument parsing (no database)."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jianfu.api.open311 import documents as docs
from jianfu.api.open311.errors import ErrorItem, Open311Error, error_payload
from jianfu.api.open311.formats import iso_datetime, render, to_json, to_xml
from jianfu.api.open311.parsing import (
    event_text,
    parse_new_request,
    parse_request_query,
    parse_w3c,
    raw_attributes,
)

from .xmlparse import parse as xml_parse

SH = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=SH)

SERVICE = docs.Service(
    code="LY-001", name="林地权属争议", description="林地、林木权属争议调处", group="林业",
    keywords=("林地", "山林"), agency="县林业局",
    attributes=(
        docs.Attribute(code="area_mu", description="涉及面积（亩）", datatype="number", required=True, order=2),
        docs.Attribute(code="kind", description="争议类型", datatype="singlevaluelist", required=True, order=1,
                       values=(docs.AttributeValue("land", "林地"), docs.AttributeValue("tree", "林木"))),
        docs.Attribute(code="parties", description="当事方", datatype="multivaluelist", order=3,
                       values=(docs.AttributeValue("villager", "村民"), docs.AttributeValue("collective", "集体"))),
        docs.Attribute(code="since", description="发生时间", datatype="datetime", order=4),
        docs.Attribute(code="note", description="说明", datatype="string", variable=False, order=5),
    ),
)


def form(**kw) -> dict[str, list[str]]:
    return {k: (v if isinstance(v, list) else [v]) for k, v in kw.items()}


# --- formats -------------------------------------------------------------------------------------

def test_xml_lists_booleans_and_empty_values():
    body = to_xml("services", docs.service_list([SERVICE]))
    assert body.startswith(b'<?xml version="1.0" encoding="utf-8"?><services><service>')
    assert b"<service_code>LY-001</service_code>" in body
    assert b"<metadata>true</metadata>" in body
    assert b"<keywords>\xe6\x9e\x97\xe5\x9c\xb0,\xe5\xb1\xb1\xe6\x9e\x97</keywords>" in body  # 林地,山林
    none = to_xml("service_requests", [{"status_notes": None, "lat": 21.5}])
    assert none.endswith(b"<service_requests><request><status_notes/><lat>21.5</lat></request></service_requests>")


def test_xml_escapes_markup_and_drops_invalid_characters():
    body = to_xml("errors", [{"code": 400, "description": '<script>alert("x")</script> & \x00\x1b'}])
    root = ET.fromstring(body)  # noqa: S314 (our own output)
    assert root.find("error/description").text == '<script>alert("x")</script> & \ufffd\ufffd'
    assert b"<script>" not in body
    assert b"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; " in body


def test_json_is_compact_utf8_and_cannot_open_a_tag():
    body = to_json([{"description": "<b>路灯</b> & 井盖", "id": "7", "ok": True, "n": None}])
    assert body == '[{"description":"\\u003cb\\u003e路灯\\u003c/b\\u003e \\u0026 井盖","id":"7","ok":true,"n":null}]'.encode()
    assert json.loads(body)[0]["description"] == "<b>路灯</b> & 井盖"


def test_render_content_types_and_datetimes():
    when = dt.datetime(2026, 1, 2, 3, 4, 5, 678, tzinfo=SH)
    body, ctype = render("json", "x", {"at": when})
    assert (body, ctype) == (b'{"at":"2026-01-02T03:04:05+08:00"}', "application/json; charset=utf-8")
    body, ctype = render("xml", "x", {"at": when})
    assert body.endswith(b"<x><at>2026-01-02T03:04:05+08:00</at></x>")
    assert ctype == "text/xml; charset=utf-8"
    with pytest.raises(ValueError):
        iso_datetime(dt.datetime(2026, 1, 1))  # naive
    with pytest.raises(ValueError):
        render("html", "x", {})


def test_error_payload_both_formats():
    err = Open311Error(400, [ErrorItem(400, "缺少 lat"), ErrorItem(400, "缺少 long")])
    assert error_payload(err) == [{"code": 400, "description": "缺少 lat"}, {"code": 400, "description": "缺少 long"}]
    parsed = xml_parse(to_xml("errors", error_payload(err)))
    assert parsed["errors"]["error"][1] == {"code": "400", "description": "缺少 long"}
    assert str(Open311Error.one(403, "密钥无效")) == "密钥无效"


# --- documents -----------------------------------------------------------------------------------

def test_service_definition_orders_attributes_and_lists_values():
    d = docs.service_definition(SERVICE)
    assert d["service_code"] == "LY-001"
    assert [a["code"] for a in d["attributes"]] == ["kind", "area_mu", "parties", "since", "note"]
    assert d["attributes"][0] == {
        "variable": True, "code": "kind", "datatype": "singlevaluelist", "required": True,
        "datatype_description": "", "order": 1, "description": "争议类型",
        "values": [{"key": "land", "name": "林地"}, {"key": "tree", "name": "林木"}],
    }
    assert "values" not in d["attributes"][1]
    xml = xml_parse(to_xml("service_definition", d))
    assert xml["service_definition"]["attributes"]["attribute"][0]["values"]["value"][1] == {"key": "tree", "name": "林木"}


def test_attribute_rejects_unknown_datatype_and_bad_order():
    with pytest.raises(ValueError):
        docs.Attribute(code="x", description="x", datatype="boolean")
    with pytest.raises(ValueError):
        docs.Attribute(code="x", description="x", order=0)


def test_created_has_id_or_token_never_both():
    assert docs.created([docs.CreatedRequest(service_request_id="WG00000001", service_notice="已受理")]) == [
        {"service_request_id": "WG00000001", "service_notice": "已受理", "account_id": None}]
    assert docs.created([docs.CreatedRequest(token="abc")]) == [
        {"token": "abc", "service_notice": None, "account_id": None}]


def test_discovery_has_every_required_field():
    d = docs.discovery(base_url="http://h/open311/v2", changeset=NOW, contact="县网格中心", key_service="向管理员申请")
    assert set(d) == {"changeset", "contact", "key_service", "endpoints"}
    assert d["endpoints"][0]["formats"] == ["text/xml", "application/json"]
    assert set(d["endpoints"][0]) == {"specification", "url", "changeset", "type", "formats"}


# --- GET requests arguments ----------------------------------------------------------------------

def test_query_defaults_to_last_90_days():
    q = parse_request_query({}, now=NOW, tz=SH)
    assert (q.start, q.end, q.ids, q.statuses, q.page_size) == (NOW - dt.timedelta(days=90), NOW, [], [], 1000)


def test_query_ids_override_everything():
    q = parse_request_query(form(service_request_id="WG1, WG2,WG1", status="bogus", start_date="x"), now=NOW, tz=SH)
    assert q.ids == ["WG1", "WG2"] and q.start is None and q.statuses == []


def test_query_empty_argument_is_absent():
    q = parse_request_query(form(service_code="", status="", start_date=""), now=NOW, tz=SH)
    assert q.service_codes == [] and q.statuses == [] and q.end == NOW


def test_query_window_rules():
    q = parse_request_query(form(start_date="2026-01-01T00:00:00Z"), now=NOW, tz=SH)
    assert q.end - q.start == dt.timedelta(days=90)
    q = parse_request_query(form(end_date="2026-01-01"), now=NOW, tz=SH)
    assert q.end == dt.datetime(2026, 1, 1, tzinfo=SH) and q.start == q.end - dt.timedelta(days=90)
    with pytest.raises(Open311Error) as e:
        parse_request_query(form(start_date="2026-01-01T00:00:00Z", end_date="2026-06-01T00:00:00Z"), now=NOW, tz=SH)
    assert e.value.status == 400 and "90" in e.value.errors[0].description
    with pytest.raises(Open311Error):
        parse_request_query(form(start_date="2026-02-01", end_date="2026-01-01"), now=NOW, tz=SH)
    with pytest.raises(Open311Error) as e:
        parse_request_query(form(status="open,pending"), now=NOW, tz=SH)
    assert "status" in e.value.errors[0].description
    with pytest.raises(Open311Error):
        parse_request_query(form(page_size="1001"), now=NOW, tz=SH)


def test_w3c_parsing():
    assert parse_w3c("2010-04-14T06:37:38-08:00", name="d", tz=SH) == dt.datetime(
        2010, 4, 14, 14, 37, 38, tzinfo=dt.UTC)
    assert parse_w3c("2010-04-14T06:37:38.5+0800", name="d", tz=SH).microsecond == 500000
    assert parse_w3c("2010-04-14 06:37", name="d", tz=SH) == dt.datetime(2010, 4, 14, 6, 37, tzinfo=SH)
    for bad in ("yesterday", "2010-13-01", "2010-02-30T00:00:00Z", "2010-01-01T00:00:00+15:00"):
        with pytest.raises(Open311Error) as e:
            parse_w3c(bad, name="start_date", tz=SH)
        assert e.value.status == 400 and "start_date" in e.value.errors[0].description


# --- POST requests arguments ---------------------------------------------------------------------

def valid(**extra):
    base = dict(lat="21.66", long="109.21", description="村民<b>林地</b>争议", **{
        "attribute[kind]": "land", "attribute[area_mu]": "12.5"})
    base.update(extra)
    return form(**base)


def test_valid_post_is_parsed():
    req = parse_new_request(valid(**{"attribute[parties][]": ["villager", "collective", "villager"],
                                     "attribute[since]": "2026-11-01T08:00:00+08:00",
                                     "first_name": "三", "last_name": "张", "phone": "13800000000",
                                     "email": "z@example.cn", "urgency": "urgent", "withhold_identity": "true"}),
                            service=SERVICE, tz=SH)
    assert (req.lat, req.long, req.description) == (21.66, 109.21, "村民<b>林地</b>争议")  # stored as text
    assert req.attributes == {"kind": "land", "area_mu": "12.5", "parties": ["villager", "collective"],
                              "since": "2026-11-01T08:00:00+08:00"}
    assert (req.reporter_name, req.reporter_contact) == ("张三", "13800000000 z@example.cn")
    assert (req.urgency, req.withhold_identity) == ("urgent", True)


def test_required_attributes_are_named():
    with pytest.raises(Open311Error) as e:
        parse_new_request(form(lat="21", long="109"), service=SERVICE, tz=SH)
    assert e.value.status == 400
    assert [x.description for x in e.value.errors] == [
        "缺少必填属性 attribute[kind]（争议类型）。",
        "缺少必填属性 attribute[area_mu]（涉及面积（亩））。",
    ]


def test_bad_attribute_values_unknown_and_display_only():
    with pytest.raises(Open311Error) as e:
        parse_new_request(valid(**{"attribute[kind]": "house", "attribute[area_mu]": "many",
                                   "attribute[parties][]": ["villager", "alien"], "attribute[colour]": "red",
                                   "attribute[note]": "x", "attribute[bad": "1"}), service=SERVICE, tz=SH)
    msgs = [x.description for x in e.value.errors]
    assert "attribute[kind] 的取值不在可选项中：house" in msgs
    assert "attribute[area_mu] 须为数字：many" in msgs
    assert "attribute[parties] 的取值不在可选项中：alien" in msgs
    assert "服务 LY-001 没有属性 attribute[colour]。" in msgs
    assert "服务 LY-001 没有属性 attribute[note]。" in msgs
    assert "无法识别的属性参数：attribute[bad（应为 attribute[代码]）" in msgs


@pytest.mark.parametrize(("lat", "long", "fragment"), [
    ("91", "109", "lat 超出范围"), ("21", "-180.5", "long 超出范围"), ("nan", "109", "lat 超出范围"),
    ("abc", "109", "lat 不是数字"), ("21", "", "lat 和 long 须同时提供"),
])
def test_coordinates_out_of_range(lat, long, fragment):
    with pytest.raises(Open311Error) as e:
        parse_new_request(valid(lat=lat, long=long), service=SERVICE, tz=SH)
    assert any(fragment in x.description for x in e.value.errors)


def test_location_is_required_and_codes_are_checked():
    data = valid()
    del data["lat"], data["long"]
    with pytest.raises(Open311Error) as e:
        parse_new_request(data, service=SERVICE, tz=SH)
    assert e.value.errors[0].description.startswith("缺少位置")
    assert parse_new_request({**data, **form(jurisdiction_id="450521200206")}, service=SERVICE, tz=SH).jurisdiction_id
    assert parse_new_request({**data, **form(address_string="曲木村委旁")}, service=SERVICE, tz=SH).address_string
    with pytest.raises(Open311Error):  # a county code alone is no location
        parse_new_request({**data, **form(jurisdiction_id="450521")}, service=SERVICE, tz=SH)
    with pytest.raises(Open311Error) as e:
        parse_new_request({**data, **form(address_id="hepu.gov.cn")}, service=SERVICE, tz=SH)
    assert "address_id 须为行政区划代码" in e.value.errors[0].description


def test_text_limits_and_control_characters():
    with pytest.raises(Open311Error) as e:
        parse_new_request(valid(description="字" * 100_000), service=SERVICE, tz=SH)
    assert e.value.errors[0].description == "参数 description 过长：100000 个字符，最多 4000 个。"
    with pytest.raises(Open311Error) as e:
        parse_new_request(valid(description="abc\x00def"), service=SERVICE, tz=SH)
    assert e.value.errors[0].description == "参数 description 第 4 个字符是不可见的控制字符（U+0000），在“abc”之后。"
    with pytest.raises(Open311Error) as e:
        parse_new_request(valid(address_id="450521\x0b200206"), service=SERVICE, tz=SH)
    assert e.value.errors[0].description == "参数 address_id 第 7 个字符是不可见的控制字符（U+000B），在“450521”之后。"
    with pytest.raises(Open311Error) as e:
        parse_new_request(valid(first_name="\x07王"), service=SERVICE, tz=SH)
    assert e.value.errors[0].description == "参数 first_name 第 1 个字符是不可见的控制字符（U+0007），在开头。"
    for extra in ({"media_url": "javascript:alert(1)"}, {"email": "not-mail"}, {"phone": "<script>"},
                  {"urgency": "now"}):
        with pytest.raises(Open311Error):
            parse_new_request(valid(**extra), service=SERVICE, tz=SH)


def test_raw_attributes_forms():
    got, bad = raw_attributes({"attribute[a]": ["1", "2"], "attribute[b][]": ["x", " ", "y"], "attributes": ["z"]})
    assert got == {"a": ["2"], "b": ["x", "y"]} and bad == ["attributes"]


def test_event_text_without_description_summarises_attributes():
    req = parse_new_request(valid(description="", **{"attribute[parties][]": ["villager"]}), service=SERVICE, tz=SH)
    assert event_text(req, SERVICE) == "林地权属争议；争议类型：林地；涉及面积（亩）：12.5；当事方：村民"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_any_text_round_trips_through_both_formats(text):
    xml_value = xml_parse(to_xml("errors", [{"code": 400, "description": text}]))["errors"]["error"]["description"]
    expected = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "\ufffd", text)
    assert (xml_value or "") == expected  # CR survives as &#13; (a parser would turn a raw CR into LF)
    assert json.loads(to_json({"d": text}))["d"] == text
