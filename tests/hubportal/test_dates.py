"""Dates read naturally in both languages: "Montag, 4. Januar 2027" and "Monday,
4 January 2027", times as 18:00–20:00 without "o'clock"."""

from datetime import date, time

import pytest
from django.utils import translation

from hubportal.dates import ENGLISH, local_format
from hubportal.timeranges import local_datetime
from tests.factories import EventFactory, HubFactory, OpeningHoursFactory

pytestmark = pytest.mark.django_db

MONDAY = date(2027, 1, 4)


def test_event_time_reads_naturally_in_german_and_english(client):
    event = EventFactory(
        start=local_datetime(MONDAY, time(18)), end=local_datetime(MONDAY, time(20))
    )
    german = client.get(f"/events/{event.pk}/{event.slug}/").text
    english = client.get(f"/en/events/{event.pk}/{event.slug}/").text
    assert "Montag, 4. Januar 2027, 18:00</time>–<time" in german
    assert "Monday, 4 January 2027, 18:00</time>–<time" in english
    assert "4. January" not in english and "o&#x27;clock" not in english
    assert "o'clock" not in english


def test_announced_hours_say_from_4_january_in_english(client):
    hub = HubFactory()
    OpeningHoursFactory(hub=hub, weekday=0, opens=time(9), closes=time(17), valid_from=MONDAY)
    english = client.get(f"/en/hubs/{hub.slug}/").text
    assert "From 4 January 2027:" in english


def test_every_german_pattern_has_an_english_one_without_german_dots():
    for german, english in ENGLISH.items():
        assert ". " not in english and not english.endswith(".") and "j.n" not in english
        with translation.override("en"):
            moment = local_datetime(MONDAY, time(18))
            assert local_format(moment, german) == local_format(moment, english)
    with translation.override("en"):
        assert local_format(MONDAY, "j.n.Y") == "4 Jan 2027"
    with translation.override("de"):
        assert local_format(MONDAY, "j.n.Y") == "4.1.2027"


def test_every_date_pattern_the_portal_writes_has_its_english_form():
    """A German pattern without an English one shows "Tue 8. Dec" on English pages:
    every `|when:"…"` in a template and every local_format(…, "…") is in the table."""
    import re
    import tomllib
    from pathlib import Path

    from hubportal.dates import ENGLISH, SAME_IN_BOTH

    root = Path(__file__).resolve().parents[2]
    packages = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["importlinter"]
    sources = [
        path
        for package in packages["root_packages"]
        for suffix in ("*.html", "*.txt", "*.py")
        for path in (root / package).rglob(suffix)
    ]
    used = set()
    for path in sources:
        text = path.read_text(errors="ignore")
        used |= set(re.findall(r'\|when:"([^"]+)"', text))
        used |= set(re.findall(r'local_format\([^)]*?"([^"]+)"\)', text))
    assert used, "no patterns found: the search is broken"
    assert sorted(used - set(ENGLISH) - SAME_IN_BOTH) == []
