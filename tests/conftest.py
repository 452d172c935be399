import pytest
from django.contrib.auth import get_user_model

from hubs import services

from .factories import HubFactory, UserFactory


@pytest.fixture(autouse=True)
def _german_and_fast(settings):
    settings.LANGUAGE_CODE = "de"
    # Hashing passwords at full strength makes every login test slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
    return user


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("admin@example.org", "pw-admin-123")
