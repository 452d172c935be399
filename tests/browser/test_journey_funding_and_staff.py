"""Journey 3: a clerk from Malente books funding advice, the advisor confirms it, the
clerk sees it confirmed. Journey 4: Einbeck's staff see Einbeck's bookings and
registrations in the admin, none of Oldenburg's, and approve a pending booking."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from coworking.models import Booking, Workspace
from events.models import Event
from funding.models import Appointment
from hubs.demo_data import PASSWORD
from tests.factories import RegistrationFactory, UserFactory

from .conftest import check_accessibility, log_in, shoot

# Every journey runs twice: at 1280 px and at 390 px (the `screen` fixture).
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("screen")]


def log_out(page):
    page.get_by_role("button", name="Abmelden").click()
    if page.get_by_role("heading", name="Abmelden").count():  # allauth asks to confirm
        page.get_by_role("main").get_by_role("button", name="Abmelden").click()
    expect(page.get_by_role("link", name="Anmelden")).to_be_visible()


def test_clerk_books_funding_advice_and_the_advisor_confirms(page, demo):
    clerk = UserFactory(email="klara@malente.example", name="Klara Kämmerei")
    clerk.set_password("Holstein-2026!")
    clerk.save()
    assert EmailAddress.objects.filter(user=clerk, verified=True).exists()

    log_in(page, "klara@malente.example", "Holstein-2026!")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Beratung"
    ).click()
    page.get_by_label("Wo oder wie").select_option(
        label="Vor Ort: Digital Hub Oldenburg in Holstein"
    )
    page.get_by_label("Dauer").select_option(label="60 Minuten")
    page.get_by_role("button", name="Freie Zeiten zeigen").click()
    shoot(page, "j3-01-slots")
    page.get_by_role("link", name=re.compile(r"\d\d:\d\d–\d\d:\d\d · Malte Mittel")).first.click()

    page.get_by_label("Organisation").fill("Gemeinde Malente")
    page.get_by_label("Funktion").fill("Kämmerei")
    page.get_by_label("Programm").select_option(label="Weiß ich noch nicht")
    page.get_by_label("Ihr Vorhaben und Ihre Frage").fill(
        "Wir möchten einen Bürgerbus mit Rufsystem einführen. Welche Förderung passt?"
    )
    shoot(page, "j3-02-book")
    page.get_by_role("button", name="Termin buchen").click()
    expect(page.get_by_text("Ihre Anfrage ist gesendet.")).to_be_visible()
    expect(page.get_by_text("Angefragt")).to_be_visible()
    log_out(page)

    log_in(page, "beratung2@demo.example", PASSWORD)
    page.goto("/funding/advisor/")
    expect(page.get_by_role("heading", name="Offene Anfragen (1)")).to_be_visible()
    shoot(page, "j3-03-advisor")
    page.get_by_role("link", name=re.compile("Klara Kämmerei, Gemeinde Malente")).click()
    page.get_by_role("button", name="Bestätigen").click()
    expect(page.get_by_text("Gespeichert.")).to_be_visible()
    log_out(page)

    log_in(page, "klara@malente.example", "Holstein-2026!")
    page.goto("/funding/appointments/")
    expect(page.get_by_role("main")).to_contain_text("Malte Mittel")
    expect(page.get_by_role("main")).to_contain_text("Bestätigt")
    shoot(page, "j3-04-confirmed")
    assert Appointment.objects.get(email="klara@malente.example").status == "confirmed"


def test_einbeck_staff_see_only_einbeck_and_approve_a_pending_booking(page, demo):
    pending = Booking.objects.get(status="pending", workspace__hub__slug="einbeck")
    oldenburg_desk = Workspace.objects.get(hub__slug="oldenburg-in-holstein", name="Schreibtisch 2")
    Booking.objects.create(
        workspace=oldenburg_desk,
        name="Olaf Oldenburg",
        status="confirmed",
        start=demo + timedelta(days=1, hours=1),
        end=demo + timedelta(days=1, hours=3),
    )
    einbeck_event = Event.objects.filter(hub__slug="einbeck").first()
    oldenburg_event = Event.objects.filter(hub__slug="oldenburg-in-holstein").upcoming().first()
    RegistrationFactory(event=einbeck_event, name="Erna Einbeck")
    RegistrationFactory(event=oldenburg_event, name="Otto Ostsee")

    # The admin sends staff to the portal's login, then asks for the second factor.
    log_in(page, "team-einbeck@demo.example", start="/admin/")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    cockpit = page.locator("#cockpit")
    expect(cockpit).to_contain_text("EIN.Lebens.raum")
    expect(cockpit).not_to_contain_text("Digital Hub Oldenburg")
    check_accessibility(page)
    shoot(page, "j4-00-cockpit")
    page.goto("/admin/coworking/booking/")
    main = page.locator("#content")
    expect(main).to_contain_text("Bea Bürger")
    expect(main).not_to_contain_text("Olaf Oldenburg")
    shoot(page, "j4-01-bookings")
    page.goto("/admin/events/registration/")
    expect(page.locator("#content")).to_contain_text("Erna Einbeck")
    expect(page.locator("#content")).not_to_contain_text("Otto Ostsee")

    page.goto("/admin/")
    approvals = page.locator("#cockpit tr", has_text="Genehmigung").get_by_role("link")
    expect(approvals).to_have_text("1")
    approvals.click()
    page.locator(f"input[name=_selected_action][value='{pending.pk}']").check()
    page.locator("select[name=action]").select_option("approve")
    page.get_by_role("button", name="Ausführen").click()
    expect(page.get_by_text("1 genehmigt.")).to_be_visible()
    shoot(page, "j4-02-approved")
    pending.refresh_from_db()
    assert pending.status == "confirmed"
