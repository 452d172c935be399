import hashlib
import time

from allauth.account.adapter import get_adapter
from allauth.mfa.utils import is_mfa_enabled
from allauth.usersessions.models import UserSession
from auditlog.middleware import AuditlogMiddleware
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from hubportal.clients import client_ip

from .roles import is_privileged, opens_without_second_factor

LAST_SEEN = "portal_last_seen"
LOGGED_IN = "portal_logged_in"
LAST_SEEN_STEP = 60  # seconds: the idle clock is kept to the minute


def session_started(sender, request, user, **kwargs):
    """A login starts the idle clock and the session's lifetime afresh."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN] = request.session[LOGGED_IN] = time.time()


def _ended(request, now: float) -> str | None:
    """Why a privileged session is over (idle, or past its lifetime), or None."""
    last_seen = request.session.get(LAST_SEEN)
    if last_seen and now - last_seen > settings.STAFF_SESSION_IDLE_MINUTES * 60:
        return _("You were logged out after %(minutes)s minutes without activity.") % {
            "minutes": settings.STAFF_SESSION_IDLE_MINUTES
        }
    logged_in = request.session.get(LOGGED_IN) or last_seen
    if logged_in and now - logged_in > settings.STAFF_SESSION_MAX_HOURS * 3600:
        return _("You were logged out %(hours)s hours after logging in. Please log in again.") % {
            "hours": settings.STAFF_SESSION_MAX_HOURS
        }
    return None


class PrivilegedAccountMiddleware:
    """For staff, advisors and superusers:

    - the session ends with the browser, after STAFF_SESSION_IDLE_MINUTES without a
      request and STAFF_SESSION_MAX_HOURS after the login, however active (then the
      next page asks for the login again, and comes back after it);
    - no page opens before a second factor is set up (deny by default: only setting
      it up, logging in and out and the legal pages do, roles.py): they are sent to
      "Two-factor authentication" with a note why.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if not is_privileged(user):
            return self.get_response(request)
        now = time.time()
        ended = _ended(request, now)
        if ended:
            logout(request)
            messages.info(request, ended)
            return redirect(f"{reverse('account_login')}?{urlencode({'next': request.path})}")
        last_seen = request.session.get(LAST_SEEN)
        if not last_seen or now - last_seen > LAST_SEEN_STEP:  # a session write per minute
            request.session[LAST_SEEN] = now
        request.session.setdefault(LOGGED_IN, now)  # sessions from before the lifetime
        if request.session.get_expire_at_browser_close() is False:
            request.session.set_expiry(0)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Once the URL is resolved: a privileged account needs its second factor."""
        user = request.user
        if not is_privileged(user) or opens_without_second_factor(request.resolver_match):
            return None
        if is_mfa_enabled(user):
            return None
        messages.warning(
            request,
            _(
                "Your account can see other people's data. Before you continue, "
                "please set up a second factor: an authenticator app on your phone "
                "or a security key."
            ),
        )
        return redirect("mfa_index")


class UserSessionsMiddleware:
    """allauth's "My sessions" record (address, browser, last seen), written at most
    once a minute per session and client by each web process, instead of on every
    request (five queries each time): the list shows "5 minutes ago", and a new
    address or browser is still recorded at its first request."""

    STEP = 60  # seconds
    KEEP = 10_000  # remembered (session, client) pairs per process before pruning

    def __init__(self, get_response):
        self.get_response = get_response
        self.recorded: dict[str, float] = {}

    def __call__(self, request):
        session_key = request.session.session_key
        if session_key and request.user.is_authenticated:
            client = f"{get_adapter().get_client_ip(request)}|{request.headers.get('User-Agent')}"
            seen = f"{session_key}:{hashlib.sha256(client.encode()).hexdigest()[:16]}"
            now = time.time()
            if now - self.recorded.get(seen, 0) >= self.STEP:
                UserSession.objects.create_from_request(request)
                if len(self.recorded) >= self.KEEP:
                    self.recorded = {k: t for k, t in self.recorded.items() if now - t < self.STEP}
                self.recorded[seen] = now
        return self.get_response(request)


class AuditMiddleware(AuditlogMiddleware):
    """Entries name the acting account and, for staff, advisors and superusers, the
    client's address as every limit reads it (hubportal/clients.py); a citizen's own
    actions are recorded without their address."""

    def get_extra_data(self, request):
        data = super().get_extra_data(request)
        user = getattr(request, "user", None)
        data["remote_addr"] = client_ip(request) if user and is_privileged(user) else None
        data["remote_port"] = None
        return data
