"""One truth in every channel (issue 26): for a registration, a booking and an
appointment in each of their states, the person's page, the email sent, the calendar
file (read by Thunderbird's engine, ical.js), the person's export and, where public,
the API say the same state and the same local time."""

import json
from datetime import UTC, date, timedelta

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.utils import timezone, translation

from coworking import emails as booking_emails
from coworking import services as booking_services
from coworking.models import Booking
from events import services as event_services
from events.models import Registration
from funding import emails as appointment_emails
from funding import services as appointment_services
from funding.models import Appointment
from hubportal.states import state_of
from notifications.models import Message
from tests.clock import at
from tests.consumers import ical_read
from tests.factories import (
    AdvisorFactory,
    AppointmentFactory,
    AvailabilityWindowFactory,
    BookingFactory,
    EventFactory,
    HubFactory,
    RegistrationFactory,
    UserFactory,
    WorkspaceFactory,
)

pytestmark = pytest.mark.django_db
NOW = at(23, 9)  # Monday 23 November 2026, 09:00
# 13:00 in Berlin on a day in December (UTC+1): the export must not say 12:00.
START = at(date(2026, 12, 3), 13)


@pytest.fixture(autouse=True)
def _emails_leave_at_once(monkeypatch):
    """The services are called here as the pages call them, without a request's
    commit: what would be sent after the commit is sent at once."""
    monkeypatch.setattr(transaction, "on_commit", lambda func, *a, **kw: func())


def _latest_email_to(address: str):
    sent = [m for m in mail.outbox if address in m.to]
    assert sent, f"no email to {address}"
    return sent[-1]


def _ics(email) -> bytes | None:
    for name, content, _mimetype in email.attachments:
        if name.endswith(".ics"):
            return content if isinstance(content, bytes) else content.encode()
    return None


def _export(client) -> dict:
    return json.loads(client.get("/accounts/profile/data.json").content)


# The last calendar file each item's emails carried: (UID, SEQUENCE).
_FILES: dict[tuple, tuple] = {}


@pytest.fixture(autouse=True)
def _no_files_yet():
    _FILES.clear()


def assert_one_truth(client, item, *, code, ical, page_url, export_key, email=True):
    """Page, email, calendar file and export agree with each other and with `code`
    and `ical` (None: no calendar entry), and all say the same local time."""
    item.refresh_from_db()
    state = state_of(item)
    assert state.code == code
    with translation.override("de"):
        label = state.label
    start = item.event.start if isinstance(item, Registration) else item.start
    local = timezone.localtime(start)
    clock = f"{local:%H:%M}"
    page = client.get(page_url).text
    assert label in page, (code, "page")
    assert clock in page, (code, "page time")
    if email:
        message = _latest_email_to(item.email)
        assert f"Status: {label}" in message.body, (code, "email")
        assert clock in message.body, (code, "email time")
        file = _ics(message)
        if ical is None:
            assert file is None, (code, "a calendar file for no calendar entry")
        else:
            read = ical_read(file)  # Thunderbird's engine
            (vevent,) = read["events"]
            assert vevent["status"] == ical, (code, "calendar file")
            assert vevent["start"] == start.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            key = (type(item), item.pk)
            if ical == "CANCELLED":
                assert read["method"] == "CANCEL"
                if key in _FILES:  # cancels the entry an earlier file made
                    uid, sequence = _FILES[key]
                    assert vevent["uid"] == uid and vevent["sequence"] > sequence
            _FILES[key] = (vevent["uid"], vevent["sequence"])
    entries = [e for e in _export(client)[export_key] if e.get("status") == code]
    assert entries, (code, "export")
    assert entries[0]["status_text"] == label
    assert entries[0]["start"] == local.isoformat()
    assert entries[0]["start"].endswith("+01:00")


@time_machine.travel(NOW, tick=False)
def test_a_booking_says_the_same_state_in_every_channel(client):
    person = UserFactory(email="bea@example.org")
    client.force_login(person)
    desk = WorkspaceFactory(hub=HubFactory(slug="einbeck"))
    booking = BookingFactory(workspace=desk, person=person, email=person.email,
                             status=Booking.Status.PENDING, start=START,
                             end=START + timedelta(hours=3))  # fmt: skip
    booking_emails.booking_received(booking.pk)
    url = f"/coworking/booking/{booking.pk}/"
    check = {"page_url": url, "export_key": "coworking"}
    assert_one_truth(client, booking, code="pending", ical="TENTATIVE", **check)
    booking_services.booking_approve(booking=booking)
    assert_one_truth(client, booking, code="confirmed", ical="CONFIRMED", **check)
    booking_services.booking_cancel(booking=booking, by_staff=True, reason="Wasserschaden")
    assert_one_truth(client, booking, code="cancelled", ical="CANCELLED", **check)
    assert "Wasserschaden" in _latest_email_to(person.email).body
    declined = BookingFactory(workspace=desk, person=person, email=person.email,
                              status=Booking.Status.PENDING, start=START + timedelta(days=1),
                              end=START + timedelta(days=1, hours=2))  # fmt: skip
    booking_services.booking_decline(booking=declined, reason="Nur für Mitglieder")
    url = f"/coworking/booking/{declined.pk}/"
    assert_one_truth(client, declined, code="declined", ical="CANCELLED", page_url=url,
                     export_key="coworking")  # fmt: skip


@time_machine.travel(NOW, tick=False)
def test_an_appointment_says_the_same_state_in_every_channel(client):
    person = UserFactory(email="emil@malente.example")
    client.force_login(person)
    advisor = AdvisorFactory()
    for weekday in (3, 4):  # Thursday and Friday, 09:00-15:00, by video
        AvailabilityWindowFactory(advisor=advisor, weekday=weekday)
    item = AppointmentFactory(advisor=advisor, person=person, email=person.email,
                              status=Appointment.Status.REQUESTED, start=START,
                              end=START + timedelta(hours=1))  # fmt: skip
    appointment_emails.appointment_booked(item.pk)
    check = {"page_url": f"/funding/appointments/{item.pk}/", "export_key": "funding"}
    assert_one_truth(client, item, code="requested", ical="TENTATIVE", **check)
    appointment_services.appointment_confirm(appointment=item)
    assert_one_truth(client, item, code="confirmed", ical="CONFIRMED", **check)
    appointment_services.appointment_propose(appointment=item, start=START + timedelta(days=1))
    assert_one_truth(client, item, code="proposed", ical="TENTATIVE", **check)
    appointment_services.appointment_proposal_decline(appointment=item)
    assert_one_truth(client, item, code="confirmed", ical="CONFIRMED", **check)
    appointment_services.appointment_move(appointment=item, start=START + timedelta(hours=1))
    # The advisor confirms requests, so a moved appointment awaits them again.
    assert_one_truth(client, item, code="requested", ical="TENTATIVE", **check)
    assert "neue Zeit" in _latest_email_to(person.email).body
    appointment_services.appointment_cancel(appointment=item, reason="Projekt verschoben")
    assert_one_truth(client, item, code="cancelled", ical="CANCELLED", **check)
    body = _latest_email_to(person.email).body
    assert "Projekt verschoben" in body
    advisor_mail = _latest_email_to(advisor.user.email).body
    assert "Projekt verschoben" in advisor_mail


@time_machine.travel(NOW, tick=False)
def test_a_registration_says_the_same_state_in_every_channel(client):
    person = UserFactory(email="wanda@example.org")
    client.force_login(person)
    event = EventFactory(capacity=1, start=START, end=START + timedelta(hours=2))
    RegistrationFactory(event=event)
    registration = event_services.registration_create(
        event=event, person=person, name="Wanda Wiese", email=person.email
    )
    check = {"page_url": "/events/mine/", "export_key": "events"}
    assert_one_truth(client, registration, code="waiting_list", ical=None, **check)
    assert "Warteliste, Platz 1" in client.get("/events/mine/").text
    first = Registration.objects.exclude(pk=registration.pk).get()
    event_services.registration_cancel(registration=first)
    assert_one_truth(client, registration, code="confirmed", ical="CONFIRMED", **check)
    event_services.event_cancel(event=event, reason="Referentin erkrankt")
    assert_one_truth(client, registration, code="event_cancelled", ical="CANCELLED", **check)
    assert "Referentin erkrankt" in _latest_email_to(person.email).body


@time_machine.travel(NOW, tick=False)
def test_every_change_of_state_by_staff_an_advisor_or_a_sweep_is_told_to_the_person(client):
    """Item 5: one email to the person for each change, with its true cause."""
    hub = HubFactory()
    event = EventFactory(hub=hub, capacity=3)
    guest = RegistrationFactory(event=event, email="gast@example.org", email_confirmed_at=None,
                                expires_at=NOW - timedelta(minutes=1))  # fmt: skip
    assert event_services.registrations_expire_unconfirmed(now=NOW) == 1
    lapsed = _latest_email_to("gast@example.org")
    assert (
        "nicht rechtzeitig bestätigt" in lapsed.body
        and "Status: Verfallen (E-Mail nicht bestätigt)" in lapsed.body
    )
    guest.refresh_from_db()
    assert state_of(guest).code == "expired"

    now_on = {"start": NOW - timedelta(hours=1), "end": NOW + timedelta(hours=1)}
    desk = WorkspaceFactory(hub=hub)
    booking = BookingFactory(workspace=desk, email="bea@example.org", **now_on)
    booking_services.booking_mark_no_show(booking=booking)
    assert "nicht gekommen" in _latest_email_to("bea@example.org").body

    item = AppointmentFactory(email="emil@malente.example", start=NOW - timedelta(hours=2),
                              end=NOW - timedelta(hours=1))  # fmt: skip
    appointment_services.appointment_finish(appointment=item, status="no_show", now=NOW)
    told = _latest_email_to("emil@malente.example")
    assert "niemand gekommen" in told.body and "Status: Nicht erschienen" in told.body
    kinds = set(Message.objects.values_list("kind", flat=True))
    assert {"events.expired", "coworking.no_show", "funding.no_show"} <= kinds


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    "who, says",
    [("advisor", "Die Beratung hat Ihren Termin abgesagt"),
     ("hub", "Das Team des Hubs hat Ihren Termin abgesagt")],
)  # fmt: skip
def test_an_appointment_cancelled_by_the_advisor_or_the_hub_says_who_in_every_channel(
    client, who, says
):
    person = UserFactory(email="emil@malente.example")
    client.force_login(person)
    item = AppointmentFactory(person=person, email=person.email, start=START,
                              end=START + timedelta(hours=1))  # fmt: skip
    appointment_emails.appointment_changed(item.pk, "confirmed")
    check = {"page_url": f"/funding/appointments/{item.pk}/", "export_key": "funding"}
    assert_one_truth(client, item, code="confirmed", ical="CONFIRMED", **check)
    appointment_services.appointment_cancel(appointment=item, reason="Betriebsferien",
                                            **{f"by_{who}": True})  # fmt: skip
    assert_one_truth(client, item, code="cancelled", ical="CANCELLED", **check)
    told = _latest_email_to(person.email)
    assert says in told.body and "Grund: Betriebsferien" in told.body
    assert Message.objects.filter(kind=f"funding.cancelled_by_{who}").count() == 1


@time_machine.travel(NOW, tick=False)
def test_a_released_booking_and_the_api_of_a_cancelled_event_agree_with_the_pages(client):
    person = UserFactory(email="bea@example.org")
    client.force_login(person)
    hub = HubFactory(slug="wilster")
    from tests.factories import BookingPolicyFactory

    BookingPolicyFactory(hub=hub, release_after_minutes=15)
    booking = BookingFactory(workspace=WorkspaceFactory(hub=hub), person=person,
                             email=person.email, start=NOW - timedelta(minutes=30),
                             end=NOW + timedelta(hours=2))  # fmt: skip
    booking_emails.booking_received(booking.pk)
    assert booking_services.bookings_release_unchecked(now=NOW) == 1
    booking.refresh_from_db()
    state = state_of(booking)
    assert state.code == "released" and state.calendar == "CANCELLED"
    told = _latest_email_to(person.email)
    assert "Status: Freigegeben (nicht eingecheckt)" in told.body
    assert ical_read(_ics(told))["method"] == "CANCEL"

    event = EventFactory(hub=hub, start=START, end=START + timedelta(hours=2))
    event_services.event_cancel(event=event, reason="Sturm")
    api = client.get(f"/api/v1/events/{event.pk}").json()
    page = client.get(event.get_absolute_url()).text
    assert api["cancelled"] is True and "abgesagt" in page.lower()
    assert api["start"] == timezone.localtime(event.start).isoformat()
    assert f"{timezone.localtime(event.start):%H:%M}" in page


@time_machine.travel(NOW, tick=False)
def test_items_kept_on_a_closed_day_say_so_everywhere_and_their_people_are_told(client):
    """On a closed day, kept by staff: page, email, file and export say "takes place
    although the hub is closed"; the registered people of a kept event are told."""
    person = UserFactory(email="bea@example.org")
    client.force_login(person)
    hub = HubFactory(slug="einbeck-zu")
    when = {"start": START, "end": START + timedelta(hours=2)}
    booking = BookingFactory(workspace=WorkspaceFactory(hub=hub), person=person,
                             email=person.email, **when)  # fmt: skip
    booking_services.booking_keep_on_closed_day(booking=booking)
    check = {"page_url": f"/coworking/booking/{booking.pk}/", "export_key": "coworking"}
    assert_one_truth(client, booking, code="confirmed_on_closed_day", ical="CONFIRMED", **check)

    item = AppointmentFactory(person=person, email=person.email, hub=hub, mode="on_site",
                              start=START, end=START + timedelta(hours=1))  # fmt: skip
    appointment_services.appointment_keep_on_closed_day(appointment=item)
    check = {"page_url": f"/funding/appointments/{item.pk}/", "export_key": "funding"}
    assert_one_truth(client, item, code="confirmed_on_closed_day", ical="CONFIRMED", **check)

    event = EventFactory(hub=hub, start=START, end=START + timedelta(hours=2))
    RegistrationFactory(event=event, email="gast@example.org")
    event_services.event_keep_on_closed_day(event=event)
    assert "findet trotzdem statt" in _latest_email_to("gast@example.org").body
    kinds = set(Message.objects.values_list("kind", flat=True))
    assert {"coworking.kept", "funding.kept", "funding.advisor.kept", "events.event_kept"} <= kinds


@time_machine.travel(NOW, tick=False)
def test_a_waiting_person_at_an_event_the_hub_cancels_reads_that_the_hub_cancelled(client):
    person = UserFactory(email="wanda@example.org")
    client.force_login(person)
    event = EventFactory(capacity=1, start=START, end=START + timedelta(hours=2))
    RegistrationFactory(event=event)
    waiting = event_services.registration_create(
        event=event, person=person, name="Wanda Wiese", email=person.email
    )
    event_services.event_cancel(event=event, reason="Referentin erkrankt")
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CANCELLED  # off the waiting list
    assert state_of(waiting).code == "event_cancelled"
    assert "Die Veranstaltung wurde abgesagt" in client.get("/events/mine/").text
    (entry,) = _export(client)["events"]
    assert entry["status"] == "event_cancelled"
