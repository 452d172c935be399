"""The programme: filters in the URL, pagination, archive, detail, hub page."""

import json
import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Audience, Event, Kind
from hubs.models import FocusTheme
from tests.factories import EventFactory, HubFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def titles(response):
    return [e.title for e in response.context["page"].object_list]


@pytest.fixture
def programme():
    theme = FocusTheme.objects.create(name="Smart City", slug="smart-city")
    einbeck, oldenburg = HubFactory(slug="einbeck"), HubFactory(slug="oldenburg")
    soon = timezone.now() + timedelta(days=3)
    return {
        "abend": EventFactory(
            hub=einbeck,
            title="Themenabend KI",
            kind=Kind.THEMED_EVENING,
            focus_theme=theme,
            start=soon,
        ),
        "schulung": EventFactory(
            hub=einbeck,
            title="Schulung E-Akte",
            kind=Kind.TRAINING,
            audience=Audience.MUNICIPAL_STAFF,
            capacity=1,
            start=soon + timedelta(days=20),
        ),
        "fuehrung": EventFactory(
            hub=oldenburg,
            title="Führung 3D-Scans",
            kind=Kind.SHOWROOM,
            start=soon + timedelta(days=40),
        ),
    }


def test_filters_by_hub_kind_theme_audience_and_text(client, programme):
    url = reverse("events:programme")
    assert titles(client.get(url, {"hub": "einbeck"})) == ["Themenabend KI", "Schulung E-Akte"]
    assert titles(client.get(url, {"kind": "showroom"})) == ["Führung 3D-Scans"]
    assert titles(client.get(url, {"theme": "smart-city"})) == ["Themenabend KI"]
    # A group's events include those open to everyone.
    assert titles(client.get(url, {"audience": "citizens"})) == [
        "Themenabend KI",
        "Führung 3D-Scans",
    ]
    assert len(titles(client.get(url, {"audience": "municipal_staff"}))) == 3
    assert titles(client.get(url, {"q": "3d-scan"})) == ["Führung 3D-Scans"]


def test_filters_by_date_range_and_free_places(client, programme):
    RegistrationFactory(event=programme["schulung"])  # its only place is taken
    url = reverse("events:programme")
    start = timezone.localdate() + timedelta(days=10)
    end = timezone.localdate() + timedelta(days=30)
    in_range = client.get(url, {"date_from": start.isoformat(), "date_to": end.isoformat()})
    assert titles(in_range) == ["Schulung E-Akte"]
    assert titles(client.get(url, {"free": "on"})) == ["Themenabend KI", "Führung 3D-Scans"]


def test_filters_live_in_the_url_and_survive_pagination(client):
    hub = HubFactory(slug="einbeck")
    for n in range(25):
        EventFactory(hub=hub, start=timezone.now() + timedelta(days=n + 1))
    page1 = client.get(reverse("events:programme"), {"hub": "einbeck"})
    assert len(titles(page1)) == 20
    assert 'href="?hub=einbeck&amp;page=2"' in page1.text
    page2 = client.get(reverse("events:programme"), {"hub": "einbeck", "page": "2"})
    assert len(titles(page2)) == 5


def test_invalid_filter_values_are_explained_not_a_500(client, programme):
    response = client.get(reverse("events:programme"), {"date_from": "31.02.2026", "kind": "x"})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.text


def test_past_events_are_in_the_archive_not_the_programme(client):
    past = EventFactory(title="Eröffnung", start=timezone.now() - timedelta(days=30))
    assert past.title not in client.get(reverse("events:programme")).text
    assert past.title in client.get(reverse("events:archive")).text


def test_programme_query_count_stays_flat_with_a_thousand_events(
    client, django_assert_max_num_queries
):
    hub = HubFactory()
    EventFactory.create_batch(3, hub=hub)
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("events:programme"))
    EventFactory.create_batch(1000, hub=hub)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("events:programme"), {"free": "on", "page": "3"})
    assert response.context["page"].paginator.count == 1003


def test_detail_shows_berlin_time_places_left_and_schema_org_json_ld(client):
    event = EventFactory(title="Themenabend", capacity=10)
    RegistrationFactory.create_batch(3, event=event)
    page = client.get(event.get_absolute_url()).text
    assert "7 von 10 Plätzen frei" in page
    local = timezone.localtime(event.start)
    assert local.strftime("%H:%M") in page
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1]
    )
    assert data["@type"] == "Event" and data["name"] == "Themenabend"
    assert data["remainingAttendeeCapacity"] == 7
    assert data["eventStatus"] == "https://schema.org/EventScheduled"


def test_detail_redirects_an_old_slug_to_the_current_one(client):
    event = EventFactory(slug="neu")
    response = client.get(reverse("events:detail", args=[event.pk, "alt"]))
    assert response.status_code == 301 and response["Location"] == event.get_absolute_url()


def test_hub_page_shows_the_hubs_next_events(client):
    hub = HubFactory()
    EventFactory(hub=hub, title="Nächster Themenabend")
    EventFactory(hub=hub, title="Entwurf", status=Event.Status.DRAFT)
    page = client.get(hub.get_absolute_url()).text
    assert "Nächste Veranstaltungen" in page
    assert "Nächster Themenabend" in page and "Entwurf" not in page


def test_this_week_and_this_month_shortcuts(client):
    import time_machine

    from tests.clock import at

    with time_machine.travel(at(25, 10), tick=False):  # Wednesday 25 November 2026
        for day, title in [(29, "Sonntag"), (30, "Montag"), (date(2026, 12, 1), "Dezember")]:
            EventFactory(title=title, start=at(day, 18))
        url = reverse("events:programme")
        assert titles(client.get(url, {"when": "week"})) == ["Sonntag"]
        assert titles(client.get(url, {"when": "month"})) == ["Sonntag", "Montag"]
        page = client.get(url).text
        # The audience list offers "everyone" once (as the empty choice), not twice.
        assert ">Alle Zielgruppen</option>" in page and ">Alle</option>" not in page


def test_the_rarer_filters_fold_away_unless_used(client):
    page = client.get(reverse("events:programme")).text
    assert '<details class="portal-more-filters">' in page
    used = client.get(reverse("events:programme"), {"kind": "training"}).text
    assert '<details class="portal-more-filters" open>' in used


def test_a_livestream_says_one_thing_about_where_and_how(client):
    from events.models import PlaceKind

    online = EventFactory(
        kind=Kind.LIVESTREAM,
        place_kind=PlaceKind.ONLINE,
        registration_required=False,
        livestream_url="https://stream.example/rat",
    )
    page = client.get(online.get_absolute_url()).text
    assert "Online – den Link zum Livestream finden Sie auf dieser Seite." in page
    assert "per E-Mail" not in page and "Kommen Sie einfach vorbei" not in page
    together = EventFactory(
        kind=Kind.LIVESTREAM,
        place_kind=PlaceKind.HUB,
        registration_required=False,
        livestream_url="https://stream.example/rat",
    )
    page = client.get(together.get_absolute_url()).text
    assert "Auch als Livestream: Den Link finden Sie auf dieser Seite." in page
