"""Emails about events, sent after the transaction that caused them commits.

Each email is written in the recipient's language and carries the signed link to
cancel; confirmations carry the event as an .ics file. Uses Django's mail API so the
notifications path (Celery, outbox, reminders) can take over without changes here.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hubportal.links import absolute
from hubportal.states import CONFIRMED
from hubs.selectors import hub_staff_emails
from notifications.services import message_send

from . import ics, tokens
from .models import Event, Registration, guest_hold
from .states import registration_state

CANCELLING = ("cancelled", "event_cancelled")


# What each kind of email this app sends is called, for staff in the outbox
# (registered in apps.py; notifications/kinds.py).
KINDS = {
    "events.confirm_email": _("Registration: please confirm the email address"),
    "events.received": _("Registration confirmed"),
    "events.already": _("Registration: already registered (tried again)"),
    "events.promoted": _("Place from the waiting list"),
    "events.cancelled": _("Registration cancelled"),
    "events.expired": _("Registration lapsed (address not confirmed)"),
    "events.event_cancelled": _("Event cancelled"),
    "events.event_moved": _("Event moved to another date"),
    "events.event_kept": _("Event takes place although the hub is closed"),
    "events.capacity_alert": _("Event filling up (to staff)"),
}


def registration_links(registration: Registration) -> dict[str, str]:
    return {
        "confirm_url": absolute(
            reverse("events:confirm", args=[tokens.CONFIRM.make(registration)])
        ),
        "cancel_url": absolute(reverse("events:cancel", args=[tokens.MANAGE.make(registration)])),
    }


def person_email(registration: Registration, kind: str) -> dict:
    """message_send arguments for an email to a registered person."""
    # Registered at the desk without an address: staff print the confirmation instead,
    # and message_send skips the empty recipient.
    # The event's file when the place is the person's (events/states.py); with a
    # cancellation, a METHOD:CANCEL file takes it out of their calendar again. A place
    # on the waiting list is no entry in anyone's calendar.
    state = registration_state(registration)
    attachments = []
    if state.calendar == CONFIRMED or (state.is_cancelled and kind in CANCELLING):
        body = ics.personal_calendar(registration.event, cancel=state.is_cancelled)
        attachments.append(("veranstaltung.ics", body, "text/calendar"))
    return {
        "to": registration.email,
        "language": registration.language,
        "hub": registration.event.hub,
        "subject": "events/emails/subject.txt",
        "body": "events/emails/registration.txt",
        "context": {
            "kind": kind,
            "registration": registration,
            "state": state,
            "event": registration.event,
            "event_url": absolute(registration.event.get_absolute_url()),
            "confirm_minutes": int(guest_hold().total_seconds() // 60),
            **_next_date(registration.event, kind),
            **registration_links(registration),
        },
        "attachments": attachments,
    }


def _next_date(event: Event, kind: str) -> dict:
    """For a cancelled occurrence: the series' next date, as a suggestion."""
    next_date = event.next_in_series() if kind == "event_cancelled" else None
    if next_date is None:
        return {}
    return {"next_date": next_date, "next_date_url": absolute(next_date.get_absolute_url())}


def _send_to_person(registration_pk: int, kind: str) -> None:
    registration = Registration.objects.select_related("event__hub").get(pk=registration_pk)
    message_send(kind=f"events.{kind}", **person_email(registration, kind))


def registration_received(pk: int) -> None:
    registration = Registration.objects.get(pk=pk)
    _send_to_person(pk, "confirm_email" if registration.awaits_email_confirmation else "received")


def registration_already(pk: int) -> None:
    """Someone registered the address again: its owner hears of it, with the links."""
    registration = Registration.objects.get(pk=pk)
    _send_to_person(
        pk, "already" if not registration.awaits_email_confirmation else "confirm_email"
    )


def registration_confirmed(pk: int) -> None:
    _send_to_person(pk, "received")


def registration_promoted(pk: int) -> None:
    _send_to_person(pk, "promoted")


def registration_cancelled(pk: int) -> None:
    _send_to_person(pk, "cancelled")


def registration_expired(pk: int) -> None:
    _send_to_person(pk, "expired")


def event_cancelled(pk: int) -> None:
    _send_to_person(pk, "event_cancelled")


def event_moved(pk: int) -> None:
    _send_to_person(pk, "event_moved")


def event_kept(pk: int) -> None:
    _send_to_person(pk, "event_kept")


def capacity_alert(event_pk: int, percent: int) -> None:
    event = Event.objects.select_related("hub").get(pk=event_pk)
    message_send(
        to=hub_staff_emails(event.hub),
        hub=event.hub,
        kind="events.capacity_alert",
        subject="events/emails/capacity_alert_subject.txt",
        body="events/emails/capacity_alert.txt",
        context={
            "event": event,
            "percent": percent,
            "event_url": absolute(event.get_absolute_url()),
        },
    )
