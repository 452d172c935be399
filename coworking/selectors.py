"""Reads for the co-working pages, with bounded queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone

from hubportal.params import date_param
from hubportal.timeranges import LOCAL_TZ, local_span, subtract
from hubs.geo import nearest_first
from hubs.hours import Day, OpeningCalendar, schedules_of
from hubs.models import Hub, OpeningException, Schedule
from hubs.selectors import schedules_since

from .models import Booking, BookingPolicy, MemberProfile, Workspace, WorkspaceBlock


def policy_for(hub: Hub) -> BookingPolicy:
    """The hub's booking rules, or the defaults when staff have not set any."""
    try:
        return hub.booking_policy
    except BookingPolicy.DoesNotExist:
        return BookingPolicy(hub=hub)


def coworking_calendar(hub: Hub) -> OpeningCalendar:
    """Co-working hours if the hub set them, else its public opening hours; closures
    and public holidays apply either way (hubs/hours.py does the work)."""
    schedules = schedules_of(hub, Schedule.Kind.COWORKING) or schedules_of(hub)
    return OpeningCalendar(hub, schedules=schedules, exceptions=hub.exceptions.all())


def own_hours(hub: Hub, first: date, days: int = 7) -> list[tuple[Day, Day]]:
    """When the co-working hours differ from the hub's opening hours on any of the
    days from `first`: each day's (co-working, opening) pair, so the hub page and the
    grid say both in words; [] when they are the same (nothing to explain)."""
    cowork = coworking_calendar(hub)
    opening = OpeningCalendar(hub, exceptions=hub.exceptions.all())
    pairs = [
        (cowork.day(day), opening.day(day))
        for day in (first + timedelta(days=n) for n in range(days))
    ]
    if all(c.intervals == o.intervals for c, o in pairs):
        return []
    return pairs


def coworking_day(hub: Hub, day: date) -> Day:
    """One day's co-working: its bookable ranges (`.ranges`) or why it is closed
    (`.closed_reason`). The booking form, the rules and the grid all ask this."""
    return coworking_calendar(hub).day(day)


def member_profile(user) -> MemberProfile | None:
    """Who a person is for the hubs' rules on who may book; None before they said."""
    if not getattr(user, "is_authenticated", False):
        return None
    return MemberProfile.objects.filter(user=user).first()


def hub_for_booking(slug: str, since: date) -> Hub:
    return get_object_or_404(
        Hub.objects.active()
        .select_related("booking_policy")
        .prefetch_related(
            schedules_since(since, presence=False),
            Prefetch("exceptions", queryset=OpeningException.objects.filter(end_date__gte=since)),
        ),
        slug=slug,
    )


def coworking_hubs():
    """Hubs with at least one active workspace."""
    return Hub.objects.active().filter(workspaces__active=True).distinct()


@dataclass
class Segment:
    start: datetime
    end: datetime
    state: str  # "free", "taken", "blocked"
    label: str = ""


@dataclass
class Cell:
    day: date
    closed_reason: str
    segments: list[Segment] = field(default_factory=list)
    beyond_horizon: bool = False  # not bookable yet: further ahead than the hub allows


@dataclass
class Row:
    workspace: Workspace
    cells: list[Cell]


@dataclass
class WeekGrid:
    hub: Hub
    policy: BookingPolicy
    first: date
    days: list[date]
    rows: list[Row]
    last_day: date  # the last day bookings are open for

    @property
    def previous_week(self) -> date:
        return self.first - timedelta(days=7)

    @property
    def next_week(self) -> date:
        return self.first + timedelta(days=7)


def week_grid(*, hub: Hub, first: date, now: datetime | None = None) -> WeekGrid:
    """Free and taken time of every active workspace, for each day of a week.

    Five queries in all (workspaces, bookings, blocks; the hub's hours and closures
    come prefetched), however many workspaces and bookings there are.
    """
    now = now or timezone.now()
    days = [first + timedelta(days=n) for n in range(7)]
    week_start, week_end = local_span(first, days=7)
    workspaces = list(hub.workspaces.filter(active=True).order_by("kind", "name"))
    bookings = (
        Booking.objects.active()
        .filter(workspace__hub=hub)
        .overlapping(week_start, week_end)
        .values_list("workspace_id", "start", "end")
    )
    blocks = WorkspaceBlock.objects.filter(
        workspace__hub=hub, start__lt=week_end, end__gt=week_start
    ).values_list("workspace_id", "start", "end", "reason")
    busy: dict[int, list[tuple[datetime, datetime, str, str]]] = {}
    for ws_id, start, end in bookings:
        busy.setdefault(ws_id, []).append((start, end, "taken", ""))
    for ws_id, start, end, reason in blocks:
        busy.setdefault(ws_id, []).append((start, end, "blocked", reason))

    calendar = coworking_calendar(hub)
    day_info = {d: calendar.day(d) for d in days}  # one calendar for the whole week
    policy = policy_for(hub)
    # What the booking rules would refuse is not offered: too short notice, too far ahead.
    earliest = now + timedelta(minutes=policy.min_notice_minutes)
    last_day = now.astimezone(LOCAL_TZ).date() + timedelta(days=policy.horizon_days)
    rows = []
    for workspace in workspaces:
        cells = []
        for d in days:
            info = day_info[d]
            # Past time, and time within the notice, is neither free nor taken.
            opened = [(max(s, earliest), e) for s, e in info.ranges if e > earliest]
            cell = Cell(d, info.closed_reason if not info.intervals else "")
            if d > last_day and info.intervals:
                cell.beyond_horizon = True
                cells.append(cell)
                continue
            taken = [
                (max(s, o_s), min(e, o_e), state, label)
                for s, e, state, label in busy.get(workspace.pk, [])
                for o_s, o_e in opened
                if s < o_e and e > o_s
            ]
            segments = [Segment(s, e, state, label) for s, e, state, label in taken]
            segments += [
                Segment(s, e, "free")
                for s, e in subtract(opened, [(s, e) for s, e, _state, _label in taken])
            ]
            cell.segments = sorted(segments, key=lambda seg: seg.start)
            cells.append(cell)
        rows.append(Row(workspace, cells))
    return WeekGrid(hub, policy, first, days, rows, last_day)


def week_start(value: str | None, today: date) -> date:
    """The first day of the grid: ?week=YYYY-MM-DD, or today, so the grid shows what is
    still bookable (on a Saturday, the coming week rather than the past one)."""
    return date_param(value, default=today)


def bookings_of(*, person, now: datetime | None = None):
    """A person's bookings: (upcoming, cancelled, past); cancelled are the upcoming
    ones that no longer stand (cancelled, declined, released)."""
    now = now or timezone.now()
    qs = Booking.objects.filter(person=person).select_related("workspace__hub")
    upcoming = list(qs.filter(end__gt=now).order_by("start", "pk"))
    return (
        [b for b in upcoming if b.is_active],
        [b for b in upcoming if not b.is_active],
        list(qs.filter(end__lte=now).order_by("-start", "-pk")[:50]),
    )


def today_at(*, hubs, day: date | None = None):
    """Hub staff's view of a day (today unless said): every booking at their hubs that
    still stands (not cancelled or declined), by start time."""
    today = day or timezone.localdate()
    return (
        Booking.objects.filter(workspace__hub__in=hubs)
        .overlapping(*local_span(today))
        .exclude(status__in=[Booking.Status.CANCELLED, Booking.Status.DECLINED])
        .select_related("workspace__hub", "person")
        .order_by("start", "workspace__name")
    )


def occupancy(*, workspaces, first: date) -> list[tuple[Workspace, list[float]]]:
    """Booked hours per workspace and day of a week, for the occupancy chart."""
    week_start, week_end = local_span(first, days=7)
    hours: dict[int, list[float]] = {w.pk: [0.0] * 7 for w in workspaces}
    rows = (
        Booking.objects.filter(workspace__in=workspaces)
        .exclude(status__in=[Booking.Status.CANCELLED, Booking.Status.DECLINED])
        .overlapping(week_start, week_end)
        .values_list("workspace_id", "start", "end")
    )
    for ws_id, start, end in rows:
        day = (start.astimezone(LOCAL_TZ).date() - first).days
        if 0 <= day < 7:
            hours[ws_id][day] += (end - start).total_seconds() / 3600
    return [(w, hours[w.pk]) for w in workspaces]


@dataclass
class FreeNearby:
    hub: Hub
    km: float | None
    free_hours: float  # bookable workspace-hours still free that day
    workspaces: int  # how many of its workspaces have free time


def alternatives_nearby(
    *, hub: Hub, day: date, now: datetime | None = None, limit: int = 3
) -> list[FreeNearby]:
    """When nothing is free at `hub` on `day`: the other co-working hubs with free
    time that day, nearest first. A fixed number of queries whatever the number of
    hubs, workspaces and bookings (hours, closures and policies prefetched)."""
    now = now or timezone.now()
    start, end = local_span(day)
    hubs = list(
        Hub.objects.active()
        .exclude(pk=hub.pk)
        .filter(pk__in=Workspace.objects.filter(active=True).values("hub_id"))
        .select_related("booking_policy")
        .prefetch_related(
            schedules_since(day, presence=False),
            Prefetch("exceptions", queryset=OpeningException.objects.filter(end_date__gte=day)),
            Prefetch("workspaces", queryset=Workspace.objects.filter(active=True)),
        )
    )
    busy: dict[int, list[tuple[datetime, datetime]]] = {}
    for ws_id, b_start, b_end in (
        Booking.objects.active()
        .filter(workspace__hub__in=hubs)
        .overlapping(start, end)
        .values_list("workspace_id", "start", "end")
    ):
        busy.setdefault(ws_id, []).append((b_start, b_end))
    for ws_id, b_start, b_end in WorkspaceBlock.objects.filter(
        workspace__hub__in=hubs, start__lt=end, end__gt=start
    ).values_list("workspace_id", "start", "end"):
        busy.setdefault(ws_id, []).append((b_start, b_end))
    found: dict[int, tuple[float, int]] = {}
    for other in hubs:
        policy = policy_for(other)
        if day > now.astimezone(LOCAL_TZ).date() + timedelta(days=policy.horizon_days):
            continue
        earliest = now + timedelta(minutes=policy.min_notice_minutes)
        opened = [
            (max(s, earliest), e) for s, e in coworking_day(other, day).ranges if e > earliest
        ]
        hours, workspaces = 0.0, 0
        for workspace in other.workspaces.all():
            free = subtract(opened, busy.get(workspace.pk, []))
            minutes = sum((e - s).total_seconds() for s, e in free) / 60
            if minutes >= policy.slot_minutes:
                hours += minutes / 60
                workspaces += 1
        if workspaces:
            found[other.pk] = (hours, workspaces)
    return [
        FreeNearby(other, km, *found[other.pk])
        for other, km in nearest_first(hub, [h for h in hubs if h.pk in found])
    ][:limit]
