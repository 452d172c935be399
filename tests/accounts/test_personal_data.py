"""DSGVO: a person downloads all their data, deletes their account (upcoming items
cancelled through the services, the rest anonymised), staff deleting a person do the
same, and the retention sweep anonymises what is past its time."""

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts import privacy
from accounts.models import User
from coworking.models import Booking
from events import services as event_services
from events.models import Registration
from funding.models import Appointment
from notifications.models import Message
from tests.factories import (
    AdvisorFactory,
    AppointmentFactory,
    BookingFactory,
    EventFactory,
    MessageFactory,
    RegistrationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def person():
    return UserFactory(email="greta@example.org", name="Greta Gründerin")


@pytest.fixture
def life(person):
    """One of each: past and upcoming, in every app."""
    now = timezone.now()
    soon, ago = now + timedelta(days=5), now - timedelta(days=30)
    full = EventFactory(capacity=1, start=soon, end=soon + timedelta(hours=2))
    return {
        "registration": event_services.registration_create(event=full, person=person, name=""),
        "waiting": event_services.registration_create(
            event=full, person=UserFactory(email="wartend@example.org"), name=""
        ),
        "past_registration": RegistrationFactory(
            person=person,
            event=EventFactory(start=ago, end=ago + timedelta(hours=2)),
            name=person.name,
        ),
        "booking": BookingFactory(person=person, start=soon, end=soon + timedelta(hours=2)),
        "past_booking": BookingFactory(
            person=person, name=person.name, start=ago, end=ago + timedelta(hours=2)
        ),
        "appointment": AppointmentFactory(
            person=person,
            advisor=AdvisorFactory(user__email="dana@dataport.example"),
            start=soon,
            end=soon + timedelta(hours=1),
            status="confirmed",
            question="Wie fördern wir unser Café?",
        ),
    }


def test_the_download_holds_every_apps_data(client, person, life):
    client.force_login(person)
    page = client.get(reverse("accounts:profile")).text
    assert reverse("accounts:data_export") in page and reverse("accounts:delete") in page
    response = client.get(reverse("accounts:data_export"))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == "greta@example.org"
    assert {"events", "coworking", "funding", "emails", "sessions"} <= data.keys()
    assert len(data["events"]) == 2 and len(data["coworking"]) == 2
    assert data["funding"][0]["question"] == "Wie fördern wir unser Café?"
    assert any(m["to"] == "greta@example.org" for m in data["emails"])


def log_in(client, person):
    from tests.factories import PASSWORD

    response = client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})
    assert response.status_code == 302


def test_deleting_the_account_cancels_notifies_and_anonymises(client, person, life):
    from tests.factories import PASSWORD

    log_in(client, person)
    asked = client.get(reverse("accounts:delete"))  # the password once more first
    assert asked.status_code == 302 and "reauthenticate" in asked["Location"]
    client.post(asked["Location"], {"password": PASSWORD})
    assert client.get(reverse("accounts:delete")).status_code == 200
    mail.outbox.clear()
    response = client.post(reverse("accounts:delete"))
    assert response.status_code == 302
    assert not User.objects.filter(email="greta@example.org").exists()
    # Upcoming: cancelled through the services; the waiting list moved up.
    assert Registration.objects.get(pk=life["registration"].pk).status == "cancelled"
    assert Registration.objects.get(pk=life["waiting"].pk).status == "confirmed"
    assert Booking.objects.get(pk=life["booking"].pk).status == "cancelled"
    appointment = Appointment.objects.get(pk=life["appointment"].pk)
    assert appointment.status == "cancelled" and appointment.question == ""
    assert any(m.to == ["dana@dataport.example"] for m in mail.outbox)  # the advisor is told
    # Past: kept for statistics, without the person.
    past = Registration.objects.get(pk=life["past_registration"].pk)
    assert (past.person, past.name, past.email) == (None, "", "")
    past_booking = Booking.objects.get(pk=life["past_booking"].pk)
    assert (past_booking.person, past_booking.name) == (None, "")
    # No email to the person stays in the outbox.
    assert not Message.objects.filter(recipient="greta@example.org").exists()
    assert not any(m.to == ["greta@example.org"] for m in mail.outbox)


def test_deleting_needs_the_password_again(client, person):
    log_in(client, person)
    response = client.post(reverse("accounts:delete"))
    assert response.status_code == 302 and "reauthenticate" in response["Location"]
    assert User.objects.filter(pk=person.pk).exists()


def test_a_superuser_deleting_a_person_uses_the_same_service(client, superuser, person, life):
    client.force_login(superuser)
    client.post(reverse("admin:accounts_user_delete", args=[person.pk]), {"post": "yes"})
    assert not User.objects.filter(pk=person.pk).exists()
    assert Registration.objects.get(pk=life["waiting"].pk).status == "confirmed"
    assert Booking.objects.get(pk=life["past_booking"].pk).person is None


def test_the_retention_sweep_anonymises_what_ended_long_ago(person, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 180
    settings.OUTBOX_RETENTION_DAYS = 90
    now = timezone.now()
    old, recent = now - timedelta(days=200), now - timedelta(days=20)
    guest_old = RegistrationFactory(
        name="Gast Alt",
        email="alt@example.org",
        event=EventFactory(start=old, end=old + timedelta(hours=1)),
    )
    guest_recent = RegistrationFactory(
        name="Gast Neu",
        email="neu@example.org",
        event=EventFactory(start=recent, end=recent + timedelta(hours=1)),
    )
    appointment = AppointmentFactory(
        start=old, end=old + timedelta(hours=1), question="Alt", advisor_notes="Notiz"
    )
    MessageFactory(
        kind="events.received", recipient="alt@example.org", created=now - timedelta(days=100)
    )
    done = privacy.personal_data_purge()
    guest_old.refresh_from_db()
    guest_recent.refresh_from_db()
    appointment.refresh_from_db()
    assert (guest_old.name, guest_old.email) == ("", "")
    assert guest_recent.name == "Gast Neu"
    assert (appointment.question, appointment.advisor_notes, appointment.name) == ("", "", "")
    assert not Message.objects.filter(recipient="alt@example.org").exists()
    assert done["events"] >= 1 and done["emails"] == 1
    assert privacy.personal_data_purge()["events"] == 0  # nothing twice


def test_the_sweep_runs_daily_from_beat():
    from config.celery import app

    app.loader.import_default_modules()
    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "accounts.personal_data_purge" in tasks and "accounts.personal_data_purge" in app.tasks


def test_the_privacy_notice_takes_its_periods_from_the_settings(client, settings, einbeck):
    from pages.models import Page
    from tests.factories import HubFactory

    Page.objects.get_or_create(slug="privacy", defaults={"title": "Datenschutz", "body": "…"})
    HubFactory(slug="wilster", state="SH")
    settings.PERSONAL_DATA_RETENTION_DAYS = 123
    settings.PRIVACY_CONTROLLER = ""
    page = client.get("/pages/privacy/").text
    assert "anonymisiert 123 Tage nach dem Ende" in page
    assert "von der betreibenden Kommune einzutragen" in page  # a placeholder to fill
    assert "LfD Niedersachsen" in page and "(ULD)" in page
    assert "Art. 6 Abs. 1 lit. b und e DSGVO" in page
    settings.PRIVACY_CONTROLLER = "Stadt Einbeck, Marktplatz 6, 37574 Einbeck"
    assert "Stadt Einbeck, Marktplatz 6" in client.get("/pages/privacy/").text


def test_staff_find_the_record_of_processing_built_from_the_settings(
    client, staff_einbeck, settings
):
    settings.PERSONAL_DATA_RETENTION_DAYS = 45
    settings.STAFF_SESSION_IDLE_MINUTES = 20
    client.force_login(staff_einbeck)
    url = reverse("admin:record_of_processing")
    assert url in client.get("/admin/").text  # linked from the cockpit
    page = client.get(url).text
    assert "Verzeichnis von Verarbeitungstätigkeiten" in page
    assert "anonymisiert 45 Tage nach dem Ende" in page
    assert "nach 20 Minuten ohne Anfrage" in page  # the measures, from the settings too
    assert "von der betreibenden Kommune einzutragen" in page  # controller still to fill
    assert "Beim nächsten Löschlauf fällig" not in page  # counts are for superusers
    settings.PRIVACY_CONTROLLER = "Stadt Einbeck, Marktplatz 6, 37574 Einbeck"
    assert "Stadt Einbeck, Marktplatz 6" in client.get(url).text


def test_the_record_shows_superusers_what_the_sweep_removes_next(client, superuser, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 180
    old = timezone.now() - timedelta(days=200)
    for _ in range(3):
        RegistrationFactory(
            name="Gast Alt", event=EventFactory(start=old, end=old + timedelta(hours=1))
        )
    client.force_login(superuser)
    url = reverse("admin:record_of_processing")

    def due(label):
        page = client.get(url).text
        row = page.split(f"<td>{label}</td>", 1)[1]
        return int(row.split("<td>", 1)[1].split("</td>", 1)[0])

    assert due("Veranstaltungsanmeldungen") == 3
    assert privacy.personal_data_purge()["events"] == 3  # what the page said
    assert due("Veranstaltungsanmeldungen") == 0


def test_an_advisor_is_asked_to_have_the_account_closed_by_the_administration(client):
    advisor = AdvisorFactory()
    log_in(client, advisor.user)
    from tests.factories import totp_code

    client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    response = client.post(reverse("accounts:delete"), follow=True)
    assert "Administration" in response.text
    assert User.objects.filter(pk=advisor.user.pk).exists()
