"""Who changed which booking, registration, appointment, closure and week of hours,
and when: staff see it on the item's own admin page, with names masked."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coworking import services as coworking
from hubs.models import OpeningException
from tests.factories import BookingFactory, EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_a_booking_shows_who_approved_it_and_when(staff_client, staff_einbeck, einbeck):
    booking = BookingFactory(workspace__hub=einbeck, status="pending", name="Paula Privat")
    changelist = reverse("admin:coworking_booking_changelist")
    staff_client.post(changelist, {"action": "approve", "_selected_action": [booking.pk]})
    page = staff_client.get(reverse("admin:coworking_booking_change", args=[booking.pk])).text
    trail = page[page.index("Wer hat was wann geändert") :]
    assert staff_einbeck.name in trail
    assert "Status: Wartet auf Genehmigung → Bestätigt" in trail
    assert "Paula" not in trail and "Privat" not in trail  # names never enter the trail


def test_a_change_by_the_portal_itself_says_so(staff_client, einbeck):
    booking = BookingFactory(workspace__hub=einbeck)
    coworking.booking_cancel(booking=booking)  # no request: a sweep, a task, a command
    page = staff_client.get(reverse("admin:coworking_booking_change", args=[booking.pk])).text
    assert "das Portal (automatisch)" in page


def test_a_hub_lists_its_closures_even_deleted_ones(staff_client, einbeck, staff_einbeck):
    closure = OpeningException.objects.create(
        hub=einbeck,
        kind="closed",
        start_date=date.today() + timedelta(days=40),
        end_date=date.today() + timedelta(days=41),
        reason="Betriebsausflug",
    )
    closure.delete()
    page = staff_client.get(reverse("admin:hubs_hub_change", args=[einbeck.pk])).text
    trail = page[page.index("Wer hat was wann geändert") :]
    assert trail.count("Betriebsausflug") >= 2 or ("angelegt" in trail and "gelöscht" in trail)


def test_staff_do_not_see_the_trail_of_another_hub(client, staff_einbeck, oldenburg):
    registration = RegistrationFactory(
        event=EventFactory(hub=oldenburg, start=timezone.now() + timedelta(days=3))
    )
    client.force_login(staff_einbeck)
    url = reverse("admin:events_registration_change", args=[registration.pk])
    assert client.get(url).status_code in (302, 403, 404)
    assert client.get(reverse("admin:auditlog_logentry_changelist")).status_code == 403


def test_the_trail_says_berlin_time_and_no_none(staff_client, einbeck):
    """Item 8: a change at 18:15 in Berlin reads 18:15, not 17:15 (UTC); a value that
    was empty reads "–", not "None"."""
    import time_machine

    from tests.clock import at

    with time_machine.travel(at(date(2026, 12, 3), 18, 15), tick=False):
        event = EventFactory(hub=einbeck, start=at(date(2026, 12, 10), 18, 15),
                             end=at(date(2026, 12, 10), 20, 0))  # fmt: skip
        event.registration_closes = at(date(2026, 12, 9), 12, 0)
        event.save()
    page = staff_client.get(reverse("admin:events_event_change", args=[event.pk])).text
    trail = page[page.index("Wer hat was wann geändert") :]
    assert "3.12.2026 18:15" in trail and "3.12.2026 17:15" not in trail
    assert "None" not in trail
    assert "–" in trail and "12:00" in trail
