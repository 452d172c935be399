"""Last month at the demo hubs, for the statistics page (`manage.py seed_demo`, with
DEBUG on): events that took place with who came, desk bookings and consultations with
their next steps. Einbeck and Oldenburg publish their figures. Safe to rerun: a month
already filled is left alone. Names are invented and marked "(Demo)"."""

from datetime import time, timedelta

from django.utils import timezone

from coworking.models import Booking, Workspace
from events.models import Event, Kind, Registration
from funding.models import Advisor, AmountRange, Appointment, FundingProgramme, Mode, Outcome
from hubportal.timeranges import local_datetime
from hubs.models import Hub

PUBLIC = ["einbeck", "oldenburg-in-holstein"]


def seed_last_month() -> int:
    """Fills the month before this one; returns how many hubs it filled."""
    Hub.objects.filter(slug__in=PUBLIC).update(figures_public=True)
    month = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    days = [
        month + timedelta(days=n) for n in range(28) if (month + timedelta(days=n)).weekday() < 5
    ]
    advisor = Advisor.objects.filter(active=True).first()
    programmes = list(FundingProgramme.objects.filter(active=True)[:2])
    filled = 0
    for number, hub in enumerate(Hub.objects.filter(slug__in=PUBLIC).order_by("slug")):
        title = f"Rückblick {month:%m/%Y} (Demo)"
        if Event.objects.filter(hub=hub, title=title).exists():
            continue
        filled += 1
        _events(hub, title, days, number)
        _bookings(hub, days)
        if advisor:
            _consultations(hub, advisor, programmes, days, number)
    return filled


def _events(hub, title, days, number) -> None:
    for n, day in enumerate(days[2:20:6]):
        start = local_datetime(day, time(18))
        event = Event.objects.create(
            hub=hub,
            title=f"{title} {n + 1}",
            slug=f"rueckblick-{day:%Y-%m-%d}",
            summary="Ein Abend, der schon stattgefunden hat.",
            kind=Kind.THEMED_EVENING,
            start=start,
            end=start + timedelta(hours=2),
            status=Event.Status.PUBLISHED,
            capacity=20,
        )
        if n == 0:  # the first had a long waiting list
            event.title = title
            event.save(update_fields=["title"])
        taken = 14 + 3 * n + number
        Registration.objects.bulk_create(
            Registration(
                event=event,
                name=f"Gast {i + 1} (Demo)",
                email=f"gast{i + 1}.{day:%m%d}@example.org",
                status=Registration.Status.CONFIRMED,
                attendance=(
                    Registration.Attendance.NO_SHOW
                    if i % 6 == 5
                    else Registration.Attendance.ATTENDED
                ),
                created=start - timedelta(days=10),
            )
            for i in range(min(taken, 20))
        )
        if n == 0:
            Registration.objects.bulk_create(
                Registration(
                    event=event,
                    name=f"Wartend {i + 1} (Demo)",
                    email=f"wartend{i + 1}.{day:%m%d}@example.org",
                    status=Registration.Status.WAITLISTED,
                    created=start - timedelta(days=2),
                )
                for i in range(6)
            )


def _bookings(hub, days) -> None:
    desks = list(Workspace.objects.filter(hub=hub, active=True, kind=Workspace.Kind.DESK))
    bookings = []
    for d, day in enumerate(days):
        for w, desk in enumerate(desks):
            if (d + w) % 3 == 2:
                continue
            morning = (d + w) % 2 == 0
            start = local_datetime(day, time(9) if morning else time(13))
            bookings.append(
                Booking(
                    workspace=desk,
                    name="Mitglied (Demo)",
                    status=Booking.Status.CHECKED_IN,
                    start=start,
                    end=start + timedelta(hours=4 if morning else 3),
                )
            )
    Booking.objects.bulk_create(bookings)


def _consultations(hub, advisor, programmes, days, number) -> None:
    outcomes = [Outcome.APPLIED] * 6 + [Outcome.GRANTED] * 5 + [Outcome.NOT_PURSUED] * 2
    amounts = [AmountRange.UP_TO_50K, AmountRange.UP_TO_250K]
    for i, outcome in enumerate(outcomes[: 13 - number]):
        start = local_datetime(days[i % len(days)], time(8 + 5 * number + i % 4))
        Appointment.objects.create(
            advisor=advisor,
            hub=hub,
            mode=Mode.ON_SITE,
            start=start,
            end=start + timedelta(minutes=45),
            name="Kommune (Demo)",
            organisation="Gemeinde (Demo)",
            question="Welche Förderung passt?",
            topic=programmes[i % 2].topic if programmes else None,
            status=Appointment.Status.DONE,
            outcome=outcome,
            outcome_programme=programmes[i % 2] if programmes else None,
            outcome_amount="" if outcome == Outcome.NOT_PURSUED else amounts[i % 2],
            outcome_at=start + timedelta(days=14),
        )
