"""Calendar feeds and .ics files, read back with the icalendar library."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from events import services
from events.models import Kind
from tests.factories import EventFactory, HubFactory

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def vevents(response):
    assert response["Content-Type"].startswith("text/calendar")
    return {str(c["uid"]): c for c in Calendar.from_ical(response.content).walk("VEVENT")}


@time_machine.travel(datetime(2026, 10, 1, 12, tzinfo=UTC), tick=False)
def test_feed_gives_the_right_utc_instants_on_both_sides_of_the_dst_change(client):
    before = EventFactory(
        title="Samstag",
        start=datetime(2026, 10, 24, 18, tzinfo=BERLIN),
        end=datetime(2026, 10, 24, 20, tzinfo=BERLIN),
    )
    after = EventFactory(
        title="Montag",
        start=datetime(2026, 10, 26, 18, tzinfo=BERLIN),
        end=datetime(2026, 10, 26, 20, tzinfo=BERLIN),
    )
    events = vevents(client.get(reverse("events:feed")))
    sat = events[f"event-{before.pk}@127.0.0.1"]
    mon = events[f"event-{after.pk}@127.0.0.1"]
    assert sat.decoded("dtstart").astimezone(UTC) == datetime(2026, 10, 24, 16, tzinfo=UTC)
    assert mon.decoded("dtstart").astimezone(UTC) == datetime(2026, 10, 26, 17, tzinfo=UTC)
    # Shown as 18:00 local on both days.
    assert sat.decoded("dtstart").hour == mon.decoded("dtstart").hour == 18
    assert str(sat["dtstart"].params["TZID"]) == "Europe/Berlin"


def test_cancelled_events_stay_in_the_feed_marked_cancelled_with_the_same_uid(client):
    event = EventFactory()
    uid = f"event-{event.pk}@127.0.0.1"
    assert str(vevents(client.get(reverse("events:feed")))[uid]["status"]) == "CONFIRMED"
    services.event_cancel(event=event, reason="Krankheit")
    assert str(vevents(client.get(reverse("events:feed")))[uid]["status"]) == "CANCELLED"


def test_feeds_per_hub_and_per_kind_contain_only_their_events(client):
    einbeck, wilster = HubFactory(slug="einbeck"), HubFactory(slug="wilster")
    training = EventFactory(hub=einbeck, kind=Kind.TRAINING)
    evening = EventFactory(hub=wilster, kind=Kind.THEMED_EVENING)
    hub_feed = vevents(client.get(reverse("events:feed_hub", args=["einbeck"])))
    assert list(hub_feed) == [f"event-{training.pk}@127.0.0.1"]
    kind_feed = vevents(client.get(reverse("events:feed_kind", args=["themed_evening"])))
    assert list(kind_feed) == [f"event-{evening.pk}@127.0.0.1"]
    assert client.get(reverse("events:feed_kind", args=["nonsense"])).status_code == 404


def test_feed_answers_304_when_nothing_changed_and_200_after_a_change(client):
    event = EventFactory()
    first = client.get(reverse("events:feed"))
    etag = first["ETag"]
    assert client.get(reverse("events:feed"), HTTP_IF_NONE_MATCH=etag).status_code == 304
    event.title = "Neuer Titel"
    event.save()
    changed = client.get(reverse("events:feed"), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_personal_ics_has_an_alarm_and_drafts_have_none(client):
    event = EventFactory()
    cal = Calendar.from_ical(client.get(reverse("events:ics", args=[event.pk])).content)
    (alarm,) = cal.walk("VALARM")
    assert alarm.decoded("trigger") == -timedelta(hours=1)
    draft = EventFactory(status="draft")
    assert client.get(reverse("events:ics", args=[draft.pk])).status_code == 404


def test_feed_query_count_stays_flat_with_a_thousand_events(client, django_assert_max_num_queries):
    hub = HubFactory()
    EventFactory.create_batch(3, hub=hub)
    with django_assert_max_num_queries(6) as few:
        client.get(reverse("events:feed"))
    EventFactory.create_batch(1000, hub=hub)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("events:feed"))
    assert len(vevents(response)) == 1003


def test_programme_offers_https_feeds_with_a_webcal_alternative(client, settings):
    settings.SITE_URL = "https://hubs.example.org"
    hub = HubFactory(slug="einbeck")
    page = client.get(reverse("events:programme")).text
    assert 'href="https://hubs.example.org/events/feed.ics"' in page
    assert 'href="webcal://hubs.example.org/events/feed.ics"' in page
    hub_page = client.get(hub.get_absolute_url()).text
    assert 'href="https://hubs.example.org/events/feed/hub/einbeck.ics"' in hub_page


def test_feed_shows_a_changed_title_and_hub_address_though_its_entries_are_cached(client):
    hub = HubFactory(street="Marktplatz 1", postal_code="37574", town="Einbeck")
    event = EventFactory(hub=hub, title="Sprechstunde", room="")
    first = client.get(reverse("events:feed"))
    (entry,) = vevents(first).values()
    assert "Marktplatz 1" in str(entry["location"])
    hub.street = "Möncheplatz 6"
    hub.save()
    moved = client.get(reverse("events:feed"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert moved.status_code == 200
    (entry,) = vevents(moved).values()
    assert str(entry["location"]) == f"{hub.name}, Möncheplatz 6, 37574 Einbeck"
    event.title = "Offene Sprechstunde"
    event.save()
    (entry,) = vevents(client.get(reverse("events:feed"))).values()
    assert str(entry["summary"]) == "Offene Sprechstunde"


def test_feed_from_cached_entries_is_the_same_calendar_as_one_built_whole(client):
    from events import ics, selectors
    from hubportal import calendars

    EventFactory.create_batch(3)
    events = list(selectors.feed_events())
    whole = calendars.new_calendar("Feed", source="https://hubs.example/feed.ics")
    for event in events:
        whole.add_component(calendars.vevent(**ics._fields(event)))
    expected = calendars.to_bytes(whole)
    assert ics.feed(events, "Feed", "https://hubs.example/feed.ics") == expected  # entries made now
    assert (
        ics.feed(events, "Feed", "https://hubs.example/feed.ics") == expected
    )  # entries from the cache
