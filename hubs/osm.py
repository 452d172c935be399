"""The OpenStreetMap `opening_hours` value of a hub's weekly hours, for staff to copy
into OSM (https://wiki.openstreetmap.org/wiki/Key:opening_hours).

    Mo,We 09:00-13:00; Tu,Th 09:00-16:00; PH off

One schedule in force without an end is written as its week. Schedules with an end, or
that start later, are each written for their dates ("2026 Dec 01-2027 Feb 28 Mo
09:00-13:00"; one without an end to the end of its first year, then the years after:
"2027 Mar 01-2027 Dec 31 …; 2028+ …", since OSM's reference reader, the npm package
`opening_hours`, refuses "2027 Mar 01+"); a day no rule names is closed,
in OSM as on the portal. Public holidays close the hub ("PH off"); closures and special
hours are not part of the value: OSM keeps the regular hours, the portal and its feeds
the exceptions.
"""

from datetime import date

from .hours import OpeningCalendar
from .models import Schedule

DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def opening_hours(calendar: OpeningCalendar, today: date) -> str:
    """The value for the hub's opening-hours schedules from `today` on; "" when it
    has none (nothing to map yet)."""
    schedules = sorted(
        (s for s in calendar.schedules if s.valid_until is None or s.valid_until >= today),
        key=lambda s: s.valid_from or date.min,
    )
    if not schedules:
        return ""
    rules: list[str] = []
    for schedule in schedules:
        week = _week(schedule)
        if schedule.valid_until is None and (schedule.valid_from or date.min) <= today:
            rules.extend(week)
            continue
        for dates in _dates(max(schedule.valid_from or today, today), schedule.valid_until):
            rules.extend(f"{dates} {rule}" for rule in week)
    if not rules:
        return "off"
    return "; ".join([*rules, "PH off"])


def _week(schedule: Schedule) -> list[str]:
    """ "Mo-Fr 09:00-12:00,13:00-16:00" rules: weekdays with the same hours together."""
    hours: dict[int, list[str]] = {}
    for iv in sorted(schedule.intervals.all(), key=lambda i: (i.weekday, i.opens)):
        hours.setdefault(iv.weekday, []).append(f"{iv.opens:%H:%M}-{iv.closes:%H:%M}")
    groups: dict[str, list[int]] = {}
    for weekday, times in sorted(hours.items()):
        groups.setdefault(",".join(times), []).append(weekday)
    ordered = sorted(groups.items(), key=lambda kv: kv[1][0])
    return [f"{_days(weekdays)} {times}" for times, weekdays in ordered]


def _days(weekdays: list[int]) -> str:
    """[0, 1, 2, 4] -> "Mo-We,Fr": runs of three or more days as a range."""
    runs: list[list[int]] = []
    for w in weekdays:
        if runs and w == runs[-1][-1] + 1:
            runs[-1].append(w)
        else:
            runs.append([w])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{DAYS[run[0]]}-{DAYS[run[-1]]}")
        else:
            parts.extend(DAYS[w] for w in run)
    return ",".join(parts)


def _dates(start: date, end: date | None) -> list[str]:
    """The date selectors from `start` to `end` (None: for good)."""
    if end is None:
        if (start.month, start.day) == (1, 1):
            return [f"{start.year}+"]
        return [_range(start, date(start.year, 12, 31)), f"{start.year + 1}+"]
    return [_range(start, end)]


def _range(start: date, end: date) -> str:
    return f"{_day(start)}-{_day(end)}"


def _day(day: date) -> str:
    return f"{day.year} {MONTHS[day.month - 1]} {day.day:02d}"
