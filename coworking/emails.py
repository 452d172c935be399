"""Emails about bookings: stored in the outbox with the action, sent after the commit."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hubportal.links import absolute
from hubs.selectors import hub_staff_emails
from notifications.services import message_send

from . import ics, tokens
from .models import Booking
from .rules import alternative_day

# What each kind of email this app sends is called, for staff in the outbox
# (registered in apps.py; notifications/kinds.py).
KINDS = {
    "coworking.pending": _("Booking request received"),
    "coworking.confirmed": _("Booking confirmed"),
    "coworking.approved": _("Booking approved"),
    "coworking.declined": _("Booking declined"),
    "coworking.cancelled": _("Booking cancelled"),
    "coworking.released": _("Booking released (not checked in)"),
    "coworking.no_show": _("Booking: recorded as not come"),
    "coworking.kept": _("Booking kept on a day the hub is closed"),
    "coworking.approval_needed": _("Booking to approve (to staff)"),
}


def person_email(booking: Booking, kind: str) -> dict:
    """message_send arguments for an email to the booked person."""
    # The calendar file says the booking's state: tentative, confirmed, or (with the
    # cancellation) METHOD:CANCEL, which takes it out of the person's calendar.
    attachments = [("buchung.ics", ics.booking_calendar(booking), "text/calendar")]
    return {
        "to": booking.email,
        "language": booking.language,
        "hub": booking.workspace.hub,
        "subject": "coworking/emails/subject.txt",
        "body": "coworking/emails/booking.txt",
        "context": {
            "kind": kind,
            "booking": booking,
            "hub": booking.workspace.hub,
            "mine_url": absolute(reverse("coworking:mine")),
            "cancel_url": absolute(
                reverse("coworking:cancel_link", args=[tokens.CANCEL.make(booking)])
            ),
        },
        "attachments": attachments,
    }


def booking_received(pk: int) -> None:
    booking = Booking.objects.select_related("workspace__hub").get(pk=pk)
    kind = "pending" if booking.status == Booking.Status.PENDING else "confirmed"
    message_send(kind=f"coworking.{kind}", **person_email(booking, kind))
    if booking.status == Booking.Status.PENDING:
        message_send(
            to=hub_staff_emails(booking.workspace.hub),
            hub=booking.workspace.hub,
            kind="coworking.approval_needed",
            about=booking.email,
            subject="coworking/emails/approval_subject.txt",
            body="coworking/emails/approval.txt",
            context={
                "booking": booking,
                "admin_url": absolute(reverse("admin:coworking_booking_change", args=[pk])),
            },
        )


def booking_changed(pk: int, kind: str) -> None:
    """kind: approved, declined, cancelled, released. A booking cancelled with a
    reason (by staff, e.g. for a closure) suggests another free time."""
    booking = Booking.objects.select_related("workspace__hub").get(pk=pk)
    arguments = person_email(booking, kind)
    if kind == "cancelled" and booking.cancel_reason:
        alternative = alternative_day(booking)
        arguments["context"]["alternative"] = alternative
        arguments["context"]["book_url"] = absolute(
            reverse("coworking:book", args=[booking.workspace.hub.slug])
        )
    message_send(kind=f"coworking.{kind}", **arguments)
