"""Every calendar the portal hands out, read by Thunderbird's engine (Mozilla's
ical.js, under node): each VEVENT starts and ends at the same instant as Python's
icalendar reads it and as the portal stored it, in winter, in summer and across both
changes of the clock."""

from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest
import time_machine
from django.conf import settings
from icalendar import Calendar

from coworking.models import MemberProfile
from tests.consumers import ical_read
from tests.factories import (
    AdvisorFactory,
    AppointmentFactory,
    BookingFactory,
    EventFactory,
    HubFactory,
    MemberProfileFactory,
    OpeningHoursFactory,
    UserFactory,
    WorkspaceFactory,
)

pytestmark = pytest.mark.django_db

# (start, end) in UTC: January, the night the clocks go forward (01:30 CET to
# 04:00 CEST), a day in July, the night they go back (01:30 CEST to 03:30 CET) and the
# next January.
MOMENTS = [
    (datetime(2027, 1, 15, 9, 0, tzinfo=UTC), datetime(2027, 1, 15, 11, 0, tzinfo=UTC)),
    (datetime(2027, 3, 28, 0, 30, tzinfo=UTC), datetime(2027, 3, 28, 2, 0, tzinfo=UTC)),
    (datetime(2027, 3, 29, 8, 0, tzinfo=UTC), datetime(2027, 3, 29, 10, 0, tzinfo=UTC)),
    (datetime(2027, 7, 15, 16, 0, tzinfo=UTC), datetime(2027, 7, 15, 18, 0, tzinfo=UTC)),
    (datetime(2027, 10, 30, 23, 30, tzinfo=UTC), datetime(2027, 10, 31, 2, 30, tzinfo=UTC)),
    (datetime(2027, 11, 2, 9, 0, tzinfo=UTC), datetime(2027, 11, 2, 10, 0, tzinfo=UTC)),
]
NOW = datetime(2027, 1, 4, 8, 0, tzinfo=UTC)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def assert_thunderbird_agrees(body: bytes, expected: dict[str, tuple] | None = None) -> dict:
    """ical.js and icalendar give each VEVENT the same start and end; with `expected`
    (uid -> (start, end)) those are the portal's own instants."""
    assert b"RDATE" not in body
    thunderbird = {e["uid"]: e for e in ical_read(body)["events"]}
    python = {}
    for component in Calendar.from_ical(body).walk("VEVENT"):
        start, end = component.decoded("DTSTART"), component.decoded("DTEND")
        if isinstance(start, datetime):
            python[str(component["UID"])] = (iso(start), iso(end))
        else:
            python[str(component["UID"])] = (start.strftime("%Y%m%d"), end.strftime("%Y%m%d"))
    assert python, "no VEVENT"
    for uid, (start, end) in python.items():
        said = thunderbird[uid]
        if "T" in start:
            assert (said["start"], said["end"]) == (start, end), uid
        else:
            assert said["start"].replace("-", "") == start, uid
    for uid, (start, end) in (expected or {}).items():
        assert python[uid] == (iso(start), iso(end)), uid
    return thunderbird


@time_machine.travel(NOW, tick=False)
def test_event_feeds_and_files_are_at_the_same_instant_in_thunderbird(client):
    hub = HubFactory(slug="einbeck")
    events = [EventFactory(hub=hub, start=s, end=e) for s, e in MOMENTS]
    wanted = {f"event-{ev.pk}@{_host()}": (ev.start, ev.end) for ev in events}
    for url in ("/events/feed.ics", "/events/feed/hub/einbeck.ics"):
        assert_thunderbird_agrees(client.get(url).content, wanted)
    for ev in events:
        assert_thunderbird_agrees(client.get(f"/events/{ev.pk}/calendar.ics").content)


@time_machine.travel(NOW, tick=False)
def test_booking_file_and_feed_are_at_the_same_instant_in_thunderbird(client):
    person = UserFactory()
    profile = MemberProfileFactory(user=person)
    desk = WorkspaceFactory()
    bookings = [BookingFactory(workspace=desk, person=person, start=s, end=e) for s, e in MOMENTS]
    client.force_login(person)
    for booking in bookings:
        body = client.get(f"/coworking/booking/{booking.pk}/calendar.ics").content
        assert_thunderbird_agrees(
            body, {f"booking-{booking.pk}@{_host()}": (booking.start, booking.end)}
        )
    token = MemberProfile.objects.get(pk=profile.pk).feed_token
    feed = client.get(f"/coworking/feed/{token}.ics").content
    assert len(assert_thunderbird_agrees(feed)) == len(MOMENTS)


@time_machine.travel(NOW, tick=False)
def test_appointment_file_and_advisor_feed_are_at_the_same_instant_in_thunderbird(client):
    person = UserFactory()
    advisor = AdvisorFactory()
    items = [AppointmentFactory(advisor=advisor, person=person, start=s, end=e) for s, e in MOMENTS]
    client.force_login(person)
    for item in items:
        body = client.get(f"/funding/appointments/{item.pk}/calendar.ics").content
        assert_thunderbird_agrees(
            body, {f"appointment-{item.pk}@{_host()}": (item.start, item.end)}
        )
    feed = client.get(f"/funding/advisor/feed/{advisor.feed_token}.ics").content
    assert len(assert_thunderbird_agrees(feed)) == len(MOMENTS)


@time_machine.travel(datetime(2027, 3, 1, 8, 0, tzinfo=UTC), tick=False)
def test_hub_opening_calendar_keeps_its_hours_across_the_spring_change_in_thunderbird(client):
    hub = HubFactory(slug="wilster")
    for weekday in range(5):
        OpeningHoursFactory(hub=hub, weekday=weekday)  # 09:00-13:00 local
    said = assert_thunderbird_agrees(client.get("/hubs/wilster/calendar.ics").content)
    opens = sorted(e["start"] for e in said.values() if "T" in e["start"])
    assert "2027-03-25T08:00:00Z" in opens  # Thursday before Easter: 09:00 CET
    assert "2027-03-30T07:00:00Z" in opens  # Tuesday after Easter: 09:00 CEST


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname
