"""Free co-working time in the public API: for each day of a week, each workspace's
free time (what the availability page shows), never who booked (config/api.py)."""

from datetime import date, datetime, timedelta

from django.utils import timezone
from ninja import Query, Router, Schema

from hubportal.api import NOT_FOUND, Slug, invalid, local

from . import selectors

router = Router(tags=["co-working"])
WEEK_AHEAD_DAYS = 366  # `from` may lie at most this far ahead
FirstDay = Query(
    None,
    alias="from",
    pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    description=f"First day, YYYY-MM-DD, from today to {WEEK_AHEAD_DAYS} days on (default today)",
)


class FreeTime(Schema):
    start: datetime
    end: datetime


class WorkspaceDay(Schema):
    name: str
    kind: str
    seats: int
    free: list[FreeTime]


class CoworkingDay(Schema):
    date: date
    closed_reason: str  # why the hub is closed that day, else ""
    bookable: bool  # False beyond the hub's booking horizon
    workspaces: list[WorkspaceDay]


def _first_day(value: str | None, today: date) -> date:
    if value is None:
        return today
    try:
        first = date.fromisoformat(value)
    except ValueError:
        raise invalid("from", "Not a date: YYYY-MM-DD") from None
    last = today + timedelta(days=WEEK_AHEAD_DAYS)
    if not today <= first <= last:
        raise invalid("from", f"Must lie from {today.isoformat()} to {last.isoformat()}")
    return first


@router.get("/{slug}/free", response={200: list[CoworkingDay], **NOT_FOUND}, url_name="free")
def free_times(request, slug: str = Slug, start: str | None = FirstDay):
    """Seven days from `from` (default today): each workspace's free, bookable time."""
    today = timezone.localdate()
    first = _first_day(start, today)
    hub = selectors.hub_for_booking(slug, since=first)
    grid = selectors.week_grid(hub=hub, first=first)
    calendar = selectors.coworking_calendar(hub)  # the rows loaded above, no queries
    return [
        {
            "date": day,
            "closed_reason": calendar.day(day).closed_reason,
            "bookable": day <= grid.last_day,
            "workspaces": [
                {
                    "name": row.workspace.name,
                    "kind": row.workspace.kind,
                    "seats": row.workspace.seats,
                    "free": [
                        {"start": local(s.start), "end": local(s.end)}
                        for s in row.cells[n].segments
                        if s.state == "free"
                    ],
                }
                for row in grid.rows
            ],
        }
        for n, day in enumerate(grid.days)
    ]
