"""Signed links in funding emails: manage (cancel, move) and accept a proposed time.
Both end with the appointment (cancelled, declined, done, or SIGNED_LINK_GRACE_DAYS
after its end)."""

from datetime import timedelta

from hubportal.links import Purpose


def _end(appointment):
    return appointment.end


MANAGE = Purpose("funding.appointment.manage", ends=_end)
# A proposed time is held for the person for two weeks; after that the link expires.
ACCEPT = Purpose("funding.appointment.accept", max_age=timedelta(days=14), ends=_end)
