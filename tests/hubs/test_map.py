"""The hubs' map: drawn by the portal from coordinates, readable, with a text list."""

from decimal import Decimal
from itertools import combinations

import pytest
from django.core.management import call_command
from django.urls import reverse

from hubs.map import MapPoint, hub_map
from hubs.models import Hub
from tests.factories import HubFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_hubs(settings):
    settings.DEBUG = False
    call_command("seed_demo")
    return list(Hub.objects.all())


def test_map_puts_hubs_where_they_lie_and_no_label_covers_another(demo_hubs):
    drawn = hub_map(demo_hubs)
    where = {p.hub.slug: p for p in drawn.points}
    assert len(where) == 5
    # North is up, east is right: Einbeck (Lower Saxony) far south, Oldenburg east.
    assert where["einbeck"].y > where["wilster"].y > where["rendsburg"].y
    assert where["oldenburg-in-holstein"].x > where["rendsburg"].x > where["hennstedt"].x
    for a, b in combinations(drawn.points, 2):
        assert not a.label_box.overlaps(b.label_box), (a.label, b.label)
    for point in drawn.points:
        assert point.label_box.inside(drawn.width, drawn.height), point.label
        # A tap target of 24 px (WCAG 2.5.8) even where the map is drawn 288 px wide.
        assert point.label_box.height * 288 / drawn.width >= 24
        for other in drawn.points:
            r = MapPoint.hit_radius
            other_dot = type(point.label_box)(other.x - r, other.y - r, other.x + r, other.y + r)
            assert not point.label_box.overlaps(other_dot), (point.label, other.label)


def test_scale_bar_is_true_to_the_distance_between_two_hubs():
    # Two hubs one degree of latitude apart (111 km), on the same meridian.
    north = HubFactory(latitude=Decimal("54.0"), longitude=Decimal("10.0"))
    south = HubFactory(latitude=Decimal("53.0"), longitude=Decimal("10.0"))
    drawn = hub_map([north, south])
    units = {p.hub: p.y for p in drawn.points}
    units_per_km = (units[south] - units[north]) / 111.32
    bar = drawn.scale_end - drawn.scale_x
    assert bar == pytest.approx(drawn.scale_km * units_per_km)


def test_hubs_without_coordinates_are_left_off_the_map_but_stay_in_the_list(client):
    HubFactory(town="Ohneort", latitude=None, longitude=None)
    assert hub_map(list(Hub.objects.all())) is None
    page = client.get(reverse("hubs:list")).text
    assert "portal-map__svg" not in page and "Ohneort" in page


def test_hub_list_and_home_draw_the_map_with_a_link_to_each_hub(client, demo_hubs):
    for url in [reverse("hubs:list"), reverse("home")]:
        page = client.get(url).text
        svg = page[
            page.index('<svg class="portal-map__svg"') : page.index(
                "</svg>", page.index("portal-map__svg")
            )
        ]
        for hub in demo_hubs:
            assert f'href="{hub.get_absolute_url()}"' in svg
            assert hub.town in svg
        assert "km</text>" in svg  # scale bar
        assert "http" not in svg  # nothing from elsewhere
    # Filtering the list filters the map.
    page = client.get(reverse("hubs:list") + "?state=NI").text
    svg = page[page.index("portal-map__svg") : page.index("</svg>")]
    assert "/hubs/einbeck/" in svg and "/hubs/wilster/" not in svg
