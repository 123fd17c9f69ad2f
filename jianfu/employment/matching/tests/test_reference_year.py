"""Ages written as birth years are counted in today's year, except inside an evaluation, which counts them in the
year its splits were written: run in 2027, blind14's "1972.05" must still be 54, or every pinned figure moves."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.employment.matching import evaluate, parse


class _In2027(dt.date):
    @classmethod
    def today(cls) -> _In2027:
        return cls(2027, 6, 1)


def test_ages_from_birth_years_follow_the_reference_year(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse, "date", _In2027)
    assert (parse.reference_year(), parse.parse_age("1972.05"), parse.parse_age("85年出生")) == (2027, 55, 42)
    with parse.ages_counted_in(2026):
        assert (parse.reference_year(), parse.parse_age("1972.05"), parse.parse_age("85年出生")) == (2026, 54, 41)
        assert parse.parse_age_range("80后") == (37, 46)
    assert parse.reference_year() == 2027        # the block leaves the year as it was


def test_an_evaluation_reads_the_same_ages_in_any_year(monkeypatch: pytest.MonkeyPatch) -> None:
    now = {s.id: s.age for s in evaluate.load_split("blind14")[0]}
    monkeypatch.setattr(parse, "date", _In2027)
    later = {s.id: s.age for s in evaluate.load_split("blind14")[0]}
    assert later == now and now["N-S01"] is not None
    assert sum(1 for age in now.values() if age is not None) == 73
