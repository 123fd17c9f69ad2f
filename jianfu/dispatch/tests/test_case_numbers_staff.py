"""newuser15 finding 2: one case, two numbers. A citizen quotes the 受理编号 (HP…) on the phone; staff find the
case by it or by the event number (WG…), exactly, whatever the case and spacing, within what they may see."""

from __future__ import annotations

import re

import pytest

from jianfu.dispatch import selectors
from jianfu.dispatch.cases import number_filter
from jianfu.dispatch.models import Source
from jianfu.dispatch.tests.factories import HOUSING, event_in

pytestmark = pytest.mark.django_db


def _numbers_listed(page: str) -> list[str]:
    return re.findall(r'href="/dispatch/events/\d+/">((?:WG\d{8})|(?:HP\d{10}))</a>', page)


def test_number_filter_reads_either_number_exactly():
    assert number_filter("HP2612000024") is not None
    assert str(number_filter(" hp 2612-000024 ")) == str(number_filter("HP2612000024"))
    assert str(number_filter("ＨＰ２６１２００００２４")) == "(AND: ('case_number', 'HP2612000024'))"
    assert str(number_filter("wg00000024")) == "(AND: ('pk', 24))"
    assert str(number_filter("WG 0000 0024")) == "(AND: ('pk', 24))"
    # not a number of either kind: free text (a description or an address)
    assert [number_filter(v) for v in ("", "林地", "HP26120000", "WG", "WG0", "261200002", "26120000245")] == [None] * 7
    # the 受理编号's digits alone, as a caller reads them out (verify15 #6c): its ten digits, exactly
    assert str(number_filter("2612000024")) == "(AND: ('case_number__endswith', '2612000024'))"
    assert str(number_filter(" 2612-000024 ")) == str(number_filter("2612000024"))


def test_staff_search_finds_the_case_by_either_number_and_shows_both(world):
    citizen = event_in(world, source=Source.CITIZEN, case_number="HP2612000024", text="村口的桥栏杆断了")
    event_in(world, text="HP2612000024 之外的另一件事")   # its text names the number: an exact match does not find it
    other = event_in(world, text="后山林地界线纠纷")
    client = world.client("county_office")
    for typed in ("HP2612000024", "hp2612000024", " HP 2612 000024 ", citizen.number, citizen.number.lower()):
        page = client.get("/dispatch/", {"q": typed}).content.decode()
        assert _numbers_listed(page) == ["HP2612000024"], typed   # the number the citizen holds, only (newuser23 #6)
    page = client.get("/dispatch/", {"q": "HP2612000024"}).content.decode()
    assert 'case-number' not in page and citizen.number not in page   # the WG number is on the detail page only
    assert _numbers_listed(client.get("/dispatch/", {"q": "HP2612000099"}).content.decode()) == []
    # text still searches descriptions and addresses
    assert _numbers_listed(client.get("/dispatch/", {"q": "林地界线"}).content.decode()) == [other.number]
    detail = client.get(f"/dispatch/events/{citizen.pk}/").content.decode()
    # one number per event (newuser24 #2): the citizen's in the heading, the internal one in a line below
    assert '<h1>事件 <span id="case-number">HP2612000024</span> ' in detail
    assert f'<dt>内部编号</dt><dd id="internal-number">{citizen.number}</dd>' in detail
    # an event without a 受理编号 shows no empty line
    assert 'id="case-number"' not in client.get(f"/dispatch/events/{other.pk}/").content.decode()


def test_the_number_search_stays_within_what_the_user_may_see(world):
    mine = event_in(world, source=Source.CITIZEN, case_number="HP2612000031")
    housing = event_in(world, source=Source.CITIZEN, case_number="HP2612000032", department=HOUSING)
    forestry = world.users["dept_forestry"]
    assert list(selectors.event_list(user=forestry, q="HP2612000031")) == [mine]
    assert list(selectors.event_list(user=forestry, q="HP2612000032")) == []
    assert list(selectors.event_list(user=forestry, q=housing.number)) == []
    page = world.client("dept_forestry").get("/dispatch/", {"q": "HP2612000032"}).content.decode()
    assert _numbers_listed(page) == [] and "暂无事件。" in page


def test_the_citizen_number_is_shown_only_for_an_event_citizens_reported(world):
    """verify15 #5: every event gets an HP number, but a grid worker's own report has no citizen holding it — its
    pages show no 群众受理编号 (nor the number in the list); a citizen's or an Open311 app's report shows it."""
    grid = event_in(world, source=Source.GRID, case_number="HP2612000041", text="网格员巡查发现的路灯损坏")
    app = event_in(world, source=Source.OPEN311, case_number="HP2612000042", text="手机上报的垃圾堆放")
    client = world.client("county_office")
    grid_page = client.get(f"/dispatch/events/{grid.pk}/").content.decode()
    assert "内部编号" not in grid_page and "HP2612000041" not in grid_page
    assert f'<h1>事件 <span>{grid.number}</span> ' in grid_page
    app_page = client.get(f"/dispatch/events/{app.pk}/").content.decode()
    assert '<h1>事件 <span id="case-number">HP2612000042</span> ' in app_page
    assert f'<dt>内部编号</dt><dd id="internal-number">{app.number}</dd>' in app_page
    listed = client.get("/dispatch/").content.decode()
    # one number a row (newuser23 #6): the citizen's where there is one, else the event number
    assert f'href="/dispatch/events/{grid.pk}/">{grid.number}</a>' in listed and "HP2612000041" not in listed
    assert f'href="/dispatch/events/{app.pk}/">HP2612000042</a>' in listed and app.number not in listed


def test_staff_find_the_case_by_the_number_s_digits_alone(world):
    """verify15 #6c: "2612000021" (the digits of HP2612000021 without its letters) finds that case — exactly, within
    what the user may see; a longer or shorter run of digits is free text."""
    mine = event_in(world, source=Source.CITIZEN, case_number="HP2612000021", text="村道塌方")
    event_in(world, source=Source.CITIZEN, case_number="HP2612000210", text="路灯不亮")
    event_in(world, source=Source.CITIZEN, case_number="HP2612000022", department=HOUSING)
    page = world.client("county_office").get("/dispatch/", {"q": "2612000021"}).content.decode()
    assert _numbers_listed(page) == ["HP2612000021"]
    assert list(selectors.event_list(user=world.users["county_office"], q="261200002")) == []
    forestry = world.users["dept_forestry"]
    assert list(selectors.event_list(user=forestry, q="2612000021")) == [mine]
    assert list(selectors.event_list(user=forestry, q="2612000022")) == []


def test_a_number_typed_as_spoken_finds_the_case(world):
    """newuser16 #7: "9" and "00000009" find WG00000009 (they found nothing); "HP2612-24" finds HP2612000024."""
    assert str(number_filter("9")) == "(AND: ('pk', 9))"
    assert str(number_filter(" 0000 0009 ")) == "(AND: ('pk', 9))"
    assert str(number_filter("９")) == "(AND: ('pk', 9))"
    assert str(number_filter("hp 2612-24")) == "(AND: ('case_number', 'HP2612000024'))"
    assert str(number_filter("HP26120024")) == "(AND: ('case_number', 'HP2612000024'))"
    assert [number_filter(v) for v in ("0", "000000000", "123456789", "9号楼", "HP2612", "HP26120")] == [None] * 6
    target = event_in(world, source=Source.CITIZEN, case_number="HP2612000024", text="村口的桥栏杆断了")
    event_in(world, text=f"门牌 {target.pk} 号旁的路灯不亮")   # its text names the digits: an exact match skips it
    client = world.client("county_office")
    for typed in (str(target.pk), f"{target.pk:08d}", "HP2612-24", "hp 2612 24"):
        assert _numbers_listed(client.get("/dispatch/", {"q": typed}).content.decode()) == ["HP2612000024"], typed
    # within what the user may see: the forestry department does not see a housing case by its digits either
    housing = event_in(world, department=HOUSING)
    assert list(selectors.event_list(user=world.users["dept_forestry"], q=str(housing.pk))) == []
    assert list(selectors.event_list(user=world.users["county_office"], q=str(housing.pk))) == [housing]
