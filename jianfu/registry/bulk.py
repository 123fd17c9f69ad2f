"""Fast bulk inserts for the generator and the import commit.

Django's `bulk_create` on SQLite splits inserts into statements of 999 parameters (22 persons per
statement for a 45-column row) and converts every value through the field API. On SQLite we assign
primary keys ourselves (inside the caller's write transaction, which SQLite serialises with
`BEGIN IMMEDIATE`), convert only the types that need it (dates, datetimes, JSON) and insert with one
`executemany`; on other databases `bulk_create` with large batches returns the keys itself.

Rows may be model instances or dicts keyed by attname (`household_id`, not `household`); missing keys take
the field default."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from django.db import connection, models, transaction
from django.db.models import Max, Model
from django.utils import timezone


def _converter(field, now_db):
    if isinstance(field, models.DateTimeField):
        if field.auto_now or field.auto_now_add:
            return lambda v: now_db
        return lambda v: None if v is None else connection.ops.adapt_datetimefield_value(v)
    if isinstance(field, models.DateField):
        return lambda v: v.isoformat() if isinstance(v, dt.date) else v
    if isinstance(field, models.JSONField):
        if field.encoder is None and connection.vendor == "sqlite" and type(field).get_prep_value is \
                models.JSONField.get_prep_value:
            return _json_text
        return lambda v: field.get_db_prep_save(v, connection)
    return None


_dumps = json.JSONEncoder().encode      # what Django's adapt_json_value writes (json.dumps, default settings)


def _json_text(value):
    """A JSON column's text, as Django's JSONField writes it on SQLite (`json.dumps(value)`), without the
    field API's four calls per value; the empty list and object, most of an import's flags and lists, are
    constants. Model instances and expressions (not plain data) go through the field as before."""
    if value is None:
        return None
    if type(value) is list and not value:
        return "[]"
    if type(value) is dict and not value:
        return "{}"
    return _dumps(value)


def insert(model: type[Model], objs: Sequence[Model | dict], *, batch_size: int = 5000) -> list[int]:
    """Insert `objs`; returns their primary keys (also set on model instances). Must run inside
    `transaction.atomic()`."""
    if not objs:
        return []
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("bulk.insert() must run inside transaction.atomic()")
    as_dicts = isinstance(objs[0], dict)
    meta = model._meta
    pk_name = meta.pk.attname
    if connection.vendor != "sqlite":
        instances = [model(**o) for o in objs] if as_dicts else list(objs)
        model.objects.bulk_create(instances, batch_size=batch_size)
        return [getattr(o, pk_name) for o in instances]
    start = max(model.objects.aggregate(m=Max(pk_name))["m"] or 0, _sequence(meta.db_table)) + 1
    pks = list(range(start, start + len(objs)))
    fields = list(meta.concrete_fields)
    now_db = connection.ops.adapt_datetimefield_value(timezone.now())
    plan = []
    for f in fields:
        default = None if f.primary_key else (f.get_default() if f.has_default() else (None if f.null else ""))
        if f.has_default() and callable(f.default):
            default = f.default  # e.g. dict for JSONField: call per row
        plan.append((f.attname, _converter(f, now_db), default, f.primary_key))
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {connection.ops.quote_name(meta.db_table)} ({columns}) VALUES ({placeholders})"
    with connection.cursor() as cursor:
        for b in range(0, len(objs), batch_size):
            rows = [_row(obj, pks[i], plan, as_dicts) for i, obj in enumerate(objs[b:b + batch_size], start=b)]
            cursor.executemany(sql, rows)
    if not as_dicts:
        for obj, pk in zip(objs, pks, strict=True):
            setattr(obj, pk_name, pk)
            obj._state.adding = False
            obj._state.db = connection.alias
    return pks


_MISSING = object()


def _row(obj, pk: int, plan, as_dicts: bool) -> list:
    row = []
    for attname, convert, default, is_pk in plan:
        if is_pk:
            value = pk
        elif as_dicts:
            value = obj.get(attname, _MISSING)
            if value is _MISSING:          # the default is made only for a missing key (a new dict each row)
                value = default() if callable(default) else default
        else:
            value = getattr(obj, attname)
        row.append(convert(value) if convert is not None else value)
    return row


def _sequence(table: str) -> int:
    """SQLite's AUTOINCREMENT high-water mark, so ids of deleted rows are never handed out again."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        found = cursor.fetchone()
    return int(found[0]) if found else 0


def update_column(model: type[Model], column: str, pairs: Sequence[tuple[object, int]]) -> None:
    """UPDATE <table> SET <column> = value WHERE pk = id, for many (value, id) pairs at once."""
    if not pairs:
        return
    meta = model._meta
    sql = (f"UPDATE {connection.ops.quote_name(meta.db_table)} SET {connection.ops.quote_name(column)} = %s "
           f"WHERE {connection.ops.quote_name(meta.pk.column)} = %s")
    with connection.cursor() as cursor:
        cursor.executemany(sql, list(pairs))
