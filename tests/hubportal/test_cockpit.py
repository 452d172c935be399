"""The admin's start page for hub staff: their hubs' day, every number a link to its list."""

import re
from datetime import date, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coworking.models import Booking
from events.models import Registration
from funding.models import Appointment, Mode
from notifications.models import Message
from tests.clock import at
from tests.factories import (
    AppointmentFactory,
    BookingFactory,
    EventFactory,
    MessageFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    RegistrationFactory,
    UserFactory,
    WorkspaceFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("monday_morning")]

MONDAY = date(2026, 11, 23)


@pytest.fixture
def day_at_einbeck(einbeck, oldenburg):
    for weekday in range(7):
        OpeningHoursFactory(hub=einbeck, weekday=weekday, opens=time(9), closes=time(17))
    desk = WorkspaceFactory(hub=einbeck)
    BookingFactory(workspace=desk, start=at(MONDAY, 9), end=at(MONDAY, 10))
    BookingFactory(
        workspace=desk,
        start=at(MONDAY, 11),
        end=at(MONDAY, 12),
        status=Booking.Status.CHECKED_IN,
    )
    BookingFactory(workspace=desk, start=at(MONDAY, 13), end=at(MONDAY, 14), status="cancelled")
    BookingFactory(workspace=desk, start=at(MONDAY + timedelta(days=2), 9), status="pending")
    BookingFactory(workspace=WorkspaceFactory(hub=oldenburg), start=at(MONDAY, 9), status="pending")
    evening = EventFactory(hub=einbeck, title="Themenabend KI", start=at(MONDAY, 18), capacity=2)
    RegistrationFactory(event=evening, attendance=Registration.Attendance.ATTENDED)
    RegistrationFactory(event=evening)
    EventFactory(hub=oldenburg, title="Oldenburger Abend", start=at(MONDAY, 18))
    AppointmentFactory(
        hub=einbeck, mode=Mode.ON_SITE, status=Appointment.Status.REQUESTED, start=at(MONDAY, 15)
    )
    MessageFactory(hub=einbeck, status=Message.Status.FAILED)
    closed = MONDAY + timedelta(days=10)
    OpeningExceptionFactory(
        hub=einbeck, start_date=closed, end_date=closed, reason="Betriebsausflug"
    )
    EventFactory(hub=einbeck, title="Sprechstunde am Ausflugstag", start=at(closed, 10))
    return einbeck


def figure(page: str, label: str) -> tuple[int, str]:
    row = page[page.index(label) :].split("</tr>")[0]
    href, number = re.search(r'<a href="([^"]+)">(\d+)</a>', row).groups()
    return int(number), href.replace("&amp;", "&")


def test_staff_see_their_hubs_day_and_every_number_matches_its_list(staff_client, day_at_einbeck):
    page = staff_client.get(reverse("admin:index")).text
    assert "EIN.Lebens.raum" in page and "Digital Hub Oldenburg" not in page
    assert "Geöffnet: 09:00–17:00" in page
    assert "Themenabend KI" in page and "2 angemeldet, 1 eingecheckt" in page
    assert "Oldenburger Abend" not in page
    assert "Betriebsausflug" in page and "Sprechstunde am Ausflugstag" in page
    assert "2 von 2 Plätzen belegt" in page  # filling up

    bookings, today_url = figure(page, "Buchungen von Arbeitsplätzen")
    assert bookings == 2 and "1 eingecheckt" in page
    today = staff_client.get(today_url)
    assert len(today.context["bookings"]) == bookings
    for label, expected in [
        ("Buchungen, die auf Genehmigung warten", 1),
        ("Beratungsanfragen, die auf die Beratung warten", 1),
        ("E-Mails, die fehlgeschlagen sind oder hängen", 1),
    ]:
        number, url = figure(page, label)
        listing = staff_client.get(url)
        assert number == expected == listing.context["cl"].result_count, label


def test_tomorrow_is_one_click_away(staff_client, day_at_einbeck):
    page = staff_client.get(reverse("admin:index") + "?day=tomorrow").text
    assert "Dienstag, 24. November 2026" in page
    assert "2 angemeldet, 1 eingecheckt" not in page and "Keine Veranstaltungen." in page


def test_the_cockpit_asks_the_same_number_of_queries_for_500_items(
    staff_client, day_at_einbeck, settings
):
    settings.PAGE_CACHE = False  # what rendering it costs, not what the kept page costs

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert staff_client.get(reverse("admin:index")).status_code == 200
        return len(captured)

    queries()  # the session's first request also records the session (usersessions)
    few = queries()
    desks = [WorkspaceFactory(hub=day_at_einbeck) for _ in range(25)]
    for n in range(500):  # 25 desks, 20 quarter hours each from 09:00
        start = at(MONDAY, 9) + timedelta(minutes=15 * (n // 25))
        BookingFactory(
            workspace=desks[n % 25],
            start=start,
            end=start + timedelta(minutes=15),
            status="pending" if n % 5 else "confirmed",
        )
    assert queries() == few


def test_people_without_a_hub_see_no_cockpit(client, superuser, einbeck):
    client.force_login(superuser)
    assert "Ihre Hubs am" in client.get(reverse("admin:index")).text
    loner = UserFactory(is_staff=True)
    client.force_login(loner)
    assert "Ihre Hubs am" not in client.get(reverse("admin:index")).text


def test_the_week_table_counts_each_day_and_opens_it(staff_client, day_at_einbeck):
    page = staff_client.get(reverse("admin:index")).text
    week = page[page.index("Diese Woche") :].split("</table>")[0]
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th><td>(\d+)</td><td>(\d+)</td></tr>", week)
    counts = {re.sub(r"<[^>]+>", "", day): (int(e), int(b)) for day, e, b in rows}
    assert counts["Mo 23.11."] == (1, 2)
    assert counts["Mi 25.11."] == (0, 1)
    assert len(counts) == 7
    wednesday = staff_client.get(reverse("admin:index") + "?day=2026-11-25").text
    assert "Ihre Hubs am Mittwoch, 25. November 2026" in wednesday
    far = staff_client.get(reverse("admin:index") + "?day=2027-01-01").text
    assert "Ihre Hubs am Montag, 23. November 2026" in far  # outside the week: today
