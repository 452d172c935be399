"""A staff member adds a security key (WebAuthn) and logs in with it instead of the
app's code. Chromium's virtual authenticator stands in for the key: no device and no
network needed."""

import re

import pytest
from playwright.sync_api import expect

from hubs.demo_data import PASSWORD

from .conftest import log_in

pytestmark = [pytest.mark.django_db(transaction=True)]


def test_staff_add_a_security_key_and_log_in_with_it(page, demo, settings):
    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True  # the test server speaks http
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    log_in(page, "team-einbeck@demo.example")
    page.goto("/accounts/2fa/webauthn/add/")
    if "reauthenticate" in page.url:
        page.get_by_label("Passwort").fill(PASSWORD)
        page.get_by_role("main").get_by_role("button").first.click()
        page.wait_for_load_state()
    page.get_by_label("Name").fill("Schlüssel am Bund")
    page.locator("#mfa_webauthn_add").click()
    # The first key comes with recovery codes for a lost key.
    expect(page.get_by_role("heading", name="Wiederherstellungscodes")).to_be_visible()
    page.goto("/accounts/2fa/webauthn/")
    expect(page.get_by_text("Schlüssel am Bund")).to_be_visible()

    page.get_by_role("navigation").get_by_role("button", name="Abmelden").click()
    if page.get_by_role("heading", name="Abmelden").count():
        page.get_by_role("main").get_by_role("button", name="Abmelden").click()
    page.goto("/admin/")
    page.get_by_label("E-Mail").fill("team-einbeck@demo.example")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Anmeldung").click()
    expect(page).to_have_url(re.compile(r"/2fa/authenticate/"))
    page.locator("#mfa_webauthn_authenticate").click()
    expect(page.locator("#cockpit")).to_contain_text("EIN.Lebens.raum")
