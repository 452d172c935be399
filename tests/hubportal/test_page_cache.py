"""Anonymous public pages come from the page cache (hubportal/pagecache.py) and are
still right: a change shows at the next request, "open now" flips on the minute,
forms get the visitor's own CSRF token, nobody gets somebody else's private page."""

from datetime import time

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from events.models import Registration
from hubs.models import Hub
from tests.clock import at
from tests.factories import EventFactory, HubFactory, OpeningHoursFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE = True  # as in production (off while developing)


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
