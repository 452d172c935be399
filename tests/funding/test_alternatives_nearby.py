"""A search for advice at a hub that finds nothing names the nearest hubs with a free
slot, and advice by video, each with its first free time."""

from datetime import date, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from funding.models import Absence
from funding.selectors import alternatives_nearby
from tests.factories import AvailabilityWindowFactory, HubFactory, OpeningHoursFactory

from .conftest import TUE, make_advisor

pytestmark = pytest.mark.django_db


def _hub(slug, lat, lon):
    hub = HubFactory(slug=slug, name=f"Hub {slug}", latitude=lat, longitude=lon, state="SH")
    for weekday in range(5):
        OpeningHoursFactory(hub=hub, weekday=weekday, opens=time(9), closes=time(17))
    return hub


@pytest.fixture
def network(topic):
    oldenburg = _hub("oldenburg", 54.2927, 10.8867)
    rendsburg = _hub("rendsburg", 54.3060, 9.6630)
    einbeck = _hub("einbeck-sued", 51.8186, 9.8672)
    away = make_advisor("ole@dataport.example", "Ole Oldenburg", oldenburg, topic)
    Absence.objects.create(  # away for the whole search: nothing in Oldenburg
        advisor=away, start_date=date(2026, 11, 1), end_date=date(2027, 1, 31)
    )
    near = make_advisor("rike@dataport.example", "Rike Rendsburg", rendsburg, topic)
    far = make_advisor("erik@dataport.example", "Erik Einbeck", einbeck, topic)
    return {"oldenburg": oldenburg, "rendsburg": rendsburg, "einbeck": einbeck, "near": near,
            "far": far}  # fmt: skip


def test_nothing_at_the_hub_suggests_the_nearest_hubs_then_video(client, network, monday_morning):
    oldenburg = network["oldenburg"]
    response = client.get(
        reverse("funding:index"),
        {"place": "hub:oldenburg", "topic": "digitalisierung", "minutes": 60},
    )
    page = response.text
    assert "ist in den nächsten vier Wochen nichts frei" in page
    assert "Anderswo frei:" in page
    page = page.split('id="nearby-title"')[1].split("</aside>")[0]
    rendsburg, einbeck = (
        page.index("Vor Ort: Hub rendsburg"),
        page.index("Vor Ort: Hub einbeck-sued"),
    )
    video = page.index("Per Video oder Telefon", rendsburg)
    assert rendsburg < einbeck < video
    assert "ab Di 24.11., 09:00" in page  # Tuesday, the first window
    assert "place=hub:rendsburg&amp;topic=digitalisierung&amp;minutes=60" in page

    found = alternatives_nearby(hub=oldenburg, topic=None, minutes=60)
    assert [(p.hub.slug if p.hub else None) for p in found] == ["rendsburg", "einbeck-sued", None]
    assert round(found[0].km) == 79


def test_a_search_that_finds_slots_suggests_nothing(client, network, monday_morning):
    page = client.get(reverse("funding:index"), {"place": "hub:rendsburg", "minutes": 60}).text
    assert "Anderswo frei:" not in page


def test_the_suggestion_asks_as_many_queries_for_many_hubs(network, topic, monday_morning):
    with CaptureQueriesContext(connection) as few:
        alternatives_nearby(hub=network["oldenburg"], topic=topic, minutes=60)
    for n in range(5):
        hub = _hub(f"weitere-{n}", 54 + n / 10, 10.0)
        AvailabilityWindowFactory(
            advisor=network["near"], weekday=TUE, starts=time(15), ends=time(16), hub=hub
        )
    with CaptureQueriesContext(connection) as many:
        found = alternatives_nearby(hub=network["oldenburg"], topic=topic, minutes=60, limit=10)
    assert len(found) == 8  # seven hubs and video
    assert len(many) == len(few)


def test_a_hub_no_longer_shown_is_not_suggested(network, monday_morning):
    network["rendsburg"].active = False
    network["rendsburg"].save()
    found = alternatives_nearby(hub=network["oldenburg"], topic=None, minutes=60)
    assert [(p.hub.slug if p.hub else None) for p in found] == ["einbeck-sued", None]
