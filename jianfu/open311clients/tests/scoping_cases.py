"""Open311 (/open311/v2/) rows of the role × endpoint matrix.

Open311 is a public, cookie-free API: what a caller sees is decided by the api_key's county (or
`jurisdiction_id`), never by a session, so every GET is allowed to every account and to anonymous
callers, and a POST succeeds exactly when it carries a valid key — whoever is logged in."""

from __future__ import annotations

import datetime as dt

from jianfu.core.testing.matrix import EVERYONE, Case

KEY = "matrix-open311-key-0123456789"
BASE = "/open311/v2"


def _setup(world):
    from jianfu.dispatch.models import CatalogueVersion, Event, Matter
    from jianfu.open311clients.models import Open311Submission
    from jianfu.open311clients.services import client_issue

    county = world.county.code
    version = CatalogueVersion.objects.create(org_code=county, number=99, name="矩阵测试清单", state="published",
                                              effective_from=dt.date(2020, 1, 1))
    Matter.objects.create(version=version, org_code=county, code="LY-M01", name="林地权属争议", group="林业",
                          department_code=world.dept_forestry.code, grassroots_role="assist")
    client, _ = client_issue(actor=None, name="矩阵客户端", org_code=county, raw_key=KEY)
    event = Event.objects.create(org_code=world.village_a.code, county_code=county, text="群众反映林地争议",
                                 source="open311", status="dispatched", department_code=world.dept_forestry.code)
    sub = Open311Submission.objects.create(client=client, event=event, org_code=event.org_code)
    return event, sub


def cases(world):
    from jianfu.dispatch.models import Event

    event, sub = _setup(world)
    juris = {"jurisdiction_id": world.county.code[:6]}
    public = {"allowed": EVERYONE, "anonymous_allowed": True}
    post_data = {"api_key": KEY, "service_code": "LY-M01", "address_id": world.village_a.code,
                 "description": "矩阵测试：林地争议"}
    return [
        Case("open311:discovery", "get", f"{BASE}/discovery.json", **public),
        Case("open311:services", "get", f"{BASE}/services.xml", data=juris, **public),
        Case("open311:service_definition", "get", f"{BASE}/services/LY-M01.json", data=juris, **public),
        Case("open311:requests", "get", f"{BASE}/requests.json", data=juris, **public),
        Case("open311:request_detail", "get", f"{BASE}/requests/WG{event.pk:08d}.xml", data=juris, **public),
        Case("open311:token_detail", "get", f"{BASE}/tokens/{sub.token}.json", **public),
        Case("open311:request_updates", "get", f"{BASE}/servicerequestupdates.json", data=juris, **public),
        # the key decides, not the session: with a valid key anyone may report …
        Case("open311:requests", "post", f"{BASE}/requests.json", data=post_data, api=True, **public),
        # … and without one nobody may, logged in or not; nothing is written
        Case("open311:requests", "post", f"{BASE}/requests.json", allowed=set(), api=True,
             data={k: v for k, v in post_data.items() if k != "api_key"},
             unchanged=lambda: Event.objects.count()),
    ]
