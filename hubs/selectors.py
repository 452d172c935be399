"""Reads for the hub pages, with the prefetches those pages need.

Every page asks a fixed number of queries, however many hubs, hours or exceptions
there are: the opening logic (hubs/hours.py) works on rows loaded here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from hubportal.timeranges import LOCAL_TZ

from .filters import HubFilter
from .geo import nearest_first
from .hours import Day, OpeningCalendar, Status
from .jsonld import hub_jsonld
from .models import Hub, OpeningException, Schedule, StaffPresence
from .osm import opening_hours

UPCOMING_DAYS = 14


def with_schedule(queryset: QuerySet[Hub], since: date) -> QuerySet[Hub]:
    return queryset.prefetch_related(
        "organisations",
        "focus_themes",
        schedules_since(since),
        Prefetch("exceptions", queryset=OpeningException.objects.filter(end_date__gte=since)),
    )


def schedules_since(since: date, *, presence: bool = True) -> Prefetch:
    """The weekly schedules still valid on or after `since`, with their intervals and
    (unless `presence=False`) who is on site: what hubs/hours.py and presences_on
    read. One query per level, however many hubs and schedules."""
    related: list = ["intervals"]
    if presence:
        related.append(
            Prefetch(
                "presences",
                queryset=StaffPresence.objects.select_related("organisation").order_by(
                    "weekday", "starts"
                ),
            )
        )
    return Prefetch(
        "schedules",
        queryset=Schedule.objects.filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=since)
        ).prefetch_related(*related),
    )


def hub_staff_emails(hub: Hub | None) -> list[str]:
    """Where notices about a hub go (an event filling up, a booking to approve): the
    addresses of its active staff; none for network-wide items without a hub."""
    if hub is None:
        return []
    return list(
        hub.staff_memberships.filter(user__is_active=True).values_list("user__email", flat=True)
    )


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass
class HubOverview:
    """One hub as the home page and the hub list show it."""

    hub: Hub
    status: Status
    today: Day
    present_today: list[StaffPresence]


def presences_on(hub: Hub, day: Day) -> list[StaffPresence]:
    """Who is on site on a day, from the schedule governing it: nobody when the hub is
    closed all day."""
    if day.closed_reason or day.schedule is None:
        return []
    return [p for p in day.schedule.presences.all() if p.weekday == day.date.weekday()]


def _overview(hub: Hub, now: datetime) -> HubOverview:
    calendar = OpeningCalendar(hub)
    today = calendar.day(now.astimezone(LOCAL_TZ).date())
    return HubOverview(hub, calendar.status(now), today, presences_on(hub, today))


def hubs_on_map() -> list[Hub]:
    """Every active hub, for the map on a hub's page: one query."""
    return list(Hub.objects.active())


def hub_overviews(*, now: datetime | None = None) -> list[HubOverview]:
    now = now or timezone.now()
    today = now.astimezone(LOCAL_TZ).date()
    hubs = with_schedule(Hub.objects.active(), since=_week_start(today))
    return [_overview(hub, now) for hub in hubs]


def hub_list(*, params, now: datetime | None = None) -> tuple[HubFilter, list[HubOverview]]:
    now = now or timezone.now()
    today = now.astimezone(LOCAL_TZ).date()
    hub_filter = HubFilter(params, queryset=Hub.objects.active())
    hubs = with_schedule(hub_filter.qs.distinct(), since=_week_start(today))
    overviews = [_overview(hub, now) for hub in hubs]
    if hub_filter.form.cleaned_data.get("open_now"):
        overviews = [o for o in overviews if o.status.is_open]
    return hub_filter, overviews


NEARBY = 3


def _open_elsewhere(hub: Hub, now: datetime) -> list[tuple[HubOverview, float | None]]:
    """The other hubs open today, nearest first: where to go when this one is shut."""
    today = now.astimezone(LOCAL_TZ).date()
    others = with_schedule(Hub.objects.active().exclude(pk=hub.pk), since=today)
    open_today = [o for o in (_overview(h, now) for h in others) if o.today.is_open]
    by_hub = {o.hub: o for o in open_today}
    return [(by_hub[h], km) for h, km in nearest_first(hub, by_hub)][:NEARBY]


def hub_widget(*, slug: str, now: datetime | None = None) -> HubOverview:
    """What a town's website shows of its hub: open now, today's hours, who is there."""
    now = now or timezone.now()
    today = now.astimezone(LOCAL_TZ).date()
    hub = get_object_or_404(with_schedule(Hub.objects.active(), since=today), slug=slug)
    return _overview(hub, now)


def hub_calendar(*, slug: str, today: date) -> tuple[Hub, OpeningCalendar]:
    """An active hub with the rows its opening calendar from `today` on needs."""
    hub = get_object_or_404(with_schedule(Hub.objects.active(), since=today), slug=slug)
    return hub, OpeningCalendar(hub)


# Geometry of the week strip (an SVG picture; the table carries the same facts).
STRIP_LABEL_WIDTH = 64
STRIP_BAR_WIDTH = 568
STRIP_ROW_HEIGHT = 32


@dataclass
class StripBar:
    x: float  # SVG user units
    width: float


@dataclass
class WeekRow:
    day: Day
    presences: list[StaffPresence]
    bars: list[StripBar]
    is_today: bool
    y: int  # top of the row in the week strip


@dataclass
class HubPage:
    hub: Hub
    overview: HubOverview
    week: list[WeekRow]
    strip_ticks: list[tuple[int, float]]  # (hour, x) tick marks of the week strip
    strip_height: int
    upcoming: list[Day]  # the next 14 days, with closures and special hours
    next_week: bool  # the week table shows the coming week (on Sundays)
    presences: list[StaffPresence]  # the regular presence under today's schedule
    announced: list[Schedule]  # schedules that take effect later
    nearby_open: list[tuple[HubOverview, float | None]]  # when shut today: open hubs, km
    jsonld: dict  # the hub as schema.org data (hubs/jsonld.py)
    osm_opening_hours: str  # the weekly hours as OpenStreetMap's opening_hours value


def _strip_range(days: list[Day]) -> tuple[int, int]:
    starts = [iv.local_start.hour for d in days for iv in d.intervals]
    ends = [
        iv.local_end.hour + (1 if iv.local_end.minute else 0) for d in days for iv in d.intervals
    ]
    return min([8, *starts]), max([18, *ends])


def hub_page(*, slug: str, now: datetime | None = None) -> HubPage:
    now = now or timezone.now()
    today = now.astimezone(LOCAL_TZ).date()
    # On a Sunday the week that matters is the coming one, not the one just ended.
    monday = _week_start(today) + timedelta(days=7 if today.weekday() == 6 else 0)
    hub = get_object_or_404(
        with_schedule(Hub.objects.active(), since=min(monday, today)).annotate(
            # the showroom's size: the page links it when there is anything to see
            exhibits_shown=Count("exhibits", filter=Q(exhibits__published=True))
        ),
        slug=slug,
    )
    calendar = OpeningCalendar(hub)
    week_days = calendar.days(monday, 7)
    first, last = _strip_range(week_days)
    scale = STRIP_BAR_WIDTH / ((last - first) * 60)  # user units per minute

    def x(moment) -> float:
        return STRIP_LABEL_WIDTH + scale * (moment.hour * 60 + moment.minute - first * 60)

    def bar(iv) -> StripBar:
        start, end = x(iv.local_start), x(iv.local_end)
        return StripBar(x=start, width=end - start)

    week = [
        WeekRow(
            d,
            presences_on(hub, d),
            [bar(iv) for iv in d.intervals],
            d.date == today,
            y=n * STRIP_ROW_HEIGHT,
        )
        for n, d in enumerate(week_days)
    ]
    announced = sorted(
        (s for s in calendar.schedules if s.valid_from and s.valid_from > today),
        key=lambda s: s.valid_from,
    )
    current = calendar.schedule_for(today)
    hours = list(range(first, last + 1, 2 if last - first > 8 else 1))
    return HubPage(
        hub=hub,
        overview=_overview(hub, now),
        week=week,
        strip_ticks=[(h, STRIP_LABEL_WIDTH + scale * 60 * (h - first)) for h in hours],
        strip_height=len(week) * STRIP_ROW_HEIGHT + 24,
        upcoming=calendar.days(today, UPCOMING_DAYS),
        next_week=monday > today,
        presences=list(current.presences.all()) if current else [],
        announced=announced,
        nearby_open=[] if calendar.day(today).is_open else _open_elsewhere(hub, now),
        jsonld=hub_jsonld(hub, calendar, today),
        osm_opening_hours=opening_hours(calendar, today),
    )
