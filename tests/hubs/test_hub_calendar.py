"""A hub's opening hours and closed days as a calendar feed, and RFC 7986 on every
public feed."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from tests.calendars import assert_rfc7986
from tests.factories import EventFactory, HubFactory, OpeningExceptionFactory, OpeningHoursFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub():
    hub = HubFactory(name="Digital Hub Wilster", slug="wilster", state="SH")
    for weekday in (1, 2, 3):  # Tue-Thu
        OpeningHoursFactory(hub=hub, weekday=weekday, opens=time(9), closes=time(15))
    return hub


@time_machine.travel(datetime(2026, 12, 14, 8, tzinfo=UTC), tick=False)
def test_hub_feed_has_each_opening_and_each_closed_day_as_the_hub_page_says(client, hub):
    OpeningExceptionFactory(
        hub=hub, start_date=date(2026, 12, 29), end_date=date(2026, 12, 30), reason="Inventur"
    )
    response = client.get(reverse("hubs:calendar", args=["wilster"]))
    cal = assert_rfc7986(response, "Digital Hub Wilster – Öffnungszeiten")
    entries = cal.walk("VEVENT")
    openings = [e for e in entries if str(e["summary"]) == "Digital Hub Wilster geöffnet"]
    first = openings[0]
    assert first.decoded("dtstart") == datetime(
        2026, 12, 15, 9, tzinfo=first.decoded("dtstart").tzinfo
    )
    assert str(first.decoded("dtstart").tzinfo) == "Europe/Berlin"
    assert first.decoded("dtend").time() == time(15)
    assert str(first["transp"]) == "TRANSPARENT"  # free time, not busy
    closed = {
        e.decoded("dtstart"): str(e["summary"])
        for e in entries
        if "Geschlossen" in str(e["summary"])
    }
    assert closed[date(2026, 12, 29)] == "Geschlossen: Inventur"
    assert closed[date(2026, 12, 30)] == "Geschlossen: Inventur"
    assert closed[date(2026, 12, 25)] == "Geschlossen: Erster Weihnachtstag"
    assert closed[date(2027, 1, 1)] == "Geschlossen: Neujahr"
    opening_days = {e.decoded("dtstart").date() for e in openings}
    # The next 90 days' Tuesdays to Thursdays, less the two days of the closure.
    span = [date(2026, 12, 14) + timedelta(days=n) for n in range(90)]
    tue_to_thu = {d for d in span if d.weekday() in (1, 2, 3)}
    assert opening_days == tue_to_thu - {date(2026, 12, 29), date(2026, 12, 30)}


@time_machine.travel(datetime(2026, 12, 14, 8, tzinfo=UTC), tick=False)
def test_changed_hours_make_new_entries_so_no_calendar_keeps_the_old_ones(client, hub):
    url = reverse("hubs:calendar", args=["wilster"])
    before = {str(e["uid"]) for e in Calendar.from_ical(client.get(url).content).walk("VEVENT")}
    OpeningHoursFactory(hub=hub, weekday=4, opens=time(9), closes=time(12))
    schedule = hub.schedules.get()
    schedule.intervals.filter(weekday=1).update(closes=time(16))
    after = {str(e["uid"]) for e in Calendar.from_ical(client.get(url).content).walk("VEVENT")}
    assert before & after  # Wednesdays and Thursdays stay the same entries
    assert before - after  # the old Tuesday hours are gone
    assert len(after - before) > len(before - after)  # new Tuesdays and the Fridays


def test_hub_page_offers_its_calendar_and_unknown_hubs_have_none(client, hub):
    page = client.get(hub.get_absolute_url()).text
    assert "/hubs/wilster/calendar.ics" in page
    assert "Öffnungszeiten und Schließtage im Kalender abonnieren" in page
    assert client.get("/hubs/gibt-es-nicht/calendar.ics").status_code == 404
    hub.active = False
    hub.save()
    assert client.get(reverse("hubs:calendar", args=["wilster"])).status_code == 404


def test_every_public_event_feed_names_itself_and_its_source(client, hub):
    EventFactory(hub=hub, kind="training")
    assert_rfc7986(client.get(reverse("events:feed")), "Digital Hubs – Veranstaltungen")
    hub_feed = client.get(reverse("events:feed_hub", args=["wilster"]))
    assert_rfc7986(hub_feed, "Digital Hub Wilster – Veranstaltungen")
    assert_rfc7986(
        client.get(reverse("events:feed_kind", args=["training"])), "Digital Hubs – Schulung"
    )
