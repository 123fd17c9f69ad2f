"""The manual-dispatch form on an event's page offers the router's suggestions as named choices, the top one
preselected, and says in words how sure the router is (fix-ui19b #1: the page showed "LY-001（0.71）" beside a
timeline's "置信度 0.64", codes without names, nothing selectable; mend24 #1: 把握较大 / 有一定把握 / 仅供参考)."""

from __future__ import annotations

from jianfu.dispatch import services
from jianfu.dispatch.models import Event, Matter, RoutingFeedback
from jianfu.dispatch.tests.factories import FORESTRY
from jianfu.dispatch.workflow import Status
from jianfu.orgs.models import OrgUnit

TEXT = "曲木村两户村民为后山林地界线争吵，双方都有林权证，请林业部门确认权属"
WATER, POLICE = "450521000000D05", "450521000000D08"
# as the router stores them for a waiting event: each department's probability (its matters summed) with its best
# matter; the decision's confidence is the single best matter's probability, another quantity
CANDIDATES = [{"matter": "LY-001", "department": FORESTRY, "score": 0.71},
              {"matter": "SL-002", "department": WATER, "score": 0.28},
              {"matter": "GA-002", "department": POLICE, "score": 0.0}]


def _waiting(world, settings) -> Event:
    settings.JIANFU_ROUTING_CATALOGUE_THRESHOLD = 0.999  # nothing is that certain: the event waits for a person
    event = services.event_report(actor=world.users["grid_a"], org_code="450521200206001", source="grid", text=TEXT)
    assert (event.status, event.department_code, event.routing_mode) == (Status.REPORTED, "", "none")
    Event.objects.filter(pk=event.pk).update(routing_candidates=CANDIDATES, routing_confidence=0.64)
    return event


def _form(page: str) -> str:
    block = page[page.index("<h2>人工分派</h2>"):]
    return block[:block.index("</form>")]


def test_the_suggestions_are_named_choices_with_the_top_one_preselected(world, catalogue, settings):
    event = _waiting(world, settings)
    form = _form(world.client("county_office").get(f"/dispatch/events/{event.pk}/").content.decode())
    names = dict(OrgUnit.objects.filter(code__in=[FORESTRY, WATER]).values_list("code", "name"))
    matters = dict(Matter.objects.filter(version=catalogue, code__in=["LY-001", "SL-002"]).values_list("code", "name"))
    assert form.count('type="radio" name="suggestion"') == 3   # two suggestions (0.00 is no evidence) and "none"
    assert form.count(" checked") == 1
    assert (f'<input type="radio" name="suggestion" value="{FORESTRY}|LY-001" checked> <span><strong>{names[FORESTRY]}'
            f'</strong> · {matters["LY-001"]} <span class="muted strength strength-likely" '
            f'title="系统估计属于该部门的概率：0.71">有一定把握</span></span></label>') in form
    assert (f'<input type="radio" name="suggestion" value="{WATER}|SL-002"> <span><strong>{names[WATER]}</strong> · '
            f'{matters["SL-002"]} <span class="muted strength strength-hint" '
            f'title="系统估计属于该部门的概率：0.28">仅供参考</span></span></label>') in form
    assert f"{POLICE}|" not in form and "系统候选" not in form
    # the levels in words (mend24 #1): no bare number to weigh against the record's
    assert ('<p class="muted" id="score-meaning">把握较大：达到系统自动派发的把握；有一定把握：比其他部门加起来更可能；'
            '仅供参考：只是可能相关，请核对事件内容后选择。</p>') in form
    assert "部门得分" not in form and "置信度" not in form
    # a grid worker sees none of it
    page = world.client("grid_a").get(f"/dispatch/events/{event.pk}/").content.decode()
    assert 'name="suggestion"' not in page and "有一定把握" not in page and "仅供参考" not in page


def test_dispatch_sends_the_chosen_suggestion_and_the_lists_win(world, catalogue, settings):
    event = _waiting(world, settings)
    client = world.client("county_office")
    # the preselected top suggestion, the lists left at "—": one tap on 派发
    response = client.post(f"/dispatch/events/{event.pk}/dispatch/", {
        "suggestion": f"{FORESTRY}|LY-001", "matter_code": "", "department_code": "", "note": ""})
    assert (response.status_code, response["Location"]) == (302, f"/dispatch/events/{event.pk}/")
    event.refresh_from_db()
    assert (event.status, event.department_code, event.matter.code, event.routing_mode) == (
        Status.DISPATCHED, FORESTRY, "LY-001", "manual")
    assert list(RoutingFeedback.objects.filter(event=event).values_list("kind", "department_code", "matter_code")) == [
        ("confirm", FORESTRY, "LY-001")]

    other = _waiting(world, settings)
    # the second suggestion ticked, but a matter picked in the list below: the list wins
    client.post(f"/dispatch/events/{other.pk}/dispatch/", {
        "suggestion": f"{WATER}|SL-002", "matter_code": "LY-001", "department_code": ""})
    other.refresh_from_db()
    assert (other.department_code, other.matter.code) == (FORESTRY, "LY-001")

    third = _waiting(world, settings)
    # "不采用建议" and nothing below: refused, nothing changed
    client.post(f"/dispatch/events/{third.pk}/dispatch/", {"suggestion": "", "matter_code": "", "department_code": ""})
    third.refresh_from_db()
    assert (third.status, third.department_code, third.matter_id) == (Status.REPORTED, "", None)
    assert RoutingFeedback.objects.filter(event=third).count() == 0
