"""Content in English where staff wrote it, German marked lang="de" where they did not."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from events import services
from events.models import EventSeries, Kind
from tests.factories import EventFactory, HubFactory, OpeningExceptionFactory

pytestmark = pytest.mark.django_db


def test_english_page_shows_the_english_text_staff_wrote(client):
    hub = HubFactory(short_description="Der erste Hub.", short_description_en="The first hub.")
    english = client.get(f"/en/hubs/{hub.slug}/").text
    assert '<p class="kern-body kern-body--large">The first hub.</p>' in english
    assert "Der erste Hub." not in english
    german = client.get(f"/hubs/{hub.slug}/").text
    assert "Der erste Hub." in german and "The first hub." not in german


def test_english_page_falls_back_to_german_per_field_and_marks_it(client):
    hub = HubFactory(
        short_description="Der erste Hub.",
        short_description_en="The first hub.",
        description="Nur auf Deutsch beschrieben.",
    )
    english = client.get(f"/en/hubs/{hub.slug}/").text
    assert '<div class="kern-body" lang="de"><p>Nur auf Deutsch beschrieben.</p></div>' in english
    assert '<span lang="de">The first hub.' not in english
    # A German page marks nothing: the text is in the page's own language.
    german = client.get(f"/hubs/{hub.slug}/").text
    assert 'lang="de"><p>Nur auf Deutsch' not in german and '<span lang="de">' not in german


def test_a_closure_reason_without_english_is_marked_in_the_next_14_days(client):
    hub = HubFactory()
    day = date.today() + timedelta(days=2)
    OpeningExceptionFactory(hub=hub, start_date=day, end_date=day, reason="Betriebsferien")
    english = client.get(f"/en/hubs/{hub.slug}/").text
    assert '<span lang="de">Betriebsferien</span>' in english
    OpeningExceptionFactory(
        hub=hub,
        start_date=day + timedelta(days=1),
        end_date=day + timedelta(days=1),
        reason="Personalversammlung",
        reason_en="Staff meeting",
    )
    english = client.get(f"/en/hubs/{hub.slug}/").text
    assert "Staff meeting" in english and '<span lang="de">Staff meeting' not in english


def test_event_title_and_summary_in_english_on_programme_and_event_page(client):
    event = EventFactory(title="Themenabend", title_en="Theme evening", summary="Mitreden")
    programme = client.get("/en" + "/events/").text
    assert "Theme evening" in programme and '<span lang="de">Mitreden</span>' in programme
    page = client.get(f"/en/events/{event.pk}/{event.slug}/").text
    assert '<h1 class="kern-heading-large">Theme evening</h1>' in page


@time_machine.travel(datetime(2026, 8, 1, tzinfo=UTC), tick=False)
def test_series_occurrences_take_over_both_languages():
    series = EventSeries(
        hub=HubFactory(),
        title="Themenabend",
        title_en="Theme evening",
        summary="Monatlich",
        summary_en="Monthly",
        kind=Kind.THEMED_EVENING,
        frequency=EventSeries.Frequency.MONTHLY,
        weekday=2,
        week_of_month=2,
        starts_at=time(18),
        ends_at=time(20),
        first_date=date(2026, 9, 1),
        last_date=date(2026, 10, 31),
    )
    series.full_clean()
    series.save()
    services.series_sync(series=series)
    for event in series.events.all():
        assert (event.title_de, event.title_en) == ("Themenabend", "Theme evening")
        assert (event.summary_de, event.summary_en) == ("Monatlich", "Monthly")


def test_staff_write_german_and_optionally_english_in_the_admin(client, superuser):
    hub = HubFactory()
    client.force_login(superuser)
    form = client.get(reverse("admin:hubs_hub_change", args=[hub.pk])).text
    for field in ["short_description_de", "short_description_en", "access_entrance_en"]:
        assert f'name="{field}"' in form, field
    assert 'name="short_description"' not in form  # no third, language-less box


def test_demo_content_has_english_where_written_and_german_marked_elsewhere(client, settings):
    settings.DEBUG = False
    call_command("seed_demo")
    page = client.get("/en/hubs/einbeck/").text
    assert "The first Digital Hub in Lower Saxony" in page
    assert '<div class="kern-body" lang="de"><p>Die Stadt Einbeck' in page  # not yet written
    assert "Excellent digital administrative services" in page  # a focus theme
    programmes = client.get("/en/funding/programmes/").text
    assert "Digital Village Centre programme (demo)" in programmes
    assert "Digitalisation" in programmes
