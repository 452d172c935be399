from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode

from hubportal.notifications.services import message_send


class AccountAdapter(DefaultAccountAdapter):
    """Remembers the language a person signed up in, and sends account emails
    (confirm the address, reset the password …) through the portal's outbox: in the
    person's language, in the portal's layout, retried like every other email and
    visible to administrators."""

    def save_user(self, request, user, form, commit=True):
        user.language = (translation.get_language() or "de")[:2]
        return super().save_user(request, user, form, commit=commit)

    def post_login(self, request, user, *, redirect_url=None, **kwargs):
        """Accounts without a name are asked for it once, then go on where they meant to
        (also when the login form carried a ?next=)."""
        response = super().post_login(request, user, redirect_url=redirect_url, **kwargs)
        if not user.name and response.status_code == 302:
            query = urlencode({"next": response["Location"]})
            response["Location"] = f"{reverse('accounts:name')}?{query}"
        return response

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = allauth_context.request
        user = context.get("user")
        language = getattr(user, "language", "") or (translation.get_language() or "de")[:2]
        message_send(
            to=email,
            language=language,
            kind="accounts." + template_prefix.rsplit("/", 1)[-1],
            subject=f"{template_prefix}_subject.txt",
            body=f"{template_prefix}_message.txt",
            context={
                "request": request,
                "email": email,
                "current_site": get_current_site(request),
                **context,
            },
        )
