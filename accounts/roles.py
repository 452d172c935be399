"""Who holds a privileged account: staff, superusers and advisors.

They see other people's data, so they log in with a second factor, their sessions end
after STAFF_SESSION_IDLE_MINUTES idle and with the browser, and "remember me" does not
apply to them (accounts/middleware.py)."""

from django.apps import apps
from django.db import connection
from django.urls import ResolverMatch


def is_privileged(user) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_staff or user.is_superuser or is_advisor(user)


def is_advisor(user) -> bool:
    """Remembered on the user object for the rest of the request."""
    if getattr(user, "_portal_is_advisor", None) is None:  # (user may be a lazy object)
        user._portal_is_advisor = has_row("funding.Advisor", user)
    return user._portal_is_advisor


def has_row(model: str, user) -> bool:
    """Whether `model` ("app_label.Model") has a row for `user`. Asked on every
    logged-in request (is this an advisor? has a second factor?), so in plain SQL: one
    lookup on the user_id index, a third of what the ORM spends building the query."""
    table = apps.get_model(model)._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT 1 FROM "{table}" WHERE "user_id" = %s LIMIT 1', [user.pk])  # noqa: S608 (a model's table name)
        return cursor.fetchone() is not None


# What a privileged account may open before it has a second factor: setting one up,
# logging in and out, confirming its address, resetting its password, and the legal
# pages. Everything else is denied by default (PrivilegedAccountMiddleware), so a
# staff or advisor view added anywhere, in /admin/ or not, needs the second factor
# without anyone having to remember to ask for it.
OPEN_WITHOUT_SECOND_FACTOR = frozenset(
    {
        "healthz",
        "favicon",
        "set_language",
        "account_login",
        "account_logout",
        "account_inactive",
        "account_reauthenticate",
        "account_confirm_email",
        "account_email_verification_sent",
        "account_confirm_login_code",
        "account_reset_password",
        "account_reset_password_done",
        "account_reset_password_from_key",
        "account_reset_password_from_key_done",
        "pages:page",
    }
)


def opens_without_second_factor(match: ResolverMatch | None) -> bool:
    """Whether a privileged account without a second factor may open this page."""
    if match is None:  # not a page of the portal (static files, a 404)
        return True
    return match.view_name in OPEN_WITHOUT_SECOND_FACTOR or match.view_name.startswith("mfa_")
