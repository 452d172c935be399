"""Recurring events: occurrences generated from a rule, edits reach future ones."""

from datetime import UTC, date, datetime, time

import pytest
import time_machine

from events import services
from events.models import Event, EventSeries, Kind, Registration
from tests.factories import HubFactory, OpeningExceptionFactory, RegistrationFactory

pytestmark = pytest.mark.django_db(transaction=True)


def monthly_evening(**changes):
    fields = {
        "hub": HubFactory(),
        "title": "Themenabend",
        "summary": "Monatlich",
        "kind": Kind.THEMED_EVENING,
        "frequency": EventSeries.Frequency.MONTHLY,
        "weekday": 2,
        "week_of_month": 2,
        "starts_at": time(18),
        "ends_at": time(20),
        "first_date": date(2026, 9, 1),
        "last_date": date(2026, 12, 31),
        "capacity": 30,
    }
    fields.update(changes)
    series = EventSeries(**fields)
    series.full_clean()
    series.save()
    return series


@time_machine.travel(datetime(2026, 8, 1, tzinfo=UTC), tick=False)
def test_second_wednesday_of_each_month_at_18_local_across_dst():
    series = monthly_evening()
    services.series_sync(series=series)
    events = list(series.events.order_by("start"))
    days = [e.start.astimezone(UTC).date() for e in events]
    assert days == [date(2026, 9, 9), date(2026, 10, 14), date(2026, 11, 11), date(2026, 12, 9)]
    utc_hours = [e.start.astimezone(UTC).hour for e in events]
    assert utc_hours == [16, 16, 17, 17]  # 18:00 summer time, then 18:00 winter time
    assert all(e.status == Event.Status.PUBLISHED for e in events)


def test_weekly_series_every_tuesday():
    with time_machine.travel(datetime(2026, 11, 1, tzinfo=UTC), tick=False):
        series = monthly_evening(
            frequency=EventSeries.Frequency.WEEKLY,
            weekday=1,
            week_of_month=None,
            first_date=date(2026, 11, 1),
            last_date=date(2026, 11, 30),
        )
        services.series_sync(series=series)
    starts = [e.start.astimezone(UTC).day for e in series.events.order_by("start")]
    assert starts == [3, 10, 17, 24]


def test_editing_the_series_updates_future_occurrences_but_not_past_ones():
    with time_machine.travel(datetime(2026, 8, 1, tzinfo=UTC), tick=False):
        series = monthly_evening()
        services.series_sync(series=series)
    september = series.events.order_by("start").first()
    with time_machine.travel(datetime(2026, 10, 1, tzinfo=UTC), tick=False):
        series.title = "Neuer Themenabend"
        series.starts_at, series.ends_at = time(19), time(21)
        series.save()
        result = services.series_sync(series=series)
    assert result == {"created": 0, "updated": 3, "removed": 0, "skipped": 0}
    september.refresh_from_db()
    assert september.title == "Themenabend"  # past: untouched
    future = series.events.filter(start__gt=datetime(2026, 10, 1, tzinfo=UTC))
    assert {e.title for e in future} == {"Neuer Themenabend"}
    assert {e.start.astimezone(UTC).hour for e in future} == {17, 18}


def test_changed_title_and_time_keep_registrations_on_future_occurrences():
    with time_machine.travel(datetime(2026, 8, 1, tzinfo=UTC), tick=False):
        series = monthly_evening()
        services.series_sync(series=series)
        october = series.events.order_by("start")[1]
        RegistrationFactory(event=october)
        series.title = "Umbenannt"
        series.starts_at, series.ends_at = time(17), time(19)
        series.save()
        services.series_sync(series=series)
    october.refresh_from_db()
    assert october.title == "Umbenannt"
    assert october.start.astimezone(UTC).hour == 15  # 17:00 summer time
    assert october.registrations.filter(status=Registration.Status.CONFIRMED).count() == 1


def test_a_dropped_date_with_registrations_is_cancelled_not_deleted():
    with time_machine.travel(datetime(2026, 8, 1, tzinfo=UTC), tick=False):
        series = monthly_evening()
        services.series_sync(series=series)
        december = series.events.order_by("start").last()
        RegistrationFactory(event=december, email="dezember@example.org")
        series.last_date = date(2026, 11, 30)
        series.save()
        services.series_sync(series=series)
    december.refresh_from_db()
    assert december.status == Event.Status.CANCELLED


@time_machine.travel(datetime(2026, 8, 1, tzinfo=UTC), tick=False)
def test_no_new_occurrence_on_a_day_a_closure_or_holiday_shuts_the_hub():
    hub = HubFactory(state="NI")
    # Second Wednesdays: 9.9., 14.10., 11.11., 9.12.; the hub closes for 14.10.
    OpeningExceptionFactory(hub=hub, start_date=date(2026, 10, 12), end_date=date(2026, 10, 16))
    series = monthly_evening(hub=hub)
    result = services.series_sync(series=series)
    assert result["created"] == 3 and result["skipped"] == 1
    dates = [e.start.date() for e in series.events.order_by("start")]
    assert date(2026, 10, 14) not in dates
    # A closure added later leaves the existing occurrence for staff to decide on.
    OpeningExceptionFactory(hub=hub, start_date=date(2026, 11, 11), end_date=date(2026, 11, 11))
    again = services.series_sync(series=series)
    assert again == {"created": 0, "updated": 3, "removed": 0, "skipped": 1}
    assert series.events.filter(start__date=date(2026, 11, 11)).exists()


def test_demo_programme_has_no_event_on_a_day_its_hub_is_closed():
    from django.core.management import call_command

    from hubportal.timeranges import LOCAL_TZ
    from hubs.hours import OpeningCalendar
    from hubs.models import Hub

    call_command("seed_demo", verbosity=0)
    for hub in Hub.objects.all():
        calendar = OpeningCalendar(hub)
        for event in Event.objects.filter(hub=hub).exclude(status=Event.Status.DRAFT):
            day = calendar.day(event.start.astimezone(LOCAL_TZ).date())
            assert not day.closed_reason, (hub.slug, event.title, day.date, day.closed_reason)
