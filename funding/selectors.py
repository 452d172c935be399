"""Reads for the funding pages."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from hubs.models import Hub

from .models import Advisor, Appointment, FundingProgramme, Mode, Topic
from .slots import advisors_for, free_slots

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


def advisors_public():
    """The advisors as the public sees them: name, organisation, topics, hubs, photo."""
    return (
        Advisor.objects.filter(active=True)
        .select_related("organisation")
        .prefetch_related("topics", "hubs")
        .defer("photo")
        .order_by("public_name")
    )


def programmes(*, funder: str | None = None, topic: str | None = None):
    qs = FundingProgramme.objects.filter(active=True).select_related("topic")
    if funder:
        qs = qs.filter(funder=funder)
    if topic:
        qs = qs.filter(topic__slug=topic)
    return qs.order_by("deadline", "name")


def appointments_of(*, person, now: datetime | None = None):
    now = now or timezone.now()
    qs = Appointment.objects.filter(person=person).select_related("advisor", "hub")
    return (
        list(qs.filter(end__gt=now).order_by("start")),
        list(qs.filter(end__lte=now).order_by("-start")[:30]),
    )


def advisor_agenda(*, advisor, now: datetime | None = None) -> dict:
    """An advisor's day and week: open requests first, then today, this week, to finish."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    qs = advisor.appointments.select_related("hub", "programme")
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
