"""A data set the size of a state's whole network, for `make bench`: 50 more hubs,
20,000 events with 200,000 registrations, 300 workspaces with 200,000 bookings, 30
advisors with 50,000 appointments (at --scale 1). Past and future alike, so lists,
archives and grids meet the sizes they will meet in a few years. Run after
seed_demo; written with bulk inserts, with a progress bar on stderr."""

import random
import secrets
import sys
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from coworking.models import Booking, Workspace
from events.models import Event, Kind, Registration
from funding.models import Advisor, Appointment, Mode
from hubs.models import Hub, Organisation

BATCH = 5000


class Progress:
    """`label [#####     ] 52 %`, redrawn in place."""

    def __init__(self, label: str, total: int):
        self.label, self.total, self.done = label, max(total, 1), 0

    def step(self, n: int) -> None:
        self.done += n
        filled = 30 * self.done // self.total
        sys.stderr.write(
            f"\r{self.label:<14} [{'#' * filled}{' ' * (30 - filled)}] "
            f"{100 * self.done // self.total:3d} % ({self.done:,})"
        )
        if self.done >= self.total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def insert(label: str, model, rows) -> list:
    """bulk_create `rows` (a list) in batches, with a progress bar."""
    bar, made = Progress(label, len(rows)), []
    for i in range(0, len(rows), BATCH):
        with transaction.atomic():
            made += model.objects.bulk_create(rows[i : i + BATCH])
        bar.step(len(rows[i : i + BATCH]))
    return made


class Command(BaseCommand):
    help = "Load a network-sized data set for benchmarks (after seed_demo)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1 = the full size")

    def handle(self, *args, scale, **options):
        rng = random.Random(14)  # noqa: S311 (test data, not secrets)
        n = lambda full: max(1, int(full * scale))  # noqa: E731
        now = timezone.now().replace(minute=0, second=0, microsecond=0)
        hubs = _hubs(rng, n)
        _events(hubs, rng, n, now)
        _bookings(hubs, n, now)
        _appointments(n, now)
        self.stdout.write("Benchmark data loaded.")


def _hubs(rng, n) -> list[Hub]:
    hubs = insert(
        "hubs",
        Hub,
        [
            Hub(
                name=f"Digital Hub Bench {i}",
                slug=f"bench-{i}",
                town=f"Benchstadt {i}",
                state=rng.choice(["NI", "SH"]),
                street="Marktplatz 1",
                postal_code="24100",
                short_description="Ein Hub für Messungen.",
                short_description_de="Ein Hub für Messungen.",
            )
            for i in range(n(50))
        ],
    )
    hubs += list(Hub.objects.exclude(slug__startswith="bench-"))  # the demo's too
    return hubs


def _events(hubs, rng, n, now) -> None:
    kinds = list(Kind.values)
    events = insert(
        "events",
        Event,
        [
            Event(
                hub=hubs[i % len(hubs)],
                title=f"Veranstaltung {i}",
                title_de=f"Veranstaltung {i}",
                slug=f"veranstaltung-{i}",
                summary="Zum Messen.",
                summary_de="Zum Messen.",
                kind=kinds[i % len(kinds)],
                start=(start := now + timedelta(hours=rng.randint(-24 * 700, 24 * 120))),
                end=start + timedelta(hours=2),
                status=Event.Status.PUBLISHED,
                capacity=rng.choice([10, 20, 40, None]),
            )
            for i in range(n(20000))
        ],
    )
    insert(
        "registrations",
        Registration,
        [
            Registration(
                event=events[i % len(events)],
                name=f"Gast {i}",
                email=f"gast{i}@bench.example",
                status=Registration.Status.CONFIRMED,
                email_confirmed_at=now,
            )
            for i in range(n(200000))
        ],
    )


def _bookings(hubs, n, now) -> None:
    workspaces = insert(
        "workspaces",
        Workspace,
        [Workspace(hub=hubs[i % len(hubs)], name=f"Platz {i}") for i in range(n(300))],
    )
    per_workspace = n(200000) // len(workspaces) + 1
    insert(
        "bookings",
        Booking,
        [
            Booking(
                workspace=w,
                name=f"Buchende {j}",
                status=Booking.Status.CONFIRMED,
                start=(start := now + timedelta(hours=4 * (j - per_workspace // 2))),
                end=start + timedelta(hours=3),
            )
            for w in workspaces
            for j in range(per_workspace)
        ][: n(200000)],
    )


def _appointments(n, now) -> None:
    organisation = Organisation.objects.filter(name="dataport.kommunal").first()
    organisation = organisation or Organisation.objects.create(
        name="dataport.kommunal", slug="dataport-kommunal"
    )
    users = insert(
        "advisor users",
        get_user_model(),
        [
            get_user_model()(email=f"berater{i}@bench.example", name=f"Beratung {i}")
            for i in range(n(30))
        ],
    )
    advisors = insert(
        "advisors",
        Advisor,
        [
            # bulk inserts skip save(), which draws the calendar feed's secret
            Advisor(
                user=u,
                public_name=u.name,
                organisation=organisation,
                feed_token=secrets.token_urlsafe(32),
            )
            for u in users
        ],
    )
    per_advisor = n(50000) // len(advisors) + 1
    insert(
        "appointments",
        Appointment,
        [
            Appointment(
                advisor=a,
                mode=Mode.VIDEO,
                start=(start := now + timedelta(hours=3 * (j - per_advisor // 2))),
                end=start + timedelta(hours=1),
                name=f"Ratsuchende {j}",
                email=f"rat{j}@bench.example",
                organisation="Gemeinde",
                question="Welche Förderung?",
                status=Appointment.Status.CONFIRMED,
            )
            for a in advisors
            for j in range(per_advisor)
        ][: n(50000)],
    )
