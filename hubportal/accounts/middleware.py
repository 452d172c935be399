import time

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .roles import is_privileged, is_staff_area

LAST_SEEN = "portal_last_seen"


def session_started(sender, request, user, **kwargs):
    """A login starts the idle clock afresh."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN] = time.time()


class PrivilegedAccountMiddleware:
    """For staff, advisors and superusers:

    - the session ends with the browser and after STAFF_SESSION_IDLE_MINUTES without a
      request (then the next page asks for the login again, and comes back after it);
    - no staff or advisor page opens before a second factor is set up: they are sent
      to "Two-factor authentication" with a note why.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if not is_privileged(user):
            return self.get_response(request)
        now = time.time()
        last_seen = request.session.get(LAST_SEEN)
        if last_seen and now - last_seen > settings.STAFF_SESSION_IDLE_MINUTES * 60:
            logout(request)
            messages.info(
                request,
                _("You were logged out after %(minutes)s minutes without activity.")
                % {"minutes": settings.STAFF_SESSION_IDLE_MINUTES},
            )
            return redirect(f"{reverse('account_login')}?{urlencode({'next': request.path})}")
        request.session[LAST_SEEN] = now
        if request.session.get_expire_at_browser_close() is False:
            request.session.set_expiry(0)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Once the URL is resolved: a staff or advisor page needs the second factor."""
        user = request.user
        if not (is_privileged(user) and is_staff_area(request.resolver_match)):
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
