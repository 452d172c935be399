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


def test_no_admin_list_filter_fails_on_a_value_that_is_no_id(client, superuser):
    """Every filter of every admin list (auditlog's "?resource_type=abc" gave a
    ValueError), with values that are no ids: letters, a NUL byte, a huge number."""
    import re
    from html import unescape
    from urllib.parse import parse_qsl

    from django.contrib import admin

    from tests.fuzz.test_malformed_input import fails

    client.force_login(superuser)
    failures, tried = [], 0
    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_view_permission(_request_of(superuser)):
            continue
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        page = client.get(url)
        if page.status_code != 200:
            continue
        names = {
            name
            for href in re.findall(r'href="\?([^"]*)"', page.text)
            for name, _value in parse_qsl(unescape(href), keep_blank_values=True)
        } - {"o", "p", "q", "e", "_changelist_filters"}
        if model._meta.label_lower == "auditlog.logentry":
            names.add("resource_type")  # shown only once there are entries
        for name in sorted(names):
            for bad in ("abc", "1\x00", "99999999999999999999999", "-1"):
                response = client.get(url, {name: bad})
                tried += 1
                if fails(response):
                    failures.append(f"{url}?{name}={bad!r} → {response.status_code}")
    assert tried > 40 and failures == []


def _request_of(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = user
    return request
