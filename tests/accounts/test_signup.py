"""Sign-up by email with mandatory verification, in the portal's look."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_signup_requires_confirming_the_email_before_login(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "gruender@example.org",
            "password1": "Sonnen-Blume-42",
            "password2": "Sonnen-Blume-42",
            "first_name": "Greta",
            "last_name": "Gründerin",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["gruender@example.org"]

    # Not verified yet: logging in leads to the "check your email" page, not in.
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": "gruender@example.org", "password": "Sonnen-Blume-42"}
    )
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session

    link = re.search(r"https?://[^/]+(/\S+/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    assert client.get(link).status_code == 200
    response = client.post(link)
    assert response.status_code == 302
    assert client.session.get("_auth_user_id")


def test_signup_remembers_the_language_for_emails(client):
    client.post(
        "/en/accounts/signup/",
        {
            "email": "founder@example.org",
            "password1": "Sonnen-Blume-42",
            "password2": "Sonnen-Blume-42",
            "first_name": "Greta",
            "last_name": "Gründerin",
        },
    )
    from django.contrib.auth import get_user_model

    assert get_user_model().objects.get(email="founder@example.org").language == "en"


def test_signup_errors_are_shown_next_to_the_field_in_german_and_input_is_kept(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "kein-at-zeichen", "password1": "Sonnen-Blume-42", "password2": "anders"},
    )
    assert response.status_code == 200
    page = response.text
    assert "Bitte prüfen Sie Ihre Eingaben." in page
    assert 'aria-invalid="true"' in page
    assert 'value="kein-at-zeichen"' in page
    assert "kern-error" in page
    assert "E-Mail" in page  # allauth's German labels


def test_login_page_uses_the_portal_layout(client):
    page = client.get(reverse("account_login")).text
    assert '<html lang="de">' in page
    assert "kern-form-input__input" in page
    assert "Zum Inhalt springen" in page


def test_verified_user_logs_in_with_email(client):
    user = UserFactory(email="clerk@malente.example")
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_profile_changes_name_and_language(client):
    user = UserFactory(name="Alt")
    client.force_login(user)
    response = client.post(reverse("accounts:profile"), {"name": "Neu Name", "language": "en"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.name, user.language) == ("Neu Name", "en")


def test_profile_needs_login(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_account_emails_go_through_the_outbox_in_the_portals_layout(client, smtp_sink):
    from notifications.models import Message

    client.post(
        reverse("account_signup"),
        {
            "email": "neu@example.org",
            "password1": "Sonnen-Blume-42",
            "password2": "Sonnen-Blume-42",
            "first_name": "Greta",
            "last_name": "Gründerin",
        },
    )
    message = Message.objects.get(recipient="neu@example.org")
    assert message.kind == "accounts.email_confirmation_signup"
    assert message.status == Message.Status.SENT and message.language == "de"
    assert "E-Mail-Adresse" in message.subject
    (sent,) = smtp_sink.messages
    parts = {p.get_content_type(): p for p in sent.walk()}
    html = parts["text/html"].get_content()
    assert "Digital Hubs" in html and "/accounts/confirm-email/" in html
    assert sent["Message-ID"] == f"<outbox-{message.pk}@127.0.0.1>"
    # The portal by its name, not by the host it happens to run on.
    assert "ein Konto bei Digital Hubs" in " ".join(message.body_text.split())
    assert "testserver" not in message.subject


def test_signup_asks_for_first_and_last_name_and_emails_use_it(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "ohne-name@example.org",
            "password1": "Sonnen-Blume-42",
            "password2": "Sonnen-Blume-42",
        },
    )
    assert response.status_code == 200
    assert 'name="first_name"' in response.text and 'aria-invalid="true"' in response.text
    client.post(
        reverse("account_signup"),
        {
            "first_name": "Greta",
            "last_name": "Gründerin",
            "organisation": "Küstenkraft UG",
            "email": "greta@example.org",
            "password1": "Sonnen-Blume-42",
            "password2": "Sonnen-Blume-42",
        },
    )
    from django.contrib.auth import get_user_model

    greta = get_user_model().objects.get(email="greta@example.org")
    assert (greta.name, greta.organisation) == ("Greta Gründerin", "Küstenkraft UG")
    assert mail.outbox[-1].body.startswith("Guten Tag Greta Gründerin,")


def test_an_account_without_a_name_is_asked_once_after_login(client):
    nameless = UserFactory(email="alt@example.org", name="")
    response = client.post(
        reverse("account_login") + "?next=/events/",
        {"login": nameless.email, "password": PASSWORD},
    )
    assert response["Location"] == reverse("accounts:name") + "?next=%2Fevents%2F"
    page = client.get(response["Location"])
    assert "Wie dürfen wir Sie ansprechen?" in page.text
    refused = client.post(response["Location"], {"first_name": "Alma", "last_name": ""})
    assert refused.status_code == 400 and 'value="Alma"' in refused.text
    done = client.post(response["Location"], {"first_name": "Alma", "last_name": "Altkonto"})
    assert done["Location"] == "/events/"
    nameless.refresh_from_db()
    assert nameless.name == "Alma Altkonto"
    client.logout()
    again = client.post(reverse("account_login"), {"login": nameless.email, "password": PASSWORD})
    assert reverse("accounts:name") not in again["Location"]


def test_advisors_find_their_consultations_in_the_main_navigation(client):
    from tests.factories import AdvisorFactory

    advisor = AdvisorFactory()
    client.force_login(advisor.user)
    nav = client.get("/").text.split('aria-label="Hauptnavigation"')[1].split("</nav>")[0]
    assert f'href="{reverse("funding:advisor")}"' in nav and "Meine Beratungen" in nav
    client.force_login(UserFactory())
    assert reverse("funding:advisor") not in client.get("/").text
