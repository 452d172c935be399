"""Signed links in event emails: confirm a guest's address, cancel a registration.

Both end with the registration: after a cancel or expiry, and SIGNED_LINK_GRACE_DAYS
after the event."""

from hubportal.links import Purpose

from .models import guest_hold


def _event_end(registration):
    return registration.event.end


# A guest confirms within the hold (GUEST_HOLD_MINUTES), or the place goes to the next
# person; the link is made when the registration is, so it runs out with the hold.
CONFIRM = Purpose("events.registration.confirm", max_age=guest_hold, ends=_event_end)
MANAGE = Purpose("events.registration.manage", ends=_event_end)
