"""The hub's widget for a town's website: framed only by the websites staff allow."""

from datetime import time

import pytest
from django.urls import reverse

from hubportal.links import absolute
from tests.factories import EventFactory, HubFactory, OpeningHoursFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub():
    hub = HubFactory(slug="einbeck", name="EIN.Lebens.raum",
                     widget_origins="https://www.einbeck.de\nhttps://einbeck.de/\n")  # fmt: skip
    for weekday in range(7):
        OpeningHoursFactory(hub=hub, weekday=weekday, opens=time(0), closes=time(23, 59))
    return hub


def frame_ancestors(response) -> str:
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    return policy["frame-ancestors"]


def test_widget_may_be_framed_by_the_allowed_websites_only(client, hub):
    response = client.get(reverse("hubs:widget", args=["einbeck"]))
    assert frame_ancestors(response) == "https://www.einbeck.de https://einbeck.de"
    assert "X-Frame-Options" not in response
    page = client.get(hub.get_absolute_url())
    assert frame_ancestors(page) == "'none'" and page["X-Frame-Options"] == "DENY"


def test_a_hub_without_allowed_websites_may_not_be_framed(client):
    HubFactory(slug="wilster")
    response = client.get(reverse("hubs:widget", args=["wilster"]))
    assert frame_ancestors(response) == "'none'"


def test_widget_says_open_now_and_links_the_next_events_out_of_the_frame(client, hub):
    EventFactory(hub=hub, title="Themenabend")
    html = client.get(reverse("hubs:widget", args=["einbeck"])).text
    assert "Jetzt geöffnet" in html
    assert 'target="_top"' in html and "Themenabend" in html
    assert "portal-header" not in html  # no navigation inside someone else's page
    english = client.get("/en" + reverse("hubs:widget", args=["einbeck"])).text
    assert "Open now" in english


def test_staff_cannot_save_anything_but_website_addresses(client, hub, superuser):
    from hubs.models import Hub

    hub.widget_origins = "https://www.einbeck.de/rathaus\n*"
    with pytest.raises(Exception) as refused:
        hub.full_clean()
    assert "ist keine Website-Adresse" in str(refused.value)
    assert Hub.objects.get(pk=hub.pk).frame_origins == [
        "https://www.einbeck.de",
        "https://einbeck.de",
    ]


def test_admin_offers_the_frame_code_and_plain_html(client, hub, superuser):
    client.force_login(superuser)
    page = client.get(f"/admin/hubs/hub/{hub.pk}/change/").text
    url = absolute("/hubs/einbeck/widget/")
    assert f"&lt;iframe src=&quot;{url}&quot; title=&quot;EIN.Lebens.raum&quot;" in page
    assert "Aktuelle Öffnungszeiten, Schließtage und Veranstaltungen" in page


def test_a_304_keeps_the_widgets_own_policy(client, hub):
    """Browsers put a 304's headers on their stored copy: with the default policy on
    it, the town's website would show an empty frame from the second visit on."""
    url = reverse("hubs:widget", args=["einbeck"])
    first = client.get(url)
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert frame_ancestors(again) == "https://www.einbeck.de https://einbeck.de"
