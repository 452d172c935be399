"""A person's desk and room bookings: export, delete with the account, retention."""

from django.utils.translation import gettext_lazy as _

from accounts.privacy import PersonalData, anonymise, held_for
from hubportal.states import export_fields
from hubportal.timeranges import local_iso

from . import services
from .models import Booking, MemberProfile

ANONYMOUS = {"person": None, "name": "", "email": "", "phone": "", "purpose": ""}


def export(user) -> list[dict]:
    bookings = [
        {
            "workspace": b.workspace.name,
            "name": b.name,
            "email": b.email,
            "phone": b.phone,
            "hub": b.workspace.hub.name,
            "start": local_iso(b.start),
            "end": local_iso(b.end),
            **export_fields(b),
            "purpose": b.purpose,
        }
        for b in held_for(Booking, user).select_related("workspace__hub")
    ]
    profile = MemberProfile.objects.filter(user=user).values("group", "organisation").first()
    return [{"profile": profile}, *bookings] if profile else bookings


def erase(user, now) -> None:
    for booking in held_for(Booking, user).active().filter(start__gt=now):
        services.booking_cancel(booking=booking, by_staff=True, now=now)
    anonymise(held_for(Booking, user), ANONYMOUS)
    MemberProfile.objects.filter(user=user).delete()


SOURCE = PersonalData(
    name="coworking",
    label=_("Desk and room bookings"),
    export=export,
    erase=erase,
    model=Booking,
    ended="end",
    anonymous=ANONYMOUS,
)
