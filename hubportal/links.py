"""Signed links in emails: an object's id, signed with SECRET_KEY for one purpose.

A changed link fails the signature (LinkInvalid); one older than `max_age` fails its
age check (LinkExpired). Views turn both into a clear page, never a 500.
"""

from datetime import timedelta

from django.core import signing


class LinkInvalid(Exception):
    pass


class LinkExpired(Exception):
    pass


def make(purpose: str, pk: int) -> str:
    return signing.dumps(pk, salt=purpose, compress=False)


def read(token: str, purpose: str, max_age: timedelta | None = None) -> int:
    try:
        return int(signing.loads(token, salt=purpose, max_age=max_age))
    except signing.SignatureExpired as exc:
        raise LinkExpired from exc
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise LinkInvalid from exc
