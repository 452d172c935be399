"""A person's appointments: export, delete with the account (the advisor is told),
retention (questions and the advisor's notes go too)."""

from django.utils.translation import gettext_lazy as _

from hubportal.accounts.privacy import PersonalData

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
            "start": a.start.isoformat(),
            "end": a.end.isoformat(),
            "how": a.mode,
            "hub": a.hub.name if a.hub else None,
            "status": a.status,
            "organisation": a.organisation,
            "question": a.question,
        }
        for a in Appointment.objects.filter(person=user).select_related("advisor", "hub")
    ]


def erase(user, now) -> None:
    for appointment in Appointment.objects.active().filter(person=user, start__gt=now):
        services.appointment_cancel(appointment=appointment, account_deleted=True, now=now)
    Appointment.objects.filter(person=user).update(**ANONYMOUS)


SOURCE = PersonalData(
    name="funding",
    label=_("Appointments (with questions and advisor notes)"),
    export=export,
    erase=erase,
    model=Appointment,
    ended="end",
    anonymous=ANONYMOUS,
)
