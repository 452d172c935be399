"""A person's desk and room bookings: export, delete with the account, retention."""

from django.db.models import Q

from hubportal.accounts.privacy import PersonalData

from . import services
from .models import Booking, MemberProfile

ANONYMOUS = {"person": None, "name": "", "email": "", "phone": "", "purpose": ""}


def export(user) -> list[dict]:
    bookings = [
        {
            "workspace": b.workspace.name,
            "hub": b.workspace.hub.name,
            "start": b.start.isoformat(),
            "end": b.end.isoformat(),
            "status": b.status,
            "purpose": b.purpose,
        }
        for b in Booking.objects.filter(person=user).select_related("workspace__hub")
    ]
    profile = MemberProfile.objects.filter(user=user).values("group", "organisation").first()
    return [{"profile": profile}, *bookings] if profile else bookings


def erase(user, now) -> None:
    for booking in Booking.objects.active().filter(person=user, start__gt=now):
        services.booking_cancel(booking=booking, by_staff=True, now=now)
    Booking.objects.filter(person=user).update(**ANONYMOUS)
    MemberProfile.objects.filter(user=user).delete()


def purge(before) -> int:
    personal = Q(person__isnull=False) | ~Q(name="") | ~Q(email="") | ~Q(phone="")
    return Booking.objects.filter(personal, end__lt=before).update(**ANONYMOUS)


SOURCE = PersonalData(name="coworking", export=export, erase=erase, purge=purge)
