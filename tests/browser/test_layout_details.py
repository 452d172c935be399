"""Details a person notices on a phone and on a desktop: a checkbox's hint reads as a
sentence, a button keeps its distance from the next heading, messages stand apart."""

import pytest

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("screen")]


def test_my_account_reads_as_sentences_with_room_between_its_parts(page, demo):
    log_in(page, "buerger@demo.example")
    page.goto("/accounts/profile/")
    page.get_by_role("main").get_by_role("button", name="Speichern").click()
    page.wait_for_load_state()
    hint = page.locator(".kern-form-check .kern-hint").first.bounding_box()
    assert hint["width"] > 200, hint  # not one word per line
    button = page.get_by_role("main").get_by_role("button", name="Speichern").bounding_box()
    heading = page.get_by_role("heading", name="Meine Anmeldungen und Buchungen").bounding_box()
    assert heading["y"] - (button["y"] + button["height"]) >= 24
    # Two messages at once (saved twice): they stand apart.
    page.evaluate(
        """() => { const box = document.querySelector('.portal-messages');
                   box.appendChild(box.firstElementChild.cloneNode(true)); }"""
    )
    first, second = page.locator(".portal-messages > *").all()[:2]
    gap = second.bounding_box()["y"] - (first.bounding_box()["y"] + first.bounding_box()["height"])
    assert gap >= 8


def test_picking_a_day_on_a_phone_shows_its_free_times_at_once(page, demo, screen):
    from coworking.models import Workspace

    if screen != "phone":
        pytest.skip("wider screens show the whole week")
    hub = Workspace.objects.filter(active=True).first().hub
    page.goto(f"/coworking/{hub.slug}/")
    page.locator(".portal-day-picker__day").nth(2).click()
    page.wait_for_load_state()
    # KERN scrolls smoothly: wait until the day's heading has come near the top.
    page.wait_for_function(
        "() => { const top = document.getElementById('day-title').getBoundingClientRect().top;"
        " return top >= 0 && top < 100; }",
        timeout=5000,
    )
    first_free = page.locator(".portal-day-list .portal-slot--free").first.bounding_box()
    assert first_free["y"] < page.viewport_size["height"]  # a free time in sight


def test_a_hubs_week_reads_whole_on_a_phone(page, demo, screen):
    """Who is on site and what for: nothing cut mid-word in a table that scrolls."""
    page.goto("/hubs/einbeck/")
    hidden = page.evaluate(
        """() => [...document.querySelectorAll('.portal-table-wrap')]
                 .filter(w => w.querySelector('.portal-stack-phone'))
                 .map(w => w.scrollWidth - w.clientWidth)"""
    )
    assert hidden and max(hidden) <= 1, hidden
