"""Signed links in funding emails: manage (cancel, move) and accept a proposed time."""

from datetime import timedelta

from hubportal import links

MANAGE = "funding.appointment.manage"
ACCEPT = "funding.appointment.accept"


def make(appointment, purpose: str) -> str:
    return links.make(purpose, appointment.pk)


# A proposed time is held for the requester for two weeks; after that the link expires.
ACCEPT_VALID = timedelta(days=14)


def read(token: str, purpose: str) -> int:
    return links.read(token, purpose, ACCEPT_VALID if purpose == ACCEPT else None)
