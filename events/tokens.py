"""Signed links in event emails: confirm a guest's address, cancel a registration."""

from hubportal.links import Purpose

from .models import GUEST_CONFIRMATION_WINDOW

# A guest confirms in time (GUEST_CONFIRMATION_HOURS), or the place goes to the next person.
CONFIRM = Purpose("events.registration.confirm", max_age=GUEST_CONFIRMATION_WINDOW)
MANAGE = Purpose("events.registration.manage")
