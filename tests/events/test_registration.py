"""Registering, the waiting list, guests' double opt-in and expiry, cancelling."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from events import services, tokens
from events.models import Event, Participation, Registration
from tests.factories import EventFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def register_guest(client, event, name="Gerda Gast", email="gerda@example.org", **extra):
    return client.post(event.get_absolute_url(), {"name": name, "email": email, **extra})


def link(message, name):
    return re.search(rf"https?://[^/\s]+(/\S*/registration/{name}/\S+/)", message.body).group(1)


def test_logged_in_user_registers_in_one_step_and_gets_a_confirmation(client):
    user = UserFactory()
    event = EventFactory(capacity=5)
    client.force_login(user)
    response = client.post(event.get_absolute_url(), {})
    assert response.status_code == 302
    registration = Registration.objects.get(event=event, person=user)
    assert registration.status == Registration.Status.CONFIRMED
    assert len(mail.outbox) == 1
    assert "Anmeldung bestätigt" in mail.outbox[0].subject
    assert mail.outbox[0].attachments[0][0].endswith(".ics")
    page = client.get(event.get_absolute_url()).text
    assert "Sie sind angemeldet." in page
    assert "4 von 5 Plätzen frei" in page


def test_guest_double_opt_in_confirms_by_emailed_link(client):
    event = EventFactory()
    response = register_guest(client, event)
    assert response.status_code == 302
    registration = Registration.objects.get(email="gerda@example.org")
    assert registration.awaits_email_confirmation
    assert registration.status == Registration.Status.CONFIRMED  # holds the place for now
    (message,) = mail.outbox
    assert "Bitte bestätigen" in message.subject

    confirm = link(message, "confirm")
    page = client.get(confirm)
    assert page.status_code == 200 and "Anmeldung bestätigen" in page.text
    assert client.post(confirm).status_code == 302
    registration.refresh_from_db()
    assert not registration.awaits_email_confirmation and registration.expires_at is None
    assert "Anmeldung bestätigt" in mail.outbox[-1].subject


def test_unconfirmed_guest_expires_and_frees_the_place_for_the_waiting_list(client):
    event = EventFactory(capacity=1, start=timezone.now() + timedelta(days=5))
    register_guest(client, event, email="zu-spaet@example.org")
    waiting = services.registration_create(event=event, person=UserFactory(), name="")
    assert waiting.status == Registration.Status.WAITLISTED
    confirm = link(mail.outbox[0], "confirm")

    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        assert services.registrations_expire_unconfirmed() == 1
        guest = Registration.objects.get(email="zu-spaet@example.org")
        assert guest.status == Registration.Status.EXPIRED
        waiting.refresh_from_db()
        assert waiting.status == Registration.Status.CONFIRMED
        assert "Platz ist frei geworden" in mail.outbox[-1].subject
        # The old link now says clearly that it has expired.
        response = client.get(confirm)
        assert response.status_code == 410
        assert "Dieser Link ist abgelaufen" in response.text
        assert "Bestätigungslinks gelten 30 Minuten" in response.text


def test_full_event_puts_people_on_the_waiting_list_and_promotes_the_first(client):
    event = EventFactory(capacity=1)
    first = services.registration_create(event=event, name="Erste", email="a@example.org")
    services.registration_confirm_email(registration=first)
    second = services.registration_create(event=event, name="Zweite", email="b@example.org")
    third = services.registration_create(event=event, name="Dritte", email="c@example.org")
    assert [second.status, third.status] == [Registration.Status.WAITLISTED] * 2

    services.registration_cancel(registration=first)
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == Registration.Status.CONFIRMED
    assert third.status == Registration.Status.WAITLISTED
    promoted = [m for m in mail.outbox if "Platz ist frei geworden" in m.subject]
    assert [m.to for m in promoted] == [["b@example.org"]]


def test_hybrid_event_limits_only_on_site_places(client):
    event = EventFactory(capacity=1, hybrid=True, online_url="https://video.example/x")
    services.registration_create(event=event, name="A", email="a@example.org")
    on_site = services.registration_create(
        event=event, name="B", email="b@example.org", participation=Participation.ON_SITE
    )
    online = services.registration_create(
        event=event, name="C", email="c@example.org", participation=Participation.ONLINE
    )
    assert on_site.status == Registration.Status.WAITLISTED
    assert online.status == Registration.Status.CONFIRMED


def test_a_registered_address_gets_the_same_answer_and_its_owner_the_email(client):
    event = EventFactory()
    first = register_guest(client, event, email="doppelt@example.org")
    first_page = client.get(event.get_absolute_url()).text
    services.registration_confirm_email(registration=Registration.objects.get())
    mail.outbox.clear()
    client.cookies.clear()  # a stranger, from another device
    again = register_guest(client, event, name="Fremd", email="DOPPELT@example.org")
    again_page = client.get(event.get_absolute_url()).text
    # Nothing on the page tells the stranger that the address was registered already.
    assert again.status_code == first.status_code == 302
    assert again["Location"] == first["Location"]

    def visible(page):
        return re.sub(r"(csrfmiddlewaretoken\" value=\")[^\"]+|DOPPELT|doppelt", "", page)

    assert visible(again_page) == visible(first_page)
    assert Registration.objects.filter(event=event).count() == 1
    # The owner of the address learns of it, with the links of the existing registration.
    (owner,) = mail.outbox
    assert owner.to == ["doppelt@example.org"]
    assert "bereits angemeldet" in owner.subject
    # A third try within minutes sends no further email.
    register_guest(client, event, email="doppelt@example.org")
    assert len(mail.outbox) == 1


def test_an_address_holds_only_a_few_unconfirmed_places(client, settings):
    settings.GUEST_OPEN_REGISTRATIONS_PER_ADDRESS = 2
    events = [EventFactory() for _ in range(3)]
    for event in events[:2]:
        assert register_guest(client, event, email="viel@example.org").status_code == 302
    refused = register_guest(client, events[2], name="Viel", email="viel@example.org")
    assert refused.status_code == 400
    assert "warten noch Anmeldungen auf Bestätigung" in refused.text
    assert 'value="Viel"' in refused.text
    assert Registration.objects.filter(email="viel@example.org").count() == 2


def test_eight_fake_guests_cannot_fill_an_event_for_long(client, settings):
    """8 places, 8 addresses nobody confirms: after the hold the places are free again."""
    settings.GUEST_HOLD_MINUTES = 30
    event = EventFactory(capacity=8, start=timezone.now() + timedelta(days=3))
    for n in range(8):  # from eight connections and domains (one gets a quarter only)
        client.post(
            event.get_absolute_url(),
            {"name": "Gerda Gast", "email": f"fake{n}@ort{n}.example"},
            REMOTE_ADDR=f"203.0.113.{n}",
        )
    person = UserFactory()
    waiting = services.registration_create(event=event, person=person, name="")
    assert waiting.status == Registration.Status.WAITLISTED
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        assert services.registrations_expire_unconfirmed() == 8
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED


def test_guest_registrations_are_limited_per_client_behind_the_proxy(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "guest_registration": "3/h/ip",
    }
    event = EventFactory(capacity=50)

    def register(n, client_address):
        return client.post(
            event.get_absolute_url(),
            {"name": "Gerda Gast", "email": f"g{n}@example.org"},
            REMOTE_ADDR="10.0.0.2",  # the proxy
            HTTP_X_FORWARDED_FOR=client_address,
        )

    assert [register(n, "198.51.100.1").status_code for n in range(3)] == [302] * 3
    over = register(3, "198.51.100.1")
    assert over.status_code == 429
    assert "Ihre Eingaben sind noch da" in over.text and 'value="g3@example.org"' in over.text
    # Another citizen behind the same proxy is not affected.
    assert register(4, "198.51.100.2").status_code == 302


def test_bad_email_is_explained_and_input_kept(client):
    event = EventFactory()
    response = register_guest(client, event, name="Gerda", email="gerda-at-example")
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.text
    assert 'value="gerda-at-example"' in response.text
    assert not Registration.objects.exists()


def test_registration_closes_at_the_start_and_respects_the_window(client):
    started = EventFactory(start=timezone.now() - timedelta(minutes=5))
    assert register_guest(client, started).status_code == 400
    later = EventFactory(registration_opens=timezone.now() + timedelta(days=2))
    response = register_guest(client, later)
    assert "Die Anmeldung öffnet am" in response.text
    closed = EventFactory(registration_closes=timezone.now() - timedelta(hours=1))
    assert "Die Anmeldung ist geschlossen." in client.get(closed.get_absolute_url()).text
    assert not Registration.objects.exists()


def test_cancel_by_signed_link_until_the_start(client):
    event = EventFactory(capacity=3)
    user = UserFactory()
    client.force_login(user)
    client.post(event.get_absolute_url(), {})
    cancel = link(mail.outbox[0], "cancel")
    client.logout()  # the link works without logging in

    page = client.get(cancel)
    assert page.status_code == 200 and "Ja, meine Anmeldung stornieren" in page.text
    client.post(cancel)
    assert Registration.objects.get().status == Registration.Status.CANCELLED


def test_cancel_link_after_the_start_is_refused_with_a_message(client):
    event = EventFactory()
    registration = RegistrationFactory(event=event)
    from events import tokens

    url = reverse("events:cancel", args=[tokens.MANAGE.make(registration)])
    with time_machine.travel(event.start + timedelta(minutes=1)):
        response = client.post(url)
    assert "kann nicht mehr storniert werden" in response.text
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


@pytest.mark.parametrize("purpose", ["confirm", "cancel"])
def test_forged_link_is_refused_with_a_clear_page(client, purpose):
    registration = RegistrationFactory()
    from events import tokens

    token = tokens.MANAGE.make(registration)
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    response = client.get(reverse(f"events:{purpose}", args=[forged]))
    assert response.status_code == 400
    assert "Dieser Link ist ungültig" in response.text


def test_my_events_lists_and_cancels_only_my_own(client):
    me, other = UserFactory(), UserFactory()
    mine = RegistrationFactory(person=me, email=me.email)
    theirs = RegistrationFactory(person=other, email=other.email)
    client.force_login(me)
    page = client.get(reverse("events:mine")).text
    assert mine.event.title in page and theirs.event.title not in page

    assert client.post(reverse("events:my_cancel", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Registration.Status.CONFIRMED
    question = client.get(reverse("events:my_cancel", args=[mine.pk]))
    assert "Möchten Sie Ihre Anmeldung stornieren?" in question.text
    mine.refresh_from_db()
    assert mine.status == Registration.Status.CONFIRMED  # asking changed nothing
    client.post(reverse("events:my_cancel", args=[mine.pk]))
    mine.refresh_from_db()
    assert mine.status == Registration.Status.CANCELLED
    page = client.get(reverse("events:mine")).text
    cancelled = page.split("Abgesagt</h2>")[1].split("<h2")[0]
    assert mine.event.title in cancelled
    assert reverse("events:ics", args=[mine.event.pk]) not in page  # no calendar link


def test_staff_gets_one_email_at_80_and_one_at_100_percent(client, einbeck, staff_einbeck):
    event = EventFactory(hub=einbeck, capacity=5)
    for n in range(6):  # six people, six organisations
        services.registration_create(event=event, name=f"P{n}", email=f"p{n}@ort{n}.example")
    alerts = [m for m in mail.outbox if m.to == [staff_einbeck.email]]
    assert [m.subject.split(":")[0] for m in alerts] == ["80% ausgebucht", "Ausgebucht"]


def test_event_cancelled_by_staff_tells_everyone(client):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event, email="a@example.org")
    RegistrationFactory(event=event, email="b@example.org", status=Registration.Status.WAITLISTED)
    RegistrationFactory(event=event, email="c@example.org", status=Registration.Status.CANCELLED)
    services.event_cancel(event=event, reason="Referent erkrankt")
    told = sorted(m.to[0] for m in mail.outbox if "abgesagt" in m.subject)
    assert told == ["a@example.org", "b@example.org"]
    assert "Referent erkrankt" in mail.outbox[0].body
    page = client.get(event.get_absolute_url()).text
    assert "Diese Veranstaltung wurde abgesagt." in page and "Referent erkrankt" in page


def test_assisted_registration_without_email_is_kept_and_printable(client, staff_einbeck, einbeck):
    event = EventFactory(hub=einbeck)
    client.force_login(staff_einbeck)
    response = client.post(
        reverse("admin:events_event_register", args=[event.pk]),
        {
            "name": "Herr Ohnemail",
            "email": "",
            "phone": "05561 1234",
            "language": "de",
            "participation": "on_site",
        },
    )
    registration = Registration.objects.get(name="Herr Ohnemail")
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.booked_by == staff_einbeck
    assert response["Location"] == reverse("events:print", args=[registration.pk])
    printed = client.get(response["Location"]).text
    assert "Herr Ohnemail" in printed and event.title in printed
    assert mail.outbox == []


def test_published_only_drafts_are_not_public(client):
    draft = EventFactory(status=Event.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert draft.title not in client.get(reverse("events:programme")).text


def test_expiry_sweep_command_frees_places(client):
    from django.core.management import call_command

    event = EventFactory(capacity=1)
    register_guest(client, event, email="vergessen@example.org")
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        call_command("registrations_expire_unconfirmed")
    assert Registration.objects.get().status == Registration.Status.EXPIRED


def test_expiry_task_is_scheduled_by_beat():
    from config.celery import app

    app.loader.import_default_modules()  # what a worker does at start-up
    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "events.registrations_expire_unconfirmed" in tasks
    assert "events.registrations_expire_unconfirmed" in app.tasks


def test_a_waitlisted_guest_is_told_the_waiting_list_in_page_and_email(client):
    """From the first word on, the page, the email and the confirm page say "waiting
    list, position 1" and what happens when a place frees; none says the place is
    held (issue 26, item 1)."""
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    response = register_guest(client, event, name="Wanda", email="wanda@example.org")
    assert response.status_code == 302
    page = client.get(event.get_absolute_url()).text
    assert "Bitte bestätigen Sie Ihre Adresse" in page  # the same page for every guest
    assert 'name="email" value=""' not in page  # no empty form again
    (email,) = [m for m in mail.outbox if m.to == ["wanda@example.org"]]
    for text in (page, email.body):
        assert "Sie stehen auf der Warteliste, Platz 1" in text
        assert "rücken Sie automatisch nach" in text
        assert "reserviert" not in text and "halten wir Ihren Platz" not in text
    assert "Ihre Anmeldung ist bestätigt" not in email.body
    assert "Status: Warteliste, Platz 1 – E-Mail-Bestätigung ausstehend" in email.body
    assert not email.attachments  # a place on a waiting list is no calendar entry
    registration = Registration.objects.get(email="wanda@example.org")
    confirm = client.post(
        reverse("events:confirm", args=[tokens.CONFIRM.make(registration)]), follow=True
    )
    assert "Sie stehen auf der Warteliste, Platz 1" in confirm.text
    assert "Ihre Anmeldung ist bestätigt" not in confirm.text
    assert "Warteliste, Platz 1" in client.get(event.get_absolute_url()).text


def test_a_guest_with_a_free_place_is_told_it_is_held_until_they_confirm(client):
    event = EventFactory(capacity=5)
    register_guest(client, event, name="Gerd", email="gerd@example.org")
    page = client.get(event.get_absolute_url()).text
    (email,) = [m for m in mail.outbox if m.to == ["gerd@example.org"]]
    for text in (page, email.body):
        assert "bis dahin ist Ihr Platz für Sie reserviert" in text
        assert "Warteliste" not in text


def test_the_email_can_be_sent_again_but_not_every_second(client):
    event = EventFactory()
    register_guest(client, event, email="lena@example.org")
    mail.outbox.clear()
    url = reverse("events:resend", args=[event.pk, event.slug])
    client.post(url, {"email": "lena@example.org"})
    assert [m.to for m in mail.outbox] == [["lena@example.org"]]
    again = client.post(url, {"email": "lena@example.org"}, follow=True)
    assert "gerade eben gesendet" in again.text
    assert len(mail.outbox) == 1
    # An address that is not registered gets the same answer and no email.
    other = client.post(url, {"email": "niemand@example.org"}, follow=True)
    assert "Falls niemand@example.org für diese Veranstaltung angemeldet ist" in other.text
    assert len(mail.outbox) == 1


def test_attendance_is_refused_before_the_day_of_the_event():
    """Item 9: "present" two days before the event is refused, with the day named.
    The event starts at 18:00 (an hour before is the same day, whatever the time the
    test runs)."""
    from tests.clock import at

    start = at(timezone.localdate() + timedelta(days=2), 18)
    event = EventFactory(start=start, end=start + timedelta(hours=2))
    registration = RegistrationFactory(event=event)
    with pytest.raises(services.RegistrationError) as refused:
        services.registration_set_attendance(registration=registration, attendance="attended")
    assert "ab dem Tag der Veranstaltung" in refused.value.message
    registration.refresh_from_db()
    assert registration.attendance == ""
    services.registration_set_attendance(
        registration=registration, attendance="attended", now=event.start - timedelta(hours=1)
    )
    assert registration.attendance == "attended"
