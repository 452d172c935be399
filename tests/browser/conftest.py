"""Browser journeys in Debian's Chromium, driven by Playwright, against a live server.

Chromium comes from the Debian package (make test installs it when run as root);
Playwright never downloads a browser. Without Chromium these tests skip and say how to
enable them; under CI (CI=true) a missing browser is a failure.
"""

import os
from datetime import date, datetime, time, timedelta
from pathlib import Path

import holidays
import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM is used from
# the same thread by the tests and the live server, which is safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _require_browser():
    if CHROMIUM.exists():
        return
    message = (
        f"Chromium not found at {CHROMIUM}: install it with "
        "'sudo apt-get install chromium' (make test does this when run as root)"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True
        )
        yield instance
        instance.close()


@pytest.fixture(params=["desktop", "phone"])
def screen(request) -> str:
    """Journeys ask for this to run twice: at 1280 px and at 390 px."""
    return request.param


@pytest.fixture
def page(browser, live_server, request):
    phone = "screen" in request.fixturenames and request.getfixturevalue("screen") == "phone"
    context = browser.new_context(
        viewport=PHONE if phone else DESKTOP,
        locale="de-DE",
        timezone_id="Europe/Berlin",
        base_url=live_server.url,
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def a_quiet_wednesday() -> date:
    """The next Wednesday (from tomorrow on) whose Wednesday and Thursday are working days
    in both states and outside the demo Christmas closure, so journeys that book
    "tomorrow morning" find the hubs open."""
    day = date.today() + timedelta(days=1)
    while True:
        if day.weekday() == 2:
            days = [day, day + timedelta(days=1), day + timedelta(days=6)]
            free = all(
                d not in holidays.country_holidays("DE", subdiv=s, years=d.year)
                for d in days
                for s in ("NI", "SH")
            )
            christmas = any(
                (d.month, d.day) >= (12, 20) or (d.month, d.day) <= (1, 6) for d in days
            )
            if free and not christmas:
                return day
        day += timedelta(days=1)


@pytest.fixture
def wednesday_morning():
    """The portal's clock at 08:00 on a quiet Wednesday (the browser's clock is real;
    the date lies ahead, so cookies stay valid)."""
    import time_machine

    from hubportal.timeranges import LOCAL_TZ

    moment = datetime.combine(a_quiet_wednesday(), time(8), tzinfo=LOCAL_TZ)
    with time_machine.travel(moment, tick=True):
        yield moment


@pytest.fixture
def demo(transactional_db, wednesday_morning, settings):
    from django.core.management import call_command

    settings.DEBUG = True  # demo logins are only created in debug mode
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    settings.DEBUG = False
    return wednesday_morning


def check_accessibility(page) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    violations = results.response["violations"]
    assert violations == [], (
        page.url
        + "\n"
        + "\n".join(
            f"{v['id']}: {v['help']} – {[n['target'] for n in v['nodes']][:5]}" for v in violations
        )
    )


WIDE_ELEMENTS = """() => [...document.querySelectorAll("body *")]
  .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
  .slice(0, 8)
  .map((e) => `${e.tagName}.${e.className}#${e.id}`)"""


def shoot(page, name: str) -> None:
    """Screenshots at desktop and phone width, and axe on the page as it is. In a
    journey run at phone width: axe, the phone checks (for the admin's pages, whose
    type sizes are Django's, only that the page does not scroll sideways) and a
    screenshot of the page as the phone shows it at that step."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    if page.viewport_size["width"] == PHONE["width"]:
        if "/admin/" in page.url:
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], f"{page.url} is {width}px wide: " + str(
                page.evaluate(WIDE_ELEMENTS)
            )
            check_accessibility(page)
        else:
            check_phone(page)
        page.screenshot(path=str(SHOTS / f"{name}-journey-phone.png"), full_page=True)
        return
    check_accessibility(page)
    page.screenshot(path=str(SHOTS / f"{name}-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(SHOTS / f"{name}-phone.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def last_link(path_part: str) -> str:
    """The path of the newest emailed link containing `path_part`."""
    import re

    from django.core import mail

    for message in reversed(mail.outbox):
        for path in re.findall(r"https?://[^/\s]+(/\S*)", message.body):
            if path_part in path:
                return path
    raise AssertionError(f"no email with a link to {path_part}: {[m.subject for m in mail.outbox]}")


PHONE_CHECKS = """() => {
  const problems = [];
  const width = document.documentElement.scrollWidth;
  if (width > window.innerWidth) problems.push(`page is ${width}px wide`);
  for (const el of document.querySelectorAll("body *")) {
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") continue;
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;  // screen-reader-only text
    const text = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    // SVG text is drawn scaled: what the eye sees is its rendered height.
    const size = el instanceof SVGElement ? box.height : parseFloat(style.fontSize);
    const words = el.textContent.trim().slice(0, 40);
    if (text && size < 12) problems.push(`text ${size.toFixed(1)}px: ${words}`);
    const target = el.matches("button, select, input:not([type=hidden]), a.kern-btn");
    if (target && (box.height < 24 || box.width < 24))
      problems.push(`target ${box.width}x${box.height}: ${el.outerHTML.slice(0, 60)}`);
  }
  return problems.slice(0, 10);
}"""


def check_phone(page) -> None:
    """At phone width: no sideways page scroll, no text under 12 px, no control under
    24 x 24 px (WCAG 2.2, 2.5.8), and axe finds nothing."""
    problems = page.evaluate(PHONE_CHECKS)
    assert problems == [], page.url + "\n" + "\n".join(problems)
    check_accessibility(page)


_codes_used: dict[str, str] = {}


def log_in(page, email: str, password: str | None = None, start: str = "/accounts/login/"):
    """Log in through the form (reached from `start`); staff, advisors and the superuser
    then enter the code of their authenticator app (the demo's, or the factories')."""
    from playwright.sync_api import expect

    from hubs.demo_data import PASSWORD
    from hubs.demo_data import TOTP_SECRET as DEMO_SECRET
    from tests.factories import totp_code

    page.goto(start)
    page.get_by_label("E-Mail").fill(email)
    page.get_by_label("Passwort").fill(password or PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Anmeldung").click()
    page.wait_for_load_state()
    if "/2fa/authenticate/" in page.url:
        code = totp_code(DEMO_SECRET if email.endswith("@demo.example") else None)
        while _codes_used.get(email) == code:  # a code counts once: wait for the next
            page.wait_for_timeout(1000)
            code = totp_code(DEMO_SECRET if email.endswith("@demo.example") else None)
        _codes_used[email] = code
        page.get_by_label("Code", exact=True).fill(code)
        page.get_by_role("main").get_by_role("button", name="Anmeldung").click()
    expect(page.get_by_role("button", name="Abmelden")).to_be_visible()
