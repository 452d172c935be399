"""Writes to hubs: every create and change goes through here."""

from datetime import date, timedelta

from django.db import transaction

from .models import Hub, HubStaff, Schedule


@transaction.atomic
def hub_staff_add(*, hub: Hub, user) -> HubStaff:
    """Make `user` staff of `hub`: they can then log into the admin and manage it."""
    membership, _ = HubStaff.objects.get_or_create(hub=hub, user=user)
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return membership


@transaction.atomic
def hub_staff_remove(*, membership: HubStaff) -> None:
    """The user no longer manages this hub (their other hubs, if any, stay theirs)."""
    membership.delete()


@transaction.atomic
def schedule_end(*, schedule: Schedule, before: date) -> Schedule:
    """Let a schedule end the day before another one takes over (staff ticked "end
    the schedule in force" on the new one; the preview shows the effect first)."""
    schedule.valid_until = before - timedelta(days=1)
    schedule.full_clean(exclude=["hub"])
    schedule.save(update_fields=["valid_until", "updated"])
    return schedule
