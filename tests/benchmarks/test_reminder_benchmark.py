"""Benchmarks for the reminder path (PostgreSQL + Redis; RUN_BENCHMARKS=1).

1. The sweep's "what is due?" queries over 100,000 bookings and registrations answer in
   well under a second, and their plans use an index.
2. 5,000 reminders go through one real celery worker to an SMTP sink; the rate is
   printed (run pytest with -s to see it).
"""

import os
import time as clock
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from coworking.models import Booking, Workspace
from events.models import Event, Registration
from notifications import reminders
from notifications.models import Message
from tests.factories import HubFactory
from tests.integration.workers import celery_workers
from tests.smtp import SmtpSink

pytestmark = [
    pytest.mark.benchmark,
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(os.environ.get("RUN_BENCHMARKS") != "1", reason="set RUN_BENCHMARKS=1"),
]


def report(line: str) -> None:
    print(f"\nBENCHMARK {line}", flush=True)  # noqa: T201


def fill(now):
    hub = HubFactory(slug="bench")
    workspaces = Workspace.objects.bulk_create(
        Workspace(hub=hub, name=f"Platz {n}") for n in range(50)
    )
    rows = []
    for n in range(50_000):  # a year of bookings, one every ~10 minutes across 50 desks
        start = now + timedelta(minutes=10 * n - 60 * 24 * 30)
        rows.append(
            Booking(
                workspace=workspaces[n % 50],
                name="x",
                email=f"b{n}@example.org",
                status="confirmed" if n % 7 else "cancelled",
                start=start,
                end=start + timedelta(hours=1),
                created=now - timedelta(days=60),
            )
        )
    Booking.objects.bulk_create(rows, batch_size=5000)
    events = Event.objects.bulk_create(
        Event(
            hub=hub,
            title=f"E{n}",
            slug=f"e{n}",
            summary="x",
            kind="workshop",
            start=now + timedelta(hours=8 * n - 24 * 30),
            status="published",
            end=now + timedelta(hours=8 * n - 24 * 30 + 2),
        )
        for n in range(1000)
    )
    regs = [
        Registration(
            event=events[n % 1000],
            name="x",
            email=f"r{n}@example.org",
            status="confirmed",
            created=now - timedelta(days=60),
            email_confirmed_at=now - timedelta(days=60),
        )
        for n in range(50_000)
    ]
    Registration.objects.bulk_create(regs, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def explain(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_sweep_finds_due_items_among_100000_in_well_under_a_second():
    if connection.vendor != "postgresql":
        pytest.skip("the benchmark is for PostgreSQL")
    now = timezone.now()
    fill(now)
    assert Booking.objects.count() + Registration.objects.count() == 100_000
    total = 0.0
    found = 0
    for source in (reminders.SOURCES["booking"], reminders.SOURCES["registration"]):
        queryset = source.candidates(now, now + timedelta(hours=24))
        started = clock.perf_counter()
        items = list(queryset)
        elapsed = clock.perf_counter() - started
        total += elapsed
        found += len(items)
        plan = explain(queryset)
        report(f"{source.name}: {len(items)} due of 100,000 in {elapsed * 1000:.1f} ms")
        report(f"{source.name} plan:\n{plan}")
        assert "Index" in plan, plan
        for table in (queryset.model._meta.db_table, "events_event"):
            assert f"Seq Scan on {table}" not in plan, plan
    report(f"sweep queries in total: {total * 1000:.1f} ms for {found} due items")
    assert found > 0 and total < 0.5


def test_5000_reminders_through_one_worker_to_the_smtp_sink():
    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        pytest.skip("needs PostgreSQL and Redis")
    from notifications.tasks import message_deliver

    sink = SmtpSink().start()
    try:
        with celery_workers(1, smtp_port=sink.port, prefix="bench"):
            messages = Message.objects.bulk_create(
                Message(
                    kind="reminder.bench",
                    recipient=f"p{n}@example.org",
                    subject=f"R {n}",
                    body_text="Erinnerung",
                    body_html="<p>Erinnerung</p>",
                )
                for n in range(5000)
            )
            started = clock.perf_counter()
            for message in messages:
                message_deliver.delay(message.pk)
            while len(sink.messages) < 5000:
                assert clock.perf_counter() - started < 600, f"{len(sink.messages)} arrived"
                clock.sleep(0.5)
            elapsed = clock.perf_counter() - started
    finally:
        sink.stop()
    report(
        f"5000 reminders via one worker to SMTP in {elapsed:.1f} s = {5000 / elapsed:.0f} emails/s"
    )
    assert len({str(m["Message-ID"]) for m in sink.messages}) == 5000
    assert Message.objects.filter(status="sent").count() == 5000
