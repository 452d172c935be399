"""Every booking rule refuses with a message that says what would work."""

from datetime import date, time, timedelta

import pytest
import time_machine

from coworking import services
from coworking.models import Booking
from hubportal.timeranges import local_datetime
from tests.clock import at
from tests.factories import (
    MemberProfileFactory,
    OpeningExceptionFactory,
    UserFactory,
    WorkspaceBlockFactory,
    WorkspaceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(local_datetime(date(2026, 11, 23), time(8)), tick=False):
        yield


def book(desk, person, start, end):
    return services.booking_create(workspace=desk, person=person, start=start, end=end)


def refused(desk, person, start, end) -> str:
    with pytest.raises(services.BookingError) as error:
        book(desk, person, start, end)
    return error.value.message


def test_free_slot_is_booked_and_confirmed(desk, member):
    booking = book(desk, member, at(24, 9), at(24, 12))
    assert booking.status == Booking.Status.CONFIRMED
    assert booking.name == "Greta Gründerin"


def test_overlap_is_refused_with_the_free_times_of_that_day(desk, member):
    other = UserFactory()
    MemberProfileFactory(user=other, group="company")
    book(desk, other, at(24, 10), at(24, 12))
    message = refused(desk, member, at(24, 11), at(24, 13))
    assert "bereits gebucht 10:00–12:00" in message
    assert "Frei an dem Tag: 08:00–10:00, 12:00–18:00" in message


def test_outside_coworking_hours_names_the_hours(desk, member):
    message = refused(desk, member, at(24, 17), at(24, 19))
    assert message == (
        "Außerhalb der Co-Working-Zeiten: am Di, 24.11.2026 können Sie 08:00–18:00 buchen."
    )


def test_closure_day_is_refused_with_its_reason(desk, member, hub):
    OpeningExceptionFactory(
        hub=hub,
        start_date=date(2026, 11, 25),
        end_date=date(2026, 11, 25),
        reason="Betriebsausflug",
    )
    assert "geschlossen (Betriebsausflug)" in refused(desk, member, at(25, 9), at(25, 10))


def test_public_holiday_is_refused(desk, member):
    with time_machine.travel(local_datetime(date(2026, 12, 20), time(8)), tick=False):
        message = refused(
            desk,
            member,
            local_datetime(date(2026, 12, 25), time(9)),
            local_datetime(date(2026, 12, 25), time(10)),
        )
    assert "geschlossen" in message and "Weihnacht" in message


def test_blocked_period_is_refused_with_reason(desk, member):
    WorkspaceBlockFactory(workspace=desk, start=at(24, 8), end=at(24, 12), reason="Wartung")
    message = refused(desk, member, at(24, 11), at(24, 13))
    assert "(Wartung)" in message and "Frei an dem Tag: 12:00–18:00" in message


def test_beyond_the_horizon_says_until_when(desk, member):
    start = local_datetime(date(2026, 12, 22), time(9))
    message = refused(desk, member, start, start + timedelta(hours=1))
    assert (
        message == "Zu weit im Voraus: Sie können bis zu 28 Tage im Voraus buchen, bis 21.12.2026."
    )


def test_too_short_notice_says_from_when(desk, member):
    message = refused(desk, member, at(23, 8), at(23, 9))
    assert "mindestens 30 Minuten im Voraus" in message and "ab 08:30" in message


def test_past_time_is_refused(desk, member):
    assert "bereits vorbei" in refused(desk, member, at(20, 9), at(20, 10))


def test_times_off_the_slot_grid_are_refused(desk, member):
    assert "30-Minuten-Raster" in refused(desk, member, at(24, 9, 10), at(24, 10))


def test_weekly_limit_says_how_much_is_left(desk, member, hub):
    other_desk = WorkspaceFactory(hub=hub, name="Schreibtisch 2")
    book(desk, member, at(24, 8), at(24, 16))  # 8 hours
    message = refused(other_desk, member, at(25, 8), at(25, 11))
    assert "8 von 10 Stunden" in message and "2 Stunden sind noch frei" in message
    book(other_desk, member, at(25, 8), at(25, 10))  # exactly the rest is fine


def test_person_cannot_hold_two_desks_at_once(desk, member, hub):
    other_desk = WorkspaceFactory(hub=hub, name="Schreibtisch 2")
    book(desk, member, at(24, 9), at(24, 11))
    assert "bereits eine Buchung" in refused(other_desk, member, at(24, 10), at(24, 12))


def test_groups_the_hub_does_not_admit_are_refused(desk):
    citizen = UserFactory()
    MemberProfileFactory(user=citizen, group="citizen")
    message = refused(desk, citizen, at(24, 9), at(24, 10))
    assert "offen für:" in message and "Start-up" in message


def test_inactive_workspace_is_refused(desk, member):
    desk.active = False
    desk.save()
    assert "kann im Moment nicht gebucht werden" in refused(desk, member, at(24, 9), at(24, 10))


def test_staff_may_book_at_short_notice_for_someone_without_account(desk, hub):
    staff = UserFactory(is_staff=True)
    booking = services.booking_create(
        workspace=desk,
        start=at(23, 8, 30),
        end=at(23, 10),
        name="Herr Anrufer",
        phone="04361 123",
        booked_by=staff,
    )
    assert booking.person is None and booking.status == Booking.Status.CONFIRMED


def test_first_booking_needs_approval_when_the_hub_says_so(desk, member, hub, mailoutbox):
    hub.booking_policy.first_booking_needs_approval = True
    hub.booking_policy.save()
    first = book(desk, member, at(24, 9), at(24, 10))
    assert first.status == Booking.Status.PENDING
    services.booking_approve(booking=first)
    second = book(desk, member, at(25, 9), at(25, 10))
    assert second.status == Booking.Status.CONFIRMED


def test_cancel_until_the_deadline_then_refused(desk, member):
    soon = book(desk, member, at(23, 9), at(23, 10))
    assert (
        "bis 07:00"
        in pytest.raises(services.BookingError, services.booking_cancel, booking=soon).value.message
    )
    later = book(desk, member, at(24, 9), at(24, 10))
    services.booking_cancel(booking=later)
    later.refresh_from_db()
    assert later.status == Booking.Status.CANCELLED


def test_cancelled_time_can_be_booked_again(desk, member):
    booking = book(desk, member, at(24, 9), at(24, 10))
    services.booking_cancel(booking=booking)
    assert book(desk, member, at(24, 9), at(24, 10)).status == Booking.Status.CONFIRMED
