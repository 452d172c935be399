"""What a person sees on the public funding pages and the advisor's appointment page."""

from datetime import date

from django.urls import reverse

from tests.factories import HubFactory, with_second_factor

from .conftest import tuesday_request

TUESDAY = date(2026, 11, 24)


def test_advisor_list_says_where_each_advisor_really_has_times(client, advisor, einbeck):
    # Linked to Oldenburg as well, but with no window there: not "on site in Oldenburg".
    oldenburg = HubFactory(town="Oldenburg in Holstein", slug="oldenburg")
    advisor.hubs.add(oldenburg)
    page = client.get(reverse("funding:index")).text
    cards = page[page.index('id="advisors-title"') :]
    assert "Vor Ort in Einbeck: Dienstag" in cards
    assert "Per Video oder Telefon: Mittwoch" in cards
    assert "Oldenburg" not in cards


def test_an_advisor_without_windows_is_said_to_have_no_times(client, advisor):
    advisor.windows.all().delete()
    page = client.get(reverse("funding:index")).text
    assert "Derzeit keine Termine" in page


def test_programme_page_says_what_for_whom_how_much_and_until_when(client, programme):
    programme.description = "Treffpunkte und Schulungen"
    programme.audience = "Gemeinden bis 20.000 Einwohner"
    programme.amount = "bis zu 75 % der Kosten"
    programme.deadline = date(2027, 6, 30)
    programme.save()
    listing = client.get(reverse("funding:programmes")).text
    assert f'href="{programme.get_absolute_url()}"' in listing
    page = client.get(programme.get_absolute_url()).text
    for text in [
        "Digitale Dorfmitte",
        "Treffpunkte und Schulungen",
        "Gemeinden bis 20.000 Einwohner",
        "bis zu 75 % der Kosten",
        "30. Juni 2027",
        'href="https://foerderung.example/dorfmitte"',
    ]:
        assert text in page, text
    assert "Kostenlose Beratung zu diesem Programm buchen" in page


def test_inactive_or_unknown_programme_is_404(client, programme):
    programme.active = False
    programme.save()
    assert client.get(programme.get_absolute_url()).status_code == 404
    assert client.get("/funding/programmes/999999/").status_code == 404


def test_booking_from_a_programme_page_keeps_the_programme_up_to_the_form(
    client, monday_morning, advisor, programme, clerk
):
    start = reverse("funding:index") + f"?topic={programme.topic.slug}&programme={programme.pk}"
    first = client.get(start).text
    # Arriving from the programme: no error before anything was asked, topic chosen.
    assert "Bitte prüfen Sie" not in first and "Pflichtfeld" not in first
    assert f'value="{programme.topic.slug}" selected' in first
    assert "Beratung zu: Digitale Dorfmitte" in first
    slots = client.get(
        reverse("funding:index"),
        {
            "place": "hub:einbeck",
            "topic": programme.topic.slug,
            "minutes": 60,
            "programme": programme.pk,
        },
    ).text
    book_link = slots[slots.index("/funding/book/?") :].split('"')[0].replace("&amp;", "&")
    assert f"programme={programme.pk}" in book_link
    client.force_login(clerk)
    form = client.get(book_link).text
    assert f'<option value="{programme.pk}" selected>' in form


def test_a_refused_proposal_is_summarised_at_the_top_with_a_link_to_the_field(
    client, monday_morning, advisor, einbeck, clerk
):
    appointment = tuesday_request(advisor, einbeck, clerk)
    client.force_login(advisor.user)
    response = client.post(
        reverse("funding:advisor_appointment_propose", args=[appointment.pk]),
        {"propose-date": "2026-11-26", "propose-time": "18:00"},
    )
    page = response.text
    summary = page.index('id="form-errors"')
    assert summary < page.index('id="decide-title"')  # at the top, before the forms
    assert page.count('id="form-errors"') == 1
    assert (
        'href="#id_propose-time"' in page[summary:] or 'href="#id_propose-date"' in page[summary:]
    )


def test_the_advisors_workspace_starts_with_the_open_requests(
    client, monday_morning, advisor, einbeck, clerk
):
    """On a phone the first thing below the title is what waits for an answer; the
    calendar address, set up once, comes last."""
    with_second_factor(advisor.user)
    tuesday_request(advisor, einbeck, clerk)
    client.force_login(advisor.user)
    page = client.get(reverse("funding:advisor")).text
    requests = page.index("Offene Anfragen (1)")
    assert requests < page.index("Meine Beratungen in meinem Kalender")
