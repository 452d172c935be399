"""Free co-working time in the public API: for each day of a week, each workspace's
free time (what the availability page shows), never who booked (hubportal/api.py)."""

from datetime import date, datetime, timedelta

from django.utils import timezone
from ninja import Query, Router, Schema

from hubportal.api import NOT_FOUND, Slug, local

from . import selectors

router = Router(tags=["co-working"])
WEEK_AHEAD_DAYS = 366  # `from` may lie at most this far ahead
FirstDay = Query(None, alias="from", description="First day, YYYY-MM-DD (default today)")


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


@router.get("/{slug}/free", response={200: list[CoworkingDay], **NOT_FOUND}, url_name="free")
def free_times(request, slug: str = Slug, start: date | None = FirstDay):
    """Seven days from `from` (default today): each workspace's free, bookable time."""
    today = timezone.localdate()
    first = start or today
    if not today <= first <= today + timedelta(days=WEEK_AHEAD_DAYS):
        first = today
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
