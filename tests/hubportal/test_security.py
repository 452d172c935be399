"""Protections a public body owes its users: headers, limits per client behind the
proxy, links that end, and the admin's "view on site" kept to the staff's hubs."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from coworking import services as coworking_services
from coworking import tokens as coworking_tokens
from events import services as event_services
from events import tokens as event_tokens
from events.models import Event
from funding import tokens as funding_tokens
from tests.factories import (
    AppointmentFactory,
    BookingFactory,
    EventFactory,
    RegistrationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_every_page_says_which_browser_features_it_never_uses(client):
    policy = client.get("/").headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


def test_anonymous_posts_are_limited_per_client_not_per_proxy(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "anonymous_post": "5/m/ip"}

    def post(client_address):
        return client.post(
            reverse("account_login"),
            {"login": "nobody@example.org", "password": "x"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=client_address,
        )

    assert all(post("198.51.100.1").status_code != 429 for _ in range(5))
    limited = post("198.51.100.1")
    assert limited.status_code == 429
    assert "Zu viele Versuche" in limited.text
    assert post("198.51.100.2").status_code != 429  # the next citizen behind the proxy


def test_without_the_proxy_setting_everyone_behind_it_shares_one_budget(client, settings):
    """Why TRUSTED_PROXY_COUNT matters: unset, the proxy's address is everybody's."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "anonymous_post": "3/m/ip"}
    for n in range(3):
        client.post(
            "/accounts/login/", {}, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"1.1.1.{n}"
        )
    other = client.post(
        "/accounts/login/", {}, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="9.9.9.9"
    )
    assert other.status_code == 429


def test_failed_logins_lock_one_account_not_everyone(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    victim, bystander = UserFactory(), UserFactory()
    for n in range(6):
        client.post(
            reverse("account_login"),
            {"login": victim.email, "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )
    ok = client.post(
        reverse("account_login"),
        {"login": bystander.email, "password": "correct-horse-battery"},
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )
    assert ok.status_code == 302


def test_a_cancel_link_stops_working_after_the_cancel_and_shows_nobody(client):
    booking = BookingFactory(name="Paula Privat")
    link = reverse("coworking:cancel_link", args=[coworking_tokens.CANCEL.make(booking)])
    assert client.get(link).status_code == 200
    coworking_services.booking_cancel(booking=booking)
    gone = client.get(link)
    assert gone.status_code == 410
    assert "Paula Privat" not in gone.text and "Dieser Link gilt nicht mehr" in gone.text
    assert client.post(link).status_code == 410


def test_manage_links_end_a_week_after_the_appointment(client, settings):
    settings.SIGNED_LINK_GRACE_DAYS = 7
    appointment = AppointmentFactory(question="Streng vertraulich: unser Haushaltsloch")
    link = reverse("funding:manage", args=[funding_tokens.MANAGE.make(appointment)])
    assert client.get(link).status_code == 200
    with time_machine.travel(appointment.end + timedelta(days=6)):
        assert client.get(link).status_code == 200
    with time_machine.travel(appointment.end + timedelta(days=8)):
        ended = client.get(link)
    assert ended.status_code == 410 and "Haushaltsloch" not in ended.text


def test_a_registration_link_ends_with_the_cancel(client):
    registration = RegistrationFactory(name="Rita Rückzug")
    link = reverse("events:cancel", args=[event_tokens.MANAGE.make(registration)])
    assert client.get(link).status_code == 200
    event_services.registration_cancel(registration=registration)
    ended = client.get(link)
    assert ended.status_code == 410 and "Rita Rückzug" not in ended.text


def test_view_on_site_opens_only_what_the_staff_members_admin_shows(
    client, staff_einbeck, einbeck, oldenburg
):
    staff_client = client
    staff_client.force_login(staff_einbeck)
    draft = EventFactory(hub=oldenburg, status=Event.Status.DRAFT, title="Geheimer Entwurf")
    own = EventFactory(hub=einbeck)
    ct = ContentType.objects.get_for_model(Event).pk
    assert staff_client.get(f"/admin/r/{ct}/{draft.pk}/").status_code == 404
    mine = staff_client.get(f"/admin/r/{ct}/{own.pk}/")
    assert mine.status_code == 302 and own.get_absolute_url() in mine["Location"]
    assert staff_client.get(f"/admin/r/{ct}/abc/").status_code == 404
    assert staff_client.get(f"/admin/r/abc/{own.pk}/").status_code == 404


def test_view_on_site_for_a_superuser_still_works(client, superuser, oldenburg):
    client.force_login(superuser)
    event = EventFactory(hub=oldenburg, start=timezone.now() + timedelta(days=2))
    ct = ContentType.objects.get_for_model(Event).pk
    assert client.get(f"/admin/r/{ct}/{event.pk}/").status_code == 302


@pytest.mark.parametrize(
    "url_name", ["events:mine", "coworking:mine", "funding:mine", "accounts:profile"]
)
def test_a_persons_own_pages_are_kept_by_no_browser_or_proxy(client, url_name):
    """Issue 27, item 10: a hub's shared computer keeps nothing after the person left."""
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives


def test_pages_opened_by_a_signed_link_are_kept_by_nobody(client):
    booking = BookingFactory(name="Paula Privat")
    appointment = AppointmentFactory()
    registration = RegistrationFactory(name="Rita Rückzug")
    for link in (
        reverse("coworking:cancel_link", args=[coworking_tokens.CANCEL.make(booking)]),
        reverse("funding:manage", args=[funding_tokens.MANAGE.make(appointment)]),
        reverse("events:cancel", args=[event_tokens.MANAGE.make(registration)]),
    ):
        response = client.get(link)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"], link
    public = client.get(reverse("hubs:list"))
    assert "no-store" not in public.get("Cache-Control", "")  # public pages stay cacheable


def test_a_staff_session_ends_ten_hours_after_login_however_busy(client, settings):
    from datetime import date

    from tests.clock import at
    from tests.factories import UserFactory

    settings.STAFF_SESSION_MAX_HOURS = 10
    staff = UserFactory(is_staff=True, is_superuser=True)
    with time_machine.travel(at(date(2026, 11, 24), 7), tick=False) as clock:
        client.force_login(staff)
        client.get("/admin/")  # a login through the form starts the clock the same way
        for _ in range(20):  # a busy day: a page every 29 minutes, never idle
            clock.shift(29 * 60)
            assert client.get("/admin/").status_code == 200  # up to 9 h 40 min
        clock.shift(29 * 60)  # 10 h 9 min after the login
        response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


def _strangers_guess(client, email, times=6):
    for n in range(times):
        client.post(
            reverse("account_login"),
            {"login": email, "password": f"wrong-{n}"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )


def test_strangers_cannot_lock_out_staff_who_have_a_second_factor(client, settings):
    """Issue 27, item 13: six wrong passwords by others locked the account for five
    minutes; the right password and the second factor now get through."""
    from tests.factories import PASSWORD, UserFactory, totp_code

    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    staff = UserFactory(is_staff=True)  # with the authenticator app
    _strangers_guess(client, staff.email)
    wrong = client.post(
        reverse("account_login"),
        {"login": staff.email, "password": "still-wrong"},
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    assert wrong.status_code == 200 and "Zu viele" in wrong.text  # guessing stays stopped
    right = client.post(
        reverse("account_login"),
        {"login": staff.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.21",
    )
    assert right.status_code == 302 and right["Location"] == reverse("mfa_authenticate")
    done = client.post(
        reverse("mfa_authenticate"), {"code": totp_code()}, HTTP_X_FORWARDED_FOR="198.51.100.21"
    )
    assert done.status_code == 302 and client.get("/admin/").status_code == 200


def test_a_person_without_a_second_factor_is_told_how_to_lift_the_block(client, settings):
    from tests.factories import PASSWORD, UserFactory

    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    person = UserFactory()
    _strangers_guess(client, person.email)
    blocked = client.post(
        reverse("account_login"),
        {"login": person.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.30",
    )
    assert blocked.status_code == 200
    assert "Passwort vergessen" in blocked.text and "sofort" in blocked.text
