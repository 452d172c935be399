"""Issue 27, item 4: every page a staff member, an advisor or a superuser can open
needs their second factor, in /admin/ or not (deny by default). The test walks every
URL pattern of the portal: any that answers a privileged account without a second
factor with anything but the way to set one up fails, unless it is on the short
list of pages that must open without it."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.roles import OPEN_WITHOUT_SECOND_FACTOR
from tests.factories import AdvisorFactory, EventFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db

SAMPLE = {"slug": "einbeck", "hub": "einbeck", "kind": "workshop", "app_label": "events"}


def every_url(resolver=None, namespace="", outer=()):
    """(view name, path) for every pattern, with sample arguments."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from every_url(entry, inner, (*outer, *entry.pattern.regex.groupindex))
        elif isinstance(entry, URLPattern) and entry.name:
            names = (*outer, *entry.pattern.regex.groupindex)
            kwargs = {n: SAMPLE.get(n, "1") for n in names}
            try:
                path = reverse(f"{namespace}{entry.name}", kwargs=kwargs)
            except Exception:  # noqa: BLE001 (a pattern that wants other shapes)
                kwargs = dict.fromkeys(names, "x")
                path = reverse(f"{namespace}{entry.name}", kwargs=kwargs)
            yield f"{namespace}{entry.name}", path


@pytest.fixture(params=["hub staff", "advisor", "superuser"])
def privileged_without_factor(request, einbeck):
    from hubs import services as hub_services

    if request.param == "hub staff":
        user = UserFactory()
        hub_services.hub_staff_add(hub=einbeck, user=user)
    elif request.param == "advisor":
        user = AdvisorFactory(second_factor=False).user
    else:
        user = UserFactory(is_staff=True, is_superuser=True, second_factor=False)
    from allauth.mfa.models import Authenticator

    assert not Authenticator.objects.filter(user=user).exists()
    return user


def test_no_page_opens_for_a_privileged_account_without_its_second_factor(
    client, privileged_without_factor
):
    client.force_login(privileged_without_factor)
    urls = list(every_url())
    assert len(urls) > 150  # the admin's pages and every app's
    reached = []
    for name, path in urls:
        if name in OPEN_WITHOUT_SECOND_FACTOR or name.startswith("mfa_"):
            continue
        for method in (client.get, client.post):
            response = method(path)
            to_setup = response.status_code == 302 and response["Location"].endswith(
                reverse("mfa_index")
            )
            if not to_setup:
                reached.append(
                    f"{method.__name__.upper()} {path} ({name}) → {response.status_code}"
                )
    assert reached == []


def test_the_attendee_sheet_outside_the_admin_asks_for_the_second_factor(client, einbeck):
    """The finding: /events/registration/<pk>/print/ showed names without it."""
    from hubs import services as hub_services
    from tests.factories import with_second_factor

    registration = RegistrationFactory(event=EventFactory(hub=einbeck), name="Greta Gast")
    staff = UserFactory()
    hub_services.hub_staff_add(hub=einbeck, user=staff)
    client.force_login(staff)
    url = reverse("events:print", args=[registration.pk])
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].endswith(reverse("mfa_index"))
    with_second_factor(staff)
    assert "Greta Gast" in client.get(url).text


def test_the_short_list_stays_short_and_holds_no_staff_page():
    staff_like = re.compile(r"admin|advisor|print|attendee|cockpit|outbox")
    assert len(OPEN_WITHOUT_SECOND_FACTOR) <= 15
    assert not [name for name in OPEN_WITHOUT_SECOND_FACTOR if staff_like.search(name)]
