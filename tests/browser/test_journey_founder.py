"""Journey 2: a start-up founder signs up, verifies the email, books a desk in
Oldenburg i. H. for tomorrow morning, sees it under "my bookings" and cancels it."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from coworking.models import Booking

from .conftest import last_link, shoot

# Every journey runs twice: at 1280 px and at 390 px (the `screen` fixture).
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("screen")]


def test_founder_signs_up_books_a_desk_for_tomorrow_morning_and_cancels(page, demo):
    page.goto("/")
    page.get_by_role("link", name="Registrieren").click()
    page.get_by_label("Vorname").fill("Greta")
    page.get_by_label("Nachname").fill("Gründerin")
    page.get_by_label("Organisation").fill("Küstenkraft UG")
    page.get_by_label("E-Mail").fill("gruenderin@kuestenkraft.example")
    page.get_by_label("Passwort", exact=True).fill("Ostsee-Wind-2026")
    page.get_by_label("Passwort (Wiederholung)").fill("Ostsee-Wind-2026")
    shoot(page, "j2-01-signup")
    page.get_by_role("button", name="Registrieren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("E-Mail"))

    page.goto(last_link("/accounts/confirm-email/"))
    page.get_by_role("button", name="Bestätigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Die Digital Hubs auf einen Blick")

    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Co-Working"
    ).click()
    page.get_by_role("link", name="Digital Hub Oldenburg in Holstein").click()
    shoot(page, "j2-02-grid")
    page.get_by_role("link", name="Arbeitsplatz buchen").click()
    # First booking: who are you?
    page.get_by_label("Start-up").check()
    page.get_by_label("Organisation").fill("Küstenkraft UG")
    page.get_by_role("button", name="Speichern").click()

    tomorrow = (demo + timedelta(days=1)).date()
    page.get_by_label("Arbeitsplatz").select_option(label="Schreibtisch 1 (Oldenburg in Holstein)")
    page.get_by_label("Tag", exact=True).fill(tomorrow.isoformat())
    page.get_by_label("Vormittag").check()
    page.get_by_label("Zweck").fill("Förderantrag schreiben")
    shoot(page, "j2-03-book")
    page.get_by_role("button", name="Buchen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Meine Buchungen")
    row = page.get_by_role("article").filter(has_text="Schreibtisch 1")
    expect(row).to_contain_text("Bestätigt")
    expect(row).to_contain_text(f"{tomorrow.day}.{tomorrow.month}.{tomorrow.year}, 08:00–13:00")
    shoot(page, "j2-04-mine")
    row.get_by_role("link", name=re.compile("Stornieren")).click()
    expect(page.get_by_text("Der Platz wird für andere frei")).to_be_visible()  # asked once
    shoot(page, "j2-05-cancel-question")
    page.get_by_role("button", name="Ja, Buchung stornieren").click()
    expect(page.get_by_text("Ihre Buchung wurde storniert.")).to_be_visible()
    expect(page.get_by_role("heading", name="Abgesagt")).to_be_visible()
    assert Booking.objects.get(email="gruenderin@kuestenkraft.example").status == "cancelled"
