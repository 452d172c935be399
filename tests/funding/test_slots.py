"""Which times can be booked: windows, absences, buffers, notice, horizon, DST."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from funding import services
from funding.models import Appointment, Mode
from funding.slots import advisors_for, free_slots
from hubportal.timeranges import LOCAL_TZ, local_datetime
from tests.factories import (
    AbsenceFactory,
    AdvisorFactory,
    AppointmentFactory,
    AvailabilityWindowFactory,
    HubFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    SpecialHoursFactory,
)

from .conftest import make_advisor

pytestmark = pytest.mark.django_db


def hours(day, hub, minutes=60):
    return [
        s.start.astimezone(LOCAL_TZ).strftime("%H:%M")
        for s in free_slots(
            advisors=advisors_for(hub=hub, remote=hub is None),
            length=minutes,
            first_day=day,
            days=1,
            hub=hub,
        )
    ]


def book(advisor, day, hh, mm=0, minutes=60, hub=None, status="confirmed"):
    start = local_datetime(day, time(hh, mm))
    return AppointmentFactory(
        advisor=advisor,
        mode=Mode.ON_SITE if hub else Mode.VIDEO,
        hub=hub,
        start=start,
        end=start + timedelta(minutes=minutes),
        name="x",
        organisation="x",
        question="x",
        status=status,
    )


TUESDAY = date(2026, 11, 24)


def test_window_gives_one_slot_after_the_other(monday_morning, advisor, einbeck):
    assert hours(TUESDAY, einbeck) == ["09:00", "10:00", "11:00", "12:00", "13:00", "14:00"]
    assert len(hours(TUESDAY, einbeck, minutes=30)) == 12


def test_remote_window_is_separate_from_the_hub(monday_morning, advisor, einbeck):
    wednesday = date(2026, 11, 25)
    assert hours(wednesday, None) == ["09:00", "10:00", "11:00"]
    assert hours(wednesday, einbeck) == []


def test_appointments_block_with_their_buffer(monday_morning, advisor, einbeck):
    book(advisor, TUESDAY, 10, hub=einbeck)  # 10:00-11:00, plus 15 minutes either side
    assert hours(TUESDAY, einbeck) == ["11:15", "12:15", "13:15"]
    assert hours(TUESDAY, einbeck, minutes=30) == [
        "09:00",
        "11:15",
        "11:45",
        "12:15",
        "12:45",
        "13:15",
        "13:45",
        "14:15",
    ]


def test_an_appointment_at_another_hub_blocks_the_slot(monday_morning, advisor, einbeck):
    oldenburg = HubFactory(slug="oldenburg", state="SH")
    book(advisor, TUESDAY, 12, hub=oldenburg)
    assert "12:00" not in hours(TUESDAY, einbeck)
    assert hours(TUESDAY, einbeck)[:2] == ["09:00", "10:00"]


def test_cancelled_and_declined_appointments_do_not_block(monday_morning, advisor, einbeck):
    book(advisor, TUESDAY, 10, hub=einbeck, status="cancelled")
    book(advisor, TUESDAY, 12, hub=einbeck, status="declined")
    assert len(hours(TUESDAY, einbeck)) == 6


def test_absence_removes_the_days(monday_morning, advisor, einbeck):
    AbsenceFactory(advisor=advisor, start_date=TUESDAY, end_date=TUESDAY, reason="Urlaub")
    assert hours(TUESDAY, einbeck) == []
    assert hours(TUESDAY + timedelta(days=7), einbeck)  # next Tuesday as usual


def test_hub_closed_that_day_means_no_on_site_slots(monday_morning, advisor, einbeck):
    OpeningExceptionFactory(
        hub=einbeck, start_date=TUESDAY, end_date=TUESDAY, reason="Betriebsausflug"
    )
    assert hours(TUESDAY, einbeck) == []


def test_minimum_notice(monday_morning, advisor, einbeck):
    advisor.min_notice_hours = 26  # Monday 08:00 + 26 h = Tuesday 10:00
    advisor.save()
    assert hours(TUESDAY, einbeck)[0] == "10:00"


def test_horizon(monday_morning, advisor, einbeck):
    advisor.horizon_days = 7
    advisor.save()
    assert hours(date(2026, 11, 30) + timedelta(days=1), einbeck) == []  # Tue 1 Dec is day 8
    assert hours(TUESDAY, einbeck)


def test_dst_tuesdays_keep_local_nine_oclock(advisor, einbeck):
    with time_machine.travel(datetime(2026, 3, 16, 7, tzinfo=UTC), tick=False):
        before = free_slots(
            advisors=advisors_for(hub=einbeck),
            length=60,
            first_day=date(2026, 3, 24),
            days=1,
            hub=einbeck,
        )
        after = free_slots(
            advisors=advisors_for(hub=einbeck),
            length=60,
            first_day=date(2026, 3, 31),
            days=1,
            hub=einbeck,
        )
    assert before[0].start == datetime(2026, 3, 24, 8, tzinfo=UTC)  # 09:00 CET
    assert after[0].start == datetime(2026, 3, 31, 7, tzinfo=UTC)  # 09:00 CEST


def test_slot_page_query_count_is_bounded_with_20_advisors_and_5000_appointments(
    client, monday_morning, einbeck, topic, django_assert_max_num_queries
):
    advisors = [
        make_advisor(f"a{n}@example.org", f"Advisor {n:02d}", einbeck, topic) for n in range(2)
    ]
    url = reverse("funding:index") + "?place=hub%3Aeinbeck&minutes=30"
    # 16: the hubs' weekly schedules and their intervals are two prefetches.
    with django_assert_max_num_queries(16) as few:
        client.get(url)
    advisors += [
        make_advisor(f"b{n}@example.org", f"Berater {n:02d}", einbeck, topic) for n in range(18)
    ]
    rows = []
    for n, advisor in enumerate(advisors):
        for week in range(250):  # 250 past and future Tuesdays each: 5000 appointments
            day = TUESDAY + timedelta(weeks=week - 240)
            start = local_datetime(day, time(9 + n % 5))
            rows.append(
                Appointment(
                    advisor=advisor,
                    mode=Mode.ON_SITE,
                    hub=einbeck,
                    start=start,
                    end=start + timedelta(minutes=30),
                    name="x",
                    organisation="x",
                    question="x",
                    status="confirmed",
                )
            )
    Appointment.objects.bulk_create(rows, batch_size=2000)
    assert Appointment.objects.count() == 5000
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200 and "Advisor 00" in response.text


# -- on site only while the hub is open (issue 26, item 4) -----------------------------


def test_on_site_slots_stop_when_the_hub_closes_and_a_window_beyond_its_hours_is_refused(
    monday_morning,
):
    """Einbeck is open 09:00-13:00: an advisor's 09:00-15:00 there offers nothing at
    13:00 or 14:00, and a new window that reaches past 13:00 is refused, the hours named."""
    hub = HubFactory(name="EIN.Lebens.raum", slug="einbeck-kurz", state="NI")
    for weekday in range(5):
        OpeningHoursFactory(hub=hub, weekday=weekday, opens=time(9), closes=time(13))
    advisor = AdvisorFactory()
    advisor.hubs.add(hub)
    AvailabilityWindowFactory(advisor=advisor, weekday=1, starts=time(9), ends=time(15), hub=hub)
    slots = free_slots(advisors=advisors_for(hub=hub), length=60, first_day=date(2026, 11, 24),
                       days=1, hub=hub)  # fmt: skip
    starts = [f"{s.start.astimezone(LOCAL_TZ):%H:%M}" for s in slots]
    assert starts == ["09:00", "10:00", "11:00", "12:00"]
    with pytest.raises(ValidationError) as refused:
        services.window_add(advisor=advisor, weekday=3, starts=time(9), ends=time(15), hub=hub)
    message = refused.value.message_dict["ends"][0]
    assert "EIN.Lebens.raum" in message and "09:00–13:00" in message and "Donnerstag" in message
    with pytest.raises(ValidationError) as closed:
        services.window_add(advisor=advisor, weekday=5, starts=time(9), ends=time(12), hub=hub)
    assert "geschlossen" in closed.value.message_dict["ends"][0]
    services.window_add(advisor=advisor, weekday=3, starts=time(9), ends=time(13), hub=hub)


def test_special_hours_and_a_closure_cut_the_slots_of_that_day(monday_morning):
    hub = HubFactory(slug="wilster-kurz", state="SH")
    for weekday in range(5):
        OpeningHoursFactory(hub=hub, weekday=weekday, opens=time(9), closes=time(16))
    advisor = AdvisorFactory()
    advisor.hubs.add(hub)
    for weekday in (1, 2):
        AvailabilityWindowFactory(advisor=advisor, weekday=weekday, starts=time(9), ends=time(15),
                                  hub=hub)  # fmt: skip
    SpecialHoursFactory(hub=hub, start_date=date(2026, 11, 24), end_date=date(2026, 11, 24),
                        opens=time(10), closes=time(12))  # fmt: skip
    OpeningExceptionFactory(hub=hub, start_date=date(2026, 11, 25), end_date=date(2026, 11, 25))
    slots = free_slots(advisors=advisors_for(hub=hub), length=60, first_day=date(2026, 11, 24),
                       days=2, hub=hub)  # fmt: skip
    assert [f"{s.start.astimezone(LOCAL_TZ):%d %H:%M}" for s in slots] == ["24 10:00", "24 11:00"]
