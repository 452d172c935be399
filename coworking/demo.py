"""Demo co-working (`manage.py seed_demo`): Oldenburg i. H. with five desks and a
meeting room (a fact), Einbeck with desks and longer co-working hours (demo)."""

import contextlib
from datetime import time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from hubportal.timeranges import local_datetime
from hubs.models import Hub, Schedule

from . import services
from .models import Booking, BookingPolicy, MemberProfile, Workspace
from .rules import BookingError

MON, TUE, WED, THU, FRI = range(5)


def seed_coworking() -> int:
    hubs = {h.slug: h for h in Hub.objects.filter(slug__in=["einbeck", "oldenburg-in-holstein"])}
    oldenburg, einbeck = hubs.get("oldenburg-in-holstein"), hubs.get("einbeck")
    if oldenburg:
        for n in range(1, 6):
            Workspace.objects.get_or_create(
                hub=oldenburg,
                name=f"Schreibtisch {n}",
                defaults={
                    "kind": Workspace.Kind.DESK,
                    "has_screen": True,
                    "has_docking": n <= 3,
                    "barrier_free": n == 1,
                },
            )
        Workspace.objects.get_or_create(
            hub=oldenburg,
            name="Besprechungsraum",
            defaults={
                "kind": Workspace.Kind.MEETING_ROOM,
                "seats": 8,
                "has_screen": True,
                "has_video": True,
                "barrier_free": True,
            },
        )
        BookingPolicy.objects.get_or_create(
            hub=oldenburg, defaults={"allow_citizen": False, "release_after_minutes": 30}
        )
    if einbeck:
        for n in range(1, 4):
            Workspace.objects.get_or_create(
                hub=einbeck,
                name=f"Arbeitsplatz {n}",
                defaults={"kind": Workspace.Kind.DESK, "has_screen": n != 3},
            )
        BookingPolicy.objects.get_or_create(
            hub=einbeck,
            defaults={
                "allow_citizen": True,
                "first_booking_needs_approval": True,
                "weekly_limit_hours": 16,
            },
        )
        if not einbeck.schedules.filter(kind=Schedule.Kind.COWORKING).exists():
            # Longer than the public hours (demo).
            schedule = Schedule.objects.create(
                hub=einbeck, kind=Schedule.Kind.COWORKING, name="Co-Working"
            )
            for day in (MON, TUE, WED, THU, FRI):
                schedule.intervals.create(weekday=day, opens=time(8), closes=time(18))
    return Workspace.objects.filter(active=True).count()


def seed_member_bookings() -> None:
    """Demo users' co-working profiles and one booking request awaiting approval."""
    users = get_user_model().objects
    citizen = users.filter(email="buerger@demo.example").first()
    if citizen is None:
        return
    MemberProfile.objects.get_or_create(
        user=citizen, defaults={"group": "citizen", "organisation": ""}
    )
    desk = Workspace.objects.filter(hub__slug="einbeck", name="Arbeitsplatz 1").first()
    if desk is None or Booking.objects.filter(person=citizen).exists():
        return
    day = timezone.localdate() + timedelta(days=1)
    while day.weekday() > FRI:
        day += timedelta(days=1)
    # On a holiday the request would be refused: then there is simply no demo request.
    with contextlib.suppress(BookingError):
        services.booking_create(
            workspace=desk,
            person=citizen,
            start=local_datetime(day, time(9)),
            end=local_datetime(day, time(12)),
            purpose="Bewerbung schreiben (Demo)",
        )
