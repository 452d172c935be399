"""The public hub pages: home, list with filters, detail; bounded query counts."""

from datetime import date, time, timedelta

import pytest
import time_machine
from django.urls import reverse

from hubs.models import FocusTheme
from tests.clock import at
from tests.factories import (
    HubFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    SpecialHoursFactory,
    StaffPresenceFactory,
)

pytestmark = pytest.mark.django_db

# Monday 23 November 2026, 10:00 in Berlin
MONDAY_MORNING = "2026-11-23 09:00:00+00:00"


def make_hubs(count):
    theme, _ = FocusTheme.objects.get_or_create(slug="smart-city", defaults={"name": "Smart City"})
    org = OrganisationFactory(name="dataport.kommunal", slug="dataport-kommunal")
    hubs = []
    for n in range(count):
        hub = HubFactory(state="SH" if n % 2 else "NI")
        hub.organisations.add(org)
        hub.focus_themes.add(theme)
        for weekday in range(5):
            OpeningHoursFactory(hub=hub, weekday=weekday, opens=time(9), closes=time(13))
            OpeningHoursFactory(hub=hub, weekday=weekday, opens=time(14), closes=time(17))
        StaffPresenceFactory(hub=hub, organisation=org, weekday=0)
        OpeningExceptionFactory(hub=hub, start_date=date(2026, 11, 30), end_date=date(2026, 12, 1))
        hubs.append(hub)
    return hubs


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_home_shows_each_hub_open_now_and_who_is_there_today(client):
    hub = HubFactory(name="EIN.Lebens.raum")
    OpeningHoursFactory(hub=hub, weekday=0, opens=time(9), closes=time(13))
    OpeningHoursFactory(hub=hub, weekday=2, opens=time(9), closes=time(13))
    team = OrganisationFactory(name="Smart-City-Team Einbeck")
    StaffPresenceFactory(hub=hub, organisation=team, weekday=0, purpose="Fragen, Anregungen, Ideen")
    closed = HubFactory(name="Digital Hub Wilster", state="SH")
    OpeningHoursFactory(hub=closed, weekday=2, opens=time(9), closes=time(15))

    response = client.get(reverse("home"))
    assert response.status_code == 200
    page = response.text
    assert "EIN.Lebens.raum" in page and "Digital Hub Wilster" in page
    assert "Jetzt geöffnet, bis heute um 13:00" in page
    assert "Smart-City-Team Einbeck" in page and "Fragen, Anregungen, Ideen" in page
    assert "Jetzt geschlossen, öffnet Mittwoch um 09:00" in page


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_home_does_not_list_inactive_hubs(client):
    HubFactory(name="Geplanter Hub", active=False)
    assert "Geplanter Hub" not in client.get(reverse("home")).text


@pytest.mark.parametrize("url_name", ["home", "hubs:list"])
def test_list_pages_query_count_does_not_grow_with_hubs(
    client, django_assert_max_num_queries, url_name
):
    make_hubs(2)
    with django_assert_max_num_queries(9) as few:  # the list also asks which states have hubs
        client.get(reverse(url_name))
    make_hubs(25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse(url_name))
    assert response.text.count('class="kern-card"') == 27


@time_machine.travel(MONDAY_MORNING, tick=False)  # on a closed day it also asks for open hubs
def test_detail_query_count_does_not_grow_with_hours(client, django_assert_max_num_queries):
    (hub,) = make_hubs(1)
    # 10: schedules, their intervals and who is on site are three prefetches; the
    # network's map one query.
    with django_assert_max_num_queries(10) as few:
        client.get(hub.get_absolute_url())
    for n in range(40):
        OpeningExceptionFactory(
            hub=hub,
            start_date=date(2027, 1, 1) + timedelta(days=n),
            end_date=date(2027, 1, 1) + timedelta(days=n),
        )
        StaffPresenceFactory(hub=hub, weekday=n % 5)
        OpeningHoursFactory(hub=hub, weekday=n % 7, opens=time(18), closes=time(19))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(hub.get_absolute_url()).status_code == 200


def test_hub_list_filters_by_state_and_theme(client):
    theme = FocusTheme.objects.create(name="Vitale Gemeinschaften", slug="vitale-gemeinschaften")
    einbeck = HubFactory(name="EIN.Lebens.raum", state="NI")
    oldenburg = HubFactory(name="Digital Hub Oldenburg", state="SH")
    oldenburg.focus_themes.add(theme)
    HubFactory(name="Digital Hub Rendsburg", state="SH")

    page = client.get(reverse("hubs:list"), {"state": "SH"}).text
    assert "Digital Hub Oldenburg" in page and "Digital Hub Rendsburg" in page
    assert einbeck.name not in page

    page = client.get(reverse("hubs:list"), {"theme": "vitale-gemeinschaften"}).text
    assert "Digital Hub Oldenburg" in page
    assert "Digital Hub Rendsburg" not in page
    assert "1 Hub gefunden" in page


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_hub_list_shows_the_hubs_open_now_and_offers_only_states_with_hubs(client):
    open_hub = HubFactory(name="Digital Hub Wilster", state="SH")
    OpeningHoursFactory(hub=open_hub, weekday=0, opens=time(9), closes=time(13))
    shut = HubFactory(name="Digital Hub Hennstedt", state="SH")
    OpeningHoursFactory(hub=shut, weekday=1, opens=time(9), closes=time(13))  # Tuesdays

    page = client.get(reverse("hubs:list"), {"open_now": "on"}).text
    assert "Digital Hub Wilster" in page and "Digital Hub Hennstedt" not in page
    assert "1 Hub gefunden" in page
    assert "Hennstedt" in client.get(reverse("hubs:list")).text

    page = client.get(reverse("hubs:list")).text
    assert '<option value="SH"' in page and '<option value="NI"' not in page


def test_hub_list_explains_an_unknown_filter_value_without_failing(client):
    response = client.get(reverse("hubs:list"), {"state": "XX", "theme": "nope"})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.text


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_detail_shows_week_closures_special_hours_and_presence(client):
    hub = HubFactory(name="EIN.Lebens.raum", street="Marktplatz 16", postal_code="37574")
    OpeningHoursFactory(hub=hub, weekday=0, opens=time(9), closes=time(13))
    OpeningHoursFactory(hub=hub, weekday=1, opens=time(9), closes=time(13))
    OpeningExceptionFactory(
        hub=hub,
        start_date=date(2026, 11, 24),
        end_date=date(2026, 11, 24),
        reason="Personalversammlung",
    )
    SpecialHoursFactory(
        hub=hub, end_date=date(2026, 12, 2), opens=time(18), closes=time(21), reason="Themenabend"
    )
    team = OrganisationFactory(name="dataport.kommunal")
    StaffPresenceFactory(hub=hub, organisation=team, weekday=1, purpose="Schulungen und Beratung")

    page = client.get(hub.get_absolute_url()).text
    assert "Marktplatz 16, 37574 Einbeck" in page
    assert "Öffnungszeiten diese Woche" in page
    assert "Personalversammlung" in page
    assert "18:00–21:00" in page and "Themenabend" in page
    assert "Schulungen und Beratung" in page
    assert 'aria-current="date"' in page  # today is marked in the week table


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_detail_announces_new_hours_from_a_later_date(client):
    hub = HubFactory()
    OpeningHoursFactory(
        hub=hub, weekday=0, opens=time(9), closes=time(17), valid_from=date(2027, 1, 4)
    )
    page = client.get(hub.get_absolute_url()).text
    assert "Neue Öffnungszeiten angekündigt" in page
    assert "Ab 4. Januar 2027: Montag 09:00–17:00" in page


def test_the_hub_page_shows_where_the_hub_lies_among_the_others(client):
    wilster = HubFactory(name="Digital Hub Wilster", town="Wilster", latitude=53.92, longitude=9.37)
    HubFactory(name="Digital Hub Rendsburg", town="Rendsburg", latitude=54.30, longitude=9.66)
    page = client.get(wilster.get_absolute_url()).text
    assert 'class="portal-map__hub portal-map__hub--current"' in page
    assert f'href="{wilster.get_absolute_url()}" aria-current="page"' in page
    assert "Rendsburg</text>" in page  # the others around it


def test_detail_of_unknown_or_inactive_hub_is_404(client):
    hub = HubFactory(active=False)
    assert client.get(hub.get_absolute_url()).status_code == 404
    assert client.get("/hubs/gibt-es-nicht/").status_code == 404


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_pages_are_german_by_default_and_english_under_en(client):
    hub = HubFactory()
    german = client.get(hub.get_absolute_url())
    assert '<html lang="de">' in german.text
    english = client.get(f"/en/hubs/{hub.slug}/")
    assert '<html lang="en">' in english.text
    assert "Opening hours this week" in english.text


def test_language_switch_keeps_the_page(client):
    hub = HubFactory()
    response = client.post(
        reverse("set_language"), {"language": "en", "next": hub.get_absolute_url()}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/en/hubs/{hub.slug}/"


def test_pages_send_a_strict_content_security_policy(client):
    csp = client.get(reverse("home"))["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp


def test_language_switch_names_each_language_in_itself(client):
    page = client.get(reverse("home")).text
    assert 'lang="en" class="portal-link-button">English</button>' in page
    assert 'lang="de" class="portal-link-button" aria-current="true">Deutsch</button>' in page


@time_machine.travel(at(date(2026, 11, 29), 11), tick=False)  # a Sunday
def test_on_sunday_the_week_table_shows_the_coming_week(client):
    hub = HubFactory()
    OpeningHoursFactory(hub=hub, weekday=0, opens=time(9), closes=time(13))
    page = client.get(hub.get_absolute_url()).text
    assert "Öffnungszeiten nächste Woche" in page
    week = page.split('id="week-title"')[1].split("</section>")[0]
    assert "30.11." in week and "23.11." not in week


def test_every_demo_hub_has_address_phone_email_and_access_on_its_page(client, settings):
    from django.core.management import call_command

    from hubs.models import Hub

    settings.DEBUG = False
    call_command("seed_demo")
    for hub in Hub.objects.all():
        page = client.get(hub.get_absolute_url()).text
        assert hub.street and hub.street in page, hub.slug
        assert f'href="tel:{hub.phone.replace(" ", "")}"' in page, hub.slug
        assert f'href="mailto:{hub.email}"' in page, hub.slug
        assert "Barrierefreiheit und Anfahrt" in page
        for label in ["Stufenloser Zugang", "Toilette", "Parken", "Öffentliche Verkehrsmittel"]:
            assert label in page, (hub.slug, label)
        assert hub.hours_note in page


def test_a_hub_without_access_details_asks_people_to_check_before_visiting(client):
    hub = HubFactory()
    page = client.get(hub.get_absolute_url()).text
    assert "hat der Hub noch keine Angaben gemacht" in page


def test_seed_demo_fills_in_contacts_missing_from_an_older_demo_database(settings):
    from django.core.management import call_command

    from hubs.models import Hub

    settings.DEBUG = False
    call_command("seed_demo")
    Hub.objects.filter(slug="wilster").update(phone="", access_toilet="")
    Hub.objects.filter(slug="einbeck").update(phone="05561 1234")  # staff's own
    call_command("seed_demo")
    assert Hub.objects.get(slug="wilster").phone == "040 66969 104"
    assert Hub.objects.get(slug="wilster").access_toilet
    assert Hub.objects.get(slug="einbeck").phone == "05561 1234"
