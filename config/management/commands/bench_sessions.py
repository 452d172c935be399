"""Logged-in sessions for `make bench`: prints {role: Cookie header} as JSON, for the
demo citizen, the demo advisor and Einbeck's demo staff (run after seed_demo)."""

import json
import time

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand

from accounts.middleware import LAST_SEEN

WHO = {
    "citizen": "buerger@demo.example",
    "advisor": "beratung@demo.example",
    "staff": "team-einbeck@demo.example",
}


class Command(BaseCommand):
    help = "Print session cookies of demo accounts for the load run."

    def handle(self, *args, **options):
        cookies = {}
        for role, email in WHO.items():
            user = get_user_model().objects.get(email=email)
            session = SessionStore()
            session[SESSION_KEY] = str(user.pk)
            session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session[LAST_SEEN] = time.time() + 3600  # no idle logout during the run
            session.create()
            cookies[role] = f"{settings.SESSION_COOKIE_NAME}={session.session_key}"
        self.stdout.write(json.dumps(cookies))
