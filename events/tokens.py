"""Signed links in emails: confirm a guest's address, cancel a registration.

A link carries the registration's id, signed with SECRET_KEY and a purpose (salt);
a changed link fails the signature, an old confirmation link fails its age check.
"""

from django.core import signing

from .models import GUEST_CONFIRMATION_WINDOW, Registration

CONFIRM = "events.registration.confirm"
MANAGE = "events.registration.manage"


class LinkInvalid(Exception):
    pass


class LinkExpired(Exception):
    pass


def make(registration: Registration, purpose: str) -> str:
    return signing.dumps(registration.pk, salt=purpose, compress=False)


def read(token: str, purpose: str) -> int:
    """The registration id in a link; raises LinkInvalid or LinkExpired."""
    max_age = GUEST_CONFIRMATION_WINDOW if purpose == CONFIRM else None
    try:
        return int(signing.loads(token, salt=purpose, max_age=max_age))
    except signing.SignatureExpired as exc:
        raise LinkExpired from exc
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise LinkInvalid from exc
