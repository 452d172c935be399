"""Staff edit a hub's hours as whole weeks with a validity period, and see the next
28 days as citizens will before anything is saved."""

from datetime import date, time

import pytest
import time_machine
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from hubs.hours import OpeningCalendar
from hubs.models import Schedule
from tests.clock import at
from tests.factories import OpeningHoursFactory, OrganisationFactory, StaffPresenceFactory
from tests.hubs.schedule_post import schedule_post

pytestmark = pytest.mark.django_db
MON, TUE, WED, THU, FRI = range(5)
REGULAR = [(d, "09:00", "13:00") for d in (MON, TUE, WED, THU)]


@pytest.fixture(autouse=True)
def sunday():
    with time_machine.travel(at(22, 10), tick=False):  # Sunday 22 November 2026
        yield


@pytest.fixture
def regular(einbeck):
    for weekday in (MON, TUE, WED, THU):
        OpeningHoursFactory(hub=einbeck, weekday=weekday, opens=time(9), closes=time(13))
    StaffPresenceFactory(hub=einbeck, weekday=MON, organisation__name="Smart-City-Team")
    return einbeck.schedules.get()


def hours(hub, day):
    hub.refresh_from_db()
    return [
        (i.local_start.strftime("%H:%M"), i.local_end.strftime("%H:%M"))
        for i in OpeningCalendar(hub).day(day).intervals
    ]


def test_new_schedule_from_a_date_starts_as_a_copy_of_the_current_week(staff_client, regular):
    page = staff_client.get(reverse("admin:hubs_schedule_add") + f"?copy={regular.pk}")
    formsets = {f.formset.prefix: f.formset for f in page.context["inline_admin_formsets"]}
    copied = [(f.initial["weekday"], f.initial["opens"]) for f in formsets["intervals"].forms]
    assert copied == [(d, time(9)) for d in (MON, TUE, WED, THU)]
    assert [f.initial["weekday"] for f in formsets["presences"].forms] == [MON]
    assert page.context["adminform"].form.initial["ends_previous"] is True


def test_a_new_schedule_for_staff_of_one_hub_starts_from_the_week_in_force(staff_client, regular):
    page = staff_client.get(reverse("admin:hubs_schedule_add"))
    form = page.context["adminform"].form
    assert form.initial["hub"] == regular.hub_id  # their one hub, chosen
    formsets = {f.formset.prefix: f.formset for f in page.context["inline_admin_formsets"]}
    copied = [(f.initial["weekday"], f.initial["opens"]) for f in formsets["intervals"].forms]
    assert copied == [(d, time(9)) for d in (MON, TUE, WED, THU)]


def test_a_later_schedule_that_overlaps_says_which_last_day_to_set(staff_client, regular):
    regular.valid_until = date(2026, 12, 13)  # first, so no date has two weeks
    regular.save()
    later = Schedule.objects.create(
        hub=regular.hub, kind=Schedule.Kind.OPENING, name="Winter", valid_from=date(2027, 1, 4)
    )
    response = staff_client.post(
        reverse("admin:hubs_schedule_add"),
        schedule_post(
            regular.hub,
            name="Advent",
            valid_from="2026-12-14",
            intervals=[(FRI, "09:00", "12:00")],
            confirm=True,
        ),
    )
    errors = response.context["adminform"].form.errors["valid_from"]
    # Advent, open-ended, runs into Winter: the last day to set is the day before it.
    assert "„Winter“, der am 4.1.2027 beginnt" in errors[0], errors
    assert "letzten Tag dieses Wochenplans auf 3.1.2027" in errors[0], errors
    assert later.name == "Winter"


def test_a_friday_only_change_from_a_date_leaves_monday_to_thursday_as_they_were(
    staff_client, regular
):
    url = reverse("admin:hubs_schedule_add")
    data = schedule_post(
        regular.hub,
        name="Ab 27.11.",
        valid_from="2026-11-27",
        intervals=[*REGULAR, (FRI, "09:00", "12:00")],
        presences=[(regular.presences.get().organisation_id, MON, "09:00", "13:00", "Fragen")],
        ends_previous=True,
        confirm=True,
    )
    assert staff_client.post(url, data).status_code == 302
    hub = regular.hub
    assert hours(hub, date(2026, 11, 27)) == [("09:00", "12:00")]  # the new Friday
    for day in (date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 2), date(2026, 12, 3)):
        assert hours(hub, day) == [("09:00", "13:00")], day  # Mon–Thu unchanged
    assert hours(hub, date(2026, 11, 23)) == [("09:00", "13:00")]
    regular.refresh_from_db()
    assert regular.valid_until == date(2026, 11, 26)
    # Who is on site follows the schedule: the Smart City team stays on Mondays.
    page = staff_client.get(hub.get_absolute_url()).text
    assert "Smart-City-Team" in page


def test_an_overlapping_schedule_is_refused_naming_the_other(staff_client, regular):
    response = staff_client.post(
        reverse("admin:hubs_schedule_add"),
        schedule_post(
            regular.hub, valid_from="2026-12-01", intervals=[(FRI, "09:00", "12:00")], confirm=True
        ),
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["valid_from"]
    assert "„Regelzeiten“" in errors[0] or "“Regelzeiten" in errors[0], errors
    # It says what to set: the other week's last day, the day before this one starts.
    assert "30.11.2026" in errors[0] and "Vortag" in errors[0], errors
    assert regular.hub.schedules.count() == 1
    assert hours(regular.hub, date(2026, 12, 7)) == [("09:00", "13:00")]  # nothing changed


def test_ending_the_previous_schedule_is_refused_when_it_would_leave_days_without_hours(
    staff_client, regular
):
    response = staff_client.post(
        reverse("admin:hubs_schedule_add"),
        schedule_post(
            regular.hub,
            valid_from="2026-12-01",
            valid_until="2027-02-28",
            intervals=REGULAR,
            ends_previous=True,
            confirm=True,
        ),
    )
    assert "ends_previous" in response.context["adminform"].form.errors
    regular.refresh_from_db()
    assert regular.valid_until is None


def test_presence_outside_the_opening_hours_is_refused_next_to_it(staff_client, regular):
    team = OrganisationFactory(name="dataport.kommunal")
    url = reverse("admin:hubs_schedule_change", args=[regular.pk])
    response = staff_client.post(
        url,
        schedule_post(
            regular.hub,
            instance=regular,
            name="Regelzeiten",
            intervals=REGULAR,
            presences=[(team.pk, FRI, "09:00", "12:00", "Beratung")],
            confirm=True,
        ),
    )
    assert response.status_code == 200
    presences = {f.formset.prefix: f.formset for f in response.context["inline_admin_formsets"]}
    errors = presences["presences"].forms[-1].errors["starts"]
    assert "Freitag" in errors[0] and "geschlossen" in errors[0], errors
    assert not regular.presences.filter(organisation=team).exists()


def test_the_preview_shows_28_days_marks_each_changed_day_and_saves_nothing(staff_client, regular):
    url = reverse("admin:hubs_schedule_change", args=[regular.pk])
    data = schedule_post(
        regular.hub,
        instance=regular,
        name="Regelzeiten",
        intervals=[(d, "09:00", "13:00") for d in (MON, TUE, WED)],  # Thursday closes
        presences=[(regular.presences.get().organisation_id, MON, "09:00", "13:00", "Fragen")],
    )
    preview = staff_client.post(url, data)
    assert preview.status_code == 200
    (change,) = preview.context["changes"]
    assert len(change.days) == 28
    changed = [d.after.date for d in change.days if d.changed]
    assert changed == [
        date(2026, 11, 26),
        date(2026, 12, 3),
        date(2026, 12, 10),
        date(2026, 12, 17),
    ]
    assert preview.text.count("<strong>geändert</strong>") == 4
    assert hours(regular.hub, date(2026, 11, 26)) == [("09:00", "13:00")]  # not saved yet
    staff_client.post(url, {**data, "_calendar_confirmed": "1"})
    assert hours(regular.hub, date(2026, 11, 26)) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL constraint")
def test_the_database_refuses_two_schedules_for_one_date(regular):
    with pytest.raises(IntegrityError), transaction.atomic():
        Schedule.objects.create(hub=regular.hub, name="Doppelt", valid_from=date(2027, 1, 1))


def test_deleting_a_schedule_shows_the_preview_first(staff_client, regular):
    url = reverse("admin:hubs_schedule_delete", args=[regular.pk])
    preview = staff_client.post(url, {"post": "yes"})
    assert preview.status_code == 200
    (change,) = preview.context["changes"]
    assert all(d.after.intervals == () for d in change.days)
    assert Schedule.objects.filter(pk=regular.pk).exists()  # nothing deleted yet
    staff_client.post(url, {"post": "yes", "_calendar_confirmed": "1"})
    assert not Schedule.objects.filter(pk=regular.pk).exists()


def test_a_presence_row_with_a_weekday_that_is_no_weekday_is_refused_not_a_500(
    staff_client, regular
):
    """Issue 27: weekday "abc" in a presence row gave a KeyError."""
    org = regular.presences.get().organisation
    data = schedule_post(
        regular.hub, valid_from="2026-12-01", intervals=[(FRI, "09:00", "12:00")],
        presences=[(org.pk, "abc", "09:00", "12:00", "Fragen")], confirm=True,
    )  # fmt: skip
    response = staff_client.post(reverse("admin:hubs_schedule_add"), data)
    assert response.status_code == 200  # the form again, with the reason
    assert regular.hub.schedules.count() == 1
