"""Signed links in event emails: confirm a guest's address, cancel a registration."""

from hubportal import links

from .models import GUEST_CONFIRMATION_WINDOW, Registration

CONFIRM = "events.registration.confirm"
MANAGE = "events.registration.manage"


def make(registration: Registration, purpose: str) -> str:
    return links.make(purpose, registration.pk)


def read(token: str, purpose: str) -> int:
    """The registration id in a link; raises LinkInvalid or LinkExpired."""
    return links.read(token, purpose, GUEST_CONFIRMATION_WINDOW if purpose == CONFIRM else None)
