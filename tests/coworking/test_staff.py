"""Hub staff: today's list, check-in, approvals, booking for someone, release, CSV, chart."""

import csv
import io
from datetime import time, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from coworking import services
from coworking.models import Booking, BookingPolicy
from hubs import services as hub_services
from tests.clock import at
from tests.factories import (
    BookingFactory,
    HubFactory,
    OpeningHoursFactory,
    UserFactory,
    WorkspaceFactory,
    with_second_factor,
)
from tests.hubs.schedule_post import schedule_post

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("monday_morning")]


@pytest.fixture
def staff(hub):
    user = UserFactory(email="team-oldenburg@example.org")
    hub_services.hub_staff_add(hub=hub, user=user)
    with_second_factor(user)
    return user


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def einbeck_desk():
    einbeck = HubFactory(slug="einbeck", name="EIN.Lebens.raum")
    for weekday in range(7):
        OpeningHoursFactory(hub=einbeck, weekday=weekday, opens=time(8), closes=time(18))
    return WorkspaceFactory(hub=einbeck, name="Arbeitsplatz Einbeck")


def test_staff_see_only_their_hubs_bookings(staff_client, desk, einbeck_desk):
    BookingFactory(workspace=desk, name="Olga Ost", start=at(23, 9), end=at(23, 10))
    BookingFactory(workspace=einbeck_desk, name="Erik Ein", start=at(23, 9), end=at(23, 10))
    page = staff_client.get(reverse("admin:coworking_booking_changelist")).text
    assert "Olga Ost" in page and "Erik Ein" not in page
    today = staff_client.get(reverse("admin:coworking_booking_today")).text
    assert "Olga Ost" in today and "Erik Ein" not in today
    other = Booking.objects.get(name="Erik Ein")
    assert (
        staff_client.get(reverse("admin:coworking_booking_change", args=[other.pk])).status_code
        == 302
    )
    assert (
        staff_client.get(
            reverse("admin:coworking_booking_book_for", args=[einbeck_desk.hub.pk])
        ).status_code
        == 404
    )


def test_check_in_and_no_show_from_todays_list(staff_client, desk):
    booking = BookingFactory(workspace=desk, name="Olga", start=at(23, 9), end=at(23, 12))
    staff_client.post(reverse("admin:coworking_booking_check_in", args=[booking.pk]))
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CHECKED_IN


def test_staff_cannot_check_in_another_hubs_booking(staff_client, einbeck_desk):
    other = BookingFactory(workspace=einbeck_desk, name="Erik", start=at(23, 9), end=at(23, 12))
    response = staff_client.post(reverse("admin:coworking_booking_check_in", args=[other.pk]))
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == Booking.Status.CONFIRMED


def test_approve_and_decline_pending_bookings_emails_the_person(
    staff_client, desk, member, mailoutbox
):
    BookingPolicy.objects.filter(hub=desk.hub).update(first_booking_needs_approval=True)
    desk.hub.refresh_from_db()
    first = services.booking_create(workspace=desk, person=member, start=at(24, 9), end=at(24, 10))
    assert first.status == Booking.Status.PENDING
    assert any(m.to == ["team-oldenburg@example.org"] for m in mailoutbox)  # please approve
    changelist = reverse("admin:coworking_booking_changelist")
    staff_client.post(changelist, {"action": "approve", "_selected_action": [first.pk]})
    first.refresh_from_db()
    assert first.status == Booking.Status.CONFIRMED
    assert "Buchung genehmigt" in mailoutbox[-1].subject and mailoutbox[-1].to == [member.email]

    second = BookingFactory(
        workspace=desk,
        person=member,
        email=member.email,
        status="pending",
        start=at(25, 9),
        end=at(25, 10),
    )
    staff_client.post(changelist, {"action": "decline", "_selected_action": [second.pk]})
    second.refresh_from_db()
    assert second.status == Booking.Status.DECLINED
    assert "Buchung abgelehnt" in mailoutbox[-1].subject


def test_staff_book_for_a_caller_without_account(staff_client, desk, hub):
    response = staff_client.post(
        reverse("admin:coworking_booking_book_for", args=[hub.pk]),
        {
            "name": "Frau Anruferin",
            "email": "",
            "phone": "04361 555",
            "workspace": desk.pk,
            "date": "2026-11-23",
            "quick": "custom",
            "start_time": "08:30",
            "end_time": "10:00",
            "purpose": "",
        },
    )
    assert response.status_code == 302
    booking = Booking.objects.get(name="Frau Anruferin")
    assert booking.person is None and booking.booked_by.email == "team-oldenburg@example.org"


def test_unchecked_bookings_are_released_and_the_person_told(desk, member, mailoutbox):
    BookingPolicy.objects.filter(hub=desk.hub).update(release_after_minutes=30)
    late = BookingFactory(
        workspace=desk,
        person=member,
        name="Greta",
        email=member.email,
        start=at(23, 8),
        end=at(23, 12),
    )
    here = BookingFactory(
        workspace=WorkspaceFactory(hub=desk.hub, name="B"),
        name="Da",
        status="checked_in",
        start=at(23, 8),
        end=at(23, 12),
    )
    with time_machine.travel(at(23, 8, 29), tick=False):
        call_command("bookings_release_unchecked")
    late.refresh_from_db()
    assert late.status == Booking.Status.CONFIRMED  # not yet
    with time_machine.travel(at(23, 8, 31), tick=False):
        call_command("bookings_release_unchecked")
    late.refresh_from_db()
    here.refresh_from_db()
    assert late.status == Booking.Status.RELEASED and here.status == Booking.Status.CHECKED_IN
    assert "Buchung freigegeben" in mailoutbox[-1].subject


def test_release_is_off_unless_the_hub_turns_it_on(desk):
    booking = BookingFactory(workspace=desk, start=at(23, 8), end=at(23, 12))
    with time_machine.travel(at(23, 11), tick=False):
        assert services.bookings_release_unchecked() == 0
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_csv_export_and_occupancy_chart(staff_client, desk, hub):
    BookingFactory(workspace=desk, name="=cmd()", start=at(24, 9), end=at(24, 12))
    response = staff_client.post(
        reverse("admin:coworking_booking_changelist"),
        {
            "action": "export_csv",
            "_selected_action": list(Booking.objects.values_list("pk", flat=True)),
        },
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][1] == "Schreibtisch 1" and rows[1][4] == "'=cmd()"
    chart = staff_client.get(reverse("admin:coworking_booking_occupancy", args=[hub.pk]))
    assert "<svg" in chart.text and "3,0 Stunden gebucht" in chart.text


def test_release_sweep_is_on_the_beat_schedule():
    from config.celery import app

    app.loader.import_default_modules()
    assert "coworking.bookings_release_unchecked" in {
        e["task"] for e in app.conf.beat_schedule.values()
    }
    assert "coworking.bookings_release_unchecked" in app.tasks
    assert (
        timedelta(minutes=5).total_seconds()
        == app.conf.beat_schedule["bookings-release-unchecked"]["schedule"]
    )


def test_coworking_hours_with_a_backwards_validity_are_refused_next_to_the_field(staff_client, hub):
    response = staff_client.post(
        reverse("admin:hubs_schedule_add"),
        schedule_post(
            hub,
            kind="coworking",
            valid_from="2026-12-10",
            valid_until="2026-12-01",
            intervals=[(0, "09:00", "13:00")],
        ),
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "valid_until" in errors, errors
    assert not hub.schedules.filter(kind="coworking").exists()


def test_the_booking_list_links_today_booking_for_someone_and_occupancy(staff_client, hub):
    page = staff_client.get(reverse("admin:coworking_booking_changelist")).text
    for url in (
        reverse("admin:coworking_booking_today"),
        reverse("admin:coworking_booking_book_for", args=[hub.pk]),
        reverse("admin:coworking_booking_occupancy", args=[hub.pk]),
    ):
        assert f'href="{url}"' in page
        assert staff_client.get(url).status_code == 200
