"""Issue 27, item 12: the audit trail covers who runs what (hubs with their widget
origins and published figures, staff roles, accounts and their rights, advisors,
exhibits, workspaces, booking rules, pages, reminder settings), each entry with the
acting account and, for staff, the client's address as the limits read it."""

import pytest
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from hubs import services as hub_services
from pages.models import Page
from tests.factories import UserFactory, WorkspaceFactory

pytestmark = pytest.mark.django_db

COVERED = [
    "hubs.hub",
    "hubs.hubstaff",
    "accounts.user",
    "funding.advisor",
    "showroom.exhibit",
    "coworking.workspace",
    "coworking.workspaceblock",
    "coworking.bookingpolicy",
    "pages.page",
    "notifications.hubreminder",
    # and, from before: the items, closures, hours and events
    "coworking.booking",
    "events.registration",
    "funding.appointment",
    "events.event",
    "hubs.openingexception",
    "hubs.schedule",
    "hubs.scheduleinterval",
]


def entries_of(obj):
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_pk=str(obj.pk)
    )


def test_every_kind_of_thing_staff_run_is_in_the_trail():
    assert [label for label in COVERED if not auditlog.contains(apps.get_model(label))] == []


def test_a_page_edit_names_the_superuser_and_their_address(client, superuser):
    page = Page.objects.first()
    client.force_login(superuser)
    url = reverse("admin:pages_page_change", args=[page.pk])
    data = {
        "title_de": "Impressum (neu)",
        "title_en": page.title_en or "Imprint",
        "body_de": "Neuer Text",
        "body_en": page.body_en or "New text",
    }
    response = client.post(url, data, REMOTE_ADDR="203.0.113.44")
    assert response.status_code == 302, response.content[:3000]
    (entry,) = entries_of(page).filter(action=LogEntry.Action.UPDATE)
    assert entry.actor == superuser and entry.remote_addr == "203.0.113.44"
    assert "title_de" in entry.changes or "title" in entry.changes


def test_rights_and_roles_are_recorded_without_the_persons_name(client, einbeck, superuser):
    from auditlog.context import set_actor

    person = UserFactory(name="Rolf Rechte", email="rolf@example.org")
    with set_actor(superuser, remote_addr="203.0.113.45"):
        hub_services.hub_staff_add(hub=einbeck, user=person)  # a role and is_staff
        einbeck.widget_origins = "https://www.einbeck.de"
        einbeck.save()
        WorkspaceFactory(hub=einbeck, name="Raum Tilly")
    user_entries = entries_of(person)
    assert user_entries.filter(changes__has_key="is_staff").exists() or any(
        "is_staff" in (e.changes or {}) for e in user_entries
    )
    text = " ".join(f"{e.object_repr} {e.changes}" for e in user_entries)
    assert "Rolf" not in text and "rolf@example.org" not in text
    staff_role = LogEntry.objects.filter(content_type__model="hubstaff").get()
    hub_entry = entries_of(einbeck).filter(action=LogEntry.Action.UPDATE).get()
    assert "widget_origins" in hub_entry.changes
    for entry in (staff_role, hub_entry):
        assert entry.actor == superuser and entry.remote_addr == "203.0.113.45"


def test_a_citizens_own_change_is_recorded_without_their_address(client):
    from tests.factories import BookingFactory

    person = UserFactory()
    booking = BookingFactory(person=person, status="confirmed")
    client.force_login(person)
    response = client.post(
        reverse("coworking:cancel", args=[booking.pk]), REMOTE_ADDR="198.51.100.66"
    )
    assert response.status_code in (200, 302)
    entry = entries_of(booking).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert entry.actor == person and entry.remote_addr is None
