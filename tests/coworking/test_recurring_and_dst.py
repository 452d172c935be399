"""Weekly bookings, all-or-nothing or book-what-is-free; DST days."""

from datetime import UTC, date, datetime, time

import pytest
import time_machine

from coworking import services
from coworking.models import Booking
from hubportal.timeranges import local_datetime
from tests.factories import MemberProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def early_march(hub):
    policy = hub.booking_policy
    policy.horizon_days, policy.weekly_limit_hours = 90, None
    policy.save()
    with time_machine.travel(datetime(2026, 3, 2, 7, tzinfo=UTC), tick=False):
        yield


def tuesday(day, hh):
    return local_datetime(date(2026, 3, day), time(hh))


def taken_on_march_24(desk):
    other = UserFactory()
    MemberProfileFactory(user=other, group="company")
    services.booking_create(
        workspace=desk, person=other, start=tuesday(24, 10), end=tuesday(24, 12)
    )


def test_all_or_nothing_books_nothing_and_lists_the_conflict(desk, member):
    taken_on_march_24(desk)
    with pytest.raises(services.BookingError) as error:
        services.booking_create_recurring(
            workspace=desk,
            person=member,
            start=tuesday(3, 9),
            end=tuesday(3, 12),
            weeks=8,
            all_or_nothing=True,
        )
    assert "Nichts gebucht: 1 von 8 Terminen" in error.value.message
    ((day, reason),) = error.value.conflicts
    assert day == tuesday(24, 9) and "bereits gebucht 10:00–12:00" in reason
    assert not Booking.objects.filter(person=member).exists()


def test_book_what_is_free_books_seven_and_lists_one(desk, member):
    taken_on_march_24(desk)
    booked, conflicts = services.booking_create_recurring(
        workspace=desk,
        person=member,
        start=tuesday(3, 9),
        end=tuesday(3, 12),
        weeks=8,
        all_or_nothing=False,
    )
    assert len(booked) == 7 and [c[0] for c in conflicts] == [tuesday(24, 9)]
    assert len({b.series for b in booked}) == 1


def test_weekly_booking_keeps_local_time_across_the_spring_dst_change(desk, member):
    booked, _ = services.booking_create_recurring(
        workspace=desk,
        person=member,
        start=tuesday(24, 9),
        end=tuesday(24, 12),
        weeks=2,
        all_or_nothing=True,
    )
    # 09:00 CET on 24 March, 09:00 CEST on 31 March (clocks changed on 29 March)
    assert [b.start.astimezone(UTC).hour for b in booked] == [8, 7]
    assert [b.end - b.start for b in booked] == [booked[0].end - booked[0].start] * 2


def test_dst_sunday_slots_are_local_wall_clock_times(desk, member):
    # Sunday 29 March 2026: the night has one hour less, the day's hours are unchanged.
    start, end = (
        local_datetime(date(2026, 3, 29), time(8)),
        local_datetime(date(2026, 3, 29), time(18)),
    )
    booking = services.booking_create(workspace=desk, person=member, start=start, end=end)
    assert booking.start == datetime(2026, 3, 29, 6, tzinfo=UTC)
    assert booking.hours == 10


def test_fall_back_sunday_grid_shows_the_hub_hours(desk, hub):
    from coworking.selectors import week_grid

    with time_machine.travel(datetime(2026, 10, 20, 7, tzinfo=UTC), tick=False):
        grid = week_grid(hub=hub, first=date(2026, 10, 25))
    (free,) = grid.rows[0].cells[0].segments
    assert free.state == "free"
    assert (free.start, free.end) == (
        datetime(2026, 10, 25, 7, tzinfo=UTC),
        datetime(2026, 10, 25, 17, tzinfo=UTC),
    )  # 08-18 CET
