"""axe-core on every public and account page, in German and in English, and the print
style sheet. Adding a page to the checks is one line in PUBLIC or ACCOUNT."""

import re

import pytest
from playwright.sync_api import expect

from coworking.models import Booking
from events.models import Event
from funding.models import Appointment, FundingProgramme, Mode
from showroom.models import Exhibit
from tests.factories import RegistrationFactory

from .conftest import PHONE, check_accessibility, check_phone, log_in, shoot

pytestmark = pytest.mark.django_db(transaction=True)

# Paths as functions of the demo data, so links to objects stay valid.
PUBLIC = [
    lambda d: "/",
    lambda d: "/hubs/",
    lambda d: "/hubs/?state=SH",
    lambda d: "/hubs/einbeck/",
    lambda d: "/events/",
    lambda d: "/events/?hub=einbeck&kind=themed_evening",
    lambda d: Event.objects.filter(hybrid=True).first().get_absolute_url(),
    lambda d: "/events/archive/",
    lambda d: "/coworking/",
    lambda d: "/coworking/oldenburg-in-holstein/",
    lambda d: "/funding/",
    lambda d: "/funding/?place=hub%3Aoldenburg-in-holstein&minutes=60",
    lambda d: "/funding/programmes/",
    lambda d: FundingProgramme.objects.first().get_absolute_url(),
    lambda d: "/figures/",
    lambda d: "/hubs/oldenburg-in-holstein/showroom/",
    lambda d: Exhibit.objects.first().get_absolute_url(),
    lambda d: "/pages/accessibility/",
    lambda d: "/pages/imprint/",
    lambda d: "/pages/privacy/",
    lambda d: "/pages/plain-language/",
    lambda d: "/accounts/login/",
    lambda d: "/accounts/signup/",
    lambda d: "/accounts/password/reset/",
]
ACCOUNT = [  # as the demo citizen, who has a booking request and a registration
    lambda d: "/accounts/profile/",
    lambda d: "/accounts/email/",
    lambda d: "/accounts/password/change/",
    lambda d: "/events/mine/",
    lambda d: "/coworking/mine/",
    lambda d: "/coworking/profile/",
    lambda d: "/coworking/oldenburg-in-holstein/book/",
    lambda d: f"/coworking/booking/{Booking.objects.first().pk}/",
    lambda d: "/funding/appointments/",
    lambda d: Appointment.objects.first().get_absolute_url(),
    lambda d: "/accounts/2fa/",
    lambda d: "/accounts/sessions/",
]
ADVISOR = [
    lambda d: "/funding/advisor/",
    lambda d: "/funding/advisor/availability/",
    lambda d: f"/funding/advisor/appointments/{Appointment.objects.first().pk}/",
]


def citizen_data(demo):
    """Give the demo citizen something to see on every account page."""
    from django.contrib.auth import get_user_model

    from funding import services as funding
    from funding.models import Advisor
    from tests.factories import RegistrationFactory

    citizen = get_user_model().objects.get(email="buerger@demo.example")
    RegistrationFactory(
        event=Event.objects.filter(hub__slug="einbeck").first(),
        person=citizen,
        email=citizen.email,
        name=citizen.name,
    )
    advisor = Advisor.objects.get(public_name="Dana Dataport")
    from funding.slots import advisors_for, free_slots

    (slot, *_rest) = free_slots(
        advisors=advisors_for(remote=True, pk=advisor.pk), length=60, first_day=demo.date(), days=14
    )
    funding.appointment_request(
        advisor=advisor,
        start=slot.start,
        minutes=60,
        mode=Mode.VIDEO,
        person=citizen,
        organisation="Sportverein Einbeck",
        question="Neue Flutlichtanlage",
        role="Kassenwart",
    )


@pytest.mark.parametrize("language", ["", "/en"])
def test_public_pages_have_no_axe_violations(page, demo, language):
    for path in PUBLIC:
        page.goto(language + path(demo))
        check_accessibility(page)


@pytest.mark.parametrize("language", ["", "/en"])
def test_account_and_advisor_pages_have_no_axe_violations(page, demo, language):
    citizen_data(demo)
    log_in(page, "buerger@demo.example")
    for path in ACCOUNT:
        page.goto(language + path(demo))
        check_accessibility(page)
    page.get_by_role("button", name=re.compile("Abmelden|Log out")).click()
    log_in(page, "beratung@demo.example")
    for path in ADVISOR:
        page.goto(language + path(demo))
        check_accessibility(page)


def test_a_form_with_errors_stays_accessible(page, demo):
    page.goto("/accounts/signup/")
    page.get_by_label("E-Mail").fill("kein-at")
    page.get_by_role("main").get_by_role("button", name="Registrieren").click()
    expect(page.locator("[aria-invalid=true]").first).to_be_visible()
    shoot(page, "a11y-signup-errors")


def test_hub_hours_and_programme_print_cleanly(page, demo):
    page.goto("/hubs/einbeck/")
    page.emulate_media(media="print")
    expect(page.locator(".portal-header")).to_be_hidden()
    expect(page.locator(".portal-footer")).to_be_hidden()
    expect(page.get_by_role("table").first).to_be_visible()
    page.pdf(path=str(_artifact("print-einbeck.pdf")))
    page.goto("/events/")
    expect(page.locator("form[role=search]")).to_be_hidden()
    expect(page.locator(".kern-card").first).to_be_visible()
    page.pdf(path=str(_artifact("print-programme.pdf")))


def _artifact(name):
    from .conftest import SHOTS

    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS / name


@pytest.mark.parametrize("language", ["", "/en"])
def test_public_pages_work_on_a_phone(page, demo, language):
    page.set_viewport_size(PHONE)
    for n, path in enumerate(PUBLIC):
        page.goto(language + path(demo))
        page.screenshot(
            path=str(_artifact(f"phone{language.replace('/', '-')}-{n:02d}.png")), full_page=True
        )
        check_phone(page)


@pytest.mark.parametrize("language", ["", "/en"])
def test_account_and_advisor_pages_work_on_a_phone(page, demo, language):
    citizen_data(demo)
    page.set_viewport_size(PHONE)
    log_in(page, "buerger@demo.example")
    for n, path in enumerate(ACCOUNT):
        page.goto(language + path(demo))
        page.screenshot(
            path=str(_artifact(f"phone-account{language.replace('/', '-')}-{n:02d}.png")),
            full_page=True,
        )
        check_phone(page)
    page.get_by_role("button", name=re.compile("Abmelden|Log out")).click()
    log_in(page, "beratung@demo.example")
    for path in ADVISOR:
        page.goto(language + path(demo))
        check_phone(page)


SECOND_FACTOR = [  # as the demo advisor, who has an authenticator app and recovery codes
    "/accounts/2fa/",
    "/accounts/2fa/recovery-codes/",
    "/accounts/2fa/webauthn/add/",
]
STAFF = ["/admin/", "/admin/record-of-processing/", "/admin/figures/"]  # as Einbeck's hub staff


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_second_factor_and_staff_pages_are_accessible_on_desktop_and_phone(page, demo, size):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from django.contrib.auth import get_user_model

    from hubs.demo_data import PASSWORD

    RecoveryCodes.activate(get_user_model().objects.get(email="beratung@demo.example"))
    if size == "phone":  # shoot() then checks as a phone: no sideways scroll, sizes
        page.set_viewport_size(PHONE)
    log_in(page, "beratung@demo.example")
    for path in SECOND_FACTOR:
        page.goto(path)
        if "/reauthenticate/" in page.url:  # the password once more before these pages
            shoot(page, f"a11y-{size}-reauthenticate")
            page.get_by_label("Passwort").fill(PASSWORD)
            page.get_by_role("main").get_by_role("button").first.click()
            page.wait_for_load_state()
        assert page.url.endswith(path), page.url
        shoot(page, f"a11y-{size}-{path.strip('/').replace('/', '-')}")
    page.get_by_role("button", name="Abmelden").click()
    log_in(page, "team-einbeck@demo.example")
    for path in STAFF:
        page.goto(path)
        shoot(page, f"a11y-{size}-{path.strip('/').replace('/', '-')}")
    # The attendee list with its check-in, as staff use it at the door on a phone.
    event = Event.objects.filter(hub__slug="einbeck", status="published").order_by("start").first()
    RegistrationFactory(event=event, name="Gerda Gast", email="gerda@example.org")
    page.goto(f"/admin/events/event/{event.pk}/attendees/")
    shoot(page, f"a11y-{size}-attendees")
