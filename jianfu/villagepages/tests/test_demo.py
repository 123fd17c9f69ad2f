from __future__ import annotations

import io

import pytest

from jianfu.villagepages import demo
from jianfu.villagepages.models import ServiceList
from jianfu.villagepages.workflow import Status


@pytest.mark.django_db
def test_demo_pages_for_the_demo_villages(world):
    demo.load(stdout=io.StringIO())
    states = sorted(ServiceList.objects.values_list("org_code", "number", "status"))
    assert states == [("450521200201", 1, Status.APPROVED), ("450521200201", 2, Status.RETURNED),
                      ("450521200206", 1, Status.APPROVED), ("450521200206", 2, Status.SUBMITTED)]
    page = world.client(None).get("/villages/450521200206/").content.decode()
    assert "高龄津贴申请受理" in page and "曲木村党群服务中心一楼便民服务大厅" in page
    demo.load(stdout=io.StringIO())
    assert ServiceList.objects.count() == 4
