"""The signed cancel link in every booking email."""

from hubportal.links import Purpose

CANCEL = Purpose("coworking.booking.cancel")
