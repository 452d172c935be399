"""A person's event registrations: export, delete with the account, retention."""

from django.utils.translation import gettext_lazy as _

from accounts.privacy import PersonalData, anonymise, held_for
from hubportal.states import export_fields
from hubportal.timeranges import local_iso

from . import services
from .models import Registration

# Anonymising a registration also takes the support asked for (health data).
NO_ACCESS_NEEDS = {"access_needs": "", "access_note": ""}
ANONYMOUS = {
    "person": None,
    "name": "",
    "email": "",
    "phone": "",
    "source": "",
    **NO_ACCESS_NEEDS,
}


def export(user) -> list[dict]:
    return [
        {
            "event": r.event.title,
            "name": r.name,
            "email": r.email,
            "phone": r.phone,
            "hub": r.event.hub.name,
            "start": local_iso(r.event.start),
            "end": local_iso(r.event.end),
            **export_fields(r),
            "participation": r.participation,
            "registered": local_iso(r.created),
            "support_needed": r.access_need_text,
            "connection_hashed": r.source,
        }
        for r in held_for(Registration, user).select_related("event__hub")
    ]


def erase(user, now) -> None:
    upcoming = held_for(Registration, user).active().filter(event__start__gt=now)
    for registration in upcoming:
        services.registration_cancel(registration=registration, now=now)
    anonymise(held_for(Registration, user), ANONYMOUS)


SOURCE = PersonalData(
    name="events",
    label=_("Event registrations"),
    export=export,
    erase=erase,
    model=Registration,
    ended="event__end",
    anonymous=ANONYMOUS,
)


# The support someone asked for is kept only until the event is over: the sweep
# erases it the day after, not after the retention period.
ACCESS_NEEDS = PersonalData(
    name="event_access_needs",
    label=_("Support asked for at events (health data)"),
    export=None,  # part of "events" above
    erase=None,  # anonymised with the registration
    model=Registration,
    ended="event__end",
    anonymous=NO_ACCESS_NEEDS,
    retention_days=0,
)
