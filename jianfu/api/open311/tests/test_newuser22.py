"""newuser22's Open311 findings: #2 a request with lat/long lands at the nearest village (the public form's rule,
none past 30 km), not at the county; #3 a form body that is not UTF-8 is refused in Chinese, naming the field and
the encoding it looks like (or the charset it names), nothing stored."""

from __future__ import annotations

import json
from urllib.parse import quote_from_bytes

import pytest

from jianfu.dispatch.models import Event, UnitLocation
from jianfu.open311clients.models import Open311Submission

from .conftest import HEPU_KEY

URL = "/open311/v2/requests.json"
FORM = "application/x-www-form-urlencoded"


@pytest.fixture
def located(o311):
    UnitLocation.objects.create(org_code="450521200206", latitude="21.660000", longitude="109.200000")   # 曲木村
    UnitLocation.objects.create(org_code="450521200201", latitude="21.700000", longitude="109.300000")   # 璋嘉村
    return o311


def _post(client, **extra):
    data = {"api_key": HEPU_KEY, "service_code": "ZJ-003", "description": "曲木村有一间危房开裂", **extra}
    return client.post(URL, data)


@pytest.mark.parametrize(("lat", "lon", "landed"), [
    ("21.661", "109.201", "450521200206"),    # ~0.15 km from 曲木村
    ("21.699", "109.298", "450521200201"),    # ~0.2 km from 璋嘉村
    ("22.100", "109.200", "450521000000"),    # ~49 km from both: the county, as before
])
def test_latlong_lands_at_the_nearest_village_within_30_km(client, located, lat, lon, landed):
    response = _post(client, lat=lat, long=lon)
    assert response.status_code == 201, response.content
    assert list(Event.objects.values_list("org_code", flat=True)) == [landed]


def test_a_village_named_in_the_address_wins_over_the_position(client, located):
    response = _post(client, lat="21.699", long="109.298", address_string="合浦县曲樟乡曲木村委会旁")
    assert response.status_code == 201
    assert list(Event.objects.values_list("org_code", flat=True)) == ["450521200206"]


def test_without_reference_points_latlong_still_lands_at_the_county(client, o311):
    assert _post(client, lat="21.661", long="109.201").status_code == 201
    assert list(Event.objects.values_list("org_code", flat=True)) == ["450521000000"]


def _raw_body(description: bytes, *, quoted: bool) -> bytes:
    value = quote_from_bytes(description).encode() if quoted else description
    return (f"api_key={HEPU_KEY}&service_code=ZJ-003&lat=21.66&long=109.2&description=").encode() + value


@pytest.mark.parametrize("quoted", [False, True])
def test_a_gbk_body_without_charset_is_refused_naming_the_encoding(client, o311, quoted):
    body = _raw_body("危房开裂，墙体倾斜".encode("gbk"), quoted=quoted)
    response = client.post(URL, body, content_type=FORM)
    assert response.status_code == 400
    assert json.loads(response.content) == [{
        "code": 400, "description": "参数 description 不是 UTF-8 编码（看起来是 GBK/GB18030 编码）：请以 UTF-8 编码发送表单参数。"}]
    assert (Event.objects.count(), Open311Submission.objects.count()) == (0, 0)


def test_bytes_neither_utf8_nor_gb18030_are_refused_too(client, o311):
    response = client.post(URL, _raw_body(b"\xff\xfe\xff", quoted=True), content_type=FORM)
    assert response.status_code == 400
    assert "参数 description 不是 UTF-8 编码（编码无法识别）" in json.loads(response.content)[0]["description"]
    assert Event.objects.count() == 0


@pytest.mark.parametrize("quoted", [False, True])
def test_a_utf8_body_is_read_as_written(client, o311, quoted):
    text = "危房开裂，墙体倾斜"
    assert client.post(URL, _raw_body(text.encode(), quoted=quoted), content_type=FORM).status_code == 201
    assert client.post(URL, _raw_body(text.encode(), quoted=quoted),
                       content_type=f"{FORM}; charset=UTF-8").status_code == 201
    assert list(Event.objects.order_by("id").values_list("text", flat=True)) == [text, text]


def test_a_body_naming_another_charset_is_refused_in_words(client, o311):
    response = client.post(URL, _raw_body("危房开裂".encode("gb18030"), quoted=True),
                           content_type=f"{FORM}; charset=GB18030")
    assert response.status_code == 400
    assert json.loads(response.content) == [{"code": 400,
                                             "description": "不支持字符集 GB18030：请以 UTF-8 编码发送表单参数。"}]
    assert Event.objects.count() == 0
