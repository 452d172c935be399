"""A closure that hits events, desk bookings and advice appointments: staff see what
is hit and with how many people, and choose for each item; nothing happens without
that choice. Public pages say when an event falls on a day the hub is closed."""

from datetime import date, time

import pytest
import time_machine
from django.urls import reverse

from coworking.models import Booking
from events.models import Event, Registration
from funding.models import Appointment, Mode
from hubs.models import OpeningException
from notifications.models import Message
from tests.clock import at
from tests.factories import (
    AdvisorFactory,
    AppointmentFactory,
    AvailabilityWindowFactory,
    BookingFactory,
    EventFactory,
    OpeningHoursFactory,
    RegistrationFactory,
    WorkspaceFactory,
)

pytestmark = pytest.mark.django_db
THU = 3


@pytest.fixture(autouse=True)
def sunday():
    with time_machine.travel(at(22, 10), tick=False):  # Sunday 22 November 2026
        yield


@pytest.fixture
def hub(einbeck):
    for weekday in range(5):
        OpeningHoursFactory(hub=einbeck, weekday=weekday, opens=time(9), closes=time(17))
    return einbeck


@pytest.fixture
def event(hub):
    """Thursday 3 December, full: two places taken, one person waiting."""
    event = EventFactory(
        hub=hub,
        title="Digitaltag",
        start=at(date(2026, 12, 3), 10),
        end=at(date(2026, 12, 3), 12),
        capacity=2,
    )
    RegistrationFactory(event=event, email="anna@example.org")
    RegistrationFactory(event=event, email="ben@example.org")
    RegistrationFactory(event=event, email="cem@example.org", status=Registration.Status.WAITLISTED)
    return event


@pytest.fixture
def booking(hub):
    return BookingFactory(
        workspace=WorkspaceFactory(hub=hub, name="Arbeitsplatz 1"),
        email="dora@example.org",
        start=at(date(2026, 12, 4), 9),
        end=at(date(2026, 12, 4), 12),
    )


@pytest.fixture
def appointment(hub):
    advisor = AdvisorFactory(user__email="dana@dataport.example", public_name="Dana Dataport")
    advisor.hubs.add(hub)
    AvailabilityWindowFactory(advisor=advisor, weekday=THU, starts=time(9), ends=time(15), hub=hub)
    return AppointmentFactory(
        advisor=advisor,
        mode=Mode.ON_SITE,
        hub=hub,
        email="emil@malente.example",
        start=at(date(2026, 12, 3), 10),
        end=at(date(2026, 12, 3), 11),
    )


def closure(hub, **extra):
    return {
        "hub": hub.pk,
        "kind": "closed",
        "start_date": "2026-12-03",
        "end_date": "2026-12-04",
        "reason_de": "Betriebsferien",
        "_save": "Sichern",
        **extra,
    }


URL = "admin:hubs_openingexception_add"


def test_a_closure_lists_what_it_hits_and_cancels_nothing_without_a_choice(
    staff_client, hub, event, booking, appointment
):
    preview = staff_client.post(reverse(URL), closure(hub))
    assert preview.status_code == 200
    (change,) = preview.context["changes"]
    hits = {h.kind: h for h in change.hits}
    assert set(hits) == {"event", "booking", "appointment"}
    assert hits["event"].people == 3 and change.people == 5
    assert "Die Änderung betrifft 3 Einträge (5 Personen)" in preview.text
    assert not OpeningException.objects.exists()  # the preview saved nothing

    again = staff_client.post(reverse(URL), closure(hub, _calendar_confirmed="1"))
    assert again.status_code == 200
    assert "Bitte wählen Sie, was mit diesem Eintrag geschehen soll." in again.text
    assert "erfolgreich" not in again.text  # nothing was saved, so nothing says so
    assert not OpeningException.objects.exists()
    assert not Message.objects.exists()
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED


def test_one_item_for_one_person_reads_in_the_singular(staff_client, hub, booking):
    preview = staff_client.post(reverse(URL), closure(hub))
    assert "Die Änderung betrifft 1 Eintrag (1 Person)." in preview.text


def test_cancel_and_notify_sends_one_email_to_each_person_with_reason_and_suggestion(
    staff_client, hub, event, booking, appointment
):
    choices = {
        f"hit-event-{event.pk}": "cancel",
        f"hit-booking-{booking.pk}": "cancel",
        f"hit-appointment-{appointment.pk}": "cancel",
    }
    response = staff_client.post(reverse(URL), closure(hub, _calendar_confirmed="1", **choices))
    assert response.status_code == 302
    assert OpeningException.objects.get().reason == "Betriebsferien"
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED and event.cancel_reason == "Betriebsferien"
    cancelled = Message.objects.filter(kind="events.event_cancelled")
    # Everyone registered, the waiting list too, gets exactly one email.
    assert sorted(cancelled.values_list("recipient", flat=True)) == [
        "anna@example.org",
        "ben@example.org",
        "cem@example.org",
    ]
    assert all("Grund: Betriebsferien" in m.body_text for m in cancelled)
    assert not event.registrations.filter(status=Registration.Status.WAITLISTED).exists()

    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    (email,) = Message.objects.filter(kind="coworking.cancelled")
    assert email.recipient == "dora@example.org"
    assert "Grund: Betriebsferien" in email.body_text
    # The next day the same desk is open and free: Monday, same time.
    assert "Derselbe Platz ist am Montag, 7. Dezember 2026, 09:00–12:00 frei" in email.body_text

    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.CANCELLED
    (to_person,) = Message.objects.filter(kind="funding.cancelled_by_hub")
    assert to_person.recipient == "emil@malente.example"
    assert "Grund: Betriebsferien" in to_person.body_text
    assert "Donnerstag, 10. Dezember 2026" in to_person.body_text  # the next free Thursday
    (to_advisor,) = Message.objects.filter(kind="funding.advisor.cancelled_by_hub")
    assert to_advisor.recipient == "dana@dataport.example"


def test_a_kept_event_says_so_on_the_public_pages(client, staff_client, hub, event):
    response = staff_client.post(
        reverse(URL), closure(hub, _calendar_confirmed="1", **{f"hit-event-{event.pk}": "keep"})
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED and event.held_on_closed_day
    # Everyone registered is told that it takes place all the same (issue 26, item 5).
    told = Message.objects.filter(kind="events.event_kept")
    assert told.count() == event.registrations.active().count() > 0
    assert set(Message.objects.values_list("kind", flat=True)) == {"events.event_kept"}
    detail = client.get(event.get_absolute_url()).text
    assert "Der Hub ist an diesem Tag geschlossen: Betriebsferien" in detail
    assert "Die Veranstaltung findet trotzdem statt." in detail
    programme = client.get(reverse("events:programme")).text
    assert "Findet trotzdem statt, obwohl der Hub geschlossen ist (Betriebsferien)" in programme


def test_moving_an_event_tells_everyone_the_new_date(staff_client, hub, event):
    moved = {f"hit-event-{event.pk}": "move", f"move-event-{event.pk}": "2026-12-08"}
    response = staff_client.post(reverse(URL), closure(hub, _calendar_confirmed="1", **moved))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.start == at(date(2026, 12, 8), 10) and event.end == at(date(2026, 12, 8), 12)
    emails = Message.objects.filter(kind="events.event_moved")
    assert emails.count() == 3
    assert all("Dienstag, 8. Dezember 2026, 10:00" in m.body_text for m in emails)


def test_moving_an_event_onto_another_closed_day_is_refused(staff_client, hub, event):
    moved = {f"hit-event-{event.pk}": "move", f"move-event-{event.pk}": "2026-12-04"}
    response = staff_client.post(reverse(URL), closure(hub, _calendar_confirmed="1", **moved))
    assert response.status_code == 200
    assert "Der Hub ist auch am 4.12.2026 geschlossen." in response.text
    assert not OpeningException.objects.exists()
    event.refresh_from_db()
    assert event.start == at(date(2026, 12, 3), 10)


def test_an_event_on_a_public_holiday_says_why_the_hub_is_closed(client, hub):
    event = EventFactory(hub=hub, start=at(date(2026, 12, 25), 15), end=at(date(2026, 12, 25), 17))
    programme = client.get(reverse("events:programme")).text
    assert "Hub an diesem Tag geschlossen (Erster Weihnachtstag)" in programme
    detail = client.get(event.get_absolute_url()).text
    assert "Das Hub-Team hat noch nicht mitgeteilt, ob die Veranstaltung stattfindet." in detail


def test_a_hub_text_edit_saves_without_a_preview(staff_client, hub):
    url = reverse("admin:hubs_hub_change", args=[hub.pk])
    form = staff_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k not in {"slug", "state"}}
    data.update(
        organisations=[],
        focus_themes=[],
        description_de="Neu: Sprechstunde am Dienstag.",
        _save="Sichern",
    )
    for prefix, count in (("schedules", hub.schedules.count()), ("exceptions", 0)):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": count,
                f"{prefix}-INITIAL_FORMS": count,
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
    for n, schedule in enumerate(hub.schedules.all()):
        data[f"schedules-{n}-id"] = schedule.pk
        data[f"schedules-{n}-hub"] = hub.pk
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context and response.context.get("errors")
    hub.refresh_from_db()
    assert hub.description == "Neu: Sprechstunde am Dienstag."


def test_moving_a_closure_to_another_hub_previews_both_hubs(client, superuser, hub, oldenburg):
    closed = OpeningException.objects.create(
        hub=hub, start_date=date(2026, 12, 3), end_date=date(2026, 12, 3), reason="Umzug"
    )
    client.force_login(superuser)
    url = reverse("admin:hubs_openingexception_change", args=[closed.pk])
    preview = client.post(url, {**closure(oldenburg), "end_date": "2026-12-03"})
    changes = {c.hub.slug: c for c in preview.context["changes"]}
    assert set(changes) == {"oldenburg", "einbeck"}
    reopened = next(d for d in changes["einbeck"].days if d.after.date == date(2026, 12, 3))
    assert reopened.changed and reopened.after.is_open
