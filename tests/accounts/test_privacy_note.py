"""Where people type their details (signing up, registering as a guest), the privacy
notice is one link away."""

import pytest
from django.urls import reverse

from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_the_sign_up_form_links_the_privacy_notice(client):
    page = client.get(reverse("account_signup")).text
    assert reverse("pages:page", args=["privacy"]) in page.split("<main", 1)[1].split("</main>")[0]
    assert "Datenschutzerklärung" in page


def test_the_guest_registration_form_links_the_privacy_notice(client):
    event = EventFactory()
    page = client.get(event.get_absolute_url()).text
    form = page.split('class="portal-form"', 1)[1].split("</form>")[0]
    assert reverse("pages:page", args=["privacy"]) in form
