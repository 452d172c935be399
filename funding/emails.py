"""Emails about appointments: stored in the outbox with the action, sent after the commit."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hubportal.links import absolute
from hubportal.timeranges import LOCAL_TZ
from notifications.services import message_send

from . import ics, tokens
from .models import Appointment, FundingProgramme
from .slots import slots_like

# What each kind of email this app sends is called, for staff in the outbox
# (registered in apps.py; notifications/kinds.py).
KINDS = {
    # to the person who asked
    "funding.requested": _("Advice request received"),
    "funding.confirmed": _("Advice appointment confirmed"),
    "funding.declined": _("Advice request declined"),
    "funding.cancelled_by_advisor": _("Advice appointment cancelled by the advisor"),
    "funding.cancelled_by_hub": _("Advice appointment cancelled by the hub (closure, hours)"),
    "funding.cancelled_by_person": _("Advice appointment cancelled as the person asked"),
    "funding.proposal_declined": _("Proposed time declined: the original time stays"),
    "funding.moved": _("Advice appointment moved"),
    "funding.no_show": _("Advice appointment recorded as not attended"),
    "funding.kept": _("Advice appointment kept on a day the hub is closed"),
    "funding.proposed": _("Advice: another time proposed"),
    "funding.followup": _("Advice follow-up"),
    # to the advisor
    "funding.advisor.cancelled_by_hub": _(
        "Advice appointment cancelled by the hub (to the advisor)"
    ),
    "funding.advisor.proposal_declined": _("Proposed time declined (to the advisor)"),
    "funding.advisor.requested": _("New advice request (to the advisor)"),
    "funding.advisor.confirmed": _("New advice appointment (to the advisor)"),
    "funding.advisor.cancelled_by_person": _("Advice appointment cancelled (to the advisor)"),
    "funding.advisor.account_deleted": _(
        "Advice appointment cancelled, the person deleted their account (to the advisor)"
    ),
    "funding.advisor.moved": _("Advice appointment moved (to the advisor)"),
    "funding.advisor.kept": _("Advice appointment kept on a closed day (to the advisor)"),
    "funding.advisor.phone_changed": _("Phone number for a call changed (to the advisor)"),
}


def _context(appointment: Appointment, kind: str, **extra) -> dict:
    return {
        "kind": kind,
        "appointment": appointment,
        "manage_url": absolute(reverse("funding:manage", args=[tokens.MANAGE.make(appointment)])),
        "proposal_accept_url": absolute(
            reverse("funding:accept", args=[tokens.ACCEPT.make(appointment)])
        ),
        "workspace_url": absolute(reverse("funding:advisor")),
        **extra,
    }


def person_email(appointment: Appointment, kind: str, **extra) -> dict:
    """message_send arguments for an email to the person who asked for advice."""
    # The calendar file says the appointment's state (funding/states.py): tentative
    # while requested or while another time is proposed, confirmed, or with a
    # cancellation METHOD:CANCEL, which takes it out of the person's calendar.
    attachments = [("beratung.ics", ics.appointment_calendar(appointment), "text/calendar")]
    return {
        "to": appointment.email,
        "language": appointment.language,
        "hub": appointment.hub,
        "subject": "funding/emails/person_subject.txt",
        "body": "funding/emails/person.txt",
        "context": _context(appointment, kind, **extra),
        "attachments": attachments,
    }


def _to_person(appointment: Appointment, kind: str, **extra) -> None:
    message_send(kind=f"funding.{kind}", **person_email(appointment, kind, **extra))


def _to_advisor(appointment: Appointment, kind: str) -> None:
    """`account_deleted`: the email names the time and place only, so it is about no
    one and outlives the deletion that caused it."""
    user = appointment.advisor.user
    message_send(
        to=user.email,
        language=user.language,
        hub=appointment.hub,
        kind=f"funding.advisor.{kind}",
        about="" if kind == "account_deleted" else appointment.email,
        subject="funding/emails/advisor_subject.txt",
        body="funding/emails/advisor.txt",
        context=_context(appointment, kind),
    )


def _load(pk: int) -> Appointment:
    return Appointment.objects.select_related("advisor__user", "hub", "topic").get(pk=pk)


def appointment_booked(pk: int) -> None:
    appointment = _load(pk)
    kind = "requested" if appointment.status == Appointment.Status.REQUESTED else "confirmed"
    _to_person(appointment, kind)
    if appointment.booked_by_id != appointment.advisor.user_id:
        _to_advisor(appointment, kind)


def _alternative(appointment: Appointment) -> dict:
    """Another free time with the same advisor and place, as a suggestion."""
    slots = slots_like(
        advisor_id=appointment.advisor_id,
        hub=appointment.hub,
        minutes=appointment.minutes,
        first_day=appointment.start.astimezone(LOCAL_TZ).date(),
    )
    if not slots:
        return {}
    return {"alternative": slots[0], "book_url": absolute(reverse("funding:index"))}


def appointment_changed(pk: int, kind: str) -> None:
    """kind: confirmed, declined, cancelled_by_advisor, cancelled_by_hub (a closure:
    the person and the advisor are told), cancelled_by_person, account_deleted (the
    advisor only, without the person's details), moved, proposed, proposal_declined
    (to the advisor)."""
    appointment = _load(pk)
    if kind in ("cancelled_by_advisor", "cancelled_by_hub"):
        # Each says who cancelled: the outbox and the person read the true cause.
        _to_person(appointment, kind, **_alternative(appointment))
        if kind == "cancelled_by_hub":
            _to_advisor(appointment, kind)
    elif kind in ("phone_changed", "account_deleted"):
        _to_advisor(appointment, kind)
    elif kind in ("cancelled_by_person", "proposal_declined"):
        # The person hears that it is done (and the calendar file removes the entry).
        _to_person(appointment, kind)
        _to_advisor(appointment, kind)
    elif kind in ("moved", "kept"):
        _to_person(appointment, kind)
        _to_advisor(appointment, kind)
    else:
        _to_person(appointment, kind)


def appointment_followup(pk: int, programme_ids: list[int], checklist: str, message: str):
    appointment = _load(pk)
    programmes = list(FundingProgramme.objects.filter(pk__in=programme_ids))
    for programme in programmes:  # each named with its page in the portal
        programme.page_url = absolute(reverse("funding:programme", args=[programme.pk]))
    items = [line.strip(" -•*") for line in checklist.splitlines() if line.strip(" -•*")]
    _to_person(appointment, "followup", programmes=programmes, checklist=items, message=message)
