"""Reminders: due once, never for cancelled items, at the new time for moved ones."""

import dataclasses
from datetime import UTC, date, datetime, time, timedelta
from unittest import mock

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from events.models import Registration
from funding.models import Mode
from hubportal.timeranges import local_datetime
from notifications import reminders, services
from notifications.models import HubReminder, Message, Reminder
from notifications.sources import SOURCES
from tests.factories import (
    AdvisorFactory,
    AppointmentFactory,
    BookingFactory,
    EventFactory,
    HubFactory,
    OrganisationFactory,
    RegistrationFactory,
    UserFactory,
    WorkspaceFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

# Everything below happens around Tuesday 24 November 2026, 10:00 Berlin.
TUESDAY_10 = local_datetime(date(2026, 11, 24), time(10))
LONG_AGO = datetime(2026, 11, 1, tzinfo=UTC)


@pytest.fixture
def hub(db):
    return HubFactory(slug="oldenburg", name="Digital Hub Oldenburg", state="SH")


@pytest.fixture
def desk(hub):
    return WorkspaceFactory(hub=hub, name="Schreibtisch 1")


def booking(desk, start, status="confirmed", created=LONG_AGO, person=None):
    return BookingFactory(
        workspace=desk,
        person=person,
        name="Greta",
        email="greta@example.org",
        status=status,
        start=start,
        end=start + timedelta(hours=2),
        created=created,
    )


def sweep_at(moment) -> int:
    with time_machine.travel(moment, tick=False):
        return reminders.reminders_queue_due()


def sent(smtp_sink, word="Erinnerung"):
    return [m for m in smtp_sink.messages if word in str(m["Subject"])]


def test_booking_gets_one_reminder_24_hours_before(smtp_sink, desk):
    booking(desk, TUESDAY_10)
    assert sweep_at(TUESDAY_10 - timedelta(hours=25)) == 0  # not yet
    assert sweep_at(TUESDAY_10 - timedelta(hours=23, minutes=59)) == 1
    assert sweep_at(TUESDAY_10 - timedelta(hours=23)) == 0  # already claimed
    (mail,) = sent(smtp_sink)
    assert "Schreibtisch 1" in mail["Subject"] and "Di, 24.11., 10:00" in mail["Subject"]
    text = mail.get_body(("plain",)).get_content()
    assert "/coworking/cancel/" in text and "10:00" in text
    assert any(p.get_content_type() == "text/calendar" for p in mail.walk())


def test_two_sweeps_at_once_claim_each_reminder_once(smtp_sink, desk):
    import threading

    from django.db import connection

    for hh in (9, 10, 11, 12):
        booking(
            WorkspaceFactory(hub=desk.hub, name=f"Platz {hh}"),
            local_datetime(date(2026, 11, 24), time(hh)),
        )
    barrier = threading.Barrier(4)
    counts = []

    def run():
        try:
            barrier.wait()
            counts.append(reminders.reminders_queue_due())
        finally:
            connection.close()

    with time_machine.travel(TUESDAY_10 - timedelta(hours=20), tick=False):
        threads = [threading.Thread(target=run) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert sum(counts) == 4 and Reminder.objects.count() == 4
    assert len(sent(smtp_sink)) == 4


def test_cancelled_items_get_no_reminder(smtp_sink, desk):
    booking(desk, TUESDAY_10, status="cancelled")
    assert sweep_at(TUESDAY_10 - timedelta(hours=20)) == 0
    assert sent(smtp_sink) == []


def test_item_cancelled_after_the_sweep_is_not_sent(settings, desk):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CELERY_TASK_ALWAYS_EAGER = False  # nothing delivers until we say so
    from config.celery import app

    app.conf.task_always_eager = False
    item = booking(desk, TUESDAY_10)
    try:
        from unittest import mock

        with mock.patch("notifications.services.enqueue"):
            assert sweep_at(TUESDAY_10 - timedelta(hours=20)) == 1
    finally:
        app.conf.task_always_eager = True
    item.status = "cancelled"
    item.save()
    message = Message.objects.get(kind="reminder.booking")
    assert services.message_deliver(message.pk) == "skipped"


def test_moved_booking_is_reminded_at_its_new_time(smtp_sink, desk):
    item = booking(desk, TUESDAY_10)
    assert sweep_at(TUESDAY_10 - timedelta(hours=20)) == 1
    item.start, item.end = TUESDAY_10 + timedelta(days=1), TUESDAY_10 + timedelta(days=1, hours=2)
    item.save()
    assert sweep_at(TUESDAY_10 - timedelta(hours=19)) == 0  # new time not due yet
    assert sweep_at(TUESDAY_10 + timedelta(hours=1)) == 1
    assert len(sent(smtp_sink)) == 2


def test_item_created_inside_the_window_gets_no_stale_reminder(smtp_sink, desk):
    booking(desk, TUESDAY_10, created=TUESDAY_10 - timedelta(hours=5))
    assert sweep_at(TUESDAY_10 - timedelta(hours=4)) == 0


def test_people_who_turned_reminders_off_get_none(smtp_sink, desk):
    person = UserFactory(reminders_enabled=False)
    booking(desk, TUESDAY_10, person=person)
    assert sweep_at(TUESDAY_10 - timedelta(hours=20)) == 0


def test_hub_chooses_its_reminder_times(smtp_sink, desk, hub):
    HubReminder.objects.create(hub=hub, source="booking", hours="48,3")
    booking(desk, TUESDAY_10)
    assert sweep_at(TUESDAY_10 - timedelta(hours=47)) == 1
    assert sweep_at(TUESDAY_10 - timedelta(hours=20)) == 0  # no 24 h one here
    assert sweep_at(TUESDAY_10 - timedelta(hours=2, minutes=30)) == 1


def test_a_hub_may_turn_one_kind_of_reminder_off(smtp_sink, desk, hub):
    HubReminder.objects.create(hub=hub, source="booking", hours="")
    booking(desk, TUESDAY_10)
    assert sweep_at(TUESDAY_10 - timedelta(hours=20)) == 0


def test_staff_choose_reminder_times_among_the_kinds_the_apps_offer(
    staff_client, einbeck, monkeypatch
):
    """The admin's choice of kinds comes from the registered sources: a new kind of
    reminder appears there without a change to the outbox."""
    new_kind = dataclasses.replace(SOURCES["booking"], name="checkin", label="Einchecken")
    monkeypatch.setitem(SOURCES, "checkin", new_kind)
    page = staff_client.get(reverse("admin:notifications_hubreminder_add"))
    choices = page.context["adminform"].form.fields["source"].choices
    offered = [(name, str(label)) for name, label in choices]
    assert len(offered) == len(SOURCES)
    assert {
        ("registration", "Veranstaltungen"),
        ("booking", "Arbeitsplatz- und Raumbuchungen"),
        ("appointment", "Fördermittelberatung"),
        ("checkin", "Einchecken"),
    } <= set(offered)
    answer = staff_client.post(
        reverse("admin:notifications_hubreminder_add"),
        {"hub": einbeck.pk, "source": "appointment", "hours": "400"},
    )
    assert "Stunden zwischen 1 und 336" in answer.content.decode()
    staff_client.post(
        reverse("admin:notifications_hubreminder_add"),
        {"hub": einbeck.pk, "source": "appointment", "hours": "48, 1"},
    )
    assert HubReminder.objects.get(hub=einbeck).hours == "48, 1"


def test_event_registrations_are_reminded_but_not_unconfirmed_guests(smtp_sink, hub):
    event = EventFactory(
        hub=hub, title="Themenabend KI", start=TUESDAY_10, end=TUESDAY_10 + timedelta(hours=2)
    )
    RegistrationFactory(event=event, email="da@example.org", created=LONG_AGO)
    RegistrationFactory(
        event=event,
        email="gast@example.org",
        created=LONG_AGO,
        email_confirmed_at=None,
        expires_at=TUESDAY_10,
    )
    RegistrationFactory(
        event=event,
        email="warte@example.org",
        created=LONG_AGO,
        status=Registration.Status.WAITLISTED,
    )
    assert sweep_at(TUESDAY_10 - timedelta(hours=20)) == 1
    (mail,) = sent(smtp_sink)
    assert mail["To"] == "da@example.org" and "Themenabend KI" in mail["Subject"]


def test_appointments_are_reminded_24_and_2_hours_before(smtp_sink, hub):
    advisor = AdvisorFactory(
        user=UserFactory(), public_name="Dana", organisation=OrganisationFactory()
    )
    AppointmentFactory(
        advisor=advisor,
        mode=Mode.ON_SITE,
        hub=hub,
        start=TUESDAY_10,
        end=TUESDAY_10 + timedelta(hours=1),
        name="Klara",
        email="klara@example.org",
        organisation="Malente",
        question="x",
        status="confirmed",
        created=LONG_AGO,
    )
    assert sweep_at(TUESDAY_10 - timedelta(hours=23)) == 1
    assert sweep_at(TUESDAY_10 - timedelta(hours=3)) == 0
    assert sweep_at(TUESDAY_10 - timedelta(hours=1, minutes=59)) == 1
    assert [str(m["Subject"]).strip() for m in sent(smtp_sink)] == [
        "Erinnerung: Fördermittelberatung am Di, 24.11., 10:00"
    ] * 2


def test_command_does_one_sweep(smtp_sink, desk):
    booking(desk, TUESDAY_10)
    with time_machine.travel(TUESDAY_10 - timedelta(hours=20), tick=False):
        call_command("reminders_send_due")
    assert len(sent(smtp_sink)) == 1


def test_sweep_and_delivery_are_on_the_beat_schedule():
    from config.celery import app

    app.loader.import_default_modules()
    entry = app.conf.beat_schedule["reminders-send-due"]
    assert entry["task"] == "notifications.reminders_send_due" and entry["schedule"] <= 60
    assert {"notifications.reminders_send_due", "notifications.message_deliver"} <= set(app.tasks)


def test_staff_cannot_resend_a_reminder_for_a_cancelled_booking(smtp_sink, desk, client, superuser):
    item = booking(desk, TUESDAY_10)
    assert sweep_at(TUESDAY_10 - timedelta(hours=20)) == 1
    reminder = Message.objects.get(kind="reminder.booking")
    client.force_login(superuser)
    changelist = reverse("admin:notifications_message_changelist")
    with time_machine.travel(TUESDAY_10 - timedelta(hours=19), tick=False):
        client.post(changelist, {"action": "resend", "_selected_action": [reminder.pk]})
        assert len(sent(smtp_sink)) == 2  # still due: sent again

        item.status = "cancelled"
        item.save()
        response = client.post(
            changelist, {"action": "resend", "_selected_action": [reminder.pk]}, follow=True
        )
    assert "nicht erneut gesendet" in response.text
    assert len(sent(smtp_sink)) == 2
    copy = Message.objects.get(resent_from=reminder)
    assert services.message_deliver(copy.pk) == "not claimed"  # sent before the cancel


def test_a_queued_resend_of_a_reminder_is_skipped_when_the_booking_is_cancelled(desk):
    item = booking(desk, TUESDAY_10)
    with mock.patch("notifications.services.enqueue"):
        assert sweep_at(TUESDAY_10 - timedelta(hours=20)) == 1
        copy = services.message_resend(message=Message.objects.get(kind="reminder.booking"))
    item.status = "cancelled"
    item.save()
    assert services.message_deliver(copy.pk) == "skipped"
