"""End to end with the real things: Redis as broker, two `celery worker` processes,
an SMTP server on loopback and the test database. Runs when REDIS_URL is set (CI's
PostgreSQL + Redis run); the embedded set-up has no Redis to test against."""

import time as clock
from datetime import time, timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from coworking import services as coworking
from hubportal.timeranges import local_datetime
from notifications.models import Message
from tests.factories import (
    BookingFactory,
    HubFactory,
    MemberProfileFactory,
    OpeningHoursFactory,
    UserFactory,
    WorkspaceFactory,
)
from tests.smtp import SmtpSink

from .workers import celery_workers

pytestmark = [
    pytest.mark.usefixtures("workers"),
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL (a real Redis)"),
]


@pytest.fixture(scope="module")
def workers(django_db_setup, django_db_blocker, smtp_port):
    """Two real worker processes sharing the test database and Redis."""
    with django_db_blocker.unblock(), celery_workers(2, smtp_port=smtp_port) as names:
        yield names


def wait_for(predicate, seconds=30):
    deadline = clock.monotonic() + seconds
    while clock.monotonic() < deadline:
        if predicate():
            return True
        clock.sleep(0.2)
    return False


@pytest.fixture
def desk():
    hub = HubFactory(slug="oldenburg", state="SH")
    for weekday in range(7):
        OpeningHoursFactory(hub=hub, weekday=weekday, opens=time(0), closes=time(23, 30))
    return WorkspaceFactory(hub=hub, name="Schreibtisch 1")


@pytest.fixture
def member():
    user = UserFactory(email="greta@example.org")
    MemberProfileFactory(user=user, group="startup")
    return user


def in_days(days, hh):
    return local_datetime(timezone.localdate() + timedelta(days=days), time(hh))


def test_a_booking_produces_its_confirmation_in_the_smtp_server(sink, desk, member):
    coworking.booking_create(workspace=desk, person=member, start=in_days(3, 9), end=in_days(3, 11))
    assert wait_for(lambda: len(sink.messages) == 1)
    assert "Buchung bestätigt" in str(sink.messages[0]["Subject"])
    assert wait_for(lambda: Message.objects.filter(status="sent").count() == 1)


def test_two_sweeps_on_two_workers_send_each_reminder_exactly_once(sink, desk):
    from notifications.tasks import reminders_send_due

    now = timezone.now()
    long_ago = now - timedelta(days=7)
    for n in range(10):  # due now: they start in 20 hours, booked a week ago
        BookingFactory(
            workspace=WorkspaceFactory(hub=desk.hub, name=f"P{n}"),
            name=f"Person {n}",
            email=f"p{n}@example.org",
            start=now + timedelta(hours=20),
            end=now + timedelta(hours=22),
            created=long_ago,
        )
    BookingFactory(
        workspace=desk,
        name="Storniert",
        email="storno@example.org",
        status="cancelled",
        start=now + timedelta(hours=20),
        end=now + timedelta(hours=22),
        created=long_ago,
    )
    results = [reminders_send_due.delay(), reminders_send_due.delay()]
    assert wait_for(lambda: len(sink.messages) >= 10)
    clock.sleep(2)  # give a duplicate every chance to arrive
    recipients = sorted(str(m["To"]) for m in sink.messages)
    assert recipients == sorted(f"p{n}@example.org" for n in range(10))  # once each
    assert "storno@example.org" not in recipients
    assert len({m["Message-ID"] for m in sink.messages}) == 10
    del results


def test_with_smtp_down_the_send_is_retried_and_arrives_when_it_is_back(
    smtp_port, workers, desk, member
):
    from notifications.tasks import reminders_send_due

    coworking.booking_create(workspace=desk, person=member, start=in_days(4, 9), end=in_days(4, 11))
    assert wait_for(lambda: Message.objects.filter(status="failed").exists())
    message = Message.objects.get()
    assert "Connection" in message.last_error
    sink = SmtpSink(smtp_port).start()
    try:
        # Time passes: the retry is due (instead of waiting out the backoff).
        Message.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
        reminders_send_due.delay()
        assert wait_for(lambda: len(sink.messages) == 1)
    finally:
        sink.stop()
    message.refresh_from_db()
    assert message.status == "sent" and message.attempts == 2
