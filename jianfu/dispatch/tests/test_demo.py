"""The demo loads on the matrix world: the seed story reaches 林业局, and every state is present."""

from __future__ import annotations

import io

from jianfu.dispatch import catalogue as cat
from jianfu.dispatch import demo
from jianfu.dispatch.models import Event, TimelineEntry
from jianfu.dispatch.tests.conftest import MINI
from jianfu.dispatch.tests.factories import FORESTRY
from jianfu.dispatch.workflow import Status


def test_demo_seed_story_and_every_state(world, monkeypatch):
    monkeypatch.setattr(cat, "DEFAULT_CATALOGUE", MINI)   # the full catalogue is exercised in test_commands
    out = io.StringIO()
    demo.load(stdout=out)
    seed = Event.objects.get(text=demo.SEED_TEXT)
    assert (seed.reporter.username, seed.org_code, seed.department_code) == ("grid_a", "450521200206001", FORESTRY)
    assert seed.status == Status.CLOSED
    assert TimelineEntry.objects.filter(event=seed, action="resolve").count() == 1
    statuses = set(Event.objects.values_list("status", flat=True))
    assert statuses == set(Status.values)
    assert Event.objects.filter(escalation_level__gte=1).exists()
    assert "种子故事" in out.getvalue()
    demo.load(stdout=io.StringIO())                       # idempotent
    assert Event.objects.filter(text=demo.SEED_TEXT).count() == 1
