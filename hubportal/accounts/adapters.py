from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    """Remembers the language a person signed up in, so emails reach them in it."""

    def save_user(self, request, user, form, commit=True):
        user.language = (translation.get_language() or "de")[:2]
        return super().save_user(request, user, form, commit=commit)
