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


def resolve(request, read_pk, *, queryset, template):
    """The object a signed link points to as (object, None), or (None, response) with a
    clear page: 410 when expired, 400 when forged or cut, 404 when the object is gone.

    `read_pk` reads the link (e.g. `lambda: tokens.read(token, tokens.MANAGE)`).
    """
    from django.shortcuts import render

    try:
        pk = read_pk()
    except LinkExpired:
        return None, render(request, template, {"expired": True}, status=410)
    except LinkInvalid:
        return None, render(request, template, {"expired": False}, status=400)
    found = queryset.filter(pk=pk).first()
    if found is None:
        return None, render(request, template, {"expired": False}, status=404)
    return found, None
