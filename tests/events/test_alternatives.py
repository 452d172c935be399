"""When an event is full or its hub shut, the page points to the nearest alternative
in the network: the series' next date, then the same kind of event elsewhere, nearest
hub first; a shut hub's page lists the hubs open today, nearest first."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from django.utils import timezone

from events import services
from events.models import EventSeries, Kind
from hubs.geo import distance_km
from tests.factories import (
    EventFactory,
    HubFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db

# Real places: Einbeck (NI), Rendsburg, Wilster and Oldenburg in Holstein (SH).
EINBECK = ("51.8197", "9.8683")
WILSTER = ("53.9220", "9.3745")
RENDSBURG = ("54.3060", "9.6633")
OLDENBURG = ("54.2922", "10.8867")


def hub(slug, where):
    return HubFactory(slug=slug, name=f"Hub {slug}", latitude=where[0], longitude=where[1])


@pytest.fixture
def hubs():
    places = {"einbeck": EINBECK, "wilster": WILSTER, "rendsburg": RENDSBURG}
    return {slug: hub(slug, where) for slug, where in {**places, "oldenburg": OLDENBURG}.items()}


def test_distances_are_the_real_ones(hubs):
    assert 230 < distance_km(hubs["einbeck"], hubs["wilster"]) < 240
    assert 40 < distance_km(hubs["wilster"], hubs["rendsburg"]) < 50
    assert distance_km(hubs["wilster"], HubFactory(latitude=None, longitude=None)) is None


def test_a_full_event_suggests_the_same_kind_elsewhere_nearest_hub_first(client, hubs):
    start = timezone.now() + timedelta(days=5)
    full = EventFactory(hub=hubs["wilster"], kind=Kind.TRAINING, capacity=1, start=start,
                        end=start + timedelta(hours=2))  # fmt: skip
    RegistrationFactory(event=full)
    for slug in ("einbeck", "oldenburg", "rendsburg"):
        EventFactory(hub=hubs[slug], kind=Kind.TRAINING, title=f"Schulung {slug}")
    EventFactory(hub=hubs["rendsburg"], kind=Kind.WORKSHOP, title="Werkstatt")  # other kind
    page = client.get(full.get_absolute_url())
    names = [a.event.title for a in page.context["alternatives"]]
    assert names == ["Schulung rendsburg", "Schulung oldenburg", "Schulung einbeck"]
    assert "Alternativen im Netzwerk" in page.text and "km entfernt" in page.text


def test_the_next_date_of_the_series_comes_first_and_full_ones_are_left_out(client, hubs):
    series = EventSeries.objects.create(
        hub=hubs["wilster"], title="Schulung", summary="Wöchentlich", kind=Kind.TRAINING,
        frequency=EventSeries.Frequency.WEEKLY, weekday=2, starts_at=time(10),
        ends_at=time(11), first_date=date(2026, 1, 1), last_date=date(2027, 12, 31),
    )  # fmt: skip
    soon = timezone.now() + timedelta(days=3)
    first, second, third = (
        EventFactory(hub=hubs["wilster"], kind=Kind.TRAINING, series=series, capacity=1,
                     start=soon + timedelta(days=7 * n), end=soon + timedelta(days=7 * n, hours=1))
        for n in range(3)
    )  # fmt: skip
    RegistrationFactory(event=first)
    RegistrationFactory(event=second)  # the next date is full as well
    EventFactory(hub=hubs["rendsburg"], kind=Kind.TRAINING, title="Schulung Rendsburg")
    alternatives = client.get(first.get_absolute_url()).context["alternatives"]
    assert alternatives[0].event == third and alternatives[0].next_date
    assert [a.event.title for a in alternatives[1:]] == ["Schulung Rendsburg"]


def test_an_event_with_places_suggests_nothing(client, hubs):
    event = EventFactory(hub=hubs["wilster"], capacity=10)
    EventFactory(hub=hubs["rendsburg"], kind=event.kind)
    page = client.get(event.get_absolute_url())
    assert page.context["alternatives"] == [] and "Alternativen im Netzwerk" not in page.text


def test_a_cancelled_event_suggests_alternatives(client, hubs):
    event = EventFactory(hub=hubs["wilster"], kind=Kind.WORKSHOP)
    EventFactory(hub=hubs["rendsburg"], kind=Kind.WORKSHOP, title="Werkstatt Rendsburg")
    services.event_cancel(event=event, reason="Krankheit")
    alternatives = client.get(event.get_absolute_url()).context["alternatives"]
    assert [a.event.title for a in alternatives] == ["Werkstatt Rendsburg"]


@time_machine.travel(datetime(2026, 12, 16, 9, tzinfo=UTC), tick=False)  # a Wednesday
def test_a_shut_hub_lists_the_hubs_open_today_nearest_first(client, hubs):
    for h in hubs.values():
        OpeningHoursFactory(hub=h, weekday=2, opens=time(9), closes=time(16))
    OpeningExceptionFactory(hub=hubs["wilster"], start_date=date(2026, 12, 16),
                            end_date=date(2026, 12, 16), reason="Inventur")  # fmt: skip
    OpeningExceptionFactory(hub=hubs["rendsburg"], start_date=date(2026, 12, 16),
                            end_date=date(2026, 12, 16), reason="Umzug")  # fmt: skip
    page = client.get(hubs["wilster"].get_absolute_url())
    nearby = [(o.hub.slug, round(km)) for o, km in page.context["page"].nearby_open]
    assert [slug for slug, _ in nearby] == ["oldenburg", "einbeck"]  # Rendsburg is shut too
    assert "Heute geschlossen. Heute geöffnet in der Nähe:" in page.text
    open_page = client.get(hubs["einbeck"].get_absolute_url())
    assert open_page.context["page"].nearby_open == []
