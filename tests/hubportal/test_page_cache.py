"""Anonymous public pages come from the page cache (hubportal/pagecache.py) and are
still right: a change shows at the next request, "open now" flips on the minute,
forms get the visitor's own CSRF token, nobody gets somebody else's private page."""

import gzip
from datetime import time

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.middleware import LAST_SEEN
from events.models import Registration
from hubs.models import Hub
from tests.clock import at
from tests.factories import (
    EventFactory,
    HubFactory,
    OpeningHoursFactory,
    RegistrationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_a_second_visitor_gets_the_page_without_a_database_query(
    client, einbeck, django_assert_num_queries
):
    first = client.get(reverse("hubs:detail", args=[einbeck.slug]))
    with django_assert_num_queries(0):
        again = Client().get(reverse("hubs:detail", args=[einbeck.slug]))
    assert again.status_code == 200 and first.text.count("<a ") == again.text.count("<a ")
    assert "no-cache" in again["Cache-Control"]  # browsers ask again, with the ETag


def test_a_change_shows_at_the_next_request_even_from_a_bulk_update(client, einbeck):
    url = reverse("hubs:detail", args=[einbeck.slug])
    assert "EIN.Lebens.raum" in client.get(url).text
    Hub.objects.filter(pk=einbeck.pk).update(name="EIN.Lebens.raum Einbeck")  # no signals
    assert "EIN.Lebens.raum Einbeck" in client.get(url).text
    assert "EIN.Lebens.raum Einbeck" in client.get(reverse("hubs:list")).text


def test_open_now_flips_on_the_minute(client):
    hub = HubFactory(name="EIN.Lebens.raum")
    OpeningHoursFactory(hub=hub, weekday=0, opens=time(9), closes=time(13))
    with time_machine.travel(at(23, 12, 59), tick=False) as clock:
        assert "Jetzt geöffnet, bis heute um 13:00" in client.get(reverse("home")).text
        clock.move_to(at(23, 13, 0))
        assert "Jetzt geschlossen" in client.get(reverse("home")).text


def test_places_left_follow_each_registration(client):
    event = EventFactory(capacity=5)
    assert "5 von 5 Plätzen frei" in client.get(event.get_absolute_url()).text
    Client().post(event.get_absolute_url(), {"name": "Gerda Gast", "email": "g@example.org"})
    assert Registration.objects.filter(event=event).count() == 1
    assert "4 von 5 Plätzen frei" in Client().get(event.get_absolute_url()).text


def test_each_visitor_gets_a_working_csrf_token_of_their_own(settings):
    event = EventFactory(capacity=5)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get(event.get_absolute_url())  # renders and stores the page
    page = second.get(event.get_absolute_url())  # from the cache
    token = page.text.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    assert token != "__portal_csrf__" and settings.CSRF_COOKIE_NAME in page.cookies
    response = second.post(
        event.get_absolute_url(),
        {"name": "Gerda Gast", "email": "gerda@example.org", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert Registration.objects.filter(email="gerda@example.org").exists()


def test_logged_in_pages_are_private_and_never_served_to_anyone_else(client, einbeck):
    url = reverse("hubs:detail", args=[einbeck.slug])
    client.force_login(UserFactory(name="Bea Bürger"))
    mine = client.get(url)
    assert "Abmelden" in mine.text and "private" in mine["Cache-Control"]
    anonymous = Client().get(url)
    assert "Abmelden" not in anonymous.text and "Bea Bürger" not in anonymous.text
    assert "Abmelden" in client.get(url).text  # and the cached page is not theirs


def test_an_unchanged_page_answers_304(client, einbeck):
    url = reverse("hubs:detail", args=[einbeck.slug])
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    Hub.objects.filter(pk=einbeck.pk).update(name="Neu")
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_the_english_offer_is_kept_apart(client, einbeck):
    url = reverse("hubs:detail", args=[einbeck.slug])
    offer = "This page is also available in English."
    assert offer not in client.get(url, HTTP_ACCEPT_LANGUAGE="de-DE").text
    assert offer in client.get(url, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").text
    assert offer not in client.get(url, HTTP_ACCEPT_LANGUAGE="de").text
    assert "Accept-Language" in client.get(url)["Vary"]


def test_a_visitor_with_a_message_waiting_gets_the_live_page(client, einbeck):
    url = reverse("hubs:detail", args=[einbeck.slug])
    client.get(url)
    assert client.get(url).wsgi_request.resolver_match is None  # from the cache
    client.cookies["messages"] = "anything"
    assert client.get(url).wsgi_request.resolver_match is not None  # rendered afresh


# -- each person's own pages (PrivatePageCacheMiddleware) --------------------------------
def _queries_on(table, client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [q for q in queries if f'"{table}"' in q["sql"]]


def test_my_events_is_kept_for_that_person_only_and_changes_at_once(client):
    gerda, hans = UserFactory(name="Gerda Gast"), UserFactory(name="Hans Held")
    mine = RegistrationFactory(event=EventFactory(title="Löten für Anfänger"), person=gerda)
    RegistrationFactory(event=EventFactory(title="Sprechstunde Förderung"), person=hans)
    url = reverse("events:mine")
    client.force_login(gerda)
    client.get(url)
    again, registrations = _queries_on("events_registration", client, url)
    assert "Löten für Anfänger" in again.text and not registrations  # from the cache
    assert "private" in again["Cache-Control"] and "Cookie" in again["Vary"]
    other = Client()
    other.force_login(hans)
    theirs = other.get(url).text
    assert "Sprechstunde Förderung" in theirs and "Löten für Anfänger" not in theirs
    mine.event.title = "Löten für Fortgeschrittene"  # staff edit the event
    mine.event.save()
    assert "Löten für Fortgeschrittene" in client.get(url).text


def test_a_message_is_shown_once_and_not_kept_with_the_page(client):
    gerda = UserFactory(name="Gerda Gast")
    registration = RegistrationFactory(event=EventFactory(capacity=5), person=gerda)
    client.force_login(gerda)
    url = reverse("events:mine")
    client.get(url)  # stored
    cancel = reverse("events:my_cancel", args=[registration.pk])
    assert "Ihre Anmeldung wurde storniert." in client.post(cancel, follow=True).text
    assert "Ihre Anmeldung wurde storniert." not in client.get(url).text
    assert "Ihre Anmeldung wurde storniert." not in client.get(url).text  # kept now
    # Cancelling twice changes nothing in the database, yet its message must show.
    again = client.post(cancel, follow=True).text
    assert "Diese Anmeldung ist nicht mehr aktiv." in again


def test_a_form_on_a_kept_page_gets_this_persons_csrf_token(settings):
    gerda = UserFactory(name="Gerda Gast")
    client = Client(enforce_csrf_checks=True)
    client.force_login(gerda)
    url = reverse("coworking:mine")
    client.get(url)
    page, bookings = _queries_on("coworking_booking", client, url)
    assert not bookings  # from the cache
    token = page.text.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    assert token != "__portal_csrf__"
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "/"}, HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 302


def test_the_idle_timeout_still_logs_staff_out_of_a_kept_cockpit(client, staff_einbeck, settings):
    client.force_login(staff_einbeck)
    url = reverse("admin:index")
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200  # from the cache
    session = client.session
    session[LAST_SEEN] = session[LAST_SEEN] - settings.STAFF_SESSION_IDLE_MINUTES * 60 - 1
    session.save()
    response = client.get(url)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_the_cockpit_is_kept_for_each_staff_member(client, staff_einbeck):
    client.force_login(staff_einbeck)
    url = reverse("admin:index")
    first = client.get(url)
    again, events = _queries_on("events_event", client, url)
    assert again.status_code == 200 and not events  # from the cache
    assert first.text.count("<a ") == again.text.count("<a ")
    assert "private" in again["Cache-Control"]


def test_a_large_feed_is_kept_compressed_and_sent_as_each_client_asks(client):
    for n in range(40):
        EventFactory(title=f"Sprechstunde Digitalisierung {n}")
    url = reverse("events:feed")
    plain = client.get(url)
    assert "Content-Encoding" not in plain and b"Sprechstunde Digitalisierung 39" in plain.content
    packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert packed["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 3
    again = client.get(url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=packed["ETag"])
    assert again.status_code == 304 and packed["ETag"] != plain["ETag"]


def test_a_page_with_a_form_is_never_compressed(client, einbeck):
    page = client.get(reverse("hubs:detail", args=[einbeck.slug]), HTTP_ACCEPT_ENCODING="gzip")
    assert "csrfmiddlewaretoken" in page.text and "Content-Encoding" not in page
