from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

MINI = Path(__file__).resolve().parent / "data" / "mini_catalogue.yaml"


@pytest.fixture
def catalogue(world):
    """A 12-matter excerpt of the default catalogue, loaded into 合浦县 and in force since 2020
    (its LY/ZJ departments map onto the world's 林业局 and 住建局; the others are created)."""
    from jianfu.dispatch.catalogue import catalogue_load_yaml

    return catalogue_load_yaml(actor=None, county_code="450521", path=MINI, effective_from=dt.date(2020, 1, 1))


@pytest.fixture
def public_hour(monkeypatch):
    """The public form's clock (`views.time`, which picks the hour of its rate counters, cr22c #1) pinned to the middle
    of an hour, so a test posting many times never crosses into the next hour's allowance; move it with `now[0]`.
    The cache's own expiry keeps the real clock."""
    import types

    from jianfu.dispatch import views

    now = [float(493_000 * 3600 + 1800)]
    monkeypatch.setattr(views, "time", types.SimpleNamespace(time=lambda: now[0]))
    return now
