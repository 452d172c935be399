"""Event calendars: subscribable feeds and a personal .ics with an alarm."""

from datetime import timedelta

from django.utils import timezone

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
        "status": "CANCELLED" if event.is_cancelled else "CONFIRMED",
        "created": event.created,
        "updated": event.updated,
    }


def feed(events, name: str, source: str) -> bytes:
    cal = calendars.new_calendar(name, source=source)
    return calendars.public_feed_bytes(cal, (_fields(event) for event in events))


def personal_calendar(event: Event, *, cancel: bool = False) -> bytes:
    """One event to import, with an alarm an hour before it starts; with `cancel`
    (the person's registration or the event is cancelled) a METHOD:CANCEL file that
    takes the entry of the same UID out of their calendar."""
    cal = calendars.new_calendar(event.title, method="CANCEL" if cancel else "PUBLISH")
    fields = _fields(event)
    if cancel:
        fields = {**fields, "status": "CANCELLED", "updated": timezone.now()}
    cal.add_component(calendars.vevent(**fields, alarm_before=timedelta(hours=1)))
    return calendars.to_bytes(cal)
