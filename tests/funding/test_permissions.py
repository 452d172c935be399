"""Who sees what: requester, advisor, hub staff, other people, by URL."""

import io
from datetime import date, time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.http import urlencode
from PIL import Image

from funding import services
from funding.models import Appointment, Mode
from hubportal.timeranges import local_datetime
from hubs import services as hub_services
from tests.factories import (
    AbsenceFactory,
    AppointmentFactory,
    HubFactory,
    UserFactory,
    with_second_factor,
)

from .conftest import make_advisor

pytestmark = pytest.mark.django_db
TUESDAY = date(2026, 11, 24)


@pytest.fixture
def appointment(monday_morning, advisor, einbeck, clerk):
    result = services.appointment_request(
        advisor=advisor,
        start=local_datetime(TUESDAY, time(10)),
        minutes=60,
        mode=Mode.ON_SITE,
        hub=einbeck,
        person=clerk,
        organisation="Gemeinde Malente",
        question="Geheime Projektidee",
        role="",
    )
    services.appointment_notes_save(appointment=result, notes="Private Notiz")
    return result


def test_requester_sees_question_but_not_the_advisors_notes(client, appointment, clerk):
    client.force_login(clerk)
    page = client.get(appointment.get_absolute_url()).text
    assert "Geheime Projektidee" in page and "Private Notiz" not in page


def test_another_person_cannot_open_the_appointment(client, appointment):
    client.force_login(UserFactory())
    assert client.get(appointment.get_absolute_url()).status_code == 404
    assert client.get(reverse("funding:ics", args=[appointment.pk])).status_code == 404
    response = client.post(reverse("funding:appointment_cancel", args=[appointment.pk]))
    assert response.status_code == 404
    appointment.refresh_from_db()
    assert appointment.is_active


def test_only_advisors_have_a_workspace_and_only_for_their_own_appointments(
    client, appointment, einbeck, topic
):
    client.force_login(UserFactory())
    assert client.get(reverse("funding:advisor")).status_code == 404
    other = make_advisor("malte@dataport.example", "Malte Mittel", einbeck, topic)
    client.force_login(other.user)
    assert client.get(reverse("funding:advisor")).status_code == 200
    url = reverse("funding:advisor_appointment", args=[appointment.pk])
    assert client.get(url).status_code == 404
    confirm = reverse("funding:advisor_appointment_confirm", args=[appointment.pk])
    assert client.post(confirm).status_code == 404


def test_advisor_sees_question_and_notes(client, appointment, advisor):
    client.force_login(advisor.user)
    page = client.get(reverse("funding:advisor_appointment", args=[appointment.pk])).text
    assert "Geheime Projektidee" in page and "Private Notiz" in page


def test_hub_staff_see_their_hubs_appointments_and_no_others(
    client, appointment, einbeck, advisor, clerk
):
    staff = UserFactory()
    hub_services.hub_staff_add(hub=einbeck, user=staff)
    with_second_factor(staff)
    remote = services.appointment_request(
        advisor=advisor,
        start=local_datetime(date(2026, 11, 25), time(10)),
        minutes=60,
        mode=Mode.VIDEO,
        person=clerk,
        organisation="x",
        question="Videofrage",
        role="",
    )
    client.force_login(staff)
    change = client.get(reverse("admin:funding_appointment_change", args=[appointment.pk]))
    assert "Geheime Projektidee" in change.text and "Private Notiz" in change.text
    assert (
        client.get(reverse("admin:funding_appointment_change", args=[remote.pk])).status_code == 302
    )

    other_staff = UserFactory()
    hub_services.hub_staff_add(hub=HubFactory(slug="wilster"), user=other_staff)
    with_second_factor(other_staff)
    client.force_login(other_staff)
    assert (
        client.get(reverse("admin:funding_appointment_change", args=[appointment.pk])).status_code
        == 302
    )
    assert "Geheime" not in client.get(reverse("admin:funding_appointment_changelist")).text


def test_booking_needs_an_account(client, monday_morning, advisor):
    response = client.get(reverse("funding:book") + f"?advisor={advisor.pk}")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_citizen_cannot_book_for_callers(client, monday_morning, advisor, clerk):
    """A citizen who adds ?for=caller by hand sees no caller form, and a booking sent
    anyway is theirs: not an anonymous caller's, not marked as booked by staff."""
    client.force_login(clerk)
    page = client.get(reverse("funding:index") + "?for=caller").text
    assert "Sie buchen für eine anrufende Person" not in page
    query = {
        "advisor": advisor.pk,
        "start": local_datetime(TUESDAY, time(10)).isoformat(),
        "minutes": 60,
        "place": "hub:einbeck",
        "for": "caller",
    }
    response = client.post(
        reverse("funding:book") + "?" + urlencode(query),
        {
            "name": "Erfundene Anruferin",
            "email": "fremd@example.org",
            "organisation": "Gemeinde Malente",
            "role": "",
            "programme": "",
            "question": "Für jemand anderen gebucht?",
        },
    )
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert appointment.person == clerk and appointment.booked_by is None
    assert (appointment.name, appointment.email) == ("Klara Kämmerei", "clerk@malente.example")
    assert appointment.status == Appointment.Status.REQUESTED  # the advisor still decides


def test_private_feed_needs_the_token(client, appointment, advisor):
    from icalendar import Calendar

    good = client.get(reverse("funding:advisor_feed", args=[advisor.feed_token]))
    assert len(Calendar.from_ical(good.content).walk("VEVENT")) == 1
    assert client.get(reverse("funding:advisor_feed", args=["falsch"])).status_code == 404


def test_advisor_changes_a_weekly_time_in_place(client, monday_morning, advisor, einbeck):
    client.force_login(advisor.user)
    window = advisor.windows.get(weekday=1)
    page = client.get(reverse("funding:advisor_availability"), {"edit": window.pk}).text
    change = reverse("funding:advisor_window_change", args=[window.pk])
    assert f'action="{change}"' in page and 'value="09:00"' in page  # the form holds it
    bad = client.post(
        change,
        {"window-weekday": "1", "window-starts": "15:00", "window-ends": "09:00"},
    )
    assert bad.status_code == 400 and "Das Ende muss nach dem Beginn liegen." in bad.text
    assert 'value="15:00"' in bad.text  # what was typed stays
    client.post(
        change,
        {
            "window-weekday": "3",
            "window-starts": "10:00",
            "window-ends": "14:00",
            "window-hub": einbeck.pk,
        },
    )
    window.refresh_from_db()
    assert (window.weekday, f"{window.starts:%H:%M}", f"{window.ends:%H:%M}") == (
        3,
        "10:00",
        "14:00",
    )
    assert advisor.windows.count() == 2  # changed, not removed and added
    someone_else = client.get(reverse("funding:advisor_availability"), {"edit": "99999"})
    assert someone_else.status_code == 200 and f'action="{change}"' not in someone_else.text


def test_advisor_edits_availability_and_absences(client, monday_morning, advisor, einbeck):
    client.force_login(advisor.user)
    url = reverse("funding:advisor_window_add")
    bad = client.post(
        url,
        {
            "window-weekday": "3",
            "window-starts": "15:00",
            "window-ends": "09:00",
            "window-hub": einbeck.pk,
        },
    )
    assert bad.status_code == 400 and "Das Ende muss nach dem Beginn liegen." in bad.text
    client.post(
        url,
        {
            "window-weekday": "3",
            "window-starts": "09:00",
            "window-ends": "12:00",
            "window-hub": "",
        },
    )
    assert advisor.windows.filter(weekday=3, hub=None).exists()
    client.post(
        reverse("funding:advisor_absence_add"),
        {
            "absence-start_date": "2026-12-21",
            "absence-end_date": "2027-01-03",
            "absence-reason": "Urlaub",
        },
    )
    assert advisor.absences.get().reason == "Urlaub"


def test_advisor_photo_is_stored_small_and_served(client, monday_morning, advisor):
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 900), "navy").save(buffer, "PNG")
    client.force_login(advisor.user)
    url = reverse("funding:advisor_photo")
    client.post(url, {"photo-photo": SimpleUploadedFile("me.png", buffer.getvalue())})
    response = client.get(reverse("funding:photo", args=[advisor.pk]))
    assert response["Content-Type"] == "image/jpeg"
    assert Image.open(io.BytesIO(response.content)).size == (400, 300)
    bad = client.post(url, {"photo-photo": SimpleUploadedFile("x.png", b"not an image")})
    assert bad.status_code == 400


def test_programme_catalogue_filters(client, programme):
    page = client.get(reverse("funding:programmes"), {"funder": "state"}).text
    assert "Digitale Dorfmitte" in page
    assert (
        "Digitale Dorfmitte" not in client.get(reverse("funding:programmes"), {"funder": "eu"}).text
    )


def test_appointment_rows_need_a_hub_when_on_site(db, advisor):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        AppointmentFactory(
            advisor=advisor,
            mode=Mode.ON_SITE,
            hub=None,
            start=local_datetime(TUESDAY, time(9)),
            end=local_datetime(TUESDAY, time(10)),
            name="x",
            organisation="x",
            question="x",
            status="confirmed",
        )


def test_funding_page_introduces_the_advisors(client, advisor):
    page = client.get(reverse("funding:index")).text
    assert "Unsere Beraterinnen und Berater" in page and "Dana Dataport" in page
    assert "Digitalisierung" in page


def test_advisor_removes_own_times_and_absences_but_not_another_advisors(
    client, monday_morning, advisor, einbeck, topic
):
    other = make_advisor("malte@dataport.example", "Malte Mittel", einbeck, topic)
    theirs = other.windows.first()
    mine = advisor.windows.first()
    absence = AbsenceFactory(advisor=advisor, reason="Urlaub")
    client.force_login(advisor.user)

    refused = client.post(reverse("funding:advisor_window_delete", args=[theirs.pk]))
    assert refused.status_code == 404 and other.windows.filter(pk=theirs.pk).exists()
    assert client.get(reverse("funding:advisor_window_delete", args=[mine.pk])).status_code == 405

    client.post(reverse("funding:advisor_window_delete", args=[mine.pk]))
    client.post(reverse("funding:advisor_absence_delete", args=[absence.pk]))
    assert not advisor.windows.filter(pk=mine.pk).exists()
    assert not advisor.absences.exists()
    page = client.get(reverse("funding:advisor_availability")).text
    assert "Urlaub" not in page
