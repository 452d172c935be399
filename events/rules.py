"""Why a registration is refused ("why could I not register?"): every check with its
message, called by services.registration_create. Each raises RegistrationError with
what would work instead and, where it concerns one, the form field."""

from __future__ import annotations

import math
from datetime import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hubportal.dates import local_format
from hubportal.errors import DomainError

from .models import Event, Participation, PlaceKind, Registration, mail_domain


class RegistrationError(DomainError):
    """A registration refused: event full, closed, already registered …"""


class AlreadyRegistered(RegistrationError):
    """The person or address is registered already (they may want the email again)."""


def registration_window(event: Event):
    """(opens, closes): closes at the end of the window or at the start, whichever first."""
    closes = min(event.registration_closes or event.start, event.start)
    return event.registration_opens, closes


def registration_is_open(event: Event, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    opens, closes = registration_window(event)
    return (
        event.registration_required
        and event.status == Event.Status.PUBLISHED
        and (opens is None or opens <= now)
        and now < closes
    )


def check_open(event: Event, *, now: datetime, by_staff: bool) -> None:
    """Registrations are taken while the window is open; staff may register someone
    until the end of a published event."""
    if not event.registration_required:
        raise RegistrationError(_("This event needs no registration: just come along."))
    if by_staff:
        if event.status != Event.Status.PUBLISHED or now >= event.end:
            raise RegistrationError(_("This event is not open for registrations."))
    elif not registration_is_open(event, now):
        opens, _closes = registration_window(event)
        if event.status == Event.Status.PUBLISHED and opens and now < opens:
            raise RegistrationError(
                _("Registration opens on %(date)s.")
                % {"date": local_format(timezone.localtime(opens), "j.n.Y H:i")}
            )
        raise RegistrationError(_("Registration for this event is closed."))


def check_contact(email: str, *, guest: bool) -> None:
    """A guest is reached by email: the address is needed."""
    if guest and not email:
        raise RegistrationError(_("Please give your email address."), field="email")


def event_share(event: Event) -> int | None:
    """How many places one connection or mail domain may hold; None: no limit."""
    if not event.capacity:
        return None
    return max(
        settings.EVENT_SHARE_MIN, math.ceil(event.capacity * settings.EVENT_SHARE_PER_SOURCE)
    )


def check_share(event: Event, email: str, source: str) -> None:
    """A hoarder behind one connection or one (catch-all) mail domain cannot take more
    than its share of the places, confirmed or not; a town hall's colleagues fit in it."""
    share = event_share(event)
    if share is None:
        return
    active = event.registrations.active()
    domain = mail_domain(email)
    from_source = source and active.filter(source=source).count() >= share
    from_domain = domain and active.filter(email__iendswith=f"@{domain}").count() >= share
    if from_source or from_domain:
        contact = event.hub.email if event.hub_id and event.hub.email else ""
        raise RegistrationError(
            _(
                "%(share)s places of this event are taken already from your connection "
                "or by addresses of your organisation: no one group may hold more, so "
                "that others get a place too. If your group needs more places, please "
                "ask the hub team%(contact)s."
            )
            % {"share": share, "contact": f" ({contact})" if contact else ""}
        )


def check_open_guest_registrations(email: str, now: datetime) -> None:
    """One address holds at most GUEST_OPEN_REGISTRATIONS_PER_ADDRESS places that are
    not confirmed yet: nobody fills events with an address they cannot read."""
    open_ones = Registration.objects.active().filter(
        person=None, email__iexact=email, email_confirmed_at__isnull=True, expires_at__gt=now
    )
    if open_ones.count() >= settings.GUEST_OPEN_REGISTRATIONS_PER_ADDRESS:
        raise RegistrationError(
            _(
                "Registrations for this address are still waiting for confirmation. Please "
                "confirm them first with the links in the emails, then register again."
            ),
            field="email",
        )


def taken(event: Event) -> int:
    qs = event.registrations.taken()
    if event.hybrid:
        qs = qs.filter(participation=Participation.ON_SITE)
    return qs.count()


def participation_for(event: Event, wanted: str | None) -> str:
    if event.hybrid:
        return wanted if wanted in Participation.values else Participation.ON_SITE
    return Participation.ONLINE if event.place_kind == PlaceKind.ONLINE else Participation.ON_SITE


def is_full(event: Event, participation: str) -> bool:
    """Would a registration with this participation go onto the waiting list?"""
    return event.limits(participation) and event.places_left(taken(event)) == 0
