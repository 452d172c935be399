"""What the outbox shows staff and what emails may link: a person's links are theirs
alone, and nothing a person typed becomes a link."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from events import services as event_services
from hubs import services as hub_services
from notifications import services
from notifications.models import Message
from tests.factories import EventFactory, MessageFactory, UserFactory, with_second_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def registration(einbeck):
    event = EventFactory(hub=einbeck)
    return event_services.registration_create(
        event=event, name="Gerda Gast", email="gerda@example.org"
    )


def cancel_link(text):
    return re.search(r"https?://\S+/registration/cancel/\S+/", text).group(0)


def test_staff_see_the_outbox_without_the_persons_links(client, registration, einbeck):
    message = Message.objects.get(recipient="gerda@example.org")
    link = cancel_link(message.body_text)
    staff = UserFactory()
    hub_services.hub_staff_add(hub=einbeck, user=staff)
    with_second_factor(staff)
    client.force_login(staff)
    page = client.get(reverse("admin:notifications_message_change", args=[message.pk])).text
    assert link not in page and "/registration/cancel/" not in page
    assert "[persönlicher Link, nur in der E-Mail selbst]" in page
    assert "Gerda Gast" in page  # the rest of the email is there


def test_a_resent_email_carries_a_fresh_link(registration):
    original = Message.objects.get(recipient="gerda@example.org")
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        copy = services.message_resend(message=original)
    old, new = cancel_link(original.body_text), cancel_link(copy.body_text)
    assert old != new

    def without_tokens(text):
        return re.sub(r"/[^/\s]*:[^/\s]*/", "/…/", text)

    assert without_tokens(copy.body_text) == without_tokens(original.body_text)
    path = new.split("://", 1)[1].split("/", 1)[1]
    from django.test import Client

    assert Client().get("/" + path).status_code == 200  # the fresh link works


def test_account_emails_are_not_resent(client):
    MessageFactory(kind="accounts.password_reset_key", subject="Passwort")
    with pytest.raises(Exception, match="nicht erneut|not sent again"):
        services.message_resend(message=Message.objects.get())


def test_names_are_plain_text(client, einbeck):
    event = EventFactory(hub=einbeck)
    for name in ("Gerda\nGewinnen Sie jetzt", "Gerda https://phish.example", "Klick www.x.ru"):
        response = client.post(event.get_absolute_url(), {"name": name, "email": "a@example.org"})
        assert response.status_code == 400
    assert (
        "Bitte geben Sie den Namen in einer Zeile ein."
        in client.post(event.get_absolute_url(), {"name": "A\nB", "email": "a@example.org"}).text
    )
    assert not event.registrations.exists() and not mail.outbox


def test_nothing_a_person_typed_becomes_a_link_in_an_email(
    einbeck, django_capture_on_commit_callbacks
):
    event = EventFactory(hub=einbeck)
    with django_capture_on_commit_callbacks(execute=True):
        event_services.registration_create(
            event=event, name="Gerda phish.example.com", email="gerda@example.org"
        )
    (email,) = [m for m in mail.outbox if m.to == ["gerda@example.org"]]
    html = email.alternatives[0][0]
    assert 'href="http://phish' not in html and 'href="phish' not in html
    assert re.search(r'<a href="http://127\.0\.0\.1:8000/[^"]+">', html)  # the portal's own


@pytest.mark.parametrize(
    "name",
    [
        "Gewinn abholen unter evil.ly/x",  # a top-level domain no list knows
        "Gewinn abholen unter evil．ly／x",  # full-width dot and slash
        "Gewinn unter https：／／evil.example",  # full-width colon
        "Gewinn unter evil。ly",  # the ideographic full stop, a dot to mail clients
        "Preis: 10.0.0.1/x",
    ],
)
def test_a_name_that_reads_as_a_link_is_refused_beside_the_field_keeping_the_rest(
    client, einbeck, name
):
    """Issue 27, item 6: the name field relayed links into the official email."""
    event = EventFactory(hub=einbeck)
    response = client.post(
        event.get_absolute_url(), {"name": name, "email": "gerda@example.org", "phone": ""}
    )
    assert response.status_code == 400
    assert "nichts, was wie eine solche aussieht" in response.text  # the reason, in German
    assert 'value="gerda@example.org"' in response.text  # what she typed is kept
    assert not event.registrations.exists() and not mail.outbox


@pytest.mark.parametrize("name", ["Dr. Anna Müller", "Müller-Lüdenscheidt e.V.", "O'Neill"])
def test_ordinary_names_with_dots_pass(client, einbeck, name):
    event = EventFactory(hub=einbeck)
    response = client.post(event.get_absolute_url(), {"name": name, "email": "anna@example.org"})
    assert response.status_code == 302


def test_a_name_stored_before_the_rule_is_not_the_emails_first_line(
    einbeck, django_capture_on_commit_callbacks
):
    from events.models import Registration

    event = EventFactory(hub=einbeck)
    with django_capture_on_commit_callbacks(execute=True):
        registration = event_services.registration_create(
            event=event, name="Erika", email="erika@example.org"
        )
    Registration.objects.filter(pk=registration.pk).update(name="Gewinn unter evil.ly/x")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event_services.registration_cancel(
            registration=Registration.objects.get(pk=registration.pk)
        )
    (email,) = [m for m in mail.outbox if m.to == ["erika@example.org"]]
    assert email.body.splitlines()[0] == "Guten Tag,"
    assert "evil" not in email.body and "evil" not in email.alternatives[0][0]
