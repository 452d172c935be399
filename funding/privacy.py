"""A person's appointments: export, delete with the account (the advisor is told),
retention (questions and the advisor's notes go too)."""

from django.utils.translation import gettext_lazy as _

from accounts.privacy import PersonalData, anonymise, held_for
from hubportal.states import export_fields
from hubportal.timeranges import local_iso

from . import services
from .models import Appointment

ANONYMOUS = {
    "person": None,
    "name": "",
    "email": "",
    "phone": "",
    "organisation": "",
    "role": "",
    "question": "",
    "advisor_notes": "",
}


def export(user) -> list[dict]:
    return [
        {
            "advisor": str(a.advisor),
            "name": a.name,
            "email": a.email,
            "start": local_iso(a.start),
            "end": local_iso(a.end),
            "how": a.mode,
            "hub": a.hub.name if a.hub else None,
            **export_fields(a),
            "role": a.role,
            "topic": a.topic.name if a.topic else None,
            "phone": a.phone,
            "organisation": a.organisation,
            "question": a.question,
            "advisor_notes": a.advisor_notes,
        }
        for a in held_for(Appointment, user).select_related("advisor", "hub", "topic")
    ]


def erase(user, now) -> None:
    for appointment in held_for(Appointment, user).active().filter(start__gt=now):
        services.appointment_cancel(appointment=appointment, account_deleted=True, now=now)
    anonymise(held_for(Appointment, user), ANONYMOUS)


SOURCE = PersonalData(
    name="funding",
    label=_("Appointments (with questions and advisor notes)"),
    export=export,
    erase=erase,
    model=Appointment,
    ended="end",
    anonymous=ANONYMOUS,
)
