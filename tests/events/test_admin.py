"""Hub staff manage their own hubs' events: attendees, check-in, CSV, cancel, duplicate."""

import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from events.models import Event, EventSeries, Registration
from hubs import services as hub_services
from tests.factories import EventFactory, RegistrationFactory, UserFactory, with_second_factor

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def events(einbeck, oldenburg):
    return {
        "einbeck": EventFactory(hub=einbeck, title="Einbecker Abend"),
        "oldenburg": EventFactory(hub=oldenburg, title="Oldenburger Führung"),
    }


def test_staff_lists_only_their_hubs_events_and_registrations(staff_client, events):
    RegistrationFactory(event=events["einbeck"], name="Erna Einbeck")
    RegistrationFactory(event=events["oldenburg"], name="Otto Oldenburg")
    page = staff_client.get(reverse("admin:events_event_changelist")).text
    assert "Einbecker Abend" in page and "Oldenburger Führung" not in page
    page = staff_client.get(reverse("admin:events_registration_changelist")).text
    assert "Erna Einbeck" in page and "Otto Oldenburg" not in page


@pytest.mark.parametrize(
    "name",
    [
        "events_event_attendees",
        "events_event_attendees_csv",
        "events_event_register",
        "events_event_cancel",
        "events_event_change",
    ],
)
def test_staff_cannot_reach_another_hubs_event_pages_by_url(staff_client, events, name):
    response = staff_client.get(reverse(f"admin:{name}", args=[events["oldenburg"].pk]))
    assert response.status_code in (302, 404)
    assert "Oldenburger Führung" not in response.content.decode()


def test_staff_cannot_print_another_hubs_registration(staff_client, events):
    other = RegistrationFactory(event=events["oldenburg"])
    assert staff_client.get(reverse("events:print", args=[other.pk])).status_code == 404


def test_citizen_cannot_print_anyones_registration(client, events):
    registration = RegistrationFactory(event=events["einbeck"])
    client.force_login(UserFactory())
    assert client.get(reverse("events:print", args=[registration.pk])).status_code == 404


def _starts_within_the_hour(event):
    """The event's day has come: attendance can be recorded. It began five minutes
    ago: half an hour ahead would be tomorrow after 23:30 in Berlin."""
    start = timezone.now() - timedelta(minutes=5)
    Event.objects.filter(pk=event.pk).update(start=start, end=start + timedelta(hours=2))


def test_attendee_list_shows_waiting_list_and_checks_people_in(staff_client, events):
    event = events["einbeck"]
    here = RegistrationFactory(event=event, name="Anna Anwesend")
    RegistrationFactory(event=event, name="Willi Warte", status=Registration.Status.WAITLISTED)
    url = reverse("admin:events_event_attendees", args=[event.pk])
    page = staff_client.get(url).text
    assert "Anna Anwesend" in page and "Willi Warte" in page and "Warteliste" in page
    early = staff_client.post(url, {"registration": here.pk, "attendance": "attended"}, follow=True)
    assert "ab dem Tag der Veranstaltung" in early.text  # not before the event's day
    here.refresh_from_db()
    assert here.attendance == ""
    _starts_within_the_hour(event)
    staff_client.post(url, {"registration": here.pk, "attendance": "attended"})
    here.refresh_from_db()
    assert here.attendance == Registration.Attendance.ATTENDED


def test_csv_export_lists_attendees_safely(staff_client, events):
    event = events["einbeck"]
    RegistrationFactory(event=event, name="Jürgen Müller", email="j@example.org")
    RegistrationFactory(event=event, name="=HYPERLINK(1)", email="x@example.org")
    response = staff_client.get(reverse("admin:events_event_attendees_csv", args=[event.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Name"
    names = {row[0] for row in rows[1:]}
    assert names == {"Jürgen Müller", "'=HYPERLINK(1)"}


def test_staff_cancel_an_event_with_a_reason(staff_client, events):
    event = events["einbeck"]
    RegistrationFactory(event=event, email="gast@example.org")
    url = reverse("admin:events_event_cancel", args=[event.pk])
    empty = staff_client.post(url, {"reason": ""})
    assert empty.status_code == 200  # asked for the reason
    staff_client.post(url, {"reason": "Stromausfall im Hub"})
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED
    assert any("Stromausfall" in m.body and m.to == ["gast@example.org"] for m in mail.outbox)


def test_duplicate_action_creates_a_draft_copy(staff_client, events):
    event = events["einbeck"]
    staff_client.post(
        reverse("admin:events_event_changelist"),
        {"action": "duplicate", "_selected_action": [event.pk]},
    )
    copies = Event.objects.filter(title=event.title).exclude(pk=event.pk)
    assert copies.count() == 1 and copies.get().status == Event.Status.DRAFT


def event_form(title, hub):
    return {
        "title_de": title,
        "summary_de": "x",
        "kind": "workshop",
        "status": "published",
        "start_0": "01.12.2030",
        "start_1": "10:00",
        "end_0": "01.12.2030",
        "end_1": "12:00",
        "hub": hub.pk,
        "place_kind": "hub",
        "audience": "all",
        "registration_required": "on",
        "registrations-TOTAL_FORMS": "0",
        "registrations-INITIAL_FORMS": "0",
    }


def test_staff_create_events_for_their_hub_only(staff_client, einbeck, oldenburg):
    url = reverse("admin:events_event_add")
    refused = staff_client.post(url, event_form("Fremd", oldenburg))
    assert refused.status_code == 200
    assert "hub" in refused.context["adminform"].form.errors
    assert not Event.objects.filter(title="Fremd").exists()
    assert staff_client.post(url, event_form("Eigen", einbeck)).status_code == 302
    assert Event.objects.get(title="Eigen").slug == "eigen-2030-12-01"


def test_series_admin_generates_occurrences(client, superuser, einbeck):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:events_eventseries_add"),
        {
            "title_de": "Sprechstunde",
            "summary_de": "Donnerstags",
            "kind": "consultation",
            "published": "on",
            "frequency": "weekly",
            "interval": "1",
            "weekday": "3",
            "starts_at": "09:00",
            "ends_at": "12:00",
            "first_date": "01.01.2030",
            "last_date": "31.01.2030",
            "apply_to_future": "on",
            "hub": einbeck.pk,
            "place_kind": "hub",
            "audience": "all",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    series = EventSeries.objects.get(title="Sprechstunde")
    assert series.events.count() == 5  # Thursdays in January 2030


def test_only_the_events_hub_staff_get_capacity_alerts(einbeck, oldenburg):
    from events import services

    staff_e = UserFactory(email="einbeck-team@example.org")
    hub_services.hub_staff_add(hub=einbeck, user=staff_e)
    with_second_factor(staff_e)
    staff_o = UserFactory(email="oldenburg-team@example.org")
    hub_services.hub_staff_add(hub=oldenburg, user=staff_o)
    with_second_factor(staff_o)
    event = EventFactory(hub=einbeck, capacity=1)
    services.registration_create(event=event, name="A", email="a@example.org")
    alerts = [m for m in mail.outbox if staff_e.email in m.to]
    assert [m.subject for m in alerts] == [f"Ausgebucht: {event.title}"]
    assert not any(staff_o.email in m.to for m in mail.outbox)


def test_attendee_list_shows_each_persons_check_in_state_in_words(staff_client, events):
    event = events["einbeck"]
    here = RegistrationFactory(event=event, name="Anna Anwesend")
    url = reverse("admin:events_event_attendees", args=[event.pk])
    _starts_within_the_hour(event)
    staff_client.post(url, {"registration": here.pk, "attendance": "attended"})
    page = staff_client.get(url).text
    row = page[page.index('<th scope="row">Anna Anwesend') :].split("</tr>")[0]
    assert "<strong>Anwesend</strong>" in row
    assert 'aria-pressed="true" class="button default">✓ Anwesend' in row
    assert row.count('aria-pressed="true"') == 1


def test_an_unconfirmed_guest_is_not_listed_as_confirmed(staff_client, events):
    from events import services

    event = events["einbeck"]
    services.registration_create(event=event, name="Gerda Gast", email="gerda@example.org")
    listing = staff_client.get(reverse("admin:events_registration_changelist")).text
    assert "Platz reserviert – E-Mail-Bestätigung ausstehend" in listing
    csv_text = staff_client.get(
        reverse("admin:events_event_attendees_csv", args=[event.pk])
    ).content.decode("utf-8-sig")
    assert "Platz reserviert – E-Mail-Bestätigung ausstehend" in csv_text
