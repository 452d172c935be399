"""Staff, advisors and superusers: the admin's login is allauth's (limited, with the
second factor), no staff page opens without a second factor, sessions end when idle."""

from datetime import date

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.clock import at
from tests.factories import PASSWORD, AdvisorFactory, UserFactory, totp_code

pytestmark = pytest.mark.django_db

ADMIN = "/admin/"
MONDAY = at(date(2026, 11, 23), 9)


def log_in(client, email, password=PASSWORD, next_url=ADMIN):
    return client.post(
        f"{reverse('account_login')}?next={next_url}", {"login": email, "password": password}
    )


def test_the_admin_login_is_the_portal_login(client, superuser):
    response = client.get("/admin/login/?next=/admin/hubs/hub/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Fhubs%2Fhub%2F"
    # The admin's own password form takes nothing: a POST to it logs nobody in.
    client.post("/admin/login/", {"username": superuser.email, "password": "pw-admin-123"})
    assert client.get(ADMIN).status_code == 302


def test_wrong_passwords_for_the_superuser_stop_guessing_but_not_the_superuser(client, superuser):
    for _ in range(6):
        assert log_in(client, superuser.email, "wrong-password").status_code == 200
    assert "Zu viele" in log_in(client, superuser.email, "wrong-again").text
    # The right password leads on to the second factor only (issue 27, item 13).
    right = log_in(client, superuser.email, "pw-admin-123")
    assert right.status_code == 302 and right["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    assert client.get(ADMIN).status_code == 302


def test_a_password_alone_does_not_open_the_admin(client, superuser):
    response = log_in(client, superuser.email, "pw-admin-123")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_authenticate"))
    assert client.get(ADMIN).status_code == 302  # not yet logged in
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200 and client.get(ADMIN).status_code == 302
    done = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert done.status_code == 302 and done["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200


def test_staff_without_a_second_factor_are_sent_to_set_one_up(client, staff_einbeck):
    Authenticator.objects.filter(user=staff_einbeck).delete()
    client.force_login(staff_einbeck)
    response = client.get(ADMIN)
    assert response.status_code == 302 and response["Location"] == reverse("mfa_index")
    page = client.get(reverse("mfa_index")).text
    assert "zweiten Faktor" in page
    # Deny by default (issue 27): every other page waits for the second factor too;
    # logging out and the legal pages do not.
    assert client.get("/").status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 302
    assert client.get(reverse("pages:page", args=["impressum"])).status_code in (200, 404)
    assert client.post(reverse("account_logout")).status_code == 302
    assert client.get(ADMIN)["Location"] != reverse("mfa_index")  # logged out now


def test_advisors_need_the_second_factor_for_their_workspace(client):
    advisor = AdvisorFactory(second_factor=False)
    client.force_login(advisor.user)
    response = client.get(reverse("funding:advisor"))
    assert response.status_code == 302 and response["Location"] == reverse("mfa_index")
    citizen = UserFactory()
    client.force_login(citizen)
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_privileged_accounts_cannot_remove_their_last_second_factor(client, superuser):
    from allauth.mfa.adapter import get_adapter

    totp = Authenticator.objects.get(user=superuser, type=Authenticator.Type.TOTP)
    assert not get_adapter().can_delete_authenticator(totp)
    citizen = UserFactory()
    from tests.factories import with_second_factor

    with_second_factor(citizen)
    own = Authenticator.objects.get(user=citizen, type=Authenticator.Type.TOTP)
    assert get_adapter().can_delete_authenticator(own)


def test_a_staff_session_ends_after_the_idle_time_and_with_the_browser(
    client, staff_einbeck, settings
):
    settings.STAFF_SESSION_IDLE_MINUTES = 30
    with time_machine.travel(MONDAY, tick=False) as clock:
        client.force_login(staff_einbeck)
        assert client.get(ADMIN).status_code == 200
        assert client.session.get_expire_at_browser_close()  # no "remember me" for staff
        clock.shift(29 * 60)
        assert client.get(ADMIN).status_code == 200
        clock.shift(31 * 60)
        response = client.get(ADMIN)
        assert response.status_code == 302
        assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"
        assert "_auth_user_id" not in client.session


def test_a_citizen_keeps_a_remembered_session(client, settings):
    citizen = UserFactory()
    response = client.post(
        reverse("account_login"),
        {"login": citizen.email, "password": PASSWORD, "remember": "on"},
    )
    assert response.status_code == 302
    client.get("/")
    assert not client.session.get_expire_at_browser_close()


def test_everyone_sees_their_sessions_and_can_end_the_others(client):
    from django.test import Client

    citizen = UserFactory()
    other_device = Client()
    for c in (client, other_device):
        log_in(c, citizen.email, next_url="/")
        c.get("/")
    page = client.get(reverse("usersessions_list"))
    assert page.status_code == 200
    client.post(reverse("usersessions_list"), {"action": "end"})
    assert other_device.get(reverse("accounts:profile")).status_code == 302


def test_my_sessions_notes_the_last_request_to_the_minute_and_a_new_browser_at_once(client):
    from allauth.usersessions.models import UserSession

    citizen = UserFactory()
    with time_machine.travel(MONDAY, tick=False) as clock:
        log_in(client, citizen.email, next_url="/")
        client.get("/")
        (session,) = UserSession.objects.filter(user=citizen)
        seen = session.last_seen_at
        clock.shift(30)
        client.get("/")  # within the minute: no write
        session.refresh_from_db()
        assert session.last_seen_at == seen
        client.get("/", HTTP_USER_AGENT="Firefox auf dem Diensthandy")
        session.refresh_from_db()
        assert session.user_agent == "Firefox auf dem Diensthandy"  # a new browser: at once
        clock.shift(61)
        client.get("/", HTTP_USER_AGENT="Firefox auf dem Diensthandy")
        session.refresh_from_db()
        assert session.last_seen_at > seen


def test_the_second_factor_offers_no_security_key_to_an_account_without_one(client):
    """An account with its app's code only is not sent looking for a key it never had
    (tests/browser/test_security_key.py logs in with a key where there is one)."""
    staff = UserFactory(email="team@wilster.example", is_staff=True)
    page = client.get(log_in(client, staff.email)["Location"]).text  # the factories' TOTP
    assert "Code" in page and "Sicherheitsschlüssel" not in page
