"""Issue 27, items 2 and 5: a secret in a URL (a link's token, a password-reset key)
never reaches a log or the outbox page, found by the route's pattern, whatever the
hash seed, the order of arguments, or the host the link was made for."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver

from hubportal.logs import SECRET_URL_ARGUMENTS, redacted_path

ROOT = Path(__file__).resolve().parents[2]

# Values chosen to collide: the short reset id "c" is also inside the key, the slug
# and the path itself ("/accounts/…"), and one token is the prefix of a path segment.
SAMPLES = {"uidb36": "c", "key": "c-secretkeyc", "token": "ca:secret-token"}


def routes_with_secrets(resolver=None, prefix=""):
    """Every URL pattern with a secret argument, as (route, pattern)."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from routes_with_secrets(entry, prefix + str(entry.pattern))
        elif SECRET_URL_ARGUMENTS & set(entry.pattern.regex.groupindex):
            yield prefix + str(entry.pattern), entry


def sample_paths():
    """A concrete path for each secret route, built by the resolver's own reverse."""
    from django.urls import reverse

    paths = []
    for _route, pattern in routes_with_secrets():
        assert isinstance(pattern, URLPattern) and pattern.name
        names = pattern.pattern.regex.groupindex
        kwargs = {name: SAMPLES.get(name, "x") for name in names}
        namespace = _namespace_of(pattern)
        paths.append((reverse(f"{namespace}{pattern.name}", kwargs=kwargs), kwargs))
    return paths


def _namespace_of(target, resolver=None, namespace=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if entry is target:
            return namespace
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found = _namespace_of(target, entry, inner)
            if found is not None:
                return found
    return None


def check_every_secret_route() -> list[str]:
    """The failures: a path whose redaction still holds a secret value."""
    failures = []
    paths = sample_paths()
    assert len(paths) >= 12  # confirm, cancel, manage…, feeds, email confirm, reset
    for path, kwargs in paths:
        logged = redacted_path(RequestFactory().get(path + "?x=1"))
        secrets = [v for k, v in kwargs.items() if k in SECRET_URL_ARGUMENTS]
        # The secret gone, "…" in its place, the rest of the path as it was.
        if any(
            secret in logged.replace("/accounts/", "/") for secret in secrets if len(secret) > 1
        ):
            failures.append(f"{path} → {logged}")
        if logged.count("…") != len(secrets) or "?" in logged:
            failures.append(f"{path} → {logged}")
    return failures


def test_every_route_with_a_secret_logs_none_of_it():
    assert check_every_secret_route() == []


def test_the_reset_key_is_gone_even_when_its_id_is_a_letter_of_it():
    path = "/accounts/password/reset/key/c-3c-c0ffeec0ffeec0ffee/"
    assert redacted_path(RequestFactory().get(path)) == "/accounts/password/reset/key/…-…/"


@pytest.mark.parametrize("seed", ["0", "1", "2", "3", "42"])
def test_the_redaction_does_not_depend_on_the_hash_seed(seed):
    """Set order follows PYTHONHASHSEED: the redaction must not."""
    code = (
        "import django, os;"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings');"
        "django.setup();"
        "from tests.hubportal.test_log_redaction import check_every_secret_route as c;"
        "f = c(); print(f); raise SystemExit(1 if f else 0)"
    )
    env = {**os.environ, "PYTHONHASHSEED": seed, "DEBUG": "true"}
    env.pop("DATABASE_URL", None)
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.django_db
def test_the_outbox_hides_a_reset_link_made_for_another_allowed_host(client, settings):
    """Item 5: the reset link carries the host the request came on; the outbox hides
    it by its route, whatever the host."""
    from django.core import mail

    from notifications.models import Message
    from tests.factories import UserFactory, with_second_factor

    settings.ALLOWED_HOSTS = ["portal.example", "hub.example"]
    settings.SITE_URL = "https://portal.example"
    UserFactory(email="rosa@example.org")
    client.post("/accounts/password/reset/", {"email": "rosa@example.org"}, HTTP_HOST="hub.example")
    message = Message.objects.get(recipient="rosa@example.org")
    assert "hub.example/accounts/password/reset/key/" in message.body_text
    mail.outbox.clear()
    superuser = with_second_factor(UserFactory(is_staff=True, is_superuser=True))
    client.force_login(superuser)
    page = client.get(
        f"/admin/notifications/message/{message.pk}/change/", HTTP_HOST="portal.example"
    ).text
    assert "/password/reset/key/" not in page
    assert "[persönlicher Link, nur in der E-Mail selbst]" in page
