from zoneinfo import ZoneInfo

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import call_command

from hubs.models import Hub, HubStaff, ScheduleInterval
from hubs.scoping import hubs_for

pytestmark = pytest.mark.django_db


def test_seed_demo_loads_five_hubs_and_can_run_twice(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    assert set(Hub.objects.values_list("town", flat=True)) == {
        "Einbeck",
        "Oldenburg in Holstein",
        "Hennstedt",
        "Wilster",
        "Rendsburg",
    }
    einbeck = Hub.objects.get(slug="einbeck")
    assert einbeck.street == "Marktplatz 16" and einbeck.postal_code == "37574"
    # Smart City team Mon + Wed 09-13, dataport.kommunal Tue + Thu
    regular = einbeck.schedules.get(name="Regelzeiten")
    presence = {(p.organisation.name, p.weekday) for p in regular.presences.all()}
    assert ("Smart-City-Team Einbeck", 0) in presence and ("Smart-City-Team Einbeck", 2) in presence
    assert ("dataport.kommunal", 1) in presence and ("dataport.kommunal", 3) in presence
    # Not doubled by the second run: 4 + 5 public intervals, 5 co-working ones.
    assert ScheduleInterval.objects.filter(schedule__hub=einbeck).count() == 14


def test_seed_demo_creates_demo_logins_for_each_role_only_in_debug(settings):
    settings.DEBUG = False
    call_command("seed_demo")
    assert not get_user_model().objects.exists()

    settings.DEBUG = True
    call_command("seed_demo")
    users = get_user_model().objects
    assert users.get(email="admin@demo.example").is_superuser
    staff = users.get(email="team-einbeck@demo.example")
    assert list(hubs_for(staff).values_list("slug", flat=True)) == ["einbeck"]
    assert HubStaff.objects.filter(user__email="team-oldenburg@demo.example").exists()
    assert EmailAddress.objects.filter(verified=True).count() == users.count()


def test_seed_demo_loads_the_programme(settings):
    from events.models import Event, Kind

    settings.DEBUG = False
    call_command("seed_demo")
    call_command("seed_demo")
    upcoming = Event.objects.published().upcoming()
    einbeck = upcoming.filter(hub__slug="einbeck")
    assert einbeck.filter(kind=Kind.THEMED_EVENING).count() >= 5  # monthly, half a year
    trainings = {
        e.start.astimezone(ZoneInfo("Europe/Berlin")).weekday()
        for e in einbeck.filter(kind=Kind.TRAINING)
    }
    assert trainings == {1, 3}  # dataport.kommunal on Tuesdays and Thursdays
    oldenburg = upcoming.filter(hub__slug="oldenburg-in-holstein")
    assert {e.kind for e in oldenburg} >= {Kind.SHOWROOM, Kind.LIVESTREAM}
    assert Event.objects.past().filter(hub__slug="oldenburg-in-holstein").exists()
    count = upcoming.count()
    call_command("seed_demo")
    assert Event.objects.published().upcoming().count() == count  # idempotent
