"""Journey 1: a citizen finds Einbeck, its themed evenings, registers as a guest,
confirms by the emailed link and cancels. Journey 5: the same with the keyboard alone."""

import re

import pytest
from playwright.sync_api import expect

from events.models import Registration

from .conftest import last_link, shoot

# Every journey runs twice: at 1280 px and at 390 px (the `screen` fixture).
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("screen")]


def test_citizen_registers_for_a_themed_evening_as_guest_and_cancels(page, demo):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Die Digital Hubs auf einen Blick")
    shoot(page, "j1-01-home")
    page.get_by_role("link", name="EIN.Lebens.raum – Digital Hub Einbeck").click()
    expect(page.get_by_text("Jetzt geschlossen, öffnet heute um 09:00")).to_be_visible()
    today = page.locator("tr[aria-current=date]")
    expect(today).to_contain_text("Smart-City-Team Einbeck 09:00–13:00")
    shoot(page, "j1-02-einbeck")

    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Veranstaltungen"
    ).click()
    page.get_by_label("Hub").select_option(label="EIN.Lebens.raum – Digital Hub Einbeck")
    page.get_by_text("Weitere Filter").click()  # the rarer filters are folded away
    page.get_by_label("Art").select_option(label="Themenabend")
    page.get_by_role("button", name="Filtern").click()
    expect(page).to_have_url(re.compile(r"hub=einbeck.*kind=themed_evening"))
    shoot(page, "j1-03-programme")
    page.get_by_role("link", name="Themenabend im EIN.Lebens.raum").first.click()

    page.get_by_label("Ihr Name").fill("Gerda Gast")
    page.get_by_label("Ihre E-Mail-Adresse").fill("gerda@example.org")
    shoot(page, "j1-04-event")
    page.get_by_role("button", name="Zur Veranstaltung anmelden", exact=True).click()
    expect(page.get_by_text("Fast geschafft")).to_be_visible()

    page.goto(last_link("/registration/confirm/"))
    shoot(page, "j1-05-confirm")
    page.get_by_role("button", name="Meine Anmeldung bestätigen").click()
    expect(page.get_by_text("Vielen Dank: Ihre Anmeldung ist bestätigt.")).to_be_visible()

    page.goto(last_link("/registration/cancel/"))
    page.get_by_role("button", name="Ja, meine Anmeldung stornieren").click()
    expect(page.get_by_text("Ihre Anmeldung wurde storniert.")).to_be_visible()
    shoot(page, "j1-06-cancelled")
    assert Registration.objects.get(email="gerda@example.org").status == "cancelled"


FOCUS_JS = """() => {
  const el = document.activeElement;
  const s = getComputedStyle(el);
  const label = el.getAttribute('aria-label') || el.innerText || el.value || el.name || '';
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  // Tab also stops on a date field's calendar button, inside the browser's own shadow
  // tree: the input is not :focus then, and the browser draws its focus ring itself.
  const pickerButton = el.type === 'date' && !el.matches(':focus');
  return {tag: el.tagName, id: el.id, label: label.trim().replace(/\\s+/g, ' ').slice(0, 100),
          visible: outline || s.boxShadow !== 'none' || pickerButton};
}"""


def tab_to(page, label: str = "", *, id: str = "", limit: int = 150) -> dict:  # noqa: A002
    """Press Tab until the focused element has this id or its name contains `label`;
    every stop on the way must show a visible focus indicator."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_JS)
        assert focused["visible"], f"focus not visible on {focused}"
        if (id and focused["id"] == id) or (not id and label in focused["label"]):
            return focused
    raise AssertionError(f"never reached {label or id!r} with Tab")


def test_the_same_journey_with_the_keyboard_alone(page, demo):
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUS_JS)["label"] == "Zum Inhalt springen"
    tab_to(page, "EIN.Lebens.raum – Digital Hub Einbeck")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "EIN.Lebens.raum – Digital Hub Einbeck"
    )
    tab_to(page, "Veranstaltungen")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Veranstaltungen")
    tab_to(page, id="id_hub")
    page.keyboard.type("EIN.")
    tab_to(page, "Weitere Filter")
    page.keyboard.press("Enter")
    tab_to(page, id="id_kind")
    page.keyboard.type("Themen")
    tab_to(page, "Filtern")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"hub=einbeck.*kind=themed_evening"))
    page.wait_for_load_state()
    tab_to(page, "Themenabend im EIN.Lebens.raum")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/events/\d+/"))
    page.wait_for_load_state()
    tab_to(page, id="id_name")
    page.keyboard.type("Karl Keyboard")
    page.keyboard.press("Tab")
    page.keyboard.type("karl@example.org")
    tab_to(page, "Zur Veranstaltung anmelden")
    page.keyboard.press("Space")
    expect(page.get_by_text("Fast geschafft")).to_be_visible()
    shoot(page, "j5-01-registered")

    page.goto(last_link("/registration/confirm/"))
    tab_to(page, "Meine Anmeldung bestätigen")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Vielen Dank: Ihre Anmeldung ist bestätigt.")).to_be_visible()
    page.wait_for_load_state()
    page.goto(last_link("/registration/cancel/"))
    tab_to(page, "Ja, meine Anmeldung stornieren")
    page.keyboard.press("Space")
    expect(page.get_by_text("Ihre Anmeldung wurde storniert.")).to_be_visible()
    shoot(page, "j5-02-cancelled")
    assert Registration.objects.get(email="karl@example.org").status == "cancelled"
