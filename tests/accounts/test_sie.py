"""The portal says "Sie", on account pages and in account emails too.

django-allauth's German catalogue says "du"; locale_overrides/ replaces those texts.
Each page and email a person meets when signing up, logging in, confirming the
address, resetting or changing the password and signing out is rendered in German
and searched for the informal forms.
"""

import re
from html import unescape

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

INFORMAL = re.compile(
    r"\b(du|dein|deine|deinen|deinem|deiner|deines|dich|dir|dank dass du)\b", re.IGNORECASE
)


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", html))


def informal_words(text: str) -> list[str]:
    return INFORMAL.findall(text)


def link_in(message, fragment):
    return re.search(rf"https?://[^/\s]+(/\S*{fragment}\S*)", message.body).group(1)


def test_account_pages_and_emails_say_sie(client):
    pages = {}

    def visit(name, response):
        assert response.status_code in (200, 302), name
        if response.status_code == 200:
            pages[name] = visible_text(response.content.decode())

    visit("login", client.get(reverse("account_login")))
    visit("signup", client.get(reverse("account_signup")))
    visit(
        "signup with errors",
        client.post(
            reverse("account_signup"),
            {"email": "x@example.org", "password1": "Kurz-1a", "password2": "anders"},
        ),
    )
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
    visit("verification sent", client.get(reverse("account_email_verification_sent")))
    (confirmation,) = mail.outbox
    visit("confirm email", client.get(link_in(confirmation, "confirm-email")))
    visit("confirm email, broken link", client.get("/accounts/confirm-email/kaputt/"))

    visit("password reset", client.get(reverse("account_reset_password")))
    UserFactory(email="vergesslich@example.org")
    client.post(reverse("account_reset_password"), {"email": "vergesslich@example.org"})
    visit("password reset sent", client.get(reverse("account_reset_password_done")))
    reset = mail.outbox[-1]
    visit("password reset form", client.get(link_in(reset, "password/reset/key"), follow=True))
    client.post(reverse("account_reset_password"), {"email": "niemand@example.org"})
    unknown = mail.outbox[-1]

    user = UserFactory(email="angemeldet@example.org")
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    visit("password change", client.get(reverse("account_change_password")))
    visit("email addresses", client.get(reverse("account_email")))
    visit("sign out", client.get(reverse("account_logout")))
    visit("signed out", client.post(reverse("account_logout"), follow=True))

    emails = {
        "confirmation email": confirmation,
        "password reset email": reset,
        "reset for an unknown address": unknown,
    }
    found = {name: informal_words(text) for name, text in pages.items()}
    for name, message in emails.items():
        found[name] = informal_words(message.subject + "\n" + message.body)
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                found[name] += informal_words(visible_text(content))
    assert {name: words for name, words in found.items() if words} == {}
    assert len(pages) >= 12
