"""Interoperability: the published `georeport` client (PyPI georeport 0.3.1, a GeoReport v2 wrapper
used against Chicago, Boston, Bloomington …) reads our live server in both formats. It supports the
GET methods only; the POST path is covered by a plain `requests` form post, as a client would send it."""

from __future__ import annotations

import pytest
import requests

from jianfu.dispatch.models import Event

from .conftest import HEPU_KEY, make_event

# georeport==0.3.1 is a dev dependency (pyproject); skipped, saying so, only where it is not installed.
GeoReport = pytest.importorskip("georeport", reason="georeport (PyPI) not installed: pip install georeport==0.3.1"
                                ).GeoReport


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_georeport_client_reads_every_get_endpoint(live_server, o311, fmt):
    root = f"{live_server.url}/open311/v2"
    # a POST the way a client form-encodes it, through the live server
    resp = requests.post(f"{root}/requests.json", timeout=10, data={
        "api_key": HEPU_KEY, "service_code": "LY-001", "jurisdiction_id": "450521200206",
        "description": "曲木村村民反映林地边界争议", "attribute[kind]": "land", "attribute[area_mu]": "8"})
    assert resp.status_code == 201, resp.text
    created = resp.json()[0]["service_request_id"]
    other = make_event(text="早前的危房报告", matter_code="ZJ-003", department="450521000000D03", age_days=5)

    gr = GeoReport(root, jurisdiction="450521", output_format=fmt)
    services = gr.get_service_list()
    assert [s["service_code"] for s in services] == ["ZJ-003", "LY-001"]
    assert services[1]["service_name"] == "林地权属争议"

    definition = gr.get_service_definition("LY-001")
    attrs = definition["attributes"] if fmt == "json" else definition["attributes"]["attribute"]
    assert [a["code"] for a in attrs] == ["kind", "area_mu"]

    found = gr.get_service_requests()
    found = found if isinstance(found, list) else [found]
    assert [r["service_request_id"] for r in found] == [created, f"WG{other.pk:08d}"]

    only = gr.get_service_requests(service_code="ZJ-003", status="open")
    only = only if isinstance(only, list) else [only]  # xmltodict gives a dict for one element
    assert [r["service_request_id"] for r in only] == [f"WG{other.pk:08d}"]

    one = gr.get_service_request(created)
    event = Event.objects.get(pk=int(created[2:]))
    assert one["service_request_id"] == created
    assert one["description"] == event.text
    assert one["agency_responsible"] == "合浦县林业局"
    assert one["status"] == "open"
