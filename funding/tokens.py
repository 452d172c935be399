"""Signed links in funding emails: manage (cancel, move) and accept a proposed time."""

from hubportal import links

MANAGE = "funding.appointment.manage"
ACCEPT = "funding.appointment.accept"


def make(appointment, purpose: str) -> str:
    return links.make(purpose, appointment.pk)


def read(token: str, purpose: str) -> int:
    return links.read(token, purpose)
