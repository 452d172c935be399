"""Emails about events, sent after the transaction that caused them commits.

Each email is written in the recipient's language and carries the signed link to
cancel; confirmations carry the event as an .ics file. Uses Django's mail API so the
notifications path (Celery, outbox, reminders) can take over without changes here.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from hubs.scoping import staff_emails_for_hub

from . import ics, tokens
from .models import Event, Registration


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def registration_links(registration: Registration) -> dict[str, str]:
    return {
        "confirm_url": absolute(
            reverse("events:confirm", args=[tokens.make(registration, tokens.CONFIRM)])
        ),
        "cancel_url": absolute(
            reverse("events:cancel", args=[tokens.make(registration, tokens.MANAGE)])
        ),
    }


def _send_to_registrant(registration_pk: int, kind: str) -> None:
    registration = Registration.objects.select_related("event__hub").get(pk=registration_pk)
    if not registration.email:
        return  # registered at the desk without an address: staff print the confirmation
    with translation.override(registration.language):
        context = {
            "kind": kind,
            "registration": registration,
            "event": registration.event,
            "event_url": absolute(registration.event.get_absolute_url()),
            **registration_links(registration),
        }
        subject = render_to_string("events/emails/subject.txt", context).strip()
        body = render_to_string("events/emails/registration.txt", context)
        message = EmailMessage(subject, body, to=[registration.email])
        if registration.status == Registration.Status.CONFIRMED and kind != "cancelled":
            message.attach(
                "veranstaltung.ics", ics.personal_calendar(registration.event), "text/calendar"
            )
        message.send()


def registration_received(pk: int) -> None:
    registration = Registration.objects.get(pk=pk)
    _send_to_registrant(
        pk, "confirm_email" if registration.awaits_email_confirmation else "received"
    )


def registration_confirmed(pk: int) -> None:
    _send_to_registrant(pk, "received")


def registration_promoted(pk: int) -> None:
    _send_to_registrant(pk, "promoted")


def registration_cancelled(pk: int) -> None:
    _send_to_registrant(pk, "cancelled")


def event_cancelled(pk: int) -> None:
    _send_to_registrant(pk, "event_cancelled")


def capacity_alert(event_pk: int, percent: int) -> None:
    event = Event.objects.select_related("hub").get(pk=event_pk)
    recipients = staff_emails_for_hub(event.hub)
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = (
            _("Fully booked: %(title)s") if percent >= 100 else _("80%% booked: %(title)s")
        ) % {"title": event.title}
        body = render_to_string(
            "events/emails/capacity_alert.txt",
            {"event": event, "percent": percent, "event_url": absolute(event.get_absolute_url())},
        )
        EmailMessage(subject, body, to=recipients).send()
