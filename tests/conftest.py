from datetime import date

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.cache import cache

from hubs import services

from .clock import at
from .factories import HubFactory, UserFactory, with_second_factor


@pytest.fixture(autouse=True)
def _german_fast_and_isolated(settings):
    settings.LANGUAGE_CODE = "de"
    # Hashing passwords at full strength makes every login test slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Pages come from the page cache as in production (off while developing), so every
    # test that changes something and looks again also checks that the change shows.
    settings.PAGE_CACHE = True
    # The cache holds allauth's rate limits; on Redis it outlives a test run.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _celery_in_process(request):
    """Tasks run in-process in tests, also when REDIS_URL is set; only the integration
    tests (marked `integration`) talk to Redis and real worker processes."""
    from config.celery import app

    eager = "integration" not in request.keywords
    before = app.conf.task_always_eager
    app.conf.task_always_eager = eager
    yield
    app.conf.task_always_eager = before


@pytest.fixture(autouse=True)
def _every_email_kind_has_a_name():
    """Staff read the outbox by kind: any email a test sends without a name in
    notifications/kinds.py fails that test."""
    from django.db.models.signals import post_save

    from notifications.kinds import LABELS
    from notifications.models import Message

    unnamed = []

    def check(sender, instance, created, **kwargs):
        if created and instance.kind not in LABELS:
            unnamed.append(instance.kind)

    post_save.connect(check, sender=Message, weak=False, dispatch_uid="kind-has-a-name")
    yield
    post_save.disconnect(sender=Message, dispatch_uid="kind-has-a-name")
    assert not unnamed, f"name these kinds in the app's emails.py (KINDS): {unnamed}"


@pytest.fixture
def einbeck(db):
    return HubFactory(name="EIN.Lebens.raum", slug="einbeck", town="Einbeck", state="NI")


@pytest.fixture
def oldenburg(db):
    return HubFactory(
        name="Digital Hub Oldenburg", slug="oldenburg", town="Oldenburg in Holstein", state="SH"
    )


@pytest.fixture
def staff_einbeck(einbeck):
    user = UserFactory(email="team-einbeck@example.org")
    services.hub_staff_add(hub=einbeck, user=user)
    return with_second_factor(user)


@pytest.fixture
def staff_client(client, staff_einbeck):
    """The test client, logged in as Einbeck's hub staff (with a second factor)."""
    client.force_login(staff_einbeck)
    return client


@pytest.fixture
def monday_morning():
    """Monday 23 November 2026, 08:00 in Berlin: an ordinary week (no holiday on the
    next days). Use it with `pytest.mark.usefixtures("monday_morning")` for a module."""
    with time_machine.travel(at(date(2026, 11, 23), 8), tick=False) as traveller:
        yield traveller


@pytest.fixture
def send_at_once(monkeypatch):
    """Emails go out inside the test's transaction (they wait for the commit else)."""
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, *a, **kw: func())


@pytest.fixture
def superuser(db):
    user = get_user_model().objects.create_superuser(
        "admin@example.org", "pw-admin-123", name="Ada Admin"
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return with_second_factor(user)


@pytest.fixture
def smtp_sink(settings):
    """A real SMTP server on loopback; the portal sends to it."""
    from .smtp import SmtpSink

    sink = SmtpSink().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    yield sink
    sink.stop()
