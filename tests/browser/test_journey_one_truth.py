"""Issue 26 in the browser, as the people concerned go (each at 1280 px and 390 px):
a guest on a waiting list, a citizen with a booking awaiting approval, a clerk who
books advice by phone and cancels it, the advice search at a hub that closes at 13:00,
a weekly repeat across a closed day, and a proposal declined from the email."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from coworking.models import Booking
from events.models import Event, Registration
from funding import services as funding_services
from funding.models import Advisor, Appointment, Mode
from hubs.models import Hub, OpeningException
from tests.consumers import ical_read
from tests.factories import RegistrationFactory

from .conftest import last_link, log_in, shoot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("screen")]


def test_a_guest_on_a_full_event_reads_waiting_list_from_the_first_word(page, demo):
    """Item 1: page, email and confirm page say "Warteliste, Platz 1"; none says the
    place is held."""
    event = Event.objects.filter(hub__slug="einbeck", capacity__isnull=False).upcoming().first()
    Event.objects.filter(pk=event.pk).update(capacity=1)
    RegistrationFactory(event=event)
    page.goto(event.get_absolute_url())
    expect(page.get_by_text("Die Veranstaltung ist ausgebucht.")).to_be_visible()
    page.get_by_label("Ihr Name").fill("Wanda Wiese")
    page.get_by_label("Ihre E-Mail-Adresse").fill("wanda@example.org")
    page.get_by_role("button", name="Auf die Warteliste").click()
    main = page.get_by_role("main")
    expect(main).to_contain_text("Sie stehen auf der Warteliste, Platz 1")
    expect(main).not_to_contain_text("reserviert")
    shoot(page, "t1-01-waiting")
    (email,) = [m for m in mail.outbox if m.to == ["wanda@example.org"]]
    assert "Warteliste, Platz 1" in email.body and "reserviert" not in email.body
    page.goto(last_link("/registration/confirm/"))
    page.get_by_role("button", name="Meine Anmeldung bestätigen").click()
    expect(page.get_by_role("main")).to_contain_text("Warteliste, Platz 1")
    shoot(page, "t1-02-confirmed")
    assert Registration.objects.get(email="wanda@example.org").status == "waitlisted"


def test_a_booking_awaiting_approval_is_tentative_in_its_calendar_file(page, demo):
    """Items 2 and 4: Bea's first booking at Einbeck awaits approval on her page and in
    the file Thunderbird reads; Einbeck's page and grid say the desks' own hours."""
    booking = Booking.objects.get(person__email="buerger@demo.example", status="pending")
    log_in(page, "buerger@demo.example")
    page.goto(f"/coworking/booking/{booking.pk}/")
    expect(page.get_by_role("main")).to_contain_text("Wartet auf Genehmigung")
    shoot(page, "t2-01-pending")
    file = page.request.get(f"/coworking/booking/{booking.pk}/calendar.ics").body()
    (vevent,) = ical_read(file)["events"]
    assert vevent["status"] == "TENTATIVE"
    page.goto("/hubs/einbeck/")
    own = page.get_by_role("note", name="Der Co-Working-Bereich hat eigene Zeiten")
    expect(own).to_contain_text("Der Co-Working-Bereich hat eigene Zeiten")
    expect(own).to_contain_text("08:00–18:00")
    shoot(page, "t2-02-own-hours")
    page.goto("/coworking/einbeck/")
    expect(page.get_by_role("note", name=re.compile("eigene Zeiten"))).to_contain_text(
        "08:00–18:00"
    )
    shoot(page, "t2-03-grid")


def test_a_weekly_repeat_lists_each_skipped_date_with_its_own_reason(page, demo):
    """Item 6: a closed day is not called "taken"."""
    booking = Booking.objects.get(person__email="buerger@demo.example", status="pending")
    first = timezone.localdate(booking.start) + timedelta(days=7)
    OpeningException.objects.create(
        hub=Hub.objects.get(slug="einbeck"), kind="closed", start_date=first + timedelta(days=7),
        end_date=first + timedelta(days=7), reason="Betriebsausflug",
    )  # fmt: skip
    log_in(page, "buerger@demo.example")
    page.goto("/coworking/einbeck/book/")
    page.get_by_role("textbox", name="Tag").fill(first.isoformat())
    page.get_by_label("Wöchentlich wiederholen").fill("2")
    page.get_by_label("Freie Termine buchen und die anderen auflisten").check()
    page.get_by_role("button", name="Buchen").click()
    note = page.get_by_role("main")
    expect(note).to_contain_text("Nicht gebucht:")
    expect(note).to_contain_text("Betriebsausflug")
    expect(note).not_to_contain_text("weil belegt")
    shoot(page, "t6-01-skipped")


def test_a_phone_appointment_refuses_abc_keeps_the_rest_and_shows_the_number(page, demo):
    """Items 3, 4 and 5: "abc" is refused beside the field with everything else kept;
    the number is shown as written; cancelling sends the person an email too; and the
    search at Einbeck (open 09:00-13:00) offers nothing from 13:00 on."""
    log_in(page, "buerger@demo.example")
    page.goto("/funding/")
    page.get_by_label("Wo oder wie").select_option(
        label="Vor Ort: EIN.Lebens.raum – Digital Hub Einbeck"
    )
    page.get_by_role("button", name="Freie Zeiten zeigen").click()
    slots = page.get_by_role("link", name=re.compile(r"^\d\d:\d\d–\d\d:\d\d · "))
    expect(slots.first).to_be_visible()
    starts = {re.match(r"(\d\d):", t).group(1) for t in slots.all_inner_texts()}
    assert starts and max(starts) < "13", starts  # the hub closes at 13:00
    shoot(page, "t4-01-einbeck-slots")

    page.get_by_label("Wo oder wie").select_option(label="Telefon")
    page.get_by_role("button", name="Freie Zeiten zeigen").click()
    page.get_by_role("link", name=re.compile(r"\d\d:\d\d–\d\d:\d\d · Dana Dataport")).first.click()
    page.get_by_label("Telefonnummer für den Anruf").fill("abc")
    page.get_by_label("Organisation").fill("Bürgerverein Einbeck")
    page.get_by_label("Ihr Vorhaben und Ihre Frage").fill("Wir möchten ein Dorfnetz aufbauen.")
    page.get_by_role("button", name="Termin buchen").click()
    phone = page.get_by_label("Telefonnummer für den Anruf")
    expect(phone).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("main")).to_contain_text("keine Telefonnummer")
    expect(page.get_by_label("Organisation")).to_have_value("Bürgerverein Einbeck")
    shoot(page, "t3-01-refused")
    phone.fill("05561 923 60")
    page.get_by_role("button", name="Termin buchen").click()
    item = Appointment.objects.get(organisation="Bürgerverein Einbeck")
    assert item.mode == Mode.PHONE and item.phone == "+49556192360"
    page.goto(item.get_absolute_url())
    expect(page.get_by_role("main")).to_contain_text("05561 92360")
    shoot(page, "t3-02-appointment")
    mail.outbox.clear()
    page.get_by_label("Grund").fill("Termin im Rat")
    page.get_by_role("button", name="Termin absagen").click()
    expect(page.get_by_text("Ihr Termin wurde abgesagt.")).to_be_visible()
    to_person = [m for m in mail.outbox if m.to == ["buerger@demo.example"]]
    to_advisor = [m for m in mail.outbox if m.to == ["beratung@demo.example"]]
    assert len(to_person) == 1 and "wie gewünscht" in to_person[0].body
    assert len(to_advisor) == 1 and "Termin im Rat" in to_advisor[0].body
    shoot(page, "t5-01-cancelled")


def test_a_proposed_time_can_be_declined_from_the_emailed_link(page, demo):
    """Item 9: the page behind the email's link offers both answers."""
    from django.contrib.auth import get_user_model

    bea = get_user_model().objects.get(email="buerger@demo.example")
    dana = Advisor.objects.get(user__email="beratung@demo.example")
    start = next(s for s in _remote_slots(dana))
    item = funding_services.appointment_request(
        advisor=dana, start=start, minutes=60, mode=Mode.VIDEO, person=bea,
        organisation="Bürgerverein", question="Förderung?",
    )  # fmt: skip
    funding_services.appointment_confirm(appointment=item)
    later = next(s for s in _remote_slots(dana) if s > start + timedelta(hours=1))
    funding_services.appointment_propose(appointment=item, start=later)
    page.goto(last_link("/funding/accept/"))
    expect(page.get_by_role("button", name="Neue Zeit annehmen")).to_be_visible()
    shoot(page, "t9-01-proposal")
    page.get_by_role("button", name="Ursprüngliche Zeit behalten").click()
    expect(page.get_by_text("Die ursprüngliche Zeit bleibt")).to_be_visible()
    item.refresh_from_db()
    assert item.proposed_start is None and item.start == start


def _remote_slots(advisor):
    from funding.slots import advisors_for, free_slots

    slots = free_slots(advisors=advisors_for(remote=True, pk=advisor.pk), length=60,
                       first_day=timezone.localdate(), days=14)  # fmt: skip
    return [s.start for s in slots]
