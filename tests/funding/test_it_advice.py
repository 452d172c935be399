"""dataport.kommunal's IT advice is booked like funding advice, and says so."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from funding import services
from funding.models import Appointment, Service
from tests.factories import TopicFactory

from .conftest import make_advisor, tuesday_request

pytestmark = pytest.mark.django_db(transaction=True)

TUESDAY = date(2026, 11, 24)


def to_person():
    return [m.subject for m in mail.outbox if m.to == ["clerk@malente.example"]]


@pytest.fixture
def it_topic(db):
    return TopicFactory(name="Online-Dienste", slug="online-dienste", service=Service.IT)


@pytest.fixture
def it_advisor(einbeck, it_topic):
    return make_advisor("ida@dataport.example", "Ida Informatik", einbeck, it_topic)


def test_the_search_offers_it_topics_as_their_own_group(client, advisor, it_advisor):
    page = client.get(reverse("funding:index")).text
    funding = page.index('<optgroup label="Fördermittelberatung">')
    it = page.index('<optgroup label="IT-Beratung">')
    assert funding < page.index(">Digitalisierung<") < it < page.index(">Online-Dienste<")


def test_an_it_appointment_is_called_it_advice_in_page_and_email(
    client, monday_morning, advisor, it_advisor, it_topic, clerk
):
    slots = client.get(
        reverse("funding:index"),
        {"place": "hub:einbeck", "topic": it_topic.slug, "minutes": 60},
    ).text
    free = slots[slots.index('id="slots-title"') : slots.index('id="advisors-title"')]
    assert "Ida Informatik" in free and "Dana Dataport" not in free
    link = slots[slots.index("/funding/book/?") :].split('"')[0].replace("&amp;", "&")
    assert "topic=online-dienste" in link
    client.force_login(clerk)
    client.post(link, {"organisation": "Gemeinde Malente", "question": "E-Akte einführen"})
    appointment = Appointment.objects.get()
    assert appointment.topic == it_topic
    assert to_person() == ["Ihre Anfrage zur IT-Beratung ist eingegangen"]
    page = client.get(appointment.get_absolute_url()).text
    assert "Ihr Termin zur IT-Beratung" in page


def test_without_a_topic_an_it_only_advisor_still_gives_it_advice(
    monday_morning, it_advisor, einbeck, clerk
):
    appointment = tuesday_request(
        it_advisor, einbeck, clerk, organisation="Amt Lensahn", question="Arbeitsplätze"
    )
    assert appointment.service_label == "IT-Beratung"
    assert to_person() == ["Ihre Anfrage zur IT-Beratung ist eingegangen"]
    services.appointment_confirm(appointment=appointment)
    assert to_person()[-1] == "Ihr Termin zur IT-Beratung ist bestätigt"


def test_funding_advice_keeps_its_name(monday_morning, advisor, einbeck, clerk):
    appointment = tuesday_request(
        advisor, einbeck, clerk, organisation="Gemeinde Malente", question="Dorfmitte"
    )
    assert to_person() == ["Ihre Anfrage zur Fördermittelberatung ist eingegangen"]
    assert appointment.service_label == "Fördermittelberatung"
