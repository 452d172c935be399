"""Issue 27, item 3: "My data" and deleting the account cover every row and email
that carries one of the account's verified addresses (a guest registration made
with it, an email to an advisor that names the person), and the export holds every
field the portal keeps. An address added but not confirmed opens nothing."""

import json
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone

from accounts import privacy
from events import services as event_services
from events.models import Registration
from notifications.models import Message
from tests.factories import AdvisorFactory, AppointmentFactory, EventFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("send_at_once")]


@pytest.fixture
def greta():
    user = UserFactory(email="greta@example.org", name="Greta Gründerin")
    EmailAddress.objects.create(user=user, email="g.gruenderin@rathaus.example", verified=True)
    # Added, never confirmed: could be anybody's.
    EmailAddress.objects.create(user=user, email="nachbarin@example.org", verified=False)
    return user


@pytest.fixture
def her_world(greta):
    soon = timezone.now() + timedelta(days=12)
    event = EventFactory(start=soon, end=soon + timedelta(hours=2))
    as_guest = event_services.registration_create(
        event=event,
        name="Greta Gründerin",
        email="G.Gruenderin@Rathaus.example",  # her second address, typed in capitals
        access_needs=["induction_loop"],
        access_note="Hörschleife vorn",
    )
    neighbour = event_services.registration_create(
        event=event, name="Nora Nachbarin", email="nachbarin@example.org"
    )
    advisor = AdvisorFactory(user__email="dana@dataport.example")
    appointment = AppointmentFactory(
        person=greta,
        advisor=advisor,
        name="Greta Gründerin",
        email="greta@example.org",
        phone="+4955619990",
        organisation="Café Rosa",
        role="Inhaberin",
        question="Förderung für die Kaffeemaschine?",
        advisor_notes="Rückruf Donnerstag",
        start=soon,
        end=soon + timedelta(hours=1),
        status="requested",
    )
    from funding import emails

    emails.appointment_booked(appointment.pk)
    return {"as_guest": as_guest, "neighbour": neighbour, "appointment": appointment}


def test_my_data_holds_the_guest_registration_under_her_address_and_every_field(
    client, greta, her_world
):
    client.force_login(greta)
    data = json.loads(client.get(reverse("accounts:data_export")).content)
    text = json.dumps(data, ensure_ascii=False)
    assert len(data["events"]) == 1 and "Hörschleife vorn" in text  # the guest row
    assert "Nora Nachbarin" not in text and "nachbarin@example.org" not in text.replace(
        '"email": "nachbarin@example.org", "verified": false', ""
    )
    for value in ("+4955619990", "Café Rosa", "Inhaberin", "Förderung", "Rückruf Donnerstag"):
        assert value in text, value  # every field held about her appointment
    to_advisor = [m for m in data["emails"] if m["to"] == "dana@dataport.example"]
    assert to_advisor and to_advisor[0]["about_you"] is True


def test_deleting_her_account_erases_the_guest_row_and_the_advisors_email(greta, her_world):
    assert Message.objects.filter(recipient="dana@dataport.example").exists()
    privacy.person_delete(user=greta)
    guest = Registration.objects.get(pk=her_world["as_guest"].pk)
    assert guest.status == "cancelled"
    assert (guest.name, guest.email, guest.access_note) == ("", "", "")
    assert not Message.objects.filter(body_text__contains="Greta").exists()
    assert not Message.objects.filter(recipient__iexact="g.gruenderin@rathaus.example").exists()
    # The neighbour's row, under the address Greta never confirmed, is untouched.
    neighbour = Registration.objects.get(pk=her_world["neighbour"].pk)
    assert neighbour.name == "Nora Nachbarin" and neighbour.status != "cancelled"


def test_the_advisor_email_is_marked_as_about_her(her_world):
    message = Message.objects.get(recipient="dana@dataport.example")
    assert message.about == "greta@example.org"


def test_the_advisor_is_told_of_the_deletion_by_an_email_that_names_no_one(greta):
    """Deleting the account cancels her appointment: the advisor hears of it, by an
    email that names the time only, so nothing about her outlives the deletion."""
    from datetime import timedelta

    from django.core import mail
    from django.utils import timezone

    soon = timezone.now() + timedelta(days=9)
    AppointmentFactory(
        person=greta,
        advisor=AdvisorFactory(user__email="dana@dataport.example"),
        name="Greta Gründerin",
        email="greta@example.org",
        question="Förderung für die Kaffeemaschine?",
        start=soon,
        end=soon + timedelta(hours=1),
        status="confirmed",
    )
    mail.outbox.clear()
    privacy.person_delete(user=greta)
    (told,) = [m for m in mail.outbox if m.to == ["dana@dataport.example"]]
    assert "Konto gelöscht" in told.subject and "Konto gelöscht" in told.body
    for detail in ("Greta", "greta@example.org", "Kaffeemaschine"):
        assert detail not in told.subject + told.body
    assert not Message.objects.filter(body_text__contains="Greta").exists()
    assert not Message.objects.filter(about__iexact="greta@example.org").exists()
