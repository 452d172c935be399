"""Journey 5: Einbeck's staff announce winter hours from a date, check the preview of
the next 28 days, close the hub on the day of an event with registrations, choose
"cancel and notify", and find one email per person in the outbox. axe checks the
cockpit, the week editor, the closure form and both previews."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from events.models import Event
from hubs.hours import OpeningCalendar
from hubs.models import Hub
from notifications.models import Message
from tests.factories import RegistrationFactory

from .conftest import log_in, shoot

# Every journey runs twice: at 1280 px and at 390 px (the `screen` fixture).
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("screen")]


def _date(day) -> str:
    return day.strftime("%d.%m.%Y")


def test_einbeck_staff_change_to_winter_hours_and_close_over_an_event(page, demo):
    einbeck = Hub.objects.get(slug="einbeck")
    today = demo.date()
    winter_from = today + timedelta(days=7)
    calendar = OpeningCalendar(einbeck)
    current = calendar.schedule_for(winter_from)
    # An event on a day the hub is open now, after the winter hours begin.
    event = next(
        e
        for e in Event.objects.filter(
            hub=einbeck, status="published", start__date__gt=today
        ).order_by("start")
        if calendar.day(e.start.date()).is_open
    )
    RegistrationFactory(event=event, name="Erna Einbeck", email="erna@example.org")
    RegistrationFactory(event=event, name="Fritz Feld", email="fritz@example.org")

    log_in(page, "team-einbeck@demo.example", start="/admin/")
    expect(page.locator("#cockpit")).to_contain_text("EIN.Lebens.raum")

    # Winter hours: a new week from a date, based on the one in force.
    page.get_by_role("link", name="Wochenpläne").first.click()
    page.get_by_role("link", name=current.name, exact=True).click()
    shoot(page, "j5-00-schedule")
    page.get_by_role("link", name="Neuer Wochenplan ab einem Datum").click()
    page.get_by_label("Name").fill("Winterzeiten")
    page.get_by_label("Gültig ab").fill(_date(winter_from))
    if current.valid_until:
        page.get_by_label("Gültig bis").fill(_date(current.valid_until))
    expect(
        page.get_by_label("Den bisher geltenden Wochenplan am Vortag enden lassen")
    ).to_be_checked()
    page.locator("input[name='intervals-0-closes']").fill("12:00")  # Mondays until 12
    page.get_by_role("button", name="Speichern", exact=True).click()
    # The Smart City team's Monday presence would now end after closing time.
    expect(page.locator(".errorlist")).to_contain_text("Außerhalb der Öffnungszeiten am Montag")
    page.locator("input[name='presences-0-ends']").fill("12:00")
    page.get_by_role("button", name="Speichern", exact=True).click()

    expect(page.get_by_role("heading", name="Änderung vor dem Speichern prüfen")).to_be_visible()
    first_monday = winter_from + timedelta(days=(7 - winter_from.weekday()) % 7)
    row = page.locator("tr", has_text="Mo, " + first_monday.strftime("%-d.%-m.%Y"))
    expect(row).to_contain_text("09:00–13:00")  # until now
    expect(row).to_contain_text("09:00–12:00")
    expect(row).to_contain_text("geändert")
    shoot(page, "j5-01-schedule-preview")
    page.get_by_role("button", name="Bestätigen und speichern").click()
    expect(page.locator(".messagelist")).to_contain_text("Winterzeiten")
    einbeck = Hub.objects.get(slug="einbeck")
    monday = OpeningCalendar(einbeck).day(first_monday)
    assert [iv.local_end.strftime("%H:%M") for iv in monday.intervals] == ["12:00"]
    before_monday = OpeningCalendar(einbeck).day(first_monday - timedelta(days=7))
    assert [iv.local_end.strftime("%H:%M") for iv in before_monday.intervals] == ["13:00"]

    # A closure on the event's day: the preview lists the event and its two people.
    page.goto("/admin/")
    page.get_by_role("link", name="Schließungen und Sonderöffnungszeiten").first.click()
    page.locator(".object-tools a.addlink").click()
    shoot(page, "j5-02-closure-form")
    page.get_by_label("Hub").select_option(value=str(einbeck.pk))
    day = event.start.astimezone(demo.tzinfo).date()
    page.get_by_label("Erster Tag:").fill(_date(day))
    page.get_by_label("Letzter Tag:").fill(_date(day))
    page.get_by_label("Grund (Deutsch):").fill("Betriebsausflug")
    page.get_by_role("button", name="Speichern", exact=True).click()
    hit = page.locator("fieldset", has_text=event.title)
    expect(hit).to_contain_text("2 Personen")
    page.get_by_role("button", name="Bestätigen und speichern").click()  # no choice yet
    expect(hit).to_contain_text("Bitte wählen Sie, was mit diesem Eintrag geschehen soll.")
    for other in page.locator("fieldset").all():  # e.g. a desk booked that day
        other.get_by_label("Absagen und alle Betroffenen benachrichtigen").check()
    shoot(page, "j5-03-closure-preview")
    page.get_by_role("button", name="Bestätigen und speichern").click()
    expect(page.locator(".messagelist")).to_contain_text("abgesagt, alle Betroffenen werden")
    event.refresh_from_db()
    assert event.status == "cancelled" and event.cancel_reason == "Betriebsausflug"

    # The outbox holds one email per registered person.
    page.goto("/admin/notifications/message/?q=example.org")
    outbox = page.locator("#result_list")
    expect(outbox).to_contain_text("erna@example.org")
    expect(outbox).to_contain_text("fritz@example.org")
    expect(outbox).to_contain_text("Veranstaltung abgesagt")
    assert Message.objects.filter(kind="events.event_cancelled").count() == 2
