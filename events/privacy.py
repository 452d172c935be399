"""A person's event registrations: export, delete with the account, retention."""

from django.utils.translation import gettext_lazy as _

from hubportal.accounts.privacy import PersonalData

from . import services
from .models import Registration

ANONYMOUS = {"person": None, "name": "", "email": "", "phone": ""}


def export(user) -> list[dict]:
    return [
        {
            "event": r.event.title,
            "hub": r.event.hub.name,
            "start": r.event.start.isoformat(),
            "status": r.status,
            "participation": r.participation,
            "registered": r.created.isoformat(),
        }
        for r in Registration.objects.filter(person=user).select_related("event__hub")
    ]


def erase(user, now) -> None:
    upcoming = Registration.objects.active().filter(person=user, event__start__gt=now)
    for registration in upcoming:
        services.registration_cancel(registration=registration, now=now)
    Registration.objects.filter(person=user).update(**ANONYMOUS)


SOURCE = PersonalData(
    name="events",
    label=_("Event registrations"),
    export=export,
    erase=erase,
    model=Registration,
    ended="event__end",
    anonymous=ANONYMOUS,
)
