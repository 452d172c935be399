"""Who may do what: every action (POST) of the portal's own apps and the staff actions
of the admin, tried by the eight roles of test_role_matrix.py. The wrong person is
refused and nothing in the database changes; each person allowed gets it done. An
action added without a line here fails test_every_url_of_the_portal_is_in_the_matrix.

Each try runs in a savepoint that is rolled back, so every role meets the same world:
the citizen's registration, bookings and appointments at Einbeck, the advisor's
windows and absence, and Einbeck's closure, on Monday 23 November 2026, 08:00.
"""

import io
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from datetime import time as clock_time

import pytest
import time_machine
from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from PIL import Image

from coworking.models import Booking, MemberProfile
from events.models import Event, Registration
from funding.models import Absence, Advisor, Appointment, AvailabilityWindow, Mode
from hubs.models import OpeningException
from notifications.models import Message
from tests.clock import at
from tests.factories import (
    AbsenceFactory,
    AppointmentFactory,
    AvailabilityWindowFactory,
    BookingFactory,
    CoworkingHoursFactory,
    EventFactory,
    HubFactory,
    MemberProfileFactory,
    MessageFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    RegistrationFactory,
    WorkspaceFactory,
)

from .test_role_matrix import ALL, ROLES, STAFF, the_people

pytestmark = pytest.mark.django_db
ADVISORS = {"advisor", "other advisor"}
CITIZENS = {"citizen", "other citizen"}


@pytest.fixture
def world():
    with time_machine.travel(at(23, 8), tick=False):
        einbeck = HubFactory(slug="einbeck", state="NI")
        oldenburg = HubFactory(slug="oldenburg", state="SH")
        for weekday in range(5):
            # Open until 16:00, so the advisors' Tuesday 09:00-15:00 lies within.
            OpeningHoursFactory(
                hub=einbeck, weekday=weekday, opens=clock_time(9), closes=clock_time(16)
            )
            CoworkingHoursFactory(hub=einbeck, weekday=weekday, opens=clock_time(8))
        users, advisor, other_advisor = the_people(einbeck, oldenburg)
        for each in (advisor, other_advisor):
            each.hubs.add(einbeck)
            AvailabilityWindowFactory(advisor=each, weekday=1, hub=einbeck)  # Tuesdays
        citizen = users["citizen"]
        desk = WorkspaceFactory(hub=einbeck)
        event = EventFactory(hub=einbeck, start=at(26, 18), end=at(26, 20))

        def appointment(start, **fields):
            return AppointmentFactory(
                person=citizen,
                advisor=advisor,
                hub=einbeck,
                mode=Mode.ON_SITE,
                start=start,
                end=start + timedelta(hours=1),
                **fields,
            )

        return {
            "users": users,
            "einbeck": einbeck,
            "event": event,
            "registration": RegistrationFactory(event=event, person=citizen, name=citizen.name),
            "booking": BookingFactory(
                person=citizen, workspace=desk, start=at(24, 10), end=at(24, 12)
            ),
            "today": BookingFactory(
                person=citizen, workspace=desk, start=at(23, 8), end=at(23, 10)
            ),
            "desk": desk,
            "profile": MemberProfileFactory(user=citizen),
            "appointment": appointment(at(24, 9)),
            "requested": appointment(
                at(date(2026, 12, 1), 10), status=Appointment.Status.REQUESTED
            ),
            "proposed": appointment(at(24, 11), proposed_start=at(24, 14)),
            "past": appointment(at(20, 10)),
            "done": appointment(at(20, 14), status=Appointment.Status.DONE),
            "window": advisor.windows.get(),
            "absence": AbsenceFactory(advisor=advisor, start_date=date(2026, 12, 10)),
            "closure": OpeningExceptionFactory(
                hub=einbeck, start_date=date(2026, 12, 24), end_date=date(2026, 12, 24)
            ),
        }


def a_photo():
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), "navy").save(buffer, "PNG")
    return SimpleUploadedFile("me.png", buffer.getvalue())


@dataclass
class Action:
    name: str  # the URL name (or the admin's, with a word on which action)
    url: Callable
    allowed: set
    data: Callable = field(default=lambda w: {})


def _admin(name, *args):
    return lambda w: reverse(f"admin:{name}", args=[w[a].pk for a in args])


def _url(name, *args):
    return lambda w: reverse(name, args=[w[a].pk for a in args])


ACTIONS = [
    # the citizen's own items
    Action("events:my_cancel", _url("events:my_cancel", "registration"), {"citizen"}),
    Action("coworking:cancel", _url("coworking:cancel", "booking"), {"citizen"}),
    Action("coworking:feed_renew", _url("coworking:feed_renew"), {"citizen"}),  # has a profile
    Action(
        "funding:appointment_cancel", _url("funding:appointment_cancel", "appointment"), {"citizen"}
    ),
    Action(
        "funding:appointment_move",
        _url("funding:appointment_move", "appointment"),
        {"citizen"},
        lambda w: {"start": at(24, 12, 30).isoformat()},
    ),
    Action(
        "funding:appointment_phone",
        _url("funding:appointment_phone", "appointment"),
        {"citizen"},
        lambda w: {"phone": "05561 923 60"},
    ),
    Action(
        "funding:appointment_proposal_accept",
        _url("funding:appointment_proposal_accept", "proposed"),
        {"citizen"},
    ),
    Action(
        "funding:appointment_proposal_decline",
        _url("funding:appointment_proposal_decline", "proposed"),
        {"citizen"},
    ),
    # one's own account
    Action(
        "accounts:profile",
        _url("accounts:profile"),
        ALL,
        lambda w: {"name": "Neuer Name", "organisation": "", "language": "de"},
    ),
    Action(
        "accounts:name",
        _url("accounts:name"),
        ALL,
        lambda w: {"first_name": "Neue", "last_name": "Name", "organisation": ""},
    ),
    # staff and advisors are closed by the administration
    Action("accounts:delete", _url("accounts:delete"), CITIZENS),
    # the advisor's own appointments and availability
    Action(
        "funding:advisor_appointment_confirm",
        _url("funding:advisor_appointment_confirm", "requested"),
        {"advisor"},
    ),
    Action(
        "funding:advisor_appointment_decline",
        _url("funding:advisor_appointment_decline", "requested"),
        {"advisor"},
        lambda w: {"decline-reason": "Kein Termin frei"},
    ),
    Action(
        "funding:advisor_appointment_propose",
        _url("funding:advisor_appointment_propose", "appointment"),
        {"advisor"},
        lambda w: {"propose-date": "2026-11-24", "propose-time": "12:30"},
    ),
    Action(
        "funding:advisor_appointment_cancel",
        _url("funding:advisor_appointment_cancel", "appointment"),
        {"advisor"},
        lambda w: {"cancel-reason": "Krank"},
    ),
    Action(
        "funding:advisor_appointment_done",
        _url("funding:advisor_appointment_done", "past"),
        {"advisor"},
    ),
    Action(
        "funding:advisor_appointment_no_show",
        _url("funding:advisor_appointment_no_show", "past"),
        {"advisor"},
    ),
    Action(
        "funding:advisor_appointment_notes",
        _url("funding:advisor_appointment_notes", "appointment"),
        {"advisor"},
        lambda w: {"notes-notes": "Antrag bis Januar"},
    ),
    Action(
        "funding:advisor_appointment_outcome",
        _url("funding:advisor_appointment_outcome", "done"),
        {"advisor"},
        lambda w: {"outcome-outcome": "applied", "outcome-amount": "to_50k"},
    ),
    Action(
        "funding:advisor_appointment_followup",
        _url("funding:advisor_appointment_followup", "past"),
        {"advisor"},
        lambda w: {"followup-checklist": "Kostenplan", "followup-message": ""},
    ),
    Action("funding:advisor_feed_renew", _url("funding:advisor_feed_renew"), ADVISORS),
    Action(
        "funding:advisor_window_add",
        _url("funding:advisor_window_add"),
        ADVISORS,
        lambda w: {"window-weekday": 3, "window-starts": "09:00", "window-ends": "12:00"},
    ),
    Action(
        "funding:advisor_window_change",
        _url("funding:advisor_window_change", "window"),
        {"advisor"},
        lambda w: {"window-weekday": 3, "window-starts": "10:00", "window-ends": "12:00"},
    ),
    Action(
        "funding:advisor_window_delete",
        _url("funding:advisor_window_delete", "window"),
        {"advisor"},
    ),
    Action(
        "funding:advisor_absence_add",
        _url("funding:advisor_absence_add"),
        ADVISORS,
        lambda w: {"absence-start_date": "2026-12-01", "absence-end_date": "2026-12-02"},
    ),
    Action(
        "funding:advisor_absence_delete",
        _url("funding:advisor_absence_delete", "absence"),
        {"advisor"},
    ),
    Action(
        "funding:advisor_photo",
        _url("funding:advisor_photo"),
        ADVISORS,
        lambda w: {"photo-photo": a_photo()},
    ),
    # the staff of the items' hub (Einbeck), in the admin
    Action(
        "admin: cancel an event",
        _admin("events_event_cancel", "event"),
        STAFF,
        lambda w: {"reason": "Die Referentin ist krank."},
    ),
    Action(
        "admin: register a caller",
        _admin("events_event_register", "event"),
        STAFF,
        lambda w: {
            "name": "Hans Meier",
            "email": "hans@example.org",
            "phone": "",
            "language": "de",
            "participation": "on_site",
        },
    ),
    Action(
        "admin: record attendance",
        _admin("events_event_attendees", "event"),
        STAFF,
        lambda w: {"registration": w["registration"].pk, "attendance": "attended"},
    ),
    Action(
        "admin: duplicate an event",
        _admin("events_event_changelist"),
        STAFF,
        lambda w: {"action": "duplicate", "_selected_action": [w["event"].pk]},
    ),
    Action(
        "admin: cancel a booking",
        _admin("coworking_booking_changelist"),
        STAFF,
        lambda w: {"action": "cancel", "_selected_action": [w["booking"].pk]},
    ),
    Action("admin: check in", _admin("coworking_booking_check_in", "today"), STAFF),
    Action("admin: no-show", _admin("coworking_booking_no_show", "today"), STAFF),
    Action(
        "admin: book for a caller",
        _admin("coworking_booking_book_for", "einbeck"),
        STAFF,
        lambda w: {
            "name": "Frau Anruferin",
            "phone": "05561 555",
            "workspace": w["desk"].pk,
            "date": "2026-11-25",
            "quick": "custom",
            "start_time": "09:00",
            "end_time": "10:00",
        },
    ),
    Action(
        "admin: delete a closure",
        _admin("hubs_openingexception_delete", "closure"),
        STAFF,
        lambda w: {"post": "yes", "_calendar_confirmed": "1"},  # after the preview
    ),
    Action(
        "admin: resend an email",
        _admin("notifications_message_changelist"),
        STAFF,
        lambda w: {
            "action": "resend",
            "_selected_action": [Message.objects.filter(hub=w["einbeck"]).first().pk],
        },
    ),
]

# What an action may change: anything in these tables, compared row by row.
WATCHED = [
    Registration,
    Event,
    Booking,
    MemberProfile,
    Appointment,
    AvailabilityWindow,
    Absence,
    Advisor,
    OpeningException,
    Message,
]


def database():
    rows = {model.__name__: list(model.objects.order_by("pk").values()) for model in WATCHED}
    rows["User"] = list(
        get_user_model()
        .objects.order_by("pk")
        .values("pk", "name", "organisation", "language", "is_active")
    )
    return rows


def log_in(client, user):
    """Logged in a minute ago with the password: deleting the account asks for it
    again only after allauth's reauthentication timeout."""
    client.force_login(user)
    session = client.session
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": time.time(), "reauthenticated": True}
    ]
    session.save()


def attempt(client, world, action, role):
    """(status, where to, whether the database changed), rolled back afterwards."""
    with transaction.atomic():
        client.logout()
        if role != "anonymous":
            log_in(client, world["users"][role])
        before = database()
        response = client.post(action.url(world), action.data(world))
        changed = database() != before
        transaction.set_rollback(True)
    return response.status_code, response.get("Location", ""), changed


@pytest.fixture
def outbox_message(world):
    """An email about Einbeck in the outbox, for the resend action."""
    return MessageFactory(hub=world["einbeck"], status=Message.Status.SENT)


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
def test_every_role_may_do_what_it_may_and_nothing_else(client, world, outbox_message, action):
    failures = []
    # Monday 08:00; the event (Thursday) is recorded on its day.
    moment = at(26, 17) if action.name == "admin: record attendance" else at(23, 8)
    with time_machine.travel(moment, tick=False):
        for role in ROLES:
            status, location, changed = attempt(client, world, action, role)
            if role in action.allowed:
                if not changed or status >= 400:
                    failures.append(f"{role}: not done ({status} {location})")
            elif changed or status >= 500 or status == 200:
                failures.append(f"{role}: not refused ({status} {location}, changed={changed})")
            elif role == "anonymous" and "/login/" not in location and status not in (403, 404):
                failures.append(f"anonymous: not sent to log in ({status} {location})")
    assert not failures, "\n".join(failures)
