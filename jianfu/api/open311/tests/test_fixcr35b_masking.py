"""codereview35b #5: the masking of numbers a person typed (`core.identifiers.mask_identifiers`) — published by the public
Open311 GET (security34 #1) and written into the audit log by `Event.__str__` (security34 #3) — missed a phone typed in
full-width digits (１３９０７７９１２３４), an 18-character ID whose check digit is wrong (still region and birth date) and a
phone with dots (139.0779.1234): each was published whole. The text is now searched NFKC-folded (position for position),
any 18-character ID shape is masked for publication (the direct line's warning keeps the check-digit test), and a
phone's groups may be split by dots and full-width separators. The county's 12-digit village and 15-digit grid codes are
no identifiers and stay as written."""

from __future__ import annotations

import pytest

from jianfu.api.open311.adapter import request_id
from jianfu.core.identifiers import find_identifiers, mask_identifiers

from .conftest import HEPU_KEY, make_event

CASES = [
    ("林地被占，请联系我１３９０７７９１２３４谢谢", "林地被占，请联系我１３９****１２３４谢谢"),
    ("林地被占，身份证450521196804122486", "林地被占，身份证4505**************"),
    ("林地被占，手机：139.0779.1234", "林地被占，手机：139******1234"),
    ("林地被占，手机：139．0779．1234", "林地被占，手机：139******1234"),
    ("林地被占，电话１３９－０７７９－１２３４", "林地被占，电话１３９******１２３４"),
    ("林地被占，座机0779.7201234", "林地被占，座机077*****1234"),
    ("林地被占，身份证４５０５２１１９６８０４１２２４８Ｘ", "林地被占，身份证４５０５**************"),
]

# the county's own codes: a 12-digit village code, a 15-digit grid code, a 12-digit unit code, and a bare 15-digit number
CODES = "曲木村450521200206第一网格450521200206001，上报单位450521000000，网格450521100001001已处理"


@pytest.mark.parametrize(("text", "masked"), CASES)
def test_mask_identifiers_takes_full_width_wrong_check_digit_and_dotted_numbers(text, masked):
    assert mask_identifiers(text) == masked


def test_grid_and_unit_codes_are_not_blanked():
    assert mask_identifiers(CODES) == CODES
    assert find_identifiers(CODES) == []


def test_an_old_15_digit_id_named_as_an_id_is_still_masked():
    assert mask_identifiers("身份证号：450521680412248，住曲木村") == "身份证号：4505***********，住曲木村"


def test_the_direct_lines_warning_keeps_the_check_digit_test_but_folds_full_width_digits():
    assert find_identifiers("身份证 11010119900307447X") == []   # warning only for a valid ID (test_sealing's pin)
    assert [i.kind for i in find_identifiers("我的电话１３９１２３４５６７８")] == ["phone"]
    [found] = find_identifiers("电话：１３９．１２３４．５６７８。")
    assert (found.start, found.end) == (3, 16)                   # positions in the text as typed


@pytest.mark.django_db
@pytest.mark.parametrize(("text", "masked"), CASES[:3])
def test_the_public_get_publishes_them_masked(client, o311, text, masked):
    event = make_event(text=text, source="open311")
    for url in ("/open311/v2/requests/{id}.json", "/open311/v2/requests.json"):
        response = client.get(url.format(id=request_id(event.pk)), {"jurisdiction_id": "450521"})
        assert response.status_code == 200
        [doc] = [d for d in response.json() if d["service_request_id"] == request_id(event.pk)]
        assert doc["description"] == masked
    event.refresh_from_db()
    assert event.text == text      # the stored text, which the handling staff read, is unchanged


@pytest.mark.django_db
def test_the_public_get_keeps_grid_codes(client, o311):
    event = make_event(text=CODES, source="open311")
    body = client.get(f"/open311/v2/requests/{request_id(event.pk)}.json", {"jurisdiction_id": "450521"}).json()
    assert body[0]["description"] == CODES


@pytest.mark.django_db
def test_the_audit_log_names_the_event_with_them_masked(client, o311):
    from jianfu.core.models import AuditRecord
    from jianfu.dispatch.models import Event

    response = client.post("/open311/v2/requests.json", {
        "api_key": HEPU_KEY, "service_code": "LY-001", "address_id": "450521200206", "attribute[kind]": "land",
        "attribute[area_mu]": "3", "description": "林地被占请联系１３９０７７９１２３４谢谢"})
    assert response.status_code == 201
    event = Event.objects.get()
    reprs = set(AuditRecord.objects.filter(object_type="dispatch.event").values_list("object_repr", flat=True))
    assert reprs == {f"{event.number} 林地被占请联系１３９****１２３４谢谢"}
