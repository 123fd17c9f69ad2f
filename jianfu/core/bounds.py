"""Integer input bounded by the database column it ends in (badinput15 #6).

A form or serializer IntegerField without max_value lets 10^20 through to the database, which answers with an
OverflowError (SQLite) or a DataError (PostgreSQL): a 500. Every integer input takes its bounds from here, so the
refusal is the field's own clear error ("确保该值小于或等于…").
"""

from __future__ import annotations

from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations

# A record id (BigAutoField, and the foreign keys to one).
ID_BOUNDS = {"min_value": 1, "max_value": 2**63 - 1}


def column_bounds(model: type[models.Model], field: str) -> dict[str, int]:
    """{"min_value": …, "max_value": …} of an integer column, as Django's own model forms bound it."""
    internal = model._meta.get_field(field).get_internal_type()
    if internal in ("AutoField", "BigAutoField", "ForeignKey", "OneToOneField"):
        return dict(ID_BOUNDS)
    low, high = BaseDatabaseOperations.integer_field_ranges[internal]
    return {"min_value": low, "max_value": high}
