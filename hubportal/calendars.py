"""iCalendar (RFC 5545) building blocks shared by event feeds and booking calendars.

Times are written in Europe/Berlin with its VTIMEZONE, so calendar apps show local
time on both sides of a DST change; UIDs are stable per object. The VTIMEZONE is
written as Thunderbird and Outlook write theirs, a STANDARD and a DAYLIGHT part each
with a yearly RRULE: Mozilla's ical.js (Thunderbird) reads only the first value of a
multi-valued RDATE, which put every event after the end of March an hour late.
"""

import functools
import hashlib
import secrets
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from icalendar import Alarm, Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from .states import CANCELLED


def uid(kind: str, pk: int | str) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "digital-hubs.example"
    return f"{kind}-{pk}@{host}"


FEED_REFRESH = timedelta(hours=6)


def new_calendar(name: str, *, source: str = "", method: str = "PUBLISH") -> Calendar:
    """A calendar to download, or with `source` (its own full URL) a subscribable feed
    that says, as RFC 7986 asks, its NAME, where to fetch it again (SOURCE) and how
    often (REFRESH-INTERVAL); X-WR-CALNAME for clients that predate RFC 7986. A file
    sent with a cancellation has METHOD:CANCEL (RFC 5546): the calendar app removes
    the entry of the same UID."""
    cal = Calendar()
    cal.add("prodid", "-//dataport.kommunal Digital Hubs//Hub-Portal//DE")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    if source:
        cal.add("source", source, parameters={"VALUE": "URI"})
        cal.add("refresh-interval", FEED_REFRESH, parameters={"VALUE": "DURATION"})
    else:
        cal.add("method", method)
    return cal


def vevent(
    *,
    uid: str,
    start: datetime | date,
    end: datetime | date,
    summary: str,
    description: str,
    location: str,
    url: str,
    status: str,
    created: datetime,
    updated: datetime,
    alarm_before: timedelta | None = None,
    transparent: bool = False,
) -> Event:
    tz = timezone.get_default_timezone()
    component = Event()
    component.add("uid", uid)
    component.add("dtstamp", updated)
    component.add("created", created)
    component.add("last-modified", updated)
    # A date (not a datetime) makes an all-day entry: DTEND is the day after.
    component.add("dtstart", start.astimezone(tz) if isinstance(start, datetime) else start)
    component.add("dtend", end.astimezone(tz) if isinstance(end, datetime) else end)
    if transparent:
        component.add("transp", "TRANSPARENT")  # shown, but does not make anyone busy
    component.add("summary", summary)
    component.add("description", description)
    component.add("location", location)
    component.add("url", url)
    # The item's real state (hubportal/states.py): TENTATIVE while it awaits someone.
    component.add("status", status)
    # SEQUENCE grows with every change, so clients take the newer version; a
    # cancellation is always above the file it cancels, even within the same second.
    sequence = max(int(updated.timestamp()) - int(created.timestamp()), 0)
    component.add("sequence", sequence + (1 if status == "CANCELLED" else 0))
    if alarm_before and status != "CANCELLED":
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", -alarm_before)
        component.add_component(alarm)
    return component


def method_for(state) -> str:
    """A file for an item that is cancelled cancels its entry (RFC 5546)."""
    return "CANCEL" if state.calendar == CANCELLED else "PUBLISH"


def to_bytes(cal: Calendar) -> bytes:
    head, end = cal.to_ical().rsplit(b"END:VCALENDAR", 1)
    first = head.find(b"BEGIN:VEVENT")
    if first < 0:
        return b"".join([head, _vtimezone(), b"END:VCALENDAR", end])
    return b"".join([head[:first], _vtimezone(), head[first:], b"END:VCALENDAR", end])


# A public feed's VEVENTs are kept as text, each under a digest of everything it is
# made of, so a feed of thousands renders from the cache after one edit (icalendar
# takes about a millisecond per VEVENT). Bump the version when vevent() changes.
VEVENT_CACHE_VERSION = 2
VEVENT_CACHE_SECONDS = 24 * 60 * 60


def public_feed_bytes(cal: Calendar, vevents: Iterable[dict]) -> bytes:
    """`cal` with one VEVENT for each set of vevent() arguments, and the VTIMEZONE.

    Only for public feeds: the texts sit in the shared cache for a day.
    """
    fields = list(vevents)
    keys = [_vevent_key(f) for f in fields]
    found = cache.get_many(keys)
    made = {}
    for key, f in zip(keys, fields, strict=True):
        if key not in found:
            made[key] = vevent(**f).to_ical()
    if made:
        cache.set_many(made, timeout=VEVENT_CACHE_SECONDS)
    head, end = cal.to_ical().rsplit(b"END:VCALENDAR", 1)
    texts = (found.get(key) or made[key] for key in keys)
    return b"".join([head, _vtimezone(), *texts, b"END:VCALENDAR", end])


def _vevent_key(fields: dict) -> str:
    text = repr(sorted(fields.items()))
    return f"ics:v{VEVENT_CACHE_VERSION}:" + hashlib.sha256(text.encode()).hexdigest()


@functools.cache
def _vtimezone() -> bytes:
    """Our zone's VTIMEZONE: its two yearly changes as RRULEs, read off the rules in
    force this year (EU time since 1996 for Europe/Berlin); a zone without changes
    gets one STANDARD part."""
    return vtimezone(settings.TIME_ZONE, date.today().year).to_ical()


def vtimezone(tzid: str, year: int) -> Timezone:
    zone = ZoneInfo(tzid)
    component = Timezone()
    component.add("tzid", tzid)
    changes = _changes(zone, year)
    if not changes:
        part = TimezoneStandard()
        offset = datetime(year, 1, 1, tzinfo=zone).utcoffset()
        part.add("dtstart", datetime(1970, 1, 1))
        part.add("tzoffsetfrom", offset)
        part.add("tzoffsetto", offset)
        part.add("tzname", datetime(year, 1, 1, tzinfo=zone).tzname())
        component.add_component(part)
        return component
    for before, after in changes:
        part = TimezoneDaylight() if after.dst() else TimezoneStandard()
        # DTSTART is the wall-clock time of the change on the old offset, in 1970.
        local = before.replace(tzinfo=None) + timedelta(minutes=1)
        nth = (local.day - 1) // 7 + 1
        last = (local + timedelta(days=7)).month != local.month
        byday = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][local.weekday()]
        part.add("dtstart", datetime.combine(_first_like(local, nth, last), local.time()))
        part.add(
            "rrule",
            {"freq": "yearly", "bymonth": local.month, "byday": f"{-1 if last else nth}{byday}"},
        )
        part.add("tzoffsetfrom", before.utcoffset())
        part.add("tzoffsetto", after.utcoffset())
        part.add("tzname", after.tzname())
        component.add_component(part)
    return component


def _changes(zone: ZoneInfo, year: int) -> list[tuple[datetime, datetime]]:
    """This year's changes of offset: (the last minute before, the first after)."""
    found = []
    moment = datetime(year, 1, 1, tzinfo=UTC)
    end = datetime(year + 1, 1, 1, tzinfo=UTC)
    step = timedelta(hours=1)
    while moment < end:
        before, after = moment.astimezone(zone), (moment + step).astimezone(zone)
        if before.utcoffset() != after.utcoffset():
            found.append((before.replace(minute=59), after))
        moment += step
    return found


def _first_like(day: datetime, nth: int, last: bool) -> date:
    """The same weekday rule (nth, or last, weekday of the month) in 1970."""
    month_start = date(1970, day.month, 1)
    if last:
        probe = date(1970 + (day.month == 12), day.month % 12 + 1, 1) - timedelta(days=1)
        while probe.weekday() != day.weekday():
            probe -= timedelta(days=1)
        return probe
    probe = month_start
    while probe.weekday() != day.weekday():
        probe += timedelta(days=1)
    return probe + timedelta(weeks=nth - 1)


def ics_response(body: bytes, *, filename: str = "", private: bool = False) -> HttpResponse:
    """A calendar as an HTTP response: a download (`filename`) or a subscribable feed.

    A private feed (one person's bookings, an advisor's consultations) is keyed by a
    secret token in its URL: no shared cache keeps it, no search engine lists it.
    """
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if private:
        response["Cache-Control"] = "private, max-age=900"
        response["X-Robots-Tag"] = "noindex"
    return response


FEED_RENEWED = gettext_lazy(
    "Your calendar has a new private address. Subscribe to it again in your calendar app; "
    "the old address no longer works."
)


def new_feed_token() -> str:
    """The secret in a private calendar's address."""
    return secrets.token_urlsafe(32)
