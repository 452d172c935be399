"""Calendar files (RFC 5545) with the icalendar library: feeds and personal .ics.

Times are written in Europe/Berlin with its VTIMEZONE, so calendars show the local
time on both sides of a DST change. UIDs are stable (event-<id>@<host>), so an
updated or cancelled event replaces the one a subscriber already has.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Alarm, Calendar
from icalendar import Event as VEvent

from .models import Event


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "digital-hubs.example"


def uid(event: Event) -> str:
    return f"event-{event.pk}@{_host()}"


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//dataport.kommunal Digital Hubs//Hub-Portal//DE")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    return cal


def _vevent(event: Event) -> VEvent:
    tz = timezone.get_default_timezone()
    url = settings.SITE_URL.rstrip("/") + event.get_absolute_url()
    vevent = VEvent()
    vevent.add("uid", uid(event))
    vevent.add("dtstamp", event.updated)
    vevent.add("last-modified", event.updated)
    vevent.add("created", event.created)
    vevent.add("dtstart", event.start.astimezone(tz))
    vevent.add("dtend", event.end.astimezone(tz))
    vevent.add("summary", event.title)
    description = event.summary
    if event.is_cancelled:
        description = f"{event.cancel_reason}\n\n{description}"
    vevent.add("description", f"{description}\n\n{url}")
    vevent.add("location", event.place_text())
    vevent.add("url", url)
    vevent.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    # SEQUENCE grows with every change, so clients take the newer version.
    vevent.add("sequence", int(event.updated.timestamp()) - int(event.created.timestamp()))
    return vevent


def feed(events, name: str) -> bytes:
    cal = _calendar(name)
    cal.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    for event in events:
        cal.add_component(_vevent(event))
    cal.add_missing_timezones()
    return cal.to_ical()


def personal_calendar(event: Event) -> bytes:
    """One event to import, with an alarm an hour before it starts."""
    cal = _calendar(event.title)
    cal.add("method", "PUBLISH")
    vevent = _vevent(event)
    if not event.is_cancelled:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", event.title)
        alarm.add("trigger", timedelta(hours=-1))
        vevent.add_component(alarm)
    cal.add_component(vevent)
    cal.add_missing_timezones()
    return cal.to_ical()
