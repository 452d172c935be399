"""The outbox: stored with the action, delivered once, retried when SMTP fails."""

from datetime import time, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from coworking import services as coworking
from hubportal.timeranges import local_datetime
from hubs import services as hub_services
from notifications import services
from notifications.models import Message
from tests.factories import (
    HubFactory,
    MemberProfileFactory,
    MessageFactory,
    OpeningHoursFactory,
    UserFactory,
    WorkspaceFactory,
    with_second_factor,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def desk(db):
    hub = HubFactory(slug="oldenburg", state="SH")
    for weekday in range(7):
        OpeningHoursFactory(hub=hub, weekday=weekday, opens=time(8), closes=time(18))
    return WorkspaceFactory(hub=hub, name="Schreibtisch 1")


@pytest.fixture
def member(db):
    user = UserFactory(email="greta@example.org", name="Greta")
    MemberProfileFactory(user=user, group="startup")
    return user


def book(desk, member, days=3, hh=9):
    day = timezone.localdate() + timedelta(days=days)
    return coworking.booking_create(
        workspace=desk,
        person=member,
        start=local_datetime(day, time(hh)),
        end=local_datetime(day, time(hh + 2)),
    )


def test_booking_confirmation_reaches_smtp_with_text_html_ics_and_cancel_link(
    smtp_sink, desk, member
):
    book(desk, member)
    (mail,) = smtp_sink.messages
    assert mail["To"] == "greta@example.org"
    assert "Buchung bestätigt" in mail["Subject"]
    parts = {p.get_content_type(): p for p in mail.walk()}
    assert {"text/plain", "text/html", "text/calendar"} <= set(parts)
    text = parts["text/plain"].get_content()
    assert "/coworking/cancel/" in text and "Schreibtisch 1" in text
    assert "<h1" in parts["text/html"].get_content()
    message = Message.objects.get()
    assert message.status == Message.Status.SENT and message.hub == desk.hub
    assert mail["Message-ID"] == f"<outbox-{message.pk}@127.0.0.1>"


def test_a_message_is_delivered_once_however_often_the_task_runs(smtp_sink, desk, member):
    book(desk, member)
    message = Message.objects.get()
    assert services.message_deliver(message.pk) == "not claimed"
    assert len(smtp_sink.messages) == 1


def stuck_message(**fields):
    """A message a worker claimed and then died with (status "sending")."""
    fields = {"claimed_at": timezone.now(), **fields}
    return MessageFactory(
        status=Message.Status.SENDING,
        attempts=1,
        **fields,
    )


def test_a_message_left_sending_is_sent_once_more_with_the_same_message_id(smtp_sink, settings):
    settings.OUTBOX_STUCK_MINUTES = 15
    message = stuck_message()
    assert services.message_deliver(message.pk) == "not claimed"
    assert services.outbox_flush(now=timezone.now() + timedelta(minutes=10)) == 0
    assert smtp_sink.messages == []  # not yet stuck: the worker may still be at it

    assert services.outbox_flush(now=timezone.now() + timedelta(minutes=16)) == 1
    (mail,) = smtp_sink.messages
    assert mail["Message-ID"] == f"<outbox-{message.pk}@127.0.0.1>"
    message.refresh_from_db()
    assert message.status == Message.Status.SENT and message.stuck_retried_at


def test_a_message_stuck_twice_waits_for_staff(smtp_sink, client, superuser):
    message = stuck_message(stuck_retried_at=timezone.now())
    later = timezone.now() + timedelta(hours=2)
    assert services.outbox_flush(now=later) == 0
    assert smtp_sink.messages == []
    with time_machine.travel(later):
        client.force_login(superuser)
        page = client.get(reverse("admin:notifications_message_changelist") + "?stuck=yes")
    assert page.status_code == 200 and message.recipient in page.text


def test_staff_can_say_a_stuck_message_is_not_sent_again(smtp_sink, client, superuser):
    message = stuck_message()
    client.force_login(superuser)
    client.post(
        reverse("admin:notifications_message_changelist"),
        {"action": "do_not_retry", "_selected_action": [message.pk]},
    )
    assert services.outbox_flush(now=timezone.now() + timedelta(hours=1)) == 0
    assert smtp_sink.messages == []


def test_smtp_down_then_back_the_email_is_retried_and_arrives(settings, desk, member):
    from tests.smtp import SmtpSink, free_port

    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 3
    book(desk, member)  # nothing listens on the port: the booking still succeeds
    message = Message.objects.get()
    assert message.status == Message.Status.FAILED
    assert "ConnectionRefused" in message.last_error and message.next_attempt_at
    sink = SmtpSink(port).start()
    try:
        assert services.outbox_flush() == 0  # not due yet: backoff
        with time_machine.travel(message.next_attempt_at):
            assert services.outbox_flush() == 1
    finally:
        sink.stop()
    message.refresh_from_db()
    assert message.status == Message.Status.SENT and message.attempts == 2
    assert len(sink.messages) == 1


def test_failures_back_off_and_finally_give_up(settings):
    from tests.smtp import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    message = MessageFactory()
    now = timezone.now()
    delays = []
    for _ in range(services.MAX_ATTEMPTS):
        assert services.message_deliver(message.pk, now=now) == "failed"
        message.refresh_from_db()
        if message.status == Message.Status.GAVE_UP:
            break
        delays.append(message.next_attempt_at - now)
        now = message.next_attempt_at
    assert message.status == Message.Status.GAVE_UP
    assert delays[:4] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert max(delays) == timedelta(hours=1)


def test_broker_down_at_commit_is_no_500_and_the_flush_sends_later(
    client, smtp_sink, desk, member, monkeypatch
):
    from notifications import tasks

    def broker_down(*args, **kwargs):
        raise ConnectionError("redis is away")

    monkeypatch.setattr(tasks.message_deliver, "delay", broker_down)
    booking = book(desk, member)
    assert booking.pk and Message.objects.get().status == Message.Status.QUEUED
    monkeypatch.undo()
    with time_machine.travel(timezone.now() + timedelta(minutes=3)):
        assert services.outbox_flush() == 1
    assert len(smtp_sink.messages) == 1


def test_nothing_is_stored_when_the_action_rolls_back(smtp_sink, desk, member):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        book(desk, member)
        raise RuntimeError("something later failed")
    assert not Message.objects.exists() and smtp_sink.messages == []


def test_outbox_admin_is_scoped_and_resends(client, smtp_sink, desk, member):
    book(desk, member)
    other = HubFactory(slug="wilster")
    MessageFactory(hub=other, subject="Fremd", status=Message.Status.SENT)
    staff = UserFactory()
    hub_services.hub_staff_add(hub=desk.hub, user=staff)
    with_second_factor(staff)
    client.force_login(staff)
    response = client.get(reverse("admin:notifications_message_changelist"))
    page = response.text
    assert "Buchung bestätigt" in page and "Fremd" not in page
    kinds = [
        choice["display"]
        for spec in response.context["cl"].filter_specs
        if spec.title == "Art"
        for choice in spec.choices(response.context["cl"])
    ]
    assert kinds == ["Alle", "Buchung bestätigt"]  # names, not codes
    mine = Message.objects.get(hub=desk.hub)
    client.post(
        reverse("admin:notifications_message_changelist"),
        {"action": "resend", "_selected_action": [mine.pk]},
    )
    assert len(smtp_sink.messages) == 2
    assert Message.objects.filter(resent_from=mine, status=Message.Status.SENT).exists()


def test_emails_are_written_in_the_recipients_language(smtp_sink, desk):
    english = UserFactory(email="en@example.org", language="en")
    MemberProfileFactory(user=english, group="company")
    book(desk, english)
    assert "Booking confirmed" in smtp_sink.messages[0]["Subject"]
