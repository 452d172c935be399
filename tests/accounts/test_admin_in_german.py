"""The German admin speaks German: Django's and allauth's newer texts that their own
catalogues lack, permission names (stored in English), the session list, and a
person's language by its name."""

import pytest
from django.urls import reverse

from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def test_adding_a_user_and_its_password_say_it_in_german(admin_client):
    page = admin_client.get(reverse("admin:accounts_user_add")).text
    assert "Nachdem Sie das Konto angelegt haben" in page
    assert "After you" not in page


def test_permissions_are_named_in_german(admin_client):
    page = admin_client.get(reverse("admin:auth_group_add")).text
    assert "Veranstaltungen: darf anlegen" in page
    assert "Can add" not in page


def test_the_chooser_of_permissions_explains_itself_in_german(admin_client):
    catalogue = admin_client.get(reverse("admin:jsi18n")).text
    assert "indem Sie sie markieren" in catalogue


def test_the_session_list_has_a_german_name(admin_client):
    page = admin_client.get(reverse("admin:index")).text
    assert "Sitzungen" in page and "User sessions" not in page


def test_a_persons_language_reads_as_its_name(admin_client):
    registration = RegistrationFactory(language="de")
    page = admin_client.get(
        reverse("admin:events_registration_change", args=[registration.pk])
    ).text
    assert "Deutsch" in page
