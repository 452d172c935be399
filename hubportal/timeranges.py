"""Local wall-clock time in Berlin, and arithmetic on ranges of time.

Every app that books time (co-working, funding advice) and the opening-hours logic
(hubs/hours.py) computes in local wall-clock time and stores aware instants in UTC, so
the days the clocks change come out right:

    start, end = local_span(date(2026, 3, 29))    # that Sunday has 23 hours
    free = subtract(open_ranges, busy)            # what is left of open time
    covers(free, start, end)                      # does one free range hold it all?
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

LOCAL_TZ = ZoneInfo(settings.TIME_ZONE)

# An aware start and end (end exclusive).
Range = tuple[datetime, datetime]


def local_datetime(day: date, at: time) -> datetime:
    """The moment a wall-clock time on a date happens in Berlin, as aware UTC."""
    return datetime.combine(day, at, tzinfo=LOCAL_TZ).astimezone(UTC)


def local_span(first: date, days: int = 1) -> Range:
    """From local midnight of `first` to local midnight `days` later, as aware UTC."""
    return local_datetime(first, time.min), local_datetime(first + timedelta(days=days), time.min)


def subtract(open_ranges: list[Range], busy: list[Range]) -> list[Range]:
    """The parts of `open_ranges` not covered by any of `busy`."""
    free: list[Range] = []
    for start, end in open_ranges:
        cursor = start
        for b_start, b_end in sorted(busy):
            if b_end <= cursor or b_start >= end:
                continue
            if b_start > cursor:
                free.append((cursor, b_start))
            cursor = max(cursor, b_end)
            if cursor >= end:
                break
        if cursor < end:
            free.append((cursor, end))
    return free


def covers(open_ranges: list[Range], start: datetime, end: datetime) -> bool:
    """Does one open range hold start..end entirely?"""
    return any(o_start <= start and end <= o_end for o_start, o_end in open_ranges)


def local_iso(moment: datetime | None) -> str | None:
    """A moment as the person's pages show it, with its offset: "2027-07-15T13:00:00+02:00"
    (for exports and open data; the database keeps UTC)."""
    return None if moment is None else moment.astimezone(LOCAL_TZ).isoformat()


def intersect(first: list[Range], second: list[Range]) -> list[Range]:
    """The stretches that lie in both lists of ranges (each list without overlaps)."""
    return sorted(
        (max(a, c), min(b, d)) for a, b in first for c, d in second if max(a, c) < min(b, d)
    )
