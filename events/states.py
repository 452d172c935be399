"""The states of a registration for an event, each with its words for the page, the
email, the API and the export (hubportal/states.py). A registration has no calendar
entry of its own (the event's file is the event's): `calendar` says what a person's
diary should show for it, and a place on the waiting list shows nothing."""

from django.utils.translation import gettext_lazy as _

from hubportal.states import CANCELLED, CONFIRMED, TENTATIVE, State, StateOf

from .models import Registration, guest_hold

S = Registration.Status
AWAITING_EMAIL = State(
    "awaiting_email_confirmation",
    _("Place reserved – email confirmation pending"),
    TENTATIVE,
    _(
        "Please confirm your registration with the link in the email we sent you within "
        "%(minutes)d minutes; until then your place is held, afterwards it goes to the "
        "next person."
    ),
)
WAITING_AWAITING_EMAIL = State(
    "waiting_list_email_confirmation",
    _("Waiting list, position %(n)d – email confirmation pending"),
    None,
    _(
        "The event is fully booked: you are on the waiting list, position %(n)d. Please "
        "confirm your address with the link in the email we sent you within %(minutes)d "
        "minutes, or your place on the list lapses. If a place becomes free, you move up "
        "automatically and we tell you by email."
    ),
)
WAITING = State(
    "waiting_list",
    _("Waiting list, position %(n)d"),
    None,
    _(
        "The event is fully booked: you are on the waiting list, position %(n)d. If a "
        "place becomes free, you move up automatically and we tell you by email."
    ),
)
REGISTERED = State.of(S.CONFIRMED, CONFIRMED)
EVENT_CANCELLED = State("event_cancelled", _("The event has been cancelled"), CANCELLED)
CANCELLED_ = State.of(S.CANCELLED, CANCELLED)
EXPIRED = State.of(S.EXPIRED, CANCELLED)


def registration_state(registration: Registration) -> StateOf:
    minutes = int(guest_hold().total_seconds() // 60)
    if registration.event.is_cancelled and registration.status != S.EXPIRED:
        # Also for those the cancellation took off the waiting list: the hub cancelled.
        return EVENT_CANCELLED.words()
    pending = registration.is_active and registration.awaits_email_confirmation
    if registration.status == S.WAITLISTED:
        state = WAITING_AWAITING_EMAIL if pending else WAITING
        return state.words(n=registration.waiting_position, minutes=minutes)
    if pending:
        return AWAITING_EMAIL.words(minutes=minutes)
    return {S.CONFIRMED: REGISTERED, S.CANCELLED: CANCELLED_, S.EXPIRED: EXPIRED}[
        registration.status
    ].words()
