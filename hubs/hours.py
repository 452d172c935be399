"""When is a hub open? The one place that answers it.

    calendar = OpeningCalendar(hub)           # uses hub.schedules / hub.exceptions
    calendar.status(at=timezone.now())        # open now? until when? next opening?
    calendar.day(date)                        # a day's intervals, closure or special hours

Rules, in order, for one date:
1. Exceptions (closures, special hours) covering the date: the one with the shortest
   date range wins, a closure on a tie. Special hours replace the weekly hours and open
   the hub on a public holiday on purpose.
2. A public holiday of the hub's state closes the hub.
3. Otherwise the hours of the weekly schedule whose validity covers the date (there is
   at most one: hubs.models.Schedule); a date no schedule covers is closed.

Times are local wall-clock times in Europe/Berlin. Each interval is turned into an
aware datetime in UTC, so comparisons are right on the days clocks change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays
from django.conf import settings
from django.utils import timezone, translation

from hubportal.content_language import text as content_text
from hubportal.timeranges import LOCAL_TZ, Range, local_datetime

from .models import OpeningException, Schedule

# How far ahead "next opening" looks before giving up (a hub closed for good).
SEARCH_DAYS = 400


@lru_cache(maxsize=256)
def _holidays(state: str, year: int, language: str) -> dict[date, str]:
    lang = "de" if language == "de" else "en_US"
    return dict(holidays.country_holidays("DE", subdiv=state, years=year, language=lang))


def public_holiday(state: str, day: date) -> str:
    """The name of the public holiday in the state on that day, or ""."""
    language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return _holidays(state, day.year, language).get(day, "")


@dataclass(frozen=True)
class Interval:
    start: datetime  # aware, UTC
    end: datetime

    @property
    def local_start(self) -> datetime:
        return self.start.astimezone(LOCAL_TZ)

    @property
    def local_end(self) -> datetime:
        return self.end.astimezone(LOCAL_TZ)

    def __contains__(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


@dataclass(frozen=True)
class Day:
    date: date
    intervals: tuple[Interval, ...]
    closed_reason: str = ""  # set when a closure or a public holiday shuts the hub
    holiday: str = ""  # the public holiday's name, also when opened on purpose
    special_reason: str = ""  # set when special hours replace the weekly hours
    # The weekly schedule governing the date (also on closed days), for who is on site.
    schedule: Schedule | None = field(default=None, compare=False, repr=False)

    @property
    def is_open(self) -> bool:
        return bool(self.intervals)

    @property
    def is_special(self) -> bool:
        return bool(self.special_reason)

    @property
    def ranges(self) -> list[Range]:
        """The opening intervals as (start, end) ranges for hubportal.timeranges."""
        return [(iv.start, iv.end) for iv in self.intervals]


@dataclass(frozen=True)
class Status:
    is_open: bool
    closes_at: datetime | None  # when open: the end of the current opening
    next_opening: datetime | None  # when closed: the next start; None if none in sight


def _interval(day: date, opens: time, closes: time) -> Interval:
    return Interval(local_datetime(day, opens), local_datetime(day, closes))


def _merge(intervals: list[Interval]) -> tuple[Interval, ...]:
    merged: list[Interval] = []
    for iv in sorted(intervals, key=lambda i: i.start):
        if merged and iv.start <= merged[-1].end:
            last = merged.pop()
            iv = Interval(last.start, max(last.end, iv.end))
        merged.append(iv)
    return tuple(merged)


def schedules_of(hub, kind: str = Schedule.Kind.OPENING) -> list[Schedule]:
    """The hub's schedules of a kind, from `hub.schedules` (prefetched for lists)."""
    return [s for s in hub.schedules.all() if s.kind == kind]


class OpeningCalendar:
    """Opening times of one hub, computed from its rows without further queries.

    Pass `schedules` (with their intervals) and `exceptions` to reuse rows already
    loaded; otherwise the hub's opening-hours schedules and exceptions are read from
    its related managers (prefetch them for lists: see hubs/selectors.py).
    """

    def __init__(self, hub, *, schedules=None, exceptions=None):
        self.hub = hub
        self.schedules = list(schedules_of(hub) if schedules is None else schedules)
        self.exceptions = list(hub.exceptions.all() if exceptions is None else exceptions)

    # -- one day ----------------------------------------------------------------------
    def schedule_for(self, day: date) -> Schedule | None:
        return next((s for s in self.schedules if s.covers(day)), None)

    def weekly(self, day: date) -> tuple[Schedule | None, tuple[Interval, ...]]:
        """The schedule governing the date and its intervals for that weekday."""
        schedule = self.schedule_for(day)
        if schedule is None:
            return None, ()
        rows = [i for i in schedule.intervals.all() if i.weekday == day.weekday()]
        return schedule, _merge([_interval(day, i.opens, i.closes) for i in rows])

    def day(self, day: date) -> Day:
        schedule, weekly = self.weekly(day)
        holiday = public_holiday(self.hub.state, day)
        covering = [e for e in self.exceptions if e.start_date <= day <= e.end_date]
        if covering:
            shortest = min(e.span_days for e in covering)
            winners = [e for e in covering if e.span_days == shortest]
            closures = [e for e in winners if e.kind == OpeningException.Kind.CLOSED]
            if closures:
                return Day(
                    day,
                    (),
                    closed_reason=content_text(closures[0], "reason"),
                    holiday=holiday,
                    schedule=schedule,
                )
            return Day(
                day,
                _merge([_interval(day, e.opens, e.closes) for e in winners]),
                holiday=holiday,
                special_reason=content_text(winners[0], "reason"),
                schedule=schedule,
            )
        if holiday:
            return Day(day, (), closed_reason=holiday, holiday=holiday, schedule=schedule)
        return Day(day, weekly, schedule=schedule)

    def days(self, first: date, count: int) -> list[Day]:
        return [self.day(first + timedelta(days=n)) for n in range(count)]

    # -- a moment ---------------------------------------------------------------------
    def current_interval(self, at: datetime) -> Interval | None:
        today = at.astimezone(LOCAL_TZ).date()
        return next((iv for iv in self.day(today).intervals if at in iv), None)

    def is_open(self, at: datetime) -> bool:
        return self.current_interval(at) is not None

    def next_opening(self, at: datetime) -> datetime | None:
        """The next moment after `at` at which the hub opens (not counting now)."""
        start = at.astimezone(LOCAL_TZ).date()
        for n in range(SEARCH_DAYS):
            for iv in self.day(start + timedelta(days=n)).intervals:
                if iv.start > at:
                    return iv.start
        return None

    def next_closing(self, at: datetime) -> datetime | None:
        """When the opening that contains `at` ends, or None when closed at `at`."""
        current = self.current_interval(at)
        if current is None:
            return None
        end = current.end
        # An opening that runs to midnight and goes on next day is one opening.
        nxt = self.current_interval(end)
        while nxt is not None and nxt.end > end:
            end = nxt.end
            nxt = self.current_interval(end)
        return end

    def status(self, at: datetime | None = None) -> Status:
        at = at or timezone.now()
        closes = self.next_closing(at)
        if closes is not None:
            return Status(is_open=True, closes_at=closes, next_opening=None)
        return Status(is_open=False, closes_at=None, next_opening=self.next_opening(at))
