from __future__ import annotations

import pytest
from django.utils import timezone

from jianfu.directline import selectors
from jianfu.directline.models import Report
from jianfu.directline.tests.factories import county_key_with_handler, submitted

LIANZHOU = "450521100000"
QUZHANG = "450521200000"


def _in_last_quarter(n, township, category):
    start, _end = selectors.closed_quarters(timezone.localdate())[0]
    for _ in range(n):
        report, _code = submitted(township=township, category=category)
        Report.objects.filter(pk=report.pk).update(received_on=start)


@pytest.mark.django_db
def test_small_townships_and_categories_are_hidden(world):
    county_key_with_handler(world)
    _in_last_quarter(6, LIANZHOU, "meeting")
    _in_last_quarter(2, QUZHANG, "app")
    _in_last_quarter(1, QUZHANG, "plaque")
    _in_last_quarter(7, LIANZHOU, "document")
    submitted(township=QUZHANG, category="plaque")  # this quarter: not counted yet
    response = world.client("county_office").get("/directline/stats/")
    assert response.status_code == 200
    stats = response.context["stats"]
    # 曲樟乡 has 3: hidden; with two townships 廉州镇's 13 would give it away (16 − 13), so it is hidden too.
    assert [(c.label, c.shown) for c in stats.by_township.cells] == [("廉州镇", "*"), ("曲樟乡", "*")]
    assert stats.by_township.total_shown == "16"
    by_category = {c.label: c.shown for c in stats.by_category.cells}
    # app 2 and plaque 1 are hidden; their sum (3) would show as total − visible, so the smallest
    # visible count (meeting 6) is hidden too; document 7 stays.
    assert (by_category["文件多、文件长"], by_category["会议多、陪会"], by_category["政务应用程序打卡、排名、刷量"],
            by_category["挂牌过多"], by_category["其他形式主义问题"]) == ("7", "*", "*", "*", "0")
    assert stats.by_category.total_shown == "16"
    api = world.api_client("admin").get("/api/v1/directline/stats/").json()
    assert api["by_township"] == {"cells": [{"label": "廉州镇", "count": None}, {"label": "曲樟乡", "count": None}],
                                  "total": 16}


@pytest.mark.django_db
def test_stats_refused_to_towns_and_villages(world):
    county_key_with_handler(world)
    for username in ("town_quzhang", "village_a", "dept_housing"):
        assert world.client(username).get("/directline/stats/").status_code == 403
