"""Service lists in a given state, written straight to the database."""

from __future__ import annotations

from django.utils import timezone

from jianfu.villagepages.models import ServiceItem, ServiceList
from jianfu.villagepages.workflow import Status

QUMU = "450521200206"
ZHANGJIA = "450521200201"
LIANZHOU_VILLAGE = "450521100001"
ITEMS = [
    {"name": "城乡居民医疗保险参保登记", "place": "便民服务大厅 1 号窗口", "hours": "工作日",
     "materials": "身份证、户口簿", "time_limit": "即时办结"},
    {"name": "高龄津贴申请", "place": "便民服务大厅 2 号窗口", "hours": "每月 1—10 日",
     "materials": "身份证、户口簿、社保卡", "time_limit": "15 个工作日"},
]


def list_in(org_code: str = QUMU, *, status: str = Status.APPROVED, items=ITEMS, **fields) -> ServiceList:
    if status != Status.APPROVED:
        ServiceList.objects.filter(org_code=org_code, status__in=("draft", "returned", "submitted")).update(
            status=Status.SUPERSEDED)
    else:
        ServiceList.objects.filter(org_code=org_code, status=Status.APPROVED).update(status=Status.SUPERSEDED)
    number = ServiceList.objects.filter(org_code=org_code).count() + 1
    values = {"office_address": "曲木村党群服务中心一楼", "office_hours": "工作日 8:00—12:00，14:30—17:30",
              "office_phone": "0779-7201234"}
    values.update(fields)
    service_list = ServiceList.objects.create(
        org_code=org_code, number=number, status=status,
        decided_at=timezone.now() if status == Status.APPROVED else None, **values)
    ServiceItem.objects.bulk_create([ServiceItem(service_list=service_list, position=i, **item)
                                     for i, item in enumerate(items, start=1)])
    return service_list


def snapshot(org_code: str = QUMU) -> list:
    return sorted(ServiceList.objects.filter(org_code=org_code).values_list("pk", "status", "number", "review_note")) \
        + sorted(ServiceItem.objects.filter(service_list__org_code=org_code).values_list("pk", "name"))
