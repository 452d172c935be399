"""The hub-staff cockpit: their hubs' day at a glance, on the admin's start page.

For each hub a staff member manages: opening hours and who is on site that day, then
what the apps contribute as panels, registered in their AppConfig.ready (as pretix's
dashboard widgets): figures with the admin list each counts (desk bookings, approvals,
advice requests, emails in trouble), the day's events, a column each in the week
table, and sections below it (events filling up, bursts of registrations, support
asked for). Last, every item the closure sources (hubs/calendar_changes.py) hold in
the next four weeks on a day the hub is closed (unless staff chose to keep it).

A panel's `collect(hub_ids, day, now)` answers for all hubs at once: a fixed number of
queries, however many items there are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from hubportal.timeranges import LOCAL_TZ, local_span

from . import calendar_changes
from .hours import Day, OpeningCalendar
from .models import Hub
from .selectors import presences_on, with_schedule

CONFLICT_DAYS = 28
WEEK_DAYS = 7


class Place:
    FIGURES = "figures"  # a row of the figures table: value is a Figure
    TODAY = "today"  # a section before the week table (the day's events)
    WEEK = "week"  # a column of the week table: value is {date: count}
    LATER = "later"  # a section after the week table


@dataclass(frozen=True)
class CockpitPanel:
    name: str
    collect: Callable[[list[int], date, datetime], dict[int, object]]
    place: str = Place.LATER
    label: str = ""  # FIGURES: the row's heading; WEEK: the column's
    # TODAY, LATER: renders `value`, the hub's (LATER: nothing when it is empty)
    template: str = ""
    order: int = 100


PANELS: dict[str, CockpitPanel] = {}


def register(panel: CockpitPanel) -> None:
    PANELS[panel.name] = panel


@dataclass
class Figure:
    """A number with the admin list that shows the same rows."""

    count: int
    url: str
    note: str = ""


@dataclass
class Conflict:
    day: date
    reason: str
    what: str
    url: str


@dataclass
class Shown:
    panel: CockpitPanel
    value: object


@dataclass
class HubDay:
    hub: Hub
    day: Day
    presences: list
    figures: list[Shown] = field(default_factory=list)
    today: list[Shown] = field(default_factory=list)
    later: list[Shown] = field(default_factory=list)
    week_columns: list[str] = field(default_factory=list)
    week: list[tuple[date, list[int]]] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


def changelist(model, **params) -> str:
    """The admin list of `model`, filtered by `params`."""
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return f"{url}?{urlencode(params)}" if params else url


def by_hub(queryset, hub_field: str) -> dict[int, int]:
    """How many rows of `queryset` each hub has: one grouped query."""
    rows = queryset.values(hub_field).annotate(n=Count("pk")).values_list(hub_field, "n")
    return dict(rows)


def figures(hub_ids, queryset, hub_field: str, url_for) -> dict[int, Figure]:
    """A Figure per hub: how many rows of `queryset` it has, with `url_for(hub_id)`."""
    counts = by_hub(queryset, hub_field)
    return {hub: Figure(counts.get(hub, 0), url_for(hub)) for hub in hub_ids}


def per_day(queryset, hub_field: str, now: datetime) -> dict[int, dict[date, int]]:
    """A week column: how many rows of `queryset` start on each of the seven days from
    today, per hub (one grouped query)."""
    _days, start, end = week_of(now)
    rows = (
        queryset.filter(start__gte=start, start__lt=end)
        .annotate(day=TruncDate("start", tzinfo=LOCAL_TZ))
        .values_list(hub_field, "day")
        .annotate(n=Count("pk"))
    )
    found: dict[int, dict[date, int]] = defaultdict(dict)
    for hub, local_day, n in rows:
        found[hub][local_day] = n
    return found


def week_of(now: datetime) -> tuple[list[date], datetime, datetime]:
    """The seven days from today, and the moments they start and end."""
    first = now.astimezone(LOCAL_TZ).date()
    start, end = local_span(first, days=WEEK_DAYS)
    return [first + timedelta(days=n) for n in range(WEEK_DAYS)], start, end


def hub_days(*, hubs, day: date, now=None) -> list[HubDay]:
    """The cockpit for `hubs` (a queryset the user may see) on `day`."""
    now = now or timezone.now()
    hubs = list(with_schedule(hubs.order_by("town", "name"), since=day))
    ids = [h.pk for h in hubs]
    calendars = {h.pk: OpeningCalendar(h) for h in hubs}
    panels = sorted(PANELS.values(), key=lambda p: p.order)
    collected = [(panel, panel.collect(ids, day, now)) for panel in panels]
    conflicts = _conflicts(calendars, now)
    days = week_of(now)[0]
    result = []
    for hub in hubs:
        that_day = calendars[hub.pk].day(day)
        hub_day = HubDay(hub, that_day, presences_on(hub, that_day))
        hub_day.conflicts = conflicts[hub.pk]
        week = []
        for panel, values in collected:
            value = values.get(hub.pk)
            if panel.place == Place.WEEK:
                hub_day.week_columns.append(panel.label)
                week.append(value or {})
            elif panel.place in (Place.FIGURES, Place.TODAY) or value:
                getattr(hub_day, panel.place).append(Shown(panel, value))
        hub_day.week = [(d, [counts.get(d, 0) for counts in week]) for d in days]
        result.append(hub_day)
    return result


def _conflicts(calendars: dict[int, OpeningCalendar], now) -> dict[int, list[Conflict]]:
    """Items in the next weeks on days their hub is closed, from every closure source."""
    first = now.astimezone(LOCAL_TZ).date()
    start, end = local_span(first, days=CONFLICT_DAYS)
    closed = {
        pk: {d.date: d.closed_reason for d in calendar.days(first, CONFLICT_DAYS)}
        for pk, calendar in calendars.items()
    }
    found: dict[int, list[Conflict]] = defaultdict(list)
    for source in calendar_changes.SOURCES.values():
        for item in source.held(list(calendars), start, end):
            local_day = item.start.astimezone(LOCAL_TZ).date()
            reason = closed.get(item.hub_id, {}).get(local_day)
            if reason:
                url = reverse(source.admin_change, args=[item.obj.pk])
                found[item.hub_id].append(Conflict(local_day, reason, item.what, url))
    for items in found.values():
        items.sort(key=lambda c: c.day)
    return found
