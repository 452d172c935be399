"""Who holds a privileged account: staff, superusers and advisors.

They see other people's data, so they log in with a second factor, their sessions end
after STAFF_SESSION_IDLE_MINUTES idle and with the browser, and "remember me" does not
apply to them (hubportal/accounts/middleware.py)."""

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


def is_staff_area(match: ResolverMatch | None) -> bool:
    """The Django admin and the advisor's workspace (its calendar feed, which a calendar
    program fetches with a token and no session, is not part of it)."""
    if match is None:
        return False
    if match.app_name == "admin":
        return True
    return (
        match.app_name == "funding"
        and (match.url_name or "").startswith("advisor")
        and match.url_name not in {"advisor_feed"}
    )
