"""/favicon.ico, which every browser asks for, is the portal's mark, not a 404."""

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse


@pytest.mark.django_db
def test_the_favicon_is_found_and_every_page_names_it(client):
    answer = client.get("/favicon.ico")
    assert answer.status_code == 301
    assert answer["Location"].endswith(".ico")
    icon = finders.find("hubportal/favicon.ico")
    with open(icon, "rb") as file:
        assert file.read(4) == b"\x00\x00\x01\x00"  # an ICO file, as browsers expect
    assert finders.find("hubportal/favicon.svg")
    home = client.get(reverse("home")).text
    assert 'rel="icon"' in home
