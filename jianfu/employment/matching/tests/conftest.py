"""Fixtures the matcher's session tests share."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from jianfu.employment.matching.parse import ages_counted_in


@pytest.fixture
def ages_in_2026() -> Iterator[None]:
    """Ages read as in 2026, the year the session-27 splits and sentences were written (a file asks for it with
    `pytestmark = pytest.mark.usefixtures("ages_in_2026")`)."""
    with ages_counted_in(2026):
        yield
