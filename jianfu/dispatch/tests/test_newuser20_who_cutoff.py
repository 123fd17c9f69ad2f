"""newuser20 #8: 谁来办 for 村里路灯坏了 put 路灯照明设施 first, then matters that only share the pieces 村里 and 坏了
(家庭暴力…, 停电, 土地流转…). Since session 21 (who21) the page shows the catalogue router's suggestions among the matters
sharing a term with the query: at most five, none under a fixed floor (`routing.lookup.answers`)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from jianfu.dispatch.catalogue import catalogue_load_yaml

pytestmark = pytest.mark.django_db


def _found(client, query: str) -> list[str]:
    page = client.get("/dispatch/who/", {"q": query}).content.decode()
    return re.findall(r'<article class="card">\s*<h2>([^<]+)</h2>', page)


def test_unrelated_matters_after_the_right_one_are_dropped(world):
    catalogue_load_yaml(actor=None, county_code="450521", effective_from=dt.date(2020, 1, 1))
    client = world.client("grid_a")
    assert _found(client, "村里路灯坏了") == ["路灯照明设施"]
    # a bare word many matters share: the five the router ranks first, each a 补贴 matter (ten under the old scorer)
    assert _found(client, "补贴") == [
        "惠农补贴发放", "惠民惠农财政补贴资金一卡通", "残疾人证与残疾人两项补贴", "生态公益林补偿与造林补贴", "职业技能培训与技能补贴"]
