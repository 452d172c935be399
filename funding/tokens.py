"""Signed links in funding emails: manage (cancel, move) and accept a proposed time."""

from datetime import timedelta

from hubportal.links import Purpose

MANAGE = Purpose("funding.appointment.manage")
# A proposed time is held for the person for two weeks; after that the link expires.
ACCEPT = Purpose("funding.appointment.accept", max_age=timedelta(days=14))
