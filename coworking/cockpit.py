"""What co-working shows in the hub-staff cockpit (hubs/cockpit.py): the day's desk
and room bookings with check-ins, bookings waiting for approval, a column in the
week table."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from hubportal.timeranges import local_span
from hubs.cockpit import CockpitPanel, Figure, Place, by_hub, changelist, figures, per_day

from .models import Booking

NOT_HELD = [Booking.Status.CANCELLED, Booking.Status.DECLINED]


def day_bookings(hub_ids, day, now):
    start, end = local_span(day)
    bookings = Booking.objects.filter(
        workspace__hub__in=hub_ids, start__lt=end, end__gt=start
    ).exclude(status__in=NOT_HELD)
    counts = by_hub(bookings, "workspace__hub")
    checked_in = by_hub(bookings.filter(status=Booking.Status.CHECKED_IN), "workspace__hub")
    today = reverse("admin:coworking_booking_today")
    found = {}
    for hub in hub_ids:
        n = checked_in.get(hub, 0)
        note = ngettext("%(n)d checked in", "%(n)d checked in", n) % {"n": n}
        url = f"{today}?{urlencode({'hub': hub, 'day': day.isoformat()})}"
        found[hub] = Figure(counts.get(hub, 0), url, note)
    return found


def approvals(hub_ids, day, now):
    pending = Booking.objects.filter(workspace__hub__in=hub_ids, status=Booking.Status.PENDING)
    return figures(
        hub_ids,
        pending,
        "workspace__hub",
        lambda hub: changelist(Booking, status__exact="pending", workspace__hub__id__exact=hub),
    )


def week_counts(hub_ids, day, now):
    bookings = Booking.objects.filter(workspace__hub__in=hub_ids).exclude(status__in=NOT_HELD)
    return per_day(bookings, "workspace__hub", now)


PANELS = [
    CockpitPanel(
        "coworking.today", day_bookings, Place.FIGURES, label=_("Desk and room bookings"), order=10
    ),
    CockpitPanel(
        "coworking.approvals",
        approvals,
        Place.FIGURES,
        label=_("Bookings waiting for approval"),
        order=20,
    ),
    CockpitPanel("coworking.week", week_counts, Place.WEEK, label=_("Bookings"), order=20),
]
