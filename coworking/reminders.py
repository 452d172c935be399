"""Reminders before confirmed desk and room bookings."""

from django.utils.translation import gettext_lazy as _

from notifications.sources import ReminderSource

from .emails import person_email
from .models import Booking


def candidates(after, until):
    return (
        Booking.objects.filter(status=Booking.Status.CONFIRMED, start__gt=after, start__lte=until)
        .exclude(email="")
        .select_related("workspace__hub", "person")
    )


def email(booking) -> dict:
    return person_email(booking, "reminder")


def still_active(pk, start) -> bool:
    return Booking.objects.filter(pk=pk, status=Booking.Status.CONFIRMED, start=start).exists()


SOURCE = ReminderSource(
    name="booking",
    label=_("desk and room bookings"),
    kind_label=_("Reminder: booking"),
    default_hours=(24,),
    candidates=candidates,
    start=lambda b: b.start,
    hub=lambda b: b.workspace.hub,
    email=email,
    still_active=still_active,
)
