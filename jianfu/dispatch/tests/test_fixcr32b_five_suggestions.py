"""fix-cr32b #8: dispatch.css shows the picked suggestion's 派发 button for .pick-0 … .pick-4 only, while the queue
card listed every suggestion the router stored: a sixth could be picked and no button sent it. The selector now offers
at most `MAX_SUGGESTIONS` (5), the router's first."""

from __future__ import annotations

import pytest

from jianfu.dispatch import selectors
from jianfu.dispatch.tests.factories import FORESTRY, HOUSING, event_in
from jianfu.dispatch.workflow import Status
from jianfu.orgs.models import OrgUnit

pytestmark = pytest.mark.django_db

MORE = [(f"450521000000D{n}", name) for n, name in
        ((31, "测试三局"), (32, "测试四局"), (33, "测试五局"), (34, "测试六局"), (35, "测试七局"))]


def _seven_suggestions(world, catalogue):
    for code, name in MORE:
        OrgUnit.objects.create(code=code, name=name, kind="department", level=3, parent_code="450521000000")
    codes = [FORESTRY, HOUSING, *(code for code, _name in MORE)]
    candidates = [{"department": code, "score": round(0.9 - 0.1 * i, 2)} for i, code in enumerate(codes)]
    return event_in(world, status=Status.REPORTED, catalogue_version=catalogue, routing_mode="none",
                    routing_candidates=candidates), codes


def test_at_most_five_suggestions_are_offered_the_routers_first(world, catalogue):
    event, codes = _seven_suggestions(world, catalogue)
    ((_event, options, returned),) = selectors.routing_suggestions([event])
    assert [o["department_code"] for o in options] == codes[:5]
    assert returned == []


def test_the_queue_card_has_a_button_for_each_of_its_five_radios(world, catalogue):
    event, codes = _seven_suggestions(world, catalogue)
    page = world.client("county_office").get("/dispatch/queue/").content.decode()
    card = page[page.index(f'id="suggest-{event.pk}"'):]
    card = card[:card.index("</form>\n</div>")]
    assert [card.count(f'class="pick pick-{n}"') for n in range(7)] == [1, 1, 1, 1, 1, 0, 0]
    assert [card.count(f'class="send send-{n}"') for n in range(7)] == [1, 1, 1, 1, 1, 0, 0]
    suggested = card[:card.index('class="inline any-department"')]     # the free choice below lists every department
    assert "派发给测试六局" not in suggested and "派发给测试七局" not in suggested and "派发给测试五局" in suggested
