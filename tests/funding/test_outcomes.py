"""After a consultation the advisor records what came of it; it names no one, so it
outlives the appointment's personal data and counts in the network's figures."""

import re
from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from accounts.privacy import personal_data_purge
from figures.selectors import month_figures
from funding import services
from funding.models import Appointment, Outcome
from funding.services import AppointmentError
from tests.clock import at
from tests.factories import AdvisorFactory, AppointmentFactory, FundingProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(einbeck):
    return AppointmentFactory(
        hub=einbeck,
        start=at(date(2026, 11, 10), 10),
        end=at(date(2026, 11, 10), 11),
        status=Appointment.Status.DONE,
        question="Glasfaser für das Gewerbegebiet",
    )


def test_advisor_records_the_next_step_on_the_appointment_page(client, consultation):
    programme = FundingProgrammeFactory(name="Breitband-Zuschuss")
    client.force_login(consultation.advisor.user)
    page = client.get(reverse("funding:advisor_appointment", args=[consultation.pk])).text
    assert "Nächster Schritt" in page and "Förderantrag gestellt" in page
    response = client.post(
        reverse("funding:advisor_appointment_outcome", args=[consultation.pk]),
        {
            "outcome-outcome": "applied",
            "outcome-programme": programme.pk,
            "outcome-amount": "to_250k",
        },
    )
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert (consultation.outcome, consultation.outcome_programme, consultation.outcome_amount) == (
        Outcome.APPLIED,
        programme,
        "to_250k",
    )
    page = client.get(response["Location"]).text
    assert "erfasst am" in page


def test_an_amount_without_an_application_is_refused_next_to_the_field(client, consultation):
    client.force_login(consultation.advisor.user)
    response = client.post(
        reverse("funding:advisor_appointment_outcome", args=[consultation.pk]),
        {"outcome-outcome": "not_pursued", "outcome-amount": "to_10k"},
    )
    assert response.status_code == 400
    page = response.text
    assert "Eine Summe gehört zu einem Antrag oder einer Bewilligung" in page
    assert re.search(r'value="not_pursued"[^>]* checked', page)  # kept as chosen
    consultation.refresh_from_db()
    assert consultation.outcome == ""


def test_no_next_step_before_the_consultation_took_place(einbeck):
    upcoming = AppointmentFactory(hub=einbeck)
    with pytest.raises(AppointmentError):
        services.appointment_outcome_save(appointment=upcoming, outcome=Outcome.APPLIED)


def test_another_advisor_cannot_record_it(client, consultation):
    client.force_login(AdvisorFactory().user)
    response = client.post(
        reverse("funding:advisor_appointment_outcome", args=[consultation.pk]),
        {"outcome-outcome": "granted"},
    )
    assert response.status_code == 404
    consultation.refresh_from_db()
    assert consultation.outcome == ""


def test_the_next_step_stays_in_the_figures_when_personal_data_are_erased(einbeck, consultation):
    services.appointment_outcome_save(appointment=consultation, outcome=Outcome.GRANTED)
    with time_machine.travel(consultation.end + timedelta(days=400), tick=False):
        personal_data_purge()
    consultation.refresh_from_db()
    assert consultation.name == "" and consultation.question == ""
    assert consultation.outcome == Outcome.GRANTED
    figures = month_figures(hubs=[einbeck], month=date(2026, 11, 1))
    outcomes = next(t for t in figures.breakdowns if t.key == "advice_outcome")
    assert [row.label for row in outcomes.rows] == ["kein Programm: Förderung bewilligt"]
