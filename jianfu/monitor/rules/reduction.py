"""Year-on-year change, stated the way the seed states it ("压减 46.3%")."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    last: int
    this: int
    percent: float | None  # reduction in percent (positive: fewer than last year); None without a base

    @property
    def text(self) -> str:
        if self.percent is None:
            return "上年无基数" if self.this else "—"
        if self.percent > 0:
            return f"压减 {self.percent:.1f}%"
        if self.percent < 0:
            return f"增加 {-self.percent:.1f}%"
        return "持平"


def reduction(last: int, this: int) -> Change:
    """(last − this) / last, rounded to one decimal as published: 41 → 22 is "压减 46.3%"."""
    if last < 0 or this < 0:
        raise ValueError("counts cannot be negative")
    if last == 0:
        return Change(last, this, None)
    return Change(last, this, round((last - this) * 100 / last, 1))
