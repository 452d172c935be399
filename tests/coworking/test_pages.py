"""The member's pages: availability grid, booking form, my bookings, permissions."""

from datetime import date, time, timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from coworking.models import Booking, MemberProfile, Workspace
from hubportal.timeranges import local_datetime
from tests.calendars import assert_rfc7986
from tests.clock import at
from tests.factories import BookingFactory, UserFactory, WorkspaceFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("monday_morning")]


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


def form(desk, **changes):
    data = {
        "workspace": desk.pk,
        "date": "2026-11-24",
        "quick": "morning",
        "start_time": "",
        "end_time": "",
        "purpose": "Förderantrag schreiben",
        "weeks": "1",
        "mode": "all",
    }
    data.update(changes)
    return data


def test_member_books_tomorrow_morning_and_sees_it_in_my_bookings(member_client, desk, hub):
    response = member_client.post(reverse("coworking:book", args=[hub.slug]), form(desk))
    assert response.status_code == 302 and response["Location"] == reverse("coworking:mine")
    booking = Booking.objects.get()
    assert (booking.start, booking.end) == (at(24, 8), at(24, 13))  # opening to midday
    page = member_client.get(reverse("coworking:mine")).text
    assert "Schreibtisch 1" in page and "Di, 24.11.2026, 08:00–13:00" in page


def test_custom_time_on_the_grid(member_client, desk, hub):
    member_client.post(
        reverse("coworking:book", args=[hub.slug]),
        form(desk, quick="custom", start_time="14:00", end_time="16:30"),
    )
    assert Booking.objects.get().end == at(24, 16, 30)


def test_conflict_is_shown_next_to_the_field_and_input_is_kept(member_client, desk, hub):
    BookingFactory(workspace=desk, start=at(24, 9), end=at(24, 10))
    response = member_client.post(reverse("coworking:book", args=[hub.slug]), form(desk))
    assert response.status_code == 400
    assert "bereits gebucht 09:00–10:00" in response.text
    assert 'value="Förderantrag schreiben"' in response.text
    assert 'aria-invalid="true"' in response.text


def test_recurring_conflicts_are_listed_on_the_form(member_client, desk, hub):
    BookingFactory(
        workspace=desk,
        start=local_datetime(date(2026, 12, 8), time(9)),
        end=local_datetime(date(2026, 12, 8), time(10)),
    )
    response = member_client.post(reverse("coworking:book", args=[hub.slug]), form(desk, weeks="3"))
    assert "Diese Termine sind nicht buchbar" in response.text and "Di, 8.12.2026" in response.text
    assert not Booking.objects.filter(person__isnull=False).exists()


def test_first_booking_asks_who_you_are(client, desk, hub):
    newcomer = UserFactory()
    client.force_login(newcomer)
    response = client.get(reverse("coworking:book", args=[hub.slug]))
    assert response["Location"].startswith(reverse("coworking:profile"))
    client.post(response["Location"], {"group": "municipal_staff", "organisation": "Malente"})
    assert MemberProfile.objects.get(user=newcomer).organisation == "Malente"


def test_the_first_profile_starts_from_the_organisation_given_at_sign_up(client):
    newcomer = UserFactory(organisation="Gemeinde Malente")
    client.force_login(newcomer)
    page = client.get(reverse("coworking:profile")).text
    assert 'value="Gemeinde Malente"' in page
    assert "Sie buchen als" in page and "Ich bin" not in page


def test_booking_needs_login(client, hub):
    response = client.get(reverse("coworking:book", args=[hub.slug]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_member_cannot_see_cancel_or_download_anothers_booking(member_client, desk):
    stranger = UserFactory()
    theirs = BookingFactory(
        workspace=desk,
        person=stranger,
        name="Fremd",
        start=at(25, 9),
        end=at(25, 10),
    )
    for name in ("coworking:booking", "coworking:ics"):
        assert member_client.get(reverse(name, args=[theirs.pk])).status_code == 404
    assert member_client.post(reverse("coworking:cancel", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Booking.Status.CONFIRMED


def test_member_cancels_own_booking(member_client, member, desk):
    mine = BookingFactory(
        workspace=desk,
        person=member,
        name="Ich",
        start=at(25, 9),
        end=at(25, 10),
    )
    member_client.post(reverse("coworking:cancel", args=[mine.pk]))
    mine.refresh_from_db()
    assert mine.status == Booking.Status.CANCELLED


def test_private_feed_needs_the_secret_token(client, member, desk):
    BookingFactory(
        workspace=desk,
        person=member,
        name="Ich",
        start=at(25, 9),
        end=at(25, 10),
    )
    token = MemberProfile.objects.get(user=member).feed_token
    feed = client.get(reverse("coworking:feed", args=[token]))
    assert len(Calendar.from_ical(feed.content).walk("VEVENT")) == 1
    assert_rfc7986(feed, "Meine Co-Working-Buchungen")
    assert client.get(reverse("coworking:feed", args=["geraten"])).status_code == 404


def test_grid_shows_free_and_taken_in_words_with_booking_links(client, desk, hub):
    BookingFactory(workspace=desk, start=at(24, 10), end=at(24, 12))
    page = client.get(reverse("coworking:availability", args=[hub.slug])).text
    assert "belegt</span> 10:00–12:00" in page
    assert "frei</span> 12:00–18:00" in page
    assert f"{reverse('coworking:book', args=[hub.slug])}?workspace={desk.pk}" in page


def test_grid_query_count_is_bounded_with_50_workspaces_and_10000_bookings(
    client, hub, django_assert_max_num_queries
):
    WorkspaceFactory(hub=hub, name="Erster")
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("coworking:availability", args=[hub.slug]))
    workspaces = Workspace.objects.bulk_create(
        Workspace(hub=hub, name=f"Platz {n}") for n in range(49)
    )
    bookings = []
    for ws in workspaces + [Workspace.objects.get(name="Erster")]:
        for day in range(100):  # 2 bookings a day for 100 days
            d = date(2026, 11, 24) + timedelta(days=day)
            bookings += [
                Booking(
                    workspace=ws,
                    name="x",
                    status="confirmed",
                    start=local_datetime(d, time(9)),
                    end=local_datetime(d, time(11)),
                ),
                Booking(
                    workspace=ws,
                    name="x",
                    status="confirmed",
                    start=local_datetime(d, time(13)),
                    end=local_datetime(d, time(15)),
                ),
            ]
    Booking.objects.bulk_create(bookings, batch_size=2000)
    assert Booking.objects.count() == 10000
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("coworking:availability", args=[hub.slug]))
    # Today has no bookings; the six days after it two each.
    assert response.text.count("belegt</span>") == 50 * 6 * 2


def test_hub_page_points_to_its_workspaces(client, desk, hub):
    page = client.get(hub.get_absolute_url()).text
    assert "1 Arbeitsplatz zum Buchen: Schreibtisch 1." in page
    assert reverse("coworking:availability", args=[hub.slug]) in page


def test_a_free_cell_opens_the_form_with_that_day_and_time_filled_in(member_client, desk, hub):
    import html
    import re

    grid = member_client.get(reverse("coworking:availability", args=[hub.slug])).text
    link = html.unescape(re.search(r'href="([^"]*/book/\?workspace=[^"]+)"', grid).group(1))
    page = member_client.get(link).text
    # The browser's date picker takes only ISO dates: 23.11.2026 would leave it empty.
    assert re.search(r'<input type="date" name="date" value="2026-11-23"', page), page
    assert 'name="start_time" value="08:30"' in page  # 08:00 now, 30 minutes' notice


def test_the_grid_never_offers_days_beyond_the_horizon(client, desk, hub):
    # The default horizon is 28 days: Monday 23 November + 28 = Monday 21 December.
    page = client.get(reverse("coworking:availability", args=[hub.slug]) + "?week=2026-12-19")
    assert "start=2026-12-21" in page.text  # the last bookable day is offered
    assert "start=2026-12-22" not in page.text
    assert "noch nicht buchbar (Buchungen bis 21.12. möglich)" in page.text


def test_weekly_repeats_are_offered_only_as_far_as_the_horizon(member_client, desk, hub):
    page = member_client.get(reverse("coworking:book", args=[hub.slug])).text
    assert 'max="5"' in page and "bis zu 5 Wochen" in page
    response = member_client.post(reverse("coworking:book", args=[hub.slug]), form(desk, weeks="6"))
    assert "weeks" in response.context["form"].errors
    assert not Booking.objects.exists()


def test_a_citizen_learns_who_may_book_before_filling_in_anything(client, hub, desk):
    from tests.factories import MemberProfileFactory

    citizen = UserFactory()
    MemberProfileFactory(user=citizen, group="citizen")
    client.force_login(citizen)
    grid = client.get(reverse("coworking:availability", args=[hub.slug])).text
    assert "Offen für: Verwaltungsbeschäftigte, Start-up, Unternehmen." in grid
    page = client.get(reverse("coworking:book", args=[hub.slug]))
    assert page.status_code == 403
    assert "ist offen für" in page.text and 'name="date"' not in page.text
    assert "Sie buchen laut Ihren Angaben als: Bürgerin oder Bürger." in page.text


def test_the_profile_form_has_no_preselected_empty_choice(member_client):
    page = member_client.get(reverse("coworking:profile")).text
    assert "---------" not in page


def test_cancelling_asks_once_then_moves_the_booking_to_cancelled(member_client, member, desk):
    booking = BookingFactory(workspace=desk, person=member, start=at(25, 9), end=at(25, 10))
    mine = member_client.get(reverse("coworking:mine")).text
    url = reverse("coworking:cancel", args=[booking.pk])
    assert f'href="{url}"' in mine  # a link to the question, not a one-click button
    question = member_client.get(url)
    assert "Der Platz wird für andere frei" in question.text
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED  # asking changed nothing
    member_client.post(url)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    mine = member_client.get(reverse("coworking:mine")).text
    upcoming, cancelled = mine.split("<h2", 2)[1], mine.split("Abgesagt</h2>")[1]
    assert "Mi, 25.11.2026, 09:00–10:00" in cancelled.split("<h2")[0]
    assert reverse("coworking:ics", args=[booking.pk]) not in mine  # no calendar link
    assert "Keine kommenden Buchungen." in upcoming


def _day_view(page):
    return page[page.index('id="day-view"') : page.index("portal-week-view")]


def test_phones_get_one_day_with_a_picker_for_the_seven_days(client, desk, hub):
    BookingFactory(workspace=desk, start=at(24, 10), end=at(24, 12))
    url = reverse("coworking:availability", args=[hub.slug])
    today = _day_view(client.get(url).text)
    # Seven day links, today (Monday) chosen; only today's cells are listed.
    assert today.count("portal-day-picker__day") == 7
    assert 'href="?week=2026-11-23&amp;day=2026-11-24#day-title"' in today
    assert 'aria-current="date"><span class="kern-label">Mo 23.11.' in today
    assert "Montag, 23. November 2026 (heute)" in today
    assert "Schreibtisch 1" in today and "belegt</span> 10:00–12:00" not in today
    tuesday = _day_view(client.get(url, {"week": "2026-11-23", "day": "2026-11-24"}).text)
    assert "Dienstag, 24. November 2026" in tuesday
    assert "belegt</span> 10:00–12:00" in tuesday and "frei</span> 12:00–18:00" in tuesday


def test_a_day_outside_the_week_or_garbled_falls_back_to_today(client, desk, hub):
    url = reverse("coworking:availability", args=[hub.slug])
    for day in ["2027-05-01", "gestern", ""]:
        response = client.get(url, {"day": day})
        assert response.status_code == 200
        assert "Montag, 23. November 2026 (heute)" in _day_view(response.text)


def test_each_skipped_date_of_a_weekly_repeat_has_its_own_true_reason(member_client, desk, hub):
    """Item 6: a taken date says taken, a closed day says closed, and the heading does
    not call them all "taken"."""
    from tests.factories import OpeningExceptionFactory

    BookingFactory(workspace=desk, start=local_datetime(date(2026, 12, 1), time(9)),
                   end=local_datetime(date(2026, 12, 1), time(10)))  # fmt: skip
    OpeningExceptionFactory(hub=hub, start_date=date(2026, 12, 8), end_date=date(2026, 12, 8),
                            reason="Betriebsausflug")  # fmt: skip
    response = member_client.post(
        reverse("coworking:book", args=[hub.slug]), form(desk, weeks="4", mode="free")
    )
    assert response.status_code == 302
    note = str(list(response.wsgi_request._messages)[-1])
    assert "weil belegt" not in note
    dec1, dec8 = note.split("; ")[0], note.split("; ")[1]
    assert "01.12.2026" in dec1 and "bereits gebucht" in dec1
    assert "08.12.2026" in dec8 and "Betriebsausflug" in dec8 and "gebucht" not in dec8
    assert Booking.objects.filter(person__isnull=False).count() == 2


def test_weekly_repeats_from_a_later_date_are_limited_by_the_horizon_from_today(
    member_client, desk, hub
):
    """From 15 December, with bookings open until 21 December, only one week fits:
    the form says so beside the field instead of refusing dates as "taken"."""
    response = member_client.post(
        reverse("coworking:book", args=[hub.slug]),
        form(desk, date="2026-12-15", weeks="3", mode="free"),
    )
    assert response.status_code == 400
    (error,) = response.context["form"].errors["weeks"]
    assert "bis 21.12.2026" in error and "nur diese eine Woche" in error
    assert not Booking.objects.exists()
