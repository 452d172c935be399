"""Malformed requests that once gave a 500 (issue 27), each now a clear 4xx: NUL
bytes in a path and a start at the end of the calendar."""

import pytest
from django.urls import reverse
from django.utils.http import urlencode

from tests.factories import AdvisorFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/coworking/feed/%00.ics", "/funding/advisor/feed/a%00b.ics", "/hubs/ein%00beck/"]
)
def test_a_nul_byte_in_a_path_is_not_found(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("start", ["9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00+00:00"])
def test_a_start_at_the_edge_of_the_calendar_is_no_slot(client, start):
    user = UserFactory()
    client.force_login(user)
    advisor = AdvisorFactory()
    query = urlencode({"advisor": advisor.pk, "start": start, "minutes": 60, "place": "video"})
    url = reverse("funding:book") + "?" + query
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].endswith(reverse("funding:index"))
