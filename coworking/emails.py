"""Emails about bookings, sent after the transaction that caused them commits."""

from hubportal import notifications
from hubportal.notifications import absolute
from hubs.scoping import staff_emails_for_hub

from . import ics
from .models import Booking


def _send(booking: Booking, kind: str) -> None:
    attachments = []
    if booking.status in (Booking.Status.CONFIRMED, Booking.Status.PENDING):
        attachments.append(("buchung.ics", ics.booking_calendar(booking), "text/calendar"))
    notifications.send(
        to=booking.email,
        language=booking.language,
        subject="coworking/emails/subject.txt",
        body="coworking/emails/booking.txt",
        context={
            "kind": kind,
            "booking": booking,
            "hub": booking.workspace.hub,
            "mine_url": absolute("/coworking/mine/"),
        },
        attachments=attachments,
    )


def booking_received(pk: int) -> None:
    booking = Booking.objects.select_related("workspace__hub").get(pk=pk)
    _send(booking, "pending" if booking.status == Booking.Status.PENDING else "confirmed")
    if booking.status == Booking.Status.PENDING:
        notifications.send(
            to=staff_emails_for_hub(booking.workspace.hub),
            subject="coworking/emails/approval_subject.txt",
            body="coworking/emails/approval.txt",
            context={
                "booking": booking,
                "admin_url": absolute(f"/admin/coworking/booking/{booking.pk}/change/"),
            },
        )


def booking_changed(pk: int, kind: str) -> None:
    """kind: approved, declined, cancelled, released."""
    _send(Booking.objects.select_related("workspace__hub").get(pk=pk), kind)
