from django.db import transaction

from .models import User


@transaction.atomic
def profile_update(*, user: User, name: str, language: str) -> User:
    user.name = name
    user.language = language
    user.full_clean()
    user.save(update_fields=["name", "language"])
    return user
