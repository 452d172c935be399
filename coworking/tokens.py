"""The signed cancel link in every booking email."""

from hubportal import links

CANCEL = "coworking.booking.cancel"


def make(booking) -> str:
    return links.make(CANCEL, booking.pk)


def read(token: str) -> int:
    return links.read(token, CANCEL)
