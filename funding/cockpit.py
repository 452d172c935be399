"""What funding advice shows in the hub-staff cockpit (hubs/cockpit.py): requests
waiting for the advisor."""

from django.utils.translation import gettext_lazy as _

from hubs.cockpit import CockpitPanel, Place, changelist, figures

from .models import Appointment


def requests(hub_ids, day, now):
    waiting = Appointment.objects.filter(hub__in=hub_ids, status=Appointment.Status.REQUESTED)
    return figures(
        hub_ids,
        waiting,
        "hub",
        lambda hub: changelist(Appointment, status__exact="requested", hub__id__exact=hub),
    )


PANELS = [
    CockpitPanel(
        "funding.requests",
        requests,
        Place.FIGURES,
        label=_("Advice requests waiting for the advisor"),
        order=30,
    ),
]
