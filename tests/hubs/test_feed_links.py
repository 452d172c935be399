"""A calendar block calls its address secure only where it is https."""

import pytest
from django.urls import reverse

from tests.factories import HubFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("site", "secure"), [("https://hubs.example.org", True), ("http://127.0.0.1:8000", False)]
)
def test_the_calendar_address_is_called_secure_only_over_https(client, settings, site, secure):
    settings.SITE_URL = site
    hub = HubFactory(slug="wilster")
    page = client.get(reverse("hubs:detail", args=[hub.slug])).text
    assert f"{site}/hubs/wilster/" in page
    assert ("sicher über https" in page) == secure
    assert "Oder kopieren Sie diese Adresse in Ihre Kalender-App" in page
