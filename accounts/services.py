from django.db import transaction

from .models import User


@transaction.atomic
def name_set(*, user: User, first_name: str, last_name: str, organisation: str = "") -> User:
    """The name the portal addresses a person by ("Guten Tag Greta Gründerin")."""
    user.name = f"{first_name.strip()} {last_name.strip()}".strip()
    user.organisation = organisation.strip()
    user.full_clean()
    user.save(update_fields=["name", "organisation"])
    return user


@transaction.atomic
def profile_update(
    *,
    user: User,
    name: str,
    language: str,
    reminders_enabled: bool = True,
    organisation: str | None = None,
) -> User:
    if organisation is not None:
        user.organisation = organisation
    user.name = name
    user.language = language
    user.reminders_enabled = reminders_enabled
    user.full_clean()
    user.save(update_fields=["name", "organisation", "language", "reminders_enabled"])
    return user
