"""Figures that could identify a person are not shown: a count of people from 1 to
FIGURES_SUPPRESS_BELOW - 1 is shown as "fewer than 5"; a share is hidden when fewer
people than that are behind it, or when its numerator or the rest is a hidden count
(a hidden share says so in words, never "<5" beside a percentage).

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
            if self.unit:  # never "<5" beside a percentage: it is not 5 per cent
                return _("hidden (fewer than %(n)d people)") % {"n": threshold()}
            return _("fewer than %(n)d") % {"n": threshold()}
        return f"{self.value}{' %' if self.unit else ''}"

    @property
    def short(self) -> str:
        """For a chart's label and a table cell: "<5" for a count; a hidden share
        says that it is hidden, in words."""
        if self.value is None:
            return _("hidden") if self.unit else f"<{threshold()}"
        return str(self)


def count(n: int) -> Cell:
    """A count of people (or of what people did)."""
    return Cell(None if 0 < n < threshold() else n)


def share(part: int, whole: int) -> Cell | None:
    """part/whole in whole per cent; None (nothing to say) when whole is 0. Hidden when
    fewer than the threshold are behind it, and whenever its numerator or the rest
    (whole - part) is a hidden count: 3 no-shows of 51 as "6 %" give the 3 away."""
    if whole == 0:
        return None
    if whole < threshold() or count(part).hidden or count(whole - part).hidden:
        return Cell(None, "%")
    return Cell(round(100 * part / whole), "%")


def group(counts: Mapping[Hashable, int]) -> dict[Hashable, Cell]:
    """Counts that are parts of a total shown elsewhere, with secondary suppression.
    A part of the total that no cell shows (registrations whose attendance nobody
    recorded) does not count as hiding: the total minus the shown cells would still
    narrow the hidden one down."""
    cells = {key: count(n) for key, n in counts.items()}
    hidden = [key for key, cell in cells.items() if cell.hidden]
    if len(hidden) == 1:
        others = [(n, i) for i, (key, n) in enumerate(counts.items()) if key not in hidden and n]
        if others:
            _n, smallest = min(others)
            cells[list(counts)[smallest]] = Cell(None)
    return cells
