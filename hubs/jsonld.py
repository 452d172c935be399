"""A hub as schema.org data (a GovernmentOffice), for search engines, maps and
assistants: address, position, contact, the weekly hours of each schedule from today on
with their validity, and the closures, special hours and public holidays of the next
60 days. Built from the rows hubs/selectors.py loaded; no further queries."""

from datetime import date, timedelta

from hubportal import jsonld
from hubportal.content_language import text as content_text
from hubportal.links import absolute

from .hours import Day, OpeningCalendar
from .models import Hub, Schedule, Weekday

SPECIAL_DAYS = 60
DAY_NAMES = [w.name.capitalize() for w in Weekday]  # "Monday", … as schema.org spells them


def hub_jsonld(hub: Hub, calendar: OpeningCalendar, today: date) -> dict:
    data = {
        "@context": jsonld.CONTEXT,
        "@type": "GovernmentOffice",
        "@id": absolute(hub.get_absolute_url()) + "#hub",
        "name": hub.name,
        "description": content_text(hub, "short_description"),
        "url": absolute(hub.get_absolute_url()),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": hub.street,
            "postalCode": hub.postal_code,
            "addressLocality": hub.town,
            "addressRegion": hub.get_state_display(),
            "addressCountry": "DE",
        },
        "openingHoursSpecification": [
            spec
            for schedule in calendar.schedules
            if schedule.valid_until is None or schedule.valid_until >= today
            for spec in _weekly(schedule)
        ],
        "specialOpeningHoursSpecification": _special(calendar.days(today, SPECIAL_DAYS)),
    }
    if hub.latitude is not None and hub.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(hub.latitude),
            "longitude": float(hub.longitude),
        }
    for key, value in [("email", hub.email), ("telephone", hub.phone), ("sameAs", hub.website)]:
        if value:
            data[key] = value
    return data


def _weekly(schedule: Schedule) -> list[dict]:
    """One specification per opening interval, naming every weekday that has it."""
    days: dict[tuple, list[int]] = {}
    for interval in schedule.intervals.all():
        days.setdefault((interval.opens, interval.closes), []).append(interval.weekday)
    validity = {}
    if schedule.valid_from:
        validity["validFrom"] = jsonld.day(schedule.valid_from)
    if schedule.valid_until:
        validity["validThrough"] = jsonld.day(schedule.valid_until)
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [jsonld.enum(DAY_NAMES[w]) for w in sorted(weekdays)],
            "opens": jsonld.clock(opens),
            "closes": jsonld.clock(closes),
            **validity,
        }
        for (opens, closes), weekdays in sorted(days.items(), key=lambda kv: min(kv[1]))
    ]


def _special(days: list[Day]) -> list[dict]:
    """Closed days (opens = closes = 00:00, as search engines read it; a run of days
    closed for one reason is one entry) and days of special hours."""
    specs: list[dict] = []
    for d in days:
        if d.closed_reason:
            last = specs[-1] if specs else None
            follows = last and last["validThrough"] == jsonld.day(d.date - timedelta(days=1))
            if follows and last["opens"] == "00:00" and last["name"] == d.closed_reason:
                last["validThrough"] = jsonld.day(d.date)
                continue
            specs.append(_on(d, "00:00", "00:00", d.closed_reason))
        elif d.is_special or d.holiday:
            reason = d.special_reason or d.holiday
            for iv in d.intervals:
                specs.append(
                    _on(d, jsonld.clock(iv.local_start), jsonld.clock(iv.local_end), reason)
                )
    return specs


def _on(d: Day, opens: str, closes: str, name: str) -> dict:
    return {
        "@type": "OpeningHoursSpecification",
        "name": name,
        "validFrom": jsonld.day(d.date),
        "validThrough": jsonld.day(d.date),
        "opens": opens,
        "closes": closes,
    }
