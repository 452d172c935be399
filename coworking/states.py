"""The states of a desk or room booking, each with its words for the page, the email,
the calendar file, the API and the export (hubportal/states.py)."""

from django.utils.translation import gettext_lazy as _

from hubportal.states import (
    CANCELLED,
    CONFIRMED,
    KEPT_ON_CLOSED_DAY,
    TENTATIVE,
    State,
    StateOf,
)

from .models import Booking

S = Booking.Status
BY_STATUS = {
    S.PENDING: State.of(
        S.PENDING,
        TENTATIVE,
        _("The hub's staff still have to approve this booking; you will get an email either way."),
    ),
    S.CONFIRMED: State.of(S.CONFIRMED, CONFIRMED),
    S.CHECKED_IN: State.of(S.CHECKED_IN, CONFIRMED),
    S.CANCELLED: State.of(S.CANCELLED, CANCELLED),
    S.DECLINED: State.of(S.DECLINED, CANCELLED),
    S.NO_SHOW: State.of(S.NO_SHOW, CANCELLED),
    S.RELEASED: State.of(
        S.RELEASED,
        CANCELLED,
        _("You had not checked in by the release time, so the place was freed for others."),
    ),
}


def booking_state(booking: Booking) -> StateOf:
    if booking.held_on_closed_day and booking.status == S.CONFIRMED:
        return KEPT_ON_CLOSED_DAY.words()
    return BY_STATUS[booking.status].words()
