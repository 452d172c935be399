"""The signed cancel link in every booking email: it ends with the booking (cancelled,
or SIGNED_LINK_GRACE_DAYS after its end)."""

from hubportal.links import Purpose

CANCEL = Purpose("coworking.booking.cancel", ends=lambda booking: booking.end)
