"""The ledger form's unit names are read once per county, not on every GET; an import's unresolved names ask for the
county's name once, not once each."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jianfu.monitor import selectors, services
from jianfu.monitor.models import LedgerMeeting

pytestmark = pytest.mark.django_db
COUNTY = "450521000000"


def unit_list_queries(captured) -> int:
    return sum('FROM "orgs_orgunit"' in q["sql"] and '"orgs_orgunit"."kind" IN' in q["sql"] for q in captured)


def test_the_forms_unit_names_are_cached_per_county_and_forgotten_when_a_unit_changes(world, django_capture_on_commit_callbacks):
    from jianfu.orgs.services import department_create

    cache.delete_many(["monitor:unit-names:450521", "monitor:unit-names:all"])
    office = world.users["county_office"]
    with CaptureQueriesContext(connection) as first:
        names = selectors.unit_names(user=office)
    with CaptureQueriesContext(connection) as second:
        assert selectors.unit_names(user=office) == names
    assert (unit_list_queries(first), unit_list_queries(second)) == (1, 0)
    assert "林业局" in names["issuer"] and "曲木村委会" in names["target"] and "林业局" not in names["target"]
    # a village sees the county's issuers but only itself as a target, from the same cached rows
    village = selectors.unit_names(user=world.users["village_a"])
    assert village["issuer"] == names["issuer"] and village["target"] == ["曲木村委会"]

    # the cached names are dropped once the unit's transaction commits, not inside it (a reader could cache the old
    # rows again before the commit)
    with django_capture_on_commit_callbacks(execute=False) as pending:
        department_create(actor=None, parent_code=COUNTY, name="水利局")
    assert "水利局" not in selectors.unit_names(user=office)["issuer"]      # not committed yet: still the cached rows
    for callback in pending:
        callback()
    with CaptureQueriesContext(connection) as after:
        assert "水利局" in selectors.unit_names(user=office)["issuer"]
    assert unit_list_queries(after) == 1
    # the form page offers it
    assert '<option value="水利局">' in world.client("county_office").get("/monitor/ledgers/meeting/new/").content.decode()


def test_an_import_looks_the_countys_name_up_once(world):
    office = world.users["county_office"]
    said = ["合浦县林业局", "县林业局", "本县林业局", "合浦县住房和城乡建设局", "县住房和城乡建设局"]
    rows = [(i + 2, {"date": "2025-03-01", "title": f"会议{i}", "issuer": name, "duration_minutes": "60"})
            for i, name in enumerate(said)]
    with CaptureQueriesContext(connection) as captured:
        services.ledger_bulk_create(actor=office, kind="meeting", rows=rows)
    county_name = [q for q in captured if q["sql"].startswith('SELECT "orgs_orgunit"."name"')
                   and f""""orgs_orgunit"."code" = '{COUNTY}'""" in q["sql"]]
    assert len(county_name) == 1
    assert sorted(LedgerMeeting.objects.values_list("issuer_code", flat=True)) == [
        "450521000000D01", "450521000000D01", "450521000000D02", "450521000000D02", "450521000000D02"]
