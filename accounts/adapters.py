from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core.internal import ratelimit
from allauth.mfa.utils import is_mfa_enabled
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from hubportal.clients import client_ip
from notifications.services import message_send


class PortalSite:
    """The portal as allauth's emails name it (`current_site.name`, `.domain`)."""

    @property
    def name(self) -> str:
        return str(_("Digital Hubs"))

    domain = name


class AccountAdapter(DefaultAccountAdapter):
    """Remembers the language a person signed up in, and sends account emails
    (confirm the address, reset the password …) through the portal's outbox: in the
    person's language, in the portal's layout, retried like every other email and
    visible to administrators.

    Failed logins count per client and per account (settings ACCOUNT_RATE_LIMITS). A
    stranger typing wrong passwords for someone's address must not lock them out: over
    the per-account limit, an account with a second factor still logs in with the
    right password and its factor; any other is told how to lift the block by
    setting a new password (a successful reset clears it)."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": _(
            "Too many failed login attempts for this account. Please try again in a few "
            "minutes, or set a new password with “Forgot your password?”: that lifts "
            "the block at once."
        ),
    }

    def pre_authenticate(self, request, **credentials):
        super().pre_authenticate(request, **credentials)  # per client: stops at once
        self._account_usage = ratelimit.consume(
            request,
            app="allauth.account",
            action="login_failed_account",
            key=self._get_login_attempts_cache_key(request, **credentials),
        )

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        usage = getattr(self, "_account_usage", None)
        if usage is None:  # over the per-account limit
            if user is None or not is_mfa_enabled(user):
                raise self.validation_error("too_many_login_attempts")
        elif user is not None:
            usage.rollback()  # a right password does not count as a failure
        return user

    def get_client_ip(self, request):
        """Every limit, allauth's and the portal's, counts by the same address."""
        return client_ip(request)

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
                # allauth's texts name "the site": the portal's name, not its host
                # ("ein Konto bei 127.0.0.1:8200").
                "current_site": PortalSite(),
                **context,
            },
        )
