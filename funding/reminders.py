"""Reminders before confirmed funding-advice appointments (24 h and 2 h by default)."""

from django.utils.translation import gettext_lazy as _

from notifications.sources import ReminderSource

from .emails import person_email
from .models import Appointment


def candidates(after, until):
    return (
        Appointment.objects.filter(
            status=Appointment.Status.CONFIRMED, start__gt=after, start__lte=until
        )
        .exclude(email="")
        .select_related("advisor", "hub", "person", "programme", "topic")
    )


def email(appointment) -> dict:
    return person_email(appointment, "reminder")


def still_active(pk, start) -> bool:
    return Appointment.objects.filter(
        pk=pk, status=Appointment.Status.CONFIRMED, start=start
    ).exists()


SOURCE = ReminderSource(
    name="appointment",
    label=_("funding advice"),
    kind_label=_("Reminder: advice appointment"),
    default_hours=(24, 2),
    candidates=candidates,
    start=lambda a: a.start,
    hub=lambda a: a.hub,
    email=email,
    still_active=still_active,
)
