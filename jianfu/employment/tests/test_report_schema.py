"""The reports engine's contract with the employment tables (`jianfu/reports/engine/schema.py`) is written
by hand in its pure core; these tests fail as soon as it drifts from the employment models: a table or column
renamed, an enumeration value added or dropped, a column's kind or nullability changed, a key group added."""

from __future__ import annotations

import re

import pytest
from django.db import models

from jianfu.employment.models import KEY_GROUPS, KeyPerson, Referral, ServiceRecord, StatusChange, Visit
from jianfu.reports.engine import schema

SUBJECT_MODELS = {
    "employment_person": KeyPerson,
    "employment_visit": Visit,
    "employment_referral": Referral,
    "employment_service": ServiceRecord,
    "employment_status_change": StatusChange,
}
KIND_FIELDS = {
    schema.BOOL: (models.BooleanField,),
    schema.DATE: (models.DateField,),
    schema.ENUM: (models.CharField,),
    schema.TEXT: (models.CharField, models.TextField),
    schema.INT: (models.IntegerField, models.AutoField, models.BigAutoField, models.ForeignKey),
}


def _by_column(model) -> dict[str, models.Field]:
    return {f.column: f for f in model._meta.concrete_fields}


def _stored(subject: str) -> dict[str, schema.Column]:
    """The subject's columns that are table columns; an `as_of` column is computed from the status history."""
    return {name: c for name, c in schema.SUBJECTS[subject].columns.items() if not c.as_of}


def _ddl_columns(subject: str) -> dict[str, bool]:
    """Column name → nullable, read from the engine's DDL for its pure tests and the bench."""
    body = schema.DDL[subject].split("(", 1)[1].rsplit(")", 1)[0]
    columns = {}
    for part in re.split(r",(?![^(]*\))", body):
        words = part.split()
        columns[words[0].strip('"')] = "NOT NULL" not in part and "PRIMARY KEY" not in part
    return columns


def test_every_employment_subject_is_checked():
    assert sorted(k for k in schema.SUBJECTS if k.startswith("employment_")) == sorted(SUBJECT_MODELS)


@pytest.mark.parametrize("subject", sorted(SUBJECT_MODELS))
def test_subject_table_and_columns_exist_in_the_model(subject):
    model = SUBJECT_MODELS[subject]
    spec = schema.SUBJECTS[subject]
    fields = _by_column(model)
    assert spec.table == model._meta.db_table
    missing = sorted(set(_stored(subject)) - set(fields))
    assert missing == []
    for name, column in _stored(subject).items():
        field = fields[name]
        assert isinstance(field, KIND_FIELDS[column.kind]), (name, column.kind, type(field).__name__)
        assert column.nullable == field.null, name


@pytest.mark.parametrize("subject", sorted(SUBJECT_MODELS))
def test_enum_values_are_the_model_choices(subject):
    fields = _by_column(SUBJECT_MODELS[subject])
    for name, column in _stored(subject).items():
        choices = fields[name].choices
        if column.kind == schema.ENUM:
            assert column.choices == tuple(value for value, _label in choices), name
        else:
            assert not choices, f"{name} has choices in the model but is not an ENUM in the schema"


@pytest.mark.parametrize("subject", sorted(SUBJECT_MODELS))
def test_ddl_matches_the_subject(subject):
    ddl = _ddl_columns(subject)
    stored = _stored(subject)
    assert sorted(ddl) == sorted(stored)
    assert {name: nullable for name, nullable in ddl.items() if name != "id"} == {
        name: c.nullable for name, c in stored.items() if name != "id"}


def test_the_status_at_the_periods_end_takes_the_values_of_the_status_history():
    """`status_at_end` is read from `employment_status_change.to_status` (tryout27 #1): the same values as the status."""
    column = schema.EMPLOYMENT_PERSON.columns[schema.STATUS_AT_END]
    assert column.as_of and column.kind == schema.ENUM
    history = tuple(value for value, _label in _by_column(StatusChange)["to_status"].choices)
    assert column.choices == history == schema.EMPLOYMENT_PERSON.columns["status"].choices
    assert [name for name, c in schema.EMPLOYMENT_PERSON.columns.items() if c.as_of] == [schema.STATUS_AT_END]


def test_key_groups_are_the_models_groups():
    assert list(schema.KEY_GROUP_COLUMNS.items()) == [(f, str(label)) for f, label in KEY_GROUPS]
    flags = {name for name, c in schema.EMPLOYMENT_PERSON.columns.items() if c.kind == schema.BOOL}
    assert flags == {f for f, _label in KEY_GROUPS}
    model_flags = {f.column for f in KeyPerson._meta.concrete_fields if isinstance(f, models.BooleanField)}
    assert model_flags == flags


def test_the_drift_check_sees_a_drift(monkeypatch):
    """The checks above are not vacuous: an enum value missing from the schema is caught."""
    column = schema.EMPLOYMENT_VISIT.columns["outcome"]
    shortened = schema.Column(column.name, column.kind, column.label, column.choices[:-1])
    monkeypatch.setitem(schema.EMPLOYMENT_VISIT.columns, "outcome", shortened)
    with pytest.raises(AssertionError):
        test_enum_values_are_the_model_choices("employment_visit")


def test_the_placement_element_reads_the_workflows_statuses():
    """本期重点群体新实现就业人数 repeats the workflow's lists in YAML (diff review R10): a status added to
    ACTIVE_STATUSES or PLACED_STATUSES must reach the form as it reaches the dashboard (`metrics.placements`)."""
    from pathlib import Path

    import yaml

    from jianfu.employment.workflow import ACTIVE_STATUSES, PLACED_STATUSES

    catalog = yaml.safe_load((Path(schema.__file__).parents[1] / "forms" / "_catalog.yaml").read_text(encoding="utf-8"))
    element = next(e for e in catalog["elements"] if e["code"] == "key_group_placed_period")
    assert (element["subject"], element["kind"], element["field"]) == ("employment_status_change", "count_distinct",
                                                                     "key_person_id")
    assert set(element["filter"]["from_status"]) == {str(s) for s in ACTIVE_STATUSES}
    assert set(element["filter"]["to_status"]) == {str(s) for s in PLACED_STATUSES}
    assert element["filter"]["on"] == {"in_period": True}
