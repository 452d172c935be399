"""The showroom's 3D viewer in a real browser: served by the portal, the model loads,
a keyboard turns it, its description is its text alternative, and the page's
Content-Security-Policy refuses nothing it needs."""

import re

import pytest
from playwright.sync_api import expect

from showroom.models import Exhibit

from .conftest import shoot

pytestmark = pytest.mark.django_db(transaction=True)
THETA = "() => document.querySelector('model-viewer').getCameraOrbit().theta"


def test_the_3d_model_loads_and_turns_with_the_arrow_keys(page, demo):
    exhibit = Exhibit.objects.get(hub__slug="oldenburg-in-holstein")
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(exhibit.get_absolute_url())
    viewer = page.locator("model-viewer")
    expect(viewer).to_have_attribute("alt", re.compile("Stadttor"))
    expect(page.locator("#exhibit-description")).to_contain_text("zwei Türme")
    page.wait_for_function("() => document.querySelector('model-viewer').loaded")

    page.get_by_role("heading", level=1).click()
    for _ in range(10):  # Tab from the heading to the viewer, as a keyboard user would
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "MODEL-VIEWER":
            break
    assert page.evaluate("document.activeElement.tagName") == "MODEL-VIEWER"
    before = page.evaluate(THETA)
    for _ in range(4):
        page.keyboard.press("ArrowLeft")
    page.wait_for_function(f"() => ({THETA[6:]}) !== {before}")
    shoot(page, "showroom-exhibit")
    assert problems == []
