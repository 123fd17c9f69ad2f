"""Small-count suppression for the direct line's statistics, in plain Python.

A published count from 1 to 4 could let a small township guess who wrote, so it is shown as "<5".
Hiding one cell is not enough when the total is published (total − visible cells = the hidden one), so
each list is completed by *secondary* suppression: while a list with a published total has exactly
one hidden cell, or hidden cells summing to 1–4, the smallest visible cell is hidden too; if nothing
is left to hide, the total is hidden. Statistics are lists (by township, by category), never a cross
table, and each covers one closed period, so two publications cannot be subtracted either."""

from __future__ import annotations

from dataclasses import dataclass

THRESHOLD = 5
HIDDEN = "*"  # one mark for "below 5" and "hidden so that a small count cannot be worked out"


@dataclass(frozen=True)
class Cell:
    label: str
    value: int | None  # None: suppressed

    @property
    def shown(self) -> str:
        return HIDDEN if self.value is None else str(self.value)


@dataclass(frozen=True)
class SuppressedList:
    cells: list[Cell]
    total: int | None

    @property
    def total_shown(self) -> str:
        return HIDDEN if self.total is None else str(self.total)


def _sensitive(value: int) -> bool:
    return 0 < value < THRESHOLD


def suppress(counts: dict[str, int]) -> SuppressedList:
    """Primary then secondary suppression of one list of counts with its total."""
    labels = list(counts)
    hidden = {label for label in labels if _sensitive(counts[label])}
    total = sum(counts.values())
    total_hidden = _sensitive(total)
    while not total_hidden and hidden:
        hidden_sum = sum(counts[label] for label in hidden)
        if len(hidden) >= 2 and not _sensitive(hidden_sum):
            break
        visible = sorted((label for label in labels if label not in hidden), key=lambda lb: (counts[lb] == 0, counts[lb]))
        if not visible:
            total_hidden = True
            break
        hidden.add(visible[0])
    return SuppressedList([Cell(label, None if label in hidden else counts[label]) for label in labels],
                          None if total_hidden else total)
