from django.shortcuts import render

from . import selectors


def home(request):
    return render(request, "hubs/home.html", {"overviews": selectors.hub_overviews()})


def hub_list(request):
    hub_filter, overviews = selectors.hub_list(params=request.GET)
    return render(request, "hubs/hub_list.html", {"filter": hub_filter, "overviews": overviews})


def hub_detail(request, slug):
    return render(request, "hubs/hub_detail.html", {"page": selectors.hub_page(slug=slug)})
