"""Writes to hubs: every create and change goes through here."""

from django.db import transaction

from .models import Hub, HubStaff


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
