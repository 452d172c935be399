"""Reminders before events, for people with a confirmed place."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from notifications.sources import ReminderSource

from .emails import person_email
from .models import Event, Registration


def candidates(after, until):
    return (
        Registration.objects.filter(
            status=Registration.Status.CONFIRMED,
            event__status=Event.Status.PUBLISHED,
            event__start__gt=after,
            event__start__lte=until,
        )
        # Guests who never confirmed their address get no reminder.
        .filter(Q(expires_at__isnull=True) | Q(email_confirmed_at__isnull=False))
        .exclude(email="")
        .select_related("event__hub", "person")
    )


def email(registration) -> dict:
    return person_email(registration, "reminder")


def still_active(pk, start) -> bool:
    return Registration.objects.filter(
        pk=pk,
        status=Registration.Status.CONFIRMED,
        event__status=Event.Status.PUBLISHED,
        event__start=start,
    ).exists()


SOURCE = ReminderSource(
    name="registration",
    label=_("events"),
    kind_label=_("Reminder: event"),
    default_hours=(24,),
    candidates=candidates,
    start=lambda r: r.event.start,
    hub=lambda r: r.event.hub,
    email=email,
    still_active=still_active,
)
