from django.db import transaction

from .models import User


@transaction.atomic
def profile_update(*, user: User, name: str, language: str, reminders_enabled: bool = True) -> User:
    user.name = name
    user.language = language
    user.reminders_enabled = reminders_enabled
    user.full_clean()
    user.save(update_fields=["name", "language", "reminders_enabled"])
    return user
