"""Figures that could identify a person are not shown: a count of people from 1 to
FIGURES_SUPPRESS_BELOW - 1 is shown as "fewer than 5", and so is a share computed from
fewer people than that.

A breakdown whose total is shown elsewhere (appointments by topic, whose sum is the
hub's appointments) would give a single hidden cell away by subtraction, so where one
cell of a group is hidden the smallest other non-zero cell is hidden too (secondary
suppression, as statistical offices do).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _


def threshold() -> int:
    return settings.FIGURES_SUPPRESS_BELOW


@dataclass(frozen=True)
class Cell:
    """One figure as published: `value` is None when it is hidden."""

    value: int | None
    unit: str = ""  # "%" for shares

    @property
    def hidden(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        if self.value is None:
            return _("fewer than %(n)d") % {"n": threshold()}
        return f"{self.value}{' %' if self.unit else ''}"

    @property
    def short(self) -> str:
        """For a chart's label and a CSV cell: "<5"."""
        return f"<{threshold()}" if self.value is None else str(self)


def count(n: int) -> Cell:
    """A count of people (or of what people did)."""
    return Cell(None if 0 < n < threshold() else n)


def share(part: int, whole: int) -> Cell | None:
    """part/whole in whole per cent; None (nothing to say) when whole is 0, hidden
    when fewer than the threshold are behind it."""
    if whole == 0:
        return None
    if whole < threshold():
        return Cell(None, "%")
    return Cell(round(100 * part / whole), "%")


def group(counts: Mapping[Hashable, int]) -> dict[Hashable, Cell]:
    """Counts that add up to a total shown elsewhere, with secondary suppression."""
    cells = {key: count(n) for key, n in counts.items()}
    hidden = [key for key, cell in cells.items() if cell.hidden]
    if len(hidden) == 1:
        others = [(n, i) for i, (key, n) in enumerate(counts.items()) if key not in hidden and n]
        if others:
            _n, smallest = min(others)
            cells[list(counts)[smallest]] = Cell(None)
    return cells
