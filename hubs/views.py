from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.clickjacking import xframe_options_exempt

from hubportal import calendars
from hubportal.links import absolute
from hubportal.middleware import ContentSecurityPolicyMiddleware

from . import ics, selectors
from .map import hub_map


def home(request):
    overviews = selectors.hub_overviews()
    return render(
        request,
        "hubs/home.html",
        {"overviews": overviews, "hub_map": hub_map([o.hub for o in overviews])},
    )


def hub_list(request):
    hub_filter, overviews = selectors.hub_list(params=request.GET)
    return render(
        request,
        "hubs/hub_list.html",
        {
            "filter": hub_filter,
            "overviews": overviews,
            "hub_map": hub_map([o.hub for o in overviews]),
        },
    )


def hub_detail(request, slug):
    page = selectors.hub_page(slug=slug)
    # Where this hub lies among the others (one query, whatever the hub holds).
    network = hub_map(selectors.hubs_on_map())
    return render(request, "hubs/hub_detail.html", {"page": page, "hub_map": network})


def hub_calendar(request, slug):
    """The hub's openings and closed days as a subscribable calendar."""
    today = timezone.localdate()
    hub, calendar = selectors.hub_calendar(slug=slug, today=today)
    return calendars.ics_response(ics.hub_feed(hub, calendar, today, absolute(request.path)))


@xframe_options_exempt  # the Content-Security-Policy below says who may frame it
def hub_widget(request, slug):
    """The hub's widget for a town's website to frame: open now, next events."""
    overview = selectors.hub_widget(slug=slug)
    response = render(request, "hubs/widget.html", {"overview": overview, "hub": overview.hub})
    ancestors = " ".join(overview.hub.frame_origins) or "'none'"
    response["Content-Security-Policy"] = ContentSecurityPolicyMiddleware.POLICY.replace(
        "frame-ancestors 'none'", f"frame-ancestors {ancestors}"
    )
    return response
