"""Querysets shared by the apps whose rows hold a place or a time.

A model using them has a `status` field and a class attribute `ACTIVE`: the statuses
in which a row holds its place (a booking its desk, an appointment its advisor's
time, a registration its seat).
"""

from django.db import models


class ActiveQuerySet(models.QuerySet):
    """Registrations, bookings and appointments: those that hold a place."""

    def active(self):
        return self.filter(status__in=self.model.ACTIVE)


class TimeSlotQuerySet(ActiveQuerySet):
    """Bookings and appointments: also those overlapping start..end."""

    def overlapping(self, start, end):
        return self.filter(start__lt=end, end__gt=start)
