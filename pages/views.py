from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from accounts.privacy import record_of_processing
from hubs.models import Hub

from .models import Page

# The data-protection supervisory authority of each state a hub is in (Art. 77 DSGVO).
SUPERVISORS = {
    "NI": _(
        "The State Commissioner for Data Protection of Lower Saxony (LfD Niedersachsen), "
        "Prinzenstraße 5, 30159 Hannover"
    ),
    "SH": _(
        "The Independent Centre for Privacy Protection Schleswig-Holstein (ULD), "
        "Holstenstraße 98, 24103 Kiel"
    ),
}


def page(request, slug):
    context = {"page": get_object_or_404(Page, slug=slug)}
    if slug == "privacy":
        # The parts of the notice the portal knows itself: retention from the settings,
        # the authority per hub state; staff write the rest (controller, DPO) and fill
        # PRIVACY_CONTROLLER / PRIVACY_DPO.
        states = Hub.objects.order_by("state").values_list("state", flat=True).distinct()
        context.update(
            record=record_of_processing(),
            supervisors=[SUPERVISORS[s] for s in states if s in SUPERVISORS],
            controller=settings.PRIVACY_CONTROLLER,
            dpo=settings.PRIVACY_DPO,
        )
    return render(request, "pages/page.html", context)
