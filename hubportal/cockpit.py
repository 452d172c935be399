"""The hub-staff cockpit: their hubs' day at a glance, on the admin's start page.

For each hub a staff member manages: opening hours and who is on site that day, the
day's events with registrations and check-ins, desk bookings and check-ins, bookings
waiting for approval, advice requests waiting for an advisor, emails that failed or
got stuck, events filling up, bursts of registrations from one connection or mail
domain (to release in one action), and events, bookings and appointments in the next four
weeks that fall on a day the hub is closed (unless staff chose to keep them). Every
number links to the admin list it counts. A fixed number of queries, however many
items there are.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from coworking.models import Booking
from events.models import Event, Registration
from events.selectors import Burst, registration_bursts
from funding.models import Appointment
from hubportal.notifications.models import Message
from hubportal.timeranges import LOCAL_TZ, local_span
from hubs.hours import Day, OpeningCalendar
from hubs.models import Hub
from hubs.selectors import presences_on, with_schedule

CONFLICT_DAYS = 28
FILLING_UP_PERCENT = 80


@dataclass
class Figure:
    """A number with the admin list that shows the same rows."""

    count: int
    url: str


@dataclass
class Conflict:
    day: date
    reason: str
    what: str
    url: str


@dataclass
class AccessRequest:
    registration: Registration
    late: bool


ACCESS_NEEDS_DAYS = 28


def _access_needs(ids: list[int], now) -> dict[int, list[AccessRequest]]:
    """Support asked for at the hubs' coming events: one query."""
    found: dict[int, list[AccessRequest]] = defaultdict(list)
    rows = (
        Registration.objects.active()
        .filter(event__hub__in=ids, event__start__gt=now)
        .filter(event__start__lt=now + timedelta(days=ACCESS_NEEDS_DAYS))
        .exclude(access_needs="", access_note="")
        .select_related("event")
        .order_by("event__start", "pk")
    )
    for r in rows:
        late = r.event.start - now < timedelta(days=r.access_lead_days())
        found[r.event.hub_id].append(AccessRequest(r, late))
    return found


@dataclass
class HubDay:
    hub: Hub
    day: Day
    presences: list
    events: list[Event]
    bookings: Figure
    checked_in: Figure
    approvals: Figure
    requests: Figure
    emails: Figure
    filling_up: list[Event]
    # Registrations asking for support at the next four weeks' events; `late`: less
    # notice left than the support needs (events.models.ACCESS_NEED_LEAD_DAYS).
    access_needs: list[AccessRequest] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    # Many registrations for one coming event from one connection or mail domain.
    bursts: list[Burst] = field(default_factory=list)
    week: list[tuple[date, int, int]] = field(default_factory=list)  # day, events, bookings


def _changelist(model, **params) -> str:
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return f"{url}?{urlencode(params)}" if params else url


def _by_hub(queryset, hub_field: str) -> Counter:
    rows = queryset.values(hub_field).annotate(n=Count("pk")).values_list(hub_field, "n")
    return Counter(dict(rows))


def hub_days(*, hubs, day: date, now=None) -> list[HubDay]:
    """The cockpit for `hubs` (a queryset the user may see) on `day`."""
    now = now or timezone.now()
    start, end = local_span(day)
    hubs = list(with_schedule(hubs.order_by("town", "name"), since=day))
    ids = [h.pk for h in hubs]

    events = defaultdict(list)
    day_events = (
        Event.objects.filter(hub__in=ids, start__lt=end, end__gt=start)
        .exclude(status=Event.Status.DRAFT)
        .with_counts()
        .annotate(
            checked_in=Count(
                "registrations",
                filter=Q(registrations__attendance=Registration.Attendance.ATTENDED),
            )
        )
        .order_by("start")
    )
    for event in day_events:
        events[event.hub_id].append(event)

    todays_bookings = Booking.objects.filter(
        workspace__hub__in=ids, start__lt=end, end__gt=start
    ).exclude(status__in=[Booking.Status.CANCELLED, Booking.Status.DECLINED])
    bookings = _by_hub(todays_bookings, "workspace__hub")
    checked_in = _by_hub(todays_bookings.filter(status=Booking.Status.CHECKED_IN), "workspace__hub")
    approvals = _by_hub(
        Booking.objects.filter(workspace__hub__in=ids, status=Booking.Status.PENDING),
        "workspace__hub",
    )
    requests = _by_hub(
        Appointment.objects.filter(hub__in=ids, status=Appointment.Status.REQUESTED), "hub"
    )
    emails = _by_hub(Message.objects.needing_attention(now).filter(hub__in=ids), "hub")

    week_end = now + timedelta(days=7)
    filling = defaultdict(list)
    upcoming = (
        Event.objects.filter(
            hub__in=ids,
            status=Event.Status.PUBLISHED,
            start__gt=now,
            start__lt=week_end,
            capacity__gt=0,
        )
        .with_counts()
        .order_by("start")
    )
    for event in upcoming:
        if 100 * event.taken >= FILLING_UP_PERCENT * event.capacity:
            filling[event.hub_id].append(event)

    calendars = {h.pk: OpeningCalendar(h) for h in hubs}
    conflicts = _conflicts(calendars, now)
    week = _week(ids, now)
    access = _access_needs(ids, now)
    bursts = registration_bursts(hub_ids=ids, now=now)
    result = []
    for hub in hubs:
        that_day = calendars[hub.pk].day(day)
        today_url = (
            reverse("admin:coworking_booking_today")
            + "?"
            + urlencode({"hub": hub.pk, "day": day.isoformat()})
        )
        result.append(
            HubDay(
                hub=hub,
                day=that_day,
                presences=presences_on(hub, that_day),
                events=events[hub.pk],
                bookings=Figure(bookings[hub.pk], today_url),
                checked_in=Figure(checked_in[hub.pk], today_url),
                approvals=Figure(
                    approvals[hub.pk],
                    _changelist(
                        Booking,
                        **{"status__exact": "pending", "workspace__hub__id__exact": hub.pk},
                    ),
                ),
                requests=Figure(
                    requests[hub.pk],
                    _changelist(
                        Appointment, **{"status__exact": "requested", "hub__id__exact": hub.pk}
                    ),
                ),
                emails=Figure(
                    emails[hub.pk], _changelist(Message, trouble="yes", hub__id__exact=hub.pk)
                ),
                filling_up=filling[hub.pk],
                access_needs=access[hub.pk],
                bursts=bursts.get(hub.pk, []),
                conflicts=conflicts[hub.pk],
                week=week[hub.pk],
            )
        )
    return result


def _week(ids: list[int], now) -> dict[int, list[tuple[date, int, int]]]:
    """Events and bookings per day for the seven days from today, per hub."""
    first = now.astimezone(LOCAL_TZ).date()
    days = [first + timedelta(days=n) for n in range(7)]
    start, end = local_span(first, days=7)
    local_day = TruncDate("start", tzinfo=LOCAL_TZ)
    events = (
        Event.objects.filter(hub__in=ids, start__gte=start, start__lt=end)
        .exclude(status=Event.Status.DRAFT)
        .annotate(day=local_day)
        .values_list("hub_id", "day")
        .annotate(n=Count("pk"))
    )
    bookings = (
        Booking.objects.filter(workspace__hub__in=ids, start__gte=start, start__lt=end)
        .exclude(status__in=[Booking.Status.CANCELLED, Booking.Status.DECLINED])
        .annotate(day=local_day)
        .values_list("workspace__hub", "day")
        .annotate(n=Count("pk"))
    )
    event_counts = {(hub, day): n for hub, day, n in events}
    booking_counts = {(hub, day): n for hub, day, n in bookings}
    return {
        hub: [(d, event_counts.get((hub, d), 0), booking_counts.get((hub, d), 0)) for d in days]
        for hub in ids
    }


def _conflicts(calendars: dict[int, OpeningCalendar], now) -> dict[int, list[Conflict]]:
    """Events, bookings and appointments in the next weeks on days their hub is closed."""
    first = now.astimezone(LOCAL_TZ).date()
    start, end = local_span(first, days=CONFLICT_DAYS)
    closed = {
        pk: {d.date: d.closed_reason for d in calendar.days(first, CONFLICT_DAYS)}
        for pk, calendar in calendars.items()
    }
    found: dict[int, list[Conflict]] = defaultdict(list)

    def check(hub_id, moment, what, url):
        local_day = moment.astimezone(LOCAL_TZ).date()
        reason = closed.get(hub_id, {}).get(local_day)
        if reason:
            found[hub_id].append(Conflict(local_day, reason, what, url))

    ids = list(calendars)
    for event in (
        Event.objects.filter(hub__in=ids, status=Event.Status.PUBLISHED, start__gte=start)
        .filter(start__lt=end, held_on_closed_day=False)
        .only("pk", "hub_id", "title", "start")
    ):
        url = reverse("admin:events_event_change", args=[event.pk])
        check(event.hub_id, event.start, event.title, url)
    for booking in (
        Booking.objects.active()
        .filter(workspace__hub__in=ids, start__gte=start, start__lt=end)
        .filter(held_on_closed_day=False)
        .select_related("workspace")
        .only("pk", "start", "name", "workspace__name", "workspace__hub_id")
    ):
        url = reverse("admin:coworking_booking_change", args=[booking.pk])
        what = f"{booking.workspace.name}: {booking.name}"
        check(booking.workspace.hub_id, booking.start, what, url)
    for appointment in (
        Appointment.objects.active()
        .filter(hub__in=ids, start__gte=start, start__lt=end, held_on_closed_day=False)
        .only("pk", "hub_id", "start", "name")
    ):
        url = reverse("admin:funding_appointment_change", args=[appointment.pk])
        check(appointment.hub_id, appointment.start, appointment.name, url)
    for items in found.values():
        items.sort(key=lambda c: c.day)
    return found
