"""Is the hub open at time T, and when does it next open or close?"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from hubs.hours import OpeningCalendar
from tests.factories import (
    HubFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    SpecialHoursFactory,
)

BERLIN = ZoneInfo("Europe/Berlin")
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)

pytestmark = pytest.mark.django_db


def berlin(y, m, d, hh=0, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=BERLIN)


def utc(y, m, d, hh=0, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=UTC)


def calendar(hub):
    hub.refresh_from_db()
    return OpeningCalendar(hub)


@pytest.fixture
def hub():
    hub = HubFactory(state="NI")
    for day in (MON, WED):
        OpeningHoursFactory(hub=hub, weekday=day, opens=time(9), closes=time(13))
    return hub


def test_hub_is_open_during_weekly_hours_and_says_when_it_closes(hub):
    status = calendar(hub).status(berlin(2026, 11, 23, 10, 30))  # a Monday
    assert status.is_open
    assert status.closes_at == berlin(2026, 11, 23, 13)


def test_hub_is_closed_outside_hours_and_names_the_next_opening(hub):
    cal = calendar(hub)
    assert not cal.is_open(berlin(2026, 11, 23, 13, 0))  # closing time itself is closed
    status = cal.status(berlin(2026, 11, 23, 13, 0))
    assert not status.is_open
    assert status.next_opening == berlin(2026, 11, 25, 9)  # Wednesday


def test_opening_time_itself_counts_as_open(hub):
    assert calendar(hub).is_open(berlin(2026, 11, 23, 9, 0))
    assert not calendar(hub).is_open(berlin(2026, 11, 23, 8, 59))


def test_closure_closes_the_hub_and_next_opening_is_after_it(hub):
    OpeningExceptionFactory(
        hub=hub, start_date=date(2026, 12, 28), end_date=date(2027, 1, 8), reason="Betriebsferien"
    )
    cal = calendar(hub)
    day = cal.day(date(2026, 12, 28))
    assert not day.is_open
    assert day.closed_reason == "Betriebsferien"
    assert not cal.is_open(berlin(2026, 12, 28, 10))
    # Wed 30 Dec, Mon 4 Jan and Wed 6 Jan fall inside; Mon 11 Jan is the next day open.
    assert cal.status(berlin(2026, 12, 27, 12)).next_opening == berlin(2027, 1, 11, 9)


def test_special_hours_replace_the_weekly_hours_that_day(hub):
    SpecialHoursFactory(
        hub=hub, end_date=date(2026, 11, 23), opens=time(16), closes=time(21), reason="Themenabend"
    )
    cal = calendar(hub)
    assert not cal.is_open(berlin(2026, 11, 23, 10))
    assert cal.is_open(berlin(2026, 11, 23, 20))
    assert cal.day(date(2026, 11, 23)).special_reason == "Themenabend"


def test_public_holiday_of_the_hubs_state_closes_it(hub):
    # Friday 1 May 2026, Tag der Arbeit, in Lower Saxony
    OpeningHoursFactory(hub=hub, weekday=FRI, opens=time(9), closes=time(13))
    cal = calendar(hub)
    day = cal.day(date(2026, 5, 1))
    assert not day.is_open
    assert day.closed_reason  # the holiday's name
    assert not cal.is_open(berlin(2026, 5, 1, 10))


def test_holidays_differ_by_state():
    # 6 January (Heilige Drei Könige) is a holiday in Bavaria, not in Lower Saxony.
    wednesday = date(2027, 1, 6)
    ni, by = HubFactory(state="NI"), HubFactory(state="BY")
    for h in (ni, by):
        OpeningHoursFactory(hub=h, weekday=WED, opens=time(9), closes=time(13))
    assert calendar(ni).day(wednesday).is_open
    assert not calendar(by).day(wednesday).is_open


def test_staff_can_open_on_a_public_holiday_on_purpose(hub):
    SpecialHoursFactory(
        hub=hub,
        end_date=date(2026, 5, 1),
        opens=time(10),
        closes=time(14),
        reason="Tag der offenen Tür",
    )
    cal = calendar(hub)
    day = cal.day(date(2026, 5, 1))
    assert day.is_open and day.holiday  # still known as a holiday, but open
    assert cal.is_open(berlin(2026, 5, 1, 11))


def test_shorter_exception_wins_over_a_longer_one(hub):
    OpeningExceptionFactory(hub=hub, start_date=date(2026, 12, 21), end_date=date(2027, 1, 3))
    SpecialHoursFactory(
        hub=hub,
        end_date=date(2026, 12, 28),
        opens=time(10),
        closes=time(12),
        reason="Sprechstunde zwischen den Jahren",
    )
    cal = calendar(hub)
    assert cal.is_open(berlin(2026, 12, 28, 11))
    assert not cal.day(date(2026, 12, 23)).is_open


def end_regular_schedule(hub, last_day):
    regular = hub.schedules.get(valid_from__isnull=True)
    regular.valid_until = last_day
    regular.save()


def test_a_later_schedule_governs_from_its_first_day(hub):
    end_regular_schedule(hub, date(2027, 1, 3))
    for day in (MON, TUE, WED, THU, FRI):
        OpeningHoursFactory(
            hub=hub, weekday=day, opens=time(9), closes=time(17), valid_from=date(2027, 1, 4)
        )
    cal = calendar(hub)
    # Before: Monday 9-13, Friday closed.
    assert cal.day(date(2026, 12, 7)).intervals[0].local_end.hour == 13
    assert not cal.day(date(2026, 12, 11)).is_open
    # From 4 January 2027: Monday until 17, Friday open.
    assert cal.day(date(2027, 1, 4)).intervals[0].local_end.hour == 17
    assert cal.day(date(2027, 1, 8)).is_open


def test_a_schedule_with_an_end_date_applies_only_within_its_period(hub):
    end_regular_schedule(hub, date(2027, 6, 30))
    summer = {"valid_from": date(2027, 7, 1), "valid_until": date(2027, 8, 31)}
    OpeningHoursFactory(hub=hub, weekday=MON, opens=time(10), closes=time(12), **summer)
    for day in (MON, WED):
        OpeningHoursFactory(
            hub=hub, weekday=day, opens=time(9), closes=time(13), valid_from=date(2027, 9, 1)
        )
    cal = calendar(hub)
    in_summer = cal.day(date(2027, 7, 5))
    assert [(i.local_start.hour, i.local_end.hour) for i in in_summer.intervals] == [(10, 12)]
    assert not cal.day(date(2027, 7, 7)).is_open  # Wednesday: not in the summer week
    autumn = cal.day(date(2027, 9, 6))
    assert [(i.local_start.hour, i.local_end.hour) for i in autumn.intervals] == [(9, 13)]


def test_a_date_no_schedule_covers_is_closed(hub):
    end_regular_schedule(hub, date(2027, 6, 30))
    assert calendar(hub).day(date(2027, 6, 28)).is_open  # a Monday
    assert not calendar(hub).day(date(2027, 7, 5)).is_open
    assert calendar(hub).status(berlin(2027, 7, 5, 10)).next_opening is None


def test_adjacent_intervals_are_one_opening(hub):
    OpeningHoursFactory(hub=hub, weekday=MON, opens=time(13), closes=time(18))
    status = calendar(hub).status(berlin(2026, 11, 23, 10))
    assert status.closes_at == berlin(2026, 11, 23, 18)


def test_hub_without_hours_has_no_next_opening():
    status = OpeningCalendar(HubFactory()).status(berlin(2026, 11, 23, 10))
    assert not status.is_open and status.next_opening is None


class TestDaylightSavingTime:
    """Clocks go forward on 29 March 2026 and back on 25 October 2026 in Germany."""

    @pytest.fixture
    def sunday_hub(self):
        hub = HubFactory(state="NI")
        OpeningHoursFactory(hub=hub, weekday=SUN, opens=time(9), closes=time(13))
        return hub

    def test_spring_forward_day_opens_at_local_nine(self, sunday_hub):
        cal = calendar(sunday_hub)
        (interval,) = cal.day(date(2026, 3, 29)).intervals
        assert interval.start == utc(2026, 3, 29, 7)  # 09:00 CEST
        assert interval.end == utc(2026, 3, 29, 11)
        saturday_evening = berlin(2026, 3, 28, 20)  # 19:00 UTC, still CET
        next_open = cal.next_opening(saturday_evening)
        assert next_open == utc(2026, 3, 29, 7)
        assert next_open - saturday_evening == timedelta(hours=12)  # wall clock 13h, one hour lost
        assert cal.is_open(utc(2026, 3, 29, 10, 59))
        assert not cal.is_open(utc(2026, 3, 29, 11))

    def test_fall_back_day_opens_at_local_nine(self, sunday_hub):
        cal = calendar(sunday_hub)
        (interval,) = cal.day(date(2026, 10, 25)).intervals
        assert interval.start == utc(2026, 10, 25, 8)  # 09:00 CET
        assert interval.end == utc(2026, 10, 25, 12)
        saturday_evening = berlin(2026, 10, 24, 20)  # 18:00 UTC, still CEST
        next_open = cal.next_opening(saturday_evening)
        assert next_open == utc(2026, 10, 25, 8)
        assert next_open - saturday_evening == timedelta(hours=14)  # one hour gained
        assert cal.status(utc(2026, 10, 25, 9)).closes_at == utc(2026, 10, 25, 12)

    def test_closing_during_the_night_of_the_switch(self):
        hub = HubFactory(state="NI")
        OpeningHoursFactory(hub=hub, weekday=SUN, opens=time(0), closes=time(4))
        (interval,) = calendar(hub).day(date(2026, 3, 29)).intervals
        # 00:00 CET to 04:00 CEST is three real hours.
        assert interval.end - interval.start == timedelta(hours=3)
