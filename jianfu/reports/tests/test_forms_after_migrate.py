"""fix-left16 #7: an upgraded database needed `manage.py reports_load_forms` by hand. `migrate` now ends with the
built-in forms loaded when their YAML changed (the reports app's post_migrate handler), once: a second migrate writes
nothing and never duplicates a form; a test's flush (the same signal, no migration plan) loads nothing. Under the tests
(settings.TESTING) the handler does nothing, so every test database is migrated without forms or audit records;
these tests turn TESTING off and send the signal themselves."""

from __future__ import annotations

import pytest
from django.core.management.sql import emit_post_migrate_signal

from jianfu.core.models import AuditRecord
from jianfu.reports.catalog import forms_digest, read_yaml_dir
from jianfu.reports.models import Category, DataElement, Template, TemplateCell

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _as_in_production(settings):
    settings.TESTING = False


def _rows():
    return (Category.objects.count(), DataElement.objects.count(), Template.objects.count(),
            TemplateCell.objects.count())


def _shipped_templates() -> set[str]:
    return {data["template"]["code"] for _name, data in read_yaml_dir() if data and data.get("template")}


def _empty_catalogue():
    TemplateCell.objects.all().delete()
    Template.objects.all().delete()
    DataElement.objects.all().delete()
    Category.objects.all().delete()


def test_a_migrate_loads_the_shipped_forms_once_and_a_second_writes_nothing():
    _empty_catalogue()      # a database from before the forms were loaded by migrate
    emit_post_migrate_signal(0, False, "default", plan=[])
    assert set(Template.objects.values_list("code", flat=True)) == _shipped_templates()
    loaded = _rows()
    loads = list(AuditRecord.objects.filter(action="reports.forms.load").values_list("changes", flat=True))
    assert loads[-1]["digest"] == forms_digest() and loads[-1]["templates"] == len(_shipped_templates())
    emit_post_migrate_signal(0, False, "default", plan=[])
    assert _rows() == loaded
    assert AuditRecord.objects.filter(action="reports.forms.load").count() == len(loads)


def test_a_changed_yaml_is_loaded_again_without_duplicates():
    _empty_catalogue()
    emit_post_migrate_signal(0, False, "default", plan=[])
    loaded, loads = _rows(), AuditRecord.objects.filter(action="reports.forms.load").count()
    # the record of the last load names other YAML (an upgrade shipped a changed form): loaded again, by code
    last = AuditRecord.objects.filter(action="reports.forms.load").latest("id")
    AuditRecord.objects.filter(pk=last.pk).update(changes={**last.changes, "digest": "0" * 64})
    emit_post_migrate_signal(0, False, "default", plan=[])
    assert _rows() == loaded
    assert AuditRecord.objects.filter(action="reports.forms.load").count() == loads + 1


def test_a_flush_loads_nothing():
    _empty_catalogue()
    emit_post_migrate_signal(0, False, "default")      # what flush sends: no plan
    assert _rows() == (0, 0, 0, 0)
    assert not AuditRecord.objects.filter(action="reports.forms.load").exists()


def test_the_test_database_is_migrated_without_forms_or_audit_records(settings):
    assert _rows() == (0, 0, 0, 0)
    assert not AuditRecord.objects.exists()
    settings.TESTING = True                             # what a test run's migrate sees
    emit_post_migrate_signal(0, False, "default", plan=[])
    assert _rows() == (0, 0, 0, 0)
    assert not AuditRecord.objects.exists()
