"""The advisor's private calendar: a window of 90 days back, no questions in it, and an
address its owner can renew; the same renewal for a member's booking calendar."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tests.calendars import assert_rfc7986
from tests.factories import AdvisorFactory, AppointmentFactory, MemberProfileFactory

pytestmark = pytest.mark.django_db


def events_of(response):
    return Calendar.from_ical(response.content).walk("VEVENT")


def test_the_advisor_feed_covers_90_days_back_and_keeps_questions_out(client, settings):
    settings.ADVISOR_FEED_DAYS_BACK = 90
    advisor = AdvisorFactory()
    now = timezone.now()
    for days in (-200, -30, 5):
        AppointmentFactory(
            advisor=advisor,
            start=now + timedelta(days=days),
            end=now + timedelta(days=days, hours=1),
            question="Unser Haushaltsloch ist vertraulich",
        )
    feed = client.get(reverse("funding:advisor_feed", args=[advisor.feed_token]))
    events = events_of(feed)
    assert len(events) == 2  # 30 days ago and in 5 days, not 200 days ago
    assert b"Haushaltsloch" not in feed.content
    assert_rfc7986(feed, "Meine Fördermittelberatungen")


def test_the_advisor_renews_the_address_and_the_old_one_stops(client):
    advisor = AdvisorFactory()
    old = advisor.feed_token
    client.force_login(advisor.user)
    page = client.get(reverse("funding:advisor")).text
    assert f"/funding/advisor/feed/{old}.ics" in page
    client.post(reverse("funding:advisor_feed_renew"))
    advisor.refresh_from_db()
    assert advisor.feed_token != old
    assert client.get(reverse("funding:advisor_feed", args=[old])).status_code == 404
    assert client.get(reverse("funding:advisor_feed", args=[advisor.feed_token])).status_code == 200


def test_a_member_renews_the_booking_calendar_address(client):
    profile = MemberProfileFactory()
    old = profile.feed_token
    client.force_login(profile.user)
    assert client.get(reverse("coworking:feed_renew")).status_code == 405  # only a POST
    response = client.post(reverse("coworking:feed_renew"), follow=True)
    assert "neue private Adresse" in response.text
    profile.refresh_from_db()
    assert profile.feed_token != old
    assert client.get(reverse("coworking:feed", args=[old])).status_code == 404


def test_nobody_renews_someone_elses_address(client):
    profile = MemberProfileFactory()
    old = profile.feed_token
    client.post(reverse("coworking:feed_renew"))  # anonymous: to the login
    profile.refresh_from_db()
    assert profile.feed_token == old
