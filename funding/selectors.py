"""Reads for the funding pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from hubs.geo import nearest_first
from hubs.models import Hub

from .models import Advisor, Appointment, AvailabilityWindow, FundingProgramme, Mode, Topic
from .slots import Slot, advisors_for, first_free_by_place, free_slots

SEARCH_DAYS = 28


def place_choices() -> list[tuple[str, str]]:
    """Where advice can be had: hubs with on-site windows, then video and phone."""
    hubs = Hub.objects.active().filter(advisor_windows__advisor__active=True).distinct()
    return [(f"hub:{h.slug}", _("On site: %(hub)s") % {"hub": h.name}) for h in hubs] + [
        (Mode.VIDEO, str(Mode.VIDEO.label)),
        (Mode.PHONE, str(Mode.PHONE.label)),
    ]


def parse_place(value: str) -> tuple[str, Hub | None]:
    """("on_site", hub) for "hub:<slug>", else (mode, None)."""
    if value.startswith("hub:"):
        return Mode.ON_SITE, get_object_or_404(Hub.objects.active(), slug=value[4:])
    if value in (Mode.VIDEO, Mode.PHONE):
        return value, None
    raise ValueError(value)


def slot_search(*, place: str, topic: Topic | None, minutes: int, now: datetime | None = None):
    """Free slots for the next four weeks, grouped by day: [(date, [Slot, ...]), ...]."""
    now = now or timezone.now()
    mode, hub = parse_place(place)
    advisors = advisors_for(topic=topic, hub=hub, remote=hub is None)
    slots = free_slots(
        advisors=advisors,
        length=minutes,
        first_day=timezone.localdate(now),
        days=SEARCH_DAYS,
        hub=hub,
        now=now,
    )
    days: dict = {}
    for slot in slots:
        days.setdefault(timezone.localtime(slot.start).date(), []).append(slot)
    return mode, hub, list(days.items())


@dataclass
class PlaceNearby:
    hub: Hub | None  # None: by video or phone
    km: float | None
    slot: Slot  # the first free one there


def alternatives_nearby(
    *, hub: Hub | None, topic: Topic | None, minutes: int, now: datetime | None = None, limit=3
) -> list[PlaceNearby]:
    """When a search finds nothing: the first free slot at the other hubs, nearest
    first, then by video or phone. As many queries as one search."""
    now = now or timezone.now()
    first = first_free_by_place(
        advisors=advisors_for(topic=topic),
        length=minutes,
        first_day=timezone.localdate(now),
        days=SEARCH_DAYS,
        now=now,
    )
    others = [h for h in first if h is not None and h != hub and h.active]
    nearby = [PlaceNearby(h, km, first[h]) for h, km in nearest_first(hub, others)][:limit]
    if hub is not None and None in first:
        nearby.append(PlaceNearby(None, None, first[None]))
    return nearby


@dataclass
class AdvisorPlace:
    """Where an advisor takes appointments, and on which weekdays: a hub, or remote."""

    hub: Hub | None  # None: by video or phone
    weekdays: list[str]


def advisors_public() -> list[Advisor]:
    """The advisors as the public sees them: name, organisation, topics, photo, and
    `places`: where they really have slots, from their weekly windows (not from the
    hubs they are linked to, which may have no window yet)."""
    advisors = list(
        Advisor.objects.filter(active=True)
        .select_related("organisation")
        .prefetch_related(
            "topics",
            Prefetch(
                "windows",
                queryset=AvailabilityWindow.objects.filter(
                    Q(hub__isnull=True) | Q(hub__active=True)
                )
                .select_related("hub")
                .order_by("weekday", "starts"),
            ),
        )
        .defer("photo")
        .order_by("public_name")
    )
    for advisor in advisors:
        places: dict[int | None, AdvisorPlace] = {}
        for window in advisor.windows.all():
            place = places.setdefault(window.hub_id, AdvisorPlace(window.hub, []))
            day = window.get_weekday_display()
            if day not in place.weekdays:
                place.weekdays.append(day)
        # Hubs first (by town), then remote.
        advisor.places = sorted(
            places.values(), key=lambda p: (p.hub is None, p.hub.town if p.hub else "")
        )
    return advisors


def programmes(*, funder: str | None = None, topic: str | None = None):
    qs = FundingProgramme.objects.filter(active=True).select_related("topic")
    if funder:
        qs = qs.filter(funder=funder)
    if topic:
        qs = qs.filter(topic__slug=topic)
    return qs.order_by("deadline", "name")


def programme_public(*, pk: int) -> FundingProgramme:
    return get_object_or_404(FundingProgramme.objects.select_related("topic"), pk=pk, active=True)


def programme_from(value: str) -> FundingProgramme | None:
    """The shown programme a link names (`?programme=<pk>`), or None if it names none."""
    if not value.isdigit():
        return None
    return FundingProgramme.objects.filter(pk=int(value), active=True).first()


def appointments_of(*, person, now: datetime | None = None):
    now = now or timezone.now()
    qs = Appointment.objects.filter(person=person).select_related("advisor", "hub", "topic")
    return (
        list(qs.filter(end__gt=now).order_by("start")),
        list(qs.filter(end__lte=now).order_by("-start")[:30]),
    )


def advisor_agenda(*, advisor, now: datetime | None = None) -> dict:
    """An advisor's day and week: open requests first, then today, this week, to finish."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    qs = advisor.appointments.select_related("hub", "programme", "topic")
    week_end = now + timedelta(days=7)
    upcoming = list(qs.active().filter(end__gt=now, start__lt=week_end + timedelta(days=90)))
    return {
        "requests": [a for a in upcoming if a.status == Appointment.Status.REQUESTED],
        "today": [
            a
            for a in upcoming
            if timezone.localtime(a.start).date() == today
            and a.status == Appointment.Status.CONFIRMED
        ],
        "week": [
            a
            for a in upcoming
            if timezone.localtime(a.start).date() != today
            and a.start < week_end
            and a.status == Appointment.Status.CONFIRMED
        ],
        "later": [
            a for a in upcoming if a.start >= week_end and a.status == Appointment.Status.CONFIRMED
        ],
        "to_finish": list(
            qs.filter(
                status=Appointment.Status.CONFIRMED, end__lte=now, end__gt=now - timedelta(days=30)
            ).order_by("start")
        ),
    }
