"""The network's figures: equal to what the database holds, suppressed below the
threshold, public only for hubs that agreed, downloadable under the open licence."""

import csv
import io
import json
from datetime import date, timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coworking.models import Booking
from events.models import Event, Registration
from figures.selectors import month_figures, month_param
from figures.suppression import Cell, group
from funding.models import Appointment, Mode, Outcome
from hubs.models import Hub
from notifications.models import Message
from tests.clock import at
from tests.factories import (
    AppointmentFactory,
    BookingFactory,
    EventFactory,
    FundingProgrammeFactory,
    HubFactory,
    MessageFactory,
    RegistrationFactory,
    TopicFactory,
    UserFactory,
    WorkspaceFactory,
    with_second_factor,
)

pytestmark = pytest.mark.django_db
NOVEMBER = date(2026, 11, 1)
Attended, Status = Registration.Attendance, Registration.Status


def _event(hub, day, **fields):
    return EventFactory(hub=hub, start=at(day, 18), end=at(day, 20), **fields)


def _november(hub):
    """A month at a hub: two events held, one cancelled; 12 places taken (8 came, 3 did
    not, 1 not recorded), 2 still waiting; desks, advice and emails."""
    first, second = _event(hub, date(2026, 11, 5)), _event(hub, date(2026, 11, 19))
    _event(hub, date(2026, 11, 26), status=Event.Status.CANCELLED)
    _event(hub, date(2026, 12, 3))  # next month: not counted
    for i in range(12):
        attendance = Attended.ATTENDED if i < 8 else Attended.NO_SHOW if i < 11 else ""
        RegistrationFactory(event=first if i % 2 else second, attendance=attendance)
    RegistrationFactory.create_batch(2, event=first, status=Status.WAITLISTED)
    RegistrationFactory(event=first, status=Status.CANCELLED)  # gave the place back
    desk = WorkspaceFactory(hub=hub)
    for day in (3, 4, 5, 6, 10, 11):
        BookingFactory(
            workspace=desk, start=at(date(2026, 11, day), 9), end=at(date(2026, 11, day), 12)
        )
    BookingFactory(
        workspace=desk,
        start=at(date(2026, 11, 12), 9),
        end=at(date(2026, 11, 12), 12),
        status=Booking.Status.CANCELLED,
    )
    for i in range(6):
        AppointmentFactory(
            hub=hub,
            mode=Mode.ON_SITE,
            start=at(date(2026, 11, 2 + i), 10),
            end=at(date(2026, 11, 2 + i), 11),
            status=Appointment.Status.DONE,
        )
    for _i in range(7):
        MessageFactory(hub=hub, status=Message.Status.SENT, created=at(date(2026, 11, 9), 8))
    MessageFactory(hub=hub, status=Message.Status.GAVE_UP, created=at(date(2026, 11, 9), 8))


def _cells(figures, row_key):
    row = next(r for r in figures.overview.rows if r.key == row_key)
    return {c.key: cell for c, cell in zip(figures.overview.columns, row.cells, strict=True)}


def test_figures_are_the_counts_the_database_holds(einbeck):
    _november(einbeck)
    figures = month_figures(hubs=[einbeck], month=NOVEMBER)
    november = {"start__gte": at(NOVEMBER, 0), "start__lt": at(date(2026, 12, 1), 0)}
    events = Event.objects.filter(hub=einbeck, **november)
    registrations = Registration.objects.filter(event__in=events.filter(status="published"))
    expected = {
        "events": events.filter(status="published").count(),
        "events_cancelled": events.filter(status="cancelled").count(),
        "registrations": registrations.filter(status="confirmed").count(),
        "desk_bookings": Booking.objects.filter(
            workspace__hub=einbeck, status="confirmed", **november
        ).count(),
        "appointments": Appointment.objects.filter(hub=einbeck, **november).count(),
        "emails_sent": Message.objects.filter(hub=einbeck, status="sent").count(),
    }
    assert expected == {"events": 2, "events_cancelled": 1, "registrations": 12,
                        "desk_bookings": 6, "appointments": 6, "emails_sent": 7}  # fmt: skip
    for key, value in expected.items():
        assert _cells(figures, key)["einbeck"] == Cell(value), key
    # 3 no-shows and 1 undelivered email are hidden, so are the attended (12 - 8 would
    # leave 3 + 1) and both rates (3 of 11, 7 of 8 would give them away).
    assert _cells(figures, "attended")["einbeck"].hidden
    assert _cells(figures, "no_show_rate")["einbeck"].hidden
    assert _cells(figures, "email_delivery_rate")["einbeck"].hidden


def test_counts_of_fewer_than_five_people_are_hidden_everywhere(client, einbeck):
    einbeck.figures_public = True
    einbeck.save()
    _november(einbeck)
    figures = month_figures(hubs=[einbeck], month=NOVEMBER)
    assert _cells(figures, "no_show")["einbeck"].hidden  # 3 people
    assert _cells(figures, "waiting_list")["einbeck"].hidden  # 2 people
    assert _cells(figures, "emails_failed")["einbeck"].hidden  # 1 email

    page = client.get(reverse("figures:public"), {"month": "2026-11"}).content.decode()
    assert 'title="weniger als 5">&lt;5</abbr>' in page

    response = client.get(reverse("figures:public_csv"), {"month": "2026-11"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    waiting = next(r for r in rows if r["item"] == "waiting_list")
    assert (waiting["value"], waiting["suppressed"]) == ("", "true")
    taken = next(r for r in rows if r["item"] == "registrations")
    assert (taken["value"], taken["suppressed"]) == ("12", "false")

    data = json.loads(client.get(reverse("figures:public_json"), {"month": "2026-11"}).content)
    waiting = next(r for r in data["records"] if r["item"] == "waiting_list")
    assert waiting["value"] is None and waiting["suppressed"] is True


def test_one_hidden_figure_of_a_breakdown_takes_the_next_smallest_with_it():
    cells = group({"Breitband": 3, "Digitalisierung": 10, "Mobilität": 7, "Klima": 0})
    assert cells["Breitband"].hidden and cells["Mobilität"].hidden  # else 10+7+x = total
    assert cells["Digitalisierung"] == Cell(10) and cells["Klima"] == Cell(0)
    two_hidden = group({"a": 3, "b": 2, "c": 9})
    assert [c.hidden for c in two_hidden.values()] == [True, True, False]


def test_advice_by_topic_hides_a_small_topic_and_the_next_smallest(einbeck):
    broadband, mobility = TopicFactory(name="Breitband"), TopicFactory(name="Mobilität")
    digital = TopicFactory(name="Digitalisierung")
    for topic, n in ((broadband, 2), (mobility, 6), (digital, 9)):
        for i in range(n):
            start = at(date(2026, 11, 2), 8) + timedelta(hours=i)
            AppointmentFactory(
                hub=einbeck, topic=topic, start=start, end=start + timedelta(minutes=30)
            )
    figures = month_figures(hubs=[einbeck], month=NOVEMBER)
    table = next(t for t in figures.breakdowns if t.key == "advice_by_topic")
    shown = {row.label: row.cells[0] for row in table.rows}
    assert shown["Breitband"].hidden and shown["Mobilität"].hidden
    assert shown["Digitalisierung"] == Cell(9)


def test_funding_outcomes_are_counted_per_programme_and_hub(einbeck):
    programme = FundingProgrammeFactory(name="Digitalbonus SH")
    outcomes = [Outcome.APPLIED] * 7 + [Outcome.GRANTED] + [Outcome.NOT_PURSUED] * 5
    for i, outcome in enumerate(outcomes):
        start = at(date(2026, 11, 3 + i), 10)
        AppointmentFactory(
            hub=einbeck,
            start=start,
            end=start + timedelta(hours=1),
            status=Appointment.Status.DONE,
            outcome=outcome,
            outcome_programme=programme,
            outcome_amount="" if outcome == Outcome.NOT_PURSUED else "to_50k",
        )
    figures = month_figures(hubs=[einbeck], month=NOVEMBER)
    outcomes = next(t for t in figures.breakdowns if t.key == "advice_outcome")
    shown = {row.label: row.cells[0] for row in outcomes.rows}
    assert shown["Digitalbonus SH: Förderantrag gestellt"] == Cell(7)
    assert shown["Digitalbonus SH: Förderung bewilligt"].hidden  # one project
    assert shown["Digitalbonus SH: Nicht weiterverfolgt"].hidden  # else 13 - 7 - 5 = 1
    amounts = next(t for t in figures.breakdowns if t.key == "advice_amount")
    assert [(r.key, r.cells[0]) for r in amounts.rows] == [("to_50k", Cell(8))]


def test_desk_occupancy_by_weekday_and_hour_hides_cells_of_few_bookings(einbeck):
    desks = [WorkspaceFactory(hub=einbeck), WorkspaceFactory(hub=einbeck)]
    tuesdays = [date(2026, 11, d) for d in (3, 10, 17, 24)]  # four in November
    for desk in desks:
        for day in tuesdays[:3]:  # six bookings, 9 to 10
            BookingFactory(workspace=desk, start=at(day, 9), end=at(day, 10))
    BookingFactory(workspace=desks[0], start=at(tuesdays[0], 14), end=at(tuesdays[0], 15))
    (table,) = month_figures(hubs=[einbeck], month=NOVEMBER).occupancy
    tuesday = next(r for r in table.rows if r.key == "1")
    by_hour = dict(zip([c.key for c in table.columns], tuesday.cells, strict=True))
    assert by_hour["09"] == Cell(75, "%")  # 6 desk-hours of 2 desks x 4 Tuesdays
    assert by_hour["14"].hidden  # one person's habit
    assert by_hour["10"] == Cell(0, "%")


def test_public_page_shows_only_hubs_that_agreed(client, einbeck, oldenburg):
    einbeck.figures_public = True
    einbeck.save()
    for hub in (einbeck, oldenburg):
        _november(hub)
    page = client.get(reverse("figures:public"), {"month": "2026-11"}).content.decode()
    assert einbeck.town in page and oldenburg.town not in page
    data = json.loads(client.get(reverse("figures:public_json"), {"month": "2026-11"}).content)
    assert {r["hub"] for r in data["records"]} == {"einbeck"}
    oldenburg.figures_public = True
    oldenburg.save()
    page = client.get(reverse("figures:public"), {"month": "2026-11"}).content.decode()
    assert oldenburg.town in page


def test_downloads_carry_the_open_licence(client, einbeck):
    einbeck.figures_public = True
    einbeck.save()
    response = client.get(reverse("figures:public_json"), {"month": "2026-11"})
    assert json.loads(response.content)["licence"]["id"] == "dl-de/by-2-0"
    assert 'rel="license"' in response["Link"]
    assert "hub-figures-2026-11.json" in response["Content-Disposition"]
    page = client.get(reverse("figures:public")).content.decode()
    assert "Datenlizenz Deutschland – Namensnennung – Version 2.0" in page


def test_a_month_that_is_not_offered_shows_the_last_complete_one(client):
    with time_machine.travel(at(date(2026, 12, 6), 12), tick=False):
        for value in ("2026-13", "1999-01", "abc", "2026-11-01", "\x00"):
            assert month_param(value, today=date(2026, 12, 6)) == NOVEMBER
            response = client.get(reverse("figures:public"), {"month": value})
            assert response.status_code == 200
            assert "November 2026" in response.content.decode()


def test_query_count_does_not_grow_with_hubs_and_data(einbeck, oldenburg):
    _november(einbeck)
    with CaptureQueriesContext(connection) as one:
        month_figures(hubs=Hub.objects.filter(pk=einbeck.pk), month=NOVEMBER)
    for hub in (oldenburg, HubFactory(), HubFactory()):
        _november(hub)
    with CaptureQueriesContext(connection) as four:
        figures = month_figures(hubs=Hub.objects.all(), month=NOVEMBER)
    assert len(figures.hubs) == 4 and len(figures.occupancy) == 4
    assert len(four) == len(one)


def test_network_staff_see_every_hub_and_hub_staff_their_own(
    client, einbeck, oldenburg, staff_einbeck
):
    for hub in (einbeck, oldenburg):
        _november(hub)
    AppointmentFactory(hub=None, mode=Mode.VIDEO, start=at(NOVEMBER, 10), end=at(NOVEMBER, 11))
    client.force_login(staff_einbeck)
    page = client.get(reverse("admin:figures"), {"month": "2026-11"}).content.decode()
    assert einbeck.town in page and oldenburg.town not in page
    assert "Video oder Telefon" not in page

    network = with_second_factor(UserFactory(is_staff=True))
    network.user_permissions.add(Permission.objects.get(codename="view_network_figures"))
    client.force_login(network)
    page = client.get(reverse("admin:figures"), {"month": "2026-11"}).content.decode()
    assert einbeck.town in page and oldenburg.town in page and "Video oder Telefon" in page
    data = client.get(reverse("admin:figures_json"), {"month": "2026-11"})
    assert {r["hub"] for r in json.loads(data.content)["records"]} >= {"einbeck", "oldenburg"}

    client.force_login(with_second_factor(UserFactory(is_staff=True)))
    assert client.get(reverse("admin:figures")).status_code == 403


def test_email_figures_stay_when_the_outbox_is_purged_or_an_account_deleted(einbeck):
    from accounts.privacy import person_delete, personal_data_purge

    person = UserFactory(email="gerda@example.org")
    for n in range(6):
        MessageFactory(
            hub=einbeck,
            status=Message.Status.SENT,
            kind="reminder.registration" if n < 5 else "events.received",
            recipient="gerda@example.org" if n == 0 else f"person{n}@example.org",
            created=at(date(2026, 11, 2 + n), 8),
        )
    MessageFactory(hub=einbeck, status=Message.Status.GAVE_UP, created=at(date(2026, 11, 9), 8))
    before = month_figures(hubs=[einbeck], month=NOVEMBER)
    assert _cells(before, "emails_sent")["einbeck"] == Cell(6)
    assert _cells(before, "reminders_sent")["einbeck"] == Cell(5)

    person_delete(user=person)  # takes the emails to the person's address with it
    with time_machine.travel(at(date(2027, 6, 1), 3), tick=False):
        personal_data_purge()  # the outbox's 90 days are long over
    assert not Message.objects.exists()
    after = month_figures(hubs=[einbeck], month=NOVEMBER)
    for key in ("emails_sent", "reminders_sent", "emails_failed", "email_delivery_rate"):
        assert _cells(after, key)["einbeck"] == _cells(before, key)["einbeck"], key


def test_a_hidden_count_cannot_be_recovered_from_totals_or_rates(client, einbeck):
    """Item 16: 51 places taken, 48 came, 3 did not. Neither 51 - 48 nor a 6 % rate
    may give the 3 away, and "<5" never stands beside a percentage."""
    einbeck.figures_public = True
    einbeck.save()
    event = _event(einbeck, date(2026, 11, 12), capacity=60)
    for i in range(51):
        came = Attended.ATTENDED if i < 48 else Attended.NO_SHOW
        RegistrationFactory(event=event, attendance=came)
    figures = month_figures(hubs=[einbeck], month=NOVEMBER)
    assert _cells(figures, "registrations")["einbeck"] == Cell(51)
    assert _cells(figures, "no_show")["einbeck"].hidden
    assert _cells(figures, "attended")["einbeck"].hidden
    assert _cells(figures, "no_show_rate")["einbeck"].hidden
    response = client.get(reverse("figures:public_csv"), {"month": "2026-11"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    shown = {r["item"]: r["value"] for r in rows if r["hub"] == "einbeck"}
    assert shown["registrations"] == "51"
    assert shown["attended"] == shown["no_show"] == shown["no_show_rate"] == ""
    page = client.get(reverse("figures:public"), {"month": "2026-11"}).content.decode()
    rate_row = page[page.index("Anteil nicht erschienen") :][:400]
    assert "&lt;5" not in rate_row and "unter 5 Personen" in rate_row


def test_a_rate_whose_rest_is_hidden_is_hidden():
    from figures.suppression import share

    assert share(48, 51).hidden  # the other 3 would follow
    assert share(3, 51).hidden
    assert share(40, 51) == Cell(78, "%")
    assert str(share(3, 51)) == "verborgen (unter 5 Personen)"
