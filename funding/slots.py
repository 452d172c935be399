"""Free appointment slots: advisors' windows minus absences, appointments (at every
hub, with buffers), notice and horizon; on site only within the hub's opening hours of
that day (a closure or public holiday offers nothing there).

Windows are local wall-clock times; each slot is computed on its date in Europe/Berlin
and stored as an aware instant, so the day the clocks change comes out right.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Prefetch
from django.utils import timezone

from hubportal.timeranges import LOCAL_TZ, intersect, local_datetime, local_span, subtract
from hubs.hours import OpeningCalendar
from hubs.models import Hub, OpeningException
from hubs.selectors import schedules_since

from .models import Absence, Advisor, Appointment, AvailabilityWindow

QUARTER = timedelta(minutes=15)


@dataclass(frozen=True)
class Slot:
    advisor: Advisor
    start: datetime
    end: datetime
    hub: Hub | None  # None: remote (video or phone)

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)


def advisors_for(*, topic=None, hub=None, remote=False, pk=None):
    """Active advisors (with what slot computing needs) who serve the hub or work remotely."""
    qs = (
        Advisor.objects.filter(active=True)
        .select_related("organisation")
        .prefetch_related(
            "topics",
            Prefetch("windows", queryset=AvailabilityWindow.objects.select_related("hub")),
            Prefetch(
                "absences", queryset=Absence.objects.filter(end_date__gte=timezone.localdate())
            ),
        )
    )
    if pk is not None:
        qs = qs.filter(pk=pk)
    if topic is not None:
        qs = qs.filter(topics=topic)
    if hub is not None:
        qs = qs.filter(windows__hub=hub)
    elif remote:
        qs = qs.filter(windows__hub__isnull=True)
    return list(qs.distinct().order_by("public_name"))


def _calendars(hubs: set[Hub], since: date) -> dict[int, OpeningCalendar]:
    loaded = Hub.objects.filter(pk__in=[h.pk for h in hubs]).prefetch_related(
        schedules_since(since, presence=False),
        Prefetch("exceptions", queryset=OpeningException.objects.filter(end_date__gte=since)),
    )
    return {h.pk: OpeningCalendar(h) for h in loaded}


def _busy(advisors, start: datetime, end: datetime, ignore=None) -> dict[int, list]:
    """Active appointments of these advisors, at every hub, widened by each one's buffer."""
    buffers = {a.pk: timedelta(minutes=a.buffer_minutes) for a in advisors}
    qs = (
        Appointment.objects.active()
        .filter(advisor__in=advisors)
        .overlapping(start - timedelta(days=1), end + timedelta(days=1))
    )
    if ignore is not None:
        qs = qs.exclude(pk=ignore.pk)
    busy: dict[int, list] = {a.pk: [] for a in advisors}
    for advisor_id, s, e in qs.values_list("advisor_id", "start", "end"):
        busy[advisor_id].append((s - buffers[advisor_id], e + buffers[advisor_id]))
    return busy


def _absent(advisor: Advisor, day: date) -> bool:
    return any(a.start_date <= day <= a.end_date for a in advisor.absences.all())


def _round_up(moment: datetime) -> datetime:
    local = moment.astimezone(LOCAL_TZ)
    minutes = (local.minute // 15) * 15
    floor = local.replace(minute=minutes, second=0, microsecond=0)
    return floor if floor == local else floor + QUARTER


def free_slots(
    *,
    advisors: list[Advisor],
    length: int,
    first_day: date,
    days: int,
    hub: Hub | None = None,
    now: datetime | None = None,
    ignore: Appointment | None = None,
    any_length: bool = False,
) -> list[Slot]:
    """Free slots of `length` minutes; on site at `hub`, or remote when hub is None."""
    _hubs, busy, calendars = _what_is_taken(advisors, first_day, days, ignore)
    return _slots(advisors, length, first_day, days, hub, now, busy, calendars, any_length)


def slots_like(
    *,
    advisor_id: int,
    hub: Hub | None,
    minutes: int,
    first_day: date,
    days: int = 14,
    ignore: Appointment | None = None,
    any_length: bool = False,
) -> list[Slot]:
    """Other free times with the same advisor at the same place (a hub, or remote when
    hub is None): what a refusal, a cancellation email and the move list offer."""
    advisors = advisors_for(hub=hub, remote=hub is None, pk=advisor_id)
    return free_slots(
        advisors=advisors,
        length=minutes,
        first_day=first_day,
        days=days,
        hub=hub,
        ignore=ignore,
        any_length=any_length,
    )


def _what_is_taken(advisors, first_day: date, days: int, ignore=None):
    """The hubs the advisors serve, their appointments in the days, the hubs' calendars."""
    range_start, range_end = local_span(first_day, days=days)
    busy = _busy(advisors, range_start, range_end, ignore)
    window_hubs = {w.hub for a in advisors for w in a.windows.all() if w.hub is not None}
    calendars = _calendars(window_hubs, first_day) if window_hubs else {}
    return window_hubs, busy, calendars


def _slots(advisors, length, first_day, days, hub, now, busy, calendars, any_length=False):
    now = now or timezone.now()
    duration = timedelta(minutes=length)
    last_day = first_day + timedelta(days=days - 1)
    slots = []
    for advisor in advisors:
        if length not in advisor.lengths() and not any_length:
            continue
        earliest = now + timedelta(hours=advisor.min_notice_hours)
        latest_day = min(
            last_day, now.astimezone(LOCAL_TZ).date() + timedelta(days=advisor.horizon_days)
        )
        day = first_day
        while day <= latest_day:
            slots += _day_slots(advisor, day, hub, duration, earliest, busy[advisor.pk], calendars)
            day += timedelta(days=1)
    return sorted(slots, key=lambda s: (s.start, s.advisor.public_name))


def first_free_by_place(
    *, advisors: list[Advisor], length: int, first_day: date, days: int, now=None
) -> dict[Hub | None, Slot]:
    """The first free slot at each hub the advisors serve, and remotely (key None):
    for suggesting another place when the one asked for has nothing. As many queries
    as one free_slots call, whatever the number of hubs."""
    window_hubs, busy, calendars = _what_is_taken(advisors, first_day, days)
    first = {}
    for place in [*window_hubs, None]:
        slots = _slots(advisors, length, first_day, days, place, now, busy, calendars)
        if slots:
            first[place] = slots[0]
    return first


def _free_ranges(advisor, day, hub, earliest, busy, calendars) -> list[tuple]:
    """The advisor's free time on a day at the hub (or remote), from `earliest` on."""
    windows = [
        w
        for w in advisor.windows.all()
        if w.weekday == day.weekday() and (w.hub_id == hub.pk if hub else w.hub_id is None)
    ]
    if not windows or _absent(advisor, day):
        return []
    opened = [(local_datetime(day, w.starts), local_datetime(day, w.ends)) for w in windows]
    if hub is not None:
        # On site only while the hub is open that day: its schedule of that date,
        # special hours, and nothing on a closure or public holiday.
        hours = calendars[hub.pk].day(day).intervals
        opened = intersect(opened, [(iv.start, iv.end) for iv in hours])
    return [(max(s, earliest), e) for s, e in subtract(opened, busy) if e > earliest]


def _day_slots(advisor, day, hub, duration, earliest, busy, calendars) -> list[Slot]:
    """Slots one after the other from the start of each free range (09:00, 10:00, …)."""
    slots = []
    for free_start, free_end in _free_ranges(advisor, day, hub, earliest, busy, calendars):
        start = _round_up(free_start)
        while start + duration <= free_end:
            slots.append(Slot(advisor, start, start + duration, hub))
            start += duration
    return slots


def slot_is_free(
    *,
    advisor: Advisor,
    start: datetime,
    end: datetime,
    hub: Hub | None,
    now: datetime | None = None,
    ignore: Appointment | None = None,
    by_staff: bool = False,
) -> bool:
    """Does start..end lie in the advisor's free time (windows, absences, buffers, closed
    hub days, notice, horizon, offered lengths)? Staff and advisors booking for a caller
    may book at short notice and any length."""
    now = now or timezone.now()
    found = advisors_for(hub=hub, remote=hub is None, pk=advisor.pk)
    if not found:
        return False
    (advisor,) = found
    minutes = int((end - start).total_seconds() // 60)
    if not by_staff and minutes not in advisor.lengths():
        return False
    earliest = now if by_staff else now + timedelta(hours=advisor.min_notice_hours)
    day = start.astimezone(LOCAL_TZ).date()
    if day > now.astimezone(LOCAL_TZ).date() + timedelta(days=advisor.horizon_days):
        return False
    busy = _busy([advisor], start, end, ignore)[advisor.pk]
    calendars = _calendars({hub}, day) if hub is not None else {}
    return any(
        s <= start and end <= e
        for s, e in _free_ranges(advisor, day, hub, earliest, busy, calendars)
    )
