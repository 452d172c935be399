"""The states of an advice appointment, each with its words for the page, the email,
the calendar file, the API and the export (hubportal/states.py)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hubportal.dates import local_format
from hubportal.states import (
    CANCELLED,
    CONFIRMED,
    KEPT_ON_CLOSED_DAY,
    TENTATIVE,
    State,
    StateOf,
)

from .models import Appointment

S = Appointment.Status
REQUESTED = State.of(
    S.REQUESTED,
    TENTATIVE,
    _("Your request awaits the advisor's confirmation; you will get an email either way."),
)
PROPOSED = State(
    "proposed",
    _("Another time proposed: %(when)s"),
    TENTATIVE,
    _(
        "The advisor proposes another time: %(when)s. Accept it or decline it; until "
        "then your appointment is not confirmed."
    ),
)
BOOKED = State.of(S.CONFIRMED, CONFIRMED)
DECLINED = State.of(S.DECLINED, CANCELLED)
CANCELLED_ = State.of(S.CANCELLED, CANCELLED)
DONE = State.of(S.DONE, CONFIRMED)
NO_SHOW = State.of(S.NO_SHOW, CANCELLED)

BY_STATUS = {
    S.REQUESTED: REQUESTED,
    S.CONFIRMED: BOOKED,
    S.DECLINED: DECLINED,
    S.CANCELLED: CANCELLED_,
    S.DONE: DONE,
    S.NO_SHOW: NO_SHOW,
}


def appointment_state(appointment: Appointment) -> StateOf:
    if appointment.held_on_closed_day and appointment.status == S.CONFIRMED:
        return KEPT_ON_CLOSED_DAY.words()
    if appointment.is_active and appointment.proposed_start is not None:
        when = timezone.localtime(appointment.proposed_start)
        return PROPOSED.words(when=local_format(when, "l, j. F Y, H:i"))
    return BY_STATUS[appointment.status].words()
