"""newuser20 #8: 谁来办 for 村里路灯坏了 put 路灯照明设施 first, then matters that only share the pieces 村里 and 坏了
(家庭暴力…, 停电, 土地流转…). Results under RELATIVE_CUTOFF of the best score are dropped; at least one stays."""

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
    # matters scoring near the best all stay: the cut-off is relative, nothing is chosen among them
    assert _found(client, "补贴") == [
        "残疾人证与残疾人两项补贴", "惠民惠农财政补贴资金一卡通", "生态公益林补偿与造林补贴", "养老服务与高龄补贴", "惠农补贴发放",
        "职业技能培训与技能补贴", "促消费活动、消费券与餐饮住宿行业服务", "计划生育家庭奖励扶助与生育登记", "保障性住房与公租房",
        "房地产市场与购房政策"]
