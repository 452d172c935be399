"""Desk and room bookings as the closure preview and the cockpit see them
(hubs/calendar_changes.py): a booking is hit when its time leaves the co-working
hours; staff may cancel or keep it."""

from hubs.calendar_changes import ClosureSource, Held

from .models import Booking
from .selectors import coworking_calendar
from .services import booking_cancel, booking_keep_on_closed_day


def held(hub_ids, start, end):
    bookings = (
        Booking.objects.active()
        .filter(workspace__hub__in=hub_ids, start__gte=start, start__lt=end)
        .filter(held_on_closed_day=False)
        .select_related("workspace")
        .order_by("start")
    )
    return [
        Held(b, b.workspace.hub_id, f"{b.workspace.name}: {b.name}", b.start, b.end)
        for b in bookings
    ]


SOURCE = ClosureSource(
    kind="booking",
    admin_change="admin:coworking_booking_change",
    held=held,
    cancel=lambda booking, reason: booking_cancel(booking=booking, by_staff=True, reason=reason),
    keep=lambda booking: booking_keep_on_closed_day(booking=booking),
    calendar=coworking_calendar,
)
