from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.utils import timezone

from jianfu.dispatch.models import CatalogueVersion, Event, Matter
from jianfu.open311clients import demo
from jianfu.open311clients.models import ServiceAttribute
from jianfu.open311clients.services import client_authenticate

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(world):
    v = CatalogueVersion.objects.create(org_code="450521000000", number=1, name="清单", state="published",
                                        effective_from=dt.date(2020, 1, 1))
    Matter.objects.create(version=v, org_code=v.org_code, code="LY-01", name="林地林木权属争议调处", group="林业",
                          department_code=world.dept_forestry.code)
    Matter.objects.create(version=v, org_code=v.org_code, code="ZJ-01", name="农村危房排查", group="住建",
                          department_code=world.dept_housing.code)
    return v


def test_demo_key_services_and_old_requests(world, catalogue, client):
    demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())  # idempotent
    assert client_authenticate("jianfu-demo-key").org_code == "450521000000"
    assert list(ServiceAttribute.objects.filter(matter_code="LY-01", required=True).values_list("code", flat=True)) \
        == ["dispute_kind"]
    events = Event.objects.filter(source="open311")
    assert events.count() == len(demo.REQUESTS)
    cutoff = timezone.now() - dt.timedelta(days=90)
    assert events.filter(created_at__lt=cutoff).count() == 4
    assert events.filter(status="resolved").count() == 4  # closed through the real workflow, then dated back
    services = json.loads(client.get("/open311/v2/services.json", {"api_key": "jianfu-demo-key"}).content)
    assert {s["service_code"]: s["metadata"] for s in services} == {"LY-01": True, "ZJ-01": True}
    recent = json.loads(client.get("/open311/v2/requests.json", {"api_key": "jianfu-demo-key"}).content)
    assert len(recent) == 3  # the default window is the last 90 days
    assert all(r["status"] in ("open", "closed") for r in recent)
    assert "演示群众" not in json.dumps(recent, ensure_ascii=False)
