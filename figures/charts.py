"""Bar charts drawn by the portal: one bar per hub for one row of a table. Each bar
carries its label and value as text beside it (no colour alone), a hidden figure is a
dashed outline labelled "fewer than 5", and the table the chart is drawn from is on the
same page as its alternative."""

from dataclasses import dataclass

from .selectors import Table
from .suppression import Cell


@dataclass(frozen=True)
class Bar:
    label: str
    cell: Cell
    width: float  # per cent of the chart's width


@dataclass(frozen=True)
class Chart:
    caption: str
    bars: list[Bar]


def chart(table: Table, row_key: str) -> Chart | None:
    """The row `row_key` of `table`, one bar per column; None when there is nothing."""
    row = next(r for r in table.rows if r.key == row_key)
    cells = [(c.label, cell) for c, cell in zip(table.columns, row.cells, strict=True) if cell]
    if not any(cell.value or cell.hidden for _label, cell in cells):
        return None
    largest = max((cell.value or 0 for _label, cell in cells), default=0) or 1
    return Chart(
        caption=row.label,
        bars=[
            Bar(label, cell, 0 if cell.hidden else round(100 * (cell.value or 0) / largest, 1))
            for label, cell in cells
        ],
    )
