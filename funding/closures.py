"""Advice appointments as the closure preview and the cockpit see them
(hubs/calendar_changes.py): an appointment is hit when its time leaves the hub's
hours; staff may cancel or keep it."""

from django.utils.translation import gettext as _

from hubs.calendar_changes import ClosureSource, Held

from .models import Appointment
from .services import appointment_cancel, appointment_keep_on_closed_day


def held(hub_ids, start, end):
    appointments = (
        Appointment.objects.active()
        .filter(hub__in=hub_ids, start__gte=start, start__lt=end, held_on_closed_day=False)
        .select_related("advisor")
        .order_by("start")
    )
    return [Held(a, a.hub_id, _what(a), a.start, a.end) for a in appointments]


def _what(appointment) -> str:
    return _("Advice with %(advisor)s: %(name)s") % {
        "advisor": appointment.advisor.public_name,
        "name": appointment.name,
    }


SOURCE = ClosureSource(
    kind="appointment",
    admin_change="admin:funding_appointment_change",
    held=held,
    cancel=lambda appointment, reason: appointment_cancel(
        appointment=appointment, reason=reason, by_hub=True
    ),
    keep=lambda appointment: appointment_keep_on_closed_day(appointment=appointment),
)
