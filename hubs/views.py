from django.shortcuts import render

from . import selectors
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
    return render(request, "hubs/hub_detail.html", {"page": selectors.hub_page(slug=slug)})
