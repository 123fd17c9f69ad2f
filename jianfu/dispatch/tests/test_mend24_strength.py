"""mend24 #1: the dispatcher reads how sure the router is in words — 把握较大 / 有一定把握 / 仅供参考, by the router's own
thresholds — not "部门得分 0.43" beside a record's "置信度 0.38"; the record says what happened in words."""

from __future__ import annotations

import pytest

from jianfu.dispatch import selectors, services
from jianfu.dispatch.models import Event
from jianfu.dispatch.routing import Candidate, RoutingDecision
from jianfu.dispatch.tests.factories import FORESTRY, HOUSING, event_in
from jianfu.dispatch.workflow import Status

TEXT = "曲木村两户村民为后山林地界线争吵，双方都有林权证，请林业部门确认权属"


def test_the_levels_follow_the_routers_thresholds(settings):
    settings.JIANFU_ROUTING_THRESHOLD = 0.5
    settings.JIANFU_ROUTING_CATALOGUE_THRESHOLD = None  # the catalogue's default, 0.76
    assert selectors.strength_bars() == (0.76, 0.5)
    scores = [1.0, 0.76, 0.7599, 0.5, 0.4999, 0.05, 0.0, None, "0.9", True]
    assert [selectors.strength(s) for s in scores] == [
        "sure",
        "sure",
        "likely",
        "likely",
        "hint",
        "hint",
        "hint",
        "",
        "",
        "",
    ]
    assert [selectors.strength_label(k) for k in ("sure", "likely", "hint", "")] == [
        "把握较大",
        "有一定把握",
        "仅供参考",
        "",
    ]
    # a county that dispatches only when very sure: what was 把握较大 is now 有一定把握
    settings.JIANFU_ROUTING_CATALOGUE_THRESHOLD = 0.9
    assert [selectors.strength(s) for s in (0.9, 0.89, 0.5, 0.49)] == ["sure", "likely", "likely", "hint"]
    # a catalogue threshold under the learned model's: no band above the one the router dispatches at
    settings.JIANFU_ROUTING_CATALOGUE_THRESHOLD = 0.4
    assert selectors.strength_bars() == (0.4, 0.4)
    assert [selectors.strength(s) for s in (0.45, 0.4, 0.39)] == ["sure", "sure", "hint"]


@pytest.mark.django_db
def test_the_queue_says_the_level_and_keeps_the_number_in_the_title(world, catalogue):
    event = event_in(
        world,
        status=Status.REPORTED,
        text=TEXT,
        catalogue_version=catalogue,
        routing_mode="none",
        routing_confidence=0.38,
        routing_candidates=[
            {"matter": "LY-001", "department": FORESTRY, "score": 0.8},
            {"matter": "ZJ-001", "department": HOUSING, "score": 0.43},
        ],
    )
    page = world.client("county_office").get("/dispatch/queue/").content.decode()
    block = page[page.index(f'id="suggest-{event.pk}"') :]
    block = block[: block.index("</form>\n</div>")]
    assert (
        'title="系统估计属于该部门的概率：0.80"><input type="radio" class="pick pick-0" name="pick" value="0"> '
        '<span><strong>林业局</strong> · 林木林地权属争议调处 '
        '<span class="muted strength strength-sure">把握较大</span></span></label>'
    ) in block
    assert (
        'title="系统估计属于该部门的概率：0.43"><input type="radio" class="pick pick-1" name="pick" value="1"> '
        '<span><strong>住房和城乡建设局</strong> · 物业服务纠纷与物业监管 '
        '<span class="muted strength strength-hint">仅供参考</span></span></label>'
    ) in block
    assert "部门得分" not in page and "置信度" not in page
    assert page.count('id="score-meaning"') == 1


@pytest.mark.django_db
def test_an_automatic_dispatch_says_how_sure_in_words(world, catalogue):
    event = event_in(
        world, text=TEXT, catalogue_version=catalogue, routing_mode="catalogue", routing_confidence=0.87
    )
    page = world.client("county_office").get(f"/dispatch/events/{event.pk}/").content.decode()
    assert (
        '（按职责清单自动分派，<span id="routing-strength" title="系统估计的概率：0.87">把握较大</span>）'
        in page
    )
    Event.objects.filter(pk=event.pk).update(routing_confidence=0.6, routing_mode="learned")
    page = world.client("county_office").get(f"/dispatch/events/{event.pk}/").content.decode()
    assert (
        '（按历史案例自动分派，<span id="routing-strength" title="系统估计的概率：0.60">有一定把握</span>）'
        in page
    )
    # a grid worker reads how it was dispatched, not how sure the system was
    page = world.client("grid_a").get(f"/dispatch/events/{event.pk}/").content.decode()
    assert "（按历史案例自动分派）" in page and "routing-strength" not in page


@pytest.mark.django_db
def test_the_record_says_in_words_why_the_event_waits(world, catalogue, monkeypatch):
    def decided(scores):
        cands = tuple(Candidate(m, d, s) for m, d, s in scores)
        return lambda version, text: (RoutingDecision(None, None, 0.38, cands, "none", cands), False)

    monkeypatch.setattr(services, "_route", decided([("LY-001", FORESTRY, 0.43), ("ZJ-001", HOUSING, 0.2)]))
    unsure = services.event_report(
        actor=world.users["grid_a"], org_code="450521200206001", source="grid", text=TEXT
    )
    monkeypatch.setattr(services, "_route", decided([("LY-001", FORESTRY, 0.04), ("ZJ-001", HOUSING, 0.01)]))
    blind = services.event_report(
        actor=world.users["grid_a"],
        org_code="450521200206001",
        source="grid",
        text="村里有件事想反映一下情况",
    )
    assert [(e.status, e.department_code, e.timeline.get(action="queue").note) for e in (unsure, blind)] == [
        (
            Status.REPORTED,
            "",
            "系统无法确定应由哪个部门办理，未自动派发，转县指挥中心人工分派。",
        ),
        (Status.REPORTED, "", "系统看不出应由哪个部门办理，未自动派发，转县指挥中心人工分派。"),
    ]
    page = world.client("county_office").get(f"/dispatch/events/{unsure.pk}/").content.decode()
    assert "置信度" not in page and "部门得分" not in page
