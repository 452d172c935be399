"""What events show in the hub-staff cockpit (hubs/cockpit.py): the day's events with
registrations and check-ins, a column in the week table, events filling up, bursts of
registrations from one connection or mail domain, and support asked for."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from hubportal.timeranges import local_span
from hubs.cockpit import CockpitPanel, Place, per_day

from .models import Event, Registration
from .selectors import registration_bursts

FILLING_UP_PERCENT = 80
ACCESS_NEEDS_DAYS = 28


def _grouped(rows, hub_of) -> dict[int, list]:
    found = defaultdict(list)
    for row in rows:
        found[hub_of(row)].append(row)
    return found


def day_events(hub_ids, day, now):
    start, end = local_span(day)
    attended = Q(registrations__attendance=Registration.Attendance.ATTENDED)
    events = (
        Event.objects.filter(hub__in=hub_ids, start__lt=end, end__gt=start)
        .exclude(status=Event.Status.DRAFT)
        .with_counts()
        .annotate(checked_in=Count("registrations", filter=attended))
        .order_by("start")
    )
    return _grouped(events, lambda e: e.hub_id)


def week_counts(hub_ids, day, now):
    events = Event.objects.filter(hub__in=hub_ids).exclude(status=Event.Status.DRAFT)
    return per_day(events, "hub_id", now)


def filling_up(hub_ids, day, now):
    upcoming = (
        Event.objects.filter(hub__in=hub_ids, status=Event.Status.PUBLISHED, capacity__gt=0)
        .filter(start__gt=now, start__lt=now + timedelta(days=7))
        .with_counts()
        .order_by("start")
    )
    full = [e for e in upcoming if 100 * e.taken >= FILLING_UP_PERCENT * e.capacity]
    return _grouped(full, lambda e: e.hub_id)


def bursts(hub_ids, day, now):
    return registration_bursts(hub_ids=hub_ids, now=now)


@dataclass
class AccessRequest:
    registration: Registration
    late: bool  # less notice left than the support needs (ACCESS_NEED_LEAD_DAYS)


def access_needs(hub_ids, day, now):
    """Support asked for at the hubs' coming events: one query."""
    rows = (
        Registration.objects.active()
        .filter(event__hub__in=hub_ids, event__start__gt=now)
        .filter(event__start__lt=now + timedelta(days=ACCESS_NEEDS_DAYS))
        .exclude(access_needs="", access_note="")
        .select_related("event")
        .order_by("event__start", "pk")
    )
    requests = [
        AccessRequest(r, r.event.start - now < timedelta(days=r.access_lead_days())) for r in rows
    ]
    return _grouped(requests, lambda a: a.registration.event.hub_id)


PANELS = [
    CockpitPanel("events.today", day_events, Place.TODAY, template="events/cockpit/day.html"),
    CockpitPanel("events.week", week_counts, Place.WEEK, label=_("Events"), order=10),
    CockpitPanel("events.filling_up", filling_up, template="events/cockpit/filling_up.html"),
    CockpitPanel("events.bursts", bursts, template="events/cockpit/bursts.html"),
    CockpitPanel("events.access_needs", access_needs, template="events/cockpit/access_needs.html"),
]
