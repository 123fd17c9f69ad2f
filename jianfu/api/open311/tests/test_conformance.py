"""GeoReport v2 conformance: every endpoint in .xml and .json, the error bodies and status codes, the
default window, filters, scoping to the key's county and the bad-input cases."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.utils import timezone

from jianfu.dispatch.models import Event, TimelineEntry
from jianfu.open311clients.models import Open311Submission

from .conftest import HEPU_BATCH_KEY, HEPU_KEY, TIESHAN_KEY, make_event
from .xmlparse import parse as xml_parse

pytestmark = pytest.mark.django_db
BASE = "/open311/v2"
ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")
FORMATS = ["xml", "json"]


def body(resp, fmt, root=None, item=None):
    """The document as Python: JSON as is; XML through xmltodict, lists normalised to lists."""
    if fmt == "json":
        assert resp["Content-Type"] == "application/json; charset=utf-8"
        return json.loads(resp.content)
    assert resp["Content-Type"] == "text/xml; charset=utf-8"
    assert resp.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    doc = xml_parse(resp.content)
    value = doc[root]
    if item is not None:
        value = (value or {}).get(item, []) if value else []
        value = value if isinstance(value, list) else [value]
    return value


def errors(resp, fmt):
    items = body(resp, fmt, "errors", "error")
    return [(int(e["code"]), e["description"]) for e in items]


def post(client, fmt, **data):
    data.setdefault("api_key", HEPU_KEY)
    return client.post(f"{BASE}/requests.{fmt}", data)


def good(**extra):
    data = {"service_code": "LY-001", "address_id": "450521200206", "description": "曲木村村民林地边界争议",
            "attribute[kind]": "land", "attribute[area_mu]": "12.5"}
    data.update(extra)
    return data


# --- discovery -----------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_discovery(client, o311, fmt):
    resp = client.get(f"{BASE}/discovery.{fmt}")
    assert resp.status_code == 200
    d = body(resp, fmt, "discovery")
    assert {"changeset", "contact", "key_service", "endpoints"} <= set(d)
    ep = d["endpoints"]["endpoint"] if fmt == "xml" else d["endpoints"][0]
    assert ep["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert ep["url"] == "http://testserver/open311/v2"
    assert ep["type"] == "production"
    formats = ep["formats"]["format"] if fmt == "xml" else ep["formats"]
    assert formats == ["text/xml", "application/json"]
    assert ISO.match(d["changeset"])


# --- services ------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_services_of_the_keys_or_jurisdictions_county(client, o311, fmt):
    resp = client.get(f"{BASE}/services.{fmt}", {"jurisdiction_id": "450521"})
    assert resp.status_code == 200
    items = body(resp, fmt, "services", "service")
    assert [s["service_code"] for s in items] == ["ZJ-003", "LY-001"]  # by group (住房… < 林业) then code
    ly = items[1]
    assert ly["service_name"] == "林地权属争议" and ly["group"] == "林业" and ly["keywords"] == "林地,山林,权属"
    assert ly["metadata"] in (True, "true") and items[0]["metadata"] in (False, "false")
    assert ly["type"] == "realtime"
    # the api_key decides the county; the other county's key sees its own catalogue
    ts = body(client.get(f"{BASE}/services.{fmt}", {"api_key": TIESHAN_KEY}), fmt, "services", "service")
    assert [s["service_code"] for s in ts] == ["LY-001"]
    batch = body(client.get(f"{BASE}/services.{fmt}", {"api_key": HEPU_BATCH_KEY}), fmt, "services", "service")
    assert {s["type"] for s in batch} == {"batch"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_services_jurisdiction_errors(client, o311, fmt):
    resp = client.get(f"{BASE}/services.{fmt}")  # two counties publish catalogues
    assert resp.status_code == 400 and "jurisdiction_id" in errors(resp, fmt)[0][1]
    resp = client.get(f"{BASE}/services.{fmt}", {"jurisdiction_id": "999999"})
    assert resp.status_code == 404 and errors(resp, fmt)[0][0] == 404
    resp = client.get(f"{BASE}/services.{fmt}", {"api_key": "wrong"})
    assert resp.status_code == 403 and errors(resp, fmt) == [(403, "api_key 无效或已停用。")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_service_definition(client, o311, fmt):
    resp = client.get(f"{BASE}/services/LY-001.{fmt}", {"jurisdiction_id": "450521"})
    assert resp.status_code == 200
    d = body(resp, fmt, "service_definition")
    assert d["service_code"] == "LY-001"
    attrs = d["attributes"]["attribute"] if fmt == "xml" else d["attributes"]
    assert [a["code"] for a in attrs] == ["kind", "area_mu"]
    kind = attrs[0]
    assert kind["datatype"] == "singlevaluelist" and kind["required"] in (True, "true")
    assert kind["variable"] in (True, "true") and str(kind["order"]) == "1"
    values = kind["values"]["value"] if fmt == "xml" else kind["values"]
    assert values == [{"key": "land", "name": "林地"}, {"key": "tree", "name": "林木"}]
    resp = client.get(f"{BASE}/services/NOPE.{fmt}", {"jurisdiction_id": "450521"})
    assert resp.status_code == 404 and errors(resp, fmt) == [(404, "找不到服务 service_code=NOPE。")]


# --- POST requests -------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_post_creates_an_event_in_the_keys_county(client, o311, fmt):
    resp = post(client, fmt, **good(first_name="三", last_name="张", phone="13800000000", withhold_identity="true",
                                    account_id="acc-9", media_url="https://example.cn/p/1.jpg"))
    assert resp.status_code == 201, resp.content
    [item] = body(resp, fmt, "service_requests", "request")
    event = Event.objects.get()
    assert item["service_request_id"] == f"WG{event.pk:08d}"
    assert "token" not in item
    assert item["account_id"] == "acc-9"
    assert item["service_notice"].startswith(f"已受理，编号 WG{event.pk:08d}。由合浦县林业局办理，预计 ")
    assert (event.org_code, event.county_code, event.source) == ("450521200206", "450521000000", "open311")
    assert (event.matter.code, event.department_code, event.status) == ("LY-001", "450521000000D07", "dispatched")
    assert (event.reporter_name, event.reporter_contact, event.withhold_identity) == ("张三", "138****0000", True)
    from jianfu.dispatch.services import event_contact

    assert event_contact(event) == "13800000000"  # kept encrypted, for the callback
    assert event.attributes == {"kind": "land", "area_mu": "12.5", "media_url": "https://example.cn/p/1.jpg",
                                "account_id": "acc-9"}
    assert event.client_id == str(o311.client.pk)
    sub = Open311Submission.objects.get()
    assert (sub.client_id, sub.event_id, sub.account_id) == (o311.client.pk, event.pk, "acc-9")


def test_post_places_by_latlong_address_or_code(client, o311):
    assert post(client, "json", **good(address_id="", lat="21.66", long="109.2")).status_code == 201
    assert post(client, "json", **good(address_id="", address_string="合浦县曲樟乡曲木村委会旁")).status_code == 201
    assert post(client, "json", **good(address_id="", jurisdiction_id="450521200201")).status_code == 201
    got = list(Event.objects.order_by("id").values_list("org_code", "latitude", "address"))
    assert [(o, str(lat) if lat else None, a) for o, lat, a in got] == [
        ("450521000000", "21.660000", ""),
        ("450521200206", None, "合浦县曲樟乡曲木村委会旁"),
        ("450521200201", None, ""),
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_post_refusals_write_nothing(client, o311, fmt):
    cases = [
        ({"api_key": ""}, 403, "缺少 api_key。请向县网格化服务管理中心申请接口密钥。"),
        ({"api_key": "not-a-key"}, 403, "api_key 无效或已停用。"),
        ({"service_code": "NOPE"}, 404, "找不到服务 service_code=NOPE。"),
        ({"service_code": ""}, 400, "缺少 service_code。"),
        ({"attribute[area_mu]": ""}, 400, "缺少必填属性 attribute[area_mu]（涉及面积（亩））。"),
        ({"attribute[kind]": "house"}, 400, "attribute[kind] 的取值不在可选项中：house"),
        ({"address_id": "", "lat": "95", "long": "109"}, 400, "参数 lat 超出范围（-90 到 90）：95"),
        ({"address_id": "", "lat": "21", "long": "190"}, 400, "参数 long 超出范围（-180 到 180）：190"),
        ({"address_id": "450512100001"}, 400, "address_id=450512100001 不是本县（450521）的乡镇、村或网格代码。"),
        ({"jurisdiction_id": "450512"}, 403, "此 api_key 只能用于 450521。"),
        ({"description": "长" * 100_000}, 400, "参数 description 过长：100000 个字符，最多 4000 个。"),
    ]
    for change, status, message in cases:
        resp = post(client, fmt, **good(**change))
        assert resp.status_code == status, (change, resp.content)
        assert errors(resp, fmt) == [(status, message)], change
    assert Event.objects.count() == 0 and Open311Submission.objects.count() == 0


@pytest.mark.parametrize("fmt", FORMATS)
def test_post_oversized_body(client, o311, fmt):
    resp = post(client, fmt, **good(description="x" * 3000, pad="y" * 1_100_000))
    assert resp.status_code == 413
    assert errors(resp, fmt)[0][1].startswith("请求体过大")
    assert Event.objects.count() == 0


def test_post_another_countys_key_cannot_use_our_services(client, o311):
    resp = post(client, "json", api_key=TIESHAN_KEY, **good(**{"attribute[kind]": "", "attribute[area_mu]": ""}))
    # 铁山港区's LY-001 has no attributes, but 450521200206 is not in 铁山港区
    assert resp.status_code == 400
    assert errors(resp, "json") == [(400, "address_id=450521200206 不是本县（450512）的乡镇、村或网格代码。")]


def test_deactivated_key_is_refused(client, o311):
    o311.client.is_active = False
    o311.client.save()
    assert post(client, "json", **good()).status_code == 403


def test_html_is_stored_as_text_and_escaped(client, o311):
    evil = '<script>alert("x")</script><b>林地</b>争议 & 纠纷'
    resp = post(client, "xml", **good(description=evil))
    assert resp.status_code == 201
    event = Event.objects.get()
    assert event.text == evil
    xml = client.get(f"{BASE}/requests/WG{event.pk:08d}.xml", {"jurisdiction_id": "450521"}).content
    assert b"<script>" not in xml and b"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in xml
    assert xml_parse(xml)["service_requests"]["request"]["description"] == evil
    js = client.get(f"{BASE}/requests/WG{event.pk:08d}.json", {"jurisdiction_id": "450521"}).content
    assert b"<script>" not in js and json.loads(js)[0]["description"] == evil


# --- GET requests --------------------------------------------------------------------------------

@pytest.fixture
def events(o311):
    old = make_event(text="旧的林地争议", age_days=120, status="closed", closed_at=timezone.now() - dt.timedelta(days=100))
    recent = make_event(text="新的林地争议", age_days=2, latitude="21.660000", longitude="109.200000",
                        address="曲木村", reporter_name="李四", reporter_contact="13900000000", withhold_identity=True)
    closed = make_event(text="危房已处理", matter_code="ZJ-003", department="450521000000D03", age_days=10,
                        status="closed", closed_at=timezone.now() - dt.timedelta(days=3))
    internal = make_event(text="网格员上报的家庭纠纷", source="grid", age_days=1)
    citizen = make_event(text="群众表单上报", source="citizen", status="reported", department="", age_days=3)
    other = make_event(county="450512000000", org_code="450512100000", text="铁山港的事", age_days=1,
                       department="450512000000D07")
    TimelineEntry.objects.create(event=recent, org_code=recent.org_code, at=timezone.now() - dt.timedelta(days=1),
                                 action="accept", from_status="dispatched", to_status="accepted", note="林业局已签收")
    TimelineEntry.objects.create(event=recent, org_code=recent.org_code, at=timezone.now(), action="note",
                                 note="内部：当事人情绪激动", public=False)
    return dict(old=old, recent=recent, closed=closed, internal=internal, citizen=citizen, other=other)


def ids(items):
    return [i["service_request_id"] for i in items]


def rid(event):
    return f"WG{event.pk:08d}"


@pytest.mark.parametrize("fmt", FORMATS)
def test_get_requests_default_window_and_public_only(client, o311, events, fmt):
    resp = client.get(f"{BASE}/requests.{fmt}", {"jurisdiction_id": "450521"})
    assert resp.status_code == 200
    items = body(resp, fmt, "service_requests", "request")
    e = events
    # newest first; the 120-day-old one is outside the default 90 days; grid and other-county excluded
    assert ids(items) == [rid(e["recent"]), rid(e["citizen"]), rid(e["closed"])]
    r = items[0]
    assert r["status"] == "open" and r["status_notes"] == "林业局已签收"
    assert r["service_code"] == "LY-001" and r["service_name"] == "林地权属争议"
    assert r["agency_responsible"] == "合浦县林业局"
    # this reporter withheld their identity: no street address, coordinates to ~100 m
    assert not r.get("address") and r["address_id"] == "450521200206"
    assert float(r["lat"]) == 21.66 and float(r["long"]) == 109.2
    for key in ("requested_datetime", "updated_datetime", "expected_datetime"):
        assert ISO.match(r[key]) and r[key].endswith("+08:00"), key
    assert items[1]["agency_responsible"] == "县网格化服务管理中心" and items[1]["status_notes"] == "待分派"
    assert items[2]["status"] == "closed"
    raw = resp.content.decode()
    for secret in ("李四", "13900000000", "当事人情绪激动", "网格员上报", "铁山港的事"):
        assert secret not in raw
    if fmt == "json":
        assert all(isinstance(i["service_request_id"], str) for i in items)


@pytest.mark.parametrize("fmt", FORMATS)
def test_get_requests_filters(client, o311, events, fmt):
    e = events

    def get(**params):
        resp = client.get(f"{BASE}/requests.{fmt}", {"jurisdiction_id": "450521", **params})
        assert resp.status_code == 200, resp.content
        return ids(body(resp, fmt, "service_requests", "request"))

    assert get(status="closed") == [rid(e["closed"])]
    assert get(status="open") == [rid(e["recent"]), rid(e["citizen"])]
    assert get(status="open,closed") == [rid(e["recent"]), rid(e["citizen"]), rid(e["closed"])]
    assert get(service_code="ZJ-003") == [rid(e["closed"])]
    start = (timezone.now() - dt.timedelta(days=150)).isoformat(timespec="seconds")
    end = (timezone.now() - dt.timedelta(days=90)).isoformat(timespec="seconds")
    assert get(start_date=start, end_date=end) == [rid(e["old"])]
    # service_request_id overrides every other filter, even a window that would exclude them
    assert get(service_request_id=f"{rid(e['old'])},{rid(e['internal'])},{rid(e['other'])},junk",
               status="open", start_date=start, end_date=end) == [rid(e["old"])]
    assert get(page_size="1", page="2") == [rid(e["citizen"])]


@pytest.mark.parametrize("fmt", FORMATS)
def test_get_requests_bad_arguments(client, o311, events, fmt):
    for params, fragment in [({"start_date": "yesterday"}, "start_date"), ({"status": "pending"}, "status"),
                             ({"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"}, "90 天")]:
        resp = client.get(f"{BASE}/requests.{fmt}", {"jurisdiction_id": "450521", **params})
        assert resp.status_code == 400 and fragment in errors(resp, fmt)[0][1]


@pytest.mark.parametrize("fmt", FORMATS)
def test_get_one_request(client, o311, events, fmt):
    e = events
    resp = client.get(f"{BASE}/requests/{rid(e['recent'])}.{fmt}", {"api_key": HEPU_KEY})
    assert resp.status_code == 200
    [item] = body(resp, fmt, "service_requests", "request")
    assert item["service_request_id"] == rid(e["recent"]) and item["description"] == "新的林地争议"
    # a request older than 90 days is still reachable by id
    assert client.get(f"{BASE}/requests/{rid(e['old'])}.{fmt}", {"jurisdiction_id": "450521"}).status_code == 200
    for hidden in (e["internal"], e["other"]):
        resp = client.get(f"{BASE}/requests/{rid(hidden)}.{fmt}", {"api_key": HEPU_KEY})
        assert resp.status_code == 404
        assert errors(resp, fmt) == [(404, f"找不到诉求 service_request_id={rid(hidden)}。")]
    # the other county's key sees its own, not ours
    assert client.get(f"{BASE}/requests/{rid(e['other'])}.{fmt}", {"api_key": TIESHAN_KEY}).status_code == 200
    assert client.get(f"{BASE}/requests/{rid(e['recent'])}.{fmt}", {"api_key": TIESHAN_KEY}).status_code == 404
    ext = body(client.get(f"{BASE}/requests/{rid(e['recent'])}.{fmt}", {"jurisdiction_id": "450521",
                                                                          "extensions": "true"}),
               fmt, "service_requests", "request")[0]
    assert ext["extended_attributes"]["detailed_status"] == "OPEN"


# --- tokens --------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_batch_client_gets_a_token_that_maps_to_the_id(client, o311, fmt):
    resp = post(client, fmt, api_key=HEPU_BATCH_KEY, **good())
    assert resp.status_code == 201
    [item] = body(resp, fmt, "service_requests", "request")
    assert "service_request_id" not in item
    event = Event.objects.get()
    token = item["token"]
    assert token == Open311Submission.objects.get(event=event).token
    resp = client.get(f"{BASE}/tokens/{token}.{fmt}")
    assert resp.status_code == 200
    assert body(resp, fmt, "service_requests", "request") == [{"service_request_id": rid(event), "token": token}]
    resp = client.get(f"{BASE}/tokens/unknown-token.{fmt}")
    assert resp.status_code == 404 and errors(resp, fmt) == [(404, "找不到令牌 token=unknown-token。")]


# --- servicerequestupdates -----------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_service_request_updates(client, o311, fmt):
    resp = post(client, "json", **good())
    event = Event.objects.get()
    resp = client.get(f"{BASE}/servicerequestupdates.{fmt}", {"api_key": HEPU_KEY})
    assert resp.status_code == 200
    items = body(resp, fmt, "service_request_updates", "request_update")
    public = list(TimelineEntry.objects.filter(event=event, public=True).order_by("at", "id"))
    assert [u["update_id"] for u in items] == [str(t.pk) for t in public]
    assert [u["status"] for u in items] == ["FOR_TRIAGE", "OPEN"]  # reported, then dispatched
    assert {u["service_request_id"] for u in items} == {rid(event)}
    assert all(ISO.match(u["updated_datetime"]) for u in items)
    by_id = client.get(f"{BASE}/servicerequestupdates.{fmt}", {"api_key": TIESHAN_KEY,
                                                               "service_request_id": rid(event)})
    assert body(by_id, fmt, "service_request_updates", "request_update") == []


def test_wrong_method_and_unknown_format(client, o311):
    assert client.delete(f"{BASE}/requests.json").status_code == 405
    assert client.get(f"{BASE}/requests.html").status_code == 404


def test_service_cache_serves_within_ttl(client, o311, settings):
    from jianfu.api.open311 import adapter
    from jianfu.dispatch.models import Matter

    settings.JIANFU_OPEN311_CACHE_SECONDS = 60
    assert adapter.service("450521000000", "ZJ-003").name == "危房排查"
    Matter.objects.filter(code="ZJ-003").update(name="危房排查（新）")
    assert adapter.service("450521000000", "ZJ-003").name == "危房排查"  # cached
    settings.JIANFU_OPEN311_CACHE_SECONDS = 0
    assert adapter.service("450521000000", "ZJ-003").name == "危房排查（新）"


def test_dispatch_service_errors_name_the_open311_argument(client, o311):
    resp = post(client, "json", **good(description="x"))
    assert resp.status_code == 400
    assert errors(resp, "json") == [(400, "description: 事件描述至少需要 2 个字。")]
    assert Event.objects.count() == 0


@pytest.mark.parametrize("address", ["合浦县曲樟乡曲木村委旁", "曲樟乡曲木村3组", "曲木村小学门口"])
def test_an_address_naming_the_village_as_people_write_it_lands_in_the_village(client, o311, address):
    # the unit is registered as "曲木村委会"; people write "曲木村" — the event must reach the village, not the township
    assert post(client, "json", **good(address_id="", address_string=address)).status_code == 201
    assert Event.objects.get().org_code == "450521200206"
