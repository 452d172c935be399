"""Event calendars: subscribable feeds and a personal .ics with an alarm."""

from datetime import timedelta

from hubportal import calendars
from hubportal.links import absolute

from .models import Event


def _vevent(event: Event, alarm_before=None):
    description = event.summary
    if event.is_cancelled:
        description = f"{event.cancel_reason}\n\n{description}"
    url = absolute(event.get_absolute_url())
    return calendars.vevent(
        uid=calendars.uid("event", event.pk),
        start=event.start,
        end=event.end,
        summary=event.title,
        description=f"{description}\n\n{url}",
        location=event.place_text(),
        url=url,
        cancelled=event.is_cancelled,
        created=event.created,
        updated=event.updated,
        alarm_before=alarm_before,
    )


def feed(events, name: str) -> bytes:
    cal = calendars.new_calendar(name, feed=True)
    for event in events:
        cal.add_component(_vevent(event))
    return calendars.to_bytes(cal)


def personal_calendar(event: Event) -> bytes:
    """One event to import, with an alarm an hour before it starts."""
    cal = calendars.new_calendar(event.title)
    cal.add_component(_vevent(event, alarm_before=timedelta(hours=1)))
    return calendars.to_bytes(cal)
