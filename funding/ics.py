"""Appointment calendars: one appointment as .ics, and an advisor's private feed."""

from datetime import timedelta

from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from hubportal import calendars
from hubportal.links import absolute

from .models import Appointment
from .states import appointment_state


def _vevent(appointment: Appointment, *, for_advisor: bool, alarm_before=None):
    if for_advisor:
        summary = _("%(service)s: %(name)s (%(org)s)") % {
            "service": capfirst(appointment.service_label),
            "name": appointment.name,
            "org": appointment.organisation,
        }
        # The question stays in the portal: calendars are synced to phones and servers
        # the portal does not control.
        description = _("Question and notes: in the portal, behind your login.")
        url = absolute(reverse("funding:advisor_appointment", args=[appointment.pk]))
    else:
        summary = _("%(service)s with %(advisor)s") % {
            "service": capfirst(appointment.service_label),
            "advisor": appointment.advisor,
        }
        description = ""
        url = absolute(appointment.get_absolute_url())
    return calendars.vevent(
        uid=calendars.uid("appointment", appointment.pk),
        start=appointment.start,
        end=appointment.end,
        summary=summary,
        description=description,
        location=appointment.place_text(),
        url=url,
        status=appointment_state(appointment).calendar,
        created=appointment.created,
        updated=appointment.updated,
        alarm_before=alarm_before,
    )


def appointment_calendar(appointment: Appointment) -> bytes:
    state = appointment_state(appointment)
    cal = calendars.new_calendar(_("Funding advice"), method=calendars.method_for(state))
    cal.add_component(_vevent(appointment, for_advisor=False, alarm_before=timedelta(hours=1)))
    return calendars.to_bytes(cal)


def advisor_feed(appointments, name: str, source: str) -> bytes:
    cal = calendars.new_calendar(name, source=source)
    for appointment in appointments:
        cal.add_component(_vevent(appointment, for_advisor=True))
    return calendars.to_bytes(cal)
