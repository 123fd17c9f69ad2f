"""Issue 11 item 11: the citizen's form — township → village (nothing preselected), nearest village
from the phone's location, the case number and the look-up by number + phone (no oracle, limited)."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.db import connection
from hypothesis import given, settings
from hypothesis import strategies as st

from jianfu.core.formtokens import token_new
from jianfu.core.testing.race import Race
from jianfu.dispatch import cases, services
from jianfu.dispatch.geo import distance_km
from jianfu.dispatch.models import CaseCounter, Event, UnitLocation

pytestmark = pytest.mark.django_db
QUMU = "450521200206"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _report(world, contact="13812345678"):
    return services.event_report(actor=None, text="路灯坏了一个月没人修", org_code=QUMU, source="citizen",
                                 reporter_contact=contact)


def test_case_numbers_are_county_initials_month_and_sequence(world):
    first, second = _report(world), _report(world)
    month = first.created_at.astimezone(cases.BEIJING).strftime("%y%m")
    assert first.case_number == f"HP{month}000001"
    assert second.case_number == f"HP{month}000002"
    assert CaseCounter.objects.get(key=f"HP{month}").last == 2
    assert re.fullmatch(r"HP\d{4}\d{6}", first.case_number)


def test_form_offers_township_then_village_with_nothing_chosen(world, catalogue):
    page = world.client(None).get("/dispatch/public/report/").content.decode()
    assert '<option value="">— 请选择乡镇 —</option>' in page
    assert '<option value="">— 请选择村（社区）—</option>' in page
    assert " selected" not in page.split('id="id_org_code"')[1].split("</select>")[0]
    assert '<optgroup label="曲樟乡" data-town="450521200000">' in page
    assert "个人信息保护说明" in page
    assert 'id="pin-map"' not in page  # no tile server configured: no map, nothing fetched from outside
    # a form sent without a village is refused, and what was typed comes back
    r = world.client(None).post("/dispatch/public/report/", {"form_token": token_new(), "text": "路灯坏了一个月没人修", "org_code": ""})
    assert r.status_code == 400 and "请选择事件发生的村（社区）或网格" in r.content.decode()
    assert "路灯坏了一个月没人修" in r.content.decode()
    assert Event.objects.count() == 0


def test_map_appears_only_with_a_tile_server(world, catalogue, settings):
    settings.JIANFU_MAP_TILE_URL = "https://tiles.example.gov.cn/{z}/{x}/{y}.png"
    page = world.client(None).get("/dispatch/public/report/").content.decode()
    assert 'data-tiles="https://tiles.example.gov.cn/{z}/{x}/{y}.png"' in page
    assert "vendor/leaflet/leaflet.js" in page


def test_nearest_village_or_a_clear_message(world, catalogue):
    c = world.client(None)
    r = c.get("/dispatch/public/nearest/", {"lat": "21.66", "lon": "109.20"}).json()
    assert r == {"found": False, "message": "本县的村（社区）尚未登记位置坐标，请手动选择乡镇和村。"}
    UnitLocation.objects.create(org_code=QUMU, latitude="21.700000", longitude="109.300000")
    UnitLocation.objects.create(org_code="450521200201", latitude="21.600000", longitude="109.100000")
    r = c.get("/dispatch/public/nearest/", {"lat": "21.69", "lon": "109.29"}).json()
    assert (r["found"], r["code"], r["town"], r["name"]) == (True, QUMU, "450521200000", "曲木村委会")
    assert r["km"] == round(distance_km(21.69, 109.29, 21.7, 109.3), 1)
    assert c.get("/dispatch/public/nearest/", {"lat": "abc", "lon": "1"}).status_code == 400
    far = c.get("/dispatch/public/nearest/", {"lat": "39.9", "lon": "116.4"}).json()
    assert far["found"] is False and "不在本平台受理的区域内" in far["message"]


@settings(max_examples=50, deadline=None)
@given(st.floats(-80, 80), st.floats(-179, 179), st.floats(-80, 80), st.floats(-179, 179))


def test_distance_is_symmetric_and_zero_on_itself(lat1, lon1, lat2, lon2):
    assert distance_km(lat1, lon1, lat1, lon1) == 0
    assert abs(distance_km(lat1, lon1, lat2, lon2) - distance_km(lat2, lon2, lat1, lon1)) < 1e-6


def test_lookup_by_number_and_phone(world):
    event = _report(world, contact="138-1234-5678")
    c = world.client(None)
    r = c.post("/dispatch/public/lookup/", {"number": event.case_number.lower(), "phone": "+86 13812345678"})
    assert r.status_code == 302 and r["Location"] == f"/dispatch/public/track/{event.feedback_token}/"
    page = c.get(r["Location"]).content.decode()
    assert f'<strong id="case-number">{event.case_number}</strong>' in page
    # a wrong phone and a number that does not exist get the very same answer
    wrong_phone = c.post("/dispatch/public/lookup/", {"number": event.case_number, "phone": "13900000000"})
    no_such = c.post("/dispatch/public/lookup/", {"number": "HP9912999999", "phone": "13812345678"})
    assert wrong_phone.status_code == no_such.status_code == 404
    def alert(response):
        return re.search(r'<div class="alert alert-error" role="alert">(.*?)</div>', response.content.decode()).group(1)

    assert alert(wrong_phone) == alert(no_such)
    assert "没有找到与该受理编号和手机号码（或查询码）相符的记录" in no_such.content.decode()


def test_lookup_of_a_report_without_phone_never_matches(world):
    event = _report(world, contact="")
    assert cases.case_lookup(number=event.case_number, phone="", contact_purpose=services.CONTACT_PURPOSE) is None
    assert cases.case_lookup(number=event.case_number, phone="0000000", contact_purpose=services.CONTACT_PURPOSE) is None


def test_a_report_without_phone_is_followed_by_number_and_lookup_code(world):
    event = _report(world, contact="")
    code = cases.lookup_code(event.feedback_token)
    assert re.fullmatch(r"[A-HJ-NP-Z]{8}", code)
    assert code == cases.lookup_code(event.feedback_token)  # derived, so the same every time
    c = world.client(None)
    page = c.get(f"/dispatch/public/track/{event.feedback_token}/").content.decode()
    # the confirmation shows the code and says plainly that, without a phone, number + code or the link is all
    assert f'<strong id="lookup-code">{code[:4]} {code[4:]}</strong>' in page
    assert "您没有留下手机号码：请记下受理编号和查询码" in page
    assert "凭受理编号和您留下的手机号码" not in page
    # typed by hand, lower case, with the space: found
    r = c.post("/dispatch/public/lookup/", {"number": event.case_number, "phone": f"{code[:4].lower()} {code[4:]}"})
    assert r.status_code == 302 and r["Location"] == f"/dispatch/public/track/{event.feedback_token}/"
    # the number alone, or with another report's code, reveals nothing: the same answer as a wrong phone
    other = _report(world, contact="")
    wrong_code = c.post("/dispatch/public/lookup/", {"number": event.case_number,
                                                     "phone": cases.lookup_code(other.feedback_token)})
    no_code = c.post("/dispatch/public/lookup/", {"number": event.case_number, "phone": ""})
    wrong_phone = c.post("/dispatch/public/lookup/", {"number": event.case_number, "phone": "13812345678"})
    assert wrong_code.status_code == no_code.status_code == wrong_phone.status_code == 404
    assert cases.case_lookup(number=event.case_number, phone=code[:7],
                             contact_purpose=services.CONTACT_PURPOSE) is None
    assert cases.case_lookup(number="HP0000000000", phone=code, contact_purpose=services.CONTACT_PURPOSE) is None


def test_a_report_with_phone_is_also_found_by_its_code(world):
    event = _report(world)
    page = world.client(None).get(f"/dispatch/public/track/{event.feedback_token}/").content.decode()
    assert "凭受理编号和您留下的手机号码（或上面的查询码）" in page and 'id="no-contact"' not in page
    found = cases.case_lookup(number=event.case_number, phone=cases.lookup_code(event.feedback_token),
                              contact_purpose=services.CONTACT_PURPOSE)
    assert found == event
    # typed with a Chinese input method in full-width mode: the same letters
    full_width = "".join(chr(ord(ch) + 0xFEE0) for ch in cases.lookup_code(event.feedback_token))
    assert cases.case_lookup(number=event.case_number, phone=f"{full_width[:4]}\u3000{full_width[4:]}",
                             contact_purpose=services.CONTACT_PURPOSE) == event


def test_lookup_is_rate_limited(world, settings, public_hour):
    settings.JIANFU_CASE_LOOKUP_PER_HOUR = 3
    event = _report(world)
    c = world.client(None)
    for _ in range(3):
        assert c.post("/dispatch/public/lookup/", {"number": "HP0000000000", "phone": "13800000000"}).status_code == 404
    # even the right answer is refused once the allowance is spent
    r = c.post("/dispatch/public/lookup/", {"number": event.case_number, "phone": "13812345678"})
    assert r.status_code == 429 and "查询过于频繁" in r.content.decode()
    # and so is the right code: the code is no way round the limit
    r = c.post("/dispatch/public/lookup/", {"number": event.case_number, "phone": cases.lookup_code(event.feedback_token)})
    assert r.status_code == 429


@pytest.mark.postgres   # SQLite serialises writers: the race is run on PostgreSQL (make test-pg)
@pytest.mark.django_db(transaction=True)
def test_concurrent_reports_never_share_a_number(world):
    assert connection.vendor == "postgresql"
    outcomes = Race(6).run(*[lambda: _report(world).case_number] * 6)
    assert [repr(o) for o in outcomes if isinstance(o, Exception)] == []
    assert len(set(outcomes)) == 6


@pytest.mark.parametrize("contact", ["1390779", "138123", "电话", "12345678901"])
def test_a_contact_nobody_can_call_is_refused_and_nothing_is_written(world, catalogue, contact):
    r = world.client(None).post("/dispatch/public/report/", {"form_token": token_new(), "text": "路灯坏了一个月没人修", "org_code": QUMU,
                                                            "reporter_contact": contact})
    page = r.content.decode()
    assert r.status_code == 400 and "不是可以联系到的号码" in page and "路灯坏了一个月没人修" in page
    assert Event.objects.count() == 0


@pytest.mark.parametrize("contact", ["13812345678", "0779-7201234", "7201234", "+86 13812345678", "a.b@example.com",
                                     "138-1234-5678", "138 1234 5678", "１３９０７７９１２３４", "0086 139 0779 1234",
                                     "王 13812345678", ""])


def test_a_contact_that_can_be_reached_is_kept(world, catalogue, contact):
    assert _report(world, contact).pk is not None


def test_the_citizens_track_page_shows_where_it_went_but_no_routing_confidence(world, catalogue):
    from jianfu.dispatch.models import Matter

    matter = Matter.objects.filter(active=True).order_by("code").first()
    event = services.event_report(actor=None, text="路灯坏了一个月没人修", org_code=QUMU, source="citizen",
                                  reporter_contact="13812345678", matter_code=matter.code)
    entry = event.timeline.get(action="dispatch")
    assert entry.public and entry.data["confidence"] == 1.0 and "置信度" not in entry.note
    page = world.client(None).get(f"/dispatch/public/track/{event.feedback_token}/").content.decode()
    # the citizen named the matter: said so, as the staff's header says it (dmend32 #5)
    assert "按上报人选定的事项派发至" in page and "置信度" not in page


def test_a_long_description_is_not_cut_silently_but_refused_naming_the_limit(world, catalogue):
    page = world.client(None).get("/dispatch/public/report/").content.decode()
    textarea = re.search(r'<textarea id="id_text"[^>]*>', page).group()
    # no maxlength: the browser would cut pasted text without a word; the counter reads data-maxlength
    assert ' maxlength=' not in textarea and 'data-maxlength="5000"' in textarea
    assert '<script src="/static/js/jianfu.js"></script>' in page
    long_text = "路灯坏了" * 1251   # 5004 characters
    r = world.client(None).post("/dispatch/public/report/", {"form_token": token_new(), "text": long_text, "org_code": QUMU})
    assert r.status_code == 400
    assert "事件描述不能超过 5000 个字（现为 5004 个字）。" in r.content.decode()
    assert long_text in r.content.decode()   # all of it comes back to be shortened
    assert Event.objects.count() == 0


def test_the_citizen_sees_one_number_the_case_number(world):
    """After reporting, the page showed "事件 EV… 办理进度" above "受理编号 HP…": two numbers, and only one of them finds
    the case again. Only the 受理编号 is shown."""
    event = _report(world, contact="13812345678")
    page = world.client(None).get(f"/dispatch/public/track/{event.feedback_token}/").content.decode()
    assert event.number and event.number != event.case_number
    assert event.number not in page
    assert "<h1>办理进度</h1>" in page and f'<strong id="case-number">{event.case_number}</strong>' in page
