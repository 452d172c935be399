"""Reads for the event pages and feeds, with the joins they need."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from hubportal.timeranges import LOCAL_TZ
from hubs.geo import nearest_first
from hubs.hours import OpeningCalendar
from hubs.models import OpeningException

from . import rules
from .filters import EventFilter
from .models import FREE_MAIL_DOMAINS, Event, Registration, email_domain

PAGE_SIZE = 20
FEED_PAST_DAYS = 90


def _base():
    return Event.objects.published().select_related("hub", "focus_theme", "organiser")


def with_hub_closures(events) -> list[Event]:
    """Set `event.hub_closed` to why its hub is closed that day (a closure or a public
    holiday), "" when it is not: public pages never show an event on a closed day
    without saying so. One query, however many events."""
    events = list(events)
    hub_ids = {e.hub_id for e in events if e.hub_id}
    days = [e.start.astimezone(LOCAL_TZ).date() for e in events]
    by_hub: dict[int, list] = {pk: [] for pk in hub_ids}
    if hub_ids:
        for exception in OpeningException.objects.filter(
            hub__in=hub_ids, start_date__lte=max(days), end_date__gte=min(days)
        ):
            by_hub[exception.hub_id].append(exception)
    for event, day in zip(events, days, strict=True):
        event.hub_closed = ""
        if event.hub_id:
            calendar = OpeningCalendar(event.hub, schedules=[], exceptions=by_hub[event.hub_id])
            event.hub_closed = calendar.day(day).closed_reason
    return events


def _marked(page):
    page.object_list = with_hub_closures(page.object_list)
    return page


def event_list(*, params, page: str | None, now: datetime | None = None):
    """The programme: upcoming published events, filtered and paginated."""
    event_filter = EventFilter(params, queryset=_base().upcoming(now).with_counts())
    return event_filter, _marked(Paginator(event_filter.qs, PAGE_SIZE).get_page(page))


def events_open_data(*, hub: str = "", kind: str = "", upcoming: bool = True, now=None):
    """Published events for the API (by default the upcoming ones) with their counts,
    by hub slug and kind; none of an inactive hub."""
    qs = _base().filter(Q(hub__isnull=True) | Q(hub__active=True)).with_counts()
    qs = qs.upcoming(now) if upcoming else qs.order_by("start", "pk")
    if hub:
        qs = qs.filter(hub__slug=hub)
    if kind:
        qs = qs.filter(kind=kind)
    return qs


ALTERNATIVES = 3
ALTERNATIVE_CANDIDATES = 60  # upcoming events of the kind looked at, soonest first


@dataclass
class Alternative:
    event: Event
    km: float | None  # from the event's hub; None without coordinates
    next_date: bool  # the next date of the same series


def alternatives(event: Event, *, now: datetime | None = None) -> list[Alternative]:
    """Where to go instead of a full, cancelled or shut event: the next date of its
    series with a place, then events of the same kind elsewhere with a place, the
    nearest hub first. Two queries, however many events there are."""
    now = now or timezone.now()
    candidates = [
        e
        for e in _base()
        .filter(kind=event.kind, status=Event.Status.PUBLISHED, start__gt=now)
        .filter(Q(hub__isnull=True) | Q(hub__active=True))
        .exclude(pk=event.pk)
        .with_counts()
        .order_by("start", "pk")[:ALTERNATIVE_CANDIDATES]
        if e.places_left(e.taken) != 0
        and (not e.registration_required or rules.registration_is_open(e, now))
    ]
    found: list[Alternative] = []
    same_series = [e for e in candidates if event.series_id and e.series_id == event.series_id]
    if same_series:
        found.append(Alternative(same_series[0], None, next_date=True))
    others = [e for e in candidates if e.hub_id != event.hub_id and e not in same_series]
    by_hub: dict = {}  # the soonest event at each other hub
    for e in others:
        by_hub.setdefault(e.hub, e)
    online = by_hub.pop(None, None)
    for hub, km in nearest_first(event.hub, by_hub):
        found.append(Alternative(by_hub[hub], km, next_date=False))
    if online is not None:
        found.append(Alternative(online, None, next_date=False))
    return found[:ALTERNATIVES]


def event_archive(*, page: str | None, now: datetime | None = None):
    return _marked(Paginator(_base().past(now).with_counts(), PAGE_SIZE).get_page(page))


def event_detail(*, pk: int) -> Event:
    return with_hub_closures([get_object_or_404(_base().with_counts(), pk=pk)])[0]


def upcoming_for_hub(*, hub, limit: int = 5, now: datetime | None = None) -> list[Event]:
    return with_hub_closures(_base().filter(hub=hub).upcoming(now).with_counts()[:limit])


def feed_events(*, hub=None, kind: str | None = None, now: datetime | None = None):
    """Published and cancelled events from 90 days back on, for calendar feeds."""
    now = now or timezone.now()
    qs = _base().filter(end__gte=now - timedelta(days=FEED_PAST_DAYS))
    if hub is not None:
        qs = qs.filter(hub=hub)
    if kind is not None:
        qs = qs.filter(kind=kind)
    return qs.order_by("start", "pk")


def registrations_of(*, person, now: datetime | None = None):
    """A person's registrations: (upcoming, cancelled, past). Cancelled are those
    upcoming ones that no longer stand (the registration or the event is cancelled)."""
    now = now or timezone.now()
    qs = Registration.objects.filter(person=person).select_related("event__hub")
    upcoming = list(qs.filter(event__end__gt=now).order_by("event__start", "pk"))
    past = qs.filter(event__end__lte=now).order_by("-event__start", "-pk")
    cancelled = [r for r in upcoming if not r.is_active or r.event.is_cancelled]
    return [r for r in upcoming if r not in cancelled], cancelled, list(past)


# From this many active registrations for one event, one connection or one mail
# domain shows in the cockpit, for staff to look at and release.
BURST_MIN = 5


@dataclass(frozen=True)
class Burst:
    """Many registrations for one event from one connection or one mail domain."""

    event: Event
    kind: str  # "source" (one connection, hashed) or "domain"
    value: str
    count: int


def registration_bursts(*, hub_ids, now: datetime) -> dict[int, list[Burst]]:
    """The hubs' coming events' bursts, by hub: three queries, however many."""
    active = Registration.objects.active().filter(event__hub__in=hub_ids, event__start__gt=now)
    by_source = (
        active.exclude(source="")
        .values_list("event", "source")
        .annotate(n=Count("pk"))
        .filter(n__gte=BURST_MIN)
    )
    by_domain = (
        active.annotate(domain=email_domain())
        .exclude(domain__in=FREE_MAIL_DOMAINS)
        .exclude(email="")
        .values_list("event", "domain")
        .annotate(n=Count("pk"))
        .filter(n__gte=BURST_MIN)
    )
    groups = [("source", *row) for row in by_source] + [("domain", *row) for row in by_domain]
    events = Event.objects.in_bulk({event for _, event, _, _ in groups})
    found: dict[int, list[Burst]] = {}
    for kind, event, value, count in sorted(groups, key=lambda g: (-g[3], g[1])):
        burst = Burst(events[event], kind, value, count)
        found.setdefault(burst.event.hub_id, []).append(burst)
    return found
