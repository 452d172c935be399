"""Event calendars: subscribable feeds and a personal .ics with an alarm."""

from datetime import timedelta

from hubportal import calendars
from hubportal.links import absolute

from .models import Event


def _fields(event: Event) -> dict:
    """What the event's VEVENT is made of."""
    description = event.summary
    if event.is_cancelled:
        description = f"{event.cancel_reason}\n\n{description}"
    url = absolute(event.get_absolute_url())
    return {
        "uid": calendars.uid("event", event.pk),
        "start": event.start,
        "end": event.end,
        "summary": event.title,
        "description": f"{description}\n\n{url}",
        "location": event.place_text(),
        "url": url,
        "cancelled": event.is_cancelled,
        "created": event.created,
        "updated": event.updated,
    }


def feed(events, name: str, source: str) -> bytes:
    cal = calendars.new_calendar(name, source=source)
    return calendars.public_feed_bytes(cal, (_fields(event) for event in events))


def personal_calendar(event: Event) -> bytes:
    """One event to import, with an alarm an hour before it starts."""
    cal = calendars.new_calendar(event.title)
    cal.add_component(calendars.vevent(**_fields(event), alarm_before=timedelta(hours=1)))
    return calendars.to_bytes(cal)
