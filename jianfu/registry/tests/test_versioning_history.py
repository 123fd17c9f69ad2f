"""The registry's FieldChange reader (`_changes_since`) reads "since a version" as the audit reader does
(`jianfu.core.versioning.since`; moved here from core's tests, which may not import the registry)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from jianfu.core import versioning


@pytest.mark.django_db
def test_the_registry_history_reads_since_a_version_as_the_audit_reader_does(world):
    """The registry's FieldChange reader (`_changes_since`) with the same cases as `audit_changes` (core test_versioning)."""
    from jianfu.registry import services
    from jianfu.registry.models import FieldChange, Person

    actor = world.users["village_a"]
    person = services.person_create(actor=actor, org_code=actor.org_unit.code, data={"name": "王五"})
    services.person_update(actor=actor, person=Person.objects.get(pk=person.pk), data={"address": "早"})
    opened = versioning.version_at(person, timezone.now())
    services.person_update(actor=actor, person=Person.objects.get(pk=person.pk), data={"address": "新"})
    assert FieldChange.objects.filter(model="person", object_id=person.pk, field="address").count() == 2
    read = services._changes_since

    def address(version: str) -> list[str]:
        return [c.new for c in read(Person.objects.get(pk=person.pk), "person", version) if c.field == "address"]

    assert address(opened) == ["新"]
    assert address(versioning.NEW) == []        # no registry form creates by editing: "new" names nothing
    assert address("") == [] and address("not-a-version") == []
    assert address(opened.partition(versioning.SIGNED)[0]) == []    # security18 #3: a typed time names nothing
