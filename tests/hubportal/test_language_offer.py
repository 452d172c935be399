"""A browser that prefers English is offered the English page, never redirected."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9,de;q=0.5"}
OFFER = "This page is also available in English."


def test_an_english_browser_gets_the_german_page_with_a_one_line_offer(client):
    response = client.get("/events/?kind=training", **ENGLISH_BROWSER)
    assert response.status_code == 200  # no redirect
    page = response.text
    assert '<html lang="de">' in page
    assert OFFER in page and 'lang="en"' in page
    assert 'href="/en/events/?kind=training" hreflang="en"' in page  # the same page
    assert "Accept-Language" in response["Vary"]  # caches keep the two apart


def test_no_offer_for_german_browsers_on_english_pages_or_after_choosing_german(client):
    assert OFFER not in client.get("/events/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9").text
    assert OFFER not in client.get("/en/events/", **ENGLISH_BROWSER).text
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    assert OFFER not in client.get("/events/", **ENGLISH_BROWSER).text


def test_a_browser_preferring_french_then_english_is_offered_english(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9,en;q=0.8").text
    assert OFFER in page


def test_english_pages_say_once_that_some_texts_are_only_in_german(client):
    note = "only available in German"
    english = client.get("/en/events/").text
    assert english.count(note) == 1
    assert english.index(note) < english.index('<main id="main"')
    assert note not in client.get("/events/").text
