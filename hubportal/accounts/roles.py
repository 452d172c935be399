"""Who holds a privileged account: staff, superusers and advisors.

They see other people's data, so they log in with a second factor, their sessions end
after STAFF_SESSION_IDLE_MINUTES idle and with the browser, and "remember me" does not
apply to them (hubportal/accounts/middleware.py)."""

from django.urls import ResolverMatch


def is_privileged(user) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_staff or user.is_superuser or hasattr(user, "advisor")


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
