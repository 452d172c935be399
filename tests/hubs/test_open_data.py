"""The hubs' data for others: schema.org JSON-LD on the hub and event pages, and the
OpenStreetMap opening_hours value, checked against the portal's own answer."""

from datetime import date, time, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from events import services as event_services
from hubs import osm
from hubs.hours import OpeningCalendar
from hubs.models import Hub
from tests import schemaorg
from tests.clock import at
from tests.consumers import osm_days
from tests.factories import (
    EventFactory,
    HubFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    SpecialHoursFactory,
    schedule_for,
)

pytestmark = pytest.mark.django_db
DAYS = 365


def hub_data(client, hub):
    (data,) = schemaorg.scripts(client.get(hub.get_absolute_url()).text)
    schemaorg.check(data)
    return data


def test_hub_page_describes_the_hub_as_a_schema_org_government_office(client):
    hub = HubFactory(
        name="Digital Hub Wilster", slug="wilster", town="Wilster", state="SH",
        street="Markt 1", postal_code="25554", latitude="53.922", longitude="9.374",
        email="hub@wilster.de", phone="04823 123",
    )  # fmt: skip
    data = hub_data(client, hub)
    assert data["@type"] == "GovernmentOffice" and data["name"] == "Digital Hub Wilster"
    assert data["address"]["streetAddress"] == "Markt 1"
    assert data["address"]["addressRegion"] == "Schleswig-Holstein"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 53.922, "longitude": 9.374}
    assert data["email"] == "hub@wilster.de" and data["telephone"] == "04823 123"


def test_hub_json_ld_gives_each_schedules_hours_with_their_validity(client):
    hub = HubFactory()
    today = timezone.localdate()
    winter_end = today + timedelta(days=30)
    for weekday in (0, 2):
        OpeningHoursFactory(hub=hub, weekday=weekday, opens=time(9), closes=time(13),
                            valid_until=winter_end)  # fmt: skip
    OpeningHoursFactory(hub=hub, weekday=4, opens=time(14), closes=time(18),
                        valid_from=winter_end + timedelta(days=1))  # fmt: skip
    specs = hub_data(client, hub)["openingHoursSpecification"]
    assert specs == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": ["https://schema.org/Monday", "https://schema.org/Wednesday"],
            "opens": "09:00", "closes": "13:00", "validThrough": winter_end.isoformat(),
        },
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": ["https://schema.org/Friday"], "opens": "14:00", "closes": "18:00",
            "validFrom": (winter_end + timedelta(days=1)).isoformat(),
        },
    ]  # fmt: skip


def test_hub_json_ld_lists_closures_special_hours_and_holidays_of_the_next_60_days(client):
    hub = HubFactory(state="NI")
    today = timezone.localdate()
    OpeningExceptionFactory(hub=hub, start_date=today + timedelta(days=3),
                            end_date=today + timedelta(days=5), reason="Umzug")  # fmt: skip
    SpecialHoursFactory(hub=hub, end_date=today + timedelta(days=10), opens=time(10),
                        closes=time(12), reason="Tag der offenen Tür")  # fmt: skip
    OpeningExceptionFactory(hub=hub, start_date=today + timedelta(days=61),
                            end_date=today + timedelta(days=61), reason="Zu spät")  # fmt: skip
    special = hub_data(client, hub)["specialOpeningHoursSpecification"]
    by_name = {s["name"]: s for s in special}
    assert by_name["Umzug"] == {
        "@type": "OpeningHoursSpecification", "name": "Umzug",
        "validFrom": (today + timedelta(days=3)).isoformat(),
        "validThrough": (today + timedelta(days=5)).isoformat(),
        "opens": "00:00", "closes": "00:00",
    }  # fmt: skip
    open_day = by_name["Tag der offenen Tür"]
    assert (open_day["opens"], open_day["closes"]) == ("10:00", "12:00")
    assert "Zu spät" not in by_name
    holidays = [s for s in special if s["name"] not in {"Umzug", "Tag der offenen Tür"}]
    calendar = OpeningCalendar(hub)
    expected = [d for d in calendar.days(today, 60) if d.holiday and d.closed_reason == d.holiday]
    assert [h["validFrom"] for h in holidays] == [d.date.isoformat() for d in expected]


def test_event_json_ld_is_valid_and_says_moved_with_the_old_date(client, settings):
    hub = HubFactory(slug="einbeck")
    event = EventFactory(hub=hub, capacity=20)
    old_start = event.start
    day = timezone.localdate(event.start) + timedelta(days=7)
    event = event_services.event_move(event=event, day=day)
    page = client.get(event.get_absolute_url()).text
    (data,) = schemaorg.scripts(page)
    schemaorg.check(data)
    assert data["eventStatus"] == "https://schema.org/EventRescheduled"
    assert data["previousStartDate"] == timezone.localdate(old_start).isoformat()
    assert data["startDate"] == timezone.localtime(event.start).isoformat()
    assert data["startDate"][-6:] in {"+01:00", "+02:00"}  # Berlin's offset
    assert data["location"]["@id"].endswith("/hubs/einbeck/#hub")
    assert data["remainingAttendeeCapacity"] == 20
    assert "Verschoben" in page
    event_services.event_cancel(event=event, reason="Krankheit")
    (data,) = schemaorg.scripts(client.get(event.get_absolute_url()).text)
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert "previousStartDate" not in data


def test_an_event_on_site_and_online_names_both_places_in_its_json_ld(client):
    """Item 17: a hybrid event has its hub and a VirtualLocation, and says Mixed."""
    hub = HubFactory(slug="wilster")
    event = EventFactory(hub=hub, hybrid=True, livestream_url="https://stream.example/hub")
    (data,) = schemaorg.scripts(client.get(event.get_absolute_url()).text)
    schemaorg.check(data)
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, virtual = data["location"]
    assert place["@type"] == "Place" and place["@id"].endswith("/hubs/wilster/#hub")
    assert virtual == {"@type": "VirtualLocation", "url": "https://stream.example/hub"}


def test_the_vocabulary_check_refuses_what_schema_org_does_not_know():
    place = {"@context": "https://schema.org", "@type": "Place", "name": "Hub"}
    schemaorg.check(place)
    for wrong in [
        {**place, "@type": "DigitalHub"},
        {**place, "remainingAttendeeCapacity": 3},  # a property of Event only
        {**place, "openingHoursSpecification": {"@type": "Place"}},
        {"@context": "https://schema.org", "@type": "Event", "startDate": "2026-12-03T10:00"},
        {"@context": "https://schema.org", "@type": "Event", "eventStatus": "https://schema.org/Monday"},
    ]:  # fmt: skip
        with pytest.raises(AssertionError):
            schemaorg.check(wrong)


# -- OpenStreetMap opening_hours ---------------------------------------------------------


def assert_same_as_portal(hub: Hub, today: date) -> str:
    """OSM's own reader (the npm package `opening_hours`, under node) takes the value
    without a warning and, at the hub's state, says for 365 days what the portal says
    of the weekly hours and the state's public holidays (closures and special hours
    stay out of OSM)."""
    calendar = OpeningCalendar(hub, exceptions=[])
    value = osm.opening_hours(calendar, today)
    warnings, osm_says = osm_days(value, hub, today, DAYS)
    assert warnings == [], (hub.slug, value, warnings)
    for n in range(DAYS):
        day = today + timedelta(days=n)
        portal = calendar.day(day).intervals
        wanted = [f"{iv.local_start:%H:%M}-{iv.local_end:%H:%M}" for iv in portal]
        assert osm_says[day] == wanted, (hub.slug, day, value)
    return value


def test_osm_value_equals_the_portal_for_365_days_on_every_demo_hub(settings):
    settings.DEBUG = False
    call_command("seed_demo")
    today = timezone.localdate()
    values = {h.slug: assert_same_as_portal(h, today) for h in Hub.objects.all()}
    assert len(values) >= 5 and all(values.values())


@pytest.mark.parametrize(
    "state, schedules, expected",
    [
        ("SH", [(None, None, {0: [(9, 13)], 2: [(9, 13)], 1: [(9, 16)], 3: [(9, 16)]})],
         "Mo,We 09:00-13:00; Tu,Th 09:00-16:00; PH off"),
        ("NI", [(None, None, {d: [(9, 12), (13, 16)] for d in range(5)})],
         "Mo-Fr 09:00-12:00,13:00-16:00; PH off"),
        # A change of hours from a date after New Year (Einbeck's announced hours).
        ("NI", [(None, 27, {d: [(9, 13)] for d in range(5)}),
                (28, None, {d: [(9, 17)] for d in range(5)})],
         "2026 Dec 07-2027 Jan 03 Mo-Fr 09:00-13:00; 2027 Jan 04-2027 Dec 31 Mo-Fr 09:00-17:00; "
         "2028+ Mo-Fr 09:00-17:00; PH off"),
        ("SH", [(None, 20, {0: [(9, 13)]}), (21, None, {1: [(8, 18)], 5: [(10, 12)]})],
         "2026 Dec 07-2026 Dec 27 Mo 09:00-13:00; 2026 Dec 28-2026 Dec 31 Tu 08:00-18:00; "
         "2026 Dec 28-2026 Dec 31 Sa 10:00-12:00; 2027+ Tu 08:00-18:00; "
         "2027+ Sa 10:00-12:00; PH off"),
        ("BY", [(25, None, {d: [(10, 14)] for d in range(6)})],
         "2027+ Mo-Sa 10:00-14:00; PH off"),
        ("SH", [(30, 90, {6: [(11, 15)]})], "2027 Jan 06-2027 Mar 07 Su 11:00-15:00; PH off"),
        ("SH", [(None, None, {})], "off"),
    ],
)  # fmt: skip
def test_osm_value_for_split_days_changes_of_schedule_and_gaps(state, schedules, expected):
    """On 7 December 2026: schedules that change across New Year, in states with
    other holidays (Reformationstag in NI and SH, Epiphany in BY), read by OSM's own
    reader day by day for a year."""
    today = date(2026, 12, 7)
    with time_machine.travel(at(today, 10), tick=False):
        hub = HubFactory(state=state)
        for start, end, week in schedules:
            valid = {
                "valid_from": None if start is None else today + timedelta(days=start),
                "valid_until": None if end is None else today + timedelta(days=end),
            }
            if not week:
                schedule_for(hub, "opening", **valid)
            for weekday, spans in week.items():
                for opens, closes in spans:
                    OpeningHoursFactory(hub=hub, weekday=weekday, opens=time(opens),
                                        closes=time(closes), **valid)  # fmt: skip
        assert assert_same_as_portal(hub, today) == expected


def test_osm_value_of_a_schedule_from_new_year_is_one_year_selector():
    assert osm._dates(date(2027, 1, 1), None) == ["2027+"]
    assert osm._dates(date(2027, 1, 4), None) == ["2027 Jan 04-2027 Dec 31", "2028+"]


def test_staff_see_the_osm_value_of_their_hub_to_copy(client, einbeck, staff_einbeck):
    for weekday in (1, 2, 3):
        OpeningHoursFactory(hub=einbeck, weekday=weekday, opens=time(9), closes=time(15))
    client.force_login(staff_einbeck)
    page = client.get(f"/admin/hubs/hub/{einbeck.pk}/change/").text
    assert '<code class="portal-copy">Tu-Th 09:00-15:00; PH off</code>' in page
