"""A hub's opening calendar as a feed: each opening of the next HUB_FEED_DAYS days, and
each closed day (closures and public holidays) as an all-day entry, from the same
answer as the hub page (hubs/hours.py). Entries are free time in the subscriber's
calendar, not busy.

An entry's UID holds what it says (the hours, the reason), so a change of hours is a
new entry and the old one goes: no client keeps stale hours for want of a SEQUENCE.
"""

import hashlib
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from hubportal import calendars
from hubportal.links import absolute

from .hours import OpeningCalendar
from .models import Hub

HUB_FEED_DAYS = 90


def hub_feed(hub: Hub, calendar: OpeningCalendar, today: date, source: str) -> bytes:
    name = _("%(hub)s – opening hours") % {"hub": hub.name}
    cal = calendars.new_calendar(name, source=source)
    url = absolute(hub.get_absolute_url())
    stamp = datetime.combine(today, datetime.min.time(), tzinfo=timezone.get_default_timezone())
    for day in calendar.days(today, HUB_FEED_DAYS):
        if day.closed_reason:
            entry = {
                "uid": _uid(hub, day.date, "closed", day.closed_reason),
                "start": day.date,
                "end": day.date + timedelta(days=1),
                "summary": _("Closed: %(reason)s") % {"reason": day.closed_reason},
                "description": f"{hub.name}\n\n{url}",
            }
            cal.add_component(_vevent(entry, hub, url, stamp))
        for interval in day.intervals:
            summary = _("%(hub)s open") % {"hub": hub.name}
            if day.special_reason:
                summary = f"{summary} ({day.special_reason})"
            entry = {
                "uid": _uid(hub, day.date, f"{interval.start:%H%M}-{interval.end:%H%M}", summary),
                "start": interval.start,
                "end": interval.end,
                "summary": summary,
                "description": f"{hub.hours_note}\n\n{url}".strip(),
            }
            cal.add_component(_vevent(entry, hub, url, stamp))
    return calendars.to_bytes(cal)


def _vevent(entry: dict, hub: Hub, url: str, stamp: datetime):
    return calendars.vevent(
        **entry,
        location=hub.address,
        url=url,
        status="CONFIRMED",
        created=stamp,
        updated=stamp,
        transparent=True,
    )


def _uid(hub: Hub, day: date, what: str, text: str) -> str:
    digest = hashlib.sha256(text.encode()).hexdigest()[:8]
    return calendars.uid(f"hub-{hub.pk}-{day:%Y%m%d}-{what}", digest)
