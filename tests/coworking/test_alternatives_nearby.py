"""Nothing free at a hub on a day: the page names the nearest hubs with free desks."""

from datetime import date, time, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coworking.selectors import alternatives_nearby
from tests.clock import at
from tests.factories import (
    BookingFactory,
    HubFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    WorkspaceFactory,
)

pytestmark = pytest.mark.django_db
DAY = date(2026, 12, 9)  # a Wednesday


def _hub(slug, lat, lon, desks=1):
    hub = HubFactory(slug=slug, name=f"Hub {slug}", latitude=lat, longitude=lon)
    for weekday in range(5):
        OpeningHoursFactory(hub=hub, weekday=weekday, opens=time(9), closes=time(17))
    for n in range(desks):
        WorkspaceFactory(hub=hub, name=f"Tisch {n + 1}")
    return hub


@pytest.fixture
def network():
    with time_machine.travel(at(date(2026, 12, 7), 8), tick=False):
        yield {
            "oldenburg": _hub("oldenburg", 54.2927, 10.8867),
            "rendsburg": _hub("rendsburg", 54.3060, 9.6630, desks=2),
            "wilster": _hub("wilster", 53.9229, 9.3752),
            "einbeck": _hub("einbeck", 51.8186, 9.8672),
        }


def test_a_full_day_lists_hubs_with_free_desks_nearest_first(client, network):
    oldenburg = network["oldenburg"]
    (desk,) = oldenburg.workspaces.all()
    BookingFactory(workspace=desk, start=at(DAY, 9), end=at(DAY, 17))
    (wilster_desk,) = network["wilster"].workspaces.all()
    BookingFactory(workspace=wilster_desk, start=at(DAY, 9), end=at(DAY, 17))  # full too
    with time_machine.travel(at(date(2026, 12, 7), 8), tick=False):
        found = alternatives_nearby(hub=oldenburg, day=DAY)
        assert [(f.hub.slug, f.workspaces) for f in found] == [("rendsburg", 2), ("einbeck", 1)]
        assert round(found[0].km) == 79 and found[0].free_hours == 16
        url = reverse("coworking:availability", args=["oldenburg"])
        page = client.get(url, {"week": "2026-12-07", "day": DAY.isoformat()}).text
    assert "Hier ist am Mittwoch, 9.12., nichts frei. In der Nähe frei:" in page
    assert page.index("Hub rendsburg") < page.index("Hub einbeck")
    assert "Hub wilster" not in page.split("nearby-title")[1].split("</aside>")[0]


def test_a_hub_closed_that_day_suggests_the_others_and_a_free_day_suggests_none(client, network):
    OpeningExceptionFactory(hub=network["oldenburg"], start_date=DAY, end_date=DAY)
    url = reverse("coworking:availability", args=["oldenburg"])
    with time_machine.travel(at(date(2026, 12, 7), 8), tick=False):
        page = client.get(url, {"week": "2026-12-07", "day": DAY.isoformat()}).text
        assert "In der Nähe frei:" in page and "Hub wilster" in page
        other_day = (DAY + timedelta(days=1)).isoformat()
        page = client.get(url, {"week": "2026-12-07", "day": other_day}).text
        assert "In der Nähe frei:" not in page


def test_the_suggestion_costs_the_same_queries_for_many_hubs(network):
    with time_machine.travel(at(date(2026, 12, 7), 8), tick=False):
        with CaptureQueriesContext(connection) as few:
            alternatives_nearby(hub=network["oldenburg"], day=DAY)
        for n in range(6):
            _hub(f"weitere-{n}", 54.0 + n / 10, 10.0, desks=3)
        with CaptureQueriesContext(connection) as many:
            assert len(alternatives_nearby(hub=network["oldenburg"], day=DAY, limit=20)) == 9
    assert len(many) == len(few)
