from datetime import timedelta

from django import template
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from hubportal.dates import local_format

from ..hours import LOCAL_TZ

register = template.Library()


def _when(moment, now) -> str:
    """'09:00' today, 'tomorrow 09:00', 'Tue 09:00' within a week, else a date."""
    local = moment.astimezone(LOCAL_TZ)
    today = now.astimezone(LOCAL_TZ).date()
    clock = time_format(local.time(), "H:i")
    if local.date() == today:
        return _("today at %(time)s") % {"time": clock}
    if local.date() == today + timedelta(days=1):
        return _("tomorrow at %(time)s") % {"time": clock}
    if local.date() < today + timedelta(days=7):
        return _("%(day)s at %(time)s") % {"day": date_format(local, "l"), "time": clock}
    return _("%(date)s at %(time)s") % {"date": local_format(local, "j. F Y"), "time": clock}


@register.inclusion_tag("hubs/includes/status.html")
def opening_status(status, now=None):
    now = now or timezone.now()
    if status.is_open:
        text = _("Open now, until %(time)s") % {"time": _when(status.closes_at, now)}
    elif status.next_opening:
        text = _("Closed now, opens %(when)s") % {"when": _when(status.next_opening, now)}
    else:
        text = _("Closed, no opening hours announced")
    return {"is_open": status.is_open, "text": text}


@register.filter
def clock(moment):
    """An aware datetime as local wall-clock time, e.g. '09:00'."""
    return time_format(moment.astimezone(LOCAL_TZ).time(), "H:i")


@register.simple_tag
def intervals_text(day):
    """'09:00–13:00, 14:00–18:00', or why the hub is closed that day."""
    if day.closed_reason:
        return _("closed (%(reason)s)") % {"reason": day.closed_reason}
    if not day.intervals:
        return _("closed")
    return ", ".join(f"{clock(iv.start)}–{clock(iv.end)}" for iv in day.intervals)
