"""Time in tests: wall-clock moments in Berlin, as aware datetimes.

Most tests freeze time in the week of Monday 23 November 2026 (time_machine), so a
bare day number means that November: `at(24, 9)` is Tuesday 24.11.2026, 09:00.
"""

from datetime import date, datetime, time

from hubportal.timeranges import local_datetime

MONDAY = date(2026, 11, 23)


def at(day: date | int, hh: int, mm: int = 0) -> datetime:
    if isinstance(day, int):
        day = date(2026, 11, day)
    return local_datetime(day, time(hh, mm))
