"""fix-left16 #7 then fix-left17b #3: an upgraded database needed `manage.py reports_load_forms` by hand; the
built-in forms are now loaded by the explicit, idempotent step after every migrate (`reports_load_forms
--if-changed`, run by `make run`/`scripts/run.py`, `make migrate` and docs/deploy.md), once: a second run writes
nothing and never duplicates a form. `migrate` itself (its post_migrate signal) loads nothing, so the test database
is migrated empty with no test-mode branch (the old handler skipped under settings.TESTING)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal

from jianfu.core.models import AuditRecord
from jianfu.reports.catalog import forms_digest, read_yaml_dir
from jianfu.reports.models import Category, DataElement, Template, TemplateCell

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def _rows():
    return (Category.objects.count(), DataElement.objects.count(), Template.objects.count(),
            TemplateCell.objects.count())


def _shipped_templates() -> set[str]:
    return {data["template"]["code"] for _name, data in read_yaml_dir() if data and data.get("template")}


def _after_migrate() -> str:
    out = io.StringIO()
    call_command("reports_load_forms", "--if-changed", stdout=out)
    return out.getvalue().strip()


def test_the_step_loads_the_shipped_forms_once_and_a_second_writes_nothing():
    assert _rows() == (0, 0, 0, 0)      # a database from before the forms were loaded
    said = _after_migrate()
    assert set(Template.objects.values_list("code", flat=True)) == _shipped_templates()
    assert said == f"已载入 分类 {Category.objects.count()} 个、数据元素 {DataElement.objects.count()} 个、报表模板 " \
                   f"{len(_shipped_templates())} 张"
    loaded = _rows()
    loads = list(AuditRecord.objects.filter(action="reports.forms.load").values_list("changes", flat=True))
    assert loads[-1]["digest"] == forms_digest() and loads[-1]["templates"] == len(_shipped_templates())
    assert _after_migrate() == "内置报表与上次载入的相同，未改动"
    assert _rows() == loaded
    assert AuditRecord.objects.filter(action="reports.forms.load").count() == len(loads)


def test_a_changed_yaml_is_loaded_again_without_duplicates():
    _after_migrate()
    loaded, loads = _rows(), AuditRecord.objects.filter(action="reports.forms.load").count()
    # the record of the last load names other YAML (an upgrade shipped a changed form): loaded again, by code
    last = AuditRecord.objects.filter(action="reports.forms.load").latest("id")
    AuditRecord.objects.filter(pk=last.pk).update(changes={**last.changes, "digest": "0" * 64})
    _after_migrate()
    assert _rows() == loaded
    assert AuditRecord.objects.filter(action="reports.forms.load").count() == loads + 1


@pytest.mark.parametrize("plan", [[], None])     # a migrate's signal, and a flush's (no plan)
def test_migrate_itself_loads_nothing_with_no_test_mode_branch(settings, plan):
    settings.TESTING = False                      # as in production: still nothing
    emit_post_migrate_signal(0, False, "default", plan=plan)
    assert _rows() == (0, 0, 0, 0)
    assert not AuditRecord.objects.filter(action="reports.forms.load").exists()


def test_make_run_make_migrate_and_the_deploy_guide_run_the_step_after_migrate():
    run = (ROOT / "scripts" / "run.py").read_text(encoding="utf-8")
    assert run.index('manage("migrate"') < run.index('manage("reports_load_forms", "--if-changed"')
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"\nmigrate: install\n\t\$\(PY\) manage.py migrate --noinput\n"
                     r"\t\$\(PY\) manage.py reports_load_forms --if-changed\n", make)
    deploy = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    assert re.search(r"manage.py migrate\n\.venv/bin/python manage.py reports_load_forms --if-changed ", deploy)
