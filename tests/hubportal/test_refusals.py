"""Issue 28 (part): a refusal (DomainError) that no view caught becomes a 400 page
with its message in the visitor's language, never a 500, and nothing is saved."""

import pytest
from django.db import transaction
from django.urls import path
from django.utils.translation import gettext_lazy as _

from config.urls import urlpatterns as portal_urls
from hubportal.errors import DomainError
from hubs.models import Hub

pytestmark = pytest.mark.django_db


@transaction.atomic
def _refusing_service(hub):
    hub.name = "Halb geändert"
    hub.save()
    raise DomainError(_("Registration for this event is closed."))


def refusing_view(request):
    _refusing_service(Hub.objects.get(slug="einbeck"))


urlpatterns = [path("refuse-test/", refusing_view), *portal_urls]


@pytest.mark.urls(__name__)
def test_an_uncaught_refusal_is_a_400_page_with_its_message(client, einbeck):
    response = client.get("/refuse-test/")
    assert response.status_code == 400
    assert "Die Anmeldung für diese Veranstaltung ist geschlossen." in response.text
    assert "Es wurde nichts geändert." in response.text and "<h1" in response.text
    einbeck.refresh_from_db()
    assert einbeck.name != "Halb geändert"  # the service's transaction rolled back
