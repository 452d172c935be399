"""The public statistics page: the hubs that agreed to publish their figures."""

from django.shortcuts import render
from django.urls import reverse

from . import pages


def public(request):
    context = pages.context(
        request, hubs=pages.public_hubs(), remote=False, data_url=reverse("figures:public_json")
    )
    return render(request, "figures/public.html", context)


def public_data(request, fmt):
    return pages.data(request, hubs=pages.public_hubs(), remote=False, fmt=fmt, name="hub-figures")
