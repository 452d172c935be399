"""Twenty people want the same desk at the same time: exactly one gets it."""

import threading
from datetime import time, timedelta

import pytest
from django.db import IntegrityError, connection
from django.utils import timezone

from coworking import rules, services
from coworking.models import Booking
from hubportal.timeranges import local_datetime
from tests.factories import BookingFactory, MemberProfileFactory, UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("monday_morning")]
PEOPLE = 20


def tomorrow(hh):
    return local_datetime(timezone.localdate() + timedelta(days=1), time(hh))


def test_twenty_concurrent_requests_for_one_slot_give_one_booking_and_no_500(client, desk):
    people = []
    for n in range(PEOPLE):
        user = UserFactory(email=f"p{n}@example.org")
        MemberProfileFactory(user=user, group="startup")
        people.append(user)
    barrier = threading.Barrier(PEOPLE)
    outcomes = []

    def book(user):
        try:
            barrier.wait()
            services.booking_create(
                workspace=desk, person=user, start=tomorrow(9), end=tomorrow(11)
            )
            outcomes.append("booked")
        except services.BookingError as error:
            outcomes.append(error.message)
        except Exception as exc:  # noqa: BLE001 - anything else would be a 500
            outcomes.append(f"CRASH {exc!r}")
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(u,)) for u in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert outcomes.count("booked") == 1
    assert not [o for o in outcomes if o.startswith("CRASH")]
    assert all("Schreibtisch 1" in o for o in outcomes if o != "booked")
    assert Booking.objects.active().filter(workspace=desk).count() == 1


def test_the_database_itself_refuses_overlapping_bookings_on_postgresql(desk):
    if connection.vendor != "postgresql":
        pytest.skip("the exclusion constraint exists on PostgreSQL")
    fields = {"workspace": desk, "name": "x", "status": Booking.Status.CONFIRMED}
    BookingFactory(start=tomorrow(9), end=tomorrow(11), **fields)
    with pytest.raises(IntegrityError):
        BookingFactory(start=tomorrow(10), end=tomorrow(12), **fields)


def test_adjacent_and_cancelled_bookings_do_not_collide_in_the_database(desk):
    fields = {"workspace": desk, "name": "x"}
    BookingFactory(start=tomorrow(9), end=tomorrow(11), **fields)
    BookingFactory(start=tomorrow(11), end=tomorrow(12), **fields)
    BookingFactory(start=tomorrow(9), end=tomorrow(10), status="cancelled", **fields)
    assert Booking.objects.count() == 3


def test_late_loser_gets_the_friendly_message_when_the_constraint_fires(desk, member, monkeypatch):
    """If another booking slips in between the check and the insert, the database's
    refusal becomes the same clear message, not a 500."""
    if connection.vendor != "postgresql":
        pytest.skip("the exclusion constraint exists on PostgreSQL")
    BookingFactory(workspace=desk, name="schneller", start=tomorrow(9), end=tomorrow(11))
    monkeypatch.setattr(rules, "check_booking", lambda **kwargs: None)
    with pytest.raises(services.BookingError) as error:
        services.booking_create(workspace=desk, person=member, start=tomorrow(10), end=tomorrow(12))
    assert "gerade für diese Zeit gebucht" in error.value.message
