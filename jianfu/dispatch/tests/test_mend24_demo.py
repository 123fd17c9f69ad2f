"""mend24 #2: `make run`'s demo puts events the router was unsure of in the county dispatch queue, with its suggested
departments, so a new user sees the feature."""

from __future__ import annotations

import io

import pytest
from django.core.management.base import OutputWrapper

from jianfu.dispatch import catalogue as cat
from jianfu.dispatch import demo, routing_bridge, selectors
from jianfu.dispatch.models import Event
from jianfu.dispatch.tests.conftest import MINI
from jianfu.dispatch.workflow import Status

pytestmark = pytest.mark.django_db


def test_the_demo_queue_holds_unsure_events_with_their_suggestions(world, monkeypatch):
    monkeypatch.setattr(cat, "DEFAULT_CATALOGUE", MINI)
    routing_bridge.clear_cache()
    buffer = io.StringIO()
    demo.load(stdout=OutputWrapper(buffer))
    assert buffer.getvalue().splitlines()[-1].endswith("；系统没有把握、附建议部门待人工分派 3 件")
    unsure = Event.objects.filter(county_code=demo.COUNTY, routing_mode="none").order_by("pk")
    assert [(e.text, e.status, e.department_code) for e in unsure] == [
        (text, Status.REPORTED, "") for _place, _reporter, text in demo.UNSURE
    ]
    offered = {event.pk: options for event, options, _returned in selectors.routing_suggestions(unsure)}
    # on the tests' 12-matter catalogue: 水利局 0.57 / 城管 0.31 / 生态环境局 0.08; 生态环境局 0.52 / 水利局 0.43 (城管 0.04
    # under the floor); 生态环境局 0.56 / 水利局 0.27 / 城管 0.07 — none at the 0.76 the catalogue dispatches at
    assert [len(offered[e.pk]) for e in unsure] == [3, 2, 3]
    assert [[o["strength"] for o in offered[e.pk]] for e in unsure] == [
        ["likely", "hint", "hint"],
        ["likely", "hint"],
        ["likely", "hint", "hint"],
    ]
    page = world.client("county_office").get("/dispatch/queue/").content.decode()
    for event in unsure:
        block = page[page.index(f'id="suggest-{event.pk}"') :]
        block = block[: block.index("</form>\n</div>")]
        # an option per suggestion, named, with its strength in words, each with its 派发给… button (one shows, the
        # picked one's: dmend32 #1); and the free choice of any department
        assert block.count('<input type="radio" class="pick') == len(offered[event.pk])
        assert block.count("<form ") == 2
        for option in offered[event.pk]:
            assert f'value="{option["department_code"]}|' in block and str(option["strength_label"]) in block
