"""Who may open what: eight roles against every URL of the portal's own apps and the
admin pages of each scoped model; what they may do (POST) is in test_role_actions.py.
A URL added without a line in either fails the last test here.

Roles: anonymous, the citizen who owns the items, another citizen, Einbeck's staff
(the items' hub), Oldenburg's staff, the items' advisor, another advisor, superuser.
Outcomes: "ok" (the page), "login" (sent to log in), "no" (404/403, or for the admin
sent to the admin's login, which refuses non-staff)."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import get_resolver, reverse
from django.utils import timezone

from events.models import Event
from hubs import services as hub_services
from tests.factories import (
    AdvisorFactory,
    AppointmentFactory,
    BookingFactory,
    EventFactory,
    HubFactory,
    MemberProfileFactory,
    RegistrationFactory,
    UserFactory,
    WorkspaceFactory,
    with_second_factor,
)

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "citizen",
    "other citizen",
    "hub staff",
    "other hub staff",
    "advisor",
    "other advisor",
    "superuser",
]
ALL = set(ROLES) - {"anonymous"}
STAFF = {"hub staff", "superuser"}


def the_people(einbeck, oldenburg):
    """The seven roles with an account: {role: user}, and the two advisors."""
    users = {
        "citizen": UserFactory(),
        "other citizen": UserFactory(),
        "hub staff": UserFactory(),
        "other hub staff": UserFactory(),
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }
    hub_services.hub_staff_add(hub=einbeck, user=users["hub staff"])
    hub_services.hub_staff_add(hub=oldenburg, user=users["other hub staff"])
    for role in ("hub staff", "other hub staff"):
        with_second_factor(users[role])
    advisor, other_advisor = AdvisorFactory(), AdvisorFactory()
    users["advisor"], users["other advisor"] = advisor.user, other_advisor.user
    return users, advisor, other_advisor


@pytest.fixture
def world(django_user_model):
    einbeck = HubFactory(slug="einbeck")
    oldenburg = HubFactory(slug="oldenburg", state="SH")
    users, advisor, _ = the_people(einbeck, oldenburg)
    citizen = users["citizen"]
    soon = timezone.now() + timedelta(days=3)
    event = EventFactory(hub=einbeck, start=soon, end=soon + timedelta(hours=2))
    booking = BookingFactory(
        person=citizen,
        workspace=WorkspaceFactory(hub=einbeck),
        start=soon,
        end=soon + timedelta(hours=1),
    )
    return {
        "users": users,
        "einbeck": einbeck,
        "oldenburg": oldenburg,
        "event": event,
        "draft": EventFactory(
            hub=oldenburg, status=Event.Status.DRAFT, start=soon, end=soon + timedelta(hours=1)
        ),
        "registration": RegistrationFactory(event=event, person=citizen, name=citizen.name),
        "booking": booking,
        "appointment": AppointmentFactory(
            person=citizen, advisor=advisor, hub=einbeck, start=soon, end=soon + timedelta(hours=1)
        ),
        "profile": MemberProfileFactory(user=citizen),
        "advisor": advisor,
    }


def matrix(w):
    """(url name, url, {roles that get the page}, what the anonymous visitor gets)."""
    r, b, a = w["registration"], w["booking"], w["appointment"]
    ct = ContentType.objects.get_for_model(Event).pk
    own_lists = [
        ("accounts:profile", reverse("accounts:profile")),
        ("events:mine", reverse("events:mine")),
        ("coworking:mine", reverse("coworking:mine")),
        ("coworking:profile", reverse("coworking:profile")),
        ("funding:mine", reverse("funding:mine")),
        ("accounts:data_export", reverse("accounts:data_export")),
    ]
    rows = [(name, url, ALL, "login") for name, url in own_lists]
    rows += [
        ("events:my_cancel", reverse("events:my_cancel", args=[r.pk]), {"citizen"}, "login"),
        ("events:print", reverse("events:print", args=[r.pk]), STAFF, "login"),
        ("coworking:booking", reverse("coworking:booking", args=[b.pk]), {"citizen"}, "login"),
        ("coworking:cancel", reverse("coworking:cancel", args=[b.pk]), {"citizen"}, "login"),
        ("coworking:ics", reverse("coworking:ics", args=[b.pk]), {"citizen"}, "login"),
        ("funding:appointment", reverse("funding:appointment", args=[a.pk]), {"citizen"}, "login"),
        ("funding:ics", reverse("funding:ics", args=[a.pk]), {"citizen"}, "login"),
        ("funding:advisor", reverse("funding:advisor"), {"advisor", "other advisor"}, "login"),
        (
            "funding:advisor_availability",
            reverse("funding:advisor_availability"),
            {"advisor", "other advisor"},
            "login",
        ),
        (
            "funding:advisor_appointment",
            reverse("funding:advisor_appointment", args=[a.pk]),
            {"advisor"},
            "login",
        ),
        ("admin:index", reverse("admin:index"), STAFF | {"other hub staff"}, "login"),
        ("admin booking", reverse("admin:coworking_booking_change", args=[b.pk]), STAFF, "login"),
        (
            "admin registration",
            reverse("admin:events_registration_change", args=[r.pk]),
            STAFF,
            "login",
        ),
        (
            "admin appointment",
            reverse("admin:funding_appointment_change", args=[a.pk]),
            STAFF,
            "login",
        ),
        ("admin event", reverse("admin:events_event_change", args=[w["event"].pk]), STAFF, "login"),
        ("admin hub", reverse("admin:hubs_hub_change", args=[w["einbeck"].pk]), STAFF, "login"),
        # Oldenburg's draft: its own staff and superusers, nobody from Einbeck.
        (
            "admin view on site",
            f"/admin/r/{ct}/{w['draft'].pk}/",
            {"superuser", "other hub staff"},
            "login",
        ),
        (
            "admin outbox",
            reverse("admin:notifications_message_changelist"),
            STAFF | {"other hub staff"},
            "login",
        ),
        ("admin audit log", reverse("admin:auditlog_logentry_changelist"), {"superuser"}, "login"),
        ("admin users", reverse("admin:accounts_user_changelist"), {"superuser"}, "login"),
        # Hub staff see their own hubs' figures, network staff (superusers here) all.
        ("admin figures", reverse("admin:figures"), STAFF | {"other hub staff"}, "login"),
        ("admin figures csv", reverse("admin:figures_csv"), STAFF | {"other hub staff"}, "login"),
        (
            "admin record of processing",
            reverse("admin:record_of_processing"),
            STAFF | {"other hub staff"},
            "login",
        ),
    ]
    return rows


# URL names that everyone may open (or book from), or that take a secret (a signed
# link, a feed token) instead of a login: tests/hubportal/test_security.py and the
# apps' tests check those. Actions on one's own items are in test_role_actions.py.
PUBLIC_OR_SECRET = {
    # The public JSON API: read-only, anonymous, no personal data (test_api.py).
    "api:hubs",
    "api:hub",
    "api:hub_status",
    "api:closures",
    "api:events",
    "api:event",
    "api:programmes",
    "api:programme",
    "api:free",
    "api:openapi-json",
    "api:api-root",
    "hubs:list",
    "hubs:detail",
    "hubs:calendar",
    "hubs:widget",
    "pages:page",
    "events:programme",
    "events:archive",
    "events:feed",
    "events:feed_hub",
    "events:feed_kind",
    "events:confirm",
    "events:cancel",
    "events:ics",
    "events:detail",
    "events:resend",
    "coworking:index",
    "coworking:feed",
    "coworking:cancel_link",
    "coworking:availability",
    "coworking:book",
    "funding:index",
    "funding:programmes",
    "funding:programme",
    "funding:book",
    "funding:photo",
    "funding:manage",
    "funding:manage_cancel",
    "funding:manage_move",
    "funding:manage_phone",
    "funding:manage_proposal_accept",
    "funding:manage_proposal_decline",
    "funding:accept",
    "funding:advisor_feed",
    # The public figures: only hubs that agreed, counts of people suppressed below 5.
    "figures:public",
    "figures:public_csv",
    "figures:public_json",
    # The showroom: published exhibits and their files, for everyone.
    "showroom:showroom",
    "showroom:exhibit",
    "showroom:file",
}


def outcome(response) -> str:
    if response.status_code == 200:
        return "ok"
    location = response.get("Location", "")
    if response.status_code == 302 and location.startswith("/accounts/login/"):
        return "login"
    if response.status_code == 302 and location.startswith("/admin/login/"):
        return "login"
    if response.status_code in (403, 404, 405):
        return "no"
    if response.status_code == 302 and location.startswith("/admin/"):
        return "no"  # the admin: "does not exist, perhaps it was deleted"
    if response.status_code == 302:
        return "ok"  # "view on site": on to the public page
    return f"{response.status_code} {location}"


def test_every_role_gets_what_it_may_and_nothing_else(client, world):
    rows = matrix(world)
    failures = []
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(world["users"][role])
        for name, url, allowed, anonymous in rows:
            expected = anonymous if role == "anonymous" else ("ok" if role in allowed else "no")
            got = outcome(client.get(url))
            if role not in allowed and role != "anonymous" and got == "login":
                got = "no"  # a logged-in person sent to log in as someone else: refused
            if got != expected:
                failures.append(f"{role:16} {name:28} expected {expected}, got {got}")
    assert not failures, "\n".join(failures)


def test_every_url_of_the_portal_is_in_the_matrix(world):
    from .test_role_actions import ACTIONS  # which imports this module's roles

    covered = {name for name, *_ in matrix(world)} | {a.name for a in ACTIONS} | PUBLIC_OR_SECRET
    names = set()
    namespaces = (
        *("events", "coworking", "funding", "hubs", "pages", "accounts", "api"),
        *("figures", "showroom"),
    )
    for namespace in namespaces:
        resolver = get_resolver()
        for prefix, (_, sub) in resolver.namespace_dict.items():
            if prefix == namespace:
                names |= {f"{namespace}:{n}" for n in sub.reverse_dict if isinstance(n, str)}
    assert names, "no URL names found"
    assert not names - covered, f"add these URLs to the role matrix: {sorted(names - covered)}"
