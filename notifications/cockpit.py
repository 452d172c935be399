"""What the outbox shows in the hub-staff cockpit (hubs/cockpit.py): emails that
failed or got stuck."""

from django.utils.translation import gettext_lazy as _

from hubs.cockpit import CockpitPanel, Place, changelist, figures

from .models import Message


def trouble(hub_ids, day, now):
    messages = Message.objects.needing_attention(now).filter(hub__in=hub_ids)
    return figures(
        hub_ids, messages, "hub", lambda hub: changelist(Message, trouble="yes", hub__id__exact=hub)
    )


PANELS = [
    CockpitPanel(
        "notifications.trouble",
        trouble,
        Place.FIGURES,
        label=_("Emails that failed or got stuck"),
        order=40,
    ),
]
