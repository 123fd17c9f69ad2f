"""fix-cr27 #15: `_cleaned_every` keys every error by its field's or its check's name, so a check named as a field
would overwrite that field's error: refused as a programming error, nothing cleaned."""

from __future__ import annotations

import pytest

from jianfu.core.errors import ApplicationError
from jianfu.monitor import ledgers, services

SPECS = (ledgers.FieldSpec("date", "日期", "date", required=True), ledgers.FieldSpec("note", "说明"))


def _refuse(values: dict) -> None:
    raise ApplicationError("不对", code="invalid", field="rectification")


def test_a_check_named_as_a_field_is_refused() -> None:
    with pytest.raises(AssertionError, match="a check is named as a field"):
        services._cleaned_every(SPECS, {"date": "", "note": "x"}, checks=(("date", _refuse),))


def test_a_check_of_its_own_name_reports_beside_the_fields() -> None:
    with pytest.raises(ApplicationError) as refused:
        services._cleaned_every(SPECS, {"date": "", "note": "x"}, checks=(("rectification", _refuse),))
    assert list(refused.value.details["fields"]) == ["date", "rectification"]
    assert services._cleaned_every(SPECS, {"date": "2026-12-06", "note": "x"})["note"] == "x"
