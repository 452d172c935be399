"""Booking calendars: one booking as .ics, and a person's private feed."""

from datetime import timedelta

from django.utils.translation import gettext as _

from hubportal import calendars
from hubportal.links import absolute

from .models import Booking
from .states import booking_state


def _vevent(booking: Booking, alarm_before=None):
    hub = booking.workspace.hub
    return calendars.vevent(
        uid=calendars.uid("booking", booking.pk),
        start=booking.start,
        end=booking.end,
        summary=_("Co-working: %(workspace)s") % {"workspace": booking.workspace.name},
        description=booking.purpose,
        location=f"{hub.name}, {hub.address}",
        url=absolute(booking.get_absolute_url()),
        status=booking_state(booking).calendar,
        created=booking.created,
        updated=booking.updated,
        alarm_before=alarm_before,
    )


def booking_calendar(booking: Booking) -> bytes:
    """The booking as a file; a cancelled one as METHOD:CANCEL (same UID, a higher
    SEQUENCE), which removes the entry from the calendar it was imported to."""
    state = booking_state(booking)
    cal = calendars.new_calendar(booking.workspace.name, method=calendars.method_for(state))
    cal.add_component(_vevent(booking, alarm_before=timedelta(minutes=30)))
    return calendars.to_bytes(cal)


def bookings_feed(bookings, name: str, source: str) -> bytes:
    cal = calendars.new_calendar(name, source=source)
    for booking in bookings:
        cal.add_component(_vevent(booking))
    return calendars.to_bytes(cal)
